/* The ECM mechanism (electrochemical metallisation: Ag, Cu cations) as a plug-in of the mechanism registry:
 * its parameter set (ecm_params.c, defaults from the active electrode's metal), the engine plug-in (ecm.c),
 * the as-prepared cations and the filament map (the filament is the anode's metal). */
#include "filament_impl.h"

typedef struct {
  FilPlugin   fil; /* first: the shared filament hooks take m->data as a FilPlugin */
  MfEcmParams p;
  PetscReal   initial_ions; /* as-prepared cation site fraction of the electrolyte */
} EcmPlugin;

static PetscErrorCode EcmSetFromOptions(MfMechanism m)
{
  EcmPlugin        *e = (EcmPlugin *)m->data;
  const MfMaterial *anode;
  PetscReal         Tm;
  PetscBool         set;

  PetscFunctionBeginUser;
  PetscCall(MfEcmParamsDefault(m->mats[MF_REGION_TOP_ELECTRODE].name, &e->p));
  PetscCall(MfEcmParamsSetFromConfig(&e->p));
  anode = e->p.anode_top ? &m->mats[MF_REGION_TOP_ELECTRODE] : &m->mats[MF_REGION_BOTTOM_ELECTRODE];
  /* the filament is the anode's metal: its melting point comes from the material library unless the deck sets one */
  PetscCall(MfConfigGetReal("kmc_ecm_T_melt", &Tm, &set));
  if (!set) e->p.T_melt_K = anode->T_melt_K;
  PetscCheck(!e->p.melting || e->p.T_melt_K > 0.0, m->comm, PETSC_ERR_USER_INPUT, "kmc.ecm_melting needs the melting point of the anode metal '%s': give T_melt_K in its material or kmc.ecm_T_melt", anode->name);
  PetscCall(MfConfigGetReal("kmc_ecm_initial_ions", &e->initial_ions, &set));
  if (!set) e->initial_ions = 0.0;
  PetscCall(FilPluginSetFromOptions_Private(&e->fil, &m->mats[MF_REGION_FUNCTIONAL], anode, m->comm));
  /* a pre-formed filament stands on the inert cathode */
  e->fil.grow_from_top = (PetscBool)!e->p.anode_top;
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmSetUp(MfMechanism m, MfKmc kmc, MfStateFields sf)
{
  EcmPlugin *e = (EcmPlugin *)m->data;

  PetscFunctionBeginUser;
  PetscCall(MfKmcSetMechanismEcm(kmc, &e->p));
  PetscCall(FilPluginSetUp_Private(&e->fil, sf));
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmInitialState(MfMechanism m, MfKmc kmc)
{
  EcmPlugin *e = (EcmPlugin *)m->data;
  PetscInt   placed;

  PetscFunctionBeginUser;
  /* dissolved cations of the as-prepared electrolyte (e.g. the AgClO4 salt of a PEI electrolyte) */
  if (e->initial_ions > 0) PetscCall(MfKmcFillRandom(kmc, MF_FIL_EMPTY, MF_FIL_ION, e->initial_ions, &placed));
  PetscCall(FilPluginInitialFilament_Private(&e->fil, kmc, m->comm));
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmStrainKinetics(MfMechanism m, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *sk)
{
  PetscFunctionBeginUser;
  PetscCall(MfEcmStrainKinetics(&((EcmPlugin *)m->data)->p, sigma_h_Pa, T_K, a_m, L_m, sk));
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmView(MfMechanism m, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(MfEcmParamsView(&((EcmPlugin *)m->data)->p, viewer));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismCreate_ECM(MfMechanism m)
{
  EcmPlugin *e;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&e));
  m->data = e;
  PetscCall(FilPluginSetOps_Private(m));
  m->ops.setfromoptions  = EcmSetFromOptions;
  m->ops.setup           = EcmSetUp;
  m->ops.initial_state   = EcmInitialState;
  m->ops.strain_kinetics = EcmStrainKinetics;
  m->ops.view            = EcmView;
  PetscFunctionReturn(0);
}
