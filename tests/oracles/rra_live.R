# ctest oracle.rra_live: runs `materia analyze --method rra|stuart` on the cases of rra_cases.R
# plus fresh random ones, and compares every score with RobustRankAggreg::aggregateRanks.
#   [MATERIA_RRA_SEED=N] Rscript tests/oracles/rra_live.R path/to/materia work/dir [python3]
# A score off R's beyond the tolerance is arbitrated by stuart_mpmath.py (50 digits): it passes
# only if materia is within 1e-7 relative of that (1e-9 for rra, rra_cutoff) and R is further off.
args <- commandArgs(trailingOnly = TRUE)
materia <- args[1]
work <- args[2]
python <- if (length(args) >= 3) args[3] else "/usr/bin/python3"
# A fresh seed per run unless MATERIA_RRA_SEED is set (R seeds its generator from time and pid).
seed <- Sys.getenv("MATERIA_RRA_SEED")
seed <- if (nzchar(seed)) suppressWarnings(as.integer(seed)) else
  sample.int(.Machine$integer.max, 1)
if (is.na(seed)) stop("MATERIA_RRA_SEED must be an integer")
cat("rra_live: seed ", seed, "; reproduce with MATERIA_RRA_SEED=", seed, "\n", sep = "")
dir.create(work, showWarnings = FALSE, recursive = TRUE)
file_arg <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", file_arg[grep("^--file=", file_arg)])))
source(file.path(here, "rra_cases.R"))

cases <- rra_cases()
set.seed(seed)
# Whole weights from {1, 2, 3} adding up to M lists, at least one above 1.
weights_to <- function(M) {
  w <- integer(0)
  while (sum(w) < M) w <- c(w, min(M - sum(w), sample(c(1L, 1L, 2L, 3L), 1)))
  if (all(w == 1)) w <- c(2L, w[-(1:2)])
  w[sample.int(length(w))]
}
# 2 to 30 lists after weighting, one draw from each band; beyond ~12, R's qStuart recursion
# (stuart, --rra-exact) loses digits and arbitration decides.
for (t in 1:4) {
  N <- sample(15:40, 1)
  pool <- sprintf("x%02d", 1:N)
  weight <- weights_to(sample(list(2:6, 7:12, 13:20, 21:30)[[t]], 1))
  m <- length(weight)
  cases[[paste0("live", t)]] <- list(
    lists = lapply(1:m, function(i) sample(pool, sample(3:min(N, 15), 1), prob = 1 / (1:N + 2))),
    weight = weight,
    policy = sample(c("bottom", "bottom", "not_assessed"), m, replace = TRUE), N = N + 3,
    methods = c("rra", "rra_exact", "stuart"))
  cases[[paste0("live_cutoff", t)]] <- within(cases[[paste0("live", t)]], {
    policy <- rep("bottom", m); methods <- c("rra", "rra_cutoff") })
}

# One issue's query line for stuart_mpmath.py: its ranks over the counting lists (N = unlisted
# under bottom, none under not_assessed), and for rra_cutoff the lists' lengths.
query_line <- function(case, method, item) {
  reps <- rep(seq_along(case$lists), case$weight)
  ranks <- unlist(lapply(reps, function(j) {
    r <- match(item, case$lists[[j]])
    if (!is.na(r)) r else if (case$policy[j] == "bottom") case$N else integer(0)
  }))
  line <- paste(method, case$N, paste(ranks, collapse = ","))
  if (method == "rra_cutoff") line <- paste(line, paste(lengths(case$lists[reps]), collapse = ","))
  line
}

relative_error <- function(x, ref) ifelse(ref == 0, ifelse(x == 0, 0, Inf), abs(x - ref) / abs(ref))

checked <- 0
disputes <- list()
worst_r <- 0  # largest relative difference between R and materia
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
    # 13 lists on, so those two are held to 1e-6 relative, the rest to 1e-9.
    relative <- if (method %in% c("stuart", "rra_exact")) 1e-6 else 1e-9
    bad <- is.na(got) | abs(got - theirs) > 1e-12 + relative * abs(theirs)
    checked <- checked + length(theirs)
    worst_r <- max(worst_r, relative_error(got, theirs)[abs(theirs) > 1e-12], na.rm = TRUE)
    for (item in names(theirs)[bad])
      disputes[[length(disputes) + 1]] <- list(
        case = name, method = method, item = item, R = theirs[[item]], materia = got[[item]],
        limit = min(1e-7, relative), query = query_line(case, method, item))
  }
}

# Arbitration: every dispute's score in 50 digits, in one call.
failures <- 0
arbitrated <- 0
worst_mp <- 0  # largest relative difference between materia and the 50-digit value
if (length(disputes) > 0) {
  queries <- vapply(disputes, `[[`, "", "query")
  reference <- system2(python, c(shQuote(file.path(here, "stuart_mpmath.py")), "--queries"),
                       input = queries, stdout = TRUE)
  if (!is.null(attr(reference, "status")) || length(reference) != length(queries))
    stop("stuart_mpmath.py failed (is mpmath installed for ", python, "?)")
  for (k in seq_along(disputes)) {
    d <- disputes[[k]]
    mp <- as.numeric(reference[k])
    ours_off <- relative_error(d$materia, mp)
    r_off <- relative_error(d$R, mp)
    pass <- !is.na(d$materia) && ours_off <= d$limit && r_off > ours_off
    worst_mp <- max(worst_mp, ours_off, na.rm = TRUE)
    arbitrated <- arbitrated + 1
    if (!pass) failures <- failures + 1
    cat(sprintf(paste("ARBITRATED %s %s %s: R %.17g, materia %.17g, mpmath %s;",
                      "relative to mpmath: R %.3g, materia %.3g -> %s\n"),
                d$case, d$method, d$item, d$R, d$materia, reference[k], r_off, ours_off,
                if (pass) "materia right" else "FAIL"))
  }
}
cat("compared", checked, "scores with RobustRankAggreg",
    as.character(packageVersion("RobustRankAggreg")), ": largest relative difference (above 1e-12)",
    signif(worst_r, 3), ";", arbitrated, "arbitrated by 50 digits (largest materia error",
    signif(worst_mp, 3), "):", failures, "failures\n")
if (failures > 0 || checked == 0) quit(status = 1)
