//! Waiting for input, signals or the next tick, on our own `poll(2)`.
//!
//! crossterm 0.29's reader loops forever, at full CPU, once the terminal hangs up (a closed
//! window): its read of the terminal returns end-of-file or EIO, which it neither reports
//! nor stops on. So wheelbook waits on the terminal and a signal pipe itself, sees the hang-up
//! as POLLHUP, and only asks crossterm to read when input is actually waiting.

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

/// What ended a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Input is waiting on the terminal.
    Input,
    /// A signal arrived: see [`Signals::ending`]; otherwise the window was resized.
    Signal,
    /// The terminal is gone.
    Hangup,
    Timeout,
}

/// SIGTERM and SIGHUP set flags the loop checks, so that it can save before it goes; they and
/// SIGWINCH also write to a pipe, which wakes the wait at once.
pub struct Signals {
    term: Arc<AtomicBool>,
    hup: Arc<AtomicBool>,
    wake_read: UnixStream,
    wake_write: UnixStream,
}

impl Signals {
    pub fn register() -> io::Result<Self> {
        let (wake_read, wake_write) = UnixStream::pair()?;
        wake_read.set_nonblocking(true)?;
        wake_write.set_nonblocking(true)?;
        let term = Arc::new(AtomicBool::new(false));
        let hup = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTERM, term.clone())?;
        signal_hook::flag::register(SIGHUP, hup.clone())?;
        for signal in [SIGTERM, SIGHUP, SIGWINCH] {
            signal_hook::low_level::pipe::register(signal, wake_write.try_clone()?)?;
        }
        Ok(Signals {
            term,
            hup,
            wake_read,
            wake_write,
        })
    }

    /// A handle that wakes [`Signals::wait`] when written to, for the saving thread.
    pub fn waker(&self) -> io::Result<UnixStream> {
        self.wake_write.try_clone()
    }

    /// The signal that asks wheelbook to end, if one arrived.
    pub fn ending(&self) -> Option<i32> {
        if self.term.load(Ordering::Relaxed) {
            Some(SIGTERM)
        } else if self.hup.load(Ordering::Relaxed) {
            Some(SIGHUP)
        } else {
            None
        }
    }

    /// Waits until input is waiting on standard input, a signal arrives, the terminal hangs
    /// up, or `timeout` passes.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Wake> {
        let mut fds = [
            libc::pollfd {
                fd: io::stdin().as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake_read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a valid array of two pollfd structs that outlives the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            return if error.kind() == io::ErrorKind::Interrupted {
                Ok(Wake::Signal)
            } else {
                Err(error)
            };
        }
        if fds[1].revents != 0 {
            let mut drain = [0u8; 64];
            while matches!(self.wake_read.read(&mut drain), Ok(n) if n > 0) {}
            return Ok(Wake::Signal);
        }
        let terminal = fds[0].revents;
        if terminal & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            Ok(Wake::Hangup)
        } else if terminal & libc::POLLIN != 0 {
            Ok(Wake::Input)
        } else {
            Ok(Wake::Timeout)
        }
    }
}
