// materia_synth: writes the seeded synthetic market of bench/synthetic.hpp to files, so that the
// whole materia process can be timed end to end and the same lists fed to R (bench/compare).
//
//   materia_synth --firms 5000 --length 40 --vocabulary 2000 --variants 0.1 --seed 42
//       -o market.json [--lists market.lists.tsv] [--format csv --taxonomy-out taxonomy.json]
//   materia_synth --values 1000000 --seed 42 -o values.txt
//
// Same arguments, same bytes: every random draw comes from the seeded generator.
#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "synthetic.hpp"

namespace {

// Long CSV: one row per firm and issue, rank = list position.
std::string dataset_csv(const materia::Dataset& dataset) {
  const bool coordinates = !dataset.firms.empty() && dataset.firms.front().has_coordinates();
  std::string out = coordinates ? "firm,issue,stakeholder,business\n" : "firm,issue,rank\n";
  for (const auto& firm : dataset.firms)
    for (std::size_t e = 0; e < firm.entries.size(); ++e) {
      const auto& entry = firm.entries[e];
      // synthetic names hold no comma, quote or line break, so no CSV quoting is needed
      out += firm.id + "," + entry.name + ",";
      out += coordinates ? materia::bench::shortest_number(*entry.stakeholder) + "," +
                               materia::bench::shortest_number(*entry.business)
                         : std::to_string(e + 1);
      out += "\n";
    }
  return out;
}

// One firm per line, its names in list order separated by tabs: what R's aggregateRanks takes.
std::string dataset_lists(const materia::Dataset& dataset) {
  std::string out;
  for (const auto& firm : dataset.firms) {
    for (std::size_t e = 0; e < firm.entries.size(); ++e)
      out += (e ? "\t" : "") + firm.entries[e].name;
    out += "\n";
  }
  return out;
}

// Log-normal values (scores are skewed like this), one per line, shortest round-trip text.
std::string lognormal_values(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> draw(0.0, 1.0);
  std::string out;
  out.reserve(count * 20);
  for (std::size_t i = 0; i < count; ++i)
    out += materia::bench::shortest_number(draw(rng)) + "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Seeded synthetic materiality datasets (bench/synthetic.hpp) for timing materia"};
  materia::bench::SyntheticSpec spec;
  std::string output, format = "json", lists, taxonomy_out;
  std::size_t values = 0;
  app.add_option("--firms", spec.firms, "Number of firms (default 5000)");
  app.add_option("--length", spec.list_length, "Issues each firm lists (default 40)");
  app.add_option("--vocabulary", spec.vocabulary, "Issues in the taxonomy (default 2000)");
  app.add_option("--variants", spec.variant_share,
                 "Share of entries written with a variant name (a space inserted; default 0)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--coordinates", spec.coordinates,
               "Matrix coordinates (1-5 on both axes) instead of list order");
  app.add_option("--seed", spec.seed, "Random seed (default 42)");
  app.add_option("--draw-seed", spec.draw_seed,
                 "Seed of the firms' lists only (default: --seed): another year of the same firms "
                 "and taxonomy");
  std::vector<std::string> swaps;
  app.add_option(
         "--swap", swaps,
         "I,J: exchange the popularity of issues I and J (0 = most popular), the real moves "
         "of another year; repeatable")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--format", format, "json (default), ndjson (one firm per line) or csv")
      ->check(CLI::IsMember({"json", "ndjson", "csv"}));
  app.add_option("-o,--output", output, "File to write")->required();
  app.add_option("--lists", lists, "Also write the lists for R: one firm per line, tab-separated");
  app.add_option("--taxonomy-out", taxonomy_out,
                 "Also write the taxonomy JSON (a CSV dataset names no taxonomy itself)");
  app.add_option("--values", values,
                 "Instead of a dataset, write this many log-normal values, one per line");
  CLI11_PARSE(app, argc, argv);
  try {
    for (const auto& swap : swaps) {
      std::size_t i = 0, j = 0;
      char comma = 0;
      std::istringstream in(swap);
      if (!(in >> i >> comma >> j) || comma != ',' || !in.eof())
        throw materia::Error(materia::ErrorKind::usage,
                             "--swap " + swap + ": expected two issue positions, I,J");
      spec.swaps.emplace_back(i, j);
    }
    if (values > 0) {
      materia::write_file_atomic(output, lognormal_values(values, spec.seed));
      return 0;
    }
    if (spec.firms == 0 || spec.list_length == 0 || spec.vocabulary == 0)
      throw materia::Error(materia::ErrorKind::usage,
                           "--firms, --length and --vocabulary must be at least 1");
    auto taxonomy = materia::bench::synthetic_taxonomy(spec.vocabulary, spec.seed);
    auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
    materia::write_file_atomic(
        output, format == "csv"      ? dataset_csv(dataset)
                : format == "ndjson" ? materia::bench::synthetic_dataset_ndjson(dataset, spec.seed)
                                     : materia::bench::synthetic_dataset_json(dataset, spec.seed));
    if (!lists.empty()) materia::write_file_atomic(lists, dataset_lists(dataset));
    if (!taxonomy_out.empty())
      materia::write_file_atomic(taxonomy_out, dataset.taxonomy.to_json_text(1) + "\n");
  } catch (const materia::Error& error) {
    std::cerr << "materia_synth: " << error.what() << "\n";
    return error.kind() == materia::ErrorKind::usage ? 2 : 3;
  }
  return 0;
}
