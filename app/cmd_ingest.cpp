// ticketlens ingest: canonical files into the store, all or nothing.
#include <fmt/format.h>
#include <unistd.h>

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <iostream>

#include "command.hpp"
#include "ticketlens/model/event_backend_settings.hpp"
#include "ticketlens/store/event_backend.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/import/importer.hpp"
#include "ticketlens/model/importer_settings.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::app {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string kind;
  std::string source;
  std::vector<std::string> match;
  bool skip_bad_rows = false;
  std::string format = "table";
};

nlohmann::json import_json(const ingest::ImportResult& imported, const std::string& source) {
  nlohmann::json j;
  j["source"] = source;
  j["identity"]["matched"] = imported.identity.matched;
  j["identity"]["unmatched"] = imported.identity.unmatched;
  j["identity"]["unmatched_examples"] = imported.identity.unmatched_examples;
  j["notes"] = imported.notes;
  j["skipped"] = imported.skipped;
  return j;
}

void print_import(const ingest::ImportResult& imported, const std::string& source) {
  std::int64_t matched = 0;
  std::string methods;
  for (const auto& [m, n] : imported.identity.matched) {
    matched += n;
    methods += fmt::format("{}{} by {}", methods.empty() ? "" : ", ", n, m);
  }
  std::cout << fmt::format("{}: identities matched {} ({}), unmatched {}\n", source, matched,
                           methods.empty() ? "none" : methods, imported.identity.unmatched);
  for (const auto& e : imported.identity.unmatched_examples) std::cout << "  unmatched: " << e << '\n';
  for (const auto& [reason, n] : imported.skipped) std::cout << fmt::format("  skipped {} {}\n", n, reason);
  for (const auto& n : imported.notes) std::cout << "  note: " << n << '\n';
}

void print_result(const store::IngestResult& r, const std::string& format,
                  const ingest::ImportResult* imported = nullptr, const std::string& source = {}) {
  if (format == "json") {
    nlohmann::json j;
    if (imported) j["import"] = import_json(*imported, source);
    j["committed"] = r.committed;
    j["command_id"] = r.command_id;
    j["seconds"] = r.seconds;
    j["rejected"] = r.total_rejected;
    for (const auto& f : r.files)
      j["files"].push_back({{"file", f.label}, {"kind", f.kind}, {"format", f.format},
                            {"size", f.size}, {"sha256", f.sha256}, {"inserted", f.inserted},
                            {"updated", f.updated}, {"unchanged", f.unchanged},
                            {"rejected", f.rejected}, {"unknown_columns", f.unknown_columns},
                            {"rejects_file", f.rejects_file}});
    for (const auto& x : r.first_rejects)
      j["first_rejects"].push_back({{"file", x.file}, {"line", x.line}, {"field", x.field}, {"reason", x.reason}});
    std::cout << j.dump(2) << '\n';
    return;
  }
  if (imported) print_import(*imported, source);
  for (const auto& x : r.first_rejects)
    std::cerr << fmt::format("{}:{}: {}: {}\n", x.file, x.line, x.field, x.reason);
  if (r.total_rejected > static_cast<std::int64_t>(r.first_rejects.size()))
    std::cerr << fmt::format("... and {} more rejected rows\n",
                             r.total_rejected - static_cast<std::int64_t>(r.first_rejects.size()));
  std::int64_t rows = 0;
  for (const auto& f : r.files) {
    rows += f.inserted + f.updated + f.unchanged + f.rejected;
    std::cout << fmt::format("{:<40} {:<13} inserted {:>9}  updated {:>7}  unchanged {:>9}  rejected {:>6}\n",
                             f.label, f.kind, f.inserted, f.updated, f.unchanged, f.rejected);
    if (!f.unknown_columns.empty())
      std::cout << fmt::format("  note: ignored unknown column(s): {}\n", fmt::join(f.unknown_columns, ", "));
    if (!f.rejects_file.empty())
      std::cout << fmt::format("  rejected rows with reasons written to {}\n", f.rejects_file);
  }
  if (!r.committed) {
    std::cout << fmt::format(
        "nothing landed: {} row(s) rejected. Fix them, or re-run with --skip-bad-rows to land the "
        "good rows and write the bad ones to a rejects file.\n",
        r.total_rejected);
  } else if (!r.changed()) {
    std::cout << "nothing changed: every row was already in the store.\n";
  } else {
    std::cout << fmt::format("landed in {:.2f} s ({:.0f} rows/s)\n", r.seconds,
                             r.seconds > 0 ? static_cast<double>(rows) / r.seconds : 0.0);
  }
}

}  // namespace

