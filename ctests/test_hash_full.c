/* ctests/test_hash_full.c - every hash of PSA Crypto 1.2 that rustpsa implements,
 * one-shot and multi-part: known answers (RFC 1321 MD5, the RIPEMD-160 reference
 * vectors, FIPS 180-4 SHA-1/SHA-2, FIPS 202 SHA-3/SHAKE256 on "", "abc" and the
 * 448-bit two-block message), clone, suspend/resume at every split point
 * (MD5, RIPEMD-160, SHA-1/SHA-2), the suspend state's fields for MD5 and
 * RIPEMD-160 (little-endian chaining words), and every error path of the
 * multi-part functions. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    psa_algorithm_t alg;
    int suspendable;
    const char *empty_hex, *abc_hex, *two_block_hex;
} hash_kat_t;

static const char TWO_BLOCK[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

static const hash_kat_t kats[] = {
    {"PSA_ALG_MD5", PSA_ALG_MD5, 1,
     "d41d8cd98f00b204e9800998ecf8427e",
     "900150983cd24fb0d6963f7d28e17f72",
     "8215ef0796a20bcaaae116d3876c664a"},
    {"PSA_ALG_RIPEMD160", PSA_ALG_RIPEMD160, 1,
     "9c1185a5c5e9fc54612808977ee8f548b2258d31",
     "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
     "12a053384a9c0c88e405a06c27dcf49ada62eb2b"},
    {"PSA_ALG_SHA_1", PSA_ALG_SHA_1, 1,
     "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "a9993e364706816aba3e25717850c26c9cd0d89d",
     "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    {"PSA_ALG_SHA_224", PSA_ALG_SHA_224, 1,
     "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
     "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
     "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"},
    {"PSA_ALG_SHA_256", PSA_ALG_SHA_256, 1,
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"PSA_ALG_SHA_384", PSA_ALG_SHA_384, 1,
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
     "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b"},
    {"PSA_ALG_SHA_512", PSA_ALG_SHA_512, 1,
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
    {"PSA_ALG_SHA_512_224", PSA_ALG_SHA_512_224, 1,
     "6ed0dd02806fa89e25de060c19d3ac86cabb87d6a0ddd05c333b84f4",
     "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
     "e5302d6d54bb242275d1e7622d68df6eb02dedd13f564c13dbda2174"},
    {"PSA_ALG_SHA_512_256", PSA_ALG_SHA_512_256, 1,
     "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a",
     "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
     "bde8e1f9f19bb9fd3406c90ec6bc47bd36d8ada9f11880dbc8a22a7078b6a461"},
    {"PSA_ALG_SHA3_224", PSA_ALG_SHA3_224, 0,
     "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7",
     "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf",
     "8a24108b154ada21c9fd5574494479ba5c7e7ab76ef264ead0fcce33"},
    {"PSA_ALG_SHA3_256", PSA_ALG_SHA3_256, 0,
     "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
     "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
     "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376"},
    {"PSA_ALG_SHA3_384", PSA_ALG_SHA3_384, 0,
     "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004",
     "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25",
     "991c665755eb3a4b6bbdfb75c78a492e8c56a22c5c4d7e429bfdbc32b9d4ad5aa04a1f076e62fea19eef51acd0657c22"},
    {"PSA_ALG_SHA3_512", PSA_ALG_SHA3_512, 0,
     "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26",
     "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
     "04a371e84ecfb5b8b77cb48610fca8182dd457ce6f326a0fd3d7ec2f1e91636dee691fbe0c985302ba1b0d8dc78c086346b533b49c030d99a27daf1139d6e75e"},
    {"PSA_ALG_SHAKE256_512", PSA_ALG_SHAKE256_512, 0,
     "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be",
     "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4",
     "4d8c2dd2435a0128eefbb8c36f6f87133a7911e18d979ee1ae6be5d4fd2e332940d8688a4e6a59aa8060f1f9bc996c05aca3c696a8b66279dc672c740bb224ec"},
};
#define NKATS (sizeof kats / sizeof kats[0])

static void kat_one(const hash_kat_t *v, const uint8_t *msg, size_t mlen, const char *hex)
{
    uint8_t want[PSA_HASH_MAX_SIZE], out[PSA_HASH_MAX_SIZE];
    size_t wlen = ct_unhex(hex, want, sizeof want), olen = 0, i;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;

    CHECK(wlen == PSA_HASH_LENGTH(v->alg));
    /* one-shot */
    if (CHECK_STATUS(psa_hash_compute(v->alg, msg, mlen, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, want, wlen);
    CHECK_STATUS(psa_hash_compare(v->alg, msg, mlen, want, wlen), PSA_SUCCESS);
    /* multi-part, one byte at a time */
    if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
        for (i = 0; i < mlen; i++)
            CHECK_STATUS(psa_hash_update(&op, msg + i, 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&op, NULL, 0), PSA_SUCCESS);
        olen = 0;
        memset(out, 0, sizeof out);
        if (CHECK_STATUS(psa_hash_finish(&op, out, wlen, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, want, wlen);
    }
    /* multi-part, whole message, verify */
    if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_update(&op, msg, mlen), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_verify(&op, want, wlen), PSA_SUCCESS);
    }
    /* verify mismatch (value and length) */
    {
        uint8_t bad[PSA_HASH_MAX_SIZE];
        memcpy(bad, want, wlen);
        bad[wlen / 2] ^= 0x10;
        if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_hash_update(&op, msg, mlen), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_verify(&op, bad, wlen), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        }
        if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_hash_update(&op, msg, mlen), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_verify(&op, want, wlen - 1), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        }
        CHECK_STATUS(psa_hash_compare(v->alg, msg, mlen, bad, wlen), PSA_ERROR_INVALID_SIGNATURE);
    }
}

