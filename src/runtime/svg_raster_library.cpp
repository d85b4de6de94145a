#include "runtime/svg_raster_library.hpp"

#include "runtime/loaded_library.hpp"

namespace materia::detail {

namespace {

constexpr const char* kPurpose = "draws the PNG and PDF charts (--png, --pdf)";
constexpr const char* kVersions = "librsvg 2.52 and cairo 1.16 or later are needed";

SvgRasterLibrary load_svg_raster() {
  void* rsvg = open_loaded_library("librsvg-2.so.2", kPurpose, "librsvg2-2");
  void* cairo = open_loaded_library("libcairo.so.2", kPurpose, "libcairo2");
  SvgRasterLibrary library{};
#define MATERIA_RSVG_FIND(name) \
  find_loaded_function(rsvg, "librsvg-2.so.2", library.name, #name, kVersions)
#define MATERIA_CAIRO_FIND(name) \
  find_loaded_function(cairo, "libcairo.so.2", library.name, #name, kVersions)
  MATERIA_RSVG_FIND(rsvg_handle_new_from_data);
  MATERIA_RSVG_FIND(rsvg_handle_get_intrinsic_size_in_pixels);
  MATERIA_RSVG_FIND(rsvg_handle_render_document);
  MATERIA_RSVG_FIND(g_object_unref);
  MATERIA_RSVG_FIND(g_error_free);
  MATERIA_CAIRO_FIND(cairo_image_surface_create);
  MATERIA_CAIRO_FIND(cairo_image_surface_get_data);
  MATERIA_CAIRO_FIND(cairo_image_surface_get_stride);
  MATERIA_CAIRO_FIND(cairo_pdf_surface_create_for_stream);
  MATERIA_CAIRO_FIND(cairo_pdf_surface_set_metadata);
  MATERIA_CAIRO_FIND(cairo_surface_write_to_png_stream);
  MATERIA_CAIRO_FIND(cairo_surface_flush);
  MATERIA_CAIRO_FIND(cairo_surface_finish);
  MATERIA_CAIRO_FIND(cairo_surface_status);
  MATERIA_CAIRO_FIND(cairo_surface_destroy);
  MATERIA_CAIRO_FIND(cairo_create);
  MATERIA_CAIRO_FIND(cairo_destroy);
  MATERIA_CAIRO_FIND(cairo_status);
  MATERIA_CAIRO_FIND(cairo_status_to_string);
  MATERIA_CAIRO_FIND(cairo_scale);
  MATERIA_CAIRO_FIND(cairo_set_source_rgb);
  MATERIA_CAIRO_FIND(cairo_paint);
  MATERIA_CAIRO_FIND(cairo_show_page);
#undef MATERIA_RSVG_FIND
#undef MATERIA_CAIRO_FIND
  return library;
}

}  // namespace

const SvgRasterLibrary& svg_raster_library() {
  static const SvgRasterLibrary library =
      load_svg_raster();  // a failure is thrown again at the next call
  return library;
}

}  // namespace materia::detail
