#include "materia/normalize/normalize.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/visitors.hpp>
#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/text/text.hpp"
#include "model/enum_text.hpp"
#include "normalize/structure.hpp"
#include "runtime/parallel.hpp"

namespace materia {

std::string_view match_kind_name(MatchKind kind) {
  constexpr std::string_view kNames[] = {"exact", "alias", "fuzzy", "unmatched", "dropped"};
  return detail::enum_text(kind, kNames, "unmatched");
}

namespace {

// ------------------------------------------------------------------------------------------------
// Similarity features of a match key.

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
  }
  return out;
}

bool is_cjk_letter(char32_t c) {
  if (c < 0x2E80) return false;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_HANGUL || script == USCRIPT_BOPOMOFO;
}

bool is_word_char(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

// A feature is a 64-bit hash of its kind and code points (splitmix64 steps); collisions between
// the few thousand features of a taxonomy are negligible at 64 bits.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 29);
}

std::uint64_t feature_hash(std::uint64_t kind, const char32_t* begin, std::size_t n) {
  std::uint64_t h = mix(0x1234567ULL, kind);
  for (std::size_t i = 0; i < n; ++i)
    h = mix(h, begin[i]);
  return h;
}

// CJK runs give character bigrams (a one-character run gives itself); Latin/digit words give the
// word itself and its character trigrams padded with '#' at both ends. Connectors, spaces and
// punctuation only separate. Sorted, without duplicates (set semantics for Dice).
std::vector<std::uint64_t> key_features(const std::u32string& key) {
  std::vector<std::uint64_t> features;
  std::size_t i = 0;
  const std::size_t n = key.size();
  while (i < n) {
    if (is_cjk_letter(key[i])) {
      std::size_t j = i;
      while (j < n && is_cjk_letter(key[j]))
        ++j;
      if (j - i == 1) features.push_back(feature_hash(1, &key[i], 1));
      for (std::size_t k = i; k + 1 < j; ++k)
        features.push_back(feature_hash(2, &key[k], 2));
      i = j;
    } else if (is_word_char(key[i])) {
      std::size_t j = i;
      while (j < n && is_word_char(key[j]) && !is_cjk_letter(key[j]))
        ++j;
      features.push_back(feature_hash(3, &key[i], j - i));
      std::u32string padded(j - i + 2, U'#');
      std::copy(key.begin() + static_cast<std::ptrdiff_t>(i),
                key.begin() + static_cast<std::ptrdiff_t>(j), padded.begin() + 1);
      for (std::size_t k = 0; k + 3 <= padded.size(); ++k)
        features.push_back(feature_hash(4, &padded[k], 3));
      i = j;
    } else {
      ++i;
    }
  }
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  return features;
}

std::size_t shared_count(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t count = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j])
      ++i;
    else if (b[j] < a[i])
      ++j;
    else
      ++count, ++i, ++j;
  }
  return count;
}

double dice(std::size_t shared, std::size_t size_a, std::size_t size_b) {
  return size_a + size_b == 0
             ? 1.0
             : 2.0 * static_cast<double>(shared) / static_cast<double>(size_a + size_b);
}

// Levenshtein distance over code points (unit costs), two rows.
std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
  if (a.size() < b.size()) return levenshtein(b, a);
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

double edit_similarity(const std::u32string& a, const std::u32string& b) {
  std::size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  return 1.0 - static_cast<double>(levenshtein(a, b)) / static_cast<double>(longest);
}

// Upper bound of edit_similarity from the lengths alone (distance >= length difference).
double edit_similarity_bound(std::size_t a, std::size_t b) {
  std::size_t longest = std::max(a, b);
  if (longest == 0) return 1.0;
  std::size_t diff = a > b ? a - b : b - a;
  return 1.0 - static_cast<double>(diff) / static_cast<double>(longest);
}

constexpr double kDiceWeight = 0.5;  // score = 0.5 Dice + 0.5 edit similarity (docs/method.md)

double combine(double dice_value, double edit_value) {
  return kDiceWeight * dice_value + (1.0 - kDiceWeight) * edit_value;
}

// A key with its features, for fuzzy search.
struct FuzzyKey {
  std::string key;
  std::u32string chars;
  std::vector<std::uint64_t> features;
};

FuzzyKey make_fuzzy_key(std::string key) {
  FuzzyKey f;
  f.chars = code_points(key);
  f.features = key_features(f.chars);
  f.key = std::move(key);
  return f;
}

// An inverted index from feature to the keys that have it.
struct FeatureIndex {
  std::vector<FuzzyKey> keys;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;

  void add(FuzzyKey key) {
    auto id = static_cast<std::uint32_t>(keys.size());
    for (auto feature : key.features)
      postings[feature].push_back(id);
    keys.push_back(std::move(key));
  }

  // Keys sharing at least one feature with `query`, with the shared count, by key id.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> overlaps(const FuzzyKey& query) const {
    thread_local std::vector<std::uint32_t> counts;  // scratch, all zero between calls
    if (counts.size() < keys.size()) counts.resize(keys.size(), 0);
    std::vector<std::uint32_t> touched;
    for (auto feature : query.features) {
      auto it = postings.find(feature);
      if (it == postings.end()) continue;
      for (auto id : it->second)
        if (counts[id]++ == 0) touched.push_back(id);
    }
    std::sort(touched.begin(), touched.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    out.reserve(touched.size());
    for (auto id : touched) {
      out.emplace_back(id, counts[id]);
      counts[id] = 0;
    }
    return out;
  }
};

std::string format_score(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", score);
  return buffer;
}

// The issue a decision "new" adds: its id is the alias's target, else made from its English
// name, else the name's match key; a Chinese name is its canonical name, else the English one.
Issue new_issue_of(const Alias& alias) {
  Issue issue;
  const bool ascii = std::all_of(alias.name.begin(), alias.name.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  issue.name_zh = ascii ? "" : alias.name;
  issue.name_en = !alias.name_en.empty() ? alias.name_en : ascii ? alias.name : "";
  issue.category = alias.category;
  issue.id = alias.target;
  if (issue.id.empty()) {
    for (char c : issue.name_en) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u))
        issue.id += static_cast<char>(std::tolower(u));
      else if (!issue.id.empty() && issue.id.back() != '-')
        issue.id += '-';
    }
    while (!issue.id.empty() && issue.id.back() == '-')
      issue.id.pop_back();
  }
  if (issue.id.empty()) issue.id = fold_key(alias.name);
  return issue;
}

