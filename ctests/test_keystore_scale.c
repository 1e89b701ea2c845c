/* test_keystore_scale.c: 100,000 volatile keys; destroyed keys' slots are
 * reused, and every stale id gives PSA_ERROR_INVALID_HANDLE, never the key
 * that now lives in its slot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define MANY 100000

static psa_key_id_t ids[MANY];
static psa_key_id_t stale[MANY / 2];

/* The key material of key number n: its number in the first four bytes. */
static void material(uint32_t n, uint8_t out[16])
{
    memset(out, 0xa5, 16);
    memcpy(out, &n, sizeof n);
}

static psa_status_t make(uint32_t n, psa_key_id_t *id)
{
    uint8_t m[16];
    material(n, m);
    return ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                     PSA_ALG_HMAC(PSA_ALG_SHA_256), m, sizeof m, id);
}

/* Whether key `id` reads back as key number n (attributes and material). */
static int is_key(psa_key_id_t id, uint32_t n)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    uint8_t m[16], got[16];
    size_t len = 0;
    int ok;
    material(n, m);
    ok = psa_get_key_attributes(id, &a) == PSA_SUCCESS && psa_get_key_id(&a) == id &&
         psa_get_key_type(&a) == PSA_KEY_TYPE_HMAC && psa_get_key_bits(&a) == 128 &&
         psa_export_key(id, got, sizeof got, &len) == PSA_SUCCESS && len == 16 &&
         memcmp(got, m, 16) == 0;
    psa_reset_key_attributes(&a);
    return ok;
}

static int cmp_id(const void *a, const void *b)
{
    psa_key_id_t x = *(const psa_key_id_t *) a, y = *(const psa_key_id_t *) b;
    return x < y ? -1 : x > y;
}

/* No two ids equal, every id in the vendor range. */
static int distinct(const psa_key_id_t *v, size_t n)
{
    psa_key_id_t *s = malloc(n * sizeof *s);
    size_t i, bad = 0;
    if (s == NULL)
        abort();
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_id);
    for (i = 0; i < n; i++) {
        if (s[i] < PSA_KEY_ID_VENDOR_MIN || s[i] > PSA_KEY_ID_VENDOR_MAX ||
            (i > 0 && s[i] == s[i - 1]))
            bad++;
    }
    free(s);
    return bad == 0;
}

int main(void)
{
    rustpsa_key_store_stats_t st0, st;
    size_t i, made = 0, wrong = 0, alive = 0, absent = 0, reused = 0;
    uint8_t out[32];
    size_t len;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    if (!CHECK_STATUS(rustpsa_get_key_store_stats(&st0), PSA_SUCCESS))
        return report();

    for (i = 0; i < MANY; i++) {
        if (make((uint32_t) i, &ids[i]) != PSA_SUCCESS)
            break;
        made++;
    }
    CHECK(made == MANY);
    if (made != MANY)
        return report();
    CHECK(distinct(ids, MANY));
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS))
        CHECK(st.volatile_keys == st0.volatile_keys + MANY);
    for (i = 0; i < MANY; i++)
        wrong += !is_key(ids[i], (uint32_t) i);
    CHECK(wrong == 0);

    /* Destroy every other key; its id becomes stale. */
    for (i = 0; i < MANY; i += 2) {
        stale[i / 2] = ids[i];
        wrong += psa_destroy_key(ids[i]) != PSA_SUCCESS;
    }
    CHECK(wrong == 0);
    for (i = 0; i < MANY / 2; i++) {
        absent += psa_get_key_attributes(stale[i], &a) == PSA_ERROR_INVALID_HANDLE &&
                  psa_export_key(stale[i], out, sizeof out, &len) == PSA_ERROR_INVALID_HANDLE &&
                  psa_mac_compute(stale[i], PSA_ALG_HMAC(PSA_ALG_SHA_256), out, 4, out,
                                  sizeof out, &len) == PSA_ERROR_INVALID_HANDLE;
    }
    CHECK(absent == MANY / 2);

    /* New keys fill the freed slots. */
    for (i = 0; i < MANY; i += 2)
        wrong += make((uint32_t) (MANY + i), &ids[i]) != PSA_SUCCESS;
    CHECK(wrong == 0);
    CHECK(distinct(ids, MANY));
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS)) {
        CHECK(st.volatile_keys == st0.volatile_keys + MANY);
        CHECK(st.slots_in_use == st0.slots_in_use + MANY);
    }
    /* Stale ids still name nothing; the new keys and the survivors read back. */
    absent = 0;
    for (i = 0; i < MANY / 2; i++) {
        absent += psa_get_key_attributes(stale[i], &a) == PSA_ERROR_INVALID_HANDLE &&
                  psa_export_key(stale[i], out, sizeof out, &len) == PSA_ERROR_INVALID_HANDLE &&
                  psa_destroy_key(stale[i]) == PSA_ERROR_INVALID_HANDLE;
    }
    CHECK(absent == MANY / 2);
    for (i = 0; i < MANY; i++) {
        if (is_key(ids[i], (uint32_t) (i % 2 == 0 ? MANY + i : i)))
            alive++;
    }
    CHECK(alive == MANY);
    /* No new key was given a stale id, though most took a freed slot. */
    {
        psa_key_id_t *s = malloc((MANY / 2) * sizeof *s);
        if (s == NULL)
            abort();
        memcpy(s, stale, (MANY / 2) * sizeof *s);
        qsort(s, MANY / 2, sizeof *s, cmp_id);
        for (i = 0; i < MANY; i += 2) {
            psa_key_id_t id = ids[i];
            reused += bsearch(&id, s, MANY / 2, sizeof *s, cmp_id) == NULL;
        }
        free(s);
        CHECK(reused == MANY / 2);
    }

    /* Destroy everything: the store is empty again. */
    wrong = 0;
    for (i = 0; i < MANY; i++)
        wrong += psa_destroy_key(ids[i]) != PSA_SUCCESS;
    CHECK(wrong == 0);
    absent = 0;
    for (i = 0; i < MANY; i++)
        absent += psa_get_key_attributes(ids[i], &a) == PSA_ERROR_INVALID_HANDLE;
    CHECK(absent == MANY);
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_SUCCESS)) {
        CHECK(st.volatile_keys == st0.volatile_keys);
        CHECK(st.slots_in_use == st0.slots_in_use);
    }
    mbedtls_psa_crypto_free();
    return report();
}
