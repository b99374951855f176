#ifndef MF_SWEEP_H
#define MF_SWEEP_H
/* Parameter studies and ensembles across MPI sub-communicators, restartable (library mf_sweep).
 *
 *   study.yaml --MfStudyLoad--> points (index -> key/value texts), deterministic from the file alone
 *   MfSweepMain: split the world into sub-communicators of -sweep_ranks_per_point ranks; each group's leader
 *   takes the next unfinished point from a shared counter (MPI one-sided Fetch_and_op on world rank 0, no
 *   idle master rank), the group runs it through the user's MfSweepPointFn and writes point_NNNN/result.json
 *   atomically; rank 0 finally writes results.csv and results.json sorted by point index.
 *   A restarted sweep (-sweep_restart) skips every point with a valid result.json; manifest.json (study hash,
 *   deck hash, point list) refuses a resume against a changed study or deck.
 *
 * Study file (YAML):
 *   name: bending_compliance           (optional; default: file name without extension)
 *   deck: inputs/default.yaml          (required; relative to the working directory, else to the study file)
 *   mode: grid | list | lhs | ensemble
 *   parameters:                        deck keys, dotted or flattened (bending.radius == bending_radius)
 *     bending.radius: [20 mm, 10 mm]   a list of values (texts, may carry units), or
 *     device.compliance: {min: 1e-5 A, max: 1e-3 A, n: 3, scale: log}  (n values; in lhs mode no n)
 *   samples: 20, seed: 7               (lhs: number of samples and design seed)
 *   seeds: 32, seed: 1000, seed_key: kmc_seed   (ensemble: key = seed + k, k = 0..seeds-1, for every design point)
 *   fixed: {protocol.cycles: 3}        (same value at every point)
 *   output: results/bending_compliance (default results/<name>; -sweep_output wins)
 *   ranks_per_point: 1                 (default for -sweep_ranks_per_point)
 */
#include <petscsys.h>

#define MF_SWEEP_MAX_METRICS 32
#define MF_SWEEP_NAME_LEN    64
#define MF_SWEEP_ERROR_LEN   1024

/* Named scalar results of one point. The callback fills them with MfSweepMetricsSet (names should carry the
 * unit, e.g. "R_on_Ohm", "V_set_V"); NaN is allowed and is written as null/empty. A callback may declare a
 * point failed without a PETSc error (e.g. a non-physical result) with MfSweepMetricsFail. */
typedef struct {
  PetscInt  n;
  char      name[MF_SWEEP_MAX_METRICS][MF_SWEEP_NAME_LEN];
  PetscReal value[MF_SWEEP_MAX_METRICS];
  PetscBool failed;
  char      error[MF_SWEEP_ERROR_LEN];
} MfSweepMetrics;

/* Run one point on the sub-communicator `sub` (all of its ranks call it with the same arguments).
 * keys[] are option names without '-' (deck keys flattened with '_'), values[] their texts (may carry units).
 * For the duration of the call the sweep also sets "-key value" in the PETSc options database of every rank
 * of `sub` (restored afterwards, see -sweep_set_options), so a run that reads its configuration from the
 * options database needs no extra work. point_outdir exists, is empty and belongs to this point.
 * A non-zero return marks the point failed with the PETSc error message; the sweep goes on. Contract: a
 * failure must be collective on `sub` (every rank returns an error, as PETSc does for collective errors),
 * otherwise the ranks that did not fail may wait forever in a collective of the point. */
typedef PetscErrorCode (*MfSweepPointFn)(MPI_Comm sub, const char *deck_path, PetscInt nkeys, const char *const keys[], const char *const values[], const char *point_outdir, void *ctx, MfSweepMetrics *metrics);

PetscErrorCode MfSweepMetricsReset(MfSweepMetrics *m);
/* Add the metric `name` or overwrite its value; error when MF_SWEEP_MAX_METRICS names are exceeded or the
 * name is not a plain identifier ([A-Za-z0-9_.-]). */