// ------------------------------------------------------------------------------------------------
// The synonym graph.

struct EdgeLabel {
  std::string text;  // "alias (aliases.csv:3)", "same issue"
};
using SynonymGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                           boost::no_property, EdgeLabel>;

struct Vertex {
  std::string key;
  std::string raw;                // the first name seen with this key (for messages)
  std::ptrdiff_t canonical = -1;  // issue whose canonical name, English name or id has this key
  std::string role;               // "canonical name", "English name", "issue id"
  bool alias_target = false;      // some alias points at it (open vocabulary: group id)
};

}  // namespace

double key_similarity(std::string_view key_a, std::string_view key_b) {
  FuzzyKey a = make_fuzzy_key(std::string(key_a)), b = make_fuzzy_key(std::string(key_b));
  if (a.key == b.key) return 1.0;
  double d = dice(shared_count(a.features, b.features), a.features.size(), b.features.size());
  return std::min(combine(d, edit_similarity(a.chars, b.chars)), 1.0 - 1e-9);
}

struct Normalizer::Index {
  Taxonomy taxonomy;
  NormalizeOptions options;
  bool open = false;

  // Every key of the synonym graph, in the order of first use (never changed after build: the
  // views below point into its keys and names).
  std::vector<Vertex> vertices;
  struct Target {
    std::ptrdiff_t issue = -1;  // taxonomy index (-1: open vocabulary)
    std::string_view group;     // open vocabulary: group id (key) and name
    std::string_view group_name;
    MatchKind kind = MatchKind::exact;
    std::string_view via;
    std::string reason;
  };
  std::unordered_map<std::string_view, Target> by_key;  // views of vertices' keys
  // The vertex of each of the taxonomy's own texts (Chinese and English names, ids), by the text
  // as written (views into `taxonomy`; kNoVertex: its key is empty): a name given verbatim (most
  // names, at market scale) is resolved without folding it again (fold_key is a function of the
  // text alone).
  static constexpr std::size_t kNoVertex = std::numeric_limits<std::size_t>::max();
  std::unordered_map<std::string_view, std::size_t> vertex_of_text;

  // Fuzzy candidates (taxonomy only): every vertex, with its issue. The feature index over their
  // keys is built on the first fuzzy lookup: a file whose names all match exactly (the usual
  // case at market scale) never pays for it.
  // The keys' structures, and the keys by signature, are built with it.
  mutable std::once_flag fuzzy_built;
  mutable FeatureIndex fuzzy_features;
  mutable std::vector<detail::KeyStructure> fuzzy_structures;
  mutable std::unordered_map<std::string, std::vector<std::uint32_t>> keys_of_signature;
  const FeatureIndex& fuzzy_index() const {
    std::call_once(fuzzy_built, [this] {
      for (std::size_t v = 0; v < fuzzy_issue.size(); ++v) {
        fuzzy_features.add(make_fuzzy_key(vertices[v].key));
        fuzzy_structures.push_back(detail::key_structure(vertices[v].key));
        keys_of_signature[fuzzy_structures.back().signature].push_back(
            static_cast<std::uint32_t>(v));
      }
    });
    return fuzzy_features;
  }
  std::vector<std::ptrdiff_t> fuzzy_issue;
  std::vector<bool> fuzzy_canonical;  // the key is a canonical name/English name of its issue
  std::vector<std::vector<std::uint32_t>> keys_of_issue;               // fuzzy keys by issue
  std::set<std::pair<std::ptrdiff_t, std::ptrdiff_t>> declared_apart;  // the taxonomy's pairs
  std::unordered_map<std::string, std::string> generic_keys;           // key → generic name
  std::unordered_map<std::string, std::string> dropped_keys;           // key → where decided

  // Issues a and b are kept apart: declared so, or two of their keys within the fuzzy threshold
  // of each other, or with the same core words (docs/method.md, "Keeping near misses apart").
  bool kept_apart(std::ptrdiff_t a, std::ptrdiff_t b) const {
    if (declared_apart.count({std::min(a, b), std::max(a, b)})) return true;
    for (std::uint32_t u : keys_of_issue[static_cast<std::size_t>(a)])
      for (std::uint32_t v : keys_of_issue[static_cast<std::size_t>(b)])
        if (fuzzy_structures[u].signature == fuzzy_structures[v].signature ||
            key_similarity(vertices[u].key, vertices[v].key) >= options.threshold)
          return true;
    return false;
  }

  Candidate candidate(std::ptrdiff_t issue, double score, std::string_view via) const {
    Candidate c;
    c.issue = issue;
    const Issue& i = taxonomy.issues[static_cast<std::size_t>(issue)];
    c.id = i.id;
    c.name = i.display_name();
    c.score = score;
    c.via = std::string(via);
    return c;
  }

  void build(const std::vector<Alias>& extra, const Execution& execution);
  void fuzzy_match(Resolution& r) const;
};

