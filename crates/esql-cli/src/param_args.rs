//! Query parameters from the command line (`--param`, `--params`,
//! `--param-identifier`, `--param-pattern`) and Kibana's time range
//! (`--from`, `--to` as `?_tstart` / `?_tend`), turned into the `params`
//! of Elasticsearch's `_query` request with its typing and its checks.

use clap::Args;
use esql_exec::api::{ParamValue, QueryParams};
use esql_parser::ast::Literal;
use esql_parser::params::valid_param_name;
use serde_json::Value;

/// The parameters a query runs with.
#[derive(Args, Debug, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Query parameters")]
pub struct ParamArgs {
    /// A query parameter: `NAME=VALUE` for `?NAME`, or `VALUE` alone for
    /// `?1`, `?2`… and `?` (in order). VALUE is a JSON value: `10`,
    /// `1.5`, `true`, `null`, `'"text"'`, `[1, 2]`. Repeatable.
    #[arg(long = "param", value_name = "[NAME=]VALUE")]
    pub params: Vec<String>,
    /// All parameters as the JSON array of Elasticsearch's request:
    /// `'[{"n": 10}, {"f": {"identifier": "host.name"}}]'` or `'[10, "x"]'`.
    #[arg(long = "params", value_name = "JSON")]
    pub params_json: Option<String>,
    /// A parameter naming a field or function (`??NAME` or `?NAME` in a
    /// name's place): NAME=FIELD. Repeatable.
    #[arg(long = "param-identifier", value_name = "NAME=FIELD")]
    pub identifiers: Vec<String>,
    /// A parameter holding a name pattern for KEEP and DROP (must contain
    /// `*`): NAME=PATTERN. Repeatable.
    #[arg(long = "param-pattern", value_name = "NAME=PATTERN")]
    pub patterns: Vec<String>,
    /// Kibana's time range start: the text of `?_tstart` (ISO-8601, e.g.
    /// 2024-05-01T00:00:00.000Z).
    #[arg(long = "from", value_name = "TIME")]
    pub from: Option<String>,
    /// Kibana's time range end: the text of `?_tend`.
    #[arg(long = "to", value_name = "TIME")]
    pub to: Option<String>,
}

/// One parameter before the named/unnamed check: its name, if any, and
/// how it prints in Elasticsearch's mixing error.
struct Entry {
    name: Option<String>,
    value: ParamValue,
    shown: String,
}

impl ParamArgs {
    /// These parameters, with `defaults`' value for each option not given.
    pub fn or(mut self, defaults: &ParamArgs) -> ParamArgs {
        if self.params.is_empty() {
            self.params = defaults.params.clone();
        }
        if self.params_json.is_none() {
            self.params_json = defaults.params_json.clone();
        }
        if self.identifiers.is_empty() {
            self.identifiers = defaults.identifiers.clone();
        }
        if self.patterns.is_empty() {
            self.patterns = defaults.patterns.clone();
        }
        if self.from.is_none() {
            self.from = defaults.from.clone();
        }
        if self.to.is_none() {
            self.to = defaults.to.clone();
        }
        self
    }

