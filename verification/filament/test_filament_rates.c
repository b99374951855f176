/* Every event rate of the VCM and ECM plug-ins against its closed-form law, written out here independently
 * of the implementation (docs/filament.md):
 *   Arrhenius  Gamma = nu exp(-Eb/(kB T)),  bond-midpoint E_par, T, sigma_h
 *   VCM generation     Eb = Ea_gen + b E_par - Omega sigma_h              (z_ion < 0, b in C m)
 *   VCM hops/recomb.   Eb = Ea - z q a E_par / 2 - Omega sigma_h          (Mott-Gurney)
 *   VCM exchange       Eb = Ea_ex -/+ z_ion q a E_z / 2 - Omega sigma_h  (out: +z, in: -z)
 *   ECM oxidation      Eb = Ea - (1-alpha) z q eta - Omega sigma_h,  eta = -a E.n (n: site -> metal)
 *   ECM reduction      Eb = Ea_red + alpha z q eta - Omega sigma_h
 *   ECM escape         Eb = Ea_hop - z q (E.d)/2 - Omega sigma_h over a missing lateral bond d (lateral sink)
 *   ECM dissolution    Eb = Ea_diss + (n - 3) eps - (1-alpha) z q eta - Omega sigma_h, n = M0 neighbours +
 *                      electrodes touched, 3 = half the simple-cubic coordination (broken-bond model)
 * on a 3x3x4 simple-cubic lattice with per-site fields of both signs, temperatures 300-700 K and stresses of
 * +-1 GPa, species drawn with a fixed LCG so that every event type occurs. Tolerance 1e-12 relative: the
 * exponent Eb/kT is at most ~100 here and is evaluated in a different order (a few ulp of 100 -> ~1e-14 in
 * the rate); any wrong sign, factor 1/2 or missing term changes a rate by >= 1e-3.
 * Also: the engine's total rate equals the sum of the per-site rates (it uses the same plug-in), and the
 * directions: under a positive top electrode V_O drift down, O_i drift up, Ag+ reduction at the cathode is
 * accelerated by exp(alpha z q a |E| / kT). */
#include "mf_filament.h"
#include "mf_kmc_rates.h"
#include <math.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_errno.h>

static PetscInt nfail = 0;
static PetscInt ncheck[16];

static void Check(const char *what, PetscInt site, PetscInt slot, PetscReal got, PetscReal want)
{
  const PetscReal rel = fabs(got - want) / PetscMax(fabs(want), 1e-300);
  if (!(rel <= 1e-12)) {
    nfail++;
    PetscPrintf(PETSC_COMM_SELF, "FAIL %s site %d slot %d: rate %.15e, closed form %.15e (rel %.2e)\n", what, (int)site, (int)slot, (double)got, (double)want, (double)rel);
  }
}

static PetscReal Arr(PetscReal nu, PetscReal Eb_J, PetscReal T)
{
  return nu * exp(-Eb_J / (1.380649e-23 * T));
}

static unsigned long lcg = 12345;
static unsigned Rand(void)
{
  lcg = lcg * 6364136223846793005ul + 1442695040888963407ul;
  return (unsigned)(lcg >> 33);
}

/* per-site fields: signed E components up to 1.5 GV/m, T 300-700 K, sigma_h +-1 GPa */
static PetscErrorCode MakeFields(PetscInt n, MfKmcSiteFields **f)
{
  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(n, f));
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt c = 0; c < 3; c++) (*f)[i].E_V_per_m[c] = ((double)(Rand() % 2001) / 1000.0 - 1.0) * 1.5e9;
    (*f)[i].T_K        = 300.0 + (Rand() % 401);
    (*f)[i].sigma_h_Pa = ((double)(Rand() % 2001) / 1000.0 - 1.0) * 1e9;
  }
  PetscFunctionReturn(0);
}

