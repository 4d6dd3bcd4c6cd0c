#include "ticketlens/demo/generator.hpp"

#include <fmt/format.h>

#include <fstream>

#include "ticketlens/common/error.hpp"
#include "ticketlens/demo/world.hpp"

namespace ticketlens::demo {

std::optional<Size> parse_size(std::string_view name) {
  if (name == "small") return Size::kSmall;
  if (name == "medium") return Size::kMedium;
  if (name == "large") return Size::kLarge;
  return std::nullopt;
}

std::string_view size_name(Size size) {
  switch (size) {
    case Size::kSmall: return "small";
    case Size::kMedium: return "medium";
    case Size::kLarge: return "large";
  }
  return "small";
}

DemoSummary generate_demo(const DemoOptions& options, const std::filesystem::path& data_dir) {
  using namespace detail;
  constexpr Timestamp kYear2000 = 946684800;
  if (options.end <= kYear2000)
    throw Error(ErrorCode::kInvalidInput,
                fmt::format("demo end {} is not after 2000-01-01", format_timestamp(options.end)));
  if (!(options.event_scale >= 0))
    throw Error(ErrorCode::kInvalidInput, "demo event_scale must be >= 0");
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    throw Error(ErrorCode::kIo, fmt::format("cannot create {}: {}", data_dir.string(), ec.message()));

  auto report = [&](std::string_view stage, double fraction) {
    if (options.progress) options.progress(stage, std::clamp(fraction, 0.0, 1.0));
  };

  World world;
  world.options = options;
  world.options.progress = nullptr;
  world.end = options.end;
  world.start = options.end - 730 * kDay;
  world.truth.planted = options.plant_effects;

  report("accounts", 0.0);
  make_accounts(world);
  report("releases", 0.02);
  make_releases_and_issues(world);
  make_timelines(world, [&](double f) { report("timelines", 0.03 + 0.17 * f); });

  DemoSummary summary;
  report("writing", 0.2);
  summary.rows_per_file["accounts.csv"] = write_accounts(world, data_dir);
  summary.rows_per_file["users.csv"] = write_users(world, data_dir);
  summary.rows_per_file["subscriptions.csv"] = write_subscriptions(world, data_dir);
  summary.rows_per_file["releases.csv"] = write_releases(world, data_dir);
  summary.rows_per_file["issues.csv"] = write_issues(world, data_dir);
  summary.rows_per_file["assignments.csv"] = write_assignments(world, data_dir);
  report("tickets", 0.22);
  summary.rows_per_file["tickets.csv"] = write_tickets(world, data_dir);
  summary.rows_per_file["surveys.csv"] = write_surveys(world, data_dir);
  report("events", 0.25);
  summary.rows_per_file["events.csv"] =
      write_events(world, data_dir, [&](double f) { report("events", 0.25 + 0.74 * f); });

  summary.planted = planted_json(world);
  summary.planted["rows_per_file"] = summary.rows_per_file;
  const auto planted_path = data_dir / "planted.json";
  std::ofstream out(planted_path, std::ios::binary | std::ios::trunc);
  out << summary.planted.dump(2) << '\n';
  out.close();
  if (!out)
    throw Error(ErrorCode::kIo, fmt::format("cannot write {}", planted_path.string()));
  report("done", 1.0);
  return summary;
}

}  // namespace ticketlens::demo
