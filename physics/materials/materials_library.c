/* The material library on disk: where it is, the index of its files, lookup by name/alias with a
 * nearest-name suggestion, loading on rank 0 with a broadcast (one file read per run, not per rank),
 * deck/command-line overrides, and the help listing. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "mf_keys.h"
#include "materials_impl.h"

#ifndef MF_MATERIALS_DIR
  #define MF_MATERIALS_DIR "inputs/materials"
#endif

static const char *const class_dirs[] = {"substrates", "electrodes", "functional"};

typedef struct {
  char       path[PETSC_MAX_PATH_LEN];
  char       stem[MF_NAME_LEN];
  MfMaterial mat;
  char       aliases[MF_MAT_MAX_ALIAS][MF_NAME_LEN];
  PetscInt   naliases;
} LibEntry;

typedef struct {
  LibEntry *e;
  PetscInt  n, cap;
} LibIndex;

PetscErrorCode MfMaterialLibraryDir(char *dir, size_t len)
{
  PetscBool   set;
  const char *env;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-materials_dir", dir, len, &set));
  PetscCall(MfKeysMarkRead("materials_dir")); /* the deck key, read here through PETSc */
  if (set) PetscFunctionReturn(0);
  env = getenv("MEMFLEX_MATERIALS");
  if (env && env[0]) {
    PetscCall(PetscStrncpy(dir, env, len));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscStrncpy(dir, MF_MATERIALS_DIR, len));
  PetscFunctionReturn(0);
}

