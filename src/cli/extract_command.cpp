// materia extract REPORT.pdf... [--firm ID]... [--taxonomy T] [-o FILE] [--format json|csv]
// [--review FILE.csv] [--review-html DIR]: the material issues of ESG report PDFs as a dataset.
#include <iostream>

#include "cli/commands.hpp"
#include "materia/capture/extract.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/run/extract.hpp"

namespace materia::cli {

void add_extract_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> files, firms;
    std::string taxonomy, review, review_html;
    bool ocr = false;
    Output output{"", Format::json};
  };
  Verb<Options> verb(app, "extract",
                     "Read the material issues of ESG report PDFs (matrix chart, issue table or "
                     "ranked list) into a dataset, each issue with its page and box (needs the "
                     "optional PDF reader, docs/extract.md)");
  verb.option("files", &Options::files, "The report PDFs, one per firm")->required();
  verb.option("--firm", &Options::firms,
              "The firm id of each report, in order (repeatable; default: each file's name "
              "without .pdf)")
      ->allow_extra_args(false);
  verb.option("--taxonomy", &Options::taxonomy,
              "The dataset's taxonomy (a built-in name or a taxonomy JSON file); --review then "
              "also lists the names it does not match exactly");
  verb.option("--review", &Options::review,
              "Write what to check to this CSV: each problem and low-confidence entry (file, "
              "page, kind, text, bbox, message), and with --taxonomy the names to decide (a "
              "decided file works with --aliases)");
  verb.option("--review-html", &Options::review_html,
              "Write DIR/index.html: each materiality page with the entries drawn over it");
  verb.flag("--ocr", &Options::ocr,
            "Read scanned pages (no text layer) by OCR, when the PDF reader was built with "
            "tesseract; their issues get confidence 0.5");
  verb.run([](const Options& options) {
    const Output& output = options.output;
    if (output.format == Format::table)
      throw_usage_error("materia extract writes a dataset: --format json or csv");
    if (!options.taxonomy.empty() && options.taxonomy != "none")
      taxonomy_named(options.taxonomy);  // an unknown name fails before any PDF is read
    ExtractRequest request;
    request.files = options.files;
    request.firms = options.firms;
    request.taxonomy = options.taxonomy;
    request.ocr = options.ocr;
    Extraction extraction = extract(request);

    std::size_t entries = 0, problems = 0;
    for (const ExtractedFirm& firm : extraction.firms) {
      entries += firm.entries.size();
      problems += firm.problems.size();
      if (firm.entries.empty())
        std::cerr << "materia: warning: " << firm.file
                  << ": no materiality matrix, issue table or ranked list found; firm \"" << firm.id
                  << "\" is left out\n";
    }
    if (!options.review.empty())
      write_file_atomic(options.review, extraction_review_csv(extraction));
    if (!options.review_html.empty()) write_extraction_review_html(extraction, options.review_html);
    std::cerr << "materia: " << entries << " issues from " << extraction.firms.size()
              << " report(s); " << problems << " problem(s)"
              << (options.review.empty() ? std::string(" (--review FILE.csv lists them)")
                                         : std::string(" listed in ") + options.review)
              << "\n";
    output.write(output.format == Format::csv ? extraction_dataset_csv(extraction)
                                              : extraction_dataset_json(extraction));
  });
  verb.command->get_option("--format")->description("Output format: json (default) or csv");
}

}  // namespace materia::cli
