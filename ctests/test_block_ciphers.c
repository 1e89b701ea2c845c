/* ctests/test_block_ciphers.c - ARIA (RFC 5794), Camellia (RFC 3713) and
 * DES / 3DES (FIPS 81, SP 800-67) through psa_cipher_*, psa_aead_* and
 * psa_mac_* (CMAC): known answers, every mode (ECB, CBC without padding and
 * with PKCS#7, CTR, CFB, OFB, CCM*-no-tag for ARIA/Camellia; ECB and CBC for
 * DES), one-shot against multi-part in uneven pieces, GCM and CCM round trips
 * and forgeries, key sizes, IV sizes, mode/key mismatches, policy, and DES key
 * parity on generated keys. Wycheproof sets run in the Rust unit tests. */
#include "common.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    psa_key_type_t type;
    const char *key, *pt, *ct;
    psa_algorithm_t alg;
    const char *iv;
} kat_t;

static const kat_t kats[] = {
    /* RFC 5794 appendix A. */
    {PSA_KEY_TYPE_ARIA, "000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
     "d718fbd6ab644c739da95f3be6451778", PSA_ALG_ECB_NO_PADDING, ""},
    {PSA_KEY_TYPE_ARIA, "000102030405060708090a0b0c0d0e0f1011121314151617", "00112233445566778899aabbccddeeff",
     "26449c1805dbe7aa25a468ce263a9e79", PSA_ALG_ECB_NO_PADDING, ""},
    {PSA_KEY_TYPE_ARIA, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
     "00112233445566778899aabbccddeeff", "f92bd7c79fb72e2f2b8f80c1972d24fc", PSA_ALG_ECB_NO_PADDING, ""},
    /* RFC 3713 appendix A. */
    {PSA_KEY_TYPE_CAMELLIA, "0123456789abcdeffedcba9876543210", "0123456789abcdeffedcba9876543210",
     "67673138549669730857065648eabe43", PSA_ALG_ECB_NO_PADDING, ""},
    {PSA_KEY_TYPE_CAMELLIA, "0123456789abcdeffedcba98765432100011223344556677", "0123456789abcdeffedcba9876543210",
     "b4993401b3e996f84ee5cee7d79b09b9", PSA_ALG_ECB_NO_PADDING, ""},
    {PSA_KEY_TYPE_CAMELLIA, "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff",
     "0123456789abcdeffedcba9876543210", "9acc237dff16d76c20ef7c919e3a7509", PSA_ALG_ECB_NO_PADDING, ""},
    /* FIPS 81 appendix B ("Now is the time for all "). */
    {PSA_KEY_TYPE_DES, "0123456789abcdef", "4e6f77206973207468652074696d6520666f7220616c6c20",
     "3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53", PSA_ALG_ECB_NO_PADDING, ""},
    {PSA_KEY_TYPE_DES, "0123456789abcdef", "4e6f77206973207468652074696d6520666f7220616c6c20",
     "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6", PSA_ALG_CBC_NO_PADDING, "1234567890abcdef"},
    /* SP 800-67 rev. 1 example (three-key 3DES, "The qufc"). */
    {PSA_KEY_TYPE_DES, "0123456789abcdef23456789abcdef01456789abcdef0123", "5468652071756663",
     "a826fd8ce53b855f", PSA_ALG_ECB_NO_PADDING, ""},
};

static void known_answers(void) {
    for (size_t i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        const kat_t *v = &kats[i];
        uint8_t key[32], pt[32], ct[32], iv[16], buf[64];
        size_t kl = ct_unhex(v->key, key, sizeof key), pl = ct_unhex(v->pt, pt, sizeof pt),
               cl = ct_unhex(v->ct, ct, sizeof ct), il = ct_unhex(v->iv, iv, sizeof iv), n, m;
        psa_key_id_t k;
        if (!CHECK_STATUS(ct_import(v->type, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, v->alg, key, kl, &k),
                          PSA_SUCCESS))
            continue;
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&a) == kl * 8);
        psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
        CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, v->alg), PSA_SUCCESS);
        if (il) CHECK_STATUS(psa_cipher_set_iv(&op, iv, il), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&op, pt, pl, buf, sizeof buf, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_finish(&op, buf + n, sizeof buf - n, &m), PSA_SUCCESS);
        CHECK_MEM(buf, n + m, ct, cl);
        /* Decrypt one-shot: IV || ciphertext. */
        uint8_t in[64];
        memcpy(in, iv, il);
        memcpy(in + il, ct, cl);
        CHECK_STATUS(psa_cipher_decrypt(k, v->alg, in, il + cl, buf, sizeof buf, &n), PSA_SUCCESS);
        CHECK_MEM(buf, n, pt, pl);
        psa_destroy_key(k);
    }
}

