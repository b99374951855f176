/* Keys of the kinetic Monte Carlo engine and of the switching-mechanism plug-ins (physics/kmc,
 * physics/mechanisms, docs/filament.md); unset mechanism keys = the published parameter set. */
#include "mf_config.h"
#include "mf_keys_table.h"

static const MfKey kKmcKeys[] = {
  KI("kmc_seed", "1", 0, 2147483647, "seed of the kinetic Monte Carlo random stream"),
  KB("kmc_accelerate", "false", "scale down the rates of quasi-equilibrated pairs of event types (stiff KMC)"),
  KI("kmc_accel_stage", "2000", 10, 100000000, "acceleration: events per stage"),
  KI("kmc_accel_ne", "100", 1, 100000000, "acceleration: executions per stage that make a pair fast"),
  KR("kmc_accel_delta", "", "0.1", 0, 1, F, T, "acceleration: largest imbalance |n_f - n_r|/(n_f + n_r) of a quasi-equilibrated pair"),
  KR("kmc_accel_separation", "", "100", 1, 1e12, F, F, "acceleration: a scaled pair stays this many times more frequent than the other events"),
  KR("kmc_accel_min_scale", "", "1e-12", 0, 1, T, F, "acceleration: smallest rate scale factor"),
  KR("kmc_spacing", "m", "0.5 nm", 0, 1e-6, T, F, "lattice spacing of the KMC sites"),
  KE("kmc_mechanism", "none", "none|vcm|ecm|interface|trapping|ferroelectric|phase_change", "switching mechanism plug-in"),
  KR("kmc_initial_filament_width", "m", "", 0, 1e-3, T, F, "pre-formed filament (the state after forming): column of round(width/spacing) sites across, centred on the cross-point's axis (unset = none; VCM: V_O from the bottom, ECM: metal from the inert cathode)"),
  KR("kmc_initial_filament_gap", "m", "0 m", 0, 1e-3, F, F, "pre-formed filament: gap left between its tip and the opposite electrode (0 = bridged)"),
  KR("kmc_initial_defects", "", "", 0, 1, F, T, "VCM: as-deposited oxygen-vacancy site fraction (unset = 0)"),
  KS("kmc_vcm_material", "", "VCM: parameter set HfO2|TaOx|ZnO|NiO (unset = from the functional layer's material)"),
  KR("kmc_vcm_nu", "Hz", "", 0, 1e16, T, F, "VCM: attempt frequency of all events (DeviceKMC HfO2: 1e14 Hz)"),
  KR("kmc_vcm_Ea_generation", "eV", "", 0, 20, F, F, "VCM: zero-field Frenkel-pair (V_O + O_i) generation barrier (HfO2 bulk 3.93 eV, Ti interface 1.66 eV)"),
  KR("kmc_vcm_Ea_generation_interface", "eV", "", 0, 20, F, F, "VCM: Frenkel-pair generation at the reservoir interface, its O into the reservoir (HfO2/Ti: 1.66 eV, DeviceKMC)"),
  KR("kmc_vcm_Ea_recombination", "eV", "", 0, 20, F, F, "VCM: V_O + O_i recombination barrier (DeviceKMC: 0 eV)"),
  KR("kmc_vcm_Ea_recombination_interface", "eV", "", 0, 20, F, F, "VCM: barrier of reservoir oxygen refilling a V_O of the interface layer (unset = kmc_vcm_Ea_recombination)"),
  KR("kmc_vcm_Ea_hop_vacancy", "eV", "", 0, 20, F, F, "VCM: oxygen-vacancy migration barrier (HfO2: 1.09 eV)"),
  KR("kmc_vcm_Ea_hop_ion", "eV", "", 0, 20, F, F, "VCM: oxygen-ion (interstitial) migration barrier (HfO2: 0.76 eV)"),
  KR("kmc_vcm_Ea_exchange", "eV", "", 0, 20, F, F, "VCM: barrier of oxygen exchange between the top layer and the reservoir (Stanford-PKU: 0.82 eV)"),
  KR("kmc_vcm_generation_dipole", "m", "", 0, 1e-8, F, F, "VCM: field-lowering dipole of generation as length b/e (5 Angstrom = 5 e*Angstrom): Eb = Ea - b E"),
  KR("kmc_vcm_z_vacancy", "", "", 0, 4, T, F, "VCM: charge number of the oxygen vacancy (V_O^2+: 2)"),
  KR("kmc_vcm_z_ion", "", "", -4, 0, F, T, "VCM: charge number of the oxygen ion (O^2-: -2)"),
  KR("kmc_vcm_activation_volume", "m^3", "", -1e-27, 1e-27, F, F, "VCM: activation volume Omega of all barriers, Ea - Omega sigma_h (tensile stress positive)"),
  KB("kmc_vcm_reservoir", "", "VCM: oxygen exchange with a reactive top electrode / interface layer (unset = true)"),
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
  KR("kmc_map_tunnel_decay", "m", "", 0, 1e-8, T, F, "filament map: decay length lambda of the gap conductance sigma_f exp(-g/lambda) (0.27505 nm)"),
  KR("kmc_map_sigma_filament", "S/m", "", 0, 1e9, T, F, "filament map: conductivity of the filament (VCM 5.09e4 S/m; ECM: the anode metal)"),
  KE("kmc_map_gap_heat", "", "local|electrodes", "filament map: where the Joule heat of a tunnelling gap goes: released in the gap cell (local) or carried into the metal on both sides (electrodes: gap sites take the filament's thermal conductivity) (unset = local)"),
  KR("kmc_map_k_filament", "W/m/K", "", 0, 1e4, T, F, "filament map: thermal conductivity of the filament (VCM 5 W/m/K; ECM: the anode metal)"),
  KR("kmc_map_tcr_filament", "1/K", "", 0, 0.1, F, F, "filament map: resistivity TCR of what a filament adds to a cell's conductivity, sigma_x/(1 + beta (T - T0)) (VCM 0; ECM: the anode metal's)"),
};

PetscErrorCode MfConfigRegisterKmcKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kKmcKeys, MF_KEYS_N(kKmcKeys)));
  PetscFunctionReturn(0);
}
