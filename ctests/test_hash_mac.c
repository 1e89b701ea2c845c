/* ctests/test_hash_mac.c - psa_hash_compute/compare and psa_mac_compute/verify:
 * FIPS 180-4 / NIST SHA-256 known answers, RFC 4231 HMAC-SHA-256 test cases
 * (including the truncated MAC of test case 5), comparison/verification success
 * and PSA_ERROR_INVALID_SIGNATURE, buffer and argument errors, policy errors. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *msg;
    size_t repeat; /* message repeated this many times */
    const char *digest_hex;
} sha_vector_t;

/* FIPS 180-4 examples / NIST CAVS "short" and "long" messages for SHA-256. */
static const sha_vector_t sha256_vectors[] = {
    {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrl"
     "mnopqrsmnopqrstnopqrstu",
     1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

static uint8_t *build_msg(const sha_vector_t *v, size_t *len)
{
    size_t l = strlen(v->msg), i;
    uint8_t *m = malloc(l * v->repeat + 1);
    if (m == NULL)
        abort();
    for (i = 0; i < v->repeat; i++)
        memcpy(m + i * l, v->msg, l);
    *len = l * v->repeat;
    return m;
}

static void test_hash_known_answers(void)
{
    size_t i;
    for (i = 0; i < sizeof sha256_vectors / sizeof sha256_vectors[0]; i++) {
        const sha_vector_t *v = &sha256_vectors[i];
        uint8_t expected[32], out[PSA_HASH_MAX_SIZE];
        size_t mlen, olen = 0xdead;
        uint8_t *msg = build_msg(v, &mlen);
        ct_unhex(v->digest_hex, expected, sizeof expected);
        memset(out, 0, sizeof out);
        if (CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, msg, mlen, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, expected, sizeof expected);
        /* exact-size buffer works too */
        olen = 0;
        if (CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, msg, mlen, out, 32, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, expected, sizeof expected);
        CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, msg, mlen, expected, 32), PSA_SUCCESS);
        /* one flipped bit in each of a few positions */
        {
            size_t pos[] = {0, 15, 31};
            size_t p;
            for (p = 0; p < 3; p++) {
                uint8_t bad[32];
                memcpy(bad, expected, 32);
                bad[pos[p]] ^= 0x01;
                CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, msg, mlen, bad, 32),
                             PSA_ERROR_INVALID_SIGNATURE);
            }
        }
        /* wrong length: a prefix or a longer buffer never matches */
        CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, msg, mlen, expected, 31),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, msg, mlen, expected, 0),
                     PSA_ERROR_INVALID_SIGNATURE);
        {
            uint8_t longer[33];
            memcpy(longer, expected, 32);
            longer[32] = 0;
            CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, msg, mlen, longer, 33),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        free(msg);
    }
    CHECK(PSA_HASH_LENGTH(PSA_ALG_SHA_256) == 32);
}

static void test_hash_errors(void)
{
    static const uint8_t abc[] = "abc";
    uint8_t out[64];
    size_t olen;
    uint8_t empty_hash[32];
    ct_unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty_hash, 32);

    /* buffer too small */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, out, 31, &olen),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, out, 0, &olen),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    /* NULL input with 0 length is the empty message */
    olen = 0;
    if (CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, NULL, 0, out, sizeof out, &olen),
                     PSA_SUCCESS))
        CHECK_MEM(out, olen, empty_hash, 32);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, NULL, 0, empty_hash, 32), PSA_SUCCESS);
    /* NULL with a nonzero length */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, NULL, 3, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, NULL, 32, &olen),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, abc, 3, out, sizeof out, NULL),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, NULL, 3, empty_hash, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, abc, 3, NULL, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* other valid hash algorithms: not supported in this version */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_512, abc, 3, out, sizeof out, &olen),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_224, abc, 3, out, sizeof out, &olen),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_384, abc, 3, empty_hash, 32),
                 PSA_ERROR_NOT_SUPPORTED);
    /* not a hash algorithm */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_HMAC(PSA_ALG_SHA_256), abc, 3, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_NONE, abc, 3, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_CTR, abc, 3, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_HMAC(PSA_ALG_SHA_256), abc, 3, empty_hash, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
}

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

