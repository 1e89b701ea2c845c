/* ctests/test_faults.c - a fault never leaves the library hanging or wrong.
 *
 * A pthread-backed threading table (rustpsa/threading.h) fails the N-th call
 * of mutex_lock / mutex_unlock / cond_wait / cond_signal / cond_broadcast (one
 * counter over all of them; a failing call has no effect, as a pthread error
 * return). For every N from 1 to the number of calls the fault-free scenario
 * makes, plus a few more, a forked child runs the scenario under a watchdog
 * (alarm): it must end (no hang); every call must return either the result of
 * the fault-free run or PSA_ERROR_SERVICE_FAILURE, and once one call returned
 * SERVICE_FAILURE every later one must too (the failed state); after
 * mbedtls_psa_crypto_free and psa_crypto_init (the fault switched off) the
 * volatile store is empty, each persistent key is present with its material
 * or absent exactly as the statuses allow, no other file remains, and the
 * library works.
 *
 * Scenarios:
 *   single   one thread: volatile import, one-shot MAC (twice: locked and
 *            lock-free path), multi-part MAC, cipher and hash, one-shot
 *            decrypt, persistent create / load / evict (slot capacity 4) /
 *            purge, destroy of volatile and persistent keys.
 *   contend  two threads create one persistent id; the table orders them so
 *            the second waits on the condition variable while the first fills
 *            the slot, making cond_wait and cond_broadcast calls deterministic.
 *
 * Prints, per scenario, the number of N values run and the hangs (must be 0).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"
#include <rustpsa/threading.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SF PSA_ERROR_SERVICE_FAILURE
#define EXTRA_N 4
#define WATCHDOG_SECONDS 30

/* ---- the failing table ---------------------------------------------------- */

enum { K_LOCK, K_UNLOCK, K_WAIT, K_SIGNAL, K_BROADCAST, K_KINDS };
static const char *const kind_name[K_KINDS] = {"lock", "unlock", "wait", "signal", "broadcast"};

static unsigned long g_calls;    /* calls so far (all kinds) */
static unsigned long g_fail_at;  /* 0: never fail */
static int g_failed_kind = -1;   /* kind of the failed call */
static unsigned long g_kind_calls[K_KINDS];

/* The contend scenario's ordering (see contend()). */
static pthread_t g_thread_a;
static int g_order;              /* 1 while the scenario orders its threads */
static unsigned long g_a_locks;  /* locks taken by thread A */
static int g_a_filling, g_a_done, g_b_waiting, g_b_done;
static pthread_mutex_t g_order_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_order_cv = PTHREAD_COND_INITIALIZER;

static void order_set(int *flag)
{
    pthread_mutex_lock(&g_order_mu);
    *flag = 1;
    pthread_cond_broadcast(&g_order_cv);
    pthread_mutex_unlock(&g_order_mu);
}

static void order_wait2(const int *f1, const int *f2)
{
    pthread_mutex_lock(&g_order_mu);
    while (!*f1 && !*f2)
        pthread_cond_wait(&g_order_cv, &g_order_mu);
    pthread_mutex_unlock(&g_order_mu);
}

typedef struct run_s run_t;
static run_t *g_run;
static void note_failed_kind(int kind);

/* Counts the call; returns 1 when this call must fail. */
static int take(int kind)
{
    unsigned long n = __atomic_add_fetch(&g_calls, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&g_kind_calls[kind], 1, __ATOMIC_SEQ_CST);
    if (n == __atomic_load_n(&g_fail_at, __ATOMIC_SEQ_CST)) {
        g_failed_kind = kind;
        note_failed_kind(kind);
        return 1;
    }
    return 0;
}

