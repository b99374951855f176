/* Gmsh .msh import: PETSc's reader (formats 2.2 and 4.1, ASCII or binary) builds the DMPlex with the
 * physical-group tags in "Cell Sets"/"Face Sets"; the group names come from the file's $PhysicalNames
 * section (always text, in both formats), which we read here to translate tags into the memflex labels.
 * Physical groups are numbered per dimension in Gmsh, so names are matched with (dimension, tag). */
#include "mf_stack_mesher.h"
#include <errno.h>
#include <string.h>

#define MF_GMSH_MAX_NAMES 128
#define MF_GMSH_NAME_LEN  64

typedef struct {
  int  dim, tag;
  char name[MF_GMSH_NAME_LEN];
} GmshName;

typedef struct {
  int      status; /* 0 ok, else an error class below */
  int      num;
  GmshName names[MF_GMSH_MAX_NAMES];
  char     msg[256];
} GmshHeader;

enum { GMSH_OK = 0, GMSH_UNREADABLE, GMSH_NOT_MSH, GMSH_BAD_VERSION, GMSH_NO_NAMES, GMSH_BAD_NAMES };

/* Rank 0: check the header and read the physical names. Errors are recorded, not raised, so that every
 * rank can raise the same error after the broadcast. */
static void ReadHeader(const char *path, GmshHeader *h)
{
  FILE  *fp = fopen(path, "r");
  char   line[512];
  double version = 0.0;

  memset(h, 0, sizeof(*h));
  if (!fp) {
    h->status = GMSH_UNREADABLE;
    snprintf(h->msg, sizeof(h->msg), "%s", strerror(errno));
    return;
  }
  if (!fgets(line, sizeof(line), fp) || strncmp(line, "$MeshFormat", 11)) {
    h->status = GMSH_NOT_MSH;
    goto done;
  }
  if (!fgets(line, sizeof(line), fp) || sscanf(line, "%lf", &version) != 1 || !(PetscAbsReal(version - 2.2) < 1e-9 || PetscAbsReal(version - 4.1) < 1e-9)) {
    h->status = GMSH_BAD_VERSION;
    snprintf(h->msg, sizeof(h->msg), "%g", version);
    goto done;
  }
  h->status = GMSH_NO_NAMES;
  /* Sections in front of $PhysicalNames are text in both formats; stop at the first binary-capable one. */
  while (fgets(line, sizeof(line), fp)) {
    if (!strncmp(line, "$Entities", 9) || !strncmp(line, "$Nodes", 6)) break;
    if (!strncmp(line, "$PhysicalNames", 14)) {
      int n;
      if (!fgets(line, sizeof(line), fp) || sscanf(line, "%d", &n) != 1 || n < 0 || n > MF_GMSH_MAX_NAMES) {
        h->status = GMSH_BAD_NAMES;
        snprintf(h->msg, sizeof(h->msg), "unreadable count of physical names (at most %d supported)", MF_GMSH_MAX_NAMES);
        goto done;
      }
      for (int i = 0; i < n; i++) {
        char *q0, *q1;
        if (!fgets(line, sizeof(line), fp) || sscanf(line, "%d %d", &h->names[i].dim, &h->names[i].tag) != 2 || !(q0 = strchr(line, '"')) || !(q1 = strchr(q0 + 1, '"')) || q1 - q0 - 1 >= MF_GMSH_NAME_LEN) {
          h->status = GMSH_BAD_NAMES;
          snprintf(h->msg, sizeof(h->msg), "malformed physical name entry %d", i + 1);
          goto done;
        }
        memcpy(h->names[i].name, q0 + 1, (size_t)(q1 - q0 - 1));
        h->names[i].name[q1 - q0 - 1] = '\0';
      }
      h->num    = n;
      h->status = n > 0 ? GMSH_OK : GMSH_NO_NAMES;
      break;
    }
  }
done:
  fclose(fp);
}

