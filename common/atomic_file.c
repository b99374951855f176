/* Write-then-rename files: a crash never leaves a half-written result under its final name. */
#include "mf_io.h"
#include <errno.h>
#include <string.h>

PetscErrorCode MfAtomicOpen(const char *path, FILE **fp)
{
  char tmp[PETSC_MAX_PATH_LEN];

  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.tmp", path));
  *fp = fopen(tmp, "w");
  PetscCheck(*fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write '%s': %s", tmp, strerror(errno));
  PetscFunctionReturn(0);
}

PetscErrorCode MfAtomicCommit(const char *tmp, const char *path)
{
  PetscFunctionBeginUser;
  PetscCheck(!rename(tmp, path), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot move '%s' to '%s': %s", tmp, path, strerror(errno));
  PetscFunctionReturn(0);
}

PetscErrorCode MfAtomicClose(const char *path, FILE **fp)
{
  char tmp[PETSC_MAX_PATH_LEN];
  int  bad;

  PetscFunctionBeginUser;
  if (!*fp) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.tmp", path));
  bad = fflush(*fp) | ferror(*fp);
  bad |= fclose(*fp);
  *fp = NULL;
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "writing '%s' failed (disk full?)", tmp);
  PetscCall(MfAtomicCommit(tmp, path));
  PetscFunctionReturn(0);
}

PetscErrorCode MfRankZeroDo(MPI_Comm comm, PetscErrorCode (*fn)(void *ctx), void *ctx)
{
  PetscMPIInt rank;
  int         code = 0;
  char        msg[PETSC_MAX_PATH_LEN + 512] = "";

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    PetscErrorCode ierr;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = fn(ctx);
    PetscCall(PetscPopErrorHandler());
    if (ierr) {
      const char *text     = NULL;
      char       *specific = NULL;
      PetscCall(PetscErrorMessage(ierr, &text, &specific));
      code = (int)ierr;
      PetscCall(PetscStrncpy(msg, specific && specific[0] ? specific : (text ? text : "error while writing a results file"), sizeof(msg)));
    }
  }
  PetscCallMPI(MPI_Bcast(&code, 1, MPI_INT, 0, comm));
  if (code) {
    PetscCallMPI(MPI_Bcast(msg, (PetscMPIInt)sizeof(msg), MPI_CHAR, 0, comm));
    SETERRQ(comm, (PetscErrorCode)code, "%s", msg);
  }
  PetscFunctionReturn(0);
}
