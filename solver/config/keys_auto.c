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

#define AUTO(getter, params, args) \
  PetscErrorCode getter##Auto params \
  { \
    PetscFunctionBeginUser; \
    PetscCall(Ensure()); \
    PetscCall(getter args); \
    PetscFunctionReturn(0); \
  }

AUTO(MfConfigGetReal, (const char *key, PetscReal *value, PetscBool *set), (key, value, set))
AUTO(MfConfigGetInt, (const char *key, PetscInt *value, PetscBool *set), (key, value, set))
AUTO(MfConfigGetBool, (const char *key, PetscBool *value, PetscBool *set), (key, value, set))
AUTO(MfConfigGetString, (const char *key, char *value, size_t len, PetscBool *set), (key, value, len, set))
AUTO(MfConfigGetRealArray, (const char *key, PetscReal values[], PetscInt *n, PetscBool *set), (key, values, n, set))
