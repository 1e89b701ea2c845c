/*
 * fuzz_ops: random call sequences over the multi-part hash, MAC, cipher and
 * AEAD operation objects.
 *
 * Input: family (hash, MAC, cipher, AEAD), algorithm, 32 bytes of key, then
 * commands (one byte each, followed by their arguments): setup, update with
 * a random chunk and output size, finish/verify with random buffer sizes,
 * IV/nonce/lengths steps, abort, clone, a memcpy of an object to the other
 * slot, destroy and re-import of the key.
 *
 * Two objects (heap blocks, so ASan sees their bounds) are driven against a
 * model of their state. Invariants: an output length is <= its buffer and 0
 * on failure; a step on an inactive, failed or stale (memcpy'd-away) object
 * is BAD_STATE, a setup on an active one is BAD_STATE; abort of a live object
 * succeeds; a step the model calls valid succeeds, and finish/verify of a
 * valid sequence equals the one-shot function on the same inputs (hash
 * compute, MAC compute, cipher decrypt of IV||output, AEAD encrypt); after
 * the key is destroyed no operation on it produces output; every input ends
 * with all objects aborted and no key in the store.
 */
#include "fuzz_util.h"

#define MAXB 8192

enum fam { F_HASH, F_MAC, F_CIPHER, F_AEAD };
enum ost { O_INACTIVE, O_ACTIVE, O_DEAD, O_PENDING, O_STALE };

typedef union {
    psa_hash_operation_t h;
    psa_mac_operation_t m;
    psa_cipher_operation_t c;
    psa_aead_operation_t a;
} any_op;

typedef struct {
    size_t n;
    uint8_t b[MAXB];
} buf;

typedef struct {
    any_op *op;
    int st;
    int partner;     /* O_PENDING: the slot the object was copied to */
    int enc;         /* sign (MAC), encrypt (cipher, AEAD) */
    int key_gone;    /* the key was destroyed while this operation was live */
    int bound;       /* the library has seen the operation at this address */
    buf in, ad, out;
    uint8_t iv[32];
    size_t iv_len;
    int iv_set, ad_started, body, lengths_set;
    size_t len_ad, len_pt;
} obj;

typedef struct {
    int fam;
    psa_algorithm_t alg;
    psa_key_type_t ktype;
    size_t kbits;
    uint8_t kdata[32];
    psa_key_id_t key; /* 0 after destroy */
    obj o[2];
} ctx;

/* Multi-part results compared with the one-shot call, per family (printed
 * at exit with FUZZ_STATS=1, to see that valid sequences are reached). */
static unsigned long matched[4];

static void append(buf *b, const uint8_t *p, size_t n) {
    FZ_CHECK(b->n + n <= MAXB);
    if (n) memcpy(b->b + b->n, p, n);
    b->n += n;
}

static void reset_model(obj *o) {
    o->in.n = o->ad.n = o->out.n = 0;
    o->iv_len = 0;
    o->iv_set = o->ad_started = o->body = o->lengths_set = 0;
    o->len_ad = o->len_pt = 0;
    o->key_gone = 0;
}

/* --- the calls, by family ----------------------------------------------- */

static psa_status_t op_abort(ctx *c, obj *o) {
    switch (c->fam) {
    case F_HASH: return psa_hash_abort(&o->op->h);
    case F_MAC: return psa_mac_abort(&o->op->m);
    case F_CIPHER: return psa_cipher_abort(&o->op->c);
    default: return psa_aead_abort(&o->op->a);
    }
}

static psa_status_t op_setup(ctx *c, obj *o, int enc, psa_algorithm_t alg) {
    switch (c->fam) {
    case F_HASH: return psa_hash_setup(&o->op->h, alg);
    case F_MAC:
        return enc ? psa_mac_sign_setup(&o->op->m, c->key, alg)
                   : psa_mac_verify_setup(&o->op->m, c->key, alg);
    case F_CIPHER:
        return enc ? psa_cipher_encrypt_setup(&o->op->c, c->key, alg)
                   : psa_cipher_decrypt_setup(&o->op->c, c->key, alg);
    default:
        return enc ? psa_aead_encrypt_setup(&o->op->a, c->key, alg)
                   : psa_aead_decrypt_setup(&o->op->a, c->key, alg);
    }
}

/* A call that must find the object unusable (inactive, failed or stale):
 * every step is BAD_STATE with a zero output length. */
