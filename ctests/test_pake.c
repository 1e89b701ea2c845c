/* test_pake.c: the PAKE protocols through the C API (PSA Crypto API 1.3
 * chapter 10.12): J-PAKE on P-256 between two operations (both orders of each
 * round), the TLS 1.2 pre-master secret, wrong passwords, tampered proofs and
 * wrong identities; SPAKE2+ (HMAC, CMAC, Matter) from a PBKDF2-derived key pair
 * and its exported registration record, the RFC 9383 key formats, key
 * confirmation failures; every step's error paths; the password key destroyed
 * mid-exchange; stale copies. (Known answers of the protocols: the Rust unit
 * tests in src/crypto/pake; interoperability with Mbed TLS: tests/pake_interop.) */
#include <string.h>

#include "common.h"

static const psa_pake_primitive_t P256 =
    PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256);
static const psa_pake_step_t JSTEPS[3] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC,
                                           PSA_PAKE_STEP_ZK_PROOF };

static int all_inactive(const psa_pake_operation_t *op)
{
    const unsigned char *b = (const unsigned char *)op;
    size_t i;
    for (i = 0; i < sizeof(*op); i++) {
        if (b[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static psa_key_id_t password(const char *pw, psa_algorithm_t alg)
{
    psa_key_id_t k = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_PASSWORD, 0, PSA_KEY_USAGE_DERIVE, alg);
    CHECK_STATUS(psa_import_key(&a, (const uint8_t *)pw, strlen(pw), &k), PSA_SUCCESS);
    return k;
}

static psa_pake_cipher_suite_t suite(psa_algorithm_t alg, uint32_t confirm)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_cs_set_algorithm(&cs, alg);
    psa_pake_cs_set_primitive(&cs, P256);
    psa_pake_cs_set_key_confirmation(&cs, confirm);
    return cs;
}

static int jpake_start(psa_pake_operation_t *op, psa_key_id_t pw, const char *user, const char *peer)
{
    psa_pake_cipher_suite_t cs = suite(PSA_ALG_JPAKE(PSA_ALG_SHA_256), PSA_PAKE_UNCONFIRMED_KEY);
    *op = psa_pake_operation_init();
    return CHECK_STATUS(psa_pake_setup(op, pw, &cs), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_user(op, (const uint8_t *)user, strlen(user)), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_peer(op, (const uint8_t *)peer, strlen(peer)), PSA_SUCCESS);
}

/* Moves `shares` shares (3 steps each) from `from` to `to`. Returns the first
 * failing input status (the exchange stops there). `tamper`: flip a bit of
 * the first ZK_PROOF. */
static psa_status_t jpake_send(psa_pake_operation_t *from, psa_pake_operation_t *to, int shares, int tamper)
{
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len = 0;
    int i, j;
    for (i = 0; i < shares; i++) {
        for (j = 0; j < 3; j++) {
            psa_status_t st;
            if (!CHECK_STATUS(psa_pake_output(from, JSTEPS[j], buf, sizeof(buf), &len), PSA_SUCCESS)) {
                return PSA_ERROR_GENERIC_ERROR;
            }
            CHECK(len == PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), P256, JSTEPS[j]));
            if (tamper && j == 2) {
                buf[len - 1] ^= 1;
                tamper = 0;
            }
            st = psa_pake_input(to, JSTEPS[j], buf, len);
            if (st != PSA_SUCCESS) {
                return st;
            }
        }
    }
    return PSA_SUCCESS;
}

/* The TLS 1.2 PMS from a finished J-PAKE operation, by the 1.3 route
 * (psa_pake_get_shared_key then a key derivation from the key). */
static int jpake_pms(psa_pake_operation_t *op, uint8_t pms[32])
{
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t k = 0;
    int ok = CHECK_STATUS(psa_pake_get_shared_key(op, &a, &k), PSA_SUCCESS);
    ok = ok && CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS), PSA_SUCCESS);
    ok = ok && CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, k), PSA_SUCCESS);
    ok = ok && CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, pms, 32), PSA_SUCCESS);
    /* The capacity is exactly the 32-byte PMS. */
    ok = ok && CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, pms + 31, 1), PSA_ERROR_INSUFFICIENT_DATA);
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(k);
    return ok;
}