PetscErrorCode MfSweepMetricsSet(MfSweepMetrics *m, const char *name, PetscReal value);
PetscErrorCode MfSweepMetricsGet(const MfSweepMetrics *m, const char *name, PetscReal *value, PetscBool *found);
PetscErrorCode MfSweepMetricsFail(MfSweepMetrics *m, const char *message);

/* ------------------------------------------------------------------------------------------- study */
typedef enum { MF_STUDY_GRID = 0, MF_STUDY_LIST = 1, MF_STUDY_LHS = 2, MF_STUDY_ENSEMBLE = 3 } MfStudyMode;

typedef struct {
  char          name[PETSC_MAX_PATH_LEN];
  char          path[PETSC_MAX_PATH_LEN];   /* study file as given */
  char          deck[PETSC_MAX_PATH_LEN];   /* resolved deck path */
  char          output[PETSC_MAX_PATH_LEN]; /* output folder from the study (may be overridden) */
  MfStudyMode   mode;
  PetscInt      ranks_per_point;            /* 0 when the study does not say */
  PetscInt      nkeys;                      /* swept keys, then the seed key, then fixed keys */
  char        **keys;                       /* [nkeys] option names without '-' */
  PetscInt      npoints;
  char        **values;                     /* [npoints*nkeys], row-major by point */
  unsigned long long points_hash;           /* FNV-1a 64 of keys and every point's values */
  unsigned long long deck_hash;             /* FNV-1a 64 of the deck file's bytes */
} MfStudy;

/* Parse and expand a study (every rank may call it; no communication). Errors name the file, line and key
 * and say what was expected. Point order: grid = Cartesian product with the first listed key varying
 * slowest; list = zipped (all lists of equal length); lhs = Latin hypercube of `samples` points
 * (gsl_rng mt19937 seeded with `seed`); ensemble = grid over the parameters (possibly none) x seeds, the
 * seed varying fastest. */
PetscErrorCode MfStudyLoad(const char *path, MfStudy *study);
PetscErrorCode MfStudyDestroy(MfStudy *study);
const char    *MfStudyModeName(MfStudyMode mode);
/* Value of key `k` at point `p`. */
static inline const char *MfStudyValue(const MfStudy *s, PetscInt p, PetscInt k) { return s->values[p * s->nkeys + k]; }

/* Latin hypercube design on the unit cube: u[i*dim + j] in [0,1) with exactly one of the n samples in each
 * of the n strata [m/n, (m+1)/n) of every dimension j (McKay, Beckman & Conover, Technometrics 21, 239
 * (1979)); random permutation per dimension (gsl_ran_shuffle) and a uniform jitter inside the stratum. */
PetscErrorCode MfLatinHypercube(PetscInt n, PetscInt dim, unsigned long seed, PetscReal u[]);

/* ------------------------------------------------------------------------------------------- driver */
/* `memflex sweep study.yaml`. Options (prefix -sweep_):
 *   -sweep_ranks_per_point n  ranks of one sub-communicator (world size must be a multiple of n)
 *   -sweep_output dir         results folder (default: study `output`, else results/<name>)
 *   -sweep_restart            resume the sweep in the output folder (start it when there is none)
 *   -sweep_retry_failed       with -sweep_restart: run again the points recorded as failed
 *   -sweep_stop_after n       each sub-communicator stops after n points of this invocation and the process
 *                             ends without writing the table, as if killed (used to test restarts)
 *   -sweep_dry_run            print the point table and exit
 *   -sweep_progress <bool>    progress lines (default true)
 *   -sweep_set_options <bool> set each point's keys in the options database during the call (default true)
 * Collective on world. Failed points do not make it fail; it fails on bad input (study, options, folder). */
PetscErrorCode MfSweepMain(MPI_Comm world, const char *study_path, MfSweepPointFn fn, void *ctx);

#endif
