/* bench/pkcs11_bench.c - ECDSA P-256 sign_hash through the PKCS#11 driver
 * (a fresh SoftHSM2 token) beside the built-in implementation (AWS-LC), and a
 * multi-part HMAC-SHA-256 (1 KiB in 4 updates) through the token beside the
 * built-in one.
 * Build and run: scripts/pkcs11-bench.sh (prints one row per implementation). */
#include <time.h>
#include "../ctests/pkcs11/p11_common.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double rate(psa_key_id_t k, int n)
{
    uint8_t hash[32] = {1}, sig[64];
    size_t sl;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        hash[0] = (uint8_t)i;
        if (psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &sl) != PSA_SUCCESS) {
            printf("sign failed\n");
            return 0;
        }
    }
    return n / (now() - t0);
}

static double mac_rate(psa_key_id_t k, int n)
{
    uint8_t msg[1024] = {3}, mac[32];
    size_t ml;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        msg[0] = (uint8_t)i;
        int ok = psa_mac_sign_setup(&op, k, PSA_ALG_HMAC(PSA_ALG_SHA_256)) == PSA_SUCCESS;
        for (int j = 0; ok && j < 4; j++) ok = psa_mac_update(&op, msg + 256 * j, 256) == PSA_SUCCESS;
        if (!ok || psa_mac_sign_finish(&op, mac, sizeof mac, &ml) != PSA_SUCCESS) {
            printf("mac failed\n");
            return 0;
        }
    }
    return n / (now() - t0);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    if (!p11_setup("p11bench")) {
        printf("pkcs11_bench: SoftHSM2 is not installed: skipped\n");
        return 0;
    }
    if (rustpsa_pkcs11_configure(p11_module(), P11_LABEL, P11_PIN) != PSA_SUCCESS || psa_crypto_init() != PSA_SUCCESS) {
        printf("pkcs11_bench: init failed\n");
        return 1;
    }
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                       PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0);
    psa_key_id_t tok = 0, local = 0;
    psa_generate_key(&a, &tok);
    psa_key_attributes_t b = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                      PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_ECDSA(PSA_ALG_SHA_256));
    psa_generate_key(&b, &local);
    rate(tok, n / 10);
    rate(local, n / 10); /* warm-up */
    double rt = rate(tok, n), rl = rate(local, n);
    printf("%-52s %10.0f ops/s\n", "ECDSA P-256 sign_hash, built-in (AWS-LC)", rl);
    printf("%-52s %10.0f ops/s  (%.3fx of built-in)\n", "ECDSA P-256 sign_hash, PKCS#11 (SoftHSM2)", rt, rt / rl);
    psa_destroy_key(tok);
    psa_destroy_key(local);
    uint8_t hk[32] = {7};
    psa_key_attributes_t h = p11_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), 0);
    psa_import_key(&h, hk, sizeof hk, &tok);
    psa_key_attributes_t hl = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    psa_import_key(&hl, hk, sizeof hk, &local);
    mac_rate(tok, n / 10);
    mac_rate(local, n / 10);
    double mt = mac_rate(tok, n), ml = mac_rate(local, n);
    printf("%-52s %10.0f ops/s\n", "HMAC-SHA-256 1 KiB multi-part, built-in", ml);
    printf("%-52s %10.0f ops/s  (%.3fx of built-in)\n", "HMAC-SHA-256 1 KiB multi-part, PKCS#11 (SoftHSM2)", mt, mt / ml);
    psa_destroy_key(tok);
    psa_destroy_key(local);
    mbedtls_psa_crypto_free();
    /* The hooks' cost for built-in multi-part operations while a driver is
     * active: a local-key HMAC with the PKCS#11 driver active and with no
     * driver at all, alternating, best of 5 each (the machine's load varies). */
    double with = 0, without = 0;
    unsetenv("RUSTPSA_PKCS11_MODULE");
    for (int round = 0; round < 10; round++) {
        int active = round % 2 == 0;
        if (active) rustpsa_pkcs11_configure(p11_module(), P11_LABEL, P11_PIN);
        else rustpsa_pkcs11_configure(NULL, NULL, NULL);
        if (psa_crypto_init() != PSA_SUCCESS || psa_import_key(&hl, hk, sizeof hk, &local) != PSA_SUCCESS) break;
        mac_rate(local, n / 10);
        double r = mac_rate(local, n);
        if (active && r > with) with = r;
        if (!active && r > without) without = r;
        psa_destroy_key(local);
        mbedtls_psa_crypto_free();
    }
    printf("%-52s %10.0f ops/s  (%.3fx of no driver: %.0f ops/s)\n", "HMAC-SHA-256 1 KiB multi-part, built-in, PKCS#11 active",
           with, without > 0 ? with / without : 0, without);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p11_dir);
    return system(cmd) != 0;
}
