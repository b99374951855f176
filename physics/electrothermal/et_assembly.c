/* Fast cell loops for the electro-thermal residual and Jacobian (the default; -et_fast_assembly 0 restores
 * PETSc's generic path). Why: on the small 2D device meshes of the coupled KMC-FE runs PETSc 3.18's generic
 * PetscFE assembly with an auxiliary field costs 9.4 ms per residual and 19 ms per Jacobian for 768 Q1
 * quads (70 % of a run; the LU factorisation is 3 ms): it evaluates every pointwise kernel separately
 * (11 kernels, each re-evaluating sigma and k), gathers aux/geometry batches and loops over the generic
 * g0..g3 blocks of all field pairs. Here one pass per quadrature point evaluates the laws once
 * (EtSigma/EtConductivityK of et_laws.h, the same functions the PetscDS kernels of et_kernels.c call, so no
 * law is duplicated) and builds the element vector/matrix of both fields directly.
 *
 * Equivalence with the generic path (MfElectroThermalCheckAssembly, verification/electrothermal/
 * et_test_assembly.c): same FE tabulation and quadrature (the PetscFE's own, in closure order, so any
 * Lagrange degree), same DG0 coefficient records, DMPlexVecGetClosure/DMPlexVecSetClosure(ADD_ALL_VALUES)
 * and DMPlexMatSetClosure(ADD_VALUES) on all local cells exactly like DMPlexComputeResidual_Internal /
 * DMPlexComputeJacobian_Internal; the natural (heat-transfer) boundary terms are delegated to PETSc's own
 * DMPlexComputeBdResidualSingle/DMPlexComputeBdJacobianSingle (few faces, not worth duplicating) and the
 * essential values keep being inserted by the DMSNES/DMTS boundary callbacks. Not covered (automatic
 * fallback to the generic path, reported by -info): simplices, fields of different discretisations. */
#include "et_impl.h"

typedef struct {
  PetscInt         dim, Nq, Nb; /* quadrature points, scalar basis functions per field */
  PetscQuadrature  quad;
  const PetscReal *w;
  const PetscReal *B, *Dref; /* [Nq][Nb], [Nq][Nb][dim] reference values and gradients */
  PetscReal       *v, *J, *invJ, *detJ, *D; /* cell geometry, D: [Nq][Nb][dim] physical gradients */
  PetscReal       *wdet;                    /* [Nq] w_q |J_q| */
  PetscReal       *Dbuf;                    /* owned storage of D */
  PetscReal       *cache;                   /* et->geo: per cell [Nq] w|J| then [Nq][Nb][dim] gradients */
  PetscInt         cStart;
  PetscScalar     *elem;                    /* element vector (2 Nb) or matrix (2 Nb x 2 Nb) */
} EtTab;

/* Can the fast loops replace the generic assembly on this discretisation? */
PetscErrorCode MfEtFastAssemblySupported(MfElectroThermal et, PetscBool *ok)
{
  PetscFE   fe0, fe1;
  PetscBool simplex;
  PetscInt  Nf, Nb0, Nb1, Nc0, Nc1;

  PetscFunctionBeginUser;
  *ok = PETSC_FALSE;
  PetscCall(DMPlexIsSimplex(et->dm, &simplex));
  PetscCall(DMGetNumFields(et->dm, &Nf));
  if (simplex || Nf != 2) PetscFunctionReturn(0);
  PetscCall(DMGetField(et->dm, 0, NULL, (PetscObject *)&fe0));
  PetscCall(DMGetField(et->dm, 1, NULL, (PetscObject *)&fe1));
  PetscCall(PetscFEGetDimension(fe0, &Nb0));
  PetscCall(PetscFEGetDimension(fe1, &Nb1));
  PetscCall(PetscFEGetNumComponents(fe0, &Nc0));
  PetscCall(PetscFEGetNumComponents(fe1, &Nc1));
  *ok = (Nb0 == Nb1 && Nc0 == 1 && Nc1 == 1) ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtTabCreate(MfElectroThermal et, DM dm, PetscBool matrix, EtTab *t)
{
  PetscFE         fe;
  PetscTabulation T;
  PetscInt        dim = et->dim, Nq;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(t, sizeof(*t)));
  PetscCall(DMGetField(dm, 0, NULL, (PetscObject *)&fe));
  PetscCall(PetscFEGetQuadrature(fe, &t->quad));
  PetscCall(PetscQuadratureGetData(t->quad, NULL, NULL, &Nq, NULL, &t->w));
  PetscCall(PetscFEGetDimension(fe, &t->Nb));
  PetscCheck(t->Nb <= 125, PETSC_COMM_SELF, PETSC_ERR_SUP, "Electro-thermal fast assembly supports up to 125 basis functions per field (Q4 hexahedra), got %" PetscInt_FMT "; use -et_fast_assembly 0", t->Nb);
  PetscCall(PetscFEGetCellTabulation(fe, 1, &T));
  t->dim  = dim;
  t->Nq   = Nq;
  t->B    = T->T[0];
  t->Dref = T->T[1];
  PetscCall(PetscMalloc1(Nq, &t->wdet));
  t->D = NULL;
  PetscCall(PetscMalloc6((size_t)Nq * dim, &t->v, (size_t)Nq * dim * dim, &t->J, (size_t)Nq * dim * dim, &t->invJ, Nq, &t->detJ, (size_t)Nq * t->Nb * dim, &t->Dbuf, matrix ? (size_t)4 * t->Nb * t->Nb : (size_t)2 * t->Nb, &t->elem));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtTabDestroy(EtTab *t)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree6(t->v, t->J, t->invJ, t->detJ, t->Dbuf, t->elem));
  PetscCall(PetscFree(t->wdet));
  PetscFunctionReturn(0);
}

