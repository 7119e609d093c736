//! `slac lsp`: the language server for editors, over standard input and
//! output. The server is `crate::lsp`; this only opens the connection.

use super::exit;
use clap::Args;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport, and the
    /// default; accepted because editor clients pass it).
    #[arg(long)]
    stdio: bool,
}

pub fn run(_args: &LspArgs) -> u8 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let result = crate::lsp::serve(&connection);
    drop(connection);
    let joined = io_threads.join();
    match result {
        Ok(true) if joined.is_ok() => exit::OK,
        Ok(_) => exit::FINDINGS,
        Err(message) => {
            eprintln!("error: slac lsp: {message}");
            exit::USAGE
        }
    }
}
