/* test_mbedtls_idioms.c: programs in the style of Mbed TLS's PSA sample
 * programs, built against the compatibility headers (ctests/run.sh puts
 * compat/include before include, as a COMPAT=1 install does): build_info.h
 * first, configuration guards, mbedtls_printf / mbedtls_exit, and the Mbed TLS
 * names of psa/crypto_extra.h reached through <psa/crypto.h> alone. Each
 * "program" checks its results against published test vectors. */
#include "mbedtls/build_info.h"
#include "tf-psa-crypto/build_info.h"

#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"
#include <psa/crypto.h>
#include <string.h>

#include "common.h"

#if !defined(MBEDTLS_PSA_CRYPTO_C) || !defined(MBEDTLS_AES_C) || \
    !defined(MBEDTLS_CIPHER_MODE_CBC) || !defined(MBEDTLS_MD_C) || !defined(MBEDTLS_HKDF_C) || \
    !defined(PSA_WANT_ALG_SHA_256) || !defined(PSA_WANT_KEY_TYPE_AES)
#error "the compatibility build_info.h must define the configuration this program needs"
#endif

#define PRINT_STATUS(what, st) mbedtls_printf("  %s: %s\n", what, ct_status_name(st))

/* NIST SP 800-38A F.2.1 / F.2.2: CBC-AES128, one block. */
static void cipher_example_aes_cbc(void)
{
    uint8_t key[16], iv[16], pt[16], ct[16], out[32], back[32];
    size_t out_len = 0, fin_len = 0, back_len = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_cipher_operation_t operation = PSA_CIPHER_OPERATION_INIT;
    psa_key_id_t key_id = MBEDTLS_SVC_KEY_ID_INIT;
    psa_status_t status;

    mbedtls_printf("cipher example: AES-128-CBC\n");
    ct_unhex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof(key));
    ct_unhex("000102030405060708090a0b0c0d0e0f", iv, sizeof(iv));
    ct_unhex("6bc1bee22e409f96e93d7e117393172a", pt, sizeof(pt));
    ct_unhex("7649abac8119b246cee98e9b12e9197d", ct, sizeof(ct));
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    psa_set_key_algorithm(&attributes, PSA_ALG_CBC_NO_PADDING);
    psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&attributes, 128);
    status = psa_import_key(&attributes, key, sizeof(key), &key_id);
    PRINT_STATUS("psa_import_key", status);
    if (!CHECK_STATUS(status, PSA_SUCCESS)) {
        return;
    }
    CHECK(!mbedtls_svc_key_id_is_null(key_id));
    CHECK(MBEDTLS_SVC_KEY_ID_GET_KEY_ID(key_id) == key_id);
    CHECK(MBEDTLS_SVC_KEY_ID_GET_OWNER_ID(key_id) == 0);
    CHECK(mbedtls_svc_key_id_equal(mbedtls_svc_key_id_make(7, key_id), key_id));
    CHECK_STATUS(psa_cipher_encrypt_setup(&operation, key_id, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&operation, iv, sizeof(iv)), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&operation, pt, sizeof(pt), out, sizeof(out), &out_len), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&operation, out + out_len, sizeof(out) - out_len, &fin_len),
                 PSA_SUCCESS);
    CHECK_MEM(out, out_len + fin_len, ct, sizeof(ct));
    CHECK_STATUS(psa_cipher_decrypt_setup(&operation, key_id, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&operation, iv, sizeof(iv)), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&operation, ct, sizeof(ct), back, sizeof(back), &back_len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&operation, back + back_len, sizeof(back) - back_len, &fin_len),
                 PSA_SUCCESS);
    CHECK_MEM(back, back_len + fin_len, pt, sizeof(pt));
    psa_cipher_abort(&operation);
    psa_destroy_key(key_id);
}

/* RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe". */
static void hmac_demo(void)
{
    const char *key_text = "Jefe";
    const char *msg = "what do ya want for nothing?";
    uint8_t expected[32], mac[PSA_MAC_MAX_SIZE];
    size_t mac_len = 0;
    psa_key_attributes_t attributes = psa_key_attributes_init();
    psa_mac_operation_t op = psa_mac_operation_init();
    psa_key_id_t key = 0;
    psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    uint8_t *copy;

    mbedtls_printf("hmac demo\n");
    ct_unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", expected,
             sizeof(expected));
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, alg);
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    if (!CHECK_STATUS(psa_import_key(&attributes, (const uint8_t *)key_text, strlen(key_text), &key),
                      PSA_SUCCESS)) {
        return;
    }
    CHECK_STATUS(psa_mac_sign_setup(&op, key, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, (const uint8_t *)msg + 10, strlen(msg) - 10), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof(mac), &mac_len), PSA_SUCCESS);
    CHECK_MEM(mac, mac_len, expected, sizeof(expected));
    CHECK_STATUS(psa_mac_verify(key, alg, (const uint8_t *)msg, strlen(msg), expected, 32), PSA_SUCCESS);
    /* Wipe the MAC as the demo does, with a heap copy too. */
    copy = (uint8_t *)mbedtls_calloc(1, mac_len);
    CHECK(copy != NULL);
    if (copy != NULL) {
        memcpy(copy, mac, mac_len);
        mbedtls_platform_zeroize(copy, mac_len);
        CHECK(ct_check_mem(copy, mac_len, (const uint8_t[32]){ 0 }, 32, __FILE__, __LINE__, "copy"));
        mbedtls_free(copy);
    }
    mbedtls_platform_zeroize(mac, sizeof(mac));
    {
        volatile const uint8_t *v = mac;
        size_t i, nonzero = 0;
        for (i = 0; i < sizeof(mac); i++) {
            nonzero += v[i] != 0;
        }
        CHECK(nonzero == 0);
    }
    mbedtls_platform_zeroize(NULL, 0);
    mbedtls_platform_zeroize(NULL, 16); /* ignored */
    psa_mac_abort(&op);
    psa_destroy_key(key);
}

/* RFC 5869 test case 1: HKDF-SHA-256. */
static void key_derivation_demo(void)
{
    uint8_t ikm[22], salt[13], info[10], okm[42], expected[42];
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t base = 0;
    psa_algorithm_t alg = PSA_ALG_HKDF(PSA_ALG_SHA_256);

    mbedtls_printf("key derivation demo\n");
    memset(ikm, 0x0b, sizeof(ikm));
    ct_unhex("000102030405060708090a0b0c", salt, sizeof(salt));
    ct_unhex("f0f1f2f3f4f5f6f7f8f9", info, sizeof(info));
    ct_unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
             expected, sizeof(expected));
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_DERIVE);
    psa_set_key_algorithm(&attributes, alg);
    psa_set_key_type(&attributes, PSA_KEY_TYPE_DERIVE);
    if (!CHECK_STATUS(psa_import_key(&attributes, ikm, sizeof(ikm), &base), PSA_SUCCESS)) {
        return;
    }
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, salt, sizeof(salt)),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, base), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, info, sizeof(info)),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, okm, sizeof(okm)), PSA_SUCCESS);
    CHECK_MEM(okm, sizeof(okm), expected, sizeof(expected));
    psa_key_derivation_abort(&op);
    psa_destroy_key(base);
}

/* FIPS 180-2: SHA-256("abc"), multi-part then compare. */
static void psa_hash_demo(void)
{
    static const uint8_t abc[3] = { 'a', 'b', 'c' };
    uint8_t expected[32], hash[PSA_HASH_MAX_SIZE];
    size_t hash_len = 0;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    psa_hash_operation_t clone = PSA_HASH_OPERATION_INIT;

    mbedtls_printf("psa_hash demo\n");
    ct_unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", expected,
             sizeof(expected));
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_clone(&op, &clone), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, abc + 1, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, hash, sizeof(hash), &hash_len), PSA_SUCCESS);
    CHECK_MEM(hash, hash_len, expected, sizeof(expected));
    CHECK_STATUS(psa_hash_update(&clone, abc + 1, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_verify(&clone, expected, sizeof(expected)), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, abc, 3, expected, 32), PSA_SUCCESS);
}

