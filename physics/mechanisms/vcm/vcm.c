/* VCM (valence change) mechanism plug-in: oxygen vacancies V_O and oxygen interstitial ions O_i on the
 * oxygen sublattice of the oxide (HfOx, TaOx, ZnO, NiO), with an optional oxygen reservoir (reactive top
 * electrode or interface layer such as Ti/TiOx).
 *
 * Species (mf_filament.h): MF_FIL_EMPTY = pristine oxygen site, MF_FIL_DEFECT = V_O, MF_FIL_ION = pristine
 * site that also holds an interstitial O ion next to it (one O_i per site).
 * Events, bond slot k (site i, neighbour j, bond vector d, |d| = a), rates Gamma = nu exp(-Eb/kT) with the
 * bond-midpoint field E_par = E.d/a, T and sigma_h (docs/filament.md "Conventions"):
 *   generation     i,j pristine -> V_O at i, O_i at j (Frenkel pair, O moves i -> j):
 *                  Eb = Ea_gen - sgn(z_ion) b E_par - Omega sigma_h   (field-lowered, McPherson form with
 *                  a dipole b; DeviceKMC lowers by 2 e (V_i - V_j), i.e. b = 2 e a)
 *   recombination  O_i at i, V_O at j -> both pristine (the ion moves i -> j into the vacancy)
 *   V_O hop        V_O at i, j pristine -> V_O at j
 *   O_i hop        O_i at i, j pristine -> O_i at j
 *   the last three: Eb = MfKmcHopBarrier(linear, Ea, z, a, E_par, Omega, sigma_h) = Ea - z q a E_par/2
 *                  - Omega sigma_h (Mott-Gurney, physics-references.md §2)
 * Electrode slot (top-interface sites, top_reservoir): the reservoir lies one bond a beyond the top layer
 *   exchange_out   O_i at i -> O into the reservoir (moves +z a): Eb = MfKmcHopBarrier(Ea_ex, z_ion, a, +E_z)
 *   exchange_in    pristine i with reservoir oxygen in front of it -> O_i at i (moves -z a), E_par = -E_z.
 *   generation_interface     pristine i -> V_O at i, its O straight into the reservoir (oxygen scavenging by
 *                  the reactive electrode; Frenkel pair whose interstitial lies in the reservoir):
 *                  Eb = Ea_gen_interface - sgn(z_ion) b E_z - Omega sigma_h (DeviceKMC HfO2/Ti: 1.66 eV
 *                  against 3.93 eV in the bulk oxide)
 *   recombination_interface  V_O at i with reservoir oxygen in front of it -> pristine:
 *                  Eb = MfKmcHopBarrier(Ea_rec_if, z_ion, a, -E_z); Ea_rec_if defaults to the bulk Ea_rec
 *                  (DeviceKMC: 0 eV). The O has to leave the reservoir phase, so an oxide electrode may
 *                  hold it back (kmc_vcm_Ea_recombination_interface): with 0 eV a V_O made at the interface
 *                  is refilled at ~nu before it can hop away unless the field pushes it off at once, and
 *                  Ea_gen_if - Ea_rec_if is the free energy of the V_O + reservoir-O pair
 *   The reservoir is a phase (e.g. TiOx) whose oxygen chemical potential does not depend on how much it
 *   holds: exchange_in is zeroth order in the stored amount (only gated by aux[i] >= 1). The stored amount
 *   is kept per interface site (aux) so that every rate stays local (the engine's local updates). */
#include "filament_impl.h"

static const char *const VcmSpecies[]                  = {"oxide", "V_O", "O_i"};
static const char *const VcmEvents[MF_VCM_NUM_EVENTS]  = {"generation", "recombination", "hop_V_O", "hop_O_i", "exchange_out", "exchange_in", "generation_interface", "recombination_interface"};
static const MfKmcEventKind VcmKinds[MF_VCM_NUM_EVENTS] = {MF_KMC_EVENT_CREATE, MF_KMC_EVENT_ANNIHILATE, MF_KMC_EVENT_HOP, MF_KMC_EVENT_HOP, MF_KMC_EVENT_ANNIHILATE, MF_KMC_EVENT_CREATE, MF_KMC_EVENT_CREATE, MF_KMC_EVENT_ANNIHILATE};

