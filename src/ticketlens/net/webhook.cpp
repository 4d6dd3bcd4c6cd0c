#include "ticketlens/net/webhook.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace ticketlens::net {
namespace {

using nlohmann::json;

// "https://hooks.example.com:8443/services/x?y=1" -> {"https://hooks.example.com:8443", "/services/x?y=1"}.
bool split_url(const std::string& url, std::string& origin, std::string& path) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const auto slash = url.find('/', scheme_end + 3);
  origin = url.substr(0, slash);
  path = slash == std::string::npos ? "/" : url.substr(slash);
  return origin.size() > scheme_end + 3;
}

std::string value_text(const json& v) {
  if (!v.is_number()) return "n/a";
  return fmt::format("{:.4g}", v.get<double>());
}

}  // namespace

Delivery post_json(const std::string& url, const std::string& body, const WebhookOptions& options) {
  Delivery d;
  d.url = url;
  std::string origin, path;
  if (!split_url(url, origin, path)) {
    d.error = "not an http:// or https:// URL";
    return d;
  }
  const double timeout = options.timeout_seconds > 0 ? options.timeout_seconds : 5;
  const auto sec = static_cast<time_t>(std::floor(timeout));
  const auto usec = static_cast<time_t>((timeout - std::floor(timeout)) * 1e6);
  for (int attempt = 0; attempt <= std::max(0, options.retries); ++attempt) {
    if (attempt > 0 && options.retry_delay_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(options.retry_delay_ms));
    ++d.attempts;
    try {
      httplib::Client client(origin);
      client.set_connection_timeout(sec, usec);
      client.set_read_timeout(sec, usec);
      client.set_write_timeout(sec, usec);
      client.set_follow_location(true);
      const auto res = client.Post(path, body, "application/json");
      if (!res) {
        d.status = 0;
        d.error = httplib::to_string(res.error());
        if (res.error() == httplib::Error::Read || res.error() == httplib::Error::Write ||
            res.error() == httplib::Error::ConnectionTimeout)
          d.error += fmt::format(" (timeout {:g} s?)", timeout);
        continue;
      }
      d.status = res->status;
      if (res->status >= 200 && res->status < 300) {
        d.delivered = true;
        d.error.clear();
        return d;
      }
      d.error = fmt::format("HTTP {}", res->status);
    } catch (const std::exception& e) {  // e.g. a malformed host: reported, never thrown on
      d.error = e.what();
    }
  }
  return d;
}

json playbook_payload(const json& snapshot, const json& playbook) {
  const std::string period = snapshot["period"].value("label", "");
  std::string values;
  for (const auto& [name, v] : playbook["metrics"].items())
    values += fmt::format("{}{} = {}", values.empty() ? "" : ", ", name, value_text(v));
  json payload;
  payload["text"] = fmt::format("ticketlens {}: playbook *{}* fired (owner: {}). {} Values: {}.", period,
                                playbook.value("name", ""), playbook.value("owner", ""), playbook.value("action", ""),
                                values.empty() ? "none" : values);
  payload["playbook"] = playbook.value("name", "");
  payload["owner"] = playbook.value("owner", "");
  payload["action"] = playbook.value("action", "");
  payload["when"] = playbook.value("when", "");
  payload["reason"] = playbook.value("reason", "");
  payload["period"] = {{"label", period},
                       {"start", snapshot["period"].value("start", "")},
                       {"end", snapshot["period"].value("end", "")}};
  payload["metrics"] = playbook.contains("metrics") ? playbook["metrics"] : json::object();
  payload["snapshot_schema_version"] = snapshot.value("schema_version", 0);
  return payload;
}

std::vector<Delivery> notify_fired_playbooks(json& snapshot, const WebhookOptions& options) {
  std::vector<Delivery> deliveries;
  json records = json::array();
  for (const auto& pb : snapshot["decision"]["playbooks"]) {
    const std::string url = pb.value("notify", "");
    if (!pb.value("fired", false) || url.empty()) continue;
    auto d = post_json(url, playbook_payload(snapshot, pb).dump(), options);
    records.push_back({{"playbook", pb.value("name", "")}, {"url", d.url}, {"delivered", d.delivered},
                       {"attempts", d.attempts}, {"status", d.status}, {"error", d.error}});
    deliveries.push_back(std::move(d));
  }
  snapshot["decision"]["notifications"] = records;
  return deliveries;
}

json alert_payload(const json& alert, const std::string& period_label) {
  std::string tickets;
  const auto& ids = alert.contains("ticket_ids") ? alert["ticket_ids"] : json::array();
  for (std::size_t i = 0; i < ids.size() && i < 5; ++i) tickets += (i ? ", " : "") + ids[i].get<std::string>();
  const auto count = alert.value("tickets", std::int64_t{0});
  if (count > 5) tickets += fmt::format(" and {} more", count - 5);
  json payload = alert;
  payload["text"] = fmt::format("ticketlens {}: alert [{}] {} (observed {} to {}, against {} to {}). Tickets: {}.",
                                period_label, alert.value("kind", ""), alert.value("title", ""),
                                alert["observed"].value("start", "").substr(0, 10),
                                alert["observed"].value("end", "").substr(0, 10),
                                alert["baseline"].value("start", "").substr(0, 10),
                                alert["baseline"].value("end", "").substr(0, 10), tickets.empty() ? "none" : tickets);
  payload["period"] = period_label;
  return payload;
}

std::vector<Delivery> notify_alerts(const json& alerts, const std::string& period_label, const std::string& url,
                                    const WebhookOptions& options) {
  std::vector<Delivery> deliveries;
  if (url.empty()) return deliveries;
  for (const auto& a : alerts) deliveries.push_back(post_json(url, alert_payload(a, period_label).dump(), options));
  return deliveries;
}

std::vector<Delivery> notify_snapshot_alerts(json& snapshot, const std::string& url, const WebhookOptions& options) {
  const json alerts = snapshot["signals"].value("alerts", json::array());
  const auto deliveries = notify_alerts(alerts, snapshot["period"].value("label", ""), url, options);
  json records = json::array();
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    const auto& d = deliveries[i];
    records.push_back({{"kind", alerts[i].value("kind", "")}, {"title", alerts[i].value("title", "")}, {"url", d.url},
                       {"delivered", d.delivered}, {"attempts", d.attempts}, {"status", d.status}, {"error", d.error}});
  }
  snapshot["signals"]["alert_notifications"] = records;
  return deliveries;
}

}  // namespace ticketlens::net
