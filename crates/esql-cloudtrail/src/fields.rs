//! One raw CloudTrail record to the document the AWS integration's ingest
//! pipeline (`cloudtrail` data stream, `default.yml`) indexes, step by step
//! in the pipeline's order. Steps that need outside data are left out:
//! GeoIP/ASN (`source.geo.*`, `source.as.*`), user-agent parsing (only
//! `user_agent.original` is kept) and `event.created` (ingest time).
//! Rules that changed between package versions live in their own files
//! ([`super::entity`], [`super::actor_target`], [`super::users`],
//! [`super::last_steps`], [`super::categories`]), keyed on
//! [`PipelineOptions::version`].

use super::categories::categorize_in;
use super::doc::Doc;
use super::java_map::to_java_string;
use super::raw::{drop_empty, Raw, RawObject};
use super::version::PipelineOptions;
use esql_javafmt::{format_date_millis, parse_millis};
use serde_json::{json, Value};

/// `ecs.version` the pipeline sets.
pub const ECS_VERSION: &str = "8.11.0";
/// Longest `toString()` (in UTF-16 units, exclusive) kept as a flattened object too.
const FLATTENED_LIMIT: usize = 32766;

/// `json.<from>` renamed to `<to>` in the pipeline's order (first part).
const RENAMES_IDENTITY: &[(&str, &str)] = &[
    ("userIdentity.userName", "user.name"),
    ("userIdentity.principalId", "user.id"),
    ("userIdentity.arn", "aws.cloudtrail.user_identity.arn"),
    ("userIdentity.accountId", "cloud.account.id"),
    (
        "userIdentity.accessKeyId",
        "aws.cloudtrail.user_identity.access_key_id",
    ),
    (
        "userIdentity.sessionContext.attributes.mfaAuthenticated",
        "aws.cloudtrail.user_identity.session_context.mfa_authenticated",
    ),
];

const RENAMES_ISSUER: &[(&str, &str)] = &[
    (
        "userIdentity.sessionContext.sessionIssuer.type",
        "aws.cloudtrail.user_identity.session_context.session_issuer.type",
    ),
    (
        "userIdentity.sessionContext.sessionIssuer.userName",
        "user.name",
    ),
    (
        "userIdentity.sessionContext.sessionIssuer.principalId",
        "aws.cloudtrail.user_identity.session_context.session_issuer.principal_id",
    ),
    (
        "userIdentity.sessionContext.sessionIssuer.arn",
        "aws.cloudtrail.user_identity.session_context.session_issuer.arn",
    ),
    (
        "userIdentity.sessionContext.sessionIssuer.accountId",
        "aws.cloudtrail.user_identity.session_context.session_issuer.account_id",
    ),
    // Newer pipeline versions only.
    (
        "userIdentity.sessionContext.ec2RoleDelivery",
        "aws.cloudtrail.user_identity.session_context.ec2_role_delivery",
    ),
    (
        "userIdentity.invokedBy",
        "aws.cloudtrail.user_identity.invoked_by",
    ),
    ("eventSource", "event.provider"),
];

const RENAMES_AFTER_STRINGS: &[(&str, &str)] = &[
    ("requestID", "aws.cloudtrail.request_id"),
    ("eventID", "event.id"),
    ("eventType", "aws.cloudtrail.event_type"),
    ("apiVersion", "aws.cloudtrail.api_version"),
    ("managementEvent", "aws.cloudtrail.management_event"),
    ("readOnly", "aws.cloudtrail.read_only"),
];

/// Objects rendered with `toString()` (raw name, document name).
const STRING_FORMS: &[(&str, &str)] = &[
    ("requestParameters", "request_parameters"),
    ("responseElements", "response_elements"),
    ("additionalEventData", "additional_eventdata"),
    ("serviceEventDetails", "service_event_details"),
];

/// Digest-file members (CloudTrail-Digest objects).
const RENAMES_DIGEST: &[(&str, &str)] = &[
    ("logFiles", "aws.cloudtrail.digest.log_files"),
    ("digestS3Bucket", "aws.cloudtrail.digest.s3_bucket"),
    (
        "previousDigestS3Bucket",
        "aws.cloudtrail.digest.previous_s3_bucket",
    ),
    (
        "previousDigestHashAlgorithm",
        "aws.cloudtrail.digest.previous_hash_algorithm",
    ),
    (
        "publicKeyFingerprint",
        "aws.cloudtrail.digest.public_key_fingerprint",
    ),
    (
        "digestSignatureAlgorithm",
        "aws.cloudtrail.digest.signature_algorithm",
    ),
    ("insightDetails", "aws.cloudtrail.insight_details"),
];

