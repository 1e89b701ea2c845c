/* ctests/conc_cipher_aead.c - ciphers and AEAD under concurrency.
 *
 * 1. shared: THREADS threads encrypt and decrypt with one shared AES key
 *    (AES-GCM and AES-CTR policies on two keys made from the same bytes) and one
 *    ChaCha20 key (ChaCha20-Poly1305), one-shot and multi-part, and compare every
 *    output with a single-threaded reference computed first.
 * 2. destroy: threads run one-shot and multi-part GCM on a key that the main
 *    thread destroys meanwhile. Every result is either correct or an error
 *    (INVALID_HANDLE / BAD_STATE), never wrong output; setups that start after
 *    psa_destroy_key returned get INVALID_HANDLE.
 * 3. shared-op: two threads drive one cipher operation object at once: every call
 *    returns SUCCESS or BAD_STATE, nothing crashes.
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default 200).
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

#define MSG 100
#define ENC_DEC (PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT)

static int threads = 8, rounds = 200;
static psa_key_id_t aes_gcm, aes_ctr, chacha;
static uint8_t msg[MSG], ad[20], nonce[12], ctr_iv[16];
static uint8_t ref_gcm[MSG + 16], ref_chacha[MSG + 16], ref_ctr[MSG];

/* Multi-part AEAD encryption in two chunks; returns the status. */
static psa_status_t aead_multi(psa_key_id_t key, psa_algorithm_t alg, uint8_t *out)
{
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    size_t n = 0, m = 0, t = 0;
    psa_status_t st;
    if ((st = psa_aead_encrypt_setup(&op, key, alg)) != PSA_SUCCESS)
        return st;
    if ((st = psa_aead_set_nonce(&op, nonce, sizeof nonce)) != PSA_SUCCESS ||
        (st = psa_aead_update_ad(&op, ad, sizeof ad)) != PSA_SUCCESS ||
        (st = psa_aead_update(&op, msg, 33, out, MSG, &n)) != PSA_SUCCESS ||
        (st = psa_aead_update(&op, msg + 33, MSG - 33, out + n, MSG - n, &m)) != PSA_SUCCESS ||
        (st = psa_aead_finish(&op, NULL, 0, &t, out + MSG, 16, &t)) != PSA_SUCCESS) {
        psa_aead_abort(&op);
        return st;
    }
    return n + m == MSG && t == 16 ? PSA_SUCCESS : PSA_ERROR_CORRUPTION_DETECTED;
}

static psa_status_t ctr_multi(psa_key_id_t key, int encrypt, const uint8_t *in, uint8_t *out)
{
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    size_t n = 0, m = 0, f = 0;
    psa_status_t st = encrypt ? psa_cipher_encrypt_setup(&op, key, PSA_ALG_CTR)
                              : psa_cipher_decrypt_setup(&op, key, PSA_ALG_CTR);
    if (st != PSA_SUCCESS)
        return st;
    if ((st = psa_cipher_set_iv(&op, ctr_iv, 16)) != PSA_SUCCESS ||
        (st = psa_cipher_update(&op, in, 7, out, MSG, &n)) != PSA_SUCCESS ||
        (st = psa_cipher_update(&op, in + 7, MSG - 7, out + n, MSG - n, &m)) != PSA_SUCCESS ||
        (st = psa_cipher_finish(&op, out + n + m, MSG - n - m, &f)) != PSA_SUCCESS) {
        psa_cipher_abort(&op);
        return st;
    }
    return n + m + f == MSG ? PSA_SUCCESS : PSA_ERROR_CORRUPTION_DETECTED;
}

