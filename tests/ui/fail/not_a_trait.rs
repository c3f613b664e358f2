use semaphore_api::semaphore_api;

#[semaphore_api]
pub struct Api {
    base: String,
}

fn main() {}
