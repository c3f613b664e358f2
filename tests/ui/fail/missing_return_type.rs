use semaphore_api::semaphore_api;

#[semaphore_api]
pub trait Api {
    #[post("/auth/logout")]
    async fn logout(&self);
}

fn main() {}
