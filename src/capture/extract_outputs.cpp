// What an Extraction becomes: the dataset (JSON and long CSV, each issue with its source and
// confidence), the rows to review, and the review page that overlays the entries on the pages.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "base/number_text.hpp"
#include "base/xml_escape.hpp"
#include "capture/extract_abi.h"
#include "materia/capture/extract.hpp"
#include "materia/error.hpp"
#include "materia/version.hpp"

namespace materia {

std::string page_box_text(const PageBox& box) {
  std::string text;
  for (double value : box) {
    if (!text.empty()) text += ' ';
    text += detail::shortest_number(value);
  }
  return text;
}

namespace {

using nlohmann::json;

json box_json(const PageBox& box) {
  return json::array({box[0], box[1], box[2], box[3]});
}

std::size_t entry_count(const Extraction& extraction) {
  std::size_t count = 0;
  for (const ExtractedFirm& firm : extraction.firms)
    count += firm.entries.size();
  return count;
}

void require_entries(const Extraction& extraction) {
  if (entry_count(extraction) > 0) return;
  std::string files;
  for (const ExtractedFirm& firm : extraction.firms)
    files += (files.empty() ? "" : ", ") + firm.file;
  throw_input_error(
      "no materiality matrix, issue table or ranked list was read from any "
      "report (" +
      files + "); the review file lists what the reader saw");
}

/// A file name as a relative URL: every byte but letters, digits and -._~ percent-encoded, so
/// "report #2.pdf"'s image is not read as a fragment.
std::string url_escape(std::string_view name) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

/// What an entry says, as the review table shows it.
std::string entry_value_text(const ExtractedEntry& entry) {
  switch (entry.form) {
    case EntryForm::chart:
      return "stakeholder " + fixed(*entry.stakeholder, 3) + ", business " +
             fixed(*entry.business, 3);
    case EntryForm::table:
      return "level " +
             (entry.level_word ? *entry.level_word : std::to_string(*entry.level_number));
    case EntryForm::list:
      return "rank " + std::to_string(*entry.rank);
  }
  return {};
}

/// A straight line position = offset + slope * value fitted to a page's chart entries, with
/// its correlation: where the frame of the plot lies on the page.
struct AxisFit {
  double offset = 0, slope = 0, correlation = 0;
};
AxisFit fit_axis(const std::vector<double>& values, const std::vector<double>& positions) {
  const double n = static_cast<double>(values.size());
  double mean_v = 0, mean_p = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    mean_v += values[i] / n, mean_p += positions[i] / n;
  double svv = 0, spp = 0, svp = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    svv += (values[i] - mean_v) * (values[i] - mean_v);
    spp += (positions[i] - mean_p) * (positions[i] - mean_p);
    svp += (values[i] - mean_v) * (positions[i] - mean_p);
  }
  AxisFit fit;
  if (svv <= 0 || spp <= 0) return fit;
  fit.slope = svp / svv;
  fit.offset = mean_p - fit.slope * mean_v;
  fit.correlation = svp / std::sqrt(svv * spp);
  return fit;
}

/// Root mean square distance of `positions` from the fitted line.
double residual(const AxisFit& fit, const std::vector<double>& values,
                const std::vector<double>& positions) {
  double sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double off = positions[i] - (fit.offset + fit.slope * values[i]);
    sum += off * off;
  }
  return std::sqrt(sum / static_cast<double>(values.size()));
}

