/* ctests/test_aead.c - AEAD: the GCM specification's test cases 3 and 4
 * (AES-128), RFC 8439 2.8.2 ChaCha20-Poly1305, RFC 3610 packet vector 1 and
 * NIST SP 800-38C example 1 (CCM), one-shot and multi-part in chunks; shortened
 * and at-least-this-length tag policies; tag failures; every error path. */
#include "common.h"

#include <stdio.h>
#include <string.h>

#define ENC_DEC (PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT)

typedef struct {
    const char *name;
    psa_key_type_t type;
    psa_algorithm_t alg;
    const char *key, *nonce, *ad, *pt, *ct, *tag;
} aead_kat_t;

static const aead_kat_t kats[] = {
    {"GCM test case 3", PSA_KEY_TYPE_AES, PSA_ALG_GCM, "feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
     "b16aedf5aa0de657ba637b391aafd255",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
     "1ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"GCM test case 4", PSA_KEY_TYPE_AES, PSA_ALG_GCM, "feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
     "b16aedf5aa0de657ba637b39",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
     "1ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"RFC 8439 2.8.2", PSA_KEY_TYPE_CHACHA20, PSA_ALG_CHACHA20_POLY1305,
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
     "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920"
     "636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c207375"
     "6e73637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
     "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
     "3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
    {"RFC 3610 packet vector 1", PSA_KEY_TYPE_AES, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8),
     "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
     "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e", "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384",
     "17e8d12cfdf926e0"},
    {"SP 800-38C example 1", PSA_KEY_TYPE_AES, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 4),
     "404142434445464748494a4b4c4d4e4f", "10111213141516", "0001020304050607", "20212223", "7162015b",
     "4dac255d"},
};

typedef struct {
    uint8_t key[32], nonce[16], ad[64], pt[128], ct[128], tag[16];
    size_t kl, nl, al, pl, cl, tl;
} bufs_t;

static void load(const aead_kat_t *v, bufs_t *b)
{
    b->kl = ct_unhex(v->key, b->key, sizeof b->key);
    b->nl = ct_unhex(v->nonce, b->nonce, sizeof b->nonce);
    b->al = ct_unhex(v->ad, b->ad, sizeof b->ad);
    b->pl = ct_unhex(v->pt, b->pt, sizeof b->pt);
    b->cl = ct_unhex(v->ct, b->ct, sizeof b->ct);
    b->tl = ct_unhex(v->tag, b->tag, sizeof b->tag);
}

