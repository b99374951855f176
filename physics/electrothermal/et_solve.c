/* Nonlinear solves: steady Newton with load stepping, implicit time steps, and the source circuit.
 *
 * Circuit (documented choice): an outer scalar root-find on the device voltage V_dev, each function
 * evaluation being a fully coupled Newton solve of the device at V_dev (warm-started).
 *   voltage mode    G(V) = V + R_s I(V) - V_s = 0        (series resistance)
 *   compliance mode G(V) = I(V) - I_cc = 0               (source switches to current limiting when
 *                                                         the voltage-mode current exceeds I_cc)
 * For a passive device sign(I) = sign(V), so G(0) < 0 <= G(V_s) brackets the root; a regula falsi
 * (Illinois variant, Dowell & Jarratt, BIT 11 (1971) 168) keeps the bracket and is exact in one step
 * for an ohmic device. Convergence: |G| <= rtol |V_s| (or rtol I_cc). */
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
        V0 = V;
        PetscCall(VecCopy(et->u, et->uSave));
        et->V_converged = V0;
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
  PetscCall(VecCopy(et->u, et->uSave));
  et->V_converged = V_target;
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
  PetscCall(MfElectroThermalComputeReaction(et, MF_LABEL_TOP_CONTACT, 0, Icur));
  ++et->res.circuit_its;
  PetscFunctionReturn(0);
}

/* Root of the monotone G(x) on [0, xhi] with G(0) = G0 < 0; x = s V (s = sign of V_s). */
static PetscErrorCode EtRegulaFalsi(MfElectroThermal et, MfEtSourceMode mode, PetscReal s, PetscReal dt, PetscReal G0, PetscReal xhi, PetscBool haveGhi, PetscReal Ghi, PetscReal xguess, PetscReal tol)
{
  PetscReal xa = 0.0, Ga = G0, xb = xhi, Gb = Ghi, x = xguess;
  PetscInt  side = 0;

  PetscFunctionBeginUser;
  for (PetscInt it = 0; it < et->circuit_maxit; ++it) {
    PetscReal Icur, G;
    PetscCall(EtEvaluate(et, s * x, dt, &Icur));
    G = (mode == MF_ET_SOURCE_VOLTAGE) ? x + et->R_series * s * Icur - PetscAbsReal(et->V_source) : s * Icur - et->I_compliance;
    if (et->monitor) PetscCall(PetscPrintf(et->comm, "  [et] circuit %s it %" PetscInt_FMT ": V_dev = %.10g V, I = %.10g A, G = %.3e\n", mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", it, (double)(s * x), (double)Icur, (double)G));
    if (PetscAbsReal(G) <= tol) PetscFunctionReturn(0);
    if (G < 0.0) {
      xa = x;
      Ga = G;
      if (side == -1 && haveGhi) Gb *= 0.5; /* Illinois: the retained end moved twice */
      side = -1;
    } else {
      xb      = x;
      Gb      = G;
      haveGhi = PETSC_TRUE;
      if (side == 1) Ga *= 0.5;
      side = 1;
    }
    if (haveGhi) x = xa - Ga * (xb - xa) / (Gb - Ga);
    else x = xb;
    if (!(x > xa && x < xb)) x = 0.5 * (xa + xb);
  }
  SETERRQ(et->comm, PETSC_ERR_NOT_CONVERGED, "circuit constraint (%s mode, V_s = %g V, R_s = %g Ohm, I_cc = %g A) not met after %" PetscInt_FMT " outer iterations (-et_circuit_max_it)", mode == MF_ET_SOURCE_VOLTAGE ? "voltage" : "compliance", (double)et->V_source, (double)et->R_series,
          (double)et->I_compliance, et->circuit_maxit);
}

static PetscErrorCode EtCircuitSolve(MfElectroThermal et, PetscReal dt)
{
  const PetscReal Vs = et->V_source, s = Vs >= 0.0 ? 1.0 : -1.0;
  PetscReal       Icur;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before solving");
  et->res.newton_its = et->res.linear_its = et->res.circuit_its = 0;
  et->res.mode = MF_ET_SOURCE_VOLTAGE;
  if (et->R_series > 0.0 && Vs != 0.0) {
    /* first guess from the last device resistance (exact for an ohmic device) */
    PetscReal x = PetscAbsReal(Vs), Rd = et->res.R_device;
    if (Rd > 0.0 && PetscIsNormalReal(Rd)) x = PetscAbsReal(Vs) * Rd / (Rd + et->R_series);
    PetscCall(EtRegulaFalsi(et, MF_ET_SOURCE_VOLTAGE, s, dt, -PetscAbsReal(Vs), PetscAbsReal(Vs), PETSC_FALSE, 0.0, x, et->circuit_rtol * PetscAbsReal(Vs)));
  } else PetscCall(EtEvaluate(et, Vs, dt, &Icur));
  if (et->I_compliance > 0.0) {
    PetscCall(MfElectroThermalComputeReaction(et, MF_LABEL_TOP_CONTACT, 0, &Icur));
    if (s * Icur > et->I_compliance) {
      const PetscReal xhi = PetscAbsReal(et->V_device), Ghi = s * Icur - et->I_compliance;
      et->res.mode = MF_ET_SOURCE_COMPLIANCE;
      PetscCall(EtRegulaFalsi(et, MF_ET_SOURCE_COMPLIANCE, s, dt, -et->I_compliance, xhi, PETSC_TRUE, Ghi, xhi * et->I_compliance / (s * Icur), et->circuit_rtol * et->I_compliance));
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
  PetscFunctionReturn(0);
}
