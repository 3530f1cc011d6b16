//! Catalog tests over real folders made under the system temp directory.

use super::*;
use crate::types::DataType;
use declared::DeclSource;
use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh folder under the temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("esql-catalog-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    fn mkdir(&self, rel: &str) -> PathBuf {
        let p = self.0.join(rel);
        fs::create_dir_all(&p).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn cfg(dirs: &[&Path]) -> CatalogConfig {
    CatalogConfig {
        data_dirs: dirs.iter().map(|d| d.to_path_buf()).collect(),
        ..CatalogConfig::default()
    }
}

fn local<'a>(list: &[&'a str]) -> Vec<PatternRef<'a>> {
    list.iter().map(|p| PatternRef::local(p)).collect()
}

fn names(r: &Resolution) -> Vec<&str> {
    r.indices.iter().map(|i| i.name.as_str()).collect()
}

fn file_names(info: &IndexInfo) -> Vec<String> {
    info.files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

const DOC: &str = "{\"a\":1}\n";

fn sample() -> TempDir {
    let d = TempDir::new("sample");
    d.write("employees.ndjson", DOC);
    d.write(
        "employees.mapping.json",
        r#"{"properties":{"emp_no":{"type":"integer"},"name":{"type":"keyword"}}}"#,
    );
    d.write("logs-debug.jsonl.gz", "");
    d.write("logs-web.json", DOC);
    d.write("logs-aws.cloudtrail-default/b.ndjson.gz", "");
    d.write("logs-aws.cloudtrail-default/a.ndjson", DOC);
    d.write("logs-aws.cloudtrail-default/sub/deeper/c.jsonl", DOC);
    d.write("logs-aws.cloudtrail-default/sub/notes.txt", "x");
    d.write("logs-aws.cloudtrail-default/sub/x.mapping.json", "{}");
    d.write(".alerts-security.alerts-default.ndjson", DOC);
    d.write("orphan.mapping.json", r#"{"properties":{}}"#);
    d.write("bad name.ndjson", DOC);
    d.write("readme.md", "x");
    d.mkdir("empty/inner");
    d
}

#[test]
fn discovers_files_folders_and_hidden_names() {
    let d = sample();
    let cat = Catalog::open(&cfg(&[d.path()])).unwrap();
    assert_eq!(
        cat.index_names(),
        vec![
            ".alerts-security.alerts-default",
            "employees",
            "logs-aws.cloudtrail-default",
            "logs-debug",
            "logs-web"
        ]
    );
    let ct = cat.index("logs-aws.cloudtrail-default").unwrap();
    assert_eq!(file_names(&ct), vec!["a.ndjson", "b.ndjson.gz", "c.jsonl"]);
    assert!(!ct.declared.mapping_only());
    let emp = cat.index("employees").unwrap();
    assert_eq!(file_names(&emp), vec!["employees.ndjson"]);
    assert!(emp.declared.mapping_only());
    assert_eq!(cat.warnings().len(), 1, "{:?}", cat.warnings());
    assert!(cat.warnings()[0].contains("invalid index name [bad name]"));
}

#[test]
fn resolves_patterns_over_discovered_names() {
    let d = sample();
    let cat = Catalog::open(&cfg(&[d.path()])).unwrap();
    let r = cat.resolve(&local(&["logs-*", "-logs-debug"])).unwrap();
    assert_eq!(names(&r), vec!["logs-aws.cloudtrail-default", "logs-web"]);
    assert!(r.warnings.is_empty());
    let r = cat.resolve(&local(&["*"])).unwrap();
    assert_eq!(r.indices.len(), 4);
    let r = cat.resolve(&local(&[".alerts-*"])).unwrap();
    assert_eq!(names(&r), vec![".alerts-security.alerts-default"]);
    let err = cat
        .resolve(&local(&["logs-aws.cloudtrail-*x"]))
        .unwrap_err();
    assert_eq!(err.to_string(), "Unknown index [logs-aws.cloudtrail-*x]");
    let err = cat.resolve(&local(&["orphan"])).unwrap_err();
    assert_eq!(
        err,
        CatalogError::UnknownIndex {
            pattern: "orphan".into()
        }
    );
    assert_eq!(
        err.unknown_index_problem().as_deref(),
        Some("Unknown index [orphan]")
    );
    let err = cat.resolve(&local(&["employees", "empty"])).unwrap_err();
    assert_eq!(err.to_string(), "no such index [empty]");
    assert_eq!(err.unknown_index_problem(), None);
    assert_eq!(err.es_exception_type(), Some("index_not_found_exception"));
    // A name is never a path.
    let err = cat
        .resolve(&local(&["logs-aws.cloudtrail-default/sub"]))
        .unwrap_err();
    assert_eq!(err.es_exception_type(), Some("verification_exception"));

    let remote = [PatternRef {
        cluster: Some("prod"),
        pattern: "employees",
        selector: Some("failures"),
    }];
    let r = cat.resolve(&remote).unwrap();
    assert_eq!(names(&r), vec!["employees"]);
    assert!(r.indices[0].failure_store);
    assert!(r.indices[0].files.is_empty());
    assert_eq!(r.warnings.len(), 1);
    assert!(r.warnings[0].starts_with("Remote cluster [prod]"));
}

#[test]
fn several_data_dirs_gather_files() {
    let a = TempDir::new("multi-a");
    let b = TempDir::new("multi-b");
    a.write("web.ndjson", DOC);
    b.write("web/part-1.ndjson", DOC);
    b.write("other.ndjson", DOC);
    let cat = Catalog::open(&cfg(&[a.path(), b.path()])).unwrap();
    assert_eq!(cat.index_names(), vec!["other", "web"]);
    assert_eq!(cat.index("web").unwrap().files.len(), 2);
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = TempDir::new("outside");
    let secret = outside.write("secret.ndjson", DOC);
    let d = TempDir::new("links");
    d.write("real.ndjson", DOC);
    // A link that stays inside the data directory is fine.
    symlink(d.path().join("real.ndjson"), d.path().join("alias.ndjson")).unwrap();
    let cat = Catalog::open(&cfg(&[d.path()])).unwrap();
    assert_eq!(cat.index_names(), vec!["alias", "real"]);

    symlink(&secret, d.path().join("leak.ndjson")).unwrap();
    let err = Catalog::open(&cfg(&[d.path()])).unwrap_err();
    assert!(matches!(err, CatalogError::OutsideDataDir { .. }), "{err}");
    assert!(err.to_string().contains("leak.ndjson"), "{err}");
    fs::remove_file(d.path().join("leak.ndjson")).unwrap();

    // The same through a link inside a folder index.
    d.write("folder/ok.ndjson", DOC);
    symlink(outside.path(), d.path().join("folder/up")).unwrap();
    let err = Catalog::open(&cfg(&[d.path()])).unwrap_err();
    assert!(matches!(err, CatalogError::OutsideDataDir { .. }), "{err}");
    fs::remove_file(d.path().join("folder/up")).unwrap();

    // A loop back to the data directory does not recurse forever.
    symlink(d.path(), d.path().join("folder/loop")).unwrap();
    let cat = Catalog::open(&cfg(&[d.path()])).unwrap();
    let folder = cat.index("folder").unwrap();
    assert!(file_names(&folder).contains(&"ok.ndjson".to_string()));
}

#[test]
fn explicit_indices_replace_discovered_ones() {
    let d = sample();
    let other = TempDir::new("explicit");
    let data = other.write("dump.log", DOC);
    other.write("web.ndjson", DOC);
    other.write(
        "web.mapping.json",
        r#"{"mappings":{"properties":{"url":{"type":"keyword"}}}}"#,
    );
    other.write("folder/x.ndjson", DOC);
    let mut c = cfg(&[d.path()]);
    c.explicit = vec![
        ("employees".into(), data.clone()),
        ("web".into(), other.path().join("web.ndjson")),
        ("bulk".into(), other.path().join("folder")),
    ];
    let cat = Catalog::open(&c).unwrap();
    let emp = cat.index("employees").unwrap();
    assert_eq!(file_names(&emp), vec!["dump.log"]);
    assert!(!emp.declared.mapping_only());
    let web = cat.index("web").unwrap();
    assert_eq!(web.declared.declared_type("url"), Some(DataType::Keyword));
    assert_eq!(file_names(&cat.index("bulk").unwrap()), vec!["x.ndjson"]);

    c.explicit = vec![("../up".into(), data)];
    let err = Catalog::open(&c).unwrap_err();
    assert!(matches!(err, CatalogError::BadIndexName { .. }), "{err}");
}

#[test]
fn mapping_shapes_and_precedence() {
    let d = TempDir::new("mappings");
    d.write("events_ip.ndjson", DOC);
    d.write("events_keyword.ndjson", DOC);
    d.write("plain.ndjson", DOC);
    // Beside the data, in the per-index shape under another key.
    d.write(
        "plain.mapping.json",
        r#"{".ds-plain-000001":{"mappings":{"properties":{"x":{"type":"long"}}}}}"#,
    );
    let cat = Catalog::open(&cfg(&[d.path()])).unwrap();
    let plain = cat.index("plain").unwrap();
    assert_eq!(plain.declared.declared_type("x"), Some(DataType::Long));
    // With a mapping, only mapped fields exist: no ECS fallback.
    assert_eq!(plain.declared.declared_type("@timestamp"), None);
    assert_eq!(
        plain
            .declared
            .mapped_fields()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        vec!["x"]
    );

    let per_index = d.write(
        "m/per-index.json",
        r#"{"events_ip":{"mappings":{"properties":{"client_ip":{"type":"ip"}}}},
            "events_keyword":{"mappings":{"properties":{"client_ip":{"type":"keyword"}}}},
            "gone":{"mappings":{}}}"#,
    );
    let for_all = d.write(
        "m/all.json",
        r#"{"mappings":{"properties":{"client_ip":{"type":"text"},"y":{"type":"date"}}}}"#,
    );
    let mut c = cfg(&[d.path()]);
    c.mappings = vec![per_index, for_all];
    let cat = Catalog::open(&c).unwrap();
    assert_eq!(
        cat.warnings(),
        &[format!(
            "mapping for index [gone] in [{}] matches no index",
            d.path().join("m/per-index.json").display()
        )]
    );
    let r = cat.resolve(&local(&["events_*", "plain"])).unwrap();
    let ty = |i: usize, f: &str| r.indices[i].declared.declared_type(f);
    assert_eq!(ty(0, "client_ip"), Some(DataType::Ip));
    assert_eq!(ty(1, "client_ip"), Some(DataType::Keyword));
    // The for-all mapping beats the one beside `plain`.
    assert_eq!(ty(2, "client_ip"), Some(DataType::Text));
    assert_eq!(ty(2, "x"), None);

    let per_index: Vec<IndexFieldType<'_>> = r.indices[..2]
        .iter()
        .map(|i| IndexFieldType {
            index: &i.name,
            ty: i.declared.declared_type("client_ip").unwrap(),
            es_type: None,
        })
        .collect();
    assert_eq!(
        unify_field_types("client_ip", &per_index).problem.unwrap(),
        "Cannot use field [client_ip] due to ambiguities being mapped as [2] incompatible \
         types: [ip] in [events_ip], [keyword] in [events_keyword]"
    );
}

#[test]
fn bad_mapping_and_field_type_files_are_reported() {
    let d = TempDir::new("bad");
    d.write("a.ndjson", DOC);
    d.write("a.mapping.json", "{\"properties\":");
    let err = Catalog::open(&cfg(&[d.path()])).unwrap_err();
    assert!(matches!(err, CatalogError::BadMapping { .. }), "{err}");
    assert!(
        err.to_string().starts_with("invalid mapping file ["),
        "{err}"
    );
    fs::remove_file(d.path().join("a.mapping.json")).unwrap();

    let table = d.write("types.tsv", "field\ttype\nok\tlong\nbroken\n");
    let mut c = cfg(&[d.path()]);
    c.field_types = vec![table];
    let err = Catalog::open(&c).unwrap_err();
    assert!(
        matches!(err, CatalogError::BadFieldTypes { line: 3, .. }),
        "{err}"
    );
    c.field_types = vec![d.path().join("missing.tsv")];
    assert!(matches!(
        Catalog::open(&c).unwrap_err(),
        CatalogError::Io { .. }
    ));
}

#[test]
fn field_types_tables_then_ecs() {
    let d = TempDir::new("types");
    d.write("logs-aws.cloudtrail-default.ndjson", DOC);
    d.write("logs-okta.system-default.ndjson", DOC);
    d.write("mapped.ndjson", DOC);
    d.write(
        "mapped.mapping.json",
        r#"{"properties":{"source.ip":{"type":"keyword"}}}"#,
    );
    let first = d.write(
        "t/first.tsv",
        "field\ttype\tindex_pattern\tsource\n\
         aws.cloudtrail.flow\tboolean\tlogs-aws.cloudtrail-*\tx\n\
         source.ip\tkeyword\t\tx\n\
         okta.debug.*\tflattened\tlogs-okta*\tx\n",
    );
    let second = d.write("t/second.tsv", "source.ip\tversion\n");
    let mut c = cfg(&[d.path()]);
    c.field_types = vec![first, second];
    let cat = Catalog::open(&c).unwrap();

    let ct = cat.index("logs-aws.cloudtrail-default").unwrap().declared;
    assert_eq!(
        ct.declared_type("aws.cloudtrail.flow"),
        Some(DataType::Boolean)
    );
    // The later table wins; tables beat ECS (which says `ip`).
    assert_eq!(
        ct.lookup("source.ip").map(|(f, s)| (f.ty, s)),
        Some((DataType::Version, DeclSource::FieldTypes))
    );
    assert_eq!(
        ct.lookup("@timestamp").map(|(f, s)| (f.ty, s)),
        Some((DataType::Date, DeclSource::Ecs))
    );
    assert_eq!(ct.declared_type("cloud.region"), Some(DataType::Keyword));
    assert_eq!(ct.declared_type("okta.debug.x"), None);
    assert_eq!(ct.declared_type("unknown.field"), None);
    // The tables' exact rows exist, and so do the CloudTrail template's.
    let explicit = ct.explicit_fields();
    for expected in [
        ("aws.cloudtrail.flow", DataType::Boolean),
        ("source.ip", DataType::Version),
        ("aws.cloudtrail.error_code", DataType::Keyword),
    ] {
        assert!(
            explicit.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?}"
        );
    }
    let okta_names = ["okta.debug.x", "okta.actor.id"];
    assert!(explicit
        .iter()
        .all(|(n, _)| !okta_names.contains(&n.as_str())));

    let okta = cat.index("logs-okta.system-default").unwrap().declared;
    assert_eq!(okta.declared_type("aws.cloudtrail.flow"), None);
    assert_eq!(
        okta.declared_type("okta.debug.x"),
        Some(DataType::Unsupported)
    );

    let mapped = cat.index("mapped").unwrap().declared;
    assert_eq!(
        mapped.lookup("source.ip").map(|(f, s)| (f.ty, s)),
        Some((DataType::Keyword, DeclSource::Mapping))
    );
    assert_eq!(mapped.declared_type("@timestamp"), None);
    assert!(mapped.table_fields().is_empty());

    let cat = Catalog::open_with_ecs(&c, false).unwrap();
    let ct = cat.index("logs-aws.cloudtrail-default").unwrap().declared;
    assert_eq!(ct.declared_type("@timestamp"), None);
    assert_eq!(ct.declared_type("source.ip"), Some(DataType::Version));
    // Without the built-in tables, no template either.
    assert_eq!(ct.declared_type("aws.cloudtrail.error_code"), None);
    assert_eq!(
        ct.explicit_fields(),
        vec![
            ("aws.cloudtrail.flow".to_string(), DataType::Boolean),
            ("source.ip".to_string(), DataType::Version)
        ]
    );
}

#[test]
fn shared_conformance_data_when_present() {
    let dir = Path::new("/work/shared/conformance/data");
    if !dir.is_dir() {
        return;
    }
    let cat = Catalog::open(&cfg(&[dir])).unwrap();
    let r = cat.resolve(&local(&["employees"])).unwrap();
    let declared = &r.indices[0].declared;
    assert!(declared.mapping_only());
    assert_eq!(declared.declared_type("languages"), Some(DataType::Integer));
    assert_eq!(
        declared.declared_type("languages.long"),
        Some(DataType::Long)
    );
    assert_eq!(declared.declared_type("emp_no"), Some(DataType::Integer));
    let r = cat.resolve(&local(&["*logs"])).unwrap();
    assert_eq!(names(&r), vec!["logs", "ul_logs"]);
    assert_eq!(
        r.indices[1].declared.declared_type("bytes_in"),
        Some(DataType::UnsignedLong)
    );
}
