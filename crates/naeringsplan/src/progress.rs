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
                    std::thread::sleep(Duration::from_millis(200));
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
