/* ECM (electrochemical metallization) mechanism plug-in: Ag/Cu cations in a solid electrolyte between an
 * active anode (oxidised) and an inert cathode (docs/filament.md, events E1-E4).
 *
 * Species (mf_filament.h): MF_FIL_EMPTY = electrolyte site, MF_FIL_DEFECT = reduced metal atom M0 (part of
 * a filament or cluster), MF_FIL_ION = cation M^z+.
 * Overpotential of a redox step between a metal (atom or electrode) and the electrolyte site next to it,
 * at distance a in the unit direction n (from the electrolyte site towards the metal):
 *     eta = phi_metal - phi_site = -a E.n        (E: bond-midpoint field, or the site field for electrodes)
 * Per-site Butler-Volmer rates (E1/E2 of the reference; Menzel et al. Nanoscale 7, 12673 (2015)):
 *     oxidation  Gamma = nu exp(-(Ea_ox  - (1-alpha) z q eta - Omega sigma_h)/kT)
 *     reduction  Gamma = nu exp(-(Ea_red +    alpha  z q eta - Omega sigma_h)/kT)
 * so that Gamma_ox/Gamma_red = exp(-(Ea_ox - Ea_red - z q eta)/kT) (the Nernst/Butler-Volmer ratio).
 * Two redox couples share these laws: the anode (Ea_ox, Ea_red) and metal inside the cell, i.e. the filament
 * and the inert cathode (Ea_diss(n), Ea_red,f; Ea_red,f defaults to Ea_red). Their barriers may differ (an
 * electrode surface against a nm filament in the electrolyte), their free energies should not: a kink atom is
 * bulk metal, so Ea_diss - Ea_red,f = Ea_ox - Ea_red (MfEcmRedoxFreeEnergies; the run log reports both).
 * Events, bond slot k (site i, neighbour j):
 *   hop_ion      M+ at i, j empty: Eb = MfKmcHopBarrier(linear, Ea_hop, z, a, E_par) (Mott-Gurney)
 *   reduction    M+ at i next to metal at j: i -> M0 (growth on the cathode-side filament, E2)
 *   dissolution  M0 at i next to metal at j: i -> M+ (re-oxidation of filament atoms, E4), barrier
 *                Ea_diss(n_i) = Ea_diss + (n_i - Z/2) eps, n_i = metal neighbours of i (M0 sites and the
 *                electrodes it touches), Z = bulk coordination of the lattice, eps = bond energy (broken-bond
 *                model; Ea_diss is the barrier of a kink atom, whose removal costs the bulk chemical potential).
 *                Reduction and dissolution of the same bond are exact inverses and obey detailed balance with
 *                the lattice-gas energy H = -eps (number of metal-metal bonds): a thin filament or a tip
 *                (n < Z/2) is less stable than bulk metal, the lattice form of the Gibbs-Thomson relation
 *                dmu = Omega gamma / r (e.g. Gilmer & Bennema, J. Appl. Phys. 43, 1347 (1972) for the
 *                broken-bond KMC; Ielmini & Waser (eds.), Resistive Switching, Wiley-VCH 2016, for the
 *                surface-energy driven retention loss of ECM filaments)
 * Electrode slot (interface sites; the electrode lies one bond a beyond the layer, outward normal +-z):
 *   anode:   oxidation_anode  empty i -> M+ (E1, the anode supplies the metal);
 *            reduction_anode  M+ at i -> absorbed into the anode (the anode surface stays flat)
 *   cathode: reduction        M+ at i -> M0 (nucleation/growth on the inert electrode, E2);
 *            dissolution      M0 at i -> M+ (barrier Ea_diss(n_i))
 * Lateral sink (optional, simple-cubic lattices): the lattice covers the cross-point only, while the electrolyte
 * film continues beyond it. A cation on an edge site of a non-periodic lateral axis hops across the missing
 * bond out of the lattice (escape) with the Mott-Gurney hop rate of the site field; the film outside is taken
 * as a perfect sink (its Ag+ concentration << the cross-point's), so nothing comes back. This is the
 * out-diffusion path of retention loss; without it a bridged cross-point can only exchange metal with the
 * anode.
 * Melting (event melt, slot maxnb + 1): the KMC lattice is a solid, while a filament neck that carries the RESET
 * current of a source without series resistance heats past the melting point of its metal within a nanosecond
 * (measured: Table 1 Ag/PEI deck, 645 -> 1660 K in 1.5 ns) and, without this event, reached steady states of
 * 2000-9900 K. A liquid metal cylinder is unstable (Rayleigh-Plateau): its fastest varicose mode grows at
 *     omega = 0.343 sqrt(gamma / (rho r^3))     (Rayleigh, Proc. London Math. Soc. 10, 4 (1878); Eggers,
 *                                                Rev. Mod. Phys. 69, 865 (1997), sec. II)
 * so a one-site neck (r = a) breaks within 1/omega (Ag, a = 0.5 nm: 3.3 ps; the coefficient, the maximum of
 * Rayleigh's dispersion relation at k r = 0.697, is checked in filament_rates: 0.343339). An M0 atom at a site whose
 * temperature is >= T_melt leaves the liquid neck at rate omega: it becomes M+ in place (the electrolyte takes
 * up the broken neck's metal as it takes up dissolved atoms; the electrons stay in the local metal, so no
 * charge is displaced); reduction may bring it back, as for dissolution. Bulk T_melt: the size depression of a
 * nm neck (Gibbs-Thomson, ~10-20 % at 1-2 nm) is not included, so melting sets in late rather than early.
 * Off by default (kmc_ecm_melting): the in-place M+ of a molten neck is reduced back at ~1e12 /s at 3000 K, so
 * without the liquid's retraction (mass transport away from the neck, not modelled) melting re-forms the metal
 * around the hot spot (measured: Table 1 Ag/PEI deck at -0.1 V, 199 instead of 118 filament atoms after the
 * second runaway episode).
 * Not modelled: surface diffusion of M0 (E5), a separate nucleation barrier (E6: growth starts on the
 * cathode surface), homogeneous reduction of ions far from any metal, dissolution of an isolated M0 atom
 * (it has no metal to take its electrons). */
