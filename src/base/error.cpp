#include "materia/error.hpp"

#include "base/printable.hpp"

namespace materia {
namespace {

// Error lines stay valid UTF-8 and short whatever the input held (a 10 MB name, bad bytes).
constexpr std::size_t kMaxContextBytes = 120;
constexpr std::size_t kMaxMessageBytes = 1000;

std::string locate(const std::string& message, const ErrorContext& context) {
  std::string text;
  if (!context.file.empty()) text += detail::shortened(context.file, kMaxContextBytes) + ": ";
  if (!context.firm.empty())
    text += "firm \"" + detail::shortened(context.firm, kMaxContextBytes) + "\": ";
  if (!context.issue.empty())
    text += "issue \"" + detail::shortened(context.issue, kMaxContextBytes) + "\": ";
  return text + message;
}

}  // namespace

Error::Error(ErrorKind kind, const std::string& message, ErrorContext context)
    : std::runtime_error(locate(detail::shortened(message, kMaxMessageBytes), context)),
      kind_(kind),
      context_(std::move(context)),
      message_(detail::shortened(message, kMaxMessageBytes)) {}

void throw_input_error(const std::string& message, ErrorContext context) {
  throw Error(ErrorKind::input, message, std::move(context));
}

void throw_usage_error(const std::string& message) {
  throw Error(ErrorKind::usage, message);
}

}  // namespace materia