/* Every mode with every key size: one-shot equals multi-part in uneven pieces;
 * decrypt inverts encrypt. */
static void modes(psa_key_type_t type, const size_t *bits, size_t nbits, const psa_algorithm_t *algs, size_t nalgs) {
    uint8_t key[32], msg[100], ct[200], ct2[200], back[200];
    uint64_t seed = type;
    ct_rand_fill(&seed, msg, sizeof msg);
    for (size_t b = 0; b < nbits; b++) {
        ct_rand_fill(&seed, key, sizeof key);
        psa_key_id_t k;
        psa_key_attributes_t a = ct_attrs(type, 0, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, 0);
        for (size_t i = 0; i < nalgs; i++) {
            psa_algorithm_t alg = algs[i];
            psa_set_key_algorithm(&a, alg);
            if (!CHECK_STATUS(psa_import_key(&a, key, bits[b] / 8, &k), PSA_SUCCESS)) continue;
            size_t block = PSA_BLOCK_CIPHER_BLOCK_LENGTH(type);
            size_t len = (alg == PSA_ALG_ECB_NO_PADDING || alg == PSA_ALG_CBC_NO_PADDING) ? 6 * block : 77;
            size_t n, m, o, total;
            if (!CHECK_STATUS(psa_cipher_encrypt(k, alg, msg, len, ct, sizeof ct, &n), PSA_SUCCESS)) {
                FAIL("type 0x%04x bits %zu alg 0x%08x", (unsigned)type, bits[b], (unsigned)alg);
                psa_destroy_key(k);
                continue;
            }
            CHECK(n <= PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(type, alg, len));
            size_t ivl = PSA_CIPHER_IV_LENGTH(type, alg);
            /* Multi-part with the same IV, in pieces 1, 7, the rest. */
            psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
            CHECK_STATUS(psa_cipher_encrypt_setup(&op, k, alg), PSA_SUCCESS);
            if (ivl) CHECK_STATUS(psa_cipher_set_iv(&op, ct, ivl), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_update(&op, msg, 1, ct2, sizeof ct2, &m), PSA_SUCCESS);
            total = m;
            CHECK_STATUS(psa_cipher_update(&op, msg + 1, 7, ct2 + total, sizeof ct2 - total, &m), PSA_SUCCESS);
            total += m;
            CHECK_STATUS(psa_cipher_update(&op, msg + 8, len - 8, ct2 + total, sizeof ct2 - total, &m), PSA_SUCCESS);
            total += m;
            CHECK_STATUS(psa_cipher_finish(&op, ct2 + total, sizeof ct2 - total, &o), PSA_SUCCESS);
            total += o;
            CHECK_MEM(ct2, total, ct + ivl, n - ivl);
            CHECK_STATUS(psa_cipher_decrypt(k, alg, ct, n, back, sizeof back, &m), PSA_SUCCESS);
            CHECK_MEM(back, m, msg, len);
            /* Wrong IV length on set_iv. */
            if (ivl) {
                CHECK_STATUS(psa_cipher_decrypt_setup(&op, k, alg), PSA_SUCCESS);
                CHECK_STATUS(psa_cipher_set_iv(&op, ct, ivl == 8 ? 16 : 8), PSA_ERROR_INVALID_ARGUMENT);
                psa_cipher_abort(&op);
            }
            psa_destroy_key(k);
        }
    }
}

