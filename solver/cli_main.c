/* The memflex command line (MfMain): run | sweep | extract | bench | materials. Thin: every verb lives in its
 * module. A program that registers its own mechanisms or keys calls MfMain with them (mf_cli.h). */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include "mf_run.h"
#include "mf_config.h"
#include "mf_material.h"
#include "mf_electrothermal.h"
#include "mf_mechanics.h"
#include "mf_kmc.h"
#include "mf_mechanism.h"
#include "mf_post.h"
#include "mf_cli.h"

static const char usage[] =
  "memflex — electro-thermal-mechanical FEM + kinetic Monte Carlo for (flexible) memristors\n\n"
  "usage: memflex run [deck.yaml] [-key value ...]   run a device deck (default: the built-in default deck)\n"
  "       memflex run -help                          list every deck key (type, unit, default, range)\n"
  "                   [-help_format markdown]        ... as the Markdown table of docs/config.md\n"
  "       memflex run deck.yaml -config_read_log F   also write the names of the keys the run read to F\n"
  "       memflex sweep study.yaml [-sweep_...]      parameter study / seed ensemble over MPI ranks\n"
  "       memflex extract <run_dir|csv> [...]        device metrics and compact-model fits\n"
  "       memflex bench et|mech|kmc                  solver benchmarks\n"
  "       memflex materials                          list the material library\n"
  "Deck keys are PETSc options: stack.functional.thickness in a deck is -stack_functional_thickness on the\n"
  "command line; the command line wins. Values may carry units (\"10 nm\", \"85 C\").\n";

static PetscErrorCode Bench(MPI_Comm comm, const char *what)
{
  PetscFunctionBeginUser;
  if (!strcmp(what, "et")) PetscCall(MfElectroThermalBenchmark(comm));
  else if (!strcmp(what, "mech")) PetscCall(MfMechanicsBenchmark(comm));
  else if (!strcmp(what, "kmc")) PetscCall(MfKmcBenchmark(comm));
  else SETERRQ(comm, PETSC_ERR_USER_INPUT, "unknown benchmark '%s' (expected et, mech or kmc)", what);
  PetscFunctionReturn(0);
}

static PetscErrorCode ListMaterials(MPI_Comm comm)
{
  PetscFunctionBeginUser;
  PetscCall(MfMaterialList(comm, NULL, PETSC_VIEWER_STDOUT_(comm)));
  PetscFunctionReturn(0);
}

static PetscErrorCode Dispatch(const char *verb, const char *arg, int argc, char **argv)
{
  PetscBool help = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsHasName(NULL, NULL, "-help", &help));
  if (!strcmp(verb, "run")) {
    if (help) {
      char      list[512], format[32] = "text";
      PetscBool text;
      PetscCall(MfConfigPrintHelp(PETSC_COMM_WORLD));
      PetscCall(PetscOptionsGetString(NULL, NULL, "-help_format", format, sizeof(format), NULL));
      PetscCall(PetscStrcasecmp(format, "text", &text));
      PetscCall(MfMechanismListRegistered(list, sizeof(list)));
      if (text) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\nswitching mechanisms (kmc.mechanism): none, %s\n", list));
    }
    else PetscCall(MfCliRun(PETSC_COMM_WORLD, arg));
  } else if (!strcmp(verb, "sweep")) {
    PetscCheck(arg, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "memflex sweep needs a study file: memflex sweep inputs/studies/<study>.yaml");
    PetscCall(MfCliSweep(PETSC_COMM_WORLD, arg));
  } else if (!strcmp(verb, "extract")) {
    PetscCall(MfExtractMain(PETSC_COMM_WORLD, argc - 1, argv + 1));
  } else if (!strcmp(verb, "bench")) {
    PetscCheck(arg, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "memflex bench needs a target: et, mech or kmc");
    PetscCall(Bench(PETSC_COMM_WORLD, arg));
  } else if (!strcmp(verb, "materials")) {
    PetscCall(ListMaterials(PETSC_COMM_WORLD));
  } else {
    SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "unknown command '%s' (expected run, sweep, extract, bench or materials; memflex --help)", verb);
  }
  PetscFunctionReturn(0);
}

/* Input errors (bad deck, key, value, file) are raised identically on every rank: finish cleanly with
 * exit status 1 after the one-line message. Anything else may be rank-local: abort all ranks. */
static PetscBool IsInputError(PetscErrorCode e)
{
  return (PetscBool)(e == PETSC_ERR_USER_INPUT || e == PETSC_ERR_FILE_OPEN || e == PETSC_ERR_FILE_READ || e == PETSC_ERR_FILE_WRITE || e == PETSC_ERR_FILE_UNEXPECTED);
}

int MfMain(int argc, char **argv, PetscErrorCode (*register_extra)(void))
{
  const char    *verb = argc > 1 ? argv[1] : "";
  const char    *arg  = (argc > 2 && argv[2][0] != '-') ? argv[2] : NULL;
  PetscErrorCode ierr;

  if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help") || argc < 2) {
    fputs(usage, stdout);
    return argc < 2 ? 1 : 0;
  }
  if (!strcmp(verb, "--version")) {
    puts("memflex 0.1.0");
    return 0;
  }
  PetscCall(PetscInitialize(&argc, &argv, NULL, usage));
  PetscCall(PetscPushErrorHandler(MfInputErrorHandler, NULL));
  PetscCall(MfRegisterAll());
  if (register_extra) PetscCall(register_extra());
  ierr = Dispatch(verb, arg, argc, argv);
  if (ierr && !IsInputError(ierr)) MPI_Abort(PETSC_COMM_WORLD, (int)ierr);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscFinalize());
  return ierr ? 1 : 0;
}
