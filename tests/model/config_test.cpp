#include "ticketlens/model/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ticketlens/common/error.hpp"

namespace ticketlens::model {
namespace {

// The Error(kConfig) message of parsing `toml`, or "" when it parses.
std::string config_error(const std::string& toml) {
  try {
    parse_config(toml, "ws/ticketlens.toml");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig) << e.what();
    return e.what();
  }
  return "";
}

TEST(ConfigTest, DefaultFileParsesWithEverySetting) {
  const Config c = parse_config(default_config_toml(), "default");
  EXPECT_EQ(c.currency, "USD");
  EXPECT_DOUBLE_EQ(c.hourly_rate.at("phone"), 42.0);
  EXPECT_EQ(c.hourly_rate.size(), 5u);
  EXPECT_DOUBLE_EQ(c.priority_multiplier.at("urgent"), 1.6);
  EXPECT_DOUBLE_EQ(c.default_handle_minutes.at("chat"), 12.0);
  EXPECT_DOUBLE_EQ(c.tier2_rate, 55.0);
  EXPECT_DOUBLE_EQ(c.tier2_minutes, 30.0);
  EXPECT_DOUBLE_EQ(c.engineering_rate, 95.0);
  EXPECT_DOUBLE_EQ(c.engineering_hours, 2.0);
  EXPECT_DOUBLE_EQ(c.rehandle_minutes, 10.0);
  EXPECT_DOUBLE_EQ(c.monthly_fixed_costs, 12000.0);
  EXPECT_EQ(c.exposed_arr_min_tickets, 3);
  EXPECT_EQ(c.recurrent_days, 30);
  EXPECT_EQ(c.precursor_window_hours, 24);
  EXPECT_DOUBLE_EQ(c.gross_margin, 0.8);
  EXPECT_EQ(c.activation_event, "report_created");
  EXPECT_DOUBLE_EQ(c.targets.at("recurrent_pct"), 10.0);
  ASSERT_EQ(c.playbooks.size(), 3u);
  EXPECT_EQ(c.playbooks[0].name, "ARR exposure mitigation");
  EXPECT_EQ(c.playbooks[0].when, "exposed_arr_pct > 3");
  EXPECT_EQ(c.playbooks[0].owner, "CS Ops");
}

TEST(ConfigTest, AnEmptyFileMeansEveryDefault) {
  const Config c = parse_config("", "empty.toml");
  EXPECT_EQ(c.currency, "USD");
  EXPECT_EQ(c.playbooks.size(), 3u);
  EXPECT_EQ(c.recurrent_days, 30);
}

TEST(ConfigTest, FileValuesOverrideDefaults) {
  const Config c = parse_config(
      "[costs]\ncurrency = \"EUR\"\nhourly_rate = { phone = 50 }\n"
      "[thresholds]\nrecurrent_days = 14\n[targets]\ncsat_avg = 4.5\n"
      "[[playbooks]]\nname = \"Only one\"\nwhen = \"csat_avg < 4\"\n",
      "ws/ticketlens.toml");
  EXPECT_EQ(c.currency, "EUR");
  EXPECT_DOUBLE_EQ(c.hourly_rate.at("phone"), 50.0);  // an integer is a number too
  EXPECT_DOUBLE_EQ(c.hourly_rate.at("email"), 38.0);  // the others keep their defaults
  EXPECT_EQ(c.recurrent_days, 14);
  EXPECT_DOUBLE_EQ(c.targets.at("csat_avg"), 4.5);
  EXPECT_FALSE(c.targets.count("recurrent_pct"));  // the file's [targets] replaces the default's
  ASSERT_EQ(c.playbooks.size(), 1u);               // and its playbooks replace the default ones
  EXPECT_EQ(c.playbooks[0].name, "Only one");
}

TEST(ConfigTest, UnknownKeyNamesFileLineAndKey) {
  const std::string msg = config_error("[costs]\ncurrency = \"EUR\"\ntier3_rate = 70.0\n");
  EXPECT_EQ(msg.rfind("ws/ticketlens.toml:3: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("unknown setting 'costs.tier3_rate'"), std::string::npos) << msg;
}

TEST(ConfigTest, UnknownTableAndTopLevelKey) {
  EXPECT_NE(config_error("\n[cost]\ncurrency = \"EUR\"\n").find(":2: unknown setting 'cost'"),
            std::string::npos);
  EXPECT_NE(config_error("verbose = true\n").find(":1: unknown setting 'verbose'"),
            std::string::npos);
  EXPECT_NE(config_error("[windows]\nprecursor_window_minutes = 5\n")
                .find(":2: unknown setting 'windows.precursor_window_minutes'"),
            std::string::npos);
}

TEST(ConfigTest, UnknownKeyInAPlaybook) {
  const std::string msg =
      config_error("[[playbooks]]\nname = \"x\"\nwhen = \"a > 1\"\nownr = \"me\"\n");
  EXPECT_NE(msg.find(":4: unknown setting 'playbooks.ownr'"), std::string::npos) << msg;
}

TEST(ConfigTest, FreeFormTablesAcceptNewNames) {
  const Config c =
      parse_config("[costs]\nhourly_rate = { sms = 20.0 }\n[targets]\nanything_goes = 1\n", "t");
  EXPECT_DOUBLE_EQ(c.hourly_rate.at("sms"), 20.0);
  EXPECT_DOUBLE_EQ(c.targets.at("anything_goes"), 1.0);
}

TEST(ConfigTest, WrongTypeNamesTheKey) {
  EXPECT_NE(
      config_error("[costs]\ntier2_rate = \"55\"\n").find(":2: costs.tier2_rate must be a number"),
      std::string::npos);
  EXPECT_NE(config_error("[thresholds]\ngross_margin = true\n")
                .find("thresholds.gross_margin must be a number"),
            std::string::npos);
  EXPECT_NE(config_error("[costs]\nhourly_rate = 38\n")
                .find("costs.hourly_rate must be a table of numbers"),
            std::string::npos);
  EXPECT_NE(config_error("[costs]\nhourly_rate = { email = \"x\" }\n")
                .find("costs.hourly_rate.email must be a number"),
            std::string::npos);
  EXPECT_NE(config_error("[targets]\nrecurrent_pct = \"10%\"\n")
                .find(":2: targets.recurrent_pct must be a number"),
            std::string::npos);
}

TEST(ConfigTest, WrongTypeOfTextAndTablesIsNotIgnored) {
  EXPECT_NE(config_error("[costs]\ncurrency = 978\n").find(":2: costs.currency must be a string"),
            std::string::npos);
  EXPECT_NE(config_error("[activation]\nevent = 1\n").find("activation.event must be a string"),
            std::string::npos);
  EXPECT_NE(config_error("costs = 5\n").find(":1: costs must be a table"), std::string::npos);
  EXPECT_NE(config_error("[[thresholds]]\nrecurrent_days = 3\n").find("thresholds must be a table"),
            std::string::npos);
  EXPECT_NE(
      config_error("[playbooks]\nname = \"x\"\n").find("playbooks must be an array of tables"),
      std::string::npos);
  EXPECT_NE(config_error("[[playbooks]]\nname = 3\nwhen = \"x\"\n")
                .find("playbooks.name must be a string"),
            std::string::npos);
}

TEST(ConfigTest, CountsMustBeWholeNumbersInRange) {
  EXPECT_EQ(parse_config("[thresholds]\nrecurrent_days = 7.0\n", "t").recurrent_days, 7);
  EXPECT_NE(config_error("[thresholds]\nrecurrent_days = 7.5\n")
                .find("thresholds.recurrent_days must be a whole number"),
            std::string::npos);
  EXPECT_NE(
      config_error("[thresholds]\nexposed_arr_min_tickets = -1\n").find("must be a whole number"),
      std::string::npos);
  EXPECT_NE(
      config_error("[windows]\nprecursor_window_hours = 1e300\n").find("must be a whole number"),
      std::string::npos);
  EXPECT_NE(
      config_error("[windows]\nprecursor_window_hours = nan\n").find("must be a whole number"),
      std::string::npos);
}

TEST(ConfigTest, PlaybookNeedsNameAndWhen) {
  const std::string msg = config_error("[[playbooks]]\nname = \"x\"\n");
  EXPECT_NE(msg.find("a playbook needs at least name and when"), std::string::npos) << msg;
}

TEST(ConfigTest, SyntaxErrorNamesLineAndColumn) {
  const std::string msg = config_error("[costs]\ncurrency = \"EUR\n");
  EXPECT_EQ(msg.rfind("ws/ticketlens.toml:2:", 0), 0u) << msg;
}

TEST(ConfigTest, LoadsAFileAndNamesAMissingOne) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ticketlens-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "ticketlens.toml";
  std::ofstream(path) << default_config_toml() << "\n[activation]\n";
  // A table defined twice is a TOML error, reported with the file name.
  try {
    load_config(path);
    ADD_FAILURE() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  std::ofstream(path) << default_config_toml();
  EXPECT_EQ(load_config(path).activation_event, "report_created");
  std::filesystem::remove_all(dir);
  try {
    load_config(path);
    ADD_FAILURE() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("ticketlens init"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ticketlens::model
