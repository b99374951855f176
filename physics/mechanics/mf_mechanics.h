#ifndef MF_MECHANICS_H
#define MF_MECHANICS_H
/* Thermo-mechanics of the flexible stack: small-strain isotropic linear elasticity (2D plane strain or
 * 3D) on the labelled device mesh, with per-region E, nu, alpha (DG0 auxiliary fields), thermal
 * eigenstrain alpha (T - T_sf) (T_sf = T_ref, or the deposition temperature of the layer when the
 * process residual stress is on) and an imposed bending curvature of the stack.
 *
 * Model of the lateral boundaries ("plane sections", see docs/mechanics.md): the mesh is a representative
 * section of a long, wide sheet. On the faces normal to each in-plane direction k the normal displacement
 * is u_k = x_k (a_k + kappa_k (z - z_ref)) with zero tangential traction, z the stacking coordinate
 * (y in 2D, z in 3D). The stretch a_k and curvature kappa_k are either imposed (bending to radius R:
 * kappa_x = +-1/R) or free, i.e. fixed by zero net force / moment. This is the exact boundary condition of
 * Kirchhoff plate theory, so the interior field is a genuine 2D/3D elasticity solution while the plate
 * closed forms (Suo, Stoney, bilayer) are exact references for it. One rigid translation along z is
 * removed by pinning u_z at the bottom-centre vertex (reaction-free: the problem is self-equilibrated).
 *
 * The problem is linear, so MfMechanicsSolve superposes cached unit solutions (one per a_k, kappa_k and
 * one thermal solution): changing the bending radius of a schedule costs no new linear solve.
 * Sign convention: kappa > 0 stretches the top (film side) -> film in tension. */
#include <petscdmplex.h>
#include "mf_material.h"
#include "mf_mesh.h"

typedef struct _p_MfMechanics *MfMechanics;

/* Lateral support of the stack (applies to every in-plane direction):
 *  FLAT    : curvature 0 imposed, stretch free            (sheet held flat, e.g. on a chuck / a stage)
 *  BENT    : kappa_x = sign/R imposed (cylindrical bending about y; kappa_y = 0 in 3D), stretch free
 *  FREE    : stretch and curvature free                   (free-standing: thermal bow, Stoney)
 *  CLAMPED : all lateral normal displacements 0 and top/bottom normal displacement 0 (rigid confinement) */
typedef enum { MF_MECH_SUPPORT_FLAT, MF_MECH_SUPPORT_BENT, MF_MECH_SUPPORT_FREE, MF_MECH_SUPPORT_CLAMPED } MfMechSupport;
extern const char *const MfMechSupportNames[];

/* Per-region results (volume averages over the region's cells, cell values at centroids) */
typedef struct {
  PetscReal volume;            /* m^3 (m^2 in 2D)           */
  PetscReal strain_inplane[2]; /* mean eps_xx, eps_yy (3D) */
  PetscReal sigma_h_mean;      /* Pa, mean hydrostatic stress tr(sigma)/3 */
  PetscReal sigma_h_min, sigma_h_max;
  PetscReal von_mises_mean;    /* Pa */
  PetscReal von_mises_max;     /* Pa */
} MfMechRegionStats;

PetscErrorCode MfMechanicsCreate(DM dm, MfMechanics *mech);
PetscErrorCode MfMechanicsSetMaterials(MfMechanics mech, const MfMaterial mats[MF_NUM_REGIONS]);
PetscErrorCode MfMechanicsSetReferenceTemperature(MfMechanics mech, PetscReal T_ref_K);
PetscErrorCode MfMechanicsSetUniformTemperature(MfMechanics mech, PetscReal T_K);
/* DG0 scalar DM (one value per cell) for a cell temperature field; valid after MfMechanicsSetUp */
PetscErrorCode MfMechanicsGetCellTemperatureDM(MfMechanics mech, DM *dmT);
PetscErrorCode MfMechanicsSetCellTemperature(MfMechanics mech, Vec T_K); /* global Vec of dmT (copied) */
/* Process stress: region r is stress-free at T_dep_K[r] (deposited hot, then cooled). NULL disables.
 * Entries <= 0 mean "stress-free at T_ref" (e.g. the substrate). */
PetscErrorCode MfMechanicsSetResidualStress(MfMechanics mech, const PetscReal T_dep_K[MF_NUM_REGIONS]);
PetscErrorCode MfMechanicsSetSupport(MfMechanics mech, MfMechSupport support);
/* Bending to radius_m (> 0), sign +1 film side in tension (convex), -1 compression; radius_m = 0: flat */
PetscErrorCode MfMechanicsSetBending(MfMechanics mech, PetscReal radius_m, PetscInt sign);
PetscErrorCode MfMechanicsSetCurvature(MfMechanics mech, PetscReal kappa_per_m); /* BENT with kappa_x */
PetscErrorCode MfMechanicsSetFromOptions(MfMechanics mech); /* prefix -mech_ */
PetscErrorCode MfMechanicsSetUp(MfMechanics mech);
PetscErrorCode MfMechanicsSolve(MfMechanics mech);
PetscErrorCode MfMechanicsDestroy(MfMechanics *mech);

/* Results (after Solve) */
PetscErrorCode MfMechanicsGetRegionStats(MfMechanics mech, MfRegionId region, MfMechRegionStats *stats);
PetscErrorCode MfMechanicsGetFunctionalStrain(MfMechanics mech, PetscReal *eps_xx, PetscReal *eps_yy);
/* Plate state: stretch a_k and curvature kappa_k of u_k = x_k (a_k + kappa_k (z - z_ref)), z_ref returned */
PetscErrorCode MfMechanicsGetPlateState(MfMechanics mech, PetscReal stretch[2], PetscReal curvature[2], PetscReal *z_ref);
/* Borrowed references, valid until the next Solve/Destroy. Displacement "displacement" (m) on the FE DM;
 * derived: DG0 fields "strain" (6: xx,yy,zz,yz,xz,xy tensor components), "stress" (6, Pa),
 * "von_mises" (Pa), "hydrostatic_stress" (Pa). Both views insert the boundary values themselves. */
