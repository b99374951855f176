/* Isothermal anneal of an amorphous box through the KMC engine with the phase-change GCA: the crystalline
 * fraction X(t) follows JMAK, X = 1 - exp(-K t^n) (Avrami, J. Chem. Phys. 7, 1103 (1939); 8, 212 (1940);
 * 9, 177 (1941)), with n = d + 1 for a constant nucleation rate and n = d for site saturation (nuclei seeded
 * at t = 0, nucleation off) in d dimensions. The exponent is the slope of ln(-ln(1-X)) against ln t over
 * 0.05 < X < 0.95 (least squares over the window samples), averaged over -seeds runs with fixed seeds.
 *
 *   -case nucleation|saturated   -dim 2|3   -L sites per side (periodic box; 2D: L x 1 x L, n_y = 1)
 *   -ratio I/P_gr: bulk nucleation probability per site (N_nb P_nu s_nu) over the growth probability, set
 *          through kmc_pcm_nucleation_scale s_nu (the GST ratio at 600 K is far smaller: see the log)
 *   -rho seeded nucleus fraction (saturated)   -T anneal temperature (K)   -seeds n   -tol allowed |n - n_JMAK|
 *
 * Time is measured from the start of the anneal (no incubation: the GCA's nucleation is steady state).
 * A grain grows as an Eden cluster whose mean radius advances at a constant speed once it spans a few sites;
 * on the simple-cubic lattice the front is not spherical (faster along <100>), but its shape is self-similar,
 * so a grain's volume is still c (v t)^d and only K changes. The finite size of a fresh nucleus (one site)
 * lowers the apparent exponent by about d r0/(r0 + v t) (r0 ~ half a site): -L and -ratio make the grains
 * ~10-40 sites across while the box holds hundreds of them. Exit code 0 = |mean n - (d or d+1)| <= tol. */
#include <math.h>
#include <string.h>
#include "mf_phase_change.h"

typedef struct {
  PetscInt  dim, L, seeds;
  PetscBool nucleation;
  PetscReal ratio, rho, T, tol, xmin, xmax, nwin;
} Opts;

