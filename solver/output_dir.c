/* Results folders and write-then-rename files: a run never destroys an earlier result. */
#include "mf_output.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

/* 1 if path exists and is a non-empty directory, 0 if absent or empty dir, -1 if a non-directory. */
static int DirState(const char *path)
{
  struct stat st;
  if (stat(path, &st) != 0) return 0;
  if (!S_ISDIR(st.st_mode)) return -1;
  DIR *d = opendir(path);
  if (!d) return 1;
  struct dirent *e;
  int nonempty = 0;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) { nonempty = 1; break; }
  }
  closedir(d);
  return nonempty;
}

/* mkdir -p */
static int MakePath(const char *path)
{
  char buf[PETSC_MAX_PATH_LEN];
  size_t n = strlen(path);
  if (n == 0 || n >= sizeof(buf)) return ENAMETOOLONG;
  memcpy(buf, path, n + 1);
  for (char *p = buf + 1; *p; p++) {
    if (*p == '/') {
      *p = 0;
      if (mkdir(buf, 0777) && errno != EEXIST) return errno;
      *p = '/';
    }
  }
  if (mkdir(buf, 0777) && errno != EEXIST) return errno;
  return 0;
}

PetscErrorCode MfOutputDirCreate(MPI_Comm comm, const char *requested, PetscBool overwrite, char *actual, size_t len)
{
  PetscMPIInt rank;
  int         err = 0;
  char        chosen[PETSC_MAX_PATH_LEN] = "";

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscCall(PetscStrncpy(chosen, requested, sizeof(chosen)));
    int state = DirState(chosen);
    if (state == -1) err = ENOTDIR;
    else if (state == 1 && !overwrite) {
      for (int k = 1; k < 10000; k++) {
        PetscCall(PetscSNPrintf(chosen, sizeof(chosen), "%s-%d", requested, k));
        if ((state = DirState(chosen)) == 0) break;
      }
      if (state != 0) err = EEXIST;
    }
    if (!err) err = MakePath(chosen);
    if (!err) { /* prove we can write there, before any physics runs */
      char probe[PETSC_MAX_PATH_LEN];
      PetscCall(PetscSNPrintf(probe, sizeof(probe), "%s/.memflex_write_test", chosen));
      FILE *fp = fopen(probe, "w");
      if (!fp) err = errno;
      else { fclose(fp); remove(probe); }
    }
  }
  PetscCallMPI(MPI_Bcast(&err, 1, MPI_INT, 0, comm));
  PetscCheck(!err, comm, PETSC_ERR_FILE_OPEN, "output.dir: cannot use results folder '%s': %s (expected a writable directory path)", rank == 0 ? chosen : requested, strerror(err));
  PetscCallMPI(MPI_Bcast(chosen, sizeof(chosen), MPI_CHAR, 0, comm));
  PetscCall(PetscStrncpy(actual, chosen, len));
  PetscFunctionReturn(0);
}

PetscErrorCode MfAtomicOpen(const char *path, FILE **fp)
{
  char tmp[PETSC_MAX_PATH_LEN];

  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.tmp", path));
  *fp = fopen(tmp, "w");
  PetscCheck(*fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write '%s': %s", tmp, strerror(errno));
  PetscFunctionReturn(0);
}

PetscErrorCode MfAtomicClose(const char *path, FILE **fp)
{
  char tmp[PETSC_MAX_PATH_LEN];
  int  bad;

  PetscFunctionBeginUser;
  if (!*fp) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.tmp", path));
  bad = ferror(*fp);
  bad |= fclose(*fp);
  *fp = NULL;
  PetscCheck(!bad, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "writing '%s' failed (disk full?)", tmp);
  PetscCheck(!rename(tmp, path), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot move '%s' to '%s': %s", tmp, path, strerror(errno));
  PetscFunctionReturn(0);
}
