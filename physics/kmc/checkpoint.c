/* KMC checkpoints: the complete engine state in one binary file (native byte order), so that a run
 * restarted from it continues the same trajectory bit for bit. Rates are not stored: they are a pure
 * function of species, aux, globals and fields and are recomputed canonically; the only selector state a
 * rebuild cannot reproduce (the member order of composition-rejection groups) is stored. */
#include "kmc_impl.h"
#include <errno.h>

#define CK_MAGIC "MFKMCCK1"
#define CK_END   "MFKMCEND"

/* FNV-1a over the lattice topology and geometry: a checkpoint only fits the lattice that wrote it. */
static uint64_t Fnv(uint64_t h, const void *data, size_t len)
{
  const unsigned char *p = (const unsigned char *)data;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static uint64_t LatticeFingerprint(MfKmcLattice l)
{
  uint64_t h = 1469598103934665603ULL;
  if (l->nbr) h = Fnv(h, l->nbr, sizeof(PetscInt) * (size_t)l->nsites * l->maxnb);
  h = Fnv(h, l->n, sizeof(l->n));
  h = Fnv(h, l->periodic, sizeof(l->periodic));
  h          = Fnv(h, l->bondvec, sizeof(PetscReal) * 3 * (size_t)l->nbondtypes);
  h          = Fnv(h, l->flags, (size_t)l->nsites);
  if (l->coords) h = Fnv(h, l->coords, sizeof(PetscReal) * 3 * (size_t)l->nsites);
  return h;
}

#define WR(ptr, size, count) PetscCheck(fwrite((ptr), (size), (size_t)(count), fp) == (size_t)(count), PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "KMC checkpoint '%s': write failed (%s)", path, strerror(errno))
#define RD(ptr, size, count) PetscCheck(fread((ptr), (size), (size_t)(count), fp) == (size_t)(count), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': file is truncated", path)

typedef struct {
  char       magic[8];
  PetscInt64 nsites, maxnb, nspecies, nevent_types, naux, nglobal, selector, sizeof_int, has_fields;
  uint64_t   fingerprint;
  char       mechanism[64];
  char       rng[32];
  uint64_t   seed;
  PetscInt64 member, rng_size, nevents;
  double     time_s;
} CkHeader;

static PetscErrorCode FillHeader(MfKmc kmc, CkHeader *h)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(h, sizeof(*h)));
  memcpy(h->magic, CK_MAGIC, 8);
  h->nsites       = kmc->lat->nsites;
  h->maxnb        = kmc->lat->maxnb;
  h->nspecies     = kmc->ops.nspecies;
  h->nevent_types = kmc->ops.nevent_types;
  h->naux         = kmc->ops.naux;
  h->nglobal      = kmc->ops.nglobal;
  h->selector     = kmc->seltype;
  h->sizeof_int   = sizeof(PetscInt);
  h->has_fields   = kmc->st.fields ? 1 : 0;
  h->fingerprint  = LatticeFingerprint(kmc->lat);
  PetscCall(PetscStrncpy(h->mechanism, kmc->ops.name, sizeof(h->mechanism)));
  PetscCall(PetscStrncpy(h->rng, kmc->rngname, sizeof(h->rng)));
  h->seed     = kmc->seed;
  h->member   = kmc->member;
  h->rng_size = (PetscInt64)gsl_rng_size(kmc->rng);
  h->nevents  = kmc->nevents;
  h->time_s   = kmc->time_s;
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcCheckpointWrite(MfKmc kmc, const char path[])
{
  PetscMPIInt rank;
  CkHeader    h;

  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp before writing a checkpoint");
  /* a checkpoint taken before the first window must still restore the pending fields */
  if (kmc->rates_dirty || kmc->fields_dirty) PetscCall(MfKmcRebuildRates_Private(kmc));
  PetscCallMPI(MPI_Comm_rank(kmc->comm, &rank));
  if (rank == 0) {
    const PetscInt n = kmc->lat->nsites;
    FILE          *fp = fopen(path, "wb");
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "KMC checkpoint '%s': cannot open for writing (%s)", path, strerror(errno));
    PetscCall(FillHeader(kmc, &h));
    WR(&h, sizeof(h), 1);
    WR(kmc->typecount, sizeof(PetscInt64), kmc->ops.nevent_types);
    WR(kmc->st.species, sizeof(MfKmcSpecies), n);
    if (kmc->ops.naux) WR(kmc->st.aux, sizeof(PetscReal), (size_t)n * kmc->ops.naux);
    if (kmc->ops.nglobal) WR(kmc->st.global, sizeof(PetscReal), kmc->ops.nglobal);
    WR(&kmc->st.uniform, sizeof(MfKmcSiteFields), 1);
    if (kmc->st.fields) WR(kmc->st.fields, sizeof(MfKmcSiteFields), n);
    WR(gsl_rng_state(kmc->rng), 1, gsl_rng_size(kmc->rng));
    PetscCall(MfKmcSelectorWrite(kmc->sel, fp, path));
    WR(CK_END, 1, 8);
    PetscCheck(fclose(fp) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "KMC checkpoint '%s': close failed (%s)", path, strerror(errno));
  }
  PetscCallMPI(MPI_Barrier(kmc->comm));
  PetscFunctionReturn(0);
}

