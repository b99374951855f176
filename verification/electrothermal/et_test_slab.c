/* Requirement (physics-references.md §1a, §1c 1D): a slab/filament with both ends at T0, adiabatic and
 * insulating sides, constant rho and k, carries I = sigma A V / L and reaches
 *   T_max = T0 + V^2 / (8 rho k)        (V = 0.5 V, rho = 1e-5 Ohm m, k = 20 W/m/K -> 456.25 K)
 * independent of L. Also checks the point sampler (phi, E, T at arbitrary points against the exact
 * profiles) and the derived cell fields (E, J, Joule density), and writes a VTK frame. */
#include "et_test_util.h"

static int RunSlab(MPI_Comm comm, PetscInt degree, PetscInt ny, PetscReal tol)
{
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscReal  L = 10e-9, w = 2e-9, V = 0.5, rho = 1e-5, k = 20.0, T0 = 300.0;
  const PetscInt   faces[2] = {2, ny};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {w, L}, tops[1] = {L};
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};
  char             what[128];
  int              fail = 0;

  PetscMemzero(mats, sizeof(mats));
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "slab", MF_SIGMA_CONSTANT, 1.0 / rho, 0.0, k, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, NULL, NULL, &dm));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetDegree(et, degree));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_FIXED, T0, 0, 0));
  PetscCall(MfElectroThermalSetCircuit(et, V, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(PetscSNPrintf(what, sizeof(what), "Q%d ny=%d T_max [K]", (int)degree, (int)ny));
  fail |= EtTestCheck(comm, what, r.T_max, T0 + V * V / (8.0 * rho * k), tol);
  /* the current of a linear problem is exact up to round-off for any mesh: 1e-10 */
  PetscCall(PetscSNPrintf(what, sizeof(what), "Q%d I = sigma w V / L [A/m]", (int)degree));
  fail |= EtTestCheck(comm, what, r.I_top, w * V / (rho * L), 1e-10);
  fail |= EtTestCheck(comm, "I_bottom = I_top", r.I_bottom, r.I_top, 1e-10);
  fail |= EtTestCheck(comm, "Joule integral = V I", r.joule_W, V * r.I_top, 1e-10);
  { /* sample at a few interior points on rank 0's cells: phi = V y/L, E_y = -V/L, T = T0 + V^2 y (L-y)/(2 rho k L^2) */
    PetscMPIInt rank;
    PetscReal   xy[6] = {0.3 * w, 0.1 * L, 0.7 * w, 0.5 * L, 0.5 * w, 0.83 * L}, E[6], T[3], phi[3];
    PetscInt    np = 3;
    PetscReal   maxe = 0.0;
    MPI_Comm_rank(comm, &rank);
    if (rank) np = 0; /* the test mesh lives on one rank */
    PetscCall(MfElectroThermalSampleFields(et, np, xy, E, T, phi));
    for (PetscInt p = 0; p < np; ++p) {
      const PetscReal y = xy[2 * p + 1];
      maxe = PetscMax(maxe, PetscAbsReal(phi[p] - V * y / L) / V);
      maxe = PetscMax(maxe, PetscAbsReal(E[2 * p + 1] + V / L) / (V / L));
      maxe = PetscMax(maxe, PetscAbsReal(E[2 * p]) / (V / L));
      if (degree == 2) maxe = PetscMax(maxe, PetscAbsReal(T[p] - (T0 + V * V * y * (L - y) / (2 * rho * k * L * L))) / T0);
    }
    PetscCall(PetscPrintf(comm, "sampled phi, E (and T for Q2) max rel. error %.3e\n", (double)maxe));
    /* phi is linear, in the FE space: sampling is exact to round-off; T is quadratic, in Q2 */
    fail |= !(maxe < 1e-9);
  }
  { /* derived fields: uniform E = V/L, J = E/rho, q = E^2/rho, conductivity 1/rho in every cell */
    Vec                d;
    const PetscScalar *a;
    PetscInt           n;
    PetscReal          maxe = 0.0, Ey = -V / L;
    PetscCall(MfElectroThermalGetDerivedFields(et, &d));
    PetscCall(VecGetLocalSize(d, &n));
    PetscCall(VecGetArrayRead(d, &a));
    for (PetscInt i = 0; i < n; i += 6) {
      maxe = PetscMax(maxe, PetscAbsReal(PetscRealPart(a[i + 1]) + V / L) / (V / L));
      maxe = PetscMax(maxe, PetscAbsReal(PetscRealPart(a[i + 3]) + V / (L * rho)) / (V / (L * rho)));
      maxe = PetscMax(maxe, PetscAbsReal(PetscRealPart(a[i + 4]) - Ey * Ey / rho) / (Ey * Ey / rho));
      maxe = PetscMax(maxe, PetscAbsReal(PetscRealPart(a[i + 5]) * rho - 1.0));
    }
    PetscCall(VecRestoreArrayRead(d, &a));
    PetscCall(PetscPrintf(comm, "derived E, J, Joule density, conductivity max rel. error %.3e\n", (double)maxe));
    fail |= !(maxe < 1e-9);
  }
  if (degree == 1) {
    PetscViewer v;
    PetscCall(PetscViewerVTKOpen(comm, "et_slab.vtu", FILE_MODE_WRITE, &v));
    PetscCall(MfElectroThermalViewFields(et, v));
    PetscCall(PetscViewerDestroy(&v));
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  return fail;
}

int main(int argc, char **argv)
{
  int fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  /* Q1 at h = L/64: the profile is quadratic along y and the problem 1D, for which linear elements are
   * nodally exact (Green's function in the FE space), so the centre node carries the exact value; the
   * reference's 0.1 % bound is met with a margin; we require 1e-8 (solver tolerance). */
  fail |= RunSlab(PETSC_COMM_WORLD, 1, 64, 1e-8);
  /* Q2 represents the quadratic profile exactly: only the solver tolerance remains. */
  fail |= RunSlab(PETSC_COMM_WORLD, 2, 4, 1e-8);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_SLAB FAILED" : "ET_SLAB PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
