#pragma once
// A binary file of numbered sections, each checksummed: the format of event segments and of the
// derived World cache. Layout: magic, the sections back to back, a table of (offset, length,
// hash64) per section, and a footer (table offset, count, magic). Writes go to a temporary file
// that is fsynced and renamed into place, so a reader never sees a partial file.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ticketlens/common/dictionary.hpp"
#include "ticketlens/store/event_batch.hpp"

namespace ticketlens::store {

class SectionWriter {
 public:
  /// `magic` is 8 bytes naming the file type and version, e.g. "TLSEG001".
  SectionWriter(std::filesystem::path path, std::string_view magic);
  ~SectionWriter();
  SectionWriter(const SectionWriter&) = delete;
  SectionWriter& operator=(const SectionWriter&) = delete;

  void put_bytes(const void* data, std::size_t size);
  template <class T>
  void put(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put_bytes(v.data(), v.size() * sizeof(T));
  }
  void put_strings(const StringColumn& s);
  void put_dictionary(const Dictionary& d);
  /// Writes the table, fsyncs and renames into place. Without finish() nothing appears.
  void finish();

 private:
  std::filesystem::path path_, tmp_path_;
  std::string magic_;
  std::FILE* file_ = nullptr;
  std::uint64_t offset_ = 0;
  struct Entry {
    std::uint64_t offset, length, hash;
  };
  std::vector<Entry> table_;
};

class SectionReader {
 public:
  /// Opens and checks the footer and magic; throws Error(kStore) naming the file when corrupt.
  SectionReader(const std::filesystem::path& path, std::string_view magic);
  ~SectionReader();
  SectionReader(const SectionReader&) = delete;
  SectionReader& operator=(const SectionReader&) = delete;

  [[nodiscard]] std::size_t sections() const noexcept { return table_.size(); }
  /// Reads section i, checking its hash.
  std::string bytes(std::size_t i);
  template <class T>
  std::vector<T> get(std::size_t i) {
    static_assert(std::is_trivially_copyable_v<T>);
    const Entry& e = entry(i, sizeof(T));
    std::vector<T> out(e.length / sizeof(T));
    read_into(e, out.data());
    return out;
  }
  StringColumn get_strings(std::size_t first_section);  ///< uses 2 sections
  Dictionary get_dictionary(std::size_t first_section);  ///< uses 2 sections

 private:
  struct Entry {
    std::uint64_t offset, length, hash;
  };
  const Entry& entry(std::size_t i, std::size_t element_size) const;
  void read_into(const Entry& e, void* out);

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<Entry> table_;
};

}  // namespace ticketlens::store
