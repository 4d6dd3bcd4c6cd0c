#pragma once
// The small demo company, generated with and without its planted effects, ingested and loaded
// once per test binary (generation and ingest take seconds under sanitizers), for the
// planted-effect tests of the analyses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "ticketlens/demo/generator.hpp"
#include "ticketlens/model/schema.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::test {

struct DemoWorld {
  model::World world;
  nlohmann::json planted;
};

inline constexpr Timestamp kDemoEnd = 1793577600;  // 2026-11-02T00:00:00Z, a Monday

/// Generates the small demo
/// into a temporary workspace, ingests it, loads the World and removes the workspace.
/// `accounts` 0 = the small demo's 500; `event_scale` multiplies the product events only.
inline DemoWorld make_demo_world(bool plant_effects, int accounts = 0, double event_scale = 1.0) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ticketlens_analysis_demo_" + std::to_string(::getpid()) +
                                                    (plant_effects ? "_planted" : "_plain") + "_" + std::to_string(accounts));
  fs::remove_all(dir);
  fs::create_directories(dir);
  demo::DemoOptions options;
  options.end = kDemoEnd;
  options.accounts = accounts;
  options.event_scale = event_scale;  // 1 by default: at 1/4 the baseline events are too few to rank co-planted events
  options.plant_effects = plant_effects;
  const auto summary = demo::generate_demo(options, dir / "data");
  DemoWorld out;
  out.planted = summary.planted;
  {
    auto store = store::Store::create(dir);
    std::vector<store::IngestInput> inputs;
    for (const auto& [file, rows] : summary.rows_per_file) {
      inputs.push_back(store::file_input(dir / "data" / file, *model::kind_from_file_name(file)));
    }
    const auto result = store::ingest(*store, std::move(inputs), {});
    EXPECT_TRUE(result.committed);
    store::LoadOptions load;
    load.use_cache = false;
    out.world = store::load_world(*store, load);
  }
  fs::remove_all(dir);
  return out;
}

/// The two demo worlds, built on first use and kept for the test binary's life.
inline const DemoWorld& planted_demo() {
  static const DemoWorld w = make_demo_world(true);
  return w;
}
inline const DemoWorld& plain_demo() {
  static const DemoWorld w = make_demo_world(false);
  return w;
}

}  // namespace ticketlens::test
