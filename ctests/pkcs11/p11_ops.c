/* ctests/pkcs11/p11_ops.c - the PKCS#11 driver against a fresh SoftHSM2 token:
 * configuration errors, ECC P-256/P-384 and RSA (generate, import, sign/verify
 * hash and message, export public), ECDH, AES-GCM, AES-CBC (with and without
 * padding), HMAC, each cross-checked against the built-in implementation in
 * both directions; export policy; purge keeps the token object, destroy
 * removes it; psa_attach_key by label and by id of an object made outside
 * rustpsa (pkcs11-tool); persistence across processes (this program runs
 * itself again with the environment configuration). */
#include <unistd.h>
#include <sys/wait.h>
#include "p11_common.h"

static const psa_algorithm_t ECDSA_ANY = PSA_ALG_ECDSA(PSA_ALG_ANY_HASH);
static uint8_t msg[] = "the quick brown fox jumps over the lazy dog";

/* How many objects of a kind pkcs11-tool lists in the token. */
static int count_objects(const char *kind)
{
    char cmd[1200], line[512];
    snprintf(cmd, sizeof cmd, "pkcs11-tool --module %s --token-label %s --login --pin %s --list-objects 2>/dev/null",
             p11_module(), P11_LABEL, P11_PIN);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    int n = 0;
    while (fgets(line, sizeof line, p)) n += strstr(line, kind) != NULL;
    pclose(p);
    return n;
}

static int token_has_label(const char *label)
{
    char cmd[1200], line[512];
    snprintf(cmd, sizeof cmd, "pkcs11-tool --module %s --token-label %s --login --pin %s --list-objects 2>/dev/null",
             p11_module(), P11_LABEL, P11_PIN);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    int found = 0;
    while (fgets(line, sizeof line, p)) found |= strstr(line, label) != NULL;
    pclose(p);
    return found;
}

