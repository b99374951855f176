/* The run: lifecycle, the protocol loop (fields at every bias point), records and the summary. */
#include <math.h>
#include <string.h>
#include "mf_run.h"
#include "mf_run_impl.h"

PetscErrorCode MfRunCreate(MPI_Comm comm, MfRun *out)
{
  MfRun run;

  PetscFunctionBeginUser;
  PetscCall(PetscNew(&run));
  run->comm = comm;
  run->res.R_read_Ohm = NAN;
  run->res.strain_closed_form = NAN;
  run->res.R_on_Ohm = run->res.R_off_Ohm = run->res.V_set_V = run->res.V_reset_V = NAN;
  run->res.t_fail_s = run->res.R_program_Ohm = run->res.R_pristine_Ohm = NAN;
  PetscCall(PetscTime(&run->t_start));
  *out = run;
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunSetFromOptions(MfRun run)
{
  char mode[32], sign[32], ptype[32];
  PetscBool set;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("deck_file", run->deck, sizeof(run->deck), NULL));
  PetscCall(MfConfigGetString("title", run->title, sizeof(run->title), NULL));
  PetscCall(MfConfigGetReal("device_voltage", &run->V_dc, NULL));
  PetscCall(MfConfigGetReal("device_series_resistance", &run->R_series, NULL));
  PetscCall(MfConfigGetReal("device_compliance", &run->I_cc, &set));
  if (!set) run->I_cc = 0.0;
  PetscCall(MfConfigGetReal("device_forming_compliance", &run->I_cc_form, &run->forming_cc_set));
  if (!run->forming_cc_set) run->I_cc_form = run->I_cc;
  PetscCall(MfConfigGetReal("device_ambient_temperature", &run->T_ambient, NULL));
  PetscCall(MfConfigGetReal("device_read_voltage", &run->V_read, NULL));
  PetscCall(MfConfigGetString("thermal_mode", mode, sizeof(mode), NULL));
  run->thermal = !strcmp(mode, "transient") ? MF_RUN_THERMAL_TRANSIENT : MF_RUN_THERMAL_STEADY;
  run->runaway.dt0_s = 1e-11; /* a nm filament carrying ~1e19 W/m^3 (100 uA at 15 mV in a 1.5 nm x 3 nm neck) heats by ~10 K/ps */
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-run_runaway_dt", &run->runaway.dt0_s, NULL));
  PetscCheck(run->runaway.dt0_s > 0.0, run->comm, PETSC_ERR_USER_INPUT, "-run_runaway_dt %g s: the first transient step after a thermal runaway must be > 0", (double)run->runaway.dt0_s);
  {
    PetscReal Rb;
    PetscCall(MfConfigGetReal("thermal_boundary_resistance", &Rb, NULL));
    /* A continuous temperature field cannot jump at an interface; say so rather than ignore the key. */
    PetscCheck(Rb == 0.0, run->comm, PETSC_ERR_USER_INPUT, "thermal.boundary_resistance = %g m^2 K/W is not supported yet (the temperature field is continuous); model the interface as a thin layer (stack.buffer or stack.cap) with k = thickness / R_b", (double)Rb);
  }
  PetscCall(MfConfigGetReal("thermal_h_bottom", &run->h_bottom, NULL));
  PetscCall(MfConfigGetReal("thermal_h_top", &run->h_top, NULL));
  PetscCall(MfConfigGetBool("thermal_wiedemann_franz", &run->wiedemann_franz, NULL));
  PetscCall(MfConfigGetReal("bending_radius", &run->bend_radius, &set));
  if (!set) run->bend_radius = 0.0;
  PetscCall(MfConfigGetString("bending_sign", sign, sizeof(sign), NULL));
  PetscCall(MfConfigGetReal("mesh_width", &run->cell_width, NULL));
  PetscCall(MfConfigGetReal("mesh_electrode_width", &run->line_width, &set));
  if (!set) run->line_width = run->cell_width;
  run->bend_sign = !strcmp(sign, "compressive") ? -1 : 1;
  PetscCall(MfConfigGetInt("output_vtk_every", &run->vtk_every, NULL));
  PetscCall(MfConfigGetBool("output_overwrite", &run->overwrite, NULL));
  {
    char      mech[64];
    PetscBool known;
    PetscCall(MfConfigGetString("kmc_mechanism", mech, sizeof(mech), NULL));
    run->switching = (PetscBool)(strcmp(mech, "none") != 0);
    PetscCall(MfMechanismIsRegistered(mech, &known));
    if (run->switching && !known) { /* before the mesh is built: the error comes at once */
      char list[512];
      PetscCall(MfMechanismListRegistered(list, sizeof(list)));
      SETERRQ(run->comm, PETSC_ERR_USER_INPUT, "kmc.mechanism '%s' is not a registered switching mechanism; registered: %s (or none)", mech, list);
    }
  }

  /* protocol */
  PetscCall(MfConfigGetString("protocol_type", ptype, sizeof(ptype), NULL));
  for (PetscInt i = 0; i < 4; i++)
    if (!strcmp(ptype, MfProtocolTypes[i])) run->proto.type = (MfProtocolType)i;
  run->proto.v_dc_V = run->V_dc;
  PetscCall(MfConfigGetReal("protocol_v_max", &run->proto.v_max_V, NULL));
  PetscCall(MfConfigGetReal("protocol_v_min", &run->proto.v_min_V, NULL));
  PetscCall(MfConfigGetReal("protocol_forming_voltage", &run->proto.forming_V, NULL));
  PetscCheck(!run->forming_cc_set || run->proto.forming_V > 0, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "device.forming_compliance (%g A) limits the forming step, but this deck has none: set protocol.forming_voltage (> 0, >= protocol.v_max)", (double)run->I_cc_form);
  PetscCall(MfConfigGetReal("protocol_rate", &run->proto.rate_V_per_s, NULL));
  PetscCall(MfConfigGetReal("protocol_step", &run->proto.step_V, NULL));
  PetscCall(MfConfigGetInt("protocol_cycles", &run->proto.cycles, NULL));
  PetscCall(MfConfigGetReal("protocol_pulse_amplitude", &run->proto.pulse_amplitude_V, NULL));
  PetscCall(MfConfigGetReal("protocol_pulse_width", &run->proto.pulse_width_s, NULL));
  PetscCall(MfConfigGetReal("protocol_pulse_rise", &run->proto.pulse_rise_s, NULL));
  PetscCall(MfConfigGetReal("protocol_pulse_period", &run->proto.pulse_period_s, NULL));
  PetscCall(MfConfigGetInt("protocol_pulses", &run->proto.pulses, NULL));
  PetscCall(MfConfigGetReal("protocol_duration", &run->proto.duration_s, NULL));
  PetscCall(MfConfigGetBool("protocol_read", &run->proto.sweep_reads, NULL));
  PetscCall(MfConfigGetReal("protocol_read_width", &run->proto.read_width_s, NULL));
  PetscCall(MfConfigGetReal("protocol_program_voltage", &run->proto.program_V, NULL));
  PetscCall(MfConfigGetReal("protocol_program_temperature", &run->T_program, &set));
  PetscCheck(!set || run->proto.type == MF_PROTOCOL_RETENTION, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "protocol.program_temperature (%g K) applies to protocol.type retention only (this deck: %s)", (double)run->T_program, MfProtocolTypes[run->proto.type]);
  if (!set) run->T_program = run->T_ambient;
  run->proto.pulse_samples = 4;
  PetscCall(MfConfigGetInt("protocol_points", &run->proto.points, NULL));
  run->proto.read_voltage_V = run->V_read;
  PetscFunctionReturn(0);
}

