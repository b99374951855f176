/* Filament map parameters: defaults from the stack's materials and the deck keys kmc_map_*. */
#include "filament_impl.h"
#include <string.h>


/* Map defaults. Matrix: the functional layer's sigma(T0) and k. Filament: a VCM filament (filament_metal
 * NULL) has rho_CF = 1.9635e-5 Ohm m (Stanford-PKU v2 [C]) and k = 5 W/m/K (DeviceKMC V_O-rich value [C]);
 * an ECM filament has the bulk sigma and k of its metal (CRC, inputs/materials/electrodes). Tunnelling decay
 * length lambda = g0 = 0.27505 nm of the Stanford/ASU gap model (Guan, Yu & Wong 2012 [C]). */
PetscErrorCode MfFilamentMapParamsDefault(const MfMaterial *functional, const MfMaterial *filament_metal, MfFilamentMapParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(functional, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "filament map: the functional-layer material is required");
  p->sigma_matrix_S_per_m   = functional->sigma_S_per_m;
  p->k_matrix_W_per_mK      = functional->k_W_per_mK;
  p->sigma_filament_S_per_m = filament_metal ? filament_metal->sigma_S_per_m : 1.0 / 1.9635e-5;
  p->k_filament_W_per_mK    = filament_metal ? filament_metal->k_W_per_mK : 5.0;
  /* ECM: the metal's resistivity TCR; VCM: the Stanford-PKU filament resistivity rho_CF is a constant */
  p->tcr_filament_per_K = (filament_metal && filament_metal->sigma_law == MF_SIGMA_METALLIC) ? filament_metal->tcr_per_K : 0.0;
  /* the FE evaluates the filament's law from the host's reference temperature (the cell's T0): the metal's sigma
   * is taken there (Ag: 293 -> 300 K, -2.6 %) */
  if (p->tcr_filament_per_K > 0.0) {
    const PetscReal T0h = functional->T0_K > 0.0 ? functional->T0_K : 300.0, T0m = filament_metal->T0_K > 0.0 ? filament_metal->T0_K : 300.0;
    p->sigma_filament_S_per_m /= 1.0 + p->tcr_filament_per_K * (T0h - T0m);
  }
  p->tunnel_decay_m         = 0.27505e-9;
  p->gap_heat_to_electrodes = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode MfFilamentMapParamsSetFromConfig(MfFilamentMapParams *p)
{
  PetscFunctionBeginUser;
  PetscCall(MfConfigGetRealIfSet("kmc_map_sigma_filament", &p->sigma_filament_S_per_m));
  PetscCall(MfConfigGetRealIfSet("kmc_map_k_filament", &p->k_filament_W_per_mK));
  PetscCall(MfConfigGetRealIfSet("kmc_map_tcr_filament", &p->tcr_filament_per_K));
  PetscCall(MfConfigGetRealIfSet("kmc_map_tunnel_decay", &p->tunnel_decay_m));
  {
    char      mode[32];
    PetscBool set;
    PetscCall(MfConfigGetString("kmc_map_gap_heat", mode, sizeof(mode), &set));
    if (set) p->gap_heat_to_electrodes = (PetscBool)!strcmp(mode, "electrodes");
  }
  PetscCheck(p->sigma_filament_S_per_m >= p->sigma_matrix_S_per_m, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "filament map: filament conductivity %g S/m is below the matrix conductivity %g S/m of the functional layer (kmc_map_sigma_filament)", (double)p->sigma_filament_S_per_m, (double)p->sigma_matrix_S_per_m);
  PetscCheck(p->k_filament_W_per_mK > 0.0 && p->tunnel_decay_m > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "filament map: kmc_map_k_filament = %g W/m/K and kmc_map_tunnel_decay = %g m must be > 0", (double)p->k_filament_W_per_mK, (double)p->tunnel_decay_m);
  PetscFunctionReturn(0);
}

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the filament map (kmc_map_*; unset = from the materials) */
static const MfKey kMapKeys[] = {
  KR("kmc_map_tunnel_decay", "m", "", 0, 1e-8, T, F, "filament map: decay length lambda of the gap conductance sigma_f exp(-g/lambda) (0.27505 nm)"),
  KR("kmc_map_sigma_filament", "S/m", "", 0, 1e9, T, F, "filament map: conductivity of the filament (VCM 5.09e4 S/m; ECM: the anode metal)"),
  KE("kmc_map_gap_heat", "", "local|electrodes", "filament map: where the Joule heat of a tunnelling gap goes: released in the gap cell (local) or carried into the metal on both sides (electrodes: gap sites take the filament's thermal conductivity) (unset = local)"),
  KR("kmc_map_k_filament", "W/m/K", "", 0, 1e4, T, F, "filament map: thermal conductivity of the filament (VCM 5 W/m/K; ECM: the anode metal)"),
  KR("kmc_map_tcr_filament", "1/K", "", 0, 0.1, F, F, "filament map: resistivity TCR of what a filament adds to a cell's conductivity, sigma_x/(1 + beta (T - T0)) (VCM 0; ECM: the anode metal's)"),
};

PetscErrorCode FilRegisterMapKeys_Private(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kMapKeys, MF_KEYS_N(kMapKeys)));
  PetscFunctionReturn(0);
}
