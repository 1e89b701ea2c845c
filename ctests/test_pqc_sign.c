/* ctests/test_pqc_sign.c - ML-DSA (44/65/87) and SLH-DSA (all twelve parameter
 * sets) through the C API: the 1.4 PQC encodings and size macros, seed key
 * pairs, generate / import / export / export_public, pure and HashML-DSA /
 * HashSLH-DSA (hedged and deterministic), the with-context calls, persistent
 * keys, and every error path (wrong key type, wrong sizes, too-small buffers,
 * bad signatures, context too long); EdDSA with a context. Known answers are in the Rust unit tests
 * (Wycheproof, NIST ACVP) and tests/interop/pqc_sign.py (dilithium-py, slhdsa). */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MLDSA_PAIR PSA_KEY_TYPE_ML_DSA_KEY_PAIR
#define MLDSA_PUB PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY
#define SIGN_ALL (PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE | \
                  PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH)
#define VERIFY_ALL (PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_VERIFY_HASH)

static uint8_t sig[PSA_SIGNATURE_MAX_SIZE];
static uint8_t sig2[PSA_SIGNATURE_MAX_SIZE];
static const uint8_t msg[] = "post-quantum firmware image";
static const uint8_t ctx[] = "rustpsa test context";

static psa_status_t gen(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg,
                        psa_key_id_t *key) {
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    return psa_generate_key(&a, key);
}

static psa_status_t import_bits(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg,
                                const uint8_t *data, size_t len, psa_key_id_t *key) {
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    return psa_import_key(&a, data, len, key);
}

