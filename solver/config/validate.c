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
  PetscBool    set, ok = PETSC_TRUE;

  PetscFunctionBeginUser;
  if (!k) {
    char best[128];
    if (!MfSchemaIsSection(name) || MfSchemaIsPassthrough(name)) PetscFunctionReturn(0);
    PetscCall(MfSchemaSuggest(name, best, sizeof(best)));
    if (MfSchemaSuggestionClose(name, best)) SETERRQ(comm, PETSC_ERR_USER_INPUT, "unknown option '-%s' (did you mean '-%s'?)", name, best);
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "unknown option '-%s' (see 'memflex run -help' for the valid keys)", name);
  }
  snprintf(opt, sizeof(opt), "-%s", k->name);
  PetscCall(PetscOptionsGetString(NULL, NULL, opt, text, sizeof(text), &set));
  if (set) PetscCall(MfConfigCheckValue(k, text, &ok, msg, sizeof(msg)));
  if (set && !ok) {
    PetscCall(MfConfigKeyLabel(k->name, label, sizeof(label)));
    SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s: %s", label, msg);
  }
  PetscFunctionReturn(0);
}

/* The registry's getters name keys through this (installed by MfConfigRegisterKeys). */
PetscErrorCode MfConfigLabel(const char *name, PetscBool missing, char *out, size_t len)
{
  PetscFunctionBeginUser;
  if (missing) PetscCall(MissingLabel(name, out, len));
  else PetscCall(MfConfigKeyLabel(name, out, len));
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
    set = PETSC_TRUE;
    if (strcmp(layers[i], "fill")) PetscCall(MfConfigGetReal(key, &t, &set)); /* the fill lies beside the electrode lines: no thickness */
    if (hasmat && !set && !have_mesh_file) {
      PetscCall(MissingLabel(key, label, sizeof(label)));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s (the %s layer of material '%s' needs a thickness > 0 m unless mesh.file is given)", label, layers[i], mat);
    }
    if (!hasmat) {
      PetscInt     n;
      char         prefix[128], mkey[128];
      snprintf(prefix, sizeof(prefix), "stack_%s_", layers[i]);
      snprintf(mkey, sizeof(mkey), "stack_%s_material", layers[i]);
      n = MfKeysCount();
      for (PetscInt j = 0; j < n; j++) {
        if (strncmp(MfKeysGet(j)->name, prefix, strlen(prefix)) || !strcmp(MfKeysGet(j)->name, mkey)) continue;
        PetscCall(IsSet(MfKeysGet(j)->name, &set));
        if (set) {
          char l2[PETSC_MAX_PATH_LEN + 300], dot[256];
          PetscCall(MfConfigKeyLabel(MfKeysGet(j)->name, label, sizeof(label)));
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
  PetscInt     n;
  PetscBool    have_mesh, set;
  char         ptype[64], kmc[64], both[2 * PETSC_MAX_PATH_LEN + 700], label[PETSC_MAX_PATH_LEN + 300], detail[512];

  PetscFunctionBeginUser;
  /* 1. every option under a memflex section is known, and every value has the right type/unit/range */
  PetscCall(ForEachOptionName(CheckOption, &comm));
  /* 2. required keys */
  n = MfKeysCount();
  for (PetscInt i = 0; i < n; i++) {
    if (MfKeysGet(i)->def) continue;
    PetscCall(IsSet(MfKeysGet(i)->name, &set));
    if (!set) {
      PetscCall(MissingLabel(MfKeysGet(i)->name, label, sizeof(label)));
      SETERRQ(comm, PETSC_ERR_USER_INPUT, "%s (%s)", label, MfKeysGet(i)->help);
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
