/* Property table of MfMaterial: the one place that maps YAML keys to struct fields, SI units and
 * physically admissible ranges. Set/Get/Validate/View all go through this table, so adding a field to
 * mf_material.h means adding one row here. */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "materials_impl.h"

const char *const MfSigmaLaws[]       = {"CONSTANT", "METALLIC", "ACTIVATED"};
const char *const MfMaterialClasses[] = {"substrate", "electrode", "functional", "other"};

#define R(f) offsetof(MfMaterial, f)
/* Ranges: the hard physical limits (nu of a stable isotropic solid lies in (-1, 1/2): Landau & Lifshitz,
 * Theory of Elasticity, §5), and generous sanity bounds that catch unit slips (a CTE of 20 instead of
 * 20e-6, a modulus in GPa instead of Pa) without excluding any real material: the largest bulk values are
 * diamond (k ~ 2200 W/m/K, E ~ 1.2e12 Pa), osmium (22590 kg/m^3), silver (6.3e7 S/m); CRC Handbook. */
static const MfPropInfo props[] = {
  {"sigma_law", "", R(sigma_law), MF_PROP_LAW, PETSC_TRUE, 0, 2, PETSC_FALSE, PETSC_FALSE, "temperature law of the conductivity"},
  {"sigma_S_per_m", "S/m", R(sigma_S_per_m), MF_PROP_REAL, PETSC_TRUE, 0, 1e9, PETSC_FALSE, PETSC_FALSE, "electrical conductivity"},
  {"tcr_per_K", "1/K", R(tcr_per_K), MF_PROP_REAL, PETSC_FALSE, -0.1, 0.1, PETSC_FALSE, PETSC_FALSE, "temperature coefficient of resistivity"},
  {"sigma_Ea_eV", "eV", R(sigma_Ea_eV), MF_PROP_REAL, PETSC_FALSE, 0, 5, PETSC_FALSE, PETSC_FALSE, "activation energy of the conductivity"},
  {"T0_K", "K", R(T0_K), MF_PROP_REAL, PETSC_FALSE, 0, 5000, PETSC_TRUE, PETSC_FALSE, "reference temperature of the conductivity law"},
  {"sigma_T_max_K", "K", R(sigma_T_max_K), MF_PROP_REAL, PETSC_FALSE, 0, 5000, PETSC_FALSE, PETSC_FALSE, "upper end of the conductivity law's temperature range (0 = not limited)"},
  {"eps_r", "", R(eps_r), MF_PROP_REAL, PETSC_TRUE, 1, 1e5, PETSC_FALSE, PETSC_FALSE, "relative permittivity"},
  {"k_W_per_mK", "W/m/K", R(k_W_per_mK), MF_PROP_REAL, PETSC_TRUE, 0, 5000, PETSC_TRUE, PETSC_FALSE, "thermal conductivity"},
  {"cp_J_per_kgK", "J/kg/K", R(cp_J_per_kgK), MF_PROP_REAL, PETSC_TRUE, 0, 2e4, PETSC_TRUE, PETSC_FALSE, "specific heat"},
  {"density_kg_per_m3", "kg/m^3", R(density_kg_per_m3), MF_PROP_REAL, PETSC_TRUE, 0, 3e4, PETSC_TRUE, PETSC_FALSE, "mass density"},
  {"T_max_service_K", "K", R(T_max_service_K), MF_PROP_REAL, PETSC_FALSE, 0, 5000, PETSC_FALSE, PETSC_FALSE, "maximum service temperature (0 = not given)"},
  {"T_glass_K", "K", R(T_glass_K), MF_PROP_REAL, PETSC_FALSE, 0, 5000, PETSC_FALSE, PETSC_FALSE, "glass transition temperature (0 = not given)"},
  {"E_Pa", "Pa", R(E_Pa), MF_PROP_REAL, PETSC_TRUE, 0, 2e12, PETSC_TRUE, PETSC_FALSE, "Young's modulus"},
  {"nu", "", R(nu), MF_PROP_REAL, PETSC_TRUE, -1, 0.5, PETSC_TRUE, PETSC_TRUE, "Poisson ratio of a stable isotropic solid"},
  {"cte_per_K", "1/K", R(cte_per_K), MF_PROP_REAL, PETSC_TRUE, -1e-3, 1e-3, PETSC_TRUE, PETSC_TRUE, "linear thermal expansion coefficient"},
  {"electrochemically_active", "", R(electrochemically_active), MF_PROP_BOOL, PETSC_FALSE, 0, 1, PETSC_FALSE, PETSC_FALSE, "electrochemically active (ECM anode)"},
  {"work_function_eV", "eV", R(work_function_eV), MF_PROP_REAL, PETSC_FALSE, 0, 10, PETSC_FALSE, PETSC_FALSE, "work function (0 = not given)"},
  {"bandgap_eV", "eV", R(bandgap_eV), MF_PROP_REAL, PETSC_FALSE, 0, 15, PETSC_FALSE, PETSC_FALSE, "band gap (0 = not given)"},
  {"electron_affinity_eV", "eV", R(electron_affinity_eV), MF_PROP_REAL, PETSC_FALSE, 0, 10, PETSC_FALSE, PETSC_FALSE, "electron affinity (0 = not given)"},
  {"ion_hop_Ea_eV", "eV", R(ion_hop_Ea_eV), MF_PROP_REAL, PETSC_FALSE, 0, 10, PETSC_FALSE, PETSC_FALSE, "migration barrier of the mobile ion (0 = not given)"},
  {"T_melt_K", "K", R(T_melt_K), MF_PROP_REAL, PETSC_FALSE, 0, 5000, PETSC_FALSE, PETSC_FALSE, "melting point (0 = not given)"},
};
#undef R
#define NPROPS ((PetscInt)(sizeof(props) / sizeof(props[0])))

