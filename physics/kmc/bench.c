/* KMC throughput benchmark: pure field-biased vacancy hopping on periodic n^3 simple cubic lattices
 * (`memflex bench kmc`). Reports events per second of the engine on one core; no assertions. */
#include "mf_kmc.h"
#include "mf_kmc_rates.h"
#include <time.h>

/* CPU time of this process: less sensitive than wall time to other jobs sharing the cores */
static double CpuSeconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

PetscErrorCode MfKmcBenchmark(MPI_Comm comm)
{
  PetscInt  nlist[8] = {64, 128}, nn = 8, nocc = 8, nsel = 3, nev = 2000000, warm = 200000;
  PetscReal occ[8]   = {0.01, 0.1}, T = 500.0, E = 1e8;
  PetscEnum sel[3]   = {(PetscEnum)MF_KMC_SELECTOR_TREE, (PetscEnum)MF_KMC_SELECTOR_CR, (PetscEnum)0};
  PetscBool      set;
  MfKmcHopParams hp;

  PetscFunctionBeginUser;
  PetscCall(MfKmcHopDefaultParams(&hp)); /* the hopping mechanism of every case: -kmc_hop_* */
  PetscCall(MfKmcHopParamsSetFromOptions(&hp));
  PetscCheck(hp.nu_Hz > 0, comm, PETSC_ERR_USER_INPUT, "KMC benchmark: -kmc_hop_nu %g must be > 0 (Hz)", (double)hp.nu_Hz);
  PetscCheck(hp.Ea_J >= 0, comm, PETSC_ERR_USER_INPUT, "KMC benchmark: -kmc_hop_Ea %g must be >= 0 (eV)", (double)(hp.Ea_J / MF_E_C));
  PetscOptionsBegin(comm, NULL, "KMC benchmark", "MfKmcBenchmark");
  PetscCall(PetscOptionsIntArray("-kmc_bench_n", "Lattice edge lengths (sites)", "MfKmcBenchmark", nlist, &nn, &set));
  if (!set) nn = 2;
  PetscCall(PetscOptionsRealArray("-kmc_bench_occupancy", "Vacancy fractions", "MfKmcBenchmark", occ, &nocc, &set));
  if (!set) nocc = 2;
  PetscCall(PetscOptionsEnumArray("-kmc_bench_selectors", "Selectors to time", "MfKmcBenchmark", MfKmcSelectorTypes, sel, &nsel, &set));
  if (!set) nsel = 2;
  PetscCall(PetscOptionsInt("-kmc_bench_events", "Timed events per case", "MfKmcBenchmark", nev, &nev, NULL));
  PetscCheck(nev > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC benchmark: -kmc_bench_events %" PetscInt_FMT " must be > 0", nev);
  PetscCall(PetscOptionsInt("-kmc_bench_warmup", "Untimed events per case", "MfKmcBenchmark", warm, &warm, NULL));
  PetscCall(PetscOptionsReal("-kmc_bench_T", "Temperature (K)", "MfKmcBenchmark", T, &T, NULL));
  PetscCall(PetscOptionsReal("-kmc_bench_E", "Field along z (V/m)", "MfKmcBenchmark", E, &E, NULL));
  PetscOptionsEnd();

  PetscCall(PetscPrintf(comm, "KMC benchmark: vacancy hopping (Ea %g eV, nu %g Hz, z = %g, %s barrier, Omega %g m^3), T = %g K, E_z = %g V/m, periodic simple cubic\n", (double)(hp.Ea_J / MF_E_C), (double)hp.nu_Hz, (double)hp.z, MfKmcBarrierShapes[hp.shape], (double)hp.activation_volume_m3, (double)T, (double)E));
  PetscCall(PetscPrintf(comm, "%8s %10s %6s %8s %10s %10s %12s %12s %10s\n", "n^3", "sites", "occ", "selector", "vacancies", "events", "events/s", "ev/s (CPU)", "ns/ev(CPU)"));
  for (PetscInt a = 0; a < nn; a++)
    for (PetscInt b = 0; b < nocc; b++)
      for (PetscInt c = 0; c < nsel; c++) {
        const PetscInt  n[3] = {nlist[a], nlist[a], nlist[a]};
        const PetscBool per[3] = {PETSC_TRUE, PETSC_TRUE, PETSC_TRUE};
        MfKmcLattice    lat;
        MfKmc           kmc;
        MfKmcSiteFields f;
        MfKmcWindowStats ws;
        PetscInt        placed;

        PetscCall(MfKmcLatticeCreateSimpleCubic(comm, n, 0.25e-9, per, &lat));
        PetscCall(MfKmcCreate(comm, &kmc));
        PetscCall(MfKmcSetLattice(kmc, lat));
        PetscCall(MfKmcLatticeDestroy(&lat));
        PetscCall(MfKmcSetMechanismHop(kmc, &hp));
        PetscCall(MfKmcSetSelector(kmc, (MfKmcSelectorType)sel[c]));
        PetscCall(MfKmcSetSeed(kmc, 12345, 0));
        PetscCall(MfKmcSetUp(kmc));
        PetscCall(PetscMemzero(&f, sizeof(f)));
        f.T_K          = T;
        f.E_V_per_m[2] = E;
        PetscCall(MfKmcSetUniformFields(kmc, &f));
        PetscCall(MfKmcFillRandom(kmc, 0, 1, occ[b], &placed));
        if (warm > 0) PetscCall(MfKmcRun(kmc, 0.0, warm, &ws));
        const double t0 = MPI_Wtime(), c0 = CpuSeconds();
        PetscCall(MfKmcRun(kmc, 0.0, nev, &ws));
        const double t1 = MPI_Wtime(), c1 = CpuSeconds();
        PetscCall(PetscPrintf(comm, "%5" PetscInt_FMT "^3 %10" PetscInt_FMT " %6.3f %8s %10" PetscInt_FMT " %10" PetscInt64_FMT " %12.4e %12.4e %10.1f\n", nlist[a], n[0] * n[1] * n[2], (double)occ[b], MfKmcSelectorTypes[sel[c]], placed, ws.nevents, ws.nevents / (t1 - t0), ws.nevents / (c1 - c0), 1e9 * (c1 - c0) / (double)ws.nevents));
        PetscCall(MfKmcDestroy(&kmc));
      }
  PetscFunctionReturn(0);
}
