/* ctests/conc_ecc.c - elliptic-curve operations from many threads on shared keys.
 *
 * Every thread signs and verifies (deterministic ECDSA compared byte for byte
 * with a single-threaded reference, randomized ECDSA checked by verification,
 * Ed25519 compared with its reference), and agrees (X25519 and ECDH P-384 raw
 * secrets compared with references, psa_key_agreement into fresh keys) with the
 * same keys, while one more key that every thread uses is destroyed in the
 * middle of the run: each use of it either succeeds with a correct signature or
 * fails with PSA_ERROR_INVALID_HANDLE, and once a thread has seen it gone it
 * never sees it again.
 *
 * Options: -t THREADS (default 8), -r ROUNDS per thread (default 40).
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

#define P256_PAIR PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
#define P256_PUB PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1)
#define SIGN_ALL (PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE)

static const psa_algorithm_t DET = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
static const psa_algorithm_t RND = PSA_ALG_ECDSA(PSA_ALG_SHA_256);

static int rounds = 40;

/* Shared keys and their references. */
static psa_key_id_t det_key, rnd_key, rnd_pub, ed_key, x_key, ecdh_key, victim, victim_pub;
static uint8_t hash[32];
static uint8_t det_ref[64];
static uint8_t ed_ref[64];
static uint8_t x_peer[32], x_ref[32];
static uint8_t ecdh_peer[97], ecdh_ref[48];
static const uint8_t msg[] = "concurrent elliptic curves";

static volatile int victim_destroyed; /* set (atomically) by main after psa_destroy_key returns */
static unsigned long victim_ok, victim_gone;

static void *worker(void *arg)
{
    int r, gone = 0;
    (void)arg;
    for (r = 0; r < rounds; r++) {
        uint8_t sig[PSA_SIGNATURE_MAX_SIZE], out[64];
        size_t len = 0;
        psa_key_id_t d = 0;
        psa_key_attributes_t a;
        psa_status_t s;

        CHECK_STATUS(psa_sign_hash(det_key, DET, hash, sizeof hash, sig, sizeof sig, &len), PSA_SUCCESS);
        CHECK_MEM(sig, len, det_ref, sizeof det_ref);
        CHECK_STATUS(psa_verify_hash(det_key, DET, hash, sizeof hash, det_ref, sizeof det_ref), PSA_SUCCESS);

        CHECK_STATUS(psa_sign_message(rnd_key, RND, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(rnd_pub, RND, msg, sizeof msg, sig, len), PSA_SUCCESS);
        sig[len - 1] ^= 1;
        CHECK_STATUS(psa_verify_message(rnd_pub, RND, msg, sizeof msg, sig, len), PSA_ERROR_INVALID_SIGNATURE);

        CHECK_STATUS(psa_sign_message(ed_key, PSA_ALG_PURE_EDDSA, msg, sizeof msg, sig, sizeof sig, &len), PSA_SUCCESS);
        CHECK_MEM(sig, len, ed_ref, sizeof ed_ref);
        CHECK_STATUS(psa_verify_message(ed_key, PSA_ALG_PURE_EDDSA, msg, sizeof msg, ed_ref, sizeof ed_ref), PSA_SUCCESS);

        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x_key, x_peer, sizeof x_peer, out, sizeof out, &len), PSA_SUCCESS);
        CHECK_MEM(out, len, x_ref, sizeof x_ref);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, ecdh_key, ecdh_peer, sizeof ecdh_peer, out, sizeof out, &len),
                     PSA_SUCCESS);
        CHECK_MEM(out, len, ecdh_ref, sizeof ecdh_ref);

        a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, 0);
        if (CHECK_STATUS(psa_key_agreement(x_key, x_peer, sizeof x_peer, PSA_ALG_ECDH, &a, &d), PSA_SUCCESS)) {
            CHECK_STATUS(psa_export_key(d, out, sizeof out, &len), PSA_SUCCESS);
            CHECK_MEM(out, len, x_ref, sizeof x_ref);
            CHECK_STATUS(psa_destroy_key(d), PSA_SUCCESS);
        }

        /* The key being destroyed: a correct signature or INVALID_HANDLE, and
         * never success again once gone. */
        s = psa_sign_hash(victim, DET, hash, sizeof hash, sig, sizeof sig, &len);
        if (s == PSA_SUCCESS) {
            CHECK(!gone);
            CHECK_STATUS(psa_verify_hash(victim_pub, DET, hash, sizeof hash, sig, len), PSA_SUCCESS);
            __atomic_add_fetch(&victim_ok, 1, __ATOMIC_RELAXED);
        } else {
            CHECK_STATUS(s, PSA_ERROR_INVALID_HANDLE);
            gone = 1;
            __atomic_add_fetch(&victim_gone, 1, __ATOMIC_RELAXED);
        }
        if (__atomic_load_n(&victim_destroyed, __ATOMIC_ACQUIRE)) {
            CHECK_STATUS(psa_sign_hash(victim, DET, hash, sizeof hash, sig, sizeof sig, &len), PSA_ERROR_INVALID_HANDLE);
            gone = 1;
        }
    }
    return NULL;
}

