#include "ticketlens/snapshot/themes.hpp"

#include <fmt/format.h>

#include <cmath>

#include "ticketlens/store/ticket_text.hpp"

namespace ticketlens::snapshot {
namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }

std::string fixed(const json& j, int decimals) {
  return j.is_number() ? fmt::format("{:.{}f}", j.get<double>(), decimals) : "n/a";
}

}  // namespace

json themes_json(const analysis::text::ThemesResult& r, bool text_available) {
  json themes = json::array();
  for (const auto& t : r.themes) {
    json terms = json::array();
    for (const auto& term : t.terms)
      terms.push_back({{"term", term.term}, {"tickets", term.tickets}, {"baseline_tickets", term.baseline_tickets},
                       {"share_pct", term.share_pct}, {"baseline_share_pct", term.baseline_share_pct},
                       {"ratio", num(term.ratio)}, {"p", term.p}, {"q", term.q}});
    json areas = json::array();
    for (const auto& [name, count] : t.product_areas) areas.push_back({{"name", name}, {"count", count}});
    themes.push_back({{"label", t.label}, {"tickets", t.tickets}, {"baseline_tickets", t.baseline_tickets},
                      {"share_pct", t.share_pct}, {"baseline_share_pct", t.baseline_share_pct},
                      {"ratio", num(t.ratio)}, {"q", t.q}, {"new", t.is_new}, {"terms", terms},
                      {"product_areas", areas}, {"ticket_ids", t.ticket_ids}});
  }
  return {{"text_available", text_available},
          {"period", r.period.label()},
          {"baseline", {{"start", format_timestamp(r.baseline.from)}, {"end", format_timestamp(r.baseline.to)}}},
          {"tickets", r.tickets},
          {"baseline_tickets", r.baseline_tickets},
          {"tickets_without_text", r.tickets_without_text},
          {"terms_tested", r.terms_tested},
          {"themes", themes}};
}

std::vector<std::string> themes_ticket_texts(store::Store& store, const model::World& world,
                                             const model::Config& config, analysis::Period period) {
  const auto baseline = analysis::text::theme_baseline(period, config.themes);
  return store::ticket_texts_by_row(store, world, baseline.from, period.to, store::TextParts::kSubject);
}

std::vector<std::string> themes_markdown(const json& th) {
  std::vector<std::string> out;
  if (!th.value("text_available", false)) {
    out.emplace_back("- Emerging themes: not computed (no ticket text loaded).");
    return out;
  }
  if (th.value("tickets", 0) == 0 && th.value("tickets_without_text", 0) > 0) {
    out.push_back(fmt::format("- Emerging themes: not computed (none of the period's {} tickets has a subject).",
                              th["tickets_without_text"].get<std::int64_t>()));
    return out;
  }
  const auto& themes = th["themes"];
  out.push_back(fmt::format("- Emerging themes (against {} to {}; {} terms tested): {}",
                            th["baseline"]["start"].get<std::string>().substr(0, 10),
                            th["baseline"]["end"].get<std::string>().substr(0, 10),
                            th["terms_tested"].get<std::int64_t>(),
                            themes.empty() ? "none" : fmt::format("{}", themes.size())));
  if (themes.empty()) return out;
  out.emplace_back();
  out.emplace_back("| Theme | Tickets | Share | Baseline share | q | Product areas | Examples |");
  out.emplace_back("|---|---:|---:|---:|---:|---|---|");
  for (const auto& t : themes) {
    std::string areas, ids;
    for (const auto& a : t["product_areas"])
      areas += fmt::format("{}{} {}", areas.empty() ? "" : ", ", a["name"].get<std::string>(), a["count"].get<std::int64_t>());
    for (const auto& id : t["ticket_ids"]) ids += (ids.empty() ? "" : ", ") + id.get<std::string>();
    out.push_back(fmt::format("| {}{} | {} | {}% | {}% | {} | {} | {} |", t["label"].get<std::string>(),
                              t["new"].get<bool>() ? " (new)" : "", t["tickets"].get<std::int64_t>(),
                              fixed(t["share_pct"], 1), fixed(t["baseline_share_pct"], 1),
                              fmt::format("{:.2g}", t["q"].get<double>()), areas, ids));
  }
  return out;
}

}  // namespace ticketlens::snapshot
