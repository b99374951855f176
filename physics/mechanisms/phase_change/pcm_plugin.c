/* The phase-change mechanism as a plug-in of the mechanism registry ("phase_change"): the GCA engine ops
 * (pcm.c), its parameters (pcm_params.c), the as-prepared phase, and the state -> fields map:
 *   PHASE_FRACTION        X = crystalline sites / sites of the cell
 *   SIGMA_HOST            Bruggeman's symmetric effective medium of sigma_a and sigma_c at X (MfPcmBruggeman):
 *                         crystallites and amorphous matrix are randomly mixed at the scale of a cell, the rule
 *                         of such mixtures (Landauer 1952), inside the Hashin-Shtrikman bounds, and it
 *                         percolates at X = 1/d, where the resistance drop of a crystallising film is
 *                         observed (e.g. Privitera et al., AIP Adv. 3, 012105 (2013) model mixed-phase GST
 *                         films by effective-medium theory)
 *   THERMAL_CONDUCTIVITY  the same rule for k_a and k_c
 * d is the lattice's dimension (a 2D run's cross-section holds grains that are columns: d = 2).
 * The amorphous conductivity is a constant here; the field- and temperature-dependent Ielmini-Zhang law and
 * threshold switching come with the next step. */
#include "mf_mechanism.h"
#include "mf_keys.h"
#include "mf_phase_change.h"

typedef struct {
  MfPcmParams p;
  PetscInt    f_x, f_sigma, f_k, dim;
  PetscInt   *ncry; /* per cell */
} PcmPlugin;

static PetscErrorCode PcmSetFromOptions(MfMechanism m)
{
  PcmPlugin        *pc = (PcmPlugin *)m->data;
  const MfMaterial *fm = &m->mats[MF_REGION_FUNCTIONAL];

  PetscFunctionBeginUser;
  PetscCall(MfPcmParamsDefault(&pc->p));
  /* the material library describes a phase-change layer in its crystalline state (GeTe.yaml, Sb2Te3.yaml):
   * its melting point, conductivity and thermal conductivity are the defaults; the GCA kinetics are GST's */
  if (fm->T_melt_K > 0.0) pc->p.T_m_K = fm->T_melt_K;
  if (fm->sigma_S_per_m > 0.0) pc->p.sigma_c_S_per_m = fm->sigma_S_per_m;
  if (fm->k_W_per_mK > 0.0) pc->p.k_c_W_per_mK = fm->k_W_per_mK;
  PetscCall(MfPcmParamsSetFromConfig(&pc->p));
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmSetUp(MfMechanism m, MfKmc kmc, MfStateFields sf)
{
  PcmPlugin   *pc = (PcmPlugin *)m->data;
  MfKmcLattice lat;

  PetscFunctionBeginUser;
  PetscCall(MfKmcSetMechanismPcm(kmc, &pc->p));
  PetscCall(MfKmcGetLattice(kmc, &lat));
  pc->dim = MfPcmLatticeDim(lat);
  PetscCall(MfStateFieldsAdd(sf, "pcm_crystalline_fraction", MF_STATE_PHASE_FRACTION, 1, &pc->f_x));
  PetscCall(MfStateFieldsAdd(sf, "pcm_sigma_S_per_m", MF_STATE_SIGMA_HOST, 1, &pc->f_sigma));
  PetscCall(MfStateFieldsAdd(sf, "pcm_k_W_per_mK", MF_STATE_THERMAL_CONDUCTIVITY, 1, &pc->f_k));
  PetscCall(PetscMalloc1(sf->ncells, &pc->ncry));
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmInitialState(MfMechanism m, MfKmc kmc)
{
  PcmPlugin *pc = (PcmPlugin *)m->data;

  PetscFunctionBeginUser;
  if (pc->p.initial_crystalline_fraction > 0.0) PetscCall(MfPcmSeedGrains(kmc, pc->p.initial_crystalline_fraction, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmStateFields(MfMechanism m, const MfKmcState *st, MfStateFields sf)
{
  PcmPlugin *pc = (PcmPlugin *)m->data;

  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < sf->ncells; c++) pc->ncry[c] = 0;
  for (PetscInt s = 0; s < sf->nsites; s++)
    if (sf->site_cell[s] >= 0 && st->species[s] == MF_PCM_CRYSTALLINE) pc->ncry[sf->site_cell[s]]++;
  for (PetscInt c = 0; c < sf->ncells; c++) {
    const PetscReal X = sf->cell_nsites[c] > 0 ? (PetscReal)pc->ncry[c] / (PetscReal)sf->cell_nsites[c] : 0.0;
    sf->f[pc->f_x].value[c]     = X;
    sf->f[pc->f_sigma].value[c] = MfPcmBruggeman(pc->p.sigma_a_S_per_m, pc->p.sigma_c_S_per_m, X, pc->dim);
    sf->f[pc->f_k].value[c]     = MfPcmBruggeman(pc->p.k_a_W_per_mK, pc->p.k_c_W_per_mK, X, pc->dim);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmObserve(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len)
{
  PetscInt ncry, ngr;

  PetscFunctionBeginUser;
  PetscCall(MfPcmCount(st, &ncry, &ngr));
  values[0] = (PetscReal)ncry / (PetscReal)st->lat->nsites;
  values[1] = (PetscReal)ngr;
  PetscCall(PetscSNPrintf(status, len, "crystalline %5.3f  grains %6" PetscInt_FMT, (double)values[0], ngr));
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmResults(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[])
{
  PetscInt ncry, ngr;

  PetscFunctionBeginUser;
  PetscCall(MfPcmCount(st, &ncry, &ngr));
  r[0] = (MfMechanismResult){"final_crystalline_fraction", MF_MECHANISM_REAL, (PetscReal)ncry / (PetscReal)st->lat->nsites};
  r[1] = (MfMechanismResult){"final_grains", MF_MECHANISM_INT, (PetscReal)ngr};
  r[2] = (MfMechanismResult){"grains_nucleated", MF_MECHANISM_INT, st->global[0]};
  *n   = 3;
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmView(MfMechanism m, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(MfPcmParamsView(&((PcmPlugin *)m->data)->p, viewer));
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmPluginDestroy(MfMechanism m)
{
  PcmPlugin *pc = (PcmPlugin *)m->data;

  PetscFunctionBeginUser;
  PetscCall(PetscFree(pc->ncry));
  PetscCall(PetscFree(m->data));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismCreate_PCM(MfMechanism m)
{
  static const char *const columns[] = {"crystalline_fraction", "grains"};
  PcmPlugin               *pc;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&pc));
  m->data               = pc;
  m->ops.setfromoptions = PcmSetFromOptions;
  m->ops.setup          = PcmSetUp;
  m->ops.initial_state  = PcmInitialState;
  m->ops.state_fields   = PcmStateFields;
  m->ops.observe        = PcmObserve;
  m->ops.results        = PcmResults;
  m->ops.view           = PcmView;
  m->ops.destroy        = PcmPluginDestroy;
  m->ncolumns           = 2;
  m->columns[0]         = columns[0];
  m->columns[1]         = columns[1];
  PetscFunctionReturn(0);
}
