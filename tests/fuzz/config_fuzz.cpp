// Fuzzes the config loader: any bytes either parse into a Config or fail with Error(kConfig);
// nothing else may escape.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto config = ticketlens::model::parse_config(text, "fuzz.toml");
    FUZZ_CHECK(config.recurrent_days >= 0 && config.precursor_window_hours >= 0);
    for (const auto& p : config.playbooks) FUZZ_CHECK(!p.name.empty() && !p.when.empty());
  } catch (const ticketlens::Error& e) {
    FUZZ_CHECK(e.code() == ticketlens::ErrorCode::kConfig);
  }
  return 0;
}
