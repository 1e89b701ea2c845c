/* test_initialisers.c: every idiomatic zero initialiser of every object the
 * application owns compiles without a warning under -Wall -Wextra -Werror
 * (ctests/run.sh also builds this file as C99 and as C11 -pedantic) and gives
 * an inactive object that the library accepts: `= {0}`, `= {{0}}` for arrays,
 * `= PSA_X_INIT`, `= psa_x_init()`, memset and static storage. */
#include <string.h>

#include "common.h"

/* All bytes zero. */
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

#define CHECK_ZERO(obj) CHECK(all_zero(&(obj), sizeof(obj)))

/* One object type: each initialiser form, checked for all-zero bytes. */
#define CHECK_FORMS(type, INIT, init_fn)              \
    do {                                              \
        type a = {0};                                 \
        type arr[3] = {{0}};                          \
        type b = INIT;                                \
        type c = init_fn();                           \
        type d;                                       \
        static type s;                                \
        memset(&d, 0xa5, sizeof(d));                  \
        memset(&d, 0, sizeof(d));                     \
        CHECK_ZERO(a);                                \
        CHECK_ZERO(arr);                              \
        CHECK_ZERO(b);                                \
        CHECK_ZERO(c);                                \
        CHECK_ZERO(d);                                \
        CHECK_ZERO(s);                                \
    } while (0)

int main(void)
{
    uint8_t digest[PSA_HASH_MAX_SIZE];
    size_t len = 0;

    CHECK_FORMS(psa_key_attributes_t, PSA_KEY_ATTRIBUTES_INIT, psa_key_attributes_init);
    CHECK_FORMS(psa_hash_operation_t, PSA_HASH_OPERATION_INIT, psa_hash_operation_init);
    CHECK_FORMS(psa_mac_operation_t, PSA_MAC_OPERATION_INIT, psa_mac_operation_init);
    CHECK_FORMS(psa_cipher_operation_t, PSA_CIPHER_OPERATION_INIT, psa_cipher_operation_init);
    CHECK_FORMS(psa_aead_operation_t, PSA_AEAD_OPERATION_INIT, psa_aead_operation_init);
    CHECK_FORMS(psa_key_derivation_operation_t, PSA_KEY_DERIVATION_OPERATION_INIT,
                psa_key_derivation_operation_init);
    CHECK_FORMS(psa_pake_operation_t, PSA_PAKE_OPERATION_INIT, psa_pake_operation_init);
    CHECK_FORMS(psa_xof_operation_t, PSA_XOF_OPERATION_INIT, psa_xof_operation_init);
    CHECK_FORMS(psa_pake_cipher_suite_t, PSA_PAKE_CIPHER_SUITE_INIT, psa_pake_cipher_suite_init);
    CHECK_FORMS(psa_sign_hash_interruptible_operation_t, PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT,
                psa_sign_hash_interruptible_operation_init);
    CHECK_FORMS(psa_verify_hash_interruptible_operation_t,
                PSA_VERIFY_HASH_INTERRUPTIBLE_OPERATION_INIT,
                psa_verify_hash_interruptible_operation_init);
    CHECK_FORMS(psa_generate_key_iop_t, PSA_GENERATE_KEY_IOP_INIT, psa_generate_key_iop_init);
    CHECK_FORMS(psa_export_public_key_iop_t, PSA_EXPORT_PUBLIC_KEY_IOP_INIT,
                psa_export_public_key_iop_init);
    CHECK_FORMS(psa_key_agreement_iop_t, PSA_KEY_AGREEMENT_IOP_INIT, psa_key_agreement_iop_init);
    {
        psa_custom_key_parameters_t p = PSA_CUSTOM_KEY_PARAMETERS_INIT;
        psa_custom_key_parameters_t q[2] = {{0}};
        CHECK_ZERO(p);
        CHECK_ZERO(q);
    }

    /* The operation objects keep their size (4 words) and the library's word
     * layout: a handle first. */
    CHECK(sizeof(psa_hash_operation_t) == 4 * sizeof(uint64_t));
    CHECK(sizeof(psa_pake_operation_t) == sizeof(psa_hash_operation_t));
    CHECK(sizeof(psa_xof_operation_t) == sizeof(psa_hash_operation_t));
    CHECK(sizeof(psa_sign_hash_interruptible_operation_t) == sizeof(psa_hash_operation_t));

    /* An array of operations initialised with {{0}} is usable element by element. */
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    {
        static const uint8_t abc[3] = { 'a', 'b', 'c' };
        static const char *sha256_abc =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        uint8_t expected[32];
        psa_hash_operation_t ops[2] = {{0}};
        int i;
        ct_unhex(sha256_abc, expected, sizeof(expected));
        for (i = 0; i < 2; i++) {
            CHECK_STATUS(psa_hash_setup(&ops[i], PSA_ALG_SHA_256), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_update(&ops[i], abc, sizeof(abc)), PSA_SUCCESS);
        }
        for (i = 0; i < 2; i++) {
            CHECK_STATUS(psa_hash_finish(&ops[i], digest, sizeof(digest), &len), PSA_SUCCESS);
            CHECK_MEM(digest, len, expected, sizeof(expected));
            CHECK_ZERO(ops[i]);
        }
    }
    {
        psa_mac_operation_t m[2] = {{0}};
        psa_cipher_operation_t c[2] = {{0}};
        psa_aead_operation_t a[2] = {{0}};
        psa_key_derivation_operation_t k[2] = {{0}};
        psa_pake_operation_t p[2] = {{0}};
        psa_sign_hash_interruptible_operation_t s[2] = {{0}};
        psa_verify_hash_interruptible_operation_t v[2] = {{0}};
        /* Each zero-initialised object is inactive: abort succeeds. */
        CHECK_STATUS(psa_mac_abort(&m[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_abort(&c[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_abort(&a[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&k[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_abort(&p[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_hash_abort(&s[1]), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash_abort(&v[1]), PSA_SUCCESS);
        /* ... and a step on it is BAD_STATE. */
        CHECK_STATUS(psa_mac_update(&m[0], digest, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_set_capacity(&k[0], 1), PSA_ERROR_BAD_STATE);
    }
    mbedtls_psa_crypto_free();
    return report();
}
