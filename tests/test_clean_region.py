"""The article's region in a whole page's text: jusText's line classes, the densest run,
the page's header cut above the headline, and the guards that keep article text."""

from __future__ import annotations

from storywire.clean import CleanOptions, clean_text
from storywire.clean.region import classify, find_region, stoplist_for, topic_words

TITLE = "Port strike halts shipments at Harbor City"
B1 = ("Dockworkers at the Harbor City container terminal walked off the job on Tuesday "
      "morning, halting most cargo handling at the port in a dispute over automation plans "
      "and pay.")
B2 = ("The union said the stoppage would last at least three days and could be extended if "
      "the operator did not withdraw its proposal to replace crane drivers with remote "
      "equipment.")
B3 = ("Shipping lines said they would divert some vessels to other ports along the coast, "
      "and the city's mayor called on both sides to return to the table before the end of "
      "the week.")
MENU = ["Skip to main content", "Home", "World", "Business", "Markets", "Tech",
        "Harbor Times Live", "Podcasts", "Search the archive", "Sign in", "Newsletters"]
FOOTER = ["About us", "Contact", "Careers", "Privacy policy", "Terms of use"]


def test_the_stop_word_list_is_the_texts_language():
    german = ("Die Hafenarbeiter haben am Dienstag die Arbeit niedergelegt, und die "
              "Gewerkschaft sagt, dass der Streik mindestens drei Tage dauern wird.")
    assert "und" in stoplist_for([german])
    assert "the" in stoplist_for([B1, B2])
    assert stoplist_for(["Home", "News"]) == frozenset()


def test_short_lines_take_their_neighbours_class():
    stoplist = stoplist_for([B1, B2])
    assert classify([B1, "What happens next", B2], stoplist) == ["good"] * 3
    assert classify([*MENU, B1, B2], stoplist)[:len(MENU)] == ["bad"] * len(MENU)


def test_a_run_of_short_lines_is_a_menu_even_between_good_paragraphs():
    stoplist = stoplist_for([B1, B2])
    classes = classify([B1, *MENU, B2], stoplist)
    assert classes[1:-1] == ["bad"] * len(MENU)
    assert classes[0] == classes[-1] == "good"


def test_the_region_is_the_densest_run():
    texts = [*MENU, TITLE, B1, "Next steps", B2, B3, *FOOTER]
    region = find_region(texts)
    assert (region.start, region.end) == (len(MENU) + 1, len(MENU) + 4)


def test_a_hard_wrapped_paragraph_is_judged_whole():
    wrapped = ["Dockworkers at the Harbor City container terminal walked off the job",
               "on Tuesday morning, halting most cargo handling at the port in a",
               "dispute over automation plans and pay, and the union said that the",
               "stoppage would last at least three days if nothing changed."]
    region = find_region([*MENU, *wrapped], [0] * len(MENU) + [1] * 4)
    assert region.classes[-4:] == ("good",) * 4
    assert "good" not in find_region([*MENU, *wrapped]).classes  # line by line: too short


TEASERS = ["Harbor council votes on new ferry timetable tonight",
           "Weekend weather brings storms to the whole coast region",
           "Five places to eat along the old harbor front this summer",
           "Local school wins the national robotics championship again",
           "Readers share their photos of the autumn tall ships parade",
           "Where to watch every match of the regional football cup"]


def test_a_whole_pages_header_above_the_headline_is_junk():
    page = [*MENU, *TEASERS, "", TITLE, "", "By Ana Li", "", TITLE, "", B1, "", B2, "", B3]
    result = clean_text("\n".join(page), options=CleanOptions(classifier=False))
    assert result.title == TITLE
    assert result.paragraphs[:3] == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in TEASERS} == {"page-head"}


def test_no_header_cut_without_a_page_or_without_the_flag():
    short = clean_text("\n\n".join(["Harbor Times Live", TITLE, B1, B2]))
    assert "page-head" not in short.removed_reasons
    options = CleanOptions(region=False, classifier=False, section_labels=False)
    result = clean_text("\n\n".join([*MENU, TITLE, B1, B2, B3]), options=options)
    assert "page-head" not in result.removed_reasons


def test_an_infobox_under_the_headline_is_not_cut_and_is_not_the_headline():
    infobox = ["• Per capita", "268,021 km2 (103,483 sq mi) (75th)", "• Per capita",
               "2.1 per cent of the area"]
    page = [*MENU, *TEASERS, "", TITLE, "", "By Ana Li", "", TITLE, "", *infobox, "", B1,
            "", B2, "", B3]
    result = clean_text("\n".join(page), options=CleanOptions(classifier=False))
    assert result.title == TITLE
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert not any(reasons.get(line) == "page-head" for line in infobox)
    assert {reasons[line] for line in TEASERS} == {"page-head"}
    without_title = [*MENU, *TEASERS, "", *infobox, "", B1, "", B2, "", B3]
    title = clean_text("\n".join(without_title), options=CleanOptions(classifier=False)).title
    assert title not in infobox  # a list item or a figure is not a headline


def _page(*body: str) -> str:
    return "\n".join([*MENU, *TEASERS, "", TITLE, "", "By Ana Li", "", TITLE, "", *body])


def test_a_whole_pages_footer_below_the_article_is_junk():
    footer = ["Ferry crews vote on new contract after long talks",
              "Harbor museum reopens its maritime wing this spring",
              "Fishing fleet counts the cost of the winter storms",
              "New bridge over the river opens to cyclists first",
              "Coastal towns compete for the regional tourism prize"]
    result = clean_text(_page(B1, "", B2, "", B3, "", *footer),
                        options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in footer} == {"page-foot"}


def test_the_articles_short_closing_sentence_above_the_share_bar_is_kept():
    closing = "Officials did not give any other details."
    footer = ["Ferry crews vote on new contract after long talks",
              "Harbor museum reopens its maritime wing this spring",
              "Fishing fleet counts the cost of the winter storms",
              "New bridge over the river opens to cyclists first",
              "Coastal towns compete for the regional tourism prize"]
    page = _page(B1, "", B2, "", B3, "", closing, "", "Share this:", "Facebook", "Twitter",
                 "", *footer)
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3, closing]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in footer} == {"page-foot"}
    # without the share bar nothing marks where the article ends: the short line goes
    # with the footer under it
    result = clean_text(_page(B1, "", B2, "", B3, "", "Ferry fares rise next week.", "",
                              *footer), options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]


def test_notes_after_the_article_and_a_table_inside_it_are_kept():
    notes = ["Smith, J. (2024). Ports of the north. Harbor Press.",
             "Lee, K. (2023). Cranes and crews. Coast Books."]
    result = clean_text(_page(B1, "", B2, "", *notes), options=CleanOptions(classifier=False))
    assert result.paragraphs[-2:] == notes
    body = [p.replace("Tuesday", day) for day in ("Monday", "Tuesday", "Friday")
            for p in (B1, B2, B3)]
    table = [f"Berth {n}" for n in range(1, 40)]
    result = clean_text(_page(*body[:6], "", *table, "", *body[6:]),
                        options=CleanOptions(classifier=False))
    assert "page-foot" not in result.removed_reasons  # much good text after: not a footer
    assert all(line in result.paragraphs for line in table)