static int setup(void)
{
    static const psa_algorithm_t h = PSA_ALG_SHA_256;
    uint8_t pub[97];
    size_t len = 0, i;
    psa_key_id_t peer = 0;
    psa_key_attributes_t a;

    for (i = 0; i < sizeof hash; i++)
        hash[i] = (uint8_t)(i * 7 + 1);
    (void)h;

    a = ct_attrs(P256_PAIR, 256, SIGN_ALL, DET);
    if (!CHECK_STATUS(psa_generate_key(&a, &det_key), PSA_SUCCESS))
        return 0;
    CHECK_STATUS(psa_sign_hash(det_key, DET, hash, sizeof hash, det_ref, sizeof det_ref, &len), PSA_SUCCESS);

    a = ct_attrs(P256_PAIR, 256, SIGN_ALL, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH));
    CHECK_STATUS(psa_generate_key(&a, &rnd_key), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(rnd_key, pub, sizeof pub, &len), PSA_SUCCESS);
    CHECK_STATUS(ct_import(P256_PUB, PSA_KEY_USAGE_VERIFY_MESSAGE, RND, pub, len, &rnd_pub), PSA_SUCCESS);

    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, SIGN_ALL, PSA_ALG_PURE_EDDSA);
    CHECK_STATUS(psa_generate_key(&a, &ed_key), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(ed_key, PSA_ALG_PURE_EDDSA, msg, sizeof msg, ed_ref, sizeof ed_ref, &len), PSA_SUCCESS);

    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &x_key), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_key(&a, &peer), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(peer, x_peer, sizeof x_peer, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, x_key, x_peer, sizeof x_peer, x_ref, sizeof x_ref, &len), PSA_SUCCESS);
    psa_destroy_key(peer);

    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 384, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &ecdh_key), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_key(&a, &peer), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(peer, ecdh_peer, sizeof ecdh_peer, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, ecdh_key, ecdh_peer, sizeof ecdh_peer, ecdh_ref, sizeof ecdh_ref, &len),
                 PSA_SUCCESS);
    psa_destroy_key(peer);

    a = ct_attrs(P256_PAIR, 256, SIGN_ALL, DET);
    CHECK_STATUS(psa_generate_key(&a, &victim), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(victim, pub, sizeof pub, &len), PSA_SUCCESS);
    CHECK_STATUS(ct_import(P256_PUB, PSA_KEY_USAGE_VERIFY_HASH, DET, pub, len, &victim_pub), PSA_SUCCESS);
    return ct_failed() == 0;
}

int main(int argc, char **argv)
{
    int threads = 8;
    ct_threads_t *tid;
    uint8_t sig[64];
    size_t len;

    if (ct_conc_options(argc, argv, &threads, &rounds, NULL, NULL) != 0)
        return 2;
    if (rounds < 1)
        rounds = 1;
    if (psa_crypto_init() != PSA_SUCCESS || !setup())
        return report() | 1;

    tid = ct_start_threads(threads, worker, NULL, 0);
    /* Let the workers get going, then destroy the shared victim key under them. */
    while (__atomic_load_n(&victim_ok, __ATOMIC_RELAXED) < (unsigned long)threads * (unsigned long)((rounds + 3) / 4))
        usleep(1000);
    CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
    __atomic_store_n(&victim_destroyed, 1, __ATOMIC_RELEASE);
    CHECK_STATUS(psa_sign_hash(victim, DET, hash, sizeof hash, sig, sizeof sig, &len), PSA_ERROR_INVALID_HANDLE);
    ct_join_threads(tid);

    CHECK(victim_ok > 0);
    printf("victim key: %lu signatures before destruction, %lu INVALID_HANDLE after\n", victim_ok, victim_gone);
    psa_destroy_key(det_key);
    psa_destroy_key(rnd_key);
    psa_destroy_key(rnd_pub);
    psa_destroy_key(ed_key);
    psa_destroy_key(x_key);
    psa_destroy_key(ecdh_key);
    psa_destroy_key(victim_pub);
    free(NULL);
    return report();
}
