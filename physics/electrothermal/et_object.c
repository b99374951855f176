/* MfElectroThermal lifecycle: creation, materials, boundary conditions, discretisation, solvers. */
#include "et_impl.h"

static const char *const EtRegionNames[MF_NUM_REGIONS] = {"none", "substrate", "buffer", "bottom_electrode", "functional", "top_electrode", "cap", "fill"};
static const char *const EtBndLabels[MF_ET_NUM_BND]   = {MF_LABEL_TOP_CONTACT, MF_LABEL_BOTTOM_CONTACT, MF_LABEL_SUBSTRATE_BOTTOM, MF_LABEL_SIDES};
static const char *const EtTBCTypes[]                 = {"adiabatic", "fixed", "convective", "MfEtThermalBCType", "MF_ET_TBC_", NULL};

static PetscErrorCode EtConfigureSteadySolver(MfElectroThermal et);

PetscErrorCode MfElectroThermalCreate(DM dm, MfElectroThermal *et)
{
  MfElectroThermal e;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&e));
  PetscCall(PetscObjectGetComm((PetscObject)dm, &e->comm));
  PetscCall(PetscObjectReference((PetscObject)dm));
  e->dm = dm;
  PetscCall(DMGetDimension(dm, &e->dim));
  e->degree        = 1;
  e->T_ambient     = 300.0;
  e->circuit_rtol  = 1e-6; /* of V_s (1 uV at 1 V) or I_cc: far below the KMC's own current noise, and each
                             tighter digit costs a Newton solve of the device per coupler update */
  e->step_rtol     = 1e-10;
  e->floor_rtol    = 1e-6;
  e->T_abort       = 1e4;
  e->circuit_maxit = 40;
  e->max_cuts      = 10;
  e->I_compliance  = 0.0;
  e->fastAssemblyRequested = PETSC_TRUE;
  e->pcReuse               = PETSC_TRUE;
  e->pcReuseMaxIts         = 20;
  e->branchControl         = PETSC_TRUE;
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) e->laws[r].k_T_exponent = 0.0;
  for (PetscInt b = 0; b < MF_ET_NUM_BND; ++b) e->tbc[b].type = MF_ET_TBC_ADIABATIC;
  *et = e;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtDofListDestroy(EtDofList *l)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(l->off));
  l->n = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalDestroy(MfElectroThermal *et)
{
  MfElectroThermal e;

  PetscFunctionBeginUser;
  if (!et || !*et) PetscFunctionReturn(0);
  e = *et;
  PetscCall(SNESDestroy(&e->snes));
  PetscCall(TSDestroy(&e->ts));
  PetscCall(KSPDestroy(&e->kspPhi));
  PetscCall(MatDestroy(&e->Jphi));
  PetscCall(VecDestroy(&e->u));
  PetscCall(VecDestroy(&e->uSave));
  PetscCall(VecDestroy(&e->uStart));
  PetscCall(VecDestroy(&e->uTry));
  PetscCall(VecDestroy(&e->uIter));
  PetscCall(VecDestroy(&e->uPrev));
  PetscCall(ISDestroy(&e->isPhi));
  PetscCall(ISDestroy(&e->isT));
  PetscCall(VecDestroy(&e->aux));
  PetscCall(VecDestroy(&e->Eout));
  PetscCall(DMDestroy(&e->dmAux));
  PetscCall(DMDestroy(&e->dmCell));
  PetscCall(DMDestroy(&e->dmTS));
  PetscCall(EtDofListDestroy(&e->reactTop));
  PetscCall(EtDofListDestroy(&e->reactBottom));
  PetscCall(DMDestroy(&e->dm));
  PetscCall(PetscFree(e->geo));
  for (PetscInt i = 0; i < 2; ++i) PetscCall(MfEtClosureCacheDestroy(&e->clc[i]));
  for (PetscInt i = 0; i < ET_SAMPLE_CACHE; ++i) PetscCall(MfEtSampleCacheClear(&e->sample[i]));
  PetscCall(PetscFree(e));
  *et = NULL;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtCheckMaterial(const MfMaterial *m, const char *where)
{
  PetscFunctionBeginUser;
  PetscCheck(m->sigma_S_per_m >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "%s (material '%s'): electrical conductivity %g S/m must be >= 0", where, m->name, (double)m->sigma_S_per_m);
  PetscCheck(m->k_W_per_mK >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "%s (material '%s'): thermal conductivity %g W/m/K must be >= 0", where, m->name, (double)m->k_W_per_mK);
  PetscCheck(m->sigma_law != MF_SIGMA_ACTIVATED || m->sigma_Ea_eV >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "%s (material '%s'): activation energy %g eV must be >= 0", where, m->name, (double)m->sigma_Ea_eV);
  PetscCheck(m->T0_K >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "%s (material '%s'): reference temperature T0 = %g K must be > 0 (0 = default 300 K)", where, m->name, (double)m->T0_K);
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetMaterials(MfElectroThermal et, const MfMaterial mats[MF_NUM_REGIONS])
{
  PetscFunctionBeginUser;
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) {
    if (mats[r].name[0]) PetscCall(EtCheckMaterial(&mats[r], EtRegionNames[r]));
    et->mats[r] = mats[r];
  }
  et->haveMaterials = PETSC_TRUE;
  et->auxDirty      = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetRegionLaws(MfElectroThermal et, MfRegionId region, const MfEtRegionLaws *laws)
{
  PetscFunctionBeginUser;
  PetscCheck(region >= 0 && region < MF_NUM_REGIONS, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "region id %d out of range [0, %d)", (int)region, MF_NUM_REGIONS);
  PetscCheck(laws->hop_distance_m >= 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "region %s: hop distance %g m must be >= 0", EtRegionNames[region], (double)laws->hop_distance_m);
  et->laws[region] = *laws;
  et->auxDirty     = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetDegree(MfElectroThermal et, PetscInt degree)
{
  PetscFunctionBeginUser;
  PetscCheck(!et->setup, et->comm, PETSC_ERR_ORDER, "set the element degree before MfElectroThermalSetUp()");
  PetscCheck(degree >= 1 && degree <= 4, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "element degree %" PetscInt_FMT " must be in [1, 4]", degree);
  et->degree = degree;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetCircuit(MfElectroThermal et, PetscReal V_source, PetscReal R_series_ohm, PetscReal I_compliance_A)
{
  PetscFunctionBeginUser;
  PetscCheck(R_series_ohm >= 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "series resistance %g Ohm must be >= 0", (double)R_series_ohm);
  PetscCheck(I_compliance_A >= 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "current compliance %g A must be >= 0 (0 = none)", (double)I_compliance_A);
  et->V_source     = V_source;
  et->R_series     = R_series_ohm;
  et->I_compliance = I_compliance_A;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetBias(MfElectroThermal et, PetscReal V_source)
{
  PetscFunctionBeginUser;
  et->V_source = V_source;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetThermalBC(MfElectroThermal et, MfEtBoundary b, MfEtThermalBCType type, PetscReal T_K, PetscReal h_W_per_m2K, PetscReal T_amb_K)
{
  PetscFunctionBeginUser;
  PetscCheck(!et->setup, et->comm, PETSC_ERR_ORDER, "thermal boundary conditions must be set before MfElectroThermalSetUp()");
  PetscCheck(b >= 0 && b < MF_ET_NUM_BND, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "boundary id %d out of range", (int)b);
  PetscCheck(type != MF_ET_TBC_FIXED || T_K > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "fixed temperature on %s: %g K must be > 0", EtBndLabels[b], (double)T_K);
  PetscCheck(type != MF_ET_TBC_CONVECTIVE || (h_W_per_m2K > 0.0 && T_amb_K > 0.0), et->comm, PETSC_ERR_ARG_OUTOFRANGE, "heat-transfer condition on %s: h = %g W/m^2/K and T_amb = %g K must be > 0", EtBndLabels[b], (double)h_W_per_m2K, (double)T_amb_K);
  et->tbc[b].type  = type;
  et->tbc[b].T_K   = T_K;
  et->tbc[b].h     = h_W_per_m2K;
  et->tbc[b].T_amb = T_amb_K;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetAmbient(MfElectroThermal et, PetscReal T_K)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "ambient temperature %g K must be > 0", (double)T_K);
  et->T_ambient = T_K;
  PetscFunctionReturn(0);
}

/* DS constants of the convective conditions: h and T_amb per boundary (0 h: no heat transfer). */
static PetscErrorCode EtThermalConstants(MfElectroThermal et, PetscScalar constants[])
{
  PetscFunctionBeginUser;
  for (PetscInt b = 0; b < MF_ET_NUM_BND; ++b) {
    constants[ET_C_H(b)]    = et->tbc[b].type == MF_ET_TBC_CONVECTIVE ? et->tbc[b].h : 0.0;
    constants[ET_C_TAMB(b)] = et->tbc[b].T_amb;
  }
  PetscFunctionReturn(0);
}

/* A change of the whole environment (an oven): the ambient, every fixed boundary temperature and every
 * convective T_amb become T_K. Allowed after set-up (the fixed values are read through their context
 * pointers at every solve, the convective T_amb through the DS constants, reset here). */
PetscErrorCode MfElectroThermalSetEnvironmentTemperature(MfElectroThermal et, PetscReal T_K)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "environment temperature %g K must be > 0", (double)T_K);
  et->T_ambient = T_K;
  for (PetscInt b = 0; b < MF_ET_NUM_BND; ++b) {
    if (et->tbc[b].type == MF_ET_TBC_FIXED) et->tbc[b].T_K = T_K;
    if (et->tbc[b].type == MF_ET_TBC_CONVECTIVE) et->tbc[b].T_amb = T_K;
  }
  if (et->setup) {
    PetscDS     ds;
    PetscScalar constants[ET_NCONST];
    PetscCall(DMGetDS(et->dm, &ds));
    PetscCall(EtThermalConstants(et, constants));
    PetscCall(PetscDSSetConstants(ds, ET_NCONST, constants));
  }
  PetscFunctionReturn(0);
}

/* -et_tbc_<boundary> adiabatic|fixed|convective, -et_tbc_<boundary>_T, _h, _T_amb; circuit and
 * solver-control keys. Solver objects read their own -et_snes_/-et_ksp_/-et_pc_/-et_ts_ keys. */
PetscErrorCode MfElectroThermalSetFromOptions(MfElectroThermal et)
{
  PetscFunctionBeginUser;
  PetscOptionsBegin(et->comm, NULL, "Electro-thermal FEM options", "MfElectroThermal");
  PetscCall(PetscOptionsInt("-et_degree", "Lagrange degree of phi and T", "MfElectroThermalSetDegree", et->degree, &et->degree, NULL));
  PetscCall(PetscOptionsReal("-et_source_voltage", "Source voltage V_s [V]", "MfElectroThermalSetCircuit", et->V_source, &et->V_source, NULL));
  PetscCall(PetscOptionsReal("-et_series_resistance", "Series resistance R_s [Ohm]", "MfElectroThermalSetCircuit", et->R_series, &et->R_series, NULL));
  PetscCall(PetscOptionsReal("-et_compliance", "Current compliance I_cc [A] (0 = none)", "MfElectroThermalSetCircuit", et->I_compliance, &et->I_compliance, NULL));
  PetscCall(PetscOptionsReal("-et_circuit_rtol", "Relative tolerance of V_dev + I R_s = V_s", "", et->circuit_rtol, &et->circuit_rtol, NULL));
  PetscCall(PetscOptionsReal("-et_newton_step_rtol", "Steady Newton also converged when a full step changes phi by <= this times max(|V_dev|, kT/q) and T by <= this times T_ambient (0: SNES tests only)", "", et->step_rtol, &et->step_rtol, NULL));
  PetscCall(PetscOptionsReal("-et_newton_floor_rtol", "A Newton solve whose line search can no longer reduce the residual (round-off) is accepted when the Newton correction there is <= this times max(|V_dev|, kT/q) in phi and T_ambient in T", "", et->floor_rtol, &et->floor_rtol, NULL));
  PetscCall(PetscOptionsReal("-et_newton_T_abort", "Steady Newton: stop an iteration whose iterate exceeds this temperature [K] (thermal runaway; every solid has melted) and let load stepping or the circuit handle it (0: never)", "", et->T_abort, &et->T_abort, NULL));
  PetscCall(PetscOptionsInt("-et_circuit_max_it", "Maximum outer circuit iterations", "", et->circuit_maxit, &et->circuit_maxit, NULL));
  PetscCall(PetscOptionsInt("-et_max_load_cuts", "Maximum halvings of the load step after a failed solve", "", et->max_cuts, &et->max_cuts, NULL));
  PetscCall(PetscOptionsReal("-et_ambient_temperature", "Initial and ambient temperature [K]", "MfElectroThermalSetAmbient", et->T_ambient, &et->T_ambient, NULL));
  PetscCall(PetscOptionsBool("-et_monitor", "Print circuit and load-stepping progress", "", et->monitor, &et->monitor, NULL));
  PetscCall(PetscOptionsBool("-et_pc_reuse", "Steady Newton: keep the factorisation of an earlier Jacobian as the GMRES preconditioner across Newton steps and solves, refactoring only when GMRES needs more than -et_pc_reuse_max_its iterations (0: factor at every Newton step)", "", et->pcReuse, &et->pcReuse, NULL));
  PetscCall(PetscOptionsBool("-et_current_control", "Steady circuit: when the voltage-controlled solve finds no steady state (thermal runaway beyond the fold of an S-shaped I-V), follow the branch with the device current as the parameter to the operating point (0: report the failure)", "", et->branchControl, &et->branchControl, NULL));
  PetscCall(PetscOptionsInt("-et_pc_reuse_max_its", "GMRES iterations after which a reused factorisation is renewed", "", et->pcReuseMaxIts, &et->pcReuseMaxIts, NULL));
  PetscCall(PetscOptionsBool("-et_fast_assembly", "Hand-written cell loops for the residual and Jacobian (0: PETSc's generic PetscFE assembly)", "", et->fastAssemblyRequested, &et->fastAssemblyRequested, NULL));
  for (PetscInt b = 0; b < MF_ET_NUM_BND; ++b) {
    char      key[128];
    PetscEnum type = (PetscEnum)et->tbc[b].type;
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_tbc_%s", EtBndLabels[b]));
    PetscCall(PetscOptionsEnum(key, "Thermal boundary condition", "MfElectroThermalSetThermalBC", EtTBCTypes, type, &type, NULL));
    et->tbc[b].type = (MfEtThermalBCType)type;
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_tbc_%s_T", EtBndLabels[b]));
    PetscCall(PetscOptionsReal(key, "Fixed temperature [K]", "", et->tbc[b].T_K, &et->tbc[b].T_K, NULL));
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_tbc_%s_h", EtBndLabels[b]));
    PetscCall(PetscOptionsReal(key, "Heat-transfer coefficient [W/m^2/K]", "", et->tbc[b].h, &et->tbc[b].h, NULL));
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_tbc_%s_T_amb", EtBndLabels[b]));
    PetscCall(PetscOptionsReal(key, "Ambient temperature of the heat-transfer condition [K]", "", et->tbc[b].T_amb, &et->tbc[b].T_amb, NULL));
  }
  for (PetscInt r = 1; r < MF_NUM_REGIONS; ++r) {
    char key[128];
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_%s_wiedemann_franz", EtRegionNames[r]));
    PetscCall(PetscOptionsBool(key, "Add the electronic thermal conductivity L0 sigma T", "MfElectroThermalSetRegionLaws", et->laws[r].wiedemann_franz, &et->laws[r].wiedemann_franz, NULL));
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_%s_hop_distance", EtRegionNames[r]));
    PetscCall(PetscOptionsReal(key, "Hop distance of the field-enhanced conduction law [m] (0 = off)", "MfElectroThermalSetRegionLaws", et->laws[r].hop_distance_m, &et->laws[r].hop_distance_m, NULL));
    PetscCall(PetscSNPrintf(key, sizeof(key), "-et_%s_k_T_exponent", EtRegionNames[r]));
    PetscCall(PetscOptionsReal(key, "Exponent m of k = k0 (T/T0)^m", "MfElectroThermalSetRegionLaws", et->laws[r].k_T_exponent, &et->laws[r].k_T_exponent, NULL));
  }
  PetscOptionsEnd();
  PetscCheck(et->R_series >= 0.0 && et->I_compliance >= 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_series_resistance (%g Ohm) and -et_compliance (%g A) must be >= 0", (double)et->R_series, (double)et->I_compliance);
  PetscCheck(et->step_rtol >= 0.0 && et->step_rtol < 1e-3, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_newton_step_rtol %g must be in [0, 1e-3)", (double)et->step_rtol);
  PetscCheck(et->floor_rtol >= et->step_rtol && et->floor_rtol < 1e-3, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_newton_floor_rtol %g must be in [-et_newton_step_rtol, 1e-3)", (double)et->floor_rtol);
  PetscCheck(et->T_abort == 0.0 || et->T_abort > et->T_ambient, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_newton_T_abort %g K must be 0 (off) or above the ambient temperature %g K", (double)et->T_abort, (double)et->T_ambient);
  PetscCheck(et->pcReuseMaxIts >= 1, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_pc_reuse_max_its %" PetscInt_FMT " must be >= 1", et->pcReuseMaxIts);
  PetscCheck(et->circuit_rtol > 0.0 && et->circuit_rtol < 1.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_circuit_rtol %g must be in (0, 1)", (double)et->circuit_rtol);
  if (et->snes) PetscCall(EtConfigureSteadySolver(et));
  if (et->setup) PetscCall(MfEtSetAssemblyCallbacks(et));
  et->auxDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* One DG0 coefficient record from a material and its extra laws. Insulators get the conductivity
 * floor sigma_floor so that phi stays defined in them (the leakage through it is negligible). */
static void EtFillRecord(PetscScalar r[], const MfMaterial *m, const MfEtRegionLaws *l)
{
  const PetscReal sigma_floor = 1e-8; /* S/m: 1 V across 1 um of it over 1 um^2 leaks 1e-14 A */
  r[ET_A_SIGMA0] = PetscMax(m->sigma_S_per_m, sigma_floor);
  r[ET_A_LAW]    = (PetscReal)m->sigma_law;
  r[ET_A_BETA]   = m->tcr_per_K;
  r[ET_A_EA]     = m->sigma_Ea_eV * MF_E_C;
  r[ET_A_T0]     = m->T0_K > 0.0 ? m->T0_K : 300.0;
  r[ET_A_K0]     = m->k_W_per_mK;
  r[ET_A_KEXP]   = l->k_T_exponent;
  r[ET_A_WF]     = l->wiedemann_franz ? 1.0 : 0.0;
  r[ET_A_RHOC]   = m->density_kg_per_m3 * m->cp_J_per_kgK;
  r[ET_A_HOP]    = l->hop_distance_m;
  r[ET_A_STATE]  = 1.0;
  r[ET_A_TMAX]   = m->sigma_T_max_K;
  r[ET_A_SIGX]   = 0.0;
  r[ET_A_BETAX]  = 0.0;
}

static PetscErrorCode EtFillAux(MfElectroThermal et)
{
  DMLabel      label;
  PetscScalar *a;
  PetscInt     cStart, cEnd;

  PetscFunctionBeginUser;
  PetscCall(DMGetLabel(et->dm, MF_LABEL_REGION, &label));
  PetscCheck(label, et->comm, PETSC_ERR_ARG_WRONG, "the mesh has no cell label \"%s\" (meshes/mf_mesh.h): cannot assign materials", MF_LABEL_REGION);
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArray(et->aux, &a));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscInt     r;
    PetscScalar *rec;
    PetscCall(DMLabelGetValue(label, c, &r));
    PetscCheck(r > 0 && r < MF_NUM_REGIONS, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "cell %" PetscInt_FMT " has region %" PetscInt_FMT ": every cell needs a region id in [1, %d] (label \"%s\")", c, r, MF_NUM_REGIONS - 1, MF_LABEL_REGION);
    PetscCheck(et->mats[r].name[0], PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "the mesh has cells in region '%s' but no material was given for it", EtRegionNames[r]);
    PetscCheck(et->mats[r].k_W_per_mK > 0.0 || et->laws[r].wiedemann_franz, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "region '%s' (material '%s'): thermal conductivity must be > 0 (or enable Wiedemann-Franz)", EtRegionNames[r], et->mats[r].name);
    PetscCall(DMPlexPointLocalRef(et->dmAux, c, a, &rec));
    EtFillRecord(rec, &et->mats[r], &et->laws[r]);
  }
  PetscCall(VecRestoreArray(et->aux, &a));
  et->auxDirty = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* Store a cell coefficient and remember the largest factor by which one changed since the last steady solve
 * (|ln(new/old)|, et_solve.c renews a reused factorisation after a large change). */
static void EtSetCoefficient(MfElectroThermal et, PetscScalar *slot, PetscReal value)
{
  const PetscReal old = PetscRealPart(*slot);
  if (value != old) et->coefChanged = PETSC_TRUE;
  if (value != old) et->coefJump = PetscMax(et->coefJump, (old > 0.0 && value > 0.0) ? PetscAbsReal(PetscLogReal(value / old)) : PETSC_MAX_REAL);
  *slot = value;
}

static PetscErrorCode EtCellRecord(MfElectroThermal et, PetscInt cell, PetscScalar **rec, PetscScalar **array)
{
  PetscInt cStart, cEnd;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before setting cell coefficients");
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCheck(cell >= cStart && cell < cEnd, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "cell %" PetscInt_FMT " is not a local cell [%" PetscInt_FMT ", %" PetscInt_FMT ")", cell, cStart, cEnd);
  PetscCall(VecGetArray(et->aux, array));
  PetscCall(DMPlexPointLocalRef(et->dmAux, cell, *array, rec));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetCellConductivity(MfElectroThermal et, PetscInt cell, PetscReal sigma0_S_per_m, PetscReal k0_W_per_mK)
{
  PetscScalar *rec, *a;

  PetscFunctionBeginUser;
  PetscCall(EtCellRecord(et, cell, &rec, &a));
  if (sigma0_S_per_m >= 0.0) EtSetCoefficient(et, &rec[ET_A_SIGMA0], PetscMax(sigma0_S_per_m, 1e-8));
  if (k0_W_per_mK >= 0.0) EtSetCoefficient(et, &rec[ET_A_K0], k0_W_per_mK);
  PetscCall(VecRestoreArray(et->aux, &a));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetCellState(MfElectroThermal et, PetscInt cell, PetscReal multiplier)
{
  PetscScalar *rec, *a;

  PetscFunctionBeginUser;
  PetscCheck(multiplier >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "cell %" PetscInt_FMT ": state multiplier %g must be >= 0", cell, (double)multiplier);
  PetscCall(EtCellRecord(et, cell, &rec, &a));
  EtSetCoefficient(et, &rec[ET_A_STATE], multiplier);
  PetscCall(VecRestoreArray(et->aux, &a));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetCellExcessConductivity(MfElectroThermal et, PetscInt cell, PetscReal sigma_x_S_per_m, PetscReal tcr_x_per_K)
{
  PetscScalar *rec, *a;

  PetscFunctionBeginUser;
  PetscCheck(sigma_x_S_per_m >= 0.0 && tcr_x_per_K >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "cell %" PetscInt_FMT ": excess conductivity %g S/m and its TCR %g 1/K must be >= 0", cell, (double)sigma_x_S_per_m, (double)tcr_x_per_K);
  PetscCall(EtCellRecord(et, cell, &rec, &a));
  {
    /* the factorisation-renewal measure (coefJump, EtSetCoefficient) sees the change of the cell's total sigma at T0 */
    const PetscReal base = PetscRealPart(rec[ET_A_SIGMA0]) * PetscRealPart(rec[ET_A_STATE]), old = PetscRealPart(rec[ET_A_SIGX]);
    if (sigma_x_S_per_m != old) et->coefJump = PetscMax(et->coefJump, base > 0.0 ? PetscAbsReal(PetscLogReal((base + sigma_x_S_per_m) / (base + old))) : PETSC_MAX_REAL);
    if (sigma_x_S_per_m != old || tcr_x_per_K != PetscRealPart(rec[ET_A_BETAX])) et->coefChanged = PETSC_TRUE;
  }
  rec[ET_A_SIGX]  = sigma_x_S_per_m;
  rec[ET_A_BETAX] = tcr_x_per_K;
  PetscCall(VecRestoreArray(et->aux, &a));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetCellMaterial(MfElectroThermal et, PetscInt cell, const MfMaterial *mat, const MfEtRegionLaws *laws)
{
  PetscScalar   *rec, *a;
  MfEtRegionLaws none = {PETSC_FALSE, 0.0, 0.0};

  PetscFunctionBeginUser;
  PetscCall(EtCheckMaterial(mat, "MfElectroThermalSetCellMaterial"));
  PetscCall(EtCellRecord(et, cell, &rec, &a));
  EtFillRecord(rec, mat, laws ? laws : &none);
  et->coefJump    = PETSC_MAX_REAL; /* a new material: renew the factorisation (-et_pc_reuse) */
  et->coefChanged = PETSC_TRUE;
  PetscCall(VecRestoreArray(et->aux, &a));
  PetscFunctionReturn(0);
}

/* Dirichlet data: the context points to the value (device voltage, ground, fixed T). */
static PetscErrorCode EtBCValue(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  u[0] = *(const PetscReal *)ctx;
  return 0;
}

static PetscErrorCode EtInitialT(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  u[0] = *(const PetscReal *)ctx;
  return 0;
}

static PetscErrorCode EtZero(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  u[0] = 0.0;
  return 0;
}

static PetscErrorCode EtGetFaceLabel(MfElectroThermal et, const char *name, PetscBool required, DMLabel *label)
{
  PetscInt n = 0, ng;

  PetscFunctionBeginUser;
  PetscCall(DMGetLabel(et->dm, name, label));
  if (*label) PetscCall(DMLabelGetStratumSize(*label, 1, &n));
  PetscCall(MPIU_Allreduce(&n, &ng, 1, MPIU_INT, MPI_SUM, et->comm));
  if (!ng) *label = NULL;
  PetscCheck(*label || !required, et->comm, PETSC_ERR_ARG_WRONG, "the mesh has no faces in label \"%s\" (value 1), which this boundary condition needs (meshes/mf_mesh.h)", name);
  if (*label) PetscCall(DMPlexLabelComplete(et->dm, *label));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtSetupBoundaries(MfElectroThermal et, PetscDS ds)
{
  static PetscReal zero = 0.0;
  const PetscInt   one  = 1;
  DMLabel          label;

  PetscFunctionBeginUser;
  PetscCall(EtGetFaceLabel(et, MF_LABEL_TOP_CONTACT, PETSC_TRUE, &label));
  PetscCall(DMAddBoundary(et->dm, DM_BC_ESSENTIAL, "phi_top", label, 1, &one, 0, 0, NULL, (void (*)(void))EtBCValue, NULL, &et->V_device, NULL));
  PetscCall(EtGetFaceLabel(et, MF_LABEL_BOTTOM_CONTACT, PETSC_TRUE, &label));
  PetscCall(DMAddBoundary(et->dm, DM_BC_ESSENTIAL, "phi_bottom", label, 1, &one, 0, 0, NULL, (void (*)(void))EtBCValue, NULL, (void *)&zero, NULL));
  for (PetscInt b = 0; b < MF_ET_NUM_BND; ++b) {
    char name[64];
    if (et->tbc[b].type == MF_ET_TBC_ADIABATIC) continue;
    PetscCall(EtGetFaceLabel(et, EtBndLabels[b], PETSC_TRUE, &label));
    PetscCall(PetscSNPrintf(name, sizeof(name), "T_%s", EtBndLabels[b]));
    if (et->tbc[b].type == MF_ET_TBC_FIXED) {
      PetscCheck(et->tbc[b].T_K > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_tbc_%s_T: fixed temperature %g K must be > 0", EtBndLabels[b], (double)et->tbc[b].T_K);
      PetscCall(DMAddBoundary(et->dm, DM_BC_ESSENTIAL, name, label, 1, &one, 1, 0, NULL, (void (*)(void))EtBCValue, NULL, &et->tbc[b].T_K, NULL));
    } else {
      PetscWeakForm wf;
      PetscInt      bd;
      PetscCheck(et->tbc[b].h > 0.0 && et->tbc[b].T_amb > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "-et_tbc_%s_h (%g W/m^2/K) and -et_tbc_%s_T_amb (%g K) must be > 0", EtBndLabels[b], (double)et->tbc[b].h, EtBndLabels[b], (double)et->tbc[b].T_amb);
      PetscCall(DMAddBoundary(et->dm, DM_BC_NATURAL, name, label, 1, &one, 1, 0, NULL, NULL, NULL, NULL, &bd));
      PetscCall(PetscDSGetBoundary(ds, bd, &wf, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
      PetscCall(PetscWeakFormSetIndexBdResidual(wf, label, 1, 1, 0, 0, MfEtBdF0T[b], 0, NULL));
      PetscCall(PetscWeakFormSetIndexBdJacobian(wf, label, 1, 1, 1, 0, 0, MfEtBdG0TT[b], 0, NULL, 0, NULL, 0, NULL));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode EtCreateFE(MfElectroThermal et, PetscInt Nc, PetscInt degree, const char *name, PetscFE *fe)
{
  PetscBool simplex;

  PetscFunctionBeginUser;
  PetscCall(DMPlexIsSimplex(et->dm, &simplex));
  PetscCall(PetscFECreateLagrange(PETSC_COMM_SELF, et->dim, Nc, simplex, degree, PETSC_DETERMINE, fe));
  PetscCall(PetscObjectSetName((PetscObject)*fe, name));
  PetscFunctionReturn(0);
}

/* Default Newton + linear solver of the steady and the transient problem. Newton with the exact Jacobian:
 * rtol 1e-10 of the initial residual, or a step below 1e-12 of the solution norm; a direct factorisation,
 * because device stacks span 15 decades of conductivity and an iterative solve to a relative tolerance leaves
 * an oxide's potential drop unresolved. MUMPS in parallel and in 3D (its multifrontal factorisation with
 * level-3 BLAS: 2.1 s against PETSc's own LU 61 s for a 41 k-dof 3D cell, docs/benchmarks.md), PETSc's LU for
 * serial 2D (faster on the small sections). -et_pc_type / -et_ksp_type / -et_pc_factor_mat_solver_type
 * override it. */
/* The default direct solver of every ET linear system: LU, MUMPS in parallel and in 3D. */
PetscErrorCode MfEtSetDefaultLU(KSP ksp, PetscInt dim)
{
  PC          pc;
  PetscMPIInt size;

  PetscFunctionBeginUser;
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject)ksp), &size));
  if (size > 1 || dim == 3) PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
  /* SI units on nanometre meshes give matrix entries from sigma h ~ 1e-16 (insulators) to ~1 (metals):
   * PETSc's absolute zero-pivot test (1e-12) would reject the insulators' rows, so only exact zeros count */
  PetscCall(PCFactorSetZeroPivot(pc, 1e-250));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtSetDefaultSolver(SNES snes, PetscInt dim, PetscInt max_it)
{
  KSP ksp;

  PetscFunctionBeginUser;
  PetscCall(SNESSetTolerances(snes, 1e-50, 1e-10, 1e-12, max_it, 10000));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(MfEtSetDefaultLU(ksp, dim));
  PetscFunctionReturn(0);
}

/* Steady solver: defaults, then the factorisation reuse (-et_pc_reuse), then the user's -et_ options.
 * Reuse: GMRES preconditioned by the LU factors of an earlier Jacobian solves each Newton system of the
 * current (exactly assembled) Jacobian, so the Newton iteration is unchanged while the factorisation, 70-90 %
 * of a 3D Newton step, is renewed only after a cell coefficient changed by more than a factor 2, when GMRES
 * needs more than half of -et_pc_reuse_max_its iterations, or when it fails (EtNewton). The Jacobians of successive steps differ by the temperature dependence and, between coupler
 * updates, by the conductivity of the few cells the KMC changed: a low-rank change that GMRES resolves in a
 * few iterations (MOOSE reports the same strategy for direct solvers). rtol 1e-10 on the preconditioned
 * residual, which with a near-exact preconditioner measures the error of the Newton correction. A user's
 * -et_ksp_type preonly turns it off (the lag would make a chord method). */
static PetscErrorCode EtConfigureSteadySolver(MfElectroThermal et)
{
  KSP       ksp;
  PetscBool preonly;

  PetscFunctionBeginUser;
  PetscCall(SNESGetKSP(et->snes, &ksp));
  if (et->pcReuse) {
    PetscCall(KSPSetType(ksp, KSPGMRES));
    PetscCall(KSPSetTolerances(ksp, 1e-10, 1e-300, PETSC_DEFAULT, et->pcReuseMaxIts));
    PetscCall(SNESSetLagPreconditionerPersists(et->snes, PETSC_TRUE));
    PetscCall(SNESSetLagPreconditioner(et->snes, -2)); /* factor at the next Newton step, then keep */
  } else {
    PetscCall(KSPSetType(ksp, KSPPREONLY));
    PetscCall(SNESSetLagPreconditionerPersists(et->snes, PETSC_FALSE));
    PetscCall(SNESSetLagPreconditioner(et->snes, 1));
  }
  PetscCall(SNESSetFromOptions(et->snes));
  PetscCall(PetscObjectTypeCompare((PetscObject)ksp, KSPPREONLY, &preonly));
  if (preonly && et->pcReuse) {
    et->pcReuse = PETSC_FALSE;
    PetscCall(SNESSetLagPreconditionerPersists(et->snes, PETSC_FALSE));
    PetscCall(SNESSetLagPreconditioner(et->snes, 1));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode EtSetupSNES(MfElectroThermal et)
{
  PetscFunctionBeginUser;
  PetscCall(SNESCreate(et->comm, &et->snes));
  PetscCall(SNESSetOptionsPrefix(et->snes, "et_"));
  PetscCall(SNESSetDM(et->snes, et->dm));
  PetscCall(MfEtSetAssemblyCallbacks(et)); /* et_assembly.c */
  PetscCall(EtSetDefaultSolver(et->snes, et->dim, 30)); /* fail fast: load stepping takes over */
  PetscCall(SNESSetConvergenceTest(et->snes, MfEtSNESConverged, et, NULL)); /* scaled step test (et_solve.c) */
  PetscCall(EtConfigureSteadySolver(et));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSetUp(MfElectroThermal et)
{
  PetscFE   fePhi, feT, feAux, feOut[4];
  PetscDS   ds;
  PetscBool simplex;
  PetscScalar constants[ET_NCONST];
  PetscErrorCode (*init[2])(PetscInt, PetscReal, const PetscReal[], PetscInt, PetscScalar *, void *) = {EtZero, EtInitialT};
  void *ictx[2] = {NULL, &et->T_ambient};
  const char *outNames[4] = {"electric_field", "current_density", "joule_power_density", "conductivity_S_per_m"};

  PetscFunctionBeginUser;
  if (et->setup) PetscFunctionReturn(0);
  PetscCheck(et->haveMaterials, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetMaterials() before MfElectroThermalSetUp()");
  PetscCall(DMPlexIsSimplex(et->dm, &simplex));
  /* phi, T: Lagrange of the same degree */
  PetscCall(EtCreateFE(et, 1, et->degree, "potential", &fePhi));
  PetscCall(EtCreateFE(et, 1, et->degree, "temperature", &feT));
  PetscCall(PetscFECopyQuadrature(fePhi, feT));
  PetscCall(DMSetField(et->dm, 0, NULL, (PetscObject)fePhi));
  PetscCall(DMSetField(et->dm, 1, NULL, (PetscObject)feT));
  PetscCall(DMCreateDS(et->dm));
  PetscCall(DMGetDS(et->dm, &ds));
  PetscCall(MfEtSetKernels(ds));
  PetscCall(EtThermalConstants(et, constants));
  PetscCall(PetscDSSetConstants(ds, ET_NCONST, constants));
  PetscCall(EtSetupBoundaries(et, ds));
  /* DG0 coefficients (ex12-style auxiliary field) */
  PetscCall(DMClone(et->dm, &et->dmAux));
  PetscCall(EtCreateFE(et, ET_NAUX, 0, "coefficients", &feAux));
  PetscCall(PetscFECopyQuadrature(fePhi, feAux));
  PetscCall(DMSetField(et->dmAux, 0, NULL, (PetscObject)feAux));
  PetscCall(DMCreateDS(et->dmAux));
  PetscCall(DMCreateLocalVector(et->dmAux, &et->aux));
  PetscCall(EtFillAux(et));
  PetscCall(DMSetAuxiliaryVec(et->dm, NULL, 0, 0, et->aux));
  /* DG0 output fields */
  PetscCall(DMClone(et->dm, &et->dmCell));
  for (PetscInt f = 0; f < 4; ++f) {
    PetscCall(EtCreateFE(et, f < 2 ? et->dim : 1, 0, outNames[f], &feOut[f]));
    PetscCall(PetscFECopyQuadrature(fePhi, feOut[f]));
    PetscCall(DMSetField(et->dmCell, f, NULL, (PetscObject)feOut[f]));
    PetscCall(PetscFEDestroy(&feOut[f]));
  }
  PetscCall(DMCreateDS(et->dmCell));
  PetscCall(DMCreateGlobalVector(et->dmCell, &et->Eout));
  PetscCall(PetscObjectSetName((PetscObject)et->Eout, "derived"));
  PetscCall(PetscFEDestroy(&fePhi));
  PetscCall(PetscFEDestroy(&feT));
  PetscCall(PetscFEDestroy(&feAux));
  /* state: phi = 0, T = ambient */
  PetscCall(DMCreateGlobalVector(et->dm, &et->u));
  PetscCall(PetscObjectSetName((PetscObject)et->u, "")); /* VTK names: potential, temperature */
  PetscCall(VecDuplicate(et->u, &et->uSave));
  PetscCall(VecDuplicate(et->u, &et->uStart));
  PetscCall(VecDuplicate(et->u, &et->uTry));
  PetscCall(VecDuplicate(et->u, &et->uPrev));
  PetscCall(VecDuplicate(et->u, &et->uIter));
  PetscCall(DMProjectFunction(et->dm, 0.0, init, ictx, INSERT_ALL_VALUES, et->u));
  PetscCall(VecCopy(et->u, et->uSave));
  {
    PetscInt f0 = 0, f1 = 1;
    PetscCall(DMCreateSubDM(et->dm, 1, &f0, &et->isPhi, NULL));
    PetscCall(DMCreateSubDM(et->dm, 1, &f1, &et->isT, NULL));
  }
  et->V_device    = 0.0;
  et->V_converged = 0.0;
  PetscCall(MfEtBuildDofList(et->dm, MF_LABEL_TOP_CONTACT, 0, &et->reactTop));
  PetscCall(MfEtBuildDofList(et->dm, MF_LABEL_BOTTOM_CONTACT, 0, &et->reactBottom));
  PetscCall(EtSetupSNES(et));
  et->setup = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* Transient problem on a clone of the DM (a TS installs its own DMSNES functions, which must not
 * replace those of the steady SNES). */
PetscErrorCode MfEtSetupTS(MfElectroThermal et)
{
  PetscFunctionBeginUser;
  if (et->ts) PetscFunctionReturn(0);
  PetscCall(DMClone(et->dm, &et->dmTS));
  PetscCall(DMCopyDisc(et->dm, et->dmTS));
  PetscCall(DMSetAuxiliaryVec(et->dmTS, NULL, 0, 0, et->aux));
  PetscCall(MfEtSetAssemblyCallbacks(et)); /* DMTS boundary, IFunction and IJacobian (et_assembly.c) */
  PetscCall(TSCreate(et->comm, &et->ts));
  PetscCall(TSSetOptionsPrefix(et->ts, "et_"));
  PetscCall(TSSetDM(et->ts, et->dmTS));
  PetscCall(TSSetType(et->ts, TSBDF));
  PetscCall(TSSetExactFinalTime(et->ts, TS_EXACTFINALTIME_MATCHSTEP));
  /* a failed Newton solve of a step ends TSSolve with a reason instead of an error: EtTransientAt repeats the step
   * with sub-steps (a runaway's heating is fast: measured on the S-shaped thermistor at 0.25 V) */
  PetscCall(TSSetErrorIfStepFails(et->ts, PETSC_FALSE));
  {
    SNES snes;
    PetscCall(TSGetSNES(et->ts, &snes));
    PetscCall(EtSetDefaultSolver(snes, et->dim, 50));
    /* the steady solve's scaled tests (et_solve.c): a step's residual has the same round-off floor */
    PetscCall(SNESSetConvergenceTest(snes, MfEtSNESConverged, et, NULL));
    /* a failed line search ends the solve in MfEtSNESConverged (accepted at the round-off floor or failed), not
     * before it is called */
    PetscCall(SNESSetMaxNonlinearStepFailures(snes, PETSC_MAX_INT));
  }
  PetscCall(TSSetFromOptions(et->ts));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalGetSolution(MfElectroThermal et, Vec *u)
{
  PetscFunctionBeginUser;
  *u = et->u;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalGetDM(MfElectroThermal et, DM *dm)
{
  PetscFunctionBeginUser;
  *dm = et->dm;
  PetscFunctionReturn(0);
}
