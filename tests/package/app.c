/* Built against the headers and library extracted from the .deb packages (check_deb.py): the
 * loaded library's version, then the top three issues of the built-in sample. */
#include <materia.h>
#include <stdio.h>

int main(void) {
  materia_dataset* sample = NULL;
  materia_result* result = NULL;
  const materia_table issues = MATERIA_TABLE_ISSUES;
  if (materia_dataset_sample(&sample, "fintech-2024") != MATERIA_OK ||
      materia_analyze(&result, sample, "{\"tiers\":\"fisher:3\"}") != MATERIA_OK) {
    fprintf(stderr, "materia: %s\n", materia_last_error());
    return 1;
  }
  printf("version %s\n", materia_version_string());
  int name = materia_result_column_index(result, issues, "name");
  int tier = materia_result_column_index(result, issues, "tier");
  for (size_t i = 0; i < 3; ++i)
    printf("%zu. %s tier %lld\n", i + 1, materia_result_text(result, issues, i, name),
           (long long)materia_result_int(result, issues, i, tier));
  materia_result_free(result);
  materia_dataset_free(sample);
  return 0;
}
