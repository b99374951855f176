/* Engine verification with test mechanisms written against the public plug-in interface.
 *  -case chisq       : event frequencies match propensities (chi-square, 199 dof, p > 0.001) for the
 *                      selector chosen with -kmc_selector; rates span 3 decades (10 composition-rejection
 *                      groups); a 20 % error in the largest propensity must be detected (p < 1e-6,
 *                      power check: expected chi-square excess ~ 1e3).
 *  -case local       : after 2e4 events of hopping with non-uniform per-site fields, every stored rate
 *                      equals a full recomputation bit for bit (local updates are complete).
 *  -case balance     : two-level systems (FLIP events, E_B - E_A = 0.05 eV, T = 300 K) relax as
 *                      p_B(t) = p_eq (1 - exp(-k t)) and reach the Boltzmann ratio exp(-dE/kT); each
 *                      check within 4 binomial standard deviations (two-sided 99.994 %).
 *  -case determinism : same seed -> identical trajectory; another ensemble member -> a different one.
 *  -case checkpoint  : write after window 1, restart into a new engine: windows 2-3 reproduce the
 *                      uninterrupted run bit for bit (species, clock, counters, next draws).
 *  -case badcheckpoint : reading a checkpoint into a different lattice fails with a clear message.
 *  -case lattice     : simple cubic neighbours (computed from the index) equal a brute-force search by
 *                      coordinates for every site of 8 lattices (open/periodic axes, axes of length 1),
 *                      and the electrode-interface flags sit on the bottom and top layers. */
#include "mf_kmc.h"
#include "mf_kmc_rates.h"
#include <math.h>
#include <gsl/gsl_cdf.h>

/* ---------- static-rate mechanism: fixed propensities, events change nothing ---------- */
static const char *const StatSpecies[] = {"site"};
static const char *const StatEvents[]  = {"slot0", "slot1"};
static const MfKmcEventKind StatKinds[] = {MF_KMC_EVENT_REACT, MF_KMC_EVENT_REACT};

typedef struct {
  PetscReal *rate; /* nsites*2 */
  PetscInt64 *count;
} StatCtx;

static PetscErrorCode StatPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  StatCtx *s = (StatCtx *)ctx;
  PetscFunctionBeginUser;
  rate[0] = s->rate[2 * site];
  rate[1] = s->rate[2 * site + 1];
  *total  = rate[0] + rate[1];
  PetscFunctionReturn(0);
}

static PetscErrorCode StatEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  StatCtx *s = (StatCtx *)ctx;
  PetscFunctionBeginUser;
  s->count[2 * site + slot]++;
  rec->type      = slot;
  rec->nmodified = 0;
  PetscFunctionReturn(0);
}

/* ---------- two-level mechanism: species 0 = A, 1 = B, one FLIP event per site ---------- */
static const char *const TlsSpecies[] = {"A", "B"};
static const char *const TlsEvents[]  = {"flip"};
static const MfKmcEventKind TlsKinds[] = {MF_KMC_EVENT_FLIP};

typedef struct {
  PetscReal nu, EA, EB, Es; /* Hz, J */
} TlsCtx;

static PetscErrorCode TlsPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  TlsCtx   *c  = (TlsCtx *)ctx;
  PetscReal E0 = st->species[site] ? c->EB : c->EA;
  PetscFunctionBeginUser;
  rate[0] = MfKmcArrhenius(c->nu, c->Es - E0, MfKmcStateFields(st, site)->T_K);
  *total  = rate[0];
  PetscFunctionReturn(0);
}

static PetscErrorCode TlsEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  PetscFunctionBeginUser;
  st->species[site] = (MfKmcSpecies)(1 - st->species[site]);
  rec->type         = 0;
  rec->nmodified    = 1;
  rec->modified[0]  = site;
  PetscFunctionReturn(0);
}

