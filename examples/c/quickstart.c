/* materia from C: analyze the built-in sample, print the top five issues with their tiers, then
 * rank three firms' own lists built up entry by entry (no JSON library needed). A result is read
 * as tables of named columns, as sqlite3 reads rows.
 *
 *   cc quickstart.c $(pkg-config --cflags --libs materia) -o quickstart && ./quickstart */
#include <math.h>
#include <stdio.h>

#include <materia.h>

static int fail(const char* what) {
  fprintf(stderr, "quickstart: %s: %s\n", what, materia_last_error());
  return 1;
}

int main(void) {
  const materia_table issues = MATERIA_TABLE_ISSUES;
  materia_dataset *sample = NULL, *mine = NULL;
  materia_result* result = NULL;
  size_t i, firm;
  int name, tier, score, rank, attention;

  printf("materia %s\n", materia_version_string());
  materia_config_threads(2); /* the worker pool: 2 threads in all (0 = every core) */
  if (materia_dataset_sample(&sample, "fintech-2024") != MATERIA_OK) return fail("sample");
  if (materia_analyze(&result, sample,
                      "{\"method\":\"borda-normalized\",\"tiers\":\"fisher:3\"}") != MATERIA_OK)
    return fail("analyze");
  name = materia_result_column_index(result, issues, "name");
  tier = materia_result_column_index(result, issues, "tier");
  score = materia_result_column_index(result, issues, "score");
  if (name < 0 || tier < 0 || score < 0) return fail("columns");
  for (i = 0; i < 5 && i < materia_result_row_count(result, issues); ++i) /* rank order */
    printf("%zu. %s  tier %lld  score %.4f\n", i + 1, materia_result_text(result, issues, i, name),
           (long long)materia_result_int(result, issues, i, tier),
           materia_result_double(result, issues, i, score));
  materia_result_free(result);
  materia_dataset_free(sample);

  /* three firms' ranked lists over the open vocabulary ("none"); NaN = not given */
  if (materia_dataset_create(&mine, "none") != MATERIA_OK) return fail("create");
  materia_dataset_add_firm(&firm, mine, "Bank A", NULL);
  materia_dataset_add_entry(mine, firm, "data security", NAN, NAN, NAN, NULL);
  materia_dataset_add_entry(mine, firm, "green finance", NAN, NAN, NAN, NULL);
  materia_dataset_add_firm(&firm, mine, "Bank B", "{\"segment\": \"bank\"}");
  materia_dataset_add_entry(mine, firm, "Data Security", NAN, NAN, NAN, NULL);
  materia_dataset_add_entry(mine, firm, "financial inclusion", NAN, NAN, NAN, NULL);
  materia_dataset_add_firm(&firm, mine, "Bank C", NULL);
  materia_dataset_add_entry(mine, firm, "green finance", 1, NAN, NAN, NULL);
  materia_dataset_add_entry(mine, firm, "data  security", 2, NAN, NAN, NULL);
  if (materia_analyze(&result, mine, "{\"method\":\"borda-normalized\",\"tiers\":\"counts:1\"}") !=
      MATERIA_OK)
    return fail("analyze");
  rank = materia_result_column_index(result, issues, "rank");
  name = materia_result_column_index(result, issues, "name");
  attention = materia_result_column_index(result, issues, "attention");
  for (i = 0; i < materia_result_row_count(result, issues); ++i)
    printf("  %lld  %-20s listed by %lld firms\n",
           (long long)materia_result_int(result, issues, i, rank),
           materia_result_text(result, issues, i, name),
           (long long)materia_result_int(result, issues, i, attention));
  materia_result_free(result);
  materia_dataset_free(mine);
  return 0;
}
