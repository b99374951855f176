/* Stand-alone driver of MfElectroThermalBenchmark (memflex bench calls the same function). */
#include "mf_electrothermal.h"

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfElectroThermalBenchmark(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