static void expect_unusable(ctx *c, obj *o, uint8_t which) {
    uint8_t tmp[64] = {0};
    size_t len = FZ_POISON, len2 = FZ_POISON;
    psa_status_t st;
    switch (c->fam) {
    case F_HASH:
        st = (which & 1) ? psa_hash_update(&o->op->h, tmp, 3)
                         : psa_hash_finish(&o->op->h, tmp, sizeof tmp, &len);
        break;
    case F_MAC:
        st = (which & 1) ? psa_mac_update(&o->op->m, tmp, 3)
                         : psa_mac_sign_finish(&o->op->m, tmp, sizeof tmp, &len);
        break;
    case F_CIPHER:
        st = (which & 1) ? psa_cipher_update(&o->op->c, tmp, 3, tmp + 8, 40, &len)
                         : psa_cipher_finish(&o->op->c, tmp, sizeof tmp, &len);
        break;
    default:
        st = (which & 1) ? psa_aead_update(&o->op->a, tmp, 3, tmp + 8, 40, &len)
                         : psa_aead_finish(&o->op->a, tmp, 32, &len, tmp + 32, 32, &len2);
        break;
    }
    FZ_STATUS(st, PSA_ERROR_BAD_STATE);
    int has_len = !((which & 1) && (c->fam == F_HASH || c->fam == F_MAC));
    if (has_len) FZ_CHECK(len == 0);
    if (c->fam == F_AEAD && !(which & 1)) FZ_CHECK(len2 == 0);
}

/* --- reference results ----------------------------------------------- */

static size_t mac_len(ctx *c) { return PSA_MAC_LENGTH(c->ktype, c->kbits, c->alg); }

static void mac_reference(ctx *c, obj *o, uint8_t *mac, size_t *len) {
    FZ_STATUS(psa_mac_compute(c->key, c->alg, o->in.b, o->in.n, mac, PSA_MAC_MAX_SIZE, len),
              PSA_SUCCESS);
}

/* The one-shot status and result the multi-part cipher must match: decrypt
 * of IV || input (decryption) or the status of a one-shot encryption. */
static psa_status_t cipher_reference(ctx *c, obj *o, uint8_t *out, size_t *len) {
    static uint8_t tmp[MAXB + 64];
    if (o->enc) {
        size_t n;
        return psa_cipher_encrypt(c->key, c->alg, o->in.b, o->in.n, tmp, sizeof tmp, &n);
    }
    memcpy(tmp, o->iv, o->iv_len);
    memcpy(tmp + o->iv_len, o->in.b, o->in.n);
    return psa_cipher_decrypt(c->key, c->alg, tmp, o->iv_len + o->in.n, out, MAXB, len);
}

static void aead_reference(ctx *c, const uint8_t *nonce, size_t nlen, const buf *ad,
                           const uint8_t *text, size_t tlen, uint8_t *out, size_t *olen) {
    FZ_STATUS(psa_aead_encrypt(c->key, c->alg, nonce, nlen, ad->b, ad->n, text, tlen, out,
                               MAXB + 32, olen),
              PSA_SUCCESS);
}

/* --- commands ----------------------------------------------------------- */

/* The slot was used by a call: a pending copy of it elsewhere is now stale. */
static void used(ctx *c, int slot) {
    obj *other = &c->o[1 - slot];
    c->o[slot].bound = 1;
    if (other->st == O_PENDING && other->partner == slot) other->st = O_STALE;
}

/* A step failed: the operation is in its error state. */
static void failed(obj *o) {
    if (o->st == O_ACTIVE) o->st = O_DEAD;
}

static void cmd_setup(ctx *c, int slot, fz_in *in) {
    obj *o = &c->o[slot];
    uint8_t a = fz_u8(in);
    int enc = a & 1;
    psa_algorithm_t alg = c->alg;
    if ((a & 0x0e) == 0x0e) alg = (c->fam == F_HASH) ? PSA_ALG_MD2 : PSA_ALG_SHA_256;
    if (o->st == O_DEAD) {
        FZ_STATUS(op_abort(c, o), PSA_SUCCESS);
        used(c, slot);
        o->st = O_INACTIVE;
    }
    psa_status_t st = op_setup(c, o, enc, alg);
    if (o->st == O_ACTIVE) {
        FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        /* The spec's error state (or still active): abort clears either. */
        FZ_STATUS(op_abort(c, o), PSA_SUCCESS);
        used(c, slot);
        o->st = O_INACTIVE;
        return;
    }
    if (alg != c->alg) {
        FZ_CHECK(st != PSA_SUCCESS);
        o->st = O_DEAD;
        return;
    }
    if (c->fam != F_HASH && c->key == 0) {
        FZ_STATUS(st, PSA_ERROR_INVALID_HANDLE);
        o->st = O_DEAD;
        return;
    }
    FZ_STATUS(st, PSA_SUCCESS);
    reset_model(o);
    o->st = O_ACTIVE;
    o->bound = 1;
    o->enc = enc;
    if (c->fam == F_CIPHER) o->iv_len = PSA_CIPHER_IV_LENGTH(c->ktype, c->alg);
}

