// The weekly snapshot of the medium demo with the World in memory (warm), for
// docs/performance.md (target: ≤ 5 s). The demo is generated and ingested once into a temporary
// workspace (kept between runs); each iteration builds the snapshot of the last full week,
// including its previous week and 8-week trend, all four layers and the playbook rules, and
// renders it as JSON, Markdown and HTML.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>

#include "ticketlens/analysis/period.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/demo/generator.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/report/snapshot_files.hpp"
#include "ticketlens/snapshot/snapshot.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace fs = std::filesystem;
using namespace ticketlens;

namespace {

const model::World& medium_world() {
  static const model::World world = [] {
    const fs::path dir = fs::temp_directory_path() / "ticketlens-bench-medium-demo";
    if (!fs::exists(dir / "ticketlens.db")) {
      fs::remove_all(dir);
      demo::DemoOptions options;
      options.size = demo::Size::kMedium;
      options.end = *parse_timestamp("2026-11-23");
      const auto summary = demo::generate_demo(options, dir / "data");
      auto store = store::Store::create(dir);
      std::vector<store::IngestInput> inputs;
      for (const auto& [file, rows] : summary.rows_per_file)
        inputs.push_back(store::file_input(dir / "data" / file, *model::kind_from_file_name(file)));
      if (!store::ingest(*store, std::move(inputs), {}).committed) throw std::runtime_error("demo ingest failed");
    }
    auto store = store::Store::open(dir);
    return store::load_world(*store);
  }();
  return world;
}

void BM_SnapshotMediumDemoWarm(benchmark::State& state) {
  const auto& world = medium_world();
  const auto config = model::parse_config(model::default_config_toml(), "default");
  const auto period = analysis::last_full_week(world);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto snap = snapshot::build_snapshot(world, config, period);
    bytes = report::render_snapshot(snap.document, "json").size() + report::render_snapshot(snap.document, "md").size() +
            report::render_snapshot(snap.document, "html").size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["accounts"] = static_cast<double>(world.accounts.size());
  state.counters["tickets"] = static_cast<double>(world.tickets.size());
  state.counters["events"] = static_cast<double>(world.events.size());
  state.counters["output_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SnapshotMediumDemoWarm)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
