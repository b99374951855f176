/* materials_cli: inspect the material library from the command line (also the driver of the bad-input
 * tests, whose job is to check that errors reach the user as one readable line and a non-zero exit).
 *   materials_cli -list                      table of every library material
 *   materials_cli -show NAME [-mat_<key> v]  one material (name, alias or .yaml path), with overrides
 *   materials_cli -file PATH                 load and validate one file
 *   -materials_dir DIR                       library location (else MEMFLEX_MATERIALS, else built-in) */
#include "mf_material.h"

int main(int argc, char **argv)
{
  char       name[PETSC_MAX_PATH_LEN];
  PetscBool  list = PETSC_FALSE, show, file;
  MfMaterial m;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "material library inspector"));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-list", &list, NULL));
  if (list) PetscCall(MfMaterialList(PETSC_COMM_WORLD, NULL, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-show", name, sizeof(name), &show));
  if (show) {
    PetscCall(MfMaterialLoad(PETSC_COMM_WORLD, NULL, name, &m));
    PetscCall(MfMaterialSetFromOptions(&m, "mat_"));
    PetscCall(MfMaterialView(&m, PETSC_VIEWER_STDOUT_WORLD));
  }
  PetscCall(PetscOptionsGetString(NULL, NULL, "-file", name, sizeof(name), &file));
  if (file) {
    PetscCall(MfMaterialLoadFile(PETSC_COMM_WORLD, name, &m));
    PetscCall(MfMaterialView(&m, PETSC_VIEWER_STDOUT_WORLD));
  }
  PetscCheck(list || show || file, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "materials_cli: give -list, -show NAME or -file PATH");
  PetscCall(PetscFinalize());
  return 0;
}
