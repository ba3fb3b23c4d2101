/* fuzz.h - what the fuzz targets share with the two programs that run them.
 *
 * Each target (fuzz_parse.c, fuzz_expand.c) defines LLVMFuzzerTestOneInput,
 * the libFuzzer entry point.  Built with clang -fsanitize=fuzzer it becomes a
 * fuzzer; built with any compiler and replay.c it becomes a plain program
 * that feeds it saved inputs, which is how `make test` replays the corpus and
 * every crash the fuzzer ever found without needing clang.
 */
#ifndef FORKSH_FUZZ_H
#define FORKSH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copy size bytes of fuzz input into a new NUL-terminated string, dropping
 * NUL bytes as the shell's line reader does, and add the newline the reader
 * puts after every line.  The caller frees the result. */
char *fuzz_line(const uint8_t *data, size_t size);

/* Send stdio's stderr to /dev/null, so that syntax error messages do not
 * flood the fuzzer's log (sanitizer reports write to descriptor 2 directly
 * and still show).  Returns a stream on /dev/null for the targets' own
 * output, never NULL: on failure it falls back to the real stderr. */
FILE *fuzz_quiet(void);

#endif
