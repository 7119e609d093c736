//! No reader panics, whatever the bytes: arbitrary input, and valid input
//! with a few bytes changed, put in or taken out.

use super::*;
use crate::events::limits::MAX_RECORD_BYTES;
use crate::events::{
    IncidentBuilder, MaintenanceBuilder, MetricBuilder, ProbeBuilder, StatusChangeBuilder, UpdateBuilder, UsageBuilder,
};
use proptest::prelude::*;

const SEEDS: &[&[u8]] = &[
    include_bytes!("../../../tests/events/bom_crlf.csv"),
    include_bytes!("../../../tests/events/bom_crlf.json"),
    include_bytes!("../../../tests/events/bom_crlf.ndjson"),
    b"ts,service,instance,ok,total,up\n2025-01-15 12:00:00,api,i-1,9,10,\n\
      2025-01-15T12:01:00+08:00,api,i-1,,,1\n",
    b"id,kind,start,end,announced_at,impact\n\
      M1,planned,2025-01-13 10:03:00,2025-01-13 10:04:00,2025-01-13 10:03:00,none\n",
    b"[{\"period\":\"2025-01\",\"objective\":\"x\",\"value\":1.5,\"monthly_fee\":\"CNY 1\"}]",
    "incident,at,from,to,field\nW1,2025-04-04 11:00:00,In Progress,等待客户反馈,status\n\
     W1,2025-04-04T12:00:00+08:00,P3,P1,priority\n"
        .as_bytes(),
    b"{\"incident\":\"W1\",\"at\":\"2025-04-04 11:00:00\",\"to\":\"P1\",\"field\":\"severity\"}\n",
    b"incident,at,kind\nH1,2025-04-01 10:30:00,public\nH1,2025-04-01T11:30:00+08:00,INTERNAL\nH1,2025-04-01 12:00:00,\n",
    b"{\"incident\":\"H1\",\"at\":\"2025-04-01 10:30:00\",\"kind\":\"customer\"}\n",
];

/// Reads `input` every way there is, with the default record limit and
/// with one so small that rows go over it; only a panic, or a read whose
/// rows do not add up (see `read_with`), fails.
fn read_every_way(input: &[u8]) {
    for format in [Format::Csv, Format::Json, Format::Ndjson] {
        for (skip, max) in [(false, MAX_RECORD_BYTES), (true, MAX_RECORD_BYTES), (false, 40), (true, 40)] {
            let mut options = ReadOptions::new(format, Shanghai);
            options.skip_bad_rows = skip;
            options.max_record_bytes = max;
            let _ = read_with(IncidentBuilder::new(Shanghai), options, "f", input);
            let _ = read_with(MaintenanceBuilder::new(Shanghai), options, "f", input);
            let _ = read_with(ProbeBuilder::new(Shanghai), options, "f", input);
            let _ = read_with(UsageBuilder, options, "f", input);
            let _ = read_with(MetricBuilder, options, "f", input);
            let _ = read_with(StatusChangeBuilder::new(Shanghai), options, "f", input);
            let _ = read_with(UpdateBuilder::new(Shanghai), options, "f", input);
        }
    }
}

/// Bytes that matter to the parsers, more often than chance would pick them.
fn a_byte() -> impl Strategy<Value = u8> {
    prop_oneof![any::<u8>(), prop::sample::select(b",\"{}[]:\n\r -+.0129TZ\\nul\xef\xbb\xbf".to_vec()),]
}

/// Overwrites (op 0), inserts (op 1) or removes (op 2) a byte at each spot.
fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for &(spot, byte, op) in edits {
        let at = spot % (bytes.len() + 1);
        match op % 3 {
            0 if at < bytes.len() => bytes[at] = byte,
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, byte),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_reader_panics_on_arbitrary_bytes(input in prop::collection::vec(a_byte(), 0..200)) {
        read_every_way(&input);
    }

    #[test]
    fn no_reader_panics_on_mutated_inputs(
        seed in 0..SEEDS.len(),
        edits in prop::collection::vec((any::<usize>(), a_byte(), any::<u8>()), 1..6),
    ) {
        read_every_way(&mutate(SEEDS[seed], &edits));
    }
}
