/* Filament growth through the KMC engine on small lattices (fixed seeds; the assertions are on the
 * direction of change and on the analysed geometry, never on a time).
 *  -case ecm  : Ag-like cations, 4x4x8 sites, a = 0.25 nm, 300 K, top anode. Forward bias (E_z = -4e8 V/m,
 *               top positive): the filament grows from the inert cathode (every partial filament seen is
 *               attached to the bottom electrode) until MfFilamentAnalyse reports connected with gap 0.
 *               Reverse bias (E_z = +4e8 V/m): the filament dissolves, the gap opens (> 0) and the metal
 *               count falls. Metal balance (exact): M0 + M+ in the film = oxidations - reductions at the anode.
 *  -case vcm  : forming, 4x4x8 sites, E_z = -1 GV/m, 300 K, top oxygen reservoir: vacancies generated under
 *               the field drift to the cathode and build a filament from the bottom until it connects.
 *               Oxygen balance (exact): n(V_O) = n(O_i) + reservoir oxygen, and the per-site reservoir
 *               amounts add up to the global one. */
#include "mf_filament.h"
#include "mf_kmc_rates.h"
#include <math.h>
#include <string.h>

static PetscErrorCode Setup(MfKmc *kmc, unsigned long seed)
{
  const PetscInt n[3]   = {4, 4, 8};
  PetscBool      per[3] = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};
  MfKmcLattice   lat;

  PetscFunctionBeginUser;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, 0.25e-9, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, kmc));
  PetscCall(MfKmcSetLattice(*kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscCall(MfKmcSetSeed(*kmc, seed, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode SetField(MfKmc kmc, PetscReal Ez)
{
  MfKmcSiteFields f;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&f, sizeof(f)));
  f.T_K          = 300.0;
  f.E_V_per_m[2] = Ez;
  PetscCall(MfKmcSetUniformFields(kmc, &f));
  PetscFunctionReturn(0);
}

/* Run windows of `chunk` events until `stop` holds or nwin windows ran; `bottom_only` counts snapshots whose
 * tallest attached cluster hangs from the top electrode (wrong direction for cathode growth). */
typedef PetscBool (*StopFn)(const MfFilamentInfo *);
static PetscBool Connected(const MfFilamentInfo *i) { return i->connected; }
static PetscBool Opened(const MfFilamentInfo *i) { return (PetscBool)(i->gap_m >= 3 * 0.25e-9 - 1e-15); }

static PetscErrorCode RunUntil(MfKmc kmc, StopFn stop, PetscInt chunk, PetscInt nwin, PetscInt *wrong_side, MfFilamentInfo *info)
{
  MfKmcState      *st;
  MfKmcWindowStats ws;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt w = 0; w < nwin; w++) {
    PetscCall(MfKmcRun(kmc, 0.0, chunk, &ws));
    PetscCall(MfFilamentAnalyse(st, info));
    if (wrong_side && !info->connected && info->attached_to == 1) (*wrong_side)++;
    if (stop(info)) break;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode Ecm(PetscInt *nfail)
{
  MfKmc           kmc;
  MfEcmParams     p;
  MfKmcState     *st;
  MfFilamentInfo  i0, i1, i2;
  PetscInt        wrong = 0, ntypes;
  const PetscInt64 *counts;
  PetscReal       t1, t2;

  PetscFunctionBeginUser;
  PetscCall(Setup(&kmc, 11));
  PetscCall(MfEcmParamsDefault("Ag", &p));
  /* redox barriers lowered towards the hop barrier so that the small test needs few events */
  p.Ea_oxidation_eV = 0.45; p.Ea_reduction_eV = 0.35; p.Ea_hop_ion_eV = 0.35; p.Ea_dissolution_eV = 0.6; p.alpha_transfer = 0.5;
  p.lateral_sink = PETSC_TRUE; /* cations also leave through the open edges: the metal balance below counts them */
  PetscCall(MfKmcSetMechanismEcm(kmc, &p));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(MfFilamentAnalyse(st, &i0));
  PetscCall(SetField(kmc, -4e8));
  PetscCall(RunUntil(kmc, Connected, 500, 400, &wrong, &i1));
  PetscCall(MfKmcGetTime(kmc, &t1));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "ECM SET: pristine gap %.3g nm -> connected %d, gap %.3g nm, metal %d, ions %d, constriction radius %.3g nm, top-attached snapshots %d, t = %.3g s\n", (double)(i0.gap_m * 1e9), (int)i1.connected, (double)(i1.gap_m * 1e9), (int)i1.n_defects, (int)i1.n_ions, (double)(i1.radius_m * 1e9), (int)wrong, (double)t1));
  if (!(i0.gap_m == 8 * 0.25e-9 && i1.connected && i1.gap_m == 0.0 && wrong == 0)) (*nfail)++;
  PetscCall(SetField(kmc, 4e8));
  PetscCall(RunUntil(kmc, Opened, 500, 400, NULL, &i2));
  PetscCall(MfKmcGetTime(kmc, &t2));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "ECM RESET: connected %d, gap %.3g nm, metal %d -> %d, t = %.3g s\n", (int)i2.connected, (double)(i2.gap_m * 1e9), (int)i1.n_defects, (int)i2.n_defects, (double)(t2 - t1)));
  if (!(!i2.connected && i2.gap_m > 0.0 && i2.n_defects < i1.n_defects)) (*nfail)++;
  PetscCall(MfKmcGetEventTypeCounts(kmc, &ntypes, &counts));
  if (counts[MF_ECM_EVENT_OXIDATION_ANODE] - counts[MF_ECM_EVENT_REDUCTION_ANODE] - counts[MF_ECM_EVENT_ESCAPE] != i2.n_defects + i2.n_ions) {
    (*nfail)++;
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL metal balance: %lld oxidised - %lld re-deposited - %lld escaped != %d atoms + %d ions\n", (long long)counts[0], (long long)counts[1], (long long)counts[MF_ECM_EVENT_ESCAPE], (int)i2.n_defects, (int)i2.n_ions));
  }
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "ECM metal balance: %lld oxidised, %lld re-deposited in the anode, %lld escaped laterally\n", (long long)counts[MF_ECM_EVENT_OXIDATION_ANODE], (long long)counts[MF_ECM_EVENT_REDUCTION_ANODE], (long long)counts[MF_ECM_EVENT_ESCAPE]));
  if (!(counts[MF_ECM_EVENT_DISSOLUTION] > 0 && counts[MF_ECM_EVENT_REDUCTION] > 0 && counts[MF_ECM_EVENT_HOP_ION] > 0 && counts[MF_ECM_EVENT_ESCAPE] > 0)) (*nfail)++;
  PetscCall(MfKmcCheckRates(kmc)); /* stored rates == recomputation (local updates complete) */
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

