fn main() -> std::process::ExitCode {
    passwordless::main()
}
