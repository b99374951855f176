#ifndef MF_ET_LAWS_H
#define MF_ET_LAWS_H
/* Constitutive laws of the electro-thermal module, evaluated pointwise from the DG0 auxiliary
 * coefficient vector (one record of ET_NAUX reals per cell). Shared by the FE kernels, the point
 * sampler and the derived-field evaluation so that all of them see exactly the same sigma and k. */
#include <petscsys.h>
#include <math.h>
#include "mf_constants.h"

/* Sommerfeld value of the Lorenz number L0 = pi^2/3 (kB/e)^2 = 2.44296e-8 W Ohm/K^2
 * (physics-references.md §1b). */
#define ET_LORENZ0 (PETSC_PI * PETSC_PI / 3.0 * (MF_KB_J_PER_K / MF_E_C) * (MF_KB_J_PER_K / MF_E_C))

/* Auxiliary (cell-wise) coefficient layout. */
enum {
  ET_A_SIGMA0 = 0, /* sigma at T0 [S/m] */
  ET_A_LAW,        /* MfSigmaLaw as a real: 0 constant, 1 metallic, 2 activated */
  ET_A_BETA,       /* TCR of the metallic law [1/K] */
  ET_A_EA,         /* activation energy of the activated law [J] */
  ET_A_T0,         /* reference temperature [K] */
  ET_A_K0,         /* lattice thermal conductivity at T0 [W/m/K] */
  ET_A_KEXP,       /* k_ph = k0 (T/T0)^m */
  ET_A_WF,         /* 1: add Wiedemann-Franz k_e = L0 sigma T */
  ET_A_RHOC,       /* volumetric heat capacity rho c [J/m^3/K] */
  ET_A_HOP,        /* hop distance a [m] of the field-enhancement law (0 = off) */
  ET_A_STATE,      /* KMC state multiplier on sigma (1 = pristine material) */
  ET_A_TMAX,       /* upper end of the sigma law's temperature range [K] (0 = not limited) */
  ET_A_SIGX,       /* excess conductivity in parallel (a filament's metal) at T0 [S/m] */
  ET_A_BETAX,      /* its TCR [1/K]: sigma_x / (1 + beta_x (T - T0)) */
  ET_NAUX
};

/* Laws are evaluated at a temperature clipped to >= 1 K and, for the metallic law, with the
 * denominator 1 + beta (T - T0) kept >= 1e-3: this only matters for wild intermediate Newton iterates
 * (the line search rejects them); converged states are checked against the unclipped range by the
 * caller (T > 0 everywhere). */
static inline void EtSigma(const PetscScalar a[], PetscReal T, PetscReal Emag, PetscReal *s, PetscReal *s_T, PetscReal *s_E)
{
  const PetscReal s0 = PetscRealPart(a[ET_A_SIGMA0]) * PetscRealPart(a[ET_A_STATE]);
  const PetscInt  law = (PetscInt)(PetscRealPart(a[ET_A_LAW]) + 0.5);
  const PetscReal T0 = PetscRealPart(a[ET_A_T0]);
  const PetscReal hop = PetscRealPart(a[ET_A_HOP]);
  const PetscReal Tc = T < 1.0 ? 1.0 : T;
  const PetscReal Tmax = PetscRealPart(a[ET_A_TMAX]);
  /* the T-law is held at its value at the end of its range (a law fitted or estimated up to Tmax is not
   * extrapolated: an Arrhenius leakage of a polymer would otherwise reach metallic values at 2000 K) */
  const PetscBool capped = (PetscBool)(Tmax > 0.0 && T > Tmax);
  const PetscReal Tl = capped ? Tmax : T, Tlc = capped ? Tmax : Tc;
  PetscReal       sb = s0, sb_T = 0.0;

  if (law == 1) { /* metallic: rho = rho0 (1 + beta (T - T0)) */
    const PetscReal beta = PetscRealPart(a[ET_A_BETA]);
    PetscReal       den = 1.0 + beta * (Tl - T0);
    if (den < 1e-3) den = 1e-3;
    sb   = s0 / den;
    sb_T = capped ? 0.0 : -s0 * beta / (den * den);
  } else if (law == 2) { /* activated (Arrhenius) */
    const PetscReal EakB = PetscRealPart(a[ET_A_EA]) / MF_KB_J_PER_K;
    sb   = s0 * PetscExpReal(-EakB * (1.0 / Tlc - 1.0 / T0));
    sb_T = (T < 1.0 || capped) ? 0.0 : sb * EakB / (Tc * Tc);
  }
  PetscReal sx = 0.0, sx_T = 0.0;
  if (PetscRealPart(a[ET_A_SIGX]) > 0.0) { /* a filament's metal in parallel: its own (metallic) law */
    const PetscReal betax = PetscRealPart(a[ET_A_BETAX]);
    PetscReal       den = 1.0 + betax * (T - T0);
    if (den < 1e-3) den = 1e-3;
    sx   = PetscRealPart(a[ET_A_SIGX]) / den;
    sx_T = -sx * betax / den;
  }
  if (hop > 0.0) { /* ion/electron hopping (Mott & Gurney 1940): sigma ~ sinh(x)/x, x = q a E / (2 kB T) */
    const PetscReal c = MF_E_C * hop / (2.0 * MF_KB_J_PER_K * Tc);
    PetscReal       x = c * Emag, f, fx;
    if (x > 600.0) x = 600.0; /* keep sinh finite for runaway Newton iterates */
    if (x < 1e-3) {           /* Taylor series: sinh(x)/x = 1 + x^2/6 + x^4/120 */
      f  = 1.0 + x * x / 6.0 + x * x * x * x / 120.0;
      fx = x / 3.0 + x * x * x / 30.0;
    } else {
      f  = PetscSinhReal(x) / x;
      fx = (x * PetscCoshReal(x) - PetscSinhReal(x)) / (x * x);
    }
    *s   = sb * f + sx;
    *s_T = sb_T * f + sb * fx * (T < 1.0 ? 0.0 : -x / Tc) + sx_T;
    *s_E = sb * fx * c;
  } else {
    *s   = sb + sx;
    *s_T = sb_T + sx_T;
    *s_E = 0.0;
  }
}

/* k = k0 (T/T0)^m + [WF] L0 sigma T; derivatives w.r.t. T and |E| (through sigma). */
static inline void EtConductivityK(const PetscScalar a[], PetscReal T, PetscReal s, PetscReal s_T, PetscReal s_E, PetscReal *k, PetscReal *k_T, PetscReal *k_E)
{
  const PetscReal k0 = PetscRealPart(a[ET_A_K0]);
  const PetscReal m = PetscRealPart(a[ET_A_KEXP]);
  const PetscReal T0 = PetscRealPart(a[ET_A_T0]);
  const PetscReal Tc = T < 1.0 ? 1.0 : T;
  PetscReal       kph = k0, kph_T = 0.0;

  if (m != 0.0) {
    kph   = k0 * PetscPowReal(Tc / T0, m);
    kph_T = T < 1.0 ? 0.0 : kph * m / Tc;
  }
  *k   = kph;
  *k_T = kph_T;
  *k_E = 0.0;
  if (PetscRealPart(a[ET_A_WF]) > 0.5) {
    *k += ET_LORENZ0 * s * T;
    *k_T += ET_LORENZ0 * (s + T * s_T);
    *k_E += ET_LORENZ0 * T * s_E;
  }
}

#endif
