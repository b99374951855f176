/* Requirement: the elasticity kernels of the solver (MfMechF1Elastic / MfMechG3Elastic, material through
 * the DG0 auxiliary field) converge at the theoretical L2 rate p+1 for Q_p elements on a manufactured
 * vector solution u_c = w_c S(x) + L_c(x), S = prod_d sin(pi x_d), L linear (non-homogeneous Dirichlet data).
 * Body force f = -div sigma(u): f0 = div sigma = mu Lap u + (lambda + mu) grad div u (no eigenstrain).
 * Pass: observed order of the last refinement within +-0.1 of p+1 (the criterion). */
#include "mech_test_util.h"
#include "mech_kernels.h"
#include <petscsnes.h>

static const PetscReal W[3] = {1.0, -0.7, 0.4}, Lin[3][3] = {{0.1, 0.2, -0.1}, {-0.3, 0.05, 0.2}, {0.15, -0.2, 0.1}};
static const PetscReal E_MMS = 2.5, NU_MMS = 0.3;

static PetscErrorCode Exact(PetscInt dim, PetscReal time, const PetscReal x[], PetscInt Nc, PetscScalar *u, void *ctx)
{
  PetscReal S = 1.0;
  for (PetscInt d = 0; d < dim; ++d) S *= PetscSinReal(PETSC_PI * x[d]);
  for (PetscInt c = 0; c < dim; ++c) {
    u[c] = W[c] * S;
    for (PetscInt d = 0; d < dim; ++d) u[c] += Lin[c][d] * x[d];
  }
  return 0;
}

static void F0Mms(MF_MECH_KERNEL_ARGS, MF_MECH_POINT_ARGS, PetscScalar f0[])
{
  const PetscReal E = PetscRealPart(a[aOff[0] + MF_MECH_AUX_E]), nu = PetscRealPart(a[aOff[0] + MF_MECH_AUX_NU]);
  const PetscReal lambda = E * nu / ((1 + nu) * (1 - 2 * nu)), mu = 0.5 * E / (1 + nu);
  PetscReal       H[3][3], trH = 0.0;

  for (PetscInt i = 0; i < dim; ++i)
    for (PetscInt j = 0; j < dim; ++j) {
      PetscReal h = 1.0;
      for (PetscInt k = 0; k < dim; ++k) {
        if (k == i && k == j) h *= -PETSC_PI * PETSC_PI * PetscSinReal(PETSC_PI * x[k]);
        else if (k == i || k == j) h *= PETSC_PI * PetscCosReal(PETSC_PI * x[k]);
        else h *= PetscSinReal(PETSC_PI * x[k]);
      }
      H[i][j] = h;
    }
  for (PetscInt i = 0; i < dim; ++i) trH += H[i][i];
  for (PetscInt c = 0; c < dim; ++c) {
    PetscReal gd = 0.0;
    for (PetscInt j = 0; j < dim; ++j) gd += H[c][j] * W[j];
    f0[c] = mu * W[c] * trH + (lambda + mu) * gd;
  }
}

