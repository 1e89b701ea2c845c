/* ctests/test_residue.c - no key material survives in freed heap blocks or in the
 * key files' directory.
 *
 * This program defines free(), realloc() and reallocarray() itself. The library is
 * linked dynamically and imports them, so these definitions interpose for every
 * free the library (and libc on its behalf) makes. Each freed block is scanned,
 * over its whole usable size (malloc_usable_size), for 16-byte windows (every 8
 * bytes) of every registered secret before it goes back to glibc (__libc_free).
 * realloc is rebuilt as malloc + copy + scanned free, so no block moves unscanned.
 *
 * Secrets: an RSA-2048 key's p, q, d, dP, dQ, qInv (generated, exported into a static
 * buffer, then imported again), AES-128/256 keys, a ChaCha20 key, HMAC keys, a
 * password, a raw-data key, ECC private keys (P-256, P-384, P-521, secp256k1,
 * brainpoolP256r1, X25519, X448, Ed25519, Ed448), ML-DSA seeds and SLH-DSA
 * SK.seed/SK.prf, bytes
 * and keys from key derivation (exported), raw ECDH shared secrets, a J-PAKE
 * password and SPAKE2+ registration values (w0, w1), and a persistent key.
 * Also key wrapping (AES-KW/KWP) and the multi-part signature operations
 * (PSA 1.5). Each is used one-shot and in every multi-part operation kind,
 * with aborts, destroy-while-in-use and mbedtls_psa_crypto_free with live keys
 * and operations; afterwards every file of the storage directory is scanned too.
 * Material of up to 64 bytes (the AES, ChaCha20 and HMAC keys here) lives inline in
 * the key's own heap block (keystore::Material), so the scan of that block when the
 * key is freed covers the inline buffer.
 *
 * A canary check at the start frees an unwiped copy of a secret and must see
 * exactly one hit, so the scanner is known to work in every run. The test's own
 * secret copies are static or on the stack; it frees no buffer holding one.
 *
 * Not run under AddressSanitizer (its allocator replaces malloc and free): the
 * program then only prints that it was skipped. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
int main(void)
{
    printf("test_residue: skipped under AddressSanitizer (it replaces free)\n");
    return 0;
}
#else

/* ---------------------------------------------------------------- the hook */

extern void __libc_free(void *p);
extern void *__libc_malloc(size_t n);

#define MAX_SECRETS 256
#define MAX_SECRET_LEN 600
#define WINDOW 16
#define STRIDE 8

typedef struct {
    char name[40];
    uint8_t bytes[MAX_SECRET_LEN];
    size_t len;
    unsigned long hits;      /* freed heap blocks holding it */
    unsigned long file_hits; /* storage files holding it */
} secret_t;

static secret_t secrets[MAX_SECRETS];
static volatile int n_secrets;
static unsigned long blocks_scanned;
static unsigned long bytes_scanned;
static volatile int hook_on;

/* Counts, for each secret found in [p, p + size), one hit in the heap counter
 * (file == 0) or the file counter. */
static void scan(const void *p, size_t size, int file)
{
    int n = n_secrets;
    if (!file) {
        __atomic_add_fetch(&blocks_scanned, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&bytes_scanned, size, __ATOMIC_RELAXED);
    }
    for (int i = 0; i < n; i++) {
        const secret_t *s = &secrets[i];
        size_t w = s->len < WINDOW ? s->len : WINDOW;
        if (w == 0 || size < w)
            continue;
        for (size_t off = 0; off + w <= s->len; off += STRIDE) {
            if (off + STRIDE + w > s->len)
                off = s->len - w; /* the last window ends at the secret's end */
            if (memmem(p, size, s->bytes + off, w)) {
                __atomic_add_fetch(file ? &secrets[i].file_hits : &secrets[i].hits, 1,
                                   __ATOMIC_RELAXED);
                break;
            }
            if (off == s->len - w)
                break;
        }
    }
}

void free(void *p)
{
    if (p && hook_on)
        scan(p, malloc_usable_size(p), 0);
    __libc_free(p);
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return __libc_malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    size_t old = malloc_usable_size(p);
    void *q = __libc_malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    free(p);
    return q;
}

void *reallocarray(void *p, size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, count * size);
}

static void add_one(const char *name, const uint8_t *b, size_t len, int reversed)
{
    if (len < WINDOW || len > MAX_SECRET_LEN || n_secrets >= MAX_SECRETS) {
        FAIL("secret %s: bad length %zu", name, len);
        return;
    }
    secret_t *s = &secrets[n_secrets];
    snprintf(s->name, sizeof(s->name), "%s%s", name, reversed ? " (reversed)" : "");
    for (size_t i = 0; i < len; i++)
        s->bytes[i] = reversed ? b[len - 1 - i] : b[i];
    s->len = len;
    s->hits = 0;
    __atomic_store_n(&n_secrets, n_secrets + 1, __ATOMIC_SEQ_CST);
}

/* Registers a secret as its bytes and reversed: big integers (RSA and ECC values)
 * live in memory as little-endian limbs, the reverse of their big-endian export. */
static void add_secret(const char *name, const uint8_t *b, size_t len)
{
    add_one(name, b, len, 0);
    add_one(name, b, len, 1);
}

/* ---------------------------------------------------------------- helpers */

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);
static const psa_algorithm_t HKDF256 = PSA_ALG_HKDF(PSA_ALG_SHA_256);
static uint8_t msg[200];
static uint8_t out[1024];
static uint8_t out2[1024];
static uint64_t rng = 0x5eed0f7e57ULL;

static psa_key_id_t import(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg,
                           const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    psa_key_id_t id = 0;
    CHECK_STATUS(psa_import_key(&a, data, len, &id), PSA_SUCCESS);
    return id;
}

static void destroy(psa_key_id_t id)
{
    CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
}

