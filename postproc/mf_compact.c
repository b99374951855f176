/* Compact memristor models: parameter tables, state equations and currents (pointwise, stateless).
 *
 * VTEAM      Kvatinsky et al., IEEE TCAS-II 62(8), 786 (2015): dw/dt = k_off (v/v_off - 1)^a_off f_off(w) for
 *            v > v_off > 0, k_on (v/v_on - 1)^a_on f_on(w) for v < v_on < 0, 0 in between; linear R(w);
 *            Kvatinsky window f_off = exp(-exp((w - a_off)/w_c)), f_on = exp(-exp(-(w - a_on)/w_c)), here
 *            with a_on = 0, a_off = D. Defaults: MemTorch's VTEAM defaults (physics-references.md §8).
 * Stanford   Guan, Yu, Wong, IEEE EDL 33, 1405 (2012) / Yu & Wong gap model: I = I0 exp(-g/g0) sinh(V/V0),
 *            dg/dt = -v0 [exp(-Eag/kT) exp(gamma a0 qV/(L kT)) - exp(-Ear/kT) exp(-gamma a0 qV/(L kT))],
 *            gamma = gamma0 - beta (g/g1)^3, T = T0 + |V I| Rth (quasi-static self-heating, Rth = tau_th/C_th
 *            in the reference; 0 = isothermal). The hard clamp g in [g_min, g_max] of the original code is
 *            realised by the same smooth double-exponential window as VTEAM (width g_w), so that the ODE,
 *            the Verilog-A card and the SPICE subcircuit stay smooth for Newton and BDF solvers.
 * Yakopcic   Yakopcic et al., IEEE EDL 32, 1436 (2011): I = a1 x sinh(bV) (V >= 0), a2 x sinh(bV) (V < 0);
 *            g = Ap (e^V - e^Vp) (V > Vp), -An (e^-V - e^Vn) (V < -Vn), else 0; dx/dt = eta g f(x) with the
 *            windows of the paper (xp, xn, alpha_p, alpha_n).
 * Every model has a fixed parameter `polarity` (+1/-1): the model sees u = polarity*V and the device
 * current is polarity*I_model(u), so data that set at the model's reset polarity can be described. */
#include "mf_post.h"
#include <math.h>

#include "mf_constants.h"