const MfPropInfo *MfMaterialPropTable_Internal(PetscInt *n)
{
  *n = NPROPS;
  return props;
}

const MfPropInfo *MfMaterialPropFind_Internal(const char *key)
{
  for (PetscInt i = 0; i < NPROPS; i++)
    if (!strcmp(props[i].key, key)) return &props[i];
  return NULL;
}

void MfMaterialSetDefaults_Internal(MfMaterial *m)
{
  memset(m, 0, sizeof(*m));
  m->klass                   = MF_MATERIAL_OTHER;
  m->sigma_law               = MF_SIGMA_CONSTANT;
  m->T0_K                    = 300.0; /* documented default of mf_material.h */
  m->electrochemically_active = PETSC_FALSE;
}

static PetscReal get_value(const MfMaterial *m, const MfPropInfo *p)
{
  const char *base = (const char *)m;
  switch (p->kind) {
  case MF_PROP_LAW: return (PetscReal)(*(const MfSigmaLaw *)(base + p->offset));
  case MF_PROP_BOOL: return (*(const PetscBool *)(base + p->offset)) ? 1.0 : 0.0;
  default: return *(const PetscReal *)(base + p->offset);
  }
}

void MfNormaliseName_Internal(const char *in, char *out, size_t len)
{
  size_t j = 0;
  for (size_t i = 0; in[i] && j + 1 < len; i++)
    if (isalnum((unsigned char)in[i])) out[j++] = (char)tolower((unsigned char)in[i]);
  if (len) out[j] = 0;
}

const char *MfNearest_Internal(const char *word, const char *const *cands, PetscInt n)
{
  char        nw[256], nc[256];
  PetscInt    best = PETSC_MAX_INT;
  const char *arg  = NULL;
  MfNormaliseName_Internal(word, nw, sizeof(nw));
  for (PetscInt i = 0; i < n; i++) {
    MfNormaliseName_Internal(cands[i], nc, sizeof(nc));
    PetscInt d = (PetscInt)MfEditDistance(nw, nc);
    if (d < best) {
      best = d;
      arg  = cands[i];
    }
  }
  return arg;
}

static PetscBool in_range(const MfPropInfo *p, PetscReal v)
{
  PetscBool ok_lo = p->lo_open ? (PetscBool)(v > p->lo) : (PetscBool)(v >= p->lo);
  PetscBool ok_hi = p->hi_open ? (PetscBool)(v < p->hi) : (PetscBool)(v <= p->hi);
  return (PetscBool)(ok_lo && ok_hi);
}

