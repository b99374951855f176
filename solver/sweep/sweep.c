/* memflex sweep: points of a study run on sub-communicators with dynamic assignment, restartable. */
#include "sweep_impl.h"
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

typedef struct {
  char      study[PETSC_MAX_PATH_LEN];
  char      output[PETSC_MAX_PATH_LEN];
  PetscInt  ranks_per_point;
  PetscBool restart, retry_failed, dry_run, progress, set_options;
  PetscInt  stop_after;
} SweepOptions;

/* First PETSc error raised while the handler is pushed: message and origin, quietly (no traceback print). */
typedef struct {
  PetscBool have;
  char      msg[MF_SWEEP_ERROR_LEN];
} SweepCatch;

static PetscErrorCode SweepCatchHandler(MPI_Comm comm, int line, const char *fun, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  SweepCatch *c = (SweepCatch *)ctx;
  (void)comm;
  if (p == PETSC_ERROR_INITIAL && !c->have) {
    const char *text = NULL;
    if (!mess || !mess[0] || !strcmp(mess, " ")) {
      if (PetscErrorMessage((int)n, &text, NULL)) text = NULL;
      mess = text ? text : "unknown error";
    }
    const char *base = file ? strrchr(file, '/') : NULL; /* source file name only: the table must not depend on build paths */
    snprintf(c->msg, sizeof(c->msg), "%s [in %s() at %s:%d]", mess, fun ? fun : "?", base ? base + 1 : (file ? file : "?"), line);
    c->have = PETSC_TRUE;
  }
  return n;
}

/* Turn a non-zero return into a message (the caught one, or PETSc's text for the code). */
static void SweepCatchFinish(SweepCatch *c, PetscErrorCode ierr)
{
  if (ierr && !c->have) {
    const char *text = NULL;
    if (PetscErrorMessage((int)ierr, &text, NULL)) text = NULL;
    snprintf(c->msg, sizeof(c->msg), "error code %d: %s", (int)ierr, text ? text : "unknown");
    c->have = PETSC_TRUE;
  }
}

static PetscErrorCode SweepGetOptions(MPI_Comm world, const char *study_path, const MfStudy *s, SweepOptions *o)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(o, sizeof(*o)));
  PetscCall(PetscStrncpy(o->study, study_path, sizeof(o->study)));
  PetscCall(PetscStrncpy(o->output, s->output, sizeof(o->output)));
  o->ranks_per_point = s->ranks_per_point > 0 ? s->ranks_per_point : 1;
  o->progress        = PETSC_TRUE;
  o->set_options     = PETSC_TRUE;
  PetscOptionsBegin(world, NULL, "memflex sweep: parameter studies and ensembles", "sweep");
  PetscCall(PetscOptionsInt("-sweep_ranks_per_point", "MPI ranks that run one point together", "MfSweepMain", o->ranks_per_point, &o->ranks_per_point, NULL));
  PetscCall(PetscOptionsString("-sweep_output", "results folder of the sweep", "MfSweepMain", o->output, o->output, sizeof(o->output), NULL));
  PetscCall(PetscOptionsBool("-sweep_restart", "resume the sweep found in the output folder", "MfSweepMain", o->restart, &o->restart, NULL));
  PetscCall(PetscOptionsBool("-sweep_retry_failed", "on restart, run the failed points again", "MfSweepMain", o->retry_failed, &o->retry_failed, NULL));
  PetscCall(PetscOptionsInt("-sweep_stop_after", "stop each sub-communicator after this many points (0: never)", "MfSweepMain", o->stop_after, &o->stop_after, NULL));
  PetscCall(PetscOptionsBool("-sweep_dry_run", "print the points and exit", "MfSweepMain", o->dry_run, &o->dry_run, NULL));
  PetscCall(PetscOptionsBool("-sweep_progress", "print a progress line after every point", "MfSweepMain", o->progress, &o->progress, NULL));
  PetscCall(PetscOptionsBool("-sweep_set_options", "set each point's keys in the options database during its run", "MfSweepMain", o->set_options, &o->set_options, NULL));
  PetscOptionsEnd();
  PetscCheck(o->ranks_per_point >= 1, world, PETSC_ERR_USER_INPUT, "-sweep_ranks_per_point %" PetscInt_FMT ": expected at least 1", o->ranks_per_point);
  PetscCheck(o->stop_after >= 0, world, PETSC_ERR_USER_INPUT, "-sweep_stop_after %" PetscInt_FMT ": expected 0 (never) or a positive count", o->stop_after);
  PetscFunctionReturn(0);
}

