/* ctests/test_persistence.c - persistent keys.
 *
 *   test_persistence create DIR      create persistent keys in DIR (new process)
 *   test_persistence read DIR        they survived the restart: attributes, data, MAC
 *   test_persistence destroy DIR     destroy them; their files disappear
 *   test_persistence check-gone DIR  they are gone after a restart; ids reusable
 *   test_persistence                 in-process tests: file mode 0600, corrupted and
 *                                    truncated files (DATA_CORRUPT / DATA_INVALID, destroy
 *                                    still works), ALREADY_EXISTS, invalid ids/lifetimes.
 *
 * ctests/run.sh runs the four phases as separate processes on one directory. The
 * create phase writes DIR.side (outside DIR): the volatile key id it created and the
 * bytes of a generated key, so later phases can check them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

#define ID_AES 1u
#define ID_HMAC PSA_KEY_ID_USER_MAX
#define ID_GEN 0x1234u
#define ID_COPY 0x1235u

static const uint8_t aes_key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                    0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};

typedef struct {
    psa_key_id_t volatile_id;
    uint8_t gen[32];
} side_t;

static void side_path(const char *dir, char *buf, size_t n)
{
    snprintf(buf, n, "%s.side", dir);
}

static int start(const char *dir)
{
    if (!CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS))
        return 0;
    return CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

static void check_key(psa_key_id_t id, psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                      psa_algorithm_t alg, const uint8_t *data, size_t len)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    uint8_t out[64];
    size_t olen = 0;
    fprintf(stderr, "# key 0x%08x\n", (unsigned)id);
    if (CHECK_STATUS(psa_get_key_attributes(id, &a), PSA_SUCCESS)) {
        CHECK(psa_get_key_id(&a) == id);
        CHECK(psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_PERSISTENT);
        CHECK(psa_get_key_type(&a) == type);
        CHECK(psa_get_key_bits(&a) == bits);
        CHECK(psa_get_key_usage_flags(&a) == usage);
        CHECK(psa_get_key_algorithm(&a) == alg);
    }
    if (usage & PSA_KEY_USAGE_EXPORT) {
        if (CHECK_STATUS(psa_export_key(id, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, len);
    }
}

static int phase_create(const char *dir)
{
    side_t side;
    char sp[1100];
    FILE *f;
    psa_key_id_t k = 0;
    const ct_hmac_vector_t *v = &ct_rfc4231[1];
    uint8_t hkey[64];
    size_t hlen = ct_unhex(v->key_hex, hkey, sizeof hkey), olen = 0;
    psa_key_attributes_t a;
    int files_before = ct_count_files(dir);

    if (!start(dir))
        return report();
    CHECK(files_before == 0);
    CHECK_STATUS(ct_import_persistent(ID_AES, PSA_KEY_TYPE_AES,
                                      PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR,
                                      aes_key, sizeof aes_key, &k),
                 PSA_SUCCESS);
    CHECK(k == ID_AES);
    CHECK_STATUS(ct_import_persistent(ID_HMAC, PSA_KEY_TYPE_HMAC,
                                      PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE |
                                          PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_COPY,
                                      HMAC256, hkey, hlen, &k),
                 PSA_SUCCESS);
    CHECK(k == ID_HMAC);
    a = ct_attrs(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                 HMAC256);
    psa_set_key_id(&a, ID_GEN);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK(k == ID_GEN);
    memset(&side, 0, sizeof side);
    CHECK_STATUS(psa_export_key(ID_GEN, side.gen, sizeof side.gen, &olen), PSA_SUCCESS);
    CHECK(olen == 32);
    /* a persistent copy with a narrower policy */
    a = psa_key_attributes_init();
    psa_set_key_id(&a, ID_COPY);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&a, HMAC256);
    CHECK_STATUS(psa_copy_key(ID_HMAC, &a, &k), PSA_SUCCESS);
    CHECK(k == ID_COPY);
    /* a volatile key must not survive */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, aes_key, 16,
                           &side.volatile_id),
                 PSA_SUCCESS);
    CHECK(ct_count_files(dir) == 4);

    side_path(dir, sp, sizeof sp);
    f = fopen(sp, "wb");
    if (CHECK(f != NULL)) {
        CHECK(fwrite(&side, sizeof side, 1, f) == 1);
        fclose(f);
    }
    /* no mbedtls_psa_crypto_free: the process just exits */
    return report();
}

static int read_side(const char *dir, side_t *side)
{
    char sp[1100];
    FILE *f;
    int ok;
    side_path(dir, sp, sizeof sp);
    f = fopen(sp, "rb");
    if (!CHECK(f != NULL))
        return 0;
    ok = CHECK(fread(side, sizeof *side, 1, f) == 1);
    fclose(f);
    return ok;
}

