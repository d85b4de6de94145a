#include "materia/text/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Lexicon.hpp>

#include "materia/error.hpp"
#include "text/text_internal.hpp"

#ifndef MATERIA_OPENCC_DATA_DIR
#define MATERIA_OPENCC_DATA_DIR "/usr/share/opencc"
#endif

namespace materia {

std::optional<std::size_t> detail::invalid_utf8_offset(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<std::int64_t>(text.size());
  for (std::int64_t i = 0; i < length;) {
    const std::int64_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

void check_utf8(std::string_view text, const std::string& what) {
  if (text.size() > static_cast<std::size_t>(INT32_MAX))
    throw_input_error(what + " is too long (over 2 GB)");
  const auto start = detail::invalid_utf8_offset(text);
  if (!start) return;
  static const char* hex = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[*start]);
  throw_input_error(what + " is not valid UTF-8 (bad byte 0x" + hex[byte >> 4] + hex[byte & 15] +
                    " at byte offset " + std::to_string(*start) + ")");
}

namespace {

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU NFKC_Casefold is unavailable");
    return n;
  }();
  return *instance;
}

// One converter for all three traditional variants: the Hong Kong and Taiwan variant tables of
// OpenCC's hk2s.json and tw2sp.json (the latter with Taiwan's own terms, so 資訊安全 folds like
// 信息安全, as tw2sp converts it), then the common traditional → simplified tables of t2s.json,
// segmented once. Building it reads the dictionaries (milliseconds), so it is built once;
// OpenCC's Converter::Convert is const and safe to call from many threads (BYVoid/OpenCC#231).
std::shared_ptr<opencc::Converter> load_simplifier() {
  static constexpr const char* kConfig = R"({
    "name": "materia: traditional (standard, Hong Kong, Taiwan) to simplified",
    "segmentation": {"type": "mmseg", "dict": {"type": "ocd2", "file": "TSPhrases.ocd2"}},
    "conversion_chain": [
      {"dict": {"type": "group", "dicts": [{"type": "ocd2", "file": "HKVariantsRevPhrases.ocd2"},
                                           {"type": "ocd2", "file": "HKVariantsRev.ocd2"}]}},
      {"dict": {"type": "group", "dicts": [{"type": "ocd2", "file": "TWPhrasesRev.ocd2"},
                                           {"type": "ocd2", "file": "TWVariantsRevPhrases.ocd2"},
                                           {"type": "ocd2", "file": "TWVariantsRev.ocd2"}]}},
      {"dict": {"type": "group", "dicts": [{"type": "ocd2", "file": "TSPhrases.ocd2"},
                                           {"type": "ocd2", "file": "TSCharacters.ocd2"}]}}]})";
  try {
    opencc::Config config;
    return config.NewFromString(kConfig, MATERIA_OPENCC_DATA_DIR);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::internal, std::string("cannot load the OpenCC dictionaries from " +
                                                 std::string(MATERIA_OPENCC_DATA_DIR) + ": ") +
                                         e.what());
  }
}

// The lexicons of a dictionary: a group's members' own (a group's GetLexicon() would copy and
// sort all their entries into a new one; the entries are the same).
void collect_lexicons(const opencc::DictPtr& dict, std::vector<opencc::LexiconPtr>& out) {
  if (auto group = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
    for (const auto& member : group->GetDicts())
      collect_lexicons(member, out);
  } else {
    out.push_back(dict->GetLexicon());
  }
}

// Conversion is the costly step of folding, and most names (simplified Chinese, English) come out
// unchanged. OpenCC's conversion replaces a dictionary key found in the text by the entry's value
// and copies everything else, and each conversion of the chain reads the previous one's output;
// so a text that contains the key of no entry that changes something (value ≠ key) comes out as
// it went in. Knowing a "witness" of every such key suffices:
//  - a key of one character is its own witness (kSingle);
//  - a longer key that holds a kSingle character is witnessed by it;
//  - any other longer key is witnessed by its first two characters (`bigrams`, whose first
//    characters are marked kBigramFirst so that the set is looked up rarely).
// The coarser pre-check of the reference implementation lets the first character alone witness
// such a key (kFirstCharacter): 数, 发, 干 ... start some phrase, so it sends most simplified names
// to OpenCC for nothing.
struct Simplifier {
  static constexpr std::uint8_t kSingle = 1, kBigramFirst = 2, kFirstCharacter = 4;
  std::shared_ptr<opencc::Converter> converter = load_simplifier();
  std::vector<std::uint8_t> flags = std::vector<std::uint8_t>(0x110000, 0);
  std::unordered_set<std::uint64_t> bigrams;

