/*
 * fuzz_keyfile: random key files.
 *
 * The storage directory is a per-process temporary directory (on /dev/shm
 * when it exists). Each input
 * becomes the file of key id 0x1234 (`key-00001234.psa`):
 *  - raw mode: the input bytes as they are;
 *  - record mode: a record in the format of src/storage/format.rs built from
 *    the input (type, bits, lifetime, id, usage, algorithms, material) with a
 *    correct SHA-256, so that the fuzzer gets past the checksum.
 * Then psa_get_key_attributes, psa_open_key, export / export_public and
 * psa_destroy_key of that id. Invariants: never a crash; a call either
 * succeeds or returns an error (a corrupt file: DATA_CORRUPT, DATA_INVALID
 * or another error, never success with garbage attributes: the id and a
 * persistent lifetime read back); export lengths are <= the buffer and 0 on
 * failure; destroy always succeeds (NOT_PERMITTED only for a read-only
 * lifetime), removes the file, and the id is then invalid; no key stays in
 * memory. With FUZZ_KEYFILE_STRICT=1 a key that loads must also be one that
 * psa_import_key accepts with the same attributes (issue 10 item 11).
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include "fuzz_util.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_ID 0x1234u

static char dir[64];
static char path[128];
static int strict;

static void rm_dir(void) {
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    /* tmpfs when there is one: the library fsyncs the directory on destroy. */
    struct stat sb;
    const char *base = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/rustpsa-fuzz-keyfile-XXXXXX", base);
    FZ_CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/key-%08x.psa", dir, KEY_ID);
    FZ_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    strict = getenv("FUZZ_KEYFILE_STRICT") != NULL;
    atexit(rm_dir);
    fz_init();
    return 0;
}

static void put_le(uint8_t *p, uint32_t v, int n) {
    for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static const psa_key_type_t TYPES[] = {
    PSA_KEY_TYPE_AES, PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_TYPE_DERIVE,
    PSA_KEY_TYPE_CHACHA20, PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_TYPE_RSA_PUBLIC_KEY,
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), PSA_KEY_TYPE_DES,
};
static const uint32_t LIFETIMES[] = {
    PSA_KEY_LIFETIME_PERSISTENT, PSA_KEY_LIFETIME_VOLATILE, 0xffu, 0x100u | 0x01u, 0x02u,
};

/* A record with a valid checksum; returns its length. */
static size_t make_record(fz_in *in, uint8_t *rec, size_t cap, uint32_t *lifetime) {
    uint8_t tsel = fz_u8(in);
    uint16_t type = (tsel & 0x80) ? fz_u16(in) : TYPES[tsel % (sizeof TYPES / sizeof TYPES[0])];
    uint8_t bsel = fz_u8(in);
    uint16_t bits = (bsel & 1) ? fz_u16(in) : (uint16_t)(bsel & 0xfe) * 8u;
    uint8_t lsel = fz_u8(in);
    *lifetime = (lsel & 0x80) ? fz_u32(in) : LIFETIMES[lsel % (sizeof LIFETIMES / sizeof LIFETIMES[0])];
    uint32_t id = (fz_u8(in) & 7) ? KEY_ID : fz_u32(in);
    uint32_t usage = fz_u32(in), alg = fz_u32(in), alg2 = (fz_u8(in) & 1) ? fz_u32(in) : 0;
    uint8_t vsel = fz_u8(in);
    size_t mlen;
    const uint8_t *mat = fz_bytes(in, in->n, &mlen);
    size_t payload = 24 + mlen;
    size_t total = 16 + payload + 32;
    FZ_CHECK(total <= cap);
    memcpy(rec, "RUSTPSA\0", 8);
    put_le(rec + 8, (vsel & 0xf0) == 0xf0 ? vsel : 1, 4);
    put_le(rec + 12, (uint32_t)payload, 4);
    put_le(rec + 16, type, 2);
    put_le(rec + 18, bits, 2);
    put_le(rec + 20, *lifetime, 4);
    put_le(rec + 24, id, 4);
    put_le(rec + 28, usage, 4);
    put_le(rec + 32, alg, 4);
    put_le(rec + 36, alg2, 4);
    if (mlen) memcpy(rec + 40, mat, mlen);
    size_t sl = 0;
    FZ_STATUS(psa_hash_compute(PSA_ALG_SHA_256, rec, 16 + payload, rec + 16 + payload, 32, &sl),
              PSA_SUCCESS);
    /* Sometimes a damaged copy: a flipped byte or a truncation. */
    if ((vsel & 0x0f) == 0x0f && total > 1) {
        rec[vsel % total] ^= 0x40;
    } else if ((vsel & 0x0f) == 0x0e) {
        total -= 1 + vsel % 8;
    }
    return total;
}

