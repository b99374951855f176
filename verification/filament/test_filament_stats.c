/* Statistical verification of the VCM plug-in through the KMC engine (fixed seeds).
 *  -case balance : Frenkel-pair generation/recombination at zero field on M = 10^4 isolated dimers (a graph
 *                  lattice: two oxygen sites per dimer, no hopping possible). Each dimer is a 3-state chain
 *                  pristine <-> (V_O,O_i) / (O_i,V_O) with generation rate Gg per orientation and
 *                  recombination Gr, so detailed balance gives exactly
 *                      P(pair) = 2K/(1+2K),  K = Gg/Gr = exp(-(Ea_gen - Ea_rec)/kT)
 *                  (the Boltzmann ratio of the two barriers); vacancy site fraction = K/(1+2K).
 *                  Checks: the mean over 10 snapshots 3/Gr apart (correlation e^-3 ~ 0.05, neglected; the
 *                  bound is widened by 4 sigma) of the pair fraction within 4 sigma = 4 sqrt(p(1-p)/(10 M))
 *                  (99.994 %), and a chi-square test of the three states at the last snapshot, 2 dof,
 *                  chi2 < 13.82 (p > 0.001).
 *  -case drift   : field-driven drift of one V_O (z = +1, E_z = +1 GV/m) and separately one O_i (z = -1,
 *                  E_z = -1 GV/m) per periodic 8-site ring, M = 10^4 rings, a = 0.25 nm, nu = 1e13 Hz,
 *                  Ea = 0.7 eV, T = 500 K: the published instance v = 2 a nu e^(-Ea/kT) sinh(z q a E/2kT)
 *                  = 3.9892e-3 m/s, D = 5.0167e-13 m^2/s (physics-references.md §2). At t = 2 us the mean
 *                  displacement is within 4 sigma/sqrt(M) of v t (sigma^2 = 2 D t, Skellam; 99.994 %) and the
 *                  variance within 4 sqrt(2/M) relative of 2 D t. */
#include "mf_filament.h"
#include "mf_kmc_rates.h"
#include <math.h>
#include <string.h>

#define L_RING 8

static PetscErrorCode CreateGraph(PetscInt ncell, PetscInt len, PetscReal a, MfKmcLattice *lat)
{
  const PetscInt n = ncell * len, nb = len == 2 ? 1 : 2;
  PetscReal     *x, *bv;
  PetscInt      *nbr;

  PetscFunctionBeginUser;
  PetscCall(PetscCalloc3(3 * n, &x, nb * n, &nbr, 3 * nb * n, &bv));
  for (PetscInt c = 0; c < ncell; c++)
    for (PetscInt i = 0; i < len; i++) {
      const PetscInt s = c * len + i;
      x[3 * s]         = c * 2 * a;
      x[3 * s + 2]     = i * a;
      if (len == 2) { /* dimer along z */
        nbr[s]         = c * len + 1 - i;
        bv[3 * s + 2]  = i == 0 ? a : -a;
      } else { /* ring along z: slot 0 = +z, slot 1 = -z */
        nbr[2 * s]         = c * len + (i + 1) % len;
        nbr[2 * s + 1]     = c * len + (i + len - 1) % len;
        bv[6 * s + 2]      = a;
        bv[6 * s + 5]      = -a;
      }
    }
  PetscCall(MfKmcLatticeCreateGraph(PETSC_COMM_SELF, n, nb, x, nbr, bv, NULL, lat));
  PetscCall(PetscFree3(x, nbr, bv));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscInt *disp;
  PetscReal zq_a;
} Walk;

static PetscErrorCode Monitor(void *ctx, const MfKmcState *st, PetscInt site, PetscInt slot, const MfKmcEventRecord *rec, PetscReal dt, PetscReal t)
{
  Walk *w = (Walk *)ctx;

  PetscFunctionBeginUser;
  w->disp[site / L_RING] += (PetscInt)lround(rec->charge_displacement_Cm[2] / w->zq_a);
  PetscFunctionReturn(0);
}

static void Base(MfVcmParams *p)
{
  p->nu_Hz = 1e13; p->Ea_generation_eV = 20.0; p->Ea_recombination_eV = 20.0; p->Ea_hop_defect_eV = 0.7; p->Ea_hop_ion_eV = 0.7; p->Ea_exchange_eV = 1.0;
  p->dipole_generation_eAng = 0.0; p->z_defect = 1.0; p->z_ion = -1.0; p->activation_volume_m3 = 0.0; p->initial_defect_fraction = 0.0; p->top_reservoir = PETSC_FALSE;
  p->Ea_generation_interface_eV = 20.0;
}

