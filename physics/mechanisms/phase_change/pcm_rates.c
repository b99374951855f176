/* The laws of the phase-change GCA as pure functions of the temperature (SI; energies in J).
 *
 * Source of every law, unless named otherwise: Wang et al., "Multiphysics modelling of laser-induced
 * crystallisation of phase-change materials", arXiv 2107.02035 (2021) and its code
 * (github.com/YunzhengWang/multiphysics_GCA, multiphysics_GCA.m), which implements the Gillespie cellular
 * automaton of Ashwin, Bhattacharya & Wright (Proc. R. Soc. A 2008; J. Phys.: Condens. Matter 2006) with
 * classical nucleation theory (Kelton, Solid State Phys. 45, 75 (1991)); docs/references.md. */
#include <math.h>
#include "mf_phase_change.h"
#include "mf_kmc_rates.h"

/* Diameter of a monomer of volume v_m (sphere): d = 2 (3 v_m / 4 pi)^(1/3) (Wang et al., code: d_GST). */
PetscReal MfPcmMonomerDiameter(const MfPcmParams *p)
{
  return 2.0 * PetscPowReal(3.0 * p->vm_m3 / (4.0 * PETSC_PI), 1.0 / 3.0);
}

/* Thompson-Spaepen driving force per monomer (Thompson & Spaepen, Acta Metall. 27, 1855 (1979)):
 * dg = v_m dH_f (T_m - T)/T_m * 2T/(T_m + T); negative above T_m. */
PetscReal MfPcmDrivingForce(const MfPcmParams *p, PetscReal T_K)
{
  return p->vm_m3 * p->dH_f_J_per_m3 * (p->T_m_K - T_K) / p->T_m_K * 2.0 * T_K / (p->T_m_K + T_K);
}

/* Heterogeneous nucleation on a substrate with wetting angle theta: f = (2 - 3 cos theta + cos^3 theta)/4
 * (Volmer; Turnbull, J. Chem. Phys. 18, 198 (1950)). */
PetscReal MfPcmWettingFactor(PetscReal theta_rad)
{
  const PetscReal c = PetscCosReal(theta_rad);
  return (2.0 - 3.0 * c + c * c * c) / 4.0;
}

/* Critical cluster size (monomers) of classical nucleation theory: n_c = f 32 pi v_m^2 sigma^3 / (3 dg^3). */
PetscReal MfPcmCriticalSize(const MfPcmParams *p, PetscReal dg_J)
{
  const PetscReal s = p->sigma_J_per_m2;
  return MfPcmWettingFactor(p->theta_rad) * 32.0 * PETSC_PI * p->vm_m3 * p->vm_m3 * s * s * s / (3.0 * dg_J * dg_J * dg_J);
}

/* Nucleation barrier of classical nucleation theory: dG_c = f 16 pi v_m^2 sigma^3 / (3 dg^2). */
PetscReal MfPcmBarrier(const MfPcmParams *p, PetscReal dg_J)
{
  const PetscReal s = p->sigma_J_per_m2;
  return MfPcmWettingFactor(p->theta_rad) * 16.0 * PETSC_PI * p->vm_m3 * p->vm_m3 * s * s * s / (3.0 * dg_J * dg_J);
}

/* MYEGA viscosity (Mauro, Yue, Ellison, Gupta & Allan, PNAS 106, 19780 (2009)):
 * log10 eta = log10 eta_inf + (12 - log10 eta_inf) (T_g/T) exp[(m/(12 - log10 eta_inf) - 1)(T_g/T - 1)]. */
PetscReal MfPcmViscosityMYEGA(const MfPcmParams *p, PetscReal T_K)
{
  const PetscReal l_inf = PetscLog10Real(p->eta_inf_Pa_s), x = p->T_g_K / T_K;
  return PetscPowReal(10.0, l_inf + (12.0 - l_inf) * x * PetscExpReal((p->fragility / (12.0 - l_inf) - 1.0) * (x - 1.0)));
}

/* Viscosity: MYEGA at T >= T_glass; below it the glass's Arrhenius law with E_a matched at T_glass,
 * eta = eta_MYEGA(T_glass) exp(E_a/k (1/T - 1/T_glass)) (Wang et al., code: eta0 = eta(T_glass) exp(-E_a/kT_glass)). */
PetscReal MfPcmViscosity(const MfPcmParams *p, PetscReal T_K)
{
  if (T_K >= p->T_glass_K) return MfPcmViscosityMYEGA(p, T_K);
  return MfPcmViscosityMYEGA(p, p->T_glass_K) * PetscExpReal(p->Ea_eV * MF_E_C / MF_KB_J_PER_K * (1.0 / T_K - 1.0 / p->T_glass_K));
}

