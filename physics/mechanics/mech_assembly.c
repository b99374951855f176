/* Node-blocked cell loops for the elasticity operator: stiffness matrix, residual and generalized end
 * forces. Why: PETSc 3.18's generic PetscFEUpdateElementMat_Internal loops over every pair of *vector*
 * basis functions and components, (Nb Nc)^2 dim^2 work per quadrature point, i.e. ~2.6e7 operations per Q2
 * hexahedron (81 x 81 x 9 x 16 x 27): 2.9 s for 112 hexahedra, ~15 min for the 37k-hex device mesh.
 * A Lagrange vector basis is a scalar nodal basis times unit vectors, so the element matrix is built from
 * the scalar node gradients once per node pair (27 x 27 instead of 81 x 81 x 9):
 *   K[(a,i),(b,j)] = sum_q w_q |J_q| ( lambda g_a,i g_b,j + mu (delta_ij g_a.g_b + g_a,j g_b,i) )
 * (a(u,v) = int lambda div u div v + 2 mu eps(u):eps(v)), g_a = grad N_a. The constitutive law itself is
 * MfMechPointStress (mech_kernels.c), shared with the pointwise PetscDS kernels, which stay the reference:
 * MfMechanicsCheckAssembly compares both paths (verification/mechanics/test_mech_assembly.c). */
#include "mech_impl.h"

typedef struct {
  PetscInt         dim, Nq, Nb, Nc, Nn; /* quadrature points, vector basis functions, components, scalar nodes */
  PetscQuadrature  quad;
  const PetscReal *w;
  PetscInt        *node, *comp; /* basis function f = scalar node node[f] times unit vector e_comp[f] */
  PetscReal       *Dref;        /* [Nq][Nn][dim] reference gradients of the scalar node functions */
  /* per-cell work arrays */
  PetscReal *v, *J, *invJ, *detJ, *D; /* D: [Nq][Nn][dim] physical gradients */
  PetscReal *A;                       /* [Nn][Nn][dim][dim] sum_q w |J| g_a (x) g_b */
  PetscScalar *elem;                  /* element matrix (Nb x Nb) or vector */
} MechTab;

