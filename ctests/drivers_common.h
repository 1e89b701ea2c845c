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
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <rustpsa/driver.h>
#include "common.h"

/* Every helper is static: unused ones are fine in a test that needs only some. */
#define DRV_FN static __attribute__((unused))

/* An empty driver table of the current interface version: no entry point,
 * the given name and flags, location 0 (transparent). */
DRV_FN rustpsa_driver_t drv_table(const char *name, uint32_t flags)
{
    rustpsa_driver_t d;
    memset(&d, 0, sizeof d);
    d.version = RUSTPSA_DRIVER_INTERFACE_VERSION;
    d.flags = flags;
    d.name = name;
    return d;
}

#define VAULT_LOCATION ((psa_key_location_t)0x800123)
#define VAULT_SLOTS 64

enum { MODE_DECLINE, MODE_FAIL, MODE_SERVE };

/* A sequence counter: the order of the mp driver's aborts and the vault's
 * destroy_key calls (mp_abort_seq, vault_destroy_seq). */
static unsigned long mp_seq, mp_abort_seq, vault_destroy_seq;

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
    rustpsa_driver_t d = drv_table("counter", 0);
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
        psa_get_key_type(attrs) != PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) &&
        psa_get_key_type(attrs) != PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1))
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
    __atomic_store_n(&vault_destroy_seq, __atomic_add_fetch(&mp_seq, 1, __ATOMIC_SEQ_CST), __ATOMIC_SEQ_CST);
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
    rustpsa_driver_t d = drv_table("vault", flags);
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

/* ---- the multi-part transparent driver "mp" ----------------------------
 * hash_*  SHA-256 only: buffers the input, finish returns the marker digest
 *         (the real digest complemented, from a whitelisted psa_hash_compute).
 * mac_*   HMAC-SHA-256 (full length) of the key, from two whitelisted hashes;
 *         no mac_verify_finish (the core compares). The vault reuses them.
 * cipher  AES-CTR only, a toy keystream (mp_ks) so the test can recompute it.
 * aead    AES-GCM (16-byte tag) only, the same keystream with the nonce, and a
 *         toy tag (bytes of AD and ciphertext XORed into 16 lanes).
 * Every step counts; mp_fail_step makes one step fail with mp_fail_status,
 * mp_bad_length makes finish/update report a length above the buffer size,
 * mp_block makes updates wait until released (concurrency tests). abort
 * checks that it runs exactly once per operation (mp_abort_errors). */
enum { STEP_NONE, STEP_SETUP, STEP_UPDATE, STEP_FINISH, STEP_IV, STEP_AD, STEP_CLONE };

static int mp_serve; /* 0: every setup declines */
static int mp_fail_step;
static psa_status_t mp_fail_status = PSA_ERROR_HARDWARE_FAILURE;
static int mp_bad_length;
static unsigned long mp_setups, mp_aborts, mp_abort_errors, mp_steps;
static int mp_block, mp_blocked;
static pthread_mutex_t mp_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t mp_cond = PTHREAD_COND_INITIALIZER;
static int mp_inflight, mp_max_inflight;

#define MP_MAGIC 0x6d704f70u

typedef struct {
    uint32_t magic;
    psa_algorithm_t alg;
    uint8_t *buf;            /* hash / MAC: the buffered input (malloc) */
    size_t len;
    uint8_t key[64];
    size_t key_len;
    uint8_t iv[16];
    int iv_set;
    uint64_t pos;            /* cipher / AEAD: bytes processed */
    uint8_t tag[16];
} mp_op_t;

_Static_assert(sizeof(mp_op_t) <= RUSTPSA_DRIVER_OPERATION_CONTEXT_SIZE, "mp_op_t fits the context");

/* The toy keystream byte at position pos. */
DRV_FN uint8_t mp_ks(const uint8_t *key, size_t key_len, const uint8_t *iv, uint64_t pos)
{
    return (uint8_t)(key[pos % key_len] ^ iv[pos % 16] ^ (uint8_t)(pos * 7u));
}

