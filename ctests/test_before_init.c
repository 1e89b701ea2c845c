/* test_before_init.c: every PSA function that needs the library returns
 * PSA_ERROR_BAD_STATE before psa_crypto_init (and after
 * mbedtls_psa_crypto_free), clears its output lengths, and does not crash. The
 * attribute functions and the pre-init configuration setters work without
 * initialisation; they are covered by test_attributes.c and test_library.c.
 * Aborting is always safe: every *_abort succeeds before init (as in Mbed TLS)
 * and resets the object, and the operation initialisers work. */
#include <string.h>

#include "common.h"

#define BS(expr) CHECK_STATUS((expr), PSA_ERROR_BAD_STATE)
/* A length output must be cleared to 0 even on this failure. */
#define LEN_CLEARED() CHECK(len == 0)

static void check_all(void)
{
    uint8_t in[64], out[1024], out2[1024];
    size_t len, cap;
    psa_key_id_t k = 1, key = 7;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_custom_key_parameters_t custom = PSA_CUSTOM_KEY_PARAMETERS_INIT;
    psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, h2 = PSA_HASH_OPERATION_INIT;
    psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
    psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
    psa_aead_operation_t ae = PSA_AEAD_OPERATION_INIT;
    psa_key_derivation_operation_t d = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_handle_t handle = 5;
    rustpsa_key_store_stats_t stats;

    memset(in, 1, sizeof in);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&a, 128);

    /* library, key management */
    BS(rustpsa_get_key_store_stats(&stats));
    BS(psa_import_key(&a, in, 16, &key)); CHECK(key == 0);
    key = 7; BS(psa_generate_key(&a, &key)); CHECK(key == 0);
    key = 7; BS(psa_generate_key_custom(&a, &custom, NULL, 0, &key)); CHECK(key == 0);
    key = 7; BS(psa_copy_key(k, &a, &key)); CHECK(key == 0);
    len = 9; BS(psa_export_key(k, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_export_public_key(k, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_destroy_key(k));
    BS(psa_purge_key(k));
    BS(psa_close_key(k));
    BS(psa_open_key(k, &handle)); CHECK(handle == 0);
    BS(psa_get_key_attributes(k, &a));
    BS(psa_generate_random(out, 16));
    /* hash */
    len = 9; BS(psa_hash_compute(PSA_ALG_SHA_256, in, 3, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_hash_compare(PSA_ALG_SHA_256, in, 3, out, 32));
    BS(psa_hash_setup(&h, PSA_ALG_SHA_256));
    BS(psa_hash_update(&h, in, 3));
    len = 9; BS(psa_hash_finish(&h, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_hash_verify(&h, out, 32));
    BS(psa_hash_clone(&h, &h2));
    len = 9; BS(psa_hash_suspend(&h, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_hash_resume(&h, out, 32));
    CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    /* MAC */
    len = 9; BS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), in, 3, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_mac_verify(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), in, 3, out, 32));
    BS(psa_mac_sign_setup(&m, k, PSA_ALG_HMAC(PSA_ALG_SHA_256)));
    BS(psa_mac_verify_setup(&m, k, PSA_ALG_HMAC(PSA_ALG_SHA_256)));
    BS(psa_mac_update(&m, in, 3));
    len = 9; BS(psa_mac_sign_finish(&m, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_mac_verify_finish(&m, out, 32));
    CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
    /* cipher */
    len = 9; BS(psa_cipher_encrypt(k, PSA_ALG_CTR, in, 16, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_cipher_decrypt(k, PSA_ALG_CTR, in, 32, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_cipher_encrypt_setup(&c, k, PSA_ALG_CTR));
    BS(psa_cipher_decrypt_setup(&c, k, PSA_ALG_CTR));
    len = 9; BS(psa_cipher_generate_iv(&c, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_cipher_set_iv(&c, in, 16));
    len = 9; BS(psa_cipher_update(&c, in, 16, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_cipher_finish(&c, out, sizeof out, &len)); LEN_CLEARED();
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    /* AEAD */
    len = 9; BS(psa_aead_encrypt(k, PSA_ALG_GCM, in, 12, NULL, 0, in, 16, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_aead_decrypt(k, PSA_ALG_GCM, in, 12, NULL, 0, in, 32, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_aead_encrypt_setup(&ae, k, PSA_ALG_GCM));
    BS(psa_aead_decrypt_setup(&ae, k, PSA_ALG_GCM));
    BS(psa_aead_set_lengths(&ae, 0, 16));
    len = 9; BS(psa_aead_generate_nonce(&ae, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_aead_set_nonce(&ae, in, 12));
    BS(psa_aead_update_ad(&ae, in, 3));
    len = 9; BS(psa_aead_update(&ae, in, 16, out, sizeof out, &len)); LEN_CLEARED();
    {
        size_t tag_len = 9;
        len = 9;
        BS(psa_aead_finish(&ae, out, sizeof out, &len, out2, sizeof out2, &tag_len));
        LEN_CLEARED();
        CHECK(tag_len == 0);
    }
    len = 9; BS(psa_aead_verify(&ae, out, sizeof out, &len, in, 16)); LEN_CLEARED();
    CHECK_STATUS(psa_aead_abort(&ae), PSA_SUCCESS);
    /* key derivation */
    BS(psa_key_derivation_setup(&d, PSA_ALG_HKDF(PSA_ALG_SHA_256)));
    BS(psa_key_derivation_get_capacity(&d, &cap));
    BS(psa_key_derivation_set_capacity(&d, 32));
    BS(psa_key_derivation_input_bytes(&d, PSA_KEY_DERIVATION_INPUT_SALT, in, 3));
    BS(psa_key_derivation_input_integer(&d, PSA_KEY_DERIVATION_INPUT_COST, 3));
    BS(psa_key_derivation_input_key(&d, PSA_KEY_DERIVATION_INPUT_SECRET, k));
    BS(psa_key_derivation_key_agreement(&d, PSA_KEY_DERIVATION_INPUT_SECRET, k, in, 32));
    BS(psa_key_derivation_output_bytes(&d, out, 16));
    key = 7; BS(psa_key_derivation_output_key(&a, &d, &key)); CHECK(key == 0);
    BS(psa_key_derivation_verify_bytes(&d, out, 16));
    BS(psa_key_derivation_verify_key(&d, k));
    CHECK_STATUS(psa_key_derivation_abort(&d), PSA_SUCCESS);
    /* asymmetric */
    len = 9; BS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_verify_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, out, 64));
    len = 9; BS(psa_sign_message(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 3, out, sizeof out, &len)); LEN_CLEARED();
    BS(psa_verify_message(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 3, out, 64));
    len = 9; BS(psa_asymmetric_encrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, in, 3, NULL, 0, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_asymmetric_decrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, in, 64, NULL, 0, out, sizeof out, &len)); LEN_CLEARED();
    len = 9; BS(psa_raw_key_agreement(PSA_ALG_ECDH, k, in, 65, out, sizeof out, &len)); LEN_CLEARED();
    key = 7; BS(psa_key_agreement(k, in, 65, PSA_ALG_ECDH, &a, &key)); CHECK(key == 0);
}

/* Aborts of objects that are not zero (left over from before a free, or
 * never initialised) succeed before init and reset the object; the
 * initialisers give inactive objects. */
static void check_aborts(void)
{
    static const unsigned char zero[sizeof(psa_key_derivation_operation_t) + sizeof(psa_aead_operation_t)];
    psa_hash_operation_t h = psa_hash_operation_init();
    psa_mac_operation_t m = psa_mac_operation_init();
    psa_cipher_operation_t c = psa_cipher_operation_init();
    psa_aead_operation_t ae = psa_aead_operation_init();
    psa_key_derivation_operation_t d = psa_key_derivation_operation_init();

    CHECK(memcmp(&h, zero, sizeof h) == 0);
    CHECK(memcmp(&m, zero, sizeof m) == 0);
    CHECK(memcmp(&c, zero, sizeof c) == 0);
    CHECK(memcmp(&ae, zero, sizeof ae) == 0);
    CHECK(memcmp(&d, zero, sizeof d) == 0);
    CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_abort(NULL), PSA_SUCCESS);
    memset(&h, 0x5a, sizeof h);
    memset(&m, 0x5a, sizeof m);
    memset(&c, 0x5a, sizeof c);
    memset(&ae, 0x5a, sizeof ae);
    memset(&d, 0x5a, sizeof d);
    CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_abort(&ae), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&d), PSA_SUCCESS);
    CHECK(memcmp(&h, zero, sizeof h) == 0);
    CHECK(memcmp(&m, zero, sizeof m) == 0);
    CHECK(memcmp(&c, zero, sizeof c) == 0);
    CHECK(memcmp(&ae, zero, sizeof ae) == 0);
    CHECK(memcmp(&d, zero, sizeof d) == 0);
}

int main(void)
{
    check_all();
    check_aborts();
    /* The same after a shutdown. */
    if (CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        /* an operation live at free: its object aborts cleanly afterwards */
        psa_hash_operation_t live = PSA_HASH_OPERATION_INIT;
        CHECK_STATUS(psa_hash_setup(&live, PSA_ALG_SHA_256), PSA_SUCCESS);
        mbedtls_psa_crypto_free();
        CHECK_STATUS(psa_hash_update(&live, (const uint8_t *)"x", 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&live), PSA_SUCCESS);
        check_all();
        check_aborts();
    }
    return report();
}