static void cmd_update(ctx *c, int slot, fz_in *in) {
    obj *o = &c->o[slot];
    size_t n;
    const uint8_t *p = fz_chunk(in, &n);
    uint8_t *data = fz_dup(p, n);
    uint8_t osel = fz_u8(in);
    psa_status_t st;
    size_t len = FZ_POISON;
    int active = o->st == O_ACTIVE;
    switch (c->fam) {
    case F_HASH:
        st = psa_hash_update(&o->op->h, data, n);
        FZ_STATUS(st, active ? PSA_SUCCESS : PSA_ERROR_BAD_STATE);
        if (active) append(&o->in, data, n);
        break;
    case F_MAC:
        st = psa_mac_update(&o->op->m, data, n);
        if (active && o->key_gone) {
            FZ_CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BAD_STATE);
            if (st != PSA_SUCCESS) failed(o);
            break;
        }
        FZ_STATUS(st, active ? PSA_SUCCESS : PSA_ERROR_BAD_STATE);
        if (active) append(&o->in, data, n);
        break;
    case F_CIPHER: {
        size_t need = PSA_CIPHER_UPDATE_OUTPUT_SIZE(c->ktype, c->alg, n);
        size_t size = (osel & 3) ? need : (size_t)(osel >> 2) % (need + 1);
        uint8_t *out = malloc(size + 1);
        st = psa_cipher_update(&o->op->c, data, n, out, size, &len);
        FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
        int ready = active && (o->iv_set || o->iv_len == 0);
        if (!ready) {
            FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            failed(o);
        } else if (o->key_gone) {
            /* No output from a destroyed key. */
            if (n) FZ_CHECK(st != PSA_SUCCESS);
            if (st != PSA_SUCCESS) failed(o);
        } else if (size >= need) {
            FZ_STATUS(st, PSA_SUCCESS);
        } else {
            FZ_CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BUFFER_TOO_SMALL);
            if (st != PSA_SUCCESS) failed(o);
        }
        if (st == PSA_SUCCESS && ready) {
            append(&o->in, data, n);
            append(&o->out, out, len);
        }
        free(out);
        break;
    }
    default: {
        size_t need = PSA_AEAD_UPDATE_OUTPUT_SIZE(c->ktype, c->alg, n);
        size_t size = (osel & 3) ? need : (size_t)(osel >> 2) % (need + 1);
        uint8_t *out = malloc(size + 1);
        st = psa_aead_update(&o->op->a, data, n, out, size, &len);
        FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
        int ccm = PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(c->alg) == PSA_ALG_CCM;
        if (!active || !o->iv_set) {
            FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        } else if (o->key_gone) {
            if (n) FZ_CHECK(st != PSA_SUCCESS);
        } else if (ccm && !o->lengths_set) {
            FZ_CHECK(st != PSA_SUCCESS);
        } else if (o->lengths_set && (o->ad.n != o->len_ad || o->in.n + n > o->len_pt)) {
            FZ_STATUS(st, PSA_ERROR_INVALID_ARGUMENT);
        } else if (size >= need) {
            FZ_STATUS(st, PSA_SUCCESS);
        } else {
            FZ_CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BUFFER_TOO_SMALL);
        }
        if (st == PSA_SUCCESS) {
            append(&o->in, data, n);
            append(&o->out, out, len);
            o->body = 1;
        } else {
            failed(o);
        }
        free(out);
        break;
    }
    }
    free(data);
    used(c, slot);
}

