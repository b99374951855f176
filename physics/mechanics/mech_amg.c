/* Algebraic-multigrid path of the unit solves (issue 4, "Preconditioner for large problems").
 * Why a second system: the SNES/DM path eliminates the essential dofs (plane-section normal components, the
 * pin), so the global matrix has no uniform block size and neither nodal BoomerAMG nor a blocked rigid-body
 * near-null space for GAMG can be used. Here every displacement dof stays in the system (dmFull: same mesh,
 * FE and local layout as mech->dm, no essential BCs, block size = dim), the constraints u_c = g are imposed by
 *   K u = f,  u = x0 + d,  x0 = g on constrained dofs (0 elsewhere),  K' d = -(K x0 - f) on free rows,
 * with K' = K after MatZeroRowsColumns (constrained rows/columns replaced by a scaled identity: symmetric,
 * SPD, layout kept). The rigid-body modes of the node coordinates are the near-null space (MatSetNearNullSpace)
 * and the node coordinates go to PCSetCoordinates. Result then copied into the constrained DM's global Vec, so
 * the rest of the module (end forces, superposition, outputs) is unchanged. */
#include "mech_impl.h"

static PetscErrorCode CoordField(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  for (PetscInt i = 0; i < Nc; ++i) u[i] = x[i];
  return 0;
}