def test_a_byline_run_into_its_date_gives_the_author_and_the_date():
    from storywire.clean.rules import classify_line

    for line, name in (("by Jane Doe July 10, 2015", "Jane Doe"),
                       ("Jane Doe - Apr 16, 2015 8:02 pm UTC", "Jane Doe"),
                       ("by Jane Doe @jdoe February 1, 2016: 12:41 PM ET", "Jane Doe")):
        found = classify_line(line)
        assert found is not None and found.authors == (name,), line
        assert found.stamp
    for sentence in ("Harbor City officials said November 4, 2026",
                     "The vote is on November 4, 2026"):
        assert classify_line(sentence) is None


def test_a_bare_name_under_the_headline_is_the_byline():
    result = clean_text("\n\n".join([TITLE, "Ana Li", B1, "Bo Sun", B2]))
    assert result.authors == ["Ana Li"]
    assert result.paragraphs == [B1, "Bo Sun", B2]  # a name inside the article stays


def test_text_without_word_spaces_is_judged_by_its_clause_marks():
    stoplist = stoplist_for([B1])
    prose = ("港口工人星期二早上開始罷工，貨櫃碼頭大部分作業停止，"
             "工會表示罷工至少持續三天，並要求營運商撤回自動化計畫。")
    spaced = ("港口工人星期二早上開始罷工 貨櫃碼頭大部分作業停止 "
              "工會表示罷工至少持續三天 並要求營運商撤回自動化計畫")
    menu = ["首頁", "熱門文章", "旅遊美食", "登入", "註冊帳號", "搜尋"]
    classes = classify([*menu, prose, spaced], stoplist)
    assert classes[:len(menu)] == ["bad"] * len(menu)
    assert classes[-2:] == ["good", "good"]


THAI = ["กรมอุตุนิยมวิทยาประกาศเตือนภัยน้ำท่วมในหลายจังหวัดทางภาคเหนือ "
        "หลังจากฝนตกหนักต่อเนื่องมาตั้งแต่เมื่อวานนี้ "
        "ประชาชนในพื้นที่เสี่ยงได้รับคำแนะนำให้ขนย้ายสิ่งของขึ้นที่สูง",
        "นายกรัฐมนตรีกล่าวว่ารัฐบาลได้เตรียมงบประมาณฉุกเฉินเพื่อช่วยเหลือผู้ได้รับผลกระทบ "
        "และได้สั่งการให้หน่วยงานที่เกี่ยวข้องเร่งระบายน้ำออกจากพื้นที่ชุมชนโดยเร็วที่สุด",
        "เจ้าหน้าที่รายงานว่ามีบ้านเรือนเสียหายแล้วกว่าสองพันหลังคาเรือน ถนนหลายสายถูกตัดขาด "
        "และโรงเรียนอย่างน้อยสามสิบแห่งต้องปิดการเรียนการสอนชั่วคราว"]


def test_a_thai_article_under_an_english_page_frame_is_the_region():
    # Thai sets no space between words and has no comma: a space parts its clauses, and
    # a paragraph holds a few. Judged as a spaced language without its stop words, every
    # paragraph was bad and the English menus and footer became the page's "article".
    stoplist = stoplist_for([*MENU, *THAI, *FOOTER])
    assert classify([*MENU, *THAI], stoplist)[len(MENU):] == ["good"] * len(THAI)
    footer = ["We use cookies to improve your experience on our website and to show you "
              "relevant advertising. By continuing you agree to our cookie policy.", *FOOTER]
    result = clean_text("\n".join([*MENU, *TEASERS, "", "น้ำท่วมภาคเหนือ", "", *THAI, "",
                                   *footer]), options=CleanOptions(classifier=False))
    assert all(line in result.paragraphs for line in THAI)
    assert not set(FOOTER) & set(result.paragraphs)


def test_table_rows_are_not_a_menu():
    from storywire.clean.region import menu_flags

    rows = ["| Film | Year |", "| Repeat Performance | 1947 |", "| Groundhog Day | 1993 |",
            "| Run Lola Run | 1998 |", "| Source Code | 2011 |", "| Happy Death Day | 2017 |"]
    assert not any(menu_flags(rows))
    assert all(menu_flags(MENU))


def test_teasers_with_sentence_ends_below_the_article_are_its_footer():
    footer = ["Think you have a food allergy?", "Take the quiz and find out.",
              "Need nasal allergy relief?", "Breathe easier with these products.",
              "Please wait...", "Thanks!"]
    result = clean_text(_page(B1, "", B2, "", B3, "", *footer),
                        options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert all(reasons[line] for line in footer)


def test_the_header_ends_at_the_headline_nearest_the_article():
    page = [TITLE, "", *TEASERS, "", TITLE, "", B1, "", B2, "", B3]
    result = clean_text("\n".join(page), options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in TEASERS} == {"page-head"}


def test_a_footer_with_a_stray_promotion_goes_and_a_list_inside_the_article_stays():
    ranking = [f"{n}. {port}" for n, port in enumerate(
        ("Rotterdam", "Antwerp", "Hamburg", "Valencia", "Piraeus", "Algeciras"), 1)]
    promo = ("Start your day right with the latest news on the ports and the shipping lines "
             "that use them, delivered to your inbox every morning before the markets open.")
    notice = ("Most port call data is provided by the harbour authorities and is shown with a "
              "delay of at least fifteen minutes unless it is otherwise indicated on the page.")
    footer = ["Mortgage rates", "Powered by a partner", "Terms and conditions apply",
              "Search for jobs", "Accounting", "Finance", "Marketing", "Engineering",
              "Management", "Sales", "Developer", "Media", "See all jobs", "Paid partner",
              "Advertise with us", "Site map", "Corrections", "My account",
              "Mobile site and apps", "RSS feeds"]
    page = _page(B1, "", B2, "", "The ports were ranked as follows:", *ranking, "",
                 B3, "", *footer[:14], promo, *footer[14:], notice)
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert all(line in result.paragraphs for line in ranking)
    assert result.paragraphs.index(B3) > result.paragraphs.index(ranking[-1])
    assert not set(footer) & set(result.paragraphs)


def test_a_charts_axis_labels_go_and_a_table_of_figures_stays():
    chart = ["Yield on 10-year Treasury note", "8", "MONTHLY", "RECESSIONS", "6", "4", "2",
             "0", "’98", "’02", "’06", "’10", "’14", "’18"]
    table = ["Company", "Changes", "Per cent", "Intel", "1490", "6.7%", "Red Hat", "1212",
             "5.4%", "Linaro", "958", "4.3%", "Samsung", "644", "2.9%"]
    result = clean_text(_page(B1, "", *chart, "", B2, "", *table, "", B3),
                        options=CleanOptions(classifier=False))
    assert not set(chart) & set(result.paragraphs)
    assert all(line in result.paragraphs for line in table)
    assert [p for p in result.paragraphs if p in (B1, B2, B3)] == [B1, B2, B3]
    assert "chart" in result.removed_reasons


def test_what_a_page_keeps_after_a_block_of_removed_lines_goes():
    block = ["Share this:", "Facebook", "Twitter", "Email", "Tags: port strike, shipping",
             "Related", "Ferry crews vote on new contract",
             "Harbor museum reopens its maritime wing",
             "Fishing fleet counts the cost of the winter storms"]
    promo = ["Welcome to a place where words matter. On the Harbor Times, local voices and "
             "original reporting take center stage, every day of the week.",
             "Make the Harbor Times yours",
             "Follow the topics you care about, and we will deliver the best stories to your "
             "homepage and your inbox every morning."]
    page = _page(B1, "", B2, "", B3, "", *block, "", *promo)
    kept = clean_text(page, options=CleanOptions(classifier=False, foot_break=False))
    assert set(promo) <= set(kept.paragraphs)  # good text: the footer cut stops at it
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in promo} == {"page-foot"}


