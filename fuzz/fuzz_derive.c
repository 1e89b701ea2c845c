/*
 * fuzz_derive: random key-derivation step sequences.
 *
 * Input: algorithm, then commands (one byte each, followed by their
 * arguments): setup, set/get capacity, input_bytes / input_integer /
 * input_key on a random step, output_bytes, output_key (random type and
 * size), verify_bytes, abort.
 *
 * The sequence runs twice on fresh objects and keys. The second run replays
 * the first, except that a successful output_bytes becomes verify_bytes of
 * the same bytes and a successful output_key of a raw-bytes type becomes
 * output_bytes of its length: each must succeed with the same bytes (the
 * output is one stream). Invariants: every status and every output equals
 * its replay; get_capacity reports the capacity the model expects (the
 * default minus what was output, a smaller set_capacity, 0 after a request
 * larger than what is left) and no request beyond it ever succeeds; a step on
 * an inactive object is BAD_STATE; abort always succeeds; the store is
 * clean afterwards.
 */
#include "fuzz_util.h"

#define MAXLOG 512
#define MAXOUT 512

typedef struct {
    psa_status_t st;
    size_t n;
    uint8_t b[MAXOUT];
} rec;

static rec logv[MAXLOG];
static int trace; /* FUZZ_TRACE=1: print each command (to read a crash) */
static size_t nlog;

static const psa_algorithm_t ALGS[] = {
    PSA_ALG_HKDF(PSA_ALG_SHA_256), PSA_ALG_HKDF(PSA_ALG_SHA_1),
    PSA_ALG_HKDF_EXTRACT(PSA_ALG_SHA_256), PSA_ALG_HKDF_EXPAND(PSA_ALG_SHA_512),
    PSA_ALG_TLS12_PRF(PSA_ALG_SHA_256), PSA_ALG_TLS12_PSK_TO_MS(PSA_ALG_SHA_384),
    PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256), PSA_ALG_PBKDF2_AES_CMAC_PRF_128,
    PSA_ALG_SP800_108_COUNTER_HMAC(PSA_ALG_SHA_256), PSA_ALG_SP800_108_COUNTER_CMAC,
    PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_ALG_SHA_256,
};

static const psa_key_derivation_step_t STEPS[] = {
    PSA_KEY_DERIVATION_INPUT_SECRET, PSA_KEY_DERIVATION_INPUT_SALT,
    PSA_KEY_DERIVATION_INPUT_INFO,   PSA_KEY_DERIVATION_INPUT_LABEL,
    PSA_KEY_DERIVATION_INPUT_SEED,   PSA_KEY_DERIVATION_INPUT_PASSWORD,
    PSA_KEY_DERIVATION_INPUT_COST,   PSA_KEY_DERIVATION_INPUT_CONTEXT,
    PSA_KEY_DERIVATION_INPUT_OTHER_SECRET,
};

static const psa_key_type_t IN_TYPES[] = {
    PSA_KEY_TYPE_DERIVE, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_TYPE_PASSWORD, PSA_KEY_TYPE_HMAC,
    PSA_KEY_TYPE_AES, PSA_KEY_TYPE_PASSWORD_HASH,
};

/* Output key types; the first four take their bytes straight from the stream. */
static const psa_key_type_t OUT_TYPES[] = {
    PSA_KEY_TYPE_RAW_DATA, PSA_KEY_TYPE_DERIVE, PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_AES,
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), PSA_KEY_TYPE_CHACHA20,
    PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY),
};
static const size_t OUT_BITS[] = {128, 256, 8, 192, 255, 0, 40, 2048};

/* Records (first run) or compares with the record (replay). */
static void note(int replay, psa_status_t st, const uint8_t *b, size_t n) {
    FZ_CHECK(n <= MAXOUT);
    FZ_CHECK(nlog < MAXLOG);
    rec *r = &logv[nlog++];
    if (!replay) {
        r->st = st;
        r->n = n;
        if (n) memcpy(r->b, b, n);
        return;
    }
    FZ_STATUS(st, r->st);
    FZ_CHECK(n == r->n && (n == 0 || memcmp(b, r->b, n) == 0));
}

/* Model of the operation: active, and the capacity once it is known. */
typedef struct {
    int active;
    int cap_known;
    size_t cap;
    int out_started; /* output has begun (SP 800-108 then fixes L) */
} model;

