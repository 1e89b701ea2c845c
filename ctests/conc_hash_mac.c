/* ctests/conc_hash_mac.c - hashes and MACs from many threads at once.
 *
 *   shared     T threads hash and MAC (one-shot and multi-part, HMAC and CMAC)
 *              with one shared pair of keys; every result is compared with a
 *              reference computed single-threaded beforehand
 *   destroy    T threads run MAC operations on a key that the main thread
 *              destroys meanwhile: once psa_destroy_key has returned, setup
 *              gets PSA_ERROR_INVALID_HANDLE; an operation set up before ends
 *              with the correct MAC or PSA_ERROR_BAD_STATE, never a wrong MAC
 *   shared_op  two threads call psa_hash_update / psa_mac_update on one
 *              operation object at once: the loser of each collision gets
 *              PSA_ERROR_BAD_STATE (seen at least once), nothing crashes, and
 *              the final value is the one for the updates that succeeded
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default per scenario), -s NAME. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int g_threads = 8;
static int g_rounds = -1;
static const char *g_only = NULL;

static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }

static const uint8_t KEY[32] = {0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x01, 0x23, 0x45,
                                0x67, 0x89, 0xab, 0xcd, 0xef, 0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5,
                                0x96, 0x87, 0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f};
static const psa_key_usage_t BOTH = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

/* ---------------------------------------------------------------- shared */

#define NMSG 8
#define MSG_MAX 700
static const psa_algorithm_t HASHES[] = {PSA_ALG_SHA_256, PSA_ALG_SHA_512, PSA_ALG_SHA3_256,
                                         PSA_ALG_SHA_224, PSA_ALG_MD5, PSA_ALG_SHAKE256_512};
#define NHASH (sizeof HASHES / sizeof HASHES[0])
static uint8_t g_msg[NMSG][MSG_MAX];
static size_t g_msg_len[NMSG];
static uint8_t g_ref_hash[NHASH][NMSG][PSA_HASH_MAX_SIZE];
static uint8_t g_ref_hmac[NMSG][32], g_ref_cmac[NMSG][16];
static psa_key_id_t g_hmac_key, g_cmac_key;

typedef struct {
    int id, rounds;
} shared_arg_t;

static void multi_hash(psa_algorithm_t alg, const uint8_t *m, size_t len, size_t step, uint8_t *out,
                       size_t *olen)
{
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    size_t pos;
    if (!CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS))
        return;
    for (pos = 0; pos < len; pos += step)
        CHECK_STATUS(psa_hash_update(&op, m + pos, pos + step > len ? len - pos : step), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, out, PSA_HASH_MAX_SIZE, olen), PSA_SUCCESS);
}

