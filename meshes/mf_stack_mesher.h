#ifndef MF_STACK_MESHER_H
#define MF_STACK_MESHER_H
/* Public API of meshes/: the built-in layered-stack mesher, the Gmsh importer and mesh statistics.
 * Every DM returned here is distributed over the communicator and carries the labels of mf_mesh.h.
 *
 * Crossbar geometry of the built-in mesher (docs/meshes.md has a drawing):
 *   - the lateral domain is [-W/2, W/2] (x) [x [-W/2, W/2] (y) in 3D], centred on the electrode crossing;
 *   - 3D: the bottom electrode is a line of width w along y (|x| <= w/2), the top electrode a line of
 *     width w along x (|y| <= w/2); the crossing (|x|,|y| <= w/2) is the active area;
 *   - 2D (plane): the section x = 0 of the 3D cell, i.e. along the bottom line: the bottom electrode
 *     spans the full width, the top electrode is the strip |x| <= w/2 (2D coordinates: x lateral, y up);
 *   - electrode-layer cells outside a line footprint are MF_REGION_FILL; w >= W means full sheets;
 *   - contacts: "top_contact" = top faces of the top electrode on the domain top (or, when a cap layer
 *     covers it, the line's end faces on the lateral boundary); "bottom_contact" = faces of the bottom
 *     electrode on the lateral boundary (the line's ends at y = +-W/2 in 3D, x = +-W/2 in 2D, all four
 *     sides for a full sheet): the line is driven from outside the simulated cell, as in a crossbar. */
#include "mf_mesh.h"

#define MF_STACK_MAX_LAYERS 16

typedef enum {
  MF_FACE_TOP_CONTACT = 0,
  MF_FACE_BOTTOM_CONTACT,
  MF_FACE_SUBSTRATE_BOTTOM,
  MF_FACE_SIDES,
  MF_FACE_TOP_SURFACE,
  MF_NUM_FACE_LABELS
} MfFaceLabelId;

extern const char *const MfFaceLabelNames[MF_NUM_FACE_LABELS]; /* MF_LABEL_TOP_CONTACT, ... in this order */

typedef struct {
  MfRegionId region;      /* SUBSTRATE, BUFFER, BOTTOM_ELECTRODE, FUNCTIONAL, TOP_ELECTRODE or CAP */
  PetscReal  thickness_m;
  PetscInt   cells;       /* cells across the layer before refinement; 0 = automatic (graded) */
} MfStackLayer;

typedef struct {
  PetscInt     dim;                /* 2 (plane) or 3 */
  PetscInt     num_layers;
  MfStackLayer layer[MF_STACK_MAX_LAYERS]; /* bottom -> top; exactly one FUNCTIONAL, one BOTTOM_ELECTRODE
                                              below it and one TOP_ELECTRODE above it */
  PetscReal    width_m;            /* lateral extent W of the simulated cell (x, and y in 3D) */
  PetscReal    electrode_width_m;  /* crossbar line width w; w >= W: full-sheet electrodes */
  PetscReal    h_functional_m;     /* cell size across the functional layer */
  PetscReal    h_lateral_m;        /* lateral cell size over the active area (functional layer resolution) */
  PetscReal    h_max_m;            /* largest cell edge the grading may reach (vertical and lateral) */
  PetscReal    grading;            /* max ratio of neighbouring cell sizes, 1 < grading <= 2 */
  PetscReal    kmc_lattice_m;      /* > 0: functional-layer cell edges on multiples of this spacing */
  PetscInt     refine;             /* >= 1: every cell split into refine^dim (nested meshes) */
} MfStackSpec;

/* Default crossbar cell (dim 2 or 3): 125 um PET / 50 nm Pt / 10 nm functional / 50 nm Ag,
 * W = 2 um, w = 100 nm, h_f = 2.5 nm, h_lat = 20 nm, h_max = 25 um, grading 1.3
 * (3D: 37179 hexes, 2D: 1377 quads). */
