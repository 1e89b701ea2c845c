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

/* ---- multi-part driver operations ---------------------------------------- */

/* Whether every operation the mp driver set up was aborted exactly once. */
static int mp_balanced(void)
{
    return __atomic_load_n(&mp_setups, __ATOMIC_SEQ_CST) == __atomic_load_n(&mp_aborts, __ATOMIC_SEQ_CST) &&
           __atomic_load_n(&mp_abort_errors, __ATOMIC_SEQ_CST) == 0;
}

static void mp_hash(void)
{
    uint8_t real[32], marker[32], out[64];
    size_t n = 0;
    ct_unhex(abc_sha256, real, 32);
    for (int i = 0; i < 32; i++) marker[i] = (uint8_t)~real[i];
    unsigned long setups = mp_setups;
    /* Served by the driver, fed in pieces (one of them empty). */
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, cl = PSA_HASH_OPERATION_INIT;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK(mp_setups == setups + 1);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_ERROR_BAD_STATE); /* active: aborted */
    CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_ERROR_BAD_STATE);
    CHECK(mp_balanced());
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, NULL, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_clone(&op, &cl), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc + 1, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&cl, abc + 1, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, marker, 32);
    CHECK_STATUS(psa_hash_verify(&cl, marker, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_ERROR_BAD_STATE);
    CHECK(mp_balanced());
    /* verify compares; a wrong digest is INVALID_SIGNATURE (the real one is
     * wrong here: the driver served). */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_verify(&op, real, 32), PSA_ERROR_INVALID_SIGNATURE);
    /* A buffer too small ends the operation; the driver is aborted. */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, 31, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* Suspend has no driver entry point. */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_suspend(&op, out, sizeof out, &n), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_ERROR_BAD_STATE);
    /* Abort of a live driver operation. */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    CHECK(mp_balanced());
    /* SHA-512: the driver declines at setup, the built-in code serves. */
    setups = mp_setups;
    uint8_t ref512[64];
    size_t rn = 0;
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_512, abc, 3, ref512, sizeof ref512, &rn), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_512), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, ref512, rn);
    CHECK(mp_setups == setups);
    /* A built-in operation cannot be cloned onto a live driver one. */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_512), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_setup(&cl, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_clone(&op, &cl), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_clone(&cl, &op), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_abort(&cl), PSA_SUCCESS);
    /* Objects of one kind are refused by another kind's functions. */
    psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    memcpy(&m, &op, sizeof m < sizeof op ? sizeof m : sizeof op);
    CHECK_STATUS(psa_mac_update(&m, abc, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    CHECK(mp_balanced());
}

static void mp_mac(void)
{
    const psa_algorithm_t hmac = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    uint8_t ref[32], mac[64];
    size_t n = 0;
    ct_unhex(jefe_mac, ref, 32);
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, hmac, jefe, 4, &k), PSA_SUCCESS);
    unsigned long setups = mp_setups;
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK(mp_setups == setups + 1);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what + 10, strlen(what) - 10), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 32), PSA_ERROR_BAD_STATE); /* a sign operation */
    CHECK_STATUS(psa_mac_update(&op, abc, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, 31, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 32); /* RFC 4231 test case 2 */
    /* verify: the core compares the driver's MAC (no mac_verify_finish). */
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 32), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 31), PSA_ERROR_INVALID_SIGNATURE);
    CHECK(mp_balanced());
    /* The core's policy comes first: a usage the key lacks never reaches the driver. */
    setups = mp_setups;
    psa_key_id_t signer = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, hmac, jefe, 4, &signer), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_setup(&op, signer, hmac), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_sign_setup(&op, signer, PSA_ALG_HMAC(PSA_ALG_SHA_512)), PSA_ERROR_NOT_PERMITTED);
    CHECK(mp_setups == setups);
    /* A truncated MAC: the driver declines, the built-in code serves it. */
    psa_key_id_t tk = 0;
    const psa_algorithm_t t16 = PSA_ALG_TRUNCATED_MAC(hmac, 16);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, t16, jefe, 4, &tk), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_setup(&op, tk, t16), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 16);
    CHECK(mp_setups == setups);
    /* Destroying the key cuts the operation off: the driver is aborted at
     * once, later steps are BAD_STATE, abort succeeds without a second abort. */
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, abc, 3), PSA_SUCCESS);
    unsigned long aborts = mp_aborts;
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK(mp_aborts == aborts + 1);
    CHECK_STATUS(psa_mac_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    CHECK(mp_balanced());
    CHECK_STATUS(psa_destroy_key(signer), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tk), PSA_SUCCESS);
}

