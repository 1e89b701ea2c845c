/* ctests/pkcs11/p11_common.h - a fresh SoftHSM2 token per test program.
 *
 * p11_setup() makes a temporary directory with a softhsm2.conf whose token
 * directory is inside it, points SOFTHSM2_CONF at it, initialises a token
 * (label P11_LABEL, user PIN P11_PIN) with softhsm2-util and sets a private
 * key-storage directory. The module path is $P11_MODULE or SoftHSM's default. */
#ifndef RUSTPSA_CTESTS_P11_COMMON_H
#define RUSTPSA_CTESTS_P11_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rustpsa/driver.h>
#include "../common.h"

#define P11_LABEL "rustpsa-test"
#define P11_PIN "5678"
#define P11_SO_PIN "1234"

static char p11_dir[512];

static __attribute__((unused)) const char *p11_module(void)
{
    const char *m = getenv("P11_MODULE");
    return m && *m ? m : "/usr/lib/softhsm/libsofthsm2.so";
}

/* Returns 0 when SoftHSM2 is not installed (the caller skips). */
static __attribute__((unused)) int p11_setup(const char *tag)
{
    char *dir = ct_make_temp_dir(tag);
    snprintf(p11_dir, sizeof p11_dir, "%s", dir);
    free(dir);
    char path[700], cmd[1600];
    snprintf(path, sizeof path, "%s/tokens", p11_dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    if (system(cmd) != 0) return 0;
    snprintf(path, sizeof path, "%s/softhsm2.conf", p11_dir);
    FILE *f = fopen(path, "w");
    if (!f) return 0;
    fprintf(f, "directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n", p11_dir);
    fclose(f);
    setenv("SOFTHSM2_CONF", path, 1);
    snprintf(cmd, sizeof cmd,
             "softhsm2-util --init-token --free --label %s --so-pin %s --pin %s >/dev/null",
             P11_LABEL, P11_SO_PIN, P11_PIN);
    if (system(cmd) != 0) return 0;
    snprintf(path, sizeof path, "%s/keys", p11_dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    if (system(cmd) != 0) return 0;
    if (rustpsa_set_storage_dir(path) != PSA_SUCCESS) return 0;
    return 1;
}

/* Lifetime of a key in the token. */
static __attribute__((unused)) psa_key_lifetime_t p11_lifetime(int persistent)
{
    return PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
        persistent ? PSA_KEY_PERSISTENCE_DEFAULT : PSA_KEY_PERSISTENCE_VOLATILE, RUSTPSA_LOCATION_PKCS11);
}

static __attribute__((unused)) psa_key_attributes_t p11_attrs(psa_key_type_t t, size_t bits, psa_key_usage_t u,
                                                              psa_algorithm_t alg, psa_key_id_t persistent_id)
{
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    psa_set_key_lifetime(&a, p11_lifetime(persistent_id != 0));
    if (persistent_id) psa_set_key_id(&a, persistent_id);
    return a;
}

#endif
