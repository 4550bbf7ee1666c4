// Chapter 13.4: every foreign key must land on an existing row
//
// A schema is a small category: tables are objects and foreign keys are
// arrows, here `Employee --works_in--> Department`. Filling it with data means
// giving each table a set of rows and each arrow a *function* between them. A
// function sends every input somewhere, so an employee whose department does
// not exist is not a small data-quality issue: the data is not an instance of
// the schema at all, and `DatabaseInstance::new` says so. The same check keeps
// every training example's label id inside the label table.
//
// Run it and read the error `main` returns. Fix the marked line: the new
// hire joined the platform team. Done means `main` runs to the end.

use typed_ai::{DatabaseInstance, Department, DepartmentId, Employee, MlResult};

fn main() -> MlResult<()> {
    let departments = vec![
        Department::new(DepartmentId::new(1), "Research"),
        Department::new(DepartmentId::new(2), "Platform"),
    ];
    let employees = vec![
        Employee::new("Ada", DepartmentId::new(1)),
        Employee::new("Alan", DepartmentId::new(2)),
        // TODO: which department is the platform team?
        Employee::new("Edsger", DepartmentId::new(3)),
    ];

    let db = DatabaseInstance::new(departments, employees)?;

    for employee in db.employees() {
        // The foreign key is a function: every employee has a department.
        if let Some(department) = db.department_of(employee) {
            println!("{} works in {}", employee.name(), department.name());
        }
    }
    let platform: Vec<&str> = db
        .employees_in(DepartmentId::new(2))
        .iter()
        .map(|e| e.name())
        .collect();
    assert_eq!(
        platform,
        ["Alan", "Edsger"],
        "the platform team should be Alan and the new hire, Edsger"
    );
    Ok(())
}
