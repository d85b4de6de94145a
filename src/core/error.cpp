#include "materia/error.hpp"

namespace materia {
namespace {

std::string locate(const std::string& message, const ErrorContext& context) {
  std::string text;
  if (!context.file.empty()) text += context.file + ": ";
  if (!context.firm.empty()) text += "firm \"" + context.firm + "\": ";
  if (!context.issue.empty()) text += "issue \"" + context.issue + "\": ";
  return text + message;
}

}  // namespace

Error::Error(ErrorKind kind, const std::string& message, ErrorContext context)
    : std::runtime_error(locate(message, context)),
      kind_(kind),
      context_(std::move(context)),
      message_(message) {}

void throw_input_error(const std::string& message, ErrorContext context) {
  throw Error(ErrorKind::input, message, std::move(context));
}

void throw_usage_error(const std::string& message) {
  throw Error(ErrorKind::usage, message);
}

}  // namespace materia
