/* Requirements:
 *  (1) the Newton Jacobian is exact for every constitutive law of the module (activated and metallic
 *      sigma(T), field-enhanced hopping sigma(|E|), Wiedemann-Franz k, k ~ T^m): the directional
 *      derivative J v agrees with a central difference of the residual to O(eps^2 + roundoff/eps);
 *  (2) a Newton solve that fails is retried by load stepping and then gives the right answer;
 *  (3) a bias with no steady state (thermal runaway of an activated conductor) is reported as an error
 *      (PETSC_ERR_NOT_CONVERGED), never accepted. */
#include "et_test_util.h"
#include "et_laws.h"
#include <petscsnes.h>

static PetscErrorCode InitState(PetscInt dim, PetscReal t, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  /* a generic non-uniform state: phi ~ 0.5 V over 10 nm with wiggles (|E| ~ 5e7 V/m so that the
   * hopping argument q a E / 2 kB T is O(1)), T between 300 and 700 K */
  const PetscReal L = 10e-9, y = x[dim - 1] / L, s = PetscSinReal(3.0 * x[0] / L + 1.0);
  u[0] = 0.5 * y + 0.05 * s * y * (1 - y);
  return 0;
}

static PetscErrorCode InitT(PetscInt dim, PetscReal t, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  const PetscReal L = 10e-9;
  u[0] = 300.0 + 400.0 * PetscSinReal(PETSC_PI * x[dim - 1] / L) * (0.6 + 0.4 * PetscCosReal(2.0 * x[0] / L));
  return 0;
}

static int JacobianCheck(MPI_Comm comm, PetscInt dim)
{
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  MfEtRegionLaws   hop = {PETSC_TRUE, 1e-9, -0.5}, wf = {PETSC_TRUE, 0.0, 0.3};
  const PetscInt   faces[3] = {3, 3, 4};
  const PetscReal  lo[3] = {0, 0, 0}, hi[3] = {10e-9, 10e-9, 10e-9}, tops[2] = {5e-9, 10e-9};
  const MfRegionId regs[2] = {MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL};
  SNES             snes;
  Mat              J;
  Vec              u, v, up, um, Fp, Fm, Jv;
  PetscRandom      rnd;
  PetscReal        nJv, nd, eps = 1e-6;
  PetscErrorCode (*init[2])(PetscInt, PetscReal, const PetscReal[], PetscInt, PetscScalar *, void *) = {InitState, InitT};
  int fail = 0;

  PetscMemzero(mats, sizeof(mats));
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "activated", MF_SIGMA_ACTIVATED, 1e4, 0.0, 2.0, 1.0);
  mats[MF_REGION_FUNCTIONAL].sigma_Ea_eV = 0.3;
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "metal", MF_SIGMA_METALLIC, 1e6, 4e-3, 5.0, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, dim, faces, lo, hi, 2, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_FUNCTIONAL, &hop));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_BOTTOM_ELECTRODE, &wf));
  PetscCall(MfElectroThermalSetDegree(et, 2));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SIDES, MF_ET_TBC_CONVECTIVE, 0.0, 1e7, 350.0));
  PetscCall(MfElectroThermalSetCircuit(et, 0.5, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(DMProjectFunction(dm, 0.0, init, NULL, INSERT_VALUES, u));
  PetscCall(SNESCreate(comm, &snes));
  PetscCall(SNESSetDM(snes, dm));
  PetscCall(DMCreateMatrix(dm, &J));
  PetscCall(VecDuplicate(u, &v));
  PetscCall(VecDuplicate(u, &up));
  PetscCall(VecDuplicate(u, &um));
  PetscCall(VecDuplicate(u, &Fp));
  PetscCall(VecDuplicate(u, &Fm));
  PetscCall(VecDuplicate(u, &Jv));
  PetscCall(SNESSetFunction(snes, Fp, NULL, NULL));
  PetscCall(SNESSetJacobian(snes, J, J, NULL, NULL));
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, 4242));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecSetRandom(v, rnd));
  PetscCall(VecPointwiseMult(v, v, u)); /* relative perturbation: each dof scaled by its value */
  PetscCall(SNESComputeJacobian(snes, u, J, J));
  PetscCall(MatMult(J, v, Jv));
  PetscCall(VecWAXPY(up, eps, v, u));
  PetscCall(VecWAXPY(um, -eps, v, u));
  PetscCall(SNESComputeFunction(snes, up, Fp));
  PetscCall(SNESComputeFunction(snes, um, Fm));
  PetscCall(VecAXPY(Fp, -1.0, Fm));
  PetscCall(VecScale(Fp, 1.0 / (2 * eps)));
  PetscCall(VecNorm(Jv, NORM_2, &nJv));
  PetscCall(VecAXPY(Fp, -1.0, Jv));
  PetscCall(VecNorm(Fp, NORM_2, &nd));
  /* central difference with relative step 1e-6: truncation ~1e-12, round-off ~1e-16/1e-6 = 1e-10
   * relative; a missing Jacobian term (e.g. dk/dT of WF, dsigma/d|E|) gives O(1e-2..1). Bound 1e-6. */
  PetscCall(PetscPrintf(comm, "%dD Jacobian check (activated+hopping+WF+k(T), metallic+WF, convective sides): |Jv - FD|/|Jv| = %.3e  %s\n", (int)dim, (double)(nd / nJv), nd / nJv < 1e-6 ? "ok" : "FAIL"));
  fail |= !(nd / nJv < 1e-6);
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecDestroy(&v));
  PetscCall(VecDestroy(&up));
  PetscCall(VecDestroy(&um));
  PetscCall(VecDestroy(&Fp));
  PetscCall(VecDestroy(&Fm));
  PetscCall(VecDestroy(&Jv));
  PetscCall(MatDestroy(&J));
  PetscCall(SNESDestroy(&snes));
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  return fail;
}

