#pragma once
// Webhooks: a JSON POST with a timeout and retries, and the notification of a snapshot's fired
// playbooks. Delivery failures are data (Delivery.delivered = false with the reason), never an
// exception: a webhook must not block or fail the report that triggered it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ticketlens::net {

struct WebhookOptions {
  double timeout_seconds = 5;  ///< connect, read and write timeout of one attempt
  int retries = 2;             ///< further attempts after a failed one
  int retry_delay_ms = 500;    ///< pause before each retry
};

struct Delivery {
  std::string url;
  bool delivered = false;
  int attempts = 0;    ///< 0 when the URL is not usable
  int status = 0;      ///< HTTP status of the last attempt; 0 when none came back
  std::string error;   ///< why the last attempt failed; empty when delivered
};

/// POSTs `body` as application/json to an http:// or https:// URL; a 2xx status is a delivery.
/// Retries after a connection error, a timeout or any other status. Never throws.
Delivery post_json(const std::string& url, const std::string& body, const WebhookOptions& options);

/// The payload for one fired playbook of a snapshot document: a Slack-compatible `text` and the
/// structured fields `playbook, owner, action, when, reason, period, metrics` (the values that
/// fired it) and `snapshot_schema_version`.
nlohmann::json playbook_payload(const nlohmann::json& snapshot, const nlohmann::json& playbook);

/// POSTs every fired playbook with a non-empty `notify` URL and records each outcome in the
/// document as decision.notifications[{playbook, url, delivered, attempts, status, error}].
/// Returns the deliveries (in playbook order).
std::vector<Delivery> notify_fired_playbooks(nlohmann::json& snapshot, const WebhookOptions& options);

/// The payload for one alert (an element of the snapshot's signals.alerts): a Slack-compatible
/// `text` (kind, title, the period compared, the first tickets) and the alert's own fields
/// (kind, title, severity, p, release_id, product_area, category, observed, baseline, numbers,
/// tickets, ticket_ids), plus `period` (the label of the period the alerts are of).
nlohmann::json alert_payload(const nlohmann::json& alert, const std::string& period_label);

/// POSTs each alert of `alerts` (an array as signals.alerts) to `url`, one request per alert, most
/// severe first; nothing when `url` is empty. Returns the deliveries in the alerts' order.
std::vector<Delivery> notify_alerts(const nlohmann::json& alerts, const std::string& period_label,
                                    const std::string& url, const WebhookOptions& options);

/// As notify_alerts for the snapshot document's signals.alerts, recording each outcome in it as
/// signals.alert_notifications[{kind, title, url, delivered, attempts, status, error}].
std::vector<Delivery> notify_snapshot_alerts(nlohmann::json& snapshot, const std::string& url,
                                             const WebhookOptions& options);

}  // namespace ticketlens::net
