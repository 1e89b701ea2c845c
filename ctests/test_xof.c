/* ctests/test_xof.c - the XOF operation (PSA Crypto API 1.4) and the fixed-length
 * hashes of 1.3-1.5 (SHA-256/192, SHAKE128/256, SHAKE256/192, SHAKE256/256,
 * Ascon-Hash256, BLAKE2s-256, BLAKE2b-512) at the C boundary.
 *
 *   values     macros and constants (PSA_ALG_IS_XOF, PSA_ALG_XOF_HAS_CONTEXT,
 *              PSA_ALG_IS_BLAKE2_HASH, PSA_HASH_LENGTH / BLOCK_LENGTH)
 *   xof        known answers (FIPS 202, SP 800-232 reference KAT), output in
 *              pieces, update in pieces, CXOF context
 *   states     every state error: setup on an active object, steps on an
 *              inactive one, set_context after input/twice/on SHAKE, update
 *              after output, NULL with a length, errors end the operation
 *   hashes     one-shot, compare, multi-part, clone, verify, too-small
 *              buffers, suspend (NOT_SUPPORTED: no suspend format)
 */
#include <stdio.h>
#include <string.h>

#include "common.h"

static void test_values(void)
{
    psa_xof_operation_t z = PSA_XOF_OPERATION_INIT, i = psa_xof_operation_init(), zero;
    memset(&zero, 0, sizeof zero);
    CHECK(memcmp(&z, &zero, sizeof z) == 0 && memcmp(&i, &zero, sizeof i) == 0);
    CHECK(PSA_ALG_IS_XOF(PSA_ALG_SHAKE128) && PSA_ALG_IS_XOF(PSA_ALG_ASCON_CXOF128));
    CHECK(!PSA_ALG_IS_XOF(PSA_ALG_SHAKE256_512) && !PSA_ALG_IS_HASH(PSA_ALG_SHAKE256));
    CHECK(PSA_ALG_XOF_HAS_CONTEXT(PSA_ALG_ASCON_CXOF128));
    CHECK(!PSA_ALG_XOF_HAS_CONTEXT(PSA_ALG_ASCON_XOF128) && !PSA_ALG_XOF_HAS_CONTEXT(PSA_ALG_SHAKE128));
    CHECK(PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_BLAKE2B_HASH512) && PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_BLAKE2S_HASH256));
    CHECK(!PSA_ALG_IS_BLAKE2_HASH(PSA_ALG_ASCON_HASH256));
    CHECK(PSA_ALG_SHAKE128 == 0x0D000100 && PSA_ALG_SHAKE256 == 0x0D000200);
    CHECK(PSA_ALG_ASCON_XOF128 == 0x0D000300 && PSA_ALG_ASCON_CXOF128 == 0x0D008300);
    CHECK(PSA_ALG_SHA_256_192 == 0x0200000E && PSA_ALG_SHAKE128_256 == 0x02000016);
    CHECK(PSA_ALG_SHAKE256_192 == 0x02000017 && PSA_ALG_SHAKE256_256 == 0x02000018);
    CHECK(PSA_ALG_ASCON_HASH256 == 0x02000019 && PSA_ALG_BLAKE2S_HASH256 == 0x0200001C);
    CHECK(PSA_ALG_BLAKE2B_HASH512 == 0x0200001E);
    CHECK(PSA_HASH_LENGTH(PSA_ALG_SHA_256_192) == 24 && PSA_HASH_LENGTH(PSA_ALG_SHAKE128_256) == 32);
    CHECK(PSA_HASH_LENGTH(PSA_ALG_SHAKE256_192) == 24 && PSA_HASH_LENGTH(PSA_ALG_SHAKE256_256) == 32);
    CHECK(PSA_HASH_LENGTH(PSA_ALG_ASCON_HASH256) == 32 && PSA_HASH_LENGTH(PSA_ALG_BLAKE2S_HASH256) == 32);
    CHECK(PSA_HASH_LENGTH(PSA_ALG_BLAKE2B_HASH512) == 64 && PSA_HASH_LENGTH(PSA_ALG_BLAKE2B_HASH512) <= PSA_HASH_MAX_SIZE);
    CHECK(PSA_HASH_BLOCK_LENGTH(PSA_ALG_SHAKE128_256) == 168 && PSA_HASH_BLOCK_LENGTH(PSA_ALG_ASCON_HASH256) == 8);
    CHECK(PSA_HASH_BLOCK_LENGTH(PSA_ALG_BLAKE2B_HASH512) == 128 && PSA_HASH_BLOCK_LENGTH(PSA_ALG_BLAKE2S_HASH256) == 64);
    CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(PSA_ALG_SHA_256_192) == 0 && PSA_HASH_SUSPEND_OUTPUT_SIZE(PSA_ALG_BLAKE2B_HASH512) == 0);
}