static PetscErrorCode CreateLine(PetscInt n, MfKmcLattice *lat)
{
  const PetscInt  dims[3] = {n, 1, 1};
  const PetscBool per[3]  = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};
  PetscFunctionBeginUser;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_WORLD, dims, 0.25e-9, per, lat));
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseChisq(PetscInt *nfail)
{
  const PetscInt K = 100, nev = 1000000;
  MfKmcLattice   lat;
  MfKmc          kmc;
  StatCtx        s;
  MfKmcMechanismOps ops;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(2 * K, &s.rate));
  PetscCall(PetscCalloc1(2 * K, &s.count));
  /* rates 1 .. 1000 1/s, log-spaced and shuffled by a fixed permutation (i*73 mod 200) */
  for (PetscInt i = 0; i < 2 * K; i++) s.rate[(i * 73) % (2 * K)] = pow(10.0, 3.0 * i / (2.0 * K - 1));
  PetscCall(CreateLine(K, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_WORLD, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name = "static"; ops.nspecies = 1; ops.species_names = StatSpecies; ops.nevent_types = 2;
  ops.event_names = StatEvents; ops.event_kinds = StatKinds; ops.max_events_per_site = 2;
  ops.site_propensity = StatPropensity; ops.site_event = StatEvent;
  PetscCall(MfKmcSetMechanism(kmc, &ops, &s));
  PetscCall(MfKmcSetSeed(kmc, 7, 0));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(MfKmcRun(kmc, 0.0, nev, NULL));
  double   R = 0, chi = 0, chibad = 0;
  PetscInt big = 0; /* power check on the most frequent category (largest expected count) */
  for (PetscInt i = 0; i < 2 * K; i++) {
    R += s.rate[i];
    if (s.rate[i] > s.rate[big]) big = i;
  }
  for (PetscInt i = 0; i < 2 * K; i++) {
    const double e = nev * s.rate[i] / R, ebad = nev * (i == big ? 1.2 : 1.0) * s.rate[i] / (R + 0.2 * s.rate[big]);
    chi += (s.count[i] - e) * (s.count[i] - e) / e;
    chibad += (s.count[i] - ebad) * (s.count[i] - ebad) / ebad;
  }
  const double Q = gsl_cdf_chisq_Q(chi, 2 * K - 1), Qbad = gsl_cdf_chisq_Q(chibad, 2 * K - 1);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "chi-square %.2f (199 dof), p = %.4f (need > 0.001); with the largest propensity off by 20 %%: chi2 %.1f, p = %.2e (need < 1e-6)\n", chi, Q, chibad, Qbad));
  if (!(Q > 1e-3)) (*nfail)++;
  if (!(Qbad < 1e-6)) (*nfail)++;
  PetscCall(MfKmcDestroy(&kmc));
  PetscCall(PetscFree(s.rate));
  PetscCall(PetscFree(s.count));
  PetscFunctionReturn(0);
}

