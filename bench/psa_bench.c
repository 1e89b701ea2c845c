/* psa_bench.c: a benchmark of a PSA Crypto API implementation.
 *
 * Uses only the standard PSA Crypto API (plus mbedtls_psa_crypto_free, which
 * both rustpsa and Mbed TLS provide), so the same source builds against any
 * implementation. Each case runs for a fixed time after a warm-up and prints
 * one line:
 *
 *     case<TAB>unit<TAB>value
 *
 * where value is a rate (higher is better) or "n/a" when the implementation
 * lacks the case. Options: -t SECONDS per case (default 1.0), -f SUBSTRING to
 * run only matching cases, -T to skip the multi-threaded cases (define
 * BENCH_NO_THREADS at compile time to leave them out entirely), -c to time
 * the single-threaded cases by the CPU time of the measuring thread
 * (CLOCK_THREAD_CPUTIME_ID) instead of wall-clock time: on a machine that
 * other processes load, a case's rate then depends much less on what else
 * ran meanwhile. The cases that wait for storage (persistent keys) and the
 * aggregate multi-threaded cases always use wall-clock time; the "... CPU"
 * thread cases always use per-thread CPU time.
 *
 * The "sign"/"verify" signature cases sign a 64-byte message
 * (psa_sign_message): every library hashes and signs. The "sign_hash" /
 * "verify_hash" cases sign a digest (psa_sign_hash), as TLS stacks and COSE/JOSE
 * libraries do; the ECDH cases agree with a stored key (psa_raw_key_agreement).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifndef BENCH_NO_THREADS
#include <pthread.h>
#endif

#include <psa/crypto.h>

void mbedtls_psa_crypto_free(void);

static double case_seconds = 1.0;
static const char *filter = NULL;
static int skip_threads = 0;
/* The clock of `measure` (see -c); per thread, as the threaded cases set it. */
static _Thread_local clockid_t bench_clock = CLOCK_MONOTONIC;
static clockid_t case_clock = CLOCK_MONOTONIC;

static double now(void)
{
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* One benchmark step; returns 0 on success. */
typedef int (*step_fn)(void *ctx);

/* Runs `step` for about `seconds` after a short warm-up; returns steps/second
 * or a negative value when a step failed. */
static double measure(step_fn step, void *ctx, double seconds)
{
    double start, elapsed;
    unsigned long n = 0, batch = 1;
    start = now();
    while (now() - start < seconds * 0.1) {
        if (step(ctx) != 0) {
            return -1.0;
        }
    }
    start = now();
    do {
        unsigned long i;
        for (i = 0; i < batch; i++) {
            if (step(ctx) != 0) {
                return -1.0;
            }
        }
        n += batch;
        if (batch < 4096) {
            batch *= 2;
        }
        elapsed = now() - start;
    } while (elapsed < seconds);
    return (double) n / elapsed;
}

static int selected(const char *name)
{
    return filter == NULL || strstr(name, filter) != NULL;
}

static void print_result(const char *name, const char *unit, double rate)
{
    if (rate < 0) {
        printf("%s\t%s\tn/a\n", name, unit);
    } else {
        printf("%s\t%s\t%.1f\n", name, unit, rate);
    }
    fflush(stdout);
}

/* Reports a per-operation case: ops/s, or MB/s when bytes > 0. */
static void report_case(const char *name, size_t bytes, step_fn step, void *ctx)
{
    double rate;
    if (!selected(name)) {
        return;
    }
    rate = measure(step, ctx, case_seconds);
    if (bytes > 0) {
        print_result(name, "MB/s", rate < 0 ? rate : rate * (double) bytes / 1e6);
    } else {
        print_result(name, "ops/s", rate);
    }
}

static psa_key_id_t import(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                           const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t id = 0;
    psa_set_key_type(&a, type);
    psa_set_key_usage_flags(&a, usage);
    psa_set_key_algorithm(&a, alg);
    if (psa_import_key(&a, data, len, &id) != PSA_SUCCESS) {
        return 0;
    }
    return id;
}

static psa_key_id_t generate(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                             psa_algorithm_t alg)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t id = 0;
    psa_set_key_type(&a, type);
    psa_set_key_bits(&a, bits);
    psa_set_key_usage_flags(&a, usage);
    psa_set_key_algorithm(&a, alg);
    if (psa_generate_key(&a, &id) != PSA_SUCCESS) {
        return 0;
    }
    return id;
}

static uint8_t key_bytes[64];
static uint8_t input[16384];
static uint8_t output[16384 + 64];
static uint8_t scratch[1024];

/* ---- key wrapping (PSA 1.4; the reference library has no psa_wrap_key) ---- */

#if defined(PSA_ALG_KW)
struct wrap {
    psa_key_id_t kek, key;
};

static int wrap_step(void *p)
{
    struct wrap *w = p;
    uint8_t blob[48];
    size_t n;
    return psa_wrap_key(w->kek, PSA_ALG_KW, w->key, blob, sizeof(blob), &n) != PSA_SUCCESS;
}

/* AES-KW of a 256-bit AES key under an AES-256 key-encryption key. */
static void bench_key_wrap(void)
{
    static const char *name = "AES-KW wrap of a 256-bit key";
    struct wrap w;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    if (!selected(name)) {
        return;
    }
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_WRAP);
    psa_set_key_algorithm(&a, PSA_ALG_KW);
    if (psa_import_key(&a, key_bytes, 32, &w.kek) != PSA_SUCCESS) {
        print_result(name, "ops/s", -1);
        return;
    }
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&a, PSA_ALG_NONE);
    if (psa_import_key(&a, key_bytes + 32, 32, &w.key) != PSA_SUCCESS) {
        print_result(name, "ops/s", -1);
        return;
    }
    report_case(name, 0, wrap_step, &w);
    psa_destroy_key(w.key);
    psa_destroy_key(w.kek);
}
#else
static void bench_key_wrap(void)
{
}
#endif

/* ---- symmetric ---------------------------------------------------------- */

struct sym {
    psa_key_id_t key;
    psa_algorithm_t alg;
    size_t len;
    uint8_t nonce[16];
    size_t nonce_len;
    /* Where the output goes: the shared `output` buffer, or a private one for
     * each thread in the multi-threaded cases (no false sharing). */
    uint8_t *out;
    size_t out_size;
};

static int aead_step(void *p)
{
    struct sym *s = p;
    size_t out_len;
    return psa_aead_encrypt(s->key, s->alg, s->nonce, s->nonce_len, NULL, 0, input, s->len,
                            s->out, s->out_size, &out_len) != PSA_SUCCESS;
}

