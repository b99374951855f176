#ifndef MF_SWEEP_IMPL_H
#define MF_SWEEP_IMPL_H
/* Internals of mf_sweep shared between its files (not installed, not for other modules). */
#include "mf_sweep.h"
#include <stdio.h>
#include "mf_io.h"
#include <yaml.h>

/* FNV-1a 64-bit (Fowler-Noll-Vo): a fingerprint, not a cryptographic hash; it only has to notice that a
 * study or deck changed between the start and the resume of a sweep. */
#define MF_FNV_OFFSET 14695981039346656037ULL
unsigned long long MfSweepHashBytes(unsigned long long h, const void *data, size_t n);
unsigned long long MfSweepHashString(unsigned long long h, const char *s); /* includes the terminating 0 */
PetscErrorCode     MfSweepHashFile(const char *path, unsigned long long *h);

/* libyaml document helpers (JSON is read with the same parser: JSON is YAML flow style). */
const char  *MfYamlScalar(yaml_document_t *doc, yaml_node_t *node);                  /* NULL if not a scalar */
yaml_node_t *MfYamlMapGet(yaml_document_t *doc, yaml_node_t *map, const char *key);  /* NULL if absent */
PetscErrorCode MfYamlLoadFile(const char *path, yaml_document_t *doc, PetscBool *ok, char *msg, size_t len);

/* One point's recorded result (point_NNNN/result.json). */
typedef struct {
  PetscInt       index;
  PetscBool      failed;
  PetscReal      wall_s;
  PetscInt       ranks;
  MfSweepMetrics m;
} MfSweepResult;

/* Atomic write: <path>.tmp then rename(2) (atomic on POSIX file systems), so a reader never sees a partial
 * file under the final name. */
PetscErrorCode MfSweepResultWrite(const MfStudy *s, PetscInt point, const MfSweepResult *r, const char *path);
/* *valid = PETSC_FALSE (with the reason in why) when the file is absent, unparsable or belongs to another
 * point or parameter set; never an error for a bad file, so that a damaged result is simply recomputed. */
PetscErrorCode MfSweepResultRead(const MfStudy *s, PetscInt point, const char *path, MfSweepResult *r, PetscBool *valid, char *why, size_t len);

PetscErrorCode MfSweepManifestWrite(const MfStudy *s, const char *path);
/* Error (naming what changed) unless the manifest at `path` describes the same study and deck. */
PetscErrorCode MfSweepManifestCheck(const MfStudy *s, const char *path);

/* results.csv + results.json from every point's result.json, sorted by point index (rank 0 only). */
PetscErrorCode MfSweepTableWrite(const MfStudy *s, const char *outdir, PetscInt *nok, PetscInt *nfailed, PetscInt *nmissing);

/* Paths */
PetscErrorCode MfSweepPointDir(const char *outdir, PetscInt point, char *dir, size_t len);
PetscErrorCode MfSweepMakePath(const char *path);   /* mkdir -p, error names the folder */
PetscErrorCode MfSweepRemoveTree(const char *path); /* rm -r of a stale point folder */

/* JSON string and number output. */

#endif
