// ticketlens stats km|na|logrank|cox|logistic: the stats layer on any CSV, for analysts who
// check our numbers against R. Rows with a missing value in a used column are dropped and counted
// (R's na.omit); a --factor column becomes dummies `col=level` with the first level (numeric
// order when every level is a number, else text order) as reference. JSON keys follow R's names;
// NaN and infinities print as null. Reference: docs/stats.md, docs/cli.md.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/csv_reader.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/stats/cox.hpp"
#include "ticketlens/stats/kaplan_meier.hpp"
#include "ticketlens/stats/log_rank.hpp"
#include "ticketlens/stats/logistic.hpp"
#include "ticketlens/stats/survival_summary.hpp"

namespace ticketlens::app {
namespace {

using json = nlohmann::ordered_json;

struct StatsArgs {
  std::string csv, time, event, start, group, strata, outcome;
  std::vector<std::string> covariates, factors;
  std::string ties = "efron", conf_type = "log", format = "table";
  double confidence = 0.95, rho = 0.0;
  std::optional<double> tau;
};

// The used columns of the CSV after dropping rows with a missing value.
struct Frame {
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::vector<std::string>> labels;
  std::int64_t rows = 0, dropped = 0;
};

std::optional<double> parse_number(std::string_view field) {
  if (field.empty() || field == "NA" || field == "NaN") return std::nullopt;
  // Yes/No and True/False columns (churn flags in exported tables) as 1/0.
  std::string lower(field);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "yes" || lower == "true") return 1.0;
  if (lower == "no" || lower == "false") return 0.0;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size()) {
    throw Error(ErrorCode::kDataRejected, "not a number: '" + std::string(field) + "'");
  }
  return value;
}

Frame read_frame(const std::string& path, const std::vector<std::string>& numeric,
                 const std::vector<std::string>& categorical) {
  auto source = ingest::open_file_source(path);
  ingest::CsvReader reader(*source);
  ingest::CsvRecord record;
  if (!reader.next(record) || !record.error.empty()) {
    throw Error(ErrorCode::kDataRejected, path + ": no header row");
  }
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < record.fields.size(); ++i) position[std::string(record.fields[i])] = i;
  auto find = [&](const std::string& name) {
    const auto it = position.find(name);
    if (it == position.end()) throw Error(ErrorCode::kUsage, path + ": no column '" + name + "'");
    return it->second;
  };
  std::vector<std::size_t> numeric_at, label_at;
  for (const auto& name : numeric) numeric_at.push_back(find(name));
  for (const auto& name : categorical) label_at.push_back(find(name));
  Frame frame;
  std::vector<double> values(numeric.size());
  while (reader.next(record)) {
    if (!record.error.empty()) {
      throw Error(ErrorCode::kDataRejected,
                  path + ":" + std::to_string(record.line) + ": " + record.error);
    }
    bool complete = true;
    for (std::size_t k = 0; k < numeric.size() && complete; ++k) {
      const std::size_t at = numeric_at[k];
      std::optional<double> v;
      try {
        v = at < record.fields.size() ? parse_number(record.fields[at]) : std::nullopt;
      } catch (const Error& e) {
        throw Error(ErrorCode::kDataRejected, path + ":" + std::to_string(record.line) +
                                                  ": column " + numeric[k] + ": " + e.what());
      }
      complete = v.has_value();
      if (complete) values[k] = *v;
    }
    for (std::size_t k = 0; k < categorical.size() && complete; ++k) {
      const std::size_t at = label_at[k];
      complete = at < record.fields.size() && !record.fields[at].empty() &&
                 record.fields[at] != "NA";
    }
    if (!complete) {
      ++frame.dropped;
      continue;
    }
    ++frame.rows;
    for (std::size_t k = 0; k < numeric.size(); ++k) frame.numbers[numeric[k]].push_back(values[k]);
    for (std::size_t k = 0; k < categorical.size(); ++k) {
      frame.labels[categorical[k]].emplace_back(record.fields[label_at[k]]);
    }
  }
  for (const auto& name : numeric) frame.numbers[name];
  for (const auto& name : categorical) frame.labels[name];
  return frame;
}

// Sorted distinct labels: numerically when all are numbers.
std::vector<std::string> levels_of(const std::vector<std::string>& labels) {
  std::vector<std::string> levels = labels;
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  std::vector<double> numbers;
  for (const auto& l : levels) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), v);
    if (ec != std::errc() || end != l.data() + l.size()) return levels;
    numbers.push_back(v);
  }
  std::vector<std::size_t> order(levels.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return numbers[a] < numbers[b]; });
  std::vector<std::string> sorted;
  for (std::size_t i : order) sorted.push_back(levels[i]);
  return sorted;
}

