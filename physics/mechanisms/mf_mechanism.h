#ifndef MF_MECHANISM_H
#define MF_MECHANISM_H
/* Switching mechanisms: a registry of plug-ins, each owning its deck keys, its KMC state and what that
 * state means to the fields (mf_state_fields.h). The coupler (solver/coupler.c) and the run know no
 * mechanism by name: they create one by the deck's kmc.mechanism and talk to it through this header.
 *
 *   MfMechanismRegister("vcm", MfMechanismCreate_VCM, MfVcmRegisterKeys);   built-ins in register.c
 *   MfMechanismCreate(comm, &m); MfMechanismSetType(m, name); MfMechanismSetMaterials(m, mats);
 *   MfMechanismSetFromOptions(m);                             its own keys (kmc_<name>_...)
 *   MfMechanismSetUp(m, kmc, sf);                             engine plug-in ops on kmc, state fields declared
 *   MfMechanismInitialState(m, kmc);                          the as-prepared state (after MfKmcSetUp)
 *   per state change: MfMechanismComputeStateFields(m, st, sf)
 *   per record: MfMechanismObserve(m, st, values, status)     time-series columns and a log text
 *   MfMechanismDestroy(&m);
 *
 * A new mechanism is one folder under physics/mechanisms/ (its laws, rates, keys, create function) and one
 * line in register.c (or an MfMechanismRegister call of the program that wants it: verification/mechanisms
 * registers a toy one from its test). docs/mechanisms.md says how. */
#include "mf_kmc.h"
#include "mf_material.h"
#include "mf_mesh.h"
#include "mf_state_fields.h"

typedef struct _p_MfMechanism *MfMechanism;
typedef PetscErrorCode (*MfMechanismCreateFn)(MfMechanism);
typedef PetscErrorCode (*MfMechanismKeysFn)(void); /* registers the mechanism's deck keys (MfKeysRegister) */

/* Kinetic effect of a uniform hydrostatic stress sigma_h (tensile > 0) through the activation volume of the
 * mechanism's barriers: barrier change dE = -Omega sigma_h, rate factor exp(Omega sigma_h / kT), and the
 * predicted shift range of a ramp's switching voltage [dV_min, dV_max] (physics/mechanisms/filament/
 * strain_kinetics.c derives it for the filament mechanisms). */
typedef struct {
  PetscReal dE_eV, rate_factor, dV_min_V, dV_max_V;
} MfStrainKinetics;

/* One number of the final state for summary.json (the "kmc" section). */
typedef enum { MF_MECHANISM_REAL, MF_MECHANISM_INT, MF_MECHANISM_BOOL } MfMechanismResultType;
typedef struct {
  const char           *name;
  MfMechanismResultType type;
  PetscReal             value;
} MfMechanismResult;

#define MF_MECHANISM_MAX_COLUMNS 16
#define MF_MECHANISM_MAX_RESULTS 16
#define MF_MECHANISM_STATUS_LEN  128

/* What a mechanism implements (its create function fills ops and data). Required: setfromoptions, setup,
 * state_fields. Everything else is optional. */
typedef struct {
  /* read the mechanism's own keys (defaults may come from m->mats) */
  PetscErrorCode (*setfromoptions)(MfMechanism m);
  /* plug the engine ops into kmc (MfKmcSetMechanism; the lattice is set) and declare the state fields */
  PetscErrorCode (*setup)(MfMechanism m, MfKmc kmc, MfStateFields sf);
  /* as-prepared state after MfKmcSetUp (random fills use the engine's stream: deterministic) */
  PetscErrorCode (*initial_state)(MfMechanism m, MfKmc kmc);
  /* KMC state -> the declared state fields */
  PetscErrorCode (*state_fields)(MfMechanism m, const MfKmcState *st, MfStateFields sf);
  /* an integer measure of the state to which the device current is exponentially sensitive (a filament's
   * gap in sites): while it is > 1 the coupler sizes its KMC chunks so that it changes by at most about one
   * unit between FE updates. Without it the chunks follow the current alone. */
  PetscErrorCode (*progress)(MfMechanism m, const MfKmcState *st, PetscInt *units);
  /* the values of the m->ncolumns time-series columns, and a short text for the progress line */
  PetscErrorCode (*observe)(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len);
  /* numbers of the final state for summary.json (at most MF_MECHANISM_MAX_RESULTS) */
  PetscErrorCode (*results)(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[]);
  /* activation-volume prediction of bending: a mean hydrostatic stress at temperature T over a layer of
   * thickness L_m with site spacing a_m */
  PetscErrorCode (*strain_kinetics)(MfMechanism m, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *sk);
  /* parameters, for the run log */
  PetscErrorCode (*view)(MfMechanism m, PetscViewer viewer);
  PetscErrorCode (*destroy)(MfMechanism m);
} MfMechanismOps;

