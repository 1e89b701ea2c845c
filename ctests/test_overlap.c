/* ctests/test_overlap.c - every function whose input and output buffers may
 * overlap gives, in place and with partly overlapping buffers (the output a few
 * bytes before or after the input), the result of the out-of-place call.
 *
 * Each case runs a call out of place first (the reference), then with the input
 * copied to BIG + 64 and the output at BIG + 64 + shift for every shift in SHIFTS
 * (0 is in place). Deterministic results are compared byte for byte; randomized
 * ones (cipher IVs, randomized signatures, asymmetric encryption) are checked by
 * decrypting or verifying out of place. */
#include "common.h"

#include <stdio.h>
#include <string.h>

static const int SHIFTS[] = {0, 1, 3, 5, 13, -1, -3, -5, -13};
#define NSHIFTS (sizeof(SHIFTS) / sizeof(SHIFTS[0]))
static uint8_t big[8192];
static uint8_t ref[2048];
static uint8_t msg[512];
static uint8_t out_buf[512];
static unsigned long cases;

/* One call under test: reads in[0..in_len), writes out[0..out_size). */
typedef psa_status_t (*io_fn)(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_size,
                              size_t *out_len);
/* Checks a randomized output (returns 1 when it is right). */
typedef int (*check_fn)(const uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len);

/* Runs fn out of place, then at every shift; compares with the reference or
 * checks with `check`. */
static void overlap(const char *name, io_fn fn, const uint8_t *in, size_t in_len, size_t out_size,
                    check_fn check)
{
    static uint8_t in_copy[2048], out_sep[2048];
    size_t ref_len = 0;
    memcpy(in_copy, in, in_len);
    psa_status_t st = fn(in_copy, in_len, out_sep, out_size, &ref_len);
    if (!CHECK_STATUS(st, PSA_SUCCESS)) {
        fprintf(stderr, "# %s: out-of-place call failed\n", name);
        return;
    }
    memcpy(ref, out_sep, ref_len);
    if (check && !CHECK(check(ref, ref_len, in, in_len)))
        fprintf(stderr, "# %s: out-of-place result wrong\n", name);
    for (size_t s = 0; s < NSHIFTS; s++) {
        memset(big, 0xA5, sizeof(big));
        uint8_t *ip = big + 64;
        uint8_t *op = big + 64 + SHIFTS[s];
        memcpy(ip, in, in_len);
        size_t len = 0;
        cases++;
        st = fn(ip, in_len, op, out_size, &len);
        if (!CHECK_STATUS(st, PSA_SUCCESS)) {
            fprintf(stderr, "# %s shift %d\n", name, SHIFTS[s]);
            continue;
        }
        int ok = check ? check(op, len, in, in_len) : (len == ref_len && !memcmp(op, ref, len));
        if (!CHECK(ok))
            fprintf(stderr, "# %s shift %d: result differs from out of place\n", name, SHIFTS[s]);
    }
}

/* ------------------------------------------------------------- the calls */

static psa_key_id_t k_aes_ctr, k_aes_cbc, k_aes_gcm, k_chacha, k_hmac, k_cmac, k_ecdsa, k_ed,
    k_ecdh, k_rsa_sign, k_rsa_oaep, k_rsa_v15;
static psa_algorithm_t cur_alg;
static uint8_t peer_pub[200];
static size_t peer_pub_len;
static const uint8_t nonce12[12] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2};
static const uint8_t ad[20] = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233};

