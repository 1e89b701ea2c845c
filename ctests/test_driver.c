/* ctests/test_driver.c - the driver interface (include/rustpsa/driver.h):
 * registration rules, transparent drivers (fallback on NOT_SUPPORTED, errors
 * propagate, nothing leaks, the driver's output is used), the re-entrancy
 * whitelist, and an opaque driver ("vault": import, generate, export, MAC,
 * sign, persistence of its key context, destroy_key exactly once, purge
 * never destroys, psa_attach_key). The concurrent scenarios are in
 * conc_driver.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "drivers_common.h"

static const uint8_t abc[3] = {'a', 'b', 'c'};
static const char *abc_sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/* RFC 4231 test case 2. */
static const uint8_t jefe[4] = {'J', 'e', 'f', 'e'};
static const char *what = "what do ya want for nothing?";
static const char *jefe_mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

static int vault_used(void)
{
    int n = 0;
    pthread_mutex_lock(&vault_mutex);
    for (int i = 0; i < VAULT_SLOTS - 1; i++) n += vault[i].used;
    pthread_mutex_unlock(&vault_mutex);
    return n;
}

static void registration(void)
{
    rustpsa_driver_t d = vault_driver(0);
    CHECK_STATUS(rustpsa_register_driver(NULL), PSA_ERROR_INVALID_ARGUMENT);
    d.version = 99;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_NOT_SUPPORTED);
    d = vault_driver(0);
    d.name = NULL;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_INVALID_ARGUMENT);
    d = vault_driver(0x80);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_INVALID_ARGUMENT);
    d = vault_driver(0);
    d.location = 0x1000000;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_INVALID_ARGUMENT);
    d = vault_driver(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_ALREADY_EXISTS);
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

