/* materia — C API (pure C11; the "hourglass" over the C++ core). ABI 1: libmateria.so.1.
 *
 * Conventions (after SQLite, libgit2 and zstd):
 *   - every symbol carries the materia_ prefix; handles are opaque;
 *   - every int-returning call returns 0 (MATERIA_OK) on success and a negative status on error,
 *     with details in materia_last_error() (thread-local, never NULL, owned by the library);
 *   - out-parameters come first, in every call that has them; each returned pointer says beside
 *     it who owns it;
 *   - every *_free accepts NULL;
 *   - no call ever lets a C++ exception escape.
 *
 * Thread safety, per handle:
 *   materia_taxonomy, materia_normalizer, materia_result: immutable once made; any number of
 *     threads may use one at once (resolve, read cells, explain, to_json).
 *   materia_dataset: any number of threads may analyze one at once, but a thread that adds
 *     firms or entries to it (or sets its taxonomy) must be the only one using it.
 *   Error messages (materia_last_error) are per thread. The stats and breaks calls only read
 *   their arguments.
 *
 * Threads. The library's one piece of process-wide state is its worker pool: threads that
 * materia_analyze (bootstrap, leave-one-out, large inputs) shares work with. It starts at the
 * first analysis with one worker fewer than the cores (the calling thread is the other),
 * materia_config_threads sizes it, and its threads end when the process exits. Results never
 * depend on its size, nor on the "threads" option of an analysis.
 *
 *     materia_dataset *ds = NULL;
 *     materia_result *r = NULL;
 *     const char *options = "{\"method\":\"borda-normalized\",\"tiers\":\"fisher:3\"}";
 *     if (materia_dataset_sample(&ds, "fintech-2024") != MATERIA_OK ||
 *         materia_analyze(&r, ds, options) != MATERIA_OK)
 *       fprintf(stderr, "materia: %s\n", materia_last_error());
 *     else
 *       printf("top issue: %s\n", materia_result_text(r, MATERIA_TABLE_ISSUES, 0,
 *              materia_result_column_index(r, MATERIA_TABLE_ISSUES, "name")));
 *     materia_result_free(r);
 *     materia_dataset_free(ds);
 *
 * The disclosure, score, assess and survey calls (a JSON document in, the CLI's output out) are
 * in materia_workflows.h, in the same library.
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
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Library: status codes, errors, version, memory, threads. -2, -3 and -4 match the command
 * line's exit codes 2, 3 and 4. */
#define MATERIA_OK 0
#define MATERIA_ERROR_ARGUMENT (-1)  /* a NULL handle or pointer, or an index out of range */
#define MATERIA_ERROR_USAGE (-2)     /* a bad option value (unknown method, malformed tier spec) */
#define MATERIA_ERROR_INPUT (-3)     /* bad data (malformed JSON, NaN coordinate, unknown issue) */
#define MATERIA_ERROR_INTERNAL (-4)  /* a bug in materia; please report it */
#define MATERIA_ERROR_NOMEM (-5)     /* out of memory */
#define MATERIA_ERROR_NOT_FOUND (-6) /* no such thing (a column name) */

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
/* Sizes the worker pool: `threads` threads in all, the caller's included (threads - 1 workers;
 * 0 = every core, the default). Call it before or between analyses: a call made while another
 * thread is analyzing waits for that analysis's parallel work to finish. */
MATERIA_API int materia_config_threads(unsigned threads);

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

/* ---------------------------------------------------------------------------------------------
 * Datasets: firms' materiality assessments (docs/format.md, "Dataset"). */
typedef struct materia_dataset materia_dataset;

/* Parses a dataset of `len` bytes. `format`: "json", "csv" (long format: columns firm, issue,
 * rank | stakeholder + business | level, ...; UTF-8, or GBK, Big5, UTF-16 as detected), "xlsx"
 * (the bytes of an .xlsx workbook) or NULL (JSON when the first non-blank byte is '{', else
 * CSV). `taxonomy` overrides a CSV's taxonomy column; NULL keeps it (default "none"). It may
 * instead be the load options JSON, an object with any of "taxonomy", "sheet", "columns",
 * "ignore_column", "encoding", "levels" and "max_input" (the CLI's --taxonomy, --sheet,
 * --columns, --ignore-column, --encoding, --levels and --max-input; docs/format.md), e.g.
 * {"sheet": "2024", "columns": {"firm": "公司"}, "ignore_column": ["备注"]}.
 * Errors name the input "<string>". */
