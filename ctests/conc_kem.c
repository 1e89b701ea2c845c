/* ctests/conc_kem.c - key encapsulation from many threads on shared keys.
 *
 * Every thread decapsulates a fixed ML-KEM-768 ciphertext (the secret compared
 * with a single-threaded reference), encapsulates to a shared public key and
 * decapsulates with the shared key pair, does the same with ECIES on P-256 and
 * X25519, while one more ML-KEM key pair that every thread uses is destroyed in
 * the middle of the run: each use of it either succeeds with the reference
 * secret or fails with PSA_ERROR_INVALID_HANDLE, and once a thread has seen it
 * gone it never sees it again. Check counts do not depend on timing.
 *
 * Options: -t THREADS (default 8), -r ROUNDS per thread (default 24).
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

#define KEM_USE (PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT)

static int rounds = 24;

static psa_key_id_t ml_pair, ml_pub, ml512, p256, x25519, victim;
static uint8_t ref_ct[1088], ref_secret[32], victim_ct[1088], victim_secret[32];
static size_t ref_ct_len, victim_ct_len;

static unsigned long victim_ok, victim_gone;

static psa_key_attributes_t out_attrs(void)
{
    return ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_NONE);
}

/* Exports and destroys the secret key k; 1 if it holds `want` (32 or n bytes). */
static void check_secret(psa_key_id_t k, const uint8_t *want, size_t want_len)
{
    uint8_t got[80];
    size_t n = 0;
    CHECK_STATUS(psa_export_key(k, got, sizeof got, &n), PSA_SUCCESS);
    CHECK_MEM(got, n, want, want_len);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

/* Encapsulates to `to` and decapsulates with `with`: the two secrets agree. */
static void round_trip(psa_key_id_t to, psa_key_id_t with, psa_algorithm_t alg)
{
    psa_key_attributes_t o = out_attrs();
    uint8_t ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE], s[80];
    size_t cl = 0, n = 0;
    psa_key_id_t k1 = 0, k2 = 0;
    if (!CHECK_STATUS(psa_encapsulate(to, alg, &o, &k1, ct, sizeof ct, &cl), PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_export_key(k1, s, sizeof s, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);
    if (CHECK_STATUS(psa_decapsulate(with, alg, ct, cl, &o, &k2), PSA_SUCCESS))
        check_secret(k2, s, n);
}

static void *worker(void *arg)
{
    int r, gone = 0;
    (void)arg;
    for (r = 0; r < rounds; r++) {
        psa_key_attributes_t o = out_attrs();
        psa_key_id_t k = 0;
        psa_status_t s;

        if (CHECK_STATUS(psa_decapsulate(ml_pair, PSA_ALG_ML_KEM, ref_ct, ref_ct_len, &o, &k), PSA_SUCCESS))
            check_secret(k, ref_secret, sizeof ref_secret);
        round_trip(ml_pub, ml_pair, PSA_ALG_ML_KEM);
        round_trip(ml512, ml512, PSA_ALG_ML_KEM);
        round_trip(p256, p256, PSA_ALG_ECIES_SEC1);
        round_trip(x25519, x25519, PSA_ALG_ECIES_SEC1);

        /* The key being destroyed: the reference secret or INVALID_HANDLE, and
         * never success again once gone. Both branches make three checks. */
        s = psa_decapsulate(victim, PSA_ALG_ML_KEM, victim_ct, victim_ct_len, &o, &k);
        if (s == PSA_SUCCESS) {
            CHECK(!gone);
            check_secret(k, victim_secret, sizeof victim_secret);
            __atomic_add_fetch(&victim_ok, 1, __ATOMIC_RELAXED);
        } else {
            CHECK_STATUS(s, PSA_ERROR_INVALID_HANDLE);
            CHECK(k == PSA_KEY_ID_NULL);
            CHECK(1);
            CHECK(1);
            gone = 1;
            __atomic_add_fetch(&victim_gone, 1, __ATOMIC_RELAXED);
        }
    }
    return NULL;
}

/* A reference ciphertext of `key` and its secret, computed single-threaded. */
static void reference(psa_key_id_t key, uint8_t *ct, size_t *cl, uint8_t *secret)
{
    psa_key_attributes_t o = out_attrs();
    psa_key_id_t k = 0;
    size_t n = 0;
    CHECK_STATUS(psa_encapsulate(key, PSA_ALG_ML_KEM, &o, &k, ct, 1088, cl), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(k, secret, 32, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

static int setup(void)
{
    uint8_t ek[1184];
    size_t el = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 768, KEM_USE, PSA_ALG_ML_KEM);
    if (!CHECK_STATUS(psa_generate_key(&a, &ml_pair), PSA_SUCCESS))
        return 0;
    CHECK_STATUS(psa_export_public_key(ml_pair, ek, sizeof ek, &el), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ML_KEM, ek, el, &ml_pub),
                 PSA_SUCCESS);
    reference(ml_pub, ref_ct, &ref_ct_len, ref_secret);
    CHECK_STATUS(psa_generate_key(&a, &victim), PSA_SUCCESS);
    reference(victim, victim_ct, &victim_ct_len, victim_secret);
    a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 512, KEM_USE, PSA_ALG_ML_KEM);
    CHECK_STATUS(psa_generate_key(&a, &ml512), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, KEM_USE, PSA_ALG_ECIES_SEC1);
    CHECK_STATUS(psa_generate_key(&a, &p256), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, KEM_USE, PSA_ALG_ECIES_SEC1);
    CHECK_STATUS(psa_generate_key(&a, &x25519), PSA_SUCCESS);
    return ct_failed() == 0;
}

int main(int argc, char **argv)
{
    int threads = 8, opt, i;
    pthread_t *tid;

    while ((opt = getopt(argc, argv, "t:r:")) != -1) {
        if (opt == 't')
            threads = atoi(optarg);
        else if (opt == 'r')
            rounds = atoi(optarg);
        else {
            fprintf(stderr, "usage: %s [-t THREADS] [-r ROUNDS]\n", argv[0]);
            return 2;
        }
    }
    if (threads < 1)
        threads = 1;
    if (rounds < 1)
        rounds = 1;
    if (psa_crypto_init() != PSA_SUCCESS || !setup())
        return report() | 1;

    tid = calloc((size_t)threads, sizeof *tid);
    if (tid == NULL)
        return 1;
    for (i = 0; i < threads; i++)
        if (pthread_create(&tid[i], NULL, worker, NULL) != 0)
            abort();
    /* Let the workers get going, then destroy the shared victim key under them. */
    while (__atomic_load_n(&victim_ok, __ATOMIC_RELAXED) < (unsigned long)threads * (unsigned long)((rounds + 3) / 4) &&
           __atomic_load_n(&victim_gone, __ATOMIC_RELAXED) == 0)
        usleep(1000);
    CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
    for (i = 0; i < threads; i++)
        pthread_join(tid[i], NULL);
    free(tid);

    {
        psa_key_attributes_t o = out_attrs();
        psa_key_id_t k = 0;
        CHECK_STATUS(psa_decapsulate(victim, PSA_ALG_ML_KEM, victim_ct, victim_ct_len, &o, &k),
                     PSA_ERROR_INVALID_HANDLE);
    }
    CHECK(victim_ok > 0);
    printf("conc_kem: %d threads x %d rounds; victim key: %lu decapsulations before destruction, %lu INVALID_HANDLE\n",
           threads, rounds, victim_ok, victim_gone);
    psa_destroy_key(ml_pair);
    psa_destroy_key(ml_pub);
    psa_destroy_key(ml512);
    psa_destroy_key(p256);
    psa_destroy_key(x25519);
    mbedtls_psa_crypto_free();
    return report();
}
