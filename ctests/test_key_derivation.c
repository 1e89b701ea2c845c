/* ctests/test_key_derivation.c - psa_key_derivation_*:
 *   RFC 5869 HKDF-SHA-256 test cases 1-3 (whole, and split as HKDF-Extract then
 *   HKDF-Expand), RFC 6070 PBKDF2-HMAC-SHA1, RFC 7914 §11 PBKDF2-HMAC-SHA256,
 *   PBKDF2-AES-CMAC-PRF-128 against a reference computed with the RustCrypto
 *   pbkdf2 + cmac crates (no published vectors exist), the TLS 1.2 PRF SHA-256
 *   known answer, TLS 1.2 PSK-to-MS and SP 800-108 counter HMAC cross-checked
 *   against psa_mac_compute (HMAC-SHA-256), output_key + export round trips,
 *   persistent derived keys, verify_bytes / verify_key, and the error paths. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HKDF256 PSA_ALG_HKDF(PSA_ALG_SHA_256)
#define S_SECRET PSA_KEY_DERIVATION_INPUT_SECRET
#define S_SALT PSA_KEY_DERIVATION_INPUT_SALT
#define S_INFO PSA_KEY_DERIVATION_INPUT_INFO
#define S_LABEL PSA_KEY_DERIVATION_INPUT_LABEL
#define S_SEED PSA_KEY_DERIVATION_INPUT_SEED
#define S_COST PSA_KEY_DERIVATION_INPUT_COST
#define S_PASSWORD PSA_KEY_DERIVATION_INPUT_PASSWORD
#define S_CONTEXT PSA_KEY_DERIVATION_INPUT_CONTEXT
#define S_OTHER PSA_KEY_DERIVATION_INPUT_OTHER_SECRET

typedef struct {
    const char *ikm, *salt, *info, *prk, *okm;
} hkdf_vector_t;

/* RFC 5869 appendix A, test cases 1-3 (SHA-256). */
static const hkdf_vector_t rfc5869[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
     "f0f1f2f3f4f5f6f7f8f9", "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
     "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
     "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
     "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
     "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
     "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
     "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};

static size_t unhex(const char *hex, uint8_t *buf, size_t size)
{
    return hex[0] ? ct_unhex(hex, buf, size) : 0;
}

static psa_key_id_t import_key(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                               const uint8_t *data, size_t len)
{
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(type, usage, alg, data, len, &k), PSA_SUCCESS);
    return k;
}

static void test_hkdf_rfc5869(void)
{
    size_t i;
    for (i = 0; i < sizeof rfc5869 / sizeof rfc5869[0]; i++) {
        const hkdf_vector_t *v = &rfc5869[i];
        uint8_t ikm[80], salt[80], info[80], prk[32], okm[82], out[82];
        size_t ikm_len = unhex(v->ikm, ikm, sizeof ikm), salt_len = unhex(v->salt, salt, sizeof salt);
        size_t info_len = unhex(v->info, info, sizeof info), okm_len = unhex(v->okm, okm, sizeof okm);
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_id_t key;
        size_t cap = 0;
        unhex(v->prk, prk, sizeof prk);

        /* Whole HKDF, secret from a DERIVE key, output in two reads. */
        key = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, ikm, ikm_len);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
        CHECK(cap == 255 * 32);
        if (salt_len)
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, salt, salt_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, info, info_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out + 10, okm_len - 10), PSA_SUCCESS);
        CHECK_MEM(out, okm_len, okm, okm_len);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
        CHECK(cap == 255 * 32 - okm_len);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

        /* Bytes secret; verify_bytes. */
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, info, info_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, salt, salt_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, ikm, ikm_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_verify_bytes(&op, okm, okm_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

        /* Extract then Expand. */
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
        CHECK(cap == 32);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, salt, salt_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, salt, salt_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, ikm, ikm_len), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 32), PSA_SUCCESS);
        CHECK_MEM(out, 32, prk, 32);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 1), PSA_ERROR_INSUFFICIENT_DATA);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, prk, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, info, info_len), PSA_SUCCESS);
        memset(out, 0, sizeof out);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, okm_len), PSA_SUCCESS);
        CHECK_MEM(out, okm_len, okm, okm_len);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);
    }
}

typedef struct {
    psa_algorithm_t alg;
    const char *password; /* text */
    size_t password_len;
    const char *salt;
    size_t salt_len;
    uint64_t cost;
    const char *dk;
} pbkdf2_vector_t;