void Normalizer::Index::build(const std::vector<Alias>& given, const Execution& execution) {
  // Review decisions first: `new` adds an issue (its name an alias of it), `drop` a key no name
  // resolves through. The open vocabulary has every name as an issue already.
  std::vector<Alias> extra;
  extra.reserve(given.size());
  const std::size_t taxonomy_size = taxonomy.issues.size();
  for (const Alias& alias : given) {
    if (alias.is_drop()) {
      const ErrorContext where{alias.source, "", alias.name};
      std::string key;
      try {
        key = fold_key(alias.name);
      } catch (const Error& e) {
        throw Error(ErrorKind::input, "alias " + e.message(), where);
      }
      if (key.empty()) throw_input_error("an alias has an empty name", where);
      dropped_keys.try_emplace(std::move(key), alias.source);
      continue;
    }
    if (alias.is_new_issue()) {
      if (open) continue;
      Issue issue = new_issue_of(alias);
      const auto known = taxonomy.find(issue.id);
      if (known && *known < taxonomy_size)
        throw_input_error("decision \"new\" names an issue the taxonomy has: \"" + issue.id +
                              "\" is an id of taxonomy \"" + taxonomy.name + "\" (decide \"" +
                              issue.id + "\" to match it)",
                          {alias.source, "", alias.name});
      if (!known) taxonomy.issues.push_back(issue);
      extra.push_back(Alias{alias.name, issue.id, "new", alias.source});
      continue;
    }
    extra.push_back(alias);
  }
  SynonymGraph graph;
  // At most three keys per issue and two per alias: reserved, so that the views of the keys
  // (vertex_of here, by_key after) stay valid while vertices are added.
  vertices.reserve(3 * taxonomy.issues.size() + 2 * (taxonomy.aliases.size() + extra.size()));
  std::unordered_map<std::string_view, std::size_t> vertex_of;
  auto vertex = [&](std::string key, const std::string& raw) {
    if (auto it = vertex_of.find(key); it != vertex_of.end()) return it->second;
    if (vertices.size() == vertices.capacity())  // growing would move the keys under the views
      throw Error(ErrorKind::internal, "the synonym graph has more keys than were reserved");
    vertices.push_back({std::move(key), raw, -1, "", false});
    boost::add_vertex(graph);
    vertex_of.emplace(vertices.back().key, vertices.size() - 1);
    return vertices.size() - 1;
  };
  auto describe = [&](std::size_t v) {
    const Vertex& x = vertices[v];
    std::string text = "\"" + x.raw + "\"";
    if (x.canonical >= 0)
      text +=
          " (" + x.role + " of " + taxonomy.issues[static_cast<std::size_t>(x.canonical)].id + ")";
    return text;
  };

  // Folding is the cost of building (ICU, OpenCC): fold the names of all issues on every core
  // first; a name that fails to fold fails where the loop below reaches it, as it did in order.
  struct Folded {
    std::string key;
    std::exception_ptr error;
  };
  std::vector<std::array<Folded, 3>> folded(taxonomy.issues.size());
  detail::parallel_for(
      taxonomy.issues.size(), execution.threads,
      [&](std::size_t i) {
        const Issue& issue = taxonomy.issues[i];
        const std::string* texts[] = {&issue.name_zh, &issue.name_en, &issue.id};
        for (std::size_t t = 0; t < 3; ++t) {
          if (texts[t]->empty()) continue;
          try {
            folded[i][t].key = fold_key(*texts[t]);
          } catch (...) {
            folded[i][t].error = std::current_exception();
          }
        }
      },
      256);

  // Canonical keys: an issue's Chinese name, English name and id are one vertex group.
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i) {
    const Issue& issue = taxonomy.issues[i];
    std::ptrdiff_t first = -1;
    std::size_t slot = 0;
    for (auto [text, role] :
         {std::pair{&issue.name_zh, "canonical name"}, std::pair{&issue.name_en, "English name"},
          std::pair{&issue.id, "issue id"}}) {
      Folded& fold = folded[i][slot++];
      if (text->empty()) continue;
      if (fold.error) std::rethrow_exception(fold.error);
      std::string key = std::move(fold.key);
      if (key.empty()) {
        vertex_of_text.try_emplace(*text, kNoVertex);
        continue;
      }
      std::size_t v = vertex(std::move(key), *text);
      vertex_of_text.try_emplace(*text, v);
      Vertex& x = vertices[v];
      if (x.canonical >= 0 && x.canonical != static_cast<std::ptrdiff_t>(i))
        throw_input_error("issues \"" + taxonomy.issues[static_cast<std::size_t>(x.canonical)].id +
                              "\" and \"" + issue.id + "\" have names with the same match key \"" +
                              x.key + "\" (" + describe(v) + " and \"" + *text + "\")",
                          {"taxonomy " + taxonomy.name, "", *text});
      if (x.canonical < 0) {
        x.canonical = static_cast<std::ptrdiff_t>(i);
        x.role = role;
        x.raw = *text;
      }
      if (first >= 0 && static_cast<std::size_t>(first) != v)
        boost::add_edge(static_cast<std::size_t>(first), v, EdgeLabel{"same issue"}, graph);
      if (first < 0) first = static_cast<std::ptrdiff_t>(v);
    }
  }

  std::vector<Alias> aliases = taxonomy.aliases;
  aliases.insert(aliases.end(), extra.begin(), extra.end());
  // Alias targets that are issue ids, by id (Taxonomy::find once per alias would be quadratic in
  // the taxonomy's size). The first issue of an id wins, as find's walk gives.
  std::unordered_map<std::string_view, std::size_t> issue_of_id;
  if (!open && !aliases.empty())
    for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
      issue_of_id.try_emplace(taxonomy.issues[i].id, i);
  for (const Alias& alias : aliases) {
    ErrorContext where{alias.source.empty() ? "taxonomy " + taxonomy.name : alias.source, "",
                       alias.name};
    // the match key of the alias's name or target; `what` and `empty` are its errors
    auto alias_key = [&](const std::string& text, std::string_view what, const char* empty) {
      std::string key;
      try {
        key = fold_key(text);
      } catch (const Error& e) {
        throw Error(ErrorKind::input, std::string(what) + " " + e.message(), where);
      }
      if (key.empty()) throw_input_error(empty, where);
      return key;
    };
    std::size_t from =
        vertex(alias_key(alias.name, "alias", "an alias has an empty name"), alias.name);
    std::size_t to;
    std::optional<std::size_t> index;
    if (auto it = issue_of_id.find(alias.target); it != issue_of_id.end()) index = it->second;
    if (index) {
      const Issue& issue = taxonomy.issues[*index];
      const auto known = vertex_of_text.find(issue.id);
      to = known != vertex_of_text.end() && known->second != kNoVertex
               ? known->second
               : vertex_of.at(fold_key(issue.id));
    } else {
      to = vertex(alias_key(alias.target, "alias target", "an alias has an empty target"),
                  alias.target);
    }
    vertices[to].alias_target = true;
    std::string label = "alias";
    if (!alias.kind.empty()) label += " " + alias.kind;
    if (!alias.source.empty()) label += ", " + alias.source;
    if (from != to) boost::add_edge(from, to, EdgeLabel{label}, graph);
  }

  // Connected components: each must hold exactly one canonical issue (taxonomy) or becomes one
  // group (open vocabulary).
  std::vector<std::size_t> component(vertices.size());
  std::size_t n_components =
      vertices.empty() ? 0 : boost::connected_components(graph, component.data());
  std::vector<std::vector<std::size_t>> members(n_components);
  for (std::size_t v = 0; v < vertices.size(); ++v)
    members[component[v]].push_back(v);

  auto chain = [&](std::size_t a, std::size_t b) {
    // Shortest chain of declarations from a to b (breadth-first search, Boost.Graph).
    using Edge = boost::graph_traits<SynonymGraph>::edge_descriptor;
    std::vector<Edge> via(vertices.size());
    std::vector<bool> reached(vertices.size(), false);
    reached[a] = true;
    struct Recorder : boost::default_bfs_visitor {
      std::vector<Edge>* via;
      std::vector<bool>* reached;
      void tree_edge(Edge e, const SynonymGraph& g) const {
        (*via)[boost::target(e, g)] = e;
        (*reached)[boost::target(e, g)] = true;
      }
    };
    Recorder recorder;
    recorder.via = &via;
    recorder.reached = &reached;
    boost::breadth_first_search(graph, a, boost::visitor(recorder));
    std::vector<std::size_t> path{b};
    std::vector<std::string> labels;
    for (std::size_t v = b; v != a && reached[v];) {
      Edge e = via[v];
      std::size_t u =
          boost::source(e, graph) == v ? boost::target(e, graph) : boost::source(e, graph);
      labels.push_back(graph[e].text);
      path.push_back(u);
      v = u;
    }
    std::string text = describe(path.back());
    for (std::size_t k = path.size() - 1; k-- > 0;)
      text += " —[" + labels[k] + "]— " + describe(path[k]);
    return text;
  };

  std::vector<std::ptrdiff_t> issue_of_component(n_components, -1);
  std::vector<std::size_t> group_vertex(n_components, 0);
  for (std::size_t c = 0; c < n_components; ++c) {
    std::ptrdiff_t found = -1;
    std::size_t found_vertex = 0;
    for (std::size_t v : members[c]) {
      std::ptrdiff_t issue = vertices[v].canonical;
      if (issue < 0) continue;
      if (found < 0) {
        found = issue;
        found_vertex = v;
      } else if (issue != found) {
        throw_input_error(
            "aliases join two different " +
                std::string(taxonomy.issues[static_cast<std::size_t>(found)].is_topic ||
                                    taxonomy.issues[static_cast<std::size_t>(issue)].is_topic
                                ? "issues or topics"
                                : "issues") +
                " of taxonomy \"" + taxonomy.name + "\": " + chain(found_vertex, v),
            {"", "", vertices[v].raw});
      }
    }
    if (open) {
      // The group's id: the smallest key among alias targets (else the smallest key).
      std::size_t best = members[c].front();
      bool best_target = vertices[best].alias_target;
      for (std::size_t v : members[c]) {
        bool target = vertices[v].alias_target;
        if ((target && !best_target) ||
            (target == best_target && vertices[v].key < vertices[best].key)) {
          best = v;
          best_target = target;
        }
      }
      group_vertex[c] = best;
    } else if (found < 0) {
      std::size_t v = members[c].front();
      for (std::size_t u : members[c])
        if (vertices[u].alias_target) v = u;
      throw_input_error(
          "aliases lead to no issue or topic of taxonomy \"" + taxonomy.name + "\": \"" +
              vertices[v].raw + "\" is neither an id nor a known name" +
              (members[c].size() > 1 ? " (" + chain(members[c].front(), v) + ")" : ""),
          {"", "", vertices[members[c].front()].raw});
    }
    issue_of_component[c] = found;
  }

  for (std::size_t v = 0; v < vertices.size(); ++v) {
    const Vertex& x = vertices[v];
    Target t;
    std::size_t c = component[v];
    t.issue = issue_of_component[c];
    t.via = x.raw;
    if (open) {
      const Vertex& group = vertices[group_vertex[c]];
      t.group = group.key;
      t.group_name = group.raw;
      t.kind = v == group_vertex[c] ? MatchKind::exact : MatchKind::alias;
      t.reason = t.kind == MatchKind::exact ? "its own issue" : "alias of \"" + group.raw + "\"";
    } else if (x.canonical >= 0) {
      t.kind = MatchKind::exact;
      t.reason = x.role;
    } else {
      t.kind = MatchKind::alias;
      t.reason = "alias \"" + x.raw + "\"";
      // Name the declaration that brought this key in.
      auto [begin, end] = boost::out_edges(v, graph);
      if (begin != end) t.reason += " (" + graph[*begin].text + ")";
    }
    by_key.emplace(x.key, std::move(t));
    if (!open) {  // fuzzy candidate v is vertex v
      fuzzy_issue.push_back(issue_of_component[c]);
      fuzzy_canonical.push_back(x.canonical >= 0 && x.role != "issue id");
    }
  }
  if (!open) {
    keys_of_issue.resize(taxonomy.issues.size());
    for (std::size_t v = 0; v < fuzzy_issue.size(); ++v)
      keys_of_issue[static_cast<std::size_t>(fuzzy_issue[v])].push_back(
          static_cast<std::uint32_t>(v));
    for (const auto& [a, b] : taxonomy.keep_apart) {
      auto ia = taxonomy.find(a), ib = taxonomy.find(b);
      if (!ia || !ib)
        throw_input_error("keep_apart names an unknown issue \"" + (ia ? b : a) + "\"",
                          {"taxonomy " + taxonomy.name, "", ia ? b : a});
      auto pa = static_cast<std::ptrdiff_t>(*ia), pb = static_cast<std::ptrdiff_t>(*ib);
      declared_apart.insert({std::min(pa, pb), std::max(pa, pb)});
    }
    for (const std::string& name : taxonomy.generic) {
      std::string key = fold_key(name);
      if (auto it = by_key.find(key); it != by_key.end())
        throw_input_error("the generic name \"" + name + "\" is a name of issue \"" +
                              taxonomy.issues[static_cast<std::size_t>(it->second.issue)].id + "\"",
                          {"taxonomy " + taxonomy.name, "", name});
      generic_keys.emplace(std::move(key), name);
    }
  }
}

