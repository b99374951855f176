/* Nonlinear solves: steady Newton with load stepping, implicit time steps, and the source circuit.
 *
 * Circuit (documented choice): an outer scalar root-find on the device voltage V_dev, each function
 * evaluation being a fully coupled Newton solve of the device at V_dev (warm-started).
 *   voltage mode    V + R_s I(V) = V_s                    (series resistance)
 *   compliance mode I(V) = I_cc                           (the source switches to current limiting when
 *                                                          the voltage-mode current exceeds I_cc)
 * For a passive device sign(I) = sign(V), so 0 < |V_dev| <= |V_s| brackets the root (see MfEtCircuitG). */
#include "et_impl.h"

/* Scaled Newton convergence. The SNES defaults (rtol 1e-10 of the initial residual, stol 1e-12 of |u|_2)
 * measure a residual that mixes current-continuity rows (A) and heat rows (W) of device stacks whose
 * conductivities span 1e9-1e17 (filament, electrolyte, metal, insulator floor): the round-off of a metal
 * row, ~eps sigma_metal V h^(d-2), is the noise floor of the whole norm, so a warm-started solve whose
 * initial residual is already near that floor (a small bias or KMC-state change) cannot reduce it by 1e-10;
 * Newton stalls, the line search fails and load stepping takes over. What matters physically is the error
 * of phi and T, which the Newton correction J^-1 F estimates (its size is the distance to the solution to
 * first order, independent of how rows are scaled). Hence two extra tests with -et_newton_step_rtol r:
 *   converged when the error estimate of the iterate, in max norms scaled by V_scale = max(|V_dev|, kB T_ambient/q)
 *   for phi and by T_ambient for T, is <= r: the full Newton step e_k just taken (a damped step rescaled by
 *   1/lambda), or theta e_k with the contraction theta = e_k/e_(k-1) <= 1/2 of two full steps (Deuflhard,
 *   Newton Methods for Nonlinear Problems, Springer 2004, sec. 2.1: the next correction is ~theta e_k);
 *   a line-search failure is accepted when the Newton correction at the final state is <= -et_newton_floor_rtol
 *   (1e-6: 1 uV at 1 V, 3e-4 K) of the same scales: the residual is round-off there, and near thermal runaway
 *   the round-off of a strongly Joule-coupled state leaves corrections of 1e-8 relative that no line search
 *   removes (measured: Table 1 PEI deck under compliance); a stagnation away from a root has a large
 *   correction (measured 1e-3 V / 374 K) and is still rejected.
 * Newton converges quadratically, so after such a step the error is far below r V_scale. */
void MfEtStepScales(MfElectroThermal et, PetscReal *Vs, PetscReal *Ts)
{
  *Vs = PetscMax(PetscAbsReal(et->V_device), MF_KB_J_PER_K * et->T_ambient / MF_E_C);
  *Ts = et->T_ambient;
}

PetscErrorCode MfEtSplitMaxNorms(MfElectroThermal et, Vec d, PetscReal *dphi, PetscReal *dT)
{
  Vec sub;

  PetscFunctionBeginUser;
  PetscCall(VecGetSubVector(d, et->isPhi, &sub));
  PetscCall(VecNorm(sub, NORM_INFINITY, dphi));
  PetscCall(VecRestoreSubVector(d, et->isPhi, &sub));
  PetscCall(VecGetSubVector(d, et->isT, &sub));
  PetscCall(VecNorm(sub, NORM_INFINITY, dT));
  PetscCall(VecRestoreSubVector(d, et->isT, &sub));
  PetscFunctionReturn(0);
}

