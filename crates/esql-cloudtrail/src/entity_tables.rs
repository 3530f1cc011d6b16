//! The record paths the `entity` sub-pipeline copies into
//! `related.entity`, as data. Paths are dotted member names of the raw
//! record; a path whose value is not a string, number or boolean adds
//! nothing.

/// Paths every record contributes, in the first pipeline form
/// (2.25.0-preview01).
pub const PREVIEW_ALL_EVENTS: &[&str] = &[
    "userIdentity.arn",
    "userIdentity.identityProvider",
    "userIdentity.principalId",
    "userIdentity.sessionContext.sessionIssuer.arn",
    "userIdentity.sessionContext.sessionIssuer.userName",
    "userIdentity.sessionContext.webIdFederationData.federatedProvider",
    "userIdentity.userName",
];

/// Per-event paths of the first form: `(eventName, prefix match, paths)`.
/// As in the reference documents of that version, `DeleteBucket` adds its
/// bucket and `CreateAccessKey` does not add the new key's id.
pub const PREVIEW_BY_EVENT: &[(&str, bool, &[&str])] = &[
    (
        "ConsoleLogin",
        false,
        &["additionalEventData.MFAIdentifier"],
    ),
    (
        "AssumeRole",
        false,
        &[
            "additionalEventData.MFAIdentifier",
            "requestParameters.roleArn",
            "responseElements.assumedRoleUser.arn",
            "requestParameters.roleSessionName",
            "sourceIdentity",
        ],
    ),
    ("GetSessionToken", false, &["responseElements.accessKeyId"]),
    (
        "CreateAccessKey",
        false,
        &[
            "requestParameters.userName",
            "responseElements.accessKey.userName",
        ],
    ),
    (
        "DeleteAccessKey",
        false,
        &[
            "requestParameters.userName",
            "requestParameters.accessKeyId",
        ],
    ),
    (
        "CreateUser",
        false,
        &[
            "responseElements.user.arn",
            "responseElements.user.userName",
            "responseElements.userId",
        ],
    ),
    ("DeleteUser", false, &["requestParameters.userName"]),
    (
        "AttachRolePolicy",
        false,
        &["requestParameters.policyArn", "requestParameters.roleName"],
    ),
    (
        "DetachRolePolicy",
        false,
        &["requestParameters.policyArn", "requestParameters.roleName"],
    ),
    (
        "PutUserPolicy",
        false,
        &["requestParameters.userName", "requestParameters.policyName"],
    ),
    (
        "DeleteUserPolicy",
        false,
        &["requestParameters.userName", "requestParameters.policyName"],
    ),
    (
        "CreateRole",
        false,
        &["responseElements.role.arn", "requestParameters.roleName"],
    ),
    (
        "UpdateAccessKey",
        false,
        &[
            "requestParameters.userName",
            "requestParameters.accessKeyId",
        ],
    ),
    ("DeleteRole", false, &["requestParameters.roleName"]),
    (
        "AuthorizeSecurityGroupIngress",
        false,
        &["requestParameters.groupId"],
    ),
    (
        "CreateSecurityGroup",
        false,
        &["responseElements.groupId", "requestParameters.groupName"],
    ),
    ("RunInstances", false, &["responseElements.reservationId"]),
    (
        "RevokeSecurityGroupIngress",
        false,
        &["requestParameters.roleName", "requestParameters.groupId"],
    ),
    (
        "CreateVpc",
        false,
        &[
            "responseElements.vpc.vpcId",
            "responseElements.vpc.dhcpOptionsId",
        ],
    ),
    ("DeleteVpc", false, &["requestParameters.vpcId"]),
    ("CreateSubnet", false, &["requestParameters.subnetId"]),
    ("DeleteSubnet", false, &["requestParameters.subnetId"]),
    (
        "CreateSnapshot",
        false,
        &[
            "requestParameters.volumeId",
            "responseElements.snapshotId",
            "responseElements.volumeId",
        ],
    ),
    ("DeleteSnapshot", false, &["requestParameters.snapshotId"]),
    (
        "CreateNetworkInterface",
        false,
        &["requestParameters.subnetId"],
    ),
    (
        "DeleteNetworkInterface",
        false,
        &["requestParameters.networkInterfaceId"],
    ),
    ("PutBucketPolicy", false, &["requestParameters.bucketName"]),
    (
        "DeleteBucketPublicAccessBlock",
        false,
        &["requestParameters.bucketName"],
    ),
    ("CreateBucket", false, &["requestParameters.bucketName"]),
    ("DeleteBucket", false, &["requestParameters.bucketName"]),
    (
        "DeleteBucketPolicy",
        false,
        &["requestParameters.bucketName"],
    ),
    ("PutBucketLogging", false, &["requestParameters.bucketName"]),
    (
        "DeleteBucketLifecycle",
        false,
        &["requestParameters.bucketName"],
    ),
    ("PutBucketAcl", false, &["requestParameters.bucketName"]),
    (
        "PutBucketVersioning",
        false,
        &["requestParameters.bucketName"],
    ),
    (
        "CreateTrail",
        false,
        &[
            "responseElements.cloudWatchLogsLogGroupArn",
            "responseElements.cloudWatchLogsRoleArn",
            "responseElements.kmsKeyId",
            "responseElements.snsTopicARN",
            "responseElements.trailARN",
            "responseElements.name",
        ],
    ),
    ("StopLogging", false, &["requestParameters.name"]),
    ("DeleteTrail", false, &["requestParameters.name"]),
    (
        "DisableKey",
        false,
        &["requestParameters.keyId", "responseElements.keyId"],
    ),
    (
        "EnableKey",
        false,
        &["requestParameters.keyId", "responseElements.keyId"],
    ),
    (
        "ScheduleKeyDeletion",
        false,
        &["requestParameters.keyId", "responseElements.keyId"],
    ),
    (
        "CreateKey",
        false,
        &[
            "responseElements.keyMetadata.arn",
            "responseElements.keyMetadata.keyId",
        ],
    ),
    (
        "StartConfigurationRecorder",
        false,
        &["requestParameters.configurationRecorderName"],
    ),
    (
        "StopConfigurationRecorder",
        false,
        &["requestParameters.configurationRecorderName"],
    ),
    (
        "UpdateFunctionCode",
        true,
        &[
            "requestParameters.functionName",
            "responseElements.functionArn",
            "responseElements.functionName",
            "responseElements.role",
        ],
    ),
    (
        "CreateFunction",
        true,
        &[
            "requestParameters.functionName",
            "responseElements.functionName",
            "responseElements.kmsKeyArn",
            "responseElements.role",
        ],
    ),
    ("DeleteFunction", true, &["requestParameters.functionName"]),
    (
        "ModifyDBInstance",
        false,
        &[
            "requestParameters.dBInstanceArn",
            "requestParameters.dBInstanceIdentifier",
        ],
    ),
    (
        "CreateDBInstance",
        false,
        &[
            "requestParameters.dBInstanceIdentifier",
            "responseElements.dBInstanceIdentifier",
            "responseElements.dbInstanceArn",
            "responseElements.dBSubnetGroup.vpcId",
        ],
    ),
    (
        "DeleteDBInstance",
        false,
        &[
            "requestParameters.dBInstanceIdentifier",
            "responseElements.dBInstanceIdentifier",
            "responseElements.dbInstanceArn",
            "responseElements.dBSubnetGroup.vpcId",
        ],
    ),
];