/* A local public key from the exported public part of `key`. */
static psa_key_id_t public_copy(psa_key_id_t key, psa_key_type_t pub_type, psa_algorithm_t alg)
{
    uint8_t pub[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t n = 0;
    psa_key_id_t id = 0;
    if (!CHECK_STATUS(psa_export_public_key(key, pub, sizeof pub, &n), PSA_SUCCESS)) return 0;
    CHECK_STATUS(ct_import(pub_type, PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, pub, n, &id), PSA_SUCCESS);
    return id;
}

/* sign with `signer`, verify with `verifier`, both directions of message/hash. */
static void sign_verify(psa_key_id_t signer, psa_key_id_t verifier, psa_algorithm_t alg)
{
    uint8_t hash[64], sig[PSA_SIGNATURE_MAX_SIZE];
    size_t hl = 0, sl = 0;
    psa_algorithm_t h = PSA_ALG_SIGN_GET_HASH(alg);
    CHECK_STATUS(psa_hash_compute(h, msg, sizeof msg, hash, sizeof hash, &hl), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(signer, alg, hash, hl, sig, sizeof sig, &sl), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(verifier, alg, hash, hl, sig, sl), PSA_SUCCESS);
    sig[sl / 2] ^= 0x40;
    CHECK_STATUS(psa_verify_hash(verifier, alg, hash, hl, sig, sl), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_sign_message(signer, alg, msg, sizeof msg, sig, sizeof sig, &sl), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(verifier, alg, msg, sizeof msg, sig, sl), PSA_SUCCESS);
}

static void ecc(size_t bits)
{
    const psa_key_type_t kp = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    const psa_key_type_t pk = PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1);
    const psa_algorithm_t alg = PSA_ALG_ECDSA(bits == 256 ? PSA_ALG_SHA_256 : PSA_ALG_SHA_384);
    const psa_key_usage_t sv = PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH |
                               PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    /* Generated in the token: a token signature verifies with the built-in code. */
    psa_key_attributes_t a = p11_attrs(kp, bits, sv, ECDSA_ANY, 0);
    psa_key_id_t tok = 0;
    if (!CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS)) return;
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(tok, &got), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&got) == bits && psa_get_key_lifetime(&got) == p11_lifetime(0));
    psa_key_id_t pub = public_copy(tok, pk, ECDSA_ANY);
    sign_verify(tok, pub, alg);
    uint8_t buf[256];
    size_t n;
    CHECK_STATUS(psa_export_key(tok, buf, sizeof buf, &n), PSA_ERROR_NOT_PERMITTED);
    /* Imported into the token: the built-in signature verifies in the token,
     * the token's in the built-in code, and the exported key is the imported one. */
    psa_key_id_t local = 0;
    psa_key_attributes_t la = ct_attrs(kp, bits, sv | PSA_KEY_USAGE_EXPORT, ECDSA_ANY);
    CHECK_STATUS(psa_generate_key(&la, &local), PSA_SUCCESS);
    uint8_t priv[66];
    size_t pl = 0;
    CHECK_STATUS(psa_export_key(local, priv, sizeof priv, &pl), PSA_SUCCESS);
    a = p11_attrs(kp, 0, sv | PSA_KEY_USAGE_EXPORT, ECDSA_ANY, 0);
    psa_key_id_t imp = 0;
    CHECK_STATUS(psa_import_key(&a, priv, pl, &imp), PSA_SUCCESS);
    sign_verify(local, imp, alg);
    sign_verify(imp, local, alg);
    CHECK_STATUS(psa_export_key(imp, buf, sizeof buf, &n), PSA_SUCCESS);
    CHECK_MEM(buf, n, priv, pl);
    uint8_t p1[200], p2[200];
    size_t n1 = 0, n2 = 0;
    CHECK_STATUS(psa_export_public_key(imp, p1, sizeof p1, &n1), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(local, p2, sizeof p2, &n2), PSA_SUCCESS);
    CHECK_MEM(p1, n1, p2, n2);
    /* A usage the key lacks is refused by the core. */
    psa_key_id_t pubtok = 0;
    a = p11_attrs(kp, bits, PSA_KEY_USAGE_VERIFY_HASH, ECDSA_ANY, 0);
    CHECK_STATUS(psa_generate_key(&a, &pubtok), PSA_SUCCESS);
    uint8_t hash[48] = {0}, sig[132];
    size_t sl;
    CHECK_STATUS(psa_sign_hash(pubtok, alg, hash, bits / 8, sig, sizeof sig, &sl), PSA_ERROR_NOT_PERMITTED);
    /* A multi-part or interruptible use has no driver entry point. */
    psa_sign_hash_interruptible_operation_t op = PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT;
    CHECK_STATUS(psa_sign_hash_start(&op, tok, alg, hash, bits / 8), PSA_ERROR_NOT_SUPPORTED);
    psa_sign_hash_abort(&op);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(imp), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pubtok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
}

static void ecdh(void)
{
    const psa_key_type_t kp = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    psa_key_attributes_t a = p11_attrs(kp, 256, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, 0);
    psa_key_id_t tok = 0, local = 0;
    CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS);
    psa_key_attributes_t la = ct_attrs(kp, 256, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&la, &local), PSA_SUCCESS);
    uint8_t tp[65], lp[65], s1[32], s2[32];
    size_t n = 0, m = 0;
    CHECK_STATUS(psa_export_public_key(tok, tp, sizeof tp, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(local, lp, sizeof lp, &m), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, tok, lp, m, s1, sizeof s1, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, local, tp, sizeof tp, s2, sizeof s2, &m), PSA_SUCCESS);
    CHECK_MEM(s1, n, s2, m);
    lp[10] ^= 1; /* not on the curve */
    CHECK(psa_raw_key_agreement(PSA_ALG_ECDH, tok, lp, sizeof lp, s1, sizeof s1, &n) != PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
}

