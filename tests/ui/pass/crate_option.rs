//! `crate = "..."`: the runtime re-exported under another path, as a facade crate would.

mod sdk {
    pub use semaphore_api as client;
}

#[sdk::client::semaphore_api(crate = "sdk::client")]
pub trait PingApi {
    #[get("/ping")]
    #[no_auth]
    async fn ping(&self) -> sdk::client::Result<()>;
}

pub fn main() {
    let client = sdk::client::Client::new("http://127.0.0.1:9/api").unwrap();
    drop(client.ping());
}
