//! Runs of the built `esql` binary over folders of hunts: `esql run DIR`,
//! `esql test` (pass, diff, bless, missing snapshot, directives, exit
//! codes), completions, the manual page, help and colour rules, and the
//! README examples whose output must match what the binary prints.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `esql` in `dir` with `args` and extra environment `env`; the colour
/// variables of the caller's environment are removed first.
fn esql_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_esql"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the esql binary starts");
    Run {
        code: out.status.code().expect("esql exits normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn esql(dir: &Path, args: &[&str]) -> Run {
    esql_env(dir, args, &[])
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hunts-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Index `x`: three users' byte counts.
const DATA: &str = "{\"user\":\"ann\",\"bytes\":10}\n{\"user\":\"bob\",\"bytes\":20}\n{\"user\":\"ann\",\"bytes\":30}\n";

/// A folder of hunts over `data/x.ndjson`.
fn hunt_folder(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    write(&dir, "data/x.ndjson", DATA);
    write(
        &dir,
        "a_total.esql",
        "// esql-test: data-dir=data\nfrom x | stats total = sum(bytes) | limit 1\n",
    );
    write(
        &dir,
        "b_rules.toml",
        "# esql-test: data-dir=data\n[hunt]\nname = \"Per user\"\nlanguage = [\"ES|QL\"]\nquery = [\n'''\nfrom x | stats n = count(*) by user | sort user | limit 5\n''',\n'''\nfrom x | where bytes > 15 | keep user, bytes | sort bytes | limit 5\n'''\n]\n",
    );
    write(
        &dir,
        "sub/c_notes.md",
        "<!-- esql-test: data-dir=../data -->\n# Notes\n\n```sql\nfrom x | keep bytes | sort bytes desc | limit 1\n```\n",
    );
    write(&dir, "README.md", "# Hunts\n\nNo queries here.\n");
    write(&dir, "data/notes.txt", "not a hunt");
    dir
}

#[test]
fn folder_run_heads_each_query_in_path_order() {
    let dir = hunt_folder("run");
    let run = esql(&dir, &[".", "-d", "data", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "-- ./a_total.esql\ntotal\r\n60\r\n\
         -- ./b_rules.toml: query 1 (Per user)\nn,user\r\n2,ann\r\n1,bob\r\n\
         -- ./b_rules.toml: query 2 (Per user)\nuser,bytes\r\nbob,20\r\nann,30\r\n\
         -- ./sub/c_notes.md: block 1 (line 5)\nbytes\r\n30\r\n"
    );
}

#[test]
fn folder_run_reports_failures_and_goes_on_with_the_worst_code() {
    let dir = hunt_folder("run-fail");
    write(&dir, "a_bad.esql", "from x | keep nope\n");
    let run = esql(&dir, &[".", "-d", "data", "--format", "csv"]);
    assert_eq!(run.code, 1);
    // stderr names the hunt too: the result is on another stream.
    assert!(
        run.stderr.starts_with(
            "-- ./a_bad.esql\nverification_exception: Found 1 problem\nline 1:15: Unknown column [nope]"
        ),
        "{}",
        run.stderr
    );
    assert!(run
        .stdout
        .starts_with("-- ./a_bad.esql\n-- ./a_total.esql\ntotal\r\n60\r\n"));
    assert!(run
        .stdout
        .ends_with("-- ./sub/c_notes.md: block 1 (line 5)\nbytes\r\n30\r\n"));
    // A file that cannot be read as a hunt is an I/O-class error (2).
    write(&dir, "z_broken.toml", "[hunt\n");
    let run = esql(&dir, &[".", "-d", "data", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("esql: invalid TOML in ./z_broken.toml"));
    assert!(run.stdout.contains("-- ./sub/c_notes.md"));
}

#[test]
fn folder_without_hunts_exits_2() {
    let dir = temp_dir("empty");
    write(&dir, "README.md", "# nothing\n");
    let run = esql(&dir, &[".", "-q", "row a = 1"]);
    assert_eq!(run.code, 2);
    let run = esql(&dir, &["."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("esql: no hunt"), "{}", run.stderr);
    let run = esql(&dir, &["test", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("esql test: no hunt"),
        "{}",
        run.stderr
    );
}

#[test]
fn test_missing_snapshots_fail_then_bless_then_pass() {
    let dir = hunt_folder("bless");
    let run = esql(&dir, &["test"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(
        "FAILED  ./a_total.esql\n    no snapshot ./a_total.esql.snap: run `esql test --bless` to write it\n"
    ), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("\n0 passed, 3 failed\n"),
        "{}",
        run.stdout
    );

    let run = esql(&dir, &["test", "--bless"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "blessed ./a_total.esql\nblessed ./b_rules.toml\nblessed ./sub/c_notes.md\n3 passed, 0 failed\n"
    );
    let snap = std::fs::read_to_string(dir.join("b_rules.toml.snap")).unwrap();
    assert_eq!(
        snap,
        "-- b_rules.toml: query 1 (Per user)\n       n       |     user      \n---------------+---------------\n2              |ann            \n1              |bob            \n\n-- b_rules.toml: query 2 (Per user)\n     user      |     bytes     \n---------------+---------------\nbob            |20             \nann            |30             \n"
    );

    let run = esql(&dir, &["test", "."]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "ok      ./a_total.esql\nok      ./b_rules.toml\nok      ./sub/c_notes.md\n3 passed, 0 failed\n"
    );
    // One file can be tested alone.
    let run = esql(&dir, &["test", "sub/c_notes.md"]);
    assert_eq!(run.stdout, "ok      sub/c_notes.md\n1 passed, 0 failed\n");
}

#[test]
fn test_mismatch_prints_a_line_diff_and_exits_1() {
    let dir = hunt_folder("diff");
    assert_eq!(esql(&dir, &["test", "--bless"]).code, 0);
    // The data changes: ann's second document now has 40 bytes.
    write(
        &dir,
        "data/x.ndjson",
        &DATA.replace("\"bytes\":30", "\"bytes\":40"),
    );
    let run = esql(&dir, &["test"]);
    assert_eq!(run.code, 1);
    let expected_diff = "\
FAILED  ./a_total.esql
    the result differs from ./a_total.esql.snap (run `esql test --bless` to accept it):
    --- ./a_total.esql.snap
    +++ actual
    @@ -1,4 +1,4 @@
     -- a_total.esql
          total     
     ---------------
    -60             
    +70             
";
    assert!(run.stdout.starts_with(expected_diff), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("    -ann            |30             \n"));
    assert!(run
        .stdout
        .contains("    +ann            |40             \n"));
    assert!(
        run.stdout.ends_with("\n0 passed, 3 failed\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn test_directives_override_the_command_line() {
    let dir = temp_dir("directives");
    write(&dir, "cli/x.ndjson", "{\"v\":1}\n");
    write(&dir, "hunts/own/x.ndjson", "{\"v\":2}\n");
    write(
        &dir,
        "hunts/own.esql",
        "// Uses its own data and clock.\n// esql-test: data-dir=own\n//esql-test: now=2024-05-11T12:00:00Z\nfrom x | eval t = now() | keep v, t | limit 1\n",
    );
    write(
        &dir,
        "hunts/default.esql",
        "from x | eval t = now() | keep v, t | limit 1\n",
    );
    let args = [
        "test",
        "hunts",
        "-d",
        "cli",
        "--now",
        "2020-01-01T00:00:00Z",
        "--bless",
    ];
    let run = esql(&dir, &args);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let own = std::fs::read_to_string(dir.join("hunts/own.esql.snap")).unwrap();
    assert!(
        own.contains("\n2              |2024-05-11T12:00:00.000Z\n"),
        "{own}"
    );
    let default = std::fs::read_to_string(dir.join("hunts/default.esql.snap")).unwrap();
    assert!(
        default.contains("\n1              |2020-01-01T00:00:00.000Z\n"),
        "{default}"
    );

    write(
        &dir,
        "hunts/typo.esql",
        "// esql-test: datadir=own\nrow a = 1\n",
    );
    let run = esql(&dir, &args);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(
        "FAILED  hunts/typo.esql\n    esql-test: unknown key [datadir] (known: data-dir, index, mapping, field-types, enrich-policy, input-format, cloudtrail-pipeline, preserve-original-event, actor-target-mapping, now, param, param-identifier, param-pattern, from, to)\n"
    ), "{}", run.stdout);
    assert!(run.stdout.ends_with("\n2 passed, 1 failed\n"));
}

#[test]
fn test_errors_fail_and_record_warnings() {
    let dir = temp_dir("errors");
    write(&dir, "x.ndjson", DATA);
    write(&dir, "bad.esql", "from x | keep nope\n");
    write(
        &dir,
        "warn.esql",
        "from x | where user = \"bob\" | keep bytes\n",
    );
    let run = esql(&dir, &["test", "-d", ".", "--bless"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with(
        "FAILED  ./bad.esql\n    bad.esql:\n    verification_exception: Found 1 problem\n    line 1:15: Unknown column [nope]\n"
    ), "{}", run.stdout);
    assert!(!dir.join("bad.esql.snap").exists());
    let snap = std::fs::read_to_string(dir.join("warn.esql.snap")).unwrap();
    assert!(
        snap.starts_with("-- warn.esql\n     bytes     \n"),
        "{snap}"
    );
    assert!(snap.contains("Warning: Line 1:21: [=] is not an ES|QL comparison operator"));
    assert!(snap.ends_with("Warning: No limit defined, adding default limit of [1000]\n"));
    assert!(run.stdout.ends_with("\n1 passed, 1 failed\n"));
}

#[test]
fn test_usage_errors_exit_2() {
    let dir = temp_dir("usage");
    let run = esql(&dir, &["test", "no-such-folder"]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("no such folder or file: no-such-folder"));
    let run = esql(&dir, &["test", ".", "--now", "soon"]);
    assert_eq!(run.code, 2);
}

#[test]
fn completions_name_the_subcommands() {
    let root = workspace_root();
    for shell in ["bash", "zsh", "fish"] {
        let run = esql(&root, &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["esql", "parse", "test", "completions", "data-dir"] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    assert_eq!(esql(&root, &["completions", "tcsh"]).code, 2);
}

#[test]
fn man_page_is_roff() {
    let run = esql(&workspace_root(), &["man"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(".TH esql 1"), "{}", run.stdout);
    assert!(run.stdout.contains(".SH COMMANDS"), "{}", run.stdout);
    assert!(run.stdout.contains("\\fBesql test\\fR"), "{}", run.stdout);
    // No references to esql-SUBCOMMAND(1) pages, which do not exist.
    assert!(!run.stdout.contains("(1)\n"), "{}", run.stdout);
}

#[test]
fn version_and_help_with_examples() {
    let root = workspace_root();
    let run = esql(&root, &["--version"]);
    assert_eq!(run.stdout, format!("esql {}\n", env!("CARGO_PKG_VERSION")));
    for sub in [
        "run",
        "parse",
        "shell",
        "convert",
        "test",
        "completions",
        "man",
    ] {
        let run = esql(&root, &[sub, "--help"]);
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("Examples:\n  esql "),
            "{sub}: {}",
            run.stdout
        );
    }
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let dir = hunt_folder("colour");
    let args = [
        "-d",
        "data",
        "-q",
        "from x | keep nope",
        "--format",
        "table",
    ];
    let plain = esql(&dir, &args);
    assert_eq!(plain.code, 1);
    assert!(!plain.stderr.contains('\u{1b}'));
    let forced = esql_env(&dir, &args, &[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced
            .stderr
            .starts_with("\u{1b}[1;31mverification_exception\u{1b}[0m: Found 1 problem"),
        "{}",
        forced.stderr
    );
    let none = esql_env(&dir, &args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(none.stderr, plain.stderr);

    let table = ["-d", "data", "-q", "from x | limit 1", "--format", "table"];
    assert!(!esql(&dir, &table).stdout.contains('\u{1b}'));
    assert!(esql_env(&dir, &table, &[("CLICOLOR_FORCE", "1")])
        .stdout
        .contains('\u{1b}'));
    let none = esql_env(&dir, &table, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!none.stdout.contains('\u{1b}') && !none.stderr.contains('\u{1b}'));

    assert_eq!(esql(&dir, &["test", "--bless"]).code, 0);
    write(&dir, "data/x.ndjson", "{\"user\":\"cy\",\"bytes\":1}\n");
    let diff = esql_env(&dir, &["test"], &[("CLICOLOR_FORCE", "1")]);
    assert!(diff.stdout.contains("\u{1b}[32m+"), "{}", diff.stdout);
    let diff = esql_env(
        &dir,
        &["test"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!diff.stdout.contains('\u{1b}'));
}

/// The README shows these commands with their output: the output must be
/// what the binary prints.
#[test]
fn readme_examples_are_real() {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let run = esql(&root, &["test", "examples/hunts"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.ends_with("3 passed, 0 failed\n"));
    let shown = format!("$ esql test examples/hunts\n{}```", run.stdout);
    assert!(readme.contains(&shown), "README lacks:\n{shown}");

    let args = [
        "examples/hunts",
        "-d",
        "examples/hunts/fixtures",
        "--now",
        "2024-05-11T00:00:00Z",
    ];
    let run = esql(&root, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = format!("$ esql {}\n{}```", args.join(" "), run.stdout);
    assert!(readme.contains(&shown), "README lacks:\n{shown}");
}