static void Mid(const MfKmcSiteFields *fi, const MfKmcSiteFields *fj, const PetscReal d[3], PetscReal *Epar, PetscReal *T, PetscReal *sh)
{
  const PetscReal a = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  *Epar             = 0.0;
  for (int c = 0; c < 3; c++) *Epar += 0.5 * (fi->E_V_per_m[c] + fj->E_V_per_m[c]) * d[c] / a;
  *T  = 0.5 * (fi->T_K + fj->T_K);
  *sh = 0.5 * (fi->sigma_h_Pa + fj->sigma_h_Pa);
}

static PetscErrorCode SetupKmc(MfKmc *kmc, const PetscInt n[3], PetscReal a)
{
  MfKmcLattice lat;
  PetscBool    per[3] = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};

  PetscFunctionBeginUser;
  PetscCall(MfKmcLatticeCreateSimpleCubic(PETSC_COMM_SELF, n, a, per, &lat));
  PetscCall(MfKmcCreate(PETSC_COMM_SELF, kmc));
  PetscCall(MfKmcSetLattice(*kmc, lat));
  PetscCall(MfKmcLatticeDestroy(&lat));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckTotal(MfKmc kmc, PetscReal sum)
{
  PetscReal R;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetTotalRate(kmc, &R));
  if (!(fabs(R - sum) <= 1e-12 * sum)) {
    nfail++;
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL engine total rate %.15e != sum of site rates %.15e\n", (double)R, (double)sum));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode TestVcm(void)
{
  const PetscInt   n[3] = {3, 3, 4};
  const PetscReal  a = 0.25e-9, q = MF_E_C, eV = MF_E_C;
  MfKmc            kmc;
  MfVcmParams      p;
  MfKmcState      *st;
  MfKmcSiteFields *f;
  PetscReal        rate[8], sum = 0.0;
  PetscInt         type[8], buf[6];

  PetscFunctionBeginUser;
  PetscCall(SetupKmc(&kmc, n, a));
  PetscCall(MfVcmParamsDefault("HfO2", &p));
  /* barriers chosen so that rates are neither 0 nor clamped; every field present */
  p.nu_Hz = 1e13; p.Ea_generation_eV = 1.9; p.Ea_generation_interface_eV = 1.7; p.Ea_recombination_eV = 0.9; p.Ea_recombination_interface_eV = 0.95; p.Ea_hop_defect_eV = 1.1; p.Ea_hop_ion_eV = 0.8; p.Ea_exchange_eV = 1.0;
  p.dipole_generation_eAng = 4.0; p.z_defect = 2.0; p.z_ion = -2.0; p.activation_volume_m3 = 2e-30; p.top_reservoir = PETSC_TRUE;
  PetscCall(MfKmcSetMechanismVcm(kmc, &p));
  PetscCall(MfKmcSetSeed(kmc, 7, 0));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(MakeFields(36, &f));
  PetscCall(MfKmcSetSiteFields(kmc, 36, f));
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt i = 0; i < 36; i++) {
    st->species[i] = (MfKmcSpecies)(Rand() % 3);
    if (st->lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE) st->aux[i] = (PetscReal)(Rand() % 2);
  }
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  for (PetscInt i = 0; i < 36; i++) {
    const PetscInt *nb = MfKmcLatticeNeighbors(st->lat, i, buf);
    PetscCall(MfVcmSiteRates(&p, st, i, rate, type));
    for (PetscInt k = 0; k < 8; k++) {
      PetscReal want = 0.0, Epar, T, sh;
      PetscInt  wt   = -1;
      if (k == 7 && (st->lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE)) {
        if (st->species[i] == 0) {
          wt = MF_VCM_EVENT_GENERATION_INTERFACE;
          want = Arr(p.nu_Hz, p.Ea_generation_interface_eV * eV + 4.0e-10 * q * f[i].E_V_per_m[2] - 2e-30 * f[i].sigma_h_Pa, f[i].T_K);
        } else if (st->species[i] == 1 && st->aux[i] >= 1) {
          wt = MF_VCM_EVENT_RECOMBINATION_INTERFACE;
          want = Arr(p.nu_Hz, p.Ea_recombination_interface_eV * eV - q * a * f[i].E_V_per_m[2] - 2e-30 * f[i].sigma_h_Pa, f[i].T_K); /* its own barrier */
        }
      } else if (k < 6 && nb[k] >= 0) {
        const PetscInt si = st->species[i], sj = st->species[nb[k]];
        Mid(&f[i], &f[nb[k]], MfKmcLatticeBondVector(st->lat, i, k), &Epar, &T, &sh);
        if (si == 0 && sj == 0) {
          wt = MF_VCM_EVENT_GENERATION;
          want = Arr(p.nu_Hz, p.Ea_generation_eV * eV + 4.0e-10 * q * Epar - 2e-30 * sh, T);
        } else if (si == 2 && sj == 1) {
          wt = MF_VCM_EVENT_RECOMBINATION;
          want = Arr(p.nu_Hz, p.Ea_recombination_eV * eV + q * a * Epar - 2e-30 * sh, T); /* -(-2) q a E/2 */
        } else if (si == 1 && sj == 0) {
          wt = MF_VCM_EVENT_HOP_VACANCY;
          want = Arr(p.nu_Hz, p.Ea_hop_defect_eV * eV - q * a * Epar - 2e-30 * sh, T);
        } else if (si == 2 && sj == 0) {
          wt = MF_VCM_EVENT_HOP_ION;
          want = Arr(p.nu_Hz, p.Ea_hop_ion_eV * eV + q * a * Epar - 2e-30 * sh, T);
        }
      } else if (k == 6 && (st->lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE)) {
        if (st->species[i] == 2) {
          wt = MF_VCM_EVENT_EXCHANGE_OUT;
          want = Arr(p.nu_Hz, p.Ea_exchange_eV * eV + q * a * f[i].E_V_per_m[2] - 2e-30 * f[i].sigma_h_Pa, f[i].T_K);
        } else if (st->species[i] == 0 && st->aux[i] >= 1) {
          wt = MF_VCM_EVENT_EXCHANGE_IN;
          want = Arr(p.nu_Hz, p.Ea_exchange_eV * eV - q * a * f[i].E_V_per_m[2] - 2e-30 * f[i].sigma_h_Pa, f[i].T_K);
        }
      }
      if (type[k] != wt) {
        nfail++;
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL VCM site %d slot %d: event type %d, expected %d\n", (int)i, (int)k, (int)type[k], (int)wt));
      }
      if (wt >= 0) ncheck[wt]++;
      Check("VCM", i, k, rate[k], want);
      sum += rate[k];
    }
  }
  PetscCall(CheckTotal(kmc, sum));
  for (PetscInt t = 0; t < MF_VCM_NUM_EVENTS; t++) {
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "VCM event type %d: %d rates checked\n", (int)t, (int)ncheck[t]));
    if (!ncheck[t]) nfail++;
    ncheck[t] = 0;
  }
  /* directions under a positive top electrode (E_z = -1 GV/m, uniform, 300 K) on pristine/defect pairs */
  {
    MfKmcSiteFields u;
    PetscReal       up, dn;
    PetscCall(PetscMemzero(&u, sizeof(u)));
    u.T_K          = 300.0;
    u.E_V_per_m[2] = -1e9;
    PetscCall(MfKmcSetUniformFields(kmc, &u));
    for (PetscInt i = 0; i < 36; i++) st->species[i] = 0;
    st->species[13] = 1; /* V_O in the middle column, layer 1 */
    PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
    PetscCall(MfVcmSiteRates(&p, st, 13, rate, type));
    up = rate[4]; dn = rate[5];
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "V_O hop down/up = %.6e (expected exp(2 q a E/kT) = %.6e)\n", (double)(dn / up), exp(2 * q * a * 1e9 / (MF_KB_J_PER_K * 300))));
    if (!(dn > up)) nfail++;
    st->species[13] = 2;
    PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
    PetscCall(MfVcmSiteRates(&p, st, 13, rate, type));
    if (!(rate[4] > rate[5])) { /* O_i drifts to the anode */
      nfail++;
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL O_i does not drift towards the positive top electrode\n"));
    }
    PetscCall(MfVcmSiteRates(&p, st, 0, rate, type)); /* Frenkel pair with the O ion pushed up (slot +z) ... */
    up = rate[4];
    if (type[4] != MF_VCM_EVENT_GENERATION) nfail++;
    PetscCall(MfVcmSiteRates(&p, st, 9, rate, type)); /* ... is favoured over the pair with the O ion below */
    dn = rate[5];
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "generation O up/down = %.6e (expected exp(2 b E/kT) = %.6e)\n", (double)(up / dn), exp(2 * 4e-10 * q * 1e9 / (MF_KB_J_PER_K * 300))));
    if (!(type[5] == MF_VCM_EVENT_GENERATION && up > dn)) nfail++;
  }
  PetscCall(PetscFree(f));
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

