/* ctests/test_derive_ecc.c - psa_key_derivation_output_key for ECC key pairs
 * (Weierstrass: SECP_R1 192..521, SECP_K1 256, brainpool 256/384/512;
 * Montgomery X25519/X448; Edwards Ed25519/Ed448) against the independent
 * vectors of tests/vectors/gen_derive_ecc.py (HKDF-SHA-256 stream, the spec's
 * procedure, public keys from pyca/cryptography), including brainpool draws
 * that the procedure rejects and retries (the bytes consumed are checked by
 * reading the stream on), psa_key_derivation_output_key_custom, and the error
 * paths: sizes that no curve has (INVALID_ARGUMENT), curves not implemented
 * (NOT_SUPPORTED), public-key types, bits 0, custom flags and data. */
#include "common.h"

#include <stdio.h>
#include <string.h>

#include "vectors_derive_ecc.h"

#define HKDF256 PSA_ALG_HKDF(PSA_ALG_SHA_256)

static psa_key_id_t secret_key;

/* A fresh HKDF-SHA-256 operation with the vectors' secret and salt and `info`. */
static int start(psa_key_derivation_operation_t *op, const char *info) {
    *op = psa_key_derivation_operation_init();
    return CHECK_STATUS(psa_key_derivation_setup(op, HKDF256), PSA_SUCCESS) &&
           CHECK_STATUS(psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_SALT,
                                                       derive_ecc_salt, sizeof derive_ecc_salt),
                        PSA_SUCCESS) &&
           CHECK_STATUS(psa_key_derivation_input_key(op, PSA_KEY_DERIVATION_INPUT_SECRET, secret_key),
                        PSA_SUCCESS) &&
           CHECK_STATUS(psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_INFO,
                                                       (const uint8_t *)info, strlen(info)),
                        PSA_SUCCESS);
}

static void vectors(int custom) {
    int retried = 0;
    for (size_t i = 0; i < sizeof derive_ecc_vectors / sizeof derive_ecc_vectors[0]; i++) {
        const derive_ecc_vector *v = &derive_ecc_vectors[i];
        psa_key_derivation_operation_t op;
        if (!start(&op, v->info)) continue;
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(v->family), v->bits,
                                          PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t k = 0;
        psa_status_t st;
        if (custom) {
            psa_custom_key_parameters_t c = PSA_CUSTOM_KEY_PARAMETERS_INIT;
            st = psa_key_derivation_output_key_custom(&a, &op, &c, NULL, 0, &k);
        } else {
            st = psa_key_derivation_output_key(&a, &op, &k);
        }
        if (!CHECK_STATUS(st, PSA_SUCCESS)) {
            FAIL("vector %s", v->info);
            psa_key_derivation_abort(&op);
            continue;
        }
        uint8_t buf[160];
        size_t n = 0;
        CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_SUCCESS);
        CHECK_MEM(buf, n, v->priv, v->priv_len);
        CHECK_STATUS(psa_export_public_key(k, buf, sizeof buf, &n), PSA_SUCCESS);
        CHECK_MEM(buf, n, v->pub, v->pub_len);
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == v->bits);
        /* The stream continues right after what the procedure consumed. */
        uint8_t next[16];
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, next, sizeof next), PSA_SUCCESS);
        CHECK_MEM(next, sizeof next, v->next, sizeof v->next);
        size_t cap = 0;
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
        CHECK(cap == 255 * 32 - v->consumed - sizeof next);
        retried += v->retried;
        psa_destroy_key(k);
        psa_key_derivation_abort(&op);
    }
    CHECK(retried == DERIVE_ECC_RETRIED_VECTORS && retried > 0);
}

/* Expects output_key with `type`/`bits` to be refused with `want`. */
static void refused(psa_key_type_t type, size_t bits, psa_status_t want) {
    psa_key_derivation_operation_t op;
    if (!start(&op, "refused")) return;
    psa_key_attributes_t a = ct_attrs(type, bits, PSA_KEY_USAGE_EXPORT, 0);
    psa_key_id_t k = 1234;
    if (!CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k), want))
        FAIL("type 0x%04x bits %zu", (unsigned)type, bits);
    CHECK(k == PSA_KEY_ID_NULL);
    psa_key_derivation_abort(&op);
}

