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
 * Thread safety: the library has no global mutable state. A materia_taxonomy and a
 * materia_result are immutable: any number of threads may read them at once. A materia_dataset
 * may be read (analyzed) by any number of threads at once, but a thread that adds firms or
 * entries to it must be the only one using it. Error messages are per thread.
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
/* A taxonomy from its JSON form (docs/architecture.md "Taxonomy files"); `len` bytes of `json`. */
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

/* How a name was resolved (CONTRACT.md `materia normalize`). */
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
 * Datasets: firms' materiality assessments (CONTRACT.md "Input"). */
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

/* Runs the pipeline. `options_json`: NULL or a JSON object with any of
 *   "method"                 "borda-normalized" (default), "attention", ... (materia analyze
 * --method) "tiers"                  "fisher:3" (default), "counts:26,23,42", "quantile:3", ...
 *   "universe"               N, the number of issues rankings are out of
 *   "combine"                "sum" (default), "max", "product", "distance"
 *   "stakeholder_threshold"  quadrant threshold on [0,1] (default 0.5)
 *   "business_threshold"     quadrant threshold on [0,1] (default 0.5)
 * Unknown keys are a usage error (so a typo never goes unnoticed). */
MATERIA_API int materia_analyze(materia_result** out, const materia_dataset* dataset,
                                const char* options_json);
MATERIA_API void materia_result_free(materia_result* result);

/* The whole result as the CLI's JSON (CONTRACT.md) or CSV. *out is NUL-terminated, owned by the
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

/* ---------------------------------------------------------------------------------------------
 * Natural breaks of a list of numbers (materia breaks). `method`: "fisher" (Fisher's exactly
 * optimal classes; "jenks" is the same optimum). `classes` wanted (fewer when there are fewer
 * distinct values). Out-arrays are caller-allocated, any may be NULL:
 *   out_classes  `count` ints: the class of each value, 1 = lowest;
 *   out_breaks   at least classes + 1 doubles: the minimum, then each class's largest value;
 *   out_break_count  the number of doubles written to out_breaks;
 *   out_gvf      goodness of variance fit, in [0,1]. */
MATERIA_API int materia_breaks(int* out_classes, double* out_breaks, size_t* out_break_count,
                               double* out_gvf, const double* values, size_t count,
                               const char* method, int classes);

#ifdef __cplusplus
}
#endif

#endif /* MATERIA_H */