PetscErrorCode MfMechanicsGetDisplacement(MfMechanics mech, Vec *u);
PetscErrorCode MfMechanicsGetDerivedFields(MfMechanics mech, Vec *derived);
/* Linear iterations of the last Solve: total and maximum over its unit solves (0 if all were cached) */
PetscErrorCode MfMechanicsGetLinearIterations(MfMechanics mech, PetscInt *total, PetscInt *max_per_solve);
/* Verification hook: node-blocked assembly (default) vs PETSc's generic pointwise-kernel assembly of the
 * stiffness, residual and end forces; relative differences (should be round-off) */
PetscErrorCode MfMechanicsCheckAssembly(MfMechanics mech, PetscReal *jac_rel_err, PetscReal *res_rel_err, PetscReal *force_rel_err);
/* Collective. Each rank passes its own points (coords: npoints*dim, metres); a point anywhere in the mesh
 * gets the cell value of the cell containing it: sigma_h (Pa) and strain (xx,yy,zz,yz,xz,xy). A point
 * outside the mesh is an error. Either output may be NULL. */
PetscErrorCode MfMechanicsSampleStress(MfMechanics mech, PetscInt npoints, const PetscReal coords[], PetscReal sigma_h[], PetscReal strain[][6]);

/* ---- self-contained layered box mesher (verification and benchmark; production meshes come from meshes/) */
#define MF_MECH_MAX_LAYERS 8
typedef struct {
  PetscInt   dim;                            /* 2 (plane strain) or 3 */
  PetscInt   nlayers;                        /* bottom (substrate) first */
  PetscReal  thickness_m[MF_MECH_MAX_LAYERS];
  MfRegionId region[MF_MECH_MAX_LAYERS];
  PetscInt   ncells[MF_MECH_MAX_LAYERS];     /* cells across each layer */
  PetscReal  length_m[2];                    /* in-plane extent along x (and y in 3D), centred on 0 */
  PetscInt   ncells_inplane[2];
} MfMechStackSpec;
/* Hex/quad mesh with the "region" cell label, distributed over comm */
PetscErrorCode MfMechanicsCreateLayeredBox(MPI_Comm comm, const MfMechStackSpec *spec, DM *dm);

/* Prints DOFs / linear iterations / solve time for >= 3 refinements of a bent PET/Pt/HfO2/Pt stack */
PetscErrorCode MfMechanicsBenchmark(MPI_Comm comm);

/* ---- bending schedule (protocol: flat <-> R, N cycles) */
typedef enum { MF_MECH_WAVE_SQUARE, MF_MECH_WAVE_SINE } MfMechWave;
typedef struct {
  PetscReal  radius_m;  /* bent radius (> 0) */
  PetscInt   sign;      /* +1 film in tension, -1 compression */
  PetscInt   cycles;    /* number of flat -> bent -> flat cycles, then flat */
  PetscReal  period_s;  /* duration of one cycle */
  MfMechWave wave;      /* SQUARE: flat first half, bent second half; SINE: kappa = kappa_R (1 - cos(2 pi t/P))/2 */
} MfMechBendingSchedule;
PetscErrorCode MfMechBendingScheduleEval(const MfMechBendingSchedule *s, PetscReal t_s, PetscReal *kappa_per_m, PetscInt *cycle);

/* ---- closed forms (mech_closedform.c), each cited there. Coordinates z from the bottom of the stack. */
PetscReal      MfMechPlaneStrainModulus(PetscReal E_Pa, PetscReal nu);            /* E/(1-nu^2) */
PetscReal      MfMechBiaxialModulus(PetscReal E_Pa, PetscReal nu);                /* E/(1-nu)   */
PetscReal      MfMechSuoBendingStrain(PetscReal ts_m, PetscReal tf_m, PetscReal Ys_Pa, PetscReal Yf_Pa, PetscReal R_m);
PetscErrorCode MfMechNeutralAxis(PetscInt n, const PetscReal t_m[], const PetscReal Y_Pa[], PetscReal *zn_m);
/* Layered plate with per-layer modulus M and free (eigen)strain e: eps(z) = a + kappa z.
 * kappa_fixed = PETSC_TRUE: kappa imposed (input), a from zero force; else both from zero force and moment. */
PetscErrorCode MfMechLayeredPlate(PetscInt n, const PetscReal t_m[], const PetscReal M_Pa[], const PetscReal e[], PetscBool kappa_fixed, PetscReal *a, PetscReal *kappa);
PetscReal      MfMechFilmMismatchStress(PetscReal Ef_Pa, PetscReal nuf, PetscReal alpha_s, PetscReal alpha_f, PetscReal dT_K);
PetscReal      MfMechConstrainedThermalStress(PetscReal E_Pa, PetscReal nu, PetscReal alpha, PetscReal dT_K);
PetscReal      MfMechStoneyCurvature(PetscReal Ms_Pa, PetscReal ts_m, PetscReal tf_m, PetscReal sigma_f_Pa);
PetscReal      MfMechBilayerCurvature(PetscReal ts_m, PetscReal tf_m, PetscReal Ms_Pa, PetscReal Mf_Pa, PetscReal eps_mismatch);

#endif