std::vector<std::int32_t> codes_of(const std::vector<std::string>& labels,
                                   const std::vector<std::string>& levels) {
  std::map<std::string, std::int32_t> code;
  for (std::size_t i = 0; i < levels.size(); ++i) code[levels[i]] = static_cast<std::int32_t>(i);
  std::vector<std::int32_t> out;
  for (const auto& l : labels) out.push_back(code.at(l));
  return out;
}

std::vector<std::uint8_t> event_flags(const std::vector<double>& values, const std::string& name) {
  std::vector<std::uint8_t> out;
  for (double v : values) {
    if (v != 0.0 && v != 1.0) {
      throw Error(ErrorCode::kDataRejected, "column " + name + ": events must be 0 or 1");
    }
    out.push_back(v == 1.0 ? 1 : 0);
  }
  return out;
}

// Numeric covariates then factor dummies, with the term each column belongs to.
struct Design {
  std::vector<std::vector<double>> columns;
  std::vector<std::string> names;
  std::vector<std::size_t> terms;
  std::vector<std::string> term_names;
};

Design design_of(const Frame& frame, const StatsArgs& args) {
  Design d;
  for (const auto& name : args.covariates) {
    d.columns.push_back(frame.numbers.at(name));
    d.names.push_back(name);
    d.terms.push_back(d.term_names.size());
    d.term_names.push_back(name);
  }
  for (const auto& name : args.factors) {
    const auto& labels = frame.labels.at(name);
    const auto levels = levels_of(labels);
    for (std::size_t l = 1; l < levels.size(); ++l) {
      std::vector<double> dummy;
      for (const auto& v : labels) dummy.push_back(v == levels[l] ? 1.0 : 0.0);
      d.columns.push_back(std::move(dummy));
      d.names.push_back(name + "=" + levels[l]);
      d.terms.push_back(d.term_names.size());
    }
    d.term_names.push_back(name);
  }
  return d;
}

json test_json(const stats::ChiSquareTest& t) {
  return {{"chisq", t.chisq}, {"df", t.df}, {"p", t.p}};
}

void print(const report::Table& table, const StatsArgs& args) {
  report::render(table, report::parse_format(args.format), std::cout);
}

void run_survival_curves(const StatsArgs& args, bool nelson_aalen) {
  std::vector<std::string> categorical;
  if (!args.group.empty()) categorical.push_back(args.group);
  const Frame frame = read_frame(args.csv, {args.time, args.event}, categorical);
  const auto& time = frame.numbers.at(args.time);
  const auto event = event_flags(frame.numbers.at(args.event), args.event);
  std::vector<std::string> levels{"all"};
  std::vector<std::int32_t> codes(time.size(), 0);
  if (!args.group.empty()) {
    levels = levels_of(frame.labels.at(args.group));
    codes = codes_of(frame.labels.at(args.group), levels);
  }
  const double tau = args.tau.value_or(
      time.empty() ? std::nan("") : *std::max_element(time.begin(), time.end()));
  stats::KaplanMeierOptions options{args.confidence,
                                    stats::parse_ci_transform(args.conf_type.c_str())};
  json groups = json::array();
  report::Table summary, rows;
  summary.columns = {"group", "n", "events", "median", "lower", "upper", "rmst", "rmst_se"};
  rows.columns = nelson_aalen ? std::vector<std::string>{"group", "time", "n_risk", "n_event",
                                                         "n_censor", "cumhaz", "std_cumhaz"}
                              : std::vector<std::string>{"group", "time", "n_risk", "n_event",
                                                         "n_censor", "surv", "std_err", "lower",
                                                         "upper"};
  for (std::size_t g = 0; g < levels.size(); ++g) {
    std::vector<double> t;
    std::vector<std::uint8_t> e;
    for (std::size_t i = 0; i < time.size(); ++i) {
      if (codes[i] != static_cast<std::int32_t>(g)) continue;
      t.push_back(time[i]);
      e.push_back(event[i]);
    }
    const stats::SurvivalCurve curve = stats::kaplan_meier(t, e, options);
    const double probs[] = {0.25, 0.5, 0.75};
    const auto quantiles = stats::survival_quantiles(curve, probs);
    const stats::RestrictedMean rmst = stats::restricted_mean(curve, tau);
    std::int64_t events = 0;
    for (auto d : curve.n_event) events += d;
    json q = json::array();
    for (const auto& quantile : quantiles) {
      q.push_back({{"p", quantile.probability}, {"value", quantile.value},
                   {"lower", quantile.lower}, {"upper", quantile.upper}});
    }
    groups.push_back(
        {{"group", levels[g]}, {"n", curve.n}, {"events", events},
         {"median", {{"value", quantiles[1].value}, {"lower", quantiles[1].lower},
                     {"upper", quantiles[1].upper}}},
         {"quantiles", q},
         {"rmst", {{"tau", rmst.tau}, {"value", rmst.value}, {"se", rmst.std_err}}},
         {"table", {{"time", curve.time}, {"n_risk", curve.n_risk}, {"n_event", curve.n_event},
                    {"n_censor", curve.n_censor}, {"surv", curve.survival},
                    {"std_err", curve.std_err}, {"lower", curve.lower}, {"upper", curve.upper},
                    {"cumhaz", curve.cumhaz}, {"std_cumhaz", curve.std_cumhaz}}}});
    summary.add_row({levels[g], curve.n, events, quantiles[1].value, quantiles[1].lower,
                     quantiles[1].upper, rmst.value, rmst.std_err});
    for (std::size_t i = 0; i < curve.time.size(); ++i) {
      if (nelson_aalen) {
        rows.add_row({levels[g], curve.time[i], curve.n_risk[i], curve.n_event[i],
                      curve.n_censor[i], curve.cumhaz[i], curve.std_cumhaz[i]});
      } else {
        rows.add_row({levels[g], curve.time[i], curve.n_risk[i], curve.n_event[i],
                      curve.n_censor[i], curve.survival[i], curve.std_err[i], curve.lower[i],
                      curve.upper[i]});
      }
    }
  }
  if (args.format == "json") {
    std::cout << json{{"n", frame.rows}, {"dropped", frame.dropped}, {"conf_type", args.conf_type},
                      {"conf_int", args.confidence}, {"groups", groups}}
                     .dump(2)
              << '\n';
    return;
  }
  if (args.format == "table") {
    print(summary, args);
    std::cout << '\n';
  }
  print(rows, args);
  if (frame.dropped > 0) std::cerr << frame.dropped << " rows dropped for missing values\n";
}

