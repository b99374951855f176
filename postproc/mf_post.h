#ifndef MF_POST_H
#define MF_POST_H
/* Post-processing: device metrics and compact-model extraction (library mf_post).
 *
 *   MfPostDataRead       timeseries.csv of a run  -> validated arrays (t, V_dev, I, optional columns)
 *   MfMetricsCompute     arrays -> R_on, R_off, on/off, V_set, V_reset, switching time, energy, per cycle
 *   MfWeibullFit, MfArrheniusFit, MfMultilevelAnalyse   ensemble / retention / pulse-train statistics
 *   MfCompact*           VTEAM, Stanford/ASU gap and Yakopcic models: rates, currents, GSL ODE replay
 *   MfCompactFit         gsl_multifit_nlinear fit with parameter uncertainties from Jacobian + residual
 *   MfCompactWrite*      parameters.json, Verilog-A card (.va), ngspice subcircuit (.cir)
 *   MfExtractMain        `memflex extract ...` (options prefix -extract_)
 * All quantities SI (V, A, Ohm, s, J, K, m), energies of activation in eV where the models define them so. */
#include <petscsys.h>
#include "mf_io.h"

/* ------------------------------------------------------------------ time series (input contract) */
typedef struct {
  PetscInt   n;           /* number of rows */
  PetscReal *t;           /* t_s, strictly increasing */
  PetscReal *v;           /* device voltage: Vdev_V when present, else V_V */
  PetscReal *vsrc;        /* V_V (source voltage) */
  PetscReal *i;           /* I_A */
  PetscReal *T_amb;       /* T_ambient_K or NULL */
  PetscInt  *cycle;       /* cycle or NULL */
  PetscBool *read;        /* read-pulse mask (column "read") or NULL */
  PetscReal  read_voltage;     /* from "# read_voltage_V: x" comment; valid when has_read_voltage */
  PetscBool  has_read_voltage;
  PetscBool  forming;          /* "# forming_cycle: 0": the first cycle is a forming step (protocol.forming_voltage) */
  char       source[PETSC_MAX_PATH_LEN];
} MfPostData;

/* Read a memflex timeseries.csv (or the one inside a run folder). Every defect is an error that names
 * the file, line and column: empty file, missing t_s/V_V/I_A, non-numeric or non-finite value, wrong
 * number of fields, time not strictly increasing, fewer than 3 rows. */
PetscErrorCode MfPostDataRead(const char *path, MfPostData *d);
/* Same checks on in-memory arrays (used by MfMetricsCompute and the fits); `what` names the data set. */
PetscErrorCode MfPostDataCheckArrays(const char *what, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[]);
PetscErrorCode MfPostDataFromArrays(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], MfPostData *d);
PetscErrorCode MfPostDataDestroy(MfPostData *d);

/* ------------------------------------------------------------------ switching metrics */
typedef struct {
  PetscReal read_voltage;    /* V; R is |V|/|I| where |V| = read_voltage (interpolated crossings/plateaus) */
  PetscReal switch_ratio;    /* a cycle switches when G changes by at least this factor (default 2) */
  PetscReal v_floor;         /* |V| below this is ignored in G = I/V (default 0.25*read_voltage) */
  PetscReal fail_fraction;   /* retention/endurance criterion on ln R between R_on and R_off (0.5) */
  const PetscBool *read;     /* optional [n] mask of read pulses (protocol.read): when given, R_on/R_off of a
                                cycle come only from these samples (default NULL: every sample on the read level) */
  PetscBool forming;         /* the first cycle is the forming step of a pristine cell (protocol.forming_voltage):
                                its SET is V_form, not part of V_set's mean and spread (default false) */
} MfMetricsOptions;

typedef struct {
  PetscInt  cycle;
  PetscReal R_on, R_off, ratio;  /* Ohm, Ohm, - (NaN when no read point in the cycle) */
  PetscReal V_set, V_reset;      /* V (NaN when not found) */
  PetscReal t_set, t_reset;      /* s: stimulus onset (|V| leaves the read level) to 90 % of the ln G change */
  PetscReal E_set, E_reset;      /* J: integral of V*I over the same window */
  PetscBool set_found, reset_found;
} MfCycleMetrics;

