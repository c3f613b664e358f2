//! A call, from a declared method's arguments to its declared result: the request built
//! (`request.rs`), sent and retried (`retry.rs`: which calls may repeat, the delays, the
//! policy), its answer read within the memory budget (`budget.rs`) and turned into the result
//! (`answer.rs`). The client's credentials (`credentials.rs`), the limit on calls in flight
//! (`in_flight.rs`) and the seam to the network (`transport.rs`) are the call's too.

pub(crate) mod answer;
pub(crate) mod budget;
pub(crate) mod credentials;
pub(crate) mod events;
pub(crate) mod in_flight;
pub(crate) mod read;
pub(crate) mod request;
pub(crate) mod retry;
pub(crate) mod returns;
pub(crate) mod run;
pub(crate) mod transport;
pub(crate) mod value;
