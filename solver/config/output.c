/* What the configuration writes: the -help table, the resolved deck, the output folder, and the
 * one-line error handler for input errors. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mf_config.h"
#include "mf_config_impl.h"
#include "mf_io.h"

static const char *TypeName(MfKeyType t)
{
  switch (t) {
  case MF_KEY_REAL: return "real";
  case MF_KEY_INT: return "int";
  case MF_KEY_BOOL: return "bool";
  case MF_KEY_STRING: return "string";
  case MF_KEY_ENUM: return "choice";
  case MF_KEY_REAL_ARRAY: return "list";
  }
  return "?";
}

static void RangeShort(const MfKey *k, char *buf, size_t len)
{
  int lo = k->min > -PETSC_MAX_REAL, hi = k->max < PETSC_MAX_REAL;
  buf[0] = 0;
  if (k->type == MF_KEY_ENUM) snprintf(buf, len, "%s", k->choices);
  else if (k->type == MF_KEY_INT) snprintf(buf, len, "[%.0f, %.0f]", (double)k->min, (double)k->max);
  else if (k->type != MF_KEY_REAL && k->type != MF_KEY_REAL_ARRAY) return;
  else if (lo && hi) snprintf(buf, len, "%c%g, %g%c", k->min_open ? '(' : '[', (double)k->min, (double)k->max, k->max_open ? ')' : ']');
  else if (lo) snprintf(buf, len, "%s %g", k->min_open ? ">" : ">=", (double)k->min);
  else if (hi) snprintf(buf, len, "%s %g", k->max_open ? "<" : "<=", (double)k->max);
}

/* Keys of layers other than the first are the same as the first's: help prints them once as <layer>. */
static int LayerTemplate(const char *name, char *out, size_t len, int *skip)
{
  static const char *const layers[] = {
#define LAYER_NAME(L) #L,
    MF_STACK_LAYERS(LAYER_NAME)
#undef LAYER_NAME
  };
  *skip = 0;
  if (strncmp(name, "stack_", 6)) return 0;
  for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
    size_t l = strlen(layers[i]);
    if (!strncmp(name + 6, layers[i], l) && name[6 + l] == '_') {
      *skip = i > 0;
      snprintf(out, len, "stack_<layer>_%s", name + 7 + l);
      return 1;
    }
  }
  return 0;
}

