/* Event selectors: 8-ary sum tree (O(log N)), composition-rejection (O(1)), linear search (reference).
 *
 * Tree: level 0 holds the site rates, every entry of level l+1 the sum of 8 consecutive entries of level
 * l (one 64-byte cache line), up to a single root. An 8-ary tree needs a third of the dependent memory
 * loads of a binary one per selection (7 instead of 21 levels for 2^21 sites). Every parent is recomputed
 * from its children in a fixed order (never updated by differences), so the tree depends only on the
 * rates and a rebuild after a checkpoint is bit-identical. Batched updates walk the sorted set of touched
 * nodes level by level, so shared ancestors are summed once.
 *
 * Composition-rejection (Slepoy, Thompson & Plimpton, J. Chem. Phys. 128, 205101 (2008)): sites are
 * grouped by the binary exponent e of their rate (rate in [2^(e-1), 2^e)); a group is chosen with
 * probability proportional to its total, a member uniformly, accepted with probability rate/2^e (>= 1/2).
 * Group totals are kept exactly as 128-bit integers of rate*2^(53-e) (every such product is an integer
 * < 2^53), so they never drift and do not depend on the order of updates. */
#include "kmc_selector.h"
#include <math.h>

__extension__ typedef unsigned __int128 MfU128;

#define CR_EMIN   (-1080)
#define CR_NGROUP 2110 /* exponents -1080 .. 1029 cover every positive finite double */

typedef struct {
  PetscInt  count, cap;
  PetscInt *members;
  MfU128    sum;
} CrGroup;

struct _MfKmcSelector {
  MfKmcSelectorType type;
  PetscInt          n;
  /* tree */
  PetscInt   nlev;
  PetscInt   lsize[24];   /* entries per level, multiple of 8 (the root level: 8, entry 0 used) */
  PetscReal *lev[24];     /* level pointers into one 64-byte aligned block */
  PetscReal *tree_raw;
  /* cr and linear */
  PetscReal *rate;
  /* cr */
  CrGroup   *group;
  short     *grp;     /* group index of each site, -1 = rate 0 */
  PetscInt  *pos;     /* position in its group's member array */
  PetscInt   nactive; /* active groups, sorted by decreasing exponent */
  PetscInt   active[CR_NGROUP];
  /* cr and linear: cached total */
  PetscBool  total_valid;
  PetscReal  total;
};

PetscErrorCode MfKmcSelectorCreate(MfKmcSelectorType type, PetscInt n, MfKmcSelector *sel)
{
  MfKmcSelector s;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&s));
  s->type = type;
  s->n    = n;
  if (type == MF_KMC_SELECTOR_TREE) {
    PetscInt cnt = n, total = 0;
    s->nlev = 0;
    for (;;) {
      s->lsize[s->nlev] = ((cnt + 7) / 8) * 8;
      total += s->lsize[s->nlev];
      s->nlev++;
      if (cnt == 1) break;
      cnt = (cnt + 7) / 8;
    }
    PetscCall(PetscCalloc1(total + 8, &s->tree_raw));
    PetscReal *p = (PetscReal *)(((uintptr_t)s->tree_raw + 63) & ~(uintptr_t)63);
    for (PetscInt l = 0; l < s->nlev; l++) {
      s->lev[l] = p;
      p += s->lsize[l];
    }
  } else {
    PetscCall(PetscCalloc1(n, &s->rate));
  }
  if (type == MF_KMC_SELECTOR_CR) {
    PetscCall(PetscCalloc1(CR_NGROUP, &s->group));
    PetscCall(PetscMalloc1(n, &s->grp));
    PetscCall(PetscMalloc1(n, &s->pos));
    for (PetscInt i = 0; i < n; i++) s->grp[i] = -1;
  }
  *sel = s;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSelectorDestroy(MfKmcSelector *sel)
{
  PetscFunctionBeginUser;
  if (!*sel) PetscFunctionReturn(0);
  PetscCall(PetscFree((*sel)->tree_raw));
  PetscCall(PetscFree((*sel)->rate));
  if ((*sel)->group)
    for (PetscInt g = 0; g < CR_NGROUP; g++) PetscCall(PetscFree((*sel)->group[g].members));
  PetscCall(PetscFree((*sel)->group));
  PetscCall(PetscFree((*sel)->grp));
  PetscCall(PetscFree((*sel)->pos));
  PetscCall(PetscFree(*sel));
  PetscFunctionReturn(0);
}

