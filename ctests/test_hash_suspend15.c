/* ctests/test_hash_suspend15.c - psa_hash_suspend / psa_hash_resume with the
 * hashes added in PSA Crypto API 1.3-1.5 (SHA-256/192, SHAKE128/256,
 * SHAKE256/192, SHAKE256/256, Ascon-Hash256, BLAKE2s-256, BLAKE2b-512,
 * BLAKE2sp-256, BLAKE2bp-512).
 *
 * The 1.5 specification defines the hash suspend state only for MD2, MD4, MD5,
 * RIPEMD-160, SHA-1 and SHA-2 (its table of field sizes lists nothing else),
 * so for these hashes:
 *   - PSA_HASH_SUSPEND_OUTPUT_SIZE, PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH
 *     and PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH are 0 ("not supported by
 *     psa_hash_suspend()"), while PSA_HASH_BLOCK_LENGTH and PSA_HASH_LENGTH
 *     are the real sizes;
 *   - psa_hash_suspend returns PSA_ERROR_NOT_SUPPORTED ("the hash algorithm
 *     being computed does not support suspend and resume"), writes nothing
 *     (length 0), whatever the buffer size, and leaves the operation in an
 *     error state that only psa_hash_abort clears;
 *   - psa_hash_resume of a state naming one of them returns
 *     PSA_ERROR_NOT_SUPPORTED and leaves the operation inactive.
 * A clone of an operation that was not suspended still gives the known answer
 * (SP 800-232 for Ascon-Hash256, the BLAKE2 team's test vectors for
 * BLAKE2sp/bp, Python's hashlib for the others, on the message 00 01 02).
 */
#include <stdio.h>
#include <string.h>

#include "common.h"

typedef struct {
    const char *name;
    psa_algorithm_t alg;
    size_t block;      /* PSA_HASH_BLOCK_LENGTH */
    const char *kat;   /* digest of 00 01 02, or NULL when not implemented */
} h15_t;

static const h15_t hashes[] = {
    {"SHA-256/192", PSA_ALG_SHA_256_192, 64, "ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05f"},
    {"SHAKE128/256", PSA_ALG_SHAKE128_256, 168,
     "203d4b7543731ad58bce7697b39a48eafc4fee548891d1cf94bffd231022a896"},
    {"SHAKE256/192", PSA_ALG_SHAKE256_192, 136, "714501167ead924ea87e422993eea1e67df0ead7b93140c1"},
    {"SHAKE256/256", PSA_ALG_SHAKE256_256, 136,
     "714501167ead924ea87e422993eea1e67df0ead7b93140c1109470fb66d50aaa"},
    {"Ascon-Hash256", PSA_ALG_ASCON_HASH256, 8,
     "265ab89a609f5a05dca57e83fbba700f9a2d2c4211ba4cc9f0a1a369e17b915c"},
    {"BLAKE2s-256", PSA_ALG_BLAKE2S_HASH256, 64,
     "e8f91c6ef232a041452ab0e149070cdd7dd1769e75b3a5921be37876c45c9900"},
    {"BLAKE2b-512", PSA_ALG_BLAKE2B_HASH512, 128,
     "40a374727302d9a4769c17b5f409ff32f58aa24ff122d7603e4fda1509e919d4"
     "107a52c57570a6d94e50967aea573b11f86f473f537565c66f7039830a85d186"},
    {"BLAKE2sp-256", PSA_ALG_BLAKE2SP_HASH256, 64,
     "ed14413b40da689f1f7fed2b08dff45b8092db5ec2c3610e02724d202f423c46"},
    {"BLAKE2bp-512", PSA_ALG_BLAKE2BP_HASH512, 128,
     "8cf933a2d361a3e6a136dbe4a01e7903797ad6ce766e2b91b9b4a4035127d65f"
     "4be86550119418e22da00fd06bf2b27596b37f06be0a154aaf7eca54c4520b97"},
};
#define NHASHES (sizeof hashes / sizeof hashes[0])

static const uint8_t MSG[3] = {0, 1, 2};

/* A plausible state naming alg: algorithm, a 16-byte length of 3, 64 bytes
 * of state, the 3 unprocessed bytes. */
static size_t fake_state(psa_algorithm_t alg, uint8_t *s, size_t size)
{
    size_t n = 4 + 16 + 64 + 3;
    if (size < n)
        return 0;
    memset(s, 0, n);
    s[0] = (uint8_t)(alg >> 24);
    s[1] = (uint8_t)(alg >> 16);
    s[2] = (uint8_t)(alg >> 8);
    s[3] = (uint8_t)alg;
    s[4 + 15] = 3;
    memcpy(s + 4 + 16 + 64, MSG, 3);
    return n;
}

