/* The getters under the names of mf_config.h: this library's tables are registered before the first
 * lookup (registering is idempotent). */
#define MF_CONFIG_NO_AUTO
#include "mf_config.h"

static PetscErrorCode Ensure(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfConfigRegisterKeys());
  PetscCall(MfConfigRegisterKmcKeys());
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetRealAuto(const char *key, PetscReal *value, PetscBool *set)
{
  PetscFunctionBeginUser;
  PetscCall(Ensure());
  PetscCall(MfConfigGetReal(key, value, set));
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetIntAuto(const char *key, PetscInt *value, PetscBool *set)
{
  PetscFunctionBeginUser;
  PetscCall(Ensure());
  PetscCall(MfConfigGetInt(key, value, set));
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetBoolAuto(const char *key, PetscBool *value, PetscBool *set)
{
  PetscFunctionBeginUser;
  PetscCall(Ensure());
  PetscCall(MfConfigGetBool(key, value, set));
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetStringAuto(const char *key, char *value, size_t len, PetscBool *set)
{
  PetscFunctionBeginUser;
  PetscCall(Ensure());
  PetscCall(MfConfigGetString(key, value, len, set));
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetRealArrayAuto(const char *key, PetscReal values[], PetscInt *n, PetscBool *set)
{
  PetscFunctionBeginUser;
  PetscCall(Ensure());
  PetscCall(MfConfigGetRealArray(key, values, n, set));
  PetscFunctionReturn(0);
}