static void test_known_answers(void)
{
    size_t i, s, steps[] = {1, 7, 16, 1000};
    for (i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        const aead_kat_t *v = &kats[i];
        bufs_t b;
        uint8_t out[160], expect[160], tag[16];
        size_t n = 0, t = 0;
        psa_key_id_t id = 0;
        load(v, &b);
        memcpy(expect, b.ct, b.cl);
        memcpy(expect + b.cl, b.tag, b.tl);
        if (!CHECK_STATUS(ct_import(v->type, ENC_DEC, v->alg, b.key, b.kl, &id), PSA_SUCCESS))
            continue;
        CHECK(PSA_AEAD_TAG_LENGTH(v->type, 0, v->alg) == b.tl);
        /* One-shot, exact-size buffers from the macros. */
        if (CHECK_STATUS(psa_aead_encrypt(id, v->alg, b.nonce, b.nl, b.ad, b.al, b.pt, b.pl, out,
                                          PSA_AEAD_ENCRYPT_OUTPUT_SIZE(v->type, v->alg, b.pl), &n),
                         PSA_SUCCESS))
            CHECK_MEM(out, n, expect, b.cl + b.tl);
        if (CHECK_STATUS(psa_aead_decrypt(id, v->alg, b.nonce, b.nl, b.ad, b.al, expect, b.cl + b.tl, out,
                                          PSA_AEAD_DECRYPT_OUTPUT_SIZE(v->type, v->alg, b.cl + b.tl), &n),
                         PSA_SUCCESS))
            CHECK_MEM(out, n, b.pt, b.pl);
        /* Tampered tag: nothing written. */
        expect[b.cl + b.tl - 1] ^= 0x80;
        memset(out, 0xee, sizeof out);
        n = 99;
        CHECK_STATUS(psa_aead_decrypt(id, v->alg, b.nonce, b.nl, b.ad, b.al, expect, b.cl + b.tl, out, sizeof out, &n),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK(n == 0);
        CHECK(out[0] == 0xee && out[b.pl ? b.pl - 1 : 0] == 0xee);
        expect[b.cl + b.tl - 1] ^= 0x80;
        /* Multi-part in chunks. */
        for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
            psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
            size_t pos, done = 0;
            CHECK_STATUS(psa_aead_encrypt_setup(&op, id, v->alg), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_lengths(&op, b.al, b.pl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_nonce(&op, b.nonce, b.nl), PSA_SUCCESS);
            for (pos = 0; pos < b.al; pos += steps[s])
                CHECK_STATUS(psa_aead_update_ad(&op, b.ad + pos, b.al - pos < steps[s] ? b.al - pos : steps[s]),
                             PSA_SUCCESS);
            for (pos = 0; pos < b.pl; pos += steps[s]) {
                size_t c = b.pl - pos < steps[s] ? b.pl - pos : steps[s];
                CHECK_STATUS(psa_aead_update(&op, b.pt + pos, c, out + done,
                                             PSA_AEAD_UPDATE_OUTPUT_SIZE(v->type, v->alg, c), &n),
                             PSA_SUCCESS);
                done += n;
            }
            CHECK_STATUS(psa_aead_finish(&op, out + done, PSA_AEAD_FINISH_OUTPUT_SIZE(v->type, v->alg), &n, tag,
                                         sizeof tag, &t),
                         PSA_SUCCESS);
            done += n;
            CHECK_MEM(out, done, b.ct, b.cl);
            CHECK_MEM(tag, t, b.tag, b.tl);
            /* Decrypt, then a wrong tag. */
            done = 0;
            CHECK_STATUS(psa_aead_decrypt_setup(&op, id, v->alg), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_nonce(&op, b.nonce, b.nl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_lengths(&op, b.al, b.pl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update_ad(&op, b.ad, b.al), PSA_SUCCESS);
            for (pos = 0; pos < b.cl; pos += steps[s]) {
                size_t c = b.cl - pos < steps[s] ? b.cl - pos : steps[s];
                CHECK_STATUS(psa_aead_update(&op, b.ct + pos, c, out + done, sizeof out - done, &n), PSA_SUCCESS);
                done += n;
            }
            CHECK_STATUS(psa_aead_verify(&op, out + done, sizeof out - done, &n, b.tag, b.tl), PSA_SUCCESS);
            done += n;
            CHECK_MEM(out, done, b.pt, b.pl);
            CHECK_STATUS(psa_aead_decrypt_setup(&op, id, v->alg), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_lengths(&op, b.al, b.pl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_set_nonce(&op, b.nonce, b.nl), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update_ad(&op, b.ad, b.al), PSA_SUCCESS);
            CHECK_STATUS(psa_aead_update(&op, b.ct, b.cl, out, sizeof out, &n), PSA_SUCCESS);
            tag[0] = (uint8_t)(b.tag[0] ^ 1);
            memcpy(tag + 1, b.tag + 1, b.tl - 1);
            CHECK_STATUS(psa_aead_verify(&op, out, sizeof out, &n, tag, b.tl), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
        }
        psa_destroy_key(id);
    }
}

static void test_tag_policies(void)
{
    uint8_t key[16] = {9}, nonce[12] = {1}, pt[20] = {2}, out[64], back[64];
    size_t n = 0, m = 0;
    psa_key_id_t id = 0, exact = 0;
    psa_algorithm_t gcm12 = PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 12);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12), key,
                           16, &id),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(id, gcm12, nonce, 12, NULL, 0, pt, 20, out, sizeof out, &n), PSA_SUCCESS);
    CHECK(n == 32);
    CHECK_STATUS(psa_aead_decrypt(id, gcm12, nonce, 12, NULL, 0, out, n, back, sizeof back, &m), PSA_SUCCESS);
    CHECK_MEM(back, m, pt, 20);
    CHECK_STATUS(psa_aead_encrypt(id, PSA_ALG_GCM, nonce, 12, NULL, 0, pt, 20, out, sizeof out, &n), PSA_SUCCESS);
    CHECK(n == 36);
    CHECK_STATUS(psa_aead_encrypt(id, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8), nonce, 12, NULL, 0, pt, 20, out,
                                  sizeof out, &n),
                 PSA_ERROR_NOT_PERMITTED);
    /* A wildcard is a policy, not an algorithm. */
    CHECK_STATUS(psa_aead_encrypt(id, PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12), nonce, 12, NULL, 0,
                                  pt, 20, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_GCM, key, 16, &exact), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(exact, gcm12, nonce, 12, NULL, 0, pt, 20, out, sizeof out, &n),
                 PSA_ERROR_NOT_PERMITTED);
    /* 16-byte shortened tag is the default algorithm. */
    CHECK_STATUS(psa_aead_encrypt(exact, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 16), nonce, 12, NULL, 0, pt, 20,
                                  out, sizeof out, &n),
                 PSA_SUCCESS);
    psa_destroy_key(id);
    psa_destroy_key(exact);
}

