/* The C API's statistics, breaks, explanations, uncertainty and matrix accessors and detailed
 * name resolution, from pure C11 (-Wall -Wextra -Werror -pedantic): hand-computed values, error
 * paths, and explanations and resolutions shared between threads. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "materia.h"

static int near(double a, double b, double tolerance) {
  return fabs(a - b) <= tolerance;
}

static void test_stats(void) {
  const double x[] = {1, 2, 3, 4}, y[] = {1, 3, 2, 4}, with_nan[] = {1, 2, NAN, 4};
  const double agree[] = {1, 2, 3, 1, 2, 3, 1, 2, 3}; /* 3 raters x 3 items */
  const double oppose[] = {1, 2, 3, 3, 2, 1};
  const double partial[] = {1, 2, 3, NAN, 1, 2}, filled[] = {1, 2, 3, 3, 1, 2};
  double value = -7, w = -1, chi = -1, df = -1, p = -1, w2 = -2;

  /* one discordant pair of six: tau-b = (5 - 1) / 6; sum d^2 = 2: rho = 1 - 12 / 60 */
  CHECK_OK(materia_stats_kendall_tau_b(&value, x, 4, y, 4, MATERIA_NAN_RAISE));
  CHECK(near(value, 2.0 / 3.0, 1e-15));
  CHECK_OK(materia_stats_spearman_rho(&value, x, 4, y, 4, MATERIA_NAN_RAISE));
  CHECK(near(value, 0.8, 1e-15));
  /* NaN: an input error naming the value, or the pair is left out */
  CHECK(materia_stats_kendall_tau_b(&value, with_nan, 4, y, 4, MATERIA_NAN_RAISE) ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "x value 3 is NaN (pass MATERIA_NAN_OMIT"));
  CHECK_OK(materia_stats_spearman_rho(&value, with_nan, 4, y, 4, MATERIA_NAN_OMIT));
  CHECK(near(value, 1.0, 1e-15)); /* pairs (1,1), (2,3), (4,4): same order */
  CHECK(materia_stats_spearman_rho(&value, x, 4, y, 3, MATERIA_NAN_RAISE) == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "different lengths"));
  CHECK(materia_stats_spearman_rho(&value, x, 4, y, 4, 7) == MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "nan_policy 7"));
  CHECK(materia_stats_kendall_tau_b(NULL, x, 4, y, 4, 0) == MATERIA_ERROR_ARGUMENT);

  /* full agreement: W = 1, chi2 = m (n - 1) = 6, df = 2, p = exp(-3) */
  CHECK_OK(materia_stats_kendall_w(&w, &chi, &df, &p, agree, 3, 3, MATERIA_NAN_RAISE));
  CHECK(near(w, 1.0, 1e-15) && near(chi, 6.0, 1e-12) && df == 2.0);
  CHECK(near(p, exp(-3.0), 1e-12));
  CHECK_OK(materia_stats_kendall_w(&w, NULL, NULL, &p, oppose, 2, 3, MATERIA_NAN_RAISE));
  CHECK(near(w, 0.0, 1e-15) && near(p, 1.0, 1e-12));
  /* an unranked item ties below the ranked ones: NaN, 1, 2 is 3, 1, 2 */
  CHECK(materia_stats_kendall_w(&w, NULL, NULL, NULL, partial, 2, 3, MATERIA_NAN_RAISE) ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "rater 2: item 1 is NaN"));
  CHECK_OK(materia_stats_kendall_w(&w, NULL, NULL, NULL, partial, 2, 3, MATERIA_NAN_OMIT));
  CHECK_OK(materia_stats_kendall_w(&w2, NULL, NULL, NULL, filled, 2, 3, MATERIA_NAN_OMIT));
  CHECK(near(w, w2, 1e-15));
}