static void *shared_thread(void *p)
{
    shared_arg_t *a = p;
    uint64_t rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(a->id + 1);
    int r;
    for (r = 0; r < a->rounds; r++) {
        size_t mi = (size_t)(ct_rand_next(&rng) % NMSG), hi = (size_t)(ct_rand_next(&rng) % NHASH);
        size_t step = 1 + (size_t)(ct_rand_next(&rng) % 97), len = g_msg_len[mi], olen = 0, pos;
        const uint8_t *m = g_msg[mi];
        uint8_t out[PSA_HASH_MAX_SIZE];
        psa_algorithm_t h = HASHES[hi];
        psa_mac_operation_t mop = PSA_MAC_OPERATION_INIT;
        /* hashes */
        if (CHECK_STATUS(psa_hash_compute(h, m, len, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, g_ref_hash[hi][mi], PSA_HASH_LENGTH(h));
        CHECK_STATUS(psa_hash_compare(h, m, len, g_ref_hash[hi][mi], PSA_HASH_LENGTH(h)), PSA_SUCCESS);
        olen = 0;
        multi_hash(h, m, len, step, out, &olen);
        CHECK_MEM(out, olen, g_ref_hash[hi][mi], PSA_HASH_LENGTH(h));
        /* HMAC, one-shot and multi-part */
        if (CHECK_STATUS(psa_mac_compute(g_hmac_key, HMAC256, m, len, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, g_ref_hmac[mi], 32);
        CHECK_STATUS(psa_mac_verify(g_hmac_key, HMAC256, m, len, g_ref_hmac[mi], 32), PSA_SUCCESS);
        if (CHECK_STATUS(psa_mac_sign_setup(&mop, g_hmac_key, HMAC256), PSA_SUCCESS)) {
            for (pos = 0; pos < len; pos += step)
                CHECK_STATUS(psa_mac_update(&mop, m + pos, pos + step > len ? len - pos : step),
                             PSA_SUCCESS);
            if (CHECK_STATUS(psa_mac_sign_finish(&mop, out, sizeof out, &olen), PSA_SUCCESS))
                CHECK_MEM(out, olen, g_ref_hmac[mi], 32);
        }
        /* CMAC, multi-part verify and one-shot */
        if (CHECK_STATUS(psa_mac_verify_setup(&mop, g_cmac_key, PSA_ALG_CMAC), PSA_SUCCESS)) {
            for (pos = 0; pos < len; pos += step)
                CHECK_STATUS(psa_mac_update(&mop, m + pos, pos + step > len ? len - pos : step),
                             PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify_finish(&mop, g_ref_cmac[mi], 16), PSA_SUCCESS);
        }
        if (CHECK_STATUS(psa_mac_compute(g_cmac_key, PSA_ALG_CMAC, m, len, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, g_ref_cmac[mi], 16);
    }
    return NULL;
}

static void scenario_shared(void)
{
    int R = rounds_or(200), i;
    size_t mi, hi, olen;
    unsigned long failed = ct_failed();
    uint64_t rng = 42;
    shared_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    if (args == NULL)
        abort();
    for (mi = 0; mi < NMSG; mi++) {
        g_msg_len[mi] = mi == 0 ? 0 : (size_t)(ct_rand_next(&rng) % MSG_MAX);
        ct_rand_fill(&rng, g_msg[mi], g_msg_len[mi]);
    }
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, HMAC256, KEY, 32, &g_hmac_key), PSA_SUCCESS) ||
        !CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, PSA_ALG_CMAC, KEY, 16, &g_cmac_key),
                      PSA_SUCCESS)) {
        free(args);
        return;
    }
    /* single-threaded references */
    for (mi = 0; mi < NMSG; mi++) {
        for (hi = 0; hi < NHASH; hi++)
            CHECK_STATUS(psa_hash_compute(HASHES[hi], g_msg[mi], g_msg_len[mi], g_ref_hash[hi][mi],
                                          PSA_HASH_MAX_SIZE, &olen),
                         PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(g_hmac_key, HMAC256, g_msg[mi], g_msg_len[mi], g_ref_hmac[mi], 32,
                                     &olen),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(g_cmac_key, PSA_ALG_CMAC, g_msg[mi], g_msg_len[mi],
                                     g_ref_cmac[mi], 16, &olen),
                     PSA_SUCCESS);
    }
    for (i = 0; i < g_threads; i++) {
        args[i].id = i;
        args[i].rounds = R;
    }
    ct_run_threads(g_threads, shared_thread, args, sizeof *args);
    CHECK_STATUS(psa_destroy_key(g_hmac_key), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(g_cmac_key), PSA_SUCCESS);
    printf("scenario shared: %d threads x %d rounds %s\n", g_threads, R,
           ct_failed() == failed ? "ok" : "FAILED");
    free(args);
}

/* ---------------------------------------------------------------- destroy */

static psa_key_id_t g_victim;
static int g_destroyed; /* set (atomically) after psa_destroy_key returned */
static int g_go;
static uint8_t g_victim_mac[32];
static const uint8_t VICTIM_MSG[] = "a message authenticated while its key is destroyed";

typedef struct {
    int id;
    unsigned long ok, bad_state, invalid_handle;
} destroy_arg_t;

static void *destroy_thread(void *p)
{
    destroy_arg_t *a = p;
    while (!__atomic_load_n(&g_go, __ATOMIC_ACQUIRE))
        sched_yield();
    for (;;) {
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        int was_destroyed = __atomic_load_n(&g_destroyed, __ATOMIC_ACQUIRE);
        psa_status_t st = psa_mac_sign_setup(&op, g_victim, HMAC256);
        size_t pos, olen = 0;
        uint8_t out[32];
        if (st == PSA_ERROR_INVALID_HANDLE) {
            a->invalid_handle++;
            break;
        }
        if (!CHECK_STATUS(st, PSA_SUCCESS))
            break;
        /* setup succeeded: it must have started before destroy returned */
        CHECK(!was_destroyed);
        st = PSA_SUCCESS;
        for (pos = 0; pos < sizeof VICTIM_MSG && st == PSA_SUCCESS; pos += 5) {
            st = psa_mac_update(&op, VICTIM_MSG + pos, pos + 5 > sizeof VICTIM_MSG ? sizeof VICTIM_MSG - pos : 5);
            if (st != PSA_SUCCESS)
                CHECK_STATUS(st, PSA_ERROR_BAD_STATE);
        }
        if (st == PSA_SUCCESS) {
            st = psa_mac_sign_finish(&op, out, sizeof out, &olen);
            if (st == PSA_SUCCESS)
                CHECK_MEM(out, olen, g_victim_mac, 32);
            else
                CHECK_STATUS(st, PSA_ERROR_BAD_STATE);
        }
        if (st == PSA_SUCCESS)
            a->ok++;
        else
            a->bad_state++;
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    (void)a->id;
    return NULL;
}

static void *destroyer(void *p)
{
    (void)p;
    while (!__atomic_load_n(&g_go, __ATOMIC_ACQUIRE))
        sched_yield();
    usleep(200);
    CHECK_STATUS(psa_destroy_key(g_victim), PSA_SUCCESS);
    __atomic_store_n(&g_destroyed, 1, __ATOMIC_RELEASE);
    return NULL;
}

static void scenario_destroy(void)
{
    int R = rounds_or(20), r, i;
    unsigned long failed = ct_failed(), ok = 0, bad = 0;
    destroy_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    if (args == NULL)
        abort();
    for (r = 0; r < R; r++) {
        size_t olen;
        pthread_t d;
        if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, HMAC256, KEY, 32, &g_victim), PSA_SUCCESS))
            break;
        CHECK_STATUS(psa_mac_compute(g_victim, HMAC256, VICTIM_MSG, sizeof VICTIM_MSG, g_victim_mac, 32,
                                     &olen),
                     PSA_SUCCESS);
        __atomic_store_n(&g_destroyed, 0, __ATOMIC_RELEASE);
        __atomic_store_n(&g_go, 0, __ATOMIC_RELEASE);
        memset(args, 0, (size_t)g_threads * sizeof *args);
        for (i = 0; i < g_threads; i++)
            args[i].id = i;
        if (pthread_create(&d, NULL, destroyer, NULL) != 0)
            abort();
        __atomic_store_n(&g_go, 1, __ATOMIC_RELEASE);
        ct_run_threads(g_threads, destroy_thread, args, sizeof *args);
        pthread_join(d, NULL);
        for (i = 0; i < g_threads; i++) {
            CHECK(args[i].invalid_handle == 1);
            ok += args[i].ok;
            bad += args[i].bad_state;
        }
        /* after the destroy, the key is gone for everyone */
        {
            psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
            CHECK_STATUS(psa_mac_verify_setup(&op, g_victim, HMAC256), PSA_ERROR_INVALID_HANDLE);
        }
    }
    printf("scenario destroy: %d threads x %d rounds %s (%lu complete MACs, %lu revoked)\n", g_threads,
           R, ct_failed() == failed ? "ok" : "FAILED", ok, bad);
    free(args);
}

