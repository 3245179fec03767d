//! Exporting 1,000 reflections in each format, and the identifier check over them, with and
//! without identifiers to find; and the whole of an export (build, render and check, as the
//! command line and the screens prepare one) of 2,000 reflections in JSON, by template.
//! `cargo bench --bench export`.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wheelbook::content::{Pack, PackSource};
use wheelbook::export::check::check;
use wheelbook::export::regulators::{self, Regulators};
use wheelbook::export::render::{Format, render};
use wheelbook::export::templates::{Options, Sources, Template, build};
use wheelbook::workbook::Workbook;
use wheelbook::workbook::generate::generate;

/// The built-in pack, a generated workbook of `reflections`, the regulators' data, and the
/// day the exports are made.
fn fixture(reflections: usize) -> (Pack, Workbook, Regulators, NaiveDate) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, reflections, 1);
    let regulators = regulators::built_in().expect("regulators");
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    (pack, workbook, regulators, today)
}

fn export(c: &mut Criterion) {
    let (pack, workbook, regulators, today) = fixture(1_000);
    let sources = Sources::new(&pack, &workbook, &regulators, today);
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
        b.iter(|| {
            check(
                &document,
                &reflections,
                &workbook,
                Some(&pack),
                &[sources.today],
                &[],
            )
        })
    });
    // Generated text holds no identifiers, so the check has nothing to name; here every
    // tenth reflection has some, and the check goes on to scan the reflections to name them.
    let marked = with_identifiers(&workbook);
    let sources = Sources::new(&pack, &marked, &regulators, sources.today);
    let reflections: Vec<_> = marked.reflections.iter().map(AsRef::as_ref).collect();
    let document = build(Template::Record, &sources, &reflections, &options);
    group.bench_function("identifier check, with findings", |b| {
        b.iter(|| {
            check(
                &document,
                &reflections,
                &marked,
                Some(&pack),
                &[sources.today],
                &[],
            )
        })
    });
    group.finish();
}

/// `workbook` with identifiers in an answer of every tenth reflection, made through its JSON
/// so as to depend on nothing but the file format, and read back from text as a workbook
/// file is.
fn with_identifiers(workbook: &Workbook) -> Workbook {
    let mut json = serde_json::to_value(workbook).expect("serialisable");
    let reflections = json["reflections"].as_array_mut().expect("reflections");
    for reflection in reflections.iter_mut().step_by(10) {
        let answers = reflection["answers"].as_object_mut().expect("answers");
        if let Some(answer) = answers.values_mut().next() {
            let text = answer.as_str().unwrap_or_default();
            *answer = format!("{text} Mr Smith, DOB 12/03/1950, on 07700 900123.").into();
        }
    }
    serde_json::from_str(&json.to_string()).expect("a workbook")
}

/// As `wheelbook export --since 1900-01-01 --format json` over 2,000 reflections, less the
/// reading of the workbook. The command line never frees what it prepared, so neither is the
/// dropping timed here.
fn prepare(c: &mut Criterion) {
    let (pack, workbook, regulators, today) = fixture(2_000);
    let sources = Sources::new(&pack, &workbook, &regulators, today);
    let reflections: Vec<_> = workbook.reflections.iter().map(AsRef::as_ref).collect();
    let options = Options::default();
    let mut group = c.benchmark_group("prepare 2000 reflections");
    group.sample_size(10);
    for template in Template::ALL {
        group.bench_function(BenchmarkId::new(template.name(), "json"), |b| {
            b.iter_with_large_drop(|| {
                wheelbook::export::prepare(
                    &sources,
                    &reflections,
                    template,
                    Format::Json,
                    &options,
                    &[],
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, export, prepare);
criterion_main!(benches);