/* One XOF computation: context (NULL: none), input, out_len bytes of output
 * read in pieces of `piece` bytes. */
static int xof(psa_algorithm_t alg, const uint8_t *ctx, size_t ctx_len, const uint8_t *in, size_t in_len,
               uint8_t *out, size_t out_len, size_t piece)
{
    psa_xof_operation_t op = PSA_XOF_OPERATION_INIT;
    size_t done = 0;
    if (!CHECK_STATUS(psa_xof_setup(&op, alg), PSA_SUCCESS))
        return 0;
    if (ctx != NULL && !CHECK_STATUS(psa_xof_set_context(&op, ctx, ctx_len), PSA_SUCCESS))
        return 0;
    if (!CHECK_STATUS(psa_xof_update(&op, in, in_len / 2), PSA_SUCCESS) ||
        !CHECK_STATUS(psa_xof_update(&op, in + in_len / 2, in_len - in_len / 2), PSA_SUCCESS))
        return 0;
    while (done < out_len) {
        size_t n = out_len - done < piece ? out_len - done : piece;
        if (!CHECK_STATUS(psa_xof_output(&op, out + done, n), PSA_SUCCESS))
            return 0;
        done += n;
    }
    return CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
}

static void test_xof(void)
{
    static const struct {
        psa_algorithm_t alg;
        const char *ctx, *msg, *out;
    } V[] = {
        {PSA_ALG_SHAKE128, NULL, "", "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"},
        {PSA_ALG_SHAKE256, NULL, "616263",
         "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"},
        {PSA_ALG_ASCON_XOF128, NULL, "", "473d5e6164f58b39dfd84aacdb8ae42ec2d91fed33388ee0d960d9b3993295c6"},
        {PSA_ALG_ASCON_XOF128, NULL, "00", "51430e0438ecdf642b393630d977625f5f337656ba58ab1e960784ac32a16e0d"},
        {PSA_ALG_ASCON_XOF128, NULL, "736f6d65206279746573", "8c7dd114a0"},
        {PSA_ALG_ASCON_CXOF128, "736f6d6520637573746f6d697a6174696f6e20737472696e67", "736f6d65206279746573",
         "7824810ff7"},
    };
    size_t i, piece;
    for (i = 0; i < sizeof V / sizeof V[0]; i++) {
        uint8_t ctx[64], msg[64], want[64], got[64];
        size_t cl = V[i].ctx ? ct_unhex(V[i].ctx, ctx, sizeof ctx) : 0;
        size_t ml = ct_unhex(V[i].msg, msg, sizeof msg), wl = ct_unhex(V[i].out, want, sizeof want);
        for (piece = 1; piece <= wl; piece = piece * 3 + 1) {
            memset(got, 0, sizeof got);
            if (xof(V[i].alg, V[i].ctx ? ctx : NULL, cl, msg, ml, got, wl, piece))
                CHECK_MEM(got, wl, want, wl);
        }
    }
    /* A long SHAKE128 output (FIPS 202 example message, 300 bytes): the last
     * bytes equal hashlib's; the output of 300 bytes at once equals 7-byte reads. */
    {
        uint8_t in[200], a[300], b[300];
        const uint8_t tail[4] = {0x91, 0x79, 0x3c, 0xc7};
        for (i = 0; i < sizeof in; i++)
            in[i] = (uint8_t)i;
        if (xof(PSA_ALG_SHAKE128, NULL, 0, in, sizeof in, a, sizeof a, sizeof a) &&
            xof(PSA_ALG_SHAKE128, NULL, 0, in, sizeof in, b, sizeof b, 7)) {
            CHECK_MEM(a, sizeof a, b, sizeof b);
            CHECK_MEM(a + 296, 4, tail, 4);
        }
    }
    /* CXOF: an empty context equals no context; different contexts differ. */
    {
        uint8_t a[32], b[32], c[32];
        if (xof(PSA_ALG_ASCON_CXOF128, (const uint8_t *)"", 0, (const uint8_t *)"m", 1, a, 32, 32) &&
            xof(PSA_ALG_ASCON_CXOF128, NULL, 0, (const uint8_t *)"m", 1, b, 32, 32) &&
            xof(PSA_ALG_ASCON_CXOF128, (const uint8_t *)"x", 1, (const uint8_t *)"m", 1, c, 32, 32)) {
            CHECK_MEM(a, 32, b, 32);
            CHECK(memcmp(a, c, 32) != 0);
        }
    }
}

