//! The versions of Elastic's AWS integration package whose `cloudtrail`
//! ingest pipeline the converter can emulate, and the options that
//! pipeline takes. Each rule that changed between versions asks
//! [`PipelineVersion`] in the file that implements it.
//!
//! How each version was pinned (the reference documents come from commits
//! of `elastic/integrations`; a commit's own `packages/aws/changelog.yml`
//! names the version it was preparing):
//!
//! * `2.25.0-preview01`: commit 0046748f, whose changelog's top entry is
//!   that version ("Add related.entity field"); the oldest supported.
//! * `2.44.0-preview01`: commit 182ce369 (changelog not available). Its
//!   documents carry the first draft of the actor/target fields
//!   (`entity.actor`, `entity.targets`) and an unsorted `related.entity`
//!   without access keys, so it sits between 2.26.0 (sorted
//!   `related.entity`) and the branch of commit 02e75ada; named after the
//!   release that shipped the finished fields, as a preview of it.
//! * `2.44.0`: commit 02e75ada, whose changelog calls the actor/target
//!   change (`actor.entity.id`, `target.entity.id`) "2.32.0" on its branch;
//!   released as 2.44.0 ("Add `actor.entity.id` and `target.entity.id`").
//!   Commits 275b3152, 01b6652f and 088f4c1e produce the same fields by the
//!   same rules and are taken as the same version.
//! * `3.8.0`: commit 04e9c0f8, whose changelog has "3.5.0: Standardize user
//!   fields processing across integrations" with a placeholder pull
//!   request; released as 3.8.0 under that title. From here the
//!   actor/target fields need the `actor_target_mapping` tag.
//! * `5.2.0`: commit 0f775e78 (changelog not available). Its documents have
//!   the type-specific entity fields of 4.7.0 (`host.target.entity.id`,
//!   `user.entity.id`), `user.email` without splitting `user.name` (5.2.0,
//!   "Normalize user fields") and no `host.id` (added in 6.4.0).
//! * `6.4.0`: commit 17c5e852 (changelog not available): `host.id` next to
//!   `host.target.entity.id`, added in 6.4.0 and reverted in 6.20.1.
//! * `7.0.0`: commit 058af15f (changelog not available): the assumed-role
//!   session name still in `user.changes.name`, which 7.1.0 stopped; taken
//!   as the last version before that change.
//! * `7.2.0`: commit 10462950, whose changelog's top entry is 7.2.0.
//! * `7.3.0`: commit 26d81e1f (changelog not available), the newest
//!   reference: `cloud.provider`, `cloud.service.name` and `related.ip`,
//!   which no earlier reference has; taken as the release after 7.2.0.

use std::fmt;

/// An AWS integration package version whose CloudTrail pipeline the
/// converter emulates. Ordered from oldest to newest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PipelineVersion {
    /// `2.25.0-preview01`: the `entity` sub-pipeline's first form (sorted
    /// `related.entity`, per-event lists).
    V2_25_0Preview01,
    /// `2.44.0-preview01`: first draft of the actor/target fields.
    V2_44_0Preview01,
    /// `2.44.0`: `actor.entity.id`, `target.entity.id`.
    V2_44_0,
    /// `3.8.0`: standardised user fields, actor/target behind a tag.
    V3_8_0,
    /// `5.2.0`: type-specific entity fields, normalised user fields, the
    /// larger categorisation table.
    V5_2_0,
    /// `6.4.0`: `host.id` from host targets.
    V6_4_0,
    /// `7.0.0`: `host.id` gone again.
    V7_0_0,
    /// `7.2.0`: session names in `related.user`, no `user.changes.name`.
    V7_2_0,
    /// `7.3.0`: `cloud.provider`, `cloud.service.name`, `related.ip`.
    #[default]
    V7_3_0,
}

/// Every supported version with its name, oldest first.
pub const VERSIONS: &[(PipelineVersion, &str)] = &[
    (PipelineVersion::V2_25_0Preview01, "2.25.0-preview01"),
    (PipelineVersion::V2_44_0Preview01, "2.44.0-preview01"),
    (PipelineVersion::V2_44_0, "2.44.0"),
    (PipelineVersion::V3_8_0, "3.8.0"),
    (PipelineVersion::V5_2_0, "5.2.0"),
    (PipelineVersion::V6_4_0, "6.4.0"),
    (PipelineVersion::V7_0_0, "7.0.0"),
    (PipelineVersion::V7_2_0, "7.2.0"),
    (PipelineVersion::V7_3_0, "7.3.0"),
];

