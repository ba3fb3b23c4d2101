# showcode.awk - cut the code a lesson shows out of the lesson's own source.
#
# Lines between "/* SHOW: name */" and "/* END SHOW */" become the C string
# code_name[] in the generated header, so the code shown on screen is the
# very code compiled into the lesson: the two cannot drift apart.
/\/\* SHOW: [a-z_]+ \*\// {
	name = $0
	sub(/.*SHOW: /, "", name)
	sub(/ .*/, "", name)
	printf "static const char code_%s[] =\n", name
	inblock = 1
	next
}
END {
	if (failed)
		exit 1
}
/\/\* END SHOW \*\// {
	if (inblock)
		print "\t\"\";"
	inblock = 0
	next
}
inblock {
	line = $0
	width = $0
	gsub(/\t/, "    ", width)
	if (length(width) > 76) {
		# Shown code must fit an 80-column terminal (a projector) inside
		# the box's four columns: fail the build rather than wrap it.
		printf "%s:%d: shown code is %d columns wide (at most 76)\n", FILENAME, FNR, length(width) > "/dev/stderr"
		failed = 1
	}
	gsub(/\\/, "&&", line)
	gsub(/"/, "\\\"", line)
	gsub(/\t/, "    ", line)
	print "\t\"" line "\\n\""
}
