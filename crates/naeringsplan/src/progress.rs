//! The register import's progress bar on stderr (indicatif), the CLI's side of
//! [`app::brreg::Progress`]: the file name, bytes read of the file's size, rows read and rows per
//! second, time left. indicatif draws it only on a terminal. Malformed rows skipped with
//! `--skip-bad-rows` are printed on stderr once the bar is cleared.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use app::brreg::group_digits;

/// A progress bar for one register import.
#[derive(Default)]
pub struct RegisterBar {
    running: Mutex<Option<Running>>,
}

/// The bar being drawn and the thread that refreshes its row count.
struct Running {
    bar: indicatif::ProgressBar,
    done: Arc<AtomicBool>,
    ticker: JoinHandle<()>,
}

impl RegisterBar {
    /// A bar for [`app::brreg::import`], ready to share with the import.
    pub fn shared() -> Arc<dyn app::brreg::Progress> {
        Arc::new(RegisterBar::default())
    }
}

impl app::brreg::Progress for RegisterBar {
    fn start(&self, name: &str, len: u64, rows: Arc<AtomicU64>) {
        let started = Instant::now();
        let bar = progress_bar(len, name);
        let done = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (bar, done) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    let n = rows.load(Ordering::Relaxed);
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    bar.set_message(format!(
                        "{} rader, {} rader/s",
                        group_digits(n),
                        group_digits((n as f64 / secs) as u64)
                    ));
                    // Parked rather than asleep: `stop` wakes it, so ending a bar never
                    // waits out the interval.
                    std::thread::park_timeout(Duration::from_millis(200));
                }
            })
        };
        let old = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(Running { bar, done, ticker });
        if let Some(old) = old {
            old.stop();
        }
    }

    fn inc(&self, bytes: u64) {
        if let Some(r) = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            r.bar.inc(bytes);
        }
    }

    fn finish(&self) {
        let running = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(r) = running {
            r.stop();
        }
    }

    fn skipped(&self, line: &str) {
        eprintln!("{line}");
    }
}

impl Running {
    /// Stops the ticker and clears the bar.
    fn stop(self) {
        self.done.store(true, Ordering::Relaxed);
        self.ticker.thread().unpark();
        let _ = self.ticker.join();
        self.bar.finish_and_clear();
    }
}

fn progress_bar(size: u64, name: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::stderr_with_hz(5),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_string());
    bar
}

/// The steps of a long piece of work (filling an empty store, then `serve`'s first
/// evaluation), told to whoever shows them: [`Bars`] on the terminal, or the server's
/// "preparing data" page (`cmd::serve`).
pub trait Steps: Send + Sync {
    /// Step `number` begins: what it does (a message id of the translation files, said in lower
    /// case), and how many things it will count, when known. Raise the returned counter as they
    /// are done.
    fn begin(&self, number: u32, key: &'static str, total: Option<u64>) -> Arc<AtomicU64>;
    /// The register import's progress for the step under way: its rows read become the
    /// step's count.
    fn register(&self) -> Arc<dyn app::brreg::Progress>;
    /// The step under way ended.
    fn end(&self);
}

/// A [`app::brreg::Progress`] that hands the reader's row counter to `on_start`.
pub struct RowsOf<F>(pub F);

impl<F: Fn(Arc<AtomicU64>) + Send + Sync> app::brreg::Progress for RowsOf<F> {
    fn start(&self, _name: &str, _len: u64, rows: Arc<AtomicU64>) {
        (self.0)(rows)
    }
}

/// [`Steps`] as indicatif bars on stderr: a step's bar appears once it has run for a second
/// (quick steps draw nothing), with its count (of its total, when known) and the time taken;
/// indicatif draws only on a terminal.
pub struct Bars {
    of: u32,
    running: Mutex<Option<StepBar>>,
}

struct StepBar {
    counter: Arc<Mutex<Arc<AtomicU64>>>,
    done: Arc<AtomicBool>,
    ticker: JoinHandle<()>,
}

impl Bars {
    /// Bars for `of` steps.
    pub fn new(of: u32) -> Self {
        Bars {
            of,
            running: Mutex::new(None),
        }
    }
}

/// Runs `work` with a spinner on stderr saying `what` (Norwegian), drawn once the work has
/// taken a second: for the commands' long computations (the first evaluation of the
/// indicators, the ranking, comparisons).
pub async fn spinner<T>(what: &str, work: impl std::future::Future<Output = T>) -> T {
    let bars = Bars {
        of: 0,
        running: Mutex::new(None),
    };
    bars.start(what.to_string(), None, false);
    let out = work.await;
    bars.end();
    out
}

impl Bars {
    fn start(&self, prefix: String, total: Option<u64>, counted: bool) -> Arc<AtomicU64> {
        self.end();
        let count = Arc::new(AtomicU64::new(0));
        let counter = Arc::new(Mutex::new(count.clone()));
        let done = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (counter, done) = (counter.clone(), done.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                while started.elapsed() < Duration::from_secs(1) {
                    if done.load(Ordering::Relaxed) {
                        return;
                    }
                    // Parked, not asleep: `end` wakes it. (A 50 ms sleep here cost every CLI
                    // call up to 50 ms per step and spinner: issue 17's fast answers.)
                    std::thread::park_timeout(Duration::from_millis(50));
                }
                let bar = step_bar(total, prefix, counted);
                while !done.load(Ordering::Relaxed) {
                    let n = counter
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .load(Ordering::Relaxed);
                    bar.set_position(n);
                    bar.tick();
                    std::thread::park_timeout(Duration::from_millis(200));
                }
                bar.finish_and_clear();
            })
        };
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) = Some(StepBar {
            counter,
            done,
            ticker,
        });
        count
    }
}

impl Steps for Bars {
    fn begin(&self, number: u32, key: &'static str, total: Option<u64>) -> Arc<AtomicU64> {
        // The terminal speaks bokmål.
        let nb = i18n::tr(plan::Lang::Nb, key);
        let prefix = if self.of > 1 {
            format!("[{number}/{}] {nb}", self.of)
        } else {
            nb.to_string()
        };
        self.start(prefix, total, true)
    }

    fn register(&self) -> Arc<dyn app::brreg::Progress> {
        let counter = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|r| r.counter.clone());
        Arc::new(RowsOf(move |rows: Arc<AtomicU64>| {
            if let Some(c) = &counter {
                *c.lock().unwrap_or_else(|e| e.into_inner()) = rows;
            }
        }))
    }

    fn end(&self) {
        let running = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(r) = running {
            r.done.store(true, Ordering::Relaxed);
            r.ticker.thread().unpark();
            let _ = r.ticker.join();
        }
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        self.end();
    }
}

fn step_bar(total: Option<u64>, prefix: String, counted: bool) -> indicatif::ProgressBar {
    let target = indicatif::ProgressDrawTarget::stderr_with_hz(5);
    let (bar, template) = match total {
        Some(n) => (
            indicatif::ProgressBar::with_draw_target(Some(n), target),
            "{prefix} [{bar:30}] {pos}/{len} ({elapsed})",
        ),
        None if counted => (
            indicatif::ProgressBar::with_draw_target(None, target),
            "{prefix} {spinner} {human_pos} ({elapsed})",
        ),
        None => (
            indicatif::ProgressBar::with_draw_target(None, target),
            "{prefix} {spinner} ({elapsed})",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(prefix);
    bar
}
