#include "ticketlens/store/ingest_writer.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ticketlens/common/error.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/report/table.hpp"
#include "ticketlens/store/segment.hpp"
#include "ticketlens/store/segment_storage.hpp"

namespace ticketlens::store {
namespace {

using ingest::Reject;
using ingest::Value;
using model::Kind;

Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Wraps a source and computes its size and SHA-256 as it is read, so a file is read once.
class HashingSource final : public ingest::ByteSource {
 public:
  explicit HashingSource(std::unique_ptr<ingest::ByteSource> inner)
      : inner_(std::move(inner)), ctx_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr);
  }
  ~HashingSource() override { EVP_MD_CTX_free(ctx_); }
  HashingSource(const HashingSource&) = delete;
  HashingSource& operator=(const HashingSource&) = delete;
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t got = inner_->read(buf, n);
    EVP_DigestUpdate(ctx_, buf, got);
    size_ += static_cast<std::int64_t>(got);
    return got;
  }
  [[nodiscard]] const std::string& name() const override { return inner_->name(); }
  std::string hex_digest() {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx_, d, &len);
    std::string out;
    for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", d[i]);
    return out;
  }
  [[nodiscard]] std::int64_t size() const { return size_; }
  /// Adds bytes read elsewhere to the digest.
  void feed(const char* buf, std::size_t n) {
    EVP_DigestUpdate(ctx_, buf, n);
    size_ += static_cast<std::int64_t>(n);
  }

 private:
  std::unique_ptr<ingest::ByteSource> inner_;
  EVP_MD_CTX* ctx_;
  std::int64_t size_ = 0;
};

std::string unknown_account_reason(std::string_view account) {
  return fmt::format("unknown account '{}' (not in the store nor in this command's accounts "
                     "files; ingest its accounts file first or together)",
                     account);
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Everything one ingest command carries across its files.
class IngestRun {
 public:
  IngestRun(Store& store, const IngestOptions& options)
      : store_(store), options_(options), files_(store.segments_dir()),
        target_(options.events_storage ? options.events_storage.get() : &files_) {}

  IngestResult run(std::vector<IngestInput> inputs);

 private:
  void ingest_file(const IngestInput& input, FileResult& result);
  void ingest_table_rows(ingest::RowReader& reader, ingest::Validator& validator,
                         const IngestInput& input, FileResult& result);
  void ingest_event_rows(ingest::RowReader& reader, ingest::Validator& validator,
                         const IngestInput& input, FileResult& result);
  void flush_events(FileResult& result, const std::string& label);
  void apply_event_deletions();
  SegmentStorage& storage_for(const std::string& name);
  void add_manifest_row(const std::string& name, std::int64_t rows, Timestamp min_ts, Timestamp max_ts);
  void reject(const std::string& label, const ingest::TextRow& row, std::string field,
              std::string reason, FileResult& result, const model::KindSchema& schema);
  const StringSet& account_ids();
  void report_progress(const std::string& label, std::int64_t rows);

  Store& store_;
  const IngestOptions& options_;
  IngestResult result_;
  std::int64_t ingest_id_ = 0;  // the log id of the file being ingested
  std::optional<StringSet> account_ids_;
  // Rejects file of the current input (--skip-bad-rows).
  std::unique_ptr<std::ofstream> rejects_out_;
  // Events: the pending batch and what this command has written or must remove.
  store::EventBatch pending_;
  std::vector<std::int64_t> pending_lines_;
  std::vector<std::int8_t> pending_account_known_;  // per batch account code: -1 unknown yet
  std::map<std::string, SegmentKeys> segment_keys_;          // live segments' identity columns
  std::map<std::string, std::vector<std::uint32_t>> deleted_rows_;  // segment → rows replaced
  std::vector<std::string> written_;   // segments removed if we roll back
  std::vector<std::string> obsolete_;  // segments removed after commit
  FileSegmentStorage files_;           // segment files (always readable)
  SegmentStorage* target_;             // where this command writes new segments
  int segment_seq_ = 0;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
};

const StringSet& IngestRun::account_ids() {
  if (!account_ids_) {
    account_ids_.emplace();
    auto s = store_.db().prepare("SELECT account_id FROM accounts");
    while (s.step()) account_ids_->emplace(s.column_text(0));
  }
  return *account_ids_;
}

void IngestRun::report_progress(const std::string& label, std::int64_t rows) {
  if (!options_.progress) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_progress_ < std::chrono::seconds(2)) return;
  last_progress_ = now;
  options_.progress(fmt::format("{}: {} rows read", label, rows));
}