PetscErrorCode MfEtSNESConverged(SNES snes, PetscInt it, PetscReal xnorm, PetscReal snorm, PetscReal fnorm, SNESConvergedReason *reason, void *ctx)
{
  MfElectroThermal et = (MfElectroThermal)ctx;
  Vec              x;
  /* the runaway stop serves the steady solve, whose failures go to load stepping or the circuit; a transient
   * step's Newton may pass through hot iterates and has only sub-stepping. A stagnation ends both (below). */
  const PetscBool steady  = (PetscBool)(snes == et->snes);
  PetscBool       stalled = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(SNESConvergedDefault(snes, it, xnorm, snorm, fnorm, reason, NULL));
  PetscCall(SNESGetSolution(snes, &x));
  if (it == 0) {
    et->step_prev  = -1.0;
    et->fnorm_prev = fnorm;
    et->stalls     = 0;
  }
  if (*reason == SNES_CONVERGED_ITERATING && it > 0) {
    /* stagnation: the line search took only steps that reduce |F| by < 1 % three times in a row (measured on
     * runaway states: lambda 1e-7 .. 1e-10, |F| 1034 -> 1029.5017 -> ...). Steady: reported as a line-search
     * failure, so that EtNewton still accepts a state stalled at round-off (Newton correction test) and rejects
     * the rest without the remaining iterations. Transient: the same acceptance is made here (below), as a TS
     * has no hook after a failed solve; its SNES continues after a failed line search
     * (SNESSetMaxNonlinearStepFailures, MfEtSetupTS) so that this test sees it */
    SNESLineSearch       ls;
    SNESLineSearchReason lsr;
    et->stalls     = fnorm > 0.99 * et->fnorm_prev ? et->stalls + 1 : 0;
    et->fnorm_prev = fnorm;
    PetscCall(SNESGetLineSearch(snes, &ls));
    PetscCall(SNESLineSearchGetReason(ls, &lsr));
    stalled = (PetscBool)(et->stalls >= 3 || lsr != SNES_LINESEARCH_SUCCEEDED);
    if (stalled && steady) *reason = SNES_DIVERGED_LINE_SEARCH;
  }
  if (steady && *reason == SNES_CONVERGED_ITERATING && it > 0 && et->T_abort > 0.0) {
    /* an iterate hotter than any solid (-et_newton_T_abort) is on its way into thermal runaway: stop here
     * instead of spending the remaining iterations and line searches on it (the caller cuts the load step or,
     * in the circuit, looks for the operating point below or on the current-controlled branch) */
    Vec       T;
    PetscReal Tmax;
    PetscCall(VecGetSubVector(x, et->isT, &T));
    PetscCall(VecMax(T, NULL, &Tmax));
    PetscCall(VecRestoreSubVector(x, et->isT, &T));
    if (!(Tmax <= et->T_abort)) {
      *reason = SNES_DIVERGED_FUNCTION_DOMAIN;
      PetscCall(PetscInfo(snes, "Newton iterate reaches T = %g K > -et_newton_T_abort %g K: runaway\n", (double)Tmax, (double)et->T_abort));
    }
  }
  if (*reason == SNES_CONVERGED_ITERATING && it > 0 && et->step_rtol > 0.0) {
    SNESLineSearch ls;
    PetscReal      lambda, dphi, dT, Vs, Ts, e, theta;
    PetscCall(SNESGetLineSearch(snes, &ls));
    PetscCall(SNESLineSearchGetLambda(ls, &lambda));
    PetscCall(VecAYPX(et->uIter, -1.0, x)); /* the step just taken */
    PetscCall(MfEtSplitMaxNorms(et, et->uIter, &dphi, &dT));
    MfEtStepScales(et, &Vs, &Ts);
    e     = lambda > 0.0 ? PetscMax(dphi / Vs, dT / Ts) / lambda : PETSC_MAX_REAL; /* scaled full Newton step */
    theta = (lambda == 1.0 && et->step_prev > 0.0) ? e / et->step_prev : 1.0;       /* contraction of full steps */
    if (stalled) {
      /* transient stall: accepted at the round-off floor of the Newton correction (the last full step, from the
       * iterate before), like a stalled steady solve in EtNewton (measured: Table 1 PEI RESET runaway, 1500 K,
       * |F| stalls at ~1e-4 with corrections of ~1e-9 relative, under MUMPS as under PETSc's LU) */
      *reason = e <= et->floor_rtol ? SNES_CONVERGED_SNORM_RELATIVE : SNES_DIVERGED_LINE_SEARCH;
      PetscCall(PetscInfo(snes, "transient Newton stalled (|F| %g): full correction %g of the scales: %s\n", (double)fnorm, (double)e, e <= et->floor_rtol ? "accepted at round-off" : "failed"));
    } else if (e <= et->step_rtol || (theta <= 0.5 && theta * e <= et->step_rtol)) {
      *reason = SNES_CONVERGED_SNORM_RELATIVE;
      PetscCall(PetscInfo(snes, "Newton step |dphi| = %g V, |dT| = %g K (lambda %g, contraction %g): error estimate below %g of %g V, %g K\n", (double)dphi, (double)dT, (double)lambda, (double)theta, (double)et->step_rtol, (double)Vs, (double)Ts));
    }
    et->step_prev = lambda == 1.0 ? e : -1.0;
  }
  PetscCall(VecCopy(x, et->uIter));
  PetscFunctionReturn(0);
}

/* Newton correction J(u)^-1 F(u) at the present state, max norms of its phi and T parts. */
static PetscErrorCode EtNewtonCorrection(MfElectroThermal et, PetscReal *dphi, PetscReal *dT)
{
  Vec F;
  Mat J, P;
  KSP ksp;

  PetscFunctionBeginUser;
  PetscCall(SNESGetFunction(et->snes, &F, NULL, NULL));
  PetscCall(SNESComputeFunction(et->snes, et->u, F));
  PetscCall(SNESGetJacobian(et->snes, &J, &P, NULL, NULL));
  PetscCall(SNESComputeJacobian(et->snes, et->u, J, P));
  PetscCall(SNESGetKSP(et->snes, &ksp));
  PetscCall(KSPSetOperators(ksp, J, P));
  PetscCall(KSPSolve(ksp, F, et->uIter));
  PetscCall(MfEtSplitMaxNorms(et, et->uIter, dphi, dT));
  PetscFunctionReturn(0);
}

/* One steady Newton solve at V_dev from the current contents of et->u. With factorisation reuse
 * (-et_pc_reuse, et_object.c) a solve whose GMRES did not converge within -et_pc_reuse_max_its is repeated from
 * the same start with a fresh factorisation at every Newton step (plain Newton), and one that needed more than
 * half of them on average renews the factorisation for the next Newton step. */
