/* ctests/conc_sae.c - WPA3-SAE under concurrency.
 *
 *   pairs     T threads (default 8) each run complete exchanges playing both
 *             sides (two operations of their own) on shared keys, cycling
 *             through P-256 fixed, P-384 and P-521 group-dependent-hash
 *             suites on password tokens, the 3072-bit MODP group on a
 *             finite-field token, and the looping method (one shared
 *             password key) on P-256 and in the MODP group: every pair of
 *             PMKs and PMKIDs matches
 *   derive    T threads derive the Annex J.10 token from one shared password
 *             key at once: every token is the standard's
 *   destroy   T threads run exchanges on a token the main thread destroys
 *             meanwhile: every step succeeds or gets PSA_ERROR_BAD_STATE (the
 *             operation's secrets were wiped; a setup after the destroy gets
 *             PSA_ERROR_INVALID_HANDLE), a finished exchange has matching
 *             PMKs, and none starts after psa_destroy_key has returned
 *
 * Options: -t THREADS, -r ROUNDS (default per scenario). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PT_R1 PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_SECP_R1)

static int g_threads = 8;
static int g_rounds = -1;
static int rounds_or(int def) { return g_rounds > 0 ? g_rounds : def; }

static const uint8_t MAC_A[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const uint8_t MAC_B[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };
static const char *J10_PT =
    "b6e38c98750c684b5d17c3d8c9a4100b39931279187ca6cced5f37ef46ddfa97"
    "5687e972e50f73e3898861e7edad21bea7d5f622df88243bb804920ae8e647fa";

static psa_algorithm_t hash_of(size_t bits)
{
    return bits == 256 ? PSA_ALG_SHA_256 : bits == 384 ? PSA_ALG_SHA_384 : PSA_ALG_SHA_512;
}

static psa_pake_primitive_t ecc(size_t bits)
{
    return PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, bits);
}

#define MODP3072 PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC3526, 3072)
#define PT_DH PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526)

/* A token of `type` and `bits` (group hash gh) derived from a fresh password key (policy: any SAE). */
static psa_key_id_t make_pt_of(psa_key_type_t type, size_t bits, psa_algorithm_t gh, const char *pw)
{
    psa_algorithm_t h2e = PSA_ALG_WPA3_SAE_H2E(gh);
    psa_key_id_t pk = 0, pt = 0;
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = ct_attrs(type, bits, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT, PSA_ALG_WPA3_SAE_ANY);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, h2e, (const uint8_t *)pw, strlen(pw), &pk),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, h2e), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"ssid", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, pk), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &pt), PSA_SUCCESS);
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(pk);
    return pt;
}

/* An elliptic-curve token of `bits`. */
static psa_key_id_t make_pt(size_t bits, const char *pw)
{
    return make_pt_of(PT_R1, bits, hash_of(bits), pw);
}

/* One exchange in primitive p (group hash gh), this thread playing both sides. Returns 1
 * when both PMKs and PMKIDs were obtained (and compared), 0 when a step was refused. */
