/* MfFilamentAnalyse on hand-built clusters (exact gap, height, radius) and the conductivity map (exact
 * homogenised values), 4x4x8 simple-cubic sites, a = 0.25 nm, cells of 2x2x4 sites (8 cells). Values are
 * exact formulas evaluated in the same floating-point order up to reassociation: tolerance 1e-13 relative.
 *  -case analyse : pristine; straight column of 6 layers (gap 2a, height 6a, radius sqrt(a^2/pi)); bridging
 *                  2x2 column with a one-site neck (connected, radius from the neck, mean radius
 *                  sqrt(N a^2/(pi 8a))); top-attached column (attached_to = 1); bottom and top columns offset
 *                  by one (two) sites: gap = 3a (4a), the insulating sites between the tips; floating cluster (gap 6a).
 *  -case map     : pristine -> matrix sigma and k everywhere; full column -> f sigma_f + (1-f) sigma_m with
 *                  f = 1/4 in the two cells it crosses (straight columns carry no lateral current: exact);
 *                  6-layer column -> the upper cell's column run is the series value of 2 filament + 2 gap
 *                  sites, sigma_gap = sigma_f exp(-2a/lambda), to 1e-6 relative (the cell's resistor network
 *                  leaks through the matrix bonds beside the gap: O(sigma_m/sigma_gap) = 7e-8); with the gap
 *                  heat carried into the electrodes (kmc.map_gap_heat electrodes) the gap sites take k_f and
 *                  sigma is unchanged; a one-site filament stepping sideways inside a cell (5 sites over 4
 *                  layers) has the path's series value sigma_f/5 to 1e-6 (O(sigma_m/sigma_f) = 1e-8), where the
 *                  series-parallel estimate of sessions 1-8 gave ~3.5 sigma_m; every cell value (sigma and k,
 *                  with the gap conductance clamped, and in 50 random states) lies between the Rayleigh bounds
 *                  of its sites: the series-parallel value (lateral bonds cut) and the parallel-series value
 *                  (layers shorted), computed here from the per-site values (the map with one cell per site);
 *                  and the gap conductance is clamped to [sigma_m, sigma_f]; a map object built once
 *                  (MfFilamentMapCreate/Apply) gives the same bits as MfFilamentMapCells in the 50 states. */
#include "mf_filament.h"
#include <math.h>
#include <string.h>

static PetscInt nfail = 0;
#define A 0.25e-9

static void Expect(const char *what, PetscReal got, PetscReal want)
{
  if (!(fabs(got - want) <= 1e-13 * PetscMax(fabs(want), 1e-30))) {
    nfail++;
    PetscPrintf(PETSC_COMM_SELF, "FAIL %s: %.15e, expected %.15e\n", what, (double)got, (double)want);
  }
}

static void ExpectRel(const char *what, PetscReal got, PetscReal want, PetscReal rtol)
{
  if (!(fabs(got - want) <= rtol * fabs(want))) {
    nfail++;
    PetscPrintf(PETSC_COMM_SELF, "FAIL %s: %.15e, expected %.15e (rtol %g)\n", what, (double)got, (double)want, (double)rtol);
  }
}

static PetscInt S(PetscInt i, PetscInt j, PetscInt k) { return i + 4 * (j + 4 * k); }

/* Rayleigh bounds of cell c (2 x 2 x 4 sites: i/2 + 2 (j/2) + 4 (k/4)) from per-site values v: series-parallel
 * (each column in series, columns in parallel) <= network <= parallel-series (each layer in parallel, layers
 * in series). */
static void Bounds(const PetscReal v[], PetscInt c, PetscReal *lo, PetscReal *hi)
{
  const PetscInt i0 = 2 * (c % 2), j0 = 2 * ((c / 2) % 2), k0 = 4 * (c / 4);
  PetscReal      l = 0.0, r = 0.0;
  for (PetscInt j = j0; j < j0 + 2; j++)
    for (PetscInt i = i0; i < i0 + 2; i++) {
      PetscReal rs = 0.0;
      for (PetscInt k = k0; k < k0 + 4; k++) rs += 1.0 / v[S(i, j, k)];
      l += 0.25 * 4.0 / rs;
    }
  for (PetscInt k = k0; k < k0 + 4; k++) {
    PetscReal p = 0.0;
    for (PetscInt j = j0; j < j0 + 2; j++)
      for (PetscInt i = i0; i < i0 + 2; i++) p += 0.25 * v[S(i, j, k)];
    r += 1.0 / p;
  }
  *lo = l;
  *hi = 4.0 / r;
}

