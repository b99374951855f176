/* Unit test: atomic files appear only when complete; JSON escaping and non-finite values. */
#include "mf_output.h"
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <math.h>

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
  char        path[PETSC_MAX_PATH_LEN], buf[4096];
  FILE       *fp;
  MfJson      j;
  struct stat st;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscSNPrintf(path, sizeof(path), "atomic_test_%d.txt", (int)getpid()));
  PetscCall(MfAtomicOpen(path, &fp));
  fputs("first result\n", fp);
  CHECK(stat(path, &st) != 0, "the final name must not exist before the atomic close");
  PetscCall(MfAtomicClose(path, &fp));
  CHECK(stat(path, &st) == 0, "the final name exists after the atomic close");
  PetscCall(Slurp(path, buf, sizeof(buf)));
  CHECK(!strcmp(buf, "first result\n"), "content");
  remove(path);

  PetscCall(PetscSNPrintf(path, sizeof(path), "json_test_%d.json", (int)getpid()));
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
  remove(path);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "output: all checks passed\n"));
  PetscCall(PetscFinalize());
  return 0;
}