/// The axis fitted to where each entry's marker sits in its box [lows[i], highs[i]] (the
/// reader's box holds the marker and its label): the box's centre (a label above, below or
/// centred on its marker), or its low or high edge (a label beside it), whichever lies on a
/// straight line; an edge must fit clearly better than the centre to be taken.
AxisFit fit_axis_within(const std::vector<double>& values, const std::vector<double>& lows,
                        const std::vector<double>& highs) {
  std::vector<double> centres(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    centres[i] = (lows[i] + highs[i]) / 2;
  AxisFit best = fit_axis(values, centres);
  double best_residual = residual(best, values, centres);
  for (const std::vector<double>* edge : {&lows, &highs}) {
    AxisFit fit = fit_axis(values, *edge);
    double off = residual(fit, values, *edge);
    if (off < 0.5 * best_residual) best = fit, best_residual = off;
  }
  return best;
}

/// Where a page's chart lies: x = x_axis.offset + x_axis.slope * (its value), y likewise.
struct PlotFrame {
  AxisFit x_axis, y_axis;
  bool stakeholder_horizontal = false;
};
/// The plot frame the chart entries of a page imply, when at least three fit straight lines
/// (correlation above 0.9 on both axes); the better-fitting pairing decides which axis is
/// horizontal.
std::optional<PlotFrame> implied_frame(const std::vector<const ExtractedEntry*>& entries) {
  std::vector<double> s, b, x0, x1, y0, y1;
  for (const ExtractedEntry* entry : entries) {
    s.push_back(*entry->stakeholder), b.push_back(*entry->business);
    x0.push_back(entry->source.bbox[0]), x1.push_back(entry->source.bbox[2]);
    y0.push_back(entry->source.bbox[1]), y1.push_back(entry->source.bbox[3]);
  }
  if (s.size() < 3) return std::nullopt;
  PlotFrame frame{fit_axis_within(b, x0, x1), fit_axis_within(s, y0, y1), false};
  PlotFrame turned{fit_axis_within(s, x0, x1), fit_axis_within(b, y0, y1), true};
  if (std::abs(turned.x_axis.correlation) > std::abs(frame.x_axis.correlation)) frame = turned;
  if (std::abs(frame.x_axis.correlation) <= 0.9 || std::abs(frame.y_axis.correlation) <= 0.9)
    return std::nullopt;
  return frame;
}

}  // namespace

std::string extraction_dataset_json(const Extraction& extraction) {
  require_entries(extraction);
  json companies = json::array();
  json files = json::array();
  for (const ExtractedFirm& firm : extraction.firms) {
    json file{{"file", firm.file},
              {"firm", firm.id},
              {"bytes", firm.bytes},
              {"pages", firm.pages},
              {"materiality_pages", firm.materiality_pages},
              {"form", firm.form ? json(entry_form_name(*firm.form)) : json(nullptr)},
              {"entries", firm.entries.size()},
              {"set_aside", firm.set_aside},
              {"problems", firm.problems.size()}};
    files.push_back(std::move(file));
    if (firm.entries.empty()) continue;
    json issues = json::array();
    for (const ExtractedEntry& entry : firm.entries) {
      json issue{{"name", entry.name}};
      if (entry.stakeholder) issue["stakeholder"] = *entry.stakeholder;
      if (entry.business) issue["business"] = *entry.business;
      if (entry.level_word) issue["level"] = *entry.level_word;
      if (entry.level_number) issue["level"] = *entry.level_number;
      if (entry.rank) issue["rank"] = *entry.rank;
      issue["source"] = {{"file", entry.source.file},
                         {"page", entry.source.page},
                         {"bbox", box_json(entry.source.bbox)}};
      issue["confidence"] = entry.confidence;
      issues.push_back(std::move(issue));
    }
    companies.push_back({{"id", firm.id}, {"issues", std::move(issues)}});
  }
  json dataset = json::object();
  if (!extraction.taxonomy.empty()) dataset["taxonomy"] = extraction.taxonomy;
  dataset["scale"] = json::array({0, 1});
  dataset["meta"] = {{"description", "issues read from ESG report PDFs by materia extract"},
                     {"extraction",
                      {{"materia_version", version_string()},
                       {"reader_boundary", MATERIA_EXTRACT_ABI_VERSION},
                       {"files", std::move(files)}}}};
  dataset["companies"] = std::move(companies);
  return dataset.dump(2) + "\n";
}

