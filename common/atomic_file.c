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
