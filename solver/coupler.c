/* The KMC-FEM coupling of a device with a switching mechanism: lattice over the active functional layer,
 * site <-> cell maps, FE fields at the sites, the mechanism's state fields into the FE and the frames, and
 * the adaptive window loop (solver/coupler.h). No mechanism is known here by name (mf_mechanism.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "coupler.h"
#include "mf_config.h"
#include "mf_output.h"

struct _n_MfCoupler {
  MPI_Comm           comm;
  DM                 dm;    /* the electro-thermal DM (point numbers of SetCellConductivity) */
  MfElectroThermal   et;
  MfMaterial         mats[MF_NUM_REGIONS];
  PetscInt           dim;
  MfMechanism        mechanism;
  MfStateFields      sf;    /* what the mechanism's state means to the fields (mf_state_fields.h) */
  MfKmc              kmc;
  MfKmcLattice       lat;
  unsigned long      seed;
  PetscReal          a_m, origin[3];
  PetscInt           n[3];
  /* rank-local functional cells of the active area and the sites inside them */
  PetscInt           ncell, *cell, *site_cell; /* site_cell: nsites, local cell index or -1 */
  PetscInt           nloc, *loc_site;          /* sites inside local cells */
  PetscReal         *loc_x, *loc_E, *loc_T, *loc_phi;
  MfElectroThermalSampler sampler;             /* the FE fields at loc_x (located and tabulated once) */
  MfKmcSiteFields   *fields;                   /* nsites, identical on every rank */
  PetscReal         *buf;                      /* nsites*5 reduction buffer */
  DM                 dmState;                  /* DG0 fields of the state fields, for the frames */
  Vec                state;
  /* controls */
  PetscReal          max_change;
  PetscInt           chunk, chunk_max, max_updates;
  /* statistics */
  PetscInt64         events;
  PetscInt           fe_updates;
  PetscLogDouble     t_kmc, t_fields;
};

PetscErrorCode MfCouplerCreate(MPI_Comm comm, DM dm, MfElectroThermal et, const MfMaterial mats[MF_NUM_REGIONS], MfCoupler *out)
{
  MfCoupler cp;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&cp));
  cp->comm = comm;
  cp->dm   = dm;
  cp->et   = et;
  PetscCall(PetscArraycpy(cp->mats, mats, MF_NUM_REGIONS));
  PetscCall(DMGetDimension(dm, &cp->dim));
  *out = cp;
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerSetFromOptions(MfCoupler cp)
{
  char     name[64];
  PetscInt seed = 1;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("kmc_mechanism", name, sizeof(name), NULL));
  PetscCall(MfMechanismCreate(cp->comm, &cp->mechanism));
  PetscCall(MfMechanismSetType(cp->mechanism, name));
  PetscCall(MfMechanismSetMaterials(cp->mechanism, cp->mats));
  PetscCall(MfMechanismSetFromOptions(cp->mechanism));
  PetscCall(MfConfigGetReal("kmc_spacing", &cp->a_m, NULL));
  PetscCall(MfConfigGetInt("kmc_seed", &seed, NULL));
  cp->seed = (unsigned long)seed;
  PetscCall(MfConfigGetReal("coupler_max_current_change", &cp->max_change, NULL));
  PetscCall(MfConfigGetInt("coupler_events_per_update", &cp->chunk, NULL));
  PetscCall(MfConfigGetInt("coupler_max_events_per_update", &cp->chunk_max, NULL));
  PetscCall(MfConfigGetInt("coupler_max_updates", &cp->max_updates, NULL));
  /* the ranges are the keys'; this pair must also be ordered */
  PetscCheck(cp->chunk_max >= cp->chunk, cp->comm, PETSC_ERR_USER_INPUT, "coupler.events_per_update = %" PetscInt_FMT " must not exceed coupler.max_events_per_update = %" PetscInt_FMT, cp->chunk, cp->chunk_max);
  PetscFunctionReturn(0);
}

/* Lattice geometry: the functional layer's z-range (from its cells) and the active area |x|,|y| <= w/2 of
 * the built-in crossbar mesher (meshes/mf_stack_mesher.h); cell edges lie on multiples of a there. */
