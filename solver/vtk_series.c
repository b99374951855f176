/* VTK time series: PETSc's VTU writer per frame, a ParaView .pvd collection listing them with times. */
#include "mf_output.h"
#include <errno.h>
#include <string.h>
#include <petscdmplex.h>

struct _n_MfVtkSeries {
  MPI_Comm   comm;
  char       dir[PETSC_MAX_PATH_LEN];
  char       base[PETSC_MAX_PATH_LEN];
  char       last[PETSC_MAX_PATH_LEN];
  char       tmp[PETSC_MAX_PATH_LEN];
  PetscBool  open;
  PetscInt   nframe, cap;
  PetscReal *times;
};

PetscErrorCode MfVtkSeriesCreate(MPI_Comm comm, const char *dir, const char *base, MfVtkSeries *out)
{
  MfVtkSeries s;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&s));
  s->comm = comm;
  PetscCall(PetscStrncpy(s->dir, dir, sizeof(s->dir)));
  PetscCall(PetscStrncpy(s->base, base, sizeof(s->base)));
  *out = s;
  PetscFunctionReturn(0);
}

static PetscErrorCode WritePvd(MfVtkSeries s)
{
  char  path[PETSC_MAX_PATH_LEN];
  FILE *fp;

  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s.pvd", s->dir, s->base));
  PetscCall(MfAtomicOpen(path, &fp));
  fprintf(fp, "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  <Collection>\n");
  for (PetscInt f = 0; f < s->nframe; f++)
    fprintf(fp, "    <DataSet timestep=\"%.12g\" group=\"\" part=\"0\" file=\"%s_%04" PetscInt_FMT ".vtu\"/>\n", (double)s->times[f], s->base, f);
  fprintf(fp, "  </Collection>\n</VTKFile>\n");
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfVtkSeriesBeginFrame(MfVtkSeries s, PetscViewer *viewer)
{
  PetscFunctionBeginUser;
  PetscCheck(!s->open, s->comm, PETSC_ERR_ARG_WRONGSTATE, "a VTK frame is already open");
  /* PETSc picks the VTU format from the extension, so the temporary name must end in .vtu too. */
  PetscCall(PetscSNPrintf(s->tmp, sizeof(s->tmp), "%s/.%s_%04" PetscInt_FMT ".partial.vtu", s->dir, s->base, s->nframe));
  PetscCall(PetscViewerVTKOpen(s->comm, s->tmp, FILE_MODE_WRITE, viewer));
  s->open = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfVtkSeriesEndFrame(MfVtkSeries s, PetscReal t, PetscViewer *viewer)
{
  char        final[PETSC_MAX_PATH_LEN];
  PetscMPIInt rank;

  PetscFunctionBeginUser;
  PetscCheck(s->open, s->comm, PETSC_ERR_ARG_WRONGSTATE, "no VTK frame is open");
  PetscCallMPI(MPI_Comm_rank(s->comm, &rank));
  PetscCall(PetscViewerDestroy(viewer)); /* the VTU file is written here, by rank 0 */
  s->open = PETSC_FALSE;
  PetscCall(PetscSNPrintf(final, sizeof(final), "%s/%s_%04" PetscInt_FMT ".vtu", s->dir, s->base, s->nframe));
  if (rank == 0) PetscCall(MfAtomicCommit(s->tmp, final));
  if (s->nframe == s->cap) {
    PetscReal *t2;
    s->cap = s->cap ? 2 * s->cap : 16;
    PetscCall(PetscMalloc1(s->cap, &t2));
    if (s->nframe) PetscCall(PetscArraycpy(t2, s->times, s->nframe));
    PetscCall(PetscFree(s->times));
    s->times = t2;
  }
  s->times[s->nframe++] = t;
  PetscCall(PetscStrncpy(s->last, final, sizeof(s->last)));
  if (rank == 0) PetscCall(WritePvd(s));
  PetscFunctionReturn(0);
}

PetscErrorCode MfVtkSeriesWrite(MfVtkSeries s, PetscReal t, PetscInt nvec, Vec vecs[])
{
  PetscViewer viewer;

  PetscFunctionBeginUser;
  PetscCall(MfVtkSeriesBeginFrame(s, &viewer));
  for (PetscInt i = 0; i < nvec; i++) PetscCall(VecView(vecs[i], viewer));
  PetscCall(MfVtkSeriesEndFrame(s, t, &viewer));
  PetscFunctionReturn(0);
}

PetscErrorCode MfVtkSeriesGetLastFile(MfVtkSeries s, const char **file)
{
  *file = s->last;
  return 0;
}

PetscErrorCode MfVtkSeriesDestroy(MfVtkSeries *s)
{
  PetscFunctionBeginUser;
  if (!*s) PetscFunctionReturn(0);
  PetscCall(PetscFree((*s)->times));
  PetscCall(PetscFree(*s));
  PetscFunctionReturn(0);
}

/* Add every field of a global Vec (on a clone of the frame's mesh) to an open frame. PETSc's VTK viewer
 * refuses Vecs of a second DM unless added with checkdm = false; all memflex DMs are clones of the run's
 * mesh (same points, same distribution), so their fields belong to the same grid. */
PetscErrorCode MfVtkSeriesAddVec(PetscViewer viewer, Vec global, PetscBool cell_data)
{
  DM       dm;
  Vec      loc;
  PetscInt nf, dim;

  PetscFunctionBeginUser;
  PetscCall(VecGetDM(global, &dm));
  PetscCall(DMGetDimension(dm, &dim));
  PetscCall(DMGetNumFields(dm, &nf));
  PetscCall(DMCreateLocalVector(dm, &loc));
  PetscCall(PetscObjectSetName((PetscObject)loc, ""));
  PetscCall(DMGlobalToLocal(dm, global, INSERT_VALUES, loc));
  for (PetscInt f = 0; f < nf; f++) {
    PetscObject obj;
    PetscInt    nc = 1;
    PetscViewerVTKFieldType ft;

    PetscCall(DMGetField(dm, f, NULL, &obj));
    PetscCall(PetscFEGetNumComponents((PetscFE)obj, &nc));
    if (cell_data) ft = nc == dim ? PETSC_VTK_CELL_VECTOR_FIELD : PETSC_VTK_CELL_FIELD;
    else ft = nc == dim ? PETSC_VTK_POINT_VECTOR_FIELD : PETSC_VTK_POINT_FIELD;
    PetscCall(PetscObjectReference((PetscObject)loc));
    PetscCall(PetscViewerVTKAddField(viewer, (PetscObject)dm, DMPlexVTKWriteAll, f, ft, PETSC_FALSE, (PetscObject)loc));
  }
  PetscCall(VecDestroy(&loc));
  PetscFunctionReturn(0);
}
