/* Bias protocols: DC, triangular sweeps (optionally with read pulses after each branch), pulse trains with
 * read points, and retention (optionally programmed first) with log-spaced reads. */
#include "mf_protocol.h"

const char *const MfProtocolTypes[] = {"dc", "sweep", "pulse", "retention", "MfProtocolType", "MF_PROTOCOL_", NULL};

typedef struct {
  PetscInt   n, cap;
  PetscReal *t, *V;
  PetscInt  *c;
  PetscBool *r;
} Builder;

static PetscErrorCode PushPoint(Builder *b, PetscReal t, PetscReal V, PetscInt cycle, PetscBool read)
{
  PetscFunctionBeginUser;
  if (b->n == b->cap) {
    PetscInt   cap = b->cap ? 2 * b->cap : 64;
    PetscReal *t2, *V2;
    PetscInt  *c2;
    PetscBool *r2;
    PetscCall(PetscMalloc4(cap, &t2, cap, &V2, cap, &c2, cap, &r2));
    if (b->n) {
      PetscCall(PetscArraycpy(t2, b->t, b->n));
      PetscCall(PetscArraycpy(V2, b->V, b->n));
      PetscCall(PetscArraycpy(c2, b->c, b->n));
      PetscCall(PetscArraycpy(r2, b->r, b->n));
    }
    PetscCall(PetscFree4(b->t, b->V, b->c, b->r));
    b->t = t2; b->V = V2; b->c = c2; b->r = r2; b->cap = cap;
  }
  b->t[b->n] = t; b->V[b->n] = V; b->c[b->n] = cycle; b->r[b->n] = read;
  b->n++;
  PetscFunctionReturn(0);
}

static PetscErrorCode Push(Builder *b, PetscReal t, PetscReal V, PetscInt cycle)
{
  return PushPoint(b, t, V, cycle, PETSC_FALSE);
}

/* A read pulse of length w at V_read after the last point (the source's compliance is off during it). */
static PetscErrorCode Read(Builder *b, PetscReal V_read, PetscReal w, PetscInt cycle)
{
  return PushPoint(b, b->t[b->n - 1] + w, V_read, cycle, PETSC_TRUE);
}

/* Linear ramp from V0 (at the time of the last point) to V_end in equal voltage steps no larger than step_V. */
static PetscErrorCode RampFrom(Builder *b, PetscReal V0, PetscReal V_end, PetscReal step_V, PetscReal rate, PetscInt cycle)
{
  PetscReal t0 = b->t[b->n - 1];
  PetscInt  n  = (PetscInt)PetscCeilReal(PetscAbsReal(V_end - V0) / step_V - 1e-9);

  PetscFunctionBeginUser;
  for (PetscInt k = 1; k <= n; k++) {
    PetscReal V = V0 + (V_end - V0) * (PetscReal)k / (PetscReal)n;
    PetscCall(Push(b, t0 + PetscAbsReal(V - V0) / rate, V, cycle));
  }
  PetscFunctionReturn(0);
}

/* Linear ramp from the last point's voltage. */
static PetscErrorCode Ramp(Builder *b, PetscReal V_end, PetscReal step_V, PetscReal rate, PetscInt cycle)
{
  return RampFrom(b, b->V[b->n - 1], V_end, step_V, rate, cycle);
}

