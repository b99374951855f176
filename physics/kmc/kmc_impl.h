#ifndef MF_KMC_IMPL_H
#define MF_KMC_IMPL_H
/* Private layout of the KMC engine (engine.c, checkpoint.c). */
#include "mf_kmc.h"
#include "kmc_selector.h"
#include <stdint.h>

struct _p_MfKmc {
  MPI_Comm          comm;
  MfKmcLattice      lat;
  MfKmcMechanismOps ops;
  void             *mctx;
  PetscBool         has_mech;
  MfKmcState        st;
  MfKmcSiteFields  *fields_store; /* per-site frozen fields (NULL: uniform) */
  MfKmcSelectorType seltype;
  MfKmcSelector     sel;
  gsl_rng          *rng;
  char              rngname[32];
  unsigned long     seed;
  PetscInt          member;
  PetscReal         time_s;
  PetscInt64        nevents;
  PetscInt64       *typecount;
  PetscBool         setup, rates_dirty, fields_dirty;
  PetscReal        *slot;         /* max_events_per_site scratch */
  PetscInt         *nbbuf;        /* maxnb scratch for computed neighbour lists */
  /* local-update scratch: affected-site set with stamps for de-duplication */
  unsigned int     *stamp;
  unsigned int      stampval;
  uint64_t         *nz;           /* bit per site: stored rate != 0 */
  PetscInt         *aff;
  PetscReal        *affrate;
  PetscInt          naff, capaff;
  /* sites modified since the last MfKmcClearChangedSites */
  unsigned char    *changed_flag;
  PetscInt         *changed;
  PetscInt          nchanged, capchanged;
  MfKmcEventMonitor monitor;
  void             *monctx;
  PetscInt          check_every;
  /* temporal acceleration (accel.c) */
  PetscBool         accel;        /* -kmc_accelerate */
  PetscInt          accel_stage;  /* events per stage */
  PetscInt          accel_ne;     /* executions per stage that make a pair "fast" */
  PetscReal         accel_delta;  /* balance |n_f - n_r| / (n_f + n_r) of a quasi-equilibrated pair */
  PetscReal         accel_sep;    /* a scaled pair stays this many times more frequent than the unscaled events */
  PetscReal         accel_min;    /* smallest scale factor */
  PetscReal        *scale;        /* nevent_types scale factors (1 = unscaled) */
  PetscInt         *stagecount;   /* nevent_types executions in the current stage */
  PetscInt         *slottype;     /* max_events_per_site scratch */
  PetscInt          nstage;       /* events in the current stage */
  PetscBool         scaled;       /* some scale < 1 */
};

PetscErrorCode MfKmcAccelSetUp_Private(MfKmc kmc);
PetscErrorCode MfKmcAccelDestroy_Private(MfKmc kmc);
PetscErrorCode MfKmcAccelScaleSlots_Private(MfKmc kmc, PetscInt site, PetscReal *r);
PetscErrorCode MfKmcAccelRecord_Private(MfKmc kmc, PetscInt type);

PetscErrorCode MfKmcRebuildRates_Private(MfKmc kmc);

#endif