typedef struct {
  PetscReal      read_voltage;
  PetscInt       ncycles;
  MfCycleMetrics *c;         /* [ncycles], in cycle order; free with MfMetricsDestroy */
  /* summary over cycles that found the quantity: median R, mean and standard deviation of the rest */
  PetscReal      R_on, R_off, on_off_ratio;
  PetscReal      V_set, V_reset, V_set_std, V_reset_std;
  PetscReal      V_form;     /* SET voltage of the forming cycle (options.forming; NaN otherwise or when not found) */
  PetscReal      t_set, t_reset, E_set, E_reset;
  PetscInt       nset, nreset; /* cycles whose SET (the forming cycle's excluded) / RESET was found at the
                                  device's polarity (the sign most cycles switch with) */
  PetscInt       nset_opposite, nreset_opposite; /* cycles that switched at the other polarity (not averaged) */
} MfMetrics;

PetscErrorCode MfMetricsOptionsDefault(PetscReal read_voltage, MfMetricsOptions *o);
/* cycle may be NULL (the whole record is one cycle). Errors: invalid arrays, no read point at all, no
 * switching found anywhere (names the criterion and the largest conductance change seen). */
PetscErrorCode MfMetricsCompute(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], const PetscInt cycle[], const MfMetricsOptions *o, MfMetrics *m);
PetscErrorCode MfMetricsDestroy(MfMetrics *m);
/* Retention: first time R(t) = |V|/|I| crosses the level exp(ln R_on + f ln(R_off/R_on)) coming from the
 * starting state (f = fail_fraction). *found = PETSC_FALSE when it never does (censored). */
PetscErrorCode MfRetentionFailureTime(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], PetscReal R_on, PetscReal R_off, PetscReal f, PetscReal *t_fail, PetscBool *found);

/* ------------------------------------------------------------------ statistics */
typedef struct { PetscReal mean, std, min, max; PetscInt n; } MfSummary;
PetscErrorCode MfSummaryCompute(PetscInt n, const PetscReal x[], MfSummary *s); /* skips NaN */
/* Weibull CDF F = 1 - exp(-(x/eta)^beta) by median-rank regression (Bernard F_i = (i-0.3)/(n+0.4)) of
 * ln(-ln(1-F)) on ln x; x > 0 (pass |V_set|). Returns shape beta, scale eta and their standard errors. */
PetscErrorCode MfWeibullFit(PetscInt n, const PetscReal x[], PetscReal *beta, PetscReal *eta, PetscReal *sbeta, PetscReal *seta, PetscReal *r2);
/* Arrhenius t_fail = tau0 exp(Ea/(kB T)): weighted linear fit of ln t on 1/(kB T) (kB in eV/K).
 * Also the temperature at which t_fail = t_target (10 years = 3.156e8 s) with its 1-sigma error. */
typedef struct { PetscReal Ea_eV, sEa_eV, tau0_s, sln_tau0, T_target_K, sT_target_K, t_target_s, r2; PetscInt n; } MfArrhenius;
PetscErrorCode MfArrheniusFit(PetscInt n, const PetscReal T_K[], const PetscReal t_fail_s[], PetscReal t_target_s, MfArrhenius *a);
/* Pulse-train (LTP then LTD, or one of them) conductance sequence G[0..n-1] read after each pulse.
 * Nonlinearity as in NeuroSim (Chen et al., IEEE TCAD 37, 3067 (2018)): G(P) = B(1 - exp(-P/A)) + G_min,
 * fitted A, reported as A/P_max (large = linear); also the max deviation from the straight line divided
 * by the conductance range. Distinguishable states: levels separated by more than `resolution` (relative). */
typedef struct {
  PetscReal A_norm;        /* A / P_max */
  PetscReal nl_maxdev;     /* max |G - G_lin| / (G_max - G_min) */
  PetscReal G_min, G_max, dynamic_range;
  PetscInt  n_states;
} MfPulseTrainMetrics;
PetscErrorCode MfPulseTrainAnalyse(PetscInt n, const PetscReal G[], PetscBool depression, PetscReal resolution, MfPulseTrainMetrics *m);

/* ------------------------------------------------------------------ compact models */
typedef enum { MF_COMPACT_VTEAM = 0, MF_COMPACT_STANFORD = 1, MF_COMPACT_YAKOPCIC = 2, MF_COMPACT_NKINDS = 3 } MfCompactKind;
#define MF_COMPACT_MAX_PARAMS 20

typedef struct {
  const char *name;   /* identifier used in JSON, Verilog-A, SPICE and -extract_param */
  const char *unit;
  PetscReal   def;    /* reference default (source in mf_compact.c) */
  PetscBool   fit;    /* free in the default fit */
  const char *help;
} MfCompactParamInfo;

