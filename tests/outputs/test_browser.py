"""`jmgraph serve` in a real browser: Debian's Chromium, headless, driven by Selenium
through Debian's chromedriver (both installed by .ci/run): the query page, and a person's
page followed to a visit and its highlighted sentence, the API and its OpenAPI document."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jmgraph.query import queries
from jmgraph.rdf.vocab import ID_NS
from jmgraph.store.local import opened

from ..conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()

pytestmark = [
    pytest.mark.slow, pytest.mark.interop,
    # in CI (.ci/run installs Chromium) a missing browser is a failure, not a skip
    pytest.mark.skipif(not HAVE_BROWSER and not os.environ.get("CI"),
                       reason="Chromium and chromedriver are not installed (.ci/run installs "
                              "them: apt-get install chromium chromium-driver)"),
]

# As root on a machine without network: no sandbox, no calls home.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")
WAIT_SECONDS = 30


@pytest.fixture
def browser(tmp_path: Path) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def test_query_page_runs_a_saved_query_and_shows_its_rows(
        browser, served_seed: str, seed_store: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    saved = queries.find("partnerships", ROOT / "queries")
    with opened(seed_store) as s:
        local = queries.run(s, saved.text, saved.name)
    labels = [row[local.columns.index("label")].value for row in local.rows]
    assert labels

    wait = WebDriverWait(browser, WAIT_SECONDS)
    browser.get(served_seed + "/sparql")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".CodeMirror")))
    tabs = [t.text.strip() for t in browser.find_elements(By.CSS_SELECTOR, ".tabPanel, .tab")]
    assert "partnerships" in " ".join(tabs) or "partnerships" in browser.page_source
    browser.execute_script(
        "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", saved.text)
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasr table tbody tr")))

    header = [th.text.strip() for th in browser.find_elements(By.CSS_SELECTOR,
                                                               ".yasr table thead th")]
    column = header.index("label")
    shown = [tr.find_elements(By.CSS_SELECTOR, "td")[column].text.strip()
             for tr in browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")]
    assert shown == labels                          # the page shows the store's answer
    assert f"{len(labels)} results" in browser.find_element(By.CSS_SELECTOR, ".yasr").text
    # a resource's link leads to its page here, not to its w3id IRI
    links = [a.get_attribute("href") for a in browser.find_elements(
        By.CSS_SELECTOR, ".yasr table tbody a[href]")]
    assert f"{served_seed}/id/partnership/japan-mongolia/strategic-partnership" in links
    assert not [a for a in links if a.startswith(ID_NS)]

    shot = tmp_path / "query-page.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    if os.environ.get("JMGRAPH_SCREENSHOTS"):       # keep it to look at
        shutil.copy(shot, Path(os.environ["JMGRAPH_SCREENSHOTS"]) / shot.name)


SCREENSHOT = ROOT / "docs" / "serve-visit.png"


def test_pages_lead_from_a_person_to_a_visit_and_its_sentence(browser, served_seed: str,
                                                               tmp_path: Path) -> None:
    """Search a name, open the person, follow a visit, see the sentence it was read from
    highlighted; call the API and read the OpenAPI document.  The screenshot of the visit's
    page is the README's (docs/serve-visit.png, written when JMGRAPH_SCREENSHOTS is set)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT_SECONDS)
    browser.get(served_seed + "/")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=q]")
    box.send_keys("Elbegdorj")
    box.submit()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "ul.found a")))
    browser.find_element(By.CSS_SELECTOR, 'ul.found a[href="/id/person/elbegdorj"]').click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table.visits a")))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tsakhia Elbegdorj"
    link = browser.find_element(By.CSS_SELECTOR,
                                'table.visits a[href="/id/visit/2013-09-elbegdorj-japan"]')
    link.click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "mark.sentence")))
    assert "Visit of Tsakhia Elbegdorj to Japan" in browser.find_element(By.TAG_NAME, "h1").text
    marked = browser.find_element(By.CSS_SELECTOR, "mark.sentence")
    assert "ELBEGDORJ" in marked.text.upper()
    colour = marked.value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")          # highlighted

    shot = tmp_path / SCREENSHOT.name
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    if os.environ.get("JMGRAPH_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["JMGRAPH_SCREENSHOTS"]) / shot.name)

    browser.get(served_seed + "/api/visits?visitor=Elbegdorj&format=json")
    answer = json.loads(browser.find_element(By.TAG_NAME, "body").text)
    assert answer["results"]["bindings"]
    browser.get(served_seed + "/api/openapi.json")
    doc = json.loads(browser.find_element(By.TAG_NAME, "body").text)
    assert "/api/visits" in doc["paths"]
