//! A tmux server of a test's own, running the real binary in a real terminal. `.ci/run`
//! installs tmux where it is missing.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::DataDir;

/// A tmux server of this test's own, killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(name: &str, data: &DataDir, width: u16, height: u16) -> Self {
        Tmux::start_with(name, data, width, height, "")
    }

    /// [`Tmux::start`] with `env` (`NAME='value' ...`) set for wheelbook.
    pub fn start_with(name: &str, data: &DataDir, width: u16, height: u16, env: &str) -> Self {
        Tmux::start_command(name, data, (width, height), env, "")
    }

    /// [`Tmux::start_with`], wheelbook given `args` (`list`, ...).
    pub fn start_command(
        name: &str,
        data: &DataDir,
        (width, height): (u16, u16),
        env: &str,
        args: &str,
    ) -> Self {
        let tmux = Tmux {
            socket: format!("wheelbook-test-{}-{name}", std::process::id()),
        };
        let binary = assert_cmd::cargo::cargo_bin("wheelbook");
        let after = data.outside("after");
        let script = format!(
            "{env} WHEELBOOK_DATA_DIR='{}' '{}' {args}; echo \"EXIT=$?\"; stty -a > '{}/stty.txt'; sleep 600",
            data.dir().display(),
            binary.display(),
            after.display()
        );
        std::fs::create_dir_all(&after).expect("dir");
        let status = Command::new("tmux")
            .args([
                "-L",
                &tmux.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(script)
            .status()
            .expect("tmux runs (install it: apt-get install tmux)");
        assert!(status.success());
        tmux
    }

    pub fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    /// The screen and all that scrolled off it.
    pub fn history(&self) -> String {
        self.run(&["capture-pane", "-p", "-S", "-", "-t", "t"])
    }

    /// Keys by tmux name (Enter, Tab, Escape, Down, ...). Escape is followed by a pause, so
    /// that the terminal does not read it and the next key as one Alt-key.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "t", key]);
            sleep(Duration::from_millis(if *key == "Escape" {
                150
            } else {
                30
            }));
        }
    }

    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
        sleep(Duration::from_millis(100));
    }

    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
