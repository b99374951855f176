/* Requirement: an isothermal disk heat source of radius a on a thick substrate has the spreading
 * resistance R = 1/(4 k a) (isothermal disk on a half-space: the electrostatic capacitance of a disk,
 * C = 8 eps a, halved for the half-space; Carslaw & Jaeger §8.2, Yovanovich 1976); the 3D mesh of the
 * module reproduces it within 3 %.
 * Geometry: one quadrant (symmetry planes x = 0, y = 0 adiabatic) of a cylinder of radius W = depth
 * D = 40 a. The lateral square is mapped onto the quarter disk with concentric squares -> circles, so
 * that the disk r <= a is exactly a union of cells; radial and depth grading towards the disk edge and
 * surface. The far boundary mimics the half-space with the monopole condition -k dT/dn = (k/W)(T - T0)
 * (the field of a point source T - T0 ~ 1/r), which cuts the truncation error of a fixed-T box (~2a/(pi W)
 * = 1.6 %) by an order of magnitude. */
#include "et_test_util.h"

typedef struct {
  PetscReal a, W, rho_a, p; /* disk radius, domain radius/depth, reference radius of the disk edge, grading power */
} Spread;

static void SpreadMap(PetscInt dim, const PetscReal xi[], PetscReal x[], void *ctx)
{
  const Spread   *s   = (const Spread *)ctx;
  const PetscReal rho = PetscMax(xi[0], xi[1]);
  PetscReal       th, R, zr = 1.0 - xi[2];

  if (rho <= 0.0) th = 0.0;
  else if (xi[0] >= xi[1]) th = 0.25 * PETSC_PI * xi[1] / xi[0];
  else th = 0.5 * PETSC_PI - 0.25 * PETSC_PI * xi[0] / xi[1];
  /* power-law grading that concentrates cells at the disk edge from both sides (the flux has an
   * inverse square-root singularity there) */
  if (rho <= s->rho_a) R = s->a * (1.0 - PetscSqr(1.0 - rho / s->rho_a));
  else R = s->a + (s->W - s->a) * PetscPowReal((rho - s->rho_a) / (1.0 - s->rho_a), s->p);
  x[0] = R * PetscCosReal(th);
  x[1] = R * PetscSinReal(th);
  /* depth: power-law towards the surface */
  x[2] = -s->W * PetscPowReal(zr, s->p);
}

/* Rebuild a face label keeping only the faces whose centroid satisfies keep(). */
static PetscErrorCode Relabel(DM dm, const char *name, PetscBool (*keep)(const PetscReal c[], const Spread *), const Spread *s, const char *from)
{
  DMLabel         old, lab;
  IS              is;
  const PetscInt *pts;
  PetscInt        n = 0, fStart, fEnd;

  PetscFunctionBeginUser;
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  PetscCall(DMGetLabel(dm, from, &old));
  PetscCall(DMLabelDuplicate(old, &old));
  if (!strcmp(name, from)) {
    DMLabel tmp;
    PetscCall(DMRemoveLabel(dm, name, &tmp));
    PetscCall(DMLabelDestroy(&tmp));
  }
  PetscCall(DMCreateLabel(dm, name));
  PetscCall(DMGetLabel(dm, name, &lab));
  PetscCall(DMLabelGetStratumIS(old, 1, &is));
  if (is) {
    PetscCall(ISGetLocalSize(is, &n));
    PetscCall(ISGetIndices(is, &pts));
  }
  for (PetscInt i = 0; i < n; ++i) {
    PetscReal area, c[3];
    if (pts[i] < fStart || pts[i] >= fEnd) continue;
    PetscCall(DMPlexComputeCellGeometryFVM(dm, pts[i], &area, c, NULL));
    if (keep(c, s)) PetscCall(DMLabelSetValue(lab, pts[i], 1));
  }
  if (is) {
    PetscCall(ISRestoreIndices(is, &pts));
    PetscCall(ISDestroy(&is));
  }
  PetscCall(DMLabelDestroy(&old));
  PetscCall(DMPlexLabelComplete(dm, lab));
  PetscFunctionReturn(0);
}

