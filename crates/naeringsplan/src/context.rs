//! What every command needs: where the store is, which plan, and opening both.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use plan::Plan;
use store::Store;

use crate::progress::RegisterBar;

/// Global options shared by all commands.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--db`: store location.
    pub db: Option<String>,
    /// `--plan`: a plan file instead of the embedded default.
    pub plan: Option<PathBuf>,
    /// `--demo-register`: which synthetic register fills an empty store.
    pub demo_register: DemoRegister,
    /// `--lang`: the language of the report and of messages (`None`: the plan's written
    /// standard).
    pub lang: Option<plan::Lang>,
}

/// `--demo-register`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoRegister {
    /// The plan's municipality, its peers and neighbours (and the municipalities of the example
    /// files' companies), each whole.
    Plan,
    /// Every municipality: the national 1.16 M enheter (benchmarks).
    National,
}

/// The steps of filling an empty store (`open_with_data`), and `serve`'s evaluation after them.
pub const DATA_STEPS: u32 = 3;

/// An open store with the plan loaded into it.
pub struct Context {
    pub store: Store,
    /// The plan version of `--plan` (or the embedded default), as stored.
    pub plan: Plan,
    /// Its key in the store (`store::plans`): the municipality code for a municipality's first
    /// plan, `{code}-{first year}-{last year}` for a later version.
    pub key: String,
}

impl Options {
    /// The store location: `--db`, `NAERINGSPLAN_DB`, or the user's data directory.
    pub fn db_location(&self) -> anyhow::Result<String> {
        if let Some(db) = &self.db {
            return Ok(db.clone());
        }
        let dir = dirs::data_dir()
            .context("cannot find your data directory; pass --db PATH or set NAERINGSPLAN_DB")?;
        Ok(dir
            .join("naeringsplan")
            .join("naeringsplan.db")
            .to_string_lossy()
            .into_owned())
    }

    /// The language of messages and the report: `--lang`, else the plan's written standard
    /// (*målform*), else bokmål.
    pub fn lang(&self) -> plan::Lang {
        self.lang.unwrap_or_else(|| {
            self.parse_plan()
                .map(|(_, _, p)| p.meta.language)
                .unwrap_or_default()
        })
    }

    /// The message `key` in [`Options::lang`] with text variables.
    pub fn say(&self, key: &str, args: &[(&str, String)]) -> String {
        say(self.lang(), key, args)
    }