/* Cell-data of the frames: region id and the material properties each cell sees. */
static PetscErrorCode CreateCellInfo(MfRun run)
{
  static const char *names[] = {"region", "sigma_S_per_m", "k_W_per_mK", "E_Pa", "nu", "cte_per_K"};
  const PetscInt     nf      = 6;
  PetscFE            fe;
  PetscInt           dim, cStart, cEnd;
  DMLabel            region;
  PetscSection       sec;
  PetscScalar       *a;
  Vec                loc;

  PetscFunctionBeginUser;
  PetscCall(DMClone(run->dm, &run->dmInfo));
  PetscCall(DMGetDimension(run->dm, &dim));
  for (PetscInt f = 0; f < nf; f++) {
    PetscCall(PetscFECreateLagrange(run->comm, dim, 1, PETSC_FALSE, 0, PETSC_DETERMINE, &fe));
    PetscCall(PetscObjectSetName((PetscObject)fe, names[f]));
    PetscCall(DMSetField(run->dmInfo, f, NULL, (PetscObject)fe));
    PetscCall(PetscFEDestroy(&fe));
  }
  PetscCall(DMCreateDS(run->dmInfo));
  PetscCall(DMCreateGlobalVector(run->dmInfo, &run->cellInfo));
  PetscCall(PetscObjectSetName((PetscObject)run->cellInfo, ""));
  PetscCall(DMGetLocalVector(run->dmInfo, &loc));
  PetscCall(DMGetLocalSection(run->dmInfo, &sec));
  PetscCall(DMGetLabel(run->dm, MF_LABEL_REGION, &region));
  PetscCall(DMPlexGetHeightStratum(run->dm, 0, &cStart, &cEnd));
  PetscCall(VecGetArray(loc, &a));
  for (PetscInt c = cStart; c < cEnd; c++) {
    PetscInt r, off;
    PetscCall(DMLabelGetValue(region, c, &r));
    const MfMaterial *m = (r > 0 && r < MF_NUM_REGIONS) ? &run->mats[r] : NULL;
    const PetscReal v[6] = {(PetscReal)r, m ? m->sigma_S_per_m : 0, m ? m->k_W_per_mK : 0, m ? m->E_Pa : 0, m ? m->nu : 0, m ? m->cte_per_K : 0};
    for (PetscInt f = 0; f < nf; f++) {
      PetscCall(PetscSectionGetFieldOffset(sec, c, f, &off));
      a[off] = v[f];
    }
  }
  PetscCall(VecRestoreArray(loc, &a));
  PetscCall(DMLocalToGlobal(run->dmInfo, loc, INSERT_VALUES, run->cellInfo));
  PetscCall(DMRestoreLocalVector(run->dmInfo, &loc));
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunSetUp(MfRun run)
{
  PetscFunctionBeginUser;
  PetscCall(MfConfigPrepareOutputDir(run->comm, run->outdir, sizeof(run->outdir)));
  PetscCall(MfRunLogOpen(run));
  PetscCall(MfRunLoadMaterials(run->comm, run->mats, run->present));
  PetscCall(MfRunCreateMesh(run->comm, run->present, &run->dm));
  PetscCall(MfMeshGetStats(run->dm, &run->stats));
  PetscCall(MfRunLog(run, "mesh: %" PetscInt_FMT "D, %" PetscInt_FMT " cells, %" PetscInt_FMT " vertices\n", run->stats.dim, run->stats.num_cells, run->stats.num_vertices));
  PetscCall(CreateCellInfo(run));
  run->depth_m = 1.0;
  if (run->stats.dim == 2) {
    /* a 2D run is the x = 0 section of the cross-point: currents per metre times the line width w give A */
    PetscReal W, w;
    PetscBool set;
    PetscCall(MfConfigGetReal("mesh_width", &W, NULL));
    PetscCall(MfConfigGetReal("mesh_electrode_width", &w, &set));
    run->depth_m = (set && w < W) ? w : W;
  }
  PetscCall(MfRunSetUpFields(run));
  if (run->switching) {
    DM   dmEt;
    char text[2048];
    PetscCall(MfElectroThermalGetDM(run->et, &dmEt));
    PetscCall(MfCouplerCreate(run->comm, dmEt, run->et, run->mats, &run->coupler));
    PetscCall(MfCouplerSetFromOptions(run->coupler));
    PetscCall(MfCouplerSetUp(run->coupler));
    PetscCall(MfCouplerDescribe(run->coupler, text, sizeof(text)));
    PetscCall(MfRunLog(run, "%s\n", text));
  }
  PetscCall(MfProtocolBuild(&run->proto, &run->wave));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFrame(MfRun run, PetscReal t)
{
  PetscViewer v;

  PetscFunctionBeginUser;
  PetscCall(MfVtkSeriesBeginFrame(run->vtk, &v));
  PetscCall(MfElectroThermalViewFields(run->et, v)); /* first: its DM names the grid of the frame */
  PetscCall(MfVtkSeriesAddVec(v, run->cellInfo, PETSC_TRUE));
  if (run->mechanics) {
    Vec u, d;
    PetscCall(MfMechanicsGetDisplacement(run->mechanics, &u));
    PetscCall(MfMechanicsGetDerivedFields(run->mechanics, &d));
    PetscCall(MfVtkSeriesAddVec(v, u, PETSC_FALSE));
    PetscCall(MfVtkSeriesAddVec(v, d, PETSC_TRUE));
  }
  if (run->coupler) PetscCall(MfCouplerViewStateFields(run->coupler, v));
  PetscCall(MfVtkSeriesEndFrame(run->vtk, t, &v));
  if (run->coupler) {
    const char *points;
    PetscCall(MfCouplerGetPointsName(run->coupler, &points));
    if (points) {
      char path[PETSC_MAX_PATH_LEN];
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s_%04" PetscInt_FMT ".vtp", run->outdir, points, run->nframes));
      PetscCall(MfCouplerWritePoints(run->coupler, path));
      run->frame_t[run->nframes++] = t;
    }
  }
  PetscFunctionReturn(0);
}

/* ParaView collection of the mechanism's site clouds (time-stamped like fields.pvd). */
static PetscErrorCode WritePointCollection(MfRun run)
{
  char        path[PETSC_MAX_PATH_LEN];
  FILE       *fp;
  PetscMPIInt rank;
  const char *points;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(run->comm, &rank));
  if (rank || !run->nframes) PetscFunctionReturn(0);
  PetscCall(MfCouplerGetPointsName(run->coupler, &points));
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s.pvd", run->outdir, points));
  PetscCall(PetscFOpen(PETSC_COMM_SELF, path, "w", &fp));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\">\n<Collection>\n"));
  for (PetscInt f = 0; f < run->nframes; f++) PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "<DataSet timestep=\"%.9g\" file=\"%s_%04" PetscInt_FMT ".vtp\"/>\n", (double)run->frame_t[f], points, f));
  PetscCall(PetscFPrintf(PETSC_COMM_SELF, fp, "</Collection>\n</VTKFile>\n"));
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  PetscFunctionReturn(0);
}

