// The numeric kernels without the library: only materia's headers, Eigen and Boost; nothing to
// link. Reads a list of numbers and a CSV of ranked lists, prints Fisher's breaks with their
// goodness of variance fit and the Robust Rank Aggregation ranking of the lists.
//
//   header_only NUMBERS K LISTS
//     NUMBERS  one number per line (as `materia breaks` reads)
//     K        the number of classes
//     LISTS    CSV with the header firm,issue,rank (as `materia analyze` reads)
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <materia/aggregate/methods.hpp>
#include <materia/rank/rank_table.hpp>
#include <materia/rank/ranking.hpp>
#include <materia/tier/breaks.hpp>

namespace {

// Shortest text that reads back as the same double.
std::string number(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

double parse_number(std::string_view text, const std::string& where) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw std::runtime_error(where + ": \"" + std::string(text) + "\" is not a number");
  return value;
}

std::vector<double> read_numbers(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<double> values;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number)
    if (line.find_first_not_of(" \t\r") != std::string::npos)
      values.push_back(parse_number(line, path + ":" + std::to_string(number)));
  return values;
}

// Issues by name, their columns in order of first appearance; each firm's listings in order.
struct Lists {
  std::vector<std::string> issue_names;
  std::vector<std::string> firm_ids;
  std::vector<std::vector<std::pair<std::size_t, double>>> listings;  // per firm: (column, rank)
};

Lists read_lists(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  Lists lists;
  std::map<std::string, std::size_t> column_of, firm_of;
  std::string line;
  std::getline(in, line);
  if (line.rfind("firm,issue,rank", 0) != 0)
    throw std::runtime_error(path + ": the header must be firm,issue,rank");
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto first = line.find(','), second = line.find(',', first + 1);
    if (second == std::string::npos)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": three fields expected");
    const std::string firm = line.substr(0, first);
    const std::string issue = line.substr(first + 1, second - first - 1);
    const double rank = parse_number(std::string_view(line).substr(second + 1),
                                     path + ":" + std::to_string(number));
    auto [f, new_firm] = firm_of.try_emplace(firm, lists.firm_ids.size());
    if (new_firm) {
      lists.firm_ids.push_back(firm);
      lists.listings.emplace_back();
    }
    auto [c, new_issue] = column_of.try_emplace(issue, lists.issue_names.size());
    if (new_issue) lists.issue_names.push_back(issue);
    lists.listings[f->second].emplace_back(c->second, rank);
  }
  return lists;
}

void print_breaks(const std::vector<double>& values, int classes) {
  const materia::Breaks breaks =
      materia::kernels::natural_breaks(values, classes, materia::BreakMethod::fisher);
  std::cout << "breaks:";
  for (double b : breaks.breaks)
    std::cout << ' ' << number(b);
  std::cout << "\ngvf: " << number(breaks.gvf) << "\nclasses:";
  for (int c : breaks.classes)
    std::cout << ' ' << c;
  std::cout << '\n';
}

void print_rra(const Lists& lists) {
  // Each firm's explicit ranks become mid-ranks (ties share the mean of their positions).
  std::vector<materia::kernels::FirmList> firms;
  for (const auto& listing : lists.listings) {
    materia::kernels::FirmList firm;
    std::vector<double> given;
    for (const auto& [column, rank] : listing) {
      firm.issue.push_back(column);
      given.push_back(rank);
    }
    firm.rank = materia::kernels::mid_ranks(given, false);
    firms.push_back(std::move(firm));
  }
  const std::size_t issues = lists.issue_names.size();
  const materia::RankTable table = materia::kernels::rank_table(firms, issues, issues);
  materia::AggregateOptions options;
  options.method = materia::Method::rra;
  const materia::Aggregation rra = materia::kernels::aggregate(table, options);

  // Strongest first (rra's strength -log10(m rho), uncapped), then the issues more firms listed,
  // then by name.
  std::vector<std::size_t> listed_by(issues, 0);
  for (const auto& firm : firms)
    for (std::size_t column : firm.issue)
      ++listed_by[column];
  std::vector<std::size_t> order(issues);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rra.strength[a] != rra.strength[b]) return rra.strength[a] > rra.strength[b];
    if (listed_by[a] != listed_by[b]) return listed_by[a] > listed_by[b];
    return lists.issue_names[a] < lists.issue_names[b];
  });
  std::cout << "rra: " << firms.size() << " firms, " << issues << " issues\n";
  for (std::size_t position = 0; position < issues; ++position)
    std::cout << position + 1 << ' ' << lists.issue_names[order[position]] << ' '
              << number(rra.strength[order[position]]) << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " NUMBERS K LISTS\n";
    return 2;
  }
  try {
    print_breaks(read_numbers(argv[1]), std::stoi(argv[2]));
    print_rra(read_lists(argv[3]));
  } catch (const std::exception& error) {
    std::cerr << "header_only: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
