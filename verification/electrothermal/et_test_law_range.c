/* Requirement: a conductivity law is not extrapolated beyond the temperature range it holds in
 * (MfMaterial.sigma_T_max_K; physics/electrothermal/et_laws.h): above T_max sigma keeps its value at T_max;
 * and what a filament adds to a cell (MfElectroThermalSetCellExcessConductivity) follows its own metallic law,
 * not the host's.
 * (1) Pointwise, activated and metallic law: below T_max sigma and d sigma/dT are those of the law itself
 *     (bit-identical to the record without a range), above it sigma = sigma(T_max) exactly and d sigma/dT = 0.
 * (2) Adiabatic Joule heating of a uniform activated slab (every boundary adiabatic, so T stays uniform and
 *     E = V/L): rho c dT/dt = sigma(T) E^2, sigma = sigma0 exp(-a (1/T - 1/T0)), a = Ea/kB, integrates to
 *       t(T) = rho c e^(-a/T0) / (sigma0 E^2) [T e^(a/T) - T0 e^(a/T0) + a (Ei(a/T0) - Ei(a/T))]
 *     (x = a/T, int e^x/x^2 dx = Ei(x) - e^x/x; Ei of GSL) up to t_max = t(T_max), and after it
 *       T = T_max + sigma(T_max) E^2 (t - t_max) / (rho c)   (sigma constant above the range: linear).
 *     Without the range the slab would heat 10x faster at 2 T_max than at T_max and run away. Checks: the
 *     rise T - T0 at t_max/2 (below the range; T from t(T) by Brent's method), 3 t_max/2 and 2 t_max. Tolerance
 *     2e-3: BDF2 with 100 steps per t_max (error ~ (dt/t_max)^2 ~ 1e-4 for the smooth part, plus the first-order
 *     start step and the kink of dT/dt at t_max, each an O(dt) error of one step, <~ 1e-3 of the rise);
 *     measured 3.4e-4, 8.1e-4, 4.7e-4.
 * (3) Pointwise, excess conductivity sigma_x (TCR beta_x) in an activated host (0.5 eV, PEI-like): sigma =
 *     sigma_host(T) + sigma_x/(1 + beta_x (T - T0)) at 300, 645, 1500 K (1e-14), d sigma/dT against a centred
 *     difference (1e-6: h = 1e-3 K, truncation ~ h^2 sigma'''/6 << 1e-6 of sigma'), and the host's field law
 *     does not scale the excess. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_expint.h>
#include "et_test_util.h"
#include "et_laws.h"

typedef struct {
  PetscReal a, T0, rhoc, sigma0, E2, t; /* t: the time whose temperature is sought */
} Heating;

static double TimeToReach(double T, void *ctx)
{
  const Heating *h = (const Heating *)ctx;
  return h->rhoc * exp(-h->a / h->T0) / (h->sigma0 * h->E2) * (T * exp(h->a / T) - h->T0 * exp(h->a / h->T0) + h->a * (gsl_sf_expint_Ei(h->a / h->T0) - gsl_sf_expint_Ei(h->a / T)));
}

static double TimeResidual(double T, void *ctx)
{
  return TimeToReach(T, ctx) - ((const Heating *)ctx)->t;
}

/* T(t) below the range: the root of t(T) = t in (T0, T_max). */
static PetscReal TemperatureAt(Heating *h, PetscReal t, PetscReal Tmax)
{
  gsl_function        F = {TimeResidual, h};
  gsl_root_fsolver   *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  double              lo = h->T0, hi = Tmax, r = 0.5 * (lo + hi);
  int                 status = GSL_CONTINUE;
  h->t = t;
  gsl_root_fsolver_set(s, &F, lo, hi);
  for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
    gsl_root_fsolver_iterate(s);
    r      = gsl_root_fsolver_root(s);
    status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0.0, 1e-13);
  }
  gsl_root_fsolver_free(s);
  return r;
}

/* sigma and d sigma/dT of a record at T (no field law). */
static void Law(const PetscScalar rec[], PetscReal T, PetscReal *s, PetscReal *s_T)
{
  PetscReal s_E;
  EtSigma(rec, T, 0.0, s, s_T, &s_E);
}

static int CheckPointwise(MPI_Comm comm, const char *name, PetscInt law, PetscReal beta, PetscReal Ea_J, PetscReal Tmax)
{
  PetscScalar rec[ET_NAUX] = {0}, open[ET_NAUX];
  PetscReal   s, sT, so, sTo, sm, sTm;
  const PetscReal Ts[3] = {0.5 * (300.0 + Tmax), 1.5 * Tmax, 4.0 * Tmax};
  int         fail = 0;

  rec[ET_A_SIGMA0] = 1e3;
  rec[ET_A_LAW]    = (PetscReal)law;
  rec[ET_A_BETA]   = beta;
  rec[ET_A_EA]     = Ea_J;
  rec[ET_A_T0]     = 300.0;
  rec[ET_A_STATE]  = 1.0;
  for (PetscInt i = 0; i < ET_NAUX; i++) open[i] = rec[i]; /* the same law without a range */
  rec[ET_A_TMAX] = Tmax;
  Law(open, Tmax, &sm, &sTm);
  for (PetscInt i = 0; i < 3; i++) {
    Law(rec, Ts[i], &s, &sT);
    Law(open, Ts[i], &so, &sTo);
    const PetscBool inside = (PetscBool)(Ts[i] <= Tmax);
    const int       bad    = inside ? !(s == so && sT == sTo) : !(s == sm && sT == 0.0);
    PetscPrintf(comm, "%-10s T = %7.1f K: sigma %.6e S/m, dsigma/dT %.3e  (%s)  %s\n", name, (double)Ts[i], (double)s, (double)sT, inside ? "the law itself" : "held at T_max, slope 0", bad ? "FAIL" : "ok");
    fail |= bad;
  }
  return fail;
}