  static std::uint64_t bigram(UChar32 first, UChar32 second) {
    return (static_cast<std::uint64_t>(first) << 21) | static_cast<std::uint64_t>(second);
  }
  std::uint8_t flag(UChar32 c) const { return flags[static_cast<std::size_t>(c)]; }

  Simplifier() {
    std::vector<opencc::LexiconPtr> lexicons;
    for (const auto& conversion : converter->GetConversionChain()->GetConversions())
      collect_lexicons(conversion->GetDict(), lexicons);
    auto chars_of = [](const std::string& key) {
      std::vector<UChar32> out;
      const auto* bytes = reinterpret_cast<const uint8_t*>(key.data());
      auto length = static_cast<int32_t>(key.size());
      for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) out.push_back(c);
      }
      return out;
    };
    std::vector<std::vector<UChar32>> longer;
    for (const auto& lexicon : lexicons)
      for (const auto& entry : *lexicon) {
        std::string key = entry->Key();
        if (entry->GetDefault() == key) continue;
        auto chars = chars_of(key);
        if (chars.size() == 1)
          flags[static_cast<std::size_t>(chars[0])] |= kSingle;
        else if (!chars.empty())
          longer.push_back(std::move(chars));
      }
    for (const auto& chars : longer)
      if (std::none_of(chars.begin(), chars.end(), [&](UChar32 c) { return flag(c) & kSingle; })) {
        flags[static_cast<std::size_t>(chars[0])] |= kBigramFirst | kFirstCharacter;
        bigrams.insert(bigram(chars[0], chars[1]));
      }
  }

  // Whether the conversion may change the code points [begin, end).
  bool may_change(const UChar32* begin, const UChar32* end) const {
    for (const UChar32* p = begin; p != end; ++p) {
      std::uint8_t f = flag(*p);
      if (f & kSingle) return true;
      if ((f & kBigramFirst) && p + 1 != end && bigrams.count(bigram(p[0], p[1]))) return true;
    }
    return false;
  }

  // The reference implementation's pre-check (kSingle or kFirstCharacter).
  bool may_change_by_first_character(const UChar32* begin, const UChar32* end) const {
    return std::any_of(begin, end,
                       [&](UChar32 c) { return flag(c) & (kSingle | kFirstCharacter); });
  }
  bool may_change_by_first_character(const icu::UnicodeString& text) const {
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1))
      if (flag(text.char32At(i)) & (kSingle | kFirstCharacter)) return true;
    return false;
  }
};

const Simplifier& simplifier() {
  static const Simplifier instance;
  return instance;
}

// ICU's dictionary-based word segmentation (Chinese words need a dictionary: 参与 is one word,
// 安全与隐私 is three). Building a break iterator is costly; each thread clones one prototype.
icu::BreakIterator& word_breaker() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status) || !it)
      throw Error(ErrorKind::internal, "ICU word segmentation is unavailable");
    return it;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> local(prototype->clone());
  return *local;
}

// CJK characters: no spaces are needed (or meaningful) next to them.
bool is_cjk(UChar32 c) {
  if (c < 0x2E80) return false;  // fast path: nothing below the CJK radicals is wide
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
      script == USCRIPT_HANGUL || script == USCRIPT_BOPOMOFO)
    return true;
  int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

constexpr UChar32 kDrop = -1;
constexpr UChar32 kSpace = 0x20;

