//! An in-memory [`Its`] backend, for tests.
use std::collections::HashMap;

use parking_lot::Mutex;
use zeroize::Zeroizing;

use super::Its;
use crate::types::{Error, Result};

/// Records kept in a map; lost when dropped.
#[derive(Default)]
pub struct MemoryIts {
    /// The records. Guards: the map; held only for a lookup or an insertion.
    records: Mutex<HashMap<u32, Zeroizing<Vec<u8>>>>,
}

impl Its for MemoryIts {
    fn get(&self, uid: u32) -> Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(self.records.lock().get(&uid).cloned())
    }
    fn create(&self, uid: u32, data: &[u8]) -> Result<()> {
        let mut r = self.records.lock();
        if r.contains_key(&uid) {
            return Err(Error::AlreadyExists);
        }
        r.insert(uid, Zeroizing::new(data.to_vec()));
        Ok(())
    }
    fn remove(&self, uid: u32) -> Result<bool> {
        Ok(self.records.lock().remove(&uid).is_some())
    }
    fn exists(&self, uid: u32) -> Result<bool> {
        Ok(self.records.lock().contains_key(&uid))
    }
}