static int cipher_step(void *p)
{
    struct sym *s = p;
    size_t out_len;
    return psa_cipher_encrypt(s->key, s->alg, input, s->len, output, sizeof(output),
                              &out_len) != PSA_SUCCESS;
}

static int hash_step(void *p)
{
    struct sym *s = p;
    size_t out_len;
    return psa_hash_compute(s->alg, input, s->len, output, sizeof(output), &out_len) !=
           PSA_SUCCESS;
}

static int mac_step(void *p)
{
    struct sym *s = p;
    size_t out_len;
    return psa_mac_compute(s->key, s->alg, input, s->len, output, sizeof(output), &out_len) !=
           PSA_SUCCESS;
}

static void bench_aead(const char *name, psa_key_type_t type, size_t key_len,
                       psa_algorithm_t alg, size_t len)
{
    struct sym s;
    if (!selected(name)) {
        return;
    }
    memset(&s, 0, sizeof(s));
    s.key = import(type, PSA_KEY_USAGE_ENCRYPT, alg, key_bytes, key_len);
    s.alg = alg;
    s.len = len;
    s.nonce_len = 12;
    s.out = output;
    s.out_size = sizeof(output);
    if (s.key == 0) {
        print_result(name, "MB/s", -1);
        return;
    }
    report_case(name, len, aead_step, &s);
    psa_destroy_key(s.key);
}

static void bench_cipher(const char *name, psa_algorithm_t alg, size_t len)
{
    struct sym s;
    if (!selected(name)) {
        return;
    }
    memset(&s, 0, sizeof(s));
    s.key = import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, alg, key_bytes, 16);
    s.alg = alg;
    s.len = len;
    if (s.key == 0) {
        print_result(name, "MB/s", -1);
        return;
    }
    report_case(name, len, cipher_step, &s);
    psa_destroy_key(s.key);
}

static void bench_hash(const char *name, psa_algorithm_t alg, size_t len)
{
    struct sym s;
    memset(&s, 0, sizeof(s));
    s.alg = alg;
    s.len = len;
    report_case(name, len, hash_step, &s);
}

#if defined(PSA_ALG_SHAKE128) && defined(PSA_ALG_ASCON_AEAD128)
/* PSA 1.4/1.5 rows (SHAKE128 XOF with 32 bytes of output, Ascon-AEAD128 with
 * its 16-byte nonce, BLAKE2b-512, BLAKE2s-256); absent from libraries without
 * them. */
static int xof_step(void *p)
{
    struct sym *s = p;
    psa_xof_operation_t op = PSA_XOF_OPERATION_INIT;
    int bad = psa_xof_setup(&op, s->alg) != PSA_SUCCESS ||
              psa_xof_update(&op, input, s->len) != PSA_SUCCESS ||
              psa_xof_output(&op, output, 32) != PSA_SUCCESS;
    return psa_xof_abort(&op) != PSA_SUCCESS || bad;
}

static void bench_sym14(void)
{
    struct sym s;
    memset(&s, 0, sizeof(s));
    s.alg = PSA_ALG_SHAKE128;
    s.len = 16384;
    if (selected("SHAKE128 16KiB"))
        report_case("SHAKE128 16KiB", 16384, xof_step, &s);
    if (selected("Ascon-AEAD128 encrypt 16KiB")) {
        s.key = import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ASCON_AEAD128, key_bytes, 16);
        s.alg = PSA_ALG_ASCON_AEAD128;
        s.nonce_len = 16;
        s.out = output;
        s.out_size = sizeof(output);
        if (s.key == 0)
            print_result("Ascon-AEAD128 encrypt 16KiB", "MB/s", -1);
        else
            report_case("Ascon-AEAD128 encrypt 16KiB", 16384, aead_step, &s);
        psa_destroy_key(s.key);
    }
    if (selected("BLAKE2b-512 16KiB"))
        bench_hash("BLAKE2b-512 16KiB", PSA_ALG_BLAKE2B_HASH512, 16384);
    if (selected("BLAKE2s-256 16KiB"))
        bench_hash("BLAKE2s-256 16KiB", PSA_ALG_BLAKE2S_HASH256, 16384);
    if (selected("BLAKE2bp-512 16KiB"))
        bench_hash("BLAKE2bp-512 16KiB", PSA_ALG_BLAKE2BP_HASH512, 16384);
    if (selected("BLAKE2sp-256 16KiB"))
        bench_hash("BLAKE2sp-256 16KiB", PSA_ALG_BLAKE2SP_HASH256, 16384);
}
#endif

static void bench_mac(const char *name, psa_key_type_t type, size_t key_len, psa_algorithm_t alg,
                      size_t len)
{
    struct sym s;
    if (!selected(name)) {
        return;
    }
    memset(&s, 0, sizeof(s));
    s.key = import(type, PSA_KEY_USAGE_SIGN_MESSAGE, alg, key_bytes, key_len);
    s.alg = alg;
    s.len = len;
    if (s.key == 0) {
        print_result(name, "ops/s", -1);
        return;
    }
    report_case(name, 0, mac_step, &s);
    psa_destroy_key(s.key);
}

/* ---- asymmetric --------------------------------------------------------- */

struct asym {
    psa_key_id_t key;
    psa_algorithm_t alg;
    uint8_t hash[64];
    size_t hash_len;
    uint8_t sig[1024];
    size_t sig_len;
    uint8_t pub[1024];
    size_t pub_len;
};

static int sign_step(void *p)
{
    struct asym *a = p;
    return psa_sign_hash(a->key, a->alg, a->hash, a->hash_len, a->sig, sizeof(a->sig),
                         &a->sig_len) != PSA_SUCCESS;
}

static int verify_step(void *p)
{
    struct asym *a = p;
    return psa_verify_hash(a->key, a->alg, a->hash, a->hash_len, a->sig, a->sig_len) !=
           PSA_SUCCESS;
}

static int sign_msg_step(void *p)
{
    struct asym *a = p;
    return psa_sign_message(a->key, a->alg, input, 64, a->sig, sizeof(a->sig), &a->sig_len) !=
           PSA_SUCCESS;
}

static int verify_msg_step(void *p)
{
    struct asym *a = p;
    return psa_verify_message(a->key, a->alg, input, 64, a->sig, a->sig_len) != PSA_SUCCESS;
}

static int agree_step(void *p)
{
    struct asym *a = p;
    size_t out_len;
    return psa_raw_key_agreement(a->alg, a->key, a->pub, a->pub_len, scratch, sizeof(scratch),
                                 &out_len) != PSA_SUCCESS;
}

