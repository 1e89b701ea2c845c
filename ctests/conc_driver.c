/* ctests/conc_driver.c - the core's driver policy under concurrency:
 * (1) a thread blocks inside an opaque driver's sign_hash while another
 *     destroys the key: destroy waits, then destroy_key runs exactly once;
 * (2) 8 threads sign and verify with a non-thread-safe driver: the calls are
 *     serialised (never two inside the driver at once);
 * (3) the same with RUSTPSA_DRIVER_THREAD_SAFE: calls overlap (a rendezvous
 *     inside the driver sees two callers at once);
 * (4)-(6) multi-part driver operations: one operation used from two threads,
 *     destroy of the key during a step, and threads with their own
 *     operations, serialised or not. */
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

/* ---- multi-part driver operations under concurrency ---------------------- */

static psa_hash_operation_t shared_hash;
static psa_mac_operation_t shared_mac;
static psa_status_t step_status;
static const uint8_t piece[3] = {'a', 'b', 'c'};

static void *hash_stepper(void *arg)
{
    (void)arg;
    step_status = psa_hash_update(&shared_hash, piece, 3);
    return NULL;
}

static void *mac_stepper(void *arg)
{
    (void)arg;
    step_status = psa_mac_update(&shared_mac, piece, 3);
    return NULL;
}

static void mp_block_on(void)
{
    pthread_mutex_lock(&mp_mutex);
    mp_block = 1;
    mp_blocked = 0;
    pthread_mutex_unlock(&mp_mutex);
}

static void mp_wait_blocked(void)
{
    pthread_mutex_lock(&mp_mutex);
    while (!mp_blocked) pthread_cond_wait(&mp_cond, &mp_mutex);
    pthread_mutex_unlock(&mp_mutex);
}

static void mp_release(void)
{
    pthread_mutex_lock(&mp_mutex);
    mp_block = 0;
    pthread_cond_broadcast(&mp_cond);
    pthread_mutex_unlock(&mp_mutex);
}

static int mp_balanced(void)
{
    return __atomic_load_n(&mp_setups, __ATOMIC_SEQ_CST) == __atomic_load_n(&mp_aborts, __ATOMIC_SEQ_CST) &&
           __atomic_load_n(&mp_abort_errors, __ATOMIC_SEQ_CST) == 0;
}

/* (4) Two calls on one driver operation: while a thread is inside the
 * driver's hash_update, every call on the same object from another thread is
 * refused with BAD_STATE before it reaches the driver. */