/* Geometry of cell c at the quadrature points and physical gradients g = J^-T grad_ref (as PETSc's
 * PetscFEEvaluateFieldJets: u_x[d] = sum_e Dref[e] invJ[e][d]). */
static PetscErrorCode EtTabCell(DM dm, PetscInt c, EtTab *t)
{
  const PetscInt dim = t->dim, Nb = t->Nb, per = t->Nq * (1 + Nb * dim);

  PetscFunctionBeginUser;
  if (t->cache) { /* geometry of a fixed mesh: computed once (EtGeometryCache) */
    const PetscReal *g = &t->cache[(size_t)(c - t->cStart) * per];
    PetscCall(PetscArraycpy(t->wdet, g, t->Nq));
    t->D = (PetscReal *)&g[t->Nq];
    PetscFunctionReturn(0);
  }
  t->D = t->Dbuf;
  PetscCall(DMPlexComputeCellGeometryFEM(dm, c, t->quad, t->v, t->J, t->invJ, t->detJ));
  for (PetscInt q = 0; q < t->Nq; ++q) {
    const PetscReal *iJ = &t->invJ[q * dim * dim];
    PetscCheck(t->detJ[q] > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Electro-thermal assembly: cell %" PetscInt_FMT " has a non-positive Jacobian determinant %g at quadrature point %" PetscInt_FMT " (inverted element)", c, (double)t->detJ[q], q);
    for (PetscInt b = 0; b < Nb; ++b) {
      const PetscReal *gr = &t->Dref[(q * Nb + b) * dim];
      PetscReal       *g  = &t->D[(q * Nb + b) * dim];
      for (PetscInt j = 0; j < dim; ++j) {
        g[j] = 0.0;
        for (PetscInt k = 0; k < dim; ++k) g[j] += gr[k] * iJ[k * dim + j];
      }
    }
    t->wdet[q] = t->w[q] * t->detJ[q];
  }
  PetscFunctionReturn(0);
}

/* Per-cell quadrature weights and physical gradients of all local cells, computed once: the mesh does not
 * move, and DMPlexComputeCellGeometryFEM of a non-affine quad/hex dominates a Q1 cell loop otherwise. Only
 * kept below 64 MB (large 3D meshes recompute per cell). */
static PetscErrorCode EtGeometryCache(MfElectroThermal et, DM dm, EtTab *t)
{
  PetscInt cStart, cEnd;
  size_t   per = (size_t)t->Nq * (1 + t->Nb * t->dim);

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  t->cStart = cStart;
  if (!et->geo && per * (size_t)(cEnd - cStart) * sizeof(PetscReal) <= ((size_t)64 << 20)) {
    PetscReal *geo;
    PetscCall(PetscMalloc1(per * (size_t)(cEnd - cStart), &geo));
    for (PetscInt c = cStart; c < cEnd; ++c) {
      PetscCall(EtTabCell(dm, c, t));
      PetscCall(PetscArraycpy(&geo[(size_t)(c - cStart) * per], t->wdet, t->Nq));
      PetscCall(PetscArraycpy(&geo[(size_t)(c - cStart) * per + t->Nq], t->D, (size_t)t->Nq * t->Nb * t->dim));
    }
    et->geo = geo;
  }
  t->cache = et->geo;
  PetscFunctionReturn(0);
}

/* Closure indices of every local cell, built once per DM (fixed mesh and sections): the local-vector offsets
 * in closure order (read off DMPlexVecGetClosure of a vector holding its own offsets, so they are exactly the
 * closure PETSc gathers) and the global indices DMPlexMatSetClosure passes to MatSetValues (from
 * DMPlexGetClosureIndices, negative for constrained or not-owned-here rows: MatSetValues skips those). Why:
 * DMPlexVecGetClosure / DMPlexMatSetClosure recompute the transitive closure, its cell-type label lookups and
 * its orientations at every call, 60 % of a 3D Q1 residual or Jacobian in PETSc 3.18. Lagrange fields of
 * scalar components carry no sign flips, so indices are all the closure needs. */
PetscErrorCode MfEtClosureCacheDestroy(EtClosureCache *cc)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(cc->lidx, cc->gidx));
  cc->dm = NULL;
  PetscFunctionReturn(0);
}

