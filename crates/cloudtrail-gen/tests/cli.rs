//! The `cloudtrail-gen` binary writes what the library writes.

use std::process::Command;

use cloudtrail_gen::{generate, Config, KeyFormat};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cloudtrail-gen"))
}

#[test]
fn binary_matches_the_library() {
    let dir = std::env::temp_dir().join(format!("cloudtrail-gen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("data.ndjson");
    let expect = dir.join("expected.json");
    let status = bin()
        .args([
            "--events",
            "2500",
            "--seed",
            "9",
            "--start",
            "2024-05-01T00:00:00Z",
            "--days",
            "10",
        ])
        .args([
            "--format",
            "dotted",
            "--now",
            "2024-05-11T00:00:00Z",
            "--quiet",
        ])
        .arg("--out")
        .arg(&out)
        .arg("--expect")
        .arg(&expect)
        .status()
        .unwrap();
    assert!(status.success());
    let cfg = Config {
        events: 2500,
        seed: 9,
        format: KeyFormat::Dotted,
        ..Config::default()
    };
    let mut bytes = Vec::new();
    let expected = generate(&cfg, &mut bytes).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    assert_eq!(
        std::fs::read_to_string(&expect).unwrap(),
        expected.to_json()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_options_are_usage_errors() {
    let o = bin().args(["--format", "yaml"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid value for --format: [yaml]"));
    let o = bin().args(["--bogus"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin()
        .args(["--events", "10", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("injected events"));
    let o = bin().arg("--help").output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("--expect FILE"));
}
