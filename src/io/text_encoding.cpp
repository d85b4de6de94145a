// Text input in another encoding than UTF-8: detected with ICU's charset detector (ucsdet),
// converted with its converters (ucnv).
#include "io/text_encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <variant>
#include <vector>

#include "materia/error.hpp"
#include "materia/limits.hpp"

#ifdef MATERIA_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace materia::detail {

namespace {

// How sure ICU's detector must be (its confidence, 0-100) before a text is converted without
// --encoding. Its double-byte recognizers (GB18030, Big5) give 10 to a text of at most ten
// double-byte characters, as they give other encodings, and up to 100 to more text of common
// characters; a GBK CSV of a few rows of Chinese names scores 100.
constexpr int kConfident = 30;

// The offset of the first byte that is not part of valid UTF-8 (no overlong forms, surrogates or
// code points past U+10FFFF), or npos.
std::size_t first_invalid_utf8(std::string_view text) {
#ifdef MATERIA_HAVE_SIMDJSON
  // simdjson checks the same rules many bytes at a time; only invalid text needs the offset
  if (simdjson::validate_utf8(text.data(), text.size())) return std::string_view::npos;
#endif
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // eight ASCII bytes at a time
    while (i + 8 <= n) {
      std::uint64_t word;
      std::copy(s + i, s + i + 8, reinterpret_cast<unsigned char*>(&word));
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n || s[i + 1] < low || s[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string hex_bytes(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string text;
  for (unsigned char b : bytes) {
    if (!text.empty()) text += ' ';
    text += "0x";
    text += digits[b >> 4];
    text += digits[b & 15];
  }
  return text;
}

// The bytes of the first bad UTF-8 sequence at `offset` (at most 4) and its line, for messages.
std::string where_not_utf8(std::string_view text, std::size_t offset) {
  std::size_t end = offset + 1;
  while (end < text.size() && end < offset + 4 &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    ++end;
  if (end - offset < 2 && offset + 2 <= text.size()) end = offset + 2;  // show the pair
  return "bytes " + hex_bytes(text.substr(offset, end - offset)) + " on line " +
         std::to_string(line_of(text, offset));
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

Converter open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !converter || status == U_AMBIGUOUS_ALIAS_WARNING) return nullptr;
  return converter;
}

// What a failed conversion reports: where, and the bytes that are not valid in the encoding.
struct Failure {
  std::size_t line = 0;
  std::string bytes;
};

// `text` converted from `converter`'s encoding to UTF-8; a Failure at the first byte sequence
// that is not valid in it.
std::variant<std::string, Failure> convert(std::string_view text, UConverter* from) {
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  Converter to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU has no UTF-8 converter");
  std::string out(text.size() + text.size() / 2 + 16, '\0');
  char* target = out.data();
  const char* source = text.data();
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  bool reset = true;
  for (;;) {
    status = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from, &target, out.data() + out.size(), &source,
                   text.data() + text.size(), pivot, &pivot_source, &pivot_target,
                   pivot + std::size(pivot), reset, true, &status);
    reset = false;
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    const std::size_t used = static_cast<std::size_t>(target - out.data());
    if (out.size() > limits::max_input_bytes * 4)
      throw_input_error("the text is too large once converted to UTF-8");
    out.resize(out.size() * 2);
    target = out.data() + used;
  }
  if (U_FAILURE(status)) {
    Failure failure;
    char bad[32];
    int8_t length = sizeof bad;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(from, bad, &length, &ignored);
    if (U_FAILURE(ignored)) length = 0;
    failure.bytes =
        length > 0 ? "bytes " + hex_bytes(std::string_view(bad, static_cast<std::size_t>(length)))
                   : "the last bytes";
    // the line: the text before the bad bytes, converted again (it converts), counted
    const std::size_t before =
        static_cast<std::size_t>(source - text.data()) - static_cast<std::size_t>(length);
    failure.line = 1;
    UErrorCode again = U_ZERO_ERROR;
    Converter prefix(ucnv_open(ucnv_getName(from, &again), &again));
    if (U_SUCCESS(again) && before <= text.size()) {
      auto converted = convert(text.substr(0, before), prefix.get());
      if (auto* done = std::get_if<std::string>(&converted))
        failure.line += static_cast<std::size_t>(std::count(done->begin(), done->end(), '\n'));
    }
    return failure;
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

// How the encoding is named in messages: GB18030, which ICU's detector reports for GBK and
// GB2312 text too, as "GB18030 (GBK)".
std::string shown_name(std::string name) {
  if (auto at = name.find("GB18030"); at != std::string::npos) name.insert(at + 7, " (GBK)");
  return name;
}

const char* kSaveHint =
    " (a CSV saved by Excel on Chinese Windows is usually gbk, on Traditional Chinese Windows "
    "big5), or save the file as UTF-8";

}  // namespace

std::vector<std::pair<std::string, int>> detect_encodings(std::string_view text) {
  std::vector<std::pair<std::string, int>> found;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return found;
  // The detector reads from the line of the first byte that is not ASCII on: a long ASCII start
  // would only dilute what it counts. At most 256 KiB (the recognizers tolerate a sequence cut
  // at the end).
  std::size_t begin = 0;
  while (begin < text.size() && static_cast<unsigned char>(text[begin]) < 0x80)
    ++begin;
  auto line_start = begin == 0 ? std::string_view::npos : text.rfind('\n', begin - 1);
  begin = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view sample = text.substr(begin, std::size_t{256} << 10);
  ucsdet_setText(detector.get(), sample.data(), static_cast<std::int32_t>(sample.size()), &status);
  std::int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status) || matches == nullptr) return found;
  for (std::int32_t i = 0; i < count; ++i) {
    UErrorCode match_status = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &match_status);
    const std::int32_t confidence = ucsdet_getConfidence(matches[i], &match_status);
    if (U_SUCCESS(match_status) && name != nullptr) found.emplace_back(name, confidence);
  }
  return found;
}

std::pair<std::string, int> detect_encoding(std::string_view text) {
  auto found = detect_encodings(text);
  if (found.empty()) return {"", 0};
  return found.front();
}

std::optional<std::string> decode_text(std::string_view text, const std::string& encoding,
                                       const std::string& source) {
  auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  if (!encoding.empty()) {
    Converter from = open_converter(encoding);
    if (!from)
      throw_usage_error("unknown encoding \"" + encoding +
                        "\" (an ICU converter name: utf-8, gbk, gb18030, big5, utf-16, "
                        "shift_jis, windows-1252, ...)");
    UErrorCode status = U_ZERO_ERROR;
    const std::string canonical = ucnv_getName(from.get(), &status);
    if (canonical == "UTF-8") {
      const std::size_t bad = first_invalid_utf8(text);
      if (bad == std::string_view::npos) return std::nullopt;
      throw_input_error("the file is not UTF-8 (--encoding " + encoding +
                            "): " + where_not_utf8(text, bad) + " are not UTF-8",
                        {source, "", ""});
    }
    auto converted = convert(text, from.get());
    if (auto* failure = std::get_if<Failure>(&converted))
      throw_input_error(failure->bytes + " on line " + std::to_string(failure->line) +
                            " are not valid " + encoding + " (--encoding " + encoding +
                            "): is the file in another encoding?",
                        {source, "", ""});
    return std::move(std::get<std::string>(converted));
  }
  // a byte order mark: UTF-32 before UTF-16, whose little-endian mark UTF-32's starts with
  const char* marked = starts(std::string_view("\xFF\xFE\0\0", 4))   ? "UTF-32LE"
                       : starts(std::string_view("\0\0\xFE\xFF", 4)) ? "UTF-32BE"
                       : starts("\xFF\xFE")                          ? "UTF-16LE"
                       : starts("\xFE\xFF")                          ? "UTF-16BE"
                                                                     : nullptr;
  if (marked) {
    Converter from = open_converter(marked);
    auto converted =
        convert(text.substr(std::string_view(marked).starts_with("UTF-32") ? 4 : 2), from.get());
    if (auto* failure = std::get_if<Failure>(&converted))
      throw_input_error(std::string("the file starts with a ") + marked + " byte order mark, but " +
                            failure->bytes + " on line " + std::to_string(failure->line) +
                            " are not valid " + marked,
                        {source, "", ""});
    return std::move(std::get<std::string>(converted));
  }
  const std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string_view::npos) return std::nullopt;
  const std::string not_utf8 = "the file is not UTF-8 (" + where_not_utf8(text, bad) + ")";
  const auto found = detect_encodings(text);
  if (found.empty())
    throw_input_error(not_utf8 +
                          ", and ICU's charset detector cannot tell its encoding: give it "
                          "with --encoding" +
                          kSaveHint,
                      {source, "", ""});
  // the guesses as sure as the best; GB18030 (GBK) or Big5 among them is converted only when
  // it is the one and the detector is sure
  const int confidence = found.front().second;
  std::string name, tied;
  for (const auto& [guess, sure] : found) {
    if (sure != confidence) break;
    if (guess == "GB18030" || guess == "Big5")
      name = name.empty() ? guess : name + " or " + guess;
    else
      tied += (tied.empty() ? "" : ", ") + guess;
  }
  const std::string sure = std::to_string(confidence) + "% sure";
  if (name.empty())
    throw_input_error(not_utf8 + "; ICU's charset detector says " + found.front().first + " (" +
                          sure + "): give --encoding " + found.front().first + " if that is right" +
                          kSaveHint,
                      {source, "", ""});
  const std::string option = name == "GB18030" ? "gbk" : name == "Big5" ? "big5" : "gbk or big5";
  if (confidence < kConfident || name.find(" or ") != std::string::npos)
    throw_input_error(not_utf8 + "; it looks like " + shown_name(name) +
                          ", but ICU's charset detector is only " + sure +
                          (tied.empty() ? "" : " (as sure as of " + tied + ")") +
                          ": give --encoding " + option + " if it is" + kSaveHint,
                      {source, "", ""});
  Converter from = open_converter(name);
  if (!from) throw Error(ErrorKind::internal, "ICU has no converter for " + name);
  auto converted = convert(text, from.get());
  if (auto* failure = std::get_if<Failure>(&converted))
    throw_input_error(not_utf8 + "; ICU's charset detector says " + shown_name(name) + " (" + sure +
                          "), but " + failure->bytes + " on line " + std::to_string(failure->line) +
                          " are not " + name + " either: give the file's encoding with --encoding" +
                          kSaveHint,
                      {source, "", ""});
  return std::move(std::get<std::string>(converted));
}

}  // namespace materia::detail
