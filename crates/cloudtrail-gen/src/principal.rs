//! Callers (CloudTrail `userIdentity`) of the synthetic organisation.

use crate::catalog::{
    Geo, ACCOUNTS, GEOS, HOME_REGIONS, ROLES, SERVICES, UA_CLI, UA_CONSOLE, UA_SDK, USERS,
};
use crate::rng::Rng;

/// `aws.cloudtrail.user_identity.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityKind {
    /// A long-term IAM user.
    IamUser,
    /// A role session.
    AssumedRole,
    /// The account root user.
    Root,
    /// An AWS service acting on the account's behalf (no ARN, no IP address).
    AwsService,
}

impl IdentityKind {
    /// The CloudTrail spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityKind::IamUser => "IAMUser",
            IdentityKind::AssumedRole => "AssumedRole",
            IdentityKind::Root => "Root",
            IdentityKind::AwsService => "AWSService",
        }
    }
}

/// One caller and everything needed to render its identity fields.
#[derive(Clone, Debug)]
pub struct Principal {
    /// Identity type.
    pub kind: IdentityKind,
    /// `cloud.account.id`.
    pub account: &'static str,
    /// `aws.cloudtrail.user_identity.arn` (absent for AWS services).
    pub arn: Option<String>,
    /// `user.name`.
    pub user_name: Option<String>,
    /// `user.id` (the principal id).
    pub principal_id: Option<String>,
    /// `aws.cloudtrail.user_identity.access_key_id`.
    pub access_key_id: Option<String>,
    /// Session issuer (role) ARN of an assumed role.
    pub issuer_arn: Option<String>,
    /// `aws.cloudtrail.user_identity.invoked_by` of an AWS service.
    pub invoked_by: Option<&'static str>,
    /// `user_agent.original` (may contain `{cmd}`).
    pub user_agent: &'static str,
    /// Regions this caller usually works in.
    pub home_regions: Vec<&'static str>,
    /// Source addresses (IPv4 literals).
    pub ips: Vec<String>,
    /// Enrichment of the source addresses.
    pub geo: &'static Geo,
}

/// A random access-key-like identifier: `prefix` plus 16 base-32 characters.
pub fn key_id(rng: &mut Rng, prefix: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut s = String::with_capacity(prefix.len() + 16);
    s.push_str(prefix);
    for _ in 0..16 {
        s.push(char::from(ALPHABET[rng.index(32)]));
    }
    s
}

/// A random public-looking IPv4 address whose first octet is one of `firsts`.
pub fn ipv4(rng: &mut Rng, firsts: &[u8]) -> String {
    let a = rng.pick(firsts).copied().unwrap_or(52);
    format!(
        "{a}.{}.{}.{}",
        rng.below(256),
        rng.below(256),
        1 + rng.below(254)
    )
}

const CLOUD_OCTETS: &[u8] = &[3, 13, 18, 34, 35, 44, 52, 54, 81, 91, 100];

fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

impl Principal {
    fn base(rng: &mut Rng, kind: IdentityKind, account: &'static str) -> Principal {
        let n_regions = 1 + rng.index(3);
        let n_ips = 1 + rng.index(2);
        Principal {
            kind,
            account,
            arn: None,
            user_name: None,
            principal_id: None,
            access_key_id: None,
            issuer_arn: None,
            invoked_by: None,
            user_agent: "",
            home_regions: rng.sample(HOME_REGIONS, n_regions),
            ips: (0..n_ips).map(|_| ipv4(rng, CLOUD_OCTETS)).collect(),
            geo: rng.pick(GEOS).unwrap_or(&crate::catalog::RECON_GEO),
        }
    }

    /// An IAM user `name` of `account`.
    pub fn iam_user(rng: &mut Rng, account: &'static str, name: &str) -> Principal {
        let mut p = Principal::base(rng, IdentityKind::IamUser, account);
        p.arn = Some(format!("arn:aws:iam::{account}:user/{name}"));
        p.user_name = Some(name.to_string());
        p.principal_id = Some(key_id(rng, "AIDA"));
        p.access_key_id = Some(key_id(rng, "AKIA"));
        let pool = [UA_CLI, UA_SDK, UA_SDK].concat();
        p.user_agent = pick_str(rng, &pool);
        p
    }

