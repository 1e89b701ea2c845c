/* ctests/conc_key_derivation.c - key derivation under concurrency.
 *
 *   shared    T threads derive from one shared DERIVE key (HKDF-SHA-256 with one of
 *             four info strings, output in uneven chunks and as keys) and from one
 *             shared PASSWORD key (PBKDF2-HMAC-SHA-256); every output is compared
 *             with a single-threaded reference
 *   destroy   T threads derive from a key while the main thread destroys it: every
 *             output is the correct one or an error, no input_key succeeds and no
 *             output is produced once psa_destroy_key has returned
 *   sameop    two threads call psa_key_derivation_output_bytes on one operation
 *             object at once: each call succeeds or gets PSA_ERROR_BAD_STATE, at
 *             least one BAD_STATE is seen, no crash, and the capacity accounts for
 *             exactly the successful calls
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default per scenario). */
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

#define HKDF256 PSA_ALG_HKDF(PSA_ALG_SHA_256)
#define PBKDF256 PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)
#define OUT_LEN 80
#define INFOS 4
#define PBKDF_COST 50

static int g_threads = 8;
static int g_rounds = -1;
static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }

static const char *const infos[INFOS] = {"alpha", "beta", "gamma", "a much longer info string"};
static uint8_t ref_hkdf[INFOS][OUT_LEN];
static uint8_t ref_pbkdf[OUT_LEN];
static psa_key_id_t g_derive_key, g_password_key;

/* HKDF from `key` with info `i`, OUT_LEN bytes read in chunks of 1, 7, then the rest. */
static psa_status_t hkdf_derive(psa_key_id_t key, int i, uint8_t *out)
{
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_status_t s = psa_key_derivation_setup(&op, HKDF256);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, key);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)infos[i],
                                           strlen(infos[i]));
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_output_bytes(&op, out, 1);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_output_bytes(&op, out + 1, 7);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_output_bytes(&op, out + 8, OUT_LEN - 8);
    psa_key_derivation_abort(&op);
    return s;
}

static psa_status_t pbkdf_derive(psa_key_id_t key, uint8_t *out)
{
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_status_t s = psa_key_derivation_setup(&op, PBKDF256);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, PBKDF_COST);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"NaCl", 4);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD, key);
    if (s == PSA_SUCCESS)
        s = psa_key_derivation_output_bytes(&op, out, OUT_LEN);
    psa_key_derivation_abort(&op);
    return s;
}

/* ---------------------------------------------------------------- shared */

typedef struct {
    int index, rounds;
} shared_arg_t;

static void *shared_thread(void *p)
{
    shared_arg_t *a = p;
    int r;
    for (r = 0; r < a->rounds; r++) {
        int i = (a->index + r) % INFOS;
        uint8_t out[OUT_LEN];
        memset(out, 0, sizeof out);
        if (CHECK_STATUS(hkdf_derive(g_derive_key, i, out), PSA_SUCCESS))
            CHECK_MEM(out, OUT_LEN, ref_hkdf[i], OUT_LEN);
        if (r % 4 == 0) {
            memset(out, 0, sizeof out);
            if (CHECK_STATUS(pbkdf_derive(g_password_key, out), PSA_SUCCESS))
                CHECK_MEM(out, OUT_LEN, ref_pbkdf, OUT_LEN);
        }
        if (r % 3 == 0) {
            /* output_key: an AES-256 key equal to the first 32 reference bytes. */
            psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
            psa_key_attributes_t attrs = ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_EXPORT, 0);
            psa_key_id_t k = 0;
            size_t n = 0;
            CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT,
                                                        (const uint8_t *)"salt", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, g_derive_key),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO,
                                                        (const uint8_t *)infos[i], strlen(infos[i])),
                         PSA_SUCCESS);
            if (CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &k), PSA_SUCCESS)) {
                if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &n), PSA_SUCCESS))
                    CHECK_MEM(out, n, ref_hkdf[i], 32);
                CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
            }
            CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        }
    }
    return NULL;
}