/* The key that loaded must be one import accepts (FUZZ_KEYFILE_STRICT). */
static void check_importable(const psa_key_attributes_t *got, const uint8_t *mat, size_t n) {
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&at, psa_get_key_type(got));
    psa_set_key_bits(&at, psa_get_key_bits(got));
    psa_set_key_usage_flags(&at, psa_get_key_usage_flags(got));
    psa_set_key_algorithm(&at, psa_get_key_algorithm(got));
    psa_key_id_t v = 0;
    psa_status_t st = psa_import_key(&at, mat, n, &v);
    if (st != PSA_SUCCESS) {
        fprintf(stderr, "key file loaded a key import refuses (%d): type 0x%04x bits %zu\n",
                (int)st, (unsigned)psa_get_key_type(got), psa_get_key_bits(got));
        abort();
    }
    FZ_STATUS(psa_destroy_key(v), PSA_SUCCESS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_in in = {data, size};
    static uint8_t rec[8192];
    size_t len;
    uint32_t lifetime = PSA_KEY_LIFETIME_PERSISTENT;
    const uint8_t *mat = NULL;
    size_t mlen = 0;
    if (fz_u8(&in) & 1) {
        const uint8_t *p = fz_bytes(&in, in.n, &len);
        memcpy(rec, p, len);
    } else {
        len = make_record(&in, rec, sizeof rec, &lifetime);
        mat = rec + 40;
        mlen = len > 72 ? len - 72 : 0;
    }
    FILE *f = fopen(path, "wb");
    FZ_CHECK(f != NULL);
    FZ_CHECK(fwrite(rec, 1, len, f) == len);
    FZ_CHECK(fclose(f) == 0);

    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    psa_status_t st = psa_get_key_attributes(KEY_ID, &got);
    FZ_CHECK(st <= 0);
    if (st == PSA_SUCCESS) {
        FZ_CHECK(psa_get_key_id(&got) == KEY_ID);
        FZ_CHECK(!PSA_KEY_LIFETIME_IS_VOLATILE(psa_get_key_lifetime(&got)));
        if (strict) FZ_CHECK(psa_get_key_bits(&got) > 0);
        if (strict && mat) check_importable(&got, mat, mlen);
    }
    psa_key_id_t handle = 0;
    psa_status_t ost = psa_open_key(KEY_ID, &handle);
    FZ_CHECK(ost <= 0);
    if (st == PSA_SUCCESS) FZ_STATUS(ost, PSA_SUCCESS);
    if (ost == PSA_SUCCESS) {
        FZ_CHECK(handle == KEY_ID);
        static uint8_t out[PSA_EXPORT_KEY_PAIR_MAX_SIZE];
        size_t ol = FZ_POISON;
        psa_status_t est = psa_export_key(KEY_ID, out, sizeof out, &ol);
        FZ_CHECK(est == PSA_SUCCESS ? ol <= sizeof out : ol == 0);
        ol = FZ_POISON;
        est = psa_export_public_key(KEY_ID, out, sizeof out, &ol);
        FZ_CHECK(est == PSA_SUCCESS ? ol <= sizeof out : ol == 0);
        uint8_t mac[PSA_MAC_MAX_SIZE];
        ol = FZ_POISON;
        est = psa_mac_compute(KEY_ID, psa_get_key_algorithm(&got), (const uint8_t *)"m", 1, mac,
                              sizeof mac, &ol);
        FZ_CHECK(est == PSA_SUCCESS ? ol <= sizeof mac : ol == 0);
    }
    psa_reset_key_attributes(&got);

    /* Destroy always works and removes the file (a read-only lifetime may
     * refuse with NOT_PERMITTED: then the harness removes the file). */
    psa_status_t dst = psa_destroy_key(KEY_ID);
    if (dst == PSA_ERROR_NOT_PERMITTED && PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == 0xff) {
        FZ_STATUS(psa_purge_key(KEY_ID), PSA_SUCCESS);
        unlink(path);
    } else {
        FZ_STATUS(dst, PSA_SUCCESS);
    }
    struct stat sb;
    FZ_CHECK(stat(path, &sb) != 0 && errno == ENOENT);
    FZ_STATUS(psa_get_key_attributes(KEY_ID, &got), PSA_ERROR_INVALID_HANDLE);
    fz_store_clean();
    return 0;
}
