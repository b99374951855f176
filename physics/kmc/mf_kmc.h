#ifndef MF_KMC_H
#define MF_KMC_H
/* Kinetic Monte Carlo engine: lattice, event selection, residence-time clock, RNG streams, frozen-field
 * windows and checkpoints. It knows nothing about finite elements and nothing about the physics of an
 * event: a mechanism plug-in (MfKmcMechanismOps) supplies species, event types and per-site propensities
 * and executes the chosen event; the engine selects, advances the clock and keeps the rates current with
 * local updates only (the app/solve split of SPPARKS, Plimpton et al., SAND2009-6226).
 *
 * Algorithm: rejection-free residence-time (BKL) KMC, Bortz, Kalos & Lebowitz, J. Comput. Phys. 17, 10
 * (1975); Gillespie, J. Comput. Phys. 22, 403 (1976). Selection in O(log N) with a binary sum tree or in
 * O(1) with composition-rejection (Slepoy, Thompson & Plimpton, J. Chem. Phys. 128, 205101 (2008)).
 * Units: SI throughout (m, s, K, V/m, Pa, J). */
#include <petscsys.h>
#include <petscviewer.h>

/* ------------------------------------------------------------------------------------------------ */
/* Lattice                                                                                           */
/* ------------------------------------------------------------------------------------------------ */
typedef enum { MF_KMC_LATTICE_SIMPLE_CUBIC, MF_KMC_LATTICE_GRAPH } MfKmcLatticeType;

/* Site flags (bit mask). The stacking direction is z; the functional layer spans z in [0, (nz-1) a]. */
#define MF_KMC_SITE_BOTTOM_INTERFACE 0x1 /* site in the layer touching the bottom electrode */
#define MF_KMC_SITE_TOP_INTERFACE    0x2 /* site in the layer touching the top electrode */

/* Read-only for mechanisms (the engine owns it). Neighbour lists have a fixed stride maxnb (query them with
 * MfKmcLatticeNeighbors); a missing neighbour (open boundary) is -1. Neighbour relations are symmetric (checked at creation). The
 * displacement of bond (site,k) is bondvec[3*type], type = bond ? bond[site*maxnb+k] : k. */
typedef struct _p_MfKmcLattice {
  MfKmcLatticeType type;
  PetscInt         nsites, maxnb;
  PetscInt        *nbr;        /* graph: nsites*maxnb neighbour indices, -1 = none (NULL for simple cubic) */
  PetscInt        *bond;       /* NULL (simple cubic: type = slot k) or nsites*maxnb bond types */
  PetscInt         nbondtypes;
  PetscReal       *bondvec;    /* nbondtypes*3 displacement vectors of the bonds, m */
  PetscReal       *coords;     /* nsites*3 site positions, m (NULL for simple cubic: computed) */
  unsigned char   *flags;      /* nsites MF_KMC_SITE_* masks */
  PetscInt         n[3];       /* simple cubic: sites per direction */
  PetscBool        periodic[3];
  PetscReal        a_m;        /* simple cubic: lattice spacing */
  PetscInt         refct;
} *MfKmcLattice;

/* Simple cubic nx*ny*nz lattice with spacing a_m; site index = i + nx (j + ny k); slots 0..5 are the
 * bonds +x,-x,+y,-y,+z,-z. An axis with n = 1 carries no bonds. Layers k = 0 and k = nz-1 are flagged as
 * electrode interfaces unless z is periodic. */
PetscErrorCode MfKmcLatticeCreateSimpleCubic(MPI_Comm comm, const PetscInt n[3], PetscReal a_m, const PetscBool periodic[3], MfKmcLattice *lat);
/* Any lattice as a graph: coords (nsites*3, m), neighbours nbr (nsites*maxnb, -1 = none) and the
 * displacement vector of every bond bondvec (nsites*maxnb*3, m, ignored where nbr = -1), flags may be NULL.
 * Arrays are copied. The neighbour relation must be symmetric with opposite bond vectors. */
