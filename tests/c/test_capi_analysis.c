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
  double breaks[12], gvf = -1;
  size_t count = 0, i;
  char* json = NULL;

  CHECK_OK(materia_breaks(classes, breaks, &count, &gvf, values, 7, "fisher", 3));
  CHECK(count == 4);
  for (i = 0; i < 7; ++i)
    CHECK(classes[i] == expected_classes[i]);
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == fisher_breaks[i]);
  CHECK(near(gvf, 0.9933206106870229, 1e-12)); /* 1 - SDCM/SDAM, computed by hand */
  CHECK_OK(materia_breaks(classes, breaks, &count, &gvf, values, 7, "jenks", 3));
  for (i = 0; i < 4; ++i)
    CHECK(breaks[i] == jenks_breaks[i]);
  /* equal intervals of [1, 30] in 2: the break is 15.5 */
  CHECK_OK(materia_breaks(classes, breaks, &count, NULL, values, 7, "equal", 2));
  CHECK(count == 3 && breaks[1] == 15.5 && classes[0] == 2 && classes[1] == 1);
  /* head/tail chooses its own number of classes: a too small buffer is refused */
  CHECK(materia_breaks(classes, breaks, &count, NULL, skewed, 12, "headtail", 1) ==
        MATERIA_ERROR_ARGUMENT);
  CHECK(contains(materia_last_error(), "out_breaks holds 2"));
  CHECK_OK(
      materia_natural_breaks(classes, breaks, 12, &count, NULL, skewed, 12, "headtail", 1, 0.4));
  CHECK(count >= 3 && breaks[0] == 1 && breaks[count - 1] == 100);
  CHECK_OK(materia_breaks_json(&json, NULL, values, 7, "fisher", 3, 0.4));
  CHECK(json && strcmp(json,
                       "{\"breaks\":[1.0,6.5,21.0,30.0],\"classes\":[3,1,2,1,2,1,2],\"gvf\":"
                       "0.9933206106870229,\"method\":\"fisher\",\"class_count\":3}") == 0);
  materia_free(json);
  CHECK_OK(materia_breaks_json(&json, NULL, values, 7, "fisher:auto", 0, 0.4));
  CHECK(contains(json, "\"method\":\"fisher:auto\""));
  materia_free(json);
  CHECK(materia_breaks(classes, NULL, NULL, NULL, values, 7, "wobbly", 3) == MATERIA_ERROR_USAGE);
  CHECK(contains(materia_last_error(), "fisher, jenks, quantile, equal, headtail"));
  CHECK(materia_breaks(classes, NULL, NULL, NULL, values, 7, "fisher", 0) == MATERIA_ERROR_USAGE);
  CHECK(materia_natural_breaks(NULL, NULL, 0, NULL, NULL, values, 7, "headtail", 1, 1.5) ==
        MATERIA_ERROR_USAGE);
  breaks[0] = NAN;
  CHECK(materia_breaks(classes, NULL, NULL, NULL, breaks, 3, "quantile", 2) == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "value 1 is not a finite number"));
}

