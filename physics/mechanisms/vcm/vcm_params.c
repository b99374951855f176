/* VCM parameter sets: published defaults with their sources, the deck keys kmc_vcm_* and a view. Sources are
 * tagged: [C] read in code, [A] abstract, [U]/[est.] engineering estimate (docs/references.md). */
#include "filament_impl.h"
#include <string.h>
#include <strings.h>

typedef struct {
  const char *name;
  MfVcmParams p;
} VcmSet;

/* VCM. HfO2: DeviceKMC (Kaniselvan et al., ACS Nano 2023, TiN/HfO2/Ti/TiN) [C]: nu = 1e14 Hz, bulk Frenkel-pair
 * generation 3.93 eV, at the HfO2/Ti interface 1.66 eV (the generation_interface event: its O goes into the
 * reservoir), recombination barrier 0 (field term only), V_O hop 1.09 eV, O-ion hop 0.76 eV; its
 * generation lowering 2 (V_i - V_j) is a charge 2e moved over one bond: with the a = 0.25 nm bond of
 * Stanford-PKU v2 [C] this is the dipole b = 2 e x 2.5 Angstrom = 5 e Angstrom. Interface exchange with the Ti
 * reservoir: Stanford-PKU v2 E_i = 0.82 eV [C]. TaOx, ZnO, NiO: the V_O hop barrier of the material library
 * (inputs/materials/functional: Ta2O5 0.85 eV [est.], ZnO 1.7 eV Janotti & Van de Walle PRB 76, 165202
 * (2007), NiO 1.0 eV [est.]); the other values are borrowed from the HfO2 set [est.] (no published KMC set
 * was found; docs/filament.md). Activation volume 0 (no published value). */
static const VcmSet kVcmSets[] = {
  {"HfO2", {1e14, 3.93, 0.0, 1.09, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"TaOx", {1e14, 3.93, 0.0, 0.85, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"ZnO", {1e14, 3.93, 0.0, 1.70, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
  {"NiO", {1e14, 3.93, 0.0, 1.00, 0.76, 0.82, 5.0, 2.0, -2.0, 0.0, 0.0, PETSC_TRUE, 1.66, -1.0}},
};
static const char *const kVcmAliases[][2] = {{"HfOx", "HfO2"}, {"HZO", "HfO2"}, {"Ta2O5", "TaOx"}, {"TaO2", "TaOx"}, {"Mn-ZnO", "ZnO"}};

PetscErrorCode MfVcmParamsDefault(const char *material, MfVcmParams *p)
{
  const char *name = material;

  PetscFunctionBeginUser;
  PetscCheck(material, PETSC_COMM_SELF, PETSC_ERR_ARG_NULL, "VCM parameters: no material name given (known: HfO2, TaOx, ZnO, NiO)");
  for (size_t i = 0; i < sizeof(kVcmAliases) / sizeof(kVcmAliases[0]); i++)
    if (!strcasecmp(material, kVcmAliases[i][0])) name = kVcmAliases[i][1];
  for (size_t i = 0; i < sizeof(kVcmSets) / sizeof(kVcmSets[0]); i++)
    if (!strcasecmp(name, kVcmSets[i].name)) {
      *p = kVcmSets[i].p;
      PetscFunctionReturn(0);
    }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_USER_INPUT, "VCM parameters: no published parameter set for functional material '%s'; known: HfO2 (HfOx, HZO), TaOx (Ta2O5), ZnO, NiO. Give the kmc_vcm_* keys in the deck and name a known set with kmc_vcm_material", material);
}

PetscErrorCode MfVcmParamsSetFromConfig(MfVcmParams *p)
{
  char      name[64];
  PetscBool set, b;
  PetscReal dip = p->dipole_generation_eAng * 1e-10;

  PetscFunctionBeginUser;
  PetscCall(MfConfigGetString("kmc_vcm_material", name, sizeof(name), &set));
  if (set && name[0]) PetscCall(MfVcmParamsDefault(name, p));
  dip = p->dipole_generation_eAng * 1e-10;
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_nu", &p->nu_Hz));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_generation", &p->Ea_generation_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_generation_interface", &p->Ea_generation_interface_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_recombination", &p->Ea_recombination_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_hop_vacancy", &p->Ea_hop_defect_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_hop_ion", &p->Ea_hop_ion_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_recombination_interface", &p->Ea_recombination_interface_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_Ea_exchange", &p->Ea_exchange_eV));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_generation_dipole", &dip));
  p->dipole_generation_eAng = dip * 1e10; /* the key is the length b/e in m; the field is e*Angstrom */
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_z_vacancy", &p->z_defect));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_z_ion", &p->z_ion));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_activation_volume", &p->activation_volume_m3));
  PetscCall(MfConfigGetRealIfSet("kmc_vcm_initial_defects", &p->initial_defect_fraction));
  PetscCall(MfConfigGetBool("kmc_vcm_reservoir", &b, &set));
  if (set) p->top_reservoir = b;
  PetscFunctionReturn(0);
}

