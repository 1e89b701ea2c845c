/* ctests/test_values_api15.c - the numbers of the PSA Crypto API 1.5
 * reference header (ARM-software/psa-api, headers/crypto/1.5/psa/crypto.h)
 * that it gives as literals: every status, family, key type, usage flag,
 * algorithm and size constant it spells out, compared with this library's
 * header; then the 1.5 additions this library declares without supporting:
 *   PSA_KEY_TYPE_BLAKE2   an unstructured (symmetric) type; importing or
 *                         generating such a key returns NOT_SUPPORTED and
 *                         creates nothing;
 *   BLAKE2sp / BLAKE2bp   hashes: PSA_ALG_IS_BLAKE2_HASH, their lengths and
 *                         block sizes; computing them succeeds with those
 *                         lengths (known answers: test_blake2_par.c);
 * and the 1.2.1 fix of PSA_ALG_KEY_AGREEMENT_GET_BASE / _GET_KDF: ECDH combined
 * with PBKDF2 splits into ECDH and PBKDF2, and the combined derivation equals
 * the raw agreement followed by PBKDF2 over the shared secret.
 * The list is docs/SPEC-CHANGES.md's inventory of the literal values. */
#include <stdio.h>
#include <string.h>

#include "common.h"

typedef struct {
    const char *name;
    long long ours, spec;
} value_t;