/* One anneal; slope of the Avrami plot, the events and the grains at the end. */
static PetscErrorCode Anneal(const Opts *o, unsigned long seed, PetscReal *n_avrami, PetscInt *npts, PetscInt *ngrains, PetscInt64 *nevents)
{
  const PetscInt  n[3]   = {o->L, o->dim == 3 ? o->L : 1, o->L};
  const PetscBool per[3] = {PETSC_TRUE, PETSC_TRUE, PETSC_TRUE};
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfKmcState     *st;
  MfPcmParams     p;
  MfPcmRates      r;
  MfKmcSiteFields f;
  MfKmcWindowStats ws;
  const PetscInt64 *cnt;
  PetscInt        nt, nsites, nseed = 0, z = 2 * o->dim, m = 0;
  PetscReal       sx = 0, sy = 0, sxx = 0, sxy = 0, dt, t = 0.0, X = 0.0;

  PetscFunctionBeginUser;
  PetscCall(MfPcmParamsDefault(&p));
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, p.D_m, per, &lat));
  nsites = lat->nsites;
  PetscCall(MfPcmRatesAt(&p, o->T, &r));
  /* bulk nucleation z s_nu P_nu = ratio P_gr */
  p.nucleation_scale = o->nucleation ? o->ratio * r.P_gr / (z * r.P_nu) : 0.0;
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetSeed(kmc, seed, 0));
  PetscCall(MfKmcSetMechanismPcm(kmc, &p));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K = o->T;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  if (!o->nucleation) PetscCall(MfPcmSeedGrains(kmc, o->rho, &nseed));
  PetscCall(MfKmcGetState(kmc, &st));
  /* windows: 1/nwin of the JMAK time scale (constant nucleation: (ratio c_d)^(-1/(d+1)); saturated: rho^(-1/d)) */
  dt = (o->nucleation ? PetscPowReal(o->ratio, -1.0 / (o->dim + 1)) : PetscPowReal(o->rho, -1.0 / o->dim)) / r.P_gr / o->nwin;
  while (X < PetscMin(0.97, o->xmax + 0.02)) {
    PetscCall(MfKmcRun(kmc, dt, 0, &ws));
    t += dt;
    PetscCall(MfKmcGetEventTypeCounts(kmc, &nt, &cnt));
    X = (PetscReal)(nseed + cnt[MF_PCM_EVENT_NUCLEATION] + cnt[MF_PCM_EVENT_GROWTH] - cnt[MF_PCM_EVENT_DISSOCIATION] - cnt[MF_PCM_EVENT_MELTING]) / nsites;
    if (X > o->xmin && X < o->xmax) {
      const PetscReal x = PetscLogReal(t), y = PetscLogReal(-PetscLogReal(1.0 - X));
      sx += x, sy += y, sxx += x * x, sxy += x * y, m++;
    }
    PetscCheck(t < 1e6 * dt, PETSC_COMM_SELF, PETSC_ERR_PLIB, "JMAK: no crystallisation after %g s (X = %g)", (double)t, (double)X);
  }
  PetscCheck(m >= 5, PETSC_COMM_SELF, PETSC_ERR_PLIB, "JMAK: only %" PetscInt_FMT " samples in %g < X < %g (windows too long: raise -nwin)", m, (double)o->xmin, (double)o->xmax);
  *n_avrami = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  *npts     = m;
  PetscCall(MfPcmCount(st, NULL, ngrains));
  PetscCall(MfKmcGetEventCount(kmc, nevents));
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Opts      o = {3, 48, 3, PETSC_TRUE, 1e-5, 1e-4, 600.0, 0.2, 0.05, 0.95, 50.0};
  char      kase[32] = "nucleation";
  PetscReal sum = 0, sum2 = 0, lo = PETSC_MAX_REAL, hi = -PETSC_MAX_REAL, want, mean, sd;
  MfPcmParams p;
  MfPcmRates  r;
  PetscBool   pass;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", kase, sizeof(kase), NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &o.dim, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-L", &o.L, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-seeds", &o.seeds, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-ratio", &o.ratio, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-rho", &o.rho, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-T", &o.T, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &o.tol, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-xmin", &o.xmin, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-xmax", &o.xmax, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-nwin", &o.nwin, NULL));
  PetscCheck(o.dim == 2 || o.dim == 3, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "-dim must be 2 or 3");
  o.nucleation = (PetscBool)!strcmp(kase, "nucleation");
  PetscCheck(o.nucleation || !strcmp(kase, "saturated"), PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "-case nucleation|saturated");
  want = o.nucleation ? o.dim + 1 : o.dim;
  PetscCall(MfPcmParamsDefault(&p));
  PetscCall(MfPcmRatesAt(&p, o.T, &r));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "JMAK %s, %" PetscInt_FMT "D, box %" PetscInt_FMT "^%" PetscInt_FMT ", T = %g K: GST P_gr %.3e 1/s, P_di/P_gr %.3e, GST bulk nucleation/growth %.3e; used %s %.3e\n", kase, o.dim, o.L, o.dim, (double)o.T, (double)r.P_gr, (double)(r.P_di / r.P_gr), (double)(2 * o.dim * r.P_nu / r.P_gr),
                        o.nucleation ? "ratio" : "seed fraction", (double)(o.nucleation ? o.ratio : o.rho)));
  for (PetscInt s = 0; s < o.seeds; s++) {
    PetscReal  na = 0.0;
    PetscInt   npts = 0, ngr = 0;
    PetscInt64 nev = 0;
    PetscCall(Anneal(&o, 1000 + (unsigned long)s, &na, &npts, &ngr, &nev));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  seed %" PetscInt_FMT ": Avrami n = %.3f (%" PetscInt_FMT " samples), %" PetscInt_FMT " grains, %" PetscInt64_FMT " events\n", 1000 + s, (double)na, npts, ngr, nev));
    sum += na, sum2 += na * na, lo = PetscMin(lo, na), hi = PetscMax(hi, na);
  }
  mean = sum / o.seeds;
  sd   = o.seeds > 1 ? PetscSqrtReal(PetscMax(0.0, (sum2 - o.seeds * mean * mean) / (o.seeds - 1))) : 0.0;
  pass = (PetscBool)(PetscAbsReal(mean - want) <= o.tol);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: Avrami exponent %.3f +- %.3f (sd over %" PetscInt_FMT " seeds, range %.3f..%.3f), JMAK %g, tolerance %g\n", pass ? "PASS" : "FAIL", (double)mean, (double)sd, o.seeds, (double)lo, (double)hi, (double)want, (double)o.tol));
  PetscCall(PetscFinalize());
  return pass ? 0 : 1;
}
