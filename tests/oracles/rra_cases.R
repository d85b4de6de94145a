# Shared by rra_fixtures.R and rra_live.R: the ranked lists on which materia must reproduce
# RobustRankAggreg, and how R scores them. Each case: lists (character vectors, best first),
# a weight per list (a firm of weight w counts w times), a policy per list ("bottom": unlisted
# items rank at 1; "not_assessed": NA), the universe N, and which R methods apply.
suppressPackageStartupMessages(library(RobustRankAggreg))

rra_cases <- function() {
  set.seed(20121)
  cases <- list()
  items10 <- letters[1:10]
  cases$small <- list(
    lists = list(c("a", "b", "c"), c("b", "a", "d", "e"), c("c", "a", "f", "g", "b"),
                 c("a", "d", "b", "h", "i", "j"), c("e", "b", "a")),
    weight = c(1, 1, 1, 1, 1), policy = rep("bottom", 5), N = 10,
    methods = c("rra", "rra_cutoff", "rra_exact", "stuart"))
  cases$not_assessed <- list(
    lists = list(c("a", "b", "c"), c("b", "a", "d", "e"), c("c", "a", "f", "g", "b"),
                 c("a", "d", "b", "h"), c("e", "b", "a"), c("j", "i", "a", "c")),
    weight = c(1, 1, 1, 1, 1, 1), policy = c("bottom", "not_assessed", "bottom", "bottom",
                                              "not_assessed", "bottom"), N = 12,
    methods = c("rra", "rra_exact", "stuart"))
  cases$weights <- list(
    lists = list(c("a", "b", "c", "d"), c("d", "c", "b"), c("b", "e", "a"), c("c", "a")),
    weight = c(1, 3, 2, 1), policy = rep("bottom", 4), N = 8,
    methods = c("rra", "rra_cutoff", "rra_exact", "stuart"))
  pool <- sprintf("g%02d", 1:30)
  popularity <- 1 / (1:30 + 3)
  cases$random <- list(
    lists = lapply(1:12, function(i) sample(pool, sample(5:20, 1), prob = popularity)),
    weight = rep(1, 12), policy = rep("bottom", 12), N = 30,
    methods = c("rra", "rra_cutoff", "rra_exact", "stuart"))
  pool60 <- sprintf("h%02d", 1:60)
  cases$wide <- list(
    lists = lapply(1:30, function(i) sample(pool60, sample(8:25, 1), prob = 1 / (1:60 + 5))),
    weight = rep(1, 30), policy = rep("bottom", 30), N = 70,
    methods = c("rra", "rra_cutoff"))
  cases
}

# Scores of one case under one method, named by item, as RobustRankAggreg computes them.
rra_scores <- function(case, method) {
  reps <- rep(seq_along(case$lists), case$weight)
  lists <- case$lists[reps]
  policy <- case$policy[reps]
  items <- unique(unlist(lists))
  rmat <- matrix(1, nrow = length(items), ncol = length(lists), dimnames = list(items, NULL))
  for (j in seq_along(lists)) {
    if (policy[j] == "not_assessed") rmat[, j] <- NA
    rmat[lists[[j]], j] <- seq_along(lists[[j]]) / case$N
  }
  out <- switch(method,
    rra = aggregateRanks(rmat = rmat, N = case$N, method = "RRA"),
    rra_exact = aggregateRanks(rmat = rmat, N = case$N, method = "RRA", exact = TRUE),
    rra_cutoff = aggregateRanks(rmat = rmat, N = case$N, method = "RRA",
                                topCutoff = sapply(lists, length) / case$N),
    stuart = aggregateRanks(rmat = rmat, N = case$N, method = "stuart"))
  setNames(out$Score, out$Name)
}

# Long CSV of a case as materia reads it (firm, issue, rank, weight, unlisted).
rra_case_csv <- function(case) {
  rows <- do.call(rbind, lapply(seq_along(case$lists), function(j) {
    data.frame(firm = sprintf("L%02d", j), issue = case$lists[[j]], rank = seq_along(case$lists[[j]]),
               weight = case$weight[j], unlisted = case$policy[j])
  }))
  rows
}
