#ifndef MF_CONFIG_IMPL_H
#define MF_CONFIG_IMPL_H
/* Internals shared by the files of solver/config (not part of the public contract). */
#include <stddef.h>
#include "mf_config.h"

#define MF_CONFIG_MSG_LEN 512
#define MF_CONFIG_VALUE_LEN 1024

/* Layers of a stack, in the order of MfRegionId 1..7 (meshes/mf_mesh.h). */
#define MF_STACK_LAYERS(X) X(substrate) X(buffer) X(bottom_electrode) X(functional) X(top_electrode) X(cap) X(fill)

/* The single mapping table between deck override keys stack_<layer>_<alias> and the numeric fields of
 * MfMaterial (physics/materials/mf_material.h). Ranges are the physically admissible ones and equal those
 * of physics/materials/materials_props.c (which re-validates a material after overrides).
 * X(L, alias, field, unit, min, max, min_open, max_open, help) */
#define MF_MATERIAL_REAL_PROPS(X, L) \
  X(L, sigma, sigma_S_per_m, "S/m", 0, 1e9, PETSC_FALSE, PETSC_FALSE, "electrical conductivity at T0") \
  X(L, tcr, tcr_per_K, "1/K", -0.1, 0.1, PETSC_FALSE, PETSC_FALSE, "temperature coefficient of resistivity (metallic law)") \
  X(L, sigma_Ea, sigma_Ea_eV, "eV", 0, 5, PETSC_FALSE, PETSC_FALSE, "conduction activation energy (activated law)") \
  X(L, T0, T0_K, "K", 0, 5000, PETSC_TRUE, PETSC_FALSE, "reference temperature of the conductivity law") \
  X(L, sigma_T_max, sigma_T_max_K, "K", 0, 5000, PETSC_FALSE, PETSC_FALSE, "upper end of the conductivity law's temperature range (0 = not limited)") \
  X(L, eps_r, eps_r, "", 1, 1e5, PETSC_FALSE, PETSC_FALSE, "relative permittivity") \
  X(L, k, k_W_per_mK, "W/m/K", 0, 5000, PETSC_TRUE, PETSC_FALSE, "thermal conductivity") \
  X(L, cp, cp_J_per_kgK, "J/kg/K", 0, 2e4, PETSC_TRUE, PETSC_FALSE, "specific heat") \
  X(L, density, density_kg_per_m3, "kg/m^3", 0, 3e4, PETSC_TRUE, PETSC_FALSE, "mass density") \
  X(L, T_max_service, T_max_service_K, "K", 0, 5000, PETSC_FALSE, PETSC_FALSE, "maximum service temperature") \
  X(L, T_glass, T_glass_K, "K", 0, 5000, PETSC_FALSE, PETSC_FALSE, "glass transition temperature") \
  X(L, E, E_Pa, "Pa", 0, 2e12, PETSC_TRUE, PETSC_FALSE, "Young's modulus") \
  X(L, nu, nu, "", -1, 0.5, PETSC_TRUE, PETSC_TRUE, "Poisson ratio (-1 < nu < 0.5)") \
  X(L, cte, cte_per_K, "1/K", -1e-3, 1e-3, PETSC_TRUE, PETSC_TRUE, "linear thermal expansion coefficient") \
  X(L, work_function, work_function_eV, "eV", 0, 10, PETSC_FALSE, PETSC_FALSE, "work function") \
  X(L, bandgap, bandgap_eV, "eV", 0, 15, PETSC_FALSE, PETSC_FALSE, "band gap") \
  X(L, electron_affinity, electron_affinity_eV, "eV", 0, 10, PETSC_FALSE, PETSC_FALSE, "electron affinity") \
  X(L, ion_hop_Ea, ion_hop_Ea_eV, "eV", 0, 10, PETSC_FALSE, PETSC_FALSE, "migration barrier of the mobile ionic defect") \
  X(L, T_melt, T_melt_K, "K", 0, 5000, PETSC_FALSE, PETSC_FALSE, "melting point")


/* schema.c */
/* canonical deck spelling of a key: "stack_bottom_electrode_E" -> "stack.bottom_electrode.E" */
void MfSchemaDotPath(const char *name, char *out, size_t len);

/* validate.c: was -name given on the command line (argv)? */
PetscBool MfConfigFromCommandLine(const char *name);
/* "option -name" for command-line options, "deck.yaml: key 'a.b.c'" for deck keys */
PetscErrorCode MfConfigKeyLabel(const char *name, char *out, size_t len);
/* the registry's label function (MfKeysSetLabelFunction): MfConfigKeyLabel, or the missing-key label */
PetscErrorCode MfConfigLabel(const char *name, PetscBool missing, char *out, size_t len);

#endif
