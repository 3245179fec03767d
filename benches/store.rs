//! Reading the pack, and loading and saving workbooks of 10, 1,000 and 10,000 reflections
//! (saves include the fsync of the file and its directory). `cargo bench --bench store`.

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
    for reflections in [10, 1_000, 10_000] {
        let workbook = generate(&pack, reflections, 1);
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::new(dir.path().to_path_buf(), "workbook").expect("location");
        let store = Store::lock(location.clone()).expect("lock");
        store.save(&workbook).expect("first save");
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
        group.bench_with_input(
            BenchmarkId::new("save with fsync", reflections),
            &workbook,
            |b, workbook| b.iter(|| store.save(workbook).expect("saved")),
        );
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
