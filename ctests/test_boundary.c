/* ctests/test_boundary.c - pointer + length pairs that cannot describe a buffer.
 *
 * A length above PTRDIFF_MAX (such as (size_t)-1) or a pointer whose range wraps
 * around the end of the address space cannot be a C object: every function that
 * takes a buffer rejects it with PSA_ERROR_INVALID_ARGUMENT before touching any
 * byte (the tests would crash otherwise), for inputs and for outputs. */
#include "common.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define HUGE ((size_t)-1)
#define TOO_BIG ((size_t)PTRDIFF_MAX + 1)
#define INV PSA_ERROR_INVALID_ARGUMENT

static uint8_t buf[256], out[256];

int main(void)
{
    /* 64 bytes before the end of the address space: any length > 64 wraps. */
    const uint8_t *top = (const uint8_t *)(uintptr_t)(UINTPTR_MAX - 63);
    uint8_t *top_w = (uint8_t *)(uintptr_t)(UINTPTR_MAX - 63);
    size_t n = 99;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();

    /* random */
    CHECK_STATUS(psa_generate_random(out, HUGE), INV);
    CHECK_STATUS(psa_generate_random(out, TOO_BIG), INV);
    CHECK_STATUS(psa_generate_random(top_w, 100), INV);

    /* hash */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK(n == 0);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, TOO_BIG, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, top, 100, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, 10, out, HUGE, &n), INV);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, 10, top_w, 100, &n), INV);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, buf, 10, buf, HUGE), INV);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, top, 65, buf, 32), INV);
    psa_hash_operation_t h = PSA_HASH_OPERATION_INIT;
    CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&h, buf, HUGE), INV);
    CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&h, out, HUGE, &n), INV);
    CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    /* the last 64 bytes themselves are a possible range (not read: length 0 is
     * fine with any pointer) */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, top, 0, out, sizeof(out), &n), PSA_SUCCESS);

    /* keys */
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 128,
                                      PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT |
                                          PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE |
                                          PSA_KEY_USAGE_VERIFY_MESSAGE,
                                      PSA_ALG_CTR);
    psa_key_id_t k = 0;
    CHECK_STATUS(psa_import_key(&a, buf, HUGE, &k), INV);
    CHECK_STATUS(psa_import_key(&a, top, 100, &k), INV);
    CHECK_STATUS(psa_import_key(&a, buf, 16, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(k, out, HUGE, &n), INV);
    CHECK_STATUS(psa_export_key(k, top_w, 100, &n), INV);
    CHECK_STATUS(psa_export_key(k, out, sizeof(out), &n), PSA_SUCCESS);

    /* cipher */
    CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CTR, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CTR, buf, 16, out, HUGE, &n), INV);
    CHECK_STATUS(psa_cipher_decrypt(k, PSA_ALG_CTR, top, 100, out, sizeof(out), &n), INV);
    psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_encrypt_setup(&c, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&c, buf, HUGE), INV);
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_encrypt_setup(&c, k, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&c, buf, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&c, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);

    /* AEAD */
    psa_key_attributes_t g = ct_attrs(PSA_KEY_TYPE_AES, 128,
                                      PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_GCM);
    CHECK_STATUS(psa_import_key(&g, buf, 16, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, HUGE, buf, 0, buf, 16, out, sizeof(out), &n),
                 INV);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, HUGE, buf, 16, out, sizeof(out), &n),
                 INV);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, top, 100, out, sizeof(out), &n),
                 INV);
    CHECK_STATUS(psa_aead_decrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, buf, 32, out, TOO_BIG, &n), INV);
    /* The one-shot GCM fast path's single pass of range checks: a bad output
     * range, a bad length pointer and an empty output each fail as the
     * general path reports them, with the output length cleared. */
    n = 99;
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, buf, 16, top_w, 100, &n), INV);
    CHECK(n == 0);
    n = 99;
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, buf, 16, out, TOO_BIG, &n), INV);
    CHECK(n == 0);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, buf, 16, NULL, 32, &n), INV);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, buf, 0, buf, 16, out, sizeof(out), NULL), INV);
    n = 99;
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, NULL, 0, NULL, 0, NULL, 0, &n),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(n == 0);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, NULL, 0, NULL, 0, out, 16, &n), PSA_SUCCESS);
    CHECK(n == 16);
    psa_aead_operation_t e = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&e, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&e, buf, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&e, buf, HUGE), INV);
    CHECK_STATUS(psa_aead_abort(&e), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt_setup(&e, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&e, buf, 12), PSA_SUCCESS);
    size_t t = 0;
    CHECK_STATUS(psa_aead_finish(&e, out, 16, &n, out + 16, HUGE, &t), INV);
    CHECK_STATUS(psa_aead_abort(&e), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_decrypt_setup(&e, k, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&e, buf, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_verify(&e, out, 16, &n, top, 100), INV);
    CHECK_STATUS(psa_aead_abort(&e), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);

    /* MAC */
    psa_key_attributes_t m = ct_attrs(PSA_KEY_TYPE_HMAC, 256,
                                      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                      PSA_ALG_HMAC(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_import_key(&m, buf, 32, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), buf, HUGE, out, 32, &n), INV);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), buf, 1, out, HUGE, &n), INV);
    CHECK_STATUS(psa_mac_verify(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), buf, 1, top, 100), INV);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);

    /* signatures, key agreement, asymmetric encryption */
    psa_key_attributes_t s = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                                          PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                                      PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_generate_key(&s, &k), PSA_SUCCESS);
    psa_algorithm_t ecdsa = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    CHECK_STATUS(psa_sign_message(k, ecdsa, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_sign_message(k, ecdsa, buf, 10, out, HUGE, &n), INV);
    CHECK_STATUS(psa_sign_hash(k, ecdsa, top, 100, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_verify_message(k, ecdsa, buf, 10, buf, HUGE), INV);
    CHECK_STATUS(psa_verify_hash(k, ecdsa, buf, HUGE, buf, 64), INV);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    psa_key_attributes_t d = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&d, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, buf, 65, out, TOO_BIG, &n), INV);
    psa_key_id_t nk = 1;
    CHECK_STATUS(psa_key_agreement(k, top, 100, PSA_ALG_ECDH, &a, &nk), INV);
    CHECK(nk == 0);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    psa_key_attributes_t r = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024,
                                      PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT,
                                      PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_generate_key(&r, &k), PSA_SUCCESS);
    psa_algorithm_t oaep = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
    CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, buf, 10, buf, HUGE, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, buf, HUGE, NULL, 0, out, sizeof(out), &n), INV);
    CHECK_STATUS(psa_asymmetric_decrypt(k, oaep, buf, 128, NULL, 0, top_w, 100, &n), INV);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);

    /* key derivation */
    psa_key_derivation_operation_t kd = PSA_KEY_DERIVATION_OPERATION_INIT;
    CHECK_STATUS(psa_key_derivation_setup(&kd, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_SALT, buf, HUGE), INV);
    CHECK_STATUS(psa_key_derivation_abort(&kd), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kd, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_SALT, buf, 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_SECRET, buf, 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_INFO, buf, 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&kd, out, HUGE), INV);
    CHECK_STATUS(psa_key_derivation_abort(&kd), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kd, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_SALT, buf, 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_SECRET, buf, 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kd, PSA_KEY_DERIVATION_INPUT_INFO, buf, 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_verify_bytes(&kd, top, 100), INV);
    CHECK_STATUS(psa_key_derivation_abort(&kd), PSA_SUCCESS);

    mbedtls_psa_crypto_free();
    return report();
}
