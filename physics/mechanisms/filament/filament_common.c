/* Plug-in hooks shared by the VCM and ECM mechanisms. */
#include "filament_impl.h"

PetscErrorCode FilSetUpCheckLayers_Private(void *ctx, const MfKmcState *st)
{
  const MfKmcLattice lat = st->lat;

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < lat->nsites; i++)
    PetscCheck((lat->flags[i] & (MF_KMC_SITE_BOTTOM_INTERFACE | MF_KMC_SITE_TOP_INTERFACE)) != (MF_KMC_SITE_BOTTOM_INTERFACE | MF_KMC_SITE_TOP_INTERFACE), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG,
               "filament mechanism: KMC site %" PetscInt_FMT " touches both electrodes; the lattice needs at least 2 layers across the functional layer (kmc.spacing too large for its thickness?)", i);
  PetscFunctionReturn(0);
}

PetscErrorCode FilDestroyContext_Private(void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(ctx));
  PetscFunctionReturn(0);
}
