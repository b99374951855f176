/* A third switching mechanism registered from a test alone: charged carriers doing a field-biased random walk
 * (the KMC engine's reference hop mechanism) whose state is a space-charge density on the FE cells. It proves
 * the plug-in contract: its keys, state, state field, time-series columns, summary numbers and frame array
 * come from this file and one MfMechanismRegister line; `memflex run` knows nothing about it.
 *
 * Usage: toy_walk run deck.yaml [-key value ...]   (every verb of memflex, with "toy_walk" registered) */
#include "mf_mechanism.h"
#include "mf_keys.h"
#include "mf_cli.h"
#include "mf_kmc_rates.h"

#define BIG PETSC_MAX_REAL
static const MfKey kToyKeys[] = {
  {"kmc_toy_fraction", MF_KEY_REAL, "", "0.1", 0, 1, NULL, "toy walk: as-deposited carrier site fraction", PETSC_FALSE, PETSC_TRUE},
  {"kmc_toy_barrier", MF_KEY_REAL, "eV", "0.6 eV", 0, 5, NULL, "toy walk: zero-field hop barrier", PETSC_FALSE, PETSC_FALSE},
  {"kmc_toy_z", MF_KEY_REAL, "", "1", -4, 4, NULL, "toy walk: charge number of a carrier", PETSC_FALSE, PETSC_FALSE},
};

typedef struct {
  MfKmcHopParams hop;
  PetscReal      fraction, a_m;
  PetscInt       f_rho;
} Toy;

static PetscErrorCode ToySetFromOptions(MfMechanism m)
{
  Toy      *t = (Toy *)m->data;
  PetscReal Ea_eV;

  PetscFunctionBeginUser;
  PetscCall(MfKmcHopDefaultParams(&t->hop));
  PetscCall(MfConfigGetReal("kmc_toy_fraction", &t->fraction, NULL));
  PetscCall(MfConfigGetReal("kmc_toy_barrier", &Ea_eV, NULL));
  PetscCall(MfConfigGetReal("kmc_toy_z", &t->hop.z, NULL));
  t->hop.Ea_J = Ea_eV * MF_E_C;
  PetscFunctionReturn(0);
}

static PetscErrorCode ToySetUp(MfMechanism m, MfKmc kmc, MfStateFields sf)
{
  Toy         *t = (Toy *)m->data;
  MfKmcLattice lat;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetLattice(kmc, &lat));
  t->a_m = lat->a_m;
  PetscCall(MfKmcSetMechanismHop(kmc, &t->hop));
  PetscCall(MfStateFieldsAdd(sf, "toy_charge_density_C_per_m3", MF_STATE_CHARGE_DENSITY, 1, &t->f_rho));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyInitialState(MfMechanism m, MfKmc kmc)
{
  PetscInt placed;

  PetscFunctionBeginUser;
  PetscCall(MfKmcFillRandom(kmc, 0, 1, ((Toy *)m->data)->fraction, &placed));
  PetscFunctionReturn(0);
}

/* rho = z q n_carriers / (n_sites a^3): a site stands for a cube of side a */
static PetscErrorCode ToyStateFields(MfMechanism m, const MfKmcState *st, MfStateFields sf)
{
  Toy       *t   = (Toy *)m->data;
  PetscReal *rho = sf->f[t->f_rho].value;

  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < sf->ncells; c++) rho[c] = 0.0;
  for (PetscInt s = 0; s < sf->nsites; s++)
    if (sf->site_cell[s] >= 0 && st->species[s] == 1) rho[sf->site_cell[s]] += t->hop.z * MF_E_C;
  for (PetscInt c = 0; c < sf->ncells; c++) rho[c] /= sf->cell_nsites[c] * t->a_m * t->a_m * t->a_m;
  PetscFunctionReturn(0);
}

/* carriers and their mean height above the bottom electrode (site centres) */
static void Count(const MfKmcState *st, PetscReal a, PetscInt *n, PetscReal *zmean)
{
  const PetscInt nxy = st->lat->n[0] * st->lat->n[1];
  PetscReal      zs  = 0;
  *n                 = 0;
  for (PetscInt s = 0; s < st->lat->nsites; s++)
    if (st->species[s] == 1) {
      (*n)++;
      zs += (s / nxy + 0.5) * a;
    }
  *zmean = *n ? zs / *n : 0.0;
}

static PetscErrorCode ToyObserve(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len)
{
  PetscInt  n;
  PetscReal z;

  PetscFunctionBeginUser;
  Count(st, ((Toy *)m->data)->a_m, &n, &z);
  values[0] = (PetscReal)n;
  values[1] = z;
  PetscCall(PetscSNPrintf(status, len, "carriers %5" PetscInt_FMT " at <z> = %5.2f nm", n, (double)(z * 1e9)));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyResults(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[])
{
  PetscInt  nc;
  PetscReal z;

  PetscFunctionBeginUser;
  Count(st, ((Toy *)m->data)->a_m, &nc, &z);
  r[0] = (MfMechanismResult){"toy_final_carriers", MF_MECHANISM_INT, (PetscReal)nc};
  r[1] = (MfMechanismResult){"toy_final_mean_height_m", MF_MECHANISM_REAL, z};
  *n   = 2;
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyDestroy(MfMechanism m)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(m->data));
  PetscFunctionReturn(0);
}

static PetscErrorCode MfMechanismCreate_ToyWalk(MfMechanism m)
{
  static const char *const columns[] = {"toy_carriers", "toy_mean_height_m"};
  Toy                     *t;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&t));
  m->data               = t;
  m->ops.setfromoptions = ToySetFromOptions;
  m->ops.setup          = ToySetUp;
  m->ops.initial_state  = ToyInitialState;
  m->ops.state_fields   = ToyStateFields;
  m->ops.observe        = ToyObserve;
  m->ops.results        = ToyResults;
  m->ops.destroy        = ToyDestroy;
  m->ncolumns           = 2;
  m->columns[0]         = columns[0];
  m->columns[1]         = columns[1];
  PetscFunctionReturn(0);
}

static PetscErrorCode RegisterToyKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kToyKeys, (PetscInt)(sizeof(kToyKeys) / sizeof(kToyKeys[0]))));
  PetscFunctionReturn(0);
}

static PetscErrorCode RegisterToy(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfMechanismRegister("toy_walk", MfMechanismCreate_ToyWalk, RegisterToyKeys));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  return MfMain(argc, argv, RegisterToy);
}
