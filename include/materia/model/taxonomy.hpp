#pragma once
/// \file taxonomy.hpp
/// Issues and the taxonomies that name them. A taxonomy is a named, versioned vocabulary of
/// canonical issues, optional roll-up topics (parents) and aliases. Built-in presets are embedded
/// in the library; `Taxonomy::builtin("fintech-2024")` needs no file on disk.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace materia {

/// E/S/G pillar of an issue.
enum class Category { environmental, social, governance, unspecified };

/// "E", "S", "G" or "" for unspecified.
std::string_view category_code(Category category);
/// Parses "E"/"S"/"G" (also "environmental", ...; case-insensitive); nullopt if unknown.
std::optional<Category> parse_category(std::string_view text);

/// A canonical material issue, or a topic that rolls several issues up.
struct Issue {
  std::string id;       ///< stable identifier, e.g. "data-security-and-privacy-protection"
  std::string name_zh;  ///< canonical Chinese name (may be empty in English-only taxonomies)
  std::string name_en;  ///< English name (may be empty)
  Category category = Category::unspecified;
  std::string parent;      ///< id of the topic this issue rolls up into; empty if none
  bool is_topic = false;   ///< true for roll-up parents (they have children, not ratings)
  int reference_tier = 0;  ///< tier published by the taxonomy's source (0 = none)

  /// The name to show: Chinese if present, else English, else the id.
  const std::string& display_name() const;
};

/// A declared synonym: `name` means the issue or topic `target`. Two kinds are decisions rather
/// than synonyms (user aliases only, docs/format.md "Alias files"): `new` makes `name` an issue
/// of its own beside the taxonomy's (id `target`, or one made from `name_en` or the name), and
/// `drop` leaves `name` out of the analysis (`target` unused).
struct Alias {
  std::string name;
  std::string target;   ///< an issue or topic id, or a name that resolves to one
  std::string kind;     ///< how it arose: "traditional-hk", "english", "user", "new", "drop", ...
  std::string source;   ///< where it was declared ("aliases.csv:3"), for error messages
  std::string name_en;  ///< kind "new": the new issue's English name
  Category category = Category::unspecified;  ///< kind "new": the new issue's pillar

  Alias() = default;
  Alias(std::string alias_name, std::string alias_target, std::string alias_kind = {},
        std::string alias_source = {})
      : name(std::move(alias_name)),
        target(std::move(alias_target)),
        kind(std::move(alias_kind)),
        source(std::move(alias_source)) {}

  bool is_new_issue() const { return kind == "new"; }
  bool is_drop() const { return kind == "drop"; }
};

/// A named, versioned issue vocabulary.
class Taxonomy {
 public:
  std::string name;           ///< e.g. "fintech-2024"; "none" for the open vocabulary
  std::string version;        ///< e.g. "2024.1"
  std::string description;    ///< where it comes from
  std::vector<Issue> issues;  ///< canonical issues and topics
  std::vector<Alias> aliases;
  /// Pairs of issue ids that name matching must never confuse (docs/method.md, "Keeping near
  /// misses apart"): a name close to both goes to review.
  std::vector<std::pair<std::string, std::string>> keep_apart;
  /// Names too general to be one issue (金融科技 in a fintech taxonomy): name matching never
  /// resolves them, exactly or fuzzily; they go to review.
  std::vector<std::string> generic;

  /// A built-in preset by name; throws Error(usage) naming the known presets if unknown.
  static Taxonomy builtin(std::string_view name);
  /// Names of the built-in presets, sorted.
  static std::vector<std::string> builtin_names();
  /// The open vocabulary ("none"): every distinct normalized name is its own issue.
  static Taxonomy open_vocabulary();
  /// A taxonomy from its JSON text (docs/format.md, "Taxonomy files"); `source` names the file
  /// in error messages. Validates ids, parents and alias targets.
  static Taxonomy from_json_text(std::string_view text, const std::string& source);

  bool is_open_vocabulary() const { return name == "none"; }
  /// Index of the issue or topic with this id; nullopt if none.
  std::optional<std::size_t> find(std::string_view id) const;
  /// Ids of the issues whose parent is `topic_id`, in taxonomy order.
  std::vector<std::string> children(std::string_view topic_id) const;
  /// Number of issues that are not topics.
  std::size_t issue_count() const;
  /// The JSON text that from_json_text reads, indented by `indent` spaces (-1: on one line),
  /// without a final newline.
  std::string to_json_text(int indent) const;
};

}  // namespace materia