static void jpake_exchange(void)
{
    psa_algorithm_t alg = PSA_ALG_JPAKE(PSA_ALG_SHA_256);
    psa_key_id_t pw = password("threadjpaketest", alg);
    psa_key_id_t other = password("threadjpaketesu", alg);
    psa_pake_operation_t a, b;
    uint8_t pa[32], pb[32];
    int order;

    for (order = 0; order < 2; order++) {
        if (!jpake_start(&a, pw, "client", "server") || !jpake_start(&b, pw, "server", "client")) {
            return;
        }
        if (order == 0) { /* a's outputs first in both rounds */
            CHECK_STATUS(jpake_send(&a, &b, 2, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&b, &a, 2, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&a, &b, 1, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&b, &a, 1, 0), PSA_SUCCESS);
        } else { /* b first in round one, a first in round two */
            CHECK_STATUS(jpake_send(&b, &a, 2, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&a, &b, 2, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&b, &a, 1, 0), PSA_SUCCESS);
            CHECK_STATUS(jpake_send(&a, &b, 1, 0), PSA_SUCCESS);
        }
        if (jpake_pms(&a, pa) && jpake_pms(&b, pb)) {
            CHECK_MEM(pa, 32, pb, 32);
        }
        /* get_shared_key ended the operations. */
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_SHARE, pa, sizeof(pa), &(size_t){ 0 }),
                     PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }

    /* Wrong password: both sides finish (J-PAKE has no confirmation), with
     * different secrets. */
    if (jpake_start(&a, pw, "client", "server") && jpake_start(&b, other, "server", "client")) {
        CHECK_STATUS(jpake_send(&a, &b, 2, 0), PSA_SUCCESS);
        CHECK_STATUS(jpake_send(&b, &a, 2, 0), PSA_SUCCESS);
        CHECK_STATUS(jpake_send(&a, &b, 1, 0), PSA_SUCCESS);
        CHECK_STATUS(jpake_send(&b, &a, 1, 0), PSA_SUCCESS);
        if (jpake_pms(&a, pa) && jpake_pms(&b, pb)) {
            CHECK(memcmp(pa, pb, 32) != 0);
        }
    }

    /* A tampered proof: INVALID_SIGNATURE at that ZK_PROOF input, in round one
     * and in round two; the operation is then inactive. */
    if (jpake_start(&a, pw, "client", "server") && jpake_start(&b, pw, "server", "client")) {
        CHECK_STATUS(jpake_send(&a, &b, 2, 1), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_KEY_SHARE, pa, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }
    if (jpake_start(&a, pw, "client", "server") && jpake_start(&b, pw, "server", "client")) {
        CHECK_STATUS(jpake_send(&a, &b, 2, 0), PSA_SUCCESS);
        CHECK_STATUS(jpake_send(&b, &a, 2, 0), PSA_SUCCESS);
        CHECK_STATUS(jpake_send(&a, &b, 1, 1), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }
    /* The wrong peer identity: INVALID_SIGNATURE at the first proof. */
    if (jpake_start(&a, pw, "client", "server") && jpake_start(&b, pw, "server", "mallory")) {
        CHECK_STATUS(jpake_send(&a, &b, 1, 0), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_pake_abort(&b), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }
    psa_destroy_key(pw);
    psa_destroy_key(other);
}

static void jpake_errors(void)
{
    psa_algorithm_t alg = PSA_ALG_JPAKE(PSA_ALG_SHA_256);
    psa_pake_cipher_suite_t cs = suite(alg, PSA_PAKE_UNCONFIRMED_KEY);
    psa_key_id_t pw = password("pw", alg);
    psa_pake_operation_t op = PSA_PAKE_OPERATION_INIT, copy;
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE] = { 4 };
    size_t len = 7;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
    psa_key_id_t k = 9;

    /* Parameters: roles, empty or repeated values, a context. */
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_NONE), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_NONE), PSA_ERROR_BAD_STATE);
    CHECK(all_inactive(&op));
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_CLIENT), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_set_user(&op, buf, 1), PSA_ERROR_BAD_STATE); /* ended by the error */
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&op, buf, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_context(&op, buf, 1), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&op, (const uint8_t *)"client", 6), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&op, (const uint8_t *)"client", 6), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_set_user(&op, (const uint8_t *)"client", 6), PSA_SUCCESS);
    /* No peer yet: the protocol cannot start. */
    CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_ERROR_BAD_STATE);
    CHECK(len == 0);
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);

    /* Steps: sizes, kinds, order. */
