/* ctests/test_threading.c - rustpsa_set_threading_callbacks: argument and state
 * checks, pthread-based callbacks that count their calls (the library really
 * creates, locks and frees its mutex/condition variable through them, balanced),
 * a failing mock (mutex_lock failure -> PSA_ERROR_SERVICE_FAILURE and the failed
 * state until free, after which init gives a consistent, empty volatile store; mutex_init / cond_init failure -> psa_crypto_init fails
 * with SERVICE_FAILURE, nothing leaks, a later init succeeds), and NULL restoring
 * the built-in primitives. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"
#include <rustpsa/threading.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long n_mutex_init, n_mutex_free, n_lock, n_unlock, n_cond_init, n_cond_free,
    n_wait, n_signal, n_broadcast;
static long live_mutexes, live_conds, held;
static int fail_mutex_init, fail_cond_init, fail_locks; /* > 0: fail that many calls */

#define INC(x) __atomic_fetch_add(&(x), 1, __ATOMIC_SEQ_CST)
#define DEC(x) __atomic_fetch_sub(&(x), 1, __ATOMIC_SEQ_CST)
#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)

static int take_failure(int *counter)
{
    int v = __atomic_load_n(counter, __ATOMIC_SEQ_CST);
    while (v > 0) {
        if (__atomic_compare_exchange_n(counter, &v, v - 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return 1;
    }
    return 0;
}

static int t_mutex_init(void **m)
{
    pthread_mutex_t *p;
    if (take_failure(&fail_mutex_init))
        return -1;
    p = malloc(sizeof *p);
    if (p == NULL || pthread_mutex_init(p, NULL) != 0) {
        free(p);
        return -1;
    }
    INC(n_mutex_init);
    INC(live_mutexes);
    *m = p;
    return 0;
}
static void t_mutex_free(void *m)
{
    INC(n_mutex_free);
    DEC(live_mutexes);
    pthread_mutex_destroy(m);
    free(m);
}
static int t_lock(void *m)
{
    if (take_failure(&fail_locks))
        return 5;
    INC(n_lock);
    if (pthread_mutex_lock(m) != 0)
        return 1;
    INC(held);
    return 0;
}
static int t_unlock(void *m)
{
    INC(n_unlock);
    DEC(held);
    return pthread_mutex_unlock(m) == 0 ? 0 : 1;
}
static int t_cond_init(void **c)
{
    pthread_cond_t *p;
    if (take_failure(&fail_cond_init))
        return -1;
    p = malloc(sizeof *p);
    if (p == NULL || pthread_cond_init(p, NULL) != 0) {
        free(p);
        return -1;
    }
    INC(n_cond_init);
    INC(live_conds);
    *c = p;
    return 0;
}
static void t_cond_free(void *c)
{
    INC(n_cond_free);
    DEC(live_conds);
    pthread_cond_destroy(c);
    free(c);
}
static int t_wait(void *c, void *m)
{
    int r;
    INC(n_wait);
    DEC(held);
    r = pthread_cond_wait(c, m);
    INC(held);
    return r == 0 ? 0 : 1;
}
static int t_signal(void *c)
{
    INC(n_signal);
    return pthread_cond_signal(c) == 0 ? 0 : 1;
}
static int t_broadcast(void *c)
{
    INC(n_broadcast);
    return pthread_cond_broadcast(c) == 0 ? 0 : 1;
}

static const rustpsa_threading_callbacks_t table = {
    t_mutex_init, t_mutex_free, t_lock, t_unlock, t_cond_init,
    t_cond_free,  t_wait,       t_signal, t_broadcast,
};

static void test_argument_checks(void)
{
    rustpsa_threading_callbacks_t t;
    int i;
    /* each member set to NULL in turn */
    for (i = 0; i < 9; i++) {
        t = table;
        switch (i) {
        case 0: t.mutex_init = NULL; break;
        case 1: t.mutex_free = NULL; break;
        case 2: t.mutex_lock = NULL; break;
        case 3: t.mutex_unlock = NULL; break;
        case 4: t.cond_init = NULL; break;
        case 5: t.cond_free = NULL; break;
        case 6: t.cond_wait = NULL; break;
        case 7: t.cond_signal = NULL; break;
        default: t.cond_broadcast = NULL; break;
        }
        CHECK_STATUS(rustpsa_set_threading_callbacks(&t), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* the failed calls did not install anything: init below uses the table only
     * once it is set with all members */
    CHECK_STATUS(rustpsa_set_threading_callbacks(NULL), PSA_SUCCESS);
}

static void check_balanced(const char *when)
{
    fprintf(stderr, "# balance %s\n", when);
    CHECK(LOAD(held) == 0);
    CHECK(LOAD(n_lock) == LOAD(n_unlock));
}

typedef struct {
    int ok;
    psa_key_id_t key;
    const uint8_t *data;
} worker_arg_t;

static void *worker(void *p)
{
    worker_arg_t *w = p;
    int i;
    uint8_t out[32];
    size_t olen;
    w->ok = 1;
    for (i = 0; i < 200; i++) {
        psa_key_id_t k = 0;
        if (psa_export_key(w->key, out, sizeof out, &olen) != PSA_SUCCESS || olen != 32 ||
            memcmp(out, w->data, 32) != 0)
            w->ok = 0;
        if (ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, w->data, 7, &k) !=
                PSA_SUCCESS ||
            psa_destroy_key(k) != PSA_SUCCESS)
            w->ok = 0;
    }
    return NULL;
}

static void test_counting_callbacks(const char *dir)
{
    uint8_t data[32], out[32];
    size_t olen;
    psa_key_id_t k = 0, k2 = 0, k3 = 0;
    unsigned long locks_before;
    rustpsa_key_store_stats_t st;
    memset(data, 0x4e, sizeof data);

    CHECK_STATUS(rustpsa_set_threading_callbacks(&table), PSA_SUCCESS);
    CHECK(LOAD(n_mutex_init) == 0 && LOAD(n_cond_init) == 0); /* nothing created yet */
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return;
    /* the key-store mutex and condition variable come from the table */
    CHECK(LOAD(n_mutex_init) >= 1);
    CHECK(LOAD(n_cond_init) >= 1);
    CHECK(LOAD(live_mutexes) >= 1 && LOAD(live_conds) >= 1);
    CHECK_STATUS(rustpsa_set_threading_callbacks(&table), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_set_threading_callbacks(NULL), PSA_ERROR_BAD_STATE);

    locks_before = LOAD(n_lock);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                               PSA_ALG_HMAC(PSA_ALG_SHA_256), data, 32, &k),
                     PSA_SUCCESS)) {
        CHECK(LOAD(n_lock) > locks_before);
        locks_before = LOAD(n_lock);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 32);
        /* a volatile key's id names its slot: reading it takes no lock */
        CHECK(LOAD(n_lock) == locks_before);
        locks_before = LOAD(n_lock);
        CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
        CHECK(LOAD(n_lock) > locks_before);
    }
    check_balanced("after single-threaded use");

    /* several threads through the host mutex */
    {
        pthread_t th[4];
        worker_arg_t args[4];
        int i;
        locks_before = LOAD(n_lock);
        for (i = 0; i < 4; i++) {
            args[i].key = k;
            args[i].data = data;
            CHECK(pthread_create(&th[i], NULL, worker, &args[i]) == 0);
        }
        for (i = 0; i < 4; i++) {
            pthread_join(th[i], NULL);
            CHECK(args[i].ok);
        }
        CHECK(LOAD(n_lock) >= locks_before + 4 * 200);
        check_balanced("after threads");
    }

    /* A key this thread used recently is read through the lock-free path,
     * which needs no mutex: a failing mutex_lock does not touch it. */
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    olen = 0;
    if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, data, 32);
    CHECK(LOAD(fail_locks) == 1);
    __atomic_store_n(&fail_locks, 0, __ATOMIC_SEQ_CST);

    /* a failing mutex_lock: the call that needed it fails, nothing else changes.
     * Reading a volatile key needs no lock; purging it does. */
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                                PSA_ALG_HMAC(PSA_ALG_SHA_256), data, 32, &k3),
                      PSA_SUCCESS))
        return;
    if (!CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS))
        return;
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_purge_key(k3), PSA_ERROR_SERVICE_FAILURE);
    CHECK(LOAD(fail_locks) == 0);
    check_balanced("after failed export");
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k2),
                 PSA_ERROR_SERVICE_FAILURE);
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_destroy_key(k), PSA_ERROR_SERVICE_FAILURE);
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_mac_compute(k3, PSA_ALG_HMAC(PSA_ALG_SHA_256), data, 4, out, sizeof out, &olen),
                 PSA_ERROR_SERVICE_FAILURE);
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(ct_import_persistent(0x99, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data,
                                      16, &k2),
                 PSA_ERROR_SERVICE_FAILURE);
    __atomic_store_n(&fail_locks, 0, __ATOMIC_SEQ_CST);
    check_balanced("after failed calls");
    /* The first failure put the library into the failed state: every call
     * returns SERVICE_FAILURE (init included) until mbedtls_psa_crypto_free. */
    {
        rustpsa_key_store_stats_t st2;
        CHECK_STATUS(rustpsa_get_key_store_stats(&st2), PSA_ERROR_SERVICE_FAILURE);
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_SERVICE_FAILURE);
        CHECK_STATUS(psa_crypto_init(), PSA_ERROR_SERVICE_FAILURE);
    }
    /* the failed persistent import left nothing behind */
    CHECK(ct_count_files(dir) == 0);
    /* free + init (same table) starts afresh: an empty volatile store */
    mbedtls_psa_crypto_free();
    CHECK(LOAD(live_mutexes) == 0);
    CHECK(LOAD(live_conds) == 0);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return;
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS)) {
        CHECK(st.volatile_keys == 0);
        CHECK(st.slots_in_use == 0);
    }
    CHECK_STATUS(psa_export_key(0x99, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    /* everything works again */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, PSA_ALG_HMAC(PSA_ALG_SHA_256),
                               data, 32, &k),
                     PSA_SUCCESS)) {
        olen = 0;
        if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 32);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    }
    if (CHECK_STATUS(ct_import_persistent(0x99, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0,
                                          data, 16, &k2),
                     PSA_SUCCESS))
        CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS)) {
        CHECK(st.volatile_keys == 0);
        CHECK(st.slots_in_use == 0);
    }
    check_balanced("before free");

    /* free releases exactly what init created */
    mbedtls_psa_crypto_free();
    CHECK(LOAD(live_mutexes) == 0);
    CHECK(LOAD(live_conds) == 0);
    CHECK(LOAD(n_mutex_free) == LOAD(n_mutex_init));
    CHECK(LOAD(n_cond_free) == LOAD(n_cond_init));
}

