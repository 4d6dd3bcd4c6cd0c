#pragma once
// Helpers for the stats tests: the R reference values (tests/data/stats/reference.json, written
// by tests/stats/r/make_reference.R) and the small numeric CSV data sets beside them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace ticketlens::stats::testing {

inline std::string data_path(const std::string& name) {
  return std::string(TICKETLENS_TEST_DATA) + "/stats/" + name;
}

inline const nlohmann::json& reference() {
  static const nlohmann::json ref = [] {
    std::ifstream in(data_path("reference.json"));
    if (!in) throw std::runtime_error("cannot open reference.json");
    return nlohmann::json::parse(in);
  }();
  return ref;
}

/// A JSON number, null (NaN) or "Inf"/"-Inf".
inline double as_double(const nlohmann::json& value) {
  if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (value.is_string()) {
    return value.get<std::string>() == "Inf" ? std::numeric_limits<double>::infinity()
                                             : -std::numeric_limits<double>::infinity();
  }
  if (value.is_boolean()) return value.get<bool>() ? 1.0 : 0.0;
  return value.get<double>();
}

inline std::vector<double> as_vector(const nlohmann::json& value) {
  std::vector<double> out;
  if (value.is_array()) {
    for (const auto& item : value) out.push_back(as_double(item));
  } else {
    out.push_back(as_double(value));
  }
  return out;
}

/// Columns of a numeric CSV (header row; empty field = NaN).
using Columns = std::map<std::string, std::vector<double>>;

inline Columns read_csv(const std::string& name) {
  std::ifstream in(data_path(name));
  if (!in) throw std::runtime_error("cannot open " + name);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) header.push_back(field);
  }
  Columns columns;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::size_t column = 0;
    std::size_t begin = 0;
    while (column < header.size()) {
      const std::size_t end = line.find(',', begin);
      const std::string field =
          line.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
      columns[header[column]].push_back(field.empty() ? std::numeric_limits<double>::quiet_NaN()
                                                      : std::stod(field));
      ++column;
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    for (; column < header.size(); ++column) {
      columns[header[column]].push_back(std::numeric_limits<double>::quiet_NaN());
    }
  }
  return columns;
}

/// Keeps the rows where every named column is present (R's na.omit on those columns).
inline Columns complete_cases(const Columns& all, const std::vector<std::string>& names) {
  Columns out;
  const std::size_t n = all.begin()->second.size();
  for (std::size_t i = 0; i < n; ++i) {
    bool complete = true;
    for (const auto& name : names) complete = complete && !std::isnan(all.at(name)[i]);
    if (!complete) continue;
    for (const auto& [name, values] : all) out[name].push_back(values[i]);
  }
  return out;
}

inline std::vector<std::uint8_t> as_flags(const std::vector<double>& values) {
  std::vector<std::uint8_t> out;
  for (double v : values) out.push_back(static_cast<std::uint8_t>(v != 0.0));
  return out;
}

/// |actual - expected| <= tolerance * max(|expected|, floor); NaN matches NaN, inf matches inf.
inline ::testing::AssertionResult near_relative(double actual, double expected, double tolerance,
                                               double floor = 1e-300) {
  if (std::isnan(expected)) {
    if (std::isnan(actual)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected NaN, got " << actual;
  }
  if (std::isinf(expected)) {
    if (actual == expected) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected " << expected << ", got " << actual;
  }
  const double scale = std::max(std::fabs(expected), floor);
  if (std::fabs(actual - expected) <= tolerance * scale) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "actual " << std::setprecision(17) << actual << " expected " << expected
         << " relative error " << std::fabs(actual - expected) / scale;
}

#define EXPECT_REL(actual, expected, tol) \
  EXPECT_TRUE(::ticketlens::stats::testing::near_relative((actual), (expected), (tol)))

/// Compares vectors element by element at a relative tolerance; `floor` guards values near 0.
inline void expect_vector_near(const std::vector<double>& actual,
                               const std::vector<double>& expected, double tolerance,
                               const std::string& what, double floor = 1e-300) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_TRUE(near_relative(actual[i], expected[i], tolerance, floor)) << what << "[" << i << "]";
  }
}

template <typename T>
std::vector<double> to_doubles(const std::vector<T>& values) {
  return std::vector<double>(values.begin(), values.end());
}

constexpr double kRTolerance = 1e-6;

}  // namespace ticketlens::stats::testing
