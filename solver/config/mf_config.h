#ifndef MF_CONFIG_H
#define MF_CONFIG_H
/* Decks, units, schema and validated access to every deck key.
 *
 * A deck is YAML; nested mappings flatten to PETSc option names joined by '_':
 *   stack: {functional: {thickness: 10 nm}}   <->   -stack_functional_thickness "10 nm"
 * The command line wins over the deck. Every key memflex reads is declared once in the schema
 * (solver/config/schema.c) with type, SI unit, default, allowed range and help. Values may carry
 * units ("10 nm", "0.5 eV", "85 C", "1 V/s"); bare numbers are SI. */
#include <petscsys.h>
#include "mf_units.h"

/* MF_KEY_REAL_ARRAY: comma-separated reals, each with its own unit ("20 mm,10 mm"); a YAML sequence in a deck. */
typedef enum { MF_KEY_REAL, MF_KEY_INT, MF_KEY_BOOL, MF_KEY_STRING, MF_KEY_ENUM, MF_KEY_REAL_ARRAY } MfKeyType;

typedef struct {
  const char *name;    /* option name without '-', e.g. "stack_functional_thickness" */
  MfKeyType   type;
  const char *unit;    /* SI unit the value is stored in: "m","V","A","Ohm","K","s","V/s","W/m^2/K","Pa","S/m",
                          "W/m/K","J/kg/K","kg/m^3","1/K","eV","m^3","Hz","" (dimensionless) */
  const char *def;     /* default as text (may carry a unit); NULL = required, "" = unset/optional */
  PetscReal   min, max;/* allowed range in the SI unit (REAL, REAL_ARRAY and INT); closed unless ..._open */
  const char *choices; /* ENUM: "a|b|c" */
  const char *help;
  PetscBool   min_open, max_open; /* exclusive bounds: thickness > 0, nu < 0.5 (added by config) */
} MfKey;


const MfKey   *MfSchemaFind(const char *name);             /* NULL when unknown */
PetscErrorCode MfSchemaSuggest(const char *name, char *best, size_t len); /* nearest key (edit distance) */
PetscErrorCode MfSchemaGetTable(const MfKey **keys, PetscInt *n);
/* Is `name` (option name without '-') a PETSc solver option that decks pass through unchecked? */
PetscBool      MfSchemaIsPassthrough(const char *name);
/* Check one value text against a key (type, unit, range, choice); *ok and a message naming what was
 * expected (the caller prefixes the key or file:line). */
PetscErrorCode MfConfigCheckValue(const MfKey *key, const char *text, PetscBool *ok, char *msg, size_t msglen);

/* Load a YAML deck into the options database (command-line options already present win).
 * Errors (non-zero exit through PETSc) name the file, line and key: unknown key (with the nearest valid
 * one), unreadable file, malformed YAML. Keys of PETSc's own solvers (ksp_, snes_, pc_, ts_, dm_, ...)
 * pass through untouched. */
PetscErrorCode MfDeckLoad(MPI_Comm comm, const char *path);

/* Check every schema key set in the options database (deck or command line): type, unit, range,
 * enum choice, required keys present; reject unknown options under memflex's sections. */
PetscErrorCode MfConfigValidate(MPI_Comm comm);

/* Typed access (value from the options database, else the schema default), SI units. Asking for a key
 * that is not in the schema is a programming error (PETSC_ERR_PLIB). `set` may be NULL. */
PetscErrorCode MfConfigGetReal(const char *key, PetscReal *value, PetscBool *set);
PetscErrorCode MfConfigGetInt(const char *key, PetscInt *value, PetscBool *set);
PetscErrorCode MfConfigGetBool(const char *key, PetscBool *value, PetscBool *set);
PetscErrorCode MfConfigGetString(const char *key, char *value, size_t len, PetscBool *set);
/* REAL_ARRAY keys: up to *n values in, number found out (0 when unset). */
PetscErrorCode MfConfigGetRealArray(const char *key, PetscReal values[], PetscInt *n, PetscBool *set);

/* `memflex run -help`: the schema as a table (key, type, unit, default, range, help). */
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
