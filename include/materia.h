/* materia — C API (pure C11; the "hourglass" over the C++ core).
 *
 * Conventions (after SQLite, libgit2 and zstd):
 *   - every symbol carries the materia_ prefix; handles are opaque;
 *   - every int-returning call returns 0 (MATERIA_OK) on success and a negative status on error,
 *     with details in materia_last_error() (thread-local, never NULL, owned by the library);
 *   - out-parameters come first; each returned pointer says beside it who owns it;
 *   - every *_free accepts NULL;
 *   - no call ever lets a C++ exception escape.
 *
 * Thread safety, per handle: the library has no global mutable state.
 *   materia_taxonomy, materia_normalizer, materia_resolution, materia_result: immutable once
 *     made; any number of threads may use one at once (resolve, read, explain, to_json).
 *   materia_dataset: any number of threads may analyze one at once, but a thread that adds
 *     firms or entries to it (or sets its taxonomy) must be the only one using it.
 *   Error messages (materia_last_error) are per thread. The stats and breaks calls only read
 *   their arguments.
 *
 *     materia_dataset *ds = NULL;
 *     materia_result *r = NULL;
 *     const char *options = "{\"method\":\"borda-normalized\",\"tiers\":\"fisher:3\"}";
 *     if (materia_dataset_sample(&ds, "fintech-2024") != MATERIA_OK ||
 *         materia_analyze(&r, ds, options) != MATERIA_OK)
 *       fprintf(stderr, "materia: %s\n", materia_last_error());
 *     else
 *       printf("top issue: %s\n", materia_result_issue_name(r, 0));
 *     materia_result_free(r);
 *     materia_dataset_free(ds);
 */
#ifndef MATERIA_H
#define MATERIA_H

/* The single source of the library version: CMake reads these three lines. */
#define MATERIA_VERSION_MAJOR 0
#define MATERIA_VERSION_MINOR 1
#define MATERIA_VERSION_PATCH 0

#define MATERIA_VERSION_NUMBER \
  (MATERIA_VERSION_MAJOR * 10000 + MATERIA_VERSION_MINOR * 100 + MATERIA_VERSION_PATCH)

#if defined(_WIN32)
#if defined(MATERIA_BUILDING_C_API)
#define MATERIA_API __declspec(dllexport)
#else
#define MATERIA_API __declspec(dllimport)
#endif
#else
#define MATERIA_API __attribute__((visibility("default")))
#endif

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Status codes. -2, -3 and -4 match the command line's exit codes 2, 3 and 4. */
#define MATERIA_OK 0
#define MATERIA_ERROR_ARGUMENT (-1) /* a NULL handle or pointer, or an index out of range */
#define MATERIA_ERROR_USAGE (-2)    /* a bad option value (unknown method, malformed tier spec) */
#define MATERIA_ERROR_INPUT (-3)    /* bad data (malformed JSON, NaN coordinate, unknown issue) */
#define MATERIA_ERROR_INTERNAL (-4) /* a bug in materia; please report it */
#define MATERIA_ERROR_NOMEM (-5)    /* out of memory */

/* The message of the last failed call on this thread, in the CLI's words ("file: firm "F":
 * issue "I": message"); "" before any failure. Never NULL. Owned by the library; valid until the
 * next failing call on the same thread. Successful calls leave it unchanged. */
MATERIA_API const char* materia_last_error(void);
/* A short static description of a status code ("input error", ...). Never NULL. */
MATERIA_API const char* materia_status_string(int status);
/* MATERIA_VERSION_NUMBER of the library actually loaded. */
MATERIA_API unsigned materia_version_number(void);
/* "MAJOR.MINOR.PATCH" of the library actually loaded. Static storage. */
MATERIA_API const char* materia_version_string(void);
/* Frees a buffer the library returned (JSON and CSV texts). NULL is a no-op. */
MATERIA_API void materia_free(void* p);

/* ---------------------------------------------------------------------------------------------
 * Taxonomies: named, versioned issue vocabularies. Immutable; safe to share between threads. */
typedef struct materia_taxonomy materia_taxonomy;

