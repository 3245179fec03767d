//! The built-in Wheel of Partnership pack, and validation of malformed packs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use wheelbook::content::{self, Pack, PackSource, Tag};

fn wheel() -> Pack {
    match PackSource::BuiltIn.load() {
        Ok(pack) => pack,
        Err(error) => panic!("the built-in pack must be valid:\n{error}"),
    }
}

fn tags(letters: &str) -> BTreeSet<Tag> {
    letters
        .chars()
        .map(|letter| match letter {
            'K' => Tag::Knowledge,
            'S' => Tag::Skills,
            'B' => Tag::Behaviour,
            'A' => Tag::Attitude,
            other => panic!("no tag {other}"),
        })
        .collect()
}

#[test]
fn has_the_eleven_areas_in_the_contents_page_order() {
    let titles: Vec<String> = wheel().areas.into_iter().map(|area| area.title).collect();
    assert_eq!(
        titles,
        [
            "Outcomes Framework",
            "Shared Purpose, Shared Vision, Common Goals",
            "Listening & Communicating",
            "Open to Other Ideas",
            "Understanding Roles & Building Bridges",
            "Positive Risk Taking",
            "Resilience",
            "Creativity & Innovation",
            "Recognition & Celebration",
            "Can-do (proactive)",
            "Person Centred",
        ]
    );
}

/// Each area's competencies and their tags, in order, as the source tables give them.
#[test]
fn competency_counts_and_tags_match_the_source() {
    let expected: [(&str, &[&str]); 11] = [
        ("outcomes-framework", &["K", "K"]),
        ("shared-purpose", &["K", "K", "B", "B", "B"]),
        ("listening-communicating", &["S", "B", "SK", "S", "S"]),
        ("open-to-other-ideas", &["SB", "KB", "B", "A", "B", "B"]),
        (
            "roles-and-bridges",
            &["A", "B", "S", "B", "K", "B", "S", "B"],
        ),
        ("positive-risk-taking", &["B", "B", "S", "B"]),
        ("resilience", &["B", "B"]),
        ("creativity-innovation", &["B", "B", "B"]),
        ("recognition-celebration", &["A", "A"]),
        ("can-do", &["B", "S"]),
        ("person-centred", &["K", "B", "A", "S", "S", "S", "S", "S"]),
    ];
    let pack = wheel();
    for (area, (id, expected_tags)) in pack.areas.iter().zip(expected) {
        assert_eq!(area.id, id);
        let actual: Vec<BTreeSet<Tag>> = area.competencies.iter().map(|c| c.tags.clone()).collect();
        let expected: Vec<BTreeSet<Tag>> = expected_tags.iter().map(|t| tags(t)).collect();
        assert_eq!(actual, expected, "tags of {id}");
    }
    assert_eq!(pack.counts().competencies, 47);
}

#[test]
fn every_area_has_questions_the_two_prompts_and_numbered_ids() {
    let pack = wheel();
    for area in &pack.areas {
        assert!(!area.questions.is_empty(), "{} has no questions", area.id);
        let prompts: Vec<&str> = area.prompts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            prompts,
            ["Comments", "What can I (we) do to develop in this area?"]
        );
        for (index, competency) in area.competencies.iter().enumerate() {
            assert_eq!(competency.id, format!("{}.c{}", area.id, index + 1));
        }
        for (index, question) in area.questions.iter().enumerate() {
            assert_eq!(question.id, format!("{}.q{}", area.id, index + 1));
        }
    }
}

fn find<'p>(pack: &'p Pack, id: &str) -> &'p str {
    pack.areas
        .iter()
        .flat_map(|area| {
            let competencies = area.competencies.iter().map(|c| (&c.id, &c.text));
            let items = area
                .questions
                .iter()
                .chain(&area.activities)
                .map(|i| (&i.id, &i.text));
            competencies.chain(items).collect::<Vec<_>>()
        })
        .find(|(item_id, _)| *item_id == id)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn wording_damaged_by_the_extraction_is_restored() {
    let pack = wheel();
    // Split words and hyphenations joined.
    assert!(find(&pack, "shared-purpose.c2").contains("co-ordinated care"));
    // Words cut at the line end and printed in another column.
    assert!(find(&pack, "outcomes-framework.a1").ends_with("for borough statistics)."));
    assert!(find(&pack, "listening-communicating.q4").ends_with("with a student?"));
    assert!(
        find(&pack, "positive-risk-taking.q3").contains("service users and carers and colleagues")
    );
    // Cut first letters restored.
    assert!(
        find(&pack, "recognition-celebration.c1")
            .ends_with("rather than professional hierarchies.")
    );
    assert!(find(&pack, "person-centred.c1").starts_with("Delivers person centred care"));
    // Garbled text repaired.
    assert!(find(&pack, "can-do.q3").contains("what would it be and how would I go about"));
}

