/* MfElectroThermalSetEnvironmentTemperature on a set-up solver (retention: program at room temperature,
 * then bake in an oven). A 2D Pt / electrolyte / Ag stack with the bottom contact held at the ambient
 * (fixed) and the top contact cooled by a heat-transfer coefficient towards the ambient (convective), set up
 * at 300 K, then moved to 398.15 K and solved at 1 uV: the Joule heat is ~1e-15 of the conductive scale, so
 * the exact steady temperature is uniform at the new ambient. Asserted: min and max nodal T within 1e-6 K of
 * 398.15 K. A stale convective T_amb (300 K, h = 1e8 W/m^2/K against the stack's ~1e10 W/m^2/K) or a stale
 * fixed value would leave tens of kelvin of difference. Before the move the same solve gives 300 K. */
#include "et_test_util.h"

static PetscErrorCode TRange(DM dm, Vec u, PetscReal *Tmin, PetscReal *Tmax)
{
  IS       is;
  Vec      T;
  PetscInt f = 1;

  PetscFunctionBeginUser;
  PetscCall(DMCreateSubDM(dm, 1, &f, &is, NULL));
  PetscCall(VecGetSubVector(u, is, &T));
  PetscCall(VecMin(T, NULL, Tmin));
  PetscCall(VecMax(T, NULL, Tmax));
  PetscCall(VecRestoreSubVector(u, is, &T));
  PetscCall(ISDestroy(&is));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[2] = {4, 12};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {10e-9, 30e-9}, tops[3] = {10e-9, 20e-9, 30e-9};
  const MfRegionId regs[3] = {MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};
  const PetscReal  Tbake = 398.15;
  Vec              u;
  PetscReal        Tmin, Tmax;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_SIGMA_METALLIC, 9.4e6, 3.9e-3, 72.0, 2.8e6);
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "electrolyte", MF_SIGMA_CONSTANT, 0.05, 0.0, 0.2, 1.5e6);
  EtTestMaterial(&mats[MF_REGION_TOP_ELECTRODE], "Ag", MF_SIGMA_METALLIC, 6.3e7, 3.8e-3, 430.0, 2.5e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 3, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetAmbient(et, 300.0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0, 1e8, 300.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSetCircuit(et, 1e-6, 0.0, 0.0));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(TRange(dm, u, &Tmin, &Tmax));
  PetscCall(PetscPrintf(comm, "at 300 K: T in [%.9f, %.9f] K\n", (double)Tmin, (double)Tmax));
  fail |= !(PetscAbsReal(Tmin - 300.0) < 1e-6 && PetscAbsReal(Tmax - 300.0) < 1e-6);
  PetscCall(MfElectroThermalSetEnvironmentTemperature(et, Tbake));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(TRange(dm, u, &Tmin, &Tmax));
  PetscCall(PetscPrintf(comm, "in the oven at %.2f K: T in [%.9f, %.9f] K\n", (double)Tbake, (double)Tmin, (double)Tmax));
  fail |= !(PetscAbsReal(Tmin - Tbake) < 1e-6 && PetscAbsReal(Tmax - Tbake) < 1e-6);
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "FAILED" : "PASSED"));
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscFinalize());
  return fail;
}