static void test_uncertainty_and_matrix(void) {
  materia_dataset* dataset = NULL;
  materia_result *result = NULL, *again = NULL;
  size_t n, i, tiers = 0;
  const double *low, *high, *probability, *composite;
  const int *material, *borderline, *ranks;
  char *json = NULL, *json_again = NULL;
  int parents = 0, in_composite = 0, influential = 0;
  double w = -1, p = -1;

  CHECK_OK(materia_dataset_sample(&dataset, "fintech-2024"));
  /* without bootstrap: no intervals */
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(materia_result_tier_probability(result, &tiers) == NULL && tiers == 0);
  CHECK(isnan(materia_result_rank_low(result)[0]));
  CHECK(materia_result_bootstrap_replicates(result) == 0 && !materia_result_leave_one_out(result));
  CHECK(strcmp(materia_result_issue_influential_firm(result, 0), "") == 0);
  CHECK(strcmp(materia_result_material_rule(result), "either") == 0);
  CHECK(strcmp(materia_result_threshold_rule(result), "fisher:2") == 0);
  CHECK(strcmp(materia_result_roll_up(result), "firms") == 0);
  CHECK(strcmp(materia_result_axis_aggregation(result), "shrunk") == 0);
  CHECK(materia_result_tier_count(result) == 3);
  /* agreement of the 23 firms */
  CHECK_OK(materia_result_agreement(result, &w, NULL, NULL, &p));
  CHECK(w > 0 && w < 1 && p >= 0 && p <= 1);
  CHECK_OK(materia_result_agreement_json(result, 2, &json, NULL));
  CHECK(contains(json, "\"raters\": 23") && contains(json, "\"most_typical\": ["));
  materia_free(json);
  json = NULL;
  materia_result_free(result);

  CHECK_OK(materia_analyze(&result, dataset,
                           "{\"bootstrap\":50,\"seed\":9,\"threads\":2,\"leave_one_out\":true,"
                           "\"material\":\"both\",\"stakeholder_threshold\":0.6,"
                           "\"business_threshold\":0.5,\"borderline_band\":0.03,"
                           "\"composite_top\":29,\"roll_up\":\"weight\"}"));
  n = materia_result_issue_count(result);
  CHECK(n == 91);
  CHECK(materia_result_bootstrap_replicates(result) == 50);
  CHECK(materia_result_bootstrap_seed(result) == 9ULL);
  CHECK(materia_result_leave_one_out(result) == 1);
  CHECK(materia_result_stakeholder_threshold(result) == 0.6);
  CHECK(materia_result_business_threshold(result) == 0.5);
  CHECK(strcmp(materia_result_threshold_rule(result), "fixed") == 0);
  CHECK(strcmp(materia_result_material_rule(result), "both") == 0);
  CHECK(strcmp(materia_result_roll_up(result), "weight") == 0);
  CHECK(materia_result_composite_top(result) == 29);
  CHECK(materia_result_borderline_band(result) == 0.03);
  low = materia_result_rank_low(result);
  high = materia_result_rank_high(result);
  probability = materia_result_tier_probability(result, &tiers);
  material = materia_result_material(result);
  borderline = materia_result_borderline(result);
  composite = materia_result_composite(result);
  ranks = materia_result_ranks(result);
  CHECK(low && high && probability && material && borderline && composite && ranks);
  CHECK(tiers == 3);
  for (i = 0; i < n && probability; ++i) {
    double s = materia_result_stakeholder(result)[i], b = materia_result_business(result)[i];
    double sum = probability[i * tiers] + probability[i * tiers + 1] + probability[i * tiers + 2];
    CHECK(near(sum, 1.0, 1e-12));
    CHECK(low[i] >= 1 && low[i] <= high[i] && high[i] <= (double)n);
    CHECK(material[i] == (s >= 0.6 && b >= 0.5));
    if (borderline[i]) CHECK(fabs(s - 0.6) <= 0.03 || fabs(b - 0.5) <= 0.03);
    influential += materia_result_issue_influential_firm(result, i)[0] != '\0';
    CHECK(!isnan(materia_result_influential_shift(result)[i]));
    parents += materia_result_issue_parent(result, i)[0] != '\0';
    in_composite += !isnan(composite[i]);
  }
  CHECK(parents > 0);
  CHECK(in_composite >= 29);
  CHECK(materia_result_composite_cut_attention(result) > 0);
  CHECK(materia_result_composite_attention_threshold(result) >= 0 &&
        materia_result_composite_attention_threshold(result) <= 1);
  CHECK(isnan(materia_result_composite_importance_threshold(NULL)));
  CHECK(materia_result_issue_parent(result, n) == NULL);
  CHECK(influential > 80); /* a few issues move for no single firm */
  /* the cut of the composite top 29 goes through tied issues: said in a warning */
  CHECK(materia_result_warning_count(result) == 1);
  CHECK(contains(materia_result_warning(result, 0), "composite top 29 cuts through"));
  CHECK(materia_result_warning(result, 1) == NULL);

  /* the thread count never changes the result */
  CHECK_OK(materia_analyze(&again, dataset,
                           "{\"bootstrap\":50,\"seed\":9,\"threads\":1,\"leave_one_out\":true,"
                           "\"material\":\"both\",\"stakeholder_threshold\":0.6,"
                           "\"business_threshold\":0.5,\"borderline_band\":0.03,"
                           "\"composite_top\":29,\"roll_up\":\"weight\"}"));
  CHECK_OK(materia_result_to_json(result, &json, NULL));
  CHECK_OK(materia_result_to_json(again, &json_again, NULL));
  CHECK(json && json_again && strcmp(json, json_again) == 0);
  CHECK(contains(json, "\"replicates\": 50"));
  materia_free(json);
  materia_free(json_again);
  materia_result_free(again);
  materia_result_free(result);

  CHECK_OK(materia_analyze(&result, dataset,
                           "{\"composite_attention_threshold\":0.25,"
                           "\"composite_importance_threshold\":0.75}"));
  CHECK(materia_result_composite_attention_threshold(result) == 0.25);
  CHECK(materia_result_composite_importance_threshold(result) == 0.75);
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
  size_t f = 0, index = 99;
  char* json = NULL;
  const char* options =
      "{\"method\":\"attention\",\"strict\":true,"
      "\"aliases\":[{\"name\":\"顾客服务热线\",\"target\":\"customer-service\"}]}";

  CHECK_OK(materia_dataset_create(&dataset, "fintech-2024"));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "A"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "数据安全与隐私保护"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "顾客服务热线"));
  CHECK_OK(materia_dataset_add_firm(&f, dataset, "B"));
  CHECK_OK(materia_dataset_add_entry(dataset, f, "客户服务"));
  /* without the alias a strict analysis refuses the unknown name */
  CHECK(materia_analyze(&result, dataset, "{\"strict\":true,\"fuzzy_threshold\":0.99}") ==
        MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "顾客服务热线"));
  CHECK_OK(materia_analyze(&result, dataset, options));
  CHECK_OK(materia_result_find(&index, result, "customer-service"));
  CHECK(materia_result_attention(result)[index] == 2);
  /* the result keeps its own copy of the dataset: changing ours does not change explain */
  CHECK_OK(materia_dataset_add_entry(dataset, f, "科技创新"));
  CHECK_OK(materia_result_explain(result, "顾客服务热线", &json, NULL));
  CHECK(contains(json, "\"id\": \"customer-service\""));
  CHECK(contains(json, "\"attention\": 2"));
  CHECK(contains(json, "\"name\": \"顾客服务热线\""));
  CHECK(contains(json, "\"firm\": \"A\"") && contains(json, "\"firm\": \"B\""));
  CHECK(!contains(json, "科技创新"));
  materia_free(json);
  json = (char*)&json;
  CHECK(materia_result_explain(result, "火星殖民", &json, NULL) == MATERIA_ERROR_USAGE);
  CHECK(json == NULL);
  CHECK(contains(materia_last_error(), "火星殖民"));
  CHECK(materia_result_explain(NULL, "x", &json, NULL) == MATERIA_ERROR_ARGUMENT);
  materia_result_free(result);
  materia_dataset_free(dataset);
}