static const pbkdf2_vector_t pbkdf2_vectors[] = {
    /* RFC 6070 (the 2^24-iteration case is left out for run time). */
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_1), "password", 8, "salt", 4, 1,
     "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_1), "password", 8, "salt", 4, 2,
     "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_1), "password", 8, "salt", 4, 4096,
     "4b007901b765489abead49d926f721d065a429c1"},
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_1), "passwordPASSWORDpassword", 24,
     "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
     "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_1), "pass\0word", 9, "sa\0lt", 5, 4096,
     "56fa6aa75548099dcc37d7f03425e0c3"},
    /* RFC 7914 §11. */
    {PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), "passwd", 6, "salt", 4, 1,
     "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
     "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
    /* Reference computed with the RustCrypto pbkdf2 crate over cmac (AES-128),
     * the PRF keyed per RFC 4615 with AES-CMAC(0^128, "password"). */
    {PSA_ALG_PBKDF2_AES_CMAC_PRF_128, "password", 8, "salt", 4, 4096,
     "38ba9795fe87e47d519eacb77e82e35daa795870859b57a82f35ce03f8ac43b2"},
};

static void test_pbkdf2(void)
{
    size_t i;
    for (i = 0; i < sizeof pbkdf2_vectors / sizeof pbkdf2_vectors[0]; i++) {
        const pbkdf2_vector_t *v = &pbkdf2_vectors[i];
        uint8_t dk[64], out[64];
        size_t dk_len = ct_unhex(v->dk, dk, sizeof dk);
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_id_t pw, derived = 0;
        psa_key_attributes_t attrs;
        size_t n = 0;

        /* Password as bytes, salt in two parts. */
        CHECK_STATUS(psa_key_derivation_setup(&op, v->alg), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, v->cost), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, (const uint8_t *)v->salt, 2),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, (const uint8_t *)v->salt + 2,
                                                    v->salt_len - 2),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_PASSWORD, (const uint8_t *)v->password,
                                                    v->password_len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, dk_len), PSA_SUCCESS);
        CHECK_MEM(out, dk_len, dk, dk_len);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

        /* Password from a PASSWORD key; output a PASSWORD_HASH key; verify_key. */
        pw = import_key(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_VERIFY_DERIVATION,
                        v->alg, (const uint8_t *)v->password, v->password_len);
        CHECK_STATUS(psa_key_derivation_setup(&op, v->alg), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, v->cost), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, (const uint8_t *)v->salt, v->salt_len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_PASSWORD, pw), PSA_SUCCESS);
        attrs = ct_attrs(PSA_KEY_TYPE_PASSWORD_HASH, dk_len * 8,
                         PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_VERIFY_DERIVATION, v->alg);
        CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &derived), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        memset(out, 0, sizeof out);
        if (CHECK_STATUS(psa_export_key(derived, out, sizeof out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, dk, dk_len);
        CHECK_STATUS(psa_key_derivation_setup(&op, v->alg), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, v->cost), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, (const uint8_t *)v->salt, v->salt_len),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_PASSWORD, pw), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_verify_key(&op, derived), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(derived), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(pw), PSA_SUCCESS);
    }
}

/* The TLS 1.2 PRF (SHA-256) test vector published on the IETF TLS list and used
 * by many TLS stacks: secret, seed, label "test label", 100 bytes of output. */
static void test_tls12_prf(void)
{
    uint8_t secret[16], seed[16], expected[100], out[100];
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    const psa_algorithm_t alg = PSA_ALG_TLS12_PRF(PSA_ALG_SHA_256);
    psa_key_id_t key;
    ct_unhex("9bbe436ba940f017b17652849a71db35", secret, sizeof secret);
    ct_unhex("a0ba9f936cda311827a6f796ffd5198c", seed, sizeof seed);
    ct_unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14ba"
             "f9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a51"
             "10fff70187347b66",
             expected, sizeof expected);
    key = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, alg, secret, sizeof secret);
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    /* Order: SEED, SECRET, LABEL. */
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SEED, seed, sizeof seed), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_LABEL, (const uint8_t *)"test label", 10),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 33), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, out + 33, 67), PSA_SUCCESS);
    CHECK_MEM(out, sizeof out, expected, sizeof expected);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);
}

