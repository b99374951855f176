/* Reading and validating the time series every memflex run writes (timeseries.csv). */
#include "mf_post.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_COLS 64

static char *Trim(char *s)
{
  char *e;
  while (*s && isspace((unsigned char)*s)) s++;
  e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
  return s;
}

/* Split a CSV line in place at commas (no quoting: memflex never writes quoted fields). */
static int Split(char *line, char *fields[], int maxf)
{
  int   nf = 0;
  char *s  = line;
  for (;;) {
    char *c = strchr(s, ',');
    if (nf < maxf) fields[nf] = Trim(s);
    nf++;
    if (!c) break;
    *c = 0;
    s  = c + 1;
  }
  return nf;
}

PetscErrorCode MfPostDataCheckArrays(const char *what, PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[])
{
  PetscFunctionBeginUser;
  PetscCheck(n >= 3, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "%s: %" PetscInt_FMT " samples, at least 3 are needed (the data set is empty or truncated)", what, n);
  for (PetscInt k = 0; k < n; k++) {
    PetscCheck(isfinite(t[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "%s: time t_s at sample %" PetscInt_FMT " is not finite (%g)", what, k, (double)t[k]);
    PetscCheck(isfinite(v[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "%s: voltage at sample %" PetscInt_FMT " is not finite (%g)", what, k, (double)v[k]);
    PetscCheck(!i || isfinite(i[k]), PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "%s: current I_A at sample %" PetscInt_FMT " is not finite (%g)", what, k, i ? (double)i[k] : 0.0);
    PetscCheck(k == 0 || t[k] > t[k - 1], PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "%s: time is not increasing at sample %" PetscInt_FMT " (t = %g s after %g s); time must strictly increase", what, k, (double)t[k], (double)t[k - 1]);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode MfPostDataFromArrays(PetscInt n, const PetscReal t[], const PetscReal v[], const PetscReal i[], MfPostData *d)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(d, sizeof(*d)));
  PetscCall(MfPostDataCheckArrays("arrays", n, t, v, i));
  d->n = n;
  PetscCall(PetscMalloc4(n, &d->t, n, &d->v, n, &d->vsrc, n, &d->i));
  PetscCall(PetscArraycpy(d->t, t, n));
  PetscCall(PetscArraycpy(d->v, v, n));
  PetscCall(PetscArraycpy(d->vsrc, v, n));
  PetscCall(PetscArraycpy(d->i, i, n));
  PetscCall(PetscStrncpy(d->source, "(arrays)", sizeof(d->source)));
  PetscFunctionReturn(0);
}

PetscErrorCode MfPostDataDestroy(MfPostData *d)
{
  PetscFunctionBeginUser;
  PetscCall(PetscFree4(d->t, d->v, d->vsrc, d->i));
  PetscCall(PetscFree(d->T_amb));
  PetscCall(PetscFree(d->cycle));
  PetscCall(PetscFree(d->read));
  PetscCall(PetscMemzero(d, sizeof(*d)));
  PetscFunctionReturn(0);
}

/* Parse one field; on failure write a message naming file, line and column and return 0. */
static int ParseReal(const char *file, long line, const char *col, const char *text, PetscReal *x, char *msg, size_t len)
{
  char *end;

  *x = strtod(text, &end);
  if (end == text || *end) {
    snprintf(msg, len, "file '%s' line %ld column '%s': '%s' is not a number", file, line, col, text);
    return 0;
  }
  if (!isfinite(*x)) {
    snprintf(msg, len, "file '%s' line %ld column '%s': value '%s' is not finite (NaN/Inf in the time series)", file, line, col, text);
    return 0;
  }
  return 1;
}

static PetscErrorCode Grow(PetscInt n, PetscInt na, PetscReal **a)
{
  PetscReal *b;

  PetscFunctionBeginUser;
  PetscCall(PetscMalloc1(na, &b));
  if (n) PetscCall(PetscArraycpy(b, *a, n));
  PetscCall(PetscFree(*a));
  *a = b;
  PetscFunctionReturn(0);
}

PetscErrorCode MfPostDataRead(const char *path_in, MfPostData *d)
{
  char        path[PETSC_MAX_PATH_LEN], msg[2 * PETSC_MAX_PATH_LEN] = "";
  struct stat st;
  FILE       *fp;
  char       *line = NULL, *fields[MAX_COLS];
  size_t      cap  = 0;
  long        lineno = 0;
  int         ncol = 0, c_t = -1, c_v = -1, c_vd = -1, c_i = -1, c_T = -1, c_cy = -1, c_rd = -1;
  PetscInt    n = 0, alloc = 0;
  PetscBool   header = PETSC_FALSE;
  PetscReal  *col[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL}; /* t, V_V, I_A, Vdev_V, T_ambient_K, cycle, read */

  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(d, sizeof(*d)));
  PetscCheck(stat(path_in, &st) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot read '%s': %s (expected a run folder or a timeseries.csv)", path_in, strerror(errno));
  if (S_ISDIR(st.st_mode)) PetscCall(PetscSNPrintf(path, sizeof(path), "%s/timeseries.csv", path_in));
  else PetscCall(PetscStrncpy(path, path_in, sizeof(path)));
  PetscCall(PetscStrncpy(d->source, path, sizeof(d->source)));
  fp = fopen(path, "r");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "cannot open time series '%s': %s", path, strerror(errno));
  while (!msg[0] && getline(&line, &cap, fp) != -1) {
    char *s = Trim(line);
    int   nf, ok;
    lineno++;
    if (!*s) continue;
    if (*s == '#') {
      char *key = Trim(s + 1), *colon = strchr(key, ':');
      if (colon && !strncmp(key, "read_voltage_V", 14)) {
        char *end;
        d->read_voltage     = strtod(colon + 1, &end);
        d->has_read_voltage = (end != colon + 1 && isfinite(d->read_voltage) && d->read_voltage > 0) ? PETSC_TRUE : PETSC_FALSE;
      } else if (colon && !strncmp(key, "forming_cycle", 13)) d->forming = PETSC_TRUE;
      continue;
    }
    nf = Split(s, fields, MAX_COLS);
    if (!header) {
      if (nf > MAX_COLS) {
        snprintf(msg, sizeof(msg), "file '%s': header has %d columns, at most %d are supported", path, nf, MAX_COLS);
        break;
      }
      ncol = nf;
      for (int c = 0; c < nf; c++) {
        if (!strcmp(fields[c], "t_s")) c_t = c;
        else if (!strcmp(fields[c], "V_V")) c_v = c;
        else if (!strcmp(fields[c], "Vdev_V")) c_vd = c;
        else if (!strcmp(fields[c], "I_A")) c_i = c;
        else if (!strcmp(fields[c], "T_ambient_K")) c_T = c;
        else if (!strcmp(fields[c], "cycle")) c_cy = c;
        else if (!strcmp(fields[c], "read")) c_rd = c;
      }
      if (c_t < 0 || c_v < 0 || c_i < 0)
        snprintf(msg, sizeof(msg), "file '%s' line %ld: header lacks required column%s%s%s (need t_s, V_V, I_A; optional Vdev_V, cycle, read, T_ambient_K, ...)", path, lineno, c_t < 0 ? " t_s" : "", c_v < 0 ? " V_V" : "", c_i < 0 ? " I_A" : "");
      header = PETSC_TRUE;
      continue;
    }
    if (nf != ncol) {
      snprintf(msg, sizeof(msg), "file '%s' line %ld: %d fields, the header has %d", path, lineno, nf, ncol);
      break;
    }
    if (n == alloc) {
      PetscInt na = alloc ? 2 * alloc : 1024;
      for (int c = 0; c < 7; c++) PetscCall(Grow(n, na, &col[c]));
      alloc = na;
    }
    ok = ParseReal(path, lineno, "t_s", fields[c_t], &col[0][n], msg, sizeof(msg));
    ok = ok && ParseReal(path, lineno, "V_V", fields[c_v], &col[1][n], msg, sizeof(msg));
    ok = ok && ParseReal(path, lineno, "I_A", fields[c_i], &col[2][n], msg, sizeof(msg));
    ok = ok && (c_vd < 0 || ParseReal(path, lineno, "Vdev_V", fields[c_vd], &col[3][n], msg, sizeof(msg)));
    ok = ok && (c_T < 0 || ParseReal(path, lineno, "T_ambient_K", fields[c_T], &col[4][n], msg, sizeof(msg)));
    ok = ok && (c_cy < 0 || ParseReal(path, lineno, "cycle", fields[c_cy], &col[5][n], msg, sizeof(msg)));
    if (ok && c_cy >= 0 && col[5][n] != PetscFloorReal(col[5][n])) {
      snprintf(msg, sizeof(msg), "file '%s' line %ld column 'cycle': %g is not an integer", path, lineno, (double)col[5][n]);
      ok = 0;
    }
    ok = ok && (c_rd < 0 || ParseReal(path, lineno, "read", fields[c_rd], &col[6][n], msg, sizeof(msg)));
    if (ok && c_rd >= 0 && col[6][n] != 0 && col[6][n] != 1) {
      snprintf(msg, sizeof(msg), "file '%s' line %ld column 'read': %g is not 0 or 1", path, lineno, (double)col[6][n]);
      ok = 0;
    }
    if (ok && n > 0 && !(col[0][n] > col[0][n - 1]))
      snprintf(msg, sizeof(msg), "file '%s' line %ld: time t_s = %g s does not increase (previous row %g s); the time column must strictly increase", path, lineno, (double)col[0][n], (double)col[0][n - 1]);
    n++;
  }
  fclose(fp);
  free(line);
  if (!msg[0] && !header) snprintf(msg, sizeof(msg), "file '%s' is empty (no header line with t_s, V_V, I_A)", path);
  if (!msg[0] && n < 3) snprintf(msg, sizeof(msg), "file '%s' has %" PetscInt_FMT " data rows; at least 3 are needed", path, n);
  if (!msg[0]) {
    d->n = n;
    PetscCall(PetscMalloc4(n, &d->t, n, &d->v, n, &d->vsrc, n, &d->i));
    PetscCall(PetscArraycpy(d->t, col[0], n));
    PetscCall(PetscArraycpy(d->vsrc, col[1], n));
    PetscCall(PetscArraycpy(d->i, col[2], n));
    PetscCall(PetscArraycpy(d->v, c_vd >= 0 ? col[3] : col[1], n));
    if (c_T >= 0) {
      PetscCall(PetscMalloc1(n, &d->T_amb));
      PetscCall(PetscArraycpy(d->T_amb, col[4], n));
    }
    if (c_cy >= 0) {
      PetscCall(PetscMalloc1(n, &d->cycle));
      for (PetscInt k = 0; k < n; k++) d->cycle[k] = (PetscInt)col[5][k];
    }
    if (c_rd >= 0) {
      PetscBool any = PETSC_FALSE;
      for (PetscInt k = 0; k < n; k++) any = (PetscBool)(any || col[6][k] != 0);
      if (any) { /* a column of zeros (a protocol without read pulses) is no mask */
        PetscCall(PetscMalloc1(n, &d->read));
        for (PetscInt k = 0; k < n; k++) d->read[k] = (PetscBool)(col[6][k] != 0);
      }
    }
  }
  for (int c = 0; c < 7; c++) PetscCall(PetscFree(col[c]));
  PetscCheck(!msg[0], PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s", msg);
  PetscFunctionReturn(0);
}
