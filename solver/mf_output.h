#ifndef MF_OUTPUT_H
#define MF_OUTPUT_H
/* VTK time series (.vtu frames + .pvd collection), CSV time series and
 * the JSON run summary. (The results folder itself: MfConfigPrepareOutputDir, solver/config.) Nothing here knows any physics: modules hand over named Vecs and numbers. */
#include <petscdm.h>
#include <petscviewer.h>
#include "mf_io.h" /* MfAtomicOpen/Close, MfJson */

/* VTK time series: frames <dir>/<base>_NNNN.vtu written by PETSc's VTU writer (one multi-piece file when
 * parallel; ParaView reads it directly), listed in <dir>/<base>.pvd rewritten atomically after each frame. */
typedef struct _n_MfVtkSeries *MfVtkSeries;
PetscErrorCode MfVtkSeriesCreate(MPI_Comm comm, const char *dir, const char *base, MfVtkSeries *s);
/* Write one frame at time t: every Vec (named with PetscObjectSetName, on a DM with a PetscFE/PetscFV
 * discretisation; cell fields come out as CellData, vertex fields as PointData). */
PetscErrorCode MfVtkSeriesWrite(MfVtkSeries s, PetscReal t, PetscInt nvec, Vec vecs[]);
/* Or open a frame, let modules write their fields into the viewer (VecView, their own View functions),
 * and close it: the file appears under its final name and joins the .pvd only at EndFrame. */
PetscErrorCode MfVtkSeriesBeginFrame(MfVtkSeries s, PetscViewer *viewer);
PetscErrorCode MfVtkSeriesEndFrame(MfVtkSeries s, PetscReal t, PetscViewer *viewer);
/* Add all fields of a global Vec on a clone of the frame's mesh (cell data: DG0 fields; else vertex data). */
PetscErrorCode MfVtkSeriesAddVec(PetscViewer viewer, Vec global, PetscBool cell_data);
PetscErrorCode MfVtkSeriesGetLastFile(MfVtkSeries s, const char **file);
PetscErrorCode MfVtkSeriesDestroy(MfVtkSeries *s);

/* CSV time series: header with units in the column names, one row per call, flushed every row so a
 * running job can be watched; rank 0 writes. */
typedef struct _n_MfTimeSeries *MfTimeSeries;
PetscErrorCode MfTimeSeriesCreate(MPI_Comm comm, const char *path, PetscInt ncol, const char *const names[], MfTimeSeries *ts);
PetscErrorCode MfTimeSeriesComment(MfTimeSeries ts, const char *key, const char *value);
PetscErrorCode MfTimeSeriesAppend(MfTimeSeries ts, const PetscReal values[]);
PetscErrorCode MfTimeSeriesDestroy(MfTimeSeries *ts);

#endif