#include "filament_impl.h"

static const char *const    EcmSpecies[]                  = {"electrolyte", "M0", "M+"};
static const char *const    EcmEvents[MF_ECM_NUM_EVENTS]  = {"oxidation_anode", "reduction_anode", "reduction", "hop_ion", "dissolution", "escape", "melt"};
static const MfKmcEventKind EcmKinds[MF_ECM_NUM_EVENTS]   = {MF_KMC_EVENT_CREATE, MF_KMC_EVENT_ANNIHILATE, MF_KMC_EVENT_REACT, MF_KMC_EVENT_HOP, MF_KMC_EVENT_REACT, MF_KMC_EVENT_ANNIHILATE, MF_KMC_EVENT_REACT};

typedef struct {
  MfEcmParams   p;
  PetscReal     a_m;
  PetscInt      maxnb;
  PetscReal     half_coordination; /* Z/2 of the bulk lattice (square 2, simple cubic 3): the kink site */
  PetscReal     melt_rate_Hz;      /* Rayleigh-Plateau break-up rate of a one-site liquid neck (0: no melting) */
  PetscBool     open_slot[6];      /* simple cubic with a lateral sink: slot k faces an open lateral edge */
  unsigned char anode_flag, cathode_flag;
} EcmCtx;

static inline PetscReal Oxidation(const MfEcmParams *p, PetscReal Ea_eV, PetscReal eta_V, PetscReal sh, PetscReal T)
{
  return MfKmcArrhenius(p->nu_Hz, Ea_eV * MF_E_C - (1.0 - p->alpha_transfer) * p->z_ion * MF_E_C * eta_V - p->activation_volume_m3 * sh, T);
}

static inline PetscReal Reduction(const MfEcmParams *p, PetscReal Ea_eV, PetscReal eta_V, PetscReal sh, PetscReal T)
{
  return MfKmcArrhenius(p->nu_Hz, Ea_eV * MF_E_C + p->alpha_transfer * p->z_ion * MF_E_C * eta_V - p->activation_volume_m3 * sh, T);
}

void MfEcmRedoxFreeEnergies(const MfEcmParams *p, PetscReal *dG_anode_eV, PetscReal *dG_filament_eV)
{
  *dG_anode_eV    = p->Ea_oxidation_eV - p->Ea_reduction_eV;
  *dG_filament_eV = p->Ea_dissolution_eV - (p->Ea_reduction_filament_eV >= 0.0 ? p->Ea_reduction_filament_eV : p->Ea_reduction_eV);
}

