/* ctests/conc_stateful_sig.c - LMS/HSS and XMSS verification from many
 * threads on shared public keys, with a destroy racing the verifiers.
 *
 * Every thread verifies, round after round, the RFC 8554 test case 1 and 2
 * HSS signatures, the bottom-level LMS signature of test case 1 and a Botan
 * XMSS-SHA2_10_256 signature with shared keys (each first use builds the
 * key's parsed form in the slot: the threads race for that too), and a
 * corrupted copy of each (INVALID_SIGNATURE every time). One more HSS key that
 * every thread uses is destroyed by the main thread in the middle of the run:
 * each use of it either verifies or fails with PSA_ERROR_INVALID_HANDLE, and a
 * thread that has seen it gone never sees it again. Alongside, every thread
 * signs with a shared Ed25519 key through PSA_ALG_EDDSA_CTX with two
 * contexts (one empty) and compares with single-threaded references (the
 * context travels through a thread-local prefix: no thread may see another's).
 *
 * Options: -t THREADS (default 8), -r ROUNDS per thread (default 6).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"
#include "vectors_stateful.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERIFY (PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_VERIFY_HASH)

static int rounds = 6;
static psa_key_id_t hss1, hss2, lms, xmss, victim;
static uint8_t bad_tc2[HSS_TC2_SIG_LEN], bad_xmss[XMSS_SIG_LEN];
static const uint8_t *lms_pk, *lms_sig;
static size_t lms_sig_len;

static psa_key_id_t ed;
static uint8_t ed_ref[2][64];
static const uint8_t ed_ctx[] = "per-thread context";
static const uint8_t ed_msg[] = "Ed25519ctx from many threads";

static volatile int victim_destroyed;
static unsigned long victim_ok, victim_gone;

static void *worker(void *arg)
{
    int r, gone = 0;
    (void)arg;
    for (r = 0; r < rounds; r++) {
        CHECK_STATUS(psa_verify_message(hss1, PSA_ALG_HSS, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig,
                                        HSS_TC1_SIG_LEN),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message_with_context(hss2, PSA_ALG_HSS, hss_tc2_msg, HSS_TC2_MSG_LEN, NULL, 0,
                                                     hss_tc2_sig, HSS_TC2_SIG_LEN),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(hss2, PSA_ALG_HSS, hss_tc2_msg, HSS_TC2_MSG_LEN, bad_tc2, HSS_TC2_SIG_LEN),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_verify_message(lms, PSA_ALG_LMS, hss_tc1_msg, HSS_TC1_MSG_LEN, lms_sig, lms_sig_len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(xmss, PSA_ALG_XMSS, xmss_msg, XMSS_MSG_LEN, xmss_sig, XMSS_SIG_LEN),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(xmss, PSA_ALG_XMSS, xmss_msg, XMSS_MSG_LEN, bad_xmss, XMSS_SIG_LEN),
                     PSA_ERROR_INVALID_SIGNATURE);
        for (int c = 0; c < 2; c++) {
            uint8_t sig[64];
            size_t len = 0;
            size_t cl = c ? sizeof ed_ctx : 0;
            CHECK_STATUS(psa_sign_message_with_context(ed, PSA_ALG_EDDSA_CTX, ed_msg, sizeof ed_msg, ed_ctx, cl, sig,
                                                       sizeof sig, &len),
                         PSA_SUCCESS);
            CHECK_MEM(sig, len, ed_ref[c], 64);
            CHECK_STATUS(psa_verify_message_with_context(ed, PSA_ALG_EDDSA_CTX, ed_msg, sizeof ed_msg, ed_ctx, cl,
                                                         ed_ref[c], 64),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message_with_context(ed, PSA_ALG_EDDSA_CTX, ed_msg, sizeof ed_msg, ed_ctx,
                                                         c ? 0 : sizeof ed_ctx, ed_ref[c], 64),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        /* The victim: verifies or is gone, and gone for good. */
        int destroyed_before = __atomic_load_n(&victim_destroyed, __ATOMIC_ACQUIRE);
        psa_status_t s = psa_verify_message(victim, PSA_ALG_HSS, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig,
                                            HSS_TC1_SIG_LEN);
        if (s == PSA_SUCCESS) {
            CHECK(!gone && !destroyed_before);
            __atomic_add_fetch(&victim_ok, 1, __ATOMIC_RELAXED);
        } else {
            CHECK_STATUS(s, PSA_ERROR_INVALID_HANDLE);
            gone = 1;
            __atomic_add_fetch(&victim_gone, 1, __ATOMIC_RELAXED);
        }
    }
    return NULL;
}