static PetscErrorCode EtClosureCacheBuild(DM dm, EtClosureCache *cc)
{
  PetscSection s, gs;
  PetscInt     cStart, cEnd, n;
  Vec          l;
  PetscScalar *a;

  PetscFunctionBeginUser;
  PetscCall(DMGetLocalSection(dm, &s));
  PetscCall(DMGetGlobalSection(dm, &gs));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(DMCreateLocalVector(dm, &l));
  PetscCall(VecGetLocalSize(l, &n));
  PetscCall(VecGetArray(l, &a));
  for (PetscInt i = 0; i < n; ++i) a[i] = (PetscScalar)i;
  PetscCall(VecRestoreArray(l, &a));
  cc->cStart = cStart;
  cc->N      = 0;
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscScalar *v = NULL;
    PetscInt     nv = 0, ni = 0, *idx = NULL;
    PetscCall(DMPlexVecGetClosure(dm, s, l, c, &nv, &v));
    if (c == cStart) {
      cc->N = nv;
      PetscCall(PetscMalloc2((size_t)nv * (cEnd - cStart), &cc->lidx, (size_t)nv * (cEnd - cStart), &cc->gidx));
    }
    PetscCheck(nv == cc->N, PETSC_COMM_SELF, PETSC_ERR_SUP, "Electro-thermal assembly: cell %" PetscInt_FMT " has %" PetscInt_FMT " closure dofs, cell %" PetscInt_FMT " has %" PetscInt_FMT " (mixed cell types are not supported by the fast assembly)", c, nv, cStart, cc->N);
    for (PetscInt i = 0; i < nv; ++i) cc->lidx[(size_t)(c - cStart) * nv + i] = (PetscInt)PetscRealPart(v[i]);
    PetscCall(DMPlexVecRestoreClosure(dm, s, l, c, &nv, &v));
    PetscCall(DMPlexGetClosureIndices(dm, s, gs, c, PETSC_TRUE, &ni, &idx, NULL, NULL));
    PetscCheck(ni == cc->N, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Electro-thermal assembly: cell %" PetscInt_FMT " has %" PetscInt_FMT " closure indices for %" PetscInt_FMT " closure values", c, ni, cc->N);
    PetscCall(PetscArraycpy(&cc->gidx[(size_t)(c - cStart) * ni], idx, ni));
    PetscCall(DMPlexRestoreClosureIndices(dm, s, gs, c, PETSC_TRUE, &ni, &idx, NULL, NULL));
  }
  PetscCall(VecDestroy(&l));
  cc->dm = dm;
  PetscFunctionReturn(0);
}

/* The closure cache of dm (built on first use; one slot for the steady and one for the transient DM). */
static PetscErrorCode EtClosureGet(MfElectroThermal et, DM dm, const EtClosureCache **cc)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < 2; ++i)
    if (et->clc[i].dm == dm) {
      *cc = &et->clc[i];
      PetscFunctionReturn(0);
    }
  for (PetscInt i = 0; i < 2; ++i)
    if (!et->clc[i].dm) {
      PetscCall(EtClosureCacheBuild(dm, &et->clc[i]));
      *cc = &et->clc[i];
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "Electro-thermal assembly: closure caches of more than two DMs requested");
}

/* Fields at quadrature point q from the closure uc = [phi dofs | T dofs] (and ut, the closure of u_t). */
typedef struct {
  PetscReal px[3], Tx[3], T, Tt, E;
  PetscReal s, s_T, s_E, k, k_T, k_E;
} EtQP;

static inline void EtEvalPoint(const EtTab *t, PetscInt q, const PetscScalar *rec, const PetscScalar *uc, const PetscScalar *ut, EtQP *p)
{
  const PetscInt   dim = t->dim, Nb = t->Nb;
  const PetscReal *B = &t->B[q * Nb], *g = &t->D[q * Nb * dim];
  PetscReal        e2 = 0.0;

  p->T  = 0.0;
  p->Tt = 0.0;
  for (PetscInt d = 0; d < dim; ++d) p->px[d] = p->Tx[d] = 0.0;
  for (PetscInt b = 0; b < Nb; ++b) {
    const PetscReal up = PetscRealPart(uc[b]), uT = PetscRealPart(uc[Nb + b]);
    p->T += uT * B[b];
    if (ut) p->Tt += PetscRealPart(ut[Nb + b]) * B[b];
    for (PetscInt d = 0; d < dim; ++d) {
      p->px[d] += up * g[b * dim + d];
      p->Tx[d] += uT * g[b * dim + d];
    }
  }
  for (PetscInt d = 0; d < dim; ++d) e2 += p->px[d] * p->px[d];
  p->E = PetscSqrtReal(e2);
  EtSigma(rec, p->T, p->E, &p->s, &p->s_T, &p->s_E);
  EtConductivityK(rec, p->T, p->s, p->s_T, p->s_E, &p->k, &p->k_T, &p->k_E);
}

