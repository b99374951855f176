/* Verification of the material library (physics/materials, inputs/materials).
 * Requirement: every library file loads and is physical; values reproduce their cited sources (spot checks,
 * Table 2 of Xu et al. 2024 cell by cell, Wiedemann-Franz for pure metals); every material of Table 1
 * resolves by name; aliases work; bad input fails with an error that names the culprit.
 * Options: -table1 CSV -table2 CSV -choices CSV -bad_dir DIR (copies of the review's tables live beside
 * this file; -materials_dir selects the library). Runs on any number of ranks (rank 0 reads, all check). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mf_material.h"

typedef struct {
  PetscInt pass, fail;
} Tally;

static PetscErrorCode check(Tally *t, PetscBool ok, const char *fmt, ...)
{
  char    buf[1024];
  va_list ap;

  PetscFunctionBeginUser;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  if (ok) t->pass++;
  else t->fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s %s\n", ok ? "PASS" : "FAIL", buf));
  PetscFunctionReturn(0);
}

static PetscBool rel_close(PetscReal a, PetscReal b, PetscReal tol)
{
  return (PetscBool)(PetscAbsReal(a - b) <= tol * PetscMax(PetscAbsReal(a), PetscAbsReal(b)));
}

/* Is `key` an item of the comma-separated list? */
static PetscBool csv_has(const char *list, const char *key)
{
  size_t k = strlen(key);
  while (*list) {
    size_t n = strcspn(list, ",");
    if (n == k && !strncmp(list, key, k)) return PETSC_TRUE;
    list += n;
    if (*list == ',') list++;
  }
  return PETSC_FALSE;
}

static PetscErrorCode get(const char *name, MfMaterial *m)
{
  PetscFunctionBeginUser;
  PetscCall(MfMaterialLoad(PETSC_COMM_WORLD, NULL, name, m));
  PetscFunctionReturn(0);
}

/* Run an action that must fail; return its error code and the error text (PETSc keeps the last message). */
#define EXPECT_ERROR(t, call, needle, what) \
  do { \
    PetscErrorCode _c; \
    char          *_spec = NULL; \
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL)); \
    _c = (call); \
    PetscCall(PetscPopErrorHandler()); \
    if (_c) PetscCall(PetscErrorMessage(_c, NULL, &_spec)); \
    PetscCall(check(t, (PetscBool)(_c != 0 && _spec && strstr(_spec, needle)), "%s -> error %d: \"%s\" (must mention \"%s\")", what, (int)_c, _spec ? _spec : "(none)", needle)); \
  } while (0)

/* ---------------------------------------------------------------------------------------------- */
static PetscErrorCode TestLibrary(Tally *t)
{
  PetscInt    n, ncls[4] = {0, 0, 0, 0};
  MfMaterial *all;
  PetscInt    nbad = 0;

  PetscFunctionBeginUser;
  PetscCall(MfMaterialLibraryLoadAll(PETSC_COMM_WORLD, NULL, &n, &all));
  for (PetscInt i = 0; i < n; i++) {
    ncls[all[i].klass]++;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    PetscErrorCode c = MfMaterialValidate(&all[i], all[i].name);
    PetscCall(PetscPopErrorHandler());
    if (c || !all[i].source[0]) {
      nbad++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  invalid or unsourced: %s\n", all[i].name));
    }
  }
  /* 7 substrates (Table 2 + PVP of Table 1), 13 electrodes (the list), 22 functional layers. */
  PetscCall(check(t, (PetscBool)(ncls[0] >= 7 && ncls[1] >= 13 && ncls[2] >= 22 && ncls[3] == 0), "library: %" PetscInt_FMT " substrates, %" PetscInt_FMT " electrodes, %" PetscInt_FMT " functional layers", ncls[0], ncls[1], ncls[2]));
  PetscCall(check(t, (PetscBool)(nbad == 0), "all %" PetscInt_FMT " library files load, validate and carry sources (%" PetscInt_FMT " bad)", n, nbad));

  /* Ranks must hold identical records (rank 0 reads and broadcasts). */
  {
    unsigned long        h = 1469598103934665603UL, hs[64]; /* FNV-1a over the bytes */
    int                  same = 1;
    PetscMPIInt          size, rank;
    const unsigned char *b = (const unsigned char *)all;
    for (size_t i = 0; i < sizeof(MfMaterial) * (size_t)n; i++) h = (h ^ b[i]) * 1099511628211UL;
    /* rank 0 compares every rank's hash and tells all ranks */
    PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
    PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
    PetscCheck(size <= 64, PETSC_COMM_WORLD, PETSC_ERR_SUP, "test written for at most 64 ranks");
    PetscCallMPI(MPI_Gather(&h, 1, MPI_UNSIGNED_LONG, hs, 1, MPI_UNSIGNED_LONG, 0, PETSC_COMM_WORLD));
    if (rank == 0)
      for (PetscMPIInt r = 1; r < size; r++) same = same && hs[r] == hs[0];
    PetscCallMPI(MPI_Bcast(&same, 1, MPI_INT, 0, PETSC_COMM_WORLD));
    PetscCall(check(t, (PetscBool)same, "library records identical on every rank (%d ranks)", (int)size));
  }
  PetscCall(PetscFree(all));
  PetscFunctionReturn(0);
}

