#pragma once
/// \file text.hpp
/// Folding a raw issue name into a match key. Display names are never changed; only keys are.

#include <string>
#include <string_view>

namespace materia {

/// The match key of a name: Unicode NFKC with full case folding (ICU), and every whitespace
/// character removed, so "数据安全与 隐私保护" and "数据安全与隐私保护" share a key, as do
/// "ESG 治理" and "ＥＳＧ治理". Throws Error(input) on invalid UTF-8, giving the byte offset.
std::string fold_key(std::string_view name);

/// Display width of a UTF-8 string in terminal columns (East Asian wide characters count 2).
std::size_t display_width(std::string_view text);

/// Throws Error(input) with the byte offset if `text` is not valid UTF-8.
void check_utf8(std::string_view text, const std::string& what);

}  // namespace materia