/* Parses one DER INTEGER at *p (strips a leading zero byte); returns its value. */
static const uint8_t *der_int(const uint8_t **p, const uint8_t *end, size_t *len)
{
    const uint8_t *q = *p;
    if (end - q < 2 || q[0] != 0x02)
        return NULL;
    size_t l = q[1];
    q += 2;
    if (l & 0x80) {
        size_t nb = l & 0x7f;
        if (nb == 0 || nb > 2 || (size_t)(end - q) < nb)
            return NULL;
        l = 0;
        for (size_t i = 0; i < nb; i++)
            l = (l << 8) | *q++;
    }
    if ((size_t)(end - q) < l)
        return NULL;
    *p = q + l;
    while (l > 1 && q[0] == 0) {
        q++;
        l--;
    }
    *len = l;
    return q;
}

/* RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv } */
static int register_rsa(const uint8_t *der, size_t der_len)
{
    static const char *names[] = {"version", "n", "e", "RSA d", "RSA p", "RSA q", "RSA dP",
                                  "RSA dQ", "RSA qInv"};
    const uint8_t *p = der, *end = der + der_len;
    if (der_len < 4 || p[0] != 0x30 || p[1] != 0x82)
        return 0;
    p += 4;
    for (int i = 0; i < 9; i++) {
        size_t l = 0;
        const uint8_t *v = der_int(&p, end, &l);
        if (!v)
            return 0;
        if (i >= 3)
            add_secret(names[i], v, l);
    }
    return 1;
}

/* ------------------------------------------------------------ symmetric */

static const uint8_t iv16[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static void cipher_multipart(psa_key_id_t k, psa_algorithm_t alg, size_t iv_len, int abort_early)
{
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    size_t n = 0, m = 0;
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, alg), PSA_SUCCESS);
    if (iv_len)
        CHECK_STATUS(psa_cipher_set_iv(&op, iv16, iv_len), PSA_SUCCESS);
    if (abort_early) {
        CHECK_STATUS(psa_cipher_abort(&op), PSA_SUCCESS);
        return;
    }
    CHECK_STATUS(psa_cipher_update(&op, msg, 64, out, sizeof(out), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&op, out + n, sizeof(out) - n, &m), PSA_SUCCESS);
    psa_cipher_operation_t dec = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_decrypt_setup(&dec, k, alg), PSA_SUCCESS);
    if (iv_len)
        CHECK_STATUS(psa_cipher_set_iv(&dec, iv16, iv_len), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&dec, out, n + m, out2, sizeof(out2), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&dec, out2 + n, sizeof(out2) - n, &m), PSA_SUCCESS);
    CHECK_MEM(out2, n + m, msg, 64);
}

static void aead_one(psa_key_id_t k, psa_algorithm_t alg, size_t nonce_len)
{
    size_t n = 0, m = 0, t = 0;
    uint8_t tag[16];
    CHECK_STATUS(psa_aead_encrypt(k, alg, iv16, nonce_len, msg, 20, msg, 64, out, sizeof(out), &n),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_aead_decrypt(k, alg, iv16, nonce_len, msg, 20, out, n, out2, sizeof(out2), &m),
                 PSA_SUCCESS);
    CHECK_MEM(out2, m, msg, 64);
    /* multi-part encrypt, then verify */
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 20, 64), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, iv16, nonce_len), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, msg, 20), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, msg, 64, out, sizeof(out), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, out + n, sizeof(out) - n, &m, tag, sizeof(tag), &t),
                 PSA_SUCCESS);
    psa_aead_operation_t dec = PSA_AEAD_OPERATION_INIT;
    size_t p = 0, q = 0;
    CHECK_STATUS(psa_aead_decrypt_setup(&dec, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&dec, 20, 64), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&dec, iv16, nonce_len), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&dec, msg, 20), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&dec, out, n + m, out2, sizeof(out2), &p), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_verify(&dec, out2 + p, sizeof(out2) - p, &q, tag, t), PSA_SUCCESS);
    CHECK_MEM(out2, p + q, msg, 64);
    /* aborted half-way */
    psa_aead_operation_t ab = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&ab, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&ab, 20, 64), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&ab, iv16, nonce_len), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&ab, msg, 20), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_abort(&ab), PSA_SUCCESS);
}

static void mac_all(psa_key_id_t k, psa_algorithm_t alg)
{
    size_t n = 0, m = 0;
    CHECK_STATUS(psa_mac_compute(k, alg, msg, 100, out, sizeof(out), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify(k, alg, msg, 100, out, n), PSA_SUCCESS);
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, msg, 30), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, msg + 30, 70), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, out2, sizeof(out2), &m), PSA_SUCCESS);
    CHECK_MEM(out2, m, out, n);
    psa_mac_operation_t v = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_verify_setup(&v, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&v, msg, 100), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&v, out, n), PSA_SUCCESS);
    psa_mac_operation_t ab = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&ab, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&ab, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_abort(&ab), PSA_SUCCESS);
}

/* Destroys each key while a multi-part operation uses it, then drives and aborts
 * the operation. */
static void destroy_in_use(psa_key_type_t t, size_t bits, const uint8_t *key, size_t len)
{
    size_t n = 0;
    psa_key_usage_t u = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_SIGN_MESSAGE;
    if (t == PSA_KEY_TYPE_AES) {
        psa_key_id_t k = import(t, bits, u, PSA_ALG_CTR, key, len);
        psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
        CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, PSA_ALG_CTR), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&op, iv16, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&op, msg, 20, out, sizeof(out), &n), PSA_SUCCESS);
        destroy(k);
        CHECK_STATUS(psa_cipher_update(&op, msg, 20, out, sizeof(out), &n), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_abort(&op), PSA_SUCCESS);

        k = import(t, bits, u, PSA_ALG_GCM, key, len);
        psa_aead_operation_t ae = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&ae, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&ae, iv16, 12), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&ae, msg, 20, out, sizeof(out), &n), PSA_SUCCESS);
        destroy(k);
        CHECK_STATUS(psa_aead_update(&ae, msg, 20, out, sizeof(out), &n), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_aead_abort(&ae), PSA_SUCCESS);

        k = import(t, bits, u, PSA_ALG_CMAC, key, len);
        psa_mac_operation_t mo = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&mo, k, PSA_ALG_CMAC), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&mo, msg, 20), PSA_SUCCESS);
        destroy(k);
        CHECK_STATUS(psa_mac_update(&mo, msg, 20), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&mo), PSA_SUCCESS);
    } else {
        psa_key_id_t k = import(t, bits, u, HMAC256, key, len);
        psa_mac_operation_t mo = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&mo, k, HMAC256), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&mo, msg, 20), PSA_SUCCESS);
        destroy(k);
        CHECK_STATUS(psa_mac_update(&mo, msg, 20), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&mo), PSA_SUCCESS);
    }
}