static int encrypt_step(void *p)
{
    struct asym *a = p;
    return psa_asymmetric_encrypt(a->key, a->alg, input, 32, NULL, 0, a->sig, sizeof(a->sig),
                                  &a->sig_len) != PSA_SUCCESS;
}

static int decrypt_step(void *p)
{
    struct asym *a = p;
    size_t out_len;
    return psa_asymmetric_decrypt(a->key, a->alg, a->sig, a->sig_len, NULL, 0, scratch,
                                  sizeof(scratch), &out_len) != PSA_SUCCESS;
}

static void bench_sign(const char *prefix, psa_key_type_t type, size_t bits, psa_algorithm_t alg,
                       size_t hash_len, int message)
{
    char sign_name[64], verify_name[64];
    struct asym a;
    snprintf(sign_name, sizeof(sign_name), "%s sign", prefix);
    snprintf(verify_name, sizeof(verify_name), "%s verify", prefix);
    if (!selected(sign_name) && !selected(verify_name)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = alg;
    a.hash_len = hash_len;
    memset(a.hash, 0x5a, sizeof(a.hash));
    a.key = generate(type, bits, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH |
                                     PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                     alg);
    if (a.key == 0 || (message ? sign_msg_step(&a) : sign_step(&a)) != 0) {
        print_result(sign_name, "ops/s", -1);
        print_result(verify_name, "ops/s", -1);
        if (a.key != 0) {
            psa_destroy_key(a.key);
        }
        return;
    }
    report_case(sign_name, 0, message ? sign_msg_step : sign_step, &a);
    /* Signing again leaves a valid signature in a.sig for the verify case. */
    if ((message ? sign_msg_step(&a) : sign_step(&a)) == 0) {
        report_case(verify_name, 0, message ? verify_msg_step : verify_step, &a);
    } else {
        print_result(verify_name, "ops/s", -1);
    }
    psa_destroy_key(a.key);
}

#if defined(PSA_KEY_TYPE_ML_DSA_KEY_PAIR)
/* ML-DSA and SLH-DSA (rustpsa only: the reference library has no PQC). The
 * keygen case is psa_generate_key + psa_export_public_key + psa_destroy_key:
 * the seed is expanded when the public key is first needed. */
struct pqc_sig {
    psa_key_id_t key;
    psa_key_type_t type;
    size_t bits;
    psa_algorithm_t alg;
    uint8_t sig[17088];
    size_t sig_len;
};

static int pqc_keygen_step(void *p)
{
    struct pqc_sig *a = p;
    uint8_t pub[2592];
    size_t n;
    psa_key_id_t k = generate(a->type, a->bits, PSA_KEY_USAGE_SIGN_MESSAGE, a->alg);
    int bad = k == 0 || psa_export_public_key(k, pub, sizeof(pub), &n) != PSA_SUCCESS;
    psa_destroy_key(k);
    return bad;
}

static int pqc_sign_step(void *p)
{
    struct pqc_sig *a = p;
    return psa_sign_message(a->key, a->alg, input, 64, a->sig, sizeof(a->sig), &a->sig_len) != PSA_SUCCESS;
}

static int pqc_verify_step(void *p)
{
    struct pqc_sig *a = p;
    return psa_verify_message(a->key, a->alg, input, 64, a->sig, a->sig_len) != PSA_SUCCESS;
}

static void bench_pqc_sign(const char *prefix, psa_key_type_t type, size_t bits, psa_algorithm_t alg, int keygen)
{
    static struct pqc_sig a;
    char name[64];
    memset(&a, 0, sizeof(a));
    a.type = type;
    a.bits = bits;
    a.alg = alg;
    if (keygen) {
        snprintf(name, sizeof(name), "%s keygen", prefix);
        if (selected(name))
            report_case(name, 0, pqc_keygen_step, &a);
    }
    a.key = generate(type, bits, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg);
    snprintf(name, sizeof(name), "%s sign", prefix);
    if (a.key == 0 || pqc_sign_step(&a) != 0) {
        print_result(name, "ops/s", -1);
        return;
    }
    if (selected(name))
        report_case(name, 0, pqc_sign_step, &a);
    snprintf(name, sizeof(name), "%s verify", prefix);
    if (selected(name))
        report_case(name, 0, pqc_verify_step, &a);
    psa_destroy_key(a.key);
}
#endif

static void bench_agreement(const char *name, psa_key_type_t type, size_t bits)
{
    struct asym a;
    psa_key_id_t peer;
    if (!selected(name)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = PSA_ALG_ECDH;
    a.key = generate(type, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    peer = generate(type, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    if (a.key == 0 || peer == 0 ||
        psa_export_public_key(peer, a.pub, sizeof(a.pub), &a.pub_len) != PSA_SUCCESS) {
        print_result(name, "ops/s", -1);
    } else {
        report_case(name, 0, agree_step, &a);
    }
    psa_destroy_key(a.key);
    psa_destroy_key(peer);
}

/* ML-KEM-768 (PSA Crypto API 1.3 key encapsulation; n/a where the library
 * has none). keygen: generate + export of the encapsulation key (the seed's
 * expansion) + destroy; encaps / decaps: one call and the destroy of the
 * shared-secret key it creates. */
#ifdef PSA_ALG_ML_KEM
struct kem {
    psa_key_id_t pair, pub;
    uint8_t ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
    size_t ct_len;
};

static psa_key_attributes_t kem_secret_attrs(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
    psa_set_key_algorithm(&a, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    return a;
}

static int kem_keygen_step(void *p)
{
    static uint8_t ek[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t n;
    psa_key_id_t k = generate(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 768, PSA_KEY_USAGE_DECRYPT, PSA_ALG_ML_KEM);
    (void) p;
    if (k == 0 || psa_export_public_key(k, ek, sizeof(ek), &n) != PSA_SUCCESS) {
        return 1;
    }
    return psa_destroy_key(k) != PSA_SUCCESS;
}

static int kem_encaps_step(void *p)
{
    struct kem *m = p;
    psa_key_attributes_t a = kem_secret_attrs();
    psa_key_id_t s = 0;
    if (psa_encapsulate(m->pub, PSA_ALG_ML_KEM, &a, &s, m->ct, sizeof(m->ct), &m->ct_len) != PSA_SUCCESS) {
        return 1;
    }
    return psa_destroy_key(s) != PSA_SUCCESS;
}

static int kem_decaps_step(void *p)
{
    struct kem *m = p;
    psa_key_attributes_t a = kem_secret_attrs();
    psa_key_id_t s = 0;
    if (psa_decapsulate(m->pair, PSA_ALG_ML_KEM, m->ct, m->ct_len, &a, &s) != PSA_SUCCESS) {
        return 1;
    }
    return psa_destroy_key(s) != PSA_SUCCESS;
}
#endif

static void bench_mlkem(void)
{
#ifdef PSA_ALG_ML_KEM
    static struct kem m;
    uint8_t ek[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t el = 0;
    report_case("ML-KEM-768 keygen", 0, kem_keygen_step, NULL);
    m.pair = generate(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 768, PSA_KEY_USAGE_DECRYPT, PSA_ALG_ML_KEM);
    if (m.pair == 0 || psa_export_public_key(m.pair, ek, sizeof(ek), &el) != PSA_SUCCESS ||
        (m.pub = import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ML_KEM, ek, el)) == 0 ||
        kem_encaps_step(&m) != 0) {
        print_result("ML-KEM-768 encaps", "ops/s", -1);
        print_result("ML-KEM-768 decaps", "ops/s", -1);
    } else {
        report_case("ML-KEM-768 encaps", 0, kem_encaps_step, &m);
        report_case("ML-KEM-768 decaps", 0, kem_decaps_step, &m);
    }
    psa_destroy_key(m.pub);
    psa_destroy_key(m.pair);
#else
    print_result("ML-KEM-768 keygen", "ops/s", -1);
    print_result("ML-KEM-768 encaps", "ops/s", -1);
    print_result("ML-KEM-768 decaps", "ops/s", -1);
#endif
}

static void bench_rsa_crypt(void)
{
    struct asym a;
    const char *enc = "RSA-2048 OAEP-SHA256 encrypt", *dec = "RSA-2048 OAEP-SHA256 decrypt";
    if (!selected(enc) && !selected(dec)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
    a.key = generate(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048,
                     PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, a.alg);
    if (a.key == 0 || encrypt_step(&a) != 0) {
        print_result(enc, "ops/s", -1);
        print_result(dec, "ops/s", -1);
    } else {
        report_case(enc, 0, encrypt_step, &a);
        if (encrypt_step(&a) == 0) {
            report_case(dec, 0, decrypt_step, &a);
        } else {
            print_result(dec, "ops/s", -1);
        }
    }
    if (a.key != 0) {
        psa_destroy_key(a.key);
    }
}

/* ---- asymmetric calls on a stored key over a digest (issue 11) ----------- */

/* psa_sign_hash / psa_verify_hash on a digest of hash_len bytes: cases
 * "<prefix> sign_hash" and "<prefix> verify_hash". */
static void bench_hash_sign(const char *prefix, psa_key_type_t type, size_t bits,
                            psa_algorithm_t alg, size_t hash_len)
{
    char sign_name[80], verify_name[80];
    struct asym a;
    snprintf(sign_name, sizeof(sign_name), "%s sign_hash", prefix);
    snprintf(verify_name, sizeof(verify_name), "%s verify_hash", prefix);
    if (!selected(sign_name) && !selected(verify_name)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = alg;
    a.hash_len = hash_len;
    memset(a.hash, 0x5a, sizeof(a.hash));
    a.key = generate(type, bits, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, alg);
    if (a.key == 0 || sign_step(&a) != 0) {
        print_result(sign_name, "ops/s", -1);
        print_result(verify_name, "ops/s", -1);
    } else {
        report_case(sign_name, 0, sign_step, &a);
        if (sign_step(&a) == 0) {
            report_case(verify_name, 0, verify_step, &a);
        } else {
            print_result(verify_name, "ops/s", -1);
        }
    }
    if (a.key != 0) {
        psa_destroy_key(a.key);
    }
}

/* OAEP-SHA256 decryption of a 32-byte message with a stored RSA key. */
static void bench_oaep_decrypt(const char *name, size_t bits)
{
    struct asym a;
    if (!selected(name)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
    a.key = generate(PSA_KEY_TYPE_RSA_KEY_PAIR, bits, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
                     a.alg);
    if (a.key == 0 || encrypt_step(&a) != 0) {
        print_result(name, "ops/s", -1);
    } else {
        report_case(name, 0, decrypt_step, &a);
    }
    if (a.key != 0) {
        psa_destroy_key(a.key);
    }
}

/* Static ECDH inside a key derivation: setup, psa_key_derivation_key_agreement
 * with the stored key and the peer's public key, 32 bytes of output, abort. */
static int kdf_agree_step(void *p)
{
    struct asym *a = p;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    int bad = psa_key_derivation_setup(&op, a->alg) != PSA_SUCCESS ||
              psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SECRET, a->key,
                                               a->pub, a->pub_len) != PSA_SUCCESS ||
              psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, input, 16) !=
                  PSA_SUCCESS ||
              psa_key_derivation_output_bytes(&op, scratch, 32) != PSA_SUCCESS;
    psa_key_derivation_abort(&op);
    return bad;
}

static void bench_kdf_agreement(const char *name)
{
    struct asym a;
    psa_key_id_t peer;
    psa_key_type_t t = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    if (!selected(name)) {
        return;
    }
    memset(&a, 0, sizeof(a));
    a.alg = PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    a.key = generate(t, 256, PSA_KEY_USAGE_DERIVE, a.alg);
    peer = generate(t, 256, PSA_KEY_USAGE_DERIVE, a.alg);
    if (a.key == 0 || peer == 0 ||
        psa_export_public_key(peer, a.pub, sizeof(a.pub), &a.pub_len) != PSA_SUCCESS ||
        kdf_agree_step(&a) != 0) {
        print_result(name, "ops/s", -1);
    } else {
        report_case(name, 0, kdf_agree_step, &a);
    }
    psa_destroy_key(a.key);
    psa_destroy_key(peer);
}

static void bench_asymmetric_hash(void)
{
    static const struct {
        const char *name;
        psa_ecc_family_t family;
        size_t bits;
        psa_algorithm_t hash;
        size_t hash_len;
    } curves[] = {
        { "P-256", PSA_ECC_FAMILY_SECP_R1, 256, PSA_ALG_SHA_256, 32 },
        { "P-384", PSA_ECC_FAMILY_SECP_R1, 384, PSA_ALG_SHA_384, 48 },
        { "P-521", PSA_ECC_FAMILY_SECP_R1, 521, PSA_ALG_SHA_512, 64 },
        { "P-192", PSA_ECC_FAMILY_SECP_R1, 192, PSA_ALG_SHA_256, 32 },
        { "P-224", PSA_ECC_FAMILY_SECP_R1, 224, PSA_ALG_SHA_256, 32 },
        { "secp256k1", PSA_ECC_FAMILY_SECP_K1, 256, PSA_ALG_SHA_256, 32 },
        { "brainpoolP256r1", PSA_ECC_FAMILY_BRAINPOOL_P_R1, 256, PSA_ALG_SHA_256, 32 },
        { "brainpoolP384r1", PSA_ECC_FAMILY_BRAINPOOL_P_R1, 384, PSA_ALG_SHA_384, 48 },
        { "brainpoolP512r1", PSA_ECC_FAMILY_BRAINPOOL_P_R1, 512, PSA_ALG_SHA_512, 64 },
    };
    char name[80];
    size_t i;
    for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
        psa_key_type_t t = PSA_KEY_TYPE_ECC_KEY_PAIR(curves[i].family);
        snprintf(name, sizeof(name), "ECDSA %s", curves[i].name);
        bench_hash_sign(name, t, curves[i].bits, PSA_ALG_ECDSA(curves[i].hash), curves[i].hash_len);
        if (i < 3) {
            snprintf(name, sizeof(name), "ECDSA %s deterministic", curves[i].name);
            bench_hash_sign(name, t, curves[i].bits, PSA_ALG_DETERMINISTIC_ECDSA(curves[i].hash),
                            curves[i].hash_len);
        }
        /* "ECDH P-256" is in the main list already. */
        if (i > 0) {
            snprintf(name, sizeof(name), "ECDH %s", curves[i].name);
            bench_agreement(name, t, curves[i].bits);
        }
    }
    bench_hash_sign("RSA-2048 PKCS1v15-SHA256", PSA_KEY_TYPE_RSA_KEY_PAIR, 2048,
                    PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 32);
    bench_hash_sign("RSA-2048 PSS-SHA256", PSA_KEY_TYPE_RSA_KEY_PAIR, 2048,
                    PSA_ALG_RSA_PSS(PSA_ALG_SHA_256), 32);
    bench_hash_sign("RSA-3072 PKCS1v15-SHA256", PSA_KEY_TYPE_RSA_KEY_PAIR, 3072,
                    PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 32);
    bench_hash_sign("RSA-4096 PKCS1v15-SHA256", PSA_KEY_TYPE_RSA_KEY_PAIR, 4096,
                    PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 32);
    bench_oaep_decrypt("RSA-3072 OAEP-SHA256 decrypt", 3072);
    bench_oaep_decrypt("RSA-4096 OAEP-SHA256 decrypt", 4096);
    bench_kdf_agreement("ECDH P-256 in HKDF-SHA-256 key derivation");
}

/* ---- key derivation ----------------------------------------------------- */

struct kdf {
    psa_key_id_t key;
    psa_algorithm_t alg;
};

static int hkdf_step(void *p)
{
    struct kdf *k = p;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    int bad = psa_key_derivation_setup(&op, k->alg) != PSA_SUCCESS ||
              psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, input, 16) !=
                  PSA_SUCCESS ||
              psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, k->key) !=
                  PSA_SUCCESS ||
              psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, input, 16) !=
                  PSA_SUCCESS ||
              psa_key_derivation_output_bytes(&op, scratch, 32) != PSA_SUCCESS;
    psa_key_derivation_abort(&op);
    return bad;
}

static int pbkdf2_step(void *p)
{
    struct kdf *k = p;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    int bad = psa_key_derivation_setup(&op, k->alg) != PSA_SUCCESS ||
              psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 10000) !=
                  PSA_SUCCESS ||
              psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, input, 16) !=
                  PSA_SUCCESS ||
              psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD, k->key) !=
                  PSA_SUCCESS ||
              psa_key_derivation_output_bytes(&op, scratch, 32) != PSA_SUCCESS;
    psa_key_derivation_abort(&op);
    return bad;
}

