// ticketlens token create|list|revoke: the bearer tokens of `ticketlens serve`.
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "command.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/store.hpp"
#include "ticketlens/store/tokens.hpp"

namespace ticketlens::app {
namespace {

Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void register_token(CLI::App& root, Context& ctx) {
  auto* sub = root.add_subcommand("token", "Bearer tokens for the API of `ticketlens serve` (stored hashed)");
  sub->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");

  auto* create = sub->add_subcommand("create", "Create a token and print it once (only its SHA-256 is stored)");
  add_workspace_option(*create, ctx);
  create->add_option("name", *name, "A name for the token (who or what uses it)")->required();
  create->callback([&ctx, name] {
    auto store = store::Store::open(ctx.workspace);
    const auto secret = store::create_token(*store, *name, now_seconds());
    std::cout << secret << '\n';
    std::cerr << fmt::format("token '{}' created; it is shown only now. Send it as 'Authorization: Bearer "
                             "<token>'.\n", *name);
  });

  auto* list = sub->add_subcommand("list", "Every token: name, prefix, created, revoked");
  add_workspace_option(*list, ctx);
  add_format_option(*list, *format);
  list->callback([&ctx, format] {
    auto store = store::Store::open(ctx.workspace);
    report::Table t;
    t.columns = {"name", "prefix", "created_at", "revoked_at", "status"};
    for (const auto& tok : store::list_tokens(*store))
      t.add_row({tok.name, tok.prefix, format_timestamp(tok.created_at),
                 tok.revoked_at ? format_timestamp(*tok.revoked_at) : std::string(),
                 std::string(tok.revoked_at ? "revoked" : "active")});
    report::render(t, report::parse_format(*format), std::cout);
  });

  auto* revoke = sub->add_subcommand("revoke", "Revoke the active token of that name (at once, also for a running server)");
  add_workspace_option(*revoke, ctx);
  revoke->add_option("name", *name, "The token's name")->required();
  revoke->callback([&ctx, name] {
    auto store = store::Store::open(ctx.workspace);
    store::revoke_token(*store, *name, now_seconds());
    std::cout << fmt::format("token '{}' revoked\n", *name);
  });
}

}  // namespace ticketlens::app
