/* The built-in switching mechanisms: one line each (called once, on first use of the registry). */
#include "mf_filament.h"
#include "mf_phase_change.h"

PetscErrorCode MfMechanismCreate_VCM(MfMechanism);
PetscErrorCode MfMechanismCreate_ECM(MfMechanism);
PetscErrorCode MfMechanismCreate_PCM(MfMechanism);

PetscErrorCode MfMechanismRegisterAll(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechanismRegister("vcm", MfMechanismCreate_VCM, MfVcmRegisterKeys)); /* valence change: oxygen vacancies (vcm/) */
  PetscCall(MfMechanismRegister("ecm", MfMechanismCreate_ECM, MfEcmRegisterKeys)); /* electrochemical metallisation: Ag, Cu (ecm/) */
  PetscCall(MfMechanismRegister("phase_change", MfMechanismCreate_PCM, MfPcmRegisterKeys)); /* phase change: GCA crystallisation and melting (phase_change/) */
  PetscFunctionReturn(0);
}