/* fixed summation order: the tree is a pure function of the rates */
static inline PetscReal TreeSum8(const PetscReal *c)
{
  return ((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7]));
}

/* ---- composition-rejection helpers ---- */
static inline PetscInt CrGroupOf(PetscReal r, MfU128 *q)
{
  int e;
  (void)frexp(r, &e); /* r = m 2^e, m in [0.5, 1) */
  *q = (MfU128)ldexp(r, 53 - e);
  return e - CR_EMIN;
}

static PetscErrorCode CrActivate(MfKmcSelector s, PetscInt g)
{
  PetscInt i = s->nactive;

  PetscFunctionBeginUser;
  while (i > 0 && s->active[i - 1] < g) {
    s->active[i] = s->active[i - 1];
    i--;
  }
  s->active[i] = g;
  s->nactive++;
  PetscFunctionReturn(0);
}

static void CrDeactivate(MfKmcSelector s, PetscInt g)
{
  PetscInt i = 0;
  while (s->active[i] != g) i++;
  for (; i < s->nactive - 1; i++) s->active[i] = s->active[i + 1];
  s->nactive--;
}

static PetscErrorCode CrRemove(MfKmcSelector s, PetscInt site)
{
  PetscFunctionBeginUser;
  const PetscInt g = s->grp[site];
  if (g < 0) PetscFunctionReturn(0);
  CrGroup *G = &s->group[g];
  MfU128   q;
  (void)CrGroupOf(s->rate[site], &q);
  G->sum -= q;
  const PetscInt p = s->pos[site], last = G->members[G->count - 1];
  G->members[p]  = last;
  s->pos[last]   = p;
  G->count--;
  s->grp[site] = -1;
  if (!G->count) CrDeactivate(s, g);
  PetscFunctionReturn(0);
}

static PetscErrorCode CrInsert(MfKmcSelector s, PetscInt site, PetscReal r)
{
  MfU128 q;

  PetscFunctionBeginUser;
  s->rate[site] = r;
  if (r <= 0.0) PetscFunctionReturn(0);
  const PetscInt g = CrGroupOf(r, &q);
  CrGroup       *G = &s->group[g];
  if (G->count == G->cap) {
    PetscInt  cap = G->cap ? 2 * G->cap : 16, *m;
    PetscCall(PetscMalloc1(cap, &m));
    if (G->count) PetscCall(PetscArraycpy(m, G->members, G->count));
    PetscCall(PetscFree(G->members));
    G->members = m;
    G->cap     = cap;
  }
  if (!G->count) PetscCall(CrActivate(s, g));
  G->members[G->count] = site;
  s->pos[site]         = G->count++;
  s->grp[site]         = (short)g;
  G->sum += q;
  PetscFunctionReturn(0);
}

static inline PetscReal CrGroupTotal(const MfKmcSelector s, PetscInt g)
{
  return ldexp((double)s->group[g].sum, g + CR_EMIN - 53);
}

