/* ctests/common.c - implementation of the check framework (see common.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long g_passed;
static unsigned long g_failed;

static void count(int ok)
{
    if (ok)
        __atomic_fetch_add(&g_passed, 1UL, __ATOMIC_RELAXED);
    else
        __atomic_fetch_add(&g_failed, 1UL, __ATOMIC_RELAXED);
}

unsigned long ct_passed(void) { return __atomic_load_n(&g_passed, __ATOMIC_RELAXED); }
unsigned long ct_failed(void) { return __atomic_load_n(&g_failed, __ATOMIC_RELAXED); }

int ct_check(int ok, const char *file, int line, const char *text)
{
    count(ok);
    if (!ok) {
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, text);
        fflush(stderr);
    }
    return ok;
}

const char *ct_status_name(psa_status_t s)
{
    static __thread char buf[32];
    switch (s) {
#define N(x) case x: return #x;
    N(PSA_SUCCESS)
    N(PSA_ERROR_PROGRAMMER_ERROR)
    N(PSA_ERROR_CONNECTION_REFUSED)
    N(PSA_ERROR_CONNECTION_BUSY)
    N(PSA_ERROR_GENERIC_ERROR)
    N(PSA_ERROR_NOT_PERMITTED)
    N(PSA_ERROR_NOT_SUPPORTED)
    N(PSA_ERROR_INVALID_ARGUMENT)
    N(PSA_ERROR_INVALID_HANDLE)
    N(PSA_ERROR_BAD_STATE)
    N(PSA_ERROR_BUFFER_TOO_SMALL)
    N(PSA_ERROR_ALREADY_EXISTS)
    N(PSA_ERROR_DOES_NOT_EXIST)
    N(PSA_ERROR_INSUFFICIENT_MEMORY)
    N(PSA_ERROR_INSUFFICIENT_STORAGE)
    N(PSA_ERROR_INSUFFICIENT_DATA)
    N(PSA_ERROR_SERVICE_FAILURE)
    N(PSA_ERROR_COMMUNICATION_FAILURE)
    N(PSA_ERROR_STORAGE_FAILURE)
    N(PSA_ERROR_HARDWARE_FAILURE)
    N(PSA_ERROR_INSUFFICIENT_ENTROPY)
    N(PSA_ERROR_INVALID_SIGNATURE)
    N(PSA_ERROR_INVALID_PADDING)
    N(PSA_ERROR_CORRUPTION_DETECTED)
    N(PSA_ERROR_DATA_CORRUPT)
    N(PSA_ERROR_DATA_INVALID)
    N(PSA_OPERATION_INCOMPLETE)
#undef N
    default:
        snprintf(buf, sizeof buf, "status %d", (int)s);
        return buf;
    }
}

int ct_check_status(psa_status_t got, psa_status_t expected, const char *file, int line,
                    const char *expr, const char *expected_text)
{
    int ok = got == expected;
    count(ok);
    if (!ok) {
        fprintf(stderr, "%s:%d: %s returned %s (%d), expected %s\n", file, line, expr,
                ct_status_name(got), (int)got, expected_text);
        fflush(stderr);
    }
    return ok;
}

int ct_check_status2(psa_status_t got, psa_status_t e1, psa_status_t e2, const char *file,
                     int line, const char *expr)
{
    int ok = got == e1 || got == e2;
    count(ok);
    if (!ok) {
        char a[40];
        snprintf(a, sizeof a, "%s", ct_status_name(e1));
        fprintf(stderr, "%s:%d: %s returned %s (%d), expected %s or %s\n", file, line, expr,
                ct_status_name(got), (int)got, a, ct_status_name(e2));
        fflush(stderr);
    }
    return ok;
}

static void hexdump(FILE *f, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n && i < 96; i++)
        fprintf(f, "%02x", p[i]);
    if (n > 96)
        fprintf(f, "...");
}

int ct_check_mem(const void *got, size_t got_len, const void *exp, size_t exp_len,
                 const char *file, int line, const char *text)
{
    int ok = got_len == exp_len && (got_len == 0 || memcmp(got, exp, got_len) == 0);
    count(ok);
    if (!ok) {
        flockfile(stderr);
        fprintf(stderr, "%s:%d: %s differs:\n  got (%zu)      ", file, line, text, got_len);
        hexdump(stderr, got, got_len);
        fprintf(stderr, "\n  expected (%zu) ", exp_len);
        hexdump(stderr, exp, exp_len);
        fprintf(stderr, "\n");
        funlockfile(stderr);
        fflush(stderr);
    }
    return ok;
}

int ct_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    count(0);
    flockfile(stderr);
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    funlockfile(stderr);
    fflush(stderr);
    return 0;
}

int report(void)
{
    unsigned long p = ct_passed(), f = ct_failed();
    fflush(stderr);
    printf("%lu passed, %lu failed\n", p, f);
    fflush(stdout);
    return f == 0 ? 0 : 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t ct_unhex(const char *hex, uint8_t *buf, size_t buf_size)
{
    size_t n = strlen(hex), i;
    if (n % 2 != 0 || n / 2 > buf_size) {
        fprintf(stderr, "ct_unhex: bad vector '%s'\n", hex);
        abort();
    }
    for (i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "ct_unhex: bad vector '%s'\n", hex);
            abort();
        }
        buf[i] = (uint8_t)(hi * 16 + lo);
    }
    return n / 2;
}

char *ct_make_temp_dir(const char *tag)
{
    char tmpl[256];
    char *p;
    snprintf(tmpl, sizeof tmpl, "/tmp/rustpsa-ctest-%s-XXXXXX", tag);
    if (mkdtemp(tmpl) == NULL) {
        perror("mkdtemp");
        abort();
    }
    p = strdup(tmpl);
    if (p == NULL)
        abort();
    return p;
}

void ct_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

int ct_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    char path[1024];
    int n = 0;
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            n++;
    }
    closedir(d);
    return n;
}

char *ct_use_temp_storage(const char *tag)
{
    char *dir = ct_make_temp_dir(tag);
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    return dir;
}

uint64_t ct_rand_next(uint64_t *state)
{
    uint64_t x = *state;
    if (x == 0)
        x = 0x9e3779b97f4a7c15ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

void ct_rand_fill(uint64_t *state, uint8_t *buf, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (i % 8 == 0) {
            uint64_t r = ct_rand_next(state);
            size_t j;
            for (j = 0; j < 8 && i + j < len; j++)
                buf[i + j] = (uint8_t)(r >> (8 * j));
        }
    }
}

psa_key_attributes_t ct_attrs(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                              psa_algorithm_t alg)
{
    psa_key_attributes_t a = psa_key_attributes_init();
    psa_set_key_type(&a, type);
    psa_set_key_bits(&a, bits);
    psa_set_key_usage_flags(&a, usage);
    psa_set_key_algorithm(&a, alg);
    return a;
}

psa_status_t ct_import(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                       const uint8_t *data, size_t len, psa_key_id_t *key)
{
    psa_key_attributes_t a = ct_attrs(type, 0, usage, alg);
    return psa_import_key(&a, data, len, key);
}

psa_status_t ct_import_persistent(psa_key_id_t id, psa_key_type_t type, psa_key_usage_t usage,
                                  psa_algorithm_t alg, const uint8_t *data, size_t len,
                                  psa_key_id_t *key)
{
    psa_key_attributes_t a = ct_attrs(type, 0, usage, alg);
    psa_set_key_id(&a, id);
    return psa_import_key(&a, data, len, key);
}

/* RFC 4231 section 4.2-4.8, HMAC-SHA-256 columns. */
const ct_hmac_vector_t ct_rfc4231[] = {
    {"RFC 4231 test case 1",
         "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
         "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 0},
    {"RFC 4231 test case 2",
         "4a656665",
         "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 0},
    {"RFC 4231 test case 3",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
         "dddddddddddddddddddddddddddddddddddd",
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 0},
    {"RFC 4231 test case 4",
         "0102030405060708090a0b0c0d0e0f10111213141516171819",
         "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
         "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 0},
    {"RFC 4231 test case 5",
         "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
         "546573742057697468205472756e636174696f6e",
         "a3b6167473100ee06e0c796c2955552b", 16},
    {"RFC 4231 test case 6",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaa",
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
         "65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", 0},
    {"RFC 4231 test case 7",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
         "aaaaaa",
         "5468697320697320612074657374207573696e672061206c6172676572207468"
         "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
         "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
         "647320746f20626520686173686564206265666f7265206265696e6720757365"
         "642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", 0},
};
const size_t ct_rfc4231_count = sizeof ct_rfc4231 / sizeof ct_rfc4231[0];

struct ct_threads {
    int n;
    pthread_t t[];
};

ct_threads_t *ct_start_threads(int n, void *(*fn)(void *), void *args, size_t arg_size)
{
    ct_threads_t *set = malloc(sizeof *set + (n > 0 ? (size_t)n : 0) * sizeof set->t[0]);
    int i;
    if (set == NULL)
        abort();
    set->n = n > 0 ? n : 0;
    for (i = 0; i < set->n; i++) {
        void *arg = args == NULL ? NULL : (char *)args + (size_t)i * arg_size;
        if (pthread_create(&set->t[i], NULL, fn, arg) != 0) {
            FAIL("pthread_create failed for thread %d of %d", i, n);
            abort();
        }
    }
    return set;
}

void ct_join_threads(ct_threads_t *set)
{
    int i;
    for (i = 0; i < set->n; i++)
        pthread_join(set->t[i], NULL);
    free(set);
}

void ct_run_threads(int n, void *(*fn)(void *), void *args, size_t arg_size)
{
    ct_join_threads(ct_start_threads(n, fn, args, arg_size));
}

int ct_step_ok(psa_status_t st, int tolerant, int *gone, const char *file, int line)
{
    if (st == PSA_SUCCESS) {
        return 1;
    }
    if (tolerant && (st == PSA_ERROR_BAD_STATE || st == PSA_ERROR_INVALID_HANDLE)) {
        *gone = 1;
        return 0;
    }
    return ct_fail(file, line, "unexpected status %s", ct_status_name(st));
}

int ct_conc_options(int argc, char **argv, int *threads, int *rounds, const char **only,
                    const char *scenarios)
{
    int c;
    while ((c = getopt(argc, argv, only != NULL ? "t:r:s:" : "t:r:")) != -1) {
        switch (c) {
        case 't': *threads = atoi(optarg); break;
        case 'r': *rounds = atoi(optarg); break;
        case 's': *only = optarg; break;
        default:
            if (only != NULL)
                fprintf(stderr, "usage: %s [-t THREADS] [-r ROUNDS] [-s %s]\n", argv[0], scenarios);
            else
                fprintf(stderr, "usage: %s [-t THREADS] [-r ROUNDS]\n", argv[0]);
            return 2;
        }
    }
    if (*threads < 1)
        *threads = 1;
    return 0;
}
