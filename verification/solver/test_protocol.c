/* Unit test: protocol waveforms have the exact breakpoints the deck asks for. */
#include "mf_protocol.h"

#define CHECK(c, ...) PetscCheck(c, PETSC_COMM_SELF, PETSC_ERR_PLIB, __VA_ARGS__)

int main(int argc, char **argv)
{
  MfProtocolSpec s = {0};
  MfWaveform     w;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* Triangular sweep 0 -> 1 -> -1 -> 0 V in 0.1 V steps at 1 V/s: 40 steps, 4 s per cycle. */
  s.type = MF_PROTOCOL_SWEEP; s.v_max_V = 1.0; s.v_min_V = -1.0; s.rate_V_per_s = 1.0; s.step_V = 0.1; s.cycles = 2;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + 2 * 40, "sweep points %" PetscInt_FMT " != 81", w.n);
  CHECK(PetscAbsReal(w.V_V[10] - 1.0) < 1e-14 && PetscAbsReal(w.t_s[10] - 1.0) < 1e-12, "peak at point 10: V=%g t=%g", (double)w.V_V[10], (double)w.t_s[10]);
  CHECK(PetscAbsReal(w.V_V[30] + 1.0) < 1e-14 && PetscAbsReal(w.t_s[30] - 3.0) < 1e-12, "trough at point 30");
  CHECK(PetscAbsReal(w.t_s[80] - 8.0) < 1e-12 && w.cycle[80] == 1 && w.cycle[40] == 0, "two cycles take 8 s");
  for (PetscInt i = 1; i < w.n; i++) CHECK(w.t_s[i] > w.t_s[i - 1], "time must increase at %" PetscInt_FMT, i);
  for (PetscInt i = 0; i < w.n; i++) CHECK(!w.read[i], "a plain sweep has no read pulses (point %" PetscInt_FMT ")", i);
  PetscCall(MfWaveformDestroy(&w));

  /* Sweep with read pulses (1 ms at 0.1 V): 0 -> 1 -> 0, read, 0 -> -1 -> 0, read; back to 0 V between cycles. */
  s.sweep_reads = PETSC_TRUE; s.read_width_s = 1e-3; s.read_voltage_V = 0.1;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + (20 + 1 + 20 + 1) + 1 + (20 + 1 + 20 + 1), "sweep with reads: %" PetscInt_FMT " points != 86", w.n);
  CHECK(w.read[21] && w.V_V[21] == 0.1 && PetscAbsReal(w.t_s[21] - 2.001) < 1e-12 && w.V_V[20] == 0.0, "read after the SET branch at t = 2.001 s (V=%g t=%g)", (double)w.V_V[21], (double)w.t_s[21]);
  CHECK(!w.read[22] && PetscAbsReal(w.V_V[22] + 0.1) < 1e-14 && PetscAbsReal(w.t_s[22] - 2.101) < 1e-12, "the RESET ramp restarts from 0 V after the read");
  CHECK(w.read[42] && PetscAbsReal(w.t_s[42] - 4.002) < 1e-12 && w.cycle[42] == 0, "read after the RESET branch closes cycle 0");
  CHECK(w.V_V[43] == 0.0 && w.cycle[43] == 1 && !w.read[43], "next cycle starts at 0 V");
  CHECK(w.read[w.n - 1] && w.cycle[w.n - 1] == 1, "last point is the RESET read of cycle 1");
  for (PetscInt i = 1; i < w.n; i++) CHECK(w.t_s[i] > w.t_s[i - 1], "time must increase at %" PetscInt_FMT, i);
  for (PetscInt i = 0; i < w.n; i++) CHECK(!w.read[i] || w.V_V[i] == 0.1, "reads are at the read voltage");
  CHECK(w.forming_end == 0, "no forming step unless protocol.forming_voltage is set");
  PetscCall(MfWaveformDestroy(&w));

  /* Forming step: cycle 0 ramps to 2 V (20 steps up, 20 down, then the read), cycle 1 to v_max = 1 V. */
  s.forming_V = 2.0;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + (40 + 1 + 20 + 1) + 1 + (20 + 1 + 20 + 1), "sweep with forming and reads: %" PetscInt_FMT " points != 106", w.n);
  CHECK(PetscAbsReal(w.V_V[20] - 2.0) < 1e-14 && PetscAbsReal(w.t_s[20] - 2.0) < 1e-12 && w.cycle[20] == 0, "forming peak 2 V at t = 2 s (V=%g t=%g)", (double)w.V_V[20], (double)w.t_s[20]);
  CHECK(w.forming_end == 41 && w.V_V[40] == 0.0 && w.read[41], "forming branch = points [1, 41), ending at 0 V before the read (end %" PetscInt_FMT ")", w.forming_end);
  {
    PetscReal vmax1 = 0;
    for (PetscInt i = 0; i < w.n; i++)
      if (w.cycle[i] == 1) vmax1 = PetscMax(vmax1, w.V_V[i]);
    CHECK(PetscAbsReal(vmax1 - 1.0) < 1e-14, "cycle 1 peaks at v_max = 1 V (got %g V)", (double)vmax1);
  }
  for (PetscInt i = 1; i < w.n; i++) CHECK(w.t_s[i] > w.t_s[i - 1], "time must increase at %" PetscInt_FMT, i);
  PetscCall(MfWaveformDestroy(&w));
  s.sweep_reads = PETSC_FALSE; /* without reads: 0 -> 2 -> 0 (forming ends at 0 V) -> -1 -> 0, then 0 -> 1 -> -1 -> 0 */
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + (40 + 20) + 40 && w.forming_end == 41 && w.V_V[40] == 0.0 && PetscAbsReal(w.V_V[50] + 1.0) < 1e-14, "sweep with forming: %" PetscInt_FMT " points, forming end %" PetscInt_FMT, w.n, w.forming_end);
  PetscCall(MfWaveformDestroy(&w));
  s.forming_V = 0.5; /* below v_max: refused */
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  PetscErrorCode ierrf = MfProtocolBuild(&s, &w);
  PetscCall(PetscPopErrorHandler());
  CHECK(ierrf != 0, "a forming voltage below v_max must be rejected");
  s.forming_V = 0; s.sweep_reads = PETSC_TRUE;
  s.read_width_s = 0;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  PetscErrorCode ierr0 = MfProtocolBuild(&s, &w);
  PetscCall(PetscPopErrorHandler());
  CHECK(ierr0 != 0, "read pulses of zero width must be rejected");
  s.sweep_reads = PETSC_FALSE;

  /* Pulse train: 3 pulses of 1 V, 1 us wide, 10 ns rise, 10 us period; read at 0.1 V. */
  s.type = MF_PROTOCOL_PULSE; s.pulse_amplitude_V = 1.0; s.pulse_width_s = 1e-6; s.pulse_rise_s = 1e-8;
  s.pulse_period_s = 1e-5; s.pulses = 3; s.pulse_samples = 4; s.read_voltage_V = 0.1;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + 3 * (1 + 4 + 2), "pulse points %" PetscInt_FMT, w.n);
  CHECK(PetscAbsReal(w.t_s[w.n - 1] - 3e-5) < 1e-18 && PetscAbsReal(w.V_V[w.n - 1] - 0.1) < 1e-15, "train ends with a read at 30 us");
  CHECK(PetscAbsReal(w.t_s[5] - (1e-8 + 1e-6)) < 1e-18 && w.V_V[5] == 1.0, "end of first plateau");
  CHECK(w.read[0] && w.read[7] && !w.read[6] && !w.read[5], "reads: the initial point and the end of each period");
  PetscCall(MfWaveformDestroy(&w));

  /* Bad timing is refused with an error, not silently fixed. */
  s.pulse_period_s = 5e-7;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  PetscErrorCode ierr = MfProtocolBuild(&s, &w);
  PetscCall(PetscPopErrorHandler());
  CHECK(ierr != 0, "a period shorter than the pulse must be rejected");

  s.pulse_period_s = 1e-5; s.forming_V = 2.0; /* forming is a sweep's first cycle: refused for pulse trains */
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = MfProtocolBuild(&s, &w);
  PetscCall(PetscPopErrorHandler());
  CHECK(ierr != 0, "a forming voltage with a pulse train must be rejected");
  s.forming_V = 0;

  /* Retention: log-spaced points up to the duration. */
  s.type = MF_PROTOCOL_RETENTION; s.duration_s = 1e4; s.points = 8; s.read_voltage_V = 0.1;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 8 && PetscAbsReal(w.t_s[1] - 1e-2) < 1e-14 && PetscAbsReal(w.t_s[7] - 1e4) < 1e-8, "retention points");
  for (PetscInt i = 0; i < w.n; i++) CHECK(w.read[i] && w.cycle[i] == 0, "every retention point is a read of cycle 0");
  PetscCall(MfWaveformDestroy(&w));

  /* Retention after programming: pristine read, ramp 0.1 -> 1.0 -> 0.1 V in 0.1 V steps at 1 V/s (cycle 0,
   * 9 + 9 points, 1.8 s), then the bake (cycle 1) timed from the end of the programming. */
  s.program_V = 1.0; s.rate_V_per_s = 1.0; s.step_V = 0.1;
  PetscCall(MfProtocolBuild(&s, &w));
  CHECK(w.n == 1 + 18 + 7, "programmed retention: %" PetscInt_FMT " points != 26", w.n);
  CHECK(PetscAbsReal(w.V_V[9] - 1.0) < 1e-14 && !w.read[9] && w.read[18] && PetscAbsReal(w.t_s[18] - 1.8) < 1e-12 && w.cycle[18] == 0, "programming ramp");
  CHECK(w.cycle[19] == 1 && PetscAbsReal(w.t_s[19] - (1.8 + 1e-2)) < 1e-12 && PetscAbsReal(w.t_s[25] - (1.8 + 1e4)) < 1e-8, "bake timed from the end of programming");
  PetscCall(MfWaveformDestroy(&w));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "protocol: all checks passed\n"));
  PetscCall(PetscFinalize());
  return 0;
}
