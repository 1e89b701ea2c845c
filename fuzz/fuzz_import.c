/*
 * fuzz_import: psa_import_key of every key type with random attributes and
 * random data.
 *
 * Input: type selector, bits selector, usage (4 bytes), algorithm selector,
 * then the key data (the rest).
 *
 * Invariants: on failure the id is 0 and nothing is left in the store; on
 * success the attributes read back are the ones asked for (usage with its
 * implied flags), export is permitted exactly when EXPORT is set (or the key
 * is a public key), fits
 * PSA_EXPORT_KEY_OUTPUT_SIZE, gives BUFFER_TOO_SMALL (length 0) one byte
 * short, equals the input for non-RSA keys, and re-imports to the same
 * export (with the size given again for a seed-format key pair);
 * export_public works for every asymmetric key and re-imports as a
 * public key; destroy always succeeds and the id is then invalid.
 */
#include "fuzz_util.h"

static const psa_key_type_t TYPES[] = {
    PSA_KEY_TYPE_RAW_DATA, PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_DERIVE, PSA_KEY_TYPE_PASSWORD,
    PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_TYPE_PEPPER, PSA_KEY_TYPE_AES, PSA_KEY_TYPE_CHACHA20,
    PSA_KEY_TYPE_XCHACHA20, PSA_KEY_TYPE_DES, PSA_KEY_TYPE_ARIA, PSA_KEY_TYPE_CAMELLIA,
    PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_TYPE_RSA_PUBLIC_KEY,
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_K1),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_K1),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_BRAINPOOL_P_R1),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_BRAINPOOL_P_R1),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_MONTGOMERY),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS),
    PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_TWISTED_EDWARDS),
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECT_K1),
    PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919),
};

static const size_t BITS[] = {128, 192, 256, 384, 448, 512, 521, 255, 1024, 2048, 3072, 4096, 8, 0};

static const psa_algorithm_t ALGS[] = {
    0, PSA_ALG_SHA_256, PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_ALG_CMAC, PSA_ALG_CTR, PSA_ALG_GCM,
    PSA_ALG_CHACHA20_POLY1305, PSA_ALG_HKDF(PSA_ALG_SHA_256), PSA_ALG_ECDSA(PSA_ALG_SHA_256),
    PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), PSA_ALG_PURE_EDDSA, PSA_ALG_ECDH,
    PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256), PSA_ALG_RSA_PSS(PSA_ALG_SHA_256),
    PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256), PSA_ALG_RSA_PKCS1V15_CRYPT,
    PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256)),
    PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256),
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_init();
    return 0;
}

/* The usage flags import must report for a requested usage. */
static psa_key_usage_t implied_usage(psa_key_usage_t u) {
    if (u & PSA_KEY_USAGE_SIGN_HASH) u |= PSA_KEY_USAGE_SIGN_MESSAGE;
    if (u & PSA_KEY_USAGE_VERIFY_HASH) u |= PSA_KEY_USAGE_VERIFY_MESSAGE;
    return u;
}

/* Exports `id` into a buffer of exactly PSA_EXPORT_KEY_OUTPUT_SIZE bytes,
 * checking the length rules; returns the heap copy (NULL when refused). */
