/* KMC state -> per-cell electrical and thermal conductivity of the functional layer (the coupler writes
 * the result into the FE auxiliary fields).
 *
 * Site values (docs/filament.md: the effective-gap map, bounded so that the FE stays well conditioned):
 *   conducting site of a cluster attached to an electrode (or on the least-gap path): sigma_f, k_f
 *   non-conducting site on the least-gap path (only when some conducting site lies on it):
 *       sigma_gap = clamp(sigma_f exp(-g/lambda), sigma_m, sigma_f), k_m
 *       g = gap of MfFilamentAnalyse; exponential tunnelling/hopping decay with length lambda (Stanford/ASU
 *       gap model, I ~ exp(-g/g0), Guan, Yu & Wong 2012), bounded so that no cell is below the matrix or
 *       above the metal: the FE matrix contrast never exceeds sigma_f/sigma_m
 *   any other site (pristine, isolated defects, ions): the matrix values sigma_m, k_m (direct tunnelling
 *       through the whole film and hopping via isolated defects are part of the matrix conductivity)
 * Homogenisation over the sites of one cell (simple-cubic lattice): the sites of the cell are the nodes of a
 * resistor network (bond conductance a 2 s_i s_j/(s_i + s_j) between neighbouring sites of the cell, a
 * half-bond 2 a s_i from each site of the cell's lowest layer to its bottom face and of its highest layer to
 * its top face, insulating sides); with unit potential between the faces the network current I gives
 *       sigma_cell = I H / A   (H = layers x a, A = columns x a^2)
 * the z-z conductivity of the cell (the current direction across the layer). Straight columns have no
 * lateral current: a column of area fraction f through the cell gives f sigma_f + (1-f) sigma_m, and a
 * column interrupted by gap sites its series value (to O(sigma_m/sigma_gap)). By Rayleigh's monotonicity
 * the value lies between the series-parallel estimate (lateral bonds cut, the Wiener lower bound used until
 * session 9) and the parallel-series one (layers shorted laterally). The difference matters for a thin
 * filament that steps sideways inside a cell: the series-parallel value read it as matrix (a V_O filament in
 * 1 nm cells of 2 x 2 sites read 1e10 Ohm with a 0.5 nm gap; docs/filament_devices.md). Dense Cholesky
 * (GSL) per cell with more than one column and unequal site values; a cell of one column or of equal
 * values has the closed form. Graph lattices (no columns): arithmetic volume average. Cells without sites
 * keep the matrix values. */
#include "filament_impl.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

/* Cell-local site lists of a simple-cubic lattice: the sites of cell c are idx[off[c] .. off[c+1]). */
typedef struct {
  PetscInt *off, *idx, *local; /* local[s] = position of site s in its cell's list */
} CellSites;

static PetscErrorCode CellSitesCreate(MfKmcLattice lat, PetscInt ncells, const PetscInt site_cell[], CellSites *cs)
{
  PetscInt *fill;

  PetscFunctionBeginUser;
  PetscCall(PetscCalloc1(ncells + 1, &cs->off));
  PetscCall(PetscMalloc2(lat->nsites, &cs->idx, lat->nsites, &cs->local));
  for (PetscInt s = 0; s < lat->nsites; s++) {
    const PetscInt c = site_cell[s];
    PetscCheck(c < ncells, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "filament map: site %" PetscInt_FMT " maps to cell %" PetscInt_FMT ", but only %" PetscInt_FMT " cells were given", s, c, ncells);
    if (c >= 0) cs->off[c + 1]++;
  }
  for (PetscInt c = 0; c < ncells; c++) cs->off[c + 1] += cs->off[c];
  PetscCall(PetscCalloc1(ncells, &fill));
  for (PetscInt s = 0; s < lat->nsites; s++) { /* ascending site order within a cell: deterministic */
    const PetscInt c = site_cell[s];
    cs->local[s]     = -1;
    if (c < 0) continue;
    cs->local[s]                = fill[c];
    cs->idx[cs->off[c] + fill[c]++] = s;
  }
  PetscCall(PetscFree(fill));
  PetscFunctionReturn(0);
}

static PetscErrorCode CellSitesDestroy(CellSites *cs)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree(cs->off));
  PetscCall(PetscFree2(cs->idx, cs->local));
  PetscFunctionReturn(0);
}