/* hopping on a 12x12x12 box (periodic x, y; electrodes at z) with random per-site fields */
static PetscErrorCode CreateHopper(PetscInt member, MfKmcSelectorType sel, PetscBool fields, MfKmc *kmc)
{
  const PetscInt  n[3]   = {12, 12, 12};
  const PetscBool per[3] = {PETSC_TRUE, PETSC_TRUE, PETSC_FALSE};
  MfKmcLattice    lat;
  MfKmcHopParams  hp;
  PetscInt        placed;

  PetscFunctionBeginUser;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_WORLD, n, 0.25e-9, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_WORLD, kmc));
  PetscCall(MfKmcSetLattice(*kmc, lat));
  PetscCall(MfKmcHopDefaultParams(&hp));
  PetscCall(MfKmcHopParamsSetFromOptions(&hp));
  PetscCall(MfKmcSetMechanismHop(*kmc, &hp));
  PetscCall(MfKmcSetSelector(*kmc, sel));
  PetscCall(MfKmcSetSeed(*kmc, 99, member));
  PetscCall(MfKmcSetUp(*kmc));
  if (fields) {
    MfKmcSiteFields *f;
    PetscCall(PetscCalloc1(lat->nsites, &f));
    for (PetscInt i = 0; i < lat->nsites; i++) { /* deterministic, non-uniform fields */
      f[i].T_K          = 450.0 + 100.0 * sin(0.37 * i);
      f[i].E_V_per_m[2] = 3e8 * cos(0.11 * i);
      f[i].E_V_per_m[0] = 1e8 * sin(0.05 * i);
      f[i].sigma_h_Pa   = 1e9 * sin(0.013 * i);
    }
    PetscCall(MfKmcSetSiteFields(*kmc, lat->nsites, f));
    PetscCall(PetscFree(f));
  } else {
    MfKmcSiteFields f;
    PetscCall(PetscMemzero(&f, sizeof(f)));
    f.T_K = 500.0;
    f.E_V_per_m[2] = 2e8;
    PetscCall(MfKmcSetUniformFields(*kmc, &f));
  }
  PetscCall(MfKmcFillRandom(*kmc, 0, 1, 0.3, &placed));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseLocal(PetscInt *nfail)
{
  PetscFunctionBeginUser;
  for (PetscInt sel = 0; sel < 3; sel++) {
    MfKmc kmc;
    PetscReal R;
    PetscCall(CreateHopper(0, (MfKmcSelectorType)sel, PETSC_TRUE, &kmc));
    PetscCall(MfKmcRun(kmc, 0.0, 20000, NULL));
    PetscCall(MfKmcCheckRates(kmc)); /* errors out on any mismatch */
    PetscCall(MfKmcGetTotalRate(kmc, &R));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "selector %-6s: 2e4 events, all stored rates equal the recomputation (total %.6e 1/s)\n", MfKmcSelectorTypes[sel], (double)R));
    PetscCall(MfKmcDestroy(&kmc));
  }
  (void)nfail;
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseBalance(PetscInt *nfail)
{
  const PetscInt  N = 100000;
  const PetscReal T = 300.0, kT = MF_KB_J_PER_K * T;
  TlsCtx          c = {1e13, 0.0, 0.05 * MF_E_C, 0.55 * MF_E_C};
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfKmcMechanismOps ops;
  MfKmcSiteFields f;
  MfKmcState     *st;

  PetscFunctionBeginUser;
  PetscCall(CreateLine(N, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_WORLD, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name = "two-level"; ops.nspecies = 2; ops.species_names = TlsSpecies; ops.nevent_types = 1;
  ops.event_names = TlsEvents; ops.event_kinds = TlsKinds; ops.max_events_per_site = 1;
  ops.influence_shells = 0; ops.site_propensity = TlsPropensity; ops.site_event = TlsEvent;
  PetscCall(MfKmcSetMechanism(kmc, &ops, &c));
  PetscCall(MfKmcSetSeed(kmc, 11, 0));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K = T;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscCall(MfKmcGetState(kmc, &st));
  const PetscReal kAB = c.nu * exp(-(c.Es - c.EA) / kT), kBA = c.nu * exp(-(c.Es - c.EB) / kT), k = kAB + kBA;
  const PetscReal peq = kAB / k, ratio = exp(-(c.EB - c.EA) / kT);
  const PetscReal times[] = {0.25, 0.5, 1.0, 2.0, 12.0};
  PetscReal       t0 = 0.0;
  for (PetscInt q = 0; q < 5; q++) {
    PetscCall(MfKmcRun(kmc, times[q] / k - t0, 0, NULL));
    t0 = times[q] / k;
    PetscInt nB = 0;
    for (PetscInt i = 0; i < N; i++) nB += st->species[i];
    const double p = (double)nB / N, pex = peq * (1 - exp(-times[q])), sd = sqrt(pex * (1 - pex) / N);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "k t = %5.2f: p_B = %.5f, p_eq (1 - e^-kt) = %.5f, |diff| = %.1f sd\n", (double)times[q], p, pex, fabs(p - pex) / sd));
    if (!(fabs(p - pex) <= 4 * sd)) (*nfail)++;
    if (q == 4) {
      /* ratio n_B/n_A: delta method, sd(ratio) = sd(p)/(1-p)^2 */
      const double r = (double)nB / (N - nB), sdr = sd / ((1 - pex) * (1 - pex));
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "equilibrium n_B/n_A = %.5f, Boltzmann exp(-dE/kT) = %.5f, |diff| = %.1f sd\n", r, (double)ratio, fabs(r - ratio) / sdr));
      if (!(fabs(r - ratio) <= 4 * sdr)) (*nfail)++;
    }
  }
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscReal time;
  PetscInt64 nev;
  MfKmcSpecies *sp;
  PetscInt n;
} Snap;

static PetscErrorCode TakeSnap(MfKmc kmc, Snap *s)
{
  MfKmcState *st;
  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(kmc, &st));
  s->n = st->lat->nsites;
  PetscCall(PetscMalloc1(s->n, &s->sp));
  PetscCall(PetscArraycpy(s->sp, st->species, s->n));
  PetscCall(MfKmcGetTime(kmc, &s->time));
  PetscCall(MfKmcGetEventCount(kmc, &s->nev));
  PetscFunctionReturn(0);
}

