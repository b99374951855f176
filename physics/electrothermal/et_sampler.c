/* Point sampler of (E, T, phi): everything that depends only on the mesh and the points (containing cell,
 * reference coordinates, the closure's local-vector offsets, the basis values and reference gradients of both
 * fields, the inverse Jacobian of the cell map) is computed once at creation; an evaluation gathers closure
 * values from the local solution and multiplies. The arithmetic is the one of the per-point evaluation it
 * replaces (tabulation and cell geometry at each call): value = sum_b B_b u_b, gradient = (sum_b D_b u_b) invJ,
 * in the same order, so the results are the same bits. */
#include "et_impl.h"
#include <petscsf.h>

struct _n_MfElectroThermalSampler {
  MfElectroThermal et;        /* not referenced: it must outlive the sampler */
  PetscInt         n, dim;    /* rank-local points, space dimension */
  PetscInt         Nb[2];     /* basis functions of phi, T */
  PetscInt        *cell;      /* [n] containing local cell */
  PetscReal       *xi;        /* [n][dim] reference coordinates */
  PetscInt        *idx[2];    /* [n][Nb[f]] local-vector offsets of field f's closure dofs of the cell */
  PetscReal       *B[2];      /* [n][Nb[f]] basis values of field f at the point */
  PetscReal       *D;         /* [n][Nb[0]][dim] reference gradients of the phi basis */
  PetscReal       *invJ;      /* [n][dim][dim] inverse Jacobian of the cell map at the point */
  PetscBool        bc;        /* some closure (on some rank) holds an essential (Dirichlet) dof */
};

/* A point belongs to a cell when its reference coordinates lie in the reference cell [-1, 1]^dim to this
 * tolerance (points on faces, edges and vertices belong to every cell that shares them). */
#define ET_XI_TOL 1e-10

/* Vertex bounding boxes of the local cells [c - cStart][lo[dim], hi[dim]], grown by 1e-9 of their size. */
static PetscErrorCode EtCellBoxes(MfElectroThermal et, PetscReal **boxes)
{
  const PetscInt dim = et->dim;
  PetscInt       cStart, cEnd;
  PetscReal     *box;

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(PetscMalloc1((size_t)(cEnd - cStart) * 2 * dim, &box));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscBool          isDG;
    PetscInt           nc;
    const PetscScalar *arr;
    PetscScalar       *xc;
    PetscReal         *lo = &box[(size_t)(c - cStart) * 2 * dim], *hi = lo + dim;
    PetscCall(DMPlexGetCellCoordinates(et->dm, c, &isDG, &nc, &arr, &xc));
    for (PetscInt d = 0; d < dim; ++d) {
      lo[d] = PETSC_MAX_REAL;
      hi[d] = -PETSC_MAX_REAL;
    }
    for (PetscInt v = 0; v < nc / dim; ++v)
      for (PetscInt d = 0; d < dim; ++d) {
        lo[d] = PetscMin(lo[d], PetscRealPart(xc[v * dim + d]));
        hi[d] = PetscMax(hi[d], PetscRealPart(xc[v * dim + d]));
      }
    for (PetscInt d = 0; d < dim; ++d) {
      const PetscReal tol = 1e-9 * (hi[d] - lo[d]);
      lo[d] -= tol;
      hi[d] += tol;
    }
    PetscCall(DMPlexRestoreCellCoordinates(et->dm, c, &isDG, &nc, &arr, &xc));
  }
  *boxes = box;
  PetscFunctionReturn(0);
}

