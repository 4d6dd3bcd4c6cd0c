#pragma once
// Where ingest reads bytes from: a file (streamed in chunks, never slurped) or memory (HTTP
// bodies, tests, fuzzing).
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ticketlens::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to n bytes into buf; returns 0 at the end. Throws Error(kIo) on failure.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  /// A name for messages: the file path, or e.g. "<request body>".
  [[nodiscard]] virtual const std::string& name() const = 0;
};

std::unique_ptr<ByteSource> open_file_source(const std::filesystem::path& path);
/// The bytes are copied; the source owns them.
std::unique_ptr<ByteSource> memory_source(std::string bytes, std::string name);

/// The bytes a reader asks its source for at a time (tests pass tiny chunks to exercise
/// records split across refills).
inline constexpr std::size_t kDefaultChunkSize = std::size_t{4} << 20;

/// Reads a source in chunks and hands out complete lines or records. The buffer grows when one
/// record is longer than it. Views stay valid until the next refill.
class ChunkBuffer {
 public:
  /// `chunk` is the initial capacity in bytes (at least 1).
  explicit ChunkBuffer(ByteSource& source, std::size_t chunk = kDefaultChunkSize);
  /// Refills until at least n unconsumed bytes are buffered or the input ended; true if there
  /// are n bytes (used to look at a byte-order mark whatever the chunk size).
  bool ensure(std::size_t n);
  /// The unconsumed bytes; at least one more byte unless at_end().
  [[nodiscard]] std::string_view view() const noexcept { return {data_ + pos_, end_ - pos_}; }
  void consume(std::size_t n) noexcept { pos_ += n; }
  /// Moves the unconsumed bytes to the front and reads more; false when nothing more came.
  bool refill();
  [[nodiscard]] bool eof() const noexcept { return eof_; }
  /// Mutable access for in-place unescaping of the unconsumed region.
  [[nodiscard]] char* mutable_data() noexcept { return data_ + pos_; }

 private:
  ByteSource& source_;
  std::unique_ptr<char[]> storage_;
  std::size_t capacity_;
  char* data_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
};

/// True when the bytes are valid UTF-8 (fast path for ASCII).
bool is_valid_utf8(std::string_view s) noexcept;

}  // namespace ticketlens::ingest
