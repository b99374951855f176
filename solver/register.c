/* Every module's deck keys, in the order -help, the resolved deck and docs/config.md list them. */
#include "mf_run.h"
#include "mf_config.h"
#include "mf_protocol.h"
#include "mf_kmc.h"
#include "coupler.h"

PetscErrorCode MfRegisterAll(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfRunRegisterKeys());
  PetscCall(MfConfigRegisterKeys());
  PetscCall(MfKmcRegisterKeys());
  PetscCall(MfCouplerRegisterKeys());
  PetscCall(MfMechanismInitializePackage()); /* the built-in mechanisms with their keys */
  PetscCall(MfProtocolRegisterKeys());
  PetscFunctionReturn(0);
}
