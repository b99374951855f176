/* Statistics over cycles, devices and temperatures: summary, Weibull, Arrhenius, pulse-train metrics. */
#include "mf_post.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_min.h>
#include <math.h>
#include <stdlib.h>

#include "mf_constants.h"

PetscErrorCode MfSummaryCompute(PetscInt n, const PetscReal x[], MfSummary *s)
{
  PetscReal sum = 0, sq = 0;

  PetscFunctionBeginUser;
  s->n   = 0;
  s->min = PETSC_MAX_REAL;
  s->max = -PETSC_MAX_REAL;
  for (PetscInt k = 0; k < n; k++) {
    if (!isfinite(x[k])) continue;
    s->n++;
    sum += x[k];
    s->min = PetscMin(s->min, x[k]);
    s->max = PetscMax(s->max, x[k]);
  }
  s->mean = s->n ? sum / s->n : NAN;
  for (PetscInt k = 0; k < n; k++)
    if (isfinite(x[k])) sq += (x[k] - s->mean) * (x[k] - s->mean);
  s->std = s->n > 1 ? PetscSqrtReal(sq / (s->n - 1)) : NAN; /* sample standard deviation */
  if (!s->n) s->min = s->max = NAN;
  PetscFunctionReturn(0);
}

static int CmpReal(const void *a, const void *b)
{
  PetscReal x = *(const PetscReal *)a, y = *(const PetscReal *)b;
  return (x > y) - (x < y);
}

