/* Tests of the stubbed PSA Crypto API 1.2 entry points (cipher, AEAD, key
 * derivation, signature, asymmetric encryption, key agreement).
 *
 * Each stub must: report PSA_ERROR_NOT_SUPPORTED once the library is initialised,
 * clear its output-length (or output key id) parameters, and, for *_abort, accept
 * an inactive (all-zero) operation, return PSA_SUCCESS and leave it zeroed.
 *
 * Build (from the repository root):
 *   cargo build
 *   gcc -std=c99 -Wall -Wextra -Werror -pedantic -I include ctests/test_stubs.c \
 *       -L target/debug -lrustpsa -Wl,-rpath,$PWD/target/debug -o test_stubs
 * Define RUSTPSA_HAVE_INIT once psa_crypto_init() exists, to also check the
 * PSA_ERROR_BAD_STATE answer before initialisation.
 */
#if defined(__has_include)
#if __has_include(<psa/crypto.h>)
#include <psa/crypto.h>
#else
#include <psa/crypto_generated.h>
#endif
#else
#include <psa/crypto_generated.h>
#endif

#include <stdio.h>
#include <string.h>

static int passed;
static int failed;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL line %d: %s\n", line, what);
    }
}

#define CHECK(cond) check((cond) ? 1 : 0, #cond, __LINE__)
#define CHECK_STATUS(call, expected)                                         \
    do {                                                                     \
        psa_status_t status_ = (call);                                       \
        if (status_ == (expected)) {                                         \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            printf("FAIL line %d: %s returned %d, expected %d\n", __LINE__,  \
                   #call, (int)status_, (int)(expected));                    \
        }                                                                    \
    } while (0)
#define NOT_SUPPORTED(call) CHECK_STATUS(call, PSA_ERROR_NOT_SUPPORTED)

/* Any value an implementation would not write as a length. */
#define JUNK_LENGTH ((size_t)0xA5A5A5u)
#define JUNK_KEY ((psa_key_id_t)0x12345u)

/* Plausible but arbitrary arguments: a key id, an algorithm, a derivation step. */
#define KEY ((psa_key_id_t)1)
#define ALG ((psa_algorithm_t)0x02000009u)
#define STEP ((psa_key_derivation_step_t)0x0201u)

static int is_zero(const void *p, size_t n)
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

static unsigned char in[64];
static unsigned char out[256];
static unsigned char out2[64];

/* The hash and MAC multi-part operations are implemented: see test_hash_full.c and
 * test_mac_full.c. */

static void test_cipher(void)
{
    psa_cipher_operation_t op;
    size_t len;

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_encrypt(KEY, ALG, in, sizeof in, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_encrypt(KEY, ALG, NULL, 0, NULL, 0, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_decrypt(KEY, ALG, in, sizeof in, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_decrypt(KEY, ALG, NULL, 0, NULL, 0, &len));
    CHECK(len == 0);

    memset(&op, 0, sizeof op);
    NOT_SUPPORTED(psa_cipher_encrypt_setup(&op, KEY, ALG));
    CHECK(is_zero(&op, sizeof op));
    NOT_SUPPORTED(psa_cipher_decrypt_setup(&op, KEY, ALG));
    CHECK(is_zero(&op, sizeof op));

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_generate_iv(&op, out, 16, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_generate_iv(&op, NULL, 0, &len));
    CHECK(len == 0);
    NOT_SUPPORTED(psa_cipher_set_iv(&op, in, 16));
    NOT_SUPPORTED(psa_cipher_set_iv(&op, NULL, 0));

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_update(&op, in, sizeof in, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_update(&op, NULL, 0, NULL, 0, &len));
    CHECK(len == 0);

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_finish(&op, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_cipher_finish(&op, NULL, 0, &len));
    CHECK(len == 0);

    CHECK_STATUS(psa_cipher_abort(&op), PSA_SUCCESS);
    CHECK(is_zero(&op, sizeof op));
}

static void test_aead(void)
{
    psa_aead_operation_t op;
    size_t len, tag_len;

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_encrypt(KEY, ALG, in, 12, in, 16, in, sizeof in, out, sizeof out,
                                   &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_encrypt(KEY, ALG, in, 12, NULL, 0, NULL, 0, out, 16, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_decrypt(KEY, ALG, in, 12, in, 16, in, sizeof in, out, sizeof out,
                                   &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_decrypt(KEY, ALG, in, 12, NULL, 0, in, 16, NULL, 0, &len));
    CHECK(len == 0);

    memset(&op, 0, sizeof op);
    NOT_SUPPORTED(psa_aead_encrypt_setup(&op, KEY, ALG));
    CHECK(is_zero(&op, sizeof op));
    NOT_SUPPORTED(psa_aead_decrypt_setup(&op, KEY, ALG));
    CHECK(is_zero(&op, sizeof op));
    NOT_SUPPORTED(psa_aead_set_lengths(&op, 16, sizeof in));
    NOT_SUPPORTED(psa_aead_set_lengths(&op, 0, 0));

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_generate_nonce(&op, out, 12, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_generate_nonce(&op, NULL, 0, &len));
    CHECK(len == 0);
    NOT_SUPPORTED(psa_aead_set_nonce(&op, in, 12));
    NOT_SUPPORTED(psa_aead_set_nonce(&op, NULL, 0));
    NOT_SUPPORTED(psa_aead_update_ad(&op, in, 16));
    NOT_SUPPORTED(psa_aead_update_ad(&op, NULL, 0));

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_update(&op, in, sizeof in, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_update(&op, NULL, 0, NULL, 0, &len));
    CHECK(len == 0);

    len = JUNK_LENGTH;
    tag_len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_finish(&op, out, sizeof out, &len, out2, sizeof out2, &tag_len));
    CHECK(len == 0);
    CHECK(tag_len == 0);
    len = JUNK_LENGTH;
    tag_len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_finish(&op, NULL, 0, &len, out2, 16, &tag_len));
    CHECK(len == 0);
    CHECK(tag_len == 0);

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_verify(&op, out, sizeof out, &len, in, 16));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_aead_verify(&op, NULL, 0, &len, in, 16));
    CHECK(len == 0);

    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    CHECK(is_zero(&op, sizeof op));
}

static void test_key_derivation(void)
{
    psa_key_derivation_operation_t op;
    psa_key_attributes_t attr;
    psa_key_id_t key;
    size_t capacity = 0;

    memset(&op, 0, sizeof op);
    memset(&attr, 0, sizeof attr);
    NOT_SUPPORTED(psa_key_derivation_setup(&op, ALG));
    CHECK(is_zero(&op, sizeof op));
    NOT_SUPPORTED(psa_key_derivation_get_capacity(&op, &capacity));
    NOT_SUPPORTED(psa_key_derivation_set_capacity(&op, 32));
    NOT_SUPPORTED(psa_key_derivation_input_bytes(&op, STEP, in, sizeof in));
    NOT_SUPPORTED(psa_key_derivation_input_bytes(&op, STEP, NULL, 0));
    NOT_SUPPORTED(psa_key_derivation_input_integer(&op, STEP, (uint64_t)4096));
    NOT_SUPPORTED(psa_key_derivation_input_key(&op, STEP, KEY));
    NOT_SUPPORTED(psa_key_derivation_key_agreement(&op, STEP, KEY, in, 32));
    NOT_SUPPORTED(psa_key_derivation_key_agreement(&op, STEP, KEY, NULL, 0));
    NOT_SUPPORTED(psa_key_derivation_output_bytes(&op, out, 32));
    NOT_SUPPORTED(psa_key_derivation_output_bytes(&op, NULL, 0));

    key = JUNK_KEY;
    NOT_SUPPORTED(psa_key_derivation_output_key(&attr, &op, &key));
    CHECK(key == PSA_KEY_ID_NULL);

    NOT_SUPPORTED(psa_key_derivation_verify_bytes(&op, in, 32));
    NOT_SUPPORTED(psa_key_derivation_verify_bytes(&op, NULL, 0));
    NOT_SUPPORTED(psa_key_derivation_verify_key(&op, KEY));

    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK(is_zero(&op, sizeof op));
}

static void test_sign(void)
{
    size_t len;

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_sign_message(KEY, ALG, in, sizeof in, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_sign_message(KEY, ALG, NULL, 0, out, sizeof out, &len));
    CHECK(len == 0);
    NOT_SUPPORTED(psa_verify_message(KEY, ALG, in, sizeof in, out, 64));
    NOT_SUPPORTED(psa_verify_message(KEY, ALG, NULL, 0, out, 64));

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_sign_hash(KEY, ALG, in, 32, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_sign_hash(KEY, ALG, in, 32, NULL, 0, &len));
    CHECK(len == 0);
    NOT_SUPPORTED(psa_verify_hash(KEY, ALG, in, 32, out, 64));
    NOT_SUPPORTED(psa_verify_hash(KEY, ALG, in, 32, NULL, 0));
}

static void test_asymmetric_encrypt(void)
{
    size_t len;

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_asymmetric_encrypt(KEY, ALG, in, 32, in, 8, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_asymmetric_encrypt(KEY, ALG, in, 32, NULL, 0, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_asymmetric_decrypt(KEY, ALG, out, sizeof out, in, 8, out2, sizeof out2,
                                         &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_asymmetric_decrypt(KEY, ALG, out, sizeof out, NULL, 0, NULL, 0, &len));
    CHECK(len == 0);
}

static void test_key_agreement(void)
{
    psa_key_attributes_t attr;
    psa_key_id_t key;
    size_t len;

    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_raw_key_agreement(ALG, KEY, in, 32, out, sizeof out, &len));
    CHECK(len == 0);
    len = JUNK_LENGTH;
    NOT_SUPPORTED(psa_raw_key_agreement(ALG, KEY, in, 32, NULL, 0, &len));
    CHECK(len == 0);

    memset(&attr, 0, sizeof attr);
    key = JUNK_KEY;
    NOT_SUPPORTED(psa_key_agreement(KEY, in, 32, ALG, &attr, &key));
    CHECK(key == PSA_KEY_ID_NULL);
    key = JUNK_KEY;
    NOT_SUPPORTED(psa_key_agreement(KEY, NULL, 0, ALG, &attr, &key));
    CHECK(key == PSA_KEY_ID_NULL);
}

/* A NULL length pointer is a caller error; whatever the answer, it must not be
 * success and must not crash. */
static void test_null_length_pointers(void)
{
    psa_hash_operation_t hop;
    psa_key_attributes_t attr;

    memset(&hop, 0, sizeof hop);
    memset(&attr, 0, sizeof attr);
    CHECK(psa_hash_finish(&hop, out, sizeof out, NULL) != PSA_SUCCESS);
    CHECK(psa_cipher_encrypt(KEY, ALG, in, sizeof in, out, sizeof out, NULL) != PSA_SUCCESS);
    CHECK(psa_sign_hash(KEY, ALG, in, 32, out, sizeof out, NULL) != PSA_SUCCESS);
    CHECK(psa_key_agreement(KEY, in, 32, ALG, &attr, NULL) != PSA_SUCCESS);
}

/* Aborting with a NULL operation pointer must not crash. */
static void test_abort_null(void)
{
    CHECK_STATUS(psa_hash_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(NULL), PSA_SUCCESS);
}

#ifdef RUSTPSA_HAVE_INIT
static void test_before_init(void)
{
    psa_hash_operation_t op;
    size_t len;

    memset(&op, 0, sizeof op);
    CHECK_STATUS(psa_hash_setup(&op, ALG), PSA_ERROR_BAD_STATE);
    CHECK(is_zero(&op, sizeof op));
    len = JUNK_LENGTH;
    CHECK_STATUS(psa_cipher_encrypt(KEY, ALG, in, sizeof in, out, sizeof out, &len),
                 PSA_ERROR_BAD_STATE);
    CHECK(len == 0);
    CHECK_STATUS(psa_key_derivation_setup(NULL, ALG), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}
#endif

int main(void)
{
    memset(in, 0x5a, sizeof in);
#ifdef RUSTPSA_HAVE_INIT
    test_before_init();
#endif
    test_cipher();
    test_aead();
    test_key_derivation();
    test_sign();
    test_asymmetric_encrypt();
    test_key_agreement();
    test_null_length_pointers();
    test_abort_null();
    printf("%d passed, %d failed\n", passed, failed);
    return failed > 0 ? 1 : 0;
}
