/* ctests/conc_pake.c - PAKE operations under concurrency.
 *
 *   pairs     T threads each run complete exchanges between two operations of
 *             their own, J-PAKE from one shared PASSWORD key and SPAKE2+ (HMAC)
 *             from one shared key pair and its public key: every pair of
 *             secrets matches
 *   destroy   T threads run J-PAKE exchanges from a password key the main
 *             thread destroys meanwhile: every step succeeds or gets
 *             PSA_ERROR_BAD_STATE (the secrets were wiped; a later setup gets
 *             PSA_ERROR_INVALID_HANDLE), an exchange either
 *             completes with matching secrets or stops at a BAD_STATE, and none
 *             starts after psa_destroy_key has returned
 *   sameop    two threads call psa_pake_output(KEY_SHARE) on one operation
 *             object at once (one call each, many rounds): each call succeeds
 *             or gets PSA_ERROR_BAD_STATE (busy, or the second KEY_SHARE out
 *             of order, which ends the operation), and exactly one succeeds
 *
 * Options: -t THREADS (default 4), -r ROUNDS (default per scenario). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JPAKE PSA_ALG_JPAKE(PSA_ALG_SHA_256)
#define SPAKE PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256)

static int g_threads = 4;
static int g_rounds = -1;
static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }
/* The exchange scenarios are heavy (dozens of point multiplications each):
 * a given -r (the sanitizer runs) is divided by 5 for them. */
static int heavy_rounds_or(int def) { return g_rounds > 0 ? (g_rounds + 4) / 5 : def; }

static const psa_pake_step_t JSTEPS[3] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC, PSA_PAKE_STEP_ZK_PROOF };

static psa_pake_cipher_suite_t suite(psa_algorithm_t alg)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_cs_set_algorithm(&cs, alg);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
    psa_pake_cs_set_key_confirmation(&cs, alg == JPAKE ? PSA_PAKE_UNCONFIRMED_KEY : PSA_PAKE_CONFIRMED_KEY);
    return cs;
}

/* A whole J-PAKE exchange between two fresh operations; the PMS of each side
 * (from the shared key, by TLS12_ECJPAKE_TO_PMS). Returns 1 if both sides
 * finished, 0 if a step got BAD_STATE (allowed when `tolerant`). */
static int jpake_run(psa_key_id_t pw, int tolerant, uint8_t pms[2][32])
{
    psa_pake_operation_t op[2] = { PSA_PAKE_OPERATION_INIT, PSA_PAKE_OPERATION_INIT };
    psa_pake_cipher_suite_t cs = suite(JPAKE);
    static const char *ids[2] = { "client", "server" };
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len;
    int bad = 0, ok = 1, side, r, s, j;

    for (side = 0; side < 2 && ok; side++) {
        ok = CT_STEP_OK(psa_pake_setup(&op[side], pw, &cs), tolerant, &bad) &&
             CT_STEP_OK(psa_pake_set_user(&op[side], (const uint8_t *)ids[side], 6), tolerant, &bad) &&
             CT_STEP_OK(psa_pake_set_peer(&op[side], (const uint8_t *)ids[1 - side], 6), tolerant, &bad);
    }
    for (r = 0; r < 2 && ok; r++) {
        for (side = 0; side < 2 && ok; side++) {
            for (s = 0; s < (r == 0 ? 2 : 1) && ok; s++) {
                for (j = 0; j < 3 && ok; j++) {
                    ok = CT_STEP_OK(psa_pake_output(&op[side], JSTEPS[j], buf, sizeof(buf), &len), tolerant, &bad) &&
                         CT_STEP_OK(psa_pake_input(&op[1 - side], JSTEPS[j], buf, len), tolerant, &bad);
                }
            }
        }
    }
    for (side = 0; side < 2 && ok; side++) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_id_t k = 0;
        psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
        psa_set_key_algorithm(&a, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
        ok = CT_STEP_OK(psa_pake_get_shared_key(&op[side], &a, &k), tolerant, &bad);
        if (ok) {
            ok = CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS) &&
                 CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, k), PSA_SUCCESS) &&
                 CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, pms[side], 32), PSA_SUCCESS);
            psa_key_derivation_abort(&kdf);
            psa_destroy_key(k);
        }
    }
    CHECK_STATUS(psa_pake_abort(&op[0]), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_abort(&op[1]), PSA_SUCCESS);
    if (!ok && !bad) {
        FAIL("J-PAKE exchange failed without BAD_STATE");
    }
    return ok;
}

