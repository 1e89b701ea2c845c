/* The case tables of diff.c (included once). Every section is a function
 * iterating over named tables; ids are "<section>/<key>/<names...>/<call>". */

static const named_t USAGES[] = {
    {"none", 0},
    {"export", PSA_KEY_USAGE_EXPORT},
    {"copy", PSA_KEY_USAGE_COPY},
    {"cache", PSA_KEY_USAGE_CACHE},
    {"derivepub", PSA_KEY_USAGE_DERIVE_PUBLIC},
    {"encrypt", PSA_KEY_USAGE_ENCRYPT},
    {"decrypt", PSA_KEY_USAGE_DECRYPT},
    {"signmsg", PSA_KEY_USAGE_SIGN_MESSAGE},
    {"verifymsg", PSA_KEY_USAGE_VERIFY_MESSAGE},
    {"signhash", PSA_KEY_USAGE_SIGN_HASH},
    {"verifyhash", PSA_KEY_USAGE_VERIFY_HASH},
    {"derive", PSA_KEY_USAGE_DERIVE},
    {"verifyderiv", PSA_KEY_USAGE_VERIFY_DERIVATION},
    {"all12", 0x0000ff03},
    {"bit16", 0x00010000},
    {"bit31", 0x80000000},
    {"ones", 0xffffffff},
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const named_alg_t POLICIES[] = {
    {"none", 0},
    {"sha256", PSA_ALG_SHA_256},
    {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)},
    {"cmac", PSA_ALG_CMAC},
    {"ctr", PSA_ALG_CTR},
    {"gcm", PSA_ALG_GCM},
    {"ccm", PSA_ALG_CCM},
    {"ccmstarany", PSA_ALG_CCM_STAR_ANY_TAG},
    {"chachapoly", PSA_ALG_CHACHA20_POLY1305},
    {"ecdsa256", PSA_ALG_ECDSA(PSA_ALG_SHA_256)},
    {"ecdsaany", PSA_ALG_ECDSA(PSA_ALG_ANY_HASH)},
    {"pkcs1any", PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_ANY_HASH)},
    {"ecdh", PSA_ALG_ECDH},
    {"hkdf256", PSA_ALG_HKDF(PSA_ALG_SHA_256)},
    {"ones", 0xffffffff},
};

static void attrs_digest(const char *cid, psa_status_t st, psa_key_id_t k) {
    uint8_t buf[16] = {0};
    if (st == PSA_SUCCESS) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_status_t s2 = psa_get_key_attributes(k, &a);
        uint32_t v[4] = {psa_get_key_type(&a), (uint32_t)psa_get_key_bits(&a), psa_get_key_usage_flags(&a),
                         psa_get_key_algorithm(&a)};
        memcpy(buf, v, sizeof v);
        psa_reset_key_attributes(&a);
        if (s2 != PSA_SUCCESS) st = s2;
    }
    rep(cid, st, buf, sizeof buf, 2);
}

/* 1. Key creation: every fixture x usage x policy, by import and generation;
 * then the attribute errors (type NONE, reset attributes, sizes, lifetimes). */
static void sec_create(void) {
    for (size_t i = 0; i < NKEYS; i++) {
        const keydef_t *k = &KEYS[i];
        if (!have(k->name)) continue;
        for (size_t u = 0; u < N(USAGES); u++) {
            for (size_t p = 0; p < N(POLICIES); p++) {
                psa_key_id_t kid;
                psa_status_t st = mk(k->name, USAGES[u].v, POLICIES[p].alg, &kid);
                attrs_digest(id("create/%s/%s/%s/import", k->name, USAGES[u].name, POLICIES[p].name), st, kid);
                psa_destroy_key(kid);
                if (p % 4 == 0 && !k->bits) {
                    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
                    psa_set_key_type(&a, k->type);
                    psa_set_key_bits(&a, PSA_KEY_TYPE_IS_ECC(k->type) ? (k->len == 66 ? 521 : (k->type == PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY) || k->type == PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS) ? 255 : k->len * 8)) : k->len * 8);
                    psa_set_key_usage_flags(&a, USAGES[u].v);
                    psa_set_key_algorithm(&a, POLICIES[p].alg);
                    st = psa_generate_key(&a, &kid);
                    attrs_digest(id("create/%s/%s/%s/generate", k->name, USAGES[u].name, POLICIES[p].name), st, kid);
                    psa_destroy_key(kid);
                }
            }
        }
        /* Sizes: import with a declared size (right, wrong), generation sizes. */
        static const size_t SIZES[] = {0, 1, 8, 64, 128, 192, 255, 256, 384, 512, 521, 1024, 4096, 65528, 65536};
        for (size_t s = 0; s < N(SIZES); s++) {
            psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
            psa_key_id_t kid;
            psa_set_key_type(&a, k->type);
            psa_set_key_bits(&a, SIZES[s]);
            psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
            psa_status_t st = k->bits ? psa_import_key(&a, rsa_mat, rsa_len, &kid) : psa_import_key(&a, k->mat, k->len, &kid);
            attrs_digest(id("create/%s/bits%zu/import", k->name, SIZES[s]), st, kid);
            psa_destroy_key(kid);
            if (!k->bits || SIZES[s] < 1024) {
                st = psa_generate_key(&a, &kid);
                attrs_digest(id("create/%s/bits%zu/generate", k->name, SIZES[s]), st, kid);
                psa_destroy_key(kid);
            }
            psa_set_key_type(&a, PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(k->type));
            if (PSA_KEY_TYPE_IS_ASYMMETRIC(k->type)) {
                st = psa_generate_key(&a, &kid);
                attrs_digest(id("create/%s/bits%zu/generate-public", k->name, SIZES[s]), st, kid);
                psa_destroy_key(kid);
            }
        }
        /* Truncated and extended material. */
        static const size_t LENS[] = {0, 1, 15, 31, 33, 65, 97, 200};
        for (size_t l = 0; l < N(LENS); l++) {
            uint8_t m[200];
            psa_key_id_t kid;
            fill(m, sizeof m, 3);
            memcpy(m, k->bits ? rsa_mat : k->mat, LENS[l] < (k->bits ? rsa_len : k->len) ? LENS[l] : (k->bits ? rsa_len : k->len));
            psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
            psa_set_key_type(&a, k->type);
            psa_status_t st = psa_import_key(&a, m, LENS[l], &kid);
            attrs_digest(id("create/%s/len%zu/import", k->name, LENS[l]), st, kid);
            psa_destroy_key(kid);
        }
    }
    /* Type NONE: never set, reset after use, with a size. */
    uint8_t m[32];
    fill(m, sizeof m, 9);
    for (size_t u = 0; u < N(USAGES); u++) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t kid;
        psa_set_key_usage_flags(&a, USAGES[u].v);
        psa_status_t st = psa_import_key(&a, m, 16, &kid);
        attrs_digest(id("create/typenone/%s/import", USAGES[u].name), st, kid);
        psa_destroy_key(kid);
        psa_set_key_bits(&a, 128);
        st = psa_generate_key(&a, &kid);
        attrs_digest(id("create/typenone/%s/generate", USAGES[u].name), st, kid);
        psa_destroy_key(kid);
        psa_set_key_type(&a, PSA_KEY_TYPE_AES);
        psa_reset_key_attributes(&a);
        st = psa_import_key(&a, m, 16, &kid);
        attrs_digest(id("create/reset/%s/import", USAGES[u].name), st, kid);
        psa_destroy_key(kid);
    }
    /* Unknown types, lifetimes and ids. */
    static const named_t TYPES[] = {{"t0x1000", 0x1000}, {"t0x2400", 0x2400}, {"t0x7100", 0x7100},
                                    {"t0x4001", 0x4001}, {"t0x71ff", 0x71ff}, {"des", PSA_KEY_TYPE_DES},
                                    {"aria", PSA_KEY_TYPE_ARIA}, {"camellia", PSA_KEY_TYPE_CAMELLIA},
                                    {"pepper", PSA_KEY_TYPE_PEPPER}, {"pwhash", PSA_KEY_TYPE_PASSWORD_HASH}};
    for (size_t t = 0; t < N(TYPES); t++) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t kid;
        psa_set_key_type(&a, (psa_key_type_t)TYPES[t].v);
        psa_status_t st = psa_import_key(&a, m, 16, &kid);
        attrs_digest(id("create/type/%s/import", TYPES[t].name), st, kid);
        psa_destroy_key(kid);
        psa_set_key_bits(&a, 128);
        st = psa_generate_key(&a, &kid);
        attrs_digest(id("create/type/%s/generate", TYPES[t].name), st, kid);
        psa_destroy_key(kid);
    }
    static const named_t LIFETIMES[] = {{"persist-id0", 1}, {"loc1", 0x100},
                                        {"readonly", 0xff}, {"persist-idvendor", 1}};
    for (size_t l = 0; l < N(LIFETIMES); l++) {
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t kid;
        psa_set_key_type(&a, PSA_KEY_TYPE_AES);
        psa_set_key_lifetime(&a, LIFETIMES[l].v);
        if (l == 3) psa_set_key_id(&a, PSA_KEY_ID_VENDOR_MIN);
        psa_status_t st = psa_import_key(&a, m, 16, &kid);
        rep(id("create/lifetime/%s/import", LIFETIMES[l].name), st, NULL, 0, 0);
        psa_destroy_key(kid);
    }
}