static void transparent(void)
{
    rustpsa_driver_t d = counter_driver();
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_pkcs11_configure("x", "y", "z"), PSA_ERROR_BAD_STATE);

    uint8_t expect[32], h[64], sig[64], ct[64], mac[32];
    size_t n = 0, sl = 0;
    ct_unhex(abc_sha256, expect, sizeof expect);
    /* Declining driver: called once per call, the built-in answer is returned. */
    counter_mode = MODE_DECLINE;
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, h, sizeof h, &n), PSA_SUCCESS);
    CHECK_MEM(h, n, expect, 32);
    CHECK(counter_hash_calls == 1);
    psa_key_id_t ec = 0, aes = 0, hm = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                                      PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_generate_key(&a, &ec), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(ec, PSA_ALG_ECDSA(PSA_ALG_SHA_256), expect, 32, sig, sizeof sig, &sl), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(ec, PSA_ALG_ECDSA(PSA_ALG_SHA_256), expect, 32, sig, sl), PSA_SUCCESS);
    CHECK(counter_sign_calls == 1);
    uint8_t k16[16] = {1, 2, 3};
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_NO_PADDING, k16, 16, &aes), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_encrypt(aes, PSA_ALG_CBC_NO_PADDING, k16, 16, ct, sizeof ct, &n), PSA_SUCCESS);
    CHECK(n == 32 && counter_cipher_calls == 1);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), jefe, 4, &hm), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(hm, PSA_ALG_HMAC(PSA_ALG_SHA_256), (const uint8_t *)what, strlen(what), mac, sizeof mac, &n), PSA_SUCCESS);
    uint8_t expect_mac[32];
    ct_unhex(jefe_mac, expect_mac, 32);
    CHECK_MEM(mac, n, expect_mac, 32);
    CHECK(counter_mac_calls == 1);
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("counter", &st), PSA_SUCCESS);
    /* hash, generate, sign, verify, cipher, MAC: six dispatches, all declined. */
    if (!CHECK(st.calls == 6 && st.declined == 6 && st.max_concurrent == 1 && st.destroyed == 0))
        printf("stats: calls %llu declined %llu max %llu destroyed %llu\n", (unsigned long long)st.calls, (unsigned long long)st.declined, (unsigned long long)st.max_concurrent, (unsigned long long)st.destroyed);
    CHECK_STATUS(rustpsa_driver_get_stats("nobody", &st), PSA_ERROR_DOES_NOT_EXIST);
    CHECK_STATUS(rustpsa_driver_get_stats(NULL, &st), PSA_ERROR_INVALID_ARGUMENT);

    /* Failing driver: its status reaches the caller; the outputs say nothing;
     * no reader registration is left behind (the keys can be destroyed). */
    counter_mode = MODE_FAIL;
    n = 99;
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, h, sizeof h, &n), PSA_ERROR_HARDWARE_FAILURE);
    CHECK(n == 0);
    sl = 99;
    CHECK_STATUS(psa_sign_hash(ec, PSA_ALG_ECDSA(PSA_ALG_SHA_256), expect, 32, sig, sizeof sig, &sl), PSA_ERROR_HARDWARE_FAILURE);
    CHECK(sl == 0);
    counter_fail_status = PSA_ERROR_COMMUNICATION_FAILURE;
    CHECK_STATUS(psa_cipher_encrypt(aes, PSA_ALG_CBC_NO_PADDING, k16, 16, ct, sizeof ct, &n), PSA_ERROR_COMMUNICATION_FAILURE);
    counter_fail_status = PSA_ERROR_INSUFFICIENT_MEMORY;
    CHECK_STATUS(psa_mac_compute(hm, PSA_ALG_HMAC(PSA_ALG_SHA_256), abc, 3, mac, sizeof mac, &n), PSA_ERROR_INSUFFICIENT_MEMORY);
    CHECK_STATUS(psa_mac_verify(hm, PSA_ALG_HMAC(PSA_ALG_SHA_256), abc, 3, mac, 32), PSA_ERROR_NOT_PERMITTED);
    counter_fail_status = 7; /* not a PSA status */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, h, sizeof h, &n), PSA_ERROR_CORRUPTION_DETECTED);
    counter_fail_status = -1234; /* an unknown error code */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, h, sizeof h, &n), PSA_ERROR_GENERIC_ERROR);
    CHECK_STATUS(psa_destroy_key(ec), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(aes), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(hm), PSA_SUCCESS);

    /* Serving driver: its output is what the caller gets; from inside, the
     * whitelisted calls work and the others are refused with BAD_STATE. */
    counter_mode = MODE_SERVE;
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, h, sizeof h, &n), PSA_SUCCESS);
    uint8_t marker[32];
    for (int i = 0; i < 32; i++) marker[i] = (uint8_t)~expect[i];
    CHECK_MEM(h, n, marker, 32);
    CHECK_STATUS(reentry_hash, PSA_SUCCESS);
    CHECK_STATUS(reentry_random, PSA_SUCCESS);
    CHECK_STATUS(reentry_sign, PSA_ERROR_BAD_STATE);
    CHECK_STATUS(reentry_import, PSA_ERROR_BAD_STATE);
    CHECK_STATUS(reentry_destroy, PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, abc, 3, marker, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, abc, 3, expect, 32), PSA_ERROR_INVALID_SIGNATURE);
    /* The library still works normally after the refused calls. */
    CHECK_STATUS(psa_generate_random(h, 16), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
    counter_mode = MODE_DECLINE;
}