// Punctuation that NFKC leaves alone but that writers use interchangeably.
UChar32 unify_punctuation(UChar32 c) {
  switch (c) {
    case 0x3001:
    case 0xFE50:
    case 0xFE51:
      return ',';  // 、 ﹐ ﹑ (list separators)
    case 0x3002:
      return '.';  // 。
    case 0x00B7:
    case 0x2022:
    case 0x2027:
    case 0x2219:
    case 0x30FB:
      return 0x00B7;  // middle dots
    case 0x3010:
    case 0x3014:
    case 0x3016:
    case 0x3018:
      return '[';  // 【 〔 〖 〘
    case 0x3011:
    case 0x3015:
    case 0x3017:
    case 0x3019:
      return ']';  // 】 〕 〗 〙
    case '"':
    case '\'':
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:  // " ' 「 」 『 』
    case 0x3008:
    case 0x3009:
    case 0x300A:
    case 0x300B:  // 〈 〉 《 》
    case 0x301D:
    case 0x301E:
    case 0x301F:
    case 0xFE41:
    case 0xFE42:
    case 0xFE43:
    case 0xFE44:
      return kDrop;  // quotation and title marks do not change what a name means
    case 0x2212:
      return '-';  // minus sign
    default:
      break;
  }
  if (u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR) return kSpace;
  switch (u_charType(c)) {
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return kDrop;  // “ ” ‘ ’ « »
    case U_DASH_PUNCTUATION:
      return '-';  // ‐ – — 〜 ...
    default:
      return c;
  }
}

// The connector words of step 5, as steps 1 to 3 leave them ("AND", "＆", "、" are "and", "&",
// ",").
constexpr std::array<std::string_view, 9> kConnectorWords = {"与", "和", "及", "以及", "and",
                                                             "&",  ",",  ";",  "/"};

bool is_connector_word(const icu::UnicodeString& word) {
  static const std::vector<icu::UnicodeString> kWords = [] {
    std::vector<icu::UnicodeString> words;
    for (std::string_view w : kConnectorWords)
      words.push_back(
          icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size()))));
    return words;
  }();
  for (const auto& w : kWords)
    if (word == w) return true;
  return false;
}

struct Token {
  icu::UnicodeString text;
  bool connector = false;
  bool space_before = false;
};

// Step 5 on the text of steps 1 to 4 (not empty): words (ICU dictionary segmentation); connector
// words become one connector.
std::string connect_words(const icu::UnicodeString& spaced) {
  icu::BreakIterator& breaker = word_breaker();
  breaker.setText(spaced);
  std::vector<Token> tokens;
  bool pending_space = false;
  for (int32_t start = breaker.first(), end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    icu::UnicodeString word(spaced, start, end - start);
    if (word.length() == 1 && word[0] == kSpace) {
      pending_space = true;
      continue;
    }
    Token token;
    token.connector = is_connector_word(word);
    token.text = std::move(word);
    token.space_before = pending_space;
    pending_space = false;
    tokens.push_back(std::move(token));
  }
  if (!tokens.empty()) {  // a connector connects two things: not at either end (碳中和)
    tokens.front().connector = false;
    tokens.back().connector = false;
  }
  static const icu::UnicodeString kConnector =
      icu::UnicodeString::fromUTF8(icu::StringPiece(kKeyConnector.data(), 1));
  icu::UnicodeString key;
  const Token* previous = nullptr;
  for (const Token& token : tokens) {
    if (token.connector && previous && previous->connector) continue;  // ", and" is one connector
    const icu::UnicodeString& out = token.connector ? kConnector : token.text;
    if (previous) {
      bool wants_space = token.space_before || token.connector || previous->connector;
      if (wants_space && !is_cjk(key.char32At(key.length() - 1)) && !is_cjk(out.char32At(0)))
        key.append(kSpace);
    }
    key.append(out);
    previous = &token;
  }
  std::string result;
  key.toUTF8String(result);
  return result;
}

}  // namespace

std::string to_simplified(std::string_view text) {
  return simplifier().converter->Convert(std::string(text));
}

namespace {

// Appends the code points of `text` (valid UTF-8) to `out`.
void append_code_points(std::string_view text, std::vector<UChar32>& out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(bytes, i, length, c);
    out.push_back(c);
  }
}