static int LoadStepping(MPI_Comm comm)
{
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  MfMaterial       mats[MF_NUM_REGIONS];
  MfEtRegionLaws   wf = {PETSC_TRUE, 0.0, 0.0};
  const PetscInt   faces[2] = {4, 8};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {5e-9, 20e-9}, tops[1] = {20e-9}, T0 = 300.0, V = 0.5;
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};
  int              fail = 0;

  PetscMemzero(mats, sizeof(mats));
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "metal", MF_SIGMA_METALLIC, 1e6, 4e-3, 0.0, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_FUNCTIONAL, &wf));
  PetscCall(MfElectroThermalSetDegree(et, 2));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, V, 0.0, 0.0));
  /* starve Newton (3 iterations) so that the direct 0 -> 0.5 V solve fails and load stepping is needed */
  PetscCall(PetscOptionsSetValue(NULL, "-et_snes_max_it", "3"));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(PetscOptionsClearValue(NULL, "-et_snes_max_it"));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscPrintf(comm, "load stepping: %d steps, %d Newton iterations\n", (int)r.load_steps, (int)r.newton_its));
  fail |= !(r.load_steps > 1);
  /* Holm relation on a Q2 slab, 4x8: discretisation error ~1e-5 (cf. et_wiedemann_franz); 2e-4 */
  fail |= EtTestCheck(comm, "T_max after load stepping [K]", r.T_max, PetscSqrtReal(T0 * T0 + V * V / (4 * ET_LORENZ0)), 2e-4);
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  return fail;
}

static int Runaway(MPI_Comm comm)
{
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[2] = {2, 8};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {5e-9, 20e-9}, tops[1] = {20e-9};
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};
  PetscErrorCode   ierr;
  int              fail = 0;

  PetscMemzero(mats, sizeof(mats));
  /* activated conductor (Ea = 0.5 eV) between isothermal contacts: the Joule power grows like
   * exp(-Ea/kT) while conduction to the contacts grows linearly in T, so above a critical voltage there
   * is no steady state (thermal runaway). With sigma0 = 1e5 S/m, k = 1 W/m/K the critical voltage is of
   * the order sqrt(8 k kB T0^2 / (Ea sigma0)) ~ 0.1 V; 5 V is far beyond it. */
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "activated", MF_SIGMA_ACTIVATED, 1e5, 0.0, 1.0, 1.0);
  mats[MF_REGION_FUNCTIONAL].sigma_Ea_eV = 0.5;
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, 5.0, 0.0, 0.0));
  PetscCall(PetscOptionsSetValue(NULL, "-et_max_load_cuts", "4"));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(PetscOptionsClearValue(NULL, "-et_max_load_cuts"));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = MfElectroThermalSolveSteady(et);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscPrintf(comm, "runaway solve returned error code %d (expected %d = PETSC_ERR_NOT_CONVERGED)  %s\n", (int)ierr, PETSC_ERR_NOT_CONVERGED, ierr == PETSC_ERR_NOT_CONVERGED ? "ok" : "FAIL"));
  fail |= (ierr != PETSC_ERR_NOT_CONVERGED);
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  return fail;
}

int main(int argc, char **argv)
{
  int fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  fail |= JacobianCheck(PETSC_COMM_WORLD, 2);
  fail |= JacobianCheck(PETSC_COMM_WORLD, 3);
  fail |= LoadStepping(PETSC_COMM_WORLD);
  fail |= Runaway(PETSC_COMM_WORLD);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_SOLVER FAILED" : "ET_SOLVER PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
