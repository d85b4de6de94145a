#include "materia/version.hpp"

namespace materia {

std::string version_string() {
  return std::to_string(MATERIA_VERSION_MAJOR) + "." + std::to_string(MATERIA_VERSION_MINOR) + "." +
         std::to_string(MATERIA_VERSION_PATCH);
}

}  // namespace materia
