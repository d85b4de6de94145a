#pragma once
// Internal: a shared library loaded at run time (libxlsxwriter, librsvg, cairo) rather than
// linked, so that the core keeps its licence and runs without them until they are needed.

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "materia/error.hpp"

namespace materia::detail {

/// Opens `soname`, never closed (its functions stay in use until the process ends). `purpose`
/// and `package` word the error: "cannot load SONAME, which PURPOSE: WHY (Debian: apt-get
/// install PACKAGE)".
inline void* open_loaded_library(const std::string& soname, const std::string& purpose,
                                 const char* package) {
  void* handle = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    throw Error(ErrorKind::internal, "cannot load " + soname + ", which " + purpose + ": " +
                                         (why ? why : "unknown reason") +
                                         " (Debian: apt-get install " + package + ")");
  }
  return handle;
}

/// Sets `function` to the symbol `name` of `handle` (also searched in the library's own
/// dependencies); a missing one is an error naming `soname` and `hint`.
template <typename Function>
void find_loaded_function(void* handle, const std::string& soname, Function& function,
                          const char* name, const char* hint) {
  void* symbol = ::dlsym(handle, name);
  if (!symbol)
    throw Error(ErrorKind::internal, soname + " has no function " + name + " (" + hint + ")");
  function = reinterpret_cast<std::remove_reference_t<Function>>(symbol);
}

}  // namespace materia::detail
