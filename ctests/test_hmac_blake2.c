/* ctests/test_hmac_blake2.c - PSA_ALG_HMAC over BLAKE2s-256 and BLAKE2b-512
 * (PSA Crypto API 1.5 lists both for HMAC, with block sizes 64 and 128 bytes)
 * through the C API:
 *   vectors    psa_mac_compute / psa_mac_verify and the multi-part functions
 *              (split everywhere) on four cases of tests/vectors/hmac_blake2.txt
 *              (RFC 4231 inputs, answers cross-checked with CPython);
 *   truncated  PSA_ALG_TRUNCATED_MAC(..., 16) is the 16-byte prefix, and a
 *              PSA_ALG_AT_LEAST_THIS_LENGTH_MAC policy admits it;
 *   errors     a wrong or short MAC -> INVALID_SIGNATURE, a small buffer ->
 *              BUFFER_TOO_SMALL, a key whose policy names the other BLAKE2 ->
 *              NOT_PERMITTED, HMAC over BLAKE2sp / BLAKE2bp -> NOT_SUPPORTED;
 *   sizes      PSA_MAC_LENGTH is 32 / 64, PSA_MAC_MAX_SIZE covers both;
 *   kdfs       HKDF, HKDF-Extract and PBKDF2-HMAC over BLAKE2s/b give CPython's
 *              answers; over BLAKE2sp/bp they are NOT_SUPPORTED.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"

typedef struct {
    const char *key, *msg, *mac_s, *mac_b;
} vec_t;

static const vec_t vecs[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "65a8b7c5cc9136d424e82c37e2707e74e913c0655b99c75f40edf387453a3260",
     "358a6a184924894fc34bee5680eedf57d84a37bb38832f288e3b27dc63a98cc8c91e76da476b508bc6b2d408a248857452906e4a20b48c6b4b55d2df0fe1dd24"},
    {"4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "90b6281e2f3038c9056af0b4a7e763cae6fe5d9eb4386a0ec95237890c104ff0",
     "6ff884f8ddc2a6586b3c98a4cd6ebdf14ec10204b6710073eb5865ade37a2643b8807c1335d107ecdb9ffeaeb6828c4625ba172c66379efcd222c2de11727ab4"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "d23d79394f53d536a096e6514447eeaabb05ded01be32c1937da6a8f7103bc4e",
     "a54b2943b2a20227d41ca46c0945af09bc1faefb2f49894c23aebc557fb79c4889dca74408dc865086667aedee4a3185c53a49c80b814c4c5813ea0c8b38a8f8"},
    {"11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111",
     "22222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222222",
     "93dc1d7076b194ea9885621bf77b905a7a6ec19c3da47a2d02092b6b098118d2",
     "2d5bac07032bdefa89b61b913342d9c0346a0948709c242e9e597ec52a136f80ebfda2ae5b5fe16a244a58675519ef5e6bee6d5f159759a29a3ee7fd5f851aae"},
};
#define NVECS (sizeof vecs / sizeof vecs[0])

#define ALG_S PSA_ALG_HMAC(PSA_ALG_BLAKE2S_HASH256)
#define ALG_B PSA_ALG_HMAC(PSA_ALG_BLAKE2B_HASH512)

static void one(const vec_t *v, psa_algorithm_t alg, const char *want_hex)
{
    uint8_t key[200], msg[200], want[64], mac[PSA_MAC_MAX_SIZE];
    size_t kl = ct_unhex(v->key, key, sizeof key), ml = ct_unhex(v->msg, msg, sizeof msg);
    size_t wl = ct_unhex(want_hex, want, sizeof want), len = 0, split;
    psa_key_id_t id = 0;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                alg, key, kl, &id),
                      PSA_SUCCESS))
        return;
    CHECK(PSA_MAC_LENGTH(PSA_KEY_TYPE_HMAC, kl * 8, alg) == wl);
    if (CHECK_STATUS(psa_mac_compute(id, alg, msg, ml, mac, sizeof mac, &len), PSA_SUCCESS))
        CHECK_MEM(mac, len, want, wl);
    CHECK_STATUS(psa_mac_verify(id, alg, msg, ml, want, wl), PSA_SUCCESS);
    for (split = 0; split <= ml; split += (ml > 40 ? 13 : 1)) {
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&op, id, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg, split), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg + split, ml - split), PSA_SUCCESS);
        len = 0;
        if (CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &len), PSA_SUCCESS))
            CHECK_MEM(mac, len, want, wl);
        CHECK_STATUS(psa_mac_verify_setup(&op, id, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg, split), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg + split, ml - split), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_verify_finish(&op, want, wl), PSA_SUCCESS);
    }
    /* errors */
    want[wl - 1] ^= 1;
    CHECK_STATUS(psa_mac_verify(id, alg, msg, ml, want, wl), PSA_ERROR_INVALID_SIGNATURE);
    want[wl - 1] ^= 1;
    CHECK_STATUS(psa_mac_verify(id, alg, msg, ml, want, wl - 1), PSA_ERROR_INVALID_SIGNATURE);
    len = 5;
    CHECK_STATUS(psa_mac_compute(id, alg, msg, ml, mac, wl - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(len == 0);
    CHECK_STATUS(psa_mac_compute(id, alg == ALG_S ? ALG_B : ALG_S, msg, ml, mac, sizeof mac, &len),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);

    /* truncated to 16 bytes, under an at-least-16 policy */
    {
        psa_algorithm_t t = PSA_ALG_TRUNCATED_MAC(alg, 16);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                               PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(alg, 16), key, kl, &id),
                     PSA_SUCCESS);
        CHECK(PSA_MAC_LENGTH(PSA_KEY_TYPE_HMAC, kl * 8, t) == 16);
        if (CHECK_STATUS(psa_mac_compute(id, t, msg, ml, mac, sizeof mac, &len), PSA_SUCCESS))
            CHECK_MEM(mac, len, want, 16);
        CHECK_STATUS(psa_mac_verify(id, t, msg, ml, want, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_verify(id, alg, msg, ml, want, wl), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(id, PSA_ALG_TRUNCATED_MAC(alg, 8), msg, ml, mac, sizeof mac, &len),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
    }
}

/* HKDF and PBKDF2-HMAC over BLAKE2s/b ("can be used with HMAC or HKDF-HMAC"):
 * answers from CPython's hmac/hashlib (PBKDF2 also from OpenSSL through
 * hashlib.pbkdf2_hmac), an independent implementation. */
static void test_kdfs(void)
{
    static const struct {
        psa_algorithm_t hash;
        const char *prk, *okm, *pbkdf2;
    } k[2] = {
        {PSA_ALG_BLAKE2S_HASH256, "57e878130679f9ea85900980b52df2643d043b82f290eb7dd62175dbb04cca4e",
         "1472c31f2ff768c71b19f8803683ee3b13c1a5fb3ea59c0c3bf0d44a4a40dcd4329d9cd85bbe35a1b3e7",
         "d391c613d78eb54e4119a2fa87118db72288ab4127183f535bfa534c0cc82541a35f8c979877dfe7"},
        {PSA_ALG_BLAKE2B_HASH512,
         "02fbaa4ced1e659fe2eb8ae358de5be0edc0fd4526dbc7cc68d2ab9273e1b230ab9d6860f65dc7bad92a483c0f90e019"
         "ace68b5e4fe65251666eb1e71e57a812",
         "8815e1a85b5e90e6174323fdd180248887a7138af6dc5c8320fde21a60a078808267d6a41b6a938d7b30",
         "bea9c4f32ea86aa9965157f6eaa2c5e8d8e0362ea12e3af854d1d5db62b276a953a99e467a931a30"},
    };
    uint8_t ikm[22], salt[13], info[10], out[64], want[64];
    size_t i, wl;
    memset(ikm, 0x0b, sizeof ikm);
    for (i = 0; i < sizeof salt; i++)
        salt[i] = (uint8_t)i;
    for (i = 0; i < sizeof info; i++)
        info[i] = (uint8_t)(0xf0 + i);
    for (i = 0; i < 2; i++) {
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        size_t cap = 0;
        /* HKDF: the whole 42 bytes, read in two pieces */
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF(k[i].hash)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_get_capacity(&op, &cap), PSA_SUCCESS);
        CHECK(cap == 255 * PSA_HASH_LENGTH(k[i].hash));
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, salt, sizeof salt),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SECRET, ikm, sizeof ikm),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, info, sizeof info),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 5), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out + 5, 37), PSA_SUCCESS);
        wl = ct_unhex(k[i].okm, want, sizeof want);
        CHECK_MEM(out, 42, want, wl);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        /* HKDF-Extract: the PRK */
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF_EXTRACT(k[i].hash)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, salt, sizeof salt),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SECRET, ikm, sizeof ikm),
                     PSA_SUCCESS);
        wl = ct_unhex(k[i].prk, want, sizeof want);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, wl), PSA_SUCCESS);
        CHECK_MEM(out, wl, want, wl);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, 1), PSA_ERROR_INSUFFICIENT_DATA);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        /* PBKDF2-HMAC, 1000 iterations */
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(k[i].hash)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_integer(&op, PSA_KEY_DERIVATION_INPUT_COST, 1000), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_PASSWORD,
                                                    (const uint8_t *)"password", 8),
                     PSA_SUCCESS);
        wl = ct_unhex(k[i].pbkdf2, want, sizeof want);
        CHECK_STATUS(psa_key_derivation_output_bytes(&op, out, wl), PSA_SUCCESS);
        CHECK_MEM(out, wl, want, wl);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
    /* BLAKE2sp/bp have no HMAC: their KDFs are refused at setup */
    {
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF(PSA_ALG_BLAKE2SP_HASH256)), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_PBKDF2_HMAC(PSA_ALG_BLAKE2BP_HASH512)),
                     PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    }
}

