/* ctests/test_ascon.c - Ascon-AEAD128 (NIST SP 800-232, PSA Crypto API 1.4) at
 * the C boundary: known answers (reference KAT counts 1, 550, 562), one-shot
 * and multi-part, shortened tags, and every error path: key size, wrong key
 * type, nonce length, tag length, too-small buffers, NULL with a length, a
 * forged tag (INVALID_SIGNATURE, no plaintext released). */
#include <stdio.h>
#include <string.h>

#include "common.h"

static const char KEYHEX[] = "000102030405060708090A0B0C0D0E0F";

static psa_key_id_t import_ascon(psa_algorithm_t alg)
{
    uint8_t k[16];
    psa_key_id_t id = 0;
    ct_unhex(KEYHEX, k, sizeof k);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, alg, k, 16, &id),
                 PSA_SUCCESS);
    return id;
}

static void test_values(void)
{
    CHECK(PSA_ALG_ASCON_AEAD128 == 0x05100700 && PSA_KEY_TYPE_ASCON == 0x2008);
    CHECK(PSA_ALG_IS_AEAD(PSA_ALG_ASCON_AEAD128) && !PSA_ALG_IS_AEAD_ON_BLOCK_CIPHER(PSA_ALG_ASCON_AEAD128));
    CHECK(PSA_AEAD_NONCE_LENGTH(PSA_KEY_TYPE_ASCON, PSA_ALG_ASCON_AEAD128) == 16);
    CHECK(PSA_AEAD_NONCE_LENGTH(PSA_KEY_TYPE_AES, PSA_ALG_ASCON_AEAD128) == 0);
    CHECK(PSA_AEAD_TAG_LENGTH(PSA_KEY_TYPE_ASCON, 128, PSA_ALG_ASCON_AEAD128) == 16);
    CHECK(PSA_AEAD_TAG_LENGTH(PSA_KEY_TYPE_ASCON, 128, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_ASCON_AEAD128, 8)) == 8);
    CHECK(PSA_AEAD_ENCRYPT_OUTPUT_SIZE(PSA_KEY_TYPE_ASCON, PSA_ALG_ASCON_AEAD128, 10) == 26);
    CHECK(PSA_AEAD_UPDATE_OUTPUT_SIZE(PSA_KEY_TYPE_ASCON, PSA_ALG_ASCON_AEAD128, 10) == 10);
    CHECK(PSA_AEAD_FINISH_OUTPUT_SIZE(PSA_KEY_TYPE_ASCON, PSA_ALG_ASCON_AEAD128) == 0);
    CHECK(PSA_AEAD_NONCE_LENGTH(PSA_KEY_TYPE_ASCON, PSA_ALG_ASCON_AEAD128) <= PSA_AEAD_NONCE_MAX_SIZE);
}

static const struct {
    const char *pt, *ad, *ct;
} V[] = {
    {"", "", "4427D64B8E1E1451FC445960F0839BB0"},
    {"000102030405060708090A0B0C0D0E0F", "000102030405060708090A0B0C0D0E0F1011121314",
     "994984D48B44B49446092EE25EF521A4EF2C7B174A7C41FCAB40AB9DC0ADFAA7"},
    {"000102030405060708090A0B0C0D0E0F10", "",
     "E770D289D2A44AEE7CD0A48ECE5274E381A6132E1D1B072B1F103817B2D454700D"},
};

static void test_kat(void)
{
    psa_key_id_t k = import_ascon(PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_ASCON_AEAD128, 4));
    uint8_t nonce[16];
    size_t i, t;
    ct_unhex(KEYHEX, nonce, sizeof nonce);
    for (i = 0; i < sizeof V / sizeof V[0]; i++) {
        uint8_t pt[32], ad[32], ct[64], out[64], back[64];
        size_t pl = ct_unhex(V[i].pt, pt, sizeof pt), al = ct_unhex(V[i].ad, ad, sizeof ad);
        size_t cl = ct_unhex(V[i].ct, ct, sizeof ct), ol = 0, bl = 0, n1 = 0, n2 = 0;
        psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
        uint8_t tag[16];
        if (CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, ad, al, pt, pl, out, sizeof out, &ol),
                         PSA_SUCCESS))
            CHECK_MEM(out, ol, ct, cl);
        if (CHECK_STATUS(psa_aead_decrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, ad, al, ct, cl, back, sizeof back, &bl),
                         PSA_SUCCESS))
            CHECK_MEM(back, bl, pt, pl);
        /* multi-part encryption: AD in two pieces, text in two */
        CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, al / 2), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad + al / 2, al - al / 2), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, pt, pl / 3, out, sizeof out, &n1), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, pt + pl / 3, pl - pl / 3, out + n1, sizeof out - n1, &n2), PSA_SUCCESS);
        if (CHECK_STATUS(psa_aead_finish(&op, out + n1 + n2, sizeof out - n1 - n2, &ol, tag, sizeof tag, &t),
                         PSA_SUCCESS)) {
            CHECK(n1 + n2 + ol == pl && t == 16);
            CHECK_MEM(out, pl, ct, pl);
            CHECK_MEM(tag, 16, ct + pl, 16);
        }
        /* multi-part decryption */
        CHECK_STATUS(psa_aead_decrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, al), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, ct, pl, back, sizeof back, &n1), PSA_SUCCESS);
        if (CHECK_STATUS(psa_aead_verify(&op, back + n1, sizeof back - n1, &ol, ct + pl, 16), PSA_SUCCESS))
            CHECK_MEM(back, n1 + ol, pt, pl);
        /* shortened tags: the leftmost bytes */
        for (t = 4; t <= 16; t += 4) {
            psa_algorithm_t a = PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_ASCON_AEAD128, t);
            if (CHECK_STATUS(psa_aead_encrypt(k, a, nonce, 16, ad, al, pt, pl, out, sizeof out, &ol), PSA_SUCCESS))
                CHECK_MEM(out, ol, ct, pl + t);
            CHECK_STATUS(psa_aead_decrypt(k, a, nonce, 16, ad, al, out, ol, back, sizeof back, &bl), PSA_SUCCESS);
            out[ol - 1] ^= 1;
            CHECK_STATUS(psa_aead_decrypt(k, a, nonce, 16, ad, al, out, ol, back, sizeof back, &bl),
                         PSA_ERROR_INVALID_SIGNATURE);
        }
        /* forged tag: INVALID_SIGNATURE, one-shot and multi-part */
        ct[cl - 1] ^= 0x40;
        CHECK_STATUS(psa_aead_decrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, ad, al, ct, cl, back, sizeof back, &bl),
                     PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_aead_decrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update_ad(&op, ad, al), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_update(&op, ct, pl, back, sizeof back, &n1), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_verify(&op, back + n1, sizeof back - n1, &ol, ct + pl, 16), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

