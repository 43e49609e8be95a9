//! Lifecycle hooks: which handler they use and, when it can be known from the spec, how long
//! they take (a `sleep` action, or an exec hook that only sleeps).

use k8s_openapi::api::core::v1::LifecycleHandler;

/// The handler fields a hook sets, in validation order.
/// source: pkg/apis/core/validation/validation.go handlerFromLifecycle
pub fn handlers(h: &LifecycleHandler) -> Vec<&'static str> {
    let set = [
        ("exec", h.exec.is_some()),
        ("httpGet", h.http_get.is_some()),
        ("tcpSocket", h.tcp_socket.is_some()),
        ("sleep", h.sleep.is_some()),
    ];
    set.iter().filter(|(_, s)| *s).map(|(n, _)| *n).collect()
}

/// Seconds a hook takes when the spec says: `sleep: {seconds: N}`, or an exec command that
/// is nothing but `sleep N` (directly or through `sh -c`). `None` when it depends on the
/// program.
pub fn known_seconds(h: &LifecycleHandler) -> Option<f64> {
    if let Some(s) = &h.sleep {
        return Some(s.seconds as f64);
    }
    let cmd = h.exec.as_ref()?.command.as_ref()?;
    let words: Vec<&str> = match cmd.as_slice() {
        [shell, flag, script] if is_shell(shell) && flag == "-c" => {
            script.split_whitespace().collect()
        }
        other => other.iter().map(String::as_str).collect(),
    };
    match words.as_slice() {
        [sleep, n] if *sleep == "sleep" || sleep.ends_with("/sleep") => parse_seconds(n),
        _ => None,
    }
}

fn is_shell(s: &str) -> bool {
    matches!(
        s.rsplit('/').next().unwrap_or(s),
        "sh" | "bash" | "ash" | "dash" | "zsh"
    )
}

/// `10`, `2.5`, `10s`, `1m` as `sleep(1)` reads them.
fn parse_seconds(s: &str) -> Option<f64> {
    let (num, mult) = match s.as_bytes().last()? {
        b's' => (&s[..s.len() - 1], 1.0),
        b'm' => (&s[..s.len() - 1], 60.0),
        b'h' => (&s[..s.len() - 1], 3600.0),
        _ => (s, 1.0),
    };
    // Checked after scaling: `1e308h` overflows to infinity.
    let v = num.parse::<f64>().ok()? * mult;
    (v.is_finite() && v >= 0.0).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ExecAction, SleepAction};

    fn exec(cmd: &[&str]) -> LifecycleHandler {
        LifecycleHandler {
            exec: Some(ExecAction {
                command: Some(cmd.iter().map(|s| s.to_string()).collect()),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn durations_known_from_the_spec() {
        let sleep = LifecycleHandler {
            sleep: Some(SleepAction { seconds: 7 }),
            ..Default::default()
        };
        assert_eq!(known_seconds(&sleep), Some(7.0));
        assert_eq!(known_seconds(&exec(&["sleep", "15"])), Some(15.0));
        assert_eq!(
            known_seconds(&exec(&["/bin/sh", "-c", "sleep 20"])),
            Some(20.0)
        );
        assert_eq!(known_seconds(&exec(&["/bin/sleep", "1m"])), Some(60.0));
        assert_eq!(
            known_seconds(&exec(&["sh", "-c", "sleep 5 && nginx -s quit"])),
            None
        );
        assert_eq!(known_seconds(&exec(&["nginx", "-s", "quit"])), None);
        assert_eq!(known_seconds(&exec(&["sleep", "1e308h"])), None);
        assert_eq!(known_seconds(&exec(&["sleep", "infinity"])), None);
    }
}
