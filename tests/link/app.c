/* The C API issue's embedder, built from an install with pkg-config alone: analyze the sample and
 * print each issue's rank, name, tier and score read through the column calls (a TSV on stdout),
 * then the result's JSON to the file named by argv[1], for pkg_config.sh to compare. */
#include <stdio.h>

#include <materia.h>

static int fail(const char* what) {
  fprintf(stderr, "app: %s: %s\n", what, materia_last_error());
  return 1;
}

int main(int argc, char** argv) {
  const materia_table issues = MATERIA_TABLE_ISSUES;
  materia_dataset* sample = NULL;
  materia_result* result = NULL;
  char* json = NULL;
  size_t length = 0, row;
  int rank, name, tier, score;
  FILE* out;

  if (argc != 2) return fprintf(stderr, "usage: app JSON_OUT\n"), 2;
  if (materia_config_threads(3) != MATERIA_OK) return fail("threads");
  if (materia_dataset_sample(&sample, "fintech-2024") != MATERIA_OK) return fail("sample");
  if (materia_analyze(&result, sample, "{\"method\":\"rra\",\"tiers\":\"fisher:3\"}") != MATERIA_OK)
    return fail("analyze");
  rank = materia_result_column_index(result, issues, "rank");
  name = materia_result_column_index(result, issues, "name");
  tier = materia_result_column_index(result, issues, "tier");
  score = materia_result_column_index(result, issues, "score");
  if (rank < 0 || name < 0 || tier < 0 || score < 0) return fail("columns");
  for (row = 0; row < materia_result_row_count(result, issues); ++row)
    printf("%lld\t%s\t%lld\t%.17g\n", (long long)materia_result_int(result, issues, row, rank),
           materia_result_text(result, issues, row, name),
           (long long)materia_result_int(result, issues, row, tier),
           materia_result_double(result, issues, row, score));
  if (materia_result_to_json(&json, &length, result) != MATERIA_OK) return fail("to_json");
  out = fopen(argv[1], "wb");
  if (out == NULL || fwrite(json, 1, length, out) != length || fclose(out) != 0)
    return fprintf(stderr, "app: cannot write %s\n", argv[1]), 1;
  materia_free(json);
  materia_result_free(result);
  materia_dataset_free(sample);
  return 0;
}
