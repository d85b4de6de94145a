// materia extract's outputs that need the later stages: the dataset read back, the name review
// of the normalizer beside the reader's problems, and the review page's files.
#include "materia/run/extract.hpp"

#include <filesystem>
#include <set>
#include <utility>

#include "base/csv.hpp"
#include "base/number_text.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/run/names.hpp"

namespace materia {

namespace {

constexpr const char* kExtractionSource = "<extraction>";

}  // namespace

Dataset extraction_dataset(const Extraction& extraction) {
  return load_dataset_json(extraction_dataset_json(extraction), kExtractionSource);
}

std::string extraction_review_csv(const Extraction& extraction) {
  constexpr std::size_t kCandidates = 3;
  const std::string own_columns = "file,page,kind,text,bbox,message";
  // The name review's header, and one empty cell for each of its columns.
  std::string names_header = write_review_csv({}, kCandidates);
  names_header.pop_back();  // its "\n"
  std::string empty_name_cells;
  for (char c : names_header)
    if (c == ',') empty_name_cells += ',';
  empty_name_cells += ',';

  std::string out = own_columns + "," + names_header + "\n";
  for (const ExtractionReviewRow& row : extraction_review_rows(extraction))
    out += detail::csv_field(row.file) + "," + (row.page ? std::to_string(row.page) : "") + "," +
           detail::csv_field(row.kind) + "," + detail::csv_field(row.text) + "," +
           (row.bbox ? page_box_text(*row.bbox) : "") + "," + detail::csv_field(row.message) +
           empty_name_cells + "\n";

  bool any_entry = false;
  for (const ExtractedFirm& firm : extraction.firms)
    any_entry = any_entry || !firm.entries.empty();
  if (!any_entry || extraction.taxonomy.empty()) return out;
  Dataset dataset = extraction_dataset(extraction);
  if (dataset.taxonomy.is_open_vocabulary()) return out;
  NameResolutions resolved = resolve_names(names_of_dataset(dataset), Normalizer(dataset.taxonomy));
  for (const ReviewItem& item : resolved.review) {
    std::string row = write_review_csv({item}, kCandidates);
    row.erase(0, row.find('\n') + 1);  // its header (which has no quoted field)
    out += ",,name," + detail::csv_field(item.resolution.input) + ",," +
           detail::csv_field(
               "not an exact match of the taxonomy: write a decision (a candidate "
               "number, an issue, new or drop)") +
           "," + row;
  }
  return out;
}

std::vector<std::string> write_extraction_review_html(const Extraction& extraction,
                                                      const std::string& directory, double dpi) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory))
    throw_input_error("cannot create the directory: " + ec.message(), {directory, "", ""});
  std::vector<std::string> written{(fs::path(directory) / "index.html").string()};
  std::vector<ReviewPageImage> images;
  std::set<std::string> names;
  for (const ExtractedFirm& firm : extraction.firms) {
    std::set<int> pages(firm.materiality_pages.begin(), firm.materiality_pages.end());
    for (const ExtractedEntry& entry : firm.entries)
      pages.insert(entry.source.page);
    for (const ExtractProblem& problem : firm.problems)
      if (problem.page > 0) pages.insert(problem.page);
    for (int page : pages) {
      std::string name = review_page_image_name(firm.file, page);
      // Two reports of one stem (a/report.pdf, b/report.pdf) get the firm id in front.
      if (!names.insert(name).second) {
        name = firm.id + "-" + name;
        names.insert(name);
      }
      const std::string path = (fs::path(directory) / name).string();
      render_pdf_page(firm.file, page, dpi, path);
      auto [width, height] = png_size(path);
      images.push_back({firm.file, page, name, width, height, dpi});
      written.push_back(path);
    }
  }
  write_file_atomic(written.front(), extraction_review_html(extraction, images));
  return written;
}

}  // namespace materia
