/* ctests/test_concurrency.c - pthread scenarios against one library instance.
 *
 *   init       all threads call psa_crypto_init at once (run first, before any
 *              other init), then use the library; free between rounds
 *   same_id    all threads create the same persistent id at once: exactly one
 *              succeeds, the others get ALREADY_EXISTS (or INSUFFICIENT_MEMORY)
 *   private    each thread imports, uses (hash, MAC known answers, copy), exports
 *              and destroys its own keys in a loop
 *   readers    readers export/MAC one shared key while another thread destroys it:
 *              every read is the whole correct key or INVALID_HANDLE, and no read
 *              succeeds after psa_destroy_key returned; then all threads destroy one
 *              key at once: exactly one PSA_SUCCESS
 *   eviction   300+ persistent keys used at random with a small slot capacity:
 *              evictions and reloads happen (rustpsa_get_key_store_stats)
 *   callbacks  the eviction and private workloads with host pthread callbacks
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default per scenario), -s NAME.
 * Each scenario prints "scenario NAME: T threads x R rounds ok" (or FAILED). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"
#include <rustpsa/threading.h>

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);
static int g_threads = 8;
static int g_rounds = -1; /* -1: each scenario's default */
static char *g_dir;
#define DEFAULT_CAPACITY 1048576

static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }

/* Runs fn(arg_i) on n threads and joins them. */
static void run_threads(int n, void *(*fn)(void *), void *args, size_t arg_size)
{
    pthread_t *th = calloc((size_t)n, sizeof *th);
    int i;
    if (th == NULL)
        abort();
    for (i = 0; i < n; i++)
        if (pthread_create(&th[i], NULL, fn, (char *)args + (size_t)i * arg_size) != 0) {
            FAIL("pthread_create failed");
            abort();
        }
    for (i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    free(th);
}

static void restart(size_t capacity)
{
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_set_storage_dir(g_dir), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(capacity), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

/* ---------------------------------------------------------------- init */

typedef struct {
    pthread_barrier_t *barrier;
    int index;
    psa_status_t init_status;
} init_arg_t;

static void *init_thread(void *p)
{
    init_arg_t *a = p;
    uint8_t data[16], out[16];
    size_t olen = 0;
    psa_key_id_t k = 0;
    pthread_barrier_wait(a->barrier);
    a->init_status = psa_crypto_init();
    /* the library is usable as soon as this thread's init returned */
    memset(data, a->index, sizeof data);
    CHECK_STATUS(psa_generate_random(out, sizeof out), PSA_SUCCESS);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    return NULL;
}

static int scenario_init(void)
{
    int R = rounds_or(20), r, i;
    init_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    pthread_barrier_t barrier;
    if (args == NULL)
        abort();
    for (r = 0; r < R; r++) {
        pthread_barrier_init(&barrier, NULL, (unsigned)g_threads);
        for (i = 0; i < g_threads; i++) {
            args[i].barrier = &barrier;
            args[i].index = i;
            args[i].init_status = -1;
        }
        run_threads(g_threads, init_thread, args, sizeof *args);
        for (i = 0; i < g_threads; i++)
            CHECK_STATUS(args[i].init_status, PSA_SUCCESS);
        pthread_barrier_destroy(&barrier);
        {
            rustpsa_key_store_stats_t st;
            if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS))
                CHECK(st.volatile_keys == 0 && st.slots_in_use == 0);
        }
        if (r + 1 < R) {
            mbedtls_psa_crypto_free();
            CHECK_STATUS(rustpsa_set_storage_dir(g_dir), PSA_SUCCESS);
        }
    }
    free(args);
    return R;
}

/* ---------------------------------------------------------------- same_id */

typedef struct {
    pthread_barrier_t *barrier;
    int index;
    psa_key_id_t id;
    int generate;
    psa_status_t status;
    uint8_t data[32];
} same_arg_t;

static void *same_thread(void *p)
{
    same_arg_t *a = p;
    psa_key_id_t k = 0;
    psa_key_attributes_t attrs = ct_attrs(PSA_KEY_TYPE_HMAC, 256,
                                          PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                                          HMAC256);
    psa_set_key_id(&attrs, a->id);
    pthread_barrier_wait(a->barrier);
    if (a->generate)
        a->status = psa_generate_key(&attrs, &k);
    else
        a->status = psa_import_key(&attrs, a->data, sizeof a->data, &k);
    if (a->status == PSA_SUCCESS)
        CHECK(k == a->id);
    return NULL;
}

