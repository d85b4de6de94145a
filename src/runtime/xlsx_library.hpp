#pragma once
// Internal: libxlsxwriter, loaded (dlopen) when the first workbook is written, not linked:
// linking it would load libxlsxwriter, minizip, zlib and libcrypto at every start of every
// program that links materia, most of which never write a workbook (docs/performance.md,
// "Start-up"). The functions are libxlsxwriter's own, with its header's types; only the way they
// are found differs.

#include <xlsxwriter.h>

namespace materia::detail {

struct XlsxLibrary {
  decltype(&::workbook_new_opt) workbook_new_opt;
  decltype(&::workbook_close) workbook_close;
  decltype(&::workbook_add_format) workbook_add_format;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet;
  decltype(&::workbook_set_properties) workbook_set_properties;
  decltype(&::format_set_bold) format_set_bold;
  decltype(&::format_set_font_color) format_set_font_color;
  decltype(&::format_set_bg_color) format_set_bg_color;
  decltype(&::format_set_text_wrap) format_set_text_wrap;
  decltype(&::format_set_align) format_set_align;
  decltype(&::format_set_num_format) format_set_num_format;
  decltype(&::worksheet_write_string) worksheet_write_string;
  decltype(&::worksheet_write_number) worksheet_write_number;
  decltype(&::worksheet_set_column) worksheet_set_column;
  decltype(&::worksheet_set_row) worksheet_set_row;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
  decltype(&::worksheet_autofilter) worksheet_autofilter;
  decltype(&::worksheet_conditional_format_range) worksheet_conditional_format_range;
  decltype(&::lxw_strerror) lxw_strerror;
};

/// The library, loaded at the first call (thread-safe). Throws Error(internal) naming the
/// library and what the loader said when it cannot be loaded or lacks a function.
const XlsxLibrary& xlsx_library();

}  // namespace materia::detail
