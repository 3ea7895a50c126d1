//! Configuration from environment variables, read once at start-up.

use app::clock::{beijing, Clock};
use axum_client_ip::ClientIpSource;
use std::{net::SocketAddr, path::PathBuf};

#[derive(Clone, Debug)]
pub struct Config {
    pub site_addr: SocketAddr,
    pub database_url: String,
    /// Where QR codes and shared links point (e.g. https://zsb.tjhb.gov.cn); never taken from the Host header.
    pub public_base_url: String,
    /// The built site: `pkg/<build id>/` (bundle, CSS) and the files from `public/`.
    pub site_root: PathBuf,
    pub clock: Clock,
    /// Where a visitor's address comes from, for limits per address: the socket (`ConnectInfo`, the default), or
    /// the header the proxy in front sets (`RightmostXForwardedFor` behind nginx; see deploy/nginx.conf).
    pub client_ip_source: ClientIpSource,
    /// A developer's or a test's server (`PALM_DEVELOPMENT=1`): texts can be read at `/dev/outbox`. Never in
    /// production: the outbox holds the codes that prove residents' phones.
    pub development: bool,
    /// Load the demo petition history into a database without petitions on start (`PALM_DEMO_HISTORY=1`; `cargo
    /// xtask run` sets it for the embedded database).
    pub demo_history: bool,
    /// The gateway texts go through (`PALM_SMS_GATEWAY=aliyun`); `None`: the outbox table.
    pub sms_gateway: Option<crate::sms::aliyun::AliyunSettings>,
    /// Does the housekeeping chores (on unless `PALM_HOUSEKEEPING=0`). Off for a process whose fixed clock stands
    /// later than the other processes on its database (the browser tests' December servers): its chores would
    /// expire the others' sessions and guards as if weeks had passed for them too.
    pub housekeeping: bool,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into()).parse()?;
        let clock = match var("PALM_FIXED_TIME") {
            Some(at) => Clock::fixed(chrono::DateTime::parse_from_rfc3339(&at)?.with_timezone(&beijing())),
            None => Clock::system(),
        };
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/palm.db".into()),
            public_base_url: var("PUBLIC_BASE_URL")
                .unwrap_or_else(|| format!("http://{site_addr}"))
                .trim_end_matches('/')
                .to_string(),
            site_root: var("PALM_SITE_ROOT").unwrap_or_else(|| "target/site".into()).into(),
            client_ip_source: var("CLIENT_IP_SOURCE")
                .unwrap_or_else(|| "ConnectInfo".into())
                .parse()
                .map_err(|e| anyhow::anyhow!("CLIENT_IP_SOURCE: {e}"))?,
            development: var("PALM_DEVELOPMENT").is_some_and(|v| v == "1"),
            demo_history: var("PALM_DEMO_HISTORY").is_some_and(|v| v == "1"),
            housekeeping: var("PALM_HOUSEKEEPING").is_none_or(|v| v != "0"),
            sms_gateway: match var("PALM_SMS_GATEWAY").as_deref() {
                None => None,
                Some("aliyun") => {
                    let required =
                        |name: &str| var(name).ok_or_else(|| anyhow::anyhow!("PALM_SMS_GATEWAY=aliyun needs {name}"));
                    Some(crate::sms::aliyun::AliyunSettings {
                        endpoint: var("ALIYUN_SMS_ENDPOINT").unwrap_or_else(|| crate::sms::aliyun::ENDPOINT.into()),
                        access_key_id: required("ALIYUN_SMS_ACCESS_KEY_ID")?,
                        access_key_secret: required("ALIYUN_SMS_ACCESS_KEY_SECRET")?,
                        sign_name: required("ALIYUN_SMS_SIGN_NAME")?,
                        templates: crate::sms::aliyun::AliyunSettings::parse_templates(&required(
                            "ALIYUN_SMS_TEMPLATES",
                        )?)?,
                    })
                }
                Some(other) => anyhow::bail!("PALM_SMS_GATEWAY: {other} is not a gateway this server knows (aliyun)"),
            },
            site_addr,
            clock,
        })
    }

    /// The build id names the versioned asset folder, so assets can be cached for a year. Written by
    /// `cargo xtask` next to the bundle; a server without a built bundle still renders every page.
    pub fn build_id(&self) -> String {
        std::fs::read_to_string(self.site_root.join("build-id"))
            .map(|id| id.trim().to_string())
            .unwrap_or_else(|_| "dev".into())
    }
}
