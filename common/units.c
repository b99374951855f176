/* Physical units of deck values: "10 nm", "0.5 eV", "85 C", "W/(m K)", "1.38 g/cm^3".
 *
 * A value is a decimal number followed by an optional unit expression. The expression is reduced to a
 * factor and a dimension vector over the SI base units (m, kg, s, A, K); the key's own unit (the schema
 * unit, e.g. "W/m/K") is reduced the same way, the dimensions must agree, and the value is converted.
 *
 * Exactness: every unit factor is kept as mantissa * 10^p, and the power of ten is merged into the
 * decimal exponent of the number text before strtod() rounds it once. So "10 nm" becomes the text
 * "10e-9" and converts to the correctly rounded double of 1e-8, "1.38 g/cm^3" to exactly 1380 kg/m^3.
 * Constants: SI 2019 exact values (BIPM SI Brochure, 9th ed.): e = 1.602176634e-19 C, so 1 eV =
 * 1.602176634e-19 J; 0 degC = 273.15 K.
 *
 * Grammar (juxtaposition, '*' or U+00B7 multiply; '/' divides the next factor only):
 *   expr   := factor { [sep] factor | '/' factor }
 *   factor := '(' expr ')' [power] | unit [power] | '1'
 *   power  := '^' [+-] digits | U+00B2 | U+00B3
 * "W/m K" is rejected as ambiguous (write W/(m K) or W/m/K).
 * "C" is the coulomb, except for keys whose unit is a temperature (or per temperature) without an
 * electrical dimension, where it is the degree Celsius; °C and degC are always Celsius. A lone Celsius
 * temperature ("85 C") is an absolute temperature (+273.15 K); inside a compound ("ppm/C") it is a
 * temperature difference (1 C = 1 K). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mf_units.h"
#include "mf_constants.h"

enum { DIM_M, DIM_KG, DIM_S, DIM_A, DIM_K, NDIM };

typedef struct {
  double mant; /* factor = mant * 10^p10 */
  int    p10;
  int    dim[NDIM];
} Quantity;

typedef struct {
  const char *sym;
  double      mant;
  int         p10;
  int         dim[NDIM];
  int         prefixable;
} UnitDef;

/* m kg s A K exponents of each unit (SI Brochure, 9th ed., tables 2 and 4). */
static const UnitDef kUnits[] = {
  {"m", 1, 0, {1, 0, 0, 0, 0}, 1},
  {"g", 1, -3, {0, 1, 0, 0, 0}, 1},
  {"s", 1, 0, {0, 0, 1, 0, 0}, 1},
  {"A", 1, 0, {0, 0, 0, 1, 0}, 1},
  {"K", 1, 0, {0, 0, 0, 0, 1}, 1},
  {"min", 60, 0, {0, 0, 1, 0, 0}, 0},
  {"h", 3600, 0, {0, 0, 1, 0, 0}, 0},
  {"day", 86400, 0, {0, 0, 1, 0, 0}, 0},
  {"year", 31557600, 0, {0, 0, 1, 0, 0}, 0}, /* Julian year, 365.25 d (IAU) */
  {"Hz", 1, 0, {0, 0, -1, 0, 0}, 1},
  {"N", 1, 0, {1, 1, -2, 0, 0}, 1},
  {"Pa", 1, 0, {-1, 1, -2, 0, 0}, 1},
  {"J", 1, 0, {2, 1, -2, 0, 0}, 1},
  {"W", 1, 0, {2, 1, -3, 0, 0}, 1},
  {"C", 1, 0, {0, 0, 1, 1, 0}, 1},
  {"V", 1, 0, {2, 1, -3, -1, 0}, 1},
  {"Ohm", 1, 0, {2, 1, -3, -2, 0}, 1},
  {"ohm", 1, 0, {2, 1, -3, -2, 0}, 1},
  {"\xce\xa9", 1, 0, {2, 1, -3, -2, 0}, 1},     /* U+03A9 Greek capital omega */
  {"\xe2\x84\xa6", 1, 0, {2, 1, -3, -2, 0}, 1}, /* U+2126 ohm sign */
  {"S", 1, 0, {-2, -1, 3, 2, 0}, 1},
  {"F", 1, 0, {-2, -1, 4, 2, 0}, 1},
  {"eV", 1.602176634, -19, {2, 1, -2, 0, 0}, 1},
  {"\xc3\x85", 1, -10, {1, 0, 0, 0, 0}, 0},     /* U+00C5 A-ring: angstrom */
  {"\xe2\x84\xab", 1, -10, {1, 0, 0, 0, 0}, 0}, /* U+212B angstrom sign */
  {"Angstrom", 1, -10, {1, 0, 0, 0, 0}, 0},
  {"angstrom", 1, -10, {1, 0, 0, 0, 0}, 0},
  {"ppm", 1, -6, {0, 0, 0, 0, 0}, 0},
  {"ppb", 1, -9, {0, 0, 0, 0, 0}, 0},
  {"%", 1, -2, {0, 0, 0, 0, 0}, 0},
};