/* The map on the 8 cells and on one cell per site (the site values), and every cell against its bounds. */
static PetscErrorCode MapWithBounds(MfKmcState *st, const MfFilamentMapParams *p, const PetscInt cell[], PetscReal sg[], PetscReal kc[], const char *what)
{
  PetscInt  ident[128];
  PetscReal sv[128], kv[128];

  PetscFunctionBeginUser;
  for (PetscInt s = 0; s < 128; s++) ident[s] = s;
  PetscCall(MfFilamentMapCells(st, p, 8, cell, sg, kc));
  PetscCall(MfFilamentMapCells(st, p, 128, ident, sv, kv));
  for (PetscInt c = 0; c < 8; c++) {
    PetscReal lo, hi, klo, khi;
    Bounds(sv, c, &lo, &hi);
    Bounds(kv, c, &klo, &khi);
    if (!(sg[c] >= lo * (1 - 1e-12) && sg[c] <= hi * (1 + 1e-12) && kc[c] >= klo * (1 - 1e-12) && kc[c] <= khi * (1 + 1e-12))) {
      nfail++;
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL %s cell %d: sigma %.6e not in [%.6e, %.6e] or k %.6e not in [%.6e, %.6e]\n", what, (int)c, (double)sg[c], (double)lo, (double)hi, (double)kc[c], (double)klo, (double)khi));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Setup(MfKmc *kmc, MfKmcState **st)
{
  const PetscInt n[3]   = {4, 4, 8};
  PetscBool      per[3] = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};
  MfKmcLattice   lat;
  MfEcmParams    p;

  PetscFunctionBeginUser;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, A, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, kmc));
  PetscCall(MfKmcSetLattice(*kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfEcmParamsDefault("Ag", &p));
  PetscCall(MfKmcSetMechanismEcm(*kmc, &p));
  PetscCall(MfKmcSetSeed(*kmc, 3, 0));
  PetscCall(MfKmcSetUp(*kmc));
  PetscCall(MfKmcGetState(*kmc, st));
  PetscFunctionReturn(0);
}

static void Clear(MfKmcState *st) { memset(st->species, 0, 128); }
static void Column(MfKmcState *st, PetscInt i, PetscInt j, PetscInt k0, PetscInt k1)
{
  for (PetscInt k = k0; k <= k1; k++) st->species[S(i, j, k)] = MF_FIL_DEFECT;
}

static PetscErrorCode Analyse(void)
{
  MfKmc          kmc;
  MfKmcState    *st;
  MfFilamentInfo f;

  PetscFunctionBeginUser;
  PetscCall(Setup(&kmc, &st));
  Clear(st);
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("pristine gap", f.gap_m, 8 * A);
  if (f.connected || f.attached_to != -1 || f.n_defects) nfail++;
  Column(st, 1, 2, 0, 5);
  st->species[S(3, 3, 7)] = MF_FIL_ION;
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("column gap", f.gap_m, 2 * A);
  Expect("column height", f.height_m, 6 * A);
  Expect("column radius", f.radius_m, sqrt(A * A / PETSC_PI));
  if (f.connected || f.attached_to != 0 || f.cluster_sites != 6 || f.n_defects != 6 || f.n_ions != 1) nfail++;
  Clear(st);
  for (PetscInt k = 0; k < 8; k++)
    for (PetscInt d = 0; d < 4; d++)
      if (k != 3 || d == 0) st->species[S(1 + d % 2, 1 + d / 2, k)] = MF_FIL_DEFECT;
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("necked gap", f.gap_m, 0.0);
  Expect("neck radius", f.radius_m, sqrt(A * A / PETSC_PI));
  Expect("necked mean radius", f.radius_mean_m, sqrt(29 * A * A / (PETSC_PI * 8)));
  Expect("necked height", f.height_m, 8 * A);
  if (!f.connected || f.cluster_sites != 29) nfail++;
  Clear(st);
  Column(st, 0, 0, 5, 7);
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("top column gap", f.gap_m, 5 * A);
  Expect("top column height", f.height_m, 3 * A);
  if (f.attached_to != 1) nfail++;
  Column(st, 1, 0, 0, 2); /* bottom column next to it, tips at layers 2 and 5 */
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("offset columns gap", f.gap_m, 3 * A); /* tips (1,0,2) and (0,0,5) are 4 steps apart: 3 insulating sites between */
  Clear(st);
  Column(st, 0, 0, 5, 7);
  Column(st, 2, 0, 0, 2); /* tips (2,0,2) and (0,0,5) are 5 steps apart: 4 insulating sites between */
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("separated columns gap", f.gap_m, 4 * A);
  Clear(st);
  Column(st, 2, 2, 3, 4);
  PetscCall(MfFilamentAnalyse(st, &f));
  Expect("floating cluster gap", f.gap_m, 6 * A);
  Expect("floating cluster height", f.height_m, 0.0);
  if (f.attached_to != -1 || f.connected) nfail++;
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

static PetscErrorCode Map(void)
{
  MfKmc               kmc;
  MfKmcState         *st;
  MfFilamentMapParams p;
  MfMaterial          fun;
  PetscInt            cell[128];
  PetscReal           sg[8], kc[8];

  PetscFunctionBeginUser;
  PetscCall(Setup(&kmc, &st));
  PetscCall(PetscMemzero(&fun, sizeof(fun)));
  fun.sigma_S_per_m = 1e-3;
  fun.k_W_per_mK    = 0.5;
  PetscCall(MfFilamentMapParamsDefault(&fun, NULL, &p));
  Expect("VCM filament sigma = 1/rho_CF (Stanford-PKU v2)", p.sigma_filament_S_per_m, 1.0 / 1.9635e-5);
  p.sigma_filament_S_per_m = 1e5;
  p.k_filament_W_per_mK    = 20.0;
  p.tunnel_decay_m         = A;
  const PetscReal sf = p.sigma_filament_S_per_m, sm = p.sigma_matrix_S_per_m, kf = p.k_filament_W_per_mK, km = p.k_matrix_W_per_mK;
  for (PetscInt k = 0; k < 8; k++)
    for (PetscInt j = 0; j < 4; j++)
      for (PetscInt i = 0; i < 4; i++) cell[S(i, j, k)] = i / 2 + 2 * (j / 2) + 4 * (k / 4);
  Clear(st);
  PetscCall(MfFilamentMapCells(st, &p, 8, cell, sg, kc));
  for (PetscInt c = 0; c < 8; c++) {
    Expect("pristine sigma", sg[c], sm);
    Expect("pristine k", kc[c], km);
  }
  Column(st, 0, 0, 0, 7);
  PetscCall(MfFilamentMapCells(st, &p, 8, cell, sg, kc));
  for (PetscInt c = 0; c < 8; c++) {
    const PetscBool hit = (PetscBool)(c == 0 || c == 4);
    Expect("column sigma", sg[c], hit ? 0.25 * sf + 0.75 * sm : sm);
    Expect("column k", kc[c], hit ? 0.25 * kf + 0.75 * km : km);
  }
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "full column: cell sigma %.6e S/m = f sigma_f + (1-f) sigma_m, f = 1/4\n", (double)sg[0]));
  Clear(st);
  Column(st, 0, 0, 0, 5);
  PetscCall(MapWithBounds(st, &p, cell, sg, kc, "6-layer column"));
  {
    const PetscReal sgap = sf * exp(-2 * A / p.tunnel_decay_m);
    const PetscReal H    = 4.0 / (2.0 / sf + 2.0 / sgap);
    Expect("lower cell with column", sg[0], 0.25 * sf + 0.75 * sm);
    ExpectRel("upper cell with tip + gap (series)", sg[4], (4.0 * H + 12.0 * sm) / 16.0, 1e-6);
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "gap 2a: sigma_gap = %.6e S/m, upper cell %.6e S/m, k %.6e W/m/K (series-parallel %.6e)\n", (double)sgap, (double)sg[4], (double)kc[4], (double)((4.0 * (4.0 / (2.0 / kf + 2.0 / km)) + 12.0 * km) / 16.0)));
    /* gap heat into the electrodes: the gap sites take k_f, so the tip + gap run is all k_f; sigma unchanged */
    p.gap_heat_to_electrodes = PETSC_TRUE;
    PetscCall(MapWithBounds(st, &p, cell, sg, kc, "gap heat to the electrodes"));
    Expect("upper cell k, gap heat to the electrodes", kc[4], (4.0 * kf + 12.0 * km) / 16.0);
    ExpectRel("upper cell sigma, gap heat to the electrodes", sg[4], (4.0 * H + 12.0 * sm) / 16.0, 1e-6);
    Expect("lower cell k, gap heat to the electrodes", kc[0], 0.25 * kf + 0.75 * km);
    p.gap_heat_to_electrodes = PETSC_FALSE;
  }
  /* long decay length would exceed nothing; a short one clamps the gap to the matrix: the cell is then
   * within the bounds of filament + matrix sites */
  p.tunnel_decay_m = 0.01 * A;
  PetscCall(MapWithBounds(st, &p, cell, sg, kc, "gap clamped to the matrix"));
  p.tunnel_decay_m = A;
  /* a one-site filament stepping sideways inside cell 0: (0,0,0) (0,0,1) (1,0,1) (1,0,2) (1,0,3), then up
   * to the top electrode in cell 4: the network's path resistance 1/2 + 4 bonds + 1/2 = 5/(sigma_f a) over
   * H = 4a, A = 4a^2 gives sigma_f/5 */
  Clear(st);
  Column(st, 0, 0, 0, 1);
  Column(st, 1, 0, 1, 7);
  PetscCall(MapWithBounds(st, &p, cell, sg, kc, "sideways step"));
  ExpectRel("filament stepping sideways inside a cell", sg[0], sf / 5.0, 1e-6);
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "sideways step: cell sigma %.6e S/m = sigma_f/5 = %.6e\n", (double)sg[0], (double)(sf / 5.0)));
  /* random states (fixed LCG): every cell within [sigma_m, sigma_f] and [k_m, k_f]; a map object built once
   * (MfFilamentMapCreate) gives the bits of MfFilamentMapCells in every state */
  {
    unsigned long r = 99;
    MfFilamentMap fm;
    PetscInt      ndiff = 0;
    PetscCall(MfFilamentMapCreate(st->lat, 8, cell, &fm));
    for (int trial = 0; trial < 50; trial++) {
      for (PetscInt s = 0; s < 128; s++) {
        r              = r * 6364136223846793005ul + 1442695040888963407ul;
        st->species[s] = (MfKmcSpecies)((r >> 33) % 100 < (unsigned long)(trial * 2) ? MF_FIL_DEFECT : ((r >> 40) % 7 == 0 ? MF_FIL_ION : MF_FIL_EMPTY));
      }
      PetscCall(MapWithBounds(st, &p, cell, sg, kc, "random state"));
      {
        PetscReal sg2[8], kc2[8];
        PetscCall(MfFilamentMapApply(fm, st, &p, sg2, kc2));
        for (PetscInt c = 0; c < 8; c++) ndiff += (sg2[c] != sg[c]) + (kc2[c] != kc[c]);
      }
      for (PetscInt c = 0; c < 8; c++)
        if (!(sg[c] >= sm * (1 - 1e-14) && sg[c] <= sf * (1 + 1e-14) && kc[c] >= km * (1 - 1e-14) && kc[c] <= kf * (1 + 1e-14))) {
          nfail++;
          PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL trial %d cell %d: sigma %g, k %g out of bounds\n", trial, (int)c, (double)sg[c], (double)kc[c]));
        }
    }
    PetscCall(MfFilamentMapDestroy(&fm));
    if (ndiff) {
      nfail++;
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL map object vs MfFilamentMapCells: %d cell values differ\n", (int)ndiff));
    }
  }
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char tcase[32] = "analyse";

  PetscCall(PetscInitialize(&argc, &argv, NULL, "filament analysis and conductivity map"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  if (!strcmp(tcase, "analyse")) PetscCall(Analyse());
  else if (!strcmp(tcase, "map")) PetscCall(Map());
  else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "unknown -case %s (analyse|map)", tcase);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
