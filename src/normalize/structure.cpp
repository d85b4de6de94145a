#include "normalize/structure.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "materia/text/text.hpp"

namespace materia::detail {

namespace {

// Words that carry no issue of their own (docs/method.md, "Structural matches"): verbs that lead
// an issue's name and nouns that end it (either may stand at either end: 保护知识产权 and
// 知识产权保护, "protection of intellectual property"), and particles. Chinese verbs such as 践行
// may be split by the segmentation (践/行), so a modifier is matched against up to three words.
constexpr std::string_view kModifiers[] = {
    // leading verbs and adverbs
    "助力", "践行", "积极", "推动", "加强", "持续", "深化", "坚持", "促进", "推进", "落实", "完善",
    "强化", "深耕", "注重", "重视", "支持", "开展", "做好", "提升", "提高", "维护", "优化", "全面",
    "依法", "热心", "履行", "承担", "响应", "应对", "参与", "服务",
    // trailing nouns
    "发展", "建设", "管理", "保护", "保障", "体系", "工作", "政策", "制度", "机制", "程序", "措施",
    "实践", "事业", "进程",  // 程序 folds to 进程 (OpenCC's Taiwan phrases)
    // English
    "promote", "promoting", "strengthen", "strengthening", "support", "supporting", "advance",
    "advancing", "practice", "practicing", "practise", "practising", "deepen", "deepening",
    "enhance", "enhancing", "improve", "improving", "develop", "developing", "ensure", "ensuring",
    "foster", "fostering", "boost", "management", "development", "protection", "construction",
    "building", "system", "policy", "mechanism", "program", "programme", "procedure", "initiative",
    "effort", "work", "service", "framework", "structure", "improvement", "addressing",
    "responding", "response"};
// Folded away anywhere (合法 as in 员工合法权益).
constexpr std::string_view kParticles[] = {"的", "之", "合法", "of", "the", "for",
                                           "to", "on", "in",   "a",  "an"};

// Hashed once: every fuzzy lookup asks dozens of times.
bool is_modifier(std::string_view word) {
  static const std::unordered_set<std::string_view> set(std::begin(kModifiers),
                                                        std::end(kModifiers));
  return set.count(word) > 0;
}

bool is_particle(std::string_view word) {
  static const std::unordered_set<std::string_view> set(std::begin(kParticles),
                                                        std::end(kParticles));
  return set.count(word) > 0;
}

std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::size_t code_point_count(const std::vector<std::string>& words, std::size_t begin,
                             std::size_t end) {
  std::size_t count = 0;
  for (std::size_t i = begin; i < end; ++i)
    count += code_point_count(words[i]);
  return count;
}

// The modifier made by words [begin, begin + k) (from the front) or [end - k, end) (from the
// back) of one part, for the shortest such k, or 0.
std::size_t modifier_words(const std::vector<std::string>& words, std::size_t begin,
                           std::size_t end, bool from_front) {
  std::string joined;
  for (std::size_t k = 1; k <= 3 && k <= end - begin; ++k) {
    const std::string& next = from_front ? words[begin + k - 1] : words[end - k];
    joined = from_front ? joined + next : next + joined;
    if (is_modifier(joined)) return k;
  }
  return 0;
}

// "policies" → "policy", "rights" → "right": English plurals fold to the singular (not "ss").
void fold_plural(std::string& word) {
  if (word.size() < 4 || static_cast<unsigned char>(word[0]) >= 0x80 || word.back() != 's' ||
      word[word.size() - 2] == 's')
    return;
  if (word.ends_with("ies"))
    word.replace(word.size() - 3, 3, "y");
  else
    word.pop_back();
}

// Code points, a CJK character (three UTF-8 bytes or more) counting twice: "esg" weighs 3,
// 社会 4, 反欺诈 6.
std::size_t weight(const std::vector<std::string>& words) {
  std::size_t total = 0;
  for (const auto& word : words)
    for (std::size_t i = 0; i < word.size();) {
      auto byte = static_cast<unsigned char>(word[i]);
      std::size_t n = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
      total += n >= 3 ? 2 : 1;
      i += n;
    }
  return total;
}

// Splits a Chinese modifier off the front (or back) of the first (or last) word when two code
// points or more remain: 公益事业 → 公益, 事业.
void split_affix(std::vector<std::string>& words, bool front) {
  if (words.empty()) return;
  std::string& word = front ? words.front() : words.back();
  for (std::string_view modifier : kModifiers) {
    if (static_cast<unsigned char>(modifier[0]) < 0x80 || word.size() <= modifier.size()) continue;
    if (front && word.starts_with(modifier) &&
        code_point_count(std::string_view(word).substr(modifier.size())) >= 2) {
      std::string rest = word.substr(modifier.size());
      word = std::string(modifier);
      words.insert(words.begin() + 1, std::move(rest));
      return;
    }
    if (!front && word.ends_with(modifier) &&
        code_point_count(std::string_view(word).substr(0, word.size() - modifier.size())) >= 2) {
      word.resize(word.size() - modifier.size());
      words.emplace_back(modifier);
      return;
    }
  }
}

std::string join(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i)
    out += words[i];
  return out;
}

}  // namespace