static void test_errors(void)
{
    psa_key_id_t k = import_ascon(PSA_ALG_ASCON_AEAD128), aes = 0, bad = 0;
    uint8_t key24[24] = {0}, nonce[16] = {0}, buf[64] = {0}, out[64];
    size_t ol = 0;
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    /* key size: only 128 bits */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ASCON_AEAD128, key24, 24, &bad),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ASCON_AEAD128, key24, 8, &bad),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* a key of another type */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ASCON_AEAD128, key24, 16, &aes),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(aes, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, buf, 4, out, sizeof out, &ol),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, aes, PSA_ALG_ASCON_AEAD128), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    /* an Ascon key with another AEAD or a cipher */
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_GCM, nonce, 12, NULL, 0, buf, 4, out, sizeof out, &ol),
                 PSA_ERROR_NOT_PERMITTED);
    /* nonce length */
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 12, NULL, 0, buf, 4, out, sizeof out, &ol),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_set_nonce(&op, nonce, 15), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    /* generate_nonce gives 16 bytes */
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_generate_nonce(&op, out, 15, &ol), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt_setup(&op, k, PSA_ALG_ASCON_AEAD128), PSA_SUCCESS);
    if (CHECK_STATUS(psa_aead_generate_nonce(&op, out, sizeof out, &ol), PSA_SUCCESS))
        CHECK(ol == 16);
    /* NULL with a length */
    CHECK_STATUS(psa_aead_update_ad(&op, NULL, 3), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
    /* too-small output buffers */
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, buf, 4, out, 19, &ol),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, buf, 4, out, 20, &ol), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_decrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, out, 20, buf, 3, &ol),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    /* ciphertext shorter than the tag (INVALID_ARGUMENT, as for the other AEADs) */
    CHECK_STATUS(psa_aead_decrypt(k, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, out, 15, buf, sizeof buf, &ol),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* a shortened-tag algorithm the key's exact policy does not name */
    CHECK_STATUS(psa_aead_encrypt(k, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_ASCON_AEAD128, 2), nonce, 16, NULL, 0,
                                  buf, 4, out, sizeof out, &ol),
                 PSA_ERROR_NOT_PERMITTED);
    /* a tag shorter than 4 bytes (SP 800-232 allows 32 bits and more), with a
     * policy that permits it: INVALID_ARGUMENT */
    {
        psa_key_id_t w = 0;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_ENCRYPT,
                               PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_ASCON_AEAD128, 1), key24, 16, &w),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_aead_encrypt(w, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_ASCON_AEAD128, 2), nonce, 16, NULL,
                                      0, buf, 4, out, sizeof out, &ol),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_aead_encrypt_setup(&op, w, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_ASCON_AEAD128, 3)),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_aead_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(w), PSA_SUCCESS);
    }
    /* the key's policy: a decrypt-only key cannot encrypt */
    CHECK_STATUS(psa_destroy_key(aes), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ASCON, PSA_KEY_USAGE_DECRYPT, PSA_ALG_ASCON_AEAD128, key24, 16, &bad),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(bad, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, buf, 4, out, sizeof out, &ol),
                 PSA_ERROR_NOT_PERMITTED);
    /* generate an Ascon key */
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ASCON, 128, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ASCON_AEAD128);
        psa_key_id_t g = 0;
        CHECK_STATUS(psa_generate_key(&a, &g), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_encrypt(g, PSA_ALG_ASCON_AEAD128, nonce, 16, NULL, 0, buf, 4, out, sizeof out, &ol),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(g), PSA_SUCCESS);
        psa_set_key_bits(&a, 256);
        CHECK_STATUS(psa_generate_key(&a, &g), PSA_ERROR_INVALID_ARGUMENT);
    }
    CHECK_STATUS(psa_destroy_key(bad), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

int main(void)
{
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_values();
    test_kat();
    test_errors();
    mbedtls_psa_crypto_free();
    return report();
}