PetscErrorCode MfMaterialCheck_Internal(const MfMaterial *m, const char *origin, char *msg, size_t len)
{
  const char *o = origin && origin[0] ? origin : "(no origin)";
  for (PetscInt i = 0; i < NPROPS; i++) {
    const MfPropInfo *p = &props[i];
    PetscReal         v = get_value(m, p);
    if (!isfinite(v)) {
      snprintf(msg, len, "%s: material '%s': property %s is not a finite number", o, m->name, p->key);
      return PETSC_ERR_USER_INPUT;
    }
    if (!in_range(p, v)) {
      /* Reads like "expected -1 < nu < 0.5 (Poisson ratio ...)". */
      if (p->lo_open) snprintf(msg, len, "%s: material '%s': property %s = %g is not physical; expected %g < %s %s %g%s%s (%s)", o, m->name, p->key, (double)v, (double)p->lo, p->key, p->hi_open ? "<" : "<=", (double)p->hi, p->unit[0] ? " " : "", p->unit, p->meaning);
      else snprintf(msg, len, "%s: material '%s': property %s = %g is not physical; expected %g <= %s %s %g%s%s (%s)", o, m->name, p->key, (double)v, (double)p->lo, p->key, p->hi_open ? "<" : "<=", (double)p->hi, p->unit[0] ? " " : "", p->unit, p->meaning);
      return PETSC_ERR_USER_INPUT;
    }
  }
  /* Law-specific requirements (the formulas are in mf_material.h). */
  if (m->sigma_law == MF_SIGMA_METALLIC && m->tcr_per_K < 0) {
    snprintf(msg, len, "%s: material '%s': sigma_law METALLIC needs tcr_per_K >= 0 (got %g 1/K); a conductivity rising with T is ACTIVATED", o, m->name, (double)m->tcr_per_K);
    return PETSC_ERR_USER_INPUT;
  }
  if (m->sigma_law == MF_SIGMA_ACTIVATED && !(m->sigma_Ea_eV > 0)) {
    snprintf(msg, len, "%s: material '%s': sigma_law ACTIVATED needs sigma_Ea_eV > 0 (got %g eV)", o, m->name, (double)m->sigma_Ea_eV);
    return PETSC_ERR_USER_INPUT;
  }
  if (m->sigma_T_max_K > 0 && !(m->sigma_T_max_K > m->T0_K)) {
    snprintf(msg, len, "%s: material '%s': sigma_T_max_K (%g K), the upper end of the conductivity law's range, must lie above its reference temperature T0_K (%g K)", o, m->name, (double)m->sigma_T_max_K, (double)m->T0_K);
    return PETSC_ERR_USER_INPUT;
  }
  if (m->klass < MF_MATERIAL_SUBSTRATE || m->klass > MF_MATERIAL_OTHER) {
    snprintf(msg, len, "%s: material '%s': invalid class %d", o, m->name, (int)m->klass);
    return PETSC_ERR_USER_INPUT;
  }
  if (!m->name[0]) {
    snprintf(msg, len, "%s: material has an empty name", o);
    return PETSC_ERR_USER_INPUT;
  }
  return 0;
}

PetscErrorCode MfMaterialValidate(const MfMaterial *m, const char *origin)
{
  char           msg[MF_MAT_MSG_LEN];
  PetscErrorCode code;

  PetscFunctionBeginUser;
  PetscCheck(m, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "material record is NULL");
  code = MfMaterialCheck_Internal(m, origin, msg, sizeof(msg));
  PetscCheck(!code, PETSC_COMM_SELF, code, "%s", msg);
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialPropertyCount(PetscInt *n)
{
  PetscFunctionBeginUser;
  *n = NPROPS;
  PetscFunctionReturn(0);
}

PetscErrorCode MfMaterialPropertyName(PetscInt i, const char **key, const char **unit)
{
  PetscFunctionBeginUser;
  PetscCheck(i >= 0 && i < NPROPS, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "material property index %" PetscInt_FMT " not in [0, %" PetscInt_FMT ")", i, NPROPS);
  if (key) *key = props[i].key;
  if (unit) *unit = props[i].unit;
  PetscFunctionReturn(0);
}

static PetscErrorCode unknown_property(const char *property)
{
  char        list[1024] = "";
  const char *cands[NPROPS];

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < NPROPS; i++) {
    cands[i] = props[i].key;
    PetscCall(PetscStrlcat(list, props[i].key, sizeof(list)));
    if (i + 1 < NPROPS) PetscCall(PetscStrlcat(list, ", ", sizeof(list)));
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "unknown material property '%s' (did you mean '%s'?); valid properties: %s", property, MfNearest_Internal(property, cands, NPROPS), list);
}

