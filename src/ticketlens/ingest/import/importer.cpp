#include "ticketlens/ingest/import/importer.hpp"

#include <cassert>

#include "ticketlens/ingest/import/adapters.hpp"

namespace ticketlens::ingest {

CanonicalRow& CanonicalTable::add(std::string file, std::int64_t line) {
  CanonicalRow& row = rows.emplace_back();
  row.file = std::move(file);
  row.line = line;
  row.values.resize(model::schema_of(kind).columns.size());
  return row;
}

void CanonicalTable::set(CanonicalRow& row, std::string_view column, std::string value) const {
  const int c = model::column_index(model::schema_of(kind), column);
  assert(c >= 0);
  row.values[static_cast<std::size_t>(c)] = std::move(value);
}

void CanonicalTable::reject(std::string file, std::int64_t line, std::string field, std::string reason) {
  CanonicalRow& row = add(std::move(file), line);
  row.error_field = std::move(field);
  row.error = std::move(reason);
}

CanonicalTable& ImportResult::table(model::Kind kind) {
  // At most one table per kind: with room for all of them, adding one never moves the others,
  // so an adapter may hold references to several tables at once.
  if (tables.capacity() < model::kKindCount) tables.reserve(model::kKindCount);
  for (auto& t : tables)
    if (t.kind == kind) return t;
  return tables.emplace_back(kind);
}

namespace {

const std::vector<std::unique_ptr<Importer>>& registry() {
  static const auto* importers = [] {
    auto* v = new std::vector<std::unique_ptr<Importer>>();
    v->push_back(make_zendesk_importer());
    v->push_back(make_freshdesk_importer());
    v->push_back(make_intercom_importer());
    v->push_back(make_stripe_importer());
    v->push_back(make_segment_importer());
    v->push_back(make_amplitude_importer());
    v->push_back(make_posthog_importer());
    v->push_back(make_event_log_importer());
    v->push_back(make_ravenstack_importer());
    v->push_back(make_kaggle_tickets_importer());
    return v;
  }();
  return *importers;
}

class TableRowReader final : public RowReader {
 public:
  explicit TableRowReader(std::shared_ptr<const CanonicalTable> table) : table_(std::move(table)) {}

  bool next(TextRow& row) override {
    if (next_ >= table_->rows.size()) return false;
    const CanonicalRow& r = table_->rows[next_++];
    row.line = r.line;
    row.file = r.file;
    row.error = r.error;
    row.error_field = r.error_field;
    row.values.assign(r.values.begin(), r.values.end());
    return true;
  }
  [[nodiscard]] const std::vector<std::string>& unknown_columns() const override { return none_; }

 private:
  std::shared_ptr<const CanonicalTable> table_;
  std::size_t next_ = 0;
  std::vector<std::string> none_;
};

}  // namespace

const Importer* find_importer(std::string_view name) {
  for (const auto& i : registry())
    if (i->name() == name) return i.get();
  return nullptr;
}

std::vector<std::string_view> importer_names() {
  std::vector<std::string_view> out;
  for (const auto& i : registry()) out.push_back(i->name());
  return out;
}

std::unique_ptr<RowReader> table_row_reader(std::shared_ptr<const CanonicalTable> table) {
  return std::make_unique<TableRowReader>(std::move(table));
}

}  // namespace ticketlens::ingest
