#ifndef MF_ELECTROTHERMAL_H
#define MF_ELECTROTHERMAL_H
/* Coupled electro-thermal finite elements: current continuity and heat, solved monolithically.
 *
 *   -div(sigma(T,|E|,s) grad phi) = 0
 *   rho c dT/dt - div(k(T,|E|,s) grad T) = sigma |grad phi|^2          (Joule heating)
 *
 * Fields: 0 = electric potential phi [V], 1 = temperature T [K], Lagrange Q_p on the labelled DMPlex
 * of meshes/mf_mesh.h (cell label "region", face labels "top_contact", "bottom_contact",
 * "substrate_bottom", "sides"). Coordinates in metres, all quantities SI. In 2D every extensive
 * result (current, power) is per metre of out-of-plane depth.
 *
 * Lifecycle (PETSc style):
 *   MfElectroThermalCreate(dm, &et);              // dm is referenced, not copied
 *   MfElectroThermalSetMaterials(et, mats);       // one MfMaterial per MfRegionId
 *   MfElectroThermalSetCircuit(et, Vs, Rs, Icc);  // optional (default Vs = 0, Rs = 0, no compliance)
 *   MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_FIXED, 300, 0, 0);
 *   MfElectroThermalSetFromOptions(et);           // -et_* keys, SNES/KSP/PC/TS with prefix -et_
 *   MfElectroThermalSetUp(et);
 *   MfElectroThermalSolveSteady(et);  or  MfElectroThermalStep(et, dt);
 *   MfElectroThermalGetResults(et, &res);
 *   MfElectroThermalDestroy(&et);                                                                  */
#include <petscdmplex.h>
#include <petscsnes.h>
#include <petscts.h>
#include "mf_material.h"
#include "mf_mesh.h"

typedef struct _n_MfElectroThermal *MfElectroThermal;

/* Boundaries that may carry a thermal condition (face labels of mf_mesh.h). */
typedef enum {
  MF_ET_BND_TOP_CONTACT = 0,
  MF_ET_BND_BOTTOM_CONTACT = 1,
  MF_ET_BND_SUBSTRATE_BOTTOM = 2,
  MF_ET_BND_SIDES = 3,
  MF_ET_NUM_BND = 4
} MfEtBoundary;

/* Thermal boundary condition: adiabatic (natural, default), fixed temperature, or heat-transfer
 * coefficient -k dT/dn = h (T - T_amb). */
typedef enum { MF_ET_TBC_ADIABATIC = 0, MF_ET_TBC_FIXED = 1, MF_ET_TBC_CONVECTIVE = 2 } MfEtThermalBCType;

/* Per-region constitutive options not carried by MfMaterial. */
typedef struct {
  PetscBool wiedemann_franz; /* add the electronic part k_e = L0 sigma T (metallic phases)           */
  PetscReal hop_distance_m;  /* > 0: field-enhanced hopping sigma *= sinh(x)/x, x = q a |E|/(2 kB T) */
  PetscReal k_T_exponent;    /* lattice part k_ph = k0 (T/T0)^m (m = 0: constant)                   */
} MfEtRegionLaws;

typedef enum { MF_ET_SOURCE_VOLTAGE = 0, MF_ET_SOURCE_COMPLIANCE = 1 } MfEtSourceMode;

typedef struct {
  PetscReal      V_source;           /* V_s [V] */
  PetscReal      V_device;           /* potential applied to top_contact at convergence [V] */
  PetscReal      I_top;              /* current entering through top_contact [A] (2D: A/m) */
  PetscReal      I_bottom;           /* current leaving through bottom_contact [A] */
  PetscReal      circuit_residual;   /* V_device + I_top R_s - V_source (voltage mode) [V] */
  MfEtSourceMode mode;               /* compliance reached? */
  PetscReal      R_device;           /* V_device / I_top [Ohm] (inf at zero current) */
  PetscReal      power_W;            /* V_device * I_top [W] */
  PetscReal      joule_W;            /* integral of sigma |grad phi|^2 [W] (== power in steady state) */
  PetscReal      T_max;              /* nodal maximum temperature [K] */
  PetscReal      T_max_region[MF_NUM_REGIONS]; /* per region (0 where the region is absent) */
  PetscInt       newton_its;         /* Newton iterations of the last solve (summed over circuit its) */
  PetscInt       linear_its;         /* linear iterations of the last solve (summed) */
  PetscInt       circuit_its;        /* outer circuit iterations */
  PetscInt       load_steps;         /* load steps the last solve needed (1 = direct) */
  PetscReal      time;               /* transient time [s] */
} MfEtResults;

