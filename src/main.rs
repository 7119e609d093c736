//! The `slac` binary: everything happens in `slac::cli`.

fn main() -> std::process::ExitCode {
    slac::cli::run()
}