/* Policy variants of an operation's algorithm. */
enum { P_EXACT, P_WILD_LO, P_WILD_MID, P_WILD_HI, P_OTHER, P_NOUSAGE, P_CCMSTAR, P_FAMILY, NPOL };
static const char *PNAMES[NPOL] = {"exact", "wild4", "wild12", "wild32", "other", "nousage", "ccmstarany", "anyhash"};

/* 2. MAC: keys x algorithms x policies x buffer sizes. */
static void sec_mac(void) {
    static const named_alg_t ALGS[] = {
        {"hmac1", PSA_ALG_HMAC(PSA_ALG_SHA_1)}, {"hmac224", PSA_ALG_HMAC(PSA_ALG_SHA_224)},
        {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)}, {"hmac384", PSA_ALG_HMAC(PSA_ALG_SHA_384)},
        {"hmac512", PSA_ALG_HMAC(PSA_ALG_SHA_512)}, {"hmacmd5", PSA_ALG_HMAC(PSA_ALG_MD5)},
        {"cmac", PSA_ALG_CMAC}, {"cbcmac", PSA_ALG_CBC_MAC},
        {"hmac256t4", PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 4)},
        {"hmac256t3", PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 3)},
        {"hmac256t16", PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 16)},
        {"hmac256t32", PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 32)},
        {"hmac256t33", PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 33)},
        {"cmact8", PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 8)}, {"cmact16", PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 16)},
        {"cmact17", PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 17)},
        {"hmac256atleast16", PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 16)},
        {"sha256", PSA_ALG_SHA_256}, {"gcm", PSA_ALG_GCM},
    };
    static const char *KS[] = {"hmac256", "hmac20", "aes128", "aes256", "derive32", "raw16",
                               "aria128", "camellia128", "des64", "des3k"};
    uint8_t msg[100], out[80];
    fill(msg, sizeof msg, 5);
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki])) continue;
        for (size_t ai = 0; ai < N(ALGS); ai++) {
            psa_algorithm_t alg = ALGS[ai].alg;
            psa_algorithm_t full = PSA_ALG_IS_MAC(alg) ? PSA_ALG_FULL_LENGTH_MAC(alg) : alg;
            for (int p = 0; p < NPOL; p++) {
                if (p == P_CCMSTAR || p == P_FAMILY) continue;
                psa_algorithm_t pol = alg;
                psa_key_usage_t usage = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
                if (p == P_WILD_LO) pol = PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(full, 4);
                if (p == P_WILD_MID) pol = PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(full, 12);
                if (p == P_WILD_HI) pol = PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(full, 32);
                if (p == P_OTHER) pol = full == PSA_ALG_CMAC ? PSA_ALG_HMAC(PSA_ALG_SHA_256) : PSA_ALG_CMAC;
                if (p == P_NOUSAGE) usage = PSA_KEY_USAGE_VERIFY_MESSAGE;
                if (!PSA_ALG_IS_MAC(alg) && p >= P_WILD_LO && p <= P_WILD_HI) continue;
                psa_key_id_t k;
                psa_status_t st = mk(KS[ki], usage, pol, &k);
                rep(id("mac/%s/%s/%s/import", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                if (st != PSA_SUCCESS) continue;
                static const size_t OS[] = {0, 3, 16, 20, 32, 64, 80};
                for (size_t o = 0; o < N(OS); o++) {
                    size_t n = 0;
                    st = psa_mac_compute(k, alg, msg, sizeof msg, out, OS[o], &n);
                    rep(id("mac/%s/%s/%s/compute/out%zu", KS[ki], ALGS[ai].name, PNAMES[p], OS[o]), st, out, n, 2);
                }
                size_t n = 0;
                psa_key_id_t kv;
                psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
                (void)a;
                /* Verify: the right MAC (from a key that may compute), a wrong one, a short one. */
                if (mk(KS[ki], PSA_KEY_USAGE_SIGN_MESSAGE, alg, &kv) == PSA_SUCCESS &&
                    psa_mac_compute(kv, alg, msg, sizeof msg, out, sizeof out, &n) == PSA_SUCCESS) {
                    st = psa_mac_verify(k, alg, msg, sizeof msg, out, n);
                    rep(id("mac/%s/%s/%s/verify/good", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                    out[0] ^= 1;
                    st = psa_mac_verify(k, alg, msg, sizeof msg, out, n);
                    rep(id("mac/%s/%s/%s/verify/bad", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                    st = psa_mac_verify(k, alg, msg, sizeof msg, out, n - 1);
                    rep(id("mac/%s/%s/%s/verify/short", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                }
                psa_destroy_key(kv);
                /* Multi-part setup. */
                psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
                st = psa_mac_sign_setup(&op, k, alg);
                rep(id("mac/%s/%s/%s/sign_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                psa_mac_abort(&op);
                st = psa_mac_verify_setup(&op, k, alg);
                rep(id("mac/%s/%s/%s/verify_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                psa_mac_abort(&op);
                psa_destroy_key(k);
            }
        }
    }
}

/* 3. Unauthenticated ciphers: keys x algorithms x policies x lengths x buffers. */
static void sec_cipher(void) {
    static const named_alg_t ALGS[] = {
        {"ctr", PSA_ALG_CTR}, {"cfb", PSA_ALG_CFB}, {"ofb", PSA_ALG_OFB}, {"ecb", PSA_ALG_ECB_NO_PADDING},
        {"cbc", PSA_ALG_CBC_NO_PADDING}, {"cbcpkcs7", PSA_ALG_CBC_PKCS7}, {"stream", PSA_ALG_STREAM_CIPHER},
        {"ccmstarnotag", PSA_ALG_CCM_STAR_NO_TAG}, {"xts", PSA_ALG_XTS}, {"gcm", PSA_ALG_GCM},
        {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)},
    };
    static const char *KS[] = {"aes128", "aes256", "chacha", "hmac256", "aria128", "camellia256", "des64", "des2k", "des3k"};
    static const size_t LENS[] = {0, 1, 15, 16, 17, 32};
    uint8_t in[64], out[100];
    fill(in, sizeof in, 11);
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki])) continue;
        for (size_t ai = 0; ai < N(ALGS); ai++) {
            psa_algorithm_t alg = ALGS[ai].alg;
            for (int p = 0; p < NPOL; p++) {
                if (p == P_WILD_LO || p == P_WILD_MID || p == P_WILD_HI || p == P_FAMILY) continue;
                psa_algorithm_t pol = alg;
                psa_key_usage_t usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
                if (p == P_OTHER) pol = alg == PSA_ALG_CTR ? PSA_ALG_CFB : PSA_ALG_CTR;
                if (p == P_NOUSAGE) usage = PSA_KEY_USAGE_DECRYPT;
                if (p == P_CCMSTAR) pol = PSA_ALG_CCM_STAR_ANY_TAG;
                psa_key_id_t k;
                psa_status_t st = mk(KS[ki], usage, pol, &k);
                rep(id("cipher/%s/%s/%s/import", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                if (st != PSA_SUCCESS) continue;
                for (size_t l = 0; l < N(LENS); l++) {
                    static const size_t OS[] = {0, 16, 32, 100};
                    for (size_t o = 0; o < N(OS); o++) {
                        size_t n = 0;
                        st = psa_cipher_encrypt(k, alg, in, LENS[l], out, OS[o], &n);
                        rep(id("cipher/%s/%s/%s/encrypt/in%zu/out%zu", KS[ki], ALGS[ai].name, PNAMES[p], LENS[l], OS[o]),
                            st, out, n, alg == PSA_ALG_ECB_NO_PADDING ? 2 : 1);
                        st = psa_cipher_decrypt(k, alg, in, LENS[l] + 16, out, OS[o], &n);
                        rep(id("cipher/%s/%s/%s/decrypt/in%zu/out%zu", KS[ki], ALGS[ai].name, PNAMES[p], LENS[l] + 16, OS[o]),
                            st, out, n, alg == PSA_ALG_CBC_PKCS7 ? 0 : 2);
                    }
                }
                psa_cipher_operation_t op = PSA_CIPHER_OPERATION_INIT;
                st = psa_cipher_encrypt_setup(&op, k, alg);
                rep(id("cipher/%s/%s/%s/encrypt_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                if (st == PSA_SUCCESS) {
                    static const size_t IVS[] = {0, 1, 8, 12, 16, 17};
                    for (size_t v = 0; v < N(IVS); v++) {
                        psa_cipher_abort(&op);
                        psa_cipher_encrypt_setup(&op, k, alg);
                        st = psa_cipher_set_iv(&op, in, IVS[v]);
                        rep(id("cipher/%s/%s/%s/set_iv%zu", KS[ki], ALGS[ai].name, PNAMES[p], IVS[v]), st, NULL, 0, 0);
                    }
                    size_t n = 0;
                    psa_cipher_abort(&op);
                    psa_cipher_encrypt_setup(&op, k, alg);
                    st = psa_cipher_update(&op, in, 16, out, sizeof out, &n);
                    rep(id("cipher/%s/%s/%s/update-before-iv", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                }
                psa_cipher_abort(&op);
                st = psa_cipher_decrypt_setup(&op, k, alg);
                rep(id("cipher/%s/%s/%s/decrypt_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                if (st == PSA_SUCCESS) {
                    uint8_t iv[16];
                    size_t n = 0;
                    st = psa_cipher_generate_iv(&op, iv, sizeof iv, &n);
                    rep(id("cipher/%s/%s/%s/decrypt-generate_iv", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                }
                psa_cipher_abort(&op);
                psa_destroy_key(k);
            }
        }
    }
}

/* 4. AEAD: one-shot (keys x algorithms x policies incl. every wildcard x
 * nonce lengths x buffers) and the multi-part length limits. */
static void sec_aead(void) {
    static const named_alg_t ALGS[] = {
        {"gcm", PSA_ALG_GCM}, {"gcm4", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 4)},
        {"gcm8", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8)},
        {"gcm12", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 12)},
        {"gcm13", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 13)},
        {"gcm16", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 16)},
        {"gcm3", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 3)},
        {"ccm", PSA_ALG_CCM}, {"ccm4", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 4)},
        {"ccm6", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 6)},
        {"ccm8", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8)},
        {"ccm10", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 10)},
        {"ccm12", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 12)},
        {"ccm14", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 14)},
        {"ccm16", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 16)},
        {"ccm5", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 5)},
        {"ccm2", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 2)},
        {"chachapoly", PSA_ALG_CHACHA20_POLY1305},
        {"chachapoly12", PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CHACHA20_POLY1305, 12)},
        {"gcmatleast12", PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12)},
        {"ccmstarany", PSA_ALG_CCM_STAR_ANY_TAG}, {"ctr", PSA_ALG_CTR},
    };
    static const char *KS[] = {"aes128", "aes256", "chacha", "raw16", "aria128", "camellia128", "des3k"};
    static const size_t NONCES[] = {0, 7, 8, 12, 13, 16};
    uint8_t nonce[16], ad[20], pt[40], ct[80], back[80];
    fill(nonce, sizeof nonce, 2);
    fill(ad, sizeof ad, 3);
    fill(pt, sizeof pt, 4);
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki])) continue;
        for (size_t ai = 0; ai < N(ALGS); ai++) {
            psa_algorithm_t alg = ALGS[ai].alg;
            int aead = PSA_ALG_IS_AEAD(alg);
            psa_algorithm_t base = aead ? PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) : alg;
            for (int p = 0; p < NPOL; p++) {
                if (p == P_FAMILY) continue;
                psa_algorithm_t pol = alg;
                psa_key_usage_t usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
                if (p == P_WILD_LO || p == P_WILD_MID || p == P_WILD_HI) {
                    if (!aead) continue;
                    pol = PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(base, p == P_WILD_LO ? 4 : p == P_WILD_MID ? 12 : 16);
                }
                if (p == P_OTHER) pol = base == PSA_ALG_GCM ? PSA_ALG_CCM : PSA_ALG_GCM;
                if (p == P_NOUSAGE) usage = PSA_KEY_USAGE_DECRYPT;
                if (p == P_CCMSTAR) pol = PSA_ALG_CCM_STAR_ANY_TAG;
                psa_key_id_t k;
                psa_status_t st = mk(KS[ki], usage, pol, &k);
                rep(id("aead/%s/%s/%s/import", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                if (st != PSA_SUCCESS) continue;
                for (size_t nv = 0; nv < N(NONCES); nv++) {
                    static const size_t OS[] = {0, 39, 56, 80};
                    for (size_t o = 0; o < N(OS); o++) {
                        size_t n = 0, m = 0;
                        st = psa_aead_encrypt(k, alg, nonce, NONCES[nv], ad, sizeof ad, pt, 24, ct, OS[o], &n);
                        rep(id("aead/%s/%s/%s/encrypt/nonce%zu/out%zu", KS[ki], ALGS[ai].name, PNAMES[p], NONCES[nv], OS[o]),
                            st, ct, n, 2);
                        if (st != PSA_SUCCESS) {
                            n = 40;
                            fill(ct, n, 6);
                        }
                        psa_status_t s2 = psa_aead_decrypt(k, alg, nonce, NONCES[nv], ad, sizeof ad, ct, n, back, OS[o], &m);
                        rep(id("aead/%s/%s/%s/decrypt/nonce%zu/out%zu/first", KS[ki], ALGS[ai].name, PNAMES[p], NONCES[nv], OS[o]),
                            s2, back, m, 2);
                        {
                            ct[n - 1] ^= 1;
                            s2 = psa_aead_decrypt(k, alg, nonce, NONCES[nv], ad, sizeof ad, ct, n, back, sizeof back, &m);
                            rep(id("aead/%s/%s/%s/decrypt/nonce%zu/out%zu/tampered", KS[ki], ALGS[ai].name, PNAMES[p],
                                   NONCES[nv], OS[o]), s2, NULL, 0, 0);
                        }
                    }
                }
                psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
                st = psa_aead_encrypt_setup(&op, k, alg);
                rep(id("aead/%s/%s/%s/encrypt_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                psa_aead_abort(&op);
                st = psa_aead_decrypt_setup(&op, k, alg);
                rep(id("aead/%s/%s/%s/decrypt_setup", KS[ki], ALGS[ai].name, PNAMES[p]), st, NULL, 0, 0);
                psa_aead_abort(&op);
                psa_destroy_key(k);
            }
        }
    }
    /* psa_aead_set_lengths limits, before and after the nonce. */
    static const struct { const char *name; const char *key; psa_algorithm_t alg; size_t nonce; } LM[] = {
        {"gcm", "aes128", PSA_ALG_GCM, 12}, {"ccm-n7", "aes128", PSA_ALG_CCM, 7},
        {"ccm-n10", "aes128", PSA_ALG_CCM, 10}, {"ccm-n12", "aes128", PSA_ALG_CCM, 12},
        {"ccm-n13", "aes128", PSA_ALG_CCM, 13}, {"chachapoly", "chacha", PSA_ALG_CHACHA20_POLY1305, 12},
    };
    static const struct { const char *name; size_t v; } L[] = {
        {"0", 0}, {"ff00", 0xff00}, {"ff01", 0xff01}, {"ffff", 0xffff}, {"10000", 0x10000},
        {"ffffff", 0xffffff}, {"1000000", 0x1000000}, {"u32max", 0xffffffffu}, {"2p32", (size_t)1 << 32},
        {"2p36m32", ((size_t)1 << 36) - 32}, {"2p36m31", ((size_t)1 << 36) - 31},
        {"2p38m64", ((size_t)1 << 38) - 64}, {"2p38m63", ((size_t)1 << 38) - 63},
        {"2p56", (size_t)1 << 56}, {"2p61m1", ((size_t)1 << 61) - 1}, {"2p61", (size_t)1 << 61},
        {"sizemax", SIZE_MAX},
    };
    for (size_t c = 0; c < N(LM); c++) {
        psa_key_id_t k;
        if (!have(LM[c].key)) continue;
        if (mk(LM[c].key, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, LM[c].alg, &k) != PSA_SUCCESS) continue;
        for (size_t a = 0; a < N(L); a++) {
            for (size_t t = 0; t < N(L); t++) {
                for (int order = 0; order < 2; order++) {
                    psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
                    psa_status_t st = order ? psa_aead_decrypt_setup(&op, k, LM[c].alg) : psa_aead_encrypt_setup(&op, k, LM[c].alg);
                    const char *o = order ? "nonce-first" : "lengths-first";
                    if (order) {
                        st = psa_aead_set_nonce(&op, nonce, LM[c].nonce);
                        rep(id("aeadlen/%s/ad%s/pt%s/%s/set_nonce", LM[c].name, L[a].name, L[t].name, o), st, NULL, 0, 0);
                    }
                    st = psa_aead_set_lengths(&op, L[a].v, L[t].v);
                    rep(id("aeadlen/%s/ad%s/pt%s/%s/set_lengths", LM[c].name, L[a].name, L[t].name, o), st, NULL, 0, 0);
                    if (!order) {
                        st = psa_aead_set_nonce(&op, nonce, LM[c].nonce);
                        rep(id("aeadlen/%s/ad%s/pt%s/%s/set_nonce", LM[c].name, L[a].name, L[t].name, o), st, NULL, 0, 0);
                    }
                    psa_aead_abort(&op);
                }
            }
        }
        /* States: no lengths for CCM, data beyond the declared lengths, finish early. */
        static const char *SEQ[] = {"ad-no-lengths", "update-no-lengths", "ad-too-long", "pt-too-long",
                                    "finish-short-ad", "finish-short-pt", "nonce-twice", "lengths-twice",
                                    "lengths-after-ad", "update-before-nonce", "finish-no-nonce"};
        for (size_t s = 0; s < N(SEQ); s++) {
            psa_aead_operation_t op = PSA_AEAD_OPERATION_INIT;
            psa_status_t st = psa_aead_encrypt_setup(&op, k, LM[c].alg);
            size_t n = 0, tl = 0;
            uint8_t tag[16];
            if (s == 9 || s == 10) {
                st = s == 9 ? psa_aead_update(&op, pt, 4, ct, sizeof ct, &n)
                            : psa_aead_finish(&op, ct, sizeof ct, &n, tag, sizeof tag, &tl);
                rep(id("aeadstate/%s/%s", LM[c].name, SEQ[s]), st, NULL, 0, 0);
                psa_aead_abort(&op);
                continue;
            }
            if (s >= 2 && s != 6) psa_aead_set_lengths(&op, 4, 4);
            st = psa_aead_set_nonce(&op, nonce, LM[c].nonce);
            if (s == 6) st = psa_aead_set_nonce(&op, nonce, LM[c].nonce);
            if (s == 7) st = psa_aead_set_lengths(&op, 4, 4);
            if (s == 8) { psa_aead_update_ad(&op, ad, 2); st = psa_aead_set_lengths(&op, 4, 4); }
            if (s == 0) st = psa_aead_update_ad(&op, ad, 4);
            if (s == 1) st = psa_aead_update(&op, pt, 4, ct, sizeof ct, &n);
            if (s == 2) st = psa_aead_update_ad(&op, ad, 5);
            if (s == 3) { psa_aead_update_ad(&op, ad, 4); st = psa_aead_update(&op, pt, 5, ct, sizeof ct, &n); }
            if (s == 4) { psa_aead_update_ad(&op, ad, 3); st = psa_aead_finish(&op, ct, sizeof ct, &n, tag, sizeof tag, &tl); }
            if (s == 5) { psa_aead_update_ad(&op, ad, 4); psa_aead_update(&op, pt, 3, ct, sizeof ct, &n);
                          st = psa_aead_finish(&op, ct, sizeof ct, &n, tag, sizeof tag, &tl); }
            rep(id("aeadstate/%s/%s", LM[c].name, SEQ[s]), st, NULL, 0, 0);
            psa_aead_abort(&op);
        }
        psa_destroy_key(k);
    }
}

/* 5. Hash: algorithms x input lengths x output sizes; compare. */
static void sec_hash(void) {
    static const named_alg_t ALGS[] = {
        {"md5", PSA_ALG_MD5}, {"ripemd160", PSA_ALG_RIPEMD160}, {"sha1", PSA_ALG_SHA_1},
        {"sha224", PSA_ALG_SHA_224}, {"sha256", PSA_ALG_SHA_256}, {"sha384", PSA_ALG_SHA_384},
        {"sha512", PSA_ALG_SHA_512}, {"sha512_224", PSA_ALG_SHA_512_224}, {"sha512_256", PSA_ALG_SHA_512_256},
        {"sha3_256", PSA_ALG_SHA3_256}, {"none", 0}, {"anyhash", PSA_ALG_ANY_HASH},
        {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)}, {"h0x020000fe", 0x020000fe},
    };
    static const size_t INS[] = {0, 3, 64, 200};
    static const size_t OS[] = {0, 19, 20, 32, 64, 100};
    uint8_t in[200], out[100];
    fill(in, sizeof in, 7);
    for (size_t ai = 0; ai < N(ALGS); ai++) {
        for (size_t i = 0; i < N(INS); i++) {
            for (size_t o = 0; o < N(OS); o++) {
                size_t n = 0;
                psa_status_t st = psa_hash_compute(ALGS[ai].alg, in, INS[i], out, OS[o], &n);
                rep(id("hash/%s/in%zu/out%zu/compute", ALGS[ai].name, INS[i], OS[o]), st, out, n, 2);
            }
            size_t n = 0;
            psa_status_t st = psa_hash_compute(ALGS[ai].alg, in, INS[i], out, sizeof out, &n);
            if (st == PSA_SUCCESS) {
                rep(id("hash/%s/in%zu/compare/good", ALGS[ai].name, INS[i]), psa_hash_compare(ALGS[ai].alg, in, INS[i], out, n), NULL, 0, 0);
                rep(id("hash/%s/in%zu/compare/short", ALGS[ai].name, INS[i]), psa_hash_compare(ALGS[ai].alg, in, INS[i], out, n - 1), NULL, 0, 0);
                out[0] ^= 1;
                rep(id("hash/%s/in%zu/compare/bad", ALGS[ai].name, INS[i]), psa_hash_compare(ALGS[ai].alg, in, INS[i], out, n), NULL, 0, 0);
            } else {
                rep(id("hash/%s/in%zu/compare/any", ALGS[ai].name, INS[i]), psa_hash_compare(ALGS[ai].alg, in, INS[i], out, 32), NULL, 0, 0);
            }
        }
        psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
        rep(id("hash/%s/setup", ALGS[ai].name), psa_hash_setup(&op, ALGS[ai].alg), NULL, 0, 0);
        psa_hash_abort(&op);
    }
    /* States of the multi-part operation. */
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    uint8_t h[64];
    size_t n = 0;
    rep("hash/state/update-inactive", psa_hash_update(&op, in, 3), NULL, 0, 0);
    rep("hash/state/finish-inactive", psa_hash_finish(&op, h, sizeof h, &n), NULL, 0, 0);
    rep("hash/state/verify-inactive", psa_hash_verify(&op, h, 32), NULL, 0, 0);
    rep("hash/state/abort-inactive", psa_hash_abort(&op), NULL, 0, 0);
    psa_hash_setup(&op, PSA_ALG_SHA_256);
    rep("hash/state/finish-small", psa_hash_finish(&op, h, 31, &n), NULL, 0, 0);
    rep("hash/state/finish-after-error", psa_hash_finish(&op, h, sizeof h, &n), h, n, 2);
    psa_hash_abort(&op);
    psa_hash_setup(&op, PSA_ALG_SHA_256);
    rep("hash/state/finish-empty", psa_hash_finish(&op, h, sizeof h, &n), h, n, 2);
    rep("hash/state/update-after-finish", psa_hash_update(&op, in, 3), NULL, 0, 0);
    psa_hash_abort(&op);
}

