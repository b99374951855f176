/* Runs MfKmcBenchmark (the body of `memflex bench kmc`). */
#include "mf_kmc.h"

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, "KMC benchmark driver"));
  PetscCall(MfKmcBenchmark(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