std::string extraction_dataset_csv(const Extraction& extraction) {
  require_entries(extraction);
  std::ostringstream out;
  const bool taxonomy = !extraction.taxonomy.empty();
  out << "firm,issue,stakeholder,business,scale_min,scale_max,level,rank,source_file,source_page,"
         "source_bbox,confidence"
      << (taxonomy ? ",taxonomy" : "") << "\n";
  auto number = [](const std::optional<double>& value) {
    return value ? detail::shortest_number(*value) : std::string();
  };
  for (const ExtractedFirm& firm : extraction.firms)
    for (const ExtractedEntry& entry : firm.entries) {
      const bool chart = entry.form == EntryForm::chart;
      out << detail::csv_field(firm.id) << ',' << detail::csv_field(entry.name) << ','
          << number(entry.stakeholder) << ',' << number(entry.business) << ','
          << (chart ? "0,1," : ",,")
          << (entry.level_word     ? detail::csv_field(*entry.level_word)
              : entry.level_number ? std::to_string(*entry.level_number)
                                   : std::string())
          << ',' << (entry.rank ? std::to_string(*entry.rank) : std::string()) << ','
          << detail::csv_field(entry.source.file) << ',' << entry.source.page << ','
          << page_box_text(entry.source.bbox) << ',' << detail::shortest_number(entry.confidence);
      if (taxonomy) out << ',' << detail::csv_field(extraction.taxonomy);
      out << "\n";
    }
  return out.str();
}

std::vector<ExtractionReviewRow> extraction_review_rows(const Extraction& extraction) {
  std::vector<ExtractionReviewRow> rows;
  for (const ExtractedFirm& firm : extraction.firms) {
    std::vector<ExtractionReviewRow> of_file;
    for (const ExtractProblem& problem : firm.problems)
      of_file.push_back(
          {problem.file, problem.page, problem.kind, problem.text, problem.bbox, problem.message});
    for (const ExtractedEntry& entry : firm.entries)
      if (entry.confidence < low_extraction_confidence)
        of_file.push_back({entry.source.file, entry.source.page, "low_confidence", entry.name,
                           entry.source.bbox,
                           "read with confidence " + fixed(entry.confidence, 2) + " (" +
                               entry_value_text(entry) + "); check it on the page"});
    std::stable_sort(of_file.begin(), of_file.end(),
                     [](const auto& a, const auto& b) { return a.page < b.page; });
    rows.insert(rows.end(), of_file.begin(), of_file.end());
  }
  return rows;
}

std::string review_page_image_name(const std::string& file, int page) {
  return std::filesystem::path(file).stem().string() + "-p" + std::to_string(page) + ".png";
}

std::array<int, 2> png_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[24] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (!in || !std::equal(signature, signature + 8, header))
    throw_input_error("the page image is not a PNG file", {path, "", ""});
  auto big_endian = [&](int at) {
    return static_cast<int>((header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) |
                            header[at + 3]);
  };
  return {big_endian(16), big_endian(20)};
}