PetscErrorCode MfKmcSelectorSetAll(MfKmcSelector s, const PetscReal rates[])
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < s->n; i++) PetscCheck(rates[i] >= 0.0 && rates[i] < PETSC_INFINITY, PETSC_COMM_SELF, PETSC_ERR_FP, "KMC: site %" PetscInt_FMT " has rate %g 1/s; rates must be finite and >= 0 (check the mechanism parameters and fields)", i, (double)rates[i]);
  switch (s->type) {
  case MF_KMC_SELECTOR_TREE:
    PetscCall(PetscArraycpy(s->lev[0], rates, s->n));
    for (PetscInt l = 1; l < s->nlev; l++)
      for (PetscInt p = 0; p < s->lsize[l - 1] / 8; p++) s->lev[l][p] = TreeSum8(s->lev[l - 1] + 8 * p);
    break;
  case MF_KMC_SELECTOR_CR:
    for (PetscInt g = 0; g < CR_NGROUP; g++) {
      s->group[g].count = 0;
      s->group[g].sum   = 0;
    }
    s->nactive = 0;
    for (PetscInt i = 0; i < s->n; i++) {
      s->grp[i] = -1;
      PetscCall(CrInsert(s, i, rates[i]));
    }
    break;
  case MF_KMC_SELECTOR_LINEAR:
    PetscCall(PetscArraycpy(s->rate, rates, s->n));
    break;
  }
  s->total_valid = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcSelectorUpdate(MfKmcSelector s, PetscInt m, PetscInt sites[], const PetscReal rates[])
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < m; i++) PetscCheck(rates[i] >= 0.0 && rates[i] < PETSC_INFINITY, PETSC_COMM_SELF, PETSC_ERR_FP, "KMC: site %" PetscInt_FMT " has rate %g 1/s; rates must be finite and >= 0 (check the mechanism parameters and fields)", sites[i], (double)rates[i]);
  switch (s->type) {
  case MF_KMC_SELECTOR_TREE: {
    for (PetscInt i = 0; i < m; i++) s->lev[0][sites[i]] = rates[i];
    /* insertion sort (m is small); right shifts keep the order, so duplicates stay adjacent */
    for (PetscInt i = 1; i < m; i++) {
      PetscInt v = sites[i], j = i;
      while (j > 0 && sites[j - 1] > v) {
        sites[j] = sites[j - 1];
        j--;
      }
      sites[j] = v;
    }
    PetscInt k = m;
    for (PetscInt l = 1; l < s->nlev; l++) {
      PetscInt w = 0;
      for (PetscInt i = 0; i < k; i++) {
        const PetscInt p = sites[i] >> 3;
        if (w && sites[w - 1] == p) continue;
        s->lev[l][p] = TreeSum8(s->lev[l - 1] + 8 * p);
        sites[w++]   = p;
      }
      k = w;
    }
  } break;
  case MF_KMC_SELECTOR_CR:
    for (PetscInt i = 0; i < m; i++) {
      PetscCall(CrRemove(s, sites[i]));
      PetscCall(CrInsert(s, sites[i], rates[i]));
    }
    break;
  case MF_KMC_SELECTOR_LINEAR:
    for (PetscInt i = 0; i < m; i++) s->rate[sites[i]] = rates[i];
    break;
  }
  s->total_valid = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscReal MfKmcSelectorRate(MfKmcSelector s, PetscInt site)
{
  return s->type == MF_KMC_SELECTOR_TREE ? s->lev[0][site] : s->rate[site];
}

PetscReal MfKmcSelectorTotal(MfKmcSelector s)
{
  if (s->type == MF_KMC_SELECTOR_TREE) return s->lev[s->nlev - 1][0];
  if (!s->total_valid) {
    PetscReal R = 0.0;
    if (s->type == MF_KMC_SELECTOR_CR) {
      /* ascending magnitude improves the sum's accuracy; the order is canonical (sorted exponents) */
      for (PetscInt i = s->nactive - 1; i >= 0; i--) R += CrGroupTotal(s, s->active[i]);
    } else {
      for (PetscInt i = 0; i < s->n; i++) R += s->rate[i];
    }
    s->total       = R;
    s->total_valid = PETSC_TRUE;
  }
  return s->total;
}

