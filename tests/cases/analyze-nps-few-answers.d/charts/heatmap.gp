# heatmap.gp - the breach rate by breakdown value, drawn by mot VERSION.
# Draw it again from any folder with: gnuplot path/to/heatmap.gp
# (it writes heatmap.png beside this script). Another format: gnuplot -e 'fmt="svg"' heatmap.gp
# (png, svg or pdf; dumb prints it on the terminal). The numbers are in heatmap.dat:
# tab-separated columns, named on its first line.

if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "heatmap." . fmt
here = ""
if (exists("ARG0")) { do for [i = strlen(ARG0):1:-1] { if (here eq "" && ARG0[i:i] eq "/") { here = ARG0[1:i] } } }
if (here ne "") { cd here }
if (fmt eq "svg") {
	set terminal svg size 700,285 font "Sans,12" noenhanced background "#ffffff"
}
if (fmt eq "pdf") {
	set terminal pdfcairo size 7.00in,2.85in font "Sans,8" noenhanced
}
if (fmt eq "dumb") {
	if (!exists("cols")) { cols = 100 }
	set terminal dumb size cols,30 noenhanced
}
if (fmt ne "svg" && fmt ne "pdf" && fmt ne "dumb") {
	if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
		set terminal pngcairo size 700,285 font "Sans,10" noenhanced background "#ffffff"
	} else {
		set terminal png size 700,285 noenhanced background "#ffffff"
	}
}
# cw: a character's width as a share of the canvas, for margins.
if (fmt eq "dumb") { cw = 1.0 / cols } else { cw = 0.01080 }
if (fmt ne "dumb") { set output out }
set termoption noenhanced
set encoding utf8
set datafile separator "\t"
c_met = "#3a9d5d"; c_tolerated = "#e8a33d"; c_breached = "#c0392b"; c_ink = "#333333"
set border 3 lc rgb "#888888"
set tics nomirror textcolor rgb c_ink
set key textcolor rgb c_ink

set multiplot title "Breach rate by region"
set yrange [2.5:0.5]
set cbrange [0:50]
set format cb "%g%%"
set palette defined (0 "#ffffff", 0.2 "#fde4c4", 0.5 "#f0a15c", 1 "#a50f15")
set border 0
set tics scale 0
set lmargin at screen 0.2184
set rmargin at screen 0.7857
set ytics  ("Order confirmation" 1, "Order dispatched" 2)
set xtics rotate by 90 right ("a" 1, "b" 2, "c" 3)
set style fill solid 1.0 border lc rgb "#ffffff"
set xrange [0.5:3.5]
set tmargin at screen 0.8246
set bmargin at screen 0.1789
plot "heatmap.dat" using 1:($5 == 0 ? $2 : NaN):(0.5):(0.5):(100*$3) with boxxyerror fc palette notitle, \
     "" using 1:($5 != 0 ? $2 : NaN):(0.5):(0.5) with boxxyerror fc rgb "#e0e0e0" notitle, \
     "" using 1:2:(sprintf("%.0f%%\nn %d", 100*$3, int($4))):($5 == 0 && 100*$3 > 30 ? 0xffffff : $5 != 0 ? 0x777777 : 0x222222) with labels tc rgb variable font ",10" notitle
unset multiplot
