/* Requirement: a device with an S-shaped steady I-V (negative differential resistance beyond a fold of V(I))
 * reaches its operating point under a compliance, on a load line and with hysteresis; the current-controlled
 * branch (physics/electrothermal/et_current.c) against an exact solution.
 *
 * Exact solution (derived here; a thermistor with thermally resistive contacts): a bar of length l between
 * contacts that lose heat as -k dT/dn = h (T - T0) (Biot number Bi = h l / k), adiabatic and insulating sides,
 * constant k, resistivity falling linearly with temperature, rho = rho0 (1 - beta (T - T0)) (the metallic law
 * with a negative TCR). With current density j, theta = T - T0 obeys k theta'' = -j^2 rho0 (1 - beta theta):
 *   theta(x) = 1/beta - A cosh(omega (x - l/2)),  omega = j sqrt(rho0 beta / k),  z = omega l / 2,
 *   A = 1 / (beta ((2 z / Bi) sinh z + cosh z))         (Robin condition k theta'(0) = h theta(0))
 *   V = int j rho dx = 2 sqrt(k rho0 / beta) tanh z / (1 + (2 z / Bi) tanh z),   T_max = T0 + 1/beta - A.
 * V rises from 0, peaks where sinh^2 z = Bi/2 and falls as 1/z beyond: no steady state exists above V_fold under
 * voltage control (with contacts held at T0, h -> inf, V saturates instead and there is no fold). rho > 0
 * everywhere. With l = 10 nm, rho0 = 1e-5 Ohm m, k = 20 W/m/K, beta = 2e-3 1/K, Bi = 1 (h = 2e9 W/m^2/K, a
 * metal/oxide boundary conductance): V_fold = 0.2074 V at 8329 A/m (per metre of depth, w = 2 nm); z = 1.2
 * (beyond the fold): V = 0.1757 V, I = 15179 A/m, T_max = 708 K. Checks:
 *  (a) V_s = 1 V, R_s = 0, I_cc at z = 1.2: the operating point is the compliance point on the falling branch;
 *  (b) from there, V_s = 0.19 V (below the fold, above V(1.2)): the device stays on the upper branch, in
 *      compliance (hysteresis: a fresh solve at 0.19 V finds the lower branch, checked in (d));
 *  (c) from there, V_s = 0.1 V: below V(I_cc) the source pulls the state down the branch, through the fold, to
 *      the lower branch at V = 0.1 V;
 *  (d) fresh object, V_s = 0.19 V: lower branch, voltage mode;
 *  (f) then V_s = 0.25 V without R_s or compliance: no operating point exists (MfElectroThermalSolveSteadyIfExists
 *      reports it and keeps the state, a transient step from it heats);
 *  (e) fresh object, load line R_s = 1e-4 Ohm m (16 times steeper than the branch's steepest fall, 6.1e-6 Ohm m,
 *      so the intersection is unique) through the falling branch at z = 1.5, no compliance.
 * Tolerance: Q2 elements, 16 cells along the bar (1D solution). The errors are the FE error: they fall 16-fold
 * per halving of h (V of (e): 2.3e-5, 1.5e-6, 9.1e-8 at 8, 16, 32 cells; Q1: 4-fold); the largest at 16 cells is
 * 1.5e-6, required 1e-5 (the circuit tolerance 1e-9 and the Newton tolerance are far below). With -degree 1
 * -ny 64 (largest error 9e-5) use -tol 1e-3. */
#include "et_test_util.h"

typedef struct {
  PetscReal l, w, rho0, k, beta, T0, Bi;
} Bar;

static PetscReal BarJ(const Bar *b, PetscReal z) { return 2.0 * z / b->l * PetscSqrtReal(b->k / (b->rho0 * b->beta)); }
static PetscReal BarV(const Bar *b, PetscReal z) { return 2.0 * PetscSqrtReal(b->k * b->rho0 / b->beta) * PetscTanhReal(z) / (1.0 + 2.0 * z / b->Bi * PetscTanhReal(z)); }
static PetscReal BarTmax(const Bar *b, PetscReal z) { return b->T0 + (1.0 - 1.0 / (2.0 * z / b->Bi * PetscSinhReal(z) + PetscCoshReal(z))) / b->beta; }
static PetscReal BarFoldZ(const Bar *b) { return PetscAsinhReal(PetscSqrtReal(0.5 * b->Bi)); }