static void scenario_shared(void)
{
    int rounds = rounds_or(200), i;
    unsigned long before = ct_failed();
    shared_arg_t *args = calloc((size_t)g_threads, sizeof *args);
    if (args == NULL)
        abort();
    for (i = 0; i < g_threads; i++) {
        args[i].index = i;
        args[i].rounds = rounds;
    }
    ct_run_threads(g_threads, shared_thread, args, sizeof *args);
    free(args);
    printf("scenario shared: %d threads x %d rounds %s\n", g_threads, rounds,
           ct_failed() == before ? "ok" : "FAILED");
}

/* ---------------------------------------------------------------- destroy */

typedef struct {
    psa_key_id_t key;
    int destroyed; /* set once psa_destroy_key has returned */
    int stop;
    unsigned long ok, errors;
} destroy_shared_t;

typedef struct {
    destroy_shared_t *sh;
    int index;
} destroy_arg_t;

static void *destroy_thread(void *p)
{
    destroy_arg_t *a = p;
    destroy_shared_t *sh = a->sh;
    int r = 0;
    while (!ALOAD(sh->stop)) {
        int i = (a->index + r++) % INFOS;
        uint8_t out[OUT_LEN];
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_status_t s;
        int gone_before_input, gone_before_output;
        memset(out, 0, sizeof out);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT,
                                                    (const uint8_t *)"salt", 4),
                     PSA_SUCCESS);
        gone_before_input = ALOAD(sh->destroyed);
        s = psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, sh->key);
        if (s == PSA_SUCCESS) {
            if (gone_before_input)
                FAIL("input_key succeeded after psa_destroy_key returned");
            s = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO,
                                               (const uint8_t *)infos[i], strlen(infos[i]));
            if (s == PSA_SUCCESS)
                s = psa_key_derivation_output_bytes(&op, out, 8);
            gone_before_output = ALOAD(sh->destroyed);
            if (s == PSA_SUCCESS)
                s = psa_key_derivation_output_bytes(&op, out + 8, OUT_LEN - 8);
            if (s == PSA_SUCCESS) {
                if (gone_before_output)
                    FAIL("output produced after psa_destroy_key returned");
                CHECK_MEM(out, OUT_LEN, ref_hkdf[i], OUT_LEN);
                AINC(sh->ok);
            } else {
                /* The key was destroyed under the operation: its copy was wiped. */
                CHECK_STATUS2(s, PSA_ERROR_BAD_STATE, PSA_ERROR_INVALID_HANDLE);
                AINC(sh->errors);
            }
        } else {
            CHECK_STATUS2(s, PSA_ERROR_INVALID_HANDLE, PSA_ERROR_BAD_STATE);
            AINC(sh->errors);
        }
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        if (ALOAD(sh->destroyed) && r > 4)
            break;
    }
    return NULL;
}

typedef struct {
    destroy_shared_t *sh;
    int delay_us;
} destroyer_arg_t;

static void *destroyer_thread(void *p)
{
    destroyer_arg_t *a = p;
    usleep((useconds_t)a->delay_us);
    CHECK_STATUS(psa_destroy_key(a->sh->key), PSA_SUCCESS);
    ASTORE(a->sh->destroyed, 1);
    return NULL;
}

static void scenario_destroy(void)
{
    int rounds = rounds_or(10), round, i;
    unsigned long before = ct_failed(), ok = 0, errors = 0;
    uint8_t secret[32];
    memset(secret, 0x11, sizeof secret);
    for (round = 0; round < rounds; round++) {
        destroy_shared_t sh;
        destroy_arg_t *args = calloc((size_t)g_threads, sizeof *args);
        pthread_t destroyer;
        destroyer_arg_t da;
        if (args == NULL)
            abort();
        memset(&sh, 0, sizeof sh);
        if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret,
                                    &sh.key),
                          PSA_SUCCESS))
            break;
        for (i = 0; i < g_threads; i++) {
            args[i].sh = &sh;
            args[i].index = i;
        }
        da.sh = &sh;
        da.delay_us = 2000 + 3000 * (round % 5);
        pthread_create(&destroyer, NULL, destroyer_thread, &da);
        ct_run_threads(g_threads, destroy_thread, args, sizeof *args);
        pthread_join(destroyer, NULL);
        ok += sh.ok;
        errors += sh.errors;
        free(args);
    }
    printf("scenario destroy: %d threads x %d rounds, %lu derivations correct, %lu refused %s\n", g_threads,
           rounds, ok, errors, ct_failed() == before ? "ok" : "FAILED");
}

