#ifndef MF_CONSTANTS_H
#define MF_CONSTANTS_H
/* Physical constants, exact in the SI since 2019 (BIPM SI Brochure, 9th ed., 2019). */

#define MF_KB_J_PER_K     1.380649e-23                      /* Boltzmann constant */
#define MF_E_C            1.602176634e-19                   /* elementary charge; also 1 eV in J */
#define MF_KB_EV_PER_K    (MF_KB_J_PER_K / MF_E_C)           /* Boltzmann constant in eV/K */
#define MF_ZERO_CELSIUS_K 273.15                            /* 0 degC in K */

#endif
