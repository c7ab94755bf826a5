//! LSP: "If the parent process is not alive then the server should exit" (`processId` of
//! `initialize`). An editor that crashes may leave the server's stdin open (another process
//! holds the pipe), so the process is polled, as other servers do.

use std::time::Duration;
use tokio::sync::oneshot;

/// How often the client's process is checked.
const POLL: Duration = Duration::from_secs(2);

/// Resolves once the process whose id comes through `pid` has ended; never if no id comes or
/// the platform cannot tell.
pub async fn gone(pid: oneshot::Receiver<u32>) {
    let Ok(pid) = pid.await else {
        return std::future::pending().await;
    };
    if alive(pid).is_none() {
        return std::future::pending().await;
    }
    while alive(pid) != Some(false) {
        tokio::time::sleep(POLL).await;
    }
    tracing::warn!("the client's process {pid} has ended");
}

/// Whether process `pid` runs (a zombie has ended); `None` where this cannot be told.
#[cfg(unix)]
fn alive(pid: u32) -> Option<bool> {
    let pid = libc::pid_t::try_from(pid).ok().filter(|&pid| pid > 0)?;
    // SAFETY: signal 0 sends nothing; it only checks that the process exists.
    let exists = unsafe { libc::kill(pid, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    Some(exists && !zombie(pid))
}

#[cfg(not(unix))]
fn alive(_: u32) -> Option<bool> {
    None
}

/// A process that has ended but not been reaped by its parent yet.
#[cfg(target_os = "linux")]
fn zombie(pid: libc::pid_t) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the command name, which is in parentheses and may contain any.
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z'))
    })
}

#[cfg(all(unix, not(target_os = "linux")))]
fn zombie(_: libc::pid_t) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_an_ended_one_is_not() {
        assert_eq!(alive(std::process::id()), Some(true));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(alive(pid), Some(false));
        assert_eq!(alive(0), None);
        assert_eq!(alive(u32::MAX), None);
    }
}
