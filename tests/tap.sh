# tap.sh - "ok N - what" and "not ok N - what" lines, counted in pass and
# failn, for the shell test scripts (tests/e2e, tests/release).  Sourced.
# not_ok's further arguments are printed below it, one "#   " line each.

pass=0 failn=0
ok() { pass=$((pass + 1)); echo "ok $((pass + failn)) - $1"; }
not_ok() {
	failn=$((failn + 1)); echo "not ok $((pass + failn)) - $1"
	shift; for l in "$@"; do printf '#   %s\n' "$l"; done
}