static PetscErrorCode EtNewton(MfElectroThermal et, PetscReal V, PetscBool *ok)
{
  SNESConvergedReason reason;
  PetscInt            its, lits;

  PetscFunctionBeginUser;
  et->V_device = V;
  if (et->pcReuse) {
    PetscCall(VecCopy(et->u, et->uTry));
    /* a cell conductivity that changed by more than a factor 2 (a KMC site turned metallic, a new material)
     * is a perturbation GMRES resolves only in about as many iterations as the change has rank: refactor */
    PetscReal jump;
    PetscCall(MPIU_Allreduce(&et->coefJump, &jump, 1, MPIU_REAL, MPIU_MAX, et->comm)); /* the cells are rank-local */
    if (jump > PetscLogReal(2.0)) PetscCall(SNESSetLagPreconditioner(et->snes, -2));
    et->coefJump = 0.0;
  }
  PetscCall(SNESSolve(et->snes, NULL, et->u));
  PetscCall(SNESGetConvergedReason(et->snes, &reason));
  PetscCall(SNESGetIterationNumber(et->snes, &its));
  PetscCall(SNESGetLinearSolveIterations(et->snes, &lits));
  if (et->pcReuse && reason == SNES_DIVERGED_LINEAR_SOLVE) {
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] GMRES with the reused factorisation did not converge at V_dev = %.6g V: refactoring\n", (double)V));
    et->res.newton_its += its;
    et->res.linear_its += lits;
    PetscCall(SNESSetLagPreconditioner(et->snes, 1)); /* this solve: a fresh factorisation at every step */
    PetscCall(VecCopy(et->uTry, et->u));
    PetscCall(SNESSolve(et->snes, NULL, et->u));
    PetscCall(SNESGetConvergedReason(et->snes, &reason));
    PetscCall(SNESGetIterationNumber(et->snes, &its));
    PetscCall(SNESGetLinearSolveIterations(et->snes, &lits));
    PetscCall(SNESSetLagPreconditioner(et->snes, -1)); /* then keep the last factors */
  }
  if (et->pcReuse && its > 0 && 2 * lits > its * et->pcReuseMaxIts) PetscCall(SNESSetLagPreconditioner(et->snes, -2));
  et->res.newton_its += its;
  et->res.linear_its += lits;
  *ok = reason > 0 ? PETSC_TRUE : PETSC_FALSE;
  if (!*ok && et->step_rtol > 0.0 && (reason == SNES_DIVERGED_LINE_SEARCH || reason == SNES_DIVERGED_LOCAL_MIN || reason == SNES_DIVERGED_MAX_IT)) {
    PetscReal dphi, dT, Vs, Ts;
    PetscCall(EtNewtonCorrection(et, &dphi, &dT));
    MfEtStepScales(et, &Vs, &Ts);
    if (dphi <= et->floor_rtol * Vs && dT <= et->floor_rtol * Ts) *ok = PETSC_TRUE;
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] %s at V_dev = %.6g V: Newton correction |dphi| = %.3g V, |dT| = %.3g K: %s\n", SNESConvergedReasons[reason], (double)V, (double)dphi, (double)dT, *ok ? "converged to round-off" : "not converged"));
  }
  if (*ok) { /* a converged state must be physical: T > 0 everywhere */
    PetscReal Tmin;
    PetscCall(MfEtFieldRange(et, 1, &Tmin, NULL));
    if (Tmin <= 0.0) *ok = PETSC_FALSE;
  }
  if (!*ok && et->pcReuse) PetscCall(SNESSetLagPreconditioner(et->snes, -2)); /* a failed state may leave stale factors */
  if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] Newton at V_dev = %.6g V: %s after %" PetscInt_FMT " its (%" PetscInt_FMT " linear)\n", (double)V, SNESConvergedReasons[reason], its, lits));
  PetscFunctionReturn(0);
}

/* Predictor for a bias change V0 -> V: phi scaled by V/V0 (exact for ohmic conduction at frozen T).
 * From an unbiased state (V0 = 0) the potential at V for the zero-bias temperature (et_potential.c). Not a
 * coupled Newton from phi = 0: with the contact at V and phi = 0 inside, the first cell layer of the contact
 * metal carries the whole bias, and the linearised Joule heat of that iterate, sigma (2 grad phi0 . grad phi1 -
 * |grad phi0|^2), is a heat sink of ~1e19 W/m^3 that sends T below 0 K (measured: the 1e-3 V pilot that was
 * here failed its line search on the 2D and 3D PEI cells, and load stepping took over).
 * To V = 0 the prediction is exact for phi (phi = 0: no current, no Joule heat) and for T when every
 * thermal condition refers to the ambient (T = T_ambient); otherwise Newton solves a source-free heat
 * problem from it. Why not keep the biased state: with the top contact reset to 0 V the old potential
 * leaves the whole bias across the first cell layer of the top metal (E ~ V/h ~ 1e8 V/m, Joule density
 * ~1e23 W/m^3), from which Newton runs into thermal runaway (T ~ 1e4 K) and load stepping takes over. */
static PetscErrorCode EtPredict(MfElectroThermal et, PetscReal V0, PetscReal V, PetscBool *ok)
{
  Vec phi;

  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  if (V == V0) PetscFunctionReturn(0);
  if (V == 0.0) {
    Vec T;
    PetscCall(VecGetSubVector(et->u, et->isPhi, &phi));
    PetscCall(VecSet(phi, 0.0));
    PetscCall(VecRestoreSubVector(et->u, et->isPhi, &phi));
    PetscCall(VecGetSubVector(et->u, et->isT, &T));
    PetscCall(VecSet(T, et->T_ambient));
    PetscCall(VecRestoreSubVector(et->u, et->isT, &T));
    PetscFunctionReturn(0);
  }
  if (et->havePrev && et->V_prev != V0 && PetscAbsReal(V - V0) <= 2.0 * PetscAbsReal(V0 - et->V_prev)) {
    /* secant predictor through the last two converged states (phi and T), exact to first order along
     * the solution branch; used only for steps up to twice the last one */
    PetscCall(VecAXPBY(et->u, -(V - V0) / (V0 - et->V_prev), 1.0 + (V - V0) / (V0 - et->V_prev), et->uPrev));
    PetscFunctionReturn(0);
  }
  if (V0 == 0.0) { /* no potential to scale: the potential at V for the zero-bias temperature */
    PetscCall(MfEtSolvePotential(et, V, et->u, ok));
    PetscFunctionReturn(0);
  }
  PetscCall(VecGetSubVector(et->u, et->isPhi, &phi));
  PetscCall(VecScale(phi, V / V0));
  PetscCall(VecRestoreSubVector(et->u, et->isPhi, &phi));
  PetscFunctionReturn(0);
}

/* Record a converged steady state (et->u at V) as the new reference; the old one becomes uPrev. */
PetscErrorCode MfEtAccept(MfElectroThermal et, PetscReal V)
{
  PetscFunctionBeginUser;
  if (V != et->V_converged) {
    PetscCall(VecCopy(et->uSave, et->uPrev));
    et->V_prev   = et->V_converged;
    et->havePrev = PETSC_TRUE;
  }
  PetscCall(VecCopy(et->u, et->uSave));
  et->V_converged = V;
  PetscFunctionReturn(0);
}

