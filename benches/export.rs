//! Exporting 1,000 reflections in each format, and the identifier check over them.
//! `cargo bench --bench export`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wheelbook::content::PackSource;
use wheelbook::export::check::check;
use wheelbook::export::regulators;
use wheelbook::export::render::{Format, render};
use wheelbook::export::templates::{Options, Sources, Template, build};
use wheelbook::workbook::generate::generate;

fn export(c: &mut Criterion) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 1_000, 1);
    let regulators = regulators::built_in().expect("regulators");
    let sources = Sources {
        pack: &pack,
        workbook: &workbook,
        regulators: &regulators,
        today: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    };
    let reflections: Vec<_> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let mut group = c.benchmark_group("export 1000 reflections");
    group.sample_size(10);
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        group.bench_with_input(
            BenchmarkId::new("record", format.extension()),
            &format,
            |b, &format| {
                b.iter(|| {
                    render(
                        &build(Template::Record, &sources, &reflections, &options),
                        format,
                    )
                })
            },
        );
    }
    let document = build(Template::Record, &sources, &reflections, &options);
    group.bench_function("identifier check", |b| {
        b.iter(|| check(&document, &reflections, &workbook, sources.today, &[]))
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