    /// The plan source: (name for diagnostics, text).
    pub fn plan_source(&self) -> anyhow::Result<(String, String)> {
        match &self.plan {
            None => Ok((
                plan::EMBEDDED_DEFAULT_NAME.to_string(),
                plan::EMBEDDED_DEFAULT_SOURCE.to_string(),
            )),
            Some(path) => {
                let text =
                    read_plan_text(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                Ok((path.display().to_string(), text))
            }
        }
    }

    /// Parses the plan; a plan with problems is an error listing all of them.
    pub fn parse_plan(&self) -> anyhow::Result<(String, String, Plan)> {
        let (name, text) = self.plan_source()?;
        match plan::parse(&name, &text) {
            Ok(p) => Ok((name, text, p)),
            Err(d) => bail!("{}\n{d}", say(p_lang(self.lang), "cli-plan-problems", &[])),
        }
    }

    /// Opens the store, loads (or refreshes) the plan in it and reads it back.
    pub async fn open(&self) -> anyhow::Result<Context> {
        let (name, text, parsed) = self.parse_plan()?;
        let location = self.db_location()?;
        let store = Store::open(&location).await.with_context(|| {
            say(
                p_lang(self.lang),
                "cli-cannot-open-store",
                &[("location", location.to_string())],
            )
        })?;
        let load = store.load_plan(&parsed, &name, &text).await?;
        if load.created {
            tracing::info!(
                "store {location}: loaded plan {} ({}), {} actions",
                parsed.meta.title.nb,
                parsed.meta.municipality_name,
                load.actions_seeded
            );
        } else if load.updated {
            tracing::info!(
                "store {location}: plan file changed; plan updated, {} new actions added, edited actions kept",
                load.actions_seeded
            );
        }
        let plan = store
            .plan(&load.key)
            .await?
            .context("the plan vanished from the store")?;
        Ok(Context {
            store,
            plan,
            key: load.key,
        })
    }

    /// As [`Options::open`], and fills an empty store with the bundled statistics snapshot, the
    /// synthetic demo register and, for Asker, the synthetic example land sites and supplier
    /// ledger first (for the commands that compute from them; the demo register and the
    /// examples are skipped with `NAERINGSPLAN_NO_DEMO`), with progress bars on stderr.
    pub async fn open_with_data(&self) -> anyhow::Result<Context> {
        let ctx = self.open().await?;
        let bars = crate::progress::Bars::new(DATA_STEPS);
        self.fill(&ctx.store, &ctx.plan, &bars).await?;
        Ok(ctx)
    }

    /// The demo register's scope for `plan` (`--demo-register`).
    pub fn demo_scope(&self, plan: &Plan) -> app::brreg::DemoScope {
        match self.demo_register {
            DemoRegister::Plan => app::brreg::DemoScope::for_plan(plan),
            DemoRegister::National => app::brreg::DemoScope::National,
        }
    }

    /// Fills the store with the synthetic demo register when it has no register data (see
    /// [`app::brreg::ensure_demo`]), with a progress bar; the summary, if it did.
    pub async fn ensure_demo(&self, store: &Store, plan: &Plan) -> anyhow::Result<Option<String>> {
        Ok(app::brreg::ensure_demo(store, &self.demo_scope(plan), RegisterBar::shared()).await?)
    }

    /// Steps 1–3 of a first start, each told to `steps`: the statistics snapshot, the demo
    /// register, the example registers. Each does nothing when its data is there.
    pub async fn fill(
        &self,
        store: &Store,
        plan: &Plan,
        steps: &dyn crate::progress::Steps,
    ) -> anyhow::Result<()> {
        crate::snapshot::ensure(store, steps).await?;
        if app::brreg::needs_demo(store).await? {
            let scope = self.demo_scope(plan);
            steps.begin(2, "startup-step-demo-register", None);
            let done = app::brreg::ensure_demo(store, &scope, steps.register()).await?;
            steps.end();
            if let Some(done) = done {
                tracing::info!("{done}");
            }
        }
        steps.begin(3, "startup-step-examples", None);
        let examples = crate::cmd::local_registers::ensure_examples(store, plan).await;
        steps.end();
        for done in examples? {
            tracing::info!("empty register filled with the SYNTHETIC example data: {done}");
        }
        // The plan's own partner list (§5.7.1; real, not synthetic) for an empty register.
        if let Some(done) = app::partners::ensure_plan_partners(store, plan).await? {
            tracing::info!("{done}");
        }
        Ok(())
    }
}

/// A plan file as text. A file that is not UTF-8 text (a binary file, a file in Latin-1) is
/// refused with the byte offset of the first byte that is not, and its line and column (issue
/// 21: `check` on a binary file gave no position). The error does not name the file: callers
/// put it first (`FILE: error`).
/// The message `key` in `lang` with text variables.
pub fn say(lang: plan::Lang, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, i18n::Value<'_>)> = args
        .iter()
        .map(|(n, v)| (*n, i18n::Value::from(v.as_str())))
        .collect();
    i18n::tr_args(lang, key, &args)
}

/// `--lang` where the plan cannot be read (its own errors): bokmål by default.
fn p_lang(lang: Option<plan::Lang>) -> plan::Lang {
    lang.unwrap_or_default()
}

pub fn read_plan_text(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("kan ikke lese planfilen (cannot read the plan file): {e}"))?;
    let bad = match std::str::from_utf8(&bytes) {
        Ok(text) => match text.find('\0') {
            None => return Ok(text.to_string()),
            Some(at) => (at, "en NUL-byte (binærfil?)".to_string()),
        },
        Err(e) => {
            let at = e.valid_up_to();
            (at, format!("0x{:02X}, som ikke er gyldig UTF-8", bytes[at]))
        }
    };
    let (at, what) = bad;
    let before = &bytes[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(
        &before[before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1)..],
    )
    .chars()
    .count()
        + 1;
    Err(format!(
        "ikke en tekstfil i UTF-8: ved byte {at} (linje {line}, kolonne {col}) står {what}; lagre planen som UTF-8-tekst"
    ))
}