/* A built-in taxonomy ("fintech-2024") or the open vocabulary ("none"). */
MATERIA_API int materia_taxonomy_builtin(materia_taxonomy** out, const char* name);
/* A taxonomy from its JSON form (docs/format.md, "Taxonomy files"); `len` bytes of `json`. */
MATERIA_API int materia_taxonomy_from_json(materia_taxonomy** out, const char* json, size_t len);
MATERIA_API void materia_taxonomy_free(materia_taxonomy* taxonomy);
/* Name and version. Owned by the taxonomy. NULL if `taxonomy` is NULL. */
MATERIA_API const char* materia_taxonomy_name(const materia_taxonomy* taxonomy);
MATERIA_API const char* materia_taxonomy_version(const materia_taxonomy* taxonomy);
/* Number of entries (issues and roll-up topics); 0 for NULL. */
MATERIA_API size_t materia_taxonomy_issue_count(const materia_taxonomy* taxonomy);
/* Id and display name of entry `index`. Owned by the taxonomy. NULL if out of range. */
MATERIA_API const char* materia_taxonomy_issue_id(const materia_taxonomy* taxonomy, size_t index);
MATERIA_API const char* materia_taxonomy_issue_name(const materia_taxonomy* taxonomy, size_t index);

/* How a name was resolved (docs/format.md `materia normalize`). */
#define MATERIA_MATCH_EXACT 0
#define MATERIA_MATCH_ALIAS 1
#define MATERIA_MATCH_FUZZY 2
#define MATERIA_MATCH_UNMATCHED 3
/* "exact", "alias", "fuzzy", "unmatched"; "" for an unknown value. Static storage. */
MATERIA_API const char* materia_match_name(int match);

/* Resolves one issue name (UTF-8, NUL-terminated). An unknown name is not an error: *out_match
 * is MATERIA_MATCH_UNMATCHED and *out_index is (size_t)-1. Otherwise *out_index is the entry
 * index for materia_taxonomy_issue_id/name. *out_score is 1 for exact and alias, the similarity
 * for fuzzy, 0 when unmatched. Any out-pointer may be NULL. Invalid UTF-8 is an input error. */
MATERIA_API int materia_taxonomy_normalize(size_t* out_index, int* out_match, double* out_score,
                                           const materia_taxonomy* taxonomy, const char* name);

/* ---------------------------------------------------------------------------------------------
 * Datasets: firms' materiality assessments (docs/format.md, "Dataset"). */
typedef struct materia_dataset materia_dataset;

/* Parses a JSON dataset of `len` bytes. */
MATERIA_API int materia_dataset_from_json(materia_dataset** out, const char* json, size_t len);
/* Parses a long-format CSV dataset of `len` bytes (columns firm, issue, rank | stakeholder +
 * business | level, ...). `taxonomy` overrides the CSV's; NULL keeps it (default "none"). */
MATERIA_API int materia_dataset_from_csv(materia_dataset** out, const char* csv, size_t len,
                                         const char* taxonomy);
/* Reads a JSON or CSV file (by extension, else by content). `taxonomy` as above. */
MATERIA_API int materia_dataset_from_file(materia_dataset** out, const char* path,
                                          const char* taxonomy);
/* A built-in sample dataset ("fintech-2024"; synthetic, see README). */
MATERIA_API int materia_dataset_sample(materia_dataset** out, const char* name);
/* An empty dataset to build up firm by firm, over a built-in taxonomy ("fintech-2024") or the
 * open vocabulary ("none"); NULL means "none". */
MATERIA_API int materia_dataset_create(materia_dataset** out, const char* taxonomy);
/* Replaces the dataset's taxonomy by a copy of `taxonomy` (e.g. one read with
 * materia_taxonomy_from_json). */
MATERIA_API int materia_dataset_set_taxonomy(materia_dataset* dataset,
                                             const materia_taxonomy* taxonomy);
MATERIA_API void materia_dataset_free(materia_dataset* dataset);
/* Number of firms; 0 for NULL. */
MATERIA_API size_t materia_dataset_firm_count(const materia_dataset* dataset);

