// ticketlens ingest: canonical files into the store, all or nothing.
#include <fmt/format.h>
#include <unistd.h>

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <iostream>

#include "command.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::app {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string kind;
  bool skip_bad_rows = false;
  std::string format = "table";
};

void print_result(const store::IngestResult& r, const std::string& format) {
  if (format == "json") {
    nlohmann::json j;
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
  sub->add_flag("--skip-bad-rows", args->skip_bad_rows,
                "Land the good rows; write the bad ones with reasons to a rejects CSV");
  add_format_option(*sub, args->format);
  sub->callback([&ctx, args] {
    auto store = store::Store::open(ctx.workspace);
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
    store::IngestOptions options;
    options.skip_bad_rows = args->skip_bad_rows;
    if (isatty(STDERR_FILENO)) options.progress = [](const std::string& m) { std::cerr << m << '\n'; };
    const auto result = store::ingest(*store, std::move(inputs), options);
    print_result(result, args->format);
    if (result.total_rejected > 0) ctx.exit_code = 2;
  });
}

}  // namespace ticketlens::app
