/* Requirement: a transient run whose cell conductivities change between time steps (what a KMC event does to the
 * FE problem) follows the exact solution across the change. Slab of length L (y from 0 to L, top contact at V,
 * both ends held at T0, adiabatic sides, constant k and rho c, sigma independent of T), bias on at t = 0; at
 * t1 = tau/2 the upper half (y > L/2) drops to sigma/10 (MfElectroThermalSetCellState 0.1). Then
 *   J = V / (L/(2 sigma) + 10 L/(2 sigma)),  phi(L/2) = V/11,  q = J^2/sigma (lower half), 10 J^2/sigma (upper)
 * and the heat equation is solved by the sine series (Carslaw & Jaeger, Conduction of Heat in Solids, 2nd ed.,
 * §3.4, with a piecewise-constant source): T - T0 = sum_n b_n(t) sin(n pi y/L), b_n' = -lambda_n b_n + Q_n,
 *   lambda_n = alpha (n pi/L)^2,  Q_n = 2/(L rho c) int_0^L q(y) sin(n pi y/L) dy,
 * so b_n(t) = b_n(t1) exp(-lambda_n (t - t1)) + Q_n/lambda_n (1 - exp(-lambda_n (t - t1))) on each interval.
 * Checks after the change: current and phi(L/2) (exact for Q2 with the interface on a cell face: 1e-8), T at
 * y = L/4 and 3L/4 at t1 + tau/4, tau/2, tau, 2 tau (1 %, as in et_transient: BDF with 40 steps per tau has a
 * time error ~ (dt/tau)^2 ~ 1e-3, Q2 with 16 cells < 1e-4; measured <= 3.6e-4). The step right after the change
 * starts from the potential of the new conductivities and restarts the BDF history (et_solve.c EtTransientAt).
 * Steady part: the same change between two steady solves. With both ends at T0, -k T'' = q gives the piecewise
 * parabola T - T0 = (y/L A - B(y))/k, A = int_0^L (L - s) q ds, B(y) = int_0^y (y - s) q ds, which Q2 with the
 * interface on a cell face reproduces at the nodes: current, phi(L/2), T(L/4), T(3L/4) to 1e-8. And the solve
 * after the change starts from the potential of the new state (et_solve.c EtConsistentReference): the T rows
 * are then linear in T with the exact Joule source, so the first Newton step is the solution (its residual is
 * round-off, 1 iteration). From the old potential the first step linearises the Joule heat about the wrong
 * field and a second is needed (measured without EtConsistentReference: 2). */
#include "et_test_util.h"

typedef struct {
  PetscReal L, alpha, rhoc;
} Slab;

/* Q_n of a source q_lo on (0, L/2) and q_hi on (L/2, L). */
static PetscReal SourceCoefficient(const Slab *s, PetscInt n, PetscReal q_lo, PetscReal q_hi)
{
  const PetscReal c = n * PETSC_PI, ch = PetscCosReal(0.5 * c), cn = PetscCosReal(c);
  return 2.0 / (s->L * s->rhoc) * (s->L / c) * (q_lo * (1.0 - ch) + q_hi * (ch - cn));
}

static void Advance(const Slab *s, PetscInt N, PetscReal b[], PetscReal dt, PetscReal q_lo, PetscReal q_hi)
{
  for (PetscInt n = 1; n <= N; n++) {
    const PetscReal lam = s->alpha * PetscSqr(n * PETSC_PI / s->L), e = PetscExpReal(-lam * dt);
    b[n - 1] = b[n - 1] * e + SourceCoefficient(s, n, q_lo, q_hi) / lam * (1.0 - e);
  }
}

static PetscReal Rise(const Slab *s, PetscInt N, const PetscReal b[], PetscReal y)
{
  PetscReal T = 0.0;
  for (PetscInt n = 1; n <= N; n++) T += b[n - 1] * PetscSinReal(n * PETSC_PI * y / s->L);
  return T;
}

/* Steady T - T0 of the slab at y for q_lo on (0, L/2), q_hi on (L/2, L), both ends at T0. */
static PetscReal SteadyRise(PetscReal L, PetscReal k, PetscReal q_lo, PetscReal q_hi, PetscReal y)
{
  const PetscReal A = q_lo * 3.0 * L * L / 8.0 + q_hi * L * L / 8.0;
  const PetscReal B = y <= 0.5 * L ? 0.5 * q_lo * y * y : q_lo * (0.5 * y * L - L * L / 8.0) + 0.5 * q_hi * PetscSqr(y - 0.5 * L);
  return (y / L * A - B) / k;
}

