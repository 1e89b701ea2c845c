//! Locks through the host-injectable threading table.
//!
//! [`Monitor`] is a mutex plus one condition variable around a value. It is
//! backed either by parking_lot (the default) or by the callbacks a C host
//! installed with `rustpsa_set_threading_callbacks`. Every lock, unlock and wait
//! reports failure as [`Error::ServiceFailure`] instead of panicking, so a broken
//! host primitive becomes a status code for the caller.
//!
//! The failed state: a failing host primitive (lock, unlock, wait, broadcast)
//! or a panic while the lock is held puts the monitor into a failed state from
//! which it never returns (the owner drops it and builds a new one:
//! `mbedtls_psa_crypto_free` then `psa_crypto_init`). Entering it broadcasts on
//! the condition variable; from then on `lock` refuses (before and after
//! acquiring the mutex) and every `wait` returns `ServiceFailure` on waking, so
//! no thread waits for a state change that a failed thread will never make.
//! A host callback that fails must have had no effect (as pthread functions
//! that return an error), so after a failing unlock or wait the mutex is still
//! held and after a failing lock it is not.
mod set_once;
pub use set_once::{InlineOnce, SetOnce};

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};
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
    /// Set once, on entering the failed state; read before and after every
    /// lock acquisition and after every wake-up.
    failed: AtomicBool,
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
        Ok(Monitor { raw, failed: AtomicBool::new(false), data: UnsafeCell::new(data) })
    }

    /// Whether the monitor is in the failed state.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    /// Locks the monitor. A failing host lock, or the failed state, gives
    /// `ServiceFailure`.
    pub fn lock(&self) -> Result<MonitorGuard<'_, T>> {
        if self.failed() {
            return Err(Error::ServiceFailure);
        }
        match &self.raw {
            // The guard's job is done by `MonitorGuard` (which unlocks with
            // `force_unlock`), so no parking_lot guard is kept.
            Raw::Default { mutex, .. } => core::mem::forget(mutex.lock()),
            Raw::Host { table, mutex, .. } => {
                // SAFETY: `mutex` is a live handle from mutex_init.
                if let Err(e) = host_ok(unsafe { (table.0.mutex_lock.unwrap())(*mutex) }) {
                    self.fail_unlocked();
                    return Err(e);
                }
            }
        }
        let g = MonitorGuard { monitor: self, locked: true, panicking: std::thread::panicking() };
        if self.failed() {
            // Another thread failed while this one waited for the mutex.
            drop(g);
            return Err(Error::ServiceFailure);
        }
        Ok(g)
    }

    /// Enters the failed state from a thread that does not hold the mutex:
    /// takes it once more, if it can, so the broadcast cannot slip between a
    /// waiter's check and its wait.
    pub fn fail_unlocked(&self) {
        self.failed.store(true, Ordering::SeqCst);
        match &self.raw {
            Raw::Default { mutex, cond } => {
                let _g = mutex.lock();
                cond.notify_all();
            }
            Raw::Host { table, mutex, cond } => {
                // SAFETY: live handles; the mutex is locked only if the lock succeeded.
                unsafe {
                    let locked = (table.0.mutex_lock.unwrap())(*mutex) == 0;
                    (table.0.cond_broadcast.unwrap())(*cond);
                    if locked {
                        (table.0.mutex_unlock.unwrap())(*mutex);
                    }
                }
            }
        }
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
    /// Whether this guard still holds the mutex (false after `release`).
    locked: bool,
    /// Whether the thread was already unwinding when it locked (a guard taken
    /// by a destructor during unwinding is not a panic under the lock).
    panicking: bool,
}

