/* ctests/test_conformance.c - the status codes of issue 9 items 3-7 and 12,
 * each section checking results and error paths, independent of any reference
 * library (tests/differential/ compares with Mbed TLS 3.5.1). */
#include <stdio.h>
#include <string.h>

#include "common.h"

#define P256 PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)

static uint8_t K16[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static uint8_t K32[32] = {0x11, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                          17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

/* Item 3: key type NONE. */
static void item3_type_none(void) {
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t k = 1, src, dst;
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    CHECK_STATUS(psa_import_key(&a, K16, 16, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK(k == 0);
    psa_set_key_bits(&a, 128);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Reset attributes: type NONE again. */
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_reset_key_attributes(&a);
    CHECK_STATUS(psa_import_key(&a, K16, 16, &k), PSA_ERROR_NOT_SUPPORTED);
    psa_set_key_bits(&a, 128);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Empty data stays INVALID_ARGUMENT, checked first. */
    CHECK_STATUS(psa_import_key(&a, K16, 0, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* Derivation output with type NONE. */
    psa_key_id_t base;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256), K32, 32, &base),
                 PSA_SUCCESS);
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, base), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, K16, 4), PSA_SUCCESS);
    psa_key_attributes_t o = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_bits(&o, 128);
    CHECK_STATUS(psa_key_derivation_output_key(&o, &op, &k), PSA_ERROR_NOT_SUPPORTED);
    psa_key_derivation_abort(&op);
    psa_destroy_key(base);
    /* Copy: target type NONE means "as the source". */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT, PSA_ALG_CTR, K16, 16, &src),
                 PSA_SUCCESS);
    psa_key_attributes_t c = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_usage_flags(&c, PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&c, PSA_ALG_CTR);
    if (CHECK_STATUS(psa_copy_key(src, &c, &dst), PSA_SUCCESS)) {
        psa_key_attributes_t g = PSA_KEY_ATTRIBUTES_INIT;
        uint8_t out[16];
        size_t n = 0;
        CHECK_STATUS(psa_get_key_attributes(dst, &g), PSA_SUCCESS);
        CHECK(psa_get_key_type(&g) == PSA_KEY_TYPE_AES);
        CHECK(psa_get_key_bits(&g) == 128);
        CHECK(psa_get_key_usage_flags(&g) == PSA_KEY_USAGE_EXPORT);
        CHECK_STATUS(psa_export_key(dst, out, sizeof out, &n), PSA_SUCCESS);
        CHECK_MEM(out, n, K16, 16);
        psa_destroy_key(dst);
    }
    psa_destroy_key(src);
}

/* Item 4: undefined usage bits (0x00010000 and 0x00020000 are WRAP/UNWRAP since 1.4). */
static void item4_usage(void) {
    static const psa_key_usage_t BAD[] = {0xffffffffu, 0x00040000u, 0x80000000u, 0x00000008u, 0x00000040u};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        psa_key_id_t k = 1;
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 0, BAD[i], PSA_ALG_CTR);
        CHECK_STATUS(psa_import_key(&a, K16, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK(k == 0);
        psa_set_key_bits(&a, 128);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* Every defined flag, DERIVE_PUBLIC (1.4, 0x80) and CACHE included, is accepted. */
    psa_key_usage_t all = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_CACHE | 0x80u |
                          PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_SIGN_MESSAGE |
                          PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH |
                          PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_VERIFY_DERIVATION;
    psa_key_id_t k;
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, all, PSA_ALG_CTR, K16, 16, &k), PSA_SUCCESS)) {
        psa_key_attributes_t g = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(k, &g), PSA_SUCCESS);
        CHECK(psa_get_key_usage_flags(&g) == all);
        /* A copy's usage is the intersection: undefined target bits drop out. */
        psa_key_attributes_t c = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t d;
        psa_set_key_usage_flags(&c, 0xffffffffu);
        if (CHECK_STATUS(psa_copy_key(k, &c, &d), PSA_SUCCESS)) {
            CHECK_STATUS(psa_get_key_attributes(d, &g), PSA_SUCCESS);
            CHECK(psa_get_key_usage_flags(&g) == all);
            psa_destroy_key(d);
        }
        psa_destroy_key(k);
    }
}

