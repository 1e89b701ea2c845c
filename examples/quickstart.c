/* quickstart.c: the smallest useful rustpsa program.
 *
 * Initialise the library, hash a message, create an HMAC key, authenticate the
 * message with it, verify the tag, then destroy the key. Build it with:
 *   cc -I include examples/quickstart.c -L target/release -lrustpsa \
 *      -Wl,-rpath,$PWD/target/release -o quickstart
 */
#include <stdio.h>
#include <string.h>

#include <psa/crypto.h>

static int fail(const char *what, psa_status_t status)
{
    fprintf(stderr, "%s failed: %d\n", what, (int) status);
    return 1;
}

static void print_hex(const char *label, const uint8_t *buf, size_t len)
{
    size_t i;
    printf("%s", label);
    for (i = 0; i < len; i++) {
        printf("%02x", buf[i]);
    }
    printf("\n");
}

int main(void)
{
    const uint8_t message[] = "The quick brown fox jumps over the lazy dog";
    uint8_t hash[PSA_HASH_MAX_SIZE];
    uint8_t mac[PSA_MAC_MAX_SIZE];
    size_t hash_length = 0, mac_length = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t key = PSA_KEY_ID_NULL;
    psa_status_t status;

    /* 1. Every program starts here; calling it again (from any thread) is fine. */
    status = psa_crypto_init();
    if (status != PSA_SUCCESS) {
        return fail("psa_crypto_init", status);
    }

    /* 2. A one-shot hash. */
    status = psa_hash_compute(PSA_ALG_SHA_256, message, sizeof(message) - 1,
                              hash, sizeof(hash), &hash_length);
    if (status != PSA_SUCCESS) {
        return fail("psa_hash_compute", status);
    }
    print_hex("SHA-256:      ", hash, hash_length);

    /* 3. A random 256-bit HMAC key that may only sign and verify HMAC-SHA-256. */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    status = psa_generate_key(&attributes, &key);
    if (status != PSA_SUCCESS) {
        return fail("psa_generate_key", status);
    }

    /* 4. Authenticate the message, then check the tag. */
    status = psa_mac_compute(key, PSA_ALG_HMAC(PSA_ALG_SHA_256), message, sizeof(message) - 1,
                             mac, sizeof(mac), &mac_length);
    if (status != PSA_SUCCESS) {
        return fail("psa_mac_compute", status);
    }
    print_hex("HMAC-SHA-256: ", mac, mac_length);
    status = psa_mac_verify(key, PSA_ALG_HMAC(PSA_ALG_SHA_256), message, sizeof(message) - 1,
                            mac, mac_length);
    if (status != PSA_SUCCESS) {
        return fail("psa_mac_verify", status);
    }

    /* 5. The key may not be exported: its policy lacks PSA_KEY_USAGE_EXPORT. */
    status = psa_export_key(key, mac, sizeof(mac), &mac_length);
    if (status != PSA_ERROR_NOT_PERMITTED) {
        return fail("psa_export_key refusal", status);
    }

    /* 6. Destroy the key; its material is wiped before this returns. */
    status = psa_destroy_key(key);
    if (status != PSA_SUCCESS) {
        return fail("psa_destroy_key", status);
    }
    mbedtls_psa_crypto_free();
    printf("quickstart: ok\n");
    return 0;
}