/* finish / sign_finish / verify / verify_finish, with random buffer sizes. */
static void cmd_finish(ctx *c, int slot, fz_in *in) {
    obj *o = &c->o[slot];
    uint8_t a = fz_u8(in);
    uint8_t b = fz_u8(in);
    int active = o->st == O_ACTIVE;
    psa_status_t st;
    size_t len = FZ_POISON;
    switch (c->fam) {
    case F_HASH: {
        size_t hl = PSA_HASH_LENGTH(c->alg);
        uint8_t ref[PSA_HASH_MAX_SIZE] = {0};
        size_t rl = 0;
        if (active) FZ_STATUS(psa_hash_compute(c->alg, o->in.b, o->in.n, ref, sizeof ref, &rl), PSA_SUCCESS);
        if (a & 1) { /* verify, with the right hash or a flipped one */
            if (b & 1 && rl) ref[b % rl] ^= 1;
            st = psa_hash_verify(&o->op->h, ref, active ? rl : 1);
            if (!active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else FZ_STATUS(st, (b & 1) ? PSA_ERROR_INVALID_SIGNATURE : PSA_SUCCESS);
            if (active) o->st = (b & 1) ? O_DEAD : O_INACTIVE;
        } else {
            size_t size = (b & 1) ? (size_t)(b >> 1) % hl : hl + (b >> 1) % 5;
            uint8_t *out = malloc(size + 1);
            st = psa_hash_finish(&o->op->h, out, size, &len);
            FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
            if (!active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else if (size < hl) FZ_STATUS(st, PSA_ERROR_BUFFER_TOO_SMALL);
            else {
                FZ_STATUS(st, PSA_SUCCESS);
                FZ_CHECK(len == rl && memcmp(out, ref, rl) == 0);
                matched[0]++;
            }
            if (active) o->st = (st == PSA_SUCCESS) ? O_INACTIVE : O_DEAD;
            free(out);
        }
        break;
    }
    case F_MAC: {
        size_t ml = mac_len(c);
        uint8_t ref[PSA_MAC_MAX_SIZE] = {0};
        size_t rl = 0;
        int live = active && !o->key_gone;
        if (live) mac_reference(c, o, ref, &rl);
        if (live) FZ_CHECK(rl == ml);
        if (a & 1) { /* verify_finish */
            if (b & 1 && rl) ref[b % rl] ^= 1;
            size_t vl = rl ? rl : 1;
            if (b & 2 && vl > 1) vl--; /* a truncated MAC never verifies */
            st = psa_mac_verify_finish(&o->op->m, ref, vl);
            if (!active || o->key_gone || o->enc) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else FZ_STATUS(st, (b & 3) ? PSA_ERROR_INVALID_SIGNATURE : PSA_SUCCESS);
        } else {
            size_t size = (b & 1) ? (size_t)(b >> 1) % ml : ml + (b >> 1) % 5;
            uint8_t *out = malloc(size + 1);
            st = psa_mac_sign_finish(&o->op->m, out, size, &len);
            FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
            if (!active || !o->enc) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else if (o->key_gone) FZ_CHECK(st == PSA_ERROR_BAD_STATE || (size < ml && st == PSA_ERROR_BUFFER_TOO_SMALL));
            else if (size < ml) FZ_STATUS(st, PSA_ERROR_BUFFER_TOO_SMALL);
            else {
                FZ_STATUS(st, PSA_SUCCESS);
                FZ_CHECK(len == rl && memcmp(out, ref, rl) == 0);
                matched[1]++;
            }
            free(out);
        }
        if (active) o->st = (st == PSA_SUCCESS) ? O_INACTIVE : O_DEAD;
        break;
    }
    case F_CIPHER: {
        size_t need = PSA_CIPHER_FINISH_OUTPUT_SIZE(c->ktype, c->alg);
        size_t size = (a & 1) ? need + (b % 3) : (size_t)b % (need + 1);
        uint8_t *out = malloc(size + 1);
        st = psa_cipher_finish(&o->op->c, out, size, &len);
        FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
        int ready = active && (o->iv_set || o->iv_len == 0);
        if (!ready) {
            FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        } else if (o->key_gone) {
            FZ_CHECK(st != PSA_SUCCESS);
        } else {
            static uint8_t ref[MAXB];
            size_t rl = 0;
            psa_status_t want = cipher_reference(c, o, ref, &rl);
            if (st != want) {
                FZ_CHECK(size < need);
                FZ_STATUS(st, PSA_ERROR_BUFFER_TOO_SMALL);
            }
            if (st == PSA_SUCCESS) {
                append(&o->out, out, len);
                if (o->enc) {
                    /* Decrypt IV || output with the one-shot call. */
                    static uint8_t ct[MAXB + 64];
                    memcpy(ct, o->iv, o->iv_len);
                    memcpy(ct + o->iv_len, o->out.b, o->out.n);
                    FZ_STATUS(psa_cipher_decrypt(c->key, c->alg, ct, o->iv_len + o->out.n, ref,
                                                 MAXB, &rl),
                              PSA_SUCCESS);
                    FZ_CHECK(rl == o->in.n && memcmp(ref, o->in.b, rl) == 0);
                    matched[2]++;
                } else {
                    FZ_CHECK(rl == o->out.n && memcmp(ref, o->out.b, rl) == 0);
                    matched[2]++;
                }
            }
        }
        if (active) o->st = (st == PSA_SUCCESS) ? O_INACTIVE : O_DEAD;
        free(out);
        break;
    }
    default: {
        size_t tl = PSA_AEAD_TAG_LENGTH(c->ktype, c->kbits, c->alg);
        size_t need = PSA_AEAD_FINISH_OUTPUT_SIZE(c->ktype, c->alg);
        size_t size = (a & 2) ? need : (size_t)(b >> 4) % (need + 1);
        uint8_t *out = malloc(size + 1);
        int ccm = PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(c->alg) == PSA_ALG_CCM;
        int ready = active && o->iv_set;
        int complete = !o->lengths_set || (o->ad.n == o->len_ad && o->in.n == o->len_pt);
        static uint8_t ref[MAXB + 32];
        size_t rl = 0;
        if (a & 1) { /* verify: the right tag or a flipped one */
            uint8_t tag[PSA_AEAD_TAG_MAX_SIZE] = {0};
            size_t tagl = tl ? tl : 1;
            int good = !(b & 1);
            if (ready && !o->key_gone && !o->enc && (!ccm || o->lengths_set) && complete) {
                /* The plaintext: the keystream is the same both ways. */
                aead_reference(c, o->iv, o->iv_len, &o->ad, o->in.b, o->in.n, ref, &rl);
                static uint8_t pt[MAXB];
                memcpy(pt, ref, o->in.n);
                aead_reference(c, o->iv, o->iv_len, &o->ad, pt, o->in.n, ref, &rl);
                memcpy(tag, ref + o->in.n, tl);
                memcpy(ref, pt, o->in.n);
                if (!good) tag[b % tagl] ^= 0x20;
            }
            st = psa_aead_verify(&o->op->a, out, size, &len, tag, tagl);
            FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
            if (!ready || o->enc) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else if (o->key_gone) FZ_CHECK(st != PSA_SUCCESS);
            else if (ccm && !o->lengths_set) FZ_CHECK(st != PSA_SUCCESS);
            else if (!complete) FZ_CHECK(st == PSA_ERROR_INVALID_ARGUMENT || (size < need && st == PSA_ERROR_BUFFER_TOO_SMALL));
            else if (!good) FZ_CHECK(st == PSA_ERROR_INVALID_SIGNATURE || (size < need && st == PSA_ERROR_BUFFER_TOO_SMALL));
            else if (size >= need) FZ_STATUS(st, PSA_SUCCESS);
            else FZ_CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BUFFER_TOO_SMALL);
            if (st == PSA_SUCCESS) {
                append(&o->out, out, len);
                FZ_CHECK(o->out.n == o->in.n && memcmp(o->out.b, ref, o->in.n) == 0);
                matched[3]++;
            }
        } else {
            size_t tsize = (b & 1) ? (size_t)(b >> 1) % (tl ? tl : 1) : tl + (b >> 1) % 3;
            uint8_t *tag = malloc(tsize + 1);
            size_t tlen = FZ_POISON;
            st = psa_aead_finish(&o->op->a, out, size, &len, tag, tsize, &tlen);
            FZ_CHECK(st == PSA_SUCCESS ? len <= size && tlen <= tsize : len == 0 && tlen == 0);
            if (!ready || !o->enc) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else if (o->key_gone) FZ_CHECK(st != PSA_SUCCESS);
            else if (ccm && !o->lengths_set) FZ_CHECK(st != PSA_SUCCESS);
            else if (!complete) FZ_CHECK(st == PSA_ERROR_INVALID_ARGUMENT || ((size < need || tsize < tl) && st == PSA_ERROR_BUFFER_TOO_SMALL));
            else if (tsize < tl) FZ_STATUS(st, PSA_ERROR_BUFFER_TOO_SMALL);
            else if (size >= need) FZ_STATUS(st, PSA_SUCCESS);
            else FZ_CHECK(st == PSA_SUCCESS || st == PSA_ERROR_BUFFER_TOO_SMALL);
            if (st == PSA_SUCCESS) {
                FZ_CHECK(tlen == tl);
                append(&o->out, out, len);
                append(&o->out, tag, tlen);
                aead_reference(c, o->iv, o->iv_len, &o->ad, o->in.b, o->in.n, ref, &rl);
                FZ_CHECK(rl == o->out.n && memcmp(ref, o->out.b, rl) == 0);
                matched[3]++;
            }
            free(tag);
        }
        if (active) o->st = (st == PSA_SUCCESS) ? O_INACTIVE : O_DEAD;
        free(out);
        break;
    }
    }
    used(c, slot);
}

/* Cipher: generate_iv / set_iv.  AEAD: generate_nonce / set_nonce. */
static void cmd_iv(ctx *c, int slot, fz_in *in) {
    obj *o = &c->o[slot];
    if (c->fam == F_HASH || c->fam == F_MAC) return;
    uint8_t a = fz_u8(in);
    int active = o->st == O_ACTIVE;
    size_t want = c->fam == F_CIPHER ? PSA_CIPHER_IV_LENGTH(c->ktype, c->alg)
                                     : PSA_AEAD_NONCE_LENGTH(c->ktype, c->alg);
    int fresh = active && !o->iv_set && !o->body && (c->fam == F_AEAD || want > 0);
    psa_status_t st;
    if (a & 1) { /* generate */
        size_t size = (a & 2) ? want + (a >> 2) % 4 : (size_t)(a >> 2) % (want ? want : 1);
        uint8_t *out = malloc(size + 1);
        size_t len = FZ_POISON;
        st = c->fam == F_CIPHER ? psa_cipher_generate_iv(&o->op->c, out, size, &len)
                                : psa_aead_generate_nonce(&o->op->a, out, size, &len);
        FZ_CHECK(st == PSA_SUCCESS ? len <= size : len == 0);
        /* An AEAD nonce is generated for encryption only; a cipher IV also on
         * a decryption operation (as Mbed TLS; the spec only asks for an
         * active operation with no IV set). */
        int may_generate = fresh && (o->enc || c->fam == F_CIPHER);
        if (!may_generate) FZ_CHECK(st != PSA_SUCCESS);
        if (!active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        else if (may_generate && !o->key_gone) FZ_STATUS(st, size >= want ? PSA_SUCCESS : PSA_ERROR_BUFFER_TOO_SMALL);
        if (st == PSA_SUCCESS) {
            FZ_CHECK(len == want);
            memcpy(o->iv, out, len);
            o->iv_len = len;
            o->iv_set = 1;
        } else {
            failed(o);
        }
        free(out);
    } else { /* set: the right length, or none at all */
        size_t n = (a & 2) ? 0 : want;
        size_t got;
        const uint8_t *p = fz_bytes(in, n, &got);
        uint8_t iv[32] = {0};
        memcpy(iv, p, got);
        uint8_t *heap = fz_dup(iv, n);
        st = c->fam == F_CIPHER ? psa_cipher_set_iv(&o->op->c, heap, n)
                                : psa_aead_set_nonce(&o->op->a, heap, n);
        free(heap);
        if (!active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        else if (!fresh) FZ_CHECK(st != PSA_SUCCESS);
        else if (n == 0) FZ_CHECK(st != PSA_SUCCESS);
        else if (!o->key_gone) FZ_STATUS(st, PSA_SUCCESS);
        if (st == PSA_SUCCESS) {
            memcpy(o->iv, iv, n);
            o->iv_len = n;
            o->iv_set = 1;
        } else {
            failed(o);
        }
    }
    used(c, slot);
}

/* AEAD: set_lengths and update_ad. */
static void cmd_aead_extra(ctx *c, int slot, fz_in *in) {
    obj *o = &c->o[slot];
    if (c->fam != F_AEAD) return;
    int active = o->st == O_ACTIVE;
    int ccm = PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(c->alg) == PSA_ALG_CCM;
    uint8_t a = fz_u8(in);
    psa_status_t st;
    if (a & 1) {
        size_t la = fz_u8(in) % 64, lp = fz_u16(in) % 600;
        st = psa_aead_set_lengths(&o->op->a, la, lp);
        int ok = active && !o->lengths_set && !o->ad_started && !o->body;
        if (!ok) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        else if (!o->key_gone) FZ_STATUS(st, PSA_SUCCESS);
        if (st == PSA_SUCCESS) {
            o->lengths_set = 1;
            o->len_ad = la;
            o->len_pt = lp;
        } else {
            failed(o);
        }
    } else {
        size_t n;
        const uint8_t *p = fz_chunk(in, &n);
        uint8_t *data = fz_dup(p, n);
        st = psa_aead_update_ad(&o->op->a, data, n);
        if (!active || !o->iv_set || o->body) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        else if (o->key_gone) { /* any status: the data was not used yet */ }
        else if (ccm && !o->lengths_set) FZ_CHECK(st != PSA_SUCCESS);
        else if (o->lengths_set && o->ad.n + n > o->len_ad) FZ_STATUS(st, PSA_ERROR_INVALID_ARGUMENT);
        else FZ_STATUS(st, PSA_SUCCESS);
        if (st == PSA_SUCCESS) {
            append(&o->ad, data, n);
            o->ad_started = 1;
        } else {
            failed(o);
        }
        free(data);
    }
    used(c, slot);
}

static void cmd_abort(ctx *c, int slot) {
    obj *o = &c->o[slot];
    FZ_STATUS(op_abort(c, o), PSA_SUCCESS);
    used(c, slot);
    o->st = O_INACTIVE;
}

/* Hash clone from `slot` into the other (inactive) slot. */
static void cmd_clone(ctx *c, int slot) {
    if (c->fam != F_HASH) return;
    obj *src = &c->o[slot], *dst = &c->o[1 - slot];
    if (dst->st != O_INACTIVE) return;
    psa_status_t st = psa_hash_clone(&src->op->h, &dst->op->h);
    if (src->st != O_ACTIVE) {
        FZ_STATUS(st, PSA_ERROR_BAD_STATE);
        return;
    }
    FZ_STATUS(st, PSA_SUCCESS);
    used(c, slot);
    any_op *keep = dst->op;
    *dst = *src;
    dst->op = keep;
    dst->bound = 1;
}

/* memcpy a live object into the other slot: the copy becomes the owner. */
static void cmd_move(ctx *c, int slot) {
    obj *src = &c->o[slot], *dst = &c->o[1 - slot];
    /* Only from the address the library knows: a copy moved on before its
     * first use is indistinguishable from the original. */
    if (src->st != O_ACTIVE || !src->bound) return;
    if (dst->st == O_ACTIVE || dst->st == O_DEAD) {
        FZ_STATUS(op_abort(c, dst), PSA_SUCCESS);
        used(c, 1 - slot);
    }
    any_op *keep = dst->op;
    memcpy(keep, src->op, sizeof *keep);
    *dst = *src;
    dst->op = keep;
    dst->bound = 0;
    src->st = O_PENDING;
    src->partner = 1 - slot;
}

static void import_key(ctx *c) {
    psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&at, c->ktype);
    psa_set_key_usage_flags(&at, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE |
                                     PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    psa_set_key_algorithm(&at, c->alg);
    FZ_STATUS(psa_import_key(&at, c->kdata, c->kbits / 8, &c->key), PSA_SUCCESS);
}

static void cmd_key(ctx *c) {
    if (c->fam == F_HASH) return;
    if (c->key) {
        FZ_STATUS(psa_destroy_key(c->key), PSA_SUCCESS);
        c->key = 0;
        for (int i = 0; i < 2; i++)
            if (c->o[i].st == O_ACTIVE || c->o[i].st == O_PENDING) c->o[i].key_gone = 1;
    } else {
        import_key(c);
    }
}

/* --- the driver ---------------------------------------------------------- */

struct alg_choice {
    int fam;
    psa_algorithm_t alg;
    psa_key_type_t type;
    size_t bits;
};

static const struct alg_choice ALGS[] = {
    {F_HASH, PSA_ALG_SHA_256, 0, 0},
    {F_HASH, PSA_ALG_SHA_1, 0, 0},
    {F_HASH, PSA_ALG_MD5, 0, 0},
    {F_HASH, PSA_ALG_RIPEMD160, 0, 0},
    {F_HASH, PSA_ALG_SHA_224, 0, 0},
    {F_HASH, PSA_ALG_SHA_384, 0, 0},
    {F_HASH, PSA_ALG_SHA_512, 0, 0},
    {F_HASH, PSA_ALG_SHA_512_256, 0, 0},
    {F_HASH, PSA_ALG_SHA3_256, 0, 0},
    {F_HASH, PSA_ALG_SHA3_512, 0, 0},
    {F_HASH, PSA_ALG_SHAKE256_512, 0, 0},
    {F_MAC, PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, 256},
    {F_MAC, PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, 128},
    {F_MAC, PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, 256},
    {F_MAC, PSA_ALG_HMAC(PSA_ALG_SHA3_256), PSA_KEY_TYPE_HMAC, 192},
    {F_MAC, PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256), 10), PSA_KEY_TYPE_HMAC, 256},
    {F_MAC, PSA_ALG_CMAC, PSA_KEY_TYPE_AES, 128},
    {F_MAC, PSA_ALG_CMAC, PSA_KEY_TYPE_AES, 256},
    {F_CIPHER, PSA_ALG_CTR, PSA_KEY_TYPE_AES, 128},
    {F_CIPHER, PSA_ALG_CBC_NO_PADDING, PSA_KEY_TYPE_AES, 128},
    {F_CIPHER, PSA_ALG_CBC_PKCS7, PSA_KEY_TYPE_AES, 256},
    {F_CIPHER, PSA_ALG_ECB_NO_PADDING, PSA_KEY_TYPE_AES, 192},
    {F_CIPHER, PSA_ALG_CFB, PSA_KEY_TYPE_AES, 128},
    {F_CIPHER, PSA_ALG_OFB, PSA_KEY_TYPE_AES, 256},
    {F_CIPHER, PSA_ALG_CCM_STAR_NO_TAG, PSA_KEY_TYPE_AES, 128},
    {F_CIPHER, PSA_ALG_STREAM_CIPHER, PSA_KEY_TYPE_CHACHA20, 256},
    {F_CIPHER, PSA_ALG_STREAM_CIPHER, PSA_KEY_TYPE_XCHACHA20, 256},
    {F_AEAD, PSA_ALG_GCM, PSA_KEY_TYPE_AES, 128},
    {F_AEAD, PSA_ALG_GCM, PSA_KEY_TYPE_AES, 256},
    {F_AEAD, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8), PSA_KEY_TYPE_AES, 128},
    {F_AEAD, PSA_ALG_CCM, PSA_KEY_TYPE_AES, 128},
    {F_AEAD, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8), PSA_KEY_TYPE_AES, 192},
    {F_AEAD, PSA_ALG_CHACHA20_POLY1305, PSA_KEY_TYPE_CHACHA20, 256},
    {F_AEAD, PSA_ALG_XCHACHA20_POLY1305, PSA_KEY_TYPE_XCHACHA20, 256},
};

