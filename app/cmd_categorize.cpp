// ticketlens categorize train|apply|evaluate: ticket categories (and root causes) from text —
// configured rules first, then a fastText model trained on the workspace's labelled tickets; the
// predictions are stored apart from the given labels.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <limits>
#include <optional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "ticketlens/analysis/text/categorize.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/labelled_csv.hpp"
#include "ticketlens/model/config.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/predictions.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/ticket_text.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::app {
namespace {

namespace fs = std::filesystem;
namespace text = analysis::text;

struct CategorizeArgs {
  std::string field = "category";
  std::string format = "table";
  bool all = false;
  std::string csv;
  std::vector<std::string> text_columns;
  std::string label_column;
  std::optional<std::uint64_t> seed;
};

fs::path model_path(const std::string& workspace, const std::string& field) {
  return fs::path(workspace) / "models" / (field + ".bin");
}

Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void add_field_option(CLI::App& sub, CategorizeArgs& args) {
  sub.add_option("--field", args.field, "What to predict: category or root_cause")
      ->check(CLI::IsMember({"category", "root_cause"}))
      ->capture_default_str();
}

void train(Context& ctx, const CategorizeArgs& args) {
  auto store = store::Store::open(ctx.workspace);
  const auto config = model::load_config(fs::path(ctx.workspace) / "ticketlens.toml");
  const auto world = store::load_world(*store);
  const auto labels = text::given_labels(world, args.field);
  const auto texts = store::ticket_texts_by_row(*store, world, std::numeric_limits<Timestamp>::min(),
                                                std::numeric_limits<Timestamp>::max());
  std::vector<std::string> train_texts, train_labels;
  std::map<std::string, std::int64_t> per_label;
  for (std::size_t r = 0; r < labels.size(); ++r) {
    if (labels[r].empty() || texts[r].empty()) continue;
    train_texts.push_back(texts[r]);
    train_labels.push_back(labels[r]);
    ++per_label[labels[r]];
  }
  if (per_label.size() < 2)
    throw Error(ErrorCode::kNotFound,
                fmt::format("need tickets with text and at least two different {} labels to train on; found {} "
                            "labelled ticket{} with {} label{}",
                            args.field, train_texts.size(), train_texts.size() == 1 ? "" : "s", per_label.size(),
                            per_label.size() == 1 ? "" : "s"));
  const auto path = model_path(ctx.workspace, args.field);
  const auto model = text::TextClassifier::train(train_texts, train_labels, text::classifier_options(config.categorize),
                                                 fs::path(ctx.workspace) / "models");
  model.save(path);
  const nlohmann::json meta = {{"field", args.field},
                               {"trained_at", format_timestamp(now_seconds())},
                               {"data_version", world.data_version},
                               {"tickets", train_texts.size()},
                               {"labels", per_label},
                               {"epoch", config.categorize.epoch},
                               {"lr", config.categorize.lr},
                               {"dim", config.categorize.dim},
                               {"word_ngrams", config.categorize.word_ngrams},
                               {"min_char_ngram", config.categorize.min_char_ngram},
                               {"max_char_ngram", config.categorize.max_char_ngram},
                               {"seed", config.categorize.seed}};
  std::ofstream(fs::path(path).replace_extension(".json")) << meta.dump(2) << '\n';
  std::cout << fmt::format("trained the {} model on {} labelled tickets ({} labels); saved to {}\n", args.field,
                           train_texts.size(), per_label.size(), path.string());
  std::cout << "apply it with `ticketlens categorize apply" << (args.field == "category" ? "" : " --field " + args.field)
            << "`; measure it with `ticketlens categorize evaluate`\n";
}

void apply(Context& ctx, const CategorizeArgs& args) {
  auto store = store::Store::open(ctx.workspace);
  const auto config = model::load_config(fs::path(ctx.workspace) / "ticketlens.toml");
  const auto format = report::parse_format(args.format);
  const auto world = store::load_world(*store);
  const text::CategoryRules rules(config.category_rules, args.field);
  const auto path = model_path(ctx.workspace, args.field);
  std::optional<text::TextClassifier> model;
  if (fs::exists(path)) model.emplace(text::TextClassifier::load(path));
  else if (rules.empty())
    throw Error(ErrorCode::kNotFound, fmt::format("no {} rules in ticketlens.toml and no model at {}; train one with "
                                                  "`ticketlens categorize train{}`",
                                                  args.field, path.string(),
                                                  args.field == "category" ? "" : " --field " + args.field));
  const auto texts = store::ticket_texts_by_row(*store, world, std::numeric_limits<Timestamp>::min(),
                                                std::numeric_limits<Timestamp>::max());
  const auto decisions = text::categorize_tickets(world, args.field, texts, rules, model ? &*model : nullptr,
                                                  config.categorize.threshold, args.all);
  const Timestamp now = now_seconds();
  std::vector<store::TicketPrediction> rows;
  std::map<std::string, std::int64_t> by_label;
  std::int64_t by_rule = 0, by_model = 0, uncategorised = 0;
  for (const auto& d : decisions) {
    store::TicketPrediction p;
    p.ticket_id = std::string(world.tickets.ids.at(world.tickets.id[d.row]));
    if (!d.label.empty()) p.label = d.label;
    p.confidence = d.confidence;
    p.source = d.by_rule ? "rule" : "model";
    p.model = d.by_rule ? "rules" : path.filename().string();
    p.predicted_at = now;
    if (d.label.empty()) ++uncategorised;
    else ++by_label[d.label];
    (d.by_rule ? by_rule : by_model) += !d.label.empty();
    rows.push_back(std::move(p));
  }
  store::save_predictions(*store, args.field, rows);
  if (format != report::Format::kTable) {
    report::Table table;
    table.columns = {"ticket_id", "field", "label", "confidence", "source", "best_guess"};
    for (std::size_t i = 0; i < rows.size(); ++i)
      table.add_row({rows[i].ticket_id, args.field, rows[i].label.value_or(""), rows[i].confidence, rows[i].source,
                     decisions[i].best_guess});
    if (format == report::Format::kJson) std::cout << report::to_json(table).dump(2) << '\n';
    else report::render(table, format, std::cout);
    return;
  }
  std::cout << fmt::format(
      "{} predicted for {} ticket{} ({}): {} by rule, {} by the model (confidence >= {}), {} left uncategorised\n"
      "stored apart from the given labels (ticket_predictions); the given ones are unchanged\n",
      args.field, decisions.size(), decisions.size() == 1 ? "" : "s",
      args.all ? "every ticket" : "those without a given " + args.field, by_rule, by_model,
      config.categorize.threshold, uncategorised);
  report::Table table;
  table.columns = {args.field, "tickets"};
  for (const auto& [label, n] : by_label) table.add_row({label, n});
  if (uncategorised > 0) table.add_row({std::string("(uncategorised)"), uncategorised});
  report::render(table, format, std::cout);
}

void evaluate(Context& ctx, const CategorizeArgs& args) {
  const auto format = report::parse_format(args.format);
  auto config = model::parse_config(model::default_config_toml(), "defaults");
  const fs::path config_file = fs::path(ctx.workspace) / "ticketlens.toml";
  if (fs::exists(config_file)) config = model::load_config(config_file);
  if (args.seed) config.categorize.seed = *args.seed;
  std::vector<std::string> texts, labels;
  std::string source;
  fs::path scratch;
  if (!args.csv.empty()) {
    if (args.text_columns.empty() || args.label_column.empty())
      throw Error(ErrorCode::kUsage, "--csv needs --text COLUMN[,COLUMN...] and --label COLUMN");
    auto data = ingest::read_labelled_csv(args.csv, args.text_columns, args.label_column);
    texts = std::move(data.texts);
    labels = std::move(data.labels);
    source = fmt::format("{} (text: {}; label: {})", args.csv, fmt::join(args.text_columns, " + "), args.label_column);
    scratch = fs::temp_directory_path();
  } else {
    auto store = store::Store::open(ctx.workspace);
    const auto world = store::load_world(*store);
    labels = text::given_labels(world, args.field);
    texts = store::ticket_texts_by_row(*store, world, std::numeric_limits<Timestamp>::min(),
                                       std::numeric_limits<Timestamp>::max());
    for (std::size_t r = 0; r < labels.size(); ++r)
      if (texts[r].empty()) labels[r].clear();
    source = fmt::format("the workspace's tickets with a {} and text", args.field);
    scratch = fs::path(ctx.workspace) / "models";
  }
  const auto e = text::evaluate_held_out(texts, labels, config.categorize, scratch);
  if (format == report::Format::kJson) {
    nlohmann::json per = nlohmann::json::array();
    for (const auto& l : e.scores.labels)
      per.push_back({{"label", l.label}, {"support", l.support}, {"predicted", l.predicted}, {"precision", l.precision},
                     {"recall", l.recall}, {"f1", l.f1}});
    std::cout << nlohmann::json({{"source", source}, {"train", e.train}, {"test", e.test}, {"seed", e.seed},
                                 {"test_share", e.test_share}, {"accuracy", e.scores.accuracy},
                                 {"macro_f1", e.scores.macro_f1}, {"threshold", e.threshold},
                                 {"confident", e.confident}, {"confident_accuracy", e.confident_accuracy},
                                 {"labels", per}})
                     .dump(2)
              << '\n';
    return;
  }
  report::Table table;
  table.columns = {"label", "support", "predicted", "precision", "recall", "f1"};
  for (const auto& l : e.scores.labels)
    table.add_row({l.label, l.support, l.predicted, l.precision, l.recall, l.f1});
  if (format == report::Format::kTable)
    std::cout << fmt::format(
        "held-out evaluation on {}\n{} training and {} test rows (stratified, test share {}, seed {})\n"
        "accuracy {:.4f}, macro-F1 {:.4f}; {} of {} test rows at or above the threshold {} (accuracy {:.4f})\n\n",
        source, e.train, e.test, e.test_share, e.seed, e.scores.accuracy, e.scores.macro_f1, e.confident, e.test,
        e.threshold, e.confident_accuracy);
  report::render(table, format, std::cout);
}

}  // namespace

