/* ctests/test_sign_multipart.c - multi-part signature operations (PSA Crypto API 1.5).
 *
 *   algorithms  for RSA PKCS#1 v1.5 and PSS, randomized and deterministic ECDSA
 *               (P-256, P-384, secp256k1), Ed25519ph and Ed448ph: a message fed in
 *               fragments of many sizes (empty ones too) signs to what
 *               psa_sign_message gives (byte for byte for the deterministic
 *               schemes), verifies with the one-shot and the multi-part verify,
 *               and any changed byte of message or signature is INVALID_SIGNATURE.
 *               PureEdDSA verifies multi-part, and cannot sign multi-part.
 *   relaxation  randomized and deterministic ECDSA are the same policy for
 *               verification (one-shot message and hash, multi-part), not for
 *               signing.
 *   errors      every function's statuses: before init, NULL objects, every setup
 *               check, contexts, the sequence rules (set_context only first,
 *               finish ends the operation, errors end it), a too small buffer,
 *               destroy while active, the operation-object rules (zeroed inactive,
 *               other kind, stale copy, setup on an active object).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static uint8_t msg[3000];
static uint8_t sig[PSA_SIGNATURE_MAX_SIZE], sig2[PSA_SIGNATURE_MAX_SIZE];

static const size_t chunks[] = {0, 1, 7, 64, 0, 129, 1000, 3};

/* Signs msg[0..len) through a multi-part operation in the fragment pattern above. */
static psa_status_t sign_parts(psa_key_id_t k, psa_algorithm_t alg, size_t len, uint8_t *out,
                               size_t size, size_t *out_len)
{
    psa_sign_operation_t op = PSA_SIGN_OPERATION_INIT;
    size_t off = 0, i = 0;
    psa_status_t st = psa_sign_setup(&op, k, alg);
    if (st != PSA_SUCCESS)
        return st;
    while (off < len) {
        size_t n = chunks[i++ % (sizeof chunks / sizeof chunks[0])];
        if (n > len - off)
            n = len - off;
        st = psa_sign_update(&op, msg + off, n);
        if (st != PSA_SUCCESS) {
            psa_sign_abort(&op);
            return st;
        }
        off += n;
    }
    st = psa_sign_finish(&op, out, size, out_len);
    psa_sign_abort(&op);
    return st;
}

static psa_status_t verify_parts(psa_key_id_t k, psa_algorithm_t alg, size_t len, const uint8_t *s,
                                 size_t s_len)
{
    psa_verify_operation_t op = PSA_VERIFY_OPERATION_INIT;
    size_t off = 0, i = 3;
    psa_status_t st = psa_verify_setup(&op, k, alg, s, s_len);
    if (st != PSA_SUCCESS)
        return st;
    st = psa_verify_set_context(&op, NULL, 0);
    while (st == PSA_SUCCESS && off < len) {
        size_t n = chunks[i++ % (sizeof chunks / sizeof chunks[0])];
        if (n > len - off)
            n = len - off;
        st = psa_verify_update(&op, msg + off, n);
        off += n;
    }
    if (st == PSA_SUCCESS)
        st = psa_verify_finish(&op);
    psa_verify_abort(&op);
    return st;
}

