#include "ticketlens/snapshot/rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "ticketlens/common/error.hpp"

namespace ticketlens::snapshot {

enum class Op { kNumber, kBool, kMetric, kPrev, kAbs, kNeg, kAdd, kSub, kMul, kDiv,
                kLt, kLe, kGt, kGe, kEq, kNe, kAnd, kOr, kNot };

struct RuleNode {
  Op op;
  double number = 0;
  std::string name;  // metric
  std::unique_ptr<RuleNode> left, right;
  [[nodiscard]] bool is_condition() const noexcept { return op == Op::kBool || op >= Op::kLt; }
};

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct Token {
  enum Kind { kNumber, kIdent, kSymbol, kEnd } kind;
  std::string text;
  double number = 0;
  std::size_t column = 0;  // 0-based
};

class Parser {
 public:
  Parser(std::string_view text, const std::set<std::string>& known, std::set<std::string>& used)
      : text_(text), known_(known), used_(used) {
    tokenize();
  }

  std::unique_ptr<RuleNode> parse() {
    auto node = parse_or();
    if (peek().kind != Token::kEnd) fail(peek(), fmt::format("unexpected '{}'", peek().text));
    if (!node->is_condition()) fail(tokens_.front(), "the rule is a number, not a condition (add a comparison)");
    return node;
  }

 private:
  [[noreturn]] void fail(const Token& at, std::string_view what) const {
    throw Error(ErrorCode::kConfig, fmt::format("{} at column {}\n  {}\n  {}^", what, at.column + 1, text_,
                                                std::string(at.column, ' ')));
  }

