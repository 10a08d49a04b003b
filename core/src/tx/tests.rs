//! Unit tests of core::tx that need no node.