/// The ECS document for one raw record (an object as CloudTrail writes
/// it), by the pipeline `options` describe.
pub fn record_to_ecs(record: &RawObject, options: &PipelineOptions) -> Value {
    let mut json = Raw::Object(record.clone());
    drop_empty(&mut json);
    let Raw::Object(json) = json else {
        return Value::Object(Default::default());
    };
    let mut doc = Doc::default();
    let rename = |doc: &mut Doc, from: &str, to: &str| {
        if let Some(v) = json.path(from) {
            doc.rename_to(to, v.to_value());
        }
    };
    let date = |doc: &mut Doc, from: &str, to: &str| {
        if let Some(ms) = json.str_at(from).and_then(parse_millis) {
            doc.set(to, Value::String(format_date_millis(ms)));
        }
    };

    let target_ids = if options.maps_actor_target() {
        super::actor_target::targets(&json)
    } else {
        Vec::new()
    };
    let entities = super::entity::related_entities(&json, &target_ids, options);
    doc.set("ecs.version", json!(ECS_VERSION));
    date(&mut doc, "eventTime", "@timestamp");
    rename(&mut doc, "eventVersion", "aws.cloudtrail.event_version");
    rename(
        &mut doc,
        "userIdentity.type",
        "aws.cloudtrail.user_identity.type",
    );
    if let Some(name) = json.path("userIdentity.userName") {
        doc.append_unique("related.user", Value::String(template(name)));
    }
    for (from, to) in RENAMES_IDENTITY {
        rename(&mut doc, from, to);
    }
    date(
        &mut doc,
        "userIdentity.sessionContext.attributes.creationDate",
        "aws.cloudtrail.user_identity.session_context.creation_date",
    );
    for (from, to) in RENAMES_ISSUER {
        rename(&mut doc, from, to);
    }
    if let Some(name) = json.path("eventName").map(template) {
        if !name.is_empty() {
            doc.set("event.action", Value::String(name));
        }
    }
    rename(&mut doc, "eventCategory", "aws.cloudtrail.event_category");
    if let Some(region) = json.path("awsRegion") {
        doc.set("cloud.region", region.to_value());
    }
    rename(&mut doc, "sourceIPAddress", "source.address");
    if let Some(Value::String(addr)) = doc.get("source.address") {
        if is_ip(addr) {
            let ip = addr.clone();
            doc.set("source.ip", Value::String(ip));
        }
    }
    if let Some(ua) = json.path("userAgent") {
        doc.set("user_agent.original", ua.to_value());
    }
    rename(&mut doc, "errorCode", "aws.cloudtrail.error_code");
    rename(&mut doc, "errorMessage", "aws.cloudtrail.error_message");
    string_forms(&json, &mut doc);
    for (from, to) in RENAMES_AFTER_STRINGS {
        rename(&mut doc, from, to);
    }
    if let Some(resources) = json.get("resources") {
        doc.rename_to("aws.cloudtrail.resources", dedup_resources(resources));
    }
    rename(
        &mut doc,
        "recipientAccountId",
        "aws.cloudtrail.recipient_account_id",
    );
    // The pipeline reads `sharedEventId`; CloudTrail writes `sharedEventID`,
    // which therefore never reaches the document.
    rename(&mut doc, "sharedEventId", "aws.cloudtrail.shared_event_id");
    rename(&mut doc, "vpcEndpointId", "aws.cloudtrail.vpc_endpoint_id");
    for key in ["userName", "newUserName"] {
        let path = format!("aws.cloudtrail.flattened.request_parameters.{key}");
        if let Some(v) = doc.get(&path).map(template_value) {
            doc.append_unique("related.user", Value::String(v));
        }
    }
    console_login(&json, &mut doc);
    categorization(&mut doc, options);
    digest(&json, &mut doc, &rename, &date);
    targets(&mut doc);
    tls(&json, &mut doc);
    if !entities.is_empty() {
        let list = entities.into_iter().map(Value::String).collect();
        doc.set("related.entity", Value::Array(list));
    }
    if options.maps_actor_target() {
        super::actor_target::apply(&json, &target_ids, &mut doc, options);
    }
    super::users::apply(&json, &mut doc, options);
    super::last_steps::apply(record, &mut doc, options);
    add_agent_fields(&mut doc);
    Value::Object(doc.root)
}

/// `{{path}}` of a raw value: strings as they are, others as `toString()`.
fn template(v: &Raw) -> String {
    match v {
        Raw::String(s) => s.clone(),
        other => to_java_string(other),
    }
}

