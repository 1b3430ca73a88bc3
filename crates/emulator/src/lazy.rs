//! Lists serialised as they are walked (the state file's flat arrays of users, too). `GET
//! /_emulator/state` and `/_emulator/export` answer
//! with every user of every app: built as a copy first, a 100k-user state cost some 150 MB more
//! for each answer, and the freed copy stayed with the process.

use serde::{Serialize, Serializer};

/// A list that `make` yields anew each time it is serialised, item by item, none kept.
pub struct LazySeq<F>(pub F);

impl<F, I> Serialize for LazySeq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}