/* Steady state at V_target, starting from the last converged state (uSave at V_converged). A failed
 * solve is retried by load stepping from the last converged bias: the increment is halved after a
 * failure and grown by 1.5 after a success; after max_cuts consecutive failures the solve is reported
 * as an error, or, if solved != NULL, as *solved = PETSC_FALSE with et->u reset to the last converged state
 * (the circuit root find then looks below V_target). */
static PetscErrorCode EtSteadyAt(MfElectroThermal et, PetscReal V_target, PetscBool *solved)
{
  PetscBool       ok;
  PetscReal       V0 = et->V_converged, dV;
  PetscInt        cuts = 0, fails = 0;
  const PetscReal Vs   = PetscMax(PetscAbsReal(V_target), MF_KB_J_PER_K * et->T_ambient / MF_E_C);

  PetscFunctionBeginUser;
  if (solved) *solved = PETSC_TRUE;
  PetscCall(VecCopy(et->uSave, et->u));
  PetscCall(EtPredict(et, V0, V_target, &ok));
  if (ok) PetscCall(EtNewton(et, V_target, &ok));
  et->res.load_steps = 1;
  if (!ok && PetscAbsReal(V_target - V0) <= 1e-6 * Vs) {
    /* a changed state (KMC) at an unchanged bias: no load path from the last state, so step up from zero
     * bias, where the solution of any state is known (EtPredict) */
    PetscCall(EtPredict(et, V0, 0.0, &ok));
    if (ok) PetscCall(EtNewton(et, 0.0, &ok));
    if (!ok && solved) {
      *solved = PETSC_FALSE;
      PetscCall(VecCopy(et->uSave, et->u));
      PetscFunctionReturn(0);
    }
    PetscCheck(ok, et->comm, PETSC_ERR_NOT_CONVERGED, "electro-thermal Newton solve did not converge at V_device = 0 V after a state change at V_device = %g V", (double)V_target);
    PetscCall(MfEtAccept(et, 0.0));
    V0 = 0.0;
    ok = PETSC_FALSE; /* load stepping 0 -> V_target below */
  }
  if (!ok) {
    dV = 0.5 * (V_target - V0);
    PetscCall(VecCopy(et->uSave, et->u));
    while (V0 != V_target) {
      PetscReal V = (PetscAbsReal(V_target - V0) <= PetscAbsReal(dV)) ? V_target : V0 + dV;
      PetscCall(EtPredict(et, V0, V, &ok));
      if (ok) PetscCall(EtNewton(et, V, &ok));
      if (ok) {
        PetscCall(MfEtAccept(et, V));
        V0 = V;
        ++et->res.load_steps;
        dV *= 1.5; /* grow the increment again after a success */
        cuts = 0;
      } else {
        SNESConvergedReason reason;
        PetscCall(SNESGetConvergedReason(et->snes, &reason));
        ++cuts;
        ++fails;
        /* the root find looks lower: fail fast, also when successes in between only creep towards a fold of
         * V(I) (a success resets the consecutive cuts) */
        if ((cuts > PetscMin(et->max_cuts, 3) || fails > 3) && solved) {
          *solved = PETSC_FALSE;
          PetscCall(VecCopy(et->uSave, et->u));
          PetscFunctionReturn(0);
        }
        /* successes between failures that only creep towards a fold never cut max_cuts times in a row: also
         * stop after 2 max_cuts failures in all */
        PetscCheck(cuts <= et->max_cuts && fails <= 2 * et->max_cuts, et->comm, PETSC_ERR_NOT_CONVERGED,
                   "electro-thermal Newton solve did not converge at V_device = %g V (last converged V_device = %g V, load increment cut %" PetscInt_FMT " times in a row, %" PetscInt_FMT " in all, to %g V; last SNES reason %s). %s",
                   (double)V, (double)V0, cuts - 1, fails - 1, (double)dV, SNESConvergedReasons[reason],
                   reason == SNES_DIVERGED_LINEAR_SOLVE ? "The linear solver failed: the Jacobian is singular or too ill-conditioned for the chosen -et_ksp_type/-et_pc_type (an electrically floating region? a zero conductivity?)"
                                                         : "Thermal runaway or an unphysical state (T <= 0) is likely (the steady I-V may fold near the last converged voltage: no steady state above it under voltage control): reduce the bias, add series resistance (device.series_resistance) or a compliance, or check the materials");
        dV *= 0.5;
        PetscCall(VecCopy(et->uSave, et->u));
      }
    }
  }
  PetscCall(MfEtAccept(et, V_target));
  PetscFunctionReturn(0);
}

/* One transient step [tStart, tStart + dt] at V from uStart; on failure the step is repeated with
 * 2, 4, ... sub-steps before it is reported. The step starts from the potential of the present state and V at
 * the starting temperature (et_potential.c) when either changed; either change is a discontinuity (of the
 * coefficients, of the boundary data) across which the BDF history does not extrapolate: the method restarts
 * (order 1). */