/* Spot values against the cited sources. Tolerances: 1e-3 where the source quotes 3 significant digits of
 * a quantity the file stores from a 4-digit resistivity (sigma = 1/rho); otherwise the file must hold the
 * source's number itself (1e-12, i.e. exact up to binary representation). */
static PetscErrorCode TestSpotValues(Tally *t)
{
  MfMaterial m;

  PetscFunctionBeginUser;
  PetscCall(get("Cu", &m));
  PetscCall(check(t, rel_close(m.sigma_S_per_m, 5.96e7, 1e-3) && m.T0_K == 293, "Cu sigma = %.5g S/m at %g K (CRC 97th: 5.96e7 at 293 K)", (double)m.sigma_S_per_m, (double)m.T0_K));
  PetscCall(check(t, rel_close(m.k_W_per_mK, 401, 1e-12) && rel_close(m.tcr_per_K, 3.9e-3, 1e-12), "Cu k = %g W/m/K (CRC: 401), TCR = %g 1/K (Giancoli: 3.9e-3)", (double)m.k_W_per_mK, (double)m.tcr_per_K));
  PetscCall(get("Ag", &m));
  PetscCall(check(t, rel_close(m.sigma_S_per_m, 6.30e7, 1e-3), "Ag sigma = %.5g S/m (CRC: 1.587 uOhm cm -> 6.30e7)", (double)m.sigma_S_per_m));
  PetscCall(get("Pt", &m));
  PetscCall(check(t, rel_close(m.k_W_per_mK, 71.6, 1e-12) && rel_close(m.E_Pa, 168e9, 1e-12) && rel_close(m.nu, 0.38, 1e-12), "Pt k = %g W/m/K, E = %g Pa, nu = %g (CRC: 71.6, 168e9, 0.38)", (double)m.k_W_per_mK, (double)m.E_Pa, (double)m.nu));
  PetscCall(get("PI", &m));
  PetscCall(check(t, rel_close(m.nu, 0.34, 1e-12) && rel_close(m.k_W_per_mK, 0.12, 1e-12) && rel_close(m.cp_J_per_kgK, 1090, 1e-12), "PI nu = %g, k = %g, cp = %g (Kapton HN datasheet: 0.34, 0.12, 1090)", (double)m.nu, (double)m.k_W_per_mK, (double)m.cp_J_per_kgK));
  PetscCall(get("HfO2", &m));
  PetscCall(check(t, rel_close(m.eps_r, 25, 1e-12) && rel_close(m.bandgap_eV, 5.8, 1e-12) && rel_close(m.electron_affinity_eV, 4.05 - 1.4, 1e-12), "HfO2 eps = %g, Eg = %g eV, chi = %g eV (Robertson 2004: 25, 5.8, 4.05-1.4)", (double)m.eps_r, (double)m.bandgap_eV, (double)m.electron_affinity_eV));
  PetscCall(check(t, rel_close(m.ion_hop_Ea_eV, 1.09, 1e-12) && m.sigma_law == MF_SIGMA_ACTIVATED, "HfO2 V_O hop = %g eV (Kaniselvan 2023: 1.09), law %s", (double)m.ion_hop_Ea_eV, MfSigmaLaws[m.sigma_law]));
  PetscCall(get("ZnO", &m));
  PetscCall(check(t, rel_close(m.bandgap_eV, 3.37, 1e-12) && rel_close(m.ion_hop_Ea_eV, 1.7, 1e-12), "ZnO Eg = %g eV (Ozgur 2005: 3.37), V_O hop = %g eV (Janotti 2007: 1.7)", (double)m.bandgap_eV, (double)m.ion_hop_Ea_eV));
  PetscCall(get("ITO", &m));
  PetscCall(check(t, rel_close(m.E_Pa, 116e9, 1e-12) && rel_close(m.nu, 0.35, 1e-12), "ITO E = %g Pa, nu = %g (Neerinck & Vink 1996: 116 GPa, 0.35)", (double)m.E_Pa, (double)m.nu));
  /* Electrochemical activity: exactly Ag, Cu, Ni (and the Ag nanowire network) among the electrodes. */
  {
    const char *active[] = {"Ag", "Cu", "Ni", "Ag nanowire network"}, *inert[] = {"Pt", "Au", "TiN", "ITO", "Al", "W", "SrRuO3", "La0.7Sr0.3MnO3", "Al-doped ZnO"};
    PetscBool   ok       = PETSC_TRUE;
    for (size_t i = 0; i < sizeof(active) / sizeof(*active); i++) {
      PetscCall(get(active[i], &m));
      ok = (PetscBool)(ok && m.electrochemically_active);
    }
    for (size_t i = 0; i < sizeof(inert) / sizeof(*inert); i++) {
      PetscCall(get(inert[i], &m));
      ok = (PetscBool)(ok && !m.electrochemically_active);
    }
    PetscCall(check(t, ok, "electrochemically active electrodes are exactly Ag, Cu, Ni, Ag nanowires (mechanisms.md)"));
  }
  PetscFunctionReturn(0);
}

