//! The `event.category` / `event.type` table of the integration's
//! categorisation script (AWS integration, `cloudtrail` data stream,
//! `default.yml`): IAM, STS, sign-in and S3 bucket actions. Every other
//! action keeps `event.type: ["info"]` and has no category.
//!
//! From 5.2.0 the table has more actions; [`NEWER`] holds those the
//! reference documents of these versions show (the full newer table was
//! not available). An entry there without types leaves no `event.type`.

use super::version::PipelineVersion;

/// `(eventName, category, type)`, sorted by event name.
const TABLE: &[(&str, &[&str], &[&str])] = &[
    ("AddUserToGroup", &["iam"], &["group", "change"]),
    ("AssumeRole", &["authentication"], &["info"]),
    ("AttachGroupPolicy", &["iam"], &["group", "change"]),
    ("AttachUserPolicy", &["iam"], &["user", "change"]),
    ("ChangePassword", &["iam"], &["user", "change"]),
    ("ConsoleLogin", &["authentication"], &["info"]),
    ("CreateAccessKey", &["iam"], &["user", "change"]),
    ("CreateBucket", &["file"], &["creation"]),
    ("CreateGroup", &["iam"], &["group", "creation"]),
    ("CreateKeyPair", &["iam"], &["admin", "creation"]),
    ("CreateUser", &["iam"], &["user", "creation"]),
    ("CreateVirtualMFADevice", &["iam"], &["user", "change"]),
    ("DeactivateMFADevice", &["iam"], &["user", "change"]),
    ("DeleteAccessKey", &["iam"], &["user", "change"]),
    ("DeleteBucket", &["file"], &["deletion"]),
    ("DeleteGroup", &["iam"], &["group", "deletion"]),
    ("DeleteGroupPolicy", &["iam"], &["group", "change"]),
    ("DeleteSSHPublicKey", &["iam"], &["user", "change"]),
    ("DeleteUser", &["iam"], &["user", "deletion"]),
    (
        "DeleteUserPermissionsBoundary",
        &["iam"],
        &["user", "change"],
    ),
    ("DeleteUserPolicy", &["iam"], &["user", "change"]),
    ("DeleteVirtualMFADevice", &["iam"], &["user", "change"]),
    ("DetachGroupPolicy", &["iam"], &["group", "change"]),
    ("DetachUserPolicy", &["iam"], &["user", "change"]),
    ("EnableMFADevice", &["iam"], &["user", "change"]),
    ("GetGroup", &["iam"], &["group", "info"]),
    ("GetGroupPolicy", &["iam"], &["group", "info"]),
    ("GetUser", &["iam"], &["user", "info"]),
    ("GetUserPolicy", &["iam"], &["user", "info"]),
    ("ListAttachedGroupPolicies", &["iam"], &["group", "info"]),
    ("ListAttachedUserPolicies", &["iam"], &["user", "info"]),
    ("ListGroupPolicies", &["iam"], &["group", "info"]),
    ("ListGroups", &["iam"], &["group", "info"]),
    ("ListGroupsForUser", &["iam"], &["user", "info"]),
    ("ListUserPolicies", &["iam"], &["user", "info"]),
    ("ListUserTags", &["iam"], &["user", "info"]),
    ("ListUsers", &["iam"], &["user", "info"]),
    ("PutGroupPolicy", &["iam"], &["group", "change"]),
    ("PutUserPermissionsBoundary", &["iam"], &["user", "change"]),
    ("PutUserPolicy", &["iam"], &["user", "change"]),
    ("RemoveUserFromGroup", &["iam"], &["group", "change"]),
    ("SetDefaultPolicyVersion", &["iam"], &["admin", "change"]),
    (
        "SetSecurityTokenServicePreferences",
        &["iam"],
        &["admin", "change"],
    ),
    ("TagUser", &["iam"], &["user", "change"]),
    ("UntagUser", &["iam"], &["user", "change"]),
    ("UpdateAccessKey", &["iam"], &["user", "change"]),
    (
        "UpdateAccountPasswordPolicy",
        &["iam"],
        &["admin", "change"],
    ),
    ("UpdateGroup", &["iam"], &["group", "change"]),
    ("UpdateLoginProfile", &["iam"], &["user", "change"]),
    ("UpdateRole", &["iam"], &["admin", "change"]),
    ("UpdateSSHPublicKey", &["iam"], &["user", "change"]),
    ("UpdateUser", &["iam"], &["user", "change"]),
];

/// Categories and, when the entry sets them, types.
pub type Categorization = (&'static [&'static str], Option<&'static [&'static str]>);

/// Actions added to the table in 5.2.0: `(eventName, category, type)`,
/// sorted by event name.
const NEWER: &[(&str, Categorization)] = &[
    ("PutObject", (&["file"], Some(&["change"]))),
    ("SendCommand", (&["process"], None)),
    ("StartSession", (&["session"], Some(&["start"]))),
];

/// What the table of `version` says of `action`: its categories and its
/// types (`None`: the entry sets no type).
pub fn categorize_in(action: &str, version: PipelineVersion) -> Option<Categorization> {
    if version >= PipelineVersion::V5_2_0 {
        if let Some((_, entry)) = NEWER.iter().find(|(name, _)| *name == action) {
            return Some(*entry);
        }
    }
    categorize(action).map(|(c, t)| (c, Some(t)))
}

/// The `event.category` and `event.type` of an action listed in the table.
pub fn categorize(action: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    TABLE
        .binary_search_by(|(name, _, _)| (*name).cmp(action))
        .ok()
        .and_then(|i| TABLE.get(i))
        .map(|(_, c, t)| (*c, *t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_found() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            categorize("CreateUser"),
            Some((&["iam"][..], &["user", "creation"][..]))
        );
        assert_eq!(
            categorize("DeleteBucket"),
            Some((&["file"][..], &["deletion"][..]))
        );
        assert_eq!(categorize("GetServiceQuota"), None);
    }

    #[test]
    fn newer_entries_by_version() {
        assert!(NEWER.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(categorize_in("PutObject", PipelineVersion::V3_8_0), None);
        let old = PipelineVersion::V3_8_0;
        assert_eq!(categorize_in("StartSession", old), None);
        assert_eq!(
            categorize_in("StartSession", PipelineVersion::V5_2_0),
            Some((&["session"][..], Some(&["start"][..])))
        );
        assert_eq!(
            categorize_in("SendCommand", PipelineVersion::NEWEST),
            Some((&["process"][..], None))
        );
        assert_eq!(
            categorize_in("CreateUser", old),
            Some((&["iam"][..], Some(&["user", "creation"][..])))
        );
    }
}
