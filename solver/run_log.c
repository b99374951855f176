/* Progress lines: to the terminal (rank 0) and to <outdir>/run.log. */
#include <stdarg.h>
#include "mf_run_impl.h"

PetscErrorCode MfRunLogOpen(MfRun run)
{
  char        path[PETSC_MAX_PATH_LEN];
  PetscMPIInt rank;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(run->comm, &rank));
  if (rank) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/run.log", run->outdir));
  run->log = fopen(path, "w");
  PetscCheck(run->log, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write the run log '%s'", path);
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunLog(MfRun run, const char fmt[], ...)
{
  char    line[1024];
  va_list ap;

  PetscFunctionBeginUser;
  va_start(ap, fmt);
  vsnprintf(line, sizeof(line), fmt, ap);
  va_end(ap);
  PetscCall(PetscPrintf(run->comm, "%s", line));
  if (run->log) {
    fputs(line, run->log);
    fflush(run->log);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunLogClose(MfRun run)
{
  if (run->log) fclose(run->log);
  run->log = NULL;
  return 0;
}
