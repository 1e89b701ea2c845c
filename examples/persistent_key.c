/* persistent_key.c: a key that survives a restart of the program.
 *
 * A key whose attributes carry an id (psa_set_key_id) is persistent: rustpsa
 * writes it to the storage directory (RUSTPSA_STORAGE_DIR, else
 * ./rustpsa-storage; or rustpsa_set_storage_dir() before psa_crypto_init) and
 * any later process can use it by that id.
 *
 *   persistent_key create    # process 1: store the key
 *   persistent_key use       # process 2, 3, ...: use it by id
 *   persistent_key destroy   # remove it from storage
 *   persistent_key           # all of it: create, a restart of the library in
 *                            # this process, "use" in a new process (fork+exec
 *                            # of this program), then destroy
 *
 * The key is the HMAC-SHA-256 key of RFC 4231 test case 2, so every phase can
 * check its result against the published MAC (a real application would use
 * psa_generate_key and never see the key bytes).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <psa/crypto.h>

#define KEY_ID ((psa_key_id_t) 0x00005053)
#define ALG PSA_ALG_HMAC(PSA_ALG_SHA_256)

static const uint8_t key_bytes[] = "Jefe";
static const uint8_t message[] = "what do ya want for nothing?";
static const uint8_t expected_mac[32] = {
    0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
    0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
};

static int create(void)
{
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t key = PSA_KEY_ID_NULL;
    psa_status_t status;

    psa_set_key_id(&attributes, KEY_ID); /* this makes the key persistent */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, ALG);
    status = psa_import_key(&attributes, key_bytes, sizeof key_bytes - 1, &key);
    if (status == PSA_ERROR_ALREADY_EXISTS) {
        printf("create: key 0x%08x already exists in storage\n", (unsigned) KEY_ID);
        return 0;
    }
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "create: psa_import_key failed: %d\n", (int) status);
        return 1;
    }
    printf("create: stored key 0x%08x\n", (unsigned) key);
    return 0;
}

static int use(const char *who)
{
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_status_t status;

    /* Nothing to open: the id is enough; the key is loaded from storage on demand. */
    status = psa_get_key_attributes(KEY_ID, &attributes);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: key 0x%08x not found: %d\n", who, (unsigned) KEY_ID, (int) status);
        return 1;
    }
    status = psa_mac_verify(KEY_ID, ALG, message, sizeof message - 1,
                            expected_mac, sizeof expected_mac);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_mac_verify failed: %d\n", who, (int) status);
        return 1;
    }
    printf("%s: key 0x%08x (%s, %u bits) loaded from storage, MAC verified\n", who,
           (unsigned) KEY_ID,
           PSA_KEY_LIFETIME_IS_VOLATILE(psa_get_key_lifetime(&attributes)) ? "volatile"
                                                                            : "persistent",
           (unsigned) psa_get_key_bits(&attributes));
    psa_reset_key_attributes(&attributes);
    return 0;
}

static int destroy(void)
{
    /* Destroying a persistent key also deletes it from storage. */
    psa_status_t status = psa_destroy_key(KEY_ID);
    if (status != PSA_SUCCESS && status != PSA_ERROR_INVALID_HANDLE) {
        fprintf(stderr, "destroy: psa_destroy_key failed: %d\n", (int) status);
        return 1;
    }
    printf("destroy: key 0x%08x %s\n", (unsigned) KEY_ID,
           status == PSA_SUCCESS ? "removed from storage" : "was not there");
    return 0;
}

/* Runs this program again with one phase argument: a genuinely new process. */
static int run_phase_in_child(const char *self, const char *phase)
{
    int wstatus = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execl("/proc/self/exe", self, phase, (char *) NULL);
        execl(self, self, phase, (char *) NULL); /* where /proc is absent */
        perror("exec");
        _exit(127);
    }
    if (waitpid(pid, &wstatus, 0) < 0) {
        perror("waitpid");
        return 1;
    }
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1;
}

int main(int argc, char **argv)
{
    int rc;

    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }
    if (argc > 1) {
        if (strcmp(argv[1], "create") == 0) return create();
        if (strcmp(argv[1], "use") == 0) return use("use");
        if (strcmp(argv[1], "destroy") == 0) return destroy();
        fprintf(stderr, "usage: %s [create|use|destroy]\n", argv[0]);
        return 2;
    }

    /* The whole story in one run. Start from a clean state. */
    rc = destroy() || create();
    if (rc != 0) return rc;

    /* A restart of the library: every key leaves memory, storage remains. */
    mbedtls_psa_crypto_free();
    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init (again) failed\n");
        return 1;
    }
    rc = use("after restart");

    /* A restart of the program. */
    if (rc == 0) rc = run_phase_in_child(argv[0], "use");

    return destroy() || rc;
}
