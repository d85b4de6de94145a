#!/usr/bin/env Rscript
# Oracle for include/materia/tier/dip_test.hpp: R's diptest::dip (Maechler's edition of AS 217)
# on seeded samples, with the modal interval, and dip.test's simulated p-value (B = 20000) for a
# statistical check of materia's own simulation. Writes JSON (no jsonlite needed) to the file
# named by the first argument, or to stdout. Regenerate the committed fixture with:
#   Rscript tests/oracles/dip_test.R tests/data/oracles/dip_test.json
suppressPackageStartupMessages(library(diptest))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")

set.seed(20250120)
samples <- list(
  bimodal100 = c(rnorm(50), rnorm(50, mean = 3.5)),
  normal200 = rnorm(200, mean = 10, sd = 2),
  uniform50 = runif(50),
  likert60 = sample(1:5, 60, replace = TRUE, prob = c(0.3, 0.1, 0.05, 0.15, 0.4)),
  exponential300 = rexp(300),
  trimodal150 = c(rnorm(50, 0, 0.5), rnorm(50, 3, 0.5), rnorm(50, 6, 0.5)),
  attention91 = c(rep(23, 2), 21, 19, 18, 17, rep(16, 3), rep(15, 4), rep(14, 3), rep(13, 4),
                  rep(12, 6), rep(11, 4), rep(10, 6), rep(9, 5), rep(8, 6), rep(7, 7),
                  rep(6, 5), rep(5, 6), rep(4, 8), rep(3, 8), rep(2, 6), rep(1, 5)),
  bimodal1000 = c(rnorm(600, 0, 1), rnorm(400, 2.8, 0.7)),
  skewed_gap40 = c(runif(30, 0, 1), runif(10, 1.6, 2)),
  four = c(0.3, 1.7, 0.2, 2.5),
  five = c(1, 1, 2, 9, 10),
  seven = c(1, 2, 3, 10, 11, 12, 13),
  three = c(4, 1, 2),
  constant6 = rep(2.5, 6),
  single = 7
)

cases <- character(0)
for (name in names(samples)) {
  x <- samples[[name]]
  d <- dip(x, full.result = TRUE)
  p <- if (length(x) >= 4 && length(x) <= 300)
    sprintf(',"p_simulated":%.17g,"p_replicates":20000',
            dip.test(x, simulate.p.value = TRUE, B = 20000)$p.value) else ""
  cases <- c(cases, sprintf('{"name":"%s","x":%s,"dip":%.17g,"modal_low":%.17g,"modal_high":%.17g%s}',
                            name, num(x), d$dip, d$xl, d$xu, p))
}
out <- sprintf('{"diptest":"%s","cases":[%s]}', as.character(packageVersion("diptest")),
               paste(cases, collapse = ","))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) > 0) writeLines(out, args[1]) else writeLines(out)