/* Appends a firm with weight 1 and unlisted policy "bottom"; *out_firm (may be NULL) receives
 * its index for the calls below. Duplicate ids are reported by materia_analyze. */
MATERIA_API int materia_dataset_add_firm(size_t* out_firm, materia_dataset* dataset,
                                         const char* id);
/* Optional firm attributes. `name` and `segment` are copied. */
MATERIA_API int materia_dataset_set_firm_name(materia_dataset* dataset, size_t firm,
                                              const char* name);
MATERIA_API int materia_dataset_set_firm_segment(materia_dataset* dataset, size_t firm,
                                                 const char* segment);
MATERIA_API int materia_dataset_set_firm_weight(materia_dataset* dataset, size_t firm,
                                                double weight);
/* "bottom" (unlisted issues tie below all listed ones) or "not_assessed" (no opinion); anything
 * else is an input error. */
MATERIA_API int materia_dataset_set_firm_unlisted(materia_dataset* dataset, size_t firm,
                                                  const char* policy);
/* Appends one issue to a firm's list. With neither rank, coordinates nor level, the order of the
 * list is the rank (first = most important). `name` is copied. */
MATERIA_API int materia_dataset_add_entry(materia_dataset* dataset, size_t firm, const char* name);
/* ... with an explicit rank (1 = most important; ties allowed). */
MATERIA_API int materia_dataset_add_ranked_entry(materia_dataset* dataset, size_t firm,
                                                 const char* name, double rank);
/* ... with matrix coordinates (importance to stakeholders and to the business). */
MATERIA_API int materia_dataset_add_rated_entry(materia_dataset* dataset, size_t firm,
                                                const char* name, double stakeholder,
                                                double business);
/* ... with an ordinal level ("high", "高", "medium", ..., or "1" to "5"). Unknown levels are an
 * input error naming the firm and the issue. */
MATERIA_API int materia_dataset_add_level_entry(materia_dataset* dataset, size_t firm,
                                                const char* name, const char* level);

/* ---------------------------------------------------------------------------------------------
 * Analysis. */
typedef struct materia_result materia_result;

/* Runs the pipeline, then the bootstrap and leave-one-out if asked (as `materia analyze`).
 * `options_json`: NULL or a JSON object with any of the CLI's flags in snake case:
 *   "method"                 "borda-normalized" (default), "attention", ... (--method)
 *   "tiers"                  "fisher:3" (default), "counts:26,23,42", "quantile:3", "fisher:auto",
 *                            "significance:0.05[:bh]" (rra, stuart)
 *   "universe"               N, the number of issues rankings are out of
 *   "combine"                "sum" (default), "max", "product", "distance"
 *   "rra_top_cutoff", "rra_exact"          booleans (rra)
 *   "pl_prior"               plackett-luce prior, >= 0 (default 0.5; 0 = pure MLE)
 *   "mc4_teleport"           mc4's jump probability, in (0, 1] (default 0.15)
 *   "stakeholder_threshold", "business_threshold"  fixed axis thresholds on [0,1]
 *   "axes"                   "shrunk" (default), "method" or "positions"
 *   "axis_tiers"             tiering that sets a threshold not fixed ("fisher:2")
 *   "borderline_band"        distance to a threshold flagged for review (0.05)
 *   "material"               "either" (default) or "both"
 *   "composite_top"          K of the composite matrix (0 = all issues)
 *   "composite_attention_threshold", "composite_importance_threshold"  fixed composite
 *                            thresholds on [0,1] (default: by "axis_tiers")
 *   "roll_up"                "firms" (default), "max", "mean" or "weight"
 *   "bootstrap"              B replicates (0 = none): rank intervals and tier probabilities
 *   "seed"                   seed of the bootstrap (default 1)
 *   "threads"                threads of bootstrap and leave-one-out (0 = all cores; the
 *                            result does not depend on it)
 *   "leave_one_out"          true: the firm whose removal moves each issue most
 *   "aliases"                an alias file (CSV name,target; JSON; a decided review file), or
 *                            an array of such paths and {"name": .., "target": ..} objects
 *   "strict"                 true: a name matched only fuzzily is an error
 *   "fuzzy_threshold"        minimum similarity of a fuzzy name match, in [0,1] (0.75)
 * null means the default. Unknown keys are a usage error (so a typo never goes unnoticed).
 * The result keeps a copy of `dataset` (for materia_result_explain): the caller may change or
 * free its dataset afterwards. */
