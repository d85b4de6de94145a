#pragma once
// Charts for slides: an SVG rendered by librsvg into a cairo image (PNG) or PDF surface
// (runtime/svg_raster_library.hpp loads both at the first call).

#include <cstdint>
#include <string_view>
#include <vector>

namespace materia::report_detail {

/// Pixels of a rendered SVG: rows top to bottom, each pixel cairo's premultiplied ARGB32 in a
/// native-endian word (0xAARRGGBB), on white.
struct RasterImage {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;
  std::uint32_t at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
};

/// `svg` drawn at `scale` times its width and height. Throws Error(internal) when librsvg or
/// cairo cannot be loaded or cannot draw it (the message is theirs).
RasterImage rasterize_svg(std::string_view svg, double scale);

}  // namespace materia::report_detail
