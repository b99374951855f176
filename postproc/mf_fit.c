/* Compact-model fit: gsl_multifit_nlinear (Levenberg-Marquardt trust region) on the replayed current.
 *
 * Fit variables are theta_j = ln|p_j| of the free parameters (every fitted parameter is sign-definite),
 * which keeps signs fixed and makes the steps scale-free across parameters spanning 1e-9..1e3.
 * Residuals r_k = (I_model(t_k) - I_k) / max(|I_k|, I_floor): relative errors, because currents span
 * decades between HRS and LRS. Covariance of theta: C = s^2 (J^T J)^-1, s^2 = chi^2/(n - p) (Jacobian and
 * residual at the optimum, Bates & Watts 1988 §2.3); sigma(p_j) = |p_j| sigma(theta_j) (delta method), the
 * 95 % interval is p exp(-/+ 1.96 sigma(theta)). */
#include "mf_post.h"
#include "mf_post_impl.h"
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <string.h>

typedef struct {
  MfCompactModel   m;
  PetscInt         nfree, idx[MF_COMPACT_MAX_PARAMS];
  PetscReal        sign[MF_COMPACT_MAX_PARAMS];
  PetscInt         n;
  const PetscReal *t, *v, *i;
  PetscReal        floor;
  PetscReal       *im;
} FitCtx;

static void ThetaToModel(FitCtx *c, const gsl_vector *x)
{
  for (PetscInt j = 0; j < c->nfree; j++) c->m.p[c->idx[j]] = c->sign[j] * PetscExpReal(gsl_vector_get(x, (size_t)j));
}

static int FitResidual(const gsl_vector *x, void *ctx, gsl_vector *f)
{
  FitCtx *c = (FitCtx *)ctx;
  int     st;

  ThetaToModel(c, x);
  st = MfCompactReplayCore(&c->m, c->n, c->t, c->v, 1e-10, NULL, c->im);
  for (PetscInt k = 0; k < c->n; k++) {
    /* a trial step whose integration fails gets a large residual so the trust region rejects it */
    PetscReal r = (st == GSL_SUCCESS && isfinite(c->im[k])) ? (c->im[k] - c->i[k]) / PetscMax(PetscAbsReal(c->i[k]), c->floor) : 1e3;
    gsl_vector_set(f, (size_t)k, r);
  }
  return GSL_SUCCESS;
}

PetscErrorCode MfFitOptionsDefault(MfFitOptions *o)
{
  PetscFunctionBeginUser;
  o->current_floor = 0;
  o->max_iter      = 200;
  o->xtol          = 1e-10;
  o->gtol          = 1e-12;
  o->ftol          = 1e-12;
  PetscFunctionReturn(0);
}

