// A fresh directory per test: <temp>/materia-<test name>-<pid>-XXXXXX made by mkdtemp(3), so two
// tests, two `ctest -j` workers or two CI runs sharing /tmp never write the same path. Removed
// with everything in it when the object goes, also when an ASSERT ends the test early (by the
// process that made it only, not by a forked child).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace materia_test {

class ScratchDir {
 public:
  // `label` goes into the directory's name after the running test's name (Suite.Name).
  explicit ScratchDir(const std::string& label = "") {
    std::string name = "materia-" + current_test_name();
    if (!label.empty()) name += "-" + label;
    for (char& c : name)
      if (c == '/' || c == ' ') c = '_';  // parameterized tests: Suite/Name.Case/0
    std::string pattern =
        (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + "-"))
            .string() +
        "XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr)
      throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    path_ = buffer.data();
  }
  ~ScratchDir() {
    if (::getpid() != owner_) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path_),
                                                  std::filesystem::directory_iterator()));
  }

 private:
  static std::string current_test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  }
  std::filesystem::path path_;
  pid_t owner_ = ::getpid();
};

}  // namespace materia_test