/* The melt event's coefficient 0.343 (mech_ecm.c) is the maximum over k r of Rayleigh's growth rate of a liquid
 * cylinder, omega^2 = gamma/(rho r^3) x I1(x)/I0(x) (1 - x^2), x = k r (Rayleigh 1878; Eggers, Rev. Mod. Phys.
 * 69, 865 (1997), eq. 2.6 with zero viscosity): maximised here with GSL's Brent minimiser and Bessel functions.
 * Tolerance 1.5e-3 relative: the coefficient is quoted to 3 digits (half a unit of the last digit). */
static double NegRayleigh(double x, void *ctx)
{
  (void)ctx;
  return -x * gsl_sf_bessel_I1(x) / gsl_sf_bessel_I0(x) * (1.0 - x * x);
}

static void TestRayleighCoefficient(void)
{
  gsl_function         F  = {NegRayleigh, NULL};
  gsl_min_fminimizer  *mn = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
  double               x  = 0.7, w;
  gsl_min_fminimizer_set(mn, &F, x, 0.05, 0.999);
  for (int it = 0; it < 100; it++) {
    gsl_min_fminimizer_iterate(mn);
    if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(mn), gsl_min_fminimizer_x_upper(mn), 1e-10, 0.0) == GSL_SUCCESS) break;
  }
  x = gsl_min_fminimizer_x_minimum(mn);
  w = sqrt(-NegRayleigh(x, NULL));
  gsl_min_fminimizer_free(mn);
  PetscPrintf(PETSC_COMM_SELF, "Rayleigh-Plateau: fastest mode k r = %.6f, omega sqrt(rho r^3/gamma) = %.6f (mech_ecm.c uses 0.343)\n", x, w);
  if (!(fabs(w - 0.343) <= 1.5e-3 * w)) nfail++;
}

