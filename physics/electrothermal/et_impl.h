#ifndef MF_ET_IMPL_H
#define MF_ET_IMPL_H
/* Private state of MfElectroThermal (not part of the public API). */
#include "mf_electrothermal.h"
#include "et_laws.h"
#include "et_kernels.h"

typedef struct {
  MfEtThermalBCType type;
  PetscReal         T_K, h, T_amb;
} EtThermalBC;

/* Local dof offsets (field part of the local vector) on the closure of a face label. */
typedef struct {
  PetscInt  n;
  PetscInt *off;
} EtDofList;

/* Closure dof indices of every local cell of one DM (et_assembly.c): local-vector offsets and the global
 * matrix indices DMPlexMatSetClosure would use (negative: constrained or not assembled here). */
typedef struct {
  DM        dm;     /* the DM they belong to (not referenced), NULL: empty slot */
  PetscInt  cStart, N; /* first cell, dofs per cell closure */
  PetscInt *lidx, *gidx;
} EtClosureCache;

/* Samplers of the point sets MfElectroThermalSampleFields was called with, keyed by the coordinates (the KMC
 * sites are fixed, and locating them at every call cost half of a coupled run). */
#define ET_SAMPLE_CACHE 4
typedef struct {
  PetscInt                n; /* points (0 on a rank without any) */
  PetscReal              *x; /* copy of the coordinates [n][dim] */
  MfElectroThermalSampler s; /* NULL: empty slot */
} EtSampleCache;

struct _n_MfElectroThermal {
  MPI_Comm   comm;
  DM         dm;      /* labelled mesh with the (phi, T) discretisation and BCs */
  DM         dmTS;    /* clone for the transient problem (TS and SNES keep separate DMSNES contexts) */
  DM         dmAux;   /* DG0 coefficients */
  DM         dmCell;  /* DG0 output fields */
  Vec        aux;     /* local vector on dmAux */
  Vec        u;       /* global solution */
  Vec        uSave;   /* state at the start of a step / last converged state */
  Vec        Eout;    /* derived DG0 output fields */
  Vec        uStart;  /* state at the start of a transient step */
  Vec        uTry;    /* start of a steady Newton solve (repeated after a failed reuse of the factorisation) */
  Vec        uIter;   /* work: previous Newton iterate / Newton correction (scaled convergence test) */
  IS         isPhi;   /* phi dofs in the global vector */
  IS         isT;     /* T dofs in the global vector */
  PetscReal  tStart;
  PetscBool  tsFirstTry; /* first attempt of the current transient step */
  PetscBool  coefChanged; /* this rank changed a cell coefficient since the potential was last made consistent (KMC event) */
  PetscReal  V_start;     /* V_device of the potential in uStart */
  KSP        kspPhi;      /* potential at frozen T (et_potential.c) */
  Mat        Jphi;        /* its Jacobian block */
  SNES       snes;
  TS         ts;
  PetscInt   dim, degree;
  PetscBool  setup, haveMaterials, auxDirty;
  MfMaterial     mats[MF_NUM_REGIONS];
  MfEtRegionLaws laws[MF_NUM_REGIONS];
  EtThermalBC    tbc[MF_ET_NUM_BND];
  PetscReal      T_ambient;
  /* circuit */
  PetscReal  V_source, R_series, I_compliance; /* I_compliance <= 0: none */
  PetscReal  V_device;                         /* Dirichlet value on top_contact (BC context) */
  PetscReal  circuit_rtol;
  PetscReal  step_rtol; /* -et_newton_step_rtol: Newton step/correction bound relative to V_scale, T_ambient */
  PetscReal  floor_rtol; /* -et_newton_floor_rtol: correction bound that accepts a solve stalled at round-off */
  PetscReal  T_abort;   /* -et_newton_T_abort: a steady Newton iterate hotter than this [K] is a runaway (0: off) */
  PetscReal  step_prev;  /* scaled size of the previous full Newton step (< 0: none) */
  PetscReal  fnorm_prev; /* residual norm of the previous Newton iterate ... */
  PetscInt   stalls;     /* ... and the number of steps in a row that reduced it by < 1 % */
  PetscInt   circuit_maxit, max_cuts;
  /* bookkeeping */
  PetscReal   V_converged;  /* V_device of the state in uSave */
  Vec         uPrev;        /* the converged state before uSave (secant predictor) */
  PetscReal   V_prev;
  PetscBool   havePrev;
  PetscReal   R_dev_last;   /* V_dev/I of the last biased solve (circuit first guess), 0 = unknown */
  struct {
    PetscReal V_s, R_s, I_cc, V_dev; /* source, circuit and device voltage of the last steady circuit solve (V_dev 0: none) */
    PetscReal I_dev;                 /* its current */
    PetscBool branch;                /* found on the current-controlled branch (et_current.c) */
  } op;
  PetscReal   time;
  EtDofList   reactTop, reactBottom;
  MfEtResults res;
  PetscBool   monitor;
  PetscBool   pcReuse;       /* -et_pc_reuse: keep an earlier factorisation as GMRES preconditioner (et_solve.c) */
  PetscInt    pcReuseMaxIts; /* -et_pc_reuse_max_its: refactor when GMRES needs more iterations */
  PetscBool   branchControl; /* -et_current_control: follow an S-shaped I(V) beyond its fold with the current as parameter */
  PetscReal   coefJump;      /* largest |ln(new/old)| of a cell coefficient set since the last steady solve */
  PetscBool   fastAssemblyRequested; /* -et_fast_assembly (default true) */
  PetscBool   fastAssembly;          /* ... and supported by the discretisation (et_assembly.c) */
  PetscReal  *geo;                   /* cached per-cell w|J| and physical basis gradients (fixed mesh), or NULL */
  EtClosureCache clc[2];             /* per-cell closure indices of the steady and the transient DM (et_assembly.c) */
  EtSampleCache sample[ET_SAMPLE_CACHE];
  PetscInt      sampleNext;          /* round-robin slot to replace */
};