/* Set the KMC-like state multiplier m in every cell of the upper half (y > L/2). */
static PetscErrorCode ChangeUpperHalf(MfElectroThermal et, PetscReal L, PetscReal m)
{
  DM       dm;
  PetscInt cStart, cEnd;

  PetscFunctionBeginUser;
  PetscCall(MfElectroThermalGetDM(et, &dm));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  for (PetscInt cell = cStart; cell < cEnd; cell++) {
    PetscReal centroid[3];
    PetscCall(DMPlexComputeCellGeometryFVM(dm, cell, NULL, centroid, NULL));
    if (centroid[1] > 0.5 * L) PetscCall(MfElectroThermalSetCellState(et, cell, m));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  const PetscReal  L = 10e-9, w = 2e-9, V = 0.5, sigma = 1e5, k = 20.0, rhoc = 2e6, T0 = 300.0, m = 0.1;
  const PetscReal  alpha = k / rhoc, tau = L * L / (PETSC_PI * PETSC_PI * alpha), dt = tau / 40;
  const PetscInt   N = 2001;
  const PetscInt   checks[4] = {10, 20, 40, 80}; /* steps after the change: tau/4, tau/2, tau, 2 tau */
  const Slab       s = {L, alpha, rhoc};
  const PetscReal  q0 = sigma * V * V / (L * L), J = V / (0.5 * L / sigma * (1.0 + 1.0 / m)), q_lo = J * J / sigma, q_hi = J * J / (m * sigma);
  PetscReal       *b, pts[4] = {0.5 * w, 0.25 * L, 0.5 * w, 0.75 * L}, Ts[2], phi[2], mid[2] = {0.5 * w, 0.5 * L};
  PetscInt         c = 0;
  PetscMPIInt      size;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCheck(size == 1, comm, PETSC_ERR_SUP, "et_state_change samples fixed points: run it on one rank");
  PetscCall(PetscCalloc1(N, &b));
  PetscCall(EtTestSlab(comm, L, w, sigma, k, rhoc, T0, V, &dm, &et));
  for (PetscInt st = 0; st < 20; st++) PetscCall(MfElectroThermalStep(et, dt)); /* to t1 = tau/2 */
  Advance(&s, N, b, 20 * dt, q0, q0);
  PetscCall(MfElectroThermalSampleFields(et, 2, pts, NULL, Ts, NULL));
  fail |= EtTestCheck(comm, "T(3L/4) - T0 at t1 = tau/2 (uniform sigma) [K]", Ts[1] - T0, Rise(&s, N, b, 0.75 * L), 1e-2);
  /* the state change: sigma/10 in every cell of the upper half */
  PetscCall(ChangeUpperHalf(et, L, m));
  for (PetscInt st = 1; st <= checks[3]; st++) {
    PetscCall(MfElectroThermalStep(et, dt));
    Advance(&s, N, b, dt, q_lo, q_hi);
    if (st == 1) {
      PetscCall(MfElectroThermalGetResults(et, &r));
      PetscCall(MfElectroThermalSampleFields(et, 1, mid, NULL, NULL, phi));
      fail |= EtTestCheck(comm, "current after the change [A/m]", r.I_top, J * w, 1e-8);
      fail |= EtTestCheck(comm, "phi(L/2) after the change [V]", phi[0], V / (1.0 + 1.0 / m), 1e-8);
    }
    if (st == checks[c]) {
      char what[96];
      PetscCall(MfElectroThermalSampleFields(et, 2, pts, NULL, Ts, NULL));
      for (PetscInt p = 0; p < 2; p++) {
        PetscCall(PetscSNPrintf(what, sizeof(what), "T(%sL/4) - T0 at t1 + %.2f tau [K]", p ? "3" : "", (double)(st * dt / tau)));
        fail |= EtTestCheck(comm, what, Ts[p] - T0, Rise(&s, N, b, pts[2 * p + 1]), 1e-2);
      }
      ++c;
    }
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));

  /* steady: solve, change the upper half, solve again */
  PetscCall(EtTestSlab(comm, L, w, sigma, k, rhoc, T0, V, &dm, &et));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(ChangeUpperHalf(et, L, m));
  PetscCall(MfElectroThermalSolveSteady(et));
  PetscCall(MfElectroThermalGetResults(et, &r));
  PetscCall(MfElectroThermalSampleFields(et, 2, pts, NULL, Ts, NULL));
  PetscCall(MfElectroThermalSampleFields(et, 1, mid, NULL, NULL, phi));
  fail |= EtTestCheck(comm, "steady: current after the change [A/m]", r.I_top, J * w, 1e-8);
  fail |= EtTestCheck(comm, "steady: phi(L/2) after the change [V]", phi[0], V / (1.0 + 1.0 / m), 1e-8);
  fail |= EtTestCheck(comm, "steady: T(L/4) - T0 after the change [K]", Ts[0] - T0, SteadyRise(L, k, q_lo, q_hi, 0.25 * L), 1e-8);
  fail |= EtTestCheck(comm, "steady: T(3L/4) - T0 after the change [K]", Ts[1] - T0, SteadyRise(L, k, q_lo, q_hi, 0.75 * L), 1e-8);
  {
    const int bad = !(r.newton_its <= 1);
    PetscCall(PetscPrintf(comm, "steady: Newton iterations after the change      %" PetscInt_FMT "  (<= 1: starts from the new state's potential)  %s\n", r.newton_its, bad ? "FAIL" : "ok"));
    fail |= bad;
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscFree(b));
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_STATE_CHANGE FAILED" : "ET_STATE_CHANGE PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