static void values(void) {
    CHECK(PSA_KEY_TYPE_ML_DSA_KEY_PAIR == 0x7002 && PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY == 0x4002);
    CHECK(PSA_KEY_TYPE_IS_ML_DSA(MLDSA_PAIR) && PSA_KEY_TYPE_IS_ML_DSA(MLDSA_PUB));
    CHECK(!PSA_KEY_TYPE_IS_ML_DSA(PSA_KEY_TYPE_RSA_KEY_PAIR));
    CHECK(PSA_KEY_TYPE_IS_KEY_PAIR(MLDSA_PAIR) && PSA_KEY_TYPE_IS_PUBLIC_KEY(MLDSA_PUB));
    CHECK(PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(MLDSA_PAIR) == MLDSA_PUB);
    CHECK(PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_S) == 0x7182);
    CHECK(PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(PSA_SLH_DSA_FAMILY_SHAKE_F) == 0x418d);
    CHECK(PSA_SLH_DSA_FAMILY_SHA2_F == 0x04 && PSA_SLH_DSA_FAMILY_SHAKE_S == 0x0b);
    CHECK(PSA_KEY_TYPE_IS_SLH_DSA(0x7184) && PSA_KEY_TYPE_IS_SLH_DSA(0x418b));
    CHECK(PSA_KEY_TYPE_IS_SLH_DSA_KEY_PAIR(0x7184) && !PSA_KEY_TYPE_IS_SLH_DSA_PUBLIC_KEY(0x7184));
    CHECK(PSA_KEY_TYPE_IS_SLH_DSA_PUBLIC_KEY(0x418b) && !PSA_KEY_TYPE_IS_SLH_DSA(MLDSA_PAIR));
    CHECK(PSA_KEY_TYPE_SLH_DSA_GET_FAMILY(0x718d) == PSA_SLH_DSA_FAMILY_SHAKE_F);
    CHECK(PSA_KEY_TYPE_LMS_PUBLIC_KEY == 0x4007 && PSA_KEY_TYPE_HSS_PUBLIC_KEY == 0x4008);
    CHECK(PSA_KEY_TYPE_XMSS_PUBLIC_KEY == 0x400b && PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY == 0x400d);
    CHECK(PSA_ALG_ML_DSA == 0x06004400 && PSA_ALG_DETERMINISTIC_ML_DSA == 0x06004500);
    CHECK(PSA_ALG_HASH_ML_DSA(PSA_ALG_SHA_256) == 0x06004609);
    CHECK(PSA_ALG_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_SHA_512) == 0x0600470b);
    CHECK(PSA_ALG_SLH_DSA == 0x06004000 && PSA_ALG_DETERMINISTIC_SLH_DSA == 0x06004100);
    CHECK(PSA_ALG_HASH_SLH_DSA(PSA_ALG_SHA3_256) == 0x06004211);
    CHECK(PSA_ALG_DETERMINISTIC_HASH_SLH_DSA(PSA_ALG_SHA_256) == 0x06004309);
    CHECK(PSA_ALG_LMS == 0x06004800 && PSA_ALG_HSS == 0x06004900);
    CHECK(PSA_ALG_XMSS == 0x06004a00 && PSA_ALG_XMSS_MT == 0x06004b00);
    CHECK(PSA_ALG_EDDSA_CTX == 0x06000a00);
    CHECK(PSA_ALG_IS_ML_DSA(PSA_ALG_ML_DSA) && PSA_ALG_IS_ML_DSA(PSA_ALG_DETERMINISTIC_ML_DSA));
    CHECK(!PSA_ALG_IS_ML_DSA(PSA_ALG_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_HASH_ML_DSA(PSA_ALG_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_HEDGED_HASH_ML_DSA(PSA_ALG_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(!PSA_ALG_IS_HEDGED_HASH_ML_DSA(PSA_ALG_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_SLH_DSA(PSA_ALG_DETERMINISTIC_SLH_DSA) && !PSA_ALG_IS_SLH_DSA(PSA_ALG_ML_DSA));
    CHECK(PSA_ALG_IS_HASH_SLH_DSA(PSA_ALG_HASH_SLH_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_HEDGED_HASH_SLH_DSA(PSA_ALG_HASH_SLH_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_DETERMINISTIC_HASH_SLH_DSA(PSA_ALG_DETERMINISTIC_HASH_SLH_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_SIGN(PSA_ALG_ML_DSA) && PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_SLH_DSA));
    CHECK(!PSA_ALG_IS_SIGN_HASH(PSA_ALG_ML_DSA) && PSA_ALG_IS_SIGN_HASH(PSA_ALG_HASH_ML_DSA(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_SIGN_GET_HASH(PSA_ALG_HASH_SLH_DSA(PSA_ALG_SHA_384)) == PSA_ALG_SHA_384);
    CHECK(PSA_ALG_SIGN_GET_HASH(PSA_ALG_ML_DSA) == PSA_ALG_NONE);
    CHECK(PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_ML_DSA) && PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_SLH_DSA));
    CHECK(PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_EDDSA_CTX) && PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_ED25519PH));
    CHECK(!PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_PURE_EDDSA));
    CHECK(!PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_ECDSA(PSA_ALG_SHA_256)) && !PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_LMS));
    /* Size macros. */
    CHECK(PSA_SIGN_OUTPUT_SIZE(MLDSA_PAIR, 128, PSA_ALG_ML_DSA) == 2420);
    CHECK(PSA_SIGN_OUTPUT_SIZE(MLDSA_PAIR, 192, PSA_ALG_ML_DSA) == 3309);
    CHECK(PSA_SIGN_OUTPUT_SIZE(MLDSA_PUB, 256, PSA_ALG_ML_DSA) == 4627);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(MLDSA_PAIR, 192) == 32);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(MLDSA_PUB, 192) == 1952);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(MLDSA_PAIR, 128) == 1312);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(MLDSA_PAIR, 256) == 2592);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x7182, 128, PSA_ALG_SLH_DSA) == 7856);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x7184, 128, PSA_ALG_SLH_DSA) == 17088);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x718b, 192, PSA_ALG_SLH_DSA) == 16224);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x718d, 192, PSA_ALG_SLH_DSA) == 35664);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x4182, 256, PSA_ALG_SLH_DSA) == 29792);
    CHECK(PSA_SIGN_OUTPUT_SIZE(0x418d, 256, PSA_ALG_SLH_DSA) == 49856);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(0x718d, 256) == 128 && PSA_EXPORT_KEY_OUTPUT_SIZE(0x418d, 256) == 64);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(0x7182, 192) == 48);
    CHECK(PSA_SIGNATURE_MAX_SIZE >= 49856 && PSA_EXPORT_PUBLIC_KEY_MAX_SIZE >= 2592);
    /* The ECC macros are unchanged for ECC keys. */
    CHECK(PSA_SIGN_OUTPUT_SIZE(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_ALG_ECDSA_ANY) == 64);
}

static const psa_algorithm_t prehashes[] = {
    PSA_ALG_SHA_224, PSA_ALG_SHA_256, PSA_ALG_SHA_384, PSA_ALG_SHA_512,
    PSA_ALG_SHA_512_224, PSA_ALG_SHA_512_256, PSA_ALG_SHA3_224, PSA_ALG_SHA3_256,
    PSA_ALG_SHA3_384, PSA_ALG_SHA3_512, PSA_ALG_SHAKE256_512,
};
#define N_PREHASHES (sizeof prehashes / sizeof prehashes[0])

/* Pure, hedged and deterministic, with and without context, through both the
 * plain and the with-context calls; a public key exported and re-imported. */
