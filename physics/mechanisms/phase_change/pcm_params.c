/* Phase-change parameters: the GST set of the GCA with its sources, the deck keys kmc_pcm_*, checks and a view.
 * Tags: [C] read in code (Wang et al.'s multiphysics_GCA.m), [est.] engineering estimate (docs/phase_change.md). */
#include "mf_phase_change.h"
#include "mf_keys.h"

/* GST (Ge2Sb2Te5), Wang et al., arXiv 2107.02035, and multiphysics_GCA.m [C]: E_a 2.45 eV, sigma 0.06 J/m^2,
 * v_m 2.9e-28 m^3, lambda 0.299 nm, r_a = R_h 0.1365 nm, T_m 900 K, dH_f 6.25e8 J/m^3, eta_inf 0.012 Pa s,
 * T_g 472 K, m 140, T_glass 534 K, theta 130 deg, D = 6 monomer diameters.
 * Conductivities [est.]: amorphous 1 S/m and fcc 1e3 S/m, the three-orders drop of the amorphous -> rock-salt
 * transition near 140 C (Friedrich et al., J. Appl. Phys. 87, 4130 (2000); "about 1e3 contrast",
 * mechanism-models.md §4 [M]). Thermal conductivities [C]: 0.2 (amorphous) and 0.5 W/m/K (crystalline),
 * multiphysics_GCA.m, within Lyeo et al., Appl. Phys. Lett. 89, 151904 (2006) (0.19 and 0.57 W/m/K for fcc).
 * melt rate [est.]: 1e13 Hz, a phonon attempt frequency (melting is limited by the heat the FE supplies). */
PetscErrorCode MfPcmParamsDefault(MfPcmParams *p)
{
  PetscFunctionBeginUser;
  PetscCall(PetscMemzero(p, sizeof(*p)));
  p->Ea_eV                        = 2.45;
  p->sigma_J_per_m2               = 0.06;
  p->vm_m3                        = 2.9e-28;
  p->lambda_m                     = 0.299e-9;
  p->r_a_m                        = 0.1365e-9;
  p->R_h_m                        = 0.1365e-9;
  p->T_m_K                        = 900.0;
  p->dH_f_J_per_m3                = 6.25e8;
  p->eta_inf_Pa_s                 = 0.012;
  p->T_g_K                        = 472.0;
  p->fragility                    = 140.0;
  p->T_glass_K                    = 534.0;
  p->theta_rad                    = 130.0 * PETSC_PI / 180.0;
  p->D_m                          = 6.0 * MfPcmMonomerDiameter(p);
  p->nucleation_scale             = 1.0;
  p->melt_rate_Hz                 = 1e13;
  p->initial_crystalline_fraction = 0.0;
  p->sigma_a_S_per_m              = 1.0;
  p->sigma_c_S_per_m              = 1e3;
  p->k_a_W_per_mK                 = 0.2;
  p->k_c_W_per_mK                 = 0.5;
  PetscFunctionReturn(0);
}

PetscErrorCode MfPcmParamsSetFromConfig(MfPcmParams *p)
{
  PetscReal deg = p->theta_rad * 180.0 / PETSC_PI;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_Ea", &p->Ea_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_interface_energy", &p->sigma_J_per_m2));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_monomer_volume", &p->vm_m3));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_jump_distance", &p->lambda_m));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_atomic_radius", &p->r_a_m));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_hydrodynamic_radius", &p->R_h_m));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_T_melt", &p->T_m_K));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_enthalpy_fusion", &p->dH_f_J_per_m3));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_eta_inf", &p->eta_inf_Pa_s));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_T_g", &p->T_g_K));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_fragility", &p->fragility));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_T_glass", &p->T_glass_K));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_wetting_angle_deg", &deg));
  p->theta_rad = deg * PETSC_PI / 180.0;
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_nucleation_scale", &p->nucleation_scale));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_melt_rate", &p->melt_rate_Hz));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_initial_crystalline", &p->initial_crystalline_fraction));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_sigma_amorphous", &p->sigma_a_S_per_m));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_sigma_crystalline", &p->sigma_c_S_per_m));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_k_amorphous", &p->k_a_W_per_mK));
  PetscCall(MfConfigGetRealIfSet("kmc_pcm_k_crystalline", &p->k_c_W_per_mK));
  PetscCall(MfPcmParamsCheck(p));
  PetscFunctionReturn(0);
}