/// `{{path}}` of a document value.
fn template_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => super::java_map::java_number(n),
        other => other.to_string(),
    }
}

/// Grok `^%{IP}$`: an IPv4 or IPv6 literal (IPv6 may carry a `%zone`).
fn is_ip(s: &str) -> bool {
    if s.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    let addr = s
        .split_once('%')
        .map_or(s, |(a, zone)| if zone.is_empty() { s } else { a });
    addr.contains(':') && addr.parse::<std::net::Ipv6Addr>().is_ok()
}

/// The script that stores `toString()` of the request/response objects and
/// the objects themselves under `aws.cloudtrail.flattened` (only when the
/// string is shorter than 32766 UTF-16 units). It needs `aws.cloudtrail`
/// to exist already (it does whenever the record has `eventVersion` or an
/// identity).
fn string_forms(json: &RawObject, doc: &mut Doc) {
    if !doc.has_object("aws.cloudtrail") {
        return;
    }
    if !doc.has_object("aws.cloudtrail.flattened") {
        doc.set(
            "aws.cloudtrail.flattened",
            Value::Object(Default::default()),
        );
    }
    for (raw, name) in STRING_FORMS {
        if let Some(v) = json.get(raw) {
            let text = to_java_string(v);
            let short = text.encode_utf16().count() < FLATTENED_LIMIT;
            doc.set(&format!("aws.cloudtrail.{name}"), Value::String(text));
            if short {
                doc.set(&format!("aws.cloudtrail.flattened.{name}"), v.to_value());
            }
        }
    }
}

/// The resources list without repeated (ARN, accountId, type), with `ARN`
/// and `accountId` renamed `arn` and `account_id`, in the iteration order of
/// the HashMap keyed by `arn_accountId_type` that the script collects into.
fn dedup_resources(resources: &Raw) -> Value {
    let Raw::Array(items) = resources else {
        return resources.to_value();
    };
    let mut keys: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for item in items {
        let Raw::Object(o) = item else { continue };
        let mut map = serde_json::Map::new();
        for (k, v) in &o.entries {
            let name = match k.as_str() {
                "ARN" => "arn",
                "accountId" => "account_id",
                other => other,
            };
            map.insert(name.to_string(), v.to_value());
        }
        let part = |k: &str| map.get(k).map(template_value).unwrap_or_default();
        let key = format!("{}_{}_{}", part("arn"), part("account_id"), part("type"));
        match keys.iter().position(|k| *k == key) {
            Some(i) => {
                if let Some(slot) = values.get_mut(i) {
                    *slot = Value::Object(map);
                }
            }
            None => {
                keys.push(key);
                values.push(Value::Object(map));
            }
        }
    }
    let order = super::java_map::iteration_order(keys.iter().map(String::as_str), keys.len());
    Value::Array(
        order
            .into_iter()
            .filter_map(|i| values.get(i).cloned())
            .collect(),
    )
}

/// `aws.cloudtrail.console_login.additional_eventdata.*` for `ConsoleLogin`.
fn console_login(json: &RawObject, doc: &mut Doc) {
    if json.str_at("eventName") != Some("ConsoleLogin") {
        return;
    }
    let Some(Value::Object(aed)) = doc.get("aws.cloudtrail.flattened.additional_eventdata") else {
        return;
    };
    let no = |k: &str| aed.get(k).map(|v| v.as_str() != Some("No"));
    let mobile = no("MobileVersion");
    let login_to = aed.get("LoginTo").cloned();
    let mfa = no("MFAUsed");
    let base = "aws.cloudtrail.console_login.additional_eventdata";
    if let Some(b) = mobile {
        doc.set(&format!("{base}.mobile_version"), Value::Bool(b));
    }
    if let Some(v) = login_to {
        doc.set(&format!("{base}.login_to"), v);
    }
    if let Some(b) = mfa {
        doc.set(&format!("{base}.mfa_used"), Value::Bool(b));
    }
}

/// `event.kind`, `event.type`, `event.outcome`, `event.category`.
fn categorization(doc: &mut Doc, options: &PipelineOptions) {
    doc.set("event.kind", json!("event"));
    doc.set("event.type", json!(["info"]));
    let failed = doc.get("aws.cloudtrail.error_code").is_some()
        || doc.get("aws.cloudtrail.error_message").is_some();
    doc.set(
        "event.outcome",
        json!(if failed { "failure" } else { "success" }),
    );
    let Some(Value::String(action)) = doc.get("event.action").cloned() else {
        return;
    };
    if action == "ConsoleLogin" {
        if let Some(Value::String(s)) =
            doc.get("aws.cloudtrail.flattened.response_elements.ConsoleLogin")
        {
            let outcome = s.to_lowercase();
            doc.set("event.outcome", Value::String(outcome));
        }
    }
    if let Some((category, types)) = categorize_in(&action, options.version) {
        doc.set("event.category", json!(category));
        match types {
            Some(types) => doc.set("event.type", json!(types)),
            None => {
                if let Some(Value::Object(event)) = doc.root.get_mut("event") {
                    event.remove("type");
                }
            }
        }
    }
}

