/*
 * make_corpus: writes the seed corpus fuzz/corpus/<target>/ from valid
 * inputs made with the library itself (generated RSA/ECC keys, a suspend
 * blob, a real key file) and hand-written command sequences in each
 * harness's input format. Run by `fuzz/build.sh --corpus`; the output is
 * committed.
 */
#define _DEFAULT_SOURCE
#include <psa/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(x)                                                           \
    do {                                                                   \
        if (!(x)) {                                                        \
            fprintf(stderr, "make_corpus: %s failed (line %d)\n", #x, __LINE__); \
            exit(1);                                                       \
        }                                                                  \
    } while (0)

static const char *root;

typedef struct {
    uint8_t b[8192];
    size_t n;
} seed;

static void add(seed *s, const void *p, size_t n) {
    CHECK(s->n + n <= sizeof s->b);
    memcpy(s->b + s->n, p, n);
    s->n += n;
}
static void add8(seed *s, uint8_t v) { add(s, &v, 1); }
static void add32(seed *s, uint32_t v) {
    for (int i = 0; i < 4; i++) add8(s, (uint8_t)(v >> (8 * i)));
}
static void chunk(seed *s, const char *text) {
    add8(s, (uint8_t)strlen(text));
    add(s, text, strlen(text));
}

static void save(const char *target, const char *name, const seed *s) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, target);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", root, target, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(s->b, 1, s->n, f) == s->n);
    fclose(f);
}

/* A generated key's export (private or public). */
static size_t gen_export(psa_key_type_t type, size_t bits, int public_only, uint8_t *out, size_t cap) {
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&at, type);
    psa_set_key_bits(&at, bits);
    psa_set_key_usage_flags(&at, PSA_KEY_USAGE_EXPORT);
    psa_key_id_t id = 0;
    CHECK(psa_generate_key(&at, &id) == PSA_SUCCESS);
    size_t n = 0;
    CHECK((public_only ? psa_export_public_key(id, out, cap, &n) : psa_export_key(id, out, cap, &n)) == PSA_SUCCESS);
    CHECK(psa_destroy_key(id) == PSA_SUCCESS);
    return n;
}

/* fuzz_import: tsel, bsel, usage, asel, data (indices into its tables). */
static void import_seed(const char *name, uint8_t tsel, uint8_t bsel, uint32_t usage, uint8_t asel,
                        const uint8_t *data, size_t n) {
    seed s = {{0}, 0};
    add8(&s, tsel);
    add8(&s, bsel);
    add32(&s, usage);
    add8(&s, asel);
    add(&s, data, n);
    save("fuzz_import", name, &s);
}

static void import_corpus(void) {
    static uint8_t k[PSA_EXPORT_KEY_PAIR_MAX_SIZE];
    size_t n;
    for (size_t i = 0; i < 32; i++) k[i] = (uint8_t)(i * 7 + 1);
    import_seed("aes128-gcm", 6, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT, 5, k, 16);
    import_seed("hmac-sha256", 1, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_HASH, 2, k, 32);
    n = gen_export(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, 0, k, sizeof k);
    import_seed("rsa1024-pair", 12, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_HASH, 12, k, n);
    n = gen_export(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, 1, k, sizeof k);
    import_seed("rsa1024-public", 13, 0, PSA_KEY_USAGE_VERIFY_HASH, 14, k, n);
    n = gen_export(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, 0, k, sizeof k);
    import_seed("p256-pair", 14, 2 | (2 << 2), PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_HASH, 8, k, n);
    n = gen_export(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, 1, k, sizeof k);
    import_seed("p256-public", 15, 0, 0, 8, k, n);
    n = gen_export(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, 1, k, sizeof k);
    import_seed("ed25519-public", 23, 0, PSA_KEY_USAGE_VERIFY_MESSAGE, 10, k, n);
    n = gen_export(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, 0, k, sizeof k);
    import_seed("x25519-pair", 20, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_DERIVE, 11, k, n);
}