static psa_key_id_t make(psa_key_type_t t, psa_algorithm_t alg, const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = ct_attrs(t, 0, VERIFY, alg);
    psa_key_id_t k = 0;
    CHECK_STATUS(psa_import_key(&a, data, len, &k), PSA_SUCCESS);
    return k;
}

int main(int argc, char **argv)
{
    int threads = 8;
    if (ct_conc_options(argc, argv, &threads, &rounds, NULL, NULL) != 0)
        return 2;
    if (threads < 1 || threads > 64 || rounds < 1)
        return 2;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    /* Test case 1's signature: Nspk | sig[0] (1292) | pub[1] (56) | sig[1]. */
    lms_pk = hss_tc1_sig + 4 + 1292;
    lms_sig = lms_pk + 56;
    lms_sig_len = HSS_TC1_SIG_LEN - 4 - 1292 - 56;
    memcpy(bad_tc2, hss_tc2_sig, sizeof bad_tc2);
    bad_tc2[HSS_TC2_SIG_LEN - 100] ^= 1;
    memcpy(bad_xmss, xmss_sig, sizeof bad_xmss);
    bad_xmss[1000] ^= 1;
    hss1 = make(PSA_KEY_TYPE_HSS_PUBLIC_KEY, PSA_ALG_HSS, hss_tc1_pk, HSS_TC1_PK_LEN);
    hss2 = make(PSA_KEY_TYPE_HSS_PUBLIC_KEY, PSA_ALG_HSS, hss_tc2_pk, HSS_TC2_PK_LEN);
    lms = make(PSA_KEY_TYPE_LMS_PUBLIC_KEY, PSA_ALG_LMS, lms_pk, 56);
    xmss = make(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, PSA_ALG_XMSS, xmss_pk, XMSS_PK_LEN);
    victim = make(PSA_KEY_TYPE_HSS_PUBLIC_KEY, PSA_ALG_HSS, hss_tc1_pk, HSS_TC1_PK_LEN);
    {
        uint8_t seed[32];
        size_t len;
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255,
                                          PSA_KEY_USAGE_SIGN_MESSAGE | VERIFY, PSA_ALG_EDDSA_CTX);
        memset(seed, 0xed, sizeof seed);
        CHECK_STATUS(psa_import_key(&a, seed, sizeof seed, &ed), PSA_SUCCESS);
        for (int c = 0; c < 2; c++)
            CHECK_STATUS(psa_sign_message_with_context(ed, PSA_ALG_EDDSA_CTX, ed_msg, sizeof ed_msg, ed_ctx,
                                                       c ? sizeof ed_ctx : 0, ed_ref[c], 64, &len),
                         PSA_SUCCESS);
        CHECK(memcmp(ed_ref[0], ed_ref[1], 64) != 0);
    }

    ct_threads_t *tid = ct_start_threads(threads, worker, NULL, 0);
    /* Destroy the victim once some threads have used it (at most 2 s). */
    for (int i = 0; i < 4000 && __atomic_load_n(&victim_ok, __ATOMIC_RELAXED) < (unsigned long)threads; i++)
        usleep(500);
    CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
    __atomic_store_n(&victim_destroyed, 1, __ATOMIC_RELEASE);
    ct_join_threads(tid);
    printf("victim: %lu verified, %lu gone\n", victim_ok, victim_gone);
    CHECK(victim_ok + victim_gone == (unsigned long)threads * (unsigned long)rounds);
    CHECK_STATUS(psa_verify_message(victim, PSA_ALG_HSS, hss_tc1_msg, HSS_TC1_MSG_LEN, hss_tc1_sig,
                                    HSS_TC1_SIG_LEN),
                 PSA_ERROR_INVALID_HANDLE);
    psa_key_id_t all[] = {hss1, hss2, lms, xmss, ed};
    for (size_t i = 0; i < 5; i++)
        CHECK_STATUS(psa_destroy_key(all[i]), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    return report();
}