static void run(const uint8_t *data, size_t size, int replay) {
    fz_in in = {data, size};
    psa_algorithm_t alg = FZ_PICK(&in, ALGS);
    psa_key_derivation_operation_t *op = malloc(sizeof *op);
    FZ_CHECK(op != NULL);
    *op = psa_key_derivation_operation_init();
    model m = {0, 0, 0, 0};
    int sp800 = alg == PSA_ALG_SP800_108_COUNTER_HMAC(PSA_ALG_SHA_256) ||
                alg == PSA_ALG_SP800_108_COUNTER_CMAC;
    nlog = 0;
    static uint8_t buf[MAXOUT];

    for (int steps = 0; in.n > 0 && steps < 64; steps++) {
        uint8_t cmd = fz_u8(&in);
        psa_status_t st;
        if (trace) fprintf(stderr, "pass %d step %d: command %d (active %d)\n", replay, steps, cmd % 11, m.active);
        switch (cmd % 11) {
        case 0: { /* setup */
            psa_algorithm_t a = (cmd & 0x80) ? FZ_PICK(&in, ALGS) : alg;
            st = psa_key_derivation_setup(op, a);
            if (m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            note(replay, st, NULL, 0);
            if (m.active) { /* the spec's error state: abort */
                FZ_STATUS(psa_key_derivation_abort(op), PSA_SUCCESS);
                m.active = 0;
            } else if (st == PSA_SUCCESS) {
                m.active = 1;
                m.cap_known = 0;
                m.out_started = 0;
                sp800 = a == PSA_ALG_SP800_108_COUNTER_HMAC(PSA_ALG_SHA_256) ||
                        a == PSA_ALG_SP800_108_COUNTER_CMAC;
            }
            break;
        }
        case 1: { /* get_capacity */
            size_t cap = FZ_POISON;
            st = psa_key_derivation_get_capacity(op, &cap);
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            else FZ_STATUS(st, PSA_SUCCESS);
            if (st == PSA_SUCCESS) {
                if (m.cap_known) FZ_CHECK(cap == m.cap);
                m.cap = cap;
                m.cap_known = 1;
            }
            note(replay, st, (uint8_t *)&cap, st == PSA_SUCCESS ? sizeof cap : 0);
            break;
        }
        case 2: { /* set_capacity */
            size_t want = (cmd & 0x80) ? fz_u16(&in) : fz_u8(&in);
            st = psa_key_derivation_set_capacity(op, want);
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            if (m.active && sp800 && m.out_started) {
                /* L is fixed by the first output. */
                FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            } else if (m.active && m.cap_known) {
                FZ_STATUS(st, want <= m.cap ? PSA_SUCCESS : PSA_ERROR_INVALID_ARGUMENT);
            }
            if (st == PSA_SUCCESS) {
                m.cap = want;
                m.cap_known = 1;
            } else if (m.active && st != PSA_ERROR_INVALID_ARGUMENT) {
                m.cap_known = 0;
            }
            note(replay, st, NULL, 0);
            if (st == PSA_ERROR_INVALID_ARGUMENT) {
                /* The operation stays valid with its capacity unchanged. */
                size_t cap = FZ_POISON;
                FZ_STATUS(psa_key_derivation_get_capacity(op, &cap), PSA_SUCCESS);
                if (m.cap_known) FZ_CHECK(cap == m.cap);
                continue;
            }
            break;
        }
        case 3:
        case 4: { /* input_bytes */
            psa_key_derivation_step_t step = FZ_PICK(&in, STEPS);
            size_t n;
            const uint8_t *p = fz_chunk(&in, &n);
            uint8_t *d = fz_dup(p, n);
            st = psa_key_derivation_input_bytes(op, step, d, n);
            free(d);
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            note(replay, st, NULL, 0);
            break;
        }
        case 5: { /* input_integer */
            psa_key_derivation_step_t step = FZ_PICK(&in, STEPS);
            uint64_t v = fz_u32(&in) % 5000;
            st = psa_key_derivation_input_integer(op, step, v);
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            note(replay, st, NULL, 0);
            break;
        }
        case 6: { /* input_key: a fresh key, destroyed right after */
            psa_key_derivation_step_t step = FZ_PICK(&in, STEPS);
            uint8_t ksel = fz_u8(&in);
            size_t n;
            const uint8_t *p = fz_chunk(&in, &n);
            psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
            psa_set_key_type(&at, IN_TYPES[ksel % (sizeof IN_TYPES / sizeof IN_TYPES[0])]);
            psa_key_usage_t usage = PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_VERIFY_DERIVATION;
            if (ksel & 0x40) usage = PSA_KEY_USAGE_VERIFY_DERIVATION;
            psa_set_key_usage_flags(&at, usage);
            psa_set_key_algorithm(&at, (ksel & 0x80) ? 0 : alg);
            psa_key_id_t key = 0;
            uint8_t *d = fz_dup(p, n);
            psa_status_t ist = psa_import_key(&at, d, n, &key);
            free(d);
            note(replay, ist, NULL, 0);
            st = psa_key_derivation_input_key(op, step, key);
            if (!m.active && ist == PSA_SUCCESS) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            if (ist != PSA_SUCCESS) FZ_CHECK(st != PSA_SUCCESS);
            if (ist == PSA_SUCCESS) FZ_STATUS(psa_destroy_key(key), PSA_SUCCESS);
            note(replay, st, NULL, 0);
            break;
        }
        case 7:
        case 8: { /* output_bytes (verify_bytes of the same bytes in the replay) */
            size_t n = (cmd & 0x80) ? fz_u16(&in) % MAXOUT : fz_u8(&in) % 80;
            int swap = replay && nlog < MAXLOG && logv[nlog].st == PSA_SUCCESS && n > 0;
            if (swap) {
                uint8_t *exp = fz_dup(logv[nlog].b, n);
                st = psa_key_derivation_verify_bytes(op, exp, n);
                free(exp);
                note(replay, st, logv[nlog].b, n);
            } else {
                memset(buf, 0xa5, n);
                st = psa_key_derivation_output_bytes(op, buf, n);
                /* On failure nothing is output: the buffer keeps its bytes
                 * or is wiped, never a partial stream. */
                if (st != PSA_SUCCESS) {
                    for (size_t i = 0; i < n; i++) FZ_CHECK(buf[i] == 0xa5 || buf[i] == 0);
                }
                note(replay, st, buf, st == PSA_SUCCESS ? n : 0);
            }
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            if (m.active && m.cap_known) {
                if (n > m.cap) FZ_CHECK(st != PSA_SUCCESS);
                if (st == PSA_SUCCESS) m.cap -= n;
                if (st == PSA_SUCCESS) m.out_started = 1;
                else if (st == PSA_ERROR_INSUFFICIENT_DATA) m.cap = 0;
                else m.cap_known = 0;
            }
            break;
        }
        case 9: { /* output_key */
            uint8_t ksel = fz_u8(&in);
            psa_key_type_t type = OUT_TYPES[ksel % (sizeof OUT_TYPES / sizeof OUT_TYPES[0])];
            size_t bits = OUT_BITS[(ksel >> 4) % (sizeof OUT_BITS / sizeof OUT_BITS[0])];
            int raw = type == PSA_KEY_TYPE_RAW_DATA || type == PSA_KEY_TYPE_DERIVE ||
                      type == PSA_KEY_TYPE_HMAC || type == PSA_KEY_TYPE_AES;
            int swap = replay && raw && nlog < MAXLOG && logv[nlog].st == PSA_SUCCESS;
            size_t n = 0;
            if (swap) {
                n = logv[nlog].n;
                st = psa_key_derivation_output_bytes(op, buf, n);
            } else {
                psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
                psa_set_key_type(&at, type);
                psa_set_key_bits(&at, bits);
                psa_set_key_usage_flags(&at, PSA_KEY_USAGE_EXPORT);
                psa_key_id_t key = 0x777;
                st = psa_key_derivation_output_key(&at, op, &key);
                if (st == PSA_SUCCESS) {
                    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
                    FZ_STATUS(psa_get_key_attributes(key, &got), PSA_SUCCESS);
                    FZ_CHECK(psa_get_key_type(&got) == type);
                    FZ_CHECK(bits == 0 || psa_get_key_bits(&got) == bits);
                    size_t len = FZ_POISON;
                    FZ_STATUS(psa_export_key(key, buf, sizeof buf, &len), PSA_SUCCESS);
                    FZ_CHECK(len <= sizeof buf);
                    n = len;
                    if (raw) FZ_CHECK(n * 8 == psa_get_key_bits(&got));
                    FZ_STATUS(psa_destroy_key(key), PSA_SUCCESS);
                } else {
                    FZ_CHECK(key == 0);
                }
            }
            note(replay, st, buf, st == PSA_SUCCESS ? n : 0);
            if (!m.active) FZ_STATUS(st, PSA_ERROR_BAD_STATE);
            if (st == PSA_SUCCESS) m.out_started = 1;
            if (st == PSA_SUCCESS && raw && m.cap_known) {
                FZ_CHECK(n <= m.cap);
                m.cap -= n;
            } else if (m.active) {
                m.cap_known = 0; /* non-raw types may take any amount */
            }
            break;
        }
        default: /* abort */
            FZ_STATUS(psa_key_derivation_abort(op), PSA_SUCCESS);
            note(replay, PSA_SUCCESS, NULL, 0);
            m.active = 0;
            break;
        }
        /* A failed step leaves an error state: abort, as the spec asks. */
        if (m.active && nlog > 0 && logv[nlog - 1].st != PSA_SUCCESS && (cmd % 11) >= 2) {
            FZ_STATUS(psa_key_derivation_abort(op), PSA_SUCCESS);
            m.active = 0;
        }
        /* Keep the capacity known, so every output is checked against it. */
        if (m.active && !m.cap_known) {
            size_t cap = FZ_POISON;
            FZ_STATUS(psa_key_derivation_get_capacity(op, &cap), PSA_SUCCESS);
            note(replay, PSA_SUCCESS, (uint8_t *)&cap, sizeof cap);
            m.cap = cap;
            m.cap_known = 1;
        }
    }
    FZ_STATUS(psa_key_derivation_abort(op), PSA_SUCCESS);
    FZ_STATUS(psa_key_derivation_abort(op), PSA_SUCCESS);
    free(op);
    fz_store_clean();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_init();
    trace = getenv("FUZZ_TRACE") != NULL;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    run(data, size, 0);
    size_t first = nlog;
    run(data, size, 1);
    FZ_CHECK(nlog == first);
    return 0;
}
