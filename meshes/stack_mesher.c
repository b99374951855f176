/* Built-in tensor-product mesher for a layered crossbar cell (hexahedra in 3D, quadrilaterals in 2D).
 *
 * The mesh is a DMPlex box whose integer vertex coordinates i are mapped, axis by axis, to graded node
 * positions x_i (triangle/tetgen are not available in Debian's PETSc 3.18; a mapped box keeps the
 * connectivity, the orientation and PETSc's labelling machinery). Node positions:
 *  - stacking axis: functional layer uniform (h_functional, or whole multiples of the KMC lattice spacing),
 *    the other layers graded geometrically away from it, every layer interface an exact node;
 *  - lateral axes: uniform h_lateral over the active area (electrode crossing), graded outwards, with
 *    nodes exactly at +-w/2 so that the line edges are cell faces.
 * Regions are assigned from cell centroids, faces from their position on the boundary (mf_stack_mesher.h
 * documents the geometry and the contact choice). Everything happens on the serial mesh, then the mesh
 * is distributed, so labels survive distribution by construction. */
#include "mf_stack_mesher.h"

#define MF_STACK_MAX_AXIS_CELLS 100000

PetscErrorCode MfStackSpecSetDefaults(PetscInt dim, MfStackSpec *spec)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(spec, sizeof(*spec)));
  spec->dim        = dim;
  spec->num_layers = 4;
  /* 125 um PET is the most common flexible substrate of the reference Table 2; 50 nm electrodes and a
   * 10 nm oxide are typical of the devices of Table 1. */
  spec->layer[0]          = (MfStackLayer){MF_REGION_SUBSTRATE, 125e-6, 0};
  spec->layer[1]          = (MfStackLayer){MF_REGION_BOTTOM_ELECTRODE, 50e-9, 0};
  spec->layer[2]          = (MfStackLayer){MF_REGION_FUNCTIONAL, 10e-9, 0};
  spec->layer[3]          = (MfStackLayer){MF_REGION_TOP_ELECTRODE, 50e-9, 0};
  spec->width_m           = 2e-6;
  spec->electrode_width_m = 100e-9;
  spec->h_functional_m    = 2.5e-9;
  spec->h_lateral_m       = 20e-9;
  spec->h_max_m           = 25e-6;
  spec->grading           = 1.3;
  spec->kmc_lattice_m     = 0.0;
  spec->refine            = 1;
  PetscFunctionReturn(0);
}

