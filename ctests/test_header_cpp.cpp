// Checks that <psa/crypto.h> is clean C++11: it must compile with
//   g++ -std=c++11 -Wall -Wextra -Werror -pedantic -I include
// and the program must return 0.
#include <psa/crypto.h>

// Size macros are constant expressions usable for array bounds and static_assert.
static_assert(PSA_HASH_LENGTH(PSA_ALG_SHA_256) == 32, "SHA-256 length");
static_assert(PSA_ALG_HMAC(PSA_ALG_SHA_256) == 0x03800009u, "HMAC-SHA-256 encoding");
static_assert(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) == 0x7112u, "P-256 key pair");
static_assert(PSA_AEAD_ENCRYPT_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_GCM, 100) == 116,
              "GCM output size");

int main()
{
    psa_key_attributes_t attrs = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_attributes_t attrs2 = psa_key_attributes_init();
    psa_hash_operation_t hash = PSA_HASH_OPERATION_INIT;
    psa_mac_operation_t mac = PSA_MAC_OPERATION_INIT;
    psa_cipher_operation_t cipher = PSA_CIPHER_OPERATION_INIT;
    psa_aead_operation_t aead = PSA_AEAD_OPERATION_INIT;
    psa_key_derivation_operation_t kdf = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_hash_operation_t hash2 = psa_hash_operation_init();
    psa_mac_operation_t mac2 = psa_mac_operation_init();
    psa_cipher_operation_t cipher2 = psa_cipher_operation_init();
    psa_aead_operation_t aead2 = psa_aead_operation_init();
    psa_key_derivation_operation_t kdf2 = psa_key_derivation_operation_init();
    uint8_t signature[PSA_SIGN_OUTPUT_SIZE(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                                           PSA_ALG_ECDSA(PSA_ALG_SHA_256))] = {0};

    int bad = 0;
    bad |= attrs.private_type != 0 || attrs2.private_bits != 0;
    bad |= hash.private_handle != 0 || mac.private_opaque[1] != 0;
    bad |= cipher.private_opaque[2] != 0 || aead.private_opaque[0] != 0;
    bad |= kdf.private_opaque[0] != 0 || hash2.private_opaque[0] != 0;
    bad |= mac2.private_opaque[0] != 0 || cipher2.private_opaque[0] != 0;
    bad |= aead2.private_opaque[0] != 0 || kdf2.private_opaque[0] != 0;
    bad |= sizeof(signature) != 64 || signature[0] != 0;
    bad |= !PSA_ALG_IS_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_256));
    bad |= !PSA_ALG_IS_SIGN_HASH(PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_384));
    bad |= PSA_KEY_TYPE_IS_RSA(PSA_KEY_TYPE_AES);
    bad |= PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048) != 1211;
    bad |= PSA_KEY_DERIVATION_UNLIMITED_CAPACITY != SIZE_MAX;
    return bad;
}