DRV_FN psa_status_t mp_enter(int step)
{
    __atomic_add_fetch(&mp_steps, 1, __ATOMIC_SEQ_CST);
    int now = __atomic_add_fetch(&mp_inflight, 1, __ATOMIC_SEQ_CST);
    int max = __atomic_load_n(&mp_max_inflight, __ATOMIC_SEQ_CST);
    while (now > max && !__atomic_compare_exchange_n(&mp_max_inflight, &max, now, 0,
                                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {}
    if (step == STEP_UPDATE) {
        pthread_mutex_lock(&mp_mutex);
        if (mp_block) {
            mp_blocked++;
            pthread_cond_broadcast(&mp_cond);
            while (mp_block) pthread_cond_wait(&mp_cond, &mp_mutex);
        }
        pthread_mutex_unlock(&mp_mutex);
    }
    if (step != STEP_NONE && __atomic_load_n(&mp_fail_step, __ATOMIC_SEQ_CST) == step) return mp_fail_status;
    return PSA_SUCCESS;
}

DRV_FN psa_status_t mp_leave(psa_status_t s)
{
    __atomic_sub_fetch(&mp_inflight, 1, __ATOMIC_SEQ_CST);
    return s;
}

DRV_FN psa_status_t mp_start(mp_op_t *o, psa_algorithm_t alg)
{
    psa_status_t s = mp_enter(STEP_SETUP);
    if (s != PSA_SUCCESS) return mp_leave(s);
    memset(o, 0, sizeof *o);
    o->magic = MP_MAGIC;
    o->alg = alg;
    __atomic_add_fetch(&mp_setups, 1, __ATOMIC_SEQ_CST);
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_abort(void *c, void *op)
{
    (void)c;
    mp_op_t *o = op;
    if (o->magic != MP_MAGIC) {
        __atomic_add_fetch(&mp_abort_errors, 1, __ATOMIC_SEQ_CST);
        return PSA_ERROR_BAD_STATE;
    }
    free(o->buf);
    memset(o, 0, sizeof *o);
    __atomic_add_fetch(&mp_aborts, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&mp_abort_seq, __atomic_add_fetch(&mp_seq, 1, __ATOMIC_SEQ_CST), __ATOMIC_SEQ_CST);
    return PSA_SUCCESS;
}

DRV_FN psa_status_t mp_buffer(void *c, void *op, const uint8_t *in, size_t len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_UPDATE);
    if (s != PSA_SUCCESS) return mp_leave(s);
    if (o->magic != MP_MAGIC) return mp_leave(PSA_ERROR_CORRUPTION_DETECTED);
    uint8_t *b = realloc(o->buf, o->len + len + 1);
    if (!b) return mp_leave(PSA_ERROR_INSUFFICIENT_MEMORY);
    if (len) memcpy(b + o->len, in, len);
    o->buf = b;
    o->len += len;
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_hash_setup(void *c, void *op, psa_algorithm_t alg)
{
    (void)c;
    if (!mp_serve || alg != PSA_ALG_SHA_256) return PSA_ERROR_NOT_SUPPORTED;
    return mp_start(op, alg);
}

DRV_FN psa_status_t mp_hash_finish(void *c, void *op, uint8_t *out, size_t size, size_t *len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_FINISH);
    if (s != PSA_SUCCESS) return mp_leave(s);
    uint8_t d[32];
    size_t n = 0;
    s = psa_hash_compute(PSA_ALG_SHA_256, o->buf, o->len, d, sizeof d, &n); /* whitelisted */
    if (s != PSA_SUCCESS) return mp_leave(s);
    if (size < 32) return mp_leave(PSA_ERROR_BUFFER_TOO_SMALL);
    for (int i = 0; i < 32; i++) out[i] = (uint8_t)~d[i];
    *len = mp_bad_length ? size + 1 : 32;
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_hash_clone(void *c, const void *src, void *dst)
{
    (void)c;
    const mp_op_t *s = src;
    mp_op_t *d = dst;
    psa_status_t st = mp_enter(STEP_CLONE);
    if (st != PSA_SUCCESS) return mp_leave(st);
    *d = *s;
    d->buf = malloc(s->len + 1);
    if (!d->buf) { memset(d, 0, sizeof *d); return mp_leave(PSA_ERROR_INSUFFICIENT_MEMORY); }
    if (s->len) memcpy(d->buf, s->buf, s->len);
    __atomic_add_fetch(&mp_setups, 1, __ATOMIC_SEQ_CST);
    return mp_leave(PSA_SUCCESS);
}

/* HMAC-SHA-256 of (key, msg) from two whitelisted hash calls. */
DRV_FN psa_status_t mp_hmac(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t len, uint8_t *mac)
{
    uint8_t pad[64] = {0}, inner[32];
    size_t n;
    memcpy(pad, key, key_len);
    uint8_t *b = malloc(64 + (len > 32 ? len : 32));
    if (!b) return PSA_ERROR_INSUFFICIENT_MEMORY;
    for (int i = 0; i < 64; i++) b[i] = pad[i] ^ 0x36;
    if (len) memcpy(b + 64, msg, len);
    psa_status_t s = psa_hash_compute(PSA_ALG_SHA_256, b, 64 + len, inner, 32, &n);
    if (s == PSA_SUCCESS) {
        for (int i = 0; i < 64; i++) b[i] = pad[i] ^ 0x5c;
        memcpy(b + 64, inner, 32);
        s = psa_hash_compute(PSA_ALG_SHA_256, b, 96, mac, 32, &n);
    }
    free(b);
    return s;
}

DRV_FN psa_status_t mp_mac_setup(void *c, void *op, const psa_key_attributes_t *attrs, const uint8_t *key,
                                 size_t key_len, psa_algorithm_t alg)
{
    (void)c;
    if (!mp_serve || alg != PSA_ALG_HMAC(PSA_ALG_SHA_256) || psa_get_key_type(attrs) != PSA_KEY_TYPE_HMAC ||
        key_len > 64)
        return PSA_ERROR_NOT_SUPPORTED;
    psa_status_t s = mp_start(op, alg);
    if (s != PSA_SUCCESS) return s;
    mp_op_t *o = op;
    memcpy(o->key, key, key_len);
    o->key_len = key_len;
    return PSA_SUCCESS;
}

DRV_FN psa_status_t mp_mac_finish(void *c, void *op, uint8_t *out, size_t size, size_t *len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_FINISH);
    if (s != PSA_SUCCESS) return mp_leave(s);
    if (size < 32) return mp_leave(PSA_ERROR_BUFFER_TOO_SMALL);
    s = mp_hmac(o->key, o->key_len, o->buf, o->len, out);
    if (s == PSA_SUCCESS) *len = mp_bad_length ? size + 1 : 32;
    return mp_leave(s);
}

DRV_FN psa_status_t mp_cipher_setup(void *c, void *op, const psa_key_attributes_t *attrs, const uint8_t *key,
                                    size_t key_len, psa_algorithm_t alg)
{
    (void)c;
    if (!mp_serve || alg != PSA_ALG_CTR || psa_get_key_type(attrs) != PSA_KEY_TYPE_AES || key_len > 64)
        return PSA_ERROR_NOT_SUPPORTED;
    psa_status_t s = mp_start(op, alg);
    if (s != PSA_SUCCESS) return s;
    mp_op_t *o = op;
    memcpy(o->key, key, key_len);
    o->key_len = key_len;
    return PSA_SUCCESS;
}

DRV_FN psa_status_t mp_set_iv(void *c, void *op, const uint8_t *iv, size_t len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_IV);
    if (s != PSA_SUCCESS) return mp_leave(s);
    size_t want = o->alg == PSA_ALG_CTR ? 16 : 12;
    if (len != want) return mp_leave(PSA_ERROR_INVALID_ARGUMENT);
    memset(o->iv, 0, sizeof o->iv);
    memcpy(o->iv, iv, len);
    o->iv_set = 1;
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_stream(void *c, void *op, const uint8_t *in, size_t len, uint8_t *out, size_t size,
                              size_t *out_len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_UPDATE);
    if (s != PSA_SUCCESS) return mp_leave(s);
    if (size < len) return mp_leave(PSA_ERROR_BUFFER_TOO_SMALL);
    int aead = o->alg != PSA_ALG_CTR;
    for (size_t i = 0; i < len; i++) {
        uint8_t x = in[i], y = (uint8_t)(x ^ mp_ks(o->key, o->key_len, o->iv, o->pos));
        out[i] = y;
        /* The AEAD tag covers the ciphertext: the input when decrypting. */
        if (aead) o->tag[o->pos % 16] ^= (o->magic & 1u) ? x : y;
        o->pos++;
    }
    *out_len = mp_bad_length ? size + 1 : len;
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_cipher_finish(void *c, void *op, uint8_t *out, size_t size, size_t *len)
{
    (void)c; (void)op; (void)out; (void)size;
    psa_status_t s = mp_enter(STEP_FINISH);
    if (s != PSA_SUCCESS) return mp_leave(s);
    *len = 0;
    return mp_leave(PSA_SUCCESS);
}

/* AEAD: the op's magic's low bit says decrypt (MP_MAGIC is even). */
DRV_FN psa_status_t mp_aead_setup(void *c, void *op, const psa_key_attributes_t *attrs, const uint8_t *key,
                                  size_t key_len, psa_algorithm_t alg, int decrypt)
{
    (void)c;
    if (!mp_serve || alg != PSA_ALG_GCM || psa_get_key_type(attrs) != PSA_KEY_TYPE_AES || key_len > 64)
        return PSA_ERROR_NOT_SUPPORTED;
    psa_status_t s = mp_start(op, alg);
    if (s != PSA_SUCCESS) return s;
    mp_op_t *o = op;
    memcpy(o->key, key, key_len);
    o->key_len = key_len;
    o->magic |= (uint32_t)decrypt;
    return PSA_SUCCESS;
}
DRV_FN psa_status_t mp_aead_enc_setup(void *c, void *op, const psa_key_attributes_t *a, const uint8_t *k,
                                      size_t kl, psa_algorithm_t alg)
{
    return mp_aead_setup(c, op, a, k, kl, alg, 0);
}
DRV_FN psa_status_t mp_aead_dec_setup(void *c, void *op, const psa_key_attributes_t *a, const uint8_t *k,
                                      size_t kl, psa_algorithm_t alg)
{
    return mp_aead_setup(c, op, a, k, kl, alg, 1);
}

DRV_FN psa_status_t mp_aead_abort(void *c, void *op)
{
    mp_op_t *o = op;
    o->magic &= ~1u;
    return mp_abort(c, op);
}

DRV_FN psa_status_t mp_aead_lengths(void *c, void *op, size_t ad, size_t pt)
{
    (void)c; (void)op; (void)ad; (void)pt;
    return mp_leave(mp_enter(STEP_NONE));
}

DRV_FN psa_status_t mp_aead_ad(void *c, void *op, const uint8_t *in, size_t len)
{
    (void)c;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_AD);
    if (s != PSA_SUCCESS) return mp_leave(s);
    for (size_t i = 0; i < len; i++) o->tag[i % 16] ^= (uint8_t)(in[i] + 1);
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_aead_finish(void *c, void *op, uint8_t *ct, size_t ct_size, size_t *ct_len,
                                   uint8_t *tag, size_t tag_size, size_t *tag_len)
{
    (void)c; (void)ct; (void)ct_size;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_FINISH);
    if (s != PSA_SUCCESS) return mp_leave(s);
    if (tag_size < 16) return mp_leave(PSA_ERROR_BUFFER_TOO_SMALL);
    memcpy(tag, o->tag, 16);
    *ct_len = 0;
    *tag_len = mp_bad_length ? tag_size + 1 : 16;
    return mp_leave(PSA_SUCCESS);
}

DRV_FN psa_status_t mp_aead_verify(void *c, void *op, uint8_t *pt, size_t pt_size, size_t *pt_len,
                                   const uint8_t *tag, size_t tag_len)
{
    (void)c; (void)pt; (void)pt_size;
    mp_op_t *o = op;
    psa_status_t s = mp_enter(STEP_FINISH);
    if (s != PSA_SUCCESS) return mp_leave(s);
    *pt_len = 0;
    if (tag_len != 16 || memcmp(tag, o->tag, 16) != 0) return mp_leave(PSA_ERROR_INVALID_SIGNATURE);
    return mp_leave(PSA_SUCCESS);
}

/* Transparent export_public_key: declines unless mp_public_len is set, then
 * writes mp_public (the test put the right or a wrong value there), or fails
 * with mp_fail_status when mp_fail_step is STEP_FINISH. */
static uint8_t mp_public[133];
static size_t mp_public_len;
static unsigned long mp_export_calls;

DRV_FN psa_status_t mp_export_public(void *c, const psa_key_attributes_t *attrs, const uint8_t *key, size_t key_len,
                                     uint8_t *out, size_t size, size_t *out_len)
{
    (void)c; (void)attrs; (void)key; (void)key_len;
    __atomic_add_fetch(&mp_export_calls, 1, __ATOMIC_SEQ_CST);
    if (!mp_serve || !mp_public_len) return PSA_ERROR_NOT_SUPPORTED;
    if (mp_fail_step == STEP_FINISH) return mp_fail_status;
    if (size < mp_public_len) return PSA_ERROR_BUFFER_TOO_SMALL;
    memcpy(out, mp_public, mp_public_len);
    *out_len = mp_bad_length ? size + 1 : mp_public_len;
    return PSA_SUCCESS;
}

DRV_FN rustpsa_driver_t mp_driver(uint32_t flags)
{
    rustpsa_driver_t d = drv_table("mp", flags);
    d.hash_setup = mp_hash_setup;
    d.hash_update = mp_buffer;
    d.hash_finish = mp_hash_finish;
    d.hash_clone = mp_hash_clone;
    d.hash_abort = mp_abort;
    d.mac_sign_setup = mp_mac_setup;
    d.mac_verify_setup = mp_mac_setup;
    d.mac_update = mp_buffer;
    d.mac_sign_finish = mp_mac_finish;
    d.mac_abort = mp_abort;
    d.cipher_encrypt_setup = mp_cipher_setup;
    d.cipher_decrypt_setup = mp_cipher_setup;
    d.cipher_set_iv = mp_set_iv;
    d.cipher_update = mp_stream;
    d.cipher_finish = mp_cipher_finish;
    d.cipher_abort = mp_abort;
    d.aead_encrypt_setup = mp_aead_enc_setup;
    d.aead_decrypt_setup = mp_aead_dec_setup;
    d.aead_set_nonce = mp_set_iv;
    d.aead_set_lengths = mp_aead_lengths;
    d.aead_update_ad = mp_aead_ad;
    d.aead_update = mp_stream;
    d.aead_finish = mp_aead_finish;
    d.aead_verify = mp_aead_verify;
    d.aead_abort = mp_aead_abort;
    d.export_public_key = mp_export_public;
    return d;
}

/* The vault's multi-part HMAC-SHA-256: the key comes from the vault slot;
 * verify_finish is the driver's own (constant-time enough for a test). */
DRV_FN psa_status_t vault_mac_setup(void *c, void *op, const psa_key_attributes_t *attrs, const uint8_t *ctx,
                                    size_t ctx_len, psa_algorithm_t alg)
{
    (void)c; (void)attrs;
    if (alg != PSA_ALG_HMAC(PSA_ALG_SHA_256)) return PSA_ERROR_NOT_SUPPORTED;
    int slot = vault_slot_of(ctx, ctx_len);
    if (slot < 0) return PSA_ERROR_CORRUPTION_DETECTED;
    psa_status_t s = mp_start(op, alg);
    if (s != PSA_SUCCESS) return s;
    mp_op_t *o = op;
    pthread_mutex_lock(&vault_mutex);
    o->key_len = vault[slot].len <= 64 ? vault[slot].len : 0;
    memcpy(o->key, vault[slot].data, o->key_len);
    pthread_mutex_unlock(&vault_mutex);
    return PSA_SUCCESS;
}

DRV_FN psa_status_t vault_mac_verify(void *c, void *op, const uint8_t *mac, size_t len)
{
    uint8_t m[32];
    size_t n = 0;
    psa_status_t s = mp_mac_finish(c, op, m, sizeof m, &n);
    if (s != PSA_SUCCESS) return s;
    uint8_t diff = (uint8_t)(len != 32);
    for (size_t i = 0; i < 32 && i < len; i++) diff |= (uint8_t)(m[i] ^ mac[i]);
    return diff ? PSA_ERROR_INVALID_SIGNATURE : PSA_SUCCESS;
}

DRV_FN rustpsa_driver_t vault_driver_mp(uint32_t flags)
{
    rustpsa_driver_t d = vault_driver(flags);
    d.mac_sign_setup = vault_mac_setup;
    d.mac_verify_setup = vault_mac_setup;
    d.mac_update = mp_buffer;
    d.mac_sign_finish = mp_mac_finish;
    d.mac_verify_finish = vault_mac_verify;
    d.mac_abort = mp_abort;
    return d;
}

#endif /* RUSTPSA_CTESTS_DRIVERS_COMMON_H */