static int scenario_same_id(void)
{
    int R = rounds_or(100), r, i;
    same_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    pthread_barrier_t barrier;
    if (args == NULL)
        abort();
    for (r = 0; r < R; r++) {
        psa_key_id_t id = (psa_key_id_t)(0x10000 + r);
        int winners = 0, winner = -1;
        uint8_t out[32];
        size_t olen = 0;
        pthread_barrier_init(&barrier, NULL, (unsigned)g_threads);
        for (i = 0; i < g_threads; i++) {
            args[i].barrier = &barrier;
            args[i].index = i;
            args[i].id = id;
            args[i].generate = (r % 2 == 1) && (i % 2 == 1);
            args[i].status = -1;
            memset(args[i].data, i + 1, sizeof args[i].data);
            args[i].data[0] = (uint8_t)r;
        }
        run_threads(g_threads, same_thread, args, sizeof *args);
        pthread_barrier_destroy(&barrier);
        for (i = 0; i < g_threads; i++) {
            if (args[i].status == PSA_SUCCESS) {
                winners++;
                winner = i;
            } else if (args[i].status != PSA_ERROR_ALREADY_EXISTS &&
                       args[i].status != PSA_ERROR_INSUFFICIENT_MEMORY) {
                FAIL("round %d thread %d: creating id 0x%x returned %s", r, i, (unsigned)id,
                     ct_status_name(args[i].status));
            }
        }
        if (winners != 1) {
            FAIL("round %d: %d threads created id 0x%x (expected exactly 1)", r, winners,
                 (unsigned)id);
        } else {
            CHECK(1);
            if (CHECK_STATUS(psa_export_key(id, out, sizeof out, &olen), PSA_SUCCESS)) {
                CHECK(olen == 32);
                if (!args[winner].generate)
                    CHECK_MEM(out, olen, args[winner].data, 32);
            }
        }
        if (winners >= 1) {
            CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
            CHECK_STATUS(psa_export_key(id, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        }
    }
    CHECK(ct_count_files(g_dir) == 0);
    free(args);
    return R;
}

/* ---------------------------------------------------------------- private */

typedef struct {
    int index;
    int rounds;
} private_arg_t;

static void private_round(uint64_t *rng, int r, int index)
{
    const ct_hmac_vector_t *v = &ct_rfc4231[(size_t)(r + index) % ct_rfc4231_count];
    uint8_t vkey[256], vdata[256], vmac[32], out[PSA_MAC_MAX_SIZE], rkey[32], akey[32];
    uint8_t m1[32], m2[32];
    size_t vklen = ct_unhex(v->key_hex, vkey, sizeof vkey);
    size_t vdlen = ct_unhex(v->data_hex, vdata, sizeof vdata);
    size_t vmlen = ct_unhex(v->mac_hex, vmac, sizeof vmac);
    size_t olen, l1 = 0, l2 = 0, aes_len = 16 + 8 * (size_t)(ct_rand_next(rng) % 3);
    psa_algorithm_t valg = v->truncated_len ? PSA_ALG_TRUNCATED_MAC(HMAC256, v->truncated_len)
                                            : HMAC256;
    psa_key_id_t k0 = 0, k1 = 0, k2 = 0, k3 = 0;
    static const uint8_t abc_hash[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    psa_key_attributes_t ca = PSA_KEY_ATTRIBUTES_INIT;

    ct_rand_fill(rng, rkey, sizeof rkey);
    ct_rand_fill(rng, akey, sizeof akey);

    /* known answers */
    if (ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, valg, vkey, vklen, &k0) !=
        PSA_SUCCESS) {
        FAIL("thread %d round %d: import of %s key failed", index, r, v->name);
        return;
    }
    if (ct_import(PSA_KEY_TYPE_HMAC,
                  PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_COPY |
                      PSA_KEY_USAGE_EXPORT,
                  HMAC256, rkey, sizeof rkey, &k1) != PSA_SUCCESS ||
        ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, PSA_ALG_CTR, akey, aes_len, &k2) !=
            PSA_SUCCESS) {
        FAIL("thread %d round %d: import failed", index, r);
        return;
    }
    psa_set_key_usage_flags(&ca, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&ca, HMAC256);
    if (psa_copy_key(k1, &ca, &k3) != PSA_SUCCESS)
        FAIL("thread %d round %d: copy failed", index, r);

    olen = 0;
    if (psa_mac_compute(k0, valg, vdata, vdlen, out, sizeof out, &olen) != PSA_SUCCESS ||
        olen != vmlen || memcmp(out, vmac, vmlen) != 0)
        FAIL("thread %d round %d: %s MAC wrong", index, r, v->name);
    if (psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *)"abc", 3, out, sizeof out, &olen) !=
            PSA_SUCCESS ||
        olen != 32 || memcmp(out, abc_hash, 32) != 0)
        FAIL("thread %d round %d: SHA-256(abc) wrong", index, r);
    if (psa_mac_compute(k1, HMAC256, vdata, vdlen, m1, sizeof m1, &l1) != PSA_SUCCESS ||
        psa_mac_verify(k1, HMAC256, vdata, vdlen, m1, l1) != PSA_SUCCESS)
        FAIL("thread %d round %d: MAC with random key failed", index, r);
    if (k3 != 0 && (psa_mac_compute(k3, HMAC256, vdata, vdlen, m2, sizeof m2, &l2) != PSA_SUCCESS ||
                    l1 != l2 || memcmp(m1, m2, l1) != 0))
        FAIL("thread %d round %d: MAC of the copy differs", index, r);
    m1[r % 32] ^= 1;
    if (psa_mac_verify(k1, HMAC256, vdata, vdlen, m1, l1) != PSA_ERROR_INVALID_SIGNATURE)
        FAIL("thread %d round %d: a wrong MAC verified", index, r);
    if (psa_export_key(k1, out, sizeof out, &olen) != PSA_SUCCESS || olen != 32 ||
        memcmp(out, rkey, 32) != 0)
        FAIL("thread %d round %d: HMAC key export differs", index, r);
    if (psa_export_key(k2, out, sizeof out, &olen) != PSA_SUCCESS || olen != aes_len ||
        memcmp(out, akey, aes_len) != 0)
        FAIL("thread %d round %d: AES key export differs", index, r);
    if (k3 != 0 && (psa_export_key(k3, out, sizeof out, &olen) != PSA_SUCCESS || olen != 32 ||
                    memcmp(out, rkey, 32) != 0))
        FAIL("thread %d round %d: copy export differs", index, r);
    if (psa_destroy_key(k0) != PSA_SUCCESS || psa_destroy_key(k1) != PSA_SUCCESS ||
        psa_destroy_key(k2) != PSA_SUCCESS || (k3 != 0 && psa_destroy_key(k3) != PSA_SUCCESS))
        FAIL("thread %d round %d: destroy failed", index, r);
    if (psa_export_key(k1, out, sizeof out, &olen) != PSA_ERROR_INVALID_HANDLE ||
        psa_mac_compute(k0, valg, vdata, vdlen, out, sizeof out, &olen) !=
            PSA_ERROR_INVALID_HANDLE)
        FAIL("thread %d round %d: destroyed key still usable", index, r);
    CHECK(1); /* one passing check per round */
}

