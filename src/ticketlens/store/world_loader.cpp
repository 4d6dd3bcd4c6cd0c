#include "ticketlens/store/world_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "ticketlens/common/error.hpp"
#include "ticketlens/store/section_file.hpp"
#include "ticketlens/store/segment.hpp"
#include "ticketlens/store/segment_storage.hpp"

namespace ticketlens::store {
namespace {

using model::kNoTime;
using model::kNone;
using model::World;

constexpr std::string_view kCacheMagic = "TLWORLD1";

std::uint8_t vocab_code(std::span<const std::string_view> vocab, std::string_view v) {
  for (std::size_t i = 0; i < vocab.size(); ++i)
    if (vocab[i] == v) return static_cast<std::uint8_t>(i);
  return model::kNoCode;
}

Timestamp time_or_none(const Statement& s, int col) { return s.is_null(col) ? kNoTime : s.column_int(col); }

std::uint16_t area_code(World& w, std::string_view area) {
  if (area.empty()) return model::kNoArea;
  const std::uint32_t code = w.product_areas.intern(area);
  if (code >= model::kNoArea)
    throw Error(ErrorCode::kInvalidInput, "more than 65,534 distinct product areas");
  return static_cast<std::uint16_t>(code);
}

// Lays out rows grouped by account: returns offsets (size accounts+1) and fills `order` with the
// row permutation. Within an account, rows keep `key` order (stable sort on time).
std::vector<std::uint64_t> group_by_account(const std::vector<std::uint32_t>& account,
                                            const std::vector<Timestamp>& time,
                                            std::size_t accounts, std::vector<std::uint32_t>& order) {
  std::vector<std::uint64_t> offsets(accounts + 1, 0);
  for (auto a : account) ++offsets[a + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  order.assign(account.size(), 0);
  std::vector<std::uint64_t> cursor(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t r = 0; r < account.size(); ++r) order[cursor[account[r]]++] = r;
  for (std::size_t a = 0; a < accounts; ++a)
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(offsets[a]),
                     order.begin() + static_cast<std::ptrdiff_t>(offsets[a + 1]),
                     [&](std::uint32_t x, std::uint32_t y) { return time[x] < time[y]; });
  return offsets;
}

template <class T>
std::vector<T> permute(const std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (auto r : order) out.push_back(v[r]);
  return out;
}

void load_accounts(Database& db, World& w) {
  auto s = db.prepare("SELECT account_id, name, tier, region, signup_at, industry FROM accounts ORDER BY account_id");
  auto& a = w.accounts;
  while (s.step()) {
    a.ids.intern(s.column_text(0));
    a.names.emplace_back(s.column_text(1));
    a.tier.push_back(a.tiers.intern(s.column_text(2)));
    a.region.push_back(a.regions.intern(s.column_text(3)));
    a.signup_at.push_back(s.column_int(4));
    a.industry.push_back(a.industries.intern(s.column_text(5)));
  }
}

std::uint32_t account_index(const World& w, std::string_view id) {
  auto code = w.accounts.ids.find(id);
  if (!code || *code == kNone)
    throw Error(ErrorCode::kStore, fmt::format("store names unknown account '{}'", id));
  return *code;
}

void load_users(Database& db, World& w) {
  auto s = db.prepare("SELECT user_id, account_id, created_at FROM users ORDER BY user_id");
  while (s.step()) {
    const std::uint32_t code = w.user_ids.intern(s.column_text(0));
    if (w.users.account.size() <= code) {
      w.users.account.resize(code + 1, kNone);
      w.users.created_at.resize(code + 1, kNoTime);
    }
    w.users.account[code] = account_index(w, s.column_text(1));
    w.users.created_at[code] = time_or_none(s, 2);
  }
}

void load_events(Store& store, World& w, const LoadOptions& options) {
  auto& e = w.events;
  std::vector<std::uint32_t> account;
  std::vector<Timestamp> ts;
  std::vector<std::uint32_t> user, session, name;
  std::vector<std::uint16_t> area;
  std::vector<std::uint8_t> platform, is_error;
  std::unordered_map<std::string, std::uint32_t> sessions;
  std::size_t total = 0;
  // Segments in ClickHouse stay there: analyses push their event reductions down to it
  // (store/clickhouse_kernels.hpp) rather than load its events into this process.
  auto segments = store.segments();
  std::erase_if(segments, [](const SegmentInfo& s) { return is_clickhouse_segment(s.file); });
  for (const auto& seg : segments) total += static_cast<std::size_t>(seg.rows);
  for (auto* v : {&account, &user, &session, &name}) v->reserve(total);
  ts.reserve(total);
  area.reserve(total);
  platform.reserve(total);
  is_error.reserve(total);
  std::size_t done = 0;
  for (const auto& seg : segments) {
    const EventBatch b = read_segment(store.segments_dir() / seg.file);
    std::vector<std::uint32_t> acc_map(b.account_ids.size()), name_map(b.names.size());
    std::vector<std::uint16_t> area_map(b.product_areas.size());
    std::vector<std::uint8_t> platform_map(b.platforms.size());
    // A segment's dictionary may name accounts none of its rows use (rejected rows); only a
    // row naming an unknown account is an error.
    for (std::uint32_t i = 0; i < acc_map.size(); ++i) acc_map[i] = w.accounts.ids.find(b.account_ids.at(i)).value_or(kNone);
    for (std::uint32_t i = 0; i < name_map.size(); ++i) name_map[i] = e.names.intern(b.names.at(i));
    for (std::uint32_t i = 0; i < area_map.size(); ++i) area_map[i] = area_code(w, b.product_areas.at(i));
    for (std::uint32_t i = 0; i < platform_map.size(); ++i) {
      const auto code = e.platforms.intern(b.platforms.at(i));
      if (code >= model::kNoCode) throw Error(ErrorCode::kInvalidInput, "more than 254 distinct platforms");
      platform_map[i] = static_cast<std::uint8_t>(code);
    }
    for (std::size_t r = 0; r < b.size(); ++r) {
      const std::uint32_t a = acc_map[b.account[r]];
      if (a == kNone)
        throw Error(ErrorCode::kStore, fmt::format("{} names unknown account '{}'", seg.file,
                                                   b.account_ids.at(b.account[r])));
      account.push_back(a);
      ts.push_back(b.ts[r]);
      name.push_back(name_map[b.name[r]]);
      area.push_back(b.product_area[r] == kNone ? model::kNoArea : area_map[b.product_area[r]]);
      platform.push_back(b.platform[r] == kNone ? model::kNoCode : platform_map[b.platform[r]]);
      is_error.push_back(b.is_error[r] == 1 ? 1 : 0);
      const std::string_view u = b.user_id.at(r);
      user.push_back(u.empty() ? kNone : w.user_ids.intern(u));
      const std::string_view sid = b.session_id.at(r);
      if (sid.empty()) {
        session.push_back(kNone);
      } else {
        auto [it, fresh] = sessions.try_emplace(std::string(sid), static_cast<std::uint32_t>(sessions.size()));
        session.push_back(it->second);
      }
    }
    done += b.size();
    if (options.progress)
      options.progress(fmt::format("loading events: {}/{} segments, {} events", &seg - &segments[0] + 1,
                                   segments.size(), done));
  }
  e.session_count = static_cast<std::uint32_t>(sessions.size());
  std::vector<std::uint32_t> order;
  e.account_offsets = group_by_account(account, ts, w.accounts.size(), order);
  e.ts = permute(ts, order);
  e.user = permute(user, order);
  e.session = permute(session, order);
  e.name = permute(name, order);
  e.product_area = permute(area, order);
  e.platform = permute(platform, order);
  e.is_error = permute(is_error, order);
}

void load_tickets(Database& db, World& w) {
  auto& t = w.tickets;
  auto s = db.prepare(
      "SELECT ticket_id, account_id, requester_id, created_at, first_response_at, solved_at, status, "
      "channel, priority, category, product_area, root_cause, escalated_to, handle_minutes, "
      "reopens, replies, csat, tags, issue_id, assignee, team FROM tickets");
  std::vector<std::uint32_t> raw_account;
  while (s.step()) {
    t.id.push_back(t.ids.intern(s.column_text(0)));
    t.account.push_back(account_index(w, s.column_text(1)));
    t.requester.push_back(s.is_null(2) ? kNone : w.user_ids.intern(s.column_text(2)));
    t.created_at.push_back(s.column_int(3));
    t.first_response_at.push_back(time_or_none(s, 4));
    t.solved_at.push_back(time_or_none(s, 5));
    t.status.push_back(t.statuses.intern(s.column_text(6)));
    t.channel.push_back(vocab_code(model::kChannels, s.column_text(7)));
    t.priority.push_back(vocab_code(model::kPriorities, s.column_text(8)));
    t.category.push_back(t.categories.intern(s.column_text(9)));
    t.product_area.push_back(s.is_null(10) ? kNone : w.product_areas.intern(s.column_text(10)));
    t.root_cause.push_back(vocab_code(model::kRootCauses, s.column_text(11)));
    t.escalated_to.push_back(vocab_code(model::kEscalations, s.column_text(12)));
    t.handle_minutes.push_back(s.is_null(13) ? std::nan("") : s.column_double(13));
    t.reopens.push_back(s.is_null(14) ? -1 : static_cast<std::int32_t>(s.column_int(14)));
    t.replies.push_back(s.is_null(15) ? -1 : static_cast<std::int32_t>(s.column_int(15)));
    t.csat.push_back(s.is_null(16) ? std::int8_t{-1} : static_cast<std::int8_t>(s.column_int(16)));
    t.tags.push_back(t.tag_sets.intern(s.column_text(17)));
    t.issue.push_back(s.is_null(18) ? kNone : w.issues.ids.intern(s.column_text(18)));
    t.assignee.push_back(t.assignees.intern(s.column_text(19)));
    t.team.push_back(t.teams.intern(s.column_text(20)));
  }
  std::vector<std::uint32_t> order;
  t.account_offsets = group_by_account(t.account, t.created_at, w.accounts.size(), order);
  t.id = permute(t.id, order);
  t.account = permute(t.account, order);
  t.requester = permute(t.requester, order);
  t.created_at = permute(t.created_at, order);
  t.first_response_at = permute(t.first_response_at, order);
  t.solved_at = permute(t.solved_at, order);
  for (auto* v : {&t.status, &t.category, &t.product_area, &t.issue, &t.assignee, &t.team, &t.tags})
    *v = permute(*v, order);
  for (auto* v : {&t.channel, &t.priority, &t.root_cause, &t.escalated_to}) *v = permute(*v, order);
  t.handle_minutes = permute(t.handle_minutes, order);
  t.reopens = permute(t.reopens, order);
  t.replies = permute(t.replies, order);
  t.csat = permute(t.csat, order);
}

void load_issues(Database& db, World& w) {
  // Issues may be named by tickets before they are loaded: keep the dictionary's codes.
  auto& is = w.issues;
  auto s = db.prepare("SELECT issue_id, opened_at, resolved_at, product_area, kind FROM issues");
  while (s.step()) {
    const std::uint32_t code = is.ids.intern(s.column_text(0));
    if (is.opened_at.size() <= code) {
      is.opened_at.resize(code + 1, kNoTime);
      is.resolved_at.resize(code + 1, kNoTime);
      is.product_area.resize(code + 1, kNone);
      is.kind.resize(code + 1, kNone);
    }
    is.opened_at[code] = s.column_int(1);
    is.resolved_at[code] = time_or_none(s, 2);
    is.product_area[code] = s.is_null(3) ? kNone : w.product_areas.intern(s.column_text(3));
    is.kind[code] = is.kinds.intern(s.column_text(4));
  }
  // Issues named by tickets but absent from issues.csv keep kNoTime (check reports them).
  is.opened_at.resize(is.ids.size(), kNoTime);
  is.resolved_at.resize(is.ids.size(), kNoTime);
  is.product_area.resize(is.ids.size(), kNone);
  is.kind.resize(is.ids.size(), kNone);
}

void load_rest(Database& db, World& w) {
  {
    auto& sub = w.subscriptions;
    auto s = db.prepare("SELECT subscription_id, account_id, started_at, ended_at, mrr, plan FROM "
                        "subscriptions ORDER BY account_id, started_at, subscription_id");
    while (s.step()) {
      sub.id.push_back(sub.ids.intern(s.column_text(0)));
      sub.account.push_back(account_index(w, s.column_text(1)));
      sub.started_at.push_back(s.column_int(2));
      sub.ended_at.push_back(time_or_none(s, 3));
      sub.mrr.push_back(s.column_double(4));
      sub.plan.push_back(sub.plans.intern(s.column_text(5)));
    }
  }
  {
    auto& rel = w.releases;
    auto s = db.prepare("SELECT release_id, released_at, product_areas, notes FROM releases ORDER BY released_at, release_id");
    while (s.step()) {
      rel.id.push_back(rel.ids.intern(s.column_text(0)));
      rel.released_at.push_back(s.column_int(1));
      std::vector<std::uint16_t> areas;
      std::string_view list = s.column_text(2);
      while (!list.empty()) {
        const auto semi = list.find(';');
        std::string_view item = list.substr(0, semi);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) areas.push_back(area_code(w, item));
        list = semi == std::string_view::npos ? std::string_view() : list.substr(semi + 1);
      }
      rel.product_areas.push_back(std::move(areas));
      rel.notes.emplace_back(s.column_text(3));
    }
  }
  {
    auto& sv = w.surveys;
    auto s = db.prepare("SELECT response_id, account_id, user_id, ts, kind, score, ticket_id FROM surveys ORDER BY ts");
    while (s.step()) {
      sv.ids.intern(s.column_text(0));
      sv.account.push_back(account_index(w, s.column_text(1)));
      sv.user.push_back(s.is_null(2) ? kNone : w.user_ids.intern(s.column_text(2)));
      sv.ts.push_back(s.column_int(3));
      sv.kind.push_back(s.is_null(4) ? 0 : vocab_code(model::kSurveyKinds, s.column_text(4)));
      sv.score.push_back(s.column_double(5));
      // Unknown ticket ids get codes past the tickets' own (check reports them as orphans).
      sv.ticket.push_back(s.is_null(6) ? kNone : w.tickets.ids.intern(s.column_text(6)));
    }
  }
  {
    auto& as = w.assignments;
    auto s = db.prepare("SELECT experiment_id, account_id, arm, assigned_at FROM assignments ORDER BY experiment_id, account_id");
    while (s.step()) {
      as.experiment.push_back(as.experiments.intern(s.column_text(0)));
      as.account.push_back(account_index(w, s.column_text(1)));
      as.arm.push_back(as.arms.intern(s.column_text(2)));
      as.assigned_at.push_back(s.column_int(3));
    }
  }
}

// The span of the events and tickets; events held in ClickHouse count through their segments'
// manifest rows (min_ts, max_ts), so the span is the same whichever backend holds them.
void compute_data_span(World& w, const std::vector<SegmentInfo>& segments) {
  Timestamp lo = std::numeric_limits<Timestamp>::max(), hi = std::numeric_limits<Timestamp>::min();
  for (const auto& s : segments)
    if (is_clickhouse_segment(s.file) && s.rows > 0) {
      lo = std::min(lo, s.min_ts);
      hi = std::max(hi, s.max_ts);
    }
  for (Timestamp t : w.events.ts) {
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  for (Timestamp t : w.tickets.created_at) {
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  if (lo <= hi) {
    w.data_start = lo;
    w.data_end = hi;
  }
}

// One description of the World's columns serves both the cache writer and reader.
template <class Archive>
void visit_world(Archive& ar, World& w) {
  ar(w.user_ids); ar(w.product_areas);
  auto& a = w.accounts;
  ar(a.ids); ar(a.names); ar(a.tier); ar(a.region); ar(a.industry); ar(a.tiers); ar(a.regions);
  ar(a.industries); ar(a.signup_at);
  ar(w.users.account); ar(w.users.created_at);
  auto& e = w.events;
  ar(e.account_offsets); ar(e.ts); ar(e.user); ar(e.session); ar(e.name); ar(e.product_area);
  ar(e.platform); ar(e.is_error); ar(e.names); ar(e.platforms);
  auto& t = w.tickets;
  ar(t.account_offsets); ar(t.ids); ar(t.id); ar(t.account); ar(t.requester); ar(t.created_at);
  ar(t.first_response_at); ar(t.solved_at); ar(t.status); ar(t.category); ar(t.product_area);
  ar(t.issue); ar(t.assignee); ar(t.team); ar(t.tags); ar(t.channel); ar(t.priority);
  ar(t.root_cause); ar(t.escalated_to); ar(t.handle_minutes); ar(t.reopens); ar(t.replies);
  ar(t.csat); ar(t.statuses); ar(t.categories); ar(t.assignees); ar(t.teams); ar(t.tag_sets);
  auto& is = w.issues;
  ar(is.ids); ar(is.opened_at); ar(is.resolved_at); ar(is.product_area); ar(is.kind); ar(is.kinds);
  auto& s = w.subscriptions;
  ar(s.ids); ar(s.id); ar(s.account); ar(s.plan); ar(s.started_at); ar(s.ended_at); ar(s.mrr); ar(s.plans);
  auto& r = w.releases;
  ar(r.ids); ar(r.id); ar(r.released_at); ar(r.product_areas); ar(r.notes);
  auto& sv = w.surveys;
  ar(sv.ids); ar(sv.account); ar(sv.user); ar(sv.ticket); ar(sv.ts); ar(sv.kind); ar(sv.score);
  auto& as = w.assignments;
  ar(as.experiments); ar(as.arms); ar(as.experiment); ar(as.account); ar(as.arm); ar(as.assigned_at);
}

struct CacheWriter {
  SectionWriter& w;
  template <class T>
  void operator()(const std::vector<T>& v) { w.put(v); }
  void operator()(const Dictionary& d) { w.put_dictionary(d); }
  void operator()(const std::vector<std::string>& v) {
    StringColumn s;
    for (const auto& x : v) s.push_back(x);
    w.put_strings(s);
  }
  void operator()(const std::vector<std::vector<std::uint16_t>>& v) {
    std::vector<std::uint64_t> offsets{0};
    std::vector<std::uint16_t> flat;
    for (const auto& x : v) {
      flat.insert(flat.end(), x.begin(), x.end());
      offsets.push_back(flat.size());
    }
    w.put(offsets);
    w.put(flat);
  }
};

struct CacheReader {
  SectionReader& r;
  std::size_t next = 1;  // section 0 is the header
  template <class T>
  void operator()(std::vector<T>& v) { v = r.get<T>(next++); }
  void operator()(Dictionary& d) {
    d = r.get_dictionary(next);
    next += 2;
  }
  void operator()(std::vector<std::string>& v) {
    const StringColumn s = r.get_strings(next);
    next += 2;
    v.clear();
    for (std::size_t i = 0; i < s.size(); ++i) v.emplace_back(s.at(i));
  }
  void operator()(std::vector<std::vector<std::uint16_t>>& v) {
    const auto offsets = r.get<std::uint64_t>(next++);
    const auto flat = r.get<std::uint16_t>(next++);
    v.clear();
    for (std::size_t i = 0; i + 1 < offsets.size(); ++i)
      v.emplace_back(flat.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                     flat.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
  }
};

}  // namespace

World build_world(Store& store) {
  World w;
  w.data_version = store.data_version();
  Database& db = store.db();
  load_accounts(db, w);
  load_users(db, w);
  w.users.account.resize(w.user_ids.size(), kNone);
  w.users.created_at.resize(w.user_ids.size(), kNoTime);
  load_events(store, w, {});
  load_tickets(db, w);
  load_issues(db, w);
  load_rest(db, w);
  w.users.account.resize(w.user_ids.size(), kNone);
  w.users.created_at.resize(w.user_ids.size(), kNoTime);
  compute_data_span(w, store.segments());
  return w;
}

void write_world_cache(const World& world, const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  SectionWriter writer(path, kCacheMagic);
  const std::vector<std::int64_t> header = {world.data_version, kSchemaVersion, world.data_start, world.data_end,
                                            static_cast<std::int64_t>(world.events.session_count)};
  writer.put(header);
  CacheWriter ar{writer};
  visit_world(ar, const_cast<World&>(world));  // the writer only reads
  writer.finish();
}

World read_world_cache(const std::filesystem::path& path) {
  SectionReader reader(path, kCacheMagic);
  World w;
  const auto header = reader.get<std::int64_t>(0);
  if (header.size() != 5 || header[1] != kSchemaVersion)
    throw Error(ErrorCode::kStore, fmt::format("{} is of another format version", path.string()));
  w.data_version = header[0];
  w.data_start = header[2];
  w.data_end = header[3];
  w.events.session_count = static_cast<std::uint32_t>(header[4]);
  CacheReader ar{reader};
  visit_world(ar, w);
  return w;
}

World load_world(Store& store, const LoadOptions& options, LoadInfo* info) {
  const auto started = std::chrono::steady_clock::now();
  if (!options.external_events)
    for (const auto& seg : store.segments())
      if (is_clickhouse_segment(seg.file))
        throw Error(ErrorCode::kConfig,
                    "this workspace's events live in ClickHouse ([events] backend = \"clickhouse\"), and this "
                    "analysis reads them in memory: it does not run there yet. `ticketlens activity` does "
                    "(docs/scale.md lists what runs where)");
  const auto path = store.dir() / "cache" / "world.bin";
  const std::int64_t version = store.data_version();
  auto finish = [&](World w, bool cached) {
    if (info) {
      info->from_cache = cached;
      info->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    return w;
  };
  if (options.use_cache && std::filesystem::exists(path)) {
    try {
      World w = read_world_cache(path);
      if (w.data_version == version) return finish(std::move(w), true);
    } catch (const Error& e) {
      if (options.progress) options.progress(fmt::format("{}; rebuilding it", e.what()));
    }
  }
  World w = build_world(store);
  if (options.use_cache) {
    try {
      write_world_cache(w, path);
    } catch (const Error& e) {  // a cache is an optimisation: failing to write it is not fatal
      if (options.progress) options.progress(fmt::format("cannot write the World cache: {}", e.what()));
    }
  }
  return finish(std::move(w), false);
}

}  // namespace ticketlens::store