/* HMAC-SHA-256 through psa_mac_compute, for the cross-checks below. */
static void hmac256(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len, uint8_t *mac)
{
    psa_key_id_t k = import_key(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE,
                                PSA_ALG_HMAC(PSA_ALG_SHA_256), key, key_len);
    size_t n = 0;
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), msg, msg_len, mac, 32, &n),
                 PSA_SUCCESS);
    CHECK(n == 32);
    psa_destroy_key(k);
}

/* TLS 1.2 PSK-to-MS: the RFC 4279 premaster secret (with and without the other
 * secret) fed to the TLS 1.2 PRF; the first block checked against P_SHA256
 * computed with psa_mac_compute. */
static void test_psk_to_ms(void)
{
    const psa_algorithm_t alg = PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_256);
    const uint8_t psk[4] = {1, 2, 3, 4}, other[3] = {9, 8, 7}, seed[8] = "seedseed";
    const char *label = "master secret";
    int with_other;
    for (with_other = 0; with_other < 2; with_other++) {
        uint8_t pms[32], a1[32], msg[64], expected[32], out[48];
        size_t pms_len = 0, msg_len;
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        const uint8_t *o = with_other ? other : (const uint8_t *)"\0\0\0\0";
        size_t olen = with_other ? sizeof other : sizeof psk;
        pms[pms_len++] = 0;
        pms[pms_len++] = (uint8_t)olen;
        memcpy(pms + pms_len, o, olen);
        pms_len += olen;
        pms[pms_len++] = 0;
        pms[pms_len++] = sizeof psk;
        memcpy(pms + pms_len, psk, sizeof psk);
        pms_len += sizeof psk;
        /* A(1) = HMAC(pms, label || seed); block 1 = HMAC(pms, A(1) || label || seed). */
        msg_len = strlen(label);
        memcpy(msg, label, msg_len);
        memcpy(msg + msg_len, seed, sizeof seed);
        msg_len += sizeof seed;
        hmac256(pms, pms_len, msg, msg_len, a1);
        memmove(msg + 32, msg, msg_len);
        memcpy(msg, a1, 32);
        hmac256(pms, pms_len, msg, msg_len + 32, expected);

        CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SEED, seed, sizeof seed), PSA_SUCCESS);
        if (with_other)
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_OTHER, other, sizeof other), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, psk, sizeof psk), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_LABEL, (const uint8_t *)label, strlen(label)),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, sizeof out), PSA_SUCCESS);
        CHECK_MEM(out, 32, expected, 32);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
}

/* SP 800-108 counter mode, HMAC-SHA-256, in the form PSA 1.2 fixes:
 * K(i) = HMAC(K_IN, [i]4 || Label || 0x00 || Context || [L]4), L = 8 * capacity at
 * the first output; checked against psa_mac_compute. No published vector uses
 * exactly this fixed-input layout. */
static void test_sp800_108(void)
{
    const psa_algorithm_t alg = PSA_ALG_SP800_108_COUNTER_HMAC(PSA_ALG_SHA_256);
    uint8_t kin[32], msg[64], expected[64], out[40];
    const char *label = "label", *context = "context";
    size_t msg_len = 0, cap = 0, i;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t key;
    for (i = 0; i < sizeof kin; i++)
        kin[i] = (uint8_t)(i * 7 + 1);
    for (i = 1; i <= 2; i++) {
        msg_len = 0;
        msg[msg_len++] = 0, msg[msg_len++] = 0, msg[msg_len++] = 0, msg[msg_len++] = (uint8_t)i;
        memcpy(msg + msg_len, label, 5), msg_len += 5;
        msg[msg_len++] = 0;
        memcpy(msg + msg_len, context, 7), msg_len += 7;
        /* L = 40 * 8 = 320 = 0x140 */
        msg[msg_len++] = 0, msg[msg_len++] = 0, msg[msg_len++] = 0x01, msg[msg_len++] = 0x40;
        hmac256(kin, sizeof kin, msg, msg_len, expected + 32 * (i - 1));
    }
    key = import_key(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_DERIVE, alg, kin, sizeof kin);
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
    CHECK(cap == 0x1fffffff);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_LABEL, (const uint8_t *)label, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_CONTEXT, (const uint8_t *)context, 7), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_set_capacity(&op, 40), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 40), PSA_SUCCESS);
    CHECK_MEM(out, 40, expected, 40);
    CHECK_STATUS(psa_key_derivation_set_capacity(&op, 0), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* A label with a null byte. */
    CHECK_STATUS(psa_key_derivation_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, key), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_LABEL, (const uint8_t *)"a\0b", 3),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);

    /* CMAC: the secret must be an AES key; a derived AES key round-trips. */
    {
        uint8_t aes[16] = {0};
        psa_key_id_t k = import_key(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_DERIVE, PSA_ALG_SP800_108_COUNTER_CMAC,
                                    aes, sizeof aes);
        psa_key_attributes_t attrs =
            ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t d = 0;
        uint8_t a[32], b[32];
        size_t n = 0;
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_SP800_108_COUNTER_CMAC), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, aes, sizeof aes),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_SP800_108_COUNTER_CMAC), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, k), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_set_capacity(&op, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &d), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(d, a, sizeof a, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_SP800_108_COUNTER_CMAC), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, k), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_set_capacity(&op, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, b, sizeof b), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_MEM(a, n, b, sizeof b);
        psa_destroy_key(d);
        psa_destroy_key(k);
    }
}