    /// The parameters: `--params` first, then `--param`, the identifier
    /// and pattern parameters, `_tstart` and `_tend`. `Err` holds
    /// Elasticsearch's `Failed to parse params: …` message, or names the
    /// option whose value is no JSON.
    pub fn query_params(&self) -> Result<QueryParams, String> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        if let Some(text) = &self.params_json {
            let json: Value = serde_json::from_str(text)
                .map_err(|e| format!("--params: [{text}] is not JSON: {e}"))?;
            let Value::Array(items) = json else {
                return Err(format!("--params: [{text}] is not a JSON array"));
            };
            for item in items {
                request_param(item, &mut entries, &mut errors);
            }
        }
        for text in &self.params {
            entries.push(cli_param(text)?);
        }
        for (list, option, kind) in [
            (&self.identifiers, "--param-identifier", "IDENTIFIER"),
            (&self.patterns, "--param-pattern", "PATTERN"),
        ] {
            for text in list {
                let Some((name, value)) = text.split_once('=') else {
                    return Err(format!("{option}: expects NAME=VALUE, got [{text}]"));
                };
                named(
                    name,
                    &Value::String(value.to_string()),
                    Some(kind),
                    &mut entries,
                    &mut errors,
                );
            }
        }
        for (name, time) in [("_tstart", &self.from), ("_tend", &self.to)] {
            if let Some(time) = time {
                entries.push(Entry {
                    name: Some(name.to_string()),
                    value: ParamValue::Value(Literal::String(time.clone())),
                    shown: format!("{name}={time}"),
                });
            }
        }
        let (with_name, without): (Vec<_>, Vec<_>) =
            entries.into_iter().partition(|e| e.name.is_some());
        if !with_name.is_empty() && !without.is_empty() {
            let show = |list: &[Entry]| {
                list.iter()
                    .map(|e| e.shown.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            errors.push(format!(
                "Params cannot contain both named and unnamed parameters; got [{}] and [{}]",
                show(&with_name),
                show(&without)
            ));
        }
        if !errors.is_empty() {
            return Err(format!("Failed to parse params: {}", errors.join("; ")));
        }
        if without.is_empty() {
            let list = with_name
                .into_iter()
                .filter_map(|e| e.name.map(|n| (n, e.value)))
                .collect();
            QueryParams::named(list).map_err(|e| format!("Failed to parse params: {e}"))
        } else {
            Ok(QueryParams::positional(
                without.into_iter().map(|e| e.value).collect(),
            ))
        }
    }
}

/// `--param [NAME=]VALUE`: named when the text before the first `=` is a
/// parameter name.
fn cli_param(text: &str) -> Result<Entry, String> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) if valid_param_name(name) => (Some(name), value),
        _ => (None, text),
    };
    let json: Value = serde_json::from_str(value).map_err(|_| {
        format!(
            "--param: [{value}] is not a JSON value (write text in double quotes: '\"{value}\"')"
        )
    })?;
    let literal = literal(&json).ok_or_else(|| {
        format!("--param: [{value}] is not supported as a parameter (a JSON scalar or an array of scalars)")
    })?;
    Ok(Entry {
        name: name.map(str::to_string),
        shown: match name {
            Some(n) => format!("{n}={json}"),
            None => json.to_string(),
        },
        value: ParamValue::Value(literal),
    })
}

/// One element of the request's `params` array.
fn request_param(item: Value, entries: &mut Vec<Entry>, errors: &mut Vec<String>) {
    match item {
        Value::Object(fields) => {
            if fields.len() > 1 {
                let keys: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
                errors.push(format!(
                    "Cannot parse more than one key:value pair as parameter, found [{{{}}}]",
                    keys.join(", ")
                ));
            }
            for (name, value) in &fields {
                match value {
                    Value::Object(attrs) => {
                        if attrs.len() != 1 {
                            let what = if attrs.is_empty() {
                                " has no valid param attribute".to_string()
                            } else {
                                let keys: Vec<&str> = attrs.keys().map(String::as_str).collect();
                                format!(" has multiple param attributes [{}]", keys.join(", "))
                            };
                            errors.push(format!(
                                "[{name}]{what}, only one of VALUE, IDENTIFIER, PATTERN can be defined in a param"
                            ));
                        }
                        for (key, inner) in attrs {
                            let kind = key.to_ascii_uppercase();
                            if !matches!(kind.as_str(), "VALUE" | "IDENTIFIER" | "PATTERN") {
                                errors.push(format!(
                                    "[{key}] is not a valid param attribute, a valid attribute is any of VALUE, IDENTIFIER, PATTERN"
                                ));
                                continue;
                            }
                            named(name, inner, Some(&kind), entries, errors);
                        }
                    }
                    _ => named(name, value, None, entries, errors),
                }
            }
        }
        Value::Array(_) => errors.push("START_ARRAY is not supported as a parameter".to_string()),
        scalar => match literal(&scalar) {
            Some(lit) => entries.push(Entry {
                name: None,
                shown: scalar.to_string(),
                value: ParamValue::Value(lit),
            }),
            None => errors.push(format!("{scalar} is not supported as a parameter")),
        },
    }
}

