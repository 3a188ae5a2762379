// Hard ceilings that keep one command line from exhausting the worker. They are far above
// anything a lesson needs, and hitting one yields an error message, never a crash.

/** Characters one command may write to stdout or stderr, and one exec may return. */
export const MAX_OUTPUT = 2 * 1024 * 1024;

/** Characters one variable may hold (`a=$a$a` doubling would otherwise exhaust memory). */
export const MAX_VALUE = 8 * 1024 * 1024;

/** Characters of buffered (incomplete) input the shell keeps before giving up on it. */
export const MAX_INPUT = 8 * 1024 * 1024;

/** Nesting of `$( )`, `${ }`, backquotes, groups and compound commands in one line. */
export const MAX_NESTING = 64;

/** Scripts, `bash -c`, `xargs` and friends calling each other. */
export const MAX_CALL_DEPTH = 32;

/** Shell functions calling each other (bash's FUNCNEST, which is unlimited, would crash). */
export const MAX_FUNCTION_DEPTH = 100;

/** Simple commands one exec may run, so `while true; do :; done` ends. */
export const MAX_STEPS = 100_000;

/** Entries kept by `history`, like HISTSIZE. */
export const MAX_HISTORY = 1000;
