/* ctests/conc_keystore_reuse.c - stale volatile ids under concurrency.
 * A writer thread creates and destroys volatile keys over and over (so their
 * slots are reused: the store is configured with few slots); each key's
 * material is the number n of its creation, published with its id in a ring
 * of recent (id, n) pairs. Reader threads pick recent pairs and read the key
 * through every lookup path (attributes, export, a one-shot MAC, a multi-part
 * MAC setup): each read gives key n exactly, or PSA_ERROR_INVALID_HANDLE —
 * never the key that took over the slot. Run under ThreadSanitizer by
 * ctests/run.sh --tsan. Options: -t READERS (default 3), -r ROUNDS (default
 * 20; 500 creations per round). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

#define RING 4
#define PER_ROUND 500
#define ALG PSA_ALG_HMAC(PSA_ALG_SHA_256)

static struct {
    uint32_t id;
    uint32_t n;
} ring_[RING];
static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static int done;
static int rounds = 20;

static void material(uint32_t n, uint8_t out[32])
{
    memset(out, 0x5c, 32);
    memcpy(out, &n, sizeof n);
}

struct reader {
    pthread_t thread;
    uint64_t rng;
    unsigned long right, gone, wrong;
};

/* One read of key (id, n) through every path; counts the outcome. */
static void read_key(struct reader *r, uint32_t id, uint32_t n)
{
    uint8_t want[32], got[32], mac[32], want_mac[32];
    size_t len = 0, mlen = 0;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    psa_status_t s;
    material(n, want);

    s = psa_get_key_attributes(id, &a);
    if (s == PSA_SUCCESS)
        r->wrong += psa_get_key_id(&a) != id || psa_get_key_bits(&a) != 256;
    else
        r->wrong += s != PSA_ERROR_INVALID_HANDLE;
    psa_reset_key_attributes(&a);

    s = psa_export_key(id, got, sizeof got, &len);
    if (s == PSA_SUCCESS) {
        if (len == 32 && memcmp(got, want, 32) == 0)
            r->right++;
        else
            r->wrong++;
    } else {
        r->gone++;
        r->wrong += s != PSA_ERROR_INVALID_HANDLE;
    }

    /* The one-shot MAC equals the multi-part MAC of the same key, if both
     * succeed (the multi-part one keeps its own copy of the key). */
    s = psa_mac_compute(id, ALG, want, 8, mac, sizeof mac, &mlen);
    if (s != PSA_SUCCESS) {
        r->wrong += s != PSA_ERROR_INVALID_HANDLE;
        return;
    }
    s = psa_mac_sign_setup(&op, id, ALG);
    if (s == PSA_SUCCESS && psa_mac_update(&op, want, 8) == PSA_SUCCESS &&
        psa_mac_sign_finish(&op, want_mac, sizeof want_mac, &len) == PSA_SUCCESS) {
        /* both used key n (the compute came first, and a stale id cannot
         * reach the slot's next key) */
        r->wrong += len != mlen || memcmp(mac, want_mac, len) != 0;
    } else {
        r->wrong += s != PSA_SUCCESS && s != PSA_ERROR_INVALID_HANDLE;
    }
    psa_mac_abort(&op);
}

static void *reader_main(void *p)
{
    struct reader *r = p;
    while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
        uint32_t id, n;
        unsigned k = (unsigned) (ct_rand_next(&r->rng) % RING);
        pthread_mutex_lock(&ring_lock);
        id = ring_[k].id;
        n = ring_[k].n;
        pthread_mutex_unlock(&ring_lock);
        if (id != 0)
            read_key(r, id, n);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    struct reader readers[16];
    int nreaders = 3, opt, i;
    uint32_t n = 0;
    unsigned long right = 0, gone = 0, wrong = 0, made = 0;
    while ((opt = getopt(argc, argv, "t:r:")) != -1) {
        if (opt == 't')
            nreaders = atoi(optarg);
        else if (opt == 'r')
            rounds = atoi(optarg);
    }
    if (nreaders < 1 || nreaders > 16)
        nreaders = 3;
    /* Few slots: every new key reuses the slot of a destroyed one. */
    CHECK_STATUS(rustpsa_set_key_slot_capacity(RING + 2), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    for (i = 0; i < nreaders; i++) {
        readers[i].rng = 0x9e3779b97f4a7c15ull * (uint64_t) (i + 1);
        readers[i].right = readers[i].gone = readers[i].wrong = 0;
        pthread_create(&readers[i].thread, NULL, reader_main, &readers[i]);
    }
    for (i = 0; i < rounds * PER_ROUND; i++) {
        uint8_t m[32];
        psa_key_id_t id = 0, old;
        unsigned k = (unsigned) (i % RING);
        /* Retire the oldest key, then make its successor (which usually
         * takes a freed slot: the store has RING + 2 slots). */
        pthread_mutex_lock(&ring_lock);
        old = ring_[k].id;
        ring_[k].id = 0;
        pthread_mutex_unlock(&ring_lock);
        if (old != 0)
            CHECK_STATUS(psa_destroy_key(old), PSA_SUCCESS);
        material(++n, m);
        if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                                    PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE, ALG, m,
                                    sizeof m, &id),
                          PSA_SUCCESS))
            break;
        made++;
        pthread_mutex_lock(&ring_lock);
        ring_[k].id = id;
        ring_[k].n = n;
        pthread_mutex_unlock(&ring_lock);
        /* Readers that copied the pair keep using the id after it is gone. */
        if (i % 16 == 0)
            sched_yield();
    }
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    for (i = 0; i < nreaders; i++) {
        pthread_join(readers[i].thread, NULL);
        right += readers[i].right;
        gone += readers[i].gone;
        wrong += readers[i].wrong;
    }
    for (i = 0; i < RING; i++) {
        if (ring_[i].id != 0)
            CHECK_STATUS(psa_destroy_key(ring_[i].id), PSA_SUCCESS);
    }
    CHECK(made == (unsigned long) rounds * PER_ROUND);
    CHECK(wrong == 0);
    printf("conc_keystore_reuse: %d readers, %lu keys made; reads: key right %s, stale "
           "id refused %s\n",
           nreaders, made, right > 0 ? "seen" : "not seen", gone > 0 ? "seen" : "not seen");
    mbedtls_psa_crypto_free();
    return report();
}
