#ifndef MF_CONFIG_H
#define MF_CONFIG_H
/* Decks, units, schema and validated access to every deck key.
 *
 * A deck is YAML; nested mappings flatten to PETSc option names joined by '_':
 *   stack: {functional: {thickness: 10 nm}}   <->   -stack_functional_thickness "10 nm"
 * The command line wins over the deck. Every key memflex reads is declared once, in a key table of the
 * module that reads it (registered with MfKeysRegister, all of them by MfRegisterAll), with type, SI
 * unit, default, allowed range and help. Values may carry
 * units ("10 nm", "0.5 eV", "85 C", "1 V/s"); bare numbers are SI. */
#include <petscsys.h>
#include "mf_keys.h"
#include "mf_units.h"

/* Register the per-layer keys stack_<layer>_* and install the deck-aware key labels. */
PetscErrorCode MfConfigRegisterKeys(void);
/* Is `name` (option name without '-') a PETSc solver option that decks pass through unchecked? */
PetscBool      MfSchemaIsPassthrough(const char *name);
/* Load a YAML deck into the options database (command-line options already present win).
 * Errors (non-zero exit through PETSc) name the file, line and key: unknown key (with the nearest valid
 * one), unreadable file, malformed YAML. Keys of PETSc's own solvers (ksp_, snes_, pc_, ts_, dm_, ...)
 * pass through untouched. */
PetscErrorCode MfDeckLoad(MPI_Comm comm, const char *path);

/* Check every schema key set in the options database (deck or command line): type, unit, range,
 * enum choice, required keys present; reject unknown options under memflex's sections. */
PetscErrorCode MfConfigValidate(MPI_Comm comm);

/* Typed access: MfConfigGetReal/Int/Bool/String/RealArray (mf_keys.h). */

/* `memflex run -help`: every registered key as a table (key, type, unit, default, range, help);
 * with -help_format markdown the Markdown table of docs/config.md. */
PetscErrorCode MfConfigPrintHelp(MPI_Comm comm);
/* The resolved deck: every schema key with its value in SI, as YAML, plus other options given. */
PetscErrorCode MfConfigWriteResolved(MPI_Comm comm, const char *path);
/* Resolve output_dir (default "results/<deck name>"), create it, check it is writable and refuse to
 * reuse a folder that already holds files unless output_overwrite is true (earlier results are never
 * destroyed by accident). Collective; the directory name is returned in dir. */
PetscErrorCode MfConfigPrepareOutputDir(MPI_Comm comm, char *dir, size_t len);
/* Error handler for main(): input errors (PETSC_ERR_USER_INPUT, PETSC_ERR_FILE_*) print one line
 * "memflex: error: <message>" on rank 0 of the communicator; any other error gets PETSc's traceback.
 * Use: PetscCall(PetscPushErrorHandler(MfInputErrorHandler, NULL)). */
PetscErrorCode MfInputErrorHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx);

#endif