impl<T> MonitorGuard<'_, T> {
    /// Enters the failed state while holding the mutex: broadcast, so every
    /// waiter wakes and sees it.
    pub fn fail(&self) {
        self.monitor.failed.store(true, Ordering::SeqCst);
        match &self.monitor.raw {
            Raw::Default { cond, .. } => {
                cond.notify_all();
            }
            Raw::Host { table, cond, .. } => {
                // SAFETY: live handle. A second failure changes nothing more.
                let _ = unsafe { (table.0.cond_broadcast.unwrap())(*cond) };
            }
        }
    }

    /// Waits on the condition variable, releasing the lock meanwhile. Spurious
    /// wake-ups happen: callers re-check their condition in a loop. A failing
    /// wait, or waking in the failed state, gives `ServiceFailure` (the lock is
    /// held again either way).
    pub fn wait(&mut self) -> Result<()> {
        if self.monitor.failed() {
            return Err(Error::ServiceFailure);
        }
        match &self.monitor.raw {
            Raw::Default { mutex, cond } => {
                // SAFETY: this guard holds `mutex`; the temporary guard only
                // lends it to the condition variable and is forgotten after,
                // so the mutex stays held, as before the wait.
                let mut g = unsafe { mutex.make_guard_unchecked() };
                cond.wait(&mut g);
                core::mem::forget(g);
            }
            Raw::Host { table, mutex, cond } => {
                // SAFETY: live handles; we hold `mutex` as cond_wait requires.
                if let Err(e) = host_ok(unsafe { (table.0.cond_wait.unwrap())(*cond, *mutex) }) {
                    self.fail();
                    return Err(e);
                }
            }
        }
        if self.monitor.failed() {
            return Err(Error::ServiceFailure);
        }
        Ok(())
    }

    /// Wakes every waiter. A failing broadcast enters the failed state (and
    /// broadcasts once more, so the waiters learn of it).
    pub fn notify_all(&self) -> Result<()> {
        match &self.monitor.raw {
            Raw::Default { cond, .. } => {
                cond.notify_all();
                Ok(())
            }
            Raw::Host { table, cond, .. } => {
                // SAFETY: live handle.
                let r = host_ok(unsafe { (table.0.cond_broadcast.unwrap())(*cond) });
                if r.is_err() {
                    self.fail();
                }
                r
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
            Raw::Default { mutex, .. } => {
                // SAFETY: this guard locked `mutex` and has not released it.
                unsafe { mutex.force_unlock() };
                Ok(())
            }
            Raw::Host { table, mutex, .. } => {
                // SAFETY: live handle, locked by this thread.
                let r = host_ok(unsafe { (table.0.mutex_unlock.unwrap())(*mutex) });
                if r.is_err() {
                    // Still held (a failing callback has no effect): fail, wake
                    // the waiters, and try once more to let the mutex go so no
                    // thread stays blocked in `lock`.
                    self.fail();
                    // SAFETY: as above.
                    let _ = unsafe { (table.0.mutex_unlock.unwrap())(*mutex) };
                }
                r
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
        // A panic under the lock may have left the guarded data half-changed.
        if self.locked && std::thread::panicking() && !self.panicking {
            self.fail();
        }
        // An error here cannot be reported (the failed state records it);
        // paths that must report it call `unlock()` explicitly.
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

    #[test]
    fn failed_state_wakes_waiters_and_refuses_locks() {
        let m = Arc::new(Monitor::new(0u32, None).unwrap());
        let m2 = m.clone();
        let t = std::thread::spawn(move || {
            let mut g = m2.lock().unwrap();
            *g = 1;
            // Waits "forever": only the failed state ends it.
            loop {
                if let Err(e) = g.wait() {
                    return e;
                }
            }
        });
        while *m.lock().unwrap() == 0 {
            std::thread::yield_now();
        }
        m.fail_unlocked();
        assert_eq!(t.join().unwrap(), Error::ServiceFailure);
        assert!(m.failed());
        assert_eq!(m.lock().err(), Some(Error::ServiceFailure));
    }

    #[test]
    fn panic_under_the_lock_fails_the_monitor() {
        let m = Monitor::new(0u32, None).unwrap();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _g = m.lock().unwrap();
            panic!("under the lock");
        }));
        assert!(r.is_err());
        assert!(m.failed());
        assert_eq!(m.lock().err(), Some(Error::ServiceFailure));
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