PetscErrorCode MfKmcLatticeCreateGraph(MPI_Comm comm, PetscInt nsites, PetscInt maxnb, const PetscReal coords[], const PetscInt nbr[], const PetscReal bondvec[], const unsigned char flags[], MfKmcLattice *lat);
PetscErrorCode MfKmcLatticeGetCoordinates(MfKmcLattice lat, PetscInt site, PetscReal x[3]);
PetscErrorCode MfKmcLatticeReference(MfKmcLattice lat);
PetscErrorCode MfKmcLatticeDestroy(MfKmcLattice *lat);

/* Neighbours of `site` (maxnb entries, -1 = none). Simple cubic computes them from the index (no memory
 * traffic: neighbour lists of 10^6-site lattices do not stay in cache), a graph returns its list. `buf`
 * must hold maxnb entries; use the returned pointer. */
static inline const PetscInt *MfKmcLatticeNeighbors(MfKmcLattice lat, PetscInt site, PetscInt buf[])
{
  if (lat->nbr) return lat->nbr + (size_t)site * lat->maxnb;
  const PetscInt nx = lat->n[0], ny = lat->n[1], nz = lat->n[2], nxy = nx * ny;
  const PetscInt k = site / nxy, r = site - k * nxy, j = r / nx;
  const PetscInt i = r - j * nx;
  /* an axis of length 1 has no bonds; a periodic axis wraps */
  const PetscBool px = (PetscBool)(lat->periodic[0] && nx > 1), py = (PetscBool)(lat->periodic[1] && ny > 1), pz = (PetscBool)(lat->periodic[2] && nz > 1);
  buf[0] = i + 1 < nx ? site + 1 : (px ? site + 1 - nx : -1);
  buf[1] = i > 0 ? site - 1 : (px ? site + nx - 1 : -1);
  buf[2] = j + 1 < ny ? site + nx : (py ? site + nx - nxy : -1);
  buf[3] = j > 0 ? site - nx : (py ? site + nxy - nx : -1);
  buf[4] = k + 1 < nz ? site + nxy : (pz ? site + nxy - nxy * nz : -1);
  buf[5] = k > 0 ? site - nxy : (pz ? site + nxy * nz - nxy : -1);
  return buf;
}

static inline const PetscReal *MfKmcLatticeBondVector(MfKmcLattice lat, PetscInt site, PetscInt k)
{
  PetscInt t = lat->bond ? lat->bond[site * lat->maxnb + k] : k;
  return lat->bondvec + 3 * t;
}

/* ------------------------------------------------------------------------------------------------ */
/* Local fields, filled by the coupler (frozen during a window)                                      */
/* ------------------------------------------------------------------------------------------------ */
typedef struct {
  PetscReal E_V_per_m[3]; /* electric field */
  PetscReal T_K;          /* temperature */
  PetscReal sigma_h_Pa;   /* hydrostatic stress tr(sigma)/3, tensile positive */
  PetscReal strain[6];    /* Voigt: xx yy zz yz xz xy */
  PetscReal phi_V;        /* electrostatic potential */
} MfKmcSiteFields;

/* ------------------------------------------------------------------------------------------------ */
/* Mechanism plug-in interface                                                                       */
/* ------------------------------------------------------------------------------------------------ */
typedef enum {
  MF_KMC_EVENT_HOP,        /* particle moves to a neighbour site */
  MF_KMC_EVENT_CREATE,     /* defect (pair) generation, oxidation, injection from a reservoir */
  MF_KMC_EVENT_ANNIHILATE, /* recombination, reduction, absorption by a reservoir */
  MF_KMC_EVENT_REACT,      /* change of species of one or more sites (redox, clustering) */
  MF_KMC_EVENT_CAPTURE,    /* carrier captured by a trap */
  MF_KMC_EVENT_EMIT,       /* carrier emitted from a trap */
  MF_KMC_EVENT_FLIP,       /* two-state switch (polarisation, phase) */
  MF_KMC_NUM_EVENT_KINDS
} MfKmcEventKind;
extern const char *const MfKmcEventKinds[];

