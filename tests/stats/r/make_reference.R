# Reference values for tests/stats: run from the repository root with
#   Rscript tests/stats/r/make_reference.R
# (R 4.2, survival 3.5). Writes the data sets the tests use to tests/data/stats/*.csv and every
# expected number to tests/data/stats/reference.json. Missing values: empty CSV field, JSON null;
# infinities are the JSON strings "Inf" / "-Inf".
suppressMessages(library(survival))
out_dir <- "tests/data/stats"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

num_json <- function(v) {
  s <- ifelse(is.na(v), "null",
       ifelse(is.infinite(v), ifelse(v > 0, '"Inf"', '"-Inf"'), sprintf("%.17g", v)))
  s
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    parts <- vapply(x, to_json, "")
    if (!is.null(names(x)) && all(names(x) != "")) {
      return(paste0("{", paste0('"', names(x), '":', parts, collapse = ","), "}"))
    }
    return(paste0("[", paste0(parts, collapse = ","), "]"))
  }
  if (is.factor(x)) x <- as.character(x)
  if (is.character(x)) v <- paste0('"', x, '"')
  else if (is.logical(x)) v <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  else v <- num_json(as.numeric(x))
  if (length(x) == 1 && is.null(attr(x, "keep_array"))) return(v)
  paste0("[", paste0(v, collapse = ","), "]")
}
arr <- function(x) { x <- as.vector(x); attr(x, "keep_array") <- TRUE; x }
write_data <- function(df, name) {
  write.csv(df, file.path(out_dir, name), row.names = FALSE, na = "", quote = FALSE)
}

# ---- data sets ------------------------------------------------------------------------------
lung_df <- data.frame(time = lung$time, event = lung$status - 1, age = lung$age, sex = lung$sex,
                      ph_ecog = lung$ph.ecog, ph_karno = lung$ph.karno, wt_loss = lung$wt.loss)
write_data(lung_df, "lung.csv")
veteran_df <- data.frame(time = veteran$time, event = veteran$status, trt = veteran$trt,
                         celltype = as.integer(veteran$celltype), karno = veteran$karno,
                         diagtime = veteran$diagtime, age = veteran$age, prior = veteran$prior)
write_data(veteran_df, "veteran.csv")
ovarian_df <- data.frame(time = ovarian$futime, event = ovarian$fustat, age = ovarian$age,
                         resid_ds = ovarian$resid.ds, rx = ovarian$rx, ecog_ps = ovarian$ecog.ps)
write_data(ovarian_df, "ovarian.csv")
# Counting-process form of veteran: split at 90 and 180 days, karnofsky allowed to act differently
# before and after day 90 (a time-varying covariate).
vs <- survSplit(Surv(time, status) ~ ., data = veteran, cut = c(90, 180), episode = "tgroup")
vs$karno_early <- vs$karno * (vs$tgroup == 1)
vs$karno_late <- vs$karno * (vs$tgroup > 1)
vet_split <- data.frame(start = vs$tstart, stop = vs$time, event = vs$status, trt = vs$trt,
                        prior = vs$prior, karno = vs$karno, karno_early = vs$karno_early,
                        karno_late = vs$karno_late, age = vs$age)
write_data(vet_split, "veteran_split.csv")
# Counting-process rows followed beyond the last event (as account lifetimes cut every 30 days):
# simulated, 30-day intervals also cut where a time-varying flag switches on. Rows that start
# after the last event time made stats::cox_regression's risk-set sweep remove rows before they
# had entered (issue 4); coxph converges in 4 steps.
set.seed(20261128)
sim_n <- 150
sim <- data.frame(id = 1:sim_n, x = rbinom(sim_n, 1, 0.4), age = round(rnorm(sim_n, 50, 10)))
sim$switch_at <- ifelse(runif(sim_n) < 0.5, runif(sim_n, 0, 300), Inf)
base_time <- rexp(sim_n, 1 / 400)
sim_event <- ifelse(base_time < sim$switch_at, base_time,
                    sim$switch_at + (base_time - sim$switch_at) / 2)  # hazard x2 once switched