/* ------------------------------------------------------------ derivation */

static uint8_t derived_bytes[32];
static uint8_t derived_key[32];

static void derivation(psa_key_id_t hmac_key, psa_key_id_t password)
{
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, msg, 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, hmac_key),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, msg, 8),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, derived_bytes, sizeof(derived_bytes)),
                 PSA_SUCCESS);
    add_secret("HKDF output bytes", derived_bytes, sizeof(derived_bytes));
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_EXPORT |
                                      PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_GCM);
    psa_key_id_t dk = 0;
    CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &dk), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    size_t n = 0;
    CHECK_STATUS(psa_export_key(dk, derived_key, sizeof(derived_key), &n), PSA_SUCCESS);
    add_secret("derived AES-256 key", derived_key, n);
    aead_one(dk, PSA_ALG_GCM, 12);
    destroy(dk);

    /* aborted half-way, and destroy of the input key while the operation lives */
    psa_key_derivation_operation_t ab = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&ab, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&ab, PSA_KEY_DERIVATION_INPUT_SALT, msg, 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&ab, PSA_KEY_DERIVATION_INPUT_SECRET, hmac_key),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&ab), PSA_SUCCESS);

    /* PBKDF2 from a password key */
    psa_key_derivation_operation_t pb = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&pb, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&pb, PSA_KEY_DERIVATION_INPUT_COST, 10),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&pb, PSA_KEY_DERIVATION_INPUT_SALT, msg, 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&pb, PSA_KEY_DERIVATION_INPUT_PASSWORD, password),
                 PSA_SUCCESS);
    static uint8_t pbkdf2_out[32];
    CHECK_STATUS(psa_key_derivation_output_bytes(&pb, pbkdf2_out, sizeof(pbkdf2_out)), PSA_SUCCESS);
    add_secret("PBKDF2 output bytes", pbkdf2_out, sizeof(pbkdf2_out));
    CHECK_STATUS(psa_key_derivation_abort(&pb), PSA_SUCCESS);
}

/* ---------------------------------------------------------------- KEM */

/* ML-KEM seeds (d || z, and d and z alone: the library keeps them apart) and
 * shared secrets, ECIES shared secrets: each secret is registered, then made
 * again inside the library (decapsulation of the same ciphertext), with a
 * cached key destroyed after use and a copy. */
static void kem(void)
{
    static const size_t sizes[] = {512, 768, 1024};
    static uint8_t seed[64], secret[66], ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
    const psa_key_usage_t u = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT |
                              PSA_KEY_USAGE_COPY;
    for (size_t i = 0; i < 3; i++) {
        char name[40];
        size_t cl = 0, n = 0;
        psa_key_attributes_t o = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_NONE);
        psa_key_attributes_t c = ct_attrs(0, 0, u, PSA_ALG_ML_KEM);
        psa_key_id_t k, s = 0, copy = 0;
        ct_rand_fill(&rng, seed, sizeof(seed));
        snprintf(name, sizeof(name), "ML-KEM-%zu seed", sizes[i]);
        add_secret(name, seed, 64);
        snprintf(name, sizeof(name), "ML-KEM-%zu d", sizes[i]);
        add_secret(name, seed, 32);
        snprintf(name, sizeof(name), "ML-KEM-%zu z", sizes[i]);
        add_secret(name, seed + 32, 32);
        k = import(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, sizes[i], u, PSA_ALG_ML_KEM, seed, 64);
        CHECK_STATUS(psa_encapsulate(k, PSA_ALG_ML_KEM, &o, &s, ct, sizeof(ct), &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(s, secret, sizeof(secret), &n), PSA_SUCCESS);
        destroy(s);
        snprintf(name, sizeof(name), "ML-KEM-%zu shared", sizes[i]);
        add_secret(name, secret, n);
        CHECK_STATUS(psa_decapsulate(k, PSA_ALG_ML_KEM, ct, cl, &o, &s), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(s, out, sizeof(out), &n), PSA_SUCCESS);
        CHECK_MEM(out, n, secret, 32);
        destroy(s);
        CHECK_STATUS(psa_copy_key(k, &c, &copy), PSA_SUCCESS);
        CHECK_STATUS(psa_decapsulate(copy, PSA_ALG_ML_KEM, ct, cl, &o, &s), PSA_SUCCESS);
        destroy(s);
        destroy(copy);
        destroy(k);
    }
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                          PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_ECIES_SEC1);
        psa_key_attributes_t o = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_NONE);
        psa_key_id_t k = 0, s = 0;
        size_t cl = 0, n = 0;
        ct_rand_fill(&rng, seed, 32);
        seed[0] = 0x3f;
        add_secret("ECIES P-256 scalar", seed, 32);
        CHECK_STATUS(psa_import_key(&a, seed, 32, &k), PSA_SUCCESS);
        CHECK_STATUS(psa_encapsulate(k, PSA_ALG_ECIES_SEC1, &o, &s, ct, sizeof(ct), &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(s, secret, sizeof(secret), &n), PSA_SUCCESS);
        destroy(s);
        add_secret("ECIES P-256 shared", secret, n);
        CHECK_STATUS(psa_decapsulate(k, PSA_ALG_ECIES_SEC1, ct, cl, &o, &s), PSA_SUCCESS);
        destroy(s);
        destroy(k);
    }
}

