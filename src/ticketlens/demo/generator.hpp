#pragma once
// The demo company: a realistic B2B SaaS book (accounts, users, product events, tickets,
// root-cause issues, subscriptions, releases, surveys, an experiment) written as the nine
// canonical CSV files of DESIGN.md, with known effects planted for the analyses to find.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ticketlens/common/time.hpp"

namespace ticketlens::demo {

enum class Size { kSmall, kMedium, kLarge };

/// "small" | "medium" | "large" (exact, lowercase); nullopt otherwise.
std::optional<Size> parse_size(std::string_view name);
/// "small" | "medium" | "large".
std::string_view size_name(Size size);

struct DemoOptions {
  Size size = Size::kSmall;
  /// 0: the size's number of accounts; otherwise this many (tests whose planted effects need more
  /// events than the small demo's 500 accounts hold, without the medium demo's 20k).
  int accounts = 0;
  std::uint64_t seed = 42;
  /// Data ends at this instant (exclusive). The CLI passes the Monday 00:00 UTC of the current
  /// ISO week; tests pass a fixed date. The world covers the two years (730 days) before it.
  Timestamp end = 0;
  /// false: the same world shape with none of the planted effects (and no experiment effect).
  bool plant_effects = true;
  /// Called with a stage name ("accounts", "timelines", "tickets", "events", ...) and the
  /// overall fraction done in [0, 1]. May be empty.
  std::function<void(std::string_view stage, double fraction)> progress;
  /// Multiplies the number of product events only (accounts, tickets and revenue are unchanged).
  /// 1 for real use; tests under sanitizers pass less to stay quick.
  double event_scale = 1.0;
};

struct DemoSummary {
  std::map<std::string, std::int64_t> rows_per_file;  ///< "events.csv" -> data rows (no header)
  nlohmann::json planted;  ///< also written to data_dir/planted.json
};

/// Writes accounts.csv, users.csv, events.csv, tickets.csv, issues.csv, subscriptions.csv,
/// releases.csv, surveys.csv, assignments.csv and planted.json into data_dir (created if
/// missing; existing files are overwritten). The same options give byte-identical files.
/// Throws Error(kIo) when a file cannot be written, Error(kInvalidInput) when end is not after
/// 2000-01-01.
DemoSummary generate_demo(const DemoOptions& options, const std::filesystem::path& data_dir);

}  // namespace ticketlens::demo