/* 6. Signatures: keys (pairs, public keys, symmetric) x algorithms of every
 * family and hash (incl. ANY_HASH, none, invalid) x policies (exact, the
 * family's ANY_HASH wildcard, another family, no usage) x hash lengths x
 * signature buffer sizes. */
static void sec_sign(void) {
    static const named_alg_t HASHES[] = {
        {"sha1", PSA_ALG_SHA_1}, {"sha256", PSA_ALG_SHA_256}, {"sha384", PSA_ALG_SHA_384},
        {"sha512", PSA_ALG_SHA_512}, {"anyhash", PSA_ALG_ANY_HASH}, {"none", 0}, {"h0x020000fe", 0x020000fe},
    };
    static const char *FNAMES[] = {"ecdsa", "detecdsa", "pkcs1", "pss", "pssany"};
    static const struct { const char *name; int pub; } KS[] = {
        {"p256", 0}, {"p384", 0}, {"k256", 0}, {"rsa1024", 0}, {"p256", 1}, {"rsa1024", 1},
        {"aes128", 0}, {"hmac256", 0}, {"x25519", 0}, {"ed25519", 0},
    };
    uint8_t hash[64], sig[256], msg[50];
    fill(hash, sizeof hash, 8);
    fill(msg, sizeof msg, 9);
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki].name)) continue;
        const char *kn = KS[ki].pub ? "pub" : "pair";
        size_t na = N(FNAMES) * N(HASHES) + 4;
        for (size_t ai = 0; ai < na; ai++) {
            psa_algorithm_t alg, fam_any;
            char aname[40];
            if (ai < N(FNAMES) * N(HASHES)) {
                size_t f = ai / N(HASHES), h = ai % N(HASHES);
                psa_algorithm_t hv = HASHES[h].alg;
                alg = f == 0 ? PSA_ALG_ECDSA(hv) : f == 1 ? PSA_ALG_DETERMINISTIC_ECDSA(hv) : f == 2 ? PSA_ALG_RSA_PKCS1V15_SIGN(hv)
                      : f == 3 ? PSA_ALG_RSA_PSS(hv) : PSA_ALG_RSA_PSS_ANY_SALT(hv);
                fam_any = f == 0 ? PSA_ALG_ECDSA(PSA_ALG_ANY_HASH) : f == 1 ? PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_ANY_HASH)
                          : f == 2 ? PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_ANY_HASH) : f == 3 ? PSA_ALG_RSA_PSS(PSA_ALG_ANY_HASH)
                          : PSA_ALG_RSA_PSS_ANY_SALT(PSA_ALG_ANY_HASH);
                snprintf(aname, sizeof aname, "%s-%s", FNAMES[f], HASHES[h].name);
            } else {
                static const named_alg_t EXTRA[] = {{"pkcs1raw", PSA_ALG_RSA_PKCS1V15_SIGN_RAW}, {"pureeddsa", PSA_ALG_PURE_EDDSA},
                                                    {"ed25519ph", PSA_ALG_ED25519PH}, {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)}};
                alg = EXTRA[ai - N(FNAMES) * N(HASHES)].alg;
                fam_any = alg == PSA_ALG_ED25519PH ? DIFF_HASH_EDDSA(PSA_ALG_ANY_HASH) : alg;
                snprintf(aname, sizeof aname, "%s", EXTRA[ai - N(FNAMES) * N(HASHES)].name);
            }
            for (int p = 0; p < NPOL; p++) {
                if (p != P_EXACT && p != P_FAMILY && p != P_OTHER && p != P_NOUSAGE) continue;
                psa_algorithm_t pol = p == P_FAMILY ? fam_any
                                      : p == P_OTHER ? (PSA_ALG_IS_ECDSA(alg) ? PSA_ALG_RSA_PSS(PSA_ALG_SHA_256) : PSA_ALG_ECDSA(PSA_ALG_SHA_256))
                                                     : alg;
                psa_key_usage_t usage = PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH;
                if (p == P_NOUSAGE) usage = PSA_KEY_USAGE_EXPORT;
                psa_key_id_t k;
                psa_status_t st = KS[ki].pub ? mkpub(KS[ki].name, usage, pol, &k) : mk(KS[ki].name, usage, pol, &k);
                const char *base = id("sign/%s/%s/%s/%s", KS[ki].name, kn, aname, PNAMES[p]);
                char b[200];
                snprintf(b, sizeof b, "%s", base);
                rep(id("%s/import", b), st, NULL, 0, 0);
                if (st != PSA_SUCCESS) continue;
                static const size_t HL[] = {0, 20, 32, 48, 64};
                static const size_t SS[] = {0, 10, 256};
                for (size_t h = 0; h < N(HL); h++) {
                    for (size_t s = 0; s < N(SS); s++) {
                        size_t n = 0;
                        st = psa_sign_hash(k, alg, hash, HL[h], sig, SS[s], &n);
                        int det = PSA_ALG_IS_DETERMINISTIC_ECDSA(alg) ? 2 : 1;
                        rep(id("%s/sign_hash/h%zu/s%zu", b, HL[h], SS[s]), st, sig, n, det);
                    }
                    size_t n = 0;
                    /* Verify a valid signature (from a signing copy) and a corrupted one. */
                    psa_key_id_t ks;
                    st = mk(KS[ki].name, PSA_KEY_USAGE_SIGN_HASH, alg, &ks);
                    if (st == PSA_SUCCESS) st = psa_sign_hash(ks, alg, hash, HL[h], sig, sizeof sig, &n);
                    psa_destroy_key(ks);
                    if (st != PSA_SUCCESS) { n = 64; fill(sig, n, 1); }
                    st = psa_verify_hash(k, alg, hash, HL[h], sig, n);
                    rep(id("%s/verify_hash/h%zu/first", b, HL[h]), st, NULL, 0, 0);
                    sig[n / 2] ^= 0x10;
                    st = psa_verify_hash(k, alg, hash, HL[h], sig, n);
                    rep(id("%s/verify_hash/h%zu/corrupt", b, HL[h]), st, NULL, 0, 0);
                    st = psa_verify_hash(k, alg, hash, HL[h], sig, 0);
                    rep(id("%s/verify_hash/h%zu/empty", b, HL[h]), st, NULL, 0, 0);
                }
                psa_destroy_key(k);
                /* Messages. */
                usage = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
                if (p == P_NOUSAGE) usage = PSA_KEY_USAGE_SIGN_HASH;
                st = KS[ki].pub ? mkpub(KS[ki].name, usage, pol, &k) : mk(KS[ki].name, usage, pol, &k);
                if (st != PSA_SUCCESS) continue;
                static const size_t SS2[] = {0, 10, 256};
                for (size_t s = 0; s < N(SS2); s++) {
                    size_t n = 0;
                    st = psa_sign_message(k, alg, msg, sizeof msg, sig, SS2[s], &n);
                    rep(id("%s/sign_message/s%zu", b, SS2[s]), st, sig, n, PSA_ALG_IS_DETERMINISTIC_ECDSA(alg) ? 2 : 1);
                }
                fill(sig, 64, 1);
                st = psa_verify_message(k, alg, msg, sizeof msg, sig, 64);
                rep(id("%s/verify_message/junk", b), st, NULL, 0, 0);
                psa_destroy_key(k);
            }
        }
    }
}