static PetscErrorCode Vcm(PetscInt *nfail)
{
  MfKmc          kmc;
  MfVcmParams    p;
  MfKmcState    *st;
  MfFilamentInfo info;
  PetscInt       wrong = 0;
  PetscReal      res = 0.0;

  PetscFunctionBeginUser;
  PetscCall(Setup(&kmc, 5));
  PetscCall(MfVcmParamsDefault("HfO2", &p));
  /* forming at a lowered generation barrier (interface-like, cf. 1.66 eV at Ti) to keep the test small */
  p.nu_Hz = 1e13; p.Ea_generation_eV = p.Ea_generation_interface_eV = 1.2; p.Ea_recombination_eV = 0.5; p.Ea_hop_defect_eV = 0.7; p.Ea_hop_ion_eV = 0.5; p.Ea_exchange_eV = 0.3;
  PetscCall(MfKmcSetMechanismVcm(kmc, &p));
  PetscCall(MfKmcSetFromOptions(kmc));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCall(SetField(kmc, -1e9));
  PetscCall(RunUntil(kmc, Connected, 500, 400, &wrong, &info));
  for (PetscInt i = 0; i < st->lat->nsites; i++) res += st->aux[i];
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "VCM forming: connected %d, gap %.3g nm, V_O %d, O_i %d, reservoir O %g (sum of sites %g), filament height %.3g nm, constriction radius %.3g nm, top-attached snapshots %d\n", (int)info.connected, (double)(info.gap_m * 1e9), (int)info.n_defects, (int)info.n_ions, (double)st->global[0], (double)res,
                        (double)(info.height_m * 1e9), (double)(info.radius_m * 1e9), (int)wrong));
  if (!(info.connected && info.gap_m == 0.0 && wrong == 0)) (*nfail)++;
  if (!(info.n_defects == info.n_ions + (PetscInt)st->global[0] && res == st->global[0])) (*nfail)++;
  PetscCall(MfKmcCheckRates(kmc));
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char     tcase[32] = "ecm";
  PetscInt nfail     = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "filament growth"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  if (!strcmp(tcase, "ecm")) PetscCall(Ecm(&nfail));
  else if (!strcmp(tcase, "vcm")) PetscCall(Vcm(&nfail));
  else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "unknown -case %s (ecm|vcm)", tcase);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
