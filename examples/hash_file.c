/* hash_file.c: SHA-256 of a file, read in chunks with the multi-part hash API.
 *
 *   hash_file [FILE]
 *
 * With no argument it writes a small temporary file and hashes that, so it can
 * run unattended. Prints "<hex digest>  <file>" like sha256sum.
 */
#include <stdio.h>
#include <stdlib.h>

#include <psa/crypto.h>

static int hash_stream(FILE *f, uint8_t *digest, size_t *digest_length)
{
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    uint8_t chunk[4096];
    size_t n;
    psa_status_t status = psa_hash_setup(&op, PSA_ALG_SHA_256);

    if (status == PSA_ERROR_NOT_SUPPORTED) {
        printf("multi-part SHA-256 not supported by this build\n");
        return 2;
    }
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "psa_hash_setup failed: %d\n", (int) status);
        return 1;
    }
    /* Feed the file a chunk at a time: memory use does not grow with its size. */
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        status = psa_hash_update(&op, chunk, n);
        if (status != PSA_SUCCESS) {
            fprintf(stderr, "psa_hash_update failed: %d\n", (int) status);
            psa_hash_abort(&op); /* always release an operation on error */
            return 1;
        }
    }
    if (ferror(f)) {
        perror("read");
        psa_hash_abort(&op);
        return 1;
    }
    status = psa_hash_finish(&op, digest, PSA_HASH_LENGTH(PSA_ALG_SHA_256), digest_length);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "psa_hash_finish failed: %d\n", (int) status);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *path;
    uint8_t digest[PSA_HASH_MAX_SIZE];
    size_t digest_length = 0, i;
    FILE *f;
    int rc;

    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }

    if (argc > 1) {
        path = argv[1];
        f = fopen(path, "rb");
    } else {
        /* No argument: hash a temporary file holding "abc" (whose SHA-256 is
         * ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad). */
        path = "(temporary file containing \"abc\")";
        f = tmpfile();
        if (f != NULL) {
            fputs("abc", f);
            rewind(f);
        }
    }
    if (f == NULL) {
        perror(argc > 1 ? argv[1] : "tmpfile");
        return 1;
    }

    rc = hash_stream(f, digest, &digest_length);
    fclose(f);
    if (rc == 2) {
        return 0; /* feature missing from this build: not an error of the example */
    }
    if (rc != 0) {
        return rc;
    }
    for (i = 0; i < digest_length; i++) {
        printf("%02x", digest[i]);
    }
    printf("  %s\n", path);
    return 0;
}
