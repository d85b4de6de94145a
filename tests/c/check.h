/* The checks the C API test programs share (each program includes this once). A failed check
 * prints where and what, and counts; main() returns non-zero when any failed. */
#ifndef MATERIA_TESTS_C_CHECK_H
#define MATERIA_TESTS_C_CHECK_H

#include <stdio.h>
#include <string.h>

#include "materia.h"

static int failures = 0;

#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

#define CHECK_OK(call)                                                                    \
  do {                                                                                    \
    int status_ = (call);                                                                 \
    if (status_ != MATERIA_OK) {                                                          \
      fprintf(stderr, "%s:%d: %s returned %d (%s)\n", __FILE__, __LINE__, #call, status_, \
              materia_last_error());                                                      \
      ++failures;                                                                         \
    }                                                                                     \
  } while (0)

#define CHECK_ERROR(call, status, message)                                                      \
  do {                                                                                          \
    int status_ = (call);                                                                       \
    if (status_ != (status) || strcmp(materia_last_error(), (message)) != 0) {                  \
      fprintf(stderr, "%s:%d: %s returned %d \"%s\", expected %d \"%s\"\n", __FILE__, __LINE__, \
              #call, status_, materia_last_error(), (status), (message));                       \
      ++failures;                                                                               \
    }                                                                                           \
  } while (0)

static int contains(const char* text, const char* part) {
  return text && strstr(text, part) != NULL;
}

/* The index of column `name` of `table`; a failed check (and column 0) when there is none. */
static inline size_t column_of(const materia_result* result, materia_table table,
                               const char* name) {
  int column = materia_result_column_index(result, table, name);
  if (column < 0) {
    fprintf(stderr, "no column \"%s\" in table %d: %s\n", name, (int)table, materia_last_error());
    ++failures;
    return 0;
  }
  return (size_t)column;
}

/* Cells of the issues table (rank order) by column name. */
static inline const char* issue_text(const materia_result* result, size_t row, const char* name) {
  return materia_result_text(result, MATERIA_TABLE_ISSUES, row,
                             column_of(result, MATERIA_TABLE_ISSUES, name));
}
static inline double issue_double(const materia_result* result, size_t row, const char* name) {
  return materia_result_double(result, MATERIA_TABLE_ISSUES, row,
                               column_of(result, MATERIA_TABLE_ISSUES, name));
}
static inline int64_t issue_int(const materia_result* result, size_t row, const char* name) {
  return materia_result_int(result, MATERIA_TABLE_ISSUES, row,
                            column_of(result, MATERIA_TABLE_ISSUES, name));
}
/* Cells of the one-row META table by column name. */
static inline const char* meta_text(const materia_result* result, const char* name) {
  return materia_result_text(result, MATERIA_TABLE_META, 0,
                             column_of(result, MATERIA_TABLE_META, name));
}
static inline double meta_double(const materia_result* result, const char* name) {
  return materia_result_double(result, MATERIA_TABLE_META, 0,
                               column_of(result, MATERIA_TABLE_META, name));
}
static inline int64_t meta_int(const materia_result* result, const char* name) {
  return materia_result_int(result, MATERIA_TABLE_META, 0,
                            column_of(result, MATERIA_TABLE_META, name));
}
static inline size_t issue_count(const materia_result* result) {
  return materia_result_row_count(result, MATERIA_TABLE_ISSUES);
}

#endif /* MATERIA_TESTS_C_CHECK_H */