/* 7. Asymmetric encryption: keys x algorithms x policies x labels x buffers. */
static void sec_asym(void) {
    static const named_alg_t ALGS[] = {
        {"pkcs1", PSA_ALG_RSA_PKCS1V15_CRYPT}, {"oaep1", PSA_ALG_RSA_OAEP(PSA_ALG_SHA_1)},
        {"oaep256", PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256)}, {"oaepany", PSA_ALG_RSA_OAEP(PSA_ALG_ANY_HASH)},
        {"oaepmd5", PSA_ALG_RSA_OAEP(PSA_ALG_MD5)}, {"ecdsaany", PSA_ALG_ECDSA_ANY}, {"none", 0},
        {"gcm", PSA_ALG_GCM}, {"pkcs1sign256", PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256)},
    };
    static const struct { const char *name; int pub; } KS[] = {
        {"rsa1024", 0}, {"rsa1024", 1}, {"p256", 0}, {"p256", 1}, {"aes128", 0}, {"x25519", 0},
    };
    uint8_t in[200], out[200];
    fill(in, sizeof in, 12);
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki].name)) continue;
        for (size_t ai = 0; ai < N(ALGS); ai++) {
            psa_algorithm_t alg = ALGS[ai].alg;
            for (int p = 0; p < NPOL; p++) {
                if (p != P_EXACT && p != P_OTHER && p != P_NOUSAGE) continue;
                psa_algorithm_t pol = p == P_OTHER ? (alg == PSA_ALG_RSA_PKCS1V15_CRYPT ? PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256)
                                                                                       : PSA_ALG_RSA_PKCS1V15_CRYPT) : alg;
                psa_key_usage_t usage = p == P_NOUSAGE ? PSA_KEY_USAGE_EXPORT : PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
                psa_key_id_t k;
                psa_status_t st = KS[ki].pub ? mkpub(KS[ki].name, usage, pol, &k) : mk(KS[ki].name, usage, pol, &k);
                char b[160];
                snprintf(b, sizeof b, "asym/%s/%s/%s/%s", KS[ki].name, KS[ki].pub ? "pub" : "pair", ALGS[ai].name, PNAMES[p]);
                rep(id("%s/import", b), st, NULL, 0, 0);
                if (st != PSA_SUCCESS) continue;
                static const size_t INS[] = {0, 16, 100, 128};
                static const size_t OS[] = {0, 127, 128};
                for (int salt = 0; salt < 2; salt++) {
                    for (size_t i = 0; i < N(INS); i++) {
                        for (size_t o = 0; o < N(OS); o++) {
                            size_t n = 0;
                            st = psa_asymmetric_encrypt(k, alg, in, INS[i], salt ? in : NULL, salt ? 5 : 0, out, OS[o], &n);
                            rep(id("%s/encrypt/salt%d/in%zu/out%zu", b, salt, INS[i], OS[o]), st, out, n, 1);
                        }
                        size_t n = 0;
                        st = psa_asymmetric_decrypt(k, alg, in, INS[i], salt ? in : NULL, salt ? 5 : 0, out, sizeof out, &n);
                        rep(id("%s/decrypt/salt%d/in%zu", b, salt, INS[i]), st, NULL, 0, 0);
                    }
                }
                /* Round trip through a decrypting copy. */
                size_t n = 0, m = 0;
                st = psa_asymmetric_encrypt(k, alg, in, 16, NULL, 0, out, sizeof out, &n);
                if (!KS[ki].pub) {
                    uint8_t back[200];
                    st = psa_asymmetric_decrypt(k, alg, out, n, NULL, 0, back, sizeof back, &m);
                    rep(id("%s/roundtrip", b), st, back, m, 2);
                    /* One byte short of the plaintext (0 when the round trip failed). */
                    st = psa_asymmetric_decrypt(k, alg, out, n, NULL, 0, back, m ? m - 1 : 0, &m);
                    rep(id("%s/roundtrip-small", b), st, NULL, 0, 0);
                }
                psa_destroy_key(k);
            }
        }
    }
}