static const value_t values[] = {
    {"PSA_ERROR_INSUFFICIENT_ENTROPY", (long long)(PSA_ERROR_INSUFFICIENT_ENTROPY), -148LL},
    {"PSA_ERROR_INVALID_PADDING", (long long)(PSA_ERROR_INVALID_PADDING), -150LL},
    {"PSA_ECC_FAMILY_SECP_K1", (long long)(PSA_ECC_FAMILY_SECP_K1), 0x17LL},
    {"PSA_ECC_FAMILY_SECP_R1", (long long)(PSA_ECC_FAMILY_SECP_R1), 0x12LL},
    {"PSA_ECC_FAMILY_SECP_R2", (long long)(PSA_ECC_FAMILY_SECP_R2), 0x1bLL},
    {"PSA_ECC_FAMILY_SECT_K1", (long long)(PSA_ECC_FAMILY_SECT_K1), 0x27LL},
    {"PSA_ECC_FAMILY_SECT_R1", (long long)(PSA_ECC_FAMILY_SECT_R1), 0x22LL},
    {"PSA_ECC_FAMILY_SECT_R2", (long long)(PSA_ECC_FAMILY_SECT_R2), 0x2bLL},
    {"PSA_ECC_FAMILY_BRAINPOOL_P_R1", (long long)(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 0x30LL},
    {"PSA_ECC_FAMILY_FRP", (long long)(PSA_ECC_FAMILY_FRP), 0x33LL},
    {"PSA_ECC_FAMILY_MONTGOMERY", (long long)(PSA_ECC_FAMILY_MONTGOMERY), 0x41LL},
    {"PSA_ECC_FAMILY_TWISTED_EDWARDS", (long long)(PSA_ECC_FAMILY_TWISTED_EDWARDS), 0x42LL},
    {"PSA_DH_FAMILY_RFC7919", (long long)(PSA_DH_FAMILY_RFC7919), 0x03LL},
    {"PSA_DH_FAMILY_RFC3526", (long long)(PSA_DH_FAMILY_RFC3526), 0x05LL},
    {"PSA_KEY_TYPE_RAW_DATA", (long long)(PSA_KEY_TYPE_RAW_DATA), 0x1001LL},
    {"PSA_KEY_TYPE_DERIVE", (long long)(PSA_KEY_TYPE_DERIVE), 0x1200LL},
    {"PSA_KEY_TYPE_PASSWORD", (long long)(PSA_KEY_TYPE_PASSWORD), 0x1203LL},
    {"PSA_KEY_TYPE_PASSWORD_HASH", (long long)(PSA_KEY_TYPE_PASSWORD_HASH), 0x1205LL},
    {"PSA_KEY_TYPE_PEPPER", (long long)(PSA_KEY_TYPE_PEPPER), 0x1206LL},
    {"PSA_KEY_TYPE_HMAC", (long long)(PSA_KEY_TYPE_HMAC), 0x1100LL},
    {"PSA_KEY_TYPE_AES", (long long)(PSA_KEY_TYPE_AES), 0x2400LL},
    {"PSA_KEY_TYPE_ARIA", (long long)(PSA_KEY_TYPE_ARIA), 0x2406LL},
    {"PSA_KEY_TYPE_DES", (long long)(PSA_KEY_TYPE_DES), 0x2301LL},
    {"PSA_KEY_TYPE_CAMELLIA", (long long)(PSA_KEY_TYPE_CAMELLIA), 0x2403LL},
    {"PSA_KEY_TYPE_SM4", (long long)(PSA_KEY_TYPE_SM4), 0x2405LL},
    {"PSA_KEY_TYPE_ARC4", (long long)(PSA_KEY_TYPE_ARC4), 0x2002LL},
    {"PSA_KEY_TYPE_CHACHA20", (long long)(PSA_KEY_TYPE_CHACHA20), 0x2004LL},
    {"PSA_KEY_TYPE_XCHACHA20", (long long)(PSA_KEY_TYPE_XCHACHA20), 0x2007LL},
    {"PSA_KEY_TYPE_ASCON", (long long)(PSA_KEY_TYPE_ASCON), 0x2008LL},
    {"PSA_KEY_TYPE_RSA_KEY_PAIR", (long long)(PSA_KEY_TYPE_RSA_KEY_PAIR), 0x7001LL},
    {"PSA_KEY_TYPE_RSA_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_RSA_PUBLIC_KEY), 0x4001LL},
    {"PSA_KEY_TYPE_LMS_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_LMS_PUBLIC_KEY), 0x4007LL},
    {"PSA_KEY_TYPE_HSS_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_HSS_PUBLIC_KEY), 0x4008LL},
    {"PSA_KEY_TYPE_XMSS_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_XMSS_PUBLIC_KEY), 0x400BLL},
    {"PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY), 0x400DLL},
    {"PSA_KEY_TYPE_ML_DSA_KEY_PAIR", (long long)(PSA_KEY_TYPE_ML_DSA_KEY_PAIR), 0x7002LL},
    {"PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY), 0x4002LL},
    {"PSA_SLH_DSA_FAMILY_SHA2_S", (long long)(PSA_SLH_DSA_FAMILY_SHA2_S), 0x02LL},
    {"PSA_SLH_DSA_FAMILY_SHA2_F", (long long)(PSA_SLH_DSA_FAMILY_SHA2_F), 0x04LL},
    {"PSA_SLH_DSA_FAMILY_SHAKE_S", (long long)(PSA_SLH_DSA_FAMILY_SHAKE_S), 0x0bLL},
    {"PSA_SLH_DSA_FAMILY_SHAKE_F", (long long)(PSA_SLH_DSA_FAMILY_SHAKE_F), 0x0dLL},
    {"PSA_KEY_TYPE_ML_KEM_KEY_PAIR", (long long)(PSA_KEY_TYPE_ML_KEM_KEY_PAIR), 0x7004LL},
    {"PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY", (long long)(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY), 0x4004LL},
    {"PSA_KEY_USAGE_EXPORT", (long long)(PSA_KEY_USAGE_EXPORT), 0x1LL},
    {"PSA_KEY_USAGE_COPY", (long long)(PSA_KEY_USAGE_COPY), 0x2LL},
    {"PSA_KEY_USAGE_CACHE", (long long)(PSA_KEY_USAGE_CACHE), 0x4LL},
    {"PSA_KEY_USAGE_ENCRYPT", (long long)(PSA_KEY_USAGE_ENCRYPT), 0x100LL},
    {"PSA_KEY_USAGE_DECRYPT", (long long)(PSA_KEY_USAGE_DECRYPT), 0x200LL},
    {"PSA_KEY_USAGE_SIGN_MESSAGE", (long long)(PSA_KEY_USAGE_SIGN_MESSAGE), 0x400LL},
    {"PSA_KEY_USAGE_VERIFY_MESSAGE", (long long)(PSA_KEY_USAGE_VERIFY_MESSAGE), 0x800LL},
    {"PSA_KEY_USAGE_SIGN_HASH", (long long)(PSA_KEY_USAGE_SIGN_HASH), 0x1000LL},
    {"PSA_KEY_USAGE_VERIFY_HASH", (long long)(PSA_KEY_USAGE_VERIFY_HASH), 0x2000LL},
    {"PSA_KEY_USAGE_DERIVE", (long long)(PSA_KEY_USAGE_DERIVE), 0x4000LL},
    {"PSA_KEY_USAGE_VERIFY_DERIVATION", (long long)(PSA_KEY_USAGE_VERIFY_DERIVATION), 0x8000LL},
    {"PSA_KEY_USAGE_DERIVE_PUBLIC", (long long)(PSA_KEY_USAGE_DERIVE_PUBLIC), 0x80LL},
    {"PSA_KEY_USAGE_WRAP", (long long)(PSA_KEY_USAGE_WRAP), 0x10000LL},
    {"PSA_KEY_USAGE_UNWRAP", (long long)(PSA_KEY_USAGE_UNWRAP), 0x20000LL},
    {"PSA_ALG_MD2", (long long)(PSA_ALG_MD2), 0x02000001LL},
    {"PSA_ALG_MD4", (long long)(PSA_ALG_MD4), 0x02000002LL},
    {"PSA_ALG_MD5", (long long)(PSA_ALG_MD5), 0x02000003LL},
    {"PSA_ALG_RIPEMD160", (long long)(PSA_ALG_RIPEMD160), 0x02000004LL},
    {"PSA_ALG_AES_MMO_ZIGBEE", (long long)(PSA_ALG_AES_MMO_ZIGBEE), 0x02000007LL},
    {"PSA_ALG_SHA_1", (long long)(PSA_ALG_SHA_1), 0x02000005LL},
    {"PSA_ALG_SHA_224", (long long)(PSA_ALG_SHA_224), 0x02000008LL},
    {"PSA_ALG_SHA_256", (long long)(PSA_ALG_SHA_256), 0x02000009LL},
    {"PSA_ALG_SHA_384", (long long)(PSA_ALG_SHA_384), 0x0200000aLL},
    {"PSA_ALG_SHA_512", (long long)(PSA_ALG_SHA_512), 0x0200000bLL},
    {"PSA_ALG_SHA_512_224", (long long)(PSA_ALG_SHA_512_224), 0x0200000cLL},
    {"PSA_ALG_SHA_512_256", (long long)(PSA_ALG_SHA_512_256), 0x0200000dLL},
    {"PSA_ALG_SHA_256_192", (long long)(PSA_ALG_SHA_256_192), 0x0200000ELL},
    {"PSA_ALG_SHA3_224", (long long)(PSA_ALG_SHA3_224), 0x02000010LL},
    {"PSA_ALG_SHA3_256", (long long)(PSA_ALG_SHA3_256), 0x02000011LL},
    {"PSA_ALG_SHA3_384", (long long)(PSA_ALG_SHA3_384), 0x02000012LL},
    {"PSA_ALG_SHA3_512", (long long)(PSA_ALG_SHA3_512), 0x02000013LL},
    {"PSA_ALG_SHAKE256_512", (long long)(PSA_ALG_SHAKE256_512), 0x02000015LL},
    {"PSA_ALG_SHAKE128_256", (long long)(PSA_ALG_SHAKE128_256), 0x02000016LL},
    {"PSA_ALG_SHAKE256_192", (long long)(PSA_ALG_SHAKE256_192), 0x02000017LL},
    {"PSA_ALG_SHAKE256_256", (long long)(PSA_ALG_SHAKE256_256), 0x02000018LL},
    {"PSA_ALG_SM3", (long long)(PSA_ALG_SM3), 0x02000014LL},
    {"PSA_ALG_ASCON_HASH256", (long long)(PSA_ALG_ASCON_HASH256), 0x02000019LL},
    {"PSA_ALG_BLAKE2S_HASH256", (long long)(PSA_ALG_BLAKE2S_HASH256), 0x0200001CLL},
    {"PSA_ALG_BLAKE2SP_HASH256", (long long)(PSA_ALG_BLAKE2SP_HASH256), 0x0200001DLL},
    {"PSA_ALG_BLAKE2B_HASH512", (long long)(PSA_ALG_BLAKE2B_HASH512), 0x0200001ELL},
    {"PSA_ALG_BLAKE2BP_HASH512", (long long)(PSA_ALG_BLAKE2BP_HASH512), 0x0200001FLL},
    {"PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH", (long long)(PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH), 4LL},
    {"PSA_ALG_SHAKE128", (long long)(PSA_ALG_SHAKE128), 0x0D000100LL},
    {"PSA_ALG_SHAKE256", (long long)(PSA_ALG_SHAKE256), 0x0D000200LL},
    {"PSA_ALG_ASCON_XOF128", (long long)(PSA_ALG_ASCON_XOF128), 0x0D000300LL},
    {"PSA_ALG_ASCON_CXOF128", (long long)(PSA_ALG_ASCON_CXOF128), 0x0D008300LL},
    {"PSA_ALG_CBC_MAC", (long long)(PSA_ALG_CBC_MAC), 0x03c00100LL},
    {"PSA_ALG_CMAC", (long long)(PSA_ALG_CMAC), 0x03c00200LL},
    {"PSA_ALG_STREAM_CIPHER", (long long)(PSA_ALG_STREAM_CIPHER), 0x04800100LL},
    {"PSA_ALG_CTR", (long long)(PSA_ALG_CTR), 0x04c01000LL},
    {"PSA_ALG_CCM_STAR_NO_TAG", (long long)(PSA_ALG_CCM_STAR_NO_TAG), 0x04c01300LL},
    {"PSA_ALG_CFB", (long long)(PSA_ALG_CFB), 0x04c01100LL},
    {"PSA_ALG_OFB", (long long)(PSA_ALG_OFB), 0x04c01200LL},
    {"PSA_ALG_XTS", (long long)(PSA_ALG_XTS), 0x0440ff00LL},
    {"PSA_ALG_ECB_NO_PADDING", (long long)(PSA_ALG_ECB_NO_PADDING), 0x04404400LL},
    {"PSA_ALG_CBC_NO_PADDING", (long long)(PSA_ALG_CBC_NO_PADDING), 0x04404000LL},
    {"PSA_ALG_CBC_PKCS7", (long long)(PSA_ALG_CBC_PKCS7), 0x04404100LL},
    {"PSA_ALG_CCM_STAR_ANY_TAG", (long long)(PSA_ALG_CCM_STAR_ANY_TAG), 0x04c09300LL},
    {"PSA_ALG_CCM", (long long)(PSA_ALG_CCM), 0x05500100LL},
    {"PSA_ALG_GCM", (long long)(PSA_ALG_GCM), 0x05500200LL},
    {"PSA_ALG_CHACHA20_POLY1305", (long long)(PSA_ALG_CHACHA20_POLY1305), 0x05100500LL},
    {"PSA_ALG_XCHACHA20_POLY1305", (long long)(PSA_ALG_XCHACHA20_POLY1305), 0x05100600LL},
    {"PSA_ALG_ASCON_AEAD128", (long long)(PSA_ALG_ASCON_AEAD128), 0x05100700LL},
    {"PSA_ALG_KW", (long long)(PSA_ALG_KW), 0x0B400100LL},
    {"PSA_ALG_KWP", (long long)(PSA_ALG_KWP), 0x0BC00200LL},
    {"PSA_ALG_SP800_108_COUNTER_CMAC", (long long)(PSA_ALG_SP800_108_COUNTER_CMAC), 0x08000800LL},
    {"PSA_ALG_TLS12_ECJPAKE_TO_PMS", (long long)(PSA_ALG_TLS12_ECJPAKE_TO_PMS), 0x08000609LL},
    {"PSA_ALG_PBKDF2_AES_CMAC_PRF_128", (long long)(PSA_ALG_PBKDF2_AES_CMAC_PRF_128), 0x08800200LL},
    {"PSA_TLS12_ECJPAKE_TO_PMS_OUTPUT_SIZE", (long long)(PSA_TLS12_ECJPAKE_TO_PMS_OUTPUT_SIZE), 32LL},
    {"PSA_ALG_RSA_PKCS1V15_SIGN_RAW", (long long)(PSA_ALG_RSA_PKCS1V15_SIGN_RAW), 0x06000200LL},
    {"PSA_ALG_ECDSA_ANY", (long long)(PSA_ALG_ECDSA_ANY), 0x06000600LL},
    {"PSA_ALG_PURE_EDDSA", (long long)(PSA_ALG_PURE_EDDSA), 0x06000800LL},
    {"PSA_ALG_EDDSA_CTX", (long long)(PSA_ALG_EDDSA_CTX), 0x06000A00LL},
    {"PSA_ALG_ED25519PH", (long long)(PSA_ALG_ED25519PH), 0x0600090BLL},
    {"PSA_ALG_ED448PH", (long long)(PSA_ALG_ED448PH), 0x06000915LL},
    {"PSA_ALG_SLH_DSA", (long long)(PSA_ALG_SLH_DSA), 0x06004000LL},
    {"PSA_ALG_DETERMINISTIC_SLH_DSA", (long long)(PSA_ALG_DETERMINISTIC_SLH_DSA), 0x06004100LL},
    {"PSA_ALG_ML_DSA", (long long)(PSA_ALG_ML_DSA), 0x06004400LL},
    {"PSA_ALG_DETERMINISTIC_ML_DSA", (long long)(PSA_ALG_DETERMINISTIC_ML_DSA), 0x06004500LL},
    {"PSA_ALG_LMS", (long long)(PSA_ALG_LMS), 0x06004800LL},
    {"PSA_ALG_HSS", (long long)(PSA_ALG_HSS), 0x06004900LL},
    {"PSA_ALG_XMSS", (long long)(PSA_ALG_XMSS), 0x06004A00LL},
    {"PSA_ALG_XMSS_MT", (long long)(PSA_ALG_XMSS_MT), 0x06004B00LL},
    {"PSA_ALG_ANY_HASH", (long long)(PSA_ALG_ANY_HASH), 0x020000ffLL},
    {"PSA_ALG_RSA_PKCS1V15_CRYPT", (long long)(PSA_ALG_RSA_PKCS1V15_CRYPT), 0x07000200LL},
    {"PSA_ALG_FFDH", (long long)(PSA_ALG_FFDH), 0x09010000LL},
    {"PSA_ALG_ECDH", (long long)(PSA_ALG_ECDH), 0x09020000LL},
    {"PSA_ALG_ECIES_SEC1", (long long)(PSA_ALG_ECIES_SEC1), 0x0c000100LL},
    {"PSA_ALG_ML_KEM", (long long)(PSA_ALG_ML_KEM), 0x0c000200LL},
    {"PSA_PAKE_PRIMITIVE_TYPE_ECC", (long long)(PSA_PAKE_PRIMITIVE_TYPE_ECC), 0x01LL},
    {"PSA_PAKE_PRIMITIVE_TYPE_DH", (long long)(PSA_PAKE_PRIMITIVE_TYPE_DH), 0x02LL},
    {"PSA_PAKE_CONFIRMED_KEY", (long long)(PSA_PAKE_CONFIRMED_KEY), 0LL},
    {"PSA_PAKE_UNCONFIRMED_KEY", (long long)(PSA_PAKE_UNCONFIRMED_KEY), 1LL},
    {"PSA_PAKE_ROLE_NONE", (long long)(PSA_PAKE_ROLE_NONE), 0LL},
    {"PSA_PAKE_ROLE_FIRST", (long long)(PSA_PAKE_ROLE_FIRST), 1LL},
    {"PSA_PAKE_ROLE_SECOND", (long long)(PSA_PAKE_ROLE_SECOND), 2LL},
    {"PSA_PAKE_ROLE_CLIENT", (long long)(PSA_PAKE_ROLE_CLIENT), 0x11LL},
    {"PSA_PAKE_ROLE_SERVER", (long long)(PSA_PAKE_ROLE_SERVER), 0x12LL},
    {"PSA_PAKE_STEP_KEY_SHARE", (long long)(PSA_PAKE_STEP_KEY_SHARE), 1LL},
    {"PSA_PAKE_STEP_ZK_PUBLIC", (long long)(PSA_PAKE_STEP_ZK_PUBLIC), 2LL},
    {"PSA_PAKE_STEP_ZK_PROOF", (long long)(PSA_PAKE_STEP_ZK_PROOF), 3LL},
    {"PSA_PAKE_STEP_CONFIRM", (long long)(PSA_PAKE_STEP_CONFIRM), 4LL},
    {"PSA_ALG_SPAKE2P_MATTER", (long long)(PSA_ALG_SPAKE2P_MATTER), 0x0A000609LL},
    {"PSA_ALG_WPA3_SAE_ANY", (long long)(PSA_ALG_WPA3_SAE_ANY), 0x0a0088ffLL},
    {"PSA_KEY_ID_USER_MAX", (long long)(PSA_KEY_ID_USER_MAX), 0x3fffffffLL},
    {"PSA_KEY_ID_VENDOR_MIN", (long long)(PSA_KEY_ID_VENDOR_MIN), 0x40000000LL},
    {"PSA_KEY_ID_VENDOR_MAX", (long long)(PSA_KEY_ID_VENDOR_MAX), 0x7fffffffLL},
    {"PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT", (long long)(PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT), 1LL},
    {"PSA_KEY_PERSISTENCE_READ_ONLY", (long long)(PSA_KEY_PERSISTENCE_READ_ONLY), 0xffLL},
    {"PSA_KEY_TYPE_BLAKE2", (long long)(PSA_KEY_TYPE_BLAKE2), 0x1103LL},
};

static void test_literals(void)
{
    size_t i;
    for (i = 0; i < sizeof values / sizeof values[0]; i++)
        if (!CHECK(values[i].ours == values[i].spec))
            FAIL("%s is %lld, the 1.5 reference header says %lld", values[i].name, values[i].ours,
                 values[i].spec);
    printf("# %u literal values of the 1.5 reference header\n", (unsigned)i);
}

static void test_blake2_key_type(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t id = 0x1234;
    uint8_t k[64];
    size_t bits[3] = {128, 256, 512}, i;
    memset(k, 0x5a, sizeof k);
    CHECK(PSA_KEY_TYPE_IS_UNSTRUCTURED(PSA_KEY_TYPE_BLAKE2));
    CHECK(!PSA_KEY_TYPE_IS_ASYMMETRIC(PSA_KEY_TYPE_BLAKE2));
    CHECK(PSA_KEY_TYPE_BLAKE2 != PSA_KEY_TYPE_HMAC);
    psa_set_key_type(&a, PSA_KEY_TYPE_BLAKE2);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    CHECK(psa_get_key_type(&a) == PSA_KEY_TYPE_BLAKE2);
    for (i = 0; i < 3; i++) {
        id = 0x1234;
        CHECK_STATUS(psa_import_key(&a, k, bits[i] / 8, &id), PSA_ERROR_NOT_SUPPORTED);
        CHECK(id == PSA_KEY_ID_NULL);
        psa_set_key_bits(&a, bits[i]);
        id = 0x1234;
        CHECK_STATUS(psa_generate_key(&a, &id), PSA_ERROR_NOT_SUPPORTED);
        CHECK(id == PSA_KEY_ID_NULL);
        psa_set_key_bits(&a, 0);
    }
    /* an empty key is refused before the type is looked at, as for any type */
    id = 0x1234;
    CHECK_STATUS2(psa_import_key(&a, k, 0, &id), PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
    CHECK(id == PSA_KEY_ID_NULL);
}

static void test_blake2_parallel(void)
{
    static const psa_algorithm_t b2[4] = {PSA_ALG_BLAKE2S_HASH256, PSA_ALG_BLAKE2SP_HASH256,
                                          PSA_ALG_BLAKE2B_HASH512, PSA_ALG_BLAKE2BP_HASH512};
    uint8_t out[PSA_HASH_MAX_SIZE];
    size_t len = 7, i;
    for (i = 0; i < 4; i++) {
        CHECK(PSA_ALG_IS_BLAKE2_HASH(b2[i]));
        CHECK(PSA_ALG_IS_HASH(b2[i]));
        CHECK(PSA_HASH_LENGTH(b2[i]) == (i < 2 ? 32u : 64u));
        CHECK(PSA_HASH_BLOCK_LENGTH(b2[i]) == (i < 2 ? 64u : 128u));
    }
    CHECK(!PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_SHA_512));
    CHECK(!PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_ASCON_HASH256));
    CHECK(!PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_HMAC(PSA_ALG_BLAKE2S_HASH256)));
    CHECK(PSA_HASH_MAX_SIZE >= 64);
    /* implemented (known answers in test_blake2_par.c); in place here */
    memset(out, 0, sizeof out);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_BLAKE2SP_HASH256, out, 3, out, sizeof out, &len), PSA_SUCCESS);
    CHECK(len == 32);
    len = 7;
    memset(out, 0, sizeof out);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_BLAKE2BP_HASH512, out, 3, out, sizeof out, &len), PSA_SUCCESS);
    CHECK(len == 64);
}

/* PSA 1.2.1: bit 23 of a combined algorithm is the KDF's key-stretching flag. */
static void test_agreement_with_pbkdf2(void)
{
    const psa_algorithm_t pbkdf2 = PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256);
    const psa_algorithm_t alg = PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, pbkdf2);
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t mine = 0, peer = 0, raw = 0;
    uint8_t pub[65], priv[32], z[32], got[32], want[32];
    size_t pl = 0, kl = 0, zl = 0;

    CHECK(PSA_ALG_KEY_AGREEMENT_GET_BASE(alg) == PSA_ALG_ECDH);
    CHECK(PSA_ALG_KEY_AGREEMENT_GET_KDF(alg) == pbkdf2);
    CHECK(PSA_ALG_KEY_AGREEMENT_GET_BASE(PSA_ALG_KEY_AGREEMENT(PSA_ALG_FFDH, PSA_ALG_PBKDF2_AES_CMAC_PRF_128)) ==
          PSA_ALG_FFDH);
    CHECK(PSA_ALG_KEY_AGREEMENT_GET_KDF(PSA_ALG_KEY_AGREEMENT(PSA_ALG_FFDH, PSA_ALG_PBKDF2_AES_CMAC_PRF_128)) ==
          PSA_ALG_PBKDF2_AES_CMAC_PRF_128);
    CHECK(PSA_ALG_KEY_AGREEMENT_GET_KDF(PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))) ==
          PSA_ALG_HKDF(PSA_ALG_SHA_256));
    CHECK(PSA_ALG_IS_KEY_AGREEMENT(alg) && !PSA_ALG_IS_STANDALONE_KEY_AGREEMENT(alg));

    psa_set_key_type(&a, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
    psa_set_key_bits(&a, 256);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&a, alg);
    if (!CHECK_STATUS(psa_generate_key(&a, &mine), PSA_SUCCESS) ||
        !CHECK_STATUS(psa_generate_key(&a, &peer), PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_export_public_key(peer, pub, sizeof pub, &pl), PSA_SUCCESS);
    /* the combined operation: the shared secret is PBKDF2's password */
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 1000), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD, mine, pub, pl),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, got, sizeof got), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* the same, in two steps: the raw ECDH secret, then PBKDF2 over it */
    CHECK_STATUS(psa_export_key(mine, priv, sizeof priv, &kl), PSA_SUCCESS);
    psa_set_key_algorithm(&a, PSA_ALG_ECDH);
    CHECK_STATUS(psa_import_key(&a, priv, kl, &raw), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, raw, pub, pl, z, sizeof z, &zl), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, pbkdf2), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 1000), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD, z, zl), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, want, sizeof want), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_MEM(got, sizeof got, want, sizeof want);
    /* the shared secret cannot be the salt of PBKDF2 */
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 1000), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SALT, mine, pub, pl),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    psa_destroy_key(mine);
    psa_destroy_key(peer);
    psa_destroy_key(raw);
}

int main(void)
{
    test_literals();
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_blake2_key_type();
    test_blake2_parallel();
    test_agreement_with_pbkdf2();
    mbedtls_psa_crypto_free();
    return report();
}