typedef struct {
  MfCompactKind kind;
  PetscInt      np;
  PetscReal     p[MF_COMPACT_MAX_PARAMS];
  PetscBool     free[MF_COMPACT_MAX_PARAMS];
} MfCompactModel;

const char    *MfCompactKindName(MfCompactKind k);
PetscErrorCode MfCompactKindFromName(const char *name, MfCompactKind *k);
PetscErrorCode MfCompactGetParamInfo(MfCompactKind k, const MfCompactParamInfo **info, PetscInt *np);
PetscErrorCode MfCompactModelInit(MfCompactKind k, MfCompactModel *m); /* reference defaults, default free set */
PetscErrorCode MfCompactParamIndex(const MfCompactModel *m, const char *name, PetscInt *idx);
PetscErrorCode MfCompactSetParam(MfCompactModel *m, const char *name, PetscReal value);
/* Pointwise model (device voltage v in V, state in SI: VTEAM w [m], Stanford gap g [m], Yakopcic x [-]). */
PetscReal MfCompactRate(const MfCompactModel *m, PetscReal v, PetscReal state);    /* d state/dt */
PetscReal MfCompactCurrent(const MfCompactModel *m, PetscReal v, PetscReal state); /* A */
PetscReal MfCompactStateScale(const MfCompactModel *m);  /* typical magnitude of the state (ODE scaling) */
PetscReal MfCompactInitialState(const MfCompactModel *m);
/* Integrate the state ODE with gsl_odeiv2 (BDF, msbdf) under v(t) linear between the samples and
 * return state and current at every sample. state/current may be NULL. */
PetscErrorCode MfCompactReplay(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], PetscReal state[], PetscReal current[]);

/* ------------------------------------------------------------------ fit */
typedef struct {
  PetscReal current_floor; /* A; residual r = (I_model - I_data)/max(|I_data|, floor); <=0: 1e-3 max|I| */
  PetscInt  max_iter;      /* default 200 */
  PetscReal xtol, gtol, ftol;
} MfFitOptions;

typedef struct {
  MfCompactModel model;                     /* fitted parameters (fixed ones unchanged) */
  PetscReal      sigma[MF_COMPACT_MAX_PARAMS];   /* 1-sigma standard error (0 when fixed) */
  PetscReal      ci95_lo[MF_COMPACT_MAX_PARAMS], ci95_hi[MF_COMPACT_MAX_PARAMS];
  PetscReal      sigma_log[MF_COMPACT_MAX_PARAMS]; /* standard error of ln|p| (fit variable) */
  PetscInt       nfree, npoints, niter, nfev;
  PetscReal      chi2, dof, s_rel;          /* s_rel = sqrt(chi2/dof): rms relative residual */
  PetscReal      cond;                      /* reciprocal condition number of J (gsl_multifit_nlinear_rcond) */
  char           stop_reason[64];
} MfFitResult;

PetscErrorCode MfFitOptionsDefault(MfFitOptions *o);
PetscErrorCode MfCompactFit(const MfCompactModel *guess, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], const MfFitOptions *o, MfFitResult *r);
/* Starting values from the measured metrics (R_on, R_off, V_set, V_reset, switching time). */
PetscErrorCode MfCompactGuess(MfCompactKind k, const MfMetrics *met, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], MfCompactModel *m);
/* Replay error of a model against data: rms of ln(|I_model|+floor) - ln(|I_data|+floor) and the rms
 * relative residual used by the fit. */
PetscErrorCode MfCompactReplayError(const MfCompactModel *m, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], PetscReal floor, PetscReal *rms_log, PetscReal *rms_rel);

/* ------------------------------------------------------------------ outputs (atomic: <path>.tmp then rename) */
PetscErrorCode MfCompactWriteVerilogA(const MfCompactModel *m, const char *path);
PetscErrorCode MfCompactWriteSpice(const MfCompactModel *m, const char *path); /* .subckt memflex_<model> p n */
/* A runnable ngspice deck: the subcircuit driven by a PWL source with the protocol (t, v), writing the
 * current to `outdata` with wrdata (columns: t, I). */
PetscErrorCode MfCompactWriteSpiceTestbench(const MfCompactModel *m, const char *subckt_path, PetscInt n, const PetscReal t[], const PetscReal v[], const char *outdata, const char *path);

/* `memflex extract <run_dir|timeseries.csv> [more...] -extract_model vteam|stanford|yakopcic
 *   -extract_read_voltage 0.1 -extract_output <dir> ...` (run with -help for all options). */
PetscErrorCode MfExtractMain(MPI_Comm comm, int argc, char **argv);

#endif
