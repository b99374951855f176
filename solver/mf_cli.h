#ifndef MF_CLI_H
#define MF_CLI_H
/* The verbs of the memflex command line that need more than one call (solver/cli.c). */
#include <petscsys.h>

/* memflex run [deck]: load the deck (NULL = the built-in default deck), validate, run. */
PetscErrorCode MfCliRun(MPI_Comm comm, const char *deck);
/* memflex sweep study.yaml: every point is a run of the study's deck with its overrides. */
PetscErrorCode MfCliSweep(MPI_Comm comm, const char *study);

#endif