static int f_mutex_init(void **m)
{
    pthread_mutex_t *p = malloc(sizeof *p);
    if (p == NULL || pthread_mutex_init(p, NULL) != 0) {
        free(p);
        return -1;
    }
    *m = p;
    return 0;
}
static void f_mutex_free(void *m)
{
    pthread_mutex_destroy(m);
    free(m);
}
static int f_lock(void *m)
{
    /* Thread A's second lock is the one that publishes its key: hold it back
     * until B waits on the condition variable (or has finished). */
    if (g_order && pthread_equal(pthread_self(), g_thread_a) && ++g_a_locks == 2) {
        order_set(&g_a_filling);
        order_wait2(&g_b_waiting, &g_b_done);
    }
    if (take(K_LOCK))
        return 11;
    return pthread_mutex_lock(m) == 0 ? 0 : 1;
}
static int f_unlock(void *m)
{
    if (take(K_UNLOCK))
        return 12;
    return pthread_mutex_unlock(m) == 0 ? 0 : 1;
}
static int f_cond_init(void **c)
{
    pthread_cond_t *p = malloc(sizeof *p);
    if (p == NULL || pthread_cond_init(p, NULL) != 0) {
        free(p);
        return -1;
    }
    *c = p;
    return 0;
}
static void f_cond_free(void *c)
{
    pthread_cond_destroy(c);
    free(c);
}
static int f_wait(void *c, void *m)
{
    int failing = take(K_WAIT);
    if (g_order && !pthread_equal(pthread_self(), g_thread_a))
        order_set(&g_b_waiting);
    if (failing)
        return 13;
    return pthread_cond_wait(c, m) == 0 ? 0 : 1;
}
static int f_signal(void *c)
{
    if (take(K_SIGNAL))
        return 14;
    return pthread_cond_signal(c) == 0 ? 0 : 1;
}
static int f_broadcast(void *c)
{
    if (take(K_BROADCAST))
        return 15;
    return pthread_cond_broadcast(c) == 0 ? 0 : 1;
}

static const rustpsa_threading_callbacks_t g_table = {
    f_mutex_init, f_mutex_free, f_lock, f_unlock, f_cond_init,
    f_cond_free, f_wait, f_signal, f_broadcast,
};

/* ---- recording a run ------------------------------------------------------ */

#define MAX_STEPS 96
#define OUT_MAX 64

typedef struct {
    psa_status_t status;
    size_t len;
    uint8_t out[OUT_MAX];
} step_t;

struct run_s {
    int steps;
    step_t step[MAX_STEPS];
    unsigned long calls;                /* table calls the scenario made */
    unsigned long kind_calls[K_KINDS];
    int failed_kind;                    /* kind of the injected failure, -1 none */
    unsigned long evictions;            /* key store evictions during the scenario */
    int problems;                       /* checks that failed in the child */
};

/* g_run is shared with the parent (MAP_SHARED). */
static void note_failed_kind(int kind)
{
    g_run->failed_kind = kind;
}

static void rec(psa_status_t st, const uint8_t *out, size_t len)
{
    step_t *s;
    if (g_run->steps >= MAX_STEPS)
        abort();
    s = &g_run->step[g_run->steps++];
    s->status = st;
    s->len = (st == PSA_SUCCESS && out != NULL) ? (len < OUT_MAX ? len : OUT_MAX) : 0;
    memset(s->out, 0, OUT_MAX);
    if (s->len)
        memcpy(s->out, out, s->len);
}
#define REC(expr) rec((expr), NULL, 0)
#define REC_OUT(expr, out, len) do { psa_status_t st_ = (expr); rec(st_, (out), (len)); } while (0)

static void problem(const char *what, int step)
{
    fprintf(stderr, "fault run: %s (step %d)\n", what, step);
    g_run->problems++;
}

/* ---- the key material ------------------------------------------------------ */

#define N_PERSIST 3
static const psa_key_id_t persist_id[N_PERSIST] = {0x5001, 0x5002, 0x5003};
static uint8_t persist_key[N_PERSIST][16];
static uint8_t hmac_key[32], aes_key[16], msg[48], iv[16];
/* The contend scenario: thread A's and thread B's material for one id. */
#define CONTEND_ID 0x5100
static uint8_t key_a[16], key_b[16];

