/* mesh_info: build a stack mesh (or load a Gmsh mesh with -gmsh FILE) and print its statistics.
 * Options (bare SI numbers): -dim, -width, -electrode_width, -h_functional, -h_lateral, -h_max, -grading,
 * -kmc_lattice, -refine, -functional_thickness, -substrate_thickness, -cap_thickness (adds a cap layer).
 * Errors are reported as one line "mesh_info: error: <message>" with exit status 1, the way the memflex
 * driver reports bad input. Used by the bad-input tests and for mesh-size planning. */
#include "mf_stack_mesher.h"
#include <stdio.h>

static PetscErrorCode Capture(MPI_Comm comm, int line, const char *fun, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  char *buf = (char *)ctx;
  if (p == PETSC_ERROR_INITIAL && mess && !buf[0]) snprintf(buf, 1024, "%s", mess);
  return n;
}

static PetscErrorCode Run(void)
{
  MfStackSpec spec;
  MfMeshStats st;
  DM          dm;
  char        gmsh[PETSC_MAX_PATH_LEN] = "";
  PetscBool   isGmsh;
  PetscInt    dim = 3;
  PetscReal   t;
  PetscBool   set;

  PetscFunctionBeginUser;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-gmsh", gmsh, sizeof(gmsh), &isGmsh));
  if (isGmsh) PetscCall(MfMeshLoadGmsh(PETSC_COMM_WORLD, gmsh, &dm));
  else {
    PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &dim, NULL));
    PetscCall(MfStackSpecSetDefaults(dim, &spec));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-width", &spec.width_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-electrode_width", &spec.electrode_width_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-h_functional", &spec.h_functional_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-h_lateral", &spec.h_lateral_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-h_max", &spec.h_max_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-grading", &spec.grading, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-kmc_lattice", &spec.kmc_lattice_m, NULL));
    PetscCall(PetscOptionsGetInt(NULL, NULL, "-refine", &spec.refine, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-functional_thickness", &spec.layer[2].thickness_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-substrate_thickness", &spec.layer[0].thickness_m, NULL));
    PetscCall(PetscOptionsGetReal(NULL, NULL, "-cap_thickness", &t, &set));
    if (set) spec.layer[spec.num_layers++] = (MfStackLayer){MF_REGION_CAP, t, 0};
    PetscCall(MfStackMeshCreate(PETSC_COMM_WORLD, &spec, &dm));
  }
  PetscCall(MfMeshGetStats(dm, &st));
  PetscCall(MfMeshStatsView(&st, PETSC_VIEWER_STDOUT_WORLD));
  PetscCall(DMDestroy(&dm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char           msg[1024] = "";
  PetscErrorCode ierr;

  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(PetscPushErrorHandler(Capture, msg));
  ierr = Run();
  PetscCall(PetscPopErrorHandler());
  if (ierr) {
    PetscMPIInt rank;
    PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
    if (rank == 0) fprintf(stderr, "mesh_info: error: %s\n", msg[0] ? msg : "unknown error");
    PetscCall(PetscFinalize());
    return 1;
  }
  PetscCall(PetscFinalize());
  return 0;
}
