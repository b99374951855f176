#ifndef MF_FILAMENT_IMPL_H
#define MF_FILAMENT_IMPL_H
/* Helpers shared by the VCM and ECM plug-ins and the filament analysis (physics/mechanisms only). */
#include "mf_filament.h"
#include "mf_kmc_rates.h"
#include <math.h>

#define MF_FIL_MAXNB 32 /* coordination supported by the plug-ins (simple cubic: 6) */

/* Lattice spacing a: the simple-cubic spacing, else the length of the first bond type of a graph. */
static inline PetscReal FilSpacing(MfKmcLattice lat)
{
  if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) return lat->a_m;
  const PetscReal *d = lat->bondvec;
  return sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
}

/* Field component along the bond (site -> neighbour) and the bond-midpoint T and sigma_h (the convention
 * of the reference hop mechanism and of eugnsp/memristor doc/model.tex). */
static inline void FilBondFields(const MfKmcState *st, PetscInt i, PetscInt j, const PetscReal d[3], PetscReal *Epar, PetscReal *T, PetscReal *sh, PetscReal *len)
{
  const MfKmcSiteFields *fi = MfKmcStateFields(st, i), *fj = MfKmcStateFields(st, j);
  const PetscReal        a  = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  PetscReal              e  = 0.0;
  for (PetscInt c = 0; c < 3; c++) e += 0.5 * (fi->E_V_per_m[c] + fj->E_V_per_m[c]) * d[c] / a;
  *Epar = e;
  *T    = 0.5 * (fi->T_K + fj->T_K);
  *sh   = 0.5 * (fi->sigma_h_Pa + fj->sigma_h_Pa);
  *len  = a;
}

/* Internal: sites of the tallest electrode-attached cluster and the gap path (used by the map). */
typedef struct {
  MfFilamentInfo info;
  unsigned char *attached; /* nsites: 1 = conducting site of a cluster touching an electrode */
  unsigned char *gap;      /* nsites: 1 = non-conducting site on the least-gap path (only if a cluster is attached) */
} FilAnalysis;
PetscErrorCode FilAnalyse_Private(const MfKmcState *st, FilAnalysis *fa, PetscBool want_sets);
PetscErrorCode FilAnalysisDestroy_Private(FilAnalysis *fa);
/* Plug-in hooks shared by VCM and ECM (filament_common.c): the lattice needs at least two layers between
 * the electrodes (no site may touch both), and the context is one PetscMalloc'ed block. */
PetscErrorCode FilSetUpCheckLayers_Private(void *ctx, const MfKmcState *st);
PetscErrorCode FilDestroyContext_Private(void *ctx);

#endif
