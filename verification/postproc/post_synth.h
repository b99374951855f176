#ifndef POST_SYNTH_H
#define POST_SYNTH_H
/* Synthetic data for the postproc tests: protocols and compact-model records with known parameters. */
#include "mf_post.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/* Triangular bipolar sweeps 0 -> +a -> 0 -> -a -> 0 for each amplitude amps[c] (period T each),
 * m samples per cycle; cycle index per sample. Caller frees with PetscFree3(t, v, cyc). */
static inline PetscErrorCode SynthSweeps(PetscInt ncyc, const PetscReal amps[], PetscReal T, PetscInt m, PetscInt *n, PetscReal **t, PetscReal **v, PetscInt **cyc)
{
  PetscFunctionBeginUser;
  *n = ncyc * m;
  PetscCall(PetscMalloc3(*n, t, *n, v, *n, cyc));
  for (PetscInt c = 0; c < ncyc; c++)
    for (PetscInt k = 0; k < m; k++) {
      PetscReal s = (PetscReal)k / m, tri; /* phase in [0,1) */
      tri = s < 0.25 ? 4 * s : s < 0.75 ? 2 - 4 * s : 4 * s - 4;
      (*t)[c * m + k]   = (c + s) * T;
      (*v)[c * m + k]   = amps[c] * tri;
      (*cyc)[c * m + k] = c;
    }
  PetscFunctionReturn(0);
}

/* Multiplicative Gaussian noise of relative standard deviation sigma, fixed seed (deterministic). */
static inline void SynthNoise(PetscInt n, PetscReal *i, PetscReal sigma, unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, seed);
  for (PetscInt k = 0; k < n; k++) i[k] *= 1 + gsl_ran_gaussian(r, sigma);
  gsl_rng_free(r);
}
#endif
