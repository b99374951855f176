#ifndef MECH_TEST_UTIL_H
#define MECH_TEST_UTIL_H
/* Helpers shared by the mechanics verification programs */
#include "mf_mechanics.h"

static inline MfMaterial MechTestMaterial(const char *name, PetscReal E, PetscReal nu, PetscReal cte)
{
  MfMaterial m;
  PetscMemzero(&m, sizeof(m));
  PetscStrncpy(m.name, name, sizeof(m.name));
  m.E_Pa      = E;
  m.nu        = nu;
  m.cte_per_K = cte;
  return m;
}

/* |got - want| <= tol |want|: print and count failures */
static inline PetscErrorCode MechTestCheck(MPI_Comm comm, const char *what, PetscReal got, PetscReal want, PetscReal rtol, PetscInt *nfail)
{
  const PetscReal err = PetscAbsReal(got - want) / PetscMax(PetscAbsReal(want), PETSC_SMALL);
  const PetscBool ok  = err <= rtol ? PETSC_TRUE : PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(comm, "%-58s FE/got % .6e  ref % .6e  rel.err %.2e  tol %.0e  %s\n", what, (double)got, (double)want, (double)err, (double)rtol, ok ? "ok" : "FAIL"));
  if (!ok) ++(*nfail);
  PetscFunctionReturn(0);
}
#endif