static void exercise(const char *name, psa_key_type_t t, size_t bits, psa_algorithm_t alg,
                     int deterministic)
{
    psa_key_attributes_t a = ct_attrs(t, bits,
                                      PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg);
    psa_key_id_t k = 0, pub = 0;
    size_t n = 0, m = 0, len, plen = 0;
    static uint8_t pk[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    if (!CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
        FAIL("%s: no key", name);
        return;
    }
    CHECK_STATUS(psa_export_public_key(k, pk, sizeof pk, &plen), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t), PSA_KEY_USAGE_VERIFY_MESSAGE, alg,
                           pk, plen, &pub),
                 PSA_SUCCESS);
    for (len = 0; len <= sizeof msg; len += len < 200 ? 67 : 1400) {
        if (!CHECK_STATUS(sign_parts(k, alg, len, sig, sizeof sig, &n), PSA_SUCCESS)) {
            FAIL("%s: multi-part sign of %zu bytes", name, len);
            continue;
        }
        CHECK(n <= PSA_SIGN_OUTPUT_SIZE(t, bits, alg));
        CHECK_STATUS(psa_verify_message(pub, alg, msg, len, sig, n), PSA_SUCCESS);
        CHECK_STATUS(verify_parts(pub, alg, len, sig, n), PSA_SUCCESS);
        CHECK_STATUS(verify_parts(k, alg, len, sig, n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_message(k, alg, msg, len, sig2, sizeof sig2, &m), PSA_SUCCESS);
        if (deterministic)
            CHECK_MEM(sig, n, sig2, m);
        CHECK_STATUS(verify_parts(pub, alg, len, sig2, m), PSA_SUCCESS);
        /* a changed signature, a changed message, a shorter signature */
        sig[n / 2] ^= 0x10;
        CHECK_STATUS(verify_parts(pub, alg, len, sig, n), PSA_ERROR_INVALID_SIGNATURE);
        sig[n / 2] ^= 0x10;
        if (len > 0) {
            msg[len - 1] ^= 1;
            CHECK_STATUS(verify_parts(pub, alg, len, sig, n), PSA_ERROR_INVALID_SIGNATURE);
            msg[len - 1] ^= 1;
        }
        CHECK_STATUS(verify_parts(pub, alg, len, sig, n - 1), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(verify_parts(pub, alg, len, sig, 0), PSA_ERROR_INVALID_SIGNATURE);
    }
    psa_destroy_key(k);
    psa_destroy_key(pub);
}

static void test_algorithms(void)
{
    psa_key_type_t r1 = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    psa_key_type_t ed = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS);
    exercise("ECDSA P-256", r1, 256, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0);
    exercise("det ECDSA P-384", r1, 384, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_384), 1);
    exercise("det ECDSA P-256 SHA3", r1, 256, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA3_256), 1);
    exercise("ECDSA secp256k1", PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1), 256,
             PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0);
    exercise("RSA PKCS#1 v1.5", PSA_KEY_TYPE_RSA_KEY_PAIR, 1024,
             PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 1);
    exercise("RSA PSS", PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, PSA_ALG_RSA_PSS(PSA_ALG_SHA_384), 0);
    exercise("RSA PSS any salt", PSA_KEY_TYPE_RSA_KEY_PAIR, 1024,
             PSA_ALG_RSA_PSS_ANY_SALT(PSA_ALG_SHA_256), 0);
    exercise("Ed25519ph", ed, 255, PSA_ALG_ED25519PH, 1);
    exercise("Ed448ph", ed, 448, PSA_ALG_ED448PH, 1);

    /* PureEdDSA: multi-part verification only */
    {
        psa_key_attributes_t a = ct_attrs(ed, 255, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                                          PSA_ALG_PURE_EDDSA);
        psa_key_id_t k = 0;
        psa_sign_operation_t op = PSA_SIGN_OPERATION_INIT;
        size_t n = 0;
        if (CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
            CHECK_STATUS(psa_sign_setup(&op, k, PSA_ALG_PURE_EDDSA), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, msg, 1500, sig, sizeof sig, &n),
                         PSA_SUCCESS);
            CHECK_STATUS(verify_parts(k, PSA_ALG_PURE_EDDSA, 1500, sig, n), PSA_SUCCESS);
            msg[10] ^= 1;
            CHECK_STATUS(verify_parts(k, PSA_ALG_PURE_EDDSA, 1500, sig, n), PSA_ERROR_INVALID_SIGNATURE);
            msg[10] ^= 1;
            CHECK_STATUS(verify_parts(k, PSA_ALG_PURE_EDDSA, 1499, sig, n), PSA_ERROR_INVALID_SIGNATURE);
            psa_destroy_key(k);
        }
    }
}

