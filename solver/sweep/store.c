/* Point results (point_NNNN/result.json) and the sweep manifest: written atomically, read back with libyaml. */
#include "sweep_impl.h"
#include <errno.h>
#include <math.h>
#include <string.h>

PetscErrorCode MfSweepResultWrite(const MfStudy *s, PetscInt point, const MfSweepResult *r, const char *path)
{
  FILE *fp;

  PetscFunctionBeginUser;
  PetscCall(MfAtomicOpen(path, &fp));
  fprintf(fp, "{\n  \"index\": %" PetscInt_FMT ",\n  \"status\": \"%s\",\n  \"parameters\": {", point, r->failed ? "failed" : "ok");
  for (PetscInt k = 0; k < s->nkeys; k++) {
    fprintf(fp, "%s\n    ", k ? "," : "");
    MfJsonPutString(fp, s->keys[k]);
    fputs(": ", fp);
    MfJsonPutString(fp, MfStudyValue(s, point, k));
  }
  fputs("\n  },\n  \"metrics\": {", fp);
  for (PetscInt i = 0; i < r->m.n; i++) {
    fprintf(fp, "%s\n    ", i ? "," : "");
    MfJsonPutString(fp, r->m.name[i]);
    fputs(": ", fp);
    MfJsonPutReal(fp, r->m.value[i], 17);
  }
  fputs("\n  },\n  \"error\": ", fp);
  MfJsonPutString(fp, r->failed ? r->m.error : "");
  fputs(",\n  \"wall_time_s\": ", fp);
  MfJsonPutReal(fp, r->wall_s, 17);
  fprintf(fp, ",\n  \"ranks\": %" PetscInt_FMT "\n}\n", r->ranks);
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

static PetscBool ParseReal(const char *s, PetscReal *v)
{
  char *end;
  if (!s) return PETSC_FALSE;
  if (!strcmp(s, "null")) {
    *v = NAN;
    return PETSC_TRUE;
  }
  errno = 0;
  *v    = strtod(s, &end);
  return (PetscBool)(end != s && *end == 0 && errno != ERANGE);
}

PetscErrorCode MfSweepResultRead(const MfStudy *s, PetscInt point, const char *path, MfSweepResult *r, PetscBool *valid, char *why, size_t len)
{
  yaml_document_t doc;
  yaml_node_t    *root, *params, *metrics;
  const char     *st, *err;
  PetscReal       x;
  PetscBool       ok;

  PetscFunctionBeginUser;
  *valid = PETSC_FALSE;
  PetscCall(PetscMemzero(r, sizeof(*r)));
  PetscCall(MfYamlLoadFile(path, &doc, &ok, why, len));
  if (!ok) PetscFunctionReturn(0);
  root = yaml_document_get_root_node(&doc);
  if (!ParseReal(MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "index")), &x) || x != (PetscReal)point) {
    PetscCall(PetscSNPrintf(why, len, "'%s': index is not %" PetscInt_FMT, path, point));
    goto done;
  }
  r->index = point;
  st       = MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "status"));
  if (!st || (strcmp(st, "ok") && strcmp(st, "failed"))) {
    PetscCall(PetscSNPrintf(why, len, "'%s': status is not ok or failed", path));
    goto done;
  }
  r->failed = (PetscBool)!strcmp(st, "failed");
  params    = MfYamlMapGet(&doc, root, "parameters");
  for (PetscInt k = 0; k < s->nkeys; k++) {
    const char *v = MfYamlScalar(&doc, MfYamlMapGet(&doc, params, s->keys[k]));
    if (!v || strcmp(v, MfStudyValue(s, point, k))) {
      PetscCall(PetscSNPrintf(why, len, "'%s': %s is '%s', the study says '%s'", path, s->keys[k], v ? v : "(absent)", MfStudyValue(s, point, k)));
      goto done;
    }
  }
  metrics = MfYamlMapGet(&doc, root, "metrics");
  if (!metrics || metrics->type != YAML_MAPPING_NODE) {
    PetscCall(PetscSNPrintf(why, len, "'%s': no metrics mapping", path));
    goto done;
  }
  for (yaml_node_pair_t *p = metrics->data.mapping.pairs.start; p < metrics->data.mapping.pairs.top; p++) {
    const char *name = MfYamlScalar(&doc, yaml_document_get_node(&doc, p->key));
    if (!name || !ParseReal(MfYamlScalar(&doc, yaml_document_get_node(&doc, p->value)), &x) || r->m.n >= MF_SWEEP_MAX_METRICS || strlen(name) >= MF_SWEEP_NAME_LEN) {
      PetscCall(PetscSNPrintf(why, len, "'%s': bad metric entry", path));
      goto done;
    }
    PetscCall(PetscStrcpy(r->m.name[r->m.n], name));
    r->m.value[r->m.n++] = x;
  }
  err = MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "error"));
  if (err) PetscCall(PetscStrncpy(r->m.error, err, sizeof(r->m.error)));
  r->m.failed = r->failed;
  if (!ParseReal(MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "wall_time_s")), &r->wall_s)) r->wall_s = NAN;
  if (ParseReal(MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "ranks")), &x)) r->ranks = (PetscInt)x;
  *valid = PETSC_TRUE;
