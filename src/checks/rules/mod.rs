//! The rules, one file per group; each adds a method to the checker.

mod answers;
mod benchmarks;
mod citations;
mod dates;
mod deadlines;
mod decisions;
mod exemptions;
mod fines;
mod guides;
mod ids;
mod inspections;
mod personal_data;
mod placeholders;
mod references;
mod settings;
mod vocabularies;
