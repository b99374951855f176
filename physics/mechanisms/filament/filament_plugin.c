/* What the VCM and ECM plug-ins share (filament_impl.h): the state -> fields map, the pre-formed filament,
 * the gap as the coupler's progress measure, and the filament observables of the outputs. */
#include <string.h>
#include "filament_impl.h"

PetscErrorCode FilPluginSetFromOptions_Private(FilPlugin *fp, const MfMaterial *functional, const MfMaterial *filament_metal, MPI_Comm comm)
{
  PetscBool wset, gset;

  PetscFunctionBeginUser;
  PetscCall(MfFilamentMapParamsDefault(functional, filament_metal, &fp->map));
  PetscCall(MfFilamentMapParamsSetFromConfig(&fp->map));
  PetscCall(MfConfigGetReal("kmc_initial_filament_width", &fp->init_width_m, &wset));
  if (!wset) fp->init_width_m = 0.0;
  PetscCall(MfConfigGetReal("kmc_initial_filament_gap", &fp->init_gap_m, &gset));
  PetscCheck(fp->init_width_m > 0 || !wset, comm, PETSC_ERR_USER_INPUT, "kmc.initial_filament_width must be > 0 (got %g m)", (double)fp->init_width_m);
  PetscCheck(wset || !gset || fp->init_gap_m == 0.0, comm, PETSC_ERR_USER_INPUT, "kmc.initial_filament_gap = %g m is set without kmc.initial_filament_width: a gap needs a pre-formed filament (set its width)", (double)fp->init_gap_m);
  PetscFunctionReturn(0);
}

PetscErrorCode FilPluginSetUp_Private(FilPlugin *fp, MfStateFields sf)
{
  PetscFunctionBeginUser;
  /* the host keeps its own law (sigma_matrix, e.g. a polymer's Arrhenius leakage); what the filament adds
   * conducts in parallel with the filament's law: a metal's conductivity must not rise with T like the host's */
  PetscCall(MfStateFieldsAdd(sf, "filament_host_sigma_S_per_m", MF_STATE_SIGMA_HOST, 1, &fp->f_host));
  PetscCall(MfStateFieldsAdd(sf, "filament_excess_sigma_S_per_m", MF_STATE_SIGMA_EXCESS, 1, &fp->f_excess));
  PetscCall(MfStateFieldsSetTCR(sf, fp->f_excess, fp->map.tcr_filament_per_K));
  PetscCall(MfStateFieldsAdd(sf, "filament_k_W_per_mK", MF_STATE_THERMAL_CONDUCTIVITY, 1, &fp->f_k));
  PetscCall(PetscMalloc2(sf->ncells, &fp->sigma_cell, sf->ncells, &fp->k_cell));
  PetscFunctionReturn(0);
}

/* A pre-formed filament (the state a forming step leaves): a column of round(w/a) sites across (in x, and in y
 * in 3D), centred on the cross-point's axis (shifted by half a site when the parities differ), from the
 * electrode the filament grows from up to the gap below the other one, becomes filament species (VCM: V_O,
 * grown from the bottom, the reservoir's oxygen faces the gap; ECM: M0 on the inert cathode). */