void IngestRun::reject(const std::string& label, const ingest::TextRow& row, std::string field,
                       std::string reason, FileResult& result, const model::KindSchema& schema) {
  ++result.rejected;
  ++result_.total_rejected;
  // An importer's row names its own source file; a canonical row, the input's.
  const std::string file = row.file.empty() ? label : std::string(row.file);
  if (result_.first_rejects.size() < options_.max_reported)
    result_.first_rejects.push_back({file, row.line, field, reason});
  if (!options_.skip_bad_rows) return;
  if (!rejects_out_) {
    std::filesystem::path dir = options_.rejects_dir.empty() ? store_.dir() / "rejects" : options_.rejects_dir;
    std::filesystem::create_directories(dir);
    const std::string stem = std::filesystem::path(label).stem().string();
    const auto path = dir / fmt::format("{}-{}-rejects.csv", stem.empty() ? "input" : stem, ingest_id_);
    rejects_out_ = std::make_unique<std::ofstream>(path);
    if (!*rejects_out_)
      throw Error(ErrorCode::kIo, fmt::format("cannot write rejects file {}", path.string()));
    result.rejects_file = path.string();
    *rejects_out_ << "file,line,field,reason";
    for (const auto& c : schema.columns) *rejects_out_ << ',' << c.name;
    *rejects_out_ << '\n';
  }
  auto& out = *rejects_out_;
  out << report::csv_escape(file) << ',' << row.line << ',' << report::csv_escape(field) << ','
      << report::csv_escape(reason);
  for (std::size_t c = 0; c < schema.columns.size(); ++c)
    out << ',' << (c < row.values.size() ? report::csv_escape(row.values[c]) : "");
  out << '\n';
}

