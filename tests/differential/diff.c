/* Differential program: the same table-generated PSA call sequences, compiled
 * once against rustpsa and once against the reference (Mbed TLS 3.5.1), run as
 * two processes. One line per call:  <case-id> <status>[ <len>[:<fnv32>]]
 * (the hash only where the output is deterministic). Lines "key:<name> <status>"
 * record whether a fixture key exists on this side; the cases that use it are
 * skipped where it does not (scripts/differential.sh: the "both support" rule).
 * Case ids are built from table names only, so they are stable. */
#include <psa/crypto.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spec values that Mbed TLS 3.5.1 does not define (from the PSA spec). */
#ifndef PSA_ALG_CCM_STAR_ANY_TAG
#define PSA_ALG_CCM_STAR_ANY_TAG ((psa_algorithm_t)0x04c09300)
#endif
#ifndef PSA_KEY_USAGE_CACHE
#define PSA_KEY_USAGE_CACHE ((psa_key_usage_t)0x00000004)
#endif
#ifndef PSA_KEY_USAGE_DERIVE_PUBLIC
#define PSA_KEY_USAGE_DERIVE_PUBLIC ((psa_key_usage_t)0x00000080)
#endif
#ifndef PSA_KEY_DERIVATION_INPUT_CONTEXT
#define PSA_KEY_DERIVATION_INPUT_CONTEXT ((psa_key_derivation_step_t)0x0206)
#endif
/* HashEdDSA with hash h (the encoding of the specification). */
#define DIFF_HASH_EDDSA(h) ((psa_algorithm_t)(0x06000900u | ((h) & 0xffu)))
#ifndef PSA_ALG_SP800_108_COUNTER_CMAC
#define PSA_ALG_SP800_108_COUNTER_CMAC ((psa_algorithm_t)0x08000800)
#endif

#ifdef DIFF_REFERENCE_LACKS_VERIFY
/* Mbed TLS 3.5.1 declares these but does not implement them: the reference
 * build reports NOT_SUPPORTED (docs/COMPATIBILITY.md lists the cases). */
psa_status_t psa_key_derivation_verify_bytes(psa_key_derivation_operation_t *op, const uint8_t *e, size_t n) {
    (void)op; (void)e; (void)n;
    return PSA_ERROR_NOT_SUPPORTED;
}
psa_status_t psa_key_derivation_verify_key(psa_key_derivation_operation_t *op, psa_key_id_t k) {
    (void)op; (void)k;
    return PSA_ERROR_NOT_SUPPORTED;
}
#endif

static unsigned long n_lines;
static char idbuf[256];

static const char *id(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(idbuf, sizeof idbuf, fmt, ap);
    va_end(ap);
    return idbuf;
}

static uint32_t fnv(const uint8_t *p, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

/* det: 0 = status only, 1 = status and length, 2 = status, length and hash. */
static void rep(const char *case_id, psa_status_t st, const uint8_t *out, size_t len, int det) {
    n_lines++;
    if (st == PSA_SUCCESS && det == 2)
        printf("%s %d %zu:%08x\n", case_id, (int)st, len, (unsigned)fnv(out, len));
    else if (st == PSA_SUCCESS && det == 1)
        printf("%s %d %zu\n", case_id, (int)st, len);
    else
        printf("%s %d\n", case_id, (int)st);
}

static void fill(uint8_t *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(seed + 13 * i + (i >> 3));
}

/* ---------------------------------------------------------------- fixtures */

typedef struct {
    const char *name;
    psa_key_type_t type;
    size_t bits;      /* for generation; 0: import `len` bytes of `mat` */
    uint8_t mat[256];
    size_t len;
} keydef_t;

static keydef_t KEYS[] = {
    {"aes128", PSA_KEY_TYPE_AES, 0, {0}, 16},
    {"aes192", PSA_KEY_TYPE_AES, 0, {0}, 24},
    {"aes256", PSA_KEY_TYPE_AES, 0, {0}, 32},
    {"hmac256", PSA_KEY_TYPE_HMAC, 0, {0}, 32},
    {"hmac20", PSA_KEY_TYPE_HMAC, 0, {0}, 20},
    {"derive32", PSA_KEY_TYPE_DERIVE, 0, {0}, 32},
    {"raw16", PSA_KEY_TYPE_RAW_DATA, 0, {0}, 16},
    {"chacha", PSA_KEY_TYPE_CHACHA20, 0, {0}, 32},
    {"password16", PSA_KEY_TYPE_PASSWORD, 0, {0}, 16},
    {"p256", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0, {0}, 32},
    {"p384", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0, {0}, 48},
    {"p521", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0, {0}, 66},
    {"k256", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1), 0, {0}, 32},
    {"bp256", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 0, {0}, 32},
    {"x25519", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 0, {0}, 32},
    {"ed25519", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 0, {0}, 32},
    {"rsa1024", PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, {0}, 0},
    {"aria128", PSA_KEY_TYPE_ARIA, 0, {0}, 16},
    {"camellia128", PSA_KEY_TYPE_CAMELLIA, 0, {0}, 16},
    {"camellia256", PSA_KEY_TYPE_CAMELLIA, 0, {0}, 32},
    {"des64", PSA_KEY_TYPE_DES, 0, {0}, 8},
    {"des2k", PSA_KEY_TYPE_DES, 0, {0}, 16},
    {"des3k", PSA_KEY_TYPE_DES, 0, {0}, 24},
    {"ffdhe2048", PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919), 0, {0}, 256},
};
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

