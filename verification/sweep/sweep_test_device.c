/* Analytic test device for the sweep tests. Metrics are closed-form functions of the point's parameters:
 *   strain_surface = h_sub / (2 R)                 (thin film on a bent substrate of thickness h, neutral axis
 *                                                   at mid-substrate: Suo et al., APL 74, 1177 (1999))
 *   R_on_Ohm       = V_c / I_cc, V_c = 0.3 V      (R_on set by the compliance current, Ielmini, Semicond. Sci.
 *                                                   Technol. 31, 063002 (2016): R_on ~ V_c / I_C)
 *   V_set_V        = Weibull(beta = 6, eta = 0.8 V (1 - 5 strain)) drawn with gsl mt19937 seeded by kmc_seed
 * Deliberate failures: bending_radius <= 0 is a PETSc error (bad value); device_compliance = 0 is declared
 * failed through MfSweepMetricsFail (non-finite R_on); test_fail = 1 fails on every rank of the sub-
 * communicator after a collective (a "divergence" inside a parallel run). */
#include "sweep_test_device.h"
#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

PetscErrorCode SweepTestDeviceSetFromOptions(SweepTestDevice *dev)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(dev, sizeof(*dev)));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-test_sleep", &dev->sleep_s, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-test_work", &dev->work, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-test_calls_log", dev->calls_log, sizeof(dev->calls_log), NULL));
  PetscFunctionReturn(0);
}

/* "5 mm" -> 5e-3; the units this device understands */
static PetscErrorCode ParseSI(const char *key, const char *text, PetscReal *v)
{
  static const struct { const char *u; double f; } units[] = {
    {"", 1}, {"m", 1}, {"mm", 1e-3}, {"um", 1e-6}, {"nm", 1e-9}, {"A", 1}, {"mA", 1e-3}, {"uA", 1e-6}, {"nA", 1e-9}, {"V", 1}};
  char *end;

  PetscFunctionBeginUser;
  errno = 0;
  *v    = strtod(text, &end);
  PetscCheck(end != text && !errno, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s = '%s' is not a number", key, text);
  while (*end == ' ') end++;
  for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
    if (!strcmp(end, units[i].u)) {
      *v *= units[i].f;
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s = '%s': unknown unit '%s'", key, text, end);
}

PetscErrorCode SweepTestDeviceRun(MPI_Comm sub, const char *deck, PetscInt nkeys, const char *const keys[], const char *const values[], const char *outdir, void *ctx, MfSweepMetrics *m)
{
  SweepTestDevice *dev = (SweepTestDevice *)ctx;
  PetscReal        radius = INFINITY, icc = 1e-4, h_sub = 125e-6, fail = 0, seed = 1;
  PetscMPIInt      rank, size;
  unsigned long long local = 0, global = 0;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(sub, &rank));
  PetscCallMPI(MPI_Comm_size(sub, &size));
  PetscCheck(!access(deck, R_OK), PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "deck '%s' not readable", deck);
  if (rank == 0 && dev->calls_log[0]) {
    int  fd = open(dev->calls_log, O_WRONLY | O_APPEND | O_CREAT, 0666);
    char line[PETSC_MAX_PATH_LEN + 2];
    const char *b = strrchr(outdir, '/');
    PetscCheck(fd >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open %s", dev->calls_log);
    int n = snprintf(line, sizeof(line), "%s\n", b ? b + 1 : outdir);
    PetscCheck(write(fd, line, (size_t)n) == n, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot write %s", dev->calls_log); /* O_APPEND: one atomic line */
    close(fd);
  }
  for (PetscInt k = 0; k < nkeys; k++) {
    if (!strcmp(keys[k], "bending_radius")) PetscCall(ParseSI(keys[k], values[k], &radius));
    else if (!strcmp(keys[k], "device_compliance")) PetscCall(ParseSI(keys[k], values[k], &icc));
    else if (!strcmp(keys[k], "stack_substrate_thickness")) PetscCall(ParseSI(keys[k], values[k], &h_sub));
    else if (!strcmp(keys[k], "test_fail")) PetscCall(ParseSI(keys[k], values[k], &fail));
    else if (!strcmp(keys[k], "kmc_seed")) PetscCall(ParseSI(keys[k], values[k], &seed));
  }
  { /* the sweep also puts the keys into the options database: check it agrees with the arguments */
    char      opt[64];
    PetscBool set;
    for (PetscInt k = 0; k < nkeys; k++) {
      char name[160];
      PetscCall(PetscSNPrintf(name, sizeof(name), "-%s", keys[k]));
      PetscCall(PetscOptionsGetString(NULL, NULL, name, opt, sizeof(opt), &set));
      PetscCheck(set && !strcmp(opt, values[k]), PETSC_COMM_SELF, PETSC_ERR_PLIB, "option %s is '%s', argument is '%s'", name, set ? opt : "(unset)", values[k]);
    }
  }
  /* CPU work split over the group, combined exactly (XOR), so the checksum is independent of the rank count */
  for (PetscInt i = rank; i < dev->work; i += size) {
    unsigned long long x = 0x9E3779B97F4A7C15ULL * (unsigned long long)(i + 1);
    for (int r = 0; r < 64; r++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; }
    local ^= x;
  }
  PetscCallMPI(MPI_Allreduce(&local, &global, 1, MPI_UNSIGNED_LONG_LONG, MPI_BXOR, sub));
  if (dev->sleep_s > 0) {
    struct timespec ts = {(time_t)dev->sleep_s, (long)((dev->sleep_s - floor(dev->sleep_s)) * 1e9)};
    nanosleep(&ts, NULL);
  }
  PetscCheck(fail == 0, sub, PETSC_ERR_NOT_CONVERGED, "test device: SNES diverged (test_fail = %g requested it)", (double)fail);
  PetscCheck(radius > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "bending.radius = %g m: expected a positive radius (use a large value for a flat device)", (double)radius);
  {
    PetscReal strain = h_sub / (2 * radius), beta = 6, eta = 0.8 * (1 - 5 * strain), vset;
    gsl_rng  *rng    = gsl_rng_alloc(gsl_rng_mt19937);
    PetscCheck(rng, PETSC_COMM_SELF, PETSC_ERR_MEM, "gsl_rng_alloc failed");
    gsl_rng_set(rng, (unsigned long)seed);
    vset = gsl_ran_weibull(rng, eta, beta);
    gsl_rng_free(rng);
    PetscCall(MfSweepMetricsSet(m, "strain", strain));
    PetscCall(MfSweepMetricsSet(m, "R_on_Ohm", 0.3 / icc));
    PetscCall(MfSweepMetricsSet(m, "V_set_V", vset));
    PetscCall(MfSweepMetricsSet(m, "work_checksum", (PetscReal)(global >> 11))); /* 53 bits: exact in a double */
    if (!isfinite(0.3 / icc)) PetscCall(MfSweepMetricsFail(m, "R_on is not finite (compliance current 0 A)"));
  }
  PetscFunctionReturn(0);
}