/// Paths every record contributes from 2.44.0-preview01 on (the principal
/// id no longer; the access key id from 2.44.0, see [`ACCESS_KEY`]; the
/// user name, [`USER_NAME`]).
pub const ALL_EVENTS: &[&str] = &[
    "userIdentity.arn",
    "userIdentity.identityProvider",
    "userIdentity.sessionContext.sessionIssuer.userName",
    "userIdentity.sessionContext.sessionIssuer.arn",
    "userIdentity.sessionContext.webIdFederationData.federatedProvider",
];

/// The identity's user name, a related entity in every version.
pub const USER_NAME: &str = "userIdentity.userName";

/// The access key id, a related entity from 2.44.0 on.
pub const ACCESS_KEY: &str = "userIdentity.accessKeyId";

/// Per-service paths from 2.44.0-preview01 on: `(eventSource, paths)`.
pub const BY_SOURCE: &[(&str, &[&str])] = &[
    (
        "signin.amazonaws.com",
        &["additionalEventData.MFAIdentifier"],
    ),
    (
        "sts.amazonaws.com",
        &[
            "requestParameters.roleArn",
            "sourceIdentity",
            "additionalEventData.MFAIdentifier",
            "responseElements.assumedRoleUser.arn",
            "requestParameters.roleSessionName",
            "responseElements.accessKeyId",
        ],
    ),
    (
        "iam.amazonaws.com",
        &[
            "requestParameters.userName",
            "requestParameters.accessKeyId",
            "requestParameters.policyArn",
            "requestParameters.roleName",
            "requestParameters.policyName",
            "responseElements.accessKey.userName",
            "responseElements.accessKey.accessKeyId",
            "responseElements.user.arn",
            "responseElements.user.userName",
            "responseElements.userId",
            "responseElements.role.arn",
        ],
    ),
    (
        "ec2.amazonaws.com",
        &[
            "requestParameters.groupId",
            "requestParameters.groupName",
            "requestParameters.roleName",
            "requestParameters.subnetId",
            "requestParameters.volumeId",
            "requestParameters.networkInterfaceId",
            "requestParameters.vpcId",
            "requestParameters.snapshotId",
            "responseElements.groupId",
            "responseElements.reservationId",
            "responseElements.vpc.vpcId",
            "responseElements.vpc.dhcpOptionsId",
            "responseElements.snapshotId",
            "responseElements.volumeId",
        ],
    ),
    ("s3.amazonaws.com", &["requestParameters.bucketName"]),
    (
        "cloudtrail.amazonaws.com",
        &[
            "requestParameters.name",
            "requestParameters.s3BucketName",
            "responseElements.cloudWatchLogsLogGroupArn",
            "responseElements.cloudWatchLogsRoleArn",
            "responseElements.kmsKeyId",
            "responseElements.snsTopicARN",
            "responseElements.trailARN",
            "responseElements.name",
        ],
    ),
    (
        "kms.amazonaws.com",
        &[
            "requestParameters.keyId",
            "responseElements.keyId",
            "responseElements.keyMetadata.arn",
            "responseElements.keyMetadata.keyId",
        ],
    ),
    (
        "config.amazonaws.com",
        &["requestParameters.configurationRecorderName"],
    ),
    (
        "lambda.amazonaws.com",
        &[
            "requestParameters.functionName",
            "responseElements.functionArn",
            "responseElements.functionName",
            "responseElements.role",
        ],
    ),
    (
        "rds.amazonaws.com",
        &[
            "requestParameters.dBInstanceArn",
            "requestParameters.dBInstanceIdentifier",
            "responseElements.dBInstanceIdentifier",
            "responseElements.dbInstanceArn",
            "responseElements.dBSubnetGroup.vpcId",
        ],
    ),
];

