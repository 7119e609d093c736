//! Which contract service (and instance) an event row is about.

use crate::ir::{Contract, MeasuredBy};

/// The contract's services, for matching the names event files use.
pub struct Services<'c> {
    contract: &'c Contract,
}

/// A row's service and the instance it names, if any.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub service: String,
    pub instance: Option<String>,
}

impl<'c> Services<'c> {
    pub fn new(contract: &'c Contract) -> Self {
        Services { contract }
    }

    /// Match a row's `service` and `instance`. A row may name the service by
    /// id or display name, or name one of its components (which then stands
    /// as the instance). With one service, the column may be empty.
    pub fn resolve(&self, service: Option<&str>, instance: Option<&str>) -> Result<Target, String> {
        let services = &self.contract.services;
        let instance = instance.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let Some(name) = service.map(str::trim).filter(|s| !s.is_empty()) else {
            return match services.as_slice() {
                [one] => Ok(Target { service: one.id.clone(), instance }),
                [] => Err("the contract declares no service".into()),
                _ => Err(format!(
                    "the contract has {} services, so every row must name one ({})",
                    services.len(),
                    self.names()
                )),
            };
        };
        if let Some(s) = services.iter().find(|s| s.id == name || s.name.as_deref() == Some(name)) {
            return Ok(Target { service: s.id.clone(), instance });
        }
        for s in services {
            if let Some(c) = s.components.iter().find(|c| c.id == name || c.name.as_deref() == Some(name)) {
                return Ok(Target { service: s.id.clone(), instance: Some(instance.unwrap_or_else(|| c.id.clone())) });
            }
        }
        Err(format!("`{name}` is not a service of the contract ({})", self.names()))
    }

    fn names(&self) -> String {
        self.contract.services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
    }

    pub fn measured(&self, service: &str) -> MeasuredBy {
        self.contract.service(service).map(|s| s.measured).unwrap_or_default()
    }
}
