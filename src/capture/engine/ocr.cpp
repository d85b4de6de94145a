// SPDX-License-Identifier: GPL-2.0-or-later
// Words of a page without a text layer, read by tesseract (chi_sim + eng) from the page rendered
// at 300 dpi. Built only when tesseract is found (MATERIA_EXTRACT_OCR).
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "engine.hpp"

#ifdef MATERIA_EXTRACT_OCR
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#endif

namespace materia::extract {

bool ocr_available() {
#ifdef MATERIA_EXTRACT_OCR
  return true;
#else
  return false;
#endif
}

std::vector<Word> ocr_words(const unsigned char* rgb, int width, int height, int row_bytes,
                            double dpi) {
#ifdef MATERIA_EXTRACT_OCR
  tesseract::TessBaseAPI api;
  if (api.Init(nullptr, "chi_sim+eng") != 0)
    throw std::runtime_error("tesseract has no chi_sim and eng language data");
  api.SetVariable("debug_file", "/dev/null");
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(rgb, width, height, 3, row_bytes);
  api.SetSourceResolution(static_cast<int>(dpi));
  std::vector<Word> words;
  if (api.Recognize(nullptr) != 0) return words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  const double scale = 72.0 / dpi;
  // Words' ink heights differ with ascenders and descenders ("to" against "Importance"): every
  // word of one OCR line takes the line's median size, so the line's words join again.
  std::size_t line_start = 0;
  auto settle_line = [&] {
    std::vector<double> sizes;
    for (std::size_t i = line_start; i < words.size(); ++i)
      sizes.push_back(words[i].font_size);
    if (!sizes.empty()) {
      std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
      for (std::size_t i = line_start; i < words.size(); ++i)
        words[i].font_size = sizes[sizes.size() / 2];
    }
    line_start = words.size();
  };
  if (it) do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) settle_line();
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      int left, top, right, bottom;
      if (!text || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom)) continue;
      Word word;
      word.text = trim(text.get());
      if (word.text.empty()) continue;
      word.box = {left * scale, top * scale, right * scale, bottom * scale};
      // The word's ink spans about 0.92 em (the reader's boxes run 0.8 em above the baseline to
      // 0.12 em below).
      word.font_size = word.box.height() / 0.92;
      word.space_after = true;
      words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  settle_line();
  api.End();
  return words;
#else
  (void)rgb, (void)width, (void)height, (void)row_bytes, (void)dpi;
  return {};
#endif
}

}  // namespace materia::extract