impl PipelineVersion {
    /// The newest supported version (the default).
    pub const NEWEST: PipelineVersion = PipelineVersion::V7_3_0;

    /// The package version number, e.g. `7.3.0`.
    pub fn name(self) -> &'static str {
        VERSIONS
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("?", |(_, name)| name)
    }

    /// The version named `text` (surrounding spaces and a leading `v`
    /// ignored). An unknown name is an error that lists the supported
    /// ones, and says so when `text` is older than the oldest.
    pub fn parse(text: &str) -> Result<PipelineVersion, crate::CloudTrailError> {
        let text = text.trim();
        let bare = text.strip_prefix('v').unwrap_or(text);
        if let Some((v, _)) = VERSIONS.iter().find(|(_, name)| *name == bare) {
            return Ok(*v);
        }
        let known: Vec<&str> = VERSIONS.iter().map(|(_, n)| *n).collect();
        let older = match (numbers(bare), VERSIONS.first().map(|(_, n)| numbers(n))) {
            (Some(asked), Some(Some(oldest))) => asked < oldest,
            _ => false,
        };
        Err(crate::CloudTrailError::UnknownVersion {
            text: text.to_string(),
            older,
            supported: known,
        })
    }
}

/// `major.minor.patch` of a version name, pre-release suffix ignored.
fn numbers(name: &str) -> Option<(u32, u32, u32)> {
    let core = name.split('-').next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

impl fmt::Display for PipelineVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the pipeline runs: its version and the integration's options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PipelineOptions {
    /// The package version emulated.
    pub version: PipelineVersion,
    /// The `preserve_original_event` tag: keep the record's text in
    /// `event.original` and tag the document.
    pub preserve_original_event: bool,
    /// The `actor_target_mapping` tag, which turns on the actor/target
    /// fields from 3.8.0 on (earlier versions always write them).
    pub actor_target_mapping: bool,
}

impl PipelineOptions {
    /// The default options of `version`.
    pub fn of(version: PipelineVersion) -> PipelineOptions {
        PipelineOptions {
            version,
            ..PipelineOptions::default()
        }
    }

    /// True when the version is `v` or newer.
    pub fn at_least(&self, v: PipelineVersion) -> bool {
        self.version >= v
    }

    /// Whether the actor/target fields are written.
    pub fn maps_actor_target(&self) -> bool {
        if self.version < PipelineVersion::V2_44_0Preview01 {
            false
        } else if self.version < PipelineVersion::V3_8_0 {
            true
        } else {
            self.actor_target_mapping
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_order() {
        assert!(VERSIONS.windows(2).all(|w| w[0].0 < w[1].0));
        for (v, name) in VERSIONS {
            assert_eq!(PipelineVersion::parse(name), Ok(*v));
            assert_eq!(v.to_string(), *name);
        }
        assert_eq!(
            PipelineVersion::parse(" v7.2.0"),
            Ok(PipelineVersion::V7_2_0)
        );
        assert_eq!(PipelineVersion::default(), PipelineVersion::NEWEST);
    }

    #[test]
    fn unsupported_versions_are_named() {
        let old = PipelineVersion::parse("1.53.0").unwrap_err().to_string();
        assert!(old.contains("[1.53.0] is older than the oldest"), "{old}");
        assert!(old.contains("2.25.0-preview01, 2.44.0-preview01"), "{old}");
        let other = PipelineVersion::parse("4.0.0").unwrap_err().to_string();
        assert!(other.contains("[4.0.0] is not a supported"), "{other}");
        assert!(PipelineVersion::parse("latest").is_err());
    }

    #[test]
    fn actor_target_switch() {
        let mut o = PipelineOptions::of(PipelineVersion::V2_25_0Preview01);
        assert!(!o.maps_actor_target());
        o.version = PipelineVersion::V2_44_0;
        assert!(o.maps_actor_target());
        o.version = PipelineVersion::V3_8_0;
        assert!(!o.maps_actor_target());
        o.actor_target_mapping = true;
        assert!(o.maps_actor_target());
    }
}
