/* tests/pake_interop/jpake_peer.c: one side of an EC J-PAKE exchange (Thread's
 * PSA_ALG_JPAKE(SHA-256) on P-256), speaking a small framed protocol on stdin
 * and stdout, so that two processes built against different libraries can be
 * connected by pipes (tests/pake_interop/run.sh).
 *
 * Built three ways from this one source:
 *   - against rustpsa with the PSA 1.3 API (3-argument psa_pake_setup,
 *     psa_pake_get_shared_key, a key derivation from the shared key);
 *   - with -DAPI_V1 against Mbed TLS 3.5.1 (its PAKE API: 2-argument setup,
 *     psa_pake_set_password_key, psa_pake_get_implicit_key);
 *   - with -DAPI_V1 against rustpsa's Mbed TLS compatibility headers: the
 *     same 3.x program compiled unchanged against rustpsa.
 *
 * usage: jpake_peer ROLE PASSWORD [MODE]
 *   ROLE client|server (user id = ROLE, peer id = the other one)
 *   MODE normal | tamper1 (flip a bit of our first round-one proof) |
 *        tamper2 (of our round-two proof) | wrongpeer (expect peer "servex"/"clienx")
 * Frames: step (1 byte), length (1 byte), data. Prints one line on stderr:
 *   "pms <64 hex>" on success, or "fail <step> <status>" at the failing call,
 *   or "eof" when the peer stopped sending. Exit status 0 unless a local
 *   (non-protocol) error happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <psa/crypto.h>

static psa_pake_operation_t op;
static const char *mode = "normal";

static void die(const char *what, psa_status_t st)
{
    fprintf(stderr, "fail %s %d\n", what, (int)st);
    exit(0);
}

static void put(uint8_t step, const uint8_t *data, size_t len)
{
    uint8_t h[2] = { step, (uint8_t)len };
    if (fwrite(h, 1, 2, stdout) != 2 || fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        exit(2);
    }
}

static size_t get(uint8_t *step, uint8_t *data)
{
    uint8_t h[2];
    if (fread(h, 1, 2, stdin) != 2 || fread(data, 1, h[1], stdin) != h[1]) {
        fprintf(stderr, "eof\n");
        exit(0);
    }
    *step = h[0];
    return h[1];
}

static const psa_pake_step_t STEPS[3] = { PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC, PSA_PAKE_STEP_ZK_PROOF };

static void send_shares(int n, int tamper)
{
    uint8_t buf[PSA_PAKE_OUTPUT_MAX_SIZE];
    size_t len;
    int i, j;
    for (i = 0; i < n; i++) {
        for (j = 0; j < 3; j++) {
            psa_status_t st = psa_pake_output(&op, STEPS[j], buf, sizeof(buf), &len);
            if (st != PSA_SUCCESS) {
                die("output", st);
            }
            if (tamper && i == 0 && j == 2) {
                buf[len - 1] ^= 0x01;
            }
            put(STEPS[j], buf, len);
        }
    }
}

static void receive_shares(int n)
{
    uint8_t buf[256], step;
    int i, j;
    for (i = 0; i < n; i++) {
        for (j = 0; j < 3; j++) {
            size_t len = get(&step, buf);
            psa_status_t st = psa_pake_input(&op, step, buf, len);
            if (st != PSA_SUCCESS) {
                die(j == 2 ? "input-zk-proof" : "input", st);
            }
        }
    }
}

int main(int argc, char **argv)
{
    const char *role, *pw, *peer;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_pake_cipher_suite_t cs = PSA_PAKE_CIPHER_SUITE_INIT;
    psa_key_id_t key = 0, shared = 0;
    psa_status_t st;
    uint8_t pms[32];
    int i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s client|server PASSWORD [MODE]\n", argv[0]);
        return 2;
    }
    role = argv[1];
    pw = argv[2];
    if (argc > 3) {
        mode = argv[3];
    }
    peer = strcmp(role, "client") == 0 ? "server" : "client";
    if (strcmp(mode, "wrongpeer") == 0) {
        peer = strcmp(role, "client") == 0 ? "servex" : "clienx";
    }
    if (psa_crypto_init() != PSA_SUCCESS) {
        return 2;
    }
    psa_set_key_type(&a, PSA_KEY_TYPE_PASSWORD);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE);
    psa_pake_cs_set_primitive(&cs, PSA_PAKE_PRIMITIVE(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256));
#ifdef API_V1
    psa_set_key_algorithm(&a, PSA_ALG_JPAKE);
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE);
    psa_pake_cs_set_hash(&cs, PSA_ALG_SHA_256);
#else
    psa_set_key_algorithm(&a, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    psa_pake_cs_set_key_confirmation(&cs, PSA_PAKE_UNCONFIRMED_KEY);
#endif
    if ((st = psa_import_key(&a, (const uint8_t *)pw, strlen(pw), &key)) != PSA_SUCCESS) {
        die("import", st);
    }
#ifdef API_V1
    if ((st = psa_pake_setup(&op, &cs)) != PSA_SUCCESS) {
        die("setup", st);
    }
    if ((st = psa_pake_set_password_key(&op, key)) != PSA_SUCCESS) {
        die("password", st);
    }
#else
    if ((st = psa_pake_setup(&op, key, &cs)) != PSA_SUCCESS) {
        die("setup", st);
    }
#endif
    if ((st = psa_pake_set_user(&op, (const uint8_t *)role, strlen(role))) != PSA_SUCCESS) {
        die("user", st);
    }
    if ((st = psa_pake_set_peer(&op, (const uint8_t *)peer, strlen(peer))) != PSA_SUCCESS) {
        die("peer", st);
    }
    /* Round one: send ours, then read theirs; round two likewise (pipes
     * buffer the messages, so both sides may write first). */
    send_shares(2, strcmp(mode, "tamper1") == 0);
    receive_shares(2);
    send_shares(1, strcmp(mode, "tamper2") == 0);
    receive_shares(1);

    if ((st = psa_key_derivation_setup(&kdf, PSA_ALG_TLS12_ECJPAKE_TO_PMS)) != PSA_SUCCESS) {
        die("kdf-setup", st);
    }
#ifdef API_V1
    if ((st = psa_pake_get_implicit_key(&op, &kdf)) != PSA_SUCCESS) {
        die("implicit-key", st);
    }
#else
    {
        psa_key_attributes_t sa = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&sa, PSA_KEY_TYPE_DERIVE);
        psa_set_key_usage_flags(&sa, PSA_KEY_USAGE_DERIVE);
        psa_set_key_algorithm(&sa, PSA_ALG_TLS12_ECJPAKE_TO_PMS);
        if ((st = psa_pake_get_shared_key(&op, &sa, &shared)) != PSA_SUCCESS) {
            die("shared-key", st);
        }
        if ((st = psa_key_derivation_input_key(&kdf, PSA_KEY_DERIVATION_INPUT_SECRET, shared)) != PSA_SUCCESS) {
            die("kdf-input", st);
        }
        /* (Destroying `shared` now would wipe the derivation's input: later.) */
    }
#endif
    if ((st = psa_key_derivation_output_bytes(&kdf, pms, sizeof(pms))) != PSA_SUCCESS) {
        die("kdf-output", st);
    }
    psa_key_derivation_abort(&kdf);
    psa_pake_abort(&op);
    psa_destroy_key(key);
    psa_destroy_key(shared);
    fprintf(stderr, "pms ");
    for (i = 0; i < 32; i++) {
        fprintf(stderr, "%02x", pms[i]);
    }
    fprintf(stderr, "\n");
    return 0;
}
