/* ctests/test_stateful_sig.c - LMS/HSS (RFC 8554) and XMSS/XMSS^MT (RFC 8391)
 * public keys and verification through the C API: the PSA 1.4 values and size
 * macros; import / export of the RFC encodings with their key bits; the
 * RFC 8554 Appendix F HSS test cases, the LMS signature of the bottom level of
 * test case 1 and a Botan XMSS-SHA2_10_256 signature verified by
 * psa_verify_message and psa_verify_message_with_context; and the error paths:
 * corrupted and resized signatures (INVALID_SIGNATURE), wrong key sizes and
 * unknown typecodes (INVALID_ARGUMENT), parameter sets the back ends do not
 * verify (NOT_SUPPORTED), signing, the hash functions, a context, the wrong
 * key type or usage, key pairs, generation. The SP 800-208 sets without
 * published vectors (LMS heights 15-25, SHA-256/192, SHAKE256; XMSS and
 * XMSS^MT sets Botan does not sign) verify signatures of the independent
 * models tests/vectors/gen_{lms,xmss}_sp800208.py, with the same corruptions.
 * Vectors: ctests/vectors_stateful.h and ctests/vectors_stateful_sp800208.h
 * (generated from tests/vectors/). */
#include "common.h"
#include "vectors_stateful.h"
#include "vectors_stateful_sp800208.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERIFY_ALL (PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_EXPORT)

static uint8_t buf[8192];

static psa_status_t import_key(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg,
                               const uint8_t *data, size_t len, psa_key_id_t *key) {
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    *key = 0;
    return psa_import_key(&a, data, len, key);
}

static void values(void) {
    CHECK(PSA_KEY_TYPE_LMS_PUBLIC_KEY == 0x4007 && PSA_KEY_TYPE_HSS_PUBLIC_KEY == 0x4008);
    CHECK(PSA_KEY_TYPE_XMSS_PUBLIC_KEY == 0x400b && PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY == 0x400d);
    CHECK(PSA_ALG_LMS == 0x06004800 && PSA_ALG_HSS == 0x06004900);
    CHECK(PSA_ALG_XMSS == 0x06004a00 && PSA_ALG_XMSS_MT == 0x06004b00);
    CHECK(PSA_KEY_TYPE_IS_PUBLIC_KEY(PSA_KEY_TYPE_HSS_PUBLIC_KEY));
    CHECK(PSA_KEY_TYPE_IS_ASYMMETRIC(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY));
    CHECK(PSA_ALG_IS_SIGN(PSA_ALG_LMS) && PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_XMSS));
    CHECK(!PSA_ALG_IS_SIGN_HASH(PSA_ALG_HSS) && !PSA_ALG_IS_SIGN_HASH(PSA_ALG_XMSS_MT));
    CHECK(!PSA_ALG_SIGN_SUPPORTS_CONTEXT(PSA_ALG_LMS));
    /* Public-key sizes: 24 + n (LMS), 28 + n (HSS), 4 + 2n (XMSS, XMSS^MT). */
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_LMS_PUBLIC_KEY, 256) == 56);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_HSS_PUBLIC_KEY, 256) == 60);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_HSS_PUBLIC_KEY, 192) == 52);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 256) == 68);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY, 192) == 52);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 256) == 68);
    /* Verification only: no signature size. */
    CHECK(PSA_SIGN_OUTPUT_SIZE(PSA_KEY_TYPE_HSS_PUBLIC_KEY, 256, PSA_ALG_HSS) == 0);
    CHECK(PSA_SIGN_OUTPUT_SIZE(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 256, PSA_ALG_XMSS) == 0);
}

/* Imports, checks bits and export, verifies (plain and with an empty
 * context), then corrupts the signature in every way. */