typedef struct {
  MfVcmParams p;
  PetscReal   a_m;
  PetscInt    maxnb;
} VcmCtx;

static void VcmCtxInit(VcmCtx *c, const MfVcmParams *p, MfKmcLattice lat)
{
  c->p = *p;
  if (c->p.Ea_recombination_interface_eV < 0.0) c->p.Ea_recombination_interface_eV = p->Ea_recombination_eV; /* unset: as in the bulk */
  c->a_m   = FilSpacing(lat);
  c->maxnb = lat->maxnb;
}

PetscInt MfFilamentSlotsPerSite(MfKmcLattice lat)
{
  return lat->maxnb + 2;
}

/* Rates and types of all slots of `site`; pure function of the state (bit-identical on recomputation). */
static PetscErrorCode VcmRates(const VcmCtx *c, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[], PetscReal *total)
{
  const MfKmcLattice lat = st->lat;
  const MfVcmParams *p   = &c->p;
  const PetscReal    eV = MF_E_C, q = MF_E_C;
  const PetscInt     si = st->species[site];
  PetscInt           buf[MF_FIL_MAXNB];
  const PetscInt    *nb  = MfKmcLatticeNeighbors(lat, site, buf);
  PetscReal          sum = 0.0;

  PetscFunctionBeginUser;
  for (PetscInt k = 0; k < c->maxnb; k++) {
    const PetscInt j = nb[k];
    PetscReal      r = 0.0, Epar, T, sh, a, Eb;
    PetscInt       t = -1;
    if (j >= 0) {
      const PetscInt sj = st->species[j];
      if (si == MF_FIL_EMPTY && sj == MF_FIL_EMPTY) t = MF_VCM_EVENT_GENERATION;
      else if (si == MF_FIL_ION && sj == MF_FIL_DEFECT) t = MF_VCM_EVENT_RECOMBINATION;
      else if (si == MF_FIL_DEFECT && sj == MF_FIL_EMPTY) t = MF_VCM_EVENT_HOP_VACANCY;
      else if (si == MF_FIL_ION && sj == MF_FIL_EMPTY) t = MF_VCM_EVENT_HOP_ION;
      if (t >= 0) {
        FilBondFields(st, site, j, MfKmcLatticeBondVector(lat, site, k), &Epar, &T, &sh, &a);
        switch (t) {
        case MF_VCM_EVENT_GENERATION: {
          const PetscReal b_Cm = p->dipole_generation_eAng * 1e-10 * q; /* dipole in C m */
          const PetscReal sgn  = p->z_ion < 0.0 ? -1.0 : 1.0;
          Eb                   = p->Ea_generation_eV * eV - sgn * b_Cm * Epar - p->activation_volume_m3 * sh;
        } break;
        case MF_VCM_EVENT_RECOMBINATION: Eb = MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_recombination_eV * eV, p->z_ion, a, Epar, p->activation_volume_m3, sh); break;
        case MF_VCM_EVENT_HOP_VACANCY: Eb = MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_hop_defect_eV * eV, p->z_defect, a, Epar, p->activation_volume_m3, sh); break;
        default: Eb = MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_hop_ion_eV * eV, p->z_ion, a, Epar, p->activation_volume_m3, sh); break;
        }
        r = MfKmcArrhenius(p->nu_Hz, Eb, T);
      }
    }
    rate[k] = r;
    if (type) type[k] = t;
    sum += r;
  }
  {
    PetscReal r = 0.0;
    PetscInt  t = -1;
    if (p->top_reservoir && (lat->flags[site] & MF_KMC_SITE_TOP_INTERFACE)) {
      const MfKmcSiteFields *f = MfKmcStateFields(st, site);
      if (si == MF_FIL_ION) {
        t = MF_VCM_EVENT_EXCHANGE_OUT;
        r = MfKmcArrhenius(p->nu_Hz, MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_exchange_eV * eV, p->z_ion, c->a_m, f->E_V_per_m[2], p->activation_volume_m3, f->sigma_h_Pa), f->T_K);
      } else if (si == MF_FIL_EMPTY && st->aux[site] >= 1.0) {
        t = MF_VCM_EVENT_EXCHANGE_IN;
        r = MfKmcArrhenius(p->nu_Hz, MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_exchange_eV * eV, p->z_ion, c->a_m, -f->E_V_per_m[2], p->activation_volume_m3, f->sigma_h_Pa), f->T_K);
      }
    }
    rate[c->maxnb] = r;
    if (type) type[c->maxnb] = t;
    sum += r;
  }
  {
    PetscReal r = 0.0;
    PetscInt  t = -1;
    if (p->top_reservoir && (lat->flags[site] & MF_KMC_SITE_TOP_INTERFACE)) {
      const MfKmcSiteFields *f = MfKmcStateFields(st, site);
      if (si == MF_FIL_EMPTY) {
        const PetscReal b_Cm = p->dipole_generation_eAng * 1e-10 * MF_E_C, sgn = p->z_ion < 0.0 ? -1.0 : 1.0;
        t = MF_VCM_EVENT_GENERATION_INTERFACE;
        r = MfKmcArrhenius(p->nu_Hz, p->Ea_generation_interface_eV * eV - sgn * b_Cm * f->E_V_per_m[2] - p->activation_volume_m3 * f->sigma_h_Pa, f->T_K);
      } else if (si == MF_FIL_DEFECT && st->aux[site] >= 1.0) {
        t = MF_VCM_EVENT_RECOMBINATION_INTERFACE;
        r = MfKmcArrhenius(p->nu_Hz, MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_recombination_interface_eV * eV, p->z_ion, c->a_m, -f->E_V_per_m[2], p->activation_volume_m3, f->sigma_h_Pa), f->T_K);
      }
    }
    rate[c->maxnb + 1] = r;
    if (type) type[c->maxnb + 1] = t;
    sum += r;
  }
  *total = sum;
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  PetscFunctionBeginUser;
  PetscCall(VcmRates((const VcmCtx *)ctx, st, site, rate, NULL, total));
  PetscFunctionReturn(0);
}

