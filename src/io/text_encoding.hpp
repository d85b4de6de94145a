#pragma once
// Text input that is not UTF-8: a CSV saved by Excel on Chinese Windows is GBK, on Traditional
// Chinese Windows Big5, as "Unicode text" UTF-16. ICU detects and converts (docs/format.md,
// "Encodings").

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace materia::detail {

/// `text` as UTF-8, or nullopt when it is UTF-8 already (the caller keeps its own text; a UTF-8
/// byte order mark is left for the reader to skip).
/// - `encoding` given (an ICU converter name or alias: "gbk", "gb18030", "big5", "utf-16",
///   "shift_jis", "windows-1252", ...): converted from it; a byte sequence that is not valid in
///   it is Error(input) naming the encoding and the line. An unknown name is Error(usage).
/// - else a UTF-16 or UTF-32 byte order mark: converted from that.
/// - else text that is not valid UTF-8: ICU's charset detector guesses; GB18030 (which covers
///   GBK and GB2312) or Big5 is converted when it is the best guess alone, the detector is at
///   least 30% sure, and the whole text converts cleanly; anything else is Error(input) naming
///   what the detector saw and asking for --encoding.
std::optional<std::string> decode_text(std::string_view text, const std::string& encoding,
                                       const std::string& source);

/// What ICU's detector guesses for `text`, best first: names and confidences (0-100).
std::vector<std::pair<std::string, int>> detect_encodings(std::string_view text);
/// The best guess, {"", 0} for none.
std::pair<std::string, int> detect_encoding(std::string_view text);

}  // namespace materia::detail
