// Uses the installed library the way a C++ application would.
#include <iostream>

#include <materia/materia.hpp>

int main() {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  std::cout << result.taxonomy << ": " << result.issues.size()
            << " issues, top: " << result.issues[0].id << "\n";
  return result.issues.size() == 91 ? 0 : 1;
}