/* The encoding names of Mbed TLS's crypto_values.h agree with the spec macros. */
static void encodings(void)
{
    CHECK((PSA_ALG_SHA_256 & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_HASH);
    CHECK((PSA_ALG_HMAC(PSA_ALG_SHA_256) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_MAC);
    CHECK((PSA_ALG_CTR & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_CIPHER);
    CHECK((PSA_ALG_GCM & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_AEAD);
    CHECK((PSA_ALG_ECDSA_ANY & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_SIGN);
    CHECK((PSA_ALG_RSA_PKCS1V15_CRYPT & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION);
    CHECK((PSA_ALG_HKDF(PSA_ALG_SHA_256) & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_KEY_DERIVATION);
    CHECK((PSA_ALG_ECDH & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_KEY_AGREEMENT);
    CHECK((PSA_ALG_SPAKE2P_MATTER & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_PAKE);
    CHECK(PSA_ALG_VENDOR_FLAG == 0x80000000u);
    CHECK(PSA_ALG_HMAC(PSA_ALG_SHA_1) == (PSA_ALG_HMAC_BASE | (PSA_ALG_SHA_1 & PSA_ALG_HASH_MASK)));
    CHECK(PSA_ALG_ECDSA(PSA_ALG_SHA_256) == (PSA_ALG_ECDSA_BASE | 0x09));
    CHECK(PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256) == (PSA_ALG_DETERMINISTIC_ECDSA_BASE | 0x09));
    CHECK(PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256) == (PSA_ALG_RSA_PKCS1V15_SIGN_BASE | 0x09));
    CHECK(PSA_ALG_RSA_PSS(PSA_ALG_SHA_256) == (PSA_ALG_RSA_PSS_BASE | 0x09));
    CHECK(PSA_ALG_RSA_PSS_ANY_SALT(PSA_ALG_SHA_256) == (PSA_ALG_RSA_PSS_ANY_SALT_BASE | 0x09));
    CHECK(PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256) == (PSA_ALG_RSA_OAEP_BASE | 0x09));
    CHECK(PSA_ALG_HKDF(PSA_ALG_SHA_256) == (PSA_ALG_HKDF_BASE | 0x09));
    CHECK(PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256) == (PSA_ALG_HKDF_EXTRACT_BASE | 0x09));
    CHECK(PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256) == (PSA_ALG_HKDF_EXPAND_BASE | 0x09));
    CHECK(PSA_ALG_TLS12_PRF(PSA_ALG_SHA_256) == (PSA_ALG_TLS12_PRF_BASE | 0x09));
    CHECK(PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_256) == (PSA_ALG_TLS12_PSK_TO_MS_BASE | 0x09));
    CHECK(PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256) == (PSA_ALG_PBKDF2_HMAC_BASE | 0x09));
    CHECK(PSA_ALG_JPAKE(PSA_ALG_SHA_256) == (PSA_ALG_JPAKE_BASE | 0x09));
    CHECK(PSA_ALG_ED25519PH == (PSA_ALG_HASH_EDDSA_BASE | (PSA_ALG_SHA_512 & PSA_ALG_HASH_MASK)));
    CHECK(PSA_ALG_AEAD_GET_TAG_LENGTH(PSA_ALG_GCM) == 16);
    CHECK(PSA_ALG_AEAD_GET_TAG_LENGTH(PSA_ALG_CCM) == 16);
    CHECK(PSA_ALG_AEAD_GET_TAG_LENGTH(PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8)) == 8);
    CHECK(PSA_ALG_AEAD_GET_TAG_LENGTH(PSA_ALG_CHACHA20_POLY1305) == 16);
    CHECK((PSA_KEY_TYPE_RAW_DATA & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_RAW);
    CHECK((PSA_KEY_TYPE_AES & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_SYMMETRIC);
    CHECK((PSA_KEY_TYPE_RSA_PUBLIC_KEY & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY);
    CHECK((PSA_KEY_TYPE_RSA_KEY_PAIR & PSA_KEY_TYPE_CATEGORY_MASK) == PSA_KEY_TYPE_CATEGORY_KEY_PAIR);
    CHECK((PSA_KEY_TYPE_RSA_KEY_PAIR ^ PSA_KEY_TYPE_RSA_PUBLIC_KEY) == PSA_KEY_TYPE_CATEGORY_FLAG_PAIR);
    CHECK(PSA_KEY_TYPE_VENDOR_FLAG == 0x8000);
    CHECK(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) ==
          (PSA_KEY_TYPE_ECC_KEY_PAIR_BASE | PSA_ECC_FAMILY_SECP_R1));
    CHECK(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1) ==
          (PSA_KEY_TYPE_ECC_PUBLIC_KEY_BASE | PSA_ECC_FAMILY_SECP_R1));
    CHECK(PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919) ==
          (PSA_KEY_TYPE_DH_KEY_PAIR_BASE | PSA_DH_FAMILY_RFC7919));
    CHECK(PSA_KEY_TYPE_DH_PUBLIC_KEY(PSA_DH_FAMILY_RFC7919) ==
          (PSA_KEY_TYPE_DH_PUBLIC_KEY_BASE | PSA_DH_FAMILY_RFC7919));
    CHECK(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) ==
          (PSA_KEY_TYPE_SPAKE2P_KEY_PAIR_BASE | PSA_ECC_FAMILY_SECP_R1));
    CHECK(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1) ==
          (PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY_BASE | PSA_ECC_FAMILY_SECP_R1));
    CHECK(PSA_KEY_USAGE_DERIVE_PUBLIC == 0x00000080u);
    CHECK(psa_key_handle_is_null(PSA_KEY_HANDLE_INIT));
    CHECK(!psa_key_handle_is_null(5));
    CHECK(mbedtls_svc_key_id_is_null(MBEDTLS_SVC_KEY_ID_INIT));
    CHECK(!mbedtls_svc_key_id_equal(1, 2));
    CHECK(TF_PSA_CRYPTO_VERSION_MAJOR == 1 && MBEDTLS_VERSION_MAJOR == 3);
}

