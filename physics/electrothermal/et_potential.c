/* The potential of a changed state at frozen temperature: the consistent start of a transient step.
 *
 * Why: current continuity has no time derivative (quasi-static), so the potential at the start of a time step
 * is not history but the solution of div(sigma(T, E) grad phi) = 0 for the conductivities of the present state
 * at the temperature the step starts from. After a KMC event (a site turning metallic changes its cell's sigma
 * by ~1e6) or a bias change the potential of the last step is not that solution: under it, a cell that just
 * turned metallic dissipates ~1e6 times the device power, and the coupled Newton of the time step, whose heat
 * rows see this, does not converge from there even with sub-steps of 1e-13 s (measured: Table 1 PEI deck,
 * RESET under thermal runaway, 1024 sub-steps). It also spoils the BDF error estimate (phi jumps between
 * steps). Solved here: Newton on the phi rows only, dF_phi/dphi d = F_phi (the Jacobian block of the coupled
 * steady problem; sigma may depend on the field), T unchanged, backtracking on |F_phi|_2 (Armijo, halving),
 * converged when the scaled full correction |d|_inf / V_scale <= -et_newton_step_rtol (the test of the
 * coupled solves, et_solve.c); without a field-dependent law F_phi is linear in phi and the first full step is
 * the solution. Linear solver: -et_phi_ options, default LU (MUMPS in parallel and 3D). Also the consistent
 * reference of the steady solves after a state change and their start from zero bias (et_solve.c). */
#include "et_impl.h"

static PetscErrorCode EtPhiKSP(MfElectroThermal et, KSP *ksp)
{
  PetscFunctionBeginUser;
  if (!et->kspPhi) {
    PetscCall(KSPCreate(et->comm, &et->kspPhi));
    PetscCall(KSPSetOptionsPrefix(et->kspPhi, "et_phi_"));
    PetscCall(MfEtSetDefaultLU(et->kspPhi, et->dim));
    PetscCall(KSPSetFromOptions(et->kspPhi));
  }
  *ksp = et->kspPhi;
  PetscFunctionReturn(0);
}

/* |F_phi|_2 of the steady residual at u (boundary values of et->V_device). */
static PetscErrorCode EtPhiResidual(MfElectroThermal et, Vec u, Vec F, PetscReal *fnorm)
{
  Vec Fp;

  PetscFunctionBeginUser;
  PetscCall(SNESComputeFunction(et->snes, u, F));
  PetscCall(VecGetSubVector(F, et->isPhi, &Fp));
  PetscCall(VecNorm(Fp, NORM_2, fnorm));
  PetscCall(VecRestoreSubVector(F, et->isPhi, &Fp));
  PetscFunctionReturn(0);
}

/* Whether sigma depends on the field in any cell (the hopping law, ET_A_HOP > 0): otherwise F_phi is linear in
 * phi at frozen T and one exact solve is the answer. */
static PetscErrorCode EtPhiIsLinear(MfElectroThermal et, PetscBool *linear)
{
  const PetscScalar *a;
  PetscInt           cStart, cEnd;
  PetscBool          lin = PETSC_TRUE;

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(et->aux, &a));
  for (PetscInt c = cStart; c < cEnd && lin; ++c) {
    const PetscScalar *rec;
    PetscCall(DMPlexPointLocalRead(et->dmAux, c, a, &rec));
    if (PetscRealPart(rec[ET_A_HOP]) > 0.0) lin = PETSC_FALSE;
  }
  PetscCall(VecRestoreArrayRead(et->aux, &a));
  PetscCall(MPIU_Allreduce(&lin, linear, 1, MPIU_BOOL, MPI_LAND, et->comm));
  PetscFunctionReturn(0);
}

