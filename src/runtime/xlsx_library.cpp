#include "runtime/xlsx_library.hpp"

#include "runtime/loaded_library.hpp"

#ifndef MATERIA_XLSXWRITER_SONAME
#define MATERIA_XLSXWRITER_SONAME "libxlsxwriter.so"
#endif

namespace materia::detail {

namespace {

XlsxLibrary load_xlsx() {
  void* handle =
      open_loaded_library(MATERIA_XLSXWRITER_SONAME, "writes workbooks", "libxlsxwriter4");
  XlsxLibrary library{};
#define MATERIA_XLSX_FIND(name)                                                \
  find_loaded_function(handle, MATERIA_XLSXWRITER_SONAME, library.name, #name, \
                       "a libxlsxwriter older than the headers?")
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
  static const XlsxLibrary library = load_xlsx();  // a failure is thrown again at the next call
  return library;
}

}  // namespace materia::detail