static void bench_kdf(const char *name, psa_key_type_t type, psa_algorithm_t alg, step_fn step)
{
    struct kdf k;
    if (!selected(name)) {
        return;
    }
    k.alg = alg;
    k.key = import(type, PSA_KEY_USAGE_DERIVE, alg, key_bytes, 32);
    if (k.key == 0 || step(&k) != 0) {
        print_result(name, "ops/s", -1);
    } else {
        report_case(name, 0, step, &k);
    }
    if (k.key != 0) {
        psa_destroy_key(k.key);
    }
}

/* ---- key store ---------------------------------------------------------- */

static int import_destroy_step(void *p)
{
    psa_key_id_t id = import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key_bytes, 16);
    (void) p;
    return id == 0 || psa_destroy_key(id) != PSA_SUCCESS;
}

struct lookup {
    psa_key_id_t *ids;
    size_t count;
    uint64_t rng;
};

static int lookup_step(void *p)
{
    struct lookup *l = p;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_status_t s;
    l->rng ^= l->rng << 13;
    l->rng ^= l->rng >> 7;
    l->rng ^= l->rng << 17;
    s = psa_get_key_attributes(l->ids[l->rng % l->count], &a);
    psa_reset_key_attributes(&a);
    return s != PSA_SUCCESS;
}