static void verifies(const char *what, psa_key_type_t t, psa_algorithm_t alg, const uint8_t *pk, size_t pk_len,
                     const uint8_t *m, size_t m_len, const uint8_t *sig, size_t sig_len) {
    psa_key_id_t k;
    size_t len;
    /* n from the encoding: 24 + n (LMS), 28 + n (HSS), 4 + 2n (XMSS, XMSS^MT). */
    size_t bits = 8 * (t == PSA_KEY_TYPE_LMS_PUBLIC_KEY   ? pk_len - 24
                       : t == PSA_KEY_TYPE_HSS_PUBLIC_KEY ? pk_len - 28
                                                          : (pk_len - 4) / 2);
    printf("-- %s\n", what);
    if (!CHECK_STATUS(import_key(t, 0, VERIFY_ALL, alg, pk, pk_len, &k), PSA_SUCCESS)) return;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&a) == bits && psa_get_key_type(&a) == t);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(t, bits) == pk_len);
    CHECK_STATUS(psa_export_public_key(k, buf, sizeof buf, &len), PSA_SUCCESS);
    CHECK_MEM(buf, len, pk, pk_len);
    CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &len), PSA_SUCCESS);
    CHECK_MEM(buf, len, pk, pk_len);
    CHECK_STATUS(psa_export_public_key(k, buf, pk_len - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);

    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, sig_len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message_with_context(k, alg, m, m_len, NULL, 0, sig, sig_len), PSA_SUCCESS);
    /* No context parameter: a non-empty context is INVALID_ARGUMENT. */
    CHECK_STATUS(psa_verify_message_with_context(k, alg, m, m_len, (const uint8_t *)"c", 1, sig, sig_len),
                 PSA_ERROR_INVALID_ARGUMENT);

    uint8_t *bad = malloc(sig_len + 1);
    if (!CHECK(bad != NULL)) return;
    size_t at[] = {0, 3, 5, 9, 40, sig_len / 3, sig_len / 2, sig_len - 40, sig_len - 1};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        memcpy(bad, sig, sig_len);
        bad[at[i]] ^= 0x80;
        if (!CHECK_STATUS(psa_verify_message(k, alg, m, m_len, bad, sig_len), PSA_ERROR_INVALID_SIGNATURE))
            printf("   (bit flip at %zu)\n", at[i]);
    }
    memcpy(bad, sig, sig_len);
    bad[sig_len] = 0;
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, bad, sig_len + 1), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, sig_len - 1), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, 4), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, NULL, 0), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len - 1, sig, sig_len), PSA_ERROR_INVALID_SIGNATURE);
    /* The signature buffer may overlap the message (here: they are the same bytes). */
    memcpy(bad, sig, sig_len);
    CHECK_STATUS(psa_verify_message(k, alg, bad, sig_len, bad, sig_len), PSA_ERROR_INVALID_SIGNATURE);
    free(bad);

    /* Verification only: signing, the hash functions, another algorithm. */
    CHECK_STATUS(psa_sign_message(k, alg, m, m_len, buf, sizeof buf, &len), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_verify_hash(k, alg, m, 32, sig, sig_len), PSA_ERROR_INVALID_ARGUMENT);
    psa_algorithm_t other = alg == PSA_ALG_HSS ? PSA_ALG_LMS : PSA_ALG_HSS;
    CHECK_STATUS(psa_verify_message(k, other, m, m_len, sig, sig_len), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, sig_len), PSA_ERROR_INVALID_HANDLE);
}

