#pragma once
// Helpers for the importer tests: run an importer through canonical ingest into a temporary
// store, and read back stored rows as text.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "store_test_support.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/common/time.hpp"
#include "ticketlens/ingest/import/importer.hpp"

namespace ticketlens::store::test {

struct ImportRun {
  ingest::ImportResult imported;
  IngestResult result;
};

/// The dataset folder under ../shared/datasets, or empty when absent (the test then skips).
inline fs::path dataset(const std::string& name) {
  const fs::path dir = fs::path(TICKETLENS_DATASETS) / name;
  return fs::is_directory(dir) ? dir : fs::path();
}

/// The first rejects as `file:line: field: reason` lines, for failure messages.
inline std::string rejects_text(const IngestResult& r) {
  std::string out;
  for (const auto& j : r.first_rejects)
    out += j.file + ":" + std::to_string(j.line) + ": " + j.field + ": " + j.reason + "\n";
  return out;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override { store = Store::create(dir_.path()); }

  ImportRun import(const std::string& source, const std::vector<fs::path>& files,
                   const ingest::ImportOptions& options = {}, const IngestOptions& ingest_options = {}) {
    const auto* importer = ingest::find_importer(source);
    EXPECT_NE(importer, nullptr) << source;
    ImportRun run;
    run.imported = importer->import(files, known_identities(*store), options);
    run.result = store::ingest(*store, import_inputs(run.imported, source, files), ingest_options);
    return run;
  }

  /// Account acme with user u-carla <carla@acme.io>.
  void seed_known_customer() {
    const auto r = store::ingest(
        *store, {input(model::Kind::kAccounts, "account_id,name,signup_at\nacme,Acme,2025-06-01\n"),
                 input(model::Kind::kUsers, "user_id,account_id,email\nu-carla,acme,carla@acme.io\n")},
        {});
    ASSERT_TRUE(r.committed);
  }

  std::int64_t count(const std::string& kind) { return store->row_counts().at(kind); }

  /// The stored values of one row as text (timestamps as ISO-8601, missing as "").
  std::vector<std::string> row(const std::string& kind, const std::string& id, const std::string& columns) {
    const auto schema_kind = model::kind_from_name(kind);
    const auto& schema = model::schema_of(*schema_kind);
    std::vector<std::string> names;
    std::stringstream ss(columns);
    for (std::string c; std::getline(ss, c, ',');) {
      c.erase(0, c.find_first_not_of(' '));
      names.push_back(c);
    }
    auto s = store->db().prepare("SELECT " + columns + " FROM " + kind + " WHERE " +
                                 std::string(schema.key[0]) + " = ?");
    s.bind(1, std::string_view(id));
    if (!s.step()) return {"<no row " + id + ">"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const int c = model::column_index(schema, names[i]);
      const auto col = static_cast<int>(i);
      if (s.column_text(col).empty()) {
        out.emplace_back();
      } else if (c >= 0 && schema.columns[static_cast<std::size_t>(c)].type == model::ColumnType::kTimestamp) {
        out.push_back(format_timestamp(s.column_int(col)));
      } else {
        out.emplace_back(s.column_text(col));
      }
    }
    return out;
  }

  std::unique_ptr<Store> store;

 private:
  TempDir dir_;
};

}  // namespace ticketlens::store::test
