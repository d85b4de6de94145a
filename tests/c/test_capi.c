/* The C API from pure C11 (compiled with -Wall -Wextra -Werror -pedantic): every call, its error
 * paths, hand-computed results, and analyses of one dataset from several threads at once. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "materia.h"

static void test_version_and_errors(void) {
  char expected[32];
  CHECK(materia_version_number() == MATERIA_VERSION_NUMBER);
  snprintf(expected, sizeof expected, "%d.%d.%d", MATERIA_VERSION_MAJOR, MATERIA_VERSION_MINOR,
           MATERIA_VERSION_PATCH);
  CHECK(strcmp(materia_version_string(), expected) == 0);
  CHECK(materia_last_error() != NULL);
  CHECK(strcmp(materia_last_error(), "") == 0); /* nothing failed yet on this thread */
  CHECK(strcmp(materia_status_string(MATERIA_OK), "ok") == 0);
  CHECK(strcmp(materia_status_string(MATERIA_ERROR_INPUT), "input error") == 0);
  CHECK(strcmp(materia_status_string(MATERIA_ERROR_USAGE), "usage error") == 0);
  CHECK(strcmp(materia_status_string(MATERIA_ERROR_NOT_FOUND), "not found") == 0);
  CHECK(strcmp(materia_status_string(12345), "unknown status") == 0);
  /* every destroy accepts NULL */
  materia_free(NULL);
  materia_dataset_free(NULL);
  materia_result_free(NULL);
  materia_taxonomy_free(NULL);
}

static void test_null_arguments(void) {
  materia_result* result = (materia_result*)&result; /* must be reset to NULL on failure */
  CHECK(materia_analyze(NULL, NULL, NULL) == MATERIA_ERROR_ARGUMENT);
  CHECK(materia_analyze(&result, NULL, NULL) == MATERIA_ERROR_ARGUMENT);
  CHECK(result == NULL);
  CHECK(contains(materia_last_error(), "materia_analyze: dataset is NULL"));
  CHECK(materia_result_row_count(NULL, MATERIA_TABLE_ISSUES) == 0);
  CHECK(materia_result_column_count(NULL, MATERIA_TABLE_META) == 0);
  CHECK(materia_result_column_name(NULL, MATERIA_TABLE_ISSUES, 0) == NULL);
  CHECK(materia_result_column_index(NULL, MATERIA_TABLE_ISSUES, "id") == MATERIA_ERROR_ARGUMENT);
  CHECK(materia_result_column_type(NULL, MATERIA_TABLE_ISSUES, 0, 0) == MATERIA_NULL);
  CHECK(isnan(materia_result_double(NULL, MATERIA_TABLE_ISSUES, 0, 0)));
  CHECK(materia_result_int(NULL, MATERIA_TABLE_ISSUES, 0, 0) == 0);
  CHECK(materia_result_text(NULL, MATERIA_TABLE_ISSUES, 0, 0) == NULL);
  CHECK(materia_dataset_add_entry(NULL, 0, "x", NAN, NAN, NAN, NULL) == MATERIA_ERROR_ARGUMENT);
  CHECK(materia_result_to_json(NULL, NULL, NULL) == MATERIA_ERROR_ARGUMENT);
  CHECK(materia_config_threads(0) == MATERIA_OK);
}

static void test_bad_json(void) {
  materia_dataset* dataset = NULL;
  const char* json = "{\"companies\": [";
  CHECK(materia_dataset_parse(&dataset, json, strlen(json), NULL, NULL) == MATERIA_ERROR_INPUT);
  CHECK(dataset == NULL);
  CHECK(contains(materia_last_error(), "<string>"));
  CHECK(contains(materia_last_error(), "invalid JSON"));
  CHECK(materia_dataset_parse(&dataset, json, strlen(json), "xml", NULL) == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(),
                 "format must be \"json\", \"csv\", \"xlsx\" or NULL, not \"xml\""));
  /* told to read CSV, a JSON text is a CSV with a bad header */
  CHECK(materia_dataset_parse(&dataset, json, strlen(json), "csv", NULL) == MATERIA_ERROR_INPUT);
}

