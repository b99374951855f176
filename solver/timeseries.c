/* CSV time series (t, V, I, R, T_max, ...) written by rank 0, one flushed row per step; a write error there
 * is raised on every rank (MfRankZeroDo). */
#include "mf_output.h"
#include <errno.h>
#include <string.h>

struct _n_MfTimeSeries {
  MPI_Comm comm;
  FILE    *fp;   /* rank 0 only */
  PetscInt ncol;
  PetscBool header_done;
  char    **names;
  const char *path;     /* during Create */
  const PetscReal *row; /* during Append */
};

static PetscErrorCode OpenFile(void *ctx)
{
  MfTimeSeries ts = (MfTimeSeries)ctx;

  PetscFunctionBeginUser;
  ts->fp = fopen(ts->path, "w");
  PetscCheck(ts->fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write the time series '%s': %s", ts->path, strerror(errno));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteRow(void *ctx)
{
  MfTimeSeries ts = (MfTimeSeries)ctx;

  PetscFunctionBeginUser;
  if (!ts->header_done) {
    for (PetscInt c = 0; c < ts->ncol; c++) fprintf(ts->fp, "%s%s", c ? "," : "", ts->names[c]);
    fputc('\n', ts->fp);
  }
  for (PetscInt c = 0; c < ts->ncol; c++) fprintf(ts->fp, "%s%.10g", c ? "," : "", (double)ts->row[c]);
  fputc('\n', ts->fp);
  PetscCheck(!fflush(ts->fp) && !ferror(ts->fp), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "writing the time series failed (disk full?): %s", strerror(errno));
  PetscFunctionReturn(0);
}

PetscErrorCode MfTimeSeriesCreate(MPI_Comm comm, const char *path, PetscInt ncol, const char *const names[], MfTimeSeries *out)
{
  MfTimeSeries ts;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&ts));
  ts->comm = comm;
  ts->ncol = ncol;
  ts->path = path;
  PetscCall(PetscMalloc1(ncol, &ts->names));
  for (PetscInt c = 0; c < ncol; c++) PetscCall(PetscStrallocpy(names[c], &ts->names[c]));
  *out = ts;
  PetscCall(MfRankZeroDo(comm, OpenFile, ts));
  ts->path = NULL;
  PetscFunctionReturn(0);
}

/* Comments ("# key: value") go before the header; they carry run metadata such as the read voltage. */
PetscErrorCode MfTimeSeriesComment(MfTimeSeries ts, const char *key, const char *value)
{
  PetscFunctionBeginUser;
  PetscCheck(!ts->header_done, ts->comm, PETSC_ERR_ARG_WRONGSTATE, "time-series comments must precede the first row");
  if (ts->fp) fprintf(ts->fp, "# %s: %s\n", key, value);
  PetscFunctionReturn(0);
}

PetscErrorCode MfTimeSeriesAppend(MfTimeSeries ts, const PetscReal v[])
{
  PetscFunctionBeginUser;
  ts->row = v;
  PetscCall(MfRankZeroDo(ts->comm, WriteRow, ts));
  ts->row         = NULL;
  ts->header_done = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfTimeSeriesDestroy(MfTimeSeries *ts)
{
  PetscFunctionBeginUser;
  if (!*ts) PetscFunctionReturn(0);
  if ((*ts)->fp) fclose((*ts)->fp);
  for (PetscInt c = 0; c < (*ts)->ncol; c++) PetscCall(PetscFree((*ts)->names[c]));
  PetscCall(PetscFree((*ts)->names));
  PetscCall(PetscFree(*ts));
  PetscFunctionReturn(0);
}