static void test_known_answers(void)
{
    size_t i;
    for (i = 0; i < NKATS; i++) {
        fprintf(stderr, "# %s\n", kats[i].name);
        kat_one(&kats[i], (const uint8_t *)"", 0, kats[i].empty_hex);
        kat_one(&kats[i], (const uint8_t *)"abc", 3, kats[i].abc_hex);
        kat_one(&kats[i], (const uint8_t *)TWO_BLOCK, strlen(TWO_BLOCK), kats[i].two_block_hex);
    }
}

static void test_clone(void)
{
    size_t i;
    for (i = 0; i < NKATS; i++) {
        const hash_kat_t *v = &kats[i];
        psa_hash_operation_t a = PSA_HASH_OPERATION_INIT, b = PSA_HASH_OPERATION_INIT,
                             c = PSA_HASH_OPERATION_INIT;
        uint8_t want[PSA_HASH_MAX_SIZE], out[PSA_HASH_MAX_SIZE];
        size_t wlen = ct_unhex(v->abc_hex, want, sizeof want), olen = 0;
        if (!CHECK_STATUS(psa_hash_setup(&a, v->alg), PSA_SUCCESS))
            continue;
        CHECK_STATUS(psa_hash_update(&a, (const uint8_t *)"ab", 2), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_clone(&a, &b), PSA_SUCCESS);
        /* the target must be inactive */
        CHECK_STATUS(psa_hash_clone(&a, &b), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_clone(&a, &a), PSA_ERROR_BAD_STATE);
        /* the source must be active */
        CHECK_STATUS(psa_hash_clone(&c, &c), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_update(&a, (const uint8_t *)"c", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&b, (const uint8_t *)"c", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_clone(&b, &c), PSA_SUCCESS);
        if (CHECK_STATUS(psa_hash_finish(&a, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, want, wlen);
        CHECK_STATUS(psa_hash_verify(&b, want, wlen), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&c, (const uint8_t *)"d", 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_verify(&c, want, wlen), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_hash_abort(&c), PSA_SUCCESS);
        /* a finished source cannot be cloned */
        CHECK_STATUS(psa_hash_clone(&a, &c), PSA_ERROR_BAD_STATE);
    }
}

static void test_suspend_resume(void)
{
    size_t i, split;
    uint8_t msg[300];
    for (i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 13 + 1);
    for (i = 0; i < NKATS; i++) {
        const hash_kat_t *v = &kats[i];
        uint8_t want[PSA_HASH_MAX_SIZE], state[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE];
        size_t wlen = 0, slen;
        psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, r = PSA_HASH_OPERATION_INIT;
        CHECK_STATUS(psa_hash_compute(v->alg, msg, sizeof msg, want, sizeof want, &wlen),
                     PSA_SUCCESS);
        if (!v->suspendable) {
            /* SHA-3, SHAKE: no format defined */
            CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(v->alg) == 0);
            if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
                CHECK_STATUS(psa_hash_update(&op, msg, 10), PSA_SUCCESS);
                slen = 77;
                CHECK_STATUS(psa_hash_suspend(&op, state, sizeof state, &slen),
                             PSA_ERROR_NOT_SUPPORTED);
                CHECK(slen == 0);
                /* the operation is in an error state: abort resets it */
                CHECK_STATUS(psa_hash_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
                CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
            }
            {
                /* a state naming such an algorithm cannot be resumed */
                uint8_t s[4 + 8 + 32];
                memset(s, 0, sizeof s);
                s[0] = (uint8_t)(v->alg >> 24);
                s[1] = (uint8_t)(v->alg >> 16);
                s[2] = (uint8_t)(v->alg >> 8);
                s[3] = (uint8_t)v->alg;
                CHECK_STATUS(psa_hash_resume(&r, s, sizeof s), PSA_ERROR_NOT_SUPPORTED);
            }
            continue;
        }
        fprintf(stderr, "# suspend %s\n", v->name);
        for (split = 0; split <= sizeof msg; split++) {
            size_t il = PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(v->alg);
            size_t hl = PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(v->alg);
            size_t bl = PSA_HASH_BLOCK_LENGTH(v->alg);
            if (!CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS))
                break;
            CHECK_STATUS(psa_hash_update(&op, msg, split), PSA_SUCCESS);
            slen = 0;
            if (!CHECK_STATUS(psa_hash_suspend(&op, state, PSA_HASH_SUSPEND_OUTPUT_SIZE(v->alg),
                                               &slen),
                              PSA_SUCCESS)) {
                psa_hash_abort(&op);
                break;
            }
            CHECK(slen == PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH + il + hl + split % bl);
            CHECK(state[0] == (uint8_t)(v->alg >> 24) && state[3] == (uint8_t)v->alg);
            CHECK(state[4 + il - 1] == (uint8_t)split && state[4 + il - 2] == (uint8_t)(split >> 8));
            CHECK(memcmp(state + 4 + il + hl, msg + split - split % bl, split % bl) == 0);
            /* suspended: the operation is inactive */
            CHECK_STATUS(psa_hash_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
            if (!CHECK_STATUS(psa_hash_resume(&r, state, slen), PSA_SUCCESS))
                break;
            CHECK_STATUS(psa_hash_update(&r, msg + split, sizeof msg - split), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_verify(&r, want, wlen), PSA_SUCCESS);
        }
        /* suspend into a buffer one byte too small */
        if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_hash_update(&op, msg, 3), PSA_SUCCESS);
            slen = 5;
            CHECK_STATUS(psa_hash_suspend(&op, state, 4 + PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(v->alg) +
                                                       PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(v->alg) + 2,
                                          &slen),
                         PSA_ERROR_BUFFER_TOO_SMALL);
            CHECK(slen == 0);
            CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        }
        /* resume: invalid states, and an active operation */
        if (CHECK_STATUS(psa_hash_setup(&op, v->alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_hash_update(&op, msg, 5), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_suspend(&op, state, sizeof state, &slen), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_resume(&r, state, slen - 1), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_hash_resume(&r, state, 3), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_hash_resume(&r, NULL, 0), PSA_ERROR_INVALID_ARGUMENT);
            state[slen] = 0;
            CHECK_STATUS(psa_hash_resume(&r, state, slen + 1), PSA_ERROR_INVALID_ARGUMENT);
            if (CHECK_STATUS(psa_hash_resume(&r, state, slen), PSA_SUCCESS)) {
                CHECK_STATUS(psa_hash_resume(&r, state, slen), PSA_ERROR_BAD_STATE);
                CHECK_STATUS(psa_hash_abort(&r), PSA_SUCCESS);
            }
            state[0] = 0x03; /* a MAC algorithm */
            CHECK_STATUS(psa_hash_resume(&r, state, slen), PSA_ERROR_INVALID_ARGUMENT);
        }
    }
}

/* The MD5 and RIPEMD-160 suspend state: 4-byte algorithm, 8-byte big-endian
 * input length, the chaining words little-endian (4 for MD5, 5 for RIPEMD-160),
 * then the unprocessed input. */
static void test_suspend_md5_ripemd160(void)
{
    /* RFC 1321 3.3 / RIPEMD-160 initial words, little-endian */
    static const uint8_t iv_le[20] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd,
                                      0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54,
                                      0x32, 0x10, 0xf0, 0xe1, 0xd2, 0xc3};
    static const struct {
        psa_algorithm_t alg;
        size_t hl;
        const char *abc_hex;
    } cases[] = {
        {PSA_ALG_MD5, 16, "900150983cd24fb0d6963f7d28e17f72"},
        {PSA_ALG_RIPEMD160, 20, "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"},
    };
    size_t i, split;
    CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(PSA_ALG_MD5) == 4 + 8 + 16 + 63);
    CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(PSA_ALG_RIPEMD160) == 4 + 8 + 20 + 63);
    CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(PSA_ALG_RIPEMD160) <= PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        psa_algorithm_t alg = cases[i].alg;
        size_t hl = cases[i].hl;
        uint8_t want[20], state[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE], out[PSA_HASH_MAX_SIZE];
        size_t wlen = ct_unhex(cases[i].abc_hex, want, sizeof want), slen, olen;
        psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, r = PSA_HASH_OPERATION_INIT;
        CHECK(wlen == hl);
        CHECK(PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(alg) == 8);
        CHECK(PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(alg) == hl);
        CHECK(PSA_HASH_BLOCK_LENGTH(alg) == 64);
        /* "abc" split in the middle: "a" | "bc" and "ab" | "c" */
        for (split = 1; split <= 2; split++) {
            if (!CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS))
                continue;
            CHECK_STATUS(psa_hash_update(&op, (const uint8_t *)"abc", split), PSA_SUCCESS);
            slen = 0;
            if (!CHECK_STATUS(psa_hash_suspend(&op, state, sizeof state, &slen), PSA_SUCCESS)) {
                psa_hash_abort(&op);
                continue;
            }
            CHECK(slen == PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH + 8 + hl + split);
            CHECK(state[0] == 0x02 && state[1] == 0x00 && state[2] == 0x00 &&
                  state[3] == (uint8_t)alg);
            CHECK(memcmp(state + 4, "\0\0\0\0\0\0\0", 7) == 0 && state[11] == split);
            CHECK_MEM(state + 12, hl, iv_le, hl);
            CHECK(memcmp(state + 12 + hl, "abc", split) == 0);
            if (CHECK_STATUS(psa_hash_resume(&r, state, slen), PSA_SUCCESS)) {
                CHECK_STATUS(psa_hash_update(&r, (const uint8_t *)"abc" + split, 3 - split),
                             PSA_SUCCESS);
                olen = 0;
                CHECK_STATUS(psa_hash_finish(&r, out, sizeof out, &olen), PSA_SUCCESS);
                CHECK_MEM(out, olen, want, wlen);
            }
        }
        /* after the one-block padded "abc" (bit length 24, little-endian) the
         * chaining state is the digest of "abc" */
        {
            uint8_t block[64];
            memset(block, 0, sizeof block);
            memcpy(block, "abc", 3);
            block[3] = 0x80;
            block[56] = 24;
            if (CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS)) {
                CHECK_STATUS(psa_hash_update(&op, block, sizeof block), PSA_SUCCESS);
                CHECK_STATUS(psa_hash_update(&op, (const uint8_t *)"xyz", 3), PSA_SUCCESS);
                slen = 0;
                CHECK_STATUS(psa_hash_suspend(&op, state, sizeof state, &slen), PSA_SUCCESS);
                CHECK(slen == 4 + 8 + hl + 3);
                CHECK(state[10] == 0 && state[11] == 67);
                CHECK_MEM(state + 12, hl, want, wlen);
                CHECK(memcmp(state + 12 + hl, "xyz", 3) == 0);
            }
        }
        /* a hand-built state: IV, input length 2, "ab"; then "c" */
        {
            uint8_t s[4 + 8 + 20 + 3];
            memset(s, 0, sizeof s);
            s[0] = 0x02;
            s[3] = (uint8_t)alg;
            s[11] = 2;
            memcpy(s + 12, iv_le, hl);
            memcpy(s + 12 + hl, "abc", 3);
            if (CHECK_STATUS(psa_hash_resume(&r, s, 12 + hl + 2), PSA_SUCCESS)) {
                CHECK_STATUS(psa_hash_update(&r, (const uint8_t *)"c", 1), PSA_SUCCESS);
                CHECK_STATUS(psa_hash_verify(&r, want, wlen), PSA_SUCCESS);
            }
            /* unprocessed input longer than input length mod 64 */
            CHECK_STATUS(psa_hash_resume(&r, s, 12 + hl + 3), PSA_ERROR_INVALID_ARGUMENT);
            /* input length of 2^61 bytes: too long */
            s[4] = 0x20;
            s[11] = 0;
            CHECK_STATUS(psa_hash_resume(&r, s, 12 + hl), PSA_ERROR_INVALID_ARGUMENT);
        }
    }
}