typedef struct {
  const char *sym;
  int         p10;
} PrefixDef;

static const PrefixDef kPrefixes[] = {
  {"f", -15}, {"p", -12}, {"n", -9}, {"u", -6}, {"\xc2\xb5", -6} /* U+00B5 micro */, {"\xce\xbc", -6} /* U+03BC mu */,
  {"m", -3},  {"c", -2},  {"k", 3},  {"M", 6},  {"G", 9},                              {"T", 12},
};

typedef struct {
  const char *s;           /* expression being parsed */
  const char *p;           /* cursor */
  int         celsius_ok;  /* "C" means degree Celsius */
  int         nfactors;    /* number of unit factors seen */
  int         celsius_seen;/* a Celsius factor was seen with power 1 */
  char       *msg;
  size_t      msglen;
} Parser;

static void QMul(Quantity *a, const Quantity *b, int power)
{
  for (int i = 0; i < abs(power); i++) a->mant = power > 0 ? a->mant * b->mant : a->mant / b->mant;
  a->p10 += power * b->p10;
  for (int d = 0; d < NDIM; d++) a->dim[d] += power * b->dim[d];
}

static void SkipSpace(Parser *P)
{
  while (*P->p == ' ' || *P->p == '\t') P->p++;
}

/* Bytes that may form a unit symbol: ASCII letters, '%', and UTF-8 sequences except the superscripts
 * two/three (U+00B2/B3) and the middle dot (U+00B7), which are operators here. */
static size_t SymbolLength(const char *p)
{
  size_t n = 0;
  for (;;) {
    unsigned char c = (unsigned char)p[n];
    if (isalpha(c) || c == '%') {
      n++;
    } else if (c == 0xC2 && ((unsigned char)p[n + 1] == 0xB2 || (unsigned char)p[n + 1] == 0xB3 || (unsigned char)p[n + 1] == 0xB7)) {
      break;
    } else if (c >= 0x80) {
      n++;
      while (((unsigned char)p[n] & 0xC0) == 0x80) n++;
    } else break;
  }
  return n;
}

static const UnitDef *FindUnit(const char *sym, size_t len)
{
  for (size_t i = 0; i < sizeof(kUnits) / sizeof(kUnits[0]); i++)
    if (strlen(kUnits[i].sym) == len && !strncmp(kUnits[i].sym, sym, len)) return &kUnits[i];
  return NULL;
}

/* Resolve one symbol (with an optional SI prefix) into a quantity; *celsius marks a Celsius factor. */
static int ResolveSymbol(Parser *P, const char *sym, size_t len, Quantity *q, int *celsius)
{
  const UnitDef *u;
  int            p10 = 0;

  *celsius = 0;
  if ((len == 3 && !strncmp(sym, "\xc2\xb0" "C", 3)) || (len == 4 && !strncmp(sym, "degC", 4)) || (len == 1 && sym[0] == 'C' && P->celsius_ok)) {
    *q       = (Quantity){1, 0, {0, 0, 0, 0, 1}};
    *celsius = 1;
    return 1;
  }
  u = FindUnit(sym, len);
  if (!u) {
    for (size_t i = 0; i < sizeof(kPrefixes) / sizeof(kPrefixes[0]) && !u; i++) {
      size_t pl = strlen(kPrefixes[i].sym);
      if (len > pl && !strncmp(sym, kPrefixes[i].sym, pl)) {
        const UnitDef *v = FindUnit(sym + pl, len - pl);
        if (v && v->prefixable) {
          u   = v;
          p10 = kPrefixes[i].p10;
        }
      }
    }
  }
  if (!u) {
    snprintf(P->msg, P->msglen, "unknown unit '%.*s' in '%s'", (int)len, sym, P->s);
    return 0;
  }
  q->mant = u->mant;
  q->p10  = u->p10 + p10;
  for (int d = 0; d < NDIM; d++) q->dim[d] = u->dim[d];
  return 1;
}