/* Owned constrained dofs of mech->dm as global rows of dmFull (both have the same point SF and local layout) */
static PetscErrorCode ConstrainedRows(MfMechanics mech)
{
  PetscSection s, gs;
  PetscInt     pStart, pEnd, n = 0;

  PetscFunctionBeginUser;
  PetscCall(DMGetLocalSection(mech->dm, &s));
  PetscCall(DMGetGlobalSection(mech->dmFull, &gs));
  PetscCall(PetscSectionGetChart(s, &pStart, &pEnd));
  for (PetscInt pass = 0; pass < 2; ++pass) {
    n = 0;
    for (PetscInt p = pStart; p < pEnd; ++p) {
      PetscInt        cdof, goff;
      const PetscInt *cind;
      PetscCall(PetscSectionGetConstraintDof(s, p, &cdof));
      if (!cdof) continue;
      PetscCall(PetscSectionGetOffset(gs, p, &goff));
      if (goff < 0) continue; /* ghost point: its owner lists it */
      PetscCall(PetscSectionGetConstraintIndices(s, p, &cind));
      for (PetscInt i = 0; i < cdof; ++i) {
        if (pass) mech->cons[n] = goff + cind[i];
        ++n;
      }
    }
    if (!pass) PetscCall(PetscMalloc1(n, &mech->cons));
  }
  mech->nCons = n;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechAmgCreate_Private(MfMechanics mech, PetscFE fe)
{
  PC        pc;
  PetscBool hasThr;

  PetscFunctionBeginUser;
  PetscCall(PetscObjectSetName((PetscObject)mech->dmFull, "mechanics_full"));
  PetscCall(DMSetField(mech->dmFull, 0, NULL, (PetscObject)fe));
  PetscCall(DMCreateDS(mech->dmFull));
  PetscCall(DMSetMatType(mech->dmFull, MATAIJ));
  PetscCall(DMCreateMatrix(mech->dmFull, &mech->Kfull));
  PetscCall(MatSetBlockSize(mech->Kfull, mech->dim));
  PetscCall(MatSetOption(mech->Kfull, MAT_SPD, PETSC_TRUE));
  PetscCall(DMCreateGlobalVector(mech->dmFull, &mech->xFull));
  PetscCall(VecDuplicate(mech->xFull, &mech->bFull));
  PetscCall(VecDuplicate(mech->xFull, &mech->dFull));
  PetscCall(ConstrainedRows(mech));
  /* Defaults: CG + scalar (unknown-based) BoomerAMG, strong threshold 0.7 (hypre's recommendation for 2D/3D
   * elasticity-like problems). Measured on the benchmark stacks (docs/mechanics.md): 20/20/23/28 iterations for
   * 479..28 927 dofs (2D), 27/28 (3D); GAMG (thresholds 0..0.05, SA 1 smooth, Chebyshev/Jacobi), ML and nodal
   * BoomerAMG (nodal_coarsen 6, vec_interp_variant 2) all grew ~2x (GAMG, ML) or ~1.3x (nodal) per refinement.
   * Everything can be overridden with -mech_amg_ksp_* / -mech_amg_pc_*. */
  PetscCall(KSPCreate(mech->comm, &mech->kspAmg));
  PetscCall(KSPSetOptionsPrefix(mech->kspAmg, "mech_amg_"));
  PetscCall(KSPSetType(mech->kspAmg, KSPCG));
  PetscCall(KSPSetTolerances(mech->kspAmg, 1e-10, 1e-50, PETSC_DEFAULT, 5000)); /* as the LU path's iterative option */
  PetscCall(KSPGetPC(mech->kspAmg, &pc));
  PetscCall(PCSetType(pc, PCHYPRE));
  PetscCall(PCHYPRESetType(pc, "boomeramg"));
  PetscCall(PetscOptionsHasName(NULL, "mech_amg_", "-pc_hypre_boomeramg_strong_threshold", &hasThr));
  if (!hasThr) PetscCall(PetscOptionsSetValue(NULL, "-mech_amg_pc_hypre_boomeramg_strong_threshold", "0.7"));
  PetscCall(KSPSetFromOptions(mech->kspAmg));
  mech->amgOpValid = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechAmgDestroy_Private(MfMechanics mech)
{
  PetscFunctionBeginUser;
  PetscCall(KSPDestroy(&mech->kspAmg));
  PetscCall(MatDestroy(&mech->Kfull));
  PetscCall(VecDestroy(&mech->xFull));
  PetscCall(VecDestroy(&mech->bFull));
  PetscCall(VecDestroy(&mech->dFull));
  PetscCall(PetscFree(mech->cons));
  PetscCall(DMDestroy(&mech->dmFull));
  PetscFunctionReturn(0);
}

/* Assemble K once per material set, impose the constraints, attach near-null space and coordinates */
static PetscErrorCode AmgOperator(MfMechanics mech)
{
  Vec                diag, xc;
  PetscReal          dsum;
  PetscInt           N, nloc;
  MatNullSpace       nsp;
  PC                 pc;
  PetscReal         *xyz;
  const PetscScalar *ca;
  PetscErrorCode (*fn[1])(PetscInt, PetscReal, const PetscReal[], PetscInt, PetscScalar *, void *) = {CoordField};

  PetscFunctionBeginUser;
  PetscCall(MfMechAssembleStiffnessOn_Private(mech, mech->dmFull, mech->Kfull));
  /* identity rows scaled to the mean diagonal: keeps the spectrum of K' (Jacobi/Chebyshev) and the AMG
   * strength graph independent of the constrained rows */
  PetscCall(MatCreateVecs(mech->Kfull, &diag, NULL));
  PetscCall(MatGetDiagonal(mech->Kfull, diag));
  PetscCall(VecSum(diag, &dsum));
  PetscCall(VecGetSize(diag, &N));
  PetscCall(VecDestroy(&diag));
  PetscCall(MatZeroRowsColumns(mech->Kfull, mech->nCons, mech->cons, dsum / (PetscReal)N, NULL, NULL));
  PetscCall(DMPlexCreateRigidBody(mech->dmFull, 0, &nsp));
  PetscCall(MatSetNearNullSpace(mech->Kfull, nsp));
  PetscCall(MatNullSpaceDestroy(&nsp));
  PetscCall(KSPSetOperators(mech->kspAmg, mech->Kfull, mech->Kfull));
  /* node coordinates in the dof layout (interlaced x,y[,z] per node) for PCs that use them (hypre, GAMG w/o nns) */
  PetscCall(DMCreateGlobalVector(mech->dmFull, &xc));
  PetscCall(DMProjectFunction(mech->dmFull, 0.0, fn, NULL, INSERT_ALL_VALUES, xc));
  PetscCall(VecGetLocalSize(xc, &nloc));
  PetscCall(PetscMalloc1(nloc, &xyz));
  PetscCall(VecGetArrayRead(xc, &ca));
  for (PetscInt i = 0; i < nloc; ++i) xyz[i] = PetscRealPart(ca[i]);
  PetscCall(VecRestoreArrayRead(xc, &ca));
  PetscCall(KSPGetPC(mech->kspAmg, &pc));
  PetscCall(PCSetCoordinates(pc, mech->dim, nloc / mech->dim, xyz));
  PetscCall(PetscFree(xyz));
  PetscCall(VecDestroy(&xc));
  PetscCall(KSPSetUp(mech->kspAmg));
  mech->amgOpValid = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* One unit solve with the boundary values and thermal switch currently set (SetBCValues/SetConstants);
 * u: global Vec of the constrained DM mech->dm */
PetscErrorCode MfMechAmgSolve_Private(MfMechanics mech, PetscReal thermal, Vec u, PetscInt *its)
{
  Vec                x0, F;
  PetscScalar       *b;
  PetscInt           rStart;
  KSPConvergedReason reason;

  PetscFunctionBeginUser;
  if (!mech->amgOpValid) PetscCall(AmgOperator(mech));
  PetscCall(DMGetLocalVector(mech->dm, &x0));
  PetscCall(DMGetLocalVector(mech->dm, &F));
  PetscCall(VecZeroEntries(x0));
  PetscCall(DMPlexInsertBoundaryValues(mech->dm, PETSC_TRUE, x0, 0.0, NULL, NULL, NULL));
  PetscCall(VecZeroEntries(F));
  PetscCall(MfMechCellLoop_Private(mech, x0, thermal, F, NULL)); /* F = K x0 - f (thermal load in f) */
  PetscCall(VecZeroEntries(mech->bFull));
  PetscCall(DMLocalToGlobal(mech->dmFull, F, ADD_VALUES, mech->bFull));
  PetscCall(VecScale(mech->bFull, -1.0));
  PetscCall(VecGetOwnershipRange(mech->bFull, &rStart, NULL));
  PetscCall(VecGetArray(mech->bFull, &b));
  for (PetscInt i = 0; i < mech->nCons; ++i) b[mech->cons[i] - rStart] = 0.0; /* d = 0 on constrained dofs */
  PetscCall(VecRestoreArray(mech->bFull, &b));
  PetscCall(VecZeroEntries(mech->dFull));
  PetscCall(KSPSolve(mech->kspAmg, mech->bFull, mech->dFull));
  PetscCall(KSPGetIterationNumber(mech->kspAmg, its));
  PetscCall(KSPGetConvergedReason(mech->kspAmg, &reason));
  PetscCheck(reason > 0, mech->comm, PETSC_ERR_NOT_CONVERGED, "Mechanics: AMG linear solve did not converge (%s after %" PetscInt_FMT " iterations); use the direct solver -mech_solver lu", KSPConvergedReasons[reason], *its);
  /* u = x0 + d, restricted to the unconstrained dofs of mech->dm */
  PetscCall(DMGlobalToLocal(mech->dmFull, mech->dFull, INSERT_VALUES, F));
  PetscCall(VecAXPY(F, 1.0, x0));
  PetscCall(DMLocalToGlobal(mech->dm, F, INSERT_VALUES, u));
  PetscCall(DMRestoreLocalVector(mech->dm, &F));
  PetscCall(DMRestoreLocalVector(mech->dm, &x0));
  PetscFunctionReturn(0);
}
