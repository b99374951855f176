/* The GCA laws of physics/mechanisms/phase_change/pcm_rates.c against an independent evaluation of the
 * GCA formulas (Wang et al., arXiv 2107.02035; written out here from the GST table, not through the
 * parameter struct), exact to 1e-12 relative at 400 K (glass, Arrhenius branch), 600 K and 800 K (MYEGA):
 * driving force, wetting factor, n_c, dG_c, viscosity, jump frequency, Zeldovich factor, P_gr, P_di, P_nu.
 * Also: MYEGA's eta(T_g) = 1e12 Pa s, continuity of the viscosity at T_glass, P_nu = 0 at T >= T_m, the
 * detailed-balance ratio P_di/P_gr = exp(-dg/kT), and Bruggeman's mixing rule (end points, its defining
 * equation, percolation threshold). Exit code 0 = every check passed. */
#include <math.h>
#include "mf_phase_change.h"

static PetscInt nfail = 0;

static void Check(const char *what, double T, double got, double want, double tol)
{
  const double rel = want != 0.0 ? fabs(got - want) / fabs(want) : fabs(got);
  const int    ok  = rel <= tol && isfinite(got);
  if (!ok) nfail++;
  (void)PetscPrintf(PETSC_COMM_WORLD, "%-34s T = %6.1f K  got %.15e  want %.15e  rel %.1e  %s\n", what, T, got, want, rel, ok ? "ok" : "FAIL");
}