static const char *NameOf(const GmshHeader *h, PetscInt dim, PetscInt tag)
{
  for (int i = 0; i < h->num; i++)
    if (h->names[i].dim == dim && h->names[i].tag == tag) return h->names[i].name;
  return NULL;
}

/* Error handler that records PETSc's first message instead of printing a traceback, so that a reader
 * failure becomes one line naming the file. */
static PetscErrorCode CaptureError(MPI_Comm comm, int line, const char *fun, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  char *buf = (char *)ctx;
  if (p == PETSC_ERROR_INITIAL && mess && !buf[0]) snprintf(buf, 256, "%s", mess);
  return n;
}

static PetscErrorCode MapLabels(DM dm, const char *path, const GmshHeader *h)
{
  MPI_Comm comm = PetscObjectComm((PetscObject)dm);
  DMLabel  cellSets, faceSets, region, face[MF_NUM_FACE_LABELS];
  PetscInt dim, cStart, cEnd, fStart, fEnd, counts[3 + MF_NUM_FACE_LABELS] = {0};
  char     bad[MF_GMSH_NAME_LEN] = "";

  PetscFunctionBeginUser;
  PetscCall(DMGetDimension(dm, &dim));
  PetscCall(DMGetLabel(dm, "Cell Sets", &cellSets));
  PetscCall(DMGetLabel(dm, "Face Sets", &faceSets));
  PetscCall(MfMeshCreateLabels(dm));
  PetscCall(DMGetLabel(dm, MF_LABEL_REGION, &region));
  for (PetscInt f = 0; f < MF_NUM_FACE_LABELS; f++) PetscCall(DMGetLabel(dm, MfFaceLabelNames[f], &face[f]));
  PetscCall(DMPlexGetHeightStratum(dm, 0, &cStart, &cEnd));
  PetscCall(DMPlexGetHeightStratum(dm, 1, &fStart, &fEnd));
  /* counts: [0] cells outside any named region, [1] cells with an unknown name, [2] functional cells,
   * [3 + id] faces per face label (locally; only rank 0 holds the serial mesh). */
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt    tag = -1, r;
    const char *name;
    if (cellSets) PetscCall(DMLabelGetValue(cellSets, c, &tag));
    name = tag >= 0 ? NameOf(h, dim, tag) : NULL;
    if (!name) {
      counts[0]++;
      continue;
    }
    for (r = 1; r < MF_NUM_REGIONS; r++)
      if (!strcmp(name, MfRegionNames[r])) break;
    if (r == MF_NUM_REGIONS) {
      counts[1]++;
      PetscCall(PetscStrncpy(bad, name, sizeof(bad)));
      continue;
    }
    PetscCall(DMLabelSetValue(region, c, r));
    counts[2] += r == MF_REGION_FUNCTIONAL;
  }
  for (PetscInt f = fStart; f < fEnd; f++) {
    PetscInt    tag = -1, ns, id = MF_NUM_FACE_LABELS;
    const char *name;
    PetscCall(DMPlexGetSupportSize(dm, f, &ns));
    if (faceSets) PetscCall(DMLabelGetValue(faceSets, f, &tag));
    name = tag >= 0 ? NameOf(h, dim - 1, tag) : NULL;
    if (name) {
      for (id = 0; id < MF_NUM_FACE_LABELS; id++)
        if (!strcmp(name, MfFaceLabelNames[id])) break;
      if (id == MF_NUM_FACE_LABELS) {
        counts[1]++;
        PetscCall(PetscStrncpy(bad, name, sizeof(bad)));
        continue;
      }
    } else if (ns == 1) id = MF_FACE_SIDES; /* unnamed boundary: insulating/adiabatic side by convention */
    if (id < MF_NUM_FACE_LABELS) {
      PetscCall(DMLabelSetValue(face[id], f, 1));
      counts[3 + id]++;
    }
  }
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, counts, 3 + MF_NUM_FACE_LABELS, MPIU_INT, MPI_SUM, comm));
  PetscCallMPI(MPI_Bcast(bad, MF_GMSH_NAME_LEN, MPI_CHAR, 0, comm)); /* the serial mesh lives on rank 0 */
  PetscCheck(counts[1] == 0, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s': physical group '%s' is not a memflex region or face label; expected regions substrate, buffer, bottom_electrode, functional, top_electrode, cap, fill and faces top_contact, bottom_contact, substrate_bottom, sides, top_surface", path, bad);
  PetscCheck(counts[0] == 0, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s': %" PetscInt_FMT " cells belong to no named physical volume; expected every cell in a region group (substrate, bottom_electrode, functional, top_electrode, ...)", path, counts[0]);
  PetscCheck(counts[2] > 0, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' has no cells in the required region 'functional' (physical volume named \"functional\")", path);
  PetscCheck(counts[3 + MF_FACE_TOP_CONTACT] > 0, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' has no faces in the required label 'top_contact' (physical surface named \"top_contact\")", path);
  PetscCheck(counts[3 + MF_FACE_BOTTOM_CONTACT] > 0, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' has no faces in the required label 'bottom_contact' (physical surface named \"bottom_contact\")", path);
  PetscFunctionReturn(0);
}

PetscErrorCode MfMeshLoadGmsh(MPI_Comm comm, const char *path, DM *dm)
{
  GmshHeader     hdr, *h = &hdr; /* ~10 kB: on the stack, so that the early errors leak nothing */
  PetscMPIInt    rank;
  PetscErrorCode ierr;
  char           reason[256] = "";
  MfMeshStats    st;

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(h, sizeof(*h)));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) ReadHeader(path, h);
  PetscCallMPI(MPI_Bcast(h, (PetscMPIInt)sizeof(*h), MPI_BYTE, 0, comm));
  switch (h->status) {
  case GMSH_OK:
    break;
  case GMSH_UNREADABLE:
    SETERRQ(comm, PETSC_ERR_FILE_OPEN, "Cannot read Gmsh mesh '%s': %s (expected a Gmsh .msh file, format 2.2 or 4.1)", path, h->msg);
  case GMSH_NOT_MSH:
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "File '%s' is not a Gmsh mesh: it does not start with $MeshFormat (expected a .msh file, format 2.2 or 4.1)", path);
  case GMSH_BAD_VERSION:
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' has format version %s; expected 2.2 or 4.1 (regenerate with gmsh -format msh22 or msh41)", path, h->msg);
  case GMSH_NO_NAMES:
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' has no named physical groups; expected physical volumes named after the regions (substrate, bottom_electrode, functional, top_electrode, ...) and surfaces top_contact, bottom_contact, substrate_bottom, sides", path);
  default:
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s': %s in $PhysicalNames", path, h->msg);
  }
  /* PETSc's reader: keep its message, drop its traceback, and name the file. */
  PetscCall(PetscPushErrorHandler(CaptureError, reason));
  ierr = DMPlexCreateGmshFromFile(comm, path, PETSC_TRUE, dm);
  PetscCall(PetscPopErrorHandler());
  PetscCheck(!ierr, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' could not be read by PETSc's Gmsh reader: %s", path, reason[0] ? reason : "unknown error");
  PetscCall(MapLabels(*dm, path, h));
  /* Device meshes span nm to mm; anything beyond 0.1 m was almost surely written in nm or um units. */
  PetscCall(MfMeshGetStats(*dm, &st));
  for (PetscInt d = 0; d < st.dim; d++) {
    const PetscReal span = st.bbox_max[d] - st.bbox_min[d];
    PetscCheck(span < 0.1, comm, PETSC_ERR_FILE_UNEXPECTED, "Gmsh mesh '%s' spans %g along axis %" PetscInt_FMT "; coordinates must be in metres (set Mesh.ScalingFactor in the .geo, e.g. 1e-9 for nm)", path, (double)span, d);
  }
  PetscCall(MfMeshDistribute(dm));
  PetscFunctionReturn(0);
}
