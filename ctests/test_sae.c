/* ctests/test_sae.c - WPA3-SAE (PSA Crypto API 1.4) at the C boundary.
 *
 *  - the hash-to-element password token PT from psa_key_derivation against
 *    IEEE 802.11-2020 Annex J.10 (group 19) and against the independent
 *    Python model's tokens for groups 20 and 15 (tests/vectors/sae_crosscheck.txt);
 *  - complete exchanges between two operations on P-256, P-384 and P-521,
 *    fixed and group-dependent-hash variants, with and without a salt;
 *  - the 3072-bit MODP group (PSA_DH_FAMILY_RFC3526) with a finite-field
 *    password token, and the looping method (a PSA_KEY_TYPE_PASSWORD key)
 *    on the curves and in the MODP group;
 *  - the size macros, and every error path of the key derivation, the key
 *    import, the setup, the parameters, the steps and the shared key. */
#include "common.h"

#include <stdio.h>
#include <string.h>

#define FIXED PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_256)
#define H2E256 PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_256)
#define PT_R1 PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_SECP_R1)
#define PT_DH PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526)
#define GDH384 PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384)

static const uint8_t MAC_A[6] = { 0x00, 0x09, 0x5b, 0x66, 0xec, 0x1e };
static const uint8_t MAC_B[6] = { 0x00, 0x0b, 0x6b, 0xd9, 0x02, 0x46 };

/* Annex J.10: PT for SSID "byteme", password "mekmitasdigoat", identifier "psk4internet". */
static const char *J10_PT =
    "b6e38c98750c684b5d17c3d8c9a4100b39931279187ca6cced5f37ef46ddfa97"
    "5687e972e50f73e3898861e7edad21bea7d5f622df88243bb804920ae8e647fa";
/* The Python model (gen_sae_crosscheck.py): P-384, "byteme" / "mekmitasdigoat" / "psk4internet". */
static const char *PY_PT384 =
    "c20f7de2ff2c6a2482c81aeaa525fb969c0897cec0f05f32942c3dcd4f3a3c83ac68a9ad918eb4b0ac068c9fef93f584"
    "7e9bc499f475bc3fe4f345bb14007dabdc7568f7f74f3e5dbb046475903736a395f3570d2c778dc96641d8d2910c75e8";

/* The Python model: the 3072-bit MODP group, "byteme" / "mekmitasdigoat" / "psk4internet". */
static const char *PY_PT3072 =
    "b8735bccd1178b37b4e47f36cace0a5c5462cea8d0cdf6adbb0844a65819669d28bfddf538b14e713df410d9524703e9"
    "7cc777146ccae5d95d71d4e44befbb7cf670b4dfc9c8bfe3d4ff4b8b33183bb4afb073b188b753523a98cf70d6972ec4"
    "b364a8dc9de3efdf2ef3b4427ae0f2137b99d0cfdccb11b6f9e13d128fe4c2b6c84b155e2c9f619672259a3d925c1153"
    "7178ec2ada83c0e2f2720f6d8a29274389c0a9fd64b4c59cb522040131171403aa8b499f6b5a94a4d0f5edfdc5a6f275"
    "07eb65e1b0e92a386c83f38667d20b5407bb64bfd3df41190238ecd07db10c8db557aaec883dd14de2e4f391fbbb909c"
    "16e4dd5e432a17e6aa6b841f71d4856bd5c530def13ccd932871e44e24c8d3d8c5aa71fb2a394e94dd8a8a8e3d075bf0"
    "5972a4a334cac3c0b1202ad9e5af9dd044855fd544c4c243cc1faaee9cf9bb4647c9a8083a83fc51bdc801abefd9b582"
    "68f178011daf74b407f61c61719811dd708166de9593cb7f11aa0d9d889299f1eaa1f71bce0033d76f3bf19aa63c024b";

static psa_pake_primitive_t prim(size_t bits)
{
    return PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, bits);
}

static psa_pake_primitive_t prim_dh(size_t bits)
{
    return PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC3526, bits);
}

static psa_algorithm_t hash_of(size_t bits)
{
    return bits == 256 ? PSA_ALG_SHA_256 : bits == 384 ? PSA_ALG_SHA_384 : PSA_ALG_SHA_512;
}

/* The group hash of a token type and size (IEEE 802.11 Table 12-1). */
static psa_algorithm_t group_hash(psa_key_type_t type, size_t bits)
{
    if (PSA_KEY_TYPE_IS_WPA3_SAE_DH(type)) {
        return bits <= 3072 ? PSA_ALG_SHA_384 : PSA_ALG_SHA_512;
    }
    return hash_of(bits);
}

static psa_key_id_t import_password(psa_algorithm_t alg, const char *pw)
{
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, alg, (const uint8_t *)pw, strlen(pw), &k),
                 PSA_SUCCESS);
    return k;
}