static PetscErrorCode MechTabCreate(MfMechanics mech, PetscBool matrix, MechTab *t)
{
  PetscFE          fe;
  PetscTabulation  T;
  const PetscReal *B, *D;
  PetscInt         Nq, dim = mech->dim;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(t, sizeof(*t)));
  PetscCall(DMGetField(mech->dm, 0, NULL, (PetscObject *)&fe));
  PetscCall(PetscFEGetQuadrature(fe, &t->quad));
  PetscCall(PetscQuadratureGetData(t->quad, NULL, NULL, &Nq, NULL, &t->w));
  PetscCall(PetscFEGetDimension(fe, &t->Nb));
  PetscCall(PetscFEGetNumComponents(fe, &t->Nc));
  PetscCall(PetscFEGetCellTabulation(fe, 1, &T));
  t->dim = dim;
  t->Nq  = Nq;
  B      = T->T[0];
  D      = T->T[1];
  PetscCall(PetscMalloc3(t->Nb, &t->node, t->Nb, &t->comp, (size_t)Nq * t->Nb * dim, &t->Dref));
  /* identify the unit-vector component and the scalar node function of every basis function */
  for (PetscInt f = 0; f < t->Nb; ++f) {
    PetscReal nrm[3] = {0, 0, 0}, mx = 0;
    PetscInt  cf = 0, a;
    for (PetscInt q = 0; q < Nq; ++q)
      for (PetscInt c = 0; c < t->Nc; ++c) {
        nrm[c] += PetscAbsReal(B[(q * t->Nb + f) * t->Nc + c]);
        for (PetscInt d = 0; d < dim; ++d) nrm[c] += PetscAbsReal(D[((q * t->Nb + f) * t->Nc + c) * dim + d]);
      }
    for (PetscInt c = 0; c < t->Nc; ++c)
      if (nrm[c] > mx) { mx = nrm[c]; cf = c; }
    for (PetscInt c = 0; c < t->Nc; ++c)
      PetscCheck(c == cf || nrm[c] <= 1e-12 * mx, PETSC_COMM_SELF, PETSC_ERR_SUP, "Mechanics assembly: basis function %" PetscInt_FMT " is not a scalar times a unit vector; use -mech_fast_assembly 0", f);
    t->comp[f] = cf;
    for (a = 0; a < t->Nn; ++a) { /* same scalar function as node a? (values and gradients at all points) */
      PetscReal diff = 0, ref = 0;
      for (PetscInt q = 0; q < Nq; ++q)
        for (PetscInt d = 0; d < dim; ++d) {
          diff += PetscAbsReal(t->Dref[(q * t->Nb + a) * dim + d] - D[((q * t->Nb + f) * t->Nc + cf) * dim + d]);
          ref += PetscAbsReal(t->Dref[(q * t->Nb + a) * dim + d]);
        }
      if (diff <= 1e-12 * ref) break;
    }
    if (a == t->Nn) { /* new node; Dref is allocated with stride Nb >= Nn */
      for (PetscInt q = 0; q < Nq; ++q)
        for (PetscInt d = 0; d < dim; ++d) t->Dref[(q * t->Nb + a) * dim + d] = D[((q * t->Nb + f) * t->Nc + cf) * dim + d];
      ++t->Nn;
    }
    t->node[f] = a;
  }
  PetscCheck(t->Nn * t->Nc == t->Nb, PETSC_COMM_SELF, PETSC_ERR_SUP, "Mechanics assembly: found %" PetscInt_FMT " scalar nodes for %" PetscInt_FMT " basis functions of %" PetscInt_FMT " components; use -mech_fast_assembly 0", t->Nn, t->Nb, t->Nc);
  /* compact Dref to stride Nn */
  for (PetscInt q = 0; q < Nq; ++q)
    for (PetscInt a = 0; a < t->Nn; ++a)
      for (PetscInt d = 0; d < dim; ++d) t->Dref[(q * t->Nn + a) * dim + d] = t->Dref[(q * t->Nb + a) * dim + d];
  PetscCall(PetscMalloc5((size_t)Nq * dim, &t->v, (size_t)Nq * dim * dim, &t->J, (size_t)Nq * dim * dim, &t->invJ, Nq, &t->detJ, (size_t)Nq * t->Nn * dim, &t->D));
  PetscCall(PetscMalloc2(matrix ? (size_t)t->Nn * t->Nn * dim * dim : 1, &t->A, matrix ? (size_t)t->Nb * t->Nb : (size_t)t->Nb, &t->elem));
  PetscFunctionReturn(0);
}

static PetscErrorCode MechTabDestroy(MechTab *t)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree3(t->node, t->comp, t->Dref));
  PetscCall(PetscFree5(t->v, t->J, t->invJ, t->detJ, t->D));
  PetscCall(PetscFree2(t->A, t->elem));
  PetscFunctionReturn(0);
}

/* Geometry of cell c at the quadrature points and physical node gradients g = J^-T grad_ref */
static PetscErrorCode MechTabCell(DM dm, PetscInt c, MechTab *t)
{
  const PetscInt dim = t->dim;

  PetscFunctionBeginUser;
  PetscCall(DMPlexComputeCellGeometryFEM(dm, c, t->quad, t->v, t->J, t->invJ, t->detJ));
  for (PetscInt q = 0; q < t->Nq; ++q) {
    const PetscReal *iJ = &t->invJ[q * dim * dim];
    PetscCheck(t->detJ[q] > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Mechanics: cell %" PetscInt_FMT " has a non-positive Jacobian determinant %g at quadrature point %" PetscInt_FMT " (inverted element)", c, (double)t->detJ[q], q);
    for (PetscInt a = 0; a < t->Nn; ++a) {
      const PetscReal *gr = &t->Dref[(q * t->Nn + a) * dim];
      PetscReal       *g  = &t->D[(q * t->Nn + a) * dim];
      for (PetscInt j = 0; j < dim; ++j) {
        g[j] = 0.0;
        for (PetscInt k = 0; k < dim; ++k) g[j] += gr[k] * iJ[k * dim + j];
      }
    }
  }
  PetscFunctionReturn(0);
}

static void CellLame(const PetscScalar *p, PetscReal *lambda, PetscReal *mu)
{
  const PetscReal E = PetscRealPart(p[MF_MECH_AUX_E]), nu = PetscRealPart(p[MF_MECH_AUX_NU]);
  *lambda = E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
  *mu     = 0.5 * E / (1.0 + nu);
}

PetscErrorCode MfMechAssembleStiffness_Private(MfMechanics mech, Mat P)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechAssembleStiffnessOn_Private(mech, mech->dm, P));
  PetscFunctionReturn(0);
}