IngestResult IngestRun::run(std::vector<IngestInput> inputs) {
  const auto started = std::chrono::steady_clock::now();
  std::stable_sort(inputs.begin(), inputs.end(), [](const IngestInput& a, const IngestInput& b) {
    return (a.kind == Kind::kAccounts) > (b.kind == Kind::kAccounts);
  });
  store_.remove_orphan_segments();
  if (target_ != &files_) {
    std::set<std::string> live;
    for (const auto& seg : store_.segments()) live.insert(seg.file);
    target_->remove_orphans(live);
  }
  for (const auto& seg : store_.segments()) segment_keys_[seg.file];  // loaded on first use
  try {
    Transaction tx(store_.db());
    result_.command_id = store_.db().query_int("SELECT COALESCE(MAX(command_id), 0) + 1 FROM ingest_log").value_or(1);
    for (const auto& input : inputs) {
      FileResult& fr = result_.files.emplace_back();
      fr.label = input.label;
      fr.kind = std::string(model::schema_of(input.kind).name);
      fr.format = !input.format_name.empty() ? input.format_name
                  : input.format == ingest::FileFormat::kCsv ? "csv" : "jsonl";
      const Timestamp started_at = now_seconds();
      store_.db()
          .prepare("INSERT INTO ingest_log (command_id, path, kind, format, started_at, status) "
                   "VALUES (?, ?, ?, ?, ?, 'running')")
          .bind(1, result_.command_id).bind(2, input.label).bind(3, fr.kind).bind(4, fr.format)
          .bind(5, started_at).step();
      ingest_id_ = store_.db().last_insert_rowid();
      ingest_file(input, fr);
      if (input.kind == Kind::kAccounts) account_ids_.reset();  // new accounts are referable
      store_.db()
          .prepare("UPDATE ingest_log SET size=?, sha256=?, inserted=?, updated=?, unchanged=?, "
                   "rejected=?, ended_at=?, status=? WHERE id=?")
          .bind(1, fr.size).bind(2, fr.sha256).bind(3, fr.inserted).bind(4, fr.updated)
          .bind(5, fr.unchanged).bind(6, fr.rejected).bind(7, now_seconds())
          .bind(8, std::string_view(fr.rejected ? "ok-with-rejects" : "ok")).bind(9, ingest_id_).step();
    }
    apply_event_deletions();
    const bool accept = result_.total_rejected == 0 || options_.skip_bad_rows;
    if (accept) {
      if (result_.changed()) store_.bump_data_version();
      tx.commit();
      result_.committed = true;
    }
  } catch (...) {
    // A failure mid-way (a bad header, I/O) rolls the transaction back: the segments this
    // command wrote are named by no manifest row, so they go too.
    for (const auto& n : written_) storage_for(n).remove({n});
    throw;
  }
  if (result_.committed) {
    for (const auto& n : obsolete_) storage_for(n).remove({n});
  } else {
    for (const auto& n : written_) storage_for(n).remove({n});
    // Lineage keeps the rejected attempt too, in a transaction of its own.
    Transaction tx(store_.db());
    for (const auto& fr : result_.files)
      store_.db()
          .prepare("INSERT INTO ingest_log (command_id, path, kind, format, size, sha256, "
                   "inserted, updated, unchanged, rejected, started_at, ended_at, status) VALUES "
                   "(?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, 'rejected')")
          .bind(1, result_.command_id).bind(2, fr.label).bind(3, fr.kind).bind(4, fr.format)
          .bind(5, fr.size).bind(6, fr.sha256).bind(7, fr.rejected).bind(8, now_seconds())
          .bind(9, now_seconds()).step();
    tx.commit();
  }
  result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return std::move(result_);
}

void IngestRun::ingest_file(const IngestInput& input, FileResult& result) {
  rejects_out_.reset();
  if (input.rows) {
    const auto& schema = model::schema_of(input.kind);
    auto reader = ingest::table_row_reader(input.rows);
    ingest::Validator validator(schema);
    if (input.kind == Kind::kEvents)
      ingest_event_rows(*reader, validator, input, result);
    else
      ingest_table_rows(*reader, validator, input, result);
    // Lineage: the digest and size of the source files, in the order given.
    HashingSource all(ingest::memory_source({}, input.label));
    for (const auto& path : input.sources) {
      HashingSource one(ingest::open_file_source(path));
      char buf[65536];
      for (std::size_t got; (got = one.read(buf, sizeof buf)) > 0;) all.feed(buf, got);
    }
    result.sha256 = all.hex_digest();
    result.size = all.size();
    return;
  }
  auto raw = input.path.empty() ? ingest::memory_source(input.body, input.label)
                                : ingest::open_file_source(input.path);
  HashingSource source(std::move(raw));
  const auto& schema = model::schema_of(input.kind);
  auto reader = ingest::open_row_reader(source, input.format, schema);
  ingest::Validator validator(schema);
  if (input.kind == Kind::kEvents)
    ingest_event_rows(*reader, validator, input, result);
  else
    ingest_table_rows(*reader, validator, input, result);
  result.unknown_columns = reader->unknown_columns();
  // Drain what the reader did not need (trailing blank lines) so the digest covers the file.
  char sink[65536];
  while (source.read(sink, sizeof sink) > 0) {
  }
  result.sha256 = source.hex_digest();
  result.size = source.size();
}

