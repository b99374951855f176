/* Nonlinear solves: steady Newton with load stepping, implicit time steps, and the source circuit.
 *
 * Circuit (documented choice): an outer scalar root-find on the device voltage V_dev, each function
 * evaluation being a fully coupled Newton solve of the device at V_dev (warm-started).
 *   voltage mode    V + R_s I(V) = V_s                    (series resistance)
 *   compliance mode I(V) = I_cc                           (the source switches to current limiting when
 *                                                          the voltage-mode current exceeds I_cc)
 * For a passive device sign(I) = sign(V), so 0 < |V_dev| <= |V_s| brackets the root (see EtCircuitG). */
#include "et_impl.h"

/* One steady Newton solve at V_dev from the current contents of et->u. */
static PetscErrorCode EtNewton(MfElectroThermal et, PetscReal V, PetscBool *ok)
{
  SNESConvergedReason reason;
  PetscInt            its, lits;

  PetscFunctionBeginUser;
  et->V_device = V;
  PetscCall(SNESSolve(et->snes, NULL, et->u));
  PetscCall(SNESGetConvergedReason(et->snes, &reason));
  PetscCall(SNESGetIterationNumber(et->snes, &its));
  PetscCall(SNESGetLinearSolveIterations(et->snes, &lits));
  et->res.newton_its += its;
  et->res.linear_its += lits;
  *ok = reason > 0 ? PETSC_TRUE : PETSC_FALSE;
  if (*ok) { /* a converged state must be physical: T > 0 everywhere */
    PetscReal Tmin;
    PetscCall(MfEtFieldRange(et, 1, &Tmin, NULL));
    if (Tmin <= 0.0) *ok = PETSC_FALSE;
  }
  if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] Newton at V_dev = %.6g V: %s after %" PetscInt_FMT " its\n", (double)V, SNESConvergedReasons[reason], its));
  PetscFunctionReturn(0);
}

/* Predictor for a bias change V0 -> V: phi scaled by V/V0 (exact for ohmic conduction at frozen T).
 * From an unbiased state (V0 = 0) a pilot solve at 1e-3 V supplies the potential shape first (its
 * Joule heating is 1e-6 of the target's, so it is a linear conduction solve in practice). */
static PetscErrorCode EtPredict(MfElectroThermal et, PetscReal V0, PetscReal V, PetscBool *ok)
{
  Vec phi;

  PetscFunctionBeginUser;
  *ok = PETSC_TRUE;
  if (V == V0 || V == 0.0) PetscFunctionReturn(0);
  if (et->havePrev && et->V_prev != V0 && PetscAbsReal(V - V0) <= 2.0 * PetscAbsReal(V0 - et->V_prev)) {
    /* secant predictor through the last two converged states (phi and T), exact to first order along
     * the solution branch; used only for steps up to twice the last one */
    PetscCall(VecAXPBY(et->u, -(V - V0) / (V0 - et->V_prev), 1.0 + (V - V0) / (V0 - et->V_prev), et->uPrev));
    PetscFunctionReturn(0);
  }
  if (V0 == 0.0) {
    V0 = 1e-3 * V;
    PetscCall(EtNewton(et, V0, ok));
    if (!*ok) PetscFunctionReturn(0);
  }
  PetscCall(VecGetSubVector(et->u, et->isPhi, &phi));
  PetscCall(VecScale(phi, V / V0));
  PetscCall(VecRestoreSubVector(et->u, et->isPhi, &phi));
  PetscFunctionReturn(0);
}

/* Record a converged steady state (et->u at V) as the new reference; the old one becomes uPrev. */
static PetscErrorCode EtAccept(MfElectroThermal et, PetscReal V)
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
 * as an error. */
static PetscErrorCode EtSteadyAt(MfElectroThermal et, PetscReal V_target)
{
  PetscBool ok;
  PetscReal V0 = et->V_converged, dV;
  PetscInt  cuts = 0;

  PetscFunctionBeginUser;
  PetscCall(VecCopy(et->uSave, et->u));
  PetscCall(EtPredict(et, V0, V_target, &ok));
  if (ok) PetscCall(EtNewton(et, V_target, &ok));
  et->res.load_steps = 1;
  if (!ok) {
    dV = 0.5 * (V_target - V0);
    PetscCall(VecCopy(et->uSave, et->u));
    while (V0 != V_target) {
      PetscReal V = (PetscAbsReal(V_target - V0) <= PetscAbsReal(dV)) ? V_target : V0 + dV;
      PetscCall(EtPredict(et, V0, V, &ok));
      if (ok) PetscCall(EtNewton(et, V, &ok));
      if (ok) {
        PetscCall(EtAccept(et, V));
        V0 = V;
        ++et->res.load_steps;
        dV *= 1.5; /* grow the increment again after a success */
        cuts = 0;
      } else {
        SNESConvergedReason reason;
        PetscCall(SNESGetConvergedReason(et->snes, &reason));
        ++cuts;
        PetscCheck(cuts <= et->max_cuts, et->comm, PETSC_ERR_NOT_CONVERGED,
                   "electro-thermal Newton solve did not converge at V_device = %g V (last converged V_device = %g V, load increment cut %" PetscInt_FMT " times in a row to %g V; last SNES reason %s). %s",
                   (double)V, (double)V0, cuts - 1, (double)dV, SNESConvergedReasons[reason],
                   reason == SNES_DIVERGED_LINEAR_SOLVE ? "The linear solver failed: the Jacobian is singular or too ill-conditioned for the chosen -et_ksp_type/-et_pc_type (an electrically floating region? a zero conductivity?)"
                                                         : "Thermal runaway or an unphysical state (T <= 0) is likely: reduce the bias, add series resistance (-et_series_resistance) or a compliance, or check the materials");
        dV *= 0.5;
        PetscCall(VecCopy(et->uSave, et->u));
      }
    }
  }
  PetscCall(EtAccept(et, V_target));
  PetscFunctionReturn(0);
}

