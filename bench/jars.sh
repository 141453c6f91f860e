# Sourced by bench/run and bench/jmh (from the repository root): builds the jars the benchmarks use
# when one is missing or older than the sources, and installs wrk when it is missing.

ensure_jars() {
  local jars=(child/target/joinery-child.jar gateway/target/joinery-gateway.jar bench/target/joinery-bench.jar)
  local stale="" jar oldest newer
  for jar in "${jars[@]}"; do
    if [[ ! -f "$jar" ]]; then stale="$jar is missing"; break; fi
  done
  if [[ -z "$stale" ]]; then
    oldest=$(ls -t "${jars[@]}" | tail -1)
    newer=$(find pom.xml core child gateway bench -newer "$oldest" -type f \
              \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -not -path '*/target/*' \
              -print -quit)
    [[ -n "$newer" ]] && stale="$newer changed since the last build"
  fi
  if [[ -n "$stale" ]]; then
    command -v mvn >/dev/null || { echo "bench: $stale, and mvn (Maven 3.8+) is not installed to build it" >&2; exit 1; }
    echo "bench: building ($stale): mvn -B -q -DskipTests package -pl bench -am ..."
    mvn -B -q -DskipTests package -pl bench -am
  fi
}

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bench: installing wrk: apt-get update && apt-get install -y wrk ..."
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "bench: wrk is needed (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk)" >&2
    exit 1
  fi
}
