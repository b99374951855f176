/* Loading a YAML deck into the PETSc options database.
 *
 *   device:                          -device_voltage "1.2 V"
 *     voltage: 1.2 V          ==>    -stack_functional_thickness "10 nm"
 *   stack.functional.thickness: 10 nm
 *   sweep: {radii: [20 mm, 10 mm]}   -sweep_radii "20 mm,10 mm"
 *
 * Nested mappings and dotted keys flatten with '_'. Options already in the database (command line,
 * PETSC_OPTIONS, an earlier deck) win. Every memflex key is checked against the schema here, where the
 * line is known; PETSc's own options (MfSchemaIsPassthrough) pass through unchecked.
 * Rank 0 reads the file and broadcasts it, so every rank parses the same text and fails the same way. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>
#include "mf_config.h"
#include "mf_config_impl.h"

#define MAX_DEPTH 16
#define NAME_LEN 256

typedef struct {
  char name[NAME_LEN];
  int  line;
} Seen;

typedef struct {
  const char    *path;
  yaml_parser_t  parser;
  Seen          *seen;
  size_t         nseen, maxseen;
  char           msg[PETSC_MAX_PATH_LEN + MF_CONFIG_MSG_LEN + 600];
  PetscErrorCode code; /* error class for SETERRQ when msg is set */
} Deck;

