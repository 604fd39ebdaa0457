use super::roundtrip;