PetscErrorCode MfConfigPrintHelp(MPI_Comm comm)
{
  const MfKey *keys;
  PetscInt     n;
  char         section[64] = "", name[160], range[160];
  int          wname = 0, wdef = 0, wrange = 0, skip;

  PetscFunctionBeginUser;
  PetscCall(MfSchemaGetTable(&keys, &n));
  for (PetscInt i = 0; i < n; i++) {
    if (!LayerTemplate(keys[i].name, name, sizeof(name), &skip)) snprintf(name, sizeof(name), "%s", keys[i].name);
    RangeShort(&keys[i], range, sizeof(range));
    wname  = PetscMax(wname, (int)strlen(name) + 1);
    wdef   = PetscMax(wdef, keys[i].def ? (int)strlen(keys[i].def) : 8);
    wrange = PetscMax(wrange, (int)strlen(range));
  }
  wrange = PetscMin(wrange, 30);
  PetscCall(PetscPrintf(comm, "memflex deck keys. In a deck, sections nest (device: {voltage: 1.2 V}); on the command line\n"
                              "use -device_voltage \"1.2 V\" (the command line wins). Values may carry units (10 nm, 85 C, 2.8 GPa,\n"
                              "1 V/s); bare numbers are in the unit shown (SI; energies in eV). required = no default.\n"));
  for (PetscInt i = 0; i < n; i++) {
    const MfKey *k = &keys[i];
    size_t       s = strcspn(k->name, "_");
    const char  *d = k->def ? (k->def[0] ? k->def : "unset") : "required";
    const char  *help = k->help;
    if (LayerTemplate(k->name, name, sizeof(name), &skip)) {
      if (skip) continue;
      if (!strcmp(name, "stack_<layer>_material")) d = "see above";
      if (!strncmp(help, "substrate layer: ", 17)) help += 17; /* the template row speaks for every layer */
      else if (!strncmp(help, "substrate layer ", 16)) help += 10;
    } else snprintf(name, sizeof(name), "%s", k->name);
    if (strncmp(section, k->name, s) || section[s]) {
      snprintf(section, sizeof(section), "%.*s", (int)s, k->name);
      PetscCall(PetscPrintf(comm, "\n[%s]\n", section));
      if (!strcmp(section, "stack"))
        PetscCall(PetscPrintf(comm, "  <layer> = substrate | buffer | bottom_electrode | functional | top_electrode | cap | fill (bottom to top);\n"
                                    "  material is required for substrate, bottom_electrode, functional and top_electrode.\n"
                                    "  Property keys override the library value of the layer's material.\n"));
    }
    RangeShort(k, range, sizeof(range));
    PetscCall(PetscPrintf(comm, "  -%-*s %-6s %-8s %-*s %-*s %s\n", wname, name, TypeName(k->type), k->unit[0] ? k->unit : "-", wdef, d, wrange, range, help));
  }
  PetscCall(PetscPrintf(comm, "\nPETSc solver options (ksp_, snes_, pc_, ts_, dm_, ... also behind a solver prefix such as\n"
                              "thermal_snes_rtol) pass through decks unchecked; see docs/config.md.\n"));
  PetscFunctionReturn(0);
}

/* Shortest text that reads back as the same double. */
static void FormatReal(double x, char *buf, size_t len)
{
  if (x == floor(x) && fabs(x) < 1e15) { /* integers as integers: 1000, not 1e+03 */
    snprintf(buf, len, "%.0f", x);
    return;
  }
  for (int p = 1; p <= 17; p++) {
    snprintf(buf, len, "%.*g", p, x);
    if (strtod(buf, NULL) == x) return;
  }
}

static int NeedsQuotes(const char *s)
{
  if (!s[0]) return 1;
  for (const char *c = s; *c; c++)
    if (!isalnum((unsigned char)*c) && !strchr("_./-+", *c)) return 1;
  return 0;
}

static void PrintScalar(FILE *fp, const char *s)
{
  if (!NeedsQuotes(s)) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (const char *c = s; *c; c++) {
    if (*c == '"' || *c == '\\') fputc('\\', fp);
    fputc(*c, fp);
  }
  fputc('"', fp);
}

/* Emit mapping headers for the part of `path` (dot components, leaf excluded) that differs from `open`. */
static void OpenGroups(FILE *fp, char open[][64], int *nopen, const char *dotted, const char **leaf)
{
  char comps[4][64];
  int  nc = 0, common = 0;
  const char *p = dotted, *dot;
  while ((dot = strchr(p, '.')) && nc < 4) {
    snprintf(comps[nc++], 64, "%.*s", (int)(dot - p), p);
    p = dot + 1;
  }
  *leaf = p;
  while (common < nc && common < *nopen && !strcmp(open[common], comps[common])) common++;
  for (int i = common; i < nc; i++) {
    fprintf(fp, "%*s%s:\n", 2 * i, "", comps[i]);
    snprintf(open[i], 64, "%s", comps[i]);
  }
  *nopen = nc;
}

