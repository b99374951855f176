#ifndef MF_UNITS_H
#define MF_UNITS_H
/* Values with units: "10 nm", "0.5 eV", "85 C", "W/(m K)" converted to an SI unit (energies in eV).
 * Grammar and exactness rules: common/units.c and docs/config.md. */
#include <stddef.h>
#include <petscsys.h>

/* Parse "10 nm", "0.5 eV", "85 C", "1e-3" into the SI unit `unit`. On failure returns PETSC_FALSE in *ok
 * and a human message in msg (e.g. "'10 nV' has unit nV, expected a length (m)"). */
PetscErrorCode MfUnitsParse(const char *text, const char *unit, PetscReal *value, PetscBool *ok, char *msg, size_t msglen);
/* The same without PETSc error handling: 1 on success, else 0 and a message. */
int MfUnitsParse_Impl(const char *text, const char *unit, double *value, char *msg, size_t msglen);

#endif
