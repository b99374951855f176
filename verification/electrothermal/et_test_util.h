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

/* The transient slab of et_transient, et_state_change and et_law_range: length L along y (2 x 16 Q2 cells,
 * width w) of material *mat, both contacts held at T0 (or adiabatic), source V without series resistance or
 * compliance. */
static inline PetscErrorCode EtTestSlabOf(MPI_Comm comm, PetscReal L, PetscReal w, const MfMaterial *mat, PetscBool adiabatic, PetscReal T0, PetscReal V, DM *dm, MfElectroThermal *et)
{
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[2] = {2, 16};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {w, L}, tops[1] = {L};
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  mats[MF_REGION_FUNCTIONAL] = *mat;
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, NULL, NULL, dm));
  PetscCall(MfElectroThermalCreate(*dm, et));
  PetscCall(MfElectroThermalSetMaterials(*et, mats));
  PetscCall(MfElectroThermalSetDegree(*et, 2));
  if (!adiabatic) {
    PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
    PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
  }
  PetscCall(MfElectroThermalSetCircuit(*et, V, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(*et));
  PetscCall(MfElectroThermalSetUp(*et));
  PetscFunctionReturn(0);
}

/* The slab of a constant-sigma material with isothermal contacts. */
static inline PetscErrorCode EtTestSlab(MPI_Comm comm, PetscReal L, PetscReal w, PetscReal sigma, PetscReal k, PetscReal rhoc, PetscReal T0, PetscReal V, DM *dm, MfElectroThermal *et)
{
  MfMaterial m;

  PetscFunctionBeginUser;
  EtTestMaterial(&m, "slab", MF_SIGMA_CONSTANT, sigma, 0.0, k, rhoc);
  PetscCall(EtTestSlabOf(comm, L, w, &m, PETSC_FALSE, T0, V, dm, et));
  PetscFunctionReturn(0);
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