/* The toy stream of the mp driver, recomputed. */
static void mp_expect(const uint8_t *key, size_t kl, const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out)
{
    for (size_t i = 0; i < len; i++) out[i] = (uint8_t)(in[i] ^ mp_ks(key, kl, iv, i));
}

static void mp_cipher(void)
{
    uint8_t key[16], iv[16], pt[40], ct[64], want[40], back[64];
    size_t n = 0, m = 0, total = 0;
    for (int i = 0; i < 16; i++) { key[i] = (uint8_t)(0x10 + i); iv[i] = (uint8_t)(0xa0 + i); }
    for (int i = 0; i < 40; i++) pt[i] = (uint8_t)(i * 3);
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CTR, key, 16, &k), PSA_SUCCESS);
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    unsigned long setups = mp_setups;
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK(mp_setups == setups + 1);
    CHECK_STATUS(psa_cipher_update(&op, pt, 16, ct, sizeof ct, &n), PSA_ERROR_BAD_STATE); /* no IV yet */
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 15), PSA_ERROR_INVALID_ARGUMENT); /* the driver's check */
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 16), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&op, pt, 7, ct, sizeof ct, &n), PSA_SUCCESS);
    total = n;
    CHECK_STATUS(psa_cipher_update(&op, pt + 7, 33, ct + total, sizeof ct - total, &n), PSA_SUCCESS);
    total += n;
    CHECK_STATUS(psa_cipher_finish(&op, ct + total, sizeof ct - total, &n), PSA_SUCCESS);
    total += n;
    mp_expect(key, 16, iv, pt, 40, want);
    CHECK_MEM(ct, total, want, 40);
    /* generate_iv: the core's random IV goes to the driver's set_iv. */
    uint8_t giv[16];
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_generate_iv(&op, giv, 15, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_generate_iv(&op, giv, sizeof giv, &n), PSA_SUCCESS);
    CHECK(n == 16);
    CHECK_STATUS(psa_cipher_generate_iv(&op, giv, sizeof giv, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_cipher_decrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&op, ct, 40, back, sizeof back, &m), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&op, back + m, sizeof back - m, &n), PSA_SUCCESS);
    CHECK_MEM(back, m + n, pt, 40);
    /* An output buffer too small: the driver's status, the operation ends. */
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&op, pt, 40, ct, 39, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_cipher_finish(&op, ct, sizeof ct, &n), PSA_ERROR_BAD_STATE);
    CHECK(mp_balanced());
    /* CBC: declined, served by the built-in code (equal to its one-shot). */
    psa_key_id_t cbc = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_NO_PADDING, key, 16, &cbc), PSA_SUCCESS);
    setups = mp_setups;
    CHECK_STATUS(psa_cipher_decrypt_setup(&op, cbc, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
    CHECK(mp_setups == setups);
    CHECK_STATUS(psa_cipher_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(cbc), PSA_SUCCESS);
}

static void mp_aead(void)
{
    uint8_t key[16], nonce[12], pt[30], ad[5] = {1, 2, 3, 4, 5}, ct[64], tag[16], want[30], wtag[16] = {0}, back[64];
    size_t n = 0, tl = 0, total = 0;
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)(0x40 + i);
    for (int i = 0; i < 12; i++) nonce[i] = (uint8_t)(0x70 + i);
    for (int i = 0; i < 30; i++) pt[i] = (uint8_t)(0xc0 ^ i);
    uint8_t iv[16] = {0};
    memcpy(iv, nonce, 12);
    mp_expect(key, 16, iv, pt, 30, want);
    for (int i = 0; i < 5; i++) wtag[i % 16] ^= (uint8_t)(ad[i] + 1);
    for (int i = 0; i < 30; i++) wtag[i % 16] ^= want[i];
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_GCM, key, 16, &k), PSA_SUCCESS);
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    unsigned long setups = mp_setups;
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK(mp_setups == setups + 1);
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 5), PSA_ERROR_BAD_STATE); /* no nonce */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, ad + 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, pt, 11, ct, sizeof ct, &n), PSA_SUCCESS);
    total = n;
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 1), PSA_ERROR_BAD_STATE); /* after the text: ends it */
    CHECK_STATUS(psa_aead_update(&op, pt, 1, ct, sizeof ct, &n), PSA_ERROR_BAD_STATE);
    /* Again, to the end. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, pt, 11, ct, sizeof ct, &n), PSA_SUCCESS);
    total = n;
    CHECK_STATUS(psa_aead_update(&op, pt + 11, 19, ct + total, sizeof ct - total, &n), PSA_SUCCESS);
    total += n;
    CHECK_STATUS(psa_aead_finish(&op, ct + total, sizeof ct - total, &n, tag, sizeof tag, &tl), PSA_SUCCESS);
    CHECK_MEM(ct, total + n, want, 30);
    CHECK_MEM(tag, tl, wtag, 16);
    /* Declared lengths are the core's to check. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, pt, 29, ct, sizeof ct, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, ct, sizeof ct, &n, tag, sizeof tag, &tl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 5, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, ad, 6 > sizeof ad ? 5 : 5), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, pt, 30, ct, sizeof ct, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, pt, 1, ct, sizeof ct, &n), PSA_ERROR_INVALID_ARGUMENT);
    /* generate_nonce on encryption only; a tag buffer too small. */
    uint8_t gn[12];
    CHECK_STATUS(psa_aead_decrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, gn, sizeof gn, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, gn, sizeof gn, &n), PSA_SUCCESS);
    CHECK(n == 12);
    CHECK_STATUS(psa_aead_finish(&op, ct, sizeof ct, &n, tag, 15, &tl), PSA_ERROR_BUFFER_TOO_SMALL);
    /* Decrypt and verify the tag; a wrong tag is INVALID_SIGNATURE. */
    for (int bad = 0; bad < 2; bad++) {
        size_t m = 0;
        CHECK_STATUS(psa_aead_decrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, 5), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, want, 30, back, sizeof back, &m), PSA_SUCCESS);
        CHECK_MEM(back, m, pt, 30);
        CHECK_STATUS(psa_aead_finish(&op, ct, sizeof ct, &n, tag, sizeof tag, &tl), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_aead_decrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, 5), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, want, 30, back, sizeof back, &m), PSA_SUCCESS);
        wtag[0] ^= (uint8_t)bad;
        CHECK_STATUS(psa_aead_verify(&op, back + m, sizeof back - m, &n, wtag, 16), bad ? PSA_ERROR_INVALID_SIGNATURE : PSA_SUCCESS);
        wtag[0] ^= (uint8_t)bad;
    }
    CHECK(mp_balanced());
    /* CCM: declined, the built-in code serves. */
    setups = mp_setups;
    psa_key_id_t ccm = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CCM, key, 16, &ccm), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, ccm, PSA_ALG_CCM), PSA_SUCCESS);
    CHECK(mp_setups == setups);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(ccm), PSA_SUCCESS);
}

