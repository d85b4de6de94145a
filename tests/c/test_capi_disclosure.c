/* The C API of materia disclosure | score | assess | survey, from pure C11 (-Wall -Wextra -Werror
 * -pedantic): the report's published tables reproduced from the sample records, the check's two
 * real inconsistencies, the excellence rubric's hand-computed case, one attention given three
 * ways, the assessment and survey figures, every error path, and calls from several threads.
 * Usage: materia_c_disclosure_tests SOURCE_DIR */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "materia_workflows.h"

static const char* source_dir = ".";

/* A file of the source tree, read whole and NUL-terminated; the caller frees it. */
static char* read_source_file(const char* relative, size_t* out_len) {
  char path[4096];
  FILE* f;
  long size;
  char* text;
  snprintf(path, sizeof path, "%s/%s", source_dir, relative);
  f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) exit(2);
  text[size] = '\0';
  fclose(f);
  if (out_len) *out_len = (size_t)size;
  return text;
}

/* The value of column `column` (0-based) of the first CSV line starting with `prefix`, as a
 * number; NAN if there is none. Only for lines without quoted fields. */
static double csv_number(const char* csv, const char* prefix, int column) {
  const char* line = csv;
  size_t n = strlen(prefix);
  while (line && *line) {
    if (strncmp(line, prefix, n) == 0) {
      const char* field = line;
      int c;
      for (c = 0; c < column && field; ++c) {
        field = strchr(field, ',');
        if (field) ++field;
      }
      return field ? strtod(field, NULL) : NAN;
    }
    line = strchr(line, '\n');
    if (line) ++line;
  }
  return NAN;
}

static void test_disclosure_statistics(void) {
  char* csv = NULL;
  char* json = NULL;
  char* from_text = NULL;
  size_t len = 0, records_len = 0;
  char* records = read_source_file("data/samples/fintech-2024-disclosure.json", &records_len);

  CHECK_OK(materia_disclosure_statistics(&csv, &len, NULL, 0,
                                         "{\"sample\":\"fintech-2024\",\"format\":\"csv\"}"));
  CHECK(len == strlen(csv));
  /* The report's segment table, rounding included (8/60 = 13.3%, 12/31 = 38.7%). */
  CHECK(contains(csv, "segments,it_service_provider,IT technology service providers,8,60,"));
  CHECK(contains(csv, ",13.3%,7,1\n"));
  CHECK(contains(csv, "segments,tech_business_service_provider,"));
  CHECK(contains(csv, ",32.5%,11,2\n"));
  CHECK(contains(csv, ",38.7%,3,9\n"));
  CHECK(contains(csv, ",15.8%,3,0\n"));
  CHECK(contains(csv, "segments,total,total,36,150,0.24,24.0%,24,12\n"));
  /* Standards over the 24 ESG reports, whole percents rounded half up (3/24 = 12.5% -> 13%). */
  CHECK(contains(csv, "standards,GRI Standards (GSSB),GRI Standards (GSSB),18,24,0.75,75%,,\n"));
  CHECK(contains(csv,
                 "standards,SASB industry standards,SASB industry standards,3,24,0.125,13%,,\n"));
  CHECK(contains(csv, "standards,ISSB,ISSB,1,24,"));
  CHECK(contains(csv, "content,strategy,strategy,13,24,"));
  CHECK(contains(csv, ",54.2%,,\n"));
  CHECK(fabs(csv_number(csv, "segments,consumer_finance,", 5) - 12.0 / 31.0) < 1e-15);

  /* The same records as text (CSV and JSON alike are sniffed) give the same figures. */
  CHECK_OK(materia_disclosure_statistics(&from_text, NULL, records, records_len,
                                         "{\"format\":\"csv\"}"));
  CHECK(from_text && strcmp(from_text, csv) == 0);

  /* JSON by default; CSV reports counted too with include_csr (base 36). */
  CHECK_OK(materia_disclosure_statistics(&json, &len, NULL, 0,
                                         "{\"sample\":\"fintech-2024\",\"include_csr\":true}"));
  CHECK(contains(json, "\"basis\": \"esg+csr\""));
  CHECK(contains(json, "\"reports\": 36,"));
  CHECK(json[len - 1] == '\n' && json[len] == '\0');
  materia_free(json);
  materia_free(from_text);
  materia_free(csv);
  free(records);
}