/* Lifecycle */
PetscErrorCode MfElectroThermalCreate(DM dm, MfElectroThermal *et);
PetscErrorCode MfElectroThermalDestroy(MfElectroThermal *et);
PetscErrorCode MfElectroThermalSetMaterials(MfElectroThermal et, const MfMaterial mats[MF_NUM_REGIONS]);
PetscErrorCode MfElectroThermalSetRegionLaws(MfElectroThermal et, MfRegionId region, const MfEtRegionLaws *laws);
PetscErrorCode MfElectroThermalSetDegree(MfElectroThermal et, PetscInt degree); /* default 1 (Q1) */
PetscErrorCode MfElectroThermalSetCircuit(MfElectroThermal et, PetscReal V_source, PetscReal R_series_ohm, PetscReal I_compliance_A);
PetscErrorCode MfElectroThermalSetThermalBC(MfElectroThermal et, MfEtBoundary b, MfEtThermalBCType type, PetscReal T_K, PetscReal h_W_per_m2K, PetscReal T_amb_K);
PetscErrorCode MfElectroThermalSetAmbient(MfElectroThermal et, PetscReal T_K); /* initial/ambient T, default 300 K */
/* The oven moves: ambient, fixed boundary temperatures and convective T_amb all become T_K (also after set-up). */
PetscErrorCode MfElectroThermalSetEnvironmentTemperature(MfElectroThermal et, PetscReal T_K);
PetscErrorCode MfElectroThermalSetFromOptions(MfElectroThermal et);
PetscErrorCode MfElectroThermalSetUp(MfElectroThermal et);

/* Solves. SolveSteady: steady state at the circuit's source voltage (load stepping on failure; an
 * unconverged solve is an error, never accepted). Step: one implicit time step of length dt (TS, BDF
 * by default, -et_ts_type theta for the theta-method), with the circuit constraint enforced at the end
 * of the step. SetBias changes V_s between calls (warm start from the current state). */
PetscErrorCode MfElectroThermalSetBias(MfElectroThermal et, PetscReal V_source);
PetscErrorCode MfElectroThermalSolveSteady(MfElectroThermal et);
PetscErrorCode MfElectroThermalStep(MfElectroThermal et, PetscReal dt);
/* SolveSteady that reports a source without any steady state of the device (thermal runaway: beyond the fold of
 * an S-shaped I-V under a voltage source, or a current-controlled runaway) as *exists = PETSC_FALSE, keeping the
 * last converged state (and its results), instead of failing. Other errors are errors. */
PetscErrorCode MfElectroThermalSolveSteadyIfExists(MfElectroThermal et, PetscBool *exists);
PetscErrorCode MfElectroThermalGetResults(MfElectroThermal et, MfEtResults *res);

/* Solution access: global Vec of (phi, T), owned by the object (do not destroy). */
PetscErrorCode MfElectroThermalGetSolution(MfElectroThermal et, Vec *u);
PetscErrorCode MfElectroThermalGetDM(MfElectroThermal et, DM *dm);

/* Cell-wise coefficients for the KMC coupler (rank-local cells, point numbers of the DM):
 *  - SetCellConductivity: ABSOLUTE sigma at the law's T0 [S/m] and lattice k at T0 [W/m/K] of one
 *    cell (the law type of the cell's region is kept); pass a negative value to leave one unchanged.
 *  - SetCellState: a dimensionless MULTIPLIER s >= 0 on sigma of the cell (the KMC "state"; 1 = as the
 *    material).
 *  - SetCellExcessConductivity: a conductor of its own law in parallel with the cell's material, sigma_x at T0
 *    [S/m] with the metallic law sigma_x / (1 + beta_x (T - T0)) (beta_x = 0: constant): the part of a cell's
 *    conductivity a filament adds (its metal does not follow the host's law, e.g. a polymer's Arrhenius law).
 *  All take effect at the next solve. */
PetscErrorCode MfElectroThermalSetCellConductivity(MfElectroThermal et, PetscInt cell, PetscReal sigma0_S_per_m, PetscReal k0_W_per_mK);
PetscErrorCode MfElectroThermalSetCellState(MfElectroThermal et, PetscInt cell, PetscReal multiplier);
PetscErrorCode MfElectroThermalSetCellExcessConductivity(MfElectroThermal et, PetscInt cell, PetscReal sigma_x_S_per_m, PetscReal tcr_x_per_K);
PetscErrorCode MfElectroThermalSetCellMaterial(MfElectroThermal et, PetscInt cell, const MfMaterial *mat, const MfEtRegionLaws *laws);

/* Fields at arbitrary points (rank-local: each rank passes points inside its own cells; a point that
 * is not in a local cell is an error). Collective: every rank calls it, also with npoints = 0.
 * coords[npoints*dim], E[npoints*dim] (V/m), T[npoints] (K), phi[npoints] (V); any output may be NULL. */
PetscErrorCode MfElectroThermalSampleFields(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], PetscReal E[], PetscReal T[], PetscReal phi[]);

