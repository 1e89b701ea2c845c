/* ctests/conc_rsa.c - RSA under concurrency: THREADS threads share one RSA-2048 key
 * pair (imported twice, once per policy: PKCS#1 v1.5 SHA-256 signatures and OAEP
 * SHA-256 encryption) and each round signs (the result must equal the
 * single-threaded reference: PKCS#1 v1.5 is deterministic), verifies, encrypts a
 * per-thread message and decrypts it. Meanwhile a third copy of the key is used
 * by every thread and destroyed by the main thread half-way: each call on it
 * returns either success with a correct result or PSA_ERROR_INVALID_HANDLE, and
 * once a thread saw INVALID_HANDLE it never sees success again.
 * Options: -t THREADS (default 8), -r ROUNDS (default 12). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fixed RSA-2048 test key generated once with OpenSSL 3.0 (DER RSAPrivateKey). */
static const char K2048[] =
    "308204a30201000282010100a84685c55e8b598f41fc46944d2b781a9c51844133b7788d4018fb44f850cb90c820bbe2"
    "65fa3512091bd2f07836fd1e3fe1bb9d15ff9d548c62fc42e20105cd70b10ca4b0ac4df03ae0c9f2e3f7d5353974ceaa"
    "c79e13a424b097f73299cf49673d890b4bdd719f81af30820f66f11a1e085499b4645100b8f7ccea050c0f1b3fa77840"
    "009557f344a55a4caa00bb51c6c0b56b631ef6487d073ba417b54d23a7bab4302fc7b314092a5ef0a8750e20f4af531d"
    "ca45fe59fa84775e987186a7d8e708455a85460fc665af4a0b9732335feaec71aa3746b0109b70e94a5c466872fd822c"
    "1a78cf6c36449af6bfdf966bf70a4e172f88abe609ba4fe003d5ea4d02030100010282010040c911f4785f5f062c09e3"
    "e471c774108eb145a152b766c6bef03f4100f71e406a044c41b03041e165375ca16f2f0089765fc27b0a7ea4846a1e2b"
    "efd6123db928134a0257f0a67b00380e1820d38836db1d90f9a82bc07518191310bd5f0132c9f8237c81634abcf5d14c"
    "742e58dc27497bbc9286a47e99301d5b3b97e0da296b97e301da947bbfb3db43b732d4be116c3347b7dafc7dbf93f4f5"
    "2b95896a8002b74340a96b3f5eb82dad8b45cc58a31a4cf5aaee06330f9efd800e0c939eb67466b13cd6ee2ceea00113"
    "39145a9923da36da773c3ac35132f8a2b334d0b1f8b2d53b11a89a127f3a30ab2db87f11439d80d7c9c4cf77685c2576"
    "2240b5168302818100e1d472f8b8211391264d2f07e77bbbbbffdd46964c00d4803ddcb70c1eacc7a688d8a2c568d0e4"
    "162f7cb6f3d939af69a164cf68d8fd332de39d8fb6b92820996b2696036471a5ee5fed7938873ceae4a789f9429bc52c"
    "5eb9574cc4db316f3bc9b185fa679b78a254ff800efb318185ae6cae1368708d9d6fc66fbb7d01549b02818100bec1ab"
    "7bc5d0b83a9d23d08ee81c798dd9a194b230deb399bae82bf12f5471a61e5e30a5bbf0fb571eac2997f97fc7c61d2563"
    "f21b23fba062083fdad6ecb629e9c7d6182d987e95a7823f98101e234e043d163f6654af11bf62f7dc8b557229572903"
    "407837d5ef9214c2b110683d19f5b7c6069a35f5ef3d50e2f8a43d873702818035756f4a057c7eff4b4bd6284ed9f195"
    "0d7aba2cf60cf440ef640248f232008921b7f6c03891ca8c9ded2dfa07a02a301d2e9a12bddb2274687f71f7d558f46e"
    "9cf8e366262ee912c6ce9675953e0c74d85c470f4784a37e40edb3949e36d39819a4d68c725e516e4c24b791d450e1d2"
    "5d7a08b33b73f9721d75a21985fbfca50281804760dad50eb9422694a45127184d87627fdc0972fffc654212014c680c"
    "68d1b9f2451678fdb177ab2acc0b2855f0ed850164fb581db5c2334a5b81e15668eee5121877d14646789f7135b8ac22"
    "e3d41c1e53e95e41e1503d18db6499fefd3321aafeaabbd60036aa55843531e24ccf0846bcc479b5fc991133656ff8d0"
    "2441d3028181008da69f9c9caa6cf2a2f95de73d21cc8999ad07e9e98a0e2d32453ca7b987cd482281241b89d07ff697"
    "328725a2f832d3b123b031865ebb50c230718aa58db194fd8414f9dc3030e7259889ab52993e9f5bee622f45dd88a420"
    "27bfeb211b08550257f026201b1615e35b089fc77fd2b57419eedbc104516ed0630c29f0042ea2";

#define SIG_ALG PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256)
#define ENC_ALG PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256)

static psa_key_id_t sign_key, enc_key, doomed_key;
static uint8_t hash[32], reference_sig[256];
static int rounds = 12;
static volatile int doomed_destroyed;

struct worker {
    int index;
    unsigned long ok, failed, doomed_ok, doomed_gone;
};