/* Species index of a site (<= 255 species; one byte keeps the hot data in cache). */
typedef unsigned char MfKmcSpecies;
#define MF_KMC_MAX_SPECIES 255

/* What a mechanism sees: the state it may read (and, in site_event, modify). */
typedef struct {
  MfKmcLattice           lat;
  MfKmcSpecies          *species; /* nsites */
  PetscReal             *aux;     /* nsites*naux mechanism per-site reals (grain id, activation field...) */
  PetscInt               naux;
  PetscReal             *global;  /* nglobal mechanism scalars (reservoir counts...) */
  const MfKmcSiteFields *fields;  /* nsites, or NULL when uniform */
  MfKmcSiteFields        uniform; /* used when fields == NULL */
  PetscReal              time_s;  /* clock at the event being executed */
} MfKmcState;

static inline const MfKmcSiteFields *MfKmcStateFields(const MfKmcState *st, PetscInt site)
{
  return st->fields ? &st->fields[site] : &st->uniform;
}

#define MF_KMC_MAX_MODIFIED 64
/* Filled by site_event: the sites whose state it changed (the engine updates their rates and those of
 * their neighbours up to influence_shells), the event type, and the charge it moved. */
typedef struct {
  PetscInt  type;                      /* index into the mechanism's event types */
  PetscInt  nmodified;
  PetscInt  modified[MF_KMC_MAX_MODIFIED];
  PetscReal charge_displacement_Cm[3]; /* sum of q*dx of moved charges (ionic current: I = sum q dz / L / dt) */
  PetscReal charge_to_electrode_C[2];  /* charge delivered to the bottom [0] / top [1] electrode */
} MfKmcEventRecord;

typedef struct {
  const char            *name;
  PetscInt               nspecies;
  const char *const     *species_names;
  PetscInt               nevent_types;
  const char *const     *event_names;
  const MfKmcEventKind  *event_kinds;
  PetscInt               max_events_per_site; /* propensity slots per site */
  PetscInt               influence_shells;    /* neighbour shells whose rates depend on a site's state */
  PetscInt               naux, nglobal;       /* engine-owned, checkpointed mechanism state */
  /* optional (nspecies entries): PETSC_FALSE for species whose sites never have an event (e.g. empty
   * sites of a hopping model); the engine then skips site_propensity for them, which at low occupancy
   * removes most of the per-event work */
  const PetscBool       *species_active;
  /* optional: read options, check the lattice, allocate caches (called in MfKmcSetUp) */
  PetscErrorCode (*setup)(void *ctx, const MfKmcState *st);
  /* optional: new frozen fields were set; refresh field-dependent caches */
  PetscErrorCode (*fields_changed)(void *ctx, const MfKmcState *st);
  /* required: rates (1/s) of the max_events_per_site slots of `site` (0 = not possible) and their sum
   * *total (summed in slot order); must be a pure function of the state and fields so that a
   * recomputation is bit-identical */
  PetscErrorCode (*site_propensity)(void *ctx, const MfKmcState *st, PetscInt site, PetscReal rate[], PetscReal *total);
  /* required: execute slot `slot` of `site`; fill rec (type, modified sites, charge moved) */
  PetscErrorCode (*site_event)(void *ctx, MfKmcState *st, PetscInt site, PetscInt slot, MfKmcEventRecord *rec);
  /* optional: free ctx */
  PetscErrorCode (*destroy)(void *ctx);
  /* optional, for the temporal acceleration (accel.c, -kmc_accelerate): the event type of every slot of `site`
   * (-1 where the slot has no event), consistent with site_propensity; and for each event type the type
   * that undoes it (-1: none). Pairs of two different types can be scaled; a type that is its own reverse
   * (a hop) is never scaled, because its fast back-and-forth and its net drift cannot be told apart. */
  PetscErrorCode (*site_types)(void *ctx, const MfKmcState *st, PetscInt site, PetscInt type[]);
  const PetscInt *reverse_type;
} MfKmcMechanismOps;

/* ------------------------------------------------------------------------------------------------ */
/* Engine                                                                                            */
/* ------------------------------------------------------------------------------------------------ */
typedef struct _p_MfKmc *MfKmc;

