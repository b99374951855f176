/* Test driver for solver/config: load a deck, validate, and check or write the result.
 *
 *   config_check [deck.yaml] [-key value ...]
 *     -test_expect "key=value|key=value"  compare resolved values (value may carry a unit; lists with ',');
 *                                         a key outside the schema is a passed-through option, compared as text
 *     -test_write file                    write the resolved deck
 *     -test_roundtrip file                write the resolved deck, reload it into a fresh options database
 *                                         and require every schema key to resolve to the same value
 *     -test_prepare_output                create/check the output folder
 *     -test_help                          print the key table
 * Input errors print one line "memflex: error: ..." and exit 1 (MfInputErrorHandler); this is how the
 * real CLI (solver/main.c) reports them. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mf_config.h"
#include "mf_run.h" /* MfRegisterAll */

/* Two values of a key agree: reals to 2 ulp (the same text converted twice gives identical bits; 2 ulp
 * covers the one extra rounding of a Celsius offset or an eV factor); everything else as text. */
static PetscErrorCode Resolved(const MfKey *k, char *out, size_t len, PetscReal *v, PetscInt *nv)
{
  PetscBool set;
  PetscFunctionBeginUser;
  *nv    = 0;
  out[0] = 0;
  switch (k->type) {
  case MF_KEY_REAL:
    PetscCall(MfConfigGetReal(k->name, &v[0], &set));
    *nv = set || (k->def && k->def[0]) ? 1 : 0;
    break;
  case MF_KEY_REAL_ARRAY:
    *nv = 64;
    PetscCall(MfConfigGetRealArray(k->name, v, nv, &set));
    break;
  case MF_KEY_INT: {
    PetscInt i;
    PetscCall(MfConfigGetInt(k->name, &i, &set));
    snprintf(out, len, "%" PetscInt_FMT, i);
  } break;
  case MF_KEY_BOOL: {
    PetscBool b;
    PetscCall(MfConfigGetBool(k->name, &b, &set));
    snprintf(out, len, "%s", b ? "true" : "false");
  } break;
  default:
    PetscCall(MfConfigGetString(k->name, out, len, &set));
  }
  PetscFunctionReturn(0);
}

static int Close(PetscReal a, PetscReal b)
{
  return a == b || fabs(a - b) <= ldexp(fmax(fabs(a), fabs(b)), -51);
}

