/* Checking values against the schema, typed access, and the whole-configuration validation
 * (unknown options, required keys, cross-key physics checks). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mf_config.h"
#include "mf_config_impl.h"

static void RangeText(const MfKey *k, char *buf, size_t len)
{
  const char *u  = k->unit && k->unit[0] ? k->unit : "";
  int         lo = k->min > -PETSC_MAX_REAL, hi = k->max < PETSC_MAX_REAL;
  if (lo && hi) snprintf(buf, len, "a value in %c%g, %g%c%s%s", k->min_open ? '(' : '[', (double)k->min, (double)k->max, k->max_open ? ')' : ']', u[0] ? " " : "", u);
  else if (lo) snprintf(buf, len, "a value %s %g%s%s", k->min_open ? ">" : ">=", (double)k->min, u[0] ? " " : "", u);
  else if (hi) snprintf(buf, len, "a value %s %g%s%s", k->max_open ? "<" : "<=", (double)k->max, u[0] ? " " : "", u);
  else snprintf(buf, len, "a number%s%s", u[0] ? " in " : "", u);
}

static int InRange(const MfKey *k, double x)
{
  if (x < k->min || (k->min_open && x == k->min)) return 0;
  if (x > k->max || (k->max_open && x == k->max)) return 0;
  return 1;
}

static int CheckReal(const MfKey *k, const char *text, double *x, char *msg, size_t msglen)
{
  char range[160];
  if (!MfUnitsParse_Impl(text, k->unit, x, msg, msglen)) return 0;
  if (!InRange(k, *x)) {
    RangeText(k, range, sizeof(range));
    snprintf(msg, msglen, "'%s' = %g%s%s is out of range, expected %s", text, *x, k->unit[0] ? " " : "", k->unit, range);
    return 0;
  }
  return 1;
}

static int ParseBool(const char *text, PetscBool *b)
{
  static const char *const yes[] = {"", "1", "true", "yes", "on"}, *const no[] = {"0", "false", "no", "off"};
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
    if (!strcasecmp(text, yes[i])) {
      *b = PETSC_TRUE;
      return 1;
    }
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
    if (!strcasecmp(text, no[i])) {
      *b = PETSC_FALSE;
      return 1;
    }
  return 0;
}

static int ParseInt(const char *text, long long *v)
{
  char *end;
  errno = 0;
  *v    = strtoll(text, &end, 10);
  if (end == text || errno) return 0;
  while (*end == ' ') end++;
  return *end == 0;
}

static int CheckText(const MfKey *k, const char *text, char *msg, size_t msglen)
{
  double x;

  msg[0] = 0;
  while (*text == ' ') text++;
  if (!text[0] && k->type != MF_KEY_BOOL && k->type != MF_KEY_STRING) {
    if (k->type == MF_KEY_ENUM) snprintf(msg, msglen, "has no value, expected one of %s", k->choices);
    else if (k->type == MF_KEY_INT) snprintf(msg, msglen, "has no value, expected an integer");
    else snprintf(msg, msglen, "has no value, expected a number%s%s", k->unit[0] ? " in " : "", k->unit);
    return 0;
  }
  switch (k->type) {
  case MF_KEY_REAL:
    return CheckReal(k, text, &x, msg, msglen);
  case MF_KEY_REAL_ARRAY: {
    char        item[256];
    const char *p = text;
    for (;;) {
      size_t n = strcspn(p, ",");
      if (n >= sizeof(item)) n = sizeof(item) - 1;
      memcpy(item, p, n);
      item[n] = 0;
      if (!item[strspn(item, " ")]) {
        snprintf(msg, msglen, "'%s' has an empty list item, expected numbers separated by ','", text);
        return 0;
      }
      if (!CheckReal(k, item, &x, msg, msglen)) return 0;
      if (!p[n]) break;
      p += n + 1;
    }
    return 1;
  }
  case MF_KEY_INT: {
    long long v;
    if (!ParseInt(text, &v)) {
      snprintf(msg, msglen, "'%s' is not an integer", text);
      return 0;
    }
    if (v < k->min || v > k->max) {
      snprintf(msg, msglen, "%lld is out of range, expected an integer in [%.0f, %.0f]", v, (double)k->min, (double)k->max);
      return 0;
    }
    return 1;
  }
  case MF_KEY_BOOL: {
    PetscBool b;
    if (!ParseBool(text, &b)) {
      snprintf(msg, msglen, "'%s' is not a boolean, expected true or false", text);
      return 0;
    }
    return 1;
  }
  case MF_KEY_ENUM: {
    const char *c = k->choices;
    size_t      l = strlen(text);
    while (c && *c) {
      size_t n = strcspn(c, "|");
      if (n == l && !strncasecmp(c, text, n)) return 1;
      c += n + (c[n] == '|');
    }
    snprintf(msg, msglen, "'%s' is not a valid choice, expected one of %s", text, k->choices);
    return 0;
  }
  case MF_KEY_STRING:
    return 1;
  }
  return 0;
}

PetscErrorCode MfConfigCheckValue(const MfKey *key, const char *text, PetscBool *ok, char *msg, size_t msglen)
{
  PetscFunctionBeginUser;
  PetscCheck(key && text && ok && msg, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "MfConfigCheckValue needs a key, a text, ok and msg");
  *ok = CheckText(key, text, msg, msglen) ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscBool MfConfigFromCommandLine(const char *name)
{
  int    argc = 0;
  char **argv = NULL;
  if (name[0] == '-') name++;
  if (PetscGetArgs(&argc, &argv)) return PETSC_FALSE;
  for (int i = 1; i < argc; i++)
    if (argv[i] && argv[i][0] == '-' && !strcasecmp(argv[i] + 1, name)) return PETSC_TRUE;
  return PETSC_FALSE;
}

/* How to name a key in a message: "-name" when it came from the command line (or no deck is loaded),
 * "key 'a.b.c'" prefixed by "deck.yaml: " when it came from a deck. */