/* ---------------------------------------------------------------- sameop */

typedef struct {
    psa_key_derivation_operation_t *op;
    pthread_barrier_t *barrier;
    int calls;
    unsigned long success, bad_state;
} sameop_arg_t;

static void *sameop_thread(void *p)
{
    sameop_arg_t *a = p;
    int i;
    pthread_barrier_wait(a->barrier);
    for (i = 0; i < a->calls; i++) {
        uint8_t out[32];
        size_t cap = 0;
        psa_status_t s = psa_key_derivation_output_bytes(a->op, out, sizeof out);
        if (s == PSA_SUCCESS)
            a->success++;
        else if (s == PSA_ERROR_BAD_STATE)
            a->bad_state++;
        else
            CHECK_STATUS2(s, PSA_SUCCESS, PSA_ERROR_BAD_STATE);
        s = psa_key_derivation_get_capacity(a->op, &cap);
        if (s != PSA_SUCCESS)
            CHECK_STATUS(s, PSA_ERROR_BAD_STATE);
    }
    return NULL;
}

static void scenario_sameop(void)
{
    int rounds = rounds_or(5), round;
    unsigned long before = ct_failed(), total_bad = 0, total_ok = 0;
    uint8_t secret[16];
    memset(secret, 0x22, sizeof secret);
    for (round = 0; round < rounds; round++) {
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        pthread_barrier_t barrier;
        sameop_arg_t args[2];
        size_t start = 0, end = 0;
        int i;
        /* PBKDF2 with a high cost: each output call is slow, so the two threads overlap. */
        CHECK_STATUS(psa_key_derivation_setup(&op, PBKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 2000), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, secret, 8),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD, secret,
                                                    sizeof secret),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &start), PSA_SUCCESS);
        pthread_barrier_init(&barrier, NULL, 2);
        for (i = 0; i < 2; i++) {
            memset(&args[i], 0, sizeof args[i]);
            args[i].op = &op;
            args[i].barrier = &barrier;
            args[i].calls = 40;
        }
        ct_run_threads(2, sameop_thread, args, sizeof args[0]);
        pthread_barrier_destroy(&barrier);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &end), PSA_SUCCESS);
        CHECK(start - end == 32 * (args[0].success + args[1].success));
        total_bad += args[0].bad_state + args[1].bad_state;
        total_ok += args[0].success + args[1].success;
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
    CHECK(total_bad > 0);
    printf("scenario sameop: 2 threads x %d rounds, %lu calls succeeded, %lu refused with BAD_STATE %s\n",
           rounds, total_ok, total_bad, ct_failed() == before ? "ok" : "FAILED");
}

int main(int argc, char **argv)
{
    int i;
    uint8_t secret[32];
    char *dir;
    if (ct_conc_options(argc, argv, &g_threads, &g_rounds, NULL, NULL) != 0)
        return 2;
    dir = ct_use_temp_storage("conckdf");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    memset(secret, 0x42, sizeof secret);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret,
                           &g_derive_key),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, PBKDF256, (const uint8_t *)"hunter2", 7,
                           &g_password_key),
                 PSA_SUCCESS);
    /* Single-threaded references; the destroy scenario's keys hold other secrets,
     * so it has its own references. */
    for (i = 0; i < INFOS; i++)
        CHECK_STATUS(hkdf_derive(g_derive_key, i, ref_hkdf[i]), PSA_SUCCESS);
    CHECK_STATUS(pbkdf_derive(g_password_key, ref_pbkdf), PSA_SUCCESS);
    scenario_shared();
    {
        psa_key_id_t k = 0;
        memset(secret, 0x11, sizeof secret);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret, &k),
                     PSA_SUCCESS);
        for (i = 0; i < INFOS; i++)
            CHECK_STATUS(hkdf_derive(k, i, ref_hkdf[i]), PSA_SUCCESS);
        psa_destroy_key(k);
    }
    scenario_destroy();
    scenario_sameop();
    psa_destroy_key(g_derive_key);
    psa_destroy_key(g_password_key);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