static int phase_read(const char *dir)
{
    side_t side;
    const ct_hmac_vector_t *v = &ct_rfc4231[1];
    uint8_t hkey[64], data[64], mac[32], out[32];
    size_t hlen = ct_unhex(v->key_hex, hkey, sizeof hkey);
    size_t dlen = ct_unhex(v->data_hex, data, sizeof data);
    size_t olen;
    ct_unhex(v->mac_hex, mac, sizeof mac);
    if (!start(dir) || !read_side(dir, &side))
        return report();
    check_key(ID_AES, PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT,
              PSA_ALG_CTR, aes_key, sizeof aes_key);
    check_key(ID_HMAC, PSA_KEY_TYPE_HMAC, hlen * 8,
              PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                  PSA_KEY_USAGE_COPY,
              HMAC256, hkey, hlen);
    check_key(ID_GEN, PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
              HMAC256, side.gen, sizeof side.gen);
    check_key(ID_COPY, PSA_KEY_TYPE_HMAC, hlen * 8, PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256, NULL, 0);
    /* the HMAC key and its copy still compute RFC 4231 test case 2 */
    olen = 0;
    if (CHECK_STATUS(psa_mac_compute(ID_HMAC, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_SUCCESS))
        CHECK_MEM(out, olen, mac, 32);
    CHECK_STATUS(psa_mac_verify(ID_HMAC, HMAC256, data, dlen, mac, 32), PSA_SUCCESS);
    olen = 0;
    if (CHECK_STATUS(psa_mac_compute(ID_COPY, HMAC256, data, dlen, out, sizeof out, &olen),
                     PSA_SUCCESS))
        CHECK_MEM(out, olen, mac, 32);
    CHECK_STATUS(psa_export_key(ID_COPY, out, sizeof out, &olen), PSA_ERROR_NOT_PERMITTED);
    /* the volatile key is gone */
    CHECK_STATUS(psa_export_key(side.volatile_id, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_HANDLE);
    /* ids are taken */
    {
        psa_key_id_t k = 0;
        CHECK_STATUS(ct_import_persistent(ID_AES, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0,
                                          aes_key, 16, &k),
                     PSA_ERROR_ALREADY_EXISTS);
    }
    CHECK(ct_count_files(dir) == 4);
    mbedtls_psa_crypto_free();
    return report();
}

static int phase_destroy(const char *dir)
{
    psa_key_id_t ids[] = {ID_AES, ID_HMAC, ID_GEN, ID_COPY};
    size_t i;
    uint8_t out[32];
    size_t olen;
    if (!start(dir))
        return report();
    CHECK(ct_count_files(dir) == 4);
    for (i = 0; i < 4; i++) {
        CHECK_STATUS(psa_destroy_key(ids[i]), PSA_SUCCESS);
        CHECK(ct_count_files(dir) == (int)(3 - i));
        CHECK_STATUS(psa_export_key(ids[i], out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_destroy_key(ids[i]), PSA_ERROR_INVALID_HANDLE);
    }
    mbedtls_psa_crypto_free();
    return report();
}

static int phase_check_gone(const char *dir)
{
    psa_key_id_t ids[] = {ID_AES, ID_HMAC, ID_GEN, ID_COPY};
    size_t i, olen;
    uint8_t out[32];
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    char sp[1100];
    if (!start(dir))
        return report();
    CHECK(ct_count_files(dir) == 0);
    for (i = 0; i < 4; i++) {
        CHECK_STATUS(psa_get_key_attributes(ids[i], &a), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_export_key(ids[i], out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_purge_key(ids[i]), PSA_ERROR_INVALID_HANDLE);
    }
    /* the id can be used again */
    {
        psa_key_id_t k = 0;
        if (CHECK_STATUS(ct_import_persistent(ID_AES, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT,
                                              0, aes_key, 5, &k),
                         PSA_SUCCESS)) {
            olen = 0;
            if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
                CHECK_MEM(out, olen, aes_key, 5);
            CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        }
    }
    CHECK(ct_count_files(dir) == 0);
    mbedtls_psa_crypto_free();
    side_path(dir, sp, sizeof sp);
    unlink(sp);
    return report();
}

/* ---- in-process tests ---- */

/* The single regular file in dir created after `before` (by name). */
static int find_new_file(const char *dir, char *out, size_t n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        char p[1100];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            snprintf(out, n, "%s", p);
            found++;
        }
    }
    closedir(d);
    return found == 1;
}

static void restart(const char *dir)
{
    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

typedef enum { FLIP_FIRST, FLIP_MIDDLE, FLIP_LAST, TRUNCATE_HALF, TRUNCATE_ONE, TRUNCATE_ZERO,
               APPEND } damage_t;

static const char *damage_name[] = {"flip first byte", "flip middle byte", "flip last byte",
                                    "truncate to half", "drop last byte", "truncate to 0",
                                    "append a byte"};

static void damage_file(const char *path, damage_t how)
{
    struct stat st;
    int fd = open(path, O_RDWR);
    uint8_t b;
    off_t pos;
    if (!CHECK(fd >= 0) || !CHECK(fstat(fd, &st) == 0)) {
        if (fd >= 0)
            close(fd);
        return;
    }
    switch (how) {
    case FLIP_FIRST:
    case FLIP_MIDDLE:
    case FLIP_LAST:
        pos = how == FLIP_FIRST ? 0 : how == FLIP_MIDDLE ? st.st_size / 2 : st.st_size - 1;
        CHECK(pread(fd, &b, 1, pos) == 1);
        b ^= 0x40;
        CHECK(pwrite(fd, &b, 1, pos) == 1);
        break;
    case TRUNCATE_HALF:
        CHECK(ftruncate(fd, st.st_size / 2) == 0);
        break;
    case TRUNCATE_ONE:
        CHECK(ftruncate(fd, st.st_size - 1) == 0);
        break;
    case TRUNCATE_ZERO:
        CHECK(ftruncate(fd, 0) == 0);
        break;
    case APPEND:
        b = 0;
        CHECK(pwrite(fd, &b, 1, st.st_size) == 1);
        break;
    }
    close(fd);
}

static void test_file_mode_and_damage(const char *dir)
{
    int how;
    uint8_t data[32], out[32];
    size_t olen;
    memset(data, 0x6b, sizeof data);
    for (how = FLIP_FIRST; how <= APPEND; how++) {
        psa_key_id_t k = 0;
        char path[1100];
        struct stat st;
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_status_t s1, s2;
        fprintf(stderr, "# damage: %s\n", damage_name[how]);
        CHECK(ct_count_files(dir) == 0);
        if (!CHECK_STATUS(ct_import_persistent(0x300, PSA_KEY_TYPE_HMAC,
                                               PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE,
                                               HMAC256, data, sizeof data, &k),
                          PSA_SUCCESS))
            return;
        if (!CHECK(find_new_file(dir, path, sizeof path)))
            return;
        if (CHECK(stat(path, &st) == 0))
            CHECK((st.st_mode & 0777) == 0600);
        /* the file does not contain the key in a way that survives damage unnoticed */
        mbedtls_psa_crypto_free();
        damage_file(path, (damage_t)how);
        CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
        if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
            return;
        s1 = psa_export_key(0x300, out, sizeof out, &olen);
        CHECK_STATUS2(s1, PSA_ERROR_DATA_CORRUPT, PSA_ERROR_DATA_INVALID);
        s2 = psa_mac_compute(0x300, HMAC256, data, 3, out, sizeof out, &olen);
        CHECK_STATUS2(s2, PSA_ERROR_DATA_CORRUPT, PSA_ERROR_DATA_INVALID);
        s2 = psa_get_key_attributes(0x300, &a);
        CHECK_STATUS2(s2, PSA_ERROR_DATA_CORRUPT, PSA_ERROR_DATA_INVALID);
        /* the id is still taken */
        CHECK_STATUS(ct_import_persistent(0x300, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, HMAC256,
                                          data, sizeof data, &k),
                     PSA_ERROR_ALREADY_EXISTS);
        /* destroy still works and removes the file */
        CHECK_STATUS(psa_destroy_key(0x300), PSA_SUCCESS);
        CHECK(ct_count_files(dir) == 0);
        CHECK_STATUS(psa_export_key(0x300, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    }
    /* a damaged key does not disturb a healthy one */
    {
        psa_key_id_t k = 0;
        char path[1100];
        if (CHECK_STATUS(ct_import_persistent(0x301, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0,
                                              data, 8, &k),
                         PSA_SUCCESS) &&
            CHECK(find_new_file(dir, path, sizeof path))) {
            mbedtls_psa_crypto_free();
            damage_file(path, FLIP_LAST);
            CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
            CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
            if (CHECK_STATUS(ct_import_persistent(0x302, PSA_KEY_TYPE_RAW_DATA,
                                                  PSA_KEY_USAGE_EXPORT, 0, data + 8, 8, &k),
                             PSA_SUCCESS)) {
                CHECK_STATUS2(psa_export_key(0x301, out, sizeof out, &olen),
                              PSA_ERROR_DATA_CORRUPT, PSA_ERROR_DATA_INVALID);
                olen = 0;
                if (CHECK_STATUS(psa_export_key(0x302, out, sizeof out, &olen), PSA_SUCCESS))
                    CHECK_MEM(out, olen, data + 8, 8);
                CHECK_STATUS(psa_destroy_key(0x302), PSA_SUCCESS);
            }
            CHECK_STATUS(psa_destroy_key(0x301), PSA_SUCCESS);
            CHECK(ct_count_files(dir) == 0);
        }
    }
}

static void test_already_exists(const char *dir)
{
    uint8_t data[16];
    psa_key_id_t k = 0, k2 = 0;
    psa_key_attributes_t a;
    memset(data, 0x19, sizeof data);
    if (!CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT |
                                                                    PSA_KEY_USAGE_COPY,
                                           0, data, 16, &k),
                      PSA_SUCCESS))
        return;
    CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k2),
                 PSA_ERROR_ALREADY_EXISTS);
    a = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_id(&a, 5);
    CHECK_STATUS(psa_generate_key(&a, &k2), PSA_ERROR_ALREADY_EXISTS);
    CHECK_STATUS(psa_copy_key(5, &a, &k2), PSA_ERROR_ALREADY_EXISTS);
    /* also when the key is not in memory */
    CHECK_STATUS(psa_purge_key(5), PSA_SUCCESS);
    CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 4,
                                      &k2),
                 PSA_ERROR_ALREADY_EXISTS);
    restart(dir);
    CHECK_STATUS(ct_import_persistent(5, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 4,
                                      &k2),
                 PSA_ERROR_ALREADY_EXISTS);
    CHECK_STATUS(psa_generate_key(&a, &k2), PSA_ERROR_ALREADY_EXISTS);
    /* the original is intact */
    {
        uint8_t out[16];
        size_t olen = 0;
        if (CHECK_STATUS(psa_export_key(5, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
    }
    CHECK_STATUS(psa_destroy_key(5), PSA_SUCCESS);
    CHECK(ct_count_files(dir) == 0);
}

static void test_invalid_ids_and_lifetimes(const char *dir)
{
    static const psa_key_id_t bad_ids[] = {PSA_KEY_ID_VENDOR_MIN, PSA_KEY_ID_VENDOR_MIN + 5,
                                           PSA_KEY_ID_VENDOR_MAX, 0x80000000u, 0xffffffffu};
    uint8_t data[16];
    psa_key_id_t k = 0;
    psa_key_attributes_t a;
    size_t i;
    memset(data, 0x2f, sizeof data);
    for (i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
        psa_set_key_id(&a, bad_ids[i]);
        CHECK_STATUS(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_set_key_bits(&a, 128);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    }
    /* persistent lifetime without an id */
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
    CHECK_STATUS(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* read-only persistence cannot be created */
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
                                 PSA_KEY_PERSISTENCE_READ_ONLY, PSA_KEY_LOCATION_LOCAL_STORAGE));
    psa_set_key_id(&a, 9);
    CHECK_STATUS2(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT,
                  PSA_ERROR_NOT_SUPPORTED);
    /* a secure element location that does not exist */
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
                                 PSA_KEY_PERSISTENCE_DEFAULT, PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT));
    psa_set_key_id(&a, 9);
    /* a location without a driver: INVALID_ARGUMENT, as Mbed TLS 3.5.1 */
    CHECK_STATUS(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(
                                 PSA_KEY_PERSISTENCE_VOLATILE, PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT));
    CHECK_STATUS(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* nothing was written */
    CHECK(ct_count_files(dir) == 0);
    /* the boundaries of the user range are valid */
    if (CHECK_STATUS(ct_import_persistent(PSA_KEY_ID_USER_MIN, PSA_KEY_TYPE_AES,
                                          PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        CHECK(k == PSA_KEY_ID_USER_MIN);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    if (CHECK_STATUS(ct_import_persistent(PSA_KEY_ID_USER_MAX, PSA_KEY_TYPE_AES,
                                          PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        CHECK(k == PSA_KEY_ID_USER_MAX);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    CHECK(ct_count_files(dir) == 0);
}

static int in_process(void)
{
    char *dir = ct_make_temp_dir("persist");
    if (!start(dir))
        return report();
    test_invalid_ids_and_lifetimes(dir);
    test_already_exists(dir);
    test_file_mode_and_damage(dir);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return in_process();
    if (argc == 3 && strcmp(argv[1], "create") == 0)
        return phase_create(argv[2]);
    if (argc == 3 && strcmp(argv[1], "read") == 0)
        return phase_read(argv[2]);
    if (argc == 3 && strcmp(argv[1], "destroy") == 0)
        return phase_destroy(argv[2]);
    if (argc == 3 && strcmp(argv[1], "check-gone") == 0)
        return phase_check_gone(argv[2]);
    fprintf(stderr, "usage: %s [create|read|destroy|check-gone DIR]\n", argv[0]);
    return 2;
}
