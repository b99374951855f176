/* MfMechanics: object lifecycle, discretisation, boundary conditions and the superposition solve.
 * Physics and the plane-sections boundary model are described in mf_mechanics.h and docs/mechanics.md. */
#include "mech_impl.h"
#include <petscsnes.h>

const char *const MfMechSupportNames[] = {"flat", "bent", "free", "clamped", "MfMechSupport", "MF_MECH_SUPPORT_", NULL};
static const char *const MfMechSolverNames[] = {"lu", "amg", "auto", "MfMechSolverType", "MF_MECH_SOLVER_", NULL};

/* Local copy of the region names of meshes/mf_mesh.h so that this library does not link meshes/ */
static const char *const RegionName[MF_NUM_REGIONS] = {"none", "substrate", "buffer", "bottom_electrode", "functional", "top_electrode", "cap", "fill"};

PetscErrorCode MfMechanicsCreate(DM dm, MfMechanics *mech)
{
  MfMechanics m;

  PetscFunctionBeginUser;
  PetscCheck(dm, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "Mechanics: MfMechanicsCreate() needs a mesh (DM), got NULL");
  PetscCall(PetscNew(&m));
  m->comm = PetscObjectComm((PetscObject)dm);
  PetscCall(PetscObjectReference((PetscObject)dm));
  m->dmUser   = dm;
  m->fastAssembly = PETSC_TRUE;
  m->degree   = 2; /* Q2 holds the exact bending field (quadratic u_z) of each layer: no shear locking */
  m->Tref     = 300.0;
  m->Tuniform = 300.0;
  m->support  = MF_MECH_SUPPORT_FLAT;
  m->kappa    = 0.0;
  m->matsDirty = PETSC_TRUE;
  m->tempDirty = PETSC_TRUE;
  m->solverType = MF_MECH_SOLVER_AUTO;
  m->amgMinDofs = MF_MECH_AMG_MIN_DOFS;
  *mech = m;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsDestroy(MfMechanics *mech)
{
  MfMechanics m;

  PetscFunctionBeginUser;
  if (!mech || !*mech) PetscFunctionReturn(0);
  m = *mech;
  PetscCall(VecDestroy(&m->Tcell));
  PetscCall(VecDestroy(&m->aux));
  PetscCall(VecDestroy(&m->uT));
  for (PetscInt j = 0; j < 4; ++j) PetscCall(VecDestroy(&m->ub[j]));
  PetscCall(VecDestroy(&m->u));
  PetscCall(VecDestroy(&m->derived));
  PetscCall(SNESDestroy(&m->snes));
  PetscCall(MfMechAmgDestroy_Private(m));
  PetscCall(DMDestroy(&m->dmT));
  PetscCall(DMDestroy(&m->dmDer));
  PetscCall(DMDestroy(&m->dmAux));
  PetscCall(DMDestroy(&m->dm));
  PetscCall(DMDestroy(&m->dmUser));
  PetscCall(PetscFree(m));
  *mech = NULL;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetMaterials(MfMechanics mech, const MfMaterial mats[MF_NUM_REGIONS])
{
  PetscFunctionBeginUser;
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) mech->mats[r] = mats[r];
  mech->matsSet   = PETSC_TRUE;
  mech->matsDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetReferenceTemperature(MfMechanics mech, PetscReal T_ref_K)
{
  PetscFunctionBeginUser;
  PetscCheck(T_ref_K > 0, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: reference temperature %g K must be > 0 K", (double)T_ref_K);
  mech->Tref      = T_ref_K;
  mech->tempDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetUniformTemperature(MfMechanics mech, PetscReal T_K)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: temperature %g K must be > 0 K", (double)T_K);
  PetscCall(VecDestroy(&mech->Tcell));
  mech->Tuniform  = T_K;
  mech->tempDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetCellTemperatureDM(MfMechanics mech, DM *dmT)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->setup, mech->comm, PETSC_ERR_ORDER, "Call MfMechanicsSetUp() before MfMechanicsGetCellTemperatureDM()");
  *dmT = mech->dmT;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetCellTemperature(MfMechanics mech, Vec T_K)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->setup, mech->comm, PETSC_ERR_ORDER, "Call MfMechanicsSetUp() before MfMechanicsSetCellTemperature()");
  if (!mech->Tcell) PetscCall(DMCreateGlobalVector(mech->dmT, &mech->Tcell));
  PetscCall(VecCopy(T_K, mech->Tcell));
  mech->tempDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetResidualStress(MfMechanics mech, const PetscReal T_dep_K[MF_NUM_REGIONS])
{
  PetscFunctionBeginUser;
  mech->residual = T_dep_K ? PETSC_TRUE : PETSC_FALSE;
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) mech->Tdep[r] = T_dep_K ? T_dep_K[r] : 0.0;
  mech->tempDirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetSupport(MfMechanics mech, MfMechSupport support)
{
  PetscFunctionBeginUser;
  PetscCheck(!mech->setup || ((support == MF_MECH_SUPPORT_CLAMPED) == (mech->support == MF_MECH_SUPPORT_CLAMPED)), mech->comm, PETSC_ERR_ORDER,
             "Mechanics: switching to/from the clamped support changes the constrained dofs; choose it before MfMechanicsSetUp()");
  mech->support = support;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetCurvature(MfMechanics mech, PetscReal kappa_per_m)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechanicsSetSupport(mech, MF_MECH_SUPPORT_BENT));
  mech->kappa = kappa_per_m;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetBending(MfMechanics mech, PetscReal radius_m, PetscInt sign)
{
  PetscFunctionBeginUser;
  PetscCheck(radius_m >= 0, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: bending radius %g m must be > 0 (or 0 for flat)", (double)radius_m);
  PetscCheck(sign == 1 || sign == -1, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: bending sign %" PetscInt_FMT " must be +1 (film in tension) or -1 (compression)", sign);
  if (radius_m == 0.0) PetscCall(MfMechanicsSetCurvature(mech, 0.0));
  else PetscCall(MfMechanicsSetCurvature(mech, (PetscReal)sign / radius_m));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetFromOptions(MfMechanics mech)
{
  PetscInt  support = (PetscInt)mech->support, sign = 1;
  PetscReal R       = 0.0;
  PetscBool flg, flgR;

  PetscFunctionBeginUser;
  PetscOptionsBegin(mech->comm, "mech_", "memflex thermo-mechanics", "MfMechanics");
  PetscCall(PetscOptionsBool("-fast_assembly", "Node-blocked element loops (PETSc's generic FE loops are ~10-100x slower for vector Q2/Q3)", "MfMechanicsSetFromOptions", mech->fastAssembly, &mech->fastAssembly, NULL));
  PetscCall(PetscOptionsInt("-degree", "Lagrange degree of the displacement (Q2 is exact for plate bending)", "MfMechanicsSetFromOptions", mech->degree, &mech->degree, NULL));
  PetscCall(PetscOptionsEList("-support", "Lateral support: flat, bent, free, clamped", "MfMechanicsSetSupport", MfMechSupportNames, 4, MfMechSupportNames[support], &support, &flg));
  if (flg) PetscCall(MfMechanicsSetSupport(mech, (MfMechSupport)support));
  PetscCall(PetscOptionsReal("-bending_radius", "Bending radius (m), 0 = flat", "MfMechanicsSetBending", R, &R, &flgR));
  PetscCall(PetscOptionsInt("-bending_sign", "+1 film side in tension, -1 in compression", "MfMechanicsSetBending", sign, &sign, NULL));
  if (flgR) PetscCall(MfMechanicsSetBending(mech, R, sign));
  PetscCall(PetscOptionsEnum("-solver", "Unit-solve solver: lu (MUMPS), amg (CG + GAMG on the blocked system), auto (amg from -mech_amg_min_dofs on)", "MfMechanicsSetFromOptions", MfMechSolverNames, (PetscEnum)mech->solverType, (PetscEnum *)&mech->solverType, NULL));
  PetscCall(PetscOptionsInt("-amg_min_dofs", "Smallest number of (constrained-system) dofs for which -mech_solver auto uses AMG", "MfMechanicsSetFromOptions", mech->amgMinDofs, &mech->amgMinDofs, NULL));
  PetscCall(PetscOptionsReal("-T_ref", "Stress-free reference temperature (K)", "MfMechanicsSetReferenceTemperature", mech->Tref, &mech->Tref, &flg));
  if (flg) PetscCall(MfMechanicsSetReferenceTemperature(mech, mech->Tref));
  PetscOptionsEnd();
  PetscCheck(mech->degree >= 1 && mech->degree <= 3, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "-mech_degree %" PetscInt_FMT " must be 1, 2 or 3", mech->degree);
  PetscFunctionReturn(0);
}

static PetscErrorCode BCPlaneSection(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  const MfMechBCCtx *c = (const MfMechBCCtx *)ctx;
  const PetscReal    v = x[c->k] * (c->a + c->kap * (x[c->zd] - c->zref));

  if (Nc == 1) u[0] = v;
  else {
    for (PetscInt i = 0; i < Nc; ++i) u[i] = 0.0;
    u[c->k] = v;
  }
  return 0;
}

static PetscErrorCode BCZero(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  for (PetscInt i = 0; i < Nc; ++i) u[i] = 0.0;
  return 0;
}

static PetscErrorCode RigidBodyNearNullSpace(DM dm, PetscInt origField, PetscInt field, MatNullSpace *nsp)
{
  PetscFunctionBeginUser;
  PetscCall(DMPlexCreateRigidBody(dm, origField, nsp));
  PetscFunctionReturn(0);
}

/* Outer box faces by geometry (the stack is a box; works for the built-in mesher and Gmsh boxes) and the
 * pin vertex nearest to the bottom centre. */
static PetscErrorCode LabelBoundaries(MfMechanics mech)
{
  DM                 dm  = mech->dm;
  const PetscInt     dim = mech->dim, zd = dim - 1;
  DMLabel            bnd, box, pin;
  IS                 is;
  const PetscInt    *faces;
  PetscInt           nf = 0, vStart, vEnd, best = -1;
  PetscReal          tol[3], target[3], dloc = PETSC_MAX_REAL, dmin, xbest[3] = {0, 0, 0};
  PetscMPIInt        rank, owner, cand;
  Vec                coords;
  PetscSection       cs;
  const PetscScalar *ca;

  PetscFunctionBeginUser;
  PetscCall(DMGetBoundingBox(dm, mech->lo, mech->hi));
  for (PetscInt d = 0; d < dim; ++d) tol[d] = 1e-8 * (mech->hi[d] - mech->lo[d]);
  PetscCall(DMLabelCreate(PETSC_COMM_SELF, "mech_boundary_tmp", &bnd));
  PetscCall(DMPlexMarkBoundaryFaces(dm, 1, bnd));
  PetscCall(DMCreateLabel(dm, MF_MECH_LABEL_BOX));
  PetscCall(DMGetLabel(dm, MF_MECH_LABEL_BOX, &box));
  PetscCall(DMLabelGetStratumIS(bnd, 1, &is));
  if (is) {
    PetscCall(ISGetLocalSize(is, &nf));
    PetscCall(ISGetIndices(is, &faces));
  }
  for (PetscInt i = 0; i < nf; ++i) {
    PetscReal c[3], vol;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, faces[i], &vol, c, NULL));
    for (PetscInt d = 0; d < dim; ++d) {
      PetscInt base = (d == zd) ? 5 : 2 * d + 1;
      if (PetscAbsReal(c[d] - mech->lo[d]) < tol[d]) PetscCall(DMLabelSetValue(box, faces[i], base));
      else if (PetscAbsReal(c[d] - mech->hi[d]) < tol[d]) PetscCall(DMLabelSetValue(box, faces[i], base + 1));
    }
  }
  if (is) {
    PetscCall(ISRestoreIndices(is, &faces));
    PetscCall(ISDestroy(&is));
  }
  PetscCall(DMLabelDestroy(&bnd));
  PetscCall(DMPlexLabelComplete(dm, box));

  /* pin: vertex nearest to the bottom centre, labelled on every rank that holds a copy */
  for (PetscInt d = 0; d < dim; ++d) target[d] = 0.5 * (mech->lo[d] + mech->hi[d]);
  target[zd] = mech->lo[zd];
  PetscCall(DMPlexGetDepthStratum(dm, 0, &vStart, &vEnd));
  PetscCall(DMGetCoordinatesLocal(dm, &coords));
  PetscCall(DMGetCoordinateSection(dm, &cs));
  PetscCall(VecGetArrayRead(coords, &ca));
  for (PetscInt v = vStart; v < vEnd; ++v) {
    PetscInt  off;
    PetscReal dist = 0;
    PetscCall(PetscSectionGetOffset(cs, v, &off));
    for (PetscInt d = 0; d < dim; ++d) dist += PetscSqr((PetscRealPart(ca[off + d]) - target[d]) / (mech->hi[d] - mech->lo[d]));
    if (dist < dloc) {
      dloc = dist;
      best = v;
    }
  }
  if (best >= 0) {
    PetscInt off;
    PetscCall(PetscSectionGetOffset(cs, best, &off));
    for (PetscInt d = 0; d < dim; ++d) xbest[d] = PetscRealPart(ca[off + d]);
  }
  PetscCallMPI(MPI_Comm_rank(mech->comm, &rank));
  PetscCallMPI(MPI_Allreduce(&dloc, &dmin, 1, MPIU_REAL, MPI_MIN, mech->comm));
  cand = (dloc == dmin) ? rank : PETSC_MPI_INT_MAX;
  PetscCallMPI(MPI_Allreduce(&cand, &owner, 1, MPI_INT, MPI_MIN, mech->comm));
  PetscCallMPI(MPI_Bcast(xbest, 3, MPIU_REAL, owner, mech->comm));
  PetscCall(DMCreateLabel(dm, MF_MECH_LABEL_PIN));
  PetscCall(DMGetLabel(dm, MF_MECH_LABEL_PIN, &pin));
  for (PetscInt v = vStart; v < vEnd; ++v) {
    PetscInt  off;
    PetscReal dist = 0;
    PetscCall(PetscSectionGetOffset(cs, v, &off));
    for (PetscInt d = 0; d < dim; ++d) dist += PetscSqr((PetscRealPart(ca[off + d]) - xbest[d]) / (mech->hi[d] - mech->lo[d]));
    if (dist < 1e-20) PetscCall(DMLabelSetValue(pin, v, 1));
  }
  PetscCall(VecRestoreArrayRead(coords, &ca));
  mech->zref = 0.5 * (mech->lo[zd] + mech->hi[zd]);
  PetscFunctionReturn(0);
}

static PetscErrorCode CreateDG0(MfMechanics mech, PetscFE feRef, PetscInt nfields, const PetscInt nc[], const char *const names[], DM *dmOut)
{
  PetscBool simplex;

  PetscFunctionBeginUser;
  PetscCall(DMClone(mech->dm, dmOut));
  PetscCall(DMPlexIsSimplex(mech->dm, &simplex));
  for (PetscInt f = 0; f < nfields; ++f) {
    PetscFE fe;
    PetscCall(PetscFECreateLagrange(mech->comm, mech->dim, nc[f], simplex, 0, PETSC_DETERMINE, &fe));
    PetscCall(PetscFECopyQuadrature(feRef, fe));
    PetscCall(PetscObjectSetName((PetscObject)fe, names[f]));
    PetscCall(DMSetField(*dmOut, f, NULL, (PetscObject)fe));
    PetscCall(PetscFEDestroy(&fe));
  }
  PetscCall(DMCreateDS(*dmOut));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSetUp(MfMechanics mech)
{
  DMLabel   box, pin, region;
  PetscFE   fe;
  PetscDS   ds;
  PetscBool simplex;
  PetscInt  zcomp, vals[2], tb[2] = {5, 6};
  PetscScalar constants[MF_MECH_NCONST] = {1.0, 0.0, 0.0, 0.0};

  PetscFunctionBeginUser;
  if (mech->setup) PetscFunctionReturn(0);
  PetscCall(DMGetDimension(mech->dmUser, &mech->dim));
  PetscCheck(mech->dim == 2 || mech->dim == 3, mech->comm, PETSC_ERR_ARG_WRONG, "Mechanics needs a 2D (plane strain) or 3D mesh, got dimension %" PetscInt_FMT, mech->dim);
  PetscCall(DMGetLabel(mech->dmUser, MF_LABEL_REGION, &region));
  PetscCheck(region, mech->comm, PETSC_ERR_ARG_WRONG, "Mechanics: the mesh has no \"%s\" cell label (see meshes/mf_mesh.h)", MF_LABEL_REGION);
  mech->nk = mech->dim - 1;
  zcomp    = mech->dim - 1;
  PetscCall(DMClone(mech->dmUser, &mech->dm));
  PetscCall(PetscObjectSetName((PetscObject)mech->dm, "mechanics"));
  PetscCall(LabelBoundaries(mech));

  PetscCall(DMPlexIsSimplex(mech->dm, &simplex));
  PetscCall(PetscFECreateLagrange(mech->comm, mech->dim, mech->dim, simplex, mech->degree, PETSC_DETERMINE, &fe));
  PetscCall(PetscObjectSetName((PetscObject)fe, "displacement"));
  PetscCall(DMClone(mech->dm, &mech->dmFull)); /* unconstrained twin for the AMG path, before BCs/DS exist */
  PetscCall(DMSetField(mech->dm, 0, NULL, (PetscObject)fe));
  PetscCall(DMCreateDS(mech->dm));
  PetscCall(DMGetDS(mech->dm, &ds));
  PetscCall(PetscDSSetResidual(ds, 0, NULL, MfMechF1Elastic));
  PetscCall(PetscDSSetJacobian(ds, 0, 0, NULL, NULL, NULL, MfMechG3Elastic));
  PetscCall(PetscDSSetObjective(ds, 0, MfMechObjectiveEndForce));
  constants[MF_MECH_C_ZREF] = mech->zref;
  PetscCall(PetscDSSetConstants(ds, MF_MECH_NCONST, constants));

  PetscCall(DMGetLabel(mech->dm, MF_MECH_LABEL_BOX, &box));
  PetscCall(DMGetLabel(mech->dm, MF_MECH_LABEL_PIN, &pin));
  for (PetscInt k = 0; k < mech->nk; ++k) {
    char name[32];
    mech->bc[k].k    = k;
    mech->bc[k].zd   = zcomp;
    mech->bc[k].zref = mech->zref;
    vals[0] = 2 * k + 1;
    vals[1] = 2 * k + 2;
    PetscCall(PetscSNPrintf(name, sizeof(name), "plane_section_%c", "xy"[k]));
    PetscCall(DMAddBoundary(mech->dm, DM_BC_ESSENTIAL, name, box, 2, vals, 0, 1, &k, (void (*)(void))BCPlaneSection, NULL, &mech->bc[k], NULL));
  }
  if (mech->support == MF_MECH_SUPPORT_CLAMPED) {
    PetscCall(DMAddBoundary(mech->dm, DM_BC_ESSENTIAL, "top_bottom_normal", box, 2, tb, 0, 1, &zcomp, (void (*)(void))BCZero, NULL, NULL, NULL));
  } else {
    PetscCall(DMAddBoundary(mech->dm, DM_BC_ESSENTIAL, "pin", pin, 1, (PetscInt[]){1}, 0, 1, &zcomp, (void (*)(void))BCZero, NULL, NULL, NULL));
  }
  PetscCall(DMSetNearNullSpaceConstructor(mech->dm, 0, RigidBodyNearNullSpace));

  {
    const PetscInt    nca[1] = {MF_MECH_NAUX}, ncd[4] = {6, 6, 1, 1}, nct[1] = {1};
    const char *const na[1] = {"material"}, *const nd[4] = {"strain", "stress", "von_mises", "hydrostatic_stress"}, *const nt[1] = {"temperature"};
    PetscDS           dsDer;
    PetscCall(CreateDG0(mech, fe, 1, nca, na, &mech->dmAux));
    PetscCall(CreateDG0(mech, fe, 4, ncd, nd, &mech->dmDer));
    PetscCall(CreateDG0(mech, fe, 1, nct, nt, &mech->dmT));
    PetscCall(DMGetDS(mech->dmDer, &dsDer));
    PetscCall(PetscDSSetConstants(dsDer, MF_MECH_NCONST, constants));
  }
  PetscCall(PetscFEDestroy(&fe));
  PetscCall(DMCreateLocalVector(mech->dmAux, &mech->aux));
  PetscCall(DMSetAuxiliaryVec(mech->dm, NULL, 0, 0, mech->aux));
  PetscCall(DMSetAuxiliaryVec(mech->dmDer, NULL, 0, 0, mech->aux));

  PetscCall(DMCreateGlobalVector(mech->dm, &mech->u));
  PetscCall(PetscObjectSetName((PetscObject)mech->u, "displacement"));
  PetscCall(VecDuplicate(mech->u, &mech->uT));
  for (PetscInt j = 0; j < 2 * mech->nk; ++j) PetscCall(VecDuplicate(mech->u, &mech->ub[j]));
  PetscCall(DMCreateGlobalVector(mech->dmDer, &mech->derived));
  PetscCall(PetscObjectSetName((PetscObject)mech->derived, "mechanics_derived"));

  /* Linear elasticity: one Newton step is the exact solve. Default: sparse direct (MUMPS) factorization,
   * reused for every unit solve and every later radius/temperature of the same material set. Measured
   * (MfMechanicsBenchmark): CG + GAMG with the rigid-body near-null space (-mech_ksp_type cg -mech_pc_type
   * gamg) needs 480-2000+ iterations on stacks with 1e4 thickness ratios and diverges at 29k dofs; BoomerAMG
   * (-mech_pc_type hypre -mech_pc_hypre_boomeramg_strong_threshold 0.7) needs 38-264, growing ~2x per
   * refinement. Neither is flat under refinement on these meshes, so the robust default is direct. The
   * near-null space stays attached to the operator for the AMG options. */
  PetscCall(SNESCreate(mech->comm, &mech->snes));
  PetscCall(SNESSetOptionsPrefix(mech->snes, "mech_"));
  PetscCall(SNESSetDM(mech->snes, mech->dm));
  PetscCall(MfMechSetSNESCallbacks_Private(mech));
  PetscCall(SNESSetType(mech->snes, SNESKSPONLY));
  {
    KSP ksp;
    PC  pc;
    PetscCall(SNESGetKSP(mech->snes, &ksp));
    PetscCall(KSPSetType(ksp, KSPPREONLY));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCLU));
    PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
    /* for iterative choices: the unit solves feed generalized end forces, 1e-10 keeps their error small */
    PetscCall(KSPSetTolerances(ksp, 1e-10, 1e-50, PETSC_DEFAULT, 5000));
  }
  PetscCall(SNESSetFromOptions(mech->snes));
  {
    PetscInt N;
    PetscFE  feU;
    PetscCall(VecGetSize(mech->u, &N));
    mech->useAmg = (mech->solverType == MF_MECH_SOLVER_AMG || (mech->solverType == MF_MECH_SOLVER_AUTO && N >= mech->amgMinDofs)) ? PETSC_TRUE : PETSC_FALSE;
    if (mech->useAmg) {
      PetscCall(DMGetField(mech->dm, 0, NULL, (PetscObject *)&feU));
      PetscCall(MfMechAmgCreate_Private(mech, feU));
    } else PetscCall(DMDestroy(&mech->dmFull));
    PetscCall(PetscInfo(mech->dm, "mechanics: %" PetscInt_FMT " dofs, unit solves by %s\n", N, mech->useAmg ? "CG + AMG (blocked full system)" : "the SNES/KSP path (default MUMPS LU)"));
  }
  mech->setup = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* Fill the DG0 material/eigenstrain field: E, nu, alpha, theta = T - T_sf(region) */
PetscErrorCode MfMechBuildAux_Private(MfMechanics mech)
{
  DMLabel            region;
  PetscInt           cStart, cEnd;
  PetscScalar       *aa;
  const PetscScalar *ta = NULL;
  Vec                Tloc = NULL;
  PetscInt           thermal = 0, gthermal;
  PetscBool          used[MF_NUM_REGIONS] = {PETSC_FALSE};

  PetscFunctionBeginUser;
  PetscCheck(mech->matsSet, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSetMaterials() before MfMechanicsSolve()");
  PetscCall(DMGetLabel(mech->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(mech->dm, 0, &cStart, &cEnd));
  if (mech->Tcell) {
    PetscCall(DMGetLocalVector(mech->dmT, &Tloc));
    PetscCall(DMGlobalToLocal(mech->dmT, mech->Tcell, INSERT_VALUES, Tloc));
    PetscCall(VecGetArrayRead(Tloc, &ta));
  }
  PetscCall(VecGetArray(mech->aux, &aa));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscInt          r;
    PetscScalar      *p;
    const MfMaterial *m;
    PetscReal         T = mech->Tuniform, Tsf;

    PetscCall(DMLabelGetValue(region, c, &r));
    PetscCheck(r > 0 && r < MF_NUM_REGIONS, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Mechanics: cell %" PetscInt_FMT " has region %" PetscInt_FMT "; every cell needs a region 1..%d (meshes/mf_mesh.h)", c, r, MF_NUM_REGIONS - 1);
    m = &mech->mats[r];
    if (!used[r]) {
      PetscCheck(m->E_Pa > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: region '%s' (material '%s') has Young's modulus E = %g Pa; expected > 0", RegionName[r], m->name, (double)m->E_Pa);
      PetscCheck(m->nu > -1.0 && m->nu < 0.5, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: region '%s' (material '%s') has Poisson ratio nu = %g; expected -1 < nu < 0.5", RegionName[r], m->name, (double)m->nu);
      PetscCheck(PetscIsNormalReal(m->cte_per_K) || m->cte_per_K == 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: region '%s' (material '%s') has an invalid CTE %g 1/K", RegionName[r], m->name, (double)m->cte_per_K);
      used[r] = PETSC_TRUE;
    }
    if (ta) {
      const PetscScalar *tp;
      PetscCall(DMPlexPointLocalRead(mech->dmT, c, ta, &tp));
      T = PetscRealPart(tp[0]);
    }
    Tsf = (mech->residual && mech->Tdep[r] > 0) ? mech->Tdep[r] : mech->Tref;
    PetscCall(DMPlexPointLocalRef(mech->dmAux, c, aa, &p));
    p[MF_MECH_AUX_E]     = m->E_Pa;
    p[MF_MECH_AUX_NU]    = m->nu;
    p[MF_MECH_AUX_ALPHA] = m->cte_per_K;
    p[MF_MECH_AUX_THETA] = T - Tsf;
    if (m->cte_per_K * (T - Tsf) != 0.0) thermal = 1;
  }
  PetscCall(VecRestoreArray(mech->aux, &aa));
  if (Tloc) {
    PetscCall(VecRestoreArrayRead(Tloc, &ta));
    PetscCall(DMRestoreLocalVector(mech->dmT, &Tloc));
  }
  PetscCallMPI(MPI_Allreduce(&thermal, &gthermal, 1, MPIU_INT, MPI_MAX, mech->comm));
  mech->hasThermal = gthermal ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode SetConstants(MfMechanics mech, DM dm, PetscReal thermal, PetscInt dir, PetscInt mode)
{
  PetscDS     ds;
  PetscScalar c[MF_MECH_NCONST];

  PetscFunctionBeginUser;
  c[MF_MECH_C_THERMAL] = thermal;
  c[MF_MECH_C_ZREF]    = mech->zref;
  c[MF_MECH_C_DIR]     = dir;
  c[MF_MECH_C_MODE]    = mode;
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(PetscDSSetConstants(ds, MF_MECH_NCONST, c));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechSetConstants_Private(MfMechanics mech, PetscReal thermal, PetscInt dir, PetscInt mode)
{
  PetscFunctionBeginUser;
  PetscCall(SetConstants(mech, mech->dm, thermal, dir, mode));
  PetscFunctionReturn(0);
}

/* Boundary values of unit mode j (2k: a_k = 1, 2k+1: kappa_k = 1), j < 0: all zero; coef != NULL: combination */
static void SetBCValues(MfMechanics mech, PetscInt j, const PetscReal *coef)
{
  for (PetscInt k = 0; k < mech->nk; ++k) {
    mech->bc[k].a   = coef ? coef[2 * k] : (j == 2 * k ? 1.0 : 0.0);
    mech->bc[k].kap = coef ? coef[2 * k + 1] : (j == 2 * k + 1 ? 1.0 : 0.0);
  }
}

void MfMechSetBCValues_Private(MfMechanics mech, const PetscReal *coef)
{
  SetBCValues(mech, -1, coef); /* NULL: all boundary values zero */
}

/* G_i(u) = int sigma(u) : grad v_i for the 2 nk unit modes v_i; BC values of u must be set.
 * Reference path through PETSc's DMPlexComputeIntegralFEM and the pointwise objective kernel. */
PetscErrorCode MfMechEndForcesPETSc_Private(MfMechanics mech, Vec u, PetscReal thermal, PetscReal G[])
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 2 * mech->nk; ++i) {
    PetscScalar val[1];
    PetscCall(SetConstants(mech, mech->dm, thermal, i / 2, i % 2));
    PetscCall(DMPlexComputeIntegralFEM(mech->dm, u, val, mech));
    G[i] = PetscRealPart(val[0]);
  }
  PetscCall(SetConstants(mech, mech->dm, 1.0, 0, 0));
  PetscFunctionReturn(0);
}

/* Same, in one pass over the cells with the node-blocked loop (all 2 nk forces at once) */
static PetscErrorCode EndForces(MfMechanics mech, Vec u, PetscReal thermal, PetscReal G[])
{
  Vec uloc;

  PetscFunctionBeginUser;
  if (!mech->fastAssembly) {
    PetscCall(MfMechEndForcesPETSc_Private(mech, u, thermal, G));
    PetscFunctionReturn(0);
  }
  PetscCall(DMGetLocalVector(mech->dm, &uloc));
  PetscCall(VecZeroEntries(uloc));
  PetscCall(DMPlexInsertBoundaryValues(mech->dm, PETSC_TRUE, uloc, 0.0, NULL, NULL, NULL));
  PetscCall(DMGlobalToLocal(mech->dm, u, INSERT_VALUES, uloc));
  PetscCall(MfMechCellLoop_Private(mech, uloc, thermal, NULL, G));
  PetscCall(DMRestoreLocalVector(mech->dm, &uloc));
  PetscFunctionReturn(0);
}

static PetscErrorCode UnitSolve(MfMechanics mech, PetscInt j, PetscReal thermal, Vec u)
{
  KSP                 ksp;
  PetscInt            its;
  KSPConvergedReason  reason;

  PetscFunctionBeginUser;
  SetBCValues(mech, j, NULL);
  PetscCall(SetConstants(mech, mech->dm, thermal, 0, 0));
  PetscCall(VecZeroEntries(u));
  if (mech->useAmg) {
    PetscCall(MfMechAmgSolve_Private(mech, thermal, u, &its));
    mech->itsTotal += its;
    mech->itsMax = PetscMax(mech->itsMax, its);
    PetscFunctionReturn(0);
  }
  PetscCall(SNESSolve(mech->snes, NULL, u));
  PetscCall(SNESGetKSP(mech->snes, &ksp));
  PetscCall(KSPGetIterationNumber(ksp, &its));
  PetscCall(KSPGetConvergedReason(ksp, &reason));
  PetscCheck(reason > 0, mech->comm, PETSC_ERR_NOT_CONVERGED, "Mechanics: linear solve did not converge (%s after %" PetscInt_FMT " iterations); the default direct solver is -mech_ksp_type preonly -mech_pc_type lu", KSPConvergedReasons[reason], its);
  if (its == 0) its = 1; /* a direct solve counts as one application */
  mech->itsTotal += its;
  mech->itsMax = PetscMax(mech->itsMax, its);
  PetscFunctionReturn(0);
}

/* Combination coefficients: imposed values, free ones from zero generalized end force */
static PetscErrorCode SolveCoefficients(MfMechanics mech)
{
  const PetscInt n = 2 * mech->nk;
  PetscBool      isfree[4];
  PetscReal      A[4][4], b[4];
  PetscInt       idx[4], nfree = 0;

  PetscFunctionBeginUser;
  for (PetscInt j = 0; j < n; ++j) {
    const PetscBool curv = (j % 2) ? PETSC_TRUE : PETSC_FALSE;
    mech->coef[j] = 0.0;
    switch (mech->support) {
    case MF_MECH_SUPPORT_FLAT: isfree[j] = curv ? PETSC_FALSE : PETSC_TRUE; break;
    case MF_MECH_SUPPORT_BENT:
      isfree[j] = curv ? PETSC_FALSE : PETSC_TRUE;
      if (j == 1) mech->coef[j] = mech->kappa;
      break;
    case MF_MECH_SUPPORT_FREE: isfree[j] = PETSC_TRUE; break;
    default: isfree[j] = PETSC_FALSE;
    }
    if (isfree[j]) idx[nfree++] = j;
  }
  for (PetscInt p = 0; p < nfree; ++p) {
    const PetscInt i = idx[p];
    b[p] = -mech->GT[i];
    for (PetscInt j = 0; j < n; ++j)
      if (!isfree[j]) b[p] -= mech->G[i][j] * mech->coef[j];
    for (PetscInt q = 0; q < nfree; ++q) A[p][q] = mech->G[i][idx[q]];
  }
  /* Gaussian elimination with partial pivoting; the matrix is an SPD stiffness (<= 4x4) */
  for (PetscInt p = 0; p < nfree; ++p) {
    PetscInt piv = p;
    for (PetscInt r = p + 1; r < nfree; ++r)
      if (PetscAbsReal(A[r][p]) > PetscAbsReal(A[piv][p])) piv = r;
    PetscCheck(A[piv][p] != 0.0, mech->comm, PETSC_ERR_MAT_LU_ZRPVT, "Mechanics: singular plate stiffness (a region with zero modulus?)");
    if (piv != p) {
      for (PetscInt q = 0; q < nfree; ++q) { PetscReal t = A[p][q]; A[p][q] = A[piv][q]; A[piv][q] = t; }
      { PetscReal t = b[p]; b[p] = b[piv]; b[piv] = t; }
    }
    for (PetscInt r = p + 1; r < nfree; ++r) {
      const PetscReal f = A[r][p] / A[p][p];
      for (PetscInt q = p; q < nfree; ++q) A[r][q] -= f * A[p][q];
      b[r] -= f * b[p];
    }
  }
  for (PetscInt p = nfree - 1; p >= 0; --p) {
    PetscReal s = b[p];
    for (PetscInt q = p + 1; q < nfree; ++q) s -= A[p][q] * mech->coef[idx[q]];
    mech->coef[idx[p]] = s / A[p][p];
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsSolve(MfMechanics mech)
{
  PetscInt n;

  PetscFunctionBeginUser;
  if (!mech->setup) PetscCall(MfMechanicsSetUp(mech));
  n = 2 * mech->nk; /* the number of in-plane directions is known only after SetUp */
  mech->itsTotal = 0;
  mech->itsMax   = 0;
  if (mech->matsDirty || mech->tempDirty) PetscCall(MfMechBuildAux_Private(mech));
  if (mech->matsDirty) {
    /* new operator: rebuild Jacobian and preconditioner once, then reuse them for every unit solve */
    PetscCall(SNESSetLagJacobian(mech->snes, -2));
    PetscCall(SNESSetLagPreconditioner(mech->snes, -2));
    mech->amgOpValid   = PETSC_FALSE;
    mech->basisValid   = PETSC_FALSE;
    mech->thermalValid = PETSC_FALSE;
  }
  if (mech->tempDirty) mech->thermalValid = PETSC_FALSE;
  mech->matsDirty = mech->tempDirty = PETSC_FALSE;

  if (!mech->basisValid) {
    if (mech->support != MF_MECH_SUPPORT_CLAMPED) {
      for (PetscInt j = 0; j < n; ++j) {
        PetscReal g[4];
        PetscCall(UnitSolve(mech, j, 0.0, mech->ub[j]));
        PetscCall(EndForces(mech, mech->ub[j], 0.0, g));
        for (PetscInt i = 0; i < n; ++i) mech->G[i][j] = g[i];
      }
    }
    mech->basisValid = PETSC_TRUE;
  }
  if (!mech->thermalValid) {
    if (mech->hasThermal) {
      PetscCall(UnitSolve(mech, -1, 1.0, mech->uT));
      PetscCall(EndForces(mech, mech->uT, 1.0, mech->GT));
    } else {
      PetscCall(VecZeroEntries(mech->uT));
      for (PetscInt i = 0; i < n; ++i) mech->GT[i] = 0.0;
    }
    mech->thermalValid = PETSC_TRUE;
  }
  PetscCall(SolveCoefficients(mech));
  PetscCall(VecCopy(mech->uT, mech->u));
  for (PetscInt j = 0; j < n && mech->support != MF_MECH_SUPPORT_CLAMPED; ++j) PetscCall(VecAXPY(mech->u, mech->coef[j], mech->ub[j]));
  SetBCValues(mech, -1, mech->coef);
  PetscCall(SetConstants(mech, mech->dm, 1.0, 0, 0));
  PetscCall(PetscInfo(mech->dm, "plate coefficients %g %g %g %g GT %g %g G00 %g G01 %g G11 %g\n", (double)mech->coef[0], (double)mech->coef[1], (double)mech->coef[2], (double)mech->coef[3], (double)mech->GT[0], (double)mech->GT[1], (double)mech->G[0][0], (double)mech->G[0][1], (double)mech->G[1][1]));
  PetscCall(MfMechComputeDerived_Private(mech));
  mech->solved = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetPlateState(MfMechanics mech, PetscReal stretch[2], PetscReal curvature[2], PetscReal *z_ref)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() first");
  for (PetscInt k = 0; k < 2; ++k) {
    if (stretch) stretch[k] = k < mech->nk ? mech->coef[2 * k] : 0.0;
    if (curvature) curvature[k] = k < mech->nk ? mech->coef[2 * k + 1] : 0.0;
  }
  if (z_ref) *z_ref = mech->zref;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetDisplacement(MfMechanics mech, Vec *u)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() first");
  *u = mech->u;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetDerivedFields(MfMechanics mech, Vec *derived)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() first");
  *derived = mech->derived;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetLinearIterations(MfMechanics mech, PetscInt *total, PetscInt *max_per_solve)
{
  PetscFunctionBeginUser;
  if (total) *total = mech->itsTotal;
  if (max_per_solve) *max_per_solve = mech->itsMax;
  PetscFunctionReturn(0);
}
