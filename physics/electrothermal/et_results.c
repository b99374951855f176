/* Results of the electro-thermal solve: contact currents (from the residual), temperatures, Joule
 * power, point sampling of (E, T, phi) for the KMC, derived cell fields for output. */
#include <math.h>
#include "et_impl.h"
#include <petscbt.h>

/* Local-vector offsets of `field` on the closure of the faces in `label` (value 1). */
PetscErrorCode MfEtBuildDofList(DM dm, const char label[], PetscInt field, EtDofList *list)
{
  DMLabel         l;
  PetscSection    s;
  IS              is;
  const PetscInt *pts;
  PetscInt        n = 0, pStart, pEnd, cnt = 0;
  PetscBT         seen;

  PetscFunctionBeginUser;
  list->n = 0;
  PetscCall(PetscFree(list->off));
  PetscCall(DMGetLabel(dm, label, &l));
  if (!l) PetscFunctionReturn(0);
  PetscCall(DMGetLocalSection(dm, &s));
  PetscCall(PetscSectionGetChart(s, &pStart, &pEnd));
  PetscCall(PetscBTCreate(pEnd - pStart, &seen));
  PetscCall(DMLabelGetStratumIS(l, 1, &is));
  if (is) {
    PetscCall(ISGetLocalSize(is, &n));
    PetscCall(ISGetIndices(is, &pts));
  }
  for (PetscInt pass = 0; pass < 2; ++pass) {
    PetscCall(PetscBTMemzero(pEnd - pStart, seen));
    cnt = 0;
    for (PetscInt i = 0; i < n; ++i) {
      PetscInt *cl = NULL, ncl;
      PetscCall(DMPlexGetTransitiveClosure(dm, pts[i], PETSC_TRUE, &ncl, &cl));
      for (PetscInt j = 0; j < ncl; ++j) {
        const PetscInt p = cl[2 * j];
        PetscInt       dof, off;
        if (p < pStart || p >= pEnd || PetscBTLookupSet(seen, p - pStart)) continue;
        PetscCall(PetscSectionGetFieldDof(s, p, field, &dof));
        PetscCall(PetscSectionGetFieldOffset(s, p, field, &off));
        for (PetscInt d = 0; d < dof; ++d) {
          if (pass) list->off[cnt] = off + d;
          ++cnt;
        }
      }
      PetscCall(DMPlexRestoreTransitiveClosure(dm, pts[i], PETSC_TRUE, &ncl, &cl));
    }
    if (!pass) PetscCall(PetscMalloc1(cnt, &list->off));
  }
  list->n = cnt;
  if (is) {
    PetscCall(ISRestoreIndices(is, &pts));
    PetscCall(ISDestroy(&is));
  }
  PetscCall(PetscBTDestroy(&seen));
  PetscFunctionReturn(0);
}

/* Local solution with the boundary values inserted. Caller restores with DMRestoreLocalVector. */
PetscErrorCode MfEtLocalSolution(MfElectroThermal et, DM dm, Vec u, Vec *uloc)
{
  PetscFunctionBeginUser;
  PetscCall(DMGetLocalVector(dm, uloc));
  PetscCall(VecZeroEntries(*uloc));
  PetscCall(DMPlexInsertBoundaryValues(dm, PETSC_TRUE, *uloc, et->time, NULL, NULL, NULL));
  PetscCall(DMGlobalToLocalBegin(dm, u, INSERT_VALUES, *uloc));
  PetscCall(DMGlobalToLocalEnd(dm, u, INSERT_VALUES, *uloc));
  PetscFunctionReturn(0);
}

/* Reaction = sum of the assembled (unconstrained) residual over the label's dofs: by the divergence
 * theorem it equals the boundary flux of sigma dphi/dn (field 0, the current ENTERING the device
 * there) or k dT/dn (field 1, the heat entering the domain there), and it is the variationally
 * consistent flux of the discrete solution (the sum over all dofs of the phi residual is exactly 0, so
 * top and bottom currents agree up to the residual left by the nonlinear solver). Each rank sums the
 * contributions of its own cells, so the global sum counts every cell once. EtReactions sums one or two
 * dof lists from one residual assembly (both contact currents need only one). */