TEASER_LIST = ["News", "Ferry crews vote on new contract",
           "The union's members backed the offer by a wide margin on Monday, ending a dispute "
           "that had lasted since the spring. More…",
           "Harbor museum reopens its maritime wing",
           "After two years of work the wing shows the city's shipbuilding past again, with "
           "three restored boats. More…",
           "Quiz: how well do you know the port?",
           "Twelve questions about the docks, the ships and the people who work there. More…",
           "Fishing fleet counts the cost of the winter storms",
           "Skippers say the season's losses are the worst in a decade and ask the council "
           "for help. More…"]


def test_a_list_of_teasers_after_a_block_of_removed_lines_goes_though_it_outweighs_it():
    # a short article, its share bar, then other stories' headlines over their summaries:
    # more text than the article, but never two paragraphs in a row
    block = ["Share this:", "Facebook", "Twitter", "Email"]
    page = _page(B1, "", B2, "", *block, "", *TEASER_LIST)
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert reasons[TEASER_LIST[2]] == "page-foot"


def test_an_articles_sections_after_a_block_of_removed_lines_stay():
    # headings over paragraphs go on past an inline share bar: a paragraph longer than a
    # teaser's summary, or two in a row, is the article's
    block = ["Share this:", "Facebook", "Twitter", "Email"]
    sections = ["What the union wants", B2, "What the operator says", B3,
                "What happens next", B1]
    result = clean_text(_page(B1, "", B3, "", *block, "", *sections),
                        options=CleanOptions(classifier=False))
    assert result.paragraphs[-6:] == sections


def test_the_articles_last_paragraph_after_an_inline_related_box_stays():
    last = ("Shipping lines said they would divert some vessels to Westport, about 200 "
            "kilometres north.")
    page = _page(B1, "", B2, "", "Read more", "Ferry crews vote on new contract",
                 "Harbor museum reopens its maritime wing", "", last)
    assert clean_text(page, options=CleanOptions(classifier=False)).paragraphs == [
        B1, B2, last]




OTHER_STORIES = [
    "Ferry crews vote on a new contract after talks that went on for most of the summer",
    "'It is not a museum': harbour residents say the new marina has priced them out of "
    "their own town",
    "Why the old lighthouse at the end of the breakwater keeps its lamp lit at noon",
    "Fishing fleet counts the cost of the winter storms as the council weighs its help",
    "Watch live", "Schedule", "All podcasts"]


def test_a_tail_without_prose_under_two_removed_lines_goes():
    # a share prompt and a follow prompt end the article; under them only headlines and
    # menu items, none a sentence of prose: the page's tail, not the article's end
    block = ["Share this story with a friend!", "Follow us on Twitter"]
    page = _page(B1, "", B2, "", B3, "", *block, "", *OTHER_STORIES)
    kept = clean_text(page, options=CleanOptions(classifier=False, foot_break=False))
    assert set(OTHER_STORIES[:4]) <= set(kept.paragraphs)
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in OTHER_STORIES[:4]} == {"page-foot"}


def test_a_pasted_posts_footer_links_under_its_share_bar_go_without_a_page_frame():
    # a blog post pasted without the site's menus: its share bar, then the blog's own
    # links, no sentence of prose among them
    links = ["Read my notes on harbour history — browse the photo archive", "— write to me"]
    page = "\n".join([TITLE, "", B1, "", B2, "", B3, "", "Share this:",
                      "Follow us on Twitter", "", *links])
    kept = clean_text(page, options=CleanOptions(classifier=False, foot_break=False))
    assert " ".join(links) in kept.paragraphs  # one block: joined as one paragraph
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, B2, B3]


def test_a_closing_section_with_a_paragraph_under_two_removed_lines_stays():
    # a share prompt and a follow prompt inside the article: the heading, the list and
    # the paragraph under them are the article's closing part
    block = ["Share this story with a friend!", "Follow us on Twitter"]
    closing = ["What happens next", "Monday: talks resume", "Friday: the union votes", B3]
    page = _page(B1, "", B2, "", *block, "", *closing)
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs[-4:] == closing


def test_a_list_closing_the_article_under_lines_the_frame_took_stays():
    # a sports report ends with the team's availability list; the frame cuts take its
    # lead-in and first label, and no line under them is prose, but no rule read an
    # article's end there (a share bar, tags, a related header): the list stays
    report = ["The rest of the availability report for Wednesday reads:", "Did not practice:",
              "S Tom Hale (knee)", "TE Ray Moss (ankle)", "DT Lee Park (hamstring)",
              "Limited:", "WR Dan Ruiz (groin)", "LB Sam Ode (back)"]
    result = clean_text(_page(B1, "", B2, "", B3, "", *report),
                        options=CleanOptions(classifier=False))
    assert {"S Tom Hale (knee)", "LB Sam Ode (back)"} <= set(result.paragraphs)


def test_the_header_ends_at_the_headline_over_the_byline_when_the_title_is_a_promo():
    # a news site's copy: the menus' promoted stories, then the article's headline over its
    # byline; the page's title is taken from a promo, but the byline sets the headline off
    promos = ["Microsoft unveils new, nicer chat bot", "Autos",
              "GM paid $1.3 million to buy back its cool 1960s research car", "Drive",
              "The Collector", "Podcasts"]
    headline = "The birth lottery and economic mobility"
    page = [*MENU, *promos, "", headline, "", "by Ana Li @anali February 1, 2016: 12:41 PM ET",
            "", B1, "", B2, "", B3]
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    assert result.paragraphs == [headline, B1, B2, B3]
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in ("Drive", "The Collector", "Podcasts")} == {"page-head"}
    # a date alone under a short line is an infobox's label and value, not a byline
    box = [*MENU, *promos, "", "Dominion of New Zealand", "", "26 September 1907", "",
           B1, "", B2, "", B3]
    kept = clean_text("\n".join(box), options=options).paragraphs
    assert "Drive" in kept


WIKI_SIDEBAR = ["Navigation menu", "Personal tools", "Not logged in", "Talk", "Contributions",
                "Create account", "Log in", "Namespaces", "Article", "Views", "Read", "Edit",
                "View history", "Main page", "Contents", "Featured content",
                "Current events", "Random article", "Donate to Wikipedia", "Interaction",
                "Help", "About Wikipedia", "Community portal", "Recent changes",
                "What links here", "Cite this page", "Print/export", "Languages",
                "Deutsch", "Español", "Français", "Italiano"]