static void init_material(void)
{
    uint64_t st = 0x1234567890abcdefULL;
    int i;
    ct_rand_fill(&st, hmac_key, sizeof hmac_key);
    ct_rand_fill(&st, aes_key, sizeof aes_key);
    ct_rand_fill(&st, msg, sizeof msg);
    ct_rand_fill(&st, iv, sizeof iv);
    for (i = 0; i < N_PERSIST; i++)
        ct_rand_fill(&st, persist_key[i], sizeof persist_key[i]);
    ct_rand_fill(&st, key_a, sizeof key_a);
    ct_rand_fill(&st, key_b, sizeof key_b);
}

/* What the statuses say about a persistent key. */
enum { ABSENT, PRESENT, EITHER };

/* ---- scenario "single" ---------------------------------------------------- */

static void scenario_single(int presence[N_PERSIST])
{
    psa_key_id_t kh = 0, ka = 0, kp[N_PERSIST] = {0};
    uint8_t out[OUT_MAX], ct[OUT_MAX];
    size_t len = 0, len2 = 0;
    psa_status_t st;
    int i;

    for (i = 0; i < N_PERSIST; i++)
        presence[i] = ABSENT;

    REC(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                  PSA_ALG_HMAC(PSA_ALG_SHA_256), hmac_key, sizeof hmac_key, &kh));
    /* one-shot MAC: the first through the lock, the second lock-free */
    REC_OUT(psa_mac_compute(kh, PSA_ALG_HMAC(PSA_ALG_SHA_256), msg, sizeof msg, out, sizeof out, &len),
            out, len);
    REC_OUT(psa_mac_compute(kh, PSA_ALG_HMAC(PSA_ALG_SHA_256), msg, 7, out, sizeof out, &len), out, len);
    {
        psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
        REC(psa_mac_sign_setup(&m, kh, PSA_ALG_HMAC(PSA_ALG_SHA_256)));
        REC(psa_mac_update(&m, msg, 20));
        REC(psa_mac_update(&m, msg + 20, sizeof msg - 20));
        REC_OUT(psa_mac_sign_finish(&m, out, sizeof out, &len), out, len);
        REC(psa_mac_abort(&m));
    }
    REC(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CTR,
                  aes_key, sizeof aes_key, &ka));
    {
        psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
        REC(psa_cipher_encrypt_setup(&c, ka, PSA_ALG_CTR));
        REC(psa_cipher_set_iv(&c, iv, sizeof iv));
        len = 0;
        REC_OUT(psa_cipher_update(&c, msg, sizeof msg, ct + 16, sizeof ct - 16, &len), ct + 16, len);
        REC_OUT(psa_cipher_finish(&c, out, sizeof out, &len2), out, len2);
        REC(psa_cipher_abort(&c));
        memcpy(ct, iv, 16);
        REC_OUT(psa_cipher_decrypt(ka, PSA_ALG_CTR, ct, 16 + sizeof msg, out, sizeof out, &len), out, len);
    }
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT;
        REC(psa_hash_setup(&h, PSA_ALG_SHA_256));
        REC(psa_hash_update(&h, msg, sizeof msg));
        REC_OUT(psa_hash_finish(&h, out, sizeof out, &len), out, len);
        REC(psa_hash_abort(&h));
    }
    /* persistent keys: capacity 4, two slots hold kh and ka, so the third
     * creation evicts the first and every export below reloads and evicts */
    for (i = 0; i < N_PERSIST; i++) {
        st = ct_import_persistent(persist_id[i], PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT,
                                  PSA_ALG_CTR, persist_key[i], 16, &kp[i]);
        rec(st, NULL, 0);
        presence[i] = st == PSA_SUCCESS ? PRESENT : st == SF ? EITHER : ABSENT;
    }
    for (i = 0; i < N_PERSIST; i++)
        REC_OUT(psa_export_key(persist_id[i], out, sizeof out, &len), out, len);
    REC(psa_purge_key(persist_id[0]));
    REC_OUT(psa_export_key(persist_id[0], out, sizeof out, &len), out, len);
    REC_OUT(psa_cipher_encrypt(persist_id[2], PSA_ALG_CTR, msg, 16, out, sizeof out, &len), NULL, 0);
    /* destroy: a volatile key, a loaded and an evicted persistent key */
    REC(psa_destroy_key(kh));
    for (i = 1; i < N_PERSIST; i++) {
        st = psa_destroy_key(persist_id[i]);
        rec(st, NULL, 0);
        if (st == PSA_SUCCESS)
            presence[i] = ABSENT;
        else if (st == SF && presence[i] != ABSENT)
            presence[i] = EITHER;
    }
    REC_OUT(psa_export_key(persist_id[1], out, sizeof out, &len), out, len);
    {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        REC(psa_get_key_attributes(kh, &a));
        psa_reset_key_attributes(&a);
    }
    REC(psa_destroy_key(ka));
}

