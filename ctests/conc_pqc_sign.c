/* ctests/conc_pqc_sign.c - ML-DSA and SLH-DSA signatures from many threads on
 * shared keys.
 *
 * Every thread signs with shared keys (deterministic ML-DSA-65 and
 * deterministic SLH-DSA-SHA2-128f with a context, compared byte for byte with
 * single-threaded references; hedged ML-DSA-44 checked by verification with
 * the shared public key; HashML-DSA through psa_sign_hash_with_context) while
 * one more ML-DSA key that every thread uses is destroyed in the middle of the
 * run: each use of it either succeeds with the reference signature or fails
 * with PSA_ERROR_INVALID_HANDLE, and once a thread has seen it gone it never
 * sees it again.
 *
 * Options: -t THREADS (default 8), -r ROUNDS per thread (default 6).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SIGN_ALL (PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_SIGN_MESSAGE | \
                  PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_EXPORT)
#define SLH_PAIR PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(PSA_SLH_DSA_FAMILY_SHA2_F)

static int rounds = 6;

static psa_key_id_t det65, hedged44, pub44, slh, hashed, victim;
static uint8_t det65_ref[3309], slh_ref[17088], victim_ref[2420];
static uint8_t hash[32];
static const uint8_t msg[] = "concurrent post-quantum signatures";
static const uint8_t ctx[] = "conc";
static const psa_algorithm_t HASHED = PSA_ALG_HASH_ML_DSA(PSA_ALG_SHA_256);

static volatile int victim_destroyed;
static unsigned long victim_ok, victim_gone;

static void *worker(void *arg)
{
    int r, gone = 0;
    uint8_t *sig = malloc(PSA_SIGNATURE_MAX_SIZE);
    (void)arg;
    if (!sig)
        return NULL;
    for (r = 0; r < rounds; r++) {
        size_t len = 0;
        psa_status_t s;
        CHECK_STATUS(psa_sign_message_with_context(det65, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, ctx,
                                                   sizeof ctx, sig, PSA_SIGNATURE_MAX_SIZE, &len),
                     PSA_SUCCESS);
        CHECK_MEM(sig, len, det65_ref, sizeof det65_ref);
        CHECK_STATUS(psa_sign_message(hedged44, PSA_ALG_ML_DSA, msg, sizeof msg, sig, PSA_SIGNATURE_MAX_SIZE, &len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(pub44, PSA_ALG_ML_DSA, msg, sizeof msg, sig, len), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_hash_with_context(hashed, HASHED, hash, sizeof hash, ctx, sizeof ctx, sig,
                                                PSA_SIGNATURE_MAX_SIZE, &len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash_with_context(hashed, HASHED, hash, sizeof hash, ctx, sizeof ctx, sig, len),
                     PSA_SUCCESS);
        if (r % 3 == 0) {
            CHECK_STATUS(psa_sign_message_with_context(slh, PSA_ALG_DETERMINISTIC_SLH_DSA, msg, sizeof msg, ctx,
                                                       sizeof ctx, sig, PSA_SIGNATURE_MAX_SIZE, &len),
                         PSA_SUCCESS);
            CHECK_MEM(sig, len, slh_ref, sizeof slh_ref);
        }
        CHECK_STATUS(psa_verify_message_with_context(slh, PSA_ALG_DETERMINISTIC_SLH_DSA, msg, sizeof msg, ctx,
                                                     sizeof ctx, slh_ref, sizeof slh_ref),
                     PSA_SUCCESS);
        /* The victim: correct or gone, and gone for good. */
        int destroyed_before = __atomic_load_n(&victim_destroyed, __ATOMIC_ACQUIRE);
        s = psa_sign_message(victim, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, sig, PSA_SIGNATURE_MAX_SIZE,
                             &len);
        if (s == PSA_SUCCESS) {
            CHECK(!gone && !destroyed_before);
            CHECK_MEM(sig, len, victim_ref, sizeof victim_ref);
            __atomic_add_fetch(&victim_ok, 1, __ATOMIC_RELAXED);
        } else {
            CHECK_STATUS(s, PSA_ERROR_INVALID_HANDLE);
            gone = 1;
            __atomic_add_fetch(&victim_gone, 1, __ATOMIC_RELAXED);
        }
    }
    free(sig);
    return NULL;
}

static psa_key_id_t make(psa_key_type_t t, size_t bits, psa_algorithm_t alg, const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = ct_attrs(t, bits, SIGN_ALL, alg);
    psa_key_id_t k = 0;
    if (data)
        CHECK_STATUS(psa_import_key(&a, data, len, &k), PSA_SUCCESS);
    else
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    return k;
}

int main(int argc, char **argv)
{
    int threads = 8, opt;
    while ((opt = getopt(argc, argv, "t:r:")) != -1) {
        if (opt == 't')
            threads = atoi(optarg);
        else if (opt == 'r')
            rounds = atoi(optarg);
    }
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    uint8_t seed[32], pk[1312];
    size_t len;
    memset(seed, 0x65, sizeof seed);
    memset(hash, 0x33, sizeof hash);
    det65 = make(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 192, PSA_ALG_DETERMINISTIC_ML_DSA, seed, sizeof seed);
    hedged44 = make(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 128, PSA_ALG_ML_DSA, NULL, 0);
    CHECK_STATUS(psa_export_public_key(hedged44, pk, sizeof pk, &len), PSA_SUCCESS);
    pub44 = make(PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY, 0, PSA_ALG_ML_DSA, pk, len);
    slh = make(SLH_PAIR, 128, PSA_ALG_DETERMINISTIC_SLH_DSA, NULL, 0);
    hashed = make(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 128, HASHED, NULL, 0);
    seed[0] ^= 1;
    victim = make(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 128, PSA_ALG_DETERMINISTIC_ML_DSA, seed, sizeof seed);
    CHECK_STATUS(psa_sign_message_with_context(det65, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, ctx, sizeof ctx,
                                               det65_ref, sizeof det65_ref, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message_with_context(slh, PSA_ALG_DETERMINISTIC_SLH_DSA, msg, sizeof msg, ctx, sizeof ctx,
                                               slh_ref, sizeof slh_ref, &len),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(victim, PSA_ALG_DETERMINISTIC_ML_DSA, msg, sizeof msg, victim_ref,
                                  sizeof victim_ref, &len),
                 PSA_SUCCESS);

    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (!tid)
        return 1;
    for (int i = 0; i < threads; i++)
        pthread_create(&tid[i], NULL, worker, NULL);
    /* Destroy the victim while the threads use it. */
    while (__atomic_load_n(&victim_ok, __ATOMIC_RELAXED) < (unsigned long)threads &&
           __atomic_load_n(&victim_gone, __ATOMIC_RELAXED) == 0)
        usleep(1000);
    CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
    __atomic_store_n(&victim_destroyed, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < threads; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    CHECK(victim_ok + victim_gone == (unsigned long)threads * (unsigned long)rounds);
    printf("conc_pqc_sign: %d threads x %d rounds; victim used %lu times before its destruction\n", threads,
           rounds, victim_ok);
    psa_key_id_t all[] = {det65, hedged44, pub44, slh, hashed};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        CHECK_STATUS(psa_destroy_key(all[i]), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    return report();
}
