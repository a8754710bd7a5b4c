//! The accept loop and connection handling, with limits that keep the server answering when
//! clients misbehave (issue 21, finding 3: connections that sent half a request and went silent
//! were never closed, so about 1 020 of them used up the process's file descriptors and the
//! server stopped answering, no login needed).
//!
//! - **Header read timeout**: a request whose headers have not all arrived in time is dropped
//!   (hyper's `header_read_timeout`).
//! - **Idle timeout**: a connection with no request in progress (never sent one, or kept alive
//!   after its last answer) is closed after this long.
//! - **Request timeout**: a request not answered in time (a slow upload included) gets 503.
//! - **Connection cap**: at most this many open connections. When a new client connects at the
//!   cap, the connection that has waited longest *without a request in progress* is closed to
//!   make room (a half-sent request counts as none in progress); a request being answered is
//!   never cut. Only when every connection is busy answering is the newcomer turned away. So
//!   silent connections cannot crowd out a client that sends its request, and the number of
//!   open sockets stays below the descriptor limit.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tower::ServiceExt as _;

/// Connection limits of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Time allowed for a request's headers to arrive.
    pub header_read_timeout: Duration,
    /// Time allowed for a request to be answered (its body read included).
    pub request_timeout: Duration,
    /// A connection with no request in progress is closed after this long.
    pub idle_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
}

impl Default for ServerLimits {
    /// 10 s for headers, 60 s per request, 60 s idle, 512 connections (half the common
    /// `ulimit -n` of 1 024, leaving room for the store and files).
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

/// What the accept loop knows about an open connection.
struct Slot {
    /// Requests being answered on it now.
    busy: usize,
    /// When it was opened or last finished answering.
    last: Instant,
    /// Closes it.
    close: Arc<Notify>,
}

type Slots = Arc<Mutex<HashMap<u64, Slot>>>;

fn lock(slots: &Slots) -> std::sync::MutexGuard<'_, HashMap<u64, Slot>> {
    slots.lock().unwrap_or_else(|e| e.into_inner())
}

/// Marks a connection busy while a request is answered, also when the answer is abandoned.
struct Busy {
    slots: Slots,
    id: u64,
}

impl Busy {
    fn start(slots: &Slots, id: u64) -> Busy {
        if let Some(s) = lock(slots).get_mut(&id) {
            s.busy += 1;
        }
        Busy {
            slots: slots.clone(),
            id,
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(s) = lock(&self.slots).get_mut(&self.id) {
            s.busy = s.busy.saturating_sub(1);
            s.last = Instant::now();
        }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes; then stops
/// accepting, lets requests in progress finish (each within the request timeout) and returns.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots: Slots = Arc::new(Mutex::new(HashMap::new()));
    let (stop_tx, stop_rx) = watch::channel(false);
    // Every connection task holds a receiver; `closed()` resolves when all have ended.
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    let mut next_id: u64 = 0;
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors or a connection reset before it was accepted: keep
                    // serving the connections there are, and try again shortly.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        next_id += 1;
        let id = next_id;
        let close = Arc::new(Notify::new());
        {
            let mut open = lock(&slots);
            if open.len() >= limits.max_connections.max(1) {
                let idle_longest = open
                    .iter()
                    .filter(|(_, s)| s.busy == 0)
                    .min_by_key(|(_, s)| s.last)
                    .map(|(id, _)| *id);
                match idle_longest.and_then(|victim| open.remove(&victim)) {
                    Some(victim) => victim.close.notify_one(),
                    None => {
                        tracing::warn!(
                            "{} connections, all answering a request: {addr} turned away",
                            open.len()
                        );
                        continue;
                    }
                }
            }
            open.insert(
                id,
                Slot {
                    busy: 0,
                    last: Instant::now(),
                    close: close.clone(),
                },
            );
        }
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(
            stream,
            addr,
            id,
            router.clone(),
            slots.clone(),
            limits,
            close,
            stop_rx.clone(),
            done_rx.clone(),
        ));
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

fn timed_out() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [("retry-after", "5")],
        "Forespørselen tok for lang tid og ble avbrutt. / The request took too long and was stopped.",
    )
        .into_response()
}

#[allow(clippy::too_many_arguments)]
async fn connection(
    stream: tokio::net::TcpStream,
    addr: SocketAddr,
    id: u64,
    router: axum::Router,
    slots: Slots,
    limits: ServerLimits,
    close: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
    _done: watch::Receiver<()>,
) {
    let service = {
        let slots = slots.clone();
        hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
            let router = router.clone();
            let busy = Busy::start(&slots, id);
            async move {
                let mut req = req.map(axum::body::Body::new);
                req.extensions_mut().insert(ConnectInfo(addr));
                let answer =
                    tokio::time::timeout(limits.request_timeout, router.oneshot(req)).await;
                drop(busy);
                Ok::<_, Infallible>(match answer {
                    Ok(Ok(res)) => res,
                    Ok(Err(never)) => match never {},
                    Err(_) => timed_out(),
                })
            }
        })
    };
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut conn = std::pin::pin!(builder.serve_connection(TokioIo::new(stream), service));
    let mut idle_check = Instant::now() + limits.idle_timeout;
    loop {
        tokio::select! {
            _ = conn.as_mut() => break,
            _ = close.notified() => break,
            _ = stop.changed() => {
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(limits.request_timeout, conn.as_mut()).await;
                break;
            }
            _ = tokio::time::sleep_until(idle_check) => {
                let state = lock(&slots).get(&id).map(|s| (s.busy, s.last));
                match state {
                    Some((0, last)) if last.elapsed() >= limits.idle_timeout => break,
                    Some((0, last)) => idle_check = last + limits.idle_timeout,
                    Some(_) => idle_check = Instant::now() + limits.idle_timeout,
                    None => break,
                }
            }
        }
    }
    lock(&slots).remove(&id);
}