/// Per-service lists whose items each add members, from 2.44.0-preview01
/// on: `(eventSource, list path, item paths)`.
pub const LISTS_BY_SOURCE: &[(&str, &str, &[&str])] = &[
    (
        "ec2.amazonaws.com",
        "responseElements.securityGroupRuleSet.items",
        &[
            "groupId",
            "referencedGroupInfo.groupId",
            "securityGroupRuleId",
        ],
    ),
    (
        "ec2.amazonaws.com",
        "responseElements.groupSet.items",
        &["groupId"],
    ),
    (
        "ec2.amazonaws.com",
        "requestParameters.groupSet.items",
        &["groupId"],
    ),
    (
        "ec2.amazonaws.com",
        "requestParameters.instancesSet.items",
        &["instanceId"],
    ),
    (
        "ec2.amazonaws.com",
        "responseElements.instancesSet.items",
        &[
            "subnetId",
            "vpcId",
            "instanceId",
            "imageId",
            "iamInstanceProfile.arn",
        ],
    ),
    (
        "ec2.amazonaws.com",
        "responseElements.revokedSecurityGroupRuleSet.items",
        &["securityGroupRuleId", "groupId"],
    ),
    (
        "rds.amazonaws.com",
        "responseElements.dBSubnetGroup.subnets",
        &["subnetIdentifier"],
    ),
    (
        "rds.amazonaws.com",
        "responseElements.vpcSecurityGroups",
        &["vpcSecurityGroupId"],
    ),
];