static int ParseExpr(Parser *P, Quantity *q, int depth);

/* An optional power after a factor: ^n, ^-n, U+00B2, U+00B3. */
static int ParsePower(Parser *P, int *power)
{
  *power = 1;
  if (*P->p == '^') {
    char *end;
    long  v;
    P->p++;
    errno = 0;
    v     = strtol(P->p, &end, 10);
    if (end == P->p || errno || v == 0 || labs(v) > 9) {
      snprintf(P->msg, P->msglen, "bad power after '^' in '%s' (expected a non-zero integer like ^3 or ^-1)", P->s);
      return 0;
    }
    *power = (int)v;
    P->p   = end;
  } else if ((unsigned char)P->p[0] == 0xC2 && (unsigned char)P->p[1] == 0xB2) {
    *power = 2;
    P->p += 2;
  } else if ((unsigned char)P->p[0] == 0xC2 && (unsigned char)P->p[1] == 0xB3) {
    *power = 3;
    P->p += 2;
  }
  return 1;
}

static int ParseFactor(Parser *P, Quantity *q, int depth)
{
  int power;
  SkipSpace(P);
  if (*P->p == '(') {
    P->p++;
    if (!ParseExpr(P, q, depth + 1)) return 0;
    SkipSpace(P);
    if (*P->p != ')') {
      snprintf(P->msg, P->msglen, "missing ')' in unit '%s'", P->s);
      return 0;
    }
    P->p++;
  } else if (*P->p == '1' && !isdigit((unsigned char)P->p[1])) { /* the "1" of "1/K" */
    P->p++;
    *q = (Quantity){1, 0, {0}};
  } else {
    size_t len = SymbolLength(P->p);
    int    celsius;
    if (!len) {
      snprintf(P->msg, P->msglen, "expected a unit at '%s' in '%s'", P->p, P->s);
      return 0;
    }
    if (!ResolveSymbol(P, P->p, len, q, &celsius)) return 0;
    P->p += len;
    P->nfactors++;
    if (!ParsePower(P, &power)) return 0;
    if (celsius && power == 1 && depth == 0) P->celsius_seen = 1;
    if (power != 1) {
      Quantity one = {1, 0, {0}};
      QMul(&one, q, power);
      *q = one;
    }
    return 1;
  }
  if (!ParsePower(P, &power)) return 0;
  if (power != 1) {
    Quantity one = {1, 0, {0}};
    QMul(&one, q, power);
    *q = one;
  }
  return 1;
}

static int AtFactorStart(const Parser *P)
{
  const char *p = P->p;
  while (*p == ' ' || *p == '\t') p++;
  return *p && *p != '/' && *p != ')';
}

static int ParseExpr(Parser *P, Quantity *q, int depth)
{
  Quantity f;
  int      after_div = 0;

  if (depth > 8) {
    snprintf(P->msg, P->msglen, "unit '%s' is nested too deeply", P->s);
    return 0;
  }
  if (!ParseFactor(P, q, depth)) return 0;
  for (;;) {
    SkipSpace(P);
    if (*P->p == '/') {
      P->p++;
      if (!ParseFactor(P, &f, depth)) return 0;
      QMul(q, &f, -1);
      after_div = 1;
      continue;
    }
    if (*P->p == '*' || ((unsigned char)P->p[0] == 0xC2 && (unsigned char)P->p[1] == 0xB7)) {
      P->p += (*P->p == '*') ? 1 : 2;
    } else if (!AtFactorStart(P)) break;
    if (after_div) {
      snprintf(P->msg, P->msglen, "unit '%s' is ambiguous after '/': write e.g. W/(m K) or W/m/K", P->s);
      return 0;
    }
    if (!ParseFactor(P, &f, depth)) return 0;
    QMul(q, &f, 1);
  }
  return 1;
}

