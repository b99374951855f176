/* The VCM mechanism (valence change: oxygen vacancies) as a plug-in of the mechanism registry: its parameter
 * set (vcm_params.c), the engine plug-in (vcm.c), the as-deposited vacancies and the filament map. */
#include "filament_impl.h"

typedef struct {
  FilPlugin   fil; /* first: the shared filament hooks take m->data as a FilPlugin */
  MfVcmParams p;
} VcmPlugin;

static PetscErrorCode VcmSetFromOptions(MfMechanism m)
{
  VcmPlugin *v = (VcmPlugin *)m->data;
  char       name[MF_NAME_LEN];
  PetscBool  set;

  PetscFunctionBeginUser;
  /* the parameter set of the functional layer's material unless the deck names one */
  PetscCall(MfConfigGetString("kmc_vcm_material", name, sizeof(name), &set));
  if (!set || !name[0]) PetscCall(PetscStrncpy(name, m->mats[MF_REGION_FUNCTIONAL].name, sizeof(name)));
  PetscCall(MfVcmParamsDefault(name, &v->p));
  PetscCall(MfVcmParamsSetFromConfig(&v->p));
  PetscCall(FilPluginSetFromOptions_Private(&v->fil, &m->mats[MF_REGION_FUNCTIONAL], NULL, m->comm));
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmSetUp(MfMechanism m, MfKmc kmc, MfStateFields sf)
{
  VcmPlugin *v = (VcmPlugin *)m->data;

  PetscFunctionBeginUser;
  PetscCall(MfKmcSetMechanismVcm(kmc, &v->p));
  PetscCall(FilPluginSetUp_Private(&v->fil, sf));
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmInitialState(MfMechanism m, MfKmc kmc)
{
  VcmPlugin *v = (VcmPlugin *)m->data;
  PetscInt   placed;

  PetscFunctionBeginUser;
  if (v->p.initial_defect_fraction > 0) PetscCall(MfKmcFillRandom(kmc, MF_FIL_EMPTY, MF_FIL_DEFECT, v->p.initial_defect_fraction, &placed));
  PetscCall(FilPluginInitialFilament_Private(&v->fil, kmc, m->comm));
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmStrainKinetics(MfMechanism m, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *sk)
{
  PetscFunctionBeginUser;
  PetscCall(MfVcmStrainKinetics(&((VcmPlugin *)m->data)->p, sigma_h_Pa, T_K, a_m, L_m, sk));
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmView(MfMechanism m, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(MfVcmParamsView(&((VcmPlugin *)m->data)->p, viewer));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismCreate_VCM(MfMechanism m)
{
  VcmPlugin *v;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&v));
  m->data = v;
  PetscCall(FilPluginSetOps_Private(m));
  m->ops.setfromoptions  = VcmSetFromOptions;
  m->ops.setup           = VcmSetUp;
  m->ops.initial_state   = VcmInitialState;
  m->ops.strain_kinetics = VcmStrainKinetics;
  m->ops.view            = VcmView;
  PetscFunctionReturn(0);
}