/* Same on any DM that shares mech->dm's mesh and local dof layout (e.g. the unconstrained AMG DM) */
PetscErrorCode MfMechAssembleStiffnessOn_Private(MfMechanics mech, DM dm, Mat P)
{
  PetscSection       s, gs;
  MechTab            t;
  PetscInt           cStart, cEnd, dim = mech->dim;
  const PetscScalar *aa;

  PetscFunctionBeginUser;
  PetscCall(MechTabCreate(mech, PETSC_TRUE, &t));
  PetscCall(DMGetLocalSection(dm, &s));
  PetscCall(DMGetGlobalSection(dm, &gs));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArrayRead(mech->aux, &aa));
  PetscCall(MatZeroEntries(P));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *p;
    PetscReal          lambda, mu;
    const PetscInt     Nn = t.Nn, Nb = t.Nb;

    PetscCall(DMPlexPointLocalRead(mech->dmAux, c, aa, &p));
    CellLame(p, &lambda, &mu);
    PetscCall(MechTabCell(dm, c, &t));
    /* A[a][b][i][j] = sum_q w |J| g_a,i g_b,j (upper triangle b >= a, mirrored below) */
    PetscCall(PetscArrayzero(t.A, (size_t)Nn * Nn * dim * dim));
    for (PetscInt q = 0; q < t.Nq; ++q) {
      const PetscReal wq = t.w[q] * t.detJ[q];
      for (PetscInt a = 0; a < Nn; ++a) {
        PetscReal ga[3];
        for (PetscInt i = 0; i < dim; ++i) ga[i] = wq * t.D[(q * Nn + a) * dim + i];
        for (PetscInt b = a; b < Nn; ++b) {
          const PetscReal *gb = &t.D[(q * Nn + b) * dim];
          PetscReal       *Ab = &t.A[(a * Nn + b) * dim * dim];
          for (PetscInt i = 0; i < dim; ++i)
            for (PetscInt j = 0; j < dim; ++j) Ab[i * dim + j] += ga[i] * gb[j];
        }
      }
    }
    for (PetscInt f = 0; f < Nb; ++f) {
      const PetscInt a = t.node[f], i = t.comp[f];
      for (PetscInt g = 0; g < Nb; ++g) {
        const PetscInt   b = t.node[g], j = t.comp[g];
        const PetscBool  up = b >= a ? PETSC_TRUE : PETSC_FALSE;
        const PetscReal *Ab = up ? &t.A[(a * Nn + b) * dim * dim] : &t.A[(b * Nn + a) * dim * dim];
        /* M(i,j) = sum_q g_a,i g_b,j; for the mirrored block A_ba(j,i) = A_ab(i,j) */
#define MECH_M(r, s) (up ? Ab[(r) * dim + (s)] : Ab[(s) * dim + (r)])
        PetscReal tr = 0.0;
        for (PetscInt k = 0; k < dim; ++k) tr += Ab[k * dim + k];
        t.elem[f * Nb + g] = lambda * MECH_M(i, j) + mu * ((i == j ? tr : 0.0) + MECH_M(j, i));
#undef MECH_M
      }
    }
    PetscCall(DMPlexMatSetClosure(dm, s, gs, P, c, t.elem, ADD_VALUES));
  }
  PetscCall(VecRestoreArrayRead(mech->aux, &aa));
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MechTabDestroy(&t));
  PetscFunctionReturn(0);
}

/* Residual F_f = int grad v_f : sigma(u) (added into the local Vec Floc, if given) and the generalized end
 * forces G_i = int sigma(u) : grad v_i (MfMechEndForceDensity) over locally owned cells, summed over ranks
 * (if G is given; collective then). uloc: local displacement including the essential boundary values. */
