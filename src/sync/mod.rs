//! Locks through the host-injectable threading table.
//!
//! [`Monitor`] is a mutex plus one condition variable around a value. It is
//! backed either by parking_lot (the default) or by the callbacks a C host
//! installed with `rustpsa_set_threading_callbacks`. Every lock, unlock and wait
//! reports failure as [`Error::ServiceFailure`] instead of panicking, so a broken
//! host primitive becomes a status code for the caller.
use core::cell::UnsafeCell;
use core::ffi::c_void;
use core::ops::{Deref, DerefMut};
use core::ptr;

use crate::types::{Error, Result};

pub use crate::ffi::threading::rustpsa_threading_callbacks_t as Callbacks;

/// A validated host threading table: every callback is present.
#[derive(Clone, Copy, Debug)]
pub struct HostTable(Callbacks);

impl HostTable {
    /// Accepts `cb` only when no callback is missing.
    pub fn new(cb: Callbacks) -> Result<Self> {
        let complete = cb.mutex_init.is_some()
            && cb.mutex_free.is_some()
            && cb.mutex_lock.is_some()
            && cb.mutex_unlock.is_some()
            && cb.cond_init.is_some()
            && cb.cond_free.is_some()
            && cb.cond_wait.is_some()
            && cb.cond_signal.is_some()
            && cb.cond_broadcast.is_some();
        if complete {
            Ok(HostTable(cb))
        } else {
            Err(Error::InvalidArgument)
        }
    }
}

/// Maps a host callback's return value (0 = success) to a result.
fn host_ok(rc: core::ffi::c_int) -> Result<()> {
    if rc == 0 {
        Ok(())
    } else {
        Err(Error::ServiceFailure)
    }
}

enum Raw {
    Default {
        mutex: parking_lot::Mutex<()>,
        cond: parking_lot::Condvar,
    },
    Host {
        table: HostTable,
        mutex: *mut c_void,
        cond: *mut c_void,
    },
}

/// A mutex with one condition variable, guarding a `T`.
pub struct Monitor<T> {
    raw: Raw,
    data: UnsafeCell<T>,
}

// SAFETY: access to `data` is serialised by the mutex (either backend); the host
// handles are only passed back to the host's own thread-safe callbacks.
unsafe impl<T: Send> Send for Monitor<T> {}
// SAFETY: as above: `&Monitor` only hands out `&mut T` while the mutex is held.
unsafe impl<T: Send> Sync for Monitor<T> {}

impl<T> Monitor<T> {
    /// Creates a monitor; with `host`, the mutex and condition variable are
    /// created through the host's callbacks.
    pub fn new(data: T, host: Option<HostTable>) -> Result<Self> {
        let raw = match host {
            None => Raw::Default {
                mutex: parking_lot::Mutex::new(()),
                cond: parking_lot::Condvar::new(),
            },
            Some(table) => {
                let cb = table.0;
                let mut mutex = ptr::null_mut();
                let mut cond = ptr::null_mut();
                // SAFETY: the host promised these callbacks follow the documented contract.
                host_ok(unsafe { (cb.mutex_init.unwrap())(&mut mutex) })?;
                // SAFETY: as above.
                if let Err(e) = host_ok(unsafe { (cb.cond_init.unwrap())(&mut cond) }) {
                    // SAFETY: `mutex` came from a successful mutex_init.
                    unsafe { (cb.mutex_free.unwrap())(mutex) };
                    return Err(e);
                }
                Raw::Host { table, mutex, cond }
            }
        };
        Ok(Monitor { raw, data: UnsafeCell::new(data) })
    }

    /// Locks the monitor. A failing host lock gives `ServiceFailure`.
    pub fn lock(&self) -> Result<MonitorGuard<'_, T>> {
        let pl = match &self.raw {
            Raw::Default { mutex, .. } => Some(mutex.lock()),
            Raw::Host { table, mutex, .. } => {
                // SAFETY: `mutex` is a live handle from mutex_init.
                host_ok(unsafe { (table.0.mutex_lock.unwrap())(*mutex) })?;
                None
            }
        };
        Ok(MonitorGuard { monitor: self, pl, locked: true })
    }

    /// Exclusive access without locking, for single-threaded teardown.
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }
}

impl<T> Drop for Monitor<T> {
    fn drop(&mut self) {
        if let Raw::Host { table, mutex, cond } = &self.raw {
            // SAFETY: both handles came from successful init calls and are freed once.
            unsafe {
                (table.0.cond_free.unwrap())(*cond);
                (table.0.mutex_free.unwrap())(*mutex);
            }
        }
    }
}