static void *shared_worker(void *arg)
{
    uint8_t out[MSG + 32], back[MSG + 32];
    size_t n = 0, m = 0;
    int r;
    (void)arg;
    for (r = 0; r < rounds; r++) {
        CHECK_STATUS(psa_aead_encrypt(aes_gcm, PSA_ALG_GCM, nonce, 12, ad, sizeof ad, msg, MSG, out, sizeof out, &n),
                     PSA_SUCCESS);
        CHECK(n == MSG + 16 && memcmp(out, ref_gcm, n) == 0);
        CHECK_STATUS(psa_aead_decrypt(aes_gcm, PSA_ALG_GCM, nonce, 12, ad, sizeof ad, ref_gcm, MSG + 16, back,
                                      sizeof back, &m),
                     PSA_SUCCESS);
        CHECK(m == MSG && memcmp(back, msg, MSG) == 0);
        CHECK_STATUS(psa_aead_encrypt(chacha, PSA_ALG_CHACHA20_POLY1305, nonce, 12, ad, sizeof ad, msg, MSG, out,
                                      sizeof out, &n),
                     PSA_SUCCESS);
        CHECK(n == MSG + 16 && memcmp(out, ref_chacha, n) == 0);
        CHECK_STATUS(aead_multi(aes_gcm, PSA_ALG_GCM, out), PSA_SUCCESS);
        CHECK(memcmp(out, ref_gcm, MSG + 16) == 0);
        CHECK_STATUS(aead_multi(chacha, PSA_ALG_CHACHA20_POLY1305, out), PSA_SUCCESS);
        CHECK(memcmp(out, ref_chacha, MSG + 16) == 0);
        CHECK_STATUS(ctr_multi(aes_ctr, 1, msg, out), PSA_SUCCESS);
        CHECK(memcmp(out, ref_ctr, MSG) == 0);
        CHECK_STATUS(ctr_multi(aes_ctr, 0, ref_ctr, back), PSA_SUCCESS);
        CHECK(memcmp(back, msg, MSG) == 0);
        /* One-shot cipher with a random IV round trip. */
        CHECK_STATUS(psa_cipher_encrypt(aes_ctr, PSA_ALG_CTR, msg, MSG, out, sizeof out, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_decrypt(aes_ctr, PSA_ALG_CTR, out, n, back, sizeof back, &m), PSA_SUCCESS);
        CHECK(m == MSG && memcmp(back, msg, MSG) == 0);
    }
    return NULL;
}

static psa_key_id_t victim;
static volatile int destroyed; /* set (atomically) after psa_destroy_key returned */

static void *destroy_worker(void *arg)
{
    uint8_t out[MSG + 32];
    size_t n = 0;
    int r;
    (void)arg;
    for (r = 0; r < rounds * 4; r++) {
        int after = __atomic_load_n(&destroyed, __ATOMIC_ACQUIRE);
        psa_status_t st = psa_aead_encrypt(victim, PSA_ALG_GCM, nonce, 12, ad, sizeof ad, msg, MSG, out, sizeof out, &n);
        if (st == PSA_SUCCESS)
            CHECK(!after && n == MSG + 16 && memcmp(out, ref_gcm, n) == 0);
        else
            CHECK_STATUS(st, PSA_ERROR_INVALID_HANDLE);
        after = __atomic_load_n(&destroyed, __ATOMIC_ACQUIRE);
        st = aead_multi(victim, PSA_ALG_GCM, out);
        if (st == PSA_SUCCESS)
            CHECK(!after && memcmp(out, ref_gcm, MSG + 16) == 0);
        else if (after)
            CHECK_STATUS(st, PSA_ERROR_INVALID_HANDLE);
        else
            CHECK_STATUS2(st, PSA_ERROR_INVALID_HANDLE, PSA_ERROR_BAD_STATE);
        if (after && r > 20)
            break;
    }
    return NULL;
}

static psa_cipher_operation_t shared_op = PSA_CIPHER_OPERATION_INIT;
static unsigned long bad_state_seen;

static void *op_worker(void *arg)
{
    uint8_t out[64];
    size_t n;
    int r;
    (void)arg;
    for (r = 0; r < rounds * 20; r++) {
        psa_status_t st = psa_cipher_update(&shared_op, msg, 64, out, sizeof out, &n);
        if (st == PSA_ERROR_BAD_STATE)
            __atomic_fetch_add(&bad_state_seen, 1, __ATOMIC_RELAXED);
        else
            CHECK_STATUS(st, PSA_SUCCESS);
    }
    return NULL;
}

static void run(void *(*fn)(void *), int count)
{
    ct_threads_t *t = ct_start_threads(count, fn, NULL, 0);
    if (fn == destroy_worker) {
        usleep(2000);
        CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
        __atomic_store_n(&destroyed, 1, __ATOMIC_RELEASE);
    }
    ct_join_threads(t);
}

int main(int argc, char **argv)
{
    uint8_t key[16], ckey[32];
    size_t n = 0, i;
    if (ct_conc_options(argc, argv, &threads, &rounds, NULL, NULL) != 0)
        return 2;
    if (threads < 2)
        threads = 2;
    if (rounds < 1)
        rounds = 1;
    for (i = 0; i < MSG; i++)
        msg[i] = (uint8_t)(i * 13);
    for (i = 0; i < sizeof ad; i++)
        ad[i] = (uint8_t)i;
    memset(nonce, 0x5a, sizeof nonce);
    memset(ctr_iv, 0xa5, sizeof ctr_iv);
    memset(key, 0x11, sizeof key);
    memset(ckey, 0x22, sizeof ckey);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_GCM, key, 16, &aes_gcm), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_CTR, key, 16, &aes_ctr), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, ENC_DEC, PSA_ALG_CHACHA20_POLY1305, ckey, 32, &chacha), PSA_SUCCESS);
    /* Single-threaded references. */
    CHECK_STATUS(psa_aead_encrypt(aes_gcm, PSA_ALG_GCM, nonce, 12, ad, sizeof ad, msg, MSG, ref_gcm, sizeof ref_gcm, &n),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(chacha, PSA_ALG_CHACHA20_POLY1305, nonce, 12, ad, sizeof ad, msg, MSG, ref_chacha,
                                  sizeof ref_chacha, &n),
                 PSA_SUCCESS);
    CHECK_STATUS(ctr_multi(aes_ctr, 1, msg, ref_ctr), PSA_SUCCESS);

    run(shared_worker, threads);

    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_GCM, key, 16, &victim), PSA_SUCCESS);
    run(destroy_worker, threads);
    {
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&op, victim, PSA_ALG_GCM), PSA_ERROR_INVALID_HANDLE);
    }

    CHECK_STATUS(psa_cipher_encrypt_setup(&shared_op, aes_ctr, PSA_ALG_CTR), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&shared_op, ctr_iv, 16), PSA_SUCCESS);
    run(op_worker, 2);
    printf("shared operation: %lu BAD_STATE refusals\n", bad_state_seen);
    CHECK_STATUS(psa_cipher_abort(&shared_op), PSA_SUCCESS);

    psa_destroy_key(aes_gcm);
    psa_destroy_key(aes_ctr);
    psa_destroy_key(chacha);
    mbedtls_psa_crypto_free();
    return report();
}
