/* Reader of one material file (inputs/materials/<class>/<Name>.yaml) with libyaml's document API.
 * Format (keys are the MfMaterial field names, values bare SI numbers, so no unit parsing):
 *   name: Cu                      class: electrode            aliases: [copper]
 *   sigma_law: METALLIC           sigma_S_per_m: 5.96e7       ...
 *   sources:   {"sigma_S_per_m, tcr_per_K": "CRC Handbook 97th ed.", default: "..."}
 *   estimated: {nu: "one-line reason"}
 *   notes: free text
 * Every number given must be covered by a source (its own entry or `default`); every `estimated` key
 * must name a property given in the file, with a reason. Problems come back as "path:line: ..." text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>
#include "materials_impl.h"

#define CHECK(cond, code, ...) \
  do { \
    if (!(cond)) { \
      snprintf(msg, len, __VA_ARGS__); \
      ierr = (code); \
      goto done; \
    } \
  } while (0)

static const char *const top_keys_extra[] = {"name", "class", "aliases", "sources", "estimated", "notes"};
#define NEXTRA ((PetscInt)(sizeof(top_keys_extra) / sizeof(top_keys_extra[0])))

static const char *scalar(yaml_node_t *n)
{
  return (n && n->type == YAML_SCALAR_NODE) ? (const char *)n->data.scalar.value : NULL;
}

static PetscBool parse_bool(const char *s, PetscBool *ok)
{
  *ok = PETSC_TRUE;
  if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcmp(s, "1")) return PETSC_TRUE;
  if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcmp(s, "0")) return PETSC_FALSE;
  *ok = PETSC_FALSE;
  return PETSC_FALSE;
}

/* Does a comma-separated key list "k_W_per_mK, cp_J_per_kgK" contain `key`? */
static PetscBool list_has(const char *list, const char *key)
{
  size_t k = strlen(key);
  while (*list) {
    while (*list == ' ' || *list == ',') list++;
    size_t n = strcspn(list, ", ");
    if (n == k && !strncmp(list, key, k)) return PETSC_TRUE;
    list += n;
  }
  return PETSC_FALSE;
}

/* Nearest valid top-level key, for "unknown key" messages. */
static const char *nearest_key(const char *key)
{
  PetscInt          np;
  const MfPropInfo *p = MfMaterialPropTable_Internal(&np);
  const char       *cands[64];
  PetscInt          n = 0;
  for (PetscInt i = 0; i < np && n < 64; i++) cands[n++] = p[i].key;
  for (PetscInt i = 0; i < NEXTRA && n < 64; i++) cands[n++] = top_keys_extra[i];
  return MfNearest_Internal(key, cands, n);
}

