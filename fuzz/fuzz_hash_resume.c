/*
 * fuzz_hash_resume: psa_hash_suspend / psa_hash_resume.
 *
 * Input: mode byte, algorithm, then data.
 *  - blob mode: the rest of the input is a suspended-state blob for
 *    psa_hash_resume; on success the operation must take updates, finish
 *    with PSA_HASH_LENGTH bytes and re-suspend to a blob that resumes to the
 *    same digest; on failure the object stays inactive.
 *  - round-trip mode: data split at random points is hashed with a
 *    suspend / resume (into a second, memcpy-free object) at each point;
 *    the digest must equal the one-shot psa_hash_compute, every suspend
 *    length must be <= its buffer (and 0 on failure), and a too-small
 *    suspend buffer gives BUFFER_TOO_SMALL.
 */
#include "fuzz_util.h"

static const psa_algorithm_t ALGS[] = {
    PSA_ALG_SHA_256, PSA_ALG_SHA_1,      PSA_ALG_MD5,         PSA_ALG_RIPEMD160,
    PSA_ALG_SHA_224, PSA_ALG_SHA_384,    PSA_ALG_SHA_512,     PSA_ALG_SHA_512_224,
    PSA_ALG_SHA_512_256, PSA_ALG_SHA3_256, PSA_ALG_SHAKE256_512,
};

#define SUSPEND_MAX 256

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_init();
    return 0;
}

/* Suspends `op` into a heap buffer of `size` bytes; checks the length rules. */
static psa_status_t suspend(psa_hash_operation_t *op, size_t size, uint8_t *out, size_t *len) {
    uint8_t *buf = malloc(size ? size : 1);
    *len = FZ_POISON;
    psa_status_t st = psa_hash_suspend(op, buf, size, len);
    FZ_CHECK(st == PSA_SUCCESS ? *len <= size && *len > 0 : *len == 0);
    if (st == PSA_SUCCESS) memcpy(out, buf, *len);
    free(buf);
    return st;
}

static void blob_mode(fz_in *in) {
    size_t n;
    const uint8_t *p = fz_bytes(in, in->n, &n);
    uint8_t *blob = fz_dup(p, n);
    psa_hash_operation_t *op = calloc(1, sizeof *op);
    psa_status_t st = psa_hash_resume(op, blob, n);
    free(blob);
    if (st != PSA_SUCCESS) {
        /* Nothing started: a step is BAD_STATE, abort and a new setup work. */
        FZ_STATUS(psa_hash_update(op, (const uint8_t *)"x", 1), PSA_ERROR_BAD_STATE);
        FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
        FZ_STATUS(psa_hash_setup(op, PSA_ALG_SHA_256), PSA_SUCCESS);
        FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
        free(op);
        return;
    }
    /* A resumed operation works like any other; find its algorithm. */
    FZ_STATUS(psa_hash_update(op, (const uint8_t *)"abc", 3), PSA_SUCCESS);
    uint8_t s1[SUSPEND_MAX];
    size_t l1;
    st = suspend(op, SUSPEND_MAX, s1, &l1);
    if (st != PSA_SUCCESS) {
        FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
        free(op);
        return;
    }
    uint8_t d1[PSA_HASH_MAX_SIZE], d2[PSA_HASH_MAX_SIZE];
    size_t dl1 = FZ_POISON, dl2 = FZ_POISON;
    psa_hash_operation_t *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    FZ_STATUS(psa_hash_resume(a, s1, l1), PSA_SUCCESS);
    FZ_STATUS(psa_hash_resume(b, s1, l1), PSA_SUCCESS);
    FZ_STATUS(psa_hash_finish(a, d1, sizeof d1, &dl1), PSA_SUCCESS);
    /* Suspend again at once: the same state resumes to the same digest. */
    uint8_t s2[SUSPEND_MAX];
    size_t l2;
    FZ_STATUS(suspend(b, SUSPEND_MAX, s2, &l2), PSA_SUCCESS);
    FZ_CHECK(l2 == l1 && memcmp(s1, s2, l1) == 0);
    FZ_STATUS(psa_hash_resume(b, s2, l2), PSA_SUCCESS);
    FZ_STATUS(psa_hash_finish(b, d2, sizeof d2, &dl2), PSA_SUCCESS);
    FZ_CHECK(dl1 == dl2 && dl1 > 0 && memcmp(d1, d2, dl1) == 0);
    FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
    free(a);
    free(b);
    free(op);
}

static void round_trip(fz_in *in) {
    psa_algorithm_t alg = FZ_PICK(in, ALGS);
    size_t hl = PSA_HASH_LENGTH(alg);
    size_t full = PSA_HASH_SUSPEND_OUTPUT_SIZE(alg);
    psa_hash_operation_t *op = calloc(1, sizeof *op);
    static uint8_t all[4096];
    size_t total = 0;
    FZ_STATUS(psa_hash_setup(op, alg), PSA_SUCCESS);
    int can_suspend = 1;
    while (in->n > 0) {
        size_t n;
        const uint8_t *p = fz_chunk(in, &n);
        uint8_t *d = fz_dup(p, n);
        FZ_STATUS(psa_hash_update(op, d, n), PSA_SUCCESS);
        free(d);
        memcpy(all + total, p, n);
        total += n;
        uint8_t how = fz_u8(in);
        if (!(how & 1) || !can_suspend) continue;
        uint8_t s[SUSPEND_MAX];
        size_t l;
        if (how & 2 && full > 1) {
            /* Too small a buffer: BUFFER_TOO_SMALL, and the operation is then
             * in the error state; start over from a resumed copy of before. */
            psa_hash_operation_t *probe = calloc(1, sizeof *probe);
            FZ_STATUS(psa_hash_clone(op, probe), PSA_SUCCESS);
            FZ_STATUS(suspend(probe, (how >> 2) % 8, s, &l), PSA_ERROR_BUFFER_TOO_SMALL);
            FZ_STATUS(psa_hash_abort(probe), PSA_SUCCESS);
            free(probe);
        }
        psa_status_t st = suspend(op, SUSPEND_MAX, s, &l);
        if (full == 0) {
            /* No suspend format for this algorithm. */
            FZ_STATUS(st, PSA_ERROR_NOT_SUPPORTED);
            can_suspend = 0;
            FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
            FZ_STATUS(psa_hash_setup(op, alg), PSA_SUCCESS);
            FZ_STATUS(psa_hash_update(op, all, total), PSA_SUCCESS);
            continue;
        }
        FZ_STATUS(st, PSA_SUCCESS);
        FZ_CHECK(l <= full); /* the unprocessed block is variable */
        /* The suspended object is inactive; resume into a fresh one. */
        FZ_STATUS(psa_hash_update(op, all, 1), PSA_ERROR_BAD_STATE);
        FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
        FZ_STATUS(psa_hash_resume(op, s, l), PSA_SUCCESS);
    }
    uint8_t d[PSA_HASH_MAX_SIZE], ref[PSA_HASH_MAX_SIZE];
    size_t dl = FZ_POISON, rl = FZ_POISON;
    FZ_STATUS(psa_hash_finish(op, d, sizeof d, &dl), PSA_SUCCESS);
    FZ_STATUS(psa_hash_compute(alg, all, total, ref, sizeof ref, &rl), PSA_SUCCESS);
    FZ_CHECK(dl == hl && rl == hl && memcmp(d, ref, hl) == 0);
    FZ_STATUS(psa_hash_abort(op), PSA_SUCCESS);
    free(op);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_in in = {data, size};
    if (fz_u8(&in) & 1) blob_mode(&in);
    else round_trip(&in);
    fz_store_clean();
    return 0;
}