static void test_breaks(void) {
  const double values[] = {30, 1, 11, 2, 12, 3, 10};
  const int expected_classes[] = {3, 1, 2, 1, 2, 1, 2};
  const double fisher_breaks[] = {1, 6.5, 21, 30}; /* classInt fisher: midpoints between classes */
  const double jenks_breaks[] = {1, 3, 12, 30};    /* classInt jenks: class maxima */
  const double skewed[] = {1, 1, 1, 1, 1, 1, 2, 2, 3, 10, 40, 100};
  int classes[12];
  double breaks[12], breaks2[12], gvf = -1;
  size_t count = 0, count2 = 0, i;

  CHECK_OK(materia_natural_breaks(classes, breaks, 4, &count, &gvf, values, 7, "fisher", 3, NAN));
  CHECK(count == 4);
  for (i = 0; i < 7; ++i)
    CHECK(classes[i] == expected_classes[i]);
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == fisher_breaks[i]);
  CHECK(near(gvf, 0.9933206106870229, 1e-12)); /* 1 - SDCM/SDAM, computed by hand */
  CHECK_OK(materia_natural_breaks(classes, breaks, 4, &count, &gvf, values, 7, "jenks", 3, NAN));
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == jenks_breaks[i]);
  /* equal intervals of [1, 30] in 2: the break is 15.5 */
  CHECK_OK(materia_natural_breaks(classes, breaks, 3, &count, NULL, values, 7, "equal", 2, NAN));
  CHECK(count == 3 && breaks[1] == 15.5 && classes[0] == 2 && classes[1] == 1);
  /* head/tail chooses its own number of classes: a too small buffer is refused */
  CHECK(materia_natural_breaks(classes, breaks, 2, &count, NULL, skewed, 12, "headtail", 1, NAN) ==
        MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "out_breaks holds 2"));
  CHECK_OK(
      materia_natural_breaks(classes, breaks, 12, &count, NULL, skewed, 12, "headtail", 1, 0.4));
  CHECK(count >= 3 && breaks[0] == 1 && breaks[count - 1] == 100);
  /* NaN asks for classInt's head share, 0.4: the same breaks */
  CHECK_OK(
      materia_natural_breaks(classes, breaks2, 12, &count2, NULL, skewed, 12, "headtail", 1, NAN));
  CHECK(count2 == count);
  for (i = 0; i < count; ++i)
    CHECK(breaks2[i] == breaks[i]);
  /* fisher:auto picks its number of classes: 11 breaks always suffice */
  CHECK_OK(
      materia_natural_breaks(classes, breaks, 11, &count, NULL, values, 7, "fisher:auto", 0, NAN));
  CHECK(count >= 2 && count <= 11);
  CHECK(materia_natural_breaks(classes, NULL, 0, NULL, NULL, values, 7, "wobbly", 3, NAN) ==
        MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "fisher, jenks, quantile, equal, headtail"));
  CHECK(materia_natural_breaks(classes, NULL, 0, NULL, NULL, values, 7, "fisher", 0, NAN) ==
        MATERIA_ERROR_USAGE);
  CHECK(materia_natural_breaks(NULL, NULL, 0, NULL, NULL, values, 7, "headtail", 1, 1.5) ==
        MATERIA_ERROR_USAGE);
  breaks[0] = NAN;
  CHECK(materia_natural_breaks(classes, NULL, 0, NULL, NULL, breaks, 3, "quantile", 2, NAN) ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "value 1 is not a finite number"));
}

