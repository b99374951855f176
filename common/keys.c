/* The deck-key registry: tables registered by the modules, lookup, suggestion, value checks, typed
 * getters and the record of which keys were read.
 *
 * The registry and the read flags are the only process-wide mutable state of memflex, in the pattern of
 * PETSc's own registries (PetscFunctionList, KSPRegister): tables are registered once at start-up
 * (MfRegisterAll) and only read afterwards. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mf_keys.h"
#include "mf_units.h"

#define MSG_LEN   512
#define VALUE_LEN 1024
enum { MAX_TABLES = 64, MAX_KEYS = 4096 };

static struct {
  const MfKey *keys;
  PetscInt     n, offset; /* offset: index of keys[0] among all registered keys */
} tables[MAX_TABLES];
static PetscInt      ntables, nkeys;
static unsigned char read_flag[MAX_KEYS];
static MfKeysLabelFn label_fn;
static PetscBool     track = PETSC_TRUE;

/* index of a registered key among all keys, -1 when unknown */
static PetscInt FindIndex(const char *name)
{
  if (!name) return -1;
  if (name[0] == '-') name++;
  for (PetscInt t = 0; t < ntables; t++)
    for (PetscInt i = 0; i < tables[t].n; i++)
      if (!strcasecmp(tables[t].keys[i].name, name)) return tables[t].offset + i; /* PETSc option names are case-insensitive */
  return -1;
}

PetscErrorCode MfKeysRegister(const MfKey keys[], PetscInt n)
{
  PetscFunctionBeginUser;
  for (PetscInt t = 0; t < ntables; t++)
    if (tables[t].keys == keys) PetscFunctionReturn(0);
  PetscCheck(ntables < MAX_TABLES && nkeys + n <= MAX_KEYS, PETSC_COMM_SELF, PETSC_ERR_PLIB, "too many deck keys registered (at most %d tables, %d keys)", MAX_TABLES, MAX_KEYS);
  for (PetscInt i = 0; i < n; i++) {
    PetscCheck(FindIndex(keys[i].name) < 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "deck key '%s' is registered twice", keys[i].name);
    for (PetscInt j = 0; j < i; j++) PetscCheck(strcasecmp(keys[i].name, keys[j].name), PETSC_COMM_SELF, PETSC_ERR_PLIB, "deck key '%s' is registered twice", keys[i].name);
  }
  tables[ntables].keys   = keys;
  tables[ntables].n      = n;
  tables[ntables].offset = nkeys;
  ntables++;
  nkeys += n;
  PetscFunctionReturn(0);
}

PetscInt MfKeysCount(void) { return nkeys; }

const MfKey *MfKeysGet(PetscInt i)
{
  if (i < 0 || i >= nkeys) return NULL;
  for (PetscInt t = 0; t < ntables; t++)
    if (i < tables[t].offset + tables[t].n) return &tables[t].keys[i - tables[t].offset];
  return NULL;
}

const MfKey *MfSchemaFind(const char *name) { return MfKeysGet(FindIndex(name)); }

PetscBool MfSchemaIsSection(const char *name)
{
  size_t n;
  if (name[0] == '-') name++;
  n = strcspn(name, "_");
  for (PetscInt i = 0; i < nkeys; i++) {
    const char *k = MfKeysGet(i)->name;
    if (!strncasecmp(k, name, n) && (k[n] == '_' || k[n] == 0)) return PETSC_TRUE;
  }
  return PETSC_FALSE;
}

int MfEditDistance(const char *a, const char *b)
{
  enum { L = 128 };
  int    d[L + 1][L + 1];
  size_t la = strlen(a), lb = strlen(b);
  if (la > L) la = L;
  if (lb > L) lb = L;
  for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
      int v    = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < v) v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  return d[la][lb];
}

PetscErrorCode MfSchemaSuggest(const char *name, char *best, size_t len)
{
  int bestd = 1 << 30;

  PetscFunctionBeginUser;
  if (name[0] == '-') name++;
  best[0] = 0;
  for (PetscInt i = 0; i < nkeys; i++) {
    const char *k  = MfKeysGet(i)->name;
    int         dd = MfEditDistance(name, k);
    if (dd < bestd) { /* ties: first registered, which is deterministic */
      bestd = dd;
      PetscCall(PetscStrncpy(best, k, len));
    }
  }
  PetscFunctionReturn(0);
}

PetscBool MfSchemaSuggestionClose(const char *name, const char *best)
{
  if (name[0] == '-') name++;
  return (PetscBool)(best[0] && MfEditDistance(name, best) <= PetscMax(3, (int)strlen(name) / 3));
}

PetscErrorCode MfKeysSetLabelFunction(MfKeysLabelFn fn)
{
  PetscFunctionBeginUser;
  label_fn = fn;
  PetscFunctionReturn(0);
}

