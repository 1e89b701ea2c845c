/* ctests/conc_new_algos.c - the algorithms added for TF-PSA-Crypto parity
 * under concurrency (also run under ThreadSanitizer).
 *
 * 1. shared: THREADS threads use shared keys at once - ARIA-128-GCM,
 *    Camellia-256-CBC-PKCS7 (multi-part), 3DES-CBC, AES CBC-MAC (multi-part),
 *    deterministic ECDSA on P-224, FFDH-2048 agreement - and compare every
 *    output with a single-threaded reference computed first.
 * 2. derive: threads derive P-256, X25519 and Ed25519 key pairs from their own
 *    HKDF operations over one shared secret key, and compare the exported keys
 *    with the reference.
 * 3. destroy: threads compute CBC-MAC with a key the main thread destroys
 *    meanwhile: every result is the reference or INVALID_HANDLE / BAD_STATE.
 *
 * Options: -t THREADS (default 8), -r ROUNDS (default 20).
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

#define MSG 64
#define ENC_DEC (PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT)
#define SIGNV (PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE)
#define HKDF256 PSA_ALG_HKDF(PSA_ALG_SHA_256)
#define DET PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256)
#define DH_PAIR PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919)

static int threads = 8, rounds = 20;
static psa_key_id_t aria, cam, tdes, cbcmac, p224, dh, secret, victim;
static uint8_t msg[MSG], nonce[12], iv[16], dh_peer[256];
static uint8_t ref_gcm[MSG + 16], ref_cam[MSG + 16], ref_tdes[MSG], ref_mac[16], ref_sig[56], ref_dh[256];
static uint8_t ref_derived[3][64];
static size_t ref_derived_len[3];
static int destroyed;

static psa_status_t cam_multi(uint8_t *out, size_t *len) {
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    size_t a, b, c;
    psa_status_t st;
    if ((st = psa_cipher_encrypt_setup(&op, cam, PSA_ALG_CBC_PKCS7)) != PSA_SUCCESS) return st;
    if ((st = psa_cipher_set_iv(&op, iv, 16)) != PSA_SUCCESS ||
        (st = psa_cipher_update(&op, msg, 21, out, MSG + 16, &a)) != PSA_SUCCESS ||
        (st = psa_cipher_update(&op, msg + 21, MSG - 21, out + a, MSG + 16 - a, &b)) != PSA_SUCCESS ||
        (st = psa_cipher_finish(&op, out + a + b, MSG + 16 - a - b, &c)) != PSA_SUCCESS) {
        psa_cipher_abort(&op);
        return st;
    }
    *len = a + b + c;
    return PSA_SUCCESS;
}

static psa_status_t mac_multi(psa_key_id_t k, uint8_t *out) {
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    size_t n;
    psa_status_t st;
    if ((st = psa_mac_sign_setup(&op, k, PSA_ALG_CBC_MAC)) != PSA_SUCCESS) return st;
    if ((st = psa_mac_update(&op, msg, 10)) != PSA_SUCCESS || (st = psa_mac_update(&op, msg + 10, MSG - 10)) != PSA_SUCCESS ||
        (st = psa_mac_sign_finish(&op, out, 16, &n)) != PSA_SUCCESS) {
        psa_mac_abort(&op);
        return st;
    }
    return n == 16 ? PSA_SUCCESS : PSA_ERROR_CORRUPTION_DETECTED;
}

static const psa_key_type_t derived_types[3] = {PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1),
                                                PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY),
                                                PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS)};
static const size_t derived_bits[3] = {256, 255, 255};

static psa_status_t derive(int which, uint8_t *out, size_t *len) {
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = ct_attrs(derived_types[which], derived_bits[which], PSA_KEY_USAGE_EXPORT, 0);
    psa_key_id_t k;
    psa_status_t st;
    if ((st = psa_key_derivation_setup(&op, HKDF256)) == PSA_SUCCESS &&
        (st = psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, secret)) == PSA_SUCCESS &&
        (st = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)"conc", 4)) ==
            PSA_SUCCESS &&
        (st = psa_key_derivation_output_key(&a, &op, &k)) == PSA_SUCCESS) {
        st = psa_export_key(k, out, 64, len);
        psa_destroy_key(k);
    }
    psa_key_derivation_abort(&op);
    return st;
}

static void *shared_worker(void *arg) {
    (void)arg;
    uint8_t out[MSG + 16], sig[56], s[256];
    size_t n;
    for (int r = 0; r < rounds; r++) {
        if (CHECK_STATUS(psa_aead_encrypt(aria, PSA_ALG_GCM, nonce, 12, NULL, 0, msg, MSG, out, sizeof out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, ref_gcm, sizeof ref_gcm);
        if (CHECK_STATUS(cam_multi(out, &n), PSA_SUCCESS)) CHECK_MEM(out, n, ref_cam, sizeof ref_cam);
        uint8_t in[8 + MSG];
        memcpy(in, iv, 8);
        memcpy(in + 8, ref_tdes, MSG);
        if (CHECK_STATUS(psa_cipher_decrypt(tdes, PSA_ALG_CBC_NO_PADDING, in, sizeof in, out, sizeof out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, msg, MSG);
        if (CHECK_STATUS(mac_multi(cbcmac, out), PSA_SUCCESS)) CHECK_MEM(out, 16, ref_mac, 16);
        if (CHECK_STATUS(psa_sign_message(p224, DET, msg, MSG, sig, sizeof sig, &n), PSA_SUCCESS))
            CHECK_MEM(sig, n, ref_sig, sizeof ref_sig);
        if (r % 4 == 0 && CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, dh, dh_peer, 256, s, sizeof s, &n), PSA_SUCCESS))
            CHECK_MEM(s, n, ref_dh, sizeof ref_dh);
    }
    return NULL;
}

static void *derive_worker(void *arg) {
    (void)arg;
    uint8_t out[64];
    size_t n;
    for (int r = 0; r < rounds; r++) {
        int which = r % 3;
        if (CHECK_STATUS(derive(which, out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, ref_derived[which], ref_derived_len[which]);
    }
    return NULL;
}

static void *destroy_worker(void *arg) {
    (void)arg;
    uint8_t out[16];
    for (int r = 0; r < rounds * 10; r++) {
        int was_destroyed = __atomic_load_n(&destroyed, __ATOMIC_ACQUIRE);
        psa_status_t st = mac_multi(victim, out);
        if (st == PSA_SUCCESS) {
            CHECK_MEM(out, 16, ref_mac, 16);
            CHECK(!was_destroyed);
        } else if (!CHECK(st == PSA_ERROR_INVALID_HANDLE || st == PSA_ERROR_BAD_STATE)) {
            FAIL("status %s", ct_status_name(st));
        }
    }
    return NULL;
}

static void run(void *(*fn)(void *)) {
    ct_threads_t *t = ct_start_threads(threads, fn, NULL, 0);
    if (fn == destroy_worker) {
        usleep(1000);
        CHECK_STATUS(psa_destroy_key(victim), PSA_SUCCESS);
        __atomic_store_n(&destroyed, 1, __ATOMIC_RELEASE);
    }
    ct_join_threads(t);
}

int main(int argc, char **argv) {
    if (ct_conc_options(argc, argv, &threads, &rounds, NULL, NULL) != 0)
        return 2;
    if (threads < 2) threads = 2;
    if (rounds < 1) rounds = 1;
    uint8_t key[32];
    size_t n;
    for (int i = 0; i < MSG; i++) msg[i] = (uint8_t)(i * 7 + 1);
    memset(nonce, 0x3c, sizeof nonce);
    memset(iv, 0xc3, sizeof iv);
    memset(key, 0x4b, sizeof key);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ARIA, ENC_DEC, PSA_ALG_GCM, key, 16, &aria), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_CAMELLIA, ENC_DEC, PSA_ALG_CBC_PKCS7, key, 32, &cam), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, ENC_DEC, PSA_ALG_CBC_NO_PADDING, key, 24, &tdes), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, SIGNV, PSA_ALG_CBC_MAC, key, 16, &cbcmac), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, SIGNV, PSA_ALG_CBC_MAC, key, 16, &victim), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), SIGNV, DET, key, 28, &p224), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, key, 32, &secret), PSA_SUCCESS);
    psa_key_attributes_t da = ct_attrs(DH_PAIR, 2048, PSA_KEY_USAGE_DERIVE, PSA_ALG_FFDH);
    psa_key_id_t other;
    CHECK_STATUS(psa_generate_key(&da, &dh), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_key(&da, &other), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(other, dh_peer, sizeof dh_peer, &n), PSA_SUCCESS);
    psa_destroy_key(other);
    /* Single-threaded references. */
    CHECK_STATUS(psa_aead_encrypt(aria, PSA_ALG_GCM, nonce, 12, NULL, 0, msg, MSG, ref_gcm, sizeof ref_gcm, &n), PSA_SUCCESS);
    CHECK_STATUS(cam_multi(ref_cam, &n), PSA_SUCCESS);
    CHECK(n == sizeof ref_cam);
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    size_t f;
    CHECK_STATUS(psa_cipher_encrypt_setup(&op, tdes, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_set_iv(&op, iv, 8), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_update(&op, msg, MSG, ref_tdes, sizeof ref_tdes, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_cipher_finish(&op, ref_tdes + n, sizeof ref_tdes - n, &f), PSA_SUCCESS);
    CHECK_STATUS(mac_multi(cbcmac, ref_mac), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(p224, DET, msg, MSG, ref_sig, sizeof ref_sig, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, dh, dh_peer, 256, ref_dh, sizeof ref_dh, &n), PSA_SUCCESS);
    for (int i = 0; i < 3; i++) CHECK_STATUS(derive(i, ref_derived[i], &ref_derived_len[i]), PSA_SUCCESS);

    run(shared_worker);
    printf("scenario shared: %d threads x %d rounds ok\n", threads, rounds);
    run(derive_worker);
    printf("scenario derive: %d threads x %d rounds ok\n", threads, rounds);
    run(destroy_worker);
    printf("scenario destroy: %d threads x %d rounds\n", threads, rounds * 10);
    psa_destroy_key(aria);
    psa_destroy_key(cam);
    psa_destroy_key(tdes);
    psa_destroy_key(cbcmac);
    psa_destroy_key(p224);
    psa_destroy_key(dh);
    psa_destroy_key(secret);
    return report();
}