static void test_sample(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  size_t n, i, lines = 0, meta_columns, c;
  size_t rank_column, tier_column, score_column;
  double previous_score = INFINITY;
  char *json = NULL, *csv = NULL;
  size_t json_len = 0, csv_len = 0;
  const materia_table meta = MATERIA_TABLE_META;

  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  CHECK(materia_dataset_firm_count(dataset) == 23);
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  n = issue_count(result);
  CHECK(n == 91);

  /* META: one row; method, tiers, firm count, universe, direction, GVF, breaks */
  CHECK(materia_result_row_count(result, meta) == 1);
  meta_columns = materia_result_column_count(result, meta);
  CHECK(meta_columns > 20);
  CHECK(strcmp(materia_result_column_name(result, meta, 0), "method") == 0);
  CHECK(materia_result_column_name(result, meta, meta_columns) == NULL);
  for (c = 0; c < meta_columns; ++c) /* no table of rows is a column */
    CHECK(strcmp(materia_result_column_name(result, meta, c), "issues") != 0 &&
          strcmp(materia_result_column_name(result, meta, c), "warnings") != 0);
  CHECK(strcmp(materia_result_text(result, meta, 0, column_of(result, meta, "method")),
               "borda-normalized") == 0);
  CHECK(strcmp(materia_result_text(result, meta, 0, column_of(result, meta, "tiers")),
               "fisher:3") == 0);
  CHECK(materia_result_int(result, meta, 0, column_of(result, meta, "companies")) == 23);
  CHECK(materia_result_int(result, meta, 0, column_of(result, meta, "universe")) == 91);
  CHECK(materia_result_int(result, meta, 0, column_of(result, meta, "higher_is_better")) == 1);
  CHECK(materia_result_column_type(result, meta, 0, column_of(result, meta, "gvf")) ==
        MATERIA_DOUBLE);
  CHECK(materia_result_double(result, meta, 0, column_of(result, meta, "gvf")) > 0.5);
  /* arrays are their JSON text; no bootstrap ran: its settings are NULL */
  CHECK(materia_result_column_type(result, meta, 0, column_of(result, meta, "tier_breaks")) ==
        MATERIA_TEXT);
  CHECK(materia_result_text(result, meta, 0, column_of(result, meta, "tier_breaks"))[0] == '[');
  CHECK(materia_result_column_type(
            result, meta, 0, column_of(result, meta, "bootstrap_replicates")) == MATERIA_NULL);
  CHECK(isnan(
      materia_result_double(result, meta, 0, column_of(result, meta, "bootstrap_replicates"))));
  CHECK(materia_result_text(result, meta, 0, column_of(result, meta, "bootstrap_replicates")) ==
        NULL);
  /* a column another method fills (kemeny's distance) is NULL too */
  CHECK(materia_result_column_type(result, meta, 0, column_of(result, meta, "kemeny_distance")) ==
        MATERIA_NULL);
  /* out of range: NULL cells, never a crash */
  CHECK(materia_result_column_type(result, meta, 1, 0) == MATERIA_NULL);
  CHECK(materia_result_column_type(result, meta, 0, meta_columns) == MATERIA_NULL);
  CHECK(materia_result_row_count(result, (materia_table)7) == 0);
  CHECK(materia_result_column_type(result, (materia_table)7, 0, 0) == MATERIA_NULL);

  /* NOT_FOUND for a column no table has, with the table and name in the message */
  CHECK(materia_result_column_index(result, MATERIA_TABLE_ISSUES, "scroe") ==
        MATERIA_ERROR_NOT_FOUND);
  CHECK(contains(materia_last_error(), "the issues table has no column \"scroe\""));
  CHECK(materia_result_column_index(result, MATERIA_TABLE_ISSUES, NULL) == MATERIA_ERROR_ARGUMENT);

  /* ISSUES, rank order */
  CHECK(strcmp(materia_result_column_name(result, MATERIA_TABLE_ISSUES, 0), "id") == 0);
  CHECK(strcmp(issue_text(result, 0, "id"), "data-security-and-privacy-protection") == 0);
  CHECK(strcmp(issue_text(result, 0, "name"), "数据安全与隐私保护") == 0);
  CHECK(strcmp(issue_text(result, 0, "category"), "G") == 0);
  CHECK(strcmp(issue_text(result, 0, "quadrant"), "both") == 0);
  CHECK(issue_int(result, 0, "attention") == 23);
  CHECK(issue_double(result, 0, "attention_share") == 1.0);
  CHECK(issue_int(result, 0, "material") == 1); /* booleans are 0/1 INTEGERs */
  CHECK(issue_text(result, 0, "merged_names")[0] == '[');
  rank_column = column_of(result, MATERIA_TABLE_ISSUES, "rank");
  tier_column = column_of(result, MATERIA_TABLE_ISSUES, "tier");
  score_column = column_of(result, MATERIA_TABLE_ISSUES, "score");
  CHECK(materia_result_column_type(result, MATERIA_TABLE_ISSUES, 0, rank_column) ==
        MATERIA_INTEGER);
  CHECK(materia_result_column_type(result, MATERIA_TABLE_ISSUES, 0, score_column) ==
        MATERIA_DOUBLE);
  for (i = 0; i < n; ++i) {
    int64_t rank = materia_result_int(result, MATERIA_TABLE_ISSUES, i, rank_column);
    int64_t tier = materia_result_int(result, MATERIA_TABLE_ISSUES, i, tier_column);
    double score = materia_result_double(result, MATERIA_TABLE_ISSUES, i, score_column);
    CHECK(rank <= (int64_t)i + 1); /* ties share a rank */
    CHECK(i == 0 || rank >= materia_result_int(result, MATERIA_TABLE_ISSUES, i - 1, rank_column));
    CHECK(tier >= 1 && tier <= 3);
    CHECK(score <= previous_score);
    CHECK(issue_double(result, i, "stakeholder") >= 0.0 &&
          issue_double(result, i, "stakeholder") <= 1.0);
    CHECK(issue_double(result, i, "importance") >= 0.0 &&
          issue_double(result, i, "importance") <= 1.0);
    /* no bootstrap: its columns are NULL; rho is rra's */
    CHECK(materia_result_column_type(result, MATERIA_TABLE_ISSUES, i,
                                     column_of(result, MATERIA_TABLE_ISSUES, "rank_low")) ==
          MATERIA_NULL);
    CHECK(materia_result_column_type(result, MATERIA_TABLE_ISSUES, i,
                                     column_of(result, MATERIA_TABLE_ISSUES, "rho")) ==
          MATERIA_NULL);
    previous_score = score;
  }
  /* the last issue has no next one to be tested against */
  CHECK(isnan(issue_double(result, n - 1, "above_next_p")));
  CHECK(issue_int(result, 0, "tier") == 1 && issue_int(result, n - 1, "tier") == 3);
  CHECK(materia_result_row_count(result, MATERIA_TABLE_ISSUES) == n);
  CHECK(materia_result_text(result, MATERIA_TABLE_ISSUES, n, 0) == NULL); /* out of range */
  /* a DOUBLE read as an integer truncates; an INTEGER read as a double converts */
  CHECK(materia_result_int(result, MATERIA_TABLE_ISSUES, 0,
                           column_of(result, MATERIA_TABLE_ISSUES, "rank_mid")) == 1);
  CHECK(materia_result_double(result, MATERIA_TABLE_ISSUES, 0, rank_column) == 1.0);
  CHECK(materia_result_text(result, MATERIA_TABLE_ISSUES, 0, rank_column) == NULL);

  /* TOPICS: the fintech taxonomy's roll-up topics, with children */
  CHECK(materia_result_row_count(result, MATERIA_TABLE_TOPICS) > 0);
  CHECK(materia_result_column_count(result, MATERIA_TABLE_TOPICS) <
        materia_result_column_count(result, MATERIA_TABLE_ISSUES));
  CHECK(materia_result_text(result, MATERIA_TABLE_TOPICS, 0,
                            column_of(result, MATERIA_TABLE_TOPICS, "children"))[0] == '[');
  CHECK(materia_result_column_index(result, MATERIA_TABLE_TOPICS, "rho") ==
        MATERIA_ERROR_NOT_FOUND);
  /* WARNINGS: one column */
  CHECK(materia_result_column_count(result, MATERIA_TABLE_WARNINGS) == 1);
  CHECK(strcmp(materia_result_column_name(result, MATERIA_TABLE_WARNINGS, 0), "warning") == 0);

  CHECK_OK(materia_result_to_json(&json, &json_len, result));
  CHECK(json && strlen(json) == json_len);
  CHECK(contains(json, "\"method\": \"borda-normalized\""));
  CHECK(contains(json, "\"companies\": 23"));
  for (i = 0; i < n; ++i) { /* every name the table has is in the JSON */
    char quoted[256];
    snprintf(quoted, sizeof quoted, "\"name\": \"%s\"", issue_text(result, i, "name"));
    CHECK(contains(json, quoted));
  }
  CHECK_OK(materia_result_to_csv(&csv, &csv_len, result));
  for (i = 0; csv && i < csv_len; ++i)
    lines += csv[i] == '\n';
  CHECK(lines == 92); /* header + 91 issues */
  materia_free(json);
  materia_free(csv);
  materia_result_free(result);
  materia_dataset_free(dataset);
}