PetscErrorCode MfCompactFit(const MfCompactModel *guess, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], const MfFitOptions *o, MfFitResult *res)
{
  FitCtx                               ctx;
  const MfCompactParamInfo            *info;
  PetscInt                             np;
  gsl_multifit_nlinear_fdf             fdf;
  gsl_multifit_nlinear_parameters      fp = gsl_multifit_nlinear_default_parameters();
  gsl_multifit_nlinear_workspace      *w;
  gsl_vector                          *x0;
  gsl_matrix                          *cov;
  int                                  st, info_stop = 0;
  PetscReal                            imax = 0, chi2;

  PetscFunctionBeginUser;
  PetscCall(MfPostDataCheckArrays("fit data", n, t, v, i));
  PetscCall(MfCompactGetParamInfo(guess->kind, &info, &np));
  PetscCall(PetscMemzero(res, sizeof(*res)));
  PetscCall(PetscMemzero(&ctx, sizeof(ctx)));
  ctx.m = *guess;
  for (PetscInt j = 0; j < guess->np; j++) {
    if (!guess->free[j]) continue;
    PetscCheck(guess->p[j] != 0 && isfinite(guess->p[j]), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "fit of %s: free parameter %s has starting value %g; it must be non-zero and finite (its sign is kept)", MfCompactKindName(guess->kind), info[j].name, (double)guess->p[j]);
    ctx.sign[ctx.nfree]  = guess->p[j] > 0 ? 1.0 : -1.0;
    ctx.idx[ctx.nfree++] = j;
  }
  PetscCheck(ctx.nfree > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "fit of %s: no free parameter (all fixed by -extract_fix?)", MfCompactKindName(guess->kind));
  PetscCheck(n > ctx.nfree, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "fit of %s: %" PetscInt_FMT " samples for %" PetscInt_FMT " free parameters; need more samples than parameters", MfCompactKindName(guess->kind), n, ctx.nfree);
  for (PetscInt k = 0; k < n; k++) imax = PetscMax(imax, PetscAbsReal(i[k]));
  PetscCheck(imax > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "fit of %s: the current is zero at every sample", MfCompactKindName(guess->kind));
  ctx.n     = n;
  ctx.t     = t;
  ctx.v     = v;
  ctx.i     = i;
  ctx.floor = o->current_floor > 0 ? o->current_floor : 1e-3 * imax;
  PetscCall(PetscMalloc1(n, &ctx.im));

  gsl_set_error_handler_off();
  fdf.f      = FitResidual;
  fdf.df     = NULL; /* forward-difference Jacobian */
  fdf.fvv    = NULL;
  fdf.n      = (size_t)n;
  fdf.p      = (size_t)ctx.nfree;
  fdf.params = &ctx;
  fp.h_df    = 1e-6; /* step in ln p; the 1e-10 ODE tolerance keeps the difference quotient clean */
  w          = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, (size_t)n, (size_t)ctx.nfree);
  x0         = gsl_vector_alloc((size_t)ctx.nfree);
  cov        = gsl_matrix_alloc((size_t)ctx.nfree, (size_t)ctx.nfree);
  for (PetscInt j = 0; j < ctx.nfree; j++) gsl_vector_set(x0, (size_t)j, PetscLogReal(PetscAbsReal(guess->p[ctx.idx[j]])));
  st = gsl_multifit_nlinear_init(x0, &fdf, w);
  if (st == GSL_SUCCESS) st = gsl_multifit_nlinear_driver((size_t)o->max_iter, o->xtol, o->gtol, o->ftol, NULL, NULL, &info_stop, w);
  if (st == GSL_SUCCESS || st == GSL_EMAXITER || st == GSL_ENOPROG) {
    gsl_vector *f = gsl_multifit_nlinear_residual(w);
    double      rc;
    ThetaToModel(&ctx, w->x);
    res->model = ctx.m;
    gsl_blas_ddot(f, f, &chi2);
    res->chi2    = chi2;
    res->npoints = n;
    res->nfree   = ctx.nfree;
    res->dof     = (PetscReal)(n - ctx.nfree);
    res->s_rel   = PetscSqrtReal(chi2 / res->dof);
    res->niter   = (PetscInt)gsl_multifit_nlinear_niter(w);
    res->nfev    = (PetscInt)fdf.nevalf;
    gsl_multifit_nlinear_rcond(&rc, w);
    res->cond = rc;
    PetscCall(PetscStrncpy(res->stop_reason, st == GSL_EMAXITER ? "maximum iterations" : st == GSL_ENOPROG ? "no further progress" : info_stop == 1 ? "small step" : "small gradient", sizeof(res->stop_reason)));
    gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov);
    for (PetscInt j = 0; j < ctx.nfree; j++) {
      PetscInt  q  = ctx.idx[j];
      PetscReal sl = PetscSqrtReal(PetscMax(0, gsl_matrix_get(cov, (size_t)j, (size_t)j)) * chi2 / res->dof);
      PetscReal a = res->model.p[q] * PetscExpReal(-1.96 * sl), b = res->model.p[q] * PetscExpReal(1.96 * sl);
      res->sigma_log[q] = sl;
      res->sigma[q]     = PetscAbsReal(res->model.p[q]) * sl;
      res->ci95_lo[q]   = PetscMin(a, b);
      res->ci95_hi[q]   = PetscMax(a, b);
    }
    for (PetscInt q = 0; q < guess->np; q++)
      if (!guess->free[q]) res->ci95_lo[q] = res->ci95_hi[q] = res->model.p[q];
    st = GSL_SUCCESS;
  }
  gsl_matrix_free(cov);
  gsl_vector_free(x0);
  gsl_multifit_nlinear_free(w);
  PetscCall(PetscFree(ctx.im));
  PetscCheck(st == GSL_SUCCESS, PETSC_COMM_SELF, PETSC_ERR_LIB, "fit of the %s model failed: %s (try other starting values with -extract_param name=value)", MfCompactKindName(guess->kind), gsl_strerror(st));
  PetscFunctionReturn(0);
}

/* First sample with a usable resistance (|V| >= v_floor and I != 0). */
static PetscReal FirstResistance(PetscInt n, const PetscReal v[], const PetscReal i[], PetscReal vfloor, PetscReal *vk, PetscReal *ik)
{
  for (PetscInt k = 0; k < n; k++)
    if (PetscAbsReal(v[k]) >= vfloor && i[k] != 0) {
      *vk = PetscAbsReal(v[k]);
      *ik = PetscAbsReal(i[k]);
      return *vk / *ik;
    }
  *vk = *ik = NAN;
  return NAN;
}

