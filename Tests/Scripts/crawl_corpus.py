"""The generated crawl corpus shared by generate-crawl.py, mutate-crawl.py
and crash-harness.py: the sites, their template chrome, the vocabulary and
the page renderer.

A page is a pure function of (seed, page number, site): the generator seeds
one `random.Random` per page, so pages do not depend on the order they are
written in (or on how many processes write them).

Every page has the same skeleton, so that mutate-crawl.py can change one
part of it with a regular expression:

    <!--scour:article-->…<!--/scour:article-->    the article (title + text)
    <!--scour:sidebar-->…<!--/scour:sidebar-->    the sidebar ("Popular now")
    Views: 123                                     the hit counter
    Last updated 2025-03-04 12:31                  the date stamp

Only the article is page content; the rest is chrome (inside nav, header,
footer, aside, or elements whose class names say so) that an extractor
strips, so a page whose counter, stamp or sidebar changed has the same text.
"""

import os
import random
import re

# ---------------------------------------------------------------------------
# Sites

# (host, name, address, Chinese?) — 18 English sites and 2 Chinese ones.
SITES = [
    ("www.harbour-gazette.org", "Harbour Gazette", "12 Quay Street, Portsmouth PO1 2AB", False),
    ("news.valley-courier.com", "Valley Courier", "4 Mill Lane, Hebden Bridge HX7 8AA", False),
    ("www.northfield-times.net", "Northfield Times", "88 High Street, Northfield B31 2LJ", False),
    ("blog.lighthouse-keepers.org", "Lighthouse Keepers Blog", "The Old Lamp Room, Point Lynas LL68 9PR", False),
    ("www.city-orchestra.org", "City Orchestra", "Concert Hall, 1 Music Row, Leeds LS1 3AD", False),
    ("www.garden-society.org.uk", "Garden Society", "The Glasshouse, Kew Road, Richmond TW9 3AB", False),
    ("science.riverside-university.edu", "Riverside Science", "Riverside University, Building 7, Ames IA 50011", False),
    ("www.mountain-rescue.org", "Mountain Rescue Team", "Base Station, Pass Road, Keswick CA12 5DJ", False),
    ("www.railway-heritage.org.uk", "Railway Heritage Trust", "Engine Shed, Station Yard, York YO24 1AB", False),
    ("news.coastal-weather.net", "Coastal Weather News", "Met Office Annex, Pier Head, Oban PA34 4LW", False),
    ("www.local-library.gov", "Public Library", "200 Civic Centre Plaza, Springfield IL 62701", False),
    ("www.chess-club.org", "Chess Club", "Room 3, Community Hall, Bath BA1 1LN", False),
    ("www.cycling-weekly.net", "Cycling Weekly", "The Velodrome, Stratford, London E20 3AB", False),
    ("www.bakers-guild.com", "Bakers Guild", "Flour Mill, Wharf Road, Bristol BS1 4RN", False),
    ("www.astronomy-circle.org", "Astronomy Circle", "Observatory Hill, Armagh BT61 9DG", False),
    ("www.folk-music-archive.org", "Folk Music Archive", "Cecil Sharp House, 2 Regents Park Road, London NW1 7AY", False),
    ("forum.sailing-club.com", "Sailing Club Forum", "Clubhouse, Esplanade, Cowes PO31 7AB", False),
    ("www.wildlife-watch.org", "Wildlife Watch", "Nature Reserve Lodge, Minsmere IP17 3BY", False),
    ("news.hexi-ribao.cn", "河西日报", "甘肃省张掖市甘州区县府街88号", True),
    ("www.shanshui-luntan.com.cn", "山水论坛", "浙江省杭州市西湖区北山街12号", True),
]

# Section names per language; a site uses the first few of them.
ENGLISH_SECTIONS = ["news", "features", "events", "reports", "notes", "reviews", "archive", "people"]
CHINESE_SECTIONS = ["xinwen", "shehui", "wenhua", "tiyu", "keji", "difang"]
CHINESE_NAV = ["首页", "新闻", "社会", "文化", "体育", "科技", "地方", "评论", "联系我们"]

# Page path patterns, wget-like (`--adjust-extension` gives the .html).
PATH_STYLES = [
    "{section}/{year}/{month:02d}/{slug}-{number:07d}.html",
    "{section}/{slug}-{number:07d}.html",
    "article.php?id={number:07d}.html",
    "{section}/{year}/{slug}-{number:07d}/index.html",
]

