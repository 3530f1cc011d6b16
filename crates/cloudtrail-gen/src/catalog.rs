//! Static vocabulary of the synthetic data: regions, accounts, names, user agents, API actions.

/// Commercial AWS regions used for the multi-region bursts (28 of them, enough for 17-region bursts).
pub const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "ca-west-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "ap-south-1",
    "ap-south-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-east-1",
    "me-south-1",
    "me-central-1",
    "af-south-1",
];

/// Regions where day-to-day work happens (repeats weight the draw).
pub const HOME_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-1",
    "us-east-1",
    "us-west-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "us-east-2",
    "ap-southeast-2",
    "ap-northeast-1",
];

/// The AWS accounts of the synthetic organisation.
pub const ACCOUNTS: &[&str] = &[
    "111122223333",
    "444455556666",
    "777788889999",
    "123456789012",
];

/// IAM user names.
pub const USERS: &[&str] = &[
    "amara",
    "bjorn",
    "chen.wei",
    "dmitri",
    "esther",
    "farid",
    "gwen",
    "hiro",
    "ines",
    "jonas",
    "kofi",
    "lena",
    "mateo",
    "nadia",
    "oscar",
    "priya",
    "quentin",
    "rosa",
    "sven",
    "tanvi",
    "ci-pipeline",
    "terraform-apply",
    "backup-runner",
    "etl-nightly",
    "metrics-reader",
    "release-bot",
    "audit-scanner",
    "cost-export",
    "cluster-admin",
    "reporting",
];

/// IAM role names assumed by people and workloads.
pub const ROLES: &[&str] = &[
    "PlatformAdmin",
    "ReadOnlyAccess",
    "SiteReliability",
    "DataPlatform",
    "LambdaRuntime",
    "EksWorkerNode",
    "SecurityReview",
    "OrganizationAccountAccessRole",
    "AWSReservedSSO_Engineering_5f3a9c",
    "AWSReservedSSO_Finance_a81e02",
    "GitHubOidcDeploy",
];

/// AWS services that act on the organisation's behalf (`AWSService` identities).
pub const SERVICES: &[&str] = &[
    "ec2.amazonaws.com",
    "lambda.amazonaws.com",
    "cloudformation.amazonaws.com",
    "autoscaling.amazonaws.com",
    "config.amazonaws.com",
    "elasticmapreduce.amazonaws.com",
];

/// S3 bucket names.
pub const BUCKETS: &[&str] = &[
    "corp-central-logs",
    "corp-lakehouse-raw",
    "corp-build-artifacts",
    "corp-db-snapshots",
    "corp-static-site",
    "corp-athena-output",
    "corp-ml-features",
];

/// Command-line user agents (`{cmd}` is replaced with the operation).
pub const UA_CLI: &[&str] = &[
    "aws-cli/2.15.58 Python/3.11.8 Linux/6.1.91-99.172.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/{cmd}",
    "aws-cli/2.15.40 Python/3.11.8 Darwin/23.4.0 exe/arm64 prompt/off command/{cmd}",
    "aws-cli/1.32.101 Python/3.9.18 Linux/5.10.215-203.850.amzn2.x86_64 botocore/1.34.101",
];

/// SDK and tool user agents.
pub const UA_SDK: &[&str] = &[
    "Boto3/1.34.100 md/Botocore#1.34.100 ua/2.0 os/linux#5.15.0-1061-aws md/arch#x86_64 lang/python#3.12.3 Botocore/1.34.100",
    "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.160.0",
    "aws-sdk-java/2.25.40 Linux/5.10.215-203.850.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.3+9-LTS Java/21.0.3",
    "APN/1.0 HashiCorp/1.0 Terraform/1.8.2 (+https://www.terraform.io) terraform-provider-aws/5.48.0",
    "aws-sdk-js/3.569.0 ua/2.0 os/linux#5.10.215 lang/js md/nodejs#20.12.2 api/s3#3.569.0",
];

