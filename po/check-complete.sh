#!/bin/sh
# A translation must cover the sources as they are now, not only the
# template it was last merged with: extract the messages afresh (as
# meson's "glib" gettext preset does), merge the translation into them,
# and count what is left untranslated or fuzzy.
#   check-complete.sh SOURCE_ROOT LANG
set -eu
root=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
xgettext --package-name=roster --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --output="$tmp/roster.pot"
msgmerge --quiet --output-file="$tmp/$lang.po" "po/$lang.po" "$tmp/roster.pot"
out=$(msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1) || { echo "$out"; exit 1; }
echo "$out"
case "$out" in
  *untranslated*|*fuzzy*)
    echo "po/$lang.po does not cover the sources; what is missing:"
    msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | grep '^msgid' || true
    msgattrib --untranslated "$tmp/$lang.po" | grep '^msgid' | tail -n +2
    exit 1 ;;
esac