static PetscErrorCode WriteKeys(FILE *fp)
{
  const MfKey *keys;
  PetscInt     n;
  char         open[4][64], dotted[256], text[MF_CONFIG_VALUE_LEN], num[64], layer_mat[256], cur_layer[128] = "";
  int          nopen = 0;
  PetscBool    layer_on = PETSC_TRUE;

  PetscFunctionBeginUser;
  PetscCall(MfSchemaGetTable(&keys, &n));
  for (PetscInt i = 0; i < n; i++) {
    const MfKey *k = &keys[i];
    const char  *leaf;
    PetscBool    set;
    int          ind;

    MfSchemaDotPath(k->name, dotted, sizeof(dotted));
    /* a stack layer without a material is absent: skip it entirely; unset property overrides are the
     * library's values and are not repeated */
    if (!strncmp(dotted, "stack.", 6)) {
      char lname[128];
      snprintf(lname, sizeof(lname), "%.*s", (int)strcspn(dotted + 6, "."), dotted + 6);
      if (strcmp(lname, cur_layer)) {
        char mkey[160];
        snprintf(cur_layer, sizeof(cur_layer), "%s", lname);
        snprintf(mkey, sizeof(mkey), "stack_%s_material", lname);
        PetscCall(MfConfigGetString(mkey, layer_mat, sizeof(layer_mat), &layer_on));
      }
      if (!layer_on) continue;
      if (strcmp(leaf = dotted + 7 + strlen(cur_layer), "material") && strcmp(leaf, "thickness") && strcmp(leaf, "cells")) {
        char opt[160];
        snprintf(opt, sizeof(opt), "-%s", k->name);
        PetscCall(PetscOptionsHasName(NULL, NULL, opt, &set));
        if (!set) continue;
      }
    }
    OpenGroups(fp, open, &nopen, dotted, &leaf);
    ind = 2 * nopen;
    switch (k->type) {
    case MF_KEY_REAL: {
      PetscReal v;
      PetscCall(MfConfigGetReal(k->name, &v, &set));
      if (!set && k->def && !k->def[0]) fprintf(fp, "%*s# %s:  (unset)%s%s\n", ind, "", leaf, k->unit[0] ? "  # " : "", k->unit);
      else {
        FormatReal((double)v, num, sizeof(num));
        fprintf(fp, "%*s%s: %s%s%s\n", ind, "", leaf, num, k->unit[0] ? "  # " : "", k->unit);
      }
    } break;
    case MF_KEY_REAL_ARRAY: {
      PetscReal v[64];
      PetscInt  m = 64;
      PetscCall(MfConfigGetRealArray(k->name, v, &m, &set));
      if (!m) fprintf(fp, "%*s# %s:  (unset)%s%s\n", ind, "", leaf, k->unit[0] ? "  # " : "", k->unit);
      else {
        fprintf(fp, "%*s%s: [", ind, "", leaf);
        for (PetscInt j = 0; j < m; j++) {
          FormatReal((double)v[j], num, sizeof(num));
          fprintf(fp, "%s%s", j ? ", " : "", num);
        }
        fprintf(fp, "]%s%s\n", k->unit[0] ? "  # " : "", k->unit);
      }
    } break;
    case MF_KEY_INT: {
      PetscInt v;
      PetscCall(MfConfigGetInt(k->name, &v, &set));
      fprintf(fp, "%*s%s: %" PetscInt_FMT "\n", ind, "", leaf, v);
    } break;
    case MF_KEY_BOOL: {
      PetscBool v;
      PetscCall(MfConfigGetBool(k->name, &v, &set));
      if (!set && k->def && !k->def[0]) fprintf(fp, "%*s# %s:  (unset)\n", ind, "", leaf);
      else fprintf(fp, "%*s%s: %s\n", ind, "", leaf, v ? "true" : "false");
    } break;
    case MF_KEY_STRING:
    case MF_KEY_ENUM: {
      char raw[160];
      snprintf(raw, sizeof(raw), "-%s", k->name);
      PetscCall(MfConfigGetString(k->name, text, sizeof(text), &set));
      if (!strcmp(k->name, "output_dir")) { /* keep the template so the file reloads under its own name */
        PetscCall(PetscOptionsHasName(NULL, NULL, raw, &set));
        if (!set) PetscCall(PetscStrncpy(text, k->def, sizeof(text)));
        set = PETSC_TRUE;
      }
      if (!text[0]) fprintf(fp, "%*s# %s:  (unset)\n", ind, "", leaf);
      else {
        fprintf(fp, "%*s%s: ", ind, "", leaf);
        PrintScalar(fp, text);
        fputc('\n', fp);
      }
    } break;
    }
  }
  PetscFunctionReturn(0);
}