/* 8. Key derivation: every algorithm x a step table (each step given as
 * bytes of several lengths, as keys of several types and policies, as an
 * integer, from a destroyed key), in the right and in wrong orders, then the
 * outputs (bytes of several sizes, keys of several attributes, capacity). */
typedef struct { const char *name; psa_algorithm_t alg; psa_key_derivation_step_t steps[4]; size_t nsteps; } kdf_t;

enum { IN_BYTES, IN_BYTES0, IN_BYTES_LONG, IN_BYTES_HASHLEN, IN_INT, IN_INT0, IN_KEY_DERIVE, IN_KEY_RAW, IN_KEY_HMAC,
       IN_KEY_PASSWORD, IN_KEY_NOUSAGE, IN_KEY_VERIFYONLY, IN_KEY_OTHERALG, IN_KEY_DESTROYED, NIN };
static const char *IN_NAMES[NIN] = {"bytes16", "bytes0", "bytes300", "byteshashlen", "int1000", "int0", "keyderive",
                                    "keyraw", "keyhmac", "keypassword", "keynousage", "keyverifyonly", "keyotheralg",
                                    "keydestroyed"};

static psa_key_id_t live[16];
static size_t n_live;

/* Aborts `op` and destroys the input keys it used. */
static void kdf_end(psa_key_derivation_operation_t *op) {
    psa_key_derivation_abort(op);
    while (n_live) psa_destroy_key(live[--n_live]);
}