/* Derives a PT key of `type` (usage DERIVE | EXPORT, policy `policy`) of `bits` from the password. */
static psa_status_t derive_pt_of(psa_key_type_t type, size_t bits, const char *ssid, const char *pw, const char *id,
                                 psa_algorithm_t policy, psa_key_id_t *pt)
{
    psa_algorithm_t h2e = PSA_ALG_WPA3_SAE_H2E(group_hash(type, bits));
    psa_key_id_t pk = import_password(h2e, pw);
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_status_t st = psa_key_derivation_setup(&kdf, h2e);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)ssid, strlen(ssid));
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, pk);
    }
    if (st == PSA_SUCCESS && id != NULL) {
        st = psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)id, strlen(id));
    }
    if (st == PSA_SUCCESS) {
        psa_key_attributes_t a = ct_attrs(type, bits, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT, policy);
        st = psa_key_derivation_output_key(&a, &kdf, pt);
    }
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(pk);
    return st;
}

/* An elliptic-curve PT key (PSA_ECC_FAMILY_SECP_R1). */
static psa_status_t derive_pt(size_t bits, const char *ssid, const char *pw, const char *id, psa_algorithm_t policy,
                              psa_key_id_t *pt)
{
    return derive_pt_of(PT_R1, bits, ssid, pw, id, policy, pt);
}

static psa_pake_cipher_suite_t suite_of(psa_algorithm_t alg, psa_pake_primitive_t p, int confirmed)
{
    psa_pake_cipher_suite_t cs = psa_pake_cipher_suite_init();
    psa_pake_cs_set_algorithm(&cs, alg);
    psa_pake_cs_set_primitive(&cs, p);
    psa_pake_cs_set_key_confirmation(&cs, confirmed ? PSA_PAKE_CONFIRMED_KEY : PSA_PAKE_UNCONFIRMED_KEY);
    return cs;
}

static psa_pake_cipher_suite_t suite(psa_algorithm_t alg, size_t bits, int confirmed)
{
    return suite_of(alg, prim(bits), confirmed);
}

/* Sets up op on key pt as the side with MAC `own` talking to `peer`. */
static int side(psa_pake_operation_t *op, psa_key_id_t pt, const psa_pake_cipher_suite_t *cs, const uint8_t *own,
                const uint8_t *peer)
{
    *op = psa_pake_operation_init();
    return CHECK_STATUS(psa_pake_setup(op, pt, cs), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_user(op, own, 6), PSA_SUCCESS) &&
           CHECK_STATUS(psa_pake_set_peer(op, peer, 6), PSA_SUCCESS);
}

/* Exports the PMK of op (as RAW_DATA) into pmk; returns its length or 0. */
static size_t pmk_of(psa_pake_operation_t *op, uint8_t *pmk, size_t size)
{
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_key_id_t k = 0;
    size_t n = 0;
    if (!CHECK_STATUS(psa_pake_get_shared_key(op, &a, &k), PSA_SUCCESS)) {
        return 0;
    }
    CHECK_STATUS(psa_export_key(k, pmk, size, &n), PSA_SUCCESS);
    psa_destroy_key(k);
    return n;
}

/* A full exchange on key `pt` (a token or a password) in primitive p, whose group hash is
 * `gh`: commits, optional salt, confirms (counters 1 and 2), PMKID, PMK. */
static void exchange_on(psa_algorithm_t alg, psa_pake_primitive_t p, psa_algorithm_t gh, psa_key_id_t pt,
                        const uint8_t *salt, size_t salt_len)
{
    psa_pake_cipher_suite_t cs = suite_of(alg, p, 1);
    psa_pake_operation_t a, b;
    static uint8_t ca[PSA_PAKE_OUTPUT_MAX_SIZE], cb[PSA_PAKE_OUTPUT_MAX_SIZE];
    uint8_t fa[PSA_PAKE_OUTPUT_MAX_SIZE], fb[PSA_PAKE_OUTPUT_MAX_SIZE];
    uint8_t ida[16], idb[16], pa[64], pb[64];
    size_t la = 0, lb = 0, n = 0;
    const size_t commit = PSA_PAKE_OUTPUT_SIZE(alg, p, PSA_PAKE_STEP_COMMIT);
    const size_t confirm = PSA_PAKE_OUTPUT_SIZE(alg, p, PSA_PAKE_STEP_CONFIRM);
    if (!side(&a, pt, &cs, MAC_A, MAC_B) || !side(&b, pt, &cs, MAC_B, MAC_A)) {
        return;
    }
    CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
    CHECK(la == commit);
    /* B takes A's commit before making its own. */
    CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_COMMIT, ca, la), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_COMMIT, cb, sizeof cb, &lb), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
    if (salt != NULL) {
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, salt, salt_len), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_SALT, salt, salt_len), PSA_SUCCESS);
    }
    const uint8_t one[2] = { 1, 0 }, two[2] = { 2, 0 };
    CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM_COUNT, one, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_CONFIRM_COUNT, two, 2), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_CONFIRM, fa, sizeof fa, &la), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_CONFIRM, fb, sizeof fb, &lb), PSA_SUCCESS);
    CHECK(la == confirm && lb == confirm && fa[0] == 1 && fb[0] == 2 && fa[1] == 0);
    CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM, fb, lb), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_CONFIRM, fa, la), PSA_SUCCESS);
    CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_ID, ida, sizeof ida, &n), PSA_SUCCESS);
    CHECK(n == 16);
    CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_KEY_ID, idb, sizeof idb, &n), PSA_SUCCESS);
    CHECK_MEM(ida, 16, idb, 16);
    size_t na = pmk_of(&a, pa, sizeof pa), nb = pmk_of(&b, pb, sizeof pb);
    CHECK(na == (PSA_ALG_IS_WPA3_SAE_GDH(alg) ? PSA_HASH_LENGTH(gh) : 32u));
    CHECK_MEM(pa, na, pb, nb);
    /* get_shared_key ended both operations. */
    CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_ID, ida, sizeof ida, &n), PSA_ERROR_BAD_STATE);
    psa_pake_abort(&a);
    psa_pake_abort(&b);
}

