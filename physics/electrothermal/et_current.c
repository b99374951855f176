/* Current-controlled steady solves: the device followed along its I-V branch with the current as the parameter.
 *
 * Why: Joule heating of a conductor whose resistance falls with temperature (a bridged filament whose gap
 * conducts by thermally assisted tunnelling, an NTC oxide) gives an S-shaped steady I-V: V(I) rises to a fold
 * (V_f, I_f) and falls beyond it (negative differential resistance, "thermistor" NDR). Under voltage control no
 * steady state exists above V_f (thermal runaway), and a compliance I_cc > I_f lies on the falling branch, which
 * a voltage-controlled Newton cannot reach (measured: Table 1 PEI deck after bridging, fold at 0.648 V and
 * 337 A/m, I_cc = 5000 A/m). With the current as the parameter the branch has no fold: the device voltage V is an
 * unknown and the current a constraint,
 *   F(u; V) = 0        FE residual with phi = V on top_contact
 *   g(u, V) = P/V - I  current from the Joule power P(u; V), as MfEtDeviceCurrent takes it
 * solved by Newton on the bordered system [F_u F_V; g_u g_V], by block elimination with the factorisation of F_u:
 *   F_u a = -F,  F_u b = -F_V,  dV = -(g + g_u a) / (g_V + g_u b),  du = a + b dV
 * (Keller, in Applications of Bifurcation Theory, Academic Press 1977, 359-384: the bordered system is regular
 * at a simple fold of V(I) although F_u is singular there). F_V and the derivatives of g along (a, 0) and (b, 1)
 * are forward differences with steps of 1e-6 of the solution scales: an inexact Newton method that contracts by
 * about 1e-6 per step on top of its quadratic rate. Damping by the natural monotonicity test (Deuflhard, Newton
 * Methods for Nonlinear Problems, Springer 2004, sec. 3.3, NLEQ-ERR): a damped step lambda is accepted when the
 * simplified correction at the trial point (old factorisation, one more solve) is at most (1 - lambda/4) of the
 * full correction, in the scaled max norm of the voltage-controlled Newton (MfEtStepScales); converged when that
 * correction is <= -et_newton_step_rtol, or <= -et_newton_floor_rtol once the test stagnates (round-off), and
 * the constraint is met to -et_circuit_rtol.
 *
 * Circuit (MfEtCurrentCircuit): the operating point is the first root of G(I) = max(g_V, g_C) (MfEtCircuitG)
 * met when moving along the branch from the present state: upwards in |I| if G < 0 (the source drives more
 * current), downwards if G > 0, in steps of at most a factor 4 in I (the compliance itself is the last point
 * upwards; a step is halved in ln I when its solve fails), then regula falsi (Illinois) in ln I on the bracket. For a monotonic I(V) this is the operating point
 * of the voltage root find (et_solve.c); on an S-shaped I(V) it is the state a source reaches from the present
 * one: the voltage-controlled branch ends at the fold, the current-controlled one goes on (the hysteresis of an
 * S-type NDR element, Ridley, Proc. Phys. Soc. 82 (1963) 954). Steady solves only (a transient step keeps the
 * voltage root find: within one time step the heat capacity removes the fold). */
#include "et_impl.h"

typedef struct {
  Vec F, Fv, a, b, du, dbar, w, u0; /* residual, dF/dV, J^-1 F, J^-1 F_V, step, simplified correction, work, start of the step */
} EtBorder;