/* Item 5: every wildcard policy, permitted and not permitted. */
static void aead_try(psa_algorithm_t policy, psa_algorithm_t alg, psa_status_t want) {
    psa_key_id_t k;
    uint8_t nonce[13] = {0}, ct[64];
    size_t n = 0;
    size_t nl = PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_CCM ? 13 : 12;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, policy, K16, 16, &k), PSA_SUCCESS)) return;
    if (!CHECK_STATUS(psa_aead_encrypt(k, alg, nonce, nl, NULL, 0, K16, 16, ct, sizeof ct, &n), want))
        printf("  policy 0x%08x alg 0x%08x\n", (unsigned)policy, (unsigned)alg);
    if (want == PSA_SUCCESS) CHECK(n == 16 + PSA_AEAD_TAG_LENGTH(PSA_KEY_TYPE_AES, 128, alg));
    psa_destroy_key(k);
}

static void item5_wildcards(void) {
    /* CCM_STAR_ANY_TAG: CCM with every tag length, CCM* without tag; not GCM or CTR. */
    for (size_t t = 4; t <= 16; t += 2) aead_try(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, t), PSA_SUCCESS);
    aead_try(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_GCM, PSA_ERROR_NOT_PERMITTED);
    {
        psa_key_id_t k;
        uint8_t buf[64];
        size_t n = 0;
        if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
                                   PSA_ALG_CCM_STAR_ANY_TAG, K16, 16, &k), PSA_SUCCESS)) {
            psa_status_t st = psa_cipher_encrypt(k, PSA_ALG_CCM_STAR_NO_TAG, K16, 16, buf, sizeof buf, &n);
            CHECK_STATUS2(st, PSA_SUCCESS, PSA_ERROR_NOT_SUPPORTED);
            if (st == PSA_SUCCESS) CHECK(n == 13 + 16);
            CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CTR, K16, 16, buf, sizeof buf, &n), PSA_ERROR_NOT_PERMITTED);
            /* A wildcard is a policy, never an operation's algorithm. */
            uint8_t nonce[13] = {0};
            CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_CCM_STAR_ANY_TAG, nonce, 13, NULL, 0, K16, 16, buf, sizeof buf, &n),
                         PSA_ERROR_INVALID_ARGUMENT);
            psa_destroy_key(k);
        }
    }
    /* AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG. */
    psa_algorithm_t gcm12 = PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12);
    aead_try(gcm12, PSA_ALG_GCM, PSA_SUCCESS);
    aead_try(gcm12, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 12), PSA_SUCCESS);
    aead_try(gcm12, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8), PSA_ERROR_NOT_PERMITTED);
    aead_try(gcm12, PSA_ALG_CCM, PSA_ERROR_NOT_PERMITTED);
    aead_try(PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_CCM, 8), PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 10), PSA_SUCCESS);
    aead_try(PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_CCM, 8), PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 6), PSA_ERROR_NOT_PERMITTED);
    /* AT_LEAST_THIS_LENGTH_MAC. */
    psa_key_id_t k;
    uint8_t mac[64];
    size_t n = 0;
    psa_algorithm_t h = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(h, 20), K32, 32, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, h, K16, 16, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK(n == 32);
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(h, 20), K16, 16, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK(n == 20);
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(h, 16), K16, 16, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_512), K16, 16, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8), K16, 16, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8), K16, 16, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK(n == 8);
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 4), K16, 16, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    }
    /* ANY_HASH in every signature family: ECDSA, deterministic ECDSA. */
    static const psa_algorithm_t ANY[] = {PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_ANY_HASH)};
    for (int f = 0; f < 2; f++) {
        psa_algorithm_t fam = ANY[f] & ~(psa_algorithm_t)0xff;
        uint8_t hash[32] = {7}, sig[64];
        if (!CHECK_STATUS(ct_import(P256, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, ANY[f], K32, 32, &k), PSA_SUCCESS)) continue;
        CHECK_STATUS(psa_sign_hash(k, fam | (PSA_ALG_SHA_256 & 0xff), hash, 32, sig, sizeof sig, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(k, fam | (PSA_ALG_SHA_256 & 0xff), hash, 32, sig, n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_hash(k, fam | (PSA_ALG_SHA_384 & 0xff), hash, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_sign_hash(k, ANY[f], hash, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_sign_hash(k, ANY[1 - f] & ~(psa_algorithm_t)0xff ? (ANY[1 - f] & ~(psa_algorithm_t)0xff) | 0x09 : 0, hash, 32, sig,
                                   sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
        /* As Mbed TLS: the hash-less ECDSA_ANY is of the ECDSA family. */
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA_ANY, hash, 32, sig, sizeof sig, &n),
                     f == 0 ? PSA_SUCCESS : PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    }
    /* RSA PKCS#1 v1.5, PSS and PSS_ANY_SALT with ANY_HASH (one generated key). */
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, PSA_KEY_USAGE_EXPORT, 0);
    psa_key_id_t rsa;
    uint8_t der[1300];
    size_t dl = 0;
    if (CHECK_STATUS(psa_generate_key(&a, &rsa), PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(rsa, der, sizeof der, &dl), PSA_SUCCESS);
        psa_destroy_key(rsa);
        static const psa_algorithm_t RANY[] = {PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_ANY_HASH), PSA_ALG_RSA_PSS(PSA_ALG_ANY_HASH),
                                               PSA_ALG_RSA_PSS_ANY_SALT(PSA_ALG_ANY_HASH)};
        for (int f = 0; f < 3; f++) {
            psa_algorithm_t fam = RANY[f] & ~(psa_algorithm_t)0xff;
            uint8_t hash[32] = {7}, sig[128];
            if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, RANY[f], der, dl, &k),
                              PSA_SUCCESS)) continue;
            CHECK_STATUS(psa_sign_hash(k, fam | 0x09, hash, 32, sig, sizeof sig, &n), PSA_SUCCESS);
            CHECK(n == 128);
            CHECK_STATUS(psa_verify_hash(k, fam | 0x09, hash, 32, sig, n), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_hash(k, RANY[f], hash, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_sign_hash(k, RANY[(f + 1) % 3] & ~(psa_algorithm_t)0xff ? ((RANY[(f + 1) % 3] & ~(psa_algorithm_t)0xff) | 0x09) : 0,
                                       hash, 32, sig, sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
            psa_destroy_key(k);
        }
    }
    /* HashEdDSA with ANY_HASH: Ed25519ph permitted, PureEdDSA not. */
    psa_algorithm_t hash_eddsa_any = (psa_algorithm_t)(0x06000900u | (PSA_ALG_ANY_HASH & 0xffu));
    psa_status_t st = ct_import(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS),
                                PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, hash_eddsa_any, K32, 32, &k);
    if (st == PSA_SUCCESS) {
        uint8_t sig[64];
        CHECK_STATUS(psa_sign_message(k, PSA_ALG_ED25519PH, K16, 16, sig, sizeof sig, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, PSA_ALG_ED25519PH, K16, 16, sig, n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, K16, 16, sig, sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    } else {
        CHECK_STATUS(st, PSA_ERROR_NOT_SUPPORTED);
    }
}

/* Item 6: keys of the wrong family. */
static void item6_wrong_family(void) {
    psa_key_id_t k;
    uint8_t sig[64] = {0}, hash[32] = {0}, out[128];
    size_t n = 0;
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                               PSA_ALG_ECDSA(PSA_ALG_SHA_256), K16, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_verify_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, 64), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
        /* An empty signature buffer: BUFFER_TOO_SMALL before the key is looked at. */
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, 0, &n), PSA_ERROR_BUFFER_TOO_SMALL);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(P256, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_ECDSA_ANY, K32, 32, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_ECDSA_ANY, K16, 16, NULL, 0, out, sizeof out, &n), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_asymmetric_decrypt(k, PSA_ALG_ECDSA_ANY, K16, 16, NULL, 0, out, sizeof out, &n), PSA_ERROR_NOT_SUPPORTED);
        /* A salt is only for OAEP: checked first. */
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_ECDSA_ANY, K16, 16, K16, 3, out, sizeof out, &n), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_RSA_PKCS1V15_CRYPT, K16, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, K16, 16, NULL, 0, out, sizeof out, &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
}

