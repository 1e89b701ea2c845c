/*
 * Shared helpers of the libFuzzer harnesses (fuzz/fuzz_*.c): a reader over
 * the fuzzer's bytes, the invariant check (abort() on violation, so libFuzzer
 * records a crash), and the "store is clean" check every input ends with.
 */
#ifndef RUSTPSA_FUZZ_UTIL_H
#define RUSTPSA_FUZZ_UTIL_H

#include <psa/crypto.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An invariant: when it does not hold, print where and abort. */
#define FZ_CHECK(cond)                                                                      \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "fuzz invariant violated: %s (%s:%d)\n", #cond, __FILE__,       \
                    __LINE__);                                                              \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

/* A status must be `want`. */
#define FZ_STATUS(st, want)                                                                 \
    do {                                                                                    \
        psa_status_t fz_st_ = (st);                                                         \
        if (fz_st_ != (want)) {                                                             \
            fprintf(stderr, "fuzz invariant violated: %s returned %d, expected %d (%s:%d)\n",  \
                    #st, (int)fz_st_, (int)(want), __FILE__, __LINE__);                     \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

/* A value written to output lengths before a call, to see that the call
 * always stores a length. */
#define FZ_POISON ((size_t)0xdeadbeefu)

/* The fuzzer's input, consumed front to back; reads past the end give 0. */
typedef struct {
    const uint8_t *p;
    size_t n;
} fz_in;

static inline uint8_t fz_u8(fz_in *in) {
    if (in->n == 0) return 0;
    in->n--;
    return *in->p++;
}

static inline uint16_t fz_u16(fz_in *in) {
    uint16_t a = fz_u8(in);
    return (uint16_t)(a | (uint16_t)fz_u8(in) << 8);
}

static inline uint32_t fz_u32(fz_in *in) {
    uint32_t a = fz_u16(in);
    return a | (uint32_t)fz_u16(in) << 16;
}

/* Up to `want` bytes (fewer at the end of the input); *got says how many. */
static inline const uint8_t *fz_bytes(fz_in *in, size_t want, size_t *got) {
    const uint8_t *p = in->p;
    if (want > in->n) want = in->n;
    in->p += want;
    in->n -= want;
    *got = want;
    return p;
}

/* A length-prefixed chunk: one byte of length (0..255), then the bytes. */
static inline const uint8_t *fz_chunk(fz_in *in, size_t *got) {
    return fz_bytes(in, fz_u8(in), got);
}

/* Picks one element of a constant table. */
#define FZ_PICK(in, table) ((table)[fz_u8(in) % (sizeof(table) / sizeof((table)[0]))])

/* Every input must leave the key store as it found it: no key in memory. */
static inline void fz_store_clean(void) {
    rustpsa_key_store_stats_t s;
    FZ_STATUS(rustpsa_get_key_store_stats(&s), PSA_SUCCESS);
    FZ_CHECK(s.slots_in_use == 0);
    FZ_CHECK(s.volatile_keys == 0);
    FZ_CHECK(s.persistent_keys_loaded == 0);
}

/* psa_crypto_init once per process, from LLVMFuzzerInitialize. */
static inline void fz_init(void) {
    FZ_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

/* A heap copy of `n` bytes (so ASan sees the exact bounds); never NULL. */
static inline uint8_t *fz_dup(const uint8_t *p, size_t n) {
    uint8_t *d = malloc(n ? n : 1);
    FZ_CHECK(d != NULL);
    if (n) memcpy(d, p, n);
    return d;
}

#endif
