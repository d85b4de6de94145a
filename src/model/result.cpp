#include "materia/model/result.hpp"

namespace materia {

const IssueResult* Result::find(const std::string& id) const {
  for (const auto& issue : issues)
    if (issue.id == id) return &issue;
  for (const auto& topic : topics)
    if (topic.id == id) return &topic;
  return nullptr;
}

}  // namespace materia
