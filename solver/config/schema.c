/* The schema: every key memflex reads, in one table (type, SI unit, default, allowed range, help).
 *
 * To add a key, add one line to kSchema in its section. Conventions:
 *  - name is the PETSc option name without '-', sections joined by '_' (deck: nested mappings);
 *  - default NULL = required, "" = optional/unset (the reader checks `set`), else text with a unit;
 *  - ranges are in the SI unit of the key (energies in eV, see docs/config.md).
 * Per-layer keys of the stack are generated from MF_STACK_LAYERS x MF_MATERIAL_REAL_PROPS
 * (mf_config_impl.h) so that the mapping to MfMaterial fields lives in one table. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mf_config.h"
#include "mf_config_impl.h"

#define BIG PETSC_MAX_REAL
#define T   PETSC_TRUE
#define F   PETSC_FALSE
#define KR(n, u, d, lo, hi, lo_o, hi_o, h) {n, MF_KEY_REAL, u, d, lo, hi, NULL, h, lo_o, hi_o}
#define KA(n, u, d, lo, hi, lo_o, hi_o, h) {n, MF_KEY_REAL_ARRAY, u, d, lo, hi, NULL, h, lo_o, hi_o} /* lists: none yet */
#define KI(n, d, lo, hi, h)                {n, MF_KEY_INT, "", d, lo, hi, NULL, h, F, F}
#define KB(n, d, h)                        {n, MF_KEY_BOOL, "", d, 0, 0, NULL, h, F, F}
#define KS(n, d, h)                        {n, MF_KEY_STRING, "", d, 0, 0, NULL, h, F, F}
#define KE(n, d, c, h)                     {n, MF_KEY_ENUM, "", d, 0, 0, c, h, F, F}

