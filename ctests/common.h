/* ctests/common.h - a tiny thread-safe check framework for the rustpsa C tests.
 *
 * CHECK(cond) and CHECK_STATUS(expr, expected) count passes and failures with
 * atomic counters (safe from any thread), print "file:line: message" on failure
 * and evaluate to 1 when the check passed, 0 when it failed, so a test can bail
 * out early: `if (!CHECK_STATUS(psa_import_key(...), PSA_SUCCESS)) return;`.
 * report() prints exactly "N passed, M failed" on its own line and returns the
 * exit code (0 when nothing failed).
 *
 * Only C99 plus GCC/Clang __atomic builtins, so the headers can be compiled with
 * -std=c99 -pedantic.
 */
#ifndef RUSTPSA_CTESTS_COMMON_H
#define RUSTPSA_CTESTS_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <psa/crypto.h>

#define CHECK(cond) ct_check(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_STATUS(expr, expected) \
    ct_check_status((expr), (expected), __FILE__, __LINE__, #expr, #expected)
/* The status must be one of two accepted values. */
#define CHECK_STATUS2(expr, expected1, expected2) \
    ct_check_status2((expr), (expected1), (expected2), __FILE__, __LINE__, #expr)
/* Byte-by-byte comparison; prints both buffers in hex on mismatch. */
#define CHECK_MEM(got, got_len, exp, exp_len) \
    ct_check_mem((got), (got_len), (exp), (exp_len), __FILE__, __LINE__, #got)
/* Explicit failure with a formatted message. */
#define FAIL(...) ct_fail(__FILE__, __LINE__, __VA_ARGS__)

int ct_check(int ok, const char *file, int line, const char *text);
int ct_check_status(psa_status_t got, psa_status_t expected, const char *file, int line,
                    const char *expr, const char *expected_text);
int ct_check_status2(psa_status_t got, psa_status_t e1, psa_status_t e2, const char *file,
                     int line, const char *expr);
int ct_check_mem(const void *got, size_t got_len, const void *exp, size_t exp_len,
                 const char *file, int line, const char *text);
int ct_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Current counters (atomic loads). */
unsigned long ct_passed(void);
unsigned long ct_failed(void);
/* Prints "N passed, M failed" and returns 0 when M == 0, 1 otherwise. */
int report(void);

/* The name of a PSA status code ("PSA_ERROR_INVALID_ARGUMENT"), or "status -N". */
const char *ct_status_name(psa_status_t status);

/* Parses a hex string (no separators) into buf; returns the byte count. Aborts on
 * malformed input or overflow: only used for literal test vectors. */
size_t ct_unhex(const char *hex, uint8_t *buf, size_t buf_size);

/* Creates a fresh directory /tmp/rustpsa-ctest-TAG-XXXXXX; returns a malloc'd path.
 * Aborts on failure. */
char *ct_make_temp_dir(const char *tag);
/* Removes the regular files inside dir and the directory itself (non-recursive). */
void ct_remove_dir(const char *dir);
/* Number of regular files in dir (-1 when it cannot be opened). */
int ct_count_files(const char *dir);
/* Makes a fresh temp dir and installs it with rustpsa_set_storage_dir (must be
 * called before psa_crypto_init). Returns the malloc'd path. */
char *ct_use_temp_storage(const char *tag);

/* Small deterministic PRNG (xorshift64*), per caller state. */
uint64_t ct_rand_next(uint64_t *state);
void ct_rand_fill(uint64_t *state, uint8_t *buf, size_t len);

/* Attribute helper: fills a fresh attribute object. */
psa_key_attributes_t ct_attrs(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                              psa_algorithm_t alg);
/* Imports a volatile key; returns the status, the id in *key. */
psa_status_t ct_import(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                       const uint8_t *data, size_t len, psa_key_id_t *key);
/* Imports a persistent key with the given id. */
psa_status_t ct_import_persistent(psa_key_id_t id, psa_key_type_t type, psa_key_usage_t usage,
                                  psa_algorithm_t alg, const uint8_t *data, size_t len,
                                  psa_key_id_t *key);

/* RFC 4231 HMAC-SHA-256 test cases 1-7 (published known answers). Test case 5 only
 * publishes the first 16 bytes of the MAC (truncated_len = 16); the others 32. */
typedef struct {
    const char *name;
    const char *key_hex;
    const char *data_hex;
    const char *mac_hex;
    size_t truncated_len; /* 0 when the full 32-byte MAC is given */
} ct_hmac_vector_t;
extern const ct_hmac_vector_t ct_rfc4231[];
extern const size_t ct_rfc4231_count;

/* Concurrency scaffolding shared by the conc_*.c scenarios. */

/* Sequentially consistent loads, stores and increments of the counters and
 * flags the scenarios' threads share (ThreadSanitizer sees each one). */
#define ALOAD(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define ASTORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)
#define AINC(x) __atomic_fetch_add(&(x), 1, __ATOMIC_SEQ_CST)

/* A step of an operation whose key another thread may destroy meanwhile:
 * 1 on success; 0 when tolerant and the status is PSA_ERROR_BAD_STATE (the
 * operation's secrets were wiped) or PSA_ERROR_INVALID_HANDLE (a setup after
 * the destroy), setting *gone; otherwise a failed check at the caller's
 * line, and 0. */
#define CT_STEP_OK(st, tolerant, gone) ct_step_ok((st), (tolerant), (gone), __FILE__, __LINE__)
int ct_step_ok(psa_status_t st, int tolerant, int *gone, const char *file, int line);

/* Starts fn in n threads: thread i gets (char *)args + i * arg_size (every
 * thread gets NULL when args is NULL). Aborts, after a failed check, when a
 * thread cannot be created. ct_join_threads joins them and frees the set. */
typedef struct ct_threads ct_threads_t;
ct_threads_t *ct_start_threads(int n, void *(*fn)(void *), void *args, size_t arg_size);
void ct_join_threads(ct_threads_t *threads);
/* ct_start_threads then ct_join_threads. */
void ct_run_threads(int n, void *(*fn)(void *), void *args, size_t arg_size);

/* Parses the scenario options "-t THREADS -r ROUNDS" and, when only is not
 * NULL, "-s NAME" (scenarios lists the names for the usage line). Threads
 * below 1 become 1. Returns 0, or 2 after printing the usage line. */
int ct_conc_options(int argc, char **argv, int *threads, int *rounds, const char **only,
                    const char *scenarios);

#endif /* RUSTPSA_CTESTS_COMMON_H */
