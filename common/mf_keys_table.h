#ifndef MF_KEYS_TABLE_H
#define MF_KEYS_TABLE_H
/* Short constructors for the static key tables of the modules. Include only in the .c file that defines
 * a table (the names are short on purpose: one key per line). */
#include "mf_keys.h"

#define BIG PETSC_MAX_REAL
#define T   PETSC_TRUE
#define F   PETSC_FALSE
/* name, SI unit, default, min, max, min open, max open, help */
#define KR(n, u, d, lo, hi, lo_o, hi_o, h) {n, MF_KEY_REAL, u, d, lo, hi, NULL, h, lo_o, hi_o}
#define KA(n, u, d, lo, hi, lo_o, hi_o, h) {n, MF_KEY_REAL_ARRAY, u, d, lo, hi, NULL, h, lo_o, hi_o}
#define KI(n, d, lo, hi, h)                {n, MF_KEY_INT, "", d, lo, hi, NULL, h, F, F}
#define KB(n, d, h)                        {n, MF_KEY_BOOL, "", d, 0, 0, NULL, h, F, F}
#define KS(n, d, h)                        {n, MF_KEY_STRING, "", d, 0, 0, NULL, h, F, F}
#define KE(n, d, c, h)                     {n, MF_KEY_ENUM, "", d, 0, 0, c, h, F, F}
/* n = number of entries of a static table */
#define MF_KEYS_N(table) ((PetscInt)(sizeof(table) / sizeof((table)[0])))

#endif
