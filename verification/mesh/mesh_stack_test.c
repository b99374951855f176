/* Built-in stack mesher: exact cell counts, label sizes, layer thicknesses, volumes and contact areas.
 * -case 3d | 2d | full | cap | kmc | refine. Expected values are closed-form functions of the spec
 * (W, w, thicknesses), not of the mesher's own output.
 *
 * Tolerances. Interfaces are exact nodes (sum of thicknesses in the same order as
 * MfStackSpecGetLayerRange), so region z-ranges must match bit for bit. A coordinate near the top of a
 * 125 um substrate carries an ulp of eps*z_top = 2.8e-20 m, so a layer of thickness t is known only to
 * ~eps*z_top/t relative; volumes and areas are sums of many cells, each exact to that level:
 *   tol = V * (1e-12 + 8 eps z_top / t)    (8 ulps of margin; for the 10 nm layer: 2.3e-11 relative). */
#include "mf_stack_mesher.h"
#include "mesh_check.h"

typedef struct {
  MfStackSpec  spec;
  MfMeshStats  st;
  PetscInt     nfail;
  PetscInt     nx, nz;          /* cells along a lateral axis and the stacking axis */
  PetscReal   *x, *z;           /* node positions */
  PetscReal    H;               /* stack height */
} Ctx;

static PetscReal VolTol(const Ctx *c, PetscReal V, PetscReal t)
{
  return PetscAbsReal(V) * (1e-12 + 8.0 * PETSC_MACHINE_EPSILON * c->H / t) + 1e-300;
}

/* Cells of the stacking axis inside layer l (from the node array). */
static PetscInt LayerCells(const Ctx *c, PetscInt l)
{
  PetscReal z0, z1;
  PetscInt  n = 0;
  MfStackSpecGetLayerRange(&c->spec, l, &z0, &z1);
  for (PetscInt k = 0; k < c->nz; k++) n += (c->z[k] >= z0 && c->z[k + 1] <= z1);
  return n;
}

static PetscInt ActiveCells(const Ctx *c)
{
  const PetscReal hw = 0.5 * PetscMin(c->spec.electrode_width_m, c->spec.width_m);
  PetscInt        n  = 0;
  for (PetscInt k = 0; k < c->nx; k++) n += (c->x[k] >= -hw && c->x[k + 1] <= hw);
  return n;
}

