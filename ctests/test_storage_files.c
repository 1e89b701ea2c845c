/* ctests/test_storage_files.c - the key-file directory under hostile conditions.
 *
 *  1. stale temporary files (crashed writers, older versions) are wiped and removed
 *     at init and when their id is destroyed; a file a live writer holds locked and
 *     a fresh old-style one are left alone; a destroyed key's file is wiped;
 *  2. a key file that is a symlink (to /dev/zero), a FIFO, oversized (also a sparse
 *     1 GiB file) or owned by another uid is refused quickly with DATA_CORRUPT and
 *     can still be destroyed;
 *  3. the storage directory: group/other writable or foreign-owned is refused by
 *     psa_crypto_init with STORAGE_FAILURE; a relative path is resolved at init;
 *     a missing one is created mode 0700; $RUSTPSA_STORAGE_DIR is ignored when
 *     the group id is not the effective one (secure_getenv semantics);
 *  4. forged records with a valid checksum whose attributes do not fit their
 *     material are DATA_INVALID (the checks of psa_import_key) and destroyable;
 *     a valid READ_ONLY key loads and works, psa_destroy_key returns NOT_PERMITTED;
 *  5. storage full (RLIMIT_FSIZE, and a 64 KiB tmpfs when mounting is allowed):
 *     creation fails with INSUFFICIENT_STORAGE, nothing half-written remains,
 *     existing keys still load. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define OTHER_UID 12345
#define LIFETIME_READ_ONLY                                                                        \
    PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_READ_ONLY,                 \
                                                   PSA_KEY_LOCATION_LOCAL_STORAGE)

static const uint8_t aes128[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                   0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};

/* An RSA-512 key pair (DER RSAPrivateKey), generated for this test with openssl. */
static const char *rsa512_hex =
    "3082013b020100024100c5a192b5d9fdf8b875e987217a35b6de858a39d75f213d2a1c68c6c497ca9d206620cf"
    "554863c59bf5136ad03bd16f681e1d2b3286daab637fcd4fff0355c1bb0203010001024100861e070d0819d57f80"
    "ed70f9e410adc04709ae051d96d6064cef41ecca4202ec7542db6714688ef1d05186cf1fd4e8dc8917cf823046b4"
    "1e788ff82533c8fa69022100fda6e7d32ad97f903372b5b3a123ba6c5792a6eeb04d012d1d9d80ade061831f0221"
    "00c775e95cb0d0fa9388bd243ee3a748f51073d2a8133788f27fa4c638adf4a9e502203add46057a77392454dc35"
    "10b7bf9bded2bfe4df95a8793268220a1fcfe7b14f022100b6e6a8d7164c8b7a3e2932d3786e2db88b1daa4df551"
    "3783270931bb47c8d30102202d227594052de1a823f6e5a4d10ebfb53beccd9dadf6a408efe36def7844b2a4";

static int is_root(void) { return geteuid() == 0; }

static void key_path(const char *dir, uint32_t id, char *out, size_t n)
{
    snprintf(out, n, "%s/key-%08x.psa", dir, (unsigned)id);
}

static int exists(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0;
}

static int start(const char *dir)
{
    if (!CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS))
        return 0;
    return CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

static void restart(const char *dir)
{
    mbedtls_psa_crypto_free();
    start(dir);
}

static void write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (CHECK(fd >= 0)) {
        CHECK(write(fd, data, len) == (ssize_t)len);
        close(fd);
    }
}

/* Whether the open file fd holds only zero bytes (and at least one). */
static int all_zero(int fd)
{
    uint8_t buf[512];
    ssize_t n, i, total = 0;
    lseek(fd, 0, SEEK_SET);
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (i = 0; i < n; i++)
            if (buf[i] != 0)
                return 0;
        total += n;
    }
    return total > 0;
}

