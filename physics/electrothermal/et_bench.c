/* Benchmark of the coupled electro-thermal solve on a 3D layered stack (PET / Pt / HfOx / TiN),
 * graded so that every layer keeps the same number of cells through the thickness, at several
 * uniform refinements. Reports DOFs, assembly time, Newton and linear iterations, solve time, DOFs/s.
 * Linear solver (unless given on the command line): FGMRES + multiplicative field split (phi, then T)
 * with one hypre BoomerAMG V-cycle per field, so that the linear iteration count should not grow with
 * refinement. (PETSc GAMG with default settings diverged here: the conductivity contrast between the
 * metals and the insulating substrate, 1e7 vs 1e-8 S/m, defeats its smoothed aggregation.) */
#include "mf_electrothermal.h"
#include <petsctime.h>

typedef struct {
  PetscReal z[5]; /* interfaces [m]: substrate bottom, BE, FE, TE, top */
} EtBenchMap;

/* Reference z in [0,1]: four layers of equal cell count, mapped piecewise linearly. */
static void EtBenchCoordMap(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const EtBenchMap *m = (const EtBenchMap *)ctx;
  PetscReal         s = xi[2] * 4.0;
  PetscInt          l = (PetscInt)PetscFloorReal(s);
  if (l > 3) l = 3;
  if (l < 0) l = 0;
  x[0] = xi[0];
  x[1] = xi[1];
  x[2] = m->z[l] + (s - l) * (m->z[l + 1] - m->z[l]);
}

static void EtBenchMaterial(MfMaterial *m, const char *name, MfMaterialClass klass, MfSigmaLaw law, PetscReal sigma, PetscReal tcr, PetscReal Ea, PetscReal k, PetscReal rho, PetscReal cp, PetscReal Tservice)
{
  PetscMemzero(m, sizeof(*m));
  PetscStrncpy(m->name, name, sizeof(m->name));
  m->klass             = klass;
  m->sigma_law         = law;
  m->sigma_S_per_m     = sigma;
  m->tcr_per_K         = tcr;
  m->sigma_Ea_eV       = Ea;
  m->T0_K              = 300.0;
  m->k_W_per_mK        = k;
  m->density_kg_per_m3 = rho;
  m->cp_J_per_kgK      = cp;
  m->T_max_service_K   = Tservice;
}