/* An exchange on a fresh P-`bits` token. */
static void exchange(psa_algorithm_t alg, size_t bits, const uint8_t *salt, size_t salt_len)
{
    psa_key_id_t pt = 0;
    if (!CHECK_STATUS(derive_pt(bits, "home", "secret password", NULL, PSA_ALG_WPA3_SAE_ANY, &pt), PSA_SUCCESS)) {
        return;
    }
    exchange_on(alg, prim(bits), hash_of(bits), pt, salt, salt_len);
    psa_destroy_key(pt);
}

static void test_pt_known_answers(void)
{
    uint8_t want[200], got[200];
    size_t n = 0, wl = ct_unhex(J10_PT, want, sizeof want);
    psa_key_id_t pt = 0;
    if (CHECK_STATUS(derive_pt(256, "byteme", "mekmitasdigoat", "psk4internet", H2E256, &pt), PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(pt, got, sizeof got, &n), PSA_SUCCESS);
        CHECK_MEM(got, n, want, wl);
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(pt, &a), PSA_SUCCESS);
        CHECK(psa_get_key_type(&a) == PT_R1 && psa_get_key_bits(&a) == 256);
        psa_destroy_key(pt);
    }
    /* The same token imported is the same key material. */
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_EXPORT, FIXED, want, wl, &pt), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(pt, got, sizeof got, &n), PSA_SUCCESS);
    CHECK_MEM(got, n, want, wl);
    psa_destroy_key(pt);
    /* Without the identifier the token differs. */
    if (CHECK_STATUS(derive_pt(256, "byteme", "mekmitasdigoat", NULL, H2E256, &pt), PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(pt, got, sizeof got, &n), PSA_SUCCESS);
        CHECK(n == 64 && memcmp(got, want, 64) != 0);
        psa_destroy_key(pt);
    }
    /* Group 15 (a finite-field token) against the Python model. */
    static uint8_t want15[384], got15[400];
    size_t wl15 = ct_unhex(PY_PT3072, want15, sizeof want15);
    if (CHECK_STATUS(derive_pt_of(PT_DH, 3072, "byteme", "mekmitasdigoat", "psk4internet", PSA_ALG_WPA3_SAE_ANY, &pt),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(pt, got15, sizeof got15, &n), PSA_SUCCESS);
        CHECK_MEM(got15, n, want15, wl15);
        psa_destroy_key(pt);
    }
    /* Group 20 against the Python model. */
    wl = ct_unhex(PY_PT384, want, sizeof want);
    if (CHECK_STATUS(derive_pt(384, "byteme", "mekmitasdigoat", "psk4internet", PSA_ALG_WPA3_SAE_ANY, &pt),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(pt, got, sizeof got, &n), PSA_SUCCESS);
        CHECK_MEM(got, n, want, wl);
        psa_destroy_key(pt);
    }
}

static void test_exchanges(void)
{
    const uint8_t salt[4] = { 0x14, 0x00, 0x15, 0x00 };
    size_t sizes[3] = { 256, 384, 521 };
    for (int i = 0; i < 3; i++) {
        exchange(FIXED, sizes[i], NULL, 0);
        exchange(PSA_ALG_WPA3_SAE_GDH(hash_of(sizes[i])), sizes[i], NULL, 0);
        exchange(PSA_ALG_WPA3_SAE_GDH(hash_of(sizes[i])), sizes[i], salt, sizeof salt);
    }
}