/* Item 7: the key's handle and policy and the argument values come before the step order. */
static void item7_order(void) {
    psa_key_id_t good, gone;
    psa_algorithm_t hkdf = PSA_ALG_HKDF(PSA_ALG_SHA_256);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, hkdf, K32, 32, &good), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, hkdf, K32, 32, &gone), PSA_SUCCESS);
    psa_destroy_key(gone);
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&op, hkdf), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, good), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, gone), PSA_ERROR_INVALID_HANDLE);
    psa_key_derivation_abort(&op);
    /* A second SECRET with a live key is a state error. */
    CHECK_STATUS(psa_key_derivation_setup(&op, hkdf), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, good), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, good), PSA_ERROR_BAD_STATE);
    psa_key_derivation_abort(&op);
    /* PBKDF2: SALT as an integer before COST. */
    psa_algorithm_t pb = PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256);
    CHECK_STATUS(psa_key_derivation_setup(&op, pb), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_SALT, 5), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&op);
    CHECK_STATUS(psa_key_derivation_setup(&op, pb), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, K16, 4), PSA_ERROR_BAD_STATE);
    psa_key_derivation_abort(&op);
    /* verify_key with a key lacking VERIFY_DERIVATION, before all inputs. */
    psa_key_id_t h;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_USAGE_EXPORT, pb, K32, 32, &h), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, pb), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_verify_key(&op, h), PSA_ERROR_NOT_PERMITTED);
    psa_key_derivation_abort(&op);
    psa_destroy_key(h);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_USAGE_VERIFY_DERIVATION, pb, K32, 32, &h), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, pb), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_verify_key(&op, h), PSA_ERROR_BAD_STATE);
    psa_key_derivation_abort(&op);
    psa_destroy_key(h);
    /* Copy from a destroyed source with attributes read back from another key. */
    psa_key_id_t other, src, dst;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, K16, 16, &other), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_COPY, PSA_ALG_CTR, K16, 16, &src), PSA_SUCCESS);
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(other, &a), PSA_SUCCESS);
    psa_destroy_key(src);
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_HANDLE);
    /* Source without COPY: NOT_PERMITTED before a bad target lifetime. */
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 1));
    CHECK_STATUS(psa_copy_key(other, &a, &dst), PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(other);
    psa_destroy_key(good);
}

