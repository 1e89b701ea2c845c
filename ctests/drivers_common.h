/* ctests/drivers_common.h - the C test drivers shared by test_driver.c and
 * conc_driver.c (one translation unit each; everything here is static).
 *
 * "counter"  transparent: hash_compute / sign_hash / cipher_encrypt / mac_compute
 *            count their calls; each either declines (NOT_SUPPORTED, the core
 *            falls back), fails with a chosen status, or serves (the hash with
 *            a marker digest, after a whitelisted call back into the core).
 * "vault"    opaque, at VAULT_LOCATION: keys kept in a C table (context = the
 *            4-byte slot number); import / generate / export / destroy, HMAC-SHA-256
 *            computed from psa_hash_compute calls (whitelisted), and sign_hash that
 *            can block until released (for the destroy-while-in-use scenario) or
 *            wait for a second concurrent caller (thread-safe mode).
 */
#ifndef RUSTPSA_CTESTS_DRIVERS_COMMON_H
#define RUSTPSA_CTESTS_DRIVERS_COMMON_H

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <rustpsa/driver.h>
#include "common.h"

/* Every helper is static: unused ones are fine in a test that needs only some. */
#define DRV_FN static __attribute__((unused))

#define VAULT_LOCATION ((psa_key_location_t)0x800123)
#define VAULT_SLOTS 64

enum { MODE_DECLINE, MODE_FAIL, MODE_SERVE };

static int counter_mode = MODE_DECLINE;
static psa_status_t counter_fail_status = PSA_ERROR_HARDWARE_FAILURE;
static unsigned long counter_hash_calls, counter_sign_calls, counter_cipher_calls, counter_mac_calls;
/* Results of the calls the counter driver makes back into the core. */
static psa_status_t reentry_hash, reentry_random, reentry_sign, reentry_import, reentry_destroy;

DRV_FN psa_status_t counter_hash(void *ctx, psa_algorithm_t alg, const uint8_t *in, size_t in_len,
                                 uint8_t *hash, size_t hash_size, size_t *hash_length)
{
    (void)ctx;
    __atomic_add_fetch(&counter_hash_calls, 1, __ATOMIC_SEQ_CST);
    if (counter_mode == MODE_DECLINE) return PSA_ERROR_NOT_SUPPORTED;
    if (counter_mode == MODE_FAIL) return counter_fail_status;
    /* Whitelisted calls from inside an entry point: served, no deadlock. */
    uint8_t inner[PSA_HASH_MAX_SIZE];
    size_t inner_len = 0;
    reentry_hash = psa_hash_compute(alg, in, in_len, inner, sizeof inner, &inner_len);
    uint8_t rnd[8];
    reentry_random = psa_generate_random(rnd, sizeof rnd);
    /* Calls outside the whitelist: refused. */
    uint8_t sig[64];
    size_t sig_len;
    reentry_sign = psa_sign_hash(1, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, sig, sizeof sig, &sig_len);
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, 0, 0);
    psa_key_id_t k;
    reentry_import = psa_import_key(&a, rnd, sizeof rnd, &k);
    reentry_destroy = psa_destroy_key(1);
    if (hash_size < inner_len) return PSA_ERROR_BUFFER_TOO_SMALL;
    /* The marker digest: the real digest with every byte complemented. */
    for (size_t i = 0; i < inner_len; i++) hash[i] = (uint8_t)~inner[i];
    *hash_length = inner_len;
    return PSA_SUCCESS;
}

DRV_FN psa_status_t counter_sign(void *ctx, const psa_key_attributes_t *attrs, const uint8_t *key,
                                 size_t key_len, psa_algorithm_t alg, const uint8_t *hash,
                                 size_t hash_len, uint8_t *sig, size_t sig_size, size_t *sig_len)
{
    (void)ctx; (void)attrs; (void)key; (void)key_len; (void)alg; (void)hash; (void)hash_len;
    (void)sig; (void)sig_size; (void)sig_len;
    __atomic_add_fetch(&counter_sign_calls, 1, __ATOMIC_SEQ_CST);
    return counter_mode == MODE_FAIL ? counter_fail_status : PSA_ERROR_NOT_SUPPORTED;
}