static int spake_run(psa_key_id_t prover_key, psa_key_id_t verifier_key, uint8_t sec[2][32])
{
    psa_pake_operation_t p = PSA_PAKE_OPERATION_INIT, v = PSA_PAKE_OPERATION_INIT;
    psa_pake_cipher_suite_t cs = suite(SPAKE);
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len = 0;
    int ok, i;
    psa_pake_operation_t *from[4] = { &p, &v, &v, &p }, *to[4] = { &v, &p, &p, &v };
    static const psa_pake_step_t steps[4] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_CONFIRM,
                                              PSA_PAKE_STEP_CONFIRM };
    ok = CHECK_STATUS(psa_pake_setup(&p, prover_key, &cs), PSA_SUCCESS) &&
         CHECK_STATUS(psa_pake_set_role(&p, PSA_PAKE_ROLE_CLIENT), PSA_SUCCESS) &&
         CHECK_STATUS(psa_pake_setup(&v, verifier_key, &cs), PSA_SUCCESS) &&
         CHECK_STATUS(psa_pake_set_role(&v, PSA_PAKE_ROLE_SERVER), PSA_SUCCESS);
    for (i = 0; i < 4 && ok; i++) {
        ok = CHECK_STATUS(psa_pake_output(from[i], steps[i], buf, sizeof(buf), &len), PSA_SUCCESS) &&
             CHECK_STATUS(psa_pake_input(to[i], steps[i], buf, len), PSA_SUCCESS);
    }
    for (i = 0; i < 2 && ok; i++) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t k = 0;
        size_t n = 0;
        psa_set_key_type(&a, PSA_KEY_TYPE_RAW_DATA);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
        ok = CHECK_STATUS(psa_pake_get_shared_key(i == 0 ? &p : &v, &a, &k), PSA_SUCCESS) &&
             CHECK_STATUS(psa_export_key(k, sec[i], 32, &n), PSA_SUCCESS) && CHECK(n == 32);
        psa_destroy_key(k);
    }
    psa_pake_abort(&p);
    psa_pake_abort(&v);
    return ok;
}

static psa_key_id_t g_password, g_prover, g_verifier;

static void *pairs_thread(void *arg)
{
    int rounds = *(int *)arg, r;
    for (r = 0; r < rounds; r++) {
        uint8_t a[2][32], b[2][32];
        if (jpake_run(g_password, 0, a)) {
            CHECK_MEM(a[0], 32, a[1], 32);
        }
        if (spake_run(g_prover, g_verifier, b)) {
            CHECK_MEM(b[0], 32, b[1], 32);
        }
    }
    return NULL;
}

static void run_threads(int n, void *(*fn)(void *), void *arg)
{
    pthread_t *th = calloc((size_t)n, sizeof *th);
    int i;
    if (th == NULL) {
        abort();
    }
    for (i = 0; i < n; i++) {
        if (pthread_create(&th[i], NULL, fn, arg) != 0) {
            abort();
        }
    }
    for (i = 0; i < n; i++) {
        pthread_join(th[i], NULL);
    }
    free(th);
}

static void scenario_pairs(void)
{
    int rounds = heavy_rounds_or(20);
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    uint8_t kp[64], rec[97];
    size_t n = 0;
    memset(kp, 0x11, 32);
    memset(kp + 32, 0x22, 32);
    printf("scenario pairs: %d threads x %d rounds\n", g_threads, rounds);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, JPAKE, (const uint8_t *)"shared-pw", 9,
                           &g_password),
                 PSA_SUCCESS);
    psa_set_key_type(&a, PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
    psa_set_key_algorithm(&a, SPAKE);
    CHECK_STATUS(psa_import_key(&a, kp, 64, &g_prover), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(g_prover, rec, sizeof(rec), &n), PSA_SUCCESS);
    psa_set_key_type(&a, PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1));
    CHECK_STATUS(psa_import_key(&a, rec, n, &g_verifier), PSA_SUCCESS);
    run_threads(g_threads, pairs_thread, &rounds);
    psa_destroy_key(g_password);
    psa_destroy_key(g_prover);
    psa_destroy_key(g_verifier);
}

