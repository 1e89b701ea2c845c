//! Status codes (`psa_status_t`) and the crate's `Error` type.
use super::psa_status_t;

/// The action was completed successfully.
pub const PSA_SUCCESS: psa_status_t = 0 as psa_status_t;
/// A programmer error in the client (PSA status code API).
pub const PSA_ERROR_PROGRAMMER_ERROR: psa_status_t = -129 as psa_status_t;
/// The connection to the service was refused (PSA status code API).
pub const PSA_ERROR_CONNECTION_REFUSED: psa_status_t = -130 as psa_status_t;
/// The service is busy (PSA status code API).
pub const PSA_ERROR_CONNECTION_BUSY: psa_status_t = -131 as psa_status_t;
/// An error that does not correspond to any defined failure cause.
pub const PSA_ERROR_GENERIC_ERROR: psa_status_t = -132 as psa_status_t;
/// The requested action is denied by a policy.
pub const PSA_ERROR_NOT_PERMITTED: psa_status_t = -133 as psa_status_t;
/// The requested operation or a parameter is not supported.
pub const PSA_ERROR_NOT_SUPPORTED: psa_status_t = -134 as psa_status_t;
/// The parameters passed to the function are invalid.
pub const PSA_ERROR_INVALID_ARGUMENT: psa_status_t = -135 as psa_status_t;
/// The key identifier is not valid.
pub const PSA_ERROR_INVALID_HANDLE: psa_status_t = -136 as psa_status_t;
/// The requested action cannot be performed in the current state.
pub const PSA_ERROR_BAD_STATE: psa_status_t = -137 as psa_status_t;
/// An output buffer is too small.
pub const PSA_ERROR_BUFFER_TOO_SMALL: psa_status_t = -138 as psa_status_t;
/// Asking for an item that already exists.
pub const PSA_ERROR_ALREADY_EXISTS: psa_status_t = -139 as psa_status_t;
/// Asking for an item that does not exist.
pub const PSA_ERROR_DOES_NOT_EXIST: psa_status_t = -140 as psa_status_t;
/// There is not enough runtime memory.
pub const PSA_ERROR_INSUFFICIENT_MEMORY: psa_status_t = -141 as psa_status_t;
/// There is not enough persistent storage.
pub const PSA_ERROR_INSUFFICIENT_STORAGE: psa_status_t = -142 as psa_status_t;
/// Insufficient data when attempting to read from a resource.
pub const PSA_ERROR_INSUFFICIENT_DATA: psa_status_t = -143 as psa_status_t;
/// A service that the implementation depends on failed (for example a mutex).
pub const PSA_ERROR_SERVICE_FAILURE: psa_status_t = -144 as psa_status_t;
/// There was a communication failure inside the implementation.
pub const PSA_ERROR_COMMUNICATION_FAILURE: psa_status_t = -145 as psa_status_t;
/// There was a storage failure that might have led to data loss.
pub const PSA_ERROR_STORAGE_FAILURE: psa_status_t = -146 as psa_status_t;
/// A hardware failure was detected.
pub const PSA_ERROR_HARDWARE_FAILURE: psa_status_t = -147 as psa_status_t;
/// There is not enough entropy to generate random data.
pub const PSA_ERROR_INSUFFICIENT_ENTROPY: psa_status_t = -148 as psa_status_t;
/// The signature, MAC or hash is incorrect.
pub const PSA_ERROR_INVALID_SIGNATURE: psa_status_t = -149 as psa_status_t;
/// The decrypted padding is incorrect.
pub const PSA_ERROR_INVALID_PADDING: psa_status_t = -150 as psa_status_t;
/// A tampering attempt or an internal inconsistency was detected.
pub const PSA_ERROR_CORRUPTION_DETECTED: psa_status_t = -151 as psa_status_t;
/// Stored data has been corrupted.
pub const PSA_ERROR_DATA_CORRUPT: psa_status_t = -152 as psa_status_t;
/// Data read from storage is not valid for the implementation.
pub const PSA_ERROR_DATA_INVALID: psa_status_t = -153 as psa_status_t;
/// An interruptible operation has not finished yet (PSA 1.2 interruptible API).
pub const PSA_OPERATION_INCOMPLETE: psa_status_t = -248 as psa_status_t;