static void set_old_mtime(const char *path)
{
    struct timespec ts[2];
    ts[0].tv_sec = ts[1].tv_sec = time(NULL) - 3600;
    ts[0].tv_nsec = ts[1].tv_nsec = 0;
    CHECK(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW) == 0);
}

/* ---- the on-disk format (src/storage/format.rs) ---- */

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

typedef struct {
    uint16_t type, bits;
    uint32_t lifetime, id, usage, alg, alg2;
} record_t;

/* Writes the key file of r.id (named after `file_id`) with a valid checksum
 * (SHA-256 through the library). */
static void forge(const char *dir, uint32_t file_id, const record_t *r, const uint8_t *m,
                  size_t mlen)
{
    uint8_t buf[2048];
    size_t n = 16 + 24 + mlen, hl = 0;
    char path[1100];
    if (!CHECK(n + 32 <= sizeof buf))
        return;
    memcpy(buf, "RUSTPSA\0", 8);
    put32(buf + 8, 1);
    put32(buf + 12, (uint32_t)(24 + mlen));
    put16(buf + 16, r->type);
    put16(buf + 18, r->bits);
    put32(buf + 20, r->lifetime);
    put32(buf + 24, r->id);
    put32(buf + 28, r->usage);
    put32(buf + 32, r->alg);
    put32(buf + 36, r->alg2);
    if (mlen)
        memcpy(buf + 40, m, mlen);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, n, buf + n, 32, &hl), PSA_SUCCESS);
    key_path(dir, file_id, path, sizeof path);
    write_file(path, buf, n + 32);
}

/* ---- 1. stale temporary files ---- */

