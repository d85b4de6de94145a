// Uses the installed shared library the way a C++ application would: an analysis, the same
// with the worker pool resized, and materia::Error caught across the library boundary.
#include <iostream>
#include <string>

#include <materia/materia.hpp>

int main() {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  materia::configure_threads(1);
  const auto alone = materia::analyze(materia::load_sample("fintech-2024"), {});
  bool caught = false;
  try {
    materia::load_sample("no-such-sample");
  } catch (const materia::Error&) {
    caught = true;
  }
  std::cout << result.taxonomy << ": " << result.issues.size()
            << " issues, top: " << result.issues[0].id << "\n";
  const bool same = alone.issues.size() == result.issues.size() &&
                    alone.issues[0].id == result.issues[0].id &&
                    alone.issues.back().id == result.issues.back().id;
  std::cout << "one thread: " << (same ? "same" : "different") << "; error "
            << (caught ? "caught" : "not caught") << "\n";
  return result.issues.size() == 91 && same && caught ? 0 : 1;
}
