# showcode.awk - cut the code a lesson shows out of the lesson's own source.
#
# Lines between "/* SHOW: name */" and "/* END SHOW */" become the C string
# code_name[] in the generated header, so the code shown on screen is the
# very code compiled into the lesson: the two cannot drift apart.
#
# Lines between "/* PROGRAM */" and "/* END PROGRAM */" become the string
# program_source[]: the lesson's program as a C file of its own (what
# `lesson NAME --source` writes), SHOW markers left out.  Its main() sits
# between "#if 0 /* MAIN" and "#endif /* END MAIN */": not compiled into
# forksh (whose engine runs the program's functions itself), but written
# into the file without those two lines.
/\/\* PROGRAM \*\// {
	inprogram = 1
	nprog = 0
	next
}
/\/\* END PROGRAM \*\// {
	inprogram = 0
	next
}
/\/\* SHOW: [a-z_]+ \*\// {
	name = $0
	sub(/.*SHOW: /, "", name)
	sub(/ .*/, "", name)
	printf "static const char code_%s[] =\n", name
	inblock = 1
	next
}
/\/\* END SHOW \*\// {
	if (inblock)
		print "\t\"\";"
	inblock = 0
	next
}
/^#if 0 \/\* MAIN/ || /^#endif \/\* END MAIN \*\// {
	next
}
{
	line = $0
	gsub(/\\/, "&&", line)
	gsub(/"/, "\\\"", line)
	gsub(/\t/, "    ", line)
	if (inprogram)
		prog[++nprog] = "\t\"" line "\\n\""
}
inblock {
	width = $0
	gsub(/\t/, "    ", width)
	if (length(width) > 76) {
		# Shown code must fit an 80-column terminal (a projector) inside
		# the box's four columns: fail the build rather than wrap it.
		printf "%s:%d: shown code is %d columns wide (at most 76)\n", FILENAME, FNR, length(width) > "/dev/stderr"
		failed = 1
	}
	print "\t\"" line "\\n\""
}
END {
	if (nprog) {
		print "static const char program_source[] ="
		for (i = 1; i <= nprog; i++)
			print prog[i]
		print "\t\"\";"
	}
	if (failed)
		exit 1
}