/// Browser user agents (console sessions).
pub const UA_CONSOLE: &[&str] = &[
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0",
];

/// The user agent of the injected reconnaissance bursts.
pub const UA_RECON: &str = "aws-cli/2.15.58 Python/3.11.8 Linux/6.5.0-1020-aws exe/x86_64.ubuntu.22 prompt/off command/service-quotas.get-service-quota";

/// GeoIP/ASN enrichment of a source address.
#[derive(Debug)]
pub struct Geo {
    /// `source.geo.country_iso_code`.
    pub country_iso: &'static str,
    /// `source.geo.country_name`.
    pub country: &'static str,
    /// `source.geo.city_name`.
    pub city: &'static str,
    /// `source.as.number`.
    pub asn: u32,
    /// `source.as.organization.name`.
    pub as_org: &'static str,
}

/// Locations of the organisation's callers.
pub const GEOS: &[Geo] = &[
    Geo {
        country_iso: "US",
        country: "United States",
        city: "Ashburn",
        asn: 14618,
        as_org: "Amazon.com, Inc.",
    },
    Geo {
        country_iso: "US",
        country: "United States",
        city: "Boardman",
        asn: 16509,
        as_org: "Amazon.com, Inc.",
    },
    Geo {
        country_iso: "IE",
        country: "Ireland",
        city: "Dublin",
        asn: 16509,
        as_org: "Amazon.com, Inc.",
    },
    Geo {
        country_iso: "DE",
        country: "Germany",
        city: "Frankfurt am Main",
        asn: 3320,
        as_org: "Deutsche Telekom AG",
    },
    Geo {
        country_iso: "US",
        country: "United States",
        city: "Seattle",
        asn: 7922,
        as_org: "Comcast Cable Communications, LLC",
    },
    Geo {
        country_iso: "GB",
        country: "United Kingdom",
        city: "Manchester",
        asn: 5089,
        as_org: "Virgin Media Limited",
    },
];

/// Location of the injected reconnaissance sources.
pub const RECON_GEO: Geo = Geo {
    country_iso: "RO",
    country: "Romania",
    city: "Bucharest",

    asn: 9009,
    as_org: "M247 Europe SRL",
};

/// (service code, quota code, weight) for background `GetServiceQuota` calls. `L-1216C47A` is the
/// "Running On-Demand Standard instances" vCPU quota the hunt looks for.
pub const QUOTAS: &[(&str, &str, u32)] = &[
    ("ec2", "L-1216C47A", 30),
    ("ec2", "L-34B43A08", 12),
    ("ec2", "L-0263D0A3", 10),
    ("ec2", "L-DB2E81BA", 6),
    ("vpc", "L-F678F1CE", 10),
    ("lambda", "L-B99A9384", 8),
    ("s3", "L-DC2B2D3D", 6),
    ("rds", "L-7B6409FD", 6),
    ("ebs", "L-D18FCD1D", 5),
    ("elasticloadbalancing", "L-53DA6B97", 4),
];

/// The service code the hunt filters on.
pub const TARGET_SERVICE: &str = "ec2";
/// The quota code the hunt filters on.
pub const TARGET_QUOTA: &str = "L-1216C47A";
/// The Service Quotas event source.
pub const SERVICE_QUOTAS: &str = "servicequotas.amazonaws.com";

/// One CloudTrail API action and how the integration categorises it.
#[derive(Debug)]
pub struct Action {
    /// `event.provider`.
    pub provider: &'static str,
    /// `event.action`.
    pub name: &'static str,
    /// Relative frequency in the background noise.
    pub weight: u32,
    /// `event.category`, absent when empty.
    pub category: &'static [&'static str],
    /// `event.type`.
    pub kind: &'static [&'static str],
    /// `aws.cloudtrail.read_only`.
    pub read_only: bool,
    /// `true` for data events (`aws.cloudtrail.event_category: Data`).
    pub data_event: bool,
    /// `true` for global services, always logged in `us-east-1`.
    pub global: bool,
}

