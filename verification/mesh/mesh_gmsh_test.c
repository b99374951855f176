/* Gmsh import of meshes/crossbar_cell.msh (or -file F, e.g. the msh 4.1 regenerated from the .geo):
 * counts, region volumes and contact areas must equal the closed-form values of the .geo parameters
 * (W = 2000 nm, w = 100 nm, t = 125000/50/10/50 nm; 14 x 14 lateral cells, 16 + 3 + 4 + 3 layers).
 * Tolerance as in mesh_stack_test: V (1e-12 + 8 eps z_top / t) — Gmsh writes 16 significant digits,
 * so each coordinate near z_top = 125 um is exact to ~1 ulp. */
#include "mf_stack_mesher.h"
#include "mesh_check.h"

int main(int argc, char **argv)
{
  const PetscReal nm = 1e-9, W = 2000 * nm, w = 100 * nm, ts = 125000 * nm, tb = 50 * nm, tf = 10 * nm, tt = 50 * nm, H = ts + tb + tf + tt;
  const PetscInt  nx = 14, na = 4, ns = 16, nb = 3, nf = 4, nt = 3, nz = ns + nb + nf + nt;
  char            file[PETSC_MAX_PATH_LEN];
  const char     *src = getenv("MEMFLEX_SOURCE_DIR");
  PetscBool       set;
  PetscInt        nfail = 0, sum = 0, nloc, cStart, cEnd;
  MfMeshStats     st;
  DM              dm;
#define TOL(V, t) (PetscAbsReal(V) * (1e-12 + 8.0 * PETSC_MACHINE_EPSILON * H / (t)))

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/meshes/crossbar_cell.msh", src ? src : "."));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-file", file, sizeof(file), &set));
  PetscCall(MfMeshLoadGmsh(PETSC_COMM_WORLD, file, &dm));
  PetscCall(MfMeshGetStats(dm, &st));
  PetscCall(MfMeshStatsView(&st, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(CheckInt("cells", st.num_cells, nx * nx * nz, &nfail));
  PetscCall(CheckInt("vertices", st.num_vertices, (nx + 1) * (nx + 1) * (nz + 1), &nfail));
  PetscCall(CheckInt("boundary faces", st.num_boundary_faces, 2 * nx * nx + 4 * nx * nz, &nfail));
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) sum += st.face_count[f];
  PetscCall(CheckInt("face labels partition the boundary", sum, st.num_boundary_faces, &nfail));
  PetscCall(CheckInt("substrate cells", st.region_cells[MF_REGION_SUBSTRATE], nx * nx * ns, &nfail));
  PetscCall(CheckInt("bottom_electrode cells", st.region_cells[MF_REGION_BOTTOM_ELECTRODE], na * nx * nb, &nfail));
  PetscCall(CheckInt("functional cells", st.region_cells[MF_REGION_FUNCTIONAL], nx * nx * nf, &nfail));
  PetscCall(CheckInt("top_electrode cells", st.region_cells[MF_REGION_TOP_ELECTRODE], na * nx * nt, &nfail));
  PetscCall(CheckInt("fill cells", st.region_cells[MF_REGION_FILL], (nx - na) * nx * (nb + nt), &nfail));
  PetscCall(CheckReal("substrate volume W^2 t_s", st.region_volume[MF_REGION_SUBSTRATE], W * W * ts, TOL(W * W * ts, ts), &nfail));
  PetscCall(CheckReal("bottom_electrode volume w W t_be", st.region_volume[MF_REGION_BOTTOM_ELECTRODE], w * W * tb, TOL(w * W * tb, tb), &nfail));
  PetscCall(CheckReal("functional volume W^2 t_f", st.region_volume[MF_REGION_FUNCTIONAL], W * W * tf, TOL(W * W * tf, tf), &nfail));
  PetscCall(CheckReal("top_electrode volume w W t_te", st.region_volume[MF_REGION_TOP_ELECTRODE], w * W * tt, TOL(w * W * tt, tt), &nfail));
  PetscCall(CheckReal("fill volume (W-w) W (t_be+t_te)", st.region_volume[MF_REGION_FILL], (W - w) * W * (tb + tt), TOL((W - w) * W * (tb + tt), tb), &nfail));
  PetscCall(CheckReal("functional thickness", st.region_zmax[MF_REGION_FUNCTIONAL] - st.region_zmin[MF_REGION_FUNCTIONAL], tf, 8 * PETSC_MACHINE_EPSILON * H, &nfail));
  PetscCall(CheckReal("functional bottom at t_s + t_be", st.region_zmin[MF_REGION_FUNCTIONAL], ts + tb, 8 * PETSC_MACHINE_EPSILON * H, &nfail));
  PetscCall(CheckReal("top_contact area w W", st.face_area[MF_FACE_TOP_CONTACT], w * W, 1e-12 * w * W, &nfail));
  PetscCall(CheckReal("bottom_contact area 2 w t_be", st.face_area[MF_FACE_BOTTOM_CONTACT], 2 * w * tb, TOL(2 * w * tb, tb), &nfail));
  PetscCall(CheckReal("substrate_bottom area W^2", st.face_area[MF_FACE_SUBSTRATE_BOTTOM], W * W, 1e-12 * W * W, &nfail));
  PetscCall(CheckReal("top_surface area (W-w) W", st.face_area[MF_FACE_TOP_SURFACE], (W - w) * W, 1e-12 * W * W, &nfail));
  PetscCall(CheckReal("sides area 4 W H - 2 w t_be", st.face_area[MF_FACE_SIDES], 4 * W * H - 2 * w * tb, 1e-12 * 4 * W * H, &nfail));
  /* Distributed over every rank (a no-op on one rank). */
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  nloc = cEnd - cStart;
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &nloc, 1, MPIU_INT, MPI_MIN, PETSC_COMM_WORLD));
  PetscCall(CheckTrue("every rank holds cells", (PetscBool)(nloc > 0), &nfail));
  PetscCall(DMDestroy(&dm));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
