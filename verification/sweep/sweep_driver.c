/* memflex sweep with the analytic test device: sweep_driver study.yaml [-sweep_* options] [-test_* options] */
#include "sweep_test_device.h"

int main(int argc, char **argv)
{
  SweepTestDevice dev;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "sweep_driver study.yaml: runs a study with an analytic device\n"));
  PetscCheck(argc >= 2 && argv[1][0] != '-', PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: sweep_driver study.yaml [options]");
  PetscCall(SweepTestDeviceSetFromOptions(&dev));
  PetscCall(MfSweepMain(PETSC_COMM_WORLD, argv[1], SweepTestDeviceRun, &dev));
  PetscCall(PetscFinalize());
  return 0;
}
