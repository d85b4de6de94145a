// fold_key's shortcuts (issue 9) against the plain implementation it replaced
// (detail::fold_key_reference, text_internal.hpp): byte-identical keys, or the same error, on every
// name in the repository's data, on every string of up to three symbols of an adversarial
// alphabet, and on tens of thousands of random strings; the ASCII path against ICU for all 128
// code points; the OpenCC pre-check against every changing dictionary entry; idempotence.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <nlohmann/json.hpp>

#include "base/printable.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/model/taxonomy.hpp"
#include "materia/text/text.hpp"
#include "synthetic.hpp"
#include "test_scale.hpp"
#include "text/text_internal.hpp"

namespace {

using materia::fold_key;
using materia::detail::ConversionPrecheck;
using materia::detail::fold_key_reference;

std::string utf8(UChar32 c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
  EXPECT_FALSE(error);
  return std::string(buffer, static_cast<std::size_t>(length));
}

// The key, or the kind and message of the error.
std::string outcome(const std::function<std::string()>& fold) {
  try {
    return "key " + fold();
  } catch (const materia::Error& e) {
    return "error " + std::to_string(static_cast<int>(e.kind())) + " " + e.message();
  }
}

// fold_key(name) equals the reference with the old pre-check and with none (always converting).
// Returns false (after a gtest failure) when it does not.
bool same_as_reference(const std::string& name) {
  std::string fast = outcome([&] { return fold_key(name); });
  std::string witness =
      outcome([&] { return fold_key_reference(name, ConversionPrecheck::witness); });
  EXPECT_EQ(fast, witness) << "name: " << materia::detail::printable(name);
  // OpenCC stops at a NUL character (it reads a C string), so the pre-check matters for text
  // holding one: fold_key then keeps the pre-check it had (and its key), see text.cpp.
  if (name.find('\0') != std::string::npos) return fast == witness;
  std::string always = outcome([&] { return fold_key_reference(name, ConversionPrecheck::none); });
  EXPECT_EQ(fast, always) << "name: " << materia::detail::printable(name);
  return fast == witness && fast == always;
}

TEST(FoldKeyFast, AsciiFastPathEqualsIcu) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0; c < 128; ++c) {
    icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString(c), status);
    ASSERT_TRUE(U_SUCCESS(status));
    icu::UnicodeString expected(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    EXPECT_EQ(folded, expected) << "U+" << c;
    std::string one(1, static_cast<char>(c));
    same_as_reference(one);
    same_as_reference("a" + one + "b");
    same_as_reference("数" + one + "据");
  }
  // Every ASCII pair: nothing composes, so the text folds character by character.
  for (UChar32 a = 0; a < 128; ++a)
    for (UChar32 b = 0; b < 128; ++b) {
      icu::UnicodeString pair;
      pair.append(a).append(b);
      icu::UnicodeString folded = nfkc_cf->normalize(pair, status);
      icu::UnicodeString expected;
      for (UChar32 c : {a, b})
        expected.append(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ASSERT_EQ(folded, expected) << a << " " << b;
    }
}

// Every string value and key of a JSON document.
void collect_json_strings(const nlohmann::json& json, std::vector<std::string>& out) {
  if (json.is_string()) {
    out.push_back(json.get<std::string>());
  } else if (json.is_object()) {
    for (auto it = json.begin(); it != json.end(); ++it) {
      out.push_back(it.key());
      collect_json_strings(it.value(), out);
    }
  } else if (json.is_array()) {
    for (const auto& item : json)
      collect_json_strings(item, out);
  }
}

// Lines of a text file and their pieces between separators (CSV cells, Markdown table cells).
void collect_text_pieces(const std::string& text, std::vector<std::string>& out) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    out.push_back(line);
    std::string piece;
    for (char c : line + ",") {
      if (c == ',' || c == '|' || c == '\t' || c == ';' || c == '"') {
        if (!piece.empty()) out.push_back(piece);
        piece.clear();
      } else {
        piece += c;
      }
    }
  }
}

TEST(FoldKeyFast, EqualsReferenceOnEveryNameOfTheRepository) {
  std::vector<std::string> names;
  std::size_t files = 0;
  for (const char* dir : {MATERIA_SOURCE_DIR "/data", MATERIA_TEST_DATA_DIR}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.file_size() > 4'000'000) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      ++files;
      nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
      if (entry.path().extension() == ".json" && !json.is_discarded())
        collect_json_strings(json, names);
      else
        collect_text_pieces(text, names);
    }
  }
  EXPECT_GT(files, 50u);
  for (const auto& taxonomy_name : materia::Taxonomy::builtin_names()) {
    auto taxonomy = materia::Taxonomy::builtin(taxonomy_name);
    for (const auto& issue : taxonomy.issues)
      for (const auto* text : {&issue.id, &issue.name_zh, &issue.name_en, &issue.parent})
        names.push_back(*text);
    for (const auto& alias : taxonomy.aliases) {
      names.push_back(alias.name);
      names.push_back(alias.target);
    }
  }
  auto sample = materia::load_sample("fintech-2024");
  for (const auto& firm : sample.firms) {
    names.push_back(firm.name);
    for (const auto& entry : firm.entries)
      names.push_back(entry.name);
  }
  auto synthetic = materia::bench::synthetic_taxonomy(2000, 7);
  for (const auto& issue : synthetic.issues) {
    names.push_back(issue.name_zh);
    names.push_back(materia::bench::spaced_variant(issue.name_zh));
    names.push_back(issue.name_en);
    names.push_back(issue.id);
  }
  std::set<std::string> distinct(names.begin(), names.end());
  EXPECT_GT(distinct.size(), 5000u);
  std::size_t failures = 0;
  for (const auto& name : distinct) {
    if (!same_as_reference(name)) ++failures;
    ASSERT_LT(failures, 20u);
  }
}

