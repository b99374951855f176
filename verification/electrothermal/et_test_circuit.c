/* Requirements (source circuit and Newton convergence on a filament device, default solver tolerances):
 *  (1) in compliance the root find meets I = I_cc to -et_circuit_rtol, and the source really limits
 *      (V_dev + I R_s < V_s); re-solving the same state at another V_s in compliance needs <= 3 circuit
 *      evaluations (pilot + the ohmic guess from the last operating point + at most one correction);
 *  (2) in voltage mode V_dev + I R_s = V_s holds to -et_circuit_rtol;
 *  (3) V_s = 0 after a biased solve is exact (phi = 0, I = 0, T = T_ambient) in <= 2 Newton iterations
 *      without load stepping;
 *  (4) a warm re-solve of a converged state (its residual is round-off of the metal rows: conductivity
 *      contrast 1e5 S/m filament / 0.05 S/m electrolyte / 6e7 S/m metal) converges in <= 2 Newton iterations
 *      without load stepping, and gives the same current as the first solve to 1e-10;
 *  (5) after a state change at an unchanged source (what the KMC coupler does between its updates: the
 *      filament conductivity x3, then x0.8) the re-solve (warm from the last operating point, with the
 *      reused factorisation of -et_pc_reuse) gives the operating point of a fresh solver without reuse
 *      (-et_pc_reuse 0) on the same state: V_dev to 1e-7 and T_max to 1e-9 relative (both meet I = I_cc to
 *      rtol 1e-9, and dlnV/dlnI of the filament is O(1)).
 * The device: 2D Pt / electrolyte / Ag stack, 10 nm x 30 nm, with a 2.5 nm wide filament column (per-cell
 * conductivity, as the KMC coupler sets it); metallic sigma(T) everywhere so that Joule heating makes the
 * problem nonlinear; both contacts held at the ambient 300 K. */
#include "et_test_util.h"