static PetscErrorCode Expect(const char *spec, int *nfail)
{
  char  buf[4096], *item, *save = NULL;
  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(buf, spec, sizeof(buf)));
  for (item = strtok_r(buf, "|", &save); item; item = strtok_r(NULL, "|", &save)) {
    char        *eq = strchr(item, '='), text[1024];
    const MfKey *k;
    PetscReal    v[64];
    PetscInt     nv;
    PetscCheck(eq, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "-test_expect item '%s' is not key=value", item);
    *eq = 0;
    k   = MfSchemaFind(item);
    if (!k) { /* not a memflex key: a passed-through PETSc option, compared as text */
      char      opt[256];
      PetscBool set;
      int       good;
      snprintf(opt, sizeof(opt), "-%s", item);
      PetscCall(PetscOptionsGetString(NULL, NULL, opt, text, sizeof(text), &set));
      good = set && !strcmp(text, eq + 1);
      printf("%s option %s = '%s' (expected '%s')\n", good ? "ok  " : "FAIL", opt, set ? text : "(unset)", eq + 1);
      if (!good) (*nfail)++;
      continue;
    }
    PetscCall(Resolved(k, text, sizeof(text), v, &nv));
    if (k->type == MF_KEY_REAL || k->type == MF_KEY_REAL_ARRAY) {
      char     ebuf[1024], *e, *s2 = NULL;
      PetscInt ne = 0;
      int      good;
      PetscCall(PetscStrncpy(ebuf, eq + 1, sizeof(ebuf)));
      good = 1;
      for (e = strtok_r(ebuf, ",", &s2); e; e = strtok_r(NULL, ",", &s2), ne++) {
        PetscReal x;
        PetscBool ok;
        char      msg[256];
        PetscCall(MfUnitsParse(e, k->unit, &x, &ok, msg, sizeof(msg)));
        PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "-test_expect %s: %s", item, msg);
        if (ne >= nv || !Close(v[ne], x)) good = 0;
        printf("%s %s[%d] = %.17g (expected %.17g)\n", good ? "ok  " : "FAIL", item, (int)ne, ne < nv ? (double)v[ne] : NAN, (double)x);
      }
      if (ne != nv) good = 0;
      if (!good) (*nfail)++;
    } else {
      int good = !strcasecmp(text, eq + 1);
      printf("%s %s = '%s' (expected '%s')\n", good ? "ok  " : "FAIL", item, text, eq + 1);
      if (!good) (*nfail)++;
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode RoundTrip(const char *path, int *nfail)
{
  PetscInt     n;
  char       (*text)[1024];
  PetscReal  (*vals)[64];
  PetscInt    *nv;
  PetscOptions fresh;
  char         deck[PETSC_MAX_PATH_LEN];

  PetscFunctionBeginUser;
  n = MfKeysCount();
  PetscCall(PetscMalloc3(n, &text, n, &vals, n, &nv));
  for (PetscInt i = 0; i < n; i++) PetscCall(Resolved(MfKeysGet(i), text[i], sizeof(text[i]), vals[i], &nv[i]));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-deck_file", deck, sizeof(deck), NULL));
  PetscCall(MfConfigWriteResolved(PETSC_COMM_WORLD, path));
  PetscCall(PetscOptionsCreate(&fresh));
  PetscCall(PetscOptionsPush(fresh));
  PetscCall(MfDeckLoad(PETSC_COMM_WORLD, path));
  PetscCall(PetscOptionsSetValue(NULL, "-deck_file", deck)); /* loaded as a key of the file already */
  PetscCall(MfConfigValidate(PETSC_COMM_WORLD));
  for (PetscInt i = 0; i < n; i++) {
    char      t[1024];
    PetscReal v[64];
    PetscInt  m;
    int       good = 1;
    PetscCall(Resolved(MfKeysGet(i), t, sizeof(t), v, &m));
    if (strcmp(t, text[i]) || m != nv[i]) good = 0;
    for (PetscInt j = 0; good && j < m; j++) good = v[j] == vals[i][j]; /* shortest round-trip text: exact */
    if (!good) {
      printf("FAIL round trip of %s: '%s'/%d vs '%s'/%d\n", MfKeysGet(i)->name, text[i], (int)nv[i], t, (int)m);
      (*nfail)++;
    }
  }
  printf("round trip through %s: %d key(s) compared\n", path, (int)n);
  PetscCall(PetscOptionsPop());
  PetscCall(PetscOptionsDestroy(&fresh));
  PetscCall(PetscFree3(text, vals, nv));
  PetscFunctionReturn(0);
}

static PetscErrorCode Run(int argc, char **argv, int *nfail)
{
  char      buf[4096];
  PetscBool flg;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsHasName(NULL, NULL, "-test_help", &flg));
  if (flg) {
    PetscCall(MfConfigPrintHelp(PETSC_COMM_WORLD));
    PetscFunctionReturn(0);
  }
  if (argc > 1 && argv[1][0] != '-') PetscCall(MfDeckLoad(PETSC_COMM_WORLD, argv[1]));
  PetscCall(MfConfigValidate(PETSC_COMM_WORLD));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-test_expect", buf, sizeof(buf), &flg));
  if (flg) PetscCall(Expect(buf, nfail));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-test_write", buf, sizeof(buf), &flg));
  if (flg) PetscCall(MfConfigWriteResolved(PETSC_COMM_WORLD, buf));
  PetscCall(PetscOptionsHasName(NULL, NULL, "-test_prepare_output", &flg));
  if (flg) {
    char dir[PETSC_MAX_PATH_LEN];
    PetscCall(MfConfigPrepareOutputDir(PETSC_COMM_WORLD, dir, sizeof(dir)));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "output folder ready: %s\n", dir));
  }
  PetscCall(PetscOptionsGetString(NULL, NULL, "-test_roundtrip", buf, sizeof(buf), &flg));
  if (flg) PetscCall(RoundTrip(buf, nfail));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "configuration valid, %d failed expectation(s)\n", *nfail));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscErrorCode ierr;
  int            nfail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "memflex configuration checker"));
  PetscCall(MfRegisterAll());
  PetscCall(PetscPushErrorHandler(MfInputErrorHandler, NULL));
  ierr = Run(argc, argv, &nfail);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscFinalize());
  return ierr || nfail ? 1 : 0;
}
