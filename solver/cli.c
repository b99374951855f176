/* memflex run / memflex sweep: from a deck (or a study of decks) to finished runs. */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include "mf_cli.h"
#include "mf_run.h"
#include "mf_config.h"
#include "mf_sweep.h"

extern const char MfDefaultDeckText[]; /* inputs/default.yaml, embedded at build time */

/* The built-in default deck, written to a private temporary folder so that the deck loader (which names
 * files and lines in its errors) reads it like any other; the folder is removed after loading. */
static PetscErrorCode LoadDefaultDeck(MPI_Comm comm)
{
  char        dir[PETSC_MAX_PATH_LEN] = "/tmp/memflex-deck-XXXXXX", path[PETSC_MAX_PATH_LEN];
  PetscMPIInt rank;
  int         ok = 1;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    ok = mkdtemp(dir) != NULL;
    if (ok) {
      FILE *fp;
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s/default.yaml", dir));
      fp = fopen(path, "w");
      ok = fp && fputs(MfDefaultDeckText, fp) >= 0;
      if (fp) ok &= !fclose(fp);
    }
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPI_INT, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_WRITE, "cannot write the built-in default deck to a temporary folder under /tmp");
  PetscCallMPI(MPI_Bcast(path, sizeof(path), MPI_CHAR, 0, comm));
  PetscCall(MfDeckLoad(comm, path));
  PetscCallMPI(MPI_Barrier(comm));
  if (rank == 0) {
    unlink(path);
    rmdir(dir);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode RunConfigured(MPI_Comm comm, MfRunResults *res)
{
  MfRun run;

  PetscFunctionBeginUser;
  PetscCall(MfConfigValidate(comm));
  PetscCall(MfRunCreate(comm, &run));
  PetscCall(MfRunSetFromOptions(run));
  PetscCall(MfRunSetUp(run));
  PetscCall(MfRunExecute(run));
  if (res) PetscCall(MfRunGetResults(run, res));
  PetscCall(MfRunDestroy(&run));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCliRun(MPI_Comm comm, const char *deck)
{
  PetscFunctionBeginUser;
  if (deck) PetscCall(MfDeckLoad(comm, deck));
  else PetscCall(LoadDefaultDeck(comm));
  PetscCall(RunConfigured(comm, NULL));
  { /* which keys this run read: the union over decks finds keys that nothing reads */
    char      log[PETSC_MAX_PATH_LEN];
    PetscBool has;
    PetscCall(PetscOptionsGetString(NULL, NULL, "-config_read_log", log, sizeof(log), &has));
    if (has && log[0]) PetscCall(MfKeysWriteReadLog(log));
  }
  PetscFunctionReturn(0);
}

/* One sweep point: the sweep has put the point's keys into the options database; the deck fills the rest
 * (MfDeckLoad never overrides options that are already set). */
static PetscErrorCode RunPoint(MPI_Comm sub, const char *deck, PetscInt nkeys, const char *const keys[], const char *const values[], const char *outdir, void *ctx, MfSweepMetrics *m)
{
  MfRunResults r;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsSetValue(NULL, "-output_dir", outdir));
  PetscCall(PetscOptionsSetValue(NULL, "-output_overwrite", "true"));
  PetscCall(MfDeckLoad(sub, deck));
  PetscCall(RunConfigured(sub, &r));
  PetscCall(MfSweepMetricsSet(m, "I_final_A", r.I_final_A));
  PetscCall(MfSweepMetricsSet(m, "R_final_Ohm", r.R_final_Ohm));
  PetscCall(MfSweepMetricsSet(m, "R_read_Ohm", r.R_read_Ohm));
  PetscCall(MfSweepMetricsSet(m, "T_max_K", r.T_max_K));
  PetscCall(MfSweepMetricsSet(m, "T_max_substrate_K", r.T_max_substrate_K));
  PetscCall(MfSweepMetricsSet(m, "strain_functional_xx", r.strain_functional_xx));
  PetscCall(MfSweepMetricsSet(m, "strain_closed_form", r.strain_closed_form));
  PetscCall(MfSweepMetricsSet(m, "sigma_h_functional_Pa", r.sigma_h_functional_Pa));
  PetscCall(MfSweepMetricsSet(m, "R_on_Ohm", r.R_on_Ohm));
  PetscCall(MfSweepMetricsSet(m, "R_off_Ohm", r.R_off_Ohm));
  PetscCall(MfSweepMetricsSet(m, "V_set_V", r.V_set_V));
  PetscCall(MfSweepMetricsSet(m, "V_reset_V", r.V_reset_V));
  PetscCall(MfSweepMetricsSet(m, "t_fail_s", r.t_fail_s));
  PetscCall(MfSweepMetricsSet(m, "fe_solves", (PetscReal)r.fe_solves));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCliSweep(MPI_Comm comm, const char *study)
{
  PetscFunctionBeginUser;
  PetscCall(MfSweepMain(comm, study, RunPoint, NULL));
  PetscFunctionReturn(0);
}
