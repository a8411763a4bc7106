# Class-data sharing for the short-lived JVMs of bin/demo and bin/sql-client (sourced by them).
#
#   run_java NAME JAVA_ARGS...
#
# runs java with the start-up flags of a short run. The first run after a build also writes
# target/cds/NAME.jsa, an archive of every class that run loaded, already parsed and verified
# (JDK 17's -XX:ArchiveClassesAtExit); later runs map that archive instead of loading the classes
# again and start about 3 s sooner. The archive is remade when the build or the JDK is newer.
# DEMO_CDS_DIR: where the archives go (default target/cds); DEMO_CDS=off: no archive at all.

# Short runs: the quick JIT tier and the serial collector. A run plans a few statements and
# waits; the optimizing compiler and parallel GC threads would not pay off before it ends.
SHORT_RUN_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

run_java() {
  local name="$1"; shift
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  # Help and version runs load too few classes to make an archive of.
  if [[ "${DEMO_CDS:-on}" == "off" || " $* " =~ \ (-h|--help|-V|--version)\  ]]; then
    exec java "${SHORT_RUN_FLAGS[@]}" "$@"
  fi
  local dir="${DEMO_CDS_DIR:-$root/target/cds}"
  local archive="$dir/$name.jsa"
  local java_bin; java_bin="$(readlink -f "$(command -v java)")"
  # (The archive records the jars it came from: a JVM finding them changed would just ignore it.)
  if [[ -f "$archive" && "$archive" -nt "$root/target/udf-demo.jar" && "$archive" -nt "$java_bin" ]]; then
    exec java "${SHORT_RUN_FLAGS[@]}" -XX:SharedArchiveFile="$archive" '-Xlog:cds*=off' "$@"
  fi
  mkdir -p "$dir"
  # One run writes the archive; one started meanwhile runs without (the lock goes with its holder).
  local lock
  exec {lock}> "$archive.lock"
  flock -n "$lock" || exec java "${SHORT_RUN_FLAGS[@]}" "$@"
  echo "(first run of this build: also saving its classes to $archive for faster starts; ~10 s more, once)" >&2
  local partial="$archive.$$" status=0
  java "${SHORT_RUN_FLAGS[@]}" -XX:ArchiveClassesAtExit="$partial" '-Xlog:cds*=off' "$@" || status=$?
  # Kept from a run that did its work (0: shown, 1: not shown) and renamed whole, so that no run
  # maps half an archive; a failed or killed run's is dropped.
  if [[ -f "$partial" ]]; then
    if ((status <= 1)); then mv -f "$partial" "$archive"; else rm -f "$partial"; fi
  fi
  return "$status"
}
