// Name normalization against a 2,000-issue synthetic taxonomy (single thread):
//  - fold_key on distinct names (the per-name cost that interning pays once);
//  - exact/alias resolution of a stream of names as the pipeline sees them (5,000 firms x 40
//    entries, interned: each distinct raw name folded and looked up once per run);
//  - fuzzy resolution of distinct names no alias covers, without and with their folding.
#include <benchmark/benchmark.h>

#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/text_internal.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/text/text.hpp"
#include "synthetic.hpp"

namespace {

constexpr std::size_t kIssues = 2000;

// The synthetic taxonomy plus one alias per issue ("议题 0001" style), so alias lookups are real.
const materia::Taxonomy& taxonomy() {
  static const materia::Taxonomy t = [] {
    auto tax = materia::bench::synthetic_taxonomy(kIssues, 7);
    for (const auto& issue : tax.issues)
      tax.aliases.push_back({"议题" + issue.id.substr(1), issue.id, "bench", ""});
    return tax;
  }();
  return t;
}

const materia::Normalizer& normalizer() {
  static const materia::Normalizer n(taxonomy());
  return n;
}

// The names firms write: canonical, with a line-break space, English, or an alias.
std::vector<std::string> name_stream(std::size_t firms, std::size_t per_firm) {
  materia::bench::SyntheticSpec spec;
  spec.firms = firms;
  spec.list_length = per_firm;
  spec.variant_share = 0.3;
  auto dataset = materia::bench::synthetic_dataset(taxonomy(), spec);
  std::unordered_map<std::string, const materia::Issue*> issue_of;
  for (const auto& i : taxonomy().issues) {
    issue_of[i.name_zh] = &i;
    issue_of[materia::bench::spaced_variant(i.name_zh)] = &i;
  }
  std::mt19937_64 rng(11);
  std::vector<std::string> names;
  for (const auto& firm : dataset.firms)
    for (const auto& entry : firm.entries) {
      auto kind = rng() % 10;
      const materia::Issue* issue =
          kind >= 8 ? issue_of.at(entry.name) : nullptr;  // 20 %: English, alias
      if (issue && kind == 8)
        names.push_back(issue->name_en);
      else if (issue && kind == 9)
        names.push_back("议题 " + issue->id.substr(1));
      else
        names.push_back(entry.name);
    }
  return names;
}

// Distinct names that need fuzzy matching: a canonical name with one character replaced, or
// with a two-character word appended (as firms extend names).
std::vector<std::string> fuzzy_names(std::size_t count) {
  std::mt19937_64 rng(5);
  const char* suffixes[] = {"工作", "体系", "实践", "情况", "建设"};
  std::vector<std::string> names;
  const auto& issues = taxonomy().issues;
  while (names.size() < count) {
    const std::string& base = issues[rng() % issues.size()].name_zh;
    if (rng() % 2) {
      names.push_back(base + suffixes[rng() % 5]);
    } else {
      std::string name = base;
      std::size_t at = 3 * (rng() % (name.size() / 3));
      name.replace(at, 3, "\xE6\xB5\x8B");  // 测
      names.push_back(name);
    }
  }
  return names;
}

// Counters: the share of the names that step 2 sends to OpenCC (`opencc`), and that the
// pre-check before issue 9 sent (`opencc_before`).
// The reference variants time detail::fold_key_reference, the implementation before issue 9.
void fold_names(benchmark::State& state, const std::vector<std::string>& names,
                bool reference = false) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reference ? materia::detail::fold_key_reference(names[i])
                                       : materia::fold_key(names[i]));
    i = (i + 1) % names.size();
  }
  state.SetItemsProcessed(state.iterations());
  double now = 0, before = 0;
  for (const auto& name : names) {
    now += materia::detail::may_convert(name);
    before += materia::detail::may_convert_by_first_character(name);
  }
  state.counters["names"] = static_cast<double>(names.size());
  state.counters["opencc"] = now / static_cast<double>(names.size());
  state.counters["opencc_before"] = before / static_cast<double>(names.size());
}