  void tokenize() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < text_.size() &&
                                                                  std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
        std::size_t j = i;
        while (j < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) ++j;
        const std::string s(text_.substr(i, j - i));
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (end != s.c_str() + s.size()) fail({Token::kNumber, s, 0, i}, fmt::format("malformed number '{}'", s));
        tokens_.push_back({Token::kNumber, s, v, i});
        i = j;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t j = i;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) ++j;
        tokens_.push_back({Token::kIdent, std::string(text_.substr(i, j - i)), 0, i});
        i = j;
      } else {
        static constexpr std::string_view kTwo[] = {"<=", ">=", "==", "!=", "&&", "||"};
        std::string sym(1, c);
        for (auto two : kTwo)
          if (text_.substr(i, 2) == two) sym = std::string(two);
        if (sym.size() == 1 && std::string_view("<>+-*/()!").find(c) == std::string_view::npos)
          fail({Token::kSymbol, sym, 0, i}, fmt::format("unexpected character '{}'", sym));
        tokens_.push_back({Token::kSymbol, sym, 0, i});
        i += sym.size();
      }
    }
    tokens_.push_back({Token::kEnd, "end of rule", 0, text_.size()});
  }

  const Token& peek() const { return tokens_[pos_]; }
  bool accept(std::string_view a, std::string_view b = {}) {
    const auto& t = peek();
    if (t.kind == Token::kEnd || t.kind == Token::kNumber) return false;
    if (t.text == a || (!b.empty() && t.text == b)) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(std::string_view s) {
    if (!accept(s)) fail(peek(), fmt::format("expected '{}' but found '{}'", s, peek().text));
  }

  static std::unique_ptr<RuleNode> make(Op op, std::unique_ptr<RuleNode> l, std::unique_ptr<RuleNode> r = {}) {
    auto n = std::make_unique<RuleNode>();
    n->op = op;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }

  void need_condition(const RuleNode& n, const Token& at, std::string_view op) const {
    if (!n.is_condition()) fail(at, fmt::format("'{}' needs conditions on both sides, not numbers", op));
  }
  void need_number(const RuleNode& n, const Token& at, std::string_view op) const {
    if (n.is_condition()) fail(at, fmt::format("'{}' needs numbers, not conditions", op));
  }

  std::unique_ptr<RuleNode> parse_or() {
    const Token start = peek();
    auto left = parse_and();
    while (true) {
      const Token at = peek();
      if (!accept("or", "||")) return left;
      need_condition(*left, start, at.text);
      auto right = parse_and();
      need_condition(*right, at, at.text);
      left = make(Op::kOr, std::move(left), std::move(right));
    }
  }

  std::unique_ptr<RuleNode> parse_and() {
    const Token start = peek();
    auto left = parse_not();
    while (true) {
      const Token at = peek();
      if (!accept("and", "&&")) return left;
      need_condition(*left, start, at.text);
      auto right = parse_not();
      need_condition(*right, at, at.text);
      left = make(Op::kAnd, std::move(left), std::move(right));
    }
  }

  std::unique_ptr<RuleNode> parse_not() {
    const Token at = peek();
    if (accept("not", "!")) {
      auto operand = parse_not();
      need_condition(*operand, at, at.text);
      return make(Op::kNot, std::move(operand));
    }
    return parse_comparison();
  }

  std::unique_ptr<RuleNode> parse_comparison() {
    const Token start = peek();
    auto left = parse_sum();
    static constexpr std::pair<std::string_view, Op> kOps[] = {
        {"<", Op::kLt}, {"<=", Op::kLe}, {">", Op::kGt}, {">=", Op::kGe}, {"==", Op::kEq}, {"!=", Op::kNe}};
    for (const auto& [sym, op] : kOps) {
      const Token at = peek();
      if (at.kind == Token::kSymbol && at.text == sym) {
        ++pos_;
        need_number(*left, start, sym);
        auto right = parse_sum();
        need_number(*right, at, sym);
        if (peek().kind == Token::kSymbol && std::string_view("<<=>>===!=").find(peek().text) != std::string_view::npos &&
            peek().text != "!")
          fail(peek(), "comparisons do not chain; join them with 'and'");
        return make(op, std::move(left), std::move(right));
      }
    }
    return left;
  }

  std::unique_ptr<RuleNode> parse_sum() {
    const Token start = peek();
    auto left = parse_product();
    while (true) {
      const Token at = peek();
      const bool plus = at.kind == Token::kSymbol && at.text == "+";
      const bool minus = at.kind == Token::kSymbol && at.text == "-";
      if (!plus && !minus) return left;
      ++pos_;
      need_number(*left, start, at.text);
      auto right = parse_product();
      need_number(*right, at, at.text);
      left = make(plus ? Op::kAdd : Op::kSub, std::move(left), std::move(right));
    }
  }

  std::unique_ptr<RuleNode> parse_product() {
    const Token start = peek();
    auto left = parse_unary();
    while (true) {
      const Token at = peek();
      const bool times = at.kind == Token::kSymbol && at.text == "*";
      const bool divide = at.kind == Token::kSymbol && at.text == "/";
      if (!times && !divide) return left;
      ++pos_;
      need_number(*left, start, at.text);
      auto right = parse_unary();
      need_number(*right, at, at.text);
      left = make(times ? Op::kMul : Op::kDiv, std::move(left), std::move(right));
    }
  }

  std::unique_ptr<RuleNode> metric(const Token& t) {
    if (t.kind != Token::kIdent) fail(t, fmt::format("expected a metric name but found '{}'", t.text));
    if (!known_.count(t.text)) fail(t, fmt::format("unknown metric '{}'", t.text));
    used_.insert(t.text);
    auto n = make(Op::kMetric, nullptr);
    n->name = t.text;
    return n;
  }

  std::unique_ptr<RuleNode> parse_unary() {
    const Token t = peek();
    if (t.kind == Token::kSymbol && t.text == "-") {
      ++pos_;
      auto operand = parse_unary();
      need_number(*operand, t, "-");
      return make(Op::kNeg, std::move(operand));
    }
    if (t.kind == Token::kNumber) {
      ++pos_;
      auto n = make(Op::kNumber, nullptr);
      n->number = t.number;
      return n;
    }
    if (t.kind == Token::kSymbol && t.text == "(") {
      ++pos_;
      auto inner = parse_or();
      expect(")");
      return inner;
    }
    if (t.kind == Token::kIdent) {
      ++pos_;
      if (t.text == "true" || t.text == "false") {
        auto n = make(Op::kBool, nullptr);
        n->number = t.text == "true";
        return n;
      }
      if (t.text == "and" || t.text == "or" || t.text == "not")
        fail(t, fmt::format("expected a value but found '{}'", t.text));
      if (peek().kind == Token::kSymbol && peek().text == "(") {
        if (t.text == "prev") {
          ++pos_;
          const Token arg = peek();
          ++pos_;
          auto n = metric(arg);
          n->op = Op::kPrev;
          expect(")");
          return n;
        }
        if (t.text == "abs") {
          ++pos_;
          const Token arg = peek();
          auto inner = parse_sum();
          need_number(*inner, arg, "abs");
          expect(")");
          return make(Op::kAbs, std::move(inner));
        }
        fail(t, fmt::format("unknown function '{}' (use prev or abs)", t.text));
      }
      return metric(t);
    }
    fail(t, fmt::format("expected a value but found '{}'", t.text));
  }

  std::string_view text_;
  const std::set<std::string>& known_;
  std::set<std::string>& used_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

struct Evaluator {
  const std::map<std::string, double>& current;
  const std::map<std::string, double>& previous;
  Rule::Outcome& out;

  double lookup(const std::map<std::string, double>& m, const std::string& name, const std::string& label,
                std::string_view why_missing) {
    auto it = m.find(name);
    const double v = it == m.end() ? kMissing : it->second;
    out.values[label] = v;
    if (std::isnan(v)) {
      const auto note = fmt::format("{} {}", label, why_missing);
      if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end()) out.notes.push_back(note);
    }
    return v;
  }

  double number(const RuleNode& n) {
    switch (n.op) {
      case Op::kNumber: return n.number;
      case Op::kMetric: return lookup(current, n.name, n.name, "has no value in this snapshot");
      case Op::kPrev:
        return lookup(previous, n.name, fmt::format("prev({})", n.name), "has no history (no previous snapshot)");
      case Op::kAbs: return std::fabs(number(*n.left));
      case Op::kNeg: return -number(*n.left);
      case Op::kAdd: return number(*n.left) + number(*n.right);
      case Op::kSub: return number(*n.left) - number(*n.right);
      case Op::kMul: return number(*n.left) * number(*n.right);
      case Op::kDiv: {
        const double a = number(*n.left), b = number(*n.right);
        if (b == 0) {
          out.notes.push_back("division by zero");
          return kMissing;
        }
        return a / b;
      }
      default: return kMissing;  // conditions are not numbers; the parser rules this out
    }
  }

  // Kleene logic: nullopt = unknown.
  std::optional<bool> condition(const RuleNode& n) {
    switch (n.op) {
      case Op::kBool: return n.number != 0;
      case Op::kNot: {
        auto v = condition(*n.left);
        return v ? std::optional<bool>(!*v) : std::nullopt;
      }
      case Op::kAnd: {
        auto a = condition(*n.left), b = condition(*n.right);
        if ((a && !*a) || (b && !*b)) return false;
        if (a && b) return true;
        return std::nullopt;
      }
      case Op::kOr: {
        auto a = condition(*n.left), b = condition(*n.right);
        if ((a && *a) || (b && *b)) return true;
        if (a && b) return false;
        return std::nullopt;
      }
      default: break;
    }
    const double a = number(*n.left), b = number(*n.right);
    if (std::isnan(a) || std::isnan(b)) return std::nullopt;
    switch (n.op) {
      case Op::kLt: return a < b;
      case Op::kLe: return a <= b;
      case Op::kGt: return a > b;
      case Op::kGe: return a >= b;
      case Op::kEq: return a == b;
      case Op::kNe: return a != b;
      default: return std::nullopt;
    }
  }
};

}  // namespace

Rule::Rule(Rule&&) noexcept = default;
Rule& Rule::operator=(Rule&&) noexcept = default;
Rule::~Rule() = default;

Rule Rule::parse(std::string_view text, const std::set<std::string>& known_metrics) {
  Rule rule;
  rule.text_ = std::string(text);
  Parser parser(text, known_metrics, rule.metrics_);
  rule.root_ = parser.parse();
  return rule;
}

Rule::Outcome Rule::evaluate(const std::map<std::string, double>& current,
                             const std::map<std::string, double>& previous) const {
  Outcome out;
  Evaluator e{current, previous, out};
  out.fired = e.condition(*root_);
  return out;
}

}  // namespace ticketlens::snapshot
