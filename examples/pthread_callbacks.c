/* pthread_callbacks.c: make rustpsa use the host's own mutexes and condition
 * variables (here POSIX threads) instead of its built-in ones.
 *
 * Install the table with rustpsa_set_threading_callbacks() BEFORE
 * psa_crypto_init() (or after mbedtls_psa_crypto_free()). Each callback returns
 * 0 on success; a failure makes the PSA call that needed it return
 * PSA_ERROR_SERVICE_FAILURE. Passing NULL restores the built-in primitives.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <psa/crypto.h>
#include <rustpsa/threading.h>

static unsigned long locks; /* how often rustpsa took a lock through us */

static int my_mutex_init(void **handle)
{
    pthread_mutex_t *m = malloc(sizeof *m);
    if (m == NULL) return -1;
    if (pthread_mutex_init(m, NULL) != 0) {
        free(m);
        return -1;
    }
    *handle = m;
    return 0;
}

static void my_mutex_free(void *handle)
{
    pthread_mutex_destroy(handle);
    free(handle);
}

static int my_mutex_lock(void *handle)
{
    int rc = pthread_mutex_lock(handle);
    if (rc == 0) locks++; /* this demo is single-threaded: a plain counter will do */
    return rc;
}

static int my_mutex_unlock(void *handle) { return pthread_mutex_unlock(handle); }

static int my_cond_init(void **handle)
{
    pthread_cond_t *c = malloc(sizeof *c);
    if (c == NULL) return -1;
    if (pthread_cond_init(c, NULL) != 0) {
        free(c);
        return -1;
    }
    *handle = c;
    return 0;
}

static void my_cond_free(void *handle)
{
    pthread_cond_destroy(handle);
    free(handle);
}

static int my_cond_wait(void *cond, void *mutex) { return pthread_cond_wait(cond, mutex); }
static int my_cond_signal(void *cond) { return pthread_cond_signal(cond); }
static int my_cond_broadcast(void *cond) { return pthread_cond_broadcast(cond); }

static const rustpsa_threading_callbacks_t pthread_table = {
    my_mutex_init, my_mutex_free, my_mutex_lock, my_mutex_unlock,
    my_cond_init,  my_cond_free,  my_cond_wait,  my_cond_signal, my_cond_broadcast,
};

int main(void)
{
    const uint8_t message[] = "abc";
    uint8_t hash[PSA_HASH_MAX_SIZE];
    size_t hash_length = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t key = PSA_KEY_ID_NULL;
    psa_status_t status;

    /* 1. The table goes in first. */
    status = rustpsa_set_threading_callbacks(&pthread_table);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "rustpsa_set_threading_callbacks failed: %d\n", (int) status);
        return 1;
    }
    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }

    /* 2. Too late to change it while the library runs. */
    if (rustpsa_set_threading_callbacks(NULL) != PSA_ERROR_BAD_STATE) {
        fprintf(stderr, "changing the table after init should fail\n");
        return 1;
    }

    /* 3. Ordinary use: the key store now locks through pthreads. */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&attributes, 256);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&attributes, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    if (psa_generate_key(&attributes, &key) != PSA_SUCCESS ||
        psa_hash_compute(PSA_ALG_SHA_256, message, sizeof message - 1,
                         hash, sizeof hash, &hash_length) != PSA_SUCCESS ||
        psa_destroy_key(key) != PSA_SUCCESS) {
        fprintf(stderr, "PSA calls failed\n");
        return 1;
    }

    /* 4. Shut down, then go back to the built-in primitives. */
    mbedtls_psa_crypto_free();
    status = rustpsa_set_threading_callbacks(NULL);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "restoring the default table failed: %d\n", (int) status);
        return 1;
    }
    printf("pthread callbacks: %lu lock%s taken through the host table\n", locks,
           locks == 1 ? "" : "s");
    return locks > 0 ? 0 : 1;
}