static PetscBool DirIsEmptyOrAbsent(const char *path)
{
  DIR           *d = opendir(path);
  struct dirent *e;
  PetscBool      empty = PETSC_TRUE;
  if (!d) return PETSC_TRUE; /* absent (a non-folder of that name fails later with a clear message) */
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      empty = PETSC_FALSE;
      break;
    }
  closedir(d);
  return empty;
}

/* Rank 0: validate or create the output folder and manifest, and list the points still to run. */
static PetscErrorCode SweepPrepare(const MfStudy *s, const SweepOptions *o, PetscInt *ntodo, PetscInt todo[], PetscInt *nprev_ok, PetscInt *nprev_failed)
{
  char        manifest[PETSC_MAX_PATH_LEN], dir[PETSC_MAX_PATH_LEN], path[PETSC_MAX_PATH_LEN], why[512];
  struct stat st;

  PetscFunctionBeginUser;
  *ntodo = *nprev_ok = *nprev_failed = 0;
  PetscCall(PetscSNPrintf(manifest, sizeof(manifest), "%s/manifest.json", o->output));
  if (!stat(manifest, &st)) {
    PetscCheck(o->restart, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "sweep output folder '%s' already holds a sweep (manifest.json): add -sweep_restart to resume it, or choose another folder with -sweep_output", o->output);
    PetscCall(MfSweepManifestCheck(s, manifest));
  } else {
    PetscCheck(DirIsEmptyOrAbsent(o->output), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "sweep output folder '%s' exists but holds no sweep manifest: choose an empty or new folder with -sweep_output", o->output);
    PetscCall(MfSweepMakePath(o->output));
    PetscCall(MfSweepManifestWrite(s, manifest));
  }
  for (PetscInt p = 0; p < s->npoints; p++) {
    MfSweepResult r;
    PetscBool     valid;
    PetscCall(MfSweepPointDir(o->output, p, dir, sizeof(dir)));
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/result.json", dir));
    if (stat(path, &st)) {
      todo[(*ntodo)++] = p;
      continue;
    }
    PetscCall(MfSweepResultRead(s, p, path, &r, &valid, why, sizeof(why)));
    if (!valid) {
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "[sweep] point %" PetscInt_FMT " will be recomputed: its result is not usable (%s)\n", p, why));
      todo[(*ntodo)++] = p;
    } else if (r.failed && o->retry_failed) todo[(*ntodo)++] = p;
    else if (r.failed) (*nprev_failed)++;
    else (*nprev_ok)++;
  }
  PetscFunctionReturn(0);
}

/* Run `fn` on rank 0 of world under the catch handler and raise the same error on every rank. */
#define SWEEP_RANK0(world, rank, call) \
  do { \
    SweepCatch     c_ = {PETSC_FALSE, ""}; \
    PetscErrorCode e_ = 0; \
    if ((rank) == 0) { \
      PetscCall(PetscPushErrorHandler(SweepCatchHandler, &c_)); \
      e_ = (call); \
      PetscCall(PetscPopErrorHandler()); \
      SweepCatchFinish(&c_, e_); \
    } \
    PetscCallMPI(MPI_Bcast(&e_, 1, MPI_INT, 0, (world))); \
    if (e_) { \
      PetscCallMPI(MPI_Bcast(c_.msg, sizeof(c_.msg), MPI_CHAR, 0, (world))); \
      SETERRQ((world), e_, "%s", c_.msg); \
    } \
  } while (0)

