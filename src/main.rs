//! Command-line entry point: argument parsing lives here (see [`commands`]); all work happens
//! in the library.

mod commands;

fn main() -> std::process::ExitCode {
    commands::main()
}