/* Metal neighbours of site i: M0 sites and the electrode(s) the site touches (both are metal). */
static inline PetscInt MetalNeighbours(const MfKmcState *st, PetscInt i, const PetscInt *nb, PetscInt maxnb)
{
  const unsigned char fl = st->lat->flags[i];
  PetscInt            n  = ((fl & MF_KMC_SITE_TOP_INTERFACE) ? 1 : 0) + ((fl & MF_KMC_SITE_BOTTOM_INTERFACE) ? 1 : 0);
  for (PetscInt k = 0; k < maxnb; k++)
    if (nb[k] >= 0 && st->species[nb[k]] == MF_FIL_DEFECT) n++;
  return n;
}

static void EcmCtxInit(EcmCtx *c, const MfEcmParams *p, MfKmcLattice lat)
{
  PetscInt zmax = 0, buf[MF_FIL_MAXNB];

  c->p = *p;
  if (c->p.Ea_reduction_filament_eV < 0.0) c->p.Ea_reduction_filament_eV = p->Ea_reduction_eV; /* unset: as at the anode */
  c->a_m          = FilSpacing(lat);
  c->maxnb        = lat->maxnb;
  for (PetscInt i = 0; i < lat->nsites; i++) { /* bulk coordination = the most bonds any site has */
    const PetscInt *nb = MfKmcLatticeNeighbors(lat, i, buf);
    PetscInt        z  = 0;
    for (PetscInt k = 0; k < lat->maxnb; k++) z += nb[k] >= 0;
    zmax = PetscMax(zmax, z);
  }
  c->half_coordination = 0.5 * zmax;
  for (PetscInt k = 0; k < 6; k++) /* slots 0-3 = +-x, +-y; an axis of one site is the 2D section, not an edge */
    c->open_slot[k] = (PetscBool)(p->lateral_sink && lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC && k < 4 && lat->n[k / 2] > 1 && !lat->periodic[k / 2]);
  c->melt_rate_Hz = p->melting ? 0.343 * PetscSqrtReal(p->surface_tension_J_per_m2 / (p->liquid_density_kg_per_m3 * c->a_m * c->a_m * c->a_m)) : 0.0;
  c->anode_flag   = p->anode_top ? MF_KMC_SITE_TOP_INTERFACE : MF_KMC_SITE_BOTTOM_INTERFACE;
  c->cathode_flag = p->anode_top ? MF_KMC_SITE_BOTTOM_INTERFACE : MF_KMC_SITE_TOP_INTERFACE;
}