/* z on the lower branch (0, z_fold) with V(z) = V: V rises monotonically there, bisection to round-off. */
static PetscReal BarLowerZ(const Bar *b, PetscReal V)
{
  PetscReal lo = 1e-12, hi = BarFoldZ(b);
  for (int i = 0; i < 200; ++i) {
    const PetscReal m = 0.5 * (lo + hi);
    if (BarV(b, m) < V) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi);
}

static PetscErrorCode BarCreate(MPI_Comm comm, const Bar *b, PetscInt degree, PetscInt ny, DM *dm, MfElectroThermal *et)
{
  MfMaterial       mats[MF_NUM_REGIONS];
  const PetscInt   faces[2] = {2, ny};
  const PetscReal  lo[2] = {0, 0}, hi[2] = {b->w, b->l}, tops[1] = {b->l};
  const MfRegionId regs[1] = {MF_REGION_FUNCTIONAL};

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(mats, sizeof(mats)));
  EtTestMaterial(&mats[MF_REGION_FUNCTIONAL], "ntc", MF_SIGMA_METALLIC, 1.0 / b->rho0, -b->beta, b->k, 1e6);
  PetscCall(MfElectroThermalCreateBoxMesh(comm, 2, faces, lo, hi, 1, tops, regs, NULL, NULL, dm));
  PetscCall(MfElectroThermalCreate(*dm, et));
  PetscCall(MfElectroThermalSetMaterials(*et, mats));
  PetscCall(MfElectroThermalSetDegree(*et, degree));
  PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_TOP_CONTACT, MF_ET_TBC_CONVECTIVE, 0, b->Bi * b->k / b->l, b->T0));
  PetscCall(MfElectroThermalSetThermalBC(*et, MF_ET_BND_BOTTOM_CONTACT, MF_ET_TBC_CONVECTIVE, 0, b->Bi * b->k / b->l, b->T0));
  PetscCall(MfElectroThermalSetFromOptions(*et));
  PetscCall(MfElectroThermalSetUp(*et));
  PetscFunctionReturn(0);
}

/* Compare the operating point with the exact branch point z. */
static int BarCheck(MPI_Comm comm, MfElectroThermal et, const Bar *b, const char *label, PetscReal z, MfEtSourceMode mode, PetscReal tol)
{
  MfEtResults r;
  char        what[128];
  int         fail = 0;

  MfElectroThermalGetResults(et, &r);
  PetscSNPrintf(what, sizeof(what), "%s: V_dev [V]", label);
  fail |= EtTestCheck(comm, what, r.V_device, BarV(b, z), tol);
  PetscSNPrintf(what, sizeof(what), "%s: I [A/m]", label);
  fail |= EtTestCheck(comm, what, r.I_top, BarJ(b, z) * b->w, tol);
  PetscSNPrintf(what, sizeof(what), "%s: T_max [K]", label);
  fail |= EtTestCheck(comm, what, r.T_max, BarTmax(b, z), tol);
  PetscPrintf(comm, "%s: source mode %s (expected %s)\n", label, r.mode == MF_ET_SOURCE_COMPLIANCE ? "compliance" : "voltage", mode == MF_ET_SOURCE_COMPLIANCE ? "compliance" : "voltage");
  fail |= (r.mode != mode);
  return fail;
}