static PetscErrorCode EtTransientAt(MfElectroThermal et, PetscReal V, PetscReal dt)
{
  TSConvergedReason reason = TS_CONVERGED_ITERATING;
  PetscInt          nsub = 1, cuts = 0;
  PetscBool         restart = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(MfEtCoefChanged(et, &restart));
  if (restart || V != et->V_start) {
    PetscBool ok;
    restart = PETSC_TRUE;
    PetscCall(MfEtSolvePotential(et, V, et->uStart, &ok));
    if (ok) {
      et->V_start     = V;
      et->coefChanged = PETSC_FALSE;
    } else PetscCall(PetscInfo(et->snes, "potential at frozen T not found at V_dev = %g V: the step starts from the old potential\n", (double)V));
  }
  et->V_device = V;
  for (;;) {
    PetscInt its, lits;
    SNES     snes;
    PetscCall(VecCopy(et->uStart, et->u));
    PetscCall(TSSetTime(et->ts, et->tStart));
    PetscCall(TSSetTimeStep(et->ts, dt / nsub));
    PetscCall(TSSetMaxTime(et->ts, et->tStart + dt));
    PetscCall(TSSetMaxSteps(et->ts, 1000000));
    /* a multistep method (BDF) keeps its history across steps; a repeated attempt of the same step
     * (circuit iteration, sub-stepping) starts from uStart again and must restart it */
    if (!et->tsFirstTry || nsub > 1 || restart) PetscCall(TSRestartStep(et->ts));
    et->tsFirstTry = PETSC_FALSE;
    PetscCall(TSSolve(et->ts, et->u));
    PetscCall(TSGetConvergedReason(et->ts, &reason));
    PetscCall(TSGetSNESIterations(et->ts, &its));
    PetscCall(TSGetKSPIterations(et->ts, &lits));
    PetscCall(TSGetSNES(et->ts, &snes));
    et->res.newton_its += its;
    et->res.linear_its += lits;
    if (reason > 0) break;
    {
      SNESConvergedReason sr;
      PetscReal           fn, tf;
      PetscCall(SNESGetConvergedReason(snes, &sr));
      PetscCall(SNESGetFunctionNorm(snes, &fn));
      PetscCall(TSGetTime(et->ts, &tf));
      PetscCall(PetscInfo(et->ts, "time step at V_dev = %g V with %" PetscInt_FMT " sub-steps failed at t = %g s: Newton %s after %" PetscInt_FMT " its, |F| %g\n", (double)V, nsub, (double)tf, SNESConvergedReasons[sr], its, (double)fn));
    }
    ++cuts;
    PetscCheck(cuts <= et->max_cuts, et->comm, PETSC_ERR_NOT_CONVERGED, "electro-thermal time step [%g, %g] s at V_device = %g V failed with %" PetscInt_FMT " sub-steps (TS reason %s): the state heats faster than even the shortest sub-step resolves (a thermal runaway): add series resistance (device.series_resistance) or reduce the bias", (double)et->tStart, (double)(et->tStart + dt), (double)V, nsub, TSConvergedReasons[reason]);
    nsub *= 2;
  }
  et->res.load_steps = nsub;
  PetscFunctionReturn(0);
}

/* One circuit evaluation: the device at V and its current. solved != NULL (steady only): a state without a
 * steady solution at V is reported there instead of as an error. */
static PetscErrorCode EtEvaluate(MfElectroThermal et, PetscReal V, PetscReal dt, PetscReal *Icur, PetscBool *solved)
{
  PetscFunctionBeginUser;
  ++et->res.circuit_its;
  if (solved) *solved = PETSC_TRUE;
  if (dt > 0.0) PetscCall(EtTransientAt(et, V, dt));
  else {
    PetscCall(EtSteadyAt(et, V, solved));
    if (solved && !*solved) PetscFunctionReturn(0);
  }
  PetscCall(MfEtDeviceCurrent(et, Icur));
  PetscFunctionReturn(0);
}

/* The circuit root-find works on x = s V_dev (s = sign of V_s) and the increasing function
 *   g(x) = max(g_V(x), g_C(x)),  g_V = ln((x + R_s s I(x))/|V_s|)   (the source's load line)
 *                                g_C = ln(s I(x)/I_cc)              (the compliance, if I_cc > 0)
 * whose root is the least x meeting either constraint, i.e. the operating point: the source is in compliance
 * exactly when the compliance root lies below the load-line root (x + R_s I(x) is increasing), so one root
 * find serves both modes and never evaluates the device at the (high) voltage-mode bias of a compliance point.
 * Logarithms: memristive and thermally activated devices have I(V) close to a power law or an exponential, for
 * which g is nearly linear in ln x (g_V ~ ln x where the device dominates the voltage drop, ~ ln I where R_s
 * does), while the plain residual V + R_s I - V_s is so convex that secant steps overshoot into thermal
 * runaway. For an ohmic device both are ln x + const: the first step is a Newton step in ln x with slope 1,
 * exact for a linear device (whose operating point the first guess from the last device resistance already
 * hits), then secant steps in ln x, safeguarded by the bracket (Illinois regula falsi, Dowell & Jarratt,
 * BIT 11 (1971) 168, then bisection). Convergence is tested on the active constraint:
 * |V_dev + I R_s - V_s| <= rtol |V_s|, or |I - I_cc| <= rtol I_cc. */
void MfEtCircuitG(MfElectroThermal et, PetscReal s, PetscReal x, PetscReal Icur, PetscReal *g, MfEtSourceMode *mode, PetscReal *res, PetscReal *tol)
{
  const PetscReal sI = s * Icur, Vabs = PetscAbsReal(et->V_source), big = 50.0;
  const PetscReal vs = x + et->R_series * sI, gV = vs > 0.0 ? PetscLogReal(vs / Vabs) : -big;

  *mode  = MF_ET_SOURCE_VOLTAGE;
  *g     = gV;
  *res   = vs - Vabs;
  *tol   = et->circuit_rtol * Vabs;
  if (et->I_compliance > 0.0) {
    const PetscReal gC = sI > 0.0 ? PetscLogReal(sI / et->I_compliance) : -big;
    if (gC >= gV) {
      *mode  = MF_ET_SOURCE_COMPLIANCE;
      *g     = gC;
      *res   = sI - et->I_compliance;
      *tol   = et->circuit_rtol * et->I_compliance;
    }
  }
}