def test_a_page_that_opens_with_its_article_loses_the_sidebar_at_its_bottom():
    # a wiki page copied whole: the article comes first, the sidebar's menus last
    see_also = ["Ferry", "Container terminal", "Dock strike"]
    reference = "^ Smith, J. (2024). Ports of the north. Harbor Press. p. 12."
    page = ["Harbor City port", "", "From Wikipedia, the free encyclopedia", "", B1, "", B2,
            "", B3, "", *see_also, "", reference, "", *WIKI_SIDEBAR]
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    assert result.paragraphs[-7:] == [B1, B2, B3, *see_also, reference]  # a short list stays
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in WIKI_SIDEBAR} == {"page-foot", "newsletter"}
    # an article's own text with a short list at its end is no page: the list stays
    own = clean_text("\n".join([B1, "", B2, "", B3, "", *see_also, "", *WIKI_SIDEBAR[:8]]),
                     options=options)
    assert "page-foot" not in own.removed_reasons
    assert own.paragraphs[3:6] == see_also


def test_a_thai_paragraph_is_not_a_headline_a_related_list_takes():
    # no full stop and a space only between clauses: a Thai paragraph is two or three
    # "words" long, and a related list under its header took it for a headline
    teasers = ["Harbor council votes on new ferry timetable tonight",
               "Weekend weather brings storms to the whole coast region"]
    text = "\n".join([TITLE, "", B1, "", "Related stories", *teasers, *THAI])
    result = clean_text(text, options=CleanOptions(classifier=False))
    assert result.paragraphs[-len(THAI):] == THAI
    assert not set(teasers) & set(result.paragraphs)


ARABIC = ["أعلنت هيئة الأرصاد الجوية حالة التأهب في عدة محافظات شمالية بعد أن هطلت أمطار "
          "غزيرة بشكل متواصل منذ مساء أمس، ودعت السكان في المناطق المنخفضة إلى توخي الحذر.",
          "وقال رئيس الوزراء في مؤتمر صحفي إن الحكومة خصصت ميزانية طارئة لمساعدة المتضررين، "
          "وإنه أصدر تعليمات إلى الجهات المعنية بتسريع تصريف المياه من الأحياء السكنية.",
          "وأفادت فرق الدفاع المدني بأن أكثر من ألفي منزل تضررت حتى الآن، وأن عدة طرق رئيسية "
          "قطعت، كما أغلقت ثلاثون مدرسة على الأقل أبوابها بشكل مؤقت."]


def test_an_arabic_article_under_english_teasers_is_judged_by_its_own_stop_words():
    # The page's English teasers (a headline run into its summary) outweigh a short
    # Arabic article in English stop words, and under the English list alone every
    # Arabic line was bad: the region was the teasers and the article went as footer.
    teasers = [f"{head}{summary}" for head, summary in (
        ("Ferry crews vote on new contract", "The union said that members would vote on "
         "the offer by the end of the week, and that the result would be known on Friday."),
        ("Harbor museum reopens its wing", "The maritime wing has been closed for two years "
         "while the roof was repaired, and it will open to the public again in the spring."),
        ("Fishing fleet counts the cost", "Owners of the boats said that the storms in the "
         "winter had kept them in port for weeks, and that some of them would not go out."),
        ("New bridge opens to cyclists", "The city said that the bridge would be open to "
         "people on bicycles first, and that cars would be allowed on it from next month."))]
    page = "\n".join([*MENU, "", "Latest headlines", *teasers, *FOOTER, "", TITLE, "",
                      *ARABIC, "", "Comments", "You must log in to post a comment.",
                      *FOOTER])
    stoplist = stoplist_for([*teasers, *ARABIC])
    assert "the" in stoplist  # the page's main language is English
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert all(line in result.paragraphs for line in ARABIC)


def test_teaser_headlines_below_the_article_that_the_outlets_other_pages_carry_go():
    # Below the article, before a next story's text (good paragraphs in a row, so the
    # footer is not cut), a widget's headlines recur on the outlet's other pages; the
    # same headlines written differently on this page alone stay.
    from storywire.clean import TextHints, normalize_line

    heads = ["Ferry crews vote on new contract after long talks",
             "Harbor museum reopens its maritime wing this spring",
             "Fishing fleet counts the cost of the winter storms",
             "New bridge over the river opens to cyclists first",
             "Coastal towns compete for the regional tourism prize",
             "Lighthouse keepers remember the great storm of 1987",
             "Ferry timetable changes for the winter season",
             "Tall ships return to the harbor for the festival"]
    local = [f"{head} (updated)" for head in heads]
    later = [p.replace("Tuesday", "Friday").replace("Harbor City", "Port Ellis")
             for p in (B1, B2, B3)]
    text = _page(B1, "", B2, "", B3, "", *heads, *local, "", *later)
    counts = {normalize_line(head): 2 for head in heads}
    plain = clean_text(text, options=CleanOptions(classifier=False))
    assert all(head in plain.paragraphs for head in heads)
    result = clean_text(text, TextHints(line_counts=counts, outlet_articles=2),
                        CleanOptions(classifier=False))
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons.get(head) for head in heads} == {"learned"}
    assert all(line in result.paragraphs for line in [B1, B2, B3, *local, *later])


def test_a_comment_counter_over_a_thai_article_does_not_cut_it():
    # The story's paragraphs right under a "0 Comments" counter are the story; a Thai
    # paragraph ends with no full stop, and was not counted as one.
    page = "\n\n".join([TITLE, "By Ana Li", B1, "0 Comments", *THAI, "Share this:",
                         "Facebook"])
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs == [B1, *THAI]


CONSENT = ("We use cookies and similar tools to remember your settings, measure how the "
           "site is used and show you offers. By choosing Accept, you agree to their use.")
SECTIONS = ["Harbor", "Ferries", "Shipping", "Fishing", "Weather", "Opinion", "Sport",
            "Culture", "Food", "Travel", "Obituaries", "Puzzles", "Weddings", "Crosswords",
            "Homes", "Cars", "Jobs", "Events", "Podcasts", "Letters"]


def test_a_consent_notice_above_the_pages_menus_does_not_keep_them():
    page = [CONSENT, "", *MENU, *SECTIONS, "", B1, "", B2, "", B3]
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in SECTIONS} == {"page-head"}
    assert result.paragraphs == [B1, B2, B3]  # the notice goes with the menus under it
    assert reasons[CONSENT] == "page-head"
    # a notice as long as the article is no notice: the header cut stops at it
    long_notice = clean_text("\n".join([CONSENT, CONSENT, CONSENT, "", *MENU, *SECTIONS, "",
                                        B1, "", B2]), options=options)
    assert "Obituaries" in long_notice.paragraphs
    # an article's opening paragraph over the short list it introduces is no notice
    intro = ("The strike at the Harbor City terminal is the longest the port has seen in a "
             "generation, and these are the things to know about it.")
    items = ["Who is striking", "What the union wants", "What the operator offers",
             "How long it may last", "What it costs the city"]
    listed = clean_text("\n".join([intro, "", *items, "", B1, "", B2, "", B3]))
    assert listed.paragraphs[:len(items) + 1] == [intro, *items]