/* A bootstrap fills the interval columns and the META settings; a warning has a row. */
static void test_bootstrap_and_warnings(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  size_t n, i, f = 0;
  const materia_table meta = MATERIA_TABLE_META;
  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  CHECK_OK(materia_analyze(&result, dataset, "{\"bootstrap\":40,\"seed\":7}"));
  CHECK(materia_result_int(result, meta, 0, column_of(result, meta, "bootstrap_replicates")) == 40);
  CHECK(materia_result_int(result, meta, 0, column_of(result, meta, "bootstrap_seed")) == 7);
  CHECK(materia_result_double(result, meta, 0, column_of(result, meta, "bootstrap_level")) == 0.95);
  n = issue_count(result);
  for (i = 0; i < n; ++i) {
    double low = issue_double(result, i, "rank_low"), high = issue_double(result, i, "rank_high");
    CHECK(low >= 1 && low <= high && high <= 91);
    CHECK(issue_text(result, i, "tier_probability")[0] == '[');
  }
  materia_result_free(result);
  materia_dataset_free(dataset);

  /* a fuzzy match warns: the warning is a row of WARNINGS */
  CHECK_OK(materia_dataset_create(&dataset, "fintech-2024"));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "F1", NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "客户服务", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "数据安全与隐私保户", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(materia_result_row_count(result, MATERIA_TABLE_WARNINGS) >= 1);
  CHECK(contains(materia_result_text(result, MATERIA_TABLE_WARNINGS, 0, 0), "数据安全与隐私保户"));
  CHECK(materia_result_text(result, MATERIA_TABLE_WARNINGS,
                            materia_result_row_count(result, MATERIA_TABLE_WARNINGS), 0) == NULL);
  materia_result_free(result);
  materia_dataset_free(dataset);
}

