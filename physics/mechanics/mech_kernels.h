#ifndef MF_MECH_KERNELS_H
#define MF_MECH_KERNELS_H
/* Pointwise FE kernels of isotropic thermo-elasticity (PetscDS signatures). Exported so that the MMS
 * test exercises exactly the kernels of the solver.
 * Auxiliary DG0 field (one field, MF_MECH_NAUX components): E (Pa), nu, alpha (1/K), theta = T - T_sf (K).
 * Constants (MF_MECH_NCONST): thermal on/off multiplier, z_ref, objective direction k, objective mode. */
#include <petscds.h>

enum { MF_MECH_AUX_E, MF_MECH_AUX_NU, MF_MECH_AUX_ALPHA, MF_MECH_AUX_THETA, MF_MECH_NAUX };
enum { MF_MECH_C_THERMAL, MF_MECH_C_ZREF, MF_MECH_C_DIR, MF_MECH_C_MODE, MF_MECH_NCONST };

#define MF_MECH_KERNEL_ARGS \
  PetscInt dim, PetscInt Nf, PetscInt NfAux, const PetscInt uOff[], const PetscInt uOff_x[], const PetscScalar u[], \
    const PetscScalar u_t[], const PetscScalar u_x[], const PetscInt aOff[], const PetscInt aOff_x[], const PetscScalar a[], \
    const PetscScalar a_t[], const PetscScalar a_x[], PetscReal t
#define MF_MECH_POINT_ARGS const PetscReal x[], PetscInt numConstants, const PetscScalar constants[]

/* Strain (3x3, eps_zz = 0 in 2D plane strain) and stress (3x3) at a quadrature point */
void MfMechPointStress(PetscInt dim, const PetscScalar aux[], const PetscScalar u_x[], PetscReal thermal, PetscReal eps[3][3], PetscReal sig[3][3]);

void MfMechF1Elastic(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f1[]);
void MfMechG3Elastic(MF_MECH_KERNEL_ARGS, PetscReal u_tShift, MF_MECH_POINT_ARGS, PetscScalar g3[]);
/* Generalized end force of the unit mode v: mode 0: v = x_k e_k, mode 1: v = x_k (z - z_ref) e_k;
 * integrand sigma : grad v, whose integral is the virtual work of the end reactions on v. */
void MfMechObjectiveEndForce(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar obj[]);
/* Its integrand sigma : grad v at point x for direction k and mode (0 stretch, 1 curvature) */
PetscReal MfMechEndForceDensity(PetscInt dim, PetscInt k, PetscInt mode, PetscReal zref, const PetscReal x[], const PetscReal sig[3][3]);
/* Derived DG0 fields for DMProjectField */
void MfMechDerivedStrain(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[]);
void MfMechDerivedStress(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[]);
void MfMechDerivedVonMises(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[]);
void MfMechDerivedHydrostatic(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f[]);

PetscReal MfMechVonMises(const PetscReal s[3][3]);
#endif