static void test_sizes(void)
{
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(256), PSA_PAKE_STEP_COMMIT) == 96);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(384), PSA_PAKE_STEP_COMMIT) == 144);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(521), PSA_PAKE_STEP_COMMIT) == 198);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(521), PSA_PAKE_STEP_CONFIRM) == 34);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384), prim(384), PSA_PAKE_STEP_CONFIRM) == 50);
    CHECK(PSA_PAKE_INPUT_SIZE(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_512), prim(521), PSA_PAKE_STEP_CONFIRM) == 66);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(256), PSA_PAKE_STEP_KEY_ID) == 16);
    CHECK(PSA_PAKE_INPUT_SIZE(FIXED, prim(256), PSA_PAKE_STEP_CONFIRM_COUNT) == 2);
    CHECK(PSA_PAKE_INPUT_SIZE(FIXED, prim(256), PSA_PAKE_STEP_SALT) == RUSTPSA_WPA3_SAE_SALT_MAX_SIZE);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim(256), PSA_PAKE_STEP_KEY_SHARE) == 0);
    CHECK(PSA_PAKE_OUTPUT_MAX_SIZE >= 198 && PSA_PAKE_INPUT_MAX_SIZE >= 198);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PT_R1, 256) == 64 && PSA_EXPORT_KEY_OUTPUT_SIZE(PT_R1, 521) == 132);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526), 2048) == 256);
    CHECK(PSA_PAKE_STEP_COMMIT == 6 && PSA_PAKE_STEP_SALT == 5 && PSA_PAKE_STEP_CONFIRM_COUNT == 7 &&
          PSA_PAKE_STEP_KEY_ID == 8);
    /* MODP groups: a scalar and an element as long as p. */
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim_dh(3072), PSA_PAKE_STEP_COMMIT) == 768);
    CHECK(PSA_PAKE_INPUT_SIZE(FIXED, prim_dh(8192), PSA_PAKE_STEP_COMMIT) == 2048);
    CHECK(PSA_PAKE_OUTPUT_SIZE(GDH384, prim_dh(3072), PSA_PAKE_STEP_CONFIRM) == 50);
    CHECK(PSA_PAKE_OUTPUT_SIZE(FIXED, prim_dh(3072), PSA_PAKE_STEP_KEY_ID) == 16);
    CHECK(PSA_PAKE_OUTPUT_SIZE(PSA_ALG_JPAKE(PSA_ALG_SHA_256), prim_dh(3072), PSA_PAKE_STEP_KEY_SHARE) == 0);
    CHECK(PSA_PAKE_OUTPUT_MAX_SIZE == 2048 && PSA_PAKE_INPUT_MAX_SIZE == 2048);
    CHECK(PSA_EXPORT_KEY_OUTPUT_SIZE(PT_DH, 3072) == 384);
}

/* The 3072-bit MODP group with a finite-field token: exchanges, import, the setup's and the
 * peer commit's checks. */
