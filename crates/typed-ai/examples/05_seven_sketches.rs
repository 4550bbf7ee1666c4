//! Four small applied category-theory models, printed one after another:
//! an information order with joins, a Galois pair (examples ↔ batches), a
//! database instance whose foreign keys must resolve, and signal matrices
//! that compose only when their shapes meet.
//!
//! Run with `cargo run -p typed-ai --example 05_seven_sketches`.

use typed_ai::{
    BatchCount, DatabaseInstance, Department, DepartmentId, Employee, ExampleCount,
    GaloisConnection, InformationLevel, MiniBatching, MlResult, Morphism, SignalMatrix, Vector,
    galois_counterexample,
};

fn main() -> MlResult<()> {
    orders_and_joins();
    galois_pair()?;
    database_instance()?;
    signal_matrices()?;
    Ok(())
}

fn orders_and_joins() {
    println!("1. An information order: data-sensitivity labels\n");
    let levels = InformationLevel::ALL;
    let names: Vec<String> = levels.iter().map(|l| format!("{l:?}")).collect();
    println!("   {}", names.join(" < "));
    println!("\n   join (least upper bound), row ∨ column:");
    print!("   {:>13}", "");
    for column in levels {
        print!("{:>13}", format!("{column:?}"));
    }
    println!();
    for row in levels {
        print!("   {:>13}", format!("{row:?}"));
        for column in levels {
            print!("{:>13}", format!("{:?}", row.join(column)));
        }
        println!();
    }
    use InformationLevel::{Confidential, Internal, Public};
    println!(
        "\n   Public may flow to Confidential: {}; Confidential to Public: {}",
        Public.can_flow_to(Confidential),
        Confidential.can_flow_to(Public)
    );
    println!(
        "   a model trained on [Public, Internal, Public] data is labelled {:?}\n",
        InformationLevel::join_all([Public, Internal, Public])
    );
}

fn galois_pair() -> MlResult<()> {
    println!("2. A Galois pair: examples ↔ mini-batches of 4\n");
    let batching = MiniBatching::new(4)?;
    println!("   examples  batches needed (⌈x/4⌉)  examples those batches hold");
    for x in [0, 1, 4, 5, 8, 9, 12] {
        let batches = batching.abstraction(ExampleCount::new(x));
        let held = batching.concretisation(batches);
        println!("   {x:>8}  {:>22}  {:>27}", batches.get(), held.get());
    }
    let examples: Vec<ExampleCount> = (0..=40).map(ExampleCount::new).collect();
    let batches: Vec<BatchCount> = (0..=12).map(BatchCount::new).collect();
    println!(
        "\n   law ⌈x/4⌉ ≤ y ⇔ x ≤ 4y for x ≤ 40, y ≤ 12: counterexample {:?}",
        galois_counterexample(&batching, &examples, &batches)
    );
    // Rounding down (a data loader's `drop_last`) breaks the law.
    let (x, y, size) = (9, 2, batching.batch_size());
    println!(
        "   with the floor instead, ({x} examples, {y} batches): ⌊{x}/{size}⌋ ≤ {y} is {}, {x} ≤ {y}·{size} is {}: the law fails\n",
        x / size <= y,
        x <= y * size
    );
    Ok(())
}

fn database_instance() -> MlResult<()> {
    println!("3. A database instance on the schema Employee --works_in--> Department\n");
    let departments = vec![
        Department::new(DepartmentId::new(1), "Research"),
        Department::new(DepartmentId::new(2), "Platform"),
    ];
    let db = DatabaseInstance::new(
        departments.clone(),
        vec![
            Employee::new("Ada", DepartmentId::new(1)),
            Employee::new("Alan", DepartmentId::new(2)),
            Employee::new("Grace", DepartmentId::new(1)),
        ],
    )?;
    for employee in db.employees() {
        if let Some(department) = db.department_of(employee) {
            println!(
                "   {:<6} works_in {} ({})",
                employee.name(),
                department.id(),
                department.name()
            );
        }
    }
    let rejected = DatabaseInstance::new(
        departments,
        vec![Employee::new("Edsger", DepartmentId::new(3))],
    );
    println!("\n   Edsger in department 3, which does not exist:\n   {rejected:?}\n");
    Ok(())
}

fn signal_matrices() -> MlResult<()> {
    println!("4. Signal matrices: a rows × cols matrix takes cols signals to rows signals\n");
    let f = SignalMatrix::new(vec![vec![1.0, 0.0], vec![1.0, 1.0], vec![0.0, 2.0]])?; // 2 → 3
    let g = SignalMatrix::new(vec![vec![1.0, -1.0, 1.0]])?; // 3 → 1
    let gf = g.compose_after(&f)?;
    println!(
        "   f: {}, weights {:?}",
        f.name(),
        f.matrix().as_row_major()
    );
    println!(
        "   g: {}, weights {:?}",
        g.name(),
        g.matrix().as_row_major()
    );
    println!(
        "   g ∘ f: {}, weights {:?}",
        gf.name(),
        gf.matrix().as_row_major()
    );
    let x = Vector::new(vec![3.0, 4.0])?;
    let through_f = f.apply(x.clone())?;
    let through_g = g.apply(through_f.clone())?;
    let composite = gf.apply(x.clone())?;
    println!(
        "   x = {:?}: f(x) = {:?}, g(f(x)) = {:?}, (g ∘ f)(x) = {:?}",
        x.values(),
        through_f.values(),
        through_g.values(),
        composite.values()
    );
    println!(
        "   f ∘ g needs g to emit 2 signals: {:?}",
        f.compose_after(&g)
    );
    Ok(())
}
