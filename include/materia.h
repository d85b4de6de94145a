/* materia — C API (pure C11; the "hourglass" over the C++ core).
 *
 * Conventions (after SQLite and libgit2):
 *   - every symbol carries the materia_ prefix; handles are opaque;
 *   - every int-returning call returns 0 on success and a negative status on error, with details in
 *     materia_last_error() (thread-local, never NULL, owned by the library);
 *   - no call ever lets a C++ exception escape.
 */
#ifndef MATERIA_H
#define MATERIA_H

/* The single source of the library version: CMake reads these three lines. */
#define MATERIA_VERSION_MAJOR 0
#define MATERIA_VERSION_MINOR 1
#define MATERIA_VERSION_PATCH 0

#define MATERIA_VERSION_NUMBER \
  (MATERIA_VERSION_MAJOR * 10000 + MATERIA_VERSION_MINOR * 100 + MATERIA_VERSION_PATCH)

#if defined(_WIN32)
#if defined(MATERIA_BUILDING_C_API)
#define MATERIA_API __declspec(dllexport)
#else
#define MATERIA_API __declspec(dllimport)
#endif
#else
#define MATERIA_API __attribute__((visibility("default")))
#endif

#endif /* MATERIA_H */
