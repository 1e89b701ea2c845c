/* bench/pqc_callgrind.c - one post-quantum operation of psa_bench's rows
 * (ML-KEM-768 keygen/encaps/decaps, ML-DSA-65 keygen/sign/verify,
 * SLH-DSA-SHA2-128f sign/verify) run COUNT times inside a callgrind
 * instrumentation window, after two warm-up runs (the first random draw
 * seeds AWS-LC's entropy pool, a one-time cost). scripts/pqc-callgrind.sh
 * compares the instructions per operation with those of the crate call
 * inside it. Usage: pqc_callgrind CASE [COUNT]. */
#include <psa/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

static uint8_t msg[64], sig[PSA_SIGNATURE_MAX_SIZE], pub[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
static uint8_t ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];

static void die(const char *what, psa_status_t s)
{
    fprintf(stderr, "pqc_callgrind: %s: %d\n", what, (int)s);
    exit(1);
}

static psa_key_id_t gen(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t k = 0;
    psa_status_t s;
    psa_set_key_type(&a, t);
    psa_set_key_bits(&a, bits);
    psa_set_key_usage_flags(&a, u);
    psa_set_key_algorithm(&a, alg);
    if ((s = psa_generate_key(&a, &k)) != PSA_SUCCESS)
        die("generate", s);
    return k;
}

static psa_key_attributes_t secret(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
    psa_set_key_algorithm(&a, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    return a;
}

/* The operations, as psa_bench.c's steps. */
__attribute__((noinline)) static void op_keygen(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg)
{
    size_t n;
    psa_key_id_t k = gen(t, bits, u, alg);
    psa_status_t s = psa_export_public_key(k, pub, sizeof pub, &n);
    if (s != PSA_SUCCESS)
        die("export", s);
    psa_destroy_key(k);
}
__attribute__((noinline)) static void op_sign(psa_key_id_t k, psa_algorithm_t alg, size_t *len)
{
    psa_status_t s = psa_sign_message(k, alg, msg, sizeof msg, sig, sizeof sig, len);
    if (s != PSA_SUCCESS)
        die("sign", s);
}
__attribute__((noinline)) static void op_verify(psa_key_id_t k, psa_algorithm_t alg, size_t len)
{
    psa_status_t s = psa_verify_message(k, alg, msg, sizeof msg, sig, len);
    if (s != PSA_SUCCESS)
        die("verify", s);
}
__attribute__((noinline)) static void op_encaps(psa_key_id_t pk, size_t *len)
{
    psa_key_attributes_t a = secret();
    psa_key_id_t s = 0;
    psa_status_t st = psa_encapsulate(pk, PSA_ALG_ML_KEM, &a, &s, ct, sizeof ct, len);
    if (st != PSA_SUCCESS)
        die("encapsulate", st);
    psa_destroy_key(s);
}
__attribute__((noinline)) static void op_decaps(psa_key_id_t k, size_t len)
{
    psa_key_attributes_t a = secret();
    psa_key_id_t s = 0;
    psa_status_t st = psa_decapsulate(k, PSA_ALG_ML_KEM, ct, len, &a, &s);
    if (st != PSA_SUCCESS)
        die("decapsulate", st);
    psa_destroy_key(s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s mldsa-keygen|mldsa-sign|mldsa-verify|slh-sign|slh-verify|"
                        "kem-keygen|kem-encaps|kem-decaps [COUNT]\n", argv[0]);
        return 2;
    }
    const char *c = argv[1];
    int count = argc > 2 ? atoi(argv[2]) : 20;
    size_t len = 0;
    psa_key_type_t t = PSA_KEY_TYPE_ML_KEM_KEY_PAIR;
    size_t bits = 768;
    psa_algorithm_t alg = PSA_ALG_ML_KEM;
    psa_key_usage_t u = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    if (psa_crypto_init() != PSA_SUCCESS)
        die("init", -1);
    memset(msg, 0x17, sizeof msg);
    if (!strncmp(c, "mldsa", 5)) {
        t = PSA_KEY_TYPE_ML_DSA_KEY_PAIR, bits = 192, alg = PSA_ALG_ML_DSA;
    } else if (!strncmp(c, "slh", 3)) {
        t = PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F), bits = 128, alg = PSA_ALG_SLH_DSA;
    } else {
        u = PSA_KEY_USAGE_DECRYPT;
    }
    for (int i = 0; i < 2; i++)
        op_keygen(t, bits, u, alg);
    psa_key_id_t k = gen(t, bits, u, alg), pk = 0;
    if (t == PSA_KEY_TYPE_ML_KEM_KEY_PAIR) {
        size_t el;
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        if (psa_export_public_key(k, pub, sizeof pub, &el) != PSA_SUCCESS)
            die("export", -1);
        psa_set_key_type(&a, PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_ENCRYPT);
        psa_set_key_algorithm(&a, alg);
        if (psa_import_key(&a, pub, el, &pk) != PSA_SUCCESS)
            die("import", -1);
        for (int i = 0; i < 2; i++) {
            op_encaps(pk, &len);
            op_decaps(k, len);
        }
    } else {
        for (int i = 0; i < 2; i++) {
            op_sign(k, alg, &len);
            op_verify(k, alg, len);
        }
    }
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < count; i++) {
        if (strstr(c, "keygen"))
            op_keygen(t, bits, u, alg);
        else if (strstr(c, "sign"))
            op_sign(k, alg, &len);
        else if (strstr(c, "verify"))
            op_verify(k, alg, len);
        else if (strstr(c, "encaps"))
            op_encaps(pk, &len);
        else
            op_decaps(k, len);
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    psa_destroy_key(k);
    psa_destroy_key(pk);
    printf("%s %d\n", c, count);
    return 0;
}
