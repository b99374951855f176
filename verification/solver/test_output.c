/* Unit test: results folders are never reused silently; atomic files; JSON escaping and non-finite values. */
#include "mf_output.h"
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#define CHECK(c, ...) PetscCheck(c, PETSC_COMM_SELF, PETSC_ERR_PLIB, __VA_ARGS__)

static PetscErrorCode Slurp(const char *path, char *buf, size_t len)
{
  FILE *fp = fopen(path, "r");
  PetscFunctionBeginUser;
  CHECK(fp, "cannot read %s", path);
  size_t n = fread(buf, 1, len - 1, fp);
  buf[n] = 0;
  fclose(fp);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char  dir1[PETSC_MAX_PATH_LEN], dir2[PETSC_MAX_PATH_LEN], path[PETSC_MAX_PATH_LEN], buf[4096];
  FILE *fp;
  MfJson j;
  struct stat st;
  PetscMPIInt rank;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  int pid = (int)getpid(); /* rank 0's pid names the folder on every rank */
  PetscCallMPI(MPI_Bcast(&pid, 1, MPI_INT, 0, PETSC_COMM_WORLD));
  PetscCall(PetscSNPrintf(path, sizeof(path), "out_test_%d", pid));
  PetscCall(MfOutputDirCreate(PETSC_COMM_WORLD, path, PETSC_FALSE, dir1, sizeof(dir1)));
  CHECK(!strcmp(dir1, path), "a fresh folder is used as named");
  PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s/result.txt", dir1));
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  if (rank == 0) { /* atomic files are written by one rank */
    PetscCall(MfAtomicOpen(buf, &fp));
    fputs("first result\n", fp);
    CHECK(stat(buf, &st) != 0, "the final name must not exist before the atomic close");
    PetscCall(MfAtomicClose(buf, &fp));
    CHECK(stat(buf, &st) == 0, "the final name exists after the atomic close");
  }
  PetscCallMPI(MPI_Barrier(PETSC_COMM_WORLD));
  /* The same request again must not touch the first folder. */
  PetscCall(MfOutputDirCreate(PETSC_COMM_WORLD, path, PETSC_FALSE, dir2, sizeof(dir2)));
  CHECK(strcmp(dir1, dir2) && strstr(dir2, "-1"), "second run gets a suffixed folder, got '%s'", dir2);
  PetscCall(Slurp(buf, buf, sizeof(buf)));
  CHECK(!strcmp(buf, "first result\n"), "earlier result intact");

  /* Unwritable location: a clear error, not a crash. */
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  PetscErrorCode ierr = MfOutputDirCreate(PETSC_COMM_WORLD, "/proc/memflex_cannot_write_here", PETSC_FALSE, dir2, sizeof(dir2));
  PetscCall(PetscPopErrorHandler());
  CHECK(ierr != 0, "an unwritable folder must be an error");

  if (rank) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/s.json", dir1));
  PetscCall(MfAtomicOpen(path, &fp));
  PetscCall(MfJsonBegin(&j, fp));
  PetscCall(MfJsonString(&j, "name", "a \"quoted\"\\ name\n"));
  PetscCall(MfJsonReal(&j, "nan", NAN));
  PetscCall(MfJsonArrayBegin(&j, "list"));
  PetscCall(MfJsonReal(&j, NULL, 1.5));
  PetscCall(MfJsonInt(&j, NULL, 2));
  PetscCall(MfJsonArrayEnd(&j));
  PetscCall(MfJsonEnd(&j));
  PetscCall(MfAtomicClose(path, &fp));
  PetscCall(Slurp(path, buf, sizeof(buf)));
  CHECK(strstr(buf, "\"a \\\"quoted\\\"\\\\ name\\n\"") && strstr(buf, "\"nan\": null") && strstr(buf, "1.5,"), "JSON content: %s", buf);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "output: all checks passed\n"));
  PetscCall(PetscFinalize());
  return 0;
}
