#!/usr/bin/env python3
"""Print a .dgm model with N states, N parameters and N outputs (default 500).

A compile-time probe for wide models: every state is its own linear
reservoir, so the step is N short chains, and the lane loop has N streams
(outputs) to store. Used for the compile-time figures in
docs/architecture.md:

    python3 bench/wide_model.py 500 > /tmp/wide.dgm
    time build/bin/dgmc /tmp/wide.dgm -o /tmp/libwide.so
"""
import sys


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    lines = ["model wide {", "  forcing P : mm/d;"]
    lines += [f"  param k{i} : 1/d in [0, 1] = 0.1;" for i in range(n)]
    lines += [f"  state S{i} : mm = 1;" for i in range(n)]
    lines += [f"  output o{i} : mm;" for i in range(n)]
    lines.append("  step {")
    for i in range(n):
        lines.append(f"    let q{i} = k{i} * S{i} * dt;")
        lines.append(f"    S{i} += P * dt - q{i};")
        lines.append(f"    o{i} = S{i} / (1 + k{i} * dt);")
    lines += ["  }", "}"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