static psa_status_t f_hash(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_hash_compute(cur_alg, in, n, out, size, len);
}
static psa_status_t f_mac(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_mac_compute(cur_alg == PSA_ALG_CMAC ? k_cmac : k_hmac, cur_alg, in, n, out, size, len);
}
static psa_key_id_t cipher_key(void)
{
    return cur_alg == PSA_ALG_CTR ? k_aes_ctr
           : cur_alg == PSA_ALG_STREAM_CIPHER ? k_chacha : k_aes_cbc;
}
static psa_status_t f_cipher_enc(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_cipher_encrypt(cipher_key(), cur_alg, in, n, out, size, len);
}
static psa_status_t f_cipher_dec(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_cipher_decrypt(cipher_key(), cur_alg, in, n, out, size, len);
}
static int c_cipher_enc(const uint8_t *out, size_t len, const uint8_t *in, size_t n)
{
    static uint8_t tmp[2048], pt[2048];
    size_t m = 0;
    memcpy(tmp, out, len);
    return psa_cipher_decrypt(cipher_key(), cur_alg, tmp, len, pt, sizeof(pt), &m) == PSA_SUCCESS &&
           m == n && !memcmp(pt, in, n);
}
static psa_key_id_t aead_key(void)
{
    return cur_alg == PSA_ALG_CHACHA20_POLY1305 ? k_chacha : k_aes_gcm;
}
static psa_status_t f_aead_enc(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_aead_encrypt(aead_key(), cur_alg, nonce12, 12, ad, sizeof(ad), in, n, out, size, len);
}
static psa_status_t f_aead_dec(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_aead_decrypt(aead_key(), cur_alg, nonce12, 12, ad, sizeof(ad), in, n, out, size, len);
}
/* The nonce and the additional data overlap the output (input = nonce || ad || pt). */
static psa_status_t f_aead_enc_all(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_aead_encrypt(aead_key(), cur_alg, in, 12, in + 12, 20, in + 32, n - 32, out, size, len);
}
static psa_key_id_t sign_key(void)
{
    return PSA_ALG_IS_RSA_PKCS1V15_SIGN(cur_alg) ? k_rsa_sign
           : cur_alg == PSA_ALG_PURE_EDDSA ? k_ed : k_ecdsa;
}
static psa_status_t f_sign_msg(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_sign_message(sign_key(), cur_alg, in, n, out, size, len);
}
static psa_status_t f_sign_hash(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_sign_hash(sign_key(), cur_alg, in, n, out, size, len);
}
static int c_verify_msg(const uint8_t *out, size_t len, const uint8_t *in, size_t n)
{
    return psa_verify_message(sign_key(), cur_alg, in, n, out, len) == PSA_SUCCESS;
}
static int c_verify_hash(const uint8_t *out, size_t len, const uint8_t *in, size_t n)
{
    return psa_verify_hash(sign_key(), cur_alg, in, n, out, len) == PSA_SUCCESS;
}
static psa_status_t f_agree(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_raw_key_agreement(PSA_ALG_ECDH, k_ecdh, in, n, out, size, len);
}
static psa_key_id_t crypt_key(void)
{
    return cur_alg == PSA_ALG_RSA_PKCS1V15_CRYPT ? k_rsa_v15 : k_rsa_oaep;
}
static psa_status_t f_asym_enc(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_asymmetric_encrypt(crypt_key(), cur_alg, in, n, NULL, 0, out, size, len);
}
/* The OAEP label overlaps the output too (input = label(16) || message). */
static psa_status_t f_asym_enc_salt(const uint8_t *in, size_t n, uint8_t *out, size_t size,
                                    size_t *len)
{
    return psa_asymmetric_encrypt(k_rsa_oaep, cur_alg, in + 16, n - 16, in, 16, out, size, len);
}
static psa_status_t f_asym_dec(const uint8_t *in, size_t n, uint8_t *out, size_t size, size_t *len)
{
    return psa_asymmetric_decrypt(crypt_key(), cur_alg, in, n, NULL, 0, out, size, len);
}
static int c_asym_enc(const uint8_t *out, size_t len, const uint8_t *in, size_t n)
{
    static uint8_t tmp[512], pt[512];
    size_t m = 0;
    memcpy(tmp, out, len);
    return psa_asymmetric_decrypt(crypt_key(), cur_alg, tmp, len, NULL, 0, pt, sizeof(pt), &m) ==
               PSA_SUCCESS && m == n && !memcmp(pt, in, n);
}
static int c_asym_enc_salt(const uint8_t *out, size_t len, const uint8_t *in, size_t n)
{
    static uint8_t tmp[512], pt[512];
    size_t m = 0;
    memcpy(tmp, out, len);
    return psa_asymmetric_decrypt(k_rsa_oaep, cur_alg, tmp, len, in, 16, pt, sizeof(pt), &m) ==
               PSA_SUCCESS && m == n - 16 && !memcmp(pt, in + 16, n - 16);
}
/* Multi-part cipher: one update over the whole input, then finish (CTR with a
 * fixed IV; CBC without padding). */
