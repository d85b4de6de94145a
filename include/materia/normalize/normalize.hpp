#pragma once
/// \file normalize.hpp
/// Resolving the names firms use to a taxonomy's canonical issues: match keys (text.hpp), a
/// synonym graph over keys (built-in and user aliases), and fuzzy matching for the rest, which is
/// never silent (every fuzzy or unmatched name carries its candidates and a reason, for review).
/// Formulas and thresholds: docs/method.md, "Name normalization".

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "materia/model/taxonomy.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

/// How a name was resolved.
enum class MatchKind {
  exact,      ///< the key equals the key of a canonical name (Chinese or English) or of an id
  alias,      ///< the key is joined to an issue by declared aliases (synonym graph)
  fuzzy,      ///< closest issue by similarity, above the threshold and clear of the runner-up
  unmatched,  ///< no issue found
  dropped,    ///< left out of the analysis by a review decision "drop" (an alias of kind drop)
};
std::string_view match_kind_name(MatchKind kind);

/// Fuzzy matching settings (docs/method.md, "Name normalization").
struct NormalizeOptions {
  double threshold = 0.75;     ///< minimum similarity for a fuzzy match, in [0,1]
  double margin = 0.05;        ///< minimum lead of the best issue over the runner-up issue
  bool fuzzy = true;           ///< false: only exact and alias matches
  std::size_t candidates = 3;  ///< how many candidate issues a Resolution lists
};

/// One candidate issue for a name.
struct Candidate {
  std::ptrdiff_t issue = -1;  ///< index into Taxonomy::issues
  std::string id;             ///< the issue's id
  std::string name;           ///< the issue's display name
  double score = 0.0;         ///< similarity in [0,1] (1 for exact and alias)
  std::string via;            ///< the canonical name or alias whose key matched best
};

/// The outcome of resolving one name.
struct Resolution {
  std::string input;  ///< the name as given
  std::string key;    ///< its match key (text.hpp)
  MatchKind match = MatchKind::unmatched;
  std::ptrdiff_t issue = -1;  ///< index into Taxonomy::issues, or -1 (unmatched, open vocabulary)
  std::string id;             ///< issue id; for the open vocabulary the key of its group
  std::string name;           ///< display name of the issue
  double score =
      0.0;  ///< 1 for exact and alias; similarity for fuzzy; best similarity if unmatched
  std::string reason;  ///< why, in words
  /// Best candidate issues, best first, one per issue (fuzzy and unmatched names; a single entry
  /// for exact and alias). candidates[1] is the runner-up.
  std::vector<Candidate> candidates;

  /// The runner-up candidate, or nullptr.
  const Candidate* runner_up() const { return candidates.size() > 1 ? &candidates[1] : nullptr; }
};

/// Reads an alias file: CSV with columns `name,target` (optional `kind`), a review file written
/// by `materia normalize --review` (its `decision` column, see write_review_csv), or JSON (an
/// array of {"name","target"} objects, or an object with such an "aliases" array). Each alias
/// records its source as "file:line". Throws Error(input) naming the file and line.
std::vector<Alias> load_alias_file(const std::string& path);
/// As load_alias_file, from text; `source` names it in messages; `json` picks the format.
std::vector<Alias> parse_aliases(std::string_view text, const std::string& source, bool json);

/// Resolves names against one taxonomy. Construction builds the synonym graph (Boost.Graph
/// connected components over match keys) and the fuzzy index; it throws Error(input) when aliases
/// join two canonical issues or topics, printing the chain of aliases that joins them, or when an
/// alias leads to no issue. The taxonomy's names are folded on `execution`'s threads. Thread-safe
/// for concurrent `resolve` calls once constructed.
///
/// With the open vocabulary (taxonomy "none") every key is its own issue, except that aliases
/// merge keys: each group of keys joined by aliases is one issue, whose id is the key of the
/// group's target (the smallest, if several).
class Normalizer {
 public:
  explicit Normalizer(const Taxonomy& taxonomy, const std::vector<Alias>& extra_aliases = {},
                      NormalizeOptions options = {}, const Execution& execution = {});
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  const Taxonomy& taxonomy() const;
  const NormalizeOptions& options() const;
  /// Resolves one name. Never throws for an unknown name (returns `unmatched` with candidates);
  /// throws Error(input) for invalid UTF-8.
  Resolution resolve(std::string_view name) const;
  /// Resolves a name whose key is already known (key == fold_key(input)).
  Resolution resolve_key(std::string_view input, std::string key) const;
  /// Resolves many names, folding each distinct name once (the interning the pipeline relies on).
  std::vector<Resolution> resolve_all(const std::vector<std::string>& names) const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

/// Similarity of two match keys in [0,1]: the mean of the Dice coefficient of their n-gram
/// features (CJK bigrams, Latin word tokens and trigrams) and the normalized edit similarity
/// 1 - levenshtein / max length (in code points). 1 iff the keys are equal; symmetric.
double key_similarity(std::string_view key_a, std::string_view key_b);

/// One group of names proposed by cluster_names.
struct NameCluster {
  std::string id;    ///< key of the representative name
  std::string name;  ///< representative: most used key, then most used, shortest, smallest name
  struct Member {
    std::string input;
    std::string key;
    std::size_t uses = 0;  ///< how often it was given
    double score = 1.0;    ///< similarity to the representative
    /// "representative", "same key", "alias or similarity", "similarity", or "synonym in T"
    /// (the same issue of taxonomy T)
    std::string via;
  };
  std::vector<Member> members;  ///< representative first, then by decreasing score
};

/// Open vocabulary: groups names into proposed issues. Names with the same key, or joined by an
/// alias, or with key_similarity >= threshold (single linkage, connected components of the
/// similarity graph), or resolving exactly or by alias to the same issue of `synonyms` (a
/// taxonomy's bilingual names and aliases; fuzzy matches do not count) form one group.
/// Deterministic: groups ordered by decreasing total uses, then by id.
std::vector<NameCluster> cluster_names(const std::vector<std::string>& names,
                                       const std::vector<Alias>& aliases = {},
                                       double threshold = 0.75,
                                       const Normalizer* synonyms = nullptr);

/// A name to review: how it resolved and which firms used it.
struct ReviewItem {
  Resolution resolution;
  std::vector<std::string> firms;  ///< ids of the firms that used the name (may be empty)
};

/// The review CSV: columns input, key, match, score, then candidate_N, name_N, score_N for the
/// top candidates, firms (separated by "; "), name_en, category, decision. The last three are
/// left empty for the user: the decision is an issue id or name, a candidate's number (1, 2,
/// ...), "new" (the name is an issue of its own, with the row's name_en and category) or "drop"
/// (left out of the analysis); empty or "none" decides nothing. Fed back through
/// load_alias_file, each decided row becomes an alias (kinds "review", "new" and "drop").
std::string write_review_csv(const std::vector<ReviewItem>& items, std::size_t candidates = 3);

}  // namespace materia
