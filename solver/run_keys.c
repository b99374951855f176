/* Keys the run reads itself: the deck file (set by the loader), title, device operating point, mesh (run_setup.c), thermal boundary
 * conditions, bending and outputs. */
#include "mf_run.h"
#include "mf_keys_table.h"

static const MfKey kRunKeys[] = {
  KS("deck_file", "", "deck file that was loaded (set by the loader; names the default output folder)"),
  KS("title", "", "free text describing the run (copied to the outputs)"),
  KS("materials_dir", "", "folder of the material library (unset = inputs/materials of the source tree)"),
  KR("device_voltage", "V", "0.5 V", -100, 100, F, F, "applied voltage (top contact; bottom contact grounded) for protocol dc"),
  KR("device_series_resistance", "Ohm", "0", 0, BIG, F, F, "series resistance of the external circuit"),
  KR("device_compliance", "A", "", 0, 10, T, F, "current compliance of the source (unset = none)"),
  KR("device_ambient_temperature", "K", "300 K", 0, 2000, T, F, "ambient temperature (e.g. 300 K, 85 C)"),
  KR("device_forming_compliance", "A", "", 0, 10, T, F, "current compliance during the forming step of protocol.forming_voltage (unset = device.compliance)"),
  KR("device_read_voltage", "V", "0.1 V", -100, 100, F, F, "read voltage for resistance states"),
  KI("mesh_dim", "2", 2, 3, "spatial dimension (2 = cross-section, 3 = full cell)"),
  KS("mesh_file", "", "Gmsh .msh file to use instead of the built-in stack mesher"),
  KR("mesh_width", "m", "1 um", 0, 0.1, T, F, "lateral width of the simulated cell"),
  KR("mesh_electrode_width", "m", "", 0, 0.1, T, F, "width of the top electrode line (unset = full width)"),
  KR("mesh_functional_cell", "m", "", 0, 1e-3, T, F, "target cell size in the functional layer (unset = automatic)"),
  KR("mesh_lateral_cell", "m", "", 0, 1e-3, T, F, "lateral cell size over the active (crossing) area (unset = automatic)"),
  KR("mesh_grading", "", "1.3", 1, 2, F, F, "growth ratio of cell sizes away from the functional layer"),
  KI("mesh_refine", "1", 1, 10, "uniform refinement factor applied after meshing (1 = none)"),
  KE("thermal_mode", "steady", "steady|transient", "heat equation: steady state at every bias point, or transient (time steps of the protocol)"),
  KR("thermal_h_bottom", "W/m^2/K", "1e4 W/m^2/K", 0, 1e9, F, F, "heat transfer coefficient at the substrate bottom (to the chuck)"),
  KR("thermal_h_top", "W/m^2/K", "10 W/m^2/K", 0, 1e9, F, F, "heat transfer coefficient at the top surface (natural convection in air)"),
  KR("thermal_boundary_resistance", "m^2 K/W", "0", 0, 1e-3, F, F, "thermal boundary resistance at electrode/functional interfaces"),
  KB("thermal_wiedemann_franz", "false", "electronic thermal conductivity of conducting regions from sigma (Wiedemann-Franz)"),
  KR("bending_radius", "m", "", 0, 10, T, F, "bending radius of the substrate (unset = flat)"),
  KE("bending_sign", "tensile", "tensile|compressive", "device on the outer (tensile) or inner (compressive) side"),
  KS("output_dir", "results/<deck>", "output folder (<deck> = deck file name without extension)"),
  KI("output_vtk_every", "0", 0, 2000000000, "write a VTK frame every N steps (0 = never)"),
  KB("output_overwrite", "false", "allow writing into an output folder that already holds files"),
};

PetscErrorCode MfRunRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kRunKeys, MF_KEYS_N(kRunKeys)));
  PetscFunctionReturn(0);
}