/* output_key for each derivable symmetric type, checked against output_bytes. */
static void test_output_key_round_trips(void)
{
    static const struct {
        psa_key_type_t type;
        size_t bits;
    } types[] = {
        {PSA_KEY_TYPE_AES, 128},      {PSA_KEY_TYPE_AES, 192},      {PSA_KEY_TYPE_AES, 256},
        {PSA_KEY_TYPE_HMAC, 256},     {PSA_KEY_TYPE_HMAC, 8},       {PSA_KEY_TYPE_DERIVE, 512},
        {PSA_KEY_TYPE_RAW_DATA, 24},  {PSA_KEY_TYPE_PASSWORD, 64},  {PSA_KEY_TYPE_PEPPER, 128},
        {PSA_KEY_TYPE_CHACHA20, 256},
    };
    uint8_t secret[32], stream[512], out[64];
    size_t i, off = 0, n = 0;
    psa_key_derivation_operation_t a = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_derivation_operation_t b = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t key;
    memset(secret, 0x5a, sizeof secret);
    key = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret);
    CHECK_STATUS(psa_key_derivation_setup(&a, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&b, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&a, S_SECRET, key), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&b, S_SECRET, key), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&a, S_INFO, (const uint8_t *)"keys", 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&b, S_INFO, (const uint8_t *)"keys", 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&b, stream, sizeof stream), PSA_SUCCESS);
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        psa_key_attributes_t attrs = ct_attrs(types[i].type, types[i].bits, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t d = 0;
        if (!CHECK_STATUS(psa_key_derivation_output_key(&attrs, &a, &d), PSA_SUCCESS))
            break;
        CHECK_STATUS(psa_get_key_attributes(d, &got), PSA_SUCCESS);
        CHECK(psa_get_key_type(&got) == types[i].type && psa_get_key_bits(&got) == types[i].bits);
        if (CHECK_STATUS(psa_export_key(d, out, sizeof out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, stream + off, types[i].bits / 8);
        off += types[i].bits / 8;
        psa_reset_key_attributes(&got);
        psa_destroy_key(d);
    }
    CHECK_STATUS(psa_key_derivation_abort(&a), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&b), PSA_SUCCESS);

    /* A persistent derived key. */
    {
        psa_key_attributes_t attrs = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t d = 0;
        psa_set_key_id(&attrs, 0x4b44);
        CHECK_STATUS(psa_key_derivation_setup(&a, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&a, S_SECRET, key), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&a, S_INFO, (const uint8_t *)"keys", 4), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&attrs, &a, &d), PSA_SUCCESS);
        CHECK(d == 0x4b44);
        CHECK_STATUS(psa_purge_key(d), PSA_SUCCESS);
        if (CHECK_STATUS(psa_export_key(d, out, sizeof out, &n), PSA_SUCCESS))
            CHECK_MEM(out, n, stream, 16);
        /* The same id again: ALREADY_EXISTS. */
        CHECK_STATUS(psa_key_derivation_output_key(&attrs, &a, &d), PSA_ERROR_ALREADY_EXISTS);
        CHECK(d == PSA_KEY_ID_NULL);
        CHECK_STATUS(psa_key_derivation_abort(&a), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(0x4b44), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);
}