/* fuzz_ops: algorithm index, 32 key bytes, commands. */
static void ops_start(seed *s, uint8_t alg_index) {
    s->n = 0;
    add8(s, alg_index);
    for (int i = 0; i < 32; i++) add8(s, (uint8_t)(0x30 + i));
}

static void ops_corpus(void) {
    seed s;
    /* SHA-256: setup, update, update, finish; then a verify round. */
    ops_start(&s, 0);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 1), chunk(&s, "hello "), add8(&s, 1);
    add8(&s, 2), chunk(&s, "world"), add8(&s, 1);
    add8(&s, 3), add8(&s, 0), add8(&s, 0);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 1), chunk(&s, "abc"), add8(&s, 1);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    save("fuzz_ops", "hash-sha256", &s);
    /* SHA-256 memcpy'd to slot 1, used there, the stale copy probed. */
    ops_start(&s, 0);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 1), chunk(&s, "moved"), add8(&s, 1);
    add8(&s, 8);
    add8(&s, 0x83), chunk(&s, "on"), add8(&s, 1);
    add8(&s, 1), chunk(&s, "stale"), add8(&s, 1);
    add8(&s, 0x85 - 2), add8(&s, 0), add8(&s, 0);
    save("fuzz_ops", "hash-memcpy", &s);
    /* HMAC-SHA-256 sign, then verify. */
    ops_start(&s, 11);
    add8(&s, 0), add8(&s, 1);
    add8(&s, 1), chunk(&s, "message"), add8(&s, 1);
    add8(&s, 3), add8(&s, 0), add8(&s, 0);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 1), chunk(&s, "message"), add8(&s, 1);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    save("fuzz_ops", "mac-hmac", &s);
    /* AES-CBC-PKCS7 encrypt: generate IV, two updates, finish. */
    ops_start(&s, 20);
    add8(&s, 0), add8(&s, 1);
    add8(&s, 4), add8(&s, 3);
    add8(&s, 1), chunk(&s, "0123456789abcdefXYZ"), add8(&s, 1);
    add8(&s, 2), chunk(&s, "tail"), add8(&s, 1);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    save("fuzz_ops", "cipher-cbc", &s);
    /* AES-128-GCM encrypt with lengths, nonce, AD, update, finish. */
    ops_start(&s, 27);
    add8(&s, 0), add8(&s, 1);
    add8(&s, 5), add8(&s, 1), add8(&s, 2), add8(&s, 5), add8(&s, 0);
    add8(&s, 4), add8(&s, 3);
    add8(&s, 5), add8(&s, 0), chunk(&s, "ad");
    add8(&s, 1), chunk(&s, "plain"), add8(&s, 1);
    add8(&s, 3), add8(&s, 2), add8(&s, 0);
    save("fuzz_ops", "aead-gcm", &s);
    /* ChaCha20-Poly1305 decrypt: nonce, AD, update, verify with the right tag. */
    ops_start(&s, 32);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 4), add8(&s, 0);
    for (int i = 0; i < 12; i++) add8(&s, (uint8_t)(0xa0 + i));
    add8(&s, 5), add8(&s, 0), chunk(&s, "header");
    add8(&s, 1), chunk(&s, "ciphertext"), add8(&s, 1);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    save("fuzz_ops", "aead-chachapoly-verify", &s);
    /* AES-CCM encrypt: lengths, generated nonce, AD, update, finish. */
    ops_start(&s, 30);
    add8(&s, 0), add8(&s, 1);
    add8(&s, 5), add8(&s, 1), add8(&s, 2), add8(&s, 5), add8(&s, 0);
    add8(&s, 4), add8(&s, 3);
    add8(&s, 5), add8(&s, 0), chunk(&s, "ad");
    add8(&s, 1), chunk(&s, "plain"), add8(&s, 1);
    add8(&s, 3), add8(&s, 2), add8(&s, 0);
    save("fuzz_ops", "aead-ccm", &s);
    /* CCM decrypt with a set nonce, then the key destroyed mid-way. */
    ops_start(&s, 30);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 5), add8(&s, 1), add8(&s, 0), add8(&s, 4), add8(&s, 0);
    add8(&s, 4), add8(&s, 0);
    for (int i = 0; i < 13; i++) add8(&s, (uint8_t)i);
    add8(&s, 1), chunk(&s, "ciph"), add8(&s, 1);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    add8(&s, 0), add8(&s, 0);
    add8(&s, 0x79);
    add8(&s, 3), add8(&s, 1), add8(&s, 0);
    save("fuzz_ops", "aead-ccm-destroy", &s);
}