static void test_resolution(void) {
  materia_taxonomy* taxonomy = NULL;
  materia_normalizer *normalizer = NULL, *plain = NULL;
  materia_resolution* r = NULL;
  char* json = NULL;
  size_t i;

  CHECK_OK(materia_taxonomy_builtin(&taxonomy, "fintech-2024"));
  CHECK_OK(materia_taxonomy_resolve(&r, taxonomy, "数据安全与 隐私保护"));
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_EXACT);
  CHECK(materia_resolution_score(r) == 1.0);
  CHECK(strcmp(materia_resolution_id(r), "data-security-and-privacy-protection") == 0);
  CHECK(strcmp(materia_resolution_name(r), "数据安全与隐私保护") == 0);
  CHECK(strcmp(materia_resolution_input(r), "数据安全与 隐私保护") == 0);
  CHECK(materia_resolution_reason(r)[0] != '\0' && materia_resolution_key(r)[0] != '\0');
  materia_resolution_free(r);

  /* unmatched: no id, candidates best first, the runner-up is candidate 1 */
  CHECK_OK(materia_taxonomy_resolve(&r, taxonomy, "火星殖民")); /* nothing alike: no candidate */
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_UNMATCHED);
  CHECK(materia_resolution_candidate_count(r) == 0 && materia_resolution_score(r) == 0.0);
  CHECK(contains(materia_resolution_reason(r), "shares a character n-gram"));
  materia_resolution_free(r);
  CHECK_OK(materia_taxonomy_resolve(&r, taxonomy, "客户服务体系")); /* close, below 0.75 */
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_UNMATCHED);
  CHECK(strcmp(materia_resolution_candidate_id(r, 0), "customer-service") == 0);
  CHECK(contains(materia_resolution_reason(r), "below the threshold 0.750"));
  CHECK(materia_resolution_id(r) == NULL && materia_resolution_name(r) == NULL);
  CHECK(materia_resolution_candidate_count(r) == 3);
  CHECK(materia_resolution_score(r) == materia_resolution_candidate_score(r, 0));
  for (i = 1; i < materia_resolution_candidate_count(r); ++i)
    CHECK(materia_resolution_candidate_score(r, i) <= materia_resolution_candidate_score(r, i - 1));
  CHECK(materia_resolution_candidate_id(r, 3) == NULL);
  CHECK(isnan(materia_resolution_candidate_score(r, 3)));
  CHECK_OK(materia_resolution_to_json(r, &json, NULL));
  CHECK(contains(json, "\"match\": \"unmatched\"") && contains(json, "\"id\": null"));
  CHECK(contains(json, "\"runner_up\": {"));
  materia_free(json);
  materia_resolution_free(r);

  /* user aliases and settings */
  CHECK_OK(materia_normalizer_create(
      &normalizer, taxonomy,
      "{\"aliases\":[{\"name\":\"火星殖民\",\"target\":\"customer-service\"}],\"candidates\":5}"));
  CHECK_OK(materia_normalizer_resolve(&r, normalizer, "火星殖民"));
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_ALIAS);
  CHECK(strcmp(materia_resolution_id(r), "customer-service") == 0);
  materia_resolution_free(r);
  /* a lower threshold makes it a fuzzy match; without fuzzy matching it stays unmatched */
  CHECK_OK(materia_normalizer_create(&plain, taxonomy, "{\"threshold\":0.7}"));
  CHECK_OK(materia_normalizer_resolve(&r, plain, "客户服务体系"));
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_FUZZY);
  CHECK(strcmp(materia_resolution_id(r), "customer-service") == 0);
  CHECK(materia_resolution_score(r) > 0.7 && materia_resolution_score(r) < 0.75);
  materia_resolution_free(r);
  materia_normalizer_free(plain);
  CHECK_OK(materia_normalizer_create(&plain, taxonomy, "{\"threshold\":0.7,\"fuzzy\":false}"));
  CHECK_OK(materia_normalizer_resolve(&r, plain, "客户服务体系"));
  CHECK(materia_resolution_match(r) == MATERIA_MATCH_UNMATCHED);
  materia_resolution_free(r);
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
  CHECK(materia_normalizer_resolve(&r, normalizer, "\xff") == MATERIA_ERROR_INPUT);
  CHECK(r == NULL);
  materia_normalizer_free(normalizer);
  materia_normalizer_free(NULL);
  materia_resolution_free(NULL);
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
    materia_resolution* r = NULL;
    if (materia_result_explain(shared_result, "客户服务", &json, NULL) != MATERIA_OK ||
        strcmp(json, reference_explanation) != 0)
      *ok = 0;
    materia_free(json);
    if (materia_normalizer_resolve(&r, shared_normalizer, "顾客服务") != MATERIA_OK ||
        materia_resolution_candidate_count(r) == 0)
      *ok = 0;
    materia_resolution_free(r);
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
  CHECK_OK(materia_result_explain(result, "客户服务", &reference_explanation, NULL));
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