MATERIA_API int materia_analyze(materia_result** out, const materia_dataset* dataset,
                                const char* options_json);
MATERIA_API void materia_result_free(materia_result* result);

/* The whole result as the CLI's JSON (docs/format.md) or CSV. *out is NUL-terminated, owned by the
 * caller, freed with materia_free; *out_len (may be NULL) receives its length without the NUL. */
MATERIA_API int materia_result_to_json(const materia_result* result, char** out, size_t* out_len);
MATERIA_API int materia_result_to_csv(const materia_result* result, char** out, size_t* out_len);

/* Summary values; NULL/0 for a NULL result. Strings are owned by the result. */
MATERIA_API const char* materia_result_method(const materia_result* result);
MATERIA_API const char* materia_result_tier_spec(const materia_result* result);
MATERIA_API size_t materia_result_companies(const materia_result* result);
MATERIA_API size_t materia_result_universe(const materia_result* result);
/* 1 when larger scores are better (most methods), 0 when smaller are (rra, stuart). */
MATERIA_API int materia_result_higher_is_better(const materia_result* result);
/* Goodness of variance fit of the tiers, in [0,1]. */
MATERIA_API double materia_result_gvf(const materia_result* result);
/* Score boundaries between tiers, from tier 1 down; *out_count receives their number. The array
 * is owned by the result (copy it if you need it longer). NULL when there are none. */
MATERIA_API const double* materia_result_tier_breaks(const materia_result* result,
                                                     size_t* out_count);

/* Issues, sorted by rank: index 0 is rank 1. */
MATERIA_API size_t materia_result_issue_count(const materia_result* result);
/* Index of the issue with this id; MATERIA_ERROR_ARGUMENT if there is none. */
MATERIA_API int materia_result_find(size_t* out_index, const materia_result* result,
                                    const char* id);
/* Per-issue strings. Owned by the result; NULL if out of range. Category is "E", "S", "G" or "";
 * quadrant is "both", "stakeholder", "business", "neither" or "". */
MATERIA_API const char* materia_result_issue_id(const materia_result* result, size_t index);
MATERIA_API const char* materia_result_issue_name(const materia_result* result, size_t index);
MATERIA_API const char* materia_result_issue_category(const materia_result* result, size_t index);
MATERIA_API const char* materia_result_issue_quadrant(const materia_result* result, size_t index);
/* Per-issue columns: arrays of materia_result_issue_count() values in rank order, owned by the
 * result and valid until materia_result_free (copy them if you need them longer). */
MATERIA_API const double* materia_result_scores(const materia_result* result);
MATERIA_API const int* materia_result_ranks(const materia_result* result);
MATERIA_API const int* materia_result_tiers(const materia_result* result);
MATERIA_API const int* materia_result_attention(const materia_result* result);
MATERIA_API const double* materia_result_attention_share(const materia_result* result);
MATERIA_API const double* materia_result_importance(const materia_result* result);
MATERIA_API const double* materia_result_stakeholder(const materia_result* result);
MATERIA_API const double* materia_result_business(const materia_result* result);

/* Matrix and uncertainty values of the analysis. Strings are owned by the result; NULL/0/NaN for a
 * NULL result. */
