/* The state -> fields container (mf_state_fields.h). */
#include <string.h>
#include "mf_state_fields.h"

const char *const MfStateFieldKinds[] = {"sigma_host", "sigma_excess", "thermal_conductivity", "charge_density", "polarization", "phase_fraction", "heat_source", "interface_conductance", "barrier_height", "diagnostic"};
const char *const MfStateFieldUnits[] = {"S/m", "S/m", "W/m/K", "C/m^3", "C/m^2", "1", "W/m^3", "S/m^2", "eV", ""};

PetscErrorCode MfStateFieldsCreate(PetscInt nsites, PetscInt ncells, const PetscInt site_cell[], MfStateFields *out)
{
  MfStateFields sf;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&sf));
  sf->nsites    = nsites;
  sf->ncells    = ncells;
  sf->site_cell = site_cell;
  PetscCall(PetscCalloc1(ncells, &sf->cell_nsites));
  for (PetscInt s = 0; s < nsites; s++) {
    PetscCheck(site_cell[s] < ncells, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "state fields: site %" PetscInt_FMT " maps to cell %" PetscInt_FMT " of %" PetscInt_FMT, s, site_cell[s], ncells);
    if (site_cell[s] >= 0) sf->cell_nsites[site_cell[s]]++;
  }
  *out = sf;
  PetscFunctionReturn(0);
}

PetscErrorCode MfStateFieldsAdd(MfStateFields sf, const char name[], MfStateFieldKind kind, PetscInt ncomp, PetscInt *index)
{
  MfStateField *f;

  PetscFunctionBeginUser;
  PetscCheck(sf->nfields < MF_STATE_MAX_FIELDS, PETSC_COMM_SELF, PETSC_ERR_SUP, "state fields: more than %d fields", MF_STATE_MAX_FIELDS);
  PetscCheck(kind >= 0 && kind < MF_STATE_NUM_KINDS, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "state fields: unknown kind %d", (int)kind);
  PetscCheck(ncomp == (kind == MF_STATE_POLARIZATION ? 3 : 1) || kind == MF_STATE_DIAGNOSTIC, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "state field '%s' (%s) must have %d component(s), not %" PetscInt_FMT, name, MfStateFieldKinds[kind], kind == MF_STATE_POLARIZATION ? 3 : 1, ncomp);
  PetscCheck(ncomp >= 1 && ncomp <= 9, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "state field '%s': %" PetscInt_FMT " components", name, ncomp);
  for (PetscInt i = 0; i < sf->nfields; i++) {
    PetscCheck(strcmp(sf->f[i].name, name), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "state field '%s' declared twice", name);
    PetscCheck(kind == MF_STATE_DIAGNOSTIC || sf->f[i].kind != kind, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "state fields '%s' and '%s' are both of kind %s (one per kind)", sf->f[i].name, name, MfStateFieldKinds[kind]);
  }
  f = &sf->f[sf->nfields];
  PetscCall(PetscStrncpy(f->name, name, sizeof(f->name)));
  f->kind  = kind;
  f->ncomp = ncomp;
  PetscCall(PetscCalloc1(sf->ncells * ncomp, &f->value));
  *index = sf->nfields++;
  PetscFunctionReturn(0);
}

PetscErrorCode MfStateFieldsSetTCR(MfStateFields sf, PetscInt index, PetscReal tcr_per_K)
{
  PetscFunctionBeginUser;
  PetscCheck(index >= 0 && index < sf->nfields && sf->f[index].kind == MF_STATE_SIGMA_EXCESS, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "state fields: a TCR belongs to a sigma_excess field");
  sf->f[index].tcr_per_K = tcr_per_K;
  PetscFunctionReturn(0);
}

PetscErrorCode MfStateFieldsFind(MfStateFields sf, MfStateFieldKind kind, PetscInt *index)
{
  *index = -1;
  for (PetscInt i = 0; i < sf->nfields; i++)
    if (sf->f[i].kind == kind) {
      *index = i;
      break;
    }
  return 0;
}

PetscErrorCode MfStateFieldsDestroy(MfStateFields *sf)
{
  PetscFunctionBeginUser;
  if (!*sf) PetscFunctionReturn(0);
  for (PetscInt i = 0; i < (*sf)->nfields; i++) PetscCall(PetscFree((*sf)->f[i].value));
  PetscCall(PetscFree((*sf)->cell_nsites));
  PetscCall(PetscFree(*sf));
  PetscFunctionReturn(0);
}
