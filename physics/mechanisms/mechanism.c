/* The switching-mechanism object and its registry (mf_mechanism.h). The registry is global, as PETSc's own
 * type registries (KSPRegister): filled once at start-up, read afterwards, freed at PetscFinalize. */
#include <string.h>
#include "mf_mechanism.h"

static PetscFunctionList MfMechanismList = NULL;
static PetscBool         MfMechanismFinalizeSet = PETSC_FALSE, MfMechanismBuiltinsSet = PETSC_FALSE;

PetscErrorCode MfMechanismRegistryDestroy(void)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFunctionListDestroy(&MfMechanismList));
  MfMechanismFinalizeSet = MfMechanismBuiltinsSet = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* The built-in mechanisms join the registry on first use, so a program may register its own before or after. */
PetscErrorCode MfMechanismInitializePackage(void)
{
  PetscFunctionBeginUser;
  if (MfMechanismBuiltinsSet) PetscFunctionReturn(0);
  MfMechanismBuiltinsSet = PETSC_TRUE;
  PetscCall(MfMechanismRegisterAll());
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismRegister(const char name[], MfMechanismCreateFn create, MfMechanismKeysFn register_keys)
{
  PetscFunctionBeginUser;
  PetscCheck(name && name[0] && create, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "MfMechanismRegister needs a name and a create function");
  PetscCheck(strcmp(name, "none"), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "'none' is kmc.mechanism's value for a device without a KMC mechanism; register under another name");
  if (!MfMechanismFinalizeSet) {
    PetscCall(PetscRegisterFinalize(MfMechanismRegistryDestroy));
    MfMechanismFinalizeSet = PETSC_TRUE;
  }
  if (register_keys) PetscCall(register_keys());
  PetscCall(PetscFunctionListAdd(&MfMechanismList, name, create));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismIsRegistered(const char name[], PetscBool *found)
{
  MfMechanismCreateFn fn = NULL;

  PetscFunctionBeginUser;
  PetscCall(MfMechanismInitializePackage());
  PetscCall(PetscFunctionListFind(MfMechanismList, name, &fn));
  *found = (PetscBool)(fn != NULL);
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismListRegistered(char list[], size_t len)
{
  const char **names = NULL;
  int          n     = 0;

  PetscFunctionBeginUser;
  PetscCall(MfMechanismInitializePackage());
  list[0] = 0;
  if (MfMechanismList) PetscCall(PetscFunctionListGet(MfMechanismList, &names, &n));
  for (int i = 0; i < n; i++) {
    if (!names[i] || !names[i][0]) continue; /* PetscFunctionListGet ends its array with an empty entry */
    if (list[0]) PetscCall(PetscStrlcat(list, ", ", len));
    PetscCall(PetscStrlcat(list, names[i], len));
  }
  if (!list[0]) PetscCall(PetscStrncpy(list, "(none registered)", len));
  PetscCall(PetscFree(names));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismCreate(MPI_Comm comm, MfMechanism *out)
{
  MfMechanism m;

  PetscFunctionBeginUser;
  PetscCall(MfMechanismInitializePackage());
  PetscCall(PetscNew(&m));
  m->comm = comm;
  *out    = m;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismSetType(MfMechanism m, const char type[])
{
  MfMechanismCreateFn create = NULL;

  PetscFunctionBeginUser;
  PetscCheck(!m->type[0], m->comm, PETSC_ERR_ORDER, "mechanism type already set to '%s'", m->type);
  PetscCall(PetscFunctionListFind(MfMechanismList, type, &create));
  if (!create) {
    char list[512];
    PetscCall(MfMechanismListRegistered(list, sizeof(list)));
    SETERRQ(m->comm, PETSC_ERR_USER_INPUT, "kmc.mechanism '%s' is not a registered switching mechanism; registered: %s (or none)", type, list);
  }
  PetscCall(PetscStrncpy(m->type, type, sizeof(m->type)));
  PetscCall((*create)(m));
  PetscCheck(m->ops.setfromoptions && m->ops.setup && m->ops.state_fields, m->comm, PETSC_ERR_PLIB, "mechanism '%s' must implement setfromoptions, setup and state_fields", type);
  PetscCheck(m->ncolumns >= 0 && m->ncolumns <= MF_MECHANISM_MAX_COLUMNS, m->comm, PETSC_ERR_PLIB, "mechanism '%s' declares %" PetscInt_FMT " time-series columns (at most %d)", type, m->ncolumns, MF_MECHANISM_MAX_COLUMNS);
  PetscCheck(!m->point_species || m->points_name, m->comm, PETSC_ERR_PLIB, "mechanism '%s' shows site points but names no file for them", type);
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismSetMaterials(MfMechanism m, const MfMaterial mats[])
{
  m->mats = mats;
  return 0;
}

PetscErrorCode MfMechanismSetFromOptions(MfMechanism m)
{
  PetscFunctionBeginUser;
  PetscCheck(m->type[0], m->comm, PETSC_ERR_ORDER, "MfMechanismSetType must come before MfMechanismSetFromOptions");
  PetscCheck(m->mats, m->comm, PETSC_ERR_ORDER, "MfMechanismSetMaterials must come before MfMechanismSetFromOptions");
  PetscCall(m->ops.setfromoptions(m));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismSetUp(MfMechanism m, MfKmc kmc, MfStateFields sf)
{
  PetscFunctionBeginUser;
  PetscCall(m->ops.setup(m, kmc, sf));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismInitialState(MfMechanism m, MfKmc kmc)
{
  PetscFunctionBeginUser;
  if (m->ops.initial_state) PetscCall(m->ops.initial_state(m, kmc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismComputeStateFields(MfMechanism m, const MfKmcState *st, MfStateFields sf)
{
  PetscFunctionBeginUser;
  PetscCall(m->ops.state_fields(m, st, sf));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismProgress(MfMechanism m, const MfKmcState *st, PetscInt *units, PetscBool *has)
{
  PetscFunctionBeginUser;
  *units = 0;
  *has   = (PetscBool)(m->ops.progress != NULL);
  if (*has) PetscCall(m->ops.progress(m, st, units));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismObserve(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len)
{
  PetscFunctionBeginUser;
  if (len) status[0] = 0;
  if (m->ops.observe) PetscCall(m->ops.observe(m, st, values, status, len));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismResults(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[])
{
  PetscFunctionBeginUser;
  *n = 0;
  if (m->ops.results) PetscCall(m->ops.results(m, st, n, r));
  PetscCheck(*n >= 0 && *n <= MF_MECHANISM_MAX_RESULTS, m->comm, PETSC_ERR_PLIB, "mechanism '%s' returned %" PetscInt_FMT " results (at most %d)", m->type, *n, MF_MECHANISM_MAX_RESULTS);
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismStrainKinetics(MfMechanism m, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *sk, PetscBool *has)
{
  PetscFunctionBeginUser;
  *has = (PetscBool)(m->ops.strain_kinetics != NULL);
  if (*has) PetscCall(m->ops.strain_kinetics(m, sigma_h_Pa, T_K, a_m, L_m, sk));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismView(MfMechanism m, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  if (m->ops.view) PetscCall(m->ops.view(m, viewer));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanismDestroy(MfMechanism *m)
{
  PetscFunctionBeginUser;
  if (!*m) PetscFunctionReturn(0);
  if ((*m)->ops.destroy) PetscCall((*m)->ops.destroy(*m));
  PetscCall(PetscFree(*m));
  PetscFunctionReturn(0);
}