MATERIA_API double materia_result_stakeholder_threshold(const materia_result* result);
MATERIA_API double materia_result_business_threshold(const materia_result* result);
/* "either" or "both". */
MATERIA_API const char* materia_result_material_rule(const materia_result* result);
/* "fixed" or the axis tier spec that set the thresholds ("fisher:2"). */
MATERIA_API const char* materia_result_threshold_rule(const materia_result* result);
/* "method" or "positions". */
MATERIA_API const char* materia_result_axis_aggregation(const materia_result* result);
/* "max", "mean" or "weight". */
MATERIA_API const char* materia_result_roll_up(const materia_result* result);
MATERIA_API double materia_result_borderline_band(const materia_result* result);
/* K of the composite matrix (0 = all issues) and the attention of its K-th issue (0 = no cut). */
MATERIA_API size_t materia_result_composite_top(const materia_result* result);
MATERIA_API int materia_result_composite_cut_attention(const materia_result* result);
/* Thresholds of the composite matrix on attention share and on importance (fixed by the options
 * "composite_attention_threshold" / "composite_importance_threshold", else by the axis tiering
 * over the composite's issues); NaN when the composite is empty. */
MATERIA_API double materia_result_composite_attention_threshold(const materia_result* result);
MATERIA_API double materia_result_composite_importance_threshold(const materia_result* result);
/* Number of tiers (the largest tier of any issue). */
MATERIA_API int materia_result_tier_count(const materia_result* result);
/* Bootstrap replicates B (0 when no bootstrap was run) and its seed. */
MATERIA_API size_t materia_result_bootstrap_replicates(const materia_result* result);
MATERIA_API unsigned long long materia_result_bootstrap_seed(const materia_result* result);
/* 1 when leave-one-out was run. */
MATERIA_API int materia_result_leave_one_out(const materia_result* result);
/* Warnings the user should read (fuzzy name matches, ...). Owned by the result; NULL if out of
 * range. */
MATERIA_API size_t materia_result_warning_count(const materia_result* result);
MATERIA_API const char* materia_result_warning(const materia_result* result, size_t index);

/* More per-issue strings, owned by the result, NULL if out of range: the English name ("" if
 * the taxonomy has none), the topic the issue rolls up into ("" if none), and the firm whose
 * removal moves the issue's rank most ("" unless leave-one-out was run). */
MATERIA_API const char* materia_result_issue_name_en(const materia_result* result, size_t index);
MATERIA_API const char* materia_result_issue_parent(const materia_result* result, size_t index);
MATERIA_API const char* materia_result_issue_influential_firm(const materia_result* result,
                                                              size_t index);
/* More per-issue columns, like materia_result_scores (rank order, owned by the result):
 *   material, borderline  1 or 0 (passes the material rule; within the band of a deciding
 *                         threshold, to review)
 *   composite             attention_share x importance; NaN outside the composite's top K
 *   rank_low, rank_high   bootstrap percentile interval of the rank (95%); NaN without bootstrap
 *   influential_shift     leave-one-out: rank without the influential firm minus the rank */
MATERIA_API const int* materia_result_material(const materia_result* result);
MATERIA_API const int* materia_result_borderline(const materia_result* result);
MATERIA_API const double* materia_result_composite(const materia_result* result);
MATERIA_API const double* materia_result_rank_low(const materia_result* result);
MATERIA_API const double* materia_result_rank_high(const materia_result* result);
MATERIA_API const double* materia_result_influential_shift(const materia_result* result);
/* Bootstrap tier probabilities as a row-major matrix: issue i (rank order) is in tier t with
 * probability p[i * *out_tiers + (t - 1)]. *out_tiers (may be NULL) receives the number of
 * columns. Owned by the result. NULL (and 0 columns) when no bootstrap was run. */
MATERIA_API const double* materia_result_tier_probability(const materia_result* result,
                                                          size_t* out_tiers);

/* Why an issue stands where it stands: `materia explain --format json` for `issue` (an id, a
 * canonical name or any raw name merged into it): names merged, each firm's rank, axis
 * positions and part of the score, tier margins, bootstrap interval. *out is NUL-terminated,
 * owned by the caller, freed with materia_free. An unknown issue is a usage error. */
MATERIA_API int materia_result_explain(const materia_result* result, const char* issue, char** out,
                                       size_t* out_len);

/* Agreement among the result's firms (materia agreement): Kendall's W over all firms and issues
 * (unlisted issues tie below the listed ones; tie-corrected), Friedman's chi-square with its
 * df and p-value. Any out-pointer may be NULL. */