void IngestRun::ingest_table_rows(ingest::RowReader& reader, ingest::Validator& validator,
                                  const IngestInput& input, FileResult& result) {
  const auto& schema = validator.schema();
  std::string where;
  for (std::size_t k = 0; k < schema.key.size(); ++k)
    where += fmt::format("{}{} = ?", k ? " AND " : "", schema.key[k]);
  auto select = store_.db().prepare(fmt::format("SELECT _hash FROM {} WHERE {}", schema.name, where));
  std::string cols, params;
  for (const auto& c : schema.columns) {
    cols += fmt::format("{}, ", c.name);
    params += "?, ";
  }
  auto upsert = store_.db().prepare(fmt::format("INSERT OR REPLACE INTO {} ({}_hash, _ingest) VALUES ({}?, ?)",
                                                schema.name, cols, params));
  std::vector<int> key_cols;
  for (auto k : schema.key) key_cols.push_back(model::column_index(schema, k));
  const int account_col = model::column_index(schema, "account_id");
  const bool checks_account = account_col >= 0 && schema.columns[static_cast<std::size_t>(account_col)].references.has_value();

  std::unordered_map<std::string, std::int64_t> seen;  // key → first line in this file
  ingest::TextRow row;
  std::vector<Value> values;
  std::int64_t rows = 0;
  while (reader.next(row)) {
    report_progress(input.label, ++rows);
    if (!row.error.empty()) {
      reject(input.label, row, row.error_field.empty() ? "row" : row.error_field, row.error, result, schema);
      continue;
    }
    if (auto problem = validator.validate(row.values, values)) {
      reject(input.label, row, problem->first, problem->second, result, schema);
      continue;
    }
    if (checks_account && !account_ids().count(values[static_cast<std::size_t>(account_col)].text)) {
      reject(input.label, row, "account_id",
             unknown_account_reason(values[static_cast<std::size_t>(account_col)].text),
             result, schema);
      continue;
    }
    const std::string key = validator.key_text(values);
    if (auto [it, fresh] = seen.emplace(key, row.line); !fresh) {
      reject(input.label, row, std::string(schema.key[0]),
             fmt::format("duplicate id '{}' (first at line {})", key, it->second), result, schema);
      continue;
    }
    const auto hash = static_cast<std::int64_t>(ingest::Validator::content_hash(values));
    select.reset();
    for (std::size_t k = 0; k < key_cols.size(); ++k)
      select.bind(static_cast<int>(k + 1), values[static_cast<std::size_t>(key_cols[k])].text);
    const bool exists = select.step();
    const bool same = exists && select.column_int(0) == hash;
    if (same) {
      ++result.unchanged;
      continue;
    }
    (exists ? result.updated : result.inserted)++;
    upsert.reset();
    int p = 1;
    for (const Value& v : values) {
      switch (v.type) {
        case Value::Type::kNull: upsert.bind_null(p); break;
        case Value::Type::kInt: upsert.bind(p, v.i); break;
        case Value::Type::kReal: upsert.bind(p, v.d); break;
        case Value::Type::kText: upsert.bind_static(p, v.text); break;
      }
      ++p;
    }
    upsert.bind(p++, hash);
    upsert.bind(p, ingest_id_);
    upsert.step();
  }
}