/* Item 12: AEAD length limits, HKDF-Expand secret, deterministic ECDSA hash. */
static void item12_limits(void) {
    psa_key_id_t k;
    uint8_t nonce[13] = {0};
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, K16, 16, &k), PSA_SUCCESS)) {
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, SIZE_MAX, 0), PSA_ERROR_INVALID_ARGUMENT);
        /* The failure ended the operation. */
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_ERROR_BAD_STATE);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, ((size_t)1 << 36) - 31), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, ((size_t)1 << 61) - 1, ((size_t)1 << 36) - 32), PSA_SUCCESS);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, (size_t)1 << 61, 0), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CCM, K16, 16, &k), PSA_SUCCESS)) {
        /* 13-byte nonce: L = 2, at most 65535 bytes; 7-byte nonce: L = 8. */
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 13), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, UINT32_MAX), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, 0x10000), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 13), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, 0xffff), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 13), PSA_SUCCESS);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, SIZE_MAX), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 7), PSA_SUCCESS);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, (size_t)1 << 40), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 10), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        psa_destroy_key(k);
    }
    uint8_t key32[32];
    memcpy(key32, K32, 32);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CHACHA20_POLY1305, key32, 32, &k), PSA_SUCCESS)) {
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CHACHA20_POLY1305), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, ((size_t)1 << 38) - 64), PSA_SUCCESS);
        psa_aead_abort(&op);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_CHACHA20_POLY1305), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_lengths(&op, 0, ((size_t)1 << 38) - 63), PSA_ERROR_INVALID_ARGUMENT);
        psa_aead_abort(&op);
        psa_destroy_key(k);
    }
    /* HKDF-Expand: a secret shorter than the hash. */
    psa_key_derivation_operation_t d = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&d, PSA_KEY_DERIVATION_INPUT_SECRET, K32, 31), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&d);
    CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&d, PSA_KEY_DERIVATION_INPUT_SECRET, K32, 32), PSA_SUCCESS);
    psa_key_derivation_abort(&d);
    /* TLS 1.2 PSK-to-MS: capacity limited to 255 blocks of the hash. */
    size_t cap = 0;
    CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_get_capacity(&d, &cap), PSA_SUCCESS);
    CHECK(cap == 255 * 32);
    CHECK_STATUS(psa_key_derivation_set_capacity(&d, 255 * 32 + 1), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&d);
    /* Deterministic ECDSA with an invalid hash. */
    if (CHECK_STATUS(ct_import(P256, PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_ANY_HASH), K32, 32, &k), PSA_SUCCESS)) {
        uint8_t hash[32] = {1}, sig[64];
        size_t n = 0;
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_DETERMINISTIC_ECDSA(0), hash, 32, sig, sizeof sig, &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_DETERMINISTIC_ECDSA(0x020000fe), hash, 32, sig, sizeof sig, &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &n), PSA_SUCCESS);
        CHECK(n == 64);
        psa_destroy_key(k);
    }
}

