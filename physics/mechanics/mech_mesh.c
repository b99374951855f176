/* Self-contained layered box mesher (quad/hex) for verification and benchmarks: uniform cells inside
 * each layer, "region" cell label, distributed over the communicator. */
#include "mf_mechanics.h"

PetscErrorCode MfMechanicsCreateLayeredBox(MPI_Comm comm, const MfMechStackSpec *spec, DM *dm)
{
  const PetscInt dim = spec->dim, zd = dim - 1;
  PetscInt       faces[3], ntot = 0, cum[MF_MECH_MAX_LAYERS + 1], cStart, cEnd, vStart, vEnd;
  PetscReal      lower[3], upper[3], zc[MF_MECH_MAX_LAYERS + 1];
  Vec            coords;
  PetscSection   cs;
  PetscScalar   *ca;
  DMLabel        region;
  DM             dist = NULL;

  PetscFunctionBeginUser;
  PetscCheck(dim == 2 || dim == 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "Layered box: dimension %" PetscInt_FMT " must be 2 or 3", dim);
  PetscCheck(spec->nlayers >= 1 && spec->nlayers <= MF_MECH_MAX_LAYERS, comm, PETSC_ERR_ARG_OUTOFRANGE, "Layered box: %" PetscInt_FMT " layers, expected 1..%d", spec->nlayers, MF_MECH_MAX_LAYERS);
  cum[0] = 0;
  zc[0]  = 0.0;
  for (PetscInt i = 0; i < spec->nlayers; ++i) {
    PetscCheck(spec->thickness_m[i] > 0 && spec->ncells[i] >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Layered box: layer %" PetscInt_FMT " needs thickness > 0 (got %g m) and >= 1 cell", i, (double)spec->thickness_m[i]);
    cum[i + 1] = cum[i] + spec->ncells[i];
    zc[i + 1]  = zc[i] + spec->thickness_m[i];
  }
  ntot = cum[spec->nlayers];
  for (PetscInt d = 0; d < zd; ++d) {
    faces[d] = spec->ncells_inplane[d];
    lower[d] = -0.5 * spec->length_m[d];
    upper[d] = 0.5 * spec->length_m[d];
  }
  faces[zd] = ntot;
  lower[zd] = 0.0;
  upper[zd] = 1.0;
  PetscCall(DMPlexCreateBoxMesh(comm, dim, PETSC_FALSE, faces, lower, upper, NULL, PETSC_TRUE, dm));

  /* map the unit stacking coordinate to the layered one (piecewise linear, nodes on interfaces) */
  PetscCall(DMGetCoordinatesLocal(*dm, &coords));
  PetscCall(DMGetCoordinateSection(*dm, &cs));
  PetscCall(DMPlexGetDepthStratum(*dm, 0, &vStart, &vEnd));
  PetscCall(VecGetArray(coords, &ca));
  for (PetscInt v = vStart; v < vEnd; ++v) {
    PetscInt  off, i = 0;
    PetscReal s;
    PetscCall(PetscSectionGetOffset(cs, v, &off));
    s = PetscRealPart(ca[off + zd]) * ntot;
    while (i < spec->nlayers - 1 && s > cum[i + 1]) ++i;
    ca[off + zd] = zc[i] + (s - cum[i]) / spec->ncells[i] * spec->thickness_m[i];
  }
  PetscCall(VecRestoreArray(coords, &ca));
  PetscCall(DMSetCoordinatesLocal(*dm, coords));

  PetscCall(DMCreateLabel(*dm, MF_LABEL_REGION));
  PetscCall(DMGetLabel(*dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(*dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscReal vol, cen[3];
    PetscInt  i = 0;
    PetscCall(DMPlexComputeCellGeometryFVM(*dm, c, &vol, cen, NULL));
    while (i < spec->nlayers - 1 && cen[zd] > zc[i + 1]) ++i;
    PetscCall(DMLabelSetValue(region, c, (PetscInt)spec->region[i]));
  }
  PetscCall(DMPlexDistribute(*dm, 0, NULL, &dist));
  if (dist) {
    PetscCall(DMDestroy(dm));
    *dm = dist;
  }
  PetscFunctionReturn(0);
}