/* VTEAM: MemTorch defaults (physics-references.md §8, [C]); window width and initial state are ours. */
static const MfCompactParamInfo vteam_info[] = {
  {"k_on", "m/s", -10.0, PETSC_TRUE, "ON rate constant (negative: w decreases towards R_on)"},
  {"k_off", "m/s", 5e-4, PETSC_TRUE, "OFF rate constant"},
  {"alpha_on", "", 3.0, PETSC_TRUE, "ON voltage exponent"},
  {"alpha_off", "", 1.0, PETSC_TRUE, "OFF voltage exponent"},
  {"v_on", "V", -0.2, PETSC_TRUE, "ON threshold voltage (negative)"},
  {"v_off", "V", 0.02, PETSC_TRUE, "OFF threshold voltage (positive)"},
  {"R_on", "Ohm", 50.0, PETSC_TRUE, "resistance at w = 0"},
  {"R_off", "Ohm", 1000.0, PETSC_TRUE, "resistance at w = D"},
  {"D", "m", 3e-9, PETSC_FALSE, "state range (device thickness)"},
  {"w_c", "m", 3e-11, PETSC_FALSE, "Kvatinsky window width"},
  {"w_init", "m", 3e-9, PETSC_FALSE, "state at the first sample"},
  {"polarity", "", 1.0, PETSC_FALSE, "+1: model voltage = device voltage, -1: reversed"},
};
/* Stanford/ASU: Guan-Yu-Wong 2012 values (physics-references.md §7-8, [C]); Rth = 0 (isothermal) by default. */
static const MfCompactParamInfo stanford_info[] = {
  {"I0", "A", 61.4e-6, PETSC_TRUE, "current prefactor"},
  {"g0", "m", 0.27505e-9, PETSC_TRUE, "tunnelling decay length of the gap"},
  {"V0", "V", 0.43, PETSC_TRUE, "sinh voltage scale"},
  {"gamma0", "", 16.5, PETSC_TRUE, "field enhancement factor at g = 0"},
  {"beta", "", 1.25, PETSC_TRUE, "decrease of the enhancement with the gap, gamma = gamma0 - beta (g/g1)^3"},
  {"Vel0", "m/s", 150.0, PETSC_FALSE, "attempt velocity (degenerate with Eag, Ear at one temperature)"},
  {"Eag", "eV", 1.501, PETSC_TRUE, "activation energy of gap generation (reset)"},
  {"Ear", "eV", 1.5, PETSC_TRUE, "activation energy of gap recombination"},
  {"a0", "m", 0.25e-9, PETSC_FALSE, "hopping distance"},
  {"L", "m", 5e-9, PETSC_FALSE, "oxide thickness"},
  {"g1", "m", 1e-9, PETSC_FALSE, "gap normalisation of gamma"},
  {"g_min", "m", 0.1e-9, PETSC_FALSE, "smallest gap"},
  {"g_max", "m", 1.7e-9, PETSC_FALSE, "largest gap"},
  {"g_w", "m", 1e-11, PETSC_FALSE, "window width of the gap bounds"},
  {"T0", "K", 300.0, PETSC_FALSE, "ambient temperature"},
  {"Rth", "K/W", 0.0, PETSC_FALSE, "thermal resistance (0 = isothermal)"},
  {"g_init", "m", 1.7e-9, PETSC_FALSE, "gap at the first sample"},
  {"polarity", "", 1.0, PETSC_FALSE, "+1: model voltage = device voltage, -1: reversed"},
};
/* Yakopcic: SPICE defaults of physics-references.md §8 ([C]); x_init is ours. */
static const MfCompactParamInfo yakopcic_info[] = {
  {"a1", "A", 7e-5, PETSC_TRUE, "current prefactor, V >= 0"},
  {"a2", "A", 7e-5, PETSC_TRUE, "current prefactor, V < 0"},
  {"b", "1/V", 1.9, PETSC_TRUE, "sinh slope"},
  {"Vp", "V", 0.4, PETSC_TRUE, "positive threshold"},
  {"Vn", "V", 0.3, PETSC_TRUE, "negative threshold magnitude"},
  {"Ap", "1/s", 1.0, PETSC_TRUE, "positive state-change amplitude"},
  {"An", "1/s", 1.0, PETSC_TRUE, "negative state-change amplitude"},
  {"xp", "", 0.9, PETSC_FALSE, "onset of the positive window"},
  {"xn", "", 0.7, PETSC_FALSE, "onset of the negative window (at 1 - xn)"},
  {"alpha_p", "", 3.0, PETSC_FALSE, "positive window decay"},
  {"alpha_n", "", 8.0, PETSC_FALSE, "negative window decay"},
  {"eta", "", 1.0, PETSC_FALSE, "direction of state motion (+1/-1)"},
  {"x_init", "", 0.1, PETSC_FALSE, "state at the first sample"},
  {"polarity", "", 1.0, PETSC_FALSE, "+1: model voltage = device voltage, -1: reversed"},
};

enum { VT_KON, VT_KOFF, VT_AON, VT_AOFF, VT_VON, VT_VOFF, VT_RON, VT_ROFF, VT_D, VT_WC, VT_W0, VT_POL };
enum { ST_I0, ST_G0, ST_V0, ST_GAMMA0, ST_BETA, ST_VEL0, ST_EAG, ST_EAR, ST_A0, ST_L, ST_G1, ST_GMIN, ST_GMAX, ST_GW, ST_T0, ST_RTH, ST_GINIT, ST_POL };
enum { YK_A1, YK_A2, YK_B, YK_VP, YK_VN, YK_AP, YK_AN, YK_XP, YK_XN, YK_ALP, YK_ALN, YK_ETA, YK_X0, YK_POL };

static const char *const kind_names[MF_COMPACT_NKINDS] = {"vteam", "stanford", "yakopcic"};

const char *MfCompactKindName(MfCompactKind k)
{
  return (k >= 0 && k < MF_COMPACT_NKINDS) ? kind_names[k] : "unknown";
}