static void errors(void) {
    psa_key_type_t r1 = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    /* Sizes that no curve of the family has. */
    refused(r1, 220, PSA_ERROR_INVALID_ARGUMENT);
    refused(r1, 255, PSA_ERROR_INVALID_ARGUMENT);
    refused(r1, 0, PSA_ERROR_INVALID_ARGUMENT);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 256, PSA_ERROR_INVALID_ARGUMENT);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 256, PSA_ERROR_INVALID_ARGUMENT);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 257, PSA_ERROR_INVALID_ARGUMENT);
    /* Curves that exist but are not implemented. */
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1), 192, PSA_ERROR_NOT_SUPPORTED);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1), 225, PSA_ERROR_NOT_SUPPORTED);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 160, PSA_ERROR_NOT_SUPPORTED);
    refused(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECT_K1), 233, PSA_ERROR_NOT_SUPPORTED);
    /* Public keys cannot be derived. */
    refused(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, PSA_ERROR_INVALID_ARGUMENT);

    /* A refused size: the operation is then in the error state. */
    psa_key_derivation_operation_t op;
    if (start(&op, "untouched")) {
        psa_key_attributes_t a = ct_attrs(r1, 220, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t k;
        CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k), PSA_ERROR_INVALID_ARGUMENT);
        /* Any error other than INSUFFICIENT_DATA puts the operation in the
         * error state (spec, psa_key_derivation_output_key). */
        uint8_t y[16];
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, y, sizeof y), PSA_ERROR_BAD_STATE);
        psa_key_derivation_abort(&op);
    }

    /* Too little capacity for the key: INSUFFICIENT_DATA. */
    if (start(&op, "short")) {
        CHECK_STATUS(psa_key_derivation_set_capacity(&op, 31), PSA_SUCCESS);
        psa_key_attributes_t a = ct_attrs(r1, 256, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t k;
        CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k), PSA_ERROR_INSUFFICIENT_DATA);
        psa_key_derivation_abort(&op);
    }

    /* output_key_custom: flags or data other than the default are refused. */
    if (start(&op, "custom")) {
        psa_key_attributes_t a = ct_attrs(r1, 256, PSA_KEY_USAGE_EXPORT, 0);
        psa_custom_key_parameters_t c = PSA_CUSTOM_KEY_PARAMETERS_INIT;
        psa_key_id_t k = 99;
        const uint8_t e[3] = {1, 0, 1};
        CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &op, &c, e, sizeof e, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK(k == PSA_KEY_ID_NULL);
        c.flags = 1;
        CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &op, &c, NULL, 0, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        c.flags = 0;
        CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &op, &c, NULL, 0, NULL),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* Refusals of the custom parameters come before the operation is
         * looked at and leave it usable (as Mbed TLS). */
        CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &op, &c, NULL, 0, &k), PSA_SUCCESS);
        psa_destroy_key(k);
        /* A symmetric key through the custom entry point. */
        a = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &op, &c, NULL, 0, &k), PSA_SUCCESS);
        psa_destroy_key(k);
        psa_key_derivation_abort(&op);
    }
    /* Custom on an inactive operation. */
    psa_key_derivation_operation_t idle = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = ct_attrs(r1, 256, PSA_KEY_USAGE_EXPORT, 0);
    psa_custom_key_parameters_t c = PSA_CUSTOM_KEY_PARAMETERS_INIT;
    psa_key_id_t k;
    CHECK_STATUS(psa_key_derivation_output_key_custom(&a, &idle, &c, NULL, 0, &k), PSA_ERROR_BAD_STATE);
}

/* A derived key pair works: ECDSA sign/verify and ECDH with a derived peer. */
static void usable(void) {
    psa_key_derivation_operation_t op;
    if (!start(&op, "usable")) return;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                                      PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    psa_key_id_t k;
    if (CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k), PSA_SUCCESS)) {
        uint8_t h[32] = {1, 2, 3}, sig[64];
        size_t n;
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), h, 32, sig, sizeof sig, &n),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), h, 32, sig, n), PSA_SUCCESS);
        psa_destroy_key(k);
    }
    psa_key_id_t x1, x2;
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, PSA_KEY_USAGE_DERIVE,
                 PSA_ALG_ECDH);
    if (CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &x1), PSA_SUCCESS) &&
        CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &x2), PSA_SUCCESS)) {
        uint8_t p1[32], p2[32], s1[32], s2[32];
        size_t n;
        CHECK_STATUS(psa_export_public_key(x1, p1, sizeof p1, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key(x2, p2, sizeof p2, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x1, p2, 32, s1, 32, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x2, p1, 32, s2, 32, &n), PSA_SUCCESS);
        CHECK_MEM(s1, 32, s2, 32);
        psa_destroy_key(x1);
        psa_destroy_key(x2);
    }
    psa_key_derivation_abort(&op);
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, derive_ecc_secret,
                                sizeof derive_ecc_secret, &secret_key),
                      PSA_SUCCESS))
        return report();
    vectors(0);
    vectors(1);
    errors();
    usable();
    psa_destroy_key(secret_key);
    return report();
}
