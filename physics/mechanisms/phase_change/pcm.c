/* Phase-change engine plug-in: the Gillespie cellular automaton (GCA) of Ashwin, Bhattacharya & Wright as used
 * by Wang et al. (arXiv 2107.02035) on the KMC engine's lattice.
 *
 * State per site: species amorphous / crystalline; aux = grain id (0 = amorphous) and orientation phi.
 * Events of a site i with N_nb existing neighbours (6 on the simple-cubic lattice in 3D, 4 in 2D where n_y = 1;
 * fewer on an open boundary, which acts as a neutral wall), with the GCA probabilities of pcm_rates.c at the
 * site's temperature T = MfKmcStateFields(st, i)->T_K:
 *   slot k < maxnb  growth      i amorphous, neighbour k crystalline: rate P_gr; i joins the neighbour's grain
 *                               (one slot per neighbour, so the grain taken needs no random number; the total
 *                               is the recipe's N_cr P_gr)
 *   slot maxnb      nucleation  i amorphous: rate s_nu N_am P_nu (N_am amorphous neighbours; s_nu =
 *                               kmc_pcm_nucleation_scale, 1 = the GCA); i becomes a new grain
 *                   dissociation i crystalline: rate (N_nb - N_same) P_di (N_same neighbours of its grain);
 *                               i becomes amorphous
 *                   melting     i crystalline and T >= T_m: rate nu_melt (kmc_pcm_melt_rate); i becomes
 *                               amorphous (molten)
 * The recipe's "8" (the Moore neighbourhood of its square lattice) is the coordination N_nb here: with it a
 * crystalline site inside its grain never dissociates and a flat {100} front advances at D (P_gr - P_di) =
 * D P_gr (1 - exp(-dg/kT)), the Wilson-Frenkel law of the recipe's textbook form (a front site has one
 * crystalline neighbour, a surface crystalline site one unlike neighbour). Keeping 8 on a 6-neighbour lattice
 * would make every buried crystalline site dissociate at 2 P_di.
 * At T >= T_m no crystal is stable: P_nu = 0 (recipe), growth and dissociation are off, and a crystalline site
 * melts at nu_melt (default 1e13 Hz, a phonon attempt frequency: melting is limited by the heat supply, which the
 * FE temperature carries, not by the automaton). Below T_m an amorphous site is a supercooled liquid
 * (T >= T_glass) or a glass, told apart only by the viscosity law, so no liquid species is needed: it stays
 * amorphous when the quench outruns growth because P_gr(eta(T)) collapses with the viscosity.
 * Orientation: a nucleated grain gets the id n+1 (n = grains so far, the engine's global, checkpointed) and
 * phi = pi frac((n+1) (sqrt 5 - 1)/2) (golden-ratio sequence: equidistributed, deterministic, distinct for every
 * grain); the recipe's random phi of an amorphous site matters only when it nucleates, so drawing it at
 * nucleation is the same model. Dissociation and melting clear the id. No random number outside the engine. */
#include <math.h>
#include "mf_phase_change.h"
#include "mf_kmc_rates.h"

static const char *const     PcmSpecies[MF_PCM_NSPECIES]  = {"amorphous", "crystalline"};
static const char *const     PcmEvents[MF_PCM_NUM_EVENTS] = {"nucleation", "growth", "dissociation", "melting"};
static const MfKmcEventKind PcmKinds[MF_PCM_NUM_EVENTS]  = {MF_KMC_EVENT_FLIP, MF_KMC_EVENT_FLIP, MF_KMC_EVENT_FLIP, MF_KMC_EVENT_FLIP};

/* Per-temperature rates of a site: nucleation (with s_nu), growth, dissociation, melting. */
enum { R_NU, R_GR, R_DI, R_MELT, R_NUM };

typedef struct {
  MfPcmParams p;
  PetscInt    maxnb;
  PetscReal   uniform[R_NUM]; /* the rates at the uniform fields */
  PetscReal  *site;           /* nsites * R_NUM with per-site fields (NULL until needed) */
  PetscInt    nsites;
} PcmCtx;

static PetscErrorCode PcmRatesOfT(const MfPcmParams *p, PetscReal T_K, PetscReal r[R_NUM])
{
  MfPcmRates g;

  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < R_NUM; k++) r[k] = 0.0;
  if (!(T_K > 0.0)) PetscFunctionReturn(0); /* no fields yet: nothing is thermally activated */
  if (T_K >= p->T_m_K) {
    r[R_MELT] = p->melt_rate_Hz;
    PetscFunctionReturn(0);
  }
  PetscCall(MfPcmRatesAt(p, T_K, &g));
  r[R_NU] = p->nucleation_scale * g.P_nu;
  r[R_GR] = g.P_gr;
  r[R_DI] = g.P_di;
  PetscFunctionReturn(0);
}

