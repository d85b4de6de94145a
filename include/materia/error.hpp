#pragma once
/// \file error.hpp
/// The one exception type of the library. Every error names what is at fault (file, firm, issue)
/// so that a user can find it without a debugger.

#include <stdexcept>
#include <string>

namespace materia {

/// What went wrong, which also decides the CLI's exit code (docs/architecture.md, "Errors").
enum class ErrorKind {
  usage = 2,     ///< a bad option or argument (unknown method, malformed tier spec, ...)
  input = 3,     ///< the data is wrong (malformed JSON, a NaN coordinate, a duplicate firm, ...)
  internal = 4,  ///< a bug in materia; please report it
};

/// Where an error is: any of the three may be empty.
struct ErrorContext {
  std::string file;   ///< file name or "<stdin>" / "<string>"
  std::string firm;   ///< firm id
  std::string issue;  ///< issue name as written in the input
};

/// The library's exception. `what()` is one line: `file: firm "F": issue "I": message`.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, ErrorContext context = {});

  ErrorKind kind() const noexcept { return kind_; }
  const ErrorContext& context() const noexcept { return context_; }
  /// The message without the location prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorKind kind_;
  ErrorContext context_;
  std::string message_;
};

/// Shorthand for the most common case: bad input data.
[[noreturn]] void throw_input_error(const std::string& message, ErrorContext context = {});
/// Shorthand for a bad option value.
[[noreturn]] void throw_usage_error(const std::string& message);

}  // namespace materia