#[test]
fn lost_text_is_marked_not_invented_and_every_gap_has_a_note() {
    let pack = wheel();
    assert_eq!(
        find(&pack, "listening-communicating.q1"),
        "[…] With me. How do I/we match these expectations?"
    );
    // The activities of Positive Risk Taking are lost, and the pack says so.
    let risk = pack.area("positive-risk-taking").expect("area exists");
    assert!(risk.activities.is_empty());
    assert!(
        risk.notes
            .iter()
            .any(|note| note.contains("example activities of this page were lost"))
    );
    for area in &pack.areas {
        let gaps = area
            .questions
            .iter()
            .chain(&area.activities)
            .filter(|item| item.text.contains("[…]"));
        for item in gaps {
            let short_id = item.id.rsplit('.').next().unwrap_or_default();
            assert!(
                area.notes.iter().any(|note| note.contains(short_id)),
                "{} has a gap but no note names {short_id}",
                item.id
            );
        }
    }
}

#[test]
fn contexts_and_scale_come_from_the_pack() {
    let pack = wheel();
    let contexts: Vec<&str> = pack.contexts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        contexts,
        [
            "own-development",
            "supervision",
            "incident",
            "service-user",
            "team"
        ]
    );
    let values: Vec<u8> = pack.scale.iter().map(|level| level.value()).collect();
    assert_eq!(values, [1, 2, 3, 4]);
    assert_eq!(pack.not_assessed.label, "Not assessed");
    assert_eq!(
        (pack.wording.individual.as_str(), pack.wording.team.as_str()),
        ("I", "we")
    );
}

#[test]
fn the_example_packs_are_valid() {
    for path in pack_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/examples")) {
        if let Err(error) = content::load_file(&path) {
            panic!("{} should be valid:\n{error}", path.display());
        }
    }
}

fn pack_files(dir: PathBuf) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// Each file under tests/packs/invalid ends with `# expect: LINE:COLUMN: text` lines, one per
/// problem wheelbook must report, in order.
#[test]
fn malformed_packs_report_each_problem_at_its_place() {
    let files = pack_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/invalid"));
    assert!(files.len() >= 12, "only {} malformed packs", files.len());
    for path in files {
        let bytes = fs::read(&path).expect("fixture is readable");
        let expected: Vec<(usize, usize, String)> = String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|line| line.strip_prefix("# expect: "))
            .map(|expect| {
                let mut parts = expect.splitn(3, ':');
                let mut number = || {
                    parts
                        .next()
                        .and_then(|n| n.parse().ok())
                        .expect("LINE:COLUMN")
                };
                let (line, column) = (number(), number());
                (
                    line,
                    column,
                    parts.next().unwrap_or_default().trim().to_string(),
                )
            })
            .collect();
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` line",
            path.display()
        );

        let error = match content::load_file(&path) {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(error) => error,
        };
        let problems = error.problems();
        assert_eq!(
            problems.len(),
            expected.len(),
            "{}:\n{error}",
            path.display()
        );
        for (problem, (line, column, text)) in problems.iter().zip(&expected) {
            assert_eq!(
                (problem.line, problem.column),
                (*line, *column),
                "{}: {problem}",
                path.display()
            );
            assert!(
                problem.message.contains(text.as_str()),
                "{}: {problem}\nexpected: {text}",
                path.display()
            );
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.toml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    fs::write(
        &path,
        line.repeat((content::MAX_PACK_BYTES as usize / line.len()) + 1),
    )
    .expect("write");
    let error = content::load_file(&path).expect_err("too large");
    let problem = &error.problems()[0];
    assert_eq!((problem.line, problem.column), (1, 1));
    assert!(
        problem.message.contains("larger than 1024 KiB"),
        "{problem}"
    );
}

#[test]
fn a_missing_file_says_how_to_fall_back() {
    let error = content::load_file(Path::new("no/such/pack.toml")).expect_err("missing");
    let message = error.to_string();
    assert!(
        message.starts_with("no/such/pack.toml: cannot read the content pack"),
        "{message}"
    );
    assert!(
        message.contains("without a pack file, wheelbook uses the built-in Wheel"),
        "{message}"
    );
}