static void *private_thread(void *p)
{
    private_arg_t *a = p;
    uint64_t rng = 0x1234567ULL * (uint64_t)(a->index + 1);
    int r;
    for (r = 0; r < a->rounds; r++)
        private_round(&rng, r, a->index);
    return NULL;
}

static void private_workload(int R)
{
    private_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    int i;
    rustpsa_key_store_stats_t st;
    if (args == NULL)
        abort();
    for (i = 0; i < g_threads; i++) {
        args[i].index = i;
        args[i].rounds = R;
    }
    run_threads(g_threads, private_thread, args, sizeof *args);
    free(args);
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS))
        CHECK(st.volatile_keys == 0);
}

static int scenario_private(void)
{
    int R = rounds_or(300);
    private_workload(R);
    return R;
}

/* ---------------------------------------------------------------- readers */

typedef struct {
    int index;
    int is_destroyer;
    psa_key_id_t key;
    const uint8_t *data;
    size_t data_len;
    const uint8_t *mac;
    int *destroyed;   /* set (seq_cst) after psa_destroy_key returned */
    long *reads;      /* reads done so far, by all readers */
    long destroy_after;
    long ok_reads, invalid_reads;
} reader_arg_t;

static void *reader_thread(void *p)
{
    reader_arg_t *a = p;
    uint8_t out[256];
    size_t olen;
    long iter = 0, after = 0;
    static const uint8_t msg[] = "Test Using Larger Than Block-Size Key - Hash Key First";
    if (a->is_destroyer) {
        long spins = 0;
        while (ALOAD(*a->reads) < a->destroy_after && spins++ < 100000000L)
            sched_yield();
        CHECK_STATUS(psa_destroy_key(a->key), PSA_SUCCESS);
        ASTORE(*a->destroyed, 1);
        return NULL;
    }
    for (iter = 0; iter < 10000000L; iter++) {
        int before = ALOAD(*a->destroyed);
        psa_status_t s;
        olen = 0;
        memset(out, 0, sizeof out);
        if (iter % 2 == 0) {
            s = psa_export_key(a->key, out, sizeof out, &olen);
            if (s == PSA_SUCCESS && (olen != a->data_len || memcmp(out, a->data, olen) != 0))
                FAIL("reader %d: export returned a wrong/partial key (%zu bytes)", a->index, olen);
        } else {
            s = psa_mac_compute(a->key, HMAC256, msg, sizeof msg - 1, out, sizeof out, &olen);
            if (s == PSA_SUCCESS && (olen != 32 || memcmp(out, a->mac, 32) != 0))
                FAIL("reader %d: MAC with the shared key is wrong", a->index);
        }
        if (s == PSA_SUCCESS) {
            a->ok_reads++;
            if (before)
                FAIL("reader %d: read succeeded after psa_destroy_key returned", a->index);
        } else if (s == PSA_ERROR_INVALID_HANDLE) {
            a->invalid_reads++;
        } else {
            FAIL("reader %d: unexpected status %s", a->index, ct_status_name(s));
        }
        AINC(*a->reads);
        if (before && ++after >= 20)
            break;
    }
    return NULL;
}

