/* Key registry invariants and helpers (common/keys.c, solver/config/schema.c, material.c):
 *  - names unique (case-insensitive, as PETSc compares options), every default valid and in range,
 *    enum defaults among the choices, every option name flattens back from its deck dot-path;
 *  - the generated per-layer keys exist for every layer and map onto distinct MfMaterial fields;
 *  - suggestions: typical typos find the intended key;
 *  - pass-through table: PETSc options pass, memflex-looking typos do not. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mf_config.h"
#include "mf_run.h" /* MfRegisterAll */
#include "mf_config_material.h"

#define CHECK(cond, ...) \
  do { \
    if (!(cond)) { \
      printf("FAIL: " __VA_ARGS__); \
      printf("\n"); \
      nfail++; \
    } \
  } while (0)

int main(int argc, char **argv)
{
  PetscInt            n, nlayers;
  const char *const  *layers;
  int                 nfail = 0;
  char                msg[512], best[128];
  PetscBool           ok;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "schema tests"));
  PetscCall(MfRegisterAll());
  n = MfKeysCount();
  printf("schema: %d keys\n", (int)n);
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt j = i + 1; j < n; j++) CHECK(strcasecmp(MfKeysGet(i)->name, MfKeysGet(j)->name), "duplicate key %s", MfKeysGet(i)->name);
    CHECK(MfSchemaFind(MfKeysGet(i)->name) == MfKeysGet(i), "MfSchemaFind(%s)", MfKeysGet(i)->name);
    CHECK(MfKeysGet(i)->help && MfKeysGet(i)->help[0], "key %s has no help", MfKeysGet(i)->name);
    CHECK(MfKeysGet(i)->unit, "key %s has no unit string", MfKeysGet(i)->name);
    if (MfKeysGet(i)->def && MfKeysGet(i)->def[0]) {
      PetscCall(MfConfigCheckValue(MfKeysGet(i), MfKeysGet(i)->def, &ok, msg, sizeof(msg)));
      CHECK(ok, "default '%s' of %s is invalid: %s", MfKeysGet(i)->def, MfKeysGet(i)->name, msg);
    }
    if (MfKeysGet(i)->type == MF_KEY_REAL || MfKeysGet(i)->type == MF_KEY_REAL_ARRAY) {
      PetscReal v;
      PetscCall(MfUnitsParse("1", MfKeysGet(i)->unit, &v, &ok, msg, sizeof(msg)));
      CHECK(ok, "unit '%s' of %s does not parse: %s", MfKeysGet(i)->unit, MfKeysGet(i)->name, msg);
      CHECK(MfKeysGet(i)->min < MfKeysGet(i)->max, "empty range for %s", MfKeysGet(i)->name);
    }
    CHECK(MfKeysGet(i)->type != MF_KEY_ENUM || (MfKeysGet(i)->choices && MfKeysGet(i)->choices[0]), "enum %s has no choices", MfKeysGet(i)->name);
    CHECK(!MfSchemaIsPassthrough(MfKeysGet(i)->name), "schema key %s would be treated as a PETSc option", MfKeysGet(i)->name);
  }
  /* generated layer keys and the material mapping */
  PetscCall(MfConfigStackLayers(&layers, &nlayers));
  CHECK(nlayers == 7, "7 stack layers expected, got %d", (int)nlayers);
  for (PetscInt l = 0; l < nlayers; l++) {
    static const char *const props[] = {"material", "thickness", "cells", "sigma", "tcr", "sigma_Ea", "T0", "sigma_T_max", "eps_r", "k", "cp", "density", "T_max_service", "T_glass", "E", "nu", "cte", "work_function", "bandgap", "electron_affinity", "ion_hop_Ea", "T_melt", "sigma_law", "electrochemically_active"};
    for (size_t p = 0; p < sizeof(props) / sizeof(props[0]); p++) {
      char key[128];
      const PetscBool geometry = (PetscBool)(!strcmp(props[p], "thickness") || !strcmp(props[p], "cells"));
      snprintf(key, sizeof(key), "stack_%s_%s", layers[l], props[p]);
      /* the fill lies beside the electrode lines: no thickness or cells of its own */
      if (geometry && !strcmp(layers[l], "fill")) CHECK(!MfSchemaFind(key), "key %s must not exist", key);
      else CHECK(MfSchemaFind(key), "generated key %s missing", key);
    }
  }
  {
    const MfKey *nu = MfSchemaFind("stack_functional_nu");
    PetscCall(MfConfigCheckValue(nu, "0.5", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "(-1, 0.5)"), "nu = 0.5 must be rejected with the open range, got '%s'", msg);
    PetscCall(MfConfigCheckValue(nu, "0.4999", &ok, msg, sizeof(msg)));
    CHECK(ok, "nu = 0.4999 must be accepted: %s", msg);
    PetscCall(MfConfigCheckValue(MfSchemaFind("stack_functional_thickness"), "-5 nm", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "out of range"), "negative thickness must be rejected, got '%s'", msg);
    PetscCall(MfConfigCheckValue(MfSchemaFind("stack_functional_thickness"), "0", &ok, msg, sizeof(msg)));
    CHECK(!ok, "zero thickness must be rejected");
    PetscCall(MfConfigCheckValue(MfSchemaFind("mesh_dim"), "2.5", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "not an integer"), "mesh_dim 2.5: '%s'", msg);
    PetscCall(MfConfigCheckValue(MfSchemaFind("thermal_mode"), "Transient", &ok, msg, sizeof(msg)));
    CHECK(ok, "enum choices are case-insensitive");
    PetscCall(MfConfigCheckValue(MfSchemaFind("output_overwrite"), "maybe", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "true or false"), "bool 'maybe': '%s'", msg);
    /* a list key (no schema key is a list yet: a local one checks the machinery) */
    const MfKey radii = {"radii", MF_KEY_REAL_ARRAY, "m", "", 0, 10, NULL, "bending radii", PETSC_TRUE, PETSC_FALSE};
    PetscCall(MfConfigCheckValue(&radii, "20 mm,10 mm, 5mm", &ok, msg, sizeof(msg)));
    CHECK(ok, "list of radii: %s", msg);
    PetscCall(MfConfigCheckValue(&radii, "20 mm,,5mm", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "empty list item"), "empty item: '%s'", msg);
    PetscCall(MfConfigCheckValue(&radii, "20 mm,-5mm", &ok, msg, sizeof(msg)));
    CHECK(!ok && strstr(msg, "'-5mm' = -0.005 m is out of range"), "negative radius in a list: '%s'", msg);
  }
  /* material overrides: set two in the options database, apply onto a record */
  {
    MfMaterial m;
    PetscInt   cnt;
    memset(&m, 0, sizeof(m));
    m.E_Pa = 1;
    m.nu   = 0.1;
    PetscCall(PetscOptionsSetValue(NULL, "-stack_substrate_E", "2.8 GPa"));
    PetscCall(PetscOptionsSetValue(NULL, "-stack_substrate_nu", "0.34"));
    PetscCall(PetscOptionsSetValue(NULL, "-stack_substrate_cte", "20 ppm/K"));
    PetscCall(PetscOptionsSetValue(NULL, "-stack_substrate_sigma_law", "activated"));
    PetscCall(MfConfigApplyMaterialOverrides("substrate", &m, &cnt));
    CHECK(cnt == 4, "4 overrides expected, got %d", (int)cnt);
    CHECK(m.E_Pa == 2.8e9 && m.nu == 0.34 && m.cte_per_K == 2e-5 && m.sigma_law == MF_SIGMA_ACTIVATED, "override values E=%g nu=%g cte=%g", (double)m.E_Pa, (double)m.nu, (double)m.cte_per_K);
    CHECK(strstr(m.source, "[deck override: E, nu, cte, sigma_law]") != NULL, "provenance note '%s'", m.source);
    CHECK(m.k_W_per_mK == 0, "unset fields untouched");
    PetscCall(PetscOptionsClearValue(NULL, "-stack_substrate_E"));
    PetscCall(PetscOptionsClearValue(NULL, "-stack_substrate_nu"));
    PetscCall(PetscOptionsClearValue(NULL, "-stack_substrate_cte"));
    PetscCall(PetscOptionsClearValue(NULL, "-stack_substrate_sigma_law"));
  }
  /* suggestions */
  {
    static const char *const typo[][2] = {
      {"stack_functional_thicknes", "stack_functional_thickness"},
      {"device_votlage", "device_voltage"},
      {"device_ambient_temprature", "device_ambient_temperature"},
      {"protocol_vmax", "protocol_v_max"},
      {"thermal_mod", "thermal_mode"},
      {"stack_top_electrode_materal", "stack_top_electrode_material"},
      {"output_overwite", "output_overwrite"},
    };
    for (size_t i = 0; i < sizeof(typo) / sizeof(typo[0]); i++) {
      PetscCall(MfSchemaSuggest(typo[i][0], best, sizeof(best)));
      CHECK(!strcmp(best, typo[i][1]), "suggestion for %s: got %s, expected %s", typo[i][0], best, typo[i][1]);
    }
  }
  /* pass-through */
  {
    static const char *const pass[] = {"ksp_type", "snes_rtol", "pc_gamg_threshold", "ts_max_steps", "dm_plex_dim", "petscspace_degree", "log_view", "options_left", "malloc_debug", "info", "thermal_snes_rtol", "mech_pc_type", "electric_ksp_rtol", "fieldsplit_0_pc_type", "mg_levels_ksp_type", "kmc_selector", "kmc_hop_Ea", "et_snes_rtol"};
    static const char *const stop[] = {"device_votlage", "stack_functional_thicknes", "protocol_typ", "mesh_refien", "kmc_sed"};
    for (size_t i = 0; i < sizeof(pass) / sizeof(pass[0]); i++) CHECK(MfSchemaIsPassthrough(pass[i]), "%s should pass through", pass[i]);
    for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++) CHECK(!MfSchemaIsPassthrough(stop[i]), "%s must not pass through", stop[i]);
  }
  printf("%d failure(s)\n", nfail);
  { /* the registry: a table registered again is a no-op, a name from a second table an internal error */
    static const MfKey dup[] = {{"device_voltage", MF_KEY_REAL, "V", "0", 0, 1, NULL, "a second device_voltage", PETSC_FALSE, PETSC_FALSE}};
    PetscErrorCode     e;
    PetscCall(MfRegisterAll());
    CHECK(MfKeysCount() == n, "registering again changed the number of keys to %d", (int)MfKeysCount());
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    e = MfKeysRegister(dup, 1);
    PetscCall(PetscPopErrorHandler());
    CHECK(e == PETSC_ERR_PLIB, "a key registered by two tables gave error %d", (int)e);
    CHECK(MfKeysCount() == n, "a rejected table was registered");
    CHECK(!MfSchemaFind("bending_cycles"), "bending_cycles is read by nothing and must not be a key");
  }
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
