// ticketlens init: a workspace is a folder with ticketlens.toml and the store.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::app {

void register_init(CLI::App& root, Context& ctx) {
  auto* sub = root.add_subcommand("init", "Create a workspace: ticketlens.toml (every setting, "
                                          "commented) and the store (ticketlens.db)");
  add_workspace_option(*sub, ctx);
  sub->callback([&ctx] {
    const std::filesystem::path dir = ctx.workspace;
    std::filesystem::create_directories(dir);
    const auto config = dir / "ticketlens.toml";
    const bool had_config = std::filesystem::exists(config);
    if (!had_config) {
      std::ofstream out(config);
      out << model::default_config_toml();
      if (!out) throw Error(ErrorCode::kIo, fmt::format("cannot write {}", config.string()));
    } else {
      model::load_config(config);  // an existing config must still be valid
    }
    auto store = store::Store::create(dir);
    std::cout << fmt::format("workspace {}\n  {} {}\n  {} (schema version {})\n", dir.string(),
                             config.string(), had_config ? "(kept)" : "(written with defaults)",
                             (dir / "ticketlens.db").string(), store->schema_version());
    std::cout << "next: ticketlens ingest --workspace " << dir.string()
              << " accounts.csv tickets.csv events.csv ...   (or: ticketlens demo)\n";
  });
}

}  // namespace ticketlens::app
