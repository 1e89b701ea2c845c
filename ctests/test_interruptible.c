/* test_interruptible.c: Mbed TLS's interruptible sign/verify hash and
 * TF-PSA-Crypto's *_iop_* functions (Mbed TLS extensions). The primitives are
 * not restartable: an operation costs one op per byte of the curve size (32
 * for P-256); a complete call spends max_ops of them and does the whole
 * computation in the call that reaches the cost, returning
 * PSA_OPERATION_INCOMPLETE before that. */
#include <string.h>

#include "common.h"

#define ECDSA_P256 PSA_ALG_ECDSA(PSA_ALG_SHA_256)
#define DET_P256 PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256)

static psa_key_id_t make_key(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                             psa_algorithm_t alg)
{
    psa_key_attributes_t a = ct_attrs(type, bits, usage, alg);
    psa_key_id_t id = 0;
    CHECK_STATUS(psa_generate_key(&a, &id), PSA_SUCCESS);
    return id;
}

/* Runs complete until it stops returning INCOMPLETE; returns the last status
 * and the number of INCOMPLETE results. */
static psa_status_t sign_all(psa_sign_hash_interruptible_operation_t *op, uint8_t *sig,
                             size_t size, size_t *len, int *incomplete)
{
    psa_status_t st;
    *incomplete = 0;
    while ((st = psa_sign_hash_complete(op, sig, size, len)) == PSA_OPERATION_INCOMPLETE) {
        (*incomplete)++;
        if (*incomplete > 1000) {
            break;
        }
    }
    return st;
}