/* Reduce a unit expression (no number) to a quantity. Empty text = dimensionless 1. */
static int ParseUnit(const char *text, int celsius_ok, Quantity *q, int *lone_celsius, char *msg, size_t msglen)
{
  Parser P = {text, text, celsius_ok, 0, 0, msg, msglen};
  *q       = (Quantity){1, 0, {0}};
  if (lone_celsius) *lone_celsius = 0;
  SkipSpace(&P);
  if (!*P.p) return 1;
  if (!ParseExpr(&P, q, 0)) return 0;
  SkipSpace(&P);
  if (*P.p) {
    snprintf(msg, msglen, "unexpected '%s' in unit '%s'", P.p, text);
    return 0;
  }
  if (lone_celsius) *lone_celsius = P.celsius_seen && P.nfactors == 1;
  return 1;
}

static const struct {
  int         dim[NDIM];
  const char *name;
} kDimNames[] = {
  {{0, 0, 0, 0, 0}, "dimensionless"},
  {{1, 0, 0, 0, 0}, "a length"},
  {{2, 0, 0, 0, 0}, "an area"},
  {{3, 0, 0, 0, 0}, "a volume"},
  {{0, 1, 0, 0, 0}, "a mass"},
  {{0, 0, 1, 0, 0}, "a time"},
  {{0, 0, -1, 0, 0}, "a frequency"},
  {{0, 0, 0, 1, 0}, "a current"},
  {{0, 0, 0, 0, 1}, "a temperature"},
  {{0, 0, 0, 0, -1}, "a per-temperature coefficient"},
  {{0, 0, 1, 1, 0}, "a charge"},
  {{2, 1, -3, -1, 0}, "a voltage"},
  {{2, 1, -4, -1, 0}, "a voltage ramp rate"},
  {{2, 1, -3, -2, 0}, "a resistance"},
  {{-2, -1, 3, 2, 0}, "a conductance"},
  {{-3, -1, 3, 2, 0}, "an electrical conductivity"},
  {{2, 1, -2, 0, 0}, "an energy"},
  {{2, 1, -3, 0, 0}, "a power"},
  {{-1, 1, -2, 0, 0}, "a pressure or stress"},
  {{1, 1, -2, 0, 0}, "a force"},
  {{-3, 1, 0, 0, 0}, "a mass density"},
  {{1, 1, -3, 0, -1}, "a thermal conductivity"},
  {{2, 0, -2, 0, -1}, "a specific heat"},
  {{0, 1, -3, 0, -1}, "a heat transfer coefficient"},
  {{0, -1, 3, 0, 1}, "a thermal boundary resistance"},
  {{-2, -1, 4, 2, 0}, "a capacitance"},
};

static void DimName(const int dim[NDIM], char *buf, size_t len)
{
  static const char *base[NDIM] = {"m", "kg", "s", "A", "K"};
  size_t             n          = 0;
  for (size_t i = 0; i < sizeof(kDimNames) / sizeof(kDimNames[0]); i++)
    if (!memcmp(kDimNames[i].dim, dim, sizeof(int) * NDIM)) {
      snprintf(buf, len, "%s", kDimNames[i].name);
      return;
    }
  n = (size_t)snprintf(buf, len, "a quantity in");
  for (int d = 0; d < NDIM && n < len; d++)
    if (dim[d]) n += (size_t)snprintf(buf + n, len - n, dim[d] == 1 ? " %s" : " %s^%d", base[d], dim[d]);
}

/* Scan a decimal number: [+-] digits [. digits] [(e|E) [+-] digits]; no hex, inf or nan. Splits it into
 * the mantissa text and the decimal exponent. Returns the number of bytes consumed (0 = no number). */
static size_t ScanNumber(const char *s, char *mant, size_t mlen, long *exp10)
{
  size_t i = 0, m = 0, ndig = 0;
  if (s[i] == '+' || s[i] == '-') {
    if (m + 1 < mlen) mant[m++] = s[i];
    i++;
  }
  while (isdigit((unsigned char)s[i]) || s[i] == '.') {
    if (s[i] != '.') ndig++;
    if (s[i] == '.' && memchr(mant, '.', m)) return 0;
    if (m + 1 < mlen) mant[m++] = s[i];
    i++;
  }
  mant[m] = 0;
  if (!ndig) return 0;
  *exp10 = 0;
  if ((s[i] == 'e' || s[i] == 'E') && (isdigit((unsigned char)s[i + 1]) || ((s[i + 1] == '+' || s[i + 1] == '-') && isdigit((unsigned char)s[i + 2])))) {
    char *end;
    errno  = 0;
    *exp10 = strtol(s + i + 1, &end, 10);
    if (errno) *exp10 = s[i + 1] == '-' ? -100000 : 100000;
    i = (size_t)(end - s);
  }
  if (m + 1 >= mlen) return 0;
  return i;
}

