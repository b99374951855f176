#ifndef MF_CLI_H
#define MF_CLI_H
/* The verbs of the memflex command line that need more than one call (solver/cli.c). */
#include <petscsys.h>

/* memflex run [deck]: load the deck (NULL = the built-in default deck), validate, run. */
PetscErrorCode MfCliRun(MPI_Comm comm, const char *deck);
/* memflex sweep study.yaml: every point is a run of the study's deck with its overrides. */
PetscErrorCode MfCliSweep(MPI_Comm comm, const char *study);

/* The whole command line (solver/main.c is `return MfMain(argc, argv, NULL);`). register_extra, when given, runs
 * after the built-in keys and mechanisms are registered and before any deck is read: a program adds its own
 * mechanisms there (MfMechanismRegister; verification/mechanisms/toy_walk.c). Returns the exit status. */
int MfMain(int argc, char **argv, PetscErrorCode (*register_extra)(void));

#endif
