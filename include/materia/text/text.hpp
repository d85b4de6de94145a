#pragma once
/// \file text.hpp
/// Folding a raw issue name into a match key. Display names are never changed; only keys are.
/// The steps and their reasons are in docs/method.md, "Name normalization".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace materia {

/// The connector that every connector word (与, 和, 及, 以及, 、, ",", ";", "/", "&", "and")
/// becomes in a match key.
inline constexpr std::string_view kKeyConnector = "&";

/// The match key of a name:
///  1. Unicode NFKC with full case folding (ICU NFKC_Casefold): full-width letters, digits and
///     punctuation become half-width, "ＥＳＧ" and "esg" agree;
///  2. traditional Chinese (standard, Hong Kong and Taiwan variants) becomes simplified (OpenCC);
///  3. CJK punctuation becomes its ASCII counterpart, quotation and title marks are dropped;
///  4. whitespace next to a CJK character is removed ("数据安全与 隐私保护", "ESG 治理",
///     "议题 0001"), other runs of whitespace become one space;
///  5. connector words, found by ICU's dictionary word segmentation so that 参与 or 普及 stay
///     intact, become kKeyConnector (never at the start or end of a name, as in 碳中和).
/// Idempotent: fold_key(fold_key(x)) == fold_key(x), but for the few dictionary cases that
/// docs/method.md lists. Thread-safe. Throws Error(input) on invalid UTF-8, giving the byte
/// offset.
std::string fold_key(std::string_view name);

/// The words of `text` (valid UTF-8) by ICU's dictionary-based word segmentation, without the
/// spaces and punctuation between them: "员工权益保障" → 员工, 权益, 保障; "anti-corruption &
/// ethics" → anti, corruption, ethics. Thread-safe.
std::vector<std::string> split_words(std::string_view text);

/// Loads what fold_key needs (ICU's normalizer and word segmentation, OpenCC's dictionaries and
/// the index over them) now rather than at the first fold, for a program that
/// can do it while it waits for something else (the CLI, while it reads its input). Thread-safe,
/// any number of calls; throws what the first fold_key would.
void prepare_folding();

/// Traditional → simplified Chinese only (step 2 of fold_key), for text that is already valid
/// UTF-8. The converter is built once per process and shared (OpenCC's Converter is const-safe).
std::string to_simplified(std::string_view text);

/// Display width of a UTF-8 string in terminal columns (East Asian wide characters count 2).
std::size_t display_width(std::string_view text);

/// Throws Error(input) with the byte offset if `text` is not valid UTF-8.
void check_utf8(std::string_view text, const std::string& what);

}  // namespace materia