/* One FE solve at the present bias after a state update (the coupler's callback); accounts the cost and returns the
 * device current in A.
 * Steady thermal mode without a steady state: a source beyond the fold of an S-shaped I-V (a bridged filament under
 * a voltage source without series resistance), or a filament whose resistance rises with T carrying a fixed current,
 * has no steady operating point: the filament heats until it ruptures (Joule-heating RESET, Ielmini, IEEE TED 58
 * (2011) 4309: nanoseconds). A steady FE state cannot describe that, so the fields become transient (heat
 * capacity, MfElectroThermalStep) from the last steady state: first step -run_runaway_dt (10 ps), then the KMC time
 * since the previous solve; the next KMC chunk is capped (the time the fields describe) at half the last step when it
 * heated T_max by more than 100 K, twice when by less than 25 K, else the same. A steady solve is tried again at
 * the next bias point and once the current fell below half of its value at the onset (the filament ruptured);
 * the first that exists ends the transient episode. The same path catches a steady solve that fails for numerical
 * reasons after a large state change (the log says it cannot tell them apart); it used to stop the run. */
static PetscErrorCode SolveFields(void *ctx, PetscReal dt_s, PetscReal *I_A, PetscReal *dt_cap_s)
{
  MfRun          run = (MfRun)ctx;
  PetscLogDouble t0, t1;
  PetscBool      exists = PETSC_FALSE;

  PetscFunctionBeginUser;
  *dt_cap_s = 0.0;
  PetscCall(PetscTime(&t0));
  /* during a runaway, look for a steady state again at a new bias point and once the current fell below half of
   * its value at the onset (the filament ruptures: the state changed, not the heating) */
  if (!run->runaway.on || dt_s == 0.0 || PetscAbsReal(run->last.I_top) < 0.5 * PetscAbsReal(run->runaway.I_onset)) {
    if (run->coupler) PetscCall(MfElectroThermalSolveSteadyIfExists(run->et, &exists));
    else {
      PetscCall(MfElectroThermalSolveSteady(run->et)); /* without a KMC state nothing ends a runaway: an error */
      exists = PETSC_TRUE;
    }
  }
  if (exists && run->runaway.on) PetscCall(MfRunLog(run, "  steady state again at V_s = %+.3f V after %" PetscInt_FMT " transient steps\n", (double)run->runaway.V_s, run->runaway.steps));
  if (exists) run->runaway.on = PETSC_FALSE;
  else {
    PetscReal step;
    if (!run->runaway.on) {
      MfEtResults r;
      PetscCall(MfElectroThermalGetResults(run->et, &r));
      PetscCall(MfRunLog(run, "  no steady state found at V_s = %+.3f V (thermal runaway, or the steady solver failed after a large state change; last steady state V_dev = %+.4f V, T_max = %.1f K): transient fields from there\n", (double)run->runaway.V_s, (double)r.V_device, (double)r.T_max));
      run->runaway.on      = PETSC_TRUE;
      run->runaway.I_onset = 0.0;
      run->runaway.dt_s  = run->runaway.dt0_s;
      run->runaway.steps = 0;
    }
    {
      const PetscReal T_before = run->last.T_max;
      MfEtResults     r;
      /* the first transient step starts the episode (dt_s then is the KMC time run with the steady fields) */
      step = dt_s > 0.0 && run->runaway.steps > 0 ? dt_s : run->runaway.dt_s;
      PetscCall(MfElectroThermalStep(run->et, step));
      PetscCall(MfElectroThermalGetResults(run->et, &r));
      run->runaway.steps++;
      if (run->runaway.steps == 1) run->runaway.I_onset = r.I_top;
      /* the KMC must see the heating: at most ~100 K of T_max change per chunk (the rates change by
       * exp(E_a dT / kB T^2) ~ 3 per 100 K at 1000 K, 0.8 eV), longer chunks while T settles */
      if (r.T_max - T_before > 100.0) run->runaway.dt_s = 0.5 * step;
      else if (PetscAbsReal(r.T_max - T_before) < 25.0) run->runaway.dt_s = 2.0 * step;
      else run->runaway.dt_s = step;
      *dt_cap_s = run->runaway.dt_s;
      PetscCall(PetscInfo(NULL, "runaway step %" PetscInt_FMT ": dt %g s, T_max %g -> %g K, I %g A/m, next KMC cap %g s\n", run->runaway.steps, (double)step, (double)T_before, (double)r.T_max, (double)r.I_top, (double)run->runaway.dt_s));
    }
  }
  PetscCall(PetscTime(&t1));
  run->res.time_fe_s += t1 - t0;
  run->res.fe_solves++;
  PetscCall(MfElectroThermalGetResults(run->et, &run->last));
  run->res.newton_its += run->last.newton_its;
  run->res.linear_its += run->last.linear_its;
  *I_A = run->last.I_top * run->depth_m;
  PetscFunctionReturn(0);
}