MATERIA_API int materia_result_agreement(const materia_result* result, double* out_w,
                                         double* out_chi_square, double* out_df,
                                         double* out_p_value);
/* The same as `materia agreement --format json --show show`: W, Friedman, the `show` most and
 * least typical firms, and every firm's Spearman rho with the others. *out is owned by the
 * caller, freed with materia_free. */
MATERIA_API int materia_result_agreement_json(const materia_result* result, size_t show, char** out,
                                              size_t* out_len);

/* ---------------------------------------------------------------------------------------------
 * Natural breaks of a list of numbers (materia breaks), in R classInt's conventions. `method`:
 *   "fisher"       Fisher's exactly optimal classes, midpoint breaks (classInt "fisher");
 *   "jenks"        the same optimum, breaks at class maxima (classInt "jenks");
 *   "quantile", "equal"   classInt's "quantile" (type 7) and "equal";
 *   "headtail"     Jiang's head/tail breaks (`classes` is not its number of classes, see below);
 *   "fisher:auto"  fisher with the number of classes at the GVF elbow over 1..10 (at most 10).
 * Fewer classes than asked when there are fewer distinct values. Out-arrays are caller-allocated
 * and any may be NULL:
 *   out_classes      `count` ints: the class of each value, 1 = lowest;
 *   out_breaks       up to `breaks_capacity` doubles: class_count + 1 boundaries, lowest first;
 *   out_break_count  the number of boundaries (class_count + 1; 0 when count is 0);
 *   out_gvf          goodness of variance fit, in [0,1].
 * If out_breaks cannot hold them all the call fails with MATERIA_ERROR_ARGUMENT, writing
 * nothing. A non-finite value is an input error naming its position. */
MATERIA_API int materia_natural_breaks(int* out_classes, double* out_breaks, size_t breaks_capacity,
                                       size_t* out_break_count, double* out_gvf,
                                       const double* values, size_t count, const char* method,
                                       int classes, double headtail_threshold);
/* materia_natural_breaks with breaks_capacity = classes + 1 and the head/tail threshold 0.4
 * (classInt's default). For "headtail" and "fisher:auto", which choose their own number of
 * classes, `classes` is then the most classes the caller can take (10 always suffices for
 * fisher:auto). */
MATERIA_API int materia_breaks(int* out_classes, double* out_breaks, size_t* out_break_count,
                               double* out_gvf, const double* values, size_t count,
                               const char* method, int classes);
/* The same as `materia breaks --format json`: {"breaks", "classes", "gvf", "method",
 * "class_count"}. *out is owned by the caller, freed with materia_free. */
MATERIA_API int materia_breaks_json(char** out, size_t* out_len, const double* values, size_t count,
                                    const char* method, int classes, double headtail_threshold);

/* ---------------------------------------------------------------------------------------------
 * Rank statistics (docs/method.md §10). What a NaN in the input means: */
#define MATERIA_NAN_RAISE 0 /* a NaN is an input error naming its position */
#define MATERIA_NAN_OMIT                                                  \
  1 /* tau, rho: the pair is left out; W: the rater did not rank the item \
       (it ties below the items that rater ranked) */

/* Kendall's tau-b and Spearman's rho (mid-ranks for ties) of `x` (nx values) and `y` (ny).
 * Different lengths are a usage error. *out is NaN when fewer than two pairs remain or a side
 * is constant. */
MATERIA_API int materia_stats_kendall_tau_b(double* out, const double* x, size_t nx,
                                            const double* y, size_t ny, int nan_policy);
MATERIA_API int materia_stats_spearman_rho(double* out, const double* x, size_t nx, const double* y,
                                           size_t ny, int nan_policy);
/* Kendall's W (tie-corrected) of `raters` x `items` ratings, row-major (row = rater; smaller =
 * better, e.g. ranks; each row is re-ranked to mid-ranks), with Friedman's tie-corrected
 * chi-square = raters (items - 1) W, its df = items - 1 and upper-tail p-value. W is NaN with
 * fewer than 2 raters or items. Any out-pointer may be NULL. */
