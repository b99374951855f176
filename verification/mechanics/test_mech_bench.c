/* Scaling benchmark (label slow): DOFs, linear iterations and solve time under refinement. */
#include "mf_mechanics.h"

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfMechanicsBenchmark(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
