/* ctests/test_ecc_small.c - P-192 and P-224 (SECP_R1): import / export /
 * export_public against pyca/cryptography's public keys and ECDH secret
 * (ctests/vectors_ecc_small.h), verification of cryptography's ECDSA-SHA-256
 * signature, generation, randomized and deterministic ECDSA over hashes and
 * messages, ECDH between generated keys, and the error paths (scalar 0 and n,
 * points off the curve, wrong lengths, tampered signatures, policy). */
#include "common.h"

#include <stdio.h>
#include <string.h>

#include "vectors_ecc_small.h"

#define PAIR PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
#define PUB PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1)
#define ECDSA256 PSA_ALG_ECDSA(PSA_ALG_SHA_256)
#define DET256 PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256)

/* The group orders (SEC 2). */
static const char *order(size_t bits) {
    return bits == 192 ? "ffffffffffffffffffffffff99def836146bc9b1b4d22831"
                       : "ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d";
}

static void known_answers(const ecc_small_vector *v) {
    size_t n = v->bits / 8, pl = 2 * n + 1, len;
    uint8_t buf[200];
    psa_key_id_t a, b, q;
    psa_key_usage_t u = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_DERIVE;
    if (!CHECK_STATUS(ct_import(PAIR, u, PSA_ALG_ECDH, v->da, n, &a), PSA_SUCCESS)) return;
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(a, &at), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&at) == v->bits);
    CHECK_STATUS(psa_export_key(a, buf, sizeof buf, &len), PSA_SUCCESS);
    CHECK_MEM(buf, len, v->da, n);
    CHECK_STATUS(psa_export_public_key(a, buf, sizeof buf, &len), PSA_SUCCESS);
    CHECK_MEM(buf, len, v->qa, pl);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PAIR, v->bits) >= pl);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, a, v->qb, pl, buf, sizeof buf, &len), PSA_SUCCESS);
    CHECK_MEM(buf, len, v->shared, n);
    CHECK(PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(PAIR, v->bits) == n);
    /* And the other way round. */
    if (CHECK_STATUS(ct_import(PAIR, u, PSA_ALG_ECDH, v->db, n, &b), PSA_SUCCESS)) {
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, b, v->qa, pl, buf, sizeof buf, &len), PSA_SUCCESS);
        CHECK_MEM(buf, len, v->shared, n);
        psa_destroy_key(b);
    }
    /* cryptography's signature verifies; a flipped bit does not. */
    if (CHECK_STATUS(ct_import(PUB, PSA_KEY_USAGE_VERIFY_MESSAGE, ECDSA256, v->qa, pl, &q), PSA_SUCCESS)) {
        uint8_t sig[56];
        memcpy(sig, v->sig, 2 * n);
        CHECK_STATUS(psa_verify_message(q, ECDSA256, (const uint8_t *)ecc_small_msg, strlen(ecc_small_msg),
                                        sig, 2 * n),
                     PSA_SUCCESS);
        sig[n + 3] ^= 0x10;
        CHECK_STATUS(psa_verify_message(q, ECDSA256, (const uint8_t *)ecc_small_msg, strlen(ecc_small_msg),
                                        sig, 2 * n),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_verify_message(q, ECDSA256, (const uint8_t *)ecc_small_msg, strlen(ecc_small_msg),
                                        sig, 2 * n - 1),
                     PSA_ERROR_INVALID_SIGNATURE);
        psa_destroy_key(q);
    }
    /* Peer points: off the curve, wrong length. */
    memcpy(buf, v->qb, pl);
    buf[pl - 1] ^= 1;
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, a, buf, pl, buf + 100, 90, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, a, v->qb, pl - 1, buf + 100, 90, &len),
                 PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(a);
}

