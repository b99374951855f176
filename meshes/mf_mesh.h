#ifndef MF_MESH_H
#define MF_MESH_H
/* Layered device stacks as DMPlex meshes: the contract between meshes/ and the physics modules.
 *
 * Labels on every memflex mesh (built-in mesher or Gmsh import):
 *  - cell label "region": value = MfRegionId of each cell (height-0 points);
 *  - face labels "top_contact", "bottom_contact", "substrate_bottom", "sides", "top_surface": value 1 on the
 *    boundary faces (height-1 points) — use them with DMAddBoundary(..., label, 1, &one, ...).
 * Coordinates are in metres. z (3D) or y (2D) is the stacking direction, substrate at the bottom. */
#include <petscdmplex.h>

typedef enum {
  MF_REGION_NONE = 0,
  MF_REGION_SUBSTRATE = 1,
  MF_REGION_BUFFER = 2,
  MF_REGION_BOTTOM_ELECTRODE = 3,
  MF_REGION_FUNCTIONAL = 4,
  MF_REGION_TOP_ELECTRODE = 5,
  MF_REGION_CAP = 6,          /* optional encapsulation above the top electrode */
  MF_REGION_FILL = 7,         /* dielectric fill beside the electrode lines of a crossbar cell */
  MF_NUM_REGIONS = 8
} MfRegionId;

extern const char *const MfRegionNames[MF_NUM_REGIONS]; /* "none","substrate",...,"fill" */

#define MF_LABEL_REGION           "region"
#define MF_LABEL_TOP_CONTACT      "top_contact"
#define MF_LABEL_BOTTOM_CONTACT   "bottom_contact"
#define MF_LABEL_SUBSTRATE_BOTTOM "substrate_bottom"
#define MF_LABEL_SIDES            "sides"
/* Added by meshes/: the remaining top boundary (fill/cap/functional beside the top contact), where a
 * convective/radiative thermal BC belongs. Every boundary face carries exactly one of the five face
 * labels. */
#define MF_LABEL_TOP_SURFACE      "top_surface"

#endif
