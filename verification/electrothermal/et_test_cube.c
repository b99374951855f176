/* Requirement: a 1 Ohm cube (1 m side, sigma = 1 S/m) carries 1 A at 1 V, through both contacts, to
 * solver tolerance; with a series resistance the circuit constraint V_dev + I R_s = V_s holds and a
 * compliance limits the current; the Joule integral equals V I. Runs on any number of ranks. */
#include "et_test_util.h"

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[3] = {3, 3, 3};
  const PetscReal  lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1}, tops[1] = {1.0};
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  /* constant sigma = 1 S/m; k large so that the heating does not matter (it cannot: sigma is constant) */
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "ohm", MF_SIGMA_CONSTANT, 1.0, 0.0, 1.0, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 3, faces, lo, hi, 1, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, 1.0, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  /* A linear problem solved by LU: the only error is round-off, ~1e-14; 1e-10 leaves a margin for
   * iterative solvers selected on the command line (-et_ksp_rtol 1e-12). */
  fail |= EtTestCheck(comm, "I_top [A] at 1 V through 1 Ohm", r.I_top, 1.0, 1e-10);
  fail |= EtTestCheck(comm, "I_bottom [A]", r.I_bottom, 1.0, 1e-10);
  fail |= EtTestCheck(comm, "Joule integral [W] = V I", r.joule_W, 1.0, 1e-10);
  /* bottom at 300 K, top adiabatic, uniform Joule source q = sigma (V/L)^2 = 1 W/m^3:
   * T(z) = 300 + q (L z - z^2/2)/k, T_max = 300 + q L^2/(2k) = 300.5 K at the top. The problem is 1D and
   * Q1 is nodally exact for it, so only round-off remains. */
  fail |= EtTestCheck(comm, "T_max [K] = 300 + q L^2/(2k) (bottom fixed)", r.T_max, 300.0 + 0.5, 1e-10);

  /* series resistance 1 Ohm: the device sees 0.5 V, 0.5 A */
  PetscCall(MfElectroThermalSetCircuit(et, 1.0, 1.0, 0.0));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  fail |= EtTestCheck(comm, "V_device [V] with R_s = 1 Ohm", r.V_device, 0.5, 1e-9);
  fail |= EtTestCheck(comm, "I [A] with R_s = 1 Ohm", r.I_top, 0.5, 1e-9);
  PetscCall(PetscPrintf(comm, "circuit residual V_dev + I R_s - V_s = %.3e V after %" PetscInt_FMT " outer its\n", (double)r.circuit_residual, r.circuit_its));
  fail |= !(PetscAbsReal(r.circuit_residual) <= 1e-9);

  /* compliance 0.2 A: current mode */
  PetscCall(MfElectroThermalSetCircuit(et, 1.0, 1.0, 0.2));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  fail |= EtTestCheck(comm, "I [A] at compliance 0.2 A", r.I_top, 0.2, 1e-9);
  fail |= EtTestCheck(comm, "V_device [V] at compliance", r.V_device, 0.2, 1e-9);
  fail |= (r.mode != MF_ET_SOURCE_COMPLIANCE);

  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_CUBE FAILED" : "ET_CUBE PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