/* ---- scenario "contend" --------------------------------------------------- */

static psa_status_t g_st_a, g_st_b;

static void *contend_b(void *arg)
{
    psa_key_id_t k = 0;
    (void)arg;
    order_wait2(&g_a_filling, &g_a_done);
    g_st_b = ct_import_persistent(CONTEND_ID, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, PSA_ALG_CTR, key_b,
                                  16, &k);
    order_set(&g_b_done);
    return NULL;
}

static void scenario_contend(int *presence)
{
    pthread_t b;
    psa_key_id_t k = 0;
    uint8_t out[OUT_MAX];
    size_t len = 0;

    g_thread_a = pthread_self();
    g_a_locks = 0;
    g_a_filling = g_a_done = g_b_waiting = g_b_done = 0;
    __atomic_store_n(&g_order, 1, __ATOMIC_SEQ_CST);
    if (pthread_create(&b, NULL, contend_b, NULL) != 0)
        abort();
    g_st_a = ct_import_persistent(CONTEND_ID, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, PSA_ALG_CTR, key_a, 16,
                                  &k);
    order_set(&g_a_done);
    pthread_join(b, NULL);
    __atomic_store_n(&g_order, 0, __ATOMIC_SEQ_CST);
    rec(g_st_a, NULL, 0);
    rec(g_st_b, NULL, 0);
    /* B never wins while A's result stands; if both failed the id is free */
    *presence = g_st_a == PSA_SUCCESS ? PRESENT : g_st_a == SF ? EITHER : ABSENT;
    REC_OUT(psa_export_key(CONTEND_ID, out, sizeof out, &len), out, len);
}

/* ---- one run (in a child) -------------------------------------------------- */

typedef enum { SC_SINGLE, SC_CONTEND } scenario_t;

static void check_after(scenario_t sc, const char *dir, const int *presence, const run_t *ref)
{
    uint8_t out[OUT_MAX];
    size_t len = 0;
    rustpsa_key_store_stats_t stats;
    psa_key_id_t k = 0;
    int i, n = sc == SC_SINGLE ? N_PERSIST : 1, present = 0;

    __atomic_store_n(&g_fail_at, 0, __ATOMIC_SEQ_CST);
    mbedtls_psa_crypto_free();
    if (psa_crypto_init() != PSA_SUCCESS) {
        problem("init after free failed", -1);
        return;
    }
    if (rustpsa_get_key_store_stats(&stats) != PSA_SUCCESS || stats.volatile_keys != 0 ||
        stats.slots_in_use != 0)
        problem("store not empty after free + init", -1);
    for (i = 0; i < n; i++) {
        psa_key_id_t id = sc == SC_SINGLE ? persist_id[i] : CONTEND_ID;
        const uint8_t *mat = sc == SC_SINGLE ? persist_key[i] : key_a;
        psa_status_t st = psa_export_key(id, out, sizeof out, &len);
        if (st == PSA_SUCCESS) {
            present++;
            if (presence[i] == ABSENT)
                problem("persistent key present that should be gone", -1);
            if (len != 16 || memcmp(out, mat, 16) != 0)
                problem("persistent key with wrong material", -1);
            if (psa_destroy_key(id) != PSA_SUCCESS)
                problem("cannot destroy a reloaded key", -1);
        } else if (st == PSA_ERROR_INVALID_HANDLE) {
            if (presence[i] == PRESENT)
                problem("persistent key lost", -1);
        } else {
            problem("unexpected status reloading a persistent key", -1);
        }
    }
    (void)present;
    if (ct_count_files(dir) != 0)
        problem("files left in the storage directory", -1);
    /* the library works: the same MAC as the fault-free run's first one */
    if (sc == SC_SINGLE) {
        if (ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), hmac_key,
                      sizeof hmac_key, &k) != PSA_SUCCESS ||
            psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), msg, sizeof msg, out, sizeof out, &len) !=
                PSA_SUCCESS ||
            len != ref->step[1].len || memcmp(out, ref->step[1].out, len) != 0 ||
            psa_destroy_key(k) != PSA_SUCCESS)
            problem("library does not work after free + init", -1);
    } else if (ct_import_persistent(CONTEND_ID, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, PSA_ALG_CTR, key_b, 16,
                                    &k) != PSA_SUCCESS ||
               psa_destroy_key(CONTEND_ID) != PSA_SUCCESS) {
        problem("library does not work after free + init", -1);
    }
    mbedtls_psa_crypto_free();
}