static void test_errors(void)
{
    uint8_t key[16] = {4}, ckey[32] = {5}, nonce[24] = {0}, in[64] = {0}, out[96], tag[16];
    size_t n = 0, t = 0;
    psa_key_id_t gcm = 0, ccm = 0, chacha = 0, enc_only = 0, hmac = 0;
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    psa_algorithm_t ccm8 = PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, PSA_ALG_GCM, key, 16, &gcm), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC_DEC, ccm8, key, 16, &ccm), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, ENC_DEC, PSA_ALG_CHACHA20_POLY1305, ckey, 32, &chacha), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key, 16, &enc_only), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, ENC_DEC, PSA_ALG_GCM, key, 16, &hmac), PSA_SUCCESS);

    /* One-shot. */
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_CTR, nonce, 12, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(0x7fff0000u, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_aead_decrypt(enc_only, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 32, out, sizeof out, &n),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_CCM, nonce, 13, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_aead_encrypt(hmac, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_GCM, nonce, 0, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(ccm, ccm8, nonce, 6, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(ccm, ccm8, nonce, 14, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(chacha, PSA_ALG_CHACHA20_POLY1305, nonce, 8, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_NOT_SUPPORTED);
    n = 5;
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 16, out, 31, &n),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(n == 0);
    CHECK_STATUS(psa_aead_decrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 32, out, 15, &n),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_decrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 15, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_decrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 32, out, sizeof out, &n),
                 PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_GCM, NULL, 12, NULL, 0, in, 16, out, sizeof out, &n),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, in, 16, out, sizeof out, NULL),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 3), nonce, 12, NULL, 0, in, 16,
                                  out, sizeof out, &n),
                 PSA_ERROR_NOT_PERMITTED);
    /* Empty message and AD is fine. */
    CHECK_STATUS(psa_aead_encrypt(gcm, PSA_ALG_GCM, nonce, 12, NULL, 0, NULL, 0, out, 16, &n), PSA_SUCCESS);
    CHECK(n == 16);

    /* Setup. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_CTR), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, 0x7fff0000u, PSA_ALG_GCM), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_aead_decrypt_setup(&op, enc_only, PSA_ALG_GCM), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, hmac, PSA_ALG_GCM), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_aead_encrypt_setup(NULL, gcm, PSA_ALG_GCM), PSA_ERROR_INVALID_ARGUMENT);
    /* Inactive. */
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_set_lengths(&op, 0, 0), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_update(&op, in, 1, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, sizeof tag, &t), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_verify(&op, out, sizeof out, &n, tag, 16), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    /* Twice. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_ERROR_BAD_STATE);
    /* Data before the nonce. */
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 1, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, sizeof tag, &t), PSA_ERROR_BAD_STATE);
    /* Nonce errors. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, out, 11, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK(n == 12);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_decrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, ccm, ccm8), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, out, sizeof out, &n), PSA_SUCCESS);
    CHECK(n == 13);
    /* CCM needs the lengths before data. */
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, ccm, ccm8), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 13), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 1, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    /* Lengths misuse. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 1, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 3), PSA_ERROR_INVALID_ARGUMENT); /* more AD than declared */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 1, out, sizeof out, &n), PSA_ERROR_INVALID_ARGUMENT); /* AD short */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 4, out, sizeof out, &n), PSA_ERROR_INVALID_ARGUMENT); /* too much */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 2, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 1), PSA_ERROR_BAD_STATE); /* AD after data */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_lengths(&op, 2, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update_ad(&op, in, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 2, out, sizeof out, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, sizeof tag, &t), PSA_ERROR_INVALID_ARGUMENT);
    /* Finish / verify on the wrong direction, small buffers. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_verify(&op, out, sizeof out, &n, tag, 16), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_decrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, sizeof tag, &t), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 16, out, 15, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, 15, &t), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_finish(&op, out, sizeof out, &n, tag, 16, &t), PSA_ERROR_BAD_STATE);
    /* Wrong tag length on verify. */
    CHECK_STATUS(psa_aead_decrypt_setup(&op, gcm, PSA_ALG_GCM), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_verify(&op, out, sizeof out, &n, tag, 15), PSA_ERROR_INVALID_SIGNATURE);
    /* Key destroyed while active. */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, chacha, PSA_ALG_CHACHA20_POLY1305), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 12), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(chacha), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_update(&op, in, 16, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, chacha, PSA_ALG_CHACHA20_POLY1305), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_aead_abort(NULL), PSA_SUCCESS);
    psa_destroy_key(gcm);
    psa_destroy_key(ccm);
    psa_destroy_key(enc_only);
    psa_destroy_key(hmac);
}

int main(void)
{
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_known_answers();
    test_tag_policies();
    test_errors();
    mbedtls_psa_crypto_free();
    return report();
}