static int one_round(struct worker *w, int r)
{
    uint8_t sig[256], ct[256], pt[256], msg[40];
    size_t sl = 0, cl = 0, pl = 0;
    int bad = 0;
    snprintf((char *)msg, sizeof(msg), "thread %d round %d", w->index, r);
    bad |= !CHECK_STATUS(psa_sign_hash(sign_key, SIG_ALG, hash, 32, sig, sizeof(sig), &sl), PSA_SUCCESS);
    bad |= !CHECK_MEM(sig, sl, reference_sig, sizeof(reference_sig));
    bad |= !CHECK_STATUS(psa_verify_hash(sign_key, SIG_ALG, hash, 32, sig, sl), PSA_SUCCESS);
    sig[w->index % 256] ^= 1;
    bad |= !CHECK_STATUS(psa_verify_hash(sign_key, SIG_ALG, hash, 32, sig, sl), PSA_ERROR_INVALID_SIGNATURE);
    bad |= !CHECK_STATUS(psa_asymmetric_encrypt(enc_key, ENC_ALG, msg, sizeof(msg), (const uint8_t *)"L", 1,
                                                ct, sizeof(ct), &cl),
                         PSA_SUCCESS);
    bad |= !CHECK_STATUS(psa_asymmetric_decrypt(enc_key, ENC_ALG, ct, cl, (const uint8_t *)"L", 1, pt,
                                                sizeof(pt), &pl),
                         PSA_SUCCESS);
    bad |= !CHECK_MEM(pt, pl, msg, sizeof(msg));

    /* The key that disappears. */
    {
        psa_status_t s = psa_asymmetric_encrypt(doomed_key, ENC_ALG, msg, sizeof(msg), NULL, 0, ct,
                                                sizeof(ct), &cl);
        if (s == PSA_SUCCESS) {
            s = psa_asymmetric_decrypt(doomed_key, ENC_ALG, ct, cl, NULL, 0, pt, sizeof(pt), &pl);
        }
        if (s == PSA_SUCCESS) {
            bad |= !CHECK(w->doomed_gone == 0);
            bad |= !CHECK_MEM(pt, pl, msg, sizeof(msg));
            w->doomed_ok++;
        } else {
            bad |= !CHECK_STATUS(s, PSA_ERROR_INVALID_HANDLE);
            bad |= !CHECK(doomed_destroyed);
            w->doomed_gone++;
        }
    }
    return bad;
}

static void *run(void *arg)
{
    struct worker *w = arg;
    int r;
    for (r = 0; r < rounds; r++) {
        if (one_round(w, r)) {
            w->failed++;
        } else {
            w->ok++;
        }
    }
    return NULL;
}

static psa_key_id_t import_key(psa_key_usage_t usage, psa_algorithm_t alg)
{
    uint8_t der[1400];
    size_t n = ct_unhex(K2048, der, sizeof(der));
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, usage, alg, der, n, &k), PSA_SUCCESS);
    return k;
}

int main(int argc, char **argv)
{
    int threads = 8, i;
    struct worker *w;
    ct_threads_t *running;
    size_t sl = 0;
    unsigned long total_ok = 0, gone = 0;
    if (ct_conc_options(argc, argv, &threads, &rounds, NULL, NULL) != 0)
        return 2;
    if (rounds < 2) {
        fprintf(stderr, "need at least 1 thread and 2 rounds\n");
        return 2;
    }
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    sign_key = import_key(PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, SIG_ALG);
    enc_key = import_key(PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, ENC_ALG);
    doomed_key = import_key(PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, ENC_ALG);
    memset(hash, 0x3c, sizeof(hash));
    /* Single-threaded reference. */
    CHECK_STATUS(psa_sign_hash(sign_key, SIG_ALG, hash, 32, reference_sig, sizeof(reference_sig), &sl),
                 PSA_SUCCESS);
    CHECK(sl == sizeof(reference_sig));

    w = calloc((size_t)threads, sizeof(*w));
    if (w == NULL) {
        return 2;
    }
    for (i = 0; i < threads; i++)
        w[i].index = i;
    running = ct_start_threads(threads, run, w, sizeof *w);
    /* Let some rounds run on the doomed key, then destroy it under load. */
    usleep(50 * 1000);
    doomed_destroyed = 1;
    CHECK_STATUS(psa_destroy_key(doomed_key), PSA_SUCCESS);
    ct_join_threads(running);
    for (i = 0; i < threads; i++) {
        total_ok += w[i].ok;
        gone += w[i].doomed_gone;
        CHECK(w[i].failed == 0);
        CHECK(w[i].ok + w[i].failed == (unsigned long)rounds);
    }
    CHECK(total_ok == (unsigned long)threads * (unsigned long)rounds);
    /* Every thread's last round ran after the destruction finished? Not
     * necessarily; but the key is gone now for everybody. */
    {
        uint8_t ct[256];
        size_t cl = 0;
        CHECK_STATUS(psa_asymmetric_encrypt(doomed_key, ENC_ALG, hash, 1, NULL, 0, ct, sizeof(ct), &cl),
                     PSA_ERROR_INVALID_HANDLE);
    }
    printf("conc_rsa: %d threads x %d rounds; %lu calls on the destroyed key saw INVALID_HANDLE\n", threads,
           rounds, gone);
    free(w);
    psa_destroy_key(sign_key);
    psa_destroy_key(enc_key);
    mbedtls_psa_crypto_free();
    return report();
}