static void opaque(void)
{
    char *dir = ct_use_temp_storage("driver");
    rustpsa_driver_t d = vault_driver(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    d = counter_driver();
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    const psa_algorithm_t hmac = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    uint8_t mac[32], ref[32], buf[128];
    size_t n = 0, rn = 0;
    ct_unhex(jefe_mac, ref, 32);

    /* Import into the vault; the MAC (computed by the driver from whitelisted
     * hash calls) equals RFC 4231's. */
    psa_key_attributes_t a = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_EXPORT, hmac);
    psa_key_id_t k = 0;
    CHECK_STATUS(psa_import_key(&a, jefe, 4, &k), PSA_SUCCESS);
    CHECK(vault_used() == 1);
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
    CHECK(PSA_KEY_LIFETIME_GET_LOCATION(psa_get_key_lifetime(&got)) == VAULT_LOCATION);
    CHECK(psa_get_key_bits(&got) == 32);
    CHECK_STATUS(psa_mac_compute(k, hmac, (const uint8_t *)what, strlen(what), mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 32);
    CHECK_STATUS(psa_mac_verify(k, hmac, (const uint8_t *)what, strlen(what), ref, 32), PSA_SUCCESS);
    ref[0] ^= 1;
    CHECK_STATUS(psa_mac_verify(k, hmac, (const uint8_t *)what, strlen(what), ref, 32), PSA_ERROR_INVALID_SIGNATURE);
    ref[0] ^= 1;
    /* Policy is the core's: a usage the key lacks is refused before the driver. */
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_512), abc, 3, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_SUCCESS);
    CHECK_MEM(buf, n, jefe, 4);
    /* No entry point, no built-in fallback for a driver key. */
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_ERROR_NOT_SUPPORTED);
    psa_mac_abort(&op);
    psa_key_attributes_t ca = ct_attrs(0, 0, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    psa_key_id_t copy = 0;
    CHECK_STATUS(psa_copy_key(k, &ca, &copy), PSA_ERROR_NOT_PERMITTED); /* no COPY usage */
    CHECK_STATUS(psa_export_public_key(k, buf, sizeof buf, &n), PSA_ERROR_INVALID_ARGUMENT);
    /* Destroy calls destroy_key exactly once. */
    unsigned long before = vault_destroy_calls;
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1 && vault_used() == 0);
    CHECK_STATUS(psa_destroy_key(k), PSA_ERROR_INVALID_HANDLE);
    CHECK(vault_destroy_calls == before + 1);

    /* Export needs the EXPORT usage. */
    a = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_COPY, hmac);
    CHECK_STATUS(psa_import_key(&a, jefe, 4, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_copy_key(k, &ca, &copy), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);

    /* Generate in the vault; the MAC matches the built-in HMAC of the same
     * key (exported from the vault, imported locally). */
    a = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_EXPORT, hmac);
    psa_set_key_bits(&a, 256);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_SUCCESS);
    CHECK(n == 32);
    psa_key_id_t local = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, hmac, buf, n, &local), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k, hmac, abc, 3, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(local, hmac, abc, 3, ref, sizeof ref, &rn), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, rn);
    /* Purge of a volatile key does nothing; destroy_key is not called. */
    before = vault_destroy_calls;
    CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1);

    /* A failing import leaves nothing; a creation that fails after the driver
     * made its key (the id is taken) destroys the driver's key again. */
    vault_import_status = PSA_ERROR_INSUFFICIENT_MEMORY;
    k = 77;
    CHECK_STATUS(psa_import_key(&a, jefe, 4, &k), PSA_ERROR_INSUFFICIENT_MEMORY);
    CHECK(k == PSA_KEY_ID_NULL && vault_used() == 0);
    vault_import_status = PSA_SUCCESS;
    psa_key_attributes_t pa = vault_attrs(PSA_KEY_TYPE_HMAC, 0x1001, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    CHECK_STATUS(psa_import_key(&pa, jefe, 4, &k), PSA_SUCCESS);
    CHECK(k == 0x1001 && vault_used() == 1);
    before = vault_destroy_calls;
    psa_key_id_t k2 = 0;
    CHECK_STATUS(psa_import_key(&pa, jefe, 4, &k2), PSA_ERROR_ALREADY_EXISTS);
    CHECK(vault_destroy_calls == before + 1 && vault_used() == 1);

    /* The persistent key's context survives a restart of the library. */
    mbedtls_psa_crypto_free();
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    ct_unhex(jefe_mac, ref, 32);
    CHECK_STATUS(psa_mac_compute(0x1001, hmac, (const uint8_t *)what, strlen(what), mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 32);
    before = vault_destroy_calls;
    CHECK_STATUS(psa_purge_key(0x1001), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before && vault_used() == 1);
    CHECK_STATUS(psa_destroy_key(0x1001), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1 && vault_used() == 0);
    CHECK_STATUS(psa_get_key_attributes(0x1001, &got), PSA_ERROR_INVALID_HANDLE);
    /* A persistent driver key not in memory is destroyed in the driver too. */
    CHECK_STATUS(psa_import_key(&pa, jefe, 4, &k), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    before = vault_destroy_calls;
    CHECK_STATUS(psa_destroy_key(0x1001), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1 && vault_used() == 0);

    /* Keys made by the built-in code (a copy, an agreement) never land in a
     * driver's location. */
    psa_key_id_t src = 0, ecdh = 0, agreed = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_SIGN_MESSAGE, hmac, jefe, 4, &src), PSA_SUCCESS);
    psa_key_attributes_t ta = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    copy = 5;
    CHECK_STATUS(psa_copy_key(src, &ta, &copy), PSA_ERROR_NOT_SUPPORTED);
    CHECK(copy == PSA_KEY_ID_NULL);
    psa_key_attributes_t ea = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&ea, &ecdh), PSA_SUCCESS);
    uint8_t peer[65];
    size_t pl = 0;
    CHECK_STATUS(psa_export_public_key(ecdh, peer, sizeof peer, &pl), PSA_SUCCESS);
    psa_key_attributes_t da = vault_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_key_agreement(ecdh, peer, pl, PSA_ALG_ECDH, &da, &agreed), PSA_ERROR_NOT_SUPPORTED);
    CHECK(vault_used() == 0);
    CHECK_STATUS(psa_destroy_key(src), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(ecdh), PSA_SUCCESS);

    /* A location no driver owns is invalid, as without drivers. */
    psa_key_attributes_t bad = a;
    psa_set_key_lifetime(&bad, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 0x800999));
    CHECK_STATUS(psa_import_key(&bad, jefe, 4, &k), PSA_ERROR_INVALID_ARGUMENT);

    /* psa_attach_key adopts the vault's preloaded key under a new id. */
    pthread_mutex_lock(&vault_mutex);
    vault[VAULT_SLOTS - 1].used = 1;
    memcpy(vault[VAULT_SLOTS - 1].data, jefe, 4);
    vault[VAULT_SLOTS - 1].len = 4;
    pthread_mutex_unlock(&vault_mutex);
    psa_key_attributes_t at = vault_attrs(PSA_KEY_TYPE_HMAC, 0x1002, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    k = 5;
    CHECK_STATUS(psa_attach_key(&at, (const uint8_t *)"preloaded", 9, &k), PSA_SUCCESS);
    CHECK(k == 0x1002);
    CHECK_STATUS(psa_mac_compute(k, hmac, (const uint8_t *)what, strlen(what), mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 32);
    CHECK_STATUS(psa_attach_key(&at, (const uint8_t *)"preloaded", 9, &k2), PSA_ERROR_ALREADY_EXISTS);
    CHECK(k2 == PSA_KEY_ID_NULL);
    CHECK_STATUS(psa_purge_key(0x1002), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(0x1002, hmac, (const uint8_t *)what, strlen(what), mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_attach_key(&at, (const uint8_t *)"missing", 7, &k2), PSA_ERROR_DOES_NOT_EXIST);
    CHECK_STATUS(psa_attach_key(&at, NULL, 0, &k2), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_attributes_t wrong = at;
    psa_set_key_bits(&wrong, 64);
    psa_set_key_id(&wrong, 0x1003);
    CHECK_STATUS(psa_attach_key(&wrong, (const uint8_t *)"preloaded", 9, &k2), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_attributes_t loc = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    CHECK_STATUS(psa_attach_key(&loc, (const uint8_t *)"preloaded", 9, &k2), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_attach_key(NULL, (const uint8_t *)"preloaded", 9, &k2), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_destroy_key(0x1002), PSA_SUCCESS);
    pthread_mutex_lock(&vault_mutex);
    CHECK(vault[VAULT_SLOTS - 1].used == 0); /* destroy_key erased it */
    pthread_mutex_unlock(&vault_mutex);

    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("vault", &st), PSA_SUCCESS);
    CHECK(st.destroyed == 2 && st.max_concurrent == 1);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
    k2 = 9;
    CHECK_STATUS(psa_attach_key(&at, (const uint8_t *)"preloaded", 9, &k2), PSA_ERROR_BAD_STATE);
    CHECK(k2 == PSA_KEY_ID_NULL);
    CHECK_STATUS(rustpsa_driver_get_stats("vault", &st), PSA_ERROR_BAD_STATE);
    ct_remove_dir(dir);
    free(dir);
}

int main(void)
{
    registration();
    transparent();
    opaque();
    return report();
}
