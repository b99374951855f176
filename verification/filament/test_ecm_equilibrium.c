/* Thermodynamic consistency of the ECM plug-in with the coordination-dependent (Gibbs-Thomson, broken-bond)
 * dissolution barrier: at zero field the KMC must sample the exact Boltzmann distribution of the lattice gas
 *     H(s) = N_ion g + N_M0 c - eps B,   g = Ea_ox - Ea_red,   c = g - (Ea_diss - Ea_red,f) + (Z/2) eps,
 * B = metal bonds (M0-M0 lattice bonds + M0-electrode contacts), which follows from the rate laws of
 * mech_ecm.c by detailed balance (oxidation/reduction at the anode, reduction/dissolution per bond with
 * Ea_diss(n) = Ea_diss + (n - Z/2) eps, symmetric ion hops). A wrong sign or reference of the coordination
 * term, or a rate pair that is not exactly inverse, shifts the averages by many standard errors.
 *
 * System: 2 x 1 x 2 simple-cubic cell (4 sites, Z = 2), 3^4 = 81 states, all reachable from the empty cell and
 * enumerated exactly here. T = 500 K, eps = 0.05 eV, Ea_ox = Ea_red = 0.5 eV (g = 0), reduction onto metal in
 * the cell Ea_red,f = 0.55 eV and Ea_diss = 0.5 eV (a barrier pair of its own, as kmc_ecm_Ea_reduction_filament
 * allows; c = 0.1 eV), Ea_hop = 0.4 eV: the full-metal and empty cells have equal energy, so every state matters.
 * Observables: time averages of N_M0, N_ion and B over 1e7 events (seed 3), 40 batches of equal event count;
 * standard error from the batch means (the chain mixes in ~10 events: batches of 2.5e5 are independent).
 * Bound: |KMC - exact| < 4 SE (99.994 % two-sided); the test also requires SE < 0.01 and that the exact
 * averages of the model without the bond term (eps = 0, same c) lie > 10 SE away (the test can fail). */
#include "mf_filament.h"
#include "mf_kmc_rates.h"
#include <math.h>

#define NSITE  4
#define NBATCH 40

typedef struct {
  PetscReal w[3], wsum; /* time-weighted sums of N_M0, N_ion, B in the current batch, and its duration */
} Acc;

/* Bonds of the 2x1x2 cell: sites 0,1 on the cathode (k = 0), 2,3 on the anode (k = 1). */
static const int kBond[4][2] = {{0, 1}, {2, 3}, {0, 2}, {1, 3}};

static void Observables(const int s[NSITE], PetscReal o[3])
{
  int nm = 0, ni = 0, b = 0;
  for (int i = 0; i < NSITE; i++) {
    nm += s[i] == MF_FIL_DEFECT;
    ni += s[i] == MF_FIL_ION;
    b += s[i] == MF_FIL_DEFECT; /* every site touches one electrode */
  }
  for (int k = 0; k < 4; k++) b += s[kBond[k][0]] == MF_FIL_DEFECT && s[kBond[k][1]] == MF_FIL_DEFECT;
  o[0] = nm; o[1] = ni; o[2] = b;
}

/* Exact averages by enumeration of the 81 states. */
static void Exact(PetscReal g_eV, PetscReal c_eV, PetscReal eps_eV, PetscReal T, PetscReal avg[3])
{
  const PetscReal kT = MF_KB_J_PER_K * T / MF_E_C;
  PetscReal       Zp = 0.0, m[3] = {0, 0, 0};
  for (int code = 0; code < 81; code++) {
    int       s[NSITE], c = code;
    PetscReal o[3];
    for (int i = 0; i < NSITE; i++, c /= 3) s[i] = c % 3;
    Observables(s, o);
    const PetscReal w = exp(-(o[1] * g_eV + o[0] * c_eV - eps_eV * o[2]) / kT);
    Zp += w;
    for (int q = 0; q < 3; q++) m[q] += w * o[q];
  }
  for (int q = 0; q < 3; q++) avg[q] = m[q] / Zp;
}

typedef struct {
  int       prev[NSITE];
  PetscReal sum[3], dur;
} Mon;

