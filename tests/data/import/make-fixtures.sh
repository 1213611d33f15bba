#!/bin/sh
# Makes the import wizard's binary fixtures from their UTF-8 sources:
# gbk-names.csv is what Excel in a Chinese locale saves (GBK, no BOM).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")"
iconv -f UTF-8 -t GBK gbk-names.utf8 > gbk-names.csv
