/* The program both consumer projects build: a known-answer SHA-256, an HMAC key
 * used from several threads, a threading-header check, the version header
 * against the loaded library and a status name. Exits 0 on success and prints
 * "<name>: ok (rustpsa VERSION)".
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <psa/crypto.h>
#include <rustpsa/names.h>
#include <rustpsa/threading.h>
#include <rustpsa/version.h>

#ifndef CONSUMER_NAME
#define CONSUMER_NAME "consumer"
#endif

static psa_key_id_t key;
static uint8_t reference[32];

static void *worker(void *arg)
{
    uint8_t mac[32];
    size_t length = 0;
    int i, *bad = arg;
    for (i = 0; i < 200; i++) {
        if (psa_mac_compute(key, PSA_ALG_HMAC(PSA_ALG_SHA_256), (const uint8_t *) "m", 1,
                            mac, sizeof mac, &length) != PSA_SUCCESS ||
            length != sizeof mac || memcmp(mac, reference, sizeof mac) != 0) {
            (*bad)++;
        }
    }
    return NULL;
}

int main(void)
{
    /* SHA-256("abc"), FIPS 180-2 appendix B.1 */
    static const uint8_t abc_sha256[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    };
    uint8_t hash[PSA_HASH_MAX_SIZE];
    size_t hash_length = 0, length = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    pthread_t threads[4];
    int bad[4] = { 0 }, i, failures = 0;

    /* The header and the loaded library are the same version. */
    if (strcmp(rustpsa_version(), RUSTPSA_VERSION_STRING) != 0) {
        printf(CONSUMER_NAME ": header %s, library %s\n", RUSTPSA_VERSION_STRING, rustpsa_version());
        failures++;
    }
    if (strcmp(rustpsa_status_name(PSA_ERROR_BAD_STATE), "PSA_ERROR_BAD_STATE") != 0) failures++;
    /* The threading extension is callable (NULL = keep the default). */
    if (rustpsa_set_threading_callbacks(NULL) != PSA_SUCCESS) failures++;
    if (psa_crypto_init() != PSA_SUCCESS) {
        printf(CONSUMER_NAME ": psa_crypto_init failed\n");
        return 1;
    }
    if (psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *) "abc", 3, hash, sizeof hash,
                         &hash_length) != PSA_SUCCESS ||
        hash_length != 32 || memcmp(hash, abc_sha256, 32) != 0) {
        printf(CONSUMER_NAME ": SHA-256 known answer failed\n");
        failures++;
    }

    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&attributes, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    if (psa_generate_key(&attributes, &key) != PSA_SUCCESS ||
        psa_mac_compute(key, PSA_ALG_HMAC(PSA_ALG_SHA_256), (const uint8_t *) "m", 1, reference,
                        sizeof reference, &length) != PSA_SUCCESS) {
        printf(CONSUMER_NAME ": HMAC key failed\n");
        return 1;
    }
    for (i = 0; i < 4; i++) pthread_create(&threads[i], NULL, worker, &bad[i]);
    for (i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        failures += bad[i];
    }
    if (psa_destroy_key(key) != PSA_SUCCESS) failures++;
    mbedtls_psa_crypto_free();

    printf(CONSUMER_NAME ": %s (rustpsa %s)\n", failures == 0 ? "ok" : "FAILED", rustpsa_version());
    return failures == 0 ? 0 : 1;
}