static PetscErrorCode DeckName(char *deck, size_t len, PetscBool *has)
{
  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-deck_file", deck, len, has));
  if (!deck[0]) *has = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode Spell(const char *name, char *out, size_t len, PetscBool *fromdeck)
{
  char      deck[PETSC_MAX_PATH_LEN], dot[256];
  PetscBool hasdeck;

  PetscFunctionBeginUser;
  if (name[0] == '-') name++;
  PetscCall(DeckName(deck, sizeof(deck), &hasdeck));
  *fromdeck = (PetscBool)(hasdeck && !MfConfigFromCommandLine(name));
  if (*fromdeck) {
    MfSchemaDotPath(name, dot, sizeof(dot));
    snprintf(out, len, "'%s'", dot);
  } else snprintf(out, len, "-%s", name);
  PetscFunctionReturn(0);
}

/* "deck.yaml: key 'a.b'" or "option -a_b" */
PetscErrorCode MfConfigKeyLabel(const char *name, char *out, size_t len)
{
  char      deck[PETSC_MAX_PATH_LEN], sp[300];
  PetscBool fromdeck, has;

  PetscFunctionBeginUser;
  PetscCall(Spell(name, sp, sizeof(sp), &fromdeck));
  PetscCall(DeckName(deck, sizeof(deck), &has));
  if (fromdeck) snprintf(out, len, "%s: key %s", deck, sp);
  else snprintf(out, len, "option %s", sp);
  PetscFunctionReturn(0);
}

/* "deck.yaml: missing required key 'a.b'" or "missing required option -a_b" */
static PetscErrorCode MissingLabel(const char *name, char *out, size_t len)
{
  char      deck[PETSC_MAX_PATH_LEN], dot[256];
  PetscBool has;

  PetscFunctionBeginUser;
  PetscCall(DeckName(deck, sizeof(deck), &has));
  MfSchemaDotPath(name, dot, sizeof(dot));
  if (has) snprintf(out, len, "%s: missing required key '%s' (or option -%s)", deck, dot, name);
  else snprintf(out, len, "missing required option -%s", name);
  PetscFunctionReturn(0);
}

static PetscErrorCode FindKey(const char *key, MfKeyType type, const MfKey **k)
{
  PetscFunctionBeginUser;
  *k = MfSchemaFind(key);
  PetscCheck(*k, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is not in the schema (solver/config/schema.c): add it there", key);
  PetscCheck((*k)->type == type, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is read with the wrong type (schema type %d, asked %d)", key, (int)(*k)->type, (int)type);
  PetscFunctionReturn(0);
}

/* The text of a key: from the options database, else the schema default. *have = PETSC_FALSE for an
 * optional key that is unset. */
static PetscErrorCode GetText(const MfKey *k, char *text, size_t len, PetscBool *set, PetscBool *have)
{
  char opt[160], label[PETSC_MAX_PATH_LEN + 300], msg[MF_CONFIG_MSG_LEN];

  PetscFunctionBeginUser;
  snprintf(opt, sizeof(opt), "-%s", k->name);
  PetscCall(PetscOptionsGetString(NULL, NULL, opt, text, len, set));
  *have = PETSC_TRUE;
  if (*set) {
    if (!CheckText(k, text, msg, sizeof(msg))) {
      PetscCall(MfConfigKeyLabel(k->name, label, sizeof(label)));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: %s", label, msg);
    }
    if (k->type == MF_KEY_STRING && !text[0]) *have = PETSC_FALSE;
    PetscFunctionReturn(0);
  }
  if (!k->def) {
    PetscCall(MissingLabel(k->name, label, sizeof(label)));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s (%s)", label, k->help);
  }
  PetscCall(PetscStrncpy(text, k->def, len));
  if (!k->def[0]) *have = PETSC_FALSE;
  else PetscCheck(CheckText(k, text, msg, sizeof(msg)), PETSC_COMM_SELF, PETSC_ERR_PLIB, "schema default of '%s' is invalid: %s", k->name, msg);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetReal(const char *key, PetscReal *value, PetscBool *set)
{
  const MfKey *k;
  char         text[MF_CONFIG_VALUE_LEN], msg[MF_CONFIG_MSG_LEN];
  PetscBool    s, have;
  double       x = 0;

  PetscFunctionBeginUser;
  PetscCall(FindKey(key, MF_KEY_REAL, &k));
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  if (have) PetscCheck(MfUnitsParse_Impl(text, k->unit, &x, msg, sizeof(msg)), PETSC_COMM_SELF, PETSC_ERR_PLIB, "%s: %s", key, msg);
  *value = (PetscReal)x;
  if (set) *set = (PetscBool)(s && have);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetRealArray(const char *key, PetscReal values[], PetscInt *n, PetscBool *set)
{
  const MfKey *k;
  char         text[MF_CONFIG_VALUE_LEN], msg[MF_CONFIG_MSG_LEN], item[256];
  PetscBool    s, have;
  PetscInt     nmax = *n, cnt = 0;
  const char  *p    = text;

  PetscFunctionBeginUser;
  PetscCall(FindKey(key, MF_KEY_REAL_ARRAY, &k));
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  while (have && *p) {
    size_t l = strcspn(p, ",");
    double x;
    PetscCheck(cnt < nmax, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "option -%s has more than %" PetscInt_FMT " values", key, nmax);
    if (l >= sizeof(item)) l = sizeof(item) - 1;
    memcpy(item, p, l);
    item[l] = 0;
    PetscCheck(MfUnitsParse_Impl(item, k->unit, &x, msg, sizeof(msg)), PETSC_COMM_SELF, PETSC_ERR_PLIB, "%s: %s", key, msg);
    values[cnt++] = (PetscReal)x;
    p += l + (p[l] == ',');
  }
  *n = cnt;
  if (set) *set = (PetscBool)(s && have);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetInt(const char *key, PetscInt *value, PetscBool *set)
{
  const MfKey *k;
  char         text[MF_CONFIG_VALUE_LEN];
  PetscBool    s, have;
  long long    v = 0;

  PetscFunctionBeginUser;
  PetscCall(FindKey(key, MF_KEY_INT, &k));
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  if (have) (void)ParseInt(text, &v); /* validated by GetText */
  *value = (PetscInt)v;
  if (set) *set = (PetscBool)(s && have);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetBool(const char *key, PetscBool *value, PetscBool *set)
{
  const MfKey *k;
  char         text[MF_CONFIG_VALUE_LEN];
  PetscBool    s, have, b = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(FindKey(key, MF_KEY_BOOL, &k));
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  if (have || s) (void)ParseBool(text, &b); /* a bare flag (-key) is true */
  *value = b;
  if (set) *set = s;
  PetscFunctionReturn(0);
}

/* STRING and ENUM keys. The output folder default names the deck: results/<deck> -> results/device1. */
PetscErrorCode MfConfigGetString(const char *key, char *value, size_t len, PetscBool *set)
{
  const MfKey *k = MfSchemaFind(key);
  char         text[MF_CONFIG_VALUE_LEN];
  PetscBool    s, have;
  char        *tag;

  PetscFunctionBeginUser;
  PetscCheck(k, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is not in the schema (solver/config/schema.c): add it there", key);
  PetscCheck(k->type == MF_KEY_STRING || k->type == MF_KEY_ENUM, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is not a string or enum key", key);
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  if (!have) text[0] = 0;
  tag = strstr(text, "<deck>");
  if (tag) {
    char deck[PETSC_MAX_PATH_LEN] = "", base[PETSC_MAX_PATH_LEN], out[MF_CONFIG_VALUE_LEN + PETSC_MAX_PATH_LEN];
    PetscBool hasdeck;
    const char *b;
    char       *dotp;
    PetscCall(PetscOptionsGetString(NULL, NULL, "-deck_file", deck, sizeof(deck), &hasdeck));
    b = strrchr(deck, '/');
    PetscCall(PetscStrncpy(base, hasdeck && deck[0] ? (b ? b + 1 : deck) : "memflex", sizeof(base)));
    dotp = strrchr(base, '.');
    if (dotp && dotp != base) *dotp = 0;
    *tag = 0;
    snprintf(out, sizeof(out), "%s%s%s", text, base, tag + 6);
    PetscCall(PetscStrncpy(text, out, sizeof(text)));
  }
  PetscCheck(strlen(text) < len, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "value of option -%s is longer than %zu characters", key, len - 1);
  PetscCall(PetscStrncpy(value, text, len));
  if (set) *set = (PetscBool)(s && have);
  PetscFunctionReturn(0);
}

/* Option names in the database (PetscOptionsGetAll gives "-a v -b -c w x"); values are not needed. */
static PetscErrorCode ForEachOptionName(PetscErrorCode (*fn)(const char *, void *), void *ctx)
{
  char *all, *tok, *save = NULL;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetAll(NULL, &all));
  for (tok = strtok_r(all, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
    if (tok[0] == '-' && isalpha((unsigned char)tok[1])) {
      PetscErrorCode ierr = fn(tok + 1, ctx);
      if (ierr) {
        PetscCall(PetscFree(all));
        PetscCall(ierr);
      }
    }
  }
  PetscCall(PetscFree(all));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckOption(const char *name, void *ctx)
{
  MPI_Comm     comm = *(MPI_Comm *)ctx;
  const MfKey *k    = MfSchemaFind(name);
  char         text[MF_CONFIG_VALUE_LEN], msg[MF_CONFIG_MSG_LEN], label[PETSC_MAX_PATH_LEN + 300], opt[256];
  PetscBool    set;

  PetscFunctionBeginUser;
  if (!k) {
    char best[128];
    if (!MfSchemaIsSection(name) || MfSchemaIsPassthrough(name)) PetscFunctionReturn(0);
    PetscCall(MfSchemaSuggest(name, best, sizeof(best)));
    if (MfSchemaEditDistance(name, best) <= PetscMax(3, (int)strlen(name) / 3)) SETERRQ(comm, PETSC_ERR_USER_INPUT, "unknown option '-%s' (did you mean '-%s'?)", name, best);
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "unknown option '-%s' (see 'memflex run -help' for the valid keys)", name);
  }
  snprintf(opt, sizeof(opt), "-%s", k->name);
  PetscCall(PetscOptionsGetString(NULL, NULL, opt, text, sizeof(text), &set));
  if (set && !CheckText(k, text, msg, sizeof(msg))) {
    PetscCall(MfConfigKeyLabel(k->name, label, sizeof(label)));
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", label, msg);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode IsSet(const char *key, PetscBool *set)
{
  char opt[160];
  PetscFunctionBeginUser;
  snprintf(opt, sizeof(opt), "-%s", key);
  PetscCall(PetscOptionsHasName(NULL, NULL, opt, set));
  PetscFunctionReturn(0);
}

/* Per-layer consistency: a layer with a material needs a thickness (built-in mesher); an optional layer
 * without a material must not carry thickness or property overrides. */
static PetscErrorCode CheckLayers(MPI_Comm comm, PetscBool have_mesh_file)
{
  static const char *const layers[] = {
#define LAYER_NAME(L) #L,
    MF_STACK_LAYERS(LAYER_NAME)
#undef LAYER_NAME
  };
  char      key[128], mat[MF_CONFIG_VALUE_LEN], label[PETSC_MAX_PATH_LEN + 300];
  PetscBool hasmat, set;
  PetscReal t;

  PetscFunctionBeginUser;
  for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
    snprintf(key, sizeof(key), "stack_%s_material", layers[i]);
    PetscCall(MfConfigGetString(key, mat, sizeof(mat), &hasmat)); /* required layers error here */
    snprintf(key, sizeof(key), "stack_%s_thickness", layers[i]);
    PetscCall(MfConfigGetReal(key, &t, &set));
    if (hasmat && !set && !have_mesh_file) {
      PetscCall(MissingLabel(key, label, sizeof(label)));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s (the %s layer of material '%s' needs a thickness > 0 m unless mesh.file is given)", label, layers[i], mat);
    }
    if (!hasmat) {
      const MfKey *keys;
      PetscInt     n;
      char         prefix[128], mkey[128];
      snprintf(prefix, sizeof(prefix), "stack_%s_", layers[i]);
      snprintf(mkey, sizeof(mkey), "stack_%s_material", layers[i]);
      PetscCall(MfSchemaGetTable(&keys, &n));
      for (PetscInt j = 0; j < n; j++) {
        if (strncmp(keys[j].name, prefix, strlen(prefix)) || !strcmp(keys[j].name, mkey)) continue;
        PetscCall(IsSet(keys[j].name, &set));
        if (set) {
          char l2[PETSC_MAX_PATH_LEN + 300], dot[256];
          PetscCall(MfConfigKeyLabel(keys[j].name, label, sizeof(label)));
          if (MfConfigFromCommandLine(mkey)) snprintf(dot, sizeof(dot), "-%s", mkey);
          else MfSchemaDotPath(mkey, dot, sizeof(dot));
          snprintf(l2, sizeof(l2), "%s", dot);
          SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s is given but the %s layer has no material (set %s or remove the key)", label, layers[i], l2);
        }
      }
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckMeshFile(MPI_Comm comm, PetscBool *have)
{
  char        file[PETSC_MAX_PATH_LEN], label[PETSC_MAX_PATH_LEN + 300];
  PetscMPIInt rank;
  int         err = 0;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("mesh_file", file, sizeof(file), have));
  if (!*have) PetscFunctionReturn(0);
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) { /* one rank touches the file system; all ranks agree on the answer */
    FILE *fp = fopen(file, "r");
    if (!fp) err = errno ? errno : EIO;
    else fclose(fp);
  }
  PetscCallMPI(MPI_Bcast(&err, 1, MPI_INT, 0, comm));
  if (err) {
    PetscCall(MfConfigKeyLabel("mesh_file", label, sizeof(label)));
    SETERRQ(comm, PETSC_ERR_FILE_OPEN, "%s: cannot read mesh file '%s': %s (expected a readable Gmsh .msh file)", label, file, strerror(err));
  }
  PetscFunctionReturn(0);
}

/* "deck.yaml: 'a.b' and 'c.d'" with each key spelled by where it came from */
static PetscErrorCode Pair(const char *a, const char *b, char *out, size_t len)
{
  char      sa[300], sb[300], deck[PETSC_MAX_PATH_LEN];
  PetscBool da, db, has;

  PetscFunctionBeginUser;
  PetscCall(Spell(a, sa, sizeof(sa), &da));
  PetscCall(Spell(b, sb, sizeof(sb), &db));
  PetscCall(DeckName(deck, sizeof(deck), &has));
  if (da || db) snprintf(out, len, "%s: %s and %s", deck, sa, sb);
  else snprintf(out, len, "options %s and %s", sa, sb);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigValidate(MPI_Comm comm)
{
  const MfKey *keys;
  PetscInt     n;
  PetscBool    have_mesh, set;
  char         ptype[64], kmc[64], both[2 * PETSC_MAX_PATH_LEN + 700], label[PETSC_MAX_PATH_LEN + 300], detail[512];

  PetscFunctionBeginUser;
  /* 1. every option under a memflex section is known, and every value has the right type/unit/range */
  PetscCall(ForEachOptionName(CheckOption, &comm));
  /* 2. required keys */
  PetscCall(MfSchemaGetTable(&keys, &n));
  for (PetscInt i = 0; i < n; i++) {
    if (keys[i].def) continue;
    PetscCall(IsSet(keys[i].name, &set));
    if (!set) {
      PetscCall(MissingLabel(keys[i].name, label, sizeof(label)));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s (%s)", label, keys[i].help);
    }
  }
  /* 3. cross-key checks that physics demands */
  PetscCall(CheckMeshFile(comm, &have_mesh));
  PetscCall(CheckLayers(comm, have_mesh));
  {
    PetscReal w, we;
    PetscCall(MfConfigGetReal("mesh_width", &w, NULL));
    PetscCall(MfConfigGetReal("mesh_electrode_width", &we, &set));
    if (set && we > w) {
      PetscCall(Pair("mesh_electrode_width", "mesh_width", both, sizeof(both)));
      snprintf(detail, sizeof(detail), "the electrode (%g m) is wider than the simulated cell (%g m)", (double)we, (double)w);
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", both, detail);
    }
  }
  PetscCall(MfConfigGetString("protocol_type", ptype, sizeof(ptype), NULL));
  if (!strcasecmp(ptype, "sweep")) {
    PetscReal vmin, vmax, step;
    PetscCall(MfConfigGetReal("protocol_v_min", &vmin, NULL));
    PetscCall(MfConfigGetReal("protocol_v_max", &vmax, NULL));
    PetscCall(MfConfigGetReal("protocol_step", &step, NULL));
    if (!(vmin < vmax)) {
      PetscCall(Pair("protocol_v_min", "protocol_v_max", both, sizeof(both)));
      snprintf(detail, sizeof(detail), "a sweep needs v_min < v_max (got %g V and %g V)", (double)vmin, (double)vmax);
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", both, detail);
    }
    if (step > vmax - vmin) {
      PetscCall(Pair("protocol_step", "protocol_v_max", both, sizeof(both)));
      snprintf(detail, sizeof(detail), "the sweep step %g V is larger than the sweep range %g V", (double)step, (double)(vmax - vmin));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", both, detail);
    }
  }
  if (!strcasecmp(ptype, "pulse")) {
    PetscReal width, rise, period;
    PetscCall(MfConfigGetReal("protocol_pulse_width", &width, NULL));
    PetscCall(MfConfigGetReal("protocol_pulse_rise", &rise, NULL));
    PetscCall(MfConfigGetReal("protocol_pulse_period", &period, NULL));
    if (width + 2 * rise > period) { /* trapezoid: rise + plateau + fall must fit in one period */
      PetscCall(Pair("protocol_pulse_width", "protocol_pulse_period", both, sizeof(both)));
      snprintf(detail, sizeof(detail), "a pulse of width %g s with rise/fall %g s does not fit in the period %g s", (double)width, (double)rise, (double)period);
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", both, detail);
    }
  }
  PetscCall(MfConfigGetString("kmc_mechanism", kmc, sizeof(kmc), NULL));
  if (strcasecmp(kmc, "none") && !have_mesh) {
    PetscReal a, t;
    PetscCall(MfConfigGetReal("kmc_spacing", &a, NULL));
    PetscCall(MfConfigGetReal("stack_functional_thickness", &t, NULL));
    if (t < 2 * a) { /* a KMC lattice needs at least two site planes across the oxide */
      PetscCall(Pair("kmc_spacing", "stack_functional_thickness", both, sizeof(both)));
      snprintf(detail, sizeof(detail), "the functional layer (%g m) is thinner than two KMC lattice spacings (%g m)", (double)t, (double)(2 * a));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", both, detail);
    }
  }
  PetscFunctionReturn(0);
}