static void test_sweep(void)
{
    char *dir = ct_make_temp_dir("sweep");
    char stale[1100], old_stale[1100], old_fresh[1100], live[1100], other[1100], linked[1100];
    char kp[1100];
    const char secret[] = "a complete key record in the clear";
    int fd_stale, fd_old, fd_live, fd_key;
    uint8_t out[16];
    size_t olen = 0;
    psa_key_id_t k = 0;

    fprintf(stderr, "# stale temporary files\n");
    snprintf(stale, sizeof stale, "%s/.key-00000007.0123456789abcdef0123456789abcdef.tmp", dir);
    snprintf(old_stale, sizeof old_stale, "%s/.key-00000008.4242.0.tmp", dir);
    snprintf(old_fresh, sizeof old_fresh, "%s/.key-00000008.4243.0.tmp", dir);
    snprintf(live, sizeof live, "%s/.key-00000007.fedcba9876543210fedcba9876543210.tmp", dir);
    snprintf(other, sizeof other, "%s/.key-00000009.00112233445566778899aabbccddeeff.tmp", dir);
    write_file(stale, secret, sizeof secret);
    write_file(old_stale, secret, sizeof secret);
    set_old_mtime(old_stale);
    write_file(old_fresh, secret, sizeof secret);
    write_file(live, secret, sizeof secret);
    fd_stale = open(stale, O_RDONLY);
    fd_old = open(old_stale, O_RDONLY);
    fd_live = open(live, O_RDWR);
    CHECK(fd_stale >= 0 && fd_old >= 0 && fd_live >= 0);
    /* a live writer holds its file locked */
    CHECK(flock(fd_live, LOCK_EX) == 0);
    if (!start(dir))
        return;
    CHECK(!exists(stale));
    CHECK(!exists(old_stale));
    CHECK(all_zero(fd_stale));
    CHECK(all_zero(fd_old));
    CHECK(exists(live));
    CHECK(exists(old_fresh));
    /* on destroy of an id, that id's stale files go, no other id's */
    CHECK_STATUS(ct_import_persistent(7, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16, &k),
                 PSA_SUCCESS);
    snprintf(stale, sizeof stale, "%s/.key-00000007.00000000000000000000000000000001.tmp", dir);
    write_file(stale, secret, sizeof secret);
    write_file(other, secret, sizeof secret);
    close(fd_stale);
    fd_stale = open(stale, O_RDONLY);
    key_path(dir, 7, kp, sizeof kp);
    fd_key = open(kp, O_RDONLY);
    CHECK(fd_key >= 0);
    CHECK_STATUS(psa_destroy_key(7), PSA_SUCCESS);
    CHECK(!exists(kp));
    CHECK(!exists(stale));
    CHECK(all_zero(fd_stale));
    CHECK(all_zero(fd_key)); /* the destroyed key's file content is wiped too */
    CHECK(exists(live));
    CHECK(exists(other));
    /* an old writer that crashed after linking: the temp name shares the key's file */
    CHECK_STATUS(ct_import_persistent(10, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16,
                                      &k),
                 PSA_SUCCESS);
    key_path(dir, 10, kp, sizeof kp);
    snprintf(linked, sizeof linked, "%s/.key-0000000a.4244.3.tmp", dir);
    CHECK(link(kp, linked) == 0);
    set_old_mtime(kp);
    /* the live writer finishes (unlocks) */
    flock(fd_live, LOCK_UN);
    restart(dir);
    CHECK(!exists(live));
    CHECK(!exists(other));
    CHECK(!exists(linked));
    CHECK(all_zero(fd_live));
    CHECK(exists(old_fresh)); /* still under a minute old */
    if (CHECK_STATUS(psa_export_key(10, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, aes128, 16);
    CHECK_STATUS(psa_destroy_key(10), PSA_SUCCESS);
    set_old_mtime(old_fresh);
    restart(dir);
    CHECK(!exists(old_fresh));
    CHECK(ct_count_files(dir) == 0);
    close(fd_stale);
    close(fd_old);
    close(fd_live);
    close(fd_key);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
}

/* ---- 2. hostile key files ---- */

static void refused_then_destroyed(const char *dir, uint32_t id, const char *what)
{
    uint8_t out[64];
    size_t olen = 7;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    char p[1100];
    psa_key_id_t k = 1;
    struct timespec t0, t1;
    fprintf(stderr, "# hostile key file: %s\n", what);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_STATUS(psa_export_key(id, out, sizeof out, &olen), PSA_ERROR_DATA_CORRUPT);
    CHECK(olen == 0);
    CHECK_STATUS(psa_get_key_attributes(id, &a), PSA_ERROR_DATA_CORRUPT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(t1.tv_sec - t0.tv_sec < 5); /* quickly: no hang, no giant read */
    CHECK_STATUS(ct_import_persistent(id, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16,
                                      &k),
                 PSA_ERROR_ALREADY_EXISTS);
    CHECK(k == 0);
    CHECK_STATUS(psa_destroy_key(id), PSA_SUCCESS);
    key_path(dir, id, p, sizeof p);
    CHECK(!exists(p));
}

static void test_hostile_files(void)
{
    char *dir = ct_make_temp_dir("hostile");
    char p[1100];
    int fd;
    psa_key_id_t k = 0;
    if (!start(dir))
        return;
    key_path(dir, 0x20, p, sizeof p);
    CHECK(symlink("/dev/zero", p) == 0);
    refused_then_destroyed(dir, 0x20, "symlink to /dev/zero");
    CHECK(exists("/dev/zero"));
    key_path(dir, 0x21, p, sizeof p);
    CHECK(mkfifo(p, 0600) == 0);
    refused_then_destroyed(dir, 0x21, "FIFO");
    /* a symlink to a valid key file of another id is not followed either */
    CHECK_STATUS(ct_import_persistent(0x22, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16,
                                      &k),
                 PSA_SUCCESS);
    key_path(dir, 0x23, p, sizeof p);
    CHECK(symlink("key-00000022.psa", p) == 0);
    refused_then_destroyed(dir, 0x23, "symlink to a key file");
    CHECK_STATUS(psa_destroy_key(0x22), PSA_SUCCESS);
    /* oversized: one byte above the 64 KiB cap, and a sparse 1 GiB file */
    key_path(dir, 0x24, p, sizeof p);
    fd = open(p, O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0 && ftruncate(fd, 64 * 1024 + 1) == 0);
    close(fd);
    refused_then_destroyed(dir, 0x24, "64 KiB + 1 byte");
    key_path(dir, 0x25, p, sizeof p);
    fd = open(p, O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)1 << 30) == 0);
    close(fd);
    refused_then_destroyed(dir, 0x25, "sparse 1 GiB");
    /* a directory where the file should be */
    key_path(dir, 0x26, p, sizeof p);
    CHECK(mkdir(p, 0700) == 0);
    {
        uint8_t out[16];
        size_t olen;
        CHECK_STATUS(psa_export_key(0x26, out, sizeof out, &olen), PSA_ERROR_DATA_CORRUPT);
    }
    rmdir(p);
    /* another uid's file */
    if (is_root()) {
        CHECK_STATUS(ct_import_persistent(0x27, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128,
                                          16, &k),
                     PSA_SUCCESS);
        key_path(dir, 0x27, p, sizeof p);
        CHECK(chown(p, OTHER_UID, OTHER_UID) == 0);
        restart(dir);
        refused_then_destroyed(dir, 0x27, "owned by another uid");
    } else {
        printf("storage: SKIPPED the foreign-owner file case: not root\n");
    }
    if (!CHECK(ct_count_files(dir) == 0))
        CHECK(system("ls -la /tmp/rustpsa-ctest-hostile-*") >= 0);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
}

/* ---- 3. the directory ---- */

static void test_directory(void)
{
    char *dir = ct_make_temp_dir("dirs");
    char sub[1100], p[1300], cwd[4096];
    struct stat st;
    psa_key_id_t k = 0;
    static const mode_t bad_modes[] = {0770, 0720, 0702, 0777, 01777};
    size_t i;
    uint8_t out[16];
    size_t olen = 0;

    fprintf(stderr, "# storage directory rules\n");
    for (i = 0; i < sizeof bad_modes / sizeof bad_modes[0]; i++) {
        CHECK(chmod(dir, bad_modes[i]) == 0);
        CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
        CHECK_STATUS(psa_crypto_init(), PSA_ERROR_STORAGE_FAILURE);
        mbedtls_psa_crypto_free();
    }
    CHECK(chmod(dir, 0700) == 0);
    if (is_root()) {
        CHECK(chown(dir, OTHER_UID, 0) == 0);
        CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
        CHECK_STATUS(psa_crypto_init(), PSA_ERROR_STORAGE_FAILURE);
        mbedtls_psa_crypto_free();
        CHECK(chown(dir, 0, 0) == 0);
    } else {
        printf("storage: SKIPPED the foreign-owner directory case: not root\n");
    }
    /* a regular file is no directory */
    snprintf(p, sizeof p, "%s/plainfile", dir);
    write_file(p, "x", 1);
    CHECK_STATUS(rustpsa_set_storage_dir(p), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_ERROR_STORAGE_FAILURE);
    mbedtls_psa_crypto_free();
    unlink(p);
    /* 0700 works again */
    if (start(dir))
        mbedtls_psa_crypto_free();
    /* a missing directory (two levels) is created mode 0700 on the first write */
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    if (start(sub)) {
        CHECK(!exists(sub));
        CHECK_STATUS(ct_import_persistent(3, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16,
                                          &k),
                     PSA_SUCCESS);
        if (CHECK(stat(sub, &st) == 0))
            CHECK((st.st_mode & 0777) == 0700);
        key_path(sub, 3, p, sizeof p);
        CHECK(exists(p));
        CHECK_STATUS(psa_destroy_key(3), PSA_SUCCESS);
        mbedtls_psa_crypto_free();
    }
    /* a relative path is resolved when psa_crypto_init runs */
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    if (CHECK(chdir(dir) == 0)) {
        CHECK_STATUS(rustpsa_set_storage_dir("rel"), PSA_SUCCESS);
        CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
        CHECK(chdir("/") == 0);
        CHECK_STATUS(ct_import_persistent(4, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16,
                                          &k),
                     PSA_SUCCESS);
        snprintf(sub, sizeof sub, "%s/rel", dir);
        key_path(sub, 4, p, sizeof p);
        CHECK(exists(p));
        CHECK(!exists("/rel"));
        if (CHECK_STATUS(psa_export_key(4, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, aes128, 16);
        CHECK_STATUS(psa_destroy_key(4), PSA_SUCCESS);
        mbedtls_psa_crypto_free();
        CHECK(chdir(cwd) == 0);
    }
    /* $RUSTPSA_STORAGE_DIR is not read when the process's ids differ */
    if (is_root()) {
        char envdir[1100];
        snprintf(envdir, sizeof envdir, "%s/fromenv", dir);
        snprintf(sub, sizeof sub, "%s/cwd", dir);
        CHECK(mkdir(sub, 0700) == 0);
        setenv("RUSTPSA_STORAGE_DIR", envdir, 1);
        CHECK_STATUS(rustpsa_set_storage_dir(NULL), PSA_SUCCESS);
        if (CHECK(chdir(sub) == 0) && CHECK(setegid(OTHER_UID) == 0)) {
            CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
            CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128,
                                              16, &k),
                         PSA_SUCCESS);
            CHECK(setegid(0) == 0);
            CHECK(!exists(envdir));
            snprintf(p, sizeof p, "%s/rustpsa-storage/key-00000005.psa", sub);
            CHECK(exists(p));
            CHECK_STATUS(psa_destroy_key(5), PSA_SUCCESS);
            mbedtls_psa_crypto_free();
            /* with equal ids the variable is used */
            CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
            CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128,
                                              16, &k),
                         PSA_SUCCESS);
            key_path(envdir, 5, p, sizeof p);
            CHECK(exists(p));
            CHECK_STATUS(psa_destroy_key(5), PSA_SUCCESS);
            mbedtls_psa_crypto_free();
        }
        CHECK(chdir(cwd) == 0);
        unsetenv("RUSTPSA_STORAGE_DIR");
        snprintf(p, sizeof p, "%s/rustpsa-storage", sub);
        rmdir(p);
        rmdir(sub);
        rmdir(envdir);
    } else {
        printf("storage: SKIPPED the setegid case of $RUSTPSA_STORAGE_DIR: not root\n");
    }
    snprintf(p, sizeof p, "%s/a/b", dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/a", dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/rel", dir);
    rmdir(p);
    ct_remove_dir(dir);
    free(dir);
}