/* Set the point's keys as options for the duration of the run; remember what was there before. */
static PetscErrorCode PointOptionsPush(const MfStudy *s, PetscInt p, char **old, PetscBool *had)
{
  char name[160], buf[4096];

  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < s->nkeys; k++) {
    PetscCall(PetscSNPrintf(name, sizeof(name), "-%s", s->keys[k]));
    PetscCall(PetscOptionsGetString(NULL, NULL, name, buf, sizeof(buf), &had[k]));
    old[k] = NULL;
    if (had[k]) PetscCall(PetscStrallocpy(buf, &old[k]));
    PetscCall(PetscOptionsSetValue(NULL, name, MfStudyValue(s, p, k)));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode PointOptionsPop(const MfStudy *s, char **old, const PetscBool *had)
{
  char name[160];

  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < s->nkeys; k++) {
    PetscCall(PetscSNPrintf(name, sizeof(name), "-%s", s->keys[k]));
    if (had[k]) PetscCall(PetscOptionsSetValue(NULL, name, old[k][0] ? old[k] : NULL));
    else PetscCall(PetscOptionsClearValue(NULL, name));
    PetscCall(PetscFree(old[k]));
  }
  PetscFunctionReturn(0);
}

/* One point on the sub-communicator: clean folder, call, collective failure agreement, result file. */
static PetscErrorCode SweepRunPoint(MPI_Comm sub, const MfStudy *s, const SweepOptions *o, PetscInt p, MfSweepPointFn fn, void *ctx, MfSweepResult *r)
{
  PetscMPIInt    srank, ssize, first_bad;
  char           dir[PETSC_MAX_PATH_LEN], path[PETSC_MAX_PATH_LEN], **old = NULL;
  PetscBool     *had = NULL;
  SweepCatch     c   = {PETSC_FALSE, ""};
  PetscErrorCode ierr;
  double         t0 = MPI_Wtime();

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(sub, &srank));
  PetscCallMPI(MPI_Comm_size(sub, &ssize));
  PetscCall(PetscMemzero(r, sizeof(*r)));
  r->index = p;
  r->ranks = ssize;
  PetscCall(MfSweepPointDir(o->output, p, dir, sizeof(dir)));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/result.json", dir));
  if (srank == 0) {
    /* a folder left by an interrupted run of this point (no result.json) is cleared: the point restarts */
    PetscCall(MfSweepRemoveTree(dir));
    PetscCall(MfSweepMakePath(dir));
  }
  PetscCallMPI(MPI_Barrier(sub));

  PetscCall(PetscMalloc2(s->nkeys, &old, s->nkeys, &had));
  if (o->set_options) PetscCall(PointOptionsPush(s, p, old, had));
#if defined(PETSC_USE_DEBUG)
  int stack_depth = petscstack.currentsize; /* an error return skips the callee's stack pops */
#endif
  PetscCall(PetscPushErrorHandler(SweepCatchHandler, &c));
  ierr = fn(sub, s->deck, s->nkeys, (const char *const *)s->keys, (const char *const *)&s->values[p * s->nkeys], dir, ctx, &r->m);
  PetscCall(PetscPopErrorHandler());
#if defined(PETSC_USE_DEBUG)
  petscstack.currentsize = stack_depth;
#endif
  if (o->set_options) PetscCall(PointOptionsPop(s, old, had));
  PetscCall(PetscFree2(old, had));
  SweepCatchFinish(&c, ierr);
  if (ierr) {
    r->m.failed = PETSC_TRUE;
    PetscCall(PetscStrncpy(r->m.error, c.msg, sizeof(r->m.error)));
  } else if (r->m.failed && !r->m.error[0]) PetscCall(PetscStrcpy(r->m.error, "point declared failed by the run"));

  /* every rank of the group records the same outcome: the message of the lowest failing rank */
  {
    PetscMPIInt mine = r->m.failed ? srank : ssize;
    PetscCallMPI(MPI_Allreduce(&mine, &first_bad, 1, MPI_INT, MPI_MIN, sub));
  }
  if (first_bad < ssize) {
    r->m.failed = PETSC_TRUE;
    PetscCallMPI(MPI_Bcast(r->m.error, sizeof(r->m.error), MPI_CHAR, first_bad, sub));
  }
  r->failed = r->m.failed;
  r->wall_s = MPI_Wtime() - t0;
  if (srank == 0) PetscCall(MfSweepResultWrite(s, p, r, path));
  PetscFunctionReturn(0);
}

