/* Requirement: thermal eigenstrain and process residual stress.
 *  1. fully constrained 3D block heated by dT: sigma_h = -E alpha dT/(1 - 2 nu), von Mises 0 (exact, 1e-6);
 *  2. 100 nm film on a 100 um stiff substrate held flat, dT = -100 K: film stress vs
 *     E_f/(1 - nu_f)(alpha_s - alpha_f) dT within 1 % (the closed form neglects the substrate compliance,
 *     relative size chi eta = 1e-3 here), and vs the exact layered plate within 1e-6;
 *  3. free-standing PET/film bilayer (3D, biaxial): curvature vs the exact bilayer formula within 1e-6,
 *     Stoney's over-prediction reported and checked against D/(1 + eta);
 *  4. process stress: film deposited at 573 K, cooled to T_ref = 300 K on a flat substrate, vs the exact
 *     layered plate with eigenstrain alpha_f (T - T_dep), 1e-6;
 *  5. 2D plane strain film on substrate vs the plate solution with M = E/(1-nu^2), e = (1+nu) alpha dT.
 * The plane-sections model is exact plate kinematics and Q2 holds the exact fields, so the FE matches the
 * plate solutions to the linear-solver tolerance; 1e-6 leaves margin for rtol 1e-10 on stiff contrasts. */
#include "mech_test_util.h"

