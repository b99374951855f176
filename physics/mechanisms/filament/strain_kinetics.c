/* What a hydrostatic stress does to the switching kinetics of a filament mechanism (issue 6: "bending
 * shifts switching in the direction the activation-volume coupling predicts, and the run says so").
 *
 * Every barrier of the VCM/ECM plug-ins carries the same strain term, Eb = Ea - ... - Omega sigma_h
 * (physics/kmc/mf_kmc_rates.h, MfKmcHopBarrier; Aziz, Sabochick & Shewmon 1991), so a uniform sigma_h
 * multiplies every rate by F = exp(Omega sigma_h / kT). A switching event under a voltage ramp happens when
 * the rate of its limiting step, r ~ exp(gamma q V / kT), has grown enough; multiplying r by F therefore
 * moves the switching voltage by dV = -Omega sigma_h / (gamma q) at any rate and temperature. gamma is the
 * voltage sensitivity of the limiting barrier for a uniform field V/L over the layer:
 *   ECM oxidation at the anode  (1 - alpha) z a / L   (eta = a E, physics/mechanisms/mech_ecm.c)
 *   ECM / VCM ion hop           z a / (2 L)            (Mott-Gurney)
 *   VCM Frenkel-pair generation b / (q L)              (dipole b of the generation barrier)
 * Which step limits is not known in advance, so the prediction is the range over the mechanism's steps.
 * A focused field at a filament tip raises gamma and shrinks |dV|; the sign does not change. */
#include <math.h>
#include "filament_impl.h"

/* dV = -Omega sigma_h / (gamma q) for every step's gamma; W_J = Omega sigma_h */
static void Range(PetscInt n, const PetscReal g[], PetscReal W_J, MfStrainKinetics *s)
{
  s->dV_min_V = PETSC_MAX_REAL;
  s->dV_max_V = -PETSC_MAX_REAL;
  for (PetscInt i = 0; i < n; i++) {
    const PetscReal dV = g[i] > 0 ? -W_J / (g[i] * MF_E_C) : 0.0;
    s->dV_min_V        = PetscMin(s->dV_min_V, dV);
    s->dV_max_V        = PetscMax(s->dV_max_V, dV);
  }
}

PetscErrorCode MfEcmStrainKinetics(const MfEcmParams *p, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *s)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0 && a_m > 0 && L_m > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "strain kinetics need T > 0, site spacing > 0 and layer thickness > 0 (got %g K, %g m, %g m)", (double)T_K, (double)a_m, (double)L_m);
  {
    const PetscReal g[2] = {(1.0 - p->alpha_transfer) * p->z_ion * a_m / L_m, p->z_ion * a_m / (2.0 * L_m)};
    s->dE_eV       = -p->activation_volume_m3 * sigma_h_Pa / MF_E_C;
    s->rate_factor = PetscExpReal(p->activation_volume_m3 * sigma_h_Pa / (MF_KB_J_PER_K * T_K));
    Range(2, g, p->activation_volume_m3 * sigma_h_Pa, s);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfVcmStrainKinetics(const MfVcmParams *p, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *s)
{
  PetscFunctionBeginUser;
  PetscCheck(T_K > 0 && a_m > 0 && L_m > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "strain kinetics need T > 0, site spacing > 0 and layer thickness > 0 (got %g K, %g m, %g m)", (double)T_K, (double)a_m, (double)L_m);
  {
    const PetscReal g[2] = {p->dipole_generation_eAng * 1e-10 / L_m, PetscAbsReal(p->z_defect) * a_m / (2.0 * L_m)};
    s->dE_eV       = -p->activation_volume_m3 * sigma_h_Pa / MF_E_C;
    s->rate_factor = PetscExpReal(p->activation_volume_m3 * sigma_h_Pa / (MF_KB_J_PER_K * T_K));
    Range(2, g, p->activation_volume_m3 * sigma_h_Pa, s);
  }
  PetscFunctionReturn(0);
}
