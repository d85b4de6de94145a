#pragma once
// Internals of fold_key (text.cpp) that the tests compare against: the straightforward
// implementation the fast one must equal byte for byte, and the two pre-checks that decide
// whether a text goes to OpenCC; and the UTF-8 check that check_utf8 and the JSON writer share.
// Not part of the installed API.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace materia::detail {

/// How fold_key_reference decides whether to run OpenCC (step 2).
enum class ConversionPrecheck {
  none,     ///< always convert (the definition: repeat the conversion until nothing changes)
  witness,  ///< single-character witnesses (may_convert_by_first_character)
};

/// fold_key written plainly: ICU NFKC_Casefold on a UnicodeString, OpenCC, punctuation and
/// spaces on a vector of code points, then ICU word segmentation of every name. Slow on
/// purpose; tests assert fold_key(x) == fold_key_reference(x).
std::string fold_key_reference(std::string_view name,
                               ConversionPrecheck precheck = ConversionPrecheck::witness);

/// fold_key's pre-check for step 2 (its first pass), on NFKC_Casefold(text), `text` being valid
/// UTF-8: false only when no OpenCC dictionary entry that changes text has its key there (a
/// character that converts alone, or the first two characters of a longer key), so conversion
/// is the identity. (fold_key itself uses the pre-check below for text holding a NUL character.)
bool may_convert(std::string_view text);

/// The reference implementation's pre-check (a character that converts alone, or the first
/// character of a longer key with no such character), on NFKC_Casefold(text): true whenever
/// may_convert is.
bool may_convert_by_first_character(std::string_view text);

/// Every entry of fold_key's OpenCC conversion chain that changes text, as (key, value) in UTF-8,
/// in dictionary order (for tests: pieces of random text, and the pre-check's coverage).
std::vector<std::pair<std::string, std::string>> changing_dictionary_entries();

/// The byte offset of the first ill-formed UTF-8 sequence of `text` (ICU's U8_NEXT: no overlong
/// forms, no surrogates, nothing past U+10FFFF), or nothing when the whole text is well formed.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

}  // namespace materia::detail