static void pure_round_trips(psa_key_type_t pair, size_t bits, psa_algorithm_t hedged,
                             psa_algorithm_t det) {
    psa_key_id_t k, kd, pub;
    size_t len, len2, sig_size = PSA_SIGN_OUTPUT_SIZE(pair, bits, hedged);
    uint8_t exported[128], public_key[2600];
    size_t elen, plen;
    if (!CHECK_STATUS(gen(pair, bits, SIGN_ALL | PSA_KEY_USAGE_EXPORT, hedged, &k), PSA_SUCCESS)) return;
    CHECK_STATUS(psa_export_key(k, exported, sizeof exported, &elen), PSA_SUCCESS);
    CHECK(elen == PSA_EXPORT_KEY_OUTPUT_SIZE(pair, bits));
    CHECK_STATUS(psa_export_public_key(k, public_key, sizeof public_key, &plen), PSA_SUCCESS);
    CHECK(plen == PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(pair, bits));
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(k, &at), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&at) == bits);

    /* Plain call = empty context. */
    CHECK_STATUS(psa_sign_message(k, hedged, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK(len == sig_size);
    CHECK_STATUS(psa_verify_message(k, hedged, msg, sizeof msg, sig, len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, NULL, 0, sig, len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    /* With a context. */
    CHECK_STATUS(psa_sign_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK(len == sig_size);
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(k, hedged, msg, sizeof msg, sig, len), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg - 1, ctx, sizeof ctx, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    /* Hedged signatures differ from one call to the next. */
    CHECK_STATUS(psa_sign_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig2, sizeof sig2, &len2),
                 PSA_SUCCESS);
    CHECK(len2 == len && memcmp(sig, sig2, len) != 0);
    /* A flipped bit, a truncated and an extended signature. */
    sig[len / 2] ^= 0x01;
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    sig[len / 2] ^= 0x01;
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len - 1),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len + 1),
                 PSA_ERROR_INVALID_SIGNATURE);

    /* The public key verifies; it cannot sign. */
    if (CHECK_STATUS(import_bits(PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(pair), 0, VERIFY_ALL, hedged, public_key,
                                 plen, &pub),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_message_with_context(pub, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(pub, sig2, sizeof sig2, &len2), PSA_SUCCESS);
        CHECK_MEM(sig2, len2, public_key, plen);
        CHECK_STATUS(psa_sign_message(pub, hedged, msg, sizeof msg, sig2, sizeof sig2, &len2),
                     PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(pub);
    }

    /* The deterministic variant: the same key (same exported material)
     * signs twice alike, and the signature verifies under either algorithm. */
    if (CHECK_STATUS(import_bits(pair, bits, SIGN_ALL, det, exported, elen, &kd), PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message_with_context(kd, det, msg, sizeof msg, ctx, sizeof ctx, sig, sizeof sig, &len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message_with_context(kd, det, msg, sizeof msg, ctx, sizeof ctx, sig2, sizeof sig2, &len2),
                     PSA_SUCCESS);
        CHECK_MEM(sig, len, sig2, len2);
        CHECK_STATUS(psa_verify_message_with_context(k, hedged, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message_with_context(kd, det, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                     PSA_SUCCESS);
        psa_destroy_key(kd);
    }
    psa_destroy_key(k);
}

/* HashML-DSA / HashSLH-DSA with each pre-hash FIPS 204/205 allow (hash_count
 * of them), through sign_hash/verify_message and the reverse. */
static void prehash_round_trips(psa_key_type_t pair, size_t bits, int hedged_base, size_t hash_count) {
    psa_key_id_t k;
    uint8_t digest[64];
    size_t dlen, len;
    psa_algorithm_t any = hedged_base ? PSA_ALG_HASH_ML_DSA(PSA_ALG_ANY_HASH) : PSA_ALG_HASH_SLH_DSA(PSA_ALG_ANY_HASH);
    if (!CHECK_STATUS(gen(pair, bits, SIGN_ALL, any, &k), PSA_SUCCESS)) return;
    for (size_t i = 0; i < hash_count; i++) {
        psa_algorithm_t h = prehashes[i];
        psa_algorithm_t alg = hedged_base ? PSA_ALG_HASH_ML_DSA(h) : PSA_ALG_HASH_SLH_DSA(h);
        if (!CHECK_STATUS(psa_hash_compute(h, msg, sizeof msg, digest, sizeof digest, &dlen), PSA_SUCCESS)) continue;
        CHECK_STATUS(psa_sign_hash_with_context(k, alg, digest, dlen, ctx, sizeof ctx, sig, sizeof sig, &len),
                     PSA_SUCCESS);
        CHECK(len == PSA_SIGN_OUTPUT_SIZE(pair, bits, alg));
        CHECK_STATUS(psa_verify_message_with_context(k, alg, msg, sizeof msg, ctx, sizeof ctx, sig, len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash_with_context(k, alg, digest, dlen, ctx, sizeof ctx, sig, len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(k, alg, digest, dlen, sig, len), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_sign_message(k, alg, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(k, alg, digest, dlen, sig, len), PSA_SUCCESS);
        /* A digest of the wrong length. */
        CHECK_STATUS(psa_sign_hash(k, alg, digest, dlen - 1, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_verify_hash(k, alg, digest, dlen + 1, sig, PSA_SIGN_OUTPUT_SIZE(pair, bits, alg)),
                     PSA_ERROR_INVALID_ARGUMENT);
    }
    /* The deterministic pre-hash variant on the same key is another algorithm. */
    psa_algorithm_t det = hedged_base ? PSA_ALG_DETERMINISTIC_HASH_ML_DSA(PSA_ALG_SHA_256)
                                      : PSA_ALG_DETERMINISTIC_HASH_SLH_DSA(PSA_ALG_SHA_256);
    CHECK_STATUS(psa_sign_message(k, det, msg, sizeof msg, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
    /* A hash FIPS 204/205 do not allow, and a wildcard in a call. */
    psa_algorithm_t md5 = hedged_base ? PSA_ALG_HASH_ML_DSA(PSA_ALG_MD5) : PSA_ALG_HASH_SLH_DSA(PSA_ALG_MD5);
    CHECK_STATUS(psa_sign_message(k, md5, msg, sizeof msg, sig, sizeof sig, &len), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_sign_message(k, any, msg, sizeof msg, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(k);
}

static void ml_dsa(void) {
    static const size_t sizes[] = {128, 192, 256};
    for (size_t i = 0; i < 3; i++)
        pure_round_trips(MLDSA_PAIR, sizes[i], PSA_ALG_ML_DSA, PSA_ALG_DETERMINISTIC_ML_DSA);
    prehash_round_trips(MLDSA_PAIR, 128, 1, N_PREHASHES);
    prehash_round_trips(MLDSA_PAIR, 256, 1, 2);
}

static void ml_dsa_errors(void) {
    uint8_t seed[33], pub[1953];
    size_t len;
    psa_key_id_t k, p, e;
    memset(seed, 0x5a, sizeof seed);
    /* The seed key pair needs its size in the attributes. */
    CHECK_STATUS(import_bits(MLDSA_PAIR, 0, SIGN_ALL, PSA_ALG_ML_DSA, seed, 32, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(MLDSA_PAIR, 160, SIGN_ALL, PSA_ALG_ML_DSA, seed, 32, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL, PSA_ALG_ML_DSA, seed, 31, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL, PSA_ALG_ML_DSA, seed, 33, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL, PSA_ALG_ML_DSA, seed, 0, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(gen(MLDSA_PAIR, 100, SIGN_ALL, PSA_ALG_ML_DSA, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(gen(MLDSA_PUB, 192, SIGN_ALL, PSA_ALG_ML_DSA, &k), PSA_ERROR_INVALID_ARGUMENT);
    if (!CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL | PSA_KEY_USAGE_EXPORT, PSA_ALG_ML_DSA, seed, 32, &k),
                      PSA_SUCCESS))
        return;
    /* Importing the same seed twice gives the same public key. */
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &len), PSA_SUCCESS);
    CHECK(len == 1952);
    CHECK_STATUS(import_bits(MLDSA_PUB, 0, VERIFY_ALL, PSA_ALG_ML_DSA, pub, 1951, &p), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(MLDSA_PUB, 128, VERIFY_ALL, PSA_ALG_ML_DSA, pub, 1952, &p), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_export_public_key(k, pub, 1951, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_export_key(k, seed, 31, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    /* Too-small signature buffer (one byte short, and empty). */
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_ML_DSA, msg, sizeof msg, sig, 3308, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_ML_DSA, msg, sizeof msg, sig, 0, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, ctx, sizeof ctx, sig, 100, &len),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    /* Context: 255 bytes is the most. */
    uint8_t long_ctx[256];
    memset(long_ctx, 'c', sizeof long_ctx);
    CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, long_ctx, 255, sig, sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, long_ctx, 255, sig, len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, long_ctx, 256, sig, sizeof sig, &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, long_ctx, 256, sig, 3309),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* Pure ML-DSA signs messages, not hashes. */
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ML_DSA, msg, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash_with_context(k, PSA_ALG_ML_DSA, msg, 32, NULL, 0, sig, 3309),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* Algorithms of other families on an ML-DSA key; policy first. */
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_SLH_DSA, msg, sizeof msg, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
    psa_key_id_t k_slh_policy;
    if (CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL, PSA_ALG_SLH_DSA, seed, 32, &k_slh_policy), PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message(k_slh_policy, PSA_ALG_SLH_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k_slh_policy);
    }
    psa_key_id_t k_ecdsa_policy;
    psa_algorithm_t ecdsa = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    if (CHECK_STATUS(import_bits(MLDSA_PAIR, 192, SIGN_ALL, ecdsa, seed, 32, &k_ecdsa_policy), PSA_SUCCESS)) {
        CHECK(psa_sign_message(k_ecdsa_policy, ecdsa, msg, sizeof msg, sig, sizeof sig, &len) != PSA_SUCCESS);
        psa_destroy_key(k_ecdsa_policy);
    }
    /* An ML-DSA algorithm with an ECC key, and with a symmetric key. */
    uint8_t d[32];
    memset(d, 0x11, sizeof d);
    if (CHECK_STATUS(import_bits(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0, SIGN_ALL, PSA_ALG_ML_DSA, d,
                                 sizeof d, &e),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message(e, PSA_ALG_ML_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_verify_message(e, PSA_ALG_ML_DSA, msg, sizeof msg, sig, 3309), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(e);
    }
    if (CHECK_STATUS(import_bits(PSA_KEY_TYPE_HMAC, 0, VERIFY_ALL, PSA_ALG_ML_DSA, d, sizeof d, &e), PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_message(e, PSA_ALG_ML_DSA, msg, sizeof msg, sig, 3309), PSA_ERROR_NOT_SUPPORTED);
        psa_destroy_key(e);
    }
    /* Usage flags. */
    psa_key_id_t v;
    if (CHECK_STATUS(import_bits(MLDSA_PAIR, 192, PSA_KEY_USAGE_VERIFY_MESSAGE, PSA_ALG_ML_DSA, seed, 32, &v),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message(v, PSA_ALG_ML_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_export_key(v, seed, 32, &len), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(v);
    }
    /* A non-empty context with an algorithm that takes none. */
    CHECK_STATUS(psa_sign_message_with_context(k, ecdsa, msg, sizeof msg, ctx, sizeof ctx, sig, sizeof sig, &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_message_with_context(k, PSA_ALG_PURE_EDDSA, msg, sizeof msg, ctx, 1, sig, 64),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* NULL output length, invalid key id. */
    CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, NULL, 0, sig, sizeof sig, NULL),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_message_with_context(0x3fff0000u, PSA_ALG_ML_DSA, msg, sizeof msg, NULL, 0, sig,
                                               sizeof sig, &len),
                 PSA_ERROR_INVALID_HANDLE);
    /* The input overlapping the signature buffer is legal. */
    memcpy(sig, msg, sizeof msg);
    CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_ML_DSA, sig, sizeof msg, sig, 4, sig, sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k, PSA_ALG_ML_DSA, msg, sizeof msg, msg, 4, sig, len), PSA_SUCCESS);
    psa_destroy_key(k);
}

static const psa_slh_dsa_family_t families[] = {
    PSA_SLH_DSA_FAMILY_SHA2_S, PSA_SLH_DSA_FAMILY_SHA2_F, PSA_SLH_DSA_FAMILY_SHAKE_S, PSA_SLH_DSA_FAMILY_SHAKE_F,
};

static void slh_dsa(void) {
    static const size_t sizes[] = {128, 192, 256};
    for (size_t f = 0; f < 4; f++) {
        for (size_t i = 0; i < 3; i++) {
            psa_key_type_t pair = PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(families[f]);
            size_t bits = sizes[i], n = bits / 8, len, elen, plen;
            int fast = (families[f] & 0x04) != 0;
            uint8_t sk[128], pk[64];
            psa_key_id_t k, p, k2;
            if (fast && bits == 128) {
                pure_round_trips(pair, bits, PSA_ALG_SLH_DSA, PSA_ALG_DETERMINISTIC_SLH_DSA);
                continue;
            }
            /* Every set: generate, export, re-import, export_public; the f sets
             * and SHA2-128s also sign and verify (the other s sets sign slowly:
             * their signatures are checked by the known answers). */
            if (!CHECK_STATUS(gen(pair, bits, SIGN_ALL | PSA_KEY_USAGE_EXPORT, PSA_ALG_SLH_DSA, &k), PSA_SUCCESS))
                continue;
            CHECK_STATUS(psa_export_key(k, sk, sizeof sk, &elen), PSA_SUCCESS);
            CHECK(elen == 4 * n);
            CHECK_STATUS(psa_export_public_key(k, pk, sizeof pk, &plen), PSA_SUCCESS);
            CHECK(plen == 2 * n);
            CHECK_MEM(pk, plen, sk + 2 * n, 2 * n);
            if (CHECK_STATUS(import_bits(pair, 0, SIGN_ALL, PSA_ALG_SLH_DSA, sk, elen, &k2), PSA_SUCCESS)) {
                psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
                CHECK_STATUS(psa_get_key_attributes(k2, &at), PSA_SUCCESS);
                CHECK(psa_get_key_bits(&at) == bits && psa_get_key_type(&at) == pair);
                psa_destroy_key(k2);
            }
            /* A key pair whose PK.root does not match its seeds. */
            sk[4 * n - 1] ^= 1;
            CHECK_STATUS(import_bits(pair, 0, SIGN_ALL, PSA_ALG_SLH_DSA, sk, elen, &k2), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(import_bits(pair, 0, SIGN_ALL, PSA_ALG_SLH_DSA, sk, elen - 1, &k2),
                         PSA_ERROR_INVALID_ARGUMENT);
            if (fast || (bits == 128 && families[f] == PSA_SLH_DSA_FAMILY_SHA2_S)) {
                CHECK_STATUS(psa_sign_message_with_context(k, PSA_ALG_SLH_DSA, msg, sizeof msg, ctx, sizeof ctx, sig,
                                                           sizeof sig, &len),
                             PSA_SUCCESS);
                CHECK(len == PSA_SIGN_OUTPUT_SIZE(pair, bits, PSA_ALG_SLH_DSA));
                CHECK_STATUS(psa_sign_message(k, PSA_ALG_SLH_DSA, msg, sizeof msg, sig2, len - 1, &len),
                             PSA_ERROR_BUFFER_TOO_SMALL);
                len = PSA_SIGN_OUTPUT_SIZE(pair, bits, PSA_ALG_SLH_DSA);
                if (CHECK_STATUS(import_bits(PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(families[f]), bits, VERIFY_ALL,
                                             PSA_ALG_SLH_DSA, pk, plen, &p),
                                 PSA_SUCCESS)) {
                    CHECK_STATUS(psa_verify_message_with_context(p, PSA_ALG_SLH_DSA, msg, sizeof msg, ctx, sizeof ctx,
                                                                 sig, len),
                                 PSA_SUCCESS);
                    sig[len - 1] ^= 0x80;
                    CHECK_STATUS(psa_verify_message_with_context(p, PSA_ALG_SLH_DSA, msg, sizeof msg, ctx, sizeof ctx,
                                                                 sig, len),
                                 PSA_ERROR_INVALID_SIGNATURE);
                    CHECK_STATUS(psa_sign_message(p, PSA_ALG_SLH_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                                 PSA_ERROR_NOT_PERMITTED);
                    psa_destroy_key(p);
                }
            }
            psa_destroy_key(k);
        }
    }
    prehash_round_trips(PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F), 128, 0, 3);
    /* Unknown families and sizes. */
    uint8_t z[64] = {0};
    psa_key_id_t k;
    CHECK_STATUS(import_bits(PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(0x01), 0, VERIFY_ALL, PSA_ALG_SLH_DSA, z, 32, &k),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(import_bits(PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(PSA_SLH_DSA_FAMILY_SHA2_S), 0, VERIFY_ALL,
                             PSA_ALG_SLH_DSA, z, 40, &k),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(PSA_SLH_DSA_FAMILY_SHA2_S), 256, VERIFY_ALL,
                             PSA_ALG_SLH_DSA, z, 32, &k),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(gen(PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F), 160, SIGN_ALL, PSA_ALG_SLH_DSA, &k),
                 PSA_ERROR_INVALID_ARGUMENT);
}

/* Stateful hash-based keys (the full tests are ctests/test_stateful_sig.c):
 * typecode / OID 0 is no parameter set. */
static void stateful(void) {
    uint8_t z[60] = {0};
    psa_key_id_t k;
    CHECK_STATUS(import_bits(PSA_KEY_TYPE_LMS_PUBLIC_KEY, 0, VERIFY_ALL, PSA_ALG_LMS, z, 56, &k),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_bits(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 0, VERIFY_ALL, PSA_ALG_XMSS, z, 36, &k),
                 PSA_ERROR_INVALID_ARGUMENT);
}

/* EdDSA with a context: Ed448 through PSA_ALG_EDDSA_CTX (the empty context is
 * plain Ed448), Ed25519ctx through PSA_ALG_EDDSA_CTX (RFC 8032 section 7.2;
 * the empty context is still Ed25519ctx, not Ed25519), Ed25519ph / Ed448ph
 * with a context. */
static void eddsa_context(void) {
    psa_key_type_t ed = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS);
    uint8_t digest[64];
    size_t len, len2, dlen;
    psa_key_id_t k448, k448ph, k25519, k25519ph, pure448;
    uint8_t d448[57], d25519[32];
    memset(d448, 0x48, sizeof d448);
    memset(d25519, 0x25, sizeof d25519);
    if (!CHECK_STATUS(import_bits(ed, 448, SIGN_ALL, PSA_ALG_EDDSA_CTX, d448, sizeof d448, &k448), PSA_SUCCESS)) return;
    CHECK_STATUS(import_bits(ed, 448, SIGN_ALL, PSA_ALG_PURE_EDDSA, d448, sizeof d448, &pure448), PSA_SUCCESS);
    CHECK_STATUS(import_bits(ed, 448, SIGN_ALL, PSA_ALG_ED448PH, d448, sizeof d448, &k448ph), PSA_SUCCESS);
    CHECK_STATUS(import_bits(ed, 255, SIGN_ALL, PSA_ALG_EDDSA_CTX, d25519, sizeof d25519, &k25519), PSA_SUCCESS);
    CHECK_STATUS(import_bits(ed, 255, SIGN_ALL, PSA_ALG_ED25519PH, d25519, sizeof d25519, &k25519ph), PSA_SUCCESS);

    /* Ed448 with a context: deterministic, bound to the context. */
    CHECK_STATUS(psa_sign_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig,
                                               sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK(len == 114);
    CHECK_STATUS(psa_sign_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig2,
                                               sizeof sig2, &len2),
                 PSA_SUCCESS);
    CHECK_MEM(sig, len, sig2, len2);
    CHECK_STATUS(psa_verify_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig, len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, 3, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, sig, len), PSA_ERROR_INVALID_SIGNATURE);
    /* The empty context is Ed448 itself: the PureEdDSA signature. */
    CHECK_STATUS(psa_sign_message(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(pure448, PSA_ALG_PURE_EDDSA, msg, sizeof msg, sig2, sizeof sig2, &len2), PSA_SUCCESS);
    CHECK_MEM(sig, len, sig2, len2);
    CHECK_STATUS(psa_sign_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig, 113,
                                               &len),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_hash_with_context(k448, PSA_ALG_EDDSA_CTX, digest, 64, ctx, sizeof ctx, sig, sizeof sig,
                                            &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* PureEdDSA takes no context. */
    CHECK_STATUS(psa_sign_message_with_context(pure448, PSA_ALG_PURE_EDDSA, msg, sizeof msg, ctx, sizeof ctx, sig,
                                               sizeof sig, &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* Ed448ph with a context, by message and by hash. */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHAKE256_512, msg, sizeof msg, digest, sizeof digest, &dlen), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message_with_context(k448ph, PSA_ALG_ED448PH, msg, sizeof msg, ctx, sizeof ctx, sig,
                                               sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_with_context(k448ph, PSA_ALG_ED448PH, digest, dlen, ctx, sizeof ctx, sig, len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(k448ph, PSA_ALG_ED448PH, digest, dlen, sig, len), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_sign_hash(k448ph, PSA_ALG_ED448PH, digest, dlen, sig2, sizeof sig2, &len2), PSA_SUCCESS);
    CHECK(memcmp(sig, sig2, len) != 0);
    CHECK_STATUS(psa_verify_hash_with_context(k448ph, PSA_ALG_ED448PH, digest, dlen - 1, ctx, sizeof ctx, sig, len),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* Ed25519ph with a context. */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_512, msg, sizeof msg, digest, sizeof digest, &dlen), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_with_context(k25519ph, PSA_ALG_ED25519PH, digest, dlen, ctx, sizeof ctx, sig,
                                            sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK(len == 64);
    CHECK_STATUS(psa_verify_message_with_context(k25519ph, PSA_ALG_ED25519PH, msg, sizeof msg, ctx, sizeof ctx, sig,
                                                 len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k25519ph, PSA_ALG_ED25519PH, msg, sizeof msg, ctx, 1, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k25519ph, PSA_ALG_ED25519PH, msg, sizeof msg, sig, len),
                 PSA_ERROR_INVALID_SIGNATURE);
    /* Ed25519ctx: deterministic, bound to the context; the empty context
     * differs from PureEdDSA. */
    CHECK_STATUS(psa_sign_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig,
                                               sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK(len == 64);
    CHECK_STATUS(psa_sign_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig2,
                                               sizeof sig2, &len2),
                 PSA_SUCCESS);
    CHECK_MEM(sig, len, sig2, len2);
    CHECK_STATUS(psa_verify_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig, 64),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, 2, sig, 64),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, sig, 64), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig, 63),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_sign_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig, 63,
                                               &len),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_message(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k25519, PSA_ALG_EDDSA_CTX, msg, sizeof msg, NULL, 0, sig, len),
                 PSA_SUCCESS);
    {
        psa_key_id_t pure25519;
        if (CHECK_STATUS(import_bits(ed, 255, SIGN_ALL, PSA_ALG_PURE_EDDSA, d25519, sizeof d25519, &pure25519),
                         PSA_SUCCESS)) {
            CHECK_STATUS(psa_sign_message(pure25519, PSA_ALG_PURE_EDDSA, msg, sizeof msg, sig2, sizeof sig2, &len2),
                         PSA_SUCCESS);
            CHECK(len2 == 64 && memcmp(sig, sig2, 64) != 0);
            psa_destroy_key(pure25519);
        }
    }
    CHECK_STATUS(psa_sign_hash_with_context(k25519, PSA_ALG_EDDSA_CTX, digest, 64, ctx, sizeof ctx, sig, sizeof sig,
                                            &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* RFC 8032 section 7.2, first test: the public key verifies the RFC's signature. */
    {
        static const uint8_t pk[32] = {0xdf, 0xc9, 0x42, 0x5e, 0x4f, 0x96, 0x8f, 0x7f, 0x0c, 0x29, 0xf0,
                                       0x25, 0x9c, 0xf5, 0xf9, 0xae, 0xd6, 0x85, 0x1c, 0x2b, 0xb4, 0xad,
                                       0x8b, 0xfb, 0x86, 0x0c, 0xfe, 0xe0, 0xab, 0x24, 0x82, 0x92};
        static const uint8_t m[16] = {0xf7, 0x26, 0x93, 0x6d, 0x19, 0xc8, 0x00, 0x49,
                                      0x4e, 0x3f, 0xda, 0xff, 0x20, 0xb2, 0x76, 0xa8};
        static const uint8_t s[64] = {
            0x55, 0xa4, 0xcc, 0x2f, 0x70, 0xa5, 0x4e, 0x04, 0x28, 0x8c, 0x5f, 0x4c, 0xd1, 0xe4, 0x5a, 0x7b,
            0xb5, 0x20, 0xb3, 0x62, 0x92, 0x91, 0x18, 0x76, 0xca, 0xda, 0x73, 0x23, 0x19, 0x8d, 0xd8, 0x7a,
            0x8b, 0x36, 0x95, 0x0b, 0x95, 0x13, 0x00, 0x22, 0x90, 0x7a, 0x7f, 0xb7, 0xc4, 0xe9, 0xb2, 0xd5,
            0xf6, 0xcc, 0xa6, 0x85, 0xa5, 0x87, 0xb4, 0xb2, 0x1f, 0x4b, 0x88, 0x8e, 0x4e, 0x7e, 0xdb, 0x0d};
        psa_key_id_t pub;
        if (CHECK_STATUS(import_bits(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255,
                                     PSA_KEY_USAGE_VERIFY_MESSAGE, PSA_ALG_EDDSA_CTX, pk, 32, &pub),
                         PSA_SUCCESS)) {
            CHECK_STATUS(psa_verify_message_with_context(pub, PSA_ALG_EDDSA_CTX, m, 16, (const uint8_t *)"foo", 3,
                                                         s, 64),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message_with_context(pub, PSA_ALG_EDDSA_CTX, m, 16, (const uint8_t *)"bar", 3,
                                                         s, 64),
                         PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_sign_message_with_context(pub, PSA_ALG_EDDSA_CTX, m, 16, (const uint8_t *)"foo", 3,
                                                       sig, sizeof sig, &len),
                         PSA_ERROR_NOT_PERMITTED);
            psa_destroy_key(pub);
        }
    }
    /* An Ed448 algorithm on an Ed25519 key. */
    psa_key_id_t wrong;
    if (CHECK_STATUS(import_bits(ed, 255, SIGN_ALL, PSA_ALG_ED448PH, d25519, sizeof d25519, &wrong), PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message_with_context(wrong, PSA_ALG_ED448PH, msg, sizeof msg, ctx, sizeof ctx, sig,
                                                   sizeof sig, &len),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(wrong);
    }
    /* An ML-DSA key with PSA_ALG_EDDSA_CTX. */
    uint8_t seed[32] = {1};
    if (CHECK_STATUS(import_bits(MLDSA_PAIR, 128, SIGN_ALL, PSA_ALG_EDDSA_CTX, seed, 32, &wrong), PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_message_with_context(wrong, PSA_ALG_EDDSA_CTX, msg, sizeof msg, ctx, sizeof ctx, sig,
                                                   sizeof sig, &len),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(wrong);
    }
    /* Context too long. */
    uint8_t long_ctx[256] = {0};
    CHECK_STATUS(psa_sign_message_with_context(k448, PSA_ALG_EDDSA_CTX, msg, sizeof msg, long_ctx, 256, sig,
                                               sizeof sig, &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    psa_key_id_t all[] = {k448, k448ph, k25519, k25519ph, pure448};
    for (size_t i = 0; i < 5; i++) psa_destroy_key(all[i]);
}

/* Persistent keys come back from storage and sign alike. */
static void persistence(void) {
    uint8_t seed[32], sk[64];
    size_t len, len2;
    psa_key_id_t k, s;
    memset(seed, 0x42, sizeof seed);
    if (!CHECK_STATUS(ct_import_persistent(0x00510001u, MLDSA_PAIR, SIGN_ALL, PSA_ALG_DETERMINISTIC_ML_DSA, seed, 0,
                                           &k),
                      PSA_ERROR_INVALID_ARGUMENT))
        return;
    psa_key_attributes_t a = ct_attrs(MLDSA_PAIR, 128, SIGN_ALL, PSA_ALG_DETERMINISTIC_ML_DSA);
    psa_set_key_id(&a, 0x00510001u);
    if (!CHECK_STATUS(psa_import_key(&a, seed, sizeof seed, &k), PSA_SUCCESS)) return;
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                 PSA_SUCCESS);
    psa_key_attributes_t b = ct_attrs(PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHAKE_F), 128,
                                      SIGN_ALL | PSA_KEY_USAGE_EXPORT, PSA_ALG_DETERMINISTIC_SLH_DSA);
    psa_set_key_id(&b, 0x00510002u);
    if (CHECK_STATUS(psa_generate_key(&b, &s), PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(s, sk, sizeof sk, &len2), PSA_SUCCESS);
    }
    mbedtls_psa_crypto_free();
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return;
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, sig2, sizeof sig2, &len2),
                 PSA_SUCCESS);
    CHECK_MEM(sig2, len2, sig, len);
    CHECK_STATUS(psa_sign_message(s, PSA_ALG_DETERMINISTIC_SLH_DSA, msg, sizeof msg, sig, sizeof sig, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(s, PSA_ALG_DETERMINISTIC_SLH_DSA, msg, sizeof msg, sig, len), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(s, sig2, sizeof sig2, &len2), PSA_SUCCESS);
    CHECK_MEM(sig2, len2, sk, 64);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(s), PSA_SUCCESS);
}

int main(void) {
    char *dir = ct_use_temp_storage("pqcsig");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    values();
    ml_dsa();
    ml_dsa_errors();
    slh_dsa();
    stateful();
    eddsa_context();
    persistence();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