/* Retention of a programmed state (protocol retention with program_voltage): pristine read R_0 (first
 * point), programmed read R_p (the last read of the programming, cycle 0), failure when R crosses the
 * level halfway between them in ln R (postproc MfRetentionFailureTime, fail_fraction) during the bake
 * (cycle 1). *found = PETSC_FALSE with t_fail = NaN when the record has fewer than 2 bake reads or R_p >= R_0. */
static PetscErrorCode RetentionFailure(MfRun run, PetscReal fail_fraction, PetscBool *found)
{
  PetscInt k0 = -1;

  PetscFunctionBeginUser;
  *found            = PETSC_FALSE;
  run->res.t_fail_s = run->res.R_program_Ohm = run->res.R_pristine_Ohm = NAN;
  for (PetscInt k = 0; k < run->nrec && k0 < 0; k++)
    if (run->rec_cycle[k] == 1) k0 = k - 1; /* the programming read that starts the bake */
  if (k0 < 0 || run->nrec - k0 < 3 || run->rec_I[0] == 0 || run->rec_I[k0] == 0) PetscFunctionReturn(0);
  run->res.R_pristine_Ohm = PetscAbsReal(run->rec_V[0] / run->rec_I[0]);
  run->res.R_program_Ohm  = PetscAbsReal(run->rec_V[k0] / run->rec_I[k0]);
  if (run->res.R_program_Ohm < run->res.R_pristine_Ohm) {
    PetscReal *tb;
    PetscCall(PetscMalloc1(run->nrec - k0, &tb));
    for (PetscInt k = k0; k < run->nrec; k++) tb[k - k0] = run->rec_t[k] - run->rec_t[k0]; /* bake time */
    PetscCall(MfRetentionFailureTime(run->nrec - k0, tb, run->rec_V + k0, run->rec_I + k0, run->res.R_program_Ohm, run->res.R_pristine_Ohm, fail_fraction, &run->res.t_fail_s, found));
    if (!*found) run->res.t_fail_s = NAN;
    PetscCall(PetscFree(tb));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode RetentionMetrics(MfRun run, const MfMetricsOptions *o)
{
  PetscBool found;

  PetscFunctionBeginUser;
  PetscCall(RetentionFailure(run, o->fail_fraction, &found));
  if (!isfinite(run->res.R_program_Ohm)) PetscFunctionReturn(0);
  if (found) PetscCall(MfRunLog(run, "retention: R pristine %.4g Ohm, programmed %.4g Ohm; failure (R halfway in ln R) after %.4g s of bake at %.2f K\n", (double)run->res.R_pristine_Ohm, (double)run->res.R_program_Ohm, (double)run->res.t_fail_s, (double)run->T_ambient));
  else if (run->res.R_program_Ohm < run->res.R_pristine_Ohm) {
    run->res.t_fail_s = (PetscReal)INFINITY; /* censored: retained over the whole bake (JSON null) */
    PetscCall(MfRunLog(run, "retention: R pristine %.4g Ohm, programmed %.4g Ohm; retained (no failure) over %.4g s of bake at %.2f K\n", (double)run->res.R_pristine_Ohm, (double)run->res.R_program_Ohm, (double)run->proto.duration_s, (double)run->T_ambient));
  } else PetscCall(MfRunLog(run, "retention: programming did not lower R (pristine %.4g Ohm, after programming %.4g Ohm): no retention time\n", (double)run->res.R_pristine_Ohm, (double)run->res.R_program_Ohm));
  PetscFunctionReturn(0);
}

/* What the bending stress does to the switching, by the activation-volume coupling of the mechanism's
 * barriers (the mechanism's strain_kinetics hook); said in the log and summary.json before the protocol. */
static PetscErrorCode BendingPrediction(MfRun run)
{
  MfStrainKinetics sk;
  MfRunResults    *r = &run->res;
  PetscBool        has;

  PetscFunctionBeginUser;
  PetscCall(MfCouplerStrainKinetics(run->coupler, run->T_ambient, &r->sigma_h_sites_Pa, &sk, &has));
  if (!has) PetscFunctionReturn(0);
  r->bend_predicted   = PETSC_TRUE;
  r->bend_dE_eV       = sk.dE_eV;
  r->bend_rate_factor = sk.rate_factor;
  r->bend_dV_min_V    = sk.dV_min_V;
  r->bend_dV_max_V    = sk.dV_max_V;
  PetscCall(MfRunLog(run, "bending (R = %g mm, %s): mean hydrostatic stress at the KMC sites %.4g MPa; activation-volume coupling changes every ion barrier by %+.4g meV (rates x %.6g at %.2f K)\n", (double)(run->bend_radius * 1e3), run->bend_sign > 0 ? "tensile" : "compressive", (double)(r->sigma_h_sites_Pa * 1e-6), (double)(sk.dE_eV * 1e3), (double)sk.rate_factor, (double)run->T_ambient));
  if (sk.dE_eV == 0.0) PetscCall(MfRunLog(run, "  -> no kinetic effect of bending (activation volume 0, or no stress reaches the functional layer)\n"));
  else PetscCall(MfRunLog(run, "  -> expected: switching voltages move %s: V_set by between %+.3g and %+.3g mV (limiting step: redox .. ion hop, uniform field)\n", sk.dE_eV < 0 ? "toward 0 (earlier SET and RESET)" : "away from 0 (later SET and RESET)", (double)(sk.dV_max_V * 1e3), (double)(sk.dV_min_V * 1e3)));
  PetscFunctionReturn(0);
}

/* Switching metrics of the recorded I-V (postproc/mf_post.h); a run that never switched is reported, not
 * an error. */
static PetscErrorCode ComputeMetrics(MfRun run)
{
  MfMetricsOptions o;
  PetscErrorCode   ierr;

  PetscFunctionBeginUser;
  if (run->nrec < 3) PetscFunctionReturn(0);
  PetscCall(MfMetricsOptionsDefault(run->V_read, &o));
  if (run->have_reads) o.read = run->rec_read;
  o.forming = (PetscBool)(run->wave.forming_end > 0);
  if (run->proto.type == MF_PROTOCOL_RETENTION) PetscCall(RetentionMetrics(run, &o));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = MfMetricsCompute(run->nrec, run->rec_t, run->rec_V, run->rec_I, run->rec_cycle, &o, &run->metrics);
  PetscCall(PetscPopErrorHandler());
  run->have_metrics = (PetscBool)(ierr == 0);
  if (!run->have_metrics) PetscCall(MfRunLog(run, "device metrics: none (no resistive switching by the criterion of postproc/mf_metrics.c)\n"));
  else {
    run->res.R_on_Ohm  = run->metrics.R_on;
    run->res.R_off_Ohm = run->metrics.R_off;
    run->res.V_set_V   = run->metrics.V_set;
    run->res.V_reset_V = run->metrics.V_reset;
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunExecute(MfRun run)
{
  /* the base columns, then the mechanism's own, then the coupler's */
  static const char *base[] = {"t_s", "V_V", "Vdev_V", "I_A", "R_Ohm", "P_W", "T_max_K", "T_sub_max_K", "cycle", "read", "newton_its"};
  static const char *kmc[]  = {"events", "fe_updates"};
  enum { NBASE = 11, NKMC = 2, MAXCOL = NBASE + MF_MECHANISM_MAX_COLUMNS + NKMC };
  const char        *cols[MAXCOL];
  PetscInt           ncol = 0, nmcol = 0;
  char               path[PETSC_MAX_PATH_LEN], buf[64];
  PetscErrorCode     stopCode = PETSC_ERR_NOT_CONVERGED; /* the error of the window that stopped the protocol */

  PetscFunctionBeginUser;
  for (PetscInt c = 0; c < NBASE; c++) cols[ncol++] = base[c];
  if (run->coupler) {
    const char *const *mcols;
    PetscCall(MfCouplerGetColumns(run->coupler, &nmcol, &mcols));
    for (PetscInt c = 0; c < nmcol; c++) cols[ncol++] = mcols[c];
    for (PetscInt c = 0; c < NKMC; c++) cols[ncol++] = kmc[c];
  }
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/timeseries.csv", run->outdir));
  PetscCall(MfTimeSeriesCreate(run->comm, path, ncol, cols, &run->ts));
  PetscCall(PetscSNPrintf(buf, sizeof(buf), "%g", (double)run->V_read));
  PetscCall(MfTimeSeriesComment(run->ts, "read_voltage_V", buf));
  PetscCall(MfTimeSeriesComment(run->ts, "deck", run->deck));
  if (run->wave.forming_end > 0) PetscCall(MfTimeSeriesComment(run->ts, "forming_cycle", "0")); /* memflex extract reads it */
  if (run->stats.dim == 2) {
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%g", (double)run->depth_m));
    PetscCall(MfTimeSeriesComment(run->ts, "depth_m_2d", buf));
  }
  PetscCall(MfVtkSeriesCreate(run->comm, run->outdir, "fields", &run->vtk));
  PetscCall(PetscMalloc5(run->wave.n, &run->rec_t, run->wave.n, &run->rec_V, run->wave.n, &run->rec_I, run->wave.n, &run->rec_cycle, run->wave.n, &run->rec_read));
  for (PetscInt i = 0; i < run->wave.n; i++) run->have_reads = (PetscBool)(run->have_reads || run->wave.read[i]);
  PetscCall(PetscMalloc1(run->wave.n + 1, &run->frame_t));

  if (run->mechanics) PetscCall(MfRunSolveMechanics(run));
  if (run->coupler && run->mechanics) { /* once per bending state */
    PetscCall(MfCouplerSetStress(run->coupler, run->mechanics));
    PetscCall(BendingPrediction(run));
  }
  PetscCall(MfRunLog(run, "protocol %s: %" PetscInt_FMT " bias points\n", MfProtocolTypes[run->proto.type], run->wave.n));
  for (PetscInt i = 0; i < run->wave.n; i++) {
    const PetscReal t = run->wave.t_s[i], V = run->wave.V_V[i];
    PetscLogDouble  t0, t1;
    MfCouplerWindow win = {0, 0, 0};
    PetscReal       Idev, Rdev, row[MAXCOL];
    char            status[MF_MECHANISM_STATUS_LEN] = "";
    MfEtResults    *er = &run->last;

    PetscCall(PetscTime(&t0));
    if (run->proto.type == MF_PROTOCOL_RETENTION && run->T_program != run->T_ambient && (i == 0 || run->wave.cycle[i] != run->wave.cycle[i - 1])) {
      /* a retention test programs the cell at room temperature, then puts it in the oven (the bake's
       * first window starts at the oven temperature: heating takes ~ms, the bake seconds and more) */
      PetscCall(MfElectroThermalSetEnvironmentTemperature(run->et, run->wave.cycle[i] == 0 ? run->T_program : run->T_ambient));
    }
    /* the compliance of a filament device limits the SET (forming) polarity only: a RESET needs the
     * current the filament carries (Ielmini, IEEE TED 58, 4309 (2011): I_reset ~ I_cc); a read pulse
     * measures the device, so the source does not limit it either */
    if (run->coupler && (run->I_cc > 0 || run->I_cc_form > 0)) {
      const PetscReal I_cc = i < run->wave.forming_end ? run->I_cc_form : run->I_cc; /* the forming step has its own */
      PetscCall(MfElectroThermalSetCircuit(run->et, V, run->R_series * run->depth_m, V >= 0 && !run->wave.read[i] ? I_cc / run->depth_m : 0.0));
    }
    PetscCall(MfElectroThermalSetBias(run->et, V));
    run->runaway.V_s = V;
    if (run->coupler && i > 0) {
      /* a window whose fields cannot be solved (PETSC_ERR_NOT_CONVERGED, e.g. a transient step of a runaway that
       * fails even with sub-steps; PETSC_ERR_LIB, the direct solver failing on a wild iterate; the message is
       * printed where it is raised) ends the protocol, not the run's outputs: the points before it get their
       * metrics and summary, then the run returns that error */
      const PetscErrorCode ierr = MfCouplerAdvance(run->coupler, t - run->wave.t_s[i - 1], SolveFields, run, &win);
      if (ierr == PETSC_ERR_NOT_CONVERGED || ierr == PETSC_ERR_LIB) {
        stopCode              = ierr;
        run->res.stopped      = PETSC_TRUE;
        run->res.stopped_at_V = V;
        PetscCall(MfRunLog(run, "[%4" PetscInt_FMT "/%" PetscInt_FMT "] t = %-9.4g s  V = %+6.3f V: the fields could not be solved in this window (error above): protocol stopped, outputs cover the %" PetscInt_FMT " points before it\n", i + 1, run->wave.n, (double)t, (double)V, run->nrec));
        break;
      }
      PetscCall(ierr);
    } else if (run->thermal == MF_RUN_THERMAL_TRANSIENT && i > 0) {
      PetscCall(MfElectroThermalStep(run->et, t - run->wave.t_s[i - 1]));
      PetscCall(MfElectroThermalGetResults(run->et, er));
      run->res.fe_solves++;
      run->res.newton_its += er->newton_its;
      run->res.linear_its += er->linear_its;
    } else {
      PetscReal cap;
      PetscCall(SolveFields(run, 0.0, &Idev, &cap));
    }
    PetscCall(PetscTime(&t1));
    Idev = er->I_top * run->depth_m;
    Rdev = er->R_device / run->depth_m;
    run->rec_t[run->nrec] = t;
    run->rec_V[run->nrec] = er->V_device;
    run->rec_I[run->nrec] = Idev;
    run->rec_read[run->nrec]    = run->wave.read[i];
    run->rec_cycle[run->nrec++] = run->wave.cycle[i];
    {
      const PetscReal b[NBASE] = {t, V, er->V_device, Idev, Rdev, er->power_W * run->depth_m, er->T_max, er->T_max_region[MF_REGION_SUBSTRATE], (PetscReal)run->wave.cycle[i], (PetscReal)run->wave.read[i], (PetscReal)er->newton_its};
      for (PetscInt c = 0; c < NBASE; c++) row[c] = b[c];
      if (run->coupler) {
        PetscCall(MfCouplerObserve(run->coupler, row + NBASE, status, sizeof(status)));
        row[NBASE + nmcol]     = (PetscReal)win.events;
        row[NBASE + nmcol + 1] = (PetscReal)win.updates;
      }
      PetscCall(MfTimeSeriesAppend(run->ts, row));
    }
    if (PetscAbsReal(V - run->V_read) < 1e-12 && PetscAbsReal(Idev) > 0) run->res.R_read_Ohm = Rdev;
    run->res.T_max_K           = PetscMax(run->res.T_max_K, er->T_max);
    run->res.T_max_substrate_K = PetscMax(run->res.T_max_substrate_K, er->T_max_region[MF_REGION_SUBSTRATE]);
    run->res.I_final_A         = Idev;
    run->res.R_final_Ohm       = Rdev;
    run->res.steps++;
    if (run->coupler)
      PetscCall(MfRunLog(run, "[%4" PetscInt_FMT "/%" PetscInt_FMT "] t = %-9.4g s  V = %+6.3f V  I = %+10.4e A  R = %9.3e Ohm  T_max = %7.2f K  %s  events %8" PetscInt64_FMT "  (FE %" PetscInt_FMT ", %.2f s)\n", i + 1, run->wave.n, (double)t, (double)V, (double)Idev, (double)Rdev, (double)er->T_max, status, win.events, win.updates + 1, (double)(t1 - t0)));
    else PetscCall(MfRunLog(run, "[%4" PetscInt_FMT "/%" PetscInt_FMT "] t = %-10.4g s  V = %+7.3f V  I = %+10.4e A  R = %10.4e Ohm  T_max = %7.2f K  (Newton %" PetscInt_FMT ", %.2f s)\n", i + 1, run->wave.n, (double)t, (double)V, (double)Idev, (double)Rdev, (double)er->T_max, er->newton_its, (double)(t1 - t0)));
    {
      /* a failed bake is over: the rest would only follow the HRS (and costs KMC time at high T) */
      PetscBool failed = PETSC_FALSE;
      if (run->proto.type == MF_PROTOCOL_RETENTION && run->wave.cycle[i] == 1) {
        MfMetricsOptions mo;
        PetscCall(MfMetricsOptionsDefault(run->V_read, &mo));
        PetscCall(RetentionFailure(run, mo.fail_fraction, &failed));
      }
      if (run->vtk_every > 0 && (i % run->vtk_every == 0 || i == run->wave.n - 1 || failed)) {
        if (run->mechanics) PetscCall(MfRunSolveMechanics(run));
        PetscCall(WriteFrame(run, t));
      }
      if (failed) {
        PetscCall(MfRunLog(run, "retention failure reached at t = %g s (bake %g s): bake stopped\n", (double)t, (double)run->res.t_fail_s));
        break;
      }
    }
  }
  PetscCall(MfTimeSeriesDestroy(&run->ts));
  PetscCall(WritePointCollection(run));
  PetscCall(MfElectroThermalCheckSubstrate(run->et, &run->res.substrate_overheated));
  if (run->coupler) {
    MfCouplerInfo info;
    PetscCall(MfCouplerGetInfo(run->coupler, &info));
    run->res.time_kmc_s = info.time_kmc_s;
    PetscCall(ComputeMetrics(run));
  }
  {
    PetscLogDouble now;
    PetscCall(PetscTime(&now));
    run->res.time_total_s = now - run->t_start;
  }
  PetscCall(MfRunWriteSummary(run));
  PetscCheck(!run->res.stopped, run->comm, stopCode, "the protocol stopped at V_source = %g V (point %" PetscInt_FMT " of %" PetscInt_FMT "): the fields could not be solved there (error above); %s holds the time series, frames and summary.json (stopped_early: true) of the points before it", (double)run->res.stopped_at_V, run->nrec + 1, run->wave.n, run->outdir);
  PetscFunctionReturn(0);
}

PetscErrorCode MfRunGetResults(MfRun run, MfRunResults *res)
{
  *res = run->res;
  return 0;
}

PetscErrorCode MfRunGetOutputDir(MfRun run, const char **dir)
{
  *dir = run->outdir;
  return 0;
}

PetscErrorCode MfRunDestroy(MfRun *run)
{
  PetscFunctionBeginUser;
  if (!*run) PetscFunctionReturn(0);
  PetscCall(MfTimeSeriesDestroy(&(*run)->ts));
  PetscCall(MfVtkSeriesDestroy(&(*run)->vtk));
  PetscCall(MfElectroThermalDestroy(&(*run)->et));
  if ((*run)->mechanics) PetscCall(MfMechanicsDestroy(&(*run)->mechanics));
  PetscCall(MfCouplerDestroy(&(*run)->coupler));
  if ((*run)->have_metrics) PetscCall(MfMetricsDestroy(&(*run)->metrics));
  PetscCall(PetscFree5((*run)->rec_t, (*run)->rec_V, (*run)->rec_I, (*run)->rec_cycle, (*run)->rec_read));
  PetscCall(PetscFree((*run)->frame_t));
  PetscCall(VecDestroy(&(*run)->cellInfo));
  PetscCall(VecDestroy(&(*run)->Tcell));
  PetscCall(DMDestroy(&(*run)->dmInfo));
  PetscCall(DMDestroy(&(*run)->dmEt));
  PetscCall(DMDestroy(&(*run)->dmMech));
  PetscCall(DMDestroy(&(*run)->dm));
  if ((*run)->wave.n) PetscCall(MfWaveformDestroy(&(*run)->wave));
  PetscCall(MfRunLogClose(*run));
  PetscCall(PetscFree(*run));
  PetscFunctionReturn(0);
}