PetscErrorCode MfKmcSelectorSelect(MfKmcSelector s, gsl_rng *rng, PetscInt *site, PetscReal *x_rem)
{
  const PetscReal R = MfKmcSelectorTotal(s);

  PetscFunctionBeginUser;
  PetscCheck(R > 0.0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "KMC: selection with total rate %g", (double)R);
  for (PetscInt attempt = 0; attempt < 1000; attempt++) {
    PetscReal x = MfKmcUniform53(rng) * R;
    switch (s->type) {
    case MF_KMC_SELECTOR_TREE: {
      PetscInt  node = 0;
      PetscBool ok   = PETSC_TRUE;
      for (PetscInt l = s->nlev - 2; l >= 0 && ok; l--) {
        const PetscReal *c = s->lev[l] + 8 * node;
        PetscInt         q = 0;
        while (q < 8 && x >= c[q]) x -= c[q++];
        /* round-off can carry x past the last child at a boundary: draw again */
        ok   = (PetscBool)(q < 8);
        node = 8 * node + q;
      }
      if (ok && node < s->n) {
        *site  = node;
        *x_rem = x;
        PetscFunctionReturn(0);
      }
    } break;
    case MF_KMC_SELECTOR_CR: {
      PetscInt g = s->active[s->nactive - 1];
      for (PetscInt i = 0; i < s->nactive; i++) {
        const PetscReal gt = CrGroupTotal(s, s->active[i]);
        if (x < gt) {
          g = s->active[i];
          break;
        }
        x -= gt;
      }
      const CrGroup  *G   = &s->group[g];
      const PetscReal top = ldexp(1.0, g + CR_EMIN);
      for (;;) {
        const PetscInt  j = G->members[gsl_rng_uniform_int(rng, (unsigned long)G->count)];
        const PetscReal y = MfKmcUniform53(rng) * top;
        if (y < s->rate[j]) { /* accepted: y is uniform on [0, rate_j) */
          *site  = j;
          *x_rem = y;
          PetscFunctionReturn(0);
        }
      }
    } break;
    case MF_KMC_SELECTOR_LINEAR:
      for (PetscInt i = 0; i < s->n; i++) {
        if (x < s->rate[i]) {
          *site  = i;
          *x_rem = x;
          PetscFunctionReturn(0);
        }
        x -= s->rate[i];
      }
      break;
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "KMC: event selection failed 1000 times (total rate %g is inconsistent with the site rates)", (double)R);
}

PetscErrorCode MfKmcSelectorWrite(MfKmcSelector s, FILE *fp, const char path[])
{
  PetscFunctionBeginUser;
  if (s->type != MF_KMC_SELECTOR_CR) PetscFunctionReturn(0);
  PetscInt64 na = s->nactive;
  PetscCheck(fwrite(&na, sizeof(na), 1, fp) == 1, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "KMC checkpoint '%s': write failed", path);
  for (PetscInt i = 0; i < s->nactive; i++) {
    const CrGroup *G      = &s->group[s->active[i]];
    PetscInt64     hdr[2] = {s->active[i], G->count};
    PetscCheck(fwrite(hdr, sizeof(hdr), 1, fp) == 1, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "KMC checkpoint '%s': write failed", path);
    PetscCheck(fwrite(G->members, sizeof(PetscInt), (size_t)G->count, fp) == (size_t)G->count, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "KMC checkpoint '%s': write failed", path);
  }
  PetscFunctionReturn(0);
}

/* Called after SetAll with the recomputed rates: restores the member order of every group. */
PetscErrorCode MfKmcSelectorRead(MfKmcSelector s, FILE *fp, const char path[])
{
  PetscInt64 na;

  PetscFunctionBeginUser;
  if (s->type != MF_KMC_SELECTOR_CR) PetscFunctionReturn(0);
  PetscCheck(fread(&na, sizeof(na), 1, fp) == 1, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': truncated selector section", path);
  PetscCheck(na == s->nactive, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': %" PetscInt64_FMT " rate groups stored but the restored state has %" PetscInt_FMT " (different mechanism parameters or fields?)", path, na, s->nactive);
  for (PetscInt i = 0; i < s->nactive; i++) {
    PetscInt64 hdr[2];
    PetscCheck(fread(hdr, sizeof(hdr), 1, fp) == 1, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': truncated selector section", path);
    PetscCheck(hdr[0] >= 0 && hdr[0] < CR_NGROUP, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': corrupt selector section", path);
    CrGroup *G = &s->group[hdr[0]];
    PetscCheck(hdr[1] == G->count, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': rate group %" PetscInt64_FMT " holds %" PetscInt64_FMT " sites in the file but %" PetscInt_FMT " after restoring (rates differ from the run that wrote it)", path, hdr[0], hdr[1], G->count);
    PetscCheck(fread(G->members, sizeof(PetscInt), (size_t)G->count, fp) == (size_t)G->count, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': truncated selector section", path);
    for (PetscInt p = 0; p < G->count; p++) {
      const PetscInt j = G->members[p];
      PetscCheck(j >= 0 && j < s->n && s->grp[j] == hdr[0], PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': site %" PetscInt_FMT " stored in rate group %" PetscInt64_FMT " does not have a rate in that group", path, j, hdr[0]);
      s->pos[j] = p;
    }
    for (PetscInt p = 0; p < G->count; p++) PetscCheck(s->pos[G->members[p]] == p, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': site %" PetscInt_FMT " listed twice in rate group %" PetscInt64_FMT, path, G->members[p], hdr[0]);
  }
  PetscFunctionReturn(0);
}