/* Wiedemann-Franz: L = k/(sigma T) of a pure metal near room temperature lies within +-20 % of the Sommerfeld
 * value L0 = pi^2/3 (kB/e)^2 = 2.443e-8 W Ohm/K^2 (Ashcroft & Mermin ch. 2; Kittel Table 6.5: Ag 2.31, Au 2.35,
 * Cu 2.23, Pt 2.51 at 0 C). Tungsten is the classic exception (phonon share of k): Kittel lists 3.04e-8 (0 C)
 * and 3.20e-8 (100 C), so W is checked against [2.8, 3.4]e-8 instead. */
static PetscErrorCode TestWiedemannFranz(Tally *t)
{
  const char     *metals[] = {"Ag", "Cu", "Au", "Al", "Ni", "Pt"};
  const PetscReal L0       = PetscSqr(PETSC_PI) / 3.0 * PetscSqr(1.380649e-23 / 1.602176634e-19);
  MfMaterial      m;

  PetscFunctionBeginUser;
  for (size_t i = 0; i < sizeof(metals) / sizeof(*metals); i++) {
    PetscReal L;
    PetscCall(get(metals[i], &m));
    L = m.k_W_per_mK / (m.sigma_S_per_m * m.T0_K);
    PetscCall(check(t, (PetscBool)(PetscAbsReal(L / L0 - 1) <= 0.20), "Wiedemann-Franz %s: L = %.4g W Ohm/K^2 = %.3f L0 (must be within 1 +- 0.20)", metals[i], (double)L, (double)(L / L0)));
  }
  PetscCall(get("W", &m));
  {
    PetscReal L = m.k_W_per_mK / (m.sigma_S_per_m * m.T0_K);
    PetscCall(check(t, (PetscBool)(L >= 2.8e-8 && L <= 3.4e-8), "Wiedemann-Franz W: L = %.4g W Ohm/K^2 = %.3f L0 (Kittel: 3.04-3.20e-8, checked in [2.8, 3.4]e-8)", (double)L, (double)(L / L0)));
  }
  PetscFunctionReturn(0);
}

/* ---- CSV helpers ---------------------------------------------------------------------------------- */
typedef struct {
  char cell[16][128];
  int  n;
} Row;