PetscErrorCode MfMechCellLoop_Private(MfMechanics mech, Vec uloc, PetscReal thermal, Vec Floc, PetscReal G[])
{
  DM                 dm = mech->dm;
  MechTab            t;
  PetscInt           cStart, cEnd, dim = mech->dim, nG = 2 * mech->nk;
  const PetscScalar *aa;
  PetscReal          Gloc[4] = {0, 0, 0, 0};
  PetscBool         *ghost = NULL;

  PetscFunctionBeginUser;
  PetscCall(MechTabCreate(mech, PETSC_FALSE, &t));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  if (G) PetscCall(MfMechGhostCells_Private(dm, cStart, cEnd, &ghost));
  PetscCall(VecGetArrayRead(mech->aux, &aa));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    const PetscScalar *p;
    PetscScalar       *uc = NULL;
    PetscInt           csize = 0;

    PetscCall(DMPlexPointLocalRead(mech->dmAux, c, aa, &p));
    PetscCall(MechTabCell(dm, c, &t));
    PetscCall(DMPlexVecGetClosure(dm, NULL, uloc, c, &csize, &uc));
    PetscCheck(csize == t.Nb, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Mechanics: closure size %" PetscInt_FMT " != %" PetscInt_FMT " basis functions", csize, t.Nb);
    if (Floc) PetscCall(PetscArrayzero(t.elem, t.Nb));
    for (PetscInt q = 0; q < t.Nq; ++q) {
      const PetscReal *g  = &t.D[q * t.Nn * dim];
      const PetscReal  wq = t.w[q] * t.detJ[q];
      PetscScalar      ux[9] = {0};
      PetscReal        eps[3][3], sig[3][3];

      for (PetscInt f = 0; f < t.Nb; ++f)
        for (PetscInt j = 0; j < dim; ++j) ux[t.comp[f] * dim + j] += uc[f] * g[t.node[f] * dim + j];
      MfMechPointStress(dim, p, ux, thermal, eps, sig);
      if (Floc)
        for (PetscInt f = 0; f < t.Nb; ++f) {
          PetscReal r = 0.0;
          for (PetscInt j = 0; j < dim; ++j) r += g[t.node[f] * dim + j] * sig[t.comp[f]][j];
          t.elem[f] += wq * r;
        }
      if (G && !ghost[c - cStart])
        for (PetscInt i = 0; i < nG; ++i) Gloc[i] += wq * MfMechEndForceDensity(dim, i / 2, i % 2, mech->zref, &t.v[q * dim], sig);
    }
    PetscCall(DMPlexVecRestoreClosure(dm, NULL, uloc, c, &csize, &uc));
    if (Floc) PetscCall(DMPlexVecSetClosure(dm, NULL, Floc, c, t.elem, ADD_ALL_VALUES));
  }
  PetscCall(VecRestoreArrayRead(mech->aux, &aa));
  PetscCall(MechTabDestroy(&t));
  if (G) {
    PetscCall(PetscFree(ghost));
    PetscCallMPI(MPI_Allreduce(Gloc, G, (PetscMPIInt)nG, MPIU_REAL, MPIU_SUM, mech->comm));
  }
  PetscFunctionReturn(0);
}

/* SNES callbacks replacing DMPlexSNESComputeResidualFEM / DMPlexSNESComputeJacobianFE (the boundary
 * callback DMPlexSNESComputeBoundaryFEM of DMPlexSetSNESLocalFEM still inserts the essential values) */
