//! The browser tests (tests/browser/): axe-core WCAG 2.1 A/AA checks of every public page, a
//! staff edit flow, keyboard-only use — in headless Debian chromium via playwright-core. This
//! test runs `tests/browser/run.sh` with the binary cargo just built, so `cargo test` covers them.
//!
//! Needs `/usr/bin/chromium` and `npm ci` in tests/browser (`.ci/run` installs both). Without
//! them the test fails under CI (`CI` set) and is skipped with a message elsewhere.

use std::path::Path;
use std::process::Command;

#[test]
fn browser_tests_pass_in_headless_chromium() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&chromium).exists()
        && dir.join("node_modules/playwright-core").exists()
        && dir.join("node_modules/axe-core").exists()
        && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        let msg = "browser tests need chromium, node and `npm ci` in tests/browser (.ci/run installs them)";
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    }
    let out = Command::new("bash")
        .arg(dir.join("run.sh"))
        .env("NAERINGSPLAN_BIN", env!("CARGO_BIN_EXE_naeringsplan"))
        // The synthetic demo register takes a minute to generate in a debug build; the browser
        // tests do not need it.
        .env("NAERINGSPLAN_NO_DEMO", "1")
        .env_remove("NAERINGSPLAN_DB")
        .env_remove("NAERINGSPLAN_PLAN")
        .output()
        .expect("run tests/browser/run.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser tests failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
