#ifndef MF_CONFIG_MATERIAL_H
#define MF_CONFIG_MATERIAL_H
/* Deck overrides of library material properties, per stack layer:
 *   stack: {functional: {material: HfO2, k: 0.8 W/m/K, nu: 0.3}}
 * The mapping alias <-> MfMaterial field is the single table MF_MATERIAL_REAL_PROPS (mf_config_impl.h). */
#include "mf_config.h"
#include "mf_material.h"

/* Layer names of the stack, bottom to top, in MfRegionId order 1..7 (meshes/mf_mesh.h). */
PetscErrorCode MfConfigStackLayers(const char *const **names, PetscInt *n);

/* Overwrite the fields of `mat` whose override key stack_<layer>_<alias> is set (value in SI, energies in
 * eV); *noverride (may be NULL) counts them, and their aliases are appended to mat->source as
 * "[deck override: k, nu]" so that provenance stays visible. */
PetscErrorCode MfConfigApplyMaterialOverrides(const char *layer, MfMaterial *mat, PetscInt *noverride);

#endif
