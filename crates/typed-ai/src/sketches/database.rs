//! A database instance on the schema `Employee → Department`, whose foreign
//! key must resolve for every row.
//!
//! This file owns one fixed two-table schema. It is not a query engine and
//! does not model schemas in general.

use std::collections::BTreeSet;
use std::fmt;

use crate::error::{MlError, MlResult};

/// The key of a row in the `Department` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DepartmentId(u32);

impl DepartmentId {
    /// Wraps a department key.
    pub fn new(id: u32) -> Self {
        Self(id)
    }

    /// The raw key.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for DepartmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A row of the `Department` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    id: DepartmentId,
    name: String,
}

impl Department {
    /// The department `id`, called `name`.
    pub fn new(id: DepartmentId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
        }
    }

    /// Its key.
    pub fn id(&self) -> DepartmentId {
        self.id
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A row of the `Employee` table, with its foreign key `department`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    name: String,
    department: DepartmentId,
}

impl Employee {
    /// The employee `name`, working in `department`.
    pub fn new(name: impl Into<String>, department: DepartmentId) -> Self {
        Self {
            name: name.into(),
            department,
        }
    }

    /// Their name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key of the department they work in.
    pub fn department(&self) -> DepartmentId {
        self.department
    }
}

/// The data of the schema `Employee --works_in--> Department`, checked so
/// that every arrow lands.
///
/// **The idea.** A schema is a small category: its objects are tables and
/// its arrows are foreign keys. An *instance* fills it with data: a set of
/// rows for each table and, for each arrow, a *function* from the rows of one
/// table to the rows of the other (a functor from the schema to sets). A
/// function must send every input somewhere, so an employee whose department
/// does not exist is not a small data-quality issue: it means the data is not
/// an instance of the schema at all. The same check keeps every training
/// example's label id inside the label table.
///
/// ```
/// use typed_ai::{DatabaseInstance, Department, DepartmentId, Employee, MlError};
/// let research = Department::new(DepartmentId::new(1), "Research");
/// let ok = DatabaseInstance::new(
///     vec![research.clone()],
///     vec![Employee::new("Ada", DepartmentId::new(1))],
/// )?;
/// assert_eq!(ok.department_of(&ok.employees()[0]).map(Department::name), Some("Research"));
///
/// let dangling = DatabaseInstance::new(
///     vec![research],
///     vec![Employee::new("Grace", DepartmentId::new(3))],
/// );
/// assert_eq!(
///     dangling,
///     Err(MlError::ShapeMismatch {
///         op: "database instance",
///         expected: "employee departments exist in Department".to_string(),
///         got: "missing department 3".to_string(),
///     })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseInstance {
    departments: Vec<Department>,
    employees: Vec<Employee>,
}

impl DatabaseInstance {
    /// Checks that department keys are unique and that every employee's
    /// department exists; either failure is a
    /// `ShapeMismatch { op: "database instance", .. }`.
    pub fn new(departments: Vec<Department>, employees: Vec<Employee>) -> MlResult<Self> {
        let mut keys = BTreeSet::new();
        for department in &departments {
            // A key that names two rows would make `works_in` ambiguous.
            if !keys.insert(department.id) {
                return Err(MlError::ShapeMismatch {
                    op: "database instance",
                    expected: "unique department ids".to_string(),
                    got: format!("department {} listed twice", department.id),
                });
            }
        }
        if let Some(employee) = employees.iter().find(|e| !keys.contains(&e.department)) {
            return Err(MlError::ShapeMismatch {
                op: "database instance",
                expected: "employee departments exist in Department".to_string(),
                got: format!("missing department {}", employee.department),
            });
        }
        Ok(Self {
            departments,
            employees,
        })
    }

    /// The `Department` table.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    /// The `Employee` table.
    pub fn employees(&self) -> &[Employee] {
        &self.employees
    }

    /// The department row with key `id`, if there is one.
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The foreign key as a function: the department an employee works in.
    /// Always `Some` for the instance's own employees; `None` only for an
    /// employee from elsewhere whose department is not in this instance.
    pub fn department_of(&self, employee: &Employee) -> Option<&Department> {
        self.department(employee.department)
    }

    /// The employees of one department: the rows the foreign key sends to
    /// `id` (its preimage).
    pub fn employees_in(&self, id: DepartmentId) -> Vec<&Employee> {
        self.employees
            .iter()
            .filter(|e| e.department == id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn departments() -> Vec<Department> {
        vec![
            Department::new(DepartmentId::new(1), "Research"),
            Department::new(DepartmentId::new(2), "Platform"),
        ]
    }

    #[test]
    fn every_employee_lands_on_a_department() {
        let db = DatabaseInstance::new(
            departments(),
            vec![
                Employee::new("Ada", DepartmentId::new(1)),
                Employee::new("Alan", DepartmentId::new(2)),
                Employee::new("Grace", DepartmentId::new(1)),
            ],
        )
        .unwrap();
        for employee in db.employees() {
            let department = db.department_of(employee).unwrap();
            assert_eq!(department.id(), employee.department());
        }
        let research: Vec<&str> = db
            .employees_in(DepartmentId::new(1))
            .iter()
            .map(|e| e.name())
            .collect();
        assert_eq!(research, ["Ada", "Grace"]);
        assert!(db.employees_in(DepartmentId::new(9)).is_empty());
    }

    #[test]
    fn a_dangling_foreign_key_is_rejected() {
        let result = DatabaseInstance::new(
            departments(),
            vec![
                Employee::new("Ada", DepartmentId::new(1)),
                Employee::new("Edsger", DepartmentId::new(3)),
            ],
        );
        assert_eq!(
            result,
            Err(MlError::ShapeMismatch {
                op: "database instance",
                expected: "employee departments exist in Department".to_string(),
                got: "missing department 3".to_string(),
            })
        );
    }

    #[test]
    fn duplicate_department_keys_are_rejected() {
        let mut tables = departments();
        tables.push(Department::new(DepartmentId::new(2), "Also platform"));
        assert_eq!(
            DatabaseInstance::new(tables, vec![]),
            Err(MlError::ShapeMismatch {
                op: "database instance",
                expected: "unique department ids".to_string(),
                got: "department 2 listed twice".to_string(),
            })
        );
    }

    #[test]
    fn the_empty_instance_is_an_instance() {
        let db = DatabaseInstance::new(vec![], vec![]).unwrap();
        assert!(db.departments().is_empty() && db.employees().is_empty());
        // Departments with nobody in them are fine: a function need not be onto.
        assert!(DatabaseInstance::new(departments(), vec![]).is_ok());
    }

    #[test]
    fn an_outside_employee_has_no_department_here() {
        let db = DatabaseInstance::new(departments(), vec![]).unwrap();
        assert_eq!(
            db.department_of(&Employee::new("Visitor", DepartmentId::new(7))),
            None
        );
    }
}