/* Volume residual of all local cells added into locF (local vector); locX_t may be NULL (steady). */
static PetscErrorCode EtResidualCells(MfElectroThermal et, DM dm, Vec locX, Vec locX_t, Vec locF)
{
  EtTab                 t;
  PetscInt              cStart, cEnd, dim = et->dim;
  const PetscScalar    *aa, *x, *xt = NULL;
  PetscScalar          *f;
  const EtClosureCache *cc;

  PetscFunctionBeginUser;
  PetscCall(EtTabCreate(et, dm, PETSC_FALSE, &t));
  PetscCall(EtGeometryCache(et, dm, &t));
  PetscCall(EtClosureGet(et, dm, &cc));
  PetscCheck(cc->N == 2 * t.Nb, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Electro-thermal assembly: closure size %" PetscInt_FMT " != 2 x %" PetscInt_FMT " basis functions", cc->N, t.Nb);
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(et->aux, &aa));
  PetscCall(VecGetArrayRead(locX, &x));
  if (locX_t) PetscCall(VecGetArrayRead(locX_t, &xt));
  PetscCall(VecGetArray(locF, &f));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *rec;
    const PetscInt     Nb = t.Nb, *li = &cc->lidx[(size_t)(c - cc->cStart) * cc->N];
    PetscScalar        uc[2 * 125], ut[2 * 125];

    PetscCall(DMPlexPointLocalRead(et->dmAux, c, aa, &rec));
    PetscCall(EtTabCell(dm, c, &t));
    for (PetscInt i = 0; i < 2 * Nb; ++i) uc[i] = x[li[i]];
    if (xt)
      for (PetscInt i = 0; i < 2 * Nb; ++i) ut[i] = xt[li[i]];
    PetscCall(PetscArrayzero(t.elem, 2 * Nb));
    for (PetscInt q = 0; q < t.Nq; ++q) {
      const PetscReal  wq = t.wdet[q];
      const PetscReal *B = &t.B[q * Nb], *g = &t.D[q * Nb * dim];
      EtQP             p;
      PetscReal        f0T, f1p[3], f1T[3];

      EtEvalPoint(&t, q, rec, uc, xt ? ut : NULL, &p);
      /* MfEtF1Phi, MfEtF0T, MfEtF1T */
      f0T = -p.s * p.E * p.E;
      if (xt) f0T += PetscRealPart(rec[ET_A_RHOC]) * p.Tt;
      for (PetscInt d = 0; d < dim; ++d) {
        f1p[d] = p.s * p.px[d];
        f1T[d] = p.k * p.Tx[d];
      }
      for (PetscInt b = 0; b < Nb; ++b) {
        PetscReal rp = 0.0, rT = B[b] * f0T;
        for (PetscInt d = 0; d < dim; ++d) {
          rp += g[b * dim + d] * f1p[d];
          rT += g[b * dim + d] * f1T[d];
        }
        t.elem[b] += wq * rp;
        t.elem[Nb + b] += wq * rT;
      }
    }
    for (PetscInt i = 0; i < 2 * Nb; ++i) f[li[i]] += t.elem[i]; /* ADD_ALL_VALUES */
  }
  PetscCall(VecRestoreArray(locF, &f));
  if (locX_t) PetscCall(VecRestoreArrayRead(locX_t, &xt));
  PetscCall(VecRestoreArrayRead(locX, &x));
  PetscCall(VecRestoreArrayRead(et->aux, &aa));
  PetscCall(EtTabDestroy(&t));
  PetscFunctionReturn(0);
}

/* Electrical power int sigma |grad phi|^2 dV of the local cells at the local state locX (the PetscDS objective
 * MfEtJouleDensity, same quadrature), summed over ranks. */
static PetscErrorCode EtJouleCells(MfElectroThermal et, Vec locX, PetscReal *watts)
{
  EtTab                 t;
  PetscInt              cStart, cEnd;
  const PetscScalar    *aa, *x;
  const EtClosureCache *cc;
  PetscReal             sum = 0.0;

  PetscFunctionBeginUser;
  PetscCall(EtTabCreate(et, et->dm, PETSC_FALSE, &t));
  PetscCall(EtGeometryCache(et, et->dm, &t));
  PetscCall(EtClosureGet(et, et->dm, &cc));
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(et->aux, &aa));
  PetscCall(VecGetArrayRead(locX, &x));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *rec;
    const PetscInt    *li = &cc->lidx[(size_t)(c - cc->cStart) * cc->N];
    PetscScalar        uc[2 * 125];

    PetscCall(DMPlexPointLocalRead(et->dmAux, c, aa, &rec));
    PetscCall(EtTabCell(et->dm, c, &t));
    for (PetscInt i = 0; i < 2 * t.Nb; ++i) uc[i] = x[li[i]];
    for (PetscInt q = 0; q < t.Nq; ++q) {
      EtQP p;
      EtEvalPoint(&t, q, rec, uc, NULL, &p);
      sum += t.wdet[q] * p.s * p.E * p.E;
    }
  }
  PetscCall(VecRestoreArrayRead(locX, &x));
  PetscCall(VecRestoreArrayRead(et->aux, &aa));
  PetscCall(EtTabDestroy(&t));
  PetscCall(MPIU_Allreduce(&sum, watts, 1, MPIU_REAL, MPIU_SUM, et->comm));
  PetscFunctionReturn(0);
}

