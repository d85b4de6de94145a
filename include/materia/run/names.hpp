#pragma once
/// \file names.hpp
/// `materia normalize` as calls: the names to resolve (a list, or a dataset's names with the
/// firms that used them), each resolved once, and the names to review; or, for the open
/// vocabulary, the names grouped into proposed issues.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "materia/model/dataset.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/run/render.hpp"

namespace materia {

/// Names in the order given, each with where it was found.
struct NameList {
  std::vector<std::string> names;
  std::vector<std::string> where;  ///< "file:line", or the location of a dataset name's first use
  /// Names from a dataset: the ids of the firms that used each name, in firm order.
  std::map<std::string, std::vector<std::string>> firms;
  bool from_dataset = false;

  /// The firms that used `name` (none for a plain list).
  std::vector<std::string> firms_of(const std::string& name) const;
};
/// One name per non-blank line (a final "\r" and a byte-order mark at the start dropped).
NameList read_name_lines(std::string_view text, const std::string& source);
/// Every distinct name of the dataset's entries, in first-use order.
NameList names_of_dataset(const Dataset& dataset);

/// Every name of a list resolved (each distinct name once).
struct NameResolutions {
  struct Name {
    Resolution resolution;
    std::vector<std::string> firms;
  };
  std::vector<Name> names;         ///< one per name of the list
  bool from_dataset = false;       ///< the JSON lists each name's firms
  std::vector<ReviewItem> review;  ///< fuzzy and unmatched names, once each, in first-use order
};
/// Throws the normalizer's Error(input) for a name that is not valid UTF-8, located at its line.
NameResolutions resolve_names(const NameList& names, const Normalizer& normalizer);
/// `materia normalize`.
std::string render(const NameResolutions& resolutions, Format format);

/// The names of an open-vocabulary list grouped into proposed issues (cluster_names); each use
/// counts, so a dataset's names weigh by the number of firms that used them.
struct NameGroups {
  std::vector<NameCluster> clusters;
  std::vector<ReviewItem> review;  ///< every member merged into another name's group
};
/// Throws Error(input) for a name that is not valid UTF-8, located at its line. Names that
/// resolve exactly or by alias to one issue of `synonyms` (a built-in taxonomy's bilingual names
/// and aliases; null: none) are grouped too.
NameGroups group_names(const NameList& names, const std::vector<Alias>& aliases, double threshold,
                       const Normalizer* synonyms = nullptr);
/// `materia normalize --cluster`.
std::string render(const NameGroups& groups, Format format);

/// `materia taxonomy show`: a taxonomy's issues and topics, one row each (id, kind, category,
/// Chinese and English names, parent, how many aliases name it), under a line naming the
/// taxonomy; JSON is the taxonomy file itself (`materia taxonomy export`, docs/format.md
/// "Taxonomy files"), which Taxonomy::from_json_text reads back.
std::string render(const Taxonomy& taxonomy, Format format);

}  // namespace materia