/* The state before an event held for the waiting time dt: weight it, then remember the new state. */
static PetscErrorCode Monitor(void *ctx, const MfKmcState *st, PetscInt site, PetscInt slot, const MfKmcEventRecord *rec, PetscReal dt, PetscReal t)
{
  Mon      *m = (Mon *)ctx;
  PetscReal o[3];

  PetscFunctionBeginUser;
  (void)site; (void)slot; (void)rec; (void)t;
  Observables(m->prev, o);
  for (int q = 0; q < 3; q++) m->sum[q] += dt * o[q];
  m->dur += dt;
  for (int i = 0; i < NSITE; i++) m->prev[i] = (int)st->species[i];
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscInt  n[3] = {2, 1, 2};
  const PetscBool per[3] = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};
  const PetscReal T = 500.0;
  const char     *names[3] = {"N_M0", "N_ion", "metal bonds B"};
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfEcmParams     p;
  MfKmcSiteFields f;
  MfKmcState     *st;
  Mon             mon;
  PetscReal       batch[NBATCH][3], exact[3], alt[3];
  PetscInt        nfail = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfEcmParamsDefault("Ag", &p));
  p.nu_Hz = 1e13; p.Ea_oxidation_eV = 0.5; p.Ea_reduction_eV = 0.5; p.Ea_hop_ion_eV = 0.4; p.Ea_dissolution_eV = 0.5; p.Ea_reduction_filament_eV = 0.55; p.bond_energy_eV = 0.05; p.alpha_transfer = 0.3; p.activation_volume_m3 = 0.0; p.lateral_sink = PETSC_FALSE;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, 0.25e-9, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetMechanismEcm(kmc, &p));
  PetscCall(MfKmcSetSeed(kmc, 3, 0));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K = T;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(PetscMemzero(&mon, sizeof(mon)));
  PetscCall(MfKmcSetEventMonitor(kmc, Monitor, &mon));
  PetscCall(MfKmcRun(kmc, 0.0, 20000, NULL)); /* equilibrate (~2000 mixing times) */
  for (int i = 0; i < NSITE; i++) mon.prev[i] = (int)st->species[i];
  for (int b = 0; b < NBATCH; b++) {
    PetscCall(PetscMemzero(mon.sum, sizeof(mon.sum)));
    mon.dur = 0.0;
    PetscCall(MfKmcRun(kmc, 0.0, 250000, NULL));
    for (int q = 0; q < 3; q++) batch[b][q] = mon.sum[q] / mon.dur;
  }
  {
    PetscReal dGa, dGf;
    MfEcmRedoxFreeEnergies(&p, &dGa, &dGf);
    const PetscReal g = dGa, c = dGa - dGf + 1.0 * p.bond_energy_eV; /* Z/2 = 1 */
    if (fabs(g) > 1e-12 || fabs(c - 0.1) > 1e-12) nfail++; /* the free energies the comment above derives */
    Exact(g, c, p.bond_energy_eV, T, exact);
    Exact(g, c, 0.0, T, alt);
  }
  for (int q = 0; q < 3; q++) {
    PetscReal mean = 0.0, var = 0.0;
    for (int b = 0; b < NBATCH; b++) mean += batch[b][q] / NBATCH;
    for (int b = 0; b < NBATCH; b++) var += (batch[b][q] - mean) * (batch[b][q] - mean) / (NBATCH - 1);
    const PetscReal se = sqrt(var / NBATCH);
    const PetscBool ok = (PetscBool)(fabs(mean - exact[q]) < 4.0 * se && se < 0.01 && fabs(alt[q] - exact[q]) > 10.0 * se);
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "%-14s KMC %.5f +- %.5f (SE), exact Boltzmann %.5f (%.2f SE off); without the bond term %.5f (%.1f SE off)  %s\n", names[q], (double)mean, (double)se, (double)exact[q], (double)(fabs(mean - exact[q]) / se), (double)alt[q], (double)(fabs(alt[q] - exact[q]) / se), ok ? "ok" : "FAIL"));
    if (!ok) nfail++;
  }
  PetscCall(MfKmcCheckRates(kmc));
  PetscCall(MfKmcDestroy(&kmc));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
