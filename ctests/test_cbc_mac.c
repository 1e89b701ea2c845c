/* ctests/test_cbc_mac.c - PSA_ALG_CBC_MAC (zero IV; a partial last block is
 * zero-padded) over AES, ARIA, Camellia and DES/3DES: FIPS 113's DAA example
 * (DES), SP 800-38A F.2.1 (AES-128 CBC with the IV folded into the first
 * block), the MAC equal to the last block of psa_cipher CBC encryption with a
 * zero IV for every 16-byte cipher and size, single-part against multi-part in
 * pieces, verify, truncation, and the error paths (wrong key type, policy,
 * forged MAC). */
#include "common.h"

#include <stdio.h>
#include <string.h>

#define SIGN_VERIFY (PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE)

static void daa(void) {
    uint8_t key[8], mac[8], exp[8];
    size_t kl = ct_unhex("0123456789abcdef", key, sizeof key), n;
    ct_unhex("f1d30f6849312ca4", exp, sizeof exp);
    const char *msg = "7654321 Now is the time for ";
    psa_key_id_t k;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, kl, &k), PSA_SUCCESS)) return;
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, (const uint8_t *)msg, strlen(msg), mac, sizeof mac, &n),
                 PSA_SUCCESS);
    CHECK_MEM(mac, n, exp, 8);
    CHECK(PSA_MAC_LENGTH(PSA_KEY_TYPE_DES, 64, PSA_ALG_CBC_MAC) == 8);
    CHECK_STATUS(psa_mac_verify(k, PSA_ALG_CBC_MAC, (const uint8_t *)msg, strlen(msg), exp, 8), PSA_SUCCESS);
    exp[7] ^= 1;
    CHECK_STATUS(psa_mac_verify(k, PSA_ALG_CBC_MAC, (const uint8_t *)msg, strlen(msg), exp, 8),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, (const uint8_t *)msg, 3, mac, 7, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    psa_destroy_key(k);
}

static void sp800_38a(void) {
    uint8_t key[16], m[32], iv[16], exp[16], mac[16];
    size_t n;
    ct_unhex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof key);
    ct_unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", m, sizeof m);
    ct_unhex("000102030405060708090a0b0c0d0e0f", iv, sizeof iv);
    ct_unhex("5086cb9b507219ee95db113a917678b2", exp, sizeof exp);
    for (int i = 0; i < 16; i++) m[i] ^= iv[i];
    psa_key_id_t k;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, 16, &k), PSA_SUCCESS)) return;
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, m, 32, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, exp, 16);
    /* Multi-part, byte by byte. */
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_verify_setup(&op, k, PSA_ALG_CBC_MAC), PSA_SUCCESS);
    for (int i = 0; i < 32; i++) CHECK_STATUS(psa_mac_update(&op, m + i, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, exp, 16), PSA_SUCCESS);
    /* Wrong algorithm for the policy; truncated CBC-MAC needs its own policy. */
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CMAC, m, 32, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CBC_MAC, 8), m, 32, mac, sizeof mac, &n),
                 PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(k);
    psa_algorithm_t t8 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CBC_MAC, 8);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, SIGN_VERIFY, t8, key, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, t8, m, 32, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK_MEM(mac, n, exp, 8);
        CHECK_STATUS(psa_mac_verify(k, t8, m, 32, exp, 8), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_verify(k, t8, m, 32, exp, 16), PSA_ERROR_INVALID_SIGNATURE);
        psa_destroy_key(k);
    }
}

/* CBC-MAC equals the last block of CBC (no padding) with a zero IV, which
 * psa_cipher computes with another code path (the cbc crate). */
static void against_cbc(psa_key_type_t type) {
    uint8_t key[32], msg[96], ct[128], mac[16], mac2[16];
    uint64_t seed = 5 + type;
    for (size_t b = 16; b <= 32; b += 8) {
        ct_rand_fill(&seed, key, sizeof key);
        ct_rand_fill(&seed, msg, sizeof msg);
        psa_key_id_t km, kc;
        if (!CHECK_STATUS(ct_import(type, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, b, &km), PSA_SUCCESS)) continue;
        if (!CHECK_STATUS(ct_import(type, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CBC_NO_PADDING, key, b, &kc), PSA_SUCCESS))
            continue;
        psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
        uint8_t zero[16] = {0};
        size_t n, m, f;
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, kc, PSA_ALG_CBC_NO_PADDING), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, zero, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&c, msg, sizeof msg, ct, sizeof ct, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_finish(&c, ct + n, sizeof ct - n, &f), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(km, PSA_ALG_CBC_MAC, msg, sizeof msg, mac, sizeof mac, &m), PSA_SUCCESS);
        CHECK_MEM(mac, m, ct + n + f - 16, 16);
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&op, km, PSA_ALG_CBC_MAC), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg, 5), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg + 5, 40), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg + 45, sizeof msg - 45), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_sign_finish(&op, mac2, sizeof mac2, &m), PSA_SUCCESS);
        CHECK_MEM(mac2, m, mac, 16);
        /* A partial last block is zero-padded. */
        uint8_t padded[16] = {0};
        memcpy(padded, msg, 5);
        CHECK_STATUS(psa_mac_compute(km, PSA_ALG_CBC_MAC, msg, 5, mac, sizeof mac, &m), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(km, PSA_ALG_CBC_MAC, padded, 16, mac2, sizeof mac2, &n), PSA_SUCCESS);
        CHECK_MEM(mac, m, mac2, n);
        psa_destroy_key(km);
        psa_destroy_key(kc);
    }
}

static void errors(void) {
    uint8_t key[32] = {1}, mac[16];
    size_t n;
    psa_key_id_t k;
    /* HMAC key: INVALID_ARGUMENT; ChaCha20 key (not a block cipher): INVALID_ARGUMENT. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, key, 16, mac, sizeof mac, &n), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, 32, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, key, 16, mac, sizeof mac, &n), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    /* No usage. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_VERIFY_MESSAGE, PSA_ALG_CBC_MAC, key, 16, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, key, 16, mac, sizeof mac, &n), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    }
    /* Two-key 3DES CBC-MAC works (unlike CMAC). */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, SIGN_VERIFY, PSA_ALG_CBC_MAC, key, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CBC_MAC, key, 16, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK(n == 8);
        psa_destroy_key(k);
    }
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    daa();
    sp800_38a();
    against_cbc(PSA_KEY_TYPE_AES);
    against_cbc(PSA_KEY_TYPE_ARIA);
    against_cbc(PSA_KEY_TYPE_CAMELLIA);
    errors();
    return report();
}