/* Runs scenario sc with the fail_at-th table call failing (0: none); compares
 * with ref unless ref is NULL. */
static void child(scenario_t sc, const char *dir, unsigned long fail_at, const run_t *ref)
{
    int presence[N_PERSIST], i, in_failed = 0;

    alarm(WATCHDOG_SECONDS);
    memset(g_run, 0, sizeof *g_run);
    g_run->failed_kind = -1;
    if (rustpsa_set_threading_callbacks(&g_table) != PSA_SUCCESS ||
        rustpsa_set_storage_dir(dir) != PSA_SUCCESS || rustpsa_set_key_slot_capacity(4) != PSA_SUCCESS) {
        problem("configuration refused", -1);
        _exit(1);
    }
    if (psa_crypto_init() != PSA_SUCCESS) {
        problem("init failed", -1);
        _exit(1);
    }
    __atomic_store_n(&g_calls, 0, __ATOMIC_SEQ_CST);
    memset(g_kind_calls, 0, sizeof g_kind_calls);
    g_failed_kind = -1;
    __atomic_store_n(&g_fail_at, fail_at, __ATOMIC_SEQ_CST);
    if (sc == SC_SINGLE)
        scenario_single(presence);
    else
        scenario_contend(&presence[0]);
    g_run->calls = __atomic_load_n(&g_calls, __ATOMIC_SEQ_CST);
    memcpy(g_run->kind_calls, g_kind_calls, sizeof g_kind_calls);
    g_run->failed_kind = g_failed_kind;
    {
        rustpsa_key_store_stats_t st;
        __atomic_store_n(&g_fail_at, 0, __ATOMIC_SEQ_CST);
        if (rustpsa_get_key_store_stats(&st) == PSA_SUCCESS)
            g_run->evictions = (unsigned long)st.evictions;
    }
    if (ref != NULL) {
        if (g_run->steps != ref->steps)
            problem("step count differs", g_run->steps);
        for (i = 0; i < g_run->steps && i < ref->steps; i++) {
            const step_t *s = &g_run->step[i], *r = &ref->step[i];
            if (s->status == SF) {
                in_failed = 1;
                continue;
            }
            if (in_failed)
                problem("a call succeeded after SERVICE_FAILURE (no failed state)", i);
            else if (s->status != r->status || s->len != r->len || memcmp(s->out, r->out, s->len) != 0)
                problem("result differs from the fault-free run", i);
        }
    }
    check_after(sc, dir, presence, ref != NULL ? ref : g_run);
    _exit(g_run->problems ? 1 : 0);
}

