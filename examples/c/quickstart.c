/* materia from C: analyze the built-in sample, print the top five issues with their tiers, then
 * rank three firms' own lists built up entry by entry (no JSON library needed).
 *
 *   cc quickstart.c $(pkg-config --cflags --libs materia) -o quickstart && ./quickstart */
#include <stdio.h>

#include <materia.h>

static int fail(const char* what) {
  fprintf(stderr, "quickstart: %s: %s\n", what, materia_last_error());
  return 1;
}

int main(void) {
  materia_dataset *sample = NULL, *mine = NULL;
  materia_result* result = NULL;
  size_t i, firm;
  const int* tiers;
  const double* scores;

  printf("materia %s\n", materia_version_string());
  if (materia_dataset_sample(&sample, "fintech-2024") != MATERIA_OK) return fail("sample");
  if (materia_analyze(&result, sample,
                      "{\"method\":\"borda-normalized\",\"tiers\":\"fisher:3\"}") != MATERIA_OK)
    return fail("analyze");
  tiers = materia_result_tiers(result); /* owned by result: valid until materia_result_free */
  scores = materia_result_scores(result);
  for (i = 0; i < 5 && i < materia_result_issue_count(result); ++i)
    printf("%zu. %s  tier %d  score %.4f\n", i + 1, materia_result_issue_name(result, i), tiers[i],
           scores[i]);
  materia_result_free(result);
  materia_dataset_free(sample);

  /* three firms' ranked lists over the open vocabulary ("none") */
  if (materia_dataset_create(&mine, "none") != MATERIA_OK) return fail("create");
  materia_dataset_add_firm(&firm, mine, "Bank A");
  materia_dataset_add_entry(mine, firm, "data security");
  materia_dataset_add_entry(mine, firm, "green finance");
  materia_dataset_add_firm(&firm, mine, "Bank B");
  materia_dataset_add_entry(mine, firm, "Data Security");
  materia_dataset_add_entry(mine, firm, "financial inclusion");
  materia_dataset_add_firm(&firm, mine, "Bank C");
  materia_dataset_add_ranked_entry(mine, firm, "green finance", 1);
  materia_dataset_add_ranked_entry(mine, firm, "data  security", 2);
  if (materia_analyze(&result, mine, "{\"method\":\"borda-normalized\",\"tiers\":\"counts:1\"}") !=
      MATERIA_OK)
    return fail("analyze");
  for (i = 0; i < materia_result_issue_count(result); ++i)
    printf("  %d  %-20s listed by %d firms\n", materia_result_ranks(result)[i],
           materia_result_issue_name(result, i), materia_result_attention(result)[i]);
  materia_result_free(result);
  materia_dataset_free(mine);
  return 0;
}