static inline PetscBool EtInBox(PetscInt dim, const PetscReal box[], const PetscReal x[])
{
  for (PetscInt d = 0; d < dim; ++d)
    if (!(x[d] >= box[d] && x[d] <= box[dim + d])) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Largest |reference coordinate| of x in cell c (<= 1: inside). */
static PetscErrorCode EtReference(MfElectroThermal et, PetscInt c, const PetscReal x[], PetscReal xi[], PetscReal *ximax)
{
  PetscFunctionBeginUser;
  PetscCall(DMPlexCoordinatesToReference(et->dm, c, 1, x, xi));
  *ximax = 0.0;
  for (PetscInt d = 0; d < et->dim; ++d) *ximax = PetscMax(*ximax, PetscAbsReal(xi[d]));
  if (PetscIsNanReal(*ximax)) *ximax = PETSC_MAX_REAL;
  PetscFunctionReturn(0);
}

/* Containing local cells and reference coordinates of rank-local points (collective: DMLocatePoints).
 * DMLocatePoints gets a guess per point: the first local cell whose box contains it, scanned from the previous
 * hit (samples come in spatial order). Why: without a guess PETSc 3.18 locates each point by trying every cell
 * (closure + inverse map per try), minutes for the 4800 KMC sites of a 3D cell with 18 k hexahedra; a box test
 * is ~1e-8 s, and DMLocatePoints still verifies each guess (and searches on if it fails). PETSc 3.18's tests
 * (half-open edge crossings for quadrilaterals, planar faces for hexahedra) miss points on shared faces, where
 * round-off puts them outside both cells, and accept points just outside a curved face; a cell whose reference
 * coordinates of the point are not in [-1, 1]^dim (ET_XI_TOL) is therefore replaced by the box candidate with
 * the smallest largest |reference coordinate|. */
static PetscErrorCode EtLocatePoints(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], PetscInt cell[], PetscReal xi[])
{
  const PetscInt     dim = et->dim;
  Vec                pv;
  PetscSF            sf; /* holds the guesses on input */
  const PetscSFNode *cells;
  PetscInt           nfound, cStart, cEnd, ncell;
  PetscScalar       *pa;
  PetscReal         *box = NULL;
  PetscMPIInt        rank;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_SELF, &rank));
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  ncell = cEnd - cStart;
  PetscCall(EtCellBoxes(et, &box));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, npoints * dim, &pv));
  PetscCall(VecSetBlockSize(pv, dim));
  PetscCall(VecGetArray(pv, &pa));
  for (PetscInt i = 0; i < npoints * dim; ++i) pa[i] = coords[i];
  PetscCall(VecRestoreArray(pv, &pa));
  {
    PetscSFNode *guess;
    PetscCall(PetscMalloc1(npoints, &guess));
    for (PetscInt p = 0, last = 0; p < npoints; ++p) {
      guess[p].rank  = rank;
      guess[p].index = -1;
      for (PetscInt k = 0; k < ncell && guess[p].index < 0; ++k) {
        const PetscInt c = (last + k) % ncell;
        if (EtInBox(dim, &box[(size_t)c * 2 * dim], &coords[p * dim])) {
          guess[p].index = cStart + c;
          last           = c;
        }
      }
      /* outside every local cell's box: not a local point (the contract) */
      PetscCheck(guess[p].index >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "sample point %" PetscInt_FMT " (%g, %g, %g) m is not inside a local cell of this rank", p, (double)coords[p * dim], (double)coords[p * dim + 1], (double)(dim > 2 ? coords[p * dim + 2] : 0.0));
    }
    PetscCall(PetscSFCreate(PETSC_COMM_SELF, &sf));
    PetscCall(PetscSFSetGraph(sf, npoints, npoints, NULL, PETSC_OWN_POINTER, guess, PETSC_OWN_POINTER));
  }
  PetscCall(DMLocatePoints(et->dm, pv, DM_POINTLOCATION_NONE, &sf));
  PetscCall(PetscSFGetGraph(sf, NULL, &nfound, NULL, &cells));
  for (PetscInt p = 0; p < npoints; ++p) {
    const PetscReal *x    = &coords[p * dim];
    PetscInt         c    = cells ? cells[p].index : -1;
    PetscReal        xmax = PETSC_MAX_REAL;
    if (c >= 0) PetscCall(EtReference(et, c, x, &xi[p * dim], &xmax));
    if (!(xmax <= 1.0 + ET_XI_TOL)) { /* not found, or not inside: the box candidate most inside */
      PetscReal t[3], tmax;
      c = -1;
      for (PetscInt k = 0; k < ncell; ++k) {
        if (!EtInBox(dim, &box[(size_t)k * 2 * dim], x)) continue;
        PetscCall(EtReference(et, cStart + k, x, t, &tmax));
        if (tmax < xmax) {
          xmax = tmax;
          c    = cStart + k;
          for (PetscInt d = 0; d < dim; ++d) xi[p * dim + d] = t[d];
        }
      }
    }
    PetscCheck(c >= 0 && xmax <= 1.0 + ET_XI_TOL, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "sample point %" PetscInt_FMT " (%g, %g, %g) m is not inside a local cell of this rank", p, (double)x[0], (double)x[1], (double)(dim > 2 ? x[2] : 0.0));
    cell[p] = c;
  }
  PetscCall(PetscSFDestroy(&sf));
  PetscCall(VecDestroy(&pv));
  PetscCall(PetscFree(box));
  PetscFunctionReturn(0);
}

