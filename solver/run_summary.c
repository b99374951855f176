/* summary.json: everything a user (or a sweep) needs to know about a finished run, machine-readable. */
#include <math.h>
#include "mf_run_impl.h"
#include "mf_config_material.h"

/* Plate-theory strain at the functional layer's mid-plane for the imposed curvature (exact for the
 * layered plate in cylindrical bending: eps(z) = a + kappa z, a from zero net force; plane-strain moduli).
 * With one film on a substrate this is the Suo et al. (APL 74, 1177 (1999)) closed form. Electrode layers
 * of a crossbar cell are lines of width w in a cell of width W, the rest of the layer is fill: with plane
 * sections the strain does not vary across the bending axis, so the layer's axial stiffness is the width
 * average (w M_line + (W - w) M_fill)/W. That is exact for the 2D section (the bottom line runs along the
 * section, the top line crosses it) and for the top line in 3D; the 3D bottom line (across the bending
 * direction) is averaged the same way, an approximation of the series stiffness along x. */
static PetscErrorCode ClosedFormBendingStrain(MfRun run, PetscReal *eps)
{
  PetscReal t[MF_NUM_REGIONS], M[MF_NUM_REGIONS], e[MF_NUM_REGIONS] = {0}, z = 0, zf = NAN, a, kappa;
  PetscInt  n = 0;

  PetscFunctionBeginUser;
  *eps = NAN;
  if (run->bend_radius <= 0) PetscFunctionReturn(0);
  for (PetscInt r = MF_REGION_SUBSTRATE; r <= MF_REGION_CAP; r++) {
    char      key[128];
    PetscReal th;
    PetscBool set;
    const char *const *layers;
    PetscInt nl;
    if (!run->present[r]) continue;
    PetscCall(MfConfigStackLayers(&layers, &nl));
    PetscCall(PetscSNPrintf(key, sizeof(key), "stack_%s_thickness", layers[r - 1]));
    PetscCall(MfConfigGetReal(key, &th, &set));
    if (!set) PetscFunctionReturn(0); /* Gmsh mesh: no layer table */
    t[n] = th;
    M[n] = MfMechPlaneStrainModulus(run->mats[r].E_Pa, run->mats[r].nu);
    if ((r == MF_REGION_TOP_ELECTRODE || (r == MF_REGION_BOTTOM_ELECTRODE && run->stats.dim == 3)) && run->line_width < run->cell_width) {
      const PetscReal f = run->line_width / run->cell_width;
      M[n] = f * M[n] + (1.0 - f) * MfMechPlaneStrainModulus(run->mats[MF_REGION_FILL].E_Pa, run->mats[MF_REGION_FILL].nu);
    }
    if (r == MF_REGION_FUNCTIONAL) zf = z + 0.5 * th;
    z += th;
    n++;
  }
  kappa = run->bend_sign / run->bend_radius;
  PetscCall(MfMechLayeredPlate(n, t, M, e, PETSC_TRUE, &a, &kappa));
  *eps = a + kappa * zf;
  PetscFunctionReturn(0);
}

static PetscErrorCode Material(MfJson *j, const char *key, const MfMaterial *m)
{
  PetscFunctionBeginUser;
  PetscCall(MfJsonObjectBegin(j, key));
  PetscCall(MfJsonString(j, "material", m->name));
  PetscCall(MfJsonReal(j, "sigma_S_per_m", m->sigma_S_per_m));
  PetscCall(MfJsonReal(j, "k_W_per_mK", m->k_W_per_mK));
  PetscCall(MfJsonReal(j, "E_Pa", m->E_Pa));
  PetscCall(MfJsonReal(j, "nu", m->nu));
  PetscCall(MfJsonReal(j, "cte_per_K", m->cte_per_K));
  PetscCall(MfJsonString(j, "source", m->source));
  PetscCall(MfJsonObjectEnd(j));
  PetscFunctionReturn(0);
}