/* The driver fails each step in turn with each of several statuses: the
 * status is the call's, the operation ends (later steps BAD_STATE, abort
 * succeeds) and the driver was aborted exactly once. Then a length above the
 * buffer size: CORRUPTION_DETECTED, same ending. */
static void mp_errors(void)
{
    static const psa_status_t statuses[] = {
        PSA_ERROR_HARDWARE_FAILURE, PSA_ERROR_INSUFFICIENT_MEMORY, PSA_ERROR_COMMUNICATION_FAILURE,
        PSA_ERROR_CORRUPTION_DETECTED, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_BAD_STATE,
        PSA_ERROR_GENERIC_ERROR, -12345 /* unknown: GENERIC_ERROR */, 7 /* not a status: CORRUPTION */,
    };
    static const int steps[] = {STEP_SETUP, STEP_UPDATE, STEP_FINISH};
    uint8_t out[64];
    size_t n = 0;
    psa_key_id_t hk = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), jefe, 4, &hk), PSA_SUCCESS);
    for (size_t si = 0; si < sizeof steps / sizeof steps[0]; si++) {
        for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
            psa_status_t want = statuses[i] == -12345 ? PSA_ERROR_GENERIC_ERROR
                              : statuses[i] > 0       ? PSA_ERROR_CORRUPTION_DETECTED
                                                      : statuses[i];
            mp_fail_status = statuses[i];
            mp_fail_step = steps[si];
            psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
            psa_status_t s = psa_hash_setup(&op, PSA_ALG_SHA_256);
            if (steps[si] == STEP_SETUP) {
                CHECK_STATUS(s, want);
            } else {
                CHECK_STATUS(s, PSA_SUCCESS);
                s = psa_hash_update(&op, abc, 3);
                if (steps[si] == STEP_UPDATE) CHECK_STATUS(s, want);
                else CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), want);
            }
            CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
            psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
            s = psa_mac_sign_setup(&m, hk, PSA_ALG_HMAC(PSA_ALG_SHA_256));
            if (steps[si] == STEP_SETUP) {
                CHECK_STATUS(s, want);
            } else {
                CHECK_STATUS(s, PSA_SUCCESS);
                s = psa_mac_update(&m, abc, 3);
                if (steps[si] == STEP_UPDATE) CHECK_STATUS(s, want);
                else CHECK_STATUS(psa_mac_sign_finish(&m, out, sizeof out, &n), want);
            }
            CHECK_STATUS(psa_mac_update(&m, abc, 3), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
            CHECK(mp_balanced());
        }
    }
    mp_fail_step = 0;
    /* NOT_SUPPORTED at setup is a decline: the built-in code serves. */
    mp_fail_status = PSA_ERROR_NOT_SUPPORTED;
    mp_fail_step = STEP_SETUP;
    uint8_t real[32];
    ct_unhex(abc_sha256, real, 32);
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, real, 32);
    mp_fail_step = 0;
    /* Lengths above the buffer: CORRUPTION_DETECTED, the operation ends. */
    mp_bad_length = 1;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_ERROR_CORRUPTION_DETECTED);
    CHECK(n == 0);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&m, hk, PSA_ALG_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&m, out, sizeof out, &n), PSA_ERROR_CORRUPTION_DETECTED);
    uint8_t key[16] = {1}, iv[16] = {2}, ct[32];
    psa_key_id_t ak = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, key, 16, &ak), PSA_SUCCESS);
    psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_encrypt_setup(&c, ak, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&c, key, 16, ct, sizeof ct, &n), PSA_ERROR_CORRUPTION_DETECTED);
    CHECK_STATUS(psa_cipher_update(&c, key, 16, ct, sizeof ct, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    mp_bad_length = 0;
    CHECK(mp_balanced());
    CHECK_STATUS(psa_destroy_key(hk), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(ak), PSA_SUCCESS);
}

/* The vault's multi-part HMAC on an opaque key; an opaque key's multi-part
 * operation without the entry point is NOT_SUPPORTED (the built-in code never
 * sees the key); destroy aborts the operation before destroy_key. */
static void mp_opaque(void)
{
    const psa_algorithm_t hmac = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    uint8_t ref[32], mac[32];
    size_t n = 0;
    ct_unhex(jefe_mac, ref, 32);
    psa_key_attributes_t a = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, hmac);
    psa_key_id_t k = 0;
    CHECK_STATUS(psa_import_key(&a, jefe, 4, &k), PSA_SUCCESS);
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what + 5, strlen(what) - 5), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, 32);
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)what, strlen(what)), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, 32), PSA_ERROR_INVALID_SIGNATURE);
    /* Another hash: the vault declines, and for an opaque key that is final. */
    psa_key_attributes_t a2 = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_512));
    psa_key_id_t k2 = 0;
    CHECK_STATUS(psa_import_key(&a2, jefe, 4, &k2), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_setup(&op, k2, PSA_ALG_HMAC(PSA_ALG_SHA_512)), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    /* Policy: the core's codes. */
    CHECK_STATUS(psa_mac_verify_setup(&op, k2, PSA_ALG_HMAC(PSA_ALG_SHA_512)), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_HMAC(PSA_ALG_SHA_512)), PSA_ERROR_NOT_PERMITTED);
    /* Destroy mid-operation: abort first, then destroy_key. */
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, abc, 3), PSA_SUCCESS);
    unsigned long aborts = mp_aborts, destroys = vault_destroy_calls;
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK(mp_aborts == aborts + 1 && vault_destroy_calls == destroys + 1);
    CHECK(mp_abort_seq < vault_destroy_seq);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    CHECK(mp_balanced());
    CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
    CHECK(vault_used() == 0);

    /* The specification's codes for driver keys: a key not compatible with
     * the algorithm is INVALID_ARGUMENT (after the policy's NOT_PERMITTED),
     * before the driver is asked. */
    psa_key_attributes_t pa = vault_attrs(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0,
                                          PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    uint8_t pub[65] = {0x04}, h[48] = {1}, sig[64]; /* h: the SHA-384 case passes 48 bytes */
    for (int i = 1; i < 65; i++) pub[i] = (uint8_t)i;
    psa_key_id_t pk = 0;
    CHECK_STATUS(psa_import_key(&pa, pub, sizeof pub, &pk), PSA_SUCCESS);
    unsigned long signs = vault_sign_calls;
    CHECK_STATUS(psa_sign_hash(pk, PSA_ALG_ECDSA(PSA_ALG_SHA_256), h, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(pk, PSA_ALG_ECDSA(PSA_ALG_SHA_384), h, 48, sig, sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK(vault_sign_calls == signs);
    CHECK_STATUS(psa_destroy_key(pk), PSA_SUCCESS);
    psa_key_attributes_t ca = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC);
    CHECK_STATUS(psa_import_key(&ca, jefe, 4, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CMAC, abc, 3, mac, sizeof mac, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_CMAC), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, hmac), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    /* An HMAC key with an AEAD or a cipher policy: no such AEAD for the type
     * (INVALID_ARGUMENT), no cipher for the pair (NOT_SUPPORTED, as the
     * built-in code and Mbed TLS report it). */
    uint8_t nonce[12] = {0}, ct[64];
    psa_key_attributes_t ga = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM);
    CHECK_STATUS(psa_import_key(&ga, jefe, 4, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, nonce, 12, NULL, 0, abc, 3, ct, sizeof ct, &n), PSA_ERROR_INVALID_ARGUMENT);
    psa_aead_operation_t ao = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&ao, k, PSA_ALG_GCM), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_abort(&ao), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    psa_key_attributes_t cb = vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING);
    CHECK_STATUS(psa_import_key(&cb, jefe, 4, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CBC_NO_PADDING, ct, 16, ct, sizeof ct, &n), PSA_ERROR_NOT_SUPPORTED);
    psa_cipher_operation_t co = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_encrypt_setup(&co, k, PSA_ALG_CBC_NO_PADDING), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_cipher_abort(&co), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK(vault_used() == 0);
}