sim_event <- sim_event * exp(-0.5 * sim$x - 0.02 * (sim$age - 50))
sim_censor <- runif(sim_n, 100, 900)
sim$switch_at <- round(sim$switch_at, 3)  # times exact in the CSV
sim$time <- round(pmin(sim_event, sim_censor), 3)
sim$status <- as.integer(sim_event <= sim_censor)
ss <- survSplit(Surv(time, status) ~ ., data = sim, cut = seq(30, 900, 30), episode = "ep")
cut_here <- is.finite(ss$switch_at) & ss$switch_at > ss$tstart & ss$switch_at < ss$time
before <- ss[cut_here, ]
before$time <- before$switch_at
before$status <- 0L
ss$tstart[cut_here] <- ss$switch_at[cut_here]
ss <- rbind(ss, before)
ss <- ss[order(ss$id, ss$tstart), ]
followup_split <- data.frame(start = ss$tstart, stop = ss$time, event = ss$status, x = ss$x,
                             age = ss$age,
                             switched = as.integer(is.finite(ss$switch_at) &
                                                   ss$tstart >= ss$switch_at))
write_data(followup_split, "followup_split.csv")

ref <- list()

# ---- Kaplan–Meier, Nelson–Aalen, quantiles, RMST -------------------------------------------
km_case <- function(time, event, conf_type, tau) {
  fit <- survfit(Surv(time, event) ~ 1, conf.type = conf_type)
  q <- quantile(fit, c(0.25, 0.5, 0.75))
  rm <- summary(fit, rmean = tau)$table
  list(conf_type = conf_type, time = arr(fit$time), n_risk = arr(fit$n.risk),
       n_event = arr(fit$n.event), n_censor = arr(fit$n.censor), surv = arr(fit$surv),
       std_err = arr(fit$std.err), lower = arr(fit$lower), upper = arr(fit$upper),
       cumhaz = arr(fit$cumhaz), std_chaz = arr(fit$std.chaz),
       quantile = arr(q$quantile), quantile_lower = arr(q$lower), quantile_upper = arr(q$upper),
       tau = tau, rmean = unname(rm["rmean"]), rmean_se = unname(rm["se(rmean)"]))
}
ref$km <- list(
  lung_log = km_case(lung_df$time, lung_df$event, "log", 365),
  lung_loglog = km_case(lung_df$time, lung_df$event, "log-log", 365),
  lung_plain = km_case(lung_df$time, lung_df$event, "plain", 365),
  lung_female = km_case(lung_df$time[lung_df$sex == 2], lung_df$event[lung_df$sex == 2], "log", 500),
  veteran = km_case(veteran_df$time, veteran_df$event, "log", 200),
  veteran_loglog = km_case(veteran_df$time, veteran_df$event, "log-log", 2000),
  ovarian = km_case(ovarian_df$time, ovarian_df$event, "log", 800),
  ovarian_plain = km_case(ovarian_df$time, ovarian_df$event, "plain", 1300),
  # a curve that sits at exactly 0.5 over a stretch, with ties and a final death
  flat_half = km_case(c(1, 2, 2, 3, 4, 4, 5, 6), c(1, 1, 0, 1, 0, 0, 1, 1), "log", 5.5),
  ends_at_half = km_case(c(1, 2, 3, 4), c(1, 1, 0, 0), "log", 3),
  all_censored = km_case(c(3, 1, 2, 2), c(0, 0, 0, 0), "log", 2.5),
  ties_one_time = km_case(c(5, 5, 5, 5, 5), c(1, 1, 0, 1, 0), "log-log", 10)
)
# ---- log-rank and G-rho ---------------------------------------------------------------------
sd_case <- function(formula, data, rho) {
  f <- survdiff(formula, data = data, rho = rho)
  df <- sum(f$exp > 0) - 1
  list(rho = rho, chisq = f$chisq, df = df, p = pchisq(f$chisq, df, lower.tail = FALSE),
       n = arr(f$n), observed = arr(f$obs), expected = arr(f$exp), var = arr(f$var))
}
ref$logrank <- list(
  lung_sex = sd_case(Surv(time, event) ~ sex, lung_df, 0),
  lung_sex_peto = sd_case(Surv(time, event) ~ sex, lung_df, 1),
  veteran_celltype = sd_case(Surv(time, event) ~ celltype, veteran_df, 0),
  veteran_celltype_rho05 = sd_case(Surv(time, event) ~ celltype, veteran_df, 0.5),
  ovarian_rx = sd_case(Surv(time, event) ~ rx, ovarian_df, 0)
)