static psa_status_t kdf_input(psa_key_derivation_operation_t *op, psa_algorithm_t alg, psa_key_derivation_step_t step, int kind) {
    uint8_t data[300];
    fill(data, sizeof data, (unsigned)step);
    size_t hl = PSA_HASH_LENGTH(PSA_ALG_GET_HASH(alg));
    switch (kind) {
    case IN_BYTES: return psa_key_derivation_input_bytes(op, step, data, 16);
    case IN_BYTES0: return psa_key_derivation_input_bytes(op, step, data, 0);
    case IN_BYTES_LONG: return psa_key_derivation_input_bytes(op, step, data, 300);
    case IN_BYTES_HASHLEN: return psa_key_derivation_input_bytes(op, step, data, hl ? hl : 16);
    case IN_INT: return psa_key_derivation_input_integer(op, step, 1000);
    case IN_INT0: return psa_key_derivation_input_integer(op, step, 0);
    default: break;
    }
    const char *kn = kind == IN_KEY_RAW ? "raw16" : kind == IN_KEY_HMAC ? "hmac256" : kind == IN_KEY_PASSWORD ? "password16" : "derive32";
    psa_key_usage_t usage = kind == IN_KEY_NOUSAGE ? PSA_KEY_USAGE_EXPORT
                            : kind == IN_KEY_VERIFYONLY ? PSA_KEY_USAGE_VERIFY_DERIVATION : PSA_KEY_USAGE_DERIVE;
    psa_algorithm_t pol = kind == IN_KEY_OTHERALG ? PSA_ALG_HKDF(PSA_ALG_SHA_512) : alg;
    psa_key_id_t k;
    psa_status_t st = mk(kn, usage, pol, &k);
    if (st != PSA_SUCCESS) return st;
    if (kind == IN_KEY_DESTROYED) psa_destroy_key(k);
    st = psa_key_derivation_input_key(op, step, k);
    /* Input keys live until the operation ends (kdf_end): what destroying a
     * key in use does is implementation-defined. */
    if (n_live < sizeof live / sizeof live[0]) live[n_live++] = k;
    return st;
}

static void sec_kdf(void) {
    static const kdf_t KDFS[] = {
        {"hkdf256", PSA_ALG_HKDF(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_SALT, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_INFO}, 3},
        {"hkdf1", PSA_ALG_HKDF(PSA_ALG_SHA_1), {PSA_KEY_DERIVATION_INPUT_SALT, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_INFO}, 3},
        {"hkdfextract256", PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_SALT, PSA_KEY_DERIVATION_INPUT_SECRET}, 2},
        {"hkdfexpand256", PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_INFO}, 2},
        {"tls12prf256", PSA_ALG_TLS12_PRF(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_SEED, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_LABEL}, 3},
        {"tls12prf1", PSA_ALG_TLS12_PRF(PSA_ALG_SHA_1), {PSA_KEY_DERIVATION_INPUT_SEED, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_LABEL}, 3},
        {"psk2ms256", PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_SEED, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_LABEL}, 3},
        {"psk2ms384", PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_384), {PSA_KEY_DERIVATION_INPUT_SEED, PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_LABEL}, 3},
        {"pbkdf2hmac256", PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), {PSA_KEY_DERIVATION_INPUT_COST, PSA_KEY_DERIVATION_INPUT_SALT, PSA_KEY_DERIVATION_INPUT_PASSWORD}, 3},
        {"pbkdf2cmac", PSA_ALG_PBKDF2_AES_CMAC_PRF_128, {PSA_KEY_DERIVATION_INPUT_COST, PSA_KEY_DERIVATION_INPUT_SALT, PSA_KEY_DERIVATION_INPUT_PASSWORD}, 3},
    };
    static const struct { const char *name; psa_key_derivation_step_t s; } STEPS[] = {
        {"secret", PSA_KEY_DERIVATION_INPUT_SECRET}, {"password", PSA_KEY_DERIVATION_INPUT_PASSWORD},
        {"label", PSA_KEY_DERIVATION_INPUT_LABEL}, {"salt", PSA_KEY_DERIVATION_INPUT_SALT},
        {"info", PSA_KEY_DERIVATION_INPUT_INFO}, {"seed", PSA_KEY_DERIVATION_INPUT_SEED},
        {"cost", PSA_KEY_DERIVATION_INPUT_COST}, {"other", PSA_KEY_DERIVATION_INPUT_OTHER_SECRET},
        {"context", PSA_KEY_DERIVATION_INPUT_CONTEXT}, {"bogus", 0x7777},
    };
    /* The natural input kind of each step: integers for the cost. */
