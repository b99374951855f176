/* Filament analysis: clusters of conducting sites (MF_FIL_DEFECT: V_O in VCM, M0 in ECM) connected through
 * lattice bonds, the tallest cluster attached to an electrode, its height and radius, and the gap: the least
 * number of non-conducting sites on any nearest-neighbour path from the bottom to the top electrode (0-1
 * breadth-first search, conducting sites cost 0). This is the "effective gap" of docs/filament.md,
 * and it treats floating clusters in the gap as stepping stones. */
#include "filament_impl.h"

/* Layer index (0 = bottom) of every site: simple cubic from the index, a graph from z / a. */
static PetscErrorCode SiteLayers(MfKmcLattice lat, PetscInt layer[], PetscInt *nlayers)
{
  PetscFunctionBeginUser;
  if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) {
    const PetscInt nxy = lat->n[0] * lat->n[1];
    for (PetscInt i = 0; i < lat->nsites; i++) layer[i] = i / nxy;
    *nlayers = lat->n[2];
  } else {
    const PetscReal a    = FilSpacing(lat);
    PetscReal       zmin = PETSC_MAX_REAL, x[3];
    PetscInt        lmax = 0;
    for (PetscInt i = 0; i < lat->nsites; i++) {
      PetscCall(MfKmcLatticeGetCoordinates(lat, i, x));
      zmin = PetscMin(zmin, x[2]);
    }
    for (PetscInt i = 0; i < lat->nsites; i++) {
      PetscCall(MfKmcLatticeGetCoordinates(lat, i, x));
      layer[i] = (PetscInt)floor((x[2] - zmin) / a + 0.5);
      lmax     = PetscMax(lmax, layer[i]);
    }
    *nlayers = lmax + 1;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode FilAnalysisDestroy_Private(FilAnalysis *fa)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree2(fa->attached, fa->gap));
  PetscCall(PetscFree7(fa->layer, fa->cid, fa->stack, fa->dist, fa->pred, fa->cur, fa->next));
  PetscCall(PetscFree(fa->cl_attached));
  PetscCall(PetscFree(fa->cnt));
  fa->nwork = fa->ncnt = fa->nsets = 0;
  PetscFunctionReturn(0);
}