/* Transparent export_public_key: offered to the driver for a local key pair
 * (never for a public key: its export is its material); the driver's output
 * must be a public key of the key's family and size. */
static void mp_export(void)
{
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_SIGN_HASH,
                                      PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    psa_key_id_t k = 0, other = 0, pub = 0;
    uint8_t real[65], wrong[65], out[133];
    size_t rl = 0, wl = 0, n = 0;
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_key(&a, &other), PSA_SUCCESS);
    unsigned long calls = mp_export_calls;
    CHECK_STATUS(psa_export_public_key(k, real, sizeof real, &rl), PSA_SUCCESS); /* declined: built-in */
    CHECK_STATUS(psa_export_public_key(other, wrong, sizeof wrong, &wl), PSA_SUCCESS);
    CHECK(mp_export_calls == calls + 2 && rl == 65);
    memcpy(mp_public, real, rl);
    mp_public_len = rl;
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, real, rl);
    CHECK(mp_export_calls == calls + 3);
    /* The served value is the driver's (here: another key's public key). */
    memcpy(mp_public, wrong, wl);
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, wrong, wl);
    /* Not a P-256 public key: CORRUPTION_DETECTED. */
    mp_public[0] = 0x05;
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_ERROR_CORRUPTION_DETECTED);
    CHECK(n == 0);
    mp_public_len = 33;
    memcpy(mp_public, real, 33);
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_ERROR_CORRUPTION_DETECTED);
    memcpy(mp_public, real, rl);
    mp_public_len = rl;
    mp_bad_length = 1;
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_ERROR_CORRUPTION_DETECTED);
    mp_bad_length = 0;
    mp_fail_status = PSA_ERROR_HARDWARE_FAILURE;
    mp_fail_step = STEP_FINISH;
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &n), PSA_ERROR_HARDWARE_FAILURE);
    mp_fail_step = 0;
    CHECK_STATUS(psa_export_public_key(k, out, 64, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    /* A public key is exported by the core, the driver is not asked. */
    psa_key_attributes_t pa = ct_attrs(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0, 0, 0);
    CHECK_STATUS(psa_import_key(&pa, real, rl, &pub), PSA_SUCCESS);
    calls = mp_export_calls;
    CHECK_STATUS(psa_export_public_key(pub, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, real, rl);
    CHECK(mp_export_calls == calls);
    mp_public_len = 0;
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(other), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
}

static void multipart(void)
{
    rustpsa_driver_t d = mp_driver(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    d = vault_driver_mp(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    mp_serve = 1;
    mp_hash();
    mp_mac();
    mp_cipher();
    mp_aead();
    mp_errors();
    mp_opaque();
    mp_export();
    /* Library free with live driver operations aborts them. */
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    unsigned long aborts = mp_aborts;
    mbedtls_psa_crypto_free();
    CHECK(mp_aborts == aborts + 1 && mp_balanced());
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);

    /* A version 1 table: its multi-part members are not read (the built-in
     * code serves multi-part hashes), its one-shot entry points are used. */
    d = mp_driver(0);
    d.version = RUSTPSA_DRIVER_INTERFACE_VERSION_1;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    unsigned long setups = mp_setups;
    uint8_t real[32], out[32];
    size_t n = 0;
    ct_unhex(abc_sha256, real, 32);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, real, 32);
    CHECK(mp_setups == setups);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);

    /* hash_clone is optional: without it psa_hash_clone is NOT_SUPPORTED and
     * the source goes on; without hash_abort the driver takes no hash. */
    d = mp_driver(0);
    d.hash_clone = NULL;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    psa_hash_operation_t cl = PSA_HASH_OPERATION_INIT;
    setups = mp_setups;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK(mp_setups == setups + 1);
    CHECK_STATUS(psa_hash_clone(&op, &cl), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_update(&cl, abc, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    for (int i = 0; i < 32; i++) real[i] = (uint8_t)~real[i];
    CHECK_MEM(out, n, real, 32);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
    d = mp_driver(0);
    d.hash_abort = NULL;
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    setups = mp_setups;
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &n), PSA_SUCCESS);
    for (int i = 0; i < 32; i++) real[i] = (uint8_t)~real[i];
    CHECK_MEM(out, n, real, 32); /* the built-in digest */
    CHECK(mp_setups == setups && mp_balanced());
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
    mp_serve = 0;
}

int main(void)
{
    registration();
    transparent();
    opaque();
    multipart();
    return report();
}