static void rsa(void)
{
    const psa_algorithm_t pkcs1 = PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256);
    const psa_algorithm_t pss = PSA_ALG_RSA_PSS(PSA_ALG_SHA_256);
    const psa_key_usage_t sv = PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH |
                               PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, sv, pkcs1, 0);
    psa_key_id_t tok = 0;
    if (!CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS)) return;
    psa_key_id_t pub = public_copy(tok, PSA_KEY_TYPE_RSA_PUBLIC_KEY, pkcs1);
    sign_verify(tok, pub, pkcs1);
    /* A built-in RSA key imported into the token: PSS both ways. */
    psa_key_attributes_t la = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, sv | PSA_KEY_USAGE_EXPORT, pss);
    psa_key_id_t local = 0, imp = 0;
    CHECK_STATUS(psa_generate_key(&la, &local), PSA_SUCCESS);
    static uint8_t der[PSA_EXPORT_KEY_PAIR_MAX_SIZE];
    size_t dl = 0;
    CHECK_STATUS(psa_export_key(local, der, sizeof der, &dl), PSA_SUCCESS);
    a = p11_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, sv | PSA_KEY_USAGE_EXPORT, pss, 0);
    CHECK_STATUS(psa_import_key(&a, der, dl, &imp), PSA_SUCCESS);
    sign_verify(imp, local, pss);
    sign_verify(local, imp, pss);
    static uint8_t back[PSA_EXPORT_KEY_PAIR_MAX_SIZE];
    size_t bl = 0;
    CHECK_STATUS(psa_export_key(imp, back, sizeof back, &bl), PSA_SUCCESS);
    CHECK_MEM(back, bl, der, dl);
    uint8_t p1[600], p2[600];
    size_t n1 = 0, n2 = 0;
    CHECK_STATUS(psa_export_public_key(imp, p1, sizeof p1, &n1), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(local, p2, sizeof p2, &n2), PSA_SUCCESS);
    CHECK_MEM(p1, n1, p2, n2);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(imp), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
}

/* The same key in the token and in the built-in code, for `alg`. */
static void twin(psa_key_type_t t, const uint8_t *k, size_t kl, psa_key_usage_t u, psa_algorithm_t alg,
                 psa_key_id_t *tok, psa_key_id_t *local)
{
    psa_key_attributes_t a = p11_attrs(t, 0, u, alg, 0);
    CHECK_STATUS(psa_import_key(&a, k, kl, tok), PSA_SUCCESS);
    CHECK_STATUS(ct_import(t, u, alg, k, kl, local), PSA_SUCCESS);
}