PetscErrorCode FilAnalyse_Private(const MfKmcState *st, FilAnalysis *fa, PetscBool want_sets)
{
  const MfKmcLattice   lat = st->lat;
  const PetscInt       N = lat->nsites, maxnb = lat->maxnb;
  const PetscReal      a = FilSpacing(lat);
  const MfKmcSpecies  *sp = st->species;
  MfFilamentInfo      *info = &fa->info;
  PetscInt            *layer, *cid, *stack, *cnt, *dist, *pred, *cur, *next, nl = 0, ncl = 0;
  PetscInt             best = -1, best_kmin = 0, best_kmax = -1, best_n = 0, best_el = -1, buf[MF_FIL_MAXNB];
  PetscBool           *cl_attached;
  const PetscInt       INF = PETSC_MAX_INT;

  PetscFunctionBeginUser;
  PetscCheck(maxnb <= MF_FIL_MAXNB, PETSC_COMM_SELF, PETSC_ERR_SUP, "filament analysis: coordination %" PetscInt_FMT " > %d", maxnb, MF_FIL_MAXNB);
  PetscCall(PetscMemzero(info, sizeof(*info)));
  if (fa->nwork != N) { /* work arrays for this lattice (kept for the next call) */
    PetscCall(PetscFree7(fa->layer, fa->cid, fa->stack, fa->dist, fa->pred, fa->cur, fa->next));
    PetscCall(PetscFree(fa->cl_attached));
    PetscCall(PetscMalloc7(N, &fa->layer, N, &fa->cid, N, &fa->stack, N, &fa->dist, N, &fa->pred, N, &fa->cur, N, &fa->next));
    PetscCall(PetscMalloc1(N + 1, &fa->cl_attached));
    fa->nwork = N;
  }
  layer = fa->layer, cid = fa->cid, stack = fa->stack, dist = fa->dist, pred = fa->pred, cur = fa->cur, next = fa->next, cl_attached = fa->cl_attached;
  PetscCall(SiteLayers(lat, layer, &nl));
  if (fa->ncnt < nl) {
    PetscCall(PetscFree(fa->cnt));
    PetscCall(PetscMalloc1(nl, &fa->cnt));
    fa->ncnt = nl;
  }
  cnt = fa->cnt;
  PetscCall(PetscArrayzero(cnt, nl));
  for (PetscInt i = 0; i < N; i++) {
    info->n_defects += sp[i] == MF_FIL_DEFECT;
    info->n_ions += sp[i] == MF_FIL_ION;
    cid[i] = -1;
  }
  /* clusters of conducting sites (depth-first flood fill in site order: deterministic labels) */
  for (PetscInt s = 0; s < N; s++) {
    PetscInt top = 0, n = 0, kmin = PETSC_MAX_INT, kmax = -1;
    PetscBool bot_touch = PETSC_FALSE, top_touch = PETSC_FALSE;
    if (sp[s] != MF_FIL_DEFECT || cid[s] >= 0) continue;
    cid[s]       = ncl;
    stack[top++] = s;
    while (top) {
      const PetscInt  u  = stack[--top];
      const PetscInt *nb = MfKmcLatticeNeighbors(lat, u, buf);
      n++;
      kmin = PetscMin(kmin, layer[u]);
      kmax = PetscMax(kmax, layer[u]);
      if (lat->flags[u] & MF_KMC_SITE_BOTTOM_INTERFACE) bot_touch = PETSC_TRUE;
      if (lat->flags[u] & MF_KMC_SITE_TOP_INTERFACE) top_touch = PETSC_TRUE;
      for (PetscInt k = 0; k < maxnb; k++) {
        const PetscInt v = nb[k];
        if (v >= 0 && sp[v] == MF_FIL_DEFECT && cid[v] < 0) {
          cid[v]       = ncl;
          stack[top++] = v;
        }
      }
    }
    if (bot_touch && top_touch) info->connected = PETSC_TRUE;
    if (bot_touch || top_touch) {
      const PetscInt h = kmax - kmin + 1;
      /* tallest attached cluster; ties: the larger one, then the first found (deterministic) */
      if (h > best_kmax - best_kmin + 1 || (h == best_kmax - best_kmin + 1 && n > best_n)) {
        best      = ncl;
        best_kmin = kmin;
        best_kmax = kmax;
        best_n    = n;
        best_el   = bot_touch ? 0 : 1;
      }
    }
    ncl++;
  }
  PetscCall(PetscArrayzero(cl_attached, ncl + 1));
  info->attached_to = best_el;
  if (best >= 0) {
    PetscInt nmin = PETSC_MAX_INT;
    for (PetscInt i = 0; i < N; i++)
      if (cid[i] == best) cnt[layer[i]]++;
    for (PetscInt k = best_kmin; k <= best_kmax; k++) nmin = PetscMin(nmin, cnt[k]);
    info->cluster_sites = best_n;
    info->height_m      = (best_kmax - best_kmin + 1) * a;
    info->radius_m      = PetscSqrtReal(nmin * a * a / PETSC_PI);
    info->radius_mean_m = PetscSqrtReal(best_n * a * a / (PETSC_PI * (best_kmax - best_kmin + 1)));
  }
  /* gap: 0-1 BFS by levels from the bottom electrode; entering a conducting site costs 0, any other 1 */
  {
    PetscInt ncur = 0, nnext = 0, level, gmin = INF, gsite = -1;
    for (PetscInt i = 0; i < N; i++) {
      dist[i] = INF;
      pred[i] = -1;
    }
    for (PetscInt i = 0; i < N; i++)
      if (lat->flags[i] & MF_KMC_SITE_BOTTOM_INTERFACE) {
        dist[i] = sp[i] == MF_FIL_DEFECT ? 0 : 1;
        if (dist[i] == 0) cur[ncur++] = i;
        else next[nnext++] = i;
      }
    for (level = 0; ncur || nnext; level++) {
      while (ncur) {
        const PetscInt  u = cur[--ncur];
        const PetscInt *nb;
        if (dist[u] != level) continue; /* stale entry */
        nb = MfKmcLatticeNeighbors(lat, u, buf);
        for (PetscInt k = 0; k < maxnb; k++) {
          const PetscInt v = nb[k];
          if (v < 0) continue;
          const PetscInt nd = level + (sp[v] == MF_FIL_DEFECT ? 0 : 1);
          if (nd < dist[v]) {
            dist[v] = nd;
            pred[v] = u;
            if (nd == level) cur[ncur++] = v;
            else next[nnext++] = v;
          }
        }
      }
      /* next level becomes current (swap buffers) */
      {
        PetscInt *tmp = cur;
        cur           = next;
        next          = tmp;
        ncur          = nnext;
        nnext         = 0;
      }
    }
    for (PetscInt i = 0; i < N; i++)
      if ((lat->flags[i] & MF_KMC_SITE_TOP_INTERFACE) && dist[i] < gmin) {
        gmin  = dist[i];
        gsite = i;
      }
    PetscCheck(gsite >= 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "filament analysis: the KMC lattice has no path from the bottom to the top electrode (no sites flagged as electrode interfaces?)");
    info->gap_m = gmin * a;
    if (want_sets) {
      if (fa->nsets != N) {
        PetscCall(PetscFree2(fa->attached, fa->gap));
        PetscCall(PetscMalloc2(N, &fa->attached, N, &fa->gap));
        fa->nsets = N;
      }
      PetscCall(PetscArrayzero(fa->attached, N));
      PetscCall(PetscArrayzero(fa->gap, N));
      /* conducting: clusters touching an electrode, and clusters the least-gap path runs through */
      if (gmin < nl) {
        for (PetscInt u = gsite; u >= 0; u = pred[u]) {
          if (sp[u] == MF_FIL_DEFECT) cl_attached[cid[u]] = PETSC_TRUE;
          else fa->gap[u] = 1;
        }
      }
      for (PetscInt i = 0; i < N; i++)
        if (sp[i] == MF_FIL_DEFECT && (lat->flags[i] & (MF_KMC_SITE_BOTTOM_INTERFACE | MF_KMC_SITE_TOP_INTERFACE))) cl_attached[cid[i]] = PETSC_TRUE;
      for (PetscInt i = 0; i < N; i++) fa->attached[i] = (unsigned char)(sp[i] == MF_FIL_DEFECT && cl_attached[cid[i]]);
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentAnalyse(const MfKmcState *st, MfFilamentInfo *info)
{
  FilAnalysis fa;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(&fa, sizeof(fa)));
  PetscCall(FilAnalyse_Private(st, &fa, PETSC_FALSE));
  *info = fa.info;
  PetscCall(FilAnalysisDestroy_Private(&fa));
  PetscFunctionReturn(0);
}