static void test_ffc(void)
{
    psa_key_id_t pt = 0, k = 0, ecc = 0;
    static uint8_t tok[1024], x[PSA_PAKE_OUTPUT_MAX_SIZE], ca[PSA_PAKE_OUTPUT_MAX_SIZE], cb[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t tl = 0, la = 0, lb = 0;
    if (!CHECK_STATUS(derive_pt_of(PT_DH, 3072, "home", "secret password", NULL, PSA_ALG_WPA3_SAE_ANY, &pt),
                      PSA_SUCCESS)) {
        return;
    }
    exchange_on(FIXED, prim_dh(3072), PSA_ALG_SHA_384, pt, NULL, 0);
    const uint8_t salt[2] = { 0x13, 0x00 };
    exchange_on(GDH384, prim_dh(3072), PSA_ALG_SHA_384, pt, salt, sizeof salt);
    /* The token round-trips through export and import. */
    CHECK_STATUS(psa_export_key(pt, tok, sizeof tok, &tl), PSA_SUCCESS);
    CHECK(tl == 384);
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, tok, tl, &k), PSA_SUCCESS);
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    CHECK_STATUS(psa_get_key_attributes(k, &at), PSA_SUCCESS);
    CHECK(psa_get_key_type(&at) == PT_DH && psa_get_key_bits(&at) == 3072);
    psa_destroy_key(k);
    /* Import errors: group 14's size, no group's size, 1, 5 (a non-residue: outside the subgroup), p's bits. */
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, tok, 256, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, tok, 300, &k), PSA_ERROR_INVALID_ARGUMENT);
    memset(x, 0, 384);
    x[383] = 1;
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, x, 384, &k), PSA_ERROR_INVALID_ARGUMENT);
    x[383] = 5;
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, x, 384, &k), PSA_ERROR_INVALID_ARGUMENT);
    x[383] = 4; /* 2^2: in the subgroup */
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, x, 384, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    memset(x, 0xff, 384);
    CHECK_STATUS(ct_import(PT_DH, PSA_KEY_USAGE_DERIVE, FIXED, x, 384, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC7919), PSA_KEY_USAGE_DERIVE, FIXED, tok, tl, &k),
                 PSA_ERROR_NOT_SUPPORTED);
    /* Setup: a DH token in an ECC suite and the reverse; group 14; the wrong hashes; RFC 7919. */
    psa_pake_operation_t op = PSA_PAKE_OPERATION_INIT, a, b;
    psa_pake_cipher_suite_t cs = suite(FIXED, 256, 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    if (CHECK_STATUS(derive_pt(256, "home", "pw", NULL, PSA_ALG_WPA3_SAE_ANY, &ecc), PSA_SUCCESS)) {
        cs = suite_of(FIXED, prim_dh(3072), 1);
        CHECK_STATUS(psa_pake_setup(&op, ecc, &cs), PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(ecc);
    }
    cs = suite_of(FIXED, prim_dh(4096), 1); /* a 3072-bit token in the 4096-bit group */
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite_of(FIXED, prim_dh(2048), 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_NOT_SUPPORTED);
    cs = suite_of(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_256), prim_dh(3072), 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite_of(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_384), prim_dh(3072), 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite_of(FIXED, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC7919, 3072), 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_NOT_SUPPORTED);
    /* Peer commits: scalar 0, scalar >= q, element 1, 5 (outside the subgroup), element >= p, a short one. */
    cs = suite_of(FIXED, prim_dh(3072), 1);
    if (!side(&b, pt, &cs, MAC_B, MAC_A) ||
        !CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_COMMIT, cb, sizeof cb, &lb), PSA_SUCCESS)) {
        psa_destroy_key(pt);
        return;
    }
    psa_pake_abort(&b);
    CHECK(lb == 768);
    struct {
        const char *what;
        size_t from, to;
        uint8_t fill, last;
        size_t len;
    } bad[] = {
        { "scalar 0", 0, 384, 0x00, 0x00, 768 },      { "scalar >= q", 0, 384, 0xff, 0xff, 768 },
        { "element 1", 384, 768, 0x00, 0x01, 768 },   { "element 5", 384, 768, 0x00, 0x05, 768 },
        { "element >= p", 384, 768, 0xff, 0xff, 768 }, { "short", 0, 0, 0, 0, 767 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(x, cb, lb);
        if (bad[i].to > bad[i].from) {
            memset(x + bad[i].from, bad[i].fill, bad[i].to - bad[i].from);
            x[bad[i].to - 1] = bad[i].last;
        }
        if (side(&a, pt, &cs, MAC_A, MAC_B)) {
            CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
            if (!CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, x, bad[i].len), PSA_ERROR_INVALID_ARGUMENT)) {
                printf("  case: %s\n", bad[i].what);
            }
            psa_pake_abort(&a);
        }
    }
    /* Our own commit reflected back; a commit too long for the step. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, ca, la), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, 767, &la), PSA_ERROR_BUFFER_TOO_SMALL);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        memcpy(x, cb, lb);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, x, 769), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    psa_destroy_key(pt);
}

/* The looping method: a password key, the PWE from it and both MACs. */
static void test_looping(void)
{
    psa_key_id_t pw = import_password(PSA_ALG_WPA3_SAE_ANY, "mekmitasdigoat");
    exchange_on(FIXED, prim(256), PSA_ALG_SHA_256, pw, NULL, 0);
    exchange_on(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_256), prim(256), PSA_ALG_SHA_256, pw, NULL, 0);
    exchange_on(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384), prim(384), PSA_ALG_SHA_384, pw, NULL, 0);
    exchange_on(FIXED, prim(521), PSA_ALG_SHA_512, pw, NULL, 0);
    exchange_on(FIXED, prim_dh(3072), PSA_ALG_SHA_384, pw, NULL, 0);
    psa_pake_cipher_suite_t cs = suite(FIXED, 256, 1);
    psa_pake_operation_t a = PSA_PAKE_OPERATION_INIT, b = PSA_PAKE_OPERATION_INIT;
    uint8_t ca[PSA_PAKE_OUTPUT_MAX_SIZE], cb[PSA_PAKE_OUTPUT_MAX_SIZE], fb[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t la = 0, lb = 0, n = 0;
    /* The MACs are the PWE's input: both are required before the first step. */
    if (CHECK_STATUS(psa_pake_setup(&a, pw, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_peer(&a, MAC_B, 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    a = psa_pake_operation_init();
    if (CHECK_STATUS(psa_pake_setup(&a, pw, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, ca, 96), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    /* Another password, or other MACs, on one side: the confirm fails. */
    psa_key_id_t other = import_password(FIXED, "mekmitasdigoat!");
    const uint8_t mac_c[6] = { 0x00, 0x0b, 0x6b, 0xd9, 0x02, 0x47 };
    for (int i = 0; i < 2; i++) {
        if (side(&a, pw, &cs, MAC_A, MAC_B) && side(&b, i == 0 ? other : pw, &cs, i == 0 ? MAC_B : mac_c, MAC_A)) {
            CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_COMMIT, cb, sizeof cb, &lb), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_COMMIT, ca, la), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_CONFIRM, fb, sizeof fb, &n), PSA_SUCCESS);
            CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM, fb, n), PSA_ERROR_INVALID_SIGNATURE);
        }
        psa_pake_abort(&a);
        psa_pake_abort(&b);
    }
    /* A password key: usage DERIVE and a WPA3-SAE policy are required; a PASSWORD_HASH key is refused. */
    psa_key_id_t nouse = 0, pol = 0, hashk = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_EXPORT, FIXED, (const uint8_t *)"pw", 2, &nouse),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_pake_setup(&a, nouse, &cs), PSA_ERROR_NOT_PERMITTED);
    pol = import_password(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_256), "pw");
    CHECK_STATUS(psa_pake_setup(&a, pol, &cs), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_USAGE_DERIVE, FIXED, (const uint8_t *)"pw", 2, &hashk),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_pake_setup(&a, hashk, &cs), PSA_ERROR_INVALID_ARGUMENT);
    /* Destroying the password mid-exchange wipes the operation. */
    psa_key_id_t tmp = import_password(FIXED, "short-lived");
    if (side(&a, tmp, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(tmp), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_CONFIRM, fb, sizeof fb, &n), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }
    psa_destroy_key(nouse);
    psa_destroy_key(pol);
    psa_destroy_key(hashk);
    psa_destroy_key(other);
    psa_destroy_key(pw);
}

