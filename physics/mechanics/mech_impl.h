#ifndef MF_MECH_IMPL_H
#define MF_MECH_IMPL_H
/* Private state of MfMechanics (shared by mechanics.c, mech_output.c) */
#include "mf_mechanics.h"
#include "mech_kernels.h"
#include <petscsnes.h>
#include <petscsf.h>

#define MF_MECH_LABEL_BOX "mech_box" /* outer box faces: 1 x-, 2 x+, 3 y-, 4 y+ (3D), 5 bottom, 6 top */
#define MF_MECH_LABEL_PIN "mech_pin" /* bottom-centre vertex: u_z = 0 */
#define MF_MECH_NDER      14
#define MF_MECH_AMG_MIN_DOFS 20000  /* -mech_solver auto: AMG from this many dofs on (measured, docs/mechanics.md) */         /* strain 6, stress 6, von Mises, hydrostatic */

/* Linear solver of the unit solves: sparse direct (MUMPS LU on the constrained system) or CG + algebraic
 * multigrid on the full, node-blocked system (mech_amg.c); AUTO picks AMG from amgMinDofs dofs on */
typedef enum { MF_MECH_SOLVER_LU, MF_MECH_SOLVER_AMG, MF_MECH_SOLVER_AUTO } MfMechSolverType;

typedef struct {
  PetscInt  k, zd;   /* in-plane direction, stacking axis */
  PetscReal a, kap;  /* u_k = x_k (a + kap (z - zref)) */
  PetscReal zref;
} MfMechBCCtx;

struct _p_MfMechanics {
  MPI_Comm      comm;
  DM            dmUser;                 /* reference held */
  DM            dm, dmAux, dmDer, dmT;  /* displacement FE, DG0 materials, DG0 outputs, DG0 temperature */
  PetscInt      dim, nk, degree;
  PetscBool     fastAssembly;           /* node-blocked cell loops (mech_assembly.c) instead of PETSc's generic FE loops */
  PetscBool     setup;
  /* inputs */
  MfMaterial    mats[MF_NUM_REGIONS];
  PetscBool     matsSet;
  PetscReal     Tref, Tuniform;
  Vec           Tcell;                  /* global on dmT, NULL: uniform */
  PetscBool     residual;
  PetscReal     Tdep[MF_NUM_REGIONS];
  MfMechSupport support;
  PetscReal     kappa;                  /* imposed kappa_x of BENT */
  /* geometry */
  PetscReal     lo[3], hi[3], zref;
  /* discretisation and solver */
  MfMechBCCtx   bc[2];
  SNES          snes;
  Vec           aux;                    /* local on dmAux */
  Vec           uT, ub[4], u;           /* thermal, unit modes (2k: a_k, 2k+1: kappa_k), total */
  PetscReal     GT[4], G[4][4];         /* generalized end forces G_i(u_j) */
  PetscReal     coef[4];
  PetscBool     matsDirty, tempDirty, basisValid, thermalValid, hasThermal;
  PetscInt      itsTotal, itsMax;
  /* AMG path (mech_amg.c): all displacement dofs kept, block size dim, constraints by MatZeroRowsColumns */
  MfMechSolverType solverType;
  PetscInt      amgMinDofs;
  PetscBool     useAmg, amgOpValid;
  DM            dmFull;                 /* same mesh, FE and local layout as dm, no essential BCs */
  Mat           Kfull;
  KSP           kspAmg;
  PetscInt      nCons, *cons;           /* owned constrained rows (global indices of dmFull) */
  Vec           xFull, bFull, dFull;
  /* outputs */
  Vec               derived;            /* global on dmDer */
  MfMechRegionStats stats[MF_NUM_REGIONS];
  PetscBool         solved;
};

PetscErrorCode MfMechComputeDerived_Private(MfMechanics mech);
PetscErrorCode MfMechGhostCells_Private(DM dm, PetscInt cStart, PetscInt cEnd, PetscBool **ghost);
PetscErrorCode MfMechBuildAux_Private(MfMechanics mech);
PetscErrorCode MfMechSetConstants_Private(MfMechanics mech, PetscReal thermal, PetscInt dir, PetscInt mode);
void           MfMechSetBCValues_Private(MfMechanics mech, const PetscReal *coef);
PetscErrorCode MfMechEndForcesPETSc_Private(MfMechanics mech, Vec u, PetscReal thermal, PetscReal G[]);
/* mech_assembly.c */
PetscErrorCode MfMechAssembleStiffness_Private(MfMechanics mech, Mat P);
PetscErrorCode MfMechAssembleStiffnessOn_Private(MfMechanics mech, DM dm, Mat P);
/* mech_amg.c */
PetscErrorCode MfMechAmgCreate_Private(MfMechanics mech, PetscFE fe);
PetscErrorCode MfMechAmgSolve_Private(MfMechanics mech, PetscReal thermal, Vec u, PetscInt *its);
PetscErrorCode MfMechAmgDestroy_Private(MfMechanics mech);
PetscErrorCode MfMechCellLoop_Private(MfMechanics mech, Vec uloc, PetscReal thermal, Vec Floc, PetscReal G[]);
PetscErrorCode MfMechSetSNESCallbacks_Private(MfMechanics mech);
#endif
