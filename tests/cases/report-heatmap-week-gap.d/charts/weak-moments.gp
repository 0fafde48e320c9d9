# weak-moments.gp - the weakest moments, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/weak-moments.gp
# (it writes weak-moments.svg beside this script). Another format: gnuplot -e 'fmt="svg"' weak-moments.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in weak-moments.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "svg"
if (!exists("out")) out = "weak-moments." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 1000,242 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 10.00in,2.42in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,22 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 1000,242 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 1000,242 noenhanced background "#ffffff"
	}
}
# cw: a character's width as a share of the canvas, for margins.
if (fmt eq "dumb") { cw = 1.0 / cols } else { cw = 0.00756 }
if (fmt ne "dumb") { set output out }
set termoption noenhanced
set encoding utf8
set datafile separator "\t"
c_met = "#3a9d5d"; c_tolerated = "#e8a33d"; c_breached = "#c0392b"; c_ink = "#333333"
set border 3 lc rgb "#888888"
set tics nomirror textcolor rgb c_ink
set key textcolor rgb c_ink

set title "Weakest moments first: how often each was met, tolerated or breached"
set yrange [3.6:0.4]
set xtics ("0%%" 0, "25%%" 0.25, "50%%" 0.5, "75%%" 0.75, "100%%" 1)
set ytics scale 0 ("Delivery" 1, "Order confirmation" 2, "Support call" 3)
ly = 18; lr = 37
if (fmt eq "dumb") {
	set ytics scale 0 ("Delivery" 1, "Order confirmation" 2, "Support call" 3)
	ly = 18; lr = 22
}
set lmargin at screen (ly + 2) * cw
set rmargin at screen 1 - 2 * cw
pw = 1 - (ly + 4) * cw
bw = pw - (lr + 2) * cw
set xrange [0:(bw > pw / 3 ? pw / bw : 3)]
set bmargin 4.6
set key at screen 0.5, screen 0.01 center bottom vertical maxrows 2
if (fmt eq "dumb") { set bmargin; set key below horizontal maxrows auto }
set style fill solid 1.0 border lc rgb "#ffffff"
plot "weak-moments.dat" using ($2/2):1:($2/2):(0.36) with boxxyerror fc rgb c_breached title "breached (beyond adequate)", \
     "" using ($2+$3/2):1:($3/2):(0.36) with boxxyerror fc rgb c_tolerated title "tolerated", \
     "" using ($2+$3+$4/2):1:($4/2):(0.36) with boxxyerror fc rgb c_met title "met (within desired)", \
     "" using 9:($1-0.46):(0):(0.92) with vectors nohead lw 3 lc rgb "#000000" title "objective: most breached allowed", \
     "" using (1):1:($5 <= 0 ? "no finished occurrence" : fmt eq "dumb" ? sprintf("%.1f%% of %d%s", 100*$6, int($5), $10 > 0 ? ", missed" : "") : sprintf("n %d, %.1f%% breached%s", int($5), 100*$6, $10 > 0 ? ", objective missed" : "")):($10 > 0 ? 0xc0392b : 0x333333) with labels left tc rgb variable offset char 1,0 notitle