// The symbols around which the shortcuts decide: connector words and their parts, characters that
// only form a word with a neighbour (参与, 碳中和, 以及), traditional characters and a Taiwan term
// (資訊 → 信息), quotes that are dropped, spaces next to CJK or not, full-width forms, dashes.
const std::vector<std::string> kAdversarial = {
    "a",  "n",  "d",  "A",  " ",  "\t", "&", ",", ";",  "/",  "与", "和", "及", "以",
    "参", "碳", "中", "資", "訊", "\"", "'", "“", "」", "Ａ", "-",  "—",  "、", "＆"};

TEST(FoldKeyFast, EqualsReferenceOnEveryShortStringOfAnAdversarialAlphabet) {
  std::size_t count = 0, failures = 0;
  std::function<void(const std::string&, int)> visit = [&](const std::string& prefix, int left) {
    ++count;
    if (!same_as_reference(prefix)) ++failures;
    ASSERT_LT(failures, 20u);
    if (left == 0) return;
    for (const auto& symbol : kAdversarial)
      visit(prefix + symbol, left - 1);
  };
  visit("", 3);
  const std::size_t n = kAdversarial.size();
  EXPECT_EQ(count, 1 + n + n * n + n * n * n);
}

// Random text: dictionary keys and values (traditional and simplified, single characters and
// Hong Kong and Taiwan phrases), any CJK ideograph, connector words, ASCII words and letters,
// punctuation, spaces and controls, combining marks, kana, Hangul, full-width forms.
std::vector<std::string> random_names(std::size_t count, std::uint64_t seed) {
  static const auto entries = materia::detail::changing_dictionary_entries();
  static const std::vector<std::string> pieces = {"与",      "和",
                                                  "及",      "以及",
                                                  "参与",    "普及",
                                                  "碳中和",  "和谐",
                                                  "and",     "AND",
                                                  "And",     "brand",
                                                  "andes",   "risk",
                                                  "ESG",     "Ｅ",
                                                  "ＳＧ",    "ß",
                                                  "ﬁ",       "Σ",
                                                  " ",       "  ",
                                                  "\t",      "\n",
                                                  ",",       "，",
                                                  "、",      "&",
                                                  "＆",      ";",
                                                  "；",      "/",
                                                  "／",      "-",
                                                  "—",       "–",
                                                  "−",       "\"",
                                                  "'",       "“",
                                                  "”",       "‘",
                                                  "’",       "「",
                                                  "」",      "《",
                                                  "》",      "【",
                                                  "】",      "〔",
                                                  "·",       "・",
                                                  "•",       "。",
                                                  "\u3000",  "\u00A0",
                                                  "\u200B",  "\u0301",
                                                  "e\u0301", "\x01",
                                                  "\x7f",    std::string(1, '\0'),
                                                  "カ",      "한",
                                                  "ㄅ",      "①",
                                                  "㈱",      "ｶ",
                                                  "0",       "１",
                                                  "(",       "（",
                                                  "薴",      "苧",
                                                  "數據",    "资讯",
                                                  "資訊",    "網路",
                                                  "滑鼠",    "软件",
                                                  "軟體"};
  static const auto pool = [] {
    std::vector<std::string> chars;
    auto taxonomy = materia::bench::synthetic_taxonomy(200, 3);
    for (const auto& issue : taxonomy.issues)
      for (std::size_t i = 0; i + 3 <= issue.name_zh.size(); i += 3)
        chars.push_back(issue.name_zh.substr(i, 3));
    return chars;
  }();
  std::mt19937_64 rng(seed);
  std::vector<std::string> names;
  while (names.size() < count) {
    std::string name;
    std::size_t length = 1 + rng() % 10;
    for (std::size_t k = 0; k < length; ++k) {
      switch (rng() % 8) {
        case 0:
          name += entries[rng() % entries.size()].first;
          break;
        case 1:
          name += entries[rng() % entries.size()].second;
          break;
        case 2:
          name += utf8(static_cast<UChar32>(0x4E00 + rng() % (0x9FFF - 0x4E00 + 1)));
          break;
        case 3:
        case 4:
          name += pieces[rng() % pieces.size()];
          break;
        case 5:
          name += pool[rng() % pool.size()];
          break;
        case 6:
          name += static_cast<char>(' ' + rng() % 95);  // printable ASCII
          break;
        default:
          name += kAdversarial[rng() % kAdversarial.size()];
      }
    }
    names.push_back(std::move(name));
  }
  return names;
}