PetscErrorCode MfPcmParamsCheck(const MfPcmParams *p)
{
  PetscFunctionBeginUser;
  PetscCheck(p->T_m_K > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: the melting temperature kmc_pcm_T_melt = %g K must be > 0", (double)p->T_m_K);
  PetscCheck(p->T_g_K > 0.0 && p->T_glass_K > 0.0 && p->T_glass_K < p->T_m_K, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: the glass temperatures kmc_pcm_T_g = %g K and kmc_pcm_T_glass = %g K must be > 0 and T_glass below kmc_pcm_T_melt = %g K", (double)p->T_g_K, (double)p->T_glass_K, (double)p->T_m_K);
  PetscCheck(p->eta_inf_Pa_s > 0.0 && p->eta_inf_Pa_s < 1e12, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: kmc_pcm_eta_inf = %g Pa s must lie in (0, 1e12) Pa s (MYEGA: eta(T_g) = 1e12 Pa s)", (double)p->eta_inf_Pa_s);
  PetscCheck(p->fragility > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: the fragility kmc_pcm_fragility = %g must be > 0", (double)p->fragility);
  PetscCheck(p->sigma_J_per_m2 > 0.0 && p->vm_m3 > 0.0 && p->lambda_m > 0.0 && p->r_a_m > 0.0 && p->R_h_m > 0.0 && p->dH_f_J_per_m3 > 0.0 && p->Ea_eV >= 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT,
             "phase change: kmc_pcm_interface_energy (%g J/m^2), kmc_pcm_monomer_volume (%g m^3), kmc_pcm_jump_distance (%g m), kmc_pcm_atomic_radius (%g m), kmc_pcm_hydrodynamic_radius (%g m), kmc_pcm_enthalpy_fusion (%g J/m^3) must be > 0 and kmc_pcm_Ea (%g eV) >= 0", (double)p->sigma_J_per_m2, (double)p->vm_m3, (double)p->lambda_m, (double)p->r_a_m, (double)p->R_h_m, (double)p->dH_f_J_per_m3, (double)p->Ea_eV);
  PetscCheck(p->theta_rad > 0.0 && p->theta_rad <= PETSC_PI, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: the wetting angle kmc_pcm_wetting_angle_deg = %g must lie in (0, 180] degrees", (double)(p->theta_rad * 180.0 / PETSC_PI));
  PetscCheck(p->D_m >= MfPcmMonomerDiameter(p), PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: the automaton's cell (the KMC lattice spacing kmc_spacing = %g m) must hold a monomer of diameter %g m (kmc_pcm_monomer_volume = %g m^3); the GCA uses 6 diameters, %g m", (double)p->D_m, (double)MfPcmMonomerDiameter(p), (double)p->vm_m3, (double)(6.0 * MfPcmMonomerDiameter(p)));
  PetscCheck(p->nucleation_scale >= 0.0 && p->melt_rate_Hz > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: kmc_pcm_nucleation_scale = %g must be >= 0 and kmc_pcm_melt_rate = %g Hz > 0", (double)p->nucleation_scale, (double)p->melt_rate_Hz);
  PetscCheck(p->initial_crystalline_fraction >= 0.0 && p->initial_crystalline_fraction <= 1.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: kmc_pcm_initial_crystalline = %g must lie in [0, 1]", (double)p->initial_crystalline_fraction);
  PetscCheck(p->sigma_a_S_per_m > 0.0 && p->sigma_c_S_per_m > 0.0 && p->k_a_W_per_mK > 0.0 && p->k_c_W_per_mK > 0.0, PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "phase change: kmc_pcm_sigma_amorphous (%g), kmc_pcm_sigma_crystalline (%g S/m), kmc_pcm_k_amorphous (%g), kmc_pcm_k_crystalline (%g W/m/K) must be > 0", (double)p->sigma_a_S_per_m, (double)p->sigma_c_S_per_m, (double)p->k_a_W_per_mK, (double)p->k_c_W_per_mK);
  PetscFunctionReturn(0);
}

PetscErrorCode MfPcmParamsView(const MfPcmParams *p, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(viewer, "phase change (GCA): E_a %g eV, sigma %g J/m^2, v_m %g m^3, lambda %g m, r_a %g m, R_h %g m, T_m %g K, dH_f %g J/m^3, eta_inf %g Pa s, T_g %g K, m %g, T_glass %g K, theta %g deg, cell %g m\n", (double)p->Ea_eV, (double)p->sigma_J_per_m2, (double)p->vm_m3, (double)p->lambda_m, (double)p->r_a_m, (double)p->R_h_m, (double)p->T_m_K, (double)p->dH_f_J_per_m3, (double)p->eta_inf_Pa_s, (double)p->T_g_K, (double)p->fragility, (double)p->T_glass_K, (double)(p->theta_rad * 180.0 / PETSC_PI), (double)p->D_m));
  PetscCall(PetscViewerASCIIPrintf(viewer, "phase change: nucleation scale %g, melt rate %g Hz, initial crystalline fraction %g; sigma amorphous %g, crystalline %g S/m; k amorphous %g, crystalline %g W/m/K (Bruggeman mixing)\n", (double)p->nucleation_scale, (double)p->melt_rate_Hz, (double)p->initial_crystalline_fraction, (double)p->sigma_a_S_per_m, (double)p->sigma_c_S_per_m, (double)p->k_a_W_per_mK, (double)p->k_c_W_per_mK));
  PetscFunctionReturn(0);
}

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the phase-change mechanism (kmc_pcm_*; unset = the GST set of mf_phase_change.h) */
static const MfKey kPcmKeys[] = {
  KR("kmc_pcm_initial_crystalline", "", "", 0, 1, F, F, "phase change: as-prepared crystalline site fraction, each site a seed grain (unset = 0: all amorphous)"),
  KR("kmc_pcm_Ea", "eV", "", 0, 20, F, F, "phase change: viscosity activation energy of the glass below T_glass (GST 2.45 eV)"),
  KR("kmc_pcm_interface_energy", "J/m^2", "", 0, 10, T, F, "phase change: crystal/amorphous interface energy of nucleation (GST 0.06 J/m^2)"),
  KR("kmc_pcm_monomer_volume", "m^3", "", 0, 1e-25, T, F, "phase change: monomer volume v_m (GST 2.9e-28 m^3)"),
  KR("kmc_pcm_jump_distance", "m", "", 0, 1e-8, T, F, "phase change: jump distance lambda (GST 0.299 nm)"),
  KR("kmc_pcm_atomic_radius", "m", "", 0, 1e-8, T, F, "phase change: atomic radius r_a of the growth law (GST 0.1365 nm)"),
  KR("kmc_pcm_hydrodynamic_radius", "m", "", 0, 1e-8, T, F, "phase change: hydrodynamic radius R_h of the growth law (GST 0.1365 nm)"),
  KR("kmc_pcm_T_melt", "K", "", 0, 5000, T, F, "phase change: melting temperature (unset = the functional material's, else GST 900 K)"),
  KR("kmc_pcm_enthalpy_fusion", "J/m^3", "", 0, 1e11, T, F, "phase change: enthalpy of fusion per volume (GST 6.25e8 J/m^3)"),
  KR("kmc_pcm_eta_inf", "Pa s", "", 0, 1e12, T, T, "phase change: MYEGA viscosity at infinite temperature (GST 0.012 Pa s)"),
  KR("kmc_pcm_T_g", "K", "", 0, 5000, T, F, "phase change: MYEGA glass transition, eta(T_g) = 1e12 Pa s (GST 472 K)"),
  KR("kmc_pcm_fragility", "", "", 0, 1000, T, F, "phase change: MYEGA fragility m (GST 140)"),
  KR("kmc_pcm_T_glass", "K", "", 0, 5000, T, F, "phase change: MYEGA above, Arrhenius (kmc_pcm_Ea) below this temperature (GST 534 K)"),
  KR("kmc_pcm_wetting_angle_deg", "", "", 0, 180, T, F, "phase change: wetting angle of heterogeneous nucleation in degrees (GST 130)"),
  KR("kmc_pcm_nucleation_scale", "", "", 0, 1e30, F, F, "phase change: factor on the nucleation probability (1 = the GCA law, 0 = no nucleation)"),
  KR("kmc_pcm_melt_rate", "Hz", "", 0, 1e16, T, F, "phase change: rate at which a crystalline site above T_melt melts (1e13 Hz)"),
  KR("kmc_pcm_sigma_amorphous", "S/m", "", 0, 1e9, T, F, "phase change: conductivity of the amorphous phase (1 S/m, estimate)"),
  KR("kmc_pcm_sigma_crystalline", "S/m", "", 0, 1e9, T, F, "phase change: conductivity of the crystalline phase (unset = the functional material's, else 1e3 S/m, estimate)"),
  KR("kmc_pcm_k_amorphous", "W/m/K", "", 0, 1e4, T, F, "phase change: thermal conductivity of the amorphous phase (GST 0.2 W/m/K)"),
  KR("kmc_pcm_k_crystalline", "W/m/K", "", 0, 1e4, T, F, "phase change: thermal conductivity of the crystalline phase (unset = the functional material's, else GST 0.5 W/m/K)"),
};

PetscErrorCode MfPcmRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(MfKeysRegister(kPcmKeys, MF_KEYS_N(kPcmKeys)));
  PetscFunctionReturn(0);
}
