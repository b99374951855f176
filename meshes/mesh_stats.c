/* Global mesh statistics: counts, region volumes, labelled face areas, extents. Each point is counted
 * once, on the rank that owns it (points that are leaves of the point SF belong to another rank), so the
 * numbers do not depend on the partition (sums of reals differ only by round-off). */
#include "mf_stack_mesher.h"
#include <petscsf.h>

/* owned[p - pStart] = 1 when this rank owns point p; bsupp = global support size of each face. */
static PetscErrorCode GetOwnership(DM dm, PetscBool **owned, PetscInt **gsupp)
{
  PetscSF         sf;
  PetscInt        pStart, pEnd, nroots, nleaves, fStart, fEnd;
  const PetscInt *ilocal;
  PetscInt       *lsupp;

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetChart(dm, &pStart, &pEnd));
  PetscCheck(pStart == 0, PETSC_COMM_SELF, PETSC_ERR_SUP, "Mesh statistics expect a chart starting at 0, got %" PetscInt_FMT, pStart);
  PetscCall(PetscMalloc1(pEnd, owned));
  PetscCall(PetscCalloc1(pEnd, gsupp));
  PetscCall(PetscCalloc1(pEnd, &lsupp));
  for (PetscInt p = 0; p < pEnd; p++) (*owned)[p] = PETSC_TRUE;
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  for (PetscInt f = fStart; f < fEnd; f++) {
    PetscCall(DMPlexGetSupportSize(dm, f, &lsupp[f]));
    (*gsupp)[f] = lsupp[f];
  }
  PetscCall(DMGetPointSF(dm, &sf));
  PetscCall(PetscSFGetGraph(sf, &nroots, &nleaves, &ilocal, NULL));
  if (nroots >= 0) {
    for (PetscInt i = 0; i < nleaves; i++) (*owned)[ilocal ? ilocal[i] : i] = PETSC_FALSE;
    /* A face on a partition boundary has one cell on each side: add the leaf's count into the root. */
    PetscCall(PetscSFReduceBegin(sf, MPIU_INT, lsupp, *gsupp, MPI_SUM));
    PetscCall(PetscSFReduceEnd(sf, MPIU_INT, lsupp, *gsupp, MPI_SUM));
  }
  PetscCall(PetscFree(lsupp));
  PetscFunctionReturn(0);
}

