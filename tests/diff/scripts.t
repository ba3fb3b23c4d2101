#### zgrep finds lines in compressed files
printf 'alpha\nbeta\ngamma\n' > one; printf 'beta two\ndelta\n' > two; gzip one two
"$SH_UNDER_TEST" /usr/bin/zgrep beta one.gz two.gz; echo "st=$?"
#### zgrep options
printf 'Alpha\nbeta\nALPHA again\n' > f; gzip f
"$SH_UNDER_TEST" /usr/bin/zgrep -i -c alpha f.gz; "$SH_UNDER_TEST" /usr/bin/zgrep -l beta f.gz; "$SH_UNDER_TEST" /usr/bin/zgrep -e nothing f.gz; echo "st=$?"
#### zgrep with -n and a pattern with spaces
printf 'one two\nthree\none  two\n' > f; gzip f
"$SH_UNDER_TEST" /usr/bin/zgrep -n 'one two' f.gz
#### zgrep reading standard input
printf 'in\nout\n' | gzip | "$SH_UNDER_TEST" /usr/bin/zgrep out
#### gunzip to standard output
printf 'hello\n' > g; gzip g; "$SH_UNDER_TEST" /usr/bin/gunzip -c g.gz
#### gunzip a file in place
printf 'content\n' > h; gzip h; "$SH_UNDER_TEST" /usr/bin/gunzip h.gz; cat h; ls h*
#### gunzip a missing file
"$SH_UNDER_TEST" /usr/bin/gunzip missing.gz 2>/dev/null; echo "st=$?"
#### zcat
printf 'cat me\n' > z; gzip z; "$SH_UNDER_TEST" /usr/bin/zcat z.gz
#### zcmp and zdiff
printf 'a\nb\n' > x; printf 'a\nc\n' > y; gzip x y
"$SH_UNDER_TEST" /usr/bin/zcmp x.gz x.gz; echo "same $?"; "$SH_UNDER_TEST" /usr/bin/zdiff x.gz y.gz; echo "diff $?"
#### which
"$SH_UNDER_TEST" /usr/bin/which sh ls; "$SH_UNDER_TEST" /usr/bin/which no-such-program-here; echo "st=$?"
#### which -a
"$SH_UNDER_TEST" /usr/bin/which -a sh | head -n 1
#### savelog rotates logs
printf 'day one\n' > app.log
"$SH_UNDER_TEST" /usr/bin/savelog -q -c 3 app.log
printf 'day two\n' > app.log
"$SH_UNDER_TEST" /usr/bin/savelog -q -c 3 app.log
ls app.log*; zcat app.log.1.gz 2>/dev/null || cat app.log.1; cat app.log.0
#### savelog with -n and -l
printf 'x\n' > keep.log; "$SH_UNDER_TEST" /usr/bin/savelog -q -l -n keep.log; ls keep.log*