static PetscBool SnapEqual(const Snap *a, const Snap *b)
{
  return (PetscBool)(a->n == b->n && a->time == b->time && a->nev == b->nev && !memcmp(a->sp, b->sp, a->n));
}

static PetscErrorCode CaseDeterminism(PetscInt *nfail)
{
  PetscFunctionBeginUser;
  for (PetscInt sel = 0; sel < 2; sel++) {
    Snap  s[3];
    MfKmc k;
    for (PetscInt r = 0; r < 3; r++) {
      PetscCall(CreateHopper(r == 2 ? 1 : 0, (MfKmcSelectorType)sel, PETSC_TRUE, &k));
      PetscCall(MfKmcRun(k, 2e-9, 0, NULL));
      PetscCall(MfKmcRun(k, 0.0, 5000, NULL));
      PetscCall(TakeSnap(k, &s[r]));
      PetscCall(MfKmcDestroy(&k));
    }
    const PetscBool same = SnapEqual(&s[0], &s[1]), differ = (PetscBool)!SnapEqual(&s[0], &s[2]);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "selector %-4s: same seed identical: %s (t = %.17g s, %" PetscInt64_FMT " events); member 1 differs: %s\n", MfKmcSelectorTypes[sel], same ? "yes" : "NO", (double)s[0].time, s[0].nev, differ ? "yes" : "NO"));
    if (!same || !differ) (*nfail)++;
    for (PetscInt r = 0; r < 3; r++) PetscCall(PetscFree(s[r].sp));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseCheckpoint(PetscInt *nfail)
{
  PetscFunctionBeginUser;
  for (PetscInt sel = 0; sel < 3; sel++) {
    for (PetscInt fields = 0; fields < 2; fields++) {
      Snap  a, b;
      MfKmc k1, k2;
      char  path[64];
      PetscCall(PetscSNPrintf(path, sizeof(path), "kmc_ckpt_%d_%d.bin", (int)sel, (int)fields));
      /* uninterrupted: window 1, checkpoint, windows 2 and 3 */
      PetscCall(CreateHopper(0, (MfKmcSelectorType)sel, (PetscBool)fields, &k1));
      PetscCall(MfKmcRun(k1, 0.0, 3000, NULL));
      PetscCall(MfKmcCheckpointWrite(k1, path));
      PetscCall(MfKmcRun(k1, 1e-9, 0, NULL));
      PetscCall(MfKmcRun(k1, 0.0, 3000, NULL));
      PetscCall(TakeSnap(k1, &a));
      /* restart: a fresh engine (different seed on purpose: the RNG state comes from the file) */
      PetscCall(CreateHopper(5, (MfKmcSelectorType)sel, (PetscBool)!fields, &k2));
      PetscCall(MfKmcCheckpointRead(k2, path));
      PetscCall(MfKmcRun(k2, 1e-9, 0, NULL));
      PetscCall(MfKmcRun(k2, 0.0, 3000, NULL));
      PetscCall(TakeSnap(k2, &b));
      const PetscBool same = SnapEqual(&a, &b);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "selector %-6s %s fields: restart reproduces the run bit for bit: %s (t = %.17g s, %" PetscInt64_FMT " events)\n", MfKmcSelectorTypes[sel], fields ? "per-site" : "uniform", same ? "yes" : "NO", (double)b.time, b.nev));
      if (!same) (*nfail)++;
      PetscCall(PetscFree(a.sp));
      PetscCall(PetscFree(b.sp));
      PetscCall(MfKmcDestroy(&k1));
      PetscCall(MfKmcDestroy(&k2));
      { /* every rank has read the file before rank 0 deletes it */
        PetscMPIInt rank;
        PetscCallMPI(MPI_Barrier(PETSC_COMM_WORLD));
        PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
        if (!rank) remove(path);
      }
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseBadCheckpoint(void)
{
  MfKmc           k1, k2;
  MfKmcLattice    lat;
  MfKmcHopParams  hp;
  const PetscInt  n[3]   = {10, 12, 12};
  const PetscBool per[3] = {PETSC_TRUE, PETSC_TRUE, PETSC_FALSE};

  PetscFunctionBeginUser;
  PetscCall(CreateHopper(0, MF_KMC_SELECTOR_TREE, PETSC_FALSE, &k1));
  PetscCall(MfKmcCheckpointWrite(k1, "kmc_ckpt_bad.bin"));
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_WORLD, n, 0.25e-9, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_WORLD, &k2));
  PetscCall(MfKmcSetLattice(k2, lat));
  PetscCall(MfKmcHopDefaultParams(&hp));
  PetscCall(MfKmcSetMechanismHop(k2, &hp));
  PetscCall(MfKmcSetUp(k2));
  PetscCall(MfKmcCheckpointRead(k2, "kmc_ckpt_bad.bin")); /* must fail: 1440 vs 1728 sites */
  PetscFunctionReturn(0);
}