static void test_parallel_refused(void)
{
    static const psa_algorithm_t hs[2] = {PSA_ALG_BLAKE2SP_HASH256, PSA_ALG_BLAKE2BP_HASH512};
    uint8_t key[32], mac[PSA_MAC_MAX_SIZE];
    size_t len = 3, i;
    memset(key, 7, sizeof key);
    for (i = 0; i < 2; i++) {
        psa_key_id_t id = 0;
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        psa_status_t s = ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(hs[i]), key,
                                   sizeof key, &id);
        if (s != PSA_SUCCESS) {
            /* refusing the policy at import is as good */
            CHECK_STATUS(s, PSA_ERROR_NOT_SUPPORTED);
            continue;
        }
        CHECK_STATUS(psa_mac_compute(id, PSA_ALG_HMAC(hs[i]), key, 3, mac, sizeof mac, &len),
                     PSA_ERROR_NOT_SUPPORTED);
        CHECK(len == 0);
        CHECK_STATUS(psa_mac_sign_setup(&op, id, PSA_ALG_HMAC(hs[i])), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
    }
}

int main(void)
{
    size_t i;
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    CHECK(PSA_MAC_MAX_SIZE >= 64);
    CHECK(PSA_HASH_BLOCK_LENGTH(PSA_ALG_BLAKE2S_HASH256) == 64);
    CHECK(PSA_HASH_BLOCK_LENGTH(PSA_ALG_BLAKE2B_HASH512) == 128);
    CHECK(PSA_ALG_IS_HMAC(ALG_S) && PSA_ALG_IS_HMAC(ALG_B));
    for (i = 0; i < NVECS; i++) {
        one(&vecs[i], ALG_S, vecs[i].mac_s);
        one(&vecs[i], ALG_B, vecs[i].mac_b);
    }
    test_kdfs();
    test_parallel_refused();
    mbedtls_psa_crypto_free();
    return report();
}