void IngestRun::ingest_event_rows(ingest::RowReader& reader, ingest::Validator& validator,
                                  const IngestInput& input, FileResult& result) {
  const auto& schema = validator.schema();
  enum Col { kTs, kAccount, kUser, kName, kSession, kArea, kPlatform, kIsError, kDuration, kEventId, kProperties };
  ingest::TextRow row;
  std::vector<Value> values;
  std::int64_t rows = 0;
  const StringSet& accounts = account_ids();
  while (reader.next(row)) {
    if ((++rows & 0xFFFF) == 0) report_progress(input.label, rows);
    if (!row.error.empty()) {
      reject(input.label, row, row.error_field.empty() ? "row" : row.error_field, row.error, result, schema);
      continue;
    }
    if (auto problem = validator.validate(row.values, values)) {
      reject(input.label, row, problem->first, problem->second, result, schema);
      continue;
    }
    // Each distinct account of the batch is checked once, through its batch code.
    const std::uint32_t account_code = pending_.account_ids.intern(values[kAccount].text);
    if (account_code >= pending_account_known_.size()) pending_account_known_.resize(account_code + 1, -1);
    if (pending_account_known_[account_code] < 0)
      pending_account_known_[account_code] = accounts.count(values[kAccount].text) ? 1 : 0;
    if (!pending_account_known_[account_code]) {
      reject(input.label, row, "account_id",
             unknown_account_reason(values[kAccount].text),
             result, schema);
      continue;
    }
    auto& b = pending_;
    b.ts.push_back(values[kTs].i);
    b.account.push_back(account_code);
    b.name.push_back(b.names.intern(values[kName].text));
    b.product_area.push_back(b.product_areas.intern(values[kArea].text));
    b.platform.push_back(b.platforms.intern(values[kPlatform].text));
    b.is_error.push_back(values[kIsError].type == Value::Type::kNull ? kMissingFlag
                                                                      : static_cast<std::int8_t>(values[kIsError].i));
    b.duration_ms.push_back(values[kDuration].type == Value::Type::kNull ? kMissingInt : values[kDuration].i);
    b.user_id.push_back(values[kUser].text);
    b.session_id.push_back(values[kSession].text);
    b.event_id.push_back(values[kEventId].text);
    b.properties.push_back(values[kProperties].text);
    b.key_hash.push_back(validator.key_hash(values));
    b.content_hash.push_back(ingest::Validator::content_hash(values));
    pending_lines_.push_back(row.line);
    if (b.size() >= options_.flush_rows) flush_events(result, input.label);
  }
  flush_events(result, input.label);
}

// Resolves the pending batch against itself and the live segments, then writes what is new or
// changed as one segment sorted by key.
void IngestRun::flush_events(FileResult& result, const std::string& label) {
  if (pending_.size() == 0) return;
  const EventBatch& b = pending_;
  std::vector<std::uint32_t> order(b.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return b.key_hash[x] < b.key_hash[y]; });
  // Duplicates within the batch: identical rows count once; the same event_id with other
  // content is a reject (ids are unique within a file).
  std::vector<std::uint32_t> keep;
  keep.reserve(order.size());
  const auto& schema = model::schema_of(Kind::kEvents);
  for (std::uint32_t r : order) {
    if (!keep.empty() && b.key_hash[keep.back()] == b.key_hash[r]) {
      const std::uint32_t first = keep.back();
      if (b.content_hash[first] == b.content_hash[r]) {
        ++result.unchanged;
      } else {
        ingest::TextRow row;
        row.line = pending_lines_[r];
        reject(label, row, "event_id",
               fmt::format("duplicate event_id '{}' with different content (first at line {})",
                           b.event_id.at(r), pending_lines_[first]),
               result, schema);
      }
      continue;
    }
    keep.push_back(r);
  }
  // Against the live segments (sorted by key): merge-join.
  std::vector<bool> drop(b.size(), false);
  std::int64_t updated = 0;
  for (auto& [file, keys] : segment_keys_) {
    if (keys.key_hash.empty()) keys = storage_for(file).read_keys(file);
    auto& deleted = deleted_rows_[file];
    std::vector<bool> replaced(keys.key_hash.size(), false);  // rows already replaced
    for (auto r : deleted) replaced[r] = true;
    std::size_t j = 0;
    for (std::uint32_t r : keep) {
      const std::uint64_t k = b.key_hash[r];
      while (j < keys.key_hash.size() && keys.key_hash[j] < k) ++j;
      if (j == keys.key_hash.size()) break;
      if (keys.key_hash[j] != k) continue;
      if (replaced[j]) continue;
      if (keys.content_hash[j] == b.content_hash[r]) {
        ++result.unchanged;
        drop[r] = true;
      } else {
        ++updated;
        deleted.push_back(static_cast<std::uint32_t>(j));
        replaced[j] = true;
      }
    }
  }
  std::vector<std::uint32_t> rows;
  rows.reserve(keep.size());
  for (std::uint32_t r : keep)
    if (!drop[r]) rows.push_back(r);
  result.updated += updated;
  result.inserted += static_cast<std::int64_t>(rows.size()) - updated;
  if (!rows.empty()) {
    EventBatch out = b.select(rows);
    const std::string name = target_->name(fmt::format("ev-{}-{}-{}", result_.command_id, ingest_id_, segment_seq_++));
    written_.push_back(name);
    target_->write(out, name);
    const auto [min_it, max_it] = std::minmax_element(out.ts.begin(), out.ts.end());
    add_manifest_row(name, static_cast<std::int64_t>(out.size()), *min_it, *max_it);
    segment_keys_[name] = {std::move(out.key_hash), std::move(out.content_hash)};
  }
  pending_ = EventBatch{};
  pending_lines_.clear();
  pending_account_known_.clear();
}

