/* Study file -> deterministic point list (grid, list, Latin hypercube, seed ensemble). */
#include "sweep_impl.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#define KEY_LEN  128
#define UNIT_LEN 32

typedef struct {
  char      key[KEY_LEN];
  int       line;
  PetscInt  nvals;
  char    **vals;       /* explicit or generated values */
  PetscBool range;      /* {min, max[, n][, scale]} */
  PetscReal min, max;
  char      unit[UNIT_LEN];
  PetscBool logscale;
} StudyParam;

const char *MfStudyModeName(MfStudyMode mode)
{
  switch (mode) {
  case MF_STUDY_GRID: return "grid";
  case MF_STUDY_LIST: return "list";
  case MF_STUDY_LHS: return "lhs";
  case MF_STUDY_ENSEMBLE: return "ensemble";
  }
  return "?";
}

/* "bending.radius" -> "bending_radius"; only [A-Za-z0-9_] survive, anything else is an error. */
static PetscErrorCode FlattenKey(const char *file, int line, const char *in, char *out, size_t len)
{
  size_t n = 0;

  PetscFunctionBeginUser;
  if (in[0] == '-') in++;
  PetscCheck(in[0], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: empty parameter name", file, line);
  for (const char *c = in; *c; c++) {
    char o = (*c == '.') ? '_' : *c;
    PetscCheck(isalnum((unsigned char)o) || o == '_', PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter name '%s' has the character '%c'; expected a deck key such as bending.radius or bending_radius", file, line, in, *c);
    PetscCheck(n + 1 < len, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter name '%s' is too long", file, line, in);
    out[n++] = o;
  }
  out[n] = 0;
  PetscFunctionReturn(0);
}

/* "1e-5 A" -> 1e-5 and "A"; "20mm" -> 20 and "mm". */
static PetscErrorCode SplitNumberUnit(const char *file, int line, const char *key, const char *what, const char *text, PetscReal *v, char *unit)
{
  char *end;

  PetscFunctionBeginUser;
  errno = 0;
  *v    = strtod(text, &end);
  PetscCheck(end != text && errno == 0 && isfinite(*v), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s.%s = '%s' is not a number (with an optional unit, e.g. '5 mm')", file, line, key, what, text);
  while (isspace((unsigned char)*end)) end++;
  PetscCheck(strlen(end) < UNIT_LEN, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s.%s = '%s': unit too long", file, line, key, what, text);
  PetscCall(PetscStrcpy(unit, end));
  for (char *c = unit + strlen(unit); c > unit && isspace((unsigned char)c[-1]); c--) c[-1] = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode FormatValue(PetscReal v, const char *unit, char **out)
{
  char buf[96];

  PetscFunctionBeginUser;
  /* 10 significant digits: distinct and exact enough for any device parameter, still readable */
  if (unit[0]) PetscCall(PetscSNPrintf(buf, sizeof(buf), "%.10g %s", (double)v, unit));
  else PetscCall(PetscSNPrintf(buf, sizeof(buf), "%.10g", (double)v));
  PetscCall(PetscStrallocpy(buf, out));
  PetscFunctionReturn(0);
}

/* Value at fraction u in [0,1] of [min, max] on a linear or logarithmic scale. */
static PetscReal RangeValue(const StudyParam *p, PetscReal u)
{
  if (p->logscale) return PetscExpReal(PetscLogReal(p->min) + u * (PetscLogReal(p->max) - PetscLogReal(p->min)));
  return p->min + u * (p->max - p->min);
}

static PetscErrorCode ParseParam(const char *file, yaml_document_t *doc, yaml_node_t *knode, yaml_node_t *vnode, MfStudyMode mode, StudyParam *p)
{
  const char *kname = MfYamlScalar(doc, knode);

  PetscFunctionBeginUser;
  p->line = (int)knode->start_mark.line + 1;
  PetscCheck(kname, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: a parameter name must be a plain key", file, p->line);
  PetscCall(FlattenKey(file, p->line, kname, p->key, sizeof(p->key)));
  if (vnode->type == YAML_SEQUENCE_NODE) {
    PetscInt n = (PetscInt)(vnode->data.sequence.items.top - vnode->data.sequence.items.start);
    PetscCheck(mode != MF_STUDY_LHS, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: in lhs mode parameter %s needs {min: ..., max: ..., scale: linear|log}, not a list", file, p->line, kname);
    PetscCheck(n > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s has an empty list of values", file, p->line, kname);
    PetscCall(PetscCalloc1(n, &p->vals));
    p->nvals = n;
    for (PetscInt i = 0; i < n; i++) {
      const char *v = MfYamlScalar(doc, yaml_document_get_node(doc, vnode->data.sequence.items.start[i]));
      PetscCheck(v && v[0], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: value %" PetscInt_FMT " of parameter %s must be a plain value such as '5 mm'", file, p->line, i + 1, kname);
      PetscCall(PetscStrallocpy(v, &p->vals[i]));
    }
  } else if (vnode->type == YAML_SCALAR_NODE) {
    const char *v = MfYamlScalar(doc, vnode);
    PetscCheck(mode != MF_STUDY_LHS, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: in lhs mode parameter %s needs {min: ..., max: ...}; put constant keys under fixed:", file, p->line, kname);
    PetscCheck(v[0], PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s has no value", file, p->line, kname);
    PetscCall(PetscCalloc1(1, &p->vals));
    p->nvals = 1;
    PetscCall(PetscStrallocpy(v, &p->vals[0]));
  } else {
    const char *smin = MfYamlScalar(doc, MfYamlMapGet(doc, vnode, "min"));
    const char *smax = MfYamlScalar(doc, MfYamlMapGet(doc, vnode, "max"));
    const char *sn   = MfYamlScalar(doc, MfYamlMapGet(doc, vnode, "n"));
    const char *ssc  = MfYamlScalar(doc, MfYamlMapGet(doc, vnode, "scale"));
    char        umax[UNIT_LEN];

    for (yaml_node_pair_t *q = vnode->data.mapping.pairs.start; q < vnode->data.mapping.pairs.top; q++) {
      const char *k = MfYamlScalar(doc, yaml_document_get_node(doc, q->key));
      PetscCheck(k && (!strcmp(k, "min") || !strcmp(k, "max") || !strcmp(k, "n") || !strcmp(k, "scale")), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: unknown entry '%s' (expected min, max, n, scale)", file, p->line, kname, k ? k : "?");
    }
    PetscCheck(smin && smax, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: a range needs min and max", file, p->line, kname);
    PetscCall(SplitNumberUnit(file, p->line, kname, "min", smin, &p->min, p->unit));
    PetscCall(SplitNumberUnit(file, p->line, kname, "max", smax, &p->max, umax));
    PetscCheck(!strcmp(p->unit, umax), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: min is in '%s' but max in '%s'; give both in the same unit", file, p->line, kname, p->unit, umax);
    PetscCheck(p->max > p->min, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: max (%s) must exceed min (%s)", file, p->line, kname, smax, smin);
    p->range = PETSC_TRUE;
    if (ssc) {
      PetscCheck(!strcmp(ssc, "linear") || !strcmp(ssc, "log"), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: scale '%s' (expected linear or log)", file, p->line, kname, ssc);
      p->logscale = (PetscBool)!strcmp(ssc, "log");
    }
    PetscCheck(!p->logscale || p->min > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: a log scale needs min > 0 (got %s)", file, p->line, kname, smin);
    if (mode == MF_STUDY_LHS) {
      PetscCheck(!sn, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: in lhs mode the number of values is the study's samples:, remove n", file, p->line, kname);
    } else {
      char *end;
      long  n;
      PetscCheck(sn, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: a range in %s mode needs n (number of values)", file, p->line, kname, MfStudyModeName(mode));
      n = strtol(sn, &end, 10);
      PetscCheck(*end == 0 && n >= 2 && n <= 100000, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: parameter %s: n = '%s' (expected an integer 2..100000: a range from min to max has at least its two ends; give one value as a plain value)", file, p->line, kname, sn);
      p->nvals = (PetscInt)n;
      PetscCall(PetscCalloc1(n, &p->vals));
      for (PetscInt i = 0; i < n; i++) {
        PetscReal u = (PetscReal)i / (PetscReal)(n - 1);
        PetscCall(FormatValue(i == n - 1 ? p->max : RangeValue(p, u), p->unit, &p->vals[i]));
      }
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ParseInt(const char *file, yaml_document_t *doc, yaml_node_t *node, const char *key, long lo, long hi, PetscInt *v)
{
  const char *s = MfYamlScalar(doc, node);
  char       *end;
  long        x;

  PetscFunctionBeginUser;
  PetscCheck(s, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s must be an integer", file, (int)node->start_mark.line + 1, key);
  errno = 0;
  x     = strtol(s, &end, 10);
  PetscCheck(end != s && *end == 0 && errno == 0 && x >= lo && x <= hi, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s = '%s' (expected an integer in [%ld, %ld])", file, (int)node->start_mark.line + 1, key, s, lo, hi);
  *v = (PetscInt)x;
  PetscFunctionReturn(0);
}

static PetscErrorCode ResolveDeck(const char *study, int line, const char *deck, char *out, size_t len)
{
  PetscFunctionBeginUser;
  if (deck[0] == '/' || !access(deck, R_OK)) {
    PetscCall(PetscStrncpy(out, deck, len));
  } else {
    const char *slash = strrchr(study, '/');
    if (slash) {
      PetscCall(PetscSNPrintf(out, len, "%.*s/%s", (int)(slash - study), study, deck));
    } else PetscCall(PetscStrncpy(out, deck, len));
  }
  PetscCheck(!access(out, R_OK), PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "%s:%d: deck '%s' not found or not readable (looked in the working directory and next to the study file)", study, line, deck);
  PetscFunctionReturn(0);
}

static PetscErrorCode StudyParamsDestroy(PetscInt n, StudyParam **ps)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt j = 0; j < (*ps)[i].nvals; j++) PetscCall(PetscFree((*ps)[i].vals[j]));
    PetscCall(PetscFree((*ps)[i].vals));
  }
  PetscCall(PetscFree(*ps));
  PetscFunctionReturn(0);
}

/* Fill study->keys/values from the parsed parameters. */
static PetscErrorCode Expand(const char *file, MfStudy *s, PetscInt np, StudyParam *ps, PetscInt samples, unsigned long seed, PetscInt nseeds, const char *seed_key, PetscInt nfixed, char fixk[][KEY_LEN], char **fixv)
{
  PetscInt ndesign = 1, nk;

  PetscFunctionBeginUser;
  switch (s->mode) {
  case MF_STUDY_GRID:
  case MF_STUDY_ENSEMBLE:
    for (PetscInt i = 0; i < np; i++) {
      PetscCheck(ndesign <= 10000000 / ps[i].nvals, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: the grid has more than 10^7 points", file);
      ndesign *= ps[i].nvals;
    }
    break;
  case MF_STUDY_LIST:
    ndesign = np ? ps[0].nvals : 1;
    for (PetscInt i = 1; i < np; i++)
      PetscCheck(ps[i].nvals == ndesign, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: list mode zips the parameters, but %s has %" PetscInt_FMT " values and %s has %" PetscInt_FMT, file, ps[i].line, ps[0].key, ndesign, ps[i].key, ps[i].nvals);
    break;
  case MF_STUDY_LHS: ndesign = samples; break;
  }
  nk         = np + (nseeds > 0 ? 1 : 0) + nfixed;
  s->nkeys   = nk;
  s->npoints = ndesign * (nseeds > 0 ? nseeds : 1);
  PetscCheck(s->npoints > 0 && nk > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: the study defines no point (give parameters, seeds or both)", file);
  PetscCall(PetscCalloc1(nk, &s->keys));
  PetscCall(PetscCalloc1(s->npoints * nk, &s->values));
  for (PetscInt i = 0; i < np; i++) PetscCall(PetscStrallocpy(ps[i].key, &s->keys[i]));
  if (nseeds > 0) PetscCall(PetscStrallocpy(seed_key, &s->keys[np]));
  for (PetscInt f = 0; f < nfixed; f++) PetscCall(PetscStrallocpy(fixk[f], &s->keys[nk - nfixed + f]));
  for (PetscInt a = 0; a < nk; a++)
    for (PetscInt b = a + 1; b < nk; b++) PetscCheck(strcmp(s->keys[a], s->keys[b]), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: key %s is given twice (parameters, fixed or seed_key)", file, s->keys[a]);

  {
    PetscReal *u = NULL;
    if (s->mode == MF_STUDY_LHS) {
      PetscCall(PetscMalloc1(samples * np, &u));
      PetscCall(MfLatinHypercube(samples, np, seed, u));
    }
    for (PetscInt d = 0; d < ndesign; d++) {
      PetscInt rem = d;
      for (PetscInt r = 0; r < (nseeds > 0 ? nseeds : 1); r++) {
        PetscInt p   = d * (nseeds > 0 ? nseeds : 1) + r;
        char   **row = &s->values[p * nk];
        rem          = d;
        for (PetscInt i = np - 1; i >= 0; i--) { /* grid: last key fastest */
          const char *v = NULL;
          if (s->mode == MF_STUDY_LHS) {
            if (!row[i]) PetscCall(FormatValue(RangeValue(&ps[i], u[d * np + i]), ps[i].unit, &row[i]));
            continue;
          } else if (s->mode == MF_STUDY_LIST) v = ps[i].vals[d];
          else {
            v = ps[i].vals[rem % ps[i].nvals];
            rem /= ps[i].nvals;
          }
          PetscCall(PetscStrallocpy(v, &row[i]));
        }
        if (nseeds > 0) {
          char buf[32];
          PetscCall(PetscSNPrintf(buf, sizeof(buf), "%lu", seed + (unsigned long)r));
          PetscCall(PetscStrallocpy(buf, &row[np]));
        }
        for (PetscInt f = 0; f < nfixed; f++) PetscCall(PetscStrallocpy(fixv[f], &row[nk - nfixed + f]));
      }
    }
    PetscCall(PetscFree(u));
  }
  /* fingerprint of the point list */
  {
    unsigned long long h = MF_FNV_OFFSET;
    for (PetscInt k = 0; k < nk; k++) h = MfSweepHashString(h, s->keys[k]);
    for (PetscInt p = 0; p < s->npoints * nk; p++) h = MfSweepHashString(h, s->values[p]);
    s->points_hash = h;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfStudyLoad(const char *path, MfStudy *s)
{
  yaml_document_t doc;
  yaml_node_t    *root, *params = NULL;
  PetscBool       ok;
  char            msg[512], seed_key[KEY_LEN] = "kmc_seed", fixk[64][KEY_LEN], *fixv[64];
  PetscInt        np = 0, samples = 0, nseeds = 0, nfixed = 0, seedv = 1;
  PetscBool       have_mode = PETSC_FALSE, have_samples = PETSC_FALSE, have_seed = PETSC_FALSE, have_deck = PETSC_FALSE;
  StudyParam     *ps = NULL;
  static const char *allowed = "name, deck, mode, parameters, samples, seed, seeds, seed_key, fixed, output, ranks_per_point";

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(s, sizeof(*s)));
  PetscCall(PetscStrncpy(s->path, path, sizeof(s->path)));
  PetscCall(MfYamlLoadFile(path, &doc, &ok, msg, sizeof(msg)));
  PetscCheck(ok, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "study %s", msg);
  root = yaml_document_get_root_node(&doc);
  if (!root || root->type != YAML_MAPPING_NODE) {
    yaml_document_delete(&doc);
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "study %s: expected a mapping with keys %s", path, allowed);
  }
  { /* default name: file name without folder and extension */
    const char *b = strrchr(path, '/');
    char       *dot;
    PetscCall(PetscStrncpy(s->name, b ? b + 1 : path, sizeof(s->name)));
    if ((dot = strrchr(s->name, '.'))) *dot = 0;
  }
  for (yaml_node_pair_t *q = root->data.mapping.pairs.start; q < root->data.mapping.pairs.top; q++) {
    yaml_node_t *kn = yaml_document_get_node(&doc, q->key), *vn = yaml_document_get_node(&doc, q->value);
    const char  *k = MfYamlScalar(&doc, kn), *v = MfYamlScalar(&doc, vn);
    int          line = (int)kn->start_mark.line + 1;

    PetscCheck(k, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: keys must be plain names (%s)", path, line, allowed);
    if (!strcmp(k, "parameters") || !strcmp(k, "fixed")) {
      PetscCheck(vn->type == YAML_MAPPING_NODE || (vn->type == YAML_SCALAR_NODE && !v[0]), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s must be a mapping key: value", path, line, k);
      if (!strcmp(k, "parameters")) params = vn;
      else if (vn->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *f = vn->data.mapping.pairs.start; f < vn->data.mapping.pairs.top; f++) {
          yaml_node_t *fk = yaml_document_get_node(&doc, f->key);
          const char  *fv = MfYamlScalar(&doc, yaml_document_get_node(&doc, f->value));
          PetscCheck(nfixed < 64, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: more than 64 fixed keys", path, line);
          PetscCheck(MfYamlScalar(&doc, fk) && fv, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: fixed entries must be key: value", path, (int)fk->start_mark.line + 1);
          PetscCall(FlattenKey(path, (int)fk->start_mark.line + 1, MfYamlScalar(&doc, fk), fixk[nfixed], KEY_LEN));
          PetscCall(PetscStrallocpy(fv, &fixv[nfixed]));
          nfixed++;
        }
      }
      continue;
    }
    PetscCheck(v, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: %s must be a single value", path, line, k);
    if (!strcmp(k, "name")) PetscCall(PetscStrncpy(s->name, v, sizeof(s->name)));
    else if (!strcmp(k, "deck")) {
      PetscCall(ResolveDeck(path, line, v, s->deck, sizeof(s->deck)));
      have_deck = PETSC_TRUE;
    } else if (!strcmp(k, "output")) PetscCall(PetscStrncpy(s->output, v, sizeof(s->output)));
    else if (!strcmp(k, "mode")) {
      if (!strcmp(v, "grid")) s->mode = MF_STUDY_GRID;
      else if (!strcmp(v, "list")) s->mode = MF_STUDY_LIST;
      else if (!strcmp(v, "lhs")) s->mode = MF_STUDY_LHS;
      else if (!strcmp(v, "ensemble")) s->mode = MF_STUDY_ENSEMBLE;
      else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: mode '%s' (expected grid, list, lhs or ensemble)", path, line, v);
      have_mode = PETSC_TRUE;
    } else if (!strcmp(k, "samples")) {
      PetscCall(ParseInt(path, &doc, vn, "samples", 1, 1000000, &samples));
      have_samples = PETSC_TRUE;
    } else if (!strcmp(k, "seed")) {
      PetscCall(ParseInt(path, &doc, vn, "seed", 0, 2147483647L, &seedv));
      have_seed = PETSC_TRUE;
    } else if (!strcmp(k, "seeds")) PetscCall(ParseInt(path, &doc, vn, "seeds", 1, 1000000, &nseeds));
    else if (!strcmp(k, "ranks_per_point")) PetscCall(ParseInt(path, &doc, vn, "ranks_per_point", 1, 1000000, &s->ranks_per_point));
    else if (!strcmp(k, "seed_key")) PetscCall(FlattenKey(path, line, v, seed_key, sizeof(seed_key)));
    else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s:%d: unknown study key '%s' (expected one of %s)", path, line, k, allowed);
  }
  PetscCheck(have_mode, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: mode is missing (grid, list, lhs or ensemble)", path);
  PetscCheck(have_deck, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: deck is missing (the base deck every point starts from, e.g. deck: inputs/default.yaml)", path);
  PetscCheck(s->mode != MF_STUDY_LHS || have_samples, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: lhs mode needs samples: N", path);
  PetscCheck(s->mode == MF_STUDY_LHS || !have_samples, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: samples: is only used in lhs mode (mode is %s)", path, MfStudyModeName(s->mode));
  PetscCheck(s->mode != MF_STUDY_LHS || have_seed, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: lhs mode needs seed: (the design must be reproducible)", path);
  PetscCheck(s->mode != MF_STUDY_ENSEMBLE || nseeds > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: ensemble mode needs seeds: N (number of members)", path);
  if (!s->output[0]) PetscCall(PetscSNPrintf(s->output, sizeof(s->output), "results/%s", s->name));
  if (params && params->type == YAML_MAPPING_NODE) {
    np = (PetscInt)(params->data.mapping.pairs.top - params->data.mapping.pairs.start);
    PetscCall(PetscCalloc1(np, &ps));
    for (PetscInt i = 0; i < np; i++) {
      yaml_node_pair_t *q = params->data.mapping.pairs.start + i;
      PetscCall(ParseParam(path, &doc, yaml_document_get_node(&doc, q->key), yaml_document_get_node(&doc, q->value), s->mode, &ps[i]));
    }
  }
  PetscCheck(s->mode != MF_STUDY_LHS || np > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: lhs mode needs at least one parameter range", path);
  PetscCheck(s->mode == MF_STUDY_ENSEMBLE || s->mode == MF_STUDY_GRID || np > 0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: %s mode needs parameters", path, MfStudyModeName(s->mode));
  PetscCall(Expand(path, s, np, ps, samples, (unsigned long)seedv, nseeds, seed_key, nfixed, fixk, fixv));
  PetscCall(StudyParamsDestroy(np, &ps));
  for (PetscInt f = 0; f < nfixed; f++) PetscCall(PetscFree(fixv[f]));
  yaml_document_delete(&doc);
  PetscCall(MfSweepHashFile(s->deck, &s->deck_hash));
  PetscFunctionReturn(0);
}

PetscErrorCode MfStudyDestroy(MfStudy *s)
{
  PetscFunctionBeginUser;
  if (s->values)
    for (PetscInt i = 0; i < s->npoints * s->nkeys; i++) PetscCall(PetscFree(s->values[i]));
  if (s->keys)
    for (PetscInt k = 0; k < s->nkeys; k++) PetscCall(PetscFree(s->keys[k]));
  PetscCall(PetscFree(s->values));
  PetscCall(PetscFree(s->keys));
  s->npoints = s->nkeys = 0;
  PetscFunctionReturn(0);
}
