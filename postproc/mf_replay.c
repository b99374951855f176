/* Replay: integrate a compact model's state equation under a sampled voltage protocol with GSL's BDF
 * integrator (gsl_odeiv2_step_msbdf). The windows make the state equation stiff near the bounds
 * (d rate/d state ~ rate/w_c), which is why an implicit multistep method is used; the Jacobian of the
 * scalar equation is a central difference. The voltage is linear between samples and the integrator is
 * restarted at every sample (the protocol has kinks there). */
#include "mf_post.h"
#include "mf_post_impl.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <math.h>

typedef struct {
  const MfCompactModel *m;
  PetscReal             scale;      /* state = scale * y */
  PetscReal             ta, va, slope; /* v(t) = va + slope (t - ta) on the current segment */
} ReplayCtx;

static int ReplayRhs(double t, const double y[], double f[], void *ctx)
{
  ReplayCtx *c = (ReplayCtx *)ctx;
  PetscReal  v = c->va + c->slope * (t - c->ta);

  f[0] = MfCompactRate(c->m, v, c->scale * y[0]) / c->scale;
  return isfinite(f[0]) ? GSL_SUCCESS : GSL_EBADFUNC;
}

static int ReplayJac(double t, const double y[], double *dfdy, double dfdt[], void *ctx)
{
  ReplayCtx *c = (ReplayCtx *)ctx;
  PetscReal  v = c->va + c->slope * (t - c->ta), hy = 1e-6 * PetscMax(PetscAbsReal(y[0]), 1e-2), hv = 1e-6;
  PetscReal  s = c->scale;

  dfdy[0] = (MfCompactRate(c->m, v, s * (y[0] + hy)) - MfCompactRate(c->m, v, s * (y[0] - hy))) / (2 * hy * s);
  dfdt[0] = c->slope * (MfCompactRate(c->m, v + hv, s * y[0]) - MfCompactRate(c->m, v - hv, s * y[0])) / (2 * hv * s);
  return (isfinite(dfdy[0]) && isfinite(dfdt[0])) ? GSL_SUCCESS : GSL_EBADFUNC;
}

int MfCompactReplayCore(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], PetscReal tol, PetscReal state[], PetscReal current[])
{
  ReplayCtx          ctx;
  gsl_odeiv2_system  sys = {ReplayRhs, ReplayJac, 1, &ctx};
  gsl_odeiv2_driver *drv;
  double             y[1], tt;
  int                status = GSL_SUCCESS;

  ctx.m     = m;
  ctx.scale = MfCompactStateScale(m);
  y[0]      = MfCompactInitialState(m) / ctx.scale;
  /* absolute (in units of the state scale) and relative tolerance `tol`; replays and fits use 1e-10:
   * restarting at every sample accumulates local errors, measured global error ~ 3e3 tol (VTEAM ramp
   * against the exact solution: 2.6e-7 at 1e-10), far below the 1 % recovery bar, and finite-difference
   * Jacobians stay clean */
  drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_msbdf, 1e-3 * (t[1] - t[0]), tol, tol);
  if (!drv) return GSL_ENOMEM;
  gsl_odeiv2_driver_set_nmax(drv, 200000);
  for (PetscInt k = 0; k < n; k++) {
    if (k > 0) {
      ctx.ta    = t[k - 1];
      ctx.va    = v[k - 1];
      ctx.slope = (v[k] - v[k - 1]) / (t[k] - t[k - 1]);
      tt        = t[k - 1];
      gsl_odeiv2_driver_reset_hstart(drv, 1e-3 * (t[k] - t[k - 1]));
      status = gsl_odeiv2_driver_apply(drv, &tt, t[k], y);
      if (status != GSL_SUCCESS) break;
    }
    if (state) state[k] = ctx.scale * y[0];
    if (current) current[k] = MfCompactCurrent(m, v[k], ctx.scale * y[0]);
  }
  gsl_odeiv2_driver_free(drv);
  return status;
}

PetscErrorCode MfCompactReplay(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], PetscReal state[], PetscReal current[])
{
  int status;

  PetscFunctionBeginUser;
  PetscCall(MfPostDataCheckArrays("replay protocol", n, t, v, NULL));
  gsl_set_error_handler_off();
  status = MfCompactReplayCore(m, n, t, v, 1e-10, state, current);
  PetscCheck(status == GSL_SUCCESS, PETSC_COMM_SELF, PETSC_ERR_LIB, "GSL ODE integration of the %s model failed: %s (check the parameters: a rate that overflows or a state outside its window)", MfCompactKindName(m->kind), gsl_strerror(status));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCompactReplayError(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], PetscReal floor, PetscReal *rms_log, PetscReal *rms_rel)
{
  PetscReal *im, imax = 0, sl = 0, sr = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(n, &im));
  PetscCall(MfCompactReplay(m, n, t, v, NULL, im));
  for (PetscInt k = 0; k < n; k++) imax = PetscMax(imax, PetscAbsReal(i[k]));
  if (floor <= 0) floor = 1e-3 * imax;
  for (PetscInt k = 0; k < n; k++) {
    PetscReal dl = PetscLogReal(PetscAbsReal(im[k]) + floor) - PetscLogReal(PetscAbsReal(i[k]) + floor);
    PetscReal dr = (im[k] - i[k]) / PetscMax(PetscAbsReal(i[k]), floor);
    sl += dl * dl;
    sr += dr * dr;
  }
  *rms_log = PetscSqrtReal(sl / n);
  *rms_rel = PetscSqrtReal(sr / n);
  PetscCall(PetscFree(im));
  PetscFunctionReturn(0);
}
