#ifndef SWEEP_TEST_DEVICE_H
#define SWEEP_TEST_DEVICE_H
/* An analytic stand-in for a device run, to test the sweep machinery (not physics: the lead's run replaces it). */
#include "mf_sweep.h"

typedef struct {
  PetscReal sleep_s;        /* -test_sleep: wall time each point sleeps (makes kill tests real) */
  PetscInt  work;           /* -test_work: xorshift iterations split over the sub-communicator (CPU load) */
  char      calls_log[PETSC_MAX_PATH_LEN]; /* -test_calls_log: one line per invocation (rank 0 of sub) */
} SweepTestDevice;

PetscErrorCode SweepTestDeviceSetFromOptions(SweepTestDevice *dev);
PetscErrorCode SweepTestDeviceRun(MPI_Comm sub, const char *deck, PetscInt nkeys, const char *const keys[], const char *const values[], const char *outdir, void *ctx, MfSweepMetrics *m);
#endif
