"""Script smuggled into content does not run: 60 payloads through Markdown fields, page
titles and the search box, rendered in headless Chromium.

The site's Content-Security-Policy would block inline script anyway; these pages are
loaded with it bypassed, so what is tested is the escaping and sanitising itself. Every
payload calls ``xss(n)``; the test fails if any call arrives.
"""

import pytest

from tests.factories import PracticeFactory

pytestmark = pytest.mark.browser

CALL = "xss({n})"
TEMPLATES = [
    "<script>{call}</script>",
    "<SCRIPT>{call}</SCRIPT>",
    "<script src=data:text/javascript,{call}></script>",
    "<img src=x onerror={call}>",
    '<img src="x" onerror="{call}">',
    "<IMG SRC=x OnErRoR={call}>",
    "<img src=x:alert onerror=javascript:{call}>",
    "<svg onload={call}>",
    "<svg><script>{call}</script></svg>",
    "<svg><animate onbegin={call} attributeName=x dur=1s>",
    "<body onload={call}>",
    "<iframe src=javascript:{call}></iframe>",
    '<iframe srcdoc="<script>parent.{call}</script>"></iframe>',
    "<object data=javascript:{call}></object>",
    "<embed src=javascript:{call}>",
    "<details open ontoggle={call}>",
    "<video><source onerror={call}></video>",
    "<audio src=x onerror={call}>",
    "<input autofocus onfocus={call}>",
    "<select autofocus onfocus={call}>",
    "<textarea autofocus onfocus={call}>",
    "<marquee onstart={call}>x</marquee>",
    "<div onmouseover={call} style=position:fixed;inset:0>x</div>",
    '<a href="javascript:{call}" id=xss-link-{n}>klik</a>',
    '<a href="JaVaScRiPt:{call}" id=xss-link-{n}>klik</a>',
    '<a href="&#106;avascript:{call}" id=xss-link-{n}>klik</a>',
    '<a href="data:text/html,<script>{call}</script>" id=xss-link-{n}>klik</a>',
    "[klik](javascript:{call})",
    "[klik](JAVASCRIPT:{call})",
    "[klik](&#x6A;avascript:{call})",
    "![x](javascript:{call})",
    '![x](x" onerror="{call})',
    "<form action=javascript:{call}><button id=xss-button-{n}>x</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror={call}>",
    '<noscript><p title="</noscript><img src=x onerror={call}>">',
    '"><script>{call}</script>',
    "'><img src=x onerror={call}>",
    "</textarea><script>{call}</script>",
    "</title><script>{call}</script>",
    "<style>@import 'javascript:{call}';</style>",
    "<link rel=stylesheet href=javascript:{call}>",
    '<meta http-equiv=refresh content="0;url=javascript:{call}">',
    "<base href=javascript:{call}//>",
    "<isindex type=image src=x onerror={call}>",
    "<img src=`x` onerror={call}>",
    "<img/src=x/onerror={call}>",
    "<img src=x onerror\n={call}>",
    "<scr<script>ipt>{call}</scr</script>ipt>",
    "<<script>script>{call}<</script>/script>",
    "<script>/*</script><script>*/{call}</script>",
    "`<img src=x onerror={call}>`",
    "    <script>{call}</script>",
    "<!--><script>{call}</script>-->",
    "<![CDATA[<script>{call}</script>]]>",
    "<x onclick={call} id=xss-click-{n}>klik</x>",
    '<span style="background:url(javascript:{call})">x</span>',
    "<table background=javascript:{call}>",
    "<template><script>{call}</script></template>",
    "{{{{constructor.constructor('{call}')()}}}}",
    "<portal src=javascript:{call}></portal>",
]
PAYLOADS = [template.format(call=CALL.format(n=n), n=n) for n, template in enumerate(TEMPLATES)]


@pytest.fixture
def watched(page):
    """The page, with ``xss`` defined before any content script could call it."""
    calls = []
    page.expose_function("reportXss", lambda n: calls.append(n))
    page.add_init_script("window.xss = (n) => window.reportXss(n);")
    return page, calls


def poke(page):
    """Give handlers that need a user a chance: click the smuggled links and buttons."""
    for selector in ("[id^=xss-link-]", "[id^=xss-button-]", "[id^=xss-click-]"):
        for element in page.locator(selector).all():
            element.click(no_wait_after=True, timeout=2_000, force=True)
    page.mouse.move(200, 200)
    page.wait_for_timeout(300)


def test_there_are_at_least_fifty_payloads():
    assert len(set(PAYLOADS)) >= 50


def test_the_harness_notices_a_payload_that_runs(watched):
    page, calls = watched
    page.goto("/zoeken/")
    page.set_content(PAYLOADS[3])  # unescaped on purpose: <img src=x onerror=xss(3)>
    page.wait_for_timeout(300)
    assert calls == [3]


def test_markdown_fields_render_no_script(watched, site):
    page, calls = watched
    body = "\n\n".join(PAYLOADS)
    practice = PracticeFactory(
        title="Verhalen uit de wijk",
        summary=body[:600],
        background=body,
        approach=body,
        lessons_learned=body,
    )
    page.goto(practice.url)
    poke(page)
    assert calls == []


def test_titles_render_no_script_in_pages_listings_and_search(watched, site):
    page, calls = watched
    practices = [
        PracticeFactory(title=f"Kraanvogel {n} {payload}"[:255], summary="Over de kraanvogel.")
        for n, payload in enumerate(PAYLOADS)
    ]
    page.goto("/zoeken/?q=kraanvogel")
    poke(page)
    page.goto(practices[0].get_parent().url)
    poke(page)
    for practice in practices[:: len(practices) // 6]:
        page.goto(practice.url)
        poke(page)
    assert calls == []


def test_the_search_box_reflects_no_script(watched, site):
    page, calls = watched
    for payload in PAYLOADS:
        page.goto("/zoeken/", wait_until="domcontentloaded")
        page.get_by_label("Zoekterm").fill(payload)
        page.get_by_label("Zoekterm").press("Enter")
        page.wait_for_load_state("domcontentloaded")
    assert calls == []