static const uint8_t iv16[16] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
static psa_status_t f_cipher_update(const uint8_t *in, size_t n, uint8_t *out, size_t size,
                                    size_t *len)
{
    psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
    size_t m = 0;
    psa_status_t st = psa_cipher_encrypt_setup(&op, cur_alg == PSA_ALG_CTR ? k_aes_ctr : k_aes_cbc,
                                               cur_alg);
    if (st == PSA_SUCCESS)
        st = psa_cipher_set_iv(&op, iv16, 16);
    if (st == PSA_SUCCESS)
        st = psa_cipher_update(&op, in, n, out, size, len);
    if (st == PSA_SUCCESS)
        st = psa_cipher_finish(&op, out + *len, size - *len, &m);
    *len += m;
    psa_cipher_abort(&op);
    return st;
}
/* Multi-part AEAD encryption: update (input/output overlap), then finish with
 * the tag written right after the ciphertext. */
static psa_status_t f_aead_update(const uint8_t *in, size_t n, uint8_t *out, size_t size,
                                  size_t *len)
{
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    size_t m = 0, t = 0;
    psa_status_t st = psa_aead_encrypt_setup(&op, aead_key(), cur_alg);
    if (st == PSA_SUCCESS)
        st = psa_aead_set_nonce(&op, nonce12, 12);
    if (st == PSA_SUCCESS)
        st = psa_aead_update_ad(&op, ad, sizeof(ad));
    if (st == PSA_SUCCESS)
        st = psa_aead_update(&op, in, n, out, size, len);
    if (st == PSA_SUCCESS)
        st = psa_aead_finish(&op, out + *len, size - *len - 16, &m, out + *len + m, 16, &t);
    *len += m + t;
    psa_aead_abort(&op);
    return st;
}
/* Multi-part AEAD decryption (update input/output overlap) whose tag input
 * overlaps the plaintext output of psa_aead_verify (the same address). */
static psa_status_t f_aead_verify(const uint8_t *in, size_t n, uint8_t *out, size_t size,
                                  size_t *len)
{
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    size_t m = 0;
    static uint8_t tag[16];
    memcpy(tag, in + n - 16, 16);
    psa_status_t st = psa_aead_decrypt_setup(&op, aead_key(), cur_alg);
    if (st == PSA_SUCCESS)
        st = psa_aead_set_nonce(&op, nonce12, 12);
    if (st == PSA_SUCCESS)
        st = psa_aead_update_ad(&op, ad, sizeof(ad));
    if (st == PSA_SUCCESS)
        st = psa_aead_update(&op, in, n - 16, out, size, len);
    /* The update may have overwritten the tag (its output overlaps the input):
     * put the tag where verify writes, so its tag input and output overlap. */
    if (st == PSA_SUCCESS) {
        memcpy(out + *len, tag, 16);
        st = psa_aead_verify(&op, out + *len, size - *len, &m, out + *len, 16);
    }
    *len += m;
    psa_aead_abort(&op);
    return st;
}

/* --------------------------------------------------------------- setup */

static psa_key_id_t key(psa_key_type_t t, size_t bits, psa_key_usage_t u, psa_algorithm_t alg,
                        const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = ct_attrs(t, bits, u, alg);
    psa_key_id_t id = 0;
    if (data)
        CHECK_STATUS(psa_import_key(&a, data, len, &id), PSA_SUCCESS);
    else
        CHECK_STATUS(psa_generate_key(&a, &id), PSA_SUCCESS);
    return id;
}