/* Inverse Jacobian of the map of a cell at reference point xi (the one-point quadrature that
 * DMPlexComputeCellGeometryFEM takes). */
PetscErrorCode MfEtCellInverseJacobian(DM dm, PetscInt cell, const PetscReal xi[], PetscReal invJ[])
{
  PetscQuadrature q;
  PetscReal      *qp, *qw, v0[3], J[9], detJ;
  PetscInt        dim;

  PetscFunctionBeginUser;
  PetscCall(DMGetDimension(dm, &dim));
  PetscCall(PetscMalloc1(dim, &qp));
  PetscCall(PetscMalloc1(1, &qw));
  for (PetscInt d = 0; d < dim; ++d) qp[d] = xi[d];
  qw[0] = 1.0;
  PetscCall(PetscQuadratureCreate(PETSC_COMM_SELF, &q));
  PetscCall(PetscQuadratureSetData(q, dim, 1, 1, qp, qw));
  PetscCall(DMPlexComputeCellGeometryFEM(dm, cell, q, v0, J, invJ, &detJ));
  PetscCall(PetscQuadratureDestroy(&q));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSamplerCreate(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], MfElectroThermalSampler *out)
{
  const PetscInt          dim = et->dim;
  MfElectroThermalSampler s;
  PetscDS                 ds;
  PetscFE                 fe[2];
  PetscSection            sec;
  Vec                     offs; /* a local vector holding its own offsets: its closure is the closure's offsets */
  PetscInt                nl, foff[2];
  PetscScalar            *a;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before creating a sampler");
  PetscCheck(npoints >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "number of sample points %" PetscInt_FMT " must be >= 0", npoints);
  PetscCall(PetscNew(&s));
  s->et  = et;
  s->n   = npoints;
  s->dim = dim;
  PetscCall(DMGetDS(et->dm, &ds));
  for (PetscInt f = 0; f < 2; ++f) {
    PetscCall(PetscDSGetDiscretization(ds, f, (PetscObject *)&fe[f]));
    PetscCall(PetscFEGetDimension(fe[f], &s->Nb[f]));
    PetscCall(PetscDSGetFieldOffset(ds, f, &foff[f]));
  }
  PetscCall(PetscMalloc3(npoints, &s->cell, (size_t)npoints * dim, &s->xi, (size_t)npoints * dim * dim, &s->invJ));
  PetscCall(PetscMalloc5((size_t)npoints * s->Nb[0], &s->idx[0], (size_t)npoints * s->Nb[1], &s->idx[1], (size_t)npoints * s->Nb[0], &s->B[0], (size_t)npoints * s->Nb[1], &s->B[1], (size_t)npoints * s->Nb[0] * dim, &s->D));
  PetscCall(EtLocatePoints(et, npoints, coords, s->cell, s->xi));
  PetscCall(DMGetLocalSection(et->dm, &sec));
  PetscCall(DMCreateLocalVector(et->dm, &offs));
  PetscCall(VecGetLocalSize(offs, &nl));
  PetscCall(VecGetArray(offs, &a));
  for (PetscInt i = 0; i < nl; ++i) a[i] = (PetscScalar)i;
  PetscCall(VecRestoreArray(offs, &a));
  for (PetscInt p = 0; p < npoints; ++p) {
    const PetscReal *xi = &s->xi[p * dim];
    PetscScalar     *cl = NULL;
    PetscInt         csize;
    PetscCall(MfEtCellInverseJacobian(et->dm, s->cell[p], xi, &s->invJ[p * dim * dim]));
    /* closure offsets of both fields (PETSc's closure order and orientation) */
    PetscCall(DMPlexVecGetClosure(et->dm, sec, offs, s->cell[p], &csize, &cl));
    for (PetscInt f = 0; f < 2; ++f) {
      PetscCheck(foff[f] + s->Nb[f] <= csize, PETSC_COMM_SELF, PETSC_ERR_PLIB, "sampler: cell %" PetscInt_FMT " has %" PetscInt_FMT " closure dofs, field %" PetscInt_FMT " needs %" PetscInt_FMT " from offset %" PetscInt_FMT, s->cell[p], csize, f, s->Nb[f], foff[f]);
      for (PetscInt b = 0; b < s->Nb[f]; ++b) s->idx[f][p * s->Nb[f] + b] = (PetscInt)PetscRealPart(cl[foff[f] + b]);
    }
    PetscCall(DMPlexVecRestoreClosure(et->dm, sec, offs, s->cell[p], &csize, &cl));
    /* basis values (both fields) and reference gradients (phi) at the point */
    for (PetscInt f = 0; f < 2; ++f) {
      PetscTabulation tab;
      PetscCall(PetscFECreateTabulation(fe[f], 1, 1, xi, 1, &tab));
      PetscCheck(tab->Nb == s->Nb[f] && tab->Nc == 1, PETSC_COMM_SELF, PETSC_ERR_SUP, "sampler: field %" PetscInt_FMT " must be a scalar Lagrange field (%" PetscInt_FMT " basis functions, %" PetscInt_FMT " components)", f, tab->Nb, tab->Nc);
      PetscCall(PetscArraycpy(&s->B[f][p * s->Nb[f]], tab->T[0], s->Nb[f]));
      if (f == 0) PetscCall(PetscArraycpy(&s->D[(size_t)p * s->Nb[0] * dim], tab->T[1], (size_t)s->Nb[0] * dim));
      PetscCall(PetscTabulationDestroy(&tab));
    }
  }
  PetscCall(VecDestroy(&offs));
  { /* essential dofs are the local dofs the global-to-local scatter does not fill; without any in the closures
     * an evaluation needs no boundary values (DMPlexInsertBoundaryValues: most of the cost of a local solution) */
    Vec                g, l;
    const PetscScalar *la;
    PetscBool          bc = PETSC_FALSE;
    PetscCall(DMGetGlobalVector(et->dm, &g));
    PetscCall(DMGetLocalVector(et->dm, &l));
    PetscCall(VecSet(g, 1.0));
    PetscCall(VecSet(l, 0.0));
    PetscCall(DMGlobalToLocalBegin(et->dm, g, INSERT_VALUES, l));
    PetscCall(DMGlobalToLocalEnd(et->dm, g, INSERT_VALUES, l));
    PetscCall(VecGetArrayRead(l, &la));
    for (PetscInt f = 0; f < 2 && !bc; ++f)
      for (PetscInt i = 0; i < npoints * s->Nb[f] && !bc; ++i) bc = (PetscBool)(PetscRealPart(la[s->idx[f][i]]) == 0.0);
    PetscCall(VecRestoreArrayRead(l, &la));
    PetscCall(DMRestoreLocalVector(et->dm, &l));
    PetscCall(DMRestoreGlobalVector(et->dm, &g));
    PetscCall(MPIU_Allreduce(&bc, &s->bc, 1, MPIU_BOOL, MPI_LOR, et->comm));
  }
  PetscCall(PetscInfo(et->dm, "sampler of %" PetscInt_FMT " local points; Dirichlet dofs in the closures: %s\n", npoints, s->bc ? "yes (boundary values inserted at each evaluation)" : "none"));
  *out = s;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSamplerDestroy(MfElectroThermalSampler *s)
{
  PetscFunctionBeginUser;
  if (!*s) PetscFunctionReturn(0);
  PetscCall(PetscFree3((*s)->cell, (*s)->xi, (*s)->invJ));
  PetscCall(PetscFree5((*s)->idx[0], (*s)->idx[1], (*s)->B[0], (*s)->B[1], (*s)->D));
  PetscCall(PetscFree(*s));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSamplerGetPoints(MfElectroThermalSampler s, PetscInt *npoints, const PetscInt *cell[], const PetscReal *xi[], PetscBool *bc)
{
  PetscFunctionBeginUser;
  if (bc) *bc = s->bc;
  if (npoints) *npoints = s->n;
  if (cell) *cell = s->cell;
  if (xi) *xi = s->xi;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSamplerEvaluate(MfElectroThermalSampler s, PetscReal E[], PetscReal T[], PetscReal phi[])
{
  MfElectroThermal   et = s->et;
  const PetscInt     dim = s->dim, Nb0 = s->Nb[0], Nb1 = s->Nb[1];
  Vec                uloc;
  const PetscScalar *u;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before sampling fields");
  /* also without points: the global-to-local scatter needs every rank. Without essential dofs in the closures
   * the scatter alone gives the values the full local solution has there. */
  if (s->bc) PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
  else {
    PetscCall(DMGetLocalVector(et->dm, &uloc));
    PetscCall(DMGlobalToLocalBegin(et->dm, et->u, INSERT_VALUES, uloc));
    PetscCall(DMGlobalToLocalEnd(et->dm, et->u, INSERT_VALUES, uloc));
  }
  PetscCall(VecGetArrayRead(uloc, &u));
  for (PetscInt p = 0; p < s->n; ++p) {
    if (phi || E) {
      const PetscInt  *id   = &s->idx[0][p * Nb0];
      const PetscReal *B    = &s->B[0][p * Nb0], *D = &s->D[(size_t)p * Nb0 * dim], *invJ = &s->invJ[p * dim * dim];
      PetscReal        val  = 0.0, gref[3] = {0, 0, 0};
      for (PetscInt b = 0; b < Nb0; ++b) {
        const PetscReal ub = PetscRealPart(u[id[b]]);
        val += B[b] * ub;
        for (PetscInt d = 0; d < dim; ++d) gref[d] += D[b * dim + d] * ub;
      }
      if (phi) phi[p] = val;
      if (E)
        for (PetscInt j = 0; j < dim; ++j) {
          PetscReal g = 0.0;
          for (PetscInt i = 0; i < dim; ++i) g += gref[i] * invJ[i * dim + j];
          E[p * dim + j] = -g;
        }
    }
    if (T) {
      const PetscInt  *id  = &s->idx[1][p * Nb1];
      const PetscReal *B   = &s->B[1][p * Nb1];
      PetscReal        val = 0.0;
      for (PetscInt b = 0; b < Nb1; ++b) val += B[b] * PetscRealPart(u[id[b]]);
      T[p] = val;
    }
  }
  PetscCall(VecRestoreArrayRead(uloc, &u));
  PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  PetscFunctionReturn(0);
}