/* One transient step [tStart, tStart + dt] at V from uStart; on failure the step is repeated with
 * 2, 4, ... sub-steps before it is reported. */
static PetscErrorCode EtTransientAt(MfElectroThermal et, PetscReal V, PetscReal dt)
{
  TSConvergedReason reason = TS_CONVERGED_ITERATING;
  PetscInt          nsub = 1, cuts = 0;

  PetscFunctionBeginUser;
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
    if (!et->tsFirstTry || nsub > 1) PetscCall(TSRestartStep(et->ts));
    et->tsFirstTry = PETSC_FALSE;
    PetscCall(TSSolve(et->ts, et->u));
    PetscCall(TSGetConvergedReason(et->ts, &reason));
    PetscCall(TSGetSNESIterations(et->ts, &its));
    PetscCall(TSGetKSPIterations(et->ts, &lits));
    PetscCall(TSGetSNES(et->ts, &snes));
    et->res.newton_its += its;
    et->res.linear_its += lits;
    if (reason > 0) break;
    ++cuts;
    PetscCheck(cuts <= et->max_cuts, et->comm, PETSC_ERR_NOT_CONVERGED, "electro-thermal time step [%g, %g] s at V_device = %g V failed with %" PetscInt_FMT " sub-steps (TS reason %s)", (double)et->tStart, (double)(et->tStart + dt), (double)V, nsub, TSConvergedReasons[reason]);
    nsub *= 2;
  }
  et->res.load_steps = nsub;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtEvaluate(MfElectroThermal et, PetscReal V, PetscReal dt, PetscReal *Icur)
{
  PetscFunctionBeginUser;
  if (dt > 0.0) PetscCall(EtTransientAt(et, V, dt));
  else PetscCall(EtSteadyAt(et, V));
  PetscCall(MfEtDeviceCurrent(et, Icur));
  ++et->res.circuit_its;
  PetscFunctionReturn(0);
}

/* The circuit root-find works on g(x) = ln(s I(x)) - ln(I_target(x)), x = s V_dev (s = sign of V_s),
 * with I_target = (|V_s| - x)/R_s (voltage mode, the load line) or I_cc (compliance mode): memristive
 * and thermally activated devices have I(V) close to exponential, for which g is nearly linear, while
 * the plain residual V + R_s I - V_s is so convex that secant steps overshoot into thermal runaway.
 * g is increasing in x; secant steps are safeguarded by the bracket (Illinois regula falsi, Dowell &
 * Jarratt, BIT 11 (1971) 168, then bisection). Convergence is tested on the constraint itself:
 * |V_dev + I R_s - V_s| <= rtol |V_s|, or |I - I_cc| <= rtol I_cc. */