static void test_mac_known_answers(void)
{
    size_t i;
    for (i = 0; i < ct_rfc4231_count; i++) {
        const ct_hmac_vector_t *v = &ct_rfc4231[i];
        uint8_t key[256], data[256], mac[32], out[PSA_MAC_MAX_SIZE];
        size_t klen = ct_unhex(v->key_hex, key, sizeof key);
        size_t dlen = ct_unhex(v->data_hex, data, sizeof data);
        size_t mlen = ct_unhex(v->mac_hex, mac, sizeof mac);
        size_t olen = 0;
        psa_key_id_t k = 0;
        psa_algorithm_t alg = v->truncated_len ? PSA_ALG_TRUNCATED_MAC(HMAC256, v->truncated_len)
                                               : HMAC256;
        fprintf(stderr, "# %s\n", v->name);
        if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                                    PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                    alg, key, klen, &k),
                          PSA_SUCCESS))
            continue;
        memset(out, 0, sizeof out);
        if (CHECK_STATUS(psa_mac_compute(k, alg, data, dlen, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, mac, mlen);
        CHECK(PSA_MAC_LENGTH(PSA_KEY_TYPE_HMAC, klen * 8, alg) == mlen);
        /* exact-size buffer, one byte too small */
        CHECK_STATUS(psa_mac_compute(k, alg, data, dlen, out, mlen, &olen), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(k, alg, data, dlen, out, mlen - 1, &olen),
                     PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, mac, mlen), PSA_SUCCESS);
        {
            uint8_t bad[32];
            memcpy(bad, mac, mlen);
            bad[mlen - 1] ^= 0x80;
            CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, bad, mlen),
                         PSA_ERROR_INVALID_SIGNATURE);
            memcpy(bad, mac, mlen);
            bad[0] ^= 0x01;
            CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, bad, mlen),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        /* truncated/extended MAC lengths never verify */
        CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, mac, mlen - 1),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, mac, 0), PSA_ERROR_INVALID_SIGNATURE);
        {
            uint8_t longer[64];
            memset(longer, 0, sizeof longer);
            memcpy(longer, mac, mlen);
            CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, longer, mlen + 1),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        /* a different message */
        if (dlen > 0) {
            data[0] ^= 0x20;
            CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, mac, mlen),
                         PSA_ERROR_INVALID_SIGNATURE);
            data[0] ^= 0x20;
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
}

/* Truncated HMAC lengths: the output is the prefix of the full MAC. */
static void test_mac_truncation(void)
{
    const ct_hmac_vector_t *v = &ct_rfc4231[1]; /* "Jefe" */
    uint8_t key[64], data[64], full[32], out[64];
    size_t klen = ct_unhex(v->key_hex, key, sizeof key);
    size_t dlen = ct_unhex(v->data_hex, data, sizeof data);
    size_t lens[] = {4, 10, 16, 20, 31, 32};
    size_t i, olen;
    psa_key_id_t k = 0;
    ct_unhex(v->mac_hex, full, sizeof full);
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        psa_algorithm_t alg = PSA_ALG_TRUNCATED_MAC(HMAC256, lens[i]);
        if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                                    PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                    alg, key, klen, &k),
                          PSA_SUCCESS))
            continue;
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, alg, data, dlen, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, full, lens[i]);
        CHECK_STATUS(psa_mac_verify(k, alg, data, dlen, full, lens[i]), PSA_SUCCESS);
        /* the full-length algorithm is a different algorithm: not permitted */
        if (lens[i] != 32) {
            CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                         PSA_ERROR_NOT_PERMITTED);
            CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, full, 32),
                         PSA_ERROR_NOT_PERMITTED);
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* a truncation longer than the MAC is not a valid algorithm */
    k = 0;
    {
        /* (the implementation may already refuse such a policy at creation) */
        psa_status_t st = ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE,
                                    PSA_ALG_TRUNCATED_MAC(HMAC256, 33), key, klen, &k);
        if (st != PSA_SUCCESS) {
            CHECK_STATUS2(st, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
            k = 0;
        }
    }
    if (k != 0) {
        CHECK_STATUS2(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 33), data, dlen, out,
                                      sizeof out, &olen),
                      PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* A key whose policy is HMAC-SHA-256 cannot be used for a truncated MAC. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256, key, klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 16), data, dlen, out,
                                     sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC, 16) permits lengths 16..32 and no shorter. */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE,
                               PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 16), key, klen, &k),
                     PSA_SUCCESS)) {
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 20), data, dlen, out,
                                         sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, full, 20);
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, full, 32);
        CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 8), data, dlen, out,
                                     sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
}