static int has_suffix(const char *s, const char *suf)
{
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static int yaml_filter(const struct dirent *d)
{
  return d->d_name[0] != '.' && has_suffix(d->d_name, ".yaml");
}

static void index_free(LibIndex *ix)
{
  free(ix->e);
  ix->e = NULL;
  ix->n = ix->cap = 0;
}

/* Parse every file of the library (rank-local). The three class folders are read in a fixed order and
 * each folder in alphabetical order, so the index, and any "nearest name" answer, is deterministic. */
static PetscErrorCode index_build(const char *libdir, LibIndex *ix, char *msg, size_t len)
{
  struct stat    st;
  PetscInt       nfolders = 0;
  PetscErrorCode ierr     = 0;

  memset(ix, 0, sizeof(*ix));
  if (stat(libdir, &st) || !S_ISDIR(st.st_mode)) {
    snprintf(msg, len, "material library '%s' is not a directory (set -materials_dir or MEMFLEX_MATERIALS)", libdir);
    return PETSC_ERR_FILE_OPEN;
  }
  for (int c = 0; c < 3 && !ierr; c++) {
    char            sub[PETSC_MAX_PATH_LEN];
    struct dirent **list = NULL;
    int             nl;
    snprintf(sub, sizeof(sub), "%s/%s", libdir, class_dirs[c]);
    nl = scandir(sub, &list, yaml_filter, alphasort);
    if (nl < 0) continue;
    nfolders++;
    for (int i = 0; i < nl; i++) {
      if (!ierr) {
        LibEntry *e;
        if (ix->n == ix->cap) {
          LibEntry *ne = realloc(ix->e, sizeof(LibEntry) * (size_t)(ix->cap ? 2 * ix->cap : 64));
          if (!ne) {
            snprintf(msg, len, "out of memory reading the material library");
            ierr = PETSC_ERR_MEM;
            free(list[i]);
            continue;
          }
          ix->e   = ne;
          ix->cap = ix->cap ? 2 * ix->cap : 64;
        }
        e = &ix->e[ix->n];
        snprintf(e->path, sizeof(e->path), "%.3800s/%.255s", sub, list[i]->d_name);
        snprintf(e->stem, sizeof(e->stem), "%.*s", (int)(strlen(list[i]->d_name) - 5), list[i]->d_name);
        ierr = MfMaterialParseYAML_Internal(e->path, c, &e->mat, e->aliases, &e->naliases, msg, len);
        if (!ierr) ierr = MfMaterialCheck_Internal(&e->mat, e->path, msg, len);
        if (!ierr) ix->n++;
      }
      free(list[i]);
    }
    free(list);
  }
  if (!ierr && !nfolders) {
    snprintf(msg, len, "material library '%s' has none of the folders substrates/, electrodes/, functional/", libdir);
    ierr = PETSC_ERR_FILE_OPEN;
  }
  /* Names must be unambiguous across the whole library. */
  for (PetscInt a = 0; a < ix->n && !ierr; a++) {
    for (PetscInt ia = -1; ia < ix->e[a].naliases && !ierr; ia++) {
      char na[256];
      MfNormaliseName_Internal(ia < 0 ? ix->e[a].mat.name : ix->e[a].aliases[ia], na, sizeof(na));
      for (PetscInt b = a + 1; b < ix->n && !ierr; b++) {
        for (PetscInt ib = -1; ib < ix->e[b].naliases; ib++) {
          char nb[256];
          MfNormaliseName_Internal(ib < 0 ? ix->e[b].mat.name : ix->e[b].aliases[ib], nb, sizeof(nb));
          if (!strcmp(na, nb)) {
            snprintf(msg, len, "material library: name '%s' of %s clashes with '%s' of %s", ia < 0 ? ix->e[a].mat.name : ix->e[a].aliases[ia], ix->e[a].path, ib < 0 ? ix->e[b].mat.name : ix->e[b].aliases[ib], ix->e[b].path);
            ierr = PETSC_ERR_FILE_UNEXPECTED;
            break;
          }
        }
      }
    }
  }
  if (ierr) index_free(ix);
  return ierr;
}

static PetscBool entry_matches(const LibEntry *e, const char *norm)
{
  char n[256];
  MfNormaliseName_Internal(e->mat.name, n, sizeof(n));
  if (!strcmp(n, norm)) return PETSC_TRUE;
  MfNormaliseName_Internal(e->stem, n, sizeof(n));
  if (!strcmp(n, norm)) return PETSC_TRUE;
  for (PetscInt i = 0; i < e->naliases; i++) {
    MfNormaliseName_Internal(e->aliases[i], n, sizeof(n));
    if (!strcmp(n, norm)) return PETSC_TRUE;
  }
  return PETSC_FALSE;
}

/* Rank-local load: library lookup or file path. */
static PetscErrorCode load_local(const char *libdir, const char *name, MfMaterial *m, char *msg, size_t len)
{
  char           norm[256];
  LibIndex       ix;
  PetscErrorCode ierr;

  if (has_suffix(name, ".yaml")) {
    char    aliases[MF_MAT_MAX_ALIAS][MF_NAME_LEN];
    PetscInt na;
    ierr = MfMaterialParseYAML_Internal(name, -1, m, aliases, &na, msg, len);
    if (!ierr) ierr = MfMaterialCheck_Internal(m, name, msg, len);
    return ierr;
  }
  ierr = index_build(libdir, &ix, msg, len);
  if (ierr) return ierr;
  MfNormaliseName_Internal(name, norm, sizeof(norm));
  for (PetscInt i = 0; i < ix.n; i++) {
    if (entry_matches(&ix.e[i], norm)) {
      *m = ix.e[i].mat;
      index_free(&ix);
      return 0;
    }
  }
  {
    /* Nearest of all names and aliases; report the canonical name of the winner. */
    PetscInt    best = PETSC_MAX_INT;
    const char *bestname = "?";
    for (PetscInt i = 0; i < ix.n; i++) {
      for (PetscInt a = -1; a < ix.e[i].naliases; a++) {
        char     nc[256];
        PetscInt d;
        MfNormaliseName_Internal(a < 0 ? ix.e[i].mat.name : ix.e[i].aliases[a], nc, sizeof(nc));
        d = (PetscInt)MfEditDistance(norm, nc);
        if (d < best) {
          best     = d;
          bestname = ix.e[i].mat.name;
        }
      }
    }
    snprintf(msg, len, "unknown material '%s' (did you mean '%s'?); library: %s", name, bestname, libdir);
  }
  index_free(&ix);
  return PETSC_ERR_USER_INPUT;
}

/* Collective: rank 0 runs `code`, every rank gets the result or raises the same error. */
static PetscErrorCode bcast_result(MPI_Comm comm, PetscErrorCode code, char *msg, void *buf, size_t bytes)
{
  int ibuf = (int)code;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Bcast(&ibuf, 1, MPI_INT, 0, comm));
  if (ibuf) {
    PetscCallMPI(MPI_Bcast(msg, MF_MAT_MSG_LEN, MPI_CHAR, 0, comm));
    SETERRQ(comm, (PetscErrorCode)ibuf, "%s", msg);
  }
  if (bytes) PetscCallMPI(MPI_Bcast(buf, (int)bytes, MPI_BYTE, 0, comm));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialLoad(MPI_Comm comm, const char *libdir, const char *name, MfMaterial *m)
{
  char           dir[PETSC_MAX_PATH_LEN], msg[MF_MAT_MSG_LEN] = "";
  PetscMPIInt    rank;
  PetscErrorCode code = 0;

  PetscFunctionBeginUser;
  PetscCheck(name && m, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "MfMaterialLoad needs a material name and a record");
  if (libdir) PetscCall(PetscStrncpy(dir, libdir, sizeof(dir)));
  else PetscCall(MfMaterialLibraryDir(dir, sizeof(dir)));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) code = load_local(dir, name, m, msg, sizeof(msg));
  PetscCall(bcast_result(comm, code, msg, m, sizeof(*m)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialLoadFile(MPI_Comm comm, const char *path, MfMaterial *m)
{
  char           msg[MF_MAT_MSG_LEN] = "", aliases[MF_MAT_MAX_ALIAS][MF_NAME_LEN];
  PetscInt       na;
  PetscMPIInt    rank;
  PetscErrorCode code = 0;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    code = MfMaterialParseYAML_Internal(path, -1, m, aliases, &na, msg, sizeof(msg));
    if (!code) code = MfMaterialCheck_Internal(m, path, msg, sizeof(msg));
  }
  PetscCall(bcast_result(comm, code, msg, m, sizeof(*m)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialLibraryLoadAll(MPI_Comm comm, const char *libdir, PetscInt *n, MfMaterial **mats)
{
  char           dir[PETSC_MAX_PATH_LEN], msg[MF_MAT_MSG_LEN] = "";
  PetscMPIInt    rank;
  PetscErrorCode code = 0;
  LibIndex       ix   = {NULL, 0, 0};
  PetscInt       cnt  = 0;

  PetscFunctionBeginUser;
  if (libdir) PetscCall(PetscStrncpy(dir, libdir, sizeof(dir)));
  else PetscCall(MfMaterialLibraryDir(dir, sizeof(dir)));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    code = index_build(dir, &ix, msg, sizeof(msg));
    cnt  = ix.n;
  }
  PetscCall(bcast_result(comm, code, msg, &cnt, sizeof(cnt)));
  PetscCall(PetscMalloc1(cnt, mats));
  if (rank == 0)
    for (PetscInt i = 0; i < cnt; i++) (*mats)[i] = ix.e[i].mat;
  index_free(&ix);
  PetscCallMPI(MPI_Bcast(*mats, (int)(sizeof(MfMaterial) * (size_t)cnt), MPI_BYTE, 0, comm));
  *n = cnt;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialSetFromOptions(MfMaterial *m, const char *prefix)
{
  PetscInt np;
  char     origin[256];

  PetscFunctionBeginUser;
  PetscCall(MfMaterialPropertyCount(&np));
  for (PetscInt i = 0; i < np; i++) {
    const char *key;
    char        opt[256];
    PetscBool   set;
    PetscCall(MfMaterialPropertyName(i, &key, NULL));
    PetscCall(PetscSNPrintf(opt, sizeof(opt), "-%s", key));
    if (!strcmp(key, "sigma_law")) {
      PetscInt law;
      PetscCall(PetscOptionsGetEList(NULL, prefix, opt, MfSigmaLaws, 3, &law, &set));
      if (set) PetscCall(MfMaterialSetProperty(m, key, (PetscReal)law));
    } else if (!strcmp(key, "electrochemically_active")) {
      PetscBool b;
      PetscCall(PetscOptionsGetBool(NULL, prefix, opt, &b, &set));
      if (set) PetscCall(MfMaterialSetProperty(m, key, b ? 1.0 : 0.0));
    } else {
      PetscReal v;
      PetscCall(PetscOptionsGetReal(NULL, prefix, opt, &v, &set));
      if (set) PetscCall(MfMaterialSetProperty(m, key, v));
    }
  }
  PetscCall(PetscSNPrintf(origin, sizeof(origin), "options -%s*", prefix ? prefix : ""));
  PetscCall(MfMaterialValidate(m, origin));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialList(MPI_Comm comm, const char *libdir, PetscViewer viewer)
{
  PetscInt    n;
  MfMaterial *mats;

  PetscFunctionBeginUser;
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(comm, &viewer));
  PetscCall(MfMaterialLibraryLoadAll(comm, libdir, &n, &mats));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%-10s %-28s %-9s %10s %10s %10s %6s %10s\n", "class", "name", "law", "sigma S/m", "k W/m/K", "E Pa", "nu", "cte 1/K"));
  for (PetscInt i = 0; i < n; i++) {
    const MfMaterial *m = &mats[i];
    PetscCall(PetscViewerASCIIPrintf(viewer, "%-10s %-28s %-9s %10.3g %10.3g %10.3g %6.3f %10.3g%s\n", MfMaterialClasses[m->klass], m->name, MfSigmaLaws[m->sigma_law], (double)m->sigma_S_per_m, (double)m->k_W_per_mK,
                                     (double)m->E_Pa, (double)m->nu, (double)m->cte_per_K, m->estimated[0] ? "  *" : ""));
  }
  PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " materials; * = some values are estimates (see MfMaterialView / the YAML file)\n", n));
  PetscCall(PetscFree(mats));
  PetscFunctionReturn(0);
}
