/* ECM parameter sets: published defaults with their sources, the deck keys kmc_ecm_* and a view. Sources are
 * tagged: [C] read in code, [A] abstract, [U]/[est.] engineering estimate (docs/references.md). */
#include "filament_impl.h"
#include <string.h>
#include <strings.h>

typedef struct {
  const char *name;
  MfEcmParams p;
} EcmSet;

/* ECM. Ag: nu = 1e13 Hz and Ag+ hop 0.3 eV (Menzel et al., PCCP 15, 6945 (2013) [U]); oxidation 0.55 eV and reduction 0.6 eV (Kinetix preset
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

PetscErrorCode MfEcmParamsSetFromConfig(MfEcmParams *p)
{
  char      anode[16];
  PetscBool set, b;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_nu", &p->nu_Hz));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_Ea_oxidation", &p->Ea_oxidation_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_Ea_reduction", &p->Ea_reduction_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_Ea_reduction_filament", &p->Ea_reduction_filament_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_Ea_hop", &p->Ea_hop_ion_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_Ea_dissolution", &p->Ea_dissolution_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_z", &p->z_ion));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_alpha", &p->alpha_transfer));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_activation_volume", &p->activation_volume_m3));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_bond_energy", &p->bond_energy_eV));
  PetscCall(MfConfigGetBool("kmc_ecm_melting", &b, &set));
  if (set) p->melting = b;
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_T_melt", &p->T_melt_K));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_surface_tension", &p->surface_tension_J_per_m2));
  PetscCall(MfConfigGetRealIfSet("kmc_ecm_liquid_density", &p->liquid_density_kg_per_m3));
  PetscCall(MfConfigGetBool("kmc_ecm_lateral_sink", &b, &set));
  if (set) p->lateral_sink = b;
  PetscCall(MfConfigGetString("kmc_ecm_anode", anode, sizeof(anode), &set));
  if (set && anode[0]) p->anode_top = (PetscBool)!strcasecmp(anode, "top");
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

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the ECM mechanism (kmc_ecm_*; unset = the published set), with the filament map's */
static const MfKey kEcmKeys[] = {
  KR("kmc_ecm_nu", "Hz", "", 0, 1e16, T, F, "ECM: attempt frequency of all events (1e13 Hz)"),
  KR("kmc_ecm_Ea_oxidation", "eV", "", 0, 20, F, F, "ECM: oxidation barrier at the active anode, M -> M+ (Ag: 0.55 eV)"),
  KR("kmc_ecm_Ea_reduction", "eV", "", 0, 20, F, F, "ECM: reduction barrier of a cation at the active anode, and on the cathode or filament unless kmc_ecm_Ea_reduction_filament is set (Ag: 0.6 eV)"),
  KR("kmc_ecm_Ea_reduction_filament", "eV", "", 0, 20, F, F, "ECM: reduction barrier of a cation onto the filament or the inert cathode (unset = kmc_ecm_Ea_reduction); consistent with Ea_dissolution - Ea_reduction_filament = Ea_oxidation - Ea_reduction"),
  KR("kmc_ecm_Ea_hop", "eV", "", 0, 20, F, F, "ECM: cation migration barrier in the electrolyte (Ag: 0.3 eV, Cu: 0.75 eV)"),
  KR("kmc_ecm_Ea_dissolution", "eV", "", 0, 20, F, F, "ECM: re-oxidation barrier of a filament atom at a kink site (half of the lattice's bonds metallic; Ag: 0.65 eV)"),
  KR("kmc_ecm_bond_energy", "eV", "", 0, 5, F, F, "ECM: metal-metal bond energy eps: dissolution barrier Ea_dissolution + (n - Z/2) eps for n metal neighbours (Gibbs-Thomson; 0 = off)"),
  KB("kmc_ecm_melting", "", "ECM: a filament atom above the melting point of its metal leaves the liquid neck (M0 -> M+) at the capillary break-up rate (unset = false)"),
  KR("kmc_ecm_T_melt", "K", "", 0, 5000, T, F, "ECM: melting point of the filament metal (unset = T_melt_K of the anode metal's material: Ag 1234.93 K, Cu 1357.77 K)"),
  KR("kmc_ecm_surface_tension", "J/m^2", "", 0, 10, T, F, "ECM: surface tension of the liquid filament metal at its melting point (Ag 0.903, Cu 1.285 J/m^2)"),
  KR("kmc_ecm_liquid_density", "kg/m^3", "", 0, 1e5, T, F, "ECM: density of the liquid filament metal at its melting point (Ag 9320, Cu 8020 kg/m^3)"),
  KR("kmc_ecm_z", "", "", 0, 4, T, F, "ECM: cation charge number (Ag+: 1, Cu2+: 2)"),
  KR("kmc_ecm_alpha", "", "", 0, 1, F, F, "ECM: Butler-Volmer transfer coefficient of the redox steps (0.3)"),
  KR("kmc_ecm_activation_volume", "m^3", "", -1e-27, 1e-27, F, F, "ECM: activation volume Omega of all barriers, Ea - Omega sigma_h"),
  KB("kmc_ecm_lateral_sink", "", "ECM: cations leave the cross-point through its open lateral edges into the surrounding film (a perfect sink; unset = false)"),
  KE("kmc_ecm_anode", "", "top|bottom", "ECM: which electrode is the active (oxidised) anode (unset = top)"),
  KR("kmc_ecm_initial_ions", "", "", 0, 1, F, T, "ECM: as-prepared cation site fraction of the electrolyte (unset = 0)"),
};

PetscErrorCode MfEcmRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(FilRegisterMapKeys_Private());
  PetscCall(FilRegisterInitialKeys_Private());
  PetscCall(MfKeysRegister(kEcmKeys, MF_KEYS_N(kEcmKeys)));
  PetscFunctionReturn(0);
}
