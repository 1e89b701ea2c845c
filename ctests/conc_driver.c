/* ctests/conc_driver.c - the core's driver policy under concurrency:
 * (1) a thread blocks inside an opaque driver's sign_hash while another
 *     destroys the key: destroy waits, then destroy_key runs exactly once;
 * (2) 8 threads sign and verify with a non-thread-safe driver: the calls are
 *     serialised (never two inside the driver at once);
 * (3) the same with RUSTPSA_DRIVER_THREAD_SAFE: calls overlap (a rendezvous
 *     inside the driver sees two callers at once). */
#include <stdio.h>
#include <stdlib.h>
#include "drivers_common.h"

#define THREADS 8
#define ROUNDS 50

static const psa_algorithm_t ecdsa = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
static psa_key_id_t shared_key;
static psa_status_t signer_status, destroyer_status;
static int destroyer_done;

static psa_key_id_t import_vault_key(void)
{
    uint8_t k[32];
    for (int i = 0; i < 32; i++) k[i] = (uint8_t)(i + 1);
    psa_key_attributes_t a = vault_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 0,
                                         PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, ecdsa);
    psa_key_id_t id = 0;
    CHECK_STATUS(psa_import_key(&a, k, 32, &id), PSA_SUCCESS);
    return id;
}

static void *signer(void *arg)
{
    (void)arg;
    uint8_t h[32] = {7}, sig[64];
    size_t n;
    signer_status = psa_sign_hash(shared_key, ecdsa, h, 32, sig, sizeof sig, &n);
    return NULL;
}

static void *destroyer(void *arg)
{
    (void)arg;
    destroyer_status = psa_destroy_key(shared_key);
    __atomic_store_n(&destroyer_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void destroy_while_in_use(void)
{
    rustpsa_driver_t d = vault_driver(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    shared_key = import_vault_key();
    unsigned long before = vault_destroy_calls;
    pthread_mutex_lock(&vault_mutex);
    vault_block = 1;
    vault_blocked = 0;
    pthread_mutex_unlock(&vault_mutex);
    pthread_t s, k;
    pthread_create(&s, NULL, signer, NULL);
    pthread_mutex_lock(&vault_mutex);
    while (!vault_blocked) pthread_cond_wait(&vault_cond, &vault_mutex);
    pthread_mutex_unlock(&vault_mutex);
    pthread_create(&k, NULL, destroyer, NULL);
    /* The destroyer must still be waiting while the entry point runs. */
    vault_sleep_ms(200);
    CHECK(__atomic_load_n(&destroyer_done, __ATOMIC_SEQ_CST) == 0);
    CHECK(__atomic_load_n(&vault_destroy_calls, __ATOMIC_SEQ_CST) == before);
    pthread_mutex_lock(&vault_mutex);
    vault_block = 0;
    pthread_cond_broadcast(&vault_cond);
    pthread_mutex_unlock(&vault_mutex);
    pthread_join(s, NULL);
    pthread_join(k, NULL);
    CHECK_STATUS(signer_status, PSA_SUCCESS);
    CHECK_STATUS(destroyer_status, PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1);
    uint8_t h[32] = {7}, sig[64];
    size_t n;
    CHECK_STATUS(psa_sign_hash(shared_key, ecdsa, h, 32, sig, sizeof sig, &n), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_destroy_key(shared_key), PSA_ERROR_INVALID_HANDLE);
    CHECK(vault_destroy_calls == before + 1);
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

static unsigned long worker_failures;

static void *worker(void *arg)
{
    uintptr_t t = (uintptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        uint8_t h[32], sig[64];
        size_t n = 0;
        memset(h, (int)(t * ROUNDS + (uintptr_t)r), sizeof h);
        if (psa_sign_hash(shared_key, ecdsa, h, 32, sig, sizeof sig, &n) != PSA_SUCCESS ||
            psa_verify_hash(shared_key, ecdsa, h, 32, sig, n) != PSA_SUCCESS)
            __atomic_add_fetch(&worker_failures, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void run_workers(uint32_t flags)
{
    rustpsa_driver_t d = vault_driver(flags);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    shared_key = import_vault_key();
    vault_max_inflight = 0;
    vault_saw_two = 0;
    vault_rendezvous = flags & RUSTPSA_DRIVER_THREAD_SAFE ? 1 : 0;
    worker_failures = 0;
    pthread_t th[THREADS];
    for (uintptr_t i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    CHECK(worker_failures == 0);
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("vault", &st), PSA_SUCCESS);
    /* One import, then THREADS x ROUNDS signatures and verifications. */
    CHECK(st.calls == 1 + 2 * THREADS * ROUNDS);
    CHECK(st.flags == flags);
    if (flags & RUSTPSA_DRIVER_THREAD_SAFE) {
        CHECK(vault_saw_two == 1);
        CHECK(st.max_concurrent >= 2);
    } else {
        CHECK(vault_max_inflight == 1);
        CHECK(st.max_concurrent == 1);
    }
    printf("conc_driver: %s: %llu calls, at most %llu at once\n",
           flags ? "thread-safe" : "serialised", (unsigned long long)st.calls,
           (unsigned long long)st.max_concurrent);
    unsigned long before = vault_destroy_calls;
    CHECK_STATUS(psa_destroy_key(shared_key), PSA_SUCCESS);
    CHECK(vault_destroy_calls == before + 1);
    vault_rendezvous = 0;
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

int main(void)
{
    destroy_while_in_use();
    run_workers(0);
    run_workers(RUSTPSA_DRIVER_THREAD_SAFE);
    return report();
}