static void aes(void)
{
    uint8_t k[32], nonce[12] = {1, 2, 3}, ad[5] = {9, 9}, ct[128], pt[128];
    for (int i = 0; i < 32; i++) k[i] = (uint8_t)(i * 7 + 1);
    const psa_key_usage_t ed = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
    psa_key_id_t tok = 0, local = 0;
    size_t n = 0, m = 0;
    /* GCM both ways, and a tampered tag. */
    twin(PSA_KEY_TYPE_AES, k, 32, ed, PSA_ALG_GCM, &tok, &local);
    CHECK_STATUS(psa_aead_encrypt(tok, PSA_ALG_GCM, nonce, 12, ad, 5, msg, sizeof msg, ct, sizeof ct, &n), PSA_SUCCESS);
    CHECK(n == sizeof msg + 16);
    CHECK_STATUS(psa_aead_decrypt(local, PSA_ALG_GCM, nonce, 12, ad, 5, ct, n, pt, sizeof pt, &m), PSA_SUCCESS);
    CHECK_MEM(pt, m, msg, sizeof msg);
    CHECK_STATUS(psa_aead_encrypt(local, PSA_ALG_GCM, nonce, 12, ad, 5, msg, sizeof msg, pt, sizeof pt, &m), PSA_SUCCESS);
    CHECK_MEM(pt, m, ct, n);
    CHECK_STATUS(psa_aead_decrypt(tok, PSA_ALG_GCM, nonce, 12, ad, 5, ct, n, pt, sizeof pt, &m), PSA_SUCCESS);
    CHECK_MEM(pt, m, msg, sizeof msg);
    ct[n - 1] ^= 1;
    CHECK_STATUS(psa_aead_decrypt(tok, PSA_ALG_GCM, nonce, 12, ad, 5, ct, n, pt, sizeof pt, &m), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    /* CBC with PKCS#7 padding and without. */
    psa_algorithm_t algs[2] = {PSA_ALG_CBC_PKCS7, PSA_ALG_CBC_NO_PADDING};
    for (int i = 0; i < 2; i++) {
        size_t len = i == 0 ? sizeof msg : 32;
        twin(PSA_KEY_TYPE_AES, k, 16, ed, algs[i], &tok, &local);
        CHECK_STATUS(psa_cipher_encrypt(tok, algs[i], msg, len, ct, sizeof ct, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_decrypt(local, algs[i], ct, n, pt, sizeof pt, &m), PSA_SUCCESS);
        CHECK_MEM(pt, m, msg, len);
        CHECK_STATUS(psa_cipher_encrypt(local, algs[i], msg, len, ct, sizeof ct, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_decrypt(tok, algs[i], ct, n, pt, sizeof pt, &m), PSA_SUCCESS);
        CHECK_MEM(pt, m, msg, len);
        CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    }
    /* Generated in the token. */
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_AES, 256, ed, PSA_ALG_GCM, 0);
    CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_encrypt(tok, PSA_ALG_GCM, nonce, 12, NULL, 0, msg, 10, ct, sizeof ct, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_aead_decrypt(tok, PSA_ALG_GCM, nonce, 12, NULL, 0, ct, n, pt, sizeof pt, &m), PSA_SUCCESS);
    CHECK_MEM(pt, m, msg, 10);
    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
    CHECK_STATUS(psa_aead_encrypt_setup(&op, tok, PSA_ALG_GCM), PSA_ERROR_NOT_SUPPORTED);
    psa_aead_abort(&op);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
}

static void hmac(void)
{
    /* RFC 4231 test case 6 (SoftHSM2 wants an HMAC key at least as long as the hash). */
    const ct_hmac_vector_t *v = &ct_rfc4231[5];
    uint8_t key[256], data[256], mac[32], expect[32], mac2[32];
    size_t kl = ct_unhex(v->key_hex, key, sizeof key), dl = ct_unhex(v->data_hex, data, sizeof data);
    ct_unhex(v->mac_hex, expect, 32);
    const psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    psa_key_id_t tok = 0, local = 0;
    size_t n = 0, n2 = 0;
    twin(PSA_KEY_TYPE_HMAC, key, kl, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, &tok, &local);
    CHECK_STATUS(psa_mac_compute(tok, alg, data, dl, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, expect, 32);
    CHECK_STATUS(psa_mac_compute(local, alg, msg, sizeof msg, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(tok, alg, msg, sizeof msg, mac2, sizeof mac2, &n2), PSA_SUCCESS);
    CHECK_MEM(mac2, n2, mac, n);
    CHECK_STATUS(psa_mac_verify(tok, alg, data, dl, expect, 32), PSA_SUCCESS);
    expect[3] ^= 1;
    CHECK_STATUS(psa_mac_verify(tok, alg, data, dl, expect, 32), PSA_ERROR_INVALID_SIGNATURE);
    /* A key shorter than the hash: the token refuses it (CKR_KEY_SIZE_RANGE). */
    psa_key_id_t shortk = 0;
    psa_key_attributes_t sa = p11_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, alg, 0);
    CHECK_STATUS(psa_import_key(&sa, key, 4, &shortk), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(shortk, alg, data, dl, mac, sizeof mac, &n), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_destroy_key(shortk), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, 0);
    CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(tok, alg, msg, sizeof msg, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify(tok, alg, msg, sizeof msg, mac, n), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
}

/* Multi-part operations through the token: HMAC (C_SignUpdate) and AES-CBC
 * (C_EncryptUpdate / C_DecryptUpdate), in uneven pieces, against the
 * built-in code on a twin key; the error paths; destroy mid-operation. */
static void multipart(void)
{
    /* HMAC: RFC 4231 case 6, then a longer message against the built-in multi-part. */
    const ct_hmac_vector_t *v = &ct_rfc4231[5];
    uint8_t key[256], data[256], mac[64], expect[32], ref[64];
    size_t kl = ct_unhex(v->key_hex, key, sizeof key), dl = ct_unhex(v->data_hex, data, sizeof data);
    ct_unhex(v->mac_hex, expect, 32);
    const psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    psa_key_id_t tok = 0, local = 0;
    size_t n = 0, rn = 0;
    twin(PSA_KEY_TYPE_HMAC, key, kl, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, &tok, &local);
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT, lop = PSA_MAC_OPERATION_INIT;
    CHECK_STATUS(psa_mac_sign_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, data, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, NULL, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, data + 1, dl - 1), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, expect, 32);
    uint8_t big[1000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (uint8_t)(i * 31 + 7);
    CHECK_STATUS(psa_mac_sign_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_setup(&lop, local, alg), PSA_SUCCESS);
    for (size_t off = 0, step = 1; off < sizeof big; off += step, step = step * 3 + 1) {
        size_t len = off + step > sizeof big ? sizeof big - off : step;
        CHECK_STATUS(psa_mac_update(&op, big + off, len), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&lop, big + off, len), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&lop, ref, sizeof ref, &rn), PSA_SUCCESS);
    CHECK_MEM(mac, n, ref, rn);
    CHECK_STATUS(psa_mac_verify_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, big, sizeof big), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, rn), PSA_SUCCESS);
    ref[0] ^= 1;
    CHECK_STATUS(psa_mac_verify_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, big, sizeof big), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_verify_finish(&op, ref, rn), PSA_ERROR_INVALID_SIGNATURE);
    /* Many operations abandoned mid-way: each gives its session back (the
     * token's operation ended by C_SignFinal), so the next ones still work. */
    for (int i = 0; i < 50; i++) {
        CHECK_STATUS(psa_mac_sign_setup(&op, tok, alg), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, big, 10), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_mac_compute(tok, alg, data, dl, mac, sizeof mac, &n), PSA_SUCCESS);
    CHECK_MEM(mac, n, expect, 32);
    CHECK_STATUS(psa_mac_sign_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_sign_finish(&op, mac, 31, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    /* A truncated HMAC the key's policy does not name: the core refuses it first. */
    CHECK_STATUS(psa_mac_sign_setup(&op, tok, PSA_ALG_TRUNCATED_MAC(alg, 16)), PSA_ERROR_NOT_PERMITTED);
    /* Destroy during an operation: the operation is cut off. */
    CHECK_STATUS(psa_mac_sign_setup(&op, tok, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, big, 100), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_update(&op, big, 100), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);

    /* AES-CBC, both paddings, both directions, pieces of uneven sizes. */
    uint8_t k[16], iv[16], pt[100], ct[160], out[160], back[160];
    for (int i = 0; i < 16; i++) { k[i] = (uint8_t)(0x2b + i); iv[i] = (uint8_t)(0x90 ^ i); }
    for (int i = 0; i < 100; i++) pt[i] = (uint8_t)(i * 13);
    psa_algorithm_t algs[2] = {PSA_ALG_CBC_PKCS7, PSA_ALG_CBC_NO_PADDING};
    for (int a = 0; a < 2; a++) {
        size_t len = a == 0 ? 100 : 96, cl = 0, total = 0, m = 0;
        twin(PSA_KEY_TYPE_AES, k, 16, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, algs[a], &tok, &local);
        /* The reference: the built-in one-shot with the same IV (decrypt of IV || ct). */
        psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, local, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&c, pt, len, ct, sizeof ct, &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_finish(&c, ct + cl, sizeof ct - cl, &n), PSA_SUCCESS);
        cl += n;
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&c, pt, 16, out, sizeof out, &n), PSA_ERROR_BAD_STATE); /* no IV */
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
        static const size_t pieces[] = {1, 15, 17, 0, 31, 3};
        size_t off = 0;
        for (size_t i = 0; off < len; i++) {
            size_t p = i < 6 ? pieces[i] : len - off;
            if (off + p > len) p = len - off;
            CHECK_STATUS(psa_cipher_update(&c, pt + off, p, out + total, sizeof out - total, &n), PSA_SUCCESS);
            total += n;
            off += p;
        }
        CHECK_STATUS(psa_cipher_finish(&c, out + total, sizeof out - total, &n), PSA_SUCCESS);
        total += n;
        CHECK_MEM(out, total, ct, cl);
        /* Decrypt in the token, in pieces. */
        CHECK_STATUS(psa_cipher_decrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
        total = 0;
        for (off = 0; off < cl; off += m) {
            m = cl - off < 20 ? cl - off : 20;
            CHECK_STATUS(psa_cipher_update(&c, ct + off, m, back + total, sizeof back - total, &n), PSA_SUCCESS);
            total += n;
        }
        CHECK_STATUS(psa_cipher_finish(&c, back + total, sizeof back - total, &n), PSA_SUCCESS);
        total += n;
        CHECK_MEM(back, total, pt, len);
        /* An output buffer too small for the blocks the token releases. */
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_update(&c, pt, 32, out, 31, &n), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_cipher_finish(&c, out, sizeof out, &n), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
        CHECK_STATUS(psa_cipher_set_iv(&c, iv, 8), PSA_ERROR_INVALID_ARGUMENT);
        if (algs[a] == PSA_ALG_CBC_NO_PADDING) {
            /* A partial block at the end. */
            CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_update(&c, pt, 20, out, sizeof out, &n), PSA_SUCCESS);
            CHECK(n == 16);
            CHECK_STATUS(psa_cipher_finish(&c, out, sizeof out, &n), PSA_ERROR_INVALID_ARGUMENT);
        } else {
            /* A wrong padding (a corrupted last block). */
            uint8_t bad[160];
            memcpy(bad, ct, cl);
            bad[cl - 1] ^= 0x55;
            CHECK_STATUS(psa_cipher_decrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_update(&c, bad, cl, back, sizeof back, &n), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_finish(&c, back, sizeof back, &n), PSA_ERROR_INVALID_PADDING);
        }
        /* Abandoned operations give their sessions back. */
        for (int i = 0; i < 20; i++) {
            CHECK_STATUS(psa_cipher_decrypt_setup(&c, tok, algs[a]), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_set_iv(&c, iv, 16), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_update(&c, ct, 20, back, sizeof back, &n), PSA_SUCCESS);
            CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
        }
        CHECK_STATUS(psa_cipher_encrypt(tok, algs[a], pt, len, out, sizeof out, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(local), PSA_SUCCESS);
    }
    /* CTR has no token mechanism here: NOT_SUPPORTED for the token key. */
    psa_key_attributes_t ca = p11_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, 0);
    CHECK_STATUS(psa_import_key(&ca, k, 16, &tok), PSA_SUCCESS);
    psa_cipher_operation_t c = PSA_CIPHER_OPERATION_INIT;
    CHECK_STATUS(psa_cipher_encrypt_setup(&c, tok, PSA_ALG_CTR), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_cipher_abort(&c), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
}