NUMBER_PATTERN = re.compile(r"(\d{7})")


def site_of(number, sites=len(SITES)):
    """Which site page `number` belongs to: spread evenly, Chinese sites
    getting 1 page in 10 (two of the 20 sites)."""
    return number % sites


# ---------------------------------------------------------------------------
# Vocabulary

# The most frequent English words, so the text has realistic stop words.
STOP_WORDS = (
    "the of and to a in is that for it as was with be by on not he i this are or his from at which but have an "
    "they you were her she there one all we their has been if more when will would who so no"
).split()

# Used when the Snowball vocabulary file is not there.
BUILT_IN_WORDS = (
    "harbour ferry terminal market lighthouse lamp committee council village river bridge mountain valley "
    "station railway engine carriage signal platform ticket journey passenger timetable orchestra concert "
    "symphony violin cello trumpet rehearsal conductor audience garden orchard blossom seedling compost "
    "greenhouse vegetable harvest flower hedge meadow rescue climber summit ridge storm weather forecast "
    "rainfall pressure temperature wind gale tide coast island library archive manuscript catalogue reader "
    "chess opening gambit endgame tournament bicycle cyclist route climb descent sprint bakery bread flour "
    "oven pastry yeast telescope planet comet galaxy eclipse orbit observatory folk ballad fiddle melody "
    "dance song sailing dinghy regatta mooring anchor wildlife badger heron otter owl migration habitat "
    "reserve volunteer project school student teacher museum exhibition painting sculpture history castle "
    "cathedral chapel market square fountain festival parade lantern winter summer autumn spring morning "
    "evening night weekend holiday journey travel visitor guide map compass north south east west road "
    "street lane avenue house cottage farm field barn tractor sheep cattle horse stable fence gate path "
    "forest woodland oak beech pine birch willow stream lake pond waterfall canal lock boat barge crew "
    "captain harbourmaster fisherman catch net quay pier jetty beach dune cliff cave rock stone pebble "
    "sand shell wave current sea ocean voyage expedition discovery science experiment laboratory research "
    "measurement result theory model data sample survey report review meeting minutes agenda decision "
    "plan budget funding grant award prize member club society guild trust charity community neighbour "
    "family child parent grandparent friend team captain coach player match season league cup final goal"
).split()

# Common Chinese characters (a few hundred), most frequent first.
CJK_CHARACTERS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那"
    "社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
    "决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采"
    "转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需"
    "段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何"
    "除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严河湖桥城乡村镇街庙园亭阁楼塔诗词画歌舞茶酒饭菜春夏秋冬雨雪云雾晴阴早晚"
)


def load_vocabulary():
    """English words, most frequent first: the stop words, then the Snowball
    vocabulary (or the built-in list) in a fixed shuffled order, so the same
    ranks name the same words whatever the seed."""
    words = []
    path = os.environ.get("SCOUR_CRAWL_VOCABULARY") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "snowball-english", "voc.txt")
    for candidate in [path, "/work/shared/data/snowball-english/voc.txt"]:
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8", errors="replace") as handle:
                words = [line.strip() for line in handle]
            break
    words = [w for w in words if w.isascii() and w.isalpha() and w.islower() and 3 <= len(w) <= 14]
    if len(words) < 1000:
        words = list(BUILT_IN_WORDS)
    stop = set(STOP_WORDS)
    words = sorted(set(words) - stop)
    random.Random(20261130).shuffle(words)
    return STOP_WORDS + words


def zipf_cumulative_weights(count, exponent=1.0, shift=2.7):
    """Cumulative Zipf–Mandelbrot weights 1/(rank+shift)^exponent."""
    total, weights = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + 1 + shift) ** exponent
        weights.append(total)
    return weights


class Vocabulary:
    """Words with Zipf frequencies, English and Chinese."""

    def __init__(self):
        self.words = load_vocabulary()
        self.weights = zipf_cumulative_weights(len(self.words))
        # Titles avoid the stop words: rank-sampled past the first 60 words.
        self.title_words = self.words[60:]
        self.title_weights = zipf_cumulative_weights(len(self.title_words))
        self.characters = list(dict.fromkeys(CJK_CHARACTERS))
        self.character_weights = zipf_cumulative_weights(len(self.characters), exponent=0.9, shift=5)

    def english(self, rng, count):
        return rng.choices(self.words, cum_weights=self.weights, k=count)

    def chinese(self, rng, count):
        return rng.choices(self.characters, cum_weights=self.character_weights, k=count)


