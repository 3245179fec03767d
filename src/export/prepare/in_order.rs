//! Writing the stretches of an export in order while threads make them, in any order: the
//! writing of [`super::Streamed`].

use std::collections::BTreeMap;
use std::io;
use std::sync::{Condvar, Mutex, mpsc};

use super::streamed::Finishing;
use super::{Found, Kept, Scanned, Stretch, Stretches, joined};

/// What [`written_in_order`] wrote.
pub(super) struct Written<'a, 'w> {
    pub(super) found: Vec<Found>,
    pub(super) scans: Vec<Scanned<'a, 'w>>,
    pub(super) any_sections: bool,
}

/// Makes the stretches on up to `threads` threads of their own while this one writes each
/// out as soon as those before it are written, then hands its memory back for another.
pub(super) fn written_in_order<'a, 'w>(
    stretches: &Stretches<'_, 'a, '_, 'w>,
    threads: usize,
    out: &mut Finishing,
) -> io::Result<Written<'a, 'w>> {
    let threads = threads.clamp(1, stretches.count().max(1));
    let spare: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let room = &|| {
        let spare = spare.lock().ok().and_then(|mut spare| spare.pop());
        spare.unwrap_or_default()
    };
    // A stretch made more slowly than those after it holds up their writing: no more than
    // this many are made ahead of the writing, so that they cannot pile up.
    let window = &Window::new(2 * threads);
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<Stretch>();
        let makers: Vec<_> = (0..threads)
            .filter_map(|_| {
                let send = send.clone();
                let make = move || {
                    let _stops = StopsOnPanic(window);
                    let mut scanned = stretches.check.scanned();
                    let mut kept = Kept::default();
                    while let Some(index) = stretches.claim() {
                        if !window.reached(index) {
                            break;
                        }
                        let stretch = stretches.make(index, &mut scanned, &mut kept, room());
                        if send.send(stretch).is_err() {
                            break;
                        }
                    }
                    scanned
                };
                std::thread::Builder::new().spawn_scoped(scope, make).ok()
            })
            .collect();
        drop(send);
        let mut written = Written {
            found: Vec::new(),
            scans: Vec::new(),
            any_sections: false,
        };
        let mut write = |stretch: Stretch| -> io::Result<()> {
            written.any_sections |= stretch.sections > 0;
            written.found.extend(stretch.found);
            let result = out.write(&stretch.text);
            if let Ok(mut spare) = spare.lock() {
                spare.push(stretch.text);
            }
            result
        };
        let (result, own_scan) = if makers.is_empty() {
            // No thread to be had: every stretch is made and written on this one.
            let mut scanned = stretches.check.scanned();
            let mut kept = Kept::default();
            let mut result = Ok(());
            while let Some(stretch) = stretches.take(&mut scanned, &mut kept, room()) {
                result = write(stretch);
                if result.is_err() {
                    break;
                }
            }
            (result, Some(scanned))
        } else {
            (in_order(receive, &mut write, window), None)
        };
        written.scans.extend(own_scan);
        written.scans.extend(makers.into_iter().map(joined));
        result.map(|()| written)
    })
}

/// Hands the stretches received, in any order, to `write` in order, moving `window` on
/// after each; on the first error, stops the makers and stops receiving.
fn in_order(
    receive: mpsc::Receiver<Stretch>,
    write: &mut impl FnMut(Stretch) -> io::Result<()>,
    window: &Window,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for stretch in receive {
        waiting.insert(stretch.index, stretch);
        while let Some(stretch) = waiting.remove(&next) {
            if let Err(error) = write(stretch) {
                window.stop();
                return Err(error);
            }
            next += 1;
            window.written(next);
        }
    }
    Ok(())
}

/// How far the makers may run ahead of the writing: stretch `index` is made only once
/// fewer than `ahead` stretches before it wait to be written. The stretch written next is
/// always within it, so the writing never waits on a maker that waits on the writing.
struct Window {
    ahead: usize,
    /// How many stretches are written, and whether to make no more.
    state: Mutex<(usize, bool)>,
    moved: Condvar,
}

impl Window {
    fn new(ahead: usize) -> Self {
        Window {
            ahead,
            state: Mutex::new((0, false)),
            moved: Condvar::new(),
        }
    }

    /// Waits until stretch `index` may be made: whether it may, or the making has stopped.
    fn reached(&self, index: usize) -> bool {
        let Ok(state) = self.state.lock() else {
            return false;
        };
        let waiting = |state: &mut (usize, bool)| !state.1 && index >= state.0 + self.ahead;
        self.moved
            .wait_while(state, waiting)
            .is_ok_and(|state| !state.1)
    }

    fn written(&self, count: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = count;
        }
        self.moved.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
        }
        self.moved.notify_all();
    }
}

/// Stops the making if a maker panics, so that no other waits for a stretch never written.
struct StopsOnPanic<'w>(&'w Window);

impl Drop for StopsOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}