typedef enum { MF_KMC_SELECTOR_TREE, MF_KMC_SELECTOR_CR, MF_KMC_SELECTOR_LINEAR } MfKmcSelectorType;
extern const char *const MfKmcSelectorTypes[]; /* "tree","cr","linear" for PetscOptionsEnum */

typedef enum { MF_KMC_STOP_TIME, MF_KMC_STOP_EVENTS, MF_KMC_STOP_ABSORBING } MfKmcStopReason;

typedef struct {
  PetscInt64      nevents;   /* events executed in this window */
  PetscReal       dt_s;      /* simulated time advanced */
  MfKmcStopReason reason;
  PetscReal       charge_displacement_Cm[3];
  PetscReal       charge_to_electrode_C[2];
} MfKmcWindowStats;

/* Called after every executed event (after rates were updated); t_s is the clock after the event. */
typedef PetscErrorCode (*MfKmcEventMonitor)(void *ctx, const MfKmcState *st, PetscInt site, PetscInt slot, const MfKmcEventRecord *rec, PetscReal dt_s, PetscReal t_s);

PetscErrorCode MfKmcCreate(MPI_Comm comm, MfKmc *kmc);
PetscErrorCode MfKmcSetLattice(MfKmc kmc, MfKmcLattice lat); /* takes a reference */
PetscErrorCode MfKmcGetLattice(MfKmc kmc, MfKmcLattice *lat); /* borrowed, NULL if not set */
PetscErrorCode MfKmcSetMechanism(MfKmc kmc, const MfKmcMechanismOps *ops, void *ctx); /* ctx owned via ops->destroy */
PetscErrorCode MfKmcSetSelector(MfKmc kmc, MfKmcSelectorType type);
/* Stream of ensemble member `member` of the deck seed: see MfKmcStreamSeed. */
PetscErrorCode MfKmcSetSeed(MfKmc kmc, unsigned long seed, PetscInt member);
/* Options (prefix -kmc_): -kmc_selector tree|cr|linear, -kmc_seed, -kmc_member, -kmc_rng mt19937|ranlxd2|taus2,
 * -kmc_check_every n (debug: verify stored rates against recomputation every n events). */
PetscErrorCode MfKmcSetFromOptions(MfKmc kmc);
/* The deck keys of those options (kmc_seed, kmc_accel*: units and ranges for the deck validator). */
PetscErrorCode MfKmcRegisterKeys(void);
PetscErrorCode MfKmcSetUp(MfKmc kmc);
PetscErrorCode MfKmcDestroy(MfKmc *kmc);
PetscErrorCode MfKmcView(MfKmc kmc, PetscViewer viewer);

/* State access (after SetUp). Species/aux may be edited before a window followed by MfKmcSitesChanged. */
PetscErrorCode MfKmcGetState(MfKmc kmc, MfKmcState **st);
PetscErrorCode MfKmcSitesChanged(MfKmc kmc, PetscInt n, const PetscInt sites[]); /* n < 0: all sites */
/* Put species `to` on a fraction of the sites holding `from`, chosen with the engine's RNG (deterministic). */
PetscErrorCode MfKmcFillRandom(MfKmc kmc, PetscInt from, PetscInt to, PetscReal fraction, PetscInt *nplaced);

/* Frozen fields for the next window: uniform, or one record per site (copied). */
PetscErrorCode MfKmcSetUniformFields(MfKmc kmc, const MfKmcSiteFields *f);
PetscErrorCode MfKmcSetSiteFields(MfKmc kmc, PetscInt nsites, const MfKmcSiteFields f[]);

/* Advance until the clock has moved by dt_s (dt_s <= 0: no time limit) or max_events events were executed
 * (max_events <= 0: no limit) or no event is possible. A draw that would cross the window end is discarded
 * and the clock set to the end (exact by the memorylessness of the exponential). */
