/* ctests/test_blake2_par.c - the BLAKE2sp-256 and BLAKE2bp-512 hashes of PSA
 * Crypto API 1.5 through the C API:
 *   kat        psa_hash_compute, psa_hash_compare and the multi-part functions
 *              (split at every byte) on entries of the BLAKE2 team's unkeyed
 *              known answers (tests/vectors/blake2_par_kat.txt: the input of
 *              length n is 00 01 .. n-1), below, at and past the first leaf
 *              block (64 bytes for BLAKE2sp, 128 for BLAKE2bp);
 *   long       a 16 KiB + 5 message: one-shot = multi-part in odd chunks =
 *              a clone taken half-way; the parallel hash differs from the
 *              sequential one;
 *   errors     small output buffer -> BUFFER_TOO_SMALL (length 0), a wrong or
 *              short reference -> INVALID_SIGNATURE, update/finish after finish
 *              -> BAD_STATE, NULL input of length 0, an output buffer that
 *              overlaps the input, suspend -> NOT_SUPPORTED (no format in 1.5),
 *              HMAC over them -> NOT_SUPPORTED (no HMAC block size in 1.5).
 */
#include <stdio.h>
#include <string.h>

#include "common.h"

typedef struct {
    psa_algorithm_t alg;
    size_t len;
    const char *out;
} kat_t;

static const kat_t kats[] = {
    {PSA_ALG_BLAKE2SP_HASH256, 0, "dd0e891776933f43c7d032b08a917e25741f8aa9a12c12e1cac8801500f2ca4f"},
    {PSA_ALG_BLAKE2SP_HASH256, 3, "ed14413b40da689f1f7fed2b08dff45b8092db5ec2c3610e02724d202f423c46"},
    {PSA_ALG_BLAKE2SP_HASH256, 63, "1024c940be7341449b5010522b509f65bbdc1287b455c2bb7f72b2c92fd0d189"},
    {PSA_ALG_BLAKE2SP_HASH256, 64, "52603b6cbfad4966cb044cb267568385cf35f21e6c45cf30aed19832cb51e9f5"},
    {PSA_ALG_BLAKE2SP_HASH256, 65, "fff24d3cc729d395daf978b0157306cb495797e6c8dca1731d2f6f81b849baae"},
    {PSA_ALG_BLAKE2SP_HASH256, 99, "d10f061d5b9cb44ee078a96b3318579e5ef50aef3ed96e4f62149b2e9f7c660c"},
    {PSA_ALG_BLAKE2BP_HASH512, 0,
     "b5ef811a8038f70b628fa8b294daae7492b1ebe343a80eaabbf1f6ae664dd67b"
     "9d90b0120791eab81dc96985f28849f6a305186a85501b405114bfa678df9380"},
    {PSA_ALG_BLAKE2BP_HASH512, 3,
     "8cf933a2d361a3e6a136dbe4a01e7903797ad6ce766e2b91b9b4a4035127d65f"
     "4be86550119418e22da00fd06bf2b27596b37f06be0a154aaf7eca54c4520b97"},
    {PSA_ALG_BLAKE2BP_HASH512, 127,
     "ea64b003a135766121cfbccbdc08dca2402926be78cea3d0a7253d9ec9e63b8a"
     "cdd994559917e0e03b5e155f944d7198d99245a794ce19c9b4df4da4a3399334"},
    {PSA_ALG_BLAKE2BP_HASH512, 128,
     "05ad0f271faf7e361320518452813ff9fb9976ac378050b6eefb05f7867b577b"
     "8f14475794cff61b2bc062d346a7c65c6e0067c60a374af7940f10aa449d5fb9"},
    {PSA_ALG_BLAKE2BP_HASH512, 129,
     "b545880294afa153f8b9f49c73d952b5d1228f1a1ab5ebcb05ff79e560c030f7"
     "500fe256a40b6a0e6cb3d42acd4b98595c5b51eaec5ad69cd40f1fc16d2d5f50"},
    {PSA_ALG_BLAKE2BP_HASH512, 154,
     "b126ae46a7a4595e31607ef807a5601f4ecd9e7d66c82daeb9715f8da1c17d7d"
     "71c3e68250c9dc01ac40a36d2e638bef3d7bc70ea2d0e331e3d33e1704eba92d"},
};
#define NKATS (sizeof kats / sizeof kats[0])