static void *double_destroy_thread(void *p)
{
    same_arg_t *a = p; /* reuse: id, barrier, status */
    pthread_barrier_wait(a->barrier);
    a->status = psa_destroy_key(a->id);
    return NULL;
}

static int scenario_readers(void)
{
    int R = rounds_or(100), r, i;
    reader_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    same_arg_t *dargs = calloc((size_t)g_threads, sizeof *dargs);
    const ct_hmac_vector_t *v = &ct_rfc4231[5]; /* 131-byte key, test case 6 */
    uint8_t key[256], mac[32];
    size_t klen = ct_unhex(v->key_hex, key, sizeof key);
    uint64_t rng = 99;
    long total_ok = 0, total_invalid = 0;
    if (args == NULL || dargs == NULL)
        abort();
    ct_unhex(v->mac_hex, mac, sizeof mac);
    for (r = 0; r < R; r++) {
        psa_key_id_t k = 0;
        int destroyed = 0, persistent = r % 2 == 1;
        long reads = 0;
        long destroy_after = (long)(ct_rand_next(&rng) % (uint64_t)(40 * g_threads));
        psa_status_t s;
        uint8_t out[256];
        size_t olen;
        if (persistent)
            s = ct_import_persistent((psa_key_id_t)(0x20000 + r), PSA_KEY_TYPE_HMAC,
                                     PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256,
                                     key, klen, &k);
        else
            s = ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                          HMAC256, key, klen, &k);
        if (!CHECK_STATUS(s, PSA_SUCCESS))
            break;
        if (persistent && r % 4 == 3)
            CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS); /* readers race to reload it */
        for (i = 0; i < g_threads; i++) {
            memset(&args[i], 0, sizeof args[i]);
            args[i].index = i;
            args[i].is_destroyer = i == g_threads - 1;
            args[i].key = k;
            args[i].data = key;
            args[i].data_len = klen;
            args[i].mac = mac;
            args[i].destroyed = &destroyed;
            args[i].reads = &reads;
            args[i].destroy_after = destroy_after;
        }
        run_threads(g_threads, reader_thread, args, sizeof *args);
        for (i = 0; i < g_threads; i++) {
            total_ok += args[i].ok_reads;
            total_invalid += args[i].invalid_reads;
        }
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_destroy_key(k), PSA_ERROR_INVALID_HANDLE);

        /* all threads destroy one key at once */
        {
            pthread_barrier_t barrier;
            int successes = 0;
            if (persistent)
                s = ct_import_persistent((psa_key_id_t)(0x28000 + r), PSA_KEY_TYPE_RAW_DATA,
                                         PSA_KEY_USAGE_EXPORT, 0, key, 16, &k);
            else
                s = ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, key, 16, &k);
            if (!CHECK_STATUS(s, PSA_SUCCESS))
                break;
            pthread_barrier_init(&barrier, NULL, (unsigned)g_threads);
            for (i = 0; i < g_threads; i++) {
                dargs[i].barrier = &barrier;
                dargs[i].id = k;
                dargs[i].status = -1;
            }
            run_threads(g_threads, double_destroy_thread, dargs, sizeof *dargs);
            pthread_barrier_destroy(&barrier);
            for (i = 0; i < g_threads; i++) {
                if (dargs[i].status == PSA_SUCCESS)
                    successes++;
                else if (dargs[i].status != PSA_ERROR_INVALID_HANDLE)
                    FAIL("round %d: concurrent destroy returned %s", r,
                         ct_status_name(dargs[i].status));
            }
            if (successes != 1)
                FAIL("round %d: %d concurrent destroys succeeded (expected 1)", r, successes);
            else
                CHECK(1);
            CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        }
    }
    fprintf(stderr, "# readers: %ld successful reads, %ld INVALID_HANDLE\n", total_ok,
            total_invalid);
    CHECK(total_ok > 0);
    CHECK(ct_count_files(g_dir) == 0);
    free(args);
    free(dargs);
    return R;
}

