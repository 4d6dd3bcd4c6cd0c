#pragma once
// Playbook triggers: `when` expressions over named snapshot metrics, parsed once and evaluated
// against a snapshot's metrics and the previous snapshot's.
//
// Grammar (lowest precedence first):
//   or   := and (("or" | "||") and)*
//   and  := not (("and" | "&&") not)*
//   not  := ("not" | "!") not | cmp
//   cmp  := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//   sum  := prod (("+" | "-") prod)*
//   prod := unary (("*" | "/") unary)*
//   unary:= "-" unary | number | "true" | "false" | metric | "prev(" metric ")" | "abs(" sum ")"
//           | "(" or ")"
// Types are checked at parse time (a comparison is not a number; `and` needs conditions).
// Evaluation uses three-valued logic: a missing value (no history for prev(), NaN, division by
// zero) makes the comparisons that use it unknown, and an unknown trigger does not fire.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ticketlens::snapshot {

struct RuleNode;

class Rule {
 public:
  /// Parses `text`; Error(kConfig) "<what> at column N" with the text and a caret under the
  /// offending token, for syntax errors, type errors and metric names not in `known_metrics`.
  static Rule parse(std::string_view text, const std::set<std::string>& known_metrics);

  struct Outcome {
    std::optional<bool> fired;          ///< nullopt: unknown (a value was missing)
    std::map<std::string, double> values;  ///< every metric and prev(metric) read, NaN if missing
    std::vector<std::string> notes;     ///< why a value was missing
  };
  /// Evaluates against the current metrics and the previous snapshot's (absent names = missing).
  [[nodiscard]] Outcome evaluate(const std::map<std::string, double>& current,
                                 const std::map<std::string, double>& previous) const;

  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  /// The metric names the rule reads (without prev()).
  [[nodiscard]] const std::set<std::string>& metrics() const noexcept { return metrics_; }

  Rule(Rule&&) noexcept;
  Rule& operator=(Rule&&) noexcept;
  ~Rule();

 private:
  Rule() = default;
  std::string text_;
  std::set<std::string> metrics_;
  std::unique_ptr<RuleNode> root_;
};

}  // namespace ticketlens::snapshot