SegmentStorage& IngestRun::storage_for(const std::string& name) {
  return files_.owns(name) ? static_cast<SegmentStorage&>(files_) : *target_;
}

void IngestRun::add_manifest_row(const std::string& name, std::int64_t rows, Timestamp min_ts, Timestamp max_ts) {
  store_.db()
      .prepare("INSERT INTO event_segments (file, rows, min_ts, max_ts, ingest_id) VALUES (?, ?, ?, ?, ?)")
      .bind(1, name).bind(2, rows).bind(3, min_ts).bind(4, max_ts).bind(5, ingest_id_).step();
}

// Segments that lost rows to updates are rewritten without them (segments are immutable), in the
// storage that holds them.
void IngestRun::apply_event_deletions() {
  for (auto& [file, rows] : deleted_rows_) {
    if (rows.empty()) continue;
    if (!files_.owns(file) && target_ == &files_)
      throw Error(ErrorCode::kConfig,
                  fmt::format("event segment {} lives in ClickHouse but [events] backend is not \"clickhouse\"; "
                              "set it back to update those events",
                              file));
    SegmentStorage& storage = storage_for(file);
    store_.db().prepare("DELETE FROM event_segments WHERE file = ?").bind(1, file).step();
    // Removed once committed, whether an older command or this one wrote it (a rollback
    // removes this command's segments and keeps the older ones).
    obsolete_.push_back(file);
    const std::string new_name = storage.name(fmt::format("ev-{}-r{}", result_.command_id, segment_seq_++));
    written_.push_back(new_name);
    const auto w = storage.rewrite_without(file, rows, new_name);
    if (w.rows > 0) add_manifest_row(new_name, w.rows, w.min_ts, w.max_ts);
  }
}

}  // namespace

IngestInput file_input(const std::filesystem::path& path, model::Kind kind) {
  IngestInput in;
  in.path = path;
  in.label = path.string();
  in.kind = kind;
  in.format = ingest::FileFormat::kCsv;
  return in;
}

std::vector<IngestInput> import_inputs(const ingest::ImportResult& imported, std::string_view source,
                                       const std::vector<std::filesystem::path>& files) {
  std::vector<IngestInput> out;
  for (const auto& table : imported.tables) {
    if (table.rows.empty()) continue;
    IngestInput in;
    in.kind = table.kind;
    in.label = fmt::format("{} {}", source, model::schema_of(table.kind).name);
    in.rows = std::make_shared<const ingest::CanonicalTable>(table);
    in.sources = files;
    in.format_name = std::string(source);
    out.push_back(std::move(in));
  }
  return out;
}

ingest::IdentityIndex known_identities(Store& store) {
  ingest::IdentityIndex index;
  auto a = store.db().prepare("SELECT account_id FROM accounts");
  while (a.step()) index.add_account(std::string(a.column_text(0)));
  auto u = store.db().prepare("SELECT user_id, account_id, COALESCE(email, '') FROM users");
  while (u.step())
    index.add_user(std::string(u.column_text(0)), std::string(u.column_text(1)), u.column_text(2));
  return index;
}

IngestResult ingest(Store& store, std::vector<IngestInput> inputs, const IngestOptions& options) {
  auto lock = store.lock_for_writing();
  IngestRun run(store, options);
  return run.run(std::move(inputs));
}

}  // namespace ticketlens::store