/// Proof that the monitor is locked; derefs to the guarded value.
pub struct MonitorGuard<'a, T> {
    monitor: &'a Monitor<T>,
    pl: Option<parking_lot::MutexGuard<'a, ()>>,
    locked: bool,
}

impl<T> MonitorGuard<'_, T> {
    /// Waits on the condition variable, releasing the lock meanwhile. Spurious
    /// wake-ups happen: callers re-check their condition in a loop.
    pub fn wait(&mut self) -> Result<()> {
        match &self.monitor.raw {
            Raw::Default { cond, .. } => {
                cond.wait(self.pl.as_mut().expect("default guard holds the parking_lot guard"));
                Ok(())
            }
            Raw::Host { table, mutex, cond } => {
                // SAFETY: live handles; we hold `mutex` as cond_wait requires.
                host_ok(unsafe { (table.0.cond_wait.unwrap())(*cond, *mutex) })
            }
        }
    }

    /// Wakes every waiter.
    pub fn notify_all(&self) -> Result<()> {
        match &self.monitor.raw {
            Raw::Default { cond, .. } => {
                cond.notify_all();
                Ok(())
            }
            Raw::Host { table, cond, .. } => {
                // SAFETY: live handle.
                host_ok(unsafe { (table.0.cond_broadcast.unwrap())(*cond) })
            }
        }
    }

    /// Unlocks and reports a failing host unlock as `ServiceFailure`.
    pub fn unlock(mut self) -> Result<()> {
        self.release()
    }

    fn release(&mut self) -> Result<()> {
        if !self.locked {
            return Ok(());
        }
        self.locked = false;
        match &self.monitor.raw {
            Raw::Default { .. } => {
                self.pl = None;
                Ok(())
            }
            Raw::Host { table, mutex, .. } => {
                // SAFETY: live handle, locked by this thread.
                host_ok(unsafe { (table.0.mutex_unlock.unwrap())(*mutex) })
            }
        }
    }
}

impl<T> Deref for MonitorGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the mutex is held for the guard's lifetime.
        unsafe { &*self.monitor.data.get() }
    }
}

impl<T> DerefMut for MonitorGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the mutex is held for the guard's lifetime, and `&mut self`
        // makes this the only reference.
        unsafe { &mut *self.monitor.data.get() }
    }
}

impl<T> Drop for MonitorGuard<'_, T> {
    fn drop(&mut self) {
        // An error here cannot be reported; paths that must report it call
        // `unlock()` explicitly.
        let _ = self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn default_monitor_counts_across_threads() {
        let m = Arc::new(Monitor::new(0u64, None).unwrap());
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let m = m.clone();
                std::thread::spawn(move || {
                    for _ in 0..1000 {
                        *m.lock().unwrap() += 1;
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(*m.lock().unwrap(), 4000);
    }

    #[test]
    fn wait_wakes_on_notify() {
        let m = Arc::new(Monitor::new(false, None).unwrap());
        let m2 = m.clone();
        let t = std::thread::spawn(move || {
            let mut g = m2.lock().unwrap();
            while !*g {
                g.wait().unwrap();
            }
        });
        {
            let mut g = m.lock().unwrap();
            *g = true;
            g.notify_all().unwrap();
            g.unlock().unwrap();
        }
        t.join().unwrap();
    }

    unsafe extern "C" fn fail_init(_: *mut *mut c_void) -> core::ffi::c_int {
        1
    }
    unsafe extern "C" fn noop_free(_: *mut c_void) {}
    unsafe extern "C" fn ok1(_: *mut c_void) -> core::ffi::c_int {
        0
    }
    unsafe extern "C" fn ok2(_: *mut c_void, _: *mut c_void) -> core::ffi::c_int {
        0
    }

    #[test]
    fn host_table_must_be_complete_and_failures_map_to_service_failure() {
        let mut cb = Callbacks {
            mutex_init: Some(fail_init),
            mutex_free: Some(noop_free),
            mutex_lock: Some(ok1),
            mutex_unlock: Some(ok1),
            cond_init: Some(fail_init),
            cond_free: Some(noop_free),
            cond_wait: Some(ok2),
            cond_signal: Some(ok1),
            cond_broadcast: None,
        };
        assert_eq!(HostTable::new(cb).unwrap_err(), Error::InvalidArgument);
        cb.cond_broadcast = Some(ok1);
        let t = HostTable::new(cb).unwrap();
        assert_eq!(Monitor::new(0, Some(t)).err(), Some(Error::ServiceFailure));
    }
}