static void mp_same_operation(uint32_t flags)
{
    rustpsa_driver_t d = mp_driver(flags);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    mp_serve = 1;
    shared_hash = psa_hash_operation_init();
    CHECK_STATUS(psa_hash_setup(&shared_hash, PSA_ALG_SHA_256), PSA_SUCCESS);
    mp_block_on();
    pthread_t a;
    pthread_create(&a, NULL, hash_stepper, NULL);
    mp_wait_blocked();
    unsigned long steps = __atomic_load_n(&mp_steps, __ATOMIC_SEQ_CST);
    uint8_t out[32];
    size_t n;
    CHECK_STATUS(psa_hash_update(&shared_hash, piece, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_finish(&shared_hash, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&shared_hash), PSA_ERROR_BAD_STATE);
    psa_hash_operation_t copy = psa_hash_operation_init();
    CHECK_STATUS(psa_hash_clone(&shared_hash, &copy), PSA_ERROR_BAD_STATE);
    CHECK(__atomic_load_n(&mp_steps, __ATOMIC_SEQ_CST) == steps); /* none reached the driver */
    mp_release();
    pthread_join(a, NULL);
    CHECK_STATUS(step_status, PSA_SUCCESS);
    /* The operation is intact: abc's marker digest. */
    uint8_t real[32], marker[32];
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, piece, 3, real, sizeof real, &n), PSA_SUCCESS);
    for (int i = 0; i < 32; i++) marker[i] = (uint8_t)~real[i];
    CHECK_STATUS(psa_hash_finish(&shared_hash, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_MEM(out, n, marker, 32);
    CHECK(mp_balanced());
    mp_serve = 0;
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

/* (5) psa_destroy_key while a step of a driver MAC operation on the key is
 * inside the driver: destroy waits for the step, then the operation is
 * aborted (before destroy_key, for an opaque key), later steps BAD_STATE. */
static void mp_destroy_during_step(int opaque)
{
    rustpsa_driver_t d = mp_driver(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    d = vault_driver_mp(0);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    mp_serve = 1;
    const psa_algorithm_t hmac = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    uint8_t k[32];
    for (int i = 0; i < 32; i++) k[i] = (uint8_t)(0x30 + i);
    psa_key_attributes_t a = opaque ? vault_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, hmac)
                                    : ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, hmac);
    CHECK_STATUS(psa_import_key(&a, k, sizeof k, &shared_key), PSA_SUCCESS);
    shared_mac = psa_mac_operation_init();
    CHECK_STATUS(psa_mac_sign_setup(&shared_mac, shared_key, hmac), PSA_SUCCESS);
    mp_block_on();
    destroyer_done = 0;
    unsigned long aborts = mp_aborts, destroys = vault_destroy_calls;
    pthread_t s, x;
    pthread_create(&s, NULL, mac_stepper, NULL);
    mp_wait_blocked();
    pthread_create(&x, NULL, destroyer, NULL);
    vault_sleep_ms(200);
    CHECK(__atomic_load_n(&destroyer_done, __ATOMIC_SEQ_CST) == 0);
    CHECK(__atomic_load_n(&mp_aborts, __ATOMIC_SEQ_CST) == aborts);
    CHECK(__atomic_load_n(&vault_destroy_calls, __ATOMIC_SEQ_CST) == destroys);
    mp_release();
    pthread_join(s, NULL);
    pthread_join(x, NULL);
    CHECK_STATUS(step_status, PSA_SUCCESS);
    CHECK_STATUS(destroyer_status, PSA_SUCCESS);
    CHECK(mp_aborts == aborts + 1);
    if (opaque) CHECK(vault_destroy_calls == destroys + 1 && mp_abort_seq < vault_destroy_seq);
    uint8_t mac[32];
    size_t n;
    CHECK_STATUS(psa_mac_update(&shared_mac, piece, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_sign_finish(&shared_mac, mac, sizeof mac, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_abort(&shared_mac), PSA_SUCCESS);
    CHECK(mp_balanced());
    mp_serve = 0;
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

static unsigned long mp_worker_failures;
static psa_key_id_t mp_mac_key;

/* Each thread runs its own multi-part hash and MAC operations. */
static void *mp_worker(void *arg)
{
    uintptr_t t = (uintptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        uint8_t data[48], real[32], out[32], mac1[32], mac2[32];
        size_t n = 0, n2 = 0;
        memset(data, (int)(t * ROUNDS + (uintptr_t)r), sizeof data);
        psa_hash_operation_t h = psa_hash_operation_init();
        int ok = psa_hash_compute(PSA_ALG_SHA_256, data, sizeof data, real, sizeof real, &n) == PSA_SUCCESS &&
                 psa_hash_setup(&h, PSA_ALG_SHA_256) == PSA_SUCCESS &&
                 psa_hash_update(&h, data, 20) == PSA_SUCCESS &&
                 psa_hash_update(&h, data + 20, sizeof data - 20) == PSA_SUCCESS &&
                 psa_hash_finish(&h, out, sizeof out, &n) == PSA_SUCCESS && n == 32;
        for (int i = 0; ok && i < 32; i++) ok = (uint8_t)(out[i] ^ real[i]) == 0xff;
        psa_mac_operation_t m = psa_mac_operation_init();
        ok = ok && psa_mac_sign_setup(&m, mp_mac_key, PSA_ALG_HMAC(PSA_ALG_SHA_256)) == PSA_SUCCESS &&
             psa_mac_update(&m, data, sizeof data) == PSA_SUCCESS &&
             psa_mac_sign_finish(&m, mac1, sizeof mac1, &n) == PSA_SUCCESS &&
             psa_mac_compute(mp_mac_key, PSA_ALG_HMAC(PSA_ALG_SHA_256), data, sizeof data, mac2, sizeof mac2, &n2) == PSA_SUCCESS &&
             n == 32 && n2 == 32 && memcmp(mac1, mac2, 32) == 0;
        if (!ok) __atomic_add_fetch(&mp_worker_failures, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

/* (6) THREADS threads with their own driver operations: serialised by the
 * core without RUSTPSA_DRIVER_THREAD_SAFE (never two inside the driver),
 * called without the core's lock with it; the results match the built-in
 * code either way (the driver's MAC against the built-in one-shot). */
static void mp_workers(uint32_t flags)
{
    rustpsa_driver_t d = mp_driver(flags);
    CHECK_STATUS(rustpsa_register_driver(&d), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    mp_serve = 1;
    uint8_t k[20] = {0x0b};
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), k, sizeof k, &mp_mac_key), PSA_SUCCESS);
    mp_max_inflight = 0;
    mp_worker_failures = 0;
    unsigned long setups = mp_setups;
    pthread_t th[THREADS];
    for (uintptr_t i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, mp_worker, (void *)i);
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    CHECK(mp_worker_failures == 0);
    CHECK(mp_setups == setups + 2 * THREADS * ROUNDS);
    CHECK(mp_balanced());
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("mp", &st), PSA_SUCCESS);
    CHECK(st.flags == flags);
    if (!(flags & RUSTPSA_DRIVER_THREAD_SAFE)) {
        CHECK(mp_max_inflight == 1);
        CHECK(st.max_concurrent == 1);
    }
    printf("conc_driver: multi-part %s: %llu driver calls, at most %llu at once\n",
           flags ? "thread-safe" : "serialised", (unsigned long long)st.calls,
           (unsigned long long)st.max_concurrent);
    CHECK_STATUS(psa_destroy_key(mp_mac_key), PSA_SUCCESS);
    mp_serve = 0;
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_unregister_drivers(), PSA_SUCCESS);
}

int main(void)
{
    destroy_while_in_use();
    run_workers(0);
    run_workers(RUSTPSA_DRIVER_THREAD_SAFE);
    mp_same_operation(0);
    mp_same_operation(RUSTPSA_DRIVER_THREAD_SAFE);
    mp_destroy_during_step(0);
    mp_destroy_during_step(1);
    mp_workers(0);
    mp_workers(RUSTPSA_DRIVER_THREAD_SAFE);
    return report();
}