struct _p_MfMechanism {
  MPI_Comm          comm;
  char              type[64];
  MfMechanismOps    ops;
  void             *data;                    /* the implementation's own state */
  const MfMaterial *mats;                    /* MF_NUM_REGIONS materials of the stack (borrowed) */
  /* set by the create function: time-series columns (names with units, e.g. "gap_m") */
  PetscInt          ncolumns;
  const char       *columns[MF_MECHANISM_MAX_COLUMNS];
  /* set by the create function: species shown as points in the site clouds of the frames (NULL = none),
   * and the clouds' file name ("defects": defects.pvd + defects_NNNN.vtp) */
  const PetscBool  *point_species;
  const char       *points_name;
};

/* Registry (PETSc's PetscFunctionList). A name registered twice replaces the first. The mechanism's keys are
 * registered at once (register_keys may be NULL for a mechanism without keys), so register before a deck is
 * validated. */
PetscErrorCode MfMechanismRegister(const char name[], MfMechanismCreateFn create, MfMechanismKeysFn register_keys);
/* The built-in mechanisms (register.c), once: called by MfMechanismInitializePackage. */
PetscErrorCode MfMechanismRegisterAll(void);
/* Registers the built-ins unless done; every registry function calls it first (as PETSc's
 * XxxInitializePackage), and the program calls it before it validates a deck. */
PetscErrorCode MfMechanismInitializePackage(void);
PetscErrorCode MfMechanismIsRegistered(const char name[], PetscBool *found);
/* "vcm, ecm" (registration order) */
PetscErrorCode MfMechanismListRegistered(char list[], size_t len);
PetscErrorCode MfMechanismRegistryDestroy(void);

PetscErrorCode MfMechanismCreate(MPI_Comm comm, MfMechanism *m);
/* Unknown name: a PETSC_ERR_USER_INPUT naming kmc.mechanism and the registered mechanisms. */
PetscErrorCode MfMechanismSetType(MfMechanism m, const char type[]);
PetscErrorCode MfMechanismSetMaterials(MfMechanism m, const MfMaterial mats[]);
PetscErrorCode MfMechanismSetFromOptions(MfMechanism m);
PetscErrorCode MfMechanismSetUp(MfMechanism m, MfKmc kmc, MfStateFields sf);
PetscErrorCode MfMechanismInitialState(MfMechanism m, MfKmc kmc);
PetscErrorCode MfMechanismComputeStateFields(MfMechanism m, const MfKmcState *st, MfStateFields sf);
/* *has = PETSC_FALSE when the mechanism gives no progress measure (then *units = 0). */
PetscErrorCode MfMechanismProgress(MfMechanism m, const MfKmcState *st, PetscInt *units, PetscBool *has);
/* values[m->ncolumns]; status gets "" when the mechanism has none */
PetscErrorCode MfMechanismObserve(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len);
PetscErrorCode MfMechanismResults(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[]);
/* *has = PETSC_FALSE when the mechanism makes no bending prediction */
PetscErrorCode MfMechanismStrainKinetics(MfMechanism m, PetscReal sigma_h_Pa, PetscReal T_K, PetscReal a_m, PetscReal L_m, MfStrainKinetics *sk, PetscBool *has);
PetscErrorCode MfMechanismView(MfMechanism m, PetscViewer viewer);
PetscErrorCode MfMechanismDestroy(MfMechanism *m);

#endif