void Normalizer::Index::fuzzy_match(Resolution& r) const {
  const FeatureIndex& fuzzy = fuzzy_index();
  FuzzyKey query = make_fuzzy_key(r.key);
  auto overlaps = fuzzy.overlaps(query);
  // A key sharing no n-gram scores at most 0.5 (Dice 0). Above that threshold the index sees every
  // key that can matter; at or below it, every key is scored.
  if (options.threshold <= kDiceWeight) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> all;
    for (std::uint32_t id = 0, k = 0; id < fuzzy.keys.size(); ++id) {
      if (k < overlaps.size() && overlaps[k].first == id)
        all.push_back(overlaps[k++]);
      else
        all.emplace_back(id, 0);
    }
    overlaps = std::move(all);
  }
  if (overlaps.empty()) {
    r.reason = "no canonical name or alias shares a character n-gram with it";
    return;
  }
  struct Scored {
    std::uint32_t id;
    std::uint32_t shared;
    double dice;
    double bound;
  };
  std::vector<Scored> scored;
  scored.reserve(overlaps.size());
  for (auto [id, shared] : overlaps) {
    const FuzzyKey& k = fuzzy.keys[id];
    double d = dice(shared, query.features.size(), k.features.size());
    scored.push_back(
        {id, shared, d, combine(d, edit_similarity_bound(query.chars.size(), k.chars.size()))});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.bound != b.bound ? a.bound > b.bound : a.id < b.id;
  });
  // Exact scores in decreasing order of their upper bound, until no unseen key can enter the top
  // `want` issues (branch and bound: the result equals scoring every key).
  // The top `want` issues by their best key: an issue outside the list has a lower best score
  // than the list's last, so the list stays exact as scores arrive.
  const std::size_t want = std::max<std::size_t>(options.candidates, 2);
  struct Top {
    double score;
    std::ptrdiff_t issue;
    std::uint32_t key;
    std::string rules;  // a structural match's rules, else empty
  };
  std::vector<Top> top;
  auto before = [](const Top& a, const Top& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.issue != b.issue ? a.issue < b.issue : a.key < b.key;
  };
  for (const Scored& s : scored) {
    if (top.size() == want && s.bound < top.back().score) break;
    Top t{combine(s.dice, edit_similarity(query.chars, fuzzy.keys[s.id].chars)), fuzzy_issue[s.id],
          s.id, ""};
    auto same =
        std::find_if(top.begin(), top.end(), [&](const Top& x) { return x.issue == t.issue; });
    if (same != top.end()) {
      if (before(t, *same)) *same = t;
    } else if (top.size() < want) {
      top.push_back(t);
    } else if (before(t, top.back())) {
      top.back() = t;
    }
    std::sort(top.begin(), top.end(), before);
  }
  // Structural matches: keys with the same core words, scored by the rules that tell them apart.
  // They only raise scores, so the issues left out above stay out.
  const detail::KeyStructure structure = detail::key_structure(r.key);
  if (auto found = keys_of_signature.find(structure.signature); found != keys_of_signature.end()) {
    for (std::uint32_t id : found->second) {
      auto match = detail::structural_match(structure, fuzzy_structures[id]);
      if (!match) continue;
      Top t{match->score, fuzzy_issue[id], id, ""};
      for (const auto& rule : match->rules)
        t.rules += (t.rules.empty() ? "" : ", ") + rule;
      auto same =
          std::find_if(top.begin(), top.end(), [&](const Top& x) { return x.issue == t.issue; });
      if (same == top.end())
        top.push_back(std::move(t));
      else if (before(t, *same))
        *same = std::move(t);
    }
    std::sort(top.begin(), top.end(), before);
    if (top.size() > want) top.resize(want);
  }
  if (top.empty()) {
    r.reason = "no canonical name or alias shares a character n-gram with it";
    return;
  }
  std::vector<Candidate> candidates;
  for (const Top& t : top)
    candidates.push_back(candidate(t.issue, t.score, vertices[t.key].raw));
  if (candidates.size() > options.candidates)
    candidates.resize(std::max<std::size_t>(options.candidates, 1));
  std::map<std::ptrdiff_t, std::uint32_t> best_key_of;
  for (const Top& t : top)
    best_key_of[t.issue] = t.key;
  r.candidates = candidates;
  const Candidate& best = candidates.front();
  r.score = best.score;
  const double runner_up = candidates.size() > 1 ? candidates[1].score : 0.0;

  if (best.score < options.threshold) {
    r.reason = "closest is \"" + best.name + "\" (" + format_score(best.score) +
               "), below the threshold " + format_score(options.threshold);
    return;
  }
  if (best.score - runner_up < options.margin) {
    r.reason = "ambiguous: \"" + best.name + "\" (" + format_score(best.score) + ") and \"" +
               candidates[1].name + "\" (" + format_score(runner_up) +
               ") are closer than the margin " + format_score(options.margin);
    return;
  }
  // Keep-apart rule: a name that contains the whole canonical name of issue A is never matched
  // fuzzily to another issue B, unless B's own name contains A's (雇佣与多元化管理 may go to
  // 雇佣与多元化, never 雇佣管理 to 雇佣与多元化).
  const FuzzyKey& best_key = fuzzy.keys[best_key_of.at(best.issue)];
  for (auto [id, shared] : overlaps) {
    const FuzzyKey& k = fuzzy.keys[id];
    if (!fuzzy_canonical[id] || fuzzy_issue[id] == best.issue || shared != k.features.size())
      continue;
    if (r.key.find(k.key) == std::string::npos || best_key.key.find(k.key) != std::string::npos)
      continue;
    const Issue& kept = taxonomy.issues[static_cast<std::size_t>(fuzzy_issue[id])];
    r.reason = "contains the name of \"" + kept.display_name() +
               "\", which the taxonomy keeps apart from \"" + best.name + "\" (" +
               format_score(best.score) + ")";
    return;
  }
  // A structural match is for review when another issue's name holds its core words and either
  // a modifier it adds (合规经营管理 is 合规经营 with 管理, but also within 合规经营与风险管理) or,
  // for a name that only drops modifiers, the taxonomy keeps the two issues apart (供应链:
  // 供应链管理 or 可持续供应链).
  if (!top.front().rules.empty()) {
    const detail::KeyStructure& matched = fuzzy_structures[top.front().key];
    std::vector<std::string> added, dropped;
    std::set_difference(structure.modifiers.begin(), structure.modifiers.end(),
                        matched.modifiers.begin(), matched.modifiers.end(),
                        std::back_inserter(added));
    std::set_difference(matched.modifiers.begin(), matched.modifiers.end(),
                        structure.modifiers.begin(), structure.modifiers.end(),
                        std::back_inserter(dropped));
    const bool truncated = added.empty() && !dropped.empty();
    for (auto [id, shared] : overlaps) {
      const detail::KeyStructure& other_words = fuzzy_structures[id];
      const std::ptrdiff_t holder = fuzzy_issue[id];
      if (holder == best.issue || !detail::contains_words(other_words, structure.sorted_core))
        continue;
      const bool declared =
          declared_apart.count({std::min(best.issue, holder), std::max(best.issue, holder)}) > 0;
      if (!(declared && truncated) &&
          std::none_of(added.begin(), added.end(), [&](const std::string& modifier) {
            return std::binary_search(other_words.sorted_words.begin(),
                                      other_words.sorted_words.end(), modifier);
          }))
        continue;
      const std::ptrdiff_t other = fuzzy_issue[id];
      if (std::none_of(candidates.begin(), candidates.end(),
                       [&](const Candidate& c) { return c.issue == other; }))
        candidates.push_back(
            candidate(other, key_similarity(r.key, fuzzy.keys[id].key), vertices[id].raw));
      r.candidates = candidates;
      r.reason = "its words are in the names of both \"" + best.name + "\" (" +
                 format_score(best.score) + ") and \"" +
                 taxonomy.issues[static_cast<std::size_t>(other)].display_name() + "\"";
      return;
    }
  }
  // Keep-apart pairs: a name close to two issues the taxonomy keeps apart is for review; for a
  // pair the taxonomy declares, close means within three margins of the best.
  for (std::size_t k = 1; k < candidates.size(); ++k) {
    const std::ptrdiff_t other = candidates[k].issue;
    const bool declared =
        declared_apart.count({std::min(best.issue, other), std::max(best.issue, other)}) > 0;
    const bool close = candidates[k].score >= options.threshold && kept_apart(best.issue, other);
    if (!close && !(declared && best.score - candidates[k].score < 3 * options.margin)) continue;
    r.reason = "close to both \"" + best.name + "\" (" + format_score(best.score) + ") and \"" +
               candidates[k].name + "\" (" + format_score(candidates[k].score) +
               "), which the taxonomy keeps apart";
    return;
  }
  r.match = MatchKind::fuzzy;
  r.issue = best.issue;
  r.id = best.id;
  r.name = best.name;
  const std::string& rules = top.front().rules;
  r.reason = rules.empty() ? "similar to \"" + best.via + "\" (" + format_score(best.score) + ")"
                           : "same words as \"" + best.via + "\" (" + format_score(best.score) +
                                 "; " + rules + ")";
  if (candidates.size() > 1)
    r.reason += "; runner-up \"" + candidates[1].name + "\" (" + format_score(runner_up) + ")";
}