static void attach(void)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "pkcs11-tool --module %s --token-label %s --login --pin %s --keypairgen --key-type EC:prime256v1 "
             "--id 0a0b0c --label outside-ec >/dev/null 2>&1",
             p11_module(), P11_LABEL, P11_PIN);
    if (!CHECK(system(cmd) == 0)) return;
    const psa_key_type_t kp = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    const psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    psa_key_attributes_t a = p11_attrs(kp, 0, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE, alg, 0x3001);
    psa_key_id_t k = 0, k2 = 0;
    CHECK_STATUS(psa_attach_key(&a, (const uint8_t *)"outside-ec", 10, &k), PSA_SUCCESS);
    CHECK(k == 0x3001);
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&got) == 256);
    psa_key_id_t pub = public_copy(k, PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), alg);
    sign_verify(k, pub, alg);
    /* By id, volatile; a wrong type or size is refused. */
    psa_key_attributes_t b = p11_attrs(kp, 256, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE, alg, 0);
    const uint8_t id[3] = {0x0a, 0x0b, 0x0c};
    CHECK_STATUS(psa_attach_key(&b, id, 3, &k2), PSA_SUCCESS);
    sign_verify(k2, pub, alg);
    psa_set_key_bits(&b, 384);
    psa_key_id_t k3 = 0;
    CHECK_STATUS(psa_attach_key(&b, id, 3, &k3), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_attributes_t c = p11_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, 0);
    CHECK_STATUS(psa_attach_key(&c, (const uint8_t *)"outside-ec", 10, &k3), PSA_ERROR_DOES_NOT_EXIST);
    CHECK_STATUS(psa_attach_key(&b, (const uint8_t *)"nothing", 7, &k3), PSA_ERROR_DOES_NOT_EXIST);
    /* Purge keeps the object; destroy removes it from the token. */
    CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
    CHECK(token_has_label("outside-ec") == 1);
    sign_verify(k, pub, alg);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK(token_has_label("outside-ec") == 0);
    uint8_t hash[32] = {0}, sig[64];
    size_t sl;
    CHECK(psa_sign_hash(k2, alg, hash, 32, sig, sizeof sig, &sl) != PSA_SUCCESS); /* its object is gone */
    CHECK_STATUS(psa_destroy_key(k2), PSA_ERROR_DOES_NOT_EXIST);
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
}

