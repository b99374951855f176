/* Requirements: (1) the distributed solve (run with mpiexec -n 2) gives the same current and T_max as
 * a serial solve of the same problem to 1e-8 relative (both Newton solves converge to rtol 1e-10; the
 * direct solvers differ, MUMPS vs PETSc LU, so agreement is limited by the nonlinear tolerance);
 * (2) the maximum substrate temperature is compared with the substrate's maximum service temperature
 * (PET 140 C, reference Table 2) and a warning is raised exactly when it is exceeded.
 * Problem: a 3D stack PET / Pt / HfOx (activated + hopping conduction) / TiN (metallic + WF) with a
 * series resistance, i.e. every nonlinear law and the circuit constraint. */
#include "et_test_util.h"

typedef struct {
  PetscReal z[5];
} StackMap;

static void Stack(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const StackMap *m = (const StackMap *)ctx;
  PetscReal       s = xi[2] * 4.0;
  PetscInt        l = (PetscInt)PetscFloorReal(s);
  if (l > 3) l = 3;
  x[0] = xi[0];
  x[1] = xi[1];
  x[2] = m->z[l] + (s - l) * (m->z[l + 1] - m->z[l]);
}

static PetscErrorCode SolveStack(MPI_Comm comm, PetscReal Vs, MfEtResults *r, PetscBool *hot)
{
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  MfEtRegionLaws   hop = {PETSC_FALSE, 0.5e-9, 0.0}, wf = {PETSC_TRUE, 0.0, 0.0};
  StackMap         map = {{0.0, 200e-9, 250e-9, 260e-9, 310e-9}};
  const PetscInt   faces[3] = {4, 4, 8};
  const PetscReal  lo[3] = {0, 0, 0}, hi[3] = {100e-9, 100e-9, 1.0}, tops[4] = {0.25, 0.5, 0.75, 1.0};
  const MfRegionId regs[4] = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_SUBSTRATE], "PET", MF_SIGMA_CONSTANT, 0.0, 0.0, 0.2, 1.66e6);
  mats[MF_REGION_SUBSTRATE].T_max_service_K = 140.0 + 273.15;
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_SIGMA_METALLIC, 9.43e6, 3.9e-3, 71.6, 2.85e6);
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "HfOx", MF_SIGMA_ACTIVATED, 1e2, 0.0, 0.5, 1.16e6);
  mats[MF_REGION_FUNCTIONAL].sigma_Ea_eV = 0.1;
  EtTestMaterial(&mats[MF_REGION_TOP_ELECTRODE], "TiN", MF_SIGMA_METALLIC, 5e6, 1e-3, 10.0, 2.85e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 3, faces, lo, hi, 4, tops, regs, Stack, &map, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_FUNCTIONAL, &hop));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_TOP_ELECTRODE, &wf));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0, 1e9, 300.0)); /* probe tip, 1 nm^2 K/GW */
  PetscCall(MfElectroThermalSetCircuit(et, Vs, 1000.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, r));
  PetscCall(MfElectroThermalCheckSubstrate(et, hot));
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MfEtResults rp, rs, rl;
  PetscBool   hotp, hots, hotl;
  PetscMPIInt size;
  int         fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCall(SolveStack(PETSC_COMM_WORLD, 1.0, &rp, &hotp));
  PetscCall(SolveStack(PETSC_COMM_SELF, 1.0, &rs, &hots)); /* every rank: the same serial problem */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "np=%d: I = %.12e A, T_max = %.12e K, V_dev = %.6f V; serial: I = %.12e A, T_max = %.12e K\n", size, (double)rp.I_top, (double)rp.T_max, (double)rp.V_device, (double)rs.I_top, (double)rs.T_max));
  fail |= EtTestCheck(PETSC_COMM_WORLD, "current, parallel vs serial", rp.I_top, rs.I_top, 1e-8);
  fail |= EtTestCheck(PETSC_COMM_WORLD, "T_max, parallel vs serial", rp.T_max, rs.T_max, 1e-8);
  fail |= EtTestCheck(PETSC_COMM_WORLD, "substrate T_max, parallel vs serial", rp.T_max_region[MF_REGION_SUBSTRATE], rs.T_max_region[MF_REGION_SUBSTRATE], 1e-8);
  /* the circuit constraint holds at convergence (-et_circuit_rtol 1e-9 of V_s) */
  fail |= !(PetscAbsReal(rp.circuit_residual) <= 1e-9 * 1.0);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "circuit residual V_dev + I R_s - V_s = %.3e V\n", (double)rp.circuit_residual));
  /* service-temperature check: hot at 1 V, cool at 0.2 V */
  PetscCall(SolveStack(PETSC_COMM_WORLD, 0.2, &rl, &hotl));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "substrate T_max: %.2f K at 1 V (warning %s), %.2f K at 0.2 V (warning %s); limit 413.15 K\n", (double)rp.T_max_region[MF_REGION_SUBSTRATE], hotp ? "yes" : "no", (double)rl.T_max_region[MF_REGION_SUBSTRATE], hotl ? "yes" : "no"));
  fail |= !(hotp == (rp.T_max_region[MF_REGION_SUBSTRATE] > 413.15)) || !(hotl == (rl.T_max_region[MF_REGION_SUBSTRATE] > 413.15));
  fail |= !hotp || hotl; /* the chosen biases straddle the limit */
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_PARALLEL FAILED" : "ET_PARALLEL PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
