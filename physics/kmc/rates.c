/* Shared rate laws (see mf_kmc_rates.h for the equations and sources). */
#include "mf_kmc_rates.h"
#include <math.h>

PetscReal MfKmcArrhenius(PetscReal nu_Hz, PetscReal Eb_J, PetscReal T_K)
{
  if (Eb_J <= 0.0) return nu_Hz; /* barrierless: the attempt frequency is the ceiling */
  return nu_Hz * exp(-Eb_J / (MF_KB_J_PER_K * T_K));
}

PetscReal MfKmcBarrierLinear(PetscReal Ea_J, PetscReal z, PetscReal a_m, PetscReal E_par_V_per_m)
{
  return Ea_J - 0.5 * z * MF_E_C * a_m * E_par_V_per_m;
}

void MfKmcBarrierJart(PetscReal dWA_J, PetscReal z, PetscReal a_m, PetscReal E_abs_V_per_m, PetscReal *Wmin_J, PetscReal *Wmax_J)
{
  PetscReal g = fabs(z) * MF_E_C * a_m * fabs(E_abs_V_per_m) / (PETSC_PI * dWA_J);
  if (g > 1.0) g = 1.0; /* beyond gamma = 1 the forward barrier has vanished (JART clamps the same way) */
  const PetscReal base = sqrt(1.0 - g * g) + g * asin(g);
  *Wmin_J = dWA_J * (base - 0.5 * PETSC_PI * g);
  *Wmax_J = dWA_J * (base + 0.5 * PETSC_PI * g);
}

PetscReal MfKmcHopBarrier(PetscInt shape, PetscReal Ea_J, PetscReal z, PetscReal a_m, PetscReal E_par_V_per_m, PetscReal Omega_m3, PetscReal sigma_h_Pa)
{
  PetscReal Eb;
  if (shape == 1) {
    PetscReal Wmin, Wmax;
    MfKmcBarrierJart(Ea_J, z, a_m, E_par_V_per_m, &Wmin, &Wmax);
    /* the force z q E_par pushes along the hop when z E_par > 0: the lower barrier */
    Eb = (z * E_par_V_per_m >= 0.0) ? Wmin : Wmax;
  } else Eb = MfKmcBarrierLinear(Ea_J, z, a_m, E_par_V_per_m);
  return Eb - Omega_m3 * sigma_h_Pa;
}

void MfKmcBiasedWalk(PetscReal a_m, PetscReal Gp, PetscReal Gm, PetscReal *v_m_per_s, PetscReal *D_m2_per_s)
{
  if (v_m_per_s) *v_m_per_s = a_m * (Gp - Gm);
  if (D_m2_per_s) *D_m2_per_s = 0.5 * a_m * a_m * (Gp + Gm);
}