/* ---- 4. forged records ---- */

typedef struct {
    const char *name;
    record_t r;
    const uint8_t *m;
    size_t mlen;
    uint32_t file_id; /* 0: r.id */
} forged_t;

static int forged_count = 0;

static void test_forged(void)
{
    char *dir = ct_make_temp_dir("forged");
    uint8_t rsa512[400], zero32[32], bad_point[65], out[1024];
    size_t rsa512_len = ct_unhex(rsa512_hex, rsa512, sizeof rsa512), olen = 0, i;
    const psa_key_usage_t U = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_SIGN_HASH;
    psa_key_id_t k = 0;
    psa_key_attributes_t a;
    char p[1100];
    memset(zero32, 0, sizeof zero32);
    memset(bad_point, 0x11, sizeof bad_point);
    bad_point[0] = 0x04;
    {
        const forged_t cases[] = {
            {"AES-256 labelled, 16 bytes", {PSA_KEY_TYPE_AES, 256, PSA_KEY_LIFETIME_PERSISTENT, 0x40, U, PSA_ALG_CTR, 0}, aes128, 16, 0},
            {"AES-128 labelled, 15 bytes", {PSA_KEY_TYPE_AES, 120, PSA_KEY_LIFETIME_PERSISTENT, 0x41, U, PSA_ALG_CTR, 0}, aes128, 15, 0},
            {"AES with 0 bits", {PSA_KEY_TYPE_AES, 0, PSA_KEY_LIFETIME_PERSISTENT, 0x42, U, PSA_ALG_CTR, 0}, aes128, 16, 0},
            {"RSA-512 key pair", {PSA_KEY_TYPE_RSA_KEY_PAIR, 512, PSA_KEY_LIFETIME_PERSISTENT, 0x43, U, PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), 0}, rsa512, rsa512_len, 0},
            {"unknown type 0x7f01", {0x7f01, 128, PSA_KEY_LIFETIME_PERSISTENT, 0x44, U, 0, 0}, aes128, 16, 0},
            {"HMAC with no material", {PSA_KEY_TYPE_HMAC, 8, PSA_KEY_LIFETIME_PERSISTENT, 0x45, U, 0, 0}, aes128, 0, 0},
            {"secp256r1 private key 0", {PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_LIFETIME_PERSISTENT, 0x46, U, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0}, zero32, 32, 0},
            {"secp256r1 point off the curve", {PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_LIFETIME_PERSISTENT, 0x47, PSA_KEY_USAGE_VERIFY_HASH, PSA_ALG_ECDSA(PSA_ALG_SHA_256), 0}, bad_point, 65, 0},
            {"id of another file", {PSA_KEY_TYPE_AES, 128, PSA_KEY_LIFETIME_PERSISTENT, 0x49, U, PSA_ALG_CTR, 0}, aes128, 16, 0x48},
            {"volatile lifetime", {PSA_KEY_TYPE_AES, 128, PSA_KEY_LIFETIME_VOLATILE, 0x4a, U, PSA_ALG_CTR, 0}, aes128, 16, 0},
            {"secure-element location", {PSA_KEY_TYPE_AES, 128, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_DEFAULT, 1), 0x4b, U, PSA_ALG_CTR, 0}, aes128, 16, 0},
            {"read-only, AES-192 labelled, 16 bytes", {PSA_KEY_TYPE_AES, 192, LIFETIME_READ_ONLY, 0x4c, U, PSA_ALG_CTR, 0}, aes128, 16, 0},
            {"DES with 5 bytes", {PSA_KEY_TYPE_DES, 40, PSA_KEY_LIFETIME_PERSISTENT, 0x4d, U, 0, 0}, aes128, 5, 0},
        };
        if (!start(dir))
            return;
        /* the import checks refuse the same material (one code path) */
        a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, PSA_KEY_USAGE_SIGN_HASH, 0);
        CHECK(psa_import_key(&a, rsa512, rsa512_len, &k) != PSA_SUCCESS);
        a = ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_EXPORT, 0);
        CHECK(psa_import_key(&a, aes128, 16, &k) != PSA_SUCCESS);
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const forged_t *c = &cases[i];
            uint32_t fid = c->file_id ? c->file_id : c->r.id;
            psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
            fprintf(stderr, "# forged record: %s\n", c->name);
            forge(dir, fid, &c->r, c->m, c->mlen);
            olen = 7;
            CHECK_STATUS(psa_export_key(fid, out, sizeof out, &olen), PSA_ERROR_DATA_INVALID);
            CHECK(olen == 0);
            CHECK_STATUS(psa_get_key_attributes(fid, &got), PSA_ERROR_DATA_INVALID);
            CHECK_STATUS(psa_sign_hash(fid, PSA_ALG_ECDSA(PSA_ALG_SHA_256), zero32, 32, out,
                                       sizeof out, &olen),
                         PSA_ERROR_DATA_INVALID);
            /* still destroyable, even the read-only one: its record is invalid */
            CHECK_STATUS(psa_destroy_key(fid), PSA_SUCCESS);
            key_path(dir, fid, p, sizeof p);
            CHECK(!exists(p));
            forged_count++;
        }
    }
    /* controls: the forger writes the format right */
    {
        record_t ok = {PSA_KEY_TYPE_AES, 128, PSA_KEY_LIFETIME_PERSISTENT, 0x50,
                       PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ECB_NO_PADDING, 0};
        record_t ro = ok;
        uint8_t pt[16] = {0}, ct1[16], ct2[16];
        fprintf(stderr, "# forged record: valid AES-128 (control)\n");
        forge(dir, 0x50, &ok, aes128, 16);
        if (CHECK_STATUS(psa_export_key(0x50, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, aes128, 16);
        CHECK_STATUS(psa_cipher_encrypt(0x50, PSA_ALG_ECB_NO_PADDING, pt, 16, ct1, sizeof ct1, &olen),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(0x50), PSA_SUCCESS);
        /* a valid read-only key: loads, works, is not destroyed */
        fprintf(stderr, "# forged record: valid read-only AES-128\n");
        ro.id = 0x51;
        ro.lifetime = LIFETIME_READ_ONLY;
        forge(dir, 0x51, &ro, aes128, 16);
        a = psa_key_attributes_init();
        if (CHECK_STATUS(psa_get_key_attributes(0x51, &a), PSA_SUCCESS)) {
            CHECK(psa_get_key_lifetime(&a) == LIFETIME_READ_ONLY);
            CHECK(psa_get_key_bits(&a) == 128);
        }
        CHECK_STATUS(psa_cipher_encrypt(0x51, PSA_ALG_ECB_NO_PADDING, pt, 16, ct2, sizeof ct2, &olen),
                     PSA_SUCCESS);
        CHECK_MEM(ct2, 16, ct1, 16);
        CHECK_STATUS(psa_destroy_key(0x51), PSA_ERROR_NOT_PERMITTED); /* in memory */
        CHECK_STATUS(psa_purge_key(0x51), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(0x51), PSA_ERROR_NOT_PERMITTED); /* loaded by destroy */
        restart(dir);
        CHECK_STATUS(psa_destroy_key(0x51), PSA_ERROR_NOT_PERMITTED); /* after a restart */
        if (CHECK_STATUS(psa_export_key(0x51, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, aes128, 16);
        key_path(dir, 0x51, p, sizeof p);
        CHECK(exists(p));
        /* creating a read-only key: INVALID_ARGUMENT (as Mbed TLS), also by copy */
        a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
        psa_set_key_lifetime(&a, LIFETIME_READ_ONLY);
        psa_set_key_id(&a, 0x52);
        CHECK_STATUS(psa_import_key(&a, aes128, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_set_key_bits(&a, 128);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        mbedtls_psa_crypto_free();
        unlink(p);
    }
    CHECK(ct_count_files(dir) == 0);
    printf("storage: %d forged records with valid checksums refused (DATA_INVALID) and destroyed\n",
           forged_count);
    ct_remove_dir(dir);
    free(dir);
}

/* ---- 5. storage full ---- */

static int only_key_files(const char *dir, int *keys)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int others = 0;
    *keys = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strncmp(e->d_name, "key-", 4) == 0 && strlen(e->d_name) == 16)
            (*keys)++;
        else {
            fprintf(stderr, "# left behind: %s\n", e->d_name);
            others++;
        }
    }
    closedir(d);
    return others == 0;
}

static void test_full_rlimit(void)
{
    char *dir = ct_make_temp_dir("full");
    struct rlimit old, lim;
    psa_key_id_t k = 0;
    psa_key_attributes_t a;
    uint8_t out[32], big[64];
    size_t olen = 0;
    int keys = 0;
    fprintf(stderr, "# storage full: RLIMIT_FSIZE\n");
    memset(big, 0x5c, sizeof big);
    if (!start(dir))
        return;
    CHECK_STATUS(ct_import_persistent(1, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, aes128, 16, &k),
                 PSA_SUCCESS);
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 60; /* below the smallest record (72 bytes + material) */
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    {
        psa_status_t s1 = ct_import_persistent(2, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, 0, big,
                                               sizeof big, &k);
        psa_status_t s2;
        a = ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_EXPORT, 0);
        psa_set_key_id(&a, 3);
        s2 = psa_generate_key(&a, &k);
        CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
        CHECK_STATUS(s1, PSA_ERROR_INSUFFICIENT_STORAGE);
        CHECK_STATUS(s2, PSA_ERROR_INSUFFICIENT_STORAGE);
    }
    /* volatile keys are unaffected by the limit: nothing to do with storage */
    CHECK(only_key_files(dir, &keys));
    CHECK(keys == 1);
    restart(dir);
    CHECK_STATUS(psa_export_key(2, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(3, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    if (CHECK_STATUS(psa_export_key(1, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, aes128, 16);
    /* with room again, the ids can be created */
    CHECK_STATUS(ct_import_persistent(2, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, 0, big,
                                      sizeof big, &k),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(1), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(2), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
}

static void test_full_tmpfs(void)
{
    char *mnt = ct_make_temp_dir("tmpfs");
    char dir[1100];
    int made = 0, i, keys = 0, bad = 0;
    psa_status_t last = PSA_SUCCESS;
    psa_key_id_t k = 0;
    if (!is_root() || mount("tmpfs", mnt, "tmpfs", 0, "size=64k,mode=0700") != 0) {
        printf("storage: SKIPPED the 64 KiB tmpfs case: %s\n",
               is_root() ? strerror(errno) : "not root");
        rmdir(mnt);
        free(mnt);
        return;
    }
    fprintf(stderr, "# storage full: 64 KiB tmpfs\n");
    snprintf(dir, sizeof dir, "%s/keys", mnt);
    if (start(dir)) {
        for (i = 1; i <= 1000; i++) {
            uint8_t m[32];
            memset(m, i, sizeof m);
            last = ct_import_persistent((psa_key_id_t)i, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, 0,
                                        m, sizeof m, &k);
            if (last != PSA_SUCCESS)
                break;
            made++;
        }
        printf("storage: 64 KiB tmpfs held %d keys, then %s\n", made, ct_status_name(last));
        CHECK(made > 0);
        CHECK_STATUS(last, PSA_ERROR_INSUFFICIENT_STORAGE);
        CHECK(only_key_files(dir, &keys));
        CHECK(keys == made);
        restart(dir);
        for (i = 1; i <= made; i++) {
            uint8_t m[32], out[32];
            size_t olen = 0;
            memset(m, i, sizeof m);
            if (psa_export_key((psa_key_id_t)i, out, sizeof out, &olen) != PSA_SUCCESS ||
                olen != 32 || memcmp(out, m, 32) != 0)
                bad++;
        }
        CHECK(bad == 0);
        CHECK_STATUS(psa_export_key((psa_key_id_t)(made + 1), (uint8_t[32]){0}, 32, &(size_t){0}),
                     PSA_ERROR_INVALID_HANDLE);
        /* destroying one frees room for one more */
        CHECK_STATUS(psa_destroy_key(1), PSA_SUCCESS);
        CHECK_STATUS(ct_import_persistent((psa_key_id_t)(made + 1), PSA_KEY_TYPE_HMAC,
                                          PSA_KEY_USAGE_EXPORT, 0, aes128, 16, &k),
                     PSA_SUCCESS);
        mbedtls_psa_crypto_free();
    }
    CHECK(umount(mnt) == 0);
    rmdir(mnt);
    free(mnt);
}

int main(void)
{
    test_sweep();
    test_hostile_files();
    test_directory();
    test_forged();
    test_full_rlimit();
    test_full_tmpfs();
    return report();
}
