/* Requirement: the closed forms reproduce the reference numbers of physics-references.md sec. 6 and agree
 * with each other (Suo == neutral-axis form; layered-plate solve == Freund bilayer formula; Stoney is the
 * thin-film limit of the bilayer). Tolerances: published numbers are quoted to 4-5 digits (5e-4); algebraic
 * identities to 1e-10 (round-off). */
#include "mech_test_util.h"

int main(int argc, char **argv)
{
  MPI_Comm  comm;
  PetscInt  nfail = 0;
  PetscReal zn, a, kappa, t[2] = {125e-6, 100e-9}, Y[2] = {2.8e9, 200e9}, M[2], e[2];

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  /* bare PET 125 um at R = 5 mm: t/(2R) = 1.250 % */
  PetscCall(MechTestCheck(comm, "bare PET 125 um, R 5 mm (ref 1.250 %)", MfMechSuoBendingStrain(125e-6, 1e-15, 2.8e9, 2.8e9, 5e-3), 0.0125, 5e-4, &nfail));
  /* with a 100 nm film, Yf = 200 GPa, Ys = 2.8 GPa: z_n = 65.881 um, eps_top = 1.1844 % */
  PetscCall(MfMechNeutralAxis(2, t, Y, &zn));
  PetscCall(MechTestCheck(comm, "neutral axis PET+100 nm film (ref 65.881 um)", zn, 65.881e-6, 5e-5, &nfail));
  PetscCall(MechTestCheck(comm, "Suo eps_top PET+100 nm film (ref 1.1844 %)", MfMechSuoBendingStrain(t[0], t[1], Y[0], Y[1], 5e-3), 0.011844, 5e-4, &nfail));
  PetscCall(MechTestCheck(comm, "Suo == neutral-axis form (t_s + t_f - z_n)/R", MfMechSuoBendingStrain(t[0], t[1], Y[0], Y[1], 5e-3), (t[0] + t[1] - zn) / 5e-3, 1e-10, &nfail));
  /* imposed curvature in the layered plate reproduces the neutral axis: a = -kappa z_n */
  kappa = 1.0 / 5e-3;
  PetscCall(MfMechLayeredPlate(2, t, Y, NULL, PETSC_TRUE, &a, &kappa));
  PetscCall(MechTestCheck(comm, "layered plate, imposed kappa: -a/kappa == z_n", -a / kappa, zn, 1e-10, &nfail));
  /* thermal mismatch: Ef 200 GPa, nu_f 0.3, alpha_f 6, alpha_s 20 ppm/K, dT = -100 K -> -400 MPa */
  PetscCall(MechTestCheck(comm, "film mismatch stress (ref -400 MPa)", MfMechFilmMismatchStress(200e9, 0.3, 20e-6, 6e-6, -100.0), -400e6, 1e-12, &nfail));
  PetscCall(MechTestCheck(comm, "constrained block -E alpha dT/(1-2nu)", MfMechConstrainedThermalStress(200e9, 0.3, 6e-6, 100.0), -300e6, 1e-12, &nfail));
  /* Stoney with Es = 2.8 GPa, nu_s = 0.37, ts 125 um, tf 100 nm, sigma_f = -400 MPa: |kappa| = 3.456 1/m */
  M[0] = MfMechBiaxialModulus(2.8e9, 0.37);
  M[1] = MfMechBiaxialModulus(200e9, 0.3);
  PetscCall(MechTestCheck(comm, "Stoney curvature (ref 3.456 1/m)", MfMechStoneyCurvature(M[0], t[0], t[1], -400e6), 3.456, 5e-4, &nfail));
  /* exact bilayer: layered-plate solve (free) vs Freund closed form, mismatch e_f - e_s = (6 - 20)e-6 * -100 */
  e[0] = 20e-6 * -100.0;
  e[1] = 6e-6 * -100.0;
  PetscCall(MfMechLayeredPlate(2, t, M, e, PETSC_FALSE, &a, &kappa));
  PetscCall(MechTestCheck(comm, "bilayer curvature: plate solve == Freund formula", kappa, MfMechBilayerCurvature(t[0], t[1], M[0], M[1], e[1] - e[0]), 1e-10, &nfail));
  {
    const PetscReal ks = MfMechStoneyCurvature(M[0], t[0], t[1], MfMechFilmMismatchStress(200e9, 0.3, 20e-6, 6e-6, -100.0));
    const PetscReal chi = M[1] / M[0], eta = t[1] / t[0];
    const PetscReal D = 1 + 4 * chi * eta + 6 * chi * eta * eta + 4 * chi * eta * eta * eta + chi * chi * eta * eta * eta * eta;
    PetscCall(PetscPrintf(comm, "Stoney (mismatch stress) / exact bilayer = %.4f, theory D/(1+eta) = %.4f (chi eta = %.4f)\n", (double)(ks / kappa), (double)(D / (1 + eta)), (double)(chi * eta)));
    PetscCall(MechTestCheck(comm, "Stoney/exact ratio == D/(1+eta)", ks / kappa, D / (1 + eta), 1e-10, &nfail));
    /* Stoney with the actual mean film stress of the bent bilayer (what a curvature measurement uses):
     * error ~ eta (Freund & Suresh 2003 sec. 2.4) */
    {
      const PetscReal sf = M[1] * (a + kappa * (t[0] + 0.5 * t[1]) - e[1]);
      const PetscReal ka = MfMechStoneyCurvature(M[0], t[0], t[1], sf);
      PetscCall(PetscPrintf(comm, "Stoney with actual film stress %.4e Pa: kappa %.6e vs exact %.6e, rel.err %.2e (eta = %.1e)\n", (double)sf, (double)ka, (double)kappa, (double)PetscAbsReal(ka / kappa - 1), (double)eta));
      if (PetscAbsReal(ka / kappa - 1) > 3 * eta) ++nfail;
    }
  }
  {
    MfMechBendingSchedule s = {.radius_m = 5e-3, .sign = 1, .cycles = 3, .period_s = 2.0, .wave = MF_MECH_WAVE_SQUARE};
    PetscReal             k1, k2, k3;
    PetscInt              c;
    PetscCall(MfMechBendingScheduleEval(&s, 0.5, &k1, &c));
    PetscCall(MfMechBendingScheduleEval(&s, 1.5, &k2, &c));
    PetscCall(MfMechBendingScheduleEval(&s, 6.5, &k3, &c));
    PetscCall(PetscPrintf(comm, "schedule square: kappa(0.5 s) = %g, kappa(1.5 s) = %g, kappa(6.5 s) = %g (after 3 cycles), cycle %" PetscInt_FMT "\n", (double)k1, (double)k2, (double)k3, c));
    if (k1 != 0.0 || PetscAbsReal(k2 - 200.0) > 1e-12 || k3 != 0.0 || c != 3) ++nfail;
  }
  PetscCall(PetscPrintf(comm, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
