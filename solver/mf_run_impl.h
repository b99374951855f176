#ifndef MF_RUN_IMPL_H
#define MF_RUN_IMPL_H
/* Private state of a run (solver/run*.c). */
#include <petscdmplex.h>
#include "mf_run.h"
#include "mf_config.h"
#include "mf_output.h"
#include "mf_protocol.h"
#include "mf_stack_mesher.h"
#include "mf_electrothermal.h"
#include "mf_mechanics.h"
#include "coupler.h"
#include "mf_post.h"

typedef enum { MF_RUN_THERMAL_STEADY, MF_RUN_THERMAL_TRANSIENT } MfRunThermal;

struct _n_MfRun {
  MPI_Comm       comm;
  char           deck[PETSC_MAX_PATH_LEN], title[256], outdir[PETSC_MAX_PATH_LEN];
  /* config */
  PetscReal      V_dc, R_series, I_cc, I_cc_form, T_ambient, V_read;
  PetscBool      forming_cc_set; /* device.forming_compliance given in the deck */
  PetscReal      T_program;              /* retention: environment temperature while programming (= T_ambient unless set) */
  MfRunThermal   thermal;
  PetscReal      h_bottom, h_top;
  PetscBool      wiedemann_franz, overwrite;
  PetscReal      bend_radius;
  PetscReal      cell_width, line_width; /* mesh.width, mesh.electrode_width (0 with a Gmsh mesh) */
  PetscInt       bend_sign, vtk_every;
  MfProtocolSpec proto;
  MfWaveform     wave;
  /* model */
  MfMaterial     mats[MF_NUM_REGIONS];
  PetscBool      present[MF_NUM_REGIONS];
  DM             dm, dmEt, dmMech, dmInfo;
  MfMeshStats    stats;
  Vec            cellInfo, Tcell;
  MfElectroThermal et;
  MfMechanics    mechanics;
  /* devices with a switching mechanism (kmc.mechanism, solver/coupler.h): the KMC-FEM loop */
  PetscBool      switching;
  MfCoupler      coupler;
  /* 2D runs are a slice of depth w (A = I' w) */
  PetscReal      depth_m;
  PetscInt       nrec;
  PetscReal     *rec_t, *rec_V, *rec_I;
  PetscInt      *rec_cycle, nframes;
  PetscBool     *rec_read, have_reads; /* read-pulse mask of the record; any read pulse in the protocol */
  PetscReal     *frame_t;
  MfMetrics      metrics;
  PetscBool      have_metrics;
  MfEtResults    last;
  /* steady thermal mode without a steady state (thermal runaway: run.c SolveFields) */
  struct {
    PetscBool on;        /* the fields are transient now */
    PetscReal V_s;       /* source voltage of the present bias point */
    PetscReal dt0_s;     /* -run_runaway_dt: first transient step */
    PetscReal dt_s;      /* next cap of the KMC chunk */
    PetscReal I_onset;   /* device current after the first transient step [A/m in 2D] */
    PetscInt  steps;     /* transient steps in all */
  } runaway;
  /* records */
  MfTimeSeries   ts;
  MfVtkSeries    vtk;
  FILE          *log;
  PetscLogDouble t_start;
  MfRunResults   res;
};

PetscErrorCode MfRunSetUpFields(MfRun run);
PetscErrorCode MfRunSolveMechanics(MfRun run);
PetscErrorCode MfRunWriteSummary(MfRun run);
PetscErrorCode MfRunLogOpen(MfRun run);
PetscErrorCode MfRunLog(MfRun run, const char fmt[], ...) PETSC_ATTRIBUTE_FORMAT(2, 3);
PetscErrorCode MfRunLogClose(MfRun run);

#endif
