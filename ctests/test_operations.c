/* ctests/test_operations.c - operation objects as handles.
 *
 *   kinds     an object of one operation kind copied into another kind's object
 *             gets PSA_ERROR_BAD_STATE from every step of that kind and leaves
 *             the original operation untouched (each kind has its own tag).
 *   copies    a memcpy'd object and its original never both drive one
 *             operation: whichever is used first after the copy keeps it, the
 *             other gets BAD_STATE from then on; a moved object works.
 *   setup     a setup on an active operation (every *_setup) returns BAD_STATE
 *             and aborts the operation, as Mbed TLS does: the later steps get
 *             BAD_STATE, abort succeeds, and a new setup works.
 *   zeroed    an all-zero object of every kind is inactive: its steps get
 *             BAD_STATE and its abort succeeds.
 *   stale     for every kind (XOF, multi-part sign and verify included), a copy
 *             left behind by a use of the original gets BAD_STATE from every
 *             step, finish and abort, and the original finishes correctly.
 *   busy      a second thread calling into an XOF, sign or verify object
 *             while a long update runs on it gets BAD_STATE (seen at least
 *             once over the rounds; every call returns SUCCESS or BAD_STATE).
 *   memory    100,000 live AEAD operations, all aborted: the resident set
 *             falls back to within a quarter of what they added (twice, so
 *             the second round reuses rather than grows); stale objects of
 *             aborted operations get BAD_STATE. Not measured under ASan (its
 *             allocator quarantines freed memory).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

enum { K_HASH, K_MAC, K_CIPHER, K_AEAD, K_KDF, K_XOF, K_SIGN, K_VERIFY, K_KINDS };
static const char *const kind_name[K_KINDS] = {"hash", "mac", "cipher", "aead", "key derivation",
                                              "xof", "sign", "verify"};

#define SIGN_ALG PSA_ALG_ECDSA(PSA_ALG_SHA_256)
static psa_key_id_t g_hmac, g_aes_ctr, g_aes_gcm, g_ecdsa;
static uint8_t g_in[64];
/* An ECDSA P-256 signature of g_in (for the verify setups). */
static uint8_t g_sig[PSA_SIGNATURE_MAX_SIZE];
static size_t g_sig_len;

/* Every operation type, viewed as bytes. */
typedef union {
    psa_hash_operation_t hash;
    psa_mac_operation_t mac;
    psa_cipher_operation_t cipher;
    psa_aead_operation_t aead;
    psa_key_derivation_operation_t kdf;
    psa_xof_operation_t xof;
    psa_sign_operation_t sign;
    psa_verify_operation_t verify;
    unsigned char bytes[1];
} any_op_t;

static size_t kind_size(int k)
{
    switch (k) {
    case K_HASH: return sizeof(psa_hash_operation_t);
    case K_MAC: return sizeof(psa_mac_operation_t);
    case K_CIPHER: return sizeof(psa_cipher_operation_t);
    case K_AEAD: return sizeof(psa_aead_operation_t);
    case K_XOF: return sizeof(psa_xof_operation_t);
    case K_SIGN: return sizeof(psa_sign_operation_t);
    case K_VERIFY: return sizeof(psa_verify_operation_t);
    default: return sizeof(psa_key_derivation_operation_t);
    }
}