static void known_answers(void) {
    verifies("RFC 8554 test case 1 (HSS, H5/W8 twice)", PSA_KEY_TYPE_HSS_PUBLIC_KEY, PSA_ALG_HSS, hss_tc1_pk,
             HSS_TC1_PK_LEN, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig, HSS_TC1_SIG_LEN);
    verifies("RFC 8554 test case 2 (HSS, H10/W4 over H5/W8)", PSA_KEY_TYPE_HSS_PUBLIC_KEY, PSA_ALG_HSS, hss_tc2_pk,
             HSS_TC2_PK_LEN, hss_tc2_msg, HSS_TC2_MSG_LEN, hss_tc2_sig, HSS_TC2_SIG_LEN);
    /* Test case 1's bottom level: Nspk (4) | sig[0] (1292) | pub[1] (56) | sig[1]. */
    verifies("RFC 8554 test case 1, bottom LMS level", PSA_KEY_TYPE_LMS_PUBLIC_KEY, PSA_ALG_LMS,
             hss_tc1_sig + 4 + 1292, 56, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig + 4 + 1292 + 56,
             HSS_TC1_SIG_LEN - 4 - 1292 - 56);
    verifies("Botan XMSS-SHA2_10_256", PSA_KEY_TYPE_XMSS_PUBLIC_KEY, PSA_ALG_XMSS, xmss_pk, XMSS_PK_LEN, xmss_msg,
             XMSS_MSG_LEN, xmss_sig, XMSS_SIG_LEN);
    /* The HSS key's root as an LMS key does not verify the HSS signature. */
    psa_key_id_t k;
    if (CHECK_STATUS(import_key(PSA_KEY_TYPE_LMS_PUBLIC_KEY, 256, VERIFY_ALL, PSA_ALG_LMS, hss_tc2_pk + 4, 56, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_message(k, PSA_ALG_LMS, hss_tc2_msg, HSS_TC2_MSG_LEN, hss_tc2_sig, HSS_TC2_SIG_LEN),
                     PSA_ERROR_INVALID_SIGNATURE);
        psa_destroy_key(k);
    }
}

/* Import of a modified copy of `pk`: byte `at` set to `v`, length `len`. */
static psa_status_t import_with(psa_key_type_t t, size_t bits, const uint8_t *pk, size_t pk_len, size_t at,
                                uint8_t v, size_t len) {
    uint8_t k[200];
    psa_key_id_t id;
    memset(k, 0x5a, sizeof k);
    memcpy(k, pk, pk_len < len ? pk_len : len);
    k[at] = v;
    psa_algorithm_t alg = t == PSA_KEY_TYPE_LMS_PUBLIC_KEY ? PSA_ALG_LMS
                          : t == PSA_KEY_TYPE_HSS_PUBLIC_KEY ? PSA_ALG_HSS
                          : t == PSA_KEY_TYPE_XMSS_PUBLIC_KEY ? PSA_ALG_XMSS : PSA_ALG_XMSS_MT;
    psa_status_t s = import_key(t, bits, VERIFY_ALL, alg, k, len, &id);
    if (s == PSA_SUCCESS) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(id, &a), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&a) == (len == 52 ? 192u : 256u));
        psa_destroy_key(id);
    }
    return s;
}

