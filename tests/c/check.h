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

#endif /* MATERIA_TESTS_C_CHECK_H */
