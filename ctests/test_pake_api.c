/* test_pake_api.c: the PAKE API of PSA Crypto API 1.3 (chapter 10.12). Every
 * type, macro and function is named here, so the program only compiles if the
 * header has them all. psa_pake_setup's checks in the specification's order
 * (state, cipher suite, key handle, usage, policy, key type, then the
 * algorithm and primitive: NOT_SUPPORTED for what the driver lacks), every
 * step on an inactive or garbage object (BAD_STATE), and the cipher-suite
 * accessors. The protocols themselves: test_pake.c. */
#include <string.h>

#include "common.h"

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        if (b[i] != 0) {
            return 0;
        }
    }
    return 1;
}

/* Every step of an operation object: all BAD_STATE on an inactive object. */
static void steps_are(psa_pake_operation_t *op, psa_status_t want)
{
    static const uint8_t id[4] = { 'u', 's', 'e', 'r' };
    uint8_t out[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t out_len = 99;
    psa_key_attributes_t attrs = psa_key_attributes_init();
    psa_key_id_t key = 77;

    psa_set_key_type(&attrs, PSA_KEY_TYPE_DERIVE);
    psa_set_key_usage_flags(&attrs, PSA_KEY_USAGE_DERIVE);
    CHECK_STATUS(psa_pake_set_role(op, PSA_PAKE_ROLE_CLIENT), want);
    CHECK_STATUS(psa_pake_set_role(op, PSA_PAKE_ROLE_NONE), want);
    CHECK_STATUS(psa_pake_set_user(op, id, sizeof(id)), want);
    CHECK_STATUS(psa_pake_set_peer(op, id, sizeof(id)), want);
    CHECK_STATUS(psa_pake_set_context(op, id, sizeof(id)), want);
    CHECK_STATUS(psa_pake_set_context(op, NULL, 0), want);
    CHECK_STATUS(psa_pake_output(op, PSA_PAKE_STEP_KEY_SHARE, out, sizeof(out), &out_len), want);
    CHECK(out_len == 0);
    CHECK_STATUS(psa_pake_input(op, PSA_PAKE_STEP_ZK_PROOF, out, 32), want);
    CHECK_STATUS(psa_pake_get_shared_key(op, &attrs, &key), want);
    CHECK(key == PSA_KEY_ID_NULL);
}

int main(void)
{
    static const uint8_t password[8] = { 'p', 'a', 's', 's', 'w', 'o', 'r', 'd' };
    const psa_algorithm_t jpake = PSA_ALG_JPAKE(PSA_ALG_SHA_256);
    const psa_pake_primitive_t p256 =
        PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256);
    psa_pake_cipher_suite_t cs = PSA_PAKE_CIPHER_SUITE_INIT;
    psa_pake_cipher_suite_t cs2 = psa_pake_cipher_suite_init();
    psa_pake_operation_t op = PSA_PAKE_OPERATION_INIT;
    psa_pake_operation_t op2 = psa_pake_operation_init();
    psa_pake_role_t role = PSA_PAKE_ROLE_SERVER;
    psa_pake_step_t step = PSA_PAKE_STEP_CONFIRM;
    psa_pake_primitive_type_t ptype = PSA_PAKE_PRIMITIVE_TYPE_DH;
    psa_pake_family_t family = PSA_DH_FAMILY_RFC7919;
    psa_key_id_t pw = 0, pw_derive = 0, pw_other_alg = 0, pw_enrolled = 0, hmac = 0;
    psa_key_attributes_t a;
    uint8_t out[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t out_len = 0;
    uint8_t garbage[sizeof(op)];

    CHECK(role == 0x12 && step == 0x04 && ptype == 0x02 && family == 0x03);
    CHECK(all_zero(&cs, sizeof(cs)) && all_zero(&cs2, sizeof(cs2)));
    CHECK(all_zero(&op, sizeof(op)) && all_zero(&op2, sizeof(op2)));

    /* Cipher suite accessors: usable before init, store and return values. */
    CHECK(psa_pake_cs_get_algorithm(&cs) == PSA_ALG_NONE);
    CHECK(psa_pake_cs_get_primitive(&cs) == 0);
    CHECK(psa_pake_cs_get_key_confirmation(&cs) == PSA_PAKE_CONFIRMED_KEY);
    psa_pake_cs_set_algorithm(&cs, jpake);
    CHECK(psa_pake_cs_get_algorithm(&cs) == 0x0a000109u);
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_SPAKE2P_MATTER);
    CHECK(psa_pake_cs_get_algorithm(&cs) == PSA_ALG_SPAKE2P_MATTER);
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_SPAKE2P_CMAC(PSA_ALG_SHA_256));
    CHECK(psa_pake_cs_get_algorithm(&cs) == 0x0a000509u);
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_ECDH); /* not a PAKE: stored as NONE */
    CHECK(psa_pake_cs_get_algorithm(&cs) == PSA_ALG_NONE);
    psa_pake_cs_set_primitive(&cs, p256);
    CHECK(psa_pake_cs_get_primitive(&cs) == 0x01120100u);
    psa_pake_cs_set_key_confirmation(&cs, PSA_PAKE_UNCONFIRMED_KEY);
    CHECK(psa_pake_cs_get_key_confirmation(&cs) == PSA_PAKE_UNCONFIRMED_KEY);
    psa_pake_cs_set_key_confirmation(&cs, PSA_PAKE_CONFIRMED_KEY);
    CHECK(psa_pake_cs_get_key_confirmation(&cs) == PSA_PAKE_CONFIRMED_KEY);
    psa_pake_cs_set_algorithm(NULL, jpake);
    psa_pake_cs_set_primitive(NULL, p256);
    psa_pake_cs_set_key_confirmation(NULL, 1);
    CHECK(psa_pake_cs_get_algorithm(NULL) == 0);
    CHECK(psa_pake_cs_get_primitive(NULL) == 0);
    CHECK(psa_pake_cs_get_key_confirmation(NULL) == 0);
    psa_pake_cs_set_algorithm(&cs, jpake);

    /* Before init: BAD_STATE, but an abort of an inactive object is safe. */
    CHECK_STATUS(psa_pake_setup(&op, 1, &cs), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_FIRST), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, jpake);
    CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &pw), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, jpake); /* no DERIVE usage */
    CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &pw_derive), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_JPAKE(PSA_ALG_SHA_512));
    CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &pw_other_alg), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    psa_set_key_enrollment_algorithm(&a, jpake);
    CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &pw_enrolled), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_DERIVE, jpake);
    CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &hmac), PSA_SUCCESS);

    /* Setup: pointers, cipher suite, key handle, usage, policy, key type, then
     * the algorithm and primitive (NOT_SUPPORTED for what the driver lacks). */
    CHECK_STATUS(psa_pake_setup(NULL, pw, &cs), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&op, pw, NULL), PSA_ERROR_INVALID_ARGUMENT);
    cs2 = psa_pake_cipher_suite_init();
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs2), PSA_ERROR_INVALID_ARGUMENT);
    cs2 = cs;
    psa_pake_cs_set_key_confirmation(&cs2, 2);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs2), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&op, 0x3ffffff0, &cs), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_pake_setup(&op, PSA_KEY_ID_NULL, &cs), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_pake_setup(&op, pw_derive, &cs), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_pake_setup(&op, pw_other_alg, &cs), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_pake_setup(&op, hmac, &cs), PSA_ERROR_INVALID_ARGUMENT);
    /* No primitive: not a supported one (the object stays inactive). */
    psa_pake_cs_set_primitive(&cs, 0);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_ERROR_NOT_SUPPORTED);
    CHECK(all_zero(&op, sizeof(op)));
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 384));
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_ERROR_NOT_SUPPORTED);
    psa_pake_cs_set_primitive(&cs, p256);
    /* The enrollment (second) algorithm of the policy permits J-PAKE too. */
    CHECK_STATUS(psa_pake_setup(&op, pw_enrolled, &cs), PSA_SUCCESS);
    CHECK(!all_zero(&op, sizeof(op)));
    /* A setup on an active object: BAD_STATE, and the object is aborted. */
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_ERROR_BAD_STATE);
    CHECK(all_zero(&op, sizeof(op)));
    psa_pake_cs_set_key_confirmation(&cs, PSA_PAKE_UNCONFIRMED_KEY);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);
    CHECK(all_zero(&op, sizeof(op)));
    /* J-PAKE with another hash: not supported (Mbed TLS has SHA-256 only). */
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE(PSA_ALG_SHA_512));
    CHECK_STATUS(psa_pake_setup(&op, pw_other_alg, &cs), PSA_ERROR_NOT_SUPPORTED);
    psa_pake_cs_set_algorithm(&cs, jpake);
    /* SPAKE2+ needs a SPAKE2+ key: a password key is the wrong type. */
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_SPAKE2P_MATTER);
    a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_SPAKE2P_MATTER);
    {
        psa_key_id_t spw = 0;
        CHECK_STATUS(psa_import_key(&a, password, sizeof(password), &spw), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_setup(&op, spw, &cs), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(spw), PSA_SUCCESS);
    }
    CHECK(all_zero(&op, sizeof(op)));

    /* Every step on the inactive operation is BAD_STATE ... */
    steps_are(&op, PSA_ERROR_BAD_STATE);
    /* ... after the argument checks: NULL with a length, NULL outputs, NULL object. */
    CHECK_STATUS(psa_pake_set_user(&op, NULL, 4), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_set_peer(&op, NULL, 4), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_set_context(&op, NULL, 4), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_KEY_SHARE, NULL, 65), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, NULL, 65, &out_len),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, out, sizeof(out), NULL),
                 PSA_ERROR_INVALID_ARGUMENT);
    {
        psa_key_id_t shared = 5;
        CHECK_STATUS(psa_pake_get_shared_key(&op, NULL, &shared), PSA_ERROR_INVALID_ARGUMENT);
        CHECK(shared == PSA_KEY_ID_NULL);
        CHECK_STATUS(psa_pake_get_shared_key(&op, &a, NULL), PSA_ERROR_INVALID_ARGUMENT);
    }
    CHECK_STATUS(psa_pake_set_role(NULL, PSA_PAKE_ROLE_FIRST), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_output(NULL, PSA_PAKE_STEP_KEY_SHARE, out, sizeof(out), &out_len),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);

    /* A garbage object is never trusted: BAD_STATE, also for abort. */
    memset(garbage, 0x5a, sizeof(garbage));
    memcpy(&op2, garbage, sizeof(op2));
    steps_are(&op2, PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_setup(&op2, pw, &cs), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_abort(&op2), PSA_ERROR_BAD_STATE);
    memset(&op2, 0, sizeof(op2));
    CHECK_STATUS(psa_pake_abort(&op2), PSA_SUCCESS);

    /* The key derivation that consumes a J-PAKE secret. */
    {
        psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&kdf), PSA_SUCCESS);
    }

    CHECK_STATUS(psa_destroy_key(pw), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pw_derive), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pw_other_alg), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pw_enrolled), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(hmac), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    return report();
}