static void derive_corpus(void) {
    seed s;
    /* HKDF-SHA-256: salt, secret key, info, output bytes, output key. */
    s.n = 0;
    add8(&s, 0);
    add8(&s, 0);
    add8(&s, 3), add8(&s, 1), chunk(&s, "salt");
    add8(&s, 6), add8(&s, 0), add8(&s, 0), chunk(&s, "0123456789abcdef");
    add8(&s, 3), add8(&s, 2), chunk(&s, "info");
    add8(&s, 7), add8(&s, 32);
    add8(&s, 9), add8(&s, 0x03);
    add8(&s, 1);
    save("fuzz_derive", "hkdf", &s);
    /* PBKDF2-HMAC-SHA-256: cost, salt, password, capacity, output. */
    s.n = 0;
    add8(&s, 6);
    add8(&s, 0);
    add8(&s, 5), add8(&s, 6), add32(&s, 3);
    add8(&s, 3), add8(&s, 1), chunk(&s, "NaCl");
    add8(&s, 3), add8(&s, 5), chunk(&s, "password");
    add8(&s, 2), add8(&s, 40);
    add8(&s, 7), add8(&s, 20);
    add8(&s, 8), add8(&s, 30);
    save("fuzz_derive", "pbkdf2", &s);
    /* TLS 1.2 PRF: seed, secret, label, output. */
    s.n = 0;
    add8(&s, 4);
    add8(&s, 0);
    add8(&s, 3), add8(&s, 4), chunk(&s, "seedseedseed");
    add8(&s, 3), add8(&s, 0), chunk(&s, "secretsecret");
    add8(&s, 3), add8(&s, 3), chunk(&s, "master secret");
    add8(&s, 7), add8(&s, 48);
    add8(&s, 10);
    save("fuzz_derive", "tls12-prf", &s);
    /* SP 800-108 HMAC: secret, label, context, output, set_capacity after. */
    s.n = 0;
    add8(&s, 8);
    add8(&s, 0);
    add8(&s, 6), add8(&s, 0), add8(&s, 3), chunk(&s, "0123456789abcdef0123456789abcdef");
    add8(&s, 3), add8(&s, 3), chunk(&s, "label");
    add8(&s, 3), add8(&s, 7), chunk(&s, "context");
    add8(&s, 7), add8(&s, 16);
    add8(&s, 2), add8(&s, 8);
    save("fuzz_derive", "sp800-108", &s);
}

static void resume_corpus(void) {
    seed s;
    /* Round trips: SHA-256 and MD5, a suspend after each chunk. */
    s.n = 0;
    add8(&s, 0), add8(&s, 0);
    chunk(&s, "abc"), add8(&s, 1);
    chunk(&s, "0123456789012345678901234567890123456789012345678901234567890123456789"), add8(&s, 3);
    chunk(&s, "end"), add8(&s, 0);
    save("fuzz_hash_resume", "sha256-roundtrip", &s);
    s.n = 0;
    add8(&s, 0), add8(&s, 2);
    chunk(&s, "md5 data"), add8(&s, 1);
    chunk(&s, "more"), add8(&s, 1);
    save("fuzz_hash_resume", "md5-roundtrip", &s);
    s.n = 0;
    add8(&s, 0), add8(&s, 6);
    chunk(&s, "sha-512 input"), add8(&s, 0x0b);
    save("fuzz_hash_resume", "sha512-roundtrip", &s);
    /* Blobs: real suspend states. */
    const psa_algorithm_t algs[] = {PSA_ALG_SHA_256, PSA_ALG_SHA_1, PSA_ALG_SHA_384};
    const char *names[] = {"blob-sha256", "blob-sha1", "blob-sha384"};
    for (int i = 0; i < 3; i++) {
        psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
        CHECK(psa_hash_setup(&op, algs[i]) == PSA_SUCCESS);
        CHECK(psa_hash_update(&op, (const uint8_t *)"suspended input", 15) == PSA_SUCCESS);
        uint8_t blob[256];
        size_t n = 0;
        CHECK(psa_hash_suspend(&op, blob, sizeof blob, &n) == PSA_SUCCESS);
        s.n = 0;
        add8(&s, 1);
        add(&s, blob, n);
        save("fuzz_hash_resume", names[i], &s);
    }
}

