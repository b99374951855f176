/* Melting and melt-quench with the phase-change GCA through the KMC engine (12^3 simple-cubic box, GST set,
 * cell = lattice spacing = 6 monomer diameters; fixed seeds; exit code 0 = every check passed).
 *  1. A crystalline box (one grain) at 950 K > T_m = 900 K ends fully amorphous: every site melts once, no
 *     growth, nucleation or dissociation (those are off above T_m), and then no event is possible.
 *  2. Below T_m (800 K) an amorphous box without a nucleus and with nucleation off (kmc_pcm_nucleation_scale 0)
 *     has no possible event: nothing crystallises.
 *  3. Per-site temperature: a crystalline box with its lower half at 950 K and its upper half at 600 K: after
 *     1 ns the lower half is molten (amorphous), the upper half crystalline.
 *  4. Melt-quench: the box quenched to 400 K (a glass: eta ~ 1e10 Pa s) for 1 us: the molten half stays amorphous
 *     (the expected number of events, total rate x 1 us, is printed and must be < 1e-3: with probability
 *     > 0.999 none happens); the same half cooled to 600 K (supercooled liquid, front speed ~0.08 m/s)
 *     recrystallises from the interface within 1 us (front: 17 cells/us against 6 cells to cross) and from
 *     the one surviving grain (nucleation is off in 3 and 4). */
#include <math.h>
#include "mf_phase_change.h"

static PetscInt nfail = 0;

static void Expect(PetscBool ok, const char *what)
{
  if (!ok) nfail++;
  (void)PetscPrintf(PETSC_COMM_WORLD, "  %-70s %s\n", what, ok ? "ok" : "FAIL");
}

static PetscErrorCode Box(PetscReal nucleation_scale, MfKmc *kmc)
{
  const PetscInt  n[3]   = {12, 12, 12};
  const PetscBool per[3] = {PETSC_TRUE, PETSC_TRUE, PETSC_FALSE};
  MfKmcLattice    lat;
  MfPcmParams     p;

  PetscFunctionBeginUser;
  PetscCall(MfPcmParamsDefault(&p));
  p.nucleation_scale = nucleation_scale;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, p.D_m, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, kmc));
  PetscCall(MfKmcSetLattice(*kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetSeed(*kmc, 7, 0));
  PetscCall(MfKmcSetMechanismPcm(*kmc, &p));
  PetscCall(MfKmcSetUp(*kmc));
  PetscFunctionReturn(0);
}

/* every site crystalline, one grain */
static PetscErrorCode OneGrain(MfKmc kmc)
{
  MfKmcState *st;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt i = 0; i < st->lat->nsites; i++) {
    st->species[i]                                   = MF_PCM_CRYSTALLINE;
    st->aux[i * MF_PCM_NAUX + MF_PCM_AUX_GRAIN]      = 1.0;
    st->aux[i * MF_PCM_NAUX + MF_PCM_AUX_PHI]        = 0.5;
  }
  st->global[0] = 1.0;
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode Uniform(MfKmc kmc, PetscReal T)
{
  MfKmcSiteFields f;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K = T;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscFunctionReturn(0);
}

/* lower half (k < 6) at Tlow, upper half at Tup */
static PetscErrorCode Halves(MfKmc kmc, PetscReal Tlow, PetscReal Tup)
{
  MfKmcState      *st;
  MfKmcSiteFields *f;
  PetscInt         N;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(kmc, &st));
  N = st->lat->nsites;
  PetscCall(PetscCalloc1(N, &f));
  for (PetscInt i = 0; i < N; i++) f[i].T_K = i / 144 < 6 ? Tlow : Tup;
  PetscCall(MfKmcSetSiteFields(kmc, N, f));
  PetscCall(PetscFree(f));
  PetscFunctionReturn(0);
}

/* crystalline sites in the lower and the upper half */
static void Count(const MfKmcState *st, PetscInt *low, PetscInt *up)
{
  *low = *up = 0;
  for (PetscInt i = 0; i < st->lat->nsites; i++)
    if (st->species[i] == MF_PCM_CRYSTALLINE) (i / 144 < 6 ? (*low)++ : (*up)++);
}