#define READY() (jpake_start(&op, pw, "client", "server"))
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, 0, &len), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, 64, &len), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK(len == 0);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_CONFIRM, buf, sizeof(buf), &len), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_ZK_PROOF, buf, sizeof(buf), &len), PSA_ERROR_BAD_STATE);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_KEY_SHARE, buf, 0), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_KEY_SHARE, buf, 66), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_ZK_PROOF, buf, 33), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) { /* not a point */
        memset(buf, 0, sizeof(buf));
        buf[0] = 4;
        CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_KEY_SHARE, buf, 65), PSA_ERROR_INVALID_ARGUMENT);
    }
    if (READY()) { /* mid-share the direction is fixed; parameters are closed */
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_SUCCESS);
        CHECK(len == 65 && buf[0] == 4);
        copy = op;
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_ZK_PUBLIC, buf, sizeof(buf), &len), PSA_SUCCESS);
        /* The copy made before that call is stale. */
        CHECK_STATUS(psa_pake_output(&copy, PSA_PAKE_STEP_ZK_PROOF, buf, sizeof(buf), &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_pake_get_shared_key(&op, &a, &k), PSA_ERROR_BAD_STATE);
        CHECK(k == 0);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_peer(&op, buf, 3), PSA_ERROR_BAD_STATE);
    }
    if (READY()) {
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&op, PSA_PAKE_STEP_ZK_PUBLIC, buf, len), PSA_ERROR_BAD_STATE);
    }
    /* The password destroyed mid-exchange: the secrets are gone, BAD_STATE. */
    if (READY()) {
        psa_key_id_t pw2 = password("pw", alg);
        psa_pake_operation_t op2;
        if (jpake_start(&op2, pw2, "server", "client")) {
            CHECK_STATUS(psa_pake_output(&op2, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_SUCCESS);
            CHECK_STATUS(psa_destroy_key(pw2), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_output(&op2, PSA_PAKE_STEP_ZK_PUBLIC, buf, sizeof(buf), &len), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_pake_abort(&op2), PSA_SUCCESS);
        }
        /* Destroyed before the protocol started. */
        pw2 = password("pw", alg);
        if (jpake_start(&op2, pw2, "server", "client")) {
            CHECK_STATUS(psa_destroy_key(pw2), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_output(&op2, PSA_PAKE_STEP_KEY_SHARE, buf, sizeof(buf), &len), PSA_ERROR_BAD_STATE);
        }
    }
    CHECK_STATUS(psa_pake_abort(&op), PSA_SUCCESS);
#undef READY
    psa_destroy_key(pw);
}

/* SPAKE2+: the prover's key pair from PBKDF2, the verifier's record. */
static psa_key_id_t spake2p_derive(psa_algorithm_t alg, const char *pw, psa_key_usage_t usage)
{
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, usage, alg);
    psa_key_id_t k = 0, pwk = password(pw, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_integer(&kdf, PSA_KEY_DERIVATION_INPUT_COST, 1000), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT,
                                                (const uint8_t *)"SPAKE2P Key Salt", 16),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, pwk), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_SUCCESS);
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(pwk);
    return k;
}

static int spake2p_start(psa_pake_operation_t *op, psa_key_id_t key, psa_algorithm_t alg, uint32_t confirm,
                         psa_pake_role_t role)
{
    psa_pake_cipher_suite_t cs = suite(alg, confirm);
    const char *me = role == PSA_PAKE_ROLE_CLIENT ? "client" : "server";
    const char *them = role == PSA_PAKE_ROLE_CLIENT ? "server" : "client";
    *op = psa_pake_operation_init();
    return CHECK_STATUS(psa_pake_setup(op, key, &cs), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_role(op, role), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_user(op, (const uint8_t *)me, 6), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_peer(op, (const uint8_t *)them, 6), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_context(op, (const uint8_t *)"rustpsa test", 12), PSA_SUCCESS);
}

static psa_status_t pass(psa_pake_operation_t *from, psa_pake_operation_t *to, psa_pake_step_t step, int tamper)
{
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len = 0;
    psa_status_t st = psa_pake_output(from, step, buf, sizeof(buf), &len);
    if (st != PSA_SUCCESS) {
        return st;
    }
    if (tamper) {
        buf[len / 2] ^= 0x40;
    }
    return psa_pake_input(to, step, buf, len);
}

static int shared(psa_pake_operation_t *op, uint8_t *out, size_t *out_len)
{
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_key_id_t k = 0;
    int ok = CHECK_STATUS(psa_pake_get_shared_key(op, &a, &k), PSA_SUCCESS) &&
             CHECK_STATUS(psa_export_key(k, out, 64, out_len), PSA_SUCCESS);
    psa_destroy_key(k);
    return ok;
}