/// A named parameter of class `kind` (`VALUE` when `None`).
fn named(
    name: &str,
    value: &Value,
    kind: Option<&str>,
    entries: &mut Vec<Entry>,
    errors: &mut Vec<String>,
) {
    if !valid_param_name(name) {
        errors.push(format!(
            "[{name}] is not a valid parameter name, a valid parameter name starts with a letter or underscore, and contains letters, digits and underscores only"
        ));
    }
    let shown = format!("{name}={value}");
    let value = match (kind, value) {
        (Some("IDENTIFIER"), Value::String(s)) => ParamValue::Identifier(s.clone()),
        (Some("PATTERN"), Value::String(s)) if s.contains('*') => ParamValue::Pattern(s.clone()),
        (Some(k @ ("IDENTIFIER" | "PATTERN")), v) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let extra = if k == "PATTERN" {
                " and contains *"
            } else {
                ""
            };
            errors.push(format!(
                "[{text}] is not a valid value for {k} parameter, a valid value for {k} parameter is a string{extra}"
            ));
            return;
        }
        (_, v) => match literal(v) {
            Some(lit) => ParamValue::Value(lit),
            None => {
                errors.push(format!("{shown} is not supported as a parameter"));
                return;
            }
        },
    };
    entries.push(Entry {
        name: Some(name.to_string()),
        value,
        shown,
    });
}

/// A JSON value as the constant Elasticsearch makes of it: strings are
/// keywords, integers `integer` or `long` by size, other numbers
/// `double`; an array of scalars is a multi-value.
fn literal(value: &Value) -> Option<Literal> {
    Some(match value {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Boolean(*b),
        Value::String(s) => Literal::String(s.clone()),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Literal::Integer(i),
            (None, _) if n.is_u64() => return None,
            (None, Some(f)) => Literal::Decimal(f),
            (None, None) => return None,
        },
        Value::Array(items) => {
            let list: Option<Vec<Literal>> = items
                .iter()
                .map(|v| match v {
                    Value::Array(_) | Value::Object(_) => None,
                    v => literal(v),
                })
                .collect();
            Literal::List(list?)
        }
        Value::Object(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(params: &[&str]) -> ParamArgs {
        ParamArgs {
            params: params.iter().map(|s| s.to_string()).collect(),
            ..ParamArgs::default()
        }
    }

    #[test]
    fn values_are_typed_as_json() {
        let p = args(&["n=10", "s=\"x\"", "b=true", "z=null", "d=1.5"])
            .query_params()
            .unwrap();
        assert_eq!(p.get("n"), Some(&ParamValue::Value(Literal::Integer(10))));
        assert_eq!(
            p.get("s"),
            Some(&ParamValue::Value(Literal::String("x".into())))
        );
        assert_eq!(p.get("b"), Some(&ParamValue::Value(Literal::Boolean(true))));
        assert_eq!(p.get("z"), Some(&ParamValue::Value(Literal::Null)));
        assert_eq!(p.get("d"), Some(&ParamValue::Value(Literal::Decimal(1.5))));
    }

    #[test]
    fn unnamed_values_are_positional() {
        let p = args(&["1", "\"a=b\""]).query_params().unwrap();
        assert_eq!(p.at(1), Some(&ParamValue::Value(Literal::Integer(1))));
        assert_eq!(
            p.at(2),
            Some(&ParamValue::Value(Literal::String("a=b".into())))
        );
    }

    #[test]
    fn mixing_and_bad_values_are_refused() {
        let err = args(&["n=1", "2"]).query_params().unwrap_err();
        assert_eq!(
            err,
            "Failed to parse params: Params cannot contain both named and unnamed parameters; got [n=1] and [2]"
        );
        let err = args(&["n=abc"]).query_params().unwrap_err();
        assert!(
            err.starts_with("--param: [abc] is not a JSON value"),
            "{err}"
        );
        let json = ParamArgs {
            params_json: Some(r#"[{"1": 5}, {"p": {"pattern": "x"}}]"#.into()),
            ..ParamArgs::default()
        };
        let err = json.query_params().unwrap_err();
        assert!(err.contains("[1] is not a valid parameter name"), "{err}");
        assert!(
            err.contains("[x] is not a valid value for PATTERN parameter, a valid value for PATTERN parameter is a string and contains *"),
            "{err}"
        );
    }

    #[test]
    fn request_json_and_time_range() {
        let a = ParamArgs {
            params_json: Some(
                r#"[{"f": {"identifier": "host.name"}}, {"n": {"value": 3}}]"#.into(),
            ),
            from: Some("2024-05-01T00:00:00Z".into()),
            ..ParamArgs::default()
        };
        let p = a.query_params().unwrap();
        assert_eq!(
            p.get("f"),
            Some(&ParamValue::Identifier("host.name".into()))
        );
        assert_eq!(p.get("n"), Some(&ParamValue::Value(Literal::Integer(3))));
        assert_eq!(
            p.get("_tstart"),
            Some(&ParamValue::Value(Literal::String(
                "2024-05-01T00:00:00Z".into()
            )))
        );
    }
}
