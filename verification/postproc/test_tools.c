/* Model cards in the tools circuit designers use: admsXml must parse the Verilog-A card, ngspice must run
 * the subcircuit in batch mode, and the ngspice current must match the GSL replay of the same model under
 * the same protocol. Exit code 77 (CTest SKIP_RETURN_CODE) only when a tool is not installed. */
#include "mf_post.h"
#include "post_synth.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static PetscErrorCode RunModel(MfCompactKind k, PetscInt *nfail)
{
  MfCompactModel m;
  PetscInt       n, *cyc, ns = 0;
  PetscReal     *t, *v, *i, amps[2], *ts, *is, num = 0, den = 0, imax = 0;
  char           va[64], cir[64], tb[64], out[64], cmd[512], line[256];
  FILE          *fp;
  int            rc;

  PetscFunctionBeginUser;
  PetscCall(MfCompactModelInit(k, &m));
  if (k == MF_COMPACT_VTEAM) { /* the gradual-switching set of the fit tests */
    PetscCall(MfCompactSetParam(&m, "k_on", -1e-8));
    PetscCall(MfCompactSetParam(&m, "k_off", 5e-9));
    PetscCall(MfCompactSetParam(&m, "alpha_on", 3));
    PetscCall(MfCompactSetParam(&m, "alpha_off", 2));
    PetscCall(MfCompactSetParam(&m, "v_on", -0.5));
    PetscCall(MfCompactSetParam(&m, "v_off", 0.4));
    PetscCall(MfCompactSetParam(&m, "R_on", 1e3));
    PetscCall(MfCompactSetParam(&m, "R_off", 1e5));
    amps[0] = 1.0; amps[1] = 1.2;
  } else if (k == MF_COMPACT_STANFORD) { /* at 2 V the set runs away (rates ~e^60) faster than
                                           ngspice's minimum time step */
    amps[0] = 1.6; amps[1] = 1.8;
  } else {
    amps[0] = 1.0; amps[1] = 1.4;
  }
  PetscCall(SynthSweeps(2, amps, 4.0, 200, &n, &t, &v, &cyc));
  PetscCall(PetscMalloc1(n, &i));
  PetscCall(MfCompactReplay(&m, n, t, v, NULL, i));
  PetscCall(PetscSNPrintf(va, sizeof(va), "post_tools_%s.va", MfCompactKindName(k)));
  PetscCall(PetscSNPrintf(cir, sizeof(cir), "post_tools_%s.cir", MfCompactKindName(k)));
  PetscCall(PetscSNPrintf(tb, sizeof(tb), "post_tools_%s_tb.cir", MfCompactKindName(k)));
  PetscCall(PetscSNPrintf(out, sizeof(out), "post_tools_%s.dat", MfCompactKindName(k)));
  PetscCall(MfCompactWriteVerilogA(&m, va));
  PetscCall(MfCompactWriteSpice(&m, cir));
  PetscCall(MfCompactWriteSpiceTestbench(&m, cir, n, t, v, out, tb));
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "admsXml %s > post_tools_adms.log 2>&1", va));
  rc = system(cmd);
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "%-9s admsXml %s: exit %d %s\n", MfCompactKindName(k), va, rc, rc ? "FAIL" : "ok"));
  if (rc) (*nfail)++;
  remove(out);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "ngspice -b %s > post_tools_ngspice_%s.log 2>&1", tb, MfCompactKindName(k)));
  rc = system(cmd);
  fp = fopen(out, "r");
  if (rc || !fp) {
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "%-9s ngspice -b %s: exit %d, output %s FAIL (see post_tools_ngspice_%s.log)\n", MfCompactKindName(k), tb, rc, fp ? "present" : "missing", MfCompactKindName(k)));
    (*nfail)++;
    if (fp) fclose(fp);
  } else {
    PetscInt cap = 1 << 16;
    PetscCall(PetscMalloc2(cap, &ts, cap, &is));
    while (fgets(line, sizeof(line), fp) && ns < cap) {
      double a, b;
      if (sscanf(line, "%lf %lf", &a, &b) == 2) {
        ts[ns]   = a;
        is[ns++] = b;
      }
    }
    fclose(fp);
    /* compare at the data samples (linear interpolation in the SPICE output): relative L2 error */
    for (PetscInt q = 0, j = 0; q < n; q++) {
      PetscReal tq = t[q] - t[0], isp;
      while (j + 1 < ns && ts[j + 1] < tq) j++;
      if (j + 1 >= ns) break;
      isp = is[j] + (is[j + 1] - is[j]) * (tq - ts[j]) / (ts[j + 1] - ts[j]);
      num += (isp - i[q]) * (isp - i[q]);
      den += i[q] * i[q];
      imax = PetscMax(imax, PetscAbsReal(i[q]));
    }
    {
      PetscReal err = PetscSqrtReal(num / den);
      /* two independent integrators (ngspice gear-2 with reltol 1e-5 vs GSL BDF 1e-10) and linear
       * interpolation of a switching transient: 2 % in the L2 norm of the current */
      PetscBool ok = ns > 10 && ts[ns - 1] >= 0.999 * (t[n - 1] - t[0]) && err < 0.02 ? PETSC_TRUE : PETSC_FALSE; /* and SPICE reached the end */
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "%-9s ngspice vs GSL replay: %" PetscInt_FMT " SPICE points up to t = %g s, relative L2 current error %.3e (tol 2e-2) %s\n", MfCompactKindName(k), ns, (double)ts[ns - 1], (double)err, ok ? "ok" : "FAIL"));
      if (!ok) (*nfail)++;
    }
    PetscCall(PetscFree2(ts, is));
  }
  PetscCall(PetscFree3(t, v, cyc));
  PetscCall(PetscFree(i));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt nfail = 0;

  if (system("command -v admsXml > /dev/null 2>&1") || system("command -v ngspice > /dev/null 2>&1")) {
    printf("admsXml or ngspice not installed: skipping (Debian packages adms, ngspice)\n");
    return 77;
  }
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  for (int k = 0; k < MF_COMPACT_NKINDS; k++) PetscCall(RunModel((MfCompactKind)k, &nfail));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "tools: %" PetscInt_FMT " failure(s)\n", nfail));
  PetscCall(PetscFinalize());
  return nfail ? 1 : 0;
}
