/* Minimal streaming JSON writer (RFC 8259: strings escaped, no NaN/Inf -> null). */
#include "mf_io.h"
#include <math.h>

static void Sep(MfJson *j)
{
  if (j->need_comma[j->depth]) fputc(',', j->fp);
  fputc('\n', j->fp);
  for (int i = 0; i < j->depth; i++) fputs("  ", j->fp);
  j->need_comma[j->depth] = 1;
}

void MfJsonPutString(FILE *fp, const char *s)
{
  fputc('"', fp);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(fp, "\\%c", c);
    else if (c == '\n') fputs("\\n", fp);
    else if (c == '\t') fputs("\\t", fp);
    else if (c < 0x20) fprintf(fp, "\\u%04x", c);
    else fputc(c, fp);
  }
  fputc('"', fp);
}

void MfJsonPutReal(FILE *fp, PetscReal v, int digits)
{
  if (isfinite(v)) fprintf(fp, "%.*g", digits, (double)v);
  else fputs("null", fp);
}

static void Key(MfJson *j, const char *key)
{
  Sep(j);
  if (key) { MfJsonPutString(j->fp, key); fputs(": ", j->fp); }
}

static PetscErrorCode Push(MfJson *j, const char *key, char open)
{
  PetscFunctionBeginUser;
  PetscCheck(j->depth + 1 < (int)(sizeof(j->need_comma) / sizeof(j->need_comma[0])), PETSC_COMM_SELF, PETSC_ERR_PLIB, "JSON nesting too deep");
  Key(j, key);
  fputc(open, j->fp);
  j->depth++;
  j->need_comma[j->depth] = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode Pop(MfJson *j, char close)
{
  PetscFunctionBeginUser;
  PetscCheck(j->depth > 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "unbalanced JSON");
  j->depth--;
  fputc('\n', j->fp);
  for (int i = 0; i < j->depth; i++) fputs("  ", j->fp);
  fputc(close, j->fp);
  PetscFunctionReturn(0);
}

PetscErrorCode MfJsonBegin(MfJson *j, FILE *fp)
{
  PetscFunctionBeginUser;
  j->fp = fp;
  j->depth = 0;
  j->need_comma[0] = 0;
  fputc('{', fp);
  j->depth = 1;
  j->need_comma[1] = 0;
  PetscFunctionReturn(0);
}
PetscErrorCode MfJsonObjectBegin(MfJson *j, const char *key) { return Push(j, key, '{'); }
PetscErrorCode MfJsonObjectEnd(MfJson *j) { return Pop(j, '}'); }
PetscErrorCode MfJsonArrayBegin(MfJson *j, const char *key) { return Push(j, key, '['); }
PetscErrorCode MfJsonArrayEnd(MfJson *j) { return Pop(j, ']'); }
PetscErrorCode MfJsonReal(MfJson *j, const char *key, PetscReal v)
{
  Key(j, key);
  MfJsonPutReal(j->fp, v, 12);
  return 0;
}
PetscErrorCode MfJsonInt(MfJson *j, const char *key, PetscInt v)
{
  Key(j, key);
  fprintf(j->fp, "%" PetscInt_FMT, v);
  return 0;
}
PetscErrorCode MfJsonString(MfJson *j, const char *key, const char *v)
{
  Key(j, key);
  MfJsonPutString(j->fp, v);
  return 0;
}
PetscErrorCode MfJsonBool(MfJson *j, const char *key, PetscBool v)
{
  Key(j, key);
  fputs(v ? "true" : "false", j->fp);
  return 0;
}
PetscErrorCode MfJsonEnd(MfJson *j)
{
  PetscFunctionBeginUser;
  PetscCall(Pop(j, '}'));
  PetscCheck(j->depth == 0, PETSC_COMM_SELF, PETSC_ERR_PLIB, "unbalanced JSON");
  fputc('\n', j->fp);
  PetscFunctionReturn(0);
}