PetscErrorCode MfVcmParamsView(const MfVcmParams *p, PetscViewer viewer)
{
  PetscFunctionBeginUser;
  PetscCall(PetscViewerASCIIPrintf(viewer, "VCM: nu %g Hz; Ea generation %g (reservoir interface %g), recombination %g, V_O hop %g, O_i hop %g, exchange %g eV; dipole %g e*Angstrom; z(V_O) %g, z(O_i) %g; Omega %g m^3; initial V_O fraction %g; top reservoir %s\n", (double)p->nu_Hz, (double)p->Ea_generation_eV, (double)p->Ea_generation_interface_eV, (double)p->Ea_recombination_eV, (double)p->Ea_hop_defect_eV,
                                   (double)p->Ea_hop_ion_eV, (double)p->Ea_exchange_eV, (double)p->dipole_generation_eAng, (double)p->z_defect, (double)p->z_ion, (double)p->activation_volume_m3, (double)p->initial_defect_fraction, p->top_reservoir ? "yes" : "no"));
  if (p->Ea_recombination_interface_eV >= 0.0) PetscCall(PetscViewerASCIIPrintf(viewer, "VCM: reservoir oxygen refills an interface V_O over %g eV (bulk recombination %g eV): V_O + reservoir O lies %+g eV above the pristine interface\n", (double)p->Ea_recombination_interface_eV, (double)p->Ea_recombination_eV, (double)(p->Ea_generation_interface_eV - p->Ea_recombination_interface_eV)));
  PetscFunctionReturn(0);
}

/* The key table sits at the end: the short constructors of mf_keys_table.h stay out of the code above. */
#include "mf_keys_table.h"

/* Deck keys of the VCM mechanism (kmc_vcm_*; unset = the published set), with the filament map's */
static const MfKey kVcmKeys[] = {
  KR("kmc_vcm_initial_defects", "", "", 0, 1, F, T, "VCM: as-deposited oxygen-vacancy site fraction (unset = 0)"),
  KS("kmc_vcm_material", "", "VCM: parameter set HfO2|TaOx|ZnO|NiO (unset = from the functional layer's material)"),
  KR("kmc_vcm_nu", "Hz", "", 0, 1e16, T, F, "VCM: attempt frequency of all events (DeviceKMC HfO2: 1e14 Hz)"),
  KR("kmc_vcm_Ea_generation", "eV", "", 0, 20, F, F, "VCM: zero-field Frenkel-pair (V_O + O_i) generation barrier (HfO2 bulk 3.93 eV, Ti interface 1.66 eV)"),
  KR("kmc_vcm_Ea_generation_interface", "eV", "", 0, 20, F, F, "VCM: Frenkel-pair generation at the reservoir interface, its O into the reservoir (HfO2/Ti: 1.66 eV, DeviceKMC)"),
  KR("kmc_vcm_Ea_recombination", "eV", "", 0, 20, F, F, "VCM: V_O + O_i recombination barrier (DeviceKMC: 0 eV)"),
  KR("kmc_vcm_Ea_recombination_interface", "eV", "", 0, 20, F, F, "VCM: barrier of reservoir oxygen refilling a V_O of the interface layer (unset = kmc_vcm_Ea_recombination)"),
  KR("kmc_vcm_Ea_hop_vacancy", "eV", "", 0, 20, F, F, "VCM: oxygen-vacancy migration barrier (HfO2: 1.09 eV)"),
  KR("kmc_vcm_Ea_hop_ion", "eV", "", 0, 20, F, F, "VCM: oxygen-ion (interstitial) migration barrier (HfO2: 0.76 eV)"),
  KR("kmc_vcm_Ea_exchange", "eV", "", 0, 20, F, F, "VCM: barrier of oxygen exchange between the top layer and the reservoir (Stanford-PKU: 0.82 eV)"),
  KR("kmc_vcm_generation_dipole", "m", "", 0, 1e-8, F, F, "VCM: field-lowering dipole of generation as length b/e (5 Angstrom = 5 e*Angstrom): Eb = Ea - b E"),
  KR("kmc_vcm_z_vacancy", "", "", 0, 4, T, F, "VCM: charge number of the oxygen vacancy (V_O^2+: 2)"),
  KR("kmc_vcm_z_ion", "", "", -4, 0, F, T, "VCM: charge number of the oxygen ion (O^2-: -2)"),
  KR("kmc_vcm_activation_volume", "m^3", "", -1e-27, 1e-27, F, F, "VCM: activation volume Omega of all barriers, Ea - Omega sigma_h (tensile stress positive)"),
  KB("kmc_vcm_reservoir", "", "VCM: oxygen exchange with a reactive top electrode / interface layer (unset = true)"),
};

PetscErrorCode MfVcmRegisterKeys(void)
{
  PetscFunctionBeginUser;
  PetscCall(FilRegisterMapKeys_Private());
  PetscCall(FilRegisterInitialKeys_Private());
  PetscCall(MfKeysRegister(kVcmKeys, MF_KEYS_N(kVcmKeys)));
  PetscFunctionReturn(0);
}