PetscErrorCode FilPluginInitialFilament_Private(FilPlugin *fp, MfKmc kmc, MPI_Comm comm)
{
  MfKmcState    *st;
  MfKmcLattice   lat;
  PetscInt       nx, ny, nz, ncol, i0, j0, nj, ngap;
  PetscReal      a;

  PetscFunctionBeginUser;
  if (fp->init_width_m <= 0) PetscFunctionReturn(0);
  PetscCall(MfKmcGetLattice(kmc, &lat));
  PetscCheck(lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC, comm, PETSC_ERR_SUP, "a pre-formed filament needs the simple-cubic lattice of the coupler");
  nx = lat->n[0], ny = lat->n[1], nz = lat->n[2], a = lat->a_m;
  ncol = PetscMax(1, (PetscInt)PetscFloorReal(fp->init_width_m / a + 0.5));
  /* a 2D run's lattice is one site deep (ny = 1): the column fills it */
  i0   = (nx - ncol) / 2;
  j0   = ny > 1 ? (ny - ncol) / 2 : 0;
  nj   = ny > 1 ? ncol : ny;
  ngap = (PetscInt)PetscFloorReal(fp->init_gap_m / a + 0.5);
  PetscCheck(ngap >= 0 && ngap < nz, comm, PETSC_ERR_USER_INPUT, "kmc.initial_filament_gap = %g m must lie in [0, %g m) (the functional layer's KMC thickness)", (double)fp->init_gap_m, (double)(nz * a));
  PetscCheck(ncol <= nx, comm, PETSC_ERR_USER_INPUT, "kmc.initial_filament_width = %g m is wider than the cross-point (%g m)", (double)fp->init_width_m, (double)(nx * a));
  PetscCall(MfKmcGetState(kmc, &st));
  for (PetscInt k = 0; k < nz - ngap; k++)
    for (PetscInt j = j0; j < j0 + nj; j++)
      for (PetscInt i = i0; i < i0 + ncol; i++) {
        const PetscInt kk = fp->grow_from_top ? nz - 1 - k : k, s = i + nx * (j + ny * kk);
        st->species[s] = MF_FIL_DEFECT;
      }
  PetscCall(MfKmcSitesChanged(kmc, -1, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode FilStateFields(MfMechanism m, const MfKmcState *st, MfStateFields sf)
{
  FilPlugin      *fp = (FilPlugin *)m->data;
  const PetscReal sm = fp->map.sigma_matrix_S_per_m;

  PetscFunctionBeginUser;
  if (!fp->fmap || fp->fmap_lat != st->lat || fp->fmap_site_cell != sf->site_cell || fp->fmap_ncells != sf->ncells) { /* once per run */
    PetscCall(MfFilamentMapDestroy(&fp->fmap));
    PetscCall(MfFilamentMapCreate(st->lat, sf->ncells, sf->site_cell, &fp->fmap));
    fp->fmap_lat       = st->lat;
    fp->fmap_site_cell = sf->site_cell;
    fp->fmap_ncells    = sf->ncells;
  }
  PetscCall(MfFilamentMapApply(fp->fmap, st, &fp->map, fp->sigma_cell, fp->k_cell));
  for (PetscInt c = 0; c < sf->ncells; c++) {
    sf->f[fp->f_host].value[c]   = sm;
    sf->f[fp->f_excess].value[c] = PetscMax(fp->sigma_cell[c] - sm, 0.0);
    sf->f[fp->f_k].value[c]      = fp->k_cell[c];
  }
  PetscFunctionReturn(0);
}

/* the least gap in lattice sites (0 when bridged): one gap site changes the gap conductance by exp(a/lambda) */
static PetscErrorCode FilProgress(MfMechanism m, const MfKmcState *st, PetscInt *units)
{
  MfFilamentInfo fi;

  PetscFunctionBeginUser;
  PetscCall(MfFilamentAnalyse(st, &fi));
  *units = (PetscInt)PetscFloorReal(fi.gap_m / FilSpacing(st->lat) + 0.5);
  PetscFunctionReturn(0);
}

static PetscErrorCode FilObserve(MfMechanism m, const MfKmcState *st, PetscReal values[], char status[], size_t len)
{
  MfFilamentInfo fi;

  PetscFunctionBeginUser;
  PetscCall(MfFilamentAnalyse(st, &fi));
  values[0] = fi.gap_m;
  values[1] = (PetscReal)fi.n_defects;
  values[2] = (PetscReal)fi.n_ions;
  PetscCall(PetscSNPrintf(status, len, "gap = %5.2f nm  defects %6" PetscInt_FMT, (double)(fi.gap_m * 1e9), fi.n_defects));
  PetscFunctionReturn(0);
}

static PetscErrorCode FilResults(MfMechanism m, const MfKmcState *st, PetscInt *n, MfMechanismResult r[])
{
  MfFilamentInfo fi;

  PetscFunctionBeginUser;
  PetscCall(MfFilamentAnalyse(st, &fi));
  r[0] = (MfMechanismResult){"final_defects", MF_MECHANISM_INT, (PetscReal)fi.n_defects};
  r[1] = (MfMechanismResult){"final_ions", MF_MECHANISM_INT, (PetscReal)fi.n_ions};
  r[2] = (MfMechanismResult){"final_connected", MF_MECHANISM_BOOL, (PetscReal)fi.connected};
  r[3] = (MfMechanismResult){"final_gap_m", MF_MECHANISM_REAL, fi.gap_m};
  *n   = 4;
  PetscFunctionReturn(0);
}

/* m->data of both plug-ins starts with the FilPlugin; their own parts hold no allocations */
static PetscErrorCode FilDestroy(MfMechanism m)
{
  FilPlugin *fp = (FilPlugin *)m->data;

  PetscFunctionBeginUser;
  PetscCall(PetscFree2(fp->sigma_cell, fp->k_cell));
  PetscCall(MfFilamentMapDestroy(&fp->fmap));
  PetscCall(PetscFree(m->data));
  PetscFunctionReturn(0);
}

PetscErrorCode FilPluginSetOps_Private(MfMechanism m)
{
  static const char *const      columns[] = {"gap_m", "defects", "ions"};
  static const PetscBool        shown[MF_FIL_NSPECIES] = {PETSC_FALSE, PETSC_TRUE, PETSC_TRUE}; /* defects and ions */

  PetscFunctionBeginUser;
  m->ops.state_fields = FilStateFields;
  m->ops.progress     = FilProgress;
  m->ops.observe      = FilObserve;
  m->ops.results      = FilResults;
  m->ops.destroy      = FilDestroy;
  m->ncolumns         = 3;
  for (PetscInt c = 0; c < 3; c++) m->columns[c] = columns[c];
  m->point_species = shown;
  m->points_name   = "defects";
  PetscFunctionReturn(0);
}

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the pre-formed filament */
static const MfKey kFilInitialKeys[] = {
  KR("kmc_initial_filament_width", "m", "", 0, 1e-3, T, F, "pre-formed filament (the state after forming): column of round(width/spacing) sites across, centred on the cross-point's axis (unset = none; VCM: V_O from the bottom, ECM: metal from the inert cathode)"),
  KR("kmc_initial_filament_gap", "m", "0 m", 0, 1e-3, F, F, "pre-formed filament: gap left between its tip and the opposite electrode (0 = bridged)"),
};

PetscErrorCode FilRegisterInitialKeys_Private(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kFilInitialKeys, MF_KEYS_N(kFilInitialKeys)));
  PetscFunctionReturn(0);
}
