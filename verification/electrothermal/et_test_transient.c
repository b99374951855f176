/* Requirement: transient Joule heating of a slab (length L, both ends held at T0, adiabatic sides,
 * constant sigma, k, rho c; bias switched on at t = 0 from T = T0) follows the analytic series
 *   T(L/2, t) - T0 = q L^2/(8k) - sum_{n odd} 4 q L^2/(k pi^3 n^3) (-1)^((n-1)/2) exp(-n^2 pi^2 alpha t / L^2)
 * (separation of variables; Carslaw & Jaeger, Conduction of Heat in Solids, 2nd ed., §3.4), with
 * q = sigma (V/L)^2 and alpha = k/(rho c), within 1 % at t = tau/4, tau/2, tau, 2 tau (tau = L^2/(pi^2 alpha)). */
#include "et_test_util.h"

static PetscReal Series(PetscReal t, PetscReal q, PetscReal L, PetscReal k, PetscReal alpha)
{
  PetscReal s = q * L * L / (8.0 * k);
  for (PetscInt n = 1; n < 400; n += 2) s -= 4.0 * q * L * L / (k * PetscPowReal(PETSC_PI * n, 3)) * ((n / 2) % 2 ? -1.0 : 1.0) * PetscExpReal(-n * n * PETSC_PI * PETSC_PI * alpha * t / (L * L));
  return s;
}

int main(int argc, char **argv)
{
  MPI_Comm         comm;
  DM               dm;
  MfElectroThermal et;
  MfEtResults      r;
  const PetscReal  L = 10e-9, w = 2e-9, V = 0.5, sigma = 1e5, k = 20.0, rhoc = 2e6, T0 = 300.0;
  const PetscReal  alpha = k / rhoc, tau = L * L / (PETSC_PI * PETSC_PI * alpha), q = sigma * V * V / (L * L);
  const PetscInt   nper = 40; /* time steps per tau */
  const PetscInt   checks[4] = {nper / 4, nper / 2, nper, 2 * nper};
  PetscInt         c = 0;
  int              fail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  comm = PETSC_COMM_WORLD;
  PetscCall(EtTestSlab(comm, L, w, sigma, k, rhoc, T0, V, &dm, &et));
  PetscCall(PetscPrintf(comm, "slab: tau = %.4e s, steady rise q L^2/8k = %.4f K\n", (double)tau, (double)(q * L * L / (8 * k))));
  for (PetscInt s = 1; s <= 2 * nper; ++s) {
    PetscCall(MfElectroThermalStep(et, tau / nper));
    if (s == checks[c]) {
      char            what[96];
      const PetscReal t = s * tau / nper;
      PetscCall(MfElectroThermalGetResults(et, &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "T_max - T0 at t = %.2f tau [K]", (double)(t / tau)));
      /* BDF2 with 40 steps per tau: time error ~ (dt/tau)^2 ~ 1e-3; Q2 with 16 cells: < 1e-4; 1 % */
      fail |= EtTestCheck(comm, what, r.T_max - T0, Series(t, q, L, k, alpha), 1e-2);
      ++c;
    }
  }
  PetscCall(MfElectroThermalDestroy(&et));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscPrintf(comm, "%s\n", fail ? "ET_TRANSIENT FAILED" : "ET_TRANSIENT PASSED"));
  PetscCall(PetscFinalize());
  return fail;
}