static PetscErrorCode CheckRamp(const MfProtocolSpec *s, const char *what)
{
  PetscFunctionBeginUser;
  PetscCheck(s->rate_V_per_s > 0 && s->step_V > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.rate and protocol.step must be > 0 for %s (got %g V/s, %g V)", what, (double)s->rate_V_per_s, (double)s->step_V);
  PetscFunctionReturn(0);
}

/* Every bias point of a waveform is stored (and solved): a step of 1 nV or 1e9 pulses would exhaust the
 * memory before the run starts. Bound the count before building. */
#define MF_PROTOCOL_MAX_POINTS 10000000.0

static PetscErrorCode CheckPointCount(const MfProtocolSpec *s)
{
  PetscReal n = 0;

  PetscFunctionBeginUser;
  if (s->type == MF_PROTOCOL_SWEEP && s->step_V > 0) {
    const PetscReal up = PetscMax(PetscAbsReal(s->v_max_V), PetscAbsReal(s->forming_V)), down = PetscAbsReal(s->v_min_V);
    n = (PetscReal)s->cycles * (2 * (up + down) / s->step_V + 4);
    PetscCheck(n <= MF_PROTOCOL_MAX_POINTS, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.step %g V with protocol.v_max %g V, protocol.v_min %g V and protocol.cycles %" PetscInt_FMT " gives about %.3g bias points, more than the %.0f a run may have (each is a field solve): increase protocol.step or reduce protocol.cycles", (double)s->step_V, (double)s->v_max_V, (double)s->v_min_V, s->cycles, (double)n, MF_PROTOCOL_MAX_POINTS);
  }
  if (s->type == MF_PROTOCOL_PULSE) {
    n = (PetscReal)s->pulses * (PetscMax(1, s->pulse_samples) + 3);
    PetscCheck(n <= MF_PROTOCOL_MAX_POINTS, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.pulses %" PetscInt_FMT " gives about %.3g bias points, more than the %.0f a run may have (each is a field solve): reduce protocol.pulses", s->pulses, (double)n, MF_PROTOCOL_MAX_POINTS);
  }
  if (s->type == MF_PROTOCOL_RETENTION && s->program_V != 0 && s->step_V > 0) {
    n = 2 * (PetscAbsReal(s->program_V) + PetscAbsReal(s->read_voltage_V)) / s->step_V;
    PetscCheck(n <= MF_PROTOCOL_MAX_POINTS, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.step %g V with protocol.program_voltage %g V gives about %.3g bias points, more than the %.0f a run may have (each is a field solve): increase protocol.step", (double)s->step_V, (double)s->program_V, (double)n, MF_PROTOCOL_MAX_POINTS);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfProtocolBuild(const MfProtocolSpec *s, MfWaveform *w)
{
  Builder b = {0};

  PetscFunctionBeginUser;
  w->forming_end = 0;
  PetscCall(CheckPointCount(s));
  PetscCheck(s->type == MF_PROTOCOL_SWEEP || s->forming_V == 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.forming_voltage (%g V) applies to protocol.type sweep only (this protocol: %s)", (double)s->forming_V, MfProtocolTypes[s->type]);
  switch (s->type) {
  case MF_PROTOCOL_DC:
    PetscCall(Push(&b, 0.0, s->v_dc_V, 0));
    break;
  case MF_PROTOCOL_SWEEP:
    PetscCall(CheckRamp(s, "a sweep"));
    PetscCheck(s->v_max_V >= 0 && s->v_min_V <= 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "a sweep runs 0 -> protocol.v_max -> protocol.v_min -> 0: expected v_max >= 0 >= v_min (got %g V, %g V)", (double)s->v_max_V, (double)s->v_min_V);
    PetscCheck(!s->sweep_reads || (s->read_width_s > 0 && s->read_voltage_V > 0), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "sweep read pulses need protocol.read_width > 0 and device.read_voltage > 0 (got %g s, %g V)", (double)s->read_width_s, (double)s->read_voltage_V);
    PetscCheck(s->forming_V == 0 || s->forming_V >= s->v_max_V, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.forming_voltage (%g V) must be >= protocol.v_max (%g V): forming is the first, highest SET ramp of a pristine cell (0 = no forming step)", (double)s->forming_V, (double)s->v_max_V);
    PetscCall(Push(&b, 0.0, 0.0, 0));
    for (PetscInt c = 0; c < s->cycles; c++) {
      const PetscBool forming = (PetscBool)(c == 0 && s->forming_V > 0);
      PetscCall(Ramp(&b, forming ? s->forming_V : s->v_max_V, s->step_V, s->rate_V_per_s, c));
      if (s->sweep_reads) { /* 0 -> v_max -> 0, read (R_on), 0 -> v_min -> 0, read (R_off) */
        PetscCall(Ramp(&b, 0.0, s->step_V, s->rate_V_per_s, c));
        if (forming) w->forming_end = b.n;
        PetscCall(Read(&b, s->read_voltage_V, s->read_width_s, c));
        PetscCall(RampFrom(&b, 0.0, s->v_min_V, s->step_V, s->rate_V_per_s, c));
        PetscCall(Ramp(&b, 0.0, s->step_V, s->rate_V_per_s, c));
        PetscCall(Read(&b, s->read_voltage_V, s->read_width_s, c));
        if (c + 1 < s->cycles) PetscCall(Push(&b, b.t[b.n - 1] + s->step_V / s->rate_V_per_s, 0.0, c + 1)); /* back to 0 V for the next ramp */
      } else {
        if (forming) { /* forming ends at the return to 0 V; the RESET ramp follows as in every cycle */
          PetscCall(Ramp(&b, 0.0, s->step_V, s->rate_V_per_s, c));
          w->forming_end = b.n;
        }
        PetscCall(Ramp(&b, s->v_min_V, s->step_V, s->rate_V_per_s, c));
        PetscCall(Ramp(&b, 0.0, s->step_V, s->rate_V_per_s, c));
      }
    }
    break;
  case MF_PROTOCOL_PULSE: {
    PetscReal tr = s->pulse_rise_s, tw = s->pulse_width_s, T = s->pulse_period_s;
    PetscInt  ns = PetscMax(1, s->pulse_samples);
    PetscCheck(tw > 0 && tr >= 0 && T >= tw + 2 * tr, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "pulse timing needs protocol.pulse_width > 0, protocol.pulse_rise >= 0 and protocol.pulse_period >= width + 2 rise (got %g s, %g s, %g s)", (double)tw, (double)tr, (double)T);
    PetscCall(PushPoint(&b, 0.0, s->read_voltage_V, 0, PETSC_TRUE));
    for (PetscInt p = 0; p < s->pulses; p++) {
      PetscReal t0 = p * T;
      if (tr > 0) PetscCall(Push(&b, t0 + tr, s->pulse_amplitude_V, p));
      else PetscCall(Push(&b, t0 + 1e-3 * tw, s->pulse_amplitude_V, p));
      for (PetscInt k = 1; k <= ns; k++) PetscCall(Push(&b, t0 + tr + tw * (PetscReal)k / ns, s->pulse_amplitude_V, p));
      PetscCall(Push(&b, t0 + 2 * tr + tw + (tr > 0 ? 0 : 1e-3 * tw), s->read_voltage_V, p));
      PetscCall(PushPoint(&b, t0 + T, s->read_voltage_V, p, PETSC_TRUE)); /* read at the end of the period */
    }
  } break;
  case MF_PROTOCOL_RETENTION: {
    PetscInt np = PetscMax(2, s->points);
    PetscCheck(s->duration_s > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "protocol.duration must be > 0 for retention (got %g s)", (double)s->duration_s);
    PetscReal t_bake = 0.0;
    PetscInt  bake   = 0;
    PetscCall(PushPoint(&b, 0.0, s->read_voltage_V, 0, PETSC_TRUE));
    if (s->program_V != 0) { /* program (SET under compliance) at the bake temperature, then bake from t_bake */
      PetscCall(CheckRamp(s, "the retention programming ramp"));
      PetscCall(Ramp(&b, s->program_V, s->step_V, s->rate_V_per_s, 0));
      PetscCall(Ramp(&b, s->read_voltage_V, s->step_V, s->rate_V_per_s, 0));
      b.r[b.n - 1] = PETSC_TRUE;
      t_bake = b.t[b.n - 1];
      bake   = 1;
    }
    /* log-spaced from duration*1e-6 to duration: retention failures are log-time processes */
    PetscInt m = np - 1;
    for (PetscInt k = 0; k < m; k++) PetscCall(PushPoint(&b, t_bake + s->duration_s * PetscPowReal(10.0, m == 1 ? 0.0 : -6.0 + 6.0 * k / (m - 1)), s->read_voltage_V, bake, PETSC_TRUE));
  } break;
  }
  w->n = b.n; w->t_s = b.t; w->V_V = b.V; w->cycle = b.c; w->read = b.r;
  PetscFunctionReturn(0);
}

PetscErrorCode MfWaveformDestroy(MfWaveform *w)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(w->t_s, w->V_V, w->cycle, w->read));
  w->n = 0;
  PetscFunctionReturn(0);
}