/* New frozen fields: the rates depend on the site's T only, so they are evaluated once per window. */
static PetscErrorCode PcmFieldsChanged(void *ctx, const MfKmcState *st)
{
  PcmCtx *c = (PcmCtx *)ctx;

  PetscFunctionBeginUser;
  PetscCall(PcmRatesOfT(&c->p, st->uniform.T_K, c->uniform));
  if (st->fields) {
    if (!c->site) PetscCall(PetscMalloc1((size_t)c->nsites * R_NUM, &c->site));
    for (PetscInt i = 0; i < c->nsites; i++) {
      PetscReal *r = c->site + (size_t)i * R_NUM;
      if (i > 0 && st->fields[i].T_K == st->fields[i - 1].T_K) PetscCall(PetscArraycpy(r, r - R_NUM, R_NUM)); /* sites of one FE cell share T */
      else PetscCall(PcmRatesOfT(&c->p, st->fields[i].T_K, r));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  const PcmCtx    *c = (const PcmCtx *)ctx;
  const PetscReal *R = st->fields ? c->site + (size_t)site * R_NUM : c->uniform;
  PetscInt         buf[MF_PCM_MAXNB], nnb = 0, nam = 0, nsame = 0;
  const PetscInt  *nb  = MfKmcLatticeNeighbors(st->lat, site, buf);
  const PetscBool  cry = (PetscBool)(st->species[site] == MF_PCM_CRYSTALLINE);
  const PetscReal  g   = st->aux[(size_t)site * MF_PCM_NAUX + MF_PCM_AUX_GRAIN];
  PetscReal        sum = 0.0, r;

  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < c->maxnb; k++) {
    const PetscInt j = nb[k];
    r                = 0.0;
    if (j >= 0) {
      const PetscBool jc = (PetscBool)(st->species[j] == MF_PCM_CRYSTALLINE);
      nnb++;
      if (!jc) nam++;
      else if (cry && st->aux[(size_t)j * MF_PCM_NAUX + MF_PCM_AUX_GRAIN] == g) nsame++;
      if (!cry && jc) r = R[R_GR];
    }
    rate[k] = r;
    sum += r;
  }
  if (!cry) r = nam * R[R_NU];
  else if (R[R_MELT] > 0.0) r = R[R_MELT];
  else r = (nnb - nsame) * R[R_DI];
  rate[c->maxnb] = r;
  *total         = sum + r;
  PetscFunctionReturn(0);
}

/* phi of grain `id`: pi frac(id (sqrt 5 - 1)/2) */
static PetscReal PcmGrainOrientation(PetscReal id)
{
  const PetscReal x = id * 0.6180339887498949;
  return PETSC_PI * (x - PetscFloorReal(x));
}

static PetscErrorCode PcmEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  const PcmCtx *c   = (const PcmCtx *)ctx;
  PetscReal    *aux = st->aux + (size_t)site * MF_PCM_NAUX;

  PetscFunctionBeginUser;
  rec->nmodified   = 1;
  rec->modified[0] = site;
  if (slot < c->maxnb) {
    PetscInt       buf[MF_PCM_MAXNB];
    const PetscInt j = MfKmcLatticeNeighbors(st->lat, site, buf)[slot];
    PetscCheck(j >= 0 && st->species[site] == MF_PCM_AMORPHOUS && st->species[j] == MF_PCM_CRYSTALLINE, PETSC_COMM_SELF, PETSC_ERR_PLIB, "phase change: growth slot %" PetscInt_FMT " of site %" PetscInt_FMT " has no crystalline neighbour to grow from", slot, site);
    rec->type                  = MF_PCM_EVENT_GROWTH;
    st->species[site]          = MF_PCM_CRYSTALLINE;
    aux[MF_PCM_AUX_GRAIN]      = st->aux[(size_t)j * MF_PCM_NAUX + MF_PCM_AUX_GRAIN];
    aux[MF_PCM_AUX_PHI]        = st->aux[(size_t)j * MF_PCM_NAUX + MF_PCM_AUX_PHI];
  } else if (st->species[site] == MF_PCM_AMORPHOUS) {
    rec->type             = MF_PCM_EVENT_NUCLEATION;
    st->species[site]     = MF_PCM_CRYSTALLINE;
    st->global[0] += 1.0;
    aux[MF_PCM_AUX_GRAIN] = st->global[0];
    aux[MF_PCM_AUX_PHI]   = PcmGrainOrientation(st->global[0]);
  } else {
    const MfKmcSiteFields *f = MfKmcStateFields(st, site);
    rec->type                = f->T_K >= c->p.T_m_K ? MF_PCM_EVENT_MELTING : MF_PCM_EVENT_DISSOCIATION;
    st->species[site]        = MF_PCM_AMORPHOUS;
    aux[MF_PCM_AUX_GRAIN]    = 0.0;
    aux[MF_PCM_AUX_PHI]      = 0.0;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode PcmDestroy(void *ctx)
{
  PcmCtx *c = (PcmCtx *)ctx;

  PetscFunctionBeginUser;
  PetscCall(PetscFree(c->site));
  PetscCall(PetscFree(c));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetMechanismPcm(MfKmc kmc, const MfPcmParams *p)
{
  PcmCtx           *c;
  MfKmcMechanismOps ops;
  MfKmcLattice      lat;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetLattice(kmc, &lat));
  PetscCheck(lat, PETSC_COMM_SELF, PETSC_ERR_ORDER, "phase change: call MfKmcSetLattice before MfKmcSetMechanismPcm");
  PetscCheck(lat->maxnb <= MF_PCM_MAXNB, PETSC_COMM_SELF, PETSC_ERR_SUP, "phase change: coordination %" PetscInt_FMT " > %d not supported (the automaton runs on the simple-cubic lattice)", lat->maxnb, MF_PCM_MAXNB);
  PetscCall(PetscNew(&c));
  c->p      = *p;
  c->maxnb  = lat->maxnb;
  c->nsites = lat->nsites;
  if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) c->p.D_m = lat->a_m; /* the automaton's cell is the lattice site */
  PetscCall(MfPcmParamsCheck(&c->p));
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name                = "phase_change";
  ops.nspecies            = MF_PCM_NSPECIES;
  ops.species_names       = PcmSpecies;
  ops.nevent_types        = MF_PCM_NUM_EVENTS;
  ops.event_names         = PcmEvents;
  ops.event_kinds         = PcmKinds;
  ops.max_events_per_site = lat->maxnb + 1;
  ops.influence_shells    = 1; /* a site's rates depend on its own and its neighbours' phase and grain */
  ops.naux                = MF_PCM_NAUX;
  ops.nglobal             = 1; /* grains nucleated or seeded so far */
  ops.fields_changed      = PcmFieldsChanged;
  ops.site_propensity     = PcmPropensity;
  ops.site_event          = PcmEvent;
  ops.destroy             = PcmDestroy;
  PetscCall(MfKmcSetMechanism(kmc, &ops, c));
  PetscFunctionReturn(0);
}

PetscErrorCode MfPcmSeedGrains(MfKmc kmc, PetscReal fraction, PetscInt *nplaced)
{
  MfKmcState *st;
  PetscInt    n;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(kmc, &st));
  PetscCheck(st->naux == MF_PCM_NAUX && st->global, PETSC_COMM_SELF, PETSC_ERR_ORDER, "phase change: MfPcmSeedGrains needs the phase-change mechanism set up (MfKmcSetMechanismPcm, MfKmcSetUp)");
  PetscCall(MfKmcFillRandom(kmc, MF_PCM_AMORPHOUS, MF_PCM_CRYSTALLINE, fraction, &n));
  for (PetscInt i = 0; i < st->lat->nsites; i++) {
    PetscReal *aux = st->aux + (size_t)i * MF_PCM_NAUX;
    if (st->species[i] != MF_PCM_CRYSTALLINE || aux[MF_PCM_AUX_GRAIN] > 0.0) continue;
    st->global[0] += 1.0; /* site order: deterministic */
    aux[MF_PCM_AUX_GRAIN] = st->global[0];
    aux[MF_PCM_AUX_PHI]   = PcmGrainOrientation(st->global[0]);
  }
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  if (nplaced) *nplaced = n;
  PetscFunctionReturn(0);
}

PetscErrorCode MfPcmCount(const MfKmcState *st, PetscInt *ncrystalline, PetscInt *ngrains)
{
  PetscInt  n = 0, ng = 0;
  PetscInt *ids;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(st->lat->nsites, &ids));
  for (PetscInt i = 0; i < st->lat->nsites; i++)
    if (st->species[i] == MF_PCM_CRYSTALLINE) ids[n++] = (PetscInt)st->aux[(size_t)i * MF_PCM_NAUX + MF_PCM_AUX_GRAIN];
  PetscCall(PetscSortInt(n, ids));
  for (PetscInt i = 0; i < n; i++)
    if (i == 0 || ids[i] != ids[i - 1]) ng++;
  PetscCall(PetscFree(ids));
  if (ncrystalline) *ncrystalline = n;
  if (ngrains) *ngrains = ng;
  PetscFunctionReturn(0);
}

PetscInt MfPcmLatticeDim(MfKmcLattice lat)
{
  PetscInt d = 0;

  if (lat->type != MF_KMC_LATTICE_SIMPLE_CUBIC) return 3;
  for (PetscInt k = 0; k < 3; k++)
    if (lat->n[k] > 1) d++;
  return PetscMax(d, 2);
}