MATERIA_API int materia_dataset_parse(materia_dataset** out, const char* text, size_t len,
                                      const char* format, const char* taxonomy);
/* Reads a JSON, CSV or .xlsx file (by extension, else by content). `taxonomy` as above: a
 * taxonomy, or the load options JSON. */
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
/* Appends a firm; *out_firm (may be NULL) receives its index for materia_dataset_add_entry.
 * `firm_json`: NULL (weight 1, unlisted issues "bottom", no entries yet) or a JSON object with
 * any of a dataset firm's other fields (docs/format.md): "name", "segment", "weight",
 * "unlisted" ("bottom" | "not_assessed"), "scale" and "issues" (its entries, all at once).
 * Errors name the firm as dataset errors do. Duplicate ids are reported by materia_analyze. */
MATERIA_API int materia_dataset_add_firm(size_t* out_firm, materia_dataset* dataset, const char* id,
                                         const char* firm_json);
/* Appends one issue to a firm's list; `name` is copied. What is known of it, any or none:
 *   rank                   explicit rank (1 = most important; ties allowed), or NaN;
 *   stakeholder, business  matrix coordinates (importance to stakeholders and to the business),
 *                          both or neither (NaN);
 *   level                  an ordinal level ("high", "高", "medium", ..., or "1" to "5"), or NULL.
 * With none of them, the order of the list is the rank (first = most important). An unknown
 * level, or one coordinate without the other, is an input error naming the firm and issue. */
MATERIA_API int materia_dataset_add_entry(materia_dataset* dataset, size_t firm, const char* name,
                                          double rank, double stakeholder, double business,
                                          const char* level);

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
 *   "threads"                threads of this analysis (0 = the pool's size; the result does
 *                            not depend on it)
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

/* ---------------------------------------------------------------------------------------------
 * A result's values, as tables of rows and named columns (read like sqlite3_column_*).
 * Column names are the field names of docs/format.md ("Result fields"), in that order:
 *   MATERIA_TABLE_ISSUES    one row per issue, in rank order (row 0 is rank 1);
 *   MATERIA_TABLE_TOPICS    one row per roll-up topic the data lists, in taxonomy order;
 *   MATERIA_TABLE_META      one row: method, tiers, tier breaks, thresholds, universe, firm
 *                           count ("companies"), bootstrap settings, ...;
 *   MATERIA_TABLE_WARNINGS  one row per warning, one column "warning".
 * Cell types: strings are TEXT; integers and booleans (0/1) INTEGER; numbers DOUBLE; arrays
 * (merged_names, tier_probability, tier_breaks, ...) TEXT holding their JSON array. A value the
 * result does not have (no bootstrap ran, a NaN, a field of another method) is NULL. Strings are
 * owned by the result, valid until materia_result_free. Reading never fails: a row, column or
 * table out of range reads as NULL. */
typedef enum {
  MATERIA_TABLE_ISSUES = 0,
  MATERIA_TABLE_TOPICS = 1,
  MATERIA_TABLE_META = 2,
  MATERIA_TABLE_WARNINGS = 3,
  MATERIA_TABLE_MAX_ENUM = 0x7FFFFFFF /* not a table: makes any int a valid value (C++ callers) */
} materia_table;
typedef enum {
  MATERIA_NULL = 0,
  MATERIA_INTEGER = 1,
  MATERIA_DOUBLE = 2,
  MATERIA_TEXT = 3,
  MATERIA_TYPE_MAX_ENUM = 0x7FFFFFFF /* not a type: keeps the enum int-sized */
} materia_type;

/* Rows and columns of a table; 0 for a NULL result or an unknown table. */
MATERIA_API size_t materia_result_row_count(const materia_result* result, materia_table table);
MATERIA_API size_t materia_result_column_count(const materia_result* result, materia_table table);
/* The name of column `column`; NULL when out of range. Static storage. */
MATERIA_API const char* materia_result_column_name(const materia_result* result,
                                                   materia_table table, size_t column);
/* The index of the column called `name` (>= 0), or MATERIA_ERROR_NOT_FOUND (or
 * MATERIA_ERROR_ARGUMENT for a NULL result or name). */
MATERIA_API int materia_result_column_index(const materia_result* result, materia_table table,
                                            const char* name);
/* The type of a cell. */
MATERIA_API materia_type materia_result_column_type(const materia_result* result,
                                                    materia_table table, size_t row, size_t column);
/* A DOUBLE cell, or an INTEGER cell as a double; NaN for any other. */
MATERIA_API double materia_result_double(const materia_result* result, materia_table table,
                                         size_t row, size_t column);