static void test_init_failures(const char *dir)
{
    unsigned long inits;
    uint8_t buf[8];
    /* still installed from the previous test; install again after free */
    CHECK_STATUS(rustpsa_set_threading_callbacks(&table), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);

    __atomic_store_n(&fail_mutex_init, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_SERVICE_FAILURE);
    CHECK(LOAD(fail_mutex_init) == 0);
    CHECK(LOAD(live_mutexes) == 0);
    CHECK(LOAD(live_conds) == 0);
    CHECK_STATUS(psa_generate_random(buf, sizeof buf), PSA_ERROR_BAD_STATE);

    __atomic_store_n(&fail_cond_init, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_SERVICE_FAILURE);
    CHECK(LOAD(fail_cond_init) == 0);
    CHECK(LOAD(live_mutexes) == 0);
    CHECK(LOAD(live_conds) == 0);
    CHECK_STATUS(psa_generate_random(buf, sizeof buf), PSA_ERROR_BAD_STATE);
    /* the table can still be changed: the library is not initialised */
    CHECK_STATUS(rustpsa_set_threading_callbacks(&table), PSA_SUCCESS);

    inits = LOAD(n_mutex_init);
    if (CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        psa_key_id_t k = 0;
        CHECK(LOAD(n_mutex_init) > inits);
        CHECK_STATUS(psa_generate_random(buf, sizeof buf), PSA_SUCCESS);
        if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, buf, 8, &k),
                         PSA_SUCCESS))
            CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        mbedtls_psa_crypto_free();
    }
    CHECK(LOAD(live_mutexes) == 0 && LOAD(live_conds) == 0);
    check_balanced("after init failures");
}