static PetscErrorCode EtBorderCreate(MfElectroThermal et, EtBorder *B)
{
  PetscFunctionBeginUser;
  PetscCall(VecDuplicate(et->u, &B->F));
  PetscCall(VecDuplicate(et->u, &B->Fv));
  PetscCall(VecDuplicate(et->u, &B->a));
  PetscCall(VecDuplicate(et->u, &B->b));
  PetscCall(VecDuplicate(et->u, &B->du));
  PetscCall(VecDuplicate(et->u, &B->dbar));
  PetscCall(VecDuplicate(et->u, &B->w));
  PetscCall(VecDuplicate(et->u, &B->u0));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtBorderDestroy(EtBorder *B)
{
  PetscFunctionBeginUser;
  PetscCall(VecDestroy(&B->F));
  PetscCall(VecDestroy(&B->Fv));
  PetscCall(VecDestroy(&B->a));
  PetscCall(VecDestroy(&B->b));
  PetscCall(VecDestroy(&B->du));
  PetscCall(VecDestroy(&B->dbar));
  PetscCall(VecDestroy(&B->w));
  PetscCall(VecDestroy(&B->u0));
  PetscFunctionReturn(0);
}

/* Scaled max norm of a correction (d, dV) at the present state: max(|d_phi|/V_s, |d_T|/T_s, |dV|/V_s). */
static PetscErrorCode EtScaledNorm(MfElectroThermal et, Vec d, PetscReal dV, PetscReal *e)
{
  PetscReal dphi, dT, Vs, Ts;

  PetscFunctionBeginUser;
  PetscCall(MfEtSplitMaxNorms(et, d, &dphi, &dT));
  MfEtStepScales(et, &Vs, &Ts);
  *e = PetscMax(PetscMax(dphi, PetscAbsReal(dV)) / Vs, dT / Ts);
  PetscFunctionReturn(0);
}

/* Current P/V of the state et->u at et->V_device (!= 0). */
static PetscErrorCode EtCurrent(MfElectroThermal et, PetscReal *Ic)
{
  PetscReal W = 0.0;

  PetscFunctionBeginUser;
  PetscCall(MfEtJoulePower(et, &W));
  *Ic = W / et->V_device;
  PetscFunctionReturn(0);
}

/* Directional derivative of the current along (d, dV) at (et->u, et->V_device), whose current is I0: forward
 * difference with a step of 1e-6 of the scales (restores the state; B->w is overwritten). */
static PetscErrorCode EtCurrentSlope(MfElectroThermal et, EtBorder *B, PetscReal I0, Vec d, PetscReal dV, PetscReal *slope)
{
  const PetscReal V = et->V_device;
  PetscReal       e, eps, I1;

  PetscFunctionBeginUser;
  PetscCall(EtScaledNorm(et, d, dV, &e));
  *slope = 0.0;
  if (!(e > 0.0)) PetscFunctionReturn(0);
  eps = 1e-6 / e;
  PetscCall(VecCopy(et->u, B->w));
  PetscCall(VecAXPY(et->u, eps, d));
  et->V_device = V + eps * dV;
  PetscCall(EtCurrent(et, &I1));
  PetscCall(VecCopy(B->w, et->u));
  et->V_device = V;
  *slope = (I1 - I0) / eps;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtLinearSolve(MfElectroThermal et, KSP ksp, Vec rhs, Vec x, PetscBool *ok)
{
  KSPConvergedReason kr;
  PetscInt           its;

  PetscFunctionBeginUser;
  PetscCall(KSPSolve(ksp, rhs, x));
  PetscCall(KSPGetConvergedReason(ksp, &kr));
  PetscCall(KSPGetIterationNumber(ksp, &its));
  et->res.linear_its += its;
  *ok = kr > 0 ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* The bordered correction (du, dV) = -[F_u F_V; g_u g_V]^-1 (F, I - I_target) at (et->u, et->V_device) with the
 * factorisation in ksp and B->b = -F_u^-1 F_V, gb = g_V + g_u b already known; B->F must hold F(u; V).
 * Returns the constraint residual r = I - I_target too. */
static PetscErrorCode EtBorderedCorrection(MfElectroThermal et, EtBorder *B, KSP ksp, PetscReal I_target, PetscReal gb, Vec du, PetscReal *dV, PetscReal *r, PetscBool *ok)
{
  PetscReal Ic = 0.0, ga = 0.0;

  PetscFunctionBeginUser;
  PetscCall(EtCurrent(et, &Ic));
  *r = Ic - I_target;
  PetscCall(EtLinearSolve(et, ksp, B->F, B->a, ok));
  if (!*ok) PetscFunctionReturn(0);
  PetscCall(VecScale(B->a, -1.0));
  PetscCall(EtCurrentSlope(et, B, Ic, B->a, 0.0, &ga));
  *dV = -(*r + ga) / gb;
  PetscCall(VecWAXPY(du, *dV, B->b, B->a));
  PetscFunctionReturn(0);
}

/* Steady state carrying the current I_target (signed like V), from the start (et->u, et->V_device != 0): the
 * converged state in uSave at V_converged or a prediction from it. On success the state is accepted (MfEtAccept);
 * on failure et->u and et->V_device are reset to uSave and V_converged. */
static PetscErrorCode EtCurrentNewton(MfElectroThermal et, EtBorder *B, PetscReal I_target, PetscBool *converged)
{
  SNES            snes = et->snes;
  KSP             ksp;
  Mat             J, P;
  PetscReal       lambda = 1.0, Itol = et->circuit_rtol * PetscAbsReal(I_target);
  PetscInt        it;
  PetscBool       ok = PETSC_TRUE;

  PetscFunctionBeginUser;
  *converged = PETSC_FALSE;
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(SNESGetJacobian(snes, &J, &P, NULL, NULL));
  for (it = 0; it < 30 && ok; ++it) {
    PetscReal V = et->V_device, Vs, Ts, delta, gb, dV, r, e, Tmin, dTmin, lmax, ebar = 0.0, dVbar, rbar;
    PetscBool accepted = PETSC_FALSE;

    /* Jacobian and its factorisation at the present state; b = -F_u^-1 F_V; gb = g_V + g_u b */
    PetscCall(SNESComputeJacobian(snes, et->u, J, P));
    PetscCall(KSPSetOperators(ksp, J, P));
    PetscCall(KSPSetReusePreconditioner(ksp, PETSC_FALSE));
    ++et->res.newton_its;
    MfEtStepScales(et, &Vs, &Ts);
    delta = 1e-6 * Vs;
    et->V_device = V + delta;
    PetscCall(SNESComputeFunction(snes, et->u, B->Fv));
    et->V_device = V;
    PetscCall(SNESComputeFunction(snes, et->u, B->F));
    PetscCall(VecAXPY(B->Fv, -1.0, B->F));
    PetscCall(VecScale(B->Fv, -1.0 / delta));
    PetscCall(EtLinearSolve(et, ksp, B->Fv, B->b, &ok));
    if (!ok) break;
    {
      PetscReal Ic = 0.0;
      PetscCall(EtCurrent(et, &Ic));
      PetscCall(EtCurrentSlope(et, B, Ic, B->b, 1.0, &gb));
    }
    if (!(PetscAbsReal(gb) > 0.0) || !PetscIsNormalReal(gb)) {
      ok = PETSC_FALSE;
      break;
    }
    PetscCall(EtBorderedCorrection(et, B, ksp, I_target, gb, B->du, &dV, &r, &ok));
    if (!ok) break;
    PetscCall(EtScaledNorm(et, B->du, dV, &e));
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] current-controlled Newton it %" PetscInt_FMT ": V_dev = %.10g V, I - I_target = %.3e A, correction %.3e\n", it, (double)V, (double)r, (double)e));
    if (e <= et->step_rtol && PetscAbsReal(r) <= Itol) {
      *converged = PETSC_TRUE;
      break;
    }
    /* keep T > 0 and V on its side of zero: at most half of the present minimum T and of |V| */
    PetscCall(MfEtFieldRange(et, 1, &Tmin, NULL));
    {
      Vec dT;
      PetscCall(VecGetSubVector(B->du, et->isT, &dT));
      PetscCall(VecMin(dT, NULL, &dTmin));
      PetscCall(VecRestoreSubVector(B->du, et->isT, &dT));
    }
    lmax = 1.0;
    if (dTmin < 0.0) lmax = PetscMin(lmax, 0.5 * Tmin / -dTmin);
    if (dV * V < 0.0) lmax = PetscMin(lmax, 0.5 * PetscAbsReal(V / dV));
    lambda = PetscMin(lmax, PetscMin(1.0, 4.0 * lambda)); /* regain full steps after a damped one */
    PetscCall(VecCopy(et->u, B->u0));
    while (lambda >= 1e-4) {
      PetscCall(VecWAXPY(et->u, lambda, B->du, B->u0));
      et->V_device = V + lambda * dV;
      /* simplified correction at the trial point with the old factorisation (and old b, gb) */
      PetscCall(SNESComputeFunction(snes, et->u, B->F));
      {
        PetscReal Fn;
        PetscCall(VecNorm(B->F, NORM_INFINITY, &Fn));
        if (!PetscIsNormalReal(Fn) && Fn != 0.0) ok = PETSC_FALSE;
      }
      if (ok) PetscCall(EtBorderedCorrection(et, B, ksp, I_target, gb, B->dbar, &dVbar, &rbar, &ok));
      if (ok) PetscCall(EtScaledNorm(et, B->dbar, dVbar, &ebar));
      /* monotonicity, or both corrections already at the round-off floor (where the test is noise) */
      if (ok && (ebar <= (1.0 - 0.25 * lambda) * e || (e <= et->floor_rtol && ebar <= et->floor_rtol))) {
        accepted = PETSC_TRUE;
        break;
      }
      ok     = PETSC_TRUE;
      lambda = 0.5 * lambda;
    }
    if (!accepted) {
      ok = PETSC_FALSE;
      break;
    }
    /* the simplified correction estimates the error of the new iterate (Deuflhard 2004, sec. 2.1) */
    if (ebar <= et->step_rtol && PetscAbsReal(rbar) <= Itol) {
      *converged = PETSC_TRUE;
      break;
    }
    if (ebar > 0.5 * e && ebar <= et->floor_rtol && PetscAbsReal(rbar) <= Itol) {
      *converged = PETSC_TRUE; /* no contraction any more, at the round-off floor */
      break;
    }
  }
  if (*converged) {
    PetscReal Tmin;
    PetscCall(MfEtFieldRange(et, 1, &Tmin, NULL));
    if (!(Tmin > 0.0)) *converged = PETSC_FALSE;
  }
  if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] current-controlled Newton for I = %.10g A: %s after %" PetscInt_FMT " its, V_dev = %.10g V\n", (double)I_target, *converged ? "converged" : "failed", it + 1, (double)et->V_device));
  PetscCall(SNESSetLagPreconditioner(snes, -2)); /* the next voltage-controlled solve refactors */
  if (*converged) PetscCall(MfEtAccept(et, et->V_device));
  else {
    PetscCall(VecCopy(et->uSave, et->u));
    et->V_device = et->V_converged;
  }
  PetscFunctionReturn(0);
}

/* Solve at the current I (signed), from uSave predicted along the secant through the last two points of the
 * branch (current I0 at uPrev/V_prev, I1 at uSave/V_converged) when the step is at most twice the last one. */
static PetscErrorCode EtBranchSolve(MfElectroThermal et, EtBorder *B, PetscReal Ic, PetscBool haveSecant, PetscReal I0, PetscReal I1, PetscBool *ok)
{
  PetscFunctionBeginUser;
  PetscCall(VecCopy(et->uSave, et->u));
  et->V_device = et->V_converged;
  if (haveSecant && et->havePrev && I1 != I0 && PetscAbsReal(Ic - I1) <= 2.0 * PetscAbsReal(I1 - I0)) {
    const PetscReal t = (Ic - I1) / (I1 - I0);
    PetscCall(VecAXPBY(et->u, -t, 1.0 + t, et->uPrev));
    et->V_device = et->V_converged + t * (et->V_converged - et->V_prev);
    if (et->V_device * et->V_converged <= 0.0) { /* no prediction across zero bias */
      PetscCall(VecCopy(et->uSave, et->u));
      et->V_device = et->V_converged;
    }
  }
  PetscCall(EtCurrentNewton(et, B, Ic, ok));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtCurrentCircuit(MfElectroThermal et, EtBorder *Bp, PetscReal s, PetscReal I_start, PetscBool *found)
{
  EtBorder        B = *Bp;
  PetscReal       I1 = 0.0, G1 = 0.0, I0 = 0.0, r, tol, q = 4.0;
  PetscReal       lo = 0.0, Glo = 0.0, hi = 0.0, Ghi = 0.0; /* bracket in ln|I|: G(lo) < 0 <= G(hi) */
  PetscInt        side = 0, dir, it, fails = 0; /* consecutive failed solves */
  PetscReal       xRetry = 0.0;
  PetscBool       ok, bracket = PETSC_FALSE, haveSecant = PETSC_FALSE;
  MfEtSourceMode  mode;
  const PetscReal Icc = et->I_compliance;

  PetscFunctionBeginUser;
  *found = PETSC_FALSE;
  PetscCheck(s * et->V_converged > 0.0, et->comm, PETSC_ERR_PLIB, "current-controlled circuit needs a converged state biased like the source (V_dev = %g V, V_s = %g V)", (double)et->V_converged, (double)et->V_source);
  if (I_start != 0.0) { /* the state changed since uSave converged: the branch point at the last current first */
    PetscCall(EtBranchSolve(et, &B, I_start, PETSC_FALSE, 0.0, 0.0, &ok));
    if (!ok) PetscFunctionReturn(0);
    I1 = I_start;
  } else {
    PetscCall(VecCopy(et->uSave, et->u));
    et->V_device = et->V_converged;
    PetscCall(EtCurrent(et, &I1));
  }
  ++et->res.circuit_its;
  MfEtCircuitG(et, s, s * et->V_device, I1, &G1, &mode, &r, &tol);
  dir = G1 < 0.0 ? 1 : -1;
  if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] current-controlled branch from V_dev = %.10g V, I = %.10g A (G = %.3e): %s\n", (double)et->V_device, (double)I1, (double)G1, dir > 0 ? "up" : "down"));
  for (it = 0; it < 4 * et->circuit_maxit && !(PetscAbsReal(r) <= tol); ++it) {
    PetscReal x, Ic, G;
    if (fails) x = xRetry;
    else if (!bracket) {
      x = PetscLogReal(s * I1) + dir * PetscLogReal(q);
      if (dir > 0 && Icc > 0.0) x = PetscMin(x, PetscLogReal(Icc)); /* the compliance is the last point upwards */
    } else {
      x = (hi != lo) ? lo - Glo * (hi - lo) / (Ghi - Glo) : lo; /* regula falsi, Illinois-modified */
      if (!(x > lo && x < hi) && !(x < lo && x > hi)) x = 0.5 * (lo + hi);
    }
    Ic = s * PetscExpReal(x);
    PetscCall(EtBranchSolve(et, &B, Ic, (PetscBool)(haveSecant && !fails), I0, I1, &ok));
    if (!ok) {
      /* retry half-way (in ln I) between the last point of the branch and the failed one: inside the bracket
       * if there is one, a shorter step of the march otherwise */
      ++fails;
      PetscCheck(fails <= 6, et->comm, PETSC_ERR_NOT_CONVERGED,
                 "circuit (V_s = %g V, R_s = %g Ohm, I_cc = %g A): no steady state of the device near I = %g A, V_dev = %g V, also under current control: thermal runaway or an unphysical state (T <= 0); reduce the compliance or the bias, or add series resistance",
                 (double)et->V_source, (double)et->R_series, (double)Icc, (double)Ic, (double)et->V_converged);
      xRetry = 0.5 * (PetscLogReal(s * I1) + x);
      if (!bracket) q = PetscSqrtReal(q);
      continue;
    }
    fails = 0;
    ++et->res.circuit_its;
    MfEtCircuitG(et, s, s * et->V_device, Ic, &G, &mode, &r, &tol);
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] branch it %" PetscInt_FMT ": V_dev = %.10g V, I = %.10g A, %s constraint residual %.3e\n", it, (double)et->V_device, (double)Ic, mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", (double)r));
    if (!bracket) {
      if ((dir > 0 && G >= 0.0) || (dir < 0 && G < 0.0)) { /* crossed the first root */
        bracket = PETSC_TRUE;
        lo      = dir > 0 ? PetscLogReal(s * I1) : x;
        Glo     = dir > 0 ? G1 : G;
        hi      = dir > 0 ? x : PetscLogReal(s * I1);
        Ghi     = dir > 0 ? G : G1;
        side    = 0;
      } else q = PetscMin(4.0, q * q); /* regain the full step */
    } else if (G < 0.0) {
      lo  = x;
      Glo = G;
      if (side == -1) Ghi *= 0.5;
      side = -1;
    } else {
      hi  = x;
      Ghi = G;
      if (side == 1) Glo *= 0.5;
      side = 1;
    }
    I0         = I1;
    I1         = Ic;
    G1         = G;
    haveSecant = PETSC_TRUE;
  }
  PetscCheck(PetscAbsReal(r) <= tol, et->comm, PETSC_ERR_NOT_CONVERGED, "circuit constraint (V_s = %g V, R_s = %g Ohm, I_cc = %g A) not met on the current-controlled branch after %" PetscInt_FMT " points", (double)et->V_source, (double)et->R_series, (double)Icc, it);
  et->res.mode = mode;
  *found       = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* (the work vectors are released on every path, also when the branch has no steady state: a caller may recover
 * from that, MfElectroThermalSolveSteadyIfExists) */
PetscErrorCode MfEtCurrentCircuit(MfElectroThermal et, PetscReal s, PetscReal I_start, PetscBool *found)
{
  EtBorder       B;
  PetscErrorCode ierr;

  PetscFunctionBeginUser;
  PetscCall(EtBorderCreate(et, &B));
  ierr = EtCurrentCircuit(et, &B, s, I_start, found);
  PetscCall(EtBorderDestroy(&B));
  PetscCall(ierr);
  PetscFunctionReturn(0);
}