/* Root of g on the bracket [xa, xb] (g(xa) < 0 <= g(xb); ga/gb known if haveGa/haveGb) from the first guess x
 * (cautious: a guess from the pilot's resistance, not from the last operating point; solvedAtX: et->u is
 * already the converged state at x).
 * With R_s = 0 the root can be the end xb = |V_s| itself, which is then tried once instead of bisected to. */
static PetscErrorCode EtRootFind(MfElectroThermal et, PetscReal s, PetscReal dt, PetscReal xa, PetscBool haveGa, PetscReal ga, PetscReal xb, PetscBool haveGb, PetscReal gb, PetscReal x, PetscBool cautious, PetscBool solvedAtX, PetscBool *branch)
{
  const PetscBool endIsRoot = et->R_series > 0.0 ? PETSC_FALSE : PETSC_TRUE;
  PetscReal       xp = 0.0, gp = 0.0;
  PetscInt        side = 0;
  PetscBool       fakeGb = PETSC_FALSE; /* xb is a point without a steady state (no g known there) */
  PetscBool       fresh  = (PetscBool)(solvedAtX || haveGa || haveGb); /* uSave is converged for the present state */

  PetscFunctionBeginUser;
  *branch = PETSC_FALSE;
  for (PetscInt it = 0; it < et->circuit_maxit; ++it) {
    PetscReal      Icur, g, r, tol, xn;
    MfEtSourceMode mode;
    PetscBool      solved = PETSC_TRUE;
    if (it == 0 && solvedAtX) { /* the caller has just solved the device at x */
      PetscCall(MfEtDeviceCurrent(et, &Icur));
      ++et->res.circuit_its;
    } else PetscCall(EtEvaluate(et, s * x, dt, &Icur, dt == 0.0 ? &solved : NULL));
    if (!solved) {
      /* no steady state at x (thermal runaway of the present state): the operating point lies below x, or on
       * the falling branch of an S-shaped I(V) beyond its fold, which only current control reaches. Bisect
       * towards the last point below the root; once the failure is located within 25 % above a converged
       * point, follow the branch with the current as the parameter (et_current.c) from the last converged state */
      if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] circuit: no steady state at V_dev = %.10g V: the operating point lies below or beyond a fold\n", (double)(s * x)));
      if (fresh && x - xa <= 0.25 * x && et->branchControl) {
        *branch = PETSC_TRUE;
        PetscFunctionReturn(0);
      }
      PetscCheck(x - xa > 1e-9 * PetscMax(x, MF_KB_J_PER_K * et->T_ambient / MF_E_C), et->comm, PETSC_ERR_NOT_CONVERGED, "circuit: no steady state of the device down to V_device = %g V (I_cc = %g A): thermal runaway below the compliance", (double)(s * x), (double)et->I_compliance);
      xb     = x;
      haveGb = PETSC_FALSE; /* no value of g at the new upper end */
      fakeGb = PETSC_TRUE;
      xp     = 0.0; /* no secant through a failed point */
      side   = 0;
      x      = 0.5 * (xa + xb);
      continue;
    }
    fresh = PETSC_TRUE;
    MfEtCircuitG(et, s, x, Icur, &g, &mode, &r, &tol);
    et->res.mode = mode;
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] circuit %s it %" PetscInt_FMT ": V_dev = %.10g V, I = %.10g A, constraint residual %.3e\n", mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", it, (double)(s * x), (double)Icur, (double)r));
    if (PetscAbsReal(r) <= tol) PetscFunctionReturn(0);
    if (g < 0.0) {
      xa     = x;
      ga     = g;
      haveGa = PETSC_TRUE;
      if (side == -1 && haveGb) gb *= 0.5; /* Illinois: the retained end moved twice */
      side = -1;
    } else {
      xb     = x;
      gb     = g;
      haveGb = PETSC_TRUE;
      fakeGb = PETSC_FALSE;
      if (side == 1 && haveGa) ga *= 0.5;
      side = 1;
    }
    if (it == 0) {
      xn = x * PetscExpReal(-g); /* Newton step in ln x with the ohmic slope 1 */
      /* a superlinear device has a larger slope: from a guess not backed by the last operating point the
       * ohmic step can overshoot into thermal runaway, so go at most half-way to the upper end */
      if (cautious && g < 0.0) xn = PetscMin(xn, 0.5 * (x + xb));
    }
    else xn = (g != gp && xp > 0.0) ? PetscExpReal(PetscLogReal(x) - g * (PetscLogReal(x) - PetscLogReal(xp)) / (g - gp)) : -1.0; /* secant in ln x */
    if (!(xn > xa && xn < xb)) {
      if (endIsRoot && !haveGb && !fakeGb && !(xn < xb)) xn = xb;
      else {
        if (haveGa && haveGb) xn = xa - ga * (xb - xa) / (gb - ga);
        if (!(xn > xa && xn < xb)) xn = 0.5 * (xa + xb);
      }
    }
    xp = x;
    gp = g;
    x  = xn;
  }
  SETERRQ(et->comm, PETSC_ERR_NOT_CONVERGED, "circuit constraint (V_s = %g V, R_s = %g Ohm, I_cc = %g A) not met after %" PetscInt_FMT " outer iterations (-et_circuit_max_it)", (double)et->V_source, (double)et->R_series, (double)et->I_compliance, et->circuit_maxit);
}

/* Whether any rank changed a cell coefficient since the potential was last made consistent (the cells are
 * rank-local, the solves that follow are collective). */
PetscErrorCode MfEtCoefChanged(MfElectroThermal et, PetscBool *changed)
{
  PetscFunctionBeginUser;
  PetscCall(MPIU_Allreduce(&et->coefChanged, changed, 1, MPIU_BOOL, MPI_LOR, et->comm));
  PetscFunctionReturn(0);
}