int main(void)
{
    uint64_t rng = 0x0c0ffee1ULL;
    static uint8_t k32[32], scalar[32];
    ct_rand_fill(&rng, msg, sizeof(msg));
    ct_rand_fill(&rng, k32, sizeof(k32));
    ct_rand_fill(&rng, scalar, sizeof(scalar));
    scalar[0] = 0x2a;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    psa_key_usage_t sym = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_SIGN_MESSAGE;
    psa_key_usage_t sig = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                          PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH;
    k_aes_ctr = key(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_CTR, k32, 16);
    k_aes_cbc = key(PSA_KEY_TYPE_AES, 256, sym, PSA_ALG_CBC_PKCS7, k32, 32);
    k_aes_gcm = key(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_GCM, k32, 16);
    k_chacha = key(PSA_KEY_TYPE_CHACHA20, 256, sym, PSA_ALG_CHACHA20_POLY1305, k32, 32);
    k_hmac = key(PSA_KEY_TYPE_HMAC, 256, sym, PSA_ALG_HMAC(PSA_ALG_SHA_256), k32, 32);
    k_cmac = key(PSA_KEY_TYPE_AES, 128, sym, PSA_ALG_CMAC, k32, 16);
    k_ecdsa = key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, sig,
                  PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_ANY_HASH), scalar, 32);
    k_ed = key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, sig,
               PSA_ALG_PURE_EDDSA, scalar, 32);
    k_ecdh = key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_DERIVE,
                 PSA_ALG_ECDH, scalar, 32);
    k_rsa_sign = key(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, sig | PSA_KEY_USAGE_EXPORT,
                     PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_ANY_HASH), NULL, 0);
    static uint8_t rsa_der[1300];
    size_t der_len = 0;
    CHECK_STATUS(psa_export_key(k_rsa_sign, rsa_der, sizeof(rsa_der), &der_len), PSA_SUCCESS);
    k_rsa_oaep = key(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, sym, PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256), rsa_der,
                     der_len);
    k_rsa_v15 = key(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, sym, PSA_ALG_RSA_PKCS1V15_CRYPT, rsa_der, der_len);
    CHECK_STATUS(psa_export_public_key(k_ecdsa, peer_pub, sizeof(peer_pub), &peer_pub_len),
                 PSA_SUCCESS);

    /* hash, MAC */
    static const psa_algorithm_t hashes[] = {PSA_ALG_SHA_256, PSA_ALG_SHA_512, PSA_ALG_SHA3_256};
    for (size_t i = 0; i < 3; i++) {
        cur_alg = hashes[i];
        overlap("psa_hash_compute", f_hash, msg, 100, 64, NULL);
    }
    cur_alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    overlap("psa_mac_compute HMAC", f_mac, msg, 100, 32, NULL);
    cur_alg = PSA_ALG_CMAC;
    overlap("psa_mac_compute CMAC", f_mac, msg, 100, 16, NULL);

    /* one-shot ciphers */
    static const psa_algorithm_t ciphers[] = {PSA_ALG_CTR, PSA_ALG_CBC_PKCS7};
    for (size_t i = 0; i < 2; i++) {
        cur_alg = ciphers[i];
        overlap("psa_cipher_encrypt", f_cipher_enc, msg, 100, 200, c_cipher_enc);
        static uint8_t ct[256];
        size_t ct_len = 0;
        CHECK_STATUS(psa_cipher_encrypt(cipher_key(), cur_alg, msg, 100, ct, sizeof(ct), &ct_len),
                     PSA_SUCCESS);
        overlap("psa_cipher_decrypt", f_cipher_dec, ct, ct_len, 200, NULL);
        overlap("psa_cipher_update/finish", f_cipher_update, msg, cur_alg == PSA_ALG_CTR ? 100 : 96,
                200, NULL);
    }

    /* AEAD */
    static const psa_algorithm_t aeads[] = {PSA_ALG_GCM, PSA_ALG_CHACHA20_POLY1305};
    for (size_t i = 0; i < 2; i++) {
        cur_alg = aeads[i];
        overlap("psa_aead_encrypt", f_aead_enc, msg, 100, 200, NULL);
        static uint8_t ct[256];
        size_t ct_len = 0;
        CHECK_STATUS(psa_aead_encrypt(aead_key(), cur_alg, nonce12, 12, ad, sizeof(ad), msg, 100, ct,
                                      sizeof(ct), &ct_len), PSA_SUCCESS);
        overlap("psa_aead_decrypt", f_aead_dec, ct, ct_len, 200, NULL);
        static uint8_t all[200];
        memcpy(all, nonce12, 12);
        memcpy(all + 12, ad, 20);
        memcpy(all + 32, msg, 100);
        overlap("psa_aead_encrypt nonce+ad+pt", f_aead_enc_all, all, 132, 200, NULL);
        overlap("psa_aead_update/finish", f_aead_update, msg, 100, 200, NULL);
        overlap("psa_aead_update/verify", f_aead_verify, ct, ct_len, 200, NULL);
    }

    /* psa_aead_finish with the tag buffer inside the ciphertext buffer (GCM
     * writes no ciphertext at finish): the tag is the one-shot call's. */
    for (int shift = 0; shift < 8; shift += 3) {
        static uint8_t ct[256], fin[64];
        size_t ct_len = 0, n = 0, m = 0, t = 0;
        cur_alg = PSA_ALG_GCM;
        CHECK_STATUS(psa_aead_encrypt(k_aes_gcm, PSA_ALG_GCM, nonce12, 12, ad, sizeof(ad), msg, 48,
                                      ct, sizeof(ct), &ct_len), PSA_SUCCESS);
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k_aes_gcm, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce12, 12), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, sizeof(ad)), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, msg, 48, out_buf, sizeof(out_buf), &n), PSA_SUCCESS);
        cases++;
        CHECK_STATUS(psa_aead_finish(&op, fin, 32, &m, fin + shift, 16, &t), PSA_SUCCESS);
        CHECK(m == 0);
        CHECK_MEM(fin + shift, t, ct + ct_len - 16, 16);
        psa_aead_abort(&op);
    }

    /* signatures */
    cur_alg = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
    overlap("psa_sign_message ECDSA", f_sign_msg, msg, 100, 128, NULL);
    overlap("psa_sign_hash ECDSA", f_sign_hash, msg, 32, 128, NULL);
    cur_alg = PSA_ALG_PURE_EDDSA;
    overlap("psa_sign_message Ed25519", f_sign_msg, msg, 100, 128, NULL);
    cur_alg = PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256);
    overlap("psa_sign_message RSA", f_sign_msg, msg, 100, 256, c_verify_msg);
    overlap("psa_sign_hash RSA", f_sign_hash, msg, 32, 256, c_verify_hash);

    /* key agreement */
    overlap("psa_raw_key_agreement", f_agree, peer_pub, peer_pub_len, 32, NULL);

    /* asymmetric encryption */
    static const psa_algorithm_t crypts[] = {PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256),
                                             PSA_ALG_RSA_PKCS1V15_CRYPT};
    for (size_t i = 0; i < 2; i++) {
        cur_alg = crypts[i];
        overlap("psa_asymmetric_encrypt", f_asym_enc, msg, 60, 256, c_asym_enc);
        static uint8_t ct[256];
        size_t ct_len = 0;
        CHECK_STATUS(psa_asymmetric_encrypt(crypt_key(), cur_alg, msg, 60, NULL, 0, ct, sizeof(ct),
                                            &ct_len), PSA_SUCCESS);
        overlap("psa_asymmetric_decrypt", f_asym_dec, ct, ct_len, 256, NULL);
    }
    cur_alg = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
    overlap("psa_asymmetric_encrypt label", f_asym_enc_salt, msg, 76, 256, c_asym_enc_salt);

    printf("test_overlap: %lu overlapping calls (shifts -13..13, in place included)\n", cases);
    CHECK(cases > 0);
    mbedtls_psa_crypto_free();
    return report();
}
