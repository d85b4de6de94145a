# ctest oracle.rra_live: runs `materia analyze --method rra|stuart` on the cases of rra_cases.R
# plus fresh random ones, and compares every score with RobustRankAggreg::aggregateRanks.
#   Rscript tests/oracles/rra_live.R path/to/materia work/dir
args <- commandArgs(trailingOnly = TRUE)
materia <- args[1]
work <- args[2]
dir.create(work, showWarnings = FALSE, recursive = TRUE)
file_arg <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", file_arg[grep("^--file=", file_arg)])))
source(file.path(here, "rra_cases.R"))

cases <- rra_cases()
# A fixed seed: the same lists on every run (a date-based seed made the test change with the day).
set.seed(20261127)
for (t in 1:3) {
  N <- sample(15:40, 1)
  pool <- sprintf("x%02d", 1:N)
  m <- sample(4:12, 1)
  # At most 12 lists after weighting (a firm of weight w counts w times): R's qStuart recursion
  # (stuart, --rra-exact) loses digits to cancellation as lists grow (2e-6 relative at 14, 0.7 %
  # at ~20), so beyond 12 R is no longer a fair oracle; stuart_mpmath.py and the 50-digit ctest
  # cover that regime.
  weight <- sample(1:2, m, replace = TRUE)
  while (sum(weight) > 12) weight[which.max(weight)] <- 1
  cases[[paste0("live", t)]] <- list(
    lists = lapply(1:m, function(i) sample(pool, sample(3:min(N, 15), 1), prob = 1 / (1:N + 2))),
    weight = weight,
    policy = sample(c("bottom", "bottom", "not_assessed"), m, replace = TRUE), N = N + 3,
    methods = c("rra", "rra_exact", "stuart"))
  cases[[paste0("live_cutoff", t)]] <- within(cases[[paste0("live", t)]], {
    policy <- rep("bottom", m); methods <- c("rra", "rra_cutoff") })
}

failures <- 0
checked <- 0
for (name in names(cases)) {
  case <- cases[[name]]
  input <- file.path(work, paste0(name, ".csv"))
  write.csv(rra_case_csv(case), input, row.names = FALSE, quote = FALSE)
  for (method in case$methods) {
    flags <- switch(method, rra = "--method rra", rra_exact = "--method rra --rra-exact",
                    rra_cutoff = "--method rra --rra-top-cutoff", stuart = "--method stuart")
    output <- file.path(work, paste0(name, "-", method, ".csv"))
    status <- system(paste(shQuote(materia), "analyze", shQuote(input), "--taxonomy none",
                           "--universe", case$N, flags, "--tiers quantile:2 --format csv -o",
                           shQuote(output)))
    if (status != 0) stop("materia failed on ", name, " ", method)
    ours <- read.csv(output, stringsAsFactors = FALSE)
    theirs <- rra_scores(case, method)
    # rra's score is its strength -log10(m rho); RobustRankAggreg's value is the column rho
    value <- if (method == "stuart") ours$score else ours$rho
    got <- setNames(value, ours$id)[names(theirs)]
    # R's qStuart recursion (stuart, --rra-exact) alternates signs and loses digits from about
    # 15 lists on (materia's recursion has only non-negative terms; see stuart_mpmath.py), so
    # those two are held to 1e-6 relative, the rest to 1e-9.
    relative <- if (method %in% c("stuart", "rra_exact")) 1e-6 else 1e-9
    bad <- is.na(got) | abs(got - theirs) > 1e-12 + relative * abs(theirs)
    checked <- checked + length(theirs)
    if (any(bad)) {
      failures <- failures + sum(bad)
      cat("MISMATCH", name, method, "\n")
      print(data.frame(issue = names(theirs), R = theirs, materia = got)[bad, ])
    }
  }
}
cat("compared", checked, "scores with RobustRankAggreg", as.character(packageVersion("RobustRankAggreg")),
    ":", failures, "mismatches\n")
if (failures > 0 || checked == 0) quit(status = 1)