TEST(FoldKeyFast, EqualsReferenceOnRandomStrings) {
  std::size_t failures = 0;
  for (const auto& name : random_names(materia_test::rounds(40000, 4000), 20261128)) {
    if (!same_as_reference(name)) ++failures;
    ASSERT_LT(failures, 20u);
  }
}

// Idempotent, except where a key is not NFKC_Casefold-normalized or still holds text that OpenCC
// converts: exceptions that predate issue 9 and that fold_key keeps (its keys must not change).
// Steps 1 and 2 run before 3 and 4, so a term that a removed space or quote splits is converted
// only on the second fold ("字 尾" → "字尾" → "后缀", Taiwan's 字尾), and a combining mark after a
// dropped quote composes only then ("z'\u0301" → "z\u0301" → "ź"); OpenCC entries whose value
// holds their key grow at every pass ("尼日利亚" → "尼日尔尔尔尔利亚" after the four passes);
// Taiwan's 隨身碟 becomes "U盤" after case folding.
TEST(FoldKeyFast, IsIdempotentExceptWhereTheKeyStillConverts) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(error);
  ASSERT_TRUE(U_SUCCESS(error));
  std::size_t exceptions = 0;
  auto names = random_names(20000, 7);
  names.insert(names.end(), {"隨身碟", "尼日利亚", "厄瓜多尔", "字 尾"});
  for (const auto& name : names) {
    std::string once = fold_key(name);
    if (fold_key(once) == once) continue;
    ++exceptions;
    UErrorCode status = U_ZERO_ERROR;
    bool casefolded = nfkc_cf->isNormalized(icu::UnicodeString::fromUTF8(once), status);
    ASSERT_TRUE(!casefolded || materia::to_simplified(once) != once)
        << materia::detail::printable(name) << " → " << once;
  }
  EXPECT_GE(exceptions, 4u);
  EXPECT_EQ(fold_key("字 尾"), "字尾");
  EXPECT_EQ(fold_key("字尾"), "后缀");
  std::size_t failures = 0;
  std::function<void(const std::string&, int)> visit = [&](const std::string& prefix, int left) {
    std::string once = fold_key(prefix);
    if (fold_key(once) != once) ++failures;
    EXPECT_EQ(fold_key(once), once) << materia::detail::printable(prefix);
    ASSERT_LT(failures, 20u);
    if (left > 0)
      for (const auto& symbol : kAdversarial)
        visit(prefix + symbol, left - 1);
  };
  visit("", 3);
}

std::string nfkc_casefold(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string out;
  nfkc_cf->normalize(icu::UnicodeString::fromUTF8(text), status).toUTF8String(out);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

// The pre-check of step 2 is exact: every changing dictionary key (that case folding leaves as
// is: "PN接面" never meets folded text), alone or inside other text, is sent to OpenCC; folded
// text it does not send comes out of OpenCC unchanged; it sends no text the pre-check before
// issue 9 did not send, and far fewer of the synthetic names.
TEST(FoldKeyFast, ConversionPrecheckCoversEveryChangingKey) {
  using materia::detail::may_convert;
  using materia::detail::may_convert_by_first_character;
  const auto entries = materia::detail::changing_dictionary_entries();
  EXPECT_GT(entries.size(), 4000u);
  std::size_t folded_keys = 0;
  for (const auto& [key, value] : entries) {
    if (nfkc_casefold(key) != key) continue;
    ++folded_keys;
    ASSERT_TRUE(may_convert(key)) << key;
    ASSERT_TRUE(may_convert("数据" + key + "安全")) << key;
    ASSERT_TRUE(may_convert("a " + key + "与")) << key;
  }
  EXPECT_GT(folded_keys + 10, entries.size());
  std::size_t sent = 0, sent_before = 0;
  auto check = [&](const std::string& t) {
    if (t.find('\0') != std::string::npos) return;  // OpenCC stops there (see text.cpp)
    bool now = may_convert(t), before = may_convert_by_first_character(t);
    std::string folded = nfkc_casefold(t);
    if (!now) {
      ASSERT_EQ(materia::to_simplified(folded), folded) << t;
    } else {
      ASSERT_TRUE(before) << t;
    }
    sent += now;
    sent_before += before;
  };
  for (const auto& name : random_names(20000, 99)) {
    check(name);
    check(fold_key_reference(name, ConversionPrecheck::none));
  }
  EXPECT_LT(sent, sent_before);
  sent = sent_before = 0;
  for (const auto& issue : materia::bench::synthetic_taxonomy(2000, 7).issues) {
    check(issue.name_zh);
    check(materia::bench::spaced_variant(issue.name_zh));
  }
  EXPECT_LT(sent * 3, sent_before);
}

}  // namespace