static void spake2p_exchange(void)
{
    const psa_algorithm_t algs[5] = { PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256), PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_512),
                                      PSA_ALG_SPAKE2P_CMAC(PSA_ALG_SHA_256), PSA_ALG_SPAKE2P_CMAC(PSA_ALG_SHA_512),
                                      PSA_ALG_SPAKE2P_MATTER };
    const size_t shared_len[5] = { 32, 64, 32, 64, 16 };
    int i, confirm;
    for (i = 0; i < 5; i++) {
        psa_algorithm_t alg = algs[i];
        psa_key_id_t kp = spake2p_derive(alg, "20202021", PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT);
        psa_key_id_t wrong = spake2p_derive(alg, "20202022", PSA_KEY_USAGE_DERIVE);
        uint8_t record[97], s1[64], s2[64];
        size_t rl = 0, l1 = 0, l2 = 0;
        psa_key_id_t vk = 0;
        psa_key_attributes_t va =
            ct_attrs(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0, PSA_KEY_USAGE_DERIVE, alg);
        psa_pake_operation_t p, v;

        /* The registration record is the public key, w0 || L (97 bytes). */
        CHECK_STATUS(psa_export_public_key(kp, record, sizeof(record), &rl), PSA_SUCCESS);
        CHECK(rl == 97 && record[32] == 4);
        CHECK_STATUS(psa_import_key(&va, record, rl, &vk), PSA_SUCCESS);
        for (confirm = 0; confirm < 2; confirm++) {
            uint32_t c = confirm ? PSA_PAKE_UNCONFIRMED_KEY : PSA_PAKE_CONFIRMED_KEY;
            if (!spake2p_start(&p, kp, alg, c, PSA_PAKE_ROLE_CLIENT) ||
                !spake2p_start(&v, vk, alg, c, PSA_PAKE_ROLE_SERVER)) {
                continue;
            }
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            if (c == PSA_PAKE_UNCONFIRMED_KEY) {
                /* Unconfirmed: the keys are available now. */
                if (shared(&p, s1, &l1) && shared(&v, s2, &l2)) {
                    CHECK(l1 == shared_len[i]);
                    CHECK_MEM(s1, l1, s2, l2);
                }
                continue;
            }
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_CONFIRM, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_CONFIRM, 0), PSA_SUCCESS);
            if (shared(&p, s1, &l1) && shared(&v, s2, &l2)) {
                CHECK(l1 == shared_len[i]);
                CHECK_MEM(s1, l1, s2, l2);
            }
        }
        /* The wrong password: the prover rejects the verifier's confirmation. */
        if (spake2p_start(&p, wrong, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_CLIENT) &&
            spake2p_start(&v, vk, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_SERVER)) {
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_CONFIRM, 0), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_pake_abort(&p), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_abort(&v), PSA_SUCCESS);
        }
        /* A tampered confirmation from the prover; confirmed keys are not
         * available before the confirmation. */
        if (spake2p_start(&p, kp, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_CLIENT) &&
            spake2p_start(&v, vk, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_SERVER)) {
            psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, 0);
            psa_key_id_t k = 5;
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_CONFIRM, 0), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_get_shared_key(&v, &a, &k), PSA_ERROR_BAD_STATE);
            CHECK(k == 0);
            if (spake2p_start(&v, vk, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_SERVER)) {
                /* A fresh verifier gets a confirmation out of order. */
                CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_CONFIRM, 0), PSA_ERROR_BAD_STATE);
            }
            CHECK_STATUS(psa_pake_abort(&p), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_abort(&v), PSA_SUCCESS);
        }
        if (spake2p_start(&p, kp, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_CLIENT) &&
            spake2p_start(&v, vk, alg, PSA_PAKE_CONFIRMED_KEY, PSA_PAKE_ROLE_SERVER)) {
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&v, &p, PSA_PAKE_STEP_CONFIRM, 0), PSA_SUCCESS);
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_CONFIRM, 1), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_pake_abort(&p), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_abort(&v), PSA_SUCCESS);
        }
        /* The verifier's record cannot play the prover. */
        {
            psa_pake_cipher_suite_t cs = suite(alg, PSA_PAKE_CONFIRMED_KEY);
            CHECK_STATUS(psa_pake_setup(&p, vk, &cs), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_set_role(&p, PSA_PAKE_ROLE_CLIENT), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_pake_setup(&p, vk, &cs), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_set_role(&p, PSA_PAKE_ROLE_FIRST), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_pake_setup(&p, vk, &cs), PSA_SUCCESS);
            /* No role: the protocol cannot start. */
            CHECK_STATUS(pass(&p, &v, PSA_PAKE_STEP_KEY_SHARE, 0), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_pake_setup(&p, vk, &cs), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_set_role(&p, PSA_PAKE_ROLE_SERVER), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_output(&p, PSA_PAKE_STEP_ZK_PROOF, s1, sizeof(s1), &l1), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_pake_abort(&p), PSA_SUCCESS);
        }
        psa_destroy_key(kp);
        psa_destroy_key(wrong);
        psa_destroy_key(vk);
    }
}