static PetscErrorCode Run(MPI_Comm comm, PetscInt dim, PetscInt nl, const PetscReal t[], const MfMaterial m[], MfMechSupport sup, PetscReal T, const PetscReal *Tdep, MfMechRegionStats *film, PetscReal *kappa)
{
  MfMechStackSpec spec = {.dim = dim, .nlayers = nl, .length_m = {4 * t[0], 4 * t[0]}, .ncells_inplane = {4, 4}};
  MfMaterial      mats[MF_NUM_REGIONS];
  DM              dm;
  MfMechanics     mech;
  PetscReal       st[2], cu[2];
  const MfRegionId reg[2] = {MF_REGION_SUBSTRATE, MF_REGION_FUNCTIONAL};

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  for (PetscInt i = 0; i < nl; ++i) {
    spec.thickness_m[i] = t[i];
    spec.region[i]      = reg[i];
    spec.ncells[i]      = i == 0 ? 2 : 1;
    mats[reg[i]]        = m[i];
  }
  PetscCall(MfMechanicsCreateLayeredBox(comm, &spec, &dm));
  PetscCall(MfMechanicsCreate(dm, &mech));
  PetscCall(MfMechanicsSetMaterials(mech, mats));
  PetscCall(MfMechanicsSetSupport(mech, sup));
  PetscCall(MfMechanicsSetReferenceTemperature(mech, 300.0));
  PetscCall(MfMechanicsSetUniformTemperature(mech, T));
  if (Tdep) PetscCall(MfMechanicsSetResidualStress(mech, Tdep));
  PetscCall(MfMechanicsSetFromOptions(mech));
  PetscCall(MfMechanicsSetUp(mech));
  PetscCall(MfMechanicsSolve(mech));
  PetscCall(MfMechanicsGetRegionStats(mech, nl > 1 ? MF_REGION_FUNCTIONAL : MF_REGION_SUBSTRATE, film));
  PetscCall(MfMechanicsGetPlateState(mech, st, cu, NULL));
  *kappa = cu[0];
  PetscCall(MfMechanicsDestroy(&mech));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm          comm;
  PetscInt          nfail = 0;
  MfMechRegionStats s;
  PetscReal         kappa;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  { /* 1 */
    const PetscReal t[1] = {10e-6};
    MfMaterial      m[1] = {MechTestMaterial("block", 200e9, 0.3, 6e-6)};
    PetscCall(Run(comm, 3, 1, t, m, MF_MECH_SUPPORT_CLAMPED, 400.0, NULL, &s, &kappa));
    PetscCall(MechTestCheck(comm, "constrained block: sigma_h = -E alpha dT/(1-2nu)", s.sigma_h_mean, MfMechConstrainedThermalStress(200e9, 0.3, 6e-6, 100.0), 1e-6, &nfail));
    PetscCall(PetscPrintf(comm, "    von Mises max %.3e Pa (exact 0)\n", (double)s.von_mises_max));
    if (s.von_mises_max > 1e-6 * 300e6) ++nfail;
  }
  { /* 2 */
    const PetscReal t[2] = {100e-6, 100e-9};
    MfMaterial      m[2] = {MechTestMaterial("stiff substrate", 200e9, 0.3, 20e-6), MechTestMaterial("film", 200e9, 0.3, 6e-6)};
    PetscReal       M[2] = {MfMechBiaxialModulus(200e9, 0.3), MfMechBiaxialModulus(200e9, 0.3)}, e[2] = {20e-6 * -100.0, 6e-6 * -100.0}, a, k = 0.0;
    PetscCall(Run(comm, 3, 2, t, m, MF_MECH_SUPPORT_FLAT, 200.0, NULL, &s, &kappa));
    PetscCall(MfMechLayeredPlate(2, t, M, e, PETSC_TRUE, &a, &k));
    /* in-plane film stress = 1.5 sigma_h for an equibiaxial state with sigma_zz = 0 */
    PetscCall(MechTestCheck(comm, "film on thick substrate, held flat vs Ef/(1-nuf)(as-af)dT", 1.5 * s.sigma_h_mean, MfMechFilmMismatchStress(200e9, 0.3, 20e-6, 6e-6, -100.0), 1e-2, &nfail));
    PetscCall(MechTestCheck(comm, "film on thick substrate, held flat vs exact plate", 1.5 * s.sigma_h_mean, M[1] * (a - e[1]), 1e-6, &nfail));
  }
  { /* 3 */
    const PetscReal t[2] = {125e-6, 100e-9};
    MfMaterial      m[2] = {MechTestMaterial("PET", 2.8e9, 0.37, 20e-6), MechTestMaterial("film", 200e9, 0.3, 6e-6)};
    const PetscReal Ms = MfMechBiaxialModulus(2.8e9, 0.37), Mf = MfMechBiaxialModulus(200e9, 0.3);
    const PetscReal kex = MfMechBilayerCurvature(t[0], t[1], Ms, Mf, (6e-6 - 20e-6) * -100.0);
    const PetscReal ks  = MfMechStoneyCurvature(Ms, t[0], t[1], MfMechFilmMismatchStress(200e9, 0.3, 20e-6, 6e-6, -100.0));
    PetscCall(Run(comm, 3, 2, t, m, MF_MECH_SUPPORT_FREE, 200.0, NULL, &s, &kappa));
    PetscCall(MechTestCheck(comm, "free-standing PET/film bilayer curvature vs exact", kappa, kex, 1e-6, &nfail));
    PetscCall(PetscPrintf(comm, "    Stoney %.4f 1/m over-predicts the FE curvature %.4f 1/m by %.1f %% (chi eta = %.3f)\n", (double)ks, (double)kappa, (double)(100 * (ks / kappa - 1)), (double)(Mf / Ms * t[1] / t[0])));
  }
  { /* 4 */
    const PetscReal t[2] = {100e-6, 100e-9};
    MfMaterial      m[2] = {MechTestMaterial("stiff substrate", 200e9, 0.3, 20e-6), MechTestMaterial("film", 150e9, 0.25, 8e-6)};
    PetscReal       Tdep[MF_NUM_REGIONS] = {0};
    PetscReal       M[2] = {MfMechBiaxialModulus(200e9, 0.3), MfMechBiaxialModulus(150e9, 0.25)}, e[2] = {0.0, 8e-6 * (300.0 - 573.0)}, a, k = 0.0;
    Tdep[MF_REGION_FUNCTIONAL] = 573.0;
    PetscCall(Run(comm, 3, 2, t, m, MF_MECH_SUPPORT_FLAT, 300.0, Tdep, &s, &kappa));
    PetscCall(MfMechLayeredPlate(2, t, M, e, PETSC_TRUE, &a, &k));
    PetscCall(MechTestCheck(comm, "process stress: film deposited at 573 K, cooled to 300 K", 1.5 * s.sigma_h_mean, M[1] * (a - e[1]), 1e-6, &nfail));
  }
  { /* 5 */
    const PetscReal t[2] = {50e-6, 1e-6};
    MfMaterial      m[2] = {MechTestMaterial("PI", 2.5e9, 0.34, 20e-6), MechTestMaterial("ITO", 116e9, 0.35, 8.5e-6)};
    PetscReal       M[2] = {MfMechPlaneStrainModulus(2.5e9, 0.34), MfMechPlaneStrainModulus(116e9, 0.35)};
    PetscReal       e[2] = {(1 + 0.34) * 20e-6 * 50.0, (1 + 0.35) * 8.5e-6 * 50.0}, a, k;
    PetscCall(Run(comm, 2, 2, t, m, MF_MECH_SUPPORT_FREE, 350.0, NULL, &s, &kappa));
    PetscCall(MfMechLayeredPlate(2, t, M, e, PETSC_FALSE, &a, &k));
    PetscCall(MechTestCheck(comm, "2D plane strain free bilayer PI/ITO, dT = +50 K: curvature", kappa, k, 1e-6, &nfail));
  }
  PetscCall(PetscPrintf(comm, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