/* Item 12: where the specification allows several codes, Mbed TLS 3.5.1's
 * (the order of its checks), as docs/COMPATIBILITY.md describes. */
static void item12_reference_order(void) {
    psa_key_id_t k = 0, d1 = 0, aes = 0, rsa = 0, x = 0;
    uint8_t buf[300], in[64] = {0}, hash[32] = {0};
    size_t n = 0;
    const psa_key_usage_t ED = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
    /* MAC: the buffer size before the key type's support (single-DES CMAC). */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC, K16, 8, &d1), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(d1, PSA_ALG_CMAC, in, 16, buf, 3, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_mac_compute(d1, PSA_ALG_CMAC, in, 16, buf, sizeof buf, &n), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(d1);
    /* Cipher: room for the default IV before the mode's support (DES-CTR). */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, ED, PSA_ALG_CTR, K16, 8, &d1), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_encrypt(d1, PSA_ALG_CTR, in, 16, buf, 0, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_cipher_encrypt(d1, PSA_ALG_CTR, in, 16, buf, sizeof buf, &n), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(d1);
    /* Cipher: whole blocks first, then the alignment; PKCS#7 decryption needs
     * room for every block of the ciphertext. */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ED, PSA_ALG_ECB_NO_PADDING, K16, 16, &aes), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_encrypt(aes, PSA_ALG_ECB_NO_PADDING, in, 17, buf, 16, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_cipher_encrypt(aes, PSA_ALG_ECB_NO_PADDING, in, 33, buf, 16, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_cipher_decrypt(aes, PSA_ALG_ECB_NO_PADDING, in, 33, buf, 32, &n), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(aes);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ED, PSA_ALG_CBC_PKCS7, K16, 16, &aes), PSA_SUCCESS);
    size_t ct_len = 0;
    CHECK_STATUS(psa_cipher_encrypt(aes, PSA_ALG_CBC_PKCS7, in, 20, buf, sizeof buf, &ct_len), PSA_SUCCESS);
    CHECK(ct_len == 48);
    uint8_t pt[64];
    CHECK_STATUS(psa_cipher_decrypt(aes, PSA_ALG_CBC_PKCS7, buf, ct_len, pt, 31, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_cipher_decrypt(aes, PSA_ALG_CBC_PKCS7, buf, ct_len, pt, 32, &n), PSA_SUCCESS);
    CHECK(n == 20 && memcmp(pt, in, 20) == 0);
    CHECK_STATUS(psa_cipher_decrypt(aes, PSA_ALG_CBC_PKCS7, buf, 16 + 17, pt, 16, &n), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(aes);
    /* A decryption operation is "active, with no IV set": generate_iv works. */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ED, PSA_ALG_CBC_NO_PADDING, K16, 16, &aes), PSA_SUCCESS);
    psa_cipher_operation_t co = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_decrypt_setup(&co, aes, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_generate_iv(&co, buf, 16, &n), PSA_SUCCESS);
    CHECK(n == 16);
    CHECK_STATUS(psa_cipher_update(&co, in, 16, buf, sizeof buf, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_abort(&co), PSA_SUCCESS);
    psa_destroy_key(aes);
    /* AEAD: an invalid tag length after the buffer size (one-shot), before
     * the key type (setup); ChaCha20-Poly1305 tags other than 16 bytes. */
    psa_algorithm_t gcm3 = PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 3);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ED, gcm3, K16, 16, &aes), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(aes, gcm3, in, 12, NULL, 0, in, 8, buf, 0, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_encrypt(aes, gcm3, in, 12, NULL, 0, in, 8, buf, sizeof buf, &n), PSA_ERROR_INVALID_ARGUMENT);
    psa_aead_operation_t ao = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&ao, aes, gcm3), PSA_ERROR_INVALID_ARGUMENT);
    psa_aead_abort(&ao);
    psa_destroy_key(aes);
    psa_algorithm_t cp12 = PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CHACHA20_POLY1305, 12);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, ED, cp12, K32, 32, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(k, cp12, in, 12, NULL, 0, in, 8, buf, sizeof buf, &n), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_aead_decrypt_setup(&ao, k, cp12), PSA_ERROR_INVALID_ARGUMENT);
    psa_aead_abort(&ao);
    psa_destroy_key(k);
    /* RSA: PSS with no hash NOT_SUPPORTED; an unknown hash has length 0. */
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024,
                                      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_SIGN_MESSAGE, 0);
    psa_set_key_algorithm(&a, PSA_ALG_RSA_PSS(0));
    CHECK_STATUS(psa_generate_key(&a, &rsa), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(rsa, PSA_ALG_RSA_PSS(0), hash, 32, buf, 10, &n), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_verify_hash(rsa, PSA_ALG_RSA_PSS(0), hash, 32, buf, 128), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(rsa);
    psa_algorithm_t unk = PSA_ALG_RSA_PKCS1V15_SIGN(0x020000fe);
    psa_set_key_algorithm(&a, unk);
    CHECK_STATUS(psa_generate_key(&a, &rsa), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(rsa, unk, hash, 32, buf, sizeof buf, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(rsa, unk, hash, 0, buf, 10, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_hash(rsa, unk, hash, 0, buf, sizeof buf, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash(rsa, unk, hash, 0, buf, 128), PSA_ERROR_INVALID_ARGUMENT);
    /* A message: the hash is computed first (unknown: NOT_SUPPORTED). */
    CHECK_STATUS(psa_sign_message(rsa, unk, in, 5, buf, 10, &n), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(rsa);
    /* PureEdDSA on a Weierstrass key: no driver; ECDSA on X25519: the
     * signature buffer first. */
    a = ct_attrs(P256, 256, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_PURE_EDDSA);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, in, 5, buf, sizeof buf, &n), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(k);
    psa_algorithm_t ecdsa = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, PSA_KEY_USAGE_SIGN_MESSAGE, ecdsa);
    CHECK_STATUS(psa_generate_key(&a, &x), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(x, ecdsa, in, 5, buf, 10, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_message(x, ecdsa, in, 5, buf, sizeof buf, &n), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(x);
    /* ECC import: a length of no curve NOT_SUPPORTED; a location without a
     * driver INVALID_ARGUMENT. */
    CHECK_STATUS(ct_import(P256, PSA_KEY_USAGE_EXPORT, 0, K32, 31, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_VOLATILE, 1));
    CHECK_STATUS(psa_import_key(&a, K16, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    item3_type_none();
    item4_usage();
    item5_wildcards();
    item6_wrong_family();
    item7_order();
    item12_limits();
    item12_reference_order();
    return report();
}
