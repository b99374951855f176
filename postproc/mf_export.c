/* Model cards of a fitted compact model: Verilog-A (.va), ngspice subcircuit (.cir), ngspice test bench.
 * The equations are those of mf_compact.c, written out once per language; the tests run admsXml on the
 * card and ngspice on the subcircuit and compare the SPICE current with the GSL replay. */
#include "mf_post.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- Verilog-A */
static const char *va_body[MF_COMPACT_NKINDS] = {
  /* VTEAM */
  "  real u, w, x, rate, r;\n"
  "  analog begin\n"
  "    u = polarity * V(p, n);\n"
  "    w = min(max(V(s), -0.5), 1.5) * D; // clamp only guards Newton overshoot\n"
  "    // VTEAM (Kvatinsky 2015) with the Kvatinsky windows at w = 0 and w = D\n"
  "    if (u > v_off)\n"
  "      rate = k_off * pow(u / v_off - 1.0, alpha_off) * exp(-exp((w - D) / w_c));\n"
  "    else if (u < v_on)\n"
  "      rate = k_on * pow(u / v_on - 1.0, alpha_on) * exp(-exp(-w / w_c));\n"
  "    else\n"
  "      rate = 0.0;\n"
  "    // state node s = w/D: C = 1 F, so the node equation is d s/dt = rate/D\n"
  "    I(s) <+ ddt(V(s)) + 1e-15 * V(s) - rate / D;\n"
  "    x = min(max(w / D, 0.0), 1.0);\n"
  "    r = R_on + (R_off - R_on) * x;\n"
  "    I(p, n) <+ V(p, n) / r;\n"
  "  end\n",
  /* Stanford/ASU */
  "  real u, g, cur, tk, kt, gam, arg, rate;\n"
  "  analog begin\n"
  "    u = polarity * V(p, n);\n"
  "    g = min(max(V(s), 0.0), 2.0 * g_max / g1) * g1; // clamp only guards Newton overshoot\n"
  "    cur = I0 * exp(-g / g0) * sinh(u / V0);\n"
  "    tk = T0 + abs(u * cur) * Rth;\n"
  "    kt = 8.617333262e-5 * tk; // k_B T in eV\n"
  "    gam = gamma0 - beta * pow(g / g1, 3.0);\n"
  "    arg = gam * a0 * u / (L * kt);\n"
  "    rate = -Vel0 * (exp(-Eag / kt + arg) - exp(-Ear / kt - arg));\n"
  "    if (rate < 0.0)\n"
  "      rate = rate * exp(-exp(-(g - g_min) / g_w));\n"
  "    else\n"
  "      rate = rate * exp(-exp((g - g_max) / g_w));\n"
  "    I(s) <+ ddt(V(s)) + 1e-15 * V(s) - rate / g1;\n"
  "    I(p, n) <+ polarity * cur;\n"
  "  end\n",
  /* Yakopcic */
  "  real u, x, gv, f, rate, cur;\n"
  "  analog begin\n"
  "    u = polarity * V(p, n);\n"
  "    x = min(max(V(s), -0.5), 1.5); // clamp only guards Newton overshoot\n"
  "    if (u > Vp)\n"
  "      gv = Ap * (exp(u) - exp(Vp));\n"
  "    else if (u < -Vn)\n"
  "      gv = -An * (exp(-u) - exp(Vn));\n"
  "    else\n"
  "      gv = 0.0;\n"
  "    f = 1.0;\n"
  "    if (eta * gv > 0.0) begin\n"
  "      if (x >= xp)\n"
  "        f = exp(-alpha_p * (x - xp)) * ((xp - x) / (1.0 - xp) + 1.0);\n"
  "    end else begin\n"
  "      if (x <= 1.0 - xn)\n"
  "        f = exp(alpha_n * (x + xn - 1.0)) * x / (1.0 - xn);\n"
  "    end\n"
  "    rate = eta * gv * f;\n"
  "    I(s) <+ ddt(V(s)) + 1e-15 * V(s) - rate;\n"
  "    if (u >= 0.0)\n"
  "      cur = a1 * x * sinh(b * u);\n"
  "    else\n"
  "      cur = a2 * x * sinh(b * u);\n"
  "    I(p, n) <+ polarity * cur;\n"
  "  end\n",
};