void register_categorize(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<CategorizeArgs>();
  auto* cat = root.add_subcommand(
      "categorize", "Ticket categories and root causes from text: rules, then a fastText model trained on the "
                    "workspace's labelled tickets");
  cat->require_subcommand(1);
  auto* tr = cat->add_subcommand("train", "Train the model on the tickets with a given label and text; saved in "
                                          "DIR/models/<field>.bin");
  add_workspace_option(*tr, ctx);
  add_field_option(*tr, *args);
  tr->callback([&ctx, args] { train(ctx, *args); });
  auto* ap = cat->add_subcommand("apply", "Predict the label of the tickets without one (rules, then the model "
                                          "above [categorize] threshold) and store it apart from the given labels");
  add_workspace_option(*ap, ctx);
  add_field_option(*ap, *args);
  ap->add_flag("--all", args->all, "Predict every ticket, also those with a given label");
  add_format_option(*ap, args->format);
  ap->callback([&ctx, args] { apply(ctx, *args); });
  auto* ev = cat->add_subcommand(
      "evaluate", "Accuracy and macro-F1 on a held-out stratified split ([categorize] test_share, seed) of the "
                  "workspace's labelled tickets, or of any labelled CSV");
  add_workspace_option(*ev, ctx);
  add_field_option(*ev, *args);
  ev->add_option("--csv", args->csv, "A labelled CSV (with a header) instead of the workspace")->check(CLI::ExistingFile);
  ev->add_option("--text", args->text_columns, "With --csv: the text column(s), joined")->delimiter(',');
  ev->add_option("--label", args->label_column, "With --csv: the label column");
  ev->add_option("--seed", args->seed, "The split and training seed (default: [categorize] seed)");
  add_format_option(*ev, args->format);
  ev->callback([&ctx, args] { evaluate(ctx, *args); });
}

}  // namespace ticketlens::app
