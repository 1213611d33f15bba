/* roster-csv-decoder.c: which encoding a CSV file is in, and its text as
 * UTF-8, a piece at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <uchardet/uchardet.h>

#include "roster-csv.h"
#include "roster-csv-private.h"

struct _RosterCsvDecoder
{
  /* UTF-8 needs checking, not converting. */
  gboolean utf8;
  GIConv   cd;
};

/* libuchardet names an encoding by the standard it found the text to
 * follow; spreadsheets write the Windows superset of most of them (Excel
 * in a Chinese locale writes GBK, which GB2312 guesses are; GB18030
 * holds both). The rest pass as they are: GLib's iconv knows them. */
static const struct
{
  const char *uchardet;
  const char *iconv;
} charset_names[] = {
  { "ASCII", "UTF-8" },
  { "GB2312", "GB18030" },
  { "GBK", "GB18030" },
  { "EUC-CN", "GB18030" },
  { "ISO-8859-1", "WINDOWS-1252" },
  { "ISO-8859-9", "WINDOWS-1254" },
  { "ISO-8859-11", "WINDOWS-874" },
  { "TIS-620", "WINDOWS-874" },
  { "SHIFT_JIS", "CP932" },
  { "EUC-KR", "CP949" },
  { "BIG5", "CP950" },
};

char *
roster_csv_map_charset_name (const char *uchardet_name)
{
  if (uchardet_name == NULL || uchardet_name[0] == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (charset_names); i++)
    if (g_ascii_strcasecmp (uchardet_name, charset_names[i].uchardet) == 0)
      return g_strdup (charset_names[i].iconv);

  return g_ascii_strup (uchardet_name, -1);
}

/* UTF-16 without a byte order mark: text that is mostly ASCII has a zero
 * in every other byte, the second of each pair in little-endian order. */
static const char *
guess_utf16 (const guint8 *sample,
             gsize         len)
{
  gsize n_pairs = MIN (len, 4096) / 2;
  gsize zero_first = 0;
  gsize zero_second = 0;

  if (n_pairs < 2)
    return NULL;

  for (gsize i = 0; i < n_pairs; i++)
    {
      zero_first += sample[2 * i] == 0;
      zero_second += sample[2 * i + 1] == 0;
    }

  if (zero_second * 2 > n_pairs && zero_first * 8 < n_pairs)
    return "UTF-16LE";
  if (zero_first * 2 > n_pairs && zero_second * 8 < n_pairs)
    return "UTF-16BE";
  return NULL;
}

static gboolean
is_utf8 (const guint8 *sample,
         gsize         len,
         gboolean      complete)
{
  const char *end;
  gsize rest;

  if (g_utf8_validate ((const char *) sample, len, &end))
    return TRUE;

  /* The sample may stop inside a character. */
  rest = len - (end - (const char *) sample);
  return !complete && g_utf8_get_char_validated (end, rest) == (gunichar) -2;
}

/* Chinese text in GBK, as Excel writes it in a Chinese locale: its
 * bytes over 127 pair up into characters, nearly all of them in GB2312
 * (both bytes 0xA1 to 0xFE, where the common hanzi are). libuchardet
 * needs more than a list of names to see it (it often answers
 * WINDOWS-1252 or UTF-8), while single-byte text fails this test:
 * its accented letters are followed by plain ASCII letters or
 * punctuation, and few words in Cyrillic and the like have an even
 * number of letters each. */
static gboolean
looks_like_gb2312 (const guint8 *sample,
                   gsize         len,
                   gboolean      complete)
{
  guint n_chars = 0;
  guint n_gb2312 = 0;
  gsize i = 0;

  while (i < len)
    {
      guint8 lead = sample[i];

      if (lead < 0x80)
        {
          i++;
          continue;
        }
      if (lead == 0x80 || lead == 0xFF)
        return FALSE;
      if (i + 1 >= len)
        return !complete && n_gb2312 >= 2 && n_gb2312 * 10 >= n_chars * 9;

      /* GB18030's four-byte characters: rare, but valid. */
      if (sample[i + 1] >= 0x30 && sample[i + 1] <= 0x39)
        {
          if (i + 3 >= len)
            break;
          if (sample[i + 2] < 0x81 || sample[i + 2] == 0xFF ||
              sample[i + 3] < 0x30 || sample[i + 3] > 0x39)
            return FALSE;
          n_chars++;
          i += 4;
          continue;
        }

      if (sample[i + 1] < 0x40 || sample[i + 1] == 0x7F || sample[i + 1] == 0xFF)
        return FALSE;
      n_chars++;
      n_gb2312 += lead >= 0xA1 && sample[i + 1] >= 0xA1;
      i += 2;
    }

  return n_gb2312 >= 2 && n_gb2312 * 10 >= n_chars * 9;
}