static void aead(psa_key_type_t type) {
    static const psa_algorithm_t algs[] = {PSA_ALG_GCM, PSA_ALG_CCM, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8),
                                           PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 12)};
    uint8_t key[32] = {5}, nonce[13] = {7}, ad[20] = {1}, msg[50] = {2}, ct[100], back[100];
    for (size_t b = 16; b <= 32; b += 8) {
        for (size_t i = 0; i < 4; i++) {
            psa_key_id_t k;
            if (!CHECK_STATUS(ct_import(type, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, algs[i], key, b, &k),
                              PSA_SUCCESS))
                continue;
            size_t nl = PSA_AEAD_NONCE_LENGTH(type, algs[i]), n, m;
            CHECK(nl == 12 || nl == 13);
            CHECK_STATUS(psa_aead_encrypt(k, algs[i], nonce, nl, ad, sizeof ad, msg, sizeof msg, ct, sizeof ct, &n),
                         PSA_SUCCESS);
            CHECK(n == sizeof msg + PSA_AEAD_TAG_LENGTH(type, b * 8, algs[i]));
            CHECK_STATUS(psa_aead_decrypt(k, algs[i], nonce, nl, ad, sizeof ad, ct, n, back, sizeof back, &m),
                         PSA_SUCCESS);
            CHECK_MEM(back, m, msg, sizeof msg);
            ct[n - 1] ^= 1;
            CHECK_STATUS(psa_aead_decrypt(k, algs[i], nonce, nl, ad, sizeof ad, ct, n, back, sizeof back, &m),
                         PSA_ERROR_INVALID_SIGNATURE);
            /* Multi-part encryption equals one-shot. */
            psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
            uint8_t mp[100], tag[16];
            size_t tl, fl, total = 0;
            CHECK_STATUS(psa_aead_encrypt_setup(&op, k, algs[i]), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_lengths(&op, sizeof ad, sizeof msg), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_nonce(&op, nonce, nl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update_ad(&op, ad, 3), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update_ad(&op, ad + 3, sizeof ad - 3), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update(&op, msg, 17, mp, sizeof mp, &m), PSA_SUCCESS);
            total += m;
            CHECK_STATUS(psa_aead_update(&op, msg + 17, sizeof msg - 17, mp + total, sizeof mp - total, &m), PSA_SUCCESS);
            total += m;
            CHECK_STATUS(psa_aead_finish(&op, mp + total, sizeof mp - total, &fl, tag, sizeof tag, &tl), PSA_SUCCESS);
            total += fl;
            ct[n - 1] ^= 1;
            CHECK_MEM(mp, total, ct, sizeof msg);
            CHECK_MEM(tag, tl, ct + sizeof msg, n - sizeof msg);
            psa_destroy_key(k);
        }
    }
}

static void cmac(psa_key_type_t type) {
    uint8_t key[32] = {3}, msg[70], mac[16], mac2[16];
    uint64_t seed = 11;
    ct_rand_fill(&seed, msg, sizeof msg);
    for (size_t b = 16; b <= 32; b += 8) {
        psa_key_id_t k;
        if (!CHECK_STATUS(ct_import(type, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, PSA_ALG_CMAC,
                                    key, b, &k),
                          PSA_SUCCESS))
            continue;
        size_t n, m;
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CMAC, msg, sizeof msg, mac, sizeof mac, &n), PSA_SUCCESS);
        CHECK(n == 16 && n == PSA_MAC_LENGTH(type, b * 8, PSA_ALG_CMAC));
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_CMAC), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg, 33), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg + 33, sizeof msg - 33), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_sign_finish(&op, mac2, sizeof mac2, &m), PSA_SUCCESS);
        CHECK_MEM(mac2, m, mac, n);
        CHECK_STATUS(psa_mac_verify(k, PSA_ALG_CMAC, msg, sizeof msg, mac, n), PSA_SUCCESS);
        mac[0] ^= 1;
        CHECK_STATUS(psa_mac_verify(k, PSA_ALG_CMAC, msg, sizeof msg, mac, n), PSA_ERROR_INVALID_SIGNATURE);
        psa_destroy_key(k);
    }
}

