#ifndef MF_RUN_H
#define MF_RUN_H
/* One device run: deck (already in the options database) -> materials -> mesh -> electro-thermal and
 * mechanical fields (+ KMC mechanism) -> protocol loop -> time series, VTK frames, summary.
 *   MfRunCreate(comm, &run); MfRunSetFromOptions(run); MfRunSetUp(run); MfRunExecute(run); MfRunDestroy(&run); */
#include <petscsys.h>
#include "mf_material.h"
#include "mf_mesh.h"

typedef struct _n_MfRun *MfRun;

/* Scalar results of a finished run, for the summary, sweeps and ensembles. */
typedef struct {
  PetscReal I_final_A, R_final_Ohm, T_max_K, T_max_substrate_K;
  PetscReal R_read_Ohm;                  /* at device_read_voltage, from the last read point (NaN if none) */
  PetscReal R_on_Ohm, R_off_Ohm, V_set_V, V_reset_V; /* switching metrics (postproc criterion; NaN if none) */
  PetscReal t_fail_s;                    /* retention with programming: bake time to the failure level (NaN if none) */
  PetscReal R_program_Ohm, R_pristine_Ohm; /* retention: read after programming, read before it (NaN if none) */
  PetscReal strain_functional_xx, strain_functional_yy, strain_closed_form; /* FE and Suo (NaN if flat) */
  PetscReal sigma_h_functional_Pa;
  PetscBool bend_predicted;              /* filament run under bending: activation-volume prediction below */
  PetscReal sigma_h_sites_Pa, bend_dE_eV, bend_rate_factor, bend_dV_min_V, bend_dV_max_V;
  PetscBool substrate_overheated;
  PetscBool stopped;                     /* the protocol stopped early: fields not solvable at stopped_at_V (source) */
  PetscReal stopped_at_V;
  PetscInt  steps, fe_solves, newton_its, linear_its;
  PetscReal time_fe_s, time_mech_s, time_kmc_s, time_total_s;
} MfRunResults;

/* Register the deck keys the run reads itself (title, device, mesh, thermal, bending, output). */
PetscErrorCode MfRunRegisterKeys(void);
/* Register the deck keys of every module (idempotent); call before loading a deck. */
PetscErrorCode MfRegisterAll(void);
PetscErrorCode MfRunCreate(MPI_Comm comm, MfRun *run);
PetscErrorCode MfRunSetFromOptions(MfRun run);   /* reads the validated config */
PetscErrorCode MfRunSetUp(MfRun run);            /* output folder, materials, mesh, physics objects */
PetscErrorCode MfRunExecute(MfRun run);          /* protocol loop + outputs + summary */
PetscErrorCode MfRunGetResults(MfRun run, MfRunResults *res);
PetscErrorCode MfRunGetOutputDir(MfRun run, const char **dir);
PetscErrorCode MfRunDestroy(MfRun *run);

/* Build the materials of every present stack layer (library + deck overrides); present[r] says which. */
PetscErrorCode MfRunLoadMaterials(MPI_Comm comm, MfMaterial mats[MF_NUM_REGIONS], PetscBool present[MF_NUM_REGIONS]);
/* The run's mesh from the config: the built-in stack mesher or mesh_file (Gmsh). */
PetscErrorCode MfRunCreateMesh(MPI_Comm comm, const PetscBool present[MF_NUM_REGIONS], DM *dm);

#endif
