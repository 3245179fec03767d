//! Workbooks written in an older format are read, migrated, and their original kept.

mod common;

use std::fs;

use common::{DataDir, generated};
use predicates::prelude::*;
use wheelbook::workbook::SCHEMA_VERSION;

/// A workbook as version 1 wrote it: no Code themes, evidence, activity type or planned.
fn version_1_bytes(reflections: usize, seed: u64) -> Vec<u8> {
    let mut workbook = generated(reflections, seed);
    for reflection in workbook.reflections_mut() {
        let cpd = &mut reflection.cpd;
        cpd.code_themes.clear();
        (cpd.evidence, cpd.activity_type, cpd.planned) = (None, None, None);
    }
    let text = serde_json::to_string_pretty(&workbook).expect("JSON");
    let text = text.replacen(
        &format!("\"schema_version\": {SCHEMA_VERSION}"),
        "\"schema_version\": 1",
        1,
    );
    assert!(text.contains("\"schema_version\": 1"));
    text.into_bytes()
}

fn originals(data: &DataDir) -> Vec<std::path::PathBuf> {
    fs::read_dir(data.dir())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("workbook.v1-original-"))
        .collect()
}

#[test]
fn a_version_1_workbook_is_migrated_and_its_original_kept() {
    let data = DataDir::new();
    fs::create_dir_all(data.dir()).expect("dir");
    let original = version_1_bytes(3, 401);
    fs::write(data.workbook_path(), &original).expect("write");

    // Reading changes nothing on disk.
    data.wheelbook()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| {
            serde_json::from_str::<Vec<serde_json::Value>>(out).is_ok_and(|rows| rows.len() == 3)
        }));
    assert!(originals(&data).is_empty());
    assert_eq!(fs::read(data.workbook_path()).expect("read"), original);

    // The first write keeps the original, byte for byte, and says where.
    let import = data.outside("more.json");
    common::write_json(&import, &generated(2, 402));
    data.wheelbook()
        .arg("import")
        .arg(&import)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "written in an older format (1) and will be saved in format",
        ))
        .stderr(predicate::str::contains(
            "the original is kept, unchanged, at",
        ));
    let kept = originals(&data);
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).expect("read"), original);
    let saved = data.saved();
    assert_eq!(saved.schema_version, SCHEMA_VERSION);
    assert_eq!(saved.reflections.len(), 5);

    // Later writes need no second copy.
    common::write_json(&import, &generated(1, 403));
    data.wheelbook()
        .arg("import")
        .arg(&import)
        .assert()
        .success();
    assert_eq!(originals(&data).len(), 1);
}
