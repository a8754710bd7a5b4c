//! `naeringsplan check FILE...`: validate plan files, report every problem, exit 1 on any.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::Format;
use crate::context::Options;

pub fn run(opts: &Options, files: &[PathBuf], format: Format) -> anyhow::Result<ExitCode> {
    let sources: Vec<(String, Result<String, String>)> = if files.is_empty() {
        let (name, text) = opts.plan_source()?;
        vec![(name, Ok(text))]
    } else {
        files
            .iter()
            .map(|f| (f.display().to_string(), crate::context::read_plan_text(f)))
            .collect()
    };
    let mut all_ok = true;
    let mut report = Vec::new();
    for (name, text) in sources {
        let problems: Vec<serde_json::Value> = match text {
            Err(e) => vec![serde_json::json!({
                "file": name, "line": 0, "col": 0,
                "message": e,
            })],
            Ok(text) => match plan::parse(&name, &text) {
                Ok(_) => vec![],
                Err(d) => {
                    d.0.iter()
                        .map(|d| {
                            serde_json::json!({
                                "file": d.file, "line": d.line, "col": d.col, "message": d.message,
                            })
                        })
                        .collect()
                }
            },
        };
        all_ok &= problems.is_empty();
        if format == Format::Text {
            if problems.is_empty() {
                println!("{name}: ok");
            }
            for p in &problems {
                if p["line"] == 0 {
                    eprintln!(
                        "{}: {}",
                        p["file"].as_str().unwrap_or(""),
                        p["message"].as_str().unwrap_or("")
                    );
                } else {
                    eprintln!(
                        "{}:{}:{}: {}",
                        p["file"].as_str().unwrap_or(""),
                        p["line"],
                        p["col"],
                        p["message"].as_str().unwrap_or("")
                    );
                }
            }
        }
        report.push(
            serde_json::json!({ "file": name, "ok": problems.is_empty(), "problems": problems }),
        );
    }
    if format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
