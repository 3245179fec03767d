//! A read-only and a full disk, for real: each case runs the binary inside a private mount
//! namespace (`unshare`), on a small tmpfs that the test mounts read-only or fills up.
//! Linux only; needs `unshare` and either root or unprivileged user namespaces.
#![cfg(target_os = "linux")]

mod common;

use std::fs;
use std::process::Command;

use common::{DataDir, generated, write_json};

/// Runs `script` as root of a new user and mount namespace, with `$WB` the wheelbook binary.
/// Returns (exit status of the script, its standard output and error).
fn in_mount_namespace(data: &DataDir, script: &str) -> (i32, String) {
    let binary = assert_cmd::cargo::cargo_bin("wheelbook");
    let output = Command::new("unshare")
        .args(["--map-root-user", "--mount", "sh", "-c"])
        .arg(format!("set -u\n{script}"))
        .env("WB", binary)
        .env("T", data.temp.path())
        .env("TZ", "UTC")
        .output()
        .expect("unshare runs; install util-linux and allow user namespaces");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// The workbook and an import file are prepared outside; the script mounts a tmpfs at
/// `$T/mnt`, copies the workbook into it, breaks the disk with `$BREAK`, runs an import, and
/// checks that the workbook on the broken disk is unchanged.
fn import_on_a_broken_disk(size: &str, break_disk: &str) -> (i32, String) {
    let data = DataDir::new();
    data.import_generated(40, 81);
    write_json(&data.outside("more.json"), &generated(200, 82));
    fs::create_dir(data.outside("mnt")).expect("mount point");
    let script = format!(
        r#"
mount -t tmpfs -o size={size},mode=0700 tmpfs "$T/mnt" || exit 90
cp -p "$T/data/workbook.json" "$T/mnt/workbook.json" || exit 91
{break_disk}
WHEELBOOK_DATA_DIR="$T/mnt" "$WB" import "$T/more.json"
echo "import exit $?"
cmp "$T/data/workbook.json" "$T/mnt/workbook.json" && echo "workbook unchanged"
ls -a "$T/mnt" | grep -c '\.tmp$' | sed 's/^/temp files left: /'
"#
    );
    in_mount_namespace(&data, &script)
}

#[test]
fn a_full_disk_leaves_the_previous_workbook_intact_and_says_so() {
    // Room for the workbook, its lock and backup link, but not the 240-reflection version.
    let size = {
        let data = DataDir::new();
        data.import_generated(40, 81);
        fs::metadata(data.workbook_path()).expect("saved").len() * 2
    };
    let (code, text) = import_on_a_broken_disk(&size.to_string(), "");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("could not save"), "{text}");
    assert!(
        text.contains("The disk is full: free some space, then try again"),
        "{text}"
    );
    assert!(
        text.contains("The previous version of the workbook is unchanged"),
        "{text}"
    );
    assert!(text.contains("import exit 1"), "{text}");
    assert!(text.contains("workbook unchanged"), "{text}");
    assert!(text.contains("temp files left: 0"), "{text}");
}

#[test]
fn a_read_only_disk_leaves_the_workbook_intact_and_says_so() {
    let (code, text) = import_on_a_broken_disk("4m", r#"mount -o remount,ro "$T/mnt" || exit 92"#);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("read-only"), "{text}");
    assert!(text.contains("import exit 1"), "{text}");
    assert!(text.contains("workbook unchanged"), "{text}");
    // Reading still works on a read-only disk.
    let data = DataDir::new();
    data.import_generated(2, 83);
    fs::create_dir(data.outside("mnt")).expect("mount point");
    let (code, text) = in_mount_namespace(
        &data,
        r#"mount -t tmpfs -o mode=0700 tmpfs "$T/mnt" && cp "$T/data/workbook.json" "$T/mnt/" && mount -o remount,ro "$T/mnt" || exit 90
WHEELBOOK_DATA_DIR="$T/mnt" "$WB" list"#,
    );
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.lines().count(), 3, "{text}");
}
