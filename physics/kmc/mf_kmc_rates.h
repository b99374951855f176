#ifndef MF_KMC_RATES_H
#define MF_KMC_RATES_H
/* Shared rate laws of the KMC mechanisms (one place, so every mechanism uses the same conventions).
 *
 * Constants: exact SI values since the 2019 redefinition (CODATA 2018, NIST SP 330). GSL 2.7's
 * gsl_const_mksa.h still carries CODATA 2006 (kB = 1.3806504e-23 J/K, e = 1.602176487e-19 C; relative
 * differences 1.0e-6 and 9.2e-8), which verification/kmc/test_kmc_rates.c checks against these. */
#include <petscsys.h>
#include "mf_constants.h"

/* Gamma = nu exp(-Eb/(kB T)); a negative barrier is clamped to 0 (barrierless: Gamma = nu). */
PetscReal MfKmcArrhenius(PetscReal nu_Hz, PetscReal Eb_J, PetscReal T_K);

/* Linear (Mott-Gurney) field lowering of a hop over distance a_m with the field component E_par along
 * the hop: Eb = Ea - z q a E_par / 2 (Mott & Gurney 1940; Strukov & Williams 2009). */
PetscReal MfKmcBarrierLinear(PetscReal Ea_J, PetscReal z, PetscReal a_m, PetscReal E_par_V_per_m);

/* JART barrier shape (JART VCM v1b, Bengel et al. 2020): gamma = z q a |E| / (pi dWA),
 * dW_min/max = dWA [sqrt(1-gamma^2) -/+ gamma pi/2 + gamma asin(gamma)], gamma clamped to 1 (then
 * dW_min = 0). dW_max - dW_min = z q a |E| exactly; low-field limit dWA -/+ z q a E/2. */
void MfKmcBarrierJart(PetscReal dWA_J, PetscReal z, PetscReal a_m, PetscReal E_abs_V_per_m, PetscReal *Wmin_J, PetscReal *Wmax_J);

/* Barrier of a hop along E_par (signed, field component along the hop direction) for a particle of
 * charge number z: LINEAR or JART shape (0/1), minus the strain shift Omega sigma_h (activation volume
 * Omega in m^3, hydrostatic stress tensile positive; e.g. Aziz, Sabochick & Shewmon 1991). */
PetscReal MfKmcHopBarrier(PetscInt shape, PetscReal Ea_J, PetscReal z, PetscReal a_m, PetscReal E_par_V_per_m, PetscReal Omega_m3, PetscReal sigma_h_Pa);

/* Analytic continuous-time biased walk on a 1D lattice with rates Gp (+a) and Gm (-a) (Skellam):
 * v = a (Gp - Gm), D = a^2 (Gp + Gm) / 2, mean first passage to +N a = N / (Gp - Gm) (Wald). */
void MfKmcBiasedWalk(PetscReal a_m, PetscReal Gp, PetscReal Gm, PetscReal *v_m_per_s, PetscReal *D_m2_per_s);

#endif
