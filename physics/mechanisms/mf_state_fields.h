#ifndef MF_STATE_FIELDS_H
#define MF_STATE_FIELDS_H
/* The state -> fields contract: what a switching mechanism's KMC state means to the finite elements.
 *
 * A mechanism does not touch the FE objects. After every change of its state it fills named per-cell
 * arrays of the kinds below on the FE cells of the functional layer that hold KMC sites (rank-local cells;
 * site_cell maps a lattice site to its cell). The coupler (solver/coupler.c) hands each kind to the FE
 * solver that consumes it and writes every field into the VTK frames as cell data named after it, so
 * ParaView shows what the mechanism told the fields. A kind no FE solver of this build consumes is still
 * written to the frames, and the run log says so once.
 *
 * Kinds and units (SI; the FE side of each is documented with its solver):
 *   SIGMA_HOST          S/m    the host's conductivity at its law's reference T0 (the host keeps its law)
 *   SIGMA_EXCESS        S/m    a conductor in parallel with the host, with its own metallic law
 *                              sigma_x / (1 + tcr (T - T0)) (a filament: metal in a polymer or an oxide);
 *                              the field's tcr_per_K is that TCR (0: constant)
 *   THERMAL_CONDUCTIVITY W/m/K the cell's lattice thermal conductivity
 *   CHARGE_DENSITY      C/m^3  space charge (trapped and free carriers) for a Poisson solve
 *   POLARIZATION        C/m^2  remanent polarisation, ncomp = 3 (x, y, z; z = stacking direction): the
 *                              bound charge -div P of the electrostatics
 *   PHASE_FRACTION      1      fraction of the cell in the second phase (e.g. crystalline)
 *   HEAT_SOURCE         W/m^3  extra heat released in the cell (latent heat)
 *   INTERFACE_CONDUCTANCE S/m^2 conductance of the cell's face on an electrode (interface cells only;
 *                              0 elsewhere): Schottky-type switching
 *   BARRIER_HEIGHT      eV     barrier on the same face
 *   DIAGNOSTIC          (unit given by the mechanism) anything else worth seeing in the frames
 * A cell value describes the whole cell: mechanisms average or homogenise over the sites inside it. */
#include <petscsys.h>

typedef enum {
  MF_STATE_SIGMA_HOST,
  MF_STATE_SIGMA_EXCESS,
  MF_STATE_THERMAL_CONDUCTIVITY,
  MF_STATE_CHARGE_DENSITY,
  MF_STATE_POLARIZATION,
  MF_STATE_PHASE_FRACTION,
  MF_STATE_HEAT_SOURCE,
  MF_STATE_INTERFACE_CONDUCTANCE,
  MF_STATE_BARRIER_HEIGHT,
  MF_STATE_DIAGNOSTIC,
  MF_STATE_NUM_KINDS
} MfStateFieldKind;
extern const char *const MfStateFieldKinds[];    /* "sigma_host", ... (for messages) */
extern const char *const MfStateFieldUnits[];    /* SI unit of each kind ("" for DIAGNOSTIC) */

#define MF_STATE_MAX_FIELDS 16
#define MF_STATE_NAME_LEN   64

typedef struct {
  char             name[MF_STATE_NAME_LEN]; /* frame array name, e.g. "filament_excess_sigma_S_per_m" */
  MfStateFieldKind kind;
  PetscInt         ncomp;                   /* 1, or 3 for POLARIZATION */
  PetscReal        tcr_per_K;               /* SIGMA_EXCESS: TCR of the excess conductor's law */
  PetscReal       *value;                   /* ncells * ncomp */
} MfStateField;

typedef struct _n_MfStateFields *MfStateFields;
struct _n_MfStateFields {
  PetscInt        nsites;        /* lattice sites (every rank holds the whole lattice) */
  PetscInt        ncells;        /* rank-local functional cells that hold sites */
  const PetscInt *site_cell;     /* nsites: local cell index, or -1 when the site's cell is on another rank */
  PetscInt       *cell_nsites;   /* ncells: sites inside each cell */
  PetscInt        nfields;
  MfStateField    f[MF_STATE_MAX_FIELDS];
};

/* Created by the coupler once the sites are mapped to cells (site_cell is borrowed and must outlive it). */
PetscErrorCode MfStateFieldsCreate(PetscInt nsites, PetscInt ncells, const PetscInt site_cell[], MfStateFields *sf);
/* A mechanism declares its fields once (in its setup hook) and gets their index; names must be unique.
 * Only DIAGNOSTIC may appear more than once per kind. */
PetscErrorCode MfStateFieldsAdd(MfStateFields sf, const char name[], MfStateFieldKind kind, PetscInt ncomp, PetscInt *index);
PetscErrorCode MfStateFieldsSetTCR(MfStateFields sf, PetscInt index, PetscReal tcr_per_K);
/* The field of a kind (first one), or -1 when the mechanism gives none. */
PetscErrorCode MfStateFieldsFind(MfStateFields sf, MfStateFieldKind kind, PetscInt *index);
PetscErrorCode MfStateFieldsDestroy(MfStateFields *sf);

#endif
