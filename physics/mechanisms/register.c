/* The built-in switching mechanisms: one line each (called once, on first use of the registry). */
#include "mf_mechanism.h"

PetscErrorCode MfMechanismCreate_VCM(MfMechanism);
PetscErrorCode MfMechanismCreate_ECM(MfMechanism);
PetscErrorCode MfMechanismCreate_PCM(MfMechanism);

PetscErrorCode MfMechanismRegisterAll(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechanismRegister("vcm", MfMechanismCreate_VCM)); /* valence change: oxygen vacancies (vcm/) */
  PetscCall(MfMechanismRegister("ecm", MfMechanismCreate_ECM)); /* electrochemical metallisation: Ag, Cu (ecm/) */
  PetscCall(MfMechanismRegister("phase_change", MfMechanismCreate_PCM)); /* phase change: GCA crystallisation and melting (phase_change/) */
  PetscFunctionReturn(0);
}
