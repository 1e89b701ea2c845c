// test_initialisers_cpp.cpp: the zero initialisers of every application-owned
// object in C++ (ctests/run.sh builds it as C++11 and C++17 with
// -Wall -Wextra -Werror -pedantic; -Wextra includes -Wmissing-field-initializers,
// which `= {0}` on a plain multi-member aggregate would trip), and the objects
// work with the library. Prints "N passed, M failed".
#include <psa/crypto.h>

#include <cstdio>
#include <cstring>
#include <type_traits>

static unsigned passed, failed;

static void check(bool ok, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        std::printf("test_initialisers_cpp.cpp:%d: check failed\n", line);
    }
}
#define CHECK(c) check((c), __LINE__)

template <typename T> static bool all_zero(const T &obj)
{
    const unsigned char *b = reinterpret_cast<const unsigned char *>(&obj);
    for (std::size_t i = 0; i < sizeof(T); i++) {
        if (b[i] != 0) {
            return false;
        }
    }
    return true;
}

template <typename T> static void forms(const T &from_macro, const T &from_function)
{
    // The layout is the C one: standard layout, trivially copyable, trivial.
    static_assert(std::is_standard_layout<T>::value, "standard layout");
    static_assert(std::is_trivially_copyable<T>::value, "trivially copyable");
    static_assert(std::is_trivial<T>::value, "trivial (memset is fine)");
    T a = {0};
    T arr[3] = {{0}};
    T b = {};
    T c{};
    T d;
    std::memset(&d, 0xa5, sizeof d);
    std::memset(&d, 0, sizeof d);
    static T s;
    CHECK(all_zero(a));
    CHECK(all_zero(arr));
    CHECK(all_zero(b));
    CHECK(all_zero(c));
    CHECK(all_zero(d));
    CHECK(all_zero(s));
    CHECK(all_zero(from_macro));
    CHECK(all_zero(from_function));
}

#define FORMS(type, INIT, init_fn)            \
    do {                                      \
        const type m = INIT;                  \
        forms<type>(m, init_fn());            \
    } while (0)

int main()
{
    FORMS(psa_key_attributes_t, PSA_KEY_ATTRIBUTES_INIT, psa_key_attributes_init);
    FORMS(psa_hash_operation_t, PSA_HASH_OPERATION_INIT, psa_hash_operation_init);
    FORMS(psa_mac_operation_t, PSA_MAC_OPERATION_INIT, psa_mac_operation_init);
    FORMS(psa_cipher_operation_t, PSA_CIPHER_OPERATION_INIT, psa_cipher_operation_init);
    FORMS(psa_aead_operation_t, PSA_AEAD_OPERATION_INIT, psa_aead_operation_init);
    FORMS(psa_key_derivation_operation_t, PSA_KEY_DERIVATION_OPERATION_INIT,
          psa_key_derivation_operation_init);
    FORMS(psa_pake_operation_t, PSA_PAKE_OPERATION_INIT, psa_pake_operation_init);
    FORMS(psa_xof_operation_t, PSA_XOF_OPERATION_INIT, psa_xof_operation_init);
    FORMS(psa_pake_cipher_suite_t, PSA_PAKE_CIPHER_SUITE_INIT, psa_pake_cipher_suite_init);
    FORMS(psa_sign_hash_interruptible_operation_t, PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT,
          psa_sign_hash_interruptible_operation_init);
    FORMS(psa_verify_hash_interruptible_operation_t, PSA_VERIFY_HASH_INTERRUPTIBLE_OPERATION_INIT,
          psa_verify_hash_interruptible_operation_init);
    FORMS(psa_generate_key_iop_t, PSA_GENERATE_KEY_IOP_INIT, psa_generate_key_iop_init);
    FORMS(psa_export_public_key_iop_t, PSA_EXPORT_PUBLIC_KEY_IOP_INIT, psa_export_public_key_iop_init);
    FORMS(psa_key_agreement_iop_t, PSA_KEY_AGREEMENT_IOP_INIT, psa_key_agreement_iop_init);
    static_assert(sizeof(psa_hash_operation_t) == 4 * sizeof(uint64_t), "operation size");

    CHECK(psa_crypto_init() == PSA_SUCCESS);
    // An array of hash operations from {{0}}: each computes SHA-256("abc").
    static const uint8_t abc[3] = {'a', 'b', 'c'};
    static const uint8_t expected[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    psa_hash_operation_t ops[2] = {{0}};
    for (int i = 0; i < 2; i++) {
        CHECK(psa_hash_setup(&ops[i], PSA_ALG_SHA_256) == PSA_SUCCESS);
        CHECK(psa_hash_update(&ops[i], abc, sizeof abc) == PSA_SUCCESS);
    }
    for (int i = 0; i < 2; i++) {
        uint8_t digest[PSA_HASH_MAX_SIZE];
        std::size_t len = 0;
        CHECK(psa_hash_finish(&ops[i], digest, sizeof digest, &len) == PSA_SUCCESS);
        CHECK(len == 32 && std::memcmp(digest, expected, 32) == 0);
    }
    psa_key_attributes_t attrs = {0};
    psa_set_key_type(&attrs, PSA_KEY_TYPE_HMAC);
    CHECK(psa_get_key_type(&attrs) == PSA_KEY_TYPE_HMAC);
    psa_pake_cipher_suite_t cs = PSA_PAKE_CIPHER_SUITE_INIT;
    psa_pake_cs_set_algorithm(&cs, PSA_ALG_JPAKE(PSA_ALG_SHA_256));
    CHECK(psa_pake_cs_get_algorithm(&cs) == 0x0a000109u);
    psa_pake_operation_t pake = {0};
    CHECK(psa_pake_abort(&pake) == PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    std::printf("%u passed, %u failed\n", passed, failed);
    return failed != 0;
}