static PetscErrorCode LatticeGeometry(MfCoupler cp)
{
  DMLabel   region;
  PetscInt  cStart, cEnd;
  PetscReal zr[2] = {PETSC_MAX_REAL, PETSC_MAX_REAL}, W, w;
  PetscBool set;
  const PetscInt up = cp->dim - 1;

  PetscFunctionBeginUser;
  PetscCall(DMGetLabel(cp->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(cp->dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt   r, csize;
    PetscReal *X = NULL;
    PetscCall(DMLabelGetValue(region, c, &r));
    if (r != MF_REGION_FUNCTIONAL) continue;
    {
      Vec          coords;
      PetscSection cs;
      DM           cdm;
      PetscCall(DMGetCoordinatesLocal(cp->dm, &coords));
      PetscCall(DMGetCoordinateDM(cp->dm, &cdm));
      PetscCall(DMGetLocalSection(cdm, &cs));
      PetscCall(DMPlexVecGetClosure(cdm, cs, coords, c, &csize, &X));
      for (PetscInt v = 0; v < csize / cp->dim; v++) {
        zr[0] = PetscMin(zr[0], X[v * cp->dim + up]);
        zr[1] = PetscMin(zr[1], -X[v * cp->dim + up]);
      }
      PetscCall(DMPlexVecRestoreClosure(cdm, cs, coords, c, &csize, &X));
    }
  }
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, zr, 2, MPIU_REAL, MPIU_MIN, cp->comm));
  PetscCheck(zr[0] < PETSC_MAX_REAL, cp->comm, PETSC_ERR_ARG_WRONG, "the mesh has no functional-layer cells (region label value %d)", (int)MF_REGION_FUNCTIONAL);
  PetscCall(MfConfigGetReal("mesh_width", &W, NULL));
  PetscCall(MfConfigGetReal("mesh_electrode_width", &w, &set));
  if (!set || w > W) w = W;
  {
    const PetscReal t = -zr[1] - zr[0];
    cp->n[up] = (PetscInt)PetscFloorReal(t / cp->a_m + 0.5);
    cp->n[0]  = (PetscInt)PetscFloorReal(w / cp->a_m + 0.5);
    if (cp->dim == 3) cp->n[1] = cp->n[0];
    else {
      cp->n[2] = cp->n[1];
      cp->n[1] = 1;
    }
    PetscCheck(PetscAbsReal(cp->n[2] * cp->a_m - t) < 1e-3 * cp->a_m && PetscAbsReal(cp->n[0] * cp->a_m - w) < 1e-3 * cp->a_m, cp->comm, PETSC_ERR_USER_INPUT,
               "kmc.spacing = %g m must divide the functional thickness %g m and the electrode width %g m", (double)cp->a_m, (double)t, (double)w);
    PetscCheck(cp->n[2] >= 2, cp->comm, PETSC_ERR_USER_INPUT, "the functional layer (%g m) must hold at least 2 KMC layers of kmc.spacing = %g m", (double)t, (double)cp->a_m);
  }
  cp->origin[0] = -0.5 * w;
  cp->origin[1] = cp->dim == 3 ? -0.5 * w : 0.0;
  cp->origin[2] = zr[0];
  PetscFunctionReturn(0);
}

/* Mesh coordinates of site s (cell-centred lattice: site (i,j,k) at origin + (i+1/2, j+1/2, k+1/2) a). */
static void SiteMeshCoords(MfCoupler cp, PetscInt s, PetscReal x[])
{
  const PetscInt nx = cp->n[0], ny = cp->n[1];
  const PetscInt i = s % nx, j = (s / nx) % ny, k = s / (nx * ny);
  x[0] = cp->origin[0] + (i + 0.5) * cp->a_m;
  if (cp->dim == 3) {
    x[1] = cp->origin[1] + (j + 0.5) * cp->a_m;
    x[2] = cp->origin[2] + (k + 0.5) * cp->a_m;
  } else x[1] = cp->origin[2] + (k + 0.5) * cp->a_m;
}

