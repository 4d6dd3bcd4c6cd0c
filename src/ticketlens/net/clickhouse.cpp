#include "ticketlens/net/clickhouse.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <utility>

#include "ticketlens/common/error.hpp"

namespace ticketlens::net {

namespace {

// ?query=... and other parameters, percent-encoded.
std::string encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// "http://host:port[/]" -> origin without a trailing slash; Error(kConfig) otherwise.
std::string origin_of(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw Error(ErrorCode::kConfig,
                fmt::format("ClickHouse url '{}' must start with http:// or https:// (e.g. http://127.0.0.1:8123)", url));
  std::string origin = url;
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  return origin;
}

}  // namespace

ClickHouseClient::ClickHouseClient(ClickHouseEndpoint endpoint) : endpoint_(std::move(endpoint)) {
  endpoint_.url = origin_of(endpoint_.url);
}

std::string ClickHouseClient::post(const std::string& params, const std::string& body,
                                   const std::vector<ExternalTable>& external) const {
  httplib::Client client(endpoint_.url);
  const auto timeout = static_cast<time_t>(endpoint_.timeout_seconds);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(timeout, 0);
  client.set_write_timeout(timeout, 0);
  if (!endpoint_.user.empty()) client.set_basic_auth(endpoint_.user.c_str(), endpoint_.password.c_str());
  // Settings on every request: inserts into a Distributed table reach every shard before the
  // request returns, and a JOIN's missing right-side values are defaults, not NULL, whatever
  // the server's profile says.
  std::string path = "/?insert_distributed_sync=1&join_use_nulls=0";
  if (!params.empty()) path += "&" + params;
  if (!external.empty()) {
    // The query goes in the URL; each external table is a file part with its structure.
    for (const auto& t : external)
      path += fmt::format("&{}_structure={}&{}_format=TabSeparated", t.name, encode(t.structure), t.name);
    path += "&query=" + encode(body);
  }
  httplib::MultipartFormDataItems items;
  for (const auto& t : external) items.push_back({t.name, t.tsv, t.name + ".tsv", "text/tab-separated-values"});
  httplib::Result res = external.empty() ? client.Post(path.c_str(), body, "text/plain; charset=utf-8")
                                         : client.Post(path.c_str(), items);
  if (!res)
    throw Error(ErrorCode::kIo, fmt::format("ClickHouse at {}: {} (is the server running? check [events] url)",
                                            endpoint_.url, httplib::to_string(res.error())));
  if (res->status != 200) {
    std::string message = res->body;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw Error(ErrorCode::kIo, fmt::format("ClickHouse at {} answered {}: {}", endpoint_.url, res->status, message));
  }
  return std::move(res->body);
}

std::string ClickHouseClient::execute(std::string_view sql) const { return post("", std::string(sql), {}); }

TsvRows ClickHouseClient::query(std::string_view sql, const std::vector<ExternalTable>& external) const {
  return parse_tsv(post("", fmt::format("{}\nFORMAT TabSeparated", sql), external));
}

void ClickHouseClient::insert_tsv(std::string_view table, const std::string& tsv) const {
  const std::string params = "query=" + encode(fmt::format("INSERT INTO {} FORMAT TabSeparated", table));
  post(params, tsv, {});
}

std::string ClickHouseClient::version() const {
  const auto rows = query("SELECT version()");
  if (rows.empty() || rows[0].empty())
    throw Error(ErrorCode::kIo, fmt::format("ClickHouse at {} gave no version", endpoint_.url));
  return rows[0][0];
}

std::string tsv_escape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (char c : field) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string sql_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

TsvRows parse_tsv(std::string_view text) {
  TsvRows rows;
  std::vector<std::string> row;
  std::string field;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      const char n = text[++i];
      switch (n) {
        case 't': field.push_back('\t'); break;
        case 'n': field.push_back('\n'); break;
        case 'r': field.push_back('\r'); break;
        case '0': field.push_back('\0'); break;
        case 'b': field.push_back('\b'); break;
        case 'f': field.push_back('\f'); break;
        default: field.push_back(n);
      }
      any = true;
    } else if (c == '\t') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ticketlens::net