/* Slot types for the engine's acceleration (accel.c); the rates are recomputed into a scratch array. */
static PetscErrorCode VcmTypes(void *ctx, const MfKmcState *st, PetscInt site, PetscInt type[])
{
  PetscReal rate[MF_FIL_MAXNB + 2], total;

  PetscFunctionBeginUser;
  PetscCall(VcmRates((const VcmCtx *)ctx, st, site, rate, type, &total));
  PetscFunctionReturn(0);
}

/* Reverse of each event type: generation <-> recombination, exchange out <-> in, interface generation <->
 * interface recombination; hops are their own reverse (never scaled). */
static const PetscInt VcmReverse[MF_VCM_NUM_EVENTS] = {MF_VCM_EVENT_RECOMBINATION, MF_VCM_EVENT_GENERATION, MF_VCM_EVENT_HOP_VACANCY, MF_VCM_EVENT_HOP_ION, MF_VCM_EVENT_EXCHANGE_IN, MF_VCM_EVENT_EXCHANGE_OUT, MF_VCM_EVENT_RECOMBINATION_INTERFACE, MF_VCM_EVENT_GENERATION_INTERFACE};

static PetscErrorCode VcmEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  const VcmCtx      *c   = (const VcmCtx *)ctx;
  const MfKmcLattice lat = st->lat;
  const PetscReal    q   = MF_E_C;
  const PetscInt     si  = st->species[site];

  PetscFunctionBeginUser;
  rec->nmodified   = 1;
  rec->modified[0] = site;
  if (slot < c->maxnb) {
    PetscInt         buf[MF_FIL_MAXNB];
    const PetscInt   j  = MfKmcLatticeNeighbors(lat, site, buf)[slot];
    const PetscReal *d  = MfKmcLatticeBondVector(lat, site, slot);
    const PetscInt   sj = st->species[j];
    PetscReal        z  = c->p.z_ion;
    PetscCheck(j >= 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "VCM: event on a missing bond (site %" PetscInt_FMT ", slot %" PetscInt_FMT ")", site, slot);
    if (si == MF_FIL_EMPTY && sj == MF_FIL_EMPTY) {
      rec->type         = MF_VCM_EVENT_GENERATION;
      st->species[site] = MF_FIL_DEFECT;
      st->species[j]    = MF_FIL_ION;
    } else if (si == MF_FIL_ION && sj == MF_FIL_DEFECT) {
      rec->type         = MF_VCM_EVENT_RECOMBINATION;
      st->species[site] = MF_FIL_EMPTY;
      st->species[j]    = MF_FIL_EMPTY;
    } else if (si == MF_FIL_DEFECT && sj == MF_FIL_EMPTY) {
      rec->type         = MF_VCM_EVENT_HOP_VACANCY;
      st->species[site] = MF_FIL_EMPTY;
      st->species[j]    = MF_FIL_DEFECT;
      z                 = c->p.z_defect;
    } else if (si == MF_FIL_ION && sj == MF_FIL_EMPTY) {
      rec->type         = MF_VCM_EVENT_HOP_ION;
      st->species[site] = MF_FIL_EMPTY;
      st->species[j]    = MF_FIL_ION;
    } else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "VCM: slot %" PetscInt_FMT " of site %" PetscInt_FMT " has no event (species %d -> %d)", slot, site, (int)si, (int)sj);
    rec->nmodified   = 2;
    rec->modified[1] = j;
    /* charge z q moved along d (generation/recombination: the O ion; a vacancy hop: the vacancy) */
    for (PetscInt k = 0; k < 3; k++) rec->charge_displacement_Cm[k] = z * q * d[k];
  } else if (slot == c->maxnb + 1) {
    if (si == MF_FIL_EMPTY) {
      rec->type         = MF_VCM_EVENT_GENERATION_INTERFACE;
      st->species[site] = MF_FIL_DEFECT;
      st->aux[site] += 1.0;
      st->global[0] += 1.0;
      rec->charge_displacement_Cm[2] = c->p.z_ion * q * c->a_m;
      rec->charge_to_electrode_C[1]  = c->p.z_ion * q;
    } else if (si == MF_FIL_DEFECT && st->aux[site] >= 1.0) {
      rec->type         = MF_VCM_EVENT_RECOMBINATION_INTERFACE;
      st->species[site] = MF_FIL_EMPTY;
      st->aux[site] -= 1.0;
      st->global[0] -= 1.0;
      rec->charge_displacement_Cm[2] = -c->p.z_ion * q * c->a_m;
      rec->charge_to_electrode_C[1]  = -c->p.z_ion * q;
    } else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "VCM: no interface generation/recombination possible at site %" PetscInt_FMT, site);
  } else {
    const PetscReal dz = c->a_m;
    if (si == MF_FIL_ION) {
      rec->type         = MF_VCM_EVENT_EXCHANGE_OUT;
      st->species[site] = MF_FIL_EMPTY;
      st->aux[site] += 1.0;
      st->global[0] += 1.0;
      rec->charge_displacement_Cm[2] = c->p.z_ion * q * dz;
      rec->charge_to_electrode_C[1]  = c->p.z_ion * q;
    } else if (si == MF_FIL_EMPTY && st->aux[site] >= 1.0) {
      rec->type         = MF_VCM_EVENT_EXCHANGE_IN;
      st->species[site] = MF_FIL_ION;
      st->aux[site] -= 1.0;
      st->global[0] -= 1.0;
      rec->charge_displacement_Cm[2] = -c->p.z_ion * q * dz;
      rec->charge_to_electrode_C[1]  = -c->p.z_ion * q;
    } else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "VCM: no reservoir exchange possible at site %" PetscInt_FMT, site);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode VcmCheckParams(const MfVcmParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(p->nu_Hz > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "VCM: attempt frequency kmc_vcm_nu = %g Hz must be > 0", (double)p->nu_Hz);
  PetscCheck(p->Ea_generation_eV >= 0.0 && p->Ea_generation_interface_eV >= 0.0 && p->Ea_recombination_eV >= 0.0 && p->Ea_hop_defect_eV >= 0.0 && p->Ea_hop_ion_eV >= 0.0 && p->Ea_exchange_eV >= 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "VCM: barriers must be >= 0 eV (generation %g, interface generation %g, recombination %g, V_O hop %g, O_i hop %g, exchange %g)", (double)p->Ea_generation_eV, (double)p->Ea_generation_interface_eV, (double)p->Ea_recombination_eV, (double)p->Ea_hop_defect_eV, (double)p->Ea_hop_ion_eV, (double)p->Ea_exchange_eV);
  PetscCheck(p->z_defect > 0.0 && p->z_ion < 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "VCM: charge numbers must be z(V_O) > 0 and z(O_i) < 0 (got %g, %g; V_O^2+ / O^2-: 2, -2)", (double)p->z_defect, (double)p->z_ion);
  PetscCheck(p->initial_defect_fraction >= 0.0 && p->initial_defect_fraction < 1.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "VCM: initial vacancy fraction kmc_initial_defects = %g must be in [0, 1)", (double)p->initial_defect_fraction);
  PetscFunctionReturn(0);
}

