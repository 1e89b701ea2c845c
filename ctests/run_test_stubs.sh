#!/bin/sh
# Builds the library and runs ctests/test_stubs.c against it.
# Extra arguments go to gcc (for example -DRUSTPSA_HAVE_INIT).
# The shared library carries the soname librustpsa.so.0 (see build.rs) while cargo
# writes librustpsa.so, so the runtime name is provided as a symlink.
set -eu
cd "$(dirname "$0")/.."
cargo build
ln -sf librustpsa.so target/debug/librustpsa.so.0
gcc -std=c99 -Wall -Wextra -Werror -pedantic -I include "$@" ctests/test_stubs.c \
    -L target/debug -lrustpsa -Wl,-rpath,"$PWD/target/debug" -o target/debug/test_stubs
exec target/debug/test_stubs
