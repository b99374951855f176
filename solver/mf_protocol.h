#ifndef MF_PROTOCOL_H
#define MF_PROTOCOL_H
/* Bias waveforms of a run as piecewise-linear (t, V) breakpoints. The time loop solves the fields at
 * every breakpoint and lets the kinetics evolve over the window between consecutive ones. */
#include <petscsys.h>

typedef enum { MF_PROTOCOL_DC, MF_PROTOCOL_SWEEP, MF_PROTOCOL_PULSE, MF_PROTOCOL_RETENTION } MfProtocolType;
extern const char *const MfProtocolTypes[]; /* "dc","sweep","pulse","retention" */

typedef struct {
  MfProtocolType type;
  PetscReal v_dc_V;                 /* DC: constant bias */
  PetscReal v_max_V, v_min_V;       /* sweep: 0 -> v_max -> v_min -> 0 per cycle */
  PetscReal forming_V;              /* sweep: cycle 0 ramps to this voltage (>= v_max) instead of v_max: the
                                       forming step of a pristine cell; 0 = no forming step */
  PetscReal rate_V_per_s, step_V;
  PetscInt  cycles;
  PetscReal pulse_amplitude_V, pulse_width_s, pulse_rise_s, pulse_period_s;
  PetscInt  pulses;
  PetscInt  pulse_samples;          /* breakpoints on each pulse plateau (>= 1) */
  PetscReal read_voltage_V;         /* pulse trains: a read point at the end of each period; retention bias */
  PetscBool sweep_reads;            /* sweep: a read pulse after the SET (positive) and RESET (negative) branch */
  PetscReal read_width_s;           /* duration of a read pulse (sweep reads) */
  PetscReal duration_s;             /* retention: total time, log-spaced points */
  PetscInt  points;                 /* retention: number of points */
  PetscReal program_V;              /* retention: SET ramp 0 -> program_V -> 0 (rate, step) before the bake; 0 = none */
} MfProtocolSpec;

typedef struct {
  PetscInt   n;
  PetscReal *t_s, *V_V;
  PetscInt  *cycle;                 /* cycle / pulse index of each point */
  PetscBool *read;                  /* read point: bias V_read, the source's compliance is off (a read must
                                       measure the device, not the source limit) */
  PetscInt   forming_end;           /* points [1, forming_end) are the forming branch 0 -> forming_V -> 0 of
                                       cycle 0 (0: no forming step) */
} MfWaveform;

/* Register the protocol_* deck keys. */
PetscErrorCode MfProtocolRegisterKeys(void);
PetscErrorCode MfProtocolBuild(const MfProtocolSpec *spec, MfWaveform *w);
PetscErrorCode MfWaveformDestroy(MfWaveform *w);

#endif
