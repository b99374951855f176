#ifndef MF_MATERIALS_IMPL_H
#define MF_MATERIALS_IMPL_H
/* Internals of the material library shared by its three source files; not installed, not public.
 * Functions here report problems through a message buffer and a PETSc error code instead of raising,
 * so that MfMaterialLoad can read on rank 0 and raise the same error collectively on every rank. */
#include "mf_material.h"
#include "mf_keys.h" /* MfEditDistance */

#define MF_MAT_MSG_LEN   1024
#define MF_MAT_MAX_ALIAS 8

typedef enum { MF_PROP_REAL, MF_PROP_LAW, MF_PROP_BOOL } MfPropKind;

typedef struct {
  const char *key;        /* YAML key == struct field name */
  const char *unit;       /* SI unit, for View and messages */
  size_t      offset;     /* offsetof(MfMaterial, field) */
  MfPropKind  kind;
  PetscBool   required;   /* must be given in every library file */
  PetscReal   lo, hi;     /* valid range */
  PetscBool   lo_open, hi_open;
  const char *meaning;    /* one phrase for error messages */
} MfPropInfo;

const MfPropInfo *MfMaterialPropTable_Internal(PetscInt *n);
const MfPropInfo *MfMaterialPropFind_Internal(const char *key);
/* 0 if m is physical; otherwise a PETSc error code and a message naming origin, material, property. */
PetscErrorCode    MfMaterialCheck_Internal(const MfMaterial *m, const char *origin, char *msg, size_t len);
void              MfMaterialSetDefaults_Internal(MfMaterial *m);
/* Levenshtein distance (bytes, case-sensitive: callers normalise first). */
/* Lower-case and drop everything but letters and digits: "Al-doped ZnO" -> "aldopedzno". */
void              MfNormaliseName_Internal(const char *in, char *out, size_t len);
/* Nearest of `n` candidate strings to `word` (by normalised edit distance). */
const char       *MfNearest_Internal(const char *word, const char *const *cands, PetscInt n);

/* Parse one material file. expected_class < 0: any class. Fills m (defaults first), up to MF_MAT_MAX_ALIAS
 * aliases. Returns 0 or an error code with msg "path:line: ...". Does not range-check (see Check). */
PetscErrorCode MfMaterialParseYAML_Internal(const char *path, int expected_class, MfMaterial *m,
                                            char aliases[][MF_NAME_LEN], PetscInt *naliases, char *msg, size_t len);
#endif