static int CheckExcess(MPI_Comm comm)
{
  PetscScalar     rec[ET_NAUX] = {0};
  const PetscReal s0 = 0.05, Ea = 0.5 * MF_E_C, sx = 6.3e7, bx = 3.8e-3, T0 = 300.0, Ts[3] = {300.0, 645.0, 1500.0};
  int             fail = 0;

  rec[ET_A_SIGMA0] = s0;
  rec[ET_A_LAW]    = 2.0;
  rec[ET_A_EA]     = Ea;
  rec[ET_A_T0]     = T0;
  rec[ET_A_STATE]  = 1.0;
  rec[ET_A_SIGX]   = sx;
  rec[ET_A_BETAX]  = bx;
  for (PetscInt i = 0; i < 3; i++) {
    const PetscReal T = Ts[i], host = s0 * PetscExpReal(-Ea / MF_KB_J_PER_K * (1.0 / T - 1.0 / T0)), want = host + sx / (1.0 + bx * (T - T0)), h = 1e-3;
    PetscReal       s, sT, sp, sm, d, e1, e2;
    Law(rec, T, &s, &sT);
    Law(rec, T + h, &sp, &d);
    Law(rec, T - h, &sm, &d);
    e1 = PetscAbsReal(s - want) / want;
    e2 = PetscAbsReal(sT - (sp - sm) / (2.0 * h)) / PetscAbsReal(sT);
    PetscPrintf(comm, "excess     T = %7.1f K: sigma %.6e S/m (host %.3e + metal %.6e), rel.err %.1e (tol 1e-14); dsigma/dT vs centred difference %.1e (tol 1e-6)  %s\n", (double)T, (double)s, (double)host, (double)(want - host), (double)e1, (double)e2, (e1 <= 1e-14 && e2 <= 1e-6) ? "ok" : "FAIL");
    fail |= !(e1 <= 1e-14 && e2 <= 1e-6);
  }
  { /* the host's field-enhanced hopping multiplies the host only */
    PetscReal s, sT, sE, s0E, sT0;
    const PetscReal E = 3e8;
    EtSigma(rec, T0, E, &s0E, &sT0, &sE);
    rec[ET_A_HOP] = 0.5e-9;
    EtSigma(rec, T0, E, &s, &sT, &sE);
    {
      const PetscReal x = MF_E_C * 0.5e-9 * E / (2.0 * MF_KB_J_PER_K * T0), want = s0 * PetscSinhReal(x) / x + sx, e = PetscAbsReal(s - want) / want;
      PetscPrintf(comm, "excess     with the host's hopping law at 3e8 V/m: sigma %.9e S/m, rel.err %.1e (tol 1e-14)  %s\n", (double)s, (double)e, e <= 1e-14 ? "ok" : "FAIL");
      fail |= !(e <= 1e-14);
    }
  }
  return fail;
}

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfMaterial       m;
  const PetscReal  L = 10e-9, w = 2e-9, V = 0.1, sigma0 = 1e4, Ea_eV = 0.2, T0 = 300.0, Tmax = 500.0, rhoc = 2e6, k = 1.0;
  const PetscReal  a = Ea_eV * MF_E_C / MF_KB_J_PER_K, E2 = (V / L) * (V / L);
  Heating          h = {a, T0, rhoc, sigma0, E2, 0.0};
  PetscReal        t_max, sigma_max, pt[2] = {0.5 * w, 0.5 * L}, T;
  const PetscInt   nper = 100, checks[3] = {50, 150, 200};
  PetscInt         c = 0;
  PetscMPIInt      size;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCheck(size == 1, comm, PETSC_ERR_SUP, "et_law_range samples a fixed point: run it on one rank");
  fail |= CheckPointwise(comm, "activated", 2, 0.0, Ea_eV * MF_E_C, Tmax);
  fail |= CheckPointwise(comm, "metallic", 1, 4e-3, 0.0, 1200.0);
  fail |= CheckExcess(comm);

  t_max     = TimeToReach(Tmax, &h);
  sigma_max = sigma0 * PetscExpReal(-a * (1.0 / Tmax - 1.0 / T0));
  EtTestMaterial(&m, "activated", MF_SIGMA_ACTIVATED, sigma0, 0.0, k, rhoc);
  m.sigma_Ea_eV   = Ea_eV;
  m.sigma_T_max_K = Tmax;
  PetscCall(EtTestSlabOf(comm, L, w, &m, PETSC_TRUE, T0, V, &dm, &et));
  PetscCall(PetscPrintf(comm, "adiabatic slab: t(T_max = %g K) = %.6e s, sigma(T_max) = %.6e S/m\n", (double)Tmax, (double)t_max, (double)sigma_max));
  for (PetscInt st = 1; st <= checks[2]; st++) {
    PetscCall(MfElectroThermalStep(et, t_max / nper));
    if (st == checks[c]) {
      const PetscReal t = st * t_max / nper;
      const PetscReal want = t <= t_max ? TemperatureAt(&h, t, Tmax) : Tmax + sigma_max * E2 * (t - t_max) / rhoc;
      char            what[96];
      PetscCall(MfElectroThermalSampleFields(et, 1, pt, NULL, &T, NULL));
      PetscCall(PetscSNPrintf(what, sizeof(what), "T - T0 at %.2f t_max (%s) [K]", (double)(t / t_max), t <= t_max ? "inside the range" : "held sigma"));
      fail |= EtTestCheck(comm, what, T - T0, want - T0, 2e-3);
      ++c;
    }
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_LAW_RANGE FAILED" : "ET_LAW_RANGE PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
