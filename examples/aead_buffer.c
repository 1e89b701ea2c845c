/* aead_buffer.c: encrypt and decrypt a buffer with AES-256-GCM (one-shot AEAD).
 *
 * A random key and a random 12-byte nonce; the header is authenticated but not
 * encrypted. Decrypting a tampered ciphertext must fail with
 * PSA_ERROR_INVALID_SIGNATURE. Never reuse a nonce with the same key.
 */
#include <stdio.h>
#include <string.h>

#include <psa/crypto.h>

#define ALG PSA_ALG_GCM

int main(void)
{
    const uint8_t header[] = "record 42";                    /* authenticated only */
    const uint8_t plaintext[] = "attack at dawn, bring snacks"; /* secret */
    uint8_t nonce[PSA_AEAD_NONCE_MAX_SIZE];
    uint8_t ciphertext[PSA_AEAD_ENCRYPT_OUTPUT_SIZE(PSA_KEY_TYPE_AES, ALG, sizeof plaintext)];
    uint8_t decrypted[sizeof plaintext];
    size_t nonce_length = PSA_AEAD_NONCE_LENGTH(PSA_KEY_TYPE_AES, ALG);
    size_t ciphertext_length = 0, decrypted_length = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t key = PSA_KEY_ID_NULL;
    psa_status_t status;
    int rc = 1;

    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }

    /* 1. A volatile AES-256 key that may only be used for AES-GCM. */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    psa_set_key_algorithm(&attributes, ALG);
    status = psa_generate_key(&attributes, &key);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "psa_generate_key failed: %d\n", (int) status);
        return 1;
    }

    /* 2. A fresh random nonce for this message. */
    status = psa_generate_random(nonce, nonce_length);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "psa_generate_random failed: %d\n", (int) status);
        goto out;
    }

    /* 3. Encrypt: the output is the ciphertext followed by the 16-byte tag. */
    status = psa_aead_encrypt(key, ALG, nonce, nonce_length, header, sizeof header,
                              plaintext, sizeof plaintext,
                              ciphertext, sizeof ciphertext, &ciphertext_length);
    if (status == PSA_ERROR_NOT_SUPPORTED) {
        printf("AES-GCM not supported by this build\n");
        rc = 0;
        goto out;
    }
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "psa_aead_encrypt failed: %d\n", (int) status);
        goto out;
    }

    /* 4. Decrypt and check the round trip. */
    status = psa_aead_decrypt(key, ALG, nonce, nonce_length, header, sizeof header,
                              ciphertext, ciphertext_length,
                              decrypted, sizeof decrypted, &decrypted_length);
    if (status != PSA_SUCCESS || decrypted_length != sizeof plaintext ||
        memcmp(decrypted, plaintext, sizeof plaintext) != 0) {
        fprintf(stderr, "psa_aead_decrypt failed: %d\n", (int) status);
        goto out;
    }

    /* 5. Flip one bit: authentication must fail and no plaintext is released. */
    ciphertext[0] ^= 1;
    status = psa_aead_decrypt(key, ALG, nonce, nonce_length, header, sizeof header,
                              ciphertext, ciphertext_length,
                              decrypted, sizeof decrypted, &decrypted_length);
    if (status != PSA_ERROR_INVALID_SIGNATURE) {
        fprintf(stderr, "tampered ciphertext accepted (status %d)\n", (int) status);
        goto out;
    }

    printf("AES-256-GCM: %u-byte message encrypted to %u bytes, decrypted, "
           "tampering detected\n", (unsigned) sizeof plaintext, (unsigned) ciphertext_length);
    rc = 0;
out:
    psa_destroy_key(key);
    return rc;
}
