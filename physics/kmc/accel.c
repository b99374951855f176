/* Temporal acceleration of stiff KMC (-kmc_accelerate): the rates of quasi-equilibrated pairs of event types
 * are scaled down by a common factor, in the manner of Dybeck, Plaisance & Neurock, "Generalized temporal
 * acceleration scheme for kinetic Monte Carlo simulations of surface catalytic processes by scaling the
 * rates of fast reactions", J. Chem. Theory Comput. 13, 1525 (2017).
 *
 * Why it is exact enough: a pair (forward type f, reverse type r = the mechanism's reverse_type[f], f != r)
 * that runs back and forth many times between two slow events keeps its two populations at their ratio
 * k_f/k_r; scaling k_f and k_r by the same factor keeps that ratio, so the slow events (which see only the
 * populations) keep their rates, while the clock (drawn from the scaled total rate) advances by the slow
 * events' time instead of the flicker's. The error is of order (slow rate)/(scaled pair rate), which the
 * separation criterion below bounds (1 % at the default 100).
 *
 * Stages of accel_stage events. At the end of a stage, with n_f, n_r the executions of the two types:
 *  - quasi-equilibrated: n_f + n_r >= accel_ne and |n_f - n_r| <= accel_delta (n_f + n_r);
 *  - n_slow = the stage's events outside quasi-equilibrated pairs;
 *  - a quasi-equilibrated pair's scale is multiplied by max(accel_ne, accel_sep n_slow) / (n_f + n_r): it keeps
 *    running accel_sep times more often than everything else together;
 *  - any other scaled pair is unscaled: back to 1 when it does net work (imbalance > accel_delta), by
 *    accel_ne / max(n, 1) when it became rare;
 *  - scales stay in [accel_min, 1]; a change rebuilds all rates.
 * A type that is its own reverse (a hop) is never scaled: its back-and-forth cannot be told from the drift
 * that switches a device. The scales are not checkpointed; a checkpoint restart with acceleration on
 * continues statistically, not bit for bit. */
#include "kmc_impl.h"

PetscErrorCode MfKmcAccelSetUp_Private(MfKmc kmc)
{
  const PetscInt nt = kmc->ops.nevent_types;

  PetscFunctionBeginUser;
  if (!kmc->accel) PetscFunctionReturn(0);
  PetscCheck(kmc->ops.site_types && kmc->ops.reverse_type, kmc->comm, PETSC_ERR_SUP, "KMC: -kmc_accelerate needs the mechanism '%s' to name each slot's event type and each type's reverse (MfKmcMechanismOps site_types, reverse_type)", kmc->ops.name);
  PetscCheck(kmc->accel_stage >= 10 && kmc->accel_ne >= 1 && kmc->accel_ne < kmc->accel_stage && kmc->accel_delta >= 0 && kmc->accel_delta < 1 && kmc->accel_sep >= 1 && kmc->accel_min > 0 && kmc->accel_min <= 1, kmc->comm, PETSC_ERR_USER_INPUT,
             "KMC acceleration: need -kmc_accel_stage >= 10 (got %" PetscInt_FMT "), 1 <= -kmc_accel_ne < stage (got %" PetscInt_FMT "), 0 <= -kmc_accel_delta < 1 (got %g), -kmc_accel_separation >= 1 (got %g), 0 < -kmc_accel_min_scale <= 1 (got %g)", kmc->accel_stage, kmc->accel_ne, (double)kmc->accel_delta, (double)kmc->accel_sep, (double)kmc->accel_min);
  for (PetscInt t = 0; t < nt; t++) {
    const PetscInt r = kmc->ops.reverse_type[t];
    PetscCheck(r >= -1 && r < nt && (r < 0 || kmc->ops.reverse_type[r] == t), kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s': reverse_type[%" PetscInt_FMT "] = %" PetscInt_FMT " is not a pairing (its reverse must point back)", kmc->ops.name, t, r);
  }
  PetscCall(PetscMalloc1(nt, &kmc->scale));
  for (PetscInt t = 0; t < nt; t++) kmc->scale[t] = 1.0;
  PetscCall(PetscCalloc1(nt, &kmc->stagecount));
  PetscCall(PetscMalloc1(kmc->ops.max_events_per_site, &kmc->slottype));
  kmc->nstage = 0;
  kmc->scaled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcAccelDestroy_Private(MfKmc kmc)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(kmc->scale));
  PetscCall(PetscFree(kmc->stagecount));
  PetscCall(PetscFree(kmc->slottype));
  PetscFunctionReturn(0);
}