static void test_uncertainty_and_matrix(void) {
  materia_dataset* dataset = NULL;
  materia_result *result = NULL, *again = NULL;
  size_t n, i;
  char *json = NULL, *json_again = NULL;
  int parents = 0, in_composite = 0, influential = 0;

  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  /* without bootstrap: no intervals */
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(issue_text(result, 0, "tier_probability") == NULL);
  CHECK(isnan(issue_double(result, 0, "rank_low")));
  CHECK(materia_result_column_type(result, MATERIA_TABLE_META, 0,
                                   column_of(result, MATERIA_TABLE_META, "bootstrap_seed")) ==
        MATERIA_NULL);
  CHECK(meta_int(result, "leave_one_out") == 0);
  CHECK(issue_text(result, 0, "influential_firm") == NULL);
  CHECK(strcmp(meta_text(result, "material_rule"), "either") == 0);
  CHECK(strcmp(meta_text(result, "threshold_rule"), "fisher:2") == 0);
  CHECK(strcmp(meta_text(result, "roll_up"), "firms") == 0);
  CHECK(strcmp(meta_text(result, "axis_aggregation"), "shrunk") == 0);
  CHECK(issue_int(result, issue_count(result) - 1, "tier") == 3);
  /* agreement of the 23 firms */
  CHECK_OK(materia_result_agreement(&json, NULL, result, 2));
  CHECK(contains(json, "\"raters\": 23") && contains(json, "\"most_typical\": ["));
  materia_free(json);
  json = NULL;
  materia_result_free(result);

  CHECK_OK(materia_analyze(&result, dataset,
                           "{\"bootstrap\":50,\"seed\":9,\"threads\":2,\"leave_one_out\":true,"
                           "\"material\":\"both\",\"stakeholder_threshold\":0.6,"
                           "\"business_threshold\":0.5,\"borderline_band\":0.03,"
                           "\"composite_top\":29,\"roll_up\":\"weight\"}"));
  n = issue_count(result);
  CHECK(n == 91);
  CHECK(meta_int(result, "bootstrap_replicates") == 50);
  CHECK(meta_int(result, "bootstrap_seed") == 9);
  CHECK(meta_int(result, "leave_one_out") == 1);
  CHECK(meta_double(result, "stakeholder_threshold") == 0.6);
  CHECK(meta_double(result, "business_threshold") == 0.5);
  CHECK(strcmp(meta_text(result, "threshold_rule"), "fixed") == 0);
  CHECK(strcmp(meta_text(result, "material_rule"), "both") == 0);
  CHECK(strcmp(meta_text(result, "roll_up"), "weight") == 0);
  CHECK(meta_int(result, "composite_top") == 29);
  CHECK(meta_double(result, "borderline_band") == 0.03);
  CHECK(contains(meta_text(result, "tier_stability"), ","));
  for (i = 0; i < n; ++i) {
    double s = issue_double(result, i, "stakeholder"), b = issue_double(result, i, "business");
    double low = issue_double(result, i, "rank_low"), high = issue_double(result, i, "rank_high");
    double p1 = -1, p2 = -1, p3 = -1;
    const char* probability = issue_text(result, i, "tier_probability");
    CHECK(probability && sscanf(probability, "[%lf,%lf,%lf]", &p1, &p2, &p3) == 3);
    CHECK(near(p1 + p2 + p3, 1.0, 1e-12));
    CHECK(low >= 1 && low <= high && high <= (double)n);
    CHECK(issue_int(result, i, "material") == (s >= 0.6 && b >= 0.5));
    if (issue_int(result, i, "borderline")) CHECK(fabs(s - 0.6) <= 0.03 || fabs(b - 0.5) <= 0.03);
    if (issue_text(result, i, "influential_firm") != NULL) {
      ++influential;
      CHECK(!isnan(issue_double(result, i, "influential_shift")));
    }
    parents += issue_text(result, i, "parent") != NULL;
    in_composite += !isnan(issue_double(result, i, "composite"));
  }
  CHECK(parents > 0);
  CHECK(in_composite >= 29);
  CHECK(meta_int(result, "composite_cut_attention") > 0);
  CHECK(meta_double(result, "composite_attention_threshold") >= 0 &&
        meta_double(result, "composite_attention_threshold") <= 1);
  CHECK(influential > 80); /* a few issues move for no single firm */
  /* the cut of the composite top 29 goes through tied issues: said in a warning */
  CHECK(materia_result_row_count(result, MATERIA_TABLE_WARNINGS) == 1);
  CHECK(contains(materia_result_text(result, MATERIA_TABLE_WARNINGS, 0, 0),
                 "composite top 29 cuts through"));
  CHECK(materia_result_text(result, MATERIA_TABLE_WARNINGS, 1, 0) == NULL);

  /* the thread count never changes the result */
  CHECK_OK(materia_analyze(&again, dataset,
                           "{\"bootstrap\":50,\"seed\":9,\"threads\":1,\"leave_one_out\":true,"
                           "\"material\":\"both\",\"stakeholder_threshold\":0.6,"
                           "\"business_threshold\":0.5,\"borderline_band\":0.03,"
                           "\"composite_top\":29,\"roll_up\":\"weight\"}"));
  CHECK_OK(materia_result_to_json(&json, NULL, result));
  CHECK_OK(materia_result_to_json(&json_again, NULL, again));
  CHECK(json && json_again && strcmp(json, json_again) == 0);
  CHECK(contains(json, "\"replicates\": 50"));
  materia_free(json);
  materia_free(json_again);
  materia_result_free(again);
  materia_result_free(result);

  CHECK_OK(materia_analyze(&result, dataset,
                           "{\"composite_attention_threshold\":0.25,"
                           "\"composite_importance_threshold\":0.75}"));
  CHECK(meta_double(result, "composite_attention_threshold") == 0.25);
  CHECK(meta_double(result, "composite_importance_threshold") == 0.75);
  materia_result_free(result);
  result = NULL;

  /* option errors name the key */
  CHECK(materia_analyze(&result, dataset, "{\"bootstrap\":-5}") == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "option \"bootstrap\" must be a whole number"));
  CHECK(materia_analyze(&result, dataset, "{\"leave_one_out\":\"yes\"}") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "{\"roll_up\":\"median\"}") == MATERIA_ERROR_USAGE);
  CHECK(materia_analyze(&result, dataset, "{\"aliases\":\"/nonexistent/a.csv\"}") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "/nonexistent/a.csv"));
  CHECK(result == NULL);
  materia_dataset_free(dataset);
}