static void bench_lookup(const char *name, size_t count)
{
    struct lookup l;
    size_t i;
    if (!selected(name)) {
        return;
    }
    l.ids = calloc(count, sizeof(*l.ids));
    l.count = count;
    l.rng = 88172645463325252ull;
    for (i = 0; l.ids != NULL && i < count; i++) {
        l.ids[i] = import(PSA_KEY_TYPE_RAW_DATA, 0, 0, key_bytes, 16);
        if (l.ids[i] == 0) {
            break;
        }
    }
    if (l.ids == NULL || i < count) {
        print_result(name, "ops/s", -1);
        l.count = i;
    } else {
        report_case(name, 0, lookup_step, &l);
    }
    for (i = 0; l.ids != NULL && i < l.count; i++) {
        psa_destroy_key(l.ids[i]);
    }
    free(l.ids);
}

/* One-shot use of a random key of `count`: HMAC-SHA-256 of 64 bytes. */
static int lookup_mac_step(void *p)
{
    struct lookup *l = p;
    size_t out_len;
    l->rng ^= l->rng << 13;
    l->rng ^= l->rng >> 7;
    l->rng ^= l->rng << 17;
    return psa_mac_compute(l->ids[l->rng % l->count], PSA_ALG_HMAC(PSA_ALG_SHA_256), input, 64,
                           output, sizeof(output), &out_len) != PSA_SUCCESS;
}