static void test_disclosure_check(void) {
  char* out = NULL;
  size_t count = 99, published_len = 0, records_len = 0;
  char* published = read_source_file("data/published/fintech-2024-published.json", &published_len);
  char* records = read_source_file("data/samples/fintech-2024-disclosure.json", &records_len);

  CHECK_OK(materia_disclosure_check(&out, NULL, &count, NULL, 0, NULL, 0,
                                    "{\"sample\":\"fintech-2024\","
                                    "\"published_sample\":\"fintech-2024\"}"));
  CHECK(count == 2); /* the two real inconsistencies of the published report */
  CHECK(contains(out,
                 "content \\\"kpi_table\\\" printed: published 83.3%; the table's own figures "
                 "give 95.8% (23/24); the records give 95.8% (23/24)"));
  CHECK(contains(out,
                 "\"table_reason\": \"sum of parts listing:HK 7 + listing:HK+US 2 + "
                 "listing:A 4\""));
  materia_free(out);

  /* From texts, with their names in the report. */
  count = 99;
  CHECK_OK(materia_disclosure_check(&out, NULL, &count, records, records_len, published,
                                    published_len,
                                    "{\"source\":\"records.json\",\"published_source\":"
                                    "\"published.json\",\"format\":\"csv\"}"));
  CHECK(count == 2);
  CHECK(contains(out, "content,kpi_table,printed,83.3%,95.8%,23/24,95.8%,23/24\n"));
  CHECK(contains(out, "content,listed,count,14,13,"));
  materia_free(out);

  /* A published table consistent with the records: no disagreement, still MATERIA_OK. */
  {
    const char* consistent =
        "{\"format\":\"materia published tables 1\",\"segments\":{\"rows\":["
        "{\"segment\":\"private_bank\",\"firms\":19,\"reports\":3,\"printed\":\"15.8%\"}]}}";
    count = 99;
    CHECK_OK(materia_disclosure_check(&out, NULL, &count, NULL, 0, consistent, strlen(consistent),
                                      "{\"sample\":\"fintech-2024\"}"));
    CHECK(count == 0);
    CHECK(contains(out, "\"disagreements\": []"));
    materia_free(out);
  }
  free(published);
  free(records);
}

/* X of tests/data/score-small.json, hand-computed in tests/cpp/test_scoring.cpp. */
static void test_score(void) {
  char* csv = NULL;
  char* by_handle = NULL;
  char* by_spec = NULL;
  char* by_result_json = NULL;
  char* result_json = NULL;
  char* options = NULL;
  size_t len = 0;
  char* input = read_source_file("tests/data/score-small.json", &len);
  materia_dataset* sample = NULL;
  materia_result* attention = NULL;

  CHECK_OK(materia_score(&csv, NULL, input, len, "{\"format\":\"csv\"}", NULL));
  CHECK(fabs(csv_number(csv, "X,", 3) - 0.655) < 1e-12);
  CHECK(csv_number(csv, "X,", 2) == 1.0); /* rank */
  CHECK(csv_number(csv, "Y,", 2) == 2.0);
  CHECK(contains(csv, "X,it_service_provider,1,"));
  materia_free(csv);

  /* One attention three ways: a materia_result handle, the spec naming the sample, and the
   * handle's JSON inline. The texts are identical. */
  CHECK_OK(materia_dataset_sample(&sample, "fintech-2024"));
  CHECK_OK(materia_analyze(&attention, sample, "{\"method\":\"attention\"}"));
  CHECK_OK(materia_score(&by_handle, NULL, input, len, NULL, attention));
  CHECK_OK(materia_score(&by_spec, NULL, input, len,
                         "{\"attention\":{\"sample\":\"fintech-2024\"}}", NULL));
  CHECK(by_handle && by_spec && strcmp(by_handle, by_spec) == 0);
  CHECK_OK(materia_result_to_json(&result_json, &len, attention));
  options = malloc(len + 64);
  snprintf(options, len + 64, "{\"attention_result\":%s}", result_json);
  CHECK_OK(materia_score(&by_result_json, NULL, input, strlen(input), options, NULL));
  CHECK(by_result_json && strcmp(by_result_json, by_handle) == 0);
  /* ... and differs from the input's own two-issue attention. */
  CHECK_OK(materia_score(&csv, NULL, input, strlen(input), NULL, NULL));
  CHECK(strcmp(csv, by_handle) != 0);
  materia_free(csv);

  CHECK_ERROR(materia_score(&csv, NULL, input, strlen(input),
                            "{\"attention\":{\"sample\":\"fintech-2024\"}}", attention),
              MATERIA_ERROR_USAGE,
              "give at most one of a result handle, \"attention\" and \"attention_result\"");
  CHECK(csv == NULL);
  CHECK_ERROR(materia_score(&csv, NULL, input, strlen(input), "{\"model\":\"nope\"}", NULL),
              MATERIA_ERROR_USAGE, "unknown scoring model \"nope\" (built in: excellence-2024)");
  materia_free(options);
  materia_free(result_json);
  materia_free(by_result_json);
  materia_free(by_spec);
  materia_free(by_handle);
  materia_result_free(attention);
  materia_dataset_free(sample);
  free(input);
}