/* z-z conductivity of one cell from its resistor network (header). work: n*n + n reals. */
static PetscErrorCode CellNetwork(MfKmcLattice lat, const PetscReal val[], const PetscInt site_cell[], const CellSites *cs, PetscInt c, PetscReal work[], PetscReal *out)
{
  const PetscInt  nx = lat->n[0], nxy = lat->n[0] * lat->n[1], *sites = cs->idx + cs->off[c], n = cs->off[c + 1] - cs->off[c];
  PetscInt        kmin = PETSC_MAX_INT, kmax = -1, ncol = 0, buf[MF_FIL_MAXNB];
  PetscBool       uniform = PETSC_TRUE, onecol = PETSC_TRUE;
  PetscReal      *L = work, *b = work + n * n, cur = 0.0;

  PetscFunctionBeginUser;
  for (PetscInt q = 0; q < n; q++) {
    const PetscInt k = sites[q] / nxy;
    kmin             = PetscMin(kmin, k);
    kmax             = PetscMax(kmax, k);
    uniform          = (PetscBool)(uniform && val[sites[q]] == val[sites[0]]);
    onecol           = (PetscBool)(onecol && sites[q] % nxy == sites[0] % nxy);
  }
  for (PetscInt q = 0; q < n; q++) ncol += sites[q] / nxy == kmin; /* a box of sites: the columns = the lowest layer */
  if (uniform) {
    *out = val[sites[0]];
    PetscFunctionReturn(0);
  }
  if (onecol) { /* series */
    PetscReal rs = 0.0;
    for (PetscInt q = 0; q < n; q++) rs += 1.0 / val[sites[q]];
    *out = (PetscReal)n / rs;
    PetscFunctionReturn(0);
  }
  PetscCall(PetscArrayzero(L, n * n + n));
  for (PetscInt q = 0; q < n; q++) {
    const PetscInt  s = sites[q], k = s / nxy, *nb = MfKmcLatticeNeighbors(lat, s, buf);
    const PetscReal v = val[s];
    if (k == kmin) L[q * n + q] += 2.0 * v; /* half-bond to the bottom face (potential 0) */
    if (k == kmax) {                        /* half-bond to the top face (potential 1) */
      L[q * n + q] += 2.0 * v;
      b[q] += 2.0 * v;
    }
    for (PetscInt m = 0; m < lat->maxnb; m++) {
      const PetscInt j = nb[m];
      if (j < 0 || site_cell[j] != c) continue;
      const PetscInt di = PetscAbsInt(j % nx - s % nx), dj = PetscAbsInt((j % nxy) / nx - (s % nxy) / nx), dk = PetscAbsInt(j / nxy - k);
      if (di + dj + dk != 1) continue; /* a periodic wrap-around bond is not inside the cell */
      const PetscInt  r = cs->local[j];
      const PetscReal g = 2.0 * v * val[j] / (v + val[j]);
      L[q * n + q] += g;
      L[q * n + r] -= g;
    }
  }
  {
    gsl_matrix_view Lv = gsl_matrix_view_array(L, (size_t)n, (size_t)n);
    gsl_vector_view bv = gsl_vector_view_array(b, (size_t)n);
    int             err;
    gsl_set_error_handler_off();
    err = gsl_linalg_cholesky_decomp1(&Lv.matrix);
    PetscCheck(!err, PETSC_COMM_SELF, PETSC_ERR_LIB, "filament map: the resistor network of cell %" PetscInt_FMT " is not positive definite (GSL: %s)", c, gsl_strerror(err));
    err = gsl_linalg_cholesky_svx(&Lv.matrix, &bv.vector);
    PetscCheck(!err, PETSC_COMM_SELF, PETSC_ERR_LIB, "filament map: solve of cell %" PetscInt_FMT " failed (GSL: %s)", c, gsl_strerror(err));
  }
  for (PetscInt q = 0; q < n; q++)
    if (sites[q] / nxy == kmin) cur += 2.0 * val[sites[q]] * b[q]; /* into the bottom face */
  *out = cur * (PetscReal)(kmax - kmin + 1) / (PetscReal)ncol;
  PetscFunctionReturn(0);
}

static PetscErrorCode Homogenise(MfKmcLattice lat, const PetscReal site_val[], PetscInt ncells, const PetscInt site_cell[], const CellSites *cs, PetscReal matrix, PetscReal work[], PetscReal cell_val[])
{
  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < ncells; c++) {
    const PetscInt n = cs->off[c + 1] - cs->off[c];
    if (!n) cell_val[c] = matrix;
    else if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) PetscCall(CellNetwork(lat, site_val, site_cell, cs, c, work, &cell_val[c]));
    else {
      PetscReal sum = 0.0;
      for (PetscInt q = cs->off[c]; q < cs->off[c + 1]; q++) sum += site_val[cs->idx[q]];
      cell_val[c] = sum / n;
    }
  }
  PetscFunctionReturn(0);
}

/* What depends only on the lattice and the site -> cell map: the cells' site lists, the largest cell, and the
 * work arrays of one application (site values, dense network). */
struct _n_MfFilamentMap {
  MfKmcLattice lat;       /* not referenced: must outlive the map */
  PetscInt     ncells, nmax;
  PetscInt    *site_cell; /* copy [nsites] */
  CellSites    cs;
  PetscReal   *sv, *kv, *work;
  FilAnalysis  fa;        /* the state's analysis, its arrays kept between applications */
};

