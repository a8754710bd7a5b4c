use super::*;

#[test]
fn rint_is_round_half_to_even() {
    for x in [
        0.5,
        1.5,
        2.5,
        -0.5,
        -1.5,
        -2.5,
        0.49999999999999994,
        1e15 + 0.5,
        -3.7,
        2.0,
        0.0,
        -0.0,
        4.5e15,
        1e300,
        -1e300,
    ] {
        assert_eq!(rint(x), x.round_ties_even(), "{x}");
    }
    assert!(rint(f64::NAN).is_nan());
    let mut state = 7u64;
    for _ in 0..10_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let x = ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 8e9;
        assert_eq!(rint(x), x.round_ties_even(), "{x}");
    }
}

#[test]
fn desc_bits_order_reverses_and_merges_zeros() {
    let xs = [
        -3.0,
        -1e-300,
        -0.0,
        0.0,
        1e-300,
        2.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for a in xs {
        for b in xs {
            assert_eq!(desc_bits(a) == desc_bits(b), a == b, "{a} {b}");
            if a < b {
                assert!(desc_bits(a) > desc_bits(b), "{a} {b}");
            }
        }
    }
}

#[test]
fn competition_ranks_share_and_skip() {
    let keys = [3.0, 5.0, 5.0, f64::NAN, 1.0, 5.0, -0.0, 0.0];
    let group_of = [0, 0, 1, 0, 0, 1, 0, 1];
    // Whole keys take the u64 path, a fractional one the u128 path: same ranks.
    let mut fractional = keys;
    fractional[4] = 0.5;
    for keys in [keys, fractional] {
        let mut out = vec![None; keys.len()];
        let mut order = Vec::new();
        sorted_desc(&keys, &mut Scratch::default(), &mut order);
        assign_ranks(&keys, &order, &mut out);
        assert_eq!(
            out,
            [
                Some(4),
                Some(1),
                Some(1),
                None,
                Some(5),
                Some(1),
                Some(6),
                Some(6)
            ]
        );
        // Groups a = {0, 1, 4, 6}, b = {2, 5, 7}.
        let mut within = vec![None; keys.len()];
        assign_group_ranks(&keys, &order, &group_of, 2, &mut within);
        assert_eq!(
            within,
            [
                Some(2),
                Some(1),
                Some(1),
                None,
                Some(3),
                Some(1),
                Some(4),
                Some(3)
            ]
        );
    }
    // Radix sort: the high bits in order, for many random keys.
    let mut state = 1u64;
    let mut v: Vec<u64> = (0..1000)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        })
        .collect();
    radix_sort_high(&mut v, &mut Vec::new());
    assert!(v.windows(2).all(|w| w[0] >> 16 <= w[1] >> 16));
    // Negative whole keys near the packing limit keep their order.
    let keys = [-8.7e12, 8.7e12, 0.0, -1.0];
    let mut order = Vec::new();
    sorted_desc(&keys, &mut Scratch::default(), &mut order);
    assert_eq!(order, [1, 2, 3, 0]);
}