static PetscErrorCode EcmRates(const EcmCtx *c, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[], PetscReal *total)
{
  const MfKmcLattice lat = st->lat;
  const MfEcmParams *p   = &c->p;
  const PetscInt     si  = st->species[site];
  PetscInt           buf[MF_FIL_MAXNB];
  const PetscInt    *nb  = MfKmcLatticeNeighbors(lat, site, buf);
  PetscReal          sum = 0.0, Ea_diss = p->Ea_dissolution_eV;

  PetscFunctionBeginUser;
  if (si == MF_FIL_DEFECT && p->bond_energy_eV != 0.0) Ea_diss += (MetalNeighbours(st, site, nb, c->maxnb) - c->half_coordination) * p->bond_energy_eV;
  for (PetscInt k = 0; k < c->maxnb; k++) {
    const PetscInt j = nb[k];
    PetscReal      r = 0.0, Epar, T, sh, a;
    PetscInt       t = -1;
    if (j < 0 && si == MF_FIL_ION && k < 6 && c->open_slot[k]) { /* escape across an open lateral edge */
      const MfKmcSiteFields *f = MfKmcStateFields(st, site);
      const PetscReal       *d = MfKmcLatticeBondVector(lat, site, k);
      t = MF_ECM_EVENT_ESCAPE;
      r = MfKmcArrhenius(p->nu_Hz, MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_hop_ion_eV * MF_E_C, p->z_ion, c->a_m, (f->E_V_per_m[0] * d[0] + f->E_V_per_m[1] * d[1]) / c->a_m, p->activation_volume_m3, f->sigma_h_Pa), f->T_K);
    } else if (j >= 0 && si != MF_FIL_EMPTY) {
      const PetscInt sj = st->species[j];
      if (si == MF_FIL_ION && sj == MF_FIL_EMPTY) t = MF_ECM_EVENT_HOP_ION;
      else if (si == MF_FIL_ION && sj == MF_FIL_DEFECT) t = MF_ECM_EVENT_REDUCTION;
      else if (si == MF_FIL_DEFECT && sj == MF_FIL_DEFECT) t = MF_ECM_EVENT_DISSOLUTION;
      if (t >= 0) {
        FilBondFields(st, site, j, MfKmcLatticeBondVector(lat, site, k), &Epar, &T, &sh, &a);
        const PetscReal eta = -a * Epar; /* metal at j: eta = phi_j - phi_i */
        if (t == MF_ECM_EVENT_HOP_ION) r = MfKmcArrhenius(p->nu_Hz, MfKmcHopBarrier(MF_KMC_BARRIER_LINEAR, p->Ea_hop_ion_eV * MF_E_C, p->z_ion, a, Epar, p->activation_volume_m3, sh), T);
        else if (t == MF_ECM_EVENT_REDUCTION) r = Reduction(p, p->Ea_reduction_filament_eV, eta, sh, T);
        else r = Oxidation(p, Ea_diss, eta, sh, T);
      }
    }
    rate[k] = r;
    if (type) type[k] = t;
    sum += r;
  }
  {
    const unsigned char fl = lat->flags[site];
    PetscReal           r  = 0.0;
    PetscInt            t  = -1;
    if (fl & (c->anode_flag | c->cathode_flag)) {
      const MfKmcSiteFields *f   = MfKmcStateFields(st, site);
      const PetscReal        nz  = (fl & MF_KMC_SITE_TOP_INTERFACE) ? 1.0 : -1.0;
      const PetscReal        eta = -c->a_m * f->E_V_per_m[2] * nz; /* electrode at +-a z */
      if (fl & c->anode_flag) {
        if (si == MF_FIL_EMPTY) {
          t = MF_ECM_EVENT_OXIDATION_ANODE;
          r = Oxidation(p, p->Ea_oxidation_eV, eta, f->sigma_h_Pa, f->T_K);
        } else if (si == MF_FIL_ION) {
          t = MF_ECM_EVENT_REDUCTION_ANODE;
          r = Reduction(p, p->Ea_reduction_eV, eta, f->sigma_h_Pa, f->T_K);
        }
      } else {
        if (si == MF_FIL_ION) {
          t = MF_ECM_EVENT_REDUCTION;
          r = Reduction(p, p->Ea_reduction_filament_eV, eta, f->sigma_h_Pa, f->T_K);
        } else if (si == MF_FIL_DEFECT) {
          t = MF_ECM_EVENT_DISSOLUTION;
          r = Oxidation(p, Ea_diss, eta, f->sigma_h_Pa, f->T_K);
        }
      }
    }
    rate[c->maxnb] = r;
    if (type) type[c->maxnb] = t;
    sum += r;
  }
  { /* melting of a filament atom above T_melt */
    const PetscBool melt = (PetscBool)(si == MF_FIL_DEFECT && c->melt_rate_Hz > 0.0 && MfKmcStateFields(st, site)->T_K >= p->T_melt_K);
    rate[c->maxnb + 1] = melt ? c->melt_rate_Hz : 0.0;
    if (type) type[c->maxnb + 1] = melt ? MF_ECM_EVENT_MELT : -1;
    sum += rate[c->maxnb + 1];
  }
  *total = sum;
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmPropensity(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total)
{
  PetscFunctionBeginUser;
  PetscCall(EcmRates((const EcmCtx *)ctx, st, site, rate, NULL, total));
  PetscFunctionReturn(0);
}

/* Slot types for the engine's acceleration (accel.c); the rates are recomputed into a scratch array. */
static PetscErrorCode EcmTypes(void *ctx, const MfKmcState *st, PetscInt site, PetscInt type[])
{
  PetscReal rate[MF_FIL_MAXNB + 2], total;

  PetscFunctionBeginUser;
  PetscCall(EcmRates((const EcmCtx *)ctx, st, site, rate, type, &total));
  PetscFunctionReturn(0);
}

/* Reverse of each event type: anodic oxidation <-> reduction at the anode, reduction <-> dissolution (the
 * same bond, detailed balance); the ion hop is its own reverse (never scaled); escape and melting have none. */
static const PetscInt EcmReverse[MF_ECM_NUM_EVENTS] = {MF_ECM_EVENT_REDUCTION_ANODE, MF_ECM_EVENT_OXIDATION_ANODE, MF_ECM_EVENT_DISSOLUTION, MF_ECM_EVENT_HOP_ION, MF_ECM_EVENT_REDUCTION, -1, -1};