/* ---------------------------------------------------------------- eviction */

#define NPERSIST 320
#define PERSIST_BASE 0x30000u

typedef struct {
    int index;
    int rounds;
    uint8_t (*data)[32];
    uint8_t (*macs)[32];
} evict_arg_t;

static void *evict_thread(void *p)
{
    evict_arg_t *a = p;
    uint64_t rng = 0xabcdefULL + (uint64_t)a->index * 7919;
    static const uint8_t msg[] = "eviction";
    int r;
    for (r = 0; r < a->rounds; r++) {
        size_t i = (size_t)(ct_rand_next(&rng) % NPERSIST);
        psa_key_id_t id = (psa_key_id_t)(PERSIST_BASE + i);
        uint8_t out[32];
        size_t olen = 0;
        psa_status_t s;
        switch (ct_rand_next(&rng) % 4) {
        case 0:
        case 1:
            s = psa_export_key(id, out, sizeof out, &olen);
            if (s != PSA_SUCCESS)
                FAIL("thread %d: export of key %zu returned %s", a->index, i, ct_status_name(s));
            else if (olen != 32 || memcmp(out, a->data[i], 32) != 0)
                FAIL("thread %d: key %zu exported wrong bytes", a->index, i);
            break;
        case 2:
            s = psa_mac_compute(id, HMAC256, msg, sizeof msg, out, sizeof out, &olen);
            if (s != PSA_SUCCESS)
                FAIL("thread %d: MAC with key %zu returned %s", a->index, i, ct_status_name(s));
            else if (olen != 32 || memcmp(out, a->macs[i], 32) != 0)
                FAIL("thread %d: key %zu gave a wrong MAC", a->index, i);
            break;
        default:
            s = psa_mac_verify(id, HMAC256, msg, sizeof msg, a->macs[i], 32);
            if (s != PSA_SUCCESS)
                FAIL("thread %d: MAC verify with key %zu returned %s", a->index, i,
                     ct_status_name(s));
            break;
        }
    }
    CHECK(1);
    return NULL;
}

/* Small enough to force evictions of the NPERSIST keys, large enough for the
 * private workload (up to 4 volatile keys per thread) of the callbacks scenario:
 * so evictions need fewer than NPERSIST / 5 threads. */
static size_t small_capacity(void)
{
    return (size_t)(5 * g_threads > 32 ? 5 * g_threads : 32);
}

