#ifndef MF_FILAMENT_H
#define MF_FILAMENT_H
/* Conductive-filament switching: the VCM (oxygen vacancies) and ECM (Ag/Cu cations) mechanism plug-ins of
 * the KMC engine (physics/kmc/mf_kmc.h), and the map from the KMC state to the coefficients the FE sees.
 * Contract between physics/mechanisms (laws) and solver/coupler (the KMC-FEM loop).
 *
 * Lattice convention (set by the coupler): simple cubic, spacing a, covering the functional layer of the
 * active area; z = stacking direction, layer k = 0 touches the bottom electrode, k = nz-1 the top electrode
 * (MF_KMC_SITE_BOTTOM_INTERFACE / _TOP_INTERFACE flags). Site fields (E, T, sigma_h) come from the FEM. */
#include "mf_kmc.h"
#include "mf_material.h"
#include "mf_mechanism.h"

/* Species shared by both mechanisms (species 0 = pristine lattice site). A site is CONDUCTING when it holds
 * MF_FIL_DEFECT (a vacancy in VCM, a reduced metal atom in ECM). */
enum { MF_FIL_EMPTY = 0, MF_FIL_DEFECT = 1, MF_FIL_ION = 2, MF_FIL_NSPECIES = 3 };

typedef struct {
  /* rates: nu exp(-(Ea -/+ field term - Omega sigma_h)/kT), physics-references.md §2/§7, filament-models.md */
  PetscReal nu_Hz;
  PetscReal Ea_generation_eV, Ea_recombination_eV, Ea_hop_defect_eV, Ea_hop_ion_eV, Ea_exchange_eV;
  PetscReal dipole_generation_eAng;       /* field coupling of Frenkel-pair generation (e*Angstrom) */
  PetscReal z_defect, z_ion;              /* charge numbers of mobile species */
  PetscReal activation_volume_m3;         /* Omega */
  PetscReal initial_defect_fraction;      /* as-deposited vacancy / metal fraction */
  PetscBool top_reservoir;                /* oxygen exchange with a reactive top electrode (VCM) */
  PetscReal Ea_generation_interface_eV;   /* Frenkel-pair generation at the reservoir interface (its O goes
                                             straight into the reservoir): DeviceKMC HfO2/Ti 1.66 eV */
  PetscReal Ea_recombination_interface_eV; /* reservoir oxygen back into a V_O of the interface layer (< 0: the
                                             bulk Ea_recombination_eV); Ea_gen_if - Ea_rec_if is the free
                                             energy of a V_O with its O in the reservoir */
} MfVcmParams;

typedef struct {
  PetscReal nu_Hz;
  PetscReal Ea_oxidation_eV, Ea_reduction_eV, Ea_hop_ion_eV, Ea_dissolution_eV;
  PetscReal z_ion;                        /* Ag+: 1, Cu2+: 2 */
  PetscReal alpha_transfer;               /* Butler-Volmer transfer coefficient of the redox steps */
  PetscReal activation_volume_m3;
  PetscBool anode_top;                    /* active (oxidised) electrode is the top electrode */
  PetscReal bond_energy_eV;               /* metal-metal bond energy of the dissolution barrier (Gibbs-Thomson) */
  PetscBool lateral_sink;                 /* cations leave through the open lateral lattice edges (simple cubic) */
  PetscBool melting;                      /* melt event on (mech_ecm.c; default off, docs/filament.md says why) */
  PetscReal T_melt_K;                     /* melting point of the filament metal */
  PetscReal surface_tension_J_per_m2;     /* of the liquid metal at T_melt (capillary break-up rate) */
  PetscReal liquid_density_kg_per_m3;     /* of the liquid metal at T_melt */
  PetscReal Ea_reduction_filament_eV;     /* reduction onto metal in the cell (filament atom or inert cathode);
                                             < 0: the anode's Ea_reduction_eV. With Ea_dissolution_eV it sets
                                             the redox free energy of a kink atom (MfEcmRedoxFreeEnergies) */
} MfEcmParams;

/* Published parameter sets (filament-models.md §...): material = "HfO2", "TaOx", "ZnO", "NiO" (VCM),
 * "Ag", "Cu" (ECM); unknown -> error naming the known ones. */
