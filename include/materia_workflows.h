/* materia — C API, workflows: disclosure statistics, scoring models, ESRS-style assessments,
 * stakeholder surveys and comparisons (materia disclosure | score | assess | survey | compare |
 * benchmark | extract). A document or datasets in, the CLI's output out. Same library and
 * conventions as materia.h (ABI 1, libmateria.so.1).
 */
#ifndef MATERIA_WORKFLOWS_H
#define MATERIA_WORKFLOWS_H

#include "materia.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Common to the calls of this header:
 *   - the input document is `len` bytes of UTF-8 (it need not be NUL-terminated);
 *   - `options_json` is NULL or a JSON object; unknown keys are a usage error. Every call knows
 *       "format"  "json" (default), "csv" or "table": the bytes `materia VERB --format F` prints;
 *       "source"  the name errors give for the input (default "<string>"); pass the file name and
 *                 the messages are the CLI's, word for word (not for the calls on datasets,
 *                 whose errors name the datasets' own sources);
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

/* Two datasets compared issue by issue (materia compare A B): rank changes with simultaneous
 * paired-bootstrap intervals, entered and left issues, tier migrations, Kendall's tau-b with its
 * interval. Options: every key of materia_analyze (the analysis of each dataset; "bootstrap" is B
 * of the paired bootstrap, default 1000, and "seed" its seed), and
 *   "same_firms"        true: only the firms in both datasets (by id);
 *   "level"             simultaneous coverage of the intervals, in (0,1) (default 0.95);
 *   "label_a", "label_b" how the output names the datasets (default "A", "B");
 *   "format"            "json" (default), "csv" or "table".
 * The datasets are only read. */
MATERIA_API int materia_compare(char** out, size_t* out_len, const materia_dataset* a,
                                const materia_dataset* b, const char* options_json);
/* One firm against the consensus of its peers (materia benchmark): gaps in rank and on each
 * axis, blind spots, distinctive issues, tau-b to the consensus and its percentile among the
 * peers'. Options: every key of materia_analyze, and
 *   "firm"    the firm's id or name (required);
 *   "peers"   "segment" (the firms of its segment) or an array of firm ids; default every other;
 *   "format"  "json" (default), "csv" or "table". */
MATERIA_API int materia_benchmark(char** out, size_t* out_len, const materia_dataset* dataset,
                                  const char* options_json);

/* The material issues of `count` ESG report PDFs (`paths`, one firm each) as a dataset
 * (materia extract; docs/extract.md): each issue with its matrix coordinates, level or rank, its
 * "source" (file, page, box) and "confidence", and "meta.extraction" (provenance). Needs the
 * optional PDF reader libmateria_extract, loaded at run time: without it the call returns
 * MATERIA_ERROR_USAGE ("PDF extraction is not part of this build of materia ..."). Options:
 *   "firms"        an array of firm ids, one per path (default: each file's name without .pdf);
 *   "taxonomy"     the dataset's taxonomy (a built-in name or a taxonomy file's path);
 *   "format"       "json" (default) or "csv" (the long CSV form);
 *   "review"       a path: write the review CSV there (materia extract --review);
 *   "review_html"  a directory: write the review page there (materia extract --review-html);
 *   "ocr"          true: read scanned pages by OCR (materia extract --ocr).
 * The text is a dataset materia_dataset_parse reads. */
MATERIA_API int materia_extract(char** out, size_t* out_len, const char* const* paths, size_t count,
                                const char* options_json);

#ifdef __cplusplus
}
#endif

#endif /* MATERIA_WORKFLOWS_H */