/* Local functional cells that hold sites, and site -> cell (axis-aligned hex/quad cells of the mesher). */
static PetscErrorCode BuildMaps(MfCoupler cp)
{
  DMLabel        region;
  PetscInt       cStart, cEnd, ns = cp->lat->nsites, nc = 0;
  Vec            coords;
  PetscSection   cs;
  DM             cdm;
  const PetscInt nxy = cp->n[0] * cp->n[1];

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(ns, &cp->site_cell));
  for (PetscInt s = 0; s < ns; s++) cp->site_cell[s] = -1;
  PetscCall(DMGetLabel(cp->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(cp->dm, 0, &cStart, &cEnd));
  PetscCall(PetscMalloc1(cEnd - cStart, &cp->cell));
  PetscCall(DMGetCoordinatesLocal(cp->dm, &coords));
  PetscCall(DMGetCoordinateDM(cp->dm, &cdm));
  PetscCall(DMGetLocalSection(cdm, &cs));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt   r, csize, lo[3], hi[3];
    PetscReal *X = NULL, bmin[3] = {PETSC_MAX_REAL, PETSC_MAX_REAL, PETSC_MAX_REAL}, bmax[3] = {-PETSC_MAX_REAL, -PETSC_MAX_REAL, -PETSC_MAX_REAL};
    PetscBool  any = PETSC_FALSE;
    PetscCall(DMLabelGetValue(region, c, &r));
    if (r != MF_REGION_FUNCTIONAL) continue;
    PetscCall(DMPlexVecGetClosure(cdm, cs, coords, c, &csize, &X));
    for (PetscInt v = 0; v < csize / cp->dim; v++)
      for (PetscInt d = 0; d < cp->dim; d++) {
        bmin[d] = PetscMin(bmin[d], X[v * cp->dim + d]);
        bmax[d] = PetscMax(bmax[d], X[v * cp->dim + d]);
      }
    PetscCall(DMPlexVecRestoreClosure(cdm, cs, coords, c, &csize, &X));
    if (cp->dim == 2) {
      bmin[2] = bmin[1]; bmax[2] = bmax[1];
      bmin[1] = -1; bmax[1] = 1;
    }
    /* site index range with centres inside the box */
    for (PetscInt d = 0; d < 3; d++) {
      if (cp->dim == 2 && d == 1) { lo[1] = 0; hi[1] = 1; continue; }
      lo[d] = PetscMax(0, (PetscInt)PetscCeilReal((bmin[d] - cp->origin[d]) / cp->a_m - 0.5));
      hi[d] = PetscMin(cp->n[d], (PetscInt)PetscCeilReal((bmax[d] - cp->origin[d]) / cp->a_m - 0.5));
    }
    for (PetscInt k = lo[2]; k < hi[2]; k++)
      for (PetscInt j = lo[1]; j < hi[1]; j++)
        for (PetscInt i = lo[0]; i < hi[0]; i++) {
          const PetscInt s = i + cp->n[0] * j + nxy * k;
          PetscCheck(cp->site_cell[s] < 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "KMC site %" PetscInt_FMT " lies in two FE cells: the functional-layer mesh is not aligned with kmc.spacing", s);
          cp->site_cell[s] = nc;
          any              = PETSC_TRUE;
        }
    if (any) cp->cell[nc++] = c;
  }
  cp->ncell = nc;
  cp->nloc = 0;
  for (PetscInt s = 0; s < ns; s++) cp->nloc += cp->site_cell[s] >= 0;
  PetscCall(PetscMalloc5(cp->nloc, &cp->loc_site, cp->nloc * cp->dim, &cp->loc_x, cp->nloc * cp->dim, &cp->loc_E, cp->nloc, &cp->loc_T, cp->nloc, &cp->loc_phi));
  for (PetscInt s = 0, m = 0; s < ns; s++)
    if (cp->site_cell[s] >= 0) {
      cp->loc_site[m] = s;
      SiteMeshCoords(cp, s, &cp->loc_x[m * cp->dim]);
      m++;
    }
  {
    PetscInt tot = cp->nloc;
    PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &tot, 1, MPIU_INT, MPI_SUM, cp->comm));
    PetscCheck(tot == ns, cp->comm, PETSC_ERR_PLIB, "only %" PetscInt_FMT " of %" PetscInt_FMT " KMC sites were found in functional-layer cells: the lattice must lie inside the active area", tot, ns);
  }
  PetscFunctionReturn(0);
}