static int run_exchange(psa_key_id_t pt, psa_algorithm_t alg, psa_pake_primitive_t p, psa_algorithm_t gh,
                        int tolerant, int *gone)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_operation_t op[2] = { PSA_PAKE_OPERATION_INIT, PSA_PAKE_OPERATION_INIT };
    uint8_t msg[2][PSA_PAKE_OUTPUT_MAX_SIZE], id[2][16], pmk[2][64];
    size_t len[2] = { 0, 0 }, n = 0, pl[2] = { 0, 0 };
    int s, done = 0;
    psa_pake_cs_set_algorithm(&cs, alg);
    psa_pake_cs_set_primitive(&cs, p);
    for (s = 0; s < 2; s++) {
        if (!CT_STEP_OK(psa_pake_setup(&op[s], pt, &cs), tolerant, gone) ||
            !CT_STEP_OK(psa_pake_set_user(&op[s], s ? MAC_B : MAC_A, 6), tolerant, gone) ||
            !CT_STEP_OK(psa_pake_set_peer(&op[s], s ? MAC_A : MAC_B, 6), tolerant, gone)) {
            goto out;
        }
    }
    for (s = 0; s < 2; s++) {
        if (!CT_STEP_OK(psa_pake_output(&op[s], PSA_PAKE_STEP_COMMIT, msg[s], sizeof msg[s], &len[s]), tolerant, gone)) {
            goto out;
        }
    }
    for (s = 0; s < 2; s++) {
        if (!CT_STEP_OK(psa_pake_input(&op[s], PSA_PAKE_STEP_COMMIT, msg[1 - s], len[1 - s]), tolerant, gone)) {
            goto out;
        }
    }
    for (s = 0; s < 2; s++) {
        if (!CT_STEP_OK(psa_pake_output(&op[s], PSA_PAKE_STEP_CONFIRM, msg[s], sizeof msg[s], &len[s]), tolerant, gone)) {
            goto out;
        }
    }
    for (s = 0; s < 2; s++) {
        if (!CT_STEP_OK(psa_pake_input(&op[s], PSA_PAKE_STEP_CONFIRM, msg[1 - s], len[1 - s]), tolerant, gone) ||
            !CT_STEP_OK(psa_pake_output(&op[s], PSA_PAKE_STEP_KEY_ID, id[s], sizeof id[s], &n), tolerant, gone)) {
            goto out;
        }
    }
    for (s = 0; s < 2; s++) {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t k = 0;
        if (!CT_STEP_OK(psa_pake_get_shared_key(&op[s], &a, &k), tolerant, gone)) {
            goto out;
        }
        CHECK_STATUS(psa_export_key(k, pmk[s], sizeof pmk[s], &pl[s]), PSA_SUCCESS);
        psa_destroy_key(k);
    }
    CHECK_MEM(id[0], 16, id[1], 16);
    CHECK_MEM(pmk[0], pl[0], pmk[1], pl[1]);
    CHECK(pl[0] == (PSA_ALG_IS_WPA3_SAE_GDH(alg) ? PSA_HASH_LENGTH(gh) : 32u));
    done = 1;
out:
    psa_pake_abort(&op[0]);
    psa_pake_abort(&op[1]);
    return done;
}

/* The pairs cases: key, algorithm, primitive, group hash. */
struct pair_case {
    psa_key_id_t key;
    psa_algorithm_t alg;
    psa_pake_primitive_t prim;
    psa_algorithm_t gh;
};
#define PAIR_CASES 6
static struct pair_case g_cases[PAIR_CASES];

static void *pairs_thread(void *arg)
{
    int rounds = rounds_or(3), r, gone = 0;
    int me = *(const int *)arg;
    for (r = 0; r < rounds; r++) {
        const struct pair_case *c = &g_cases[(me + r) % PAIR_CASES];
        CHECK(run_exchange(c->key, c->alg, c->prim, c->gh, 0, &gone));
    }
    return NULL;
}

static void scenario_pairs(void)
{
    int c, *ids = calloc((size_t)g_threads, sizeof *ids);
    psa_key_id_t password = 0;
    if (ids == NULL) {
        abort();
    }
    printf("scenario pairs: %d threads x %d rounds\n", g_threads, rounds_or(3));
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_ANY,
                           (const uint8_t *)"shared password", 15, &password),
                 PSA_SUCCESS);
    g_cases[0] = (struct pair_case){ make_pt(256, "shared password"), PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), ecc(256),
                                     PSA_ALG_SHA_256 };
    g_cases[1] = (struct pair_case){ make_pt(384, "shared password"), PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384), ecc(384),
                                     PSA_ALG_SHA_384 };
    g_cases[2] = (struct pair_case){ make_pt(521, "shared password"), PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_512), ecc(521),
                                     PSA_ALG_SHA_512 };
    g_cases[3] = (struct pair_case){ make_pt_of(PT_DH, 3072, PSA_ALG_SHA_384, "shared password"),
                                     PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384), MODP3072, PSA_ALG_SHA_384 };
    g_cases[4] = (struct pair_case){ password, PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), ecc(256), PSA_ALG_SHA_256 };
    g_cases[5] = (struct pair_case){ password, PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), MODP3072, PSA_ALG_SHA_384 };
    for (c = 0; c < g_threads; c++) {
        ids[c] = c;
    }
    ct_run_threads(g_threads, pairs_thread, ids, sizeof *ids);
    for (c = 0; c < 4; c++) {
        psa_destroy_key(g_cases[c].key);
    }
    psa_destroy_key(password);
    free(ids);
}