PetscErrorCode MfVcmParamsDefault(const char *material, MfVcmParams *p);
PetscErrorCode MfEcmParamsDefault(const char *metal, MfEcmParams *p);
/* Deck keys kmc_vcm_* / kmc_ecm_* (and the filament map's kmc_map_*, kmc_initial_filament_*): registered by
 * MfVcmRegisterKeys / MfEcmRegisterKeys (their key tables sit in vcm_params.c, ecm_params.c). */
PetscErrorCode MfVcmRegisterKeys(void);
PetscErrorCode MfEcmRegisterKeys(void);
PetscErrorCode MfVcmParamsSetFromConfig(MfVcmParams *p);
PetscErrorCode MfEcmParamsSetFromConfig(MfEcmParams *p);
PetscErrorCode MfKmcSetMechanismVcm(MfKmc kmc, const MfVcmParams *p);
PetscErrorCode MfKmcSetMechanismEcm(MfKmc kmc, const MfEcmParams *p);
PetscErrorCode MfVcmParamsView(const MfVcmParams *p, PetscViewer viewer);
PetscErrorCode MfEcmParamsView(const MfEcmParams *p, PetscViewer viewer);
/* Free energy of M -> M+ + z e (at zero overpotential) of the anode's metal, Ea_ox - Ea_red, and of a filament
 * kink atom, Ea_diss - Ea_red,filament. Both are bulk metal (a kink atom carries the bulk chemical potential),
 * so a thermodynamically consistent set has dG_anode = dG_filament; otherwise a filament grows (dG_filament >
 * dG_anode) or dissolves at zero bias. */
void           MfEcmRedoxFreeEnergies(const MfEcmParams *p, PetscReal *dG_anode_eV, PetscReal *dG_filament_eV);

/* Event types (index into the engine's event-type counts, MfKmcGetEventTypeCounts). */
enum { MF_VCM_EVENT_GENERATION, MF_VCM_EVENT_RECOMBINATION, MF_VCM_EVENT_HOP_VACANCY, MF_VCM_EVENT_HOP_ION, MF_VCM_EVENT_EXCHANGE_OUT, MF_VCM_EVENT_EXCHANGE_IN, MF_VCM_EVENT_GENERATION_INTERFACE, MF_VCM_EVENT_RECOMBINATION_INTERFACE, MF_VCM_NUM_EVENTS };
enum { MF_ECM_EVENT_OXIDATION_ANODE, MF_ECM_EVENT_REDUCTION_ANODE, MF_ECM_EVENT_REDUCTION, MF_ECM_EVENT_HOP_ION, MF_ECM_EVENT_DISSOLUTION, MF_ECM_EVENT_ESCAPE, MF_ECM_EVENT_MELT, MF_ECM_NUM_EVENTS };
/* Per-site event slots of both mechanisms: slot k < maxnb = the event across bond k (which one follows
 * from the species pair), slot maxnb = the event across the electrode "bond" of an interface site
 * (normal +z at the top, -z at the bottom, length a), slot maxnb+1 = VCM Frenkel-pair generation with the
 * O ion going straight into the reservoir, and its reverse (ECM: always empty). */
PetscInt       MfFilamentSlotsPerSite(MfKmcLattice lat);
/* The rates (1/s) and event types (-1 = none) of every slot of `site` exactly as the mechanism computes
 * them (same code path), for diagnostics and verification; rate[] and type[] hold MfFilamentSlotsPerSite. */
PetscErrorCode MfVcmSiteRates(const MfVcmParams *p, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[]);
PetscErrorCode MfEcmSiteRates(const MfEcmParams *p, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[]);
/* VCM mechanism state: aux[site] = oxygen atoms stored in the reservoir in front of a top-interface site,
 * global[0] = total oxygen in the reservoir (conservation: n(V_O) = n(O_i) + global[0]). */

/* Kinetic effect of a uniform hydrostatic stress sigma_h (tensile > 0) through the activation volume of
 * every barrier (physics/mechanisms/strain_kinetics.c): barrier change dE = -Omega sigma_h, rate factor
 * F = exp(Omega sigma_h / kT), and the predicted shift of a ramp's switching voltage dV = -Omega sigma_h /
 * (gamma q) over the voltage sensitivities gamma of the mechanism's field-driven steps for a uniform field
 * over a layer of thickness L with site spacing a: [dV_min, dV_max]. */
