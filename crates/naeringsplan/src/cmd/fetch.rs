//! `naeringsplan fetch`: the configured SSB tables and KLASS classifications, online.
//!
//! Reads the sources config (`data/sources.toml`, compiled in; `--sources FILE` for another),
//! asks SSB's PxWebApi v2 `/config` for its rate limit (default 30 calls per 60 s), then fetches
//! every table (v2 GET or v0 POST, `json-stat2`) and KLASS codes and changes, with a timeout,
//! retries with exponential backoff on 429/5xx/timeouts (honouring `Retry-After`), and a
//! progress bar. Each raw response is written to the cache and imported in its own transaction
//! with its URL as provenance. Offline (connection refused, DNS failure) it says so in one line
//! and exits 0: the snapshot in the store keeps serving.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use store::observations::ImportOptions;

use crate::context::Options;

/// The bundled sources config.
pub const BUNDLED_SOURCES: &str = include_str!("../../../../data/sources.toml");

/// Options of `fetch`.
#[derive(clap::Args, Debug)]
pub struct FetchArgs {
    /// SSB's address (tests point it at a local server).
    #[arg(
        long,
        env = "NAERINGSPLAN_SSB_BASE_URL",
        default_value = "https://data.ssb.no"
    )]
    pub base_url: String,
    /// A sources config instead of the bundled data/sources.toml.
    #[arg(long, value_name = "FILE")]
    pub sources: Option<PathBuf>,
    /// Where raw responses are kept. Default: naeringsplan/cache in your data directory.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Only these table ids (repeatable); KLASS is always fetched unless --no-klass.
    #[arg(long = "table", value_name = "ID")]
    pub tables: Vec<String>,
    /// Skip KLASS.
    #[arg(long)]
    pub no_klass: bool,
}

#[derive(Debug, Deserialize)]
struct Sources {
    #[serde(default)]
    limits: Limits,
    #[serde(default, rename = "table")]
    tables: Vec<TableSource>,
    #[serde(default)]
    klass: Vec<KlassSource>,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct Limits {
    max_calls: usize,
    time_window_seconds: u64,
    timeout_seconds: u64,
    retries: u32,
    backoff_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_calls: 30,
            time_window_seconds: 60,
            timeout_seconds: 60,
            retries: 5,
            backoff_ms: 500,
        }
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct TableSource {
    id: String,
    #[serde(default)]
    series: Vec<String>,
    #[serde(default = "v2")]
    api: String,
    #[serde(default)]
    params: Vec<(String, String)>,
    body: Option<String>,
    #[serde(default = "yes")]
    verified: bool,
    /// SSB's title (shown by `naeringsplan sources`).
    #[serde(default)]
    title: Option<String>,
    /// Where the table id and codes were seen (see data/sources.toml).
    #[serde(default)]
    evidence: Vec<String>,
    /// What is known and what was corrected.
    #[serde(default)]
    note: Option<String>,
    /// Table ids this one replaces (e.g. 13563 for 10540).
    #[serde(default)]
    replaces: Vec<String>,
}

fn v2() -> String {
    "v2".to_owned()
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
struct KlassSource {
    classification: String,
    from: String,
    to: String,
}

/// One request to make.
struct Request {
    label: String,
    url: String,
    body: Option<String>,
}

/// Calls per time window, as SSB asks.
struct RateLimit {
    max: usize,
    window: Duration,
    calls: VecDeque<Instant>,
}

impl RateLimit {
    async fn wait(&mut self) {
        let now = Instant::now();
        while self
            .calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            self.calls.pop_front();
        }
        if self.calls.len() >= self.max.max(1)
            && let Some(first) = self.calls.front()
        {
            let until = *first + self.window;
            tokio::time::sleep(until.saturating_duration_since(Instant::now())).await;
            self.calls.pop_front();
        }
        self.calls.push_back(Instant::now());
    }
}

/// Why a request failed.
enum FetchError {
    /// No network: connection refused, DNS failure.
    Offline(String),
    /// Anything else (HTTP status after retries, timeout after retries, …).
    Other(String),
}

fn offline_reason(e: &reqwest::Error) -> Option<String> {
    if e.is_connect() {
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            msg = s.to_string();
            src = s.source();
        }
        return Some(msg);
    }
    None
}

async fn send(
    client: &reqwest::Client,
    limit: &mut RateLimit,
    limits: &Limits,
    req: &Request,
) -> Result<Vec<u8>, FetchError> {
    let mut attempt = 0u32;
    loop {
        limit.wait().await;
        let builder = match &req.body {
            Some(b) => client
                .post(&req.url)
                .header("Content-Type", "application/json")
                .body(b.clone()),
            None => client.get(&req.url),
        }
        .header("Accept", "application/json");
        let retry_after;
        match builder.send().await {
            Ok(resp) => {
                let status = resp.status();
                if status.is_success() {
                    return resp
                        .bytes()
                        .await
                        .map(|b| b.to_vec())
                        .map_err(|e| FetchError::Other(e.to_string()));
                }
                if !(status.as_u16() == 429 || status.is_server_error()) {
                    let text = resp.text().await.unwrap_or_default();
                    return Err(FetchError::Other(format!(
                        "HTTP {status}: {}",
                        text.chars().take(200).collect::<String>()
                    )));
                }
                retry_after = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                if attempt >= limits.retries {
                    return Err(FetchError::Other(format!(
                        "HTTP {status} after {} attempts",
                        attempt + 1
                    )));
                }
            }
            Err(e) => {
                if let Some(reason) = offline_reason(&e) {
                    return Err(FetchError::Offline(reason));
                }
                if attempt >= limits.retries || !(e.is_timeout() || e.is_request()) {
                    return Err(FetchError::Other(e.to_string()));
                }
                retry_after = None;
            }
        }
        let backoff = Duration::from_millis(limits.backoff_ms.saturating_mul(1 << attempt.min(10)));
        tokio::time::sleep(retry_after.unwrap_or(backoff).min(Duration::from_secs(120))).await;
        attempt += 1;
    }
}

fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(url)
}

/// A file-name-safe, stable name for a cached response.
fn cache_name(label: &str, url: &str, body: Option<&str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.bytes().chain(body.unwrap_or("").bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let safe: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{safe}_{h:016x}.json")
}

fn query_string(params: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'*' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    params
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn run(opts: &Options, args: &FetchArgs) -> anyhow::Result<ExitCode> {
    let text = match &args.sources {
        Some(p) => std::fs::read_to_string(p)
            .with_context(|| format!("cannot read the sources file {}", p.display()))?,
        None => BUNDLED_SOURCES.to_owned(),
    };
    let sources: Sources = toml::from_str(&text).context("the sources config is invalid")?;
    let base = args.base_url.trim_end_matches('/').to_owned();
    let limits = &sources.limits;
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(limits.timeout_seconds))
        .user_agent(concat!("naeringsplan/", env!("CARGO_PKG_VERSION")))
        .build()?;
    let mut limit = RateLimit {
        max: limits.max_calls,
        window: Duration::from_secs(limits.time_window_seconds),
        calls: VecDeque::new(),
    };

    // SSB's rate limit, from /config (falls back to the config's limits).
    let config_url = format!("{base}/api/pxwebapi/v2/config");
    match send(
        &client,
        &mut limit,
        limits,
        &Request {
            label: "config".into(),
            url: config_url.clone(),
            body: None,
        },
    )
    .await
    {
        Ok(bytes) => {
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                if let Some(m) = v.get("maxCallsPerTimeWindow").and_then(|m| m.as_u64()) {
                    limit.max = m as usize;
                }
                if let Some(w) = v.get("timeWindow").and_then(|w| w.as_u64()) {
                    limit.window = Duration::from_secs(w);
                }
            }
        }
        Err(FetchError::Offline(reason)) => {
            println!(
                "naeringsplan fetch: ingen nettforbindelse til {} ({reason}); øyeblikksbildet i lageret brukes fortsatt.",
                host_of(&config_url)
            );
            return Ok(ExitCode::SUCCESS);
        }
        Err(FetchError::Other(e)) => {
            tracing::warn!(
                "could not read SSB's /config ({e}); using {} calls per {:?}",
                limit.max,
                limit.window
            );
        }
    }

    let mut requests = Vec::new();
    for t in &sources.tables {
        if !args.tables.is_empty() && !args.tables.contains(&t.id) {
            continue;
        }
        match t.api.as_str() {
            "v0" => requests.push(Request {
                label: format!("ssb_{}", t.id),
                url: format!("{base}/api/v0/no/table/{}", t.id),
                body: Some(t.body.clone().unwrap_or_default()),
            }),
            _ => {
                let mut params = vec![
                    ("lang".to_owned(), "no".to_owned()),
                    ("outputFormat".to_owned(), "json-stat2".to_owned()),
                ];
                params.extend(t.params.iter().cloned());
                requests.push(Request {
                    label: format!("ssb_{}", t.id),
                    url: format!(
                        "{base}/api/pxwebapi/v2/tables/{}/data?{}",
                        t.id,
                        query_string(&params)
                    ),
                    body: None,
                });
            }
        }
    }
    if !args.no_klass {
        for k in &sources.klass {
            for what in ["codes", "changes"] {
                requests.push(Request {
                    label: format!("klass{}_{what}", k.classification),
                    url: format!(
                        "{base}/api/klass/v1/classifications/{}/{what}?from={}&to={}",
                        k.classification, k.from, k.to
                    ),
                    body: None,
                });
            }
        }
    }

    let cache = match &args.cache_dir {
        Some(d) => d.clone(),
        None => dirs::data_dir()
            .context("no data directory; pass --cache-dir")?
            .join("naeringsplan")
            .join("cache"),
    };
    std::fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create the cache {}", cache.display()))?;

    let ctx = opts.open().await?;
    crate::snapshot::ensure(&ctx.store, &crate::progress::Bars::new(1)).await?;
    let bar = ProgressBar::new(requests.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut failed = 0;
    for req in &requests {
        bar.set_message(req.label.clone());
        let name = cache_name(&req.label, &req.url, req.body.as_deref());
        let path = cache.join(&name);
        let bytes = match send(&client, &mut limit, limits, req).await {
            Ok(b) => {
                std::fs::write(&path, &b)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                b
            }
            Err(FetchError::Offline(reason)) => {
                bar.finish_and_clear();
                println!(
                    "naeringsplan fetch: nettforbindelsen til {} brøt ({reason}); det som er hentet er importert, øyeblikksbildet brukes for resten.",
                    host_of(&req.url)
                );
                ctx.store.close().await;
                return Ok(ExitCode::SUCCESS);
            }
            Err(FetchError::Other(e)) => {
                bar.suspend(|| eprintln!("{}: {e}", req.url));
                failed += 1;
                bar.inc(1);
                continue;
            }
        };
        let opts = ImportOptions {
            source_url: Some(match &req.body {
                Some(_) => format!("POST {}", req.url),
                None => req.url.clone(),
            }),
            synthetic: false,
        };
        match ctx.store.import_file(&name, &bytes, &opts).await {
            Ok(s) => bar.suspend(|| println!("{}", crate::cmd::import::describe(&s))),
            Err(e) => {
                bar.suspend(|| eprintln!("{} ({}): {e}", req.url, path.display()));
                failed += 1;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    ctx.store.close().await;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