static psa_status_t setup_kind(int k, any_op_t *op)
{
    switch (k) {
    case K_HASH: return psa_hash_setup(&op->hash, PSA_ALG_SHA_256);
    case K_MAC: return psa_mac_sign_setup(&op->mac, g_hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    case K_CIPHER: return psa_cipher_encrypt_setup(&op->cipher, g_aes_ctr, PSA_ALG_CTR);
    case K_AEAD: return psa_aead_encrypt_setup(&op->aead, g_aes_gcm, PSA_ALG_GCM);
    case K_XOF: return psa_xof_setup(&op->xof, PSA_ALG_SHAKE128);
    case K_SIGN: return psa_sign_setup(&op->sign, g_ecdsa, SIGN_ALG);
    case K_VERIFY: return psa_verify_setup(&op->verify, g_ecdsa, SIGN_ALG, g_sig, g_sig_len);
    default: return psa_key_derivation_setup(&op->kdf, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    }
}

/* One step of kind k that an active operation accepts. */
static psa_status_t step_kind(int k, any_op_t *op)
{
    size_t cap = 0;
    switch (k) {
    case K_HASH: return psa_hash_update(&op->hash, g_in, 5);
    case K_MAC: return psa_mac_update(&op->mac, g_in, 5);
    case K_CIPHER: return psa_cipher_set_iv(&op->cipher, g_in, 16);
    case K_AEAD: return psa_aead_set_nonce(&op->aead, g_in, 12);
    case K_XOF: return psa_xof_update(&op->xof, g_in, 5);
    case K_SIGN: return psa_sign_update(&op->sign, g_in, 5);
    case K_VERIFY: return psa_verify_update(&op->verify, g_in, 5);
    default: return psa_key_derivation_get_capacity(&op->kdf, &cap);
    }
}

static psa_status_t abort_kind(int k, any_op_t *op)
{
    switch (k) {
    case K_HASH: return psa_hash_abort(&op->hash);
    case K_MAC: return psa_mac_abort(&op->mac);
    case K_CIPHER: return psa_cipher_abort(&op->cipher);
    case K_AEAD: return psa_aead_abort(&op->aead);
    case K_XOF: return psa_xof_abort(&op->xof);
    case K_SIGN: return psa_sign_abort(&op->sign);
    case K_VERIFY: return psa_verify_abort(&op->verify);
    default: return psa_key_derivation_abort(&op->kdf);
    }
}

static void test_kinds(void)
{
    int a, b;
    for (a = 0; a < K_KINDS; a++) {
        any_op_t op, other;
        memset(&op, 0, sizeof op);
        if (!CHECK_STATUS(setup_kind(a, &op), PSA_SUCCESS))
            continue;
        for (b = 0; b < K_KINDS; b++) {
            size_t n = kind_size(a) < kind_size(b) ? kind_size(a) : kind_size(b);
            if (b == a)
                continue;
            memset(&other, 0, sizeof other);
            memcpy(other.bytes, op.bytes, n);
            if (!CHECK_STATUS(step_kind(b, &other), PSA_ERROR_BAD_STATE))
                FAIL("a %s object drove a %s operation", kind_name[a], kind_name[b]);
            /* nor does another kind's abort end it */
            CHECK_STATUS(abort_kind(b, &other), PSA_ERROR_BAD_STATE);
        }
        /* the original is untouched and still works */
        CHECK_STATUS(step_kind(a, &op), PSA_SUCCESS);
        CHECK_STATUS(abort_kind(a, &op), PSA_SUCCESS);
    }
    /* A hash after a MAC object was pushed at the hash functions: its digest
     * is the one-shot digest of what was fed to it. */
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, fake = PSA_HASH_OPERATION_INIT;
        psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
        uint8_t d1[32], d2[32];
        size_t l1 = 0, l2 = 0;
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_sign_setup(&m, g_hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 10), PSA_SUCCESS);
        memcpy(&fake, &m, sizeof fake < sizeof m ? sizeof fake : sizeof m);
        CHECK_STATUS(psa_hash_update(&fake, g_in, 3), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&fake, d1, sizeof d1, &l1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&h, d1, sizeof d1, &l1), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, g_in, 10, d2, sizeof d2, &l2), PSA_SUCCESS);
        CHECK_MEM(d1, l1, d2, l2);
        CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
    }
}

static void hash_of(size_t n, uint8_t *d, size_t *l)
{
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, g_in, n, d, 32, l), PSA_SUCCESS);
}

