/* Keys of the deck layer itself (the per-layer stack keys) and the PETSc pass-through table.
 * Every other module registers the keys it reads from its own file (MfRegisterAll). Conventions:
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
#include "mf_keys_table.h"

#define LAYER_PROP(L, alias, field, unit, lo, hi, lo_o, hi_o, help) \
  KR("stack_" #L "_" #alias, unit, "", lo, hi, lo_o, hi_o, #L " layer: " help " (overrides the library value)"),
/* The four layers every device has need a material; buffer, cap and fill are optional. The fill has no
 * geometry of its own: it is the dielectric beside the electrode lines (meshes/stack_mesher.c). */
#define LAYER(L, matdef) \
  KS("stack_" #L "_material", matdef, #L " layer: material name from the library (inputs/materials)"), \
  KR("stack_" #L "_thickness", "m", "", 0, 1e-2, T, F, #L " layer thickness (needed unless mesh_file is given)"), \
  KI("stack_" #L "_cells", "0", 0, 100000, #L " layer: cells across the thickness (0 = automatic)"), \
  LAYER_PROPS(L)
#define LAYER_PROPS(L) \
  MF_MATERIAL_REAL_PROPS(LAYER_PROP, L) \
  KE("stack_" #L "_sigma_law", "", "constant|metallic|activated", #L " layer: temperature law of sigma (overrides the library)"), \
  KB("stack_" #L "_electrochemically_active", "", #L " layer: electrochemically active (ECM anode; overrides the library)"),

static const MfKey kConfigKeys[] = {
  /* stack: layers from the substrate up */
  LAYER(substrate, NULL)
  LAYER(buffer, "")
  LAYER(bottom_electrode, NULL)
  LAYER(functional, NULL)
  LAYER(top_electrode, NULL)
  LAYER(cap, "")
  KS("stack_fill_material", "", "fill: material beside the electrode lines (unset = the functional layer's material)"),
  LAYER_PROPS(fill)
};

PetscErrorCode MfConfigRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kConfigKeys, MF_KEYS_N(kConfigKeys)));
  PetscCall(MfKeysSetLabelFunction(MfConfigLabel));
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
