/* Closed-form thin-film / layered-plate mechanics: the references of the FE verification and the
 * device-level "strain vs bending radius" table of the run summary. z is measured from the bottom of
 * the stack (substrate bottom), strain eps(z) = a + kappa z, kappa > 0 stretches the top.
 * Moduli: pass Y = E/(1-nu^2) for plane strain / cylindrical bending, E/(1-nu) for equibiaxial states,
 * E for a narrow beam. */
#include "mf_mechanics.h"

PetscReal MfMechPlaneStrainModulus(PetscReal E_Pa, PetscReal nu) { return E_Pa / (1.0 - nu * nu); }
PetscReal MfMechBiaxialModulus(PetscReal E_Pa, PetscReal nu) { return E_Pa / (1.0 - nu); }

/* Strain at the top surface of a film (tf, Yf) on a substrate (ts, Ys) bent to radius R (film outside):
 * Suo, Ma, Gleskova, Wagner, Appl. Phys. Lett. 74, 1177 (1999), eq. (1):
 *   eps_top = (tf + ts)/(2R) (1 + 2 eta + chi eta^2) / ((1 + eta)(1 + chi eta)),  eta = tf/ts, chi = Yf/Ys.
 * Algebraically identical to (ts + tf - z_n)/R with the neutral axis z_n of MfMechNeutralAxis. */
PetscReal MfMechSuoBendingStrain(PetscReal ts_m, PetscReal tf_m, PetscReal Ys_Pa, PetscReal Yf_Pa, PetscReal R_m)
{
  const PetscReal eta = tf_m / ts_m, chi = Yf_Pa / Ys_Pa;
  return (tf_m + ts_m) / (2.0 * R_m) * (1.0 + 2.0 * eta + chi * eta * eta) / ((1.0 + eta) * (1.0 + chi * eta));
}

/* Neutral axis of a composite beam (transformed-section method, e.g. Gere & Goodno, Mechanics of
 * Materials, sec. 6.2): z_n = sum Y_i t_i zc_i / sum Y_i t_i, zc_i the layer mid-plane. */
PetscErrorCode MfMechNeutralAxis(PetscInt n, const PetscReal t_m[], const PetscReal Y_Pa[], PetscReal *zn_m)
{
  PetscReal num = 0, den = 0, z = 0;

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; ++i) {
    PetscCheck(t_m[i] > 0 && Y_Pa[i] > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Layer %" PetscInt_FMT ": thickness %g m and modulus %g Pa must be positive", i, (double)t_m[i], (double)Y_Pa[i]);
    num += Y_Pa[i] * t_m[i] * (z + 0.5 * t_m[i]);
    den += Y_Pa[i] * t_m[i];
    z += t_m[i];
  }
  *zn_m = num / den;
  PetscFunctionReturn(0);
}

/* Layered (Kirchhoff) plate with eigenstrains: stress in layer i is M_i (a + kappa z - e_i).
 * Zero net force:  S0 a + S1 kappa = P0;  zero net moment: S1 a + S2 kappa = P1, with
 * S_m = sum_i M_i int z^m dz, P_m = sum_i M_i e_i int z^m dz over the layer (Freund & Suresh,
 * Thin Film Materials, CUP 2003, sec. 2.4; Hsueh, Thin Solid Films 418, 182 (2002)). Exact for the
 * plane-sections end condition used by MfMechanics. */
