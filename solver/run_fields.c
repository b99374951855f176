#include <string.h>
/* The field solvers of a run: electro-thermal always, thermo-mechanics when the stack is bent. */
#include "mf_run_impl.h"

PetscErrorCode MfRunSetUpFields(MfRun run)
{
  PetscFunctionBeginUser;
  /* Each module gets its own clone: same topology and labels, its own discretisation. */
  PetscCall(DMClone(run->dm, &run->dmEt));
  PetscCall(MfElectroThermalCreate(run->dmEt, &run->et));
  PetscCall(MfElectroThermalSetMaterials(run->et, run->mats));
  if (run->wiedemann_franz) {
    const MfEtRegionLaws wf = {PETSC_TRUE, 0.0, 0.0};
    for (PetscInt r = 1; r < MF_NUM_REGIONS; r++)
      if (run->present[r] && run->mats[r].klass == MF_MATERIAL_ELECTRODE) PetscCall(MfElectroThermalSetRegionLaws(run->et, (MfRegionId)r, &wf));
  }
  /* 2D: per metre of depth, so R_s (Ohm) -> R_s w (Ohm m) and I_cc (A) -> I_cc / w (A/m) */
  PetscCall(MfElectroThermalSetCircuit(run->et, run->V_dc, run->R_series * run->depth_m, run->I_cc / run->depth_m));
  PetscCall(MfElectroThermalSetAmbient(run->et, run->T_ambient));
  {
    /* substrate on a chuck / in air below, the top electrode's free surface to air, the bottom line's
     * ends continue into the long electrode line: a heat sink at ambient (docs/architecture.md). */
    PetscCall(MfElectroThermalSetThermalBC(run->et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_CONVECTIVE, 0, run->h_bottom, run->T_ambient));
    PetscCall(MfElectroThermalSetThermalBC(run->et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0, run->h_top, run->T_ambient));
    PetscCall(MfElectroThermalSetThermalBC(run->et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, run->T_ambient, 0, 0));
  }
  {
    /* The electro-thermal module already defaults to a direct factorisation (physics/electrothermal). */
    PetscBool set;
    /* Without a switching mechanism the stack is nearly linear, and with an exact factorisation the
     * full Newton step is the right one: a backtracking line search fails once the residual sits at its
     * round-off floor (zero bias, warm starts) and triggers needless load stepping (73 s instead of 27 s
     * for the default deck). A forming filament (metal in an insulator, Joule runaway) needs the
     * backtracking search, so runs with a KMC mechanism keep the module's default. */
    char mech[64];
    PetscCall(MfConfigGetString("kmc_mechanism", mech, sizeof(mech), NULL));
    PetscCall(PetscOptionsHasName(NULL, "et_", "-snes_linesearch_type", &set));
    if (!set && !strcmp(mech, "none")) PetscCall(PetscOptionsSetValue(NULL, "-et_snes_linesearch_type", "basic"));
  }
  PetscCall(MfElectroThermalSetFromOptions(run->et));
  PetscCall(MfElectroThermalSetUp(run->et));

  if (run->bend_radius > 0) {
    PetscCall(DMClone(run->dm, &run->dmMech));
    PetscCall(MfMechanicsCreate(run->dmMech, &run->mechanics));
    PetscCall(MfMechanicsSetMaterials(run->mechanics, run->mats));
    PetscCall(MfMechanicsSetReferenceTemperature(run->mechanics, run->T_ambient));
    PetscCall(MfMechanicsSetBending(run->mechanics, run->bend_radius, run->bend_sign));
    PetscCall(MfMechanicsSetFromOptions(run->mechanics));
    PetscCall(MfMechanicsSetUp(run->mechanics));
  }
  PetscFunctionReturn(0);
}

/* Cell temperatures from the electro-thermal solution (sampled at cell centroids) into the mechanics. */
static PetscErrorCode TransferTemperature(MfRun run)
{
  DM           dmT;
  PetscInt     dim, cStart, cEnd, n;
  PetscReal   *x, *T;
  Vec          loc;
  PetscSection sec;
  PetscScalar *a;

  PetscFunctionBeginUser;
  PetscCall(MfMechanicsGetCellTemperatureDM(run->mechanics, &dmT));
  if (!run->Tcell) PetscCall(DMCreateGlobalVector(dmT, &run->Tcell));
  PetscCall(DMGetDimension(dmT, &dim));
  PetscCall(DMPlexGetHeightStratum(dmT, 0, &cStart, &cEnd));
  n = cEnd - cStart;
  PetscCall(PetscMalloc2(n * dim, &x, n, &T));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscReal vol, cen[3];
    PetscCall(DMPlexComputeCellGeometryFVM(dmT, c, &vol, cen, NULL));
    for (PetscInt d = 0; d < dim; d++) x[(c - cStart) * dim + d] = cen[d];
  }
  PetscCall(MfElectroThermalSampleFields(run->et, n, x, NULL, T, NULL));
  PetscCall(DMGetLocalVector(dmT, &loc));
  PetscCall(DMGetLocalSection(dmT, &sec));
  PetscCall(VecGetArray(loc, &a));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt off;
    PetscCall(PetscSectionGetOffset(sec, c, &off));
    a[off] = T[c - cStart];
  }
  PetscCall(VecRestoreArray(loc, &a));
  PetscCall(DMLocalToGlobal(dmT, loc, INSERT_VALUES, run->Tcell));
  PetscCall(DMRestoreLocalVector(dmT, &loc));
  PetscCall(PetscFree2(x, T));
  PetscCall(MfMechanicsSetCellTemperature(run->mechanics, run->Tcell));
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunSolveMechanics(MfRun run)
{
  PetscLogDouble t0, t1;
  MfMechRegionStats st;

  PetscFunctionBeginUser;
  PetscCall(PetscTime(&t0));
  if (run->res.fe_solves > 0) PetscCall(TransferTemperature(run));
  PetscCall(MfMechanicsSolve(run->mechanics));
  PetscCall(MfMechanicsGetFunctionalStrain(run->mechanics, &run->res.strain_functional_xx, &run->res.strain_functional_yy));
  PetscCall(MfMechanicsGetRegionStats(run->mechanics, MF_REGION_FUNCTIONAL, &st));
  run->res.sigma_h_functional_Pa = st.sigma_h_mean;
  PetscCall(PetscTime(&t1));
  run->res.time_mech_s += t1 - t0;
  PetscFunctionReturn(0);
}
