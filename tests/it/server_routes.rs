//! The routes the real server serves (`data/server-routes.tsv`, read off its router), for the
//! checks of the declarations against them.

/// One served route.
#[derive(Debug, Clone)]
pub struct Route {
    pub method: &'static str,
    /// As the router names its placeholders.
    pub path: &'static str,
    /// `none`, `user`, `admin`, `runner-token` or `user+websocket`.
    pub auth: &'static str,
}

const ROUTES: &str = include_str!("../data/server-routes.tsv");

/// Every served route, in the table's order.
pub fn routes() -> Vec<Route> {
    ROUTES
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let mut next = || fields.next().expect("three tab-separated fields");
            Route {
                method: next(),
                path: next(),
                auth: next(),
            }
        })
        .collect()
}

/// A path with its placeholders' names erased: the router and the declarations may name
/// one segment differently (`{value_id}`, `{extractvalue_id}`).
pub fn shape(path: &str) -> String {
    let mut shape = String::new();
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                shape.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            _ => shape.push(c),
        }
    }
    shape
}

/// Whether the server serves `method path`, placeholders' names aside.
pub fn served(method: &str, path: &str) -> bool {
    let wanted = shape(path);
    routes()
        .iter()
        .any(|r| r.method == method && shape(r.path) == wanted)
}
