#include "ticketlens/ingest/labelled_csv.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ticketlens/common/error.hpp"
#include "ticketlens/ingest/byte_source.hpp"
#include "ticketlens/ingest/csv_reader.hpp"

namespace ticketlens::ingest {

LabelledTexts read_labelled_csv(const std::filesystem::path& path, std::span<const std::string> text_columns,
                                const std::string& label_column) {
  if (!std::filesystem::exists(path)) throw Error(ErrorCode::kNotFound, fmt::format("no file {}", path.string()));
  auto source = open_file_source(path);
  CsvReader reader(*source);
  CsvRecord record;
  if (!reader.next(record)) throw Error(ErrorCode::kNotFound, fmt::format("{} is empty", path.string()));
  const std::vector<std::string> header(record.fields.begin(), record.fields.end());
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw Error(ErrorCode::kNotFound, fmt::format("{} has no column '{}' (columns: {})", path.string(), name,
                                                    fmt::join(header, ", ")));
    return static_cast<std::size_t>(it - header.begin());
  };
  std::vector<std::size_t> text_at;
  for (const auto& c : text_columns) text_at.push_back(column(c));
  const std::size_t label_at = column(label_column);
  LabelledTexts out;
  while (reader.next(record)) {
    if (!record.error.empty())
      throw Error(ErrorCode::kDataRejected, fmt::format("{}:{}: {}", path.string(), record.line, record.error));
    std::string text;
    for (std::size_t c : text_at) {
      if (c >= record.fields.size() || record.fields[c].empty()) continue;
      if (!text.empty()) text += ' ';
      text += record.fields[c];
    }
    std::string label = label_at < record.fields.size() ? std::string(record.fields[label_at]) : std::string();
    while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.pop_back();
    while (!label.empty() && (label.front() == ' ' || label.front() == '\t')) label.erase(label.begin());
    out.texts.push_back(std::move(text));
    out.labels.push_back(std::move(label));
  }
  return out;
}

}  // namespace ticketlens::ingest