static void print_stats(void) {
    fprintf(stderr, "fuzz_ops: multi-part == one-shot checks: hash %lu, MAC %lu, cipher %lu, AEAD %lu\n",
            matched[0], matched[1], matched[2], matched[3]);
}

static any_op *blocks[2];
static ctx C;
static int trace; /* FUZZ_TRACE=1: print each command (to read a crash) */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_init();
    trace = getenv("FUZZ_TRACE") != NULL;
    if (getenv("FUZZ_STATS")) atexit(print_stats);
    for (int i = 0; i < 2; i++) {
        blocks[i] = malloc(sizeof(any_op));
        FZ_CHECK(blocks[i] != NULL);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fz_in in = {data, size};
    ctx *c = &C;
    const struct alg_choice *ch = &FZ_PICK(&in, ALGS);
    c->fam = ch->fam;
    c->alg = ch->alg;
    c->ktype = ch->type;
    c->kbits = ch->bits;
    size_t got;
    const uint8_t *k = fz_bytes(&in, 32, &got);
    memset(c->kdata, 0x5a, sizeof c->kdata);
    memcpy(c->kdata, k, got);
    c->key = 0;
    if (c->fam != F_HASH) import_key(c);
    for (int i = 0; i < 2; i++) {
        memset(&c->o[i], 0, sizeof c->o[i]);
        c->o[i].op = blocks[i];
        memset(blocks[i], 0, sizeof(any_op));
        c->o[i].st = O_INACTIVE;
    }

    for (int steps = 0; in.n > 0 && steps < 200; steps++) {
        uint8_t cmd = fz_u8(&in);
        int slot = (cmd >> 7) & 1;
        obj *o = &c->o[slot];
        if (trace) fprintf(stderr, "step %d: command %d on slot %d (state %d)\n", steps, cmd % 10, slot, o->st);
        if (o->st == O_PENDING) {
            /* Its copy has not been used yet: forget this one. */
            memset(o->op, 0, sizeof *o->op);
            o->st = O_INACTIVE;
        } else if (o->st == O_STALE) {
            /* Left behind by a memcpy whose copy has since been used. */
            expect_unusable(c, o, cmd);
            if (cmd & 2) FZ_STATUS(op_abort(c, o), PSA_ERROR_BAD_STATE);
            memset(o->op, 0, sizeof *o->op);
            o->st = O_INACTIVE;
            continue;
        }
        switch (cmd % 10) {
        case 0: cmd_setup(c, slot, &in); break;
        case 1:
        case 2: cmd_update(c, slot, &in); break;
        case 3: cmd_finish(c, slot, &in); break;
        case 4: cmd_iv(c, slot, &in); break;
        case 5: cmd_aead_extra(c, slot, &in); break;
        case 6: cmd_abort(c, slot); break;
        case 7: cmd_clone(c, slot); break;
        case 8: cmd_move(c, slot); break;
        default:
            if ((cmd & 0x70) == 0x70) cmd_key(c);
            else if (o->st != O_ACTIVE) expect_unusable(c, o, cmd);
            break;
        }
    }

    /* Abort everything: the owners first, then what memcpy left behind. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 2; i++) {
            obj *o = &c->o[i];
            if (pass == 0 && o->st != O_PENDING && o->st != O_STALE) {
                FZ_STATUS(op_abort(c, o), PSA_SUCCESS);
                used(c, i);
                o->st = O_INACTIVE;
            } else if (pass == 1 && (o->st == O_PENDING || o->st == O_STALE)) {
                if (o->st == O_STALE) FZ_STATUS(op_abort(c, o), PSA_ERROR_BAD_STATE);
                memset(o->op, 0, sizeof *o->op);
                o->st = O_INACTIVE;
            }
        }
    }
    if (c->key) FZ_STATUS(psa_destroy_key(c->key), PSA_SUCCESS);
    c->key = 0;
    fz_store_clean();
    return 0;
}