PetscErrorCode MfKmcCheckpointRead(MfKmc kmc, const char path[])
{
  CkHeader h, mine;
  char     end[8];
  FILE    *fp;

  PetscFunctionBeginUser;
  PetscCheck(kmc->setup, kmc->comm, PETSC_ERR_ORDER, "KMC: call MfKmcSetUp (same lattice and mechanism) before reading a checkpoint");
  const PetscInt n = kmc->lat->nsites;
  fp               = fopen(path, "rb");
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "KMC checkpoint '%s': cannot open (%s)", path, strerror(errno));
  RD(&h, sizeof(h), 1);
  PetscCall(FillHeader(kmc, &mine));
  PetscCheck(!memcmp(h.magic, CK_MAGIC, 8), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': not a memflex KMC checkpoint (bad magic)", path);
  PetscCheck(h.sizeof_int == mine.sizeof_int, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': written with %d-byte PetscInt, this build uses %d", path, (int)h.sizeof_int, (int)mine.sizeof_int);
  PetscCheck(h.nsites == mine.nsites && h.maxnb == mine.maxnb && h.fingerprint == mine.fingerprint, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': lattice differs (file: %" PetscInt64_FMT " sites, coordination %" PetscInt64_FMT "; this run: %" PetscInt64_FMT " sites, coordination %" PetscInt64_FMT ", or different geometry)", path, h.nsites, h.maxnb, mine.nsites, mine.maxnb);
  PetscCheck(!strncmp(h.mechanism, mine.mechanism, sizeof(h.mechanism)) && h.nspecies == mine.nspecies && h.nevent_types == mine.nevent_types && h.naux == mine.naux && h.nglobal == mine.nglobal, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': written by mechanism '%s', this run uses '%s' (or its species/events/state sizes differ)", path, h.mechanism, mine.mechanism);
  PetscCheck(h.selector == mine.selector, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': written with selector %s, this run uses %s (set -kmc_selector to match)", path, MfKmcSelectorTypes[h.selector < 0 || h.selector > 2 ? 0 : h.selector], MfKmcSelectorTypes[mine.selector]);
  /* the generator type is restored from the file */
  if (strncmp(h.rng, kmc->rngname, sizeof(h.rng))) {
    PetscCall(PetscStrncpy(kmc->rngname, h.rng, sizeof(kmc->rngname)));
    gsl_rng_free(kmc->rng);
    kmc->rng = NULL;
    if (!strcmp(h.rng, "mt19937")) kmc->rng = gsl_rng_alloc(gsl_rng_mt19937);
    else if (!strcmp(h.rng, "ranlxd2")) kmc->rng = gsl_rng_alloc(gsl_rng_ranlxd2);
    else if (!strcmp(h.rng, "taus2")) kmc->rng = gsl_rng_alloc(gsl_rng_taus2);
    PetscCheck(kmc->rng, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': unknown generator '%s'", path, h.rng);
  }
  PetscCheck((size_t)h.rng_size == gsl_rng_size(kmc->rng), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': generator state of %" PetscInt64_FMT " bytes, expected %zu", path, h.rng_size, gsl_rng_size(kmc->rng));
  RD(kmc->typecount, sizeof(PetscInt64), kmc->ops.nevent_types);
  RD(kmc->st.species, sizeof(MfKmcSpecies), n);
  for (PetscInt i = 0; i < n; i++) PetscCheck(kmc->st.species[i] < kmc->ops.nspecies, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': site %" PetscInt_FMT " holds species %d, outside [0, %" PetscInt_FMT ")", path, i, (int)kmc->st.species[i], kmc->ops.nspecies);
  if (kmc->ops.naux) RD(kmc->st.aux, sizeof(PetscReal), (size_t)n * kmc->ops.naux);
  if (kmc->ops.nglobal) RD(kmc->st.global, sizeof(PetscReal), kmc->ops.nglobal);
  RD(&kmc->st.uniform, sizeof(MfKmcSiteFields), 1);
  if (h.has_fields) {
    if (!kmc->fields_store) PetscCall(PetscMalloc1(n, &kmc->fields_store));
    RD(kmc->fields_store, sizeof(MfKmcSiteFields), n);
    kmc->st.fields = kmc->fields_store;
  } else {
    PetscCall(PetscFree(kmc->fields_store));
    kmc->st.fields = NULL;
  }
  RD(gsl_rng_state(kmc->rng), 1, gsl_rng_size(kmc->rng));
  kmc->seed      = h.seed;
  kmc->member    = (PetscInt)h.member;
  kmc->nevents   = h.nevents;
  kmc->time_s    = h.time_s;
  kmc->st.time_s = h.time_s;
  kmc->fields_dirty = PETSC_TRUE;
  PetscCall(MfKmcRebuildRates_Private(kmc));
  PetscCall(MfKmcSelectorRead(kmc->sel, fp, path));
  RD(end, 1, 8);
  PetscCheck(!memcmp(end, CK_END, 8), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "KMC checkpoint '%s': missing end marker (corrupt or written by another version)", path);
  PetscCheck(fclose(fp) == 0, PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "KMC checkpoint '%s': close failed", path);
  PetscCall(MfKmcClearChangedSites(kmc));
  PetscFunctionReturn(0);
}