PetscErrorCode MfCompactKindFromName(const char *name, MfCompactKind *k)
{
  PetscBool match;

  PetscFunctionBeginUser;
  for (int j = 0; j < MF_COMPACT_NKINDS; j++) {
    PetscCall(PetscStrcasecmp(name, kind_names[j], &match));
    if (match) {
      *k = (MfCompactKind)j;
      PetscFunctionReturn(0);
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "unknown compact model '%s': expected vteam, stanford or yakopcic", name);
}

PetscErrorCode MfCompactGetParamInfo(MfCompactKind k, const MfCompactParamInfo **info, PetscInt *np)
{
  PetscFunctionBeginUser;
  switch (k) {
  case MF_COMPACT_VTEAM: *info = vteam_info; *np = (PetscInt)(sizeof(vteam_info) / sizeof(vteam_info[0])); break;
  case MF_COMPACT_STANFORD: *info = stanford_info; *np = (PetscInt)(sizeof(stanford_info) / sizeof(stanford_info[0])); break;
  case MF_COMPACT_YAKOPCIC: *info = yakopcic_info; *np = (PetscInt)(sizeof(yakopcic_info) / sizeof(yakopcic_info[0])); break;
  default: SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "compact model kind %d is not one of vteam, stanford, yakopcic", (int)k);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfCompactModelInit(MfCompactKind k, MfCompactModel *m)
{
  const MfCompactParamInfo *info = NULL;
  PetscInt                  np   = 0;

  PetscFunctionBeginUser;
  PetscCall(MfCompactGetParamInfo(k, &info, &np));
  PetscCheck(np <= MF_COMPACT_MAX_PARAMS, PETSC_COMM_SELF, PETSC_ERR_PLIB, "model %s has %" PetscInt_FMT " parameters, more than MF_COMPACT_MAX_PARAMS", kind_names[k], np);
  PetscCall(PetscMemzero(m, sizeof(*m)));
  m->kind = k;
  m->np   = np;
  for (PetscInt j = 0; j < np; j++) {
    m->p[j]    = info[j].def;
    m->free[j] = info[j].fit;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfCompactParamIndex(const MfCompactModel *m, const char *name, PetscInt *idx)
{
  const MfCompactParamInfo *info = NULL;
  PetscInt                  np   = 0;
  PetscBool                 match;

  PetscFunctionBeginUser;
  PetscCall(MfCompactGetParamInfo(m->kind, &info, &np));
  for (PetscInt j = 0; j < np; j++) {
    PetscCall(PetscStrcmp(name, info[j].name, &match));
    if (match) {
      *idx = j;
      PetscFunctionReturn(0);
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "model %s has no parameter '%s' (names are case-sensitive, see parameters.json)", kind_names[m->kind], name);
}

PetscErrorCode MfCompactSetParam(MfCompactModel *m, const char *name, PetscReal value)
{
  PetscInt j;

  PetscFunctionBeginUser;
  PetscCall(MfCompactParamIndex(m, name, &j));
  PetscCheck(PetscIsNormalReal(value) || value == 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "parameter %s of model %s must be finite, got %g", name, kind_names[m->kind], (double)value);
  m->p[j] = value;
  PetscFunctionReturn(0);
}

/* Kvatinsky double-exponential window: ~1 inside, -> 0 beyond the bound within a few widths. */
static inline PetscReal WindowUpper(PetscReal s, PetscReal bound, PetscReal width)
{
  PetscReal a = (s - bound) / width;
  return a > 700.0 ? 0.0 : PetscExpReal(-PetscExpReal(a));
}
static inline PetscReal WindowLower(PetscReal s, PetscReal bound, PetscReal width)
{
  PetscReal a = -(s - bound) / width;
  return a > 700.0 ? 0.0 : PetscExpReal(-PetscExpReal(a));
}

static PetscReal StanfordCurrentModel(const PetscReal *p, PetscReal u, PetscReal g)
{
  return p[ST_I0] * PetscExpReal(-g / p[ST_G0]) * PetscSinhReal(u / p[ST_V0]);
}

PetscReal MfCompactCurrent(const MfCompactModel *m, PetscReal v, PetscReal s)
{
  const PetscReal *p = m->p;
  PetscReal        pol, u, x;

  switch (m->kind) {
  case MF_COMPACT_VTEAM:
    x = PetscMin(PetscMax(s / p[VT_D], 0.0), 1.0); /* linear R(w), VTEAM eq. for the linear I-V mode */
    return v / (p[VT_RON] + (p[VT_ROFF] - p[VT_RON]) * x);
  case MF_COMPACT_STANFORD:
    pol = p[ST_POL];
    return pol * StanfordCurrentModel(p, pol * v, s);
  case MF_COMPACT_YAKOPCIC:
    pol = p[YK_POL];
    u   = pol * v;
    return pol * (u >= 0 ? p[YK_A1] : p[YK_A2]) * s * PetscSinhReal(p[YK_B] * u);
  default: return NAN;
  }
}

PetscReal MfCompactRate(const MfCompactModel *m, PetscReal v, PetscReal s)
{
  const PetscReal *p = m->p;
  PetscReal        u, rate = 0.0;

  switch (m->kind) {
  case MF_COMPACT_VTEAM:
    u = p[VT_POL] * v;
    if (u > p[VT_VOFF]) rate = p[VT_KOFF] * PetscPowReal(u / p[VT_VOFF] - 1.0, p[VT_AOFF]) * WindowUpper(s, p[VT_D], p[VT_WC]);
    else if (u < p[VT_VON]) rate = p[VT_KON] * PetscPowReal(u / p[VT_VON] - 1.0, p[VT_AON]) * WindowLower(s, 0.0, p[VT_WC]);
    return rate;
  case MF_COMPACT_STANFORD: {
    PetscReal cur, T, kT, gamma, arg;
    u     = p[ST_POL] * v;
    cur   = StanfordCurrentModel(p, u, s);
    T     = p[ST_T0] + PetscAbsReal(u * cur) * p[ST_RTH];
    kT    = MF_KB_EV_PER_K * T;
    gamma = p[ST_GAMMA0] - p[ST_BETA] * PetscPowReal(s / p[ST_G1], 3.0);
    arg   = gamma * p[ST_A0] * u / (p[ST_L] * kT); /* q V / (k T) with V in volts and kT in eV */
    /* combine the exponentials so that neither factor over/underflows on its own */
    rate = -p[ST_VEL0] * (PetscExpReal(-p[ST_EAG] / kT + arg) - PetscExpReal(-p[ST_EAR] / kT - arg));
    rate *= rate < 0 ? WindowLower(s, p[ST_GMIN], p[ST_GW]) : WindowUpper(s, p[ST_GMAX], p[ST_GW]);
    return rate;
  }
  case MF_COMPACT_YAKOPCIC: {
    PetscReal g = 0.0, f = 1.0, x = s;
    u = p[YK_POL] * v;
    if (u > p[YK_VP]) g = p[YK_AP] * (PetscExpReal(u) - PetscExpReal(p[YK_VP]));
    else if (u < -p[YK_VN]) g = -p[YK_AN] * (PetscExpReal(-u) - PetscExpReal(p[YK_VN]));
    if (p[YK_ETA] * g > 0) {
      if (x >= p[YK_XP]) f = PetscExpReal(-p[YK_ALP] * (x - p[YK_XP])) * ((p[YK_XP] - x) / (1.0 - p[YK_XP]) + 1.0);
    } else {
      if (x <= 1.0 - p[YK_XN]) f = PetscExpReal(p[YK_ALN] * (x + p[YK_XN] - 1.0)) * x / (1.0 - p[YK_XN]);
    }
    return p[YK_ETA] * g * f;
  }
  default: return NAN;
  }
}

PetscReal MfCompactStateScale(const MfCompactModel *m)
{
  switch (m->kind) {
  case MF_COMPACT_VTEAM: return m->p[VT_D];
  case MF_COMPACT_STANFORD: return m->p[ST_G1];
  default: return 1.0;
  }
}

PetscReal MfCompactInitialState(const MfCompactModel *m)
{
  switch (m->kind) {
  case MF_COMPACT_VTEAM: return m->p[VT_W0];
  case MF_COMPACT_STANFORD: return m->p[ST_GINIT];
  default: return m->p[YK_X0];
  }
}