/* After a state change (KMC event) the reference state of every steady start, uSave, has the potential of
 * the old coefficients: in a cell that turned metallic its gradient dissipates ~1e6 times the device power,
 * and Newton, whose heat rows see that, crawls from there at line-search steps of 0.1 (measured: 3D PEI
 * cross-point, 12-22 fresh factorisations per solve at 300 K and nA) or fails. The potential of the new
 * state at the reference's temperature and bias (et_potential.c) replaces it; the secant predictor, whose
 * two states straddle the change, is dropped. */
static PetscErrorCode EtConsistentReference(MfElectroThermal et)
{
  PetscBool changed, ok = PETSC_TRUE;

  PetscFunctionBeginUser;
  PetscCall(MfEtCoefChanged(et, &changed));
  if (!changed) PetscFunctionReturn(0);
  if (et->V_converged != 0.0) { /* at zero bias phi = 0 is the potential of every state */
    PetscCall(VecCopy(et->uSave, et->u));
    PetscCall(MfEtSolvePotential(et, et->V_converged, et->u, &ok));
    if (ok) PetscCall(VecCopy(et->u, et->uSave));
    else PetscCall(PetscInfo(et->snes, "potential of the changed state not found at V_dev = %g V: steady solves start from the old one\n", (double)et->V_converged));
    et->V_device = et->V_converged;
  }
  et->havePrev    = PETSC_FALSE;
  et->coefChanged = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtCircuitSolve(MfElectroThermal et, PetscReal dt)
{
  const PetscReal Vs = et->V_source, s = Vs >= 0.0 ? 1.0 : -1.0, Vabs = PetscAbsReal(Vs);
  PetscReal       Icur;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before solving");
  et->res.newton_its = et->res.linear_its = et->res.circuit_its = 0;
  et->res.mode = MF_ET_SOURCE_VOLTAGE;
  if (dt == 0.0) PetscCall(EtConsistentReference(et));
  if (Vs == 0.0 || (et->R_series == 0.0 && !(et->I_compliance > 0.0))) {
    PetscCall(EtEvaluate(et, Vs, dt, &Icur, NULL));
    et->op.branch = PETSC_FALSE;
  } else {
    /* bracket [0, |V_s|]: I(0) = 0 meets neither constraint, |V_s| meets (or exceeds) the load line. With a
     * series resistance a low-bias pilot solve (1e-3 V_s) first gives a lower bracket, the low-bias resistance
     * R_p of the present state, and a converged state of it from which load stepping can start (the previous
     * solve's state may belong to a very different KMC state, e.g. before a filament connected). First guess:
     * the operating point of an ohmic device, with the last operating point's resistance if the state still
     * agrees with it (R_p within a factor 2), else with R_p and halved (R_p bounds the operating point's
     * resistance from above for a superlinear I(V)). With R_s = 0 the first guess is V_s, or the last compliance point. */
    PetscReal       xa = 0.0, ga = 0.0, xb = Vabs, gb = 0.0, x, Rd = et->R_dev_last, f = 1.0;
    PetscBool       haveGa = PETSC_FALSE, haveGb = PETSC_FALSE;
    const PetscBool again = (PetscBool)(dt == 0.0 && et->op.V_dev != 0.0 && et->op.V_s == Vs && et->op.R_s == et->R_series && et->op.I_cc == et->I_compliance);
    PetscBool       solved = PETSC_FALSE, branch = PETSC_FALSE, warmTried = PETSC_FALSE;
    if (dt == 0.0 && et->op.branch && s * et->op.V_dev > 0.0 && et->V_converged == et->op.V_dev) {
      /* the last operating point lay on the current-controlled branch (possibly beyond a fold of V(I), where
       * the voltage root find cannot go): continue there. Start from the steady state of the changed state at
       * the last operating voltage if Newton finds it (a state on the falling branch is a regular solution at
       * fixed V, only not a stable one); else from the last operating current. Why not the bordered solve at
       * once: the current P/V of the old potential in a changed state is meaningless (a site that turned
       * metallic under the old potential dissipates 1e6 times the device power: measured), and the damped
       * bordered Newton crawls from there */
      PetscCall(VecCopy(et->uSave, et->u));
      PetscCall(EtNewton(et, et->op.V_dev, &branch));
      warmTried = PETSC_TRUE;
      if (branch) {
        PetscCall(MfEtAccept(et, et->op.V_dev));
        PetscCall(MfEtCurrentCircuit(et, s, 0.0, &branch));
      } else {
        PetscCall(VecCopy(et->uSave, et->u));
        PetscCall(MfEtCurrentCircuit(et, s, et->op.I_dev, &branch));
      }
      if (branch) goto done;
      if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] no steady state at the last operating current %.6g A after the state change: voltage root find\n", (double)et->op.I_dev));
    }
    if (again && !warmTried) { /* (the branch path above has already made this attempt) */
      /* the same source and circuit as the last steady solve, only the state (KMC) changed: try the last
       * operating point first, warm from its converged state (uSave), instead of a pilot solve. If the new
       * state has no steady solution there (e.g. a filament that bridged drives the old voltage into thermal
       * runaway), fall back to the pilot below. */
      x = PetscAbsReal(et->op.V_dev);
      PetscCall(VecCopy(et->uSave, et->u));
      PetscCall(EtNewton(et, s * x, &solved));
      if (solved) PetscCall(MfEtAccept(et, s * x));
      else {
        if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] no steady state at the last operating point V_dev = %.6g V after the state change: pilot solve\n", (double)(s * x)));
        PetscCall(VecCopy(et->uSave, et->u));
      }
    }
    if (!solved) {
      if (et->R_series > 0.0) {
        const PetscReal xp = 1e-3 * Vabs;
        PetscReal       gp, r, tol, Rp;
        MfEtSourceMode  mode;
        PetscCall(EtEvaluate(et, s * xp, dt, &Icur, NULL));
        MfEtCircuitG(et, s, xp, Icur, &gp, &mode, &r, &tol);
        if (gp < 0.0) {
          xa     = xp;
          ga     = gp;
          haveGa = PETSC_TRUE;
        } else { /* the root lies below the pilot bias (huge R_s or tiny I_cc) */
          xb     = xp;
          gb     = gp;
          haveGb = PETSC_TRUE;
        }
        Rp = Icur != 0.0 ? xp / (s * Icur) : 0.0;
        if (Rp > 0.0 && PetscIsNormalReal(Rp) && !(Rd > 0.5 * Rp && Rd < 2.0 * Rp)) {
          Rd = Rp;
          f  = 0.5;
        }
      }
      if (Rd > 0.0 && PetscIsNormalReal(Rd)) {
        x = et->R_series > 0.0 ? Vabs * Rd / (Rd + et->R_series) : Vabs;
        if (et->I_compliance > 0.0) x = PetscMin(x, et->I_compliance * Rd);
        x *= f;
      } else x = et->R_series > 0.0 ? 0.5 * (xa + xb) : Vabs;
    }
    if (!solved && !(x > xa && (x < xb || (et->R_series == 0.0 && x <= xb)))) x = 0.5 * (xa + xb);
    PetscCall(EtRootFind(et, s, dt, xa, haveGa, ga, xb, haveGb, gb, x, f < 1.0 ? PETSC_TRUE : PETSC_FALSE, solved, &branch));
    if (branch) {
      PetscCall(MfEtCurrentCircuit(et, s, 0.0, &branch));
      PetscCheck(branch, et->comm, PETSC_ERR_PLIB, "current-controlled branch did not start from a converged state");
    }
  done:
    et->op.branch = branch;
  }
  et->op.V_s   = Vs;
  et->op.R_s   = et->R_series;
  et->op.I_cc  = et->I_compliance;
  et->op.V_dev = dt == 0.0 ? et->V_device : 0.0;
  PetscCall(MfEtUpdateResults(et));
  et->op.I_dev = et->op.V_dev != 0.0 ? et->res.I_top : 0.0;
  if (et->V_device != 0.0 && et->res.R_device > 0.0 && PetscIsNormalReal(et->res.R_device)) et->R_dev_last = et->res.R_device;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSolveSteady(MfElectroThermal et)
{
  PetscFunctionBeginUser;
  PetscCall(EtCircuitSolve(et, 0.0));
  PetscFunctionReturn(0);
}

