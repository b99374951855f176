#ifndef MF_KMC_SELECTOR_H
#define MF_KMC_SELECTOR_H
/* Event selection structures of the KMC engine (internal). A selector holds one non-negative rate per
 * site and draws a site with probability rate/total. */
#include "mf_kmc.h"
#include <stdio.h>
#include <gsl/gsl_rng.h>

typedef struct _MfKmcSelector *MfKmcSelector;

PetscErrorCode MfKmcSelectorCreate(MfKmcSelectorType type, PetscInt n, MfKmcSelector *sel);
PetscErrorCode MfKmcSelectorDestroy(MfKmcSelector *sel);
/* Replace every rate (canonical rebuild: the result depends only on the rates). */
PetscErrorCode MfKmcSelectorSetAll(MfKmcSelector sel, const PetscReal rates[]);
/* Local update of m sites (distinct indices); sites[] may be reordered. */
PetscErrorCode MfKmcSelectorUpdate(MfKmcSelector sel, PetscInt m, PetscInt sites[], const PetscReal rates[]);
PetscReal      MfKmcSelectorRate(MfKmcSelector sel, PetscInt site);
PetscReal      MfKmcSelectorTotal(MfKmcSelector sel);
/* Draw a site; *x_rem is uniform on [0, rate(site)) and independent of the choice (reused for the slot). */
PetscErrorCode MfKmcSelectorSelect(MfKmcSelector sel, gsl_rng *rng, PetscInt *site, PetscReal *x_rem);
/* Ordering state that a rebuild does not reproduce (composition-rejection member order). */
PetscErrorCode MfKmcSelectorWrite(MfKmcSelector sel, FILE *fp, const char path[]);
PetscErrorCode MfKmcSelectorRead(MfKmcSelector sel, FILE *fp, const char path[]);

/* Uniform double on [0,1) with 53 random bits from two 32-bit draws (genrand_res53 of Matsumoto &
 * Nishimura): 32-bit uniforms cannot resolve events with probability below 2^-32 of the total rate. */
static inline double MfKmcUniform53(gsl_rng *rng)
{
  const unsigned long a = gsl_rng_get(rng) >> 5, b = gsl_rng_get(rng) >> 6;
  return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

#endif