/* Sets up HKDF-SHA-256 with every input given (secret as bytes). */
static void ready_bytes(psa_key_derivation_operation_t *op)
{
    CHECK_STATUS(psa_key_derivation_setup(op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(op, S_SECRET, (const uint8_t *)"ikm", 3), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(op, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
}

static void test_errors(void)
{
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_derivation_operation_t copy;
    psa_key_attributes_t attrs = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
    uint8_t buf[64], secret[32];
    size_t cap = 0;
    psa_key_id_t k = 0, derive, wrong_alg, no_usage, raw, verify_only, ph;
    memset(secret, 3, sizeof secret);
    derive = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret);
    wrong_alg = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_1), secret,
                           sizeof secret);
    no_usage = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_EXPORT, HKDF256, secret, sizeof secret);
    raw = import_key(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret);
    verify_only = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_VERIFY_DERIVATION, HKDF256, secret,
                             sizeof secret);

    /* Setup. */
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HMAC(PSA_ALG_SHA_256)), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_ECDH), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF(PSA_ALG_MD5)), PSA_ERROR_NOT_SUPPORTED);
    /* EC J-PAKE to PMS: 32 bytes of capacity; its secret is an uncompressed
     * P-256 point (a wrong one is INVALID_ARGUMENT and ends the operation). */
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
    CHECK(cap == PSA_TLS12_ECJPAKE_TO_PMS_OUTPUT_SIZE);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_setup(NULL, HKDF256), PSA_ERROR_INVALID_ARGUMENT);
    /* Inactive operation. */
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_set_capacity(&op, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, derive), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_verify_bytes(&op, buf, 1), PSA_ERROR_BAD_STATE);
    k = 77;
    CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &k), PSA_ERROR_BAD_STATE);
    CHECK(k == PSA_KEY_ID_NULL);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* Double setup. */
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_ERROR_BAD_STATE);
    /* ... which aborted the operation (issue 9 item 8; see COMPATIBILITY.md). */
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    /* One owner: a copy that is used takes the operation over, the original is
     * refused; moving it back works the same way. */
    memcpy(&copy, &op, sizeof op);
    CHECK_STATUS(psa_key_derivation_get_capacity(&copy, &cap), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_ERROR_BAD_STATE);
    memcpy(&op, &copy, sizeof op);
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, NULL), PSA_ERROR_INVALID_ARGUMENT);
    /* NULL data with a length. */
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, NULL, 3), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* Wrong step, integer for a byte step, COST for HKDF: INVALID_ARGUMENT. */
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_LABEL, secret, 1), PSA_ERROR_INVALID_ARGUMENT);
    /* ... after which the operation is in an error state. */
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, 1000), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, S_SALT, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* Out of order and repeated: BAD_STATE. */
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, secret, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* Output before the inputs are complete. */
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* Input after output. */
    ready_bytes(&op);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, secret, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    /* PBKDF2 order and cost. */
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SALT, secret, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_COST, secret, 4), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&op, S_COST, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_PASSWORD, secret, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

    /* Capacity. */
    ready_bytes(&op);
    CHECK_STATUS(psa_key_derivation_set_capacity(&op, 255 * 32 + 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_set_capacity(&op, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 11), PSA_ERROR_INSUFFICIENT_DATA);
    CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
    CHECK(cap == 0);
    CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &k), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

    /* Key inputs: handle, usage, algorithm, type. */
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, 0x7ffffff0), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, no_usage), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, wrong_alg), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, raw), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SALT, raw), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, derive), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&op, S_INFO, raw), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 16), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

    /* Verify-only secret: no output_bytes, no output_key; verify works. */
    {
        uint8_t expected[16];
        psa_key_attributes_t pa = ct_attrs(PSA_KEY_TYPE_PASSWORD_HASH, 128,
                                           PSA_KEY_USAGE_VERIFY_DERIVATION, HKDF256);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, expected, sizeof expected), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_import_key(&pa, expected, sizeof expected, &ph), PSA_SUCCESS);

        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, verify_only), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 16), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, verify_only), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&attrs, &op, &k), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, verify_only), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_verify_bytes(&op, expected, 8), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_verify_bytes(&op, expected, 8), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, verify_only), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_verify_key(&op, ph), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        /* verify_key with a key of the wrong type or without the usage. */
        ready_bytes(&op);
        CHECK_STATUS(psa_key_derivation_verify_key(&op, raw), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        ready_bytes(&op);
        CHECK_STATUS(psa_key_derivation_verify_key(&op, 0x7ffffff0), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        ready_bytes(&op);
        CHECK_STATUS(psa_key_derivation_verify_bytes(&op, expected, 300 * 32), PSA_ERROR_INSUFFICIENT_DATA);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        /* PASSWORD_HASH output needs the operation's algorithm as its policy. */
        pa = ct_attrs(PSA_KEY_TYPE_PASSWORD_HASH, 128, PSA_KEY_USAGE_VERIFY_DERIVATION,
                      PSA_ALG_HKDF(PSA_ALG_SHA_1));
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"v", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&pa, &op, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }

    /* output_key attribute errors. */
    {
        psa_key_attributes_t bad = ct_attrs(PSA_KEY_TYPE_AES, 100, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_attributes_t pub = ct_attrs(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, 0, 0);
        psa_key_attributes_t zero = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_derivation_operation_t o2 = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&o2, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&o2, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&o2, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(NULL, &o2, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&o2), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&o2, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&o2, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&o2, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&bad, &o2, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&o2), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&o2, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&o2, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&o2, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&pub, &o2, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&o2), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&o2, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&o2, S_SECRET, derive), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&o2, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&zero, &o2, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&o2), PSA_SUCCESS);
    }

    /* Key agreement: not a key-agreement operation; the agreement itself is
     * passed through from the key agreement module. */
    {
        uint8_t peer[65];
        memset(peer, 4, sizeof peer);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_key_agreement(&op, S_SECRET, derive, peer, sizeof peer),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF256)),
                     PSA_SUCCESS);
        /* a DERIVE key's policy does not permit ECDH */
        CHECK_STATUS2(psa_key_derivation_key_agreement(&op, S_SECRET, derive, peer, sizeof peer),
                      PSA_ERROR_NOT_PERMITTED, PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
    /* ECDH P-256 into HKDF-SHA-256 equals HKDF over the raw shared secret. A
     * policy of PSA_ALG_ECDH permits both uses. */
    {
        const psa_algorithm_t ka = PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF256);
        psa_key_attributes_t ea = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t mine = 0, theirs = 0;
        uint8_t their_pub[65], secret[32], via_ka[42], via_raw[42];
        size_t pub_len = 0, secret_len = 0;
        psa_set_key_type(&ea, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
        psa_set_key_bits(&ea, 256);
        psa_set_key_usage_flags(&ea, PSA_KEY_USAGE_DERIVE);
        psa_set_key_algorithm(&ea, PSA_ALG_ECDH);
        if (CHECK_STATUS(psa_generate_key(&ea, &mine), PSA_SUCCESS) &&
            CHECK_STATUS(psa_generate_key(&ea, &theirs), PSA_SUCCESS) &&
            CHECK_STATUS(psa_export_public_key(theirs, their_pub, sizeof their_pub, &pub_len),
                         PSA_SUCCESS) &&
            CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, mine, their_pub, pub_len, secret,
                                               sizeof secret, &secret_len),
                         PSA_SUCCESS)) {
            CHECK_STATUS(psa_key_derivation_setup(&op, ka), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT,
                                                        (const uint8_t *) "salt", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_key_agreement(&op, S_SECRET, mine, their_pub, pub_len),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO,
                                                        (const uint8_t *) "info", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_output_bytes(&op, via_ka, sizeof via_ka), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);

            CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT,
                                                        (const uint8_t *) "salt", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_SECRET, secret, secret_len),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO,
                                                        (const uint8_t *) "info", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_output_bytes(&op, via_raw, sizeof via_raw), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
            CHECK_MEM(via_ka, sizeof via_ka, via_raw, sizeof via_raw);
        }
        psa_destroy_key(mine);
        psa_destroy_key(theirs);
    }

    /* Destroying an input key: the operation's copy is wiped. */
    {
        psa_key_id_t t = import_key(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, HKDF256, secret, sizeof secret);
        CHECK_STATUS(psa_key_derivation_setup(&op, HKDF256), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&op, S_SECRET, t), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, S_INFO, (const uint8_t *)"", 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 8), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(t), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, buf, 8), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(NULL), PSA_SUCCESS);

    psa_destroy_key(derive);
    psa_destroy_key(wrong_alg);
    psa_destroy_key(no_usage);
    psa_destroy_key(raw);
    psa_destroy_key(verify_only);
    psa_destroy_key(ph);
}

int main(void)
{
    char *dir = ct_use_temp_storage("kdf");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_hkdf_rfc5869();
    test_pbkdf2();
    test_tls12_prf();
    test_psk_to_ms();
    test_sp800_108();
    test_output_key_round_trips();
    test_errors();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