    /// A session `session` of role `role` in `account`.
    pub fn role_session(
        rng: &mut Rng,
        account: &'static str,
        role: &str,
        session: &str,
    ) -> Principal {
        let mut p = Principal::base(rng, IdentityKind::AssumedRole, account);
        p.arn = Some(format!(
            "arn:aws:sts::{account}:assumed-role/{role}/{session}"
        ));
        p.issuer_arn = Some(format!("arn:aws:iam::{account}:role/{role}"));
        p.principal_id = Some(format!("{}:{session}", key_id(rng, "AROA")));
        p.access_key_id = Some(key_id(rng, "ASIA"));
        // `user.name` comes from `sessionContext.sessionIssuer.userName`, the role name.
        p.user_name = Some(role.to_string());
        let pool = [UA_SDK, UA_SDK, UA_CLI, UA_CONSOLE].concat();
        p.user_agent = pick_str(rng, &pool);
        p
    }

    fn root(rng: &mut Rng, account: &'static str) -> Principal {
        let mut p = Principal::base(rng, IdentityKind::Root, account);
        p.arn = Some(format!("arn:aws:iam::{account}:root"));
        p.principal_id = Some(account.to_string());
        p.user_name = Some("root".to_string());
        p.access_key_id = Some(key_id(rng, "ASIA"));
        p.user_agent = pick_str(rng, UA_CONSOLE);
        p
    }

    fn service(rng: &mut Rng, account: &'static str, service: &'static str) -> Principal {
        let mut p = Principal::base(rng, IdentityKind::AwsService, account);
        p.invoked_by = Some(service);
        p.user_agent = service;
        p.ips.clear();
        p
    }
}

/// A random role session name.
pub fn session_name(rng: &mut Rng) -> String {
    match rng.index(5) {
        0 => {
            let mut s = String::from("i-0");
            rng.hex(16, &mut s);
            s
        }
        1 => format!("{}-session", pick_str(rng, USERS)),
        2 => format!("botocore-session-{}", 1_714_000_000 + rng.below(2_000_000)),
        3 => "GitHubActions".to_string(),
        _ => format!("{}@corp.example", pick_str(rng, USERS)),
    }
}

/// The callers of the background noise, with cumulative selection weights (heavy-tailed activity).
#[derive(Debug)]
pub struct Population {
    /// Every caller.
    pub members: Vec<Principal>,
    cumulative: Vec<f64>,
}

impl Population {
    /// Builds the organisation: per account a random subset of users, one to three sessions per role,
    /// a root user and the service principals.
    pub fn build(rng: &mut Rng) -> Population {
        let mut members = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        for &account in ACCOUNTS {
            let mut add = |rng: &mut Rng, p: Principal, base: f64| {
                // Pareto-like activity: most callers are quiet, a few are very busy.
                let u = rng.unit().max(1e-9);
                total += base * (0.2 + u.powf(-1.0 / 1.5));
                cumulative.push(total);
                members.push(p);
            };
            for name in USERS {
                if rng.chance(0.5) {
                    let p = Principal::iam_user(rng, account, name);
                    add(rng, p, 1.0);
                }
            }
            for role in ROLES {
                for _ in 0..1 + rng.index(3) {
                    let session = session_name(rng);
                    let p = Principal::role_session(rng, account, role, &session);
                    add(rng, p, 1.6);
                }
            }
            let p = Principal::root(rng, account);
            add(rng, p, 0.02);
            for service in SERVICES {
                let p = Principal::service(rng, account, service);
                add(rng, p, 0.12);
            }
        }
        Population {
            members,
            cumulative,
        }
    }

    /// A caller drawn by activity weight.
    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.members.len().saturating_sub(1))
    }
}