/* Three firms listing A, B, C in order; attention counts weighted firms. */
static void test_built_dataset(void) {
  materia_dataset *built = NULL, *parsed = NULL;
  materia_result *result = NULL, *from_built = NULL, *from_parsed = NULL;
  size_t f1 = 99, f2 = 99, f3 = 99;
  char *json_built = NULL, *json_parsed = NULL;
  const char* same =
      "{\"taxonomy\":\"none\",\"companies\":["
      "{\"id\":\"F1\",\"issues\":[{\"name\":\"A\"},{\"name\":\"B\"},{\"name\":\"C\"}]},"
      "{\"id\":\"F2\",\"issues\":[{\"name\":\"A\"},{\"name\":\"C\"}]},"
      "{\"id\":\"F3\",\"weight\":2,\"issues\":[{\"name\":\"B\"},{\"name\":\"A\"}]}]}";

  CHECK_OK(materia_dataset_create(&built, NULL));
  CHECK_OK(materia_dataset_add_firm(&f1, built, "F1", NULL));
  CHECK_OK(materia_dataset_add_firm(&f2, built, "F2", NULL));
  CHECK_OK(materia_dataset_add_firm(&f3, built, "F3", "{\"weight\": 2}"));
  CHECK(f1 == 0 && f2 == 1 && f3 == 2);
  CHECK(materia_dataset_firm_count(built) == 3);
  CHECK_OK(materia_dataset_add_entry(built, f1, "A", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f1, "B", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f1, "C", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f2, "A", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f2, "C", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f3, "B", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f3, "A", NAN, NAN, NAN, NULL));
  CHECK(materia_dataset_add_entry(built, 3, "A", NAN, NAN, NAN, NULL) == MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "firm index 3 is out of range"));

  CHECK_OK(materia_analyze(&result, built, "{\"method\":\"attention\",\"tiers\":\"counts:1,1\"}"));
  CHECK(issue_count(result) == 3);
  /* weighted attention: A = 1+1+2 = 4, B = 1+2 = 3, C = 1+1 = 2 */
  CHECK(strcmp(issue_text(result, 0, "id"), "a") == 0);
  CHECK(strcmp(issue_text(result, 1, "id"), "b") == 0);
  CHECK(strcmp(issue_text(result, 2, "id"), "c") == 0);
  CHECK(issue_double(result, 0, "score") == 4.0);
  CHECK(issue_double(result, 1, "score") == 3.0);
  CHECK(issue_double(result, 2, "score") == 2.0);
  CHECK(issue_int(result, 0, "attention") == 3); /* attention counts firms, unweighted */
  CHECK(issue_int(result, 0, "tier") == 1 && issue_int(result, 1, "tier") == 2 &&
        issue_int(result, 2, "tier") == 3);
  materia_result_free(result);

  /* building entry by entry gives exactly what the same JSON gives */
  CHECK_OK(materia_dataset_parse(&parsed, same, strlen(same), "json", NULL));
  CHECK_OK(materia_analyze(&from_built, built, "{\"method\":\"borda-normalized\"}"));
  CHECK_OK(materia_analyze(&from_parsed, parsed, "{\"method\":\"borda-normalized\"}"));
  CHECK_OK(materia_result_to_json(&json_built, NULL, from_built));
  CHECK_OK(materia_result_to_json(&json_parsed, NULL, from_parsed));
  CHECK(json_built && json_parsed && strcmp(json_built, json_parsed) == 0);
  materia_free(json_built);
  /* a firm's entries may come with it, as its dataset object has them */
  materia_dataset_free(built);
  built = NULL;
  CHECK_OK(materia_dataset_create(&built, NULL));
  CHECK_OK(materia_dataset_add_firm(
      NULL, built, "F1", "{\"issues\":[{\"name\":\"A\"},{\"name\":\"B\"},{\"name\":\"C\"}]}"));
  CHECK_OK(materia_dataset_add_firm(NULL, built, "F2",
                                    "{\"issues\":[{\"name\":\"A\"},{\"name\":\"C\"}]}"));
  CHECK_OK(materia_dataset_add_firm(
      NULL, built, "F3", "{\"weight\":2,\"issues\":[{\"name\":\"B\"},{\"name\":\"A\"}]}"));
  materia_result_free(from_built);
  CHECK_OK(materia_analyze(&from_built, built, "{\"method\":\"borda-normalized\"}"));
  CHECK_OK(materia_result_to_json(&json_built, NULL, from_built));
  CHECK(json_built && json_parsed && strcmp(json_built, json_parsed) == 0);
  materia_free(json_built);
  materia_free(json_parsed);
  materia_result_free(from_built);
  materia_result_free(from_parsed);
  materia_dataset_free(parsed);
  materia_dataset_free(built);
}

