/* Unit tests of study expansion (grid, list, lhs, ensemble, ranges, fixed keys, bad input) and of the Latin
 * hypercube design. Every check is exact (integer strata, string values) unless stated. */
#include "mf_sweep.h"
#include <math.h>
#include <string.h>

static PetscInt nfail = 0;
#define CHECK(cond, ...) \
  do { \
    if (!(cond)) { \
      nfail++; \
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL %s:%d: ", __FILE__, __LINE__)); \
      PetscCall(PetscPrintf(PETSC_COMM_SELF, __VA_ARGS__)); \
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "\n")); \
    } \
  } while (0)

static PetscErrorCode WriteStudy(const char *dir, const char *name, const char *deck, const char *body, char *path, size_t len)
{
  FILE *fp;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(path, len, "%s/%s", dir, name));
  fp = fopen(path, "w");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write %s", path);
  fprintf(fp, "deck: %s\n%s", deck, body);
  fclose(fp);
  PetscFunctionReturn(0);
}

/* Expect MfStudyLoad to fail with a message containing `needle`. */
typedef struct { char msg[1024]; PetscBool have; } Catch;
static PetscErrorCode CatchHandler(MPI_Comm comm, int line, const char *fun, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  Catch *c = (Catch *)ctx;
  if (p == PETSC_ERROR_INITIAL && !c->have && mess) {
    snprintf(c->msg, sizeof(c->msg), "%s", mess);
    c->have = PETSC_TRUE;
  }
  return n;
}

static PetscErrorCode ExpectBad(const char *dir, const char *deck, const char *body, const char *needle)
{
  char           path[PETSC_MAX_PATH_LEN];
  MfStudy        s;
  Catch          c = {"", PETSC_FALSE};
  PetscErrorCode ierr;
  PetscFunctionBeginUser;
  PetscCall(WriteStudy(dir, "bad.yaml", deck, body, path, sizeof(path)));
  PetscCall(PetscPushErrorHandler(CatchHandler, &c));
  ierr = MfStudyLoad(path, &s);
  PetscCall(PetscPopErrorHandler());
  CHECK(ierr != 0, "bad study accepted: %s", body);
  CHECK(ierr == 0 || strstr(c.msg, needle), "message '%s' does not mention '%s'", c.msg, needle);
  if (!ierr) PetscCall(MfStudyDestroy(&s));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestLatinHypercube(void)
{
  const PetscInt n = 64, dim = 4;
  PetscReal      u[64 * 4], v[64 * 4], w[64 * 4];
  PetscFunctionBeginUser;
  PetscCall(MfLatinHypercube(n, dim, 12345, u));
  PetscCall(MfLatinHypercube(n, dim, 12345, v));
  PetscCall(MfLatinHypercube(n, dim, 12346, w));
  CHECK(!memcmp(u, v, sizeof(u)), "same seed gave a different design");
  CHECK(memcmp(u, w, sizeof(u)), "different seeds gave the same design");
  for (PetscInt j = 0; j < dim; j++) {
    PetscInt count[64] = {0};
    for (PetscInt i = 0; i < n; i++) {
      PetscReal x = u[i * dim + j];
      CHECK(x >= 0 && x < 1, "sample %" PetscInt_FMT " dim %" PetscInt_FMT " = %g outside [0,1)", i, j, (double)x);
      count[(PetscInt)floor(x * n)]++;
    }
    for (PetscInt m = 0; m < n; m++) CHECK(count[m] == 1, "dim %" PetscInt_FMT " stratum %" PetscInt_FMT " holds %" PetscInt_FMT " samples (LHS needs exactly 1)", j, m, count[m]);
  }
  /* the per-dimension permutations must not be all identical (that would be a diagonal, not a hypercube) */
  {
    PetscInt same = 0;
    for (PetscInt i = 0; i < n; i++) same += (floor(u[i * dim] * n) == floor(u[i * dim + 1] * n));
    CHECK(same < n, "dimensions 0 and 1 use the same permutation");
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char    deck[PETSC_MAX_PATH_LEN] = "", dir[PETSC_MAX_PATH_LEN] = ".", path[PETSC_MAX_PATH_LEN];
  MfStudy s;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-deck", deck, sizeof(deck), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-workdir", dir, sizeof(dir), NULL));
  PetscCall(TestLatinHypercube());

  /* grid: Cartesian product, first key slowest; dotted keys flattened; fixed keys appended */
  PetscCall(WriteStudy(dir, "grid.yaml", deck, "mode: grid\nparameters:\n  bending.radius: [20 mm, 10 mm, 5 mm]\n  device.compliance: [1e-5 A, 1e-4 A]\nfixed: {protocol.cycles: 3}\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 6 && s.nkeys == 3, "grid: %" PetscInt_FMT " points, %" PetscInt_FMT " keys (expected 6, 3)", s.npoints, s.nkeys);
  CHECK(!strcmp(s.keys[0], "bending_radius") && !strcmp(s.keys[1], "device_compliance") && !strcmp(s.keys[2], "protocol_cycles"), "grid keys %s %s %s", s.keys[0], s.keys[1], s.keys[2]);
  CHECK(!strcmp(MfStudyValue(&s, 0, 0), "20 mm") && !strcmp(MfStudyValue(&s, 0, 1), "1e-5 A"), "grid point 0");
  CHECK(!strcmp(MfStudyValue(&s, 1, 0), "20 mm") && !strcmp(MfStudyValue(&s, 1, 1), "1e-4 A"), "grid point 1: last key fastest");
  CHECK(!strcmp(MfStudyValue(&s, 5, 0), "5 mm") && !strcmp(MfStudyValue(&s, 5, 1), "1e-4 A") && !strcmp(MfStudyValue(&s, 5, 2), "3"), "grid point 5");
  CHECK(!strcmp(s.name, "grid") && !strcmp(s.output, "results/grid"), "default name/output %s %s", s.name, s.output);
  {
    unsigned long long h = s.points_hash;
    PetscCall(MfStudyDestroy(&s));
    PetscCall(WriteStudy(dir, "grid2.yaml", deck, "mode: grid\nparameters:\n  bending.radius: [20 mm, 10 mm, 2 mm]\n  device.compliance: [1e-5 A, 1e-4 A]\nfixed: {protocol.cycles: 3}\n", path, sizeof(path)));
    PetscCall(MfStudyLoad(path, &s));
    CHECK(h != s.points_hash, "changing one value must change the study fingerprint");
    PetscCall(MfStudyDestroy(&s));
  }

  /* list: zipped */
  PetscCall(WriteStudy(dir, "list.yaml", deck, "mode: list\nparameters:\n  bending_radius: [20 mm, 2 mm]\n  device.compliance: [1e-5 A, 1e-4 A]\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 2 && !strcmp(MfStudyValue(&s, 1, 0), "2 mm") && !strcmp(MfStudyValue(&s, 1, 1), "1e-4 A"), "list zipping");
  PetscCall(MfStudyDestroy(&s));

  /* ranges: n values with exact end points, linear and log */
  PetscCall(WriteStudy(dir, "range.yaml", deck, "mode: grid\nparameters:\n  a: {min: 0 V, max: 1 V, n: 5}\n  b: {min: 1e-6 A, max: 1e-3 A, n: 4, scale: log}\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 20, "range grid %" PetscInt_FMT " points", s.npoints);
  CHECK(!strcmp(MfStudyValue(&s, 0, 0), "0 V") && !strcmp(MfStudyValue(&s, 4, 0), "0.25 V") && !strcmp(MfStudyValue(&s, 19, 0), "1 V"), "linear range values %s %s %s", MfStudyValue(&s, 0, 0), MfStudyValue(&s, 4, 0), MfStudyValue(&s, 19, 0));
  CHECK(!strcmp(MfStudyValue(&s, 0, 1), "1e-06 A") && !strcmp(MfStudyValue(&s, 1, 1), "1e-05 A") && !strcmp(MfStudyValue(&s, 3, 1), "0.001 A"), "log range values %s %s %s", MfStudyValue(&s, 0, 1), MfStudyValue(&s, 1, 1), MfStudyValue(&s, 3, 1));
  PetscCall(MfStudyDestroy(&s));

  /* lhs with a log-scale key: one sample per stratum in log space, reproducible */
  PetscCall(WriteStudy(dir, "lhs.yaml", deck, "mode: lhs\nsamples: 40\nseed: 7\nparameters:\n  bending.radius: {min: 1 mm, max: 100 mm, scale: log}\n  device.voltage: {min: 0.2 V, max: 1.2 V}\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 40 && s.nkeys == 2, "lhs size");
  {
    PetscInt cr[40] = {0}, cv[40] = {0};
    for (PetscInt p = 0; p < 40; p++) {
      char     *end;
      PetscReal r = strtod(MfStudyValue(&s, p, 0), &end), v;
      CHECK(!strcmp(end, " mm"), "lhs radius unit '%s'", end);
      v = strtod(MfStudyValue(&s, p, 1), &end);
      CHECK(!strcmp(end, " V"), "lhs voltage unit '%s'", end);
      /* stratum index from the printed value; 10 significant digits keep it away from stratum edges except
       * with probability ~1e-9 per sample */
      PetscInt ir = (PetscInt)floor(40 * log(r / 1.0) / log(100.0)), iv = (PetscInt)floor(40 * (v - 0.2) / 1.0);
      CHECK(ir >= 0 && ir < 40 && iv >= 0 && iv < 40, "lhs value outside range: %g mm %g V", (double)r, (double)v);
      if (ir >= 0 && ir < 40) cr[ir]++;
      if (iv >= 0 && iv < 40) cv[iv]++;
    }
    for (PetscInt m = 0; m < 40; m++) CHECK(cr[m] == 1 && cv[m] == 1, "lhs stratum %" PetscInt_FMT ": radius %" PetscInt_FMT ", voltage %" PetscInt_FMT " samples (expected 1, 1)", m, cr[m], cv[m]);
  }
  PetscCall(MfStudyDestroy(&s));

  /* ensemble: grid x seeds, seed fastest; seed_key override */
  PetscCall(WriteStudy(dir, "ens.yaml", deck, "name: ens\nmode: ensemble\nseeds: 4\nseed: 100\nparameters: {bending.radius: [10 mm, 2 mm]}\noutput: out/ens\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 8 && s.nkeys == 2 && !strcmp(s.keys[1], "kmc_seed"), "ensemble size/keys");
  CHECK(!strcmp(MfStudyValue(&s, 0, 1), "100") && !strcmp(MfStudyValue(&s, 3, 1), "103") && !strcmp(MfStudyValue(&s, 4, 1), "100") && !strcmp(MfStudyValue(&s, 4, 0), "2 mm"), "ensemble seeds");
  CHECK(!strcmp(s.output, "out/ens"), "output key");
  PetscCall(MfStudyDestroy(&s));
  PetscCall(WriteStudy(dir, "ens2.yaml", deck, "mode: ensemble\nseeds: 3\nseed_key: kmc.member\nseed: 0\n", path, sizeof(path)));
  PetscCall(MfStudyLoad(path, &s));
  CHECK(s.npoints == 3 && s.nkeys == 1 && !strcmp(s.keys[0], "kmc_member") && !strcmp(MfStudyValue(&s, 2, 0), "2"), "seed-only ensemble");
  PetscCall(MfStudyDestroy(&s));

  /* bad input: each message names the problem */
  PetscCall(ExpectBad(dir, deck, "mode: grid\nparameters: {a: [1, 2]}\nsampels: 3\n", "unknown study key 'sampels'"));
  PetscCall(ExpectBad(dir, deck, "mode: cube\nparameters: {a: [1, 2]}\n", "mode 'cube'"));
  PetscCall(ExpectBad(dir, deck, "mode: list\nparameters: {a: [1, 2], b: [1, 2, 3]}\n", "list mode zips"));
  PetscCall(ExpectBad(dir, deck, "mode: lhs\nseed: 1\nparameters: {a: {min: 1, max: 2}}\n", "samples"));
  PetscCall(ExpectBad(dir, deck, "mode: lhs\nsamples: 4\nseed: 1\nparameters: {a: [1, 2]}\n", "min"));
  PetscCall(ExpectBad(dir, deck, "mode: grid\nparameters: {a: {min: 1 mm, max: 2 m, n: 3}}\n", "same unit"));
  PetscCall(ExpectBad(dir, deck, "mode: grid\nparameters: {a: {min: 0 A, max: 1 A, n: 3, scale: log}}\n", "log scale needs min > 0"));
  PetscCall(ExpectBad(dir, deck, "mode: ensemble\nparameters: {a: [1]}\n", "seeds"));
  PetscCall(ExpectBad(dir, deck, "mode: grid\nparameters: {a: [1], b.c: [2]}\nfixed: {a: 3}\n", "given twice"));
  PetscCall(ExpectBad(dir, "no/such/deck.yaml", "mode: grid\nparameters: {a: [1]}\n", "no/such/deck.yaml"));
  PetscCall(ExpectBad(dir, deck, "mode: grid\nparameters: {a: [1, 2\n", "malformed"));

  if (nfail) PetscCall(PetscPrintf(PETSC_COMM_SELF, "sweep_design: %" PetscInt_FMT " check(s) failed\n", nfail));
  else PetscCall(PetscPrintf(PETSC_COMM_SELF, "sweep_design: all checks passed\n"));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
