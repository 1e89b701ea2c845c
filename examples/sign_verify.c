/* sign_verify.c: sign a message and verify the signature with the public key
 * alone, for ECDSA on P-256 (with SHA-256) and for Ed25519.
 *
 * The pattern: generate a key pair, sign, export the public key, import it as
 * a separate public-key object (as a verifier on another machine would), verify,
 * and check that a modified message is rejected with PSA_ERROR_INVALID_SIGNATURE.
 */
#include <stdio.h>

#include <psa/crypto.h>

struct scheme {
    const char *name;
    psa_ecc_family_t family;
    size_t bits;
    psa_algorithm_t alg;
};

/* Returns 0 on success, 1 on failure, 2 when the build lacks the algorithm. */
static int demo(const struct scheme *s)
{
    uint8_t message[] = "I owe you 10 euros.";
    uint8_t signature[PSA_SIGNATURE_MAX_SIZE];
    uint8_t public_key[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t signature_length = 0, public_key_length = 0;
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t key_pair = PSA_KEY_ID_NULL, verifier = PSA_KEY_ID_NULL;
    psa_status_t status;
    int rc = 1;

    /* 1. The signer's key pair: may sign messages, and only with this algorithm. */
    psa_set_key_type(&attributes, PSA_KEY_TYPE_ECC_KEY_PAIR(s->family));
    psa_set_key_bits(&attributes, s->bits);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&attributes, s->alg);
    status = psa_generate_key(&attributes, &key_pair);
    if (status == PSA_ERROR_NOT_SUPPORTED) {
        printf("%s not supported by this build\n", s->name);
        return 2;
    }
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_generate_key failed: %d\n", s->name, (int) status);
        return 1;
    }

    /* 2. Sign (the message is hashed inside psa_sign_message). */
    status = psa_sign_message(key_pair, s->alg, message, sizeof message,
                              signature, sizeof signature, &signature_length);
    if (status == PSA_ERROR_NOT_SUPPORTED) {
        printf("%s not supported by this build\n", s->name);
        rc = 2;
        goto out;
    }
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_sign_message failed: %d\n", s->name, (int) status);
        goto out;
    }

    /* 3. The verifier gets only the public key. */
    status = psa_export_public_key(key_pair, public_key, sizeof public_key,
                                   &public_key_length);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_export_public_key failed: %d\n", s->name, (int) status);
        goto out;
    }
    psa_reset_key_attributes(&attributes);
    psa_set_key_type(&attributes, PSA_KEY_TYPE_ECC_PUBLIC_KEY(s->family));
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, s->alg);
    status = psa_import_key(&attributes, public_key, public_key_length, &verifier);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_import_key (public) failed: %d\n", s->name, (int) status);
        goto out;
    }

    /* 4. Verify, then check that a changed message does not verify. */
    status = psa_verify_message(verifier, s->alg, message, sizeof message,
                                signature, signature_length);
    if (status != PSA_SUCCESS) {
        fprintf(stderr, "%s: psa_verify_message failed: %d\n", s->name, (int) status);
        goto out;
    }
    message[10] = '9';
    status = psa_verify_message(verifier, s->alg, message, sizeof message,
                                signature, signature_length);
    if (status != PSA_ERROR_INVALID_SIGNATURE) {
        fprintf(stderr, "%s: forged message accepted (status %d)\n", s->name, (int) status);
        goto out;
    }

    printf("%s: %u-byte signature verified with a %u-byte public key; forgery rejected\n",
           s->name, (unsigned) signature_length, (unsigned) public_key_length);
    rc = 0;
out:
    psa_destroy_key(verifier);
    psa_destroy_key(key_pair);
    return rc;
}

int main(void)
{
    static const struct scheme schemes[] = {
        { "ECDSA P-256 with SHA-256", PSA_ECC_FAMILY_SECP_R1, 256,
          PSA_ALG_ECDSA(PSA_ALG_SHA_256) },
        { "Ed25519", PSA_ECC_FAMILY_TWISTED_EDWARDS, 255, PSA_ALG_PURE_EDDSA },
    };
    size_t i;
    int failed = 0;

    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "psa_crypto_init failed\n");
        return 1;
    }
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        if (demo(&schemes[i]) == 1) {
            failed = 1; /* a missing algorithm (2) is reported, not a failure */
        }
    }
    return failed;
}