MATERIA_API int materia_stats_kendall_w(double* out_w, double* out_chi_square, double* out_df,
                                        double* out_p_value, const double* ratings, size_t raters,
                                        size_t items, int nan_policy);

/* ---------------------------------------------------------------------------------------------
 * Name resolution in detail (materia normalize): match, score, reason and candidates, with user
 * aliases and fuzzy-matching settings. */
typedef struct materia_normalizer materia_normalizer;
typedef struct materia_resolution materia_resolution;

/* A normalizer over a copy of `taxonomy`. `options_json`: NULL or an object with any of
 *   "aliases"     an alias file, or an array of alias files and {"name","target"} objects
 *   "threshold"   minimum similarity of a fuzzy match, in [0,1] (0.75)
 *   "margin"      minimum lead of the best issue over the runner-up, in [0,1] (0.05)
 *   "fuzzy"       false: exact and alias matches only
 *   "candidates"  how many candidate issues a resolution lists (3)
 * Aliases joining two issues are an input error showing the chain. Immutable: any number of
 * threads may resolve with one normalizer at once. */
MATERIA_API int materia_normalizer_create(materia_normalizer** out,
                                          const materia_taxonomy* taxonomy,
                                          const char* options_json);
MATERIA_API void materia_normalizer_free(materia_normalizer* normalizer);
/* Resolves one name (never an error for an unknown name: its match is then
 * MATERIA_MATCH_UNMATCHED). Invalid UTF-8 is an input error. */
MATERIA_API int materia_normalizer_resolve(materia_resolution** out,
                                           const materia_normalizer* normalizer, const char* name);
/* The same with the taxonomy's default normalizer (its own aliases, default settings). */
MATERIA_API int materia_taxonomy_resolve(materia_resolution** out, const materia_taxonomy* taxonomy,
                                         const char* name);
MATERIA_API void materia_resolution_free(materia_resolution* resolution);
/* Strings owned by the resolution; NULL for a NULL resolution. id and name are NULL when the
 * name is unmatched; key is the match key (folded text); reason says why, in words. */
MATERIA_API const char* materia_resolution_input(const materia_resolution* resolution);
MATERIA_API const char* materia_resolution_key(const materia_resolution* resolution);
MATERIA_API const char* materia_resolution_id(const materia_resolution* resolution);
MATERIA_API const char* materia_resolution_name(const materia_resolution* resolution);
MATERIA_API const char* materia_resolution_reason(const materia_resolution* resolution);
/* MATERIA_MATCH_*; MATERIA_MATCH_UNMATCHED for NULL. */
MATERIA_API int materia_resolution_match(const materia_resolution* resolution);
/* 1 for exact and alias, the similarity for fuzzy, the best similarity when unmatched. */
MATERIA_API double materia_resolution_score(const materia_resolution* resolution);
/* Candidate issues, best first (index 1 is the runner-up). Strings owned by the resolution,
 * NULL (score NaN) when out of range. `via` is the name or alias whose key matched best. */
MATERIA_API size_t materia_resolution_candidate_count(const materia_resolution* resolution);
MATERIA_API const char* materia_resolution_candidate_id(const materia_resolution* resolution,
                                                        size_t index);
MATERIA_API const char* materia_resolution_candidate_name(const materia_resolution* resolution,
                                                          size_t index);
MATERIA_API const char* materia_resolution_candidate_via(const materia_resolution* resolution,
                                                         size_t index);
MATERIA_API double materia_resolution_candidate_score(const materia_resolution* resolution,
                                                      size_t index);
/* The same object as one element of `materia normalize --format json` (input, id, name, match,
 * score, key, reason, runner_up, candidates). *out is owned by the caller (materia_free). */
MATERIA_API int materia_resolution_to_json(const materia_resolution* resolution, char** out,
                                           size_t* out_len);

