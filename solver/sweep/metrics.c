/* MfSweepMetrics: a point's named scalar results. */
#include "mf_sweep.h"
#include <ctype.h>
#include <math.h>
#include <string.h>

PetscErrorCode MfSweepMetricsReset(MfSweepMetrics *m)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(m, sizeof(*m)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepMetricsSet(MfSweepMetrics *m, const char *name, PetscReal value)
{
  size_t len;

  PetscFunctionBeginUser;
  PetscCheck(name && name[0], PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "sweep metric without a name");
  len = strlen(name);
  PetscCheck(len < MF_SWEEP_NAME_LEN, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "sweep metric name '%s' is longer than %d characters", name, MF_SWEEP_NAME_LEN - 1);
  for (const char *c = name; *c; c++)
    PetscCheck(isalnum((unsigned char)*c) || *c == '_' || *c == '.' || *c == '-', PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "sweep metric name '%s': use letters, digits, '_', '.', '-' only (it becomes a CSV column)", name);
  for (PetscInt i = 0; i < m->n; i++) {
    if (!strcmp(m->name[i], name)) {
      m->value[i] = value;
      PetscFunctionReturn(0);
    }
  }
  PetscCheck(m->n < MF_SWEEP_MAX_METRICS, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "more than %d sweep metrics (adding '%s')", MF_SWEEP_MAX_METRICS, name);
  PetscCall(PetscStrcpy(m->name[m->n], name));
  m->value[m->n++] = value;
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepMetricsGet(const MfSweepMetrics *m, const char *name, PetscReal *value, PetscBool *found)
{
  PetscFunctionBeginUser;
  *found = PETSC_FALSE;
  *value = NAN;
  for (PetscInt i = 0; i < m->n; i++) {
    if (!strcmp(m->name[i], name)) {
      *value = m->value[i];
      *found = PETSC_TRUE;
      break;
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepMetricsFail(MfSweepMetrics *m, const char *message)
{
  PetscFunctionBeginUser;
  m->failed = PETSC_TRUE;
  PetscCall(PetscStrncpy(m->error, message && message[0] ? message : "point declared failed by the run", sizeof(m->error)));
  PetscFunctionReturn(0);
}
