// materia normalize [--taxonomy NAME] [FILE|-]: one name per line in, one resolution per name out.
// With --dataset/--sample the names (and the firms that used them) come from a dataset; --review
// writes the names to check, --aliases feeds decisions back, --cluster proposes groups of names
// for the open vocabulary.
#include <optional>

#include "cli/analysis_options.hpp"
#include "cli/commands.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/run/load_options.hpp"
#include "materia/run/run.hpp"

namespace materia::cli {

void add_normalize_command(CLI::App& app) {
  struct Options {
    std::string file, taxonomy, dataset, sample, review;
    std::vector<std::string> aliases;
    double threshold = NormalizeOptions{}.threshold, margin = NormalizeOptions{}.margin;
    std::size_t candidates = 3;
    bool cluster = false, no_fuzzy = false;
    Output output{"", Format::json};
    DeclaredFlags load;  // how --dataset is read (load_options())
  };
  Verb<Options> verb(app, "normalize", "Resolve issue names to a taxonomy");
  verb.add_file("One name per line; - for standard input (default)");
  verb.option("--taxonomy", &Options::taxonomy,
              "A built-in taxonomy, none, or a taxonomy JSON file (default: the dataset's, "
              "else fintech-2024)");
  verb.option("--dataset", &Options::dataset, "Take the names (and their firms) from a dataset");
  verb.option("--sample", &Options::sample, "Take the names from a built-in sample dataset");
  verb.option("--aliases", &Options::aliases,
              "Alias file (CSV name,target; JSON; or a decided --review file); repeatable")
      ->allow_extra_args(false);
  verb.option("--review", &Options::review,
              "Write the fuzzy and unmatched names (or, with --cluster, the proposed merges) "
              "with their candidates and firms to this CSV, with an empty decision column");
  verb.option("--threshold", &Options::threshold,
              "Minimum fuzzy similarity in [0,1] (default 0.75)");
  verb.option("--margin", &Options::margin,
              "Minimum lead of the best issue over the runner-up (default 0.05)");
  verb.option("--candidates", &Options::candidates, "Candidates listed per name (default 3)");
  verb.flag("--no-fuzzy", &Options::no_fuzzy, "Exact and alias matches only");
  verb.flag("--cluster", &Options::cluster,
            "Open vocabulary (taxonomy none): group the names into proposed issues (by match "
            "key, similarity, aliases and the synonyms of fintech-2024); the default for a "
            "dataset without a taxonomy");
  add_declared_flags(*verb.command, load_options(), verb.options->load);
  verb.run([](const Options& options) {
    int sources = !options.file.empty() + !options.dataset.empty() + !options.sample.empty();
    if (sources > 1) throw_usage_error("give one of FILE, --dataset or --sample");
    NameList names;
    std::optional<Taxonomy> dataset_taxonomy;
    if (!options.dataset.empty() || !options.sample.empty()) {
      LoadOptions reading;
      apply_declared_flags(options.load, load_options(), reading);
      reading.taxonomy = options.taxonomy;
      Dataset dataset = options.sample.empty() ? load_dataset_file(options.dataset, reading)
                                               : load_sample(options.sample);
      names = names_of_dataset(dataset);
      dataset_taxonomy = std::move(dataset.taxonomy);
    } else {
      const std::string file = options.file.empty() ? "-" : options.file;
      names = read_name_lines(read_file(file), file == "-" ? "<stdin>" : file);
    }
    Taxonomy taxonomy = !options.taxonomy.empty() ? taxonomy_named(options.taxonomy)
                        : dataset_taxonomy        ? std::move(*dataset_taxonomy)
                        : options.cluster         ? Taxonomy::open_vocabulary()
                                                  : Taxonomy::builtin("fintech-2024");
    std::vector<Alias> aliases;
    for (const auto& file : options.aliases) {
      auto more = load_alias_file(file);
      aliases.insert(aliases.end(), more.begin(), more.end());
    }

    // A dataset without a taxonomy is clustered: resolving its names to the open vocabulary
    // would make each its own issue, with nothing to review.
    if (options.cluster || (names.from_dataset && taxonomy.is_open_vocabulary())) {
      if (!taxonomy.is_open_vocabulary())
        throw_usage_error("--cluster proposes issues for the open vocabulary; use --taxonomy none");
      // The built-in taxonomy's bilingual names and aliases join names of one issue that share
      // no characters ("Data security and privacy protection" and 数据安全与隐私保护).
      NormalizeOptions exact_only;
      exact_only.fuzzy = false;
      const Normalizer synonyms(Taxonomy::builtin("fintech-2024"), {}, exact_only);
      NameGroups groups = group_names(names, aliases, options.threshold, &synonyms);
      if (!options.review.empty())
        write_file_atomic(options.review, write_review_csv(groups.review, 1));
      options.output.print(groups);
      return;
    }

    NormalizeOptions normalize_options;
    normalize_options.threshold = options.threshold;
    normalize_options.margin = options.margin;
    normalize_options.fuzzy = !options.no_fuzzy;
    normalize_options.candidates = std::max<std::size_t>(options.candidates, 1);
    NameResolutions resolved =
        resolve_names(names, Normalizer(taxonomy, aliases, normalize_options));
    if (!options.review.empty())
      write_file_atomic(options.review,
                        write_review_csv(resolved.review, normalize_options.candidates));
    options.output.print(resolved);
  });
}

}  // namespace materia::cli