static void init_material(void) {
    for (size_t i = 0; i < NKEYS; i++) {
        fill(KEYS[i].mat, KEYS[i].len, 1 + 7 * (unsigned)i);
        if (PSA_KEY_TYPE_IS_ECC(KEYS[i].type) && KEYS[i].len == 66) {
            KEYS[i].mat[0] = 0x01; /* below the P-521 order */
        } else if (PSA_KEY_TYPE_IS_ECC(KEYS[i].type)) {
            KEYS[i].mat[0] = 0x11; /* below every 256/384-bit order */
        } else if (PSA_KEY_TYPE_IS_DH(KEYS[i].type)) {
            KEYS[i].mat[0] = 0x11; /* below the FFDHE prime (top byte 0xff) */
        }
    }
}

/* Creates fixture key `k` with a policy; returns the status. */
static psa_status_t make(const keydef_t *k, psa_key_usage_t usage, psa_algorithm_t alg, psa_key_id_t *out) {
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&a, k->type);
    psa_set_key_usage_flags(&a, usage);
    psa_set_key_algorithm(&a, alg);
    *out = 0;
    if (k->bits) {
        psa_set_key_bits(&a, k->bits);
        return psa_generate_key(&a, out);
    }
    return psa_import_key(&a, k->mat, k->len, out);
}

static const keydef_t *key(const char *name) {
    for (size_t i = 0; i < NKEYS; i++)
        if (!strcmp(KEYS[i].name, name)) return &KEYS[i];
    fprintf(stderr, "no key %s\n", name);
    exit(2);
}

/* Public key of fixture `name`, exported once. */
static uint8_t pubs[NKEYS][300];
static size_t pub_len[NKEYS];

static size_t key_index(const keydef_t *k) { return (size_t)(k - KEYS); }

/* Generated keys are created again for each case; that costs an RSA key
 * generation each time. Cache one generated RSA key pair's material instead. */
static uint8_t rsa_mat[1300];
static size_t rsa_len;
static void cache_rsa(void) {
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t k;
    psa_set_key_type(&a, PSA_KEY_TYPE_RSA_KEY_PAIR);
    psa_set_key_bits(&a, 1024);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    if (psa_generate_key(&a, &k) == PSA_SUCCESS) {
        psa_export_key(k, rsa_mat, sizeof rsa_mat, &rsa_len);
        psa_destroy_key(k);
    }
}

/* Creates `name` (import; the RSA key from the cached material). */
static psa_status_t mk(const char *name, psa_key_usage_t usage, psa_algorithm_t alg, psa_key_id_t *out) {
    const keydef_t *k = key(name);
    if (k->bits) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&a, k->type);
        psa_set_key_usage_flags(&a, usage);
        psa_set_key_algorithm(&a, alg);
        *out = 0;
        if (!rsa_len) return PSA_ERROR_NOT_SUPPORTED;
        return psa_import_key(&a, rsa_mat, rsa_len, out);
    }
    return make(k, usage, alg, out);
}

/* The public key of `name` as a key object. */
static psa_status_t mkpub(const char *name, psa_key_usage_t usage, psa_algorithm_t alg, psa_key_id_t *out) {
    const keydef_t *k = key(name);
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&a, PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(k->type));
    psa_set_key_usage_flags(&a, usage);
    psa_set_key_algorithm(&a, alg);
    *out = 0;
    if (!pub_len[key_index(k)]) return PSA_ERROR_NOT_SUPPORTED;
    return psa_import_key(&a, pubs[key_index(k)], pub_len[key_index(k)], out);
}

static void record_support(void) {
    for (size_t i = 0; i < NKEYS; i++) {
        psa_key_id_t k;
        psa_status_t st = mk(KEYS[i].name, PSA_KEY_USAGE_EXPORT, 0, &k);
        rep(id("key:%s", KEYS[i].name), st, NULL, 0, 0);
        if (st == PSA_SUCCESS && PSA_KEY_TYPE_IS_ASYMMETRIC(KEYS[i].type))
            psa_export_public_key(k, pubs[i], sizeof pubs[i], &pub_len[i]);
        psa_destroy_key(k);
    }
}

/* Is fixture `name` usable on this side? Unusable keys skip their cases. */
static int have(const char *name) {
    psa_key_id_t k;
    psa_status_t st = mk(name, 0, 0, &k);
    psa_destroy_key(k);
    return st == PSA_SUCCESS;
}

typedef struct {
    const char *name;
    psa_algorithm_t alg;
} named_alg_t;

typedef struct {
    const char *name;
    uint32_t v;
} named_t;

#include "cases.h"

int main(void) {
    psa_status_t st = psa_crypto_init();
    if (st != PSA_SUCCESS) {
        printf("init %d\n", (int)st);
        return 1;
    }
    init_material();
    cache_rsa();
    record_support();
    run_all();
    fprintf(stderr, "differential: %lu lines\n", n_lines);
    return 0;
}
