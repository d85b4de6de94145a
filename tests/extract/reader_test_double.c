/* A test double of libmateria_extract (src/capture/extract_abi.h), for the tests of the loader
 * and the outputs without poppler. It reads no PDF: the "report" it is given is a text file
 * holding the answer to return, verbatim (written by check_extract.py); a file starting with
 * "ERROR " makes it fail with the rest of the line as the message. A page renders as a copy of
 * the PNG file beside the report, <report>.png. Compiled twice: with the boundary's version, and
 * with READER_TEST_DOUBLE_ABI_VERSION set to another one (the wrong-version test). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/extract_abi.h"

#ifndef READER_TEST_DOUBLE_ABI_VERSION
#define READER_TEST_DOUBLE_ABI_VERSION MATERIA_EXTRACT_ABI_VERSION
#endif

static char* copy_text(const char* text) {
  char* copy = malloc(strlen(text) + 1);
  if (copy) strcpy(copy, text);
  return copy;
}

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static char* read_whole(const char* path, size_t* size) {
  FILE* file = fopen(path, "rb");
  if (!file) return NULL;
  char* text = NULL;
  size_t used = 0, capacity = 0, got = 0;
  do {
    if (used + 4096 + 1 > capacity) {
      capacity = 2 * capacity + 4096 + 1;
      char* grown = realloc(text, capacity);
      if (!grown) {
        free(text);
        fclose(file);
        return NULL;
      }
      text = grown;
    }
    got = fread(text + used, 1, 4096, file);
    used += got;
  } while (got > 0);
  fclose(file);
  text[used] = '\0';
  if (size) *size = used;
  return text;
}

/* The value of "file" in the request {"file": PATH, ...} (no escapes in the tests' paths). */
static char* requested_file(const char* request) {
  const char* key = strstr(request, "\"file\"");
  if (!key) return NULL;
  const char* start = strchr(key + 6, '"');
  if (!start) return NULL;
  const char* end = strchr(start + 1, '"');
  if (!end) return NULL;
  char* path = malloc((size_t)(end - start));
  if (!path) return NULL;
  memcpy(path, start + 1, (size_t)(end - start - 1));
  path[end - start - 1] = '\0';
  return path;
}

int materia_extract_abi_version(void) {
  return READER_TEST_DOUBLE_ABI_VERSION;
}

int materia_extract_read_pdf(const char* request_json, char** result_json, char** error_message) {
  *result_json = NULL;
  *error_message = NULL;
  char* path = requested_file(request_json);
  if (!path) {
    *error_message = copy_text("test double: no \"file\" in the request");
    return 1;
  }
  char* answer = read_whole(path, NULL);
  if (!answer) {
    char message[1200];
    snprintf(message, sizeof message, "%s: test double: cannot read the file", path);
    *error_message = copy_text(message);
    free(path);
    return 1;
  }
  free(path);
  if (strncmp(answer, "ERROR ", 6) == 0) {
    char* end = strchr(answer, '\n');
    if (end) *end = '\0';
    *error_message = copy_text(answer + 6);
    free(answer);
    return 1;
  }
  *result_json = answer;
  return 0;
}

int materia_extract_render_page(const char* pdf_path, int page, double dpi, const char* png_path,
                                char** error_message) {
  (void)page;
  (void)dpi;
  *error_message = NULL;
  char source[1200];
  snprintf(source, sizeof source, "%s.png", pdf_path);
  size_t size = 0;
  char* image = read_whole(source, &size);
  FILE* out = image ? fopen(png_path, "wb") : NULL;
  if (!out || fwrite(image, 1, size, out) != size) {
    char message[1300];
    snprintf(message, sizeof message, "test double: cannot copy %s to %s", source, png_path);
    *error_message = copy_text(message);
    free(image);
    if (out) fclose(out);
    return 1;
  }
  free(image);
  return fclose(out) == 0 ? 0 : 1;
}

void materia_extract_free(char* text) {
  free(text);
}