/* A steady solve whose absence (PETSC_ERR_NOT_CONVERGED from the circuit solve: thermal runaway under this source,
 * no steady state on either branch) is a result, not an error: errors are returned silently from inside the solve
 * (PetscReturnErrorHandler) and the object goes back to its last converged state (its results are not updated). */
PetscErrorCode MfElectroThermalSolveSteadyIfExists(MfElectroThermal et, PetscBool *exists)
{
  PetscErrorCode ierr;

  PetscFunctionBeginUser;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = EtCircuitSolve(et, 0.0);
  PetscCall(PetscPopErrorHandler());
  *exists = ierr ? PETSC_FALSE : PETSC_TRUE;
  if (ierr == PETSC_ERR_NOT_CONVERGED) {
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] no steady state at V_s = %g V: back to the last converged state (V_dev = %g V)\n", (double)et->V_source, (double)et->V_converged));
    PetscCall(VecCopy(et->uSave, et->u));
    et->V_device  = et->V_converged;
    et->op.V_dev  = 0.0; /* no operating point to re-solve from */
    et->op.branch = PETSC_FALSE;
    if (et->pcReuse) PetscCall(SNESSetLagPreconditioner(et->snes, -2));
  } else if (ierr) { /* the handler above printed nothing: pass the first message of that error on */
    char *msg = NULL;
    PetscCall(PetscErrorMessage(ierr, NULL, &msg));
    SETERRQ(et->comm, ierr, "electro-thermal steady solve failed (PETSc error %d): %s", (int)ierr, msg && msg[0] ? msg : "no message recorded");
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalStep(MfElectroThermal et, PetscReal dt)
{
  PetscInt cStart, cEnd, bad = 0, badg;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before MfElectroThermalStep()");
  PetscCheck(dt > 0.0, et->comm, PETSC_ERR_ARG_OUTOFRANGE, "time step %g s must be > 0", (double)dt);
  { /* transient heat needs rho c > 0 in every cell */
    const PetscScalar *a;
    PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
    PetscCall(VecGetArrayRead(et->aux, &a));
    for (PetscInt c = cStart; c < cEnd; ++c) {
      const PetscScalar *rec;
      PetscCall(DMPlexPointLocalRead(et->dmAux, c, a, &rec));
      if (!(PetscRealPart(rec[ET_A_RHOC]) > 0.0)) ++bad;
    }
    PetscCall(VecRestoreArrayRead(et->aux, &a));
    PetscCall(MPIU_Allreduce(&bad, &badg, 1, MPIU_INT, MPI_SUM, et->comm));
    PetscCheck(!badg, et->comm, PETSC_ERR_ARG_WRONG, "%" PetscInt_FMT " cells have density * specific heat <= 0: a transient step needs density_kg_per_m3 and cp_J_per_kgK of every material", badg);
  }
  PetscCall(MfEtSetupTS(et));
  PetscCall(VecCopy(et->u, et->uStart));
  et->V_start    = et->V_device; /* the potential in uStart */
  et->tStart     = et->time;
  et->tsFirstTry = PETSC_TRUE;
  PetscCall(EtCircuitSolve(et, dt));
  et->time = et->tStart + dt;
  et->res.time = et->time;
  /* the end of the step is the new reference state of a later steady solve */
  PetscCall(VecCopy(et->u, et->uSave));
  et->V_converged = et->V_device;
  et->havePrev    = PETSC_FALSE; /* a transient state is not on the steady branch */
  PetscFunctionReturn(0);
}