std::vector<std::string> distinct_synthetic_names() {
  std::vector<std::string> names;
  for (const auto& issue : taxonomy().issues) {
    names.push_back(materia::bench::spaced_variant(issue.name_zh));
    names.push_back(issue.name_en);
  }
  return names;
}

void BM_FoldKeyDistinctNames(benchmark::State& state) {
  fold_names(state, distinct_synthetic_names());
}
BENCHMARK(BM_FoldKeyDistinctNames);

void BM_FoldKeyReferenceDistinctNames(benchmark::State& state) {
  fold_names(state, distinct_synthetic_names(), true);
}
BENCHMARK(BM_FoldKeyReferenceDistinctNames);

// The distinct names of the built-in taxonomies (ids, Chinese and English names, aliases, many
// traditional) and of the built-in sample's firms and entries.
std::vector<std::string> builtin_names() {
  std::set<std::string> distinct;
  for (const auto& name : materia::Taxonomy::builtin_names()) {
    auto builtin = materia::Taxonomy::builtin(name);
    for (const auto& issue : builtin.issues)
      distinct.insert({issue.id, issue.name_zh, issue.name_en});
    for (const auto& alias : builtin.aliases)
      distinct.insert(alias.name);
  }
  for (const auto& firm : materia::load_sample("fintech-2024").firms) {
    distinct.insert(firm.name);
    for (const auto& entry : firm.entries)
      distinct.insert(entry.name);
  }
  distinct.erase("");
  return {distinct.begin(), distinct.end()};
}

void BM_FoldKeyBuiltinNames(benchmark::State& state) {
  fold_names(state, builtin_names());
}
BENCHMARK(BM_FoldKeyBuiltinNames);

void BM_FoldKeyReferenceBuiltinNames(benchmark::State& state) {
  fold_names(state, builtin_names(), true);
}
BENCHMARK(BM_FoldKeyReferenceBuiltinNames);

void BM_ResolveExactAliasStream(benchmark::State& state) {
  normalizer();
  const auto names = name_stream(static_cast<std::size_t>(state.range(0)), 40);
  std::size_t distinct = 0;
  for (auto _ : state) {
    // One run: intern, fold and resolve each distinct name once, then look every entry up.
    std::unordered_map<std::string_view, std::ptrdiff_t> issue_of;
    std::size_t resolved = 0;
    for (const auto& name : names) {
      auto [it, fresh] = issue_of.try_emplace(name, -1);
      if (fresh) it->second = normalizer().resolve(name).issue;
      resolved += it->second >= 0;
    }
    distinct = issue_of.size();
    if (resolved != names.size()) state.SkipWithError("a name did not resolve exactly");
    benchmark::DoNotOptimize(resolved);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
  state.counters["distinct"] = static_cast<double>(distinct);
}
BENCHMARK(BM_ResolveExactAliasStream)->Arg(5000)->Unit(benchmark::kMillisecond);

void BM_ResolveFuzzyKeys(benchmark::State& state) {
  normalizer();
  const auto names = fuzzy_names(4000);
  std::vector<std::string> keys;
  for (const auto& n : names)
    keys.push_back(materia::fold_key(n));
  std::size_t i = 0, fuzzy = 0, total = 0;
  for (auto _ : state) {
    auto r = normalizer().resolve_key(names[i], keys[i]);
    fuzzy += r.match == materia::MatchKind::fuzzy;
    ++total;
    benchmark::DoNotOptimize(r);
    i = (i + 1) % names.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["fuzzy_share"] =
      total ? static_cast<double>(fuzzy) / static_cast<double>(total) : 0.0;
}
BENCHMARK(BM_ResolveFuzzyKeys);

void BM_ResolveFuzzyWithFold(benchmark::State& state) {
  normalizer();
  const auto names = fuzzy_names(4000);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(normalizer().resolve(names[i]));
    i = (i + 1) % names.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResolveFuzzyWithFold);

void BM_BuildNormalizer(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::Normalizer(taxonomy()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kIssues));
}
BENCHMARK(BM_BuildNormalizer)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