static uint8_t *export_checked(psa_key_id_t id, psa_key_type_t type, size_t bits, int allowed,
                               size_t *len) {
    size_t size = PSA_EXPORT_KEY_OUTPUT_SIZE(type, bits);
    uint8_t *buf = malloc(size ? size : 1);
    FZ_CHECK(buf != NULL);
    *len = FZ_POISON;
    psa_status_t st = psa_export_key(id, buf, size, len);
    if (!allowed) {
        FZ_STATUS(st, PSA_ERROR_NOT_PERMITTED);
        FZ_CHECK(*len == 0);
        free(buf);
        return NULL;
    }
    FZ_STATUS(st, PSA_SUCCESS);
    FZ_CHECK(*len > 0 && *len <= size);
    /* One byte short is too small, and the length is then 0. */
    size_t short_len = FZ_POISON;
    uint8_t *small = malloc(*len);
    FZ_CHECK(small != NULL);
    FZ_STATUS(psa_export_key(id, small, *len - 1, &short_len), PSA_ERROR_BUFFER_TOO_SMALL);
    FZ_CHECK(short_len == 0);
    free(small);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_in in = {data, size};
    uint8_t tsel = fz_u8(&in);
    psa_key_type_t type = (tsel & 0x80) ? (psa_key_type_t)fz_u16(&in) : TYPES[tsel % (sizeof TYPES / sizeof TYPES[0])];
    uint8_t bsel = fz_u8(&in);
    size_t bits;
    switch (bsel & 3) {
    case 0: bits = 0; break;
    case 1: bits = fz_u16(&in); break;
    default: bits = BITS[(bsel >> 2) % (sizeof BITS / sizeof BITS[0])]; break;
    }
    psa_key_usage_t usage = fz_u32(&in);
    uint8_t asel = fz_u8(&in);
    psa_algorithm_t alg = (asel & 0x80) ? fz_u32(&in) : ALGS[asel % (sizeof ALGS / sizeof ALGS[0])];
    size_t klen;
    const uint8_t *kp = fz_bytes(&in, in.n, &klen);
    uint8_t *key = fz_dup(kp, klen);

    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attr, type);
    psa_set_key_bits(&attr, bits);
    psa_set_key_usage_flags(&attr, usage);
    psa_set_key_algorithm(&attr, alg);
    psa_key_id_t id = 0x12345;
    psa_status_t st = psa_import_key(&attr, key, klen, &id);
    if (st != PSA_SUCCESS) {
        FZ_CHECK(st < 0);
        FZ_CHECK(id == 0);
        free(key);
        fz_store_clean();
        return 0;
    }
    FZ_CHECK(id != 0);

    /* The attributes read back. */
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    FZ_STATUS(psa_get_key_attributes(id, &got), PSA_SUCCESS);
    FZ_CHECK(psa_get_key_type(&got) == type);
    size_t gbits = psa_get_key_bits(&got);
    FZ_CHECK(bits == 0 ? gbits > 0 : gbits == bits);
    FZ_CHECK(psa_get_key_algorithm(&got) == alg);
    FZ_CHECK(psa_get_key_usage_flags(&got) == implied_usage(usage));
    FZ_CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_VOLATILE);
    FZ_CHECK(psa_get_key_id(&got) == id);
    psa_reset_key_attributes(&got);

    /* Export, and the round trip through a second import. */
    /* A public key is always exportable. */
    int allowed = (usage & PSA_KEY_USAGE_EXPORT) != 0 || PSA_KEY_TYPE_IS_PUBLIC_KEY(type);
    size_t elen;
    uint8_t *exported = export_checked(id, type, gbits, allowed, &elen);
    if (exported) {
        if (!PSA_KEY_TYPE_IS_RSA(type)) {
            FZ_CHECK(elen == klen && memcmp(exported, key, klen) == 0);
        }
        psa_key_attributes_t again = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&again, type);
        psa_set_key_usage_flags(&again, usage);
        psa_set_key_algorithm(&again, alg);
        /* An ML-DSA or ML-KEM key pair exports its seed, of one length for
         * every parameter set: its size must come with it (import without
         * one is PSA_ERROR_INVALID_ARGUMENT). Every other type's data tells
         * its size. */
        if (type == PSA_KEY_TYPE_ML_DSA_KEY_PAIR || type == PSA_KEY_TYPE_ML_KEM_KEY_PAIR) {
            psa_set_key_bits(&again, gbits);
        }
        psa_key_id_t id2 = 0;
        FZ_STATUS(psa_import_key(&again, exported, elen, &id2), PSA_SUCCESS);
        FZ_STATUS(psa_get_key_attributes(id2, &got), PSA_SUCCESS);
        FZ_CHECK(psa_get_key_bits(&got) == gbits);
        size_t elen2;
        uint8_t *exported2 = export_checked(id2, type, gbits, 1, &elen2);
        FZ_CHECK(elen2 == elen && memcmp(exported2, exported, elen) == 0);
        free(exported2);
        FZ_STATUS(psa_destroy_key(id2), PSA_SUCCESS);
        free(exported);
    }

    /* The public part of an asymmetric key, always exportable. */
    size_t psize = PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(type, gbits);
    uint8_t *pub = malloc(psize ? psize : 1);
    FZ_CHECK(pub != NULL);
    size_t plen = FZ_POISON;
    st = psa_export_public_key(id, pub, psize, &plen);
    if (PSA_KEY_TYPE_IS_ASYMMETRIC(type)) {
        FZ_STATUS(st, PSA_SUCCESS);
        FZ_CHECK(plen > 0 && plen <= psize);
        if (PSA_KEY_TYPE_IS_PUBLIC_KEY(type) && !PSA_KEY_TYPE_IS_RSA(type)) {
            FZ_CHECK(plen == klen && memcmp(pub, key, klen) == 0);
        }
        psa_key_attributes_t pa = PSA_KEY_ATTRIBUTES_INIT;
        psa_set_key_type(&pa, PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type));
        psa_key_id_t pid = 0;
        FZ_STATUS(psa_import_key(&pa, pub, plen, &pid), PSA_SUCCESS);
        FZ_STATUS(psa_get_key_attributes(pid, &got), PSA_SUCCESS);
        FZ_CHECK(psa_get_key_bits(&got) == gbits);
        uint8_t *pub2 = malloc(psize);
        size_t plen2 = FZ_POISON;
        FZ_STATUS(psa_export_public_key(pid, pub2, psize, &plen2), PSA_SUCCESS);
        FZ_CHECK(plen2 == plen && memcmp(pub2, pub, plen) == 0);
        free(pub2);
        FZ_STATUS(psa_destroy_key(pid), PSA_SUCCESS);
    } else {
        /* No public part: INVALID_ARGUMENT; an empty buffer is checked first
         * (BUFFER_TOO_SMALL before the key is looked at, as Mbed TLS). */
        FZ_STATUS(st, psize == 0 ? PSA_ERROR_BUFFER_TOO_SMALL : PSA_ERROR_INVALID_ARGUMENT);
        FZ_CHECK(plen == 0);
    }
    free(pub);

    /* Destroy always works, and the id is gone afterwards. */
    FZ_STATUS(psa_destroy_key(id), PSA_SUCCESS);
    FZ_STATUS(psa_get_key_attributes(id, &got), PSA_ERROR_INVALID_HANDLE);
    size_t after = FZ_POISON;
    uint8_t one;
    FZ_STATUS(psa_export_key(id, &one, 1, &after), PSA_ERROR_INVALID_HANDLE);
    FZ_CHECK(after == 0);
    free(key);
    fz_store_clean();
    return 0;
}