/* Like bench_lookup, with HMAC keys used by a one-shot MAC (each key is used
 * once before the measurement, so every key's prepared state exists). */
static void bench_lookup_mac(const char *name, size_t count)
{
    struct lookup l;
    size_t i;
    if (!selected(name)) {
        return;
    }
    l.ids = calloc(count, sizeof(*l.ids));
    l.count = count;
    l.rng = 88172645463325252ull;
    for (i = 0; l.ids != NULL && i < count; i++) {
        size_t out_len;
        l.ids[i] = import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE,
                          PSA_ALG_HMAC(PSA_ALG_SHA_256), key_bytes, 32);
        if (l.ids[i] == 0 ||
            psa_mac_compute(l.ids[i], PSA_ALG_HMAC(PSA_ALG_SHA_256), input, 64, output,
                            sizeof(output), &out_len) != PSA_SUCCESS) {
            break;
        }
    }
    if (l.ids == NULL || i < count) {
        print_result(name, "ops/s", -1);
        l.count = i;
    } else {
        report_case(name, 0, lookup_mac_step, &l);
    }
    for (i = 0; l.ids != NULL && i < l.count; i++) {
        psa_destroy_key(l.ids[i]);
    }
    free(l.ids);
}

static int persistent_step(void *p)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t id = 0;
    (void) p;
    psa_set_key_id(&a, 0x3ff0);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_ENCRYPT);
    psa_set_key_algorithm(&a, PSA_ALG_GCM);
    return psa_import_key(&a, key_bytes, 16, &id) != PSA_SUCCESS ||
           psa_destroy_key(id) != PSA_SUCCESS;
}

static psa_key_id_t purged_id;

static int open_purged_step(void *p)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    (void) p;
    if (psa_purge_key(purged_id) != PSA_SUCCESS ||
        psa_get_key_attributes(purged_id, &a) != PSA_SUCCESS) {
        return 1;
    }
    psa_reset_key_attributes(&a);
    return 0;
}

static void bench_persistent(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    /* These cases wait for the storage: wall-clock time whatever -c says. */
    bench_clock = CLOCK_MONOTONIC;
    /* Leftovers of an interrupted run. */
    psa_destroy_key(0x3ff0);
    psa_destroy_key(0x3ff1);
    if (selected("persistent key create+destroy")) {
        if (persistent_step(NULL) != 0) {
            print_result("persistent key create+destroy", "ops/s", -1);
        } else {
            report_case("persistent key create+destroy", 0, persistent_step, NULL);
        }
    }
    if (selected("persistent key first use after purge")) {
        psa_set_key_id(&a, 0x3ff1);
        psa_set_key_type(&a, PSA_KEY_TYPE_AES);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_ENCRYPT);
        psa_set_key_algorithm(&a, PSA_ALG_GCM);
        if (psa_import_key(&a, key_bytes, 16, &purged_id) != PSA_SUCCESS ||
            open_purged_step(NULL) != 0) {
            print_result("persistent key first use after purge", "ops/s", -1);
        } else {
            report_case("persistent key first use after purge", 0, open_purged_step, NULL);
        }
        psa_destroy_key(0x3ff1);
    }
    bench_clock = case_clock;
}

/* ---- threads ------------------------------------------------------------ */

#ifndef BENCH_NO_THREADS
struct worker {
    pthread_t thread;
    struct sym s;
    double rate;
    /* The worker's clock: wall-clock, or its own CPU time. */
    clockid_t clock;
    /* Private output, on cache lines of its own. */
    _Alignas(64) uint8_t out[256];
};

static void *worker_main(void *p)
{
    struct worker *w = p;
    bench_clock = w->clock;
    w->rate = measure(aead_step, &w->s, case_seconds);
    return NULL;
}

/* Aggregate rate of 64-byte AES-GCM encryptions over `n` threads: calls per
 * wall-clock second, or (`cpu`) the sum of each thread's calls per second of
 * its own CPU time, which load from other processes leaves alone and which
 * drops below n times the one-thread rate only when the calls contend. */
static double threaded_gcm(int n, int shared, int cpu)
{
    static struct worker w[8];
    psa_key_id_t common = 0;
    double total = 0;
    int i, ok = 1;
    if (shared) {
        common = import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key_bytes, 16);
    }
    for (i = 0; i < n; i++) {
        memset(&w[i].s, 0, sizeof(w[i].s));
        w[i].s.key = shared ? common
                            : import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM,
                                     key_bytes, 16);
        w[i].s.alg = PSA_ALG_GCM;
        w[i].s.len = 64;
        w[i].s.nonce_len = 12;
        w[i].s.out = w[i].out;
        w[i].s.out_size = sizeof(w[i].out);
        w[i].clock = cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
        ok = ok && w[i].s.key != 0;
    }
    if (ok) {
        for (i = 0; i < n; i++) {
            pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
        }
        for (i = 0; i < n; i++) {
            pthread_join(w[i].thread, NULL);
            if (w[i].rate < 0) {
                ok = 0;
            }
            total += w[i].rate;
        }
    }
    for (i = 0; i < n; i++) {
        if (!shared && w[i].s.key != 0) {
            psa_destroy_key(w[i].s.key);
        }
    }
    if (shared && common != 0) {
        psa_destroy_key(common);
    }
    return ok ? total : -1.0;
}

static void bench_threads(void)
{
    static const int counts[] = { 1, 2, 4, 8 };
    size_t i;
    int shared;
    char name[96];
    for (shared = 1; shared >= 0; shared--) {
        for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
            snprintf(name, sizeof(name), "AES-128-GCM 64B %d threads %s key", counts[i],
                     shared ? "shared" : "per-thread");
            if (!selected(name)) {
                continue;
            }
            print_result(name, "ops/s", threaded_gcm(counts[i], shared, 0));
        }
    }
    /* The same in CPU time, with 1 and 2 threads (contention or load?). */
    for (shared = 1; shared >= 0; shared--) {
        for (i = 0; i < 2; i++) {
            snprintf(name, sizeof(name), "AES-128-GCM 64B %d threads %s key CPU", counts[i],
                     shared ? "shared" : "per-thread");
            if (!selected(name)) {
                continue;
            }
            print_result(name, "ops/s", threaded_gcm(counts[i], shared, 1));
        }
    }
}
#endif

/* ---- PAKE: one full exchange per step (both sides in this process) ---- */

