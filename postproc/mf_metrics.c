/* Switching metrics of one record: read resistances, set/reset voltages, switching times and energies.
 *
 * Criteria (docs/postproc.md):
 *  - R at the read voltage V_r: |V|/|I| at every sample on the read level (| |V| - V_r | <= 2 % V_r) and
 *    at every crossing of |V| = V_r (current interpolated linearly between the two samples, unless the
 *    conductance changes by more than switch_ratio across them: then a switching event, e.g. compliance
 *    taking over, lies between and the straight line would invent a state). With a read mask (read pulses
 *    of the protocol) only the marked samples count. Per cycle R_on = smallest, R_off = largest of these;
 *    the record's R_on/R_off are medians over cycles.
 *  - Set (reset): the interval between consecutive samples with a defined G, G = I/V (|V| >= v_floor), where
 *    ln G rises (falls) fastest per unit time. The event counts only when ln G changes across it by at least ln(switch_ratio).
 *    V_set = device voltage at the middle of that interval (the voltage before it when |V| falls across
 *    it: a compliance clamped the device voltage after the event; the end with the event's polarity when
 *    the interval changes sign).
 *  - Switching time: from the stimulus onset (last time before the event with |V| <= V_r) to the time
 *    ln G has covered 90 % of its change; energy: integral of V I dt over the same window (trapezoid).
 *  - Cycles: contiguous runs of the `cycle` column; without it the record is one cycle. With options.forming
 *    the first cycle is the forming step: its SET voltage is V_form and stays out of V_set's mean and spread.
 *  - Polarity: V_set (V_reset) averages the cycles that switch with the polarity most cycles have; the others
 *    (a bipolar cell re-forming at the RESET polarity) are counted in nset_opposite (nreset_opposite). */
#include "mf_post.h"
#include <math.h>
#include <stdlib.h>

