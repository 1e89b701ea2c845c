/* tests/keywrap_crosscheck/driver.c - line-driven psa_wrap_key / psa_unwrap_key for the
 * cross-check against Python's `cryptography` (scripts/crosscheck-keywrap.sh).
 *
 * stdin, one request a line:   W <alg hex> <kek hex> <data hex>
 *                              U <alg hex> <kek hex> <wrapped hex>
 * stdout, one answer a line:   OK <hex>   or   ERR <status>
 * The key-encryption key is an AES key; wrapped data are a RAW_DATA key. */
#include <psa/crypto.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t unhex(const char *s, uint8_t *out, size_t max)
{
    size_t n = strlen(s) / 2, i;
    if (n > max)
        exit(2);
    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            exit(2);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void hexout(const uint8_t *b, size_t n)
{
    size_t i;
    fputs("OK ", stdout);
    for (i = 0; i < n; i++)
        printf("%02x", b[i]);
    putchar('\n');
}

int main(void)
{
    static char line[40000], op[4], algs[16], kekh[80], datah[20000];
    static uint8_t kek[32], data[10000], out[10100];
    if (psa_crypto_init() != PSA_SUCCESS)
        return 1;
    while (fgets(line, sizeof line, stdin)) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t w = 0, k = 0;
        psa_algorithm_t alg;
        size_t kl, dl, n = 0;
        psa_status_t st;
        if (sscanf(line, "%3s %15s %79s %19999s", op, algs, kekh, datah) != 4)
            return 2;
        alg = (psa_algorithm_t)strtoul(algs, NULL, 16);
        kl = unhex(kekh, kek, sizeof kek);
        dl = unhex(datah, data, sizeof data);
        psa_set_key_type(&a, PSA_KEY_TYPE_AES);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP);
        psa_set_key_algorithm(&a, alg);
        st = psa_import_key(&a, kek, kl, &w);
        psa_reset_key_attributes(&a);
        psa_set_key_type(&a, PSA_KEY_TYPE_RAW_DATA);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
        if (st == PSA_SUCCESS && op[0] == 'W') {
            st = psa_import_key(&a, data, dl, &k);
            if (st == PSA_SUCCESS)
                st = psa_wrap_key(w, alg, k, out, sizeof out, &n);
        } else if (st == PSA_SUCCESS) {
            st = psa_unwrap_key(&a, w, alg, data, dl, &k);
            if (st == PSA_SUCCESS)
                st = psa_export_key(k, out, sizeof out, &n);
        }
        if (st == PSA_SUCCESS)
            hexout(out, n);
        else
            printf("ERR %d\n", (int)st);
        fflush(stdout);
        psa_destroy_key(k);
        psa_destroy_key(w);
    }
    mbedtls_psa_crypto_free();
    return 0;
}