static PetscErrorCode Build(Ctx *c)
{
  DM dm;

  PetscFunctionBeginUser;
  PetscCall(MfStackGetAxisNodes(PETSC_COMM_WORLD, &c->spec, 0, &c->nx, &c->x));
  PetscCall(MfStackGetAxisNodes(PETSC_COMM_WORLD, &c->spec, c->spec.dim - 1, &c->nz, &c->z));
  PetscCall(MfStackSpecGetLayerRange(&c->spec, c->spec.num_layers - 1, NULL, &c->H));
  PetscCall(MfStackMeshCreate(PETSC_COMM_WORLD, &c->spec, &dm));
  PetscCall(MfMeshGetStats(dm, &c->st));
  PetscCall(MfMeshStatsView(&c->st, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

/* Counts of a tensor-product grid, label partition of the boundary, exact interfaces and thicknesses,
 * grading bound. */
static PetscErrorCode CheckCommon(Ctx *c)
{
  const MfMeshStats *st = &c->st;
  const PetscInt     nx = c->nx, nz = c->nz, d = c->spec.dim;
  PetscInt           sum = 0, bad = 0;
  char               buf[128];

  PetscFunctionBeginUser;
  if (d == 3) {
    PetscCall(CheckInt("cells = nx^2 nz", st->num_cells, nx * nx * nz, &c->nfail));
    PetscCall(CheckInt("vertices = (nx+1)^2 (nz+1)", st->num_vertices, (nx + 1) * (nx + 1) * (nz + 1), &c->nfail));
    PetscCall(CheckInt("faces = nx^2 (nz+1) + 2 nx (nx+1) nz", st->num_faces, nx * nx * (nz + 1) + 2 * nx * (nx + 1) * nz, &c->nfail));
    PetscCall(CheckInt("boundary faces = 2 nx^2 + 4 nx nz", st->num_boundary_faces, 2 * nx * nx + 4 * nx * nz, &c->nfail));
  } else {
    PetscCall(CheckInt("cells = nx nz", st->num_cells, nx * nz, &c->nfail));
    PetscCall(CheckInt("vertices = (nx+1)(nz+1)", st->num_vertices, (nx + 1) * (nz + 1), &c->nfail));
    PetscCall(CheckInt("boundary faces = 2 nx + 2 nz", st->num_boundary_faces, 2 * nx + 2 * nz, &c->nfail));
  }
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) sum += st->face_count[f];
  PetscCall(CheckInt("face labels partition the boundary", sum, st->num_boundary_faces, &c->nfail));
  for (PetscInt l = 0; l < c->spec.num_layers; l++) {
    const MfRegionId r = c->spec.layer[l].region;
    PetscReal        z0, z1;
    PetscCall(MfStackSpecGetLayerRange(&c->spec, l, &z0, &z1));
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s bottom interface (exact)", MfRegionNames[r]));
    PetscCall(CheckReal(buf, st->region_zmin[r], z0, 0.0, &c->nfail));
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s top interface (exact)", MfRegionNames[r]));
    PetscCall(CheckReal(buf, st->region_zmax[r], z1, 0.0, &c->nfail));
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s thickness", MfRegionNames[r]));
    PetscCall(CheckReal(buf, st->region_zmax[r] - st->region_zmin[r], c->spec.layer[l].thickness_m, 8.0 * PETSC_MACHINE_EPSILON * c->H, &c->nfail));
  }
  /* Neighbouring cells never differ by more than the grading ratio (forced layer counts excepted). */
  for (PetscInt k = 1; k < nz; k++) {
    const PetscReal q = (c->z[k + 1] - c->z[k]) / (c->z[k] - c->z[k - 1]);
    if (PetscMax(q, 1.0 / q) > c->spec.grading * (1.0 + 1e-6)) bad++;
  }
  for (PetscInt k = 1; k < nx; k++) {
    const PetscReal q = (c->x[k + 1] - c->x[k]) / (c->x[k] - c->x[k - 1]);
    if (PetscMax(q, 1.0 / q) > c->spec.grading * (1.0 + 1e-6)) bad++;
  }
  PetscCall(CheckInt("neighbour size ratios above the grading", bad, 0, &c->nfail));
  PetscCall(CheckReal("smallest edge = h_functional / refine", st->h_min, c->spec.h_functional_m / c->spec.refine, 1e-9 * c->spec.h_functional_m, &c->nfail));
  PetscFunctionReturn(0);
}

/* Crossbar (w < W) or full-sheet (w >= W) stack substrate/BE/F/TE [+cap] in 3D. */
static PetscErrorCode Check3D(Ctx *c)
{
  const MfMeshStats  *st = &c->st;
  const MfStackLayer *L  = c->spec.layer;
  const PetscBool     full = (PetscBool)(c->spec.electrode_width_m >= c->spec.width_m), capped = (PetscBool)(c->spec.num_layers == 5);
  const PetscReal     W = c->spec.width_m, w = full ? W : c->spec.electrode_width_m, H = c->H;
  const PetscReal     ts = L[0].thickness_m, tb = L[1].thickness_m, tf = L[2].thickness_m, tt = L[3].thickness_m, tc = capped ? L[4].thickness_m : 0;
  const PetscInt      nx = c->nx, na = ActiveCells(c), nb = LayerCells(c, 1), nf = LayerCells(c, 2), nt = LayerCells(c, 3);
  PetscReal           V, A;

  PetscFunctionBeginUser;
  PetscCall(CheckCommon(c));
  PetscCall(CheckInt("active cells across the line = w / h_lateral", na, (PetscInt)PetscCeilReal(w / c->spec.h_lateral_m - 1e-9) * c->spec.refine, &c->nfail));
  PetscCall(CheckInt("functional cells across = t_f / h_f", nf * 1, (PetscInt)PetscCeilReal(tf / c->spec.h_functional_m - 1e-9) * c->spec.refine, &c->nfail));
  PetscCall(CheckInt("substrate cells", st->region_cells[MF_REGION_SUBSTRATE], nx * nx * LayerCells(c, 0), &c->nfail));
  PetscCall(CheckInt("bottom_electrode cells (line along y)", st->region_cells[MF_REGION_BOTTOM_ELECTRODE], na * nx * nb, &c->nfail));
  PetscCall(CheckInt("functional cells", st->region_cells[MF_REGION_FUNCTIONAL], nx * nx * nf, &c->nfail));
  PetscCall(CheckInt("top_electrode cells (line along x)", st->region_cells[MF_REGION_TOP_ELECTRODE], na * nx * nt, &c->nfail));
  PetscCall(CheckInt("fill cells", st->region_cells[MF_REGION_FILL], (nx - na) * nx * (nb + nt), &c->nfail));
  V = W * W * ts;
  PetscCall(CheckReal("substrate volume W^2 t_s", st->region_volume[MF_REGION_SUBSTRATE], V, VolTol(c, V, ts), &c->nfail));
  V = w * W * tb;
  PetscCall(CheckReal("bottom_electrode volume w W t_be", st->region_volume[MF_REGION_BOTTOM_ELECTRODE], V, VolTol(c, V, tb), &c->nfail));
  V = W * W * tf;
  PetscCall(CheckReal("functional volume W^2 t_f", st->region_volume[MF_REGION_FUNCTIONAL], V, VolTol(c, V, tf), &c->nfail));
  V = w * W * tt;
  PetscCall(CheckReal("top_electrode volume w W t_te", st->region_volume[MF_REGION_TOP_ELECTRODE], V, VolTol(c, V, tt), &c->nfail));
  V = (W - w) * W * (tb + tt);
  PetscCall(CheckReal("fill volume (W-w) W (t_be+t_te)", st->region_volume[MF_REGION_FILL], V, VolTol(c, V, PetscMin(tb, tt)), &c->nfail));
  if (capped) {
    V = W * W * tc;
    PetscCall(CheckReal("cap volume W^2 t_cap", st->region_volume[MF_REGION_CAP], V, VolTol(c, V, tc), &c->nfail));
  }
  /* Contacts: top faces of the top line (line ends when capped); bottom line ends (all sides if full). */
  A = capped ? 2 * w * tt : w * W;
  PetscCall(CheckReal("top_contact area", st->face_area[MF_FACE_TOP_CONTACT], A, VolTol(c, A, tt), &c->nfail));
  A = full ? 4 * W * tb : 2 * w * tb;
  PetscCall(CheckReal("bottom_contact area", st->face_area[MF_FACE_BOTTOM_CONTACT], A, VolTol(c, A, tb), &c->nfail));
  A = W * W;
  PetscCall(CheckReal("substrate_bottom area W^2", st->face_area[MF_FACE_SUBSTRATE_BOTTOM], A, 1e-12 * A, &c->nfail));
  A = capped ? W * W : (W - w) * W;
  PetscCall(CheckReal("top_surface area", st->face_area[MF_FACE_TOP_SURFACE], A, 1e-12 * A + 1e-300, &c->nfail));
  A = 4 * W * H - st->face_area[MF_FACE_BOTTOM_CONTACT] - (capped ? st->face_area[MF_FACE_TOP_CONTACT] : 0);
  PetscCall(CheckReal("sides area 4 W H - lateral contacts", st->face_area[MF_FACE_SIDES], A, 1e-12 * A, &c->nfail));
  PetscCall(CheckInt("top_contact faces", st->face_count[MF_FACE_TOP_CONTACT], capped ? 2 * na * nt : na * nx, &c->nfail));
  PetscCall(CheckInt("bottom_contact faces", st->face_count[MF_FACE_BOTTOM_CONTACT], full ? 4 * nx * nb : 2 * na * nb, &c->nfail));
  PetscFunctionReturn(0);
}

/* 2D plane section along the bottom line: full-width bottom electrode, top strip |x| <= w/2. */
static PetscErrorCode Check2D(Ctx *c)
{
  const MfMeshStats  *st = &c->st;
  const MfStackLayer *L  = c->spec.layer;
  const PetscReal     W = c->spec.width_m, w = c->spec.electrode_width_m, H = c->H;
  const PetscReal     ts = L[0].thickness_m, tb = L[1].thickness_m, tf = L[2].thickness_m, tt = L[3].thickness_m;
  const PetscInt      nx = c->nx, na = ActiveCells(c), nt = LayerCells(c, 3);
  PetscReal           V;

  PetscFunctionBeginUser;
  PetscCall(CheckCommon(c));
  PetscCall(CheckInt("bottom_electrode cells (full width)", st->region_cells[MF_REGION_BOTTOM_ELECTRODE], nx * LayerCells(c, 1), &c->nfail));
  PetscCall(CheckInt("top_electrode cells (strip)", st->region_cells[MF_REGION_TOP_ELECTRODE], na * nt, &c->nfail));
  PetscCall(CheckInt("fill cells", st->region_cells[MF_REGION_FILL], (nx - na) * nt, &c->nfail));
  V = W * ts;
  PetscCall(CheckReal("substrate area W t_s", st->region_volume[MF_REGION_SUBSTRATE], V, VolTol(c, V, ts), &c->nfail));
  V = W * tb;
  PetscCall(CheckReal("bottom_electrode area W t_be", st->region_volume[MF_REGION_BOTTOM_ELECTRODE], V, VolTol(c, V, tb), &c->nfail));
  V = W * tf;
  PetscCall(CheckReal("functional area W t_f", st->region_volume[MF_REGION_FUNCTIONAL], V, VolTol(c, V, tf), &c->nfail));
  V = w * tt;
  PetscCall(CheckReal("top_electrode area w t_te", st->region_volume[MF_REGION_TOP_ELECTRODE], V, VolTol(c, V, tt), &c->nfail));
  V = (W - w) * tt;
  PetscCall(CheckReal("fill area (W-w) t_te", st->region_volume[MF_REGION_FILL], V, VolTol(c, V, tt), &c->nfail));
  PetscCall(CheckReal("top_contact length w", st->face_area[MF_FACE_TOP_CONTACT], w, 1e-12 * w, &c->nfail));
  PetscCall(CheckReal("bottom_contact length 2 t_be", st->face_area[MF_FACE_BOTTOM_CONTACT], 2 * tb, VolTol(c, 2 * tb, tb), &c->nfail));
  PetscCall(CheckReal("substrate_bottom length W", st->face_area[MF_FACE_SUBSTRATE_BOTTOM], W, 1e-12 * W, &c->nfail));
  PetscCall(CheckReal("top_surface length W - w", st->face_area[MF_FACE_TOP_SURFACE], W - w, 1e-12 * W, &c->nfail));
  PetscCall(CheckReal("sides length 2 H - 2 t_be", st->face_area[MF_FACE_SIDES], 2 * H - 2 * tb, 1e-12 * H, &c->nfail));
  PetscFunctionReturn(0);
}

/* Functional-layer vertices over the active area sit on multiples of the KMC lattice spacing a. */
static PetscErrorCode CheckKmcAlignment(Ctx *c)
{
  const PetscReal a = c->spec.kmc_lattice_m, hw = 0.5 * c->spec.electrode_width_m;
  PetscReal       z0, z1;
  PetscInt        bad = 0, checked = 0;

  PetscFunctionBeginUser;
  PetscCall(MfStackSpecGetLayerRange(&c->spec, 2, &z0, &z1));
  /* Alignment error allowed: 1e-6 a (misalignment would be >= a / (cells per lattice step) ~ 0.1 a; the
   * round-off of z near 125 um is 2.8e-20 m = 1.1e-10 a). */
  for (PetscInt k = 0; k <= c->nz; k++) {
    if (c->z[k] < z0 || c->z[k] > z1) continue;
    const PetscReal s = (c->z[k] - z0) / a;
    checked++;
    if (PetscAbsReal(s - PetscFloorReal(s + 0.5)) > 1e-6) bad++;
  }
  for (PetscInt k = 0; k <= c->nx; k++) {
    if (c->x[k] < -hw || c->x[k] > hw) continue;
    const PetscReal s = (c->x[k] + hw) / a;
    checked++;
    if (PetscAbsReal(s - PetscFloorReal(s + 0.5)) > 1e-6) bad++;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "KMC alignment: %" PetscInt_FMT " functional-layer node planes checked\n", checked));
  PetscCall(CheckInt("functional nodes off the KMC lattice", bad, 0, &c->nfail));
  PetscCall(CheckInt("functional cells across 41 a with h_f = 10 a", LayerCells(c, 2), 5, &c->nfail));
  PetscCall(CheckInt("active cells across 401 a with h_lat = 80 a", ActiveCells(c), 6, &c->nfail));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Ctx       c;
  char      name[32] = "3d";
  PetscBool flg;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscMemzero(&c, sizeof(c)));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", name, sizeof(name), NULL));
  PetscCall(PetscStrcmp(name, "2d", &flg));
  PetscCall(MfStackSpecSetDefaults(flg ? 2 : 3, &c.spec));
  if (flg) {
    PetscCall(Build(&c));
    PetscCall(Check2D(&c));
  } else if (PetscStrcmp(name, "3d", &flg), flg) {
    PetscCall(Build(&c));
    PetscCall(Check3D(&c));
  } else if (PetscStrcmp(name, "full", &flg), flg) {
    c.spec.width_m           = 200e-9; /* full sheets: uniform h_lateral over W (10 x 10 cells) */
    c.spec.electrode_width_m = 1e-6;
    PetscCall(Build(&c));
    PetscCall(Check3D(&c));
    PetscCall(CheckInt("no fill with full-sheet electrodes", c.st.region_cells[MF_REGION_FILL], 0, &c.nfail));
  } else if (PetscStrcmp(name, "cap", &flg), flg) {
    c.spec.width_m                       = 1e-6;
    c.spec.layer[c.spec.num_layers++]    = (MfStackLayer){MF_REGION_CAP, 30e-9, 0};
    PetscCall(Build(&c));
    PetscCall(Check3D(&c));
  } else if (PetscStrcmp(name, "kmc", &flg), flg) {
    c.spec.width_m             = 1e-6;
    c.spec.kmc_lattice_m       = 0.25e-9;
    c.spec.layer[2].thickness_m = 41 * 0.25e-9;  /* 10.25 nm: 41 spacings, 5 cells of 8-9 a */
    c.spec.electrode_width_m   = 401 * 0.25e-9;  /* 100.25 nm: 401 spacings, 6 cells of 66-67 a */
    PetscCall(Build(&c));
    PetscCall(CheckKmcAlignment(&c));
    PetscCall(CheckInt("functional cells", c.st.region_cells[MF_REGION_FUNCTIONAL], c.nx * c.nx * 5, &c.nfail));
  } else if (PetscStrcmp(name, "refine", &flg), flg) {
    Ctx c1;
    c.spec.width_m              = 400e-9; /* small cell: the refined mesh has 8x the hexes */
    c.spec.layer[0].thickness_m = 2e-6;
    c1             = c;
    PetscCall(Build(&c1));
    c.spec.refine = 2;
    PetscCall(Build(&c));
    PetscCall(Check3D(&c));
    PetscCall(CheckInt("refine 2: 8x the cells", c.st.num_cells, 8 * c1.st.num_cells, &c.nfail));
    PetscCall(CheckInt("refine 2: nested (every coarse node kept)", c.nz, 2 * c1.nz, &c.nfail));
    for (PetscInt k = 0; k <= c1.nz; k++)
      if (c.z[2 * k] != c1.z[k]) c.nfail++;
    PetscCall(PetscFree(c1.x));
    PetscCall(PetscFree(c1.z));
  } else SETERRQ(PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "Unknown -case %s: expected 3d, 2d, full, cap, kmc or refine", name);
  PetscCall(PetscFree(c.x));
  PetscCall(PetscFree(c.z));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failure(s)\n", c.nfail ? "FAILED" : "PASSED", c.nfail));
  PetscCall(PetscFinalize());
  return c.nfail ? 1 : 0;
}
