/* Requirement (physics-references.md §1c): coaxial conduction between cylinders r1 = 1 nm and
 * r2 = 5 nm, sigma = 1e5 S/m, has the conductance per unit length G' = 2 pi sigma / ln(r2/r1)
 * = 3.9040e5 S/m and the potential phi(r) = V ln(r/r1)/ln(r2/r1) (outer electrode at V here).
 * Modelled in 2D on a quarter annulus (symmetry planes are insulating = natural BC), G' = 4 I / V. */
#include "et_test_util.h"

typedef struct {
  PetscReal r1, r2;
} Annulus;

/* reference (x, y) in [0,1]^2 -> polar: theta = (1 - x) pi/2 (keeps the cell orientation), r = r1 (r2/r1)^y (logarithmic radial spacing) */
static void ToAnnulus(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const Annulus  *a = (const Annulus *)ctx;
  const PetscReal th = 0.5 * PETSC_PI * (1.0 - xi[0]), r = a->r1 * PetscPowReal(a->r2 / a->r1, xi[1]);
  x[0] = r * PetscCosReal(th);
  x[1] = r * PetscSinReal(th);
}

static PetscErrorCode Conductance(MPI_Comm comm, PetscInt ntheta, PetscInt nr, PetscReal *G, PetscReal *phiErr)
{
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  MfMaterial       mats[MF_NUM_REGIONS];
  Annulus          an = {1e-9, 5e-9};
  const PetscInt   faces[2] = {ntheta, nr};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {1, 1}, tops[1] = {1.0}, V = 0.1;
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};
  PetscMPIInt      rank;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "coax", MF_SIGMA_CONSTANT, 1e5, 0.0, 1.0, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, ToAnnulus, &an, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetDegree(et, 2));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, 300.0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, V, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  *G = 4.0 * r.I_top / V;
  { /* potential at three radii on the 30 degree ray (rank 0 holds the undistributed test mesh) */
    PetscReal xy[6], phi[3], lr = PetscLogReal(an.r2 / an.r1), e = 0;
    PetscInt  np = 3;
    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    for (PetscInt i = 0; i < 3; ++i) {
      const PetscReal rr = an.r1 + (i + 1) * (an.r2 - an.r1) / 4;
      xy[2 * i]     = rr * PetscCosReal(PETSC_PI / 6);
      xy[2 * i + 1] = rr * PetscSinReal(PETSC_PI / 6);
    }
    if (rank) np = 0;
    PetscCall(MfElectroThermalSampleFields(et, np, xy, NULL, NULL, phi));
    for (PetscInt i = 0; i < np; ++i) {
      const PetscReal rr = PetscSqrtReal(xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1]);
      e = PetscMax(e, PetscAbsReal(phi[i] - V * PetscLogReal(rr / an.r1) / lr) / V);
    }
    *phiErr = e;
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscReal Gex = 2.0 * PETSC_PI * 1e5 / PetscLogReal(5.0);
  PetscReal       G[3], pe[3];
  const PetscInt  nth[3] = {16, 32, 64};
  int             fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (PetscInt i = 0; i < 3; ++i) {
    PetscCall(Conductance(PETSC_COMM_WORLD, nth[i], nth[i] / 4, &G[i], &pe[i]));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "n_theta = %2d: G' = %.8e S/m, rel. error %.3e; phi(r) max rel. error %.3e\n", (int)nth[i], (double)G[i], (double)(PetscAbsReal(G[i] - Gex) / Gex), (double)pe[i]));
  }
  /* Two error sources: the Q2 field error (the conductance is an energy functional: O(h^4)) and the
   * straight-edged quadrilaterals that replace the circles by polygons (O(dtheta^2)). Both mesh
   * directions are refined together. Measured: rel. errors 1.9e-4, 1.5e-5, 1.3e-6, order 3.5.
   * Required: (a) observed order >= 2 over the last halving (the weakest of the two sources);
   * (b) at 64 x 16 cells G' within 1e-5 of 2 pi sigma / ln 5 (7x the measured error), and within
   * 2e-5 of the reference's 5-digit 3.9040e5 (its rounding alone is 9e-6); (c) phi(r) within 1e-4. */
  {
    const PetscReal e1 = PetscAbsReal(G[1] - Gex), e2 = PetscAbsReal(G[2] - Gex);
    const PetscReal order = PetscLogReal(e1 / e2) / PetscLogReal(2.0);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "observed order of the conductance error %.3f (>= 2 required)\n", (double)order));
    fail |= !(order >= 2.0);
  }
  fail |= EtTestCheck(PETSC_COMM_WORLD, "coax G' [S/m] (64 x 16 cells)", G[2], Gex, 1e-5);
  fail |= EtTestCheck(PETSC_COMM_WORLD, "coax G' [S/m] vs reference 3.9040e5", G[2], 3.9040e5, 2e-5);
  fail |= !(pe[2] < 1e-4);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_COAX FAILED" : "ET_COAX PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