PetscErrorCode MfEtBuildDofList(DM dm, const char label[], PetscInt field, EtDofList *list);
PetscErrorCode MfEtUpdateResults(MfElectroThermal et);
PetscErrorCode MfEtDeviceCurrent(MfElectroThermal et, PetscReal *current);
PetscErrorCode MfEtFieldRange(MfElectroThermal et, PetscInt field, PetscReal *vmin, PetscReal *vmax);
PetscErrorCode MfEtSetupTS(MfElectroThermal et);
PetscErrorCode MfEtSetDefaultLU(KSP ksp, PetscInt dim); /* preonly LU (MUMPS in parallel/3D), zero pivots only */
/* et_solve.c helpers shared with the current-controlled solve (et_current.c) */
void           MfEtStepScales(MfElectroThermal et, PetscReal *Vs, PetscReal *Ts);
PetscErrorCode MfEtSplitMaxNorms(MfElectroThermal et, Vec d, PetscReal *dphi, PetscReal *dT);
PetscErrorCode MfEtAccept(MfElectroThermal et, PetscReal V);
void           MfEtCircuitG(MfElectroThermal et, PetscReal s, PetscReal x, PetscReal Icur, PetscReal *g, MfEtSourceMode *mode, PetscReal *res, PetscReal *tol);
/* Operating point on the current-controlled branch from the converged state in uSave (s: sign of V_s); I_start != 0:
 * the state changed since, solve at that current first (*found = PETSC_FALSE if that fails). */
PetscErrorCode MfEtCurrentCircuit(MfElectroThermal et, PetscReal s, PetscReal I_start, PetscBool *found);
/* et_potential.c: Newton on the phi rows of u at V_dev = V, T frozen; *ok = PETSC_FALSE leaves u unchanged */
PetscErrorCode MfEtSolvePotential(MfElectroThermal et, PetscReal V, Vec u, PetscBool *ok);
PetscErrorCode MfEtCoefChanged(MfElectroThermal et, PetscBool *changed);
PetscErrorCode MfEtSNESConverged(SNES snes, PetscInt it, PetscReal xnorm, PetscReal snorm, PetscReal fnorm, SNESConvergedReason *reason, void *ctx);
PetscErrorCode MfEtLocalSolution(MfElectroThermal et, DM dm, Vec u, Vec *uloc);
/* et_assembly.c: fast cell loops (or PETSc's generic assembly if disabled/unsupported) */
PetscErrorCode MfEtFastAssemblySupported(MfElectroThermal et, PetscBool *ok);
PetscErrorCode MfEtSetAssemblyCallbacks(MfElectroThermal et);
PetscErrorCode MfEtComputeResidualLocal(MfElectroThermal et, DM dm, PetscReal time, Vec locX, Vec locX_t, Vec locF);
PetscErrorCode MfEtJoulePower(MfElectroThermal et, PetscReal *watts);
PetscErrorCode MfEtRegionMaxTemperature(MfElectroThermal et, Vec uloc, PetscReal Tmax[]);
PetscErrorCode MfEtClosureCacheDestroy(EtClosureCache *cc);
PetscErrorCode MfEtSampleCacheClear(EtSampleCache *e);
PetscErrorCode MfEtCellInverseJacobian(DM dm, PetscInt cell, const PetscReal xi[], PetscReal invJ[]); /* at reference point xi */
PetscErrorCode MfEtComputeJacobianLocal(MfElectroThermal et, DM dm, PetscReal time, Vec locX, Vec locX_t, PetscReal shift, Mat J, Mat P);

#endif
