/* ctests/test_ffdh.c - FFDH over the RFC 7919 groups (PSA_DH_FAMILY_RFC7919,
 * 2048..8192 bits): import, export and export_public against the independent
 * vectors of tests/vectors/gen_ffdh.py (Python pow and OpenSSL), raw
 * agreement both ways, agreement through psa_key_derivation_key_agreement
 * (KEY_AGREEMENT(FFDH, HKDF-SHA-256)) against HKDF over the raw secret,
 * psa_key_agreement, generation, the size macros, and the error paths: values
 * outside [2, p-2], wrong lengths, unsupported sizes, wrong key types and
 * policies, short output buffers. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors_ffdh.h"

#define PAIR PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919)
#define PUB PSA_KEY_TYPE_DH_PUBLIC_KEY(PSA_DH_FAMILY_RFC7919)
#define HKDF256 PSA_ALG_HKDF(PSA_ALG_SHA_256)
#define KA_HKDF PSA_ALG_KEY_AGREEMENT(PSA_ALG_FFDH, HKDF256)

/* RFC 7919 appendix A.1: the ffdhe2048 prime. */
static const char *p2048 = "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617ad3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797abc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f619172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005c58ef1837d1683b2c6f34a26c1b2effa886b423861285c97ffffffffffffffff";

static uint8_t xa[1024], xb[1024], ya[1024], yb[1024], shared[1024], buf[1100];

static void vectors(void) {
    for (size_t i = 0; i < sizeof ffdh_vectors / sizeof ffdh_vectors[0]; i++) {
        const ffdh_vector *v = &ffdh_vectors[i];
        size_t n = v->bits / 8, len;
        CHECK(ct_unhex(v->xa, xa, sizeof xa) == n && ct_unhex(v->xb, xb, sizeof xb) == n);
        ct_unhex(v->ya, ya, sizeof ya);
        ct_unhex(v->yb, yb, sizeof yb);
        ct_unhex(v->shared, shared, sizeof shared);
        CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PAIR, v->bits) == n);
        CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PAIR, v->bits) == n);
        CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PUB, v->bits) == n);
        CHECK(PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(PAIR, v->bits) == n);
        CHECK(n <= PSA_RAW_KEY_AGREEMENT_OUTPUT_MAX_SIZE && n <= PSA_EXPORT_PUBLIC_KEY_MAX_SIZE &&
              n <= PSA_EXPORT_KEY_PAIR_MAX_SIZE);
        psa_key_id_t a, b, q;
        psa_key_usage_t u = PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT;
        if (!CHECK_STATUS(ct_import(PAIR, u, PSA_ALG_FFDH, xa, n, &a), PSA_SUCCESS)) continue;
        psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(a, &at), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&at) == v->bits);
        CHECK_STATUS(psa_export_key(a, buf, sizeof buf, &len), PSA_SUCCESS);
        CHECK_MEM(buf, len, xa, n);
        CHECK_STATUS(psa_export_public_key(a, buf, sizeof buf, &len), PSA_SUCCESS);
        CHECK_MEM(buf, len, ya, n);
        CHECK_STATUS(psa_export_public_key(a, buf, n - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, yb, n, buf, sizeof buf, &len), PSA_SUCCESS);
        CHECK_MEM(buf, len, shared, n);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, yb, n, buf, n - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, yb, n - 1, buf, sizeof buf, &len),
                     PSA_ERROR_INVALID_ARGUMENT);
        if (CHECK_STATUS(ct_import(PAIR, u, PSA_ALG_FFDH, xb, n, &b), PSA_SUCCESS)) {
            CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, b, ya, n, buf, sizeof buf, &len), PSA_SUCCESS);
            CHECK_MEM(buf, len, shared, n);
            psa_destroy_key(b);
        }
        if (CHECK_STATUS(ct_import(PUB, PSA_KEY_USAGE_EXPORT, 0, ya, n, &q), PSA_SUCCESS)) {
            CHECK_STATUS(psa_export_key(q, buf, sizeof buf, &len), PSA_SUCCESS);
            CHECK_MEM(buf, len, ya, n);
            CHECK_STATUS(psa_export_public_key(q, buf, sizeof buf, &len), PSA_SUCCESS);
            CHECK_MEM(buf, len, ya, n);
            psa_destroy_key(q);
        }
        psa_destroy_key(a);
    }
}

/* KEY_AGREEMENT(FFDH, HKDF) equals HKDF over the raw shared secret. */
static void through_derivation(void) {
    const ffdh_vector *v = &ffdh_vectors[0];
    size_t n = v->bits / 8;
    ct_unhex(v->xa, xa, sizeof xa);
    ct_unhex(v->yb, yb, sizeof yb);
    ct_unhex(v->shared, shared, sizeof shared);
    psa_key_id_t a, s;
    if (!CHECK_STATUS(ct_import(PAIR, PSA_KEY_USAGE_DERIVE, KA_HKDF, xa, n, &a), PSA_SUCCESS)) return;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, shared, n, &s), PSA_SUCCESS))
        return;
    uint8_t out1[42], out2[42];
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&op, KA_HKDF), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SECRET, a, yb, n), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)"info", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, out1, sizeof out1), PSA_SUCCESS);
    psa_key_derivation_abort(&op);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, s), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)"info", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, out2, sizeof out2), PSA_SUCCESS);
    psa_key_derivation_abort(&op);
    CHECK_MEM(out1, sizeof out1, out2, sizeof out2);
    /* A bad peer value through the derivation: INVALID_ARGUMENT. */
    CHECK_STATUS(psa_key_derivation_setup(&op, KA_HKDF), PSA_SUCCESS);
    memset(buf, 0, n);
    buf[n - 1] = 1;
    CHECK_STATUS(psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SECRET, a, buf, n),
                 PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&op);
    /* The raw agreement is permitted by a KEY_AGREEMENT(FFDH, ...) policy only for that algorithm. */
    size_t len;
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, yb, n, buf, sizeof buf, &len), PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(a);
    psa_destroy_key(s);
}