# ---- Cox ------------------------------------------------------------------------------------
cox_case <- function(fit, data_name, zph = TRUE) {
  s <- summary(fit)
  res <- list(data = data_name, method = fit$method, n = fit$n, events = fit$nevent,
              iter = fit$iter, coef = arr(coef(fit)), se = arr(sqrt(diag(fit$var))),
              loglik = arr(fit$loglik), score_test = unname(fit$score),
              wald_test = unname(fit$wald.test),
              lr_test = 2 * (fit$loglik[2] - fit$loglik[1]),
              concordance = unname(fit$concordance["concordance"]),
              concordance_se = unname(fit$concordance["std"]))
  if (zph) {
    z <- cox.zph(fit, transform = "km")
    res$zph_chisq <- arr(z$table[, "chisq"])
    res$zph_df <- arr(z$table[, "df"])
    res$zph_p <- arr(z$table[, "p"])
  }
  bh <- basehaz(fit, centered = FALSE)
  res$basehaz_time <- arr(bh$time)
  res$basehaz_hazard <- arr(bh$hazard)
  if (!is.null(bh$strata)) res$basehaz_strata <- arr(as.character(bh$strata))
  res
}
lung_cc <- na.omit(lung_df[, c("time", "event", "age", "sex", "ph_ecog")])
ovarian_fit_data <- ovarian_df
vet_cell <- veteran_df
vet_cell$cell2 <- as.numeric(vet_cell$celltype == 2)
vet_cell$cell3 <- as.numeric(vet_cell$celltype == 3)
vet_cell$cell4 <- as.numeric(vet_cell$celltype == 4)
lung_const <- lung_cc
lung_const$one <- 1
ref$cox <- list(
  lung_efron = cox_case(coxph(Surv(time, event) ~ age + sex + ph_ecog, lung_cc), "lung"),
  lung_breslow = cox_case(coxph(Surv(time, event) ~ age + sex + ph_ecog, lung_cc,
                                ties = "breslow"), "lung"),
  lung_strata = cox_case(coxph(Surv(time, event) ~ age + ph_ecog + strata(sex), lung_cc), "lung"),
  veteran_efron = cox_case(coxph(Surv(time, event) ~ trt + karno + diagtime + age + prior +
                                   cell2 + cell3 + cell4, vet_cell), "veteran"),
  # a factor's three dummies form one term in cox.zph
  veteran_factor = cox_case(coxph(Surv(time, event) ~ trt + karno + factor(celltype), veteran_df),
                            "veteran"),
  ovarian_efron = cox_case(coxph(Surv(time, event) ~ age + resid_ds + rx + ecog_ps, ovarian_df),
                           "ovarian"),
  ovarian_breslow = cox_case(coxph(Surv(time, event) ~ age + rx, ovarian_df, ties = "breslow"),
                             "ovarian"),
  veteran_split_same = cox_case(coxph(Surv(start, stop, event) ~ trt + karno + age, vet_split),
                                "veteran_split"),
  veteran_split_tv = cox_case(coxph(Surv(start, stop, event) ~ trt + prior + karno_early +
                                      karno_late, vet_split), "veteran_split"),
  veteran_split_breslow = cox_case(coxph(Surv(start, stop, event) ~ trt + karno_early +
                                           karno_late, vet_split, ties = "breslow"),
                                   "veteran_split"),
  followup_split = cox_case(coxph(Surv(start, stop, event) ~ x + age + switched, followup_split),
                            "followup_split"),
  followup_split_breslow = cox_case(coxph(Surv(start, stop, event) ~ x + age + switched,
                                          followup_split, ties = "breslow"), "followup_split"),
  lung_one_iteration = cox_case(suppressWarnings(coxph(Surv(time, event) ~ age + sex + ph_ecog,
                                                       lung_cc, iter.max = 1)), "lung",
                                zph = FALSE),
  lung_constant = cox_case(suppressWarnings(coxph(Surv(time, event) ~ age + one + sex, lung_const)),
                           "lung", zph = FALSE)
)