static PetscErrorCode SweepDryRun(MPI_Comm world, const MfStudy *s, const SweepOptions *o)
{
  PetscFunctionBeginUser;
  PetscCall(PetscPrintf(world, "# study %s (%s), %" PetscInt_FMT " points, deck %s, output %s\nindex", s->path, MfStudyModeName(s->mode), s->npoints, s->deck, o->output));
  for (PetscInt k = 0; k < s->nkeys; k++) PetscCall(PetscPrintf(world, ",%s", s->keys[k]));
  PetscCall(PetscPrintf(world, "\n"));
  for (PetscInt p = 0; p < s->npoints; p++) {
    PetscCall(PetscPrintf(world, "%" PetscInt_FMT, p));
    for (PetscInt k = 0; k < s->nkeys; k++) PetscCall(PetscPrintf(world, ",%s", MfStudyValue(s, p, k)));
    PetscCall(PetscPrintf(world, "\n"));
  }
  PetscFunctionReturn(0);
}

static void FormatSeconds(double t, char *buf, size_t len)
{
  if (!isfinite(t) || t < 0) snprintf(buf, len, "?");
  else if (t < 120) snprintf(buf, len, "%.0f s", t);
  else if (t < 7200) snprintf(buf, len, "%.1f min", t / 60);
  else snprintf(buf, len, "%.1f h", t / 3600);
}

