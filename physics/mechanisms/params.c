/* Parameter sets of the filament mechanisms: published defaults (with their sources), deck overrides
 * (solver/config schema keys kmc_vcm_*, kmc_ecm_*, kmc_map_*), and views. Sources are tagged as in
 * reference/filament-models.md: [C] read in code, [A] abstract, [U]/[est.] engineering estimate. */
#include "filament_impl.h"
#include "mf_config.h"
#include <string.h>
#include <strings.h>

typedef struct {
  const char *name;
  MfVcmParams p;
} VcmSet;

/* VCM. HfO2: DeviceKMC (Kaniselvan et al., ACS Nano 2023, TiN/HfO2/Ti/TiN) [C]: nu = 1e14 Hz, bulk Frenkel-pair
 * generation 3.93 eV, at the HfO2/Ti interface 1.66 eV (the generation_interface event: its O goes into the
 * reservoir), recombination barrier 0 (field term only), V_O hop 1.09 eV, O-ion hop 0.76 eV; its
 * generation lowering 2 (V_i - V_j) is a charge 2e moved over one bond: with the a = 0.25 nm bond of
 * Stanford-PKU v2 [C] this is the dipole b = 2 e x 2.5 Angstrom = 5 e Angstrom. Interface exchange with the Ti
 * reservoir: Stanford-PKU v2 E_i = 0.82 eV [C]. TaOx, ZnO, NiO: the V_O hop barrier of the material library
 * (inputs/materials/functional: Ta2O5 0.85 eV [est.], ZnO 1.7 eV Janotti & Van de Walle PRB 76, 165202
 * (2007), NiO 1.0 eV [est.]); the other values are borrowed from the HfO2 set [est.] (no published KMC set
 * was retrieved, reference/filament-models.md "Gaps"). Activation volume 0 (no published value). */