/* Sets up an H2E derivation `alg` with the SSID "ssid" and password key pk (each step checked). */
static void kdf_ready(psa_key_derivation_operation_t *kdf, psa_algorithm_t alg, psa_key_id_t pk)
{
    CHECK_STATUS(psa_key_derivation_setup(kdf, alg), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"ssid", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, pk), PSA_SUCCESS);
}

static void test_kdf_errors(void)
{
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_id_t pk = import_password(PSA_ALG_WPA3_SAE_ANY, "pw"), k = 0;
    uint8_t out[64];
    psa_key_attributes_t a;
    /* Unsupported hash; then the order of the inputs. */
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_MD5)), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, H2E256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, pk), PSA_ERROR_BAD_STATE);
    psa_key_derivation_abort(&kdf);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, H2E256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, out, 4),
                 PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, H2E256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"ssid", 4),
                 PSA_SUCCESS);
    a = ct_attrs(PT_R1, 256, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_NOT_PERMITTED); /* no password key yet */
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    /* No byte output; wrong key types and sizes; then one token. */
    CHECK_STATUS(psa_key_derivation_output_bytes(&kdf, out, 32), PSA_ERROR_NOT_PERMITTED);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PSA_KEY_TYPE_DERIVE, 256, PSA_KEY_USAGE_DERIVE, 0);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PT_R1, 384, PSA_KEY_USAGE_DERIVE, FIXED); /* SHA-256 is not P-384's hash */
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_BRAINPOOL_P_R1), 256, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_NOT_SUPPORTED);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526), 2048, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_NOT_SUPPORTED);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PT_R1, 0, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    /* Finite-field tokens: SHA-256 is not the 3072-bit group's hash; 1000 bits is no group size;
     * RFC 7919 is not a WPA3-SAE family. */
    kdf_ready(&kdf, H2E256, pk);
    a = ct_attrs(PT_DH, 3072, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_384), pk);
    a = ct_attrs(PT_DH, 1000, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_384), pk);
    a = ct_attrs(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC7919), 3072, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_NOT_SUPPORTED);
    psa_key_derivation_abort(&kdf);
    kdf_ready(&kdf, PSA_ALG_WPA3_SAE_H2E(PSA_ALG_SHA_512), pk);
    a = ct_attrs(PT_DH, 3072, PSA_KEY_USAGE_DERIVE, FIXED); /* SHA-512 is 4096's hash, not 3072's */
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    /* The password given as bytes: no key output (NOT_PERMITTED). */
    CHECK_STATUS(psa_key_derivation_setup(&kdf, H2E256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"ssid", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, (const uint8_t *)"pw", 2),
                 PSA_SUCCESS);
    a = ct_attrs(PT_R1, 256, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_NOT_PERMITTED);
    psa_key_derivation_abort(&kdf);
    /* Another KDF cannot make a password token. */
    psa_key_id_t dk = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256), out, 32, &dk),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_setup(&kdf, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, dk), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_INFO, out, 1), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_output_key(&a, &kdf, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(dk);
    /* A password key whose policy is another algorithm. */
    psa_key_id_t other = import_password(PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), "pw");
    CHECK_STATUS(psa_key_derivation_setup(&kdf, H2E256), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(&kdf, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"ssid", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_PASSWORD, other), PSA_ERROR_NOT_PERMITTED);
    psa_key_derivation_abort(&kdf);
    psa_destroy_key(other);
    psa_destroy_key(pk);
}

static void test_import_errors(void)
{
    uint8_t pt[200];
    size_t n = ct_unhex(J10_PT, pt, sizeof pt);
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_DERIVE, FIXED, pt, n - 1, &k), PSA_ERROR_INVALID_ARGUMENT);
    pt[63] ^= 1; /* off the curve */
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_DERIVE, FIXED, pt, n, &k), PSA_ERROR_INVALID_ARGUMENT);
    pt[63] ^= 1;
    memset(pt + 32, 0, 32);
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_DERIVE, FIXED, pt, n, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_BRAINPOOL_P_R1), PSA_KEY_USAGE_DERIVE, FIXED, pt, n,
                           &k),
                 PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526), PSA_KEY_USAGE_DERIVE, FIXED, pt, n, &k),
                 PSA_ERROR_INVALID_ARGUMENT); /* 512 bits: no RFC 3526 size */
    /* A wrong declared size. */
    ct_unhex(J10_PT, pt, sizeof pt);
    psa_key_attributes_t a = ct_attrs(PT_R1, 384, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_import_key(&a, pt, n, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PT_R1, 256, PSA_KEY_USAGE_DERIVE, FIXED);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
}

