#ifndef MF_POST_IMPL_H
#define MF_POST_IMPL_H
/* Internals shared by the files of mf_post (not part of the public API). */
#include "mf_post.h"

/* GSL status of one replay; the fit uses it to reject a trial step instead of aborting. */
int MfCompactReplayCore(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], PetscReal tol, PetscReal state[], PetscReal current[]);

#endif