static const VcmSet kVcmSets[] = {
  {"HfO2", {1e14, 3.93, 0.0, 1.09, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"TaOx", {1e14, 3.93, 0.0, 0.85, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"ZnO", {1e14, 3.93, 0.0, 1.70, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"NiO", {1e14, 3.93, 0.0, 1.00, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
};
static const char *const kVcmAliases[][2] = {{"HfOx", "HfO2"}, {"HZO", "HfO2"}, {"Ta2O5", "TaOx"}, {"TaO2", "TaOx"}, {"Mn-ZnO", "ZnO"}};

typedef struct {
  const char *name;
  MfEcmParams p;
} EcmSet;

/* ECM. Ag: nu = 1e13 Hz and Ag+ hop 0.3 eV (Menzel et al. PCCP 15, 6945 (2013) as quoted in
 * reference/filament-models.md 1.2 [U]); oxidation 0.55 eV and reduction 0.6 eV (Kinetix preset
 * ECM_CeO2.json [C]); dissolution of a filament atom = oxidation + the Kinetix coordination penalty 0.1 eV
 * for one metal neighbour = 0.65 eV [C/derived]; transfer coefficient alpha = 0.3 [U, Menzel/JART ECM].
 * Cu: Cu2+ (z = 2); hop 0.75 eV = middle of the DFT spread 0.4-1.1 eV of Cu in a-SiO2 (Guzman, Onofrio &
 * Strachan, arXiv 1502.07031 [A]); redox barriers taken over from the Ag set [est.].
 * Melting (mech_ecm.c, event melt): the melting point is the anode metal's T_melt_K of the material library
 * (set by the coupler; 0 here); liquid density at the melting point Ag 9320, Cu 8020 kg/m^3 (CRC Handbook,
 * density of molten elements); liquid surface tension at the melting point Ag 0.903, Cu 1.285 J/m^2 (Keene,
 * Int. Mater. Rev. 38, 157 (1993), recommended values). */
static const EcmSet kEcmSets[] = {
  {"Ag", {1e13, 0.55, 0.60, 0.30, 0.65, 1.0, 0.3, 0.0, PETSC_TRUE, 0.0, PETSC_FALSE, PETSC_FALSE, 0.0, 0.903, 9320.0, -1.0}},
  {"Cu", {1e13, 0.55, 0.60, 0.75, 0.65, 2.0, 0.3, 0.0, PETSC_TRUE, 0.0, PETSC_FALSE, PETSC_FALSE, 0.0, 1.285, 8020.0, -1.0}},
};

PetscErrorCode MfVcmParamsDefault(const char *material, MfVcmParams *p)
{
  const char *name = material;

  PetscFunctionBeginUser;
  PetscCheck(material, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "VCM parameters: no material name given (known: HfO2, TaOx, ZnO, NiO)");
  for (size_t i = 0; i < sizeof(kVcmAliases) / sizeof(kVcmAliases[0]); i++)
    if (!strcasecmp(material, kVcmAliases[i][0])) name = kVcmAliases[i][1];
  for (size_t i = 0; i < sizeof(kVcmSets) / sizeof(kVcmSets[0]); i++)
    if (!strcasecmp(name, kVcmSets[i].name)) {
      *p = kVcmSets[i].p;
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "VCM parameters: no published parameter set for functional material '%s'; known: HfO2 (HfOx, HZO), TaOx (Ta2O5), ZnO, NiO. Give the kmc_vcm_* keys in the deck and name a known set with kmc_vcm_material", material);
}

PetscErrorCode MfEcmParamsDefault(const char *metal, MfEcmParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(metal, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "ECM parameters: no metal given (known: Ag, Cu)");
  for (size_t i = 0; i < sizeof(kEcmSets) / sizeof(kEcmSets[0]); i++)
    if (!strcasecmp(metal, kEcmSets[i].name)) {
      *p = kEcmSets[i].p;
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM parameters: active electrode metal '%s' has no parameter set; known: Ag, Cu (the electrode with electrochemically_active: 1 is the ECM anode)", metal);
}

static PetscErrorCode GetReal(const char *key, PetscReal *v)
{
  PetscReal x;
  PetscBool set;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetReal(key, &x, &set));
  if (set) *v = x; /* unset keys keep the published default */
  PetscFunctionReturn(0);
}

PetscErrorCode MfVcmParamsSetFromConfig(MfVcmParams *p)
{
  char      name[64];
  PetscBool set, b;
  PetscReal dip = p->dipole_generation_eAng * 1e-10;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("kmc_vcm_material", name, sizeof(name), &set));
  if (set && name[0]) PetscCall(MfVcmParamsDefault(name, p));
  dip = p->dipole_generation_eAng * 1e-10;
  PetscCall(GetReal("kmc_vcm_nu", &p->nu_Hz));
  PetscCall(GetReal("kmc_vcm_Ea_generation", &p->Ea_generation_eV));
  PetscCall(GetReal("kmc_vcm_Ea_generation_interface", &p->Ea_generation_interface_eV));
  PetscCall(GetReal("kmc_vcm_Ea_recombination", &p->Ea_recombination_eV));
  PetscCall(GetReal("kmc_vcm_Ea_hop_vacancy", &p->Ea_hop_defect_eV));
  PetscCall(GetReal("kmc_vcm_Ea_hop_ion", &p->Ea_hop_ion_eV));
  PetscCall(GetReal("kmc_vcm_Ea_recombination_interface", &p->Ea_recombination_interface_eV));
  PetscCall(GetReal("kmc_vcm_Ea_exchange", &p->Ea_exchange_eV));
  PetscCall(GetReal("kmc_vcm_generation_dipole", &dip));
  p->dipole_generation_eAng = dip * 1e10; /* the key is the length b/e in m; the field is e*Angstrom */
  PetscCall(GetReal("kmc_vcm_z_vacancy", &p->z_defect));
  PetscCall(GetReal("kmc_vcm_z_ion", &p->z_ion));
  PetscCall(GetReal("kmc_vcm_activation_volume", &p->activation_volume_m3));
  PetscCall(GetReal("kmc_initial_defects", &p->initial_defect_fraction));
  PetscCall(MfConfigGetBool("kmc_vcm_reservoir", &b, &set));
  if (set) p->top_reservoir = b;
  PetscFunctionReturn(0);
}

PetscErrorCode MfEcmParamsSetFromConfig(MfEcmParams *p)
{
  char      anode[16];
  PetscBool set, b;

  PetscFunctionBeginUser;
  PetscCall(GetReal("kmc_ecm_nu", &p->nu_Hz));
  PetscCall(GetReal("kmc_ecm_Ea_oxidation", &p->Ea_oxidation_eV));
  PetscCall(GetReal("kmc_ecm_Ea_reduction", &p->Ea_reduction_eV));
  PetscCall(GetReal("kmc_ecm_Ea_reduction_filament", &p->Ea_reduction_filament_eV));
  PetscCall(GetReal("kmc_ecm_Ea_hop", &p->Ea_hop_ion_eV));
  PetscCall(GetReal("kmc_ecm_Ea_dissolution", &p->Ea_dissolution_eV));
  PetscCall(GetReal("kmc_ecm_z", &p->z_ion));
  PetscCall(GetReal("kmc_ecm_alpha", &p->alpha_transfer));
  PetscCall(GetReal("kmc_ecm_activation_volume", &p->activation_volume_m3));
  PetscCall(GetReal("kmc_ecm_bond_energy", &p->bond_energy_eV));
  PetscCall(MfConfigGetBool("kmc_ecm_melting", &b, &set));
  if (set) p->melting = b;
  PetscCall(GetReal("kmc_ecm_T_melt", &p->T_melt_K));
  PetscCall(GetReal("kmc_ecm_surface_tension", &p->surface_tension_J_per_m2));
  PetscCall(GetReal("kmc_ecm_liquid_density", &p->liquid_density_kg_per_m3));
  PetscCall(MfConfigGetBool("kmc_ecm_lateral_sink", &b, &set));
  if (set) p->lateral_sink = b;
  PetscCall(MfConfigGetString("kmc_ecm_anode", anode, sizeof(anode), &set));
  if (set && anode[0]) p->anode_top = (PetscBool)!strcasecmp(anode, "top");
  PetscFunctionReturn(0);
}

PetscErrorCode MfVcmParamsView(const MfVcmParams *p, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(viewer, "VCM: nu %g Hz; Ea generation %g (reservoir interface %g), recombination %g, V_O hop %g, O_i hop %g, exchange %g eV; dipole %g e*Angstrom; z(V_O) %g, z(O_i) %g; Omega %g m^3; initial V_O fraction %g; top reservoir %s\n", (double)p->nu_Hz, (double)p->Ea_generation_eV, (double)p->Ea_generation_interface_eV, (double)p->Ea_recombination_eV, (double)p->Ea_hop_defect_eV,
                                   (double)p->Ea_hop_ion_eV, (double)p->Ea_exchange_eV, (double)p->dipole_generation_eAng, (double)p->z_defect, (double)p->z_ion, (double)p->activation_volume_m3, (double)p->initial_defect_fraction, p->top_reservoir ? "yes" : "no"));
  if (p->Ea_recombination_interface_eV >= 0.0) PetscCall(PetscViewerASCIIPrintf(viewer, "VCM: reservoir oxygen refills an interface V_O over %g eV (bulk recombination %g eV): V_O + reservoir O lies %+g eV above the pristine interface\n", (double)p->Ea_recombination_interface_eV, (double)p->Ea_recombination_eV, (double)(p->Ea_generation_interface_eV - p->Ea_recombination_interface_eV)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfEcmParamsView(const MfEcmParams *p, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(viewer, "ECM: nu %g Hz; Ea oxidation %g, reduction %g, ion hop %g, dissolution (kink) %g eV, bond energy %g eV; z %g; alpha %g; Omega %g m^3; anode %s; lateral sink %s; melting %s at %g K (liquid: %g J/m^2, %g kg/m^3)\n", (double)p->nu_Hz, (double)p->Ea_oxidation_eV, (double)p->Ea_reduction_eV, (double)p->Ea_hop_ion_eV, (double)p->Ea_dissolution_eV, (double)p->bond_energy_eV, (double)p->z_ion,
                                   (double)p->alpha_transfer, (double)p->activation_volume_m3, p->anode_top ? "top" : "bottom", p->lateral_sink ? "yes" : "no", p->melting ? "on" : "off", (double)p->T_melt_K, (double)p->surface_tension_J_per_m2, (double)p->liquid_density_kg_per_m3));
  {
    PetscReal dGa, dGf;
    MfEcmRedoxFreeEnergies(p, &dGa, &dGf);
    if (p->Ea_reduction_filament_eV >= 0.0) PetscCall(PetscViewerASCIIPrintf(viewer, "ECM: reduction onto the filament / inert cathode %g eV (the anode's: %g eV)\n", (double)p->Ea_reduction_filament_eV, (double)p->Ea_reduction_eV));
    /* A kink atom of the filament and the anode surface are the same metal in the bulk state */
    PetscCall(PetscViewerASCIIPrintf(viewer, "ECM: redox free energy M -> M+ at the anode %+g eV, at a filament kink atom %+g eV: zero-bias stability of the filament against the anode %+g eV (%s)\n", (double)dGa, (double)dGf, (double)(dGf - dGa),
                                     dGf - dGa > 1e-9 ? "> 0: anode metal deposits on the filament at zero bias" : dGf - dGa < -1e-9 ? "< 0: the filament dissolves towards the anode at zero bias" : "0: consistent"));
  }
  PetscFunctionReturn(0);
}

/* Map defaults. Matrix: the functional layer's sigma(T0) and k. Filament: a VCM filament (filament_metal
 * NULL) has rho_CF = 1.9635e-5 Ohm m (Stanford-PKU v2 [C]) and k = 5 W/m/K (DeviceKMC V_O-rich value [C]);
 * an ECM filament has the bulk sigma and k of its metal (CRC, inputs/materials/electrodes). Tunnelling decay
 * length lambda = g0 = 0.27505 nm of the Stanford/ASU gap model (Guan, Yu & Wong 2012 [C]). */
PetscErrorCode MfFilamentMapParamsDefault(const MfMaterial *functional, const MfMaterial *filament_metal, MfFilamentMapParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(functional, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "filament map: the functional-layer material is required");
  p->sigma_matrix_S_per_m   = functional->sigma_S_per_m;
  p->k_matrix_W_per_mK      = functional->k_W_per_mK;
  p->sigma_filament_S_per_m = filament_metal ? filament_metal->sigma_S_per_m : 1.0 / 1.9635e-5;
  p->k_filament_W_per_mK    = filament_metal ? filament_metal->k_W_per_mK : 5.0;
  /* ECM: the metal's resistivity TCR; VCM: the Stanford-PKU filament resistivity rho_CF is a constant */
  p->tcr_filament_per_K = (filament_metal && filament_metal->sigma_law == MF_SIGMA_METALLIC) ? filament_metal->tcr_per_K : 0.0;
  /* the FE evaluates the filament's law from the host's reference temperature (the cell's T0): the metal's sigma
   * is taken there (Ag: 293 -> 300 K, -2.6 %) */
  if (p->tcr_filament_per_K > 0.0) {
    const PetscReal T0h = functional->T0_K > 0.0 ? functional->T0_K : 300.0, T0m = filament_metal->T0_K > 0.0 ? filament_metal->T0_K : 300.0;
    p->sigma_filament_S_per_m /= 1.0 + p->tcr_filament_per_K * (T0h - T0m);
  }
  p->tunnel_decay_m         = 0.27505e-9;
  p->gap_heat_to_electrodes = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapParamsSetFromConfig(MfFilamentMapParams *p)
{
  PetscFunctionBeginUser;
  PetscCall(GetReal("kmc_map_sigma_filament", &p->sigma_filament_S_per_m));
  PetscCall(GetReal("kmc_map_k_filament", &p->k_filament_W_per_mK));
  PetscCall(GetReal("kmc_map_tcr_filament", &p->tcr_filament_per_K));
  PetscCall(GetReal("kmc_map_tunnel_decay", &p->tunnel_decay_m));
  {
    char      mode[32];
    PetscBool set;
    PetscCall(MfConfigGetString("kmc_map_gap_heat", mode, sizeof(mode), &set));
    if (set) p->gap_heat_to_electrodes = (PetscBool)!strcmp(mode, "electrodes");
  }
  PetscCheck(p->sigma_filament_S_per_m >= p->sigma_matrix_S_per_m, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "filament map: filament conductivity %g S/m is below the matrix conductivity %g S/m of the functional layer (kmc_map_sigma_filament)", (double)p->sigma_filament_S_per_m, (double)p->sigma_matrix_S_per_m);
  PetscCheck(p->k_filament_W_per_mK > 0.0 && p->tunnel_decay_m > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "filament map: kmc_map_k_filament = %g W/m/K and kmc_map_tunnel_decay = %g m must be > 0", (double)p->k_filament_W_per_mK, (double)p->tunnel_decay_m);
  PetscFunctionReturn(0);
}
