# R side of bench/compare: classInt's Fisher breaks (style = "fisher", exact: largeN above the
# sample size, so classInt does not subsample), timed in memory. Prints "elapsed_s user_s" of the
# median run, then the breaks.
#   Rscript fisher.R VALUES K RUNS
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(classInt))
x <- scan(args[1], quiet = TRUE)
k <- as.integer(args[2])
runs <- as.integer(args[3])
times <- t(sapply(seq_len(runs), function(i) {
  t <- system.time(result <<- classIntervals(x, n = k, style = "fisher",
                                             largeN = length(x) + 1L))
  c(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]])
}))
median_run <- order(times[, 1])[(runs + 1) %/% 2]
cat(sprintf("%.4f %.4f\n", times[median_run, 1], times[median_run, 2]))
cat(sprintf("%.17g", result$brks), "\n")