static void test_rated_and_level_entries(void) {
  materia_dataset *built = NULL, *parsed = NULL;
  materia_result *a = NULL, *b = NULL;
  char *json_a = NULL, *json_b = NULL;
  size_t f = 0, g = 0;
  const char* same =
      "{\"taxonomy\":\"fintech-2024\",\"companies\":["
      "{\"id\":\"F1\",\"name\":\"One\",\"segment\":\"bank\",\"issues\":["
      "{\"name\":\"数据安全与 隐私保护\",\"stakeholder\":4.8,\"business\":4.5},"
      "{\"name\":\"客户服务\",\"stakeholder\":3.0,\"business\":4.0}]},"
      "{\"id\":\"F2\",\"unlisted\":\"not_assessed\",\"issues\":["
      "{\"name\":\"客户服务\",\"level\":\"high\"},{\"name\":\"科技创新\",\"level\":\"低\"}]}]}";

  CHECK_OK(materia_dataset_create(&built, "fintech-2024"));
  CHECK_OK(materia_dataset_add_firm(&f, built, "F1", "{\"name\": \"One\", \"segment\": \"bank\"}"));
  CHECK_OK(materia_dataset_add_entry(built, f, "数据安全与 隐私保护", NAN, 4.8, 4.5, NULL));
  CHECK_OK(materia_dataset_add_entry(built, f, "客户服务", NAN, 3.0, 4.0, NULL));
  CHECK(materia_dataset_add_entry(built, f, "公司治理", NAN, 3.0, NAN, NULL) ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "firm \"F1\": issue \"公司治理\": give both coordinates"));
  CHECK(materia_dataset_add_firm(&g, built, "F2", "{\"unlisted\": \"sometimes\"}") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "firm \"F2\""));
  CHECK(contains(materia_last_error(), "unlisted must be \"bottom\" or \"not_assessed\""));
  CHECK(materia_dataset_add_firm(&g, built, "F2", "{\"id\": \"F2\"}") == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "must not repeat its \"id\""));
  CHECK(materia_dataset_add_firm(&g, built, "F2", "[1]") == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "must be a JSON object"));
  CHECK(materia_dataset_add_firm(&g, built, "F2", "{\"wieght\": 1}") == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "wieght"));
  CHECK(materia_dataset_add_firm(&g, built, "\xff", NULL) == MATERIA_ERROR_INPUT);
  CHECK(materia_dataset_firm_count(built) == 1); /* a refused firm is not added */
  CHECK_OK(materia_dataset_add_firm(&g, built, "F2", "{\"unlisted\": \"not_assessed\"}"));
  CHECK_OK(materia_dataset_add_entry(built, g, "客户服务", NAN, NAN, NAN, "high"));
  CHECK_OK(materia_dataset_add_entry(built, g, "科技创新", NAN, NAN, NAN, "低"));
  CHECK(materia_dataset_add_entry(built, g, "公司治理", NAN, NAN, NAN, "enormous") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "issue \"公司治理\""));
  CHECK(contains(materia_last_error(), "unknown level \"enormous\""));

  CHECK_OK(materia_dataset_parse(&parsed, same, strlen(same), NULL, NULL));
  CHECK_OK(materia_analyze(&a, built, "{\"tiers\":\"quantile:2\",\"combine\":\"max\"}"));
  CHECK_OK(materia_analyze(&b, parsed, "{\"tiers\":\"quantile:2\",\"combine\":\"max\"}"));
  CHECK_OK(materia_result_to_json(&json_a, NULL, a));
  CHECK_OK(materia_result_to_json(&json_b, NULL, b));
  CHECK(json_a && json_b && strcmp(json_a, json_b) == 0);
  CHECK(issue_count(a) == 3);
  materia_free(json_a);
  materia_free(json_b);
  materia_result_free(a);
  materia_result_free(b);
  materia_dataset_free(parsed);
  materia_dataset_free(built);
}

