//! The mapping on records written for these tests, by the oldest
//! supported pipeline (2.25.0-preview01); the rules of later versions are
//! tested in `version_tests.rs`.

use super::{convert_record, convert_record_with, PipelineOptions, PipelineVersion};
use serde_json::{json, Value};

fn convert(v: Value) -> Value {
    let options = PipelineOptions::of(PipelineVersion::V2_25_0Preview01);
    convert_record_with(&v.to_string(), &options).unwrap()
}

fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |cur, part| cur.get(part))
}

fn iam_user_call(extra: Value) -> Value {
    let mut r = json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "IAMUser", "principalId": "AIDAX", "arn": "arn:aws:iam::111:user/ana",
            "accountId": "111", "accessKeyId": "AKIAX", "userName": "ana",
            "sessionContext": {"attributes": {"creationDate": "2024-01-02T03:04:05Z", "mfaAuthenticated": "true"}}
        },
        "eventTime": "2024-01-02T03:05:00Z",
        "eventSource": "iam.amazonaws.com",
        "eventName": "AttachUserPolicy",
        "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.9",
        "userAgent": "aws-cli/2",
        "eventID": "e1", "requestID": "r1", "readOnly": false, "managementEvent": true,
        "eventType": "AwsApiCall", "recipientAccountId": "222", "eventCategory": "Management"
    });
    if let (Some(obj), Value::Object(more)) = (r.as_object_mut(), extra) {
        obj.extend(more);
    }
    r
}

