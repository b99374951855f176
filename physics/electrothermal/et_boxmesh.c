/* Hexahedral/quadrilateral box meshes with the memflex labels (meshes/mf_mesh.h), for verification
 * and benchmarks of this module before/independently of the stack mesher in meshes/. */
#include "mf_electrothermal.h"

static PetscErrorCode EtCreateLabels(DM dm)
{
  const char *names[] = {MF_LABEL_REGION, MF_LABEL_TOP_CONTACT, MF_LABEL_BOTTOM_CONTACT, MF_LABEL_SUBSTRATE_BOTTOM, MF_LABEL_SIDES};

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 5; ++i) PetscCall(DMCreateLabel(dm, names[i]));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalCreateBoxMesh(MPI_Comm comm, PetscInt dim, const PetscInt faces[], const PetscReal lower[], const PetscReal upper[], PetscInt nlayers, const PetscReal layer_top[], const MfRegionId layer_region[], MfEtCoordMap map, void *mapctx, DM *dmOut)
{
  DM              dm, dmDist = NULL;
  DMLabel         region, top, bottom, subBottom, sides, bnd;
  PetscInt        cStart, cEnd, fStart, fEnd;
  const PetscInt  ax = dim - 1; /* stacking axis */
  const PetscReal tol = 1e-9 * (upper[ax] - lower[ax]);

  PetscFunctionBeginUser;
  PetscCheck(dim == 2 || dim == 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "box mesh dimension %" PetscInt_FMT " must be 2 or 3", dim);
  PetscCheck(nlayers >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "a box stack needs at least one layer");
  for (PetscInt i = 0; i < nlayers; ++i) PetscCheck(layer_region[i] > MF_REGION_NONE && layer_region[i] < MF_NUM_REGIONS, comm, PETSC_ERR_ARG_OUTOFRANGE, "layer %" PetscInt_FMT ": region id %d out of range", i, (int)layer_region[i]);
  PetscCall(DMPlexCreateBoxMesh(comm, dim, PETSC_FALSE, faces, lower, upper, NULL, PETSC_TRUE, &dm));
  PetscCall(EtCreateLabels(dm));
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
  PetscCall(DMGetLabel(dm, MF_LABEL_TOP_CONTACT, &top));
  PetscCall(DMGetLabel(dm, MF_LABEL_BOTTOM_CONTACT, &bottom));
  PetscCall(DMGetLabel(dm, MF_LABEL_SUBSTRATE_BOTTOM, &subBottom));
  PetscCall(DMGetLabel(dm, MF_LABEL_SIDES, &sides));
  /* regions from the cell centroid along the stacking axis (layer i: below layer_top[i]) */
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscReal vol, cen[3];
    PetscInt  l = 0;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, c, &vol, cen, NULL));
    while (l < nlayers - 1 && cen[ax] > layer_top[l]) ++l;
    PetscCall(DMLabelSetValue(region, c, layer_region[l]));
  }
  /* boundary faces from the face centroid */
  PetscCall(DMLabelCreate(PETSC_COMM_SELF, "et_boundary", &bnd));
  PetscCall(DMPlexMarkBoundaryFaces(dm, 1, bnd));
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  for (PetscInt f = fStart; f < fEnd; ++f) {
    PetscInt  v;
    PetscReal area, cen[3];
    PetscCall(DMLabelGetValue(bnd, f, &v));
    if (v != 1) continue;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, f, &area, cen, NULL));
    if (PetscAbsReal(cen[ax] - upper[ax]) < tol) PetscCall(DMLabelSetValue(top, f, 1));
    else if (PetscAbsReal(cen[ax] - lower[ax]) < tol) PetscCall(DMLabelSetValue(layer_region[0] == MF_REGION_SUBSTRATE ? subBottom : bottom, f, 1));
    else if (layer_region[0] == MF_REGION_SUBSTRATE && nlayers > 1 && PetscAbsReal(cen[0] - lower[0]) < tol && cen[ax] > layer_top[0] && cen[ax] < layer_top[1]) {
      /* on a substrate the bottom electrode is contacted at its x = lower end (the lead) */
      PetscCall(DMLabelSetValue(bottom, f, 1));
    } else PetscCall(DMLabelSetValue(sides, f, 1));
  }
  PetscCall(DMLabelDestroy(&bnd));
  PetscCall(DMPlexLabelComplete(dm, top));
  PetscCall(DMPlexLabelComplete(dm, bottom));
  PetscCall(DMPlexLabelComplete(dm, subBottom));
  PetscCall(DMPlexLabelComplete(dm, sides));
  if (map) {
    Vec          coords;
    PetscScalar *x;
    PetscInt     n;
    PetscCall(DMGetCoordinates(dm, &coords)); /* serial at this point: global == local layout */
    PetscCall(VecGetLocalSize(coords, &n));
    PetscCall(VecGetArray(coords, &x));
    for (PetscInt i = 0; i < n; i += dim) {
      PetscReal xi[3], y[3];
      for (PetscInt d = 0; d < dim; ++d) xi[d] = PetscRealPart(x[i + d]);
      map(dim, xi, y, mapctx);
      for (PetscInt d = 0; d < dim; ++d) x[i + d] = y[d];
    }
    PetscCall(VecRestoreArray(coords, &x));
    PetscCall(DMSetCoordinates(dm, coords));
    PetscCall(DMGetCoordinatesLocalSetUp(dm));
  }
  PetscCall(DMPlexDistribute(dm, 0, NULL, &dmDist));
  if (dmDist) {
    PetscCall(DMDestroy(&dm));
    dm = dmDist;
  }
  PetscCall(PetscObjectSetName((PetscObject)dm, "device"));
  *dmOut = dm;
  PetscFunctionReturn(0);
}