def _menus_repeating(line: str) -> list[str]:
    """A page's menus with ``line`` at their top and again among them, then the headline
    right under them over three paragraphs."""
    return [line, "", *SECTIONS[:6], "", line, "", *SECTIONS[6:], "Regional news",
            "Business desk", "Ports and harbours", TITLE, "", B1, "", B2, "", B3]


def test_the_header_goes_on_past_a_menu_item_taken_for_the_title_to_the_headline():
    # a search box's prompt the page repeats is taken for the title, high in the menus;
    # the article's headline sits right under the menus, above its first paragraph
    prompt = "Find a story or a topic"
    page = _menus_repeating(prompt)
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    assert result.title == prompt
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in SECTIONS[6:]} == {"page-head"}
    assert result.paragraphs == [TITLE, B1, B2, B3]
    # a headline-like line under the article's own opening sentence is not the headline
    opening = ["Dockworkers are a patient lot.", "Until they are not!"]
    opened = clean_text("\n".join([*page[:-7], *opening, "", B1, "", B2, "", B3]),
                        options=options)
    assert opening[0] in opened.paragraphs



def test_the_headline_the_cut_reaches_is_the_title_when_a_section_name_was_taken():
    # a section's name the menus repeat is taken for the title, high in the page; the
    # header cut goes on to the article's headline, which is the title and no paragraph
    section = "Ports & Shipping"
    page = _menus_repeating(section)
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    assert result.title == TITLE
    assert result.paragraphs == [B1, B2, B3]
    # a found title of a headline's length stays the title: the headline stays text
    prompt = "Find a story or a topic"
    kept = clean_text("\n".join(prompt if line == section else line for line in page),
                      options=options)
    assert kept.title == prompt
    assert kept.paragraphs == [TITLE, B1, B2, B3]

SITEMAP = ["About the Tribune", "Newsroom", "Staff e-mails", "Advertise with us",
           "Ad specifications", "Subscriber agreement", "Cancel subscription", "Careers",
           "Breaking news", "Harbor news", "World news", "Opinion pages", "Sport pages",
           "Mobile apps", "Premium edition", "News ticker", "Crosswords", "Archive",
           "Digital library", "Weddings", "Partner sites", "Events"]
SERVICE = ("The customer service centre can be reached by telephone on weekdays between "
           "eight in the morning and six in the evening, and on Fridays until noon.")
SERVICE_ABROAD = ("Readers abroad can reach the centre by e-mail at any time of the day, and "
                  "a member of the team will answer every message within two working days.")


def test_a_notice_under_the_sites_link_lists_does_not_keep_the_footer():
    teasers = ["Ferry crews vote on new contract after long talks",
               "Harbor museum reopens its maritime wing this spring",
               "Fishing fleet counts the cost of the winter storms"]
    page = _page(B1, "", B2, "", *teasers, "", *SITEMAP, "", SERVICE, SERVICE_ABROAD,
                 "Switchboard: 555 0100")
    result = clean_text(page, options=CleanOptions(classifier=False))
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in [*teasers, *SITEMAP]} == {"page-foot"}
    assert result.paragraphs[:2] == [B1, B2]
    # the link lists broken up by a longer line (an advertorial's headline) count whole
    promo = "Five reasons why a hybrid car is the perfect first step to electric driving"
    broken = _page(B1, "", B2, "", *teasers, "", *SITEMAP[:11], promo, *SITEMAP[11:], "",
                   SERVICE, SERVICE_ABROAD, "Switchboard: 555 0100")
    result = clean_text(broken, options=CleanOptions(classifier=False))
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in [*teasers, *SITEMAP, promo]} == {"page-foot"}
    # four paragraphs after a long table are the article going on: the table stays
    table = [cell for port, tonnes in (("Rotterdam", "14.2"), ("Antwerp", "12.1"),
                                       ("Hamburg", "8.7"), ("Valencia", "5.4"),
                                       ("Piraeus", "5.1"), ("Algeciras", "4.8"),
                                       ("Bremerhaven", "4.6"), ("Gdansk", "2.1"),
                                       ("Genoa", "2.0"), ("Marseille", "1.9"),
                                       ("Lisbon", "1.2"), ("Riga", "0.9"))
             for cell in (port, tonnes)]
    before = [B1, B2.replace("three", "two"), B3.replace("mayor", "council"),
              B1.replace("Tuesday", "Friday"), B1.replace("Tuesday", "Monday")]
    after = [B3, B2.replace("three", "four"), B3.replace("mayor", "governor"),
             B2.replace("three", "five")]
    going_on = _page(*[x for p in before for x in (p, "")], *table, "",
                     *[x for p in after for x in (p, "")])
    kept = clean_text(going_on, options=CleanOptions(classifier=False)).paragraphs
    assert "Bremerhaven" in kept and kept[-4:] == after


# An article of its own paragraphs, for the last check on the walk's cuts.
STORY = [
    ("Ferry crews on the Lakeside crossing stopped work at dawn on Friday, leaving hundreds "
     "of commuters to find other ways across the water before the morning rush."),
    ("The crews' union said the strike would go on until the operator agreed to hire more "
     "deckhands for the winter timetable, when the boats run with fewer staff on board."),
    ("City officials opened the old rail bridge to cyclists and walkers for the day and "
     "asked drivers to leave their cars at home, warning of long queues on the ring road."),
    ("A spokesman for the operator said talks with the union had been going well until "
     "Thursday night and that the company still hoped to restore the service by Monday."),
    ("Commuters waiting at the north pier said they had heard of the strike only when they "
     "arrived, and several said it was the third stoppage on the crossing this year."),
    ("The regional transport authority said it would add buses on the long route around "
     "the lake and keep the extra services running for as long as the strike lasts."),
]
CAPTION = "Commuters wait at the north pier on Friday morning"


def test_a_comment_counter_over_a_caption_does_not_take_the_article():
    # A counter between the first paragraph and a photo's caption with its photographer's
    # name reads as a comment section's start (a name under it, no three paragraphs
    # right under it), and its cut took the rest; the last check gives back the
    # paragraphs that cut removed.
    parts = ["Ferry strike strands Lakeside commuters", "By Ana Li", STORY[0],
             "12 Comments", "Tom Hart", CAPTION, *STORY[1:], "Share this:", "Facebook"]
    page = "\n\n".join(parts)
    options = CleanOptions(classifier=False)
    result = clean_text(page, options=options)
    assert [p for p in result.paragraphs if p in STORY] == STORY
    assert "12 Comments" in result.removed and "Facebook" in result.removed
    cut = clean_text(page, options=CleanOptions(classifier=False, prose_guard=False))
    assert [p for p in cut.paragraphs if p in STORY] == STORY[:1]
    # without the name, the story resumes under the caption: the counter is a box's
    # and cuts nothing, the last check aside
    page = "\n\n".join(x for x in parts if x != "Tom Hart")
    kept = clean_text(page, options=CleanOptions(classifier=False, prose_guard=False))
    assert [p for p in kept.paragraphs if p in STORY] == STORY


