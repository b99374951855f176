/* Requirement: the bending strain of the functional film of a stack bent to radius R (imposed curvature,
 * zero net axial force) matches the neutral-axis / Suo et al. (APL 74, 1177, 1999) closed form within 1 %
 * for two stacks and both signs of curvature, in 2D plane strain and in 3D cylindrical bending (both use
 * Ybar = E/(1 - nu^2): cylindrical bending is plane strain across the width). Also prints the device-level
 * strain-vs-radius table (R = 20, 10, 5, 2 mm) of a PET/Pt/HfO2/Pt stack against the closed form.
 * Tolerance: the plane-sections model is exact plate kinematics and Q2 holds the exact field, so the only
 * differences are the solver tolerance (1e-10) and the film mean vs. mid-plane strain (identical for a
 * linear profile); the issue asks 1 %, we check 1e-3 to catch real regressions. */
#include "mech_test_util.h"

typedef struct {
  const char *name;
  PetscInt    nl;
  PetscReal   t[4];
  MfRegionId  reg[4];
  MfMaterial  mat[4];
  PetscInt    ncell[4];
} Stack;

/* nR radii on one MfMechanics object: after the first radius no linear solve is needed (cached unit modes) */
static PetscErrorCode RunStack(MPI_Comm comm, PetscInt dim, const Stack *st, PetscInt nR, const PetscReal R[], PetscInt sign, PetscReal fe[], PetscReal cf[], PetscReal suo[], PetscInt its[])
{
  MfMechStackSpec spec = {.dim = dim, .nlayers = st->nl, .length_m = {4 * st->t[0], 2 * st->t[0]}, .ncells_inplane = {4, 2}};
  MfMaterial      mats[MF_NUM_REGIONS];
  DM              dm;
  MfMechanics     mech;
  PetscReal       Y[4], zn, zf0 = 0, zf1 = 0, z = 0;
  PetscInt        ifilm = -1;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  for (PetscInt i = 0; i < st->nl; ++i) {
    spec.thickness_m[i] = st->t[i];
    spec.region[i]      = st->reg[i];
    spec.ncells[i]      = st->ncell[i];
    mats[st->reg[i]]    = st->mat[i];
    Y[i]                = MfMechPlaneStrainModulus(st->mat[i].E_Pa, st->mat[i].nu);
    if (st->reg[i] == MF_REGION_FUNCTIONAL) {
      ifilm = i;
      zf0   = z;
      zf1   = z + st->t[i];
    }
    z += st->t[i];
  }
  PetscCall(MfMechanicsCreateLayeredBox(comm, &spec, &dm));
  PetscCall(MfMechanicsCreate(dm, &mech));
  PetscCall(MfMechanicsSetMaterials(mech, mats));
  PetscCall(MfMechanicsSetFromOptions(mech));
  PetscCall(MfMechanicsSetUp(mech));
  PetscCall(MfMechNeutralAxis(st->nl, st->t, Y, &zn));
  for (PetscInt i = 0; i < nR; ++i) {
    PetscCall(MfMechanicsSetBending(mech, R[i], sign));
    PetscCall(MfMechanicsSolve(mech));
    PetscCall(MfMechanicsGetFunctionalStrain(mech, &fe[i], NULL));
    PetscCall(MfMechanicsGetLinearIterations(mech, &its[i], NULL));
    cf[i]  = sign * (0.5 * (zf0 + zf1) - zn) / R[i];
    suo[i] = st->nl == 2 && ifilm == 1 ? sign * MfMechSuoBendingStrain(st->t[0], st->t[1], Y[0], Y[1], R[i]) : 0.0;
  }
  PetscCall(MfMechanicsDestroy(&mech));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm comm;
  PetscInt  nfail = 0, dim = 2;
  PetscReal tol;
  /* E, nu: PET 2.8 GPa (Xu 2024 Table 2) / 0.37; stiff film 200 GPa / 0.3 (reference instance of
   * physics-references.md sec. 6); PI (Kapton) 2.5 GPa / 0.34; ITO 116 GPa / 0.35 (typical literature). */
  Stack    stacks[2] = {
    {"125 um PET + 100 nm stiff film", 2, {125e-6, 100e-9}, {MF_REGION_SUBSTRATE, MF_REGION_FUNCTIONAL}, {{.E_Pa = 2.8e9, .nu = 0.37}, {.E_Pa = 200e9, .nu = 0.3}}, {4, 1}},
    {"50 um PI + 1 um ITO film", 2, {50e-6, 1e-6}, {MF_REGION_SUBSTRATE, MF_REGION_FUNCTIONAL}, {{.E_Pa = 2.5e9, .nu = 0.34}, {.E_Pa = 116e9, .nu = 0.35}}, {4, 1}},
  };
  Stack    device = {"PET 125 um / Pt 100 nm / HfO2 10 nm / Pt 100 nm", 4, {125e-6, 100e-9, 10e-9, 100e-9},
                     {MF_REGION_SUBSTRATE, MF_REGION_BOTTOM_ELECTRODE, MF_REGION_FUNCTIONAL, MF_REGION_TOP_ELECTRODE},
                     {{.E_Pa = 2.8e9, .nu = 0.37}, {.E_Pa = 168e9, .nu = 0.38}, {.E_Pa = 220e9, .nu = 0.30}, {.E_Pa = 168e9, .nu = 0.38}}, {4, 1, 1, 1}};
  const PetscReal radii[4] = {20e-3, 10e-3, 5e-3, 2e-3};

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &dim, NULL));
  /* 3D: the sheet may contract freely across its width (zero net force along y, kappa_y = 0), the physical
   * state of a wide sheet on a mandrel; the closed form assumes eps_yy = 0 exactly (plane strain). The
   * difference is a Poisson effect of order 1e-3 (measured 0.15-0.2 %), so 3D is checked at the 1 %. */
  tol = dim == 2 ? 1e-3 : 1e-2;
  PetscCall(PetscPrintf(comm, "# bending, %s, R = 5 mm\n", dim == 2 ? "2D plane strain" : "3D cylindrical bending"));
  for (PetscInt s = 0; s < 2; ++s) {
    for (PetscInt sign = -1; sign <= 1; sign += 2) {
      PetscReal fe = 0.0, cf = 0.0, suo = 0.0, R = 5e-3;
      PetscInt  its;
      char      what[128];
      PetscCall(RunStack(comm, dim, &stacks[s], 1, &R, sign, &fe, &cf, &suo, &its));
      PetscCall(PetscSNPrintf(what, sizeof(what), "%s, sign %+d: film mean strain", stacks[s].name, (int)sign));
      PetscCall(MechTestCheck(comm, what, fe, cf, tol, &nfail));
      PetscCall(PetscPrintf(comm, "    Suo top-surface strain %.6e (film top; mid-plane differs by t_f/(2R))\n", (double)suo));
    }
  }
  PetscCall(PetscPrintf(comm, "# device-level strain vs radius, %s, film side in tension\n#  R_mm   eps_FE        eps_closed_form  rel.err\n", device.name));
  {
    PetscReal fe[4], cf[4], suo[4];
    PetscInt  its[4];
    PetscCall(RunStack(comm, dim, &device, 4, radii, 1, fe, cf, suo, its));
    for (PetscInt i = 0; i < 4; ++i) {
      PetscCall(PetscPrintf(comm, "  %5.1f  %.6e  %.6e     %.2e   (linear its %" PetscInt_FMT ")\n", (double)(radii[i] * 1e3), (double)fe[i], (double)cf[i], (double)(PetscAbsReal(fe[i] - cf[i]) / PetscAbsReal(cf[i])), its[i]));
      if (PetscAbsReal(fe[i] - cf[i]) > tol * PetscAbsReal(cf[i])) ++nfail;
    }
    /* a new radius reuses the cached unit solutions: no linear iteration after the first radius */
    if (its[1] || its[2] || its[3]) ++nfail;
  }
  PetscCall(PetscPrintf(comm, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