void register_ingest(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<IngestArgs>();
  auto* sub = root.add_subcommand(
      "ingest",
      "Load canonical CSV or JSON-lines files (accounts, users, events, tickets, issues, "
      "subscriptions, releases, surveys, assignments). One command is one transaction: if any "
      "row is bad nothing lands (exit 2) unless --skip-bad-rows. Re-ingesting a file changes "
      "nothing; a row whose id exists with other content is updated.");
  add_workspace_option(*sub, ctx);
  sub->add_option("files", args->files, "Files to ingest (.csv, .jsonl)")->required()->check(CLI::ExistingFile);
  sub->add_option("--kind", args->kind,
                  "Entity kind of every file (default: from each file name, e.g. tickets.csv)");
  sub->add_option("--source", args->source,
                  fmt::format("Import a tool's export instead of canonical files: {} "
                              "(docs/importers.md)",
                              fmt::join(ingest::importer_names(), ", ")));
  sub->add_option("--match", args->match,
                  "Identity matching order for --source, e.g. email,domain (default: "
                  "[importers].identity_order)")
      ->delimiter(',');
  sub->add_flag("--skip-bad-rows", args->skip_bad_rows,
                "Land the good rows; write the bad ones with reasons to a rejects CSV");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
    store::IngestOptions options;
    options.skip_bad_rows = args->skip_bad_rows;
    // Events go where [events] says: segment files, or ClickHouse (tables created if missing).
    options.events_storage = store::event_segment_storage(
        model::load_event_backend(std::filesystem::path(ctx.workspace) / "ticketlens.toml"));
    if (isatty(STDERR_FILENO)) options.progress = [](const std::string& m) { std::cerr << m << '\n'; };
    if (!args->source.empty()) {
      const auto* importer = ingest::find_importer(args->source);
      if (!importer)
        throw Error(ErrorCode::kUsage, fmt::format("unknown --source '{}'; use one of: {}", args->source,
                                                   fmt::join(ingest::importer_names(), ", ")));
      if (!args->kind.empty())
        throw Error(ErrorCode::kUsage, "--kind is for canonical files; --source maps the kinds itself");
      ingest::ImportOptions import_options;
      std::vector<std::string> order = args->match;
      if (order.empty()) order = model::load_identity_order(std::filesystem::path(ctx.workspace) / "ticketlens.toml");
      import_options.identity_order.clear();
      for (const auto& m : order) import_options.identity_order.push_back(ingest::match_method_from_name(m));
      std::vector<std::filesystem::path> paths(args->files.begin(), args->files.end());
      const auto imported = importer->import(paths, store::known_identities(*store), import_options);
      const auto result = store::ingest(*store, store::import_inputs(imported, args->source, paths), options);
      print_result(result, args->format, &imported, args->source);
      if (result.total_rejected > 0) ctx.exit_code = 2;
      return;
    }
    std::vector<store::IngestInput> inputs;
    for (const auto& file : args->files) {
      store::IngestInput in;
      in.path = file;
      in.label = file;
      auto kind = args->kind.empty() ? model::kind_from_file_name(file) : model::kind_from_name(args->kind);
      if (!kind)
        throw Error(ErrorCode::kUsage,
                    args->kind.empty()
                        ? fmt::format("cannot tell the kind of {} from its name; pass --kind "
                                      "(accounts, users, events, tickets, issues, subscriptions, "
                                      "releases, surveys, assignments)", file)
                        : fmt::format("unknown --kind '{}'", args->kind));
      in.kind = *kind;
      in.format = ingest::format_from_path(file);
      inputs.push_back(std::move(in));
    }
    const auto result = store::ingest(*store, std::move(inputs), options);
    print_result(result, args->format);
    if (result.total_rejected > 0) ctx.exit_code = 2;
  });
}

}  // namespace ticketlens::app
