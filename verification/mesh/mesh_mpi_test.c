/* np = 1 vs np = N: the same mesh built (or read) on PETSC_COMM_SELF (serial, never distributed) and on
 * PETSC_COMM_WORLD (distributed over N ranks) must give identical statistics: every count exactly, every
 * real to 1e-12 relative (only the order of the floating-point sums differs: ~n eps ~ 1e-12 for 4e4
 * cells in the worst case, typically far less). Also checks that every rank really holds cells, so the
 * comparison is not between two serial meshes. Cases: the default 3D stack (W = 1 um) and 2D stack, the Gmsh template. */
#include "mf_stack_mesher.h"
#include "mesh_check.h"

static PetscErrorCode Compare(const char *name, const MfMeshStats *a, const MfMeshStats *b, PetscInt *nfail)
{
  PetscInt  bad = 0;
  PetscReal worst = 0;

  PetscFunctionBeginUser;
#define CI(x) bad += (a->x != b->x)
#define CR(x) do { const PetscReal e = PetscAbsReal(a->x - b->x) / (PetscAbsReal(a->x) + 1e-300); worst = PetscMax(worst, e); bad += e > 1e-12; } while (0)
  CI(dim); CI(num_cells); CI(num_vertices); CI(num_faces); CI(num_boundary_faces);
  for (PetscInt r = 0; r < MF_NUM_REGIONS; r++) {
    CI(region_cells[r]);
    CR(region_volume[r]);
    if (a->region_cells[r]) { CR(region_zmin[r]); CR(region_zmax[r]); }
  }
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) { CI(face_count[f]); CR(face_area[f]); }
  for (PetscInt d = 0; d < a->dim; d++) { CR(bbox_min[d]); CR(bbox_max[d]); }
  CR(h_min); CR(h_max);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: largest relative difference np=1 vs np=N: %.3e\n", name, (double)worst));
  PetscCall(CheckInt(name, bad, 0, nfail));
  PetscFunctionReturn(0);
}

static PetscErrorCode RunCase(const char *name, const MfStackSpec *spec, const char *gmsh, PetscInt *nfail)
{
  DM          serial, dist;
  MfMeshStats s1, s2;
  PetscInt    cStart, cEnd, nloc;
  char        buf[128];

  PetscFunctionBeginUser;
  if (spec) {
    PetscCall(MfStackMeshCreate(PETSC_COMM_SELF, spec, &serial));
    PetscCall(MfStackMeshCreate(PETSC_COMM_WORLD, spec, &dist));
  } else {
    PetscCall(MfMeshLoadGmsh(PETSC_COMM_SELF, gmsh, &serial));
    PetscCall(MfMeshLoadGmsh(PETSC_COMM_WORLD, gmsh, &dist));
  }
  PetscCall(MfMeshGetStats(serial, &s1));
  PetscCall(MfMeshGetStats(dist, &s2));
  PetscCall(DMPlexGetHeightStratum(dist, 0, &cStart, &cEnd));
  nloc = cEnd - cStart;
  PetscCall(PetscSynchronizedPrintf(PETSC_COMM_WORLD, "%s: rank holds %" PetscInt_FMT " of %" PetscInt_FMT " cells\n", name, nloc, s2.num_cells));
  PetscCall(PetscSynchronizedFlush(PETSC_COMM_WORLD, PETSC_STDOUT));
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &nloc, 1, MPIU_INT, MPI_MIN, PETSC_COMM_WORLD));
  PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s: every rank holds cells", name));
  PetscCall(CheckTrue(buf, (PetscBool)(nloc > 0), nfail));
  PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s: statistics differing np=1 vs np=N", name));
  PetscCall(Compare(buf, &s1, &s2, nfail));
  PetscCall(DMDestroy(&serial));
  PetscCall(DMDestroy(&dist));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MfStackSpec spec;
  PetscInt    nfail = 0;
  char        file[PETSC_MAX_PATH_LEN];
  const char *src = getenv("MEMFLEX_SOURCE_DIR");

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(MfStackSpecSetDefaults(3, &spec));
  spec.width_m = 1e-6; /* ~2.3e4 hexes: enough for a real partition, cheap enough to build 4 times */
  PetscCall(RunCase("stack 3d", &spec, NULL, &nfail));
  PetscCall(MfStackSpecSetDefaults(2, &spec));
  PetscCall(RunCase("stack 2d", &spec, NULL, &nfail));
  PetscCall(PetscSNPrintf(file, sizeof(file), "%s/meshes/crossbar_cell.msh", src ? src : "."));
  PetscCall(RunCase("gmsh crossbar_cell", NULL, file, &nfail));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s: %" PetscInt_FMT " failure(s)\n", nfail ? "FAILED" : "PASSED", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