/* ---------------------------------------------------------------- ECC */

/* -------------------------------------- multi-part signatures (PSA 1.5) */

/* A multi-part sign (not for PureEdDSA, which only verifies multi-part) and
 * verify, one aborted half-way, one whose key copy is revoked by destroy. */
static void sign_multipart(psa_key_id_t k, psa_algorithm_t alg, int pure_eddsa)
{
    psa_sign_operation_t s = PSA_SIGN_OPERATION_INIT;
    psa_verify_operation_t v = PSA_VERIFY_OPERATION_INIT;
    size_t n = 0;
    if (!pure_eddsa) {
        CHECK_STATUS(psa_sign_setup(&s, k, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&s, msg, 20), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&s, msg + 20, 30), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_finish(&s, out, sizeof(out), &n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_setup(&s, k, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&s, msg, 20), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_abort(&s), PSA_SUCCESS);
    } else {
        CHECK_STATUS(psa_sign_message(k, alg, msg, 50, out, sizeof(out), &n), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_verify_setup(&v, k, alg, out, n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_update(&v, msg, 50), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_finish(&v), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_setup(&v, k, alg, out, n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_abort(&v), PSA_SUCCESS);
}

static void ecc_key(const char *name, psa_ecc_family_t fam, size_t bits, int agree, int edwards)
{
    static uint8_t scalar[66];
    static uint8_t pub[200];
    size_t len = edwards && bits == 448 ? 57 : PSA_BITS_TO_BYTES(bits); /* Ed448: 57 */
    ct_rand_fill(&rng, scalar, len);
    if (fam == PSA_ECC_FAMILY_SECP_R1 || fam == PSA_ECC_FAMILY_SECP_K1 ||
        fam == PSA_ECC_FAMILY_BRAINPOOL_P_R1)
        scalar[0] = bits == 521 ? 0x01 : 0x3f; /* below the group order */
    add_secret(name, scalar, len);
    psa_key_type_t t = PSA_KEY_TYPE_ECC_KEY_PAIR(fam);
    psa_algorithm_t sign = edwards ? PSA_ALG_PURE_EDDSA : PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    psa_algorithm_t alg = agree ? PSA_ALG_ECDH : sign;
    psa_key_usage_t u = agree ? PSA_KEY_USAGE_DERIVE
                              : PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                                    PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_EXPORT |
                                    PSA_KEY_USAGE_COPY;
    psa_key_id_t k = import(t, bits, u, alg, scalar, len);
    size_t n = 0, plen = 0;
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof(pub), &plen), PSA_SUCCESS);
    if (agree) {
        static uint8_t shared[66];
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, plen, shared, sizeof(shared), &n),
                     PSA_SUCCESS);
        char sname[40];
        snprintf(sname, sizeof(sname), "%s shared", name);
        if (n >= WINDOW)
            add_secret(sname, shared, n);
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF256)),
                     PSA_SUCCESS);
        /* a raw ECDH policy also permits ECDH combined with a KDF; aborted at once */
        CHECK_STATUS(psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SECRET, k, pub,
                                                      plen),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        destroy(k);
        /* a key allowed to feed HKDF through ECDH */
        k = import(t, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF256),
                   scalar, len);
        psa_key_derivation_operation_t op2 = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&op2, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF256)),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op2, PSA_KEY_DERIVATION_INPUT_SALT, msg, 8),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_key_agreement(&op2, PSA_KEY_DERIVATION_INPUT_SECRET, k, pub,
                                                      plen),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op2, PSA_KEY_DERIVATION_INPUT_INFO, msg, 8),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op2, out, 32), PSA_SUCCESS);
        destroy(k); /* while the operation lives */
        CHECK_STATUS(psa_key_derivation_abort(&op2), PSA_SUCCESS);
    } else {
        CHECK_STATUS(psa_sign_message(k, sign, msg, 50, out, sizeof(out), &n), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, sign, msg, 50, out, n), PSA_SUCCESS);
        if (!edwards) {
            CHECK_STATUS(psa_sign_hash(k, sign, msg, 32, out, sizeof(out), &n), PSA_SUCCESS);
        }
        sign_multipart(k, sign, edwards);
        static uint8_t exported[66];
        CHECK_STATUS(psa_export_key(k, exported, sizeof(exported), &n), PSA_SUCCESS);
        CHECK_MEM(exported, n, scalar, len);
        psa_key_attributes_t a = ct_attrs(0, 0, PSA_KEY_USAGE_SIGN_MESSAGE, sign);
        psa_key_id_t c = 0;
        CHECK_STATUS(psa_copy_key(k, &a, &c), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message(c, sign, msg, 50, out, sizeof(out), &n), PSA_SUCCESS);
        destroy(c);
        destroy(k);
    }
}

/* ---------------------------------------------------------------- RSA */

static uint8_t rsa_der[1300];
static size_t rsa_der_len;