static void test_setup_errors(void)
{
    uint8_t ptb[200];
    size_t n = ct_unhex(J10_PT, ptb, sizeof ptb);
    psa_key_id_t pt = 0, nodrv = 0, pol = 0, pw = import_password(FIXED, "password");
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_ANY, ptb, n, &pt), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_EXPORT, PSA_ALG_WPA3_SAE_ANY, ptb, n, &nodrv), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PT_R1, PSA_KEY_USAGE_DERIVE, PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_256), ptb, n, &pol),
                 PSA_SUCCESS);
    psa_pake_operation_t op = PSA_PAKE_OPERATION_INIT;
    psa_pake_cipher_suite_t cs = suite(FIXED, 256, 1);
    CHECK_STATUS(psa_pake_setup(&op, pw, &cs), PSA_SUCCESS); /* the looping method */
    psa_pake_abort(&op);
    CHECK_STATUS(psa_pake_setup(&op, nodrv, &cs), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_pake_setup(&op, pol, &cs), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_pake_setup(&op, 0x7fff0000u, &cs), PSA_ERROR_INVALID_HANDLE);
    cs = suite(FIXED, 384, 1); /* a P-256 token on P-384 */
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite(PSA_ALG_WPA3_SAE_FIXED(PSA_ALG_SHA_384), 256, 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite(PSA_ALG_WPA3_SAE_GDH(PSA_ALG_SHA_384), 256, 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite(PSA_ALG_WPA3_SAE_ANY, 256, 1);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_INVALID_ARGUMENT);
    cs = suite(FIXED, 256, 1);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC3526, 2048));
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_NOT_SUPPORTED);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_BRAINPOOL_P_R1, 256));
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_NOT_SUPPORTED);
    /* A token for SAE cannot serve J-PAKE. */
    cs = suite(PSA_ALG_JPAKE(PSA_ALG_SHA_256), 256, 0);
    CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_ERROR_NOT_PERMITTED);

    /* Parameters. */
    cs = suite(FIXED, 256, 1);
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len = 0;
    if (CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_CLIENT), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_pake_set_user(&op, MAC_A, 6), PSA_ERROR_BAD_STATE); /* the error ended it */
        psa_pake_abort(&op);
    }
    op = psa_pake_operation_init();
    if (CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_role(&op, PSA_PAKE_ROLE_NONE), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_user(&op, MAC_A, 5), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&op);
    }
    op = psa_pake_operation_init();
    if (CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_context(&op, MAC_A, 6), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&op);
    }
    op = psa_pake_operation_init();
    if (CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_user(&op, MAC_A, 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_set_user(&op, MAC_A, 6), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&op);
    }
    op = psa_pake_operation_init();
    if (CHECK_STATUS(psa_pake_setup(&op, pt, &cs), PSA_SUCCESS)) {
        CHECK_STATUS(psa_pake_set_user(&op, MAC_A, 6), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&op, PSA_PAKE_STEP_COMMIT, buf, sizeof buf, &len), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&op);
    }
    psa_destroy_key(pt);
    psa_destroy_key(nodrv);
    psa_destroy_key(pol);
    psa_destroy_key(pw);
}