/* An INTEGER cell, or a DOUBLE cell truncated toward zero when it fits; 0 for any other. */
MATERIA_API int64_t materia_result_int(const materia_result* result, materia_table table,
                                       size_t row, size_t column);
/* A TEXT cell (UTF-8, NUL-terminated, owned by the result); NULL for any other. */
MATERIA_API const char* materia_result_text(const materia_result* result, materia_table table,
                                            size_t row, size_t column);

/* The whole result as the CLI's JSON (docs/format.md) or CSV. *out is NUL-terminated, owned by the
 * caller, freed with materia_free; *out_len (may be NULL) receives its length without the NUL. */
MATERIA_API int materia_result_to_json(char** out, size_t* out_len, const materia_result* result);
MATERIA_API int materia_result_to_csv(char** out, size_t* out_len, const materia_result* result);
/* Why an issue stands where it stands: `materia explain --format json` for `issue` (an id, a
 * canonical name or any raw name merged into it): names merged, each firm's rank, axis
 * positions and part of the score, tier margins, bootstrap interval. *out as above. An unknown
 * issue is a usage error. */
MATERIA_API int materia_result_explain(char** out, size_t* out_len, const materia_result* result,
                                       const char* issue);
/* Agreement among the result's firms, as `materia agreement --format json --show show`:
 * Kendall's W and Friedman's test (unlisted issues tie below the listed ones; tie-corrected),
 * Skillings-Mack over the listed issues, the `show` most and least typical firms, and every
 * firm's Spearman rho with the others. *out as above. */
MATERIA_API int materia_result_agreement(char** out, size_t* out_len, const materia_result* result,
                                         size_t show);

/* ---------------------------------------------------------------------------------------------
 * Name resolution (materia normalize): which taxonomy issue a name is, with user aliases and
 * fuzzy-matching settings. */
typedef struct materia_normalizer materia_normalizer;

/* How a name was resolved (docs/format.md `materia normalize`). */
#define MATERIA_MATCH_EXACT 0
#define MATERIA_MATCH_ALIAS 1
#define MATERIA_MATCH_FUZZY 2
#define MATERIA_MATCH_UNMATCHED 3
#define MATERIA_MATCH_DROPPED 4 /* left out by an alias of kind "drop" (a review decision) */

/* A normalizer over a copy of `taxonomy`. `options_json`: NULL (the taxonomy's own aliases,
 * default settings) or an object with any of
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
/* Resolves one name (UTF-8, NUL-terminated). An unknown name is not an error: its match is
 * MATERIA_MATCH_UNMATCHED and its index (size_t)-1. Out-pointers, any of which may be NULL:
 *   out_index   the entry index for materia_taxonomy_issue_id/name (an issue added by an alias
 *               of kind "new" has an index past the taxonomy's entries: its id is in out_json;
 *               a name an alias of kind "drop" leaves out is MATERIA_MATCH_DROPPED, index
 *               (size_t)-1);
 *   out_match   MATERIA_MATCH_*;
 *   out_score   1 for exact and alias, the similarity for fuzzy, the best similarity when
 *               unmatched;
 *   out_json    the resolution in full, as one element of `materia normalize --format json`
 *               (input, id, name, match, score, key, reason, runner_up, candidates), owned by
 *               the caller (materia_free), its length in *out_json_len (may be NULL).
 * Invalid UTF-8 is an input error. */
MATERIA_API int materia_normalizer_resolve(size_t* out_index, int* out_match, double* out_score,
                                           char** out_json, size_t* out_json_len,
                                           const materia_normalizer* normalizer, const char* name);

/* ---------------------------------------------------------------------------------------------
 * Natural breaks of a list of numbers (materia breaks), in R classInt's conventions. `method`:
 *   "fisher"       Fisher's exactly optimal classes, midpoint breaks (classInt "fisher");
 *   "jenks"        the same optimum, breaks at class maxima (classInt "jenks");
 *   "quantile", "equal"   classInt's "quantile" (type 7) and "equal";
 *   "headtail"     Jiang's head/tail breaks, with `headtail_threshold` the head's largest
 *                  share (NaN = classInt's 0.4); it chooses its number of classes (`classes`
 *                  is ignored);
 *   "fisher:auto"  fisher with the number of classes at the GVF elbow over 1..10 (at most 10).
 * A method that chooses its number of classes needs out_breaks room for as many as it may
 * choose (11 doubles always suffice for fisher:auto).
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

#ifdef __cplusplus
}
#endif

#endif /* MATERIA_H */