static void test_errors(void)
{
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, copy;
    uint8_t out[PSA_HASH_MAX_SIZE];
    size_t olen;
    static const uint8_t abc[] = "abc";

    /* inactive operation */
    olen = 9;
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
    CHECK(olen == 0);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_verify(&op, out, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_suspend(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* invalid and unsupported algorithms leave the object inactive */
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_HMAC(PSA_ALG_SHA_256)), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_ANY_HASH), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_NONE), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_MD2), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SM3), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    /* NULL operation */
    CHECK_STATUS(psa_hash_setup(NULL, PSA_ALG_SHA_256), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_update(NULL, abc, 3), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_hash_finish(NULL, out, sizeof out, &olen), PSA_ERROR_INVALID_ARGUMENT);
    /* setup (or resume) on an active operation: BAD_STATE, and the operation
     * is aborted, as in Mbed TLS: later steps get BAD_STATE until abort */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_resume(&op, out, 4), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_SUCCESS);
        /* NULL input with a length: error state */
        CHECK_STATUS(psa_hash_update(&op, NULL, 3), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    /* update after finish */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &olen), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    /* buffer too small ends the operation in an error state */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_512), PSA_SUCCESS)) {
        olen = 3;
        CHECK_STATUS(psa_hash_finish(&op, out, 63, &olen), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK(olen == 0);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_finish(&op, NULL, 32, &olen), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, NULL), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    /* an operation has one owner: a moved (copied and used) object takes it
     * over and the original is refused from then on */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_update(&op, abc, 1), PSA_SUCCESS);
        memcpy(&copy, &op, sizeof op);
        CHECK_STATUS(psa_hash_update(&copy, abc + 1, 2), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        if (CHECK_STATUS(psa_hash_finish(&copy, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, abc, 3, out, olen), PSA_SUCCESS);
        memset(&op, 0, sizeof op);
    }
    /* a stale copy of a finished operation */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_SUCCESS)) {
        memcpy(&copy, &op, sizeof op);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        memcpy(&op, &copy, sizeof op);
        CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
        memset(&op, 0, sizeof op);
    }
    /* garbage */
    memset(&op, 0xa5, sizeof op);
    CHECK_STATUS(psa_hash_update(&op, abc, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_clone(&op, &copy), PSA_ERROR_BAD_STATE);
    memset(&op, 0, sizeof op);
    /* verify on a finished op */
    if (CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_1), PSA_SUCCESS)) {
        CHECK_STATUS(psa_hash_verify(&op, out, 20), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_hash_verify(&op, out, 20), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    /* init function gives an inactive object */
    op = psa_hash_operation_init();
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
}

int main(void)
{
    char *dir = ct_use_temp_storage("hashfull");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_known_answers();
    test_clone();
    test_suspend_resume();
    test_suspend_md5_ripemd160();
    test_errors();
    mbedtls_psa_crypto_free();
    {
        psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
        CHECK_STATUS(psa_hash_setup(&op, PSA_ALG_SHA_256), PSA_ERROR_BAD_STATE);
    }
    ct_remove_dir(dir);
    free(dir);
    return report();
}