done:
  yaml_document_delete(&doc);
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepManifestWrite(const MfStudy *s, const char *path)
{
  FILE *fp;

  PetscFunctionBeginUser;
  PetscCall(MfAtomicOpen(path, &fp));
  fputs("{\n  \"format\": \"memflex-sweep-manifest-1\",\n  \"study\": ", fp);
  MfJsonPutString(fp, s->path);
  fputs(",\n  \"name\": ", fp);
  MfJsonPutString(fp, s->name);
  fprintf(fp, ",\n  \"mode\": \"%s\",\n  \"deck\": ", MfStudyModeName(s->mode));
  MfJsonPutString(fp, s->deck);
  fprintf(fp, ",\n  \"deck_hash\": \"%016llx\",\n  \"points_hash\": \"%016llx\",\n  \"keys\": [", s->deck_hash, s->points_hash);
  for (PetscInt k = 0; k < s->nkeys; k++) {
    fputs(k ? ", " : "", fp);
    MfJsonPutString(fp, s->keys[k]);
  }
  fprintf(fp, "],\n  \"npoints\": %" PetscInt_FMT ",\n  \"points\": [", s->npoints);
  for (PetscInt p = 0; p < s->npoints; p++) {
    fprintf(fp, "%s\n    {\"index\": %" PetscInt_FMT ", \"values\": [", p ? "," : "", p);
    for (PetscInt k = 0; k < s->nkeys; k++) {
      fputs(k ? ", " : "", fp);
      MfJsonPutString(fp, MfStudyValue(s, p, k));
    }
    fputs("]}", fp);
  }
  fputs("\n  ]\n}\n", fp);
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

/* Explain the first difference between the manifest and the study (the message a user needs). */
static PetscErrorCode ManifestDiff(const MfStudy *s, yaml_document_t *doc, yaml_node_t *root, char *msg, size_t len)
{
  yaml_node_t *keys = MfYamlMapGet(doc, root, "keys"), *pts = MfYamlMapGet(doc, root, "points");
  PetscInt     nk, np;

  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(msg, len, "the point list differs"));
  if (!keys || keys->type != YAML_SEQUENCE_NODE || !pts || pts->type != YAML_SEQUENCE_NODE) PetscFunctionReturn(0);
  nk = (PetscInt)(keys->data.sequence.items.top - keys->data.sequence.items.start);
  np = (PetscInt)(pts->data.sequence.items.top - pts->data.sequence.items.start);
  for (PetscInt k = 0; k < PetscMax(nk, s->nkeys); k++) {
    const char *mk = k < nk ? MfYamlScalar(doc, yaml_document_get_node(doc, keys->data.sequence.items.start[k])) : NULL;
    if (k >= nk || k >= s->nkeys || !mk || strcmp(mk, s->keys[k])) {
      PetscCall(PetscSNPrintf(msg, len, "key %" PetscInt_FMT " was '%s' and is now '%s'", k + 1, mk ? mk : "(none)", k < s->nkeys ? s->keys[k] : "(none)"));
      PetscFunctionReturn(0);
    }
  }
  if (np != s->npoints) {
    PetscCall(PetscSNPrintf(msg, len, "the sweep had %" PetscInt_FMT " points and the study now has %" PetscInt_FMT, np, s->npoints));
    PetscFunctionReturn(0);
  }
  for (PetscInt p = 0; p < np; p++) {
    yaml_node_t *vals = MfYamlMapGet(doc, yaml_document_get_node(doc, pts->data.sequence.items.start[p]), "values");
    for (PetscInt k = 0; vals && vals->type == YAML_SEQUENCE_NODE && k < nk && k < (PetscInt)(vals->data.sequence.items.top - vals->data.sequence.items.start); k++) {
      const char *v = MfYamlScalar(doc, yaml_document_get_node(doc, vals->data.sequence.items.start[k]));
      if (!v || strcmp(v, MfStudyValue(s, p, k))) {
        PetscCall(PetscSNPrintf(msg, len, "point %" PetscInt_FMT " had %s = '%s' and the study now gives '%s'", p, s->keys[k], v ? v : "?", MfStudyValue(s, p, k)));
        PetscFunctionReturn(0);
      }
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfSweepManifestCheck(const MfStudy *s, const char *path)
{
  yaml_document_t doc;
  yaml_node_t    *root;
  PetscBool       ok;
  char            msg[1024], h1[24], h2[24];
  const char     *ph, *dh;

  PetscFunctionBeginUser;
  PetscCall(MfYamlLoadFile(path, &doc, &ok, msg, sizeof(msg)));
  PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "cannot resume: sweep manifest %s", msg);
  root = yaml_document_get_root_node(&doc);
  ph   = MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "points_hash"));
  dh   = MfYamlScalar(&doc, MfYamlMapGet(&doc, root, "deck_hash"));
  PetscCall(PetscSNPrintf(h1, sizeof(h1), "%016llx", s->points_hash));
  PetscCall(PetscSNPrintf(h2, sizeof(h2), "%016llx", s->deck_hash));
  if (!ph || !dh) {
    yaml_document_delete(&doc);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "cannot resume: '%s' is not a memflex sweep manifest (no points_hash/deck_hash)", path);
  }
  if (strcmp(ph, h1)) {
    PetscCall(ManifestDiff(s, &doc, root, msg, sizeof(msg)));
    yaml_document_delete(&doc);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "cannot resume the sweep in the folder of '%s': study '%s' changed since the sweep started (%s). Resuming would mix results of two studies; run the changed study with another -sweep_output, or restore the original study file", path, s->path, msg);
  }
  if (strcmp(dh, h2)) {
    char was[24];
    PetscCall(PetscStrncpy(was, dh, sizeof(was))); /* dh lives in the document */
    yaml_document_delete(&doc);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "cannot resume the sweep in the folder of '%s': deck '%s' changed since the sweep started (fingerprint %s, now %s). Finished points used the old deck; restore it or start a new sweep with another -sweep_output", path, s->deck, was, h2);
  }
  yaml_document_delete(&doc);
  PetscFunctionReturn(0);
}