int main(void)
{
    uint8_t hash[32], sig[PSA_SIGNATURE_MAX_SIZE], sig2[PSA_SIGNATURE_MAX_SIZE];
    uint8_t pub[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE], pub2[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t sig_len = 0, sig2_len = 0, pub_len = 0, pub2_len = 0;
    psa_sign_hash_interruptible_operation_t sop = PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT;
    psa_verify_hash_interruptible_operation_t vop = psa_verify_hash_interruptible_operation_init();
    psa_key_id_t key, det, pub_only, ed, hmac, rsa_bad = 0x3ffffff1;
    int incomplete = 0;
    psa_key_attributes_t a;
    uint64_t seed = 42;

    ct_rand_fill(&seed, hash, sizeof(hash));

    /* max_ops: UNLIMITED by default; any value round-trips (even before init). */
    CHECK(psa_interruptible_get_max_ops() == PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
    psa_interruptible_set_max_ops(5);
    CHECK(psa_interruptible_get_max_ops() == 5);
    psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 0);
    CHECK(psa_verify_hash_get_num_ops(&vop) == 0);
    CHECK(psa_sign_hash_get_num_ops(NULL) == 0);

    /* Before init. */
    CHECK_STATUS(psa_sign_hash_start(&sop, 1, ECDSA_P256, hash, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_abort(&vop), PSA_SUCCESS);

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    key = make_key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                   PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, ECDSA_P256);
    det = make_key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                   PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, DET_P256);
    ed = make_key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255,
                  PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_ED25519PH);
    hmac = make_key(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_export_public_key(key, pub, sizeof(pub), &pub_len), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0,
                 PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, ECDSA_P256);
    CHECK_STATUS(psa_import_key(&a, pub, pub_len, &pub_only), PSA_SUCCESS);

    /* Unlimited: the first complete does it all; num_ops is the cost (32). */
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_SUCCESS);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 0);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_SUCCESS);
    CHECK(sig_len == 64);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 32);
    CHECK_STATUS(psa_verify_hash(key, ECDSA_P256, hash, 32, sig, sig_len), PSA_SUCCESS);
    /* Completed: inactive (complete is BAD_STATE), the count stays until abort;
     * a new start is allowed. */
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_BAD_STATE);
    CHECK(sig_len == 0);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 32);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 0);

    /* max_ops 10: INCOMPLETE at 10, 20, 30 ops, done by the fourth call. */
    psa_interruptible_set_max_ops(10);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_OPERATION_INCOMPLETE);
    CHECK(sig_len == 0);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 10);
    CHECK_STATUS(sign_all(&sop, sig, sizeof(sig), &sig_len, &incomplete), PSA_SUCCESS);
    CHECK(incomplete == 2);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 32);
    CHECK_STATUS(psa_verify_hash(key, ECDSA_P256, hash, 32, sig, sig_len), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);

    /* max_ops 0 is the least work per call (one op): 31 INCOMPLETE results. */
    psa_interruptible_set_max_ops(0);
    CHECK_STATUS(psa_sign_hash_start(&sop, det, DET_P256, hash, 32), PSA_SUCCESS);
    CHECK_STATUS(sign_all(&sop, sig, sizeof(sig), &sig_len, &incomplete), PSA_SUCCESS);
    CHECK(incomplete == 31);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 32);
    /* Deterministic ECDSA: the same signature as the one-shot call. */
    CHECK_STATUS(psa_sign_hash(det, DET_P256, hash, 32, sig2, sizeof(sig2), &sig2_len), PSA_SUCCESS);
    CHECK_MEM(sig, sig_len, sig2, sig2_len);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);

    /* Abort in the middle: the count resets, the operation is gone. */
    psa_interruptible_set_max_ops(4);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_OPERATION_INCOMPLETE);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 4);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK(psa_sign_hash_get_num_ops(&sop) == 0);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_BAD_STATE);
    psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);

    /* Interruptible verification, in steps and at once. */
    CHECK_STATUS(psa_sign_hash(key, ECDSA_P256, hash, 32, sig, sizeof(sig), &sig_len), PSA_SUCCESS);
    psa_interruptible_set_max_ops(16);
    CHECK_STATUS(psa_verify_hash_start(&vop, pub_only, ECDSA_P256, hash, 32, sig, sig_len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_OPERATION_INCOMPLETE);
    CHECK(psa_verify_hash_get_num_ops(&vop) == 16);
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_SUCCESS);
    CHECK(psa_verify_hash_get_num_ops(&vop) == 32);
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_hash_abort(&vop), PSA_SUCCESS);
    psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
    sig[5] ^= 1;
    CHECK_STATUS(psa_verify_hash_start(&vop, key, ECDSA_P256, hash, 32, sig, sig_len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_ERROR_INVALID_SIGNATURE);
    /* A failed complete leaves the error state: BAD_STATE until abort. */
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_hash_start(&vop, key, ECDSA_P256, hash, 32, sig, sig_len),
                 PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_hash_abort(&vop), PSA_SUCCESS);
    sig[5] ^= 1;
    CHECK_STATUS(psa_verify_hash_start(&vop, key, ECDSA_P256, hash, 32, sig, sig_len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_complete(&vop), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_abort(&vop), PSA_SUCCESS);

    /* Start errors (each leaves the error state, as in Mbed TLS). */
    CHECK_STATUS(psa_sign_hash_start(NULL, key, ECDSA_P256, hash, 32), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, NULL, 32), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_start(&sop, rsa_bad, ECDSA_P256, hash, 32), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, PSA_ALG_HMAC(PSA_ALG_SHA_256), hash, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), hash, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, PSA_ALG_ECDSA(PSA_ALG_SHA_384), hash, 32),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, pub_only, ECDSA_P256, hash, 32), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, ed, PSA_ALG_ED25519PH, hash, 64), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256), hash, 32),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_start(&vop, ed, PSA_ALG_ED25519PH, hash, 64, sig, 64),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_verify_hash_abort(&vop), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash_start(&vop, key, ECDSA_P256, hash, 32, NULL, 64),
                 PSA_ERROR_INVALID_ARGUMENT);

    /* Complete errors: a small buffer fails and leaves the error state; the
     * hash length is checked by the signature itself. */
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, 10, &sig_len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 31), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_SUCCESS);

    /* A garbage object is never trusted. */
    memset(&sop, 0x77, sizeof(sop));
    CHECK_STATUS(psa_sign_hash_start(&sop, key, ECDSA_P256, hash, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_complete(&sop, sig, sizeof(sig), &sig_len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_hash_abort(&sop), PSA_ERROR_BAD_STATE);
    memset(&sop, 0, sizeof(sop));

    /* TF-PSA-Crypto: interruptible key generation. */
    {
        psa_generate_key_iop_t gop = PSA_GENERATE_KEY_IOP_INIT;
        psa_key_id_t gk = 99;
        psa_key_attributes_t ga = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 384,
                                           PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_ECDSA(PSA_ALG_SHA_384));
        psa_key_attributes_t got = psa_key_attributes_init();
        psa_interruptible_set_max_ops(30);
        CHECK(psa_generate_key_iop_get_num_ops(&gop) == 0);
        CHECK_STATUS(psa_generate_key_iop_setup(&gop, &ga), PSA_SUCCESS);
        CHECK_STATUS(psa_generate_key_iop_complete(&gop, &gk), PSA_OPERATION_INCOMPLETE);
        CHECK(gk == PSA_KEY_ID_NULL);
        CHECK(psa_generate_key_iop_get_num_ops(&gop) == 30);
        CHECK_STATUS(psa_generate_key_iop_complete(&gop, &gk), PSA_SUCCESS);
        CHECK(psa_generate_key_iop_get_num_ops(&gop) == 48);
        CHECK_STATUS(psa_get_key_attributes(gk, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == 384);
        CHECK_STATUS(psa_sign_hash(gk, PSA_ALG_ECDSA(PSA_ALG_SHA_384), sig, 48, sig2, sizeof(sig2),
                                   &sig2_len),
                     PSA_SUCCESS);
        CHECK(sig2_len == 96);
        CHECK_STATUS(psa_generate_key_iop_abort(&gop), PSA_SUCCESS);
        CHECK(psa_generate_key_iop_get_num_ops(&gop) == 0);
        psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
        ga = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, PSA_KEY_USAGE_SIGN_HASH, 0);
        CHECK_STATUS(psa_generate_key_iop_setup(&gop, &ga), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_generate_key_iop_abort(&gop), PSA_SUCCESS);
        CHECK_STATUS(psa_generate_key_iop_setup(&gop, NULL), PSA_ERROR_INVALID_ARGUMENT);
        /* Invalid ECC attributes are found when the key is made. */
        ga = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 257, PSA_KEY_USAGE_SIGN_HASH, 0);
        CHECK_STATUS(psa_generate_key_iop_setup(&gop, &ga), PSA_SUCCESS);
        CHECK_STATUS2(psa_generate_key_iop_complete(&gop, &gk), PSA_ERROR_NOT_SUPPORTED,
                      PSA_ERROR_INVALID_ARGUMENT);
        CHECK(gk == PSA_KEY_ID_NULL);
        CHECK_STATUS(psa_generate_key_iop_complete(&gop, NULL), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_generate_key_iop_abort(&gop), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(psa_get_key_id(&got)), PSA_SUCCESS); /* the generated key */
    }

    /* TF-PSA-Crypto: interruptible public-key export. */
    {
        psa_export_public_key_iop_t eop = psa_export_public_key_iop_init();
        psa_interruptible_set_max_ops(31);
        CHECK_STATUS(psa_export_public_key_iop_setup(&eop, key), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key_iop_complete(&eop, pub2, sizeof(pub2), &pub2_len),
                     PSA_OPERATION_INCOMPLETE);
        CHECK(pub2_len == 0);
        CHECK_STATUS(psa_export_public_key_iop_complete(&eop, pub2, sizeof(pub2), &pub2_len),
                     PSA_SUCCESS);
        CHECK_MEM(pub2, pub2_len, pub, pub_len);
        CHECK(psa_export_public_key_iop_get_num_ops(&eop) == 32);
        CHECK_STATUS(psa_export_public_key_iop_abort(&eop), PSA_SUCCESS);
        psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
        CHECK_STATUS(psa_export_public_key_iop_setup(&eop, hmac), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_export_public_key_iop_abort(&eop), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key_iop_setup(&eop, rsa_bad), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_export_public_key_iop_abort(&eop), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key_iop_setup(&eop, pub_only), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key_iop_complete(&eop, pub2, 10, &pub2_len),
                     PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_export_public_key_iop_abort(&eop), PSA_SUCCESS);
    }

    /* TF-PSA-Crypto: interruptible key agreement, against psa_raw_key_agreement. */
    {
        psa_key_agreement_iop_t kop = PSA_KEY_AGREEMENT_IOP_INIT;
        psa_key_id_t mine = make_key(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                     PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
        psa_key_id_t shared = 0;
        uint8_t raw[32], got[32];
        size_t raw_len = 0, got_len = 0;
        psa_key_attributes_t sa = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, mine, pub, pub_len, raw, sizeof(raw), &raw_len),
                     PSA_SUCCESS);
        psa_interruptible_set_max_ops(20);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, pub, pub_len, PSA_ALG_ECDH, &sa),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_key_agreement_iop_complete(&kop, &shared), PSA_OPERATION_INCOMPLETE);
        CHECK_STATUS(psa_key_agreement_iop_complete(&kop, &shared), PSA_SUCCESS);
        CHECK(psa_key_agreement_iop_get_num_ops(&kop) == 32);
        CHECK_STATUS(psa_export_key(shared, got, sizeof(got), &got_len), PSA_SUCCESS);
        CHECK_MEM(got, got_len, raw, raw_len);
        CHECK_STATUS(psa_key_agreement_iop_abort(&kop), PSA_SUCCESS);
        psa_interruptible_set_max_ops(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, pub, pub_len, PSA_ALG_HKDF(PSA_ALG_SHA_256), &sa),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_agreement_iop_abort(&kop), PSA_SUCCESS);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, pub, pub_len, PSA_ALG_FFDH, &sa),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_agreement_iop_abort(&kop), PSA_SUCCESS);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, key, pub, pub_len, PSA_ALG_ECDH, &sa),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_key_agreement_iop_abort(&kop), PSA_SUCCESS);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, NULL, 65, PSA_ALG_ECDH, &sa),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, pub, pub_len, PSA_ALG_ECDH, NULL),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* A bad peer key is found by the agreement itself. */
        CHECK_STATUS(psa_key_agreement_iop_setup(&kop, mine, pub, 10, PSA_ALG_ECDH, &sa), PSA_SUCCESS);
        CHECK_STATUS(psa_key_agreement_iop_complete(&kop, &shared), PSA_ERROR_INVALID_ARGUMENT);
        CHECK(shared == PSA_KEY_ID_NULL);
        CHECK_STATUS(psa_key_agreement_iop_abort(&kop), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(mine), PSA_SUCCESS);
    }

    CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(det), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pub_only), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(ed), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(hmac), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    return report();
}