static void test_states(void)
{
    psa_xof_operation_t op = PSA_XOF_OPERATION_INIT;
    uint8_t out[16], big[257];
    memset(big, 7, sizeof big);
    memset(out, 0, sizeof out);
    /* inactive object */
    CHECK_STATUS(psa_xof_update(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_output(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_set_context(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_abort(NULL), PSA_SUCCESS);
    /* algorithms: not an XOF, unknown XOF */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHA_256), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE256_512), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_NONE), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_setup(&op, (psa_algorithm_t)0x0D000400), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_xof_setup(NULL, PSA_ALG_SHAKE128), PSA_ERROR_INVALID_ARGUMENT);
    /* setup on an active object: BAD_STATE, and the operation is aborted */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE128), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_update(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    /* context on an XOF without one: INVALID_ARGUMENT, and the operation ends */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE256), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, out, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_output(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_XOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, NULL, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    /* context twice, context after input, after output: BAD_STATE */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, out, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, out, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_update(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_update(&op, out, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, out, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_output(&op, out, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, out, 3), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    /* a customization string longer than 256 bytes (SP 800-232): INVALID_ARGUMENT */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, big, 257), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, big, 256), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    /* update after output: BAD_STATE and the operation ends */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_update(&op, NULL, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_output(&op, NULL, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_output(&op, out, 4), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_update(&op, out, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_output(&op, out, 4), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    /* NULL with a non-zero length */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_update(&op, NULL, 5), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_output(&op, NULL, 5), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_ASCON_CXOF128), PSA_SUCCESS);
    CHECK_STATUS(psa_xof_set_context(&op, NULL, 5), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_xof_abort(&op), PSA_SUCCESS);
}

static void test_hashes(void)
{
    static const struct {
        psa_algorithm_t alg;
        const char *md; /* of "abc" */
    } V[] = {
        {PSA_ALG_SHA_256_192, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9c"},
        {PSA_ALG_SHAKE128_256, "5881092dd818bf5cf8a3ddb793fbcba74097d5c526a6d35f97b83351940f2cc8"},
        {PSA_ALG_SHAKE256_192, "483366601360a8771c6863080cc4114d8db44530f8f1e1ee"},
        {PSA_ALG_SHAKE256_256, "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739"},
        {PSA_ALG_BLAKE2S_HASH256, "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"},
        {PSA_ALG_BLAKE2B_HASH512,
         "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"},
    };
    static const char ASCON00[] = "0728621035af3ed2bca03bf6fde900f9456f5330e4b5ee23e7f6a1e70291bc80";
    size_t i;
    for (i = 0; i < sizeof V / sizeof V[0] + 1; i++) {
        int ascon = i == sizeof V / sizeof V[0];
        psa_algorithm_t alg = ascon ? PSA_ALG_ASCON_HASH256 : V[i].alg;
        const uint8_t *m = ascon ? (const uint8_t *)"\0" : (const uint8_t *)"abc";
        size_t ml = ascon ? 1 : 3;
        uint8_t want[64], got[64], st[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE];
        size_t wl = ct_unhex(ascon ? ASCON00 : V[i].md, want, sizeof want), gl = 0;
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, c = PSA_HASH_OPERATION_INIT;
        CHECK(wl == PSA_HASH_LENGTH(alg));
        if (CHECK_STATUS(psa_hash_compute(alg, m, ml, got, sizeof got, &gl), PSA_SUCCESS))
            CHECK_MEM(got, gl, want, wl);
        CHECK_STATUS(psa_hash_compute(alg, m, ml, got, wl - 1, &gl), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_hash_compare(alg, m, ml, want, wl), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_compare(alg, m, ml, want, wl - 1), PSA_ERROR_INVALID_SIGNATURE);
        want[0] ^= 1;
        CHECK_STATUS(psa_hash_compare(alg, m, ml, want, wl), PSA_ERROR_INVALID_SIGNATURE);
        want[0] ^= 1;
        /* multi-part, clone, verify */
        CHECK_STATUS(psa_hash_setup(&h, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, m, 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_clone(&h, &c), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, m + 1, ml - 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&c, m + 1, ml - 1), PSA_SUCCESS);
        if (CHECK_STATUS(psa_hash_finish(&h, got, sizeof got, &gl), PSA_SUCCESS))
            CHECK_MEM(got, gl, want, wl);
        CHECK_STATUS(psa_hash_verify(&c, want, wl), PSA_SUCCESS);
        /* a too-small buffer ends the operation */
        CHECK_STATUS(psa_hash_setup(&h, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_finish(&h, got, wl - 1, &gl), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
        /* no suspend format: NOT_SUPPORTED, and the operation ends */
        CHECK_STATUS(psa_hash_setup(&h, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_suspend(&h, st, sizeof st, &gl), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_hash_update(&h, m, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
        /* a state naming the algorithm cannot be resumed */
        st[0] = (uint8_t)(alg >> 24);
        st[1] = (uint8_t)(alg >> 16);
        st[2] = (uint8_t)(alg >> 8);
        st[3] = (uint8_t)alg;
        memset(st + 4, 0, 48);
        CHECK_STATUS(psa_hash_resume(&h, st, 52), PSA_ERROR_NOT_SUPPORTED);
    }
    /* BLAKE2sp/BLAKE2bp are hashes (known answers in test_blake2_par.c) */
    {
        uint8_t d[64];
        size_t dl = 0;
        CHECK_STATUS(psa_hash_compute(PSA_ALG_BLAKE2BP_HASH512, (const uint8_t *)"a", 1, d, sizeof d, &dl),
                     PSA_SUCCESS);
        CHECK(dl == 64);
        CHECK_STATUS(psa_hash_compute(PSA_ALG_BLAKE2SP_HASH256, (const uint8_t *)"a", 1, d, sizeof d, &dl),
                     PSA_SUCCESS);
        CHECK(dl == 32);
    }
}

int main(void)
{
    psa_xof_operation_t op = PSA_XOF_OPERATION_INIT;
    /* before psa_crypto_init */
    CHECK_STATUS(psa_xof_setup(&op, PSA_ALG_SHAKE128), PSA_ERROR_BAD_STATE);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_values();
    test_xof();
    test_states();
    test_hashes();
    mbedtls_psa_crypto_free();
    return report();
}