static void import_errors(void) {
    const psa_key_type_t L = PSA_KEY_TYPE_LMS_PUBLIC_KEY, H = PSA_KEY_TYPE_HSS_PUBLIC_KEY;
    const psa_key_type_t X = PSA_KEY_TYPE_XMSS_PUBLIC_KEY, MT = PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY;
    const uint8_t *lms = hss_tc2_pk + 4;
    psa_key_id_t k;
    /* Sizes. */
    CHECK_STATUS(import_with(L, 0, lms, 56, 0, 0, 55), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 0, lms, 56, 0, 0, 57), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 192, lms, 56, 0, 0, 56), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 256, lms, 56, 0, 0, 56), PSA_SUCCESS);
    CHECK_STATUS(import_with(H, 0, hss_tc2_pk, 60, 0, 0, 59), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 0, 0, 67), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(X, 192, xmss_pk, 68, 0, 0, 68), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, lms, 0, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* LMS typecodes: unknown, recognised but not verified here, hash mismatch. */
    CHECK_STATUS(import_with(L, 0, lms, 56, 3, 0x00, 56), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 0, lms, 56, 3, 0x19, 56), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 0, lms, 56, 7, 0x11, 56), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(L, 0, lms, 56, 3, 0x07, 56), PSA_SUCCESS);               /* H15 */
    CHECK_STATUS(import_with(L, 0, lms, 56, 3, 0x09, 56), PSA_SUCCESS);               /* H25 */
    CHECK_STATUS(import_with(L, 0, lms, 56, 3, 0x0f, 56), PSA_ERROR_INVALID_ARGUMENT); /* SHAKE tree, SHA-256 OTS */
    CHECK_STATUS(import_with(L, 0, lms, 56, 7, 0x05, 56), PSA_ERROR_INVALID_ARGUMENT); /* N24 OTS in an M32 tree */
    {
        uint8_t m24[48];
        memcpy(m24, lms, 48);
        m24[3] = 0x0a; /* LMS_SHA256_M24_H5 */
        m24[7] = 0x05; /* LMOTS_SHA256_N24_W1 */
        CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, m24, 48, &k), PSA_ERROR_NOT_SUPPORTED);
        m24[3] = 0x14; /* LMS_SHAKE_M24_H5 */
        m24[7] = 0x0d; /* LMOTS_SHAKE_N24_W1 */
        CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, m24, 48, &k), PSA_ERROR_NOT_SUPPORTED);
        m24[7] = 0x0e; /* LMOTS_SHAKE_N24_W2 */
        if (CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, m24, 48, &k), PSA_SUCCESS)) {
            psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
            CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
            CHECK(psa_get_key_bits(&a) == 192);
            psa_destroy_key(k);
        }
        CHECK_STATUS(import_key(L, 256, VERIFY_ALL, PSA_ALG_LMS, m24, 48, &k), PSA_ERROR_INVALID_ARGUMENT);
        m24[7] = 0x06; /* LMOTS_SHA256_N24_W2 under a SHAKE tree */
        CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, m24, 48, &k), PSA_ERROR_INVALID_ARGUMENT);
        m24[3] = 0x0a;
        CHECK_STATUS(import_key(L, 0, VERIFY_ALL, PSA_ALG_LMS, m24, 47, &k), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* HSS levels: 1..8. */
    CHECK_STATUS(import_with(H, 0, hss_tc2_pk, 60, 3, 0, 60), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(H, 0, hss_tc2_pk, 60, 3, 1, 60), PSA_SUCCESS);
    CHECK_STATUS(import_with(H, 0, hss_tc2_pk, 60, 3, 8, 60), PSA_SUCCESS);
    CHECK_STATUS(import_with(H, 0, hss_tc2_pk, 60, 3, 9, 60), PSA_ERROR_INVALID_ARGUMENT);
    /* XMSS OIDs. */
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x00, 68), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x16, 68), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x0d, 52), PSA_SUCCESS);             /* SHA2_10_192 */
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x10, 68), PSA_SUCCESS);             /* SHAKE256_10_256 */
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x04, 132), PSA_ERROR_NOT_SUPPORTED); /* SHA2_10_512 */
    CHECK_STATUS(import_with(X, 0, xmss_pk, 68, 3, 0x07, 68), PSA_ERROR_NOT_SUPPORTED);  /* SHAKE128 */
    CHECK_STATUS(import_with(MT, 0, xmss_pk, 68, 3, 0x21, 52), PSA_SUCCESS);            /* SHA2_20/2_192 */
    CHECK_STATUS(import_with(MT, 0, xmss_pk, 68, 3, 0x29, 68), PSA_SUCCESS);            /* SHAKE256_20/2_256 */
    CHECK_STATUS(import_with(MT, 0, xmss_pk, 68, 3, 0x01, 68), PSA_ERROR_NOT_SUPPORTED); /* SHA2_20/2_256 */
    CHECK_STATUS(import_with(MT, 0, xmss_pk, 68, 3, 0x39, 68), PSA_ERROR_INVALID_ARGUMENT);
    /* No key pairs, no generation (the key-pair encodings are not defined). */
    CHECK_STATUS(import_key(PSA_KEY_TYPE_HSS_PUBLIC_KEY | 0x3000, 0, VERIFY_ALL, PSA_ALG_HSS, hss_tc2_pk, 60, &k),
                 PSA_ERROR_NOT_SUPPORTED);
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_LMS_PUBLIC_KEY, 256, VERIFY_ALL, PSA_ALG_LMS);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
}

static uint8_t *from_hex(const char *h, size_t *len) {
    size_t n = strlen(h) / 2;
    uint8_t *b = malloc(n ? n : 1);
    if (!b) return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        b[i] = (uint8_t)v;
    }
    *len = n;
    return b;
}

/* Every record of ctests/vectors_stateful_sp800208.h: imports, verifies and
 * rejects corruptions through verifies(), or NOT_SUPPORTED for the sets the
 * back ends cannot verify (LMOTS_*_N24_W1, XMSSMT-SHA2_*_256; for an HSS key
 * whose lower level is N24_W1: at verification). */