/* Expects the library initialised with small_capacity(). */
static void eviction_workload(int R)
{
    uint8_t(*data)[32] = calloc(NPERSIST, 32);
    uint8_t(*macs)[32] = calloc(NPERSIST, 32);
    evict_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    static const uint8_t msg[] = "eviction";
    rustpsa_key_store_stats_t s0, s1;
    size_t i, cap = small_capacity(), created = 0;
    uint64_t rng = 4242;
    int t;
    if (data == NULL || macs == NULL || args == NULL)
        abort();
    for (i = 0; i < NPERSIST; i++) {
        psa_key_id_t k = 0;
        size_t olen = 0;
        ct_rand_fill(&rng, data[i], 32);
        if (ct_import_persistent((psa_key_id_t)(PERSIST_BASE + i), PSA_KEY_TYPE_HMAC,
                                 PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE |
                                     PSA_KEY_USAGE_VERIFY_MESSAGE,
                                 HMAC256, data[i], 32, &k) != PSA_SUCCESS) {
            FAIL("creating persistent key %zu failed", i);
            break;
        }
        if (psa_mac_compute(k, HMAC256, msg, sizeof msg, macs[i], 32, &olen) != PSA_SUCCESS)
            FAIL("MAC with new persistent key %zu failed", i);
        created++;
    }
    if (!CHECK(created == NPERSIST))
        goto cleanup;
    if (!CHECK_STATUS(rustpsa_get_key_store_stats(&s0), PSA_SUCCESS))
        goto cleanup;
    CHECK(s0.capacity == cap);
    CHECK(s0.slots_in_use <= cap);
    CHECK(s0.persistent_keys_loaded <= cap);
    CHECK(s0.evictions >= NPERSIST - cap);
    for (t = 0; t < g_threads; t++) {
        args[t].index = t;
        args[t].rounds = R;
        args[t].data = data;
        args[t].macs = macs;
    }
    run_threads(g_threads, evict_thread, args, sizeof *args);
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&s1), PSA_SUCCESS)) {
        fprintf(stderr, "# eviction: loads %llu -> %llu, evictions %llu -> %llu, in use %zu/%zu\n",
                (unsigned long long)s0.persistent_loads, (unsigned long long)s1.persistent_loads,
                (unsigned long long)s0.evictions, (unsigned long long)s1.evictions,
                s1.slots_in_use, s1.capacity);
        CHECK(s1.evictions > s0.evictions);
        CHECK(s1.persistent_loads > s0.persistent_loads);
        CHECK(s1.slots_in_use <= cap);
        CHECK(s1.persistent_keys_loaded <= cap);
        CHECK(s1.volatile_keys == 0);
    }
cleanup:
    for (i = 0; i < created; i++)
        if (psa_destroy_key((psa_key_id_t)(PERSIST_BASE + i)) != PSA_SUCCESS)
            FAIL("destroying persistent key %zu failed", i);
    CHECK(ct_count_files(g_dir) == 0);
    free(data);
    free(macs);
    free(args);
}

static int scenario_eviction(void)
{
    int R = rounds_or(3000);
    restart(small_capacity());
    eviction_workload(R);
    restart(DEFAULT_CAPACITY);
    return R;
}

/* ---------------------------------------------------------------- callbacks */

static unsigned long cb_lock, cb_unlock, cb_mutex_init, cb_mutex_free, cb_cond_init, cb_cond_free,
    cb_wait, cb_signal, cb_broadcast;

static int cb_mutex_init_fn(void **m)
{
    pthread_mutex_t *p = malloc(sizeof *p);
    if (p == NULL || pthread_mutex_init(p, NULL) != 0) {
        free(p);
        return 1;
    }
    AINC(cb_mutex_init);
    *m = p;
    return 0;
}
static void cb_mutex_free_fn(void *m)
{
    AINC(cb_mutex_free);
    pthread_mutex_destroy(m);
    free(m);
}
static int cb_lock_fn(void *m)
{
    AINC(cb_lock);
    return pthread_mutex_lock(m);
}
static int cb_unlock_fn(void *m)
{
    AINC(cb_unlock);
    return pthread_mutex_unlock(m);
}
static int cb_cond_init_fn(void **c)
{
    pthread_cond_t *p = malloc(sizeof *p);
    if (p == NULL || pthread_cond_init(p, NULL) != 0) {
        free(p);
        return 1;
    }
    AINC(cb_cond_init);
    *c = p;
    return 0;
}
static void cb_cond_free_fn(void *c)
{
    AINC(cb_cond_free);
    pthread_cond_destroy(c);
    free(c);
}
static int cb_wait_fn(void *c, void *m)
{
    AINC(cb_wait);
    return pthread_cond_wait(c, m);
}
static int cb_signal_fn(void *c)
{
    AINC(cb_signal);
    return pthread_cond_signal(c);
}
static int cb_broadcast_fn(void *c)
{
    AINC(cb_broadcast);
    return pthread_cond_broadcast(c);
}