int main(int argc, char **argv)
{
  MfKmc             kmc;
  MfKmcState       *st;
  MfKmcWindowStats  ws;
  const PetscInt64 *cnt;
  PetscInt          nt, low, up, ncry;
  PetscReal         rate;
  char              msg[160];

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* 1 */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "1. crystalline box at 950 K\n"));
  PetscCall(Box(1.0, &kmc));
  PetscCall(OneGrain(kmc));
  PetscCall(Uniform(kmc, 950.0));
  PetscCall(MfKmcRun(kmc, 0.0, 0, &ws));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(MfPcmCount(st, &ncry, NULL));
  PetscCall(MfKmcGetEventTypeCounts(kmc, &nt, &cnt));
  PetscCall(PetscSNPrintf(msg, sizeof(msg), "all amorphous (%" PetscInt_FMT " crystalline), melted %" PetscInt64_FMT " of 1728 in %.2e s", ncry, cnt[MF_PCM_EVENT_MELTING], (double)ws.dt_s));
  Expect((PetscBool)(ncry == 0 && cnt[MF_PCM_EVENT_MELTING] == 1728), msg);
  Expect((PetscBool)(cnt[MF_PCM_EVENT_GROWTH] + cnt[MF_PCM_EVENT_NUCLEATION] + cnt[MF_PCM_EVENT_DISSOCIATION] == 0 && ws.reason == MF_KMC_STOP_ABSORBING), "no growth, nucleation or dissociation above T_m; then no event possible");
  PetscCall(MfKmcDestroy(&kmc));
  /* 2 */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "2. amorphous box at 800 K, no nucleus, nucleation off\n"));
  PetscCall(Box(0.0, &kmc));
  PetscCall(Uniform(kmc, 800.0));
  PetscCall(MfKmcGetTotalRate(kmc, &rate));
  PetscCall(MfKmcRun(kmc, 1.0, 0, &ws));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(MfPcmCount(st, &ncry, NULL));
  PetscCall(PetscSNPrintf(msg, sizeof(msg), "total rate %g 1/s, %" PetscInt64_FMT " events, %" PetscInt_FMT " crystalline", (double)rate, ws.nevents, ncry));
  Expect((PetscBool)(rate == 0.0 && ws.nevents == 0 && ncry == 0), msg);
  PetscCall(MfKmcDestroy(&kmc));
  /* 3 */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "3. crystalline box, lower half 950 K, upper half 600 K, 1 ns\n"));
  PetscCall(Box(0.0, &kmc));
  PetscCall(OneGrain(kmc));
  PetscCall(Halves(kmc, 950.0, 600.0));
  PetscCall(MfKmcRun(kmc, 1e-9, 0, &ws));
  PetscCall(MfKmcGetState(kmc, &st));
  Count(st, &low, &up);
  PetscCall(PetscSNPrintf(msg, sizeof(msg), "lower half molten (%" PetscInt_FMT " of 864 crystalline), upper crystalline (%" PetscInt_FMT " of 864)", low, up));
  Expect((PetscBool)(low == 0 && up == 864), msg);
  /* 4 */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "4. quench of the molten half\n"));
  PetscCall(Halves(kmc, 400.0, 400.0));
  PetscCall(MfKmcGetTotalRate(kmc, &rate));
  PetscCall(MfKmcRun(kmc, 1e-6, 0, &ws));
  Count(st, &low, &up);
  PetscCall(PetscSNPrintf(msg, sizeof(msg), "quench to 400 K: expected events in 1 us %.2e, %" PetscInt64_FMT " events, %" PetscInt_FMT " crystalline", (double)(rate * 1e-6), ws.nevents, low));
  Expect((PetscBool)(rate * 1e-6 < 1e-3 && low == 0), msg);
  PetscCall(Halves(kmc, 600.0, 600.0));
  PetscCall(MfKmcRun(kmc, 1e-6, 0, &ws));
  Count(st, &low, &up);
  PetscCall(PetscSNPrintf(msg, sizeof(msg), "cooled to 600 K: %" PetscInt_FMT " of 864 recrystallised in 1 us (%" PetscInt64_FMT " events)", low, ws.nevents));
  Expect((PetscBool)(low >= 860), msg);
  PetscCall(MfPcmCount(st, NULL, &ncry));
  Expect((PetscBool)(ncry == 1), "regrown from the one surviving grain (nucleation off)");
  PetscCall(MfKmcDestroy(&kmc));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failed checks\n", nfail ? "FAIL" : "PASS", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
