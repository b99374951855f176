/* Requirement: the point sampler (MfElectroThermalSampler, physics/electrothermal/et_sampler.c: cells, reference
 * coordinates, closure offsets and basis tabulations computed once) gives the same phi, T and E as the
 * per-point evaluation it replaced (a tabulation and the cell geometry created at every point of every call,
 * implemented here as the reference: DMPlexVecGetClosure + PetscFECreateTabulation + DMPlexComputeCellGeometryFEM),
 * to round-off, on 2D and 3D layered stacks with curved (non-affine) cells, Q1 and Q2, for 300 random points
 * per rank of which a third lie on cell faces (one reference coordinate = +-1), some on edges and vertices,
 * serial and in parallel (mpiexec -n 2: ghost dofs in the closures, a rank without points).
 *
 * Checks (a random global solution, so that every dof is distinct):
 *  1. the located cell contains the point: its reference coordinates lie in [-1, 1]^dim (to 1e-10) and map
 *     back to the point (to 1e-12 of the domain size); inside a cell (no coordinate at +-1) it is the cell the
 *     point was generated in;
 *  2. phi, T, E of the sampler vs the reference in the same cell at the same reference coordinates, relative to
 *     their largest magnitude over the points, tolerance 1e-12. The sampler performs the reference's
 *     operations in the reference's order on the same tabulated numbers, so the observed difference is 0; a
 *     reordered sum would differ by at most ~Nb eps (27 x 1.1e-16 = 3e-15 for Q2 in 3D), whereas a wrong closure
 *     offset, tabulation or Jacobian changes the results at O(1);
 *  3. phi, T vs the reference in the cell the point was generated in (another cell for a face point: the
 *     fields are continuous) to 1e-10 of max|phi|, max|T| (round-trip of the coordinates: ~1e-15);
 *  4. MfElectroThermalSampleFields (a cached sampler) gives the same bits, also on its second call, and any
 *     output may be NULL; so do a sampler of a subset of the points on rank 0 only (the others pass none) and a
 *     sampler of the points in functional-layer cells, whose closures hold no Dirichlet dof (its evaluation
 *     skips the insertion of boundary values: checked that it does, and that the full set's does not). */
#include "et_test_util.h"
#include "et_impl.h"

static void Warp(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const PetscReal L = 100e-9, H = 60e-9;
  x[0] = L * xi[0];
  if (dim == 3) x[1] = L * xi[1] * (1.0 + 0.05 * xi[0]);
  x[dim - 1] = H * (xi[dim - 1] * xi[dim - 1] * 0.5 + 0.5 * xi[dim - 1]) * (1.0 + 0.1 * PetscSinReal(3.0 * xi[0]));
}

/* phi, T and E at reference point xi of a cell: the per-point evaluation of MfElectroThermalSampleFields before
 * the sampler (new tabulations and cell geometry at every point). */