/* Options that are not memflex keys: PETSc solver options go into the resolved deck, anything else
 * (another program's options) is only recorded as a comment. */
static PetscErrorCode WriteOtherOptions(FILE *fp)
{
  char *all, *p;
  int   header = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetAll(NULL, &all));
  p = all;
  while (p && *p) {
    char *name, *val, *next;
    while (*p == ' ') p++;
    if (!(p[0] == '-' && isalpha((unsigned char)p[1]))) break;
    name = p + 1;
    next = name;
    while (*next && *next != ' ') next++;
    if (*next) *next++ = 0;
    val = next;
    /* the value runs to the next " -<letter>" */
    for (p = val; *p; p++)
      if (p[0] == ' ' && p[1] == '-' && isalpha((unsigned char)p[2])) break;
    if (*p) *p++ = 0;
    {
      size_t l = strlen(val);
      while (l && val[l - 1] == ' ') val[--l] = 0;
    }
    if (MfSchemaFind(name) || !strcasecmp(name, "help")) continue;
    if (!header) {
      fprintf(fp, "# other options given (PETSc solver options pass through unchanged)\n");
      header = 1;
    }
    if (MfSchemaIsPassthrough(name)) {
      fprintf(fp, "%s:", name);
      if (val[0]) {
        fputc(' ', fp);
        PrintScalar(fp, val);
      }
      fputc('\n', fp);
    } else fprintf(fp, "# not a deck key: -%s %s\n", name, val);
  }
  PetscCall(PetscFree(all));
  PetscFunctionReturn(0);
}

PetscErrorCode MfConfigWriteResolved(MPI_Comm comm, const char *path)
{
  PetscMPIInt    rank;
  PetscErrorCode ierr = 0;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    /* errors come back as codes so that every rank fails together below */
    FILE *fp = NULL;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = MfAtomicOpen(path, &fp);
    if (!ierr) {
      fprintf(fp, "# memflex resolved deck: every key with its value in SI units (energies in eV).\n"
                  "# Reload it with: memflex run <this file>\n");
      ierr = WriteKeys(fp);
      if (!ierr) ierr = WriteOtherOptions(fp);
      if (!ierr) ierr = MfAtomicClose(path, &fp);
      if (fp) fclose(fp);
    }
    PetscCall(PetscPopErrorHandler());
  }
  PetscCallMPI(MPI_Bcast(&ierr, 1, MPI_INT, 0, comm));
  PetscCheck(!ierr, comm, PETSC_ERR_FILE_WRITE, "cannot write the resolved deck '%s' (expected a writable output folder)", path);
  PetscFunctionReturn(0);
}

/* mkdir -p */
static int MakeDirs(const char *dir)
{
  char        buf[PETSC_MAX_PATH_LEN];
  struct stat st;
  size_t      l = strlen(dir);
  if (l >= sizeof(buf)) return ENAMETOOLONG;
  memcpy(buf, dir, l + 1);
  for (char *p = buf + 1; ; p++) {
    if (*p == '/' || !*p) {
      char c = *p;
      *p     = 0;
      if (mkdir(buf, 0777) && errno != EEXIST) return errno;
      if (stat(buf, &st)) return errno;
      if (!S_ISDIR(st.st_mode)) return ENOTDIR;
      *p = c;
      if (!c) break;
    }
  }
  return 0;
}

