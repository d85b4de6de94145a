// materia disclosure (FILE | --sample NAME) [--include-csr] [--check PUBLISHED.json] [--format F]
#include "cli/commands.hpp"
#include "materia/workflows/disclosure.hpp"
#include "materia/error.hpp"

namespace materia::cli {

void add_disclosure_command(CLI::App& app) {
  struct Options {
    std::string file, sample, check, output;
    bool include_csr = false;
    Format format = Format::table;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "disclosure",
      "Sample-frame statistics: disclosure rate per segment, standards cited, report content; "
      "--check a published table against the firm records");
  command->add_option("file", options->file, "Firm records (JSON or CSV); - for standard input");
  command->add_option("--sample", options->sample,
                      "Use built-in synthetic firm records (fintech-2024)");
  command->add_flag(
      "--include-csr", options->include_csr,
      "Count CSR reports too in the standards and content statistics (default: ESG only)");
  command->add_option("--check", options->check,
                      "A published-tables JSON (docs/method.md) to recompute; exit 1 if any figure "
                      "disagrees");
  command->add_option("-o,--output", options->output,
                      "Write to this file (atomically) instead of stdout");
  add_format_option(*command, options->format);
  command->callback([options] {
    if (options->file.empty() == options->sample.empty())
      throw_usage_error("give either a FILE or --sample NAME");
    FirmRecords records = options->sample.empty() ? load_firm_records_file(options->file)
                                                  : load_firm_records_sample(options->sample);
    if (!options->check.empty()) {
      if (options->include_csr)
        throw_usage_error(
            "--include-csr has no effect with --check (the published table states its basis)");
      CheckReport report = check_published(load_published_file(options->check), records);
      switch (options->format) {
        case Format::json:
          emit(to_json(report).dump(2) + "\n", options->output);
          break;
        case Format::csv:
          emit(to_csv(report), options->output);
          break;
        case Format::table:
          emit(to_table(report), options->output);
          break;
      }
      if (!report.disagreements.empty()) throw CLI::RuntimeError(1);  // like diff: 1 = differences
      return;
    }
    DisclosureOptions disclosure_options;
    if (options->include_csr) disclosure_options.basis = ReportBasis::esg_and_csr;
    DisclosureStats stats = disclosure_statistics(records, disclosure_options);
    switch (options->format) {
      case Format::json:
        emit(to_json(stats).dump(2) + "\n", options->output);
        break;
      case Format::csv:
        emit(to_csv(stats), options->output);
        break;
      case Format::table:
        emit(to_table(stats), options->output);
        break;
    }
  });
}

}  // namespace materia::cli