static void test_usage_and_input_errors(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  size_t f = 0;
  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  CHECK(materia_analyze(&result, dataset, "{\"method\":\"no-such-method\"}") ==
        MATERIA_ERROR_USAGE);
  CHECK(result == NULL);
  CHECK(contains(materia_last_error(), "no-such-method"));
  CHECK(materia_analyze(&result, dataset, "{\"metod\":\"rra\"}") == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "unknown option \"metod\""));
  CHECK(materia_analyze(&result, dataset, "{\"tiers\":\"fisher:x\"}") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "{\"universe\":\"many\"}") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "[1,2]") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "{oops") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "{\"universe\":10}") == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "smaller than the 91"));
  materia_dataset_free(dataset);

  /* a name that is no issue of the taxonomy: an input error naming the firm and the issue */
  CHECK_OK(materia_dataset_create(&dataset, "fintech-2024"));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "F9", NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "客户服务", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "火星殖民", NAN, NAN, NAN, NULL));
  CHECK(materia_analyze(&result, dataset, NULL) == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "firm \"F9\""));
  CHECK(contains(materia_last_error(), "issue \"火星殖民\""));
  materia_dataset_free(dataset);

  CHECK(materia_dataset_create(&dataset, "no-such-taxonomy") == MATERIA_ERROR_USAGE);
  CHECK(dataset == NULL);
  CHECK(materia_dataset_sample(&dataset, "no-such-sample") != MATERIA_OK);
  CHECK(materia_dataset_from_file(&dataset, "/nonexistent/firms.json", NULL) ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "/nonexistent/firms.json"));
}

static void test_csv(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  const char* csv = "firm,issue,rank\nF1,x,1\nF1,y,2\nF2,y,1\nF2,x,2\nF3,y,1\n";
  CHECK_OK(materia_dataset_parse(&dataset, csv, strlen(csv), NULL, NULL));
  CHECK(materia_dataset_firm_count(dataset) == 3);
  CHECK_OK(materia_analyze(&result, dataset, "{\"method\":\"attention\"}"));
  CHECK(issue_count(result) == 2);
  CHECK(strcmp(issue_text(result, 0, "id"), "y") == 0); /* 3 firms vs 2 */
  materia_result_free(result);
  materia_dataset_free(dataset);
}

/* The load options JSON in place of the taxonomy: Chinese headers, a note column, a GBK text
 * and a firm's own level scale. */
static void test_load_options(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  /* "公司,议题,等级,备注" and rows, in GBK: 高 (B8 DF), 低 (B5 CD), 数据安全, 科技创新 */
  const char* gbk =
      "\xB9\xAB\xCB\xBE,\xD2\xE9\xCC\xE2,\xB5\xC8\xBC\xB6,\xB1\xB8\xD7\xA2\r\n"
      "F1,\xCA\xFD\xBE\xDD\xB0\xB2\xC8\xAB,\xB5\xCD,x\r\n"
      "F1,\xBF\xC6\xBC\xBC\xB4\xB4\xD0\xC2,\xB8\xDF,\r\n";
  CHECK(materia_dataset_parse(&dataset, gbk, strlen(gbk), "csv", "{\"encoding\": \"gbk\"}") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "unknown column \"备注\""));
  CHECK_OK(materia_dataset_parse(&dataset, gbk, strlen(gbk), "csv",
                                 "{\"encoding\": \"gbk\", \"ignore_column\": \"备注\", "
                                 "\"taxonomy\": \"none\", \"levels\": {\"高\": 5, \"低\": 1}}"));
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(strcmp(issue_text(result, 0, "id"), "科技创新") == 0); /* 高 above 低 */
  materia_result_free(result);
  materia_dataset_free(dataset);
  CHECK(materia_dataset_parse(&dataset, gbk, strlen(gbk), "csv", "{\"sheets\": 1}") ==
        MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "unknown load option \"sheets\""));
  CHECK(materia_dataset_parse(&dataset, "PK", 2, "xlsx", NULL) == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "not a readable .xlsx workbook"));
}