// Appends a scalar value (never a surrogate: every code point here comes from valid UTF-8).
void append_utf8(std::string& out, UChar32 c) {
  uint8_t buffer[4];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

std::string utf8_of(const std::vector<UChar32>& chars) {
  std::string out;
  out.reserve(chars.size() * 3);
  for (UChar32 c : chars)
    append_utf8(out, c);
  return out;
}

// Step 1 into `out`: the code points of NFKC_Casefold(name), `name` being valid UTF-8. A text of
// ASCII only folds character by character, A-Z to a-z and every other character to itself (no
// ASCII character has a compatibility decomposition or is default-ignorable, and nothing composes
// without a combining mark; FoldKeyFast.AsciiFastPathEqualsIcu checks them against ICU), so it
// skips ICU. Other text goes through ICU's UTF-8 normalizer, with no UTF-16 round trip.
void nfkc_casefold_code_points(std::string_view name, std::vector<UChar32>& out) {
  out.clear();
  out.reserve(name.size());
  if (std::all_of(name.begin(), name.end(),
                  [](char b) { return static_cast<unsigned char>(b) < 0x80; })) {
    for (char b : name)
      out.push_back(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : static_cast<unsigned char>(b));
    return;
  }
  std::string folded;
  folded.reserve(name.size() + 8);
  icu::StringByteSink<std::string> sink(&folded);
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold().normalizeUTF8(0, icu::StringPiece(name.data(), static_cast<int32_t>(name.size())),
                                sink, nullptr, status);
  if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU normalization failed");
  append_code_points(folded, out);
}

// unify_punctuation for ASCII, from a table of its own results.
UChar32 unify_punctuation_fast(UChar32 c) {
  static const std::array<UChar32, 128> kAscii = [] {
    std::array<UChar32, 128> table{};
    for (UChar32 a = 0; a < 128; ++a)
      table[static_cast<std::size_t>(a)] = unify_punctuation(a);
    return table;
  }();
  return c < 128 ? kAscii[static_cast<std::size_t>(c)] : unify_punctuation(c);
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::BreakIterator& breaker = word_breaker();
  breaker.setText(unicode);
  std::vector<std::string> words;
  for (int32_t start = breaker.first(), end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    if (breaker.getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
    std::string word;
    icu::UnicodeString(unicode, start, end - start).toUTF8String(word);
    words.push_back(std::move(word));
  }
  return words;
}

void prepare_folding() {
  nfkc_casefold();
  simplifier();
  word_breaker();
}

// The steps are those of fold_key_reference, with three shortcuts, each exact:
//  - step 1 without ICU for ASCII, and on UTF-8 otherwise (nfkc_casefold_code_points);
//  - step 2 only for text holding a character that converts alone or the first two characters
//    of a longer changing key (Simplifier);
//  - step 5 only for text holding a connector word. Otherwise no word is a connector, and the
//    words put back together are the text itself: ICU's words partition it; a word that is a lone
//    space is put back before the next word unless a neighbour is CJK, and step 4 kept only
//    spaces between two non-CJK characters, never at either end (a space that ICU joins to a
//    following mark is an ordinary word, appended as it is).
std::string fold_key(std::string_view name) {
  check_utf8(name, "name");
  std::vector<UChar32> chars;
  nfkc_casefold_code_points(name, chars);

  // 2. Traditional → simplified, only when some dictionary key could match (see Simplifier). One
  // pass is not always a fixed point (OpenCC maps 薴 → 苧 and 苧 → 苎), so convert until nothing
  // changes, at most four times (an entry whose value holds its key, 尼日 → 尼日爾, never stops).
  // OpenCC reads its input as a C string: it drops a NUL character and all that follows. So that
  // such text gets the reference implementation's key, it goes to OpenCC exactly when the
  // reference's pre-check sends it.
  const Simplifier& simplify = simplifier();
  auto may_change = [&] {
    const UChar32* begin = chars.data();
    const UChar32* end = begin + chars.size();
    return std::find(begin, end, 0) == end ? simplify.may_change(begin, end)
                                           : simplify.may_change_by_first_character(begin, end);
  };
  for (int pass = 0; pass < 4 && may_change(); ++pass) {
    std::string utf8 = utf8_of(chars);
    std::string converted = simplify.converter->Convert(utf8);
    if (converted == utf8) break;
    chars.clear();
    append_code_points(converted, chars);
  }

  // 3 and 4. Punctuation, then whitespace: a run of spaces survives as one space only between two
  // non-CJK characters. In place: the write position never passes the read position.
  std::size_t kept = 0;
  for (UChar32 raw : chars) {
    UChar32 c = unify_punctuation_fast(raw);
    if (c == kDrop) continue;
    if (c == kSpace && (kept == 0 || chars[kept - 1] == kSpace)) continue;  // leading or repeated
    chars[kept++] = c;
  }
  std::string spaced;
  spaced.reserve(kept * 3);
  for (std::size_t i = 0; i < kept; ++i) {
    if (chars[i] == kSpace) {
      if (i + 1 == kept) break;  // trailing space
      if (is_cjk(chars[i - 1]) || is_cjk(chars[i + 1])) continue;
    }
    append_utf8(spaced, chars[i]);
  }
  if (spaced.empty()) return {};

  // 5. Only where a connector word occurs (UTF-8 is self-synchronizing: a byte match is a match
  // of whole characters).
  if (std::none_of(kConnectorWords.begin(), kConnectorWords.end(),
                   [&](std::string_view word) { return spaced.find(word) != std::string::npos; }))
    return spaced;
  return connect_words(icu::UnicodeString::fromUTF8(spaced));
}

bool detail::may_convert(std::string_view text) {
  std::vector<UChar32> chars;
  nfkc_casefold_code_points(text, chars);
  return simplifier().may_change(chars.data(), chars.data() + chars.size());
}

bool detail::may_convert_by_first_character(std::string_view text) {
  std::vector<UChar32> chars;
  nfkc_casefold_code_points(text, chars);
  return simplifier().may_change_by_first_character(chars.data(), chars.data() + chars.size());
}

std::vector<std::pair<std::string, std::string>> detail::changing_dictionary_entries() {
  std::vector<std::pair<std::string, std::string>> entries;
  std::vector<opencc::LexiconPtr> lexicons;
  for (const auto& conversion : simplifier().converter->GetConversionChain()->GetConversions())
    collect_lexicons(conversion->GetDict(), lexicons);
  for (const auto& lexicon : lexicons)
    for (const auto& entry : *lexicon)
      if (entry->GetDefault() != entry->Key())
        entries.emplace_back(entry->Key(), entry->GetDefault());
  return entries;
}

std::string detail::fold_key_reference(std::string_view name, detail::ConversionPrecheck precheck) {
  check_utf8(name, "name");
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text =
      nfkc_casefold().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                    name.data(), static_cast<int32_t>(name.size()))),
                                status);
  if (U_FAILURE(status)) throw Error(ErrorKind::internal, "ICU normalization failed");

  // 2. Traditional → simplified, only when some character could convert (see Simplifier). One
  // pass is not always a fixed point (OpenCC maps 薴 → 苧 and 苧 → 苎), and keys must be, so
  // convert until nothing changes (two passes at most in practice; bounded for safety).
  for (int pass = 0; pass < 4 && (precheck == detail::ConversionPrecheck::none ||
                                  simplifier().may_change_by_first_character(text));
       ++pass) {
    std::string utf8, converted;
    text.toUTF8String(utf8);
    converted = simplifier().converter->Convert(utf8);
    if (converted == utf8) break;
    text = icu::UnicodeString::fromUTF8(converted);
  }

  // 3 and 4. Punctuation, then whitespace: a run of spaces survives as one space only between two
  // non-CJK characters.
  std::vector<UChar32> chars;
  chars.reserve(static_cast<std::size_t>(text.length()));
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = unify_punctuation(text.char32At(i));
    if (c == kDrop) continue;
    if (c == kSpace && (chars.empty() || chars.back() == kSpace)) continue;  // leading or repeated
    chars.push_back(c);
  }
  icu::UnicodeString spaced;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] == kSpace) {
      if (i + 1 == chars.size()) break;  // trailing space
      if (is_cjk(chars[i - 1]) || is_cjk(chars[i + 1])) continue;
    }
    spaced.append(chars[i]);
  }
  if (spaced.isEmpty()) return {};

  // 5. Unchanged by the fast path, which only skips it where no connector word occurs.
  return connect_words(spaced);
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
