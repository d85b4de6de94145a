#pragma once
/// \file normalize.hpp
/// Resolving the names firms use to a taxonomy's canonical issues.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "materia/taxonomy.hpp"

namespace materia {

/// How a name was resolved.
enum class MatchKind {
  exact,      ///< the key equals the key of a canonical name (Chinese or English)
  alias,      ///< the key equals the key of a declared alias
  fuzzy,      ///< closest canonical name by similarity (reviewed, never silent)
  unmatched,  ///< no issue found
};
std::string_view match_kind_name(MatchKind kind);

/// The outcome of resolving one name.
struct Resolution {
  std::string input;  ///< the name as given
  std::string key;    ///< its match key (text.hpp)
  MatchKind match = MatchKind::unmatched;
  std::ptrdiff_t issue = -1;  ///< index into Taxonomy::issues, or -1 when unmatched
  double score = 0.0;         ///< 1 for exact and alias; similarity for fuzzy; 0 unmatched
  std::string reason;         ///< why, in words ("English name", "alias of ...")
};

/// Resolves names against one taxonomy. Build once, then resolve many names; thread-safe for
/// concurrent `resolve` calls once constructed.
class Normalizer {
 public:
  explicit Normalizer(const Taxonomy& taxonomy);

  const Taxonomy& taxonomy() const { return taxonomy_; }
  /// Resolves one name. Never throws for an unknown name (returns `unmatched`); throws
  /// Error(input) for invalid UTF-8.
  Resolution resolve(std::string_view name) const;

 private:
  Taxonomy taxonomy_;
  struct Target {
    std::size_t issue;
    MatchKind kind;
    std::string reason;
  };
  std::unordered_map<std::string, Target> by_key_;
};

}  // namespace materia