static void rsa(void)
{
    psa_key_usage_t u = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                        PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT |
                        PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_COPY;
    psa_algorithm_t pkcs = PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256);
    psa_algorithm_t pss = PSA_ALG_RSA_PSS(PSA_ALG_SHA_256);
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, u, pkcs);
    psa_key_id_t g = 0;
    size_t der_len = 0, n = 0, m = 0;
    if (!CHECK_STATUS(psa_generate_key(&a, &g), PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_export_key(g, rsa_der, sizeof(rsa_der), &der_len), PSA_SUCCESS);
    CHECK(register_rsa(rsa_der, der_len));
    rsa_der_len = der_len;
    CHECK_STATUS(psa_sign_message(g, pkcs, msg, 100, out, sizeof(out), &n), PSA_SUCCESS);
    destroy(g);

    /* import the exported key and use it every way */
    psa_key_id_t k = import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, u, pkcs, rsa_der, der_len);
    CHECK_STATUS(psa_sign_message(k, pkcs, msg, 100, out, sizeof(out), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(k, pkcs, msg, 100, out, n), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(k, pkcs, msg, 32, out, sizeof(out), &n), PSA_SUCCESS);
    sign_multipart(k, pkcs, 0);
    {
        /* destroyed while a multi-part sign holds its copy */
        psa_sign_operation_t s = PSA_SIGN_OPERATION_INIT;
        psa_key_attributes_t d = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, u, pkcs);
        psa_key_id_t k2 = 0;
        CHECK_STATUS(psa_import_key(&d, rsa_der, der_len, &k2), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_setup(&s, k2, pkcs), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&s, msg, 20), PSA_SUCCESS);
        destroy(k2);
        CHECK_STATUS(psa_sign_finish(&s, out, sizeof(out), &n), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&s), PSA_SUCCESS);
    }
    destroy(k);
    psa_key_attributes_t b = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, u, pss);
    k = 0;
    CHECK_STATUS(psa_import_key(&b, rsa_der, der_len, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(k, pss, msg, 100, out, sizeof(out), &n), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(k, pss, msg, 32, out, sizeof(out), &n), PSA_SUCCESS);
    destroy(k);
    static const psa_algorithm_t crypt[] = {PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256),
                                            PSA_ALG_RSA_PKCS1V15_CRYPT};
    for (int i = 0; i < 2; i++) {
        psa_key_attributes_t c = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, u, crypt[i]);
        k = 0;
        CHECK_STATUS(psa_import_key(&c, rsa_der, der_len, &k), PSA_SUCCESS);
        CHECK_STATUS(psa_asymmetric_encrypt(k, crypt[i], msg, 40, NULL, 0, out, sizeof(out), &n),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_asymmetric_decrypt(k, crypt[i], out, n, NULL, 0, out2, sizeof(out2), &m),
                     PSA_SUCCESS);
        CHECK_MEM(out2, m, msg, 40);
        psa_key_attributes_t cp = ct_attrs(0, 0, PSA_KEY_USAGE_DECRYPT, crypt[i]);
        psa_key_id_t c2 = 0;
        CHECK_STATUS(psa_copy_key(k, &cp, &c2), PSA_SUCCESS);
        CHECK_STATUS(psa_asymmetric_decrypt(c2, crypt[i], out, n, NULL, 0, out2, sizeof(out2), &m),
                     PSA_SUCCESS);
        destroy(c2);
        destroy(k);
    }
}

/* ------------------------------------------------------------ storage dir */

static unsigned long files_scanned;

static unsigned long file_hits(void)
{
    unsigned long t = 0;
    for (int i = 0; i < n_secrets; i++)
        t += secrets[i].file_hits;
    return t;
}

/* Scans every file in dir; `expect_hits` marks the canary scan (a file is
 * expected to hold the live persistent key), which prints nothing. */
static void scan_dir(const char *dir, int expect_hits)
{
    DIR *d = opendir(dir);
    if (!CHECK(d != NULL))
        return;
    struct dirent *e;
    static uint8_t buf[1 << 16];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
            continue;
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            continue;
        ssize_t r = read(fd, buf, sizeof(buf));
        close(fd);
        if (r <= 0)
            continue;
        files_scanned++;
        unsigned long before = file_hits();
        scan(buf, (size_t)r, 1);
        if (file_hits() != before && !expect_hits)
            fprintf(stderr, "# secret bytes in %s\n", path);
        memset(buf, 0, sizeof(buf));
    }
    closedir(d);
}

/* ---------------------------------------------------------------- ML-DSA, SLH-DSA */

/* The ML-DSA seed and the SLH-DSA SK.seed / SK.prf, generated and exported
 * (then registered), used for hedged and deterministic signatures with and
 * without a context, copied, and destroyed while cached. */
static void pqc_sign_keys(void)
{
    static uint8_t pqc_sig[PSA_SIGNATURE_MAX_SIZE];
    static uint8_t pqc_sk[64];
    static const struct {
        const char *name;
        psa_key_type_t t;
        size_t bits;
        psa_algorithm_t alg;
    } keys[] = {
        {"ML-DSA-44 seed", PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 128, PSA_ALG_ML_DSA},
        {"ML-DSA-87 seed", PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 256, PSA_ALG_DETERMINISTIC_ML_DSA},
        {"SLH-DSA-SHA2-128f", PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F), 128, PSA_ALG_SLH_DSA},
        {"SLH-DSA-SHAKE-128f", PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHAKE_F), 128,
         PSA_ALG_DETERMINISTIC_SLH_DSA},
    };
    psa_key_usage_t u = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_EXPORT |
                        PSA_KEY_USAGE_COPY;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        psa_key_attributes_t a = ct_attrs(keys[i].t, keys[i].bits, u, keys[i].alg);
        psa_key_id_t k = 0, c = 0;
        size_t n = 0, len = 0;
        if (!CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS))
            continue;
        CHECK_STATUS(psa_export_key(k, pqc_sk, sizeof(pqc_sk), &len), PSA_SUCCESS);
        /* the seed, or SK.seed ‖ SK.prf (PK.seed ‖ PK.root are public) */
        add_secret(keys[i].name, pqc_sk, len == 32 ? 32 : len / 2);
        CHECK_STATUS(psa_sign_message(k, keys[i].alg, msg, 50, pqc_sig, sizeof(pqc_sig), &n), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, keys[i].alg, msg, 50, pqc_sig, n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message_with_context(k, keys[i].alg, msg, 50, msg + 50, 20, pqc_sig,
                                                   sizeof(pqc_sig), &n),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_copy_key(k, &a, &c), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message_with_context(c, keys[i].alg, msg, 50, msg + 50, 20, pqc_sig, n),
                     PSA_SUCCESS);
        destroy(c);
        destroy(k);
    }
}

