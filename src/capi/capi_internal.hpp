#pragma once
// Internals of the C API: the structs behind the opaque handles and the one catch-all that turns
// every C++ exception into a status code (the "hourglass": C++ inside, C at the waist).

#include <array>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <string>
#include <vector>

#include "materia.h"
#include "materia/error.hpp"
#include "materia/model/dataset.hpp"
#include "materia/model/result.hpp"
#include "materia/model/taxonomy.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/run/run.hpp"

struct materia_taxonomy {
  materia::Taxonomy taxonomy;
};

struct materia_dataset {
  materia::Dataset dataset;
};

namespace materia::capi {

/// One cell of a result table: its type and, by type, its value.
struct Cell {
  materia_type type = MATERIA_NULL;
  double real = 0;
  std::int64_t integer = 0;
  std::string text;
};

/// A result table: named columns and rows of cells, row-major.
struct Table {
  std::vector<std::string> columns;
  std::size_t rows = 0;
  std::vector<Cell> cells;
  /// The cell at (row, column); null when out of range.
  const Cell* at(std::size_t row, std::size_t column) const {
    if (row >= rows || column >= columns.size()) return nullptr;
    return &cells[row * columns.size() + column];
  }
};

/// The tables of `result`, indexed by materia_table (capi_table.cpp).
std::array<Table, 4> result_tables(const Result& result);

}  // namespace materia::capi

struct materia_result {
  materia::Run run;  // the result with its dataset and request (explain)
  std::array<materia::capi::Table, 4> tables;
  explicit materia_result(materia::Run done)
      : run(std::move(done)), tables(materia::capi::result_tables(run.result)) {}
};

struct materia_normalizer {
  materia::Normalizer normalizer;
};

namespace materia::capi {

/// Records `message` as this thread's last error and returns `status`.
int fail(int status, const std::string& message);

/// Status of a library error kind: usage -2, input -3, internal -4 (the CLI's exit codes, negated).
int status_of(ErrorKind kind);

/// Runs `body` (which returns MATERIA_OK or a status), turning any exception into a status and a
/// last-error message. Nothing escapes.
template <class Body>
int guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const Error& error) {
    return fail(status_of(error.kind()), error.what());
  } catch (const std::bad_alloc&) {
    return fail(MATERIA_ERROR_NOMEM, "out of memory");
  } catch (const std::exception& error) {
    return fail(MATERIA_ERROR_INTERNAL, std::string("internal error: ") + error.what());
  } catch (...) {
    return fail(MATERIA_ERROR_INTERNAL, "internal error: unknown exception");
  }
}

/// MATERIA_ERROR_ARGUMENT with "<function>: <what> is NULL".
int null_argument(const char* function, const char* what);

/// Copies `text` into a malloc'ed NUL-terminated buffer the caller frees with materia_free.
int copy_out(const std::string& text, char** out, std::size_t* out_len);

/// A pointer argument that must not be NULL, with its name for the message.
struct Required {
  const void* value;
  const char* name;
};

/// The first NULL of `out` and `required` as null_argument reports it, else MATERIA_OK. A
/// non-NULL `*out` is set to NULL first, so a failed call leaves it NULL.
template <class Out>
int check_arguments(const char* function, Out** out, std::initializer_list<Required> required) {
  if (out == nullptr) return null_argument(function, "out");
  *out = nullptr;
  for (const Required& argument : required)
    if (argument.value == nullptr) return null_argument(function, argument.name);
  return MATERIA_OK;
}

/// Sets `*out` to a new handle holding what `make` returns, after checking the arguments.
template <class Handle, class Make>
int new_handle(const char* function, Handle** out, std::initializer_list<Required> required,
               Make&& make) {
  if (int status = check_arguments(function, out, required); status != MATERIA_OK) return status;
  return guard([&] {
    *out = new Handle{make()};
    return MATERIA_OK;
  });
}

/// Copies the text `make` returns out to `*out`, after checking the arguments.
template <class Make>
int text_out(const char* function, char** out, std::size_t* out_len,
             std::initializer_list<Required> required, Make&& make) {
  if (int status = check_arguments(function, out, required); status != MATERIA_OK) return status;
  return guard([&] { return copy_out(make(), out, out_len); });
}

/// The name of `code` in `names`; `unknown` when it has none.
struct CodeName {
  int code;
  const char* name;
};
inline const char* name_of_code(int code, std::initializer_list<CodeName> names,
                                const char* unknown) {
  for (const CodeName& entry : names)
    if (entry.code == code) return entry.name;
  return unknown;
}

}  // namespace materia::capi
