/* Reference mechanism: field-biased hopping of one mobile species with site exclusion (oxygen vacancies,
 * ions). Rates Gamma = nu exp(-Eb/kT) with Eb = MfKmcHopBarrier (linear Mott-Gurney or JART shape, minus
 * Omega sigma_h), evaluated with the field, temperature and stress at the bond midpoint (mean of the two
 * sites, the convention of eugnsp/memristor doc/model.tex). Written against the public plug-in interface
 * only, exactly as the VCM/ECM mechanisms will be. */
#include "mf_kmc.h"
#include "mf_kmc_rates.h"
#include <math.h>

const char *const MfKmcBarrierShapes[] = {"linear", "jart", "MfKmcBarrierShape", "MF_KMC_BARRIER_", NULL};

static const char *const HopSpecies[] = {"empty", "mobile"};
static const PetscBool   HopActive[]  = {PETSC_FALSE, PETSC_TRUE}; /* only occupied sites have events */

typedef struct {
  MfKmcHopParams  p;
  PetscInt        maxnb;
  PetscReal      *uniform_rate; /* per bond type, uniform fields */
  PetscReal      *bond_rate;    /* nsites*maxnb, per-site fields (NULL when uniform) */
  char          (*names)[16];
  const char    **name_ptr;
  MfKmcEventKind *kinds;
} HopCtx;