/* The sample as UTF-8 in @encoding, NULL when it is not text in it. */
static GByteArray *
decode_sample (const char   *encoding,
               const guint8 *sample,
               gsize         len,
               gboolean      complete)
{
  g_autoptr(RosterCsvDecoder) decoder = roster_csv_decoder_new (encoding, NULL);
  g_autoptr(GByteArray) text = g_byte_array_new ();
  gboolean invalid;

  if (decoder == NULL)
    return NULL;
  roster_csv_decoder_convert (decoder, sample, len, complete, text, &invalid);
  if (invalid)
    return NULL;
  return g_steal_pointer (&text);
}

/* How much @text looks like words: a point for each letter over ASCII,
 * ten off for each control or unassigned character (what a single-byte
 * encoding makes of bytes another one uses for letters or quotes);
 * symbols count nothing. Sets @latin when most letters are Latin. */
static gint64
score_text (GByteArray *text,
            gboolean   *latin)
{
  const char *p = (const char *) text->data;
  const char *end = p + text->len;
  gint64 score = 0;
  gint64 n_letters = 0;
  gint64 n_latin = 0;

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_UNASSIGNED:
        case G_UNICODE_PRIVATE_USE:
        case G_UNICODE_SURROGATE:
        case G_UNICODE_FORMAT:
          score -= 10;
          break;
        case G_UNICODE_LOWERCASE_LETTER:
        case G_UNICODE_UPPERCASE_LETTER:
        case G_UNICODE_TITLECASE_LETTER:
        case G_UNICODE_MODIFIER_LETTER:
        case G_UNICODE_OTHER_LETTER:
          score++;
          n_letters++;
          n_latin += g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN;
          break;
        default:
          break;
        }
    }

  *latin = n_latin * 2 >= n_letters;
  return score;
}

static char *
ask_uchardet (const guint8 *sample,
              gsize         len)
{
  uchardet_t detector = uchardet_new ();
  char *name = NULL;

  if (uchardet_handle_data (detector, (const char *) sample, len) == 0)
    {
      uchardet_data_end (detector);
      name = roster_csv_map_charset_name (uchardet_get_charset (detector));
    }
  uchardet_delete (detector);
  return name;
}

char *
roster_csv_guess_encoding (const guint8 *sample,
                           gsize         len,
                           gboolean      complete)
{
  g_autofree char *guess = NULL;
  g_autoptr(GByteArray) guess_text = NULL;
  g_autoptr(GByteArray) western_text = NULL;
  const char *utf16;
  gint64 guess_score = 0;
  gint64 western_score = 0;
  gboolean guess_latin = FALSE;
  gboolean western_latin;

  if (len >= 3 && memcmp (sample, "\xEF\xBB\xBF", 3) == 0)
    return g_strdup ("UTF-8");
  if (len >= 2 && memcmp (sample, "\xFF\xFE", 2) == 0)
    return g_strdup ("UTF-16LE");
  if (len >= 2 && memcmp (sample, "\xFE\xFF", 2) == 0)
    return g_strdup ("UTF-16BE");

  utf16 = guess_utf16 (sample, len);
  if (utf16 != NULL)
    return g_strdup (utf16);

  /* Valid UTF-8 that is not ASCII is almost never anything else, and
   * libuchardet can hesitate on a short sample. */
  if (is_utf8 (sample, len, complete))
    return g_strdup ("UTF-8");

  if (looks_like_gb2312 (sample, len, complete))
    return g_strdup ("GB18030");

  /* libuchardet's guess, if the sample is text in it (it may answer
   * UTF-8 for what is not), against Windows-1252 (Excel's encoding in
   * Western locales) which its guesses on a short sample often miss for
   * another Latin one, or even a DOS code page. A tie goes to the guess
   * when it is not Latin (Cyrillic in Windows-1251 is all letters in
   * Windows-1252 too), else to Windows-1252. */
  guess = ask_uchardet (sample, len);
  if (guess != NULL)
    guess_text = decode_sample (guess, sample, len, complete);
  if (guess_text != NULL)
    guess_score = score_text (guess_text, &guess_latin);

  western_text = decode_sample ("WINDOWS-1252", sample, len, complete);
  if (western_text != NULL)
    western_score = score_text (western_text, &western_latin);

  if (guess_text != NULL &&
      (western_text == NULL || guess_score > western_score ||
       (guess_score == western_score && !guess_latin)))
    return g_steal_pointer (&guess);

  /* Also when nothing fits: the reader then says which line does not. */
  return g_strdup ("WINDOWS-1252");
}

