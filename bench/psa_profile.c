/* psa_profile.c: one PSA call in a loop, for instruction-count profiles.
 *
 *     psa_profile CASE [ITERATIONS]
 *
 * Sets the case up, then runs its step ITERATIONS times (default 2000) and
 * exits; every step's status is checked (exit status 1 on a failure). Run it
 * under `valgrind --tool=callgrind --toggle-collect=profile_loop` so that only
 * the loop is counted (scripts/profile.sh does this and divides by the
 * iteration count); bench/raw_profile.rs is the same loop over the primitive
 * called directly. Standard PSA API only, so it also builds against the
 * reference library. Cases: see `cases[]` below.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psa/crypto.h>

static uint8_t key_bytes[32];
static uint8_t input[64];
static uint8_t hash[64];
static uint8_t sig[1024];
static size_t sig_len;
static uint8_t pub[160];
static size_t pub_len;
static uint8_t out[1024];
static psa_key_id_t key;
static psa_algorithm_t alg;
static size_t hash_len;
static psa_key_id_t *ids;
static size_t count;
static uint64_t rng = 88172645463325252ull;

static size_t next_index(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t) (rng % count);
}

static psa_key_id_t make(psa_key_type_t type, size_t bits, psa_key_usage_t usage, psa_algorithm_t a,
                         const uint8_t *data, size_t len)
{
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t id = 0;
    psa_set_key_type(&at, type);
    psa_set_key_bits(&at, bits);
    psa_set_key_usage_flags(&at, usage);
    psa_set_key_algorithm(&at, a);
    if ((data ? psa_import_key(&at, data, len, &id) : psa_generate_key(&at, &id)) != PSA_SUCCESS) {
        return 0;
    }
    return id;
}

static int sign_step(void)
{
    return psa_sign_hash(key, alg, hash, hash_len, sig, sizeof(sig), &sig_len) != PSA_SUCCESS;
}

static int verify_step(void)
{
    return psa_verify_hash(key, alg, hash, hash_len, sig, sig_len) != PSA_SUCCESS;
}

static int agree_step(void)
{
    size_t n;
    return psa_raw_key_agreement(PSA_ALG_ECDH, key, pub, pub_len, out, sizeof(out), &n) !=
           PSA_SUCCESS;
}

static int attrs_step(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_status_t s = psa_get_key_attributes(ids[next_index()], &a);
    psa_reset_key_attributes(&a);
    return s != PSA_SUCCESS;
}

static int mac_step(void)
{
    size_t n;
    return psa_mac_compute(ids[next_index()], PSA_ALG_HMAC(PSA_ALG_SHA_256), input, 64, out,
                           sizeof(out), &n) != PSA_SUCCESS;
}

static int import_destroy_step(void)
{
    psa_key_id_t id = make(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key_bytes, 16);
    return id == 0 || psa_destroy_key(id) != PSA_SUCCESS;
}

static int gcm_step(void)
{
    size_t n;
    static const uint8_t nonce[12];
    return psa_aead_encrypt(key, PSA_ALG_GCM, nonce, 12, NULL, 0, input, 64, out, sizeof(out),
                            &n) != PSA_SUCCESS;
}

/* A signing key of `type`/`bits` for `a`, and a signature in `sig`. */
static int setup_sign(psa_key_type_t type, size_t bits, psa_algorithm_t a, size_t hlen)
{
    alg = a;
    hash_len = hlen;
    memset(hash, 0x5a, sizeof(hash));
    key = make(type, bits, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, a, NULL, 0);
    return key == 0 || sign_step();
}

static int setup_ecdh(size_t bits)
{
    psa_key_type_t t = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    psa_key_id_t peer = make(t, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, NULL, 0);
    key = make(t, bits, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, NULL, 0);
    if (peer == 0 || key == 0 ||
        psa_export_public_key(peer, pub, sizeof(pub), &pub_len) != PSA_SUCCESS) {
        return 1;
    }
    psa_destroy_key(peer);
    return agree_step();
}

