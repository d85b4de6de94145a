// materia disclosure (FILE | --sample NAME) [--include-csr] [--check PUBLISHED.json] [--format F]
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/workflows/disclosure.hpp"

namespace materia::cli {

void add_disclosure_command(CLI::App& app) {
  struct Options {
    std::string file, sample, check;
    bool include_csr = false;
    Output output;
  };
  Verb<Options> verb(
      app, "disclosure",
      "Sample-frame statistics: disclosure rate per segment, standards cited, report content; "
      "--check a published table against the firm records");
  verb.add_file("Firm records (JSON or CSV); - for standard input");
  verb.option("--sample", &Options::sample, "Use built-in synthetic firm records (fintech-2024)");
  verb.flag("--include-csr", &Options::include_csr,
            "Count CSR reports too in the standards and content statistics (default: ESG only)");
  verb.option("--check", &Options::check,
              "A published-tables JSON (docs/method.md) to recompute; exit 1 if any figure "
              "disagrees");
  verb.run([](const Options& options) {
    if (options.file.empty() == options.sample.empty())
      throw_usage_error("give either a FILE or --sample NAME");
    FirmRecords records = options.sample.empty() ? load_firm_records_file(options.file)
                                                 : load_firm_records_sample(options.sample);
    if (!options.check.empty()) {
      if (options.include_csr)
        throw_usage_error(
            "--include-csr has no effect with --check (the published table states its basis)");
      CheckReport report = check_published(load_published_file(options.check), records);
      options.output.print(report);
      if (!report.disagreements.empty()) throw CLI::RuntimeError(1);  // like diff: 1 = differences
      return;
    }
    DisclosureOptions disclosure_options;
    if (options.include_csr) disclosure_options.basis = ReportBasis::esg_and_csr;
    options.output.print(disclosure_statistics(records, disclosure_options));
  });
}

}  // namespace materia::cli