def test_a_comment_thread_cut_under_a_kept_post_stays_cut():
    # A thread longer than its post is cut while the post stays: the result keeps more
    # prose than a quarter of what the cut removed, so the check leaves the cut alone.
    comments = [
        ("I take this ferry every day and the crews have been asking for more staff since "
         "last winter, so none of this should surprise the operator or the city."),
        ("The buses around the lake took me almost two hours this morning, and nobody at "
         "the stop could tell us when the next one would come or where it would stop."),
        ("Good luck to the crews, but a strike in the first week of the school term hits "
         "the families who cannot afford to drive, not the people running the company."),
    ]
    thread = [line for n, text in enumerate(comments)
              for line in (f"Reader {n + 1} says:", "May 2, 2026 at 4:47 pm", text, "Reply")]
    page = "\n\n".join(["Ferry strike strands Lakeside commuters", "By Ana Li", *STORY[:2],
                        "3 Comments", *thread])
    result = clean_text(page, options=CleanOptions(classifier=False))
    assert result.paragraphs[-2:] == STORY[:2]
    assert all(text in result.removed for text in comments)


GIFT = ("The harbour museum has kept the stories of the people who built this port for a "
        "century, and your gift keeps its doors open.")
EVENTS = ("Join us this weekend for a guided walk along the old quays, with a talk by the "
          "museum's curator about the first steam cranes.")
STRIKE = [
    "Terminal managers said on Wednesday that about forty ships were waiting at anchor "
    "outside the breakwater, and that the queue would grow by a dozen a day while the "
    "cranes stood idle. Some of the larger vessels had already turned back to sea.",
    "Farmers who ship grain through the port said the timing could not be worse, with the "
    "harvest in full swing and the silos along the rail line already close to full. A "
    "spokesman for their cooperative said the trucks would have to wait in the fields.",
    "The operator has said that remote cranes would make the terminal safer and faster, "
    "and that no driver would lose a job before the end of the current agreement. It has "
    "offered to put that promise in writing if the union returns to the table.",
    "Union leaders answered that the same promise had been made at two other ports last "
    "year, and that in both places the number of crane drivers had fallen by half within "
    "months. They said the offer was not worth the paper it would be written on.",
    "A mediator appointed by the regional government is expected to meet both sides on "
    "Thursday, though neither has said what it would take to end the dispute. The last "
    "strike at the port, eleven years ago, lasted nine days before a deal was reached.",
    "Business groups in the city warned that a long stoppage would cost the local economy "
    "millions of dollars a week and could push some shipping lines to move their routes "
    "for good. The chamber of commerce called for an agreement before the weekend.",
    "At the ferry terminal next door, passengers were told to expect delays of up to an "
    "hour, since the strike has also stopped the crews who load cars onto the morning "
    "boats. The ferry company said it would add two sailings in the evening.",
    "The port is the third busiest on the coast and handles most of the region's exports "
    "of timber and paper, as well as the cars that arrive from overseas. About two "
    "thousand people work on its quays, a fifth of them as crane or straddle drivers.",
    "Talks broke down last month after the operator said it would test two remote cranes "
    "on the northern berth without waiting for the union's consent. The union called a "
    "ballot the same week, and nine in ten of its members voted to strike.",
    "City councillors met in an emergency session on Tuesday evening and asked the mayor "
    "to write to the transport minister. Several of them said the city had been left out "
    "of talks that would shape the port's future for the next twenty years.",
]


def test_links_between_the_headers_promotions_go_once_the_cut_reaches_the_headline():
    # two promotions above the menus, good text to jusText, with two links between them
    # that are good only for their neighbours; the headline is found under the menus
    links = ["Gift shop", "Opening hours"]
    page = [*MENU, "", GIFT, *links, EVENTS, "", *SECTIONS[:12], "", TITLE, "", "By Ana Li",
            "", B1, "", B2, "", B3, "", *[x for part in STRIKE for x in (part, "")]]
    options = CleanOptions(classifier=False, section_labels=False)
    result = clean_text("\n".join(page), options=options)
    assert result.title == TITLE
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in links} == {"page-head"}
    assert result.paragraphs[:3] == [GIFT, EVENTS, B1]  # the promotions are text: they stay
    # without a headline the cut takes menu lines only, and the links stay
    headless = [line for line in page if line not in (TITLE, "By Ana Li")]
    assert all(line in clean_text("\n".join(headless), options=options).paragraphs
               for line in links)


PORTAL = ["Beranda", "Berita", "Ekonomi", "Olahraga", "Teknologi", "Hiburan", "Kontak Kami",
          "Harga bahan pokok di pasar tradisional kembali naik menjelang akhir tahun ini",
          "Warga desa di lereng gunung mulai mengungsi setelah hujan deras turun sejak pagi",
          "Pemerintah daerah akan membangun jembatan baru untuk menghubungkan dua kecamatan",
          "Tim sepak bola kota ini berhasil menang dalam pertandingan yang sangat ketat kemarin",
          "Sekolah di pinggir kota mendapat bantuan buku dan komputer dari para alumni mereka",
          "Para nelayan mengeluhkan cuaca buruk yang membuat mereka tidak bisa melaut selama "
          "seminggu"]
WIRE = ["Firefighters battled a blaze at a furniture warehouse on the city's east side for "
        "most of Sunday night.",
        "No one was hurt, but the owner said the building and its stock were a total loss.",
        "The fire was reported shortly after 9 p.m. by a neighbour who saw smoke.",
        "Investigators have not said what caused it, and the street remained closed on "
        "Monday.",
        "It was the third large fire in the district this year, the fire chief said."]


def test_a_wire_story_on_a_portal_in_another_language_is_judged_in_its_own():
    # The portal's headlines are long lines in Indonesian; the story's short paragraphs
    # are English. Counted over every long line, Malay's list (which holds English words
    # as loans) won, every paragraph of the story was bad and the frame cut took it.
    blurb = ("Kami adalah portal berita yang menyajikan informasi terbaru dari seluruh "
             "daerah, dan kami selalu berusaha agar setiap berita yang kami muat dapat "
             "dipercaya oleh para pembaca kami.")
    stoplist = stoplist_for([*PORTAL, blurb, *WIRE])
    assert "the" in stoplist and "yang" not in stoplist
    result = clean_text("\n\n".join([*PORTAL, blurb, "Warehouse fire on the east side",
                                     *WIRE, *FOOTER]))
    assert all(line in result.paragraphs for line in WIRE)


POOL = ["The city council voted on Monday night to close the old swimming pool at the end "
        "of the summer.",
        "Council members said the building needed repairs that the city could no longer "
        "afford.",
        "A group of parents has started a petition to keep the pool open for one more year.",
        "The mayor said he would meet the group next week to hear what they have to say.",
        "The pool first opened in 1962 and was last renovated more than thirty years ago."]
ABOUT = ("The Harbor Times is an independent newspaper that has been published in the city "
         "since 1921, and it is owned by a trust that was set up to protect its editorial "
         "independence for the future.")


