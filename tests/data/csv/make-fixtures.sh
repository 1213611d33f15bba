#!/bin/sh
# Writes the CSV reader's fixtures (tests/unit/test-csv*.c read them and
# say what each must give). They are committed; run this again only to
# change them. The encodings come from iconv, as a user's file would.
set -eu

cd "$(dirname "$0")"

# Excel in a Chinese locale, "CSV (comma delimited)": GBK, CRLF.
printf 'username,firstname,lastname,email\r\nz.wang,伟,王,z.wang@example.edu\r\nn.li,娜,李,n.li@example.edu\r\nx.zhang,秀英,张,x.zhang@example.edu\r\nq.liu,强,刘,q.liu@example.edu\r\nj.chen,静,陈,j.chen@example.edu\r\nm.ouyang,"敏, 小敏",欧阳,m.ouyang@example.edu\r\n' |
  iconv -f UTF-8 -t GBK > gbk.csv

# Excel's "Unicode text": UTF-16LE with a byte order mark, tabs, CRLF;
# fields with a tab or a quote are quoted.
printf 'username\tfirstname\tlastname\temail\r\nm.chen\t明\t陈\tm.chen@example.edu\r\na.okafor\tAdaeze\tOkafor\ta.okafor@example.edu\r\nj.mueller\tJürgen\tMüller\tj.mueller@example.edu\r\nj.oneill\t"Jo ""Sunny"""\tO’Neill\tj.oneill@example.edu\r\n' |
  iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } > utf16le-excel.txt

# Excel in a Western European locale: Windows-1252 (’ is 0x92 there,
# not in ISO-8859-1), CRLF.
printf 'username,firstname,lastname,email\r\nf.lefevre,Françoise,Lefèvre,f.lefevre@example.edu\r\nj.garcia,José,García Núñez,j.garcia@example.edu\r\nj.conceicao,João,Conceição,j.conceicao@example.edu\r\nd.obrien,Dónal,O’Brien,d.obrien@example.edu\r\nj.mueller,Jürgen,Müller,j.mueller@example.edu\r\na.orsted,Åsa,Ørsted,a.orsted@example.edu\r\n' |
  iconv -f UTF-8 -t WINDOWS-1252 > windows-1252.csv

# Excel "CSV UTF-8" in a French locale: BOM, semicolons, decimal commas.
printf '\357\273\277username;firstname;lastname;grade\r\nc.dupont;Céline;Dupont;12,5\r\nl.martin;Léa;"Martin; Durand";9,75\r\nh.bernard;Hugo;Bernard;15\r\n' > semicolon.csv

printf 'username\tfirstname\tlastname\nk.tanaka\tKenji\tTanaka\ns.kim\tSeo-yeon\tKim, Park\n' > tab.tsv

printf 'username|firstname|lastname\na.smith|Alice|Smith\nb.jones|Bob|Jones, Jr.\n' > pipe.csv

# RFC 4180's hard parts: line breaks (LF and CRLF) and delimiters in
# quotes, doubled quotes, empty quoted fields, a trailing empty field.
printf 'username,note,email\na.b,"two\nlines",a.b@example.edu\nc.d,"say ""hi"", then go",c.d@example.edu\ne.f,"",\ng.h,"three\r\nlines\nhere",g.h@example.edu\n' > quoted.csv

printf 'username,firstname\r\na.b,Ann\r\nc.d,Carl\r\n' > crlf.csv

# Old Mac line ends.
printf 'username,firstname\ra.b,Ann\rc.d,Carl\r' > cr.csv

# Rows with fewer and more fields, a blank line in the middle, blank
# lines at the end (no rows), and no line break after the last row.
printf 'username,firstname,lastname\na.b,Ann\nc.d,Carl,Cole,extra\n\ne.f,Eve,East\n\n\n' > ragged.csv

# The last quoted field never ends: the error names line 3, where it starts.
printf 'username,firstname,lastname\na.b,Ann,Ash\nc.d,"Carl,Cole\ne.f,Eve,East\n' > unclosed-quote.csv

printf 'username,firstname,lastname,email\r\n' > header-only.csv

: > empty.csv

printf 'email\na.b@example.edu\nc.d@example.edu\n' > single-column.csv