static PetscErrorCode CellZRange(DM dm, PetscInt c, PetscInt dim, PetscReal *zmin, PetscReal *zmax)
{
  PetscBool          isDG;
  PetscInt           nc;
  const PetscScalar *arr;
  PetscScalar       *xc;

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetCellCoordinates(dm, c, &isDG, &nc, &arr, &xc));
  for (PetscInt i = dim - 1; i < nc; i += dim) {
    *zmin = PetscMin(*zmin, PetscRealPart(xc[i]));
    *zmax = PetscMax(*zmax, PetscRealPart(xc[i]));
  }
  PetscCall(DMPlexRestoreCellCoordinates(dm, c, &isDG, &nc, &arr, &xc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfMeshGetStats(DM dm, MfMeshStats *st)
{
  MPI_Comm           comm = PetscObjectComm((PetscObject)dm);
  PetscInt           dim, cStart, cEnd, fStart, fEnd, vStart, vEnd, eStart, eEnd, *gsupp, icount[4 + MF_NUM_REGIONS + MF_NUM_FACE_LABELS];
  PetscReal          rsum[MF_NUM_REGIONS + MF_NUM_FACE_LABELS], rmin[3 + MF_NUM_REGIONS + 1], rmax[3 + MF_NUM_REGIONS + 1];
  PetscBool         *owned;
  DMLabel            region;
  Vec                coords;
  const PetscScalar *x;
  PetscInt           ncoord;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(st, sizeof(*st)));
  PetscCall(DMGetDimension(dm, &dim));
  st->dim = dim;
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
  PetscCheck(region, comm, PETSC_ERR_ARG_WRONG, "Mesh has no '%s' cell label; build it with MfStackMeshCreate() or MfMeshLoadGmsh()", MF_LABEL_REGION);
  PetscCall(GetOwnership(dm, &owned, &gsupp));
  PetscCall(PetscArrayzero(icount, 4 + MF_NUM_REGIONS + MF_NUM_FACE_LABELS));
  PetscCall(PetscArrayzero(rsum, MF_NUM_REGIONS + MF_NUM_FACE_LABELS));
  for (PetscInt i = 0; i < 3 + MF_NUM_REGIONS + 1; i++) {
    rmin[i] = PETSC_MAX_REAL;
    rmax[i] = PETSC_MIN_REAL;
  }
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  PetscCall(DMPlexGetDepthStratum(dm, 0, &vStart, &vEnd));
  PetscCall(DMPlexGetDepthStratum(dm, 1, &eStart, &eEnd));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt  r;
    PetscReal vol;
    if (!owned[c]) continue;
    icount[0]++;
    PetscCall(DMLabelGetValue(region, c, &r));
    if (r < 0 || r >= MF_NUM_REGIONS) r = MF_REGION_NONE;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, c, &vol, NULL, NULL));
    icount[4 + r]++;
    rsum[r] += vol;
    PetscCall(CellZRange(dm, c, dim, &rmin[3 + r], &rmax[3 + r]));
  }
  for (PetscInt v = vStart; v < vEnd; v++) icount[1] += owned[v];
  for (PetscInt f = fStart; f < fEnd; f++) {
    if (!owned[f]) continue;
    icount[2]++;
    icount[3] += gsupp[f] == 1;
  }
  for (PetscInt id = 0; id < MF_NUM_FACE_LABELS; id++) {
    DMLabel         lab;
    IS              is;
    const PetscInt *pts;
    PetscInt        np = 0;
    PetscCall(DMGetLabel(dm, MfFaceLabelNames[id], &lab));
    if (!lab) continue;
    PetscCall(DMLabelGetStratumIS(lab, 1, &is));
    if (!is) continue;
    PetscCall(ISGetLocalSize(is, &np));
    PetscCall(ISGetIndices(is, &pts));
    for (PetscInt i = 0; i < np; i++) {
      PetscReal area, cen[3];
      if (!owned[pts[i]]) continue;
      PetscCall(DMPlexComputeCellGeometryFVM(dm, pts[i], &area, cen, NULL));
      icount[4 + MF_NUM_REGIONS + id]++;
      rsum[MF_NUM_REGIONS + id] += area;
    }
    PetscCall(ISRestoreIndices(is, &pts));
    PetscCall(ISDestroy(&is));
  }
  /* Bounding box from the vertices, edge lengths from the edges (depth-1 points). */
  PetscCall(DMGetCoordinatesLocal(dm, &coords));
  PetscCall(VecGetLocalSize(coords, &ncoord));
  PetscCall(VecGetArrayRead(coords, &x));
  for (PetscInt i = 0; i < ncoord; i++) {
    rmin[i % dim] = PetscMin(rmin[i % dim], PetscRealPart(x[i]));
    rmax[i % dim] = PetscMax(rmax[i % dim], PetscRealPart(x[i]));
  }
  PetscCall(VecRestoreArrayRead(coords, &x));
  for (PetscInt e = eStart; e < eEnd; e++) {
    PetscReal len, cen[3];
    PetscCall(DMPlexComputeCellGeometryFVM(dm, e, &len, cen, NULL));
    rmin[3 + MF_NUM_REGIONS] = PetscMin(rmin[3 + MF_NUM_REGIONS], len);
    rmax[3 + MF_NUM_REGIONS] = PetscMax(rmax[3 + MF_NUM_REGIONS], len);
  }
  PetscCall(PetscFree(owned));
  PetscCall(PetscFree(gsupp));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, icount, 4 + MF_NUM_REGIONS + MF_NUM_FACE_LABELS, MPIU_INT, MPI_SUM, comm));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, rsum, MF_NUM_REGIONS + MF_NUM_FACE_LABELS, MPIU_REAL, MPI_SUM, comm));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, rmin, 3 + MF_NUM_REGIONS + 1, MPIU_REAL, MPI_MIN, comm));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, rmax, 3 + MF_NUM_REGIONS + 1, MPIU_REAL, MPI_MAX, comm));
  st->num_cells          = icount[0];
  st->num_vertices       = icount[1];
  st->num_faces          = icount[2];
  st->num_boundary_faces = icount[3];
  for (PetscInt r = 0; r < MF_NUM_REGIONS; r++) {
    st->region_cells[r]  = icount[4 + r];
    st->region_volume[r] = rsum[r];
    st->region_zmin[r]   = rmin[3 + r];
    st->region_zmax[r]   = rmax[3 + r];
  }
  for (PetscInt id = 0; id < MF_NUM_FACE_LABELS; id++) {
    st->face_count[id] = icount[4 + MF_NUM_REGIONS + id];
    st->face_area[id]  = rsum[MF_NUM_REGIONS + id];
  }
  for (PetscInt d = 0; d < 3; d++) {
    st->bbox_min[d] = d < dim ? rmin[d] : 0.0;
    st->bbox_max[d] = d < dim ? rmax[d] : 0.0;
  }
  st->h_min = rmin[3 + MF_NUM_REGIONS];
  st->h_max = rmax[3 + MF_NUM_REGIONS];
  PetscFunctionReturn(0);
}

