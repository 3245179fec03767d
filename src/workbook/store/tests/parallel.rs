use super::*;
use crate::content::PackSource;
use crate::workbook::generate::generate;

/// Enough generated reflections for a file over [`SPLIT_FROM_BYTES`].
const LARGE: usize = 300;

/// Bytes that note each part given back and each part copied.
struct Noting<'a> {
    bytes: &'a [u8],
    released: Mutex<Vec<Range<usize>>>,
    copied: Mutex<Vec<Range<usize>>>,
}

impl Source for Noting<'_> {
    fn whole(&self) -> &[u8] {
        self.bytes
    }

    fn copy<'a>(&'a self, range: Range<usize>, _buffer: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        self.copied
            .lock()
            .expect("not poisoned")
            .push(range.clone());
        self.bytes.get(range)
    }

    fn release(&self, part: Range<usize>) {
        self.released.lock().expect("not poisoned").push(part);
    }
}

#[test]
fn reads_what_one_thread_reads() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, LARGE + 3, 11);
    workbook.display_name = Some("Sam".into());
    let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
    assert!(bytes.len() >= SPLIT_FROM_BYTES, "{} bytes", bytes.len());
    let read = parse_current(&bytes[..]).expect("read on two threads");
    assert_eq!(read, workbook);
}

#[test]
fn the_scan_lets_go_as_it_goes_and_the_readers_copy_only_reflections() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, LARGE * 5, 14);
    let bytes = serde_json::to_vec_pretty(&workbook).expect("json");
    assert!(bytes.len() > 2 * RELEASE_STEP, "{} bytes", bytes.len());
    let noting = Noting {
        bytes: &bytes,
        released: Mutex::new(Vec::new()),
        copied: Mutex::new(Vec::new()),
    };
    let read = parse_current(&noting).expect("read on two threads");
    assert_eq!(read, workbook);
    let released = noting.released.into_inner().expect("not poisoned");
    // In steps behind the scan, then all of it once the rest of the workbook is read.
    assert!(released.len() >= 3, "{released:?}");
    assert_eq!(released.last(), Some(&(0..bytes.len())));
    assert!(
        released[..released.len() - 1]
            .windows(2)
            .all(|w| w[0].end == w[1].start)
    );
    // The readers took the reflections, each once, and nothing else.
    let outline = outline::scan(&bytes).expect("outline");
    let mut copied = noting.copied.into_inner().expect("not poisoned");
    copied.sort_by_key(|part| part.start);
    let mut batches = outline.reflections.chunks(BATCH);
    for part in &copied {
        let batch = batches.next().expect("a batch");
        assert_eq!(*part, batch[0].start..batch[batch.len() - 1].end);
    }
    assert!(batches.next().is_none(), "every batch was read");
}

#[test]
fn a_poisoned_list_of_found_reflections_fails_the_read_rather_than_ends_it() {
    let found = Found::default();
    found.add(0..10);
    let _ = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                // The scan over, so that a take ignoring the poison returns at once
                // rather than waits for more.
                let mut held = found.state.lock().expect("not poisoned yet");
                held.done = true;
                panic!("a panic while holding the list");
            })
            .join()
    });
    assert!(found.state.is_poisoned());
    assert!(found.take().is_none());
    assert!(found.failed.load(Ordering::SeqCst));
    // Without a count, no number of reflections read can pass for all of them.
    assert_eq!(found.count(), None);
}

/// Bytes whose copies panic on any thread but the one that made them, as a bug in the
/// second reader would.
struct Panicking<'a>(&'a [u8], std::thread::ThreadId);

impl Source for Panicking<'_> {
    fn whole(&self) -> &[u8] {
        self.0
    }

    fn copy<'a>(&'a self, range: Range<usize>, _buffer: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        if std::thread::current().id() != self.1 {
            panic!("a reader's bug")
        }
        self.0.get(range)
    }

    fn release(&self, _part: Range<usize>) {}
}

#[test]
fn a_reader_that_panics_leaves_the_workbook_to_the_ordinary_reader() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let bytes = serde_json::to_vec_pretty(&generate(&pack, LARGE, 15)).expect("json");
    let this_thread = std::thread::current().id();
    // This thread reads its own batches; the other thread's are lost to its panic, and
    // what this one read must not pass for the workbook.
    let read = parse_current(&Panicking(&bytes, this_thread));
    assert_eq!(read.map(|w| w.reflections.len()), None);
}