/* mbedtls_psa_get_stats: counts from the key store. */
static void stats_demo(void)
{
    mbedtls_psa_stats_t stats;
    psa_key_id_t k1 = 0, k2 = 0;
    static const uint8_t raw[4] = { 1, 2, 3, 4 };

    memset(&stats, 0xff, sizeof(stats));
    mbedtls_psa_get_stats(&stats);
    CHECK(stats.MBEDTLS_PRIVATE(volatile_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(persistent_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(external_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(half_filled_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(empty_slots) == 1048576u);
    CHECK(stats.MBEDTLS_PRIVATE(max_open_external_key_id) == 0);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, 0, 0, raw, sizeof(raw), &k1), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, 0, 0, raw, sizeof(raw), &k2), PSA_SUCCESS);
    mbedtls_psa_get_stats(&stats);
    CHECK(stats.MBEDTLS_PRIVATE(volatile_slots) == 2);
    CHECK(stats.MBEDTLS_PRIVATE(persistent_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(half_filled_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(cache_slots) == 0);
    CHECK(stats.MBEDTLS_PRIVATE(empty_slots) == 1048576u - 2);
    CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);
    mbedtls_psa_get_stats(&stats);
    CHECK(stats.MBEDTLS_PRIVATE(volatile_slots) == 1);
    CHECK(stats.MBEDTLS_PRIVATE(empty_slots) == 1048576u - 1);
    CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
    mbedtls_psa_get_stats(NULL); /* ignored */
}

/* The PAKE extension 1.1 names of Mbed TLS 3.x. */
static void pake_compat(void)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_operation_t op = PSA_PAKE_OPERATION_INIT;
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;

    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE); /* the 3.x constant */
    CHECK(psa_pake_cs_get_algorithm(&cs) == 0x0a000100u);
    CHECK(PSA_ALG_IS_JPAKE(psa_pake_cs_get_algorithm(&cs)));
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC,
                                                      PSA_ECC_FAMILY_SECP_R1, 256));
    CHECK(psa_pake_cs_get_family(&cs) == PSA_ECC_FAMILY_SECP_R1);
    CHECK(psa_pake_cs_get_bits(&cs) == 256);
    CHECK(psa_pake_cs_get_hash(&cs) == PSA_ALG_NONE);
    psa_pake_cs_set_hash(&cs, PSA_ALG_SHA_256);
    CHECK(psa_pake_cs_get_hash(&cs) == PSA_ALG_SHA_256);
    psa_pake_cs_set_hash(&cs, PSA_ALG_HMAC(PSA_ALG_SHA_256)); /* not a hash: 0, as in Mbed TLS */
    CHECK(psa_pake_cs_get_hash(&cs) == PSA_ALG_NONE);
    psa_pake_cs_set_hash(NULL, PSA_ALG_SHA_256);
    CHECK(psa_pake_cs_get_hash(NULL) == 0);
    CHECK_STATUS(psa_pake_set_password_key(&op, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_set_password_key(NULL, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_get_implicit_key(&op, &kdf), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_get_implicit_key(&op, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_get_implicit_key(NULL, &kdf), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE, psa_pake_cs_get_primitive(&cs), PSA_PAKE_STEP_ZK_PROOF) == 32);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);
}

int main(void)
{
    psa_status_t status;

    mbedtls_setbuf(stdout, NULL);
    CHECK_STATUS(psa_pake_set_password_key(NULL, 1), PSA_ERROR_BAD_STATE); /* before init */
    {
        mbedtls_psa_stats_t stats;
        memset(&stats, 0xff, sizeof(stats));
        mbedtls_psa_get_stats(&stats);
        CHECK(stats.MBEDTLS_PRIVATE(volatile_slots) == 0 && stats.MBEDTLS_PRIVATE(empty_slots) == 0);
    }
    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        mbedtls_printf("psa_crypto_init failed: %d\n", (int)status);
        mbedtls_exit(MBEDTLS_EXIT_FAILURE);
    }
    stats_demo();
    cipher_example_aes_cbc();
    hmac_demo();
    key_derivation_demo();
    psa_hash_demo();
    encodings();
    pake_compat();
    mbedtls_psa_crypto_free();
    mbedtls_exit(report() == 0 ? MBEDTLS_EXIT_SUCCESS : MBEDTLS_EXIT_FAILURE);
}
