/* ctests/conc_xof.c - XOF operations from many threads at once.
 *
 *   parallel   T threads run SHAKE128, SHAKE256, Ascon-XOF128 and
 *              Ascon-CXOF128 operations (input and output in pieces) and
 *              compare each output with a reference computed single-threaded
 *   shared_op  two threads call psa_xof_update on one operation object at
 *              once: each call succeeds or gets PSA_ERROR_BAD_STATE (the loser
 *              of a collision), and the output is the XOF of the updates that
 *              succeeded
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default per scenario), -s NAME.
 * Check counts do not depend on timing. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int g_threads = 8;
static int g_rounds = -1;
static const char *g_only = NULL;

static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }

static const psa_algorithm_t ALGS[4] = {PSA_ALG_SHAKE128, PSA_ALG_SHAKE256, PSA_ALG_ASCON_XOF128,
                                        PSA_ALG_ASCON_CXOF128};
#define NMSG 4
#define OUT 100
static uint8_t g_msg[NMSG][300];
static uint8_t g_ref[4][NMSG][OUT];

/* The XOF of message m, output in pieces of `piece`; 0 on any error. */
static int run_xof(psa_algorithm_t alg, int m, size_t piece, uint8_t *out)
{
    psa_xof_operation_t op = PSA_XOF_OPERATION_INIT;
    size_t len = 70 * (size_t)m + 7, done = 0; /* at most 217 of the 300 bytes */
    int ok = psa_xof_setup(&op, alg) == PSA_SUCCESS;
    if (ok && PSA_ALG_XOF_HAS_CONTEXT(alg))
        ok = psa_xof_set_context(&op, (const uint8_t *)"conc", 4) == PSA_SUCCESS;
    ok = ok && psa_xof_update(&op, g_msg[m], len / 3) == PSA_SUCCESS &&
         psa_xof_update(&op, g_msg[m] + len / 3, len - len / 3) == PSA_SUCCESS;
    while (ok && done < OUT) {
        size_t n = OUT - done < piece ? OUT - done : piece;
        ok = psa_xof_output(&op, out + done, n) == PSA_SUCCESS;
        done += n;
    }
    return psa_xof_abort(&op) == PSA_SUCCESS && ok;
}

typedef struct {
    int id, rounds;
    unsigned long good, bad;
} par_arg_t;

static void *par_thread(void *p)
{
    par_arg_t *a = p;
    int r, k, m;
    for (r = 0; r < a->rounds; r++)
        for (k = 0; k < 4; k++)
            for (m = 0; m < NMSG; m++) {
                uint8_t out[OUT];
                if (run_xof(ALGS[k], m, (size_t)(1 + (a->id + r + m) % 40), out) &&
                    memcmp(out, g_ref[k][m], OUT) == 0)
                    a->good++;
                else
                    a->bad++;
            }
    return NULL;
}

static void scenario_parallel(void)
{
    int R = rounds_or(30), i, k, m;
    par_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    unsigned long bad = 0, good = 0;
    if (args == NULL)
        abort();
    for (k = 0; k < 4; k++)
        for (m = 0; m < NMSG; m++)
            CHECK(run_xof(ALGS[k], m, OUT, g_ref[k][m]));
    for (i = 0; i < g_threads; i++) {
        args[i].id = i;
        args[i].rounds = R;
    }
    ct_run_threads(g_threads, par_thread, args, sizeof args[0]);
    for (i = 0; i < g_threads; i++) {
        good += args[i].good;
        bad += args[i].bad;
    }
    CHECK(bad == 0);
    CHECK(good == (unsigned long)g_threads * (unsigned long)R * 4 * NMSG);
    printf("scenario parallel: %d threads x %d rounds x %d XOFs %s\n", g_threads, R, 4 * NMSG,
           bad == 0 ? "ok" : "FAILED");
    free(args);
}

static psa_xof_operation_t g_op;
static const uint8_t CHUNK[16] = "0123456789abcdef";

typedef struct {
    int tries;
    unsigned long ok, busy, other;
} op_arg_t;

static void *op_thread(void *p)
{
    op_arg_t *a = p;
    int i;
    for (i = 0; i < a->tries; i++) {
        psa_status_t st = psa_xof_update(&g_op, CHUNK, sizeof CHUNK);
        if (st == PSA_SUCCESS)
            a->ok++;
        else if (st == PSA_ERROR_BAD_STATE)
            a->busy++;
        else
            a->other++;
    }
    return NULL;
}

static void scenario_shared_op(void)
{
    int R = rounds_or(20), r;
    unsigned long busy_total = 0, other = 0, mismatch = 0;
    for (r = 0; r < R || (busy_total == 0 && r < 50 * R); r++) {
        op_arg_t args[2];
        uint8_t got[32], want[32];
        unsigned long n, i;
        psa_xof_operation_t ref = PSA_XOF_OPERATION_INIT;
        memset(args, 0, sizeof args);
        args[0].tries = args[1].tries = 2000;
        memset(&g_op, 0, sizeof g_op);
        if (psa_xof_setup(&g_op, PSA_ALG_SHAKE256) != PSA_SUCCESS) {
            other++;
            break;
        }
        ct_run_threads(2, op_thread, args, sizeof args[0]);
        busy_total += args[0].busy + args[1].busy;
        other += args[0].other + args[1].other;
        n = args[0].ok + args[1].ok;
        if (psa_xof_output(&g_op, got, sizeof got) != PSA_SUCCESS || psa_xof_abort(&g_op) != PSA_SUCCESS)
            other++;
        if (psa_xof_setup(&ref, PSA_ALG_SHAKE256) != PSA_SUCCESS)
            other++;
        for (i = 0; i < n; i++)
            if (psa_xof_update(&ref, CHUNK, sizeof CHUNK) != PSA_SUCCESS)
                other++;
        if (psa_xof_output(&ref, want, sizeof want) != PSA_SUCCESS || psa_xof_abort(&ref) != PSA_SUCCESS)
            other++;
        if (memcmp(got, want, sizeof got) != 0)
            mismatch++;
    }
    CHECK(other == 0);
    CHECK(mismatch == 0);
    CHECK(busy_total > 0);
    printf("scenario shared_op: 2 threads x %d rounds %s (%lu collisions refused)\n", R,
           other == 0 && mismatch == 0 ? "ok" : "FAILED", busy_total);
}

int main(int argc, char **argv)
{
    int m;
    size_t i;
    if (ct_conc_options(argc, argv, &g_threads, &g_rounds, &g_only, "parallel|shared_op") != 0)
        return 2;
    for (m = 0; m < NMSG; m++)
        for (i = 0; i < sizeof g_msg[m]; i++)
            g_msg[m][i] = (uint8_t)(i * 7 + (size_t)m);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    if (!g_only || strcmp(g_only, "parallel") == 0)
        scenario_parallel();
    if (!g_only || strcmp(g_only, "shared_op") == 0)
        scenario_shared_op();
    mbedtls_psa_crypto_free();
    return report();
}