/* FE fields -> site fields (E, T, phi), identical on every rank. */
static PetscErrorCode SampleFields(MfCoupler cp)
{
  const PetscInt ns = cp->lat->nsites, nf = 5;
  PetscLogDouble t0, t1;

  PetscFunctionBeginUser;
  PetscCall(PetscTime(&t0));
  PetscCall(MfElectroThermalSamplerEvaluate(cp->sampler, cp->loc_E, cp->loc_T, cp->loc_phi));
  PetscCall(PetscArrayzero(cp->buf, ns * nf));
  for (PetscInt m = 0; m < cp->nloc; m++) {
    PetscReal *b = &cp->buf[cp->loc_site[m] * nf];
    b[0] = cp->loc_E[m * cp->dim];
    b[1] = cp->dim == 3 ? cp->loc_E[m * cp->dim + 1] : 0.0;
    b[2] = cp->loc_E[m * cp->dim + cp->dim - 1];
    b[3] = cp->loc_T[m];
    b[4] = cp->loc_phi[m];
  }
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, cp->buf, ns * nf, MPIU_REAL, MPIU_SUM, cp->comm));
  for (PetscInt s = 0; s < ns; s++) {
    const PetscReal *b = &cp->buf[s * nf];
    for (PetscInt d = 0; d < 3; d++) cp->fields[s].E_V_per_m[d] = b[d];
    cp->fields[s].T_K   = b[3];
    cp->fields[s].phi_V = b[4];
  }
  PetscCall(MfKmcSetSiteFields(cp->kmc, ns, cp->fields));
  PetscCall(PetscTime(&t1));
  cp->t_fields += t1 - t0;
  PetscFunctionReturn(0);
}

/* The FE consumers of the state-field kinds (mf_state_fields.h); the other kinds go to the frames only. */
static PetscBool KindConsumed(MfStateFieldKind k)
{
  return (PetscBool)(k == MF_STATE_SIGMA_HOST || k == MF_STATE_SIGMA_EXCESS || k == MF_STATE_THERMAL_CONDUCTIVITY);
}