static void test_mac_policy_errors(void)
{
    const ct_hmac_vector_t *v = &ct_rfc4231[0];
    uint8_t key[64], data[64], mac[32], out[64];
    size_t klen = ct_unhex(v->key_hex, key, sizeof key);
    size_t dlen = ct_unhex(v->data_hex, data, sizeof data);
    size_t olen;
    psa_key_id_t k = 0;
    ct_unhex(v->mac_hex, mac, sizeof mac);

    /* verify-only key cannot sign */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_VERIFY_MESSAGE, HMAC256, key,
                               klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* sign-only key cannot verify */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256, key, klen,
                               &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_ERROR_NOT_PERMITTED);
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, mac, 32);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* SIGN_HASH / VERIFY_HASH imply SIGN_MESSAGE / VERIFY_MESSAGE */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                               HMAC256, key, klen, &k),
                     PSA_SUCCESS)) {
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, mac, 32);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* no usage at all; export-only */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, HMAC256, key, klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* policy algorithm differs from the requested one */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                               PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                               PSA_ALG_TRUNCATED_MAC(HMAC256, 20), key, klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* PSA_ALG_NONE policy permits nothing */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_NONE, key,
                               klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* HMAC with a key that is not an HMAC key: incompatible -> INVALID_ARGUMENT */
    {
        uint8_t aes[16];
        memset(aes, 0x42, sizeof aes);
        /* creating such a key may itself be refused as an invalid combination */
        psa_status_t st = ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256, aes, 16,
                                    &k);
        CHECK_STATUS2(st, PSA_SUCCESS, PSA_ERROR_INVALID_ARGUMENT);
        if (st == PSA_SUCCESS) {
            CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                         PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        }
    }
    /* a non-MAC algorithm with an HMAC key */
    {
        psa_status_t st = ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_SHA_256,
                                    key, klen, &k);
        CHECK_STATUS2(st, PSA_SUCCESS, PSA_ERROR_INVALID_ARGUMENT);
        if (st == PSA_SUCCESS) {
            CHECK_STATUS(psa_mac_compute(k, PSA_ALG_SHA_256, data, dlen, out, sizeof out, &olen),
                         PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        }
    }
    /* argument errors */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                               PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, HMAC256,
                               key, klen, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, 31, &olen),
                     PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_mac_compute(k, HMAC256, NULL, 5, out, sizeof out, &olen),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, NULL, 32, &olen),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, NULL),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, NULL, 5, mac, 32), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, NULL, 32),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* empty message with NULL is fine and verifies against its own MAC */
        olen = 0;
        if (CHECK_STATUS(psa_mac_compute(k, HMAC256, NULL, 0, out, sizeof out, &olen),
                         PSA_SUCCESS)) {
            CHECK(olen == 32);
            CHECK_STATUS(psa_mac_verify(k, HMAC256, NULL, 0, out, olen), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, out, olen),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        /* stale key */
        CHECK_STATUS(psa_mac_compute(k, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_mac_verify(k, HMAC256, data, dlen, mac, 32), PSA_ERROR_INVALID_HANDLE);
    }
    CHECK_STATUS(psa_mac_compute(0, HMAC256, data, dlen, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_mac_compute(PSA_KEY_ID_USER_MAX, HMAC256, data, dlen, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_HANDLE);
}

/* Different keys give different MACs; the same key gives the same MAC twice. */
static void test_mac_generated_key(void)
{
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_HMAC, 256,
                                      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                      HMAC256);
    psa_key_id_t k1 = 0, k2 = 0;
    static const uint8_t msg[] = "message";
    uint8_t m1[32], m1b[32], m2[32];
    size_t l1 = 0, l1b = 0, l2 = 0;
    if (!CHECK_STATUS(psa_generate_key(&a, &k1), PSA_SUCCESS))
        return;
    if (!CHECK_STATUS(psa_generate_key(&a, &k2), PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_mac_compute(k1, HMAC256, msg, sizeof msg, m1, sizeof m1, &l1), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k1, HMAC256, msg, sizeof msg, m1b, sizeof m1b, &l1b), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k2, HMAC256, msg, sizeof msg, m2, sizeof m2, &l2), PSA_SUCCESS);
    CHECK_MEM(m1, l1, m1b, l1b);
    CHECK(l1 == 32 && l2 == 32 && memcmp(m1, m2, 32) != 0);
    CHECK_STATUS(psa_mac_verify(k2, HMAC256, msg, sizeof msg, m1, l1), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
}

int main(void)
{
    char *dir = ct_use_temp_storage("hashmac");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_hash_known_answers();
    test_hash_errors();
    test_mac_known_answers();
    test_mac_truncation();
    test_mac_policy_errors();
    test_mac_generated_key();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