#[allow(clippy::too_many_arguments)] // a table row constructor: one argument per column
const fn act(
    provider: &'static str,
    name: &'static str,
    weight: u32,
    category: &'static [&'static str],
    kind: &'static [&'static str],
    read_only: bool,
    data_event: bool,
    global: bool,
) -> Action {
    Action {
        provider,
        name,
        weight,
        category,
        kind,
        read_only,
        data_event,
        global,
    }
}

const EC2: &str = "ec2.amazonaws.com";
const S3: &str = "s3.amazonaws.com";
const STS: &str = "sts.amazonaws.com";
const IAM: &str = "iam.amazonaws.com";
const KMS: &str = "kms.amazonaws.com";

/// The actions of the background noise (categorisation as in the integration's pipeline table).
pub const ACTIONS: &[Action] = &[
    act(
        EC2,
        "DescribeInstances",
        130,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        EC2,
        "DescribeSecurityGroups",
        40,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        EC2,
        "DescribeVolumes",
        30,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(EC2, "RunInstances", 4, &[], &["info"], false, false, false),
    act(S3, "GetObject", 165, &[], &["info"], true, true, false),
    act(S3, "PutObject", 60, &[], &["info"], false, true, false),
    act(S3, "ListBuckets", 15, &[], &["info"], true, false, true),
    act(
        STS,
        "AssumeRole",
        100,
        &["authentication"],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        STS,
        "GetCallerIdentity",
        40,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        IAM,
        "ListUsers",
        16,
        &["iam"],
        &["user", "info"],
        true,
        false,
        true,
    ),
    act(IAM, "ListRoles", 16, &[], &["info"], true, false, true),
    act(IAM, "ListPolicies", 12, &[], &["info"], true, false, true),
    act(
        IAM,
        "ListAttachedRolePolicies",
        8,
        &[],
        &["info"],
        true,
        false,
        true,
    ),
    act(
        IAM,
        "GetUser",
        12,
        &["iam"],
        &["user", "info"],
        true,
        false,
        true,
    ),
    act(KMS, "Decrypt", 90, &[], &["info"], true, false, false),
    act(
        KMS,
        "GenerateDataKey",
        50,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        "monitoring.amazonaws.com",
        "GetMetricData",
        40,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        "logs.amazonaws.com",
        "CreateLogStream",
        25,
        &[],
        &["info"],
        false,
        false,
        false,
    ),
    act(
        SERVICE_QUOTAS,
        "GetServiceQuota",
        25,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        SERVICE_QUOTAS,
        "ListServiceQuotas",
        8,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        SERVICE_QUOTAS,
        "GetAWSDefaultServiceQuota",
        4,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        SERVICE_QUOTAS,
        "ListServices",
        2,
        &[],
        &["info"],
        true,
        false,
        false,
    ),
    act(
        "signin.amazonaws.com",
        "ConsoleLogin",
        4,
        &["authentication"],
        &["info"],
        false,
        false,
        true,
    ),
    act(
        "lambda.amazonaws.com",
        "Invoke",
        4,
        &[],
        &["info"],
        false,
        true,
        false,
    ),
];

/// Finds an action by name (every name used by the injections is in [`ACTIONS`]).
pub fn action(name: &str) -> &'static Action {
    ACTIONS
        .iter()
        .find(|a| a.name == name)
        .unwrap_or(&ACTIONS[0])
}

/// (error code, message template) pairs; `{arn}`, `{svc}` and `{op}` are substituted.
pub const ERRORS: &[(&str, &str)] = &[
    ("AccessDenied", "User: {arn} is not authorized to perform: {svc}:{op} because no identity-based policy allows the {svc}:{op} action"),
    ("ThrottlingException", "Rate exceeded"),
    ("Client.UnauthorizedOperation", "You are not authorized to perform this operation."),
    ("NoSuchKey", "The specified key does not exist."),
];