/* Multiply the slot rates of `site` (kmc->slot, just computed) by their type's scale; *r = their sum. */
PetscErrorCode MfKmcAccelScaleSlots_Private(MfKmc kmc, PetscInt site, PetscReal *r)
{
  PetscReal sum = 0.0;

  PetscFunctionBeginUser;
  PetscCall(kmc->ops.site_types(kmc->mctx, &kmc->st, site, kmc->slottype));
  for (PetscInt s = 0; s < kmc->ops.max_events_per_site; s++) {
    if (kmc->slottype[s] >= 0) kmc->slot[s] *= kmc->scale[kmc->slottype[s]];
    sum += kmc->slot[s];
  }
  *r = sum;
  PetscFunctionReturn(0);
}

static PetscErrorCode Rescale(MfKmc kmc)
{
  const PetscInt  nt = kmc->ops.nevent_types, *rev = kmc->ops.reverse_type, *c = kmc->stagecount;
  PetscInt        n_eq = 0;
  PetscBool       changed = PETSC_FALSE;

  PetscFunctionBeginUser;
  for (PetscInt t = 0; t < nt; t++) { /* executions inside quasi-equilibrated pairs (each pair once: t < rev) */
    const PetscInt r = rev[t], n = r > t ? c[t] + c[r] : 0;
    if (r > t && n >= kmc->accel_ne && PetscAbsInt(c[t] - c[r]) <= kmc->accel_delta * n) n_eq += n;
  }
  for (PetscInt t = 0; t < nt; t++) {
    const PetscInt  r = rev[t];
    if (r <= t) continue;
    const PetscInt  n  = c[t] + c[r];
    const PetscBool eq = (PetscBool)(n >= kmc->accel_ne && PetscAbsInt(c[t] - c[r]) <= kmc->accel_delta * n);
    PetscReal       s  = kmc->scale[t];
    if (eq) s *= PetscMax((PetscReal)kmc->accel_ne, kmc->accel_sep * (PetscReal)(kmc->nstage - n_eq)) / (PetscReal)n;
    else if (s < 1.0) s = n >= kmc->accel_ne ? 1.0 : s * (PetscReal)kmc->accel_ne / (PetscReal)PetscMax(n, 1);
    s = PetscMin(1.0, PetscMax(kmc->accel_min, s));
    if (s != kmc->scale[t]) {
      kmc->scale[t] = kmc->scale[r] = s;
      changed       = PETSC_TRUE;
    }
  }
  kmc->scaled = PETSC_FALSE;
  for (PetscInt t = 0; t < nt; t++) kmc->scaled = (PetscBool)(kmc->scaled || kmc->scale[t] < 1.0);
  for (PetscInt t = 0; t < nt; t++) kmc->stagecount[t] = 0;
  kmc->nstage = 0;
  if (changed) kmc->rates_dirty = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* Count an executed event; at the end of a stage adapt the scales. */
PetscErrorCode MfKmcAccelRecord_Private(MfKmc kmc, PetscInt type)
{
  PetscFunctionBeginUser;
  kmc->stagecount[type]++;
  if (++kmc->nstage >= kmc->accel_stage) PetscCall(Rescale(kmc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetAcceleration(MfKmc kmc, PetscInt *nscaled, PetscReal *min_scale)
{
  PetscFunctionBeginUser;
  *nscaled   = 0;
  *min_scale = 1.0;
  if (!kmc->accel || !kmc->scale) PetscFunctionReturn(0);
  for (PetscInt t = 0; t < kmc->ops.nevent_types; t++)
    if (kmc->scale[t] < 1.0) {
      (*nscaled)++;
      *min_scale = PetscMin(*min_scale, kmc->scale[t]);
    }
  PetscFunctionReturn(0);
}
