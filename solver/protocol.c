/* Bias protocols: DC, triangular sweeps, pulse trains with read points, and zero-bias retention. */
#include "mf_protocol.h"

const char *const MfProtocolTypes[] = {"dc", "sweep", "pulse", "retention", "MfProtocolType", "MF_PROTOCOL_", NULL};

typedef struct {
  PetscInt   n, cap;
  PetscReal *t, *V;
  PetscInt  *c;
} Builder;

static PetscErrorCode Push(Builder *b, PetscReal t, PetscReal V, PetscInt cycle)
{
  PetscFunctionBeginUser;
  if (b->n == b->cap) {
    PetscInt   cap = b->cap ? 2 * b->cap : 64;
    PetscReal *t2, *V2;
    PetscInt  *c2;
    PetscCall(PetscMalloc3(cap, &t2, cap, &V2, cap, &c2));
    if (b->n) {
      PetscCall(PetscArraycpy(t2, b->t, b->n));
      PetscCall(PetscArraycpy(V2, b->V, b->n));
      PetscCall(PetscArraycpy(c2, b->c, b->n));
    }
    PetscCall(PetscFree3(b->t, b->V, b->c));
    b->t = t2; b->V = V2; b->c = c2; b->cap = cap;
  }
  b->t[b->n] = t; b->V[b->n] = V; b->c[b->n] = cycle;
  b->n++;
  PetscFunctionReturn(0);
}

/* Linear ramp from the last point to V_end in equal voltage steps no larger than step_V. */
static PetscErrorCode Ramp(Builder *b, PetscReal V_end, PetscReal step_V, PetscReal rate, PetscInt cycle)
{
  PetscReal V0 = b->V[b->n - 1], t0 = b->t[b->n - 1];
  PetscInt  n  = (PetscInt)PetscCeilReal(PetscAbsReal(V_end - V0) / step_V - 1e-9);

  PetscFunctionBeginUser;
  for (PetscInt k = 1; k <= n; k++) {
    PetscReal V = V0 + (V_end - V0) * (PetscReal)k / (PetscReal)n;
    PetscCall(Push(b, t0 + PetscAbsReal(V - V0) / rate, V, cycle));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfProtocolBuild(const MfProtocolSpec *s, MfWaveform *w)
{
  Builder b = {0};

  PetscFunctionBeginUser;
  switch (s->type) {
  case MF_PROTOCOL_DC:
    PetscCall(Push(&b, 0.0, s->v_dc_V, 0));
    break;
  case MF_PROTOCOL_SWEEP:
    PetscCheck(s->rate_V_per_s > 0 && s->step_V > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "protocol.rate and protocol.step must be > 0 for a sweep (got %g V/s, %g V)", (double)s->rate_V_per_s, (double)s->step_V);
    PetscCheck(s->v_max_V >= 0 && s->v_min_V <= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "a sweep runs 0 -> protocol.v_max -> protocol.v_min -> 0: expected v_max >= 0 >= v_min (got %g V, %g V)", (double)s->v_max_V, (double)s->v_min_V);
    PetscCall(Push(&b, 0.0, 0.0, 0));
    for (PetscInt c = 0; c < s->cycles; c++) {
      PetscCall(Ramp(&b, s->v_max_V, s->step_V, s->rate_V_per_s, c));
      PetscCall(Ramp(&b, s->v_min_V, s->step_V, s->rate_V_per_s, c));
      PetscCall(Ramp(&b, 0.0, s->step_V, s->rate_V_per_s, c));
    }
    break;
  case MF_PROTOCOL_PULSE: {
    PetscReal tr = s->pulse_rise_s, tw = s->pulse_width_s, T = s->pulse_period_s;
    PetscInt  ns = PetscMax(1, s->pulse_samples);
    PetscCheck(tw > 0 && tr >= 0 && T >= tw + 2 * tr, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "pulse timing needs protocol.pulse_width > 0, protocol.pulse_rise >= 0 and protocol.pulse_period >= width + 2 rise (got %g s, %g s, %g s)", (double)tw, (double)tr, (double)T);
    PetscCall(Push(&b, 0.0, s->read_voltage_V, 0));
    for (PetscInt p = 0; p < s->pulses; p++) {
      PetscReal t0 = p * T;
      if (tr > 0) PetscCall(Push(&b, t0 + tr, s->pulse_amplitude_V, p));
      else PetscCall(Push(&b, t0 + 1e-3 * tw, s->pulse_amplitude_V, p));
      for (PetscInt k = 1; k <= ns; k++) PetscCall(Push(&b, t0 + tr + tw * (PetscReal)k / ns, s->pulse_amplitude_V, p));
      PetscCall(Push(&b, t0 + 2 * tr + tw + (tr > 0 ? 0 : 1e-3 * tw), s->read_voltage_V, p));
      PetscCall(Push(&b, t0 + T, s->read_voltage_V, p)); /* read at the end of the period */
    }
  } break;
  case MF_PROTOCOL_RETENTION: {
    PetscInt np = PetscMax(2, s->points);
    PetscCheck(s->duration_s > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "protocol.duration must be > 0 for retention (got %g s)", (double)s->duration_s);
    PetscCall(Push(&b, 0.0, s->read_voltage_V, 0));
    /* log-spaced from duration*1e-6 to duration: retention failures are log-time processes */
    PetscInt m = np - 1;
    for (PetscInt k = 0; k < m; k++) PetscCall(Push(&b, s->duration_s * PetscPowReal(10.0, m == 1 ? 0.0 : -6.0 + 6.0 * k / (m - 1)), s->read_voltage_V, 0));
  } break;
  }
  w->n = b.n; w->t_s = b.t; w->V_V = b.V; w->cycle = b.c;
  PetscFunctionReturn(0);
}

PetscErrorCode MfWaveformDestroy(MfWaveform *w)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree3(w->t_s, w->V_V, w->cycle));
  w->n = 0;
  PetscFunctionReturn(0);
}
