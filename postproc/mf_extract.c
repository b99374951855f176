/* `memflex extract`: metrics, statistics and a compact-model fit from one run, a sweep or an ensemble.
 *
 *   memflex extract <run_dir|timeseries.csv|ensemble_dir|list.txt> [more...] [options]
 * Inputs come first (before any option). A run folder holds timeseries.csv; an ensemble folder holds run
 * folders; a .txt file lists CSVs, one per line. Every rank does the (small, deterministic) work and rank 0
 * writes the files, so the command behaves the same under mpiexec. Outputs in -extract_output:
 *   parameters.json   model, values, uncertainties, fit quality, replay error, metrics, statistics, sources
 *   memflex_<model>.va / .cir   Verilog-A card and ngspice subcircuit of the fitted model
 *   replay.csv, replay.png      protocol, simulated and fitted current (plot_replay.py, matplotlib Agg)
 *   cycles.csv        per run and cycle: R_on, R_off, window, V_set, V_reset, times, energies (endurance) */
#include "mf_post.h"
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef MF_POST_SOURCE_DIR
  #define MF_POST_SOURCE_DIR "."
#endif

#define MAX_INPUTS 4096

typedef struct {
  PetscInt  n;
  char    **path;
} InputList;

static PetscErrorCode InputAdd(InputList *l, const char *p)
{
  PetscFunctionBeginUser;
  PetscCheck(l->n < MAX_INPUTS, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "more than %d input time series", MAX_INPUTS);
  PetscCall(PetscStrallocpy(p, &l->path[l->n++]));
  PetscFunctionReturn(0);
}