static void test_explain_and_aliases(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  size_t f = 0, index = 99, i;
  char* json = NULL;
  const char* options =
      "{\"method\":\"attention\",\"strict\":true,"
      "\"aliases\":[{\"name\":\"顾客服务热线\",\"target\":\"customer-service\"}]}";

  CHECK_OK(materia_dataset_create(&dataset, "fintech-2024"));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "A", NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "数据安全与隐私保护", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "顾客服务热线", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "B", NULL));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "客户服务", NAN, NAN, NAN, NULL));
  /* without the alias a strict analysis refuses the unknown name */
  CHECK(materia_analyze(&result, dataset, "{\"strict\":true,\"fuzzy_threshold\":0.99}") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "顾客服务热线"));
  CHECK_OK(materia_analyze(&result, dataset, options));
  for (i = 0; i < issue_count(result); ++i)
    if (strcmp(issue_text(result, i, "id"), "customer-service") == 0) index = i;
  CHECK(issue_int(result, index, "attention") == 2);
  /* the result keeps its own copy of the dataset: changing ours does not change explain */
  CHECK_OK(materia_dataset_add_entry(dataset, f, "科技创新", NAN, NAN, NAN, NULL));
  CHECK_OK(materia_result_explain(&json, NULL, result, "顾客服务热线"));
  CHECK(contains(json, "\"id\": \"customer-service\""));
  CHECK(contains(json, "\"attention\": 2"));
  CHECK(contains(json, "\"name\": \"顾客服务热线\""));
  CHECK(contains(json, "\"firm\": \"A\"") && contains(json, "\"firm\": \"B\""));
  CHECK(!contains(json, "科技创新"));
  materia_free(json);
  json = (char*)&json;
  CHECK(materia_result_explain(&json, NULL, result, "火星殖民") == MATERIA_ERROR_USAGE);
  CHECK(json == NULL);
  CHECK(contains(materia_last_error(), "火星殖民"));
  CHECK(materia_result_explain(&json, NULL, NULL, "x") == MATERIA_ERROR_ARGUMENT);
  materia_result_free(result);
  materia_dataset_free(dataset);
}