PetscErrorCode MfEtSolvePotential(MfElectroThermal et, PetscReal V, Vec u, PetscBool *ok)
{
  const PetscInt maxit = 25;
  PetscReal      Vs, Ts, fnorm;
  Vec            F, Fp, d, up, save;
  Mat            J, P;
  KSP            ksp = NULL;
  PetscBool      linear;
  PetscErrorCode (*jac)(SNES, Vec, Mat, Mat, void *);
  void *jctx;

  PetscFunctionBeginUser;
  *ok          = PETSC_FALSE;
  et->V_device = V;
  PetscCall(EtPhiIsLinear(et, &linear));
  MfEtStepScales(et, &Vs, &Ts);
  PetscCall(EtPhiKSP(et, &ksp));
  PetscCall(SNESSetUp(et->snes)); /* its matrices, before any steady solve (a transient-only run) */
  PetscCall(SNESGetFunction(et->snes, &F, NULL, NULL));
  PetscCall(SNESGetJacobian(et->snes, &J, &P, NULL, NULL));
  /* the DM's Jacobian routine itself: SNESComputeJacobian would advance the steady solver's lagged-factorisation
   * state (-et_pc_reuse) without that solver's KSP ever seeing this matrix */
  PetscCall(DMSNESGetJacobian(et->dm, &jac, &jctx));
  PetscCall(VecGetSubVector(u, et->isPhi, &up));
  PetscCall(VecDuplicate(up, &d));
  PetscCall(VecDuplicate(up, &save));
  PetscCall(VecCopy(up, save));
  PetscCall(VecRestoreSubVector(u, et->isPhi, &up));
  PetscCall(EtPhiResidual(et, u, F, &fnorm));
  for (PetscInt it = 0; it < maxit && !*ok; ++it) {
    PetscReal lambda = 1.0, fnew = fnorm, dmax;
    PetscCall((*jac)(et->snes, u, J, P, jctx));
    PetscCall(MatCreateSubMatrix(P, et->isPhi, et->isPhi, et->Jphi ? MAT_REUSE_MATRIX : MAT_INITIAL_MATRIX, &et->Jphi));
    PetscCall(KSPSetOperators(ksp, et->Jphi, et->Jphi));
    PetscCall(VecGetSubVector(F, et->isPhi, &Fp));
    PetscCall(KSPSolve(ksp, Fp, d));
    PetscCall(VecRestoreSubVector(F, et->isPhi, &Fp));
    {
      KSPConvergedReason kr;
      PetscCall(KSPGetConvergedReason(ksp, &kr));
      if (kr < 0) break;
    }
    PetscCall(VecNorm(d, NORM_INFINITY, &dmax));
    if (dmax <= et->step_rtol * Vs) *ok = PETSC_TRUE; /* the remaining error is below the coupled solves' test */
    for (;;) {
      PetscCall(VecGetSubVector(u, et->isPhi, &up));
      PetscCall(VecAXPY(up, -lambda, d));
      PetscCall(VecRestoreSubVector(u, et->isPhi, &up));
      PetscCall(EtPhiResidual(et, u, F, &fnew));
      if (linear && lambda == 1.0) *ok = PETSC_TRUE; /* the exact solve of a linear problem */
      if (*ok || fnew <= (1.0 - 1e-4 * lambda) * fnorm || lambda < 1e-3) break;
      PetscCall(VecGetSubVector(u, et->isPhi, &up));
      PetscCall(VecAXPY(up, lambda, d)); /* undo, halve */
      PetscCall(VecRestoreSubVector(u, et->isPhi, &up));
      lambda *= 0.5;
    }
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] potential at frozen T, V_dev = %.6g V: it %" PetscInt_FMT " |F_phi| %.3e -> %.3e, |dphi| %.3e V, lambda %g\n", (double)V, it, (double)fnorm, (double)fnew, (double)dmax, (double)lambda));
    if (!*ok && !(fnew < fnorm)) break; /* no descent even at lambda 1e-3: give up */
    fnorm = fnew;
  }
  if (!*ok) { /* keep the old potential: the time step then starts from it as before */
    PetscCall(VecGetSubVector(u, et->isPhi, &up));
    PetscCall(VecCopy(save, up));
    PetscCall(VecRestoreSubVector(u, et->isPhi, &up));
  }
  PetscCall(VecDestroy(&d));
  PetscCall(VecDestroy(&save));
  PetscFunctionReturn(0);
}
