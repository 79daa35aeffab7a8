# Sourced by scripts/build.sh and scripts/sanitize.sh. The builds use Ninja (it
# compiles the program's own files while the library's are still being compiled;
# make builds one target after the other): on 2 cores that is the difference
# between keeping both busy and waiting for the last big file.
# fresh_if_not_ninja DIR: a build directory made by make (earlier versions) is
# configured afresh, because CMake refuses to switch the generator of a directory.
fresh_if_not_ninja() {
  if [[ -f "$1/CMakeCache.txt" ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$1/CMakeCache.txt"; then
    rm -rf "$1/CMakeCache.txt" "$1/CMakeFiles"
  fi
}
