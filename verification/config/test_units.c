/* Unit parser: exact conversions to SI and rejections (common/units.c).
 *
 * Tolerance: powers of ten are applied in decimal before a single correctly rounded strtod, so pure
 * prefix conversions ("10 nm" -> 1e-8) must be bit-identical to the double nearest the exact value;
 * conversions with one extra floating-point operation (eV <-> J: one product; degC -> K: one sum with
 * 273.15) may be off by the rounding of that operation, <= 1 ulp, so they are checked to 2^-51 relative
 * (2 ulp). Any unit-factor mistake (a wrong prefix or exponent) is at least a factor 10 and fails. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "mf_units.h"

typedef struct {
  const char *text, *unit;
  double      expect;
  int         exact; /* 1 = bit-identical required */
} Case;

static const Case kGood[] = {
  {"85 C", "K", 358.15, 0},               /* task: 85 degC = 358.15 K */
  {"85 °C", "K", 358.15, 0},
  {"85degC", "K", 358.15, 0},
  {"-40 C", "K", 233.15, 0},
  {"300 K", "K", 300, 1},
  {"300", "K", 300, 1},                   /* bare number: the key's unit */
  {"10 nm", "m", 1e-8, 1},
  {"10nm", "m", 1e-8, 1},
  {"125 um", "m", 1.25e-4, 1},
  {"125 µm", "m", 1.25e-4, 1},            /* U+00B5 micro sign */
  {"125 μm", "m", 1.25e-4, 1},            /* U+03BC Greek mu */
  {"5 Å", "m", 5e-10, 1},
  {"5 Angstrom", "m", 5e-10, 1},
  {"2.8 GPa", "Pa", 2.8e9, 1},
  {"1.38 g/cm^3", "kg/m^3", 1380, 1},     /* PI film density */
  {"1.38 g/cm³", "kg/m^3", 1380, 1},
  {"15 ppm/K", "1/K", 1.5e-5, 1},
  {"15 ppm/C", "1/K", 1.5e-5, 1},         /* Celsius degree as a temperature difference */
  {"15e-6", "1/K", 1.5e-5, 1},
  {"1 V/s", "V/s", 1, 1},
  {"10 mV/ms", "V/s", 10, 1},
  {"0.12 W/(m K)", "W/m/K", 0.12, 1},
  {"0.12 W/m/K", "W/m/K", 0.12, 1},
  {"0.12 W m^-1 K^-1", "W/m/K", 0.12, 1},
  {"0.12 mW/(mm K)", "W/m/K", 0.12, 1},
  {"1.1 kJ/kg/K", "J/kg/K", 1100, 1},
  {"1e4 W/m^2/K", "W/m^2/K", 1e4, 1},
  {"1e-8 m^2 K/W", "m^2 K/W", 1e-8, 1},
  {"5.8e7 S/m", "S/m", 5.8e7, 1},
  {"1 MS/m", "S/m", 1e6, 1},
  {"0.5 eV", "eV", 0.5, 1},
  {"500 meV", "eV", 0.5, 1},
  {"1.602176634e-19 J", "eV", 1, 0},      /* SI 2019: e exactly 1.602176634e-19 C */
  {"10 kOhm", "Ohm", 1e4, 1},
  {"10 kΩ", "Ohm", 1e4, 1},
  {"2 MOhm", "Ohm", 2e6, 1},
  {"3 mOhm", "Ohm", 3e-3, 1},
  {"100 uA", "A", 1e-4, 1},
  {"100 ns", "s", 1e-7, 1},
  {"1 us", "s", 1e-6, 1},
  {"2 h", "s", 7200, 1},
  {"10 year", "s", 3.15576e8, 1},         /* Julian year */
  {"1 kHz", "Hz", 1e3, 1},
  {"27 nm^3", "m^3", 2.7e-26, 1},
  {"20 mm", "m", 0.02, 1},
  {"1 C", "C", 1, 1},                     /* coulomb where the key is a charge */
  {"-1.5 V", "V", -1.5, 1},
  {"+2 V", "V", 2, 1},
  {".5 V", "V", 0.5, 1},
  {"50 %", "", 0.5, 1},
  {"0.3", "", 0.3, 1},
};

typedef struct {
  const char *text, *unit, *msg; /* msg: substring the error must contain */
} Bad;

static const Bad kBad[] = {
  {"10 nV", "m", "expected a length (m)"},
  {"10 nV", "m", "(a voltage)"},
  {"abc", "m", "is not a number"},
  {"1e400", "m", "out of the range"},
  {"1e-400", "m", "out of the range"},
  {"1e300 GPa", "Pa", "out of the range"},
  {"nan", "m", "is not a number"},
  {"inf", "K", "is not a number"},
  {"0x10", "m", "unknown unit"},
  {"10 furlongs", "m", "unknown unit 'furlongs'"},
  {"1 C", "m", "(a charge)"},             /* a coulomb is not a length */
  {"85 C", "V", "expected a voltage"},    /* no Celsius for a voltage key */
  {"0.12 W/m K", "W/m/K", "ambiguous"},
  {"1 W/(m K", "W/m/K", "missing ')'"},
  {"2 m^", "m^2", "bad power"},
  {"", "m", "is not a number"},
  {"1..2 m", "m", "is not a number"},
  {"5 eV", "K", "an energy"},
};

int main(int argc, char **argv)
{
  int nfail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, "unit parser tests"));
  for (size_t i = 0; i < sizeof(kGood) / sizeof(kGood[0]); i++) {
    PetscReal v = 0;
    PetscBool ok;
    char      msg[512];
    PetscCall(MfUnitsParse(kGood[i].text, kGood[i].unit, &v, &ok, msg, sizeof(msg)));
    if (!ok) {
      printf("FAIL '%s' -> [%s]: rejected: %s\n", kGood[i].text, kGood[i].unit, msg);
      nfail++;
      continue;
    }
    if (kGood[i].exact ? v != kGood[i].expect : fabs(v - kGood[i].expect) > ldexp(fabs(kGood[i].expect), -51)) {
      printf("FAIL '%s' -> [%s]: got %.17g, expected %.17g\n", kGood[i].text, kGood[i].unit, (double)v, kGood[i].expect);
      nfail++;
    } else printf("ok   '%s' -> %.17g %s\n", kGood[i].text, (double)v, kGood[i].unit);
  }
  for (size_t i = 0; i < sizeof(kBad) / sizeof(kBad[0]); i++) {
    PetscReal v = 0;
    PetscBool ok;
    char      msg[512];
    PetscCall(MfUnitsParse(kBad[i].text, kBad[i].unit, &v, &ok, msg, sizeof(msg)));
    if (ok || !strstr(msg, kBad[i].msg)) {
      printf("FAIL '%s' [%s]: %s, message '%s' should contain '%s'\n", kBad[i].text, kBad[i].unit, ok ? "accepted" : "rejected", msg, kBad[i].msg);
      nfail++;
    } else printf("ok   '%s' rejected: %s\n", kBad[i].text, msg);
  }
  printf("%d failure(s)\n", nfail);
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