/* Filament conductivity of the functional cells within 1.25 nm of the axis x = 5 nm; *nfil: their number. */
static PetscErrorCode SetFilament(DM dm, MfElectroThermal et, PetscReal sigma, PetscInt *nfil)
{
  DMLabel  region;
  PetscInt cStart, cEnd;

  PetscFunctionBeginUser;
  *nfil = 0;
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscInt  r;
    PetscReal vol, centroid[3];
    PetscCall(DMLabelGetValue(region, c, &r));
    if (r != MF_REGION_FUNCTIONAL) continue;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, c, &vol, centroid, NULL));
    if (PetscAbsReal(centroid[0] - 5e-9) < 1.25e-9) {
      PetscCall(MfElectroThermalSetCellConductivity(et, c, sigma, -1.0));
      ++*nfil;
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode MakeDevice(MPI_Comm comm, DM *dm, MfElectroThermal *et)
{
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[2] = {8, 24};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {10e-9, 30e-9}, tops[3] = {10e-9, 20e-9, 30e-9};
  const MfRegionId regs[3] = {MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};
  PetscInt         nfil;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_SIGMA_METALLIC, 9.4e6, 3.9e-3, 72.0, 2.8e6);
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "electrolyte", MF_SIGMA_METALLIC, 0.05, 4e-3, 0.2, 1.5e6);
  EtTestMaterial(&mats[MF_REGION_TOP_ELECTRODE], "Ag", MF_SIGMA_METALLIC, 6.3e7, 3.8e-3, 430.0, 2.5e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 3, tops, regs, NULL, NULL, dm));
  PetscCall(MfElectroThermalCreate(*dm, et));
  PetscCall(MfElectroThermalSetMaterials(*et, mats));
  PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetFromOptions(*et));
  PetscCall(MfElectroThermalSetUp(*et));
  PetscCall(SetFilament(*dm, *et, 1e5, &nfil));
  PetscCall(PetscPrintf(comm, "filament: %" PetscInt_FMT " cells (per rank 0)\n", nfil));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  Vec              u, phi;
  IS               isPhi;
  PetscReal        rtol = 1e-9, Rs = 4e-5, Icc = 2000.0, I1, phimax, Tmax;
  PetscInt         f0 = 0;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-et_circuit_rtol", &rtol, NULL));
  PetscCall(MakeDevice(comm, &dm, &et));

  /* (1) compliance: the cold filament has R_device ~ L/(sigma w) = 4e-5 Ohm m, so V_s = 1 V over R_s = 4e-5 Ohm m
   * would drive > 5000 A/m > I_cc (Joule heating then raises R_device: a nonlinear I(V)) */
  PetscCall(MfElectroThermalSetCircuit(et, 1.0, Rs, Icc));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscPrintf(comm, "compliance at V_s = 1 V: V_dev = %.10g V, I = %.12g A/m, T_max = %.4f K, %" PetscInt_FMT " circuit its, %" PetscInt_FMT " Newton its\n", (double)r.V_device, (double)r.I_top, (double)r.T_max, r.circuit_its, r.newton_its));
  fail |= (r.mode != MF_ET_SOURCE_COMPLIANCE);
  fail |= !(PetscAbsReal(r.I_top - Icc) <= rtol * Icc);
  fail |= !(r.V_device + r.I_top * Rs < 1.0);
  fail |= !(r.T_max > 350.0); /* Joule heating makes the problem nonlinear */
  PetscCall(MfElectroThermalSetCircuit(et, 0.8, Rs, Icc));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscPrintf(comm, "compliance at V_s = 0.8 V: |I - I_cc|/I_cc = %.3e (rtol %.1e), %" PetscInt_FMT " circuit its (<= 3), %" PetscInt_FMT " Newton its\n", (double)(PetscAbsReal(r.I_top - Icc) / Icc), (double)rtol, r.circuit_its, r.newton_its));
  fail |= (r.mode != MF_ET_SOURCE_COMPLIANCE);
  fail |= !(PetscAbsReal(r.I_top - Icc) <= rtol * Icc);
  fail |= !(r.circuit_its <= 3);

  /* (2) voltage mode: no compliance, V_s = 0.3 V */
  PetscCall(MfElectroThermalSetCircuit(et, 0.3, Rs, 0.0));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscPrintf(comm, "voltage mode at V_s = 0.3 V: V_dev = %.10g V, |V_dev + I R_s - V_s| = %.3e V (tol %.1e), %" PetscInt_FMT " circuit its\n", (double)r.V_device, (double)PetscAbsReal(r.circuit_residual), (double)(rtol * 0.3), r.circuit_its));
  fail |= (r.mode != MF_ET_SOURCE_VOLTAGE);
  fail |= !(PetscAbsReal(r.circuit_residual) <= rtol * 0.3);

  /* (3) V_s = 0 after the biased solve */
  PetscCall(MfElectroThermalSetCircuit(et, 0.0, Rs, 0.0));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(DMCreateSubDM(dm, 1, &f0, &isPhi, NULL));
  PetscCall(VecGetSubVector(u, isPhi, &phi));
  PetscCall(VecNorm(phi, NORM_INFINITY, &phimax));
  PetscCall(VecRestoreSubVector(u, isPhi, &phi));
  PetscCall(ISDestroy(&isPhi));
  PetscCall(PetscPrintf(comm, "V_s = 0: %" PetscInt_FMT " Newton its (<= 2), %" PetscInt_FMT " load steps, |phi| = %.3e V, I = %.3e A/m, T_max - 300 K = %.3e K\n", r.newton_its, r.load_steps, (double)phimax, (double)r.I_top, (double)(r.T_max - 300.0)));
  fail |= !(r.newton_its <= 2 && r.load_steps == 1);
  fail |= !(phimax <= 1e-12 && PetscAbsReal(r.I_top) <= 1e-12 * Icc && PetscAbsReal(r.T_max - 300.0) <= 1e-9);

  /* (4) warm re-solve of a converged state, direct bias (no circuit) */
  PetscCall(MfElectroThermalSetCircuit(et, 0.1, 0.0, 0.0));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  I1   = r.I_top;
  Tmax = r.T_max;
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscPrintf(comm, "re-solve at 0.1 V (T_max %.4f K): %" PetscInt_FMT " Newton its (<= 2), %" PetscInt_FMT " load steps\n", (double)Tmax, r.newton_its, r.load_steps));
  fail |= !(r.newton_its <= 2 && r.load_steps == 1);
  fail |= EtTestCheck(comm, "I [A/m] of the re-solve at 0.1 V", r.I_top, I1, 1e-10);

  /* (5) state changes at an unchanged source vs a fresh solver without factorisation reuse */
  {
    const PetscReal  factor[2] = {3.0, 0.8};
    PetscReal        sigma     = 1e5;
    PetscInt         nfil;
    DM               dm2;
    MfElectroThermal et2;
    MfEtResults      r2;
    PetscCall(MfElectroThermalSetCircuit(et, 1.0, Rs, Icc));
    PetscCall(MfElectroThermalSolveSteady(et));
    for (PetscInt k = 0; k < 2; ++k) {
      sigma *= factor[k];
      PetscCall(SetFilament(dm, et, sigma, &nfil));
      PetscCall(MfElectroThermalSolveSteady(et));
      PetscCall(MfElectroThermalGetResults(et, &r));
      PetscCall(PetscOptionsSetValue(NULL, "-et_pc_reuse", "0"));
      PetscCall(MakeDevice(comm, &dm2, &et2));
      PetscCall(PetscOptionsClearValue(NULL, "-et_pc_reuse"));
      PetscCall(SetFilament(dm2, et2, sigma, &nfil));
      PetscCall(MfElectroThermalSetCircuit(et2, 1.0, Rs, Icc));
      PetscCall(MfElectroThermalSolveSteady(et2));
      PetscCall(MfElectroThermalGetResults(et2, &r2));
      PetscCall(PetscPrintf(comm, "state change x%g at V_s = 1 V: re-solve %" PetscInt_FMT " circuit its, %" PetscInt_FMT " Newton its (%" PetscInt_FMT " linear); fresh solver %" PetscInt_FMT " circuit its, %" PetscInt_FMT " Newton its\n", (double)factor[k], r.circuit_its, r.newton_its, r.linear_its, r2.circuit_its, r2.newton_its));
      fail |= EtTestCheck(comm, "V_dev [V], re-solve vs fresh solver", r.V_device, r2.V_device, 1e-7);
      fail |= EtTestCheck(comm, "T_max [K], re-solve vs fresh solver", r.T_max, r2.T_max, 1e-9);
      PetscCall(MfElectroThermalDestroy(&et2));
      PetscCall(DMDestroy(&dm2));
    }
  }

  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_CIRCUIT FAILED" : "ET_CIRCUIT PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