Normalizer::Normalizer(const Taxonomy& taxonomy, const std::vector<Alias>& extra_aliases,
                       NormalizeOptions options, const Execution& execution) {
  if (!(options.threshold >= 0 && options.threshold <= 1))
    throw_usage_error("the fuzzy threshold must be in [0, 1]");
  if (!(options.margin >= 0 && options.margin <= 1))
    throw_usage_error("the fuzzy margin must be in [0, 1]");
  auto index = std::make_unique<Index>();
  index->taxonomy = taxonomy;
  index->options = options;
  index->open = taxonomy.is_open_vocabulary();
  index->build(extra_aliases, execution);
  index_ = std::move(index);
}

Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

const Taxonomy& Normalizer::taxonomy() const {
  return index_->taxonomy;
}
const NormalizeOptions& Normalizer::options() const {
  return index_->options;
}

Resolution Normalizer::resolve(std::string_view name) const {
  const Index& x = *index_;
  const auto known = x.vertex_of_text.find(name);
  if (known != x.vertex_of_text.end())
    return resolve_key(
        name, known->second == Index::kNoVertex ? std::string() : x.vertices[known->second].key);
  return resolve_key(name, fold_key(name));
}

Resolution Normalizer::resolve_key(std::string_view input, std::string key) const {
  const Index& x = *index_;
  Resolution r;
  r.input = std::string(input);
  r.key = std::move(key);
  if (r.key.empty()) {
    r.reason = "the name is empty";
    return r;
  }
  if (auto dropped = x.dropped_keys.find(r.key); dropped != x.dropped_keys.end()) {
    r.match = MatchKind::dropped;
    r.reason = "left out of the analysis by the decision \"drop\"" +
               (dropped->second.empty() ? std::string() : " (" + dropped->second + ")");
    return r;
  }
  auto it = x.by_key.find(r.key);
  if (it != x.by_key.end()) {
    const Index::Target& t = it->second;
    r.match = t.kind;
    r.score = 1.0;
    r.reason = t.reason;
    if (x.open) {
      r.id = t.group;
      r.name = t.group_name;
    } else {
      r.issue = t.issue;
      Candidate c = x.candidate(t.issue, 1.0, t.via);
      r.id = c.id;
      r.name = c.name;
      r.candidates.push_back(std::move(c));
    }
    return r;
  }
  if (x.open) {  // a new name of the open vocabulary is its own issue
    r.match = MatchKind::exact;
    r.score = 1.0;
    r.id = r.key;
    r.name = r.input;
    r.reason = "its own issue";
    return r;
  }
  if (auto generic = x.generic_keys.find(r.key); generic != x.generic_keys.end()) {
    r.reason = "\"" + generic->second + "\" is too general for one issue (taxonomy \"" +
               x.taxonomy.name + "\" lists it as generic)";
    return r;
  }
  if (!x.options.fuzzy) {
    r.reason = "no canonical name or alias has this key (fuzzy matching is off)";
    return r;
  }
  x.fuzzy_match(r);
  return r;
}

