//! `aws.cloudtrail.request_parameters` / `response_elements` strings of the background noise.

use crate::catalog::{Action, BUCKETS, QUOTAS, ROLES, USERS};
use crate::javamap::{render, render_list};
use crate::principal::Principal;
use crate::rng::Rng;

fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

fn hex(rng: &mut Rng, n: usize) -> String {
    let mut s = String::with_capacity(n);
    rng.hex(n, &mut s);
    s
}

/// A `(serviceCode, quotaCode)` pair drawn by weight from [`QUOTAS`].
pub fn quota_pair(rng: &mut Rng) -> (&'static str, &'static str) {
    let total: u32 = QUOTAS.iter().map(|q| q.2).sum();
    let mut x = rng.below(u64::from(total)) as u32;
    for &(service, quota, weight) in QUOTAS {
        if x < weight {
            return (service, quota);
        }
        x -= weight;
    }
    ("ec2", "L-1216C47A")
}

/// The service-quota request string `{serviceCode=…, quotaCode=…}` (HashMap order).
pub fn quota_request(service: &str, quota: &str) -> String {
    render(&[("serviceCode", service), ("quotaCode", quota)])
}

/// Request parameters of one background call (`None` when CloudTrail records none).
pub fn request(rng: &mut Rng, action: &Action, who: &Principal, region: &str) -> Option<String> {
    let s = match action.name {
        "DescribeInstances" => {
            if rng.chance(0.5) {
                let state = render(&[("value", "running")]);
                let values = render(&[("items", &render_list(&[&state]))]);
                let filter = render(&[("name", "instance-state-name"), ("valueSet", &values)]);
                render(&[
                    ("instancesSet", "{}"),
                    ("filterSet", &render(&[("items", &render_list(&[&filter]))])),
                ])
            } else {
                let id = format!("i-0{}", hex(rng, 16));
                let item = render(&[("instanceId", &id)]);
                render(&[
                    (
                        "instancesSet",
                        &render(&[("items", &render_list(&[&item]))]),
                    ),
                    ("filterSet", "{}"),
                ])
            }
        }
        "DescribeSecurityGroups" => render(&[
            ("securityGroupSet", "{}"),
            ("securityGroupIdSet", "{}"),
            ("filterSet", "{}"),
        ]),
        "DescribeVolumes" => render(&[("volumeSet", "{}"), ("filterSet", "{}")]),
        "RunInstances" => {
            let ami = format!("ami-0{}", hex(rng, 16));
            let item = render(&[("imageId", &ami), ("minCount", "1"), ("maxCount", "1")]);
            let instance_type = pick(rng, &["t3.micro", "m6i.large", "c7g.xlarge"]);
            render(&[
                (
                    "instancesSet",
                    &render(&[("items", &render_list(&[&item]))]),
                ),
                ("instanceType", instance_type),
                ("monitoring", &render(&[("enabled", "false")])),
                ("disableApiTermination", "false"),
            ])
        }
        "GetObject" | "PutObject" => {
            let bucket = pick(rng, BUCKETS);
            let host = format!("{bucket}.s3.{region}.amazonaws.com");
            let key = format!(
                "raw/2024/{:02}/{:02}/part-{:05}.parquet",
                1 + rng.below(12),
                1 + rng.below(28),
                rng.below(100_000)
            );
            render(&[("bucketName", bucket), ("Host", &host), ("key", &key)])
        }
        "ListBuckets" => render(&[("Host", "s3.amazonaws.com")]),
        "AssumeRole" => {
            let role = format!("arn:aws:iam::{}:role/{}", who.account, pick(rng, ROLES));
            render(&[
                ("roleArn", &role),
                ("roleSessionName", pick(rng, USERS)),
                ("durationSeconds", "3600"),
            ])
        }
        "ListUsers" | "ListRoles" | "ListPolicies" => {
            if rng.chance(0.5) {
                return None;
            }
            render(&[("maxItems", "100")])
        }
        "ListAttachedRolePolicies" => render(&[("roleName", pick(rng, ROLES))]),
        "GetUser" => render(&[("userName", pick(rng, USERS))]),
        "Decrypt" => {
            let arn = format!("arn:aws:s3:::{}", pick(rng, BUCKETS));
            render(&[
                ("encryptionAlgorithm", "SYMMETRIC_DEFAULT"),
                ("encryptionContext", &render(&[("aws:s3:arn", &arn)])),
            ])
        }
        "GenerateDataKey" => {
            let key = format!(
                "arn:aws:kms:{region}:{}:key/{}-{}-4{}-8{}-{}",
                who.account,
                hex(rng, 8),
                hex(rng, 4),
                hex(rng, 3),
                hex(rng, 3),
                hex(rng, 12)
            );
            render(&[("keyId", &key), ("keySpec", "AES_256")])
        }
        "GetMetricData" => {
            let metric = render(&[("namespace", "AWS/EC2"), ("metricName", "CPUUtilization")]);
            let stat = render(&[("metric", &metric), ("period", "300"), ("stat", "Average")]);
            let query = render(&[("id", "m1"), ("metricStat", &stat)]);
            render(&[
                ("metricDataQueries", &render_list(&[&query])),
                ("startTime", "May 1, 2024, 12:00:00 AM"),
                ("endTime", "May 1, 2024, 1:00:00 AM"),
            ])
        }
        "CreateLogStream" => {
            let group = format!("/aws/lambda/{}", pick(rng, USERS));
            let stream = format!("2024/05/01/[$LATEST]{}", hex(rng, 32));
            render(&[("logGroupName", &group), ("logStreamName", &stream)])
        }
        "GetServiceQuota" | "GetAWSDefaultServiceQuota" => {
            let (service, quota) = quota_pair(rng);
            quota_request(service, quota)
        }
        "ListServiceQuotas" => {
            render(&[("serviceCode", pick(rng, &["ec2", "vpc", "lambda", "s3"]))])
        }
        "ListServices" => render(&[("maxResults", "100")]),
        "Invoke" => {
            let f = format!(
                "arn:aws:lambda:{region}:{}:function:{}-handler",
                who.account,
                pick(rng, USERS)
            );
            render(&[("functionName", &f), ("invocationType", "RequestResponse")])
        }
        _ => return None,
    };
    Some(s)
}

/// Response elements of one background call (only `ConsoleLogin` records them here).
pub fn response(action: &Action, failed: bool) -> Option<String> {
    match action.name {
        "ConsoleLogin" => Some(render(&[(
            "ConsoleLogin",
            if failed { "Failure" } else { "Success" },
        )])),
        _ => None,
    }
}