static psa_key_id_t g_password;

static void *derive_thread(void *arg)
{
    int rounds = rounds_or(10), r;
    uint8_t want[64], got[64];
    size_t n = 0;
    (void)arg;
    ct_unhex(J10_PT, want, sizeof want);
    for (r = 0; r < rounds; r++) {
        psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_attributes_t a = ct_attrs(PT_R1, 256, PSA_KEY_USAGE_EXPORT, PSA_ALG_WPA3_SAE_ANY);
        psa_key_id_t pt = 0;
        CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"byteme", 6),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, g_password), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_INFO,
                                                    (const uint8_t *)"psk4internet", 12),
                     PSA_SUCCESS);
        if (CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &pt), PSA_SUCCESS)) {
            CHECK_STATUS(psa_export_key(pt, got, sizeof got, &n), PSA_SUCCESS);
            CHECK_MEM(got, n, want, sizeof want);
            psa_destroy_key(pt);
        }
        psa_key_derivation_abort(&kdf);
    }
    return NULL;
}

static void scenario_derive(void)
{
    printf("scenario derive: %d threads x %d rounds\n", g_threads, rounds_or(10));
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_256),
                           (const uint8_t *)"mekmitasdigoat", 14, &g_password),
                 PSA_SUCCESS);
    ct_run_threads(g_threads, derive_thread, NULL, 0);
    psa_destroy_key(g_password);
}

static psa_key_id_t g_victim;
static int g_destroyed;
static int g_late_starts;
static int g_cut;
static int g_finished;

static void *destroy_thread(void *arg)
{
    (void)arg;
    for (;;) {
        int before = ALOAD(g_destroyed), gone = 0;
        int done = run_exchange(ALOAD(g_victim), PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256), ecc(256), PSA_ALG_SHA_256, 1,
                                &gone);
        if (done && before) {
            AINC(g_late_starts);
        }
        if (done) {
            AINC(g_finished);
        } else if (gone) {
            AINC(g_cut);
        }
        if (before) {
            return NULL;
        }
        if (!done) {
            usleep(200);
        }
    }
}

static void scenario_destroy(void)
{
    int rounds = rounds_or(4), r;
    printf("scenario destroy: %d threads x %d rounds\n", g_threads, rounds);
    for (r = 0; r < rounds; r++) {
        ASTORE(g_victim, make_pt(256, "victim"));
        ASTORE(g_destroyed, 0);
        ct_threads_t *th = ct_start_threads(g_threads, destroy_thread, NULL, 0);
        usleep(20000);
        CHECK_STATUS(psa_destroy_key(ALOAD(g_victim)), PSA_SUCCESS);
        ASTORE(g_destroyed, 1);
        ct_join_threads(th);
    }
    CHECK(ALOAD(g_late_starts) == 0);
    printf("  %d exchanges finished, %d refused or cut by the destroy\n", ALOAD(g_finished), ALOAD(g_cut));
}

int main(int argc, char **argv)
{
    if (ct_conc_options(argc, argv, &g_threads, &g_rounds, NULL, NULL) != 0) {
        return 2;
    }
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    scenario_pairs();
    scenario_derive();
    scenario_destroy();
    mbedtls_psa_crypto_free();
    return report();
}
