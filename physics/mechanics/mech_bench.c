/* Bending schedule of the protocol and the scaling benchmark (DOFs, linear iterations, solve time). */
#include "mf_mechanics.h"

PetscErrorCode MfMechBendingScheduleEval(const MfMechBendingSchedule *s, PetscReal t_s, PetscReal *kappa_per_m, PetscInt *cycle)
{
  PetscReal kR, ph;
  PetscInt  n;

  PetscFunctionBeginUser;
  PetscCheck(s->radius_m > 0 && s->period_s > 0 && s->cycles >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Bending schedule: radius %g m and period %g s must be > 0, cycles %" PetscInt_FMT " >= 0", (double)s->radius_m, (double)s->period_s, s->cycles);
  kR = (s->sign < 0 ? -1.0 : 1.0) / s->radius_m;
  n  = (PetscInt)PetscFloorReal(t_s / s->period_s);
  ph = t_s / s->period_s - (PetscReal)n;
  if (t_s < 0 || n >= s->cycles) {
    *kappa_per_m = 0.0; /* before the first and after the last cycle the sheet is flat */
    if (cycle) *cycle = t_s < 0 ? 0 : s->cycles;
    PetscFunctionReturn(0);
  }
  if (s->wave == MF_MECH_WAVE_SQUARE) *kappa_per_m = ph < 0.5 ? 0.0 : kR;
  else *kappa_per_m = 0.5 * kR * (1.0 - PetscCosReal(2.0 * PETSC_PI * ph));
  if (cycle) *cycle = n;
  PetscFunctionReturn(0);
}

/* Representative stack, benchmark only (the run takes its numbers from inputs/materials):
 * PET E = 2.8 GPa (Xu et al., Mater. Horiz. 2024, Table 2), nu = 0.37 (typical polymer, estimate);
 * Pt E = 168 GPa, nu = 0.38 (CRC Handbook); HfO2 E = 220 GPa, nu = 0.3 (thin-film estimate). */
static void BenchMaterials(MfMaterial m[MF_NUM_REGIONS])
{
  PetscMemzero(m, sizeof(MfMaterial) * MF_NUM_REGIONS);
  m[MF_REGION_SUBSTRATE]        = (MfMaterial){.name = "PET", .E_Pa = 2.8e9, .nu = 0.37, .cte_per_K = 20e-6};
  m[MF_REGION_BOTTOM_ELECTRODE] = (MfMaterial){.name = "Pt", .E_Pa = 168e9, .nu = 0.38, .cte_per_K = 8.8e-6};
  m[MF_REGION_FUNCTIONAL]       = (MfMaterial){.name = "HfO2", .E_Pa = 220e9, .nu = 0.30, .cte_per_K = 6e-6};
  m[MF_REGION_TOP_ELECTRODE]    = m[MF_REGION_BOTTOM_ELECTRODE];
}

PetscErrorCode MfMechanicsBenchmark(MPI_Comm comm)
{
  MfMaterial mats[MF_NUM_REGIONS];
  PetscInt   dimMin = 2, dimMax = 3, nlev2 = 4, nlev3 = 3;

  PetscFunctionBeginUser;
  BenchMaterials(mats);
  PetscOptionsBegin(comm, "mech_bench_", "memflex mechanics benchmark", "MfMechanicsBenchmark");
  PetscCall(PetscOptionsInt("-dim_min", "Smallest dimension to run (2 or 3)", "MfMechanicsBenchmark", dimMin, &dimMin, NULL));
  PetscCall(PetscOptionsInt("-dim_max", "Largest dimension to run (2 or 3)", "MfMechanicsBenchmark", dimMax, &dimMax, NULL));
  PetscCall(PetscOptionsInt("-levels_2d", "Number of 2x refinement levels in 2D", "MfMechanicsBenchmark", nlev2, &nlev2, NULL));
  PetscCall(PetscOptionsInt("-levels_3d", "Number of 2x refinement levels in 3D", "MfMechanicsBenchmark", nlev3, &nlev3, NULL));
  PetscOptionsEnd();
  PetscCheck(dimMin >= 2 && dimMax <= 3 && dimMin <= dimMax, comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics benchmark: -mech_bench_dim_min %" PetscInt_FMT " / -mech_bench_dim_max %" PetscInt_FMT " must satisfy 2 <= min <= max <= 3", dimMin, dimMax);
  PetscCall(PetscPrintf(comm, "# memflex mechanics benchmark: PET 125 um / Pt 100 nm / HfO2 10 nm / Pt 100 nm, bent to R = 5 mm, Q2, solver from -mech_ksp_type/-mech_pc_type (default MUMPS LU)\n"));
  PetscCall(PetscPrintf(comm, "# dim level    cells        dofs  unit_solves  its_max  its_total  setup+solve_s  eps_functional\n"));
  for (PetscInt dim = dimMin; dim <= dimMax; ++dim) {
    const PetscInt nlev = dim == 2 ? nlev2 : nlev3;
    for (PetscInt lev = 0; lev < nlev; ++lev) {
      const PetscInt  f = 1 << lev;
      MfMechStackSpec spec = {.dim = dim, .nlayers = 4, .thickness_m = {125e-6, 100e-9, 10e-9, 100e-9},
                              .region = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE},
                              .ncells = {4 * f, f, f, f}, .length_m = {500e-6, 500e-6}, .ncells_inplane = {8 * f, 2 * f}};
      DM              dm;
      MfMechanics     mech;
      PetscInt        cStart, cEnd, ncell, gcell, ndof, its, itsMax;
      PetscLogDouble  t0, t1;
      PetscReal       exx;
      Vec             u;

      PetscCall(MfMechanicsCreateLayeredBox(comm, &spec, &dm));
      PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
      ncell = cEnd - cStart;
      PetscCallMPI(MPI_Allreduce(&ncell, &gcell, 1, MPIU_INT, MPI_SUM, comm));
      PetscCall(MfMechanicsCreate(dm, &mech));
      PetscCall(MfMechanicsSetMaterials(mech, mats));
      PetscCall(MfMechanicsSetBending(mech, 5e-3, 1));
      PetscCall(MfMechanicsSetFromOptions(mech));
      PetscCall(PetscTime(&t0));
      PetscCall(MfMechanicsSetUp(mech));
      PetscCall(MfMechanicsSolve(mech));
      PetscCall(PetscTime(&t1));
      PetscCall(MfMechanicsGetLinearIterations(mech, &its, &itsMax));
      PetscCall(MfMechanicsGetFunctionalStrain(mech, &exx, NULL));
      PetscCall(MfMechanicsGetDisplacement(mech, &u));
      PetscCall(VecGetSize(u, &ndof));
      PetscCall(PetscPrintf(comm, "  %" PetscInt_FMT "   %" PetscInt_FMT "   %8" PetscInt_FMT "  %10" PetscInt_FMT "  %11" PetscInt_FMT "  %7" PetscInt_FMT "  %9" PetscInt_FMT "  %13.3f  %.6e\n", dim, lev, gcell, ndof, 2 * (dim - 1), itsMax, its, (double)(t1 - t0), (double)exx));
      PetscCall(MfMechanicsDestroy(&mech));
      PetscCall(DMDestroy(&dm));
    }
  }
  PetscFunctionReturn(0);
}
