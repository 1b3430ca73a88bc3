//! TEMPORARY interface stand-in while the emulator is built in its own worktree.
use std::net::SocketAddr;
pub const DEV_APP_ID: &str = "devapp";
pub const DEV_API_SECRET: &str = "devapp:secret:0123456789abcdef0123456789abcdef";
pub const DEV_API_KEY: &str = "devapp:public:fedcba9876543210fedcba9876543210";
pub const DEV_MANAGEMENT_KEY: &str = "shared_dev_key";
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub bind: SocketAddr,
    pub app_id: String,
    pub api_secret: String,
    pub api_key: String,
    pub management_key: String,
    pub deterministic: bool,
    pub seed: Option<Seed>,
    pub log: bool,
}
impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            app_id: DEV_APP_ID.into(),
            api_secret: DEV_API_SECRET.into(),
            api_key: DEV_API_KEY.into(),
            management_key: DEV_MANAGEMENT_KEY.into(),
            deterministic: false,
            seed: None,
            log: false,
        }
    }
}
#[derive(Clone, Debug)]
pub struct Seed;
impl Seed {
    pub fn from_file(_p: &std::path::Path) -> anyhow::Result<Seed> {
        anyhow::bail!("todo")
    }
}
pub struct Emulator {
    config: EmulatorConfig,
}
impl Emulator {
    pub fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
        Ok(Emulator { config })
    }
    pub fn base_url(&self) -> String {
        format!("http://{}", self.config.bind)
    }
    pub fn addr(&self) -> SocketAddr {
        self.config.bind
    }
    pub fn config(&self) -> &EmulatorConfig {
        &self.config
    }
    pub fn shutdown(self) {}
}
