//! The data options `esql run` and `esql test` share, and the session
//! they open.

use clap::{Args, ValueEnum};
use esql_exec::api::{InputFormat, PipelineOptions, PipelineVersion, Session};
use std::path::PathBuf;

/// Where the data is and which clock `NOW()` reads. For `esql test` these
/// are the defaults of hunts whose `esql-test:` directives do not set them.
#[derive(Args, Debug, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Data")]
pub struct DataArgs {
    /// A folder of NDJSON files: each `NAME.ndjson[.gz]` (or folder `NAME/`) is index NAME.
    #[arg(short = 'd', long = "data-dir")]
    pub data_dirs: Vec<PathBuf>,
    /// Add an index explicitly: NAME=PATH (a file or a folder).
    #[arg(long = "index", value_name = "NAME=PATH", value_parser = index_spec)]
    pub indices: Vec<(String, PathBuf)>,
    /// An Elasticsearch `_mapping` JSON file.
    #[arg(long = "mapping")]
    pub mappings: Vec<PathBuf>,
    /// A field-type table: `field<TAB>type[<TAB>index_pattern]` per line.
    #[arg(long = "field-types")]
    pub field_types: Vec<PathBuf>,
    /// An enrich policy for ENRICH: Elasticsearch's policy JSON whose
    /// `indices` name NDJSON files (see the README).
    #[arg(long = "enrich-policy", value_name = "FILE")]
    pub enrich_policies: Vec<PathBuf>,
    /// How data files are read: `ndjson` documents, `cloudtrail` raw
    /// records (delivery files or NDJSON), or `auto` (NDJSON, converting
    /// CloudTrail delivery files `{"Records":[…]}`).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// How raw CloudTrail records become documents.
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// NOW() as an RFC 3339 timestamp, or `latest`: the newest
    /// `@timestamp` in the data (default: the clock).
    #[arg(long, value_name = "TIMESTAMP|latest")]
    pub now: Option<String>,
    /// The query parameters and Kibana's time range.
    #[command(flatten)]
    pub params: crate::param_args::ParamArgs,
}

/// The CloudTrail pipeline to emulate and its options (`esql run`,
/// `esql test` and `esql convert`).
#[derive(Args, Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineArgs {
    /// The AWS integration version whose CloudTrail pipeline converts raw
    /// records (2.25.0-preview01,
    /// 2.44.0-preview01, 2.44.0, 3.8.0, 5.2.0, 6.4.0, 7.0.0, 7.2.0 or 7.3.0;
    /// default: 7.3.0, the newest).
    #[arg(long, value_name = "VERSION", value_parser = PipelineVersionParser)]
    pub cloudtrail_pipeline: Option<PipelineVersion>,
    /// The integration's `preserve_original_event` option: keep each
    /// record's text in `event.original` and tag the document.
    #[arg(long)]
    pub preserve_original_event: bool,
    /// The integration's `actor_target_mapping` option (tag), which turns
    /// on the actor/target fields from version 3.8.0 on.
    #[arg(long)]
    pub actor_target_mapping: bool,
}

impl PipelineArgs {
    /// The pipeline version and options these arguments ask for.
    pub fn options(&self) -> PipelineOptions {
        PipelineOptions {
            version: self.cloudtrail_pipeline.unwrap_or_default(),
            preserve_original_event: self.preserve_original_event,
            actor_target_mapping: self.actor_target_mapping,
        }
    }
}

/// Values of `--input-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// NDJSON, with CloudTrail delivery files converted (the default).
    Auto,
    /// NDJSON documents only.
    Ndjson,
    /// Raw CloudTrail records, converted to ECS documents.
    Cloudtrail,
}

/// Parses `--cloudtrail-pipeline` (and the `cloudtrail-pipeline=`
/// directive): a supported AWS integration version.
pub fn pipeline_version(text: &str) -> Result<PipelineVersion, String> {
    PipelineVersion::parse(text).map_err(|e| e.to_string())
}

/// The `--cloudtrail-pipeline` parser: [`pipeline_version`], offering the
/// supported versions to shell completion (instead of file names).
#[derive(Clone, Copy, Debug)]
pub struct PipelineVersionParser;

