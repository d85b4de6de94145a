#!/usr/bin/env Rscript
# Oracle for materia::natural_breaks: R's classInt::classIntervals breaks and findCols classes for
# seeded inputs. Writes JSON (no jsonlite needed) to the file named by the first argument, or to
# stdout. Regenerate the committed fixture with:
#   Rscript tests/oracles/classint_breaks.R tests/data/oracles/classint.json
suppressPackageStartupMessages(library(classInt))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")
int <- function(x) paste0("[", paste(as.integer(x), collapse = ","), "]")

set.seed(20241201)
inputs <- list(
  uniform50 = runif(50),
  normal200 = rnorm(200, mean = 10, sd = 3),
  lognormal120 = rlnorm(120, meanlog = 0, sdlog = 1),
  integers40 = sample(1:10, 40, replace = TRUE),            # many ties
  attention91 = c(rep(23, 2), 21, 19, 18, 17, rep(16, 3), rep(15, 4), rep(14, 3), rep(13, 4),
                  rep(12, 6), rep(11, 4), rep(10, 6), rep(9, 5), rep(8, 6), rep(7, 7),
                  rep(6, 5), rep(5, 6), rep(4, 8), rep(3, 8), rep(2, 6), rep(1, 5)),
  small7 = c(3.5, 1, 7, 2, 9.25, 8, 1.5),
  five_distinct = c(1, 2, 2, 3, 5, 5, 8),                  # k = 5: classInt's "unique" style
  exponential2000 = rexp(2000, rate = 2)                   # below classInt's largeN = 3000
)

cases <- character(0)
values <- character(0)
for (name in names(inputs)) {
  x <- inputs[[name]]
  values <- c(values, sprintf('"%s":%s', name, num(x)))
  for (style in c("fisher", "jenks", "quantile", "equal", "headtails")) {
    ks <- if (style == "headtails") 2L else 2:6
    # classInt's jenks is O(k n^2) in R; the large input checks fisher and quantile only
    if (length(x) > 500 && !(style %in% c("fisher", "quantile"))) next
    for (k in ks) {
      if (k > length(unique(x))) next
      ci <- suppressWarnings(classIntervals(x, n = k, style = style))
      cols <- findCols(ci)
      cases <- c(cases, sprintf(
        '{"input":"%s","style":"%s","k":%d,"breaks":%s,"classes":%s}',
        name, if (style == "headtails") "headtail" else style, k, num(ci$brks), int(cols)))
    }
  }
}
json <- paste0('{"classInt":"', as.character(packageVersion("classInt")), '","R":"',
               R.version.string, '",\n"inputs":{', paste(values, collapse = ",\n"), '},\n"cases":[\n', paste(cases, collapse = ",\n"), "\n]}\n")
args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1) writeLines(json, args[1], sep = "") else cat(json)
