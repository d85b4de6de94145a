#pragma once
// Making user text and numbers safe and readable inside a one-line error message.

#include <cstddef>
#include <string>
#include <string_view>

namespace materia::detail {

/// `text` with every byte that is not part of valid UTF-8 written as \xNN, so an error message
/// about bad bytes is itself valid UTF-8 (Python and terminals can decode it).
std::string printable(std::string_view text);

/// printable(text), cut on a character boundary to at most `max_bytes` bytes of `text` and
/// followed by "…" when cut, so that a 10 MB name does not make a 10 MB error message.
std::string shortened(std::string_view text, std::size_t max_bytes);

/// The shortest text that reads back as the same double ("7", "4.75", "nan"), as users wrote it.
std::string number_text(double value);

}  // namespace materia::detail