int main(int argc, char **argv)
{
  const Bar        b = {10e-9, 2e-9, 1e-5, 20.0, 2e-3, 300.0, 1.0};
  const PetscReal  zU = 1.2; /* upper-branch compliance point */
  PetscInt         degree = 2, ny = 16;
  PetscReal        tol = 1e-5;
  DM               dm;
  MfElectroThermal et;
  MPI_Comm         comm;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-degree", &degree, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-ny", &ny, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(PetscPrintf(comm, "fold: V = %.6f V at I = %.6g A/m; z = %.2f: V = %.6f V, I = %.6g A/m, T_max = %.2f K\n", (double)BarV(&b, BarFoldZ(&b)), (double)(BarJ(&b, BarFoldZ(&b)) * b.w), (double)zU, (double)BarV(&b, zU), (double)(BarJ(&b, zU) * b.w), (double)BarTmax(&b, zU)));

  /* (a)-(c): one object, a sequence of sources (history matters) */
  PetscCall(BarCreate(comm, &b, degree, ny, &dm, &et));
  PetscCall(MfElectroThermalSetCircuit(et, 1.0, 0.0, BarJ(&b, zU) * b.w));
  PetscCall(MfElectroThermalSolveSteady(et));
  fail |= BarCheck(comm, et, &b, "(a) compliance beyond the fold", zU, MF_ET_SOURCE_COMPLIANCE, tol);
  PetscCall(MfElectroThermalSetBias(et, 0.19));
  PetscCall(MfElectroThermalSolveSteady(et));
  fail |= BarCheck(comm, et, &b, "(b) 0.19 V after (a): upper branch", zU, MF_ET_SOURCE_COMPLIANCE, tol);
  PetscCall(MfElectroThermalSetBias(et, 0.1));
  PetscCall(MfElectroThermalSolveSteady(et));
  fail |= BarCheck(comm, et, &b, "(c) 0.1 V after (b): lower branch", BarLowerZ(&b, 0.1), MF_ET_SOURCE_VOLTAGE, tol);
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));

  /* (d) a fresh solve at 0.19 V under the same compliance finds the lower branch */
  PetscCall(BarCreate(comm, &b, degree, ny, &dm, &et));
  PetscCall(MfElectroThermalSetCircuit(et, 0.19, 0.0, BarJ(&b, zU) * b.w));
  PetscCall(MfElectroThermalSolveSteady(et));
  fail |= BarCheck(comm, et, &b, "(d) 0.19 V fresh: lower branch", BarLowerZ(&b, 0.19), MF_ET_SOURCE_VOLTAGE, tol);
  { /* (f) a voltage source above the fold without R_s or compliance: no operating point at all (vertical load line
     * through the S-curve's gap). SolveSteadyIfExists says so and keeps the (d) state, from which a transient step
     * (heat capacity rho c = 1e6 J/m^3/K) heats the bar: the runaway the coupler then follows in time */
    PetscBool   exists;
    MfEtResults r0, r1;
    PetscCall(MfElectroThermalGetResults(et, &r0));
    PetscCall(MfElectroThermalSetCircuit(et, 0.25, 0.0, 0.0));
    PetscCall(MfElectroThermalSolveSteadyIfExists(et, &exists));
    PetscCall(PetscPrintf(comm, "(f) 0.25 V, no R_s, no compliance: steady state %s (expected none)\n", exists ? "found" : "none"));
    fail |= exists;
    PetscCall(MfElectroThermalStep(et, 1e-12));
    PetscCall(MfElectroThermalGetResults(et, &r1));
    PetscCall(PetscPrintf(comm, "(f) after 1 ps at 0.25 V from the 0.19 V state: T_max %.2f K -> %.2f K (must rise)\n", (double)r0.T_max, (double)r1.T_max));
    fail |= !(r1.T_max > r0.T_max);
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));

  /* (e) load line through the falling branch */
  {
    const PetscReal Rs = 1e-4, z = 1.5, Vs = BarV(&b, z) + Rs * BarJ(&b, z) * b.w;
    PetscCall(BarCreate(comm, &b, degree, ny, &dm, &et));
    PetscCall(MfElectroThermalSetCircuit(et, Vs, Rs, 0.0));
    PetscCall(MfElectroThermalSolveSteady(et));
    fail |= BarCheck(comm, et, &b, "(e) load line R_s = 1e-4 Ohm m", z, MF_ET_SOURCE_VOLTAGE, tol);
    PetscCall(MfElectroThermalDestroy(&et));
    PetscCall(DMDestroy(&dm));
  }
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_THERMISTOR FAILED" : "ET_THERMISTOR PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
