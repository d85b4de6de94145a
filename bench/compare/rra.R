# R side of bench/compare: RobustRankAggreg::aggregateRanks on the lists materia_synth wrote
# (one firm per line, tab-separated names in list order), timed in memory (reading the lists is
# not timed). Prints "elapsed_s user_s" of the median run, then writes the scores as CSV.
#   Rscript rra.R LISTS RUNS SCORES.csv
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(RobustRankAggreg))
glist <- strsplit(readLines(args[1], encoding = "UTF-8"), "\t", fixed = TRUE)
runs <- as.integer(args[2])
times <- t(sapply(seq_len(runs), function(i) {
  t <- system.time(result <<- aggregateRanks(glist))
  c(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]])
}))
median_run <- order(times[, 1])[(runs + 1) %/% 2]
cat(sprintf("%.4f %.4f\n", times[median_run, 1], times[median_run, 2]))
write.csv(data.frame(name = result$Name, score = sprintf("%.17g", result$Score)), args[3],
          row.names = FALSE, fileEncoding = "UTF-8")
