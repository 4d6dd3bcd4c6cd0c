// docs/config.md must document every key of the default ticketlens.toml (the settings registry).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "ticketlens/model/config.hpp"

namespace ticketlens::model {
namespace {

void collect_keys(const toml::table& table, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& [k, v] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* arr = v.as_array(); arr && !arr->empty() && arr->front().is_table()) {
      for (const auto& item : *arr) collect_keys(*item.as_table(), key, out);  // [[playbooks]]
    } else if (v.is_table() && !v.as_table()->is_inline()) {
      collect_keys(*v.as_table(), key, out);
    } else {
      out.push_back(key);  // a value, or an inline table of rates documented as one key
    }
  }
}

TEST(ConfigDocTest, EveryDefaultSettingIsDocumented) {
  const toml::table defaults = toml::parse(default_config_toml());
  std::vector<std::string> keys;
  collect_keys(defaults, "", keys);
  ASSERT_GT(keys.size(), 10u);
  std::ifstream in(std::string(TICKETLENS_TEST_DATA) + "/../../docs/config.md");
  ASSERT_TRUE(in) << "docs/config.md is missing";
  std::stringstream doc;
  doc << in.rdbuf();
  for (const auto& key : keys)
    EXPECT_NE(doc.str().find("`" + key + "`"), std::string::npos) << key << " is not in docs/config.md";
}

}  // namespace
}  // namespace ticketlens::model