PetscErrorCode MfStackSpecSetDefaults(PetscInt dim, MfStackSpec *spec);
/* Check the spec; errors name the offending field, its value and the allowed range. */
PetscErrorCode MfStackSpecValidate(MPI_Comm comm, const MfStackSpec *spec);
/* z (3D) / y (2D) of the bottom and top of layer l (exact sums of the thicknesses, substrate bottom at 0). */
PetscErrorCode MfStackSpecGetLayerRange(const MfStackSpec *spec, PetscInt l, PetscReal *z0, PetscReal *z1);

/* Node positions of the tensor-product mesh per axis (before DM creation; useful for tests and for the
 * KMC lattice): *n = number of cells, (*nodes)[0..n] increasing. axis = 0 (x), 1 (y, 3D only) or
 * dim-1 (stacking). Free with PetscFree. */
PetscErrorCode MfStackGetAxisNodes(MPI_Comm comm, const MfStackSpec *spec, PetscInt axis, PetscInt *n, PetscReal **nodes);

/* Build the hex (3D) / quad (2D) DMPlex of the stack, labelled and distributed over comm. */
PetscErrorCode MfStackMeshCreate(MPI_Comm comm, const MfStackSpec *spec, DM *dm);

/* Read a Gmsh .msh (format 2.2 or 4.1, coordinates in metres) whose physical groups are named after the
 * regions (MfRegionNames) and face labels (MfFaceLabelNames); builds the memflex labels and distributes.
 * Required: every cell in a named region group, a "functional" region, "top_contact" and "bottom_contact". */
PetscErrorCode MfMeshLoadGmsh(MPI_Comm comm, const char *path, DM *dm);

/* 1D helper of the mesher (exposed for unit tests): nodes of one graded segment of length L_m that
 * starts with a cell of size h0_m at its left end and grows by at most `ratio` per cell up to h_max_m.
 * cells > 0 forces the count. On return *n cells, x[0] = 0, x[n] = L_m exactly. x must hold max_n+1. */
PetscErrorCode MfGradedSegment(PetscReal L_m, PetscReal h0_m, PetscReal ratio, PetscReal h_max_m, PetscInt cells,
                               PetscInt max_n, PetscInt *n, PetscReal x[]);

typedef struct {
  PetscInt  dim;
  PetscInt  num_cells, num_vertices, num_faces, num_boundary_faces; /* global counts */
  PetscInt  region_cells[MF_NUM_REGIONS];
  PetscReal region_volume[MF_NUM_REGIONS];   /* m^3 (3D) or m^2 (2D: per metre of depth) */
  PetscReal region_zmin[MF_NUM_REGIONS], region_zmax[MF_NUM_REGIONS]; /* stacking-axis extent */
  PetscInt  face_count[MF_NUM_FACE_LABELS];
  PetscReal face_area[MF_NUM_FACE_LABELS];   /* m^2 (3D) or m (2D) */
  PetscReal bbox_min[3], bbox_max[3];
  PetscReal h_min, h_max;                    /* smallest / largest cell edge length, m */
} MfMeshStats;

/* Global statistics (collective; identical on every rank and independent of the partition). */
PetscErrorCode MfMeshGetStats(DM dm, MfMeshStats *stats);
/* Human-readable summary, one line per item (ASCII viewer). */
PetscErrorCode MfMeshStatsView(const MfMeshStats *stats, PetscViewer viewer);
/* Extent of a region along the stacking axis (collective); PETSC_MAX_REAL/PETSC_MIN_REAL when empty. */
PetscErrorCode MfMeshGetRegionZRange(DM dm, MfRegionId region, PetscReal *zmin, PetscReal *zmax);

/* Internal to meshes/ (shared by the mesher and the importer). */
PetscErrorCode MfMeshCreateLabels(DM dm);
PetscErrorCode MfMeshDistribute(DM *dm);

#endif