static PetscErrorCode EcmEvent(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec)
{
  const EcmCtx      *c   = (const EcmCtx *)ctx;
  const MfKmcLattice lat = st->lat;
  const PetscReal    zq  = c->p.z_ion * MF_E_C;
  const PetscInt     si  = st->species[site];

  PetscFunctionBeginUser;
  rec->nmodified   = 1;
  rec->modified[0] = site;
  if (slot == c->maxnb + 1) {
    PetscCheck(si == MF_FIL_DEFECT, PETSC_COMM_SELF, PETSC_ERR_PLIB, "ECM: melt event at site %" PetscInt_FMT " without a filament atom", site);
    rec->type         = MF_ECM_EVENT_MELT;
    st->species[site] = MF_FIL_ION;
    PetscFunctionReturn(0);
  }
  if (slot < c->maxnb) {
    PetscInt         buf[MF_FIL_MAXNB];
    const PetscInt   j  = MfKmcLatticeNeighbors(lat, site, buf)[slot];
    const PetscReal *d  = MfKmcLatticeBondVector(lat, site, slot);
    PetscReal        s  = 1.0; /* the positive charge z q moves along d (+1) or against it (-1) */
    if (j < 0) {
      PetscCheck(si == MF_FIL_ION && slot < 6 && c->open_slot[slot], PETSC_COMM_SELF, PETSC_ERR_PLIB, "ECM: event on a missing bond (site %" PetscInt_FMT ", slot %" PetscInt_FMT ")", site, slot);
      rec->type         = MF_ECM_EVENT_ESCAPE; /* the cation leaves the lattice into the film around the cell */
      st->species[site] = MF_FIL_EMPTY;
      for (PetscInt k = 0; k < 3; k++) rec->charge_displacement_Cm[k] = zq * d[k];
      PetscFunctionReturn(0);
    }
    const PetscInt sj = st->species[j];
    if (si == MF_FIL_ION && sj == MF_FIL_EMPTY) {
      rec->type         = MF_ECM_EVENT_HOP_ION;
      st->species[site] = MF_FIL_EMPTY;
      st->species[j]    = MF_FIL_ION;
      rec->nmodified    = 2;
      rec->modified[1]  = j;
    } else if (si == MF_FIL_ION && sj == MF_FIL_DEFECT) {
      rec->type         = MF_ECM_EVENT_REDUCTION; /* z electrons come from j: equivalent to z q moving i -> j */
      st->species[site] = MF_FIL_DEFECT;
    } else if (si == MF_FIL_DEFECT && sj == MF_FIL_DEFECT) {
      rec->type         = MF_ECM_EVENT_DISSOLUTION;
      st->species[site] = MF_FIL_ION;
      s                 = -1.0;
    } else SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "ECM: slot %" PetscInt_FMT " of site %" PetscInt_FMT " has no event (species %d -> %d)", slot, site, (int)si, (int)sj);
    for (PetscInt k = 0; k < 3; k++) rec->charge_displacement_Cm[k] = s * zq * d[k];
  } else {
    const unsigned char fl = lat->flags[site];
    const PetscReal     nz = (fl & MF_KMC_SITE_TOP_INTERFACE) ? 1.0 : -1.0;
    const PetscInt      el = (fl & MF_KMC_SITE_TOP_INTERFACE) ? 1 : 0;
    PetscReal           s;
    if (fl & c->anode_flag) {
      if (si == MF_FIL_EMPTY) {
        rec->type         = MF_ECM_EVENT_OXIDATION_ANODE;
        st->species[site] = MF_FIL_ION;
        s                 = -1.0; /* the cation leaves the anode */
      } else {
        PetscCheck(si == MF_FIL_ION, PETSC_COMM_SELF, PETSC_ERR_PLIB, "ECM: no anode event at site %" PetscInt_FMT, site);
        rec->type         = MF_ECM_EVENT_REDUCTION_ANODE;
        st->species[site] = MF_FIL_EMPTY;
        s                 = 1.0;
      }
    } else {
      if (si == MF_FIL_ION) {
        rec->type         = MF_ECM_EVENT_REDUCTION;
        st->species[site] = MF_FIL_DEFECT;
        s                 = 1.0;
      } else {
        PetscCheck(si == MF_FIL_DEFECT, PETSC_COMM_SELF, PETSC_ERR_PLIB, "ECM: no cathode event at site %" PetscInt_FMT, site);
        rec->type         = MF_ECM_EVENT_DISSOLUTION;
        st->species[site] = MF_FIL_ION;
        s                 = -1.0;
      }
    }
    rec->charge_displacement_Cm[2] = s * zq * nz * c->a_m;
    rec->charge_to_electrode_C[el] = s * zq;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode EcmCheckParams(const MfEcmParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(p->nu_Hz > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: attempt frequency kmc_ecm_nu = %g Hz must be > 0", (double)p->nu_Hz);
  PetscCheck(p->Ea_oxidation_eV >= 0.0 && p->Ea_reduction_eV >= 0.0 && p->Ea_hop_ion_eV >= 0.0 && p->Ea_dissolution_eV >= 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: barriers must be >= 0 eV (oxidation %g, reduction %g, hop %g, dissolution %g)", (double)p->Ea_oxidation_eV, (double)p->Ea_reduction_eV,
             (double)p->Ea_hop_ion_eV, (double)p->Ea_dissolution_eV);
  PetscCheck(p->z_ion > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: cation charge number kmc_ecm_z = %g must be > 0 (Ag+: 1, Cu2+: 2)", (double)p->z_ion);
  PetscCheck(p->alpha_transfer >= 0.0 && p->alpha_transfer <= 1.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: transfer coefficient kmc_ecm_alpha = %g must be in [0, 1]", (double)p->alpha_transfer);
  PetscCheck(!p->melting || (p->T_melt_K > 0.0 && p->surface_tension_J_per_m2 > 0.0 && p->liquid_density_kg_per_m3 > 0.0), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: melting (kmc_ecm_melting) needs a melting point kmc_ecm_T_melt > 0 K (now %g K), a liquid surface tension kmc_ecm_surface_tension > 0 (%g J/m^2) and density kmc_ecm_liquid_density > 0 (%g kg/m^3)", (double)p->T_melt_K, (double)p->surface_tension_J_per_m2, (double)p->liquid_density_kg_per_m3);
  PetscCheck(p->bond_energy_eV >= 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "ECM: metal-metal bond energy kmc_ecm_bond_energy = %g eV must be >= 0 (0 = no coordination dependence)", (double)p->bond_energy_eV);
  PetscFunctionReturn(0);
}

PetscErrorCode MfEcmSiteRates(const MfEcmParams *p, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscInt type[])
{
  EcmCtx    c;
  PetscReal total;

  PetscFunctionBeginUser;
  PetscCheck(site >= 0 && site < st->lat->nsites, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "ECM: site %" PetscInt_FMT " not in [0, %" PetscInt_FMT ")", site, st->lat->nsites);
  EcmCtxInit(&c, p, st->lat);
  PetscCall(EcmRates(&c, st, site, rate, type, &total)); /* bonds, electrode, melting: MfFilamentSlotsPerSite */
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSetMechanismEcm(MfKmc kmc, const MfEcmParams *p)
{
  EcmCtx           *c;
  MfKmcMechanismOps ops;
  MfKmcLattice      lat;

  PetscFunctionBeginUser;
  PetscCall(EcmCheckParams(p));
  PetscCall(MfKmcGetLattice(kmc, &lat));
  PetscCheck(lat, PETSC_COMM_SELF, PETSC_ERR_ORDER, "ECM: call MfKmcSetLattice before MfKmcSetMechanismEcm");
  PetscCheck(lat->maxnb <= MF_FIL_MAXNB, PETSC_COMM_SELF, PETSC_ERR_SUP, "ECM: coordination %" PetscInt_FMT " > %d not supported", lat->maxnb, MF_FIL_MAXNB);
  PetscCall(PetscNew(&c));
  EcmCtxInit(c, p, lat);
  PetscCall(PetscMemzero(&ops, sizeof(ops)));
  ops.name                = "ecm";
  ops.nspecies            = MF_FIL_NSPECIES;
  ops.species_names       = EcmSpecies;
  ops.nevent_types        = MF_ECM_NUM_EVENTS;
  ops.event_names         = EcmEvents;
  ops.event_kinds         = EcmKinds;
  ops.max_events_per_site = lat->maxnb + 2;
  ops.influence_shells    = 1;
  ops.setup               = FilSetUpCheckLayers_Private;
  ops.site_propensity     = EcmPropensity;
  ops.site_types          = EcmTypes;
  ops.reverse_type        = EcmReverse;
  ops.site_event          = EcmEvent;
  ops.destroy             = FilDestroyContext_Private;
  PetscCall(MfKmcSetMechanism(kmc, &ops, c));
  PetscFunctionReturn(0);
}