PetscErrorCode MfMechLayeredPlate(PetscInt n, const PetscReal t_m[], const PetscReal M_Pa[], const PetscReal e[], PetscBool kappa_fixed, PetscReal *a, PetscReal *kappa)
{
  PetscReal S0 = 0, S1 = 0, S2 = 0, P0 = 0, P1 = 0, z0 = 0;

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; ++i) {
    const PetscReal z1 = z0 + t_m[i];
    const PetscReal i0 = z1 - z0, i1 = 0.5 * (z1 * z1 - z0 * z0), i2 = (z1 * z1 * z1 - z0 * z0 * z0) / 3.0;
    const PetscReal ei = e ? e[i] : 0.0;

    PetscCheck(t_m[i] > 0 && M_Pa[i] > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Layer %" PetscInt_FMT ": thickness %g m and modulus %g Pa must be positive", i, (double)t_m[i], (double)M_Pa[i]);
    S0 += M_Pa[i] * i0;
    S1 += M_Pa[i] * i1;
    S2 += M_Pa[i] * i2;
    P0 += M_Pa[i] * ei * i0;
    P1 += M_Pa[i] * ei * i1;
    z0 = z1;
  }
  if (kappa_fixed) {
    *a = (P0 - S1 * (*kappa)) / S0;
  } else {
    const PetscReal det = S0 * S2 - S1 * S1;
    *a     = (P0 * S2 - S1 * P1) / det;
    *kappa = (S0 * P1 - S1 * P0) / det;
  }
  PetscFunctionReturn(0);
}

/* Equibiaxial stress of a thin film on a thick substrate held flat after a temperature change dT:
 * sigma_f = E_f/(1 - nu_f) (alpha_s - alpha_f) dT (Freund & Suresh 2003, eq. 2.2; exact in the limit
 * M_f t_f / (M_s t_s) -> 0). */
PetscReal MfMechFilmMismatchStress(PetscReal Ef_Pa, PetscReal nuf, PetscReal alpha_s, PetscReal alpha_f, PetscReal dT_K)
{
  return Ef_Pa / (1.0 - nuf) * (alpha_s - alpha_f) * dT_K;
}

/* Fully constrained isotropic body heated by dT: eps = 0, sigma = -E alpha dT/(1 - 2 nu) I
 * (Timoshenko & Goodier, Theory of Elasticity, 3rd ed., sec. 150). */
PetscReal MfMechConstrainedThermalStress(PetscReal E_Pa, PetscReal nu, PetscReal alpha, PetscReal dT_K)
{
  return -E_Pa * alpha * dT_K / (1.0 - 2.0 * nu);
}

/* Stoney, Proc. R. Soc. Lond. A 82, 172 (1909), in the biaxial form of Freund & Suresh (2003) eq. 2.7:
 * kappa = 6 sigma_f t_f / (M_s t_s^2), M_s = E_s/(1 - nu_s); a tensile film bends the stack concave on
 * the film side, i.e. kappa < 0 in the convention of this module. */
PetscReal MfMechStoneyCurvature(PetscReal Ms_Pa, PetscReal ts_m, PetscReal tf_m, PetscReal sigma_f_Pa)
{
  return -6.0 * sigma_f_Pa * tf_m / (Ms_Pa * ts_m * ts_m);
}

/* Exact bilayer curvature for a film with mismatch strain eps_m = e_f - e_s relative to the substrate
 * (Freund & Suresh 2003, eq. 2.31; Timoshenko, J. Opt. Soc. Am. 11, 233 (1925) for the bimetal):
 *   kappa = 6 eps_m chi eta (1 + eta) / (t_s (1 + 4 chi eta + 6 chi eta^2 + 4 chi eta^3 + chi^2 eta^4)),
 * chi = M_f/M_s, eta = t_f/t_s. Stoney is its limit eta -> 0 with sigma_f = -M_f eps_m. */
PetscReal MfMechBilayerCurvature(PetscReal ts_m, PetscReal tf_m, PetscReal Ms_Pa, PetscReal Mf_Pa, PetscReal eps_mismatch)
{
  const PetscReal eta = tf_m / ts_m, chi = Mf_Pa / Ms_Pa;
  const PetscReal D   = 1.0 + 4.0 * chi * eta + 6.0 * chi * eta * eta + 4.0 * chi * eta * eta * eta + chi * chi * eta * eta * eta * eta;
  return 6.0 * eps_mismatch * chi * eta * (1.0 + eta) / (ts_m * D);
}
