//! Typed ids: one type per kind of object, so that a template's id cannot be passed where a
//! task's is expected. Each prints, parses and serializes as the plain number.

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        $(#[$meta])*
        ///
        /// Prints and serializes as the plain number; build one from the number with
        /// `From<i64>` or the tuple constructor.
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The plain number.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

ids! {
    /// The id of a project.
    ProjectId;
    /// The id of a template.
    TemplateId;
    /// The id of a task.
    TaskId;
    /// The id of an access key (environment secrets are access keys too).
    KeyId;
    /// The id of a repository.
    RepositoryId;
    /// The id of an inventory.
    InventoryId;
    /// The id of an environment.
    EnvironmentId;
    /// The id of a view.
    ViewId;
    /// The id of a schedule.
    ScheduleId;
    /// The id of an integration.
    IntegrationId;
    /// The id of an integration's matcher.
    MatcherId;
    /// The id of a value an integration extracts.
    ExtractValueId;
    /// The id of a user.
    UserId;
    /// The id of a template's vault.
    VaultId;
    /// The id of a runner.
    RunnerId;
    /// The id of an integration alias.
    AliasId;
}