static void generated(size_t bits) {
    size_t n = bits / 8, len, sl;
    psa_key_attributes_t at = ct_attrs(PAIR, bits,
                                       PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH |
                                           PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                                           PSA_KEY_USAGE_EXPORT,
                                       PSA_ALG_ECDSA(PSA_ALG_ANY_HASH));
    psa_key_id_t k, d;
    if (!CHECK_STATUS(psa_generate_key(&at, &k), PSA_SUCCESS)) return;
    uint8_t priv[28], pub[57], sig[56], sig2[56], h[32] = {9, 8, 7};
    CHECK_STATUS(psa_export_key(k, priv, sizeof priv, &len), PSA_SUCCESS);
    CHECK(len == n);
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &len), PSA_SUCCESS);
    CHECK(len == 2 * n + 1 && pub[0] == 4);
    static const psa_algorithm_t hashes[] = {PSA_ALG_SHA_224, PSA_ALG_SHA_256, PSA_ALG_SHA_512};
    for (size_t i = 0; i < 3; i++) {
        psa_algorithm_t alg = PSA_ALG_ECDSA(hashes[i]);
        size_t hl = PSA_HASH_LENGTH(hashes[i]);
        uint8_t hh[64] = {1, 2, 3};
        CHECK_STATUS(psa_sign_hash(k, alg, hh, hl, sig, sizeof sig, &sl), PSA_SUCCESS);
        CHECK(sl == 2 * n && sl == PSA_SIGN_OUTPUT_SIZE(PAIR, bits, alg));
        CHECK_STATUS(psa_verify_hash(k, alg, hh, hl, sig, sl), PSA_SUCCESS);
        hh[0] ^= 1;
        CHECK_STATUS(psa_verify_hash(k, alg, hh, hl, sig, sl), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_sign_message(k, alg, (const uint8_t *)"m", 1, sig, sizeof sig, &sl), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, alg, (const uint8_t *)"m", 1, sig, sl), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, alg, (const uint8_t *)"n", 1, sig, sl), PSA_ERROR_INVALID_SIGNATURE);
    }
    /* Deterministic ECDSA: same key and hash, same signature; verified by a
     * public-key-only copy. */
    psa_key_attributes_t da = ct_attrs(PAIR, 0, PSA_KEY_USAGE_SIGN_HASH, DET256);
    if (CHECK_STATUS(psa_import_key(&da, priv, n, &d), PSA_SUCCESS)) {
        CHECK_STATUS(psa_sign_hash(d, DET256, h, 32, sig, sizeof sig, &sl), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_hash(d, DET256, h, 32, sig2, sizeof sig2, &len), PSA_SUCCESS);
        CHECK_MEM(sig, sl, sig2, len);
        psa_key_id_t p;
        if (CHECK_STATUS(ct_import(PUB, PSA_KEY_USAGE_VERIFY_HASH, DET256, pub, 2 * n + 1, &p), PSA_SUCCESS)) {
            CHECK_STATUS(psa_verify_hash(p, DET256, h, 32, sig, sl), PSA_SUCCESS);
            /* Policy: a public key cannot sign; randomized ECDSA verifies under a
             * deterministic policy (1.4), another hash is not permitted. */
            CHECK_STATUS(psa_verify_hash(p, ECDSA256, h, 32, sig2, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(p, PSA_ALG_ECDSA(PSA_ALG_SHA_384), h, 32, sig2, len), PSA_ERROR_NOT_PERMITTED);
            CHECK_STATUS(psa_sign_hash(p, DET256, h, 32, sig, sizeof sig, &sl), PSA_ERROR_NOT_PERMITTED);
            psa_destroy_key(p);
        }
        CHECK_STATUS(psa_sign_hash(d, DET256, h, 32, sig, 2 * n - 1, &sl), PSA_ERROR_BUFFER_TOO_SMALL);
        psa_destroy_key(d);
    }
    psa_destroy_key(k);
    /* ECDH between two generated keys. */
    psa_key_attributes_t ea = ct_attrs(PAIR, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    psa_key_id_t x, y;
    if (CHECK_STATUS(psa_generate_key(&ea, &x), PSA_SUCCESS) && CHECK_STATUS(psa_generate_key(&ea, &y), PSA_SUCCESS)) {
        uint8_t px[57], py[57], s1[28], s2[28];
        size_t l1, l2;
        CHECK_STATUS(psa_export_public_key(x, px, sizeof px, &l1), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key(y, py, sizeof py, &l2), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x, py, l2, s1, sizeof s1, &l1), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, y, px, l1 * 2 + 1, s2, sizeof s2, &l2), PSA_SUCCESS);
        CHECK_MEM(s1, l1, s2, l2);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x, py, 2 * n + 1, s1, n - 1, &l1), PSA_ERROR_BUFFER_TOO_SMALL);
        psa_destroy_key(x);
        psa_destroy_key(y);
    }
}

static void import_errors(size_t bits) {
    size_t n = bits / 8;
    uint8_t buf[64];
    psa_key_id_t k;
    memset(buf, 0, sizeof buf);
    CHECK_STATUS(ct_import(PAIR, 0, 0, buf, n, &k), PSA_ERROR_INVALID_ARGUMENT); /* 0 */
    size_t l = ct_unhex(order(bits), buf, sizeof buf);
    CHECK(l == n);
    CHECK_STATUS(ct_import(PAIR, 0, 0, buf, n, &k), PSA_ERROR_INVALID_ARGUMENT); /* n */
    buf[n - 1]--;
    CHECK_STATUS(ct_import(PAIR, 0, 0, buf, n, &k), PSA_SUCCESS); /* n - 1 */
    psa_destroy_key(k);
    /* A point not on the curve; a compressed point. */
    memset(buf, 0x22, sizeof buf);
    buf[0] = 4;
    CHECK_STATUS(ct_import(PUB, 0, 0, buf, 2 * n + 1, &k), PSA_ERROR_INVALID_ARGUMENT);
    buf[0] = 2; /* odd length of no curve: NOT_SUPPORTED, as Mbed TLS 3.5.1 */
    CHECK_STATUS(ct_import(PUB, 0, 0, buf, n + 1, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Generating a public key. */
    psa_key_attributes_t a = ct_attrs(PUB, bits, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    for (size_t i = 0; i < 2; i++) {
        known_answers(&ecc_small_vectors[i]);
        generated(ecc_small_vectors[i].bits);
        import_errors(ecc_small_vectors[i].bits);
    }
    return report();
}