static void test_resolution(void) {
  materia_taxonomy* taxonomy = NULL;
  materia_normalizer *normalizer = NULL, *plain = NULL;
  char* json = NULL;
  size_t index = 0;
  int match = -1;
  double score = -1;

  CHECK_OK(materia_taxonomy_builtin(&taxonomy, "fintech-2024"));
  CHECK_OK(materia_normalizer_create(&plain, taxonomy, NULL)); /* the taxonomy's own aliases */
  CHECK_OK(materia_normalizer_resolve(&index, &match, &score, &json, NULL, plain,
                                      "数据安全与 隐私保护"));
  CHECK(match == MATERIA_MATCH_EXACT && score == 1.0);
  CHECK(strcmp(materia_taxonomy_issue_id(taxonomy, index),
               "data-security-and-privacy-protection") == 0);
  CHECK(contains(json, "\"name\": \"数据安全与隐私保护\""));
  CHECK(contains(json, "\"input\": \"数据安全与 隐私保护\""));
  CHECK(contains(json, "\"key\": \"") && contains(json, "\"reason\": \""));
  materia_free(json);

  /* unmatched: no id, candidates best first, the runner-up is candidate 1 */
  CHECK_OK(materia_normalizer_resolve(&index, &match, &score, &json, NULL, plain, "火星殖民"));
  CHECK(match == MATERIA_MATCH_UNMATCHED && index == (size_t)-1 && score == 0.0);
  CHECK(contains(json, "\"candidates\": []")); /* nothing alike: no candidate */
  CHECK(contains(json, "shares a character n-gram"));
  materia_free(json);
  CHECK_OK(
      materia_normalizer_resolve(&index, &match, &score, &json, NULL, plain, "清洁技术发展机遇"));
  CHECK(match == MATERIA_MATCH_UNMATCHED); /* close, below 0.75 */
  CHECK(score > 0.7 && score < 0.75);
  CHECK(contains(json, "below the threshold 0.750"));
  CHECK(contains(json, "\"match\": \"unmatched\"") && contains(json, "\"id\": null"));
  CHECK(contains(json, "\"runner_up\": {"));
  CHECK(contains(json, "\"id\": \"opportunities-in-clean-technology\"")); /* the best candidate */
  materia_free(json);
  materia_normalizer_free(plain);
  plain = NULL;

  /* user aliases and settings */
  CHECK_OK(materia_normalizer_create(
      &normalizer, taxonomy,
      "{\"aliases\":[{\"name\":\"火星殖民\",\"target\":\"customer-service\"}],\"candidates\":5}"));
  CHECK_OK(materia_normalizer_resolve(&index, &match, NULL, NULL, NULL, normalizer, "火星殖民"));
  CHECK(match == MATERIA_MATCH_ALIAS);
  CHECK(strcmp(materia_taxonomy_issue_id(taxonomy, index), "customer-service") == 0);
  /* a lower threshold makes it a fuzzy match; without fuzzy matching it stays unmatched */
  CHECK_OK(materia_normalizer_create(&plain, taxonomy, "{\"threshold\":0.7}"));
  CHECK_OK(
      materia_normalizer_resolve(&index, &match, &score, NULL, NULL, plain, "清洁技术发展机遇"));
  CHECK(match == MATERIA_MATCH_FUZZY);
  CHECK(strcmp(materia_taxonomy_issue_id(taxonomy, index), "opportunities-in-clean-technology") ==
        0);
  CHECK(score > 0.7 && score < 0.75);
  materia_normalizer_free(plain);
  CHECK_OK(materia_normalizer_create(&plain, taxonomy, "{\"threshold\":0.7,\"fuzzy\":false}"));
  CHECK_OK(materia_normalizer_resolve(NULL, &match, NULL, NULL, NULL, plain, "清洁技术发展机遇"));
  CHECK(match == MATERIA_MATCH_UNMATCHED);
  materia_normalizer_free(plain);
  plain = NULL;
  CHECK(materia_normalizer_create(&plain, taxonomy, "{\"treshold\":1}") == MATERIA_ERROR_USAGE);
  CHECK(plain == NULL);
  CHECK(contains(materia_last_error(), "unknown normalizer option \"treshold\""));
  /* aliases joining two issues: an input error */
  CHECK(materia_normalizer_create(&plain, taxonomy,
                                  "{\"aliases\":[{\"name\":\"客户服务\",\"target\":"
                                  "\"data-security-and-privacy-protection\"}]}") ==
        MATERIA_ERROR_INPUT);
  json = (char*)&json;
  CHECK(materia_normalizer_resolve(NULL, NULL, NULL, &json, NULL, normalizer, "\xff") ==
        MATERIA_ERROR_INPUT);
  CHECK(json == NULL);
  materia_normalizer_free(normalizer);
  materia_normalizer_free(NULL);
  materia_taxonomy_free(taxonomy);
}