/* Forks one run; returns 0 ok, 1 failed checks, 2 hang (watchdog), 3 crash. */
static int run_one(scenario_t sc, unsigned long fail_at, const run_t *ref)
{
    char *dir = ct_make_temp_dir("faults");
    int status = 0, result;
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0)
        child(sc, dir, fail_at, ref);
    if (waitpid(pid, &status, 0) != pid)
        abort();
    if (WIFEXITED(status))
        result = WEXITSTATUS(status) == 0 ? 0 : 1;
    else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        result = 2;
    else
        result = 3;
    if (result != 0)
        fprintf(stderr, "fault run N=%lu (%s): %s\n", fail_at,
                g_run->failed_kind >= 0 ? kind_name[g_run->failed_kind] : "no fault",
                result == 1 ? "wrong result" : result == 2 ? "HANG" : "crash");
    ct_remove_dir(dir);
    free(dir);
    return result;
}

/* The fault-free run itself must be right: statuses and outputs checked
 * against what the scenario means (not just recorded). */
static void check_reference(scenario_t sc, const run_t *r)
{
    int i;
    if (sc == SC_CONTEND) {
        if (!CHECK(r->steps == 3))
            return;
        CHECK_STATUS(r->step[0].status, PSA_SUCCESS);
        CHECK_STATUS(r->step[1].status, PSA_ERROR_ALREADY_EXISTS);
        CHECK_STATUS(r->step[2].status, PSA_SUCCESS);
        CHECK_MEM(r->step[2].out, r->step[2].len, key_a, 16);
        CHECK(r->kind_calls[K_WAIT] >= 1);
        CHECK(r->kind_calls[K_BROADCAST] >= 1);
        return;
    }
    if (!CHECK(r->steps == 34))
        return;
    /* the small capacity really evicted and reloaded persistent keys */
    CHECK(r->evictions >= 3);
    for (i = 0; i < r->steps; i++)
        if (i != 31 && i != 32 && !CHECK_STATUS(r->step[i].status, PSA_SUCCESS))
            fprintf(stderr, "  reference step %d\n", i);
    CHECK_STATUS(r->step[31].status, PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(r->step[32].status, PSA_ERROR_INVALID_HANDLE);
    CHECK(r->step[1].len == 32);
    CHECK_MEM(r->step[6].out, r->step[6].len, r->step[1].out, r->step[1].len);
    CHECK_MEM(r->step[14].out, r->step[14].len, msg, sizeof msg);
    CHECK(r->step[17].len == 32);
    for (i = 0; i < N_PERSIST; i++)
        CHECK_MEM(r->step[22 + i].out, r->step[22 + i].len, persist_key[i], 16);
    CHECK_MEM(r->step[26].out, r->step[26].len, persist_key[0], 16);
}

static void run_scenario(scenario_t sc, const char *name)
{
    run_t *ref = malloc(sizeof *ref);
    unsigned long n, total, hangs = 0, wrong = 0, hit[K_KINDS] = {0};
    int k;

    if (ref == NULL)
        abort();
    if (!CHECK(run_one(sc, 0, NULL) == 0)) {
        free(ref);
        return;
    }
    *ref = *g_run;
    check_reference(sc, ref);
    CHECK(ref->calls > 0);
    total = ref->calls + EXTRA_N;
    for (n = 1; n <= total; n++) {
        int r = run_one(sc, n, ref);
        CHECK(r != 2);
        CHECK(r == 0);
        if (r == 2)
            hangs++;
        else if (r != 0)
            wrong++;
        if (g_run->failed_kind >= 0)
            hit[g_run->failed_kind]++;
    }
    /* The runs past the scenario's calls injected nothing. */
    CHECK(hit[K_LOCK] + hit[K_UNLOCK] + hit[K_WAIT] + hit[K_SIGNAL] + hit[K_BROADCAST] == ref->calls);
    printf("%s: %lu N values run (table calls %lu:", name, total, ref->calls);
    for (k = 0; k < K_KINDS; k++)
        printf(" %s %lu", kind_name[k], ref->kind_calls[k]);
    printf("), %lu hangs, %lu wrong results\n", hangs, wrong);
    free(ref);
}

int main(void)
{
    g_run = mmap(NULL, sizeof *g_run, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (g_run == MAP_FAILED)
        return 2;
    init_material();
    run_scenario(SC_SINGLE, "single");
    run_scenario(SC_CONTEND, "contend");
    return report();
}
