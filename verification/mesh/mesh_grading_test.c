/* Unit test of the 1D graded segment used by the stack mesher (MfGradedSegment).
 * Exact cases: a geometric series that closes exactly (q = ratio), a capped series, short segments,
 * a forced cell count; then a sweep over L/h0 = 1 .. 1e6 checking the invariants every mesh relies on:
 * ends exact, first cell = h0, neighbour ratio within [1, ratio], and the fewest cells possible. */
#include "mf_stack_mesher.h"
#include "mesh_check.h"

#define NMAX 4096

/* Tolerance: nodes are partial sums of O(10) terms of size <= L, each rounded (eps = 2.2e-16), and the
 * bisection for q stops at 4 eps relative: 1e-12 L leaves a margin of > 100. */
static PetscErrorCode CheckNodes(const char *what, PetscReal L, PetscInt n, const PetscReal x[], PetscInt nwant, const PetscReal want[], PetscInt *nfail)
{
  char buf[128];

  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s: cell count", what));
  PetscCall(CheckInt(buf, n, nwant, nfail));
  if (n != nwant) PetscFunctionReturn(0);
  for (PetscInt k = 0; k <= n; k++) {
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s: node %" PetscInt_FMT, what, k));
    PetscCall(CheckReal(buf, x[k], want[k], 1e-12 * L, nfail));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  nfail = 0, n;
  PetscReal x[NMAX + 1];

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  {
    const PetscReal want[] = {0, 1, 2.5, 4.75, 8.125}; /* 1 + 1.5 + 2.25 + 3.375 = 8.125 */
    PetscCall(MfGradedSegment(8.125, 1.0, 1.5, 1e9, 0, NMAX, &n, x));
    PetscCall(CheckNodes("geometric q=1.5 closes exactly", 8.125, n, x, 4, want, &nfail));
  }
  {
    const PetscReal want[] = {0, 1, 3, 7, 11, 15}; /* 1, 2, 4 then capped at h_max = 4 */
    PetscCall(MfGradedSegment(15.0, 1.0, 2.0, 4.0, 0, NMAX, &n, x));
    PetscCall(CheckNodes("geometric capped at h_max", 15.0, n, x, 5, want, &nfail));
  }
  {
    const PetscReal want1[] = {0, 1.4}, want2[] = {0, 0.8, 1.6};
    PetscCall(MfGradedSegment(1.4, 1.0, 1.3, 1e9, 0, NMAX, &n, x));
    PetscCall(CheckNodes("short segment 1.4 h0: one cell", 1.4, n, x, 1, want1, &nfail));
    PetscCall(MfGradedSegment(1.6, 1.0, 1.3, 1e9, 0, NMAX, &n, x));
    PetscCall(CheckNodes("short segment 1.6 h0: two equal cells", 1.6, n, x, 2, want2, &nfail));
  }
  {
    /* Forced 4 cells over L = 10 h0: 1 + q + q^2 + q^3 = 10, q = 1.6920214043... (real root of
     * q^3 + q^2 + q - 9 = 0, Newton to machine precision below). */
    PetscReal q = 1.7, want[5];
    for (PetscInt it = 0; it < 50; it++) q -= (q * q * q + q * q + q - 9.0) / (3 * q * q + 2 * q + 1);
    want[0] = 0;
    for (PetscInt k = 1; k <= 4; k++) want[k] = want[k - 1] + PetscPowReal(q, (PetscReal)(k - 1));
    PetscCall(MfGradedSegment(10.0, 1.0, 1.3, 2.0, 4, NMAX, &n, x));
    PetscCall(CheckNodes("forced 4 cells (growth beyond ratio)", 10.0, n, x, 4, want, &nfail));
    PetscCall(MfGradedSegment(3.0, 1.0, 1.3, 2.0, 6, NMAX, &n, x));
    PetscCall(CheckReal("forced 6 cells over 3 h0: uniform 0.5", x[1], 0.5, 1e-15, &nfail));
  }
  {
    PetscInt bad = 0, cases = 0;
    for (PetscReal Lh = 1.0; Lh <= 1e6; Lh *= 1.37) {
      const PetscReal h0 = 2.5e-9, L = Lh * h0, r = 1.3, hmax = 1e3 * h0;
      PetscReal       s = 0, h = h0;
      PetscBool       uniform = PETSC_TRUE;
      PetscCall(MfGradedSegment(L, h0, r, hmax, 0, NMAX, &n, x));
      cases++;
      if (x[0] != 0.0 || x[n] != L) bad++;
      for (PetscInt k = 1; k < n; k++) {
        const PetscReal ratio = (x[k + 1] - x[k]) / (x[k] - x[k - 1]);
        if (ratio < 1.0 - 1e-9 || ratio > r * (1.0 + 1e-9)) bad++;
        if (PetscAbsReal(ratio - 1.0) > 1e-9) uniform = PETSC_FALSE;
      }
      if (uniform) {
        /* Short segment: n = round(L/h0) equal cells, so L/(n h0) lies in [0.75, 1.5]. */
        if (L / (n * h0) < 0.75 - 1e-12 || L / (n * h0) > 1.5 + 1e-12) bad++;
      } else {
        if (PetscAbsReal((x[1] - x[0]) - h0) > 1e-12 * h0) bad++;
        /* Minimality: n - 1 cells growing as fast as allowed must fall short of L. */
        for (PetscInt k = 0; k < n - 1; k++, h *= r) s += PetscMin(h, hmax);
        if (s >= L) bad++;
      }
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "sweep over %" PetscInt_FMT " segments L/h0 = 1 .. 1e6\n", cases));
    PetscCall(CheckInt("sweep: invariant violations", bad, 0, &nfail));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