PetscErrorCode MfFilamentMapCreate(MfKmcLattice lat, PetscInt ncells, const PetscInt site_cell[], MfFilamentMap *out)
{
  MfFilamentMap m;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&m));
  PetscCall(CellSitesCreate(lat, ncells, site_cell, &m->cs));
  for (PetscInt c = 0; c < ncells; c++) m->nmax = PetscMax(m->nmax, m->cs.off[c + 1] - m->cs.off[c]);
  /* the dense per-cell solve costs n^3/3 and 8 n^2 bytes: fine for the few sites per cell of aligned meshes */
  PetscCheck(lat->type != MF_KMC_LATTICE_SIMPLE_CUBIC || m->nmax <= 1000, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "filament map: an FE cell of the functional layer holds %" PetscInt_FMT " KMC sites; the per-cell resistor network supports up to 1000: make mesh.functional_cell and mesh.lateral_cell closer to kmc.spacing", m->nmax);
  PetscCall(PetscMalloc1(lat->nsites, &m->site_cell));
  PetscCall(PetscArraycpy(m->site_cell, site_cell, lat->nsites));
  m->lat    = lat;
  m->ncells = ncells;
  PetscCall(PetscMalloc3(lat->nsites, &m->sv, lat->nsites, &m->kv, m->nmax * m->nmax + m->nmax, &m->work));
  *out = m;
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapDestroy(MfFilamentMap *m)
{
  PetscFunctionBeginUser;
  if (!*m) PetscFunctionReturn(0);
  PetscCall(PetscFree3((*m)->sv, (*m)->kv, (*m)->work));
  PetscCall(FilAnalysisDestroy_Private(&(*m)->fa));
  PetscCall(CellSitesDestroy(&(*m)->cs));
  PetscCall(PetscFree((*m)->site_cell));
  PetscCall(PetscFree(*m));
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapApply(MfFilamentMap m, const MfKmcState *st, const MfFilamentMapParams *p, PetscReal sigma_cell[], PetscReal k_cell[])
{
  const MfKmcLattice lat = m->lat;
  FilAnalysis       *fa  = &m->fa;
  PetscReal          sgap;

  PetscFunctionBeginUser;
  PetscCheck(st->lat == lat, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "filament map: the state's lattice is not the lattice the map was created for");
  PetscCheck(p->sigma_matrix_S_per_m > 0.0 && p->sigma_filament_S_per_m >= p->sigma_matrix_S_per_m && p->k_matrix_W_per_mK > 0.0 && p->k_filament_W_per_mK > 0.0 && p->tunnel_decay_m > 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "filament map: need 0 < sigma_matrix (%g) <= sigma_filament (%g) S/m, k_matrix (%g), k_filament (%g) W/m/K > 0 and tunnel decay length (%g m) > 0", (double)p->sigma_matrix_S_per_m, (double)p->sigma_filament_S_per_m, (double)p->k_matrix_W_per_mK, (double)p->k_filament_W_per_mK, (double)p->tunnel_decay_m);
  PetscCall(FilAnalyse_Private(st, fa, PETSC_TRUE));
  sgap = p->sigma_filament_S_per_m * PetscExpReal(-fa->info.gap_m / p->tunnel_decay_m);
  sgap = PetscMin(p->sigma_filament_S_per_m, PetscMax(p->sigma_matrix_S_per_m, sgap));
  for (PetscInt s = 0; s < lat->nsites; s++) {
    m->sv[s] = fa->attached[s] ? p->sigma_filament_S_per_m : (fa->gap[s] ? sgap : p->sigma_matrix_S_per_m);
    m->kv[s] = (fa->attached[s] || (fa->gap[s] && p->gap_heat_to_electrodes)) ? p->k_filament_W_per_mK : p->k_matrix_W_per_mK;
  }
  PetscCall(Homogenise(lat, m->sv, m->ncells, m->site_cell, &m->cs, p->sigma_matrix_S_per_m, m->work, sigma_cell));
  if (k_cell) PetscCall(Homogenise(lat, m->kv, m->ncells, m->site_cell, &m->cs, p->k_matrix_W_per_mK, m->work, k_cell));
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapCells(const MfKmcState *st, const MfFilamentMapParams *p, PetscInt ncells, const PetscInt site_cell[], PetscReal sigma_cell[], PetscReal k_cell[])
{
  MfFilamentMap m;

  PetscFunctionBeginUser;
  PetscCall(MfFilamentMapCreate(st->lat, ncells, site_cell, &m));
  PetscCall(MfFilamentMapApply(m, st, p, sigma_cell, k_cell));
  PetscCall(MfFilamentMapDestroy(&m));
  PetscFunctionReturn(0);
}
