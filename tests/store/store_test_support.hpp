#pragma once
// Helpers for the store tests: a temporary workspace, the small company every test ingests, and
// inputs built from memory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ticketlens/store/ingest_writer.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::store::test {

namespace fs = std::filesystem;

/// A fresh folder under the system temp folder, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("ticketlens-" + std::string(info ? info->name() : "test") + "-" +
             std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

/// Flips every bit of the byte at `offset` (from the end when negative).
inline void flip_byte(const fs::path& path, long offset) {
  std::string bytes = read_file(path);
  const auto size = static_cast<long>(bytes.size());
  const long at = offset < 0 ? size + offset : offset;
  ASSERT_TRUE(at >= 0 && at < size) << offset;
  bytes[static_cast<std::size_t>(at)] = static_cast<char>(~bytes[static_cast<std::size_t>(at)]);
  write_file(path, bytes);
}

inline IngestInput input(model::Kind kind, std::string body, std::string label = "",
                         ingest::FileFormat format = ingest::FileFormat::kCsv) {
  IngestInput in;
  in.kind = kind;
  in.format = format;
  in.body = std::move(body);
  in.label = label.empty() ? std::string(model::schema_of(kind).name) +
                                 (format == ingest::FileFormat::kCsv ? ".csv" : ".jsonl")
                           : std::move(label);
  return in;
}

// The small company: three accounts, four tickets, five events (two without event_id).
inline const std::string kAccounts =
    "account_id,name,tier,region,signup_at,industry\n"
    "a2,Beta,smb,na,2025-03-01,retail\n"
    "a1,Acme,enterprise,emea,2025-01-10,software\n"
    "a3,Gamma,mid,apac,2025-02-01,\n";

inline const std::string kTickets =
    "ticket_id,account_id,created_at,channel,priority,category,subject,csat\n"
    "t1,a2,2026-01-05T10:00:00Z,email,high,billing,Invoice wrong,4\n"
    "t2,a1,2026-01-06T10:00:00Z,chat,normal,login,Cannot log in,\n"
    "t3,a2,2026-01-04T09:00:00Z,phone,low,billing,\"Refund, please\",5\n"
    "t4,a1,2026-01-02T09:00:00Z,web,urgent,data_import,Import failed,\n";

inline const std::string kEventsHeader =
    "ts,account_id,user_id,name,session_id,product_area,platform,is_error,duration_ms,event_id,"
    "properties\n";
inline const std::string kEvents =
    kEventsHeader +
    "2026-01-05T10:00:00Z,a2,u1,login,s1,auth,web,0,120,e1,\n"
    "2026-01-03T10:00:00Z,a1,u2,export,s2,reports,ios,1,,e2,\"{\"\"rows\"\":10}\"\n"
    "2026-01-04T10:00:00Z,a1,u2,login,s2,auth,ios,0,,,\n"
    "2026-01-01T10:00:00Z,a3,,payment_failed,,billing,,1,,,\n"
    "2026-01-02T08:00:00Z,a1,u3,login,s3,auth,web,0,,,\n";

/// A store in a temporary folder with the small company ingested.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Store::create(dir_.path()); }

  IngestResult ingest_all(const IngestOptions& options = {}) {
    return ingest({input(model::Kind::kAccounts, kAccounts), input(model::Kind::kTickets, kTickets),
                   input(model::Kind::kEvents, kEvents)},
                  options);
  }
  IngestResult ingest(std::vector<IngestInput> inputs, const IngestOptions& options = {}) {
    return store::ingest(*store_, std::move(inputs), options);
  }
  std::int64_t count(const std::string& kind) { return store_->row_counts().at(kind); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace ticketlens::store::test