PetscErrorCode MfEcmStrainKinetics(const MfEcmParams *p, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *s);
PetscErrorCode MfVcmStrainKinetics(const MfVcmParams *p, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *s);

/* KMC state -> FE coefficients. Each lattice site belongs to one FE cell of the functional layer
 * (site_cell[site] = rank-local cell index into the output arrays, -1 = none). For each cell the map returns
 * an effective sigma at T0 [S/m] and k [W/m/K] such that a conducting path is metallic, a pristine region
 * keeps the matrix value, and a gap between a filament tip and the electrode conducts by a documented
 * tunnelling/hopping law (exponential in the gap, no ill-conditioning: values bounded between the matrix
 * and metallic conductivities). */
typedef struct {
  PetscReal sigma_matrix_S_per_m, sigma_filament_S_per_m;
  PetscReal k_matrix_W_per_mK, k_filament_W_per_mK;
  PetscReal tcr_filament_per_K;           /* TCR of what a filament adds to a cell (the FE's excess conductivity,
                                             MfElectroThermalSetCellExcessConductivity): ECM the anode metal's */
  PetscReal tunnel_decay_m;               /* sigma_gap = sigma_filament exp(-gap/lambda), bounded below */
  PetscBool gap_heat_to_electrodes;       /* gap sites carry k_filament: their Joule heat leaves into the metal */
} MfFilamentMapParams;
PetscErrorCode MfFilamentMapParamsDefault(const MfMaterial *functional, const MfMaterial *filament_metal, MfFilamentMapParams *p);
/* Deck overrides kmc_map_sigma_filament (S/m), kmc_map_k_filament (W/m/K), kmc_map_tcr_filament (1/K),
 * kmc_map_tunnel_decay (m), kmc_map_gap_heat (local|electrodes). */
PetscErrorCode MfFilamentMapParamsSetFromConfig(MfFilamentMapParams *p);
PetscErrorCode MfFilamentMapCells(const MfKmcState *st, const MfFilamentMapParams *p, PetscInt ncells, const PetscInt site_cell[], PetscReal sigma_cell[], PetscReal k_cell[]);
/* The same map for a fixed lattice and site -> cell map (the coupler's, for the whole run): Create builds the
 * cells' site lists and the work arrays once (site_cell is copied; the lattice must outlive the map), Apply
 * gives the bits MfFilamentMapCells gives (which is Create + Apply + Destroy) without rebuilding them. */
typedef struct _n_MfFilamentMap *MfFilamentMap;
PetscErrorCode MfFilamentMapCreate(MfKmcLattice lat, PetscInt ncells, const PetscInt site_cell[], MfFilamentMap *map);
PetscErrorCode MfFilamentMapApply(MfFilamentMap map, const MfKmcState *st, const MfFilamentMapParams *p, PetscReal sigma_cell[], PetscReal k_cell[]);
PetscErrorCode MfFilamentMapDestroy(MfFilamentMap *map);

/* Filament diagnostics: defects, the tallest connected cluster attached to the bottom (or top) electrode,
 * the gap between its tip and the opposite electrode, whether it bridges, and its radius.
 * Conventions (docs/filament.md): a site stands for a cube of side a; height = number of layers the
 * cluster spans x a; gap = least number of non-conducting sites on any nearest-neighbour path from the
 * bottom electrode to the top electrode x a (0-1 breadth-first search; conducting sites cost 0), so that
 * height + gap = nz a for a straight column; radius = sqrt(n_min a^2/pi), n_min = sites of the cluster
 * in its narrowest layer (the constriction that sets the resistance). */
typedef struct {
  PetscInt  n_defects, n_ions;
  PetscBool connected;
  PetscReal gap_m;                        /* 0 when connected */
  PetscReal height_m, radius_m;
  /* added by physics/mechanisms: */
  PetscInt  cluster_sites;                /* sites of the analysed (tallest electrode-attached) cluster */
  PetscInt  attached_to;                  /* 0 = bottom, 1 = top electrode, -1 = no attached cluster */
  PetscReal radius_mean_m;                /* sqrt(V/(pi h)) of that cluster; radius_m = narrowest layer */
} MfFilamentInfo;
PetscErrorCode MfFilamentAnalyse(const MfKmcState *st, MfFilamentInfo *info);

#endif
