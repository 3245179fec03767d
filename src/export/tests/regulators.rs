use super::*;

fn regulators() -> Regulators {
    match built_in() {
        Ok(regulators) => regulators,
        Err(error) => panic!("the built-in regulators.toml is invalid:\n{error}"),
    }
}

#[test]
fn the_built_in_data_keeps_every_rule() {
    // The export reads it without checking it (`built_in`): this is where it is checked.
    match parse(BUILT_IN_NAME, BUILT_IN_TOML) {
        Ok(checked) => assert_eq!(checked, regulators()),
        Err(error) => panic!("the built-in regulators.toml breaks a rule:\n{error}"),
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|index| index + 1)
        .unwrap_or_else(|| panic!("`{needle}` is not in the text"))
}

fn problems(text: &str) -> Vec<Problem> {
    match parse("copy.toml", text) {
        Ok(_) => panic!("the malformed copy was accepted"),
        Err(error) => error.problems,
    }
}

fn replaced(from: &str, to: &str) -> String {
    assert!(BUILT_IN_TOML.contains(from), "`{from}` is not in the file");
    BUILT_IN_TOML.replacen(from, to, 1)
}

#[test]
fn the_embedded_file_loads() {
    let r = regulators();
    assert_eq!(r.schema_version, SCHEMA_VERSION);
    assert!(!r.version.is_empty());
    assert!(r.source("n2").is_some_and(|s| s.url.contains("nmc.org.uk")));
}

/// Copied from issue 6 ("the NMC's four prompts, word for word"), not from the data file.
#[test]
fn the_nmc_prompts_are_word_for_word_those_of_issue_6() {
    let issue_6 = [
        "What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?",
        "What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?",
        "How did you change or improve your practice as a result?",
        "How is this relevant to the Code?",
    ];
    let account = regulators().nmc.reflective_account;
    let prompts: Vec<&str> = account.prompts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(prompts, issue_6);
    let ids: Vec<&str> = account.prompts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["nature", "learning", "change", "relevance"]);
    assert_eq!(account.number_label, "Reflective account:");
    assert_eq!(account.themes_label, "Select one or more themes:");
    assert_eq!(account.numbers(), 1..=5);
    assert_eq!(account.min_themes, 1);
    assert_eq!(account.provenance.basis, Basis::Verbatim);
    assert_eq!(account.footer.provenance.basis, Basis::Wheelbook);
    assert!(account.footer.text.contains("NMC"));
}

#[test]
fn the_codes_four_themes_are_in_order() {
    let code = regulators().nmc.code;
    let themes: Vec<(&str, &str)> = code
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str()))
        .collect();
    assert_eq!(
        themes,
        [
            ("prioritise-people", "Prioritise people"),
            ("practise-effectively", "Practise effectively"),
            ("preserve-safety", "Preserve safety"),
            (
                "promote-professionalism-and-trust",
                "Promote professionalism and trust"
            ),
        ]
    );
    assert!(code.theme("preserve-safety").is_some());
    assert!(code.theme("safety").is_none());
}

#[test]
fn nmc_cpd_is_35_hours_20_participatory_over_3_years() {
    let nmc = regulators().nmc;
    assert_eq!(
        (
            nmc.cpd.hours,
            nmc.cpd.participatory_hours,
            nmc.cpd.cycle_years
        ),
        (35, 20, 3)
    );
    let columns: Vec<&str> = nmc.cpd_log.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        columns,
        [
            "method",
            "topic",
            "dates",
            "hours",
            "participatory-hours",
            "code",
            "evidence"
        ]
    );
    assert!(nmc.cpd_log.provenance.unverified.is_some());
}

#[test]
fn hcpc_profile_limits_types_and_gaps() {
    let hcpc = regulators().hcpc;
    let words = |id: &str| hcpc.profile.section(id).and_then(|s| s.max_words);
    assert_eq!(words("summary"), Some(500));
    assert_eq!(words("statement"), Some(1500));
    assert_eq!(words("activities"), None);
    assert_eq!(words("evidence"), None);
    let ids: Vec<&str> = hcpc
        .profile
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["summary", "activities", "statement", "evidence"]);
    assert_eq!(
        (
            hcpc.profile.statement_min_activities,
            hcpc.profile.statement_max_activities
        ),
        (4, 6)
    );
    assert_eq!((hcpc.cpd.min_activity_types, hcpc.cpd.gap_months), (2, 3));
    assert_eq!(hcpc.audit.sample_percent, 2.5);
    assert_eq!(
        (hcpc.audit.renewal_years, hcpc.audit.exempt_under_years),
        (2, 2)
    );
    let types: Vec<&str> = hcpc
        .activity_types
        .types
        .iter()
        .map(|t| t.label.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "Work-based learning",
            "Professional activity",
            "Formal or educational",
            "Self-directed",
            "Other"
        ]
    );
    let numbers: Vec<u32> = hcpc.standards.items.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
}