PetscErrorCode MfMaterialGetProperty(const MfMaterial *m, const char *property, PetscReal *value_SI)
{
  const MfPropInfo *p = MfMaterialPropFind_Internal(property);

  PetscFunctionBeginUser;
  if (!p) PetscCall(unknown_property(property));
  *value_SI = get_value(m, p);
  PetscFunctionReturn(0);
}

/* Drop `key` from the comma-separated estimate list: a value the user sets is no longer our estimate. */
static void remove_estimate(char *list, const char *key)
{
  char  out[MF_SOURCE_LEN] = "", tok[MF_NAME_LEN];
  char *s                  = list;
  while (*s) {
    size_t n = strcspn(s, ",");
    size_t c = n < sizeof(tok) - 1 ? n : sizeof(tok) - 1;
    memcpy(tok, s, c);
    tok[c] = 0;
    if (tok[0] && strcmp(tok, key)) {
      if (out[0]) strncat(out, ",", sizeof(out) - strlen(out) - 1);
      strncat(out, tok, sizeof(out) - strlen(out) - 1);
    }
    s += n;
    if (*s == ',') s++;
  }
  strcpy(list, out);
}

PetscErrorCode MfMaterialSetProperty(MfMaterial *m, const char *property, PetscReal value_SI)
{
  const MfPropInfo *p = MfMaterialPropFind_Internal(property);
  char             *base;

  PetscFunctionBeginUser;
  PetscCheck(m, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "material record is NULL");
  if (!p) PetscCall(unknown_property(property));
  base = (char *)m;
  switch (p->kind) {
  case MF_PROP_LAW:
    PetscCheck(value_SI == 0 || value_SI == 1 || value_SI == 2, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "material '%s': sigma_law must be 0 (CONSTANT), 1 (METALLIC) or 2 (ACTIVATED), got %g", m->name, (double)value_SI);
    *(MfSigmaLaw *)(base + p->offset) = (MfSigmaLaw)(int)value_SI;
    break;
  case MF_PROP_BOOL:
    PetscCheck(value_SI == 0 || value_SI == 1, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "material '%s': %s must be 0 or 1, got %g", m->name, p->key, (double)value_SI);
    *(PetscBool *)(base + p->offset) = value_SI == 1 ? PETSC_TRUE : PETSC_FALSE;
    break;
  default: *(PetscReal *)(base + p->offset) = value_SI;
  }
  remove_estimate(m->estimated, p->key);
  PetscFunctionReturn(0);
}

static PetscBool is_estimated(const MfMaterial *m, const char *key)
{
  const char *s = m->estimated;
  size_t      k = strlen(key);
  while (*s) {
    size_t n = strcspn(s, ",");
    if (n == k && !strncmp(s, key, k)) return PETSC_TRUE;
    s += n;
    if (*s == ',') s++;
  }
  return PETSC_FALSE;
}

PetscErrorCode MfMaterialView(const MfMaterial *m, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBeginUser;
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PETSC_COMM_SELF, &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  PetscCheck(isascii, PetscObjectComm((PetscObject)viewer), PETSC_ERR_SUP, "MfMaterialView supports ASCII viewers only");
  PetscCall(PetscViewerASCIIPrintf(viewer, "material %s (%s)\n", m->name, MfMaterialClasses[m->klass]));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  for (PetscInt i = 0; i < NPROPS; i++) {
    const MfPropInfo *p   = &props[i];
    PetscReal         v   = get_value(m, p);
    const char       *est = is_estimated(m, p->key) ? "  (est.)" : "";
    if (p->kind == MF_PROP_LAW) PetscCall(PetscViewerASCIIPrintf(viewer, "%-26s %s%s\n", p->key, MfSigmaLaws[m->sigma_law], est));
    else if (p->kind == MF_PROP_BOOL) PetscCall(PetscViewerASCIIPrintf(viewer, "%-26s %s%s\n", p->key, v != 0 ? "true" : "false", est));
    else if (v == 0 && !p->required && strcmp(p->key, "tcr_per_K")) continue; /* optional and not given */
    else PetscCall(PetscViewerASCIIPrintf(viewer, "%-26s %-12.6g %s%s\n", p->key, (double)v, p->unit, est));
  }
  PetscCall(PetscViewerASCIIPrintf(viewer, "sources: %s\n", m->source));
  if (m->estimated[0]) PetscCall(PetscViewerASCIIPrintf(viewer, "estimated: %s\n", m->estimated));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}