static uint8_t counting[256];

static void test_kat(const kat_t *k)
{
    uint8_t want[64], got[PSA_HASH_MAX_SIZE];
    size_t wl = ct_unhex(k->out, want, sizeof want), len = 0, split;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;

    CHECK(wl == PSA_HASH_LENGTH(k->alg));
    if (CHECK_STATUS(psa_hash_compute(k->alg, counting, k->len, got, sizeof got, &len), PSA_SUCCESS))
        CHECK_MEM(got, len, want, wl);
    CHECK_STATUS(psa_hash_compare(k->alg, counting, k->len, want, wl), PSA_SUCCESS);
    for (split = 0; split <= k->len; split++) {
        if (!CHECK_STATUS(psa_hash_setup(&op, k->alg), PSA_SUCCESS))
            return;
        CHECK_STATUS(psa_hash_update(&op, counting, split), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&op, counting + split, k->len - split), PSA_SUCCESS);
        if (split % 2) {
            CHECK_STATUS(psa_hash_verify(&op, want, wl), PSA_SUCCESS);
        } else {
            len = 0;
            if (CHECK_STATUS(psa_hash_finish(&op, got, sizeof got, &len), PSA_SUCCESS))
                CHECK_MEM(got, len, want, wl);
        }
    }
}

static void test_long(psa_algorithm_t alg, psa_algorithm_t sequential)
{
    static uint8_t msg[16 * 1024 + 5];
    uint8_t one[PSA_HASH_MAX_SIZE], multi[PSA_HASH_MAX_SIZE], cl[PSA_HASH_MAX_SIZE], seq[PSA_HASH_MAX_SIZE];
    size_t i, l1 = 0, l2 = 0, l3 = 0, l4 = 0, off = 0, step = 1, clone_at = 0;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT, copy = PSA_HASH_OPERATION_INIT;

    for (i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 29 + 11);
    CHECK_STATUS(psa_hash_compute(alg, msg, sizeof msg, one, sizeof one, &l1), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS);
    while (off < sizeof msg) {
        size_t n = step < sizeof msg - off ? step : sizeof msg - off;
        CHECK_STATUS(psa_hash_update(&op, msg + off, n), PSA_SUCCESS);
        off += n;
        step = step * 3 + 1; /* 1, 4, 13, 40, ... crossing block and stripe edges */
        if (off >= sizeof msg / 2 && clone_at == 0) {
            CHECK_STATUS(psa_hash_clone(&op, &copy), PSA_SUCCESS);
            clone_at = off;
        }
    }
    CHECK_STATUS(psa_hash_finish(&op, multi, sizeof multi, &l2), PSA_SUCCESS);
    CHECK_MEM(multi, l2, one, l1);
    /* the clone saw only a prefix: it finishes with that prefix's hash */
    {
        psa_hash_operation_t ref = PSA_HASH_OPERATION_INIT;
        uint8_t part[PSA_HASH_MAX_SIZE];
        size_t lp = 0;
        CHECK_STATUS(psa_hash_finish(&copy, cl, sizeof cl, &l3), PSA_SUCCESS);
        CHECK(l3 == l1);
        CHECK(memcmp(cl, one, l1) != 0);
        CHECK_STATUS(psa_hash_setup(&ref, alg), PSA_SUCCESS);
        CHECK(clone_at > 0 && clone_at < sizeof msg);
        CHECK_STATUS(psa_hash_update(&ref, msg, clone_at), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_finish(&ref, part, sizeof part, &lp), PSA_SUCCESS);
        CHECK_MEM(part, lp, cl, l3);
    }
    CHECK_STATUS(psa_hash_compute(sequential, msg, sizeof msg, seq, sizeof seq, &l4), PSA_SUCCESS);
    CHECK(l4 == l1);
    CHECK(memcmp(seq, one, l1) != 0);
}

