/* KMC state -> per-cell electrical and thermal conductivity of the functional layer (the coupler writes
 * the result into the FE auxiliary fields).
 *
 * Site values (reference/filament-models.md §3, recipe (d) with the conditioning advice of §3):
 *   conducting site of a cluster attached to an electrode (or on the least-gap path): sigma_f, k_f
 *   non-conducting site on the least-gap path (only when some conducting site lies on it):
 *       sigma_gap = clamp(sigma_f exp(-g/lambda), sigma_m, sigma_f), k_m
 *       g = gap of MfFilamentAnalyse; exponential tunnelling/hopping decay with length lambda (Stanford/ASU
 *       gap model, I ~ exp(-g/g0), Guan, Yu & Wong 2012), bounded so that no cell is below the matrix or
 *       above the metal: the FE matrix contrast never exceeds sigma_f/sigma_m
 *   any other site (pristine, isolated defects, ions): the matrix values sigma_m, k_m (direct tunnelling
 *       through the whole film and hopping via isolated defects are part of the matrix conductivity)
 * Homogenisation over the sites of one cell (simple-cubic lattice): series along z (the current direction
 * across the layer) within each column of sites of the cell, parallel over the columns:
 *       sigma_cell = sum_runs n_r H_r / sum_runs n_r,   H_r = n_r / sum_{s in run r} 1/sigma_s
 * (a run = consecutive sites of one x-y column inside the cell). This is the series-parallel (Wiener lower
 * bound of the z-z component) estimate; it is exact for straight columns: a column of area fraction f
 * through the cell gives f sigma_f + (1-f) sigma_m, and a column interrupted by one gap site has the series
 * value. Graph lattices (no columns): arithmetic volume average. Cells without sites keep the matrix values. */
#include "filament_impl.h"

static PetscErrorCode Homogenise(MfKmcLattice lat, const PetscReal site_val[], PetscInt ncells, const PetscInt site_cell[], PetscReal matrix, PetscReal cell_val[], PetscReal *num, PetscReal *den)
{
  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < ncells; c++) num[c] = den[c] = 0.0;
  if (lat->type == MF_KMC_LATTICE_SIMPLE_CUBIC) {
    const PetscInt nx = lat->n[0], ny = lat->n[1], nz = lat->n[2], nxy = nx * ny;
    for (PetscInt col = 0; col < nxy; col++) {
      PetscInt  c = -1, n = 0;
      PetscReal rs = 0.0;
      for (PetscInt k = 0; k <= nz; k++) {
        const PetscInt s  = col + k * nxy;
        const PetscInt cs = k < nz ? site_cell[s] : -1;
        if (cs != c || k == nz) { /* close the run of cell c */
          if (c >= 0 && n > 0) {
            num[c] += (PetscReal)n * n / rs;
            den[c] += n;
          }
          c  = cs;
          n  = 0;
          rs = 0.0;
        }
        if (k < nz && cs >= 0) {
          PetscCheck(cs < ncells, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "filament map: site %" PetscInt_FMT " maps to cell %" PetscInt_FMT ", but only %" PetscInt_FMT " cells were given", s, cs, ncells);
          n++;
          rs += 1.0 / site_val[s];
        }
      }
    }
  } else {
    for (PetscInt s = 0; s < lat->nsites; s++) {
      const PetscInt c = site_cell[s];
      if (c < 0) continue;
      PetscCheck(c < ncells, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "filament map: site %" PetscInt_FMT " maps to cell %" PetscInt_FMT ", but only %" PetscInt_FMT " cells were given", s, c, ncells);
      num[c] += site_val[s];
      den[c] += 1.0;
    }
  }
  for (PetscInt c = 0; c < ncells; c++) cell_val[c] = den[c] > 0.0 ? num[c] / den[c] : matrix;
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapCells(const MfKmcState *st, const MfFilamentMapParams *p, PetscInt ncells, const PetscInt site_cell[], PetscReal sigma_cell[], PetscReal k_cell[])
{
  const MfKmcLattice lat = st->lat;
  FilAnalysis        fa;
  PetscReal         *sv, *kv, *num, *den, sgap;

  PetscFunctionBeginUser;
  PetscCheck(p->sigma_matrix_S_per_m > 0.0 && p->sigma_filament_S_per_m >= p->sigma_matrix_S_per_m && p->k_matrix_W_per_mK > 0.0 && p->k_filament_W_per_mK > 0.0 && p->tunnel_decay_m > 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "filament map: need 0 < sigma_matrix (%g) <= sigma_filament (%g) S/m, k_matrix (%g), k_filament (%g) W/m/K > 0 and tunnel decay length (%g m) > 0", (double)p->sigma_matrix_S_per_m, (double)p->sigma_filament_S_per_m, (double)p->k_matrix_W_per_mK, (double)p->k_filament_W_per_mK, (double)p->tunnel_decay_m);
  PetscCall(FilAnalyse_Private(st, &fa, PETSC_TRUE));
  sgap = p->sigma_filament_S_per_m * PetscExpReal(-fa.info.gap_m / p->tunnel_decay_m);
  sgap = PetscMin(p->sigma_filament_S_per_m, PetscMax(p->sigma_matrix_S_per_m, sgap));
  PetscCall(PetscMalloc4(lat->nsites, &sv, lat->nsites, &kv, ncells, &num, ncells, &den));
  for (PetscInt s = 0; s < lat->nsites; s++) {
    sv[s] = fa.attached[s] ? p->sigma_filament_S_per_m : (fa.gap[s] ? sgap : p->sigma_matrix_S_per_m);
    kv[s] = (fa.attached[s] || (fa.gap[s] && p->gap_heat_to_electrodes)) ? p->k_filament_W_per_mK : p->k_matrix_W_per_mK;
  }
  PetscCall(Homogenise(lat, sv, ncells, site_cell, p->sigma_matrix_S_per_m, sigma_cell, num, den));
  if (k_cell) PetscCall(Homogenise(lat, kv, ncells, site_cell, p->k_matrix_W_per_mK, k_cell, num, den));
  PetscCall(PetscFree4(sv, kv, num, den));
  PetscCall(FilAnalysisDestroy_Private(&fa));
  PetscFunctionReturn(0);
}
