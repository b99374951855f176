/* Names of the memflex labels and the steps shared by the stack mesher and the Gmsh importer. */
#include "mf_stack_mesher.h"

const char *const MfRegionNames[MF_NUM_REGIONS] = {"none", "substrate", "buffer", "bottom_electrode", "functional", "top_electrode", "cap", "fill"};

const char *const MfFaceLabelNames[MF_NUM_FACE_LABELS] = {MF_LABEL_TOP_CONTACT, MF_LABEL_BOTTOM_CONTACT, MF_LABEL_SUBSTRATE_BOTTOM, MF_LABEL_SIDES, MF_LABEL_TOP_SURFACE};

/* Create the cell label "region" and the five face labels (empty), so that every module can fetch them
 * with DMGetLabel() on every rank, even where a label has no points. */
PetscErrorCode MfMeshCreateLabels(DM dm)
{
  PetscFunctionBeginUser;
  PetscCall(DMCreateLabel(dm, MF_LABEL_REGION));
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) PetscCall(DMCreateLabel(dm, MfFaceLabelNames[f]));
  PetscFunctionReturn(0);
}

/* Partition the (serial) mesh over its communicator without overlap; labels travel with the points.
 * The partitioner is configurable with -petscpartitioner_type (PTScotch by default in Debian's PETSc). */
PetscErrorCode MfMeshDistribute(DM *dm)
{
  PetscPartitioner part;
  DM               dist = NULL;
  PetscMPIInt      size;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject)*dm), &size));
  if (size > 1) {
    PetscCall(DMPlexGetPartitioner(*dm, &part));
    PetscCall(PetscPartitionerSetFromOptions(part));
    PetscCall(DMPlexDistribute(*dm, 0, NULL, &dist));
    if (dist) {
      PetscCall(DMDestroy(dm));
      *dm = dist;
    }
  }
  PetscCall(PetscObjectSetName((PetscObject)*dm, "memflex mesh"));
  PetscCall(DMViewFromOptions(*dm, NULL, "-mf_mesh_view"));
  PetscFunctionReturn(0);
}