static int scenario_callbacks(void)
{
    static const rustpsa_threading_callbacks_t table = {
        cb_mutex_init_fn, cb_mutex_free_fn, cb_lock_fn,   cb_unlock_fn,   cb_cond_init_fn,
        cb_cond_free_fn,  cb_wait_fn,       cb_signal_fn, cb_broadcast_fn,
    };
    int R = rounds_or(2000);
    unsigned long locks0;
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_set_threading_callbacks(&table), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_storage_dir(g_dir), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(small_capacity()), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return R;
    CHECK(ALOAD(cb_mutex_init) >= 1 && ALOAD(cb_cond_init) >= 1);
    locks0 = ALOAD(cb_lock);
    eviction_workload(R);
    private_workload(R / 10 > 0 ? R / 10 : 1);
    CHECK(ALOAD(cb_lock) > locks0 + (unsigned long)g_threads * (unsigned long)R);
    CHECK(ALOAD(cb_lock) == ALOAD(cb_unlock));
    mbedtls_psa_crypto_free();
    CHECK(ALOAD(cb_mutex_free) == ALOAD(cb_mutex_init));
    CHECK(ALOAD(cb_cond_free) == ALOAD(cb_cond_init));
    fprintf(stderr, "# callbacks: lock %lu, cond_wait %lu, signal %lu, broadcast %lu\n",
            ALOAD(cb_lock), ALOAD(cb_wait), ALOAD(cb_signal), ALOAD(cb_broadcast));
    CHECK_STATUS(rustpsa_set_threading_callbacks(NULL), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_storage_dir(g_dir), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(DEFAULT_CAPACITY), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    return R;
}

/* ---------------------------------------------------------------- main */

typedef struct {
    const char *name;
    int (*fn)(void);
} scenario_t;

static const scenario_t scenarios[] = {
    {"init", scenario_init},         {"same_id", scenario_same_id},
    {"private", scenario_private},   {"readers", scenario_readers},
    {"eviction", scenario_eviction}, {"callbacks", scenario_callbacks},
};

int main(int argc, char **argv)
{
    const char *only = NULL;
    int opt;
    size_t i;
    while ((opt = getopt(argc, argv, "t:r:s:")) != -1) {
        switch (opt) {
        case 't': g_threads = atoi(optarg); break;
        case 'r': g_rounds = atoi(optarg); break;
        case 's': only = optarg; break;
        default:
            fprintf(stderr, "usage: %s [-t threads] [-r rounds] [-s scenario]\n", argv[0]);
            return 2;
        }
    }
    if (g_threads < 2 || g_threads > NPERSIST / 5 - 1) {
        fprintf(stderr, "threads must be in [2, %d]\n", NPERSIST / 5 - 1);
        return 2;
    }
    if (only != NULL) {
        for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
            if (strcmp(only, scenarios[i].name) == 0)
                break;
        if (i == sizeof scenarios / sizeof scenarios[0]) {
            fprintf(stderr, "unknown scenario %s\n", only);
            return 2;
        }
    }
    g_dir = ct_make_temp_dir("concurrency");
    CHECK_STATUS(rustpsa_set_storage_dir(g_dir), PSA_SUCCESS);
    for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        unsigned long failed_before = ct_failed();
        int rounds;
        if (only != NULL && strcmp(only, scenarios[i].name) != 0)
            continue;
        /* every scenario but "init" starts from an initialised library */
        if (strcmp(scenarios[i].name, "init") != 0 &&
            !CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
            break;
        rounds = scenarios[i].fn();
        printf("scenario %s: %d threads x %d rounds %s\n", scenarios[i].name, g_threads, rounds,
               ct_failed() == failed_before ? "ok" : "FAILED");
        fflush(stdout);
    }
    mbedtls_psa_crypto_free();
    ct_remove_dir(g_dir);
    free(g_dir);
    return report();
}
