# Sourced by .ci/run and run-local.sh: makes sure JAVA_HOME points at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+; otherwise keeps a default `java` that is 21+;
# otherwise picks the newest JDK 21+ under /usr/lib/jvm (Debian's JVM directory).

java_major() { # $1 = path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major "$(command -v java)")" -ge 21 ] 2>/dev/null; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    export JAVA_HOME
    return 0
  fi
  best="" best_major=0
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "Signalbox needs a JDK 21 or newer: set JAVA_HOME to one." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
