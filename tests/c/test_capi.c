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
  CHECK(materia_result_issue_count(NULL) == 0);
  CHECK(materia_result_issue_id(NULL, 0) == NULL);
  CHECK(materia_result_scores(NULL) == NULL);
  CHECK(materia_dataset_add_entry(NULL, 0, "x") == MATERIA_ERROR_ARGUMENT);
}

static void test_bad_json(void) {
  materia_dataset* dataset = NULL;
  const char* json = "{\"companies\": [";
  CHECK(materia_dataset_from_json(&dataset, json, strlen(json)) == MATERIA_ERROR_INPUT);
  CHECK(dataset == NULL);
  CHECK(contains(materia_last_error(), "<string>"));
  CHECK(contains(materia_last_error(), "invalid JSON"));
}

static void test_sample(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  size_t n, i, index = 0, break_count = 0, lines = 0;
  const double *scores, *stakeholder, *breaks;
  const int *ranks, *tiers, *attention;
  char *json = NULL, *csv = NULL;
  size_t json_len = 0, csv_len = 0;

  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  CHECK(materia_dataset_firm_count(dataset) == 23);
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  n = materia_result_issue_count(result);
  CHECK(n == 91);
  CHECK(strcmp(materia_result_method(result), "borda-normalized") == 0);
  CHECK(strcmp(materia_result_tier_spec(result), "fisher:3") == 0);
  CHECK(materia_result_companies(result) == 23);
  CHECK(materia_result_universe(result) == 91);
  CHECK(materia_result_higher_is_better(result) == 1);
  CHECK(materia_result_gvf(result) > 0.5 && materia_result_gvf(result) <= 1.0);
  scores = materia_result_scores(result);
  ranks = materia_result_ranks(result);
  tiers = materia_result_tiers(result);
  attention = materia_result_attention(result);
  stakeholder = materia_result_stakeholder(result);
  CHECK(scores && ranks && tiers && attention && stakeholder);
  CHECK(strcmp(materia_result_issue_id(result, 0), "data-security-and-privacy-protection") == 0);
  CHECK(strcmp(materia_result_issue_name(result, 0), "数据安全与隐私保护") == 0);
  CHECK(strcmp(materia_result_issue_category(result, 0), "G") == 0);
  CHECK(strcmp(materia_result_issue_quadrant(result, 0), "both") == 0);
  CHECK(attention[0] == 23);
  CHECK(materia_result_attention_share(result)[0] == 1.0);
  for (i = 0; i < n; ++i) {
    CHECK(ranks[i] <= (int)i + 1 && (i == 0 || ranks[i] >= ranks[i - 1])); /* ties share a rank */
    CHECK(tiers[i] >= 1 && tiers[i] <= 3);
    CHECK(stakeholder[i] >= 0.0 && stakeholder[i] <= 1.0);
    CHECK(materia_result_business(result)[i] >= 0.0 && materia_result_business(result)[i] <= 1.0);
    CHECK(materia_result_importance(result)[i] >= 0.0 &&
          materia_result_importance(result)[i] <= 1.0);
    if (i > 0) {
      CHECK(scores[i] <= scores[i - 1]);
      CHECK(tiers[i] >= tiers[i - 1]);
    }
  }
  CHECK(tiers[0] == 1 && tiers[n - 1] == 3);
  /* tier breaks: every tier-t issue scores at least breaks[t-1] */
  breaks = materia_result_tier_breaks(result, &break_count);
  CHECK(break_count == 2);
  for (i = 0; i < n && breaks; ++i) {
    if (tiers[i] == 1) CHECK(scores[i] >= breaks[0]);
    if (tiers[i] == 2) CHECK(scores[i] < breaks[0] && scores[i] >= breaks[1]);
    if (tiers[i] == 3) CHECK(scores[i] < breaks[1]);
  }
  CHECK(materia_result_issue_id(result, n) == NULL); /* out of range */
  CHECK_OK(materia_result_find(&index, result, "customer-service"));
  CHECK(strcmp(materia_result_issue_id(result, index), "customer-service") == 0);
  CHECK(materia_result_find(&index, result, "no-such-issue") == MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "no-such-issue"));

  CHECK_OK(materia_result_to_json(result, &json, &json_len));
  CHECK(json && strlen(json) == json_len);
  CHECK(contains(json, "\"method\": \"borda-normalized\""));
  CHECK(contains(json, "\"companies\": 23"));
  CHECK_OK(materia_result_to_csv(result, &csv, &csv_len));
  for (i = 0; csv && i < csv_len; ++i)
    lines += csv[i] == '\n';
  CHECK(lines == 92); /* header + 91 issues */
  materia_free(json);
  materia_free(csv);
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
  CHECK_OK(materia_dataset_add_firm(&f1, built, "F1"));
  CHECK_OK(materia_dataset_add_firm(&f2, built, "F2"));
  CHECK_OK(materia_dataset_add_firm(&f3, built, "F3"));
  CHECK(f1 == 0 && f2 == 1 && f3 == 2);
  CHECK(materia_dataset_firm_count(built) == 3);
  CHECK_OK(materia_dataset_set_firm_weight(built, f3, 2.0));
  CHECK_OK(materia_dataset_add_entry(built, f1, "A"));
  CHECK_OK(materia_dataset_add_entry(built, f1, "B"));
  CHECK_OK(materia_dataset_add_entry(built, f1, "C"));
  CHECK_OK(materia_dataset_add_entry(built, f2, "A"));
  CHECK_OK(materia_dataset_add_entry(built, f2, "C"));
  CHECK_OK(materia_dataset_add_entry(built, f3, "B"));
  CHECK_OK(materia_dataset_add_entry(built, f3, "A"));
  CHECK(materia_dataset_add_entry(built, 3, "A") == MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "firm index 3 is out of range"));

  CHECK_OK(materia_analyze(&result, built, "{\"method\":\"attention\",\"tiers\":\"counts:1,1\"}"));
  CHECK(materia_result_issue_count(result) == 3);
  /* weighted attention: A = 1+1+2 = 4, B = 1+2 = 3, C = 1+1 = 2 */
  CHECK(strcmp(materia_result_issue_id(result, 0), "a") == 0);
  CHECK(strcmp(materia_result_issue_id(result, 1), "b") == 0);
  CHECK(strcmp(materia_result_issue_id(result, 2), "c") == 0);
  CHECK(materia_result_scores(result)[0] == 4.0);
  CHECK(materia_result_scores(result)[1] == 3.0);
  CHECK(materia_result_scores(result)[2] == 2.0);
  CHECK(materia_result_attention(result)[0] == 3); /* attention counts firms, unweighted */
  CHECK(materia_result_tiers(result)[0] == 1 && materia_result_tiers(result)[1] == 2 &&
        materia_result_tiers(result)[2] == 3);
  materia_result_free(result);

  /* building entry by entry gives exactly what the same JSON gives */
  CHECK_OK(materia_dataset_from_json(&parsed, same, strlen(same)));
  CHECK_OK(materia_analyze(&from_built, built, "{\"method\":\"borda-normalized\"}"));
  CHECK_OK(materia_analyze(&from_parsed, parsed, "{\"method\":\"borda-normalized\"}"));
  CHECK_OK(materia_result_to_json(from_built, &json_built, NULL));
  CHECK_OK(materia_result_to_json(from_parsed, &json_parsed, NULL));
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
  CHECK_OK(materia_dataset_add_firm(&f, built, "F1"));
  CHECK_OK(materia_dataset_set_firm_name(built, f, "One"));
  CHECK_OK(materia_dataset_set_firm_segment(built, f, "bank"));
  CHECK_OK(materia_dataset_add_rated_entry(built, f, "数据安全与 隐私保护", 4.8, 4.5));
  CHECK_OK(materia_dataset_add_rated_entry(built, f, "客户服务", 3.0, 4.0));
  CHECK_OK(materia_dataset_add_firm(&g, built, "F2"));
  CHECK_OK(materia_dataset_set_firm_unlisted(built, g, "not_assessed"));
  CHECK(materia_dataset_set_firm_unlisted(built, g, "sometimes") == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "firm \"F2\""));
  CHECK_OK(materia_dataset_add_level_entry(built, g, "客户服务", "high"));
  CHECK_OK(materia_dataset_add_level_entry(built, g, "科技创新", "低"));
  CHECK(materia_dataset_add_level_entry(built, g, "公司治理", "enormous") == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "issue \"公司治理\""));
  CHECK(contains(materia_last_error(), "unknown level \"enormous\""));

  CHECK_OK(materia_dataset_from_json(&parsed, same, strlen(same)));
  CHECK_OK(materia_analyze(&a, built, "{\"tiers\":\"quantile:2\",\"combine\":\"max\"}"));
  CHECK_OK(materia_analyze(&b, parsed, "{\"tiers\":\"quantile:2\",\"combine\":\"max\"}"));
  CHECK_OK(materia_result_to_json(a, &json_a, NULL));
  CHECK_OK(materia_result_to_json(b, &json_b, NULL));
  CHECK(json_a && json_b && strcmp(json_a, json_b) == 0);
  CHECK(materia_result_issue_count(a) == 3);
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
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "F9"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "客户服务"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "火星殖民"));
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
  CHECK_OK(materia_dataset_from_csv(&dataset, csv, strlen(csv), NULL));
  CHECK(materia_dataset_firm_count(dataset) == 3);
  CHECK_OK(materia_analyze(&result, dataset, "{\"method\":\"attention\"}"));
  CHECK(materia_result_issue_count(result) == 2);
  CHECK(strcmp(materia_result_issue_id(result, 0), "y") == 0); /* 3 firms vs 2 */
  materia_result_free(result);
  materia_dataset_free(dataset);
}