# ---------------------------------------------------------------------------
# Text


def english_sentence(vocabulary, rng):
    words = vocabulary.english(rng, rng.randint(8, 20))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def english_paragraphs(vocabulary, rng):
    return [" ".join(english_sentence(vocabulary, rng) for _ in range(rng.randint(3, 6)))
            for _ in range(rng.randint(3, 7))]


def english_title(vocabulary, rng):
    words = rng.choices(vocabulary.title_words, cum_weights=vocabulary.title_weights, k=rng.randint(3, 7))
    return " ".join(w.capitalize() for w in words)


def chinese_sentence(vocabulary, rng):
    characters = vocabulary.chinese(rng, rng.randint(10, 30))
    for position in range(rng.randint(4, 12), len(characters) - 4, rng.randint(6, 12)):
        characters[position] += "，"
    return "".join(characters) + "。"


def chinese_paragraphs(vocabulary, rng):
    return ["".join(chinese_sentence(vocabulary, rng) for _ in range(rng.randint(3, 6)))
            for _ in range(rng.randint(3, 6))]


def chinese_title(vocabulary, rng):
    return "".join(vocabulary.chinese(rng, rng.randint(6, 14)))


# ---------------------------------------------------------------------------
# Pages

ARTICLE_START, ARTICLE_END = "<!--scour:article-->", "<!--/scour:article-->"
SIDEBAR_START, SIDEBAR_END = "<!--scour:sidebar-->", "<!--/scour:sidebar-->"
ARTICLE_PATTERN = re.compile(re.escape(ARTICLE_START) + ".*?" + re.escape(ARTICLE_END), re.S)
SIDEBAR_PATTERN = re.compile(re.escape(SIDEBAR_START) + ".*?" + re.escape(SIDEBAR_END), re.S)
VIEWS_PATTERN = re.compile(r"(Views|浏览): \d+")
STAMP_PATTERN = re.compile(r"(Last updated|更新时间) \d{4}-\d\d-\d\d \d\d:\d\d")
TITLE_PATTERN = re.compile(r"<title>.*?</title>", re.S)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Site:
    """One site's template chrome: its nav menu, header, footer, sidebar
    and markup style (HTML5 elements or divs with class names)."""

    def __init__(self, index, vocabulary):
        self.index = index
        self.host, self.name, self.address, self.chinese = SITES[index]
        rng = random.Random(f"site:{index}")
        self.style = index % 3  # 0: HTML5 elements, 1: divs with class names, 2: ids and a table layout
        self.path_style = index % len(PATH_STYLES)
        if self.chinese:
            self.sections = CHINESE_SECTIONS[: 3 + index % 3]
            self.nav = CHINESE_NAV[: 5 + index % 4]
        else:
            self.sections = ENGLISH_SECTIONS[: 3 + index % 5]
            self.nav = ["Home"] + [s.capitalize() for s in self.sections] + ["About us", "Contact"]
        self.tagline = (chinese_title(vocabulary, rng) if self.chinese
                        else "News and notes from the " + self.name)
        self.colour = "#%06x" % rng.randrange(1 << 24)

    def path(self, number, slug_words):
        section = self.sections[number % len(self.sections)]
        slug = "-".join(slug_words[:4]) if slug_words and not self.chinese else "page"
        year, month = 2015 + number % 11, 1 + number % 12
        return self.host + "/" + PATH_STYLES[self.path_style].format(
            section=section, year=year, month=month, slug=slug, number=number)

    def views(self, rng):
        return ("浏览" if self.chinese else "Views") + ": " + str(rng.randint(1, 250000))

    def stamp(self, rng):
        label = "更新时间" if self.chinese else "Last updated"
        return "%s %04d-%02d-%02d %02d:%02d" % (label, rng.randint(2019, 2026), rng.randint(1, 12),
                                                 rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))

    def sidebar(self, vocabulary, rng):
        heading = "热门文章" if self.chinese else "Popular now"
        items = []
        for _ in range(5):
            title = chinese_title(vocabulary, rng) if self.chinese else english_title(vocabulary, rng)
            items.append('<li><a href="/%s/%07d.html">%s</a></li>' % (
                self.sections[rng.randrange(len(self.sections))], rng.randrange(10_000_000), escape(title)))
        box = "<h3>%s</h3><ul>%s</ul>" % (heading, "".join(items))
        if self.style == 0:
            return SIDEBAR_START + '<aside class="sidebar">' + box + "</aside>" + SIDEBAR_END
        if self.style == 1:
            return SIDEBAR_START + '<div class="sidebar">' + box + "</div>" + SIDEBAR_END
        return SIDEBAR_START + '<div id="sidebar">' + box + "</div>" + SIDEBAR_END

    def article(self, vocabulary, rng):
        """(title, article markup)."""
        if self.chinese:
            title, paragraphs = chinese_title(vocabulary, rng), chinese_paragraphs(vocabulary, rng)
        else:
            title, paragraphs = english_title(vocabulary, rng), english_paragraphs(vocabulary, rng)
        body = "".join("<p>" + escape(p) + "</p>\n" for p in paragraphs)
        return title, ARTICLE_START + "<article><h1>" + escape(title) + "</h1>\n" + body + "</article>" + ARTICLE_END

    def render(self, title, article, sidebar, views, stamp):
        nav = "".join('<li><a href="/%s">%s</a></li>' % ("" if i == 0 else item.lower().replace(" ", "-") + "/", item)
                      for i, item in enumerate(self.nav))
        language = "zh-CN" if self.chinese else "en"
        copyright = "版权所有" if self.chinese else "Copyright"
        head = ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s | %s</title>\n'
                '<style>body{color:%s}</style>\n</head>\n<body>\n' % (language, escape(title), escape(self.name), self.colour))
        if self.style == 0:
            return (head + '<header><a class="logo" href="/">%s</a> <span>%s</span> <span class="stamp">%s</span></header>\n'
                    '<nav class="menu"><ul>%s</ul></nav>\n<main>%s</main>\n%s\n'
                    '<footer><p>%s</p><p>%s 2026 %s</p><p class="counter">%s</p></footer>\n</body>\n</html>\n'
                    % (escape(self.name), escape(self.tagline), stamp, nav, article, sidebar,
                       escape(self.address), copyright, escape(self.name), views))
        if self.style == 1:
            return (head + '<div class="header"><h2 class="site-name">%s</h2><p>%s</p></div>\n'
                    '<div class="navbar"><ul>%s</ul></div>\n<div class="content">%s</div>\n%s\n'
                    '<div class="footer"><p>%s</p><p class="stamp">%s</p><p class="counter">%s</p><p>%s %s</p></div>\n'
                    '</body>\n</html>\n'
                    % (escape(self.name), escape(self.tagline), nav, article, sidebar,
                       escape(self.address), stamp, views, copyright, escape(self.name)))
        return (head + '<div id="masthead"><b>%s</b> %s</div>\n<div id="mainmenu"><ul>%s</ul></div>\n'
                '<table><tr><td id="main">%s</td><td>%s</td></tr></table>\n'
                '<div id="footer">%s · %s · %s · %s %s</div>\n</body>\n</html>\n'
                % (escape(self.name), escape(self.tagline), nav, article, sidebar,
                   escape(self.address), views, stamp, copyright, escape(self.name)))

    def page(self, vocabulary, seed, number):
        """(relative path, HTML) of page `number`."""
        rng = random.Random("%s:%d" % (seed, number))
        title, article = self.article(vocabulary, rng)
        path = self.path(number, title.lower().split())
        html = self.render(title, article, self.sidebar(vocabulary, rng), self.views(rng), self.stamp(rng))
        return path, html


def sites(vocabulary):
    return [Site(i, vocabulary) for i in range(len(SITES))]


def site_for_host(all_sites, host):
    for site in all_sites:
        if site.host == host:
            return site
    return None


def page_paths(root):
    """Every page under `root` (relative paths, sorted)."""
    found = []
    for folder, folders, files in os.walk(root):
        folders.sort()
        relative = os.path.relpath(folder, root)
        for name in files:
            if name.endswith(".html"):
                found.append(name if relative == "." else relative + "/" + name)
    found.sort()
    return found


def write_file(root, relative, text):
    """Writes `text` as UTF-8 to root/relative (creating folders); returns
    the bytes written."""
    path = os.path.join(root, relative)
    data = text.encode("utf-8")
    try:
        handle = open(path, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle = open(path, "wb")
    with handle:
        handle.write(data)
    return len(data)