int main(int argc, char **argv)
{
  MfPcmParams p;
  /* the GST table, written out */
  const double kB = 1.380649e-23, eV = 1.602176634e-19, pi = 3.14159265358979323846;
  const double Ea = 2.45, sig = 0.06, vm = 2.9e-28, lam = 0.299e-9, ra = 0.1365e-9, Rh = 0.1365e-9, Tm = 900.0, dH = 6.25e8, einf = 0.012, Tg = 472.0, m = 140.0, Tgl = 534.0;
  const double th = 130.0 * pi / 180.0, dmono = 2.0 * cbrt(3.0 * vm / (4.0 * pi)), D = 6.0 * dmono;
  const double Ts[] = {400.0, 600.0, 800.0};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfPcmParamsDefault(&p));
  Check("cell size D = 6 d", 0, p.D_m, D, 1e-14);
  for (int i = 0; i < 3; i++) {
    const double T = Ts[i], kT = kB * T;
    const double dg  = vm * dH * (Tm - T) / Tm * 2.0 * T / (Tm + T);
    const double f   = (2.0 - 3.0 * cos(th) + pow(cos(th), 3)) / 4.0;
    const double nc  = f * 32.0 * pi * vm * vm * pow(sig, 3) / (3.0 * pow(dg, 3));
    const double dGc = f * 16.0 * pi * vm * vm * pow(sig, 3) / (3.0 * dg * dg);
    const double B   = 12.0 - log10(einf);
    const double my  = pow(10.0, log10(einf) + B * (Tg / T) * exp((m / B - 1.0) * (Tg / T - 1.0)));
    const double myg = pow(10.0, log10(einf) + B * (Tg / Tgl) * exp((m / B - 1.0) * (Tg / Tgl - 1.0)));
    const double eta = T >= Tgl ? my : myg * exp(Ea * eV / kB * (1.0 / T - 1.0 / Tgl));
    const double gam = kT / (3.0 * pi * pow(lam, 3) * eta);
    const double Z   = sqrt(dg / (6.0 * pi * kT * nc));
    const double Pgr = 4.0 * ra * kT / (3.0 * pi * Rh * lam * lam * D * eta);
    const double Pdi = Pgr * exp(-dg / kT);
    const double Pnu = 4.0 * gam * pow(nc, 2.0 / 3.0) * Z * exp(-dGc / kT) * nc * (D / dmono) * (D / dmono);
    MfPcmRates   r;

    Check("driving force dg (J)", T, MfPcmDrivingForce(&p, T), dg, 1e-12);
    Check("wetting factor f", T, MfPcmWettingFactor(p.theta_rad), f, 1e-12);
    Check("critical size n_c", T, MfPcmCriticalSize(&p, dg), nc, 1e-12);
    Check("barrier dG_c (J)", T, MfPcmBarrier(&p, dg), dGc, 1e-12);
    Check("viscosity eta (Pa s)", T, MfPcmViscosity(&p, T), eta, 1e-12);
    Check("jump frequency gamma (1/s)", T, MfPcmJumpFrequency(&p, T, eta), gam, 1e-12);
    Check("Zeldovich factor Z", T, MfPcmZeldovich(dg, T, nc), Z, 1e-12);
    Check("growth P_gr (1/s)", T, MfPcmGrowth(&p, T, eta), Pgr, 1e-12);
    Check("dissociation P_di (1/s)", T, MfPcmDissociation(&p, T, eta), Pdi, 1e-12);
    Check("nucleation P_nu (1/s)", T, MfPcmNucleation(&p, T, eta), Pnu, 1e-12);
    PetscCall(MfPcmRatesAt(&p, T, &r));
    Check("P_di/P_gr = exp(-dg/kT)", T, r.P_di / r.P_gr, exp(-dg / kT), 1e-12);
    Check("MfPcmRatesAt P_nu", T, r.P_nu, Pnu, 1e-12);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  GST at %g K: eta %.4e Pa s, dg/kT %.4f, n_c %.2f, dG_c/kT %.3f, P_gr %.4e, P_di %.4e, P_nu %.4e 1/s, front speed D P_gr %.4e m/s\n", T, eta, dg / kT, nc, dGc / kT, Pgr, Pdi, Pnu, D * Pgr));
  }
  /* MYEGA passes through 1e12 Pa s at T_g by construction (Mauro et al. 2009) */
  Check("MYEGA eta(T_g) = 1e12 Pa s", Tg, MfPcmViscosityMYEGA(&p, Tg), 1e12, 1e-12);
  /* continuity at T_glass: the Arrhenius branch is matched there */
  Check("eta continuous at T_glass", Tgl, MfPcmViscosity(&p, Tgl * (1.0 - 1e-13)), MfPcmViscosity(&p, Tgl), 1e-9);
  Check("eta(T_glass-) = MYEGA(T_glass)", Tgl, MfPcmViscosity(&p, nextafter(Tgl, 0.0)), MfPcmViscosityMYEGA(&p, Tgl), 1e-9);
  /* no nucleation at and above T_m */
  {
    const double Thot[] = {Tm, Tm + 1e-9, 1000.0, 1500.0};
    for (int i = 0; i < 4; i++) {
      MfPcmRates r;
      PetscCall(MfPcmRatesAt(&p, Thot[i], &r));
      Check("P_nu = 0 at T >= T_m", Thot[i], r.P_nu, 0.0, 0.0);
    }
  }
  /* Bruggeman: end points, the defining equation, percolation at X = 1/d (s_a -> 0: s = 0 below, > 0 above) */
  for (PetscInt d = 2; d <= 3; d++) {
    const double sa = 1.0, sc = 1e3, Xs[] = {0.1, 0.3, 0.5, 0.9};
    Check("Bruggeman X = 0 -> sigma_a", d, MfPcmBruggeman(sa, sc, 0.0, d), sa, 1e-12);
    Check("Bruggeman X = 1 -> sigma_c", d, MfPcmBruggeman(sa, sc, 1.0, d), sc, 1e-12);
    for (int i = 0; i < 4; i++) {
      const double X = Xs[i], s = MfPcmBruggeman(sa, sc, X, d);
      const double res = X * (sc - s) / (sc + (d - 1) * s) + (1 - X) * (sa - s) / (sa + (d - 1) * s);
      Check("Bruggeman equation residual", d, res, 0.0, 1e-12);
      if (!(s >= 1.0 / ((1 - X) / sa + X / sc) && s <= (1 - X) * sa + X * sc)) {
        nfail++;
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Bruggeman outside the Wiener bounds at X = %g: FAIL\n", X));
      }
    }
    Check("Bruggeman insulator below 1/d", d, MfPcmBruggeman(0.0, sc, 0.99 / d, d), 0.0, 0.0);
    Check("Bruggeman above 1/d: (dX-1)/(d-1)", d, MfPcmBruggeman(0.0, sc, 0.5 + 0.5 / d, d), (d * (0.5 + 0.5 / d) - 1.0) / (d - 1.0) * sc, 1e-12);
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failed checks\n", nfail ? "FAIL" : "PASS", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
