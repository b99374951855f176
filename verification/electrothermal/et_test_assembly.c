/* Requirement: the fast electro-thermal cell loops (physics/electrothermal/et_assembly.c, the default) give
 * the same residual and Jacobian as PETSc's generic PetscFE assembly of the pointwise kernels of
 * et_kernels.c, to round-off (relative difference <= 1e-11; observed ~1e-15..1e-13), steady (SNES) and
 * transient (TS: u_t, shift), on 2D and 3D layered stacks with curved (non-affine) cells, Q1 and Q2, serial
 * and in parallel (mpiexec -n 2: ghost closure, ADD semantics of the local-to-global sum).
 * Every law branch is exercised: constant, metallic (TCR) and activated (Arrhenius) sigma, field-enhanced
 * hopping in its sinh(x)/x branch (oxide, |E| ~ 1e8 V/m) and its Taylor branch (substrate, tiny hop
 * distance), Wiedemann-Franz and k ~ T^m, a non-uniform KMC state multiplier, a non-uniform temperature
 * (300..700 K) and potential, fixed-T and heat-transfer (Robin) boundaries. */
#include "et_test_util.h"

static void Warp(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const PetscReal L = 100e-9, H = 60e-9;
  x[0] = L * xi[0];
  if (dim == 3) x[1] = L * xi[1];
  /* graded, wavy layers: non-affine cells everywhere */
  x[dim - 1] = H * (xi[dim - 1] * xi[dim - 1] * 0.5 + 0.5 * xi[dim - 1]) * (1.0 + 0.1 * PetscSinReal(3.0 * xi[0]));
}

static PetscErrorCode FieldScale(MfElectroThermal et, Vec u, PetscInt field, PetscReal scale, PetscReal shift)
{
  DM  dm;
  IS  is;
  Vec sub;

  PetscFunctionBeginUser;
  PetscCall(MfElectroThermalGetDM(et, &dm));
  PetscCall(DMCreateSubDM(dm, 1, &field, &is, NULL));
  PetscCall(VecGetSubVector(u, is, &sub));
  PetscCall(VecScale(sub, scale));
  PetscCall(VecShift(sub, shift));
  PetscCall(VecRestoreSubVector(u, is, &sub));
  PetscCall(ISDestroy(&is));
  PetscFunctionReturn(0);
}

static int Report(MPI_Comm comm, const char *what, PetscReal relDiff)
{
  const int bad = !(relDiff <= 1e-11); /* also catches NaN */
  PetscPrintf(comm, "%-36s fast vs generic relative difference %.3e  tol 1e-11  %s\n", what, (double)relDiff, bad ? "FAIL" : "ok");
  return bad;
}

static PetscErrorCode Check(MPI_Comm comm, PetscInt dim, PetscInt degree, int *fail)
{
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  MfEtRegionLaws   sub = {PETSC_FALSE, 1e-14, 1.3}, be = {PETSC_TRUE, 0.0, 0.0}, fl = {PETSC_FALSE, 0.5e-9, -0.4}, te = {PETSC_TRUE, 0.0, 0.7};
  const PetscInt   faces2[2] = {6, 8}, faces3[3] = {3, 3, 8};
  const PetscReal  lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1}, tops[4] = {0.25, 0.5, 0.75, 1.0};
  const MfRegionId regs[4] = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE};
  PetscInt         cStart, cEnd;
  Vec              u, ut;
  PetscRandom      rnd;
  PetscReal        je, re;
  char             what[128];

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_SUBSTRATE], "PET", MF_SIGMA_CONSTANT, 1e-3, 0.0, 0.2, 1.66e6);
  EtTestMaterial(&mats[MF_REGION_BOTTOM_ELECTRODE], "Pt", MF_SIGMA_METALLIC, 9.43e6, 3.9e-3, 71.6, 2.85e6);
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "HfOx", MF_SIGMA_ACTIVATED, 1e2, 0.0, 0.5, 1.16e6);
  mats[MF_REGION_FUNCTIONAL].sigma_Ea_eV = 0.1;
  EtTestMaterial(&mats[MF_REGION_TOP_ELECTRODE], "TiN", MF_SIGMA_METALLIC, 5e6, 1e-3, 10.0, 2.85e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, dim, dim == 2 ? faces2 : faces3, lo, hi, 4, tops, regs, Warp, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetDegree(et, degree));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_SUBSTRATE, &sub));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_BOTTOM_ELECTRODE, &be));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_FUNCTIONAL, &fl));
  PetscCall(MfElectroThermalSetRegionLaws(et, MF_REGION_TOP_ELECTRODE, &te));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0, 1e9, 300.0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SIDES, MF_ET_TBC_CONVECTIVE, 0, 3e7, 350.0));
  PetscCall(MfElectroThermalSetCircuit(et, 0.8, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  /* non-uniform KMC state: multiplier 0.05..20 by cell */
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; ++c) PetscCall(MfElectroThermalSetCellState(et, c, PetscPowReal(20.0, PetscSinReal(1.7 * c))));
  /* random state: phi in [0, 0.8] V, T in [300, 700] K; u_t up to 1e9 K/s (PETSc's default seed) */
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetFromOptions(rnd));
  PetscCall(VecSetRandom(u, rnd));
  PetscCall(FieldScale(et, u, 0, 0.8, 0.0));
  PetscCall(FieldScale(et, u, 1, 400.0, 300.0));
  PetscCall(VecDuplicate(u, &ut));
  PetscCall(VecSetRandom(ut, rnd));
  PetscCall(VecScale(ut, 1e9));
  PetscCall(MfElectroThermalCheckAssembly(et, NULL, 0.0, &je, &re));
  PetscCall(PetscSNPrintf(what, sizeof(what), "%" PetscInt_FMT "D Q%" PetscInt_FMT " steady: residual", dim, degree));
  *fail |= Report(comm, what, re);
  PetscCall(PetscSNPrintf(what, sizeof(what), "%" PetscInt_FMT "D Q%" PetscInt_FMT " steady: Jacobian", dim, degree));
  *fail |= Report(comm, what, je);
  PetscCall(MfElectroThermalCheckAssembly(et, ut, 1e8, &je, &re));
  PetscCall(PetscSNPrintf(what, sizeof(what), "%" PetscInt_FMT "D Q%" PetscInt_FMT " transient: residual", dim, degree));
  *fail |= Report(comm, what, re);
  PetscCall(PetscSNPrintf(what, sizeof(what), "%" PetscInt_FMT "D Q%" PetscInt_FMT " transient: Jacobian", dim, degree));
  *fail |= Report(comm, what, je);
  PetscCall(VecDestroy(&ut));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  int fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (PetscInt dim = 2; dim <= 3; ++dim)
    for (PetscInt degree = 1; degree <= 2; ++degree) PetscCall(Check(PETSC_COMM_WORLD, dim, degree, &fail));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_ASSEMBLY FAILED" : "ET_ASSEMBLY PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
