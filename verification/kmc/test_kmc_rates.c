/* Rate laws against published numbers (physics-references.md §2) and exact identities.
 * Requirement: the shared rate helpers reproduce the reference instance (a = 0.25 nm, nu = 1e13 Hz,
 * Ea = 0.7 eV, T = 500 K, E = 1 V/nm) and the JART barrier instance to the digits published. */
#include "mf_kmc_rates.h"
#include <math.h>
#include <gsl/gsl_const_mksa.h>

static PetscErrorCode Check(const char *what, double got, double want, double reltol, PetscInt *nfail)
{
  PetscFunctionBeginUser;
  const double rel = fabs(got - want) / fabs(want);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-44s %.6e  expected %.6e  rel.err %.2e  (tol %.0e) %s\n", what, got, want, rel, reltol, rel <= reltol ? "ok" : "FAIL"));
  if (!(rel <= reltol)) (*nfail)++;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt nfail = 0;

  PetscCall(PetscInitialize(&argc, &argv, NULL, "KMC rate-law checks"));
  /* GSL 2.7 carries CODATA 2006; the exact 2019 SI values differ by 1.0e-6 (kB) and 9.2e-8 (e) */
  PetscCall(Check("kB vs GSL (CODATA 2006)", MF_KB_J_PER_K, GSL_CONST_MKSA_BOLTZMANN, 2e-6, &nfail));
  PetscCall(Check("e vs GSL (CODATA 2006)", MF_E_C, GSL_CONST_MKSA_ELECTRON_CHARGE, 2e-7, &nfail));

  const double a = 0.25e-9, nu = 1e13, Ea = 0.7 * MF_E_C, T = 500.0, E = 1e9;
  const double G0 = MfKmcArrhenius(nu, Ea, T);
  const double Gp = MfKmcArrhenius(nu, MfKmcHopBarrier(0, Ea, 1.0, a, E, 0.0, 0.0), T);
  const double Gm = MfKmcArrhenius(nu, MfKmcHopBarrier(0, Ea, 1.0, a, -E, 0.0, 0.0), T);
  double       v, D;
  MfKmcBiasedWalk(a, Gp, Gm, &v, &D);
  /* published to 5 significant digits: a relative tolerance of 1e-4 covers the rounding (<= 5e-5 x 2) */
  PetscCall(Check("Gamma0 (s^-1)", G0, 8.7965e5, 1e-4, &nfail));
  PetscCall(Check("q a E / 2kT", MF_E_C * a * E / (2 * MF_KB_J_PER_K * T), 2.90113, 1e-5, &nfail));
  PetscCall(Check("Gamma+ (s^-1)", Gp, 1.6005e7, 1e-4, &nfail));
  PetscCall(Check("Gamma- (s^-1)", Gm, 4.8347e4, 1e-4, &nfail));
  PetscCall(Check("v = a(G+ - G-) (m/s)", v, 3.9892e-3, 1e-4, &nfail));
  PetscCall(Check("v = 2 a nu e^(-Ea/kT) sinh(qaE/2kT) (m/s)", 2 * a * G0 * sinh(MF_E_C * a * E / (2 * MF_KB_J_PER_K * T)), v, 1e-12, &nfail));
  PetscCall(Check("D = a^2 (G+ + G-)/2 (m^2/s)", D, 5.0167e-13, 1e-4, &nfail));
  PetscCall(Check("MFPT to 20 a = N/(G+ - G-) (s)", 20.0 / (Gp - Gm), 1.2534e-6, 1e-4, &nfail));
  PetscCall(Check("MFPT variance N(G+ + G-)/(G+ - G-)^3 (s^2)", 20.0 * (Gp + Gm) / pow(Gp - Gm, 3), 7.903e-14, 1e-3, &nfail));
  /* low field: drift equals mu E with the Einstein mobility mu = q D / kT (reference: 1.27599e-6 m/s) */
  {
    const double e = 1e6, gp = MfKmcArrhenius(nu, MfKmcBarrierLinear(Ea, 1.0, a, e), T), gm = MfKmcArrhenius(nu, MfKmcBarrierLinear(Ea, 1.0, a, -e), T);
    double       vl, Dl;
    MfKmcBiasedWalk(a, gp, gm, &vl, &Dl);
    PetscCall(Check("v at 1e6 V/m (m/s)", vl, 1.27599e-6, 1e-5, &nfail));
    /* sinh(x) = x (1 + x^2/6): at x = 2.9e-3 the Einstein relation holds to 1.4e-6 */
    PetscCall(Check("Einstein: v = (q D / kT) E", vl, MF_E_C * Dl / (MF_KB_J_PER_K * T) * e, 1e-5, &nfail));
  }
  /* JART VCM v1b instance: dWA = 1.35 eV, z = 2, a = 0.25 nm, E = 1e9 V/m -> 1.10939 / 1.60939 eV */
  {
    double Wmin, Wmax;
    MfKmcBarrierJart(1.35 * MF_E_C, 2.0, a, 1e9, &Wmin, &Wmax);
    PetscCall(Check("JART dW_min (eV)", Wmin / MF_E_C, 1.10939, 5e-6, &nfail));
    PetscCall(Check("JART dW_max (eV)", Wmax / MF_E_C, 1.60939, 5e-6, &nfail));
    PetscCall(Check("JART dW_max - dW_min = z a E (eV)", (Wmax - Wmin) / MF_E_C, 0.5, 1e-12, &nfail));
    /* low-field limit: dWA -/+ z q a E/2 + O(gamma^2); at E = 1e6 V/m gamma = 1.2e-4, deviation ~ dWA gamma^2/2 */
    MfKmcBarrierJart(1.35 * MF_E_C, 2.0, a, 1e6, &Wmin, &Wmax);
    PetscCall(Check("JART low-field limit (eV)", Wmin / MF_E_C, (1.35 * MF_E_C - 0.5 * 2 * MF_E_C * a * 1e6) / MF_E_C, 1e-7, &nfail));
    /* direction: a negative z E along the hop gives the upper barrier */
    PetscCall(Check("JART hop against the field (eV)", MfKmcHopBarrier(1, 1.35 * MF_E_C, 2.0, a, -1e9, 0, 0) / MF_E_C, 1.60939, 5e-6, &nfail));
    /* saturation: gamma > 1 clamps to a vanishing forward barrier */
    MfKmcBarrierJart(1.35 * MF_E_C, 2.0, a, 1e11, &Wmin, &Wmax);
    PetscCall(Check("JART gamma>1 clamp: dW_max = pi dWA (eV)", Wmax / MF_E_C, PETSC_PI * 1.35, 1e-12, &nfail));
  }
  /* strain shift: Omega = 10 A^3 at sigma_h = 1 GPa lowers the barrier by 1e-20 J = 62.415 meV */
  PetscCall(Check("strain shift Ea - Omega sigma_h (eV)", MfKmcHopBarrier(0, Ea, 1.0, a, 0.0, 1e-29, 1e9) / MF_E_C, 0.7 - 1e-20 / MF_E_C, 1e-12, &nfail));
  PetscCall(Check("barrierless clamp: Gamma = nu", MfKmcArrhenius(nu, -1e-20, T), nu, 0.0, &nfail));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failed\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
