#ifndef MF_ET_KERNELS_H
#define MF_ET_KERNELS_H
/* Pointwise PetscDS kernels of the coupled electro-thermal problem (field 0 = phi, field 1 = T).
 * Exported so that verification programs (MMS) can assemble the same physics with their own
 * sources and boundary data. Coefficients come from the DG0 auxiliary vector (et_laws.h). */
#include <petscds.h>

/* PetscDS constants: h [W/m^2/K] and T_amb [K] of the heat-transfer condition on each MfEtBoundary */
#define ET_C_H(b)    (2 * (b))
#define ET_C_TAMB(b) (2 * (b) + 1)
#define ET_NCONST    8

#define ET_RESIDUAL_ARGS \
  PetscInt dim, PetscInt Nf, PetscInt NfAux, const PetscInt uOff[], const PetscInt uOff_x[], const PetscScalar u[], const PetscScalar u_t[], const PetscScalar u_x[], \
    const PetscInt aOff[], const PetscInt aOff_x[], const PetscScalar a[], const PetscScalar a_t[], const PetscScalar a_x[], PetscReal t
#define ET_JACOBIAN_ARGS ET_RESIDUAL_ARGS, PetscReal u_tShift

void MfEtF1Phi(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f1[]);
void MfEtF0T(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f0[]);
void MfEtF1T(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f1[]);
void MfEtG3PhiPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[]);
void MfEtG2PhiT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g2[]);
void MfEtG1TPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g1[]);
void MfEtG3TPhi(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[]);
void MfEtG0TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g0[]);
void MfEtG2TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g2[]);
void MfEtG3TT(ET_JACOBIAN_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g3[]);

/* Boundary kernels of the heat-transfer condition -k dT/dn = h (T - T_amb), one per boundary. */
typedef void (*MfEtBdResidual)(ET_RESIDUAL_ARGS, const PetscReal x[], const PetscReal n[], PetscInt numConstants, const PetscScalar constants[], PetscScalar f0[]);
typedef void (*MfEtBdJacobian)(ET_JACOBIAN_ARGS, const PetscReal x[], const PetscReal n[], PetscInt numConstants, const PetscScalar constants[], PetscScalar g0[]);
extern const MfEtBdResidual MfEtBdF0T[4];
extern const MfEtBdJacobian MfEtBdG0TT[4];

/* Objective: Joule power density sigma |grad phi|^2 (field 0), used with DMPlexComputeIntegralFEM. */
void MfEtJouleDensity(ET_RESIDUAL_ARGS, const PetscReal x[], PetscInt numConstants, const PetscScalar constants[], PetscScalar obj[]);

/* Set all volume kernels on a PetscDS (the DS must have 2 fields). */
PetscErrorCode MfEtSetKernels(PetscDS ds);

#endif
