//! `cloudtrail-gen`: writes deterministic synthetic CloudTrail ECS documents as NDJSON.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cloudtrail_gen::{generate, time::parse_instant, Config, KeyFormat};

const USAGE: &str = "\
usage: cloudtrail-gen [options]

Writes synthetic AWS CloudTrail documents (Elastic integration / ECS shape) as NDJSON, with injected
multi-region GetServiceQuota bursts and near misses, and the known answer of the shipped hunt.

options:
  --events N        documents to write, background + injected (default 10000)
  --seed N          PRNG seed (default 1)
  --start TS        first timestamp, e.g. 2024-05-01T00:00:00Z (default)
  --days D          span in days, fractions allowed (default 10)
  --now TS          now() of the expected answer (default: start + days)
  --format F        nested (default) or dotted keys
  --bursts N        attack bursts the hunt must report (default 4)
  --near-misses N   near misses, cycling through 9 kinds (default 9)
  --sweeps N        passes of the benign region sweeper (default: events / 20000, at least 1)
  --out FILE        output file, '-' for standard output (default '-')
  --expect FILE     write the expected hunt result as an ES|QL JSON response
  --quiet           no summary on standard error
  -h, --help        this text
";

struct Args {
    cfg: Config,
    out: String,
    expect: Option<String>,
    quiet: bool,
}

fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("invalid value for {flag}: [{v}]"))
}

fn parse_args(argv: &[String]) -> Result<Option<Args>, String> {
    let mut a = Args {
        cfg: Config::default(),
        out: "-".to_string(),
        expect: None,
        quiet: false,
    };
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (flag.as_str(), None),
        };
        if matches!(name, "-h" | "--help") {
            return Ok(None);
        }
        if name == "--quiet" {
            a.quiet = true;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it
                .next()
                .cloned()
                .ok_or_else(|| format!("missing value for {name}"))?,
        };
        match name {
            "--events" => a.cfg.events = number(name, &value)?,
            "--seed" => a.cfg.seed = number(name, &value)?,
            "--start" => a.cfg.start_ms = parse_instant(&value)?,
            "--days" => a.cfg.days = number(name, &value)?,
            "--now" => a.cfg.now_ms = Some(parse_instant(&value)?),
            "--format" => {
                a.cfg.format = match value.as_str() {
                    "nested" => KeyFormat::Nested,
                    "dotted" => KeyFormat::Dotted,
                    other => {
                        return Err(format!(
                            "invalid value for --format: [{other}] (nested or dotted)"
                        ))
                    }
                }
            }
            "--bursts" => a.cfg.bursts = number(name, &value)?,
            "--near-misses" => a.cfg.near_misses = number(name, &value)?,
            "--sweeps" => a.cfg.sweeps = Some(number(name, &value)?),
            "--out" => a.out = value,
            "--expect" => a.expect = Some(value),
            other => return Err(format!("unknown option [{other}]")),
        }
    }
    Ok(Some(a))
}

fn run(a: &Args) -> Result<(), String> {
    let started = std::time::Instant::now();
    let expected = if a.out == "-" {
        let stdout = io::stdout();
        let mut lock = BufWriter::with_capacity(1 << 20, stdout.lock());
        generate(&a.cfg, &mut lock).map_err(|e| format!("cannot generate: {e}"))?
    } else {
        let mut file = File::create(&a.out).map_err(|e| format!("cannot create {}: {e}", a.out))?;
        generate(&a.cfg, &mut file).map_err(|e| format!("cannot write {}: {e}", a.out))?
    };
    if let Some(path) = &a.expect {
        let mut f = File::create(path).map_err(|e| format!("cannot create {path}: {e}"))?;
        expected
            .write_json(&mut f)
            .and_then(|()| f.flush())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    if !a.quiet {
        eprint!("{}", expected.summary());
        eprintln!("took {:.2}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&argv) {
        Ok(None) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(a)) => match run(&a) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cloudtrail-gen: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("cloudtrail-gen: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