/* ---------------------------------------------------------------------------------------------
 * Disclosure statistics, scoring models, ESRS-style assessments and stakeholder surveys
 * (materia disclosure | score | assess | survey). A document in, the CLI's output out.
 *
 * Common to the calls of this block:
 *   - the input document is `len` bytes of UTF-8 (it need not be NUL-terminated);
 *   - `options_json` is NULL or a JSON object; unknown keys are a usage error. Every call knows
 *       "format"  "json" (default), "csv" or "table": the bytes `materia VERB --format F` prints;
 *       "source"  the name errors give for the input (default "<string>"); pass the file name and
 *                 the messages are the CLI's, word for word;
 *   - on success *out is NUL-terminated text owned by the caller and freed with materia_free;
 *     *out_len (may be NULL) receives its length without the NUL. On failure *out is NULL and
 *     materia_last_error() names the file, firm and field at fault, as the CLI does;
 *   - no shared state: any number of threads may make these calls at once (a materia_result
 *     passed in is only read). */

/* Disclosure rate per segment, standards cited and report content (materia disclosure).
 * `records`: firm records as JSON ({"segments", "firms"}) or CSV (one row per firm, lists
 * separated by "|"), told apart by the first character; or NULL with the option
 *   "sample"       built-in synthetic records ("fintech-2024");
 *   "include_csr"  true: count CSR reports too in standards and content (default ESG only). */
MATERIA_API int materia_disclosure_statistics(char** out, size_t* out_len, const char* records,
                                              size_t len, const char* options_json);
/* Recomputes a published table (docs/method.md "Checking a published table") from the records
 * and lists each disagreement (materia disclosure --check). `records` as above (or the "sample"
 * option); `published` the tables' JSON, or NULL with "published_sample": "fintech-2024";
 * "published_source" names it in errors. *out_disagreements (may be NULL) receives their number
 * (where the CLI exits 1). Disagreements are a result, not an error: the status is MATERIA_OK. */
MATERIA_API int materia_disclosure_check(char** out, size_t* out_len, size_t* out_disagreements,
                                         const char* records, size_t records_len,
                                         const char* published, size_t published_len,
                                         const char* options_json);
/* Scores firms with a weighted indicator tree (materia score). `input`: the scoring input JSON
 * ({"model", "attention", "firms"}). Options:
 *   "model"             a built-in name ("excellence-2024"), a model file's path, or the model
 *                       itself as an object; default: the input's "model", else excellence-2024;
 *   "attention"         an attention spec ({"sample": NAME}, {"dataset": PATH},
 *                       {"analysis": PATH} or {"issues": {name: count}}), overriding the input's;
 *   "attention_result"  the JSON object `materia analyze --format json` writes;
 *   "records"           firm records whose facts fill each firm's values: a path, or the
 *                       records' JSON as an object; "records_sample": a built-in name instead.
 * `attention` (may be NULL): an analysis whose issue attention weights the issue rules. At most
 * one of it, "attention" and "attention_result". */
MATERIA_API int materia_score(char** out, size_t* out_len, const char* input, size_t len,
                              const char* options_json, const materia_result* attention);
/* An ESRS-style double materiality assessment of one firm (materia assess). `assessment`: its
 * JSON ({"firm", "rules", "topics", "iros"}). Options: only "format" and "source". */
MATERIA_API int materia_assess(char** out, size_t* out_len, const char* assessment, size_t len,
                               const char* options_json);
/* A stakeholder survey summarized per issue (materia survey). `survey`: its JSON ({"firm",
 * "groups", "responses", "company"}). Option "as_dataset": true writes the firm's own dataset
 * instead (materia survey --as-dataset; JSON only). */
MATERIA_API int materia_survey(char** out, size_t* out_len, const char* survey, size_t len,
                               const char* options_json);
/* The same survey's dataset as a handle, ready for materia_analyze: one firm, every issue with
 * stakeholder = its weighted mean and business = management's rating. Option: "source". The
 * dataset is owned by the caller (materia_dataset_free). */
MATERIA_API int materia_survey_dataset(materia_dataset** out, const char* survey, size_t len,
                                       const char* options_json);

#ifdef __cplusplus
}
#endif

#endif /* MATERIA_H */