/* Joule (= electrical) power of the present state et->u, by the fast loop or PETSc's DMPlexComputeIntegralFEM. */
PetscErrorCode MfEtJoulePower(MfElectroThermal et, PetscReal *watts)
{
  PetscFunctionBeginUser;
  if (et->fastAssembly) {
    Vec uloc;
    PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
    PetscCall(EtJouleCells(et, uloc, watts));
    PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  } else {
    PetscScalar integral[2] = {0.0, 0.0};
    PetscCall(DMPlexComputeIntegralFEM(et->dm, et->u, integral, NULL));
    *watts = PetscRealPart(integral[0]);
  }
  PetscFunctionReturn(0);
}

/* Largest nodal temperature of the cells of each region (index = region id, 0 where a region has no cells),
 * from the local state uloc, over all ranks. */
PetscErrorCode MfEtRegionMaxTemperature(MfElectroThermal et, Vec uloc, PetscReal Tmax[])
{
  PetscReal          loc[MF_NUM_REGIONS];
  PetscInt           cStart, cEnd;
  DMLabel            region;
  const PetscScalar *x;

  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < MF_NUM_REGIONS; ++i) loc[i] = 0.0;
  PetscCall(DMGetLabel(et->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(uloc, &x));
  if (et->fastAssembly) { /* the T dofs are the second half of the cached closure */
    const EtClosureCache *cc;
    PetscCall(EtClosureGet(et, et->dm, &cc));
    for (PetscInt c = cStart; c < cEnd; ++c) {
      const PetscInt *li = &cc->lidx[(size_t)(c - cc->cStart) * cc->N];
      PetscInt        reg;
      PetscCall(DMLabelGetValue(region, c, &reg));
      if (reg <= 0 || reg >= MF_NUM_REGIONS) continue;
      for (PetscInt i = cc->N / 2; i < cc->N; ++i) loc[reg] = PetscMax(loc[reg], PetscRealPart(x[li[i]]));
    }
  } else {
    PetscSection s;
    PetscCall(DMGetLocalSection(et->dm, &s));
    for (PetscInt c = cStart; c < cEnd; ++c) {
      PetscInt *cl = NULL, ncl, reg;
      PetscCall(DMLabelGetValue(region, c, &reg));
      if (reg <= 0 || reg >= MF_NUM_REGIONS) continue;
      PetscCall(DMPlexGetTransitiveClosure(et->dm, c, PETSC_TRUE, &ncl, &cl));
      for (PetscInt j = 0; j < ncl; ++j) {
        PetscInt dof, off;
        PetscCall(PetscSectionGetFieldDof(s, cl[2 * j], 1, &dof));
        PetscCall(PetscSectionGetFieldOffset(s, cl[2 * j], 1, &off));
        for (PetscInt d = 0; d < dof; ++d) loc[reg] = PetscMax(loc[reg], PetscRealPart(x[off + d]));
      }
      PetscCall(DMPlexRestoreTransitiveClosure(et->dm, c, PETSC_TRUE, &ncl, &cl));
    }
  }
  PetscCall(VecRestoreArrayRead(uloc, &x));
  PetscCall(MPIU_Allreduce(loc, Tmax, MF_NUM_REGIONS, MPIU_REAL, MPIU_MAX, et->comm));
  PetscFunctionReturn(0);
}

/* Volume Jacobian (with the time-derivative shift) of all local cells added into P (not assembled). Element
 * matrix rows = test functions, columns = trial functions, fields in closure order (phi, T). */