std::vector<Resolution> Normalizer::resolve_all(const std::vector<std::string>& names) const {
  std::unordered_map<std::string_view, std::size_t> first;
  std::vector<Resolution> out;
  out.reserve(names.size());
  for (const auto& name : names) {
    auto [it, fresh] = first.try_emplace(name, out.size());
    if (fresh)
      out.push_back(resolve(name));
    else
      out.push_back(out[it->second]);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Open vocabulary clustering.

std::vector<NameCluster> cluster_names(const std::vector<std::string>& names,
                                       const std::vector<Alias>& aliases, double threshold,
                                       const Normalizer* synonyms) {
  if (!(threshold > 0 && threshold <= 1))
    throw_usage_error("the cluster threshold must be in (0, 1]");
  // Distinct names, their uses, and their keys (each distinct name folded once).
  std::vector<std::string> distinct;
  std::unordered_map<std::string, std::size_t> name_index;
  std::vector<std::size_t> uses;
  for (const auto& name : names) {
    auto [it, fresh] = name_index.try_emplace(name, distinct.size());
    if (fresh) {
      distinct.push_back(name);
      uses.push_back(0);
    }
    ++uses[it->second];
  }
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> key_index;
  std::vector<std::size_t> key_of_name;
  std::vector<std::size_t> key_uses;
  for (const auto& name : distinct) {
    std::string key = fold_key(name);
    auto [it, fresh] = key_index.try_emplace(key, keys.size());
    if (fresh) {
      keys.push_back(key);
      key_uses.push_back(0);
    }
    key_of_name.push_back(it->second);
    key_uses[it->second] += uses[key_of_name.size() - 1];
  }
  SynonymGraph graph(keys.size());
  std::vector<bool> joined_by_alias(keys.size(), false);
  for (const auto& alias : aliases) {
    std::string a = fold_key(alias.name), b = fold_key(alias.target);
    auto ia = key_index.find(a), ib = key_index.find(b);
    if (ia == key_index.end() || ib == key_index.end() || ia->second == ib->second) continue;
    boost::add_edge(ia->second, ib->second, EdgeLabel{"alias"}, graph);
    joined_by_alias[ia->second] = joined_by_alias[ib->second] = true;
  }
  // Similarity edges. A pair sharing no feature scores at most 0.5 (Dice 0), so above 0.5 the
  // inverted index finds every pair that can pass; at or below 0.5 all pairs are compared.
  FeatureIndex index;
  for (const auto& key : keys)
    index.add(make_fuzzy_key(key));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const FuzzyKey& a = index.keys[i];
    auto consider = [&](std::size_t j, std::size_t shared) {
      if (j <= i) return;
      const FuzzyKey& b = index.keys[j];
      double d = dice(shared, a.features.size(), b.features.size());
      if (combine(d, edit_similarity_bound(a.chars.size(), b.chars.size())) < threshold) return;
      if (combine(d, edit_similarity(a.chars, b.chars)) >= threshold)
        boost::add_edge(i, j, EdgeLabel{"similarity"}, graph);
    };
    if (threshold > kDiceWeight) {
      for (auto [j, shared] : index.overlaps(a))
        consider(j, shared);
    } else {
      for (std::size_t j = i + 1; j < keys.size(); ++j)
        consider(j, shared_count(a.features, index.keys[j].features));
    }
  }
  // Synonyms: keys that name the same issue of the synonyms' taxonomy, each joined to the first.
  std::vector<std::ptrdiff_t> synonym_issue(keys.size(), -1);
  if (synonyms != nullptr) {
    std::map<std::ptrdiff_t, std::size_t> first_key_of_issue;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Resolution r = synonyms->resolve_key(keys[i], keys[i]);
      if (r.issue < 0 || (r.match != MatchKind::exact && r.match != MatchKind::alias)) continue;
      synonym_issue[i] = r.issue;
      auto [it, fresh] = first_key_of_issue.try_emplace(r.issue, i);
      if (!fresh) boost::add_edge(it->second, i, EdgeLabel{"synonym"}, graph);
    }
  }
  std::vector<std::size_t> component(keys.size());
  std::size_t n = keys.empty() ? 0 : boost::connected_components(graph, component.data());
  std::vector<std::vector<std::size_t>> names_of(n);
  for (std::size_t k = 0; k < distinct.size(); ++k)
    names_of[component[key_of_name[k]]].push_back(k);

  std::vector<NameCluster> clusters;
  std::vector<std::size_t> total(n, 0);
  for (std::size_t c = 0; c < n; ++c) {
    auto& list = names_of[c];
    // Representative: from the most used key, the most used name, then the shortest, then the
    // smallest (independent of input order).
    std::size_t rep = list.front();
    auto better = [&](std::size_t a, std::size_t b) {
      std::size_t ka = key_uses[key_of_name[a]], kb = key_uses[key_of_name[b]];
      if (ka != kb) return ka > kb;
      if (keys[key_of_name[a]] != keys[key_of_name[b]])
        return keys[key_of_name[a]] < keys[key_of_name[b]];
      if (uses[a] != uses[b]) return uses[a] > uses[b];
      if (distinct[a].size() != distinct[b].size()) return distinct[a].size() < distinct[b].size();
      return distinct[a] < distinct[b];
    };
    for (std::size_t k : list)
      if (better(k, rep)) rep = k;
    NameCluster cluster;
    const std::string& rep_key = keys[key_of_name[rep]];
    cluster.id = rep_key;
    cluster.name = distinct[rep];
    for (std::size_t k : list) {
      NameCluster::Member m;
      m.input = distinct[k];
      m.key = keys[key_of_name[k]];
      m.uses = uses[k];
      total[c] += uses[k];
      const std::ptrdiff_t issue = synonym_issue[key_of_name[k]];
      const bool synonym = issue >= 0 && issue == synonym_issue[key_of_name[rep]];
      m.score = m.key == rep_key || synonym ? 1.0 : key_similarity(m.key, rep_key);
      m.via = k == rep                          ? "representative"
              : m.key == rep_key                ? "same key"
              : synonym                         ? "synonym in " + synonyms->taxonomy().name
              : joined_by_alias[key_of_name[k]] ? "alias or similarity"
                                                : "similarity";
      cluster.members.push_back(std::move(m));
    }
    std::stable_sort(cluster.members.begin(), cluster.members.end(),
                     [&](const auto& a, const auto& b) {
                       bool ra = a.input == cluster.name, rb = b.input == cluster.name;
                       if (ra != rb) return ra;
                       if (a.score != b.score) return a.score > b.score;
                       return a.input < b.input;
                     });
    clusters.push_back(std::move(cluster));
  }
  std::vector<std::size_t> order(n);
  for (std::size_t c = 0; c < n; ++c)
    order[c] = c;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return total[a] != total[b] ? total[a] > total[b] : clusters[a].id < clusters[b].id;
  });
  std::vector<NameCluster> sorted;
  for (std::size_t c : order)
    sorted.push_back(std::move(clusters[c]));
  return sorted;
}

