/* The sweep's result table: results.csv and results.json, one row per point sorted by index. */
#include "sweep_impl.h"
#include <errno.h>
#include <math.h>
#include <string.h>

/* RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
static void CsvField(FILE *fp, const char *s)
{
  if (!strpbrk(s, ",\"\n\r")) {
    fputs(s, fp);
    return;
  }
  fputc('"', fp);
  for (const char *c = s; *c; c++) {
    if (*c == '"') fputc('"', fp);
    fputc(*c == '\n' || *c == '\r' ? ' ' : *c, fp);
  }
  fputc('"', fp);
}

PetscErrorCode MfSweepTableWrite(const MfStudy *s, const char *outdir, PetscInt *nok, PetscInt *nfailed, PetscInt *nmissing)
{
  MfSweepResult *res;
  PetscBool     *have;
  char         (*names)[MF_SWEEP_NAME_LEN];
  PetscInt       nnames = 0, cap = 4 * MF_SWEEP_MAX_METRICS;
  char           path[PETSC_MAX_PATH_LEN], dir[PETSC_MAX_PATH_LEN], why[512];
  FILE          *fp;

  PetscFunctionBeginUser;
  *nok = *nfailed = *nmissing = 0;
  PetscCall(PetscMalloc1(s->npoints, &res));
  PetscCall(PetscMalloc1(s->npoints, &have));
  PetscCall(PetscMalloc1(cap, &names));
  for (PetscInt p = 0; p < s->npoints; p++) {
    PetscCall(MfSweepPointDir(outdir, p, dir, sizeof(dir)));
    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/result.json", dir));
    PetscCall(MfSweepResultRead(s, p, path, &res[p], &have[p], why, sizeof(why)));
    if (!have[p]) {
      (*nmissing)++;
      continue;
    }
    if (res[p].failed) (*nfailed)++;
    else (*nok)++;
    /* metric columns: union over points, in order of first appearance by point index (deterministic) */
    for (PetscInt i = 0; i < res[p].m.n; i++) {
      PetscInt j;
      for (j = 0; j < nnames; j++)
        if (!strcmp(names[j], res[p].m.name[i])) break;
      if (j < nnames) continue;
      if (nnames == cap) {
        char(*more)[MF_SWEEP_NAME_LEN];
        PetscCall(PetscMalloc1(2 * cap, &more));
        PetscCall(PetscArraycpy(more, names, nnames));
        PetscCall(PetscFree(names));
        names = more;
        cap *= 2;
      }
      PetscCall(PetscStrcpy(names[nnames++], res[p].m.name[i]));
    }
  }

  /* CSV: index, status, parameters, metrics, error, wall_time_s (last: the only column that depends on the
   * machine, so tables from different rank counts compare equal without it) */
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/results.csv", outdir));
  PetscCall(MfAtomicOpen(path, &fp));
  fputs("index,status", fp);
  for (PetscInt k = 0; k < s->nkeys; k++) fprintf(fp, ",%s", s->keys[k]);
  for (PetscInt j = 0; j < nnames; j++) fprintf(fp, ",%s", names[j]);
  fputs(",error,wall_time_s\n", fp);
  for (PetscInt p = 0; p < s->npoints; p++) {
    fprintf(fp, "%" PetscInt_FMT ",%s", p, !have[p] ? "missing" : res[p].failed ? "failed" : "ok");
    for (PetscInt k = 0; k < s->nkeys; k++) {
      fputc(',', fp);
      CsvField(fp, MfStudyValue(s, p, k));
    }
    for (PetscInt j = 0; j < nnames; j++) {
      PetscReal v = NAN;
      PetscBool found = PETSC_FALSE;
      if (have[p]) PetscCall(MfSweepMetricsGet(&res[p].m, names[j], &v, &found));
      fputc(',', fp);
      if (found && isfinite(v)) fprintf(fp, "%.12g", (double)v); /* 12 digits: lossless enough for a table */
    }
    fputc(',', fp);
    CsvField(fp, have[p] && res[p].failed ? res[p].m.error : "");
    fputc(',', fp);
    if (have[p] && isfinite(res[p].wall_s)) fprintf(fp, "%.3f", (double)res[p].wall_s);
    fputc('\n', fp);
  }
  PetscCall(MfAtomicClose(path, &fp));

  /* JSON: the same rows with full precision */
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s/results.json", outdir));
  PetscCall(MfAtomicOpen(path, &fp));
  fputs("{\n  \"study\": ", fp);
  MfJsonPutString(fp, s->path);
  fputs(",\n  \"name\": ", fp);
  MfJsonPutString(fp, s->name);
  fprintf(fp, ",\n  \"mode\": \"%s\",\n  \"deck\": ", MfStudyModeName(s->mode));
  MfJsonPutString(fp, s->deck);
  fprintf(fp, ",\n  \"npoints\": %" PetscInt_FMT ", \"ok\": %" PetscInt_FMT ", \"failed\": %" PetscInt_FMT ", \"missing\": %" PetscInt_FMT ",\n  \"points\": [", s->npoints, *nok, *nfailed, *nmissing);
  for (PetscInt p = 0; p < s->npoints; p++) {
    fprintf(fp, "%s\n    {\"index\": %" PetscInt_FMT ", \"status\": \"%s\", \"parameters\": {", p ? "," : "", p, !have[p] ? "missing" : res[p].failed ? "failed" : "ok");
    for (PetscInt k = 0; k < s->nkeys; k++) {
      fputs(k ? ", " : "", fp);
      MfJsonPutString(fp, s->keys[k]);
      fputs(": ", fp);
      MfJsonPutString(fp, MfStudyValue(s, p, k));
    }
    fputs("}, \"metrics\": {", fp);
    for (PetscInt i = 0; have[p] && i < res[p].m.n; i++) {
      fputs(i ? ", " : "", fp);
      MfJsonPutString(fp, res[p].m.name[i]);
      fputs(": ", fp);
      MfJsonPutReal(fp, res[p].m.value[i], 17);
    }
    fputs("}, \"error\": ", fp);
    MfJsonPutString(fp, have[p] && res[p].failed ? res[p].m.error : "");
    fputs(", \"wall_time_s\": ", fp);
    MfJsonPutReal(fp, have[p] ? res[p].wall_s : NAN, 17);
    fputs("}", fp);
  }
  fputs("\n  ]\n}\n", fp);
  PetscCall(MfAtomicClose(path, &fp));
  PetscCall(PetscFree(names));
  PetscCall(PetscFree(have));
  PetscCall(PetscFree(res));
  PetscFunctionReturn(0);
}
