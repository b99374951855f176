/* Requirement: a physically impossible material (nu = 0.5, incompressible, singular lambda) is rejected
 * with a message naming the region, the material, the value and the allowed range. */
#include "mech_test_util.h"

int main(int argc, char **argv)
{
  MfMechStackSpec spec = {.dim = 2, .nlayers = 1, .thickness_m = {10e-6}, .region = {MF_REGION_SUBSTRATE}, .ncells = {1}, .length_m = {10e-6}, .ncells_inplane = {2}};
  MfMaterial      mats[MF_NUM_REGIONS];
  DM              dm;
  MfMechanics     mech;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  mats[MF_REGION_SUBSTRATE] = MechTestMaterial("PDMS_bad", 1e6, 0.5, 300e-6);
  PetscCall(MfMechanicsCreateLayeredBox(PETSC_COMM_WORLD, &spec, &dm));
  PetscCall(MfMechanicsCreate(dm, &mech));
  PetscCall(MfMechanicsSetMaterials(mech, mats));
  PetscCall(MfMechanicsSetUp(mech));
  PetscCall(MfMechanicsSolve(mech));
  PetscCall(MfMechanicsDestroy(&mech));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscFinalize());
  return 0;
}
