#pragma once
/// \file version.hpp
/// The library version (the macros live in materia.h, the single source).

#include <string>

#include "materia.h"

namespace materia {

/// "MAJOR.MINOR.PATCH"
std::string version_string();

}  // namespace materia