static int CmpStr(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static PetscBool IsFile(const char *p)
{
  struct stat st;
  return (stat(p, &st) == 0 && S_ISREG(st.st_mode)) ? PETSC_TRUE : PETSC_FALSE;
}

/* Expand one command-line input into time-series files (run dir, ensemble dir, csv, list file). */
static PetscErrorCode InputExpand(InputList *l, const char *arg)
{
  struct stat st;
  char        buf[PETSC_MAX_PATH_LEN];
  size_t      len = strlen(arg);

  PetscFunctionBeginUser;
  PetscCheck(stat(arg, &st) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "extract input '%s': %s (expected a run folder, an ensemble folder, a timeseries.csv or a .txt list of CSVs)", arg, strerror(errno));
  if (S_ISDIR(st.st_mode)) {
    DIR           *d;
    struct dirent *e;
    char         **names = NULL;
    PetscInt       nn    = 0;
    PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s/timeseries.csv", arg));
    if (IsFile(buf)) {
      PetscCall(InputAdd(l, buf));
      PetscFunctionReturn(0);
    }
    d = opendir(arg);
    PetscCheck(d, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot list folder '%s': %s", arg, strerror(errno));
    PetscCall(PetscMalloc1(MAX_INPUTS, &names));
    while ((e = readdir(d)) && nn < MAX_INPUTS) {
      if (e->d_name[0] == '.') continue;
      PetscCall(PetscSNPrintf(buf, sizeof(buf), "%s/%s/timeseries.csv", arg, e->d_name));
      if (IsFile(buf)) PetscCall(PetscStrallocpy(buf, &names[nn++]));
    }
    closedir(d);
    qsort(names, (size_t)nn, sizeof(char *), CmpStr); /* deterministic order, independent of the file system */
    for (PetscInt k = 0; k < nn; k++) {
      PetscCall(InputAdd(l, names[k]));
      PetscCall(PetscFree(names[k]));
    }
    PetscCall(PetscFree(names));
    PetscCheck(nn > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "folder '%s' holds neither timeseries.csv nor run folders with one", arg);
  } else if (len > 4 && !strcmp(arg + len - 4, ".txt")) {
    FILE *fp = fopen(arg, "r");
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open list '%s': %s", arg, strerror(errno));
    while (fgets(buf, sizeof(buf), fp)) {
      char *s = buf, *e2;
      while (*s == ' ' || *s == '\t') s++;
      e2 = s + strlen(s);
      while (e2 > s && (e2[-1] == '\n' || e2[-1] == '\r' || e2[-1] == ' ')) *--e2 = 0;
      if (*s && *s != '#') PetscCall(InputAdd(l, s));
    }
    fclose(fp);
  } else PetscCall(InputAdd(l, arg));
  PetscFunctionReturn(0);
}

/* Results folder: never reuse a non-empty one silently (suffix -1, -2, ... unless overwrite). */
static PetscErrorCode OutputDir(const char *req, PetscBool overwrite, char *out, size_t len)
{
  PetscFunctionBeginUser;
  for (int k = 0; k < 1000; k++) {
    struct stat st;
    if (k) PetscCall(PetscSNPrintf(out, len, "%s-%d", req, k));
    else PetscCall(PetscStrncpy(out, req, len));
    if (stat(out, &st) != 0) {
      PetscCheck(mkdir(out, 0755) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot create output folder '%s': %s", out, strerror(errno));
      PetscFunctionReturn(0);
    }
    PetscCheck(S_ISDIR(st.st_mode), PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "output '%s' exists and is not a folder", out);
    if (overwrite) PetscFunctionReturn(0);
    {
      DIR           *d = opendir(out);
      struct dirent *e;
      PetscBool      empty = PETSC_TRUE;
      PetscCheck(d, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot list '%s': %s", out, strerror(errno));
      while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = PETSC_FALSE;
      closedir(d);
      if (empty) PetscFunctionReturn(0);
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "no free output folder name derived from '%s'", req);
}

static void JReal(FILE *fp, const char *ind, const char *key, PetscReal x, const char *tail)
{
  if (isfinite(x)) fprintf(fp, "%s\"%s\": %.10g%s\n", ind, key, (double)x, tail);
  else fprintf(fp, "%s\"%s\": null%s\n", ind, key, tail);
}

static void JStr(FILE *fp, const char *ind, const char *key, const char *s, const char *tail)
{
  fprintf(fp, "%s\"%s\": \"", ind, key);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') fputc('\\', fp);
    if ((unsigned char)*s >= 0x20) fputc(*s, fp);
  }
  fprintf(fp, "\"%s\n", tail);
}

/* A run whose |V| stays on the read level is a retention (bake) record. */
static PetscBool IsRetention(const MfPostData *d, PetscReal vr)
{
  for (PetscInt k = 0; k < d->n; k++)
    if (PetscAbsReal(PetscAbsReal(d->v[k]) - vr) > 0.02 * vr) return PETSC_FALSE;
  return PETSC_TRUE;
}

/* Conductance at each read plateau (contiguous samples on the read level): the pulse-train reads. */
static PetscErrorCode PlateauReads(const MfPostData *d, PetscReal vr, PetscInt *nG, PetscReal **G)
{
  PetscInt  m = 0, cnt = 0;
  PetscReal acc = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(d->n, G));
  for (PetscInt k = 0; k <= d->n; k++) {
    PetscBool on = k < d->n && PetscAbsReal(PetscAbsReal(d->v[k]) - vr) <= 0.02 * vr && d->v[k] != 0;
    if (on) {
      acc += d->i[k] / d->v[k];
      cnt++;
    } else if (cnt) {
      (*G)[m++] = acc / cnt;
      acc = 0;
      cnt = 0;
    }
  }
  *nG = m;
  PetscFunctionReturn(0);
}

PetscErrorCode MfExtractMain(MPI_Comm comm, int argc, char **argv)
{
  InputList         in = {0, NULL};
  char              model_name[32] = "vteam", outreq[PETSC_MAX_PATH_LEN] = "extract", out[PETSC_MAX_PATH_LEN], path[PETSC_MAX_PATH_LEN + 64];
  char             *plist[64], *flist[64], *ulist[64];
  PetscInt          npar = 64, nfix = 64, nfree = 64, fit_run = 0;
  PetscReal         vr = 0.1, tgt = 3.15576e8, resolution = 0.02;
  PetscBool         vr_set = PETSC_FALSE, overwrite = PETSC_FALSE, do_fit = PETSC_TRUE, do_plot = PETSC_TRUE, pulse = PETSC_FALSE, flg;
  MfMetricsOptions  mo;
  MfFitOptions      fo;
  MfCompactKind     kind;
  MfPostData       *data;
  MfMetrics        *met;
  PetscBool        *ret;
  PetscMPIInt       rank;
  PetscInt          first = 1, nsw = 0;

  PetscFunctionBeginUser;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(MfFitOptionsDefault(&fo));
  PetscCall(PetscMalloc1(MAX_INPUTS, &in.path));
  /* positional inputs: everything before the first option, after an optional "extract" verb */
  if (argc > 1 && !strcmp(argv[1], "extract")) first = 2;
  for (int k = first; k < argc && argv[k][0] != '-'; k++) PetscCall(InputExpand(&in, argv[k]));
  PetscOptionsBegin(comm, NULL, "memflex extract: metrics and compact-model fit (options -extract_*)", "postproc");
  {
    char list[PETSC_MAX_PATH_LEN] = "";
    PetscCall(PetscOptionsString("-extract_input", "comma-separated extra inputs", NULL, list, list, sizeof(list), &flg));
    if (flg) {
      char *tok = strtok(list, ",");
      for (; tok; tok = strtok(NULL, ",")) PetscCall(InputExpand(&in, tok));
    }
  }
  PetscCall(PetscOptionsString("-extract_model", "compact model: vteam, stanford, yakopcic", NULL, model_name, model_name, sizeof(model_name), NULL));
  PetscCall(PetscOptionsReal("-extract_read_voltage", "read voltage (V); default: '# read_voltage_V' of the data, else 0.1", NULL, vr, &vr, &vr_set));
  PetscCall(PetscOptionsString("-extract_output", "output folder (a suffix is added if it exists and is not empty)", NULL, outreq, outreq, sizeof(outreq), NULL));
  PetscCall(PetscOptionsBool("-extract_overwrite", "write into an existing non-empty output folder", NULL, overwrite, &overwrite, NULL));
  PetscCall(PetscOptionsBool("-extract_fit", "fit the compact model", NULL, do_fit, &do_fit, NULL));
  PetscCall(PetscOptionsBool("-extract_plot", "render replay.png with python3/matplotlib", NULL, do_plot, &do_plot, NULL));
  PetscCall(PetscOptionsBool("-extract_pulse_train", "analyse read plateaus as an LTP/LTD pulse train", NULL, pulse, &pulse, NULL));
  PetscCall(PetscOptionsReal("-extract_level_resolution", "relative conductance step between distinguishable states", NULL, resolution, &resolution, NULL));
  PetscCall(PetscOptionsInt("-extract_fit_run", "index of the switching run to fit (input order)", NULL, fit_run, &fit_run, NULL));
  PetscCall(PetscOptionsStringArray("-extract_param", "name=value,...: starting (or fixed) parameter values", NULL, plist, &npar, NULL));
  PetscCall(PetscOptionsStringArray("-extract_fix", "parameters held fixed", NULL, flist, &nfix, NULL));
  PetscCall(PetscOptionsStringArray("-extract_free", "parameters fitted in addition to the default set", NULL, ulist, &nfree, NULL));
  PetscCall(PetscOptionsReal("-extract_current_floor", "current floor of the relative residual (A); <= 0: 1e-3 max|I|", NULL, fo.current_floor, &fo.current_floor, NULL));
  PetscCall(PetscOptionsInt("-extract_max_iter", "maximum fit iterations", NULL, fo.max_iter, &fo.max_iter, NULL));
  PetscCall(PetscOptionsReal("-extract_retention_target", "retention target time (s) for the extrapolated temperature", NULL, tgt, &tgt, NULL));
  mo.switch_ratio  = 2.0;
  mo.fail_fraction = 0.5;
  PetscCall(PetscOptionsReal("-extract_switch_ratio", "conductance change factor that counts as switching", NULL, mo.switch_ratio, &mo.switch_ratio, NULL));
  PetscCall(PetscOptionsReal("-extract_retention_fraction", "failure level between ln R_on (0) and ln R_off (1)", NULL, mo.fail_fraction, &mo.fail_fraction, NULL));
  PetscOptionsEnd();
  PetscCheck(in.n > 0, comm, PETSC_ERR_ARG_WRONG, "memflex extract: no input given; usage: memflex extract <run_dir|timeseries.csv> [more...] -extract_model vteam|stanford|yakopcic -extract_output <dir>");
  PetscCall(MfCompactKindFromName(model_name, &kind));

  PetscCall(PetscCalloc3(in.n, &data, in.n, &met, in.n, &ret));
  for (PetscInt r = 0; r < in.n; r++) PetscCall(MfPostDataRead(in.path[r], &data[r]));
  if (!vr_set && data[0].has_read_voltage) vr = data[0].read_voltage;
  {
    PetscReal sf = mo.switch_ratio, ff = mo.fail_fraction;
    PetscCall(MfMetricsOptionsDefault(vr, &mo));
    mo.switch_ratio  = sf;
    mo.fail_fraction = ff;
  }
  for (PetscInt r = 0; r < in.n; r++) {
    ret[r] = IsRetention(&data[r], vr);
    if (ret[r] || pulse) continue;
    mo.read    = data[r].read;
    mo.forming = data[r].forming;
    PetscCall(MfMetricsCompute(data[r].n, data[r].t, data[r].v, data[r].i, data[r].cycle, &mo, &met[r]));
    mo.read    = NULL;
    mo.forming = PETSC_FALSE;
    nsw++;
  }
  PetscCheck(nsw > 0 || pulse, comm, PETSC_ERR_ARG_WRONG, "none of the %" PetscInt_FMT " inputs contains a switching record (all stay at the read voltage %g V)", in.n, (double)vr);

  if (!rank) PetscCall(OutputDir(outreq, overwrite, out, sizeof(out)));
  PetscCallMPI(MPI_Bcast(out, sizeof(out), MPI_CHAR, 0, comm));

  {
    /* pooled statistics over every cycle of every switching run */
    PetscInt        ncyc = 0, nv = 0, rfit = -1, cnt = 0, nret = 0;
    PetscReal      *Vs, *Vr_, *Ron, *Roff, beta = NAN, eta = NAN, sb = NAN, se = NAN, r2w = NAN, Ron_med, Roff_med, rms_log = NAN, rms_rel = NAN;
    PetscReal      *Tr, *tf;
    MfSummary       sVs, sVr, sRon, sRoff;
    MfArrhenius     arr;
    MfFitResult     fr;
    MfCompactModel  guess;
    FILE           *fp;
    PetscBool       have_fit = PETSC_FALSE, have_arr = PETSC_FALSE, have_pt[2] = {PETSC_FALSE, PETSC_FALSE};
    MfPulseTrainMetrics pt[2];

    for (PetscInt r = 0; r < in.n; r++)
      if (!ret[r] && !pulse) ncyc += met[r].ncycles;
    PetscCall(PetscMalloc4(ncyc + 1, &Vs, ncyc + 1, &Vr_, ncyc + 1, &Ron, ncyc + 1, &Roff));
    PetscCall(PetscMalloc2(in.n, &Tr, in.n, &tf));
    for (PetscInt r = 0; r < in.n; r++) {
      if (ret[r] || pulse) continue;
      for (PetscInt c = 0; c < met[r].ncycles; c++) {
        /* the forming cycle (V_form) and switching at the run's opposite polarity stay out, as in MfMetricsCompute */
        Vs[cnt]   = met[r].c[c].set_found && !(data[r].forming && c == 0) && (met[r].c[c].V_set >= 0) == (met[r].V_set >= 0) ? met[r].c[c].V_set : NAN;
        Vr_[cnt]  = met[r].c[c].reset_found && (met[r].c[c].V_reset >= 0) == (met[r].V_reset >= 0) ? met[r].c[c].V_reset : NAN;
        Ron[cnt]  = met[r].c[c].R_on;
        Roff[cnt] = met[r].c[c].R_off;
        if (isfinite(Vs[cnt])) nv++;
        cnt++;
      }
      if (rfit < 0 && fit_run-- <= 0) rfit = r;
    }
    PetscCall(MfSummaryCompute(cnt, Vs, &sVs));
    PetscCall(MfSummaryCompute(cnt, Vr_, &sVr));
    PetscCall(MfSummaryCompute(cnt, Ron, &sRon));
    PetscCall(MfSummaryCompute(cnt, Roff, &sRoff));
    if (nv >= 3) {
      PetscReal *a;
      PetscInt   m = 0;
      PetscCall(PetscMalloc1(nv, &a));
      for (PetscInt k = 0; k < cnt; k++)
        if (isfinite(Vs[k])) a[m++] = PetscAbsReal(Vs[k]);
      PetscCall(MfWeibullFit(m, a, &beta, &eta, &sb, &se, &r2w));
      PetscCall(PetscFree(a));
    }
    /* retention: failure time of every bake record, with the ensemble's median R_on/R_off as the window */
    /* the fitted (first switching) run's R_on/R_off define the retention failure level */
    Ron_med  = rfit >= 0 ? met[rfit].R_on : NAN;
    Roff_med = rfit >= 0 ? met[rfit].R_off : NAN;
    for (PetscInt r = 0; r < in.n; r++) {
      PetscBool found;
      if (!ret[r] || !isfinite(Ron_med)) continue;
      PetscCheck(data[r].T_amb, comm, PETSC_ERR_ARG_WRONG, "retention record '%s' has no T_ambient_K column; the Arrhenius analysis needs the bake temperature", data[r].source);
      PetscCall(MfRetentionFailureTime(data[r].n, data[r].t, data[r].v, data[r].i, Ron_med, Roff_med, mo.fail_fraction, &tf[nret], &found));
      if (found) Tr[nret++] = data[r].T_amb[0];
    }
    if (nret >= 2) {
      PetscCall(MfArrheniusFit(nret, Tr, tf, tgt, &arr));
      have_arr = PETSC_TRUE;
    }
    if (pulse) {
      PetscInt   nG = 0, kmax = 0;
      PetscReal *G;
      PetscCall(PlateauReads(&data[0], vr, &nG, &G));
      for (PetscInt k = 1; k < nG; k++)
        if (G[k] > G[kmax]) kmax = k;
      if (kmax + 1 >= 3) {
        PetscCall(MfPulseTrainAnalyse(kmax + 1, G, PETSC_FALSE, resolution, &pt[0]));
        have_pt[0] = PETSC_TRUE;
      }
      if (nG - kmax >= 3) {
        PetscCall(MfPulseTrainAnalyse(nG - kmax, G + kmax, PETSC_TRUE, resolution, &pt[1]));
        have_pt[1] = PETSC_TRUE;
      }
      PetscCheck(have_pt[0] || have_pt[1], comm, PETSC_ERR_ARG_WRONG, "pulse train '%s': %" PetscInt_FMT " read plateaus at %g V; need >= 3 before or after the conductance maximum", data[0].source, nG, (double)vr);
      PetscCall(PetscFree(G));
    }
    /* compact-model fit on one switching run */
    if (do_fit && rfit >= 0) {
      MfPostData *d = &data[rfit];
      PetscCall(MfCompactGuess(kind, &met[rfit], d->n, d->t, d->v, d->i, &guess));
      if (d->T_amb && kind == MF_COMPACT_STANFORD) PetscCall(MfCompactSetParam(&guess, "T0", d->T_amb[0]));
      for (PetscInt k = 0; k < npar; k++) {
        char     *eq = strchr(plist[k], '=');
        PetscReal val;
        char     *end;
        PetscCheck(eq, comm, PETSC_ERR_ARG_WRONG, "-extract_param entry '%s' is not name=value", plist[k]);
        *eq = 0;
        val = strtod(eq + 1, &end);
        PetscCheck(end != eq + 1 && !*end, comm, PETSC_ERR_ARG_WRONG, "-extract_param %s: '%s' is not a number (SI units)", plist[k], eq + 1);
        PetscCall(MfCompactSetParam(&guess, plist[k], val));
      }
      for (PetscInt k = 0; k < nfix; k++) {
        PetscInt j;
        PetscCall(MfCompactParamIndex(&guess, flist[k], &j));
        guess.free[j] = PETSC_FALSE;
      }
      for (PetscInt k = 0; k < nfree; k++) {
        PetscInt j;
        PetscCall(MfCompactParamIndex(&guess, ulist[k], &j));
        guess.free[j] = PETSC_TRUE;
      }
      PetscCall(MfCompactFit(&guess, d->n, d->t, d->v, d->i, &fo, &fr));
      PetscCall(MfCompactReplayError(&fr.model, d->n, d->t, d->v, d->i, fo.current_floor, &rms_log, &rms_rel));
      have_fit = PETSC_TRUE;
    }

    if (!rank) {
      const MfCompactParamInfo *info;
      PetscInt                  np;
      /* cycles.csv: endurance (window vs cycle) and per-cycle statistics */
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s/cycles.csv", out));
      PetscCall(MfAtomicOpen(path, &fp));
      fprintf(fp, "run,cycle,R_on_Ohm,R_off_Ohm,window,V_set_V,V_reset_V,t_set_s,t_reset_s,E_set_J,E_reset_J\n");
      for (PetscInt r = 0; r < in.n; r++)
        if (!ret[r] && !pulse)
          for (PetscInt c = 0; c < met[r].ncycles; c++) {
            MfCycleMetrics *cm = &met[r].c[c];
            fprintf(fp, "%d,%d,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g\n", (int)r, (int)cm->cycle, (double)cm->R_on, (double)cm->R_off, (double)cm->ratio, (double)cm->V_set, (double)cm->V_reset, (double)cm->t_set, (double)cm->t_reset, (double)cm->E_set, (double)cm->E_reset);
          }
      PetscCall(MfAtomicClose(path, &fp));
      if (have_fit) {
        MfPostData *d = &data[rfit];
        PetscReal  *im;
        PetscCall(PetscMalloc1(d->n, &im));
        PetscCall(MfCompactReplay(&fr.model, d->n, d->t, d->v, NULL, im));
        PetscCall(PetscSNPrintf(path, sizeof(path), "%s/replay.csv", out));
        PetscCall(MfAtomicOpen(path, &fp));
        fprintf(fp, "# model: %s\n# source: %s\nt_s,V_V,I_data_A,I_fit_A\n", model_name, d->source);
        for (PetscInt k = 0; k < d->n; k++) fprintf(fp, "%.12g,%.12g,%.12g,%.12g\n", (double)d->t[k], (double)d->v[k], (double)d->i[k], (double)im[k]);
        PetscCall(MfAtomicClose(path, &fp));
        PetscCall(PetscFree(im));
        PetscCall(PetscSNPrintf(path, sizeof(path), "%s/memflex_%s.va", out, MfCompactKindName(kind)));
        PetscCall(MfCompactWriteVerilogA(&fr.model, path));
        PetscCall(PetscSNPrintf(path, sizeof(path), "%s/memflex_%s.cir", out, MfCompactKindName(kind)));
        PetscCall(MfCompactWriteSpice(&fr.model, path));
        if (do_plot) {
          char cmd[3 * PETSC_MAX_PATH_LEN + 128];
          PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s/plot_replay.py' '%s/replay.csv' '%s/replay.png' > /dev/null 2>&1", MF_POST_SOURCE_DIR, out, out));
          if (system(cmd) != 0) PetscCall(PetscPrintf(PETSC_COMM_SELF, "memflex extract: warning: replay.png not written (python3 with matplotlib needed: %s)\n", cmd));
        }
      }
      PetscCall(PetscSNPrintf(path, sizeof(path), "%s/parameters.json", out));
      PetscCall(MfAtomicOpen(path, &fp));
      fprintf(fp, "{\n");
      JStr(fp, "  ", "model", model_name, ",");
      fprintf(fp, "  \"source_data\": [");
      for (PetscInt r = 0; r < in.n; r++) fprintf(fp, "%s\"%s\"", r ? ", " : "", data[r].source);
      fprintf(fp, "],\n");
      JReal(fp, "  ", "read_voltage_V", vr, ",");
      if (have_fit) {
        PetscCall(MfCompactGetParamInfo(kind, &info, &np));
        JStr(fp, "  ", "fitted_run", data[rfit].source, ",");
        fprintf(fp, "  \"parameters\": {\n");
        for (PetscInt j = 0; j < np; j++) {
          fprintf(fp, "    \"%s\": {\"value\": %.12g, \"unit\": \"%s\", \"fitted\": %s, ", info[j].name, (double)fr.model.p[j], info[j].unit, fr.model.free[j] ? "true" : "false");
          if (fr.model.free[j] && isfinite(fr.sigma[j])) fprintf(fp, "\"sigma\": %.6g, \"ci95\": [%.10g, %.10g]}%s\n", (double)fr.sigma[j], (double)fr.ci95_lo[j], (double)fr.ci95_hi[j], j + 1 < np ? "," : "");
          else fprintf(fp, "\"sigma\": null, \"ci95\": null}%s\n", j + 1 < np ? "," : "");
        }
        fprintf(fp, "  },\n  \"fit_quality\": {\n");
        fprintf(fp, "    \"npoints\": %d, \"nfree\": %d, \"iterations\": %d, \"function_evaluations\": %d,\n", (int)fr.npoints, (int)fr.nfree, (int)fr.niter, (int)fr.nfev);
        JReal(fp, "    ", "chi2", fr.chi2, ",");
        JReal(fp, "    ", "rms_relative_residual", fr.s_rel, ",");
        JReal(fp, "    ", "jacobian_rcond", fr.cond, ",");
        JStr(fp, "    ", "stop_reason", fr.stop_reason, ",");
        JStr(fp, "    ", "residual", "(I_model - I_data)/max(|I_data|, floor)", "");
        fprintf(fp, "  },\n  \"replay\": {\n");
        JReal(fp, "    ", "rms_log_current_error", rms_log, ",");
        JReal(fp, "    ", "rms_relative_error", rms_rel, ",");
        JStr(fp, "    ", "integrator", "gsl_odeiv2 msbdf, rtol=atol=1e-10 (state scale)", "");
        fprintf(fp, "  },\n");
        fprintf(fp, "  \"model_cards\": {\"verilog_a\": \"memflex_%s.va\", \"spice\": \"memflex_%s.cir\", \"replay_csv\": \"replay.csv\", \"replay_png\": \"replay.png\"},\n", model_name, model_name);
      }
      fprintf(fp, "  \"metrics\": {\n");
      if (rfit >= 0) {
        MfMetrics *m = &met[rfit];
        JReal(fp, "    ", "R_on_Ohm", m->R_on, ",");
        JReal(fp, "    ", "R_off_Ohm", m->R_off, ",");
        JReal(fp, "    ", "on_off_ratio", m->on_off_ratio, ",");
        JReal(fp, "    ", "V_form_V", m->V_form, ",");
        JReal(fp, "    ", "V_set_V", m->V_set, ",");
        JReal(fp, "    ", "V_reset_V", m->V_reset, ",");
        JReal(fp, "    ", "t_set_s", m->t_set, ",");
        JReal(fp, "    ", "t_reset_s", m->t_reset, ",");
        JReal(fp, "    ", "E_set_J", m->E_set, ",");
        JReal(fp, "    ", "E_reset_J", m->E_reset, ",");
      }
      JStr(fp, "    ", "criteria", "R=|V|/|I| at |V|=read voltage; V_set/V_reset at the fastest rise/fall of ln(I/V) changing G by >= switch_ratio; times from stimulus onset to 90% of the ln G change", "");
      fprintf(fp, "  },\n  \"statistics\": {\n");
      fprintf(fp, "    \"cycles\": %d,\n", (int)cnt);
      JReal(fp, "    ", "V_set_mean_V", sVs.mean, ",");
      JReal(fp, "    ", "V_set_std_V", sVs.std, ",");
      JReal(fp, "    ", "V_reset_mean_V", sVr.mean, ",");
      JReal(fp, "    ", "V_reset_std_V", sVr.std, ",");
      JReal(fp, "    ", "R_on_mean_Ohm", sRon.mean, ",");
      JReal(fp, "    ", "R_on_std_Ohm", sRon.std, ",");
      JReal(fp, "    ", "R_off_mean_Ohm", sRoff.mean, ",");
      JReal(fp, "    ", "R_off_std_Ohm", sRoff.std, ",");
      JReal(fp, "    ", "weibull_V_set_shape", beta, ",");
      JReal(fp, "    ", "weibull_V_set_shape_sigma", sb, ",");
      JReal(fp, "    ", "weibull_V_set_scale_V", eta, ",");
      JReal(fp, "    ", "weibull_V_set_scale_sigma_V", se, ",");
      JReal(fp, "    ", "weibull_r2", r2w, "");
      fprintf(fp, "  }");
      if (have_arr) {
        fprintf(fp, ",\n  \"retention\": {\n    \"records\": %d,\n", (int)arr.n);
        JReal(fp, "    ", "Ea_eV", arr.Ea_eV, ",");
        JReal(fp, "    ", "Ea_sigma_eV", arr.sEa_eV, ",");
        JReal(fp, "    ", "tau0_s", arr.tau0_s, ",");
        JReal(fp, "    ", "target_time_s", arr.t_target_s, ",");
        JReal(fp, "    ", "T_at_target_K", arr.T_target_K, ",");
        JReal(fp, "    ", "T_at_target_sigma_K", arr.sT_target_K, ",");
        JReal(fp, "    ", "r2", arr.r2, "");
        fprintf(fp, "  }");
      }
      for (int s = 0; s < 2; s++) {
        if (!have_pt[s]) continue;
        fprintf(fp, ",\n  \"%s\": {\n", s ? "pulse_train_ltd" : "pulse_train_ltp");
        JReal(fp, "    ", "A_over_Pmax", pt[s].A_norm, ",");
        JReal(fp, "    ", "nonlinearity_maxdev", pt[s].nl_maxdev, ",");
        JReal(fp, "    ", "G_min_S", pt[s].G_min, ",");
        JReal(fp, "    ", "G_max_S", pt[s].G_max, ",");
        JReal(fp, "    ", "dynamic_range", pt[s].dynamic_range, ",");
        fprintf(fp, "    \"distinguishable_states\": %d\n  }", (int)pt[s].n_states);
      }
      if (have_pt[0] && have_pt[1]) JReal(fp, ",\n  ", "ltp_ltd_asymmetry", PetscAbsReal(1.0 / pt[0].A_norm - 1.0 / pt[1].A_norm), "");
      fprintf(fp, "\n}\n");
      PetscCall(MfAtomicClose(path, &fp));
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "memflex extract: %" PetscInt_FMT " input(s), results in %s\n", in.n, out));
    }
    PetscCall(PetscFree4(Vs, Vr_, Ron, Roff));
    PetscCall(PetscFree2(Tr, tf));
  }
  for (PetscInt r = 0; r < in.n; r++) {
    if (!ret[r] && !pulse) PetscCall(MfMetricsDestroy(&met[r]));
    PetscCall(MfPostDataDestroy(&data[r]));
    PetscCall(PetscFree(in.path[r]));
  }
  for (PetscInt k = 0; k < npar; k++) PetscCall(PetscFree(plist[k]));
  for (PetscInt k = 0; k < nfix; k++) PetscCall(PetscFree(flist[k]));
  for (PetscInt k = 0; k < nfree; k++) PetscCall(PetscFree(ulist[k]));
  PetscCall(PetscFree3(data, met, ret));
  PetscCall(PetscFree(in.path));
  PetscFunctionReturn(0);
}