/// Every failure the library can report, one variant per `PSA_ERROR_*` code used.
///
/// Internal layers return `Result<T, Error>`; only the FFI layer turns it into a
/// `psa_status_t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Error {
    /// `PSA_ERROR_GENERIC_ERROR`
    Generic,
    /// `PSA_ERROR_NOT_PERMITTED`
    NotPermitted,
    /// `PSA_ERROR_NOT_SUPPORTED`
    NotSupported,
    /// `PSA_ERROR_INVALID_ARGUMENT`
    InvalidArgument,
    /// `PSA_ERROR_INVALID_HANDLE`
    InvalidHandle,
    /// `PSA_ERROR_BAD_STATE`
    BadState,
    /// `PSA_ERROR_BUFFER_TOO_SMALL`
    BufferTooSmall,
    /// `PSA_ERROR_ALREADY_EXISTS`
    AlreadyExists,
    /// `PSA_ERROR_DOES_NOT_EXIST`
    DoesNotExist,
    /// `PSA_ERROR_INSUFFICIENT_MEMORY`
    InsufficientMemory,
    /// `PSA_ERROR_INSUFFICIENT_STORAGE`
    InsufficientStorage,
    /// `PSA_ERROR_INSUFFICIENT_DATA`
    InsufficientData,
    /// `PSA_ERROR_SERVICE_FAILURE`
    ServiceFailure,
    /// `PSA_ERROR_COMMUNICATION_FAILURE`
    CommunicationFailure,
    /// `PSA_ERROR_STORAGE_FAILURE`
    StorageFailure,
    /// `PSA_ERROR_HARDWARE_FAILURE`
    HardwareFailure,
    /// `PSA_ERROR_INSUFFICIENT_ENTROPY`
    InsufficientEntropy,
    /// `PSA_ERROR_INVALID_SIGNATURE`
    InvalidSignature,
    /// `PSA_ERROR_INVALID_PADDING`
    InvalidPadding,
    /// `PSA_ERROR_CORRUPTION_DETECTED`
    CorruptionDetected,
    /// `PSA_ERROR_DATA_CORRUPT`
    DataCorrupt,
    /// `PSA_ERROR_DATA_INVALID`
    DataInvalid,
}

impl Error {
    /// The C status code of this error.
    pub const fn status(self) -> psa_status_t {
        match self {
            Error::Generic => PSA_ERROR_GENERIC_ERROR,
            Error::NotPermitted => PSA_ERROR_NOT_PERMITTED,
            Error::NotSupported => PSA_ERROR_NOT_SUPPORTED,
            Error::InvalidArgument => PSA_ERROR_INVALID_ARGUMENT,
            Error::InvalidHandle => PSA_ERROR_INVALID_HANDLE,
            Error::BadState => PSA_ERROR_BAD_STATE,
            Error::BufferTooSmall => PSA_ERROR_BUFFER_TOO_SMALL,
            Error::AlreadyExists => PSA_ERROR_ALREADY_EXISTS,
            Error::DoesNotExist => PSA_ERROR_DOES_NOT_EXIST,
            Error::InsufficientMemory => PSA_ERROR_INSUFFICIENT_MEMORY,
            Error::InsufficientStorage => PSA_ERROR_INSUFFICIENT_STORAGE,
            Error::InsufficientData => PSA_ERROR_INSUFFICIENT_DATA,
            Error::ServiceFailure => PSA_ERROR_SERVICE_FAILURE,
            Error::CommunicationFailure => PSA_ERROR_COMMUNICATION_FAILURE,
            Error::StorageFailure => PSA_ERROR_STORAGE_FAILURE,
            Error::HardwareFailure => PSA_ERROR_HARDWARE_FAILURE,
            Error::InsufficientEntropy => PSA_ERROR_INSUFFICIENT_ENTROPY,
            Error::InvalidSignature => PSA_ERROR_INVALID_SIGNATURE,
            Error::InvalidPadding => PSA_ERROR_INVALID_PADDING,
            Error::CorruptionDetected => PSA_ERROR_CORRUPTION_DETECTED,
            Error::DataCorrupt => PSA_ERROR_DATA_CORRUPT,
            Error::DataInvalid => PSA_ERROR_DATA_INVALID,
        }
    }
}

/// Shorthand for results inside the library.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Turns a unit result into a C status code.
pub const fn status_of(r: &Result<()>) -> psa_status_t {
    match r {
        Ok(()) => PSA_SUCCESS,
        Err(e) => e.status(),
    }
}
