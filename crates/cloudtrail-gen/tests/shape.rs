//! Documents look like the Elastic AWS CloudTrail integration's output.

mod common;

use std::collections::BTreeSet;

use common::{run, s, small};
use serde_json::Value;

#[test]
fn every_document_has_the_core_ecs_fields() {
    let r = run(&small());
    let mut providers = BTreeSet::new();
    let mut outcomes = BTreeSet::new();
    let mut identity_types = BTreeSet::new();
    for d in &r.docs {
        let ts = s(d, "@timestamp").unwrap();
        assert_eq!(ts.len(), 24, "{ts}");
        assert!(ts.ends_with(".000Z"), "{ts}");
        assert_eq!(s(d, "event.dataset"), Some("aws.cloudtrail"));
        assert_eq!(s(d, "event.module"), Some("aws"));
        assert_eq!(s(d, "event.kind"), Some("event"));
        assert_eq!(s(d, "data_stream.dataset"), Some("aws.cloudtrail"));
        assert!(d["event.type"].is_array());
        assert_eq!(s(d, "event.id").unwrap().len(), 36);
        assert!(s(d, "event.action").is_some());
        providers.insert(s(d, "event.provider").unwrap().to_string());
        let outcome = s(d, "event.outcome").unwrap();
        outcomes.insert(outcome.to_string());
        let has_error = d.contains_key("aws.cloudtrail.error_message");
        assert_eq!(outcome == "failure", has_error);
        let account = s(d, "cloud.account.id").unwrap();
        assert_eq!(account.len(), 12);
        assert_eq!(s(d, "aws.cloudtrail.recipient_account_id"), Some(account));
        assert!(s(d, "aws.cloudtrail.event_version").is_some());
        assert!(d["aws.cloudtrail.read_only"].is_boolean());
        assert!(s(d, "user_agent.original").is_some());
        let kind = s(d, "aws.cloudtrail.user_identity.type").unwrap();
        identity_types.insert(kind.to_string());
        let address = s(d, "source.address").unwrap();
        if kind == "AWSService" {
            assert!(address.ends_with(".amazonaws.com"));
            assert!(!d.contains_key("source.ip"));
            assert!(!d.contains_key("aws.cloudtrail.user_identity.arn"));
        } else {
            assert!(address.parse::<std::net::Ipv4Addr>().is_ok(), "{address}");
            assert_eq!(s(d, "source.ip"), Some(address));
            assert!(s(d, "aws.cloudtrail.user_identity.arn")
                .unwrap()
                .starts_with("arn:aws:"));
        }
        if kind == "AssumedRole" {
            assert!(s(
                d,
                "aws.cloudtrail.user_identity.session_context.session_issuer.arn"
            )
            .is_some());
            assert!(s(d, "aws.cloudtrail.user_identity.access_key_id")
                .unwrap()
                .starts_with("ASIA"));
        }
        if let Some(p) = d.get("aws.cloudtrail.request_parameters") {
            let p = p.as_str().unwrap();
            assert!(p.starts_with('{') && p.ends_with('}'), "{p}");
        }
        if let Some(r) = d.get("cloud.region") {
            assert!(r.is_null() || r.as_str().unwrap().contains('-'));
        }
        if let Some(n) = d.get("source.as.number") {
            assert!(n.is_u64());
        }
    }
    assert!(providers.len() >= 8, "{providers:?}");
    assert!(providers.contains("servicequotas.amazonaws.com"));
    assert_eq!(
        outcomes,
        BTreeSet::from(["failure".to_string(), "success".to_string()])
    );
    for t in ["IAMUser", "AssumedRole", "AWSService"] {
        assert!(identity_types.contains(t), "{t}");
    }
}

#[test]
fn service_quota_parameters_use_the_pipeline_key_order() {
    let r = run(&small());
    let sq: Vec<&str> = r
        .docs
        .iter()
        .filter(|d| s(d, "event.action") == Some("GetServiceQuota"))
        .filter_map(|d| s(d, "aws.cloudtrail.request_parameters"))
        .collect();
    assert!(sq.len() > 100);
    // serviceCode first, except the swapped near miss (12 documents)
    let swapped = sq.iter().filter(|p| p.starts_with("{quotaCode=")).count();
    assert_eq!(swapped, 12);
    assert!(sq
        .iter()
        .filter(|p| !p.starts_with("{quotaCode="))
        .all(|p| p.starts_with("{serviceCode=")));
}

#[test]
fn console_logins_carry_their_extra_fields() {
    let r = run(&cloudtrail_gen::Config {
        events: 8_000,
        ..small()
    });
    let logins: Vec<_> = r
        .docs
        .iter()
        .filter(|d| s(d, "event.action") == Some("ConsoleLogin"))
        .collect();
    assert!(!logins.is_empty());
    for d in logins {
        assert_eq!(s(d, "aws.cloudtrail.event_type"), Some("AwsConsoleSignIn"));
        assert_eq!(d["event.category"], Value::from(vec!["authentication"]));
        let resp = s(d, "aws.cloudtrail.response_elements").unwrap();
        let outcome = s(d, "event.outcome").unwrap();
        assert_eq!(resp == "{ConsoleLogin=Success}", outcome == "success");
        assert!(d["aws.cloudtrail.console_login.additional_eventdata.mfa_used"].is_boolean());
    }
}