static PetscErrorCode EtCircuitG(MfElectroThermal et, MfEtSourceMode mode, PetscReal s, PetscReal x, PetscReal Icur, PetscReal *g, PetscReal *res)
{
  const PetscReal sI = s * Icur, Vabs = PetscAbsReal(et->V_source), big = 50.0;

  PetscFunctionBeginUser;
  if (mode == MF_ET_SOURCE_VOLTAGE) {
    *res = x + et->R_series * sI - Vabs;
    if (!(sI > 0.0)) *g = -big;
    else if (!(x < Vabs)) *g = big;
    else *g = PetscLogReal(sI) - PetscLogReal((Vabs - x) / et->R_series);
  } else {
    *res = sI - et->I_compliance;
    *g   = sI > 0.0 ? PetscLogReal(sI / et->I_compliance) : -big;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode EtRootFind(MfElectroThermal et, MfEtSourceMode mode, PetscReal s, PetscReal dt, PetscReal xa, PetscReal ga, PetscReal xb, PetscBool haveGb, PetscReal gb, PetscReal x, PetscReal tol)
{
  PetscReal xp = xa, gp = ga;
  PetscInt  side = 0;

  PetscFunctionBeginUser;
  for (PetscInt it = 0; it < et->circuit_maxit; ++it) {
    PetscReal Icur, g, r, xn;
    PetscCall(EtEvaluate(et, s * x, dt, &Icur));
    PetscCall(EtCircuitG(et, mode, s, x, Icur, &g, &r));
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] circuit %s it %" PetscInt_FMT ": V_dev = %.10g V, I = %.10g A, constraint residual %.3e\n", mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", it, (double)(s * x), (double)Icur, (double)r));
    if (PetscAbsReal(r) <= tol) PetscFunctionReturn(0);
    if (g < 0.0) {
      xa = x;
      ga = g;
      if (side == -1 && haveGb) gb *= 0.5; /* Illinois: the retained end moved twice */
      side = -1;
    } else {
      xb     = x;
      gb     = g;
      haveGb = PETSC_TRUE;
      if (side == 1) ga *= 0.5;
      side = 1;
    }
    xn = (g != gp) ? x - g * (x - xp) / (g - gp) : -1.0; /* secant */
    if (!(xn > xa && xn < xb)) {
      if (haveGb) xn = xa - ga * (xb - xa) / (gb - ga);
      else xn = xb;
      if (!(xn > xa && xn < xb)) xn = 0.5 * (xa + xb);
    }
    xp = x;
    gp = g;
    x  = xn;
  }
  SETERRQ(et->comm, PETSC_ERR_NOT_CONVERGED, "circuit constraint (%s mode, V_s = %g V, R_s = %g Ohm, I_cc = %g A) not met after %" PetscInt_FMT " outer iterations (-et_circuit_max_it)", mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", (double)et->V_source, (double)et->R_series,
          (double)et->I_compliance, et->circuit_maxit);
}

static PetscErrorCode EtCircuitSolve(MfElectroThermal et, PetscReal dt)
{
  const PetscReal Vs = et->V_source, s = Vs >= 0.0 ? 1.0 : -1.0, Vabs = PetscAbsReal(Vs);
  PetscReal       Icur;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before solving");
  et->res.newton_its = et->res.linear_its = et->res.circuit_its = 0;
  et->res.mode = MF_ET_SOURCE_VOLTAGE;
  if (et->R_series > 0.0 && Vs != 0.0) {
    /* lower bracket: a low-bias pilot solve (1e-3 V_s); first guess from the device resistance (the last
     * solve's if known, else the pilot's), exact for an ohmic device */
    const PetscReal xp = 1e-3 * Vabs;
    PetscReal       gp, r, x, Rd = et->res.R_device;
    PetscCall(EtEvaluate(et, s * xp, dt, &Icur));
    PetscCall(EtCircuitG(et, MF_ET_SOURCE_VOLTAGE, s, xp, Icur, &gp, &r));
    if (Rd > 0.0 && PetscIsNormalReal(Rd)) x = Vabs * Rd / (Rd + et->R_series);
    else { /* low-bias resistance: an upper bound of the operating point for a superlinear I(V); halved */
      Rd = Icur != 0.0 ? xp / (s * Icur) : 0.0;
      x  = (Rd > 0.0 && PetscIsNormalReal(Rd)) ? 0.5 * Vabs * Rd / (Rd + et->R_series) : 0.5 * Vabs;
    }
    if (gp < 0.0) {
      if (!(x > xp && x < Vabs)) x = 0.5 * (xp + Vabs);
      PetscCall(EtRootFind(et, MF_ET_SOURCE_VOLTAGE, s, dt, xp, gp, Vabs, PETSC_FALSE, 0.0, x, et->circuit_rtol * Vabs));
    } else { /* the root lies below the pilot bias (huge R_s) */
      if (!(x > 0.0 && x < xp)) x = 0.5 * xp;
      PetscCall(EtRootFind(et, MF_ET_SOURCE_VOLTAGE, s, dt, 0.0, -50.0, xp, PETSC_TRUE, gp, x, et->circuit_rtol * Vabs));
    }
  } else PetscCall(EtEvaluate(et, Vs, dt, &Icur));
  if (et->I_compliance > 0.0) {
    PetscCall(MfElectroThermalComputeReaction(et, MF_LABEL_TOP_CONTACT, 0, &Icur));
    if (s * Icur > et->I_compliance) {
      const PetscReal xhi = PetscAbsReal(et->V_device), ghi = PetscLogReal(s * Icur / et->I_compliance);
      et->res.mode = MF_ET_SOURCE_COMPLIANCE;
      PetscCall(EtRootFind(et, MF_ET_SOURCE_COMPLIANCE, s, dt, 0.0, -50.0, xhi, PETSC_TRUE, ghi, xhi * et->I_compliance / (s * Icur), et->circuit_rtol * et->I_compliance));
    }
  }
  PetscCall(MfEtUpdateResults(et));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSolveSteady(MfElectroThermal et)
{
  PetscFunctionBeginUser;
  PetscCall(EtCircuitSolve(et, 0.0));
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
