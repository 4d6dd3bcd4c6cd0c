#pragma once
// The one exception type for failures that end an operation. Expected outcomes (a rejected row,
// a model that did not converge) are data, not exceptions.
#include <stdexcept>
#include <string>

namespace ticketlens {

enum class ErrorCode {
  kUsage,          ///< bad command line or parameter
  kConfig,         ///< ticketlens.toml is invalid
  kInvalidInput,   ///< a caller passed inconsistent data (e.g. arrays of unequal length)
  kDataRejected,   ///< input rows failed validation; nothing landed
  kNotFound,       ///< a named thing (file, account, week) does not exist
  kIo,             ///< the file system or a socket failed
  kStore,          ///< the SQLite store or a segment file failed or is corrupt
  kInternal,       ///< a bug
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

/// The command-line exit code for an error code (docs/cli.md): 1 usage or configuration,
/// 2 data rejected, 3 internal.
int exit_code_for(ErrorCode code) noexcept;

}  // namespace ticketlens
