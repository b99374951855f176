#ifndef MF_COUPLER_H
#define MF_COUPLER_H
/* The KMC-FEM loop of a device with a switching mechanism: a simple-cubic KMC lattice over the functional
 * layer of the active area (the electrode crossing), the mechanism plug-in named by kmc.mechanism
 * (physics/mechanisms/mf_mechanism.h: any registered one; the coupler knows none by name), its state fields
 * into the electro-thermal FE (mf_state_fields.h), and the FE fields (E, T, sigma_h) at the sites. Every rank
 * holds the whole lattice and runs the identical KMC trajectory (same stream, same fields after an MPI sum
 * of the rank-local samples): the KMC is cheap next to the FE solve, and this keeps the trajectory
 * independent of the number of ranks.
 *
 *   MfCouplerCreate(comm, dm, et, mats, &cp); MfCouplerSetFromOptions(cp); MfCouplerSetUp(cp);
 *   per bias point: solve FE; MfCouplerAdvance(cp, dt, solve, ctx, &w); MfCouplerObserve(cp, cols, status)
 *   MfCouplerDestroy(&cp);                                                                              */
#include <petscdmplex.h>
#include "mf_electrothermal.h"
#include "mf_mechanics.h"
#include "mf_mechanism.h"

typedef struct _n_MfCoupler *MfCoupler;

/* FE re-solve at the present bias after the state changed; dt_s: KMC time since the previous solve of the window
 * (0 for its first); returns the device current (A, or A/m in 2D) and *dt_cap_s > 0 when the fields are transient
 * (no steady state: thermal runaway), after which the next KMC chunk may last at most *dt_cap_s. */
typedef PetscErrorCode (*MfCouplerSolveFn)(void *ctx, PetscReal dt_s, PetscReal *I_A, PetscReal *dt_cap_s);

typedef struct {
  PetscInt64 events;        /* KMC events in the window */
  PetscInt   updates;       /* state -> FE updates (= extra FE solves) in the window */
  PetscReal  I_A;           /* current after the last update */
} MfCouplerWindow;

typedef struct {
  const char    *mechanism; /* kmc.mechanism */
  PetscInt64     events;    /* total KMC events so far */
  PetscInt       fe_updates;/* total state -> FE updates */
  PetscReal      time_kmc_s, time_fields_s; /* wall time: KMC engine, sampling + map */
  PetscInt       nsites, n[3];
  PetscReal      a_m;
  PetscInt       accel_scaled;   /* temporal acceleration (-kmc_accelerate): event types scaled now */
  PetscReal      accel_min_scale;/* and their smallest scale (1 = none) */
} MfCouplerInfo;

/* Deck keys kmc_mechanism, kmc_spacing. */
PetscErrorCode MfCouplerRegisterKeys(void);
PetscErrorCode MfCouplerCreate(MPI_Comm comm, DM dm, MfElectroThermal et, const MfMaterial mats[MF_NUM_REGIONS], MfCoupler *cp);
/* Config keys: kmc_mechanism (a registered mechanism, which reads its own keys), kmc_spacing, kmc_seed,
 * mesh_width, mesh_electrode_width. Options (numerical controls, prefix -coupler_):
 *   -coupler_max_current_change f  re-solve the FE when the state may have moved I by more than f (0.2)
 *   -coupler_events_per_update n   first chunk of events between FE updates (adapted, default 20)
 *   -coupler_max_events_per_update n  largest chunk (default 100000)
 *   -coupler_max_updates n         cap of FE updates per bias window (default 200)                      */
PetscErrorCode MfCouplerSetFromOptions(MfCoupler cp);
PetscErrorCode MfCouplerSetUp(MfCoupler cp);
/* Hydrostatic stress and strain at the sites from a solved mechanics object (once per bending state). */
PetscErrorCode MfCouplerSetStress(MfCoupler cp, MfMechanics mech);
/* Sample the fields at the present FE solution, run the KMC for dt_s, push the state into the FE and
 * re-solve through `solve` whenever a chunk of events finished; the chunk is halved when the current moved by
 * more than max_current_change and doubled when it moved by less than a quarter of it. While `solve` reports
 * transient fields (a cap > 0) a chunk also ends at that time, and `solve` gets the KMC time it covered. */
PetscErrorCode MfCouplerAdvance(MfCoupler cp, PetscReal dt_s, MfCouplerSolveFn solve, void *ctx, MfCouplerWindow *w);
PetscErrorCode MfCouplerGetInfo(MfCoupler cp, MfCouplerInfo *info);
/* The mechanism's time-series columns, their values and a status text for the progress line now. */
PetscErrorCode MfCouplerGetColumns(MfCoupler cp, PetscInt *n, const char *const **names);
PetscErrorCode MfCouplerObserve(MfCoupler cp, PetscReal values[], char status[], size_t len);
/* The mechanism's numbers of the present (final) state for summary.json. */
PetscErrorCode MfCouplerGetResults(MfCoupler cp, PetscInt *n, MfMechanismResult r[]);
/* Mean hydrostatic stress over the sites (after MfCouplerSetStress) and what it does to the kinetics at
 * temperature T_K by the mechanism's activation volumes; *has = PETSC_FALSE when it makes no prediction. */
PetscErrorCode MfCouplerStrainKinetics(MfCoupler cp, PetscReal T_K, PetscReal *sigma_h_Pa, MfStrainKinetics *sk, PetscBool *has);
/* One line for the run log: mechanism, lattice, and where each state field goes. */
PetscErrorCode MfCouplerDescribe(MfCoupler cp, char text[], size_t len);
/* The state fields as cell data of a VTK frame (MfVtkSeriesBeginFrame's viewer). */
PetscErrorCode MfCouplerViewStateFields(MfCoupler cp, PetscViewer viewer);
/* Site clouds: the file base name the mechanism chose ("defects"), NULL when it shows none; a VTK XML
 * PolyData file of the shown sites (point data "species" and "temperature_K"); rank 0 writes. */
PetscErrorCode MfCouplerGetPointsName(MfCoupler cp, const char **name);
PetscErrorCode MfCouplerWritePoints(MfCoupler cp, const char path[]);
PetscErrorCode MfCouplerDestroy(MfCoupler *cp);

#endif
