// PNG and PDF of the report's charts, drawn by librsvg with cairo (both loaded at run time).
#include "report/report_raster.hpp"

#include <cmath>
#include <cstring>
#include <mutex>
#include <string>

#include "materia/error.hpp"
#include "materia/report/report.hpp"
#include "runtime/svg_raster_library.hpp"

namespace materia {

namespace {

using detail::RasterError;
using detail::svg_raster_library;

// fontconfig and pango keep process-wide caches that older versions do not lock: charts are drawn
// one at a time.
std::mutex& raster_mutex() {
  static std::mutex mutex;
  return mutex;
}

[[noreturn]] void raster_failure(const std::string& what, RasterError* error) {
  std::string message = "librsvg cannot draw the chart (" + what + ")";
  if (error) {
    if (error->message) message += ": " + std::string(error->message);
    svg_raster_library().g_error_free(error);
  }
  throw Error(ErrorKind::internal, message);
}

// An SVG parsed by librsvg, with its size in pixels.
class SvgDocument {
 public:
  explicit SvgDocument(std::string_view svg) {
    const auto& lib = svg_raster_library();
    RasterError* error = nullptr;
    handle_ = lib.rsvg_handle_new_from_data(reinterpret_cast<const unsigned char*>(svg.data()),
                                            svg.size(), &error);
    if (!handle_) raster_failure("parsing the SVG", error);
    if (!lib.rsvg_handle_get_intrinsic_size_in_pixels(handle_, &width_, &height_) ||
        !(width_ > 0 && height_ > 0)) {
      lib.g_object_unref(handle_);
      raster_failure("the SVG has no width and height", nullptr);
    }
  }
  ~SvgDocument() { svg_raster_library().g_object_unref(handle_); }
  SvgDocument(const SvgDocument&) = delete;
  SvgDocument& operator=(const SvgDocument&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }
  // Draws the document on `cairo` at its own size (the caller scales).
  void render(void* cairo) const {
    RasterError* error = nullptr;
    const detail::RasterViewport viewport{0, 0, width_, height_};
    if (!svg_raster_library().rsvg_handle_render_document(handle_, cairo, &viewport, &error))
      raster_failure("rendering", error);
  }

 private:
  void* handle_ = nullptr;
  double width_ = 0, height_ = 0;
};

// A cairo surface and context, destroyed together.
struct Canvas {
  void* surface = nullptr;
  void* cairo = nullptr;
  explicit Canvas(void* made) : surface(made) {
    const auto& lib = svg_raster_library();
    if (lib.cairo_surface_status(surface) != 0) {
      const int status = lib.cairo_surface_status(surface);
      lib.cairo_surface_destroy(surface);
      throw Error(ErrorKind::internal, std::string("cairo cannot make a surface: ") +
                                           lib.cairo_status_to_string(status));
    }
    cairo = lib.cairo_create(surface);
  }
  ~Canvas() {
    const auto& lib = svg_raster_library();
    lib.cairo_destroy(cairo);
    lib.cairo_surface_destroy(surface);
  }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  void check(const char* what) const {
    const auto& lib = svg_raster_library();
    const int status =
        lib.cairo_status(cairo) ? lib.cairo_status(cairo) : lib.cairo_surface_status(surface);
    if (status != 0)
      throw Error(ErrorKind::internal,
                  std::string("cairo failed ") + what + ": " + lib.cairo_status_to_string(status));
  }
};

int append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return 0;
}

// The document drawn on a white image surface at `scale`.
template <class Use>
auto with_image(std::string_view svg, double scale, Use use) {
  if (!(scale > 0 && scale <= 16))
    throw_usage_error("a chart's scale must be in (0, 16], not " + std::to_string(scale));
  std::lock_guard<std::mutex> lock(raster_mutex());
  const auto& lib = svg_raster_library();
  const SvgDocument document(svg);
  const int width = static_cast<int>(std::ceil(document.width() * scale));
  const int height = static_cast<int>(std::ceil(document.height() * scale));
  Canvas canvas(lib.cairo_image_surface_create(detail::kCairoArgb32, width, height));
  lib.cairo_set_source_rgb(canvas.cairo, 1, 1, 1);
  lib.cairo_paint(canvas.cairo);
  lib.cairo_scale(canvas.cairo, scale, scale);
  document.render(canvas.cairo);
  canvas.check("drawing the chart");
  lib.cairo_surface_flush(canvas.surface);
  return use(canvas, width, height);
}

}  // namespace

namespace report_detail {

RasterImage rasterize_svg(std::string_view svg, double scale) {
  return with_image(svg, scale, [](const Canvas& canvas, int width, int height) {
    const auto& lib = svg_raster_library();
    RasterImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    const unsigned char* data = lib.cairo_image_surface_get_data(canvas.surface);
    const auto stride =
        static_cast<std::size_t>(lib.cairo_image_surface_get_stride(canvas.surface));
    for (int y = 0; y < height; ++y)
      std::memcpy(&image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width)],
                  data + static_cast<std::size_t>(y) * stride,
                  static_cast<std::size_t>(width) * sizeof(std::uint32_t));
    return image;
  });
}

}  // namespace report_detail

std::string svg_to_png(std::string_view svg, double scale) {
  return with_image(svg, scale, [](const Canvas& canvas, int, int) {
    std::string png;
    const int status =
        svg_raster_library().cairo_surface_write_to_png_stream(canvas.surface, append_bytes, &png);
    if (status != 0)
      throw Error(ErrorKind::internal, std::string("cairo cannot write the PNG: ") +
                                           svg_raster_library().cairo_status_to_string(status));
    return png;
  });
}

std::string svg_to_pdf(std::string_view svg) {
  std::lock_guard<std::mutex> lock(raster_mutex());
  const auto& lib = svg_raster_library();
  const SvgDocument document(svg);
  std::string pdf;
  {
    // One SVG pixel is one PDF point (1/72 in), the size the SVG declares.
    Canvas canvas(lib.cairo_pdf_surface_create_for_stream(append_bytes, &pdf, document.width(),
                                                          document.height()));
    // Fixed dates make the same chart give the same bytes.
    lib.cairo_pdf_surface_set_metadata(canvas.surface, detail::kCairoPdfCreateDate,
                                       "1980-01-01T00:00:00Z");
    lib.cairo_pdf_surface_set_metadata(canvas.surface, detail::kCairoPdfModDate,
                                       "1980-01-01T00:00:00Z");
    document.render(canvas.cairo);
    lib.cairo_show_page(canvas.cairo);
    canvas.check("drawing the chart");
    lib.cairo_surface_finish(canvas.surface);
    canvas.check("writing the PDF");
  }
  return pdf;
}

}  // namespace materia
