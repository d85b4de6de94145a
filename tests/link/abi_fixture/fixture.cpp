// A stand-in libmateria.so for tests/link/abi_check.sh: C functions in MATERIA_1 and a C++ function
// in MATERIA_CXX_0, linked with src/capi/exports.map; the macros make the changes the check judges.
#include "materia.h"

// The opaque handle's layout is private (as src/capi/capi_internal.hpp's are).
struct fixture_box {
  int value;
#ifdef CHANGE_CXX
  long added;
#endif
};

namespace materia {
#ifndef CHANGE_CXX
__attribute__((visibility("default"))) int internal(int value) {
  return value + 1;
}
#else
__attribute__((visibility("default"))) long internal(long value, long more = 1) {
  return value + more;
}
#endif
}  // namespace materia

int materia_alpha(int value) {
  return static_cast<int>(materia::internal(value)) * 2;
}
#ifndef REMOVE_BETA
#ifdef CHANGE_BETA
double materia_beta(const fixture_box* box, long count) {
  return box ? box->value : double(count);
}
#else
double materia_beta(const fixture_box* box, int count) {
  return box ? box->value : double(count);
}
#endif
#endif
#ifdef ADD_GAMMA
int materia_gamma(void) {
  return 3;
}
#endif
