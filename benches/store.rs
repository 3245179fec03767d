//! Reading the pack, and loading and saving workbooks of 10, 1,000, 2,000 and 10,000 reflections
//! (saves include the fsync of the file and its directory, and the backup link).
//! `cargo bench --bench store`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wheelbook::content::{self, PackSource};
use wheelbook::workbook::generate::generate;
use wheelbook::workbook::store::{self, Location, Store};

fn pack(c: &mut Criterion) {
    c.bench_function("pack: parse and validate the built-in Wheel", |b| {
        b.iter(|| content::parse("built-in", content::BUILT_IN_TOML.as_bytes()).expect("valid"))
    });
}

fn workbooks(c: &mut Criterion) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let mut group = c.benchmark_group("workbook");
    group.sample_size(20);
    for reflections in [10, 1_000, 2_000, 10_000] {
        let workbook = generate(&pack, reflections, 1);
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::new(dir.path().to_path_buf(), "workbook").expect("location");
        Store::lock(location.clone())
            .expect("lock")
            .save(&workbook)
            .expect("first save");
        let bytes = std::fs::read(location.workbook_path()).expect("read");
        group.bench_with_input(
            BenchmarkId::new("parse", reflections),
            &bytes,
            |b, bytes| b.iter(|| store::parse(bytes).expect("valid")),
        );
        group.bench_with_input(
            BenchmarkId::new("load from disk", reflections),
            &location,
            |b, location| b.iter(|| store::read(location).expect("readable")),
        );
        // As `wheelbook import` saves: a new process, which has written nothing yet.
        group.bench_with_input(
            BenchmarkId::new("save with fsync, first in a process", reflections),
            &workbook,
            |b, workbook| {
                b.iter(|| {
                    let store = Store::lock(location.clone()).expect("lock");
                    store.save(workbook).expect("saved")
                })
            },
        );
        // As the screens save: one reflection changed since the last save.
        let store = Store::lock(location.clone()).expect("lock");
        let mut edited = workbook.clone();
        store.save(&edited).expect("saved");
        group.bench_function(
            BenchmarkId::new("save with fsync, one reflection changed", reflections),
            |b| {
                b.iter(|| {
                    edited.reflection_mut(0).updated += chrono::Duration::seconds(1);
                    store.save(&edited).expect("saved")
                })
            },
        );
        drop(store);
        // All that saving costs the screens: the copy handed to the saving thread.
        group.bench_with_input(
            BenchmarkId::new("copy handed to the saving thread", reflections),
            &workbook,
            |b, workbook| b.iter(|| workbook.clone()),
        );
    }
    group.finish();
}

criterion_group!(benches, pack, workbooks);
criterion_main!(benches);
