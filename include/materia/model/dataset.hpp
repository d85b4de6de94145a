#pragma once
/// \file dataset.hpp
/// Firms' materiality assessments as read from the input, before any name is resolved.

#include <atomic>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "materia/model/taxonomy.hpp"
#include "materia/model/unlisted_policy.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

std::string_view unlisted_policy_name(UnlistedPolicy policy);

/// A declared rating scale for matrix coordinates, e.g. {1, 5}.
struct Scale {
  double min = 0.0;
  double max = 1.0;
};

/// An optional number in 8 bytes instead of std::optional<double>'s 16: "no value" is one NaN
/// bit pattern that arithmetic never produces, so any double (a NaN included) can still be held.
/// Has the interface of std::optional<double> that the code uses.
class OptionalNumber {
 public:
  constexpr OptionalNumber() noexcept = default;
  constexpr OptionalNumber(std::nullopt_t) noexcept {}
  constexpr OptionalNumber(double value) noexcept : bits_(std::bit_cast<std::uint64_t>(value)) {
    if (bits_ == kEmpty) bits_ = kQuietNaN;
  }
  constexpr OptionalNumber(const std::optional<double>& value) noexcept
      : OptionalNumber(value ? OptionalNumber(*value) : OptionalNumber()) {}

  constexpr bool has_value() const noexcept { return bits_ != kEmpty; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  constexpr double operator*() const noexcept { return std::bit_cast<double>(bits_); }
  double value() const {
    if (!has_value()) throw std::bad_optional_access();
    return **this;
  }
  constexpr double value_or(double fallback) const noexcept {
    return has_value() ? **this : fallback;
  }
  constexpr void reset() noexcept { bits_ = kEmpty; }
  constexpr operator std::optional<double>() const noexcept {
    return has_value() ? std::optional<double>(**this) : std::nullopt;
  }
  friend constexpr bool operator==(const OptionalNumber& a, const OptionalNumber& b) noexcept {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend constexpr bool operator==(const OptionalNumber& a, std::nullopt_t) noexcept {
    return !a.has_value();
  }

 private:
  static constexpr std::uint64_t kEmpty = 0x7FF4'0000'6D61'7465;  // a NaN with a payload
  static constexpr std::uint64_t kQuietNaN = 0x7FF8'0000'0000'0000;
  std::uint64_t bits_ = kEmpty;
};

/// An issue name: immutable text that every copy shares (a reference-counted string in 8 bytes),
/// so the entries listing one name can hold one string; the file readers intern each dataset's
/// names. Reads as a `const std::string&`; assigning a string gives it new text.
class IssueName {
 public:
  IssueName() noexcept = default;
  IssueName(std::string text) : text_(new Shared{{1}, std::move(text)}) {}
  IssueName(std::string_view text) : IssueName(std::string(text)) {}
  IssueName(const char* text) : IssueName(std::string(text)) {}
  IssueName(const IssueName& other) noexcept : text_(other.text_) {
    if (text_ != nullptr) text_->references.fetch_add(1, std::memory_order_relaxed);
  }
  IssueName(IssueName&& other) noexcept : text_(std::exchange(other.text_, nullptr)) {}
  IssueName& operator=(IssueName other) noexcept {
    std::swap(text_, other.text_);
    return *this;
  }
  ~IssueName() {
    if (text_ != nullptr && text_->references.fetch_sub(1, std::memory_order_acq_rel) == 1)
      delete text_;
  }

  const std::string& str() const noexcept { return text_ != nullptr ? text_->text : empty_text(); }
  operator const std::string&() const noexcept { return str(); }
  operator std::string_view() const noexcept { return str(); }
  std::size_t size() const noexcept { return str().size(); }
  bool empty() const noexcept { return str().empty(); }
  const char* data() const noexcept { return str().data(); }
  const char* c_str() const noexcept { return str().c_str(); }
  std::string::const_iterator begin() const noexcept { return str().begin(); }
  std::string::const_iterator end() const noexcept { return str().end(); }
  /// True when both hold the same shared text (equal text may still be held twice).
  bool shares_text_with(const IssueName& other) const noexcept { return text_ == other.text_; }
  /// An identity of the shared text, equal for names that share it (null for an empty name).
  const void* identity() const noexcept { return text_; }

  // One overload per operand type: with only the string_view one, C++20's reversed candidates
  // make IssueName == IssueName ambiguous (clang's -Wambiguous-reversed-operator), and with an
  // IssueName one as well, a std::string operand would convert either way.
  friend bool operator==(const IssueName& a, const IssueName& b) noexcept {
    return a.text_ == b.text_ || a.str() == b.str();
  }
  friend bool operator==(const IssueName& a, const std::string& b) noexcept { return a.str() == b; }
  friend bool operator==(const IssueName& a, std::string_view b) noexcept { return a.str() == b; }
  friend bool operator==(const IssueName& a, const char* b) noexcept { return a.str() == b; }
  friend std::strong_ordering operator<=>(const IssueName& a, const IssueName& b) noexcept {
    return std::string_view(a.str()) <=> std::string_view(b.str());
  }
  friend std::strong_ordering operator<=>(const IssueName& a, const std::string& b) noexcept {
    return std::string_view(a.str()) <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const IssueName& a, std::string_view b) noexcept {
    return std::string_view(a.str()) <=> b;
  }
  friend std::strong_ordering operator<=>(const IssueName& a, const char* b) noexcept {
    return std::string_view(a.str()) <=> std::string_view(b);
  }
  friend std::string operator+(const std::string& a, const IssueName& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const IssueName& b) { return a + b.str(); }
  friend std::string operator+(const IssueName& a, const char* b) { return a.str() + b; }
  friend std::string operator+(const IssueName& a, const std::string& b) { return a.str() + b; }
  friend std::ostream& operator<<(std::ostream& out, const IssueName& name);

 private:
  struct Shared {
    std::atomic<std::size_t> references;
    const std::string text;
  };
  static const std::string& empty_text() noexcept;
  Shared* text_ = nullptr;
};

/// One issue as one firm listed it.
struct Entry {
  IssueName name;              ///< the name exactly as the firm wrote it
  OptionalNumber rank;         ///< explicit rank (1 = most important; ties allowed)
  OptionalNumber stakeholder;  ///< importance to stakeholders (impact materiality)
  OptionalNumber business;     ///< importance to the business (financial materiality)
  /// Ordinal level, 1 (lowest) to 5 (highest): only its order within the firm counts. Words
  /// between two steps sit between them (较高 3.5 between 高 4 and 中 3; parse_level).
  OptionalNumber level;
  std::uint32_t line = 0;  ///< source line (CSV) or 0
};

/// One firm's materiality assessment.
struct FirmAssessment {
  std::string id;
  std::string name;
  std::string segment;
  double weight = 1.0;
  UnlistedPolicy unlisted = UnlistedPolicy::bottom;
  std::optional<Scale> scale;  ///< declared coordinate scale (else the dataset's, else min-max)
  std::vector<Entry> entries;  ///< in the order the firm listed them

  /// True when its entries carry stakeholder and business positions (a valid firm's entries
  /// all do or none does; a firm without entries has none).
  bool has_coordinates() const {
    return !entries.empty() && entries.front().stakeholder.has_value();
  }
};

/// A set of assessments over one taxonomy.
struct Dataset {
  std::string source = "<memory>";  ///< file name for error messages
  Taxonomy taxonomy = Taxonomy::open_vocabulary();
  std::optional<Scale> scale;  ///< default coordinate scale for all firms
  std::vector<FirmAssessment> firms;
  std::string description;  ///< free text from the input's "meta" (e.g. "synthetic")
  bool synthetic = false;   ///< true when the input declares itself synthetic
  /// What the reader noticed and the analysis passes on as warnings (WarningKind::level_tie:
  /// two level words of one firm that the scale reads as one level).
  std::vector<std::string> warnings;

  /// Checks everything that can be checked without resolving names: ids, weights, numbers,
  /// scales, orderings. Throws Error(input) naming file, firm and issue: the first error of a
  /// walk through the firms in order, whatever number of threads checks them.
  void validate(const Execution& execution = {}) const;
};

/// The built-in level scale (docs/format.md, "Level scales"): a level word of a `level` field,
/// e.g. "high" or "高" -> 4, "较高" -> 3.5, "中" -> 3; Latin words in any case, with `_`, `-` or
/// a space between words. Whole numbers are not words (the readers take 1-5 themselves).
std::optional<double> parse_level(std::string_view text);
/// The built-in scale's words, highest level first, each with its value.
struct LevelWord {
  std::string_view word;
  double value;
};
const std::vector<LevelWord>& builtin_level_words();

}  // namespace materia