PetscErrorCode MfSweepMain(MPI_Comm world, const char *study_path, MfSweepPointFn fn, void *ctx)
{
  MfStudy      s;
  SweepOptions o;
  PetscMPIInt  rank, size, srank, color;
  PetscInt     ntodo = 0, *todo, nprev[2] = {0, 0}, ngroups, nmine = 0;
  MPI_Comm     sub;
  MPI_Win      win;
  int64_t     *counter;
  int          stopped = 0, any_stopped;
  double       busy = 0, t_start;

  PetscFunctionBeginUser;
  PetscCheck(study_path && study_path[0], world, PETSC_ERR_USER_INPUT, "memflex sweep needs a study file: memflex sweep study.yaml [options]");
  PetscCallMPI(MPI_Comm_rank(world, &rank));
  PetscCallMPI(MPI_Comm_size(world, &size));
  PetscCall(MfStudyLoad(study_path, &s)); /* deterministic: identical on every rank */
  PetscCall(SweepGetOptions(world, study_path, &s, &o));
  if (o.dry_run) {
    PetscCall(SweepDryRun(world, &s, &o));
    PetscCall(MfStudyDestroy(&s));
    PetscFunctionReturn(0);
  }
  PetscCheck(size % o.ranks_per_point == 0, world, PETSC_ERR_USER_INPUT, "-sweep_ranks_per_point %" PetscInt_FMT " does not divide the %d MPI ranks: start a multiple of it (e.g. mpiexec -n %" PetscInt_FMT ")", o.ranks_per_point, size, o.ranks_per_point * PetscMax(1, size / o.ranks_per_point));
  ngroups = size / o.ranks_per_point;

  PetscCall(PetscMalloc1(s.npoints, &todo));
  SWEEP_RANK0(world, rank, SweepPrepare(&s, &o, &ntodo, todo, &nprev[0], &nprev[1]));
  PetscCallMPI(MPI_Bcast(&ntodo, 1, MPIU_INT, 0, world));
  PetscCallMPI(MPI_Bcast(todo, (PetscMPIInt)ntodo, MPIU_INT, 0, world));
  PetscCallMPI(MPI_Bcast(nprev, 2, MPIU_INT, 0, world));
  PetscCall(PetscPrintf(world, "[sweep] %s: %s study, %" PetscInt_FMT " points over %" PetscInt_FMT " keys; %" PetscInt_FMT " group(s) of %" PetscInt_FMT " rank(s); %" PetscInt_FMT " to run, %" PetscInt_FMT " already done (%" PetscInt_FMT " failed); output %s\n", s.name, MfStudyModeName(s.mode), s.npoints, s.nkeys, ngroups, o.ranks_per_point, ntodo, nprev[0] + nprev[1], nprev[1], o.output));

  /* groups of consecutive ranks: on one node they share caches/sockets, which a point's mesh prefers */
  color = (PetscMPIInt)(rank / o.ranks_per_point);
  PetscCallMPI(MPI_Comm_split(world, color, rank, &sub));
  PetscCallMPI(MPI_Comm_rank(sub, &srank));

  /* shared counter on world rank 0: [0] next slot of todo[], [1] points ok, [2] points failed (this run).
   * Passive-target one-sided access: no rank waits for a master, rank 0 runs points like everyone else. */
  PetscCallMPI(MPI_Win_allocate(rank == 0 ? (MPI_Aint)(3 * sizeof(int64_t)) : 0, sizeof(int64_t), MPI_INFO_NULL, world, &counter, &win));
  if (rank == 0) {
    PetscCallMPI(MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win));
    counter[0] = counter[1] = counter[2] = 0;
    PetscCallMPI(MPI_Win_unlock(0, win));
  }
  PetscCallMPI(MPI_Barrier(world));
  t_start = MPI_Wtime();

  for (;;) {
    PetscInt      p = -1;
    MfSweepResult r;

    if (srank == 0 && !stopped) {
      int64_t one = 1, slot;
      PetscCallMPI(MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win));
      PetscCallMPI(MPI_Fetch_and_op(&one, &slot, MPI_INT64_T, 0, 0, MPI_SUM, win));
      PetscCallMPI(MPI_Win_unlock(0, win));
      if (slot < ntodo) p = todo[slot];
    }
    PetscCallMPI(MPI_Bcast(&p, 1, MPIU_INT, 0, sub));
    if (p < 0) break;
    PetscCall(SweepRunPoint(sub, &s, &o, p, fn, ctx, &r));
    nmine++;
    busy += r.wall_s;
    if (srank == 0) {
      int64_t inc_ok = r.failed ? 0 : 1, inc_bad = r.failed ? 1 : 0, nok, nbad;
      PetscCallMPI(MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win));
      PetscCallMPI(MPI_Fetch_and_op(&inc_ok, &nok, MPI_INT64_T, 0, 1, MPI_SUM, win));
      PetscCallMPI(MPI_Fetch_and_op(&inc_bad, &nbad, MPI_INT64_T, 0, 2, MPI_SUM, win));
      PetscCallMPI(MPI_Win_unlock(0, win));
      nok += inc_ok;
      nbad += inc_bad;
      if (o.progress) {
        /* the group that just finished reports, so progress stays visible while rank 0 is inside a long
         * point; ETA = remaining points x this group's mean point time / number of groups */
        PetscInt remaining = ntodo - (PetscInt)(nok + nbad);
        char     eta[32];
        FormatSeconds(remaining * (busy / nmine) / ngroups, eta, sizeof(eta));
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "[sweep] point %" PetscInt_FMT " %s in %.2f s (group %d)%s%.200s | done %" PetscInt_FMT "/%" PetscInt_FMT " (%" PetscInt_FMT " failed), remaining %" PetscInt_FMT ", ETA %s\n", p, r.failed ? "FAILED" : "ok", r.wall_s, color, r.failed ? ": " : "", r.failed ? r.m.error : "", nprev[0] + nprev[1] + (PetscInt)(nok + nbad), s.npoints, nprev[1] + (PetscInt)nbad, remaining, eta));
      }
    }
    if (o.stop_after > 0 && nmine >= o.stop_after) stopped = 1;
  }
  PetscCallMPI(MPI_Win_free(&win));
  PetscCallMPI(MPI_Comm_free(&sub));
  PetscCallMPI(MPI_Allreduce(&stopped, &any_stopped, 1, MPI_INT, MPI_LOR, world));
  if (any_stopped) {
    PetscCall(PetscPrintf(world, "[sweep] stopped early (-sweep_stop_after %" PetscInt_FMT "); no table written. Resume with -sweep_restart -sweep_output %s\n", o.stop_after, o.output));
  } else {
    PetscInt nok = 0, nbad = 0, nmiss = 0;
    SWEEP_RANK0(world, rank, MfSweepTableWrite(&s, o.output, &nok, &nbad, &nmiss));
    PetscCall(PetscPrintf(world, "[sweep] finished %s in %.2f s: %" PetscInt_FMT " ok, %" PetscInt_FMT " failed, %" PetscInt_FMT " missing; table %s/results.csv\n", s.name, MPI_Wtime() - t_start, nok, nbad, nmiss, o.output));
  }
  PetscCall(PetscFree(todo));
  PetscCall(MfStudyDestroy(&s));
  PetscFunctionReturn(0);
}