PetscErrorCode MfStackSpecGetLayerRange(const MfStackSpec *spec, PetscInt l, PetscReal *z0, PetscReal *z1)
{
  PetscReal z = 0.0;

  PetscFunctionBeginUser;
  PetscCheck(l >= 0 && l < spec->num_layers, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Layer index %" PetscInt_FMT " outside [0, %" PetscInt_FMT ")", l, spec->num_layers);
  for (PetscInt i = 0; i < l; i++) z += spec->layer[i].thickness_m;
  if (z0) *z0 = z;
  if (z1) *z1 = z + spec->layer[l].thickness_m;
  PetscFunctionReturn(0);
}

static PetscInt FindLayer(const MfStackSpec *spec, MfRegionId r)
{
  for (PetscInt l = 0; l < spec->num_layers; l++)
    if (spec->layer[l].region == r) return l;
  return -1;
}

/* Number of lattice spacings a in length L; errors when L is not a whole multiple (to 1e-6 relative). */
static PetscErrorCode LatticeCount(MPI_Comm comm, const char *what, PetscReal L, PetscReal a, PetscInt *N)
{
  PetscFunctionBeginUser;
  *N = (PetscInt)PetscFloorReal(L / a + 0.5);
  PetscCheck(*N >= 1 && PetscAbsReal(*N * a - L) <= 1e-6 * L, comm, PETSC_ERR_ARG_INCOMP, "KMC alignment: %s %g m is not a whole multiple of the KMC lattice spacing %g m (ratio %.6g); adjust the thickness/width or the lattice spacing", what, (double)L, (double)a, (double)(L / a));
  PetscFunctionReturn(0);
}

PetscErrorCode MfStackSpecValidate(MPI_Comm comm, const MfStackSpec *s)
{
  PetscInt nf = 0, nb = 0, nt = 0, lf, lb, lt;

  PetscFunctionBeginUser;
  PetscCheck(s->dim == 2 || s->dim == 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack mesh dimension must be 2 or 3, got %" PetscInt_FMT, s->dim);
  PetscCheck(s->num_layers >= 3 && s->num_layers <= MF_STACK_MAX_LAYERS, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack needs between 3 and %d layers (bottom electrode, functional, top electrode at least), got %" PetscInt_FMT, MF_STACK_MAX_LAYERS, s->num_layers);
  for (PetscInt l = 0; l < s->num_layers; l++) {
    const MfStackLayer *L = &s->layer[l];
    PetscCheck(L->region >= MF_REGION_SUBSTRATE && L->region <= MF_REGION_CAP, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack layer %" PetscInt_FMT " has region id %d; expected substrate, buffer, bottom_electrode, functional, top_electrode or cap", l, (int)L->region);
    PetscCheck(L->thickness_m > 0.0 && L->thickness_m < 1.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack layer %" PetscInt_FMT " (%s) thickness %g m outside (0, 1) m", l, MfRegionNames[L->region], (double)L->thickness_m);
    PetscCheck(L->cells >= 0 && L->cells <= MF_STACK_MAX_AXIS_CELLS, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack layer %" PetscInt_FMT " (%s) cell count %" PetscInt_FMT " outside [0, %d] (0 = automatic)", l, MfRegionNames[L->region], L->cells, MF_STACK_MAX_AXIS_CELLS);
    nf += L->region == MF_REGION_FUNCTIONAL;
    nb += L->region == MF_REGION_BOTTOM_ELECTRODE;
    nt += L->region == MF_REGION_TOP_ELECTRODE;
  }
  PetscCheck(nf == 1 && nb == 1 && nt == 1, comm, PETSC_ERR_ARG_WRONG, "Stack must have exactly one bottom_electrode, functional and top_electrode layer (got %" PetscInt_FMT ", %" PetscInt_FMT ", %" PetscInt_FMT ")", nb, nf, nt);
  lf = FindLayer(s, MF_REGION_FUNCTIONAL);
  lb = FindLayer(s, MF_REGION_BOTTOM_ELECTRODE);
  lt = FindLayer(s, MF_REGION_TOP_ELECTRODE);
  PetscCheck(lb < lf && lf < lt, comm, PETSC_ERR_ARG_WRONG, "Stack order must be bottom_electrode below functional below top_electrode (layers %" PetscInt_FMT ", %" PetscInt_FMT ", %" PetscInt_FMT ")", lb, lf, lt);
  PetscCheck(s->width_m > 0.0 && s->width_m < 1.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Stack width %g m outside (0, 1) m", (double)s->width_m);
  PetscCheck(s->electrode_width_m > 0.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Electrode line width %g m must be positive", (double)s->electrode_width_m);
  PetscCheck(s->h_functional_m > 0.0 && s->h_lateral_m > 0.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Functional-layer cell sizes must be positive (h_functional %g m, h_lateral %g m)", (double)s->h_functional_m, (double)s->h_lateral_m);
  PetscCheck(s->h_max_m >= PetscMax(s->h_functional_m, s->h_lateral_m), comm, PETSC_ERR_ARG_OUTOFRANGE, "Maximum cell size %g m must be >= the functional cell sizes (%g m, %g m)", (double)s->h_max_m, (double)s->h_functional_m, (double)s->h_lateral_m);
  PetscCheck(s->grading >= 1.01 && s->grading <= 2.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Mesh grading ratio %g outside [1.01, 2]", (double)s->grading);
  PetscCheck(s->refine >= 1 && s->refine <= 16, comm, PETSC_ERR_ARG_OUTOFRANGE, "Mesh refine factor %" PetscInt_FMT " outside [1, 16]", s->refine);
  PetscCheck(s->kmc_lattice_m >= 0.0, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC lattice spacing %g m must be >= 0 (0 = no alignment)", (double)s->kmc_lattice_m);
  if (s->kmc_lattice_m > 0.0) {
    PetscInt N;
    PetscCall(LatticeCount(comm, "functional thickness", s->layer[lf].thickness_m, s->kmc_lattice_m, &N));
    PetscCall(LatticeCount(comm, s->electrode_width_m >= s->width_m ? "stack width" : "electrode line width", PetscMin(s->electrode_width_m, s->width_m), s->kmc_lattice_m, &N));
  }
  PetscFunctionReturn(0);
}

/* Uniform partition of length L into cells of about h (or of whole lattice spacings a when a > 0). */
static PetscErrorCode UniformNodes(MPI_Comm comm, const char *what, PetscReal L, PetscReal h, PetscReal a, PetscInt cells, PetscInt *n, PetscReal **x)
{
  PetscFunctionBeginUser;
  if (a > 0.0) {
    PetscInt N, m = PetscMax(1, (PetscInt)PetscFloorReal(h / a + 0.5)), base, rem, acc = 0;
    PetscCall(LatticeCount(comm, what, L, a, &N));
    *n = cells > 0 ? cells : PetscMax(1, (N + m - 1) / m);
    PetscCheck(*n <= N, comm, PETSC_ERR_ARG_OUTOFRANGE, "KMC alignment: %s has %" PetscInt_FMT " lattice spacings, fewer than the %" PetscInt_FMT " cells requested", what, N, *n);
    base = N / *n;
    rem  = N % *n;
    PetscCall(PetscMalloc1(*n + 1, x));
    for (PetscInt j = 0; j <= *n; j++) {
      (*x)[j] = (j == *n) ? L : acc * a;
      if (j < *n) acc += base + (j < rem ? 1 : 0);
    }
  } else {
    *n = cells > 0 ? cells : PetscMax(1, (PetscInt)PetscCeilReal(L / h * (1.0 - 1e-12)));
    PetscCall(PetscMalloc1(*n + 1, x));
    for (PetscInt j = 0; j < *n; j++) (*x)[j] = L * (PetscReal)j / (PetscReal)*n;
    (*x)[*n] = L;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode GradedNodes(PetscReal L, PetscReal h0, const MfStackSpec *s, PetscInt cells, PetscInt *n, PetscReal **x)
{
  PetscFunctionBeginUser;
  PetscCall(MfGradedSegment(L, h0, s->grading, s->h_max_m, cells, MF_STACK_MAX_AXIS_CELLS, n, NULL));
  PetscCall(PetscMalloc1(*n + 1, x));
  PetscCall(MfGradedSegment(L, h0, s->grading, s->h_max_m, cells, MF_STACK_MAX_AXIS_CELLS, n, *x));
  PetscFunctionReturn(0);
}

/* Lateral nodes on [-W/2, W/2]: active area uniform, graded outside, mirror-symmetric. */
static PetscErrorCode LateralNodes(MPI_Comm comm, const MfStackSpec *s, PetscInt *n, PetscReal **nodes)
{
  const PetscBool full = (PetscBool)(s->electrode_width_m >= s->width_m);
  const PetscReal A    = full ? s->width_m : s->electrode_width_m;
  PetscInt        na, no = 0;
  PetscReal      *xa, *xo = NULL;

  PetscFunctionBeginUser;
  PetscCall(UniformNodes(comm, full ? "stack width" : "electrode line width", A, s->h_lateral_m, s->kmc_lattice_m, 0, &na, &xa));
  if (!full) PetscCall(GradedNodes(0.5 * (s->width_m - A), xa[na] - xa[na - 1], s, 0, &no, &xo));
  *n = na + 2 * no;
  PetscCall(PetscMalloc1(*n + 1, nodes));
  for (PetscInt k = 0; k < no; k++) (*nodes)[k] = -(0.5 * A + xo[no - k]);
  for (PetscInt j = 0; j <= na; j++) (*nodes)[no + j] = xa[j] - 0.5 * A;
  (*nodes)[no]      = -0.5 * A;
  (*nodes)[no + na] = 0.5 * A;
  for (PetscInt k = 1; k <= no; k++) (*nodes)[no + na + k] = 0.5 * A + xo[k];
  PetscCall(PetscFree(xa));
  PetscCall(PetscFree(xo));
  PetscFunctionReturn(0);
}

/* Stacking-axis nodes: functional layer first, then grade outwards layer by layer so that the first cell
 * of each layer matches the size of its neighbour across the interface. */
static PetscErrorCode StackNodes(MPI_Comm comm, const MfStackSpec *s, PetscInt *n, PetscReal **nodes)
{
  const PetscInt nl = s->num_layers, lf = FindLayer(s, MF_REGION_FUNCTIONAL);
  PetscInt       cnt[MF_STACK_MAX_LAYERS], k = 0;
  PetscReal     *loc[MF_STACK_MAX_LAYERS], Z[MF_STACK_MAX_LAYERS + 1];

  PetscFunctionBeginUser;
  Z[0] = 0.0;
  for (PetscInt l = 0; l < nl; l++) Z[l + 1] = Z[l] + s->layer[l].thickness_m;
  PetscCall(UniformNodes(comm, "functional thickness", s->layer[lf].thickness_m, s->h_functional_m, s->kmc_lattice_m, s->layer[lf].cells, &cnt[lf], &loc[lf]));
  for (PetscInt l = lf + 1; l < nl; l++) {
    const PetscReal h0 = loc[l - 1][cnt[l - 1]] - loc[l - 1][cnt[l - 1] - 1]; /* top cell of the layer below */
    PetscCall(GradedNodes(s->layer[l].thickness_m, h0, s, s->layer[l].cells, &cnt[l], &loc[l]));
  }
  for (PetscInt l = lf - 1; l >= 0; l--) {
    const PetscReal h0 = loc[l + 1][1]; /* bottom cell of the layer above (loc[.][0] = 0) */
    PetscReal      *g;
    PetscCall(GradedNodes(s->layer[l].thickness_m, h0, s, s->layer[l].cells, &cnt[l], &g));
    /* g runs downwards from the top of layer l: store as offsets from the bottom, increasing. */
    PetscCall(PetscMalloc1(cnt[l] + 1, &loc[l]));
    for (PetscInt j = 0; j <= cnt[l]; j++) loc[l][j] = s->layer[l].thickness_m - g[cnt[l] - j];
    loc[l][0] = 0.0;
    PetscCall(PetscFree(g));
  }
  *n = 0;
  for (PetscInt l = 0; l < nl; l++) *n += cnt[l];
  PetscCall(PetscMalloc1(*n + 1, nodes));
  for (PetscInt l = 0; l < nl; l++) {
    for (PetscInt j = 0; j < cnt[l]; j++) (*nodes)[k++] = j ? Z[l] + loc[l][j] : Z[l]; /* interfaces exact */
    PetscCall(PetscFree(loc[l]));
  }
  (*nodes)[k] = Z[nl];
  PetscFunctionReturn(0);
}

static PetscErrorCode Refine(PetscInt r, PetscInt *n, PetscReal **nodes)
{
  PetscReal *x;

  PetscFunctionBeginUser;
  if (r == 1) PetscFunctionReturn(0);
  PetscCall(PetscMalloc1(*n * r + 1, &x));
  for (PetscInt i = 0; i < *n; i++) {
    const PetscReal a = (*nodes)[i], b = (*nodes)[i + 1];
    x[i * r] = a;
    for (PetscInt j = 1; j < r; j++) x[i * r + j] = a + (b - a) * (PetscReal)j / (PetscReal)r;
  }
  x[*n * r] = (*nodes)[*n];
  PetscCall(PetscFree(*nodes));
  *nodes = x;
  *n *= r;
  PetscFunctionReturn(0);
}

PetscErrorCode MfStackGetAxisNodes(MPI_Comm comm, const MfStackSpec *s, PetscInt axis, PetscInt *n, PetscReal **nodes)
{
  PetscFunctionBeginUser;
  PetscCall(MfStackSpecValidate(comm, s));
  PetscCheck(axis >= 0 && axis < s->dim, comm, PETSC_ERR_ARG_OUTOFRANGE, "Axis %" PetscInt_FMT " outside [0, %" PetscInt_FMT ")", axis, s->dim);
  if (axis == s->dim - 1) PetscCall(StackNodes(comm, s, n, nodes));
  else PetscCall(LateralNodes(comm, s, n, nodes));
  PetscCall(Refine(s->refine, n, nodes));
  PetscFunctionReturn(0);
}

/* Region of a cell from its centroid c (strictly inside one layer and one lateral zone). */
static MfRegionId CellRegion(const MfStackSpec *s, const PetscReal Z[], const PetscReal c[])
{
  const PetscReal hw   = 0.5 * s->electrode_width_m;
  const PetscBool full = (PetscBool)(s->electrode_width_m >= s->width_m);
  const PetscReal z    = c[s->dim - 1];
  PetscInt        l    = 0;
  MfRegionId      r;

  while (l < s->num_layers - 1 && z > Z[l + 1]) l++;
  r = s->layer[l].region;
  if (full) return r;
  if (r == MF_REGION_BOTTOM_ELECTRODE && s->dim == 3 && PetscAbsReal(c[0]) > hw) return MF_REGION_FILL;
  if (r == MF_REGION_TOP_ELECTRODE && PetscAbsReal(c[s->dim == 3 ? 1 : 0]) > hw) return MF_REGION_FILL;
  return r;
}

static PetscErrorCode LabelStack(DM dm, const MfStackSpec *s, PetscReal hz_min)
{
  const PetscInt dim = s->dim, lt = FindLayer(s, MF_REGION_TOP_ELECTRODE);
  const PetscBool capped = (PetscBool)(lt != s->num_layers - 1);
  PetscReal      Z[MF_STACK_MAX_LAYERS + 1];
  DMLabel        region, face[MF_NUM_FACE_LABELS];
  PetscInt       cStart, cEnd, fStart, fEnd, ncontact[2] = {0, 0};

  PetscFunctionBeginUser;
  Z[0] = 0.0;
  for (PetscInt l = 0; l < s->num_layers; l++) Z[l + 1] = Z[l] + s->layer[l].thickness_m;
  PetscCall(MfMeshCreateLabels(dm));
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) PetscCall(DMGetLabel(dm, MfFaceLabelNames[f], &face[f]));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscReal vol, cen[3];
    PetscCall(DMPlexComputeCellGeometryFVM(dm, c, &vol, cen, NULL));
    PetscCall(DMLabelSetValue(region, c, (PetscInt)CellRegion(s, Z, cen)));
  }
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  for (PetscInt f = fStart; f < fEnd; f++) {
    const PetscInt *supp;
    PetscInt        ns, r;
    PetscReal       area, cen[3], z;
    MfFaceLabelId   id;

    PetscCall(DMPlexGetSupportSize(dm, f, &ns));
    if (ns != 1) continue;
    PetscCall(DMPlexGetSupport(dm, f, &supp));
    PetscCall(DMLabelGetValue(region, supp[0], &r));
    PetscCall(DMPlexComputeCellGeometryFVM(dm, f, &area, cen, NULL));
    z = cen[dim - 1];
    /* Boundary planes are exact node values; the centroid carries only round-off, far below hz_min/4. */
    if (PetscAbsReal(z - Z[0]) < 0.25 * hz_min) id = MF_FACE_SUBSTRATE_BOTTOM;
    else if (PetscAbsReal(z - Z[s->num_layers]) < 0.25 * hz_min) id = r == MF_REGION_TOP_ELECTRODE ? MF_FACE_TOP_CONTACT : MF_FACE_TOP_SURFACE;
    else if (r == MF_REGION_BOTTOM_ELECTRODE) id = MF_FACE_BOTTOM_CONTACT;
    else if (r == MF_REGION_TOP_ELECTRODE && capped) id = MF_FACE_TOP_CONTACT;
    else id = MF_FACE_SIDES;
    PetscCall(DMLabelSetValue(face[id], f, 1));
    if (id == MF_FACE_TOP_CONTACT) ncontact[0]++;
    if (id == MF_FACE_BOTTOM_CONTACT) ncontact[1]++;
  }
  /* Only rank 0 holds the serial mesh: decide there, tell everyone. */
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, ncontact, 2, MPIU_INT, MPI_SUM, PetscObjectComm((PetscObject)dm)));
  PetscCheck(ncontact[0] > 0, PetscObjectComm((PetscObject)dm), PETSC_ERR_USER_INPUT, "stack.cap covers a top-electrode strip (mesh.electrode_width < mesh.width): the top electrode has no face left for the contact; remove mesh.electrode_width (a full-sheet top electrode) or the cap layer");
  PetscCheck(ncontact[1] > 0, PetscObjectComm((PetscObject)dm), PETSC_ERR_ARG_INCOMP, "Stack mesh: the bottom electrode has no boundary face for 'bottom_contact'");
  PetscFunctionReturn(0);
}

PetscErrorCode MfStackMeshCreate(MPI_Comm comm, const MfStackSpec *s, DM *dm)
{
  PetscInt     dim = s->dim, n[3] = {1, 1, 1}, faces[3], nloc, bs;
  PetscReal   *nodes[3] = {NULL, NULL, NULL}, lower[3] = {0, 0, 0}, upper[3], hz_min = PETSC_MAX_REAL;
  Vec          coords;
  PetscScalar *x;

  PetscFunctionBeginUser;
  PetscCall(MfStackSpecValidate(comm, s));
  for (PetscInt d = 0; d < dim; d++) {
    PetscCall(MfStackGetAxisNodes(comm, s, d, &n[d], &nodes[d]));
    faces[d] = n[d];
    upper[d] = (PetscReal)n[d];
  }
  for (PetscInt i = 0; i < n[dim - 1]; i++) hz_min = PetscMin(hz_min, nodes[dim - 1][i + 1] - nodes[dim - 1][i]);
  /* Box with unit spacing: vertex coordinate i (exact small integer) is node index i along each axis. */
  PetscCall(DMPlexCreateBoxMesh(comm, dim, PETSC_FALSE, faces, lower, upper, NULL, PETSC_TRUE, dm));
  PetscCall(DMGetCoordinatesLocal(*dm, &coords));
  PetscCall(VecGetLocalSize(coords, &nloc));
  PetscCall(VecGetBlockSize(coords, &bs));
  PetscCheck(bs == dim, comm, PETSC_ERR_PLIB, "Box mesh coordinates have block size %" PetscInt_FMT ", expected %" PetscInt_FMT, bs, dim);
  PetscCall(VecGetArray(coords, &x));
  for (PetscInt i = 0; i < nloc; i++) {
    const PetscInt d = i % dim;
    PetscInt       k = (PetscInt)PetscFloorReal(PetscRealPart(x[i]) + 0.5);
    k                = PetscMax(0, PetscMin(n[d], k));
    x[i]             = nodes[d][k];
  }
  PetscCall(VecRestoreArray(coords, &x));
  PetscCall(DMSetCoordinatesLocal(*dm, coords));
  for (PetscInt d = 0; d < dim; d++) PetscCall(PetscFree(nodes[d]));
  /* The box's own "Face Sets" (values 1..6 per box side) mean nothing here; "marker" (all boundary
   * faces) is kept for generic boundary conditions. */
  PetscCall(DMRemoveLabel(*dm, "Face Sets", NULL));
  PetscCall(LabelStack(*dm, s, hz_min));
  PetscCall(MfMeshDistribute(dm));
  PetscFunctionReturn(0);
}