/* RFC 9383 Appendix C: w0 || w1 imports, and its public key is w0 || L. */
static void spake2p_formats(void)
{
    static const char *w0w1 = "bb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3"
                              "7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dba";
    static const char *l = "04eb7c9db3d9a9eb1f8adab81b5794c1f13ae3e225efbe91ea487425854c7fc00f00bfedcbd09b"
                           "2400142d40a14f2064ef31dfaa903b91d1faea7093d835966efd";
    uint8_t kp[64], want_l[65], out[128];
    size_t n = 0;
    psa_algorithm_t alg = PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256);
    psa_key_type_t t = PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    psa_key_attributes_t a = ct_attrs(t, 0, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT, alg);
    psa_key_id_t k = 0;
    ct_unhex(w0w1, kp, sizeof(kp));
    ct_unhex(l, want_l, sizeof(want_l));
    if (CHECK_STATUS(psa_import_key(&a, kp, 64, &k), PSA_SUCCESS)) {
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == 256);
        CHECK_STATUS(psa_export_key(k, out, sizeof(out), &n), PSA_SUCCESS);
        CHECK_MEM(out, n, kp, 64);
        CHECK_STATUS(psa_export_public_key(k, out, sizeof(out), &n), PSA_SUCCESS);
        CHECK(n == 97);
        CHECK_MEM(out, 32, kp, 32);
        CHECK_MEM(out + 32, n - 32, want_l, 65);
        psa_destroy_key(k);
    }
    /* Invalid key data: wrong sizes, zero scalars, a point off the curve. */
    CHECK_STATUS(psa_import_key(&a, kp, 63, &k), PSA_ERROR_INVALID_ARGUMENT);
    memset(out, 0, 64);
    CHECK_STATUS(psa_import_key(&a, out, 64, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 0, PSA_KEY_USAGE_DERIVE, alg);
    memcpy(out, kp, 32);
    memcpy(out + 32, want_l, 65);
    out[96] ^= 1;
    CHECK_STATUS(psa_import_key(&a, out, 97, &k), PSA_ERROR_INVALID_ARGUMENT);
    out[96] ^= 1;
    CHECK_STATUS(psa_import_key(&a, out, 97, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    /* Other curves are not implemented. */
    a = ct_attrs(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1), 0, PSA_KEY_USAGE_DERIVE, alg);
    CHECK_STATUS(psa_import_key(&a, kp, 64, &k), PSA_ERROR_NOT_SUPPORTED);
    /* A public key cannot be derived; a key pair cannot be generated. */
    {
        psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_id_t sk = 0;
        a = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256));
        CHECK_STATUS(psa_import_key(&a, kp, 32, &sk), PSA_SUCCESS);
        a = ct_attrs(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_DERIVE, alg);
        CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, sk), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_INFO, kp, 0), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_key_derivation_abort(&kdf);
        psa_destroy_key(sk);
        a = ct_attrs(t, 256, PSA_KEY_USAGE_DERIVE, alg);
        CHECK_STATUS2(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_INVALID_ARGUMENT);
    }
}

static void size_macros(void)
{
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_KEY_SHARE) == 65);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_ZK_PUBLIC) == 65);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_ZK_PROOF) == 32);
    CHECK(PSA_PAKE_INPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_CONFIRM) == 0);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_SPAKE2P_MATTER, P256, PSA_PAKE_STEP_CONFIRM) == 32);
    CHECK(PSA_PAKE_INPUT_SIZE(PSA_ALG_SPAKE2P_CMAC(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_CONFIRM) == 16);
    CHECK(PSA_PAKE_INPUT_SIZE(PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_512), P256, PSA_PAKE_STEP_CONFIRM) == 64);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_SPAKE2P_HMAC(PSA_ALG_SHA_256), P256, PSA_PAKE_STEP_KEY_SHARE) == 65);
    CHECK(PSA_PAKE_OUTPUT_MAX_SIZE >= 65 && PSA_PAKE_INPUT_MAX_SIZE >= 65);
    /* SPAKE2+ key formats: w0 || w1, w0 || L. */
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256) == 64);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256) == 97);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256) == 97);
    CHECK(PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256) == 97);
}

int main(void)
{
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    size_macros();
    jpake_exchange();
    jpake_errors();
    spake2p_formats();
    spake2p_exchange();
    mbedtls_psa_crypto_free();
    return report();
}