static void test_assess_and_survey(void) {
  char* out = NULL;
  size_t len = 0;
  char* assessment = read_source_file("tests/data/assess-small.json", &len);
  char* survey = read_source_file("tests/data/survey-small.json", NULL);
  materia_dataset* dataset = NULL;
  materia_result* result = NULL;

  CHECK_OK(materia_assess(&out, NULL, assessment, len, "{\"format\":\"csv\"}"));
  /* I3: potential negative impact, severity (mean 7/3 + max 3)/2 times likelihood 0.5. */
  CHECK(fabs(csv_number(out, "I3,", 9) - (7.0 / 3.0 + 3.0) / 2.0 * 0.5) < 1e-12);
  CHECK(contains(out, "I1,S4,impact,negative,potential,true,"));
  CHECK(contains(out, "O1,S1,opportunity,"));
  materia_free(out);
  CHECK_OK(materia_assess(&out, NULL, assessment, len, NULL));
  CHECK(contains(out, "\"status\": \"not_assessed\""));
  materia_free(out);

  CHECK_OK(materia_survey(&out, NULL, survey, strlen(survey), "{\"format\":\"csv\"}"));
  /* 数据安全与隐私保护: customers 14/3, regulators 4, employees 4, weights .5 .3 .2. */
  CHECK(fabs(csv_number(out, "数据安全与隐私保护,1,all,", 4) -
             (0.5 * 14.0 / 3.0 + 0.3 * 4.0 + 0.2 * 4.0)) < 1e-12);
  CHECK(fabs(csv_number(out, "社会公益,3,all,", 4) - (0.5 * 2 + 0.3 * 3.5 + 0.2 * 5)) < 1e-12);
  materia_free(out);
  CHECK_OK(materia_survey(&out, NULL, survey, strlen(survey), "{\"as_dataset\":true}"));
  CHECK(contains(out, "\"companies\": ["));
  CHECK(contains(out, "\"business\": 4.5"));
  materia_free(out);

  /* The survey's dataset straight into an analysis: one firm, three issues. */
  CHECK_OK(materia_survey_dataset(&dataset, survey, strlen(survey), NULL));
  CHECK(materia_dataset_firm_count(dataset) == 1);
  CHECK_OK(materia_analyze(&result, dataset, NULL));
  CHECK(issue_count(result) == 3);
  CHECK(meta_int(result, "companies") == 1);
  materia_result_free(result);
  materia_dataset_free(dataset);
  free(survey);
  free(assessment);
}

