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
} MfVcmParams;

typedef struct {
  PetscReal nu_Hz;
  PetscReal Ea_oxidation_eV, Ea_reduction_eV, Ea_hop_ion_eV, Ea_dissolution_eV;
  PetscReal z_ion;                        /* Ag+: 1, Cu2+: 2 */
  PetscReal alpha_transfer;               /* Butler-Volmer transfer coefficient of the redox steps */
  PetscReal activation_volume_m3;
  PetscBool anode_top;                    /* active (oxidised) electrode is the top electrode */
} MfEcmParams;

/* Published parameter sets (filament-models.md §...): material = "HfO2", "TaOx", "ZnO", "NiO" (VCM),
 * "Ag", "Cu" (ECM); unknown -> error naming the known ones. */
PetscErrorCode MfVcmParamsDefault(const char *material, MfVcmParams *p);
PetscErrorCode MfEcmParamsDefault(const char *metal, MfEcmParams *p);
/* Deck keys kmc_vcm_* / kmc_ecm_* (read through solver/config MfConfigGet*, schema entries included). */
PetscErrorCode MfVcmParamsSetFromConfig(MfVcmParams *p);
PetscErrorCode MfEcmParamsSetFromConfig(MfEcmParams *p);
PetscErrorCode MfKmcSetMechanismVcm(MfKmc kmc, const MfVcmParams *p);
PetscErrorCode MfKmcSetMechanismEcm(MfKmc kmc, const MfEcmParams *p);

/* KMC state -> FE coefficients. Each lattice site belongs to one FE cell of the functional layer
 * (site_cell[site] = rank-local cell index into the output arrays, -1 = none). For each cell the map returns
 * an effective sigma at T0 [S/m] and k [W/m/K] such that a conducting path is metallic, a pristine region
 * keeps the matrix value, and a gap between a filament tip and the electrode conducts by a documented
 * tunnelling/hopping law (exponential in the gap, no ill-conditioning: values bounded between the matrix
 * and metallic conductivities). */
typedef struct {
  PetscReal sigma_matrix_S_per_m, sigma_filament_S_per_m;
  PetscReal k_matrix_W_per_mK, k_filament_W_per_mK;
  PetscReal tunnel_decay_m;               /* sigma_gap = sigma_filament exp(-gap/lambda), bounded below */
} MfFilamentMapParams;
PetscErrorCode MfFilamentMapParamsDefault(const MfMaterial *functional, const MfMaterial *filament_metal, MfFilamentMapParams *p);
PetscErrorCode MfFilamentMapCells(const MfKmcState *st, const MfFilamentMapParams *p, PetscInt ncells, const PetscInt site_cell[], PetscReal sigma_cell[], PetscReal k_cell[]);

/* Filament diagnostics: defects, the tallest connected cluster attached to the bottom (or top) electrode,
 * the gap between its tip and the opposite electrode, whether it bridges, and its radius. */
typedef struct {
  PetscInt  n_defects, n_ions;
  PetscBool connected;
  PetscReal gap_m;                        /* 0 when connected */
  PetscReal height_m, radius_m;
} MfFilamentInfo;
PetscErrorCode MfFilamentAnalyse(const MfKmcState *st, MfFilamentInfo *info);

#endif
