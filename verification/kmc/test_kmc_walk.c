/* Biased hopping through the engine and the reference hop mechanism (physics-references.md §2).
 * M = 10^4 independent walkers, each on its own periodic ring of 8 sites (a graph lattice; rings keep the
 * walkers independent, so the superposition is exactly M independent continuous-time walks). Unwrapped
 * displacements come from the event monitor.
 *  -case drift : <x> = v t and Var = 2 D t at t = 2 us (Skellam, exact), v = 3.9892e-3 m/s and
 *                D = 5.0167e-13 m^2/s (published instance); mean within 3 sigma/sqrt(M), variance within
 *                3 sqrt(2/M) relative (99.7 % two-sided each). Waiting times of the whole system pass a
 *                Kolmogorov-Smirnov test against Exp(M (G+ + G-)) at p > 0.001, and fail it for a 5 %
 *                wrong rate (power check).
 *  -case mfpt  : mean first-passage time to +20 a = 1.2534 us within 3 sigma/sqrt(M) (sigma^2 =
 *                7.903e-14 s^2), its variance within 5 % (3 x the 1.66 % standard error for the
 *                inverse-Gaussian-like kurtosis). */
#include "mf_kmc.h"
#include "mf_kmc_rates.h"
#include <math.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define L_RING 8

typedef struct {
  PetscInt  M;
  PetscInt *disp;     /* unwrapped displacement (sites) per walker */
  PetscReal *tfirst;  /* first time displacement reached target (mfpt), -1 = not yet */
  PetscInt  target;
  PetscInt  nreached;
  double   *dts;      /* waiting times */
  PetscInt  ndt, capdt;
} WalkCtx;

static PetscErrorCode Monitor(void *ctx, const MfKmcState *st, PetscInt site, PetscInt slot, const MfKmcEventRecord *rec, PetscReal dt, PetscReal t)
{
  WalkCtx       *w = (WalkCtx *)ctx;
  const PetscInt c = site / L_RING;

  PetscFunctionBeginUser;
  w->disp[c] += slot == 0 ? 1 : -1;
  if (w->tfirst && w->tfirst[c] < 0 && w->disp[c] >= w->target) {
    w->tfirst[c] = t;
    w->nreached++;
  }
  if (w->dts && w->ndt < w->capdt) w->dts[w->ndt++] = dt;
  PetscFunctionReturn(0);
}

/* Kolmogorov-Smirnov p-value of the sample against Exp(rate): D statistic and the asymptotic Kolmogorov
 * distribution with Stephens' small-sample correction (Numerical Recipes 3rd ed. §14.3). */
static double KsPvalueExp(double *x, size_t n, double rate)
{
  double D = 0.0;
  gsl_sort(x, 1, n);
  for (size_t i = 0; i < n; i++) {
    const double F = 1.0 - exp(-rate * x[i]);
    D              = fmax(D, fmax(fabs(F - (double)i / n), fabs((double)(i + 1) / n - F)));
  }
  const double sn = sqrt((double)n), lam = (sn + 0.12 + 0.11 / sn) * D;
  double       q = 0.0;
  for (int k = 1; k <= 100; k++) q += 2.0 * ((k % 2) ? 1.0 : -1.0) * exp(-2.0 * k * k * lam * lam);
  return fmin(1.0, fmax(0.0, q));
}