std::string extraction_review_html(const Extraction& extraction,
                                   const std::vector<ReviewPageImage>& images) {
  std::ostringstream out;
  std::size_t problems = 0, low = 0;
  for (const ExtractedFirm& firm : extraction.firms) {
    problems += firm.problems.size();
    for (const ExtractedEntry& entry : firm.entries)
      low += entry.confidence < low_extraction_confidence;
  }
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<title>materia extract: review</title>\n<style>\n"
         "body{font-family:sans-serif;margin:1em;color:#222}\n"
         ".page{display:flex;gap:1em;align-items:flex-start;margin:1em 0 2em}\n"
         ".canvas{position:relative;border:1px solid #aaa;flex:none}\n"
         ".canvas img,.canvas svg{position:absolute;left:0;top:0}\n"
         "table{border-collapse:collapse;font-size:13px}\n"
         "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}\n"
         "tr.problem td{color:#b00000;background:#fff0f0}\n"
         "tr.low td{background:#fff8e0}\n"
         "svg .frame{fill:none;stroke:#0060c0;stroke-dasharray:4 3;stroke-width:1}\n"
         "svg .marker{fill:none;stroke:#0060c0;stroke-width:1.5}\n"
         "svg .entry-box{fill:none;stroke:#0060c0;stroke-width:0.5;stroke-dasharray:1 1.5}\n"
         "svg .label{fill:#0060c0;font-size:7px;paint-order:stroke;stroke:#fff;stroke-width:2px}\n"
         "svg .problem{fill:rgba(220,0,0,0.12);stroke:#d00000;stroke-width:1.5}\n"
         "svg .problem-label{fill:#d00000;font-size:7px}\n"
         "</style>\n</head>\n<body>\n<h1>materia extract: review</h1>\n";
  out << "<p id=\"summary\">" << extraction.firms.size() << " report(s), "
      << entry_count(extraction) << " entries, " << problems << " problem(s), " << low
      << " entries below confidence " << fixed(low_extraction_confidence, 2)
      << ". Circles mark the entries the reader took (blue, number and name beside each; the "
         "dotted box is what the reader read, marker and label; the dashed frame is the plot "
         "frame the coordinates imply, and each circle sits where the frame puts them), red "
         "boxes what it could not read.</p>\n";

  for (const ExtractedFirm& firm : extraction.firms) {
    out << "<section class=\"report\" data-firm=\"" << xml_escape(firm.id) << "\">\n<h2>"
        << xml_escape(firm.id) << " — " << xml_escape(firm.file) << "</h2>\n<p>" << firm.pages
        << " pages; " << firm.entries.size() << " entries"
        << (firm.form ? std::string(" from its ") + entry_form_name(*firm.form) : std::string())
        << (firm.set_aside
                ? ", " + std::to_string(firm.set_aside) + " entries of another form set aside"
                : std::string())
        << ".</p>\n";
    // Problems of the whole file (no page).
    for (const ExtractProblem& problem : firm.problems)
      if (problem.page == 0)
        out << "<p class=\"problem\" style=\"color:#b00000\">" << xml_escape(problem.kind) << ": "
            << xml_escape(problem.message) << "</p>\n";

    for (const ReviewPageImage& image : images) {
      if (image.file != firm.file) continue;
      const double points = 72.0 / image.dpi;
      const double width = image.width * points, height = image.height * points;
      out << "<div class=\"page\" data-page=\"" << image.page << "\">\n<div class=\"canvas\" "
          << "style=\"width:" << image.width << "px;height:" << image.height << "px\">\n"
          << "<img src=\"" << url_escape(image.image) << "\" width=\"" << image.width
          << "\" height=\"" << image.height << "\" alt=\"page " << image.page << " of "
          << xml_escape(firm.file) << "\">\n"
          << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << image.width << "\" height=\""
          << image.height << "\" viewBox=\"0 0 " << fixed(width, 2) << " " << fixed(height, 2)
          << "\">\n";
      // The plot frame the chart entries' coordinates imply; each marker is drawn where the
      // frame puts its coordinates (inside the reader's box of marker and label).
      std::vector<const ExtractedEntry*> charted;
      for (const ExtractedEntry& entry : firm.entries)
        if (entry.source.page == image.page && entry.form == EntryForm::chart)
          charted.push_back(&entry);
      const std::optional<PlotFrame> frame = implied_frame(charted);
      if (frame) {
        const double x0 = frame->x_axis.offset, x1 = x0 + frame->x_axis.slope;
        const double y0 = frame->y_axis.offset, y1 = y0 + frame->y_axis.slope;
        out << "<rect class=\"frame\" x=\"" << fixed(std::min(x0, x1), 2) << "\" y=\""
            << fixed(std::min(y0, y1), 2) << "\" width=\"" << fixed(std::abs(x1 - x0), 2)
            << "\" height=\"" << fixed(std::abs(y1 - y0), 2) << "\"/>\n";
      }
      std::size_t number = 0;
      for (const ExtractedEntry& entry : firm.entries) {
        if (entry.source.page != image.page) continue;
        ++number;
        const PageBox& box = entry.source.bbox;
        double cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
        if (frame && entry.form == EntryForm::chart) {
          const double across =
              frame->stakeholder_horizontal ? *entry.stakeholder : *entry.business;
          const double up = frame->stakeholder_horizontal ? *entry.business : *entry.stakeholder;
          cx = std::clamp(frame->x_axis.offset + frame->x_axis.slope * across, box[0], box[2]);
          cy = std::clamp(frame->y_axis.offset + frame->y_axis.slope * up, box[1], box[3]);
        }
        const double r = 4;
        // The name on the side of the marker away from the printed label.
        const bool left = cx - box[0] < box[2] - cx - 1;
        out << "<rect class=\"entry-box\" x=\"" << fixed(box[0], 2) << "\" y=\"" << fixed(box[1], 2)
            << "\" width=\"" << fixed(box[2] - box[0], 2) << "\" height=\""
            << fixed(box[3] - box[1], 2) << "\"/>\n"
            << "<circle class=\"marker\" data-entry=\"" << number << "\" cx=\"" << fixed(cx, 2)
            << "\" cy=\"" << fixed(cy, 2) << "\" r=\"" << fixed(r, 2) << "\"/>\n"
            << "<text class=\"label\" x=\"" << fixed(left ? cx - r - 1.5 : cx + r + 1.5, 2)
            << "\" y=\"" << fixed(cy + 2.5, 2) << (left ? "\" text-anchor=\"end" : "") << "\">"
            << number << " " << xml_escape(entry.name) << "</text>\n";
      }
      for (const ExtractProblem& problem : firm.problems) {
        if (problem.page != image.page || !problem.bbox) continue;
        const PageBox& box = *problem.bbox;
        out << "<rect class=\"problem\" x=\"" << fixed(box[0], 2) << "\" y=\"" << fixed(box[1], 2)
            << "\" width=\"" << fixed(std::max(box[2] - box[0], 2.0), 2) << "\" height=\""
            << fixed(std::max(box[3] - box[1], 2.0), 2) << "\"/>\n"
            << "<text class=\"problem-label\" x=\"" << fixed(box[0], 2) << "\" y=\""
            << fixed(box[1] - 1.5, 2) << "\">" << xml_escape(problem.kind) << "</text>\n";
      }
      out << "</svg>\n</div>\n<table>\n<tr><th>#</th><th>issue</th><th>read as</th>"
             "<th>confidence</th><th>box (pt)</th></tr>\n";
      number = 0;
      for (const ExtractedEntry& entry : firm.entries) {
        if (entry.source.page != image.page) continue;
        ++number;
        out << "<tr class=\"entry" << (entry.confidence < low_extraction_confidence ? " low" : "")
            << "\"><td>" << number << "</td><td>" << xml_escape(entry.name) << "</td><td>"
            << xml_escape(entry_value_text(entry)) << "</td><td>" << fixed(entry.confidence, 2)
            << "</td><td>" << page_box_text(entry.source.bbox) << "</td></tr>\n";
      }
      for (const ExtractProblem& problem : firm.problems) {
        if (problem.page != image.page) continue;
        out << "<tr class=\"problem\"><td>!</td><td>" << xml_escape(problem.text) << "</td><td>"
            << xml_escape(problem.kind) << ": " << xml_escape(problem.message)
            << "</td><td></td><td>" << (problem.bbox ? page_box_text(*problem.bbox) : std::string())
            << "</td></tr>\n";
      }
      out << "</table>\n</div>\n";
    }
    out << "</section>\n";
  }
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace materia