static void keyfile_corpus(const char *dir) {
    seed s;
    /* Real key files, written by the library. */
    const psa_key_type_t types[] = {PSA_KEY_TYPE_AES, PSA_KEY_TYPE_HMAC,
                                    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)};
    const size_t bits[] = {128, 256, 256};
    const psa_algorithm_t algs[] = {PSA_ALG_CTR, PSA_ALG_HMAC(PSA_ALG_SHA_256),
                                    PSA_ALG_ECDSA(PSA_ALG_SHA_256)};
    const char *names[] = {"file-aes", "file-hmac", "file-p256"};
    for (int i = 0; i < 3; i++) {
        psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&at, types[i]);
        psa_set_key_bits(&at, bits[i]);
        psa_set_key_id(&at, 0x1234);
        psa_set_key_usage_flags(&at, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE);
        psa_set_key_algorithm(&at, algs[i]);
        psa_key_id_t id = 0;
        CHECK(psa_generate_key(&at, &id) == PSA_SUCCESS);
        char path[512];
        snprintf(path, sizeof path, "%s/key-%08x.psa", dir, 0x1234);
        FILE *f = fopen(path, "rb");
        CHECK(f != NULL);
        s.n = 0;
        add8(&s, 1);
        s.n += fread(s.b + 1, 1, sizeof s.b - 1, f);
        fclose(f);
        CHECK(psa_destroy_key(id) == PSA_SUCCESS);
        save("fuzz_keyfile", names[i], &s);
    }
    /* Record mode: AES-128 with a valid checksum, and an RSA type. */
    s.n = 0;
    add8(&s, 0);
    add8(&s, 0), add8(&s, 16), add8(&s, 0), add8(&s, 1);
    add32(&s, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT), add32(&s, PSA_ALG_CTR), add8(&s, 0);
    add8(&s, 0);
    for (int i = 0; i < 16; i++) add8(&s, (uint8_t)i);
    save("fuzz_keyfile", "record-aes", &s);
    s.n = 0;
    add8(&s, 0);
    add8(&s, 1), add8(&s, 32), add8(&s, 2), add8(&s, 1);
    add32(&s, PSA_KEY_USAGE_SIGN_MESSAGE), add32(&s, PSA_ALG_HMAC(PSA_ALG_SHA_256)), add8(&s, 0);
    add8(&s, 0);
    for (int i = 0; i < 32; i++) add8(&s, (uint8_t)(i + 1));
    save("fuzz_keyfile", "record-hmac-readonly", &s);
}

int main(int argc, char **argv) {
    CHECK(argc == 2);
    root = argv[1];
    mkdir(root, 0755);
    char dir[] = "/tmp/rustpsa-make-corpus-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK(rustpsa_set_storage_dir(dir) == PSA_SUCCESS);
    CHECK(psa_crypto_init() == PSA_SUCCESS);
    import_corpus();
    ops_corpus();
    derive_corpus();
    resume_corpus();
    keyfile_corpus(dir);
    rmdir(dir);
    printf("make_corpus: seeds written to %s\n", root);
    return 0;
}