static PetscErrorCode CreateRings(PetscInt M, PetscReal a, MfKmcLattice *lat)
{
  const PetscInt n = M * L_RING;
  PetscReal     *x, *bv;
  PetscInt      *nbr;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc3(3 * n, &x, 2 * n, &nbr, 6 * n, &bv));
  for (PetscInt c = 0; c < M; c++)
    for (PetscInt i = 0; i < L_RING; i++) {
      const PetscInt s = c * L_RING + i;
      x[3 * s] = i * a;
      x[3 * s + 1] = c * a;
      x[3 * s + 2] = 0.0;
      nbr[2 * s]     = c * L_RING + (i + 1) % L_RING; /* slot 0: +x */
      nbr[2 * s + 1] = c * L_RING + (i + L_RING - 1) % L_RING;
      for (PetscInt d = 0; d < 6; d++) bv[6 * s + d] = 0.0;
      bv[6 * s]     = a;
      bv[6 * s + 3] = -a;
    }
  PetscCall(MfKmcLatticeCreateGraph(PETSC_COMM_WORLD, n, 2, x, nbr, bv, NULL, lat));
  PetscCall(PetscFree3(x, nbr, bv));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char            tcase[32] = "drift";
  PetscInt        M = 10000, nfail = 0;
  const PetscReal a = 0.25e-9, T = 500.0, E = 1e9;
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfKmcHopParams  hp;
  MfKmcSiteFields f;
  MfKmcState     *st;
  WalkCtx         w;
  MfKmcWindowStats ws;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "KMC biased-walk verification"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-walkers", &M, NULL));
  PetscCall(CreateRings(M, a, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_WORLD, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcHopDefaultParams(&hp));
  hp.z    = 1.0;
  hp.Ea_J = 0.7 * MF_E_C;
  hp.nu_Hz = 1e13;
  PetscCall(MfKmcSetMechanismHop(kmc, &hp));
  PetscCall(MfKmcSetSeed(kmc, 2024, 0));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K          = T;
  f.E_V_per_m[0] = E;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt c = 0; c < M; c++) st->species[c * L_RING] = 1;
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  PetscCall(PetscMemzero(&w, sizeof(w)));
  w.M = M;
  PetscCall(PetscCalloc1(M, &w.disp));
  PetscCall(MfKmcSetEventMonitor(kmc, Monitor, &w));

  /* rates of the published instance, through the verified helpers */
  const PetscReal Gp = MfKmcArrhenius(hp.nu_Hz, MfKmcBarrierLinear(hp.Ea_J, 1.0, a, E), T);
  const PetscReal Gm = MfKmcArrhenius(hp.nu_Hz, MfKmcBarrierLinear(hp.Ea_J, 1.0, a, -E), T);
  PetscReal       R;
  PetscCall(MfKmcGetTotalRate(kmc, &R));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "total rate %.6e 1/s, expected M (G+ + G-) = %.6e\n", (double)R, (double)(M * (Gp + Gm))));
  if (fabs(R - M * (Gp + Gm)) > 1e-10 * R) nfail++;

  if (!strcmp(tcase, "drift")) {
    const PetscReal t = 2e-6, v = 3.9892e-3, D = 5.0167e-13; /* published instance */
    w.capdt = 400000;
    PetscCall(PetscMalloc1(w.capdt, &w.dts));
    PetscCall(MfKmcRun(kmc, t, 0, &ws));
    double *xs;
    PetscCall(PetscMalloc1(M, &xs));
    for (PetscInt c = 0; c < M; c++) xs[c] = w.disp[c] * a;
    const double mean = gsl_stats_mean(xs, 1, M), var = gsl_stats_variance_m(xs, 1, M, mean);
    const double tol_mean = 3.0 * sqrt(2 * D * t / M), tol_var = 3.0 * sqrt(2.0 / M);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "events %" PetscInt64_FMT ", t = %g s\n", ws.nevents, (double)t));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "<x>  = %.6e m, v t    = %.6e m, |diff| = %.3e (tol %.3e = 3 sigma/sqrt(M))\n", mean, v * t, fabs(mean - v * t), tol_mean));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Var  = %.6e m^2, 2 D t = %.6e m^2, rel = %.3e (tol %.3e = 3 sqrt(2/M))\n", var, 2 * D * t, fabs(var / (2 * D * t) - 1), tol_var));
    if (!(fabs(mean - v * t) <= tol_mean)) nfail++;
    if (!(fabs(var / (2 * D * t) - 1) <= tol_var)) nfail++;
    /* the ionic displacement reported by the mechanism equals q * sum of displacements */
    double sumx = 0;
    for (PetscInt c = 0; c < M; c++) sumx += xs[c];
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "charge displacement %.6e C m, q sum(x) = %.6e C m\n", (double)ws.charge_displacement_Cm[0], MF_E_C * sumx));
    if (fabs(ws.charge_displacement_Cm[0] - MF_E_C * sumx) > 1e-9 * fabs(MF_E_C * sumx)) nfail++;
    const double p = KsPvalueExp(w.dts, w.ndt, R), pbad = KsPvalueExp(w.dts, w.ndt, 1.05 * R);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "KS waiting times (n = %" PetscInt_FMT ") vs Exp(R): p = %.4f (need > 0.001); vs Exp(1.05 R): p = %.2e (need < 0.001)\n", w.ndt, p, pbad));
    if (!(p > 1e-3)) nfail++;
    if (!(pbad < 1e-3)) nfail++;
    PetscCall(PetscFree(xs));
    PetscCall(PetscFree(w.dts));
  } else if (!strcmp(tcase, "mfpt")) {
    const PetscReal mfpt = 1.2534e-6, var_ref = 7.903e-14;
    w.target = 20;
    PetscCall(PetscMalloc1(M, &w.tfirst));
    for (PetscInt c = 0; c < M; c++) w.tfirst[c] = -1.0;
    /* windows of 1 us until every walker has arrived (the coupler's usage pattern) */
    for (PetscInt k = 0; k < 40 && w.nreached < M; k++) PetscCall(MfKmcRun(kmc, 1e-6, 0, &ws));
    PetscCheck(w.nreached == M, PETSC_COMM_WORLD, PETSC_ERR_PLIB, "only %" PetscInt_FMT " of %" PetscInt_FMT " walkers reached +20 a in 40 us", w.nreached, M);
    const double mean = gsl_stats_mean(w.tfirst, 1, M), var = gsl_stats_variance_m(w.tfirst, 1, M, mean);
    const double tol = 3.0 * sqrt(var_ref / M);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "MFPT = %.6e s, N/(G+ - G-) = %.6e s (published 1.2534e-6), |diff| = %.3e (tol %.3e)\n", mean, 20.0 / (Gp - Gm), fabs(mean - mfpt), tol));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Var  = %.6e s^2, published %.4e s^2, rel = %.3e (tol 0.05)\n", var, var_ref, fabs(var / var_ref - 1)));
    if (!(fabs(mean - mfpt) <= tol)) nfail++;
    if (!(fabs(var / var_ref - 1) <= 0.05)) nfail++;
    PetscCall(PetscFree(w.tfirst));
  } else SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "unknown -case %s (drift, mfpt)", tcase);

  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failed\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFree(w.disp));
  PetscCall(MfKmcDestroy(&kmc));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