/* One result explained, and one normalizer used, by several threads at once. */
#define THREADS 4
static const materia_result* shared_result;
static const materia_normalizer* shared_normalizer;
static char* reference_explanation;

static void* explain_in_thread(void* arg) {
  int round, *ok = malloc(sizeof(int));
  (void)arg;
  if (ok == NULL) return NULL;
  *ok = 1;
  for (round = 0; round < 5; ++round) {
    char* json = NULL;
    char* resolution = NULL;
    if (materia_result_explain(&json, NULL, shared_result, "客户服务") != MATERIA_OK ||
        strcmp(json, reference_explanation) != 0)
      *ok = 0;
    materia_free(json);
    if (materia_normalizer_resolve(NULL, NULL, NULL, &resolution, NULL, shared_normalizer,
                                   "顾客服务") != MATERIA_OK ||
        !contains(resolution, "\"candidates\": [\n"))
      *ok = 0;
    materia_free(resolution);
  }
  return ok;
}

static void test_threads(void) {
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;
  materia_taxonomy* taxonomy = NULL;
  materia_normalizer* normalizer = NULL;
  pthread_t threads[THREADS];
  int t;
  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  CHECK_OK(materia_analyze(&result, dataset, "{\"bootstrap\":20}"));
  materia_dataset_free(dataset); /* the result keeps what it needs */
  CHECK_OK(materia_taxonomy_builtin(&taxonomy, "fintech-2024"));
  CHECK_OK(materia_normalizer_create(&normalizer, taxonomy, NULL));
  materia_taxonomy_free(taxonomy); /* the normalizer keeps its copy */
  CHECK_OK(materia_result_explain(&reference_explanation, NULL, result, "客户服务"));
  CHECK(contains(reference_explanation, "\"tier_probability\""));
  shared_result = result;
  shared_normalizer = normalizer;
  for (t = 0; t < THREADS; ++t)
    CHECK(pthread_create(&threads[t], NULL, explain_in_thread, NULL) == 0);
  for (t = 0; t < THREADS; ++t) {
    void* ok = NULL;
    CHECK(pthread_join(threads[t], &ok) == 0);
    CHECK(ok != NULL && *(int*)ok == 1);
    free(ok);
  }
  materia_free(reference_explanation);
  materia_normalizer_free(normalizer);
  materia_result_free(result);
}

int main(void) {
  test_stats();
  test_breaks();
  test_uncertainty_and_matrix();
  test_explain_and_aliases();
  test_resolution();
  test_threads();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API analysis checks passed\n");
  return 0;
}
