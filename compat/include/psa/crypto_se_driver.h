/* psa/crypto_se_driver.h for rustpsa's Mbed TLS compatibility layer.
 *
 * The type vocabulary of the Mbed TLS secure-element driver interface, so that
 * clients that name these types compile. rustpsa has no secure-element driver
 * registry: psa_register_se_driver() is deliberately NOT declared, and keys
 * always live in the built-in location (PSA_KEY_LOCATION_LOCAL_STORAGE).
 *
 * The key-management and asymmetric tables are spelled out; the MAC, cipher,
 * AEAD and key-derivation tables are declared as incomplete types.
 */
#ifndef RUSTPSA_COMPAT_PSA_CRYPTO_SE_DRIVER_H
#define RUSTPSA_COMPAT_PSA_CRYPTO_SE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "psa/crypto.h"
#include "psa/crypto_extra.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Driver interface version this vocabulary corresponds to. */
#define PSA_DRV_SE_HAL_VERSION 0x00000005

/** Context passed to every driver entry point. */
typedef struct {
    /** The driver's persistent data (read-only to the driver). */
    const void *const persistent_data;
    /** Size of the persistent data in bytes. */
    const size_t persistent_data_size;
    /** Driver-owned scratch value, kept between calls. */
    uintptr_t transient_data;
} psa_drv_se_context_t;

/** Slot number of a key inside a secure element. */
typedef uint64_t psa_key_slot_number_t;

/** How a key is being created, as told to the driver. */
typedef enum {
    PSA_KEY_CREATION_IMPORT,   /**< psa_import_key() */
    PSA_KEY_CREATION_GENERATE, /**< psa_generate_key() */
    PSA_KEY_CREATION_DERIVE,   /**< psa_key_derivation_output_key() */
    PSA_KEY_CREATION_COPY,     /**< psa_copy_key() */
    PSA_KEY_CREATION_REGISTER  /**< registration of a key already in the element */
} psa_key_creation_method_t;

/** Driver initialisation. */
typedef psa_status_t (*psa_drv_se_init_t)(psa_drv_se_context_t *drv_context,
                                          void *persistent_data,
                                          psa_key_location_t location);

/* --- Key management ------------------------------------------------------ */

typedef psa_status_t (*psa_drv_se_allocate_key_t)(psa_drv_se_context_t *drv_context,
                                                  void *persistent_data,
                                                  const psa_key_attributes_t *attributes,
                                                  psa_key_creation_method_t method,
                                                  psa_key_slot_number_t *key_slot);

typedef psa_status_t (*psa_drv_se_validate_slot_number_t)(
    psa_drv_se_context_t *drv_context, void *persistent_data,
    const psa_key_attributes_t *attributes, psa_key_creation_method_t method,
    psa_key_slot_number_t key_slot);

typedef psa_status_t (*psa_drv_se_import_key_t)(psa_drv_se_context_t *drv_context,
                                                psa_key_slot_number_t key_slot,
                                                const psa_key_attributes_t *attributes,
                                                const uint8_t *data, size_t data_length,
                                                size_t *bits);

typedef psa_status_t (*psa_drv_se_destroy_key_t)(psa_drv_se_context_t *drv_context,
                                                 void *persistent_data,
                                                 psa_key_slot_number_t key_slot);

typedef psa_status_t (*psa_drv_se_export_key_t)(psa_drv_se_context_t *drv_context,
                                                psa_key_slot_number_t key, uint8_t *p_data,
                                                size_t data_size, size_t *p_data_length);

typedef psa_status_t (*psa_drv_se_generate_key_t)(psa_drv_se_context_t *drv_context,
                                                  psa_key_slot_number_t key_slot,
                                                  const psa_key_attributes_t *attributes,
                                                  uint8_t *pubkey, size_t pubkey_size,
                                                  size_t *pubkey_length);

/** Key-management entry points of a driver (NULL: not supported). */
typedef struct {
    psa_drv_se_allocate_key_t p_allocate;
    psa_drv_se_validate_slot_number_t p_validate_slot_number;
    psa_drv_se_import_key_t p_import;
    psa_drv_se_generate_key_t p_generate;
    psa_drv_se_destroy_key_t p_destroy;
    psa_drv_se_export_key_t p_export;
    psa_drv_se_export_key_t p_export_public;
} psa_drv_se_key_management_t;

/* --- Asymmetric operations ------------------------------------------------ */

typedef psa_status_t (*psa_drv_se_asymmetric_sign_t)(psa_drv_se_context_t *drv_context,
                                                     psa_key_slot_number_t key_slot,
                                                     psa_algorithm_t alg,
                                                     const uint8_t *p_hash, size_t hash_length,
                                                     uint8_t *p_signature,
                                                     size_t signature_size,
                                                     size_t *p_signature_length);

typedef psa_status_t (*psa_drv_se_asymmetric_verify_t)(psa_drv_se_context_t *drv_context,
                                                       psa_key_slot_number_t key_slot,
                                                       psa_algorithm_t alg,
                                                       const uint8_t *p_hash,
                                                       size_t hash_length,
                                                       const uint8_t *p_signature,
                                                       size_t signature_length);

typedef psa_status_t (*psa_drv_se_asymmetric_encrypt_t)(
    psa_drv_se_context_t *drv_context, psa_key_slot_number_t key_slot, psa_algorithm_t alg,
    const uint8_t *p_input, size_t input_length, const uint8_t *p_salt, size_t salt_length,
    uint8_t *p_output, size_t output_size, size_t *p_output_length);

typedef psa_status_t (*psa_drv_se_asymmetric_decrypt_t)(
    psa_drv_se_context_t *drv_context, psa_key_slot_number_t key_slot, psa_algorithm_t alg,
    const uint8_t *p_input, size_t input_length, const uint8_t *p_salt, size_t salt_length,
    uint8_t *p_output, size_t output_size, size_t *p_output_length);

/** Asymmetric entry points of a driver (NULL: not supported). */
typedef struct {
    psa_drv_se_asymmetric_sign_t p_sign;
    psa_drv_se_asymmetric_verify_t p_verify;
    psa_drv_se_asymmetric_encrypt_t p_encrypt;
    psa_drv_se_asymmetric_decrypt_t p_decrypt;
} psa_drv_se_asymmetric_t;

/* --- Tables this layer leaves opaque -------------------------------------- */

typedef struct rustpsa_compat_drv_se_mac_s psa_drv_se_mac_t;
typedef struct rustpsa_compat_drv_se_cipher_s psa_drv_se_cipher_t;
typedef struct rustpsa_compat_drv_se_aead_s psa_drv_se_aead_t;
typedef struct rustpsa_compat_drv_se_key_derivation_s psa_drv_se_key_derivation_t;

/** A secure-element driver: its version, persistent data size and tables. */
typedef struct {
    uint32_t hal_version;
    size_t persistent_data_size;
    psa_drv_se_init_t p_init;
    const psa_drv_se_mac_t *mac;
    const psa_drv_se_cipher_t *cipher;
    const psa_drv_se_aead_t *aead;
    const psa_drv_se_asymmetric_t *asymmetric;
    const psa_drv_se_key_management_t *key_management;
    const psa_drv_se_key_derivation_t *derivation;
} psa_drv_se_t;

#ifdef __cplusplus
}
#endif

#endif /* RUSTPSA_COMPAT_PSA_CRYPTO_SE_DRIVER_H */
