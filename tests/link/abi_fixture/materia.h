/* A stand-in C API for tests/link/abi_check.sh (named materia.h, as abi/c-api.suppr expects): built
 * once as the baseline and once per change. */
#ifndef ABI_FIXTURE_H
#define ABI_FIXTURE_H
#ifdef __cplusplus
extern "C" {
#endif
typedef struct fixture_box fixture_box; /* opaque */
#define FIXTURE_API __attribute__((visibility("default")))
FIXTURE_API int materia_alpha(int value);
#ifndef REMOVE_BETA
#ifdef CHANGE_BETA
FIXTURE_API double materia_beta(const fixture_box* box, long count);
#else
FIXTURE_API double materia_beta(const fixture_box* box, int count);
#endif
#endif
#ifdef ADD_GAMMA
FIXTURE_API int materia_gamma(void);
#endif
#ifdef __cplusplus
}
#endif
#endif