void run_log_rank(const StatsArgs& args) {
  if (args.group.empty()) throw Error(ErrorCode::kUsage, "stats logrank needs --group");
  const Frame frame = read_frame(args.csv, {args.time, args.event}, {args.group});
  const auto levels = levels_of(frame.labels.at(args.group));
  const auto codes = codes_of(frame.labels.at(args.group), levels);
  const auto event = event_flags(frame.numbers.at(args.event), args.event);
  const stats::LogRankTest test = stats::log_rank_test(
      frame.numbers.at(args.time), event, codes, args.rho, static_cast<std::int32_t>(levels.size()));
  json groups = json::array();
  report::Table table;
  table.columns = {"group", "n", "observed", "expected"};
  for (const auto& g : test.groups) {
    const std::string& name = levels[static_cast<std::size_t>(g.group)];
    groups.push_back({{"group", name}, {"n", g.n}, {"observed", g.observed},
                      {"expected", g.expected}});
    table.add_row({name, g.n, g.observed, g.expected});
  }
  if (args.format == "json") {
    std::cout << json{{"chisq", test.chisq}, {"df", test.df}, {"p", test.p}, {"rho", test.rho},
                      {"n", frame.rows}, {"dropped", frame.dropped}, {"groups", groups}}
                     .dump(2)
              << '\n';
    return;
  }
  print(table, args);
  if (args.format == "table") {
    std::cout << "\nChisq = " << test.chisq << " on " << test.df << " df, p = " << test.p << '\n';
  }
}