static void test_macros(const h15_t *h)
{
    CHECK(PSA_HASH_SUSPEND_OUTPUT_SIZE(h->alg) == 0);
    CHECK(PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(h->alg) == 0);
    CHECK(PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(h->alg) == 0);
    CHECK(PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH == 4);
    if (!CHECK(PSA_HASH_BLOCK_LENGTH(h->alg) == h->block))
        FAIL("%s: PSA_HASH_BLOCK_LENGTH is %u", h->name, (unsigned)PSA_HASH_BLOCK_LENGTH(h->alg));
    if (h->kat != NULL)
        CHECK(PSA_HASH_LENGTH(h->alg) == strlen(h->kat) / 2);
}

static void test_suspend(const h15_t *h)
{
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, copy = PSA_HASH_OPERATION_INIT;
    uint8_t state[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE], want[PSA_HASH_MAX_SIZE], got[PSA_HASH_MAX_SIZE];
    size_t slen, wlen, glen = 0;
    size_t sizes[3] = {0, 1, sizeof state};
    int i;

    if (h->kat == NULL) {
        /* not implemented: setup is refused, nothing to suspend */
        CHECK_STATUS(psa_hash_setup(&op, h->alg), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        return;
    }
    wlen = ct_unhex(h->kat, want, sizeof want);
    for (i = 0; i < 3; i++) {
        if (!CHECK_STATUS(psa_hash_setup(&op, h->alg), PSA_SUCCESS))
            return;
        CHECK_STATUS(psa_hash_update(&op, MSG, 1), PSA_SUCCESS);
        /* a clone taken before the refused suspend is independent of it */
        if (i == 2)
            CHECK_STATUS(psa_hash_clone(&op, &copy), PSA_SUCCESS);
        slen = 99;
        memset(state, 0xa5, sizeof state);
        CHECK_STATUS(psa_hash_suspend(&op, sizes[i] ? state : NULL, sizes[i], &slen),
                     PSA_ERROR_NOT_SUPPORTED);
        CHECK(slen == 0);
        CHECK(state[0] == 0xa5);
        /* the operation is in an error state until aborted */
        CHECK_STATUS(psa_hash_update(&op, MSG + 1, 2), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&op, got, sizeof got, &glen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_suspend(&op, state, sizeof state, &slen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    }
    /* the clone still computes the known answer */
    CHECK_STATUS(psa_hash_update(&copy, MSG + 1, 2), PSA_SUCCESS);
    if (CHECK_STATUS(psa_hash_finish(&copy, got, sizeof got, &glen), PSA_SUCCESS))
        CHECK_MEM(got, glen, want, wlen);
    /* and so does a fresh operation after the abort */
    CHECK_STATUS(psa_hash_setup(&op, h->alg), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, MSG, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_verify(&op, want, wlen), PSA_SUCCESS);
}

static void test_resume(const h15_t *h)
{
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    uint8_t s[128], d[PSA_HASH_MAX_SIZE];
    size_t n = fake_state(h->alg, s, sizeof s), len = 0, cut;

    CHECK_STATUS(psa_hash_resume(&op, s, n), PSA_ERROR_NOT_SUPPORTED);
    /* the shorter forms too: only the algorithm field, or a partial one */
    CHECK_STATUS(psa_hash_resume(&op, s, 4), PSA_ERROR_NOT_SUPPORTED);
    for (cut = 0; cut < 4; cut++)
        CHECK_STATUS(psa_hash_resume(&op, s, cut), PSA_ERROR_INVALID_ARGUMENT);
    /* the operation stayed inactive */
    CHECK_STATUS(psa_hash_update(&op, MSG, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_finish(&op, d, sizeof d, &len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* a real SHA-256 state still resumes in the same object */
    {
        psa_hash_operation_t a = PSA_HASH_OPERATION_INIT;
        uint8_t st[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE], ref[32];
        size_t sl = 0, rl = 0;
        CHECK_STATUS(psa_hash_setup(&a, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&a, MSG, 2), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_suspend(&a, st, sizeof st, &sl), PSA_SUCCESS);
        CHECK(sl == 4 + 8 + 32 + 2);
        CHECK_STATUS(psa_hash_resume(&op, st, sl), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&op, MSG + 2, 1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_finish(&op, d, sizeof d, &len), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, MSG, 3, ref, sizeof ref, &rl), PSA_SUCCESS);
        CHECK_MEM(d, len, ref, rl);
    }
}

int main(void)
{
    size_t i;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    for (i = 0; i < NHASHES; i++) {
        printf("# %s\n", hashes[i].name);
        test_macros(&hashes[i]);
        test_suspend(&hashes[i]);
        test_resume(&hashes[i]);
    }
    mbedtls_psa_crypto_free();
    return report();
}