// ------------------------------------------------------------------------------------------------
// Alias files and the review file.

namespace {

std::string trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1])))
    --e;
  return std::string(text.substr(b, e - b));
}

std::string lower(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The alias kinds that are review decisions rather than synonyms (they need no target).
bool is_decision_kind(std::string_view kind) {
  return kind == "new" || kind == "drop";
}

// Fills the defaults of a read alias and checks the fields only a new issue has.
Alias finished_alias(Alias alias, std::string name_en, const std::string& category) {
  const ErrorContext where{alias.source, "", alias.name};
  if (alias.kind.empty()) alias.kind = "user";
  if (!alias.is_new_issue() && (!name_en.empty() || !category.empty()))
    throw_input_error(
        "name_en and category describe a new issue; they need the decision (or kind) "
        "\"new\", not \"" +
            alias.kind + "\"",
        where);
  auto parsed = parse_category(category);
  if (!parsed) throw_input_error("unknown category \"" + category + "\" (use E, S or G)", where);
  alias.name_en = std::move(name_en);
  alias.category = *parsed;
  return alias;
}

}  // namespace

std::vector<Alias> parse_aliases(std::string_view text, const std::string& source, bool json) {
  std::vector<Alias> aliases;
  if (json) {
    nlohmann::json document = detail::parse_json(text, source);
    const nlohmann::json* list = &document;
    if (document.is_object()) {
      auto it = document.find("aliases");
      if (it == document.end())
        throw_input_error("an alias file needs an \"aliases\" array", {source, "", ""});
      list = &*it;
    }
    if (!list->is_array()) throw_input_error("aliases must be an array", {source, "", ""});
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& item = (*list)[i];
      ErrorContext where{source + ":#" + std::to_string(i + 1), "", ""};
      if (!item.is_object()) throw_input_error("each alias must be an object", where);
      detail::check_keys(item, {"name", "target", "kind", "name_en", "category"}, "an alias",
                         where);
      const std::string kind = detail::get_string(item, "kind", where, false);
      Alias alias{detail::get_string(item, "name", where, true),
                  detail::get_string(item, "target", where, !is_decision_kind(kind)), kind,
                  where.file};
      aliases.push_back(finished_alias(std::move(alias),
                                       detail::get_string(item, "name_en", where, false),
                                       detail::get_string(item, "category", where, false)));
    }
    return aliases;
  }
  auto records = detail::parse_csv(text, detail::sniff_delimiter(text), source);
  if (records.empty()) return aliases;
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i)
    column[lower(trim(records[0].fields[i]))] = i;
  auto field = [&](const detail::CsvRecord& record, const std::string& name) -> std::string {
    auto it = column.find(name);
    if (it == column.end() || it->second >= record.fields.size()) return {};
    return trim(record.fields[it->second]);
  };
  const bool review = column.count("decision") > 0;
  if (review ? !column.count("input") : (!column.count("name") || !column.count("target")))
    throw_input_error(review ? "a review file needs an \"input\" column"
                             : "an alias CSV needs a header with \"name\" and \"target\" columns "
                               "(or a review file with \"input\" and \"decision\")",
                      {source + ":1", "", ""});
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    std::string where = source + ":" + std::to_string(record.line);
    if (record.fields.size() == 1 && trim(record.fields[0]).empty()) continue;  // blank line
    if (!review) {
      Alias alias{field(record, "name"), field(record, "target"), field(record, "kind"), where};
      if (is_decision_kind(lower(alias.kind))) alias.kind = lower(alias.kind);
      if (alias.name.empty() || (alias.target.empty() && !is_decision_kind(alias.kind)))
        throw_input_error("an alias needs a name and a target", {where, "", alias.name});
      aliases.push_back(
          finished_alias(std::move(alias), field(record, "name_en"), field(record, "category")));
      continue;
    }
    // Review rows: the decision picks the target, or keeps the name as a new issue, or drops it.
    std::string input = field(record, "input");
    std::string decision = field(record, "decision");
    std::string d = lower(decision);
    if (decision.empty() || d == "none" || d == "-" || d == "skip" || d == "unmatched") continue;
    if (input.empty())
      throw_input_error("a decided review row has an empty input", {where, "", ""});
    if (is_decision_kind(d)) {
      aliases.push_back(finished_alias(Alias{input, "", d, where}, field(record, "name_en"),
                                       field(record, "category")));
      continue;
    }
    std::string target = decision;
    if (std::all_of(decision.begin(), decision.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      target = field(record, "candidate_" + decision);
      if (target.empty())
        throw_input_error("decision " + decision + " names no candidate (no candidate_" + decision +
                              " in this row)",
                          {where, "", input});
    }
    aliases.push_back(Alias{input, target, "review", where});
  }
  return aliases;
}