# ---- logistic -------------------------------------------------------------------------------
glm_case <- function(fit) {
  s <- summary(fit)$coefficients
  co <- coef(fit)
  se <- rep(NA_real_, length(co)); names(se) <- names(co)
  se[rownames(s)] <- s[, 2]
  list(coef = arr(co), se = arr(se), deviance = fit$deviance,
       null_deviance = fit$null.deviance, aic = fit$aic, iter = fit$iter,
       converged = fit$converged)
}
vet_glm <- veteran_df
vet_glm$long <- as.numeric(vet_glm$time > 100)
lung_glm <- na.omit(lung_df[, c("event", "age", "sex", "ph_ecog", "wt_loss")])
lung_glm$one <- 1
ref$logistic <- list(
  veteran = glm_case(glm(long ~ trt + karno + age + prior, binomial, vet_glm)),
  lung = glm_case(glm(event ~ age + sex + ph_ecog + wt_loss, binomial, lung_glm)),
  ovarian = glm_case(glm(event ~ age + rx, binomial, ovarian_df)),
  lung_constant = glm_case(glm(event ~ age + one + sex, binomial, lung_glm))
)

# ---- small tests and distributions ----------------------------------------------------------
fisher_mle <- function(m) {
  # fisher.test's conditional MLE, solved to 1e-14 instead of uniroot's default 1e-4.
  x <- m[1, 1]; mm <- sum(m[, 1]); n <- sum(m[, 2]); k <- sum(m[1, ])
  lo <- max(0, k - n); hi <- min(k, mm); support <- lo:hi
  logdc <- dhyper(support, mm, n, k, log = TRUE)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) if (ncp == 0) lo else if (ncp == Inf) hi else sum(support * dn(ncp))
  if (x == lo) return(0); if (x == hi) return(Inf)
  mu <- mnhyper(1)
  if (mu > x) uniroot(function(t) mnhyper(t) - x, c(0, 1), tol = 1e-15)$root
  else if (mu < x) 1 / uniroot(function(t) mnhyper(1 / t) - x, c(.Machine$double.eps, 1),
                               tol = 1e-15)$root
  else 1
}
fisher_ci <- function(m, conf = 0.95) {
  # fisher.test's conditional confidence interval, solved to 1e-15 (uniroot's default is 1e-4).
  x <- m[1, 1]; mm <- sum(m[, 1]); n <- sum(m[, 2]); k <- sum(m[1, ])
  lo <- max(0, k - n); hi <- min(k, mm); support <- lo:hi
  logdc <- dhyper(support, mm, n, k, log = TRUE)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  pn <- function(q, ncp, upper = FALSE) {
    if (ncp == 1) return(if (upper) phyper(x - 1, mm, n, k, lower.tail = FALSE) else phyper(x, mm, n, k))
    if (ncp == 0) return(as.numeric(if (upper) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper) q <= hi else q >= hi))
    sum(dn(ncp)[if (upper) support >= q else support <= q])
  }
  alpha <- (1 - conf) / 2
  tol <- 1e-15
  upper <- if (x == hi) Inf else {
    p <- pn(x, 1)
    if (p < alpha) uniroot(function(t) pn(x, t) - alpha, c(0, 1), tol = tol)$root
    else if (p > alpha) 1 / uniroot(function(t) pn(x, 1 / t) - alpha, c(.Machine$double.eps, 1), tol = tol)$root
    else 1
  }
  lower <- if (x == lo) 0 else {
    p <- pn(x, 1, TRUE)
    if (p > alpha) uniroot(function(t) pn(x, t, TRUE) - alpha, c(0, 1), tol = tol)$root
    else if (p < alpha) 1 / uniroot(function(t) pn(x, 1 / t, TRUE) - alpha, c(.Machine$double.eps, 1), tol = tol)$root
    else 1
  }
  c(lower, upper)
}
fisher_case <- function(a, b, c, d) {
  m <- matrix(c(a, c, b, d), 2)  # rows (a b; c d)
  f <- fisher.test(m)
  ci <- fisher_ci(m)
  list(table = arr(c(a, b, c, d)), p = f$p.value, odds_ratio = fisher_mle(m),
       lower = ci[1], upper = ci[2], r_lower = f$conf.int[1], r_upper = f$conf.int[2])
}
wilson_case <- function(x, n, conf) {
  ci <- prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int
  list(x = x, n = n, conf = conf, lower = ci[1], upper = ci[2])
}
poisson_case <- function(x1, t1, x2, t2) {
  f <- poisson.test(c(x1, x2), c(t1, t2))
  list(x1 = x1, t1 = t1, x2 = x2, t2 = t2, estimate = unname(f$estimate),
       lower = f$conf.int[1], upper = f$conf.int[2], p = f$p.value)
}
p_raw <- c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04, NA, 0.9)
robust_x <- c(3.1, 2.7, 4.4, 3.0, 12.5, 2.9, 3.3, 3.6)
ref$tests <- list(
  fisher = list(fisher_case(3, 1, 1, 3), fisher_case(10, 2, 3, 15), fisher_case(0, 5, 6, 2),
                fisher_case(25, 30, 12, 40), fisher_case(1, 0, 0, 1)),
  wilson = list(wilson_case(7, 20, 0.95), wilson_case(0, 15, 0.95), wilson_case(15, 15, 0.9),
                wilson_case(123, 1000, 0.99)),
  poisson = list(poisson_case(30, 1000, 15, 1200), poisson_case(4, 10, 11, 12),
                 poisson_case(0, 5, 3, 5)),
  bh = list(p = arr(p_raw), adjusted = arr(p.adjust(p_raw, "BH"))),
  robust = list(x = arr(robust_x), median = median(robust_x), mad = mad(robust_x),
                z = arr((robust_x - median(robust_x)) / mad(robust_x)))
)
zs <- c(-40, -8.5, -3, -1.96, -0.5, 0, 0.3, 1.2, 2.5, 6, 9)
ps <- c(1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999999, 1 - 1e-12)
chis <- list(c(0.5, 1), c(3.84, 1), c(50, 1), c(2, 2), c(7.8, 3), c(0.1, 4), c(25, 10),
             c(150, 100), c(3, 0.5), c(400, 7))
betas <- list(c(0.3, 2, 5), c(0.9, 0.5, 0.5), c(0.01, 1, 30), c(0.5, 100, 120))
ref$distributions <- list(
  z = arr(zs), pnorm = arr(pnorm(zs)), pnorm_upper = arr(pnorm(zs, lower.tail = FALSE)),
  p = arr(ps), qnorm = arr(qnorm(ps)),
  chisq_x = arr(sapply(chis, `[`, 1)), chisq_df = arr(sapply(chis, `[`, 2)),
  pchisq_upper = arr(sapply(chis, function(c) pchisq(c[1], c[2], lower.tail = FALSE))),
  beta_x = arr(sapply(betas, `[`, 1)), beta_a = arr(sapply(betas, `[`, 2)),
  beta_b = arr(sapply(betas, `[`, 3)),
  pbeta = arr(sapply(betas, function(b) pbeta(b[1], b[2], b[3]))),
  qbeta = arr(sapply(betas, function(b) qbeta(b[1], b[2], b[3])))
)

writeLines(to_json(ref), file.path(out_dir, "reference.json"))
cat("wrote", file.path(out_dir, "reference.json"), "\n")
