/* Deck keys of the filament mechanisms (their own key tables): values with units reach the parameter
 * structs in SI/eV, unset keys keep the published defaults, and a material without a parameter set is an
 * error naming the known sets (-case badmaterial, checked by PASS_REGEX). */
#include "mf_filament.h"
#include <math.h>
#include <string.h>

int main(int argc, char **argv)
{
  char                tcase[32] = "keys";
  PetscInt            nfail     = 0;
  MfVcmParams         v;
  MfEcmParams         e;
  MfFilamentMapParams m;
  MfMaterial          fun, ag;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "filament deck keys"));
  PetscCall(MfMechanismInitializePackage()); /* the mechanisms' deck keys */
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", tcase, sizeof(tcase), NULL));
  if (!strcmp(tcase, "badmaterial")) {
    PetscCall(MfVcmParamsDefault("PMMA", &v));
  } else {
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_vcm_Ea_generation", "1.66 eV"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_vcm_Ea_generation_interface", "1.2 eV"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_vcm_generation_dipole", "3 Angstrom"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_vcm_nu", "20 THz"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_vcm_reservoir", "false"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_ecm_anode", "bottom"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_ecm_Ea_hop", "440 meV"));
    PetscCall(PetscOptionsSetValue(NULL, "-kmc_map_tunnel_decay", "0.1 nm"));
    PetscCall(MfVcmParamsDefault("HfOx", &v));
    PetscCall(MfVcmParamsSetFromConfig(&v));
    PetscCall(MfEcmParamsDefault("Ag", &e));
    PetscCall(MfEcmParamsSetFromConfig(&e));
    PetscCall(PetscMemzero(&fun, sizeof(fun)));
    PetscCall(PetscMemzero(&ag, sizeof(ag)));
    fun.sigma_S_per_m = 1e-10; fun.k_W_per_mK = 0.5; ag.sigma_S_per_m = 6.301e7; ag.k_W_per_mK = 429;
    PetscCall(MfFilamentMapParamsDefault(&fun, &ag, &m));
    PetscCall(MfFilamentMapParamsSetFromConfig(&m));
    PetscCall(MfVcmParamsView(&v, PETSC_VIEWER_STDOUT_SELF));
    PetscCall(MfEcmParamsView(&e, PETSC_VIEWER_STDOUT_SELF));
    if (fabs(v.Ea_generation_eV - 1.66) > 1e-12 || fabs(v.dipole_generation_eAng - 3.0) > 1e-12 || fabs(v.nu_Hz - 2e13) > 1 || v.top_reservoir) nfail++;
    if (v.Ea_hop_defect_eV != 1.09 || v.Ea_hop_ion_eV != 0.76) nfail++; /* unset: DeviceKMC HfO2 values */
    if (fabs(v.Ea_generation_interface_eV - 1.2) > 1e-12) nfail++;
    if (e.anode_top || fabs(e.Ea_hop_ion_eV - 0.44) > 1e-12 || e.Ea_oxidation_eV != 0.55 || e.z_ion != 1.0) nfail++;
    if (fabs(m.tunnel_decay_m - 1e-10) > 1e-22 || m.sigma_filament_S_per_m != 6.301e7 || m.k_filament_W_per_mK != 429 || m.sigma_matrix_S_per_m != 1e-10) nfail++;
    if (m.tcr_filament_per_K != 0.0) nfail++; /* a constant-law metal adds a constant excess */
    /* a metallic anode: its TCR for the filament's excess, sigma taken at the host's reference temperature */
    ag.sigma_law = MF_SIGMA_METALLIC; ag.tcr_per_K = 3.8e-3; ag.T0_K = 293.0; fun.T0_K = 300.0;
    PetscCall(MfFilamentMapParamsDefault(&fun, &ag, &m));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "metallic Ag anode: filament TCR %g 1/K, sigma at the host's T0 %.6e S/m (expected %.6e)\n", (double)m.tcr_filament_per_K, (double)m.sigma_filament_S_per_m, 6.301e7 / (1.0 + 3.8e-3 * 7.0)));
    if (m.tcr_filament_per_K != 3.8e-3 || fabs(m.sigma_filament_S_per_m / (6.301e7 / (1.0 + 3.8e-3 * 7.0)) - 1.0) > 1e-14) nfail++;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