PetscErrorCode MfMetricsOptionsDefault(PetscReal read_voltage, MfMetricsOptions *o)
{
  PetscFunctionBeginUser;
  PetscCheck(read_voltage > 0 && isfinite(read_voltage), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "read voltage must be a positive number of volts, got %g", (double)read_voltage);
  o->read_voltage  = read_voltage;
  o->switch_ratio  = 2.0;
  o->v_floor       = 0.25 * read_voltage;
  o->fail_fraction = 0.5;
  o->read          = NULL;
  o->forming       = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static int CmpReal(const void *a, const void *b)
{
  PetscReal x = *(const PetscReal *)a, y = *(const PetscReal *)b;
  return (x > y) - (x < y);
}

static PetscReal Median(PetscInt n, PetscReal *x) /* sorts x */
{
  if (n <= 0) return NAN;
  qsort(x, (size_t)n, sizeof(PetscReal), CmpReal);
  return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* Read resistances of one cycle [k0,k1). */
static void CycleRead(PetscInt k0, PetscInt k1, const PetscReal v[], const PetscReal i[], const MfMetricsOptions *o, PetscReal *Rmin, PetscReal *Rmax)
{
  const PetscReal vr = o->read_voltage;

  *Rmin = PETSC_MAX_REAL;
  *Rmax = 0;
  for (PetscInt k = k0; k < k1; k++) {
    PetscReal av = PetscAbsReal(v[k]), R = NAN;
    if (o->read) {
      if (o->read[k] && i[k] != 0 && v[k] != 0) R = av / PetscAbsReal(i[k]);
      if (isfinite(R) && R > 0) {
        *Rmin = PetscMin(*Rmin, R);
        *Rmax = PetscMax(*Rmax, R);
      }
      continue;
    }
    if (PetscAbsReal(av - vr) <= 0.02 * vr && i[k] != 0) R = av / PetscAbsReal(i[k]);
    if (isfinite(R) && R > 0) {
      *Rmin = PetscMin(*Rmin, R);
      *Rmax = PetscMax(*Rmax, R);
    }
    if (k + 1 < k1 && v[k] * v[k + 1] > 0 && i[k] * v[k] > 0 && i[k + 1] * v[k + 1] > 0 && PetscAbsReal(PetscLogReal((i[k + 1] / v[k + 1]) / (i[k] / v[k]))) <= PetscLogReal(o->switch_ratio)) {
      PetscReal a0 = av - vr, a1 = PetscAbsReal(v[k + 1]) - vr;
      if (a0 * a1 < 0) {
        PetscReal f = a0 / (a0 - a1), cur = i[k] + f * (i[k + 1] - i[k]);
        if (cur != 0) {
          R     = vr / PetscAbsReal(cur);
          *Rmin = PetscMin(*Rmin, R);
          *Rmax = PetscMax(*Rmax, R);
        }
      }
    }
  }
  if (*Rmax == 0) *Rmin = *Rmax = NAN;
}

/* One switching event of sign `dir` (+1 set, -1 reset) in cycle [k0,k1). lnG[k] is NaN where undefined. */
static void CycleEvent(PetscInt k0, PetscInt k1, const PetscReal t[], const PetscReal v[], const PetscReal i[], const PetscReal lnG[], PetscInt dir, const MfMetricsOptions *o, PetscBool *found, PetscReal *V, PetscReal *tsw, PetscReal *E, PetscReal *dlnG_seen)
{
  PetscInt  kb = -1, ke = -1, kon = k0, k90 = -1, kp = -1;
  PetscReal best = 0, lo = PETSC_MAX_REAL, hi = -PETSC_MAX_REAL, target, t90, e = 0;

  *found = PETSC_FALSE;
  *V = *tsw = *E = NAN;
  /* intervals between consecutive samples with a defined G: a state change across a sample without one (0 V
   * between the polarities) is seen too, e.g. a RESET that is complete at the first point of the negative
   * branch (the Table 1 PEI deck with R_s = 0 resets within the -0.1 V window) */
  for (PetscInt k = k0; k < k1; k++) {
    PetscReal r;
    if (!isfinite(lnG[k])) continue;
    if (kp >= 0) {
      r = dir * (lnG[k] - lnG[kp]) / (t[k] - t[kp]);
      if (r > best) {
        best = r;
        kb   = kp;
        ke   = k;
      }
    }
    kp = k;
  }
  if (kb < 0) return;
  for (PetscInt k = kb; k >= k0; k--)
    if (PetscAbsReal(v[k]) <= o->read_voltage) {
      kon = k;
      break;
    }
  /* ln G before (from onset to the event) and after (event to cycle end), in the event's direction */
  for (PetscInt k = kon; k <= kb; k++)
    if (isfinite(lnG[k])) lo = PetscMin(lo, dir * lnG[k]);
  for (PetscInt k = ke; k < k1; k++)
    if (isfinite(lnG[k])) hi = PetscMax(hi, dir * lnG[k]);
  *dlnG_seen = PetscMax(*dlnG_seen, hi - lo);
  if (!(hi - lo >= PetscLogReal(o->switch_ratio))) return;
  target = lo + 0.9 * (hi - lo);
  t90    = NAN;
  for (PetscInt k = ke; k < k1; k++) {
    if (!isfinite(lnG[k])) continue;
    if (dir * lnG[k] >= target) {
      k90 = k;
      /* interpolate within [k-1,k] when the previous sample is below the target */
      if (isfinite(lnG[k - 1]) && dir * lnG[k - 1] < target) t90 = t[k - 1] + (target - dir * lnG[k - 1]) / (dir * (lnG[k] - lnG[k - 1])) * (t[k] - t[k - 1]);
      else t90 = t[k];
      break;
    }
  }
  if (k90 < 0) return;
  for (PetscInt k = kon; k < k90; k++) {
    PetscReal tb = PetscMin(t[k + 1], t90), ta = t[k];
    if (tb <= ta) break;
    e += 0.5 * (v[k] * i[k] + v[k + 1] * i[k + 1]) * (tb - ta);
  }
  *found = PETSC_TRUE;
  /* the middle of the interval, unless the interval changes polarity (a read pulse or 0 V before the
   * ramp: the event happened at the end with the event's polarity) or the device voltage falls back across
   * it (a compliance took over and clamps V_dev = I_cc R: the midpoint would mix the ramp with the clamp;
   * the last voltage before it) */
  if (v[kb] * v[ke] <= 0) *V = dir * v[ke] > 0 ? v[ke] : v[kb];
  else if (PetscAbsReal(v[ke]) < PetscAbsReal(v[kb])) *V = v[kb];
  else *V = 0.5 * (v[kb] + v[ke]);
  *tsw   = t90 - t[kon];
  *E     = PetscAbsReal(e);
}

PetscErrorCode MfMetricsCompute(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], const PetscInt cycle[], const MfMetricsOptions *o, MfMetrics *m)
{
  PetscReal *lnG, *w, dlnG_seen = 0;
  PetscInt   nc = 1, c, k0, nw;

  PetscFunctionBeginUser;
  PetscCall(MfPostDataCheckArrays("metrics input", n, t, v, i));
  PetscCheck(o->read_voltage > 0 && o->switch_ratio > 1 && o->v_floor >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "metrics options: need read_voltage > 0 (got %g V), switch_ratio > 1 (got %g), v_floor >= 0 (got %g V)", (double)o->read_voltage, (double)o->switch_ratio, (double)o->v_floor);
  PetscCall(PetscMemzero(m, sizeof(*m)));
  m->read_voltage = o->read_voltage;
  if (cycle)
    for (PetscInt k = 1; k < n; k++) nc += cycle[k] != cycle[k - 1];
  PetscCall(PetscCalloc1(nc, &m->c));
  m->ncycles = nc;
  PetscCall(PetscMalloc2(n, &lnG, n, &w));
  for (PetscInt k = 0; k < n; k++) lnG[k] = (PetscAbsReal(v[k]) >= o->v_floor && v[k] != 0 && i[k] / v[k] > 0) ? PetscLogReal(i[k] / v[k]) : NAN;
  c  = 0;
  k0 = 0;
  for (PetscInt k = 1; k <= n; k++) {
    if (k < n && (!cycle || cycle[k] == cycle[k - 1])) continue;
    MfCycleMetrics *cm = &m->c[c];
    cm->cycle          = cycle ? cycle[k0] : 0;
    CycleRead(k0, k, v, i, o, &cm->R_on, &cm->R_off);
    cm->ratio = cm->R_off / cm->R_on;
    CycleEvent(k0, k, t, v, i, lnG, +1, o, &cm->set_found, &cm->V_set, &cm->t_set, &cm->E_set, &dlnG_seen);
    CycleEvent(k0, k, t, v, i, lnG, -1, o, &cm->reset_found, &cm->V_reset, &cm->t_reset, &cm->E_reset, &dlnG_seen);
    c++;
    k0 = k;
  }
  /* summaries */
  nw = 0;
  for (c = 0; c < nc; c++)
    if (isfinite(m->c[c].R_on)) w[nw++] = m->c[c].R_on;
  if (!nw) {
    PetscCall(PetscFree2(lnG, w));
    PetscCall(MfMetricsDestroy(m));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "no %s at the read voltage |V| = %g V in any of %" PetscInt_FMT " cycles (set -extract_read_voltage to a voltage the protocol visits)", o->read ? "read pulse" : "sample", (double)o->read_voltage, nc);
  }
  m->R_on = Median(nw, w);
  nw      = 0;
  for (c = 0; c < nc; c++)
    if (isfinite(m->c[c].R_off)) w[nw++] = m->c[c].R_off;
  m->R_off        = Median(nw, w);
  m->on_off_ratio = m->R_off / m->R_on;
  {
    PetscReal s[8] = {0}, q[2] = {0};
    PetscInt  vote[2] = {0, 0}, first[2] = {0, 0}, sp, rp;
    m->V_form = (o->forming && m->c[0].set_found) ? m->c[0].V_set : NAN;
    /* the device's SET (RESET) polarity: the sign most of the cycles (forming included) switch with, ties to
     * the first; a cycle that sets at the other polarity (e.g. an ECM filament re-grown from the active
     * electrode after a deep RESET) is counted apart, not averaged into V_set */
    for (c = 0; c < nc; c++) {
      const MfCycleMetrics *cm = &m->c[c];
      if (cm->set_found) {
        vote[0] += cm->V_set >= 0 ? 1 : -1;
        if (!first[0]) first[0] = cm->V_set >= 0 ? 1 : -1;
      }
      if (cm->reset_found) {
        vote[1] += cm->V_reset >= 0 ? 1 : -1;
        if (!first[1]) first[1] = cm->V_reset >= 0 ? 1 : -1;
      }
    }
    sp = vote[0] ? (vote[0] > 0 ? 1 : -1) : first[0];
    rp = vote[1] ? (vote[1] > 0 ? 1 : -1) : first[1];
    for (c = 0; c < nc; c++) {
      MfCycleMetrics *cm = &m->c[c];
      if (cm->set_found && !(o->forming && c == 0) && (cm->V_set >= 0 ? 1 : -1) != sp) m->nset_opposite++;
      else if (cm->set_found && !(o->forming && c == 0)) {
        m->nset++;
        s[0] += cm->V_set;
        q[0] += cm->V_set * cm->V_set;
        s[2] += cm->t_set;
        s[4] += cm->E_set;
      }
      if (cm->reset_found && (cm->V_reset >= 0 ? 1 : -1) != rp) m->nreset_opposite++;
      else if (cm->reset_found) {
        m->nreset++;
        s[1] += cm->V_reset;
        q[1] += cm->V_reset * cm->V_reset;
        s[3] += cm->t_reset;
        s[5] += cm->E_reset;
      }
    }
    m->V_set       = m->nset ? s[0] / m->nset : NAN;
    m->V_reset     = m->nreset ? s[1] / m->nreset : NAN;
    m->t_set       = m->nset ? s[2] / m->nset : NAN;
    m->t_reset     = m->nreset ? s[3] / m->nreset : NAN;
    m->E_set       = m->nset ? s[4] / m->nset : NAN;
    m->E_reset     = m->nreset ? s[5] / m->nreset : NAN;
    m->V_set_std   = m->nset > 1 ? PetscSqrtReal(PetscMax(0, (q[0] - s[0] * s[0] / m->nset) / (m->nset - 1))) : NAN;
    m->V_reset_std = m->nreset > 1 ? PetscSqrtReal(PetscMax(0, (q[1] - s[1] * s[1] / m->nreset) / (m->nreset - 1))) : NAN;
  }
  PetscCall(PetscFree2(lnG, w));
  if (!m->nset && !m->nreset && !m->nset_opposite && !m->nreset_opposite && isnan(m->V_form)) {
    PetscCall(MfMetricsDestroy(m));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "no switching found in %" PetscInt_FMT " cycle(s): the largest change of the conductance I/V across any event was a factor %g, below the criterion switch_ratio = %g (-extract_switch_ratio)", nc, (double)PetscExpReal(dlnG_seen), (double)o->switch_ratio);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfMetricsDestroy(MfMetrics *m)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(m->c));
  m->ncycles = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfRetentionFailureTime(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], PetscReal R_on, PetscReal R_off, PetscReal f, PetscReal *t_fail, PetscBool *found)
{
  PetscReal level, prev = NAN, tprev = NAN;
  PetscInt  dir = 0;

  PetscFunctionBeginUser;
  PetscCall(MfPostDataCheckArrays("retention record", n, t, v, i));
  PetscCheck(R_on > 0 && R_off > R_on && f > 0 && f < 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "retention criterion needs 0 < R_on < R_off and 0 < fraction < 1 (got R_on = %g Ohm, R_off = %g Ohm, fraction %g)", (double)R_on, (double)R_off, (double)f);
  level   = PetscLogReal(R_on) + f * PetscLogReal(R_off / R_on); /* ln of the failure resistance */
  *found  = PETSC_FALSE;
  *t_fail = NAN;
  for (PetscInt k = 0; k < n; k++) {
    PetscReal lnR;
    if (v[k] == 0 || i[k] == 0) continue;
    lnR = PetscLogReal(PetscAbsReal(v[k] / i[k]));
    if (!dir) dir = lnR < level ? +1 : -1; /* +1: LRS drifting up, -1: HRS drifting down */
    else if (dir * (lnR - level) >= 0) {
      *t_fail = tprev + (level - prev) / (lnR - prev) * (t[k] - tprev);
      *found  = PETSC_TRUE;
      break;
    }
    prev  = lnR;
    tprev = t[k];
  }
  PetscFunctionReturn(0);
}
