// Decision: the summary callout at the top, targets against goals, and every playbook with the
// values that fired it (or did not), its follow-up and its webhook delivery.
#include <fmt/format.h>

#include "ticketlens/report/html_sections.hpp"

namespace ticketlens::report::html {
namespace {

std::string status(std::string_view word, std::string_view kind) {
  return fmt::format("<span class=\"status {}\">{}</span>", kind, escape(word));
}

std::string values_list(const json& metrics) {
  std::string out;
  for (const auto& [name, v] : metrics.items())
    out += fmt::format("{}<code>{}</code> = {}", out.empty() ? "" : "<br>", escape(name),
                       number(v) ? fmt::format("{:.4g}", *number(v)) : "n/a");
  return out.empty() ? "–" : out;
}

}  // namespace

std::string decision_summary_section(const json& s) {
  if (!s.contains("decision")) return "";
  const auto& d = s["decision"];
  const bool any = d.value("fired", 0) > 0;
  std::string out = fmt::format("<div class=\"callout{}\"><p><strong>{}</strong> {}</p>", any ? "" : " quiet",
                                any ? "FIRED:" : "QUIET:", escape(text(d, "summary")));
  if (any) {
    out += "<ul>";
    for (const auto& pb : d["playbooks"])
      if (pb.value("fired", false))
        out += fmt::format("<li><strong>{}</strong> (owner: {}): {}</li>", escape(text(pb, "name")),
                           escape(text(pb, "owner")), escape(text(pb, "action")));
    out += "</ul>";
  }
  return out + "</div>\n";
}

std::string targets_section(const json& s) {
  if (!s.contains("targets") || s["targets"].empty()) return "";
  Table t("Targeted metrics against their goals", {"Metric", ">Target", ">This period", ">Previous", "Status"});
  for (const auto& g : s["targets"]) {
    std::string st = !g["met"].is_boolean() ? status("n/a", "quiet")
                     : g["met"].get<bool>() ? status("met", "met")
                                            : status("missed", "fired");
    t.row({fmt::format("<code>{}</code>", escape(text(g, "metric"))),
           fmt::format("{} {}", text(g, "direction") == "at_least" ? "≥" : "≤", fixed(g["target"], 1)),
           fixed(g["value"], 1), fixed(g["prev"], 1), st});
  }
  return t.str();
}

std::string playbooks_section(const json& s) {
  if (!s.contains("decision")) return "";
  const auto& d = s["decision"];
  std::string out = fmt::format("<p>{}</p>\n", escape(text(d, "summary")));
  Table t("Playbooks", {"Playbook", "Owner", "Status", "Rule", "Values", "Action"});
  for (const auto& pb : d["playbooks"]) {
    const bool fired = pb.value("fired", false), decided = pb.value("decided", true);
    std::string st = fired ? status("FIRED", "fired") : decided ? status("not fired", "quiet") : status("undecided", "quiet");
    std::string action = escape(text(pb, "action"));
    if (pb.contains("follow_up")) {
      std::string f;
      for (const auto& [name, v] : pb["follow_up"]["metrics"].items())
        f += fmt::format("{}<code>{}</code> {} → {}", f.empty() ? "" : ", ", escape(name), fixed(v["then"], 2),
                         fixed(v["now"], 2));
      action += fmt::format("<br><em>Follow-up since it fired in {}:</em> {}",
                            escape(text(pb["follow_up"], "fired_in")), f);
    }
    t.row({escape(text(pb, "name")), escape(text(pb, "owner")), st, fmt::format("<code>{}</code>", escape(text(pb, "when"))),
           values_list(pb["metrics"]), action});
  }
  out += t.str();
  if (d.contains("notifications") && !d["notifications"].empty()) {
    Table n("Webhook deliveries", {"Playbook", "Status", ">Attempts", "Detail"});
    for (const auto& x : d["notifications"]) {
      const bool ok = x.value("delivered", false);
      n.row({escape(text(x, "playbook")), ok ? status("delivered", "met") : status("FAILED", "fired"),
             fixed(x["attempts"], 0), escape(text(x, "error", ok ? "" : "?"))});
    }
    out += n.str();
  }
  return out;
}

}  // namespace ticketlens::report::html