DRV_FN psa_status_t counter_cipher(void *ctx, const psa_key_attributes_t *attrs, const uint8_t *key,
                                   size_t key_len, psa_algorithm_t alg, const uint8_t *iv,
                                   size_t iv_len, const uint8_t *in, size_t in_len, uint8_t *out,
                                   size_t out_size, size_t *out_len)
{
    (void)ctx; (void)attrs; (void)key; (void)key_len; (void)alg; (void)iv; (void)iv_len;
    (void)in; (void)in_len; (void)out; (void)out_size; (void)out_len;
    __atomic_add_fetch(&counter_cipher_calls, 1, __ATOMIC_SEQ_CST);
    return counter_mode == MODE_FAIL ? counter_fail_status : PSA_ERROR_NOT_SUPPORTED;
}

DRV_FN psa_status_t counter_mac(void *ctx, const psa_key_attributes_t *attrs, const uint8_t *key,
                                size_t key_len, psa_algorithm_t alg, const uint8_t *in,
                                size_t in_len, uint8_t *mac, size_t mac_size, size_t *mac_len)
{
    (void)ctx; (void)attrs; (void)key; (void)key_len; (void)alg; (void)in; (void)in_len;
    (void)mac; (void)mac_size; (void)mac_len;
    __atomic_add_fetch(&counter_mac_calls, 1, __ATOMIC_SEQ_CST);
    return counter_mode == MODE_FAIL ? counter_fail_status : PSA_ERROR_NOT_SUPPORTED;
}

DRV_FN rustpsa_driver_t counter_driver(void)
{
    rustpsa_driver_t d;
    memset(&d, 0, sizeof d);
    d.version = RUSTPSA_DRIVER_INTERFACE_VERSION;
    d.name = "counter";
    d.hash_compute = counter_hash;
    d.sign_hash = counter_sign;
    d.cipher_encrypt = counter_cipher;
    d.mac_compute = counter_mac;
    return d;
}

/* ---- the opaque "vault" driver ---------------------------------------- */

typedef struct {
    int used;
    uint8_t data[128];
    size_t len;
} vault_slot_t;

static vault_slot_t vault[VAULT_SLOTS];
static pthread_mutex_t vault_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long vault_destroy_calls, vault_import_calls, vault_sign_calls;
static psa_status_t vault_import_status = PSA_SUCCESS; /* forced failure of import */
/* Blocking sign_hash: while vault_block is set, sign_hash announces itself in
 * vault_blocked and waits until vault_block is cleared. */
static int vault_block, vault_blocked;
static pthread_cond_t vault_cond = PTHREAD_COND_INITIALIZER;
/* Concurrency accounting inside the driver itself. */
static int vault_inflight, vault_max_inflight;
/* Thread-safe mode: sign_hash waits (bounded) until two calls are inside. */
static int vault_rendezvous, vault_saw_two;

DRV_FN int vault_slot_of(const uint8_t *ctx, size_t len)
{
    uint32_t s;
    if (len != 4) return -1;
    memcpy(&s, ctx, 4);
    return s < VAULT_SLOTS ? (int)s : -1;
}

DRV_FN psa_status_t vault_store(const uint8_t *data, size_t len, uint8_t *ctx, size_t ctx_size,
                                size_t *ctx_len)
{
    if (len > sizeof vault[0].data) return PSA_ERROR_NOT_SUPPORTED;
    if (ctx_size < 4) return PSA_ERROR_BUFFER_TOO_SMALL;
    pthread_mutex_lock(&vault_mutex);
    for (uint32_t i = 0; i < VAULT_SLOTS; i++) {
        if (!vault[i].used) {
            vault[i].used = 1;
            memcpy(vault[i].data, data, len);
            vault[i].len = len;
            pthread_mutex_unlock(&vault_mutex);
            memcpy(ctx, &i, 4);
            *ctx_len = 4;
            return PSA_SUCCESS;
        }
    }
    pthread_mutex_unlock(&vault_mutex);
    return PSA_ERROR_INSUFFICIENT_MEMORY;
}

DRV_FN psa_status_t vault_import(void *c, const psa_key_attributes_t *attrs, const uint8_t *data,
                                 size_t len, uint8_t *ctx, size_t ctx_size, size_t *ctx_len,
                                 size_t *bits)
{
    (void)c;
    __atomic_add_fetch(&vault_import_calls, 1, __ATOMIC_SEQ_CST);
    if (vault_import_status != PSA_SUCCESS) return vault_import_status;
    if (psa_get_key_type(attrs) != PSA_KEY_TYPE_HMAC &&
        psa_get_key_type(attrs) != PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1))
        return PSA_ERROR_NOT_SUPPORTED;
    *bits = len * 8;
    return vault_store(data, len, ctx, ctx_size, ctx_len);
}