static PetscErrorCode EtJacobianCells(MfElectroThermal et, DM dm, Vec locX, PetscReal shift, Mat P)
{
  EtTab                 t;
  PetscInt              cStart, cEnd, dim = et->dim;
  const PetscScalar    *aa, *x;
  const EtClosureCache *cc;

  PetscFunctionBeginUser;
  PetscCall(EtTabCreate(et, dm, PETSC_TRUE, &t));
  PetscCall(EtGeometryCache(et, dm, &t));
  PetscCall(EtClosureGet(et, dm, &cc));
  PetscCheck(cc->N == 2 * t.Nb, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Electro-thermal assembly: closure size %" PetscInt_FMT " != 2 x %" PetscInt_FMT " basis functions", cc->N, t.Nb);
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(et->aux, &aa));
  PetscCall(VecGetArrayRead(locX, &x));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *rec;
    PetscScalar       *K = t.elem, uc[2 * 125];
    const PetscInt     Nb = t.Nb, N = 2 * t.Nb, *li = &cc->lidx[(size_t)(c - cc->cStart) * cc->N];

    PetscCall(DMPlexPointLocalRead(et->dmAux, c, aa, &rec));
    PetscCall(EtTabCell(dm, c, &t));
    for (PetscInt i = 0; i < N; ++i) uc[i] = x[li[i]];
    PetscCall(PetscArrayzero(K, (size_t)N * N));
    for (PetscInt q = 0; q < t.Nq; ++q) {
      const PetscReal  wq = t.wdet[q];
      const PetscReal *B = &t.B[q * Nb], *g = &t.D[q * Nb * dim];
      const PetscReal  rhoc = PetscRealPart(rec[ET_A_RHOC]);
      EtQP             p;
      PetscReal        cE, kE, g0, g1[3], g2p[3], g2T[3], gp[125], gT[125], gg1[125];

      EtEvalPoint(&t, q, rec, uc, NULL, &p);
      /* coefficients of the pointwise Jacobian kernels (et_kernels.c) */
      cE = (p.E > 0.0 && p.s_E != 0.0) ? p.s_E / p.E : 0.0; /* MfEtG3PhiPhi: s I + cE px px^T */
      kE = (p.E > 0.0 && p.k_E != 0.0) ? p.k_E / p.E : 0.0; /* MfEtG3TPhi: kE Tx px^T */
      g0 = -p.s_T * p.E * p.E + shift * rhoc;              /* MfEtG0TT */
      for (PetscInt d = 0; d < dim; ++d) {
        g2p[d] = p.s_T * p.px[d];                        /* MfEtG2PhiT */
        g1[d]  = -(2.0 * p.s + p.s_E * p.E) * p.px[d];   /* MfEtG1TPhi */
        g2T[d] = p.k_T * p.Tx[d];                        /* MfEtG2TT */
      }
      /* per basis function: g.px, g.Tx, g1.g */
      for (PetscInt b = 0; b < Nb; ++b) {
        PetscReal a0 = 0.0, a1 = 0.0, a4 = 0.0;
        for (PetscInt d = 0; d < dim; ++d) {
          const PetscReal gd = g[b * dim + d];
          a0 += gd * p.px[d];
          a1 += gd * p.Tx[d];
          a4 += gd * g1[d];
        }
        gp[b]  = a0;
        gT[b]  = a1;
        gg1[b] = a4;
      }
      for (PetscInt b = 0; b < Nb; ++b) {
        PetscReal a2 = 0.0, a3 = 0.0;
        for (PetscInt d = 0; d < dim; ++d) {
          a2 += g[b * dim + d] * g2p[d];
          a3 += g[b * dim + d] * g2T[d];
        }
        for (PetscInt c2 = 0; c2 < Nb; ++c2) {
          PetscReal gg = 0.0;
          for (PetscInt d = 0; d < dim; ++d) gg += g[b * dim + d] * g[c2 * dim + d];
          K[b * N + c2] += wq * (p.s * gg + cE * gp[b] * gp[c2]);                                      /* phi-phi */
          K[b * N + Nb + c2] += wq * a2 * B[c2];                                                       /* phi-T */
          K[(Nb + b) * N + c2] += wq * (B[b] * gg1[c2] + kE * gT[b] * gp[c2]);                         /* T-phi */
          K[(Nb + b) * N + Nb + c2] += wq * (B[b] * g0 * B[c2] + a3 * B[c2] + p.k * gg);               /* T-T */
        }
      }
    }
    PetscCall(MatSetValues(P, N, &cc->gidx[(size_t)(c - cc->cStart) * N], N, &cc->gidx[(size_t)(c - cc->cStart) * N], K, ADD_VALUES)); /* as DMPlexMatSetClosure */
  }
  PetscCall(VecRestoreArrayRead(locX, &x));
  PetscCall(VecRestoreArrayRead(et->aux, &aa));
  PetscCall(EtTabDestroy(&t));
  PetscFunctionReturn(0);
}

