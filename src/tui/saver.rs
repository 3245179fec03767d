//! Saving beside the event loop. A save writes the whole file and waits for the disk twice
//! (the file, then its directory), which on a slow disk takes long enough to be felt; so the
//! loop hands a copy of the workbook to this thread and goes on taking keys. The copy is
//! cheap: reflections are shared, and one the user changes meanwhile is copied first.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::workbook::Workbook;
use crate::workbook::store::Store;

/// What a save came to: `Err` holds the message to show.
pub type Outcome = Result<(), String>;

pub struct Saver {
    jobs: Option<Sender<Workbook>>,
    outcomes: Receiver<Outcome>,
    /// Saves handed over whose outcome has not been collected yet.
    pending: usize,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the thread, which owns `store` (and so its lock) until the saver is dropped. It
    /// writes a byte to `wake` after each save, so that a waiting event loop hears at once.
    pub fn start(store: Store, wake: UnixStream) -> io::Result<Saver> {
        let (jobs, incoming) = mpsc::channel::<Workbook>();
        let (report, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("wheelbook-save".into())
            .spawn(move || {
                for workbook in incoming {
                    let outcome = store
                        .save(&workbook)
                        .map(|_warnings| ())
                        .map_err(|error| error.to_string());
                    if report.send(outcome).is_err() {
                        break;
                    }
                    let _ = (&wake).write(&[1]);
                }
            })?;
        Ok(Saver {
            jobs: Some(jobs),
            outcomes,
            pending: 0,
            thread: Some(thread),
        })
    }

    /// Hands `workbook` over to be saved; returns at once.
    pub fn save(&mut self, workbook: Workbook) {
        self.pending += 1;
        if let Some(jobs) = &self.jobs {
            // A thread that has gone shows as a failed save in `finished` or `wait`.
            let _ = jobs.send(workbook);
        }
    }

    /// The outcomes of saves that have finished, oldest first; never waits.
    pub fn finished(&mut self) -> Vec<Outcome> {
        let mut done = Vec::new();
        while self.pending > 0 {
            match self.outcomes.try_recv() {
                Ok(outcome) => done.push(outcome),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => done.push(Err(gone())),
            }
            self.pending -= 1;
        }
        done
    }

    /// Waits for every save handed over, and gives their outcomes, oldest first.
    pub fn wait(&mut self) -> Vec<Outcome> {
        let mut done = Vec::new();
        while self.pending > 0 {
            done.push(self.outcomes.recv().unwrap_or_else(|_| Err(gone())));
            self.pending -= 1;
        }
        done
    }
}

fn gone() -> String {
    "the saving thread stopped unexpectedly".to_string()
}

impl Drop for Saver {
    /// Lets the last save finish, then releases the store and its lock.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::PackSource;
    use crate::workbook::generate::generate;
    use crate::workbook::store::{Location, read_workbook_file};

    fn saver(dir: &std::path::Path) -> (Saver, Location, UnixStream) {
        let location = Location::new(dir.join("data"), "workbook").expect("location");
        let store = Store::lock(location.clone()).expect("lock");
        let (wake_read, wake_write) = UnixStream::pair().expect("pair");
        (
            Saver::start(store, wake_write).expect("thread"),
            location,
            wake_read,
        )
    }

    #[test]
    fn saves_in_order_and_wakes_the_loop() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut saver, location, wake) = saver(dir.path());
        let first = generate(&pack, 3, 1);
        let mut second = first.clone();
        second.reflection_mut(0).title = "Changed while the first save ran".into();

        saver.save(first);
        saver.save(second.clone());
        assert_eq!(saver.wait(), vec![Ok(()), Ok(())]);
        assert!(saver.finished().is_empty(), "every outcome given once");
        // One wake a save (each written just after its outcome is sent).
        let mut bytes = [0u8; 2];
        io::Read::read_exact(&mut &wake, &mut bytes).expect("woken twice");
        let saved = read_workbook_file(&location.workbook_path()).expect("saved");
        assert_eq!(saved, second, "the later save is the one on disk");
    }

    #[test]
    fn a_failed_save_is_reported_with_its_reason() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut saver, _location, _wake) = saver(dir.path());
        std::fs::remove_dir_all(dir.path().join("data")).expect("the folder goes away");
        saver.save(generate(&pack, 1, 2));
        let outcomes = saver.wait();
        assert_eq!(outcomes.len(), 1);
        assert!(outcomes[0].is_err(), "{outcomes:?}");
    }

    #[test]
    fn the_copy_handed_over_is_not_changed_by_later_edits() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let mut workbook = generate(&pack, 2, 3);
        let copy = workbook.clone();
        workbook.reflection_mut(1).title = "Edited after the copy".into();
        assert_ne!(copy.reflections[1].title, workbook.reflections[1].title);
        assert!(std::sync::Arc::ptr_eq(
            &copy.reflections[0],
            &workbook.reflections[0]
        ));
    }
}