static void test_restore_default(const char *dir)
{
    unsigned long locks, inits;
    psa_key_id_t k = 0;
    uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    CHECK_STATUS(rustpsa_set_threading_callbacks(NULL), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    locks = LOAD(n_lock);
    inits = LOAD(n_mutex_init);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return;
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, buf, 8, &k),
                     PSA_SUCCESS))
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    /* our table is no longer used */
    CHECK(LOAD(n_lock) == locks);
    CHECK(LOAD(n_mutex_init) == inits);
    /* fail flags have no effect on the default primitives */
    __atomic_store_n(&fail_locks, 1, __ATOMIC_SEQ_CST);
    CHECK_STATUS(psa_generate_random(buf, sizeof buf), PSA_SUCCESS);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, buf, 8, &k),
                     PSA_SUCCESS))
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    __atomic_store_n(&fail_locks, 0, __ATOMIC_SEQ_CST);
    mbedtls_psa_crypto_free();
    CHECK(LOAD(n_mutex_free) == LOAD(n_mutex_init));
}

int main(void)
{
    char *dir = ct_make_temp_dir("threading");
    test_argument_checks();
    test_counting_callbacks(dir);
    test_init_failures(dir);
    test_restore_default(dir);
    fprintf(stderr, "# callbacks: mutex_init %lu free %lu lock %lu unlock %lu cond_init %lu "
                    "free %lu wait %lu signal %lu broadcast %lu\n",
            LOAD(n_mutex_init), LOAD(n_mutex_free), LOAD(n_lock), LOAD(n_unlock),
            LOAD(n_cond_init), LOAD(n_cond_free), LOAD(n_wait), LOAD(n_signal),
            LOAD(n_broadcast));
    ct_remove_dir(dir);
    free(dir);
    return report();
}
