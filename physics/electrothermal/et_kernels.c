/* Pointwise kernels of the coupled electro-thermal problem with the exact Jacobian.
 *
 * Residual (weak form, v = test function, E = -grad phi, sigma = sigma(T, |E|, s), k = k(T, |E|, s)):
 *   F_phi = int sigma grad phi . grad v
 *   F_T   = int (rho c T_t - sigma |grad phi|^2) v + k grad T . grad v   [+ int_bnd h (T - T_amb) v]
 * Jacobian blocks (PETSc convention: g0 value-value, g1 value-grad(trial), g2 grad(test)-value,
 * g3 grad-grad), with |E| = |grad phi| and d|E|/d(grad phi) = grad phi / |E|:
 *   d F_phi/d phi : g3 = sigma I + sigma_E (grad phi x grad phi)/|E|
 *   d F_phi/d T   : g2 = sigma_T grad phi
 *   d F_T/d phi   : g1 = -(2 sigma + sigma_E |E|) grad phi ;  g3 = k_E (grad T x grad phi)/|E|
 *   d F_T/d T     : g0 = rho c shift - sigma_T |E|^2 ;  g2 = k_T grad T ;  g3 = k I            */
#include "et_kernels.h"
#include "et_laws.h"

static inline PetscReal EtNorm(PetscInt dim, const PetscScalar v[])
{
  PetscReal s = 0.0;
  for (PetscInt d = 0; d < dim; ++d) s += PetscRealPart(v[d] * v[d]);
  return PetscSqrtReal(s);
}

/* Evaluate sigma, k and their derivatives at a quadrature point. */
static inline void EtPoint(PetscInt dim, const PetscInt uOff[], const PetscInt uOff_x[], const PetscScalar u[], const PetscScalar u_x[], const PetscInt aOff[], const PetscScalar a[], PetscReal *E, PetscReal *s, PetscReal *s_T, PetscReal *s_E, PetscReal *k, PetscReal *k_T, PetscReal *k_E)
{
  const PetscReal T = PetscRealPart(u[uOff[1]]);
  *E = EtNorm(dim, &u_x[uOff_x[0]]);
  EtSigma(&a[aOff[0]], T, *E, s, s_T, s_E);
  EtConductivityK(&a[aOff[0]], T, *s, *s_T, *s_E, k, k_T, k_E);
}

void MfEtF1Phi(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f1[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) f1[d] = s * u_x[uOff_x[0] + d];
}

void MfEtF0T(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f0[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  f0[0] = -s * E * E;
  if (u_t) f0[0] += PetscRealPart(a[aOff[0] + ET_A_RHOC]) * u_t[uOff[1]];
}

void MfEtF1T(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f1[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) f1[d] = k * u_x[uOff_x[1] + d];
}

void MfEtG3PhiPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) {
    for (PetscInt e = 0; e < dim; ++e) g3[d * dim + e] = (E > 0.0 && s_E != 0.0) ? s_E * u_x[uOff_x[0] + d] * u_x[uOff_x[0] + e] / E : 0.0;
    g3[d * dim + d] += s;
  }
}

void MfEtG2PhiT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g2[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) g2[d] = s_T * u_x[uOff_x[0] + d];
}

void MfEtG1TPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g1[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt e = 0; e < dim; ++e) g1[e] = -(2.0 * s + s_E * E) * u_x[uOff_x[0] + e];
}

void MfEtG3TPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d)
    for (PetscInt e = 0; e < dim; ++e) g3[d * dim + e] = (E > 0.0 && k_E != 0.0) ? k_E * u_x[uOff_x[1] + d] * u_x[uOff_x[0] + e] / E : 0.0;
}

void MfEtG0TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g0[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  g0[0] = -s_T * E * E + u_tShift * PetscRealPart(a[aOff[0] + ET_A_RHOC]);
}

void MfEtG2TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g2[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) g2[d] = k_T * u_x[uOff_x[1] + d];
}

void MfEtG3TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  for (PetscInt d = 0; d < dim; ++d) {
    for (PetscInt e = 0; e < dim; ++e) g3[d * dim + e] = 0.0;
    g3[d * dim + d] = k;
  }
}

void MfEtJouleDensity(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar obj[])
{
  PetscReal E, s, s_T, s_E, k, k_T, k_E;
  EtPoint(dim, uOff, uOff_x, u, u_x, aOff, a, &E, &s, &s_T, &s_E, &k, &k_T, &k_E);
  obj[0] = s * E * E;
}

/* Heat-transfer boundary: residual h (T - T_amb), Jacobian h; one instance per boundary so that each
 * reads its own (h, T_amb) pair from the constants. */
#define ET_BD_KERNELS(B) \
  static void EtBdF0T_##B(ET_RESIDUAL_ARGS, const PetscReal x[], const PetscReal n[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f0[]) \
  { \
    f0[0] = constants[ET_C_H(B)] * (u[uOff[1]] - constants[ET_C_TAMB(B)]); \
  } \
  static void EtBdG0TT_##B(ET_JACOBIAN_ARGS, const PetscReal x[], const PetscReal n[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g0[]) \
  { \
    g0[0] = constants[ET_C_H(B)]; \
  }
ET_BD_KERNELS(0)
ET_BD_KERNELS(1)
ET_BD_KERNELS(2)
ET_BD_KERNELS(3)
const MfEtBdResidual MfEtBdF0T[4]  = {EtBdF0T_0, EtBdF0T_1, EtBdF0T_2, EtBdF0T_3};
const MfEtBdJacobian MfEtBdG0TT[4] = {EtBdG0TT_0, EtBdG0TT_1, EtBdG0TT_2, EtBdG0TT_3};

PetscErrorCode MfEtSetKernels(PetscDS ds)
{
  PetscFunctionBeginUser;
  PetscCall(PetscDSSetResidual(ds, 0, NULL, MfEtF1Phi));
  PetscCall(PetscDSSetResidual(ds, 1, MfEtF0T, MfEtF1T));
  PetscCall(PetscDSSetJacobian(ds, 0, 0, NULL, NULL, NULL, MfEtG3PhiPhi));
  PetscCall(PetscDSSetJacobian(ds, 0, 1, NULL, NULL, MfEtG2PhiT, NULL));
  PetscCall(PetscDSSetJacobian(ds, 1, 0, NULL, MfEtG1TPhi, NULL, MfEtG3TPhi));
  PetscCall(PetscDSSetJacobian(ds, 1, 1, MfEtG0TT, NULL, MfEtG2TT, MfEtG3TT));
  PetscCall(PetscDSSetObjective(ds, 0, MfEtJouleDensity));
  PetscFunctionReturn(0);
}
