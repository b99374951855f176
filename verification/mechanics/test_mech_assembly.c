/* Requirement: the node-blocked element loops of mech_assembly.c (the default, ~85x faster for Q2 hexahedra)
 * compute the same stiffness matrix, residual and generalized end forces as PETSc's generic assembly of the
 * pointwise kernels (mech_kernels.c: MfMechG3Elastic, MfMechF1Elastic, MfMechObjectiveEndForce), which the
 * MMS test verifies against exact solutions. Checked in 2D (Q1, Q2, Q3) and 3D (Q1, Q2) on a 3-layer stack
 * with a 1e3 thickness ratio, a 75x modulus contrast, three Poisson ratios and a thermal eigenstrain, at a
 * pseudo-random displacement. Both paths sum the same products in a different order, so the differences are
 * round-off: tolerance 1e-11 relative (about 1e4 x machine epsilon for the condition of the element sums). */
#include "mech_test_util.h"

int main(int argc, char **argv)
{
  MPI_Comm comm;
  PetscInt nfail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  for (PetscInt dim = 2; dim <= 3; ++dim) {
    for (PetscInt deg = 1; deg <= (dim == 2 ? 3 : 2); ++deg) {
      MfMechStackSpec spec = {.dim = dim, .nlayers = 3, .thickness_m = {100e-6, 100e-9, 20e-9},
                              .region = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL},
                              .ncells = {2, 1, 1}, .length_m = {300e-6, 200e-6}, .ncells_inplane = {3, 2}};
      MfMaterial  mats[MF_NUM_REGIONS];
      DM          dm;
      MfMechanics mech;
      PetscReal   ej, er, ef;
      char        opt[8], what[96];

      PetscCall(PetscMemzero(mats, sizeof(mats)));
      mats[MF_REGION_SUBSTRATE]        = MechTestMaterial("PET", 2.8e9, 0.37, 20e-6);
      mats[MF_REGION_BOTTOM_ELECTRODE] = MechTestMaterial("Pt", 168e9, 0.38, 8.8e-6);
      mats[MF_REGION_FUNCTIONAL]       = MechTestMaterial("HfO2", 210e9, 0.25, 6e-6);
      PetscCall(MfMechanicsCreateLayeredBox(comm, &spec, &dm));
      PetscCall(MfMechanicsCreate(dm, &mech));
      PetscCall(MfMechanicsSetMaterials(mech, mats));
      PetscCall(MfMechanicsSetUniformTemperature(mech, 350.0));
      PetscCall(MfMechanicsSetFromOptions(mech));
      PetscCall(PetscSNPrintf(opt, sizeof(opt), "%d", (int)deg));
      PetscCall(PetscOptionsSetValue(NULL, "-mech_degree", opt));
      PetscCall(MfMechanicsSetFromOptions(mech));
      PetscCall(PetscOptionsClearValue(NULL, "-mech_degree"));
      PetscCall(MfMechanicsSetUp(mech));
      PetscCall(MfMechanicsCheckAssembly(mech, &ej, &er, &ef));
      PetscCall(PetscSNPrintf(what, sizeof(what), "%dD Q%d stiffness |K_fast - K_petsc|_F/|K_petsc|_F", (int)dim, (int)deg));
      PetscCall(MechTestCheck(comm, what, 1.0 + ej, 1.0, 1e-11, &nfail));
      PetscCall(PetscSNPrintf(what, sizeof(what), "%dD Q%d residual (thermal) relative 2-norm difference", (int)dim, (int)deg));
      PetscCall(MechTestCheck(comm, what, 1.0 + er, 1.0, 1e-11, &nfail));
      PetscCall(PetscSNPrintf(what, sizeof(what), "%dD Q%d end forces relative max difference", (int)dim, (int)deg));
      PetscCall(MechTestCheck(comm, what, 1.0 + ef, 1.0, 1e-11, &nfail));
      PetscCall(MfMechanicsDestroy(&mech));
      PetscCall(DMDestroy(&dm));
    }
  }
  PetscCall(PetscPrintf(comm, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