/// Digest files: account, object path, previous signature, time range.
fn digest(
    json: &RawObject,
    doc: &mut Doc,
    rename: &impl Fn(&mut Doc, &str, &str),
    date: &impl Fn(&mut Doc, &str, &str),
) {
    rename(doc, "awsAccountId", "cloud.account.id");
    rename(doc, "digestS3Object", "file.path");
    if json.str_at("previousDigestHashAlgorithm") == Some("SHA-256") {
        rename(doc, "previousDigestSignature", "file.hash.sha256");
    }
    if let Some(h) = doc.get("file.hash.sha256").cloned() {
        doc.append_unique("related.hash", Value::String(template_value(&h)));
    }
    for (from, to) in RENAMES_DIGEST.iter().take(1) {
        rename(doc, from, to);
    }
    date(doc, "digestStartTime", "aws.cloudtrail.digest.start_time");
    date(doc, "digestEndTime", "@timestamp");
    date(doc, "digestEndTime", "aws.cloudtrail.digest.end_time");
    for (from, to) in RENAMES_DIGEST.iter().skip(1).take(1) {
        rename(doc, from, to);
    }
    date(
        doc,
        "newestEventTime",
        "aws.cloudtrail.digest.newest_event_time",
    );
    date(
        doc,
        "oldestEventTime",
        "aws.cloudtrail.digest.oldest_event_time",
    );
    for (from, to) in RENAMES_DIGEST.iter().skip(2) {
        rename(doc, from, to);
    }
}

/// `group.*`, `user.target.*`, `user.changes.name`, then the digest and
/// insight objects moved under `aws.cloudtrail.flattened`.
fn targets(doc: &mut Doc) {
    let sets = [
        ("group.id", "response_elements.group.groupId"),
        ("user.target.id", "response_elements.user.userId"),
        ("user.changes.name", "request_parameters.newUserName"),
        ("group.name", "request_parameters.groupName"),
        ("user.target.name", "request_parameters.userName"),
    ];
    for (to, from) in sets {
        let path = format!("aws.cloudtrail.flattened.{from}");
        if let Some(v) = doc.get(&path).map(template_value) {
            if !v.is_empty() {
                doc.set(to, Value::String(v));
            }
        }
    }
    for name in ["digest", "insight_details"] {
        let from = format!("aws.cloudtrail.{name}");
        if let Some(v) = doc.get(&from).cloned() {
            if doc.rename_to(&format!("aws.cloudtrail.flattened.{name}"), v) {
                if let Some(Value::Object(ct)) = doc
                    .root
                    .get_mut("aws")
                    .and_then(|a| a.get_mut("cloudtrail"))
                {
                    ct.remove(name);
                }
            }
        }
    }
}

/// `tls.*` from `tlsDetails` (`TLSv1.2` → protocol `tls`, version `1.2`).
fn tls(json: &RawObject, doc: &mut Doc) {
    if let Some((proto, version)) = json
        .str_at("tlsDetails.tlsVersion")
        .and_then(|v| v.split_once('v'))
    {
        if !proto.is_empty() {
            doc.set("tls.version_protocol", Value::String(proto.to_lowercase()));
        }
        if !version.is_empty() {
            doc.set("tls.version", Value::String(version.to_string()));
        }
    }
    for (from, to) in [
        ("tlsDetails.cipherSuite", "tls.cipher"),
        (
            "tlsDetails.clientProvidedHostHeader",
            "tls.client.server_name",
        ),
    ] {
        if let Some(v) = json.path(from) {
            doc.rename_to(to, v.to_value());
        }
    }
}

/// What Elastic Agent adds before the pipeline runs (and what the data
/// stream's `constant_keyword` fields hold): the dataset, module and data
/// stream of `logs-aws.cloudtrail-default`.
fn add_agent_fields(doc: &mut Doc) {
    doc.set("event.dataset", json!("aws.cloudtrail"));
    doc.set("event.module", json!("aws"));
    doc.set("data_stream.type", json!("logs"));
    doc.set("data_stream.dataset", json!("aws.cloudtrail"));
    doc.set("data_stream.namespace", json!("default"));
}