/* Mbed TLS 3.x has the PAKE extension API (two-argument setup, the hash in
 * the cipher suite, psa_pake_set_password_key); PSA 1.3 takes the password
 * in psa_pake_setup and the hash in the algorithm. */
#if defined(MBEDTLS_VERSION_NUMBER) && MBEDTLS_VERSION_NUMBER < 0x04000000
#define BENCH_PAKE_V1 1
#endif

struct pake_bench {
    psa_key_id_t a, b; /* J-PAKE: the password twice; SPAKE2+: prover, verifier */
};

static const psa_pake_step_t bench_jsteps[3] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC,
                                                 PSA_PAKE_STEP_ZK_PROOF };

static int jpake_side(psa_pake_operation_t *op, psa_key_id_t pw, const char *user, const char *peer)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    *op = psa_pake_operation_init();
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
#ifdef BENCH_PAKE_V1
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE);
    psa_pake_cs_set_hash(&cs, PSA_ALG_SHA_256);
    if (psa_pake_setup(op, &cs) != PSA_SUCCESS || psa_pake_set_password_key(op, pw) != PSA_SUCCESS) {
        return -1;
    }
#else
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    psa_pake_cs_set_key_confirmation(&cs, PSA_PAKE_UNCONFIRMED_KEY);
    if (psa_pake_setup(op, pw, &cs) != PSA_SUCCESS) {
        return -1;
    }
#endif
    if (psa_pake_set_user(op, (const uint8_t *)user, strlen(user)) != PSA_SUCCESS ||
        psa_pake_set_peer(op, (const uint8_t *)peer, strlen(peer)) != PSA_SUCCESS) {
        return -1;
    }
    return 0;
}

/* A complete J-PAKE exchange and both TLS 1.2 pre-master secrets. */
static int jpake_step(void *ctx)
{
    struct pake_bench *p = ctx;
    psa_pake_operation_t op[2];
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE], pms[2][32];
    size_t len;
    int side, r, s, j, rc = 0;
    if (jpake_side(&op[0], p->a, "client", "server") != 0 || jpake_side(&op[1], p->b, "server", "client") != 0) {
        rc = -1;
    }
    for (r = 0; r < 2 && rc == 0; r++) {
        for (side = 0; side < 2 && rc == 0; side++) {
            for (s = 0; s < (r == 0 ? 2 : 1) && rc == 0; s++) {
                for (j = 0; j < 3 && rc == 0; j++) {
                    if (psa_pake_output(&op[side], bench_jsteps[j], buf, sizeof(buf), &len) != PSA_SUCCESS ||
                        psa_pake_input(&op[1 - side], bench_jsteps[j], buf, len) != PSA_SUCCESS) {
                        rc = -1;
                    }
                }
            }
        }
    }
    for (side = 0; side < 2 && rc == 0; side++) {
        psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
        if (psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS) != PSA_SUCCESS) {
            rc = -1;
        }
#ifdef BENCH_PAKE_V1
        if (rc == 0 && psa_pake_get_implicit_key(&op[side], &kdf) != PSA_SUCCESS) {
            rc = -1;
        }
        if (rc == 0 && psa_key_derivation_output_bytes(&kdf, pms[side], 32) != PSA_SUCCESS) {
            rc = -1;
        }
#else
        {
            psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
            psa_key_id_t k = 0;
            psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
            psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
            psa_set_key_algorithm(&a, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
            if (rc == 0 && (psa_pake_get_shared_key(&op[side], &a, &k) != PSA_SUCCESS ||
                            psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, k) != PSA_SUCCESS ||
                            psa_key_derivation_output_bytes(&kdf, pms[side], 32) != PSA_SUCCESS)) {
                rc = -1;
            }
            psa_destroy_key(k);
        }
#endif
        psa_key_derivation_abort(&kdf);
    }
    psa_pake_abort(&op[0]);
    psa_pake_abort(&op[1]);
    return rc == 0 && memcmp(pms[0], pms[1], 32) == 0 ? 0 : -1;
}

#ifndef BENCH_PAKE_V1
/* A complete SPAKE2+ (HMAC-SHA-256, P-256) exchange: prover and verifier,
 * key shares, both confirmations and both shared keys. */
static int spake2p_step(void *ctx)
{
    struct pake_bench *p = ctx;
    psa_pake_operation_t pr = PSA_PAKE_OPERATION_INIT, ve = PSA_PAKE_OPERATION_INIT;
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_operation_t *from[4] = { &pr, &ve, &ve, &pr }, *to[4] = { &ve, &pr, &pr, &ve };
    static const psa_pake_step_t steps[4] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_KEY_SHARE,
                                              PSA_PAKE_STEP_CONFIRM, PSA_PAKE_STEP_CONFIRM };
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len;
    psa_key_id_t k1 = 0, k2 = 0;
    int i, rc = 0;
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256));
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
    if (psa_pake_setup(&pr, p->a, &cs) != PSA_SUCCESS || psa_pake_set_role(&pr, PSA_PAKE_ROLE_CLIENT) != PSA_SUCCESS ||
        psa_pake_setup(&ve, p->b, &cs) != PSA_SUCCESS || psa_pake_set_role(&ve, PSA_PAKE_ROLE_SERVER) != PSA_SUCCESS) {
        rc = -1;
    }
    for (i = 0; i < 4 && rc == 0; i++) {
        if (psa_pake_output(from[i], steps[i], buf, sizeof(buf), &len) != PSA_SUCCESS ||
            psa_pake_input(to[i], steps[i], buf, len) != PSA_SUCCESS) {
            rc = -1;
        }
    }
    psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
    if (rc == 0 && (psa_pake_get_shared_key(&pr, &a, &k1) != PSA_SUCCESS ||
                    psa_pake_get_shared_key(&ve, &a, &k2) != PSA_SUCCESS)) {
        rc = -1;
    }
    psa_destroy_key(k1);
    psa_destroy_key(k2);
    psa_pake_abort(&pr);
    psa_pake_abort(&ve);
    return rc;
}
#endif

