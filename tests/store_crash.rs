//! Crash safety: an import into a large workbook is killed with SIGKILL at random moments.
//! After every kill the workbook must load and hold either the old or the new content.
#![cfg(unix)]

mod common;

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{DataDir, generated, write_json};
use wheelbook::workbook::Workbook;
use wheelbook::workbook::store::{self, Location};

const KILLS: u64 = 60;

fn load(data: &DataDir) -> Workbook {
    let location = Location::new(data.dir(), "workbook").expect("location");
    match store::read(&location) {
        Ok(read) => read.workbook.expect("the workbook exists"),
        Err(error) => panic!("the workbook no longer loads:\n{error}"),
    }
}

/// A small deterministic generator for the kill delays (xorshift64).
struct Delays(u64);

impl Delays {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        below.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

#[test]
fn killing_an_import_at_random_moments_leaves_the_old_or_the_new_workbook() {
    let data = DataDir::new();
    data.import_generated(1500, 90);
    let binary = assert_cmd::cargo::cargo_bin("wheelbook");
    let import = |file: &std::path::Path| {
        Command::new(&binary)
            .arg("import")
            .arg(file)
            .env("WHEELBOOK_DATA_DIR", data.dir())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn wheelbook")
    };

    // How long a whole import takes here decides the window the kills fall in: the median of
    // three, since one slow or quick run would put every kill after the save or before it.
    let mut took: Vec<Duration> = (0..3)
        .map(|run| {
            let file = data.outside(&format!("timed-{run}.json"));
            write_json(&file, &generated(30, 91 + run));
            let started = Instant::now();
            let finished = import(&file).wait_with_output().expect("wait");
            assert!(
                finished.status.success(),
                "{}",
                String::from_utf8_lossy(&finished.stderr)
            );
            started.elapsed()
        })
        .collect();
    took.sort();
    // Twice as long, so that about half the kills land while it runs and the rest after it.
    let window = took[1].mul_f64(2.0);

    let mut old = load(&data);
    let (mut kept_old, mut got_new) = (0, 0);
    let mut delays = Delays(0x9e37_79b9_7f4a_7c15);
    for round in 0..KILLS {
        let incoming = generated(30, 1000 + round);
        let file = data.outside(&format!("round-{round}.json"));
        write_json(&file, &incoming);
        let mut child = import(&file);
        sleep(delays.next(window));
        let _ = child.kill(); // SIGKILL; fails only if it already exited
        let output = child.wait_with_output().expect("wait");
        if let Some(code) = output.status.code() {
            assert_eq!(
                code,
                0,
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }

        let now = load(&data);
        if now == old {
            kept_old += 1;
        } else {
            let mut expected = old.reflections.clone();
            expected.extend(incoming.reflections);
            assert_eq!(
                now.reflections, expected,
                "round {round}: neither old nor new"
            );
            got_new += 1;
        }
        old = now;
    }
    println!(
        "{KILLS} kills in a {window:?} window: {kept_old} left the old workbook, {got_new} the new one"
    );
    assert!(
        kept_old > 0 && got_new > 0,
        "the kills must land both before and after the save"
    );

    // No stale lock or temporary file gets in the way afterwards.
    let file = data.outside("last.json");
    write_json(&file, &generated(1, 2000));
    let output = import(&file).wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let leftovers: Vec<_> = std::fs::read_dir(data.dir())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