static void test_taxonomy(void) {
  materia_taxonomy *taxonomy = NULL, *custom = NULL;
  materia_normalizer *normalizer = NULL, *custom_normalizer = NULL;
  materia_dataset* dataset = NULL;
  char* resolution = NULL;
  size_t resolution_len = 0;
  materia_result* result = NULL;
  size_t index = 0, count;
  int match = -1;
  double score = -1;
  const char* json =
      "{\"name\":\"tiny\",\"version\":\"1\",\"issues\":["
      "{\"id\":\"water\",\"name_en\":\"Water\",\"category\":\"E\"},"
      "{\"id\":\"people\",\"name_en\":\"People\",\"category\":\"S\"}],"
      "\"aliases\":[{\"name\":\"H2O\",\"target\":\"water\"}]}";
  size_t f = 0;

  CHECK_OK(materia_taxonomy_builtin(&taxonomy, "fintech-2024"));
  CHECK(strcmp(materia_taxonomy_name(taxonomy), "fintech-2024") == 0);
  CHECK(materia_taxonomy_version(taxonomy) != NULL);
  count = materia_taxonomy_issue_count(taxonomy);
  CHECK(count >= 91);
  CHECK(materia_taxonomy_issue_id(taxonomy, count) == NULL);
  CHECK_OK(materia_normalizer_create(&normalizer, taxonomy, NULL));
  CHECK_OK(materia_normalizer_resolve(&index, &match, &score, &resolution, &resolution_len,
                                      normalizer, "数据安全与 隐私保护"));
  CHECK(match == MATERIA_MATCH_EXACT && score == 1.0);
  CHECK(resolution && strlen(resolution) == resolution_len);
  CHECK(contains(resolution, "\"id\": \"data-security-and-privacy-protection\""));
  CHECK(contains(resolution, "\"match\": \"exact\""));
  materia_free(resolution);
  CHECK(strcmp(materia_taxonomy_issue_id(taxonomy, index),
               "data-security-and-privacy-protection") == 0);
  CHECK(strcmp(materia_taxonomy_issue_name(taxonomy, index), "数据安全与隐私保护") == 0);
  CHECK_OK(materia_normalizer_resolve(&index, &match, &score, NULL, NULL, normalizer, "zzz"));
  CHECK(match == MATERIA_MATCH_UNMATCHED && index == (size_t)-1 && score == 0.0);
  resolution = (char*)&resolution; /* reset to NULL on failure */
  CHECK(materia_normalizer_resolve(&index, &match, &score, &resolution, NULL, normalizer,
                                   "\xff\xfe") == MATERIA_ERROR_INPUT);
  CHECK(resolution == NULL);
  CHECK(materia_normalizer_resolve(NULL, NULL, NULL, NULL, NULL, normalizer, NULL) ==
        MATERIA_ERROR_ARGUMENT);
  CHECK(materia_taxonomy_builtin(&custom, "no-such") == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "fintech-2024")); /* names the known presets */

  CHECK_OK(materia_taxonomy_from_json(&custom, json, strlen(json)));
  CHECK(materia_taxonomy_issue_count(custom) == 2);
  CHECK_OK(materia_normalizer_create(&custom_normalizer, custom, NULL));
  CHECK_OK(materia_normalizer_resolve(&index, &match, NULL, NULL, NULL, custom_normalizer, "h2o"));
  CHECK(match == MATERIA_MATCH_ALIAS &&
        strcmp(materia_taxonomy_issue_id(custom, index), "water") == 0);

  /* a dataset over the custom taxonomy */
  CHECK_OK(materia_dataset_create(&dataset, NULL));
  CHECK_OK(materia_dataset_set_taxonomy(dataset, custom));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "F1", NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "People", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "H2O", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(strcmp(issue_text(result, 0, "id"), "people") == 0);
  CHECK(strcmp(issue_text(result, 1, "id"), "water") == 0);
  CHECK(strcmp(issue_text(result, 1, "category"), "E") == 0);
  materia_result_free(result);
  materia_normalizer_free(custom_normalizer);
  materia_normalizer_free(normalizer);
  materia_dataset_free(dataset);
  materia_taxonomy_free(custom);
  materia_taxonomy_free(taxonomy);
}

