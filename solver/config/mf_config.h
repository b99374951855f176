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

typedef enum { MF_KEY_REAL, MF_KEY_INT, MF_KEY_BOOL, MF_KEY_STRING, MF_KEY_ENUM } MfKeyType;

typedef struct {
  const char *name;    /* option name without '-', e.g. "stack_functional_thickness" */
  MfKeyType   type;
  const char *unit;    /* SI unit the value is stored in: "m","V","A","Ohm","K","s","V/s","W/m^2/K","Pa","S/m",
                          "W/m/K","J/kg/K","kg/m^3","1/K","eV","m^3","Hz","" (dimensionless) */
  const char *def;     /* default as text (may carry a unit); NULL = required, "" = unset/optional */
  PetscReal   min, max;/* allowed closed range in the SI unit (REAL and INT) */
  const char *choices; /* ENUM: "a|b|c" */
  const char *help;
} MfKey;

/* Parse "10 nm", "0.5 eV", "85 C", "1e-3" into the SI unit `unit`. On failure returns PETSC_FALSE in *ok
 * and a human message in msg (e.g. "'10 nV' has unit nV, expected a length (m)"). */
PetscErrorCode MfUnitsParse(const char *text, const char *unit, PetscReal *value, PetscBool *ok, char *msg, size_t msglen);

const MfKey   *MfSchemaFind(const char *name);             /* NULL when unknown */
PetscErrorCode MfSchemaSuggest(const char *name, char *best, size_t len); /* nearest key (edit distance) */
PetscErrorCode MfSchemaGetTable(const MfKey **keys, PetscInt *n);

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

/* `memflex run -help`: the schema as a table (key, type, unit, default, range, help). */
PetscErrorCode MfConfigPrintHelp(MPI_Comm comm);
/* The resolved deck: every schema key with its value in SI, as YAML, plus other options given. */
PetscErrorCode MfConfigWriteResolved(MPI_Comm comm, const char *path);

#endif