static void test_copies(void)
{
    uint8_t d[32], e[32];
    size_t dl = 0, el = 0;
    int i;

    /* the original is used after the copy: the copy is stale for good */
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, copy;
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 8), PSA_SUCCESS);
        memcpy(&copy, &h, sizeof h);
        for (i = 0; i < 3; i++) {
            CHECK_STATUS(psa_hash_update(&h, g_in + 8 + 8 * i, 8), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_update(&copy, g_in, 8), PSA_ERROR_BAD_STATE);
        }
        CHECK_STATUS(psa_hash_finish(&copy, d, sizeof d, &dl), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&h, d, sizeof d, &dl), PSA_SUCCESS);
        hash_of(32, e, &el);
        CHECK_MEM(d, dl, e, el);
    }
    /* the copy is used first: the original is stale for good */
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, copy;
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 8), PSA_SUCCESS);
        memcpy(&copy, &h, sizeof h);
        for (i = 0; i < 3; i++) {
            CHECK_STATUS(psa_hash_update(&copy, g_in + 8 + 8 * i, 8), PSA_SUCCESS);
            CHECK_STATUS(psa_hash_update(&h, g_in, 8), PSA_ERROR_BAD_STATE);
        }
        CHECK_STATUS(psa_hash_finish(&h, d, sizeof d, &dl), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&copy, d, sizeof d, &dl), PSA_SUCCESS);
        hash_of(32, e, &el);
        CHECK_MEM(d, dl, e, el);
    }
    /* a copy taken right after setup, before any step: the same rule */
    {
        psa_mac_operation_t m = PSA_MAC_OPERATION_INIT, copy;
        uint8_t mac[32], ref[32];
        size_t ml = 0, rl = 0;
        CHECK_STATUS(psa_mac_sign_setup(&m, g_hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256)), PSA_SUCCESS);
        memcpy(&copy, &m, sizeof m);
        CHECK_STATUS(psa_mac_update(&m, g_in, 20), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&copy, g_in, 20), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_update(&m, g_in + 20, 20), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_sign_finish(&copy, mac, sizeof mac, &ml), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&copy), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_sign_finish(&m, mac, sizeof mac, &ml), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_compute(g_hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256), g_in, 40, ref, sizeof ref, &rl),
                     PSA_SUCCESS);
        CHECK_MEM(mac, ml, ref, rl);
    }
    /* a moved object works (bytes copied to a new home, the old one unused),
     * and so does moving it back */
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT, moved;
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 16), PSA_SUCCESS);
        memcpy(&moved, &h, sizeof h);
        CHECK_STATUS(psa_hash_update(&moved, g_in + 16, 16), PSA_SUCCESS);
        memcpy(&h, &moved, sizeof h);
        CHECK_STATUS(psa_hash_update(&h, g_in + 32, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&moved, g_in, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&h, d, sizeof d, &dl), PSA_SUCCESS);
        hash_of(48, e, &el);
        CHECK_MEM(d, dl, e, el);
    }
}