#define GOOD(st) ((st) == PSA_KEY_DERIVATION_INPUT_COST ? IN_INT : ((st) == PSA_KEY_DERIVATION_INPUT_SECRET || (st) == PSA_KEY_DERIVATION_INPUT_PASSWORD) ? IN_KEY_DERIVE : IN_BYTES)
    uint8_t out[600];
    for (size_t a = 0; a < N(KDFS); a++) {
        const kdf_t *K = &KDFS[a];
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_status_t st = psa_key_derivation_setup(&op, K->alg);
        rep(id("kdf/%s/setup", K->name), st, NULL, 0, 0);
        kdf_end(&op);
        if (st != PSA_SUCCESS) continue;
        /* Position x step x input kind: the steps before are given the good way. */
        for (size_t pos = 0; pos <= K->nsteps; pos++) {
            for (size_t s = 0; s < N(STEPS); s++) {
                for (int kind = 0; kind < NIN; kind++) {
                    op = psa_key_derivation_operation_init();
                    psa_key_derivation_setup(&op, K->alg);
                    for (size_t i = 0; i < pos && i < K->nsteps; i++) kdf_input(&op, K->alg, K->steps[i], GOOD(K->steps[i]));
                    st = kdf_input(&op, K->alg, STEPS[s].s, kind);
                    rep(id("kdf/%s/pos%zu/%s/%s", K->name, pos, STEPS[s].name, IN_NAMES[kind]), st, NULL, 0, 0);
                    /* Then the remaining good steps and one output. */
                    for (size_t i = pos; i < K->nsteps; i++)
                        if (K->steps[i] != STEPS[s].s) kdf_input(&op, K->alg, K->steps[i], GOOD(K->steps[i]));
                    st = psa_key_derivation_output_bytes(&op, out, 32);
                    rep(id("kdf/%s/pos%zu/%s/%s/output", K->name, pos, STEPS[s].name, IN_NAMES[kind]), st, out, 32, 2);
                    kdf_end(&op);
                }
            }
        }
        /* Complete inputs, then outputs, capacity and keys. */
        static const size_t OUTS[] = {0, 1, 32, 48, 255 * 32, 255 * 32 + 1, 255 * 48 + 1, 100000};
        for (int inkind = 0; inkind < 2; inkind++) {
            const char *ik = inkind ? "keyinputs" : "bytesinputs";
            for (size_t o = 0; o < N(OUTS); o++) {
                op = psa_key_derivation_operation_init();
                psa_key_derivation_setup(&op, K->alg);
                for (size_t i = 0; i < K->nsteps; i++)
                    kdf_input(&op, K->alg, K->steps[i], inkind ? GOOD(K->steps[i]) : (K->steps[i] == PSA_KEY_DERIVATION_INPUT_COST ? IN_INT : IN_BYTES_HASHLEN));
                size_t cap = 0;
                rep(id("kdf/%s/%s/o%zu/get_capacity", K->name, ik, OUTS[o]), psa_key_derivation_get_capacity(&op, &cap), (uint8_t *)&cap, sizeof cap, 2);
                if (OUTS[o] <= sizeof out) {
                    st = psa_key_derivation_output_bytes(&op, out, OUTS[o]);
                    rep(id("kdf/%s/%s/output%zu", K->name, ik, OUTS[o]), st, out, OUTS[o], 2);
                    st = psa_key_derivation_output_bytes(&op, out, 16);
                    rep(id("kdf/%s/%s/output%zu/then16", K->name, ik, OUTS[o]), st, out, 16, 2);
                }
                kdf_end(&op);
                op = psa_key_derivation_operation_init();
                psa_key_derivation_setup(&op, K->alg);
                st = psa_key_derivation_set_capacity(&op, OUTS[o]);
                rep(id("kdf/%s/%s/set_capacity%zu", K->name, ik, OUTS[o]), st, NULL, 0, 0);
                kdf_end(&op);
            }
            static const struct { const char *name; psa_key_type_t t; size_t bits; psa_key_usage_t u; } OK[] = {
                {"aes128", PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT}, {"aes100", PSA_KEY_TYPE_AES, 100, PSA_KEY_USAGE_EXPORT},
                {"hmac256", PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_EXPORT}, {"derive", PSA_KEY_TYPE_DERIVE, 256, PSA_KEY_USAGE_EXPORT},
                {"raw7", PSA_KEY_TYPE_RAW_DATA, 7, PSA_KEY_USAGE_EXPORT}, {"raw0", PSA_KEY_TYPE_RAW_DATA, 0, PSA_KEY_USAGE_EXPORT},
                {"none128", 0, 128, PSA_KEY_USAGE_EXPORT}, {"none0", 0, 0, PSA_KEY_USAGE_EXPORT},
                {"p256pub", PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_EXPORT},
                {"rsa1024", PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, PSA_KEY_USAGE_EXPORT},
                {"aes128ones", PSA_KEY_TYPE_AES, 128, 0xffffffff}, {"aes128huge", PSA_KEY_TYPE_AES, 70000, PSA_KEY_USAGE_EXPORT},
                {"pwhash", PSA_KEY_TYPE_PASSWORD_HASH, 256, PSA_KEY_USAGE_EXPORT},
            };
            for (size_t t = 0; t < N(OK); t++) {
                op = psa_key_derivation_operation_init();
                psa_key_derivation_setup(&op, K->alg);
                for (size_t i = 0; i < K->nsteps; i++)
                    kdf_input(&op, K->alg, K->steps[i], inkind ? GOOD(K->steps[i]) : (K->steps[i] == PSA_KEY_DERIVATION_INPUT_COST ? IN_INT : IN_BYTES_HASHLEN));
                psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
                psa_set_key_type(&at, OK[t].t);
                psa_set_key_bits(&at, OK[t].bits);
                psa_set_key_usage_flags(&at, OK[t].u);
                psa_set_key_algorithm(&at, OK[t].t == PSA_KEY_TYPE_PASSWORD_HASH ? K->alg : 0);
                psa_key_id_t k = 0;
                st = psa_key_derivation_output_key(&at, &op, &k);
                uint8_t m[200];
                size_t n = 0;
                if (st == PSA_SUCCESS) psa_export_key(k, m, sizeof m, &n);
                rep(id("kdf/%s/%s/output_key/%s", K->name, ik, OK[t].name), st, m, n, 2);
                psa_destroy_key(k);
                kdf_end(&op);
            }
            /* Verification: bytes and a password-hash key with or without the usage. */
            for (int v = 0; v < 4; v++) {
                op = psa_key_derivation_operation_init();
                psa_key_derivation_setup(&op, K->alg);
                size_t upto = v == 3 ? 1 : K->nsteps;
                for (size_t i = 0; i < upto; i++)
                    kdf_input(&op, K->alg, K->steps[i], inkind ? GOOD(K->steps[i]) : (K->steps[i] == PSA_KEY_DERIVATION_INPUT_COST ? IN_INT : IN_BYTES_HASHLEN));
                uint8_t exp[32] = {0};
                if (v == 0) {
                    st = psa_key_derivation_verify_bytes(&op, exp, sizeof exp);
                } else {
                    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
                    psa_key_id_t k = 0;
                    psa_set_key_type(&at, PSA_KEY_TYPE_PASSWORD_HASH);
                    psa_set_key_usage_flags(&at, v == 2 ? PSA_KEY_USAGE_EXPORT : PSA_KEY_USAGE_VERIFY_DERIVATION);
                    if (v == 3) psa_set_key_usage_flags(&at, PSA_KEY_USAGE_EXPORT);
                    psa_set_key_algorithm(&at, K->alg);
                    psa_import_key(&at, exp, sizeof exp, &k);
                    st = psa_key_derivation_verify_key(&op, k);
                    psa_destroy_key(k);
                }
                rep(id("kdf/%s/%s/verify%d", K->name, ik, v), st, NULL, 0, 0);
                kdf_end(&op);
            }
        }
    }
    /* Setup with every kind of algorithm. */
    static const named_alg_t SETUP[] = {
        {"hkdfmd5", PSA_ALG_HKDF(PSA_ALG_MD5)}, {"hkdfany", PSA_ALG_HKDF(PSA_ALG_ANY_HASH)}, {"hkdf0", PSA_ALG_HKDF(0)},
        {"tls12prf384", PSA_ALG_TLS12_PRF(PSA_ALG_SHA_384)}, {"tls12prf512", PSA_ALG_TLS12_PRF(PSA_ALG_SHA_512)},
        {"psk2ms512", PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_512)}, {"psk2ms1", PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_1)},
        {"ecjpake", PSA_ALG_TLS12_ECJPAKE_TO_PMS}, {"ecdh", PSA_ALG_ECDH},
        {"ecdhhkdf", PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))},
        {"hmac256", PSA_ALG_HMAC(PSA_ALG_SHA_256)}, {"sha256", PSA_ALG_SHA_256}, {"none", 0},
        {"pbkdf2md5", PSA_ALG_PBKDF2_HMAC(PSA_ALG_MD5)},
    };
    for (size_t i = 0; i < N(SETUP); i++) {
        psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
        rep(id("kdf/setup/%s", SETUP[i].name), psa_key_derivation_setup(&op, SETUP[i].alg), NULL, 0, 0);
        size_t cap = 0;
        rep(id("kdf/setup/%s/get_capacity", SETUP[i].name), psa_key_derivation_get_capacity(&op, &cap), (uint8_t *)&cap, sizeof cap, 2);
        kdf_end(&op);
    }
}

/* 9. Copy: source policies x target attributes. */
static void sec_copy(void) {
    static const struct { const char *name; psa_key_usage_t u; psa_algorithm_t alg; } SRC[] = {
        {"copy-ctr", PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"nocopy-ctr", PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"copy-gcmatleast8", PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_ENCRYPT, PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 8)},
        {"copy-cmacatleast8", PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8)},
        {"copy-none", PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT, 0},
    };
    static const struct { const char *name; psa_key_type_t t; size_t bits; psa_key_usage_t u; psa_algorithm_t alg; } TGT[] = {
        {"typenone", 0, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"same", PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"othertype", PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"otherbits", PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR},
        {"alg0", 0, 0, PSA_KEY_USAGE_ENCRYPT, 0},
        {"algcfb", 0, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CFB},
        {"gcm12", 0, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 12)},
        {"gcm4", 0, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 4)},
        {"gcmatleast12", 0, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12)},
        {"cmac", 0, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_CMAC},
        {"cmac4", 0, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 4)},
        {"cmacatleast12", 0, 0, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 12)},
        {"usageones", 0, 0, 0xffffffff, 0},
        {"persist-id0", 0, 0, PSA_KEY_USAGE_ENCRYPT, 0},
    };
    for (size_t s = 0; s < N(SRC); s++) {
        for (size_t t = 0; t < N(TGT); t++) {
            psa_key_id_t src, dst = 0;
            mk("aes128", SRC[s].u, SRC[s].alg, &src);
            psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
            psa_set_key_type(&a, TGT[t].t);
            psa_set_key_bits(&a, TGT[t].bits);
            psa_set_key_usage_flags(&a, TGT[t].u);
            psa_set_key_algorithm(&a, TGT[t].alg);
            if (t == N(TGT) - 1) psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
            psa_status_t st = psa_copy_key(src, &a, &dst);
            attrs_digest(id("copy/%s/%s", SRC[s].name, TGT[t].name), st, dst);
            psa_destroy_key(dst);
            /* From a destroyed source, attributes read back from another volatile key. */
            psa_key_id_t other;
            mk("aes256", PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, &other);
            psa_key_attributes_t b = PSA_KEY_ATTRIBUTES_INIT;
            psa_get_key_attributes(other, &b);
            psa_destroy_key(src);
            st = psa_copy_key(src, t == 0 ? &b : &a, &dst);
            rep(id("copy/%s/%s/destroyed-source", SRC[s].name, TGT[t].name), st, NULL, 0, 0);
            psa_destroy_key(dst);
            psa_destroy_key(other);
            psa_reset_key_attributes(&b);
        }
    }
}