static int split_csv(char *line, Row *r)
{
  char *s = line;
  r->n    = 0;
  line[strcspn(line, "\r\n")] = 0;
  while (r->n < 16) {
    size_t k = strcspn(s, ",");
    snprintf(r->cell[r->n++], 128, "%.*s", (int)k, s);
    if (!s[k]) break;
    s += k + 1;
  }
  return r->n;
}

static PetscErrorCode read_rows(const char *path, Row **rows, int *nrows)
{
  FILE *f;
  char  line[1024];
  int   cap = 64;

  PetscFunctionBeginUser;
  f = fopen(path, "r");
  PetscCheck(f, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open reference table %s", path);
  PetscCall(PetscMalloc1(cap, rows));
  *nrows = 0;
  while (fgets(line, sizeof(line), f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    PetscCheck(*nrows < cap, PETSC_COMM_SELF, PETSC_ERR_SUP, "table %s too long", path);
    split_csv(line, &(*rows)[(*nrows)++]);
  }
  fclose(f);
  PetscFunctionReturn(0);
}

/* "15-25" -> [15, 25]; "-35" -> [-35, -35]; "" -> not given. */
static PetscBool parse_range(const char *s, double *lo, double *hi)
{
  char *end;
  if (!s[0]) return PETSC_FALSE;
  *lo = strtod(s, &end);
  *hi = (*end == '-') ? strtod(end + 1, NULL) : *lo;
  return PETSC_TRUE;
}

/* Table 2 cell by cell. Column -> library value in the table's unit. */
static PetscErrorCode TestTable2(Tally *t, const char *table2, const char *choices)
{
  Row       *rows, *ch;
  int        nr, nc;
  const char *cols[] = {"glass_transition_C", "max_service_C", "cte_ppm_per_C", "density_g_cm3", "young_modulus_GPa"};

  PetscFunctionBeginUser;
  PetscCall(read_rows(table2, &rows, &nr));
  PetscCall(read_rows(choices, &ch, &nc));
  PetscCall(check(t, (PetscBool)(nr == 7 && !strcmp(rows[0].cell[0], "substrate")), "Table 2 copy has a header and 6 substrates"));
  for (int r = 1; r < nr; r++) {
    MfMaterial m;
    PetscCall(get(rows[r].cell[0], &m));
    for (int c = 0; c < 5; c++) {
      double lo, hi, lib;
      int    col = c + 1;
      PetscCheck(!strcmp(rows[0].cell[col], cols[c]), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Table 2 column %d is '%s', expected '%s'", col, rows[0].cell[col], cols[c]);
      switch (c) {
      case 0: lib = m.T_glass_K ? m.T_glass_K - 273.15 : NAN; break;
      case 1: lib = m.T_max_service_K ? m.T_max_service_K - 273.15 : NAN; break;
      case 2: lib = m.cte_per_K * 1e6; break;
      case 3: lib = m.density_kg_per_m3 * 1e-3; break;
      default: lib = m.E_Pa * 1e-9;
      }
      if (!parse_range(rows[r].cell[col], &lo, &hi)) {
        PetscCall(check(t, (PetscBool)isnan(lib), "Table 2 %s %s: blank in the table, not set in the library", rows[r].cell[0], cols[c]));
        continue;
      }
      const Row *choice = NULL;
      for (int k = 1; k < nc; k++)
        if (!strcmp(ch[k].cell[0], rows[r].cell[0]) && !strcmp(ch[k].cell[1], cols[c])) choice = &ch[k];
      if (!choice) {
        /* single values are copied; tolerance 1e-9 only absorbs the C<->K offset in binary arithmetic */
        PetscCall(check(t, (PetscBool)(lo == hi && fabs(lib - lo) <= 1e-9 * fmax(1.0, fabs(lo))), "Table 2 %s %s: table %s, library %.10g", rows[r].cell[0], cols[c], rows[r].cell[col], lib));
        continue;
      }
      double v  = strtod(choice->cell[2], NULL);
      PetscBool ok = (PetscBool)(fabs(lib - v) <= 1e-9 * fmax(1.0, fabs(v)));
      if (!strcmp(choice->cell[3], "midpoint")) ok = (PetscBool)(ok && lo < hi && fabs(v - 0.5 * (lo + hi)) <= 1e-12 * fabs(v));
      else if (!strcmp(choice->cell[3], "in_range")) ok = (PetscBool)(ok && lo < hi && v >= lo && v <= hi);
      else ok = (PetscBool)(ok && !strcmp(choice->cell[3], "corrected") && choice->cell[4][0] && (v < lo || v > hi));
      PetscCall(check(t, ok, "Table 2 %s %s: table %s, library %.6g (%s: %s)", rows[r].cell[0], cols[c], rows[r].cell[col], lib, choice->cell[3], choice->cell[4]));
    }
  }
  /* The two PDMS corrections are exactly the ones of the caution in reference/mechanisms.md. */
  {
    MfMaterial m;
    PetscCall(get("PDMS", &m));
    PetscCall(check(t, (PetscBool)(rel_close(m.E_Pa, 2.1e6, 1e-12) && rel_close(m.T_glass_K, 273.15 - 125, 1e-12)), "PDMS caution: E = %g Pa (2.1 MPa), Tg = %g K (-125 C)", (double)m.E_Pa, (double)m.T_glass_K));
  }
  PetscCall(PetscFree(rows));
  PetscCall(PetscFree(ch));
  PetscFunctionReturn(0);
}

/* Every substrate, electrode and functional layer of Table 1 must resolve. Functional-layer cells name
 * stacks or add descriptions; the map below says which library materials each cell stands for. */
static PetscErrorCode TestTable1(Tally *t, const char *table1)
{
  static const char *const fmap[][3] = {
    {"PEI-AgClO4", "PEI-AgClO4", NULL},
    {"Mn-ZnO", "Mn-ZnO", NULL},
    {"PMMA electrolyte", "PMMA electrolyte", NULL},
    {"Cs2AgBiBr6 perovskite", "Cs2AgBiBr6 perovskite", NULL},
    {"MASnBr3 perovskite", "MASnBr3 perovskite", NULL},
    {"NiO", "NiO", NULL},
    {"Ag2S (with HfO2 insulating layer)", "Ag2S", "HfO2"},
    {"PEI/PAA polyelectrolyte bilayer", "PEI", "PAA"},
    {"citric acid quantum dots", "citric acid quantum dots", NULL},
    {"Cs3Bi2I9 nanosheets", "Cs3Bi2I9 nanosheets", NULL},
    {"InP/ZnSe/ZnS quantum dots", "InP/ZnSe/ZnS quantum dots", NULL},
    {"BiFeO3", "BiFeO3", NULL},
    {"BaTiO3/La0.7Sr0.3MnO3", "BaTiO3", "La0.7Sr0.3MnO3"},
    {"Hf0.5Zr0.5O2", "Hf0.5Zr0.5O2", NULL},
    {"Sb2Te3/GeTe superlattice", "Sb2Te3", "GeTe"},
  };
  Row     *rows;
  int      nr;
  PetscInt nres = 0, nfail = 0;

  PetscFunctionBeginUser;
  PetscCall(read_rows(table1, &rows, &nr));
  for (int r = 1; r < nr; r++) {
    const char *names[8];
    int         nn = 0, mapped = 0;
    char        el[128], *tok, *save = NULL;
    if (rows[r].cell[1][0]) names[nn++] = rows[r].cell[1]; /* substrate (blank: fibre device) */
    snprintf(el, sizeof(el), "%s", rows[r].cell[2]);
    for (tok = strtok_r(el, "/", &save); tok && nn < 6; tok = strtok_r(NULL, "/", &save)) names[nn++] = tok;
    for (size_t k = 0; k < sizeof(fmap) / sizeof(fmap[0]); k++)
      if (!strcmp(fmap[k][0], rows[r].cell[3])) {
        mapped     = 1;
        names[nn++] = fmap[k][1];
        if (fmap[k][2]) names[nn++] = fmap[k][2];
      }
    if (!mapped) {
      nfail++;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  Table 1 functional layer '%s' has no mapping\n", rows[r].cell[3]));
    }
    for (int i = 0; i < nn; i++) {
      MfMaterial     m;
      PetscErrorCode c;
      PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
      c = MfMaterialLoad(PETSC_COMM_WORLD, NULL, names[i], &m);
      PetscCall(PetscPopErrorHandler());
      nres++;
      if (c) {
        nfail++;
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  Table 1 row %d: '%s' not in the library\n", r, names[i]));
      }
    }
  }
  PetscCall(check(t, (PetscBool)(nr == 16 && nfail == 0), "Table 1: all %" PetscInt_FMT " substrate/electrode/functional names of %d devices resolve (%" PetscInt_FMT " failures)", nres, nr - 1, nfail));
  PetscCall(PetscFree(rows));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestAliases(Tally *t)
{
  const char *pairs[][2] = {{"HfOx", "HfO2"}, {"hfo2", "HfO2"}, {"AZO", "Al-doped ZnO"}, {"al doped zno", "Al-doped ZnO"}, {"TaOx", "Ta2O5"}, {"Kapton", "PI"}, {"LSMO", "La0.7Sr0.3MnO3"}, {"Ag nanowires", "Ag nanowire network"}, {"PMMA electrolyte", "PMMA"}, {"HZO", "Hf0.5Zr0.5O2"}, {"copper", "Cu"}};
  PetscBool   ok          = PETSC_TRUE;
  MfMaterial  m;

  PetscFunctionBeginUser;
  for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
    PetscCall(get(pairs[i][0], &m));
    if (strcmp(m.name, pairs[i][1])) {
      ok = PETSC_FALSE;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  alias '%s' gave '%s', expected '%s'\n", pairs[i][0], m.name, pairs[i][1]));
    }
  }
  PetscCall(check(t, ok, "aliases and case/punctuation-insensitive names (HfOx->HfO2, AZO->Al-doped ZnO, ...)"));
  PetscFunctionReturn(0);
}

static PetscErrorCode TestOverridesAndErrors(Tally *t, const char *bad_dir)
{
  MfMaterial m, m0;
  PetscReal  v;
  char       path[PETSC_MAX_PATH_LEN];
  const char *bad[][2] = {{"nu_half.yaml", "nu = 0.5 is not physical; expected -1 < nu < 0.5"}, {"negative_sigma.yaml", "sigma_S_per_m = -1"}, {"zero_k.yaml", "k_W_per_mK = 0"},
                          {"malformed.yaml", "malformed YAML"}, {"missing_key.yaml", "misses required property 'E_Pa'"}, {"unsourced.yaml", "property 'nu' has no source"},
                          {"unknown_key.yaml", "did you mean 'k_W_per_mK'"}, {"not_a_number.yaml", "'E_Pa: 2.8 GPa' is not a number"}};

  PetscFunctionBeginUser;
  /* unknown names: one line naming the name and the nearest known one */
  EXPECT_ERROR(t, MfMaterialLoad(PETSC_COMM_WORLD, NULL, "Hf02", &m), "unknown material 'Hf02' (did you mean 'HfO2'?)", "load 'Hf02'");
  EXPECT_ERROR(t, MfMaterialLoad(PETSC_COMM_WORLD, NULL, "Platnum", &m), "did you mean 'Pt'?", "load 'Platnum'");
  EXPECT_ERROR(t, MfMaterialLoad(PETSC_COMM_WORLD, NULL, "Cupper", &m), "did you mean 'Cu'?", "load 'Cupper'");
  /* bad files */
  for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s", bad_dir, bad[i][0]));
    EXPECT_ERROR(t, MfMaterialLoadFile(PETSC_COMM_WORLD, path, &m), bad[i][1], bad[i][0]);
  }
  /* programmatic overrides */
  PetscCall(get("HfO2", &m0));
  m = m0;
  PetscCall(check(t, csv_has(m.estimated, "nu"), "HfO2 marks nu as an estimate (estimated: %s)", m.estimated));
  PetscCall(MfMaterialSetProperty(&m, "nu", 0.25));
  PetscCall(MfMaterialGetProperty(&m, "nu", &v));
  PetscCall(check(t, (PetscBool)(v == 0.25 && !csv_has(m.estimated, "nu") && csv_has(m.estimated, "E_Pa")), "SetProperty nu = %g; nu leaves the estimate list (%s)", (double)v, m.estimated));
  EXPECT_ERROR(t, MfMaterialSetProperty(&m, "k_W_per_m", 1.0), "did you mean 'k_W_per_mK'", "SetProperty unknown key");
  m = m0;
  PetscCall(MfMaterialSetProperty(&m, "nu", 0.5));
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck test.yaml"), "deck test.yaml: material 'HfO2': property nu = 0.5", "nu = 0.5");
  m = m0;
  PetscCall(MfMaterialSetProperty(&m, "sigma_S_per_m", -1.0));
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck"), "sigma_S_per_m = -1", "negative sigma");
  m = m0;
  PetscCall(MfMaterialSetProperty(&m, "cte_per_K", 20.0)); /* ppm slip */
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck"), "cte_per_K = 20", "cte in ppm instead of 1/K");
  m = m0;
  PetscCall(MfMaterialSetProperty(&m, "E_Pa", 0.0));
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck"), "E_Pa = 0", "E = 0");
  PetscCall(get("Cu", &m));
  PetscCall(MfMaterialSetProperty(&m, "tcr_per_K", -1e-3));
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck"), "METALLIC needs tcr_per_K >= 0", "METALLIC with negative TCR");
  PetscCall(get("Cu", &m));
  PetscCall(MfMaterialSetProperty(&m, "sigma_T_max_K", 250.0)); /* below Cu's T0 = 293 K */
  EXPECT_ERROR(t, MfMaterialValidate(&m, "deck"), "sigma_T_max_K (250 K), the upper end of the conductivity law's range, must lie above its reference temperature T0_K (293 K)", "law range ending below T0");
  /* options database overrides (what a deck 'stack: {functional: {material: HfO2, k_W_per_mK: 1.5}}' becomes) */
  m = m0;
  PetscCall(PetscOptionsSetValue(NULL, "-tst_k_W_per_mK", "1.5"));
  PetscCall(PetscOptionsSetValue(NULL, "-tst_sigma_law", "CONSTANT"));
  PetscCall(MfMaterialSetFromOptions(&m, "tst_"));
  PetscCall(check(t, (PetscBool)(m.k_W_per_mK == 1.5 && m.sigma_law == MF_SIGMA_CONSTANT && m.eps_r == m0.eps_r), "options -tst_k_W_per_mK 1.5 -tst_sigma_law CONSTANT override only those (k = %g, law %s)", (double)m.k_W_per_mK, MfSigmaLaws[m.sigma_law]));
  PetscCall(PetscOptionsSetValue(NULL, "-tst_nu", "0.5"));
  m = m0;
  EXPECT_ERROR(t, MfMaterialSetFromOptions(&m, "tst_"), "options -tst_*: material 'HfO2': property nu = 0.5", "option -tst_nu 0.5");
  PetscCall(PetscOptionsClearValue(NULL, "-tst_nu"));
  PetscCall(PetscOptionsClearValue(NULL, "-tst_k_W_per_mK"));
  PetscCall(PetscOptionsClearValue(NULL, "-tst_sigma_law"));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Tally t = {0, 0};
  char  t1[PETSC_MAX_PATH_LEN] = "table1_flexible_memristors.csv", t2[PETSC_MAX_PATH_LEN] = "table2_substrates.csv", ch[PETSC_MAX_PATH_LEN] = "table2_choices.csv", bad[PETSC_MAX_PATH_LEN] = "bad";

  PetscCall(PetscInitialize(&argc, &argv, NULL, "material library verification"));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-table1", t1, sizeof(t1), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-table2", t2, sizeof(t2), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-choices", ch, sizeof(ch), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-bad_dir", bad, sizeof(bad), NULL));
  PetscCall(TestLibrary(&t));
  PetscCall(TestSpotValues(&t));
  PetscCall(TestWiedemannFranz(&t));
  PetscCall(TestTable2(&t, t2, ch));
  PetscCall(TestTable1(&t, t1));
  PetscCall(TestAliases(&t));
  PetscCall(TestOverridesAndErrors(&t, bad));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "materials: %" PetscInt_FMT " passed, %" PetscInt_FMT " failed\n", t.pass, t.fail));
  PetscCheck(t.fail == 0, PETSC_COMM_WORLD, PETSC_ERR_PLIB, "%" PetscInt_FMT " material-library checks failed", t.fail);
  PetscCall(PetscFinalize());
  return 0;
}
