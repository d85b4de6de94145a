#include "materia/normalize.hpp"

#include "materia/text.hpp"

namespace materia {

std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::alias:
      return "alias";
    case MatchKind::fuzzy:
      return "fuzzy";
    case MatchKind::unmatched:
      return "unmatched";
  }
  return "unmatched";
}

Normalizer::Normalizer(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {
  // Canonical names first, so an alias can never take a canonical key (keep-apart rule).
  for (std::size_t i = 0; i < taxonomy_.issues.size(); ++i) {
    const Issue& issue = taxonomy_.issues[i];
    if (!issue.name_zh.empty())
      by_key_.try_emplace(fold_key(issue.name_zh), Target{i, MatchKind::exact, "canonical name"});
    if (!issue.name_en.empty())
      by_key_.try_emplace(fold_key(issue.name_en), Target{i, MatchKind::exact, "English name"});
    by_key_.try_emplace(fold_key(issue.id), Target{i, MatchKind::exact, "issue id"});
  }
  for (const auto& alias : taxonomy_.aliases) {
    auto index = taxonomy_.find(alias.target);
    if (!index) continue;  // validated when the taxonomy was read
    by_key_.try_emplace(fold_key(alias.name),
                        Target{*index, MatchKind::alias, "alias \"" + alias.name + "\""});
  }
}

Resolution Normalizer::resolve(std::string_view name) const {
  Resolution resolution;
  resolution.input = std::string(name);
  resolution.key = fold_key(name);
  auto it = by_key_.find(resolution.key);
  if (it == by_key_.end()) {
    resolution.reason = "no canonical name or alias has this key";
    return resolution;
  }
  resolution.match = it->second.kind;
  resolution.issue = static_cast<std::ptrdiff_t>(it->second.issue);
  resolution.score = 1.0;
  resolution.reason = it->second.reason;
  return resolution;
}

}  // namespace materia