static void test_errors(void) {
  char* out = (char*)&out; /* must be reset to NULL on failure */
  const char* bad_firm =
      "{\"firms\":[{\"id\":\"F9\",\"segment\":\"s\",\"report\":\"ESG\",\"assurance\":\"maybe\"}]}";
  const char* typo = "{\"firms\":[{\"id\":\"F1\",\"segment\":\"s\",\"report\":\"ESG\",\"kpi\":1}]}";

  CHECK_ERROR(materia_disclosure_statistics(NULL, NULL, NULL, 0, NULL), MATERIA_ERROR_ARGUMENT,
              "materia_disclosure_statistics: out is NULL");
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0, NULL), MATERIA_ERROR_USAGE,
              "give either records or the \"sample\" option");
  CHECK(out == NULL);
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0, "{\"sample\":\"fintech-2023\"}"),
              MATERIA_ERROR_USAGE,
              "unknown firm-records sample \"fintech-2023\" (built in: "
              "fintech-2024)");
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0, "{\"smaple\":\"fintech-2024\"}"),
              MATERIA_ERROR_USAGE,
              "unknown option \"smaple\" (known: sample, source, include_csr, format)");
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0, "{\"include_csr\":1}"),
              MATERIA_ERROR_USAGE, "option \"include_csr\" must be a boolean, not number");
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0,
                                            "{\"sample\":\"fintech-2024\",\"format\":"
                                            "\"xml\"}"),
              MATERIA_ERROR_USAGE, "unknown format \"xml\" (json, csv, table)");
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, NULL, 0, "[1]"), MATERIA_ERROR_USAGE,
              "options must be a JSON object, not array");
  /* Bad records: the file (as named by "source"), the firm and the field, as the CLI says. */
  CHECK(materia_disclosure_statistics(&out, NULL, bad_firm, strlen(bad_firm),
                                      "{\"source\":\"firms.json\"}") == MATERIA_ERROR_INPUT);
  CHECK(strncmp(materia_last_error(), "firms.json: firm \"F9\": ", 23) == 0);
  CHECK(contains(materia_last_error(), "maybe"));
  CHECK_ERROR(materia_disclosure_statistics(&out, NULL, typo, strlen(typo), NULL),
              MATERIA_ERROR_INPUT,
              "<string>: firm \"F1\": unknown field \"kpi\" in a firm record (known: id, name, "
              "segment, report, listed, assurance, strategy, governance, kpi_table, "
              "kpi_dimensions, materiality_matrix, standards)");
  CHECK(materia_disclosure_statistics(&out, NULL, "{\"firms\":", 9, NULL) == MATERIA_ERROR_INPUT);
  CHECK(contains(materia_last_error(), "<string>: invalid JSON at line 1"));
  CHECK(out == NULL);

  CHECK_ERROR(
      materia_disclosure_check(&out, NULL, NULL, NULL, 0, NULL, 0, "{\"sample\":\"fintech-2024\"}"),
      MATERIA_ERROR_USAGE,
      "give either published tables or the \"published_sample\" "
      "option");
  CHECK_ERROR(materia_score(&out, NULL, NULL, 0, NULL, NULL), MATERIA_ERROR_ARGUMENT,
              "materia_score: input is NULL");
  CHECK_ERROR(materia_score(&out, NULL, "{\"firms\":[{\"segment\":\"x\"}]}", 29,
                            "{\"source\":\"s.json\"}", NULL),
              MATERIA_ERROR_INPUT, "s.json: firm 1 has no \"id\"");
  CHECK_ERROR(materia_assess(&out, NULL, "[]", 2, "{\"source\":\"a.json\",\"format\":\"table\"}"),
              MATERIA_ERROR_INPUT, "a.json: an assessment must be a JSON object, not a array");
  CHECK_ERROR(materia_survey(&out, NULL, "[]", 2, "{\"source\":\"s.json\"}"), MATERIA_ERROR_INPUT,
              "s.json: a survey must be a JSON object, not a array");
  CHECK_ERROR(materia_survey(&out, NULL, "{}", 2, "{\"as_dataset\":true,\"format\":\"csv\"}"),
              MATERIA_ERROR_USAGE,
              "\"as_dataset\" writes a JSON dataset; format csv/table do not apply");
  {
    materia_dataset* dataset = (materia_dataset*)&dataset;
    CHECK_ERROR(materia_survey_dataset(&dataset, "[]", 2, NULL), MATERIA_ERROR_INPUT,
                "<string>: a survey must be a JSON object, not a array");
    CHECK(dataset == NULL);
  }
  CHECK(out == NULL);
}

