// Helpers shared by the C++ test files: reading files, running the CLI, catching materia's
// errors, bit patterns, and reading the report's SVG back. The test files are compiled several
// to a unit (UNITY_BUILD), so a helper two files need lives here, not in each file.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "materia/materia.hpp"
#include "scratch_dir.hpp"

namespace materia_test {

// One firm's rankings with coordinates as plain lists, the same length each: what
// FirmRankings::add copies.
struct RankingLists {
  std::vector<std::uint32_t> issue;
  std::vector<double> rank, stakeholder_rank, business_rank, stakeholder, business;
};

// The rankings of `firms`, in order.
inline materia::FirmRankings rankings_of(const std::vector<RankingLists>& firms) {
  materia::FirmRankings rankings;
  for (const RankingLists& firm : firms) {
    materia::FirmRanking view;
    view.has_coordinates = true;
    view.issue = firm.issue;
    view.rank = firm.rank;
    view.stakeholder_rank = firm.stakeholder_rank;
    view.business_rank = firm.business_rank;
    view.stakeholder = firm.stakeholder;
    view.business = firm.business;
    rankings.add(view);
  }
  return rankings;
}

// The whole file, bytes as they are.
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

#ifdef MATERIA_TEST_DATA_DIR
// The path of a file of tests/data.
inline std::string test_data_path(std::string_view name) {
  std::string path = MATERIA_TEST_DATA_DIR;
  path += '/';
  path.append(name);
  return path;
}
#endif

// The bit pattern of a double: equal bits, not equal values.
inline std::uint64_t bits(double value) {
  return std::bit_cast<std::uint64_t>(value);
}

// How many times `needle` occurs in `text`, overlapping occurrences included.
inline std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

// The message of the materia::Error that `action` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const materia::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// As error_of, and the error must be of kind `input` (the user's data is at fault).
inline std::string input_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input) << e.what();
    return e.what();
  }
  return "(no error)";
}

// The issue `id` of a result; throws when the result has none.
inline const materia::IssueResult& issue_by_id(const materia::Result& result,
                                               const std::string& id) {
  const auto* found = result.find(id);
  if (!found) throw std::runtime_error("no issue " + id);
  return *found;
}

// data-issue of every mark group of a report SVG, in document order.
inline std::vector<std::string> mark_ids(const std::string& svg) {
  std::vector<std::string> ids;
  std::regex mark(R"re(<g class="mx-mark[^"]*" data-issue="([^"]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), mark); it != std::sregex_iterator();
       ++it)
    ids.push_back((*it)[1]);
  return ids;
}

// The data-box rectangle of every label of a report SVG, in document order.
inline std::vector<materia::LabelBox> label_boxes(const std::string& svg) {
  std::vector<materia::LabelBox> boxes;
  std::regex box(R"re(data-box="([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), box); it != std::sregex_iterator();
       ++it)
    boxes.push_back(
        {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  return boxes;
}

#ifdef MATERIA_CLI_PATH
struct CliResult {
  int exit_code;
  std::string out, err;
};

// The CLI with `args`, `input` on stdin and `environment` ("NAME=value ...") set for it.
inline CliResult run_cli(const std::string& args, const std::string& input = "",
                         const std::string& environment = "") {
  const ScratchDir dir("run");
  std::ofstream(dir / "in") << input;
  std::string command = environment + " " + std::string(MATERIA_CLI_PATH) + " " + args + " < " +
                        (dir / "in").string() + " > " + (dir / "out").string() + " 2> " +
                        (dir / "err").string();
  int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir / "out"), slurp(dir / "err")};
}

// The CLI with `arguments`; its standard output (and standard error after it, interleaved as
// written, when `with_stderr`) in `output`. Returns the exit code.
inline int run_cli_into(const std::string& arguments, std::string& output,
                        bool with_stderr = true) {
  std::string command =
      std::string(MATERIA_CLI_PATH) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  output.clear();
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
#endif

}  // namespace materia_test