PetscErrorCode MfCompactWriteVerilogA(const MfCompactModel *m, const char *path)
{
  const MfCompactParamInfo *info;
  PetscInt                  np;
  FILE                     *fp;
  const char               *name = MfCompactKindName(m->kind);

  PetscFunctionBeginUser;
  PetscCall(MfCompactGetParamInfo(m->kind, &info, &np));
  PetscCall(MfAtomicOpen(path, &fp));
  fprintf(fp, "// memflex_%s: %s compact memristor model with parameters fitted by `memflex extract`.\n", name, name);
  fprintf(fp, "// Terminals p (top), n (bottom). Internal node s carries the normalised state (state / %g).\n", (double)MfCompactStateScale(m));
  fprintf(fp, "// Equations: docs/postproc.md; initial state: set the node s with an initial condition\n// (e.g. ic for V(s) = %.10g) or let the DC operating point choose it.\n", (double)(MfCompactInitialState(m) / MfCompactStateScale(m)));
  fprintf(fp, "`include \"disciplines.vams\"\n`include \"constants.vams\"\n\n");
  fprintf(fp, "module memflex_%s(p, n);\n  inout p, n;\n  electrical p, n;\n  electrical s;\n", name);
  for (PetscInt j = 0; j < np; j++) fprintf(fp, "  parameter real %s = %.12g; // [%s] %s\n", info[j].name, (double)m->p[j], info[j].unit[0] ? info[j].unit : "-", info[j].help);
  fputs(va_body[m->kind], fp);
  fprintf(fp, "endmodule\n");
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

/* ---------------------------------------------------------------- ngspice subcircuit */
/* ngspice parameter names are case-insensitive: every model's names are unique ignoring case (hence
 * Stanford's Vel0, not v0 next to V0). The state is the voltage of node s across a 1 F capacitor fed by a behavioural current equal to the
 * state rate (normalised); a 1e15 Ohm resistor gives the node a DC path without changing the dynamics
 * (leak time constant 1e15 s). max(.,0) guards keep pow() real in branches ngspice evaluates eagerly.
 * Node q is the state clamped to a range the windows never let it reach (so the model is unchanged) but
 * which keeps exp() and pow() finite when a Newton iterate of an abrupt switch overshoots. */
static const char *sp_body[MF_COMPACT_NKINDS] = {
  /* VTEAM */
  "Bq q 0 V = min(max(V(s),-0.5),1.5)\n"
  "Bu u 0 V = {polarity}*V(p,n)\n"
  "Bs 0 s I = ( V(u) > {v_off} ? {k_off}*pow(max(V(u)/{v_off}-1,0),{alpha_off})*exp(-exp((V(q)*{D}-{D})/{w_c}))"
  " : ( V(u) < {v_on} ? {k_on}*pow(max(V(u)/{v_on}-1,0),{alpha_on})*exp(-exp(-V(q)*{D}/{w_c})) : 0 ) ) / {D}\n"
  "Bi p n I = V(p,n) / ({R_on} + ({R_off}-{R_on})*min(max(V(q),0),1))\n",
  /* Stanford */
  "Bq q 0 V = min(max(V(s),0),{2*g_max/g1})\n"
  "Bu u 0 V = {polarity}*V(p,n)\n"
  "Bc c 0 V = {I0}*exp(-V(q)*{g1}/{g0})*sinh(V(u)/{V0})\n"
  "Bk k 0 V = 8.617333262e-5*({T0} + abs(V(u)*V(c))*{Rth})\n"
  "Ba a 0 V = ({gamma0} - {beta}*pow(max(V(q),0),3)) * {a0} * V(u) / ({L}*V(k))\n"
  "Br r 0 V = -{Vel0}*(exp(-{Eag}/V(k) + V(a)) - exp(-{Ear}/V(k) - V(a)))\n"
  "Bs 0 s I = ( V(r) < 0 ? V(r)*exp(-exp(-(V(q)*{g1}-{g_min})/{g_w})) : V(r)*exp(-exp((V(q)*{g1}-{g_max})/{g_w})) ) / {g1}\n"
  "Bi p n I = {polarity}*V(c)\n",
  /* Yakopcic */
  "Bq q 0 V = min(max(V(s),-0.5),1.5)\n"
  "Bu u 0 V = {polarity}*V(p,n)\n"
  "Bg g 0 V = V(u) > {Vp} ? {Ap}*(exp(V(u))-exp({Vp})) : ( V(u) < -{Vn} ? -{An}*(exp(-V(u))-exp({Vn})) : 0 )\n"
  "Bs 0 s I = {eta}*V(g) * ( {eta}*V(g) > 0 ? ( V(q) >= {xp} ? exp(-{alpha_p}*(V(q)-{xp}))*(({xp}-V(q))/(1-{xp})+1) : 1 )"
  " : ( V(q) <= 1-{xn} ? exp({alpha_n}*(V(q)+{xn}-1))*V(q)/(1-{xn}) : 1 ) )\n"
  "Bi p n I = {polarity} * ( V(u) >= 0 ? {a1} : {a2} ) * V(q) * sinh({b}*V(u))\n",
};

PetscErrorCode MfCompactWriteSpice(const MfCompactModel *m, const char *path)
{
  const MfCompactParamInfo *info;
  PetscInt                  np;
  FILE                     *fp;
  const char               *name = MfCompactKindName(m->kind);

  PetscFunctionBeginUser;
  PetscCall(MfCompactGetParamInfo(m->kind, &info, &np));
  PetscCall(MfAtomicOpen(path, &fp));
  fprintf(fp, "* memflex_%s: %s compact memristor model fitted by `memflex extract` (ngspice syntax).\n", name, name);
  fprintf(fp, "* Terminals p (top), n (bottom); node s = state / %g. Start a transient with\n", (double)MfCompactStateScale(m));
  fprintf(fp, "* .ic v(<instance>.s)=%.10g and `uic`, or override s_init.\n", (double)(MfCompactInitialState(m) / MfCompactStateScale(m)));
  fprintf(fp, ".subckt memflex_%s p n\n", name);
  for (PetscInt j = 0; j < np; j++) fprintf(fp, ".param %s = %.12g\n", info[j].name, (double)m->p[j]);
  fprintf(fp, "Cs s 0 1 IC=%.10g\nRs s 0 1e15\n", (double)(MfCompactInitialState(m) / MfCompactStateScale(m)));
  fputs(sp_body[m->kind], fp);
  fprintf(fp, ".ends memflex_%s\n", name);
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}

PetscErrorCode MfCompactWriteSpiceTestbench(const MfCompactModel *m, const char *subckt_path, PetscInt n, const PetscReal t[], const PetscReal v[], const char *outdata, const char *path)
{
  FILE      *fp;
  PetscReal  dtmin = PETSC_MAX_REAL;

  PetscFunctionBeginUser;
  PetscCall(MfPostDataCheckArrays("SPICE protocol", n, t, v, NULL));
  for (PetscInt k = 1; k < n; k++) dtmin = PetscMin(dtmin, t[k] - t[k - 1]);
  PetscCall(MfAtomicOpen(path, &fp));
  fprintf(fp, "* memflex replay of the %s model under the recorded protocol\n", MfCompactKindName(m->kind));
  fprintf(fp, ".include %s\n", subckt_path);
  fprintf(fp, "Vsrc in 0 PWL(");
  for (PetscInt k = 0; k < n; k++) fprintf(fp, "%s%.12g %.12g", k ? (k % 4 ? " " : "\n+ ") : "", (double)(t[k] - t[0]), (double)v[k]);
  fprintf(fp, ")\nX1 in 0 memflex_%s\n", MfCompactKindName(m->kind));
  fprintf(fp, ".ic v(X1.s)=%.10g\n", (double)(MfCompactInitialState(m) / MfCompactStateScale(m)));
  /* tight tolerances: the test compares with the GSL replay at the 1e-2 level */
  fprintf(fp, ".options reltol=1e-5 abstol=1e-15 vntol=1e-9 method=gear maxord=2\n");
  fprintf(fp, ".control\nset wr_singlescale\ntran %.6g %.12g 0 %.6g uic\n", (double)(dtmin / 4), (double)(t[n - 1] - t[0]), (double)(dtmin / 4));
  fprintf(fp, "wrdata %s -i(Vsrc)\nquit\n.endc\n.end\n", outdata);
  PetscCall(MfAtomicClose(path, &fp));
  PetscFunctionReturn(0);
}
