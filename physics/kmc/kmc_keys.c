/* The engine's deck keys (docs/kmc.md). */
#include "mf_kmc.h"
#include "mf_keys_table.h"

/* Deck keys of the engine: the seed of the stream and the temporal acceleration (accel.c; read through
 * -kmc_seed, -kmc_accel* in MfKmcSetFromOptions) */
static const MfKey kKmcKeys[] = {
  KI("kmc_seed", "1", 0, 2147483647, "seed of the kinetic Monte Carlo random stream"),
  KB("kmc_accelerate", "false", "scale down the rates of quasi-equilibrated pairs of event types (stiff KMC)"),
  KI("kmc_accel_stage", "2000", 10, 100000000, "acceleration: events per stage"),
  KI("kmc_accel_ne", "100", 1, 100000000, "acceleration: executions per stage that make a pair fast"),
  KR("kmc_accel_delta", "", "0.1", 0, 1, F, T, "acceleration: largest imbalance |n_f - n_r|/(n_f + n_r) of a quasi-equilibrated pair"),
  KR("kmc_accel_separation", "", "100", 1, 1e12, F, F, "acceleration: a scaled pair stays this many times more frequent than the other events"),
  KR("kmc_accel_min_scale", "", "1e-12", 0, 1, T, F, "acceleration: smallest rate scale factor"),
};

PetscErrorCode MfKmcRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kKmcKeys, MF_KEYS_N(kKmcKeys)));
  PetscFunctionReturn(0);
}