PetscErrorCode MfVcmSiteRates(const MfVcmParams *p, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[])
{
  VcmCtx    c;
  PetscReal total;

  PetscFunctionBeginUser;
  PetscCheck(site >= 0 && site < st->lat->nsites, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "VCM: site %" PetscInt_FMT " not in [0, %" PetscInt_FMT ")", site, st->lat->nsites);
  VcmCtxInit(&c, p, st->lat);
  PetscCall(VcmRates(&c, st, site, rate, type, &total));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetMechanismVcm(MfKmc kmc, const MfVcmParams *p)
{
  VcmCtx           *c;
  MfKmcMechanismOps ops;
  MfKmcLattice      lat;

  PetscFunctionBeginUser;
  PetscCall(VcmCheckParams(p));
  PetscCall(MfKmcGetLattice(kmc, &lat));
  PetscCheck(lat, PETSC_COMM_SELF, PETSC_ERR_ORDER, "VCM: call MfKmcSetLattice before MfKmcSetMechanismVcm");
  PetscCheck(lat->maxnb <= MF_FIL_MAXNB, PETSC_COMM_SELF, PETSC_ERR_SUP, "VCM: coordination %" PetscInt_FMT " > %d not supported", lat->maxnb, MF_FIL_MAXNB);
  PetscCall(PetscNew(&c));
  VcmCtxInit(c, p, lat);
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name                = "vcm";
  ops.nspecies            = MF_FIL_NSPECIES;
  ops.species_names       = VcmSpecies;
  ops.nevent_types        = MF_VCM_NUM_EVENTS;
  ops.event_names         = VcmEvents;
  ops.event_kinds         = VcmKinds;
  ops.max_events_per_site = lat->maxnb + 2;
  ops.influence_shells    = 1; /* a site's rates depend on its own and its neighbours' species */
  ops.naux                = 1; /* oxygen stored in the reservoir in front of a top-interface site */
  ops.nglobal             = 1; /* total reservoir oxygen */
  ops.setup               = FilSetUpCheckLayers_Private;
  ops.site_propensity     = VcmPropensity;
  ops.site_types          = VcmTypes;
  ops.reverse_type        = VcmReverse;
  ops.site_event          = VcmEvent;
  ops.destroy             = FilDestroyContext_Private;
  PetscCall(MfKmcSetMechanism(kmc, &ops, c));
  PetscFunctionReturn(0);
}
