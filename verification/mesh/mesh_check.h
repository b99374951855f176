/* Small check helpers shared by the mesh tests: print each comparison, count failures. */
#ifndef MESH_CHECK_H
#define MESH_CHECK_H
#include <petscsys.h>

static inline PetscErrorCode CheckReal(const char *what, PetscReal got, PetscReal want, PetscReal tol_abs, PetscInt *nfail)
{
  const PetscBool ok = (PetscBool)(PetscAbsReal(got - want) <= tol_abs);

  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-4s %-44s got %.15e want %.15e (|err| %.2e, tol %.2e)\n", ok ? "ok" : "FAIL", what, (double)got, (double)want, (double)PetscAbsReal(got - want), (double)tol_abs));
  if (!ok) (*nfail)++;
  PetscFunctionReturn(0);
}

static inline PetscErrorCode CheckInt(const char *what, PetscInt got, PetscInt want, PetscInt *nfail)
{
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-4s %-44s got %" PetscInt_FMT " want %" PetscInt_FMT "\n", got == want ? "ok" : "FAIL", what, got, want));
  if (got != want) (*nfail)++;
  PetscFunctionReturn(0);
}

static inline PetscErrorCode CheckTrue(const char *what, PetscBool cond, PetscInt *nfail)
{
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-4s %s\n", cond ? "ok" : "FAIL", what));
  if (!cond) (*nfail)++;
  PetscFunctionReturn(0);
}
#endif