/* Sampler of a fixed point set (the KMC sites): Create locates the rank-local points once (collective, the
 * contract of SampleFields) and stores per point its cell, reference coordinates, closure offsets, basis values
 * of phi and T, reference gradients of phi and the inverse cell Jacobian. Evaluate (collective: the
 * global-to-local scatter of the solution) then costs O(npoints) with no allocation and gives the same bits as
 * SampleFields (which is this sampler, cached by coordinates). The sampler does not reference et: destroy it
 * before et. GetPoints: the located cells (local point numbers), reference coordinates [n][dim], and whether a
 * closure holds a Dirichlet dof (then Evaluate inserts the boundary values; else the global-to-local scatter is
 * all it needs); any output may be NULL. */
typedef struct _n_MfElectroThermalSampler *MfElectroThermalSampler;
PetscErrorCode MfElectroThermalSamplerCreate(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], MfElectroThermalSampler *s);
PetscErrorCode MfElectroThermalSamplerEvaluate(MfElectroThermalSampler s, PetscReal E[], PetscReal T[], PetscReal phi[]);
PetscErrorCode MfElectroThermalSamplerGetPoints(MfElectroThermalSampler s, PetscInt *npoints, const PetscInt *cell[], const PetscReal *xi[], PetscBool *bc);
PetscErrorCode MfElectroThermalSamplerDestroy(MfElectroThermalSampler *s);

/* Derived cell fields, evaluated at each cell centre, in one global Vec on a DG0 DM with three named
 * fields: "electric_field" (V/m, dim comps), "current_density" (A/m^2, dim comps),
 * "joule_power_density" (W/m^3). Owned by the object, recomputed on each call. ViewFields writes
 * phi, T (vertex/nodal fields "potential", "temperature") and the derived cell fields to a viewer
 * (e.g. PetscViewerVTKOpen(comm, "frame.vtu", FILE_MODE_WRITE, &v)). */
PetscErrorCode MfElectroThermalGetDerivedFields(MfElectroThermal et, Vec *derived);
PetscErrorCode MfElectroThermalViewFields(MfElectroThermal et, PetscViewer viewer);

/* Compare the maximum substrate temperature with the substrate's maximum service temperature
 * (MfMaterial.T_max_service_K, Table 2 of the reference, e.g. PET 140 C); prints a warning. */
PetscErrorCode MfElectroThermalCheckSubstrate(MfElectroThermal et, PetscBool *exceeded);

/* Reaction (flux) through a face label of a field: sum of the assembled residual at the label's dofs.
 * field 0: current [A], field 1: heat flow [W] leaving the domain through that boundary
 * (Dirichlet boundaries only). */
PetscErrorCode MfElectroThermalComputeReaction(MfElectroThermal et, const char label[], PetscInt field, PetscReal *flux);

/* Assembly check (verification): the fast cell loops of et_assembly.c (default, -et_fast_assembly) against
 * PETSc's generic PetscFE assembly of the pointwise kernels at the current solution (MfElectroThermalGetSolution;
 * essential values are inserted). u_t NULL: steady residual and Jacobian; else the transient residual with
 * time derivative u_t and the Jacobian with the given shift. Relative 2-norm (residual) and, for the Jacobian,
 * the larger of the relative Frobenius norm and the largest relative row 2-norm of the difference. Collective. */
PetscErrorCode MfElectroThermalCheckAssembly(MfElectroThermal et, Vec u_t, PetscReal shift, PetscReal *jacRelErr, PetscReal *resRelErr);

/* ---- test and benchmark meshes (built-in hex boxes; the real mesher is meshes/) ---------------
 * Box [lower, upper] with faces[] cells, layers along the last axis: layer i spans up to layer_top[i]
 * (reference coordinates before the map) and gets region layer_region[i]. Face labels: faces at the
 * upper end -> top_contact, lower end -> bottom_contact; if the lowest layer is MF_REGION_SUBSTRATE the
 * lower end is substrate_bottom and bottom_contact is the x = lower[0] end face of the second layer
 * (the bottom electrode's lead); the rest -> sides. map (may be NULL) moves vertex coordinates afterwards
 * (grading, curved geometry). The mesh is distributed over comm. */
typedef void (*MfEtCoordMap)(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx);
PetscErrorCode MfElectroThermalCreateBoxMesh(MPI_Comm comm, PetscInt dim, const PetscInt faces[], const PetscReal lower[], const PetscReal upper[], PetscInt nlayers, const PetscReal layer_top[], const MfRegionId layer_region[], MfEtCoordMap map, void *mapctx, DM *dm);

/* Benchmark: 3D graded stack at several refinements, prints DOFs, assembly time, Newton its,
 * linear its per Newton step, solve time, DOFs/s. Options: -et_bench_levels (default 3). */
PetscErrorCode MfElectroThermalBenchmark(MPI_Comm comm);

#endif