static void sp800208(void) {
    unsigned ok = 0, unsupported = 0;
    for (size_t i = 0; i < SP800208_VECTORS; i++) {
        const struct sp800208_vector *v = &sp800208_vectors[i];
        psa_key_type_t t = v->kind == 'L'   ? PSA_KEY_TYPE_LMS_PUBLIC_KEY
                           : v->kind == 'H' ? PSA_KEY_TYPE_HSS_PUBLIC_KEY
                           : v->kind == 'X' ? PSA_KEY_TYPE_XMSS_PUBLIC_KEY
                                            : PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY;
        psa_algorithm_t alg = v->kind == 'L'   ? PSA_ALG_LMS
                              : v->kind == 'H' ? PSA_ALG_HSS
                              : v->kind == 'X' ? PSA_ALG_XMSS
                                               : PSA_ALG_XMSS_MT;
        size_t pk_len, m_len, sig_len;
        uint8_t *pk = from_hex(v->pk, &pk_len), *m = from_hex(v->msg, &m_len), *sig = from_hex(v->sig, &sig_len);
        if (CHECK(pk && m && sig)) {
            if (v->unsupported == 2) {
                /* The top level verifies, the lower key it signs is N24_W1. */
                psa_key_id_t k;
                if (CHECK_STATUS(import_key(t, 0, VERIFY_ALL, alg, pk, pk_len, &k), PSA_SUCCESS)) {
                    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, sig_len), PSA_ERROR_NOT_SUPPORTED);
                    sig[4 + 40] ^= 1;
                    CHECK_STATUS(psa_verify_message(k, alg, m, m_len, sig, sig_len), PSA_ERROR_INVALID_SIGNATURE);
                    psa_destroy_key(k);
                }
                unsupported++;
            } else if (v->unsupported) {
                psa_key_id_t k;
                if (!CHECK_STATUS(import_key(t, 0, VERIFY_ALL, alg, pk, pk_len, &k), PSA_ERROR_NOT_SUPPORTED))
                    printf("   (%s)\n", v->name);
                unsupported++;
            } else {
                CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(t, 8 * v->n) == pk_len);
                /* verifies() needs a message of at least one byte (it shortens it). */
                if (m_len == 0) {
                    psa_key_id_t k;
                    if (CHECK_STATUS(import_key(t, 0, VERIFY_ALL, alg, pk, pk_len, &k), PSA_SUCCESS)) {
                        printf("-- %s (empty message)\n", v->name);
                        CHECK_STATUS(psa_verify_message(k, alg, NULL, 0, sig, sig_len), PSA_SUCCESS);
                        sig[sig_len - 1] ^= 1;
                        CHECK_STATUS(psa_verify_message(k, alg, NULL, 0, sig, sig_len), PSA_ERROR_INVALID_SIGNATURE);
                        sig[sig_len - 1] ^= 1;
                        CHECK_STATUS(psa_verify_message(k, alg, (const uint8_t *)"", 1, sig, sig_len),
                                     PSA_ERROR_INVALID_SIGNATURE);
                        psa_destroy_key(k);
                    }
                } else {
                    verifies(v->name, t, alg, pk, pk_len, m, m_len, sig, sig_len);
                }
                ok++;
            }
        }
        free(pk);
        free(m);
        free(sig);
    }
    CHECK(ok + unsupported == SP800208_VECTORS && unsupported == 4);
}

static void policy_errors(void) {
    psa_key_id_t k, ecc;
    if (!CHECK_STATUS(import_key(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_XMSS, xmss_pk,
                                 XMSS_PK_LEN, &k),
                      PSA_SUCCESS))
        return;
    /* The key allows no verification (VERIFY_HASH would imply VERIFY_MESSAGE). */
    CHECK_STATUS(psa_verify_message(k, PSA_ALG_XMSS, xmss_msg, XMSS_MSG_LEN, xmss_sig, XMSS_SIG_LEN),
                 PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(k);
    /* A key whose policy names the algorithm, of another family. */
    if (CHECK_STATUS(import_key(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 0, VERIFY_ALL, PSA_ALG_XMSS_MT, xmss_pk, XMSS_PK_LEN,
                                &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_message(k, PSA_ALG_XMSS_MT, xmss_msg, XMSS_MSG_LEN, xmss_sig, XMSS_SIG_LEN),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    uint8_t d[32];
    memset(d, 0x25, sizeof d);
    if (CHECK_STATUS(import_key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, VERIFY_ALL,
                                PSA_ALG_LMS, d, 32, &ecc),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_message(ecc, PSA_ALG_LMS, xmss_msg, XMSS_MSG_LEN, xmss_sig, XMSS_SIG_LEN),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(ecc);
    }
    /* A persistent key comes back from storage and verifies. */
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_HSS_PUBLIC_KEY, 0, VERIFY_ALL, PSA_ALG_HSS);
    psa_set_key_id(&a, 0x5f17);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
    psa_destroy_key(0x5f17);
    if (CHECK_STATUS(psa_import_key(&a, hss_tc1_pk, HSS_TC1_PK_LEN, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, PSA_ALG_HSS, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig, HSS_TC1_SIG_LEN),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    values();
    known_answers();
    sp800208();
    import_errors();
    policy_errors();
    mbedtls_psa_crypto_free();
    return report();
}