#[test]
fn supervision_and_reflection_choices() {
    let r = regulators();
    let header = &r.supervision_prep.header;
    assert!(header.contains("supervisee's own notes"), "{header}");
    assert!(header.contains("only by agreement"), "{header}");
    assert!(r.supervision_prep.section("questions").is_some());
    let planning: Vec<&str> = r
        .reflection_cpd
        .planning
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(planning, ["planned", "unplanned"]);
    assert_eq!(r.activity_types().len(), 5);
}

#[test]
fn an_unknown_key_is_rejected_where_it_is() {
    let text = replaced("min_themes = 1\n", "min_themes = 1\ncolour = \"red\"\n");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, line_of(&text, "colour = "));
    assert!(problems[0].message.contains("unknown field `colour`"));
}

#[test]
fn a_missing_theme_is_rejected_at_the_themes() {
    let last = "\n[[nmc.code.themes]]\nid = \"promote-professionalism-and-trust\"\nlabel = \"Promote professionalism and trust\"\n";
    let text = replaced(last, "");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, line_of(&text, "[[nmc.code.themes]]"));
    assert!(problems[0].message.contains("four themes, but 3"));
}

#[test]
fn a_duplicate_theme_id_is_rejected() {
    let text = replaced("id = \"preserve-safety\"", "id = \"practise-effectively\"");
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].line,
        line_of(&text, "label = \"Preserve safety\"") - 1
    );
    assert!(
        problems[0]
            .message
            .contains("duplicate id `practise-effectively`")
    );
}

#[test]
fn empty_text_bad_numbers_and_unknown_sources_are_each_located() {
    let text = replaced("label = \"Preserve safety\"", "label = \" \"")
        .replacen("participatory_hours = 20", "participatory_hours = 36", 1)
        .replacen("max_words = 500", "max_words = 0", 1)
        .replacen(
            "sources = [\"n16\", \"n7\"]",
            "sources = [\"n16\", \"n99\"]",
            1,
        );
    let found: Vec<(usize, bool)> = problems(&text)
        .iter()
        .map(|p| (p.line, p.message.is_empty()))
        .collect();
    let expected = [
        (line_of(&text, "\"n99\""), false),
        (line_of(&text, "label = \" \""), false),
        (line_of(&text, "participatory_hours = 36"), false),
        (line_of(&text, "max_words = 0"), false),
    ];
    assert_eq!(found, expected);
}

#[test]
fn an_uncited_source_or_a_verbatim_block_without_sources_is_rejected() {
    let text = replaced(
        "{ basis = \"verbatim\", sources = [\"n16\", \"n7\"] }",
        "{ basis = \"verbatim\" }",
    );
    let messages: Vec<String> = problems(&text).iter().map(|p| p.to_string()).collect();
    let n16 = line_of(&text, "id = \"n16\"");
    let code = line_of(&text, "{ basis = \"verbatim\" }");
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with(&format!("{n16}:6: source `n16` is never cited")));
    assert!(messages[1].starts_with(&format!("{code}:")));
    assert!(messages[1].contains("must cite where it comes from"));
}

#[test]
fn the_error_names_the_file_line_and_column() {
    let text = replaced("schema_version = 1", "schema_version = 2");
    let message = match parse("regulators.toml", &text) {
        Ok(_) => panic!("accepted"),
        Err(error) => error.to_string(),
    };
    let line = line_of(&text, "schema_version = 2");
    assert!(
        message.starts_with(&format!("regulators.toml:{line}:18: unknown format 2")),
        "{message}"
    );
}

#[test]
fn a_checked_date_that_is_not_yyyy_mm_dd_is_rejected() {
    let text: String = BUILT_IN_TOML
        .lines()
        .map(|line| match line.starts_with("checked = ") {
            true => "checked = \"23/11/2026\"\n".to_string(),
            false => format!("{line}\n"),
        })
        .collect();
    let problems = problems(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].line, problems[0].column),
        (line_of(&text, "checked = "), 11)
    );
    assert!(problems[0].message.contains("write it as \"YYYY-MM-DD\""));
}

#[test]
fn the_shared_built_in_data_is_read_once_and_is_the_same_data() {
    let first = built_in_shared().expect("valid built-in data");
    let again = built_in_shared().expect("valid built-in data");
    assert!(std::ptr::eq(first, again), "read once and kept");
    assert_eq!(*first, regulators());
}
