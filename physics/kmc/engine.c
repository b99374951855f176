/* KMC engine: object lifecycle, options, RNG streams, frozen-field windows and local rate updates.
 * Residence-time algorithm (Bortz, Kalos & Lebowitz 1975; Gillespie 1976): with total rate R, the time
 * to the next event is -ln(u)/R, u uniform on (0,1], and the event is chosen with probability rate/R. */
#include "kmc_impl.h"
#include "mf_keys.h"
#include <math.h>
#include <gsl/gsl_errno.h>

const char *const MfKmcSelectorTypes[] = {"tree", "cr", "linear", "MfKmcSelectorType", "MF_KMC_SELECTOR_", NULL};
const char *const MfKmcEventKinds[]    = {"hop", "create", "annihilate", "react", "capture", "emit", "flip", "MfKmcEventKind", "MF_KMC_EVENT_", NULL};

static PetscLogEvent MF_KMC_Run, MF_KMC_Rebuild;

static inline void NzSet(uint64_t *nz, PetscInt i, PetscBool v);
static PetscBool     MfKmcPackageInitialized = PETSC_FALSE;

static PetscErrorCode MfKmcFinalizePackage(void)
{
  PetscFunctionBeginUser;
  MfKmcPackageInitialized = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* PETSc's package idiom: register the log events once per PetscInitialize. */
static PetscErrorCode MfKmcInitializePackage(void)
{
  PetscClassId id;

  PetscFunctionBeginUser;
  if (MfKmcPackageInitialized) PetscFunctionReturn(0);
  MfKmcPackageInitialized = PETSC_TRUE;
  PetscCall(PetscClassIdRegister("MfKmc", &id));
  PetscCall(PetscLogEventRegister("MfKmcRun", id, &MF_KMC_Run));
  PetscCall(PetscLogEventRegister("MfKmcRebuild", id, &MF_KMC_Rebuild));
  PetscCall(PetscRegisterFinalize(MfKmcFinalizePackage));
  PetscFunctionReturn(0);
}

unsigned long MfKmcStreamSeed(unsigned long seed, PetscInt member)
{
  /* splitmix64 finaliser (Steele, Lea & Flood, OOPSLA 2014): consecutive members get decorrelated seeds */
  uint64_t z = (uint64_t)seed + ((uint64_t)member + 1) * 0x9E3779B97F4A7C15ULL;
  z          = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z          = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return (unsigned long)((z ^ (z >> 32)) & 0xFFFFFFFFULL);
}

static const gsl_rng_type *RngTypeFromName(const char *name)
{
  if (!strcmp(name, "mt19937")) return gsl_rng_mt19937;
  if (!strcmp(name, "ranlxd2")) return gsl_rng_ranlxd2;
  if (!strcmp(name, "taus2")) return gsl_rng_taus2;
  return NULL;
}

PetscErrorCode MfKmcCreate(MPI_Comm comm, MfKmc *kmc)
{
  MfKmc k;

  PetscFunctionBeginUser;
  PetscCall(MfKmcInitializePackage());
  gsl_set_error_handler_off();
  PetscCall(PetscNew(&k));
  k->comm    = comm;
  k->seltype = MF_KMC_SELECTOR_TREE;
  k->seed    = 1UL; /* the schema default of kmc_seed */
  PetscCall(PetscStrncpy(k->rngname, "mt19937", sizeof(k->rngname)));
  k->st.uniform.T_K = 300.0;
  /* acceleration defaults (accel.c): a pair executed >= 100 times in 2000 events with <= 10 % imbalance is
   * scaled until it runs 100x as often as the rest together (1 % rate error of the slow events) */
  k->accel_stage = 2000;
  k->accel_ne    = 100;
  k->accel_delta = 0.1;
  k->accel_sep   = 100.0;
  k->accel_min   = 1e-12;
  *kmc           = k;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetLattice(MfKmc kmc, MfKmcLattice lat)
{
  PetscFunctionBeginUser;
  PetscCheck(!kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: set the lattice before MfKmcSetUp");
  PetscCall(MfKmcLatticeReference(lat));
  PetscCall(MfKmcLatticeDestroy(&kmc->lat));
  kmc->lat = lat;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetLattice(MfKmc kmc, MfKmcLattice *lat)
{
  PetscFunctionBeginUser;
  *lat = kmc->lat;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetMechanism(MfKmc kmc, const MfKmcMechanismOps *ops, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCheck(!kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: set the mechanism before MfKmcSetUp");
  PetscCheck(ops->site_propensity && ops->site_event, kmc->comm, PETSC_ERR_ARG_NULL, "KMC mechanism '%s' lacks site_propensity or site_event", ops->name ? ops->name : "?");
  PetscCheck(ops->max_events_per_site > 0 && ops->nevent_types > 0 && ops->nspecies > 0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC mechanism '%s': needs >= 1 species, event type and slot per site", ops->name);
  PetscCheck(ops->nspecies <= MF_KMC_MAX_SPECIES, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC mechanism '%s': %" PetscInt_FMT " species, at most %d supported", ops->name, ops->nspecies, MF_KMC_MAX_SPECIES);
  PetscCheck(ops->influence_shells >= 0 && ops->naux >= 0 && ops->nglobal >= 0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC mechanism '%s': negative influence_shells, naux or nglobal", ops->name);
  if (kmc->has_mech && kmc->ops.destroy) PetscCall(kmc->ops.destroy(kmc->mctx));
  kmc->ops      = *ops;
  kmc->mctx     = ctx;
  kmc->has_mech = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetSelector(MfKmc kmc, MfKmcSelectorType type)
{
  PetscFunctionBeginUser;
  PetscCheck(!kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: choose the selector before MfKmcSetUp");
  kmc->seltype = type;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetSeed(MfKmc kmc, unsigned long seed, PetscInt member)
{
  PetscFunctionBeginUser;
  PetscCheck(member >= 0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: ensemble member %" PetscInt_FMT " must be >= 0", member);
  kmc->seed   = seed;
  kmc->member = member;
  if (kmc->rng) gsl_rng_set(kmc->rng, MfKmcStreamSeed(seed, member));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetFromOptions(MfKmc kmc)
{
  PetscInt  seed = (PetscInt)kmc->seed, member = kmc->member;
  PetscEnum sel  = (PetscEnum)kmc->seltype;
  char      rng[32];
  PetscBool set;

  PetscFunctionBeginUser;
  PetscCall(PetscStrncpy(rng, kmc->rngname, sizeof(rng)));
  PetscOptionsBegin(kmc->comm, NULL, "Kinetic Monte Carlo engine", "MfKmc");
  PetscCall(PetscOptionsEnum("-kmc_selector", "Event selection: tree (O(log N)), cr (composition-rejection, O(1)), linear (reference)", "MfKmcSetSelector", MfKmcSelectorTypes, sel, &sel, NULL));
  PetscCall(PetscOptionsInt("-kmc_seed", "Deck seed of the random streams", "MfKmcSetSeed", seed, &seed, NULL));
  PetscCall(PetscOptionsInt("-kmc_member", "Ensemble member index (independent stream)", "MfKmcSetSeed", member, &member, NULL));
  PetscCall(PetscOptionsString("-kmc_rng", "GSL generator: mt19937, ranlxd2, taus2", "MfKmcSetFromOptions", rng, rng, sizeof(rng), &set));
  PetscCall(PetscOptionsBool("-kmc_accelerate", "Scale down the rates of quasi-equilibrated pairs of event types (stiff KMC; accel.c)", "MfKmcRun", kmc->accel, &kmc->accel, NULL));
  PetscCall(PetscOptionsInt("-kmc_accel_stage", "Acceleration: events per stage", "MfKmcRun", kmc->accel_stage, &kmc->accel_stage, NULL));
  PetscCall(PetscOptionsInt("-kmc_accel_ne", "Acceleration: executions per stage that make a pair fast", "MfKmcRun", kmc->accel_ne, &kmc->accel_ne, NULL));
  PetscCall(PetscOptionsReal("-kmc_accel_delta", "Acceleration: largest imbalance |n_f - n_r|/(n_f + n_r) of a quasi-equilibrated pair", "MfKmcRun", kmc->accel_delta, &kmc->accel_delta, NULL));
  PetscCall(PetscOptionsReal("-kmc_accel_separation", "Acceleration: a scaled pair stays this many times more frequent than the other events", "MfKmcRun", kmc->accel_sep, &kmc->accel_sep, NULL));
  PetscCall(PetscOptionsReal("-kmc_accel_min_scale", "Acceleration: smallest scale factor", "MfKmcRun", kmc->accel_min, &kmc->accel_min, NULL));
  PetscCall(PetscOptionsInt("-kmc_check_every", "Debug: verify stored rates against recomputation every n events (0 = never)", "MfKmcCheckRates", kmc->check_every, &kmc->check_every, NULL));
  PetscOptionsEnd();
  { /* the deck keys among these options (kmc_keys.c): read here, through PETSc */
    static const char *const keys[] = {"kmc_seed", "kmc_accelerate", "kmc_accel_stage", "kmc_accel_ne", "kmc_accel_delta", "kmc_accel_separation", "kmc_accel_min_scale"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) PetscCall(MfKeysMarkRead(keys[i]));
  }
  PetscCheck(RngTypeFromName(rng), kmc->comm, PETSC_ERR_ARG_UNKNOWN_TYPE, "KMC: -kmc_rng '%s' is not one of mt19937, ranlxd2, taus2", rng);
  PetscCheck(seed >= 0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: -kmc_seed %" PetscInt_FMT " must be >= 0", seed);
  PetscCheck(!kmc->setup || (MfKmcSelectorType)sel == kmc->seltype, kmc->comm, PETSC_ERR_ORDER, "KMC: -kmc_selector must be given before MfKmcSetUp");
  kmc->seltype = (MfKmcSelectorType)sel;
  PetscCall(PetscStrncpy(kmc->rngname, rng, sizeof(kmc->rngname)));
  PetscCall(MfKmcSetSeed(kmc, (unsigned long)seed, member));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetUp(MfKmc kmc)
{
  PetscFunctionBeginUser;
  if (kmc->setup) PetscFunctionReturn(0);
  PetscCheck(kmc->lat, kmc->comm, PETSC_ERR_ORDER, "KMC: MfKmcSetLattice must come before MfKmcSetUp");
  PetscCheck(kmc->has_mech, kmc->comm, PETSC_ERR_ORDER, "KMC: MfKmcSetMechanism must come before MfKmcSetUp");
  const PetscInt n = kmc->lat->nsites;
  kmc->rng         = gsl_rng_alloc(RngTypeFromName(kmc->rngname));
  PetscCheck(kmc->rng, kmc->comm, PETSC_ERR_MEM, "KMC: gsl_rng_alloc(%s) failed", kmc->rngname);
  /* MfKmcUniform53 needs full 32-bit outputs */
  PetscCheck(gsl_rng_min(kmc->rng) == 0 && gsl_rng_max(kmc->rng) == 0xFFFFFFFFUL, kmc->comm, PETSC_ERR_SUP, "KMC: generator %s does not produce 32-bit integers", kmc->rngname);
  gsl_rng_set(kmc->rng, MfKmcStreamSeed(kmc->seed, kmc->member));
  kmc->st.lat  = kmc->lat;
  kmc->st.naux = kmc->ops.naux;
  PetscCall(PetscCalloc1(n, &kmc->st.species));
  if (kmc->ops.naux) PetscCall(PetscCalloc1((size_t)n * kmc->ops.naux, &kmc->st.aux));
  if (kmc->ops.nglobal) PetscCall(PetscCalloc1(kmc->ops.nglobal, &kmc->st.global));
  PetscCall(PetscCalloc1(kmc->ops.nevent_types, &kmc->typecount));
  PetscCall(PetscMalloc1(kmc->ops.max_events_per_site, &kmc->slot));
  PetscCall(PetscMalloc1(kmc->lat->maxnb, &kmc->nbbuf));
  PetscCall(PetscCalloc1(n, &kmc->stamp));
  PetscCall(PetscCalloc1(n, &kmc->changed_flag));
  PetscCall(PetscCalloc1(n / 64 + 1, &kmc->nz));
  kmc->capaff = 64;
  PetscCall(PetscMalloc2(kmc->capaff, &kmc->aff, kmc->capaff, &kmc->affrate));
  PetscCall(MfKmcSelectorCreate(kmc->seltype, n, &kmc->sel));
  if (kmc->ops.setup) PetscCall(kmc->ops.setup(kmc->mctx, &kmc->st));
  PetscCall(MfKmcAccelSetUp_Private(kmc));
  kmc->setup        = PETSC_TRUE;
  kmc->rates_dirty  = PETSC_TRUE;
  kmc->fields_dirty = PETSC_TRUE;
  PetscCall(PetscInfo(NULL, "KMC set up: %" PetscInt_FMT " sites, mechanism %s, selector %s, rng %s, stream seed %lu\n", n, kmc->ops.name, MfKmcSelectorTypes[kmc->seltype], kmc->rngname, MfKmcStreamSeed(kmc->seed, kmc->member)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcDestroy(MfKmc *kmc)
{
  MfKmc k = *kmc;

  PetscFunctionBeginUser;
  if (!k) PetscFunctionReturn(0);
  if (k->has_mech && k->ops.destroy) PetscCall(k->ops.destroy(k->mctx));
  if (k->rng) gsl_rng_free(k->rng);
  PetscCall(MfKmcSelectorDestroy(&k->sel));
  PetscCall(PetscFree(k->st.species));
  PetscCall(PetscFree(k->st.aux));
  PetscCall(PetscFree(k->st.global));
  PetscCall(PetscFree(k->fields_store));
  PetscCall(PetscFree(k->typecount));
  PetscCall(PetscFree(k->slot));
  PetscCall(PetscFree(k->nbbuf));
  PetscCall(PetscFree(k->stamp));
  PetscCall(PetscFree(k->changed_flag));
  PetscCall(PetscFree(k->nz));
  PetscCall(PetscFree(k->changed));
  PetscCall(PetscFree2(k->aff, k->affrate));
  PetscCall(MfKmcAccelDestroy_Private(k));
  PetscCall(MfKmcLatticeDestroy(&k->lat));
  PetscCall(PetscFree(*kmc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcView(MfKmc kmc, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(kmc->comm, &viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "MfKmc: mechanism %s, selector %s, rng %s (seed %lu, member %" PetscInt_FMT ")\n", kmc->has_mech ? kmc->ops.name : "(none)", MfKmcSelectorTypes[kmc->seltype], kmc->rngname, kmc->seed, kmc->member));
  if (kmc->lat) PetscCall(PetscViewerASCIIPrintf(viewer, "  lattice: %" PetscInt_FMT " sites, coordination <= %" PetscInt_FMT "\n", kmc->lat->nsites, kmc->lat->maxnb));
  if (kmc->setup) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  time %.9e s, %" PetscInt64_FMT " events, total rate %.6e 1/s\n", (double)kmc->time_s, kmc->nevents, (double)MfKmcSelectorTotal(kmc->sel)));
    for (PetscInt t = 0; t < kmc->ops.nevent_types; t++) PetscCall(PetscViewerASCIIPrintf(viewer, "    %-16s (%s): %" PetscInt64_FMT "\n", kmc->ops.event_names[t], MfKmcEventKinds[kmc->ops.event_kinds[t]], kmc->typecount[t]));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetState(MfKmc kmc, MfKmcState **st)
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp before MfKmcGetState");
  *st = &kmc->st;
  PetscFunctionReturn(0);
}

/* Total rate of `site` (slot rates in kmc->slot when the site is active), with the acceleration's scales. */
static inline PetscErrorCode SiteRate(MfKmc kmc, PetscInt site, PetscReal *r)
{
  if (kmc->ops.species_active && !kmc->ops.species_active[kmc->st.species[site]]) {
    *r = 0.0;
    return 0;
  }
  PetscCall(kmc->ops.site_propensity(kmc->mctx, &kmc->st, site, kmc->slot, r));
  if (kmc->scaled && *r > 0.0) PetscCall(MfKmcAccelScaleSlots_Private(kmc, site, r));
  return 0;
}

PetscErrorCode MfKmcRebuildRates_Private(MfKmc kmc)
{
  const PetscInt n = kmc->lat->nsites;
  PetscReal     *all;

  PetscFunctionBeginUser;
  PetscCall(PetscLogEventBegin(MF_KMC_Rebuild, 0, 0, 0, 0));
  if (kmc->fields_dirty && kmc->ops.fields_changed) PetscCall(kmc->ops.fields_changed(kmc->mctx, &kmc->st));
  kmc->fields_dirty = PETSC_FALSE;
  PetscCall(PetscMalloc1(n, &all));
  for (PetscInt i = 0; i < n; i++) {
    PetscCall(SiteRate(kmc, i, &all[i]));
    NzSet(kmc->nz, i, (PetscBool)(all[i] != 0.0));
  }
  PetscCall(MfKmcSelectorSetAll(kmc->sel, all));
  PetscCall(PetscFree(all));
  kmc->rates_dirty = PETSC_FALSE;
  PetscCall(PetscLogEventEnd(MF_KMC_Rebuild, 0, 0, 0, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode AffReserve(MfKmc kmc, PetscInt need)
{
  PetscFunctionBeginUser;
  if (need <= kmc->capaff) PetscFunctionReturn(0);
  PetscInt   cap = 2 * need, *a;
  PetscReal *r;
  PetscCall(PetscMalloc2(cap, &a, cap, &r));
  PetscCall(PetscArraycpy(a, kmc->aff, kmc->naff));
  PetscCall(PetscFree2(kmc->aff, kmc->affrate));
  kmc->aff     = a;
  kmc->affrate = r;
  kmc->capaff  = cap;
  PetscFunctionReturn(0);
}

static inline PetscBool NzGet(const uint64_t *nz, PetscInt i)
{
  return (PetscBool)((nz[i >> 6] >> (i & 63)) & 1);
}
static inline void NzSet(uint64_t *nz, PetscInt i, PetscBool v)
{
  if (v) nz[i >> 6] |= (uint64_t)1 << (i & 63);
  else nz[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Recompute the rates of the modified sites and of their neighbours up to influence_shells, and pass
 * the ones that changed to the selector.
 * Cost matters here (it runs once per event): the candidate list of the first shell is not
 * de-duplicated (a repeated site only costs one more propensity call; the short list of changed rates
 * is de-duplicated instead); deeper shells use per-site stamps. A bit per site records whether the stored
 * rate is nonzero, so sites that have and keep rate 0 never touch the selector's memory. */
static PetscErrorCode UpdateLocal(MfKmc kmc, PetscInt nmod, const PetscInt mod[])
{
  const MfKmcLattice lat = kmc->lat;
  const PetscInt     maxnb = lat->maxnb, shells = kmc->ops.influence_shells;

  PetscFunctionBeginUser;
  kmc->naff = 0;
  PetscCall(AffReserve(kmc, nmod * (1 + maxnb)));
  for (PetscInt i = 0; i < nmod; i++) {
    PetscCheck(mod[i] >= 0 && mod[i] < lat->nsites, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s' reported modified site %" PetscInt_FMT " outside the lattice", kmc->ops.name, mod[i]);
    kmc->aff[kmc->naff++] = mod[i];
  }
  if (shells == 1) {
    for (PetscInt i = 0; i < nmod; i++) {
      const PetscInt *nb = MfKmcLatticeNeighbors(lat, mod[i], kmc->nbbuf);
      for (PetscInt k = 0; k < maxnb; k++) {
        PetscBool seen = (PetscBool)(nb[k] < 0);
        for (PetscInt q = 0; q < nmod && !seen; q++) seen = (PetscBool)(nb[k] == mod[q]); /* e.g. the hop partner */
        if (!seen) kmc->aff[kmc->naff++] = nb[k];
      }
    }
  } else if (shells > 1) {
    if (++kmc->stampval == 0) { /* wrap-around: clear the stamps */
      PetscCall(PetscArrayzero(kmc->stamp, lat->nsites));
      kmc->stampval = 1;
    }
    PetscInt w = 0;
    for (PetscInt i = 0; i < kmc->naff; i++)
      if (kmc->stamp[kmc->aff[i]] != kmc->stampval) {
        kmc->stamp[kmc->aff[i]] = kmc->stampval;
        kmc->aff[w++]           = kmc->aff[i];
      }
    kmc->naff      = w;
    PetscInt begin = 0;
    for (PetscInt shell = 0; shell < shells; shell++) {
      const PetscInt end = kmc->naff;
      PetscCall(AffReserve(kmc, end + (end - begin) * maxnb));
      for (PetscInt a = begin; a < end; a++) {
        const PetscInt *nb = MfKmcLatticeNeighbors(lat, kmc->aff[a], kmc->nbbuf);
        for (PetscInt k = 0; k < maxnb; k++)
          if (nb[k] >= 0 && kmc->stamp[nb[k]] != kmc->stampval) {
            kmc->stamp[nb[k]]     = kmc->stampval;
            kmc->aff[kmc->naff++] = nb[k];
          }
      }
      begin = end;
    }
  }
  PetscInt m = 0;
  for (PetscInt a = 0; a < kmc->naff; a++) {
    const PetscInt site = kmc->aff[a];
    PetscReal      r;
    PetscCall(SiteRate(kmc, site, &r));
    if (r == 0.0 && !NzGet(kmc->nz, site)) continue;
    if (r != MfKmcSelectorRate(kmc->sel, site)) {
      PetscBool dup = PETSC_FALSE;
      for (PetscInt q = 0; q < m; q++) dup = (PetscBool)(dup || kmc->aff[q] == site);
      if (dup) continue;
      NzSet(kmc->nz, site, (PetscBool)(r != 0.0));
      kmc->aff[m]       = site; /* m <= a: compacting in place is safe */
      kmc->affrate[m++] = r;
    }
  }
  if (m) PetscCall(MfKmcSelectorUpdate(kmc->sel, m, kmc->aff, kmc->affrate));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSitesChanged(MfKmc kmc, PetscInt n, const PetscInt sites[])
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp first");
  if (n < 0 || kmc->rates_dirty) kmc->rates_dirty = PETSC_TRUE;
  else PetscCall(UpdateLocal(kmc, n, sites));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcFillRandom(MfKmc kmc, PetscInt from, PetscInt to, PetscReal fraction, PetscInt *nplaced)
{
  PetscInt placed = 0;

  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp before MfKmcFillRandom");
  PetscCheck(fraction >= 0.0 && fraction <= 1.0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: fill fraction %g outside [0, 1]", (double)fraction);
  PetscCheck(from >= 0 && from < kmc->ops.nspecies && to >= 0 && to < kmc->ops.nspecies, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: species %" PetscInt_FMT " -> %" PetscInt_FMT " outside [0, %" PetscInt_FMT ")", from, to, kmc->ops.nspecies);
  for (PetscInt i = 0; i < kmc->lat->nsites; i++)
    if (kmc->st.species[i] == from && MfKmcUniform53(kmc->rng) < fraction) {
      kmc->st.species[i] = (MfKmcSpecies)to;
      placed++;
    }
  kmc->rates_dirty = PETSC_TRUE;
  if (nplaced) *nplaced = placed;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetUniformFields(MfKmc kmc, const MfKmcSiteFields *f)
{
  PetscFunctionBeginUser;
  PetscCheck(f->T_K > 0.0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: uniform field temperature %g K must be > 0", (double)f->T_K);
  kmc->st.uniform = *f;
  kmc->st.fields  = NULL;
  PetscCall(PetscFree(kmc->fields_store));
  kmc->fields_dirty = PETSC_TRUE;
  kmc->rates_dirty  = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetSiteFields(MfKmc kmc, PetscInt nsites, const MfKmcSiteFields f[])
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->lat, kmc->comm, PETSC_ERR_ORDER, "KMC: set the lattice before the site fields");
  PetscCheck(nsites == kmc->lat->nsites, kmc->comm, PETSC_ERR_ARG_SIZ, "KMC: %" PetscInt_FMT " field records given for a lattice of %" PetscInt_FMT " sites", nsites, kmc->lat->nsites);
  for (PetscInt i = 0; i < nsites; i++) PetscCheck(f[i].T_K > 0.0, kmc->comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC: temperature %g K at site %" PetscInt_FMT " must be > 0", (double)f[i].T_K, i);
  if (!kmc->fields_store) PetscCall(PetscMalloc1(nsites, &kmc->fields_store));
  PetscCall(PetscArraycpy(kmc->fields_store, f, nsites));
  kmc->st.fields    = kmc->fields_store;
  kmc->fields_dirty = PETSC_TRUE;
  kmc->rates_dirty  = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetEventMonitor(MfKmc kmc, MfKmcEventMonitor fn, void *ctx)
{
  PetscFunctionBeginUser;
  kmc->monitor = fn;
  kmc->monctx  = ctx;
  PetscFunctionReturn(0);
}

static PetscErrorCode RecordChanged(MfKmc kmc, const MfKmcEventRecord *rec)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < rec->nmodified; i++) {
    const PetscInt s = rec->modified[i];
    if (kmc->changed_flag[s]) continue;
    if (kmc->nchanged == kmc->capchanged) {
      PetscInt *c, cap = kmc->capchanged ? 2 * kmc->capchanged : 256;
      PetscCall(PetscMalloc1(cap, &c));
      if (kmc->nchanged) PetscCall(PetscArraycpy(c, kmc->changed, kmc->nchanged));
      PetscCall(PetscFree(kmc->changed));
      kmc->changed    = c;
      kmc->capchanged = cap;
    }
    kmc->changed_flag[s]          = 1;
    kmc->changed[kmc->nchanged++] = s;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcRun(MfKmc kmc, PetscReal dt_s, PetscInt64 max_events, MfKmcWindowStats *stats)
{
  MfKmcWindowStats ws;
  const PetscReal  t_start = kmc->time_s, t_end = kmc->time_s + dt_s;
  const PetscInt   nslot = kmc->ops.max_events_per_site;

  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp before MfKmcRun");
  PetscCall(PetscMemzero(&ws, sizeof(ws)));
  PetscCall(PetscLogEventBegin(MF_KMC_Run, 0, 0, 0, 0));
  if (kmc->rates_dirty || kmc->fields_dirty) PetscCall(MfKmcRebuildRates_Private(kmc));
  for (;;) {
    if (kmc->rates_dirty) PetscCall(MfKmcRebuildRates_Private(kmc)); /* the acceleration changed its scales */
    if (max_events > 0 && ws.nevents >= max_events) {
      ws.reason = MF_KMC_STOP_EVENTS;
      break;
    }
    const PetscReal R = MfKmcSelectorTotal(kmc->sel);
    if (!(R > 0.0)) {
      if (dt_s > 0.0) kmc->time_s = t_end; /* nothing can happen: the window passes */
      ws.reason = MF_KMC_STOP_ABSORBING;
      break;
    }
    const PetscReal tau = -log(1.0 - MfKmcUniform53(kmc->rng)) / R;
    if (dt_s > 0.0 && kmc->time_s + tau > t_end) {
      kmc->time_s = t_end; /* memoryless: discarding the draw at the window end is exact */
      ws.reason   = MF_KMC_STOP_TIME;
      break;
    }
    kmc->time_s += tau;
    kmc->st.time_s = kmc->time_s;

    PetscInt  site, slot = -1;
    PetscReal x;
    PetscCall(MfKmcSelectorSelect(kmc->sel, kmc->rng, &site, &x));
    /* the leftover x is uniform on [0, rate(site)): it chooses the slot without a new draw */
    PetscReal rsite;
    PetscCall(SiteRate(kmc, site, &rsite));
    PetscCheck(rsite > 0.0, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s': site %" PetscInt_FMT " was selected with stored rate %g but now recomputes to %g (its influence_shells or species_active is wrong)", kmc->ops.name, site, (double)MfKmcSelectorRate(kmc->sel, site), (double)rsite);
    for (PetscInt s = 0; s < nslot; s++) {
      if (kmc->slot[s] <= 0.0) continue;
      slot = s;
      if (x < kmc->slot[s]) break;
      x -= kmc->slot[s];
    }
    PetscCheck(slot >= 0, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s': site %" PetscInt_FMT " was selected with stored rate %g but now has no event (its influence_shells is too small)", kmc->ops.name, site, (double)MfKmcSelectorRate(kmc->sel, site));

    MfKmcEventRecord rec;
    rec.type      = -1;
    rec.nmodified = 0;
    for (PetscInt d = 0; d < 3; d++) rec.charge_displacement_Cm[d] = 0.0;
    rec.charge_to_electrode_C[0] = rec.charge_to_electrode_C[1] = 0.0;
    PetscCall(kmc->ops.site_event(kmc->mctx, &kmc->st, site, slot, &rec));
    PetscCheck(rec.type >= 0 && rec.type < kmc->ops.nevent_types, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s' returned event type %" PetscInt_FMT " outside [0, %" PetscInt_FMT ")", kmc->ops.name, rec.type, kmc->ops.nevent_types);
    PetscCheck(rec.nmodified >= 0 && rec.nmodified <= MF_KMC_MAX_MODIFIED, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s' modified %" PetscInt_FMT " sites (max %d)", kmc->ops.name, rec.nmodified, MF_KMC_MAX_MODIFIED);
    kmc->typecount[rec.type]++;
    kmc->nevents++;
    ws.nevents++;
    for (PetscInt d = 0; d < 3; d++) ws.charge_displacement_Cm[d] += rec.charge_displacement_Cm[d];
    ws.charge_to_electrode_C[0] += rec.charge_to_electrode_C[0];
    ws.charge_to_electrode_C[1] += rec.charge_to_electrode_C[1];
    if (rec.nmodified) {
      PetscCall(RecordChanged(kmc, &rec));
      PetscCall(UpdateLocal(kmc, rec.nmodified, rec.modified));
    }
    if (kmc->monitor) PetscCall(kmc->monitor(kmc->monctx, &kmc->st, site, slot, &rec, tau, kmc->time_s));
    if (kmc->accel) PetscCall(MfKmcAccelRecord_Private(kmc, rec.type));
    if (kmc->check_every > 0 && kmc->nevents % kmc->check_every == 0) PetscCall(MfKmcCheckRates(kmc));
  }
  ws.dt_s = kmc->time_s - t_start;
  PetscCall(PetscLogEventEnd(MF_KMC_Run, 0, 0, 0, 0));
  if (stats) *stats = ws;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetTime(MfKmc kmc, PetscReal *t_s)
{
  PetscFunctionBeginUser;
  *t_s = kmc->time_s;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetTotalRate(MfKmc kmc, PetscReal *rate_per_s)
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp first");
  if (kmc->rates_dirty || kmc->fields_dirty) PetscCall(MfKmcRebuildRates_Private(kmc));
  *rate_per_s = MfKmcSelectorTotal(kmc->sel);
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetEventCount(MfKmc kmc, PetscInt64 *nevents)
{
  PetscFunctionBeginUser;
  *nevents = kmc->nevents;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetEventTypeCounts(MfKmc kmc, PetscInt *ntypes, const PetscInt64 **counts)
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp first");
  *ntypes = kmc->ops.nevent_types;
  *counts = kmc->typecount;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcGetChangedSites(MfKmc kmc, PetscInt *n, const PetscInt **sites)
{
  PetscFunctionBeginUser;
  *n     = kmc->nchanged;
  *sites = kmc->changed;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcClearChangedSites(MfKmc kmc)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < kmc->nchanged; i++) kmc->changed_flag[kmc->changed[i]] = 0;
  kmc->nchanged = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcCheckRates(MfKmc kmc)
{
  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp first");
  if (kmc->rates_dirty || kmc->fields_dirty) PetscFunctionReturn(0); /* will be rebuilt anyway */
  for (PetscInt i = 0; i < kmc->lat->nsites; i++) {
    PetscReal r;
    PetscCall(SiteRate(kmc, i, &r));
    const PetscReal s = MfKmcSelectorRate(kmc->sel, i);
    PetscCheck(r == s, kmc->comm, PETSC_ERR_PLIB, "KMC mechanism '%s': site %" PetscInt_FMT " has stored rate %.17g but recomputes to %.17g after %" PetscInt64_FMT " events: an event changed a site beyond influence_shells = %" PetscInt_FMT " or the propensity is not a pure function of the state", kmc->ops.name, i, (double)s, (double)r, kmc->nevents, kmc->ops.influence_shells);
  }
  PetscFunctionReturn(0);
}