KeyStructure key_structure(std::string_view key) {
  KeyStructure s;
  std::size_t from = 0;
  std::vector<std::vector<std::string>> parts;
  while (from <= key.size()) {
    std::size_t at = key.find(kKeyConnector, from);
    std::string_view part = key.substr(from, at == std::string_view::npos ? at : at - from);
    std::vector<std::string> words;
    for (std::string& word : split_words(part)) {
      fold_plural(word);
      if (is_particle(word))
        ++s.particles;
      else
        words.push_back(std::move(word));
    }
    if (!words.empty()) parts.push_back(std::move(words));
    if (at == std::string_view::npos) break;
    from = at + kKeyConnector.size();
  }
  s.parts = parts.size();
  for (auto& words : parts) {
    // A part that is one modifier alone (举报人保护政策及程序's 程序) names nothing when other
    // parts do.
    const std::string whole = join(words, 0, words.size());
    if (parts.size() > 1 && words.size() <= 3 && is_modifier(whole)) {
      s.words.insert(s.words.end(), words.begin(), words.end());
      s.modifiers.push_back(whole);
      continue;
    }
    // The segmentation may join a modifier to its neighbour (公益事业): split it off the first and
    // last words.
    split_affix(words, true);
    split_affix(words, false);
    s.words.insert(s.words.end(), words.begin(), words.end());
    // Leading verbs, then trailing nouns, while the part keeps two code points.
    std::size_t begin = 0, end = words.size();
    for (bool changed = true; changed;) {
      changed = false;
      for (bool front : {true, false}) {
        std::size_t k = modifier_words(words, begin, end, front);
        if (k == 0 || k >= end - begin) continue;
        std::size_t rest_begin = front ? begin + k : begin, rest_end = front ? end : end - k;
        if (code_point_count(words, rest_begin, rest_end) < 2) continue;
        s.modifiers.push_back(front ? join(words, begin, begin + k) : join(words, end - k, end));
        begin = rest_begin;
        end = rest_end;
        changed = true;
      }
    }
    s.core.insert(s.core.end(), words.begin() + static_cast<std::ptrdiff_t>(begin),
                  words.begin() + static_cast<std::ptrdiff_t>(end));
  }
  std::sort(s.modifiers.begin(), s.modifiers.end());
  s.length = code_point_count(s.words, 0, s.words.size());
  s.weight = weight(s.words);
  s.core_length = code_point_count(s.core, 0, s.core.size());
  s.sorted_words = s.words;
  std::sort(s.sorted_words.begin(), s.sorted_words.end());
  s.sorted_core = s.core;
  std::sort(s.sorted_core.begin(), s.sorted_core.end());
  for (const auto& word : s.sorted_core)
    s.signature += word + '\x1f';
  return s;
}

std::optional<StructuralMatch> structural_match(const KeyStructure& input,
                                                const KeyStructure& name) {
  if (input.signature != name.signature || input.core_length < 2 || input.weight < 5)
    return std::nullopt;
  std::vector<std::string> differing;
  std::set_symmetric_difference(input.modifiers.begin(), input.modifiers.end(),
                                name.modifiers.begin(), name.modifiers.end(),
                                std::back_inserter(differing));
  // A one-word core (客户, 风险) is told apart by its modifiers: 客户管理 is not 客户服务.
  if (differing.size() > (input.core.size() == 1 ? 1u : 2u)) return std::nullopt;
  StructuralMatch match;
  match.score = 1.0;
  if (input.core != name.core || (differing.empty() && input.words != name.words)) {
    match.rules.push_back("reordered");
    match.score -= 0.02;
  }
  for (const auto& modifier : differing) {
    match.rules.push_back("modifier " + modifier);
    match.score -= 0.03;
  }
  if (input.particles != name.particles) {
    match.rules.push_back("particle");
    match.score -= 0.02;
  }
  if (match.rules.empty()) {  // the same words, parted by connectors differently
    match.rules.push_back("connectors");
    match.score -= 0.01;
  }
  return match;
}

bool contains_words(const KeyStructure& outer, const std::vector<std::string>& sorted) {
  return std::includes(outer.sorted_words.begin(), outer.sorted_words.end(), sorted.begin(),
                       sorted.end());
}

}  // namespace materia::detail