static PetscErrorCode EtReactions(MfElectroThermal et, PetscInt nlists, const EtDofList *lists[], PetscReal flux[])
{
  Vec                uloc, floc;
  const PetscScalar *f;
  PetscReal          sum[2] = {0.0, 0.0};

  PetscFunctionBeginUser;
  PetscCheck(nlists >= 1 && nlists <= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "EtReactions: 1 or 2 dof lists, got %" PetscInt_FMT, nlists);
  PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
  PetscCall(DMGetLocalVector(et->dm, &floc));
  PetscCall(VecZeroEntries(floc));
  PetscCall(MfEtComputeResidualLocal(et, et->dm, PETSC_MIN_REAL, uloc, NULL, floc));
  PetscCall(VecGetArrayRead(floc, &f));
  for (PetscInt k = 0; k < nlists; ++k)
    for (PetscInt i = 0; i < lists[k]->n; ++i) sum[k] += PetscRealPart(f[lists[k]->off[i]]);
  PetscCall(VecRestoreArrayRead(floc, &f));
  PetscCall(MPIU_Allreduce(sum, flux, (PetscMPIInt)nlists, MPIU_REAL, MPIU_SUM, et->comm));
  PetscCall(DMRestoreLocalVector(et->dm, &floc));
  PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalComputeReaction(MfElectroThermal et, const char label[], PetscInt field, PetscReal *flux)
{
  EtDofList        tmp = {0, NULL};
  const EtDofList *list = &tmp;

  PetscFunctionBeginUser;
  if (field == 0 && !strcmp(label, MF_LABEL_TOP_CONTACT)) list = &et->reactTop;
  else if (field == 0 && !strcmp(label, MF_LABEL_BOTTOM_CONTACT)) list = &et->reactBottom;
  else PetscCall(MfEtBuildDofList(et->dm, label, field, &tmp));
  PetscCall(EtReactions(et, 1, &list, flux));
  PetscCall(PetscFree(tmp.off));
  PetscFunctionReturn(0);
}

/* Global min and max of the nodal values of a field (boundary values included). */
PetscErrorCode MfEtFieldRange(MfElectroThermal et, PetscInt field, PetscReal *vmin, PetscReal *vmax)
{
  Vec                uloc;
  PetscSection       s;
  const PetscScalar *x;
  PetscReal          lmin = PETSC_MAX_REAL, lmax = PETSC_MIN_REAL;
  PetscInt           pStart, pEnd;

  PetscFunctionBeginUser;
  PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
  PetscCall(DMGetLocalSection(et->dm, &s));
  PetscCall(PetscSectionGetChart(s, &pStart, &pEnd));
  PetscCall(VecGetArrayRead(uloc, &x));
  for (PetscInt p = pStart; p < pEnd; ++p) {
    PetscInt dof, off;
    PetscCall(PetscSectionGetFieldDof(s, p, field, &dof));
    PetscCall(PetscSectionGetFieldOffset(s, p, field, &off));
    for (PetscInt d = 0; d < dof; ++d) {
      lmin = PetscMin(lmin, PetscRealPart(x[off + d]));
      lmax = PetscMax(lmax, PetscRealPart(x[off + d]));
    }
  }
  PetscCall(VecRestoreArrayRead(uloc, &x));
  PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  if (vmin) PetscCall(MPIU_Allreduce(&lmin, vmin, 1, MPIU_REAL, MPIU_MIN, et->comm));
  if (vmax) PetscCall(MPIU_Allreduce(&lmax, vmax, 1, MPIU_REAL, MPIU_MAX, et->comm));
  PetscFunctionReturn(0);
}

/* Device current at the present state: from the electrical power when a voltage is applied (see
 * MfEtUpdateResults), else from the reaction at top_contact. */
PetscErrorCode MfEtDeviceCurrent(MfElectroThermal et, PetscReal *current)
{
  PetscReal W;

  PetscFunctionBeginUser;
  if (PetscAbsReal(et->V_device) > 0.0) {
    PetscCall(MfEtJoulePower(et, &W));
    *current = W / et->V_device;
  } else PetscCall(MfElectroThermalComputeReaction(et, MF_LABEL_TOP_CONTACT, 0, current));
  PetscFunctionReturn(0);
}

PetscErrorCode MfEtUpdateResults(MfElectroThermal et)
{
  MfEtResults *r = &et->res;
  Vec          uloc;

  PetscFunctionBeginUser;
  {
    const EtDofList *contacts[2] = {&et->reactTop, &et->reactBottom};
    PetscReal        cur[2];
    PetscCall(EtReactions(et, 2, contacts, cur)); /* one residual for both contacts */
    r->I_top    = cur[0];
    r->I_bottom = -cur[1]; /* leaving through the bottom */
  }
  r->V_source = et->V_source;
  r->V_device = et->V_device;
  r->circuit_residual = et->V_device + r->I_top * et->R_series - et->V_source;
  /* R = V/I; no current: infinite with a bias, undefined (NaN) at 0 V */
  r->R_device = r->I_top != 0.0 ? et->V_device / r->I_top : (et->V_device != 0.0 ? (PetscReal)INFINITY : (PetscReal)NAN);
  r->power_W  = et->V_device * r->I_top;
  PetscCall(MfEtJoulePower(et, &r->joule_W));
  /* (MfEtDeviceCurrent) The potential equation has no time derivative, so electrical power balance V I = int sigma |grad phi|^2
   * holds at every instant, and discretely too (test the weak form with the Dirichlet lift of phi_h). The
   * integral is a sum of positive terms, whereas the reaction sums residual entries of metal rows whose
   * round-off (~1e-16 sigma_metal V h^(d-2)) swamps the tiny current of an insulating layer (1e-14 A in a
   * pristine oxide). So the current is taken from the power whenever a voltage is applied. */
  if (PetscAbsReal(et->V_device) > 0.0 && r->joule_W >= 0.0) {
    r->I_top = r->joule_W / et->V_device;
    r->circuit_residual = et->V_device + r->I_top * et->R_series - et->V_source;
    r->R_device = r->I_top != 0.0 ? et->V_device / r->I_top : (PetscReal)INFINITY;
    r->power_W  = et->V_device * r->I_top;
  }
  /* nodal temperature maxima, overall and per region (cells' closures) */
  PetscCall(MfEtFieldRange(et, 1, NULL, &r->T_max));
  PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
  PetscCall(MfEtRegionMaxTemperature(et, uloc, r->T_max_region));
  PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  r->time = et->time;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalGetResults(MfElectroThermal et, MfEtResults *res)
{
  PetscFunctionBeginUser;
  *res = et->res;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalCheckSubstrate(MfElectroThermal et, PetscBool *exceeded)
{
  const MfMaterial *m = &et->mats[MF_REGION_SUBSTRATE];
  const PetscReal   T = et->res.T_max_region[MF_REGION_SUBSTRATE];

  PetscFunctionBeginUser;
  *exceeded = PETSC_FALSE;
  if (m->name[0] && m->T_max_service_K > 0.0 && T > m->T_max_service_K) {
    *exceeded = PETSC_TRUE;
    PetscCall(PetscPrintf(et->comm, "WARNING: substrate %s reaches %.1f K (%.1f C), above its maximum service temperature %.1f K (%.1f C)\n", m->name, (double)T, (double)(T - 273.15), (double)m->T_max_service_K, (double)(m->T_max_service_K - 273.15)));
  }
  PetscFunctionReturn(0);
}

/* Value and physical gradient of phi and T at reference point xi of a cell. */
static PetscErrorCode EtEvalCell(MfElectroThermal et, Vec uloc, PetscInt cell, const PetscReal xi[], PetscTabulation tab[2], PetscReal val[2], PetscReal grad[2][3])
{
  const PetscInt dim = et->dim;
  PetscDS        ds;
  PetscReal      invJ[9];
  PetscScalar   *cl = NULL;
  PetscInt       csize;

  PetscFunctionBeginUser;
  PetscCall(DMGetDS(et->dm, &ds));
  PetscCall(MfEtCellInverseJacobian(et->dm, cell, xi, invJ));
  PetscCall(DMPlexVecGetClosure(et->dm, NULL, uloc, cell, &csize, &cl));
  for (PetscInt f = 0; f < 2; ++f) {
    PetscInt         off, Nb = tab[f]->Nb;
    const PetscReal *B = tab[f]->T[0], *D = tab[f]->T[1];
    PetscReal        gref[3] = {0, 0, 0};
    PetscCall(PetscDSGetFieldOffset(ds, f, &off));
    val[f] = 0.0;
    for (PetscInt b = 0; b < Nb; ++b) {
      val[f] += B[b] * PetscRealPart(cl[off + b]);
      for (PetscInt d = 0; d < dim; ++d) gref[d] += D[b * dim + d] * PetscRealPart(cl[off + b]);
    }
    for (PetscInt j = 0; j < dim; ++j) {
      grad[f][j] = 0.0;
      for (PetscInt i = 0; i < dim; ++i) grad[f][j] += gref[i] * invJ[i * dim + j];
    }
  }
  PetscCall(DMPlexVecRestoreClosure(et->dm, NULL, uloc, cell, &csize, &cl));
  PetscFunctionReturn(0);
}

/* The sampler of a point set, from the cache when the same points were sampled before (the mesh is fixed after
 * setup, as the cell-geometry cache of et_assembly.c assumes). Locating the KMC sites at every coupler update
 * cost half of a coupled run. */
static PetscErrorCode EtCachedSampler(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], MfElectroThermalSampler *s)
{
  const PetscInt dim = et->dim;
  EtSampleCache *e;

  PetscFunctionBeginUser;
  { /* a cached sampler, if every rank has one: creating one is collective (DMLocatePoints: the mesh's bounding
     * box), so the ranks must agree on whether to create it, also a rank without points */
    PetscInt  hit = -1;
    PetscBool mine, all;
    for (PetscInt i = 0; i < ET_SAMPLE_CACHE && hit < 0; ++i) {
      PetscBool same;
      e = &et->sample[i];
      if (!e->s || e->n != npoints) continue;
      PetscCall(PetscArraycmp(e->x, coords, (size_t)npoints * dim, &same));
      if (same) hit = i;
    }
    mine = hit >= 0 ? PETSC_TRUE : PETSC_FALSE;
    PetscCall(MPIU_Allreduce(&mine, &all, 1, MPIU_BOOL, MPI_LAND, et->comm));
    if (all) {
      *s = et->sample[hit].s;
      PetscFunctionReturn(0);
    }
  }
  e              = &et->sample[et->sampleNext];
  et->sampleNext = (et->sampleNext + 1) % ET_SAMPLE_CACHE;
  PetscCall(MfEtSampleCacheClear(e));
  PetscCall(MfElectroThermalSamplerCreate(et, npoints, coords, &e->s));
  PetscCall(PetscMalloc1((size_t)npoints * dim, &e->x));
  PetscCall(PetscArraycpy(e->x, coords, (size_t)npoints * dim));
  e->n = npoints;
  *s   = e->s;
  PetscFunctionReturn(0);
}

PetscErrorCode MfEtSampleCacheClear(EtSampleCache *e)
{
  PetscFunctionBeginUser;
  PetscCall(MfElectroThermalSamplerDestroy(&e->s));
  PetscCall(PetscFree(e->x));
  e->n = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalSampleFields(MfElectroThermal et, PetscInt npoints, const PetscReal coords[], PetscReal E[], PetscReal T[], PetscReal phi[])
{
  MfElectroThermalSampler s;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before sampling fields");
  PetscCall(EtCachedSampler(et, npoints, coords, &s));
  PetscCall(MfElectroThermalSamplerEvaluate(s, E, T, phi));
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalGetDerivedFields(MfElectroThermal et, Vec *derived)
{
  const PetscInt     dim = et->dim;
  PetscDS            ds;
  PetscFE            fe[2];
  PetscTabulation    tab[2];
  PetscReal          xi[3];
  PetscBool          simplex;
  PetscInt           cStart, cEnd, rstart;
  Vec                uloc;
  PetscScalar       *out;
  const PetscScalar *a;
  PetscSection       sOut;

  PetscFunctionBeginUser;
  PetscCheck(et->setup, et->comm, PETSC_ERR_ORDER, "call MfElectroThermalSetUp() before requesting derived fields");
  PetscCall(DMPlexIsSimplex(et->dm, &simplex));
  for (PetscInt d = 0; d < dim; ++d) xi[d] = simplex ? -1.0 + 2.0 / (dim + 1) : 0.0; /* reference centroid */
  PetscCall(DMGetDS(et->dm, &ds));
  for (PetscInt f = 0; f < 2; ++f) {
    PetscCall(PetscDSGetDiscretization(ds, f, (PetscObject *)&fe[f]));
    PetscCall(PetscFECreateTabulation(fe[f], 1, 1, xi, 1, &tab[f]));
  }
  PetscCall(MfEtLocalSolution(et, et->dm, et->u, &uloc));
  PetscCall(DMGetGlobalSection(et->dmCell, &sOut));
  PetscCall(DMPlexGetHeightStratum(et->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetOwnershipRange(et->Eout, &rstart, NULL));
  PetscCall(VecGetArray(et->Eout, &out));
  PetscCall(VecGetArrayRead(et->aux, &a));
  for (PetscInt c = cStart; c < cEnd; ++c) {
    PetscReal          val[2], grad[2][3], s, s_T, s_E, Emag = 0.0;
    const PetscScalar *rec;
    PetscInt           off, dof;
    PetscCall(PetscSectionGetDof(sOut, c, &dof));
    if (dof <= 0) continue; /* not owned */
    PetscCall(PetscSectionGetOffset(sOut, c, &off));
    off -= rstart;
    PetscCall(EtEvalCell(et, uloc, c, xi, tab, val, grad));
    PetscCall(DMPlexPointLocalRead(et->dmAux, c, a, &rec));
    for (PetscInt d = 0; d < dim; ++d) Emag += grad[0][d] * grad[0][d];
    Emag = PetscSqrtReal(Emag);
    EtSigma(rec, val[1], Emag, &s, &s_T, &s_E);
    for (PetscInt d = 0; d < dim; ++d) {
      out[off + d]       = -grad[0][d];     /* E = -grad phi */
      out[off + dim + d] = -s * grad[0][d]; /* J = sigma E */
    }
    out[off + 2 * dim]     = s * Emag * Emag; /* Joule power density */
    out[off + 2 * dim + 1] = s;               /* the conductivity the cell has (law, T, |E|, KMC state) */
  }
  PetscCall(VecRestoreArrayRead(et->aux, &a));
  PetscCall(VecRestoreArray(et->Eout, &out));
  PetscCall(DMRestoreLocalVector(et->dm, &uloc));
  for (PetscInt f = 0; f < 2; ++f) PetscCall(PetscTabulationDestroy(&tab[f]));
  *derived = et->Eout;
  PetscFunctionReturn(0);
}

PetscErrorCode MfElectroThermalViewFields(MfElectroThermal et, PetscViewer viewer)
{
  Vec       derived, locv;
  PetscBool isvtk;

  PetscFunctionBeginUser;
  PetscCall(MfElectroThermalGetDerivedFields(et, &derived));
  PetscCall(VecView(et->u, viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERVTK, &isvtk));
  if (!isvtk) {
    PetscCall(VecView(derived, viewer));
    PetscFunctionReturn(0);
  }
  /* PETSc's VTK viewer refuses vectors of a second DM unless added with checkdm = false; the cell DM is
   * a clone of the solution DM (same mesh), so its fields are written as CELL_DATA of the same grid. */
  PetscCall(DMCreateLocalVector(et->dmCell, &locv));
  PetscCall(PetscObjectSetName((PetscObject)locv, ""));
  PetscCall(DMGlobalToLocalBegin(et->dmCell, derived, INSERT_VALUES, locv));
  PetscCall(DMGlobalToLocalEnd(et->dmCell, derived, INSERT_VALUES, locv));
  for (PetscInt f = 0; f < 4; ++f) {
    PetscCall(PetscObjectReference((PetscObject)locv));
    PetscCall(PetscViewerVTKAddField(viewer, (PetscObject)et->dmCell, DMPlexVTKWriteAll, f, f < 2 ? PETSC_VTK_CELL_VECTOR_FIELD : PETSC_VTK_CELL_FIELD, PETSC_FALSE, (PetscObject)locv));
  }
  PetscCall(VecDestroy(&locv));
  PetscFunctionReturn(0);
}