static void test_errors(psa_algorithm_t alg)
{
    uint8_t buf[200], d[PSA_HASH_MAX_SIZE], ref[PSA_HASH_MAX_SIZE], st[PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE + 1];
    size_t hl = PSA_HASH_LENGTH(alg), len = 9, rl = 0, i;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;

    /* NULL input with length 0 is the empty message */
    CHECK_STATUS(psa_hash_compute(alg, counting, 0, ref, sizeof ref, &rl), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_compute(alg, NULL, 0, d, sizeof d, &len), PSA_SUCCESS);
    CHECK_MEM(d, len, ref, rl);
    CHECK_STATUS(psa_hash_compare(alg, NULL, 0, ref, rl), PSA_SUCCESS);
    /* output buffer one byte short */
    len = 9;
    CHECK_STATUS(psa_hash_compute(alg, counting, 3, d, hl - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(len == 0);
    /* wrong and short references */
    CHECK_STATUS(psa_hash_compute(alg, counting, 3, ref, sizeof ref, &rl), PSA_SUCCESS);
    memcpy(d, ref, rl);
    d[rl - 1] ^= 1;
    CHECK_STATUS(psa_hash_compare(alg, counting, 3, d, rl), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_hash_compare(alg, counting, 3, ref, rl - 1), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, counting, 3), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_verify(&op, d, rl), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* multi-part finish into a short buffer: BUFFER_TOO_SMALL, then an error state */
    CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, counting, 3), PSA_SUCCESS);
    len = 9;
    CHECK_STATUS(psa_hash_finish(&op, d, hl - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(len == 0);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* after finish the operation is inactive */
    CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_finish(&op, d, sizeof d, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, counting, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_finish(&op, d, sizeof d, &len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* no suspend format: refused, and the operation is then in an error state */
    CHECK_STATUS(psa_hash_setup(&op, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_update(&op, counting, 1), PSA_SUCCESS);
    len = 9;
    CHECK_STATUS(psa_hash_suspend(&op, st, sizeof st, &len), PSA_ERROR_NOT_SUPPORTED);
    CHECK(len == 0);
    CHECK_STATUS(psa_hash_update(&op, counting, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_abort(&op), PSA_SUCCESS);
    /* the output may overlap the input: hash 150 bytes in place */
    for (i = 0; i < 150; i++)
        buf[i] = counting[i];
    CHECK_STATUS(psa_hash_compute(alg, counting, 150, ref, sizeof ref, &rl), PSA_SUCCESS);
    CHECK_STATUS(psa_hash_compute(alg, buf, 150, buf + 7, sizeof buf - 7, &len), PSA_SUCCESS);
    CHECK_MEM(buf + 7, len, ref, rl);
    /* no HMAC over the parallel modes */
    {
        psa_key_id_t id = 0;
        uint8_t key[16] = {1};
        uint8_t mac[PSA_MAC_MAX_SIZE];
        psa_status_t s = ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(alg), key,
                                   sizeof key, &id);
        if (s == PSA_SUCCESS) {
            len = 9;
            CHECK_STATUS(psa_mac_compute(id, PSA_ALG_HMAC(alg), counting, 3, mac, sizeof mac, &len),
                         PSA_ERROR_NOT_SUPPORTED);
            CHECK(len == 0);
            CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
        } else {
            CHECK_STATUS(s, PSA_ERROR_NOT_SUPPORTED);
        }
    }
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof counting; i++)
        counting[i] = (uint8_t)i;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    for (i = 0; i < NKATS; i++)
        test_kat(&kats[i]);
    test_long(PSA_ALG_BLAKE2SP_HASH256, PSA_ALG_BLAKE2S_HASH256);
    test_long(PSA_ALG_BLAKE2BP_HASH512, PSA_ALG_BLAKE2B_HASH512);
    test_errors(PSA_ALG_BLAKE2SP_HASH256);
    test_errors(PSA_ALG_BLAKE2BP_HASH512);
    mbedtls_psa_crypto_free();
    return report();
}