PetscErrorCode MfCompactGuess(MfCompactKind kind, const MfMetrics *met, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], MfCompactModel *m)
{
  PetscReal Vr = met->read_voltage, Ron = met->R_on, Roff = met->R_off, vs = met->V_set, vrst = met->V_reset, dur = t[n - 1] - t[0];
  PetscReal v0, i0, R0 = FirstResistance(n, v, i, 0.25 * Vr, &v0, &i0);
  PetscReal ts = isfinite(met->t_set) && met->t_set > 0 ? met->t_set : dur / 20, tr = isfinite(met->t_reset) && met->t_reset > 0 ? met->t_reset : dur / 20;
  PetscReal pol = isfinite(vs) ? (vs > 0 ? 1.0 : -1.0) : (isfinite(vrst) ? (vrst < 0 ? 1.0 : -1.0) : 1.0); /* +1: sets at positive V */

  PetscFunctionBeginUser;
  PetscCall(MfCompactModelInit(kind, m));
  PetscCheck(Ron > 0 && Roff > Ron, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "cannot start a %s fit: R_on = %g Ohm and R_off = %g Ohm do not describe a switching device", MfCompactKindName(kind), (double)Ron, (double)Roff);
  if (!isfinite(vs)) vs = 2 * Vr * pol;
  if (!isfinite(vrst)) vrst = -2 * Vr * pol;
  switch (kind) {
  case MF_COMPACT_VTEAM: {
    PetscReal D = m->p[8], x0 = isfinite(R0) ? (R0 - Ron) / (Roff - Ron) : 1.0;
    /* VTEAM sets at negative voltage: data that set at positive voltage are fitted with polarity -1 */
    PetscCall(MfCompactSetParam(m, "polarity", -pol));
    PetscCall(MfCompactSetParam(m, "R_on", Ron));
    PetscCall(MfCompactSetParam(m, "R_off", Roff));
    PetscCall(MfCompactSetParam(m, "v_on", -0.8 * PetscAbsReal(vs)));
    PetscCall(MfCompactSetParam(m, "v_off", 0.8 * PetscAbsReal(vrst)));
    PetscCall(MfCompactSetParam(m, "alpha_on", 2.0));
    PetscCall(MfCompactSetParam(m, "alpha_off", 2.0));
    /* traverse D within the switching time at 25 % overdrive: k (0.25)^alpha t = D */
    PetscCall(MfCompactSetParam(m, "k_on", -D / (ts * 0.0625)));
    PetscCall(MfCompactSetParam(m, "k_off", D / (tr * 0.0625)));
    PetscCall(MfCompactSetParam(m, "w_init", D * PetscMin(PetscMax(x0, 0.0), 1.0)));
  } break;
  case MF_COMPACT_STANFORD: {
    PetscReal g0 = m->p[1], V0 = m->p[2], gmin = m->p[11], gmax = m->p[12], I0, g;
    PetscCall(MfCompactSetParam(m, "polarity", pol));
    I0 = Vr / (Ron * PetscExpReal(-gmin / g0) * PetscSinhReal(Vr / V0)); /* LRS at the smallest gap */
    PetscCall(MfCompactSetParam(m, "I0", I0));
    g = isfinite(R0) ? -g0 * PetscLogReal(i0 / (I0 * PetscSinhReal(v0 / V0))) : gmax;
    PetscCall(MfCompactSetParam(m, "g_init", PetscMin(PetscMax(g, gmin), gmax)));
  } break;
  case MF_COMPACT_YAKOPCIC: {
    PetscReal b = m->p[2], a = Vr / (Ron * PetscSinhReal(b * Vr)), x;
    PetscCall(MfCompactSetParam(m, "polarity", pol));
    PetscCall(MfCompactSetParam(m, "a1", a));
    PetscCall(MfCompactSetParam(m, "a2", a));
    PetscCall(MfCompactSetParam(m, "Vp", 0.8 * PetscAbsReal(vs)));
    PetscCall(MfCompactSetParam(m, "Vn", 0.8 * PetscAbsReal(vrst)));
    x = isfinite(R0) ? i0 / (a * PetscSinhReal(b * v0)) : 0.1;
    PetscCall(MfCompactSetParam(m, "x_init", PetscMin(PetscMax(x, 1e-3), 1.0)));
  } break;
  default: SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "unknown compact model kind %d", (int)kind);
  }
  PetscFunctionReturn(0);
}