static void generated(void) {
    psa_key_attributes_t at = ct_attrs(PAIR, 2048, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT, PSA_ALG_FFDH);
    psa_key_id_t a, b, s;
    if (!CHECK_STATUS(psa_generate_key(&at, &a), PSA_SUCCESS)) return;
    if (!CHECK_STATUS(psa_generate_key(&at, &b), PSA_SUCCESS)) return;
    uint8_t pa[256], pb[256], s1[256], s2[256];
    size_t l;
    CHECK_STATUS(psa_export_public_key(a, pa, sizeof pa, &l), PSA_SUCCESS);
    CHECK(l == 256);
    CHECK_STATUS(psa_export_public_key(b, pb, sizeof pb, &l), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, pb, 256, s1, sizeof s1, &l), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, b, pa, 256, s2, sizeof s2, &l), PSA_SUCCESS);
    CHECK_MEM(s1, 256, s2, 256);
    /* psa_key_agreement into a DERIVE key of the secret's size. */
    psa_key_attributes_t da = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, 0);
    if (CHECK_STATUS(psa_key_agreement(a, pb, 256, PSA_ALG_FFDH, &da, &s), PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(s, buf, sizeof buf, &l), PSA_SUCCESS);
        CHECK_MEM(buf, l, s1, 256);
        psa_destroy_key(s);
    }
    /* ECDH with a DH key: not permitted by its FFDH policy. */
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, a, pb, 256, s1, sizeof s1, &l), PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(a);
    psa_destroy_key(b);
    at = ct_attrs(PAIR, 1024, 0, 0);
    CHECK_STATUS(psa_generate_key(&at, &a), PSA_ERROR_NOT_SUPPORTED);
    at = ct_attrs(PAIR, 2047, 0, 0);
    CHECK_STATUS(psa_generate_key(&at, &a), PSA_ERROR_NOT_SUPPORTED);
    at = ct_attrs(PUB, 2048, 0, 0);
    CHECK_STATUS(psa_generate_key(&at, &a), PSA_ERROR_INVALID_ARGUMENT);
}

static void ranges(void) {
    uint8_t p[256], v[256];
    psa_key_id_t k, a;
    size_t l;
    CHECK(ct_unhex(p2048, p, sizeof p) == 256);
    ct_unhex(ffdh_vectors[0].xa, xa, sizeof xa);
    if (!CHECK_STATUS(ct_import(PAIR, PSA_KEY_USAGE_DERIVE, PSA_ALG_FFDH, xa, 256, &a), PSA_SUCCESS)) return;
    /* 0, 1, p - 1, p, all ones: refused as private keys, public keys and peers. */
    for (int c = 0; c < 5; c++) {
        switch (c) {
        case 0: memset(v, 0, 256); break;
        case 1: memset(v, 0, 256); v[255] = 1; break;
        case 2: memcpy(v, p, 256); v[255] -= 1; break;
        case 3: memcpy(v, p, 256); break;
        default: memset(v, 0xff, 256); break;
        }
        CHECK_STATUS(ct_import(PAIR, 0, 0, v, 256, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PUB, 0, 0, v, 256, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, v, 256, buf, sizeof buf, &l), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* 2 and p - 2 are accepted. */
    memset(v, 0, 256);
    v[255] = 2;
    CHECK_STATUS(ct_import(PAIR, 0, 0, v, 256, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    memcpy(v, p, 256);
    v[255] -= 2;
    CHECK_STATUS(ct_import(PUB, 0, 0, v, 256, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, v, 256, buf, sizeof buf, &l), PSA_SUCCESS);
    /* Lengths that are not a group size. */
    static const size_t bad[] = {1, 128, 255, 257, 320, 1025};
    for (size_t i = 0; i < 6; i++) {
        memset(buf, 0x11, sizeof buf);
        CHECK_STATUS(ct_import(PAIR, 0, 0, buf, bad[i], &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PUB, 0, 0, buf, bad[i], &k), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* A peer from another group size. */
    memset(buf, 0x11, 384);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, a, buf, 384, buf + 400, 600, &l), PSA_ERROR_INVALID_ARGUMENT);
    /* FFDH with an ECC key (ECC key permitting FFDH by policy): INVALID_ARGUMENT. */
    psa_key_attributes_t ea = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_DERIVE,
                                       PSA_ALG_FFDH);
    if (CHECK_STATUS(psa_generate_key(&ea, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, k, v, 256, buf, sizeof buf, &l), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    psa_destroy_key(a);
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    vectors();
    through_derivation();
    generated();
    ranges();
    return report();
}
