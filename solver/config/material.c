/* Per-layer material overrides from the deck onto a library MfMaterial. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mf_config_material.h"
#include "mf_config_impl.h"

typedef struct {
  const char *alias;
  size_t      offset;
} PropMap;

#define PROP_MAP(L, alias, field, unit, lo, hi, lo_o, hi_o, help) {#alias, offsetof(MfMaterial, field)},
static const PropMap kProps[] = {MF_MATERIAL_REAL_PROPS(PROP_MAP, unused)};
#undef PROP_MAP

#define LAYER_NAME(L) #L,
static const char *const kLayers[] = {MF_STACK_LAYERS(LAYER_NAME)};
#undef LAYER_NAME

PetscErrorCode MfConfigStackLayers(const char *const **names, PetscInt *n)
{
  PetscFunctionBeginUser;
  *names = kLayers;
  *n     = (PetscInt)(sizeof(kLayers) / sizeof(kLayers[0]));
  PetscFunctionReturn(0);
}

static void Note(char *list, size_t len, const char *alias)
{
  size_t l = strlen(list);
  snprintf(list + l, len - l, "%s%s", l ? ", " : "", alias);
}

PetscErrorCode MfConfigApplyMaterialOverrides(const char *layer, MfMaterial *mat, PetscInt *noverride)
{
  char      key[160], list[512] = "", text[64];
  PetscBool set, known = PETSC_FALSE;
  PetscInt  cnt = 0;

  PetscFunctionBeginUser;
  for (size_t i = 0; i < sizeof(kLayers) / sizeof(kLayers[0]); i++)
    if (!strcmp(layer, kLayers[i])) known = PETSC_TRUE;
  PetscCheck(known, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "unknown stack layer '%s' (expected substrate, buffer, bottom_electrode, functional, top_electrode, cap or fill)", layer);
  for (size_t i = 0; i < sizeof(kProps) / sizeof(kProps[0]); i++) {
    PetscReal v;
    snprintf(key, sizeof(key), "stack_%s_%s", layer, kProps[i].alias);
    PetscCall(MfConfigGetReal(key, &v, &set));
    if (!set) continue;
    *(PetscReal *)((char *)mat + kProps[i].offset) = v;
    Note(list, sizeof(list), kProps[i].alias);
    cnt++;
  }
  snprintf(key, sizeof(key), "stack_%s_sigma_law", layer);
  PetscCall(MfConfigGetString(key, text, sizeof(text), &set));
  if (set) {
    mat->sigma_law = !strcasecmp(text, "metallic") ? MF_SIGMA_METALLIC : !strcasecmp(text, "activated") ? MF_SIGMA_ACTIVATED : MF_SIGMA_CONSTANT;
    Note(list, sizeof(list), "sigma_law");
    cnt++;
  }
  snprintf(key, sizeof(key), "stack_%s_electrochemically_active", layer);
  {
    PetscBool b;
    PetscCall(MfConfigGetBool(key, &b, &set));
    if (set) {
      mat->electrochemically_active = b;
      Note(list, sizeof(list), "electrochemically_active");
      cnt++;
    }
  }
  if (cnt) {
    size_t l = strlen(mat->source);
    snprintf(mat->source + l, sizeof(mat->source) - l, "%s[deck override: %s]", l ? " " : "", list);
  }
  if (noverride) *noverride = cnt;
  PetscFunctionReturn(0);
}
