/* ctests/test_values_api14.c - the values of the PSA Crypto API 1.4/1.5 additions of
 * the api14 work: key wrapping, the WRAP/UNWRAP and DERIVE_PUBLIC usage flags, the
 * multi-part signature objects, WPA3-SAE; the numbers are the specification's
 * (1.4 key-wrapping and policy chapters, appendix B encodings and the example
 * macro implementations). Also the run-time behaviour of what is declared but
 * not supported: a WPA3-SAE finite-field token of group 14 (2048 bits) and
 * FFDH over PSA_DH_FAMILY_RFC3526 give PSA_ERROR_NOT_SUPPORTED (the supported
 * WPA3-SAE paths, the looping method and the 3072- to 8192-bit groups among
 * them, are tested in test_sae.c). */
#include <string.h>

#include "common.h"

#define VAL(expr, want) CHECK((unsigned long long)(expr) == (unsigned long long)(want))

/* Sizes usable as array bounds at file scope must be integer constant expressions. */
static uint8_t file_scope_wrap[PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KW, PSA_KEY_TYPE_AES, 256)];
static uint8_t file_scope_pair[PSA_WRAP_KEY_PAIR_MAX_SIZE];
static psa_sign_operation_t file_scope_sign = PSA_SIGN_OPERATION_INIT;
static psa_verify_operation_t file_scope_verify = PSA_VERIFY_OPERATION_INIT;

static void test_wrap_values(void)
{
    VAL(PSA_KEY_USAGE_WRAP, 0x00010000);
    VAL(PSA_KEY_USAGE_UNWRAP, 0x00020000);
    VAL(PSA_KEY_USAGE_DERIVE_PUBLIC, 0x00000080);
    VAL(PSA_ALG_KW, 0x0B400100);
    VAL(PSA_ALG_KWP, 0x0BC00200);
    CHECK(PSA_ALG_IS_KEY_WRAP(PSA_ALG_KW));
    CHECK(PSA_ALG_IS_KEY_WRAP(PSA_ALG_KWP));
    CHECK(PSA_ALG_IS_KEY_WRAP(0x0B000300));
    CHECK(!PSA_ALG_IS_KEY_WRAP(PSA_ALG_GCM));
    CHECK(!PSA_ALG_IS_KEY_WRAP(PSA_ALG_CTR));
    CHECK(!PSA_ALG_IS_AEAD(PSA_ALG_KW) && !PSA_ALG_IS_CIPHER(PSA_ALG_KWP));
    /* sizes: whole semiblocks plus the 8-byte integrity block */
    VAL(sizeof file_scope_wrap, 40);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KW, PSA_KEY_TYPE_AES, 128), 24);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_ARIA, PSA_ALG_KWP, PSA_KEY_TYPE_HMAC, 8), 16);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_CAMELLIA, PSA_ALG_KWP, PSA_KEY_TYPE_RAW_DATA, 56), 16);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KWP, PSA_KEY_TYPE_HMAC, 160), 32);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KWP,
                                 PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 521),
        80);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_HMAC, PSA_ALG_KW, PSA_KEY_TYPE_AES, 128), 0);
    VAL(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_GCM, PSA_KEY_TYPE_AES, 128), 0);
    CHECK(PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KWP, PSA_KEY_TYPE_RSA_KEY_PAIR, 4096) <=
          PSA_WRAP_KEY_PAIR_MAX_SIZE);
    CHECK(PSA_WRAP_KEY_PAIR_MAX_SIZE >= PSA_EXPORT_KEY_PAIR_MAX_SIZE + 8);
    CHECK(PSA_WRAP_KEY_PAIR_MAX_SIZE % 8 == 0);
    VAL(sizeof file_scope_pair, PSA_WRAP_KEY_PAIR_MAX_SIZE);
}

static void test_sign_values(void)
{
    static const uint8_t zero[sizeof(psa_sign_operation_t)];
    CHECK(memcmp(&file_scope_sign, zero, sizeof zero) == 0);
    CHECK(memcmp(&file_scope_verify, zero, sizeof zero) == 0);
    CHECK(sizeof(psa_sign_operation_t) == sizeof(psa_hash_operation_t));
    CHECK(sizeof(psa_verify_operation_t) == sizeof(psa_hash_operation_t));
    /* 1.4: PSA_ALG_IS_SIGN_HASH excludes PureEdDSA; IS_SIGN_MESSAGE (and so the
     * multi-part operations) takes every hash-and-sign and message algorithm */
    CHECK(!PSA_ALG_IS_SIGN_HASH(PSA_ALG_PURE_EDDSA));
    CHECK(PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_PURE_EDDSA));
    CHECK(PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_ED25519PH));
    CHECK(PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256)));
    CHECK(!PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_ECDSA_ANY));
    CHECK(!PSA_ALG_IS_SIGN_MESSAGE(PSA_ALG_RSA_PKCS1V15_SIGN_RAW));
}