static void test_relaxation(void)
{
    psa_algorithm_t r = PSA_ALG_ECDSA(PSA_ALG_SHA_256), d = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, r);
    psa_key_id_t kr = 0, kd = 0;
    uint8_t hash[32];
    size_t n = 0, hl = 0;
    psa_sign_operation_t op = PSA_SIGN_OPERATION_INIT;
    CHECK_STATUS(psa_generate_key(&a, &kr), PSA_SUCCESS);
    psa_set_key_algorithm(&a, d);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_EXPORT);
    {
        uint8_t priv[32];
        size_t pl = 0;
        psa_key_attributes_t e = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                          PSA_KEY_USAGE_EXPORT, 0);
        psa_key_id_t tmp = 0;
        CHECK_STATUS(psa_generate_key(&e, &tmp), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(tmp, priv, sizeof priv, &pl), PSA_SUCCESS);
        psa_destroy_key(tmp);
        psa_destroy_key(kr);
        /* the same key twice: one with a randomized, one with a deterministic policy */
        psa_set_key_algorithm(&a, r);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH);
        CHECK_STATUS(psa_import_key(&a, priv, pl, &kr), PSA_SUCCESS);
        psa_set_key_algorithm(&a, d);
        CHECK_STATUS(psa_import_key(&a, priv, pl, &kd), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, msg, 100, hash, sizeof hash, &hl), PSA_SUCCESS);
    /* a randomized signature verified under the deterministic policy, and back */
    CHECK_STATUS(psa_sign_message(kr, r, msg, 100, sig, sizeof sig, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(kd, r, msg, 100, sig, n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(kd, r, hash, hl, sig, n), PSA_SUCCESS);
    CHECK_STATUS(verify_parts(kd, r, 100, sig, n), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(kd, d, msg, 100, sig, sizeof sig, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(kr, d, msg, 100, sig, n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(kr, d, hash, hl, sig, n), PSA_SUCCESS);
    CHECK_STATUS(verify_parts(kr, d, 100, sig, n), PSA_SUCCESS);
    /* not for signing */
    CHECK_STATUS(psa_sign_message(kr, d, msg, 100, sig, sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_hash(kd, r, hash, hl, sig, sizeof sig, &n), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_setup(&op, kd, r), PSA_ERROR_NOT_PERMITTED);
    /* nor for another hash */
    CHECK_STATUS(psa_verify_message(kr, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_384), msg, 100, sig, n),
                 PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(kr);
    psa_destroy_key(kd);
}

static void test_errors(void)
{
    psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    psa_key_type_t t = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    psa_key_attributes_t a = ct_attrs(t, 256, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                                                  PSA_KEY_USAGE_EXPORT, alg);
    psa_key_id_t k = 0, any = 0, pub = 0, nouse = 0, rsa = 0, aes = 0;
    psa_sign_operation_t op = PSA_SIGN_OPERATION_INIT, copy;
    psa_verify_operation_t vop = PSA_VERIFY_OPERATION_INIT, vcopy;
    size_t n = 0, plen = 0;
    static uint8_t pk[200];
    static const uint8_t k16[16] = {1};
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    psa_set_key_algorithm(&a, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH));
    CHECK_STATUS(psa_generate_key(&a, &any), PSA_SUCCESS);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_HASH & 0); /* no usage */
    psa_set_key_algorithm(&a, alg);
    CHECK_STATUS(psa_generate_key(&a, &nouse), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(k, pk, sizeof pk, &plen), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1),
                           PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, pk, plen, &pub),
                 PSA_SUCCESS);
    {
        psa_key_attributes_t r = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024,
                                          PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg);
        CHECK_STATUS(psa_generate_key(&r, &rsa), PSA_SUCCESS);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                               alg, k16, 16, &aes),
                     PSA_SUCCESS);
    }

    /* NULL objects */
    CHECK_STATUS(psa_sign_setup(NULL, k, alg), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_set_context(NULL, NULL, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_update(NULL, msg, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_finish(NULL, sig, sizeof sig, &n), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_abort(NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_setup(NULL, k, alg, sig, 64), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_set_context(NULL, NULL, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_update(NULL, msg, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_finish(NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_abort(NULL), PSA_SUCCESS);

    /* an inactive (zeroed) object */
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_set_context(&op, NULL, 0), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_finish(&op, sig, sizeof sig, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_update(&vop, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_finish(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_abort(&vop), PSA_SUCCESS);
    {
        psa_sign_operation_t i1 = psa_sign_operation_init();
        psa_verify_operation_t i2 = psa_verify_operation_init();
        static const uint8_t zero[sizeof(psa_sign_operation_t)];
        CHECK(memcmp(&i1, zero, sizeof i1) == 0 && memcmp(&i2, zero, sizeof i2) == 0);
    }

    /* setup checks, in order */
#define SETUP(key, a_, expect)                                                                \
    do {                                                                                      \
        psa_sign_operation_t o_ = PSA_SIGN_OPERATION_INIT;                                    \
        static const uint8_t z_[sizeof(psa_sign_operation_t)];                                \
        CHECK_STATUS(psa_sign_setup(&o_, (key), (a_)), (expect));                             \
        if ((expect) != PSA_SUCCESS)                                                          \
            CHECK(memcmp(&o_, z_, sizeof o_) == 0);                                           \
        psa_sign_abort(&o_);                                                                  \
    } while (0)
    SETUP(k, alg, PSA_SUCCESS);
    SETUP(k, PSA_ALG_SHA_256, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(k, PSA_ALG_NONE, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(k, PSA_ALG_ECDSA_ANY, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(k, PSA_ALG_RSA_PKCS1V15_SIGN_RAW, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(0, alg, PSA_ERROR_INVALID_HANDLE);
    SETUP(0x3ffffff1, alg, PSA_ERROR_INVALID_HANDLE);
    SETUP(nouse, alg, PSA_ERROR_NOT_PERMITTED);
    SETUP(k, PSA_ALG_ECDSA(PSA_ALG_SHA_384), PSA_ERROR_NOT_PERMITTED);
    SETUP(any, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), PSA_ERROR_INVALID_ARGUMENT);
    SETUP(any, PSA_ALG_ECDSA(PSA_ALG_SHA_512), PSA_SUCCESS);
    SETUP(any, PSA_ALG_ECDSA(PSA_ALG_MD5), PSA_ERROR_NOT_SUPPORTED);
    SETUP(pub, alg, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(rsa, alg, PSA_ERROR_INVALID_ARGUMENT);
    SETUP(aes, alg, PSA_ERROR_INVALID_ARGUMENT);
#undef SETUP
    {
        psa_verify_operation_t o = PSA_VERIFY_OPERATION_INIT;
        CHECK_STATUS(psa_verify_setup(&o, pub, alg, sig, 64), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_abort(&o), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_setup(&o, aes, alg, sig, 64), PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_verify_setup(&o, rsa, alg, sig, 64), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_verify_setup(&o, nouse, alg, sig, 64), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_verify_setup(&o, k, alg, NULL, 64), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_verify_setup(&o, k, alg, NULL, 0), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_finish(&o), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_verify_finish(&o), PSA_ERROR_BAD_STATE);
    }

    /* setup on an active object: BAD_STATE, and the operation is aborted */
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);

    /* contexts: empty is fine once, first; anything else ends the operation */
    CHECK_STATUS(psa_sign_set_context(&op, msg, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_set_context(&op, NULL, 0), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_set_context(&op, msg, 5), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_set_context(&op, NULL, 0), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_finish(&op, sig, sizeof sig, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_set_context(&op, NULL, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_setup(&vop, k, alg, sig, 64), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_set_context(&vop, msg, 3), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_finish(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_abort(&vop), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, NULL, 1), PSA_ERROR_INVALID_ARGUMENT);

    /* finish: NULL length, a too small buffer (the operation ends), success ends it */
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, NULL, 0), PSA_SUCCESS);
    n = 99;
    CHECK_STATUS(psa_sign_finish(&op, sig, PSA_SIGN_OUTPUT_SIZE(t, 256, alg) - 1, &n),
                 PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(n == 0);
    CHECK_STATUS(psa_sign_finish(&op, sig, sizeof sig, &n), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_finish(&op, sig, sizeof sig, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_finish(&op, sig, sizeof sig, &n), PSA_SUCCESS);
    CHECK(n == 64);
    CHECK_STATUS(psa_verify_message(k, alg, msg, 10, sig, n), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    /* the signature given to psa_verify_setup may be overwritten after the call */
    CHECK_STATUS(psa_verify_setup(&vop, k, alg, sig, n), PSA_SUCCESS);
    memcpy(sig2, sig, n);
    memset(sig, 0, n);
    CHECK_STATUS(psa_verify_update(&vop, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_finish(&vop), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_update(&vop, msg, 1), PSA_ERROR_BAD_STATE);
    memcpy(sig, sig2, n);

    /* object rules: another kind, a stale copy, a moved object */
    CHECK_STATUS(psa_sign_setup(&op, k, alg), PSA_SUCCESS);
    memcpy(&vcopy, &op, sizeof vcopy);
    CHECK_STATUS(psa_verify_update(&vcopy, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_finish(&vcopy), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_abort(&vcopy), PSA_ERROR_BAD_STATE);
    {
        psa_hash_operation_t h;
        memcpy(&h, &op, sizeof h);
        CHECK_STATUS(psa_hash_update(&h, msg, 1), PSA_ERROR_BAD_STATE);
    }
    memcpy(&copy, &op, sizeof copy);
    CHECK_STATUS(psa_sign_update(&op, msg, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&copy, msg, 5), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_finish(&copy, sig, sizeof sig, &n), PSA_ERROR_BAD_STATE);
    memcpy(&copy, &op, sizeof copy); /* a move: the new home keeps working */
    CHECK_STATUS(psa_sign_update(&copy, msg + 5, 5), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_update(&op, msg, 5), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_finish(&copy, sig, sizeof sig, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(k, alg, msg, 10, sig, n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_setup(&vop, k, alg, sig, n), PSA_SUCCESS);
    memcpy(&vcopy, &vop, sizeof vcopy);
    CHECK_STATUS(psa_verify_update(&vcopy, msg, 10), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_finish(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_finish(&vcopy), PSA_SUCCESS);
    {
        psa_sign_operation_t garbage;
        memset(&garbage, 0x5a, sizeof garbage);
        CHECK_STATUS(psa_sign_update(&garbage, msg, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&garbage), PSA_ERROR_BAD_STATE);
    }

    /* destroy while active: the operation's copy of the key is revoked */
    {
        psa_key_id_t k2 = 0;
        size_t el = 0;
        static uint8_t priv[32];
        CHECK_STATUS(psa_export_key(k, priv, sizeof priv, &el), PSA_SUCCESS);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
        CHECK_STATUS(psa_import_key(&a, priv, el, &k2), PSA_SUCCESS);
        /* op and vop are stale copies by now: they refuse a setup until reset */
        CHECK_STATUS(psa_sign_setup(&op, k2, alg), PSA_ERROR_BAD_STATE);
        op = psa_sign_operation_init();
        vop = psa_verify_operation_init();
        CHECK_STATUS(psa_sign_setup(&op, k2, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_setup(&vop, k2, alg, sig, n), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&op, msg, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&op, msg, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_finish(&op, sig2, sizeof sig2, &el), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_update(&vop, msg, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_finish(&vop), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_verify_abort(&vop), PSA_SUCCESS);
    }
    psa_destroy_key(k);
    psa_destroy_key(any);
    psa_destroy_key(pub);
    psa_destroy_key(nouse);
    psa_destroy_key(rsa);
    psa_destroy_key(aes);
}

int main(void)
{
    psa_sign_operation_t op = PSA_SIGN_OPERATION_INIT;
    psa_verify_operation_t vop = PSA_VERIFY_OPERATION_INIT;
    size_t i;
    for (i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7 + 3);
    CHECK_STATUS(psa_sign_setup(&op, 1, PSA_ALG_ECDSA(PSA_ALG_SHA_256)), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_setup(&vop, 1, PSA_ALG_ECDSA(PSA_ALG_SHA_256), sig, 64), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_verify_finish(&vop), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_abort(&vop), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_algorithms();
    test_relaxation();
    test_errors();
    /* live operations at mbedtls_psa_crypto_free are ended with the library */
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                          PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_ECDSA(PSA_ALG_SHA_256));
        psa_key_id_t k = 0;
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_setup(&op, k, PSA_ALG_ECDSA(PSA_ALG_SHA_256)), PSA_SUCCESS);
        mbedtls_psa_crypto_free();
        CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_update(&op, msg, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&op), PSA_SUCCESS);
    }
    mbedtls_psa_crypto_free();
    return report();
}