PetscErrorCode MfMeshGetRegionZRange(DM dm, MfRegionId region, PetscReal *zmin, PetscReal *zmax)
{
  DMLabel         lab;
  IS              is;
  PetscInt        dim, n = 0;
  const PetscInt *cells;
  PetscReal       z[2] = {PETSC_MAX_REAL, -PETSC_MAX_REAL};

  PetscFunctionBeginUser;
  PetscCall(DMGetDimension(dm, &dim));
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &lab));
  PetscCheck(lab, PetscObjectComm((PetscObject)dm), PETSC_ERR_ARG_WRONG, "Mesh has no '%s' cell label", MF_LABEL_REGION);
  PetscCall(DMLabelGetStratumIS(lab, (PetscInt)region, &is));
  if (is) {
    PetscCall(ISGetLocalSize(is, &n));
    PetscCall(ISGetIndices(is, &cells));
    for (PetscInt i = 0; i < n; i++) {
      PetscReal lo = PETSC_MAX_REAL, hi = -PETSC_MAX_REAL;
      PetscCall(CellZRange(dm, cells[i], dim, &lo, &hi));
      z[0] = PetscMin(z[0], lo);
      z[1] = PetscMax(z[1], hi);
    }
    PetscCall(ISRestoreIndices(is, &cells));
    PetscCall(ISDestroy(&is));
  }
  z[1] = -z[1];
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, z, 2, MPIU_REAL, MPI_MIN, PetscObjectComm((PetscObject)dm)));
  *zmin = z[0];
  *zmax = -z[1];
  PetscFunctionReturn(0);
}

PetscErrorCode MfMeshStatsView(const MfMeshStats *st, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(viewer, "mesh: dim %" PetscInt_FMT ", %" PetscInt_FMT " cells, %" PetscInt_FMT " vertices, %" PetscInt_FMT " faces (%" PetscInt_FMT " on the boundary)\n", st->dim, st->num_cells, st->num_vertices, st->num_faces, st->num_boundary_faces));
  PetscCall(PetscViewerASCIIPrintf(viewer, "mesh: bounding box [%.9e, %.9e] x [%.9e, %.9e] x [%.9e, %.9e] m\n", (double)st->bbox_min[0], (double)st->bbox_max[0], (double)st->bbox_min[1], (double)st->bbox_max[1], (double)st->bbox_min[2], (double)st->bbox_max[2]));
  PetscCall(PetscViewerASCIIPrintf(viewer, "mesh: edge length %.6e .. %.6e m\n", (double)st->h_min, (double)st->h_max));
  for (PetscInt r = 0; r < MF_NUM_REGIONS; r++) {
    if (!st->region_cells[r]) continue;
    PetscCall(PetscViewerASCIIPrintf(viewer, "region %-16s %8" PetscInt_FMT " cells  volume %.12e m^%d  z [%.9e, %.9e] m\n", MfRegionNames[r], st->region_cells[r], (double)st->region_volume[r], (int)st->dim, (double)st->region_zmin[r], (double)st->region_zmax[r]));
  }
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) PetscCall(PetscViewerASCIIPrintf(viewer, "faces  %-16s %8" PetscInt_FMT " faces  area   %.12e m^%d\n", MfFaceLabelNames[f], st->face_count[f], (double)st->face_area[f], (int)st->dim - 1));
  PetscFunctionReturn(0);
}
