/* materia_extract through the C API. "missing": without the PDF reader, the call fails with
 * MATERIA_ERROR_USAGE and the message of the CLI. "double WORK_DIR": with the reader's test double
 * (MATERIA_EXTRACT_LIBRARY), a report whose answer is written here becomes a dataset that
 * materia_dataset_parse reads. */
#include <stdlib.h>

#include "../c/check.h"
#include "materia_workflows.h"

static const char* const kNotBuilt =
    "PDF extraction is not part of this build of materia: build with -DMATERIA_EXTRACT=ON (needs "
    "Debian's libpoppler-private-dev), see docs/extract.md";

static void check_missing(void) {
  const char* paths[] = {"report.pdf"};
  char* out = (char*)paths; /* must come back NULL */
  CHECK_ERROR(materia_extract(&out, NULL, paths, 1, NULL), MATERIA_ERROR_USAGE, kNotBuilt);
  CHECK(out == NULL);
}

static void check_double(const char* work) {
  char report[1024];
  snprintf(report, sizeof report, "%s/bank-e.pdf", work);
  FILE* file = fopen(report, "w");
  CHECK(file);
  if (file == NULL) return;
  fputs(
      "{\"pages\": 3, \"materiality_pages\": [2], \"problems\": [], \"entries\": ["
      "{\"name\": \"Green finance\", \"kind\": \"chart\", \"stakeholder\": 0.25, "
      "\"business\": 0.5, \"page\": 2, \"bbox\": [10, 20, 16, 26], \"confidence\": 0.75},"
      "{\"name\": \"Data security\", \"kind\": \"chart\", \"stakeholder\": 1, "
      "\"business\": 0, \"page\": 2, \"bbox\": [30, 40, 36, 46], \"confidence\": 0.25}]}",
      file);
  fclose(file);

  const char* paths[] = {report};
  char* out = NULL;
  size_t length = 0;
  CHECK_OK(materia_extract(&out, &length, paths, 1, "{\"firms\": [\"E05\"]}"));
  CHECK(out != NULL && strlen(out) == length);
  if (out == NULL) return;
  CHECK(contains(out, "\"id\": \"E05\""));
  CHECK(contains(out, "\"confidence\": 0.75"));
  CHECK(contains(out, "\"bbox\": [\n              10.0,"));
  materia_dataset* dataset = NULL;
  CHECK_OK(materia_dataset_parse(&dataset, out, length, "json", NULL));
  CHECK(dataset != NULL && materia_dataset_firm_count(dataset) == 1);
  materia_dataset_free(dataset);
  materia_free(out);

  out = NULL;
  CHECK_OK(materia_extract(&out, NULL, paths, 1, "{\"format\": \"csv\"}"));
  CHECK(out != NULL && contains(out, "bank-e,Green finance,0.25,0.5,0,1,,,"));
  materia_free(out);

  /* The review file, as materia extract --review writes it: the low-confidence entry. */
  char review[1100];
  snprintf(review, sizeof review, "%s/review.csv", work);
  char options[1300];
  snprintf(options, sizeof options, "{\"review\": \"%s\"}", review);
  out = NULL;
  CHECK_OK(materia_extract(&out, NULL, paths, 1, options));
  materia_free(out);
  FILE* written = fopen(review, "r");
  CHECK(written != NULL);
  if (written != NULL) {
    char line[512] = "";
    CHECK(fgets(line, sizeof line, written) != NULL);
    CHECK(strncmp(line, "file,page,kind,text,bbox,message,input,", 39) == 0);
    CHECK(fgets(line, sizeof line, written) != NULL);
    CHECK(contains(line,
                   ",2,low_confidence,Data security,30 40 36 46,\"read with confidence 0.25 "
                   "(stakeholder 1.000, business 0.000); check it on the page\""));
    CHECK(fgets(line, sizeof line, written) == NULL);
    fclose(written);
  }

  /* Arguments and options are checked before any report is read. */
  CHECK_ERROR(materia_extract(&out, NULL, NULL, 1, NULL), MATERIA_ERROR_ARGUMENT,
              "materia_extract: paths is NULL");
  CHECK_ERROR(materia_extract(&out, NULL, paths, 1, "{\"firms\": \"E05\"}"), MATERIA_ERROR_USAGE,
              "option \"firms\" must be an array of firm ids, not string");
  CHECK_ERROR(materia_extract(&out, NULL, paths, 1, "{\"format\": \"table\"}"), MATERIA_ERROR_USAGE,
              "materia_extract writes a dataset: format \"json\" or \"csv\"");
  CHECK_ERROR(materia_extract(&out, NULL, paths, 1, "{\"pages\": 2}"), MATERIA_ERROR_USAGE,
              "unknown option \"pages\" (known: firms, taxonomy, format, review, review_html)");
}

int main(int argc, char** argv) {
  if (argc >= 2 && strcmp(argv[1], "missing") == 0)
    check_missing();
  else if (argc >= 3 && strcmp(argv[1], "double") == 0)
    check_double(argv[2]);
  else {
    fprintf(stderr, "usage: %s missing | double WORK_DIR\n", argv[0]);
    return 2;
  }
  return failures == 0 ? 0 : 1;
}