PetscErrorCode MfKmcHopDefaultParams(MfKmcHopParams *p)
{
  PetscFunctionBeginUser;
  p->nu_Hz                = 1e13;              /* Stanford-PKU v2 attempt frequency */
  p->Ea_J                 = 0.7 * MF_E_C; /* Stanford-PKU v2 V_O migration barrier */
  p->z                    = 2.0;               /* V_O^2+ */
  p->shape                = MF_KMC_BARRIER_LINEAR;
  p->activation_volume_m3 = 0.0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcHopParamsSetFromOptions(MfKmcHopParams *p)
{
  PetscReal Ea_eV = p->Ea_J / MF_E_C;
  PetscEnum shape = (PetscEnum)p->shape;

  PetscFunctionBeginUser;
  PetscOptionsBegin(PETSC_COMM_SELF, NULL, "KMC reference hopping mechanism", "MfKmcSetMechanismHop");
  PetscCall(PetscOptionsReal("-kmc_hop_nu", "Attempt frequency (Hz)", "MfKmcSetMechanismHop", p->nu_Hz, &p->nu_Hz, NULL));
  PetscCall(PetscOptionsReal("-kmc_hop_Ea", "Zero-field migration barrier (eV)", "MfKmcSetMechanismHop", Ea_eV, &Ea_eV, NULL));
  PetscCall(PetscOptionsReal("-kmc_hop_z", "Charge number of the mobile species", "MfKmcSetMechanismHop", p->z, &p->z, NULL));
  PetscCall(PetscOptionsEnum("-kmc_hop_barrier", "Field lowering: linear (Mott-Gurney) or jart", "MfKmcSetMechanismHop", MfKmcBarrierShapes, shape, &shape, NULL));
  PetscCall(PetscOptionsReal("-kmc_hop_omega", "Activation volume Omega of the strain shift Ea - Omega sigma_h (m^3)", "MfKmcSetMechanismHop", p->activation_volume_m3, &p->activation_volume_m3, NULL));
  PetscOptionsEnd();
  p->Ea_J  = Ea_eV * MF_E_C;
  p->shape = (MfKmcBarrierShape)shape;
  PetscFunctionReturn(0);
}

static inline PetscReal HopRate(const HopCtx *h, const PetscReal d[3], const MfKmcSiteFields *fi, const MfKmcSiteFields *fj)
{
  const PetscReal a = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  PetscReal       Epar = 0.0;
  for (PetscInt c = 0; c < 3; c++) Epar += 0.5 * (fi->E_V_per_m[c] + fj->E_V_per_m[c]) * d[c] / a;
  const PetscReal T  = 0.5 * (fi->T_K + fj->T_K);
  const PetscReal sh = 0.5 * (fi->sigma_h_Pa + fj->sigma_h_Pa);
  return MfKmcArrhenius(h->p.nu_Hz, MfKmcHopBarrier(h->p.shape, h->p.Ea_J, h->p.z, a, Epar, h->p.activation_volume_m3, sh), T);
}

static PetscErrorCode HopFieldsChanged(void *ctx, const MfKmcState *st)
{
  HopCtx            *h   = (HopCtx *)ctx;
  const MfKmcLattice lat = st->lat;

  PetscFunctionBeginUser;
  PetscCall(PetscFree(h->bond_rate));
  if (!st->fields) {
    for (PetscInt t = 0; t < lat->nbondtypes; t++) h->uniform_rate[t] = HopRate(h, lat->bondvec + 3 * t, &st->uniform, &st->uniform);
  } else {
    PetscCall(PetscCalloc1((size_t)lat->nsites * lat->maxnb, &h->bond_rate));
    for (PetscInt i = 0; i < lat->nsites; i++)
      for (PetscInt k = 0; k < lat->maxnb; k++) {
        PetscInt        buf[64];
        const PetscInt *nb = MfKmcLatticeNeighbors(lat, i, buf);
        const PetscInt  j  = nb[k];
        if (j >= 0) h->bond_rate[i * lat->maxnb + k] = HopRate(h, MfKmcLatticeBondVector(lat, i, k), &st->fields[i], &st->fields[j]);
      }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode HopPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  const HopCtx   *h     = (const HopCtx *)ctx;
  const PetscInt  maxnb = h->maxnb;
  PetscInt        buf[64];

  PetscFunctionBeginUser;
  PetscReal       sum = 0.0;
  if (st->species[site] != 1) {
    for (PetscInt k = 0; k < maxnb; k++) rate[k] = 0.0;
    *total = 0.0;
    PetscFunctionReturn(0);
  }
  const PetscInt *nb = MfKmcLatticeNeighbors(st->lat, site, buf);
  if (h->bond_rate) {
    const PetscReal *br = h->bond_rate + (size_t)site * maxnb;
    for (PetscInt k = 0; k < maxnb; k++) sum += rate[k] = (nb[k] >= 0 && st->species[nb[k]] == 0) ? br[k] : 0.0;
  } else if (!st->lat->bond) {
    for (PetscInt k = 0; k < maxnb; k++) sum += rate[k] = (nb[k] >= 0 && st->species[nb[k]] == 0) ? h->uniform_rate[k] : 0.0;
  } else {
    const PetscInt *bt = st->lat->bond + (size_t)site * maxnb;
    for (PetscInt k = 0; k < maxnb; k++) sum += rate[k] = (nb[k] >= 0 && st->species[nb[k]] == 0) ? h->uniform_rate[bt[k]] : 0.0;
  }
  *total = sum;
  PetscFunctionReturn(0);
}

static PetscErrorCode HopEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  const HopCtx   *h = (const HopCtx *)ctx;
  PetscInt        buf[64];
  const PetscInt  j = MfKmcLatticeNeighbors(st->lat, site, buf)[slot];
  const PetscReal *d = MfKmcLatticeBondVector(st->lat, site, slot);

  PetscFunctionBeginUser;
  st->species[site] = 0;
  st->species[j]    = 1;
  rec->type         = slot;
  rec->nmodified    = 2;
  rec->modified[0]  = site;
  rec->modified[1]  = j;
  for (PetscInt c = 0; c < 3; c++) rec->charge_displacement_Cm[c] = h->p.z * MF_E_C * d[c];
  PetscFunctionReturn(0);
}

static PetscErrorCode HopDestroy(void *ctx)
{
  HopCtx *h = (HopCtx *)ctx;

  PetscFunctionBeginUser;
  PetscCall(PetscFree(h->uniform_rate));
  PetscCall(PetscFree(h->bond_rate));
  PetscCall(PetscFree(h->names));
  PetscCall(PetscFree(h->name_ptr));
  PetscCall(PetscFree(h->kinds));
  PetscCall(PetscFree(h));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetMechanismHop(MfKmc kmc, const MfKmcHopParams *p)
{
  HopCtx           *h;
  MfKmcMechanismOps ops;
  MfKmcLattice      lat;

  PetscFunctionBeginUser;
  PetscCheck(p->nu_Hz > 0.0 && p->Ea_J >= 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "KMC hop: attempt frequency %g Hz must be > 0 and barrier %g eV >= 0", (double)p->nu_Hz, (double)(p->Ea_J / MF_E_C));
  PetscCheck(p->shape != MF_KMC_BARRIER_JART || p->Ea_J > 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "KMC hop: the JART barrier shape needs a barrier > 0 eV");
  PetscCall(MfKmcGetLattice(kmc, &lat)); /* event types are named per bond slot */
  PetscCheck(lat, PETSC_COMM_SELF, PETSC_ERR_ORDER, "KMC hop: call MfKmcSetLattice before MfKmcSetMechanismHop");
  PetscCheck(lat->maxnb <= 64, PETSC_COMM_SELF, PETSC_ERR_SUP, "KMC hop: coordination %" PetscInt_FMT " > 64 not supported", lat->maxnb);
  PetscCall(PetscNew(&h));
  h->p     = *p;
  h->maxnb = lat->maxnb;
  PetscCall(PetscCalloc1(lat->nbondtypes, &h->uniform_rate));
  PetscCall(PetscMalloc1(lat->maxnb, &h->names));
  PetscCall(PetscMalloc1(lat->maxnb, &h->name_ptr));
  PetscCall(PetscMalloc1(lat->maxnb, &h->kinds));
  for (PetscInt k = 0; k < lat->maxnb; k++) {
    static const char *const sc[] = {"hop_+x", "hop_-x", "hop_+y", "hop_-y", "hop_+z", "hop_-z"};
    if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) PetscCall(PetscStrncpy(h->names[k], sc[k], sizeof(h->names[k])));
    else PetscCall(PetscSNPrintf(h->names[k], sizeof(h->names[k]), "hop_%" PetscInt_FMT, k));
    h->name_ptr[k] = h->names[k];
    h->kinds[k]    = MF_KMC_EVENT_HOP;
  }
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name                = "hop";
  ops.nspecies            = 2;
  ops.species_names       = HopSpecies;
  ops.species_active      = HopActive;
  ops.nevent_types        = lat->maxnb;
  ops.event_names         = h->name_ptr;
  ops.event_kinds         = h->kinds;
  ops.max_events_per_site = lat->maxnb;
  ops.influence_shells    = 1; /* a hop changes the free targets of the neighbours of both sites */
  ops.fields_changed      = HopFieldsChanged;
  ops.site_propensity     = HopPropensity;
  ops.site_event          = HopEvent;
  ops.destroy             = HopDestroy;
  PetscCall(MfKmcSetMechanism(kmc, &ops, h));
  PetscFunctionReturn(0);
}
