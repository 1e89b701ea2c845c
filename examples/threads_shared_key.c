/* threads_shared_key.c: many threads sharing one key.
 *
 * Every PSA function is thread-safe: threads may use the same key id at the
 * same time without any locking of their own. Here 8 threads each compute
 * HMAC-SHA-256 tags with one shared key and check every tag against the one
 * the main thread computed first.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <psa/crypto.h>

#define THREADS 8
#define ROUNDS 1000
#define ALG PSA_ALG_HMAC(PSA_ALG_SHA_256)

static psa_key_id_t shared_key;
static const uint8_t message[] = "one key, many threads";
static uint8_t reference[PSA_MAC_MAX_SIZE];
static size_t reference_length;

static void *worker(void *arg)
{
    long *mismatches = arg;
    uint8_t mac[PSA_MAC_MAX_SIZE];
    size_t mac_length;
    int i;

    for (i = 0; i < ROUNDS; i++) {
        psa_status_t status = psa_mac_compute(shared_key, ALG, message, sizeof message,
                                              mac, sizeof mac, &mac_length);
        if (status != PSA_SUCCESS || mac_length != reference_length ||
            memcmp(mac, reference, mac_length) != 0) {
            (*mismatches)++;
        }
        /* psa_mac_verify compares in constant time. */
        if (psa_mac_verify(shared_key, ALG, message, sizeof message,
                           reference, reference_length) != PSA_SUCCESS) {
            (*mismatches)++;
        }
    }
    return NULL;
}

int main(void)
{
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    pthread_t threads[THREADS];
    long mismatches[THREADS] = { 0 };
    long total = 0;
    int i;

    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }

    /* 1. One HMAC key, created once. */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, ALG);
    if (psa_generate_key(&attributes, &shared_key) != PSA_SUCCESS) {
        fprintf(stderr, "psa_generate_key failed\n");
        return 1;
    }

    /* 2. The single-threaded reference tag. */
    if (psa_mac_compute(shared_key, ALG, message, sizeof message, reference,
                        sizeof reference, &reference_length) != PSA_SUCCESS) {
        fprintf(stderr, "psa_mac_compute failed\n");
        return 1;
    }

    /* 3. The threads share the key id; each counts its own mismatches. */
    for (i = 0; i < THREADS; i++) {
        if (pthread_create(&threads[i], NULL, worker, &mismatches[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        total += mismatches[i];
    }

    psa_destroy_key(shared_key);
    printf("%d threads x %d rounds of HMAC-SHA-256 on one key: %ld mismatches\n",
           THREADS, ROUNDS, total);
    return total == 0 ? 0 : 1;
}
