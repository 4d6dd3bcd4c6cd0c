#pragma once
// Rendering of the retention results as text tables, CSV and JSON (docs/cli.md, "retention").
#include <string>

#include "ticketlens/analysis/retention/churn_cox.hpp"
#include "ticketlens/analysis/retention/cohorts.hpp"
#include "ticketlens/analysis/retention/influence.hpp"
#include "ticketlens/analysis/retention/revenue.hpp"
#include "ticketlens/analysis/retention/support_contact.hpp"
#include "ticketlens/analysis/retention/survival_by_group.hpp"

namespace ticketlens::app {

void print_survival(const analysis::retention::SurvivalByGroup& s, const std::string& format);
void print_support(const analysis::retention::SupportComparison& s, const std::string& format);
void print_churn_cox(const analysis::retention::ChurnCox& c, const std::string& format);
void print_cohorts(const analysis::retention::CohortReport& c, const std::string& format);
void print_revenue(const analysis::retention::RevenueReport& r, const std::string& format);
void print_influence(const analysis::retention::InfluenceReport& r, const std::string& format);

}  // namespace ticketlens::app