static PetscErrorCode Balance(PetscInt *nfail)
{
  const PetscInt  M = 10000, nsnap = 10;
  const PetscReal a = 0.25e-9, T = 300.0, kT = MF_KB_J_PER_K * T / MF_E_C;
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfVcmParams     p;
  MfKmcSiteFields f;
  MfKmcState     *st;
  MfKmcWindowStats ws;
  PetscReal       mean = 0.0;
  PetscInt        cnt[3] = {0, 0, 0};

  PetscFunctionBeginUser;
  Base(&p);
  p.Ea_generation_eV = 0.52; p.Ea_recombination_eV = 0.50; p.Ea_hop_defect_eV = 20.0; p.Ea_hop_ion_eV = 20.0;
  const PetscReal K = exp(-(p.Ea_generation_eV - p.Ea_recombination_eV) / kT), P = 2 * K / (1 + 2 * K);
  const PetscReal Gr = p.nu_Hz * exp(-p.Ea_recombination_eV / kT);
  PetscCall(CreateGraph(M, 2, a, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetMechanismVcm(kmc, &p));
  PetscCall(MfKmcSetSeed(kmc, 20240601, 0));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K = T;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(MfKmcRun(kmc, 10.0 / Gr, 0, &ws)); /* relax from the pristine state: relaxation rate 2Gg + Gr */
  for (PetscInt s = 0; s < nsnap; s++) {
    PetscInt npair = 0;
    PetscCall(MfKmcRun(kmc, 3.0 / Gr, 0, &ws));
    cnt[0] = cnt[1] = cnt[2] = 0;
    for (PetscInt c = 0; c < M; c++) {
      const MfKmcSpecies s0 = st->species[2 * c], s1 = st->species[2 * c + 1];
      if (s0 == MF_FIL_EMPTY && s1 == MF_FIL_EMPTY) cnt[0]++;
      else if (s0 == MF_FIL_DEFECT && s1 == MF_FIL_ION) cnt[1]++;
      else if (s0 == MF_FIL_ION && s1 == MF_FIL_DEFECT) cnt[2]++;
      else {
        (*nfail)++;
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL dimer %d in impossible state (%d,%d)\n", (int)c, (int)s0, (int)s1));
      }
    }
    npair = cnt[1] + cnt[2];
    mean += (PetscReal)npair / M / nsnap;
  }
  {
    const PetscReal sig = sqrt(P * (1 - P) / (nsnap * M));
    const PetscReal e[3] = {M / (1 + 2 * K), M * K / (1 + 2 * K), M * K / (1 + 2 * K)};
    PetscReal       chi2 = 0.0;
    for (int i = 0; i < 3; i++) chi2 += (cnt[i] - e[i]) * (cnt[i] - e[i]) / e[i];
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "pair fraction %.5f, detailed balance 2K/(1+2K) = %.5f (K = %.5f), |diff| = %.2f sigma; vacancy site fraction %.5f vs K/(1+2K) = %.5f; chi2(2 dof) = %.3f\n", (double)mean, (double)P, (double)K, fabs(mean - P) / sig, (double)(mean / 2), (double)(K / (1 + 2 * K)), (double)chi2));
    if (!(fabs(mean - P) < 4 * sig)) (*nfail)++;
    if (!(chi2 < 13.82)) (*nfail)++;
  }
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

static PetscErrorCode Drift(PetscBool ion, PetscInt *nfail)
{
  const PetscInt  M = 10000;
  const PetscReal a = 0.25e-9, T = 500.0, E = ion ? -1e9 : 1e9, t = 2e-6;
  const PetscReal v = 3.9892e-3, D = 5.0167e-13; /* physics-references.md §2 instance (5 digits) */
  MfKmcLattice    lat;
  MfKmc           kmc;
  MfVcmParams     p;
  MfKmcSiteFields f;
  MfKmcState     *st;
  MfKmcWindowStats ws;
  Walk            w;
  PetscReal       m1 = 0.0, m2 = 0.0;

  PetscFunctionBeginUser;
  Base(&p);
  PetscCall(CreateGraph(M, L_RING, a, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, &kmc));
  PetscCall(MfKmcSetLattice(kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetMechanismVcm(kmc, &p));
  PetscCall(MfKmcSetSeed(kmc, ion ? 77 : 78, 0));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K          = T;
  f.E_V_per_m[2] = E;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt c = 0; c < M; c++) st->species[c * L_RING] = ion ? MF_FIL_ION : MF_FIL_DEFECT;
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  PetscCall(PetscCalloc1(M, &w.disp));
  w.zq_a = (ion ? p.z_ion : p.z_defect) * MF_E_C * a;
  PetscCall(MfKmcSetEventMonitor(kmc, Monitor, &w));
  PetscCall(MfKmcRun(kmc, t, 0, &ws));
  for (PetscInt c = 0; c < M; c++) {
    m1 += w.disp[c] * a / M;
    m2 += (w.disp[c] * a) * (w.disp[c] * a) / M;
  }
  {
    const PetscReal var = (m2 - m1 * m1) * M / (M - 1), sig = sqrt(2 * D * t / M);
    /* the closed form evaluated here must reproduce the published 5-digit instance */
    const PetscReal kT = MF_KB_J_PER_K * T, vcf = 2 * a * 1e13 * exp(-0.7 * MF_E_C / kT) * sinh(MF_E_C * a * 1e9 / (2 * kT));
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "%s drift: <x> = %.5e m (v t = %.5e, %.2f sigma), v = %.5e m/s (closed form %.5e), Var = %.5e (2 D t = %.5e, rel %.3f); events %lld\n", ion ? "O_i" : "V_O", (double)m1, (double)(v * t), fabs(m1 - v * t) / sig, (double)(m1 / t), (double)vcf, (double)var, (double)(2 * D * t), fabs(var / (2 * D * t) - 1), (long long)ws.nevents));
    if (!(fabs(vcf / v - 1) < 2e-5)) (*nfail)++; /* 5 significant digits */
    if (!(fabs(m1 - v * t) < 4 * sig)) (*nfail)++;
    if (!(fabs(var / (2 * D * t) - 1) < 4 * sqrt(2.0 / M))) (*nfail)++;
  }
  PetscCall(PetscFree(w.disp));
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char     tcase[32] = "balance";
  PetscInt nfail     = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "filament statistics"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  if (!strcmp(tcase, "balance")) PetscCall(Balance(&nfail));
  else if (!strcmp(tcase, "drift")) {
    PetscCall(Drift(PETSC_FALSE, &nfail));
    PetscCall(Drift(PETSC_TRUE, &nfail));
  } else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "unknown -case %s (balance|drift)", tcase);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