static psa_key_id_t g_victim;
static int g_destroyed;
static int g_late_starts;

static void *destroy_thread(void *arg)
{
    (void)arg;
    for (;;) {
        uint8_t pms[2][32];
        int before = ALOAD(g_destroyed);
        int done = jpake_run(ALOAD(g_victim), 1, pms);
        if (done) {
            CHECK_MEM(pms[0], 32, pms[1], 32);
            if (before) {
                AINC(g_late_starts); /* an exchange started after the destroy */
            }
        }
        if (before) {
            return NULL;
        }
        if (!done) {
            usleep(200); /* the key is going: do not spin on INVALID_HANDLE */
        }
    }
}

static void scenario_destroy(void)
{
    int rounds = heavy_rounds_or(10), r;
    printf("scenario destroy: %d threads x %d rounds\n", g_threads, rounds);
    for (r = 0; r < rounds; r++) {
        pthread_t *th = calloc((size_t)g_threads, sizeof *th);
        int i;
        psa_key_id_t k = 0;
        if (th == NULL) {
            abort();
        }
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, JPAKE, (const uint8_t *)"victim", 6, &k),
                     PSA_SUCCESS);
        ASTORE(g_victim, k);
        ASTORE(g_destroyed, 0);
        for (i = 0; i < g_threads; i++) {
            if (pthread_create(&th[i], NULL, destroy_thread, NULL) != 0) {
                abort();
            }
        }
        usleep(2000);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        ASTORE(g_destroyed, 1);
        for (i = 0; i < g_threads; i++) {
            pthread_join(th[i], NULL);
        }
        free(th);
    }
    CHECK(ALOAD(g_late_starts) == 0);
}

static psa_pake_operation_t g_shared_op;
static int g_successes;
static int g_go;

/* One call per thread and round: a call that ends the operation (the second,
 * out-of-order KEY_SHARE) then never overlaps another call on the object, so
 * the object's words are only ever raced on by the handle checks the library
 * makes for that purpose. */
static void *sameop_thread(void *arg)
{
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len = 0;
    psa_status_t st;
    (void)arg;
    while (!ALOAD(g_go)) {
    }
    st = psa_pake_output(&g_shared_op, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len);
    CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BAD_STATE);
    if (st == PSA_SUCCESS) {
        AINC(g_successes);
    }
    return NULL;
}

static void scenario_sameop(void)
{
    int rounds = rounds_or(20) * 10, r;
    psa_key_id_t pw = 0;
    psa_pake_cipher_suite_t cs = suite(JPAKE);
    printf("scenario sameop: 2 threads x %d rounds\n", rounds);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, JPAKE, (const uint8_t *)"pw", 2, &pw),
                 PSA_SUCCESS);
    for (r = 0; r < rounds; r++) {
        /* The object is shared by address: a 2-thread race on one object. */
        memset(&g_shared_op, 0, sizeof(g_shared_op));
        CHECK_STATUS(psa_pake_setup(&g_shared_op, pw, &cs), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_user(&g_shared_op, (const uint8_t *)"client", 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_peer(&g_shared_op, (const uint8_t *)"server", 6), PSA_SUCCESS);
        ASTORE(g_successes, 0);
        ASTORE(g_go, 0);
        {
            pthread_t th[2];
            if (pthread_create(&th[0], NULL, sameop_thread, NULL) != 0 ||
                pthread_create(&th[1], NULL, sameop_thread, NULL) != 0) {
                abort();
            }
            ASTORE(g_go, 1);
            pthread_join(th[0], NULL);
            pthread_join(th[1], NULL);
        }
        CHECK(ALOAD(g_successes) == 1);
        CHECK_STATUS(psa_pake_abort(&g_shared_op), PSA_SUCCESS);
    }
    psa_destroy_key(pw);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "t:r:")) != -1) {
        if (opt == 't') {
            g_threads = atoi(optarg);
        } else if (opt == 'r') {
            g_rounds = atoi(optarg);
        }
    }
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    scenario_pairs();
    scenario_destroy();
    scenario_sameop();
    mbedtls_psa_crypto_free();
    return report();
}