def test_a_story_of_one_sentence_paragraphs_is_good_and_not_taken_for_the_pages_head():
    # Each paragraph is near-good, none long enough to be good alone: between a menu and
    # a footer all of them turned bad, the site's blurb became the article's run and the
    # story above it was cut as the page's header.
    stoplist = stoplist_for(POOL)
    assert classify([*MENU, *POOL, *FOOTER], stoplist)[len(MENU):-len(FOOTER)] == [
        "good"] * len(POOL)
    result = clean_text("\n\n".join([*POOL, *TEASERS, ABOUT, *FOOTER]))
    assert all(line in result.paragraphs for line in POOL)
    # a teaser list's deks come one under each headline, never in a run
    assert "good" not in classify([*MENU, *TEASERS, *FOOTER], stoplist)


def test_the_sentences_that_end_the_text_under_the_articles_run_are_its_last_words():
    # The lead is good, the short sentences under it are bad for want of a good line
    # below: the copy ends with the article, not with a footer's links, so they stay.
    lead = ("A jury on Thursday found a man guilty of murder in the deaths of a woman and "
            "her unborn child, after a trial that lasted a little more than a week.")
    tail = ["The man was accused of shooting the woman at a lake.",
            "Prosecutors said he shot her after an argument.",
            "Her body was found in a car two days later.",
            "He faces life in prison.",
            "He will be sentenced in November."]
    result = clean_text("\n\n".join([*MENU, *TEASERS, "Man found guilty of lake murder",
                                     lead, *tail]))
    assert all(line in result.paragraphs for line in [lead, *tail])
    footer = clean_text("\n\n".join([*MENU, *TEASERS, "Man found guilty of lake murder",
                                     lead, *tail, *FOOTER]))
    assert not set(FOOTER) & set(footer.paragraphs)


# A sports brief of short statements, each a paragraph of its own, all about one
# player: too short for jusText to judge by its stop words.
BRIEF = ["The Harbor City Pilots placed Marco Reyes on injured reserve on Tuesday.",
         "Reyes hurt his knee in Sunday's loss to the Lakeside Rams.",
         "He is the third receiver the Pilots have lost this month.",
         "The team signed Tom Ueda to replace Reyes on the roster."]
# a survey notice: it speaks to the reader, and its other sentences share no topic word
SURVEY = ["Welcome to the new look of our article pages.",
          "Tell us what you think of it in a short survey.",
          "The survey takes about two minutes to complete.",
          "Answers are anonymous and are not shared with advertisers."]
# a site's blurbs: statements, but each about something else
BLURBS = ["The Harbor Times is published every morning.",
          "Subscriptions start at four dollars a week.",
          "Our offices are closed on public holidays."]


def _alone(texts: list[str]) -> list[bool]:
    return [True] * len(texts)


def test_short_statements_that_share_their_topic_are_good():
    # Under a menu and over a footer the brief's lines were short among bad ones, so
    # bad; they share a name and a team, so they are one story.
    stoplist = stoplist_for(BRIEF)
    texts = [*MENU, *BRIEF, *FOOTER]
    assert classify(texts, stoplist, None, _alone(texts))[len(MENU):-len(FOOTER)] == [
        "good"] * len(BRIEF)
    for junk in (SURVEY, BLURBS):
        texts = [*MENU, *junk, *FOOTER]
        assert "good" not in classify(texts, stoplist, None, _alone(texts))


def test_a_line_of_a_list_or_a_definition_does_not_tie_a_run():
    stoplist = stoplist_for(BRIEF)
    # set one under the other in one block, the statements are a list's lines
    assert "good" not in classify([*MENU, *BRIEF, *FOOTER], stoplist, None,
                                  [True] * len(MENU) + [False] * len(BRIEF)
                                  + [True] * len(FOOTER))
    # a writer's blurb under the brief names its subject without being its text
    bio = "Marco Reyes is a freelance writer for the Harbor Times."
    texts = [*MENU, *BRIEF[:3], bio, *FOOTER]
    assert classify(texts, stoplist, None, _alone(texts))[len(MENU) + 3] == "bad"


def test_a_brief_under_a_sites_blurb_is_not_cut_as_its_footer():
    # The site's long blurb above the menus was the page's only good line, so the
    # frame cut took the brief below it with the footer; the survey notice and the
    # blurbs under the same frame still go.
    result = clean_text("\n\n".join([*MENU, ABOUT, *MENU, *BRIEF, *FOOTER]))
    assert all(line in result.paragraphs for line in BRIEF)
    for junk in (SURVEY, BLURBS):
        result = clean_text("\n\n".join([*MENU, ABOUT, *MENU, *junk, *FOOTER]))
        assert not set(junk) & set(result.paragraphs)



def test_a_possessive_names_what_its_word_names_and_a_contraction_is_no_topic():
    # "Quinn's" ties the agent's sentence to the two about Quinn: three tied statements
    signing = ["The Harbor City Pilots signed Marta Quinn to a two-year contract on Monday.",
               "Quinn's agent confirmed the deal in a short statement.",
               "The Pilots said Quinn would join the squad for training next week."]
    stoplist = stoplist_for(signing)
    texts = [*MENU, *signing, *FOOTER]
    assert classify(texts, stoplist, None, _alone(texts))[len(MENU):-len(FOOTER)] == [
        "good"] * len(signing)
    # "it's" and "that's" are the function words "it" and "that", which tie nothing
    assert topic_words("Quinn's agent said it's done and that's that.", stoplist) == {
        "quinn", "agent", "done"}


OFF_TOPIC_HEADS = ["Museum Reopens Its Maritime Wing This Spring",
                   "Council Votes on New Budget for Schools",
                   "Marathon Route Changes Announced for Sunday"]
# the line right above the first paragraph may be the article's own first heading
LAST_HEAD = "Ferry Timetable for the Winter Published"


def test_other_stories_headlines_between_the_headline_and_the_article_go():
    # a page sets headlines of other stories between the story's headline and its first
    # paragraph; none speaks of what the article or its headline speaks of
    zone = [*OFF_TOPIC_HEADS, LAST_HEAD]
    page = [*MENU, "", TITLE, "", *zone, "", B1, "", B2, "", B3, "", *FOOTER]
    result = clean_text("\n".join(page))
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in OFF_TOPIC_HEADS} == {"off-topic"}
    assert result.paragraphs == [LAST_HEAD, B1, B2, B3]
    # under the byline and date of a pasted story, without the site's menus, as well
    pasted = [TITLE, "By Maria Lopez", "November 4, 2026", "", *zone, "", B1, "", B2, "",
              B3]
    assert clean_text("\n".join(pasted)).paragraphs == [LAST_HEAD, B1, B2, B3]
    # two such lines are a kicker and a section's name as often: they stay
    two = clean_text("\n".join([TITLE, "", *zone[1:], "", B1, "", B2, "", B3]))
    assert "off-topic" not in two.removed_reasons
    kept = clean_text("\n".join(page), options=CleanOptions(off_topic_heads=False))
    assert set(OFF_TOPIC_HEADS) <= set(kept.paragraphs)
    # a heading right over a sentence heads the text that sentence opens: it stays
    note = "This report was written by the paper's labour desk."
    headed = clean_text("\n".join([TITLE, "", *OFF_TOPIC_HEADS, "", LAST_HEAD, note, "",
                                    B1, "", B2, "", B3]))
    assert headed.paragraphs[:2] == [LAST_HEAD, note]
    assert set(OFF_TOPIC_HEADS).isdisjoint(headed.paragraphs)


