//! The rules that differ between pipeline versions, on records written for
//! these tests.

use super::{convert_record_with, PipelineOptions, PipelineVersion as V};
use serde_json::{json, Value};

fn convert(v: &Value, version: V, tag: bool) -> Value {
    let options = PipelineOptions {
        version,
        preserve_original_event: false,
        actor_target_mapping: tag,
    };
    convert_record_with(&v.to_string(), &options).unwrap()
}

fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |cur, part| cur.get(part))
}

/// An IAM user with an email for a name deleting an S3 bucket.
fn bucket_call() -> Value {
    json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "IAMUser", "principalId": "AIDAX", "arn": "arn:aws:iam::111:user/ana@corp.example",
            "accountId": "111", "accessKeyId": "AKIAX", "userName": "ana@corp.example"
        },
        "eventTime": "2024-03-01T10:00:00Z",
        "eventSource": "s3.amazonaws.com",
        "eventName": "DeleteBucket",
        "awsRegion": "eu-west-1",
        "sourceIPAddress": "198.51.100.7",
        "requestParameters": {"bucketName": "logs-bucket"},
        "resources": [{"ARN": "arn:aws:s3:::logs-bucket", "accountId": "111", "type": "AWS::S3::Bucket"}],
        "recipientAccountId": "111"
    })
}

/// A role session (launched from an EC2 instance, with an email as its
/// session name) starting an SSM session on an instance, through a service.
fn session_call(invoked_by: bool) -> Value {
    let mut identity = json!({
        "type": "AssumedRole", "principalId": "AROAX:joe@corp.example",
        "arn": "arn:aws:sts::111:assumed-role/Ops/joe@corp.example", "accountId": "111",
        "accessKeyId": "ASIAX",
        "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAX",
            "arn": "arn:aws:iam::111:role/Ops", "accountId": "111", "userName": "Ops"}}
    });
    if invoked_by {
        identity["invokedBy"] = json!("ssm.amazonaws.com");
    }
    json!({
        "eventVersion": "1.10",
        "userIdentity": identity,
        "eventTime": "2024-03-01T10:00:00Z",
        "eventSource": "ssm.amazonaws.com",
        "eventName": "StartSession",
        "awsRegion": "eu-west-1",
        "sourceIPAddress": "198.51.100.7",
        "requestParameters": {"target": "i-0abc"},
        "recipientAccountId": "111"
    })
}

#[test]
fn related_entity_per_version() {
    let r = bucket_call();
    let preview = convert(&r, V::V2_25_0Preview01, false);
    // Sorted, with the principal id; DeleteBucket adds its bucket.
    assert_eq!(
        at(&preview, "related.entity"),
        Some(&json!([
            "AIDAX",
            "ana@corp.example",
            "arn:aws:iam::111:user/ana@corp.example",
            "logs-bucket"
        ]))
    );
    // Appended: targets first, no access key yet, no principal id.
    let draft = convert(&r, V::V2_44_0Preview01, false);
    assert_eq!(
        at(&draft, "related.entity"),
        Some(&json!([
            "arn:aws:s3:::logs-bucket",
            "ana@corp.example",
            "arn:aws:iam::111:user/ana@corp.example",
            "logs-bucket"
        ]))
    );
    // Java HashSet order, with the access key: five values get a table of
    // 8 buckets, where these fall in buckets 0, 1, 5, 6 and 7.
    let newest = convert(&r, V::V7_3_0, true);
    assert_eq!(
        at(&newest, "related.entity"),
        Some(&json!([
            "arn:aws:iam::111:user/ana@corp.example",
            "AKIAX",
            "logs-bucket",
            "ana@corp.example",
            "arn:aws:s3:::logs-bucket"
        ]))
    );
}

#[test]
fn actor_and_target_fields_per_version() {
    let r = bucket_call();
    let actor = json!(["arn:aws:iam::111:user/ana@corp.example"]);
    let target = json!(["arn:aws:s3:::logs-bucket"]);
    let preview = convert(&r, V::V2_25_0Preview01, true);
    assert_eq!(at(&preview, "actor"), None);
    let draft = convert(&r, V::V2_44_0Preview01, false);
    assert_eq!(at(&draft, "entity.actor"), Some(&actor));
    assert_eq!(at(&draft, "entity.targets"), Some(&target));
    assert_eq!(at(&draft, "actor"), None);
    // 2.44.0 writes them without the tag; 3.8.0 needs it.
    let released = convert(&r, V::V2_44_0, false);
    assert_eq!(at(&released, "actor.entity.id"), Some(&actor));
    assert_eq!(at(&released, "target.entity.id"), Some(&target));
    assert_eq!(at(&convert(&r, V::V3_8_0, false), "actor"), None);
    let tagged = convert(&r, V::V3_8_0, true);
    assert_eq!(at(&tagged, "target.entity.id"), Some(&target));
    assert_eq!(at(&tagged, "user.entity.id"), None);
    // Typed fields from 5.2.0: an ARN target is a service.
    let typed = convert(&r, V::V5_2_0, true);
    assert_eq!(at(&typed, "user.entity.id"), Some(&actor));
    assert_eq!(at(&typed, "service.target.entity.id"), Some(&target));
    assert_eq!(at(&typed, "entity.target.id"), None);
}

