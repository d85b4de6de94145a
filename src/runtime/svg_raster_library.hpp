#pragma once
// Internal: librsvg (SVG -> cairo) and cairo (PNG and PDF surfaces), loaded (dlopen) when the
// first chart is rasterized, never linked: both are LGPL, so the Apache-2.0 library only uses
// them when they are installed (Debian: librsvg2-2, libcairo2). No header of theirs is needed:
// the few functions below are declared from their documented C ABI (librsvg >= 2.52, cairo
// >= 1.16), with their handles as opaque pointers.

#include <cstdint>

namespace materia::detail {

/// GLib's GError (glib/gerror.h): the message is what a failure is reported with.
struct RasterError {
  std::uint32_t domain;
  int code;
  char* message;
};
/// librsvg's RsvgRectangle: the viewport a document is rendered into.
struct RasterViewport {
  double x, y, width, height;
};
/// cairo's write callback: returns 0 (CAIRO_STATUS_SUCCESS) or 11 (CAIRO_STATUS_WRITE_ERROR).
using RasterWrite = int (*)(void* closure, const unsigned char* data, unsigned int length);

struct SvgRasterLibrary {
  // librsvg and the GLib calls that free what it returns
  void* (*rsvg_handle_new_from_data)(const unsigned char* data, unsigned long length,
                                     RasterError** error);
  int (*rsvg_handle_get_intrinsic_size_in_pixels)(void* handle, double* width, double* height);
  int (*rsvg_handle_render_document)(void* handle, void* cairo, const RasterViewport* viewport,
                                     RasterError** error);
  void (*g_object_unref)(void* object);
  void (*g_error_free)(RasterError* error);
  // cairo
  void* (*cairo_image_surface_create)(int format, int width, int height);
  unsigned char* (*cairo_image_surface_get_data)(void* surface);
  int (*cairo_image_surface_get_stride)(void* surface);
  void* (*cairo_pdf_surface_create_for_stream)(RasterWrite write, void* closure, double width,
                                               double height);
  void (*cairo_pdf_surface_set_metadata)(void* surface, int metadata, const char* text);
  int (*cairo_surface_write_to_png_stream)(void* surface, RasterWrite write, void* closure);
  void (*cairo_surface_flush)(void* surface);
  void (*cairo_surface_finish)(void* surface);
  int (*cairo_surface_status)(void* surface);
  void (*cairo_surface_destroy)(void* surface);
  void* (*cairo_create)(void* surface);
  void (*cairo_destroy)(void* cairo);
  int (*cairo_status)(void* cairo);
  const char* (*cairo_status_to_string)(int status);
  void (*cairo_scale)(void* cairo, double x, double y);
  void (*cairo_set_source_rgb)(void* cairo, double red, double green, double blue);
  void (*cairo_paint)(void* cairo);
  void (*cairo_show_page)(void* cairo);
};

/// cairo's CAIRO_FORMAT_ARGB32 and CAIRO_PDF_METADATA_CREATE_DATE / _MOD_DATE.
inline constexpr int kCairoArgb32 = 0;
inline constexpr int kCairoPdfCreateDate = 5;
inline constexpr int kCairoPdfModDate = 6;

/// The libraries, loaded at the first call (thread-safe). Throws Error(internal) naming the
/// library, what the loader said and the Debian package when one cannot be loaded or lacks a
/// function.
const SvgRasterLibrary& svg_raster_library();

}  // namespace materia::detail