PetscErrorCode MfMaterialParseYAML_Internal(const char *path, int expected_class, MfMaterial *m, char aliases[][MF_NAME_LEN], PetscInt *naliases, char *msg, size_t len)
{
  FILE             *fp = NULL;
  yaml_parser_t     parser;
  yaml_document_t   doc;
  PetscBool         parser_init = PETSC_FALSE, doc_init = PETSC_FALSE;
  PetscErrorCode    ierr        = 0;
  PetscInt          np;
  const MfPropInfo *props = MfMaterialPropTable_Internal(&np);
  PetscBool         given[64];
  yaml_node_t      *sources = NULL, *estimated = NULL, *root;
  PetscBool         have_name = PETSC_FALSE, have_class = PETSC_FALSE;

  MfMaterialSetDefaults_Internal(m);
  *naliases = 0;
  memset(given, 0, sizeof(given));
  msg[0] = 0;

  fp = fopen(path, "rb");
  CHECK(fp, PETSC_ERR_FILE_OPEN, "%s: cannot open material file (%s)", path, strerror(errno));
  CHECK(yaml_parser_initialize(&parser), PETSC_ERR_MEM, "%s: cannot initialise the YAML parser", path);
  parser_init = PETSC_TRUE;
  yaml_parser_set_input_file(&parser, fp);
  if (!yaml_parser_load(&parser, &doc)) {
    CHECK(0, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: malformed YAML: %s%s%s", path, (unsigned long)parser.problem_mark.line + 1, parser.problem ? parser.problem : "syntax error",
          parser.context ? " " : "", parser.context ? parser.context : "");
  }
  doc_init = PETSC_TRUE;
  root     = yaml_document_get_root_node(&doc);
  CHECK(root && root->type == YAML_MAPPING_NODE, PETSC_ERR_FILE_UNEXPECTED, "%s: a material file must be a YAML mapping of 'key: value' lines", path);

  for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
    yaml_node_t      *kn = yaml_document_get_node(&doc, pr->key), *vn = yaml_document_get_node(&doc, pr->value);
    const char       *key = scalar(kn), *val = scalar(vn);
    unsigned long     line = (unsigned long)kn->start_mark.line + 1;
    const MfPropInfo *p;

    CHECK(key, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: keys must be plain words", path, line);
    if (!strcmp(key, "name")) {
      CHECK(val && val[0] && strlen(val) < MF_NAME_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'name' must be a non-empty string shorter than %d characters", path, line, MF_NAME_LEN);
      CHECK(!have_name, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: duplicate key 'name'", path, line);
      strcpy(m->name, val);
      have_name = PETSC_TRUE;
    } else if (!strcmp(key, "class")) {
      int c = -1;
      CHECK(val, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'class' must be substrate, electrode or functional", path, line);
      for (int i = 0; i < 3; i++)
        if (!strcasecmp(val, MfMaterialClasses[i])) c = i;
      CHECK(c >= 0, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: class '%s' is not one of substrate, electrode, functional", path, line, val);
      CHECK(expected_class < 0 || c == expected_class, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: class '%s' does not match the folder (expected %s)", path, line, val, MfMaterialClasses[expected_class]);
      m->klass   = (MfMaterialClass)c;
      have_class = PETSC_TRUE;
    } else if (!strcmp(key, "aliases")) {
      if (val) {
        CHECK(strlen(val) < MF_NAME_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: alias too long", path, line);
        strcpy(aliases[(*naliases)++], val);
      } else {
        CHECK(vn->type == YAML_SEQUENCE_NODE, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'aliases' must be a list of names", path, line);
        for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
          const char *a = scalar(yaml_document_get_node(&doc, *it));
          CHECK(a && strlen(a) < MF_NAME_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: every alias must be a name shorter than %d characters", path, line, MF_NAME_LEN);
          CHECK(*naliases < MF_MAT_MAX_ALIAS, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: at most %d aliases", path, line, MF_MAT_MAX_ALIAS);
          strcpy(aliases[(*naliases)++], a);
        }
      }
    } else if (!strcmp(key, "sources")) {
      CHECK(vn->type == YAML_MAPPING_NODE || (val && val[0]), PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'sources' must map property keys to citations (or be one citation)", path, line);
      sources = vn;
    } else if (!strcmp(key, "estimated")) {
      CHECK(vn->type == YAML_MAPPING_NODE, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'estimated' must map property keys to a one-line reason", path, line);
      estimated = vn;
    } else if (!strcmp(key, "notes")) {
      continue;
    } else if ((p = MfMaterialPropFind_Internal(key))) {
      size_t idx = (size_t)(p - props);
      char  *end = NULL;
      CHECK(!given[idx], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: duplicate key '%s'", path, line, key);
      CHECK(val && val[0], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: '%s' needs a value", path, line, key);
      given[idx] = PETSC_TRUE;
      if (p->kind == MF_PROP_LAW) {
        int law = -1;
        for (int i = 0; i < 3; i++)
          if (!strcasecmp(val, MfSigmaLaws[i])) law = i;
        CHECK(law >= 0, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: sigma_law '%s' is not one of CONSTANT, METALLIC, ACTIVATED", path, line, val);
        m->sigma_law = (MfSigmaLaw)law;
      } else if (p->kind == MF_PROP_BOOL) {
        PetscBool ok, b = parse_bool(val, &ok);
        CHECK(ok, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: '%s' must be true or false, got '%s'", path, line, key, val);
        *(PetscBool *)((char *)m + p->offset) = b;
      } else {
        double v;
        errno = 0;
        v     = strtod(val, &end);
        while (end && (*end == ' ' || *end == '\t')) end++;
        CHECK(end != val && end && *end == 0 && errno != ERANGE, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: '%s: %s' is not a number (values are bare SI numbers; the unit is %s)", path, line, key, val,
              p->unit[0] ? p->unit : "dimensionless");
        *(PetscReal *)((char *)m + p->offset) = (PetscReal)v;
      }
    } else {
      CHECK(0, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: unknown key '%s' (did you mean '%s'?)", path, line, key, nearest_key(key));
    }
  }
  CHECK(have_name, PETSC_ERR_FILE_UNEXPECTED, "%s: missing key 'name'", path);
  CHECK(have_class, PETSC_ERR_FILE_UNEXPECTED, "%s: missing key 'class' (substrate, electrode or functional)", path);
  for (PetscInt i = 0; i < np; i++) CHECK(!props[i].required || given[i], PETSC_ERR_FILE_UNEXPECTED, "%s: material '%s' misses required property '%s' (%s, %s)", path, m->name, props[i].key, props[i].meaning, props[i].unit[0] ? props[i].unit : "dimensionless");
  if (m->sigma_law == MF_SIGMA_METALLIC) CHECK(given[MfMaterialPropFind_Internal("tcr_per_K") - props], PETSC_ERR_FILE_UNEXPECTED, "%s: sigma_law METALLIC needs tcr_per_K", path);
  if (m->sigma_law == MF_SIGMA_ACTIVATED) CHECK(given[MfMaterialPropFind_Internal("sigma_Ea_eV") - props], PETSC_ERR_FILE_UNEXPECTED, "%s: sigma_law ACTIVATED needs sigma_Ea_eV", path);

  /* Provenance: every number given needs a citation; build "keys: citation | ..." for the record. */
  CHECK(sources, PETSC_ERR_FILE_UNEXPECTED, "%s: material '%s' has no 'sources' (every number needs a citation)", path, m->name);
  if (sources->type == YAML_SCALAR_NODE) {
    CHECK(strlen(scalar(sources)) < MF_SOURCE_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s: sources longer than %d characters; shorten the citations", path, MF_SOURCE_LEN - 1);
    strcpy(m->source, scalar(sources));
  } else {
    PetscBool has_default = PETSC_FALSE;
    for (yaml_node_pair_t *pr = sources->data.mapping.pairs.start; pr < sources->data.mapping.pairs.top; pr++) {
      const char   *k = scalar(yaml_document_get_node(&doc, pr->key)), *c = scalar(yaml_document_get_node(&doc, pr->value));
      unsigned long line = (unsigned long)yaml_document_get_node(&doc, pr->key)->start_mark.line + 1;
      CHECK(k && c && c[0], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: each source is 'property keys: citation'", path, line);
      if (!strcmp(k, "default")) has_default = PETSC_TRUE;
      else {
        /* every listed key must be a property given in this file */
        char        buf[512];
        const char *s = k;
        while (*s) {
          while (*s == ' ' || *s == ',') s++;
          size_t n = strcspn(s, ", ");
          if (!n) break;
          CHECK(n < sizeof(buf), PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: source key too long", path, line);
          memcpy(buf, s, n);
          buf[n]              = 0;
          const MfPropInfo *p = MfMaterialPropFind_Internal(buf);
          CHECK(p, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: source given for unknown property '%s' (did you mean '%s'?)", path, line, buf, nearest_key(buf));
          CHECK(given[p - props], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: source given for '%s', which the file does not set", path, line, buf);
          s += n;
        }
      }
      size_t need = strlen(m->source) + strlen(k) + strlen(c) + 6;
      CHECK(need < MF_SOURCE_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: sources longer than %d characters in total; shorten the citations", path, line, MF_SOURCE_LEN - 1);
      if (m->source[0]) strcat(m->source, " | ");
      strcat(m->source, k);
      strcat(m->source, ": ");
      strcat(m->source, c);
    }
    if (!has_default) {
      for (PetscInt i = 0; i < np; i++) {
        PetscBool covered = PETSC_FALSE;
        if (!given[i] || props[i].kind != MF_PROP_REAL || !strcmp(props[i].key, "T0_K")) continue; /* T0 is a reference condition */
        for (yaml_node_pair_t *pr = sources->data.mapping.pairs.start; pr < sources->data.mapping.pairs.top; pr++)
          if (list_has(scalar(yaml_document_get_node(&doc, pr->key)), props[i].key)) covered = PETSC_TRUE;
        CHECK(covered, PETSC_ERR_FILE_UNEXPECTED, "%s: material '%s': property '%s' has no source (add it to 'sources:')", path, m->name, props[i].key);
      }
    }
  }
  if (estimated) {
    for (yaml_node_pair_t *pr = estimated->data.mapping.pairs.start; pr < estimated->data.mapping.pairs.top; pr++) {
      yaml_node_t      *kn = yaml_document_get_node(&doc, pr->key);
      const char       *k = scalar(kn), *why = scalar(yaml_document_get_node(&doc, pr->value));
      unsigned long     line = (unsigned long)kn->start_mark.line + 1;
      const MfPropInfo *p    = k ? MfMaterialPropFind_Internal(k) : NULL;
      CHECK(p, PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'estimated' names unknown property '%s' (did you mean '%s'?)", path, line, k ? k : "?", k ? nearest_key(k) : "?");
      CHECK(given[p - props], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: 'estimated' names '%s', which the file does not set", path, line, k);
      CHECK(why && why[0], PETSC_ERR_FILE_UNEXPECTED, "%s:%lu: estimate of '%s' needs a one-line reason", path, line, k);
      CHECK(strlen(m->estimated) + strlen(k) + 2 < MF_SOURCE_LEN, PETSC_ERR_FILE_UNEXPECTED, "%s: estimate list too long", path);
      if (m->estimated[0]) strcat(m->estimated, ",");
      strcat(m->estimated, k);
    }
  }
done:
  if (doc_init) yaml_document_delete(&doc);
  if (parser_init) yaml_parser_delete(&parser);
  if (fp) fclose(fp);
  return ierr;
}
