/* Latin hypercube designs (McKay, Beckman & Conover, Technometrics 21, 239 (1979)). */
#include "mf_sweep.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

PetscErrorCode MfLatinHypercube(PetscInt n, PetscInt dim, unsigned long seed, PetscReal u[])
{
  gsl_rng *rng;
  size_t  *perm;

  PetscFunctionBeginUser;
  PetscCheck(n > 0 && dim > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Latin hypercube needs samples > 0 and dimension > 0 (got %" PetscInt_FMT ", %" PetscInt_FMT ")", n, dim);
  gsl_set_error_handler_off();
  /* mt19937: the same stream on every platform for a given seed, so the design is part of the study file */
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  PetscCheck(rng, PETSC_COMM_SELF, PETSC_ERR_MEM, "cannot allocate the GSL random number generator");
  gsl_rng_set(rng, seed);
  PetscCall(PetscMalloc1(n, &perm));
  for (PetscInt j = 0; j < dim; j++) {
    for (PetscInt i = 0; i < n; i++) perm[i] = (size_t)i;
    gsl_ran_shuffle(rng, perm, (size_t)n, sizeof(size_t));
    /* sample i of dimension j falls in stratum perm[i], uniformly inside it (gsl_rng_uniform is in [0,1)) */
    for (PetscInt i = 0; i < n; i++) u[i * dim + j] = ((PetscReal)perm[i] + gsl_rng_uniform(rng)) / (PetscReal)n;
  }
  PetscCall(PetscFree(perm));
  gsl_rng_free(rng);
  PetscFunctionReturn(0);
}
