/* bench/pkcs11_bench.c - ECDSA P-256 sign_hash through the PKCS#11 driver
 * (a fresh SoftHSM2 token) beside the built-in implementation.
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
    printf("%-44s %10.0f ops/s\n", "ECDSA P-256 sign_hash, built-in", rl);
    printf("%-44s %10.0f ops/s  (%.2fx of built-in)\n", "ECDSA P-256 sign_hash, PKCS#11 (SoftHSM2)", rt, rt / rl);
    psa_destroy_key(tok);
    psa_destroy_key(local);
    mbedtls_psa_crypto_free();
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p11_dir);
    return system(cmd) != 0;
}