#[test]
fn leaves_small_older_and_damaged_workbooks_to_the_ordinary_reader() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let small = serde_json::to_vec_pretty(&generate(&pack, 3, 12)).expect("json");
    assert!(parse_current(&small[..]).is_none());

    let workbook = generate(&pack, LARGE, 13);
    let mut value = serde_json::to_value(&workbook).expect("json");
    value["schema_version"] = 1.into();
    assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());

    let mut value = serde_json::to_value(&workbook).expect("json");
    value["reflections"][LARGE - 1]["status"] = "unheard-of".into();
    assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());
    // The scan is lenient outside the reflections; reading the rest is not.
    let text =
        String::from_utf8(serde_json::to_vec_pretty(&workbook).expect("json")).expect("utf-8");
    let no_comma = text.replacen("],\n  \"actions\"", "]\n  \"actions\"", 1);
    assert_ne!(no_comma, text);
    assert!(parse_current(no_comma.as_bytes()).is_none());
    let mut value = serde_json::to_value(&workbook).expect("json");
    value["surprise"] = true.into();
    assert!(parse_current(&serde_json::to_vec(&value).expect("json")[..]).is_none());
    // Bytes that are not UTF-8 outside the reflections.
    let mut named = workbook.clone();
    named.display_name = Some("Sam".into());
    let mut bytes = serde_json::to_vec_pretty(&named).expect("json");
    let at = bytes
        .windows(5)
        .position(|w| w == b"\"Sam\"")
        .expect("the name");
    bytes[at + 2] = 0xff;
    assert!(parse_current(&bytes[..]).is_none());
}

#[test]
fn an_older_workbook_is_left_to_the_ordinary_reader_before_a_reflection_is_read() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let current = serde_json::to_string_pretty(&generate(&pack, LARGE, 14)).expect("json");
    let written = format!("\"schema_version\": {SCHEMA_VERSION},");
    let older = current.replacen(&written, "\"schema_version\": 1,", 1);
    assert_ne!(
        older, current,
        "laid out as wheelbook writes it, its version first"
    );
    let bytes = older.into_bytes();
    assert!(bytes.len() >= SPLIT_FROM_BYTES, "{} bytes", bytes.len());
    let noting = Noting {
        bytes: &bytes,
        released: Mutex::new(Vec::new()),
        copied: Mutex::new(Vec::new()),
    };
    assert!(parse_current(&noting).is_none());
    // Not scanned (a scan lets go of the whole file once done, whichever thread was
    // quicker), nor any batch read.
    let released = noting.released.lock().expect("not poisoned");
    assert!(released.is_empty(), "scanned for nothing: {released:?}");
    let copied = noting.copied.lock().expect("not poisoned");
    assert!(
        copied.is_empty(),
        "{} batches read for nothing",
        copied.len()
    );
}

#[test]
fn the_version_written_first_is_read_as_wheelbook_writes_it() {
    assert_eq!(
        version_written_first(b"{\n  \"schema_version\": 2,\n"),
        Some(2)
    );
    assert_eq!(version_written_first(b"{\"schema_version\":17}"), Some(17));
    assert_eq!(
        version_written_first(b" \t{ \"schema_version\" : 1 ,"),
        Some(1)
    );
    // Anything else is for the reading to find out.
    assert_eq!(version_written_first(b"{\"mode\": \"individual\","), None);
    assert_eq!(version_written_first(b"{\"schema_version\": \"2\"}"), None);
    // Only its whole number: the rest is the ordinary reader's to judge.
    assert_eq!(version_written_first(b"{\"schema_version\": 1.5}"), Some(1));
    assert_eq!(version_written_first(b"[]"), None);
    assert_eq!(version_written_first(b""), None);
}

#[test]
fn a_workbook_laid_out_otherwise_by_hand_is_read_whole_all_the_same() {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut workbook = generate(&pack, LARGE, 15);
    // A string that reads like the last line of a reflection, once its line breaks are
    // written as escapes.
    Arc::make_mut(&mut workbook.reflections[0]).title = "Notes\n    }, {\n    }".into();
    let text = serde_json::to_vec_pretty(&workbook).expect("json");
    let text = String::from_utf8(text).expect("utf-8");
    let read = parse_current(text.as_bytes());
    assert!(read == Some(workbook.clone()), "as wheelbook lays it out");
    // The first reflection's pack closed on a line at the reflection's own indent.
    let moved = text.replacen(
        "\n      },\n      \"ratings\"",
        "\n    },\n      \"ratings\"",
        1,
    );
    assert_ne!(moved, text);
    assert!(
        parse_current(moved.as_bytes()).is_none(),
        "left to the ordinary reader"
    );
    let read = super::super::load::parse(moved.as_bytes()).expect("read the ordinary way");
    assert!(read == workbook);
}