void run_cox(const StatsArgs& args) {
  std::vector<std::string> numeric{args.time, args.event};
  if (!args.start.empty()) numeric.push_back(args.start);
  numeric.insert(numeric.end(), args.covariates.begin(), args.covariates.end());
  std::vector<std::string> categorical = args.factors;
  if (!args.strata.empty()) categorical.push_back(args.strata);
  const Frame frame = read_frame(args.csv, numeric, categorical);
  const Design design = design_of(frame, args);
  const auto event = event_flags(frame.numbers.at(args.event), args.event);
  std::vector<std::int32_t> strata;
  std::vector<std::string> strata_levels;
  stats::CoxData data;
  data.stop = frame.numbers.at(args.time);
  data.event = event;
  if (!args.start.empty()) data.start = frame.numbers.at(args.start);
  if (!args.strata.empty()) {
    strata_levels = levels_of(frame.labels.at(args.strata));
    strata = codes_of(frame.labels.at(args.strata), strata_levels);
    data.strata = strata;
  }
  for (const auto& column : design.columns) data.covariates.push_back(column);
  data.names = design.names;
  data.terms = design.terms;
  data.term_names = design.term_names;
  stats::CoxOptions options;
  if (args.ties == "breslow") {
    options.ties = stats::CoxTies::kBreslow;
  } else if (args.ties != "efron") {
    throw Error(ErrorCode::kUsage, "--ties must be efron or breslow");
  }
  options.confidence = args.confidence;
  const stats::CoxFit fit = stats::cox_regression(data, options);

  json coefficients = json::array();
  report::Table table;
  table.precision = 6;
  table.columns = {"term", "coef", "hr", "se", "z", "p", "lower", "upper"};
  for (const auto& c : fit.coefficients) {
    coefficients.push_back({{"name", c.name}, {"coef", c.coef}, {"se", c.se},
                            {"hr", c.hazard_ratio}, {"z", c.z}, {"p", c.p}, {"lower", c.lower},
                            {"upper", c.upper}});
    table.add_row({c.name, c.coef, c.hazard_ratio, c.se, c.z, c.p, c.lower, c.upper});
  }
  json zph_terms = json::array();
  for (const auto& t : fit.ph_terms) {
    zph_terms.push_back({{"name", t.name}, {"chisq", t.chisq}, {"df", t.df}, {"p", t.p}});
  }
  json baseline{{"time", fit.baseline.time}, {"cumhaz", fit.baseline.cumhaz}};
  if (!strata_levels.empty()) {
    std::vector<std::string> names;
    for (auto s : fit.baseline.stratum) names.push_back(strata_levels[static_cast<std::size_t>(s)]);
    baseline["strata"] = names;
  }
  if (args.format == "json") {
    std::cout << json{{"n", fit.n},
                      {"events", fit.events},
                      {"dropped", frame.dropped},
                      {"ties", args.ties},
                      {"iterations", fit.iterations},
                      {"converged", fit.converged},
                      {"coefficients", coefficients},
                      {"loglik", {fit.loglik_null, fit.loglik}},
                      {"lr_test", test_json(fit.lr_test)},
                      {"wald_test", test_json(fit.wald_test)},
                      {"score_test", test_json(fit.score_test)},
                      {"concordance", {{"value", fit.concordance.value},
                                       {"se", fit.concordance.std_err}}},
                      {"zph", {{"global", test_json(fit.ph_global)}, {"terms", zph_terms}}},
                      {"baseline_cumhaz", baseline}}
                     .dump(2)
              << '\n';
    return;
  }
  if (args.format == "table") {
    std::cout << "n = " << fit.n << ", events = " << fit.events;
    if (frame.dropped > 0) std::cout << " (" << frame.dropped << " rows dropped for missing values)";
    std::cout << ", ties = " << args.ties << ", iterations = " << fit.iterations
              << (fit.converged ? "" : " (did not converge)") << "\n\n";
  }
  print(table, args);
  if (args.format != "table") return;
  std::cout << "\nlog likelihood: " << fit.loglik_null << " (null), " << fit.loglik << '\n'
            << "Concordance = " << fit.concordance.value << " (se = " << fit.concordance.std_err
            << ")\n";
  for (const auto* t : {&fit.lr_test, &fit.wald_test, &fit.score_test}) {
    std::cout << t->name << " test = " << t->chisq << " on " << t->df << " df, p = " << t->p
              << '\n';
  }
  report::Table zph;
  zph.columns = {"term", "chisq", "df", "p"};
  for (const auto& t : fit.ph_terms) zph.add_row({t.name, t.chisq, std::int64_t{t.df}, t.p});
  zph.add_row({"GLOBAL", fit.ph_global.chisq, std::int64_t{fit.ph_global.df}, fit.ph_global.p});
  std::cout << "\nproportional hazards (cox.zph, km transform):\n";
  print(zph, args);
}