/* 10. Handles: 0, an unknown id, a destroyed key, in every call that takes a key. */
static void sec_handles(void) {
    psa_key_id_t destroyed;
    mk("aes128", PSA_KEY_USAGE_EXPORT, 0, &destroyed);
    psa_destroy_key(destroyed);
    const struct { const char *name; psa_key_id_t k; } H[] = {{"zero", 0}, {"unknown", 0x3fff0000}, {"destroyed", destroyed},
                                                              {"user", 0x12345}, {"vendor", PSA_KEY_ID_VENDOR_MIN}};
    uint8_t buf[300], in[64];
    size_t n;
    fill(in, sizeof in, 4);
    for (size_t i = 0; i < N(H); i++) {
        psa_key_id_t k = H[i].k;
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        const char *h = H[i].name;
        char b[64];
        snprintf(b, sizeof b, "handle/%s", h);
#define R(call, expr) rep(id("%s/%s", b, call), (expr), NULL, 0, 0)
        R("get_attributes", psa_get_key_attributes(k, &a));
        R("destroy", psa_destroy_key(k));
        R("purge", psa_purge_key(k));
        R("export", psa_export_key(k, buf, sizeof buf, &n));
        R("export_public", psa_export_public_key(k, buf, sizeof buf, &n));
        psa_key_id_t d;
        psa_set_key_type(&a, 0);
        R("copy", psa_copy_key(k, &a, &d));
        R("mac_compute", psa_mac_compute(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), in, 3, buf, sizeof buf, &n));
        R("mac_verify", psa_mac_verify(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), in, 3, buf, 32));
        R("cipher_encrypt", psa_cipher_encrypt(k, PSA_ALG_CTR, in, 16, buf, sizeof buf, &n));
        R("cipher_decrypt", psa_cipher_decrypt(k, PSA_ALG_CTR, in, 32, buf, sizeof buf, &n));
        R("aead_encrypt", psa_aead_encrypt(k, PSA_ALG_GCM, in, 12, NULL, 0, in, 16, buf, sizeof buf, &n));
        R("aead_decrypt", psa_aead_decrypt(k, PSA_ALG_GCM, in, 12, NULL, 0, in, 32, buf, sizeof buf, &n));
        R("sign_hash", psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, buf, sizeof buf, &n));
        R("sign_hash-wildcard", psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), in, 32, buf, sizeof buf, &n));
        R("sign_hash-buf0", psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, buf, 0, &n));
        R("verify_hash", psa_verify_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, buf, 64));
        R("sign_message", psa_sign_message(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, buf, sizeof buf, &n));
        R("verify_message", psa_verify_message(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), in, 32, buf, 64));
        R("asym_encrypt", psa_asymmetric_encrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, in, 16, NULL, 0, buf, sizeof buf, &n));
        R("asym_encrypt-salt", psa_asymmetric_encrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, in, 16, in, 3, buf, sizeof buf, &n));
        R("asym_decrypt", psa_asymmetric_decrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, in, 16, NULL, 0, buf, sizeof buf, &n));
        R("raw_key_agreement", psa_raw_key_agreement(PSA_ALG_ECDH, k, in, 65, buf, sizeof buf, &n));
        psa_mac_operation_t mo = PSA_MAC_OPERATION_INIT;
        R("mac_sign_setup", psa_mac_sign_setup(&mo, k, PSA_ALG_HMAC(PSA_ALG_SHA_256)));
        psa_mac_abort(&mo);
        psa_cipher_operation_t co = PSA_CIPHER_OPERATION_INIT;
        R("cipher_encrypt_setup", psa_cipher_encrypt_setup(&co, k, PSA_ALG_CTR));
        psa_cipher_abort(&co);
        psa_aead_operation_t ao = PSA_AEAD_OPERATION_INIT;
        R("aead_encrypt_setup", psa_aead_encrypt_setup(&ao, k, PSA_ALG_GCM));
        psa_aead_abort(&ao);
        psa_key_derivation_operation_t ko = PSA_KEY_DERIVATION_OPERATION_INIT;
        psa_key_derivation_setup(&ko, PSA_ALG_HKDF(PSA_ALG_SHA_256));
        R("kdf_input_key", psa_key_derivation_input_key(&ko, PSA_KEY_DERIVATION_INPUT_SECRET, k));
        psa_key_derivation_abort(&ko);
        psa_key_derivation_setup(&ko, PSA_ALG_HKDF(PSA_ALG_SHA_256));
        R("kdf_input_key-wrongstep", psa_key_derivation_input_key(&ko, PSA_KEY_DERIVATION_INPUT_INFO, k));
        psa_key_derivation_abort(&ko);
        psa_key_derivation_setup(&ko, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256)));
        R("kdf_key_agreement", psa_key_derivation_key_agreement(&ko, PSA_KEY_DERIVATION_INPUT_SECRET, k, in, 65));
        psa_key_derivation_abort(&ko);
        psa_key_derivation_setup(&ko, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256));
        R("kdf_verify_key", psa_key_derivation_verify_key(&ko, k));
        psa_key_derivation_abort(&ko);
        /* Item 7: a second SECRET with a destroyed key. */
        psa_key_id_t good;
        mk("derive32", PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256), &good);
        psa_key_derivation_setup(&ko, PSA_ALG_HKDF(PSA_ALG_SHA_256));
        psa_key_derivation_input_key(&ko, PSA_KEY_DERIVATION_INPUT_SECRET, good);
        R("kdf_second_secret", psa_key_derivation_input_key(&ko, PSA_KEY_DERIVATION_INPUT_SECRET, k));
        psa_key_derivation_abort(&ko);
        psa_destroy_key(good);
#undef R
    }
    /* Item 7: PBKDF2 salt as an integer before the cost; verify_key without the usage before all inputs. */
    psa_key_derivation_operation_t ko = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_derivation_setup(&ko, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256));
    rep("order/pbkdf2/salt-integer-before-cost", psa_key_derivation_input_integer(&ko, PSA_KEY_DERIVATION_INPUT_SALT, 5), NULL, 0, 0);
    psa_key_derivation_abort(&ko);
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t k;
    uint8_t pw[32] = {1};
    psa_set_key_type(&a, PSA_KEY_TYPE_PASSWORD_HASH);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&a, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256));
    psa_import_key(&a, pw, sizeof pw, &k);
    psa_key_derivation_setup(&ko, PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256));
    rep("order/pbkdf2/verify_key-nousage-before-inputs", psa_key_derivation_verify_key(&ko, k), NULL, 0, 0);
    psa_key_derivation_abort(&ko);
    psa_destroy_key(k);
}

/* 11. Export: every fixture x usage x buffer size. */
static void sec_export(void) {
    for (size_t i = 0; i < NKEYS; i++) {
        if (!have(KEYS[i].name)) continue;
        for (int u = 0; u < 2; u++) {
            psa_key_id_t k;
            mk(KEYS[i].name, u ? PSA_KEY_USAGE_EXPORT : PSA_KEY_USAGE_COPY, 0, &k);
            uint8_t buf[1300];
            size_t full = 0, n = 0;
            psa_export_key(k, buf, sizeof buf, &full);
            size_t SZ[] = {0, full ? full - 1 : 1, full, sizeof buf};
            for (size_t s = 0; s < 4; s++) {
                psa_status_t st = psa_export_key(k, buf, SZ[s], &n);
                rep(id("export/%s/%s/size%zu", KEYS[i].name, u ? "export" : "noexport", s), st, buf, n, KEYS[i].bits ? 0 : 2);
                st = psa_export_public_key(k, buf, SZ[s] > 300 ? 300 : SZ[s] + 64, &n);
                rep(id("export/%s/%s/public%zu", KEYS[i].name, u ? "export" : "noexport", s), st, buf, n, KEYS[i].bits ? 0 : 2);
            }
            psa_destroy_key(k);
        }
    }
}

/* 12. Key agreement: private keys x peers x algorithms x buffer sizes. */
static void sec_agreement(void) {
    static const char *KS[] = {"p256", "p384", "x25519", "k256", "aes128", "derive32", "ffdhe2048"};
    static const char *PEERS[] = {"p256", "p384", "x25519", "ffdhe2048"};
    static const named_alg_t ALGS[] = {{"ecdh", PSA_ALG_ECDH}, {"ffdh", PSA_ALG_FFDH}, {"hkdf", PSA_ALG_HKDF(PSA_ALG_SHA_256)},
                                       {"ecdhhkdf", PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))}};
    for (size_t ki = 0; ki < N(KS); ki++) {
        if (!have(KS[ki])) continue;
        for (size_t ai = 0; ai < N(ALGS); ai++) {
            for (int p = 0; p < 3; p++) {
                psa_key_id_t k;
                psa_algorithm_t pol = p == 1 ? PSA_ALG_ECDSA_ANY : p == 2 ? PSA_ALG_ECDH : ALGS[ai].alg;
                psa_key_usage_t u = p == 2 ? PSA_KEY_USAGE_EXPORT : PSA_KEY_USAGE_DERIVE;
                if (mk(KS[ki], u, pol, &k) != PSA_SUCCESS) continue;
                const char *pn = p == 0 ? "exact" : p == 1 ? "other" : "nousage";
                for (size_t pi = 0; pi <= N(PEERS); pi++) {
                    uint8_t peer[300];
                    size_t pl;
                    const char *peername;
                    if (pi < N(PEERS)) {
                        size_t x = key_index(key(PEERS[pi]));
                        pl = pub_len[x];
                        memcpy(peer, pubs[x], pl);
                        peername = PEERS[pi];
                    } else {
                        pl = 65;
                        fill(peer, pl, 3);
                        peer[0] = 4;
                        peername = "junk65";
                    }
                    static const size_t OS[] = {0, 31, 32, 48, 200, 255, 256};
                    for (size_t o = 0; o < N(OS); o++) {
                        uint8_t out[256];
                        size_t n = 0;
                        psa_status_t st = psa_raw_key_agreement(ALGS[ai].alg, k, peer, pl, out, OS[o], &n);
                        rep(id("agree/%s/%s/%s/%s/raw/out%zu", KS[ki], ALGS[ai].name, pn, peername, OS[o]), st, out, n, 2);
                    }
                    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
                    psa_key_derivation_setup(&op, PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256)));
                    psa_status_t st = psa_key_derivation_key_agreement(&op, PSA_KEY_DERIVATION_INPUT_SECRET, k, peer, pl);
                    rep(id("agree/%s/%s/%s/%s/kdf", KS[ki], ALGS[ai].name, pn, peername), st, NULL, 0, 0);
                    psa_key_derivation_abort(&op);
                }
                psa_destroy_key(k);
            }
        }
    }
}

static void run_all(void) {
    sec_create();
    sec_mac();
    sec_cipher();
    sec_aead();
    sec_hash();
    sec_sign();
    sec_asym();
    sec_kdf();
    sec_copy();
    sec_handles();
    sec_export();
    sec_agreement();
}