static PetscErrorCode TestEcm(PetscBool anode_top)
{
  const PetscInt   n[3] = {3, 3, 4};
  const PetscReal  a = 0.25e-9, q = MF_E_C, eV = MF_E_C;
  MfKmc            kmc;
  MfEcmParams      p;
  MfKmcState      *st;
  MfKmcSiteFields *f;
  PetscReal        rate[8], sum = 0.0;
  PetscInt         type[8], buf[6], ncoord[9] = {0}, ndistinct = 0;
  const unsigned char anode = anode_top ? MF_KMC_SITE_TOP_INTERFACE : MF_KMC_SITE_BOTTOM_INTERFACE;

  PetscFunctionBeginUser;
  PetscCall(SetupKmc(&kmc, n, a));
  PetscCall(MfEcmParamsDefault("Cu", &p));
  p.nu_Hz = 1e13; p.Ea_oxidation_eV = 0.9; p.Ea_reduction_eV = 0.8; p.Ea_hop_ion_eV = 0.7; p.Ea_dissolution_eV = 1.0; p.Ea_reduction_filament_eV = 0.85; p.z_ion = 2.0; p.alpha_transfer = 0.3; p.activation_volume_m3 = -1.5e-30; p.anode_top = anode_top; p.bond_energy_eV = 0.07; p.lateral_sink = anode_top;
  p.melting = PETSC_TRUE; p.T_melt_K = 500.0; /* inside the sites' 300-700 K: both sides of the melting point are checked */
  const PetscReal z = p.z_ion, al = p.alpha_transfer, Om = p.activation_volume_m3;
  PetscCall(MfKmcSetMechanismEcm(kmc, &p));
  PetscCall(MfKmcSetSeed(kmc, 7, 0));
  PetscCall(MfKmcSetUp(kmc));
  PetscCall(MakeFields(36, &f));
  PetscCall(MfKmcSetSiteFields(kmc, 36, f));
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt i = 0; i < 36; i++) st->species[i] = (MfKmcSpecies)(Rand() % 3);
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  for (PetscInt i = 0; i < 36; i++) {
    const PetscInt *nb = MfKmcLatticeNeighbors(st->lat, i, buf);
    const PetscInt  si = st->species[i];
    PetscInt        nmetal = ((st->lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE) ? 1 : 0) + ((st->lat->flags[i] & MF_KMC_SITE_BOTTOM_INTERFACE) ? 1 : 0);
    for (PetscInt k = 0; k < 6; k++) nmetal += nb[k] >= 0 && st->species[nb[k]] == 1;
    const PetscReal Ea_diss = p.Ea_dissolution_eV + (nmetal - 3) * p.bond_energy_eV;
    if (si == 1) ncoord[nmetal]++;
    PetscCall(MfEcmSiteRates(&p, st, i, rate, type));
    for (PetscInt k = 0; k < 8; k++) {
      PetscReal want = 0.0, Epar, T, sh;
      PetscInt  wt   = -1;
      if (k < 6 && nb[k] >= 0) {
        const PetscInt sj = st->species[nb[k]];
        Mid(&f[i], &f[nb[k]], MfKmcLatticeBondVector(st->lat, i, k), &Epar, &T, &sh);
        const PetscReal eta = -a * Epar;
        if (si == 2 && sj == 0) {
          wt = MF_ECM_EVENT_HOP_ION;
          want = Arr(p.nu_Hz, p.Ea_hop_ion_eV * eV - 0.5 * z * q * a * Epar - Om * sh, T);
        } else if (si == 2 && sj == 1) {
          wt = MF_ECM_EVENT_REDUCTION; /* onto the filament: its own barrier, not the anode's */
          want = Arr(p.nu_Hz, p.Ea_reduction_filament_eV * eV + al * z * q * eta - Om * sh, T);
        } else if (si == 1 && sj == 1) {
          wt = MF_ECM_EVENT_DISSOLUTION;
          want = Arr(p.nu_Hz, Ea_diss * eV - (1 - al) * z * q * eta - Om * sh, T);
        }
      } else if (k < 4 && nb[k] < 0 && p.lateral_sink && si == 2) { /* escape over the open lateral edge */
        const PetscReal *d = MfKmcLatticeBondVector(st->lat, i, k);
        wt   = MF_ECM_EVENT_ESCAPE;
        want = Arr(p.nu_Hz, p.Ea_hop_ion_eV * eV - 0.5 * z * q * (f[i].E_V_per_m[0] * d[0] + f[i].E_V_per_m[1] * d[1]) - Om * f[i].sigma_h_Pa, f[i].T_K);
      } else if (k == 7 && si == 1 && f[i].T_K >= p.T_melt_K) { /* Rayleigh-Plateau break-up of a liquid one-site neck */
        wt   = MF_ECM_EVENT_MELT;
        want = 0.343 * sqrt(p.surface_tension_J_per_m2 / (p.liquid_density_kg_per_m3 * a * a * a));
      } else if (k == 6 && (st->lat->flags[i] & 3)) {
        const PetscReal nz  = (st->lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE) ? 1.0 : -1.0;
        const PetscReal eta = -a * f[i].E_V_per_m[2] * nz, T0 = f[i].T_K, s0 = f[i].sigma_h_Pa;
        if (st->lat->flags[i] & anode) {
          if (si == 0) { wt = MF_ECM_EVENT_OXIDATION_ANODE; want = Arr(p.nu_Hz, p.Ea_oxidation_eV * eV - (1 - al) * z * q * eta - Om * s0, T0); }
          if (si == 2) { wt = MF_ECM_EVENT_REDUCTION_ANODE; want = Arr(p.nu_Hz, p.Ea_reduction_eV * eV + al * z * q * eta - Om * s0, T0); }
        } else {
          if (si == 2) { wt = MF_ECM_EVENT_REDUCTION; want = Arr(p.nu_Hz, p.Ea_reduction_filament_eV * eV + al * z * q * eta - Om * s0, T0); }
          if (si == 1) { wt = MF_ECM_EVENT_DISSOLUTION; want = Arr(p.nu_Hz, Ea_diss * eV - (1 - al) * z * q * eta - Om * s0, T0); }
        }
      }
      if (type[k] != wt) {
        nfail++;
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "FAIL ECM site %d slot %d: event type %d, expected %d\n", (int)i, (int)k, (int)type[k], (int)wt));
      }
      if (wt >= 0) ncheck[wt]++;
      Check("ECM", i, k, rate[k], want);
      sum += rate[k];
    }
  }
  PetscCall(CheckTotal(kmc, sum));
  for (PetscInt m = 0; m < 9; m++) ndistinct += ncoord[m] > 0;
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "ECM: M0 atoms with %d different metal coordinations checked\n", (int)ndistinct));
  if (ndistinct < 3) nfail++; /* the coordination term must be exercised, not only n = 3 */
  for (PetscInt t = 0; t < MF_ECM_NUM_EVENTS; t++) {
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "ECM (anode %s) event type %d: %d rates checked\n", anode_top ? "top" : "bottom", (int)t, (int)ncheck[t]));
    if (!ncheck[t] && (t != MF_ECM_EVENT_ESCAPE || p.lateral_sink)) nfail++;
    ncheck[t] = 0;
  }
  /* Butler-Volmer direction: cathodic bias accelerates reduction at the cathode by exp(alpha z q a |E|/kT) */
  if (anode_top) {
    MfKmcSiteFields u;
    PetscReal       r0, r1;
    PetscCall(PetscMemzero(&u, sizeof(u)));
    u.T_K = 300.0;
    PetscCall(MfKmcSetUniformFields(kmc, &u));
    for (PetscInt i = 0; i < 36; i++) st->species[i] = 0;
    st->species[4] = 2; /* cation on the bottom (cathode) layer */
    PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
    PetscCall(MfEcmSiteRates(&p, st, 4, rate, type));
    r0       = rate[6];
    u.E_V_per_m[2] = -5e8; /* top anode positive */
    PetscCall(MfKmcSetUniformFields(kmc, &u));
    PetscCall(MfEcmSiteRates(&p, st, 4, rate, type));
    r1 = rate[6];
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "cathodic reduction speed-up %.6e (expected %.6e)\n", (double)(r1 / r0), exp(al * z * q * a * 5e8 / (MF_KB_J_PER_K * 300))));
    if (!(type[6] == MF_ECM_EVENT_REDUCTION && fabs(r1 / r0 / exp(al * z * q * a * 5e8 / (MF_KB_J_PER_K * 300)) - 1) < 1e-12)) nfail++;
  }
  PetscCall(PetscFree(f));
  PetscCall(MfKmcDestroy(&kmc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, "filament rate laws"));
  PetscCall(TestVcm());
  TestRayleighCoefficient();
  PetscCall(TestEcm(PETSC_TRUE));
  PetscCall(TestEcm(PETSC_FALSE));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %d failures\n", nfail ? "FAILED" : "PASSED", (int)nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
