/* One-dimensional graded node distributions for the tensor-product stack mesher.
 *
 * A graded segment starts with a cell of size h0 at its left end (the end nearest the functional layer
 * or the electrode crossing) and grows geometrically, h_k = h0 q^k, capped at h_max, with 1 <= q <= ratio.
 * Keeping the neighbour ratio bounded (<= ~1.3) keeps the Q1 interpolation error smooth across the graded
 * zone (standard mesh-grading practice, e.g. Thompson, Warsi & Mastin, "Numerical Grid Generation", 1985,
 * ch. 8). The growth q is found by bisection so that the cells fill the segment exactly. */
#include "mf_stack_mesher.h"

/* Sum of the first n capped geometric sizes. */
static PetscReal GradedSum(PetscReal h0, PetscReal q, PetscReal hmax, PetscInt n)
{
  PetscReal s = 0.0, h = h0;
  for (PetscInt k = 0; k < n; k++) {
    s += PetscMin(h, hmax);
    h *= q;
  }
  return s;
}

/* Growth q in [qlo, qhi] with GradedSum(h0, q, hmax, n) = L (the sum is monotone in q). */
static PetscReal SolveGrowth(PetscReal L, PetscReal h0, PetscReal hmax, PetscInt n, PetscReal qlo, PetscReal qhi)
{
  for (PetscInt it = 0; it < 200; it++) {
    const PetscReal qm = 0.5 * (qlo + qhi);
    if (GradedSum(h0, qm, hmax, n) < L) qlo = qm;
    else qhi = qm;
    if (qhi - qlo <= 4.0 * PETSC_MACHINE_EPSILON * qhi) break;
  }
  return 0.5 * (qlo + qhi);
}

PetscErrorCode MfGradedSegment(PetscReal L, PetscReal h0, PetscReal ratio, PetscReal hmax, PetscInt cells, PetscInt max_n, PetscInt *n_out, PetscReal x[])
{
  PetscInt  n;
  PetscReal q = 1.0;
  PetscBool uniform = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCheck(L > 0.0 && h0 > 0.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Graded segment needs a positive length and first cell size (got L = %g m, h0 = %g m)", (double)L, (double)h0);
  PetscCheck(ratio >= 1.0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mesh grading ratio must be >= 1 (got %g)", (double)ratio);
  if (hmax < h0) hmax = h0;
  if (cells > 0) {
    n = cells;
    if (n * h0 >= L) uniform = PETSC_TRUE;
    else {
      /* Forced count: grow as much as needed (uncapped), the user asked for exactly n cells. */
      PetscReal qhi = 2.0;
      while (GradedSum(h0, qhi, PETSC_MAX_REAL, n) < L) qhi *= 2.0;
      hmax = PETSC_MAX_REAL;
      q    = SolveGrowth(L, h0, hmax, n, 1.0, qhi);
    }
  } else {
    /* Fewest cells whose fastest allowed growth covers L. */
    n = 1;
    while (GradedSum(h0, ratio, hmax, n) < L * (1.0 - 1e-12)) {
      n++;
      PetscCheck(n <= max_n, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Graded segment of %g m from %g m cells at ratio %g needs more than %" PetscInt_FMT " cells: raise the grading ratio or the maximum cell size", (double)L, (double)h0, (double)ratio, max_n);
    }
    if (n * h0 >= L) {
      /* Segment only a few h0 long: equal cells of about h0 (round to the nearest count). */
      n       = PetscMax(1, (PetscInt)PetscFloorReal(L / h0 + 0.5));
      uniform = PETSC_TRUE;
    } else q = SolveGrowth(L, h0, hmax, n, 1.0, ratio);
  }
  PetscCheck(n <= max_n, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Graded segment of %g m needs %" PetscInt_FMT " cells, more than the limit %" PetscInt_FMT, (double)L, n, max_n);
  *n_out = n;
  if (!x) PetscFunctionReturn(0);
  x[0] = 0.0;
  if (uniform) {
    for (PetscInt k = 1; k < n; k++) x[k] = L * (PetscReal)k / (PetscReal)n;
  } else {
    PetscReal h = h0, s;
    for (PetscInt k = 1; k <= n; k++) {
      x[k] = x[k - 1] + PetscMin(h, hmax);
      h *= q;
    }
    /* Remove the bisection residual (relative ~1e-15) so that the segment ends exactly at L. */
    s = L / x[n];
    for (PetscInt k = 1; k < n; k++) x[k] *= s;
  }
  x[n] = L;
  PetscFunctionReturn(0);
}