static int setup_keys(size_t n, int hmac)
{
    size_t i;
    count = n;
    ids = calloc(n, sizeof(*ids));
    for (i = 0; ids != NULL && i < n; i++) {
        ids[i] = hmac ? make(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE,
                             PSA_ALG_HMAC(PSA_ALG_SHA_256), key_bytes, 32)
                      : make(PSA_KEY_TYPE_RAW_DATA, 0, 0, 0, key_bytes, 16);
        if (ids[i] == 0) {
            return 1;
        }
        if (hmac) {
            size_t m;
            /* First use builds the prepared state. */
            if (psa_mac_compute(ids[i], PSA_ALG_HMAC(PSA_ALG_SHA_256), input, 64, out,
                                sizeof(out), &m) != PSA_SUCCESS) {
                return 1;
            }
        }
    }
    return ids == NULL;
}

typedef int (*step_fn)(void);

/* The measured loop (callgrind collects inside this function only). */
__attribute__((noinline)) int profile_loop(step_fn step, unsigned long n)
{
    unsigned long i;
    for (i = 0; i < n; i++) {
        if (step() != 0) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
    psa_key_type_t ecc = PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1);
    step_fn step = NULL;
    int bad = 0;
    if (psa_crypto_init() != PSA_SUCCESS) {
        return 1;
    }
    memset(key_bytes, 0x42, sizeof(key_bytes));
    memset(input, 0x17, sizeof(input));
    if (!strcmp(c, "p256-sign")) {
        bad = setup_sign(ecc, 256, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 32), step = sign_step;
    } else if (!strcmp(c, "p256-verify")) {
        bad = setup_sign(ecc, 256, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 32), step = verify_step;
    } else if (!strcmp(c, "p256-det-sign")) {
        bad = setup_sign(ecc, 256, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256), 32), step = sign_step;
    } else if (!strcmp(c, "p384-sign")) {
        bad = setup_sign(ecc, 384, PSA_ALG_ECDSA(PSA_ALG_SHA_384), 48), step = sign_step;
    } else if (!strcmp(c, "p384-det-sign")) {
        bad = setup_sign(ecc, 384, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_384), 48), step = sign_step;
    } else if (!strcmp(c, "p521-det-sign")) {
        bad = setup_sign(ecc, 521, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_512), 64), step = sign_step;
    } else if (!strcmp(c, "p256-ecdh")) {
        bad = setup_ecdh(256), step = agree_step;
    } else if (!strcmp(c, "rsa2048-sign")) {
        bad = setup_sign(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256),
                         32),
        step = sign_step;
    } else if (!strcmp(c, "attrs-16")) {
        bad = setup_keys(16, 0), step = attrs_step;
    } else if (!strcmp(c, "attrs-100000")) {
        bad = setup_keys(100000, 0), step = attrs_step;
    } else if (!strcmp(c, "hmac-16")) {
        bad = setup_keys(16, 1), step = mac_step;
    } else if (!strcmp(c, "hmac-100000")) {
        bad = setup_keys(100000, 1), step = mac_step;
    } else if (!strcmp(c, "import-destroy")) {
        /* Steady state first, as in a long run: 2,000 pairs fill rustpsa's
         * free queue (a freed slot waits for 1,024 others before reuse), so
         * the measured pairs reuse slots instead of growing the table. */
        for (int i = 0; i < 2000 && !bad; i++) {
            bad = import_destroy_step();
        }
        step = import_destroy_step;
    } else if (!strcmp(c, "gcm64")) {
        key = make(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_GCM, key_bytes, 16);
        bad = key == 0 || gcm_step(), step = gcm_step;
    } else {
        fprintf(stderr, "usage: %s CASE [ITERATIONS]\n", argv[0]);
        return 2;
    }
    if (bad || profile_loop(step, n) != 0) {
        fprintf(stderr, "%s failed\n", c);
        return 1;
    }
    return 0;
}
