/* KMC lattices: simple cubic (default) and general graphs, with symmetric neighbour lists and
 * electrode-interface flags. */
#include "mf_kmc.h"

static PetscErrorCode LatticeAlloc(PetscInt nsites, PetscInt maxnb, MfKmcLattice *lat)
{
  MfKmcLattice l;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&l));
  l->nsites = nsites;
  l->maxnb  = maxnb;
  l->refct  = 1;
  PetscCall(PetscCalloc1(nsites, &l->flags));
  *lat = l;
  PetscFunctionReturn(0);
}

/* Every bond i->j must have j->i with the opposite displacement: the engine's local updates rely on it. */
static PetscErrorCode LatticeCheckSymmetric(MPI_Comm comm, MfKmcLattice l)
{
  PetscFunctionBeginUser;
  for (PetscInt i = 0; i < l->nsites; i++) {
    for (PetscInt k = 0; k < l->maxnb; k++) {
      PetscInt j = l->nbr[i * l->maxnb + k], back = -1;
      if (j < 0) continue;
      PetscCheck(j < l->nsites, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice: neighbour %" PetscInt_FMT " of site %" PetscInt_FMT " is outside [0, %" PetscInt_FMT ")", j, i, l->nsites);
      PetscCheck(j != i, comm, PETSC_ERR_ARG_WRONG, "KMC lattice: site %" PetscInt_FMT " lists itself as a neighbour", i);
      const PetscReal *d = MfKmcLatticeBondVector(l, i, k);
      for (PetscInt m = 0; m < l->maxnb; m++) {
        if (l->nbr[j * l->maxnb + m] != i) continue;
        const PetscReal *e = MfKmcLatticeBondVector(l, j, m);
        if (PetscAbsReal(d[0] + e[0]) + PetscAbsReal(d[1] + e[1]) + PetscAbsReal(d[2] + e[2]) <= 1e-9 * (PetscAbsReal(d[0]) + PetscAbsReal(d[1]) + PetscAbsReal(d[2]))) back = m;
      }
      PetscCheck(back >= 0, comm, PETSC_ERR_ARG_WRONG, "KMC lattice: bond %" PetscInt_FMT " -> %" PetscInt_FMT " has no reverse bond with the opposite displacement (neighbour lists must be symmetric)", i, j);
    }
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcLatticeCreateSimpleCubic(MPI_Comm comm, const PetscInt n[3], PetscReal a_m, const PetscBool periodic[3], MfKmcLattice *lat)
{
  MfKmcLattice l;
  PetscInt64   N = 1;

  PetscFunctionBeginUser;
  for (PetscInt d = 0; d < 3; d++) {
    PetscCheck(n[d] >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice: %" PetscInt_FMT " sites along axis %" PetscInt_FMT ", expected >= 1", n[d], d);
    /* a periodic axis of length 2 would make +x and -x the same neighbour (double bond) */
    PetscCheck(!periodic[d] || n[d] == 1 || n[d] >= 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice: periodic axis %" PetscInt_FMT " needs >= 3 sites, got %" PetscInt_FMT, d, n[d]);
    N *= n[d];
  }
  PetscCheck(a_m > 0.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice: spacing a = %g m, expected > 0", (double)a_m);
  PetscCheck(N * 6 < PETSC_MAX_INT, comm, PETSC_ERR_USER_INPUT, "KMC lattice: %" PetscInt64_FMT " sites of spacing %g m exceed 32-bit PetscInt indexing (at most %d): increase the lattice spacing (kmc.spacing)", N, (double)a_m, (int)(PETSC_MAX_INT / 6));
  PetscCall(LatticeAlloc((PetscInt)N, 6, &l));
  l->type = MF_KMC_LATTICE_SIMPLE_CUBIC;
  l->a_m  = a_m;
  for (PetscInt d = 0; d < 3; d++) {
    l->n[d]        = n[d];
    l->periodic[d] = periodic[d];
  }
  l->nbondtypes = 6;
  PetscCall(PetscCalloc1(18, &l->bondvec));
  for (PetscInt d = 0; d < 3; d++) {
    l->bondvec[3 * (2 * d) + d]     = a_m;
    l->bondvec[3 * (2 * d + 1) + d] = -a_m;
  }
  const PetscInt nxy = n[0] * n[1], nz = n[2];
  if (!periodic[2] && nz > 1)
    for (PetscInt s = 0; s < nxy; s++) {
      l->flags[s] |= MF_KMC_SITE_BOTTOM_INTERFACE;
      l->flags[(nz - 1) * nxy + s] |= MF_KMC_SITE_TOP_INTERFACE;
    }
  *lat = l;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcLatticeCreateGraph(MPI_Comm comm, PetscInt nsites, PetscInt maxnb, const PetscReal coords[], const PetscInt nbr[], const PetscReal bondvec[], const unsigned char flags[], MfKmcLattice *lat)
{
  MfKmcLattice l;

  PetscFunctionBeginUser;
  PetscCheck(nsites > 0 && maxnb > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC graph lattice: nsites = %" PetscInt_FMT ", maxnb = %" PetscInt_FMT ", expected both > 0", nsites, maxnb);
  PetscCall(LatticeAlloc(nsites, maxnb, &l));
  PetscCall(PetscMalloc1((size_t)nsites * maxnb, &l->nbr));
  l->type       = MF_KMC_LATTICE_GRAPH;
  l->nbondtypes = nsites * maxnb;
  PetscCall(PetscMalloc1((size_t)nsites * maxnb, &l->bond));
  PetscCall(PetscCalloc1((size_t)3 * nsites * maxnb, &l->bondvec));
  PetscCall(PetscMalloc1((size_t)3 * nsites, &l->coords));
  PetscCall(PetscArraycpy(l->coords, coords, 3 * nsites));
  PetscCall(PetscArraycpy(l->nbr, nbr, nsites * maxnb));
  for (PetscInt b = 0; b < nsites * maxnb; b++) {
    l->bond[b] = b;
    if (nbr[b] >= 0)
      for (PetscInt d = 0; d < 3; d++) l->bondvec[3 * b + d] = bondvec[3 * b + d];
  }
  if (flags) PetscCall(PetscArraycpy(l->flags, flags, nsites));
  PetscCall(LatticeCheckSymmetric(comm, l));
  *lat = l;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcLatticeGetCoordinates(MfKmcLattice lat, PetscInt site, PetscReal x[3])
{
  PetscFunctionBeginUser;
  PetscCheck(site >= 0 && site < lat->nsites, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice: site %" PetscInt_FMT " outside [0, %" PetscInt_FMT ")", site, lat->nsites);
  if (lat->coords) {
    for (PetscInt d = 0; d < 3; d++) x[d] = lat->coords[3 * site + d];
  } else {
    const PetscInt i = site % lat->n[0], j = (site / lat->n[0]) % lat->n[1], k = site / (lat->n[0] * lat->n[1]);
    x[0] = i * lat->a_m;
    x[1] = j * lat->a_m;
    x[2] = k * lat->a_m;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcLatticeReference(MfKmcLattice lat)
{
  PetscFunctionBeginUser;
  lat->refct++;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcLatticeDestroy(MfKmcLattice *lat)
{
  PetscFunctionBeginUser;
  if (!*lat) PetscFunctionReturn(0);
  if (--(*lat)->refct > 0) {
    *lat = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(PetscFree((*lat)->nbr));
  PetscCall(PetscFree((*lat)->bond));
  PetscCall(PetscFree((*lat)->bondvec));
  PetscCall(PetscFree((*lat)->coords));
  PetscCall(PetscFree((*lat)->flags));
  PetscCall(PetscFree(*lat));
  PetscFunctionReturn(0);
}