def test_the_first_lines_of_a_hard_wrapped_paragraph_are_no_headings():
    # a paragraph wrapped at a fixed width: its first lines end no sentence and open
    # with a capital, but they are the article's first paragraph, not headings over it
    wrapped = ["The walkout was led by veteran organiser Ana Ruiz, who told",
               "Reuters outside the gates at dawn that nobody would go",
               "back to work until the operator withdrew its plans for remote cranes."]
    page = [TITLE, "", *OFF_TOPIC_HEADS, LAST_HEAD, "", *wrapped, "", B2, "", B3]
    result = clean_text("\n".join(page))
    assert all(line in " ".join(result.paragraphs) for line in wrapped)


def test_a_dek_and_an_infobox_of_the_storys_own_topic_stay():
    # headings in a row under the headline, as the other stories' were, but speaking of
    # the strike: its union, its cranes, its cargo
    dek = "Union Says Crane Drivers Will Stay Out Until the Plans Are Dropped"
    infobox = ["Cranes on the Quay: 24", "Cargo Handled Last Year: 2.1 Million Boxes",
               "Union Members on the Docks: 640"]
    page = [TITLE, "", dek, "", *infobox, "", B1, "", B2, "", B3]
    result = clean_text("\n".join(page))
    assert result.title == TITLE
    assert result.paragraphs == [dek, *infobox, B1, B2, B3]


BOX_HEADS = ["Library Extends Opening Hours for Students",
             "Teenager Wins National Chess Title",
             "Rainfall Record Broken in the Valley",
             "Bakery Celebrates Its Hundredth Year",
             "New Cycle Lane Opens on Bridge Road"]


def test_a_box_of_other_stories_headlines_between_paragraphs_goes():
    # headlines of other stories the page sets, unlabelled, between the article's second
    # and third paragraphs
    page = [*MENU, "", TITLE, "", B1, "", B2, "", *BOX_HEADS, "", B3, "",
            *FOOTER]
    result = clean_text("\n".join(page))
    reasons = dict(zip(result.removed, result.removed_reasons, strict=True))
    assert {reasons[line] for line in BOX_HEADS[:-1]} == {"off-topic"}
    # the last, right over a paragraph, may head it as the article's own subhead
    assert result.paragraphs[-4:] == [B1, B2, BOX_HEADS[-1], B3]
    kept = clean_text("\n".join(page), options=CleanOptions(off_topic_between=False))
    assert set(BOX_HEADS) <= set(kept.paragraphs)
    # three such lines may be the article's own short list: they stay
    three = clean_text("\n".join([TITLE, "", B1, "", B2, "", *BOX_HEADS[:3], "", B3]))
    assert set(BOX_HEADS[:3]) <= set(three.paragraphs)


def test_subheads_of_the_articles_own_topic_between_paragraphs_stay():
    # the article's own subheads speak of its strike, its port, its cranes
    subheads = ["What the Union Wants From the Operator",
                "How Long the Port Can Stay Closed",
                "Crane Drivers Fear Remote Equipment"]
    page = [TITLE, "", B1, "", *subheads, "", B2, "", B3]
    result = clean_text("\n".join(page))
    assert result.paragraphs == [B1, *subheads, B2, B3]


def test_rows_of_a_legend_or_list_between_paragraphs_stay():
    # a chart's legend: rows that repeat their words are one list the article sets
    legend = ["Fewer than ten sailings", "More than ten sailings",
              "More than twenty sailings", "More than fifty sailings"]
    page = [TITLE, "", B1, "", *legend, "", B2, "", B3]
    result = clean_text("\n".join(page))
    assert set(legend) <= set(result.paragraphs)


def test_a_paragraphs_broken_lines_between_paragraphs_are_no_headings():
    # a list entry's year over its description, broken into lines that open with
    # capitals; the line that opens in lowercase shows they are one paragraph
    entry = ["1987", "The Last Walkout Closed the Old North Quay",
             "For Eleven Days as Volunteers From Glen Ardle Brought Flasks and",
             "Blankets to the Gates, Where Hauliers Waited With Lorries All Along",
             "the coast road until the council paid for the cleanup"]
    page = [TITLE, "", B1, "", *entry, "", B2, "", B3]
    result = clean_text("\n".join(page))
    assert "off-topic" not in result.removed_reasons
    assert all(line in " ".join(result.paragraphs) for line in entry[1:])


def _between(block: list[str], above: str = B2) -> tuple[list[str], list[str]]:
    """The paragraphs kept with the article's own lists spared, and without."""
    page = [*MENU, "", TITLE, "", B1, "", above, "", *block, "", B3, "", *FOOTER]
    text = "\n".join(page)
    return (clean_text(text).paragraphs,
            clean_text(text, options=CleanOptions(own_lists=False)).paragraphs)


def test_an_articles_own_numbered_list_between_paragraphs_stays():
    # a day-by-day timeline: rows of one shape, each with its number, that share no
    # word with the prose
    days = ["Day 1 Pickets Gather at Gate Four", "Day 2 Talks Collapse After Midnight",
            "Day 3 Ferry Services Suspended", "Day 4 Mediator Called In",
            "Day 5 Both Sides Meet in Private"]
    kept, unguarded = _between(days)
    assert set(days) <= set(kept)
    assert not set(days[:-1]) & set(unguarded)


def test_an_articles_own_list_of_names_and_roles_between_paragraphs_stays():
    people = ["Maria Okafor, welder", "Daniel Price, shop steward",
              "Aisha Bello, forklift mechanic", "Peter Lindqvist, night foreman",
              "Grace Mensah, treasurer"]
    kept, unguarded = _between(people)
    assert set(people) <= set(kept)
    assert not set(people[:-1]) & set(unguarded)


def test_an_articles_own_list_written_as_running_text_stays():
    # items of a list written as text, not set as titles as other stories' headlines are
    steps = ["Keep the receipt for every shift worked",
             "Ask the steward for a claim form",
             "Hand it in at the welfare office",
             "Expect a reply within a fortnight",
             "Appeal in writing if the claim is refused"]
    kept, unguarded = _between(steps)
    assert set(steps) <= set(kept)
    assert not set(steps[:-1]) & set(unguarded)


def test_a_list_a_sentence_announces_stays_and_a_labelled_box_goes():
    demands = ["Fresh Talks at the Labour Office", "Overtime Rules for Night Shifts",
               "A Pension Review by Spring", "Safety Training for New Recruits",
               "Two Extra Rest Days Each Year"]
    announced = B2[:-1] + ". The union listed five demands:"
    kept, unguarded = _between(demands, above=announced)
    assert set(demands) <= set(kept)
    assert not set(demands[:-1]) & set(unguarded)
    # a box's label ends in a colon too, but announces no list of the article
    boxed, _ = _between(["More stories:", *BOX_HEADS])
    assert not set(BOX_HEADS[:-1]) & set(boxed)