PetscErrorCode MfWeibullFit(PetscInt n, const PetscReal x[], PetscReal *beta, PetscReal *eta, PetscReal *sbeta, PetscReal *seta, PetscReal *r2)
{
  PetscReal *X, *Y, c0, c1, c00, c01, c11, sumsq, ybar = 0, syy = 0;
  int        st;

  PetscFunctionBeginUser;
  PetscCheck(n >= 3, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Weibull fit needs at least 3 values, got %" PetscInt_FMT, n);
  PetscCall(PetscMalloc2(n, &X, n, &Y));
  for (PetscInt k = 0; k < n; k++) {
    PetscCheck(x[k] > 0 && isfinite(x[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Weibull fit needs positive finite values (pass |V_set|); value %" PetscInt_FMT " is %g", k, (double)x[k]);
    X[k] = x[k];
  }
  qsort(X, (size_t)n, sizeof(PetscReal), CmpReal);
  for (PetscInt k = 0; k < n; k++) {
    PetscReal F = (k + 1 - 0.3) / (n + 0.4); /* Bernard's median rank */
    X[k]        = PetscLogReal(X[k]);
    Y[k]        = PetscLogReal(-PetscLogReal(1.0 - F));
    ybar += Y[k] / n;
  }
  gsl_set_error_handler_off();
  st = gsl_fit_linear(X, 1, Y, 1, (size_t)n, &c0, &c1, &c00, &c01, &c11, &sumsq);
  PetscCheck(st == GSL_SUCCESS && c1 != 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Weibull regression failed: %s (all values equal?)", gsl_strerror(st));
  for (PetscInt k = 0; k < n; k++) syy += (Y[k] - ybar) * (Y[k] - ybar);
  /* ln(-ln(1-F)) = beta ln x - beta ln eta  ->  beta = c1, ln eta = -c0/c1 */
  *beta     = c1;
  *eta      = PetscExpReal(-c0 / c1);
  /* Standard errors: the OLS errors of a rank regression are far too small (the ranks are correlated),
   * so we quote the asymptotic (Fisher-information) errors of the Weibull estimators,
   * Var(beta) = 0.6079 beta^2/n, Var(eta) = 1.1087 eta^2/(n beta^2) (Cohen, Technometrics 7, 579 (1965));
   * median-rank regression is slightly less efficient, so these are a mild underestimate. */
  *sbeta = c1 * PetscSqrtReal(0.6079 / n);
  *seta  = *eta * PetscSqrtReal(1.1087 / n) / c1;
  *r2       = syy > 0 ? 1 - sumsq / syy : 1;
  PetscCall(PetscFree2(X, Y));
  PetscFunctionReturn(0);
}

PetscErrorCode MfArrheniusFit(PetscInt n, const PetscReal T[], const PetscReal tf[], PetscReal t_target, MfArrhenius *a)
{
  PetscReal *X, *Y, c0, c1, c00, c01, c11, sumsq, ybar = 0, syy = 0, d, dT0, dT1;
  int        st;

  PetscFunctionBeginUser;
  PetscCheck(n >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Arrhenius fit needs failure times at 2 or more temperatures, got %" PetscInt_FMT, n);
  PetscCall(PetscMalloc2(n, &X, n, &Y));
  for (PetscInt k = 0; k < n; k++) {
    PetscCheck(T[k] > 0 && tf[k] > 0 && isfinite(T[k]) && isfinite(tf[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Arrhenius fit: point %" PetscInt_FMT " has T = %g K, t_fail = %g s; both must be positive and finite", k, (double)T[k], (double)tf[k]);
    X[k] = 1.0 / (MF_KB_EV_PER_K * T[k]);
    Y[k] = PetscLogReal(tf[k]);
    ybar += Y[k] / n;
  }
  gsl_set_error_handler_off();
  st = gsl_fit_linear(X, 1, Y, 1, (size_t)n, &c0, &c1, &c00, &c01, &c11, &sumsq);
  PetscCheck(st == GSL_SUCCESS, PETSC_COMM_SELF, PETSC_ERR_LIB, "Arrhenius regression failed: %s (all temperatures equal?)", gsl_strerror(st));
  for (PetscInt k = 0; k < n; k++) syy += (Y[k] - ybar) * (Y[k] - ybar);
  a->n          = n;
  a->Ea_eV      = c1;
  a->tau0_s     = PetscExpReal(c0);
  a->t_target_s = t_target;
  a->r2         = syy > 0 ? 1 - sumsq / syy : 1;
  if (n > 2) {
    a->sEa_eV   = PetscSqrtReal(c11);
    a->sln_tau0 = PetscSqrtReal(c00);
  } else a->sEa_eV = a->sln_tau0 = NAN; /* two points: exact line, no residual to estimate errors */
  /* ln t_target = c0 + c1/(kB T)  ->  T = c1 / (kB (ln t_target - c0)) */
  d = PetscLogReal(t_target) - c0;
  if (c1 > 0 && d > 0) {
    a->T_target_K = c1 / (MF_KB_EV_PER_K * d);
    dT0           = c1 / (MF_KB_EV_PER_K * d * d); /* dT/dc0 */
    dT1           = 1.0 / (MF_KB_EV_PER_K * d);    /* dT/dc1 */
    a->sT_target_K = n > 2 ? PetscSqrtReal(PetscMax(0, dT0 * dT0 * c00 + dT1 * dT1 * c11 + 2 * dT0 * dT1 * c01)) : NAN;
  } else a->T_target_K = a->sT_target_K = NAN; /* no thermally activated failure or target shorter than tau0 */
  PetscCall(PetscFree2(X, Y));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscInt         n;
  const PetscReal *y;
} PtCtx;

/* Normalised NeuroSim curve y(P) = (1 - exp(-a P))/(1 - exp(-a Pmax)), a = 1/A (a -> 0: linear). */
static double PtModel(double a, double P, double Pmax)
{
  if (PetscAbsReal(a * Pmax) < 1e-8) return P / Pmax;
  return -expm1(-a * P) / -expm1(-a * Pmax);
}

static double PtSse(double a, void *ctx)
{
  PtCtx *c = (PtCtx *)ctx;
  double s = 0, Pmax = c->n - 1;
  for (PetscInt k = 0; k < c->n; k++) {
    double r = PtModel(a, k, Pmax) - c->y[k];
    s += r * r;
  }
  return s;
}

PetscErrorCode MfPulseTrainAnalyse(PetscInt n, const PetscReal G[], PetscBool depression, PetscReal resolution, MfPulseTrainMetrics *m)
{
  PetscReal *y, *s, Pmax = n - 1, range, amin = -30.0 / (n - 1), amax = 30.0 / (n - 1), best = PETSC_MAX_REAL, abest = 0, last;
  PtCtx      ctx;

  PetscFunctionBeginUser;
  PetscCheck(n >= 3, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "pulse-train analysis needs at least 3 conductance reads, got %" PetscInt_FMT, n);
  PetscCheck(resolution > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "state resolution must be > 0 (relative), got %g", (double)resolution);
  range = G[n - 1] - G[0];
  PetscCheck(depression ? range < 0 : range > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "pulse train: conductance goes from %g S to %g S, which is not %s", (double)G[0], (double)G[n - 1], depression ? "a depression (LTD)" : "a potentiation (LTP)");
  PetscCall(PetscMalloc2(n, &y, n, &s));
  for (PetscInt k = 0; k < n; k++) {
    PetscCheck(G[k] > 0 && isfinite(G[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "pulse train: conductance %" PetscInt_FMT " is %g S, expected positive", k, (double)G[k]);
    y[k] = (G[k] - G[0]) / range;
    s[k] = G[k];
  }
  ctx.n = n;
  ctx.y = y;
  /* coarse scan then Brent refinement of a = 1/A (the SSE is smooth and unimodal in practice) */
  for (int j = 0; j <= 600; j++) {
    double a = amin + (amax - amin) * j / 600.0, f = PtSse(a, &ctx);
    if (f < best) {
      best  = f;
      abest = a;
    }
  }
  {
    gsl_min_fminimizer *mz  = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    gsl_function        fun = {PtSse, &ctx};
    double              h = (amax - amin) / 600.0, lo = abest - h, hi = abest + h;
    gsl_set_error_handler_off();
    if (PtSse(abest, &ctx) < PtSse(lo, &ctx) && PtSse(abest, &ctx) < PtSse(hi, &ctx) && gsl_min_fminimizer_set(mz, &fun, abest, lo, hi) == GSL_SUCCESS) {
      for (int it = 0; it < 100; it++) {
        if (gsl_min_fminimizer_iterate(mz) != GSL_SUCCESS) break;
        lo = gsl_min_fminimizer_x_lower(mz);
        hi = gsl_min_fminimizer_x_upper(mz);
        if (gsl_min_test_interval(lo, hi, 1e-12 / Pmax, 1e-10) == GSL_SUCCESS) break;
      }
      abest = gsl_min_fminimizer_x_minimum(mz);
    }
    gsl_min_fminimizer_free(mz);
  }
  m->A_norm    = abest != 0 ? 1.0 / (abest * Pmax) : PETSC_INFINITY;
  m->nl_maxdev = 0;
  for (PetscInt k = 0; k < n; k++) m->nl_maxdev = PetscMax(m->nl_maxdev, PetscAbsReal(y[k] - k / Pmax));
  qsort(s, (size_t)n, sizeof(PetscReal), CmpReal);
  m->G_min         = s[0];
  m->G_max         = s[n - 1];
  m->dynamic_range = s[n - 1] / s[0];
  m->n_states      = 1;
  last             = s[0];
  for (PetscInt k = 1; k < n; k++)
    if (s[k] > last * (1 + resolution)) {
      m->n_states++;
      last = s[k];
    }
  PetscCall(PetscFree2(y, s));
  PetscFunctionReturn(0);
}
