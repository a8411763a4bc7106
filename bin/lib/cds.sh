# Class-data sharing for the short-lived JVMs of bin/demo and bin/sql-client (sourced by them).
#
#   run_java NAME JAVA_ARGS...
#
# runs java with the start-up flags of a short run. The first run of a class path also writes
# target/cds/NAME-<key>.jsa, an archive of every class that run loaded, already parsed and verified
# (JDK 17's -XX:ArchiveClassesAtExit); later runs map that archive instead of loading the classes
# again and start about 3 s sooner (about a quarter less CPU for a demo run). Each class path has
# an archive of its own (runs that alternate between two do not remake one each time); a new one is
# made when the class path, a project jar on it or the JDK changed: not merely because a build
# wrote the same jar again (see stable_copy).
# DEMO_CDS_DIR: where the archives go (default target/cds); DEMO_CDS=off: no archive at all.

# Short runs: the quick JIT tier and the serial collector. A run plans a few statements and
# waits; the optimizing compiler and parallel GC threads would not pay off before it ends.
SHORT_RUN_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

_cds_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_cds_dir="${DEMO_CDS_DIR:-$_cds_root/target/cds}"

# stable_copy JAR: prints the path of a copy of JAR that is replaced only when JAR's content
# changed. Every `mvn package` writes target/udf-demo.jar anew (and so gives it a new time, which
# would void an archive made from it); the copy keeps its time while the classes stay the same.
stable_copy() {
  local jar="$1"
  [[ "${DEMO_CDS:-on}" == "off" ]] && { echo "$jar"; return; }
  local copy="$_cds_dir/$(basename "$jar")"
  mkdir -p "$_cds_dir"
  if ! cmp -s "$jar" "$copy"; then
    cp "$jar" "$copy.$$" && mv -f "$copy.$$" "$copy"
  fi
  echo "$copy"
}

# What an archive was made from: the JDK, the class path, and the size and time of each of its
# entries that the project builds (Maven's jars in ~/.m2 never change under their names).
_cds_key() {
  local java_bin cp="" entry
  java_bin="$(readlink -f "$(command -v java)")"
  while (($#)); do
    if [[ "$1" == "-cp" ]]; then cp="$2"; break; fi
    shift
  done
  echo "java $java_bin $(stat -c %Y "$java_bin")"
  echo "cp $cp"
  local IFS=:
  for entry in $cp; do
    [[ "$entry" == "$_cds_root"/* && -e "$entry" ]] && echo "entry $entry $(stat -c '%s %Y' "$entry")"
  done
  return 0
}

run_java() {
  local name="$1"; shift
  # Help and version runs load too few classes to make an archive of.
  if [[ "${DEMO_CDS:-on}" == "off" || " $* " =~ \ (-h|--help|-V|--version)\  ]]; then
    exec java "${SHORT_RUN_FLAGS[@]}" "$@"
  fi
  local key; key="$(_cds_key "$@")"
  local archive; archive="$_cds_dir/$name-$(cksum <<< "$key" | cut -d' ' -f1).jsa"
  if [[ -f "$archive" && -f "$archive.key" && "$(cat "$archive.key")" == "$key" ]]; then
    exec java "${SHORT_RUN_FLAGS[@]}" -XX:SharedArchiveFile="$archive" '-Xlog:cds*=off' "$@"
  fi
  mkdir -p "$_cds_dir"
  # One run writes the archive; one started meanwhile runs without (the lock goes with its holder).
  local lock
  exec {lock}> "$archive.lock"
  flock -n "$lock" || exec java "${SHORT_RUN_FLAGS[@]}" "$@"
  echo "(first run of this class path: also saving its classes to $archive for faster starts; ~10 s more, once)" >&2
  local partial="$archive.$$" status=0
  java "${SHORT_RUN_FLAGS[@]}" -XX:ArchiveClassesAtExit="$partial" '-Xlog:cds*=off' "$@" || status=$?
  # Kept from a run that did its work (0: shown, 1: not shown) and renamed whole, so that no run
  # maps half an archive; a failed or killed run's is dropped.
  if [[ -f "$partial" ]]; then
    if ((status <= 1)); then
      mv -f "$partial" "$archive" && echo "$key" > "$archive.key"
    else
      rm -f "$partial"
    fi
  fi
  return "$status"
}
