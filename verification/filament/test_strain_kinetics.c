/* Unit test of the bending prediction (physics/mechanisms/strain_kinetics.c) against hand-computed values
 * and against the barrier law the mechanisms use (MfKmcHopBarrier), so that the prediction the run prints
 * is the one the KMC rates obey. Tolerances: 1e-12 relative (closed forms in double precision). */
#include "mf_filament.h"
#include "mf_kmc_rates.h"

static PetscInt nfail = 0;
static void Check(const char *what, double got, double want)
{
  const PetscBool ok = (PetscBool)(PetscAbsReal(got - want) <= 1e-12 * PetscAbsReal(want) + 1e-300);
  if (!ok) nfail++;
  PetscCallAbort(PETSC_COMM_SELF, PetscPrintf(PETSC_COMM_SELF, "%-62s got %-22.15g want %-22.15g %s\n", what, got, want, ok ? "ok" : "FAILED"));
}

int main(int argc, char **argv)
{
  MfEcmParams      e;
  MfVcmParams      v;
  MfStrainKinetics s;
  const PetscReal  Om = 1e-29, sh = 1e9, T = 300, a = 0.5e-9, L = 6e-9, W = Om * sh; /* 1e-20 J */
  PetscErrorCode   ierr;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfEcmParamsDefault("Ag", &e)); /* z = 1, alpha = 0.3 */
  e.activation_volume_m3 = Om;
  PetscCall(MfEcmStrainKinetics(&e, sh, T, a, L, &s));
  Check("ECM: barrier change -Omega sigma_h [eV]", s.dE_eV, -W / 1.602176634e-19);
  Check("ECM: rate factor exp(Omega sigma_h / kT)", s.rate_factor, exp(W / (1.380649e-23 * T)));
  /* gamma: oxidation (1 - 0.3) * 0.5/6 = 0.0583333, hop 0.5/12 = 0.0416667 */
  Check("ECM: dV (redox-limited, gamma = 0.7 a/L) [V]", s.dV_max_V, -W / (0.7 * a / L * 1.602176634e-19));
  Check("ECM: dV (hop-limited, gamma = a/2L) [V]", s.dV_min_V, -W / (a / (2 * L) * 1.602176634e-19));
  /* the prediction's barrier change is exactly the strain term of the mechanisms' barrier law */
  Check("ECM: dE equals MfKmcHopBarrier(sigma_h) - MfKmcHopBarrier(0) [eV]", s.dE_eV, (MfKmcHopBarrier(0, 0.6 * 1.602176634e-19, 1.0, a, 3e8, Om, sh) - MfKmcHopBarrier(0, 0.6 * 1.602176634e-19, 1.0, a, 3e8, Om, 0.0)) / 1.602176634e-19);
  /* compression (bent the other way) reverses every sign; no activation volume, no effect */
  PetscCall(MfEcmStrainKinetics(&e, -sh, T, a, L, &s));
  Check("ECM compressive: dV (hop-limited) > 0 [V]", s.dV_max_V, W / (a / (2 * L) * 1.602176634e-19));
  e.activation_volume_m3 = 0;
  PetscCall(MfEcmStrainKinetics(&e, sh, T, a, L, &s));
  Check("ECM, Omega = 0: rate factor", s.rate_factor, 1.0);
  Check("ECM, Omega = 0: dV_min + 1 [V]", s.dV_min_V + 1.0, 1.0);

  PetscCall(MfVcmParamsDefault("HfO2", &v)); /* dipole 5 e Angstrom, z(V_O) = 2 */
  v.activation_volume_m3 = Om;
  PetscCall(MfVcmStrainKinetics(&v, sh, T, a, 10e-9, &s));
  Check("VCM: dV (generation-limited, gamma = b/(qL) = 0.05) [V]", s.dV_max_V, -W / (5e-10 / 10e-9 * 1.602176634e-19));
  Check("VCM: dV (hop-limited, gamma = z a/2L = 0.05) [V]", s.dV_min_V, -W / (2 * a / (2 * 10e-9) * 1.602176634e-19));

  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = MfEcmStrainKinetics(&e, sh, 0.0, a, L, &s);
  PetscCall(PetscPopErrorHandler());
  if (!ierr) nfail++;
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "T = 0 K rejected: %s\n", ierr ? "ok" : "FAILED"));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "strain kinetics: %" PetscInt_FMT " failure(s)\n", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
