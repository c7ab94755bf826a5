use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("strip") => {
            for path in &args[2..] {
                match std::fs::read(path) {
                    Ok(bytes) => print!("{}", newsls::strip(&String::from_utf8_lossy(&bytes))),
                    Err(e) => {
                        eprintln!("newsls: {path}: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        _ => ExitCode::from(2),
    }
}
