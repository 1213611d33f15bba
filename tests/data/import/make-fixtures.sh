#!/bin/sh
# Makes the import wizard's binary fixtures from their UTF-8 sources:
# gbk-names.csv is what Excel in a Chinese locale saves (GBK, no BOM).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")"
iconv -f UTF-8 -t GBK gbk-names.utf8 > gbk-names.csv

# Excel in a Western European locale: Windows-1252 (’ is 0x92 there),
# semicolons, CRLF.
printf 'Username;First name;Surname;Email address\r\nf.lefevre;Françoise;Lefèvre;f.lefevre@partner.example\r\nj.garcia;José;García Núñez;j.garcia@partner.example\r\nd.obrien;Dónal;O’Brien;d.obrien@partner.example\r\n' |
  iconv -f UTF-8 -t WINDOWS-1252 > windows-1252-semicolon.csv