impl clap::builder::TypedValueParser for PipelineVersionParser {
    type Value = PipelineVersion;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<PipelineVersion, clap::Error> {
        let text = value.to_string_lossy();
        pipeline_version(&text).map_err(|message| {
            let name = arg.map_or("--cloudtrail-pipeline".to_string(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid value '{text}' for '{name}': {message}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            esql_exec::api::PIPELINE_VERSIONS
                .iter()
                .map(|(v, _)| clap::builder::PossibleValue::new(v.name())),
        ))
    }
}

/// `session` with `NOW()` at the newest `@timestamp` of its data
/// (`--now latest`).
fn latest(session: Session) -> Result<Session, String> {
    match session.newest_timestamp_ms() {
        Ok(Some(ms)) => Ok(session.with_now_ms(ms)),
        Ok(None) => Err(
            "--now latest: no document of the data has a @timestamp; give --now TIMESTAMP".into(),
        ),
        Err(e) => Err(format!("--now latest: {e}")),
    }
}

/// Parses an index given as `NAME=PATH` (`--index`, `index=` directives).
pub fn index_spec(spec: &str) -> Result<(String, PathBuf), String> {
    match spec.split_once('=') {
        Some((name, path)) => Ok((name.to_string(), PathBuf::from(path))),
        None => Err(format!("expects NAME=PATH, got [{spec}]")),
    }
}

impl DataArgs {
    /// A session over this data, with `NOW()` from `--now` or the clock;
    /// `Err` names a `--now` that is not a timestamp, or `--now latest`
    /// over data without a `@timestamp`.
    pub fn session(&self) -> Result<Session, String> {
        let mut session = Session::new().with_params(self.params.query_params()?);
        if let Some(text) = self.now.as_deref().filter(|t| *t != "latest") {
            match esql_exec::api::timestamp_millis(text) {
                Some(ms) => session = session.with_now_ms(ms),
                None => return Err(format!("--now: [{text}] is not an RFC 3339 timestamp")),
            }
        }
        for dir in &self.data_dirs {
            session = session.with_data_dir(dir);
        }
        for (name, path) in &self.indices {
            session = session.with_index(name, path);
        }
        for path in &self.mappings {
            session = session.with_mapping(path);
        }
        for path in &self.field_types {
            session = session.with_field_types(path);
        }
        for path in &self.enrich_policies {
            session = session.with_enrich_policy(path);
        }
        let format = match self.input_format {
            Some(InputFormatArg::Ndjson) => InputFormat::Ndjson,
            Some(InputFormatArg::Cloudtrail) => InputFormat::CloudTrail,
            Some(InputFormatArg::Auto) | None => InputFormat::Auto,
        };
        let session = session
            .with_input_format(format)
            .with_cloudtrail_pipeline(self.pipeline.options());
        if self.now.as_deref() == Some("latest") {
            return latest(session);
        }
        Ok(session)
    }

    /// These settings, with `defaults`' value for each that is not set.
    pub fn or(mut self, defaults: &DataArgs) -> DataArgs {
        if self.data_dirs.is_empty() {
            self.data_dirs = defaults.data_dirs.clone();
        }
        if self.indices.is_empty() {
            self.indices = defaults.indices.clone();
        }
        if self.mappings.is_empty() {
            self.mappings = defaults.mappings.clone();
        }
        if self.field_types.is_empty() {
            self.field_types = defaults.field_types.clone();
        }
        if self.enrich_policies.is_empty() {
            self.enrich_policies = defaults.enrich_policies.clone();
        }
        if self.input_format.is_none() {
            self.input_format = defaults.input_format;
        }
        if self.pipeline.cloudtrail_pipeline.is_none() {
            self.pipeline.cloudtrail_pipeline = defaults.pipeline.cloudtrail_pipeline;
        }
        self.pipeline.preserve_original_event |= defaults.pipeline.preserve_original_event;
        self.pipeline.actor_target_mapping |= defaults.pipeline.actor_target_mapping;
        if self.now.is_none() {
            self.now = defaults.now.clone();
        }
        self.params = self.params.or(&defaults.params);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_settings_win_key_by_key() {
        let defaults = DataArgs {
            data_dirs: vec![PathBuf::from("cli")],
            now: Some("2020-01-01T00:00:00Z".into()),
            field_types: vec![PathBuf::from("t.tsv")],
            ..DataArgs::default()
        };
        let own = DataArgs {
            data_dirs: vec![PathBuf::from("h/fix")],
            ..DataArgs::default()
        };
        let merged = own.or(&defaults);
        assert_eq!(merged.data_dirs, [PathBuf::from("h/fix")]);
        assert_eq!(merged.now.as_deref(), Some("2020-01-01T00:00:00Z"));
        assert_eq!(merged.field_types, [PathBuf::from("t.tsv")]);
    }

    #[test]
    fn pipeline_help_lists_every_version() {
        use clap::{Args as _, Command};
        for cmd in [
            DataArgs::augment_args(Command::new("run")),
            crate::convert_cmd::ConvertArgs::augment_args(Command::new("convert")),
        ] {
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_id() == "cloudtrail_pipeline")
                .unwrap();
            let help = arg.get_help().unwrap().to_string();
            for (_, name) in esql_exec::api::PIPELINE_VERSIONS {
                assert!(help.contains(name), "{name} missing from: {help}");
            }
            let newest = esql_exec::api::PipelineVersion::NEWEST.to_string();
            assert!(help.contains(&format!("default: {newest}")), "{help}");
        }
    }

    #[test]
    fn a_bad_now_is_named() {
        let args = DataArgs {
            now: Some("yesterday".into()),
            ..DataArgs::default()
        };
        assert_eq!(
            args.session().err().as_deref(),
            Some("--now: [yesterday] is not an RFC 3339 timestamp")
        );
    }
}