static void test_setup_on_active(void)
{
    uint8_t out[64];
    size_t len = 0;
    int k;

    /* psa_hash_setup twice */
    {
        psa_hash_operation_t h = PSA_HASH_OPERATION_INIT;
        uint8_t e[32];
        size_t el = 0;
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 4), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_update(&h, g_in, 4), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_finish(&h, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_verify(&h, out, 32), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
        /* after abort, a fresh operation computes the right digest */
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_update(&h, g_in, 9), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_finish(&h, out, sizeof out, &len), PSA_SUCCESS);
        hash_of(9, e, &el);
        CHECK_MEM(out, len, e, el);
        /* a failed second setup with a bad algorithm also ends the first */
        CHECK_STATUS(psa_hash_setup(&h, PSA_ALG_SHA_256), PSA_SUCCESS);
        CHECK_STATUS(psa_hash_setup(&h, 0), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_update(&h, g_in, 4), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_hash_abort(&h), PSA_SUCCESS);
    }
    /* MAC: sign and verify setups, each on an active sign and verify op */
    for (k = 0; k < 4; k++) {
        psa_mac_operation_t m = PSA_MAC_OPERATION_INIT;
        psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
        int first_sign = k & 1, second_sign = k >> 1;
        CHECK_STATUS(first_sign ? psa_mac_sign_setup(&m, g_hmac, alg) : psa_mac_verify_setup(&m, g_hmac, alg),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&m, g_in, 4), PSA_SUCCESS);
        CHECK_STATUS(second_sign ? psa_mac_sign_setup(&m, g_hmac, alg) : psa_mac_verify_setup(&m, g_hmac, alg),
                     PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_update(&m, g_in, 4), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_sign_finish(&m, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_verify_finish(&m, out, 32), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_sign_setup(&m, g_hmac, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_abort(&m), PSA_SUCCESS);
    }
    /* cipher: encrypt and decrypt setups */
    for (k = 0; k < 4; k++) {
        psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
        int first_enc = k & 1, second_enc = k >> 1;
        CHECK_STATUS(first_enc ? psa_cipher_encrypt_setup(&c, g_aes_ctr, PSA_ALG_CTR)
                               : psa_cipher_decrypt_setup(&c, g_aes_ctr, PSA_ALG_CTR),
                     PSA_SUCCESS);
        CHECK_STATUS(second_enc ? psa_cipher_encrypt_setup(&c, g_aes_ctr, PSA_ALG_CTR)
                                : psa_cipher_decrypt_setup(&c, g_aes_ctr, PSA_ALG_CTR),
                     PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_set_iv(&c, g_in, 16), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_update(&c, g_in, 16, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_finish(&c, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, g_aes_ctr, PSA_ALG_CTR), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, g_in, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    }
    /* AEAD: encrypt and decrypt setups */
    for (k = 0; k < 4; k++) {
        psa_aead_operation_t a = PSA_AEAD_OPERATION_INIT;
        int first_enc = k & 1, second_enc = k >> 1;
        CHECK_STATUS(first_enc ? psa_aead_encrypt_setup(&a, g_aes_gcm, PSA_ALG_GCM)
                               : psa_aead_decrypt_setup(&a, g_aes_gcm, PSA_ALG_GCM),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&a, g_in, 12), PSA_SUCCESS);
        CHECK_STATUS(second_enc ? psa_aead_encrypt_setup(&a, g_aes_gcm, PSA_ALG_GCM)
                                : psa_aead_decrypt_setup(&a, g_aes_gcm, PSA_ALG_GCM),
                     PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_aead_update_ad(&a, g_in, 4), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_aead_update(&a, g_in, 16, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_aead_abort(&a), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_encrypt_setup(&a, g_aes_gcm, PSA_ALG_GCM), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_set_nonce(&a, g_in, 12), PSA_SUCCESS);
        CHECK_STATUS(psa_aead_abort(&a), PSA_SUCCESS);
    }
    /* key derivation */
    {
        psa_key_derivation_operation_t d = PSA_KEY_DERIVATION_OPERATION_INIT;
        size_t cap = 0;
        CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_input_bytes(&d, PSA_KEY_DERIVATION_INPUT_SALT, g_in, 8), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_input_bytes(&d, PSA_KEY_DERIVATION_INPUT_SECRET, g_in, 8),
                     PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_get_capacity(&d, &cap), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_output_bytes(&d, out, 8), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_key_derivation_abort(&d), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_setup(&d, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_get_capacity(&d, &cap), PSA_SUCCESS);
        CHECK_STATUS(psa_key_derivation_abort(&d), PSA_SUCCESS);
    }
}

/* Every kind: an all-zero object is inactive. */
static void test_zeroed(void)
{
    int k;
    for (k = 0; k < K_KINDS; k++) {
        any_op_t op;
        memset(&op, 0, sizeof op);
        if (!CHECK_STATUS(step_kind(k, &op), PSA_ERROR_BAD_STATE))
            FAIL("a zeroed %s object is not inactive", kind_name[k]);
        CHECK_STATUS(abort_kind(k, &op), PSA_SUCCESS);
        /* and it can be set up */
        CHECK_STATUS(setup_kind(k, &op), PSA_SUCCESS);
        CHECK_STATUS(step_kind(k, &op), PSA_SUCCESS);
        CHECK_STATUS(abort_kind(k, &op), PSA_SUCCESS);
    }
}

/* Finishes an XOF, sign or verify operation that absorbed g_in[0..10] and
 * checks its result; *other* is a stale copy that must be refused. */
static void finish_checked(int k, any_op_t *op, any_op_t *stale)
{
    uint8_t out[PSA_SIGNATURE_MAX_SIZE], ref[32];
    size_t len = 0;
    switch (k) {
    case K_XOF: {
        psa_xof_operation_t x = PSA_XOF_OPERATION_INIT;
        CHECK_STATUS(psa_xof_output(&stale->xof, out, 32), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_xof_output(&op->xof, out, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_xof_setup(&x, PSA_ALG_SHAKE128), PSA_SUCCESS);
        CHECK_STATUS(psa_xof_update(&x, g_in, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_xof_output(&x, ref, 32), PSA_SUCCESS);
        CHECK_STATUS(psa_xof_abort(&x), PSA_SUCCESS);
        CHECK_MEM(out, 32, ref, 32);
        CHECK_STATUS(psa_xof_abort(&stale->xof), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_xof_abort(&op->xof), PSA_SUCCESS);
        break;
    }
    case K_SIGN:
        CHECK_STATUS(psa_sign_finish(&stale->sign, out, sizeof out, &len), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&stale->sign), PSA_ERROR_BAD_STATE);
        if (CHECK_STATUS(psa_sign_finish(&op->sign, out, sizeof out, &len), PSA_SUCCESS))
            CHECK_STATUS(psa_verify_message(g_ecdsa, SIGN_ALG, g_in, 10, out, len), PSA_SUCCESS);
        /* finished: both are inactive now */
        CHECK_STATUS(psa_sign_update(&op->sign, g_in, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_sign_abort(&op->sign), PSA_SUCCESS);
        break;
    default:
        CHECK_STATUS(psa_verify_finish(&stale->verify), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_verify_abort(&stale->verify), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_verify_finish(&op->verify), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_update(&op->verify, g_in, 1), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_verify_abort(&op->verify), PSA_SUCCESS);
        break;
    }
}

/* XOF, sign, verify: a stale copy never drives the operation, whichever of
 * the two is used first after the copy. */
static void test_stale(void)
{
    static const int kinds[] = {K_XOF, K_SIGN, K_VERIFY};
    size_t i;
    int first;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        int k = kinds[i];
        for (first = 0; first < 2; first++) {
            any_op_t a, b;
            any_op_t *keeper = first ? &b : &a, *stale = first ? &a : &b;
            memset(&a, 0, sizeof a);
            if (!CHECK_STATUS(setup_kind(k, &a), PSA_SUCCESS))
                continue;
            CHECK_STATUS(step_kind(k, &a), PSA_SUCCESS);
            memcpy(&b, &a, sizeof a);
            CHECK_STATUS(step_kind(k, keeper), PSA_SUCCESS);
            if (!CHECK_STATUS(step_kind(k, stale), PSA_ERROR_BAD_STATE))
                FAIL("a stale %s copy drove the operation", kind_name[k]);
            CHECK_STATUS(step_kind(k, stale), PSA_ERROR_BAD_STATE);
            finish_checked(k, keeper, stale);
        }
        /* a copy of a finished or aborted operation is stale too */
        {
            any_op_t a, b;
            memset(&a, 0, sizeof a);
            CHECK_STATUS(setup_kind(k, &a), PSA_SUCCESS);
            memcpy(&b, &a, sizeof a);
            CHECK_STATUS(abort_kind(k, &a), PSA_SUCCESS);
            CHECK_STATUS(step_kind(k, &b), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(abort_kind(k, &b), PSA_ERROR_BAD_STATE);
            /* a new operation in the old object does not revive the copy */
            CHECK_STATUS(setup_kind(k, &a), PSA_SUCCESS);
            CHECK_STATUS(step_kind(k, &b), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(step_kind(k, &a), PSA_SUCCESS);
            CHECK_STATUS(abort_kind(k, &a), PSA_SUCCESS);
        }
    }
}

/* XOF, sign, verify: a setup on an active object is refused and ends it. */
static void test_setup_on_active15(void)
{
    static const int kinds[] = {K_XOF, K_SIGN, K_VERIFY};
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        int k = kinds[i];
        any_op_t op;
        memset(&op, 0, sizeof op);
        if (!CHECK_STATUS(setup_kind(k, &op), PSA_SUCCESS))
            continue;
        CHECK_STATUS(step_kind(k, &op), PSA_SUCCESS);
        if (!CHECK_STATUS(setup_kind(k, &op), PSA_ERROR_BAD_STATE))
            FAIL("a second %s setup on an active object was accepted", kind_name[k]);
        CHECK_STATUS(step_kind(k, &op), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(abort_kind(k, &op), PSA_SUCCESS);
        CHECK_STATUS(setup_kind(k, &op), PSA_SUCCESS);
        CHECK_STATUS(step_kind(k, &op), PSA_SUCCESS);
        CHECK_STATUS(abort_kind(k, &op), PSA_SUCCESS);
    }
}

#define BUSY_LEN ((size_t)8 << 20)
#define BUSY_ROUNDS 20

typedef struct {
    int kind;
    any_op_t *op;
    const uint8_t *big;
    volatile int started, done;
    psa_status_t status;
} busy_arg_t;

static void *busy_worker(void *p)
{
    busy_arg_t *a = p;
    int tries;
    __atomic_store_n(&a->started, 1, __ATOMIC_SEQ_CST);
    /* The main thread is already stepping: when one of its short calls holds
     * the object, this long call is the one refused; try again, so that the
     * long call does run and the main thread's calls meet it (a sanitizer's
     * slower start otherwise loses that race round after round). */
    for (tries = 0; tries < 100000; tries++) {
        switch (a->kind) {
        case K_XOF: a->status = psa_xof_update(&a->op->xof, a->big, BUSY_LEN); break;
        case K_SIGN: a->status = psa_sign_update(&a->op->sign, a->big, BUSY_LEN); break;
        default: a->status = psa_verify_update(&a->op->verify, a->big, BUSY_LEN); break;
        }
        if (a->status != PSA_ERROR_BAD_STATE)
            break;
    }
    __atomic_store_n(&a->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* XOF, sign, verify: a call on an object that another thread is using gets
 * BAD_STATE instead of racing on the state. */
static void test_busy(void)
{
    static const int kinds[] = {K_XOF, K_SIGN, K_VERIFY};
    uint8_t *big = calloc(1, BUSY_LEN);
    size_t i;
    if (!CHECK(big != NULL))
        return;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        int k = kinds[i], round;
        unsigned long refused = 0, other = 0, worker_bad = 0;
        for (round = 0; round < BUSY_ROUNDS && refused == 0; round++) {
            any_op_t op;
            pthread_t t;
            busy_arg_t a;
            memset(&op, 0, sizeof op);
            memset(&a, 0, sizeof a);
            a.kind = k;
            a.op = &op;
            a.big = big;
            /* per-round results are tallied, so the check count is fixed */
            if (setup_kind(k, &op) != PSA_SUCCESS) {
                other++;
                break;
            }
            if (pthread_create(&t, NULL, busy_worker, &a) != 0) {
                other++;
                break;
            }
            while (!__atomic_load_n(&a.started, __ATOMIC_SEQ_CST))
                ;
            while (!__atomic_load_n(&a.done, __ATOMIC_SEQ_CST)) {
                psa_status_t st = step_kind(k, &op);
                if (st == PSA_ERROR_BAD_STATE)
                    refused++;
                else if (st != PSA_SUCCESS)
                    other++;
            }
            pthread_join(t, NULL);
            if (a.status != PSA_SUCCESS && a.status != PSA_ERROR_BAD_STATE)
                worker_bad++;
            /* whoever won, the object still names a live operation */
            if (abort_kind(k, &op) != PSA_SUCCESS)
                other++;
        }
        printf("busy %s: %d round(s), %lu call(s) refused while another thread ran\n", kind_name[k],
               round, refused);
        CHECK(other == 0);
        CHECK(worker_bad == 0);
        if (!CHECK(refused > 0))
            FAIL("no %s call was refused while a long update ran", kind_name[k]);
    }
    free(big);
}

static long resident_kib(void)
{
    long size = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld", &size, &res) != 2)
        res = -1;
    fclose(f);
    return res < 0 ? -1 : res * (sysconf(_SC_PAGESIZE) / 1024);
}

#define MEM_OPS 100000

static void test_memory(void)
{
    psa_aead_operation_t *ops = calloc(MEM_OPS, sizeof *ops), stale;
    long base, peak = 0, after = 0;
    int round, ok = 1;
    size_t i;

    if (!CHECK(ops != NULL))
        return;
    memset(ops, 0, MEM_OPS * sizeof *ops);
    base = resident_kib();
    for (round = 0; round < 2; round++) {
        for (i = 0; i < MEM_OPS; i++)
            ok &= psa_aead_encrypt_setup(&ops[i], g_aes_gcm, PSA_ALG_GCM) == PSA_SUCCESS;
        peak = resident_kib();
        memcpy(&stale, &ops[MEM_OPS / 2], sizeof stale);
        for (i = 0; i < MEM_OPS; i++)
            ok &= psa_aead_abort(&ops[i]) == PSA_SUCCESS;
        after = resident_kib();
        CHECK(ok);
        CHECK_STATUS(psa_aead_set_nonce(&stale, g_in, 12), PSA_ERROR_BAD_STATE);
        printf("memory round %d: %d AEAD operations: resident %ld KiB before, %ld KiB live, %ld KiB after abort\n",
               round + 1, MEM_OPS, base, peak, after);
#if defined(__SANITIZE_ADDRESS__)
        printf("memory: resident-set check skipped under AddressSanitizer\n");
#else
        if (!CHECK(after - base <= (peak - base) / 4))
            FAIL("aborted operations keep %ld KiB of %ld KiB", after - base, peak - base);
#endif
    }
    free(ops);
}

int main(void)
{
    uint8_t key[32];
    memset(key, 0x42, sizeof key);
    memset(g_in, 0x17, sizeof g_in);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                           PSA_ALG_HMAC(PSA_ALG_SHA_256), key, 32, &g_hmac),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_CTR, key,
                           16, &g_aes_ctr),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_GCM, key,
                           16, &g_aes_gcm),
                 PSA_SUCCESS);
    {
        psa_key_attributes_t at = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                           PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, SIGN_ALG);
        CHECK_STATUS(psa_generate_key(&at, &g_ecdsa), PSA_SUCCESS);
        /* the verify setups expect the signature of g_in[0..10] (two steps) */
        CHECK_STATUS(psa_sign_message(g_ecdsa, SIGN_ALG, g_in, 10, g_sig, sizeof g_sig, &g_sig_len),
                     PSA_SUCCESS);
    }
    test_kinds();
    test_zeroed();
    test_copies();
    test_stale();
    test_setup_on_active();
    test_setup_on_active15();
    test_busy();
    test_memory();
    CHECK_STATUS(psa_destroy_key(g_ecdsa), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(g_hmac), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(g_aes_ctr), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(g_aes_gcm), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    return report();
}
