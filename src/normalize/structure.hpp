#pragma once
// The structure of a match key, for structure-aware matching (docs/method.md, "Structural
// matches"): its parts between connectors, their words, and which words are modifiers (leading
// verbs, trailing nouns that name no issue of their own) or particles. Two keys with the same
// core words, in any order, name the same issue up to the rules that tell them apart.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace materia::detail {

struct KeyStructure {
  std::vector<std::string> words;         // every word but particles, in order, parts joined
  std::vector<std::string> core;          // the words that are not modifiers, in order
  std::vector<std::string> modifiers;     // the modifiers taken off, sorted
  std::size_t particles = 0;              // particles folded away (的, 之, of, the, ...)
  std::size_t parts = 0;                  // parts between connectors
  std::size_t length = 0;                 // code points of `words`
  std::size_t core_length = 0;            // code points of `core`
  std::size_t weight = 0;                 // code points of `words`, CJK counting twice
  std::vector<std::string> sorted_words;  // `words`, sorted
  std::vector<std::string> sorted_core;   // `core`, sorted
  std::string signature;  // the sorted core words, joined: equal for a structural match
};

/// The structure of a key made by fold_key (connectors are already kKeyConnector).
KeyStructure key_structure(std::string_view key);

/// A structural match of two keys with the same signature: its score (below 1, at least 0.9)
/// and the rules it used, named ("reordered", "modifier 践行", "particle", "connectors").
struct StructuralMatch {
  double score = 0.0;
  std::vector<std::string> rules;
};

/// How an input key matches a name's key (different keys, same signature), or nothing when they
/// differ by more than the rules allow (more than two modifiers, or one for a one-word core) or
/// the input is too short to say (a core under two code points, or under five by weight(): ESG
/// or 社会 is not a name of 助力社会发展).
std::optional<StructuralMatch> structural_match(const KeyStructure& input,
                                                const KeyStructure& name);

/// Whether `outer`'s words include every one of `sorted` (a sorted multiset of words).
bool contains_words(const KeyStructure& outer, const std::vector<std::string>& sorted);

}  // namespace materia::detail
