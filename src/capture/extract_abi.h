#ifndef MATERIA_CAPTURE_EXTRACT_ABI_H
#define MATERIA_CAPTURE_EXTRACT_ABI_H
/* Internal: the boundary between libmateria (permissive) and libmateria_extract (the optional
 * PDF reader, GPL through poppler), which libmateria loads at run time. JSON text in and out
 * keeps the boundary to four C functions. The result of materia_extract_read_pdf:
 *
 * {"file": PATH, "pages": N, "materiality_pages": [P, ...],
 *  "entries": [{"name": TEXT, "kind": "chart"|"table"|"list",
 *               "stakeholder": X, "business": Y       (chart: [0, 1] of the plot frame)
 *               | "level": WORD-OR-NUMBER             (table: as printed, e.g. "高")
 *               | "rank": R,                          (list: 1 = first)
 *               "page": P, "bbox": [X0, Y0, X1, Y1], "confidence": C}, ...],
 *  "problems": [{"kind": "label_without_marker"|"marker_without_label"|"labels_share_marker"
 *                        |"unreadable_axes"|"no_text_layer",
 *                "page": P, "text": TEXT, "bbox": [X0, Y0, X1, Y1], "message": TEXT}, ...]}
 *
 * Pages count from 1; boxes are in PDF points with the origin at the page's top-left corner;
 * confidence is in [0, 1]. Entries come in reading order of their page. */
#ifdef __cplusplus
extern "C" {
#endif

/* The version of this boundary; libmateria refuses a library that reports another. */
#define MATERIA_EXTRACT_ABI_VERSION 1
int materia_extract_abi_version(void);

/* Reads one PDF. request_json: {"file": PATH, "ocr": false}. Returns 0 and sets *result_json
 * (the form above), or returns nonzero and sets *error_message (naming the file and page). */
int materia_extract_read_pdf(const char* request_json, char** result_json, char** error_message);

/* Renders page `page` (from 1) of `pdf_path` at `dpi` to the PNG file `png_path`. Returns 0, or
 * nonzero with *error_message set. */
int materia_extract_render_page(const char* pdf_path, int page, double dpi, const char* png_path,
                                char** error_message);

/* Frees a string the functions above returned. */
void materia_extract_free(char* text);

#ifdef __cplusplus
}
#endif
#endif