static PetscErrorCode CaseLattice(PetscInt *nfail)
{
  const PetscInt dims[8][3] = {{5, 4, 3}, {7, 1, 1}, {1, 6, 1}, {3, 3, 9}, {4, 5, 1}, {16, 3, 5}, {1, 1, 4}, {6, 6, 6}};
  PetscInt       bad = 0, checked = 0;

  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < 8; c++) {
    for (PetscInt pmask = 0; pmask < 8; pmask++) {
      PetscBool per[3] = {(PetscBool)(pmask & 1), (PetscBool)((pmask >> 1) & 1), (PetscBool)((pmask >> 2) & 1)};
      PetscBool skip = PETSC_FALSE;
      for (PetscInt d = 0; d < 3; d++) skip = (PetscBool)(skip || (per[d] && dims[c][d] == 2));
      if (skip) continue;
      MfKmcLattice lat;
      PetscInt     buf[6];
      PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_WORLD, dims[c], 1.0, per, &lat));
      for (PetscInt s = 0; s < lat->nsites; s++) {
        PetscReal x[3];
        PetscCall(MfKmcLatticeGetCoordinates(lat, s, x));
        const PetscInt *nb = MfKmcLatticeNeighbors(lat, s, buf);
        for (PetscInt k = 0; k < 6; k++) {
          /* brute force: the site at x + bond vector (wrapped on periodic axes), if it exists */
          PetscInt want = -1, cc[3];
          PetscBool in  = PETSC_TRUE;
          for (PetscInt d = 0; d < 3; d++) {
            cc[d] = (PetscInt)x[d] + (PetscInt)lat->bondvec[3 * k + d];
            if (dims[c][d] == 1 && cc[d] != 0) in = PETSC_FALSE;
            if (per[d]) cc[d] = (cc[d] + dims[c][d]) % dims[c][d];
            if (cc[d] < 0 || cc[d] >= dims[c][d]) in = PETSC_FALSE;
          }
          if (in) want = cc[0] + dims[c][0] * (cc[1] + dims[c][1] * cc[2]);
          if (want == s) want = -1; /* axis of length 1 */
          if (nb[k] != want) bad++;
          checked++;
        }
        const PetscBool bottom = (PetscBool)(!per[2] && dims[c][2] > 1 && (PetscInt)x[2] == 0), top = (PetscBool)(!per[2] && dims[c][2] > 1 && (PetscInt)x[2] == dims[c][2] - 1);
        if (((lat->flags[s] & MF_KMC_SITE_BOTTOM_INTERFACE) != 0) != bottom || ((lat->flags[s] & MF_KMC_SITE_TOP_INTERFACE) != 0) != top) bad++;
      }
      PetscCall(MfKmcLatticeDestroy(&lat));
    }
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "simple cubic neighbours: %" PetscInt_FMT " bonds checked against brute force, %" PetscInt_FMT " mismatches\n", checked, bad));
  if (bad) (*nfail)++;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char     tcase[32] = "chisq";
  PetscInt nfail     = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "KMC engine verification"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  if (!strcmp(tcase, "chisq")) PetscCall(CaseChisq(&nfail));
  else if (!strcmp(tcase, "local")) PetscCall(CaseLocal(&nfail));
  else if (!strcmp(tcase, "balance")) PetscCall(CaseBalance(&nfail));
  else if (!strcmp(tcase, "determinism")) PetscCall(CaseDeterminism(&nfail));
  else if (!strcmp(tcase, "checkpoint")) PetscCall(CaseCheckpoint(&nfail));
  else if (!strcmp(tcase, "badcheckpoint")) PetscCall(CaseBadCheckpoint());
  else if (!strcmp(tcase, "lattice")) PetscCall(CaseLattice(&nfail));
  else SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "unknown -case %s", tcase);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failed\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
