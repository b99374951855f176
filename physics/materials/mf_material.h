#ifndef MF_MATERIAL_H
#define MF_MATERIAL_H
/* Material model shared by every physics module: one record per material, SI units throughout.
 * The library lives in inputs/materials/<class>/<Name>.yaml (one file per material, every number
 * with a source); physics/materials/materials.c loads it. This header is the contract between the
 * material library and the FE/KMC modules: add fields here, never duplicate them elsewhere. */
#include <petscsys.h>
#include <petscviewer.h>

#define MF_NAME_LEN 64
#define MF_SOURCE_LEN 2048 /* per-property citations of one material (materials lead: was 512) */

typedef enum { MF_MATERIAL_SUBSTRATE, MF_MATERIAL_ELECTRODE, MF_MATERIAL_FUNCTIONAL, MF_MATERIAL_OTHER } MfMaterialClass;

/* Temperature law of the electrical conductivity (physics/electrothermal owns the formulas):
 *  CONSTANT:  sigma = sigma0
 *  METALLIC:  sigma = sigma0 / (1 + beta (T - T0))                     (linear resistivity, TCR beta)
 *  ACTIVATED: sigma = sigma0 * exp(-Ea/kB (1/T - 1/T0))                 (semiconducting/insulating)   */
typedef enum { MF_SIGMA_CONSTANT, MF_SIGMA_METALLIC, MF_SIGMA_ACTIVATED } MfSigmaLaw;

typedef struct {
  char            name[MF_NAME_LEN];       /* e.g. "PET", "Pt", "HfO2" */
  MfMaterialClass klass;
  /* electrical */
  MfSigmaLaw sigma_law;
  PetscReal  sigma_S_per_m;                /* conductivity at T0_K */
  PetscReal  tcr_per_K;                    /* beta of the METALLIC law (resistivity TCR) */
  PetscReal  sigma_Ea_eV;                  /* activation energy of the ACTIVATED law */
  PetscReal  T0_K;                         /* reference temperature of the laws (default 300 K) */
  PetscReal  sigma_T_max_K;                /* upper end of the temperature range the conductivity law holds in
                                              (0 = not limited): above it sigma keeps its value there */
  PetscReal  eps_r;                        /* relative permittivity */
  /* thermal */
  PetscReal  k_W_per_mK;                   /* thermal conductivity */
  PetscReal  cp_J_per_kgK;                 /* specific heat */
  PetscReal  density_kg_per_m3;
  PetscReal  T_max_service_K;              /* max service temperature (substrates; 0 = not given) */
  PetscReal  T_glass_K;                    /* glass transition (polymers; 0 = not given) */
  /* mechanical */
  PetscReal  E_Pa;                         /* Young's modulus */
  PetscReal  nu;                           /* Poisson ratio, -1 < nu < 0.5 */
  PetscReal  cte_per_K;                    /* linear thermal expansion coefficient */
  /* electrochemistry / kinetics hints */
  PetscBool  electrochemically_active;     /* Ag, Cu: ECM anode */
  PetscReal  work_function_eV;             /* electrodes (0 = not given) */
  /* band alignment and defect kinetics of functional layers (0 = not given; added by the materials module) */
  PetscReal  bandgap_eV;                   /* optical/electronic gap */
  PetscReal  electron_affinity_eV;         /* Schottky barrier phi_B = W_metal - chi (Schottky-Mott) */
  PetscReal  ion_hop_Ea_eV;                /* migration barrier of the layer's mobile ionic defect (V_O, Ag+, ...) */
  PetscReal  T_melt_K;                     /* melting point (filament dissolution, phase-change RESET) */
  /* provenance */
  char       source[MF_SOURCE_LEN];        /* citations, one string */
  char       estimated[MF_SOURCE_LEN];     /* comma-separated list of fields that are estimates */
} MfMaterial;

/* ---- material library API (physics/materials, library target mf_materials) ----------------------- */
/* Library directory: option -materials_dir, else env MEMFLEX_MATERIALS, else the compiled-in
 * ${CMAKE_SOURCE_DIR}/inputs/materials. */
PetscErrorCode MfMaterialLibraryDir(char *dir, size_t len);
/* Load `name` (case- and punctuation-insensitive; file stem, `name:` or any `aliases:` entry) from libdir
 * (NULL = MfMaterialLibraryDir). A name ending in ".yaml" is read as a file path. Rank 0 reads, all ranks
 * receive the record. Unknown name: error naming it and the nearest known name. */
PetscErrorCode MfMaterialLoad(MPI_Comm comm, const char *libdir, const char *name, MfMaterial *m);
/* Load and validate one material file (any location). */
PetscErrorCode MfMaterialLoadFile(MPI_Comm comm, const char *path, MfMaterial *m);
/* Every material of the library, sorted by class then file name; free with PetscFree(*mats). */
PetscErrorCode MfMaterialLibraryLoadAll(MPI_Comm comm, const char *libdir, PetscInt *n, MfMaterial **mats);
/* Set one property by its YAML key (e.g. "k_W_per_mK"), value in SI. sigma_law takes 0/1/2
 * (CONSTANT/METALLIC/ACTIVATED), electrochemically_active 0/1. Unknown key: error listing the valid keys.
 * Does not validate (call MfMaterialValidate after the last override). The property leaves `estimated`. */
PetscErrorCode MfMaterialSetProperty(MfMaterial *m, const char *property, PetscReal value_SI);
/* Overrides from the options database: -<prefix><key> for every property key (bare SI numbers),
 * -<prefix>sigma_law CONSTANT|METALLIC|ACTIVATED; then validates with origin "options -<prefix>*". */
PetscErrorCode MfMaterialSetFromOptions(MfMaterial *m, const char *prefix);
/* Physical ranges (conductivities >= 0, k, cp, density, E > 0, -1 < nu < 0.5, |cte| < 1e-3, T0 > 0, ...).
 * The error names origin (file or deck), material, property, value and the expected range. */
PetscErrorCode MfMaterialValidate(const MfMaterial *m, const char *origin);
/* Property keys (= YAML keys = struct fields) in table order, with their SI unit ("" = dimensionless). */
PetscErrorCode MfMaterialPropertyCount(PetscInt *n);
PetscErrorCode MfMaterialPropertyName(PetscInt i, const char **key, const char **unit);
/* Value of one property in SI (sigma_law and electrochemically_active as 0/1/2). */
PetscErrorCode MfMaterialGetProperty(const MfMaterial *m, const char *property, PetscReal *value_SI);
/* Help output: one line per library material (class, name, sigma, k, E, nu, cte). */
PetscErrorCode MfMaterialList(MPI_Comm comm, const char *libdir, PetscViewer viewer);
/* Every property with its unit; estimates marked "(est.)"; then the sources. */
PetscErrorCode MfMaterialView(const MfMaterial *m, PetscViewer viewer);
extern const char *const MfSigmaLaws[];   /* "CONSTANT","METALLIC","ACTIVATED" */
extern const char *const MfMaterialClasses[]; /* "substrate","electrode","functional","other" */

#endif