static PetscBool InDisk(const PetscReal c[], const Spread *s) { return (PetscBool)(PetscSqrtReal(c[0] * c[0] + c[1] * c[1]) < s->a); }
static PetscBool OnCylinder(const PetscReal c[], const Spread *s) { return (PetscBool)(PetscSqrtReal(c[0] * c[0] + c[1] * c[1]) > 0.9 * s->W); }

static PetscErrorCode Resistance(MPI_Comm comm, PetscInt n, PetscInt degree, PetscReal *Rs, PetscInt *ndof)
{
  DM               dm;
  MfElectroThermal et;
  MfMaterial       mats[MF_NUM_REGIONS];
  Spread           s = {50e-9, 2000e-9, 0.25, 2.5};
  const PetscReal  k = 1.4, T0 = 300.0, T1 = 400.0; /* k of silica glass, ~1.4 W/m/K */
  const PetscInt   faces[3] = {n, n, n};
  const PetscReal  lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1}, tops[1] = {1.0};
  const MfRegionId regs[1] = {MF_REGION_SUBSTRATE};
  PetscReal        Q;
  Vec              u;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_SUBSTRATE], "substrate", MF_SIGMA_CONSTANT, 1.0, 0.0, k, 1.0);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 3, faces, lo, hi, 1, tops, regs, SpreadMap, &s, &dm));
  /* heat source: the disk of the top face; far field: outer cylinder (sides) and bottom; the
   * electrical problem is trivial (phi = 0: disk and cylinder both grounded, no Joule heat) */
  PetscCall(Relabel(dm, MF_LABEL_TOP_CONTACT, InDisk, &s, MF_LABEL_TOP_CONTACT));
  PetscCall(Relabel(dm, MF_LABEL_SIDES, OnCylinder, &s, MF_LABEL_SIDES));
  PetscCall(Relabel(dm, MF_LABEL_BOTTOM_CONTACT, OnCylinder, &s, MF_LABEL_SIDES));
  PetscCall(MfElectroThermalCreate(dm, &et));
  PetscCall(MfElectroThermalSetMaterials(et, mats));
  PetscCall(MfElectroThermalSetDegree(et, degree));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_FIXED, T1, 0, 0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SIDES, MF_ET_TBC_CONVECTIVE, 0, k / s.W, T0));
  PetscCall(MfElectroThermalSetThermalBC(et, MF_ET_BND_SUBSTRATE_BOTTOM, MF_ET_TBC_CONVECTIVE, 0, k / s.W, T0));
  PetscCall(MfElectroThermalSetCircuit(et, 0.0, 0.0, 0.0));
  PetscCall(MfElectroThermalSetFromOptions(et));
  PetscCall(MfElectroThermalSetUp(et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalComputeReaction(et, MF_LABEL_TOP_CONTACT, 1, &Q)); /* heat into the quadrant */
  PetscCall(MfElectroThermalGetSolution(et, &u));
  PetscCall(VecGetSize(u, ndof));
  *Rs = (T1 - T0) / (4.0 * Q) * (4.0 * k * s.a); /* in units of 1/(4 k a) */
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  n = 8, degree = 2, ndof;
  PetscReal R, tol = 3e-2;
  int       fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-n", &n, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-degree", &degree, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(Resistance(PETSC_COMM_WORLD, n, degree, &R, &ndof));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "n = %d, Q%d, %d dofs: R_spreading * 4 k a = %.5f\n", (int)n, (int)degree, (int)ndof, (double)R));
  /* The FE solution is stiffer than the continuum (the discrete flux out of an isothermal disk is too
   * large), so R converges from below: measured Q1 n = 8/12/16: 0.861/0.930/0.956; Q2 n = 8: 0.9795,
   * Q2 n = 12: 0.9922. Default test Q2 n = 8 against the required 3 %; the `slow` test Q2 n = 12 against
   * 1.5 % (its 0.8 % plus the far-field approximation, estimated < 0.3 %). */
  fail |= EtTestCheck(PETSC_COMM_WORLD, "spreading resistance / (1/(4 k a))", R, 1.0, tol);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "ET_SPREADING FAILED" : "ET_SPREADING PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
