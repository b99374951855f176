/* From the validated config to materials and a labelled mesh. */
#include "mf_run.h"
#include "mf_config.h"
#include "mf_config_material.h"
#include "mf_stack_mesher.h"
#include "mf_material.h"

PetscErrorCode MfRunLoadMaterials(MPI_Comm comm, MfMaterial mats[MF_NUM_REGIONS], PetscBool present[MF_NUM_REGIONS])
{
  const char *const *layers;
  PetscInt           nlayers;

  PetscFunctionBeginUser;
  PetscCall(MfConfigStackLayers(&layers, &nlayers));
  PetscCall(PetscMemzero(mats, sizeof(MfMaterial) * MF_NUM_REGIONS));
  for (PetscInt r = 0; r < MF_NUM_REGIONS; r++) present[r] = PETSC_FALSE;
  for (PetscInt l = 0; l < nlayers; l++) {
    char      key[128], name[MF_NAME_LEN], origin[256];
    PetscBool set;
    MfRegionId r = (MfRegionId)(l + 1);

    PetscCall(PetscSNPrintf(key, sizeof(key), "stack_%s_material", layers[l]));
    PetscCall(MfConfigGetString(key, name, sizeof(name), &set));
    if (!set || !name[0]) continue;
    PetscCall(MfMaterialLoad(comm, NULL, name, &mats[r]));
    PetscCall(MfConfigApplyMaterialOverrides(layers[l], &mats[r], NULL));
    PetscCall(PetscSNPrintf(origin, sizeof(origin), "deck key stack.%s (material %s)", layers[l], name));
    PetscCall(MfMaterialValidate(&mats[r], origin));
    present[r] = PETSC_TRUE;
  }
  PetscCheck(present[MF_REGION_SUBSTRATE] && present[MF_REGION_BOTTOM_ELECTRODE] && present[MF_REGION_FUNCTIONAL] && present[MF_REGION_TOP_ELECTRODE], comm, PETSC_ERR_USER_INPUT,
             "the stack needs a material for each of stack.substrate, stack.bottom_electrode, stack.functional and stack.top_electrode");
  /* The dielectric beside narrow electrode lines: the functional material unless the deck names one. */
  if (!present[MF_REGION_FILL]) {
    mats[MF_REGION_FILL] = mats[MF_REGION_FUNCTIONAL];
    present[MF_REGION_FILL] = PETSC_TRUE;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunCreateMesh(MPI_Comm comm, const PetscBool present[MF_NUM_REGIONS], DM *dm)
{
  char        file[PETSC_MAX_PATH_LEN];
  PetscBool   set;
  MfStackSpec spec;
  PetscInt    dim, refine;
  PetscReal   v;
  const char *const *layers;
  PetscInt           nlayers;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("mesh_file", file, sizeof(file), &set));
  if (set && file[0]) {
    PetscCall(MfMeshLoadGmsh(comm, file, dm));
    PetscFunctionReturn(0);
  }
  PetscCall(MfConfigGetInt("mesh_dim", &dim, NULL));
  PetscCall(MfStackSpecSetDefaults(dim, &spec));
  PetscCall(MfConfigStackLayers(&layers, &nlayers));
  spec.num_layers = 0;
  for (PetscInt l = 0; l < nlayers; l++) {
    MfRegionId r = (MfRegionId)(l + 1);
    char       key[128];
    PetscReal  t;
    PetscInt   cells;

    if (r == MF_REGION_FILL || !present[r]) continue;
    PetscCall(PetscSNPrintf(key, sizeof(key), "stack_%s_thickness", layers[l]));
    PetscCall(MfConfigGetReal(key, &t, &set));
    PetscCheck(set, comm, PETSC_ERR_USER_INPUT, "stack.%s.thickness is required (a length > 0, e.g. '10 nm') when the built-in mesher is used", layers[l]);
    PetscCall(PetscSNPrintf(key, sizeof(key), "stack_%s_cells", layers[l]));
    PetscCall(MfConfigGetInt(key, &cells, NULL));
    spec.layer[spec.num_layers++] = (MfStackLayer){r, t, cells};
  }
  PetscCall(MfConfigGetReal("mesh_width", &spec.width_m, NULL));
  PetscCall(MfConfigGetReal("mesh_electrode_width", &v, &set));
  spec.electrode_width_m = set ? v : spec.width_m;
  PetscCall(MfConfigGetReal("mesh_functional_cell", &v, &set));
  if (set) spec.h_functional_m = v;
  else spec.h_functional_m = PetscMin(spec.h_functional_m, spec.layer[0].thickness_m); /* keep the default */
  PetscCall(MfConfigGetReal("mesh_lateral_cell", &v, &set));
  if (set) spec.h_lateral_m = v;
  PetscCall(MfConfigGetReal("mesh_grading", &spec.grading, NULL));
  PetscCall(MfConfigGetInt("mesh_refine", &refine, NULL));
  spec.refine = refine;
  {
    char mech[64];
    PetscCall(MfConfigGetString("kmc_mechanism", mech, sizeof(mech), NULL));
    if (strcmp(mech, "none")) PetscCall(MfConfigGetReal("kmc_spacing", &spec.kmc_lattice_m, NULL));
  }
  PetscCall(MfStackSpecValidate(comm, &spec));
  PetscCall(MfStackMeshCreate(comm, &spec, dm));
  PetscFunctionReturn(0);
}
