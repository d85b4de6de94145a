// SPDX-License-Identifier: GPL-2.0-or-later
// Boxes, UTF-8 helpers and the grouping of poppler's words into printed lines.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "engine.hpp"

namespace materia::extract {

Box Box::united(const Box& other) const {
  return {std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1),
          std::max(y1, other.y1)};
}

bool Box::contains(double x, double y, double margin) const {
  return x >= x0 - margin && x <= x1 + margin && y >= y0 - margin && y <= y1 + margin;
}

double Box::distance_to(double x, double y) const {
  const double dx = std::max({x0 - x, 0.0, x - x1});
  const double dy = std::max({y0 - y, 0.0, y - y1});
  return std::hypot(dx, dy);
}

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF) ||
         (c >= 0x3000 && c <= 0x303F);
}

std::u32string to_u32(const std::string& utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    int length = byte < 0x80         ? 1
                 : (byte >> 5) == 6  ? 2
                 : (byte >> 4) == 14 ? 3
                 : (byte >> 3) == 30 ? 4
                                     : 0;
    if (length == 0 || i + length > utf8.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t c = length == 1 ? byte : byte & (0x7F >> length);
    for (int k = 1; k < length; ++k)
      c = c << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(c);
    i += length;
  }
  return out;
}

std::string to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | c >> 6));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | c >> 12));
      out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | c >> 18));
      out.push_back(static_cast<char>(0x80 | (c >> 12 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string unify_radicals(const std::string& text) {
  // Unicode's EquivalentUnifiedIdeograph.txt for U+2E80 ... U+2FD5, in order; U+3000 (the
  // ideographic space) where a code point has none (it is kept).
  static const char32_t kUnified[] =
      U"　厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑𫜹忄心扌攵　旡日"
      U"月"
      U"歺母民氵氺灬爫爫丬牛犭王𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿"
      U"肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長镸长门𨸏阝雨青韦"
      U"页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟　　　　"
      U"　　　　　　　　一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚"
      U"匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺"
      U"广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛"
      U"氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石"
      U"示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫"
      U"血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹"
      U"雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍"
      U"黑黹黽鼎鼓鼠鼻齊齒龍龜龠";
  static_assert(sizeof kUnified / sizeof kUnified[0] == 0x2FD5 - 0x2E80 + 2);
  static const std::string kBlock[] = {"\xE2\xBA", "\xE2\xBB", "\xE2\xBC",
                                       "\xE2\xBD", "\xE2\xBE", "\xE2\xBF"};
  if (std::none_of(std::begin(kBlock), std::end(kBlock),
                   [&](const std::string& lead) { return text.find(lead) != std::string::npos; }))
    return text;  // no character of U+2E80 ... U+2FFF
  std::u32string characters = to_u32(text);
  for (char32_t& c : characters)
    if (c >= 0x2E80 && c <= 0x2FD5 && kUnified[c - 0x2E80] != U'\u3000') c = kUnified[c - 0x2E80];
  return to_utf8(characters);
}

std::string ascii_number(const std::string& text) {
  if (text.find("\xEF\xBC") == std::string::npos) return text;  // nothing of U+FF00 ... U+FF3F
  std::u32string characters = to_u32(text);
  const auto digit = [](char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
  };
  const auto is = [&](std::size_t i, char32_t wide, char32_t ascii) {
    return i < characters.size() && (characters[i] == wide || characters[i] == ascii);
  };
  std::size_t i = is(0, U'（', U'(') ? 1 : 0;
  const std::size_t start = i;
  if (is(i, U'－', '-') || is(i, U'＋', '+')) ++i;
  const std::size_t first_digit = i;
  while (i < characters.size() && digit(characters[i]))
    ++i;
  if (i == first_digit) return text;
  if (is(i, U'．', '.') && i + 1 < characters.size() && digit(characters[i + 1]))
    for (++i; i < characters.size() && digit(characters[i]);)
      ++i;
  if (is(i, U'％', '%')) ++i;
  // A letter, digit or ideograph right after it makes the number part of a word (５Ｇ, ２０２４年).
  if (i < characters.size()) {
    const char32_t next = characters[i];
    const bool letter = (next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z') ||
                        (next >= 0xFF21 && next <= 0xFF3A) || (next >= 0xFF41 && next <= 0xFF5A);
    const bool ideograph =
        is_cjk(next) && !(next >= 0x3000 && next <= 0x303F) && !(next >= 0xFF00 && next <= 0xFFEF);
    if (letter || ideograph || digit(next)) return text;
  }
  for (std::size_t k = start; k < i; ++k)
    if (characters[k] >= 0xFF01 && characters[k] <= 0xFF5E) characters[k] -= 0xFEE0;
  return to_utf8(characters);
}

namespace {
bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}
}  // namespace

std::string trim(const std::string& text) {
  std::u32string out;
  for (char32_t c : to_u32(text)) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return to_utf8(out);
}

std::string join_text(const std::string& left, const std::string& right) {
  if (left.empty()) return right;
  if (right.empty()) return left;
  const std::u32string a = to_u32(left), b = to_u32(right);
  if (is_cjk(a.back()) || is_cjk(b.front()) || a.back() == '-') return left + right;
  return left + " " + right;
}

std::vector<Line> group_lines(const std::vector<Word>& words, double max_gap_em,
                              const std::vector<Box>& barriers) {
  // Along-the-line coordinate and across-the-line band of a word, by rotation.
  auto along_start = [](const Word& w) {
    return w.rotation == 0   ? w.box.x0
           : w.rotation == 1 ? w.box.y0
           : w.rotation == 2 ? -w.box.x1
                             : -w.box.y1;
  };
  auto along_end = [](const Word& w) {
    return w.rotation == 0   ? w.box.x1
           : w.rotation == 1 ? w.box.y1
           : w.rotation == 2 ? -w.box.x0
                             : -w.box.y0;
  };
  auto across_centre = [](const Word& w) { return w.rotation % 2 == 0 ? w.box.cy() : w.box.cx(); };

  std::vector<const Word*> order;
  for (const Word& w : words)
    order.push_back(&w);
  std::sort(order.begin(), order.end(), [&](const Word* a, const Word* b) {
    if (a->rotation != b->rotation) return a->rotation < b->rotation;
    return along_start(*a) < along_start(*b);
  });
  struct Open {
    Line line;
    double end;
    double centre;
    bool space_after;
  };
  std::vector<Open> open;
  std::vector<Line> lines;
  for (const Word* w : order) {
    const double size = std::max(w->font_size, 1.0);
    Open* target = nullptr;
    for (Open& candidate : open) {
      if (candidate.line.rotation != w->rotation) continue;
      const double gap = along_start(*w) - candidate.end;
      if (std::abs(across_centre(*w) - candidate.centre) < 0.35 * size && gap < max_gap_em * size &&
          gap > -0.3 * size && std::abs(candidate.line.font_size - w->font_size) < 0.25 * size &&
          !std::any_of(barriers.begin(), barriers.end(), [&](const Box& b) {
            // Words written inside the marker (a bubble's name) are not parted by it.
            const Box between = candidate.line.box.united(w->box);
            const bool within = between.x0 >= b.x0 && between.x1 <= b.x1 && between.y0 >= b.y0 &&
                                between.y1 <= b.y1;
            return w->rotation == 0 && !within && b.cx() > candidate.line.box.x1 - 1 &&
                   b.cx() < w->box.x0 + 1 && b.cy() > between.y0 && b.cy() < between.y1;
          })) {
        target = &candidate;
        break;
      }
    }
    if (!target) {
      open.push_back({Line{trim(w->text), w->box, w->font_size, w->rotation}, along_end(*w),
                      across_centre(*w), w->space_after});
      continue;
    }
    const double gap = along_start(*w) - target->end;
    const std::string piece = trim(w->text);
    const std::u32string left = to_u32(target->line.text), right = to_u32(piece);
    const bool cjk_join =
        !left.empty() && !right.empty() && (is_cjk(left.back()) || is_cjk(right.front()));
    if (cjk_join || (!target->space_after && gap < 0.15 * size))
      target->line.text += piece;
    else
      target->line.text += " " + piece;
    target->line.box = target->line.box.united(w->box);
    target->end = along_end(*w);
    target->space_after = w->space_after;
  }
  for (Open& o : open)
    lines.push_back(std::move(o.line));
  // Reading order: top to bottom, then left to right.
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    if (std::abs(a.box.cy() - b.box.cy()) > 0.3 * std::max(a.font_size, b.font_size))
      return a.box.cy() < b.box.cy();
    return a.box.x0 < b.box.x0;
  });
  return lines;
}

int symbol_level(const std::string& text) {
  std::u32string symbols;
  for (char32_t c : to_u32(text))
    if (c != U' ') symbols.push_back(c);
  if (symbols.empty() || symbols.size() > 5) return 0;
  // A lone ● is a bullet or a chart's marker; a lone ★ is one star.
  if (symbols == U"●") return 0;
  const bool dots = symbols.find_first_not_of(U"●○") == std::u32string::npos;
  const bool stars = symbols.find_first_not_of(U"★☆") == std::u32string::npos;
  if (!dots && !stars) return 0;
  const auto filled = std::count(symbols.begin(), symbols.end(), dots ? U'●' : U'★');
  return static_cast<int>(filled);
}

bool names_materiality(const std::string& text) {
  static const char* const keys[] = {"实质性",         "重要性",         "重要議題",
                                     "實質性",         "materiality",    "Materiality",
                                     "MATERIALITY",    "material issue", "material topic",
                                     "Material issue", "Material topic"};
  for (const char* key : keys)
    if (text.find(key) != std::string::npos) return true;
  return false;
}

}  // namespace materia::extract
