#include "runtime/xlsx_library.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "materia/error.hpp"

#ifndef MATERIA_XLSXWRITER_SONAME
#define MATERIA_XLSXWRITER_SONAME "libxlsxwriter.so"
#endif

namespace materia::detail {

namespace {

XlsxLibrary load() {
  // Never closed: the functions stay in use until the process ends.
  void* handle = ::dlopen(MATERIA_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    throw Error(ErrorKind::internal,
                std::string("cannot load libxlsxwriter (" MATERIA_XLSXWRITER_SONAME
                            "), which writes workbooks: ") +
                    (why ? why : "unknown reason") + " (Debian: apt-get install libxlsxwriter4)");
  }
  XlsxLibrary library{};
  auto find = [&](auto& function, const char* name) {
    void* symbol = ::dlsym(handle, name);
    if (!symbol)
      throw Error(ErrorKind::internal, std::string(MATERIA_XLSXWRITER_SONAME " has no function ") +
                                           name + " (a libxlsxwriter older than the headers?)");
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(symbol);
  };
#define MATERIA_XLSX_FIND(name) find(library.name, #name)
  MATERIA_XLSX_FIND(workbook_new_opt);
  MATERIA_XLSX_FIND(workbook_close);
  MATERIA_XLSX_FIND(workbook_add_format);
  MATERIA_XLSX_FIND(workbook_add_worksheet);
  MATERIA_XLSX_FIND(workbook_set_properties);
  MATERIA_XLSX_FIND(format_set_bold);
  MATERIA_XLSX_FIND(format_set_font_color);
  MATERIA_XLSX_FIND(format_set_bg_color);
  MATERIA_XLSX_FIND(format_set_text_wrap);
  MATERIA_XLSX_FIND(format_set_align);
  MATERIA_XLSX_FIND(format_set_num_format);
  MATERIA_XLSX_FIND(worksheet_write_string);
  MATERIA_XLSX_FIND(worksheet_write_number);
  MATERIA_XLSX_FIND(worksheet_set_column);
  MATERIA_XLSX_FIND(worksheet_set_row);
  MATERIA_XLSX_FIND(worksheet_freeze_panes);
  MATERIA_XLSX_FIND(worksheet_autofilter);
  MATERIA_XLSX_FIND(worksheet_conditional_format_range);
  MATERIA_XLSX_FIND(lxw_strerror);
#undef MATERIA_XLSX_FIND
  return library;
}

}  // namespace

const XlsxLibrary& xlsx_library() {
  static const XlsxLibrary library = load();  // a failure is thrown again at the next call
  return library;
}

}  // namespace materia::detail