static PetscErrorCode Label(const char *name, PetscBool missing, char *out, size_t len)
{
  PetscFunctionBeginUser;
  if (label_fn) PetscCall(label_fn(name, missing, out, len));
  else if (missing) snprintf(out, len, "missing required option -%s", name);
  else snprintf(out, len, "option -%s", name);
  PetscFunctionReturn(0);
}

PetscErrorCode MfKeysTrackReads(PetscBool on, PetscBool *was)
{
  PetscFunctionBeginUser;
  if (was) *was = track;
  track = on;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKeysMarkRead(const char *name)
{
  const PetscInt i = FindIndex(name);

  PetscFunctionBeginUser;
  if (i >= 0 && track) read_flag[i] = 1;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKeysWriteReadLog(const char *path)
{
  PetscMPIInt rank;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  if (rank) PetscFunctionReturn(0);
  FILE *fp = fopen(path, "w");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot write the read log '%s': %s", path, strerror(errno));
  for (PetscInt i = 0; i < nkeys; i++)
    if (read_flag[i]) fprintf(fp, "%s\n", MfKeysGet(i)->name);
  PetscCheck(!fclose(fp), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "writing the read log '%s' failed", path);
  PetscFunctionReturn(0);
}

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

/* A registered key, marked as read. */
static PetscErrorCode FindAny(const char *key, const MfKey **k)
{
  PetscInt i = FindIndex(key);

  PetscFunctionBeginUser;
  PetscCheck(i >= 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is not registered: add it to the key table of the module that reads it", key);
  if (track) read_flag[i] = 1;
  *k           = MfKeysGet(i);
  PetscFunctionReturn(0);
}

static PetscErrorCode FindKey(const char *key, MfKeyType type, const MfKey **k)
{
  PetscFunctionBeginUser;
  PetscCall(FindAny(key, k));
  PetscCheck((*k)->type == type, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is read with the wrong type (schema type %d, asked %d)", key, (int)(*k)->type, (int)type);
  PetscFunctionReturn(0);
}

/* The text of a key: from the options database, else the schema default. *have = PETSC_FALSE for an
 * optional key that is unset. */
static PetscErrorCode GetText(const MfKey *k, char *text, size_t len, PetscBool *set, PetscBool *have)
{
  char opt[160], label[PETSC_MAX_PATH_LEN + 300], msg[MSG_LEN];

  PetscFunctionBeginUser;
  snprintf(opt, sizeof(opt), "-%s", k->name);
  PetscCall(PetscOptionsGetString(NULL, NULL, opt, text, len, set));
  *have = PETSC_TRUE;
  if (*set) {
    if (!CheckText(k, text, msg, sizeof(msg))) {
      PetscCall(Label(k->name, PETSC_FALSE, label, sizeof(label)));
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s: %s", label, msg);
    }
    if (k->type == MF_KEY_STRING && !text[0]) *have = PETSC_FALSE;
    PetscFunctionReturn(0);
  }
  if (!k->def) {
    PetscCall(Label(k->name, PETSC_TRUE, label, sizeof(label)));
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "%s (%s)", label, k->help);
  }
  PetscCall(PetscStrncpy(text, k->def, len));
  if (!k->def[0]) *have = PETSC_FALSE;
  else PetscCheck(CheckText(k, text, msg, sizeof(msg)), PETSC_COMM_SELF, PETSC_ERR_PLIB, "default of '%s' is invalid: %s", k->name, msg);
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigGetReal(const char *key, PetscReal *value, PetscBool *set)
{
  const MfKey *k;
  char         text[VALUE_LEN], msg[MSG_LEN];
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
  char         text[VALUE_LEN], msg[MSG_LEN], item[256];
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
  char         text[VALUE_LEN];
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
  char         text[VALUE_LEN];
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
  const MfKey *k = NULL;
  char         text[VALUE_LEN];
  PetscBool    s, have;
  char        *tag;

  PetscFunctionBeginUser;
  PetscCall(FindAny(key, &k));
  PetscCheck(k->type == MF_KEY_STRING || k->type == MF_KEY_ENUM, PETSC_COMM_SELF, PETSC_ERR_PLIB, "key '%s' is not a string or enum key", key);
  PetscCall(GetText(k, text, sizeof(text), &s, &have));
  if (!have) text[0] = 0;
  tag = strstr(text, "<deck>");
  if (tag) {
    char deck[PETSC_MAX_PATH_LEN] = "", base[PETSC_MAX_PATH_LEN], out[VALUE_LEN + PETSC_MAX_PATH_LEN];
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

PetscErrorCode MfConfigGetRealIfSet(const char *key, PetscReal *value)
{
  PetscReal x;
  PetscBool set;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetReal(key, &x, &set));
  if (set) *value = x;
  PetscFunctionReturn(0);
}