#define LAYER_PROP(L, alias, field, unit, lo, hi, lo_o, hi_o, help) \
  KR("stack_" #L "_" #alias, unit, "", lo, hi, lo_o, hi_o, #L " layer: " help " (overrides the library value)"),
/* The four layers every device has need a material; buffer, cap and fill are optional. */
#define LAYER(L, matdef) \
  KS("stack_" #L "_material", matdef, #L " layer: material name from the library (inputs/materials)"), \
  KR("stack_" #L "_thickness", "m", "", 0, 1e-2, T, F, #L " layer thickness (needed unless mesh_file is given)"), \
  KI("stack_" #L "_cells", "0", 0, 100000, #L " layer: cells across the thickness (0 = automatic)"), \
  MF_MATERIAL_REAL_PROPS(LAYER_PROP, L) \
  KE("stack_" #L "_sigma_law", "", "constant|metallic|activated", #L " layer: temperature law of sigma (overrides the library)"), \
  KB("stack_" #L "_electrochemically_active", "", #L " layer: electrochemically active (ECM anode; overrides the library)"),

static const MfKey kSchema[] = {
  /* deck */
  KS("deck_file", "", "deck file that was loaded (set by the loader; names the default output folder)"),
  KS("title", "", "free text describing the run (copied to the outputs)"),
  KS("materials_dir", "", "folder of the material library (unset = inputs/materials of the source tree)"),
  /* device: electrical operating point and environment */
  KR("device_voltage", "V", "0.5 V", -100, 100, F, F, "applied voltage (top contact; bottom contact grounded) for protocol dc"),
  KR("device_series_resistance", "Ohm", "0", 0, BIG, F, F, "series resistance of the external circuit"),
  KR("device_compliance", "A", "", 0, 10, T, F, "current compliance of the source (unset = none)"),
  KR("device_ambient_temperature", "K", "300 K", 0, 2000, T, F, "ambient temperature (e.g. 300 K, 85 C)"),
  KR("device_forming_compliance", "A", "", 0, 10, T, F, "current compliance during the forming step of protocol.forming_voltage (unset = device.compliance)"),
  KR("device_read_voltage", "V", "0.1 V", -100, 100, F, F, "read voltage for resistance states"),
  /* stack: layers from the substrate up */
  LAYER(substrate, NULL)
  LAYER(buffer, "")
  LAYER(bottom_electrode, NULL)
  LAYER(functional, NULL)
  LAYER(top_electrode, NULL)
  LAYER(cap, "")
  LAYER(fill, "")
  /* mesh */
  KI("mesh_dim", "2", 2, 3, "spatial dimension (2 = cross-section, 3 = full cell)"),
  KS("mesh_file", "", "Gmsh .msh file to use instead of the built-in stack mesher"),
  KR("mesh_width", "m", "1 um", 0, 0.1, T, F, "lateral width of the simulated cell"),
  KR("mesh_electrode_width", "m", "", 0, 0.1, T, F, "width of the top electrode line (unset = full width)"),
  KR("mesh_functional_cell", "m", "", 0, 1e-3, T, F, "target cell size in the functional layer (unset = automatic)"),
  KR("mesh_lateral_cell", "m", "", 0, 1e-3, T, F, "lateral cell size over the active (crossing) area (unset = automatic)"),
  KR("mesh_grading", "", "1.3", 1, 2, F, F, "growth ratio of cell sizes away from the functional layer"),
  KI("mesh_refine", "1", 1, 10, "uniform refinement factor applied after meshing (1 = none)"),
  /* thermal */
  KE("thermal_mode", "steady", "steady|transient", "heat equation: steady state at every bias point, or transient (time steps of the protocol)"),
  KR("thermal_h_bottom", "W/m^2/K", "1e4 W/m^2/K", 0, 1e9, F, F, "heat transfer coefficient at the substrate bottom (to the chuck)"),
  KR("thermal_h_top", "W/m^2/K", "10 W/m^2/K", 0, 1e9, F, F, "heat transfer coefficient at the top surface (natural convection in air)"),
  KR("thermal_boundary_resistance", "m^2 K/W", "0", 0, 1e-3, F, F, "thermal boundary resistance at electrode/functional interfaces"),
  KB("thermal_wiedemann_franz", "false", "electronic thermal conductivity of conducting regions from sigma (Wiedemann-Franz)"),
  /* bending */
  KR("bending_radius", "m", "", 0, 10, T, F, "bending radius of the substrate (unset = flat)"),
  KE("bending_sign", "tensile", "tensile|compressive", "device on the outer (tensile) or inner (compressive) side"),
  KI("bending_cycles", "0", 0, 2000000000, "number of bending cycles applied before the protocol"),
  /* kmc */
  KI("kmc_seed", "1", 0, 2147483647, "seed of the kinetic Monte Carlo random stream"),
  /* temporal acceleration of stiff KMC (physics/kmc/accel.c, docs/kmc.md); defaults = the engine's */
  KB("kmc_accelerate", "false", "scale down the rates of quasi-equilibrated pairs of event types (stiff KMC)"),
  KI("kmc_accel_stage", "2000", 10, 100000000, "acceleration: events per stage"),
  KI("kmc_accel_ne", "100", 1, 100000000, "acceleration: executions per stage that make a pair fast"),
  KR("kmc_accel_delta", "", "0.1", 0, 1, F, T, "acceleration: largest imbalance |n_f - n_r|/(n_f + n_r) of a quasi-equilibrated pair"),
  KR("kmc_accel_separation", "", "100", 1, 1e12, F, F, "acceleration: a scaled pair stays this many times more frequent than the other events"),
  KR("kmc_accel_min_scale", "", "1e-12", 0, 1, T, F, "acceleration: smallest rate scale factor"),
  KR("kmc_spacing", "m", "0.5 nm", 0, 1e-6, T, F, "lattice spacing of the KMC sites"),
  KS("kmc_mechanism", "none", "switching mechanism: none, or a registered plug-in (built in: vcm, ecm; physics/mechanisms)"),
  /* kmc: filament mechanisms (physics/mechanisms, docs/filament.md); unset = the published parameter set */
  KR("kmc_initial_filament_width", "m", "", 0, 1e-3, T, F, "pre-formed filament (the state after forming): column of round(width/spacing) sites across, centred on the cross-point's axis (unset = none; VCM: V_O from the bottom, ECM: metal from the inert cathode)"),
  KR("kmc_initial_filament_gap", "m", "0 m", 0, 1e-3, F, F, "pre-formed filament: gap left between its tip and the opposite electrode (0 = bridged)"),
  KR("kmc_vcm_initial_defects", "", "", 0, 1, F, T, "VCM: as-deposited oxygen-vacancy site fraction (unset = 0)"),
  KR("kmc_ecm_initial_ions", "", "", 0, 1, F, T, "ECM: as-prepared cation site fraction of the electrolyte (unset = 0)"),
  KR("kmc_pcm_initial_crystalline", "", "", 0, 1, F, F, "phase change: as-prepared crystalline site fraction, each site a seed grain (unset = 0: all amorphous)"),
  KR("kmc_pcm_Ea", "eV", "", 0, 20, F, F, "phase change: viscosity activation energy of the glass below T_glass (GST 2.45 eV)"),
  KR("kmc_pcm_interface_energy", "J/m^2", "", 0, 10, T, F, "phase change: crystal/amorphous interface energy of nucleation (GST 0.06 J/m^2)"),
  KR("kmc_pcm_monomer_volume", "m^3", "", 0, 1e-25, T, F, "phase change: monomer volume v_m (GST 2.9e-28 m^3)"),
  KR("kmc_pcm_jump_distance", "m", "", 0, 1e-8, T, F, "phase change: jump distance lambda (GST 0.299 nm)"),
  KR("kmc_pcm_atomic_radius", "m", "", 0, 1e-8, T, F, "phase change: atomic radius r_a of the growth law (GST 0.1365 nm)"),
  KR("kmc_pcm_hydrodynamic_radius", "m", "", 0, 1e-8, T, F, "phase change: hydrodynamic radius R_h of the growth law (GST 0.1365 nm)"),
  KR("kmc_pcm_T_melt", "K", "", 0, 5000, T, F, "phase change: melting temperature (unset = the functional material's, else GST 900 K)"),
  KR("kmc_pcm_enthalpy_fusion", "J/m^3", "", 0, 1e11, T, F, "phase change: enthalpy of fusion per volume (GST 6.25e8 J/m^3)"),
  KR("kmc_pcm_eta_inf", "Pa s", "", 0, 1e12, T, T, "phase change: MYEGA viscosity at infinite temperature (GST 0.012 Pa s)"),
  KR("kmc_pcm_T_g", "K", "", 0, 5000, T, F, "phase change: MYEGA glass transition, eta(T_g) = 1e12 Pa s (GST 472 K)"),
  KR("kmc_pcm_fragility", "", "", 0, 1000, T, F, "phase change: MYEGA fragility m (GST 140)"),
  KR("kmc_pcm_T_glass", "K", "", 0, 5000, T, F, "phase change: MYEGA above, Arrhenius (kmc_pcm_Ea) below this temperature (GST 534 K)"),
  KR("kmc_pcm_wetting_angle_deg", "", "", 0, 180, T, F, "phase change: wetting angle of heterogeneous nucleation in degrees (GST 130)"),
  KR("kmc_pcm_nucleation_scale", "", "", 0, 1e30, F, F, "phase change: factor on the nucleation probability (1 = the GCA law, 0 = no nucleation)"),
  KR("kmc_pcm_melt_rate", "Hz", "", 0, 1e16, T, F, "phase change: rate at which a crystalline site above T_melt melts (1e13 Hz)"),
  KR("kmc_pcm_sigma_amorphous", "S/m", "", 0, 1e9, T, F, "phase change: conductivity of the amorphous phase (1 S/m, estimate)"),
  KR("kmc_pcm_sigma_crystalline", "S/m", "", 0, 1e9, T, F, "phase change: conductivity of the crystalline phase (unset = the functional material's, else 1e3 S/m, estimate)"),
  KR("kmc_pcm_k_amorphous", "W/m/K", "", 0, 1e4, T, F, "phase change: thermal conductivity of the amorphous phase (GST 0.2 W/m/K)"),
  KR("kmc_pcm_k_crystalline", "W/m/K", "", 0, 1e4, T, F, "phase change: thermal conductivity of the crystalline phase (unset = the functional material's, else GST 0.5 W/m/K)"),
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
  /* protocol */
  KE("protocol_type", "dc", "dc|sweep|pulse|retention", "electrical protocol"),
  KR("protocol_v_max", "V", "1 V", -100, 100, F, F, "sweep: maximum voltage"),
  KR("protocol_v_min", "V", "-1 V", -100, 100, F, F, "sweep: minimum voltage"),
  KR("protocol_forming_voltage", "V", "0 V", 0, 100, F, F, "sweep: cycle 0 (the pristine cell) ramps to this voltage instead of v_max, under device.forming_compliance (0 = no forming step)"),
  KR("protocol_rate", "V/s", "1 V/s", 0, 1e12, T, F, "sweep: ramp rate"),
  KI("protocol_cycles", "1", 1, 1000000, "sweep: number of cycles"),
  KR("protocol_step", "V", "10 mV", 0, 10, T, F, "sweep: voltage step"),
  KR("protocol_pulse_amplitude", "V", "1 V", -100, 100, F, F, "pulse: amplitude"),
  KR("protocol_pulse_width", "s", "100 ns", 0, 1e4, T, F, "pulse: width at full amplitude"),
  KR("protocol_pulse_rise", "s", "10 ns", 0, 1e4, F, F, "pulse: rise (and fall) time"),
  KR("protocol_pulse_period", "s", "1 us", 0, 1e6, T, F, "pulse: period"),
  KI("protocol_pulses", "1", 1, 1000000000, "pulse: number of pulses"),
  KB("protocol_read", "false", "sweep: a read pulse at device.read_voltage after the SET (positive) and after the RESET (negative) branch of every cycle; the source's compliance is off during reads, and R_on/R_off come from them"),
  KR("protocol_read_width", "s", "1 ms", 0, 1e4, T, F, "duration of a read pulse of protocol.read (the kinetics run at the read bias meanwhile)"),
  KR("protocol_duration", "s", "1000 s", 0, 1e10, T, F, "retention: duration of the bake (at device.ambient_temperature)"),
  KI("protocol_points", "25", 2, 100000, "retention: number of reads, log-spaced from duration*1e-6 to duration"),
  KR("protocol_program_temperature", "K", "", 0, 5000, T, F, "retention: environment temperature while programming (then the oven: device.ambient_temperature); unset = programme in the oven"),
  KR("protocol_program_voltage", "V", "0 V", -100, 100, F, F, "retention: program first by a ramp 0 -> this voltage -> read voltage (protocol.rate, protocol.step, under the compliance); 0 = bake the initial state"),
  /* output */
  KS("output_dir", "results/<deck>", "output folder (<deck> = deck file name without extension)"),
  KI("output_vtk_every", "0", 0, 2000000000, "write a VTK frame every N steps (0 = never)"),
  KB("output_overwrite", "false", "allow writing into an output folder that already holds files"),
};

PetscErrorCode MfSchemaGetTable(const MfKey **keys, PetscInt *n)
{
  PetscFunctionBeginUser;
  *keys = kSchema;
  *n    = (PetscInt)(sizeof(kSchema) / sizeof(kSchema[0]));
  PetscFunctionReturn(0);
}

const MfKey *MfSchemaFind(const char *name)
{
  if (!name) return NULL;
  if (name[0] == '-') name++;
  for (size_t i = 0; i < sizeof(kSchema) / sizeof(kSchema[0]); i++)
    if (!strcasecmp(kSchema[i].name, name)) return &kSchema[i]; /* PETSc option names are case-insensitive */
  return NULL;
}

int MfSchemaIsSection(const char *name)
{
  size_t n;
  if (name[0] == '-') name++;
  n = strcspn(name, "_");
  for (size_t i = 0; i < sizeof(kSchema) / sizeof(kSchema[0]); i++)
    if (!strncasecmp(kSchema[i].name, name, n) && (kSchema[i].name[n] == '_' || kSchema[i].name[n] == 0)) return 1;
  return 0;
}

/* Optimal-string-alignment (restricted Damerau-Levenshtein) distance, case-insensitive: one typo, one
 * missing/extra letter or one swap of neighbours each cost 1. */
int MfSchemaEditDistance(const char *a, const char *b)
{
  enum { L = 128 };
  int    d[L + 1][L + 1];
  size_t la = strlen(a), lb = strlen(b);
  if (la > L) la = L;
  if (lb > L) lb = L;
  for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
      int v    = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < v) v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  return d[la][lb];
}

PetscErrorCode MfSchemaSuggest(const char *name, char *best, size_t len)
{
  int bestd = 1 << 30;

  PetscFunctionBeginUser;
  if (name[0] == '-') name++;
  best[0] = 0;
  for (size_t i = 0; i < sizeof(kSchema) / sizeof(kSchema[0]); i++) {
    int dd = MfSchemaEditDistance(name, kSchema[i].name);
    if (dd < bestd) { /* ties: first in table order, which is deterministic */
      bestd = dd;
      PetscCall(PetscStrncpy(best, kSchema[i].name, len));
    }
  }
  PetscFunctionReturn(0);
}

void MfSchemaDotPath(const char *name, char *out, size_t len)
{
  static const char *const layers[] = {
#define LAYER_NAME(L) #L,
    MF_STACK_LAYERS(LAYER_NAME)
#undef LAYER_NAME
  };
  size_t n;

  if (name[0] == '-') name++;
  if (!strncasecmp(name, "stack_", 6)) {
    for (size_t i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
      size_t l = strlen(layers[i]);
      if (!strncasecmp(name + 6, layers[i], l) && name[6 + l] == '_') {
        snprintf(out, len, "stack.%s.%s", layers[i], name + 7 + l);
        return;
      }
    }
  }
  n = strcspn(name, "_");
  if (name[n]) snprintf(out, len, "%.*s.%s", (int)n, name, name + n + 1);
  else snprintf(out, len, "%s", name);
}

/* Options that belong to PETSc (or to the PETSc objects of memflex's own solvers) and pass through a deck
 * unchecked; PETSc itself reports unused ones with -options_left. Documented in docs/config.md. */
static const char *const kPetscObjectPrefixes[] = {"ksp_", "snes_", "pc_", "ts_", "tao_", "dm_", "mat_", "vec_", "petscspace_", "petscdualspace_", "petscfe_", "petscds_", "petscpartitioner_", "mg_", "fieldsplit_", "sub_", "sf_", "viewer_", "draw_", "da_"};
static const char *const kPetscGlobalPrefixes[] = {"log_", "options_", "info", "malloc", "help", "version", "history", "on_error_", "start_in_debugger", "debugger", "fp_trap", "check_pointer_intensity", "citations", "memory_view", "objects_dump", "use_gpu_aware_mpi", "saws_", "skip_petscrc", "mpi_linear_solver_server", "et_", "mech_", "kmc_solver_",
                                                     /* options that modules read themselves through PETSc (plain numbers, no units) */
                                                     "kmc_selector", "kmc_member", "kmc_rng", "kmc_check_every", "kmc_hop_", "kmc_bench_", "sweep_", "extract_", "coupler_", "materials_cli"};

PetscBool MfSchemaIsPassthrough(const char *name)
{
  const char *p;
  int         component = 0;

  if (name[0] == '-') name++;
  if (MfSchemaFind(name)) return PETSC_FALSE;
  for (size_t i = 0; i < sizeof(kPetscGlobalPrefixes) / sizeof(kPetscGlobalPrefixes[0]); i++)
    if (!strncasecmp(name, kPetscGlobalPrefixes[i], strlen(kPetscGlobalPrefixes[i]))) return PETSC_TRUE;
  /* object prefixes, also behind up to two options-prefix components: -thermal_snes_rtol, -mech_fs_pc_type */
  for (p = name; p && component < 3; component++) {
    for (size_t i = 0; i < sizeof(kPetscObjectPrefixes) / sizeof(kPetscObjectPrefixes[0]); i++)
      if (!strncasecmp(p, kPetscObjectPrefixes[i], strlen(kPetscObjectPrefixes[i]))) return PETSC_TRUE;
    p = strchr(p, '_');
    if (p) p++;
  }
  return PETSC_FALSE;
}
