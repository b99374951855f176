#ifndef MF_IO_H
#define MF_IO_H
/* Files every module writes: write-then-rename files and JSON. */
#include <stdio.h>
#include <petscsys.h>

/* Write-then-rename: open `<path>.tmp` for writing and move it into place on close, so a crash never
 * leaves a half-written file under the final name and never destroys an earlier result of the same name.
 * Not collective: call on the rank that writes. */
PetscErrorCode MfAtomicOpen(const char *path, FILE **fp);
PetscErrorCode MfAtomicClose(const char *path, FILE **fp);

/* Rank 0 of comm runs fn(ctx) (the writing of a results file); an error there is raised on every rank of comm
 * with rank 0's code and message, so that a full disk or an unwritable folder ends all ranks with one message
 * instead of leaving the others waiting in the next collective call. Collective. */
PetscErrorCode MfRankZeroDo(MPI_Comm comm, PetscErrorCode (*fn)(void *ctx), void *ctx);
/* Move a finished temporary file (written by someone else, e.g. a PETSc viewer) to its final name. */
PetscErrorCode MfAtomicCommit(const char *tmp, const char *path);

/* A small streaming JSON writer (objects, arrays, numbers, strings, booleans) on a FILE, with escaping and
 * non-finite numbers written as null (JSON has no NaN). */
typedef struct {
  FILE *fp;
  int   depth;
  int   need_comma[32];
} MfJson;
PetscErrorCode MfJsonBegin(MfJson *j, FILE *fp);
PetscErrorCode MfJsonObjectBegin(MfJson *j, const char *key);
PetscErrorCode MfJsonObjectEnd(MfJson *j);
PetscErrorCode MfJsonArrayBegin(MfJson *j, const char *key);
PetscErrorCode MfJsonArrayEnd(MfJson *j);
PetscErrorCode MfJsonReal(MfJson *j, const char *key, PetscReal v);
PetscErrorCode MfJsonInt(MfJson *j, const char *key, PetscInt v);
PetscErrorCode MfJsonString(MfJson *j, const char *key, const char *v);
PetscErrorCode MfJsonBool(MfJson *j, const char *key, PetscBool v);
PetscErrorCode MfJsonEnd(MfJson *j);
/* JSON scalars for hand-laid-out files: an escaped string literal (RFC 8259), and a number with
 * `digits` significant digits (17 = lossless) or null when not finite. */
void MfJsonPutString(FILE *fp, const char *s);
void MfJsonPutReal(FILE *fp, PetscReal v, int digits);

#endif
