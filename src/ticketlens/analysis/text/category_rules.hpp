#pragma once
// The configured category rules ([[category_rules]]): keywords, a regular expression or tags
// give a ticket a label before any model is asked (docs/metrics.md "Categorisation").
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/model/config.hpp"

namespace ticketlens::analysis::text {

class CategoryRules {
 public:
  /// The rules of `field` ("category" or "root_cause"), in config order. Error(kConfig) names a
  /// rule whose regex does not compile.
  CategoryRules(const std::vector<model::CategoryRule>& rules, std::string_view field);
  /// The label of the first rule that matches `text` (subject and body) or `tags` (`;`-separated).
  [[nodiscard]] std::optional<std::string> match(std::string_view text, std::string_view tags) const;
  [[nodiscard]] bool empty() const noexcept { return rules_.empty(); }

 private:
  struct Pattern;  // the std::regex, kept out of this header (category_rules.cpp says why)
  struct Compiled {
    std::string label;
    std::vector<std::vector<std::string>> keywords;  ///< each a normalised word sequence
    std::shared_ptr<const Pattern> regex;            ///< null: no regex
    std::vector<std::string> tags;  ///< lower-case
  };
  std::vector<Compiled> rules_;
};

}  // namespace ticketlens::analysis::text