#[test]
fn maps_the_common_fields() {
    let doc = convert(iam_user_call(json!({
        "requestParameters": {"userName": "bob", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}
    })));
    let expect = [
        ("@timestamp", json!("2024-01-02T03:05:00.000Z")),
        ("event.action", json!("AttachUserPolicy")),
        ("event.provider", json!("iam.amazonaws.com")),
        ("event.id", json!("e1")),
        ("event.kind", json!("event")),
        ("event.outcome", json!("success")),
        ("event.category", json!(["iam"])),
        ("event.type", json!(["user", "change"])),
        ("event.dataset", json!("aws.cloudtrail")),
        ("cloud.region", json!("us-east-1")),
        ("cloud.account.id", json!("111")),
        ("source.address", json!("203.0.113.9")),
        ("source.ip", json!("203.0.113.9")),
        ("user.name", json!("ana")),
        ("user.id", json!("AIDAX")),
        ("user.target.name", json!("bob")),
        ("related.user", json!(["ana", "bob"])),
        ("user_agent.original", json!("aws-cli/2")),
        ("aws.cloudtrail.user_identity.type", json!("IAMUser")),
        (
            "aws.cloudtrail.user_identity.arn",
            json!("arn:aws:iam::111:user/ana"),
        ),
        ("aws.cloudtrail.user_identity.access_key_id", json!("AKIAX")),
        (
            "aws.cloudtrail.user_identity.session_context.creation_date",
            json!("2024-01-02T03:04:05.000Z"),
        ),
        (
            "aws.cloudtrail.user_identity.session_context.mfa_authenticated",
            json!("true"),
        ),
        ("aws.cloudtrail.event_version", json!("1.09")),
        ("aws.cloudtrail.event_category", json!("Management")),
        ("aws.cloudtrail.event_type", json!("AwsApiCall")),
        ("aws.cloudtrail.read_only", json!(false)),
        ("aws.cloudtrail.management_event", json!(true)),
        ("aws.cloudtrail.request_id", json!("r1")),
        ("aws.cloudtrail.recipient_account_id", json!("222")),
        (
            "aws.cloudtrail.request_parameters",
            json!("{policyArn=arn:aws:iam::aws:policy/ReadOnlyAccess, userName=bob}"),
        ),
        (
            "aws.cloudtrail.flattened.request_parameters",
            json!({"userName": "bob", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
        ),
        ("ecs.version", json!("8.11.0")),
    ];
    for (path, want) in expect {
        assert_eq!(at(&doc, path), Some(&want), "{path}");
    }
    // No raw names leak through.
    assert_eq!(doc.get("userIdentity"), None);
    assert_eq!(doc.get("json"), None);
}

#[test]
fn nulls_and_empty_values_disappear_before_rendering() {
    let doc = convert(iam_user_call(json!({
        "eventName": "GetBucketPolicy",
        "requestParameters": {"bucketName": "b", "policy": "", "Filter": {"Prefix": ""}, "tags": [], "acl": null},
        "responseElements": null,
        "errorCode": "",
        "additionalEventData": {"x": {"y": [null, ""]}}
    })));
    assert_eq!(
        at(&doc, "aws.cloudtrail.request_parameters"),
        Some(&json!("{bucketName=b}"))
    );
    assert_eq!(
        at(&doc, "aws.cloudtrail.flattened.request_parameters"),
        Some(&json!({"bucketName": "b"}))
    );
    assert_eq!(at(&doc, "aws.cloudtrail.response_elements"), None);
    assert_eq!(at(&doc, "aws.cloudtrail.additional_eventdata"), None);
    assert_eq!(at(&doc, "aws.cloudtrail.error_code"), None);
    assert_eq!(at(&doc, "event.outcome"), Some(&json!("success")));
    // Not in the category table: info only.
    assert_eq!(at(&doc, "event.category"), None);
    assert_eq!(at(&doc, "event.type"), Some(&json!(["info"])));
}

#[test]
fn outcome_errors_and_console_login() {
    let doc = convert(iam_user_call(json!({"errorMessage": "denied"})));
    assert_eq!(at(&doc, "event.outcome"), Some(&json!("failure")));
    assert_eq!(
        at(&doc, "aws.cloudtrail.error_message"),
        Some(&json!("denied"))
    );
    let doc = convert(iam_user_call(json!({
        "eventName": "ConsoleLogin",
        "responseElements": {"ConsoleLogin": "Success"},
        "additionalEventData": {"LoginTo": "https://console", "MobileVersion": "No", "MFAUsed": "Yes"}
    })));
    assert_eq!(at(&doc, "event.outcome"), Some(&json!("success")));
    assert_eq!(at(&doc, "event.category"), Some(&json!(["authentication"])));
    let cl = "aws.cloudtrail.console_login.additional_eventdata";
    assert_eq!(
        at(&doc, &format!("{cl}.mobile_version")),
        Some(&json!(false))
    );
    assert_eq!(at(&doc, &format!("{cl}.mfa_used")), Some(&json!(true)));
    assert_eq!(
        at(&doc, &format!("{cl}.login_to")),
        Some(&json!("https://console"))
    );
}

#[test]
fn assumed_role_names_and_unmapped_members() {
    let doc = convert(json!({
        "eventVersion": "1.08",
        "userIdentity": {
            "type": "AssumedRole", "principalId": "AROAX:s", "arn": "arn:aws:sts::1:assumed-role/R/s",
            "sessionContext": {
                "sessionIssuer": {"type": "Role", "principalId": "AROAX", "arn": "arn:aws:iam::1:role/R",
                                  "accountId": "1", "userName": "R"},
                "attributes": {"creationDate": "20240102T030405Z"}
            }
        },
        "eventTime": "2024-01-02T03:05:00.250Z",
        "eventName": "DescribeInstances",
        "sourceIPAddress": "ec2.amazonaws.com",
        "sharedEventID": "shared-1",
        "sourceIdentity": "who"
    }));
    assert_eq!(at(&doc, "user.name"), Some(&json!("R")));
    // The issuer's name is not appended to related.user in this version.
    assert_eq!(at(&doc, "related.user"), None);
    assert_eq!(
        at(&doc, "@timestamp"),
        Some(&json!("2024-01-02T03:05:00.250Z"))
    );
    // A basic-format date does not parse: no creation_date.
    assert_eq!(
        at(
            &doc,
            "aws.cloudtrail.user_identity.session_context.creation_date"
        ),
        None
    );
    assert_eq!(
        at(
            &doc,
            "aws.cloudtrail.user_identity.session_context.session_issuer.arn"
        ),
        Some(&json!("arn:aws:iam::1:role/R"))
    );
    // A service name is an address but no IP; the pipeline reads
    // `sharedEventId`, so CloudTrail's `sharedEventID` is not mapped.
    assert_eq!(
        at(&doc, "source.address"),
        Some(&json!("ec2.amazonaws.com"))
    );
    assert_eq!(at(&doc, "source.ip"), None);
    assert_eq!(at(&doc, "aws.cloudtrail.shared_event_id"), None);
    assert_eq!(at(&doc, "cloud.account.id"), None);
    // Without request data the flattened object is still created, empty.
    assert_eq!(at(&doc, "aws.cloudtrail.flattened"), Some(&json!({})));
}

#[test]
fn resources_are_deduplicated_in_hash_order() {
    let doc = convert(iam_user_call(json!({
        "resources": [
            {"ARN": "arn:b", "accountId": "1", "type": "T"},
            {"ARN": "arn:a", "accountId": "1", "type": "T"},
            {"ARN": "arn:b", "accountId": "1", "type": "T"},
            "not an object"
        ]
    })));
    // Keys "arn:b_1_T" and "arn:a_1_T" differ in one character 4 units from
    // the end, so their hashes differ by 31^4 = 923521: 2477491980 and
    // 2476568459, in buckets 7 and 6 of a 16-slot table (h ^ h >>> 16, low
    // 4 bits), so "arn:a_1_T" comes first although it was put second.
    assert_eq!(
        at(&doc, "aws.cloudtrail.resources"),
        Some(&json!([
            {"arn": "arn:a", "account_id": "1", "type": "T"},
            {"arn": "arn:b", "account_id": "1", "type": "T"}
        ]))
    );
}

#[test]
fn tls_and_ipv6() {
    let doc = convert(iam_user_call(json!({
        "sourceIPAddress": "2001:db8::1",
        "tlsDetails": {"tlsVersion": "TLSv1.2", "cipherSuite": "ECDHE-RSA-AES128-GCM-SHA256",
                       "clientProvidedHostHeader": "iam.amazonaws.com"}
    })));
    assert_eq!(at(&doc, "source.ip"), Some(&json!("2001:db8::1")));
    assert_eq!(at(&doc, "tls.version_protocol"), Some(&json!("tls")));
    assert_eq!(at(&doc, "tls.version"), Some(&json!("1.2")));
    assert_eq!(
        at(&doc, "tls.cipher"),
        Some(&json!("ECDHE-RSA-AES128-GCM-SHA256"))
    );
    assert_eq!(
        at(&doc, "tls.client.server_name"),
        Some(&json!("iam.amazonaws.com"))
    );
}

#[test]
fn long_strings_are_not_kept_flattened() {
    let big = "x".repeat(40_000);
    let doc = convert(iam_user_call(
        json!({"requestParameters": {"policyDocument": big}}),
    ));
    let text = at(&doc, "aws.cloudtrail.request_parameters")
        .and_then(Value::as_str)
        .unwrap();
    assert_eq!(text.len(), 40_000 + "{policyDocument=}".len());
    assert_eq!(
        at(&doc, "aws.cloudtrail.flattened.request_parameters"),
        None
    );
}

#[test]
fn not_an_object() {
    assert!(convert_record("[1]").is_err());
    assert!(convert_record("{").is_err());
}
