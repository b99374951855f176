/* Small helpers of mf_sweep: fingerprints, libyaml access, folders, JSON output. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "sweep_impl.h"
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

unsigned long long MfSweepHashBytes(unsigned long long h, const void *data, size_t n)
{
  const unsigned char *c = (const unsigned char *)data;
  for (size_t i = 0; i < n; i++) {
    h ^= c[i];
    h *= 1099511628211ULL; /* FNV-1a 64-bit prime */
  }
  return h;
}

unsigned long long MfSweepHashString(unsigned long long h, const char *s)
{
  return MfSweepHashBytes(h, s, strlen(s) + 1);
}

PetscErrorCode MfSweepHashFile(const char *path, unsigned long long *h)
{
  FILE         *fp = fopen(path, "rb");
  unsigned char buf[8192];
  size_t        n;

  PetscFunctionBeginUser;
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot read '%s': %s", path, strerror(errno));
  *h = MF_FNV_OFFSET;
  while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) *h = MfSweepHashBytes(*h, buf, n);
  PetscCheck(!ferror(fp), PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "error reading '%s'", path);
  fclose(fp);
  PetscFunctionReturn(0);
}

const char *MfYamlScalar(yaml_document_t *doc, yaml_node_t *node)
{
  (void)doc;
  if (!node || node->type != YAML_SCALAR_NODE) return NULL;
  return (const char *)node->data.scalar.value;
}

yaml_node_t *MfYamlMapGet(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
  if (!map || map->type != YAML_MAPPING_NODE) return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    const char *k = MfYamlScalar(doc, yaml_document_get_node(doc, p->key));
    if (k && !strcmp(k, key)) return yaml_document_get_node(doc, p->value);
  }
  return NULL;
}

PetscErrorCode MfYamlLoadFile(const char *path, yaml_document_t *doc, PetscBool *ok, char *msg, size_t len)
{
  FILE         *fp = fopen(path, "rb");
  yaml_parser_t parser;

  PetscFunctionBeginUser;
  *ok = PETSC_FALSE;
  if (!fp) {
    PetscCall(PetscSNPrintf(msg, len, "'%s': cannot open: %s", path, strerror(errno)));
    PetscFunctionReturn(0);
  }
  PetscCheck(yaml_parser_initialize(&parser), PETSC_COMM_SELF, PETSC_ERR_MEM, "libyaml: cannot initialise a parser");
  yaml_parser_set_input_file(&parser, fp);
  if (!yaml_parser_load(&parser, doc)) {
    PetscCall(PetscSNPrintf(msg, len, "'%s' line %d: malformed YAML/JSON: %s", path, (int)parser.problem_mark.line + 1, parser.problem ? parser.problem : "parse error"));
  } else if (!yaml_document_get_root_node(doc)) {
    yaml_document_delete(doc);
    PetscCall(PetscSNPrintf(msg, len, "'%s' is empty", path));
  } else *ok = PETSC_TRUE;
  yaml_parser_delete(&parser);
  fclose(fp);
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepPointDir(const char *outdir, PetscInt point, char *dir, size_t len)
{
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(dir, len, "%s/point_%04" PetscInt_FMT, outdir, point));
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepMakePath(const char *path)
{
  char   buf[PETSC_MAX_PATH_LEN];
  size_t n = strlen(path);

  PetscFunctionBeginUser;
  PetscCheck(n > 0 && n < sizeof(buf), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "sweep output folder name '%s' is empty or too long", path);
  memcpy(buf, path, n + 1);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    PetscCheck(!mkdir(buf, 0777) || errno == EEXIST, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot create folder '%s': %s", buf, strerror(errno));
    *p = '/';
  }
  PetscCheck(!mkdir(buf, 0777) || errno == EEXIST, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot create folder '%s': %s", buf, strerror(errno));
  PetscFunctionReturn(0);
}

static int RemoveEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb; (void)flag; (void)ftw;
  return remove(path);
}

PetscErrorCode MfSweepRemoveTree(const char *path)
{
  struct stat st;

  PetscFunctionBeginUser;
  if (lstat(path, &st)) PetscFunctionReturn(0);
  /* depth first, never following symbolic links out of the point folder */
  PetscCheck(!nftw(path, RemoveEntry, 16, FTW_DEPTH | FTW_PHYS), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot clear the interrupted point folder '%s': %s", path, strerror(errno));
  PetscFunctionReturn(0);
}

