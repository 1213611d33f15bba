/* roster-demo-names.c: the names the demo is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each name comes with the Latin spelling that usernames and e-mail
 * addresses are made from, the way a registry office would write it.
 */

#include "config.h"

#include "roster-demo-private.h"

static const RosterDemoName english_first[] = {
  { "Oliver", "oliver" }, { "Amelia", "amelia" }, { "Harry", "harry" }, { "Isla", "isla" },
  { "Jack", "jack" }, { "Ava", "ava" }, { "George", "george" }, { "Mia", "mia" },
  { "Noah", "noah" }, { "Emily", "emily" }, { "Charlie", "charlie" }, { "Sophie", "sophie" },
  { "Thomas", "thomas" }, { "Grace", "grace" }, { "James", "james" }, { "Lily", "lily" },
  { "William", "william" }, { "Ella", "ella" }, { "Henry", "henry" }, { "Freya", "freya" },
  { "Samuel", "samuel" }, { "Chloe", "chloe" }, { "Daniel", "daniel" }, { "Ruby", "ruby" },
};

static const RosterDemoName english_last[] = {
  { "Smith", "smith" }, { "Jones", "jones" }, { "Taylor", "taylor" }, { "Brown", "brown" },
  { "Williams", "williams" }, { "Wilson", "wilson" }, { "Johnson", "johnson" }, { "Davies", "davies" },
  { "Robinson", "robinson" }, { "Wright", "wright" }, { "Thompson", "thompson" }, { "Evans", "evans" },
  { "Walker", "walker" }, { "White", "white" }, { "Roberts", "roberts" }, { "Green", "green" },
  { "Hall", "hall" }, { "Wood", "wood" }, { "Jackson", "jackson" }, { "Clarke", "clarke" },
  { "O’Brien", "obrien" }, { "Okafor", "okafor" }, { "Patel", "patel" }, { "Nguyen", "nguyen" },
};

static const RosterDemoName chinese_first[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "娟", "juan" }, { "涛", "tao" },
  { "明", "ming" }, { "超", "chao" }, { "秀英", "xiuying" }, { "霞", "xia" }, { "平", "ping" },
  { "子涵", "zihan" }, { "浩然", "haoran" }, { "梓萱", "zixuan" }, { "宇轩", "yuxuan" },
};

static const RosterDemoName chinese_last[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "林", "lin" }, { "罗", "luo" }, { "高", "gao" },
  { "欧阳", "ouyang" }, { "司马", "sima" },
};

static const RosterDemoName european_first[] = {
  { "José", "jose" }, { "Zoë", "zoe" }, { "François", "francois" }, { "Søren", "soren" },
  { "Łukasz", "lukasz" }, { "Chloé", "chloe" }, { "Björn", "bjorn" }, { "Inês", "ines" },
  { "Jürgen", "jurgen" }, { "Ana", "ana" }, { "Małgorzata", "malgorzata" }, { "Núria", "nuria" },
  { "Håkon", "hakon" }, { "Anaïs", "anais" }, { "Tomáš", "tomas" }, { "Sébastien", "sebastien" },
};

static const RosterDemoName european_last[] = {
  { "García", "garcia" }, { "Müller", "muller" }, { "Lefèvre", "lefevre" }, { "Nowak", "nowak" },
  { "Andersson", "andersson" }, { "Gonçalves", "goncalves" }, { "Dubois", "dubois" },
  { "Kovačević", "kovacevic" }, { "Jørgensen", "jorgensen" }, { "Pérez", "perez" },
  { "Schäfer", "schafer" }, { "Novák", "novak" }, { "Łęcka", "lecka" }, { "Ó Briain", "obriain" },
};

static const RosterDemoName cyrillic_first[] = {
  { "Иван", "ivan" }, { "Мария", "maria" }, { "Алексей", "aleksei" }, { "Ольга", "olga" },
  { "Дмитрий", "dmitrii" }, { "Анна", "anna" }, { "Сергей", "sergei" }, { "Татьяна", "tatiana" },
};

static const RosterDemoName cyrillic_last[] = {
  { "Петров", "petrov" }, { "Иванова", "ivanova" }, { "Смирнов", "smirnov" },
  { "Кузнецова", "kuznetsova" }, { "Попов", "popov" }, { "Соколова", "sokolova" },
};

static const RosterDemoName greek_first[] = {
  { "Γιώργος", "giorgos" }, { "Ελένη", "eleni" }, { "Νίκος", "nikos" }, { "Μαρία", "maria" },
};

static const RosterDemoName greek_last[] = {
  { "Παπαδόπουλος", "papadopoulos" }, { "Νικολάου", "nikolaou" }, { "Γεωργίου", "georgiou" },
};

static const RosterDemoName arabic_first[] = {
  { "محمد", "mohammed" }, { "فاطمة", "fatima" }, { "أحمد", "ahmed" }, { "ليلى", "layla" },
  { "يوسف", "youssef" }, { "مريم", "maryam" },
};

static const RosterDemoName arabic_last[] = {
  { "العلي", "alali" }, { "حسن", "hassan" }, { "منصور", "mansour" }, { "الخطيب", "alkhatib" },
};

static const RosterDemoName japanese_first[] = {
  { "花子", "hanako" }, { "一郎", "ichiro" }, { "結衣", "yui" }, { "蓮", "ren" },
};

static const RosterDemoName japanese_last[] = {
  { "佐藤", "sato" }, { "鈴木", "suzuki" }, { "高橋", "takahashi" }, { "田中", "tanaka" },
};

static const RosterDemoName korean_first[] = {
  { "민준", "minjun" }, { "서연", "seoyeon" }, { "지호", "jiho" }, { "하은", "haeun" },
};

static const RosterDemoName korean_last[] = {
  { "김", "kim" }, { "이", "lee" }, { "박", "park" }, { "최", "choi" },
};

static const RosterDemoName hindi_first[] = {
  { "आरव", "aarav" }, { "प्रिया", "priya" }, { "विवान", "vivaan" }, { "अनन्या", "ananya" },
};

static const RosterDemoName hindi_last[] = {
  { "शर्मा", "sharma" }, { "पटेल", "patel" }, { "गुप्ता", "gupta" }, { "सिंह", "singh" },
};

#define POOL(first, last, weight, surname_first) \
  { first, G_N_ELEMENTS (first), last, G_N_ELEMENTS (last), weight, surname_first }

/* Weights roughly like a department with many students from China. */
static const RosterDemoNamePool pools[] = {
  POOL (chinese_first, chinese_last, 40, TRUE),
  POOL (english_first, english_last, 28, FALSE),
  POOL (european_first, european_last, 10, FALSE),
  POOL (cyrillic_first, cyrillic_last, 5, FALSE),
  POOL (arabic_first, arabic_last, 5, FALSE),
  POOL (greek_first, greek_last, 3, FALSE),
  POOL (japanese_first, japanese_last, 3, TRUE),
  POOL (korean_first, korean_last, 3, TRUE),
  POOL (hindi_first, hindi_last, 3, FALSE),
};

const RosterDemoNamePool *
roster_demo_pick_pool (GRand *rand)
{
  guint total = 0;
  gint32 pick;

  for (guint i = 0; i < G_N_ELEMENTS (pools); i++)
    total += pools[i].weight;

  pick = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (pools); i++)
    {
      if (pick < (gint32) pools[i].weight)
        return &pools[i];
      pick -= pools[i].weight;
    }

  return &pools[0];
}
