#pragma once
// Labelled text from any CSV with a header (datasets for evaluating the categoriser): the text
// is some columns joined, the label one column.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace ticketlens::ingest {

struct LabelledTexts {
  std::vector<std::string> texts, labels;  ///< one per data row, in file order
};

/// Text = the non-empty `text_columns` of a row joined by a space; label = `label_column`
/// (trimmed; may be empty). Error(kNotFound) when the file or a named column is missing (the
/// message lists the header), kDataRejected for a malformed record (with its line).
LabelledTexts read_labelled_csv(const std::filesystem::path& path, std::span<const std::string> text_columns,
                                const std::string& label_column);

}  // namespace ticketlens::ingest