static void bench_pake(void)
{
    struct pake_bench p;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    memset(&p, 0, sizeof(p));
    if (selected("J-PAKE P-256 exchange")) {
        psa_set_key_type(&a, PSA_KEY_TYPE_PASSWORD);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
#ifdef BENCH_PAKE_V1
        psa_set_key_algorithm(&a, PSA_ALG_JPAKE);
#else
        psa_set_key_algorithm(&a, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
#endif
        if (psa_import_key(&a, (const uint8_t *)"threadjpaketest", 15, &p.a) != PSA_SUCCESS) {
            print_result("J-PAKE P-256 exchange (both sides, PMS)", "ops/s", -1);
        } else {
            p.b = p.a;
            report_case("J-PAKE P-256 exchange (both sides, PMS)", 0, jpake_step, &p);
        }
        psa_destroy_key(p.a);
    }
    if (selected("SPAKE2+ P-256 exchange")) {
#ifdef BENCH_PAKE_V1
        print_result("SPAKE2+ P-256 exchange (prover and verifier)", "ops/s", -1);
#else
        uint8_t w[64], rec[97];
        size_t n = 0;
        memset(w, 0x35, sizeof(w));
        psa_set_key_type(&a, PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
        psa_set_key_algorithm(&a, PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256));
        if (psa_import_key(&a, w, sizeof(w), &p.a) != PSA_SUCCESS ||
            psa_export_public_key(p.a, rec, sizeof(rec), &n) != PSA_SUCCESS) {
            print_result("SPAKE2+ P-256 exchange (prover and verifier)", "ops/s", -1);
        } else {
            psa_set_key_type(&a, PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1));
            if (psa_import_key(&a, rec, n, &p.b) != PSA_SUCCESS) {
                print_result("SPAKE2+ P-256 exchange (prover and verifier)", "ops/s", -1);
            } else {
                report_case("SPAKE2+ P-256 exchange (prover and verifier)", 0, spake2p_step, &p);
            }
        }
        psa_destroy_key(p.a);
        psa_destroy_key(p.b);
#endif
    }
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "t:f:Tc")) != -1) {
        switch (opt) {
        case 't': case_seconds = atof(optarg); break;
        case 'f': filter = optarg; break;
        case 'T': skip_threads = 1; break;
        case 'c': case_clock = bench_clock = CLOCK_THREAD_CPUTIME_ID; break;
        default:
            fprintf(stderr, "usage: %s [-t seconds] [-f filter] [-T] [-c]\n", argv[0]);
            return 2;
        }
    }
    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }
    memset(key_bytes, 0x42, sizeof(key_bytes));
    memset(input, 0x17, sizeof(input));

    bench_aead("AES-128-GCM encrypt 64B", PSA_KEY_TYPE_AES, 16, PSA_ALG_GCM, 64);
    bench_aead("AES-128-GCM encrypt 1KiB", PSA_KEY_TYPE_AES, 16, PSA_ALG_GCM, 1024);
    bench_aead("AES-128-GCM encrypt 16KiB", PSA_KEY_TYPE_AES, 16, PSA_ALG_GCM, 16384);
    bench_aead("ChaCha20-Poly1305 encrypt 64B", PSA_KEY_TYPE_CHACHA20, 32,
               PSA_ALG_CHACHA20_POLY1305, 64);
    bench_aead("ChaCha20-Poly1305 encrypt 1KiB", PSA_KEY_TYPE_CHACHA20, 32,
               PSA_ALG_CHACHA20_POLY1305, 1024);
    bench_aead("ChaCha20-Poly1305 encrypt 16KiB", PSA_KEY_TYPE_CHACHA20, 32,
               PSA_ALG_CHACHA20_POLY1305, 16384);
    bench_cipher("AES-128-CBC-nopad encrypt 16KiB", PSA_ALG_CBC_NO_PADDING, 16384);
    bench_cipher("AES-128-CTR encrypt 16KiB", PSA_ALG_CTR, 16384);
    bench_hash("SHA-256 64B", PSA_ALG_SHA_256, 64);
    bench_hash("SHA-256 16KiB", PSA_ALG_SHA_256, 16384);
    bench_hash("SHA-512 64B", PSA_ALG_SHA_512, 64);
    bench_hash("SHA-512 16KiB", PSA_ALG_SHA_512, 16384);
    bench_mac("HMAC-SHA-256 64B", PSA_KEY_TYPE_HMAC, 32, PSA_ALG_HMAC(PSA_ALG_SHA_256), 64);
    bench_mac("AES-128-CMAC 64B", PSA_KEY_TYPE_AES, 16, PSA_ALG_CMAC, 64);
    bench_key_wrap();
    bench_sign("ECDSA P-256", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
               PSA_ALG_ECDSA(PSA_ALG_SHA_256), 32, 1);
    bench_sign("ECDSA P-384", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 384,
               PSA_ALG_ECDSA(PSA_ALG_SHA_384), 48, 1);
    bench_sign("Ed25519", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255,
               PSA_ALG_PURE_EDDSA, 0, 1);
#if defined(PSA_KEY_TYPE_ML_DSA_KEY_PAIR)
    bench_pqc_sign("ML-DSA-65", PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 192, PSA_ALG_ML_DSA, 1);
    bench_pqc_sign("SLH-DSA-SHA2-128f", PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F), 128,
                   PSA_ALG_SLH_DSA, 0);
#endif
    bench_agreement("ECDH P-256", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256);
    bench_agreement("X25519", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255);
    /* Message signing (64 bytes): both libraries hash then sign. */
    bench_sign("RSA-2048 PKCS1v15-SHA256", PSA_KEY_TYPE_RSA_KEY_PAIR, 2048,
               PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 32, 1);
    bench_rsa_crypt();
    bench_mlkem();
    bench_asymmetric_hash();
    bench_kdf("HKDF-SHA-256 32B", PSA_KEY_TYPE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256), hkdf_step);
    bench_kdf("PBKDF2-HMAC-SHA-256 10000 iterations", PSA_KEY_TYPE_PASSWORD,
              PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), pbkdf2_step);
    report_case("AES key import+destroy", 0, import_destroy_step, NULL);
    bench_lookup("get_key_attributes 16 keys", 16);
    bench_lookup("get_key_attributes 10000 keys", 10000);
    bench_lookup("get_key_attributes 100000 keys", 100000);
    bench_lookup_mac("HMAC-SHA-256 64B random key of 16 keys", 16);
    bench_lookup_mac("HMAC-SHA-256 64B random key of 10000 keys", 10000);
    bench_lookup_mac("HMAC-SHA-256 64B random key of 100000 keys", 100000);
    bench_persistent();
#if defined(PSA_ALG_SHAKE128) && defined(PSA_ALG_ASCON_AEAD128)
    bench_sym14();
#endif
    bench_pake();
#ifndef BENCH_NO_THREADS
    if (!skip_threads) {
        bench_threads();
    }
#endif
    mbedtls_psa_crypto_free();
    return 0;
}
