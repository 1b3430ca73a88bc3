//! Benchmark baseline: the smallest useful axum server, answering `POST /register/token` with a
//! fixed JSON body after reading the request body. `bench/emulator.sh` measures the emulator against it on the same machine, with
//! the same client, in the same run. Same runtime shape as the emulator: a two-worker tokio
//! runtime, HTTP/1 only.
//!
//!   cargo run --release --example hello_axum [PORT]   # prints http://127.0.0.1:PORT, then serves

#![allow(clippy::print_stdout)] // The URL line on stdout is the interface of this tool.

use axum::Router;
use axum::body::Bytes;
use axum::routing::post;

fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .map(|p| p.parse().expect("PORT is a number"))
        .unwrap_or(0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind");
        println!("http://{}", listener.local_addr().expect("local address"));
        let app = Router::new().route(
            "/register/token",
            // Reads the body, as any real handler does (and as keep-alive needs).
            post(|_body: Bytes| async {
                (
                    [("content-type", "application/json; charset=utf-8")],
                    r#"{"token":"hello"}"#,
                )
            }),
        );
        axum::serve(listener, app).await.expect("serve");
    });
}
