// Stripe: API JSON (customers, subscriptions with items, prices, plans, coupons, invoices) and
// the Fivetran connector's tables (customer, subscription or subscription_history,
// subscription_item, price, plan, product, coupon, discount, invoice_line_item) into accounts and
// subscriptions with MRR normalised to a month. docs/importers.md has the mapping.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/import/adapters.hpp"
#include "ticketlens/ingest/import/source_fields.hpp"
#include "ticketlens/ingest/import/subscription_mrr.hpp"

namespace ticketlens::ingest {
namespace {

using model::Kind;
using nlohmann::json;

struct Customer {
  std::string email, name, created, external_id;
};
struct Sub {
  std::string id, customer, status, file, place;
  std::int64_t line = 0;
  std::optional<Timestamp> start, ended, canceled, trial_end;
  std::int64_t quantity = 1;
  std::vector<PriceItem> items;
  std::vector<Discount> discounts;
  std::string plan;
};
struct InvoiceLine {
  double amount = 0;  // in the currency's major unit
  Timestamp start = 0, end = 0;
};

enum class Table { kCustomers, kSubscriptions, kItems, kPrices, kPlans, kProducts, kCoupons, kDiscounts, kInvoices, kInvoiceLines, kOther };
Table table_of(std::string name) {
  name = fivetran_table_name(name);
  if (name == "customer" || name == "customers") return Table::kCustomers;
  if (name == "subscription" || name == "subscriptions" || name == "subscription_history") return Table::kSubscriptions;
  if (name == "subscription_item" || name == "subscription_items") return Table::kItems;
  if (name == "price" || name == "prices") return Table::kPrices;
  if (name == "plan" || name == "plans") return Table::kPlans;
  if (name == "product" || name == "products") return Table::kProducts;
  if (name == "coupon" || name == "coupons") return Table::kCoupons;
  if (name == "discount" || name == "subscription_discount") return Table::kDiscounts;
  if (name == "invoice" || name == "invoices") return Table::kInvoices;
  if (name == "invoice_line_item" || name == "invoice_line_items") return Table::kInvoiceLines;
  return Table::kOther;
}

// A price or plan object (API) or row (Fivetran) as a PriceItem without quantity.
PriceItem price_of(const json& p) {
  PriceItem item;
  item.price_id = text_of(p, "id");
  item.currency = lowercase(text_of(p, "currency"));
  std::string amount = text_of(p, "unit_amount");
  if (amount.empty()) amount = text_of(p, "amount");
  item.amount_minor = parse_number(amount);
  if (p.contains("recurring") && p["recurring"].is_object()) {
    item.interval = text_of(p["recurring"], "interval");
    item.interval_count = parse_integer(text_of(p["recurring"], "interval_count")).value_or(1);
    item.metered = text_of(p["recurring"], "usage_type") == "metered";
  } else {
    item.interval = text_of(p, "interval");
    if (item.interval.empty()) item.interval = text_of(p, "recurring_interval");
    std::string count = text_of(p, "interval_count");
    if (count.empty()) count = text_of(p, "recurring_interval_count");
    item.interval_count = parse_integer(count).value_or(1);
    const std::string usage = text_of(p, "usage_type").empty() ? text_of(p, "recurring_usage_type") : text_of(p, "usage_type");
    item.metered = usage == "metered";
  }
  item.nickname = text_of(p, "nickname");
  item.product = p.contains("product") && p["product"].is_string() ? p["product"].get<std::string>() : text_of(p, "product_id");
  return item;
}

Discount coupon_of(const json& c) {
  Discount d;
  d.percent_off = parse_number(text_of(c, "percent_off"));
  d.amount_off_minor = parse_number(text_of(c, "amount_off"));
  d.duration = text_of(c, "duration");
  return d;
}

class StripeImporter final : public Importer {
 public:
  [[nodiscard]] std::string_view name() const override { return "stripe"; }
  [[nodiscard]] std::string_view reads() const override {
    return "API JSON (customers, subscriptions with items, prices, plans, coupons, invoices) or "
           "Fivetran tables (customer, subscription(_history), subscription_item, price, plan, "
           "product, coupon, discount, invoice_line_item)";
  }
  ImportResult import(const std::vector<std::filesystem::path>& paths, const IdentityIndex& known,
                      const ImportOptions& options) const override;
};

ImportResult StripeImporter::import(const std::vector<std::filesystem::path>& paths,
                                    const IdentityIndex& known, const ImportOptions& options) const {
  ImportResult result;
  CanonicalTable& subs_out = result.table(Kind::kSubscriptions);
  std::map<std::string, Customer> customers;
  std::map<std::string, Sub> subs;
  std::vector<std::string> sub_order;
  std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> items;  // sub → (plan/price, qty)
  std::map<std::string, PriceItem> prices;
  std::map<std::string, std::string> products;
  std::map<std::string, Discount> coupons;
  std::map<std::string, std::vector<std::string>> sub_coupons;  // sub → coupon ids
  std::map<std::string, std::vector<InvoiceLine>> invoice_lines;  // sub → lines

  auto add_invoice_line = [&](const json& l, const std::string& sub_fallback) {
    std::string sub = text_of(l, "subscription");
    if (sub.empty()) sub = text_of(l, "subscription_id");
    if (sub.empty()) sub = sub_fallback;
    InvoiceLine line;
    const auto amount = parse_number(text_of(l, "amount"));
    const std::string currency = lowercase(text_of(l, "currency"));
    std::optional<Timestamp> start, end;
    // API: epoch seconds in `period`; Fivetran: warehouse timestamps in period_start/_end.
    auto when = [](const json& o, std::string_view key) -> std::optional<Timestamp> {
      const auto it = o.find(key);
      if (it != o.end() && it->is_number_integer()) return it->get<Timestamp>();
      return parse_timestamp(text_of(o, key));
    };
    if (l.contains("period") && l["period"].is_object()) {
      start = when(l["period"], "start");
      end = when(l["period"], "end");
    } else {
      start = when(l, "period_start");
      end = when(l, "period_end");
    }
    if (sub.empty() || !amount || !start || !end || *end <= *start) return;
    line.amount = major_units(*amount, currency);
    line.start = *start;
    line.end = *end;
    invoice_lines[sub].push_back(line);
  };

  for (const auto& path : paths) {
    const SourceFile file = read_source_file(path);
    for (const auto& table : file.tables) {
      // A list page ({"object": "list", "data": [...]}) is named by its records' `object`
      // ("subscription", "customer"...), else by the file name.
      std::string tname = table.name.empty() || table.name == "data" ? file.stem : table.name;
      if ((table.name.empty() || table.name == "data") && !table.records.empty())
        if (std::string object = text_of(table.records.front().value, "object"); !object.empty() && object != "list")
          tname = object;
      const Table kind = table_of(tname);
      if (kind == Table::kOther) {
        result.notes.push_back(fmt::format("{}: ignored table '{}' (not part of the canonical model)", file.label, tname));
        continue;
      }
      for (const auto& rec : table.records) {
        RecordReader r(file, table, rec);
        const json& v = rec.value;
        switch (kind) {
          case Table::kCustomers: {
            const std::string id = r.id("id");
            if (id.empty() || r.boolean("is_deleted").value_or(false) || r.boolean("deleted").value_or(false)) continue;
            const auto created = r.has("created") ? r.time("created") : std::nullopt;
            Customer c{r.text("email"), r.text("name"), created ? format_timestamp(*created) : "", {}};
            json meta = v.value("metadata", json());
            if (meta.is_string()) meta = json::parse(meta.get<std::string>(), nullptr, false);
            if (meta.is_object()) {
              c.external_id = text_of(meta, "external_id");
              if (c.external_id.empty()) c.external_id = text_of(meta, "account_id");
            }
            customers[id] = c;
            break;
          }
          case Table::kSubscriptions: {
            if (r.has("_fivetran_active") && !r.boolean("_fivetran_active").value_or(true)) continue;
            Sub s;
            s.id = r.id("id");
            if (s.id.empty()) {
              subs_out.reject(file.label, rec.line, r.place("id"), r.problem());
              continue;
            }
            s.customer = v.contains("customer") && v["customer"].is_object() ? text_of(v["customer"], "id")
                                                                             : (r.has("customer") ? r.id("customer") : r.id("customer_id"));
            s.status = lowercase(r.text("status"));
            s.file = file.label;
            s.line = rec.line;
            s.place = r.record_place();
            s.start = r.has("start_date") ? r.time("start_date") : r.time("created");
            if (!s.start) {
              subs_out.reject(file.label, rec.line, r.place(r.has("start_date") ? "start_date" : "created"), r.problem());
              continue;
            }
            if (r.has("ended_at")) s.ended = r.time("ended_at");
            if (r.has("canceled_at")) s.canceled = r.time("canceled_at");
            if (r.has("trial_end")) s.trial_end = r.time("trial_end");
            if (auto q = r.integer("quantity")) s.quantity = *q;
            if (v.contains("items") && v["items"].is_object() && v["items"].contains("data"))
              for (const auto& it : v["items"]["data"]) {
                PriceItem p = it.contains("price") && it["price"].is_object() ? price_of(it["price"])
                              : it.contains("plan") && it["plan"].is_object() ? price_of(it["plan"])
                                                                                : PriceItem{};
                p.quantity = parse_integer(text_of(it, "quantity")).value_or(1);
                s.items.push_back(p);
              }
            else if (v.contains("plan") && v["plan"].is_object()) {
              PriceItem p = price_of(v["plan"]);
              p.quantity = s.quantity;
              s.items.push_back(p);
            }
            for (const char* key : {"discount", "discounts"}) {
              if (!v.contains(key)) continue;
              const json& d = v[key];
              auto one = [&](const json& x) {
                if (x.is_object() && x.contains("coupon") && x["coupon"].is_object()) s.discounts.push_back(coupon_of(x["coupon"]));
              };
              if (d.is_array())
                for (const auto& x : d) one(x);
              else
                one(d);
            }
            if (!subs.count(s.id)) sub_order.push_back(s.id);
            subs[s.id] = std::move(s);
            break;
          }
          case Table::kItems: {
            std::string price = r.text("price_id");
            if (price.empty()) price = r.text("plan_id");
            items[r.text("subscription_id")].emplace_back(price, r.integer("quantity").value_or(1));
            break;
          }
          case Table::kPrices:
          case Table::kPlans: {
            PriceItem p = price_of(v);
            if (!p.price_id.empty()) prices[p.price_id] = p;
            break;
          }
          case Table::kProducts:
            products[r.text("id")] = r.text("name");
            break;
          case Table::kCoupons:
            coupons[r.text("id")] = coupon_of(v);
            break;
          case Table::kDiscounts:
            if (!r.text("subscription_id").empty()) {
              std::string coupon = r.text("coupon_id");
              if (coupon.empty() && v.contains("coupon") && v["coupon"].is_object()) {
                coupons[text_of(v["coupon"], "id")] = coupon_of(v["coupon"]);
                coupon = text_of(v["coupon"], "id");
              }
              sub_coupons[r.text("subscription_id")].push_back(coupon);
            }
            break;
          case Table::kInvoices:
            if (v.contains("lines") && v["lines"].is_object() && v["lines"].contains("data"))
              for (const auto& l : v["lines"]["data"]) add_invoice_line(l, text_of(v, "subscription"));
            break;
          case Table::kInvoiceLines:
            add_invoice_line(v, {});
            break;
          case Table::kOther: break;
        }
      }
    }
  }

  IdentityResolver resolver(known, options.identity_order);
  std::map<std::string, std::optional<Match>> resolved;
  CanonicalTable& accounts_out = result.table(Kind::kAccounts);
  std::set<std::string> accounts_done, currencies;
  std::int64_t trial_only = 0, trialing = 0, incomplete = 0, no_price = 0, from_invoices = 0, ended_but_live = 0;
  for (const auto& id : sub_order) {
    Sub& s = subs.at(id);
    if (s.status == "incomplete" || s.status == "incomplete_expired") {
      ++incomplete;
      continue;
    }
    // Only a canceled (or expired) subscription has ended: Stripe sets ended_at when it ends, so
    // an ended_at on an active one (as in dbt_stripe's seeds) is ignored and counted.
    const bool over = s.status.empty() || s.status == "canceled" || s.status == "incomplete_expired" ||
                      s.status == "ended";
    std::optional<Timestamp> ended;
    if (over) ended = s.ended ? s.ended : s.canceled;
    else if (s.ended) ++ended_but_live;
    // Trials are not revenue: revenue starts when the trial ends.
    Timestamp started = *s.start;
    if (s.trial_end && *s.trial_end > started) {
      if (s.status == "trialing") {
        ++trialing;
        continue;
      }
      if (ended && *ended <= *s.trial_end) {
        ++trial_only;
        continue;
      }
      started = *s.trial_end;
    }
    if (!resolved.count(s.customer)) {
      const Customer* c = customers.count(s.customer) ? &customers.at(s.customer) : nullptr;
      IdentityClaim claim;
      claim.external_id = c ? c->external_id : "";
      claim.email = c ? c->email : "";
      if (!s.customer.empty()) claim.organization_account = "stripe-" + s.customer;
      claim.example = fmt::format("customer {}{}", s.customer.empty() ? "(none)" : s.customer,
                                  claim.email.empty() ? "" : " <" + claim.email + ">");
      resolved[s.customer] = resolver.resolve(claim);
    }
    const auto& match = resolved.at(s.customer);
    if (!match) {
      subs_out.reject(s.file, s.line, s.place.empty() ? "customer" : s.place + ".customer",
                      fmt::format("no account matches customer {} (tried {})", s.customer,
                                  identity_order_text(options.identity_order)));
      continue;
    }
    if (match->method == MatchMethod::kOrganization && accounts_done.insert(match->account_id).second) {
      const Customer* c = customers.count(s.customer) ? &customers.at(s.customer) : nullptr;
      auto& a = accounts_out.add(s.file, s.line);
      accounts_out.set(a, "account_id", match->account_id);
      accounts_out.set(a, "name", c ? c->name : "");
      accounts_out.set(a, "signup_at", c && !c->created.empty() ? c->created : format_timestamp(*s.start));
    }
    // Prices: the subscription's own items, else the subscription_item table joined to prices.
    if (s.items.empty() && items.count(s.id))
      for (const auto& [price, qty] : items.at(s.id)) {
        PriceItem p = prices.count(price) ? prices.at(price) : PriceItem{};
        p.price_id = price;
        p.quantity = qty;
        s.items.push_back(p);
      }
    for (auto& p : s.items)
      if (!p.amount_minor && prices.count(p.price_id)) {
        const auto q = p.quantity;
        p = prices.at(p.price_id);
        p.quantity = q;
      }
    if (sub_coupons.count(s.id))
      for (const auto& c : sub_coupons.at(s.id))
        if (coupons.count(c)) s.discounts.push_back(coupons.at(c));
    std::optional<double> mrr = subscription_mrr(s.items, s.discounts);
    if (!mrr && invoice_lines.count(s.id)) {
      // No price known: the latest invoiced period, normalised to a month.
      auto& lines = invoice_lines.at(s.id);
      const Timestamp latest = std::max_element(lines.begin(), lines.end(), [](auto& a, auto& b) { return a.start < b.start; })->start;
      double amount = 0;
      Timestamp end = latest;
      for (const auto& l : lines)
        if (l.start == latest) {
          amount += l.amount;
          end = std::max(end, l.end);
        }
      mrr = std::max(0.0, amount * kSecondsPerMonth / static_cast<double>(end - latest));
      ++from_invoices;
    }
    for (const auto& p : s.items)
      if (!p.currency.empty()) currencies.insert(p.currency);
    auto& row = subs_out.add(s.file, s.line);
    subs_out.set(row, "subscription_id", "stripe-" + s.id);
    subs_out.set(row, "account_id", match->account_id);
    subs_out.set(row, "started_at", format_timestamp(started));
    if (ended) subs_out.set(row, "ended_at", format_timestamp(*ended));
    if (!mrr) {
      ++no_price;
      subs_out.rows.back().error_field = s.place.empty() ? "items" : s.place + ".items";
      subs_out.rows.back().error = "no price for any item (give the prices or plans, or the invoices)";
      continue;
    }
    subs_out.set(row, "mrr", fmt::format("{:.2f}", *mrr));
    std::string plan;
    for (const auto& p : s.items) {
      std::string name = !p.nickname.empty() ? p.nickname : products.count(p.product) ? products.at(p.product) : p.price_id;
      if (!name.empty() && plan.find(name) == std::string::npos) plan += (plan.empty() ? "" : "+") + name;
    }
    subs_out.set(row, "plan", plan);
  }
  result.identity = resolver.report();
  if (trial_only) result.skipped["subscriptions that ended within their trial (trials are not revenue)"] = trial_only;
  if (trialing) result.skipped["subscriptions still in their trial (not revenue yet)"] = trialing;
  if (incomplete) result.skipped["incomplete subscriptions (never paid)"] = incomplete;
  if (ended_but_live)
    result.notes.push_back(fmt::format("{} subscription(s) with an ended_at but a live status (active, past_due...): "
                                       "taken as not ended", ended_but_live));
  if (from_invoices) result.notes.push_back(fmt::format("{} subscription(s) without prices: MRR from the latest invoiced period", from_invoices));
  if (currencies.size() > 1)
    result.notes.push_back(fmt::format("prices in {} currencies are summed as they are: MRR has no currency conversion", currencies.size()));
  result.notes.emplace_back("metered (usage-based) prices add no MRR; one-off discounts (duration once) do not lower it");
  return result;
}

}  // namespace

std::unique_ptr<Importer> make_stripe_importer() { return std::make_unique<StripeImporter>(); }

}  // namespace ticketlens::ingest