static void config_errors(void)
{
    CHECK_STATUS(rustpsa_pkcs11_configure("/nonexistent/module.so", P11_LABEL, P11_PIN), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_COMMUNICATION_FAILURE);
    CHECK_STATUS(rustpsa_pkcs11_configure(p11_module(), "no-such-token", P11_PIN), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_DOES_NOT_EXIST);
    CHECK_STATUS(rustpsa_pkcs11_configure(p11_module(), P11_LABEL, "0000"), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(rustpsa_pkcs11_configure(p11_module(), NULL, P11_PIN), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(rustpsa_pkcs11_set_flags(0x10), PSA_ERROR_INVALID_ARGUMENT);
    /* Without the driver, the location is unknown. */
    CHECK_STATUS(rustpsa_pkcs11_configure(NULL, NULL, NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, 0);
    psa_key_id_t k;
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    mbedtls_psa_crypto_free();
}

/* Phase 2 (a new process, configured from the environment): the persistent
 * key made by phase 1 still signs, and its destruction removes it. */
static int phase2(const char *pubfile)
{
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    uint8_t pubbytes[65];
    FILE *f = fopen(pubfile, "rb");
    size_t pl = f ? fread(pubbytes, 1, sizeof pubbytes, f) : 0;
    if (f) fclose(f);
    CHECK(pl == 65);
    psa_key_id_t pub = 0;
    const psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE, alg, pubbytes, pl, &pub), PSA_SUCCESS);
    sign_verify(0x2001, pub, alg);
    int before = count_objects("Private Key Object");
    CHECK_STATUS(psa_destroy_key(0x2001), PSA_SUCCESS);
    CHECK(count_objects("Private Key Object") == before - 1);
    CHECK_STATUS(psa_sign_message(0x2001, alg, msg, 3, pubbytes, sizeof pubbytes, &pl), PSA_ERROR_INVALID_HANDLE);
    mbedtls_psa_crypto_free();
    return report();
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "phase2") == 0) return phase2(argv[2]);
    if (!p11_setup("p11ops")) {
        printf("p11_ops: SoftHSM2 (softhsm2-util) is not installed: skipped\n");
        return 77;
    }
    config_errors();
    CHECK_STATUS(rustpsa_pkcs11_configure(p11_module(), P11_LABEL, P11_PIN), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) return report();
    int objects = count_objects("Object");
    ecc(256);
    ecc(384);
    ecdh();
    rsa();
    aes();
    hmac();
    multipart();
    /* Every key above was destroyed: no object left behind in the token. */
    CHECK(count_objects("Object") == objects);
    attach();
    /* A persistent key for phase 2. */
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                       PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE,
                                       PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0x2001);
    psa_key_id_t k = 0;
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    uint8_t pub[65];
    size_t pl = 0;
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &pl), PSA_SUCCESS);
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("pkcs11", &st), PSA_SUCCESS);
    printf("p11_ops: %llu PKCS#11 driver calls (%llu declined), %llu keys destroyed\n",
           (unsigned long long)st.calls, (unsigned long long)st.declined, (unsigned long long)st.destroyed);
    mbedtls_psa_crypto_free();
    char pubfile[700];
    snprintf(pubfile, sizeof pubfile, "%s/pub.bin", p11_dir);
    FILE *f = fopen(pubfile, "wb");
    if (f) { fwrite(pub, 1, pl, f); fclose(f); }
    /* The child finds the key in the same storage directory and token. */
    char keys[700];
    snprintf(keys, sizeof keys, "%s/keys", p11_dir);
    setenv("RUSTPSA_STORAGE_DIR", keys, 1);
    setenv("RUSTPSA_PKCS11_MODULE", p11_module(), 1);
    setenv("RUSTPSA_PKCS11_TOKEN", P11_LABEL, 1);
    setenv("RUSTPSA_PKCS11_PIN", P11_PIN, 1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/proc/self/exe", argv[0], "phase2", pubfile, (char *)NULL);
        _exit(127);
    }
    int wst = 0;
    waitpid(pid, &wst, 0);
    CHECK(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p11_dir);
    if (system(cmd) != 0) FAIL("cannot remove %s", p11_dir);
    return report();
}
