#ifndef ET_TEST_UTIL_H
#define ET_TEST_UTIL_H
/* Helpers shared by the electro-thermal verification programs. */
#include "mf_electrothermal.h"

static inline void EtTestMaterial(MfMaterial *m, const char *name, MfSigmaLaw law, PetscReal sigma, PetscReal tcr, PetscReal k, PetscReal rhoc)
{
  PetscMemzero(m, sizeof(*m));
  PetscStrncpy(m->name, name, sizeof(m->name));
  m->klass             = MF_MATERIAL_OTHER;
  m->sigma_law         = law;
  m->sigma_S_per_m     = sigma;
  m->tcr_per_K         = tcr;
  m->T0_K              = 300.0;
  m->k_W_per_mK        = k;
  m->density_kg_per_m3 = rhoc; /* with cp = 1: rho c = rhoc */
  m->cp_J_per_kgK      = 1.0;
}

/* Report a check; returns 1 on failure. */
static inline int EtTestCheck(MPI_Comm comm, const char *what, PetscReal got, PetscReal want, PetscReal reltol)
{
  const PetscReal err = PetscAbsReal(got - want) / PetscMax(PetscAbsReal(want), PETSC_SMALL);
  const int       bad = !(err <= reltol);
  PetscPrintf(comm, "%-48s got %.10e  expected %.10e  rel.err %.3e  tol %.1e  %s\n", what, (double)got, (double)want, (double)err, (double)reltol, bad ? "FAIL" : "ok");
  return bad;
}

#endif