/* materia compare and benchmark on the built-in pair of years. */
static void test_compare_and_benchmark(void) {
  materia_dataset *before = NULL, *after = NULL, *bad = NULL;
  char* out = NULL;
  CHECK_OK(materia_dataset_sample(&before, "fintech-2024"));
  CHECK_OK(materia_dataset_sample(&after, "fintech-2025"));
  /* The firms in both: the two issues moved by construction, and only they, are flagged. */
  CHECK_OK(materia_compare(&out, NULL, before, after,
                           "{\"same_firms\":true,\"bootstrap\":1000,\"format\":\"csv\","
                           "\"label_a\":\"2024\",\"label_b\":\"2025\"}"));
  CHECK(
      contains(out, "addressing-climate-change,应对气候变化,Addressing climate change,E,both,21,"));
  CHECK(contains(out, "supporting-rural-revitalization,助力乡村振兴,"));
  {
    size_t flagged = 0;
    const char* at = out;
    while ((at = strstr(at, ",true,")) != NULL) {
      ++flagged;
      ++at;
    }
    CHECK(flagged == 2);
  }
  materia_free(out);
  CHECK_OK(materia_compare(&out, NULL, before, after, "{\"bootstrap\":50}"));
  CHECK(contains(out, "\"firms_only_a\": [\n    \"F07\",\n    \"F21\"\n  ]"));
  CHECK(contains(out, "\"status\": \"both\""));
  materia_free(out);
  CHECK_OK(materia_benchmark(&out, NULL, before, "{\"firm\":\"F01\",\"format\":\"json\"}"));
  CHECK(contains(out, "\"firm\": {\n    \"id\": \"F01\""));
  CHECK(contains(out, "\"percentile\": "));
  materia_free(out);
  out = NULL;
  CHECK_ERROR(materia_benchmark(&out, NULL, before, "{\"firm\":\"F99\"}"), MATERIA_ERROR_INPUT,
              "<sample fintech-2024>: firm \"F99\": no firm has the id or name \"F99\"; the firms "
              "are F01, F02, F03, F04, F05, F06, F07, F08, ... (23 firms)");
  CHECK_ERROR(materia_benchmark(&out, NULL, before, "{\"peers\":\"segment\"}"), MATERIA_ERROR_USAGE,
              "benchmark needs the firm to benchmark (its id or name)");
  CHECK_ERROR(materia_compare(&out, NULL, before, after, "{\"level\":1.5}"), MATERIA_ERROR_USAGE,
              "option \"level\" must be in (0, 1)");
  CHECK(materia_compare(&out, NULL, before, after, "{\"sames_firms\":true}") ==
            MATERIA_ERROR_USAGE &&
        contains(materia_last_error(), "unknown option \"sames_firms\" (known: method, ") &&
        contains(materia_last_error(), ", same_firms, level, label_a, label_b)"));
  CHECK_ERROR(materia_compare(&out, NULL, before, bad, NULL), MATERIA_ERROR_ARGUMENT,
              "materia_compare: b is NULL");
  CHECK(out == NULL);
  materia_dataset_free(before);
  materia_dataset_free(after);
}

/* Threads calling at once get the same bytes, and their own errors. */
enum { THREADS = 4 };
static char* thread_output[THREADS];
static int thread_error_ok[THREADS];

static void* disclosure_thread(void* arg) {
  size_t i = (size_t)arg;
  char* bad = NULL;
  materia_disclosure_statistics(&thread_output[i], NULL, NULL, 0,
                                "{\"sample\":\"fintech-2024\",\"format\":\"table\"}");
  thread_error_ok[i] = materia_disclosure_statistics(
                           &bad, NULL, NULL, 0, "{\"sample\":\"thread\"}") == MATERIA_ERROR_USAGE &&
                       contains(materia_last_error(), "\"thread\"");
  return NULL;
}

static void test_threads(void) {
  pthread_t threads[THREADS];
  size_t i;
  for (i = 0; i < THREADS; ++i)
    CHECK(pthread_create(&threads[i], NULL, disclosure_thread, (void*)i) == 0);
  for (i = 0; i < THREADS; ++i)
    CHECK(pthread_join(threads[i], NULL) == 0);
  for (i = 0; i < THREADS; ++i) {
    CHECK(thread_output[i] != NULL);
    CHECK(thread_error_ok[i]);
    if (thread_output[i] && thread_output[0])
      CHECK(strcmp(thread_output[i], thread_output[0]) == 0);
  }
  CHECK(contains(thread_output[0], "13.3%"));
  for (i = 0; i < THREADS; ++i)
    materia_free(thread_output[i]);
}

int main(int argc, char** argv) {
  if (argc > 1) source_dir = argv[1];
  test_disclosure_statistics();
  test_disclosure_check();
  test_score();
  test_assess_and_survey();
  test_errors();
  test_compare_and_benchmark();
  test_threads();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all disclosure C API checks passed\n");
  return 0;
}