int MfUnitsParse_Impl(const char *text, const char *unit, double *value, char *msg, size_t msglen)
{
  char     mant[128], num[160], vunit[128];
  long     e10 = 0;
  size_t   n;
  Quantity qv, qt;
  int      celsius_ok, lone_celsius, ok;
  double   x;
  char    *end;

  msg[0] = 0;
  while (*text == ' ' || *text == '\t') text++;
  n = ScanNumber(text, mant, sizeof(mant), &e10);
  if (!n) {
    snprintf(msg, msglen, "'%s' is not a number (expected e.g. 10 nm, 0.5 eV, 1e-3)", text);
    return 0;
  }
  /* the key's unit first: it decides whether a bare "C" is a coulomb or a degree Celsius */
  if (!ParseUnit(unit, 0, &qt, NULL, msg, msglen)) return 0;
  celsius_ok = qt.dim[DIM_K] != 0 && qt.dim[DIM_A] == 0;
  if (strlen(text + n) >= sizeof(vunit)) {
    snprintf(msg, msglen, "unit text too long in '%s'", text);
    return 0;
  }
  {
    const char *u = text + n;
    size_t      l;
    while (*u == ' ' || *u == '\t') u++;
    snprintf(vunit, sizeof(vunit), "%s", u);
    l = strlen(vunit); /* trailing blanks of a YAML or shell value are not part of the unit */
    while (l && (vunit[l - 1] == ' ' || vunit[l - 1] == '\t')) vunit[--l] = 0;
  }
  ok = ParseUnit(vunit, celsius_ok, &qv, &lone_celsius, msg, msglen);
  if (!ok) return 0;
  {
    /* bare number: already in the key's unit */
    const char *u = vunit;
    while (*u == ' ') u++;
    if (!*u) qv = qt;
  }
  if (memcmp(qv.dim, qt.dim, sizeof(qv.dim))) {
    char have[96], want[96];
    const char *u = vunit;
    while (*u == ' ') u++;
    DimName(qv.dim, have, sizeof(have));
    DimName(qt.dim, want, sizeof(want));
    snprintf(msg, msglen, "'%s' has unit %s (%s), expected %s (%s)", text, u, have, want, unit[0] ? unit : "no unit");
    return 0;
  }
  /* apply the power of ten in decimal, then the (rarely non-unit) mantissa ratio */
  e10 += qv.p10 - qt.p10;
  if (e10 > 100000) e10 = 100000;
  if (e10 < -100000) e10 = -100000;
  snprintf(num, sizeof(num), "%se%ld", mant, e10);
  errno = 0;
  x     = strtod(num, &end);
  if (errno == ERANGE || !isfinite(x)) {
    snprintf(msg, msglen, "'%s' is out of the range of a double precision number", text);
    return 0;
  }
  if (qv.mant != qt.mant) x *= qv.mant / qt.mant;
  if (lone_celsius) x += MF_ZERO_CELSIUS_K; /* absolute Celsius temperature -> kelvin (SI Brochure 2.3.1) */
  if (!isfinite(x)) {
    snprintf(msg, msglen, "'%s' is out of the range of a double precision number", text);
    return 0;
  }
  *value = x;
  return 1;
}

PetscErrorCode MfUnitsParse(const char *text, const char *unit, PetscReal *value, PetscBool *ok, char *msg, size_t msglen)
{
  double x = 0;
  char   dummy[8];

  PetscFunctionBeginUser;
  if (!msg || !msglen) {
    msg    = dummy;
    msglen = sizeof(dummy);
  }
  PetscCheck(text && unit, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "MfUnitsParse needs a value text and a unit");
  *ok = MfUnitsParse_Impl(text, unit, &x, msg, msglen) ? PETSC_TRUE : PETSC_FALSE;
  if (*ok) *value = (PetscReal)x;
  PetscFunctionReturn(0);
}
