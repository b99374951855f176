#ifndef MF_FILAMENT_IMPL_H
#define MF_FILAMENT_IMPL_H
/* Helpers shared by the VCM and ECM plug-ins and the filament analysis (physics/mechanisms only). */
#include "mf_filament.h"
#include "mf_mechanism.h"
#include "mf_kmc_rates.h"
#include "mf_keys.h"
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

/* Internal: sites of the tallest electrode-attached cluster and the gap path (used by the map). Zero it before
 * the first FilAnalyse_Private; its arrays are kept for the next call (the map analyses the state after every
 * KMC chunk: no allocation once they fit the lattice) until FilAnalysisDestroy_Private. */
typedef struct {
  MfFilamentInfo info;
  unsigned char *attached; /* nsites: 1 = conducting site of a cluster touching an electrode (want_sets) */
  unsigned char *gap;      /* nsites: 1 = non-conducting site on the least-gap path (only if a cluster is attached) */
  PetscInt       nwork, ncnt, nsets; /* sites the work arrays hold, layers cnt holds, sites attached/gap hold */
  PetscInt      *layer, *cid, *stack, *dist, *pred, *cur, *next, *cnt;
  PetscBool     *cl_attached;        /* [nwork + 1] */
} FilAnalysis;
PetscErrorCode FilAnalyse_Private(const MfKmcState *st, FilAnalysis *fa, PetscBool want_sets);
PetscErrorCode FilAnalysisDestroy_Private(FilAnalysis *fa);
/* Plug-in hooks shared by VCM and ECM (filament_common.c): the lattice needs at least two layers between
 * the electrodes (no site may touch both), and the context is one PetscMalloc'ed block. */
PetscErrorCode FilSetUpCheckLayers_Private(void *ctx, const MfKmcState *st);
PetscErrorCode FilDestroyContext_Private(void *ctx);

/* Key tables of what VCM and ECM share (map_params.c, filament_plugin.c); the mechanisms register them. */
PetscErrorCode FilRegisterMapKeys_Private(void);
PetscErrorCode FilRegisterInitialKeys_Private(void);

/* A deck key's value when it is set; an unset key leaves *v (the published default) as it is. */
PetscErrorCode FilGetReal_Private(const char *key, PetscReal *v);

/* What the VCM and ECM plug-ins (mf_mechanism.h) share: the map of their state onto the FE cells, the
 * pre-formed filament, and the filament observables. The data of both plug-ins starts with this struct, so
 * the shared hooks below take m->data as a FilPlugin. */
typedef struct {
  MfFilamentMapParams map;
  PetscReal           init_width_m, init_gap_m; /* pre-formed filament (kmc.initial_filament_*): width 0 = none */
  PetscBool           grow_from_top;            /* the pre-formed column grows from the top electrode */
  PetscInt            f_host, f_excess, f_k;    /* state field indices */
  PetscReal          *sigma_cell, *k_cell;      /* work: the map's cell values */
  MfFilamentMap       fmap;                     /* the map of the state fields' lattice and site -> cell map */
  MfKmcLattice        fmap_lat;                 /* ... which it was built for (the plug-in's state fields and */
  const PetscInt     *fmap_site_cell;           /*     the KMC lattice of its run: built on the first use) */
  PetscInt            fmap_ncells;
} FilPlugin;

/* kmc_map_* (map defaults from the functional layer and the filament metal, NULL = a VCM filament) and
 * kmc_initial_filament_* */
PetscErrorCode FilPluginSetFromOptions_Private(FilPlugin *fp, const MfMaterial *functional, const MfMaterial *filament_metal, MPI_Comm comm);
/* declare the state fields: host sigma (the matrix), the filament's excess sigma with its TCR, k */
PetscErrorCode FilPluginSetUp_Private(FilPlugin *fp, MfStateFields sf);
/* the pre-formed column (after the random fills of the as-deposited state) */
PetscErrorCode FilPluginInitialFilament_Private(FilPlugin *fp, MfKmc kmc, MPI_Comm comm);
/* the shared hooks: state_fields, progress (gap in sites), observe, results, destroy (m->data is freed) */
PetscErrorCode FilPluginSetOps_Private(MfMechanism m);

#endif
