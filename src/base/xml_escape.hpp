// Text set into HTML or SVG markup, as element content or a quoted attribute value.
#pragma once

#include <string>
#include <string_view>

namespace materia {

/// `text` with &, <, >, " and ' replaced by their character references.
std::string xml_escape(std::string_view text);

}  // namespace materia