/* Jump frequency of a monomer across the cluster interface (Stokes-Einstein diffusivity over lambda^2):
 * gamma = kT / (3 pi lambda^3 eta). */
PetscReal MfPcmJumpFrequency(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s)
{
  const PetscReal l = p->lambda_m;
  return MF_KB_J_PER_K * T_K / (3.0 * PETSC_PI * l * l * l * eta_Pa_s);
}

/* Zeldovich factor: Z = sqrt(dg / (6 pi kT n_c)) (Kelton 1991). */
PetscReal MfPcmZeldovich(PetscReal dg_J, PetscReal T_K, PetscReal n_c)
{
  return PetscSqrtReal(dg_J / (6.0 * PETSC_PI * MF_KB_J_PER_K * T_K * n_c));
}

/* Growth probability per crystalline neighbour (the cell-crossing rate of a Stokes-Einstein-limited front):
 * P_gr = 4 r_a kT / (3 pi R_h lambda^2 D eta). */
PetscReal MfPcmGrowth(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s)
{
  return 4.0 * p->r_a_m * MF_KB_J_PER_K * T_K / (3.0 * PETSC_PI * p->R_h_m * p->lambda_m * p->lambda_m * p->D_m * eta_Pa_s);
}

/* Dissociation probability per unlike neighbour: P_di = P_gr exp(-dg/kT) (detailed balance with growth). */
PetscReal MfPcmDissociation(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s)
{
  return MfPcmGrowth(p, T_K, eta_Pa_s) * PetscExpReal(-MfPcmDrivingForce(p, T_K) / (MF_KB_J_PER_K * T_K));
}

/* Nucleation probability per amorphous neighbour: P_nu = 4 gamma n_c^(2/3) Z exp(-dG_c/kT) n_c (D/d)^2
 * (steady-state CNT rate with the 4 n_c^(2/3) surface monomers of the critical cluster, scaled to a cell of
 * size D); 0 at T >= T_m, where no crystal is stable. */
PetscReal MfPcmNucleation(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s)
{
  const PetscReal dg = MfPcmDrivingForce(p, T_K);
  PetscReal       nc, Dd;

  if (T_K >= p->T_m_K || dg <= 0.0) return 0.0;
  nc = MfPcmCriticalSize(p, dg);
  Dd = p->D_m / MfPcmMonomerDiameter(p);
  return 4.0 * MfPcmJumpFrequency(p, T_K, eta_Pa_s) * PetscPowReal(nc, 2.0 / 3.0) * MfPcmZeldovich(dg, T_K, nc) * PetscExpReal(-MfPcmBarrier(p, dg) / (MF_KB_J_PER_K * T_K)) * nc * Dd * Dd;
}

PetscErrorCode MfPcmRatesAt(const MfPcmParams *p, PetscReal T_K, MfPcmRates *r)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0.0 && PetscIsNormalReal(T_K), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "phase change: the temperature %g K must be > 0", (double)T_K);
  r->eta_Pa_s = MfPcmViscosity(p, T_K);
  r->dg_J     = MfPcmDrivingForce(p, T_K);
  r->P_gr     = MfPcmGrowth(p, T_K, r->eta_Pa_s);
  r->P_di     = MfPcmDissociation(p, T_K, r->eta_Pa_s);
  r->P_nu     = MfPcmNucleation(p, T_K, r->eta_Pa_s);
  PetscFunctionReturn(0);
}

/* Symmetric effective-medium approximation (Bruggeman, Ann. Phys. 416, 636 (1935); Landauer, J. Appl. Phys.
 * 23, 779 (1952)) for a random mixture of a fraction X of conductivity s_c in s_a, in d dimensions:
 *   X (s_c - s)/(s_c + (d-1) s) + (1-X) (s_a - s)/(s_a + (d-1) s) = 0
 * <=> (d-1) s^2 - B s - s_a s_c = 0, B = (d X - 1) s_c + (d (1-X) - 1) s_a; the positive root, written without
 * cancellation for B < 0. It lies within the Hashin-Shtrikman bounds and percolates at X = 1/d. */
PetscReal MfPcmBruggeman(PetscReal s_a, PetscReal s_c, PetscReal X, PetscInt dim)
{
  const PetscReal d = (PetscReal)dim, B = (d * X - 1.0) * s_c + (d * (1.0 - X) - 1.0) * s_a;
  const PetscReal q = PetscSqrtReal(B * B + 4.0 * (d - 1.0) * s_a * s_c);

  if (B >= 0.0) return (B + q) / (2.0 * (d - 1.0));
  return 2.0 * s_a * s_c / (q - B);
}