PetscErrorCode MfKmcRun(MfKmc kmc, PetscReal dt_s, PetscInt64 max_events, MfKmcWindowStats *stats);
PetscErrorCode MfKmcSetEventMonitor(MfKmc kmc, MfKmcEventMonitor fn, void *ctx);

PetscErrorCode MfKmcGetTime(MfKmc kmc, PetscReal *t_s);
/* Temporal acceleration (accel.c): the number of event types whose rates are scaled down now and the smallest
 * scale factor (1 when off or nothing is scaled). */
PetscErrorCode MfKmcGetAcceleration(MfKmc kmc, PetscInt *nscaled, PetscReal *min_scale);
PetscErrorCode MfKmcGetTotalRate(MfKmc kmc, PetscReal *rate_per_s);
PetscErrorCode MfKmcGetEventCount(MfKmc kmc, PetscInt64 *nevents);
PetscErrorCode MfKmcGetEventTypeCounts(MfKmc kmc, PetscInt *ntypes, const PetscInt64 **counts);
/* Sites modified since the last call of MfKmcClearChangedSites (for the coupler's field updates). */
PetscErrorCode MfKmcGetChangedSites(MfKmc kmc, PetscInt *n, const PetscInt **sites);
PetscErrorCode MfKmcClearChangedSites(MfKmc kmc);
/* Debug/test: recompute every site's rates and compare with the selector (error on mismatch). */
PetscErrorCode MfKmcCheckRates(MfKmc kmc);

/* Checkpoint: lattice fingerprint, species, aux, globals, fields, clock, counters, RNG state and the
 * selector's ordering; reading it into an engine set up with the same lattice and mechanism continues the
 * trajectory bit for bit. Rank 0 writes; every rank reads. */
PetscErrorCode MfKmcCheckpointWrite(MfKmc kmc, const char path[]);
PetscErrorCode MfKmcCheckpointRead(MfKmc kmc, const char path[]);

/* Seed of ensemble member `member`: splitmix64 finaliser of (seed + (member+1) * 0x9E3779B97F4A7C15),
 * folded to 32 bits (mt19937 uses 32-bit seeds). Documented in docs/kmc.md. */
unsigned long MfKmcStreamSeed(unsigned long seed, PetscInt member);

/* ------------------------------------------------------------------------------------------------ */
/* Reference mechanism: field-biased vacancy (or ion) hopping with site exclusion                    */
/* ------------------------------------------------------------------------------------------------ */
typedef enum { MF_KMC_BARRIER_LINEAR, MF_KMC_BARRIER_JART } MfKmcBarrierShape;
extern const char *const MfKmcBarrierShapes[];

typedef struct {
  PetscReal         nu_Hz;               /* attempt frequency */
  PetscReal         Ea_J;                /* zero-field, zero-stress migration barrier */
  PetscReal         z;                   /* charge number of the mobile species (V_O: +2) */
  MfKmcBarrierShape shape;               /* LINEAR (Mott-Gurney) or JART */
  PetscReal         activation_volume_m3;/* Omega in Ea - Omega sigma_h */
} MfKmcHopParams;

/* Species 0 = empty site, 1 = mobile particle; event types "hop_<k>" for bond slot k. Rates:
 * Gamma = nu exp(-Eb/kT) with Eb from MfKmcHopBarrier (field along the bond, bond-midpoint T, E, sigma_h). */
PetscErrorCode MfKmcHopDefaultParams(MfKmcHopParams *p);
/* Options -kmc_hop_nu (Hz), -kmc_hop_Ea (eV), -kmc_hop_z, -kmc_hop_barrier linear|jart, -kmc_hop_omega (m^3). */
PetscErrorCode MfKmcHopParamsSetFromOptions(MfKmcHopParams *p);
PetscErrorCode MfKmcSetMechanismHop(MfKmc kmc, const MfKmcHopParams *p);

/* events/s of pure vacancy hopping (options -kmc_bench_n 64,128 -kmc_bench_occupancy 0.01,0.1
 * -kmc_bench_events 2000000 -kmc_bench_selectors tree,cr); prints a table on comm. */
PetscErrorCode MfKmcBenchmark(MPI_Comm comm);

#endif