static int Fail(Deck *D, PetscErrorCode code, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int Fail(Deck *D, PetscErrorCode code, int line, const char *fmt, ...)
{
  char    body[MF_CONFIG_MSG_LEN + 512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(body, sizeof(body), fmt, ap);
  va_end(ap);
  if (line > 0) snprintf(D->msg, sizeof(D->msg), "%s:%d: %s", D->path, line, body);
  else snprintf(D->msg, sizeof(D->msg), "%s: %s", D->path, body);
  D->code = code;
  return -1;
}

static int NextEvent(Deck *D, yaml_event_t *ev)
{
  if (!yaml_parser_parse(&D->parser, ev)) {
    return Fail(D, PETSC_ERR_FILE_UNEXPECTED, (int)D->parser.problem_mark.line + 1, "malformed YAML: %s%s%s (expected 'key: value' lines, nested by indentation)", D->parser.problem ? D->parser.problem : "syntax error",
                D->parser.context ? " " : "", D->parser.context ? D->parser.context : "");
  }
  return 0;
}

static int IsNull(const yaml_event_t *ev)
{
  const char *v = (const char *)ev->data.scalar.value;
  if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return 0;
  return !v[0] || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* Suggestion in the user's own nesting: typo 'stack.functional.thicknes' -> 'stack.functional.thickness'. */
static void RenderSuggestion(const char *dotted_user, const char *flat_best, char *out, size_t len)
{
  char        canon[NAME_LEN];
  const char *u = dotted_user, *b = flat_best;
  size_t      n = 0;
  out[0]        = 0;
  for (;;) {
    const char *dot = strchr(u, '.');
    size_t      l;
    if (!dot) break;
    l = (size_t)(dot - u);
    if (strncasecmp(b, u, l) || b[l] != '_') {
      MfSchemaDotPath(flat_best, canon, sizeof(canon));
      snprintf(out, len, "%s", canon);
      return;
    }
    n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%.*s.", (int)l, u);
    u = dot + 1;
    b += l + 1;
  }
  if (n == 0) { /* flat key in the deck: answer with the flat name */
    snprintf(out, len, "%s", flat_best);
    return;
  }
  if (n + strlen(b) < len) memcpy(out + n, b, strlen(b) + 1);
}

static int Remember(Deck *D, const char *flat, const char *dotted, int line)
{
  for (size_t i = 0; i < D->nseen; i++)
    if (!strcasecmp(D->seen[i].name, flat)) {
      return Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s' is given twice (first at line %d)", dotted, D->seen[i].line);
    }
  if (D->nseen == D->maxseen) {
    size_t nmax = D->maxseen ? 2 * D->maxseen : 64;
    Seen  *s    = (Seen *)realloc(D->seen, nmax * sizeof(Seen));
    if (!s) return Fail(D, PETSC_ERR_MEM, line, "out of memory reading the deck");
    D->seen    = s;
    D->maxseen = nmax;
  }
  snprintf(D->seen[D->nseen].name, NAME_LEN, "%s", flat);
  D->seen[D->nseen++].line = line;
  return 0;
}

/* Is `flat` a section or sub-section of schema keys (some key starts with flat + '_')? */
static int IsGroup(const char *flat)
{
  size_t l = strlen(flat);
  for (PetscInt i = 0; i < MfKeysCount(); i++)
    if (!strncasecmp(MfKeysGet(i)->name, flat, l) && MfKeysGet(i)->name[l] == '_') return 1;
  return 0;
}

/* One key with its value (text == NULL: YAML null). */
static int Leaf(Deck *D, const char *flat, const char *dotted, const char *text, int is_list, int line)
{
  const MfKey   *k = MfSchemaFind(flat);
  char           opt[NAME_LEN + 2], msg[MF_CONFIG_MSG_LEN];
  PetscBool      present = PETSC_FALSE, ok;
  PetscErrorCode ierr;

  if (!k && !text && IsGroup(flat)) return 0; /* "bending:" with every entry commented out */
  if (Remember(D, flat, dotted, line)) return -1;
  snprintf(opt, sizeof(opt), "-%s", flat);
  if (!k && !MfSchemaIsPassthrough(flat)) {
    char best[NAME_LEN], shown[NAME_LEN];
    if (MfSchemaSuggest(flat, best, sizeof(best))) return Fail(D, PETSC_ERR_PLIB, line, "internal error suggesting a key for '%s'", dotted);
    if (MfSchemaSuggestionClose(flat, best)) {
      RenderSuggestion(dotted, best, shown, sizeof(shown));
      return Fail(D, PETSC_ERR_USER_INPUT, line, "unknown key '%s' (did you mean '%s'?)", dotted, shown);
    }
    return Fail(D, PETSC_ERR_USER_INPUT, line, "unknown key '%s' (see 'memflex run -help' for the valid keys)", dotted);
  }
  if (k) {
    if (is_list && k->type != MF_KEY_REAL_ARRAY) return Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s' takes a single value, not a list", dotted);
    if (!text && k->type == MF_KEY_STRING) return 0; /* 'material:' with nothing = unset */
  }
  ierr = PetscOptionsHasName(NULL, NULL, opt, &present);
  if (ierr) return Fail(D, ierr, line, "cannot query option %s", opt);
  if (present) return 0; /* the command line (or an earlier source) wins */
  if (k) {
    if (MfConfigCheckValue(k, text ? text : "", &ok, msg, sizeof(msg))) return Fail(D, PETSC_ERR_PLIB, line, "internal error checking '%s'", dotted);
    if (!text && k->type == MF_KEY_BOOL) {
      ok = PETSC_FALSE;
      snprintf(msg, sizeof(msg), "has no value, expected true or false");
    }
    if (!ok) {
      if (!strncmp(msg, "has no value", 12)) return Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s' %s", dotted, msg);
      return Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s': %s", dotted, msg);
    }
  }
  ierr = PetscOptionsSetValue(NULL, opt, text);
  if (ierr) return Fail(D, ierr, line, "cannot set option %s", opt);
  return 0;
}

static int ValidKey(Deck *D, const char *key, int line)
{
  if (!key[0]) return Fail(D, PETSC_ERR_USER_INPUT, line, "empty key");
  for (const char *c = key; *c; c++)
    if (!isalnum((unsigned char)*c) && *c != '_' && *c != '.' && *c != '-') return Fail(D, PETSC_ERR_USER_INPUT, line, "invalid key '%s' (keys use letters, digits, '_' and '.')", key);
  return 0;
}

/* A sequence of scalars joined with ','. */
static int Sequence(Deck *D, const char *flat, const char *dotted, int line)
{
  char         joined[MF_CONFIG_VALUE_LEN] = "";
  size_t       n                           = 0;
  yaml_event_t ev;

  for (;;) {
    if (NextEvent(D, &ev)) return -1;
    if (ev.type == YAML_SEQUENCE_END_EVENT) {
      yaml_event_delete(&ev);
      break;
    }
    if (ev.type != YAML_SCALAR_EVENT || IsNull(&ev)) {
      int l = (int)ev.start_mark.line + 1;
      yaml_event_delete(&ev);
      return Fail(D, PETSC_ERR_USER_INPUT, l, "list '%s' must hold plain values (e.g. [20 mm, 10 mm])", dotted);
    }
    if (n + ev.data.scalar.length + 2 >= sizeof(joined)) {
      yaml_event_delete(&ev);
      return Fail(D, PETSC_ERR_USER_INPUT, line, "list '%s' is too long", dotted);
    }
    n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s", n ? "," : "", (const char *)ev.data.scalar.value);
    yaml_event_delete(&ev);
  }
  if (!n) return Fail(D, PETSC_ERR_USER_INPUT, line, "list '%s' is empty", dotted);
  return Leaf(D, flat, dotted, joined, 1, line);
}

/* The body of a mapping (after its MAPPING_START), with the flat and dotted prefixes of its keys. */
static int Mapping(Deck *D, const char *flat_prefix, const char *dot_prefix, int depth)
{
  yaml_event_t ev, val;

  if (depth > MAX_DEPTH) return Fail(D, PETSC_ERR_USER_INPUT, 0, "nesting deeper than 16 levels");
  for (;;) {
    char flat[NAME_LEN], dotted[NAME_LEN], key[NAME_LEN];
    int  line, rc = 0;
    if (NextEvent(D, &ev)) return -1;
    if (ev.type == YAML_MAPPING_END_EVENT) {
      yaml_event_delete(&ev);
      return 0;
    }
    line = (int)ev.start_mark.line + 1;
    if (ev.type != YAML_SCALAR_EVENT) {
      yaml_event_delete(&ev);
      return Fail(D, PETSC_ERR_USER_INPUT, line, "expected a key name here (keys are plain words like 'voltage')");
    }
    if (strlen(dot_prefix) + ev.data.scalar.length + 2 > sizeof(dotted)) {
      yaml_event_delete(&ev);
      return Fail(D, PETSC_ERR_USER_INPUT, line, "key path longer than %d characters", NAME_LEN - 2);
    }
    memcpy(key, ev.data.scalar.value, ev.data.scalar.length + 1);
    yaml_event_delete(&ev);
    if (ValidKey(D, key, line)) return -1;
    /* lengths checked above: prefix + '.' + key fits */
    strcpy(dotted, dot_prefix);
    if (dot_prefix[0]) strcat(dotted, ".");
    strcat(dotted, key);
    strcpy(flat, flat_prefix);
    if (flat_prefix[0]) strcat(flat, "_");
    strcat(flat, key);
    for (char *c = flat; *c; c++)
      if (*c == '.') *c = '_';
    if (NextEvent(D, &val)) return -1;
    switch (val.type) {
    case YAML_SCALAR_EVENT:
      rc = Leaf(D, flat, dotted, IsNull(&val) ? NULL : (const char *)val.data.scalar.value, 0, line);
      break;
    case YAML_MAPPING_START_EVENT:
      rc = Mapping(D, flat, dotted, depth + 1);
      break;
    case YAML_SEQUENCE_START_EVENT:
      rc = Sequence(D, flat, dotted, line);
      break;
    case YAML_ALIAS_EVENT:
      rc = Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s' uses a YAML alias; decks do not support anchors/aliases", dotted);
      break;
    default:
      rc = Fail(D, PETSC_ERR_USER_INPUT, line, "key '%s' has an unexpected value", dotted);
    }
    yaml_event_delete(&val);
    if (rc) return rc;
  }
}

static int Document(Deck *D)
{
  yaml_event_t ev;
  int          rc = 0, ndoc = 0;

  for (;;) {
    if (NextEvent(D, &ev)) return -1;
    if (ev.type == YAML_STREAM_END_EVENT) {
      yaml_event_delete(&ev);
      return 0;
    }
    if (ev.type == YAML_DOCUMENT_START_EVENT) {
      int line = (int)ev.start_mark.line + 1;
      yaml_event_delete(&ev);
      if (++ndoc > 1) return Fail(D, PETSC_ERR_USER_INPUT, line, "a deck holds one YAML document (found a second '---')");
      if (NextEvent(D, &ev)) return -1;
      if (ev.type == YAML_MAPPING_START_EVENT) {
        yaml_event_delete(&ev);
        rc = Mapping(D, "", "", 0);
      } else if (ev.type == YAML_SCALAR_EVENT && IsNull(&ev)) {
        yaml_event_delete(&ev); /* an empty document sets nothing */
      } else {
        line = (int)ev.start_mark.line + 1;
        yaml_event_delete(&ev);
        rc = Fail(D, PETSC_ERR_USER_INPUT, line, "expected 'key: value' lines at the top level of the deck");
      }
      if (rc) return rc;
      continue;
    }
    yaml_event_delete(&ev); /* STREAM_START, DOCUMENT_END */
  }
}

static int SyntaxCheck(Deck *D)
{
  yaml_event_t ev;
  for (;;) {
    int end;
    if (NextEvent(D, &ev)) return -1;
    end = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
    if (end) return 0;
  }
}

/* Rank 0 reads the whole file; everybody gets the bytes (or the errno). */
static PetscErrorCode ReadAll(MPI_Comm comm, const char *path, char **buf, long *len, int *err)
{
  PetscMPIInt rank;
  long        hdr[2] = {0, 0};

  PetscFunctionBeginUser;
  *buf = NULL;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    FILE *fp = fopen(path, "rb");
    if (!fp) hdr[1] = errno ? errno : EIO;
    else {
      size_t cap = 1 << 16, n = 0, r;
      char  *b   = (char *)malloc(cap);
      while (b && (r = fread(b + n, 1, cap - n, fp)) > 0) {
        n += r;
        if (n == cap) {
          char *nb = (char *)realloc(b, 2 * cap);
          if (!nb) {
            free(b);
            b = NULL;
          }
          b = nb;
          cap *= 2;
        }
      }
      if (!b) hdr[1] = ENOMEM;
      else if (ferror(fp)) hdr[1] = EIO;
      fclose(fp);
      hdr[0] = hdr[1] ? 0 : (long)n;
      if (hdr[1]) free(b);
      else *buf = b;
    }
  }
  PetscCallMPI(MPI_Bcast(hdr, 2, MPI_LONG, 0, comm));
  *len = hdr[0];
  *err = (int)hdr[1];
  if (*err) PetscFunctionReturn(0);
  if (rank) {
    *buf = (char *)malloc((size_t)*len + 1);
    PetscCheck(*buf, PETSC_COMM_SELF, PETSC_ERR_MEM, "cannot allocate %ld bytes for deck %s", *len, path);
  }
  PetscCallMPI(MPI_Bcast(*buf, (int)*len, MPI_CHAR, 0, comm));
  PetscFunctionReturn(0);
}

PetscErrorCode MfDeckLoad(MPI_Comm comm, const char *path)
{
  Deck      D;
  char     *buf = NULL;
  long      len = 0;
  int       err = 0, rc;
  PetscBool has;

  PetscFunctionBeginUser;
  PetscCheck(path && path[0], comm, PETSC_ERR_USER_INPUT, "no deck file given (expected memflex run <deck.yaml>)");
  PetscCall(ReadAll(comm, path, &buf, &len, &err));
  PetscCheck(!err, comm, PETSC_ERR_FILE_OPEN, "%s: cannot read deck: %s (expected a readable YAML file)", path, strerror(err));
  memset(&D, 0, sizeof(D));
  D.path = path;
  if (!yaml_parser_initialize(&D.parser)) {
    free(buf);
    SETERRQ(comm, PETSC_ERR_LIB, "libyaml could not initialise a parser for %s", path);
  }
  /* pass 1: syntax only, so that a malformed file is reported as such and not by a half-read value */
  yaml_parser_set_input_string(&D.parser, (const unsigned char *)buf, (size_t)len);
  rc = SyntaxCheck(&D);
  yaml_parser_delete(&D.parser);
  if (rc) {
    free(buf);
    SETERRQ(comm, D.code, "%s", D.msg);
  }
  if (!yaml_parser_initialize(&D.parser)) {
    free(buf);
    SETERRQ(comm, PETSC_ERR_LIB, "libyaml could not initialise a parser for %s", path);
  }
  yaml_parser_set_input_string(&D.parser, (const unsigned char *)buf, (size_t)len);
  /* the deck's name first, so that later messages (and the output folder) can name it */
  PetscCall(PetscOptionsHasName(NULL, NULL, "-deck_file", &has));
  if (!has) PetscCall(PetscOptionsSetValue(NULL, "-deck_file", path));
  rc = Document(&D);
  yaml_parser_delete(&D.parser);
  free(D.seen);
  free(buf);
  if (rc) SETERRQ(comm, D.code ? D.code : PETSC_ERR_USER_INPUT, "%s", D.msg);
  PetscFunctionReturn(0);
}
