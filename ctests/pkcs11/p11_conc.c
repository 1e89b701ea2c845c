/* ctests/pkcs11/p11_conc.c - 8 threads sign with token keys through the PKCS#11
 * driver, declared non-thread-safe (the core serialises the calls: never two
 * in the driver at once) and thread-safe (concurrent calls, one PKCS#11
 * session each; the core holds no driver lock); every signature is checked with the built-in code. A ninth
 * thread destroys a second token key while the others use the first. Then
 * 8 threads run multi-part HMAC operations through the token, both ways.
 * Run under ThreadSanitizer by scripts/pkcs11-test.sh --tsan. */
#include <pthread.h>
#include "p11_common.h"

#define THREADS 8
#define ROUNDS 25

static const psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
static psa_key_id_t tok, pub;
static unsigned long failures;
static pthread_barrier_t start;

static void *worker(void *arg)
{
    uintptr_t t = (uintptr_t)arg;
    pthread_barrier_wait(&start);
    for (int r = 0; r < ROUNDS; r++) {
        uint8_t hash[32], sig[64];
        size_t n = 0;
        memset(hash, (int)(t * 31 + (uintptr_t)r), sizeof hash);
        if (psa_sign_hash(tok, alg, hash, 32, sig, sizeof sig, &n) != PSA_SUCCESS ||
            psa_verify_hash(pub, alg, hash, 32, sig, n) != PSA_SUCCESS)
            __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void *destroyer(void *arg)
{
    psa_key_id_t k = (psa_key_id_t)(uintptr_t)arg;
    pthread_barrier_wait(&start);
    if (psa_destroy_key(k) != PSA_SUCCESS) __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void round_with(uint32_t flags)
{
    CHECK_STATUS(rustpsa_pkcs11_set_flags(flags), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                       PSA_KEY_USAGE_SIGN_HASH, alg, 0);
    psa_key_id_t other = 0;
    CHECK_STATUS(psa_generate_key(&a, &tok), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_key(&a, &other), PSA_SUCCESS);
    uint8_t p[65];
    size_t pl = 0;
    CHECK_STATUS(psa_export_public_key(tok, p, sizeof p, &pl), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), PSA_KEY_USAGE_VERIFY_HASH, alg, p, pl, &pub), PSA_SUCCESS);
    failures = 0;
    pthread_t th[THREADS + 1];
    pthread_barrier_init(&start, NULL, THREADS + 1);
    for (uintptr_t i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)i);
    pthread_create(&th[THREADS], NULL, destroyer, (void *)(uintptr_t)other);
    for (int i = 0; i <= THREADS; i++) pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    CHECK(failures == 0);
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("pkcs11", &st), PSA_SUCCESS);
    /* Two generations, one export, THREADS x ROUNDS signatures, one destroy. */
    CHECK(st.calls == 4 + THREADS * ROUNDS && st.destroyed == 1);
    /* Serialised: never two calls in the driver. Thread-safe: the core takes
     * no driver lock (how many calls overlap depends on the scheduler, so it
     * is reported, not checked; conc_driver.c proves the overlap with a
     * rendezvous inside a C driver). */
    CHECK(st.flags == flags);
    if (!flags) CHECK(st.max_concurrent == 1);
    printf("p11_conc: %s: %d threads x %d token signatures, %llu driver calls, at most %llu at once\n",
           flags ? "thread-safe" : "serialised", THREADS, ROUNDS, (unsigned long long)st.calls,
           (unsigned long long)st.max_concurrent);
    CHECK_STATUS(psa_destroy_key(tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
}

/* Multi-part HMAC through the token from THREADS threads at once, each
 * operation on its own session, checked against the built-in one-shot of a
 * twin key; a thread also abandons an operation each round. */
static psa_key_id_t mac_tok, mac_local;

static void *mac_worker(void *arg)
{
    uintptr_t t = (uintptr_t)arg;
    pthread_barrier_wait(&start);
    for (int r = 0; r < ROUNDS; r++) {
        uint8_t msg[300], m1[32], m2[32];
        size_t n1 = 0, n2 = 0;
        memset(msg, (int)(t * 17 + (uintptr_t)r), sizeof msg);
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT, gone = PSA_MAC_OPERATION_INIT;
        int ok = psa_mac_sign_setup(&gone, mac_tok, PSA_ALG_HMAC(PSA_ALG_SHA_256)) == PSA_SUCCESS &&
                 psa_mac_update(&gone, msg, 7) == PSA_SUCCESS && psa_mac_abort(&gone) == PSA_SUCCESS;
        ok = ok && psa_mac_sign_setup(&op, mac_tok, PSA_ALG_HMAC(PSA_ALG_SHA_256)) == PSA_SUCCESS &&
             psa_mac_update(&op, msg, 100) == PSA_SUCCESS && psa_mac_update(&op, msg + 100, 200) == PSA_SUCCESS &&
             psa_mac_sign_finish(&op, m1, sizeof m1, &n1) == PSA_SUCCESS &&
             psa_mac_compute(mac_local, PSA_ALG_HMAC(PSA_ALG_SHA_256), msg, sizeof msg, m2, sizeof m2, &n2) == PSA_SUCCESS &&
             n1 == 32 && n2 == 32 && memcmp(m1, m2, 32) == 0;
        if (!ok) __atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void mac_round(uint32_t flags)
{
    CHECK_STATUS(rustpsa_pkcs11_set_flags(flags), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    uint8_t k[32];
    for (int i = 0; i < 32; i++) k[i] = (uint8_t)(0x61 + i);
    psa_key_attributes_t a = p11_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), 0);
    CHECK_STATUS(psa_import_key(&a, k, sizeof k, &mac_tok), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256), k, sizeof k, &mac_local), PSA_SUCCESS);
    failures = 0;
    pthread_t th[THREADS];
    pthread_barrier_init(&start, NULL, THREADS);
    for (uintptr_t i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, mac_worker, (void *)i);
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    CHECK(failures == 0);
    rustpsa_driver_stats_t st;
    CHECK_STATUS(rustpsa_driver_get_stats("pkcs11", &st), PSA_SUCCESS);
    CHECK(st.flags == flags);
    if (!flags) CHECK(st.max_concurrent == 1);
    printf("p11_conc: multi-part HMAC %s: %d threads x %d operations, %llu driver calls, at most %llu at once\n",
           flags ? "thread-safe" : "serialised", THREADS, ROUNDS, (unsigned long long)st.calls,
           (unsigned long long)st.max_concurrent);
    CHECK_STATUS(psa_destroy_key(mac_tok), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(mac_local), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
}

int main(void)
{
    if (!p11_setup("p11conc")) {
        printf("p11_conc: SoftHSM2 (softhsm2-util) is not installed: skipped\n");
        return 77;
    }
    CHECK_STATUS(rustpsa_pkcs11_configure(p11_module(), P11_LABEL, P11_PIN), PSA_SUCCESS);
    round_with(0);
    round_with(RUSTPSA_DRIVER_THREAD_SAFE);
    mac_round(0);
    mac_round(RUSTPSA_DRIVER_THREAD_SAFE);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p11_dir);
    if (system(cmd) != 0) FAIL("cannot remove %s", p11_dir);
    return report();
}
