# Regenerates tests/data/oracle/rra_{lists,expected}.csv, the RobustRankAggreg values that
# tests/cpp/test_aggregate_rra.cpp checks (run from the repository root):
#   Rscript tests/oracles/rra_fixtures.R
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "rra_cases.R"))
out_dir <- file.path(here, "..", "data", "oracle")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
cases <- rra_cases()
lists <- do.call(rbind, lapply(names(cases), function(name) {
  cbind(case = name, N = cases[[name]]$N, rra_case_csv(cases[[name]]))
}))
expected <- do.call(rbind, lapply(names(cases), function(name) {
  do.call(rbind, lapply(cases[[name]]$methods, function(method) {
    s <- rra_scores(cases[[name]], method)
    data.frame(case = name, method = method, issue = names(s), score = sprintf("%.17g", s))
  }))
}))
write.csv(lists, file.path(out_dir, "rra_lists.csv"), row.names = FALSE, quote = FALSE)
write.csv(expected, file.path(out_dir, "rra_expected.csv"), row.names = FALSE, quote = FALSE)
cat("RobustRankAggreg", as.character(packageVersion("RobustRankAggreg")), ":",
    nrow(expected), "values\n")