DRV_FN psa_status_t vault_generate(void *c, const psa_key_attributes_t *attrs, uint8_t *ctx,
                                   size_t ctx_size, size_t *ctx_len)
{
    (void)c;
    uint8_t k[128];
    size_t n = psa_get_key_bits(attrs) / 8;
    if (psa_get_key_type(attrs) != PSA_KEY_TYPE_HMAC || n == 0 || n > sizeof k)
        return PSA_ERROR_NOT_SUPPORTED;
    psa_status_t s = psa_generate_random(k, n); /* whitelisted */
    if (s != PSA_SUCCESS) return s;
    return vault_store(k, n, ctx, ctx_size, ctx_len);
}

DRV_FN psa_status_t vault_export(void *c, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                                 size_t ctx_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    (void)c; (void)attrs;
    int s = vault_slot_of(ctx, ctx_len);
    if (s < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    pthread_mutex_lock(&vault_mutex);
    psa_status_t st = PSA_SUCCESS;
    if (!vault[s].used) st = PSA_ERROR_DOES_NOT_EXIST;
    else if (out_size < vault[s].len) st = PSA_ERROR_BUFFER_TOO_SMALL;
    else { memcpy(out, vault[s].data, vault[s].len); *out_len = vault[s].len; }
    pthread_mutex_unlock(&vault_mutex);
    return st;
}

DRV_FN psa_status_t vault_destroy(void *c, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                                  size_t ctx_len)
{
    (void)c; (void)attrs;
    __atomic_add_fetch(&vault_destroy_calls, 1, __ATOMIC_SEQ_CST);
    int s = vault_slot_of(ctx, ctx_len);
    if (s < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    pthread_mutex_lock(&vault_mutex);
    psa_status_t st = vault[s].used ? PSA_SUCCESS : PSA_ERROR_DOES_NOT_EXIST;
    memset(&vault[s], 0, sizeof vault[s]);
    pthread_mutex_unlock(&vault_mutex);
    return st;
}

/* HMAC-SHA-256 of the vault key, from whitelisted psa_hash_compute calls. */
DRV_FN psa_status_t vault_mac(void *c, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                              size_t ctx_len, psa_algorithm_t alg, const uint8_t *in, size_t in_len,
                              uint8_t *mac, size_t mac_size, size_t *mac_len)
{
    (void)c; (void)attrs;
    if (alg != PSA_ALG_HMAC(PSA_ALG_SHA_256)) return PSA_ERROR_NOT_SUPPORTED;
    int s = vault_slot_of(ctx, ctx_len);
    if (s < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    if (mac_size < 32) return PSA_ERROR_BUFFER_TOO_SMALL;
    uint8_t key[64] = {0}, buf[64 + 1024], inner[32];
    size_t n;
    pthread_mutex_lock(&vault_mutex);
    size_t klen = vault[s].len;
    if (klen > 64 || !vault[s].used) { pthread_mutex_unlock(&vault_mutex); return PSA_ERROR_NOT_SUPPORTED; }
    memcpy(key, vault[s].data, klen);
    pthread_mutex_unlock(&vault_mutex);
    if (in_len > 1024) return PSA_ERROR_NOT_SUPPORTED;
    for (int i = 0; i < 64; i++) buf[i] = key[i] ^ 0x36;
    memcpy(buf + 64, in, in_len);
    psa_status_t st = psa_hash_compute(PSA_ALG_SHA_256, buf, 64 + in_len, inner, 32, &n);
    if (st != PSA_SUCCESS) return st;
    for (int i = 0; i < 64; i++) buf[i] = key[i] ^ 0x5c;
    memcpy(buf + 64, inner, 32);
    st = psa_hash_compute(PSA_ALG_SHA_256, buf, 96, mac, mac_size, mac_len);
    return st;
}

DRV_FN void vault_sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* A "signature": 32 bytes derived from the hash (its complement). Blocks or
 * rendezvous as configured; counts how many calls are inside at once. */
DRV_FN psa_status_t vault_sign(void *c, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                               size_t ctx_len, psa_algorithm_t alg, const uint8_t *hash,
                               size_t hash_len, uint8_t *sig, size_t sig_size, size_t *sig_len)
{
    (void)c; (void)attrs; (void)alg;
    if (vault_slot_of(ctx, ctx_len) < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    __atomic_add_fetch(&vault_sign_calls, 1, __ATOMIC_SEQ_CST);
    int now = __atomic_add_fetch(&vault_inflight, 1, __ATOMIC_SEQ_CST);
    int max = __atomic_load_n(&vault_max_inflight, __ATOMIC_SEQ_CST);
    while (now > max && !__atomic_compare_exchange_n(&vault_max_inflight, &max, now, 0,
                                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {}
    pthread_mutex_lock(&vault_mutex);
    if (vault_block) {
        vault_blocked = 1;
        pthread_cond_broadcast(&vault_cond);
        while (vault_block) pthread_cond_wait(&vault_cond, &vault_mutex);
    }
    pthread_mutex_unlock(&vault_mutex);
    if (__atomic_load_n(&vault_rendezvous, __ATOMIC_SEQ_CST)) {
        for (int i = 0; i < 2000; i++) {
            if (__atomic_load_n(&vault_inflight, __ATOMIC_SEQ_CST) >= 2) {
                __atomic_store_n(&vault_saw_two, 1, __ATOMIC_SEQ_CST);
                break;
            }
            if (__atomic_load_n(&vault_saw_two, __ATOMIC_SEQ_CST)) break;
            vault_sleep_ms(1);
        }
    }
    psa_status_t st = PSA_SUCCESS;
    if (sig_size < hash_len) st = PSA_ERROR_BUFFER_TOO_SMALL;
    else {
        for (size_t i = 0; i < hash_len; i++) sig[i] = (uint8_t)~hash[i];
        *sig_len = hash_len;
    }
    __atomic_sub_fetch(&vault_inflight, 1, __ATOMIC_SEQ_CST);
    return st;
}

DRV_FN psa_status_t vault_verify(void *c, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                                 size_t ctx_len, psa_algorithm_t alg, const uint8_t *hash,
                                 size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    (void)c; (void)attrs; (void)alg;
    if (vault_slot_of(ctx, ctx_len) < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    if (sig_len != hash_len) return PSA_ERROR_INVALID_SIGNATURE;
    for (size_t i = 0; i < hash_len; i++)
        if ((sig[i] ^ hash[i]) != 0xff) return PSA_ERROR_INVALID_SIGNATURE;
    return PSA_SUCCESS;
}

/* attach_key: the label "preloaded" names slot VAULT_SLOTS-1, filled by the test. */
DRV_FN psa_status_t vault_attach(void *c, const psa_key_attributes_t *attrs, const uint8_t *label,
                                 size_t label_len, uint8_t *ctx, size_t ctx_size, size_t *ctx_len,
                                 size_t *bits)
{
    (void)c; (void)attrs;
    uint32_t s = VAULT_SLOTS - 1;
    if (label_len != 9 || memcmp(label, "preloaded", 9) != 0) return PSA_ERROR_DOES_NOT_EXIST;
    if (ctx_size < 4) return PSA_ERROR_BUFFER_TOO_SMALL;
    pthread_mutex_lock(&vault_mutex);
    int used = vault[s].used;
    size_t len = vault[s].len;
    pthread_mutex_unlock(&vault_mutex);
    if (!used) return PSA_ERROR_DOES_NOT_EXIST;
    memcpy(ctx, &s, 4);
    *ctx_len = 4;
    *bits = len * 8;
    return PSA_SUCCESS;
}

DRV_FN rustpsa_driver_t vault_driver(uint32_t flags)
{
    rustpsa_driver_t d;
    memset(&d, 0, sizeof d);
    d.version = RUSTPSA_DRIVER_INTERFACE_VERSION;
    d.flags = flags;
    d.name = "vault";
    d.location = VAULT_LOCATION;
    d.import_key = vault_import;
    d.generate_key = vault_generate;
    d.export_key = vault_export;
    d.destroy_key = vault_destroy;
    d.mac_compute = vault_mac;
    d.sign_hash = vault_sign;
    d.verify_hash = vault_verify;
    d.attach_key = vault_attach;
    return d;
}

DRV_FN psa_key_attributes_t vault_attrs(psa_key_type_t type, psa_key_id_t persistent_id,
                                        psa_key_usage_t usage, psa_algorithm_t alg)
{
    psa_key_attributes_t a = ct_attrs(type, 0, usage, alg);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
                                 persistent_id ? PSA_KEY_PERSISTENCE_DEFAULT : PSA_KEY_PERSISTENCE_VOLATILE,
                                 VAULT_LOCATION));
    if (persistent_id) psa_set_key_id(&a, persistent_id);
    return a;
}

#endif /* RUSTPSA_CTESTS_DRIVERS_COMMON_H */
