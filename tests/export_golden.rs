//! Every export template in every format, from a fixed fixture workbook, compared with its
//! golden file in tests/snapshots/ (insta). HTML must be well-formed.

use chrono::NaiveDate;
use wheelbook::content::{Pack, PackSource};
use wheelbook::export::regulators::{self, Regulators};
use wheelbook::export::render::{Format, render};
use wheelbook::export::select::{Selection, select};
use wheelbook::export::templates::{Options, Sources, Template, build};
use wheelbook::workbook::Workbook;
use wheelbook::workbook::generate::generate;

const FORMATS: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Json];

fn fixture() -> (Pack, Workbook, Regulators) {
    let pack = PackSource::BuiltIn.load().expect("pack");
    let workbook = generate(&pack, 8, 42);
    (pack, workbook, regulators::built_in().expect("regulators"))
}

fn exported(template: Template, format: Format, selection: &Selection) -> String {
    let (pack, workbook, regulators) = fixture();
    let sources = Sources::new(
        &pack,
        &workbook,
        &regulators,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    );
    let reflections = select(&workbook, &pack, selection).expect("selection");
    render(
        &build(template, &sources, &reflections, &Options::default()),
        format,
    )
}

/// Fails on any unclosed or mismatched tag or bad entity.
fn assert_well_formed(html: &str) {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::GeneralRef(entity)) => {
                let name: &str = entity.as_ref();
                let name = name.to_string();
                assert!(
                    ["amp", "lt", "gt", "quot", "#39"].contains(&name.as_str()),
                    "entity &{name};"
                );
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!(
                "HTML is not well-formed at {}: {error}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    for fetch in ["src=", "href=", "url(", "@import"] {
        assert!(
            !html.contains(fetch),
            "an export fetches nothing: found {fetch}"
        );
    }
}

#[test]
fn every_template_in_every_format_matches_its_golden_file() {
    let everything = Selection {
        since: NaiveDate::from_ymd_opt(2000, 1, 1),
        ..Selection::default()
    };
    for template in Template::ALL {
        for format in FORMATS {
            let text = exported(template, format, &everything);
            if format == Format::Html {
                assert_well_formed(&text);
            }
            if format == Format::Json {
                serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
            }
            insta::assert_snapshot!(format!("{}_{}", template.name(), format.extension()), text);
        }
    }
}

#[test]
fn html_escapes_what_the_user_wrote() {
    let (pack, mut workbook, regulators) = fixture();
    let newest = workbook.reflections.len() - 1;
    workbook.reflection_mut(newest).title = "<script>alert('x')</script> & \"quotes\"".into();
    workbook.reflection_mut(newest).status = wheelbook::workbook::Status::Complete;
    let sources = Sources::new(
        &pack,
        &workbook,
        &regulators,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    );
    let reflections = vec![workbook.reflections[newest].as_ref()];
    let html = render(
        &build(
            Template::Record,
            &sources,
            &reflections,
            &Options::default(),
        ),
        Format::Html,
    );
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    assert_well_formed(&html);
}

#[test]
fn the_well_formedness_check_catches_broken_html() {
    for broken in ["<p><b>text</p>", "<p>open", "<p>&nbsp;</p>"] {
        let result = std::panic::catch_unwind(|| assert_well_formed(broken));
        assert!(result.is_err(), "{broken} was accepted");
    }
}

#[test]
fn markdown_shows_what_the_user_wrote_and_fetches_nothing() {
    let (pack, mut workbook, regulators) = fixture();
    let newest = workbook.reflections.len() - 1;
    workbook.reflection_mut(newest).title =
        "![t](https://tracker.example/p.png) <img src=x> # *bold*".into();
    let sources = Sources::new(
        &pack,
        &workbook,
        &regulators,
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
    );
    let reflections = vec![workbook.reflections[newest].as_ref()];
    let md = render(
        &build(
            Template::Record,
            &sources,
            &reflections,
            &Options::default(),
        ),
        Format::Markdown,
    );
    assert!(!md.contains("![t]("), "an image link stays inert");
    assert!(!md.contains(" <img"), "no raw HTML");
    assert!(
        md.contains(r"!\[t](https://tracker.example/p.png) \<img src=x> # \*bold\*"),
        "{md}"
    );
}