/* ---------------------------------------------------------------- shared_op */

static psa_hash_operation_t g_hop;
static psa_mac_operation_t g_mop;
static const uint8_t CHUNK[16] = "0123456789abcdef";

typedef struct {
    int which; /* 0: hash, 1: MAC */
    int tries;
    unsigned long ok, busy;
} op_arg_t;

static void *op_thread(void *p)
{
    op_arg_t *a = p;
    int i;
    for (i = 0; i < a->tries; i++) {
        psa_status_t st = a->which == 0 ? psa_hash_update(&g_hop, CHUNK, sizeof CHUNK)
                                        : psa_mac_update(&g_mop, CHUNK, sizeof CHUNK);
        if (st == PSA_SUCCESS)
            a->ok++;
        else if (CHECK_STATUS(st, PSA_ERROR_BAD_STATE))
            a->busy++;
    }
    return NULL;
}

static int expected_value(int which, psa_key_id_t k, unsigned long n, uint8_t *out, size_t *olen)
{
    uint8_t *m = malloc(n * sizeof CHUNK + 1);
    unsigned long i;
    psa_status_t st;
    if (m == NULL)
        abort();
    for (i = 0; i < n; i++)
        memcpy(m + i * sizeof CHUNK, CHUNK, sizeof CHUNK);
    st = which == 0 ? psa_hash_compute(PSA_ALG_SHA_256, m, n * sizeof CHUNK, out, 32, olen)
                    : psa_mac_compute(k, HMAC256, m, n * sizeof CHUNK, out, 32, olen);
    free(m);
    return CHECK_STATUS(st, PSA_SUCCESS);
}