static PetscErrorCode EtBenchDefaultOption(const char *name, const char *value)
{
  PetscBool set;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsHasName(NULL, NULL, name, &set));
  if (!set) PetscCall(PetscOptionsSetValue(NULL, name, value));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalBenchmark(MPI_Comm comm)
{
  PetscInt    levels = 3, n0 = 8, degree = 1;
  PetscReal   V = 0.2;
  MfMaterial  mats[MF_NUM_REGIONS];
  EtBenchMap  map = {{0.0, 200e-9, 250e-9, 260e-9, 310e-9}};
  PetscMPIInt size;

  PetscFunctionBeginUser;
  PetscOptionsBegin(comm, NULL, "Electro-thermal benchmark", "MfElectroThermalBenchmark");
  PetscCall(PetscOptionsInt("-et_bench_levels", "Number of refinement levels", "", levels, &levels, NULL));
  PetscCall(PetscOptionsInt("-et_bench_cells", "Cells per direction on the coarsest level", "", n0, &n0, NULL));
  PetscCall(PetscOptionsInt("-et_bench_degree", "Lagrange degree", "", degree, &degree, NULL));
  PetscCall(PetscOptionsReal("-et_bench_voltage", "Applied voltage [V]", "", V, &V, NULL));
  PetscOptionsEnd();
  PetscCheck(levels >= 1 && n0 >= 4 && n0 % 4 == 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_bench_levels %" PetscInt_FMT " must be >= 1 and -et_bench_cells %" PetscInt_FMT " a multiple of 4", levels, n0);
  PetscCallMPI(MPI_Comm_size(comm, &size));
  /* AMG field split unless the user chose a solver */
  PetscCall(EtBenchDefaultOption("-et_ksp_type", "fgmres"));
  PetscCall(EtBenchDefaultOption("-et_ksp_rtol", "1e-8"));
  PetscCall(EtBenchDefaultOption("-et_pc_type", "fieldsplit"));
  PetscCall(EtBenchDefaultOption("-et_pc_fieldsplit_type", "multiplicative"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_potential_ksp_type", "preonly"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_potential_pc_type", "hypre"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_temperature_ksp_type", "preonly"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_temperature_pc_type", "hypre"));
  /* BoomerAMG settings for 3D (hypre manual: strong threshold 0.5-0.6, HMIS coarsening with extended+i
   * interpolation): they keep the iteration count flat on the finer levels */
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_potential_pc_hypre_boomeramg_strong_threshold", "0.6"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_temperature_pc_hypre_boomeramg_strong_threshold", "0.6"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_potential_pc_hypre_boomeramg_coarsen_type", "HMIS"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_temperature_pc_hypre_boomeramg_coarsen_type", "HMIS"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_potential_pc_hypre_boomeramg_interp_type", "ext+i"));
  PetscCall(EtBenchDefaultOption("-et_fieldsplit_temperature_pc_hypre_boomeramg_interp_type", "ext+i"));

  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) PetscCall(PetscMemzero(&mats[r], sizeof(mats[r])));
  /* PET: k 0.19-0.29 W/m/K (physics-references §6), max service 140 C (Table 2); Pt: rho 10.6 uOhm cm,
   * TCR 3.9e-3/K, k 71.6 W/m/K (CRC handbook values); HfOx formed layer: activated conduction,
   * k 0.5 W/m/K (DeviceKMC oxide); TiN: k 29 W/m/K (DeviceKMC metal). Benchmark values only. */
  EtBenchMaterial(&mats[MF_REGION_SUBSTRATE], "PET", MF_MATERIAL_SUBSTRATE, MF_SIGMA_CONSTANT, 0.0, 0.0, 0.0, 0.2, 1380, 1200, 413.15);
  EtBenchMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_MATERIAL_ELECTRODE, MF_SIGMA_METALLIC, 9.43e6, 3.9e-3, 0.0, 71.6, 21450, 133, 0.0);
  EtBenchMaterial(&mats[MF_REGION_FUNCTIONAL], "HfOx", MF_MATERIAL_FUNCTIONAL, MF_SIGMA_ACTIVATED, 1.0, 0.0, 0.1, 0.5, 9680, 120, 0.0);
  EtBenchMaterial(&mats[MF_REGION_TOP_ELECTRODE], "TiN", MF_MATERIAL_ELECTRODE, MF_SIGMA_METALLIC, 5e6, 1e-3, 0.0, 29.0, 5220, 545, 0.0);

  PetscCall(PetscPrintf(comm, "# electro-thermal benchmark: 3D stack PET 200 nm / Pt 50 nm / HfOx 10 nm / TiN 50 nm, 400 x 400 nm^2, Q%" PetscInt_FMT ", V = %g V, %d ranks\n", degree, (double)V, size));
  PetscCall(PetscPrintf(comm, "# %5s %10s %12s %8s %10s %12s %12s %10s %10s\n", "cells", "DOFs", "assembly_s", "newton", "lin/newton", "solve_s", "DOFs/s", "I_A", "Tmax_K"));
  for (PetscInt l = 0; l < levels; ++l) {
    const PetscInt    n        = n0 << l;
    const PetscInt    faces[3] = {n, n, n};
    const PetscReal   lo[3] = {0, 0, 0}, hi[3] = {400e-9, 400e-9, 1.0};
    const PetscReal   tops[4]   = {0.25, 0.5, 0.75, 1.0};
    const MfRegionId  regs[4]   = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};
    DM                dm;
    MfElectroThermal  et;
    MfEtResults       res;
    SNES              snes;
    Vec               u, F;
    Mat               J, P;
    PetscLogDouble    t0, t1, t2, t3;
    PetscInt          N;

    PetscCall(MfElectroThermalCreateBoxMesh(comm, 3, faces, lo, hi, 4, tops, regs, EtBenchCoordMap, &map, &dm));
    PetscCall(MfElectroThermalCreate(dm, &et));
    PetscCall(MfElectroThermalSetMaterials(et, mats));
    PetscCall(MfElectroThermalSetDegree(et, degree));
    PetscCall(MfElectroThermalSetCircuit(et, V, 0.0, 0.0));
    PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_FIXED, 300.0, 0.0, 0.0));
    PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0.0, 1e6, 300.0));
    PetscCall(MfElectroThermalSetFromOptions(et));
    PetscCall(MfElectroThermalSetUp(et));
    PetscCall(PetscTime(&t0));
    PetscCall(MfElectroThermalSolveSteady(et));
    PetscCall(PetscTime(&t1));
    PetscCall(MfElectroThermalGetResults(et, &res));
    /* assembly: one residual and one Jacobian at the converged state */
    PetscCall(MfElectroThermalGetSolution(et, &u));
    PetscCall(VecGetSize(u, &N));
    PetscCall(VecDuplicate(u, &F));
    PetscCall(SNESCreate(comm, &snes));
    PetscCall(SNESSetDM(snes, dm));
    PetscCall(DMCreateMatrix(dm, &J));
    P = J;
    PetscCall(SNESSetFunction(snes, F, NULL, NULL));
    PetscCall(SNESSetJacobian(snes, J, P, NULL, NULL));
    PetscCall(PetscTime(&t2));
    PetscCall(SNESComputeFunction(snes, u, F));
    PetscCall(SNESComputeJacobian(snes, u, J, P));
    PetscCall(PetscTime(&t3));
    PetscCall(PetscPrintf(comm, "  %5" PetscInt_FMT " %10" PetscInt_FMT " %12.4f %8" PetscInt_FMT " %10.2f %12.4f %12.4e %10.4e %10.3f\n", n * n * n, N, (double)(t3 - t2), res.newton_its, res.newton_its ? (double)res.linear_its / res.newton_its : 0.0, (double)(t1 - t0), (double)(N / (t1 - t0)), (double)res.I_top,
                          (double)res.T_max));
    PetscCall(MatDestroy(&J));
    PetscCall(VecDestroy(&F));
    PetscCall(SNESDestroy(&snes));
    PetscCall(MfElectroThermalDestroy(&et));
    PetscCall(DMDestroy(&dm));
  }
  PetscFunctionReturn(0);
}