/* KMC state -> state fields of the local functional cells -> the electro-thermal coefficients. */
static PetscErrorCode PushState(MfCoupler cp)
{
  MfKmcState    *st;
  PetscLogDouble t0, t1;
  PetscInt       ih, ix, ik;

  PetscFunctionBeginUser;
  PetscCall(PetscTime(&t0));
  PetscCall(MfKmcGetState(cp->kmc, &st));
  PetscCall(MfMechanismComputeStateFields(cp->mechanism, st, cp->sf));
  PetscCall(MfStateFieldsFind(cp->sf, MF_STATE_SIGMA_HOST, &ih));
  PetscCall(MfStateFieldsFind(cp->sf, MF_STATE_SIGMA_EXCESS, &ix));
  PetscCall(MfStateFieldsFind(cp->sf, MF_STATE_THERMAL_CONDUCTIVITY, &ik));
  for (PetscInt c = 0; c < cp->ncell; c++) {
    /* a negative value leaves the material's coefficient as it is */
    if (ih >= 0 || ik >= 0) PetscCall(MfElectroThermalSetCellConductivity(cp->et, cp->cell[c], ih >= 0 ? cp->sf->f[ih].value[c] : -1.0, ik >= 0 ? cp->sf->f[ik].value[c] : -1.0));
    if (ix >= 0) PetscCall(MfElectroThermalSetCellExcessConductivity(cp->et, cp->cell[c], cp->sf->f[ix].value[c], cp->sf->f[ix].tcr_per_K));
  }
  PetscCall(PetscTime(&t1));
  cp->t_fields += t1 - t0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerSetUp(MfCoupler cp)
{
  const PetscBool periodic[3] = {PETSC_FALSE, PETSC_FALSE, PETSC_FALSE};

  PetscFunctionBeginUser;
  PetscCall(LatticeGeometry(cp));
  PetscCall(MfKmcLatticeCreateSimpleCubic(cp->comm, cp->n, cp->a_m, periodic, &cp->lat));
  PetscCall(BuildMaps(cp));
  PetscCall(MfElectroThermalSamplerCreate(cp->et, cp->nloc, cp->loc_x, &cp->sampler));
  PetscCall(MfStateFieldsCreate(cp->lat->nsites, cp->ncell, cp->site_cell, &cp->sf));
  PetscCall(MfKmcCreate(cp->comm, &cp->kmc));
  PetscCall(MfKmcSetLattice(cp->kmc, cp->lat));
  PetscCall(MfMechanismSetUp(cp->mechanism, cp->kmc, cp->sf));
  PetscCall(MfKmcSetSeed(cp->kmc, cp->seed, 0));
  PetscCall(MfKmcSetFromOptions(cp->kmc));
  PetscCall(MfKmcSetUp(cp->kmc));
  PetscCall(MfMechanismInitialState(cp->mechanism, cp->kmc));
  PetscCall(PetscCalloc1(cp->lat->nsites, &cp->fields));
  PetscCall(PetscMalloc1(cp->lat->nsites * 5, &cp->buf));
  for (PetscInt s = 0; s < cp->lat->nsites; s++) cp->fields[s].T_K = 300.0;
  PetscCall(PushState(cp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerSetStress(MfCoupler cp, MfMechanics mech)
{
  const PetscInt ns = cp->lat->nsites, nf = 7;
  PetscReal     *sh, (*eps)[6], *b;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc3(cp->nloc, &sh, cp->nloc, &eps, ns * nf, &b));
  PetscCall(MfMechanicsSampleStress(mech, cp->nloc, cp->loc_x, sh, eps));
  PetscCall(PetscArrayzero(b, ns * nf));
  for (PetscInt m = 0; m < cp->nloc; m++) {
    b[cp->loc_site[m] * nf] = sh[m];
    for (PetscInt v = 0; v < 6; v++) b[cp->loc_site[m] * nf + 1 + v] = eps[m][v];
  }
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, b, ns * nf, MPIU_REAL, MPIU_SUM, cp->comm));
  for (PetscInt s = 0; s < ns; s++) {
    cp->fields[s].sigma_h_Pa = b[s * nf];
    for (PetscInt v = 0; v < 6; v++) cp->fields[s].strain[v] = b[s * nf + 1 + v];
  }
  PetscCall(PetscFree3(sh, eps, b));
  PetscFunctionReturn(0);
}

/* The mechanism's progress measure of the present state (0 when it has none). */
static PetscErrorCode Progress(MfCoupler cp, PetscInt *g)
{
  MfKmcState *st;
  PetscBool   has;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(cp->kmc, &st));
  PetscCall(MfMechanismProgress(cp->mechanism, st, g, &has));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerAdvance(MfCoupler cp, PetscReal dt_s, MfCouplerSolveFn solve, void *ctx, MfCouplerWindow *w)
{
  PetscReal remaining = dt_s, I_prev, cap = 0.0;
  PetscInt  g_prev;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(w, sizeof(*w)));
  PetscCall(solve(ctx, 0.0, &I_prev, &cap)); /* the fields of the present state at the present bias */
  w->I_A = I_prev;
  PetscCall(Progress(cp, &g_prev));
  while (remaining > 0) {
    MfKmcWindowStats ks;
    PetscLogDouble   t0, t1;
    const PetscBool  last = (PetscBool)(w->updates >= cp->max_updates);
    PetscReal        Inew;
    PetscInt         g, dg;

    /* transient fields (thermal runaway, no steady state): the KMC may run only as long as they describe */
    const PetscBool capped = (PetscBool)(cap > 0.0 && cap < remaining);
    const PetscReal span   = capped ? cap : remaining;

    PetscCall(SampleFields(cp));
    PetscCall(PetscTime(&t0));
    PetscCall(MfKmcRun(cp->kmc, span, last && !capped ? 0 : cp->chunk, &ks));
    PetscCall(PetscTime(&t1));
    cp->t_kmc += t1 - t0;
    w->events += ks.nevents;
    cp->events += ks.nevents;
    /* an exhausted window ends exactly at its end (MfKmcRun sets the clock there) */
    remaining = (ks.reason == MF_KMC_STOP_EVENTS) ? remaining - ks.dt_s : remaining - span;
    if (ks.nevents == 0 && !capped) break;
    if (ks.nevents > 0) PetscCall(PushState(cp));
    PetscCall(solve(ctx, ks.reason == MF_KMC_STOP_EVENTS ? ks.dt_s : span, &Inew, &cap));
    w->updates++;
    cp->fe_updates++;
    w->I_A = Inew;
    PetscCall(Progress(cp, &g));
    dg = g_prev - g; /* progress units (a filament's gap sites) closed by this chunk */
    {
      const PetscReal ref = PetscMax(PetscAbsReal(Inew), PetscAbsReal(I_prev)), change = ref > 0 ? PetscAbsReal(Inew - I_prev) / ref : 0.0;
      /* adapt the chunk: the state must not move the current by more than max_change between FE updates.
       * The current alone misses the approach to a switching event whose current is exponential in the
       * mechanism's progress measure (a filament's gap: while the matrix leakage carries I, the gap closes
       * unseen, and one chunk with the frozen fields of the open gap can bridge the filament and run the
       * rest of the window at the slow pre-bridging rates). One unit changes the current by far more than
       * 1 + max_change (a gap site: exp(a/lambda)), so while more than one unit is left and more than one
       * closed, the chunk is sized for at most one unit per FE update from the events per unit just seen;
       * at <= 1 unit the current itself sees the next event. */
      if (g_prev > 1 && dg > 1) cp->chunk = PetscMax(1, PetscMin(cp->chunk / 2, (PetscInt)(ks.nevents / (2 * dg))));
      else if (change > cp->max_change) cp->chunk = PetscMax(1, cp->chunk / 2);
      else if (change < 0.25 * cp->max_change && dg <= 0) cp->chunk = PetscMin(cp->chunk_max, 2 * cp->chunk);
    }
    PetscCall(PetscInfo(NULL, "coupler update %" PetscInt_FMT ": %" PetscInt64_FMT " events, progress %" PetscInt_FMT " -> %" PetscInt_FMT ", I %g -> %g A, next chunk %" PetscInt_FMT "\n", w->updates, (PetscInt64)ks.nevents, g_prev, g, (double)I_prev, (double)Inew, cp->chunk));
    I_prev = Inew;
    g_prev = g;
  }
  /* site fields of the final FE solution (the defect cloud's temperatures; the next window samples again) */
  PetscCall(SampleFields(cp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerGetInfo(MfCoupler cp, MfCouplerInfo *info)
{
  PetscFunctionBeginUser;
  info->mechanism     = cp->mechanism->type;
  info->events        = cp->events;
  info->fe_updates    = cp->fe_updates;
  info->time_kmc_s    = cp->t_kmc;
  info->time_fields_s = cp->t_fields;
  info->nsites        = cp->lat->nsites;
  for (PetscInt d = 0; d < 3; d++) info->n[d] = cp->n[d];
  info->a_m = cp->a_m;
  PetscCall(MfKmcGetAcceleration(cp->kmc, &info->accel_scaled, &info->accel_min_scale));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerGetColumns(MfCoupler cp, PetscInt *n, const char *const **names)
{
  *n     = cp->mechanism->ncolumns;
  *names = cp->mechanism->columns;
  return 0;
}

PetscErrorCode MfCouplerObserve(MfCoupler cp, PetscReal values[], char status[], size_t len)
{
  MfKmcState *st;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(cp->kmc, &st));
  PetscCall(MfMechanismObserve(cp->mechanism, st, values, status, len));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerGetResults(MfCoupler cp, PetscInt *n, MfMechanismResult r[])
{
  MfKmcState *st;

  PetscFunctionBeginUser;
  PetscCall(MfKmcGetState(cp->kmc, &st));
  PetscCall(MfMechanismResults(cp->mechanism, st, n, r));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerStrainKinetics(MfCoupler cp, PetscReal T_K, PetscReal *sigma_h_Pa, MfStrainKinetics *sk, PetscBool *has)
{
  const PetscInt  ns = cp->lat->nsites;
  const PetscReal L  = cp->n[2] * cp->a_m; /* functional-layer thickness: the lattice is always (x, y, up) */
  PetscReal       sh = 0;

  PetscFunctionBeginUser;
  for (PetscInt s = 0; s < ns; s++) sh += cp->fields[s].sigma_h_Pa / ns; /* mean over the sites */
  *sigma_h_Pa = sh;
  PetscCall(MfMechanismStrainKinetics(cp->mechanism, sh, T_K, cp->a_m, L, sk, has));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerDescribe(MfCoupler cp, char text[], size_t len)
{
  PetscFunctionBeginUser;
  /* snprintf: PETSc's printf marks whole numbers with a trailing '.' ("1. nm") */
  snprintf(text, len, "KMC mechanism %s: %d x %d x %d sites, spacing %g nm; state -> fields:", cp->mechanism->type, (int)cp->n[0], (int)cp->n[1], (int)cp->n[2], (double)(cp->a_m * 1e9));
  for (PetscInt i = 0; i < cp->sf->nfields; i++) {
    const MfStateField *f = &cp->sf->f[i];
    char                item[256];
    PetscCall(PetscSNPrintf(item, sizeof(item), "%s %s (%s) -> %s", i ? ";" : "", f->name, MfStateFieldKinds[f->kind], KindConsumed(f->kind) ? "electro-thermal FE and frames" : "frames only (no field solver of this build consumes it)"));
    PetscCall(PetscStrlcat(text, item, len));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerGetPointsName(MfCoupler cp, const char **name)
{
  *name = cp->mechanism->point_species ? cp->mechanism->points_name : NULL;
  return 0;
}

/* The DG0 fields of the state fields on a clone of the FE mesh (one named field per state field). */
static PetscErrorCode CreateStateDM(MfCoupler cp)
{
  PetscFE fe;

  PetscFunctionBeginUser;
  PetscCall(DMClone(cp->dm, &cp->dmState));
  for (PetscInt f = 0; f < cp->sf->nfields; f++) {
    PetscCall(PetscFECreateLagrange(cp->comm, cp->dim, cp->sf->f[f].ncomp, PETSC_FALSE, 0, PETSC_DETERMINE, &fe));
    PetscCall(PetscObjectSetName((PetscObject)fe, cp->sf->f[f].name));
    PetscCall(DMSetField(cp->dmState, f, NULL, (PetscObject)fe));
    PetscCall(PetscFEDestroy(&fe));
  }
  PetscCall(DMCreateDS(cp->dmState));
  PetscCall(DMCreateGlobalVector(cp->dmState, &cp->state));
  PetscCall(PetscObjectSetName((PetscObject)cp->state, ""));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerViewStateFields(MfCoupler cp, PetscViewer viewer)
{
  PetscSection sec;
  PetscScalar *a;
  Vec          loc;

  PetscFunctionBeginUser;
  if (!cp->sf->nfields) PetscFunctionReturn(0);
  if (!cp->dmState) PetscCall(CreateStateDM(cp));
  PetscCall(DMGetLocalVector(cp->dmState, &loc));
  PetscCall(VecZeroEntries(loc));
  PetscCall(DMGetLocalSection(cp->dmState, &sec));
  PetscCall(VecGetArray(loc, &a));
  for (PetscInt c = 0; c < cp->ncell; c++)
    for (PetscInt f = 0; f < cp->sf->nfields; f++) {
      PetscInt off;
      PetscCall(PetscSectionGetFieldOffset(sec, cp->cell[c], f, &off));
      for (PetscInt k = 0; k < cp->sf->f[f].ncomp; k++) a[off + k] = cp->sf->f[f].value[c * cp->sf->f[f].ncomp + k];
    }
  PetscCall(VecRestoreArray(loc, &a));
  PetscCall(DMLocalToGlobal(cp->dmState, loc, INSERT_VALUES, cp->state));
  PetscCall(DMRestoreLocalVector(cp->dmState, &loc));
  PetscCall(MfVtkSeriesAddVec(viewer, cp->state, PETSC_TRUE));
  PetscFunctionReturn(0);
}

/* The sites whose species the mechanism shows, as a VTK XML PolyData point cloud with point data "species"
 * and "temperature_K" (rank 0 writes). */
PetscErrorCode MfCouplerWritePoints(MfCoupler cp, const char path[])
{
  MfKmcState      *st;
  PetscMPIInt      rank;
  FILE            *fp;
  PetscInt         np = 0;
  const PetscBool *shown = cp->mechanism->point_species;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(cp->comm, &rank));
  if (rank || !shown) PetscFunctionReturn(0);
  PetscCall(MfKmcGetState(cp->kmc, &st));
  for (PetscInt s = 0; s < cp->lat->nsites; s++) np += shown[st->species[s]];
  PetscCall(PetscFOpen(PETSC_COMM_SELF, path, "w", &fp));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "<?xml version=\"1.0\"?>\n<VTKFile type=\"PolyData\" version=\"0.1\" byte_order=\"LittleEndian\">\n<PolyData>\n"));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "<Piece NumberOfPoints=\"%" PetscInt_FMT "\" NumberOfVerts=\"%" PetscInt_FMT "\" NumberOfLines=\"0\" NumberOfStrips=\"0\" NumberOfPolys=\"0\">\n", np, np));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "<PointData Scalars=\"species\">\n<DataArray type=\"Int32\" Name=\"species\" format=\"ascii\">\n"));
  for (PetscInt s = 0; s < cp->lat->nsites; s++)
    if (shown[st->species[s]]) PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "%d\n", (int)st->species[s]));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</DataArray>\n<DataArray type=\"Float64\" Name=\"temperature_K\" format=\"ascii\">\n"));
  for (PetscInt s = 0; s < cp->lat->nsites; s++)
    if (shown[st->species[s]]) PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "%.6g\n", (double)cp->fields[s].T_K));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</DataArray>\n</PointData>\n<Points>\n<DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n"));
  for (PetscInt s = 0; s < cp->lat->nsites; s++)
    if (shown[st->species[s]]) {
      PetscReal x[3] = {0, 0, 0};
      SiteMeshCoords(cp, s, x);
      PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "%.9g %.9g %.9g\n", (double)x[0], (double)x[1], (double)x[2]));
    }
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</DataArray>\n</Points>\n<Verts>\n<DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n"));
  for (PetscInt p = 0; p < np; p++) PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "%" PetscInt_FMT "\n", p));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</DataArray>\n<DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n"));
  for (PetscInt p = 0; p < np; p++) PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "%" PetscInt_FMT "\n", p + 1));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</DataArray>\n</Verts>\n</Piece>\n</PolyData>\n</VTKFile>\n"));
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCouplerDestroy(MfCoupler *cp)
{
  PetscFunctionBeginUser;
  if (!*cp) PetscFunctionReturn(0);
  PetscCall(MfElectroThermalSamplerDestroy(&(*cp)->sampler));
  PetscCall(MfKmcDestroy(&(*cp)->kmc));
  PetscCall(MfKmcLatticeDestroy(&(*cp)->lat));
  PetscCall(MfMechanismDestroy(&(*cp)->mechanism));
  PetscCall(MfStateFieldsDestroy(&(*cp)->sf));
  PetscCall(VecDestroy(&(*cp)->state));
  PetscCall(DMDestroy(&(*cp)->dmState));
  PetscCall(PetscFree((*cp)->site_cell));
  PetscCall(PetscFree((*cp)->cell));
  PetscCall(PetscFree5((*cp)->loc_site, (*cp)->loc_x, (*cp)->loc_E, (*cp)->loc_T, (*cp)->loc_phi));
  PetscCall(PetscFree((*cp)->fields));
  PetscCall(PetscFree((*cp)->buf));
  PetscCall(PetscFree(*cp));
  PetscFunctionReturn(0);
}

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the coupling: which mechanism, the lattice spacing, and the numerical controls of the window loop */
static const MfKey kCouplerKeys[] = {
  KR("coupler_max_current_change", "", "0.2", 0, 10, T, T, "KMC-FE coupling: relative current change that triggers a finer state -> FE update"),
  KI("coupler_events_per_update", "20", 1, 2000000000, "KMC-FE coupling: first chunk of KMC events between FE updates (<= coupler.max_events_per_update)"),
  KI("coupler_max_events_per_update", "100000", 1, 2000000000, "KMC-FE coupling: largest chunk of KMC events between FE updates"),
  KI("coupler_max_updates", "200", 1, 2000000000, "KMC-FE coupling: most FE updates per bias window"),
  KS("kmc_mechanism", "none", "switching mechanism: none, or a registered plug-in (memflex run -help lists them; physics/mechanisms)"),
  KR("kmc_spacing", "m", "0.5 nm", 0, 1e-6, T, F, "lattice spacing of the KMC sites"),
};

PetscErrorCode MfCouplerRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kCouplerKeys, MF_KEYS_N(kCouplerKeys)));
  PetscFunctionReturn(0);
}