static PetscErrorCode Reference(MfElectroThermal et, Vec uloc, PetscInt cell, const PetscReal xi[], PetscReal *phi, PetscReal *T, PetscReal E[])
{
  DM           dm;
  PetscDS      ds;
  PetscInt     dim, csize;
  PetscReal    invJ[9], val[2], grad[2][3];
  PetscScalar *cl = NULL;

  PetscFunctionBeginUser;
  PetscCall(MfElectroThermalGetDM(et, &dm));
  PetscCall(DMGetDimension(dm, &dim));
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(MfEtCellInverseJacobian(dm, cell, xi, invJ)); /* DMPlexComputeCellGeometryFEM at xi */
  PetscCall(DMPlexVecGetClosure(dm, NULL, uloc, cell, &csize, &cl));
  for (PetscInt f = 0; f < 2; ++f) {
    PetscFE         fe;
    PetscTabulation tab;
    PetscInt        off;
    PetscReal       gref[3] = {0, 0, 0};
    PetscCall(PetscDSGetDiscretization(ds, f, (PetscObject *)&fe));
    PetscCall(PetscDSGetFieldOffset(ds, f, &off));
    PetscCall(PetscFECreateTabulation(fe, 1, 1, xi, 1, &tab));
    val[f] = 0.0;
    for (PetscInt b = 0; b < tab->Nb; ++b) {
      val[f] += tab->T[0][b] * PetscRealPart(cl[off + b]);
      for (PetscInt d = 0; d < dim; ++d) gref[d] += tab->T[1][b * dim + d] * PetscRealPart(cl[off + b]);
    }
    for (PetscInt j = 0; j < dim; ++j) {
      grad[f][j] = 0.0;
      for (PetscInt i = 0; i < dim; ++i) grad[f][j] += gref[i] * invJ[i * dim + j];
    }
    PetscCall(PetscTabulationDestroy(&tab));
  }
  PetscCall(DMPlexVecRestoreClosure(dm, NULL, uloc, cell, &csize, &cl));
  *phi = val[0];
  *T   = val[1];
  for (PetscInt d = 0; d < dim; ++d) E[d] = -grad[0][d];
  PetscFunctionReturn(0);
}

static int Report(MPI_Comm comm, const char *what, PetscReal got, PetscReal tol)
{
  const int bad = !(got <= tol); /* also catches NaN */
  PetscPrintf(comm, "%-58s %.3e  tol %.0e  %s\n", what, (double)got, (double)tol, bad ? "FAIL" : "ok");
  return bad;
}