#[test]
fn typed_targets_and_host_id() {
    let r = session_call(true);
    let doc = convert(&r, V::V6_4_0, true);
    let arn = json!(["arn:aws:sts::111:assumed-role/Ops/joe@corp.example"]);
    // A service acted for the role: the actor is a service entity.
    assert_eq!(at(&doc, "service.entity.id"), Some(&arn));
    assert_eq!(at(&doc, "user.entity.id"), None);
    assert_eq!(at(&doc, "host.target.entity.id"), Some(&json!(["i-0abc"])));
    assert_eq!(at(&doc, "host.id"), Some(&json!(["i-0abc"])));
    assert_eq!(at(&convert(&r, V::V7_0_0, true), "host.id"), None);
    assert_eq!(at(&convert(&r, V::V5_2_0, true), "host.id"), None);
    let own = convert(&session_call(false), V::V7_2_0, true);
    assert_eq!(at(&own, "user.entity.id"), Some(&arn));
    // Without any identifying parameter the target is the account.
    let mut bare = session_call(false);
    bare["requestParameters"] = json!({"documentName": "AWS-RunShellScript"});
    let doc = convert(&bare, V::V7_3_0, true);
    assert_eq!(at(&doc, "target.entity.id"), Some(&json!(["111"])));
    assert_eq!(at(&doc, "entity.target.id"), Some(&json!(["111"])));
}

#[test]
fn user_fields_per_version() {
    let r = bucket_call();
    let old = convert(&r, V::V2_44_0, false);
    assert_eq!(at(&old, "user.name"), Some(&json!("ana@corp.example")));
    assert_eq!(at(&old, "user.email"), None);
    // 3.8.0 splits an email user name.
    let split = convert(&r, V::V3_8_0, true);
    assert_eq!(at(&split, "user.name"), Some(&json!("ana")));
    assert_eq!(at(&split, "user.domain"), Some(&json!("corp.example")));
    assert_eq!(at(&split, "user.email"), Some(&json!("ana@corp.example")));
    assert_eq!(
        at(&split, "related.user"),
        Some(&json!(["ana", "ana@corp.example"]))
    );
    // From 5.2.0 the name stays and related.user starts with user.id.
    let kept = convert(&r, V::V5_2_0, true);
    assert_eq!(at(&kept, "user.name"), Some(&json!("ana@corp.example")));
    assert_eq!(at(&kept, "user.email"), Some(&json!("ana@corp.example")));
    assert_eq!(at(&kept, "user.domain"), None);
    assert_eq!(
        at(&kept, "related.user"),
        Some(&json!(["AIDAX", "ana@corp.example"]))
    );
}

#[test]
fn session_names_per_version() {
    let r = session_call(false);
    let before = convert(&r, V::V7_0_0, true);
    assert_eq!(
        at(&before, "user.changes.name"),
        Some(&json!("joe@corp.example"))
    );
    assert_eq!(
        at(&before, "related.user"),
        Some(&json!([
            "AROAX:joe@corp.example",
            "Ops",
            "joe@corp.example"
        ]))
    );
    let after = convert(&r, V::V7_2_0, true);
    assert_eq!(at(&after, "user.changes"), None);
    assert_eq!(
        at(&after, "related.user"),
        Some(&json!([
            "joe@corp.example",
            "joe",
            "AROAX:joe@corp.example",
            "Ops"
        ]))
    );
}

#[test]
fn categories_per_version() {
    let r = session_call(false);
    let old = convert(&r, V::V3_8_0, true);
    assert_eq!(at(&old, "event.category"), None);
    assert_eq!(at(&old, "event.type"), Some(&json!(["info"])));
    let new = convert(&r, V::V5_2_0, true);
    assert_eq!(at(&new, "event.category"), Some(&json!(["session"])));
    assert_eq!(at(&new, "event.type"), Some(&json!(["start"])));
    let mut command = session_call(false);
    command["eventName"] = json!("SendCommand");
    let doc = convert(&command, V::V7_3_0, true);
    assert_eq!(at(&doc, "event.category"), Some(&json!(["process"])));
    assert_eq!(at(&doc, "event.type"), None);
}

#[test]
fn cloud_fields_of_the_newest_version() {
    let r = bucket_call();
    let newest = convert(&r, V::V7_3_0, false);
    assert_eq!(at(&newest, "cloud.provider"), Some(&json!("aws")));
    assert_eq!(at(&newest, "cloud.service.name"), Some(&json!("s3")));
    assert_eq!(at(&newest, "related.ip"), Some(&json!(["198.51.100.7"])));
    let before = convert(&r, V::V7_2_0, false);
    assert_eq!(at(&before, "cloud.provider"), None);
    assert_eq!(at(&before, "related.ip"), None);
}

#[test]
fn preserve_original_event_keeps_the_text_and_tags() {
    let text = r#"{"eventVersion":"1.09","eventName":"ListBuckets","requestParameters":{"z":1,"a":""},"eventTime":"2024-03-01T10:00:00Z"}"#;
    let options = PipelineOptions {
        preserve_original_event: true,
        ..PipelineOptions::default()
    };
    let doc = convert_record_with(text, &options).unwrap();
    assert_eq!(at(&doc, "event.original"), Some(&json!(text)));
    assert_eq!(at(&doc, "tags"), Some(&json!(["preserve_original_event"])));
    let both = PipelineOptions {
        actor_target_mapping: true,
        ..options
    };
    let doc = convert_record_with(text, &both).unwrap();
    assert_eq!(
        at(&doc, "tags"),
        Some(&json!(["preserve_original_event", "actor_target_mapping"]))
    );
    let plain = convert_record_with(text, &PipelineOptions::default()).unwrap();
    assert_eq!(at(&plain, "event.original"), None);
    assert_eq!(at(&plain, "tags"), None);
}