/* Natural boundary terms of the DS (heat-transfer conditions), by PETSc, exactly as in the generic path */
static PetscErrorCode EtBdResidual(DM dm, PetscReal time, Vec locX, Vec locX_t, Vec locF)
{
  PetscDS  ds;
  PetscInt numBd;

  PetscFunctionBeginUser;
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(PetscDSGetNumBoundary(ds, &numBd));
  for (PetscInt b = 0; b < numBd; ++b) {
    PetscWeakForm   wf;
    DMBoundaryConditionType type;
    DMLabel         label;
    const PetscInt *values;
    PetscInt        numValues, field;
    PetscCall(PetscDSGetBoundary(ds, b, &wf, &type, NULL, &label, &numValues, &values, &field, NULL, NULL, NULL, NULL, NULL));
    if (type != DM_BC_NATURAL) continue;
    for (PetscInt v = 0; v < numValues; ++v) {
      PetscFormKey key;
      key.label = label;
      key.value = values[v];
      key.field = field;
      key.part  = 0;
      PetscCall(DMPlexComputeBdResidualSingle(dm, time, wf, key, locX, locX_t, locF));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode EtBdJacobian(DM dm, PetscReal time, Vec locX, Vec locX_t, PetscReal shift, Mat P)
{
  PetscDS  ds;
  PetscInt numBd;

  PetscFunctionBeginUser;
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(PetscDSGetNumBoundary(ds, &numBd));
  for (PetscInt b = 0; b < numBd; ++b) {
    PetscWeakForm   wf;
    DMBoundaryConditionType type;
    DMLabel         label;
    const PetscInt *values;
    PetscInt        numValues, field;
    PetscCall(PetscDSGetBoundary(ds, b, &wf, &type, NULL, &label, &numValues, &values, &field, NULL, NULL, NULL, NULL, NULL));
    if (type != DM_BC_NATURAL) continue;
    PetscCall(DMPlexComputeBdJacobianSingle(dm, time, wf, label, numValues, values, field, locX, locX_t, shift, P, P));
  }
  PetscFunctionReturn(0);
}

/* Residual into the local vector locF (added), by the fast loop or PETSc's generic assembly. */
PetscErrorCode MfEtComputeResidualLocal(MfElectroThermal et, DM dm, PetscReal time, Vec locX, Vec locX_t, Vec locF)
{
  PetscFunctionBeginUser;
  if (et->fastAssembly) {
    PetscCall(EtResidualCells(et, dm, locX, locX_t, locF));
    PetscCall(EtBdResidual(dm, time, locX, locX_t, locF));
  } else if (locX_t) PetscCall(DMPlexTSComputeIFunctionFEM(dm, time, locX, locX_t, locF, et));
  else PetscCall(DMPlexSNESComputeResidualFEM(dm, locX, locF, et));
  PetscFunctionReturn(0);
}

/* Jacobian dF/du + shift dF/du_t into P (zeroed first, assembled; J != P is only assembled, e.g. a
 * matrix-free operator), by the fast loop or PETSc's generic assembly. */
PetscErrorCode MfEtComputeJacobianLocal(MfElectroThermal et, DM dm, PetscReal time, Vec locX, Vec locX_t, PetscReal shift, Mat J, Mat P)
{
  PetscFunctionBeginUser;
  if (et->fastAssembly) {
    PetscCall(MatZeroEntries(P));
    PetscCall(EtJacobianCells(et, dm, locX, shift, P));
    PetscCall(EtBdJacobian(dm, time, locX, locX_t, shift, P));
    PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
    if (J != P) {
      PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
      PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
    }
  } else if (locX_t) PetscCall(DMPlexTSComputeIJacobianFEM(dm, time, locX, locX_t, shift, J, P, et));
  else PetscCall(DMPlexSNESComputeJacobianFEM(dm, locX, J, P, et));
  PetscFunctionReturn(0);
}

/* DMSNES / DMTS local callbacks (the boundary callbacks DMPlexSNESComputeBoundaryFEM / DMPlexTSComputeBoundary
 * still insert the essential values into the local state first). */
static PetscErrorCode EtSNESResidual(DM dm, Vec X, Vec F, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MfEtComputeResidualLocal((MfElectroThermal)ctx, dm, PETSC_MIN_REAL, X, NULL, F));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtSNESJacobian(DM dm, Vec X, Mat J, Mat P, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MfEtComputeJacobianLocal((MfElectroThermal)ctx, dm, 0.0, X, NULL, 0.0, J, P));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtTSIFunction(DM dm, PetscReal time, Vec X, Vec X_t, Vec F, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MfEtComputeResidualLocal((MfElectroThermal)ctx, dm, time, X, X_t, F));
  PetscFunctionReturn(0);
}

static PetscErrorCode EtTSIJacobian(DM dm, PetscReal time, Vec X, Vec X_t, PetscReal shift, Mat J, Mat P, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MfEtComputeJacobianLocal((MfElectroThermal)ctx, dm, time, X, X_t, shift, J, P));
  PetscFunctionReturn(0);
}

/* Install the residual/Jacobian callbacks of the steady SNES (et->dm) and, if it exists, the TS (et->dmTS):
 * the fast loops if requested and supported, else PETSc's generic FEM callbacks. */
PetscErrorCode MfEtSetAssemblyCallbacks(MfElectroThermal et)
{
  PetscBool ok;

  PetscFunctionBeginUser;
  PetscCall(MfEtFastAssemblySupported(et, &ok));
  if (et->fastAssemblyRequested && !ok) PetscCall(PetscInfo(et->dm, "electro-thermal fast assembly not available for this discretisation (simplices or unequal fields): using PETSc's generic assembly\n"));
  et->fastAssembly = (et->fastAssemblyRequested && ok) ? PETSC_TRUE : PETSC_FALSE;
  PetscCall(DMPlexSetSNESLocalFEM(et->dm, et, et, et));
  if (et->fastAssembly) {
    PetscCall(DMSNESSetFunctionLocal(et->dm, EtSNESResidual, et));
    PetscCall(DMSNESSetJacobianLocal(et->dm, EtSNESJacobian, et));
  }
  if (et->dmTS) {
    PetscCall(DMTSSetBoundaryLocal(et->dmTS, DMPlexTSComputeBoundary, et));
    PetscCall(DMTSSetIFunctionLocal(et->dmTS, et->fastAssembly ? EtTSIFunction : DMPlexTSComputeIFunctionFEM, et));
    PetscCall(DMTSSetIJacobianLocal(et->dmTS, et->fastAssembly ? EtTSIJacobian : DMPlexTSComputeIJacobianFEM, et));
  }
  PetscFunctionReturn(0);
}

/* Compare the fast loops with PETSc's generic assembly at the current state et->u (essential values
 * inserted): residual (relative 2-norm of the difference, assembled global vectors; also the relative difference
 * of the Joule power MfEtJoulePower, from which the device current is taken, if larger) and Jacobian (the larger
 * of the relative Frobenius norm and the largest relative 2-norm of a row difference). u_t == NULL: steady residual/Jacobian (SNES path); else the transient IFunction with
 * time derivative u_t (global Vec) and IJacobian with the given shift (TS path). */
PetscErrorCode MfElectroThermalCheckAssembly(MfElectroThermal et, Vec u_t, PetscReal shift, PetscReal *jacRelErr, PetscReal *resRelErr)
{
  const PetscBool save = et->fastAssembly;
  DM              dm   = et->dm;
  Vec             uloc, utloc = NULL, Fl, F[2];
  Mat             J[2];
  PetscReal       nrm, dn, W[2];
  PetscBool       ok;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before MfElectroThermalCheckAssembly()");
  PetscCall(MfEtFastAssemblySupported(et, &ok));
  PetscCheck(ok, et->comm, PETSC_ERR_SUP, "the fast electro-thermal assembly does not cover this discretisation (simplices or unequal fields): nothing to compare");
  PetscCall(MfEtLocalSolution(et, dm, et->u, &uloc));
  if (u_t) {
    PetscCall(DMGetLocalVector(dm, &utloc));
    PetscCall(VecZeroEntries(utloc));
    PetscCall(DMGlobalToLocal(dm, u_t, INSERT_VALUES, utloc));
  }
  PetscCall(DMGetLocalVector(dm, &Fl));
  for (PetscInt i = 0; i < 2; ++i) { /* i = 0: fast, 1: generic */
    et->fastAssembly = i == 0 ? PETSC_TRUE : PETSC_FALSE;
    PetscCall(DMCreateGlobalVector(dm, &F[i]));
    PetscCall(VecZeroEntries(Fl));
    PetscCall(MfEtComputeResidualLocal(et, dm, et->time, uloc, utloc, Fl));
    PetscCall(VecZeroEntries(F[i]));
    PetscCall(DMLocalToGlobal(dm, Fl, ADD_VALUES, F[i]));
    PetscCall(DMCreateMatrix(dm, &J[i]));
    PetscCall(MfEtComputeJacobianLocal(et, dm, et->time, uloc, utloc, u_t ? shift : 0.0, J[i], J[i]));
    PetscCall(MfEtJoulePower(et, &W[i]));
  }
  et->fastAssembly = save;
  PetscCall(VecNorm(F[1], NORM_2, &nrm));
  PetscCall(VecAXPY(F[0], -1.0, F[1]));
  PetscCall(VecNorm(F[0], NORM_2, &dn));
  *resRelErr = dn / nrm;
  if (W[0] != W[1]) *resRelErr = PetscMax(*resRelErr, PetscAbsReal(W[0] - W[1]) / PetscAbsReal(W[1])); /* Joule power (the device current) */
  PetscCall(MatNorm(J[1], NORM_FROBENIUS, &nrm));
  PetscCall(MatAXPY(J[0], -1.0, J[1], DIFFERENT_NONZERO_PATTERN));
  PetscCall(MatNorm(J[0], NORM_FROBENIUS, &dn));
  *jacRelErr = dn / nrm;
  { /* row by row as well: conductivities span 15 decades, so the Frobenius norm alone would only see the metals */
    PetscInt  rStart, rEnd;
    PetscReal rmax = 0.0, rg;
    PetscCall(MatGetOwnershipRange(J[1], &rStart, &rEnd));
    for (PetscInt r = rStart; r < rEnd; ++r) {
      const PetscScalar *v;
      PetscInt           n;
      PetscReal          a = 0.0, b = 0.0;
      PetscCall(MatGetRow(J[0], r, &n, NULL, &v));
      for (PetscInt i = 0; i < n; ++i) a += PetscRealPart(v[i] * PetscConj(v[i]));
      PetscCall(MatRestoreRow(J[0], r, &n, NULL, &v));
      PetscCall(MatGetRow(J[1], r, &n, NULL, &v));
      for (PetscInt i = 0; i < n; ++i) b += PetscRealPart(v[i] * PetscConj(v[i]));
      PetscCall(MatRestoreRow(J[1], r, &n, NULL, &v));
      if (b > 0.0) rmax = PetscMax(rmax, PetscSqrtReal(a / b));
      else if (a > 0.0) rmax = PETSC_MAX_REAL;
    }
    PetscCall(MPIU_Allreduce(&rmax, &rg, 1, MPIU_REAL, MPIU_MAX, et->comm));
    *jacRelErr = PetscMax(*jacRelErr, rg);
  }
  for (PetscInt i = 0; i < 2; ++i) {
    PetscCall(VecDestroy(&F[i]));
    PetscCall(MatDestroy(&J[i]));
  }
  PetscCall(DMRestoreLocalVector(dm, &Fl));
  if (utloc) PetscCall(DMRestoreLocalVector(dm, &utloc));
  PetscCall(DMRestoreLocalVector(dm, &uloc));
  PetscFunctionReturn(0);
}
