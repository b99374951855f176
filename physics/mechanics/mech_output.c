/* Derived output fields (DG0 cell values at the cell centroid), per-region statistics and the sampling
 * interface for KMC sites. */
#include "mech_impl.h"

/* Cells that are leaves of the point SF are ghosts owned elsewhere: skip them in reductions */
PetscErrorCode MfMechGhostCells_Private(DM dm, PetscInt cStart, PetscInt cEnd, PetscBool **ghost)
{
  PetscSF         sf;
  PetscInt        nleaves;
  const PetscInt *ilocal;

  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(cEnd - cStart, ghost));
  PetscCall(DMGetPointSF(dm, &sf));
  PetscCall(PetscSFGetGraph(sf, NULL, &nleaves, &ilocal, NULL));
  for (PetscInt l = 0; l < nleaves && nleaves > 0; ++l) {
    const PetscInt p = ilocal ? ilocal[l] : l;
    if (p >= cStart && p < cEnd) (*ghost)[p - cStart] = PETSC_TRUE;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechComputeDerived_Private(MfMechanics mech)
{
  void (*funcs[4])(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar[]) = {MfMechDerivedStrain, MfMechDerivedStress, MfMechDerivedVonMises, MfMechDerivedHydrostatic};
  DMLabel            region;
  Vec                uloc, dloc;
  const PetscScalar *da;
  PetscInt           cStart, cEnd;
  PetscBool         *ghost;
  /* sums: volume, eps_xx V, eps_yy V, sigma_h V, vm V; max: vm, sigma_h, -sigma_h */
  PetscReal          sum[MF_NUM_REGIONS][5] = {{0}}, gsum[MF_NUM_REGIONS][5], mx[MF_NUM_REGIONS][3], gmx[MF_NUM_REGIONS][3];

  PetscFunctionBeginUser;
  /* DMProjectField does not insert essential boundary values into the source field: do it here */
  PetscCall(DMGetLocalVector(mech->dm, &uloc));
  PetscCall(DMGetLocalVector(mech->dmDer, &dloc));
  PetscCall(VecZeroEntries(uloc));
  PetscCall(DMPlexInsertBoundaryValues(mech->dm, PETSC_TRUE, uloc, 0.0, NULL, NULL, NULL));
  PetscCall(DMGlobalToLocal(mech->dm, mech->u, INSERT_VALUES, uloc));
  PetscCall(DMProjectFieldLocal(mech->dmDer, 0.0, uloc, funcs, INSERT_VALUES, dloc));
  PetscCall(DMLocalToGlobal(mech->dmDer, dloc, INSERT_VALUES, mech->derived));
  PetscCall(DMRestoreLocalVector(mech->dm, &uloc));
  PetscCall(DMGetLabel(mech->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(mech->dm, 0, &cStart, &cEnd));
  PetscCall(MfMechGhostCells_Private(mech->dm, cStart, cEnd, &ghost));
  PetscCall(VecGetArrayRead(dloc, &da));
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r)
    for (PetscInt q = 0; q < 3; ++q) mx[r][q] = PETSC_MIN_REAL;
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *v;
    PetscReal          vol, sh, vm;
    PetscInt           r;

    if (ghost[c - cStart]) continue;
    PetscCall(DMLabelGetValue(region, c, &r));
    if (r < 0 || r >= MF_NUM_REGIONS) continue;
    PetscCall(DMPlexComputeCellGeometryFVM(mech->dm, c, &vol, NULL, NULL));
    PetscCall(DMPlexPointLocalRead(mech->dmDer, c, da, &v));
    vm = PetscRealPart(v[12]);
    sh = PetscRealPart(v[13]);
    sum[r][0] += vol;
    sum[r][1] += vol * PetscRealPart(v[0]);
    sum[r][2] += vol * (mech->dim == 3 ? PetscRealPart(v[1]) : 0.0);
    sum[r][3] += vol * sh;
    sum[r][4] += vol * vm;
    mx[r][0] = PetscMax(mx[r][0], vm);
    mx[r][1] = PetscMax(mx[r][1], sh);
    mx[r][2] = PetscMax(mx[r][2], -sh);
  }
  PetscCall(VecRestoreArrayRead(dloc, &da));
  PetscCall(DMRestoreLocalVector(mech->dmDer, &dloc));
  PetscCall(PetscFree(ghost));
  PetscCallMPI(MPI_Allreduce(sum, gsum, 5 * MF_NUM_REGIONS, MPIU_REAL, MPIU_SUM, mech->comm));
  PetscCallMPI(MPI_Allreduce(mx, gmx, 3 * MF_NUM_REGIONS, MPIU_REAL, MPIU_MAX, mech->comm));
  for (PetscInt r = 0; r < MF_NUM_REGIONS; ++r) {
    MfMechRegionStats *s = &mech->stats[r];
    const PetscReal    V = gsum[r][0];
    PetscCall(PetscMemzero(s, sizeof(*s)));
    if (V <= 0) continue;
    s->volume            = V;
    s->strain_inplane[0] = gsum[r][1] / V;
    s->strain_inplane[1] = gsum[r][2] / V;
    s->sigma_h_mean      = gsum[r][3] / V;
    s->von_mises_mean    = gsum[r][4] / V;
    s->von_mises_max     = gmx[r][0];
    s->sigma_h_max       = gmx[r][1];
    s->sigma_h_min       = -gmx[r][2];
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetRegionStats(MfMechanics mech, MfRegionId region, MfMechRegionStats *stats)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() first");
  PetscCheck(region > 0 && region < MF_NUM_REGIONS, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: region id %d out of range 1..%d", (int)region, MF_NUM_REGIONS - 1);
  *stats = mech->stats[region];
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechanicsGetFunctionalStrain(MfMechanics mech, PetscReal *eps_xx, PetscReal *eps_yy)
{
  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() first");
  PetscCheck(mech->stats[MF_REGION_FUNCTIONAL].volume > 0, mech->comm, PETSC_ERR_ARG_WRONG, "Mechanics: the mesh has no cell with region 'functional' (%d)", MF_REGION_FUNCTIONAL);
  if (eps_xx) *eps_xx = mech->stats[MF_REGION_FUNCTIONAL].strain_inplane[0];
  if (eps_yy) *eps_yy = mech->stats[MF_REGION_FUNCTIONAL].strain_inplane[1];
  PetscFunctionReturn(0);
}

/* Every rank locates every point (gathered), the lowest rank that owns the containing cell supplies the
 * values, a sum-reduction returns them. Memory O(total points) per rank: fine for KMC site sets. */
PetscErrorCode MfMechanicsSampleStress(MfMechanics mech, PetscInt npoints, const PetscReal coords[], PetscReal sigma_h[], PetscReal strain[][6])
{
  const PetscInt     dim = mech->dim;
  PetscMPIInt        size, rank, nloc = (PetscMPIInt)(npoints * dim), *counts, *displs;
  PetscInt           ntot = 0, cStart, cEnd, *cell;
  PetscReal         *all, *vals, *gvals;
  PetscMPIInt       *who, *gwho;
  Vec                pv, dloc;
  const PetscScalar *da;
  PetscBool         *ghost;

  PetscFunctionBeginUser;
  PetscCheck(mech->solved, mech->comm, PETSC_ERR_ORDER, "Mechanics: call MfMechanicsSolve() before MfMechanicsSampleStress()");
  PetscCallMPI(MPI_Comm_size(mech->comm, &size));
  PetscCallMPI(MPI_Comm_rank(mech->comm, &rank));
  PetscCall(PetscMalloc2(size, &counts, size + 1, &displs));
  PetscCallMPI(MPI_Allgather(&nloc, 1, MPI_INT, counts, 1, MPI_INT, mech->comm));
  displs[0] = 0;
  for (PetscMPIInt p = 0; p < size; ++p) displs[p + 1] = displs[p] + counts[p];
  ntot = displs[size] / dim;
  PetscCall(PetscMalloc1(ntot * dim + 1, &all));
  PetscCallMPI(MPI_Allgatherv(coords, nloc, MPIU_REAL, all, counts, displs, MPIU_REAL, mech->comm));

  PetscCall(PetscCalloc2(7 * ntot + 1, &vals, 7 * ntot + 1, &gvals));
  PetscCall(PetscMalloc2(ntot + 1, &who, ntot + 1, &gwho));
  for (PetscInt i = 0; i < ntot; ++i) who[i] = PETSC_MPI_INT_MAX;
  PetscCall(DMPlexGetHeightStratum(mech->dm, 0, &cStart, &cEnd));
  PetscCall(MfMechGhostCells_Private(mech->dm, cStart, cEnd, &ghost));
  PetscCall(PetscMalloc1(ntot + 1, &cell));
  /* one point per DMLocatePoints call: with a multi-point Vec on a distributed mesh, PETSc 3.18 returned
   * only part of the points (observed with np = 2); the grid hash is cached, so the loop stays cheap */
  for (PetscInt i = 0; i < ntot; ++i) {
    PetscSF            sf = NULL; /* DMLocatePoints reads it as an optional guess */
    PetscInt           nfound;
    const PetscInt    *found;
    const PetscSFNode *cells;
    PetscCall(VecCreateSeqWithArray(PETSC_COMM_SELF, dim, dim, all + i * dim, &pv));
    PetscCall(DMLocatePoints(mech->dm, pv, DM_POINTLOCATION_NONE, &sf));
    PetscCall(PetscSFGetGraph(sf, NULL, &nfound, &found, &cells));
    cell[i] = nfound > 0 ? cells[0].index : -1;
    if (cell[i] >= cStart && cell[i] < cEnd && !ghost[cell[i] - cStart]) who[i] = rank;
    PetscCall(PetscSFDestroy(&sf));
    PetscCall(VecDestroy(&pv));
  }
  PetscCallMPI(MPI_Allreduce(who, gwho, (PetscMPIInt)ntot, MPI_INT, MPI_MIN, mech->comm));
  PetscCall(DMGetLocalVector(mech->dmDer, &dloc));
  PetscCall(DMGlobalToLocal(mech->dmDer, mech->derived, INSERT_VALUES, dloc));
  PetscCall(VecGetArrayRead(dloc, &da));
  for (PetscInt i = 0; i < ntot; ++i) {
    const PetscInt     c = cell[i];
    const PetscScalar *v;
    if (gwho[i] != rank || c < cStart || c >= cEnd) continue;
    PetscCall(DMPlexPointLocalRead(mech->dmDer, c, da, &v));
    for (PetscInt q = 0; q < 6; ++q) vals[7 * i + q] = PetscRealPart(v[q]);
    vals[7 * i + 6] = PetscRealPart(v[13]);
  }
  PetscCall(VecRestoreArrayRead(dloc, &da));
  PetscCall(DMRestoreLocalVector(mech->dmDer, &dloc));
  PetscCallMPI(MPI_Allreduce(vals, gvals, (PetscMPIInt)(7 * ntot), MPIU_REAL, MPIU_SUM, mech->comm));
  /* every rank sees gwho for all points, so this error is raised collectively */
  for (PetscInt g = 0; g < ntot; ++g)
    PetscCheck(gwho[g] != PETSC_MPI_INT_MAX, mech->comm, PETSC_ERR_ARG_OUTOFRANGE, "Mechanics: sample point (%g, %g, %g) m lies outside the mesh", (double)all[g * dim], (double)all[g * dim + 1], (double)(dim == 3 ? all[g * dim + 2] : 0.0));
  for (PetscInt i = 0; i < npoints; ++i) {
    const PetscInt g = displs[rank] / dim + i;
    if (strain)
      for (PetscInt q = 0; q < 6; ++q) strain[i][q] = gvals[7 * g + q];
    if (sigma_h) sigma_h[i] = gvals[7 * g + 6];
  }
  PetscCall(PetscFree(ghost));
  PetscCall(PetscFree(cell));
  PetscCall(PetscFree2(who, gwho));
  PetscCall(PetscFree2(vals, gvals));
  PetscCall(PetscFree(all));
  PetscCall(PetscFree2(counts, displs));
  PetscFunctionReturn(0);
}