PetscErrorCode MfConfigPrepareOutputDir(MPI_Comm comm, char *dir, size_t len)
{
  PetscMPIInt rank;
  PetscBool   overwrite;
  int         st[3] = {0, 0, 0}; /* what failed, errno, files found */
  char        label[PETSC_MAX_PATH_LEN + 300];

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("output_dir", dir, len, NULL));
  PetscCall(MfConfigGetBool("output_overwrite", &overwrite, NULL));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    int e = MakeDirs(dir);
    if (e) st[0] = 1, st[1] = e;
    if (!e) {
      DIR           *d = opendir(dir);
      struct dirent *de;
      if (!d) st[0] = 1, st[1] = errno;
      else {
        while ((de = readdir(d)))
          if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) st[2]++;
        closedir(d);
      }
    }
    if (!st[0] && st[2] && !overwrite) {
      /* Never reuse a folder that holds an earlier run: take the first free "<dir>-N" instead. */
      char   base[PETSC_MAX_PATH_LEN];
      size_t blen = strlen(dir);
      snprintf(base, sizeof(base), "%s", dir);
      while (blen > 1 && base[blen - 1] == '/') base[--blen] = 0;
      st[0] = 2;
      for (int k = 1; k < 100000 && st[0] == 2; k++) {
        struct stat sb;
        snprintf(dir, len, "%s-%d", base, k);
        if (stat(dir, &sb) == 0) continue; /* taken (even if empty: another run may be starting there) */
        int e2 = MakeDirs(dir);
        if (e2) st[0] = 1, st[1] = e2;
        else st[0] = 0;
      }
      if (!st[0]) printf("memflex: '%s' holds an earlier run; writing to '%s' (set output.overwrite: true to reuse a folder)\n", base, dir);
    }
    if (!st[0]) { /* root ignores permission bits, so test by writing */
      char  probe[PETSC_MAX_PATH_LEN + 64];
      FILE *fp;
      snprintf(probe, sizeof(probe), "%s/.memflex_write_test.%ld", dir, (long)getpid());
      fp = fopen(probe, "w");
      if (!fp) st[0] = 3, st[1] = errno;
      else {
        fclose(fp);
        remove(probe);
      }
    }
  }
  PetscCallMPI(MPI_Bcast(st, 3, MPI_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(dir, (PetscMPIInt)len, MPI_CHAR, 0, comm));
  PetscCall(MfConfigKeyLabel("output_dir", label, sizeof(label)));
  PetscCheck(st[0] != 1, comm, PETSC_ERR_FILE_OPEN, "%s: cannot create the output folder '%s': %s (expected a folder path that can be created)", label, dir, strerror(st[1]));
  PetscCheck(st[0] != 2, comm, PETSC_ERR_USER_INPUT, "%s: the output folder '%s' and all its numbered alternatives hold earlier runs; choose another folder", label, dir);
  PetscCheck(st[0] != 3, comm, PETSC_ERR_FILE_WRITE, "%s: the output folder '%s' is not writable: %s", label, dir, strerror(st[1]));
  PetscFunctionReturn(0);
}

PetscErrorCode MfInputErrorHandler(MPI_Comm comm, int line, const char *func, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  if (n == PETSC_ERR_USER_INPUT || n == PETSC_ERR_FILE_OPEN || n == PETSC_ERR_FILE_READ || n == PETSC_ERR_FILE_WRITE || n == PETSC_ERR_FILE_UNEXPECTED) {
    if (p == PETSC_ERROR_INITIAL) {
      PetscMPIInt rank = 0;
      /* input errors are raised identically on every rank: print once */
      if (MPI_Comm_rank(PETSC_COMM_WORLD, &rank) != MPI_SUCCESS) rank = 0;
      if (!rank) {
        fprintf(stderr, "memflex: error: %s\n", mess ? mess : "invalid input");
        fflush(stderr);
      }
    }
    return n;
  }
  return PetscTraceBackErrorHandler(comm, line, func, file, n, p, mess, ctx);
}
