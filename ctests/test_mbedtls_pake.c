/* test_mbedtls_pake.c: Mbed TLS 3.x's PAKE API through rustpsa's compatibility
 * headers (compiled with -I compat/include, like every test_mbedtls_*.c): the
 * two-argument psa_pake_setup, PSA_ALG_JPAKE without a hash plus
 * psa_pake_cs_set_hash, psa_pake_set_password_key and
 * psa_pake_get_implicit_key, with their error paths, and a J-PAKE exchange
 * between a 3.x-style operation and a 1.3-style one (three-argument setup). */
#include <string.h>

#include "common.h"

static const psa_pake_step_t STEPS[3] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC, PSA_PAKE_STEP_ZK_PROOF };

static psa_status_t send(psa_pake_operation_t *from, psa_pake_operation_t *to, int shares)
{
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len;
    int i, j;
    for (i = 0; i < shares; i++) {
        for (j = 0; j < 3; j++) {
            psa_status_t st = psa_pake_output(from, STEPS[j], buf, sizeof(buf), &len);
            if (st == PSA_SUCCESS) {
                st = psa_pake_input(to, STEPS[j], buf, len);
            }
            if (st != PSA_SUCCESS) {
                return st;
            }
        }
    }
    return PSA_SUCCESS;
}

int main(void)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init(), cs13 = psa_pake_cipher_suite_init();
    psa_pake_operation_t v1 = PSA_PAKE_OPERATION_INIT, v13 = PSA_PAKE_OPERATION_INIT;
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t pw = 0, pw13 = 0, hmac = 0, noderive = 0, shared = 0;
    uint8_t pms[2][32];

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    /* 3.x keys name the hash-less PSA_ALG_JPAKE in their policy. */
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_JPAKE);
    CHECK_STATUS(psa_import_key(&a, (const uint8_t *)"jpake-pw", 8, &pw), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_import_key(&a, (const uint8_t *)"jpake-pw", 8, &pw13), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_JPAKE);
    CHECK_STATUS(psa_import_key(&a, (const uint8_t *)"jpake-pw", 8, &hmac), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_JPAKE);
    CHECK_STATUS(psa_import_key(&a, (const uint8_t *)"jpake-pw", 8, &noderive), PSA_SUCCESS);

    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
    /* No hash yet: INVALID_ARGUMENT (as Mbed TLS: the hash must be a hash). */
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(NULL, &cs), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&v1, NULL), PSA_ERROR_INVALID_ARGUMENT);
    psa_pake_cs_set_hash(&cs, PSA_ALG_SHA_512);
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_ERROR_NOT_SUPPORTED);
    psa_pake_cs_set_hash(&cs, PSA_ALG_SHA_256);
    /* The function the two-argument macro names, called by its own name. */
    CHECK_STATUS(rustpsa_pake_setup_v1(NULL, &cs), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(rustpsa_pake_setup_v1(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_pake_setup_v1(&v1, &cs), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_abort(&v1), PSA_SUCCESS);

    /* set_password_key: usage, type, handle; each error ends the operation. */
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, noderive), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_pake_set_password_key(&v1, pw), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, hmac), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, 0x3ffffff0), PSA_ERROR_INVALID_HANDLE);
    /* No password: the protocol cannot start. */
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&v1, (const uint8_t *)"client", 6), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_peer(&v1, (const uint8_t *)"server", 6), PSA_SUCCESS);
    CHECK_STATUS(send(&v1, &v13, 1), PSA_ERROR_BAD_STATE);
    /* A password twice, or on a 1.3-style operation: BAD_STATE. */
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, pw), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, pw), PSA_ERROR_BAD_STATE);
    psa_pake_cs_set_algorithm(&cs13, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    psa_pake_cs_set_primitive(&cs13, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
    psa_pake_cs_set_key_confirmation(&cs13, PSA_PAKE_UNCONFIRMED_KEY);
    CHECK_STATUS(psa_pake_setup(&v13, pw13, &cs13), PSA_SUCCESS); /* three arguments: the 1.3 function */
    CHECK_STATUS(psa_pake_set_password_key(&v13, pw13), PSA_ERROR_BAD_STATE);

    /* get_implicit_key before the end: BAD_STATE, and the operation ends. */
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_get_implicit_key(&v1, &kdf), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_abort(&v1), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&kdf), PSA_SUCCESS);

    /* A 3.x-style client and a 1.3-style server agree on the PMS. */
    CHECK_STATUS(psa_pake_setup(&v1, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_password_key(&v1, pw), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&v1, (const uint8_t *)"client", 6), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_peer(&v1, (const uint8_t *)"server", 6), PSA_SUCCESS);
    v13 = psa_pake_operation_init();
    CHECK_STATUS(psa_pake_setup(&v13, pw13, &cs13), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&v13, (const uint8_t *)"server", 6), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_peer(&v13, (const uint8_t *)"client", 6), PSA_SUCCESS);
    CHECK_STATUS(send(&v1, &v13, 2), PSA_SUCCESS);
    CHECK_STATUS(send(&v13, &v1, 2), PSA_SUCCESS);
    CHECK_STATUS(send(&v13, &v1, 1), PSA_SUCCESS);
    CHECK_STATUS(send(&v1, &v13, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_get_implicit_key(&v1, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_get_implicit_key(&v1, &kdf), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_get_implicit_key(&v1, &kdf), PSA_ERROR_BAD_STATE); /* ended */
    CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, pms[0], 32), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&kdf), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
    CHECK_STATUS(psa_pake_get_shared_key(&v13, &a, &shared), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, shared), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, pms[1], 32), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&kdf), PSA_SUCCESS);
    CHECK_MEM(pms[0], 32, pms[1], 32);
    /* The ECJPAKE-to-PMS input is an uncompressed P-256 point. */
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, pms[0], 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&kdf), PSA_SUCCESS);

    psa_destroy_key(shared);
    psa_destroy_key(pw);
    psa_destroy_key(pw13);
    psa_destroy_key(hmac);
    psa_destroy_key(noderive);
    mbedtls_psa_crypto_free();
    return report();
}