static PetscErrorCode Check(MPI_Comm comm, PetscInt dim, PetscInt degree, PetscInt npoints, int *fail)
{
  DM                      dm;
  MfElectroThermal        et;
  MfElectroThermalSampler s;
  MfMaterial              mats[MF_NUM_REGIONS];
  const PetscInt          faces2[2] = {6, 8}, faces3[3] = {3, 3, 8};
  const PetscReal         lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1}, tops[4] = {0.25, 0.5, 0.75, 1.0}, size = 100e-9;
  const MfRegionId        regs[4] = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};
  PetscInt                cStart, cEnd, n, ns;
  const PetscInt         *scell;
  const PetscReal        *sxi;
  PetscInt               *gcell;
  PetscReal              *x, *gxi, *E, *T, *phi, *E2, *T2, *phi2;
  PetscReal               pmax = 0.0, Tmax = 0.0, Emax = 0.0, dphi = 0.0, dT = 0.0, cphi = 0.0, cT = 0.0, dE = 0.0, dxi = 0.0, dx = 0.0, dwrap = 0.0;
  PetscInt                wrongcell = 0, nface = 0;
  Vec                     u, uloc;
  PetscRandom             rnd;
  PetscMPIInt             rank;
  PetscBool               bc;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_SUBSTRATE], "PET", MF_SIGMA_CONSTANT, 1e-3, 0.0, 0.2, 1.66e6);
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_SIGMA_METALLIC, 9.43e6, 3.9e-3, 71.6, 2.85e6);
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "HfOx", MF_SIGMA_CONSTANT, 1e2, 0.0, 0.5, 1.16e6);
  EtTestMaterial(&mats[MF_REGION_TOP_ELECTRODE], "TiN", MF_SIGMA_METALLIC, 5e6, 1e-3, 10.0, 2.85e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, dim, dim == 2 ? faces2 : faces3, lo, hi, 4, tops, regs, Warp, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetDegree(et, degree));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, 0.8, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(DMDestroy(&dm));
  PetscCall(MfElectroThermalGetDM(et, &dm)); /* the discretised DM (borrowed) */
  /* a random solution (the Dirichlet values are inserted by the local solution): every dof distinct */
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)(17 + 31 * rank + 7 * dim + degree)));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(VecSetRandom(u, rnd));
  PetscCall(VecShift(u, 0.25));

  /* points: random cells of this rank, random reference coordinates; every third on a face (one coordinate
   * +-1), every tenth also on an edge, every thirtieth on a vertex */
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  n = cEnd > cStart ? npoints : 0;
  PetscCall(PetscMalloc3(n, &gcell, (size_t)n * dim, &gxi, (size_t)n * dim, &x));
  for (PetscInt p = 0; p < n; ++p) {
    PetscReal r;
    PetscCall(PetscRandomGetValueReal(rnd, &r));
    gcell[p] = cStart + PetscMin(cEnd - cStart - 1, (PetscInt)(r * (cEnd - cStart)));
    for (PetscInt d = 0; d < dim; ++d) {
      PetscCall(PetscRandomGetValueReal(rnd, &r));
      gxi[p * dim + d] = 2.0 * r - 1.0;
    }
    {
      const PetscInt  d0  = (p / 3) % dim;
      const PetscReal sgn = (p / 2) % 2 ? 1.0 : -1.0;
      if (p % 3 == 0) gxi[p * dim + d0] = sgn; /* face */
      if (p % 10 == 0) {                       /* edge (2D: vertex) */
        gxi[p * dim + d0]             = sgn;
        gxi[p * dim + (d0 + 1) % dim] = -sgn;
      }
      if (p % 30 == 0)
        for (PetscInt d = 0; d < dim; ++d) gxi[p * dim + d] = d % 2 ? sgn : -sgn; /* vertex */
    }
    PetscCall(DMPlexReferenceToCoordinates(dm, gcell[p], 1, &gxi[p * dim], &x[p * dim]));
    for (PetscInt d = 0; d < dim; ++d)
      if (PetscAbsReal(gxi[p * dim + d]) == 1.0) {
        ++nface;
        break;
      }
  }
  PetscCall(MfElectroThermalSamplerCreate(et, n, x, &s));
  PetscCall(MfElectroThermalSamplerGetPoints(s, &ns, &scell, &sxi, &bc));
  PetscCheck(ns == n, PETSC_COMM_SELF, PETSC_ERR_PLIB, "sampler has %" PetscInt_FMT " points, created with %" PetscInt_FMT, ns, n);
  PetscCall(PetscMalloc6((size_t)n * dim, &E, n, &T, n, &phi, (size_t)n * dim, &E2, n, &T2, n, &phi2));
  PetscCall(MfElectroThermalSamplerEvaluate(s, E, T, phi));

  PetscCall(MfEtLocalSolution(et, dm, u, &uloc));
  for (PetscInt p = 0; p < n; ++p) {
    PetscReal rphi, rT, rE[3], gphi, gT, gE[3], xb[3];
    PetscBool inside = PETSC_TRUE;
    /* 1. the located cell contains the point */
    for (PetscInt d = 0; d < dim; ++d) {
      dxi = PetscMax(dxi, PetscAbsReal(sxi[p * dim + d]) - 1.0);
      inside = (PetscBool)(inside && PetscAbsReal(gxi[p * dim + d]) < 1.0);
    }
    PetscCall(DMPlexReferenceToCoordinates(dm, scell[p], 1, &sxi[p * dim], xb));
    for (PetscInt d = 0; d < dim; ++d) dx = PetscMax(dx, PetscAbsReal(xb[d] - x[p * dim + d]) / size);
    if (inside && scell[p] != gcell[p]) ++wrongcell;
    /* 2. the reference in the same cell at the same reference coordinates */
    PetscCall(Reference(et, uloc, scell[p], &sxi[p * dim], &rphi, &rT, rE));
    dphi = PetscMax(dphi, PetscAbsReal(phi[p] - rphi));
    dT   = PetscMax(dT, PetscAbsReal(T[p] - rT));
    for (PetscInt d = 0; d < dim; ++d) dE = PetscMax(dE, PetscAbsReal(E[p * dim + d] - rE[d]));
    pmax = PetscMax(pmax, PetscAbsReal(rphi));
    Tmax = PetscMax(Tmax, PetscAbsReal(rT));
    for (PetscInt d = 0; d < dim; ++d) Emax = PetscMax(Emax, PetscAbsReal(rE[d]));
    /* 3. the generating cell (another one for a point on a face) */
    PetscCall(Reference(et, uloc, gcell[p], &gxi[p * dim], &gphi, &gT, gE));
    cphi = PetscMax(cphi, PetscAbsReal(phi[p] - gphi));
    cT   = PetscMax(cT, PetscAbsReal(T[p] - gT));
  }
  PetscCall(DMRestoreLocalVector(dm, &uloc));
  {
    PetscReal loc[11] = {dxi, dx, (PetscReal)wrongcell, dphi, dT, dE, cphi, cT, pmax, Tmax, Emax}, g[11];
    PetscInt  cnt[2] = {n, nface}, gcnt[2];
    PetscCall(MPIU_Allreduce(loc, g, 11, MPIU_REAL, MPIU_MAX, comm));
    PetscCall(MPIU_Allreduce(cnt, gcnt, 2, MPIU_INT, MPI_SUM, comm));
    PetscCall(PetscPrintf(comm, "%dD Q%d: %d points (%d on faces, edges or vertices), max|phi| %.3e V, max|T| %.3e K, max|E| %.3e V/m\n", (int)dim, (int)degree, (int)gcnt[0], (int)gcnt[1], (double)g[8], (double)g[9], (double)g[10]));
    PetscCheck(g[8] > 0 && g[9] > 0 && g[10] > 0, comm, PETSC_ERR_PLIB, "degenerate test field");
    *fail |= Report(comm, "located reference coordinates outside [-1,1]", g[0], 1e-10);
    *fail |= Report(comm, "located point maps back: error / domain size", g[1], 1e-12);
    *fail |= Report(comm, "interior points located in another cell (count)", g[2], 0);
    *fail |= Report(comm, "sampler vs reference, same cell: phi / max|phi|", g[3] / g[8], 1e-12);
    *fail |= Report(comm, "sampler vs reference, same cell: T / max|T|", g[4] / g[9], 1e-12);
    *fail |= Report(comm, "sampler vs reference, same cell: E / max|E|", g[5] / g[10], 1e-12);
    *fail |= Report(comm, "sampler vs reference, generating cell: phi / max|phi|", g[6] / g[8], 1e-10);
    *fail |= Report(comm, "sampler vs reference, generating cell: T / max|T|", g[7] / g[9], 1e-10);
  }
  /* 4. the cached sampler of SampleFields, twice (the second from the cache), and NULL outputs */
  for (PetscInt k = 0; k < 2; ++k) {
    PetscCall(MfElectroThermalSampleFields(et, n, x, E2, k ? NULL : T2, k ? NULL : phi2));
    for (PetscInt p = 0; p < n; ++p) {
      if (!k) dwrap = PetscMax(dwrap, PetscMax(PetscAbsReal(phi2[p] - phi[p]), PetscAbsReal(T2[p] - T[p])));
      for (PetscInt d = 0; d < dim; ++d) dwrap = PetscMax(dwrap, PetscAbsReal(E2[p * dim + d] - E[p * dim + d]));
    }
  }
  PetscCall(PetscArrayzero(T2, n));
  PetscCall(MfElectroThermalSampleFields(et, n, x, NULL, T2, NULL));
  for (PetscInt p = 0; p < n; ++p) dwrap = PetscMax(dwrap, PetscAbsReal(T2[p] - T[p]));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &dwrap, 1, MPIU_REAL, MPIU_MAX, comm));
  *fail |= Report(comm, "MfElectroThermalSampleFields vs sampler (bits)", dwrap, 0);
  { /* a point set that only rank 0 has (the others pass none): creation and evaluation are collective */
    MfElectroThermalSampler s0;
    const PetscInt          n0 = rank ? 0 : PetscMin(n, 5);
    PetscReal               d0 = 0.0;
    PetscCall(MfElectroThermalSamplerCreate(et, n0, x, &s0));
    PetscCall(MfElectroThermalSamplerEvaluate(s0, E2, T2, phi2));
    for (PetscInt p = 0; p < n0; ++p) d0 = PetscMax(d0, PetscMax(PetscAbsReal(phi2[p] - phi[p]), PetscAbsReal(T2[p] - T[p])));
    PetscCall(MfElectroThermalSamplerDestroy(&s0));
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &d0, 1, MPIU_REAL, MPIU_MAX, comm));
    *fail |= Report(comm, "points on rank 0 only: vs the full sampler (bits)", d0, 0);
  }
  { /* the points inside functional-layer cells away from the bottom electrode's lead (x = 0) and off the faces
     * (no Dirichlet dof in their closures: the evaluation scatters the solution without inserting boundary
     * values) against the same points of the full sampler (which has
     * Dirichlet dofs: the substrate bottom, both contacts) */
    MfElectroThermalSampler sf;
    DMLabel                 region;
    PetscInt               *map, nf = 0;
    PetscReal              *xf, df = 0.0;
    PetscBool               bcf;
    PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
    PetscCall(PetscMalloc2(n, &map, (size_t)n * dim, &xf));
    for (PetscInt p = 0; p < n; ++p) {
      PetscInt r;
      PetscBool keep;
      PetscCall(DMLabelGetValue(region, scell[p], &r));
      keep = (PetscBool)(r == MF_REGION_FUNCTIONAL && x[p * dim] > 0.4 * size && x[p * dim] < 0.6 * size);
      for (PetscInt d = 0; d < dim; ++d) keep = (PetscBool)(keep && PetscAbsReal(gxi[p * dim + d]) < 1.0);
      if (!keep) continue;
      for (PetscInt d = 0; d < dim; ++d) xf[nf * dim + d] = x[p * dim + d];
      map[nf++] = p;
    }
    PetscCall(MfElectroThermalSamplerCreate(et, nf, xf, &sf));
    PetscCall(MfElectroThermalSamplerGetPoints(sf, NULL, NULL, NULL, &bcf));
    PetscCall(MfElectroThermalSamplerEvaluate(sf, E2, T2, phi2));
    for (PetscInt q = 0; q < nf; ++q) {
      const PetscInt p = map[q];
      df = PetscMax(df, PetscMax(PetscAbsReal(phi2[q] - phi[p]), PetscAbsReal(T2[q] - T[p])));
      for (PetscInt d = 0; d < dim; ++d) df = PetscMax(df, PetscAbsReal(E2[q * dim + d] - E[p * dim + d]));
    }
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &df, 1, MPIU_REAL, MPIU_MAX, comm));
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &nf, 1, MPIU_INT, MPI_SUM, comm));
    PetscCheck(nf > 0, comm, PETSC_ERR_PLIB, "no test point in the functional layer");
    *fail |= Report(comm, "full sampler has Dirichlet dofs (1 = yes)", bc ? 0.0 : 1.0, 0);
    *fail |= Report(comm, "functional-layer sampler has none (1 = has)", bcf ? 1.0 : 0.0, 0);
    *fail |= Report(comm, "functional-layer points vs the full sampler (bits)", df, 0);
    PetscCall(MfElectroThermalSamplerDestroy(&sf));
    PetscCall(PetscFree2(map, xf));
  }
  PetscCall(MfElectroThermalSamplerDestroy(&s)); /* before the object it samples */
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(PetscFree6(E, T, phi, E2, T2, phi2));
  PetscCall(PetscFree3(gcell, gxi, x));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt npoints = 300;
  int      fail    = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-npoints", &npoints, NULL));
  for (PetscInt dim = 2; dim <= 3; ++dim)
    for (PetscInt degree = 1; degree <= 2; ++degree) PetscCall(Check(PETSC_COMM_WORLD, dim, degree, npoints, &fail));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_SAMPLER FAILED" : "ET_SAMPLER PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
