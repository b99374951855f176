#ifndef MF_KEYS_H
#define MF_KEYS_H
/* The registry of deck keys. Every module declares the keys it reads in a table of its own and
 * registers it (MfKeysRegister); lookup, the nearest-key suggestion, value checks and the typed getters
 * work on all registered tables. A key's value comes from the PETSc options database, else its default;
 * values may carry units and are returned in the key's SI unit (energies in eV). */
#include <stddef.h>
#include <petscsys.h>

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
  PetscBool   min_open, max_open; /* exclusive bounds: thickness > 0, nu < 0.5 */
} MfKey;

/* Register a module's table (kept by pointer: it must outlive the run, i.e. be static). Registering the
 * same table again is a no-op; a name that another table registered already is PETSC_ERR_PLIB. */
PetscErrorCode MfKeysRegister(const MfKey keys[], PetscInt n);
/* All registered keys in registration order: i = 0 .. MfKeysCount()-1. */
PetscInt       MfKeysCount(void);
const MfKey   *MfKeysGet(PetscInt i);
const MfKey   *MfSchemaFind(const char *name); /* case-insensitive, leading '-' allowed; NULL when unknown */
PetscBool      MfSchemaIsSection(const char *name); /* first '_' component of name starts a registered key */
/* Nearest registered key by MfEditDistance (ties: first registered). */
PetscErrorCode MfSchemaSuggest(const char *name, char *best, size_t len);
/* Is `best` close enough to `name` to be offered as "did you mean" (distance <= max(3, length/3))? */
PetscBool      MfSchemaSuggestionClose(const char *name, const char *best);
/* Optimal-string-alignment distance (Levenshtein plus swaps of neighbours), case-insensitive. */
int            MfEditDistance(const char *a, const char *b);

/* Check one value text against a key (type, unit, range, choice); *ok and a message naming what was
 * expected (the caller prefixes the key or file:line). */
PetscErrorCode MfConfigCheckValue(const MfKey *key, const char *text, PetscBool *ok, char *msg, size_t msglen);

/* Typed access (value from the options database, else the key's default), SI units. Asking for a key
 * that is not registered is a programming error (PETSC_ERR_PLIB). `set` may be NULL. Every getter marks
 * its key as read. */
PetscErrorCode MfConfigGetReal(const char *key, PetscReal *value, PetscBool *set);
PetscErrorCode MfConfigGetInt(const char *key, PetscInt *value, PetscBool *set);
PetscErrorCode MfConfigGetBool(const char *key, PetscBool *value, PetscBool *set);
PetscErrorCode MfConfigGetString(const char *key, char *value, size_t len, PetscBool *set);
/* A REAL key's value when it is set; an unset key leaves *value as it is (a published default). */
PetscErrorCode MfConfigGetRealIfSet(const char *key, PetscReal *value);
/* REAL_ARRAY keys: up to *n values in, number found out (0 when unset). */
PetscErrorCode MfConfigGetRealArray(const char *key, PetscReal values[], PetscInt *n, PetscBool *set);

/* Switch the read marks off (and back on) around code that reads every key without using it: the
 * resolved deck, -help. *was (may be NULL) is the previous state. */
PetscErrorCode MfKeysTrackReads(PetscBool on, PetscBool *was);
/* A module that reads a registered key through PETSc's options itself (so that its unit tests run without
 * the registry) marks it read here; an unregistered name is ignored. */
PetscErrorCode MfKeysMarkRead(const char *name);
/* Names of the keys read so far, one per line, in registration order (rank 0 of PETSC_COMM_WORLD writes). */
PetscErrorCode MfKeysWriteReadLog(const char *path);

/* How a key is named in an error message of the getters. The deck layer installs one that knows where
 * the value came from ("deck.yaml: key 'a.b'"); the default is "option -a_b" / "missing required option -a_b". */
typedef PetscErrorCode (*MfKeysLabelFn)(const char *name, PetscBool missing, char *out, size_t len);
PetscErrorCode MfKeysSetLabelFunction(MfKeysLabelFn fn);

#endif
