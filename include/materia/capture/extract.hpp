#pragma once
/// \file extract.hpp
/// The material issues of firms' ESG report PDFs, read by the optional PDF reader
/// libmateria_extract (loaded at run time, never linked; docs/extract.md): each issue with its
/// place on the firm's materiality matrix chart, its level in an issue table or its rank in a
/// numbered list, and the page and box it was read from.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace materia {

/// What to read: the PDFs, and the firm id of each (default: the file's stem).
struct ExtractRequest {
  std::vector<std::string> files;
  std::vector<std::string> firms;  ///< empty, or one id per file
  /// Written as the dataset's `taxonomy` (a built-in name or a taxonomy file's path); empty:
  /// none.
  std::string taxonomy;
  /// Read pages without a text layer (scans) by OCR, when the reader was built with tesseract;
  /// such entries are half sure (confidence 0.5).
  bool ocr = false;
};

/// A box on a page, in PDF points with the origin at the page's top-left corner: x0, y0, x1, y1.
using PageBox = std::array<double, 4>;

/// Where an entry was read.
struct EntrySource {
  std::string file;
  int page = 0;  ///< from 1
  PageBox bbox{};
};

/// How the report gave an issue.
enum class EntryForm { chart, table, list };

/// One issue a report lists.
struct ExtractedEntry {
  std::string name;
  EntryForm form = EntryForm::chart;
  std::optional<double> stakeholder;  ///< chart: [0, 1] of the plot frame
  std::optional<double> business;     ///< chart: [0, 1] of the plot frame
  /// table: the level as printed: a word ("高", "high") or a whole number 1-5 (level_number).
  std::optional<std::string> level_word;
  std::optional<int> level_number;
  std::optional<int> rank;  ///< list: 1 = first
  EntrySource source;
  double confidence = 1;  ///< [0, 1]
};

/// Something the reader saw but could not turn into an entry, or an entry set aside.
struct ExtractProblem {
  /// The reader's kinds (label_without_marker, marker_without_label, labels_share_marker,
  /// unreadable_axes, no_text_layer) and materia's: unknown_level (a level word the level
  /// scale does not read), blank_name (an entry without a name), no_entries (nothing found in
  /// the file), set_aside (an entry of another form than the firm's, left out).
  std::string kind;
  std::string file;
  int page = 0;  ///< from 1; 0 for the whole file
  std::string text;
  std::optional<PageBox> bbox;
  std::string message;
};

/// One report and the firm it speaks for.
struct ExtractedFirm {
  std::string id;
  std::string file;  ///< the path as given
  std::uintmax_t bytes = 0;
  int pages = 0;                       ///< pages the reader read
  std::vector<int> materiality_pages;  ///< pages with a chart, table or list it read
  /// The entries the dataset gets: those of the first form the report has of chart, table, list
  /// (a firm lists its issues one way; the chart carries the most).
  std::vector<ExtractedEntry> entries;
  std::optional<EntryForm> form;  ///< the form of `entries`; none when there are none
  std::size_t set_aside = 0;      ///< entries of the other forms, left out
  std::vector<ExtractProblem> problems;
};

/// Every report's firm, in the order of the request's files.
struct Extraction {
  std::vector<ExtractedFirm> firms;
  std::string taxonomy;
};

/// Entries below this confidence are listed in the review file.
inline constexpr double low_extraction_confidence = 0.5;

/// Reads every file of `request` with libmateria_extract. Throws Error(usage) when the library is
/// not there or speaks another boundary version ("PDF extraction is not part of this build of
/// materia ..."), Error(usage) for firm ids that are missing or repeated, Error(input) naming
/// the file (and page) when a file cannot be read.
Extraction extract(const ExtractRequest& request);

/// Whether libmateria_extract can be loaded (the error extract() would throw otherwise is not
/// thrown).
bool extraction_available();

/// Renders page `page` (from 1) of `pdf` at `dpi` into the PNG file `png` with libmateria_extract.
void render_pdf_page(const std::string& pdf, int page, double dpi, const std::string& png);

/// The dataset (docs/format.md "Dataset", JSON form): one company per report with entries, each
/// issue with `source` and `confidence`, coordinates on the declared scale [0, 1], and
/// `meta.extraction` (provenance). Throws Error(input) when no report has any entry.
std::string extraction_dataset_json(const Extraction& extraction);
/// The same dataset in the long CSV form, with columns source_file, source_page, source_bbox
/// ("x0 y0 x1 y1") and confidence.
std::string extraction_dataset_csv(const Extraction& extraction);

/// The rows to check by eye: one per problem and one per entry whose confidence is below
/// low_extraction_confidence, in file order.
struct ExtractionReviewRow {
  std::string file;
  int page = 0;
  std::string kind;  ///< a problem's kind, or "low_confidence"
  std::string text;
  std::optional<PageBox> bbox;
  std::string message;
};
std::vector<ExtractionReviewRow> extraction_review_rows(const Extraction& extraction);

/// The page image of one materiality page in the review HTML: its file name (relative to the
/// HTML) and its size in pixels at the dpi it was rendered with.
struct ReviewPageImage {
  std::string file;  ///< the report this page is from (ExtractedFirm::file)
  int page = 0;
  std::string image;  ///< e.g. "report-p12.png"
  int width = 0, height = 0;
  double dpi = 0;
};
/// The file name of the image of `page` of `file` in the review HTML: <stem>-p<page>.png.
std::string review_page_image_name(const std::string& file, int page);
/// The width and height of a PNG file (from its header). Throws Error(input) naming the file
/// when it is not a PNG.
std::array<int, 2> png_size(const std::string& path);
/// The review page (index.html): each image with an SVG overlay of its entries (a circle at each
/// marker, the name beside it, the plot frame the coordinates imply) and problems (in red), and
/// the entries and problems of the page in a table beside it.
std::string extraction_review_html(const Extraction& extraction,
                                   const std::vector<ReviewPageImage>& images);

/// The name of a form ("chart", "table", "list").
const char* entry_form_name(EntryForm form);

/// A box as the CSV forms write it: "x0 y0 x1 y1", each number in its shortest form.
std::string page_box_text(const PageBox& box);

}  // namespace materia