static void test_breaks(void) {
  const double values[] = {30, 1, 11, 2, 12, 3, 10};
  const int expected_classes[] = {3, 1, 2, 1, 2, 1, 2};
  const double expected_breaks[] = {1, 6.5, 21, 30}; /* classInt fisher: midpoints */
  int classes[7];
  double breaks[4], gvf = -1;
  size_t count = 0, i;
  CHECK_OK(materia_natural_breaks(classes, breaks, 4, &count, &gvf, values, 7, "fisher", 3, NAN));
  CHECK(count == 4);
  for (i = 0; i < 7; ++i)
    CHECK(classes[i] == expected_classes[i]);
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == expected_breaks[i]);
  CHECK(fabs(gvf - 0.9933206106870229) < 1e-12); /* 1 - SDCM/SDAM, computed by hand */
  CHECK(materia_natural_breaks(classes, NULL, 0, NULL, NULL, values, 7, "wobbly", 3, NAN) ==
        MATERIA_ERROR_USAGE);
  CHECK(materia_natural_breaks(classes, NULL, 0, NULL, NULL, values, 7, "fisher", 0, NAN) ==
        MATERIA_ERROR_USAGE);
  /* three classes need four breaks */
  CHECK(materia_natural_breaks(classes, breaks, 3, NULL, NULL, values, 7, "fisher", 3, NAN) ==
        MATERIA_ERROR_ARGUMENT);
}

/* ------------------------------------------------------------------------------------------- */
/* One shared dataset, analyzed by several threads at once with different methods; each result
 * must equal the single-threaded one byte for byte, and each thread sees only its own errors. */
#define THREADS 4
#define ROUNDS 6

static const materia_dataset* shared_dataset;
static char* reference_json[2];
static const char* const thread_options[2] = {
    "{\"method\":\"borda-normalized\"}", "{\"method\":\"attention\",\"tiers\":\"quantile:4\"}"};

static void* analyze_in_thread(void* arg) {
  int id = *(const int*)arg, round, *ok = malloc(sizeof(int));
  char bad_method[64];
  if (ok == NULL) return NULL;
  *ok = 1;
  for (round = 0; round < ROUNDS; ++round) {
    int which = (id + round) % 2;
    materia_result* result = NULL;
    char* json = NULL;
    if (materia_analyze(&result, shared_dataset, thread_options[which]) != MATERIA_OK ||
        materia_result_to_json(&json, NULL, result) != MATERIA_OK ||
        strcmp(json, reference_json[which]) != 0)
      *ok = 0;
    materia_free(json);
    materia_result_free(result);
    /* an error of this thread's own */
    snprintf(bad_method, sizeof bad_method, "{\"method\":\"thread-%d-round-%d\"}", id, round);
    if (materia_analyze(&result, shared_dataset, bad_method) != MATERIA_ERROR_USAGE) *ok = 0;
    snprintf(bad_method, sizeof bad_method, "thread-%d-round-%d", id, round);
    if (!contains(materia_last_error(), bad_method)) *ok = 0;
  }
  return ok;
}

static void test_threads(void) {
  materia_dataset* dataset = NULL;
  pthread_t threads[THREADS];
  int ids[THREADS], t, which, pool;
  const unsigned pool_sizes[3] = {1, 3, 0};
  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  shared_dataset = dataset;
  for (which = 0; which < 2; ++which) {
    materia_result* result = NULL;
    CHECK_OK(materia_analyze(&result, dataset, thread_options[which]));
    CHECK_OK(materia_result_to_json(&reference_json[which], NULL, result));
    materia_result_free(result);
  }
  CHECK(strcmp(reference_json[0], reference_json[1]) != 0);
  /* the same bytes whatever the pool's size: 4 threads at once on 1, 3 and every core */
  for (pool = 0; pool < 3; ++pool) {
    CHECK_OK(materia_config_threads(pool_sizes[pool]));
    for (t = 0; t < THREADS; ++t) {
      ids[t] = t;
      CHECK(pthread_create(&threads[t], NULL, analyze_in_thread, &ids[t]) == 0);
    }
    for (t = 0; t < THREADS; ++t) {
      void* ok = NULL;
      CHECK(pthread_join(threads[t], &ok) == 0);
      CHECK(ok != NULL && *(int*)ok == 1);
      free(ok);
    }
  }
  materia_free(reference_json[0]);
  materia_free(reference_json[1]);
  materia_dataset_free(dataset);
}

int main(void) {
  test_version_and_errors();
  test_null_arguments();
  test_bad_json();
  test_sample();
  test_bootstrap_and_warnings();
  test_built_dataset();
  test_rated_and_level_entries();
  test_usage_and_input_errors();
  test_csv();
  test_load_options();
  test_taxonomy();
  test_breaks();
  test_threads();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