static PetscErrorCode MechResidualLocal(DM dm, Vec X, Vec F, void *ctx)
{
  MfMechanics        mech = (MfMechanics)ctx;
  PetscDS            ds;
  PetscInt           nc;
  const PetscScalar *cst;

  PetscFunctionBeginUser;
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(PetscDSGetConstants(ds, &nc, &cst));
  PetscCall(MfMechCellLoop_Private(mech, X, PetscRealPart(cst[MF_MECH_C_THERMAL]), F, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode MechJacobianLocal(DM dm, Vec X, Mat J, Mat P, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechAssembleStiffness_Private((MfMechanics)ctx, P));
  if (J != P) {
    PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfMechSetSNESCallbacks_Private(MfMechanics mech)
{
  PetscFunctionBeginUser;
  PetscCall(DMPlexSetSNESLocalFEM(mech->dm, mech, mech, mech));
  if (mech->fastAssembly) {
    PetscCall(DMSNESSetFunctionLocal(mech->dm, MechResidualLocal, mech));
    PetscCall(DMSNESSetJacobianLocal(mech->dm, MechJacobianLocal, mech));
  }
  PetscFunctionReturn(0);
}

/* Compare the node-blocked loops with PETSc's generic pointwise-kernel assembly (DMPlexSNESComputeJacobianFE,
 * DMPlexSNESComputeResidualFEM, DMPlexComputeIntegralFEM) on the current material/temperature state, at a
 * pseudo-random displacement (PETSc's default generator and seed: deterministic) with mixed stretch/curvature
 * boundary values and the thermal eigenstrain on. Returns relative Frobenius (matrix), 2-norm (residual) and
 * max-norm (end forces) differences. */
PetscErrorCode MfMechanicsCheckAssembly(MfMechanics mech, PetscReal *jacRelErr, PetscReal *resRelErr, PetscReal *forceRelErr)
{
  DM          dm;
  Mat         Jf, Jp;
  Vec         u, uloc, Ff, Fp, Fl;
  PetscReal   nrm, dn, Gf[4], Gp[4], gmax = 0, gerr = 0;
  PetscReal   coef[4] = {1e-3, 2.0, -5e-4, 1.0};

  PetscFunctionBeginUser;
  if (!mech->setup) PetscCall(MfMechanicsSetUp(mech));
  PetscCall(MfMechBuildAux_Private(mech));
  dm = mech->dm;
  PetscCall(DMCreateMatrix(dm, &Jf));
  PetscCall(DMCreateMatrix(dm, &Jp));
  PetscCall(MfMechAssembleStiffness_Private(mech, Jf));
  PetscCall(DMCreateLocalVector(dm, &uloc));
  PetscCall(DMCreateGlobalVector(dm, &u));
  PetscCall(VecSetRandom(u, NULL)); /* PETSc's default random generator with its fixed default seed */
  MfMechSetBCValues_Private(mech, coef);
  PetscCall(VecZeroEntries(uloc));
  PetscCall(DMPlexInsertBoundaryValues(dm, PETSC_TRUE, uloc, 0.0, NULL, NULL, NULL));
  PetscCall(DMGlobalToLocal(dm, u, INSERT_VALUES, uloc));
  PetscCall(DMPlexSNESComputeJacobianFEM(dm, uloc, Jp, Jp, mech));
  PetscCall(MatNorm(Jp, NORM_FROBENIUS, &nrm));
  PetscCall(MatAXPY(Jf, -1.0, Jp, SAME_NONZERO_PATTERN));
  PetscCall(MatNorm(Jf, NORM_FROBENIUS, &dn));
  *jacRelErr = dn / nrm;
  /* residual with the thermal eigenstrain on */
  PetscCall(MfMechSetConstants_Private(mech, 1.0, 0, 0));
  PetscCall(DMCreateGlobalVector(dm, &Ff));
  PetscCall(VecDuplicate(Ff, &Fp));
  PetscCall(DMGetLocalVector(dm, &Fl));
  PetscCall(VecZeroEntries(Fl));
  PetscCall(MfMechCellLoop_Private(mech, uloc, 1.0, Fl, Gf));
  PetscCall(VecZeroEntries(Ff));
  PetscCall(DMLocalToGlobal(dm, Fl, ADD_VALUES, Ff));
  PetscCall(VecZeroEntries(Fl));
  PetscCall(DMPlexSNESComputeResidualFEM(dm, uloc, Fl, mech));
  PetscCall(VecZeroEntries(Fp));
  PetscCall(DMLocalToGlobal(dm, Fl, ADD_VALUES, Fp));
  PetscCall(DMRestoreLocalVector(dm, &Fl));
  PetscCall(VecNorm(Fp, NORM_2, &nrm));
  PetscCall(VecAXPY(Ff, -1.0, Fp));
  PetscCall(VecNorm(Ff, NORM_2, &dn));
  *resRelErr = dn / nrm;
  PetscCall(MfMechEndForcesPETSc_Private(mech, u, 1.0, Gp));
  for (PetscInt i = 0; i < 2 * mech->nk; ++i) {
    gmax = PetscMax(gmax, PetscAbsReal(Gp[i]));
    gerr = PetscMax(gerr, PetscAbsReal(Gf[i] - Gp[i]));
  }
  *forceRelErr = gerr / gmax;
  PetscCall(MfMechSetConstants_Private(mech, 1.0, 0, 0));
  MfMechSetBCValues_Private(mech, NULL);
  PetscCall(VecDestroy(&Ff));
  PetscCall(VecDestroy(&Fp));
  PetscCall(VecDestroy(&u));
  PetscCall(VecDestroy(&uloc));
  PetscCall(MatDestroy(&Jf));
  PetscCall(MatDestroy(&Jp));
  PetscFunctionReturn(0);
}