/* summary.json (rank 0; MfRankZeroDo raises an error there on every rank) */
static PetscErrorCode WriteSummaryJson(void *ctx)
{
  MfRun         run = (MfRun)ctx;
  MfRunResults *r   = &run->res;
  char          path[PETSC_MAX_PATH_LEN];
  FILE         *fp;
  MfJson        j;
  PetscMPIInt   size;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_size(run->comm, &size));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/summary.json", run->outdir));
  PetscCall(MfAtomicOpen(path, &fp));
  PetscCall(MfJsonBegin(&j, fp));
  PetscCall(MfJsonString(&j, "memflex_version", "0.1.0"));
  PetscCall(MfJsonString(&j, "deck", run->deck));
  PetscCall(MfJsonString(&j, "title", run->title));
  PetscCall(MfJsonInt(&j, "mpi_ranks", size));
  PetscCall(MfJsonObjectBegin(&j, "mesh"));
  PetscCall(MfJsonInt(&j, "dim", run->stats.dim));
  PetscCall(MfJsonInt(&j, "cells", run->stats.num_cells));
  PetscCall(MfJsonInt(&j, "vertices", run->stats.num_vertices));
  PetscCall(MfJsonReal(&j, "h_min_m", run->stats.h_min));
  PetscCall(MfJsonReal(&j, "h_max_m", run->stats.h_max));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonObjectBegin(&j, "stack"));
  for (PetscInt reg = 1; reg < MF_NUM_REGIONS; reg++)
    if (run->present[reg]) PetscCall(Material(&j, MfRegionNames[reg], &run->mats[reg]));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonObjectBegin(&j, "protocol"));
  PetscCall(MfJsonString(&j, "type", MfProtocolTypes[run->proto.type]));
  PetscCall(MfJsonInt(&j, "points", run->wave.n));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonObjectBegin(&j, "electrothermal"));
  PetscCall(MfJsonReal(&j, "I_final_A", r->I_final_A));
  PetscCall(MfJsonReal(&j, "R_final_Ohm", r->R_final_Ohm));
  PetscCall(MfJsonReal(&j, "R_read_Ohm", r->R_read_Ohm));
  PetscCall(MfJsonReal(&j, "T_max_K", r->T_max_K));
  PetscCall(MfJsonReal(&j, "T_max_substrate_K", r->T_max_substrate_K));
  PetscCall(MfJsonReal(&j, "substrate_max_service_K", run->mats[MF_REGION_SUBSTRATE].T_max_service_K));
  PetscCall(MfJsonBool(&j, "substrate_overheated", r->substrate_overheated));
  PetscCall(MfJsonBool(&j, "stopped_early", r->stopped));
  PetscCall(MfJsonReal(&j, "stopped_at_V", r->stopped ? r->stopped_at_V : NAN));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonObjectBegin(&j, "mechanics"));
  PetscCall(MfJsonReal(&j, "bending_radius_m", run->bend_radius > 0 ? run->bend_radius : NAN));
  PetscCall(MfJsonInt(&j, "bending_sign", run->bend_sign));
  PetscCall(MfJsonReal(&j, "functional_strain_xx", run->mechanics ? r->strain_functional_xx : NAN));
  PetscCall(MfJsonReal(&j, "functional_strain_yy", run->mechanics && run->stats.dim == 3 ? r->strain_functional_yy : NAN));
  PetscCall(MfJsonReal(&j, "functional_strain_closed_form", r->strain_closed_form));
  PetscCall(MfJsonReal(&j, "functional_sigma_h_Pa", run->mechanics ? r->sigma_h_functional_Pa : NAN));
  PetscCall(MfJsonObjectEnd(&j));
  if (run->coupler) {
    MfCouplerInfo info;
    MfMetrics    *m = &run->metrics;
    PetscCall(MfCouplerGetInfo(run->coupler, &info));
    PetscCall(MfJsonObjectBegin(&j, "device"));
    PetscCall(MfJsonReal(&j, "read_voltage_V", run->V_read));
    PetscCall(MfJsonBool(&j, "switching_found", run->have_metrics));
    PetscCall(MfJsonReal(&j, "R_on_Ohm", run->have_metrics ? m->R_on : NAN));
    PetscCall(MfJsonReal(&j, "R_off_Ohm", run->have_metrics ? m->R_off : NAN));
    PetscCall(MfJsonReal(&j, "on_off_ratio", run->have_metrics ? m->on_off_ratio : NAN));
    PetscCall(MfJsonReal(&j, "V_form_V", run->have_metrics ? m->V_form : NAN));
    PetscCall(MfJsonReal(&j, "V_set_V", run->have_metrics ? m->V_set : NAN));
    PetscCall(MfJsonReal(&j, "V_reset_V", run->have_metrics ? m->V_reset : NAN));
    PetscCall(MfJsonReal(&j, "V_set_std_V", run->have_metrics ? m->V_set_std : NAN));
    PetscCall(MfJsonReal(&j, "V_reset_std_V", run->have_metrics ? m->V_reset_std : NAN));
    PetscCall(MfJsonInt(&j, "cycles_set", run->have_metrics ? m->nset : 0));
    PetscCall(MfJsonInt(&j, "cycles_reset", run->have_metrics ? m->nreset : 0));
    PetscCall(MfJsonInt(&j, "cycles_set_opposite_polarity", run->have_metrics ? m->nset_opposite : 0));
    PetscCall(MfJsonInt(&j, "cycles_reset_opposite_polarity", run->have_metrics ? m->nreset_opposite : 0));
    PetscCall(MfJsonReal(&j, "compliance_A", run->I_cc > 0 ? run->I_cc : NAN));
    if (run->wave.forming_end > 0) PetscCall(MfJsonReal(&j, "forming_compliance_A", run->I_cc_form > 0 ? run->I_cc_form : NAN));
    PetscCall(MfJsonBool(&j, "read_pulses", run->have_reads));
    if (r->bend_predicted) { /* activation-volume prediction of the bending effect (strain_kinetics.c) */
      PetscCall(MfJsonObjectBegin(&j, "bending_prediction"));
      PetscCall(MfJsonReal(&j, "sigma_h_sites_Pa", r->sigma_h_sites_Pa));
      PetscCall(MfJsonReal(&j, "barrier_change_eV", r->bend_dE_eV));
      PetscCall(MfJsonReal(&j, "rate_factor", r->bend_rate_factor));
      PetscCall(MfJsonReal(&j, "dV_set_min_V", r->bend_dV_min_V));
      PetscCall(MfJsonReal(&j, "dV_set_max_V", r->bend_dV_max_V));
      PetscCall(MfJsonObjectEnd(&j));
    }
    if (run->have_metrics) { /* per cycle, for cycle-to-cycle statistics (postproc/plot and studies) */
      PetscCall(MfJsonArrayBegin(&j, "cycles"));
      for (PetscInt c = 0; c < m->ncycles; c++) {
        const MfCycleMetrics *cm = &m->c[c];
        PetscCall(MfJsonObjectBegin(&j, NULL));
        PetscCall(MfJsonInt(&j, "cycle", cm->cycle));
        PetscCall(MfJsonReal(&j, "V_set_V", cm->set_found ? cm->V_set : NAN));
        PetscCall(MfJsonReal(&j, "V_reset_V", cm->reset_found ? cm->V_reset : NAN));
        PetscCall(MfJsonReal(&j, "R_on_Ohm", cm->R_on));
        PetscCall(MfJsonReal(&j, "R_off_Ohm", cm->R_off));
        PetscCall(MfJsonObjectEnd(&j));
      }
      PetscCall(MfJsonArrayEnd(&j));
    }
    if (run->proto.type == MF_PROTOCOL_RETENTION) {
      PetscCall(MfJsonObjectBegin(&j, "retention"));
      PetscCall(MfJsonReal(&j, "bake_temperature_K", run->T_ambient));
      PetscCall(MfJsonReal(&j, "program_temperature_K", run->T_program));
      PetscCall(MfJsonReal(&j, "R_pristine_Ohm", r->R_pristine_Ohm));
      PetscCall(MfJsonReal(&j, "R_programmed_Ohm", r->R_program_Ohm));
      PetscCall(MfJsonReal(&j, "t_fail_s", r->t_fail_s));
      PetscCall(MfJsonBool(&j, "failed", (PetscBool)isfinite(r->t_fail_s)));
      PetscCall(MfJsonObjectEnd(&j));
    }
    PetscCall(MfJsonReal(&j, "depth_2d_m", run->stats.dim == 2 ? run->depth_m : NAN));
    PetscCall(MfJsonObjectEnd(&j));
    PetscCall(MfJsonObjectBegin(&j, "kmc"));
    PetscCall(MfJsonInt(&j, "sites", info.nsites));
    PetscCall(MfJsonReal(&j, "spacing_m", info.a_m));
    PetscCall(MfJsonInt(&j, "events", (PetscInt)info.events));
    PetscCall(MfJsonInt(&j, "state_updates", info.fe_updates));
    PetscCall(MfJsonString(&j, "mechanism", info.mechanism));
    { /* the mechanism's own numbers of the final state */
      MfMechanismResult res[MF_MECHANISM_MAX_RESULTS];
      PetscInt          nres;
      PetscCall(MfCouplerGetResults(run->coupler, &nres, res));
      for (PetscInt k = 0; k < nres; k++) {
        if (res[k].type == MF_MECHANISM_INT) PetscCall(MfJsonInt(&j, res[k].name, (PetscInt)res[k].value));
        else if (res[k].type == MF_MECHANISM_BOOL) PetscCall(MfJsonBool(&j, res[k].name, (PetscBool)(res[k].value != 0)));
        else PetscCall(MfJsonReal(&j, res[k].name, res[k].value));
      }
    }
    PetscCall(MfJsonReal(&j, "time_fields_map_s", info.time_fields_s));
    PetscCall(MfJsonInt(&j, "accel_scaled_types", info.accel_scaled)); /* at the end of the run */
    PetscCall(MfJsonReal(&j, "accel_min_scale", info.accel_min_scale));
    PetscCall(MfJsonObjectEnd(&j));
  }
  PetscCall(MfJsonObjectBegin(&j, "performance"));
  PetscCall(MfJsonInt(&j, "steps", r->steps));
  PetscCall(MfJsonInt(&j, "fe_solves", r->fe_solves));
  PetscCall(MfJsonInt(&j, "newton_iterations", r->newton_its));
  PetscCall(MfJsonInt(&j, "linear_iterations", r->linear_its));
  PetscCall(MfJsonReal(&j, "time_fe_s", r->time_fe_s));
  PetscCall(MfJsonReal(&j, "time_mechanics_s", r->time_mech_s));
  PetscCall(MfJsonReal(&j, "time_kmc_s", r->time_kmc_s));
  PetscCall(MfJsonReal(&j, "time_total_s", r->time_total_s));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonObjectBegin(&j, "files"));
  PetscCall(MfJsonString(&j, "timeseries", "timeseries.csv"));
  if (run->vtk_every > 0) PetscCall(MfJsonString(&j, "fields", "fields.pvd")); /* output.vtk_every 0: no frames */
  PetscCall(MfJsonString(&j, "resolved_deck", "resolved_deck.yaml"));
  if (run->coupler) {
    const char *points;
    PetscCall(MfCouplerGetPointsName(run->coupler, &points));
    if (points && run->nframes) {
      char file[PETSC_MAX_PATH_LEN];
      PetscCall(PetscSNPrintf(file, sizeof(file), "%s.pvd", points));
      PetscCall(MfJsonString(&j, points, file));
    }
  }
  PetscCall(MfJsonString(&j, "log", "run.log"));
  PetscCall(MfJsonObjectEnd(&j));
  PetscCall(MfJsonEnd(&j));
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunWriteSummary(MfRun run)
{
  char          path[PETSC_MAX_PATH_LEN];
  MfRunResults *r = &run->res;

  PetscFunctionBeginUser;
  PetscCall(ClosedFormBendingStrain(run, &r->strain_closed_form));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/resolved_deck.yaml", run->outdir));
  PetscCall(MfConfigWriteResolved(run->comm, path));
  PetscCall(MfRankZeroDo(run->comm, WriteSummaryJson, run));
  PetscCall(MfRunLog(run, "\nrun %s in %.1f s (fields %.1f s in %" PetscInt_FMT " FE solves, mechanics %.1f s, KMC %.1f s)\n", r->stopped ? "STOPPED EARLY (see above)" : "finished", (double)r->time_total_s, (double)r->time_fe_s, r->fe_solves, (double)r->time_mech_s, (double)r->time_kmc_s));
  if (run->coupler && run->have_metrics && run->wave.forming_end > 0) PetscCall(MfRunLog(run, "device: forming at V_form = %.3f V (cycle 0, excluded from V_set)\n", (double)run->metrics.V_form));
  if (run->coupler && run->have_metrics)
    PetscCall(MfRunLog(run, "device: V_set = %.3f V, V_reset = %.3f V, R_on = %.4g Ohm, R_off = %.4g Ohm, on/off = %.3g at %.3g V\n", (double)run->metrics.V_set, (double)run->metrics.V_reset, (double)run->metrics.R_on, (double)run->metrics.R_off, (double)run->metrics.on_off_ratio, (double)run->V_read));
  if (run->coupler && run->have_metrics && (run->metrics.nset_opposite || run->metrics.nreset_opposite))
    PetscCall(MfRunLog(run, "device: %" PetscInt_FMT " SET(s) and %" PetscInt_FMT " RESET(s) at the opposite polarity, counted apart (summary.json device.cycles)\n", run->metrics.nset_opposite, run->metrics.nreset_opposite));
  if (run->mechanics) PetscCall(MfRunLog(run, "functional layer strain at R = %g mm: %.4e (FE), %.4e (plate closed form)\n", (double)(run->bend_radius * 1e3), (double)r->strain_functional_xx, (double)r->strain_closed_form));
  if (run->vtk_every > 0) {
    PetscCall(MfRunLog(run, "results in %s/: timeseries.csv, summary.json, resolved_deck.yaml, run.log, fields.pvd\n", run->outdir));
    PetscCall(MfRunLog(run, "open the fields in ParaView:  paraview %s/fields.pvd\n", run->outdir));
  } else PetscCall(MfRunLog(run, "results in %s/: timeseries.csv, summary.json, resolved_deck.yaml, run.log (no field frames: output.vtk_every is 0)\n", run->outdir));
  PetscFunctionReturn(0);
}