static PetscErrorCode SolveLevel(MPI_Comm comm, PetscInt dim, PetscInt degree, PetscInt n, PetscReal *err)
{
  DM             dm, dmAux;
  PetscFE        fe, feAux;
  PetscDS        ds;
  SNES           snes;
  Vec            u, aux;
  DMLabel        marker;
  PetscInt       faces[3] = {n, n, n}, one = 1, cStart, cEnd;
  PetscScalar    constants[MF_MECH_NCONST] = {0.0, 0.0, 0.0, 0.0}, *aa;
  PetscErrorCode (*ex[1])(PetscInt, PetscReal, const PetscReal[], PetscInt, PetscScalar *, void *) = {Exact};

  PetscFunctionBeginUser;
  PetscCall(DMPlexCreateBoxMesh(comm, dim, PETSC_FALSE, faces, NULL, NULL, NULL, PETSC_TRUE, &dm));
  PetscCall(PetscFECreateLagrange(comm, dim, dim, PETSC_FALSE, degree, PETSC_DETERMINE, &fe));
  PetscCall(DMSetField(dm, 0, NULL, (PetscObject)fe));
  PetscCall(DMCreateDS(dm));
  PetscCall(DMGetDS(dm, &ds));
  PetscCall(PetscDSSetResidual(ds, 0, F0Mms, MfMechF1Elastic));
  PetscCall(PetscDSSetJacobian(ds, 0, 0, NULL, NULL, NULL, MfMechG3Elastic));
  PetscCall(PetscDSSetConstants(ds, MF_MECH_NCONST, constants));
  PetscCall(DMGetLabel(dm, "marker", &marker));
  PetscCall(DMAddBoundary(dm, DM_BC_ESSENTIAL, "wall", marker, 1, &one, 0, 0, NULL, (void (*)(void))Exact, NULL, NULL, NULL));
  /* constant material through the same DG0 auxiliary field the solver uses */
  PetscCall(DMClone(dm, &dmAux));
  PetscCall(PetscFECreateLagrange(comm, dim, MF_MECH_NAUX, PETSC_FALSE, 0, PETSC_DETERMINE, &feAux));
  PetscCall(PetscFECopyQuadrature(fe, feAux));
  PetscCall(DMSetField(dmAux, 0, NULL, (PetscObject)feAux));
  PetscCall(DMCreateDS(dmAux));
  PetscCall(DMCreateLocalVector(dmAux, &aux));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArray(aux, &aa));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscScalar *p;
    PetscCall(DMPlexPointLocalRef(dmAux, c, aa, &p));
    p[MF_MECH_AUX_E] = E_MMS;
    p[MF_MECH_AUX_NU] = NU_MMS;
    p[MF_MECH_AUX_ALPHA] = 0.0;
    p[MF_MECH_AUX_THETA] = 0.0;
  }
  PetscCall(VecRestoreArray(aux, &aa));
  PetscCall(DMSetAuxiliaryVec(dm, NULL, 0, 0, aux));

  PetscCall(SNESCreate(comm, &snes));
  PetscCall(SNESSetDM(snes, dm));
  PetscCall(DMPlexSetSNESLocalFEM(dm, NULL, NULL, NULL));
  PetscCall(SNESSetType(snes, SNESKSPONLY));
  {
    KSP ksp;
    PC  pc;
    PetscCall(SNESGetKSP(snes, &ksp));
    PetscCall(KSPSetType(ksp, KSPPREONLY));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCLU));
  }
  PetscCall(SNESSetFromOptions(snes));
  PetscCall(DMCreateGlobalVector(dm, &u));
  PetscCall(VecZeroEntries(u));
  PetscCall(SNESSolve(snes, NULL, u));
  PetscCall(DMComputeL2Diff(dm, 0.0, ex, NULL, u, err));
  PetscCall(VecDestroy(&u));
  PetscCall(SNESDestroy(&snes));
  PetscCall(VecDestroy(&aux));
  PetscCall(PetscFEDestroy(&feAux));
  PetscCall(PetscFEDestroy(&fe));
  PetscCall(DMDestroy(&dmAux));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm  comm;
  PetscInt  dim = 2, nfail = 0, degrees[3] = {1, 2, 0}, ndeg = 3, levels = 4;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &dim, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-levels", &levels, NULL));
  {
    PetscBool flg;
    PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-degrees", degrees, &ndeg, &flg));
    if (!flg) ndeg = 2;
  }
  for (PetscInt i = 0; i < ndeg; ++i) {
    const PetscInt p = degrees[i];
    PetscReal      eprev = 0.0, order = 0.0;
    PetscCall(PetscPrintf(comm, "# MMS %" PetscInt_FMT "D, Q%" PetscInt_FMT ": n  L2 error  order\n", dim, p));
    for (PetscInt l = 0; l < levels; ++l) {
      const PetscInt n = 4 << l;
      PetscReal      e;
      PetscCall(SolveLevel(comm, dim, p, n, &e));
      if (l) order = PetscLog2Real(eprev / e);
      PetscCall(PetscPrintf(comm, "  %4" PetscInt_FMT "  %.4e  %s%.3f\n", n, (double)e, l ? "" : "(", l ? (double)order : 0.0));
      eprev = e;
    }
    PetscCall(PetscPrintf(comm, "Q%" PetscInt_FMT " observed order %.3f, theory %d: %s\n", p, (double)order, (int)(p + 1), PetscAbsReal(order - (p + 1)) <= 0.1 ? "ok" : "FAIL"));
    if (PetscAbsReal(order - (p + 1)) > 0.1) ++nfail;
  }
  PetscCall(PetscPrintf(comm, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