void run_logistic(const StatsArgs& args) {
  if (args.outcome.empty()) throw Error(ErrorCode::kUsage, "stats logistic needs --outcome");
  std::vector<std::string> numeric{args.outcome};
  numeric.insert(numeric.end(), args.covariates.begin(), args.covariates.end());
  const Frame frame = read_frame(args.csv, numeric, args.factors);
  const Design design = design_of(frame, args);
  stats::LogisticData data;
  data.outcome = frame.numbers.at(args.outcome);
  for (const auto& column : design.columns) data.covariates.push_back(column);
  data.names = design.names;
  const stats::LogisticFit fit = stats::logistic_regression(data);
  json coefficients = json::array();
  report::Table table;
  table.precision = 6;
  table.columns = {"term", "coef", "se", "z", "p"};
  for (const auto& c : fit.coefficients) {
    coefficients.push_back(
        {{"name", c.name}, {"coef", c.coef}, {"se", c.se}, {"z", c.z}, {"p", c.p}});
    table.add_row({c.name, c.coef, c.se, c.z, c.p});
  }
  if (args.format == "json") {
    std::cout << json{{"n", frame.rows},
                      {"dropped", frame.dropped},
                      {"coefficients", coefficients},
                      {"deviance", fit.deviance},
                      {"null_deviance", fit.null_deviance},
                      {"aic", fit.aic},
                      {"iterations", fit.iterations},
                      {"converged", fit.converged},
                      {"separation", fit.separation}}
                     .dump(2)
              << '\n';
    return;
  }
  print(table, args);
  if (args.format == "table") {
    std::cout << "\nnull deviance " << fit.null_deviance << " on " << fit.df_null
              << " df; residual deviance " << fit.deviance << " on " << fit.df_residual
              << " df; AIC " << fit.aic << "; iterations " << fit.iterations
              << (fit.converged ? "" : " (did not converge)") << '\n';
    if (fit.separation) {
      std::cout << "separation: fitted probabilities numerically 0 or 1; coefficients are not "
                   "finite estimates\n";
    }
  }
}

void add_common(CLI::App& sub, StatsArgs& args) {
  sub.add_option("--csv", args.csv, "Input CSV file (header row)")->required();
  add_format_option(sub, args.format);
}

}  // namespace

void register_stats(CLI::App& root, Context& /*ctx*/) {
  auto args = std::make_shared<StatsArgs>();
  auto* stats = root.add_subcommand(
      "stats", "Survival and regression statistics on any CSV, as R computes them");
  stats->require_subcommand(1);
  auto survival_options = [&](CLI::App& sub) {
    add_common(sub, *args);
    sub.add_option("--time", args->time, "Time column (event or censoring)")->required();
    sub.add_option("--event", args->event, "Event column, 1 = event, 0 = censored (also yes/no, true/false)")->required();
  };

  for (const bool nelson_aalen : {false, true}) {
    auto* sub = stats->add_subcommand(nelson_aalen ? "na" : "km",
                                      nelson_aalen ? "Nelson–Aalen cumulative hazard by group"
                                                   : "Kaplan–Meier survival by group");
    survival_options(*sub);
    sub->add_option("--group", args->group, "Group column (one curve per level)");
    sub->add_option("--conf-type", args->conf_type, "Interval: log, log-log or plain")
        ->check(CLI::IsMember({"log", "log-log", "plain"}))
        ->capture_default_str();
    sub->add_option("--conf-int", args->confidence, "Confidence level")->capture_default_str();
    sub->add_option("--tau", args->tau, "RMST horizon (default: the largest time)");
    sub->callback([args, nelson_aalen] { run_survival_curves(*args, nelson_aalen); });
  }

  auto* logrank = stats->add_subcommand("logrank", "Log-rank (G-rho) test between groups");
  survival_options(*logrank);
  logrank->add_option("--group", args->group, "Group column")->required();
  logrank->add_option("--rho", args->rho, "G-rho weight S(t-)^rho (1 = Peto-Peto)")
      ->capture_default_str();
  logrank->callback([args] { run_log_rank(*args); });

  auto* cox = stats->add_subcommand("cox", "Cox proportional-hazards regression");
  survival_options(*cox);
  cox->add_option("--start", args->start, "Start column for (start, stop] rows");
  cox->add_option("--covariates", args->covariates, "Numeric covariates a,b,...")->delimiter(',');
  cox->add_option("--factor", args->factors, "Categorical covariates (dummy coded)")
      ->delimiter(',');
  cox->add_option("--strata", args->strata, "Strata column");
  cox->add_option("--ties", args->ties, "efron or breslow")
      ->check(CLI::IsMember({"efron", "breslow"}))
      ->capture_default_str();
  cox->add_option("--conf-int", args->confidence, "Confidence level of the HR intervals")
      ->capture_default_str();
  cox->callback([args] { run_cox(*args); });

  auto* logistic = stats->add_subcommand("logistic", "Logistic regression (IRLS)");
  add_common(*logistic, *args);
  logistic->add_option("--outcome", args->outcome, "0/1 outcome column")->required();
  logistic->add_option("--covariates", args->covariates, "Numeric covariates a,b,...")
      ->delimiter(',');
  logistic->add_option("--factor", args->factors, "Categorical covariates (dummy coded)")
      ->delimiter(',');
  logistic->callback([args] { run_logistic(*args); });
}

}  // namespace ticketlens::app
