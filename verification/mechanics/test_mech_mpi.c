/* Requirement: np = 1 and np = 2 agree. Each case is solved on the distributed communicator and, on every
 * rank, on PETSC_COMM_SELF (the serial solve); plate state, functional-layer stats and stresses sampled at
 * KMC-like points (each rank asks for different points, owned anywhere) must agree to 1e-6 relative
 * (CG+GAMG stops at a residual rtol of 1e-10; with the 100:1 modulus contrast and 1000:1 cell aspect
 * ratios the solution error is ~1e-4 larger, we observed 1.1e-7 differences in cell strains). */
#include "mech_test_util.h"

static PetscErrorCode Solve(MPI_Comm comm, PetscInt dim, PetscInt np, const PetscReal *pts, PetscReal out[], PetscReal sh[], PetscReal eps[][6])
{
  MfMechStackSpec spec = {.dim = dim, .nlayers = 3, .thickness_m = {50e-6, 200e-9, 10e-9}, .region = {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL},
                          .ncells = {2, 1, 1}, .length_m = {200e-6, 100e-6}, .ncells_inplane = {4, 2}};
  MfMaterial      mats[MF_NUM_REGIONS];
  MfMechRegionStats s;
  DM              dm;
  MfMechanics     mech;
  PetscReal       st[2], cu[2];

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  mats[MF_REGION_SUBSTRATE]        = MechTestMaterial("PI", 2.5e9, 0.34, 20e-6);
  mats[MF_REGION_BOTTOM_ELECTRODE] = MechTestMaterial("Pt", 168e9, 0.38, 8.8e-6);
  mats[MF_REGION_FUNCTIONAL]       = MechTestMaterial("HfO2", 220e9, 0.3, 6e-6);
  PetscCall(MfMechanicsCreateLayeredBox(comm, &spec, &dm));
  PetscCall(MfMechanicsCreate(dm, &mech));
  PetscCall(MfMechanicsSetMaterials(mech, mats));
  PetscCall(MfMechanicsSetUniformTemperature(mech, 350.0));
  PetscCall(MfMechanicsSetBending(mech, 5e-3, -1));
  PetscCall(MfMechanicsSetFromOptions(mech));
  PetscCall(MfMechanicsSetUp(mech));
  PetscCall(MfMechanicsSolve(mech));
  PetscCall(MfMechanicsGetPlateState(mech, st, cu, NULL));
  PetscCall(MfMechanicsGetRegionStats(mech, MF_REGION_FUNCTIONAL, &s));
  out[0] = st[0]; out[1] = cu[0]; out[2] = s.strain_inplane[0]; out[3] = s.sigma_h_mean; out[4] = s.von_mises_max; out[5] = st[1];
  PetscCall(MfMechanicsSampleStress(mech, np, pts, sh, eps));
  PetscCall(MfMechanicsDestroy(&mech));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscMPIInt rank;
  PetscInt    nfail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  for (PetscInt dim = 2; dim <= 3; ++dim) {
    /* rank r samples points in the functional layer at x = -/+ 60 um (depending on rank) and in the substrate */
    const PetscReal zf = 50.2e-6 + 5e-9, xs = rank ? 60e-6 : -60e-6;
    PetscReal       pts[9], par[6], ser[6], shp[3], shs[3], ep[3][6], es[3][6];
    const PetscInt  np = 3;
    if (dim == 2) { pts[0] = xs; pts[1] = zf; pts[2] = -xs / 2; pts[3] = zf; pts[4] = xs; pts[5] = 10e-6; }
    else { pts[0] = xs; pts[1] = 10e-6; pts[2] = zf; pts[3] = -xs / 2; pts[4] = -20e-6; pts[5] = zf; pts[6] = xs; pts[7] = 0.0; pts[8] = 10e-6; }
    PetscCall(Solve(PETSC_COMM_WORLD, dim, np, pts, par, shp, ep));
    PetscCall(Solve(PETSC_COMM_SELF, dim, np, pts, ser, shs, es));
    for (PetscInt i = 0; i < 6; ++i) {
      const PetscReal err = PetscAbsReal(par[i] - ser[i]) / PetscMax(PetscAbsReal(ser[i]), 1e-30);
      if (err > 1e-6 && PetscAbsReal(par[i] - ser[i]) > 1e-12) {
        ++nfail;
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "quantity %" PetscInt_FMT ": %.9e vs %.9e\n", i, (double)par[i], (double)ser[i]));
      }
    }
    for (PetscInt i = 0; i < np; ++i) {
      if (PetscAbsReal(shp[i] - shs[i]) > 1e-6 * PetscAbsReal(shs[i])) ++nfail;
      PetscReal scale = 0.0;
      for (PetscInt q = 0; q < 6; ++q) scale = PetscMax(scale, PetscAbsReal(es[i][q]));
      for (PetscInt q = 0; q < 6; ++q)
        if (PetscAbsReal(ep[i][q] - es[i][q]) > 1e-6 * scale) {
          ++nfail;
          PetscCall(PetscPrintf(PETSC_COMM_SELF, "strain point %" PetscInt_FMT " comp %" PetscInt_FMT ": %.9e vs %.9e\n", i, q, (double)ep[i][q], (double)es[i][q]));
        }
    }
    PetscCall(PetscSynchronizedPrintf(PETSC_COMM_WORLD, "[%d] %" PetscInt_FMT "D: a %.9e/%.9e kappa %.6e/%.6e eps_f %.9e/%.9e sigma_h,f %.6e/%.6e sampled sigma_h %.6e/%.6e\n", rank, dim, (double)par[0], (double)ser[0], (double)par[1], (double)ser[1], (double)par[2], (double)ser[2], (double)par[3], (double)ser[3], (double)shp[0], (double)shs[0]));
    PetscCall(PetscSynchronizedFlush(PETSC_COMM_WORLD, PETSC_STDOUT));
  }
  {
    PetscInt g;
    PetscCallMPI(MPI_Allreduce(&nfail, &g, 1, MPIU_INT, MPI_SUM, PETSC_COMM_WORLD));
    nfail = g;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failure(s) (parallel vs serial)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
