//! What a template is and what it runs, shared by templates and the tasks they start.

use super::string_enum::string_enum;

string_enum! {
    /// The kind of a template.
    pub enum TemplateType {
        /// An ordinary task (`""`).
        Task = "",
        /// A build, which makes a new version each run (`build`).
        Build = "build",
        /// A deploy, which deploys a build's version (`deploy`).
        Deploy = "deploy",
    }
    default Task;
}

string_enum! {
    /// The program a template runs. The server accepts the apps it is configured with; these
    /// are the ones every server has, and `pulumi`.
    pub enum TemplateApp {
        /// Ansible (`ansible`).
        Ansible = "ansible",
        /// Terraform (`terraform`).
        Terraform = "terraform",
        /// OpenTofu (`tofu`).
        Tofu = "tofu",
        /// A Bash script (`bash`).
        Bash = "bash",
        /// A PowerShell script (`powershell`).
        PowerShell = "powershell",
        /// A Python script (`python`).
        Python = "python",
        /// Pulumi (`pulumi`; only where configured).
        Pulumi = "pulumi",
        /// Terragrunt (`terragrunt`; newer servers).
        Terragrunt = "terragrunt",
    }
    default Ansible;
}
