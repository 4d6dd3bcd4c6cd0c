// The route table's matching and the mapping of failures to statuses, without a socket.
#include <gtest/gtest.h>

#include "ticketlens/common/error.hpp"
#include "ticketlens/server/http.hpp"

namespace ticketlens::server {
namespace {

TEST(MatchPatternTest, LiteralsPlaceholdersAndRest) {
  std::map<std::string, std::string> p;
  EXPECT_TRUE(match_pattern("/api/status", "/api/status", p));
  EXPECT_FALSE(match_pattern("/api/status", "/api/status/", p));
  EXPECT_TRUE(match_pattern("/api/accounts/{id}", "/api/accounts/a 1", p));
  EXPECT_EQ(p["id"], "a 1");
  EXPECT_FALSE(match_pattern("/api/accounts/{id}", "/api/accounts/", p));
  EXPECT_FALSE(match_pattern("/api/accounts/{id}", "/api/accounts/a/b", p));
  EXPECT_TRUE(match_pattern("/assets/*", "/assets/x/y.js", p));
  EXPECT_EQ(p["*"], "x/y.js");
  EXPECT_FALSE(match_pattern("/assets/*", "/assetsx", p));
}

TEST(HttpServerTest, ErrorsBecomeJsonWithTheirStatus) {
  HttpServer server;
  server.add({"GET", "/usage", [](const Request&) -> Response { throw Error(ErrorCode::kUsage, "bad week"); }, ""});
  server.add({"GET", "/missing", [](const Request&) -> Response { throw Error(ErrorCode::kNotFound, "no"); }, ""});
  server.add({"GET", "/bug", [](const Request&) -> Response { throw std::runtime_error("boom"); }, ""});
  server.add({"GET", "/teapot", [](const Request&) -> Response { throw HttpError(418, "teapot", "short"); }, ""});
  auto status_of = [&](std::string method, std::string path) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    const auto res = server.dispatch(r);
    const auto j = nlohmann::json::parse(res.body);
    EXPECT_TRUE(j.contains("error") && j.contains("detail")) << res.body;
    return res.status;
  };
  EXPECT_EQ(status_of("GET", "/usage"), 400);
  EXPECT_EQ(status_of("GET", "/missing"), 404);
  EXPECT_EQ(status_of("GET", "/bug"), 500);
  EXPECT_EQ(status_of("GET", "/teapot"), 418);
  EXPECT_EQ(status_of("POST", "/usage"), 405);
  EXPECT_EQ(status_of("GET", "/nowhere"), 404);
}

}  // namespace
}  // namespace ticketlens::server
