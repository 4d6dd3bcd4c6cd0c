// POST /api/ingest/{kind}: rows as JSON lines (or CSV with Content-Type text/csv) through the
// same store::ingest as `ticketlens ingest`: validated, one transaction (a bad line lands
// nothing), idempotent (posting the same rows again changes nothing).
#include <fmt/format.h>

#include "ticketlens/common/error.hpp"
#include "ticketlens/server/api.hpp"
#include "ticketlens/server/params.hpp"
#include "ticketlens/store/ingest_writer.hpp"

namespace ticketlens::server {

Response post_ingest(Workspace& ws, const Request& request) {
  check_params(request, {});
  const auto& kind_name = request.path_params.at("kind");
  const auto kind = model::kind_from_name(kind_name);
  if (!kind)
    throw HttpError(404, "not_found",
                    fmt::format("unknown kind '{}': use accounts, users, events, tickets, issues, subscriptions, "
                                "releases, surveys or assignments", kind_name));
  if (request.body.empty())
    throw HttpError(400, "bad_request", "the request body is empty: send one JSON object per line");
  const auto content_type = request.header("content-type").value_or("");
  store::IngestInput input;
  input.body = request.body;
  input.label = fmt::format("POST /api/ingest/{}", kind_name);
  input.kind = *kind;
  input.format = content_type.starts_with("text/csv") ? ingest::FileFormat::kCsv : ingest::FileFormat::kJsonLines;
  // Its own connection: the ingest takes the workspace's writer lock and one transaction, as the
  // CLI's does, while the server's reading connection goes on answering.
  auto store = store::Store::open(ws.dir());
  std::vector<store::IngestInput> inputs;
  inputs.push_back(std::move(input));
  store::IngestResult result;
  try {
    result = store::ingest(*store, std::move(inputs), {});
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kDataRejected) throw HttpError(400, "data_rejected", e.what());
    throw;
  }
  const auto& f = result.files.at(0);
  nlohmann::json j = {{"kind", f.kind},         {"format", f.format},       {"size", f.size},
                      {"sha256", f.sha256},     {"inserted", f.inserted},   {"updated", f.updated},
                      {"unchanged", f.unchanged}, {"rejected", f.rejected}, {"committed", result.committed},
                      {"command_id", result.command_id}, {"unknown_columns", f.unknown_columns}};
  if (!result.committed) {
    nlohmann::json rejects = nlohmann::json::array();
    for (const auto& r : result.first_rejects)
      rejects.push_back({{"line", r.line}, {"field", r.field}, {"reason", r.reason}});
    std::string detail = fmt::format("{} row(s) rejected; nothing landed", result.total_rejected);
    if (!result.first_rejects.empty()) {
      const auto& r = result.first_rejects.front();
      detail += fmt::format(". First: line {}: {}: {}", r.line, r.field, r.reason);
    }
    j["rejects"] = std::move(rejects);
    throw HttpError(400, "data_rejected", detail, j);
  }
  j["data_version"] = store->data_version();
  return Response::json(j);
}

}  // namespace ticketlens::server