RosterCsvDecoder *
roster_csv_decoder_new (const char  *encoding,
                        GError     **error)
{
  g_autoptr(RosterCsvDecoder) self = g_new0 (RosterCsvDecoder, 1);

  g_return_val_if_fail (encoding != NULL, NULL);

  self->cd = (GIConv) -1;
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
      g_ascii_strcasecmp (encoding, "UTF8") == 0)
    {
      self->utf8 = TRUE;
      return g_steal_pointer (&self);
    }

  self->cd = g_iconv_open ("UTF-8", encoding);
  if (self->cd == (GIConv) -1)
    {
      g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ENCODING,
                   _("The encoding “%s” is not one this system can read."), encoding);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
roster_csv_decoder_free (RosterCsvDecoder *self)
{
  if (self == NULL)
    return;
  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_free (self);
}

/* Keeps the text of @out from @start on up to its first invalid
 * character or NUL; FALSE when there was one. */
static gboolean
keep_valid (GByteArray *out,
            gsize       start)
{
  const char *end;

  if (out->len == start ||
      g_utf8_validate ((const char *) out->data + start, out->len - start, &end))
    return TRUE;

  g_byte_array_set_size (out, end - (const char *) out->data);
  return FALSE;
}

static gsize
check_utf8 (const guint8 *in,
            gsize         len,
            gboolean      eof,
            GByteArray   *out,
            gboolean     *invalid)
{
  const char *end;
  gsize used;

  if (len == 0)
    return 0;
  if (g_utf8_validate ((const char *) in, len, &end))
    {
      g_byte_array_append (out, in, len);
      return len;
    }

  used = end - (const char *) in;
  g_byte_array_append (out, in, used);
  if (eof || g_utf8_get_char_validated (end, len - used) != (gunichar) -2)
    *invalid = TRUE;
  return used;
}

gsize
roster_csv_decoder_convert (RosterCsvDecoder *self,
                            const guint8     *in,
                            gsize             len,
                            gboolean          eof,
                            GByteArray       *out,
                            gboolean         *invalid)
{
  char *in_next = (char *) in;
  gsize in_left = len;
  gsize start = out->len;

  *invalid = FALSE;

  if (self->utf8)
    return check_utf8 (in, len, eof, out, invalid);

  while (in_left > 0)
    {
      gsize old_len = out->len;
      gsize room = in_left * 4 + 16;
      char *out_next;
      gsize out_left = room;
      gsize result;
      int saved_errno;

      g_byte_array_set_size (out, old_len + room);
      out_next = (char *) out->data + old_len;
      result = g_iconv (self->cd, &in_next, &in_left, &out_next, &out_left);
      saved_errno = errno;
      g_byte_array_set_size (out, old_len + (room - out_left));

      if (result != (gsize) -1)
        break;
      if (saved_errno == E2BIG)
        continue;
      /* EINVAL: a character cut short, the rest of it still to come. */
      if (saved_errno != EINVAL || eof)
        *invalid = TRUE;
      break;
    }

  /* The end: a stateful encoding (ISO-2022-JP) may owe a shift back. */
  if (eof && !*invalid)
    {
      gsize old_len = out->len;
      gsize room = 64;
      char *out_next;
      gsize out_left = room;

      g_byte_array_set_size (out, old_len + room);
      out_next = (char *) out->data + old_len;
      if (g_iconv (self->cd, NULL, NULL, &out_next, &out_left) == (gsize) -1)
        *invalid = TRUE;
      g_byte_array_set_size (out, old_len + (room - out_left));
    }

  if (!keep_valid (out, start))
    *invalid = TRUE;

  return in_next - (char *) in;
}
