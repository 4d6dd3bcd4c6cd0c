#include "ticketlens/common/error.hpp"

namespace ticketlens {

int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kUsage:
    case ErrorCode::kConfig:
    case ErrorCode::kNotFound:
      return 1;
    case ErrorCode::kDataRejected:
    case ErrorCode::kInvalidInput:
      return 2;
    case ErrorCode::kIo:
    case ErrorCode::kStore:
    case ErrorCode::kInternal:
      return 3;
  }
  return 3;
}

}  // namespace ticketlens