/* ---------------------------------------------------------------- main */

/* ---------------------------------------------------------------- PAKE */

/* J-PAKE and SPAKE2+ exchanges, an abort mid-exchange, the password destroyed
 * mid-exchange and an operation left live for mbedtls_psa_crypto_free: the
 * J-PAKE password and the SPAKE2+ w0 and w1 must never be in a freed block. */
static uint8_t pake_pw[20], pake_w[64];
static psa_pake_operation_t pake_live = PSA_PAKE_OPERATION_INIT;

static void pake_pair(psa_pake_operation_t *a, psa_pake_operation_t *b, psa_key_id_t ka, psa_key_id_t kb,
                      psa_algorithm_t alg, int stop_after)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    static const psa_pake_step_t js[3] = {PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC, PSA_PAKE_STEP_ZK_PROOF};
    int jpake = PSA_ALG_IS_JPAKE(alg), i, n = 0;
    size_t len = 0;
    psa_pake_cs_set_algorithm(&cs, alg);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
    CHECK_STATUS(psa_pake_setup(a, ka, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_setup(b, kb, &cs), PSA_SUCCESS);
    if (jpake) {
        CHECK_STATUS(psa_pake_set_user(a, (const uint8_t *)"client", 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_peer(a, (const uint8_t *)"server", 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_user(b, (const uint8_t *)"server", 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_peer(b, (const uint8_t *)"client", 6), PSA_SUCCESS);
        for (i = 0; i < 18 && n < stop_after; i++, n++) {
            int round2 = i >= 12, from_a = round2 ? i < 15 : i < 6;
            psa_pake_operation_t *f = from_a ? a : b, *t = from_a ? b : a;
            CHECK_STATUS(psa_pake_output(f, js[i % 3], out, sizeof(out), &len), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_input(t, js[i % 3], out, len), PSA_SUCCESS);
        }
    } else {
        static const psa_pake_step_t ss[4] = {PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_KEY_SHARE,
                                              PSA_PAKE_STEP_CONFIRM, PSA_PAKE_STEP_CONFIRM};
        CHECK_STATUS(psa_pake_set_role(a, PSA_PAKE_ROLE_CLIENT), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_role(b, PSA_PAKE_ROLE_SERVER), PSA_SUCCESS);
        for (i = 0; i < 4 && n < stop_after; i++, n++) {
            psa_pake_operation_t *f = (i == 0 || i == 3) ? a : b, *t = f == a ? b : a;
            CHECK_STATUS(psa_pake_output(f, ss[i], out, sizeof(out), &len), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_input(t, ss[i], out, len), PSA_SUCCESS);
        }
    }
}

static void pake(void)
{
    psa_algorithm_t jp = PSA_ALG_JPAKE(PSA_ALG_SHA_256), sp = PSA_ALG_SPAKE2P_MATTER;
    psa_key_attributes_t da = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, 0);
    psa_pake_operation_t a = PSA_PAKE_OPERATION_INIT, b = PSA_PAKE_OPERATION_INIT;
    psa_key_id_t pw, kp, vk, s1 = 0, s2 = 0;
    uint8_t rec[97];
    size_t n = 0;
    ct_rand_fill(&rng, pake_pw, sizeof(pake_pw));
    memset(pake_w, 0x3c, sizeof(pake_w)); /* w0, w1 < n */
    add_secret("J-PAKE password", pake_pw, sizeof(pake_pw));
    add_secret("SPAKE2+ w0", pake_w, 32);
    add_secret("SPAKE2+ w1", pake_w + 32, 32);
    pw = import(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, jp, pake_pw, sizeof(pake_pw));
    kp = import(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0, PSA_KEY_USAGE_DERIVE, sp, pake_w, 64);
    CHECK_STATUS(psa_export_public_key(kp, rec, sizeof(rec), &n), PSA_SUCCESS);
    vk = import(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0, PSA_KEY_USAGE_DERIVE, sp, rec, n);
    /* Complete exchanges; the shared keys come out as keys. */
    pake_pair(&a, &b, pw, pw, jp, 18);
    CHECK_STATUS(psa_pake_get_shared_key(&a, &da, &s1), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_get_shared_key(&b, &da, &s2), PSA_SUCCESS);
    destroy(s1);
    destroy(s2);
    pake_pair(&a, &b, kp, vk, sp, 4);
    CHECK_STATUS(psa_pake_get_shared_key(&a, &da, &s1), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_get_shared_key(&b, &da, &s2), PSA_SUCCESS);
    destroy(s1);
    destroy(s2);
    /* Aborted mid-exchange. */
    pake_pair(&a, &b, pw, pw, jp, 8);
    CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
    pake_pair(&a, &b, kp, vk, sp, 2);
    CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
    /* The keys destroyed while operations hold their secrets. */
    pake_pair(&a, &b, pw, pw, jp, 13);
    destroy(pw);
    CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_ZK_PUBLIC, out, sizeof(out), &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    pake_pair(&a, &b, kp, vk, sp, 1);
    destroy(kp);
    destroy(vk);
    CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
    /* One J-PAKE operation left live for mbedtls_psa_crypto_free. */
    pw = import(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, jp, pake_pw, sizeof(pake_pw));
    pake_pair(&pake_live, &b, pw, pw, jp, 3);
    CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
}

int main(void)
{
    static uint8_t aes128[16], aes256[32], chacha[32], hmac[32], password[24], persist[32], raw[40];
    ct_rand_fill(&rng, msg, sizeof(msg));
    ct_rand_fill(&rng, aes128, sizeof(aes128));
    ct_rand_fill(&rng, aes256, sizeof(aes256));
    ct_rand_fill(&rng, chacha, sizeof(chacha));
    ct_rand_fill(&rng, hmac, sizeof(hmac));
    ct_rand_fill(&rng, password, sizeof(password));
    ct_rand_fill(&rng, persist, sizeof(persist));
    ct_rand_fill(&rng, raw, sizeof(raw));
    char *dir = ct_use_temp_storage("residue");
    hook_on = 1;

    /* Canary: an unwiped copy of a secret freed here must be found. */
    add_secret("canary", persist, sizeof(persist));
    uint8_t *c = malloc(100);
    if (!c)
        return 1;
    memcpy(c + 7, persist, sizeof(persist));
    free(c);
    CHECK(secrets[0].hits == 1);
    CHECK(secrets[1].hits == 0);
    secrets[0].hits = 0;
    n_secrets = 0;

    add_secret("AES-128 key", aes128, sizeof(aes128));
    add_secret("AES-256 key", aes256, sizeof(aes256));
    add_secret("ChaCha20 key", chacha, sizeof(chacha));
    add_secret("HMAC key", hmac, sizeof(hmac));
    add_secret("password", password, sizeof(password));
    add_secret("persistent key", persist, sizeof(persist));
    add_secret("raw data key", raw, sizeof(raw));

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();

    psa_key_usage_t sym = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT |
                          PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                          PSA_KEY_USAGE_EXPORT;
    /* AES: every cipher mode, AEAD, CMAC */
    const uint8_t *aes[2] = {aes128, aes256};
    for (int i = 0; i < 2; i++) {
        size_t bits = i ? 256 : 128, len = i ? 32 : 16;
        psa_key_id_t k;
        static const psa_algorithm_t algs[] = {PSA_ALG_ECB_NO_PADDING, PSA_ALG_CBC_NO_PADDING,
                                               PSA_ALG_CBC_PKCS7, PSA_ALG_CTR, PSA_ALG_CFB,
                                               PSA_ALG_OFB};
        /* one key per algorithm policy */
        for (size_t j = 0; j < sizeof(algs) / sizeof(algs[0]); j++) {
            psa_key_attributes_t pa = ct_attrs(PSA_KEY_TYPE_AES, bits, sym, algs[j]);
            k = 0;
            CHECK_STATUS(psa_import_key(&pa, aes[i], len, &k), PSA_SUCCESS);
            size_t n = 0, m = 0;
            CHECK_STATUS(psa_cipher_encrypt(k, algs[j], msg, 64, out, sizeof(out), &n), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_decrypt(k, algs[j], out, n, out2, sizeof(out2), &m), PSA_SUCCESS);
            CHECK_MEM(out2, m, msg, 64);
            cipher_multipart(k, algs[j], algs[j] == PSA_ALG_ECB_NO_PADDING ? 0 : 16, 0);
            cipher_multipart(k, algs[j], algs[j] == PSA_ALG_ECB_NO_PADDING ? 0 : 16, 1);
            destroy(k);
        }
        k = import(PSA_KEY_TYPE_AES, bits, sym, PSA_ALG_GCM, aes[i], len);
        aead_one(k, PSA_ALG_GCM, 12);
        destroy(k);
        k = import(PSA_KEY_TYPE_AES, bits, sym, PSA_ALG_CCM, aes[i], len);
        aead_one(k, PSA_ALG_CCM, 13);
        destroy(k);
        k = import(PSA_KEY_TYPE_AES, bits, sym, PSA_ALG_CMAC, aes[i], len);
        mac_all(k, PSA_ALG_CMAC);
        destroy(k);
        destroy_in_use(PSA_KEY_TYPE_AES, bits, aes[i], len);
    }
    /* Key wrapping (PSA 1.4): AES-128 wrapped under AES-256 with KW and KWP, unwrapped */
    {
        static const psa_algorithm_t wraps[] = {PSA_ALG_KW, PSA_ALG_KWP};
        for (int i = 0; i < 2; i++) {
            psa_key_id_t w = import(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP,
                                    wraps[i], aes256, 32);
            psa_key_id_t k = import(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_CTR, aes128, 16);
            psa_key_attributes_t ua = ct_attrs(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_CTR);
            psa_key_id_t u = 0;
            size_t n = 0;
            CHECK_STATUS(psa_wrap_key(w, wraps[i], k, out, sizeof(out), &n), PSA_SUCCESS);
            CHECK_STATUS(psa_unwrap_key(&ua, w, wraps[i], out, n, &u), PSA_SUCCESS);
            out[3] ^= 1;
            CHECK_STATUS(psa_unwrap_key(&ua, w, wraps[i], out, n, &u), PSA_ERROR_INVALID_SIGNATURE);
            destroy(u);
            destroy(k);
            destroy(w);
        }
    }
    /* ChaCha20 */
    {
        psa_key_id_t k = import(PSA_KEY_TYPE_CHACHA20, 256, sym, PSA_ALG_CHACHA20_POLY1305, chacha, 32);
        aead_one(k, PSA_ALG_CHACHA20_POLY1305, 12);
        destroy(k);
        k = import(PSA_KEY_TYPE_CHACHA20, 256, sym, PSA_ALG_STREAM_CIPHER, chacha, 32);
        size_t n = 0, m = 0;
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_STREAM_CIPHER, msg, 64, out, sizeof(out), &n),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_decrypt(k, PSA_ALG_STREAM_CIPHER, out, n, out2, sizeof(out2), &m),
                     PSA_SUCCESS);
        CHECK_MEM(out2, m, msg, 64);
        cipher_multipart(k, PSA_ALG_STREAM_CIPHER, 12, 0);
        destroy(k);
    }
    /* HMAC and key derivation */
    {
        psa_key_id_t k = import(PSA_KEY_TYPE_HMAC, 256, sym, HMAC256, hmac, 32);
        mac_all(k, HMAC256);
        destroy(k);
        destroy_in_use(PSA_KEY_TYPE_HMAC, 256, hmac, 32);
        psa_key_id_t dk = import(PSA_KEY_TYPE_DERIVE, 256, PSA_KEY_USAGE_DERIVE, HKDF256, hmac, 32);
        psa_key_id_t pw = import(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE,
                                 PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), password, sizeof(password));
        derivation(dk, pw);
        /* the input key destroyed while a derivation holds it */
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, msg, 16),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, dk),
                     PSA_SUCCESS);
        destroy(dk);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        destroy(pw);
        /* a raw data key as an HKDF input through input_key */
        psa_key_id_t rk = import(PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT,
                                 HKDF256, raw, sizeof(raw));
        psa_key_derivation_operation_t ro = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&ro, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&ro, PSA_KEY_DERIVATION_INPUT_SALT, msg, 16),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&ro, PSA_KEY_DERIVATION_INPUT_INFO, rk),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&ro), PSA_SUCCESS);
        destroy(rk);
    }
    /* ECC */
    ecc_key("P-256 scalar", PSA_ECC_FAMILY_SECP_R1, 256, 0, 0);
    pqc_sign_keys();
    ecc_key("P-256 ECDH scalar", PSA_ECC_FAMILY_SECP_R1, 256, 1, 0);
    ecc_key("P-384 scalar", PSA_ECC_FAMILY_SECP_R1, 384, 0, 0);
    ecc_key("secp256k1 scalar", PSA_ECC_FAMILY_SECP_K1, 256, 0, 0);
    ecc_key("X25519 scalar", PSA_ECC_FAMILY_MONTGOMERY, 255, 1, 0);
    ecc_key("Ed25519 seed", PSA_ECC_FAMILY_TWISTED_EDWARDS, 255, 0, 1);
    ecc_key("P-521 scalar", PSA_ECC_FAMILY_SECP_R1, 521, 0, 0);
    ecc_key("P-384 ECDH scalar", PSA_ECC_FAMILY_SECP_R1, 384, 1, 0);
    ecc_key("P-521 ECDH scalar", PSA_ECC_FAMILY_SECP_R1, 521, 1, 0); /* AWS-LC's EC_KEY */
    ecc_key("brainpoolP256r1 scalar", PSA_ECC_FAMILY_BRAINPOOL_P_R1, 256, 0, 0);
    ecc_key("X448 scalar", PSA_ECC_FAMILY_MONTGOMERY, 448, 1, 0);
    ecc_key("Ed448 seed", PSA_ECC_FAMILY_TWISTED_EDWARDS, 448, 0, 1);
    /* RSA */
    rsa();
    kem();
    /* PAKE */
    pake();
    /* Persistent key: use, purge, reload, destroy */
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 256, sym, PSA_ALG_GCM);
        psa_set_key_id(&a, 0x5151);
        psa_key_id_t k = 0;
        CHECK_STATUS(psa_import_key(&a, persist, 32, &k), PSA_SUCCESS);
        aead_one(k, PSA_ALG_GCM, 12);
        CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
        aead_one(k, PSA_ALG_GCM, 12);
        destroy(k);
    }
    /* mbedtls_psa_crypto_free with live keys and live operations */
    {
        psa_key_id_t k1 = import(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_GCM, aes128, 16);
        psa_key_id_t k2 = import(PSA_KEY_TYPE_HMAC, 256, sym, HMAC256, hmac, 32);
        size_t n = 0;
        CHECK_STATUS(psa_aead_encrypt(k1, PSA_ALG_GCM, iv16, 12, NULL, 0, msg, 16, out, sizeof(out),
                                      &n), PSA_SUCCESS);
        psa_mac_operation_t mo = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&mo, k2, HMAC256), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&mo, msg, 10), PSA_SUCCESS);
        psa_aead_operation_t ao = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&ao, k1, PSA_ALG_GCM), PSA_SUCCESS);
        psa_key_attributes_t ra = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, PSA_KEY_USAGE_SIGN_MESSAGE,
                                           PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256));
        psa_key_id_t rk = 0;
        /* a live RSA key (with its cached ring key pair) at free */
        CHECK_STATUS(psa_import_key(&ra, rsa_der, rsa_der_len, &rk), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message(rk, PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), msg, 10, out,
                                      sizeof(out), &n), PSA_SUCCESS);
        psa_key_attributes_t pa = ct_attrs(PSA_KEY_TYPE_AES, 256, sym, PSA_ALG_GCM);
        psa_set_key_id(&pa, 0x5152);
        psa_key_id_t pk = 0;
        CHECK_STATUS(psa_import_key(&pa, persist, 32, &pk), PSA_SUCCESS);
        aead_one(pk, PSA_ALG_GCM, 12);
        mbedtls_psa_crypto_free();
        /* the persistent key file holds the key by design until it is destroyed */
        CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
        /* Directory canary: the live persistent key's file is found by the scan. */
        scan_dir(dir, 1);
        CHECK(file_hits() > 0);
        files_scanned = 0;
        for (int i = 0; i < n_secrets; i++)
            secrets[i].file_hits = 0;
        destroy(0x5152);
        mbedtls_psa_crypto_free();
    }

    /* The storage directory: no file may hold any secret after destroy. */
    scan_dir(dir, 0);

    hook_on = 0;
    unsigned long total = 0;
    for (int i = 0; i < n_secrets; i++) {
        if (secrets[i].hits || secrets[i].file_hits)
            fprintf(stderr, "# %s: found in %lu freed blocks and %lu storage files\n",
                    secrets[i].name, secrets[i].hits, secrets[i].file_hits);
        total += secrets[i].hits + secrets[i].file_hits;
    }
    printf("test_residue: %d secrets (%d patterns with the reversed forms), %lu freed blocks "
           "scanned (%lu bytes), %lu storage files scanned, %lu secrets found\n",
           n_secrets / 2, n_secrets, blocks_scanned, bytes_scanned, files_scanned, total);
    CHECK(total == 0);
    CHECK(file_hits() == 0);
    CHECK(blocks_scanned > 1000);
    ct_remove_dir(dir);
    return report();
}
#endif
