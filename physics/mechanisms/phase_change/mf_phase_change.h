#ifndef MF_PHASE_CHANGE_H
#define MF_PHASE_CHANGE_H
/* Phase change (GST): crystallisation, dissociation and melting in a Gillespie cellular automaton (GCA) on the
 * KMC engine's lattice, after Ashwin, Bhattacharya & Wright's GCA as used by Wang et al., arXiv 2107.02035
 * (code: github.com/YunzhengWang/multiphysics_GCA). docs/phase_change.md
 * describes the model, the laws, the keys and the tests.
 *
 *   pcm_rates.c   the GCA laws as pure functions of T (SI; energies in J unless named _eV)
 *   pcm.c         the engine plug-in (species amorphous / crystalline, grain id and orientation per site)
 *   pcm_params.c  the GST parameter set, the deck keys kmc_pcm_*, a view
 *   pcm_plugin.c  the registry plug-in "phase_change" (state fields, observables) */
#include "mf_kmc.h"

/* Species of a site. A liquid is not a species: above T_m a site is molten and amorphous, below it the same
 * site is a supercooled liquid or a glass, which only its temperature (the viscosity law) tells apart. */
enum { MF_PCM_AMORPHOUS = 0, MF_PCM_CRYSTALLINE = 1, MF_PCM_NSPECIES = 2 };
/* Event types */
enum { MF_PCM_EVENT_NUCLEATION, MF_PCM_EVENT_GROWTH, MF_PCM_EVENT_DISSOCIATION, MF_PCM_EVENT_MELTING, MF_PCM_NUM_EVENTS };
/* Per-site aux reals: the grain id (0 = amorphous; grains are numbered 1, 2, ... in order of nucleation) and
 * the grain's orientation phi in [0, pi) (rad). Global: the number of grains ever nucleated or seeded. */
enum { MF_PCM_AUX_GRAIN = 0, MF_PCM_AUX_PHI = 1, MF_PCM_NAUX = 2 };
#define MF_PCM_MAXNB 6

typedef struct {
  /* GCA set of Wang et al. (arXiv 2107.02035, GST; mechanism-models.md §4 table) */
  PetscReal Ea_eV;            /* viscosity activation energy of the glass (T < T_glass) */
  PetscReal sigma_J_per_m2;   /* crystal / amorphous interface energy */
  PetscReal vm_m3;            /* monomer volume */
  PetscReal lambda_m;         /* jump distance */
  PetscReal r_a_m, R_h_m;     /* atomic and hydrodynamic radius */
  PetscReal T_m_K;            /* melting temperature */
  PetscReal dH_f_J_per_m3;    /* enthalpy of fusion per volume */
  PetscReal eta_inf_Pa_s;     /* MYEGA viscosity at infinite T */
  PetscReal T_g_K;            /* glass transition of the MYEGA law (eta(T_g) = 1e12 Pa s) */
  PetscReal fragility;        /* MYEGA fragility m */
  PetscReal T_glass_K;        /* MYEGA above, Arrhenius below */
  PetscReal theta_rad;        /* wetting angle of heterogeneous nucleation */
  PetscReal D_m;              /* automaton cell size (GCA: 6 monomer diameters; the mechanism: the lattice spacing) */
  /* mechanism controls (not in the GCA) */
  PetscReal nucleation_scale; /* multiplies P_nu (1 = the GCA law) */
  PetscReal melt_rate_Hz;     /* rate at which a crystalline site above T_m melts */
  PetscReal initial_crystalline_fraction; /* as-prepared crystalline sites (each a seed grain) */
  /* state -> fields (constant conductivities of this step; Bruggeman mixing) */
  PetscReal sigma_a_S_per_m, sigma_c_S_per_m, k_a_W_per_mK, k_c_W_per_mK;
} MfPcmParams;

/* The GCA probabilities at one temperature (1/s per neighbour, as in the recipe) and the quantities they use. */
typedef struct {
  PetscReal eta_Pa_s; /* viscosity */
  PetscReal dg_J;     /* driving force per monomer */
  PetscReal P_nu, P_gr, P_di;
} MfPcmRates;

/* ---- laws (pcm_rates.c) ---- */
PetscReal      MfPcmMonomerDiameter(const MfPcmParams *p);
PetscReal      MfPcmDrivingForce(const MfPcmParams *p, PetscReal T_K);
PetscReal      MfPcmWettingFactor(PetscReal theta_rad);
PetscReal      MfPcmCriticalSize(const MfPcmParams *p, PetscReal dg_J);
PetscReal      MfPcmBarrier(const MfPcmParams *p, PetscReal dg_J);
PetscReal      MfPcmViscosityMYEGA(const MfPcmParams *p, PetscReal T_K);
PetscReal      MfPcmViscosity(const MfPcmParams *p, PetscReal T_K);
PetscReal      MfPcmJumpFrequency(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s);
PetscReal      MfPcmZeldovich(PetscReal dg_J, PetscReal T_K, PetscReal n_c);
PetscReal      MfPcmGrowth(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s);
PetscReal      MfPcmDissociation(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s);
PetscReal      MfPcmNucleation(const MfPcmParams *p, PetscReal T_K, PetscReal eta_Pa_s);
PetscErrorCode MfPcmRatesAt(const MfPcmParams *p, PetscReal T_K, MfPcmRates *r);
/* Symmetric effective-medium (Bruggeman) conductivity of a d-dimensional random two-phase mixture. */
PetscReal      MfPcmBruggeman(PetscReal s_a, PetscReal s_c, PetscReal X, PetscInt dim);

/* ---- parameters (pcm_params.c) ---- */
PetscErrorCode MfPcmParamsDefault(MfPcmParams *p);
PetscErrorCode MfPcmParamsSetFromConfig(MfPcmParams *p);
/* The kmc_pcm_* key table (pcm_params.c), registered with the mechanism. */
PetscErrorCode MfPcmRegisterKeys(void);
PetscErrorCode MfPcmParamsCheck(const MfPcmParams *p);
PetscErrorCode MfPcmParamsView(const MfPcmParams *p, PetscViewer viewer);

/* ---- engine plug-in (pcm.c) ---- */
/* Plug the GCA into kmc (lattice set; simple cubic or a graph of at most 6 neighbours). The automaton's cell
 * size D is the lattice spacing of a simple-cubic lattice (p->D_m for a graph). */
PetscErrorCode MfKmcSetMechanismPcm(MfKmc kmc, const MfPcmParams *p);
/* Make a fraction of the amorphous sites crystalline with the engine's stream, each one its own seed grain
 * (the site-saturated start); after MfKmcSetUp. */
PetscErrorCode MfPcmSeedGrains(MfKmc kmc, PetscReal fraction, PetscInt *nplaced);
/* Crystalline sites and distinct grains of the state. */
PetscErrorCode MfPcmCount(const MfKmcState *st, PetscInt *ncrystalline, PetscInt *ngrains);
/* Dimension of a lattice for the mixing rule: axes with more than one site (graph: 3). */
PetscInt       MfPcmLatticeDim(MfKmcLattice lat);

#endif