static void test_wpa3_values(void)
{
    VAL(PSA_DH_FAMILY_RFC3526, 0x05);
    VAL(PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_SECP_R1), 0x3292);
    VAL(PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 0x32b0);
    VAL(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526), 0x3305);
    VAL(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC7919), 0x3303);
    CHECK(PSA_KEY_TYPE_IS_WPA3_SAE_ECC(0x3292) && !PSA_KEY_TYPE_IS_WPA3_SAE_DH(0x3292));
    CHECK(PSA_KEY_TYPE_IS_WPA3_SAE_DH(0x3305) && !PSA_KEY_TYPE_IS_WPA3_SAE_ECC(0x3305));
    CHECK(!PSA_KEY_TYPE_IS_ASYMMETRIC(0x3292) && !PSA_KEY_TYPE_IS_UNSTRUCTURED(0x3292));
    VAL(PSA_KEY_TYPE_WPA3_SAE_ECC_GET_FAMILY(0x3292), PSA_ECC_FAMILY_SECP_R1);
    VAL(PSA_KEY_TYPE_WPA3_SAE_DH_GET_FAMILY(0x3305), PSA_DH_FAMILY_RFC3526);
    VAL(PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_256), 0x08800409);
    VAL(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), 0x0a000809);
    VAL(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_512), 0x0a00090b);
    VAL(PSA_ALG_WPA3_SAE_ANY, 0x0a0088ff);
    CHECK(PSA_ALG_IS_WPA3_SAE_H2E(PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_384)));
    CHECK(PSA_ALG_IS_KEY_DERIVATION(PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_384)));
    CHECK(PSA_ALG_IS_KEY_DERIVATION_STRETCHING(PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_384)));
    CHECK(PSA_ALG_IS_PAKE(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_WPA3_SAE_FIXED(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_WPA3_SAE_GDH(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_256)));
    CHECK(!PSA_ALG_IS_WPA3_SAE_GDH(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256)));
    CHECK(PSA_ALG_IS_WPA3_SAE(PSA_ALG_WPA3_SAE_ANY));
    CHECK(PSA_ALG_IS_WILDCARD(PSA_ALG_WPA3_SAE_ANY));
    CHECK(!PSA_ALG_IS_WPA3_SAE(PSA_ALG_JPAKE(PSA_ALG_SHA_256)));
    CHECK(!PSA_ALG_IS_JPAKE(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256)));
}

/* Declared, not supported: every way in is NOT_SUPPORTED, nothing is created
 * (an elliptic-curve token that is not a point is INVALID_ARGUMENT). */
static void test_wpa3_not_supported(void)
{
    static const uint8_t pt[64] = {4};
    static const uint8_t dh2048[256] = {4};
    static const uint8_t pw[8] = "password";
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_ANY);
    psa_key_id_t k = 7, pwk = 0;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_import_key(&a, pt, sizeof pt, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(k == 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526), 2048, PSA_KEY_USAGE_DERIVE,
                 PSA_ALG_WPA3_SAE_ANY);
    CHECK_STATUS(psa_import_key(&a, dh2048, sizeof dh2048, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC3526), 2048, PSA_KEY_USAGE_DERIVE, PSA_ALG_FFDH);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_MD5)),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* a password key may name the wildcard policy: the looping method (psa_check_key_usage
     * judges no PAKE algorithm) */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_ANY, pw,
                           sizeof pw, &pwk),
                 PSA_SUCCESS);
    {
        psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
        psa_pake_operation_t p = PSA_PAKE_OPERATION_INIT;
        psa_pake_cs_set_algorithm(&cs, PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256));
        psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC,
                                                          PSA_ECC_FAMILY_SECP_R1, 256));
        CHECK_STATUS(psa_pake_setup(&p, pwk, &cs), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_abort(&p), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_check_key_usage(pwk, PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), PSA_KEY_USAGE_DERIVE),
                 PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(pwk);
}

int main(void)
{
    test_wrap_values();
    test_sign_values();
    test_wpa3_values();
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_wpa3_not_supported();
    mbedtls_psa_crypto_free();
    return report();
}