std::vector<Alias> load_alias_file(const std::string& path) {
  std::string text = read_file(path);
  std::string source = path == "-" ? "<stdin>" : path;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (text.starts_with("\xEF\xBB\xBF")) first = text.find_first_not_of(" \t\r\n", 3);
  bool json = path.ends_with(".json") || (!path.ends_with(".csv") && first != std::string::npos &&
                                          (text[first] == '[' || text[first] == '{'));
  return parse_aliases(text, source, json);
}

std::string write_review_csv(const std::vector<ReviewItem>& items, std::size_t candidates) {
  std::ostringstream out;
  out << "input,key,match,score";
  for (std::size_t k = 1; k <= candidates; ++k)
    out << ",candidate_" << k << ",name_" << k << ",score_" << k;
  out << ",firms,name_en,category,decision\n";
  for (const auto& item : items) {
    const Resolution& r = item.resolution;
    out << detail::csv_field(r.input) << ',' << detail::csv_field(r.key) << ','
        << match_kind_name(r.match) << ',' << format_score(r.score);
    for (std::size_t k = 0; k < candidates; ++k) {
      if (k < r.candidates.size())
        out << ',' << detail::csv_field(r.candidates[k].id) << ','
            << detail::csv_field(r.candidates[k].name) << ','
            << format_score(r.candidates[k].score);
      else
        out << ",,,";
    }
    std::string firms;
    for (const auto& firm : item.firms)
      firms += (firms.empty() ? "" : "; ") + firm;
    out << ',' << detail::csv_field(firms) << ",,,\n";
  }
  return out.str();
}

}  // namespace materia