static void scenario_shared_op(void)
{
    int R = rounds_or(20), r, which;
    unsigned long failed = ct_failed(), busy_total[2] = {0, 0};
    psa_key_id_t k = 0;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, HMAC256, KEY, 32, &k), PSA_SUCCESS))
        return;
    for (which = 0; which < 2; which++) {
        /* keep going until a collision was seen (bounded) */
        for (r = 0; r < R || (busy_total[which] == 0 && r < 50 * R); r++) {
            op_arg_t args[2];
            uint8_t got[32], want[32];
            size_t glen = 0, wlen = 0;
            memset(args, 0, sizeof args);
            args[0].which = args[1].which = which;
            args[0].tries = args[1].tries = 2000;
            if (which == 0) {
                memset(&g_hop, 0, sizeof g_hop);
                if (!CHECK_STATUS(psa_hash_setup(&g_hop, PSA_ALG_SHA_256), PSA_SUCCESS))
                    break;
            } else {
                memset(&g_mop, 0, sizeof g_mop);
                if (!CHECK_STATUS(psa_mac_sign_setup(&g_mop, k, HMAC256), PSA_SUCCESS))
                    break;
            }
            ct_run_threads(2, op_thread, args, sizeof args[0]);
            busy_total[which] += args[0].busy + args[1].busy;
            CHECK(args[0].ok + args[0].busy == 2000 && args[1].ok + args[1].busy == 2000);
            if (which == 0)
                CHECK_STATUS(psa_hash_finish(&g_hop, got, sizeof got, &glen), PSA_SUCCESS);
            else
                CHECK_STATUS(psa_mac_sign_finish(&g_mop, got, sizeof got, &glen), PSA_SUCCESS);
            if (expected_value(which, k, args[0].ok + args[1].ok, want, &wlen))
                CHECK_MEM(got, glen, want, wlen);
        }
        CHECK(busy_total[which] > 0);
    }
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    printf("scenario shared_op: 2 threads x %d rounds %s (%lu hash and %lu MAC collisions refused)\n", R,
           ct_failed() == failed ? "ok" : "FAILED", busy_total[0], busy_total[1]);
}

int main(int argc, char **argv)
{
    char *dir;
    if (ct_conc_options(argc, argv, &g_threads, &g_rounds, &g_only, "shared|destroy|shared_op") != 0)
        return 2;
    dir = ct_use_temp_storage("conchashmac");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    if (!g_only || strcmp(g_only, "shared") == 0)
        scenario_shared();
    if (!g_only || strcmp(g_only, "destroy") == 0)
        scenario_destroy();
    if (!g_only || strcmp(g_only, "shared_op") == 0)
        scenario_shared_op();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
