/* hello.c - forksh-hello, the small separate program that lesson forkexec
 * starts with execlp, as the chapter's fork/exec example starts its child
 * program.  It is plain C, shown whole by the lesson; the Makefile links
 * it with hellorec.c, which records it when a lesson runs it (and does
 * nothing when it is run by hand).
 */
/* SHOW: hello */
#include <stdio.h>
#include <unistd.h>

/* a brand-new program, in the same process */
int main(int argc, char **argv)
{
    printf("Hello from child %ld %s\n", (long)getpid(),
           argc > 1 ? argv[1] : "");
    return 0;
}
/* END SHOW */
