#include "materia/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "materia/error.hpp"

namespace materia {

void check_utf8(std::string_view text, const std::string& what) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  if (text.size() > static_cast<std::size_t>(INT32_MAX))
    throw_input_error(what + " is too long (over 2 GB)");
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0)
      throw_input_error(what + " is not valid UTF-8 (bad byte 0x" +
                        [&] {
                          static const char* hex = "0123456789ABCDEF";
                          std::string h;
                          h += hex[bytes[start] >> 4];
                          h += hex[bytes[start] & 15];
                          return h;
                        }() +
                        " at byte offset " + std::to_string(start) + ")");
  }
}

std::string fold_key(std::string_view name) {
  check_utf8(name, "name");
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU NFKC_Casefold is unavailable");
  icu::UnicodeString folded =
      nfkc_cf->normalize(icu::UnicodeString::fromUTF8(
                             icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
                         status);
  if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU normalization failed");
  icu::UnicodeString key;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    if (!u_isUWhiteSpace(c)) key.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  key.toUTF8String(out);
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      ++width;
      continue;
    }
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

}  // namespace materia
