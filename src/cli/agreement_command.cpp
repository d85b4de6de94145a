// materia agreement (FILE | --sample NAME): Kendall's W across firms, Friedman's test, and the
// most and least typical firms.
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/stats/stats.hpp"

namespace materia::cli {

namespace {

nlohmann::ordered_json number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

void add_agreement_command(CLI::App& app) {
  struct Options {
    AnalysisFlags analysis;
    std::size_t show = 3;
    std::string output;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "agreement",
      "How much firms agree: Kendall's W, Friedman's test, most and least typical firms");
  add_analysis_options(*command, options->analysis, false);
  command->add_option("--show", options->show, "How many most and least typical firms (default 3)");
  command->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    Result result = analyze(load_dataset(options->analysis), to_analyze_options(options->analysis));
    Agreement agreement = firm_agreement(result);
    const Concordance& c = agreement.concordance;
    const auto& firms = agreement.typicality;
    const std::size_t show = std::min(options->show, firms.size());
    std::string out;
    if (options->format == Format::json) {
      nlohmann::ordered_json json;
      json["w"] = number(c.w);
      json["chi_square"] = number(c.chi_square);
      json["df"] = c.df;
      json["p_value"] = number(c.p_value);
      json["raters"] = c.raters;
      json["items"] = c.items;
      json["partial_lists"] = "unlisted issues tie below the listed ones";
      json["most_typical"] = nlohmann::ordered_json::array();
      json["least_typical"] = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < show; ++i) {
        json["most_typical"].push_back(firms[i].id);
        json["least_typical"].push_back(firms[firms.size() - 1 - i].id);
      }
      json["firms"] = nlohmann::ordered_json::array();
      for (const auto& firm : firms)
        json["firms"].push_back(
            {{"id", firm.id}, {"rho", number(firm.rho)}, {"listed", firm.listed}});
      out = json.dump(2) + "\n";
    } else if (options->format == Format::csv) {
      out = "firm,rho,listed\n";
      for (const auto& firm : firms) {
        std::ostringstream line;
        line.precision(17);
        line << firm.id << "," << firm.rho << "," << firm.listed << "\n";
        out += line.str();
      }
    } else {
      std::ostringstream table;
      table.precision(4);
      table << "Kendall's W " << c.w << " over " << c.raters << " firms and " << c.items
            << " issues (unlisted issues tie at the bottom)\nFriedman chi-square " << c.chi_square
            << ", df " << c.df << ", p " << c.p_value
            << "\nmost typical (Spearman rho with the others):";
      for (std::size_t i = 0; i < show; ++i)
        table << " " << firms[i].id << " (" << firms[i].rho << ")";
      table << "\nleast typical:";
      for (std::size_t i = 0; i < show; ++i) {
        const auto& firm = firms[firms.size() - 1 - i];
        table << " " << firm.id << " (" << firm.rho << ")";
      }
      table << "\n";
      out = table.str();
    }
    emit(out, options->output);
  });
}

}  // namespace materia::cli
