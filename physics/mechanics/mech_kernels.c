/* Pointwise kernels of small-strain isotropic thermo-elasticity.
 * sigma = lambda tr(eps) I + 2 mu eps - (3 lambda + 2 mu) alpha theta I        (Duhamel-Neumann law,
 * Timoshenko & Goodier, Theory of Elasticity, sec. 150), lambda = E nu/((1+nu)(1-2nu)), mu = E/(2(1+nu)).
 * 2D is plane strain (eps_zz = 0; the isotropic eigenstrain also acts along z, so sigma_zz != 0).
 * Weak form (PETSc convention F = int v.f0 + grad v : f1): f1 = sigma, no body force. */
#include "mech_kernels.h"

static void Lame(const PetscScalar aux[], PetscReal *lambda, PetscReal *mu)
{
  const PetscReal E = PetscRealPart(aux[MF_MECH_AUX_E]), nu = PetscRealPart(aux[MF_MECH_AUX_NU]);
  *lambda = E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
  *mu     = 0.5 * E / (1.0 + nu);
}

void MfMechPointStress(PetscInt dim, const PetscScalar aux[], const PetscScalar u_x[], PetscReal thermal, PetscReal eps[3][3], PetscReal sig[3][3])
{
  PetscReal lambda, mu, tr = 0.0, beta;

  Lame(aux, &lambda, &mu);
  for (PetscInt i = 0; i < 3; ++i)
    for (PetscInt j = 0; j < 3; ++j) eps[i][j] = (i < dim && j < dim) ? 0.5 * PetscRealPart(u_x[i * dim + j] + u_x[j * dim + i]) : 0.0;
  for (PetscInt i = 0; i < 3; ++i) tr += eps[i][i];
  /* thermal stress modulus times eigenstrain: (3 lambda + 2 mu) alpha theta = E alpha theta/(1 - 2 nu) */
  beta = thermal * (3.0 * lambda + 2.0 * mu) * PetscRealPart(aux[MF_MECH_AUX_ALPHA]) * PetscRealPart(aux[MF_MECH_AUX_THETA]);
  for (PetscInt i = 0; i < 3; ++i)
    for (PetscInt j = 0; j < 3; ++j) sig[i][j] = 2.0 * mu * eps[i][j] + (i == j ? lambda * tr - beta : 0.0);
}

PetscReal MfMechVonMises(const PetscReal s[3][3])
{
  const PetscReal d = 0.5 * (PetscSqr(s[0][0] - s[1][1]) + PetscSqr(s[1][1] - s[2][2]) + PetscSqr(s[2][2] - s[0][0])) + 3.0 * (PetscSqr(s[0][1]) + PetscSqr(s[1][2]) + PetscSqr(s[0][2]));
  return PetscSqrtReal(d);
}

void MfMechF1Elastic(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f1[])
{
  PetscReal eps[3][3], sig[3][3];

  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  for (PetscInt c = 0; c < dim; ++c)
    for (PetscInt d = 0; d < dim; ++d) f1[c * dim + d] = sig[c][d];
}

/* d sigma_cd / d(du_e/dx_f) = mu (delta_ce delta_df + delta_cf delta_de) + lambda delta_cd delta_ef */
void MfMechG3Elastic(MF_MECH_KERNEL_ARGS, PetscReal u_tShift, MF_MECH_POINT_ARGS, PetscScalar g3[])
{
  PetscReal lambda, mu;

  Lame(&a[aOff[0]], &lambda, &mu);
  for (PetscInt c = 0; c < dim; ++c) {
    for (PetscInt d = 0; d < dim; ++d) {
      g3[((c * dim + c) * dim + d) * dim + d] += mu;
      g3[((c * dim + d) * dim + d) * dim + c] += mu;
      g3[((c * dim + d) * dim + c) * dim + d] += lambda;
    }
  }
}

PetscReal MfMechEndForceDensity(PetscInt dim, PetscInt k, PetscInt mode, PetscReal zref, const PetscReal x[], const PetscReal sig[3][3])
{
  const PetscInt zd = dim - 1;
  /* grad v: mode 0: dv_k/dx_k = 1; mode 1: dv_k/dx_k = z - z_ref, dv_k/dz = x_k */
  if (mode == 0) return sig[k][k];
  return sig[k][k] * (x[zd] - zref) + sig[k][zd] * x[k];
}

void MfMechObjectiveEndForce(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar obj[])
{
  const PetscInt k = (PetscInt)PetscRealPart(constants[MF_MECH_C_DIR]), mode = (PetscInt)PetscRealPart(constants[MF_MECH_C_MODE]);
  PetscReal      eps[3][3], sig[3][3];

  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  obj[0] = MfMechEndForceDensity(dim, k, mode, PetscRealPart(constants[MF_MECH_C_ZREF]), x, sig);
}

static void Voigt(const PetscReal m[3][3], PetscScalar f[])
{
  f[0] = m[0][0]; f[1] = m[1][1]; f[2] = m[2][2];
  f[3] = m[1][2]; f[4] = m[0][2]; f[5] = m[0][1];
}

void MfMechDerivedStrain(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[])
{
  PetscReal eps[3][3], sig[3][3];
  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  Voigt(eps, f);
}

void MfMechDerivedStress(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[])
{
  PetscReal eps[3][3], sig[3][3];
  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  Voigt(sig, f);
}

void MfMechDerivedVonMises(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[])
{
  PetscReal eps[3][3], sig[3][3];
  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  f[0] = MfMechVonMises(sig);
}

/* sigma_h = tr(sigma)/3: the pressure-like stress that shifts ionic migration barriers,
 * E_a -> E_a - Omega sigma_h (activation volume Omega; e.g. Aziz, Defect Diffus. Forum 153, 1 (1998)). */
void MfMechDerivedHydrostatic(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[])
{
  PetscReal eps[3][3], sig[3][3];
  MfMechPointStress(dim, &a[aOff[0]], &u_x[uOff_x[0]], PetscRealPart(constants[MF_MECH_C_THERMAL]), eps, sig);
  f[0] = (sig[0][0] + sig[1][1] + sig[2][2]) / 3.0;
}