static void errors(void) {
    uint8_t key[32] = {0}, buf[64], out[64];
    size_t n;
    psa_key_id_t k;
    /* Key sizes. */
    static const size_t aria_bad[] = {8, 15, 20, 33};
    for (size_t i = 0; i < 4; i++) {
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_ARIA, 0, 0, key, aria_bad[i], &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_CAMELLIA, 0, 0, key, aria_bad[i], &k), PSA_ERROR_INVALID_ARGUMENT);
    }
    static const size_t des_bad[] = {7, 9, 12, 32};
    for (size_t i = 0; i < 4; i++)
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, 0, 0, key, des_bad[i], &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ARIA, 64, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* DES: generated keys have odd parity in every byte, for every size. */
    for (size_t bits = 64; bits <= 192; bits += 64) {
        a = ct_attrs(PSA_KEY_TYPE_DES, bits, PSA_KEY_USAGE_EXPORT, 0);
        if (CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
            CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_SUCCESS);
            CHECK(n == bits / 8);
            int odd = 1;
            for (size_t i = 0; i < n; i++) odd &= __builtin_parity(buf[i]);
            CHECK(odd);
            psa_destroy_key(k);
        }
    }
    /* DES in modes other than ECB/CBC: NOT_SUPPORTED; stream cipher with a
     * block cipher key: INVALID_ARGUMENT; ECB input not a multiple of 8. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, key, 24, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CTR, buf, 16, out, sizeof out, &n), PSA_ERROR_NOT_SUPPORTED);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ECB_NO_PADDING, key, 8, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_ECB_NO_PADDING, buf, 12, out, sizeof out, &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_ECB_NO_PADDING, buf, 16, out, sizeof out, &n), PSA_SUCCESS);
        CHECK(n == 16);
        /* Policy: CBC not permitted by an ECB key. */
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_CBC_NO_PADDING, buf, 16, out, sizeof out, &n),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_cipher_decrypt(k, PSA_ALG_ECB_NO_PADDING, buf, 16, out, sizeof out, &n),
                     PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_ARIA, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_STREAM_CIPHER, key, 16, &k),
                     PSA_SUCCESS)) {
        /* No stream cipher for a block cipher key: NOT_SUPPORTED, as Mbed TLS. */
        CHECK_STATUS(psa_cipher_encrypt(k, PSA_ALG_STREAM_CIPHER, buf, 16, out, sizeof out, &n),
                     PSA_ERROR_NOT_SUPPORTED);
        psa_destroy_key(k);
    }
    /* CBC PKCS#7 decryption: bad padding, length not a multiple of the block. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_CAMELLIA, PSA_KEY_USAGE_DECRYPT, PSA_ALG_CBC_PKCS7, key, 16, &k),
                     PSA_SUCCESS)) {
        memset(buf, 0x5a, 32);
        CHECK_STATUS2(psa_cipher_decrypt(k, PSA_ALG_CBC_PKCS7, buf, 32, out, sizeof out, &n),
                      PSA_ERROR_INVALID_PADDING, PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_decrypt(k, PSA_ALG_CBC_PKCS7, buf, 31, out, sizeof out, &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(k);
    }
    /* DES CMAC: three-key only (as Mbed TLS); GCM with DES. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC, key, 16, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CMAC, buf, 8, out, sizeof out, &n), PSA_ERROR_NOT_SUPPORTED);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC, key, 24, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_CMAC, buf, 8, out, sizeof out, &n), PSA_SUCCESS);
        CHECK(n == 8);
        psa_destroy_key(k);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key, 24, &k), PSA_SUCCESS)) {
        /* GCM needs a 128-bit block cipher: NOT_SUPPORTED, as Mbed TLS. */
        CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, buf, 12, NULL, 0, buf, 8, out, sizeof out, &n),
                     PSA_ERROR_NOT_SUPPORTED);
        psa_destroy_key(k);
    }
}

int main(void) {
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    known_answers();
    static const size_t sizes16[] = {128, 192, 256}, sizes_des[] = {64, 128, 192};
    static const psa_algorithm_t all[] = {PSA_ALG_ECB_NO_PADDING, PSA_ALG_CBC_NO_PADDING, PSA_ALG_CBC_PKCS7, PSA_ALG_CTR,
                                          PSA_ALG_CFB, PSA_ALG_OFB, PSA_ALG_CCM_STAR_NO_TAG};
    static const psa_algorithm_t des[] = {PSA_ALG_ECB_NO_PADDING, PSA_ALG_CBC_NO_PADDING, PSA_ALG_CBC_PKCS7};
    modes(PSA_KEY_TYPE_ARIA, sizes16, 3, all, 7);
    modes(PSA_KEY_TYPE_CAMELLIA, sizes16, 3, all, 7);
    modes(PSA_KEY_TYPE_DES, sizes_des, 3, des, 3);
    aead(PSA_KEY_TYPE_ARIA);
    aead(PSA_KEY_TYPE_CAMELLIA);
    cmac(PSA_KEY_TYPE_ARIA);
    cmac(PSA_KEY_TYPE_CAMELLIA);
    errors();
    return report();
}