static void test_step_errors(void)
{
    psa_key_id_t pt = 0;
    if (!CHECK_STATUS(derive_pt(256, "net", "pw", NULL, PSA_ALG_WPA3_SAE_ANY, &pt), PSA_SUCCESS)) {
        return;
    }
    psa_pake_cipher_suite_t cs = suite(FIXED, 256, 1);
    psa_pake_operation_t a, b;
    uint8_t ca[PSA_PAKE_OUTPUT_MAX_SIZE], cb[PSA_PAKE_OUTPUT_MAX_SIZE], x[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t la = 0, lb = 0, n = 0;

    /* Output steps that do not exist, a short buffer, an empty one. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_SHARE, x, sizeof x, &n), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, x, 95, &n), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK(n == 0);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, x, sizeof x, &n), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, NULL, 0, &n), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, NULL, 0), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    /* Confirm and PMKID before the commits; a second commit. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_CONFIRM, x, sizeof x, &n), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_ID, x, sizeof x, &n), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    /* A valid peer commit for the rest. */
    if (!side(&b, pt, &cs, MAC_B, MAC_A) ||
        !CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_COMMIT, cb, sizeof cb, &lb), PSA_SUCCESS)) {
        return;
    }
    psa_pake_abort(&b);
    struct {
        const char *what;
        size_t at;
        int zero;
        size_t len;
    } bad[] = {
        { "scalar 0", 0, 1, 96 },
        { "element off the curve", 95, 0, 96 },
        { "too long", 0, 2, 97 },
        { "too short", 0, 2, 95 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(x, cb, lb);
        x[96] = 0;
        if (bad[i].zero == 1) {
            memset(x, 0, 32);
        } else if (bad[i].zero == 0) {
            x[bad[i].at] ^= 1;
        }
        if (side(&a, pt, &cs, MAC_A, MAC_B)) {
            CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
            if (!CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, x, bad[i].len), PSA_ERROR_INVALID_ARGUMENT)) {
                printf("  case: %s\n", bad[i].what);
            }
            /* The error ended the operation. */
            CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_ERROR_BAD_STATE);
            psa_pake_abort(&a);
        }
    }
    /* Our own commit reflected back. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, ca, la), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    /* Counter, salt and confirm errors; the PMK before the peer's confirm. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        const uint8_t c3[3] = { 1, 0, 0 }, c2[2] = { 2, 1 };
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM_COUNT, c3, 3), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
        side(&a, pt, &cs, MAC_A, MAC_B);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM_COUNT, c2, 2), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_CONFIRM, x, sizeof x, &n), PSA_SUCCESS);
        CHECK(n == 34 && x[0] == 2 && x[1] == 1);
        /* The salt after the keys were derived. */
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, c2, 2), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        uint8_t salt[RUSTPSA_WPA3_SAE_SALT_MAX_SIZE + 1] = { 0 };
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, salt, sizeof salt), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
    }
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        psa_key_attributes_t at = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, 0);
        psa_key_id_t k = 0;
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_get_shared_key(&a, &at, &k), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
        /* A confirm made with another key (B's side never saw our commit). */
        side(&a, pt, &cs, MAC_A, MAC_B);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        memset(x, 0x5a, 34);
        x[0] = 1;
        x[1] = 0;
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM, x, 34), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_KEY_ID, x, sizeof x, &n), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    /* An unconfirmed suite: the PMK right after the commits (HMAC type; a wrong size and type refused). */
    psa_pake_cipher_suite_t ucs = suite(FIXED, 256, 0);
    if (side(&a, pt, &ucs, MAC_A, MAC_B)) {
        psa_key_attributes_t at = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, 0);
        psa_key_id_t k = 0;
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_get_shared_key(&a, &at, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
        side(&a, pt, &ucs, MAC_A, MAC_B);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        at = ct_attrs(PSA_KEY_TYPE_HMAC, 128, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256));
        CHECK_STATUS(psa_pake_get_shared_key(&a, &at, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_pake_abort(&a);
        side(&a, pt, &ucs, MAC_A, MAC_B);
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        at = ct_attrs(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256));
        CHECK_STATUS(psa_pake_get_shared_key(&a, &at, &k), PSA_SUCCESS);
        psa_destroy_key(k);
        psa_pake_abort(&a);
    }
    /* Destroying the token mid-exchange wipes the operation. */
    psa_key_id_t tmp = 0;
    if (CHECK_STATUS(derive_pt(256, "net", "pw", NULL, PSA_ALG_WPA3_SAE_ANY, &tmp), PSA_SUCCESS) &&
        side(&a, tmp, &cs, MAC_A, MAC_B)) {
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(tmp), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_pake_abort(&a), PSA_SUCCESS);
    }
    /* A second salt. */
    if (side(&a, pt, &cs, MAC_A, MAC_B)) {
        const uint8_t salt[2] = { 0x13, 0x00 };
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, salt, 2), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, salt, 2), PSA_ERROR_BAD_STATE);
        psa_pake_abort(&a);
    }
    /* Salt on one side only: the confirms disagree. */
    if (side(&a, pt, &cs, MAC_A, MAC_B) && side(&b, pt, &cs, MAC_B, MAC_A)) {
        const uint8_t salt[2] = { 0x14, 0x00 };
        uint8_t fb[PSA_PAKE_OUTPUT_MAX_SIZE];
        CHECK_STATUS(psa_pake_output(&a, PSA_PAKE_STEP_COMMIT, ca, sizeof ca, &la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_COMMIT, cb, sizeof cb, &lb), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_COMMIT, cb, lb), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&b, PSA_PAKE_STEP_COMMIT, ca, la), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_SALT, salt, 2), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_output(&b, PSA_PAKE_STEP_CONFIRM, fb, sizeof fb, &n), PSA_SUCCESS);
        CHECK_STATUS(psa_pake_input(&a, PSA_PAKE_STEP_CONFIRM, fb, n), PSA_ERROR_INVALID_SIGNATURE);
        psa_pake_abort(&a);
        psa_pake_abort(&b);
    }
    psa_destroy_key(pt);
}

int main(void)
{
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    test_sizes();
    test_pt_known_answers();
    test_exchanges();
    test_kdf_errors();
    test_import_errors();
    test_setup_errors();
    test_step_errors();
    test_ffc();
    test_looping();
    return report();
}