static void test_taxonomy(void) {
  materia_taxonomy *taxonomy = NULL, *custom = NULL;
  materia_dataset* dataset = NULL;
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
  CHECK_OK(materia_taxonomy_normalize(&index, &match, &score, taxonomy, "数据安全与 隐私保护"));
  CHECK(match == MATERIA_MATCH_EXACT && score == 1.0);
  CHECK(strcmp(materia_taxonomy_issue_id(taxonomy, index),
               "data-security-and-privacy-protection") == 0);
  CHECK(strcmp(materia_taxonomy_issue_name(taxonomy, index), "数据安全与隐私保护") == 0);
  CHECK_OK(materia_taxonomy_normalize(&index, &match, &score, taxonomy, "zzz"));
  CHECK(match == MATERIA_MATCH_UNMATCHED && index == (size_t)-1 && score == 0.0);
  CHECK(strcmp(materia_match_name(MATERIA_MATCH_ALIAS), "alias") == 0);
  CHECK(materia_taxonomy_normalize(&index, &match, &score, taxonomy, "\xff\xfe") ==
        MATERIA_ERROR_INPUT);
  CHECK(materia_taxonomy_builtin(&custom, "no-such") == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "fintech-2024")); /* names the known presets */

  CHECK_OK(materia_taxonomy_from_json(&custom, json, strlen(json)));
  CHECK(materia_taxonomy_issue_count(custom) == 2);
  CHECK_OK(materia_taxonomy_normalize(&index, &match, NULL, custom, "h2o"));
  CHECK(match == MATERIA_MATCH_ALIAS &&
        strcmp(materia_taxonomy_issue_id(custom, index), "water") == 0);

  /* a dataset over the custom taxonomy */
  CHECK_OK(materia_dataset_create(&dataset, NULL));
  CHECK_OK(materia_dataset_set_taxonomy(dataset, custom));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "F1"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "People"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "H2O"));
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(strcmp(materia_result_issue_id(result, 0), "people") == 0);
  CHECK(strcmp(materia_result_issue_id(result, 1), "water") == 0);
  CHECK(strcmp(materia_result_issue_category(result, 1), "E") == 0);
  materia_result_free(result);
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
  CHECK_OK(materia_breaks(classes, breaks, &count, &gvf, values, 7, "fisher", 3));
  CHECK(count == 4);
  for (i = 0; i < 7; ++i)
    CHECK(classes[i] == expected_classes[i]);
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == expected_breaks[i]);
  CHECK(fabs(gvf - 0.9933206106870229) < 1e-12); /* 1 - SDCM/SDAM, computed by hand */
  CHECK(materia_breaks(classes, NULL, NULL, NULL, values, 7, "wobbly", 3) == MATERIA_ERROR_USAGE);
  CHECK(materia_breaks(classes, NULL, NULL, NULL, values, 7, "fisher", 0) == MATERIA_ERROR_USAGE);
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
        materia_result_to_json(result, &json, NULL) != MATERIA_OK ||
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
  int ids[THREADS], t, which;
  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  shared_dataset = dataset;
  for (which = 0; which < 2; ++which) {
    materia_result* result = NULL;
    CHECK_OK(materia_analyze(&result, dataset, thread_options[which]));
    CHECK_OK(materia_result_to_json(result, &reference_json[which], NULL));
    materia_result_free(result);
  }
  CHECK(strcmp(reference_json[0], reference_json[1]) != 0);
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
  materia_free(reference_json[0]);
  materia_free(reference_json[1]);
  materia_dataset_free(dataset);
}

int main(void) {
  test_version_and_errors();
  test_null_arguments();
  test_bad_json();
  test_sample();
  test_built_dataset();
  test_rated_and_level_entries();
  test_usage_and_input_errors();
  test_csv();
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
